"""Text folding for search: how rural users type Chinese.

Everything that is indexed and everything that is queried passes through the same folding,
so that 龍井, 龙井, ＬＯＮＧＪＩＮＧ and longjing meet in the same keys.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import opencc

from ipdesk.domain.shown_text import LONE_SURROGATES, bytes_as_written

log = logging.getLogger("ipdesk.text")

_MAX_PINYIN_VARIANTS = 4
_MAX_PINYIN_CHARS = 16
# Pinyin keys are cut to this many letters. A prefix query then expands to few distinct terms
# ('dami*' no longer meets every title's unique tail), and a longer query is cut the same way
# (see `key_prefix`): it can only match more, never less.
PINYIN_KEY_LETTERS = 12

# Extensions A, the basic block, compatibility ideographs, Extensions B–F, I and the compatibility
# supplement (U+20000–U+2FA1F), and Extensions G–H (U+30000–U+323AF: official township names such as
# 𰝟渡镇 and 下𱳪镇 use them).
_CJK_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f\U00030000-\U000323af"
_CJK_RE = re.compile(f"[{_CJK_CLASS}]")
_SEGMENT_RE = re.compile(f"([{_CJK_CLASS}]+)|([0-9A-Za-z]+)")


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC | None:
    """OpenCC's converter, or None when its dictionary cannot be loaded (a damaged install; OpenCC
    before 1.4 on Windows under a non-ASCII folder, upstream #1101). Every search folds text, so a
    failure here must not break search: traditional characters are then left as typed (the data are
    simplified), and the log says why."""
    try:
        return opencc.OpenCC("t2s")
    except Exception:
        log.exception("OpenCC t2s could not be loaded; traditional characters are not folded to simplified")
        return None


_CLAUSES = re.compile(r"[，,；;。]")


def split_clauses(text: str) -> list[str]:
    """A status line's clauses (专利权终止，质押登记注销 → 专利权终止 / 质押登记注销), empty ones left out: each
    may say something else (an event beside the right, the right's own end)."""
    return [c for c in _CLAUSES.split(text) if c.strip()]


def is_cjk(ch: str) -> bool:
    """True for a CJK ideograph: the basic block, Extensions A–I, the compatibility blocks (_CJK_CLASS)."""
    cp = ord(ch)
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0xF900 <= cp <= 0xFAFF or 0x20000 <= cp <= 0x2FA1F
            or 0x30000 <= cp <= 0x323AF)


def char_category(ch: str) -> str:
    """`unicodedata.category`, except that an ideograph newer than Python's Unicode tables (Extension H,
    Unicode 15, in Python 3.11: 𱳪 of 下𱳪镇) is a letter ('Lo'), not unassigned ('Cn'): every check of what
    a character is asks here."""
    return "Lo" if is_cjk(ch) else unicodedata.category(ch)


def has_cjk(text: str) -> bool:
    return _CJK_RE.search(text) is not None


def to_simplified(text: str) -> str:
    converter = _t2s()
    if converter is None or not text:
        return text or ""
    return str(converter.convert(text))


def fold(text: str | None) -> str:
    """Fold text for comparison: NFKC (full-width to half-width), traditional to simplified,
    lower case, runs of white space to one space; control characters and lone surrogates, which
    OpenCC and SQLite refuse, to spaces (`typed_text`)."""
    if not text:
        return ""
    if _UNSAFE_RE.search(text):  # typed or pasted: a NUL, a lone surrogate (`typed_text`)
        text = typed_text(text)
    text = unicodedata.normalize("NFKC", text)
    if has_cjk(text):
        text = to_simplified(text)
    return " ".join(text.lower().split())


def strip_tones(text: str) -> str:
    """'wǔ cháng' → 'wu chang'; 'lǜ' / 'lü' → 'lv' (pypinyin's spelling of ü)."""
    decomposed = unicodedata.normalize("NFD", text).replace("u\u0308", "v").replace("U\u0308", "V")
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


_WORD_RE = re.compile(r"[0-9a-z]+")


def segments(folded: str) -> list[tuple[str, str]]:
    """Split folded text into ('cjk', run) and ('latin', word) segments; everything else separates."""
    return [("cjk", m[1]) if m[1] else ("latin", m[2]) for m in _SEGMENT_RE.finditer(folded)]


def _is_word_char(ch: str) -> bool:
    """A letter, a digit or a mark (CJK characters are letters): what a word is made of. Ideographs
    newer than Python's Unicode tables (Extension H, Unicode 15, in Python 3.11: 下𱳪镇) are letters too."""
    return char_category(ch)[0] in "LNM"


def query_words(folded: str) -> list[str]:
    """The words of a folded query. White space and punctuation (full-width or ASCII commas, 、, /, -,
    brackets 【】（）《》, quotes …) separate words: 五常，大米, 五常、大米, 五常/大米, 五常-大米 and 【五常】 read as
    五常 大米 and 五常. Punctuation between two ASCII letters or digits of which one is a digit stays inside
    the word: 2,4-d, 9/00, ph=7, 1+1=2 and 1.5 are one word each (a chemical, a code, a measure)."""
    words: list[str] = []
    for chunk in folded.split():
        current: list[str] = []
        for i, ch in enumerate(chunk):
            if _is_word_char(ch):
                current.append(ch)
                continue
            before = chunk[i - 1] if i else ""
            after = chunk[i + 1] if i + 1 < len(chunk) else ""
            if (before.isascii() and before.isalnum() and after.isascii() and after.isalnum()
                    and (before.isdigit() or after.isdigit())):
                current.append(ch)
                continue
            if current:
                words.append("".join(current))
            current = []
        if current:
            words.append("".join(current))
    return list(dict.fromkeys(words))


# Words that join the words a person looks for ("五常 and 大米", "tea or rice", "the Xihu tea"): no
# record is found by them, and each word of a query must match, so one would turn a hit into nothing.
# Only words that are no pinyin syllable (a, an, e, he are: 安, 鹅, 和) and only standing alone: 和 in
# 和平镇 stays. Joined to nothing else (the query "the"), a filler word is still looked for.
FILLER_WORDS = frozenset({
    "and", "or", "the", "of", "for", "with", "in", "on", "at", "to", "by",
    "和", "的", "与", "及", "或", "跟", "以及", "或者",
})


def without_filler(text: str) -> str:
    """`text` without its filler words (FILLER_WORDS, in any case or width) when something else is left:
    "五常 AND 大米" → "五常 大米", "tea or rice" → "tea rice"; "the" and "and" stay as typed."""
    words = text.split()
    kept = [w for w in words if fold(w) not in FILLER_WORDS]
    return " ".join(kept) if kept and len(kept) < len(words) else text


_APOSTROPHE_RE = re.compile(r"(?<=[a-z])['\u2018\u2019`](?=[a-z])")


def apostrophe_syllables(folded: str) -> tuple[str, ...]:
    """A pinyin word whose syllables are set apart by apostrophes (xi'an, xi’an): its parts, toneless
    (xi, an); () when the query has no such apostrophe. The apostrophe is pinyin's own syllable
    separator: xi'an is 西安 (xi + an), not xian (先, 仙, 咸)."""
    text = strip_tones(folded)
    words = [w for w in text.split() if _APOSTROPHE_RE.search(w)]
    if len(words) != 1 or has_cjk(text):
        return ()
    parts = [re.sub(r"[^a-z]", "", p) for p in _APOSTROPHE_RE.split(words[0])]
    return tuple(parts) if all(parts) and len(parts) > 1 else ()


def char_grams(folded: str) -> list[str]:
    """Unique character unigrams and bigrams of the CJK runs, plus whole Latin/number words.

    These are the tokens of the n-gram index: a query of one character matches a unigram, a query
    of two or more characters is the AND of its bigrams (then checked as a substring where it matters).
    """
    grams: list[str] = []
    for m in _SEGMENT_RE.finditer(folded):
        run = m[1]
        if run:
            grams.extend(run)
            grams.extend(map(str.__add__, run, run[1:]))
        else:
            grams.append(m[2])
    return list(dict.fromkeys(grams))  # first occurrences, in order


def query_grams(word: str) -> list[str]:
    """The tokens that every document containing `word` (folded) must have."""
    out: list[str] = []
    for kind, seg in segments(word):
        if kind == "latin" or len(seg) == 1:
            out.append(seg)
        else:
            out.extend(seg[i : i + 2] for i in range(len(seg) - 1))
    return list(dict.fromkeys(out))


def syllables_of(text: str) -> list[str]:
    """Toneless pinyin syllables of the CJK characters in `text`, phrase-aware: 长白山 → chang bai shan."""
    from pypinyin import Style, lazy_pinyin

    return list(lazy_pinyin(text, style=Style.NORMAL, errors="ignore"))


def warm_up() -> None:
    """Load the OpenCC dictionary (call from a background thread after start-up). pypinyin's
    dictionaries (~55 MB) are left to the first index write or mixed query that needs them."""
    to_simplified("龍")


@lru_cache(maxsize=32768)
def _char_readings(ch: str) -> tuple[str, ...]:
    """Every reading of one character (cached: indexing a million titles asks for the same few
    thousand characters again and again)."""
    from pypinyin import Style, pinyin

    found = pinyin(ch, style=Style.NORMAL, heteronym=True, errors="ignore")
    return tuple(found[0]) if found else ()


def _syllable_variants(text: str) -> list[list[str]]:
    """Readings of `text` as lists of syllables: the phrase-aware reading first, then one
    alternative per polyphonic character (heteronyms), capped."""
    return [list(v) for v in _cached_variants("".join(_CJK_RE.findall(text))[:_MAX_PINYIN_CHARS])]


@lru_cache(maxsize=4096)
def _cached_variants(joined: str) -> tuple[tuple[str, ...], ...]:
    """Indexing one record asks for the same name's readings twice (keys and primary pinyin)."""
    return tuple(tuple(v) for v in _compute_variants(joined))


@lru_cache(maxsize=4096)
def _primary_syllables(joined: str) -> tuple[str, ...]:
    """pypinyin's phrase-aware reading of CJK text, one syllable per character it can read.

    pypinyin cuts the text into words (its own segmenter) and reads each word on its own, so the
    words' readings are memoised: indexing a million patent titles reads the same few thousand
    words over and over, and pypinyin's conversion was most of the cost of a search document."""
    from pypinyin.seg.simpleseg import seg  # its phrase dictionary costs 0.2 s: load on first use

    return tuple(syllable for word in seg(joined) for syllable in _word_syllables(word))


@lru_cache(maxsize=65536)
def _word_syllables(word: str) -> tuple[str, ...]:
    """One segmented word's reading (a pre-cut word list is pypinyin's documented input)."""
    from pypinyin import Style, lazy_pinyin

    return tuple(lazy_pinyin([word], style=Style.NORMAL, errors="ignore"))


def _primary_variant(text: str) -> list[list[str]]:
    """The first of `_syllable_variants(text)` alone, without looking up the alternatives."""
    joined = "".join(_CJK_RE.findall(text))[:_MAX_PINYIN_CHARS]
    primary = list(_primary_syllables(joined)) if joined else []
    return [primary] if primary else []


def _compute_variants(text: str) -> list[list[str]]:
    chars = list(text)
    if not chars:
        return []
    primary = list(_primary_syllables("".join(chars)))
    if len(primary) != len(chars):
        return [primary] if primary else []
    variants = [primary]
    # Heteronyms per character (in a phrase pypinyin would give only the phrase's reading).
    readings = [_char_readings(ch) for ch in chars]
    for i, options in enumerate(readings):
        for alt in options:
            if len(variants) >= _MAX_PINYIN_VARIANTS:
                return variants
            if alt != primary[i]:
                variant = list(primary)
                variant[i] = alt
                if variant not in variants:
                    variants.append(variant)
    return variants


def pinyin_of(text: str) -> str:
    """The primary full pinyin of the CJK characters of `text`, joined, no tones: 五常大米 → wuchangdami."""
    variants = _syllable_variants(fold(text))
    return "".join(variants[0]) if variants else ""


def readings(folded: str) -> list[str]:
    """The toneless pinyin readings of the CJK characters, joined: the phrase-aware one first, then one more
    per polyphonic character, capped (五长 → wuzhang, wuchang: 长 read either way)."""
    return ["".join(v) for v in _syllable_variants(folded)]


@lru_cache(maxsize=8192)
def primary_pinyin(folded: str) -> tuple[str, str]:
    """The primary reading of the CJK characters and its initials: 五常大米 → ('wuchangdami', 'wcdm')."""
    variants = _primary_variant(folded)
    if not variants:
        return "", ""
    return "".join(variants[0]), "".join(s[0] for s in variants[0] if s)


def pinyin_keys(folded: str, *, alternatives: bool = True) -> list[str]:
    """Index keys for pinyin search of a (short) name.

    For every reading: the full pinyin from each syllable to the end (wuchangdami, changdami, dami, mi)
    and the initials from each syllable to the end (wcdm, cdm, dm, m), each cut to
    PINYIN_KEY_LETTERS letters. A prefix query on these keys finds a name by any run of syllables
    or initials that starts at a syllable boundary. `alternatives=False`: the phrase-aware reading
    only, without one more reading per polyphonic character (patent titles: see docs/search.md).
    """
    cap = PINYIN_KEY_LETTERS
    keys: dict[str, None] = {}
    for kind, seg in segments(folded):
        if kind == "latin":
            keys.setdefault(seg, None)
            continue
        for syllables in _syllable_variants(seg) if alternatives else _primary_variant(seg):
            full = "".join(syllables)
            initials = [s[:1] for s in syllables]
            start = 0
            for i, syllable in enumerate(syllables):
                keys.setdefault(full[start : start + cap], None)
                keys.setdefault("".join(initials[i : i + cap]), None)
                start += len(syllable)
    return list(keys)


def key_prefix(form: str) -> str:
    """A pinyin query form as it is looked up in the key index: cut like the keys (only letters:
    codes and numbers, which are indexed whole, are left alone)."""
    if len(form) > PINYIN_KEY_LETTERS and form.isalpha() and form.isascii():
        return form[:PINYIN_KEY_LETTERS]
    return form


def pinyin_query_forms(word: str) -> list[str]:
    """Forms of a typed word to look up as key prefixes.

    'wu chang' / 'wu3chang2' / 'wǔcháng' → 'wuchang'; '五常dm' → 'wcdm' and 'wuchangdm';
    a pure Latin word is itself.
    """
    text = strip_tones(fold(word))
    out: list[str] = []
    if has_cjk(text):
        full: list[str] = []
        initials: list[str] = []
        for kind, seg in segments(text):
            if kind == "cjk":
                syl = syllables_of(seg)
                full.extend(syl)
                initials.extend(s[0] for s in syl if s)
            else:
                full.append(seg)
                initials.append(seg)
        out = ["".join(initials), "".join(full)]
    else:
        pieces = [p for p in re.split(r"[^0-9a-z]+", text) if p]
        # Pieces are joined into one reading only when they are pinyin (wu chang, wu-chang, xi'an,
        # wu3 chang2) or there is one piece (330106, a01g): digits apart (1,2  1 = 1  2,4-d) are not one
        # number, and joined they would look up unrelated codes (12 → every division of Tianjin).
        if len(pieces) > 1 and not all(re.fullmatch(r"[a-z]+[1-5]?", p) for p in pieces):
            return []
        compact = "".join(pieces)
        # Tone digits after pinyin syllables ('wu3chang2') are dropped; other digits are kept.
        toneless = compact
        if re.fullmatch(r"(?:[a-z]+[1-5]?)+", compact):
            toneless = re.sub(r"[1-5]", "", compact)
        out = [toneless] if toneless else []
        if compact and compact != toneless:
            out.append(compact)
    return [f for f in dict.fromkeys(out) if f]


_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # C0 and C1, white space apart
_CONTROL_RE = re.compile(f"[{_CONTROLS}]")
_UNSAFE_RE = re.compile(f"[{_CONTROLS}\ud800-\udfff]")


def typed_text(text: str | None) -> str:
    """What a person typed, as text the rest of the program can fold and hand to SQLite.

    A terminal whose encoding is not its locale's (a GBK SSH client on a UTF-8 Linux) gives Python
    the bytes it cannot decode as lone surrogates U+DC80–U+DCFF: they are read as GB18030 when they
    are that (五常 typed in GBK), else dropped. Any other lone surrogate (a broken paste) is dropped
    too, a surrogate pair handed over in two halves is joined, and control characters (NUL …) become
    spaces: SQLite, OpenCC and UTF-8 refuse them all, and none of them is something to look for."""
    text = text or ""
    if LONE_SURROGATES.search(text):
        text = bytes_as_written(text)  # not GB18030 either: dropped below
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace").replace("\ufffd", " ")
    return _CONTROL_RE.sub(" ", text)


def is_blank(text: str | None) -> bool:
    """True when the text shows nothing: only white space and invisible format characters (the zero-width
    space U+200B, joiners, the byte-order mark U+FEFF, direction marks), which is an empty box to the person
    looking at it."""
    return not text or all(ch.isspace() or unicodedata.category(ch) == "Cf" for ch in text)


_LONG_NUMBER_RE = re.compile(r"\d{5,}")


def query_kind(text: str) -> str:
    """What a typed query looks like, for advice fitted to it: 'number' (a patent, registration or
    announcement number, a code: ZL 2017 1 0693560.3, A01G 9/00, 230184; also with words around a long
    number: 申请号 201710693560.3), 'chinese' (Chinese characters), else 'latin' (pinyin or English:
    wuchang, wu3chang2, rice)."""
    t = unicodedata.normalize("NFKC", text or "")
    digits = sum(ch.isdigit() for ch in t)
    if _LONG_NUMBER_RE.search(t):
        return "number"
    if has_cjk(t):
        return "chinese"
    letters = sum(ch.isalpha() for ch in t)
    return "number" if digits and digits >= letters else "latin"


def is_latin_query(text: str) -> bool:
    return bool(text) and not has_cjk(text)


def tokens_text(tokens: Iterable[str]) -> str:
    """Join tokens for an FTS5 column whose tokenizer splits on spaces."""
    return " ".join(tokens)


def unique_in_order(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))

