"""Brand-name check: "can I register this name for my product?"

Red flags are absolute grounds (place names at county level or above, a GI name for goods from
elsewhere, generic or purely descriptive words, misleading claims); amber flags are earlier marks
for the same or similar goods that look or sound alike. The verdict is in plain words and never a
promise. The services supply the facts (place-name index, GI names, candidate earlier marks);
everything here works on plain data.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pypinyin import Style, lazy_pinyin
from rapidfuzz.distance import Levenshtein

from ipdesk.domain import brand_words, rules
from ipdesk.domain.amounts import plural
from ipdesk.domain.brand_words import NameWords, read_name
from ipdesk.domain.i18n import Text, gi_kind_text, sentence_start, status_name
from ipdesk.domain.input_words import brand_name_problem
from ipdesk.domain.text import fold, has_cjk, is_cjk, segments
from ipdesk.domain.trademark_term import (
    LAPSED,
    TM_ENDED_STATUSES,
    TM_NEVER_REGISTERED,
    TM_NOT_RENEWED,
    add_months,
    renewal_term,
    trademark_status,
)
from ipdesk.domain.wizard import (
    LEVEL_CAUTION,
    LEVEL_GO,
    LEVEL_STOP,
    SUMMARY,
    Answer,
    Finding,
    FlowSpec,
    Outcome,
    Question,
)

# A mark's words, as a form would take them: 20 Chinese characters, or 40 characters in all, since an
# English or pinyin name is spelt in letters (Natural Mineral Water is 21).
MAX_NAME_HANZI = 20
MAX_NAME_CHARS = 40
MAX_PLACES_PER_FORM = 3  # 和平区 exists in several cities: name a few, not all
LIST_THRESHOLD = 0.5  # earlier marks scoring below this are not listed
RISKY_THRESHOLD = 0.65  # an earlier mark at or above this makes the verdict "risky"
# At or above this, an earlier mark in force has the same name (or the same in traditional characters) for
# goods of the same similar group (or goods not told apart): "very likely refused" (《商标法》第三十条).
SAME_MARK_THRESHOLD = 0.97
SELLING_CLASS = 35  # services of selling (替他人推销), beside the goods classes 29–33
ENDED_WEIGHT = 0.5  # an earlier mark whose right has ended still deserves a look (it may be revived or re-filed)
# A registration that ended less than a year ago, or on a date not on record: 《商标法》第五十条 still bars the
# same or a similar mark, so it stays a risk (at or above RISKY_THRESHOLD for the same name or sound), but
# below SAME_MARK_THRESHOLD: the year may be over.
ART50_WEIGHT = 0.9
ART50_MONTHS = 12
# An earlier mark in another goods class (29–33): goods may still be similar across classes (the
# 区分表's cross-searches: raw grain in 31 beside rice in 30), so it is listed for a check, below the
# same-group conflicts and never "the same mark exists". The same words or the same sound (0.92 and up)
# there reach RISKY_THRESHOLD, and rank above a mark of the class that only looks alike (福满园 in 31 before
# 香满园 in 30): the goods may be similar, and not knowing must not make the answer milder. A mark that
# only looks or sounds nearly alike there stays below it.
OTHER_CLASS_WEIGHT = 0.72
RENEWAL_LAG_MONTHS = 12  # a renewal may take this long to show in the data after the grace period


@dataclass(frozen=True)
class PlaceName:
    """A division at county level or above, under one of the forms a mark may contain."""

    form: str  # the text to look for (五常 or 五常市)
    code: str
    name: str
    level: int
    path: str = ""  # names above it, e.g. 黑龙江省 哈尔滨市


@dataclass(frozen=True)
class GiName:
    id: int
    name: str
    kind: str
    covers_origin: bool | None = None  # None: the goods' origin was not given
    latin: tuple[str, ...] = ()  # its pinyin and English name, folded and joined (wuchangdami)
    category: str = ""  # the GI list's 类别 (酒类, 水产): which goods its place part speaks of
    # covers the origin, but the data record its area only roughly (gi_eligibility.area_precision): "may"
    origin_rough: bool = False


@dataclass(frozen=True)
class EarlierMark:
    id: int
    reg_no: str
    mark_text: str
    nice_class: int
    groups: tuple[str, ...] = ()
    owner: str = ""
    status: str = ""
    expiry_date: str = ""  # the last day of the term (专用权期限至), ISO; empty when not on record


@dataclass(frozen=True)
class BrandFacts:
    places: tuple[PlaceName, ...] = ()  # only those whose form occurs in the name (see `find_place_names`)
    gis: tuple[GiName, ...] = ()  # only those whose name occurs in the name
    marks: tuple[EarlierMark, ...] = ()  # candidates; `decide` scores and ranks them
    data_as_of: str = ""
    # Trademark records of the class on this computer. With none, "no close earlier mark" means
    # nothing was checked, and `decide` must not say the name looks fine.
    marks_in_class: int = 0
    # Townships named by a word of the name in which place names overlap (龙凤山镇 for 龙凤山, where
    # 龙凤 and 凤山 overlap): see `place_words`; their `form` is the name without 镇/乡/街道.
    towns: tuple[PlaceName, ...] = ()
    today: dt.date | None = None  # the day the check is made (None: today), for earlier marks' terms
    # The other goods classes searched for the same or close marks (`other_goods_classes`): said in a note.
    other_classes: tuple[int, ...] = ()


GOODS_CLASSES = tuple(c for c in rules.BRAND_CLASSES if c != SELLING_CLASS)  # 29–33


def other_goods_classes(nice_class: int) -> tuple[int, ...]:
    """The other goods classes the app carries (29–33) whose marks are searched too for a goods class:
    goods may be similar across classes (the 区分表's cross-searches: raw grain in 31 beside rice in 30,
    fresh fruit in 31 beside processed fruit in 29, tea in 30 beside tea drinks in 32). None for selling
    (35) or another class."""
    if nice_class not in GOODS_CLASSES:
        return ()
    return tuple(c for c in GOODS_CLASSES if c != nice_class)


def compact(text: str) -> str:
    return fold(text).replace(" ", "")


# --- red-flag matching -------------------------------------------------------------------------------

def substrings(text: str, min_len: int = 2) -> set[str]:
    t = compact(text)
    return {t[i:j] for i in range(len(t)) for j in range(i + min_len, len(t) + 1)}


def find_place_names(name: str, index: Mapping[str, list[PlaceName]]) -> list[PlaceName]:
    """Places whose name (or short form) occurs in `name`; longer forms first, one entry per place.
    A form in pinyin (hangzhou) counts only as whole words of the name (Hangzhou, Hang Zhou), never as
    letters inside a word (Hangzhouxyz)."""
    found: dict[str, PlaceName] = {}
    for sub in sorted(substrings(name), key=len, reverse=True):
        for place in index.get(sub, []):
            if not place.form.isascii():
                found.setdefault(place.code, place)
    for span in sorted(brand_words.latin_spans(name), key=len, reverse=True):
        for place in index.get(span, []):
            if place.form.isascii():
                found.setdefault(place.code, place)
    # A short form inside a longer matched form (西湖 inside 西湖区) adds nothing new.
    return sorted(found.values(), key=lambda p: (-len(p.form), p.level, p.code))


def place_index(places: Iterable[PlaceName]) -> dict[str, list[PlaceName]]:
    index: dict[str, list[PlaceName]] = {}
    for p in places:
        index.setdefault(p.form, []).append(p)
    return index


@dataclass(frozen=True)
class PlaceWord:
    """A place name as one word of the name, with every division it may name: 和平 names 和平区 in
    Tianjin and Shenyang and 和平县, and is said once. Forms that overlap inside one word (龙凤 and 凤山
    in 龙凤山) are one word too: the name holds one of them at most, or neither."""

    text: str  # as in the name: 和平; 龙凤山 where forms overlap; a Latin form folded (hangzhou)
    places: tuple[PlaceName, ...]
    forms: tuple[str, ...]  # the place forms it holds (龙凤, 凤山)
    towns: tuple[PlaceName, ...] = ()  # townships the whole word names (龙凤山镇), where forms overlap

    @property
    def overlap(self) -> bool:
        return len(self.forms) > 1

    @property
    def meanings(self) -> dict[str, Text]:
        """The everyday meaning of each form that has one (凤凰: the phoenix)."""
        return {f: rules.PLACE_WORD_MEANINGS[f] for f in self.forms if f in rules.PLACE_WORD_MEANINGS}

    @property
    def soft(self) -> bool:
        """The word may be read otherwise than as the county-level place: an everyday word (凤凰, 和平),
        or overlapping forms inside a township's name or inside everyday words. The examiner decides,
        so it "may be refused" rather than "very likely"."""
        if self.overlap and self.towns:
            return True
        return len(self.meanings) == len(self.forms)


def place_words(name: str, places: Iterable[PlaceName], towns: Iterable[PlaceName] = ()) -> list[PlaceWord]:
    """The found places (`find_place_names`) as words of the name: the Chinese ones in the order of the
    name, then those in Latin letters (each its own word, as found). A form inside a longer form found
    at the same place (青山 in 青山湖, 五常 in 五常市) is part of that one; forms that overlap without one
    holding the other (龙凤 and 凤山 in 龙凤山) are one word, with the townships of `towns` named by the
    whole word."""
    text = compact(name)
    places = list(places)
    spans: list[tuple[int, int, PlaceName]] = []
    for p in places:
        if p.form.isascii():
            continue
        at = text.find(p.form)
        while at >= 0:
            spans.append((at, at + len(p.form), p))
            at = text.find(p.form, at + 1)
    spans = [s for s in spans if not any(o[0] <= s[0] and s[1] <= o[1] and o[1] - o[0] > s[1] - s[0] for o in spans)]
    spans.sort(key=lambda s: (s[0], -s[1]))
    groups: list[list[tuple[int, int, PlaceName]]] = []
    for span in spans:
        if groups and span[0] < max(s[1] for s in groups[-1]):
            groups[-1].append(span)
        else:
            groups.append([span])
    town_list = list(towns)
    words: dict[str, PlaceWord] = {}
    for group in groups:
        word = text[group[0][0]:max(s[1] for s in group)]
        forms = tuple(dict.fromkeys(s[2].form for s in sorted(group, key=lambda s: s[0])))
        found = words.get(word)
        listed = [*(found.places if found else ()), *(s[2] for s in group)]
        words[word] = PlaceWord(
            word, _ordered_places(listed), forms,
            tuple(t for t in town_list if t.form == word) if len(forms) > 1 else (),
        )
    for p in places:
        if p.form.isascii():
            found = words.get(p.form)
            words[p.form] = PlaceWord(p.form, _ordered_places([*(found.places if found else ()), p]), (p.form,))
    return list(words.values())


def _ordered_places(places: Iterable[PlaceName]) -> tuple[PlaceName, ...]:
    unique = {p.code: p for p in places}
    return tuple(sorted(unique.values(), key=lambda p: (-len(p.form), p.level, p.code)))


MIN_GI_LATIN = 4  # letters: a shorter pinyin form is too often an ordinary word


def contained_gi_names(name: str, gis: Iterable[GiName]) -> list[GiName]:
    """GIs whose Chinese name occurs in `name`, or whose pinyin or English name occurs as whole words
    (Wuchang Dami, wuchangdami, Anxi Tie Guan Yin)."""
    text = compact(name)
    spans = brand_words.latin_spans(name, max_words=8)
    return [g for g in gis if (len(compact(g.name)) >= 2 and compact(g.name) in text)
            or any(len(form) >= MIN_GI_LATIN and form in spans for form in g.latin)]


@functools.cache
def _gi_product_words() -> tuple[str, ...]:
    """Words a GI's name ends with for its product, longest first."""
    words = {*rules.GI_PRODUCT_ENDINGS, *(w for goods in rules.GENERIC_GOODS.values() for w in goods)}
    for crop in rules.CROPS:
        words.update(crop.keywords)
        words.update(crop.name_endings)
    return tuple(sorted((w for w in words if w), key=len, reverse=True))


def gi_place_part(gi_name: str) -> str:
    """The part of a GI's name before the product it names (茅台 of 茅台酒, 阳澄湖 of 阳澄湖大闸蟹, 库尔勒 of
    库尔勒香梨; of a name with another in brackets, 茅台酒（贵州茅台酒）, the first), or "" when the name ends with
    no product word (西湖龙井) or leaves fewer than two characters."""
    folded = compact(re.split(r"[（(]", gi_name, maxsplit=1)[0])
    for word in _gi_product_words():
        if folded.endswith(word) and len(folded) - len(word) >= 2:
            return folded[: -len(word)]
    return ""


def gi_place_parts(name: str, gis: Iterable[GiName], nice_class: int | None = None) -> list[tuple[GiName, str]]:
    """GIs whose place part (`gi_place_part`) is in `name` while their whole name is not (茅台 for 茅台酒), each
    name once; with `nice_class`, only GIs whose goods are sold in that class (rules.GI_CATEGORY_CLASSES)."""
    text = compact(name)
    out: dict[str, tuple[GiName, str]] = {}
    for g in gis:
        part = gi_place_part(g.name)
        if (part and part in text and compact(g.name) not in text and g.name not in out
                and (nice_class is None or nice_class in rules.GI_CATEGORY_CLASSES.get(g.category, ()))):
            out[g.name] = (g, part)
    return list(out.values())


def _gi_as_typed(name: str, gi: GiName, *, en: bool = False) -> str:
    """The GI's name, with the Latin words of `name` it was found as (五常大米 (Wuchang Dami))."""
    if compact(gi.name) in compact(name):
        return gi.name
    spans = brand_words.latin_spans(name, max_words=8)
    span = next((spans[f] for f in gi.latin if f in spans), None)
    if span is None:
        return gi.name
    typed = brand_words.typed_span(name, span)
    return f"{gi.name} ({typed})" if en else f"{gi.name}（{typed}）"


def name_words(name: str, nice_class: int, places: Iterable[PlaceName] = ()) -> NameWords:
    """The goods' generic names and the descriptive, praising and misleading words of the name, in
    Chinese, pinyin or English (brand_words.py), with the place names taken out beside them."""
    return read_name(name, nice_class, (p.form for p in places))


def is_only_descriptive(name: str, nice_class: int, places: Iterable[PlaceName] = ()) -> bool:
    """True when nothing distinctive is left once descriptive words, the goods' generic names and
    place names are taken out (高山富硒大米 for rice, Organic Rice, dami), or only a praising word
    (好米, 优质佳茶, Good Rice). Praise alone, a bare place name or a coined word is not."""
    return name_words(name, nice_class, places).only_plain


# --- similarity --------------------------------------------------------------------------------------

# Sounds rural speakers (and examiners) treat as near: flat/retroflex, n/l, front/back nasals, f/h.
_NEAR_INITIALS = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("l", "n"), ("h", "f"), ("r", "l"))
_NEAR_FINALS = (("ang", "an"), ("eng", "en"), ("ing", "in"), ("uang", "uan"))


def syllables(text: str) -> list[str]:
    """Toneless pinyin syllables of the CJK characters; Latin words are kept as they are."""
    t = compact(text)
    if not has_cjk(t):
        return [t] if t else []
    return [s for s in lazy_pinyin(t, style=Style.NORMAL, errors="default") if s]


def near_sound(syllable: str) -> str:
    s = syllable
    for long, short in _NEAR_INITIALS:
        if s.startswith(long):
            s = short + s[len(long):]
            break
    for long, short in _NEAR_FINALS:
        if s.endswith(long):
            s = s[: -len(long)] + short
            break
    return s


@dataclass(frozen=True)
class Similarity:
    score: float  # 0..1, before the goods weighting
    reasons: tuple[Text, ...]


def units(text: str) -> list[str]:
    """A name as marks are compared: each Chinese character and each Latin word (letters and digits),
    in order, folded (case, width, traditional characters); spaces and punctuation aside. GOLDEN
    HARVEST → golden, harvest; 老王家 → 老, 王, 家."""
    out: list[str] = []
    for kind, seg in segments(fold(text)):
        out.extend(seg if kind == "cjk" else [seg])
    return out or list(compact(text))  # another script (한빛): its characters as they are


def _is_latin(unit: str) -> bool:
    return not is_cjk(unit[0])


def _run_of(longer: list[str], key: str) -> tuple[int, int] | None:
    """Where a run of whole units of `longer` spells `key` (golden + harvest spell goldenharvest)."""
    for i in range(len(longer)):
        joined = ""
        for j in range(i, len(longer)):
            joined += longer[j]
            if joined == key:
                return i, j + 1
            if not key.startswith(joined):
                break
    return None


def _as_typed(text: str) -> str:
    return " ".join(text.split())


def _added_text(n: int, added: list[str]) -> Text:
    """'1 character', '2 words', in both languages."""
    if all(map(_is_latin, added)):
        return Text(f"多{n}个词", plural(n, "word", "words") + " added")
    if not any(map(_is_latin, added)):
        return Text(f"多{n}个字", plural(n, "character", "characters") + " added")
    return Text(f"多{n}个字或词", f"{n} characters or words added")


def _plain_letters(text: str) -> str:
    """Letters and characters as typed, without folding traditional characters."""
    return "".join(seg for _kind, seg in segments(unicodedata.normalize("NFKC", text).lower()))


def _joined_goods_words(a: str, b: str, nice_class: int) -> list[str] | None:
    """Two Latin marks where one's letters begin or end the other's and the rest is only the goods'
    name or descriptive words, written without spaces (GOLDENHARVESTRICE and GOLDEN HARVEST): the
    added words (folded letters), or None. The shorter must not itself be a plain word."""
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    if len(shorter) < 4 or shorter == longer:
        return None
    if longer.startswith(shorter):
        rest = longer[len(shorter):]
    elif longer.endswith(shorter):
        rest = longer[: len(longer) - len(shorter)]
    else:
        return None
    if not read_name(shorter, nice_class).left:
        return None  # sharing only the goods' name or a descriptive word is no likeness
    added = read_name(rest, nice_class)
    if added.left or not added.words:
        return None
    return [w.typed for w in added.words]


def similarity(proposed: str, earlier: str, nice_class: int = 0) -> Similarity:
    """How alike two marks look and sound, and why: characters or words, spelling, pinyin (also a
    name in pinyin against a Chinese mark), traditional/simplified. Latin words count whole: GOLDEN
    HARVEST is inside Golden Harvest Rice, but GOLD is not inside Golden. With `nice_class`, a mark
    contained in the other with only the goods' generic or descriptive words added counts as nearly
    the same (GOLDEN HARVEST and Golden Harvest Rice for rice)."""
    ua, ub = units(proposed), units(earlier)
    a, b = "".join(ua), "".join(ub)
    if not a or not b:
        return Similarity(0.0, ())
    shown_a, shown_b = _as_typed(proposed), _as_typed(earlier)
    if a == b:
        if has_cjk(a) and _plain_letters(proposed) != _plain_letters(earlier):
            return Similarity(0.97, (Text(f"繁简字形不同，但是同一名称（{shown_b} = {shown_a}）",
                                          f"the same name in traditional/simplified characters ({shown_b} = {shown_a})"),))
        if shown_a != shown_b:
            return Similarity(1.0, (Text("文字相同（只是大小写、空格、标点或全半角不同）",
                                         "the same words (only case, spacing, punctuation or width differ)"),))
        return Similarity(1.0, (Text("文字完全相同", "identical text"),))
    reasons: list[Text] = []
    scores: list[float] = [0.0]
    latin_a, latin_b = all(map(_is_latin, ua)), all(map(_is_latin, ub))
    # one inside the other, in whole characters or words
    (longer, shown_long), (shorter, shown_short) = sorted(((ua, shown_a), (ub, shown_b)), key=lambda x: -len("".join(x[0])))
    key = "".join(shorter)
    run = _run_of(longer, key) if len(key) >= 2 else None
    if run is not None and nice_class and not read_name(" ".join(shorter), nice_class).left:
        run = None  # sharing only the goods' name or a descriptive word (FARM, 大米) is no likeness
    if run is not None:
        added = longer[: run[0]] + longer[run[1]:]
        plain = read_name(" ".join(added), nice_class) if nice_class else None
        if plain is not None and not plain.left and plain.words:
            reasons.append(Text(f"“{shown_long}”完整包含“{shown_short}”，多出的只是商品名称或描述性词语",
                                f"\"{shown_long}\" contains all of \"{shown_short}\"; what is added only names or "
                                "describes the goods"))
            scores.append(0.9)
        else:
            extra = len(added)
            more = _added_text(extra, added)
            reasons.append(Text(f"“{shown_long}”完整包含“{shown_short}”（{more.zh}）",
                                f"\"{shown_long}\" contains all of \"{shown_short}\" ({more.en})"))
            scores.append(0.85 if extra == 1 else max(0.6, 0.85 - 0.08 * (extra - 1)))
    if run is None and latin_a and latin_b and nice_class:
        added_words = _joined_goods_words(a, b, nice_class)
        if added_words is not None:
            long_text, short_text = (shown_a, shown_b) if len(a) > len(b) else (shown_b, shown_a)
            joined = " ".join(w.upper() if long_text.isupper() else w.capitalize() for w in added_words)
            reasons.append(Text(f"“{long_text}”连写着完整的“{short_text}”，多出的只是商品名称或描述性词语（{joined}）",
                                f"\"{long_text}\" has all of \"{short_text}\" written in it; what is added only "
                                f"names or describes the goods ({joined})"))
            scores.append(0.9)
            run = (0, 0)  # a containment: no spelling comparison on top
    distance = Levenshtein.distance(a, b)
    char_ratio = 1 - distance / max(len(a), len(b))
    if run is None and latin_a and latin_b:
        if len(ua) > 1 and sorted(ua) == sorted(ub):
            reasons.append(Text("同样的词，顺序不同", "the same words in another order"))
            scores.append(0.85)
        elif char_ratio >= 0.7:
            reasons.append(Text(f"拼写相近：只差{distance}个字母",
                                f"spelt alike: {plural(distance, 'letter', 'letters')} apart"))
            scores.append(char_ratio * 0.9)
    elif run is None:
        shared = [ch for ch in dict.fromkeys(a) if ch in b and is_cjk(ch)]
        if shared and char_ratio >= 0.5:
            reasons.append(Text(
                f"字形相近：共有“{''.join(shared)}”，只差{distance}个字",
                f"look alike: share \"{''.join(shared)}\", {plural(distance, 'character', 'characters')} apart",
            ))
            scores.append(char_ratio * 0.9)
    if has_cjk(a) and has_cjk(b):
        sa, sb = syllables(a), syllables(b)
        pa, pb = " ".join(sa), " ".join(sb)
        if sa == sb:
            reasons.append(Text(f"读音相同（{pa}），字不同", f"sound the same ({pa}) with different characters"))
            scores.append(0.92)
        elif [near_sound(s) for s in sa] == [near_sound(s) for s in sb]:
            reasons.append(Text(f"读音相近（{pa} / {pb}）", f"sound nearly the same ({pa} / {pb})"))
            scores.append(0.82)
        else:
            sound = Levenshtein.normalized_similarity(sa, sb)
            if sound >= 0.5 and len(sa) >= 2 and run is None:
                same = [s for s in dict.fromkeys(sa) if s in sb]
                reasons.append(Text(f"部分读音相同（{' '.join(same)}）", f"partly the same sound ({' '.join(same)})"))
                scores.append(sound * 0.8)
    elif latin_a != latin_b:
        # a name in pinyin against a Chinese mark: Jin Feng Shou and 金丰收
        (letters, shown_latin), (chinese, shown_chinese) = ((a, shown_a), (b, shown_b)) if latin_a else ((b, shown_b), (a, shown_a))
        if not any(map(_is_latin, ub if latin_a else ua)) and "".join(syllables(chinese)) == letters:
            reasons.append(Text(f"读音相同：“{shown_latin}”就是“{shown_chinese}”的拼音",
                                f"sound the same: \"{shown_latin}\" is the pinyin of \"{shown_chinese}\""))
            scores.append(0.85)
    return Similarity(max(scores), tuple(reasons))


def _goods_weight(mark: EarlierMark, nice_class: int, groups: tuple[str, ...]) -> tuple[float, Text]:
    """How far the goods count as similar. A group that was not chosen, or that the earlier mark's record
    lacks, is taken as the same group: not knowing never makes a verdict milder than knowing would."""
    if mark.nice_class != nice_class:
        return OTHER_CLASS_WEIGHT, Text(
            f"另一类别（第{mark.nice_class}类）：商品仍可能类似（区分表 交叉检索），请核对",
            f"another class ({mark.nice_class}): the goods may still be similar (the similar-goods table's "
            "cross-searches): check")
    if not groups:
        return 1.0, Text(f"同一类别（第{nice_class}类）；未选择类似群，按类似商品对待",
                         f"the same class ({nice_class}); no similar group was chosen, so taken as similar goods")
    if not mark.groups:
        return 1.0, Text(f"同一类别（第{nice_class}类）；该商标的类似群本机没有记录，按类似商品对待",
                         f"the same class ({nice_class}); this mark's groups are not on record, so taken as similar goods")
    common = sorted(set(groups) & set(mark.groups))
    if common:
        return 1.0, Text(f"同一类似群（{'、'.join(common)}）：类似商品", f"the same similar group ({', '.join(common)}): similar goods")
    return 0.6, Text("同一类别但不同类似群：一般不算类似商品", "the same class but another group: usually not similar goods")


@dataclass(frozen=True)
class RightState:
    """Where an earlier mark's right stands, as far as the record tells: what to say, and how much the
    mark counts (1.0 live; ART50_WEIGHT ended but within 《商标法》第五十条's year, or on a date not on
    record; ENDED_WEIGHT ended and no longer a bar)."""

    said: Text | None
    weight: float = 1.0
    art50: bool = False  # the one-year bar of Art. 50 is said


def _art50_text(code: str) -> Text:
    """Art. 50 in a sentence, with the non-use exception where the status cannot tell it apart."""
    zh = ("《商标法》第五十条：注册商标被撤销、被宣告无效或者期满不再续展的，自撤销、宣告无效或者注销之日起一年内，"
          "与它相同或近似的商标注册申请不予核准")
    en = ("under Trademark Law Art. 50, for one year from a registration's revocation, invalidation or cancellation "
          "after it was not renewed, applications for the same or a similar mark are not approved")
    if code in ("revoked", "lapsed", "terminated", "invalid"):
        zh += "（按审查实践，因连续三年不使用被撤销的除外；仅凭状态无法判断终止的原因，请查阅公告）"
        en += (" (in examination practice, not for a mark revoked for three years' non-use; the status alone "
               "cannot tell why it ended: check the announcement)")
    return Text(zh, en)


def right_state(mark: EarlierMark, today: dt.date | None = None) -> RightState:
    """What the record says about an earlier mark's right having ended. Its status may say so (期满未续展,
    已注销, 已宣告无效 …); a pending invalidation, opposition or revocation is still a live mark, and so is a
    status that cannot be read. Or its term and the six months' grace (《商标法》第四十条) ended with no
    renewal on record: treated as live for a further RENEWAL_LAG_MONTHS, since records of a renewal
    arrive late. A registration that ended still bars the same or a similar mark for a year from its
    revocation, invalidation or cancellation (《商标法》第五十条): that year is said, with its earliest end
    where the term gives one; where the record has no date the mark stays a risk (ART50_WEIGHT), since not
    knowing must never make a verdict milder. An application refused, withdrawn or abandoned never was a
    registration: no bar."""
    code = trademark_status(mark.status)
    day = today or dt.date.today()
    try:
        expiry: dt.date | None = dt.date.fromisoformat(mark.expiry_date[:10])
    except ValueError:
        expiry = None
    if code in TM_ENDED_STATUSES:
        status = status_name(mark.status)
        ended = Text(f"该商标的权利已经终止（状态：{status.zh}）", f"this mark's right has ended (status: {status.en})")
        if code in TM_NEVER_REGISTERED:
            return RightState(Text(f"{ended.zh}；它没有获得注册，不再妨碍新的申请",
                                   f"{ended.en}; it was never registered and no longer bars a new one"), ENDED_WEIGHT)
        if code in TM_NOT_RENEWED and expiry is not None:
            return _not_renewed(ended, expiry, day, code)
        if code == "cancelled" and expiry is not None:
            # 注销 on an unknown day, but never later than the end of the grace period after its term (a
            # mark not renewed is cancelled then; one cancelled at its owner's request, earlier): once
            # Art. 50's year from that latest day is surely over, it no longer bars (QA round 17, N9)
            grace_until = renewal_term(expiry, day).grace_until
            bar_until = add_months(grace_until, ART50_MONTHS)
            if day > add_months(bar_until, RENEWAL_LAG_MONTHS):
                art50 = _art50_text(code)
                return RightState(Text(
                    f"{ended.zh}；{art50.zh}。注销的日期本机没有记录，但最晚在专用权期限{expiry.isoformat()}届满后的宽展期"
                    f"结束时注销，这一年最晚于{bar_until.isoformat()}前后已经过去",
                    f"{ended.en}; {art50.en}. The date of cancellation is not in the offline data, but it was at the "
                    f"latest when the grace period after the term ending {expiry.isoformat()} ran out, so that year "
                    f"ended around {bar_until.isoformat()} at the latest"), ENDED_WEIGHT, True)
        art50 = _art50_text(code)
        return RightState(Text(f"{ended.zh}，但终止的日期本机没有记录；{art50.zh}：请在商标网上查到终止的公告日期，"
                               "满一年后它才不再妨碍新的申请",
                               f"{ended.en}, but the date it ended is not in the offline data; {art50.en}: find the "
                               "date of the announcement in CNIPA's online trademark database, as the mark bars a new "
                               "one until a year after it"), ART50_WEIGHT, True)
    if expiry is None:
        return RightState(None)
    term = renewal_term(expiry, day)
    if term.stage != LAPSED:
        return RightState(None)
    said = Text(f"该商标的专用权期限已于{expiry.isoformat()}届满，宽展期至{term.grace_until.isoformat()}也已过去，"
                "本机数据中没有续展记录",
                f"this mark's term ended on {expiry.isoformat()} and the grace period on {term.grace_until.isoformat()}, "
                "with no renewal in the offline data")
    if day <= add_months(term.grace_until, RENEWAL_LAG_MONTHS):
        return RightState(Text(f"{said.zh}；续展的记录可能还没有更新到本机，仍按有效商标对待",
                               f"{said.en}; a renewal may not have reached this computer yet, so it is still treated "
                               "as valid"))
    return _not_renewed(Text(f"{said.zh}：除非已经续展，它已不再有效", f"{said.en}: unless it was renewed, it is no longer valid"),
                        expiry, day, "expired")


def _not_renewed(ended: Text, expiry: dt.date, day: dt.date, code: str) -> RightState:
    """A registration not renewed: cancelled (注销) once the grace period is over, on a day the record does
    not give, so Art. 50's year ends ART50_MONTHS after the grace period at the earliest. Counted as over
    RENEWAL_LAG_MONTHS after that (a cancellation is announced, and reaches the data, late)."""
    grace_until = renewal_term(expiry, day).grace_until
    bar_until = add_months(grace_until, ART50_MONTHS)
    art50 = _art50_text(code)
    if day > add_months(bar_until, RENEWAL_LAG_MONTHS):
        return RightState(Text(f"{ended.zh}；{art50.zh}，按宽展期结束的日期算，这一年已于{bar_until.isoformat()}前后过去",
                               f"{ended.en}; {art50.en}, and counted from the end of the grace period that year "
                               f"ended around {bar_until.isoformat()}"), ENDED_WEIGHT, True)
    return RightState(Text(f"{ended.zh}；但{art50.zh}。注销的日期本机没有记录，这一年最早于{bar_until.isoformat()}结束",
                           f"{ended.en}; but {art50.en}. The date of cancellation is not in the offline data: that "
                           f"year ends on {bar_until.isoformat()} at the earliest"), ART50_WEIGHT, True)


def ended_reason(mark: EarlierMark, today: dt.date | None = None) -> tuple[Text | None, bool]:
    """What the record says about an earlier mark's right having ended (`right_state`), and whether it no
    longer bars a new one (True)."""
    state = right_state(mark, today)
    return state.said, state.weight <= ENDED_WEIGHT


def rank_marks(name: str, nice_class: int, groups: tuple[str, ...], marks: Iterable[EarlierMark],
               today: dt.date | None = None) -> list[Finding]:
    """Earlier marks ranked by how confusable they are, each with why. A mark whose right has ended
    (`right_state`) counts less, and says so: half once it no longer bars a new mark, a little less while
    《商标法》第五十条's year may still run (a risk, never "the same mark exists")."""
    out: list[Finding] = []
    for m in marks:
        sim = similarity(name, m.mark_text, nice_class)
        if sim.score <= 0:
            continue
        weight, goods_reason = _goods_weight(m, nice_class, groups)
        reasons = [*sim.reasons, goods_reason]
        state = right_state(m, today)
        weight *= state.weight
        if state.said is not None:
            reasons.append(state.said)
        score = sim.score * weight
        if score < LIST_THRESHOLD:
            continue
        subtitle = " · ".join(x for x in (m.reg_no, f"{m.nice_class}", m.owner) if x)
        out.append(Finding("trademark", m.id, m.mark_text, subtitle, "amber", tuple(reasons), score))
    out.sort(key=lambda f: (-f.score, f.title))
    return out


# --- the flow ----------------------------------------------------------------------------------------

QUESTIONS = {
    "name": Question("name", Text("想注册什么名称？", "Which name do you want to register?"),
                     Text("输入商标文字（最多20个汉字或40个字母）。",
                          "Type the words of the mark (at most 20 Chinese characters or 40 letters).")),
    "goods": Question("goods", Text("用在什么商品上？", "For which goods?"),
                      Text("选择类别（29–33类是商品，35类是销售服务）和类似群。",
                           "Choose the class (29–33 for goods, 35 for selling) and the similar groups.")),
    SUMMARY: Question(SUMMARY, Text("请核对您的回答", "Check your answers")),
}


def name_problems(name: str) -> list[Text]:
    n = " ".join((name or "").split())
    if not n:
        return [Text("请输入要检查的名称。", "Type the name to check.")]
    wordless = brand_name_problem(n)
    if wordless is not None:
        return [wordless]
    if len(n) > MAX_NAME_CHARS or sum(map(is_cjk, n)) > MAX_NAME_HANZI:
        # this check's limit, not the law's (which sets none): said so, so that it reads as no legal rule
        return [Text(f"名称过长：本核查只检查不超过{MAX_NAME_HANZI}个汉字或{MAX_NAME_CHARS}个字母的名称"
                     "（法律没有规定字数；商标名称通常都很短）。",
                     f"The name is too long for this check, which takes at most {MAX_NAME_HANZI} Chinese "
                     f"characters or {MAX_NAME_CHARS} letters (the law sets no limit; marks are usually short).")]
    return []


def class_problems(nice_class: Any) -> list[Text]:
    if not isinstance(nice_class, int) or not 1 <= nice_class <= 45:
        return [Text("类别应在1到45之间。", "The class must be between 1 and 45.")]
    return []


def group_code(typed: Any) -> str:
    """A similar-group code as typed, without spaces and in half-width digits (３００８ → 3008)."""
    return unicodedata.normalize("NFKC", str(typed)).strip()


def _code_ranges(codes: Iterable[str]) -> str:
    """3001–3019 for a run of consecutive codes, 3001、3003 otherwise (runs joined by 、)."""
    runs: list[list[str]] = []
    for c in sorted(codes):
        if runs and c.isdigit() and runs[-1][-1].isdigit() and int(c) == int(runs[-1][-1]) + 1:
            runs[-1].append(c)
        else:
            runs.append([c])
    return "、".join(r[0] if len(r) == 1 else f"{r[0]}–{r[-1]}" if len(r) > 2 else f"{r[0]}、{r[1]}" for r in runs)


def group_problems(nice_class: int, groups: Iterable[Any], known: Iterable[str]) -> list[Text]:
    """What is wrong with the similar groups given for a class: each must be one of the class's groups
    on this computer (`known`), four digits whose first two are the class (3008 in class 30). A typo
    must be refused, not compared: a group that is no earlier mark's would make an identical mark look
    like goods of another group. Says which groups the class has, or how to go on without them."""
    known = sorted(set(known))
    listing = _code_ranges(known)
    if known:
        help_zh = f"第{nice_class}类的类似群是：{listing}。不确定可以不填类似群，将按整个类别比较。"
        help_en = (f"The groups of class {nice_class} are {listing.replace('、', ', ')}. If unsure, give no group and "
                   "the whole class is compared.")
    else:
        help_zh = "请不填类似群，将按整个类别比较。"
        help_en = "Give no group and the whole class is compared."
    for typed in groups:
        code = group_code(typed)
        if code in known:
            continue
        if not (len(code) == 4 and code.isascii() and code.isdigit()):
            why = Text(f"类似群“{code}”不对：类似群是4位数字，前两位是类别（如第30类的3008）。",
                       f"\"{code}\" is not a similar group: a group is 4 digits, the first two its class "
                       "(3008 in class 30).")
        elif int(code[:2]) != nice_class and 1 <= int(code[:2]) <= 45:
            why = Text(f"类似群{code}属于第{int(code[:2])}类，不是第{nice_class}类。",
                       f"Group {code} belongs to class {int(code[:2])}, not class {nice_class}.")
        elif known:
            why = Text(f"第{nice_class}类没有类似群{code}。", f"Class {nice_class} has no group {code}.")
        else:
            why = Text(f"本机没有第{nice_class}类的类似群表，无法核对类似群{code}。",
                       f"This computer has no table of the similar groups of class {nice_class}, so group {code} "
                       "cannot be checked.")
        return [Text(f"{why.zh}{help_zh}", f"{why.en} {help_en}")]
    return []


def _answers(data: Mapping[str, Any]) -> list[Answer]:
    out = []
    if data.get("name"):
        out.append(Answer(QUESTIONS["name"].title, Text(str(data["name"]), str(data["name"]))))
    if data.get("nice_class"):
        groups = tuple(data.get("groups") or ())
        klass = int(data["nice_class"])
        words = rules.BRAND_CLASS_WORDS.get(klass)
        zh = f"第{klass}类" + (f"（{words.zh}）" if words else "") + (f"，类似群 {'、'.join(groups)}" if groups else "")
        en = f"class {klass}" + (f" ({words.en})" if words else "") + (f", groups {', '.join(groups)}" if groups else "")
        out.append(Answer(QUESTIONS["goods"].title, Text(zh, en)))
    if data.get("origin_label"):
        label = str(data["origin_label"])
        out.append(Answer(Text("商品产地", "Where the goods come from"), Text(label, label)))
    return out


BRAND_FLOW = FlowSpec(
    name="brand_check",
    questions=QUESTIONS,
    first="name",
    next_rules={"name": lambda d: "goods", "goods": lambda d: SUMMARY},
    problem_rules={"name": lambda d: name_problems(str(d.get("name") or "")),
                   "goods": lambda d: class_problems(d.get("nice_class"))},
    answer_rule=_answers,
)


# --- the decision ------------------------------------------------------------------------------------

def _place_reason(name: str, place: PlaceName, where: str) -> Text:
    if not place.form.isascii():
        return Text(f"含有县级以上行政区划名称“{place.form}”（{where}）",
                    f"contains \"{place.form}\", the name of {where}, a division at county level or above")
    span = brand_words.latin_spans(name).get(place.form)
    typed = brand_words.typed_span(name, span) if span else place.form
    named = f"{place.name}（{place.path}）" if place.path else place.name
    named_en = f"{place.name} ({place.path})" if place.path else place.name
    rule = rules.PINYIN_PLACE_RULE
    return Text(f"含有“{typed}”，即“{named}”的拼音或外文名称（{rule.zh}）",
                f"contains \"{typed}\", {named_en} in pinyin or English ({rule.en})")


PLACE_EXCEPTIONS = Text("例外：地名另有其他含义，或作为集体商标、证明商标的组成部分",
                        "exceptions: the place name has another meaning, or is part of a collective or certification mark")
SOFT_PLACE = "place_meaning"  # a finding's group: a place name read otherwise too, "may be refused"


def _where(place: PlaceName) -> str:
    return f"{place.path} {place.name}".strip()


def _wheres(places: Iterable[PlaceName]) -> tuple[str, str, int]:
    """The places (at most MAX_PLACES_PER_FORM of them, then 等 / and others), in Chinese and in
    English, and how many there are."""
    places = list(places)
    shown = [_where(p) for p in places[:MAX_PLACES_PER_FORM]]
    more = len(places) > MAX_PLACES_PER_FORM
    zh = "；".join(shown) + ("等" if more else "")
    if more:
        en = ", ".join(shown) + " and others"
    else:
        en = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]
    return zh, en, len(places)


def _of_form(word: PlaceWord, form: str) -> list[PlaceName]:
    return [p for p in word.places if p.form == form]


def _place_word_reason(name: str, word: PlaceWord) -> Text:
    """One reason for a place word, whatever the number of divisions of that name."""
    if word.text.isascii():
        return _place_reason(name, word.places[0], _where(word.places[0]))
    if not word.overlap:
        zh, en, n = _wheres(word.places)
        division = "a division at county level or above" if n == 1 else "divisions at county level or above"
        stated = Text(f"含有县级以上行政区划名称“{word.text}”（{zh}）", f"contains \"{word.text}\", the name of {en}, {division}")
        meaning = word.meanings.get(word.text)
        if meaning is None:
            return stated
        return Text(f"{stated.zh}，但“{word.text}”另有其他含义（{meaning.zh}），不一定被看作地名",
                    f"{stated.en}; but \"{word.text}\" also means {meaning.en}, so it may not be read as the place")
    parts = [(f, _wheres(_of_form(word, f))) for f in word.forms]
    named_zh = "、".join(f"“{f}”（{w[0]}）" for f, w in parts)
    named_en = " and ".join(f"\"{f}\" ({w[1]})" for f, w in parts)
    if word.towns:
        town_zh, town_en, _n = _wheres(word.towns)
        return Text(f"“{word.text}”是乡镇名称（{town_zh}），乡镇名称不在县级以上行政区划之列；其中交叠的{named_zh}"
                    "只是这一个词的一部分，不是两个地名",
                    f"\"{word.text}\" is the name of a township ({town_en}), below county level; {named_en} overlap "
                    "inside it as parts of one word, not two place names")
    if word.soft:
        means_zh = "；".join(f"“{f}”：{m.zh}" for f, m in word.meanings.items())
        means_en = "; ".join(f"\"{f}\": {m.en}" for f, m in word.meanings.items())
        return Text(f"“{word.text}”中交叠着{named_zh}，它们只是这一个词的一部分，且都另有其他含义（{means_zh}）",
                    f"{named_en} overlap inside \"{word.text}\" as parts of one word, and each has another meaning "
                    f"({means_en})")
    either_zh = "或".join(f"“{f}”（{w[0]}）" for f, w in parts)
    either_en = " or ".join(f"\"{f}\" ({w[1]})" for f, w in parts)
    return Text(f"含有县级以上行政区划名称{either_zh}：两者在“{word.text}”中交叠，是一个词的一部分，至多是其中一个地名",
                f"contains {either_en}, divisions at county level or above: they overlap inside \"{word.text}\", one "
                "word, which holds one of them at most")


def place_flags(name: str, words: Iterable[PlaceWord]) -> list[Finding]:
    """A finding for each division a place word may name (a few of each form), all with the word's one
    reason: red where the word is the place name, SOFT_PLACE where it may be read otherwise. A word that
    is a township's name (龙凤山) is no place-name problem: `town_notes` says so instead."""
    flags: list[Finding] = []
    for word in words:
        if word.towns:
            continue  # a township's name, not a county-level one: said in a note (`town_notes`), no flag
        reason = _place_word_reason(name, word)
        group = SOFT_PLACE if word.soft else "red"
        reasons = (reason,) if word.soft else (reason, PLACE_EXCEPTIONS)
        shown = list(word.towns[:MAX_PLACES_PER_FORM]) if word.towns else [
            p for f in word.forms for p in _of_form(word, f)[:MAX_PLACES_PER_FORM]]
        for p in shown:
            flags.append(Finding("place", int(p.code), p.name, _where(p), group, reasons))
    return flags


def town_notes(name: str, facts: BrandFacts) -> list[Text]:
    """A note for each township the name is (拉林 → 拉林镇) or that a word of it names where county-level
    forms overlap (龙凤山 → 龙凤山镇, holding 龙凤 and 凤山): a township's name is not a county-level place
    name, so it is no ground for refusal; the same wording whichever way it was found."""
    whole = compact(name)
    places = find_place_names(name, place_index(facts.places))
    words = {w.text: w for w in place_words(name, places, facts.towns) if w.towns}
    county_level = {p.form for p in places}
    notes: list[Text] = []
    for form in dict.fromkeys(t.form for t in facts.towns):
        word = words.get(form)
        if word is None and (form != whole or form in county_level or form in rules.REGION_WORDS):
            # 泰山 is 泰山区 too: the county-level flag speaks for it, a "does not apply" note would contradict it.
            # 东北 is 东北镇 too, but as a region it tells the goods' origin and lacks distinctiveness (the word flag).
            continue
        towns = [t for t in facts.towns if t.form == form]
        zh, en, n = _wheres(towns)
        inside_zh = inside_en = ""
        if word is not None:
            parts = [(f, _wheres(_of_form(word, f))) for f in word.forms]
            inside_zh = "其中交叠的" + "、".join(f"“{f}”（{w[0]}）" for f, w in parts) + "只是这一个词的一部分，不是两个地名；"
            inside_en = (" and ".join(f"\"{f}\" ({w[1]})" for f, w in parts)
                         + " overlap inside it as parts of one word, not two place names; ")
        notes.append(Text(
            f"“{form}”是乡镇名称（{zh}），乡镇不在县级以上行政区划之列；{inside_zh}"
            "“县级以上行政区划的地名不能作为商标”的规定不适用于它。",
            f"\"{form}\" is the name of {'a township' if n == 1 else 'townships'} ({en}), below county level; "
            f"{inside_en}the rule that names of divisions at county level or above cannot be marks does not apply "
            "to it.",
        ))
    return notes


def red_flags(name: str, nice_class: int, facts: BrandFacts) -> list[Finding]:
    """The absolute grounds ("red") and the place names that may be read otherwise (SOFT_PLACE)."""
    flags: list[Finding] = []
    places = find_place_names(name, place_index(facts.places))
    # A place name inside a GI name the goods may not use (西湖 in 西湖龙井) is part of that one flag.
    red_gis = [g for g in contained_gi_names(name, facts.gis) if not g.covers_origin]
    inside_gi = {p.code for p in places
                 if any(p.form in compact(g.name) or any(p.form in f for f in g.latin) for g in red_gis)}
    places = [p for p in places if p.code not in inside_gi]
    words = place_words(name, places, facts.towns)
    flags.extend(place_flags(name, words))
    for g in red_gis:
        kind = gi_kind_text(g.kind)
        flags.append(Finding("gi", g.id, g.name, kind.zh, "red", subtitle_text=kind, reasons=(
            Text(f"含有地理标志“{_gi_as_typed(name, g)}”；商品不是来自其产地时不能注册和使用",
                 f"contains the GI \"{_gi_as_typed(name, g, en=True)}\"; refused and not usable unless the goods come from its area"),
        )))
    # A place word read otherwise (凤凰) is not taken out like a place: 凤凰大米 is not "only descriptive".
    hard = [p for w in words if not w.soft for p in w.places]
    plain = name_words(name, nice_class, hard)
    for w in plain.of(brand_words.BARRED):  # Art. 10: no one's to use, whatever else the name holds
        why = w.why or Text("", "")
        flags.append(Finding("word", 0, w.typed, "", "red", (
            Text(f"{w.quoted.zh}{why.zh}，不得作为商标使用", f"{w.quoted.en} {why.en}: it may not be used as a mark"),
        )))
    for w in plain.of(brand_words.MISLEADING):
        why = w.why or Text("", "")
        flags.append(Finding("word", 0, w.typed, "", "red", (
            Text(f"{w.quoted.zh}{why.zh}，容易误导公众", f"{w.quoted.en} {why.en}: likely to mislead"),
        )))
    if plain.only_plain:
        listed = plain.of(*brand_words.LISTED_KINDS)
        # a region (东北) is no generic name: say what it tells, the goods' origin
        regions = [w for w in listed if w.zh in rules.REGION_WORDS]
        region_zh = "".join(f"；{w.quoted.zh}{rules.REGION_WORDS[w.zh].zh}" for w in regions)
        region_en = "".join(f"; {w.quoted.en} {rules.REGION_WORDS[w.zh].en}" for w in regions)
        flags.append(Finding("word", 0, " ".join(name.split()), "", "red", (
            Text(f"只由商品通用名称或描述性词语组成（{'、'.join(w.label.zh for w in listed)}），缺乏显著特征{region_zh}",
                 f"made only of generic or descriptive words for the goods ({', '.join(w.label.en for w in listed)}): "
                 f"not distinctive{region_en}"),
        )))
    return flags


def plain_parts(name: str, nice_class: int) -> tuple[list[brand_words.PlainWord], list[brand_words.PlainWord]]:
    """The goods' generic names in the name (大米, Rice, and RICE written on to a word: GOLDENRICE) and
    its descriptive words, each once."""
    words = name_words(name, nice_class)
    generic: dict[str, brand_words.PlainWord] = {}
    for w in [*words.of(brand_words.GENERIC), *brand_words.joined_generic_names(name, nice_class)]:
        generic.setdefault(w.typed.casefold(), w)
    return list(generic.values()), words.of(brand_words.DESCRIPTIVE)


def _nothing_barred(generic: list[brand_words.PlainWord], descriptive: list[brand_words.PlainWord]) -> Text:
    """The sentence saying no barred word was found, naming the generic and descriptive words that were
    (they are allowed in a name, but are no one's alone)."""
    if not generic and not descriptive:
        return Text("没有发现地名、地理标志、描述性或误导性词语。", "No place names, GIs, descriptive or misleading words were found.")
    parts_zh, parts_en = [], []
    if generic:
        parts_zh.append(f"{'、'.join(w.quoted.zh for w in generic)}是商品的通用名称")
        parts_en.append(f"{', '.join(w.quoted.en for w in generic)} {'is' if len(generic) == 1 else 'are'} the goods' "
                        "generic name")
    if descriptive:
        parts_zh.append(f"{'、'.join(w.quoted.zh for w in descriptive)}是描述性词语")
        parts_en.append(f"{', '.join(w.quoted.en for w in descriptive)} "
                        f"{'describes' if len(descriptive) == 1 else 'describe'} the goods")
    return Text(f"没有发现地名、地理标志或误导性词语；{'，'.join(parts_zh)}，不能由您独占。",
                f"No place names, GIs or misleading words were found; {' and '.join(parts_en)}, which cannot be "
                "yours alone.")


def _classes_note(nice_class: int, others: tuple[int, ...], found: int) -> Text:
    """Which classes the earlier marks were searched in, and how many of the others were found."""
    if not others:
        return Text(f"在先商标只检索了第{nice_class}类；其他类别未检索，商品或服务跨类类似的，请在商标网上另行检索。",
                    f"Earlier marks were searched in class {nice_class} only; other classes were not searched. Where "
                    "goods or services are similar across classes, search CNIPA's online trademark database too.")
    listed_zh = "、".join(str(c) for c in others)
    listed_en = ", ".join(str(c) for c in others)
    zh = (f"已检索的类别：第{nice_class}类（所选类别），以及第{listed_zh}类中相同或相近的商标（不同类别的商品仍可能类似，"
          f"见区分表的交叉检索）")
    en = (f"Classes searched: class {nice_class} (the class chosen), and the same or close marks in classes "
          f"{listed_en} (goods of another class may still be similar: see the similar-goods table's cross-searches)")
    if found:
        zh += f"，其他类别中找到{found}件，请核对其商品是否类似"
        their = "its" if found == 1 else "their"
        en += f"; {plural(found, 'mark was', 'marks were')} found in those classes: check whether {their} goods are similar"
    return Text(zh + "。其他类别未检索。", en + ". Other classes were not searched.")


def _compared_note(nice_class: int, in_class: int, related: int) -> Text:
    """How many marks of the class the computer has and how many of them were compared, in words
    that agree with the numbers (1 trademark, none related)."""
    has_zh = f"本机有第{nice_class}类商标{in_class:,}件"
    has_en = f"This computer has {plural(in_class, 'trademark', 'trademarks')} in class {nice_class}"
    if related == 0:
        return Text(f"{has_zh}，其中没有与该名称相关的商标。", f"{has_en}; none of them is related to the name.")
    if related == 1:
        return Text(f"{has_zh}，其中与该名称相关的1件已详细比较。",
                    f"{has_en}; the one related to the name was compared in detail.")
    return Text(f"{has_zh}，其中与该名称相关的{related:,}件已逐一比较。",
                f"{has_en}; the {related:,} related to the name were compared one by one.")


_FROM_THE_AREA = Text("来自产地的生产者通常通过地理标志专用标志使用该名称，而不是注册为自己的商标。",
                      "Producers from the area usually use the name through the GI special mark, not as their own mark.")


def decide(data: Mapping[str, Any], facts: BrandFacts) -> Outcome:
    name = " ".join(str(data.get("name") or "").split())
    nice_class = int(data.get("nice_class") or 0)
    groups = tuple(str(g) for g in data.get("groups") or ())
    flags = red_flags(name, nice_class, facts)
    reds = [f for f in flags if f.group == "red"]
    softs = [f for f in flags if f.group == SOFT_PLACE]
    ambers = rank_marks(name, nice_class, groups, facts.marks, facts.today)
    notes: list[Text] = []
    cautions: list[Finding] = []
    for g in contained_gi_names(name, facts.gis):
        if g.covers_origin:
            kind = gi_kind_text(g.kind)
            # an area the data record only roughly (inferred from the name): the goods may come from there
            origin = (Text("您的商品可能来自其产地（本机数据只粗略记录了它的地域范围，请核实）",
                           "your goods may come from its area (this computer's data record the area only roughly: "
                           "check)") if g.origin_rough
                      else Text("您的商品来自其产地", "your goods come from its area"))
            cautions.append(Finding("gi", g.id, g.name, kind.zh, "gi_amber", subtitle_text=kind, reasons=(
                Text(f"含有地理标志“{_gi_as_typed(name, g)}”，{origin.zh}；普通商标中使用地理标志名称仍常被驳回或引起争议",
                     f"contains the GI \"{_gi_as_typed(name, g, en=True)}\" and {origin.en}; an "
                     "ordinary mark containing a GI name is still often refused or disputed"),
            )))
            if _FROM_THE_AREA not in notes:  # once, however many records of the name (a mark and an AGI)
                notes.append(_FROM_THE_AREA)
    for g, part in gi_place_parts(name, facts.gis, nice_class):
        if g.covers_origin:  # the goods come from there: the place tells the truth (the full-name note covers it)
            continue
        kind = gi_kind_text(g.kind)
        cautions.append(Finding("gi", g.id, g.name, kind.zh, "gi_amber", subtitle_text=kind, reasons=(
            Text(f"含有地理标志“{g.name}”的产地名称“{part}”：用在同类商品上，商品却不是来自该产地的，会误导公众，"
                 "不予注册并禁止使用",
                 f"contains \"{part}\", the place of the GI \"{g.name}\": on the same kind of goods not coming from "
                 "there it misleads the public, and is refused and may not be used"),
        )))
    towns_said = town_notes(name, facts)
    notes.extend(towns_said)
    pinyin_said = any(f.kind == "place" and f.reasons and rules.PINYIN_PLACE_RULE.zh in f.reasons[0].zh for f in flags)
    for word in brand_words.pinyin_words(name) if not pinyin_said else ():
        rule = rules.PINYIN_PLACE_RULE
        notes.append(Text(f"“{word}”可以读作拼音：{rule.zh}。",
                          f"\"{word}\" can be read as pinyin: {sentence_start(rule.en)}."))
        break  # the rule once
    generic, descriptive = plain_parts(name, nice_class)
    only_plain = any(f.kind == "word" and f.title == name for f in reds)
    if generic and not only_plain:
        notes.append(Text(f"{'、'.join(w.quoted.zh for w in generic)}是商品的通用名称，任何人都不能独占；商标的显著性要靠其他部分。",
                          f"{', '.join(w.quoted.en for w in generic)} {'is' if len(generic) == 1 else 'are'} the "
                          "goods' generic name, which no one can have to themselves; the rest of the name has to make "
                          "it distinctive."))
    if descriptive and not only_plain:
        notes.append(Text(f"{'、'.join(w.quoted.zh for w in descriptive)}是描述性词语，不能由您独占；商标的显著性要靠其他部分。",
                          f"{', '.join(w.quoted.en for w in descriptive)} only describe{'s' if len(descriptive) == 1 else ''} "
                          "the goods and cannot be yours alone; the rest of the name has to make it distinctive."))
    nothing_barred = _nothing_barred(generic, descriptive)
    if towns_said:  # the name is a township's: no place name that counts (see the note)
        nothing_barred = Text(nothing_barred.zh.replace("没有发现地名", "没有发现县级以上地名", 1),
                              nothing_barred.en.replace("No place names", "No county-level place names", 1))
    if nice_class == SELLING_CLASS:
        notes.append(Text(
            "第35类保护的是替他人推销、广告等服务。只卖自己生产的农产品，商标通常注册在商品所属的类别（29–33类）；"
            "门店或网店也卖别人的商品时，常再申请第35类。",
            "Class 35 covers services such as selling for others and advertising. To sell only your own produce, "
            "a mark is usually registered in the class of the goods (29–33); a shop or online store that also sells "
            "other people's goods often applies in class 35 as well.",
        ))
    strong = [f for f in ambers if f.score >= RISKY_THRESHOLD]
    rules_cited = [rules.TM_ART30, rules.TM_ART31_32]
    art50_ids = {m.id for m in facts.marks if right_state(m, facts.today).art50}
    if any(f.ref_id in art50_ids for f in ambers):
        rules_cited.append(rules.TM_ART50)
    if reds:
        rules_cited = [rules.TM_ART10_PLACE, rules.TM_ART10_DECEPTIVE, rules.TM_ART11, rules.TM_ART16, *rules_cited]
        if name_words(name, nice_class).of(brand_words.BARRED):
            rules_cited.insert(0, rules.TM_ART10_SIGNS)
    elif softs:
        rules_cited = [rules.TM_ART10_PLACE, *rules_cited]
    if not reds and any(f.kind == "gi" for f in cautions):
        rules_cited.insert(0, rules.TM_ART16)
    answers = tuple(_answers(data))
    findings = tuple([*reds, *softs, *cautions, *ambers[:20]])
    # once each: every division a place word may name carries the word's one reason
    soft_zh = "；".join(dict.fromkeys(f.reasons[0].zh for f in softs))
    soft_en = "; ".join(dict.fromkeys(f.reasons[0].en for f in softs))
    marks_checked = facts.marks_in_class > 0
    if marks_checked:
        in_class = sum(1 for m in facts.marks if m.nice_class == nice_class)
        notes.append(_compared_note(nice_class, facts.marks_in_class, in_class))
        other_found = {f.ref_id for f in ambers} & {m.id for m in facts.marks if m.nice_class != nice_class}
        notes.append(_classes_note(nice_class, facts.other_classes, len(other_found)))
        if any(m.expiry_date for m in facts.marks):  # terms and grace periods were reckoned from a day: said
            day = (facts.today or dt.date.today()).isoformat()
            notes.append(Text(
                f"在先商标的专用权期限、宽展期和第五十条的一年按本机日期{day}计算；以国家知识产权局商标局的公告为准。",
                f"Earlier marks' terms, grace periods and Art. 50's year were reckoned as of {day}, this computer's "
                "date; CNIPA's trademark announcements decide."))
        if not groups:
            notes.append(Text(
                f"没有选择类似群：第{nice_class}类的在先商标都按类似商品比较，结论可能偏严；选定类似群可以比较得更准确。",
                f"No similar group was chosen, so every earlier mark in class {nice_class} was compared as if for "
                "similar goods and the result may be stricter than needed; choose the groups for a closer answer.",
            ))
    else:
        notes.append(Text(
            f"本机没有第{nice_class}类的商标数据，在先商标未能检查；申请前请在国家知识产权局商标网上检索。",
            f"There are no trademark records for class {nice_class} on this computer, so earlier marks were not "
            "checked; search CNIPA's online trademark database before filing.",
        ))
    def outcome(*, code: str, level: str, headline: Text, explanation: Text, next_steps: tuple[Text, ...]) -> Outcome:
        """Every answer of the check carries the same office, checklist, law, answers, findings and notes."""
        return Outcome(
            wizard="brand_check", code=code, level=level, headline=headline, explanation=explanation,
            next_steps=next_steps, office=rules.OFFICE_TRADEMARK, checklist=rules.CHECKLIST_ORDINARY_BRAND,
            rules=tuple(rules_cited), answers=answers, findings=findings, notes=tuple(notes),
            data_as_of=facts.data_as_of,
        )

    if reds:
        # once each: a GI product and its certification mark of the same name give the same reason
        reasons_zh = "；".join(dict.fromkeys(f.reasons[0].zh for f in reds))
        reasons_en = "; ".join(dict.fromkeys(f.reasons[0].en for f in reds))
        return outcome(
            code="very_likely_refused", level=LEVEL_STOP,
            headline=Text(f"“{name}”很可能被驳回", f"\"{name}\" would very likely be refused"),
            explanation=Text(f"存在绝对理由：{reasons_zh}。", f"There are absolute grounds: {reasons_en}."),
            next_steps=(
                Text("换一个自己创造的、与商品无关的名称（例如臆造词）。", "Choose a made-up name that does not describe the goods."),
                Text("去掉地名、地理标志名称和描述性词语后重新检查。", "Remove place names, GI names and descriptive words, and check again."),
                Text("如确需使用产地名称，可了解地理标志集体商标或证明商标。", "To use the place's name, look at GI collective or certification marks."),
            ),
        )
    same = [f for f in strong if f.score >= SAME_MARK_THRESHOLD]
    if same:
        top = same[0]
        return outcome(
            code="same_mark_refused", level=LEVEL_STOP,
            headline=Text(f"“{name}”很可能被驳回：已有相同的在先商标",
                          f"\"{name}\" would very likely be refused: the same earlier mark exists"),
            explanation=Text(
                f"在先商标“{top.title}”（{top.subtitle}）：{'；'.join(r.zh for r in top.reasons)}。"
                "与他人在同一种或类似商品上在先注册或申请的商标相同的，商标局会驳回申请。"
                + (f"另外，{soft_zh}。" if softs else ""),
                f"The earlier mark \"{top.title}\" ({top.subtitle}): {'; '.join(r.en for r in top.reasons)}. An "
                "application for a mark identical to someone's earlier mark for the same or similar goods is "
                "refused." + (f" Also, {soft_en}." if softs else ""),
            ),
            next_steps=(
                Text("换一个名称，使字形和读音都明显不同，然后重新检查。",
                     "Choose another name that looks and sounds clearly different, and check again."),
                Text("如果您的商品其实不在该商标的类似群，请选定准确的类似群后重新检查。",
                     "If your goods are not in that mark's similar group after all, choose the exact groups and check "
                     "again."),
                Text("如认为该商标已停止使用或将失效，请咨询商标代理机构（撤销、无效宣告等程序）。",
                     "If you think that mark is no longer used or will lapse, ask a trademark agent (revocation or "
                     "invalidation proceedings)."),
            ),
        )
    if strong or cautions:
        top = (strong or cautions)[0]
        return outcome(
            code="risky", level=LEVEL_CAUTION,
            headline=Text(f"“{name}”有风险：与在先商标或地理标志相近", f"\"{name}\" is risky: close to an earlier mark or a GI"),
            explanation=Text(
                f"最相近的是“{top.title}”：{'；'.join(r.zh for r in top.reasons)}。相同或类似商品上的近似商标会被驳回。"
                + (f"另外，{soft_zh}。" if softs else ""),
                f"The closest is \"{top.title}\": {'; '.join(r.en for r in top.reasons)}. A similar mark for the same or "
                "similar goods is refused." + (f" Also, {soft_en}." if softs else ""),
            ),
            next_steps=(
                Text("改动名称，使字形和读音都明显不同。", "Change the name so it looks and sounds clearly different."),
                Text("或缩小商品范围，避开在先商标的类似群。", "Or narrow the goods to avoid the earlier marks' groups."),
                Text("申请前在国家知识产权局商标网上再检索一次。", "Search CNIPA's online trademark database again before filing."),
            ),
        )
    if softs:
        return outcome(
            code="place_may_be_refused", level=LEVEL_CAUTION,
            headline=Text(f"“{name}”可能被驳回：含有的地名另有含义，请核对",
                          f"\"{name}\" may be refused: the place name in it has another meaning; check"),
            explanation=Text(
                f"{soft_zh}。县级以上行政区划的地名不能作为商标，但地名另有其他含义的除外；是否按地名看待由审查员判断。"
                + ("另有相近的在先商标需要核对（见下方）。" if ambers else ""),
                f"{sentence_start(soft_en)}. Names of divisions at county level or above cannot be marks unless "
                "the name has another meaning; whether it is read as the place is for the examiner to decide."
                + (" Some earlier marks are close too and need checking (listed below)." if ambers else ""),
            ),
            next_steps=(
                Text("在国家知识产权局商标网上查一查含有这个词的已注册商标，看看先例。",
                     "Search CNIPA's online trademark database for registered marks with this word, as precedents."),
                Text("申请时可以说明这个词的其他含义（例如词典释义）；或换一个不含地名的名称。",
                     "When filing, explain the word's other meaning (a dictionary entry, for instance); or choose a "
                     "name without the place name."),
                Text("按《类似商品和服务区分表》选择商品项目后提交申请。", "Choose the goods from the CNIPA similar-goods table and file."),
            ),
        )
    if ambers:
        top = ambers[0]
        return outcome(
            code="close_marks", level=LEVEL_CAUTION,
            headline=Text(f"“{name}”没有发现禁用的词语，但有相近的在先商标需要核对",
                          f"\"{name}\": no barred words found, but some earlier marks are close and need checking"),
            explanation=Text(
                f"最相近的是“{top.title}”：{'；'.join(r.zh for r in top.reasons)}。综合文字、读音和商品看，"
                "相近的程度不及“有风险”，但下面列出的商标仍可能冲突，请核对；是否构成近似商标由审查员判断。",
                f"The closest is \"{top.title}\": {'; '.join(r.en for r in top.reasons)}. Taking the words, the sound "
                "and the goods together, none is as close as a risky one, but the marks listed below may still "
                "conflict: check them; whether one counts as a similar mark is for the examiner to decide.",
            ),
            next_steps=(
                Text("请工作人员或商标代理机构看一看下面列出的在先商标。",
                     "Have the staff or a trademark agent look at the earlier marks listed below."),
                Text("申请前在国家知识产权局商标网上做一次完整检索。", "Do a full search in CNIPA's online trademark database before filing."),
                Text("按《类似商品和服务区分表》选择商品项目后提交申请。", "Choose the goods from the CNIPA similar-goods table and file."),
            ),
        )
    if not marks_checked:
        return outcome(
            code="marks_not_checked", level=LEVEL_CAUTION,
            headline=Text(f"“{name}”没有发现禁用的词语，但在先商标未能检查",
                          f"\"{name}\": no barred words found, but earlier marks could not be checked"),
            explanation=Text(
                f"{nothing_barred.zh}但本机没有这一类的商标数据，无法判断是否与别人已注册的商标"
                "相同或相近——这是商标被驳回最常见的原因。",
                f"{nothing_barred.en} But this computer has no trademark "
                "records for this class, so it cannot tell whether the name is the same as or close to someone "
                "else's registered mark, the most common reason for a refusal.",
            ),
            next_steps=(
                Text(f"在国家知识产权局商标网上检索第{nice_class}类中相同或相近的商标。",
                     f"Search CNIPA's online trademark database for the same or close marks in class {nice_class}."),
                Text("或由工作人员在“数据与同步”中更新或导入商标数据后重新检查。",
                     "Or have the staff update or import trademark data under \"Data & sync\" and check again."),
                Text("确认没有相近商标后，按《类似商品和服务区分表》选择商品项目并提交申请。",
                     "Once no close mark is found, choose the goods from the CNIPA similar-goods table and file."),
            ),
        )
    return outcome(
        code="likely_fine", level=LEVEL_GO,
        headline=Text(f"“{name}”看来可以申请", f"\"{name}\" looks fine to apply for"),
        explanation=Text(
            f"{nothing_barred.zh}本机数据中也没有相近的在先商标"
            + ("（未选择类似群，已按整个类别比较）" if not groups else "") + "。这不是保证：审查以国家知识产权局为准。",
            f"{nothing_barred.en} No close earlier marks are in the "
            "offline data" + (" (no similar group was chosen, so the whole class was compared)" if not groups else "")
            + ". This is not a promise: CNIPA's examination decides.",
        ),
        next_steps=(
            Text("申请前在国家知识产权局商标网上做一次完整检索。", "Do a full search in CNIPA's online trademark database before filing."),
            Text("按《类似商品和服务区分表》选择商品项目后提交申请。", "Choose the goods from the CNIPA similar-goods table and file."),
        ),
    )
