"""The plain words of a brand name: the goods' generic names and the descriptive, praising and
misleading words, written in Chinese, in pinyin or in English.

An examiner reads RICE, dami and 大米 alike: a name made only of such words lacks distinctiveness
(Trademark Law Art. 11) whatever the script. Chinese words are looked for anywhere in the name (Chinese
has no spaces); Latin words only as whole words, so Priceless is not rice and Teatro is not tea.
English is folded for case, width and plural (RICE, ｒｉｃｅ, Apples); pinyin may be written together or
apart, with tone marks, tone numbers or neither, and ü as ü, v or u (dami, Da-Mi, lǜchá, lü cha, lvcha,
lucha). The English words are rules.py's (each with its Chinese counterpart); the pinyin is read from the
Chinese words with pypinyin and never written down.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from ipdesk.domain import rules
from ipdesk.domain.i18n import Text
from ipdesk.domain.text import is_cjk, strip_tones, syllables_of, to_simplified

GENERIC = "generic"
DESCRIPTIVE = "descriptive"
PRAISE = "praise"
MISLEADING = "misleading"
BARRED = "barred"  # a sign no one may use (the state's names, foreign states, the Red Cross …) or a known foreign place
PLACE = "place"
FILLER = "filler"

# Kinds a reason lists; place names and filler words have reasons of their own or none.
LISTED_KINDS = (GENERIC, DESCRIPTIVE, PRAISE, MISLEADING)

_TONE_NUMBERED = re.compile(r"(?:[a-z]+[1-5]?)+")


@dataclass(frozen=True)
class Entry:
    """What a word of the lexicon is."""

    zh: str  # the Chinese word it is or stands for: 大米 for rice and dami, 最好 for best ("" for filler)
    kind: str
    # True: the word makes a name plain (大米, organic). False: it counts only when nothing else is
    # left beside such words: praise (好, good), a single pinyin syllable (mi: too many characters read
    # so), an absolute claim (最好, best: a red flag of its own), a place name, a filler word.
    alone: bool


@dataclass(frozen=True)
class PlainWord:
    """A plain word found in a name, as the user wrote it."""

    typed: str  # RICE, Da-Mi, lǜchá, 綠茶
    zh: str  # the Chinese word it is or stands for
    kind: str
    alone: bool
    latin: bool
    start: int  # its place in the name, for the order

    @property
    def label(self) -> Text:
        """The word as typed, with the Chinese word it stands for when written in Latin letters:
        大米; dami（大米）/ dami (大米); Best（最好）/ Best (最好)."""
        if not self.latin or not self.zh:
            return Text(self.typed, self.typed)
        return Text(f"{self.typed}（{self.zh}）", f"{self.typed} ({self.zh})")

    @property
    def quoted(self) -> Text:
        """The word as typed in quotes, then the Chinese word it stands for when written in Latin
        letters: “大米”; “Best”（最好）/ "Best" (最好)."""
        if not self.latin or not self.zh:
            return Text(f"“{self.typed}”", f"\"{self.typed}\"")
        return Text(f"“{self.typed}”（{self.zh}）", f"\"{self.typed}\" ({self.zh})")

    @property
    def why(self) -> Text | None:
        """What the word says about the goods, from the Chinese word's list."""
        for words in (rules.BARRED_SIGNS, rules.MISLEADING_WORDS, rules.DESCRIPTIVE_WORDS, rules.REGION_WORDS, rules.LAUDATORY_CHARS):
            if self.zh in words:
                return words[self.zh]
        return None


@dataclass(frozen=True)
class NameWords:
    words: tuple[PlainWord, ...]  # in the order of the name
    left: tuple[str, ...]  # what is none of them (characters, Latin words): the distinctive part

    def of(self, *kinds: str) -> list[PlainWord]:
        """The words of these kinds, each once (as typed, case folded)."""
        seen: set[str] = set()
        out = []
        for w in self.words:
            if w.kind in kinds and w.typed.casefold() not in seen:
                seen.add(w.typed.casefold())
                out.append(w)
        return out

    @property
    def only_plain(self) -> bool:
        """Nothing distinctive: a generic or descriptive word, and nothing left beside the plain words
        (高山富硒大米, 好米, Organic Rice, Best Rice, dami). A bare place name or claim is not this."""
        return not self.left and any(w.alone for w in self.words)


# --- the lexicons --------------------------------------------------------------------------------------

def _chinese_words(nice_class: int) -> dict[str, Entry]:
    words: dict[str, Entry] = {}
    for w in rules.BARRED_SIGNS:
        words.setdefault(w, Entry(w, BARRED, False))
    for w in rules.MISLEADING_WORDS:
        words.setdefault(w, Entry(w, MISLEADING, False))
    for w in rules.DESCRIPTIVE_WORDS:
        words.setdefault(w, Entry(w, DESCRIPTIVE, True))
    for w in rules.REGION_WORDS:  # 东北: tells the origin, alone (东北) as beside the goods' name (东北大米)
        words.setdefault(w, Entry(w, DESCRIPTIVE, True))
    for w in rules.GENERIC_GOODS.get(nice_class, ()):
        words.setdefault(w, Entry(w, GENERIC, True))
    for w in rules.LAUDATORY_CHARS:
        words.setdefault(w, Entry(w, PRAISE, False))
    return words


@dataclass(frozen=True)
class _Pinyin:
    entry: Entry
    breaks: frozenset[int]  # offsets inside the form where one syllable ends and the next begins


@dataclass(frozen=True)
class _Lexicon:
    chinese: dict[str, Entry]
    english: dict[tuple[str, ...], Entry]
    pinyin: dict[str, _Pinyin]
    longest_chinese: int
    longest_english: int
    longest_pinyin: int
    english_joined: dict[str, Entry] = field(default_factory=dict)  # 'greentea': 绿茶, fillers left out


def english_key(text: str) -> tuple[str, ...]:
    """English words as they are compared: folded, singular (Fresh Apples → fresh, apple)."""
    return tuple(rules.english_singular(t.key) for t in _scan(unicodedata.normalize("NFC", text))[1])


@lru_cache(maxsize=64)
def _lexicon(nice_class: int) -> _Lexicon:
    chinese = _chinese_words(nice_class)
    english: dict[tuple[str, ...], Entry] = {}
    for zh in rules.GENERIC_GOODS.get(nice_class, ()):
        for en in rules.goods_english(zh):
            english.setdefault(english_key(en), Entry(zh, GENERIC, True))
    for en, zh in {**rules.BARRED_WORDS_EN, **rules.PLAIN_WORDS_EN}.items():
        counterpart = chinese[zh]
        english.setdefault(english_key(en), Entry(zh, counterpart.kind, counterpart.alone))
    for en in rules.FILLER_WORDS_EN:
        english.setdefault(english_key(en), Entry("", FILLER, False))
    # Pinyin: a reading shared by two words is taken as the milder one (guojiu is 果酒, wine, before
    # 国酒, a claim), so a homophone is never an absolute claim.
    pinyin: dict[str, _Pinyin] = {}
    for kind in (GENERIC, DESCRIPTIVE, PRAISE, MISLEADING):
        for zh, entry in chinese.items():
            if entry.kind != kind:
                continue
            syllables = syllables_of(zh)
            if len(syllables) != len(zh):
                continue
            # One syllable (mi, cha, hao) is read from too many characters to stand for a word alone.
            read = Entry(zh, kind, entry.alone and len(syllables) >= 2)
            breaks = frozenset(sum(len(s) for s in syllables[:i]) for i in range(1, len(syllables)))
            form = "".join(syllables)
            for spelling in dict.fromkeys((form, form.replace("v", "u"))):  # lvcha, lucha
                pinyin.setdefault(spelling, _Pinyin(read, breaks))
    joined = {"".join(key): entry for key, entry in english.items() if entry.kind != FILLER}
    return _Lexicon(chinese, english, pinyin, max(map(len, chinese), default=1),
                    max(map(len, english), default=1), max(map(len, pinyin), default=1), joined)


# --- reading a name ------------------------------------------------------------------------------------

@dataclass
class _Token:
    """A Latin word of the name: its folded letters and, for each, where it is in the name."""

    key: str = ""
    at: tuple[int, ...] = ()
    last: str = ""  # the last character as typed (for camel case: BestRice)

    def add(self, letters: str, index: int, typed: str) -> None:
        self.key += letters
        self.at += (index,) * len(letters)
        self.last = typed


@dataclass
class _Run:
    """Chinese characters written together (spaces between them do not part them)."""

    chars: str = ""
    at: tuple[int, ...] = ()


def _scan(base: str) -> tuple[list[_Run], list[_Token]]:
    runs: list[_Run] = []
    tokens: list[_Token] = []
    run: _Run | None = None
    token: _Token | None = None
    for index, typed in enumerate(base):
        for ch in unicodedata.normalize("NFKC", typed):  # full width to half width
            if ch.isspace():
                token = None
                continue
            if is_cjk(ch):
                token = None
                if run is None:
                    run = _Run()
                    runs.append(run)
                run.chars += ch
                run.at += (index,)
                continue
            if unicodedata.category(ch) == "Mn" and token is not None:
                continue  # a tone mark typed apart from its letter
            letters = re.sub(r"[^0-9a-z]", "", strip_tones(ch).lower())
            if not letters and ch.isalnum():
                letters = ch.lower()  # another script (한빛, かな): never a plain word, always part of the name
            if not letters:
                run = token = None  # punctuation parts words (Pu'er, No.1) and Chinese runs
                continue
            run = None
            if token is None or (token.last.islower() and ch.isupper()):
                token = _Token()
                tokens.append(token)
            token.add(letters, index, ch)
    for r in runs:
        simplified = to_simplified(r.chars)
        if len(simplified) == len(r.chars):
            r.chars = simplified
    return runs, tokens


def _typed(base: str, first: int, last: int) -> str:
    while last + 1 < len(base) and unicodedata.category(base[last + 1]) == "Mn":
        last += 1
    return base[first : last + 1]


def _read_run(run: _Run, lex: _Lexicon, places: dict[str, Entry], base: str,
              words: list[PlainWord], left: list[str]) -> None:
    """Longest word first at each character; what no word covers is left."""
    s, i = run.chars, 0
    longest = max([lex.longest_chinese, *map(len, places)])
    phrases: list[tuple[int, int]] | None = None
    while i < len(s):
        for length in range(min(len(s) - i, longest), 0, -1):
            entry = lex.chinese.get(s[i : i + length]) or places.get(s[i : i + length])
            if entry and entry.kind == BARRED:
                phrases = _phrase_spans(s) if phrases is None else phrases
                if _cut_through(phrases, i, i + length):
                    continue  # 法国 in 魔法国度 (魔法 + 国度): halves of two words, not the country
            if entry:
                words.append(PlainWord(_typed(base, run.at[i], run.at[i + length - 1]), entry.zh, entry.kind,
                                       entry.alone, False, run.at[i]))
                i += length
                break
        else:
            left.append(s[i])
            i += 1


def _phrase_spans(chars: str) -> list[tuple[int, int]]:
    """Where pypinyin's phrase dictionary cuts a run of characters into words: (start, end) of each."""
    from pypinyin.seg.mmseg import seg

    spans, at = [], 0
    for piece in seg.cut(chars):
        spans.append((at, at + len(piece)))
        at += len(piece)
    return spans


def _cut_through(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether a word of `spans` runs across the edge of start…end (neither inside it nor around it)."""
    return any(a < end and b > start and not (start <= a and b <= end) and not (a <= start and end <= b)
               for a, b in spans)


def _pinyin_cover(tokens: list[_Token], lex: _Lexicon) -> list[tuple[int, int, Entry]] | None:
    """Pinyin words that make up these Latin words exactly (youjidami, Da-Mi, lv cha): spans in the
    joined letters, or None. A word may run over a space or hyphen only between its syllables."""
    keys = []
    for t in tokens:
        toneless = re.sub(r"[1-5]", "", t.key) if _TONE_NUMBERED.fullmatch(t.key) else t.key  # da4mi3
        if not toneless.isalpha():
            return None
        keys.append(toneless)
    text = "".join(keys)
    bounds = {sum(map(len, keys[:i])) for i in range(1, len(keys))}

    def pieces_at(k: int) -> Iterator[tuple[int, Entry]]:
        for length in range(min(len(text) - k, lex.longest_pinyin), 0, -1):
            found = lex.pinyin.get(text[k : k + length])
            if found and not any(k < b < k + length and b - k not in found.breaks for b in bounds):
                yield k + length, found.entry

    return _cut_whole(text, pieces_at)


def _cut_whole(text: str, pieces_at: Callable[[int], Iterable[tuple[int, Entry]]]) -> list[tuple[int, int, Entry]] | None:
    """`text` cut wholly into words: at each position the first piece `pieces_at` offers (its end
    and entry; longest first) after which the rest can be cut too, or None when no cut covers it."""
    memo: dict[int, list[tuple[int, int, Entry]] | None] = {}

    def cover(k: int) -> list[tuple[int, int, Entry]] | None:
        if k == len(text):
            return []
        if k not in memo:
            memo[k] = None
            for end, entry in pieces_at(k):
                rest = cover(end)
                if rest is not None:
                    memo[k] = [(k, end, entry), *rest]
                    break
        return memo[k]

    return cover(0)


# A piece of an unspaced word must be at least this long: "Twine" is not t + wine.
MIN_JOINED_PIECE = 3


def _english_cover(token: _Token, lex: _Lexicon) -> list[tuple[int, int, Entry]] | None:
    """English plain words written together with no space or case change (BESTRICE, GREENTEAHONEY):
    spans in the word's letters, or None unless its letters are exactly words of the lists, each of
    at least three letters (Sunrice, Priceless and Appleton stay coined words)."""
    text = token.key
    if not text.isalpha():
        return None

    def pieces_at(k: int) -> Iterator[tuple[int, Entry]]:
        for end in range(len(text), k + MIN_JOINED_PIECE - 1, -1):
            piece = text[k:end]
            found = lex.english_joined.get(piece) or lex.english_joined.get(rules.english_singular(piece))
            if found:
                yield end, found

    # One piece is a phrase of the lists written as one word (GREENTEA): a single known word was
    # already read by the caller.
    return _cut_whole(text, pieces_at) or None


def _letters_at(tokens: list[_Token]) -> tuple[list[int], list[int]]:
    """Where each letter of the tokens (tone numbers dropped as `_pinyin_cover` drops them) starts and
    ends in the name: a tone number belongs to the letter before it (da4mi3)."""
    first: list[int] = []
    last: list[int] = []
    for t in tokens:
        numbered = _TONE_NUMBERED.fullmatch(t.key) is not None
        for ch, at in zip(t.key, t.at, strict=True):
            if numbered and ch in "12345":
                last[-1] = at
            else:
                first.append(at)
                last.append(at)
    return first, last


def _read_latin(tokens: list[_Token], lex: _Lexicon, base: str, words: list[PlainWord], left: list[str],
                places: dict[str, Entry] | None = None) -> None:
    """At each word, the longest run of words that is a place name in pinyin (found by the caller), an
    English plain word, or is made of pinyin ones."""
    singular = [rules.english_singular(t.key) for t in tokens]
    i = 0
    while i < len(tokens):
        end, found = i, list[tuple[int, int, Entry]]()
        for n in range(min(len(tokens) - i, 4), 0, -1) if places else ():
            place = places.get("".join(t.key for t in tokens[i : i + n])) if places else None
            if place:
                end, found = i + n, [(tokens[i].at[0], tokens[i + n - 1].at[-1], place)]
                break
        # A longer English or pinyin word wins over a place inside it: Sichuan Pepper is 花椒 (the place
        # is flagged on its own by the caller); a place and a word of equal length read as the place.
        for n in range(min(len(tokens) - i, lex.longest_english), end - i, -1):
            entry = lex.english.get(tuple(singular[i : i + n]))
            if entry:
                end, found = i + n, [(tokens[i].at[0], tokens[i + n - 1].at[-1], entry)]
                break
        for j in range(len(tokens), end, -1):
            cover = _pinyin_cover(tokens[i:j], lex)
            if cover:
                starts, ends = _letters_at(tokens[i:j])
                end, found = j, [(starts[a], ends[b - 1], entry) for a, b, entry in cover]
                break
        if not found and (joined := _english_cover(tokens[i], lex)):
            at = tokens[i].at
            end, found = i + 1, [(at[a], at[b - 1], entry) for a, b, entry in joined]
        if not found:
            left.append(tokens[i].key)
            i += 1
            continue
        for first, last, entry in found:
            words.append(PlainWord(_typed(base, first, last), entry.zh, entry.kind, entry.alone, True, first))
        i = end


def latin_spans(name: str, max_words: int = 4) -> dict[str, tuple[int, int]]:
    """Every run of up to `max_words` consecutive Latin words of the name, joined and folded ('Hong
    Kong', 'Xi'an' → hongkong, xian), with where it starts and ends in the name. Words are whole:
    'Beijingo' never yields beijing."""
    base = unicodedata.normalize("NFC", name)
    tokens = _scan(base)[1]
    spans: dict[str, tuple[int, int]] = {}
    for i in range(len(tokens)):
        for j in range(i + 1, min(len(tokens), i + max_words) + 1):
            key = "".join(t.key for t in tokens[i:j])
            spans.setdefault(key, (tokens[i].at[0], tokens[j - 1].at[-1]))
    return spans


def typed_span(name: str, span: tuple[int, int]) -> str:
    """The characters of `name` between two positions of `latin_spans`, as typed."""
    base = unicodedata.normalize("NFC", name)
    return _typed(base, span[0], span[1])


def read_name(name: str, nice_class: int, place_forms: Iterable[str] = ()) -> NameWords:
    """The plain words of a brand name for goods of a class, and what is left beside them. Place names
    (as found by the caller) are taken out with the plain words but are never one of them."""
    base = unicodedata.normalize("NFC", name)
    lex = _lexicon(nice_class)
    place_forms = list(place_forms)
    places = {form: Entry(form, PLACE, False) for form in place_forms if not form.isascii()}
    latin_places = {form: Entry(form, PLACE, False) for form in place_forms if form.isascii()}
    runs, tokens = _scan(base)
    words: list[PlainWord] = []
    left: list[str] = []
    for run in runs:
        _read_run(run, lex, places, base, words, left)
    _read_latin(tokens, lex, base, words, left, latin_places)
    return NameWords(tuple(sorted(words, key=lambda w: w.start)), tuple(left))


# What must be left before a generic name written on to a word counts as one: GOLDENRICE is golden +
# rice, but Sunrice, Avarice and Priceless are not read as rice.
MIN_JOINED_REST = 4

# A three-letter generic name ends too many words (BirminGHAM, NottinGHAM) to be read on its own
# word's end: it counts only after letters that are themselves words of the lists or pinyin
# syllables (GREENTEA, jinfengshoucha). Longer names (RICE, HONEY, APPLES) need only MIN_JOINED_REST.
_PINYIN_RUN = re.compile(
    r"(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ang|eng|ing|ong|uai|uan|iao|ian|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|ue|ve|er|a|o|e|i|u|v))+")


MIN_PINYIN_WORD = 4  # letters: shorter words read as pinyin too often (tea, rice)


def pinyin_words(name: str) -> list[str]:
    """The Latin words of a name, as typed, that read as pinyin syllables of two or more letters' worth
    (guilin, Gui Lin as one run of words): where a place's pinyin may count as its name."""
    out: list[str] = []
    tokens = _scan(unicodedata.normalize("NFC", name))[1]
    joined = "".join(t.key for t in tokens)
    if tokens and joined.isalpha() and len(joined) >= MIN_PINYIN_WORD and _PINYIN_RUN.fullmatch(joined):
        out.append(_typed(unicodedata.normalize("NFC", name), tokens[0].at[0], tokens[-1].at[-1]))
    return out


def _plain_head(head: str, lex: _Lexicon) -> bool:
    return _PINYIN_RUN.fullmatch(head) is not None or _english_cover(_Token(head, tuple(range(len(head)))), lex) is not None


def joined_generic_names(name: str, nice_class: int) -> list[PlainWord]:
    """The goods' generic name written on to the end of another Latin word, in English or pinyin
    (GOLDENRICE, GOLDENHARVESTRICE, jinfengshoudami): `read_name` leaves such a word whole, as
    coined, since only its end is plain. Each found word once, in the order of the name."""
    base = unicodedata.normalize("NFC", name)
    lex = _lexicon(nice_class)
    out: list[PlainWord] = []
    for token in _scan(base)[1]:
        key = token.key
        if not key.isalpha():
            continue
        for cut in range(MIN_JOINED_REST, len(key) - MIN_JOINED_PIECE + 1):
            tail = key[cut:]
            entry = lex.english_joined.get(tail) or lex.english_joined.get(rules.english_singular(tail))
            if entry is None and (pinyin := lex.pinyin.get(tail)) is not None and pinyin.entry.alone:
                entry = pinyin.entry
            if entry is not None and entry.kind == GENERIC and (len(tail) > MIN_JOINED_PIECE or _plain_head(key[:cut], lex)):
                out.append(PlainWord(_typed(base, token.at[cut], token.at[-1]), entry.zh, GENERIC, True, True,
                                     token.at[cut]))
                break
    return out
