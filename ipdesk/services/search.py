"""One search over every record kind: the search page, by-place view, wizards, kiosk and CLI use it.

A query is answered in tiers, each an indexed lookup returning document ids in result order
(see search_index: doc_id order is kind priority, then newest first; tier 3 runs right after the GIs of
tiers 1-2, before other records by name: QA18a N6):

  0 exact name   1 name prefix   2 name contains every word   3 places the query names
  4 other places containing it   5 pinyin / identifier key prefix   6 records of a place the query names
  7 any field contains every word   8 near spellings (typos; only when the tiers above found nothing)

Added on 2026-11-27 (docs/search.md, "Ranking rules"): a Nice class or similar group typed by number
(第30类, Class 30, 类似群3002) is answered from the classification list alone; a place and a product
(黑龙江 大米, 杭州茶) put that place's GIs holding the product right after an exact name; GIs of tiers 1-2
are ranked product part of the name > category only > place part of the name; an English word (rice,
tea) puts the classifications and GI categories so named before weak pinyin readings of its letters.
Second pass (docs/search.md, "Rules added in the second pass"): punctuation separates words and never
reaches FTS5 as syntax (_fts_term); the region filter holds in every tier; an English product word lists
its GIs first (corn is maize); a pinyin place or name and an English product word (Wuchang rice, Hangzhou
tea) find that place's GIs; apostrophes split pinyin syllables (Xi'an); a place read exactly (xihu →
西湖区) ranks first. After QA round 18a (docs/search.md, "Chinese near matches"): a Chinese query
that no tier holds gets the GI and place names near it by character and reading (五常未米, 沁州小米,
萧县埔萄), merged with the names inside it, then the GIs of the product word it ends with (有机大米 →
the 大米 GIs), as near spellings.

The tiers are merged in order without duplicates. Each tier reads at most `COUNT_CAP + 1` ids, the
first in doc_id order (newest first) when it has more (QA 20b N2: the name-prefix tier kept a name-order
slice), so the total is exact up to the cap and reported as "10,000+" beyond it; no tier ranks or scans
the whole match set. Matched spans for highlighting are computed for the page only.
"""

from __future__ import annotations

import logging
import re
import time
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import OSA, Levenshtein
from sqlalchemy import Engine

from ipdesk.domain import rules
from ipdesk.domain.codes import (
    announcement_key,
    classification_query,
    code_query_forms,
    division_ancestors,
    division_prefix,
    expand_division_code,
    gi_announcement_query,
    ipc_prefix_key,
    labelled_number,
    looks_like_code,
    nice_class_parts,
    number_punctuation,
    patent_family_keys,
)
from ipdesk.domain.i18n import GI_CATEGORY_NAMES
from ipdesk.domain.text import (
    apostrophe_syllables,
    char_category,
    fold,
    has_cjk,
    is_blank,
    is_cjk,
    key_prefix,
    pinyin_query_forms,
    query_grams,
    query_words,
    segments,
    typed_text,
    without_filler,
)
from ipdesk.services.char_readings import pinyin_syllables, readings_of
from ipdesk.services.db import raise_if_damaged
from ipdesk.services.errors import UserInputError
from ipdesk.services.search_index import KIND_PRIORITY, PRIORITY_KIND, class_keys, kind_doc_range, kind_of_doc

log = logging.getLogger("ipdesk.search")

COUNT_CAP = 10_000
VERIFIED_CAP = 1_000  # candidates whose text is checked word by word, per tier
# Up to this many times `want` names sharing a prefix are ordered by doc_id in memory; beyond, the tier walks
# in doc_id order (run_prefix).
_PREFIX_SORT_FACTOR = 2
MAX_QUERY_CHARS = 100
KINDS = tuple(KIND_PRIORITY)
# What each tier matched (SearchHit.matched). 9-12 are the tiers added for a place + product query,
# an English word and its weak pinyin readings; 'name' becomes 'category' for a GI whose name does
# not hold the words but its category does (_load_hits).
TIER_FIELDS = ("name", "name", "name", "place", "place", "key", "area", "text", "fuzzy",
               "area_name", "english", "category", "key", "product_word", "in_query", "name", "key")
_TIER_PLACE_PRODUCT, _TIER_ENGLISH, _TIER_CATEGORY, _TIER_WEAK_KEY, _TIER_PRODUCT_WORD = 9, 10, 11, 12, 13
_TIER_NAME_IN_QUERY = 14
_TIER_CLASS_NAME = 15  # classification entries by the words of their title (蜂蜜 → 3005): their name
_TIER_ANNOUNCEMENT = 16  # GIs by their announcement number (国家质检总局公告2012年第37号): a number
# The longest name looked for inside a query that found nothing (西湖龙井茶 → 西湖龙井, 龙井茶).
_LONGEST_NAME_IN_QUERY = 20
# Words of the English titles that say nothing on their own ('and', 'other'): not read as English.
_ENGLISH_STOP_WORDS = frozenset({
    "and", "the", "for", "with", "from", "not", "its", "their", "thereof", "therefor", "other", "others", "made",
    "being", "used", "all", "any", "such", "similar", "including", "except", "parts", "part",
})
_ONE_CHAR_SUFFIXES = frozenset("市县区镇乡旗省盟村街")  # a product word does not start with a place's ending
_PLACE_SUFFIXES = ("市", "县", "区", "镇", "乡", "街道", "自治县", "旗", "自治州", "地区", "盟", "省", "自治区", "林区", "苏木")
# How the endings above read (市 shi, 县 xian …): a place's pinyin is its name's reading and one of these
# (xihuqu is 西湖 + 区), which makes xihu an exact reading of 西湖区 and only the start of 西火镇's (xi-huo).
_PLACE_SUFFIX_PINYIN = ("shi", "xian", "qu", "zhen", "xiang", "jiedao", "zizhixian", "qi", "zizhizhou", "diqu", "meng",
                        "sheng", "zizhiqu", "linqu", "sumu")
_MAX_CHAR = "\U0010ffff"
_RANKED_KEY_KINDS = ("gi", "place", "class")
_KIND_SPAN = 10**18  # doc_id // _KIND_SPAN is the kind's priority (search_index.make_doc_id)
_REFERENCE_KINDS = ("place", "class")
# The text a record's n-grams were made from, for checking a long word really occurs in it.
_RECORD_TEXT_SQL = (
    "CASE d.kind "
    "WHEN 'patent' THEN (SELECT p.title || '|' || p.abstract || '|' || p.applicants || '|' || p.inventors "
    "|| '|' || p.address FROM patent p WHERE p.id = d.ref_id) "
    "WHEN 'trademark' THEN (SELECT t.mark_text || '|' || t.goods || '|' || t.owner || '|' || t.owner_address "
    "FROM trademark t WHERE t.id = d.ref_id) "
    "WHEN 'gi' THEN (SELECT g.name || '|' || g.category || '|' || g.holder || '|' || g.area_text || '|' || g.note "
    "|| '|' || g.standard FROM geo_indication g WHERE g.id = d.ref_id) "
    "WHEN 'class' THEN (SELECT c.title_zh || '|' || c.title_en FROM class_node c WHERE c.id = d.ref_id) "
    "ELSE d.title || '|' || d.subtitle END"
)


MAX_OFFSET = 10**12  # no index holds as many records; SQLite's integers end at 2**63


@dataclass(frozen=True)
class SearchFilters:
    kinds: tuple[str, ...] = ()
    region: str = ""  # a division code or its significant prefix: '33', '3301', '330106', '330106001'
    gi_kind: str = ""
    nice_class: int | None = None
    similar_group: str = ""
    ipc_prefix: str = ""
    year_from: int | None = None
    year_to: int | None = None
    status: str = ""

    def is_empty(self) -> bool:
        return self == SearchFilters()


@dataclass(frozen=True)
class SearchHit:
    doc_id: int
    kind: str
    ref_id: int
    title: str
    subtitle: str
    subkind: str
    region: str
    klass: str
    date: str
    status: str
    # What it matched: name | category (a GI's category, not its name) | place | key (pinyin or a code) |
    # area | text | fuzzy | english (a classification's English title) | area_name / area_category (a GI
    # of the place the query names, by name or by category) | within (a place inside the one named)
    matched: str
    spans: tuple[tuple[int, int], ...] = ()

    @property
    def key(self) -> str:
        """The record's id as people see it: the division code for a place, else the record id."""
        return f"{self.ref_id:012d}" if self.kind == "place" else str(self.ref_id)


@dataclass
class SearchResult:
    query: str
    filters: SearchFilters
    doc_ids: list[int]  # every id found, in result order (up to the cap)
    hits: list[SearchHit]  # the requested page
    total: int
    capped: bool
    counts_by_kind: dict[str, int]
    forms: list[str] = field(default_factory=list)  # pinyin/code forms the query was read as
    places: list[str] = field(default_factory=list)  # division codes the query named
    elapsed_ms: float = 0.0
    # Kinds with no record at all on this computer: "0 patents" then means none were loaded, not
    # none exist, and the window says so.
    kinds_without_data: tuple[str, ...] = ()
    # doc_id → the tier that found it, and the product words of a place + product query: rows read
    # later (`hits_for`, the lazy table) say what they matched as the first page does.
    tiers: dict[int, int] = field(default_factory=dict)
    product_words: tuple[str, ...] = ()

    @property
    def total_label(self) -> str:
        """'2,419', or '1,001+' / '10,000+' when a tier stopped at its cap (at least that many)."""
        return f"{self.total:,}+" if self.capped else f"{self.total:,}"


@dataclass(frozen=True)
class _EnglishProduct:
    """An English product word of the crop vocabulary (rules.CROPS) in a Latin query, and what else the
    query says: nothing or a describing word (rice, green tea, organic apples: `plain`), or a pinyin
    qualifier (Wuchang rice, rice wuchang, Hangzhou tea, longjing tea: `qualifier`, read as a place or as
    the start of a GI's name)."""

    endings: tuple[str, ...]  # what the name of a GI for it ends with (大米, 稻米 …), longest first
    categories: tuple[str, ...]  # GI categories that are the product as a whole (茶叶 for tea)
    english: tuple[str, ...]  # its English words, for the classification titles (corn → corn, maize)
    qualifier: str = ""  # the other words, joined: 'wuchang'
    plain: bool = True
    goods: tuple[str, ...] = ()  # the Chinese goods words the whole query names (green tea → 绿茶)


@dataclass(frozen=True)
class _Plan:
    words: tuple[str, ...]
    phrase: str
    key_forms: tuple[str, ...]
    cjk: bool
    classification: tuple[str, str] | None = None  # ('nice', '30') for 第30类 / Class 30; ('group', '3002')
    english: bool = False  # every word is an English word of the classification titles or GI categories
    typed: str = ""  # the folded query as typed, punctuation and all (a name may hold punctuation)
    syllables: tuple[str, ...] = ()  # pinyin syllables set apart by apostrophes: xi'an → ('xi', 'an')
    product: _EnglishProduct | None = None  # an English product word in a Latin query (rice, Wuchang rice)
    # the CN publication number typed, without its kind code, as whole key tokens: the number's other
    # documents (CN999012345A → the grant CN999012345B), after the exact ones
    family: tuple[str, ...] = ()
    # a GI announcement number (国家质检总局公告2012年第37号): (issuer, year, number), codes.gi_announcement_query
    announcement: tuple[str, str, str] | None = None
    nice_class: int | None = None  # a class typed with the words (第30类 大米): the words among its trademarks


def _fts_pieces(token: str) -> list[str]:
    """The tokens FTS5's unicode61 tokenizer makes of `token`: runs of letters, digits and private-use
    characters (its default categories L* N* Co; code points its Unicode 6.1 tables do not know, such
    as the ideographs of Extensions F–H, count as letters too); everything else separates. The index holds only such
    tokens, and a quoted string of several of them is a phrase, which a `detail=none` table refuses
    ('phrase queries are not supported'): 2,4-d is looked up as 2, 4 and d."""
    pieces: list[str] = []
    current: list[str] = []
    for ch in token:
        cat = char_category(ch)
        if cat[0] in "LN" or cat == "Co":
            current.append(ch)
        elif current:
            pieces.append("".join(current))
            current = []
    if current:
        pieces.append("".join(current))
    return pieces


def _fts_term(token: str, prefix: bool = False) -> str:
    """One typed token as an FTS5 query: each of its pieces quoted (a quote inside is doubled, so no
    typed text is read as query syntax), all of them required, the last one as a prefix if asked.
    "" when the token holds no letter or digit."""
    pieces = _fts_pieces(token)
    if not pieces:
        return ""
    terms = ['"' + piece.replace('"', '""') + '"' for piece in pieces]
    if prefix:
        terms[-1] += "*"
    return terms[0] if len(terms) == 1 else "(" + " AND ".join(terms) + ")"


def _fts_phrase(tokens: Sequence[str], prefix: bool = False) -> str:
    """Every token required ("" when none holds a letter or digit)."""
    return " AND ".join(t for t in (_fts_term(token, prefix) for token in tokens) if t)


def _fts_any(tokens: Sequence[str], prefix: bool = False) -> str:
    """Any of the tokens ("" when none holds a letter or digit)."""
    return " OR ".join(t for t in dict.fromkeys(_fts_term(token, prefix) for token in tokens) if t)


class SearchService:
    """Searches the store behind `engine`; safe to call from any thread (one connection per call)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._vocab: tuple[tuple[Any, ...], list[tuple[int, str]]] | None = None
        self._near_vocab: tuple[tuple[Any, ...], _NearVocabulary] | None = None
        self._classes: tuple[tuple[Any, ...], _ClassCache] | None = None
        self._place_prefixes: dict[tuple[str, str], int] = {}

    # --- public API ---------------------------------------------------------------------------

    def validate(self, query: str) -> str:
        q = " ".join(typed_text(query).split())  # a NUL, a lone surrogate: nothing SQLite or OpenCC takes
        if is_blank(q):  # only invisible characters (a zero-width space, a BOM) is an empty box too
            raise UserInputError("请输入要查找的文字、拼音或编号。", "Type some text, pinyin or a number to search for.")
        if len(q) > MAX_QUERY_CHARS:
            raise UserInputError(
                f"查询过长（{len(q)} 个字符，最多 {MAX_QUERY_CHARS} 个）。请输入关键的几个字。",
                f"The query is too long ({len(q)} characters, at most {MAX_QUERY_CHARS}). Type a few key words.",
            )
        return q

    def search(
        self, query: str, filters: SearchFilters | None = None, *, limit: int = 20, offset: int = 0
    ) -> SearchResult:
        # an offset past any result set is an empty page, not an integer SQLite cannot hold (OverflowError)
        offset = max(0, min(offset, MAX_OFFSET))
        try:
            return self._search(query, filters, limit=limit, offset=offset)
        except Exception as exc:
            # Typed text never reaches FTS5 as query syntax (_fts_term); should some input still make
            # FTS5 refuse its query, the person reads a sentence, the log keeps the driver's words.
            if type(exc).__name__ == "OperationalError" and str(exc).startswith("fts5"):
                log.error("search %r: the index refused the query", query, exc_info=exc)
                raise UserInputError(
                    "无法按这样的文字查找，请只输入文字、拼音或编号再试。",
                    "The search could not read this query. Type words, pinyin or a number and try again.",
                    detail=str(exc),
                ) from exc
            raise

    def _search(
        self, query: str, filters: SearchFilters | None = None, *, limit: int = 20, offset: int = 0
    ) -> SearchResult:
        started = time.perf_counter()
        q = without_filler(self.validate(query))  # 五常 and 大米 → 五常 大米 (text.FILLER_WORDS)
        filters = filters or SearchFilters()
        klass = nice_class_parts(fold(q))
        if klass is not None and not 1 <= klass[0] <= 45:
            raise UserInputError(f"尼斯分类只有第 1–45 类，没有第 {klass[0]} 类。",
                                 f"Nice classes are 1–45; there is no class {klass[0]}.")
        plan = self._plan(q)
        shown_filters = filters  # what the result reports (a basket item runs the query again with them)
        if (plan.nice_class is not None and filters.nice_class in (None, plan.nice_class)
                and (not filters.kinds or "trademark" in filters.kinds)):
            # 第30类 大米: the words among class 30's trademarks (the class filter keeps only trademarks)
            filters = replace(filters, nice_class=plan.nice_class)
        want = max(COUNT_CAP + 1, offset + limit)
        ordered: dict[int, int] = {}  # doc_id → tier
        capped = False
        places: list[str] = []
        product: list[str] = []  # the product words of a place + product query (黑龙江 大米 → 大米)
        product_places: list[str] = []  # and its place
        with self._raw_cursor() as cur:
            if self._is_english(cur, plan):
                plan = replace(plan, english=True)
            stopped: list[bool] = []
            for tier, ids in self._tiers(cur, plan, filters, want, places, page_end=offset + limit, stopped=stopped,
                                         product=product, product_places=product_places):
                if len(ids) >= want or stopped:
                    capped = True
                for doc_id in ids:
                    ordered.setdefault(doc_id, tier)
                if len(ordered) >= want:
                    # Later tiers rank after these: they could only lengthen the "10,000+" tail.
                    # The places the query names are still reported (the by-place link).
                    capped = True
                    if not places and self._names_places(plan):
                        places.extend(self._places_named(cur, plan.words[0], filters.region))
                    break
            # Near spellings are for pinyin: not for a class named by its number (class 30) or an English
            # word (rice is one letter from rifeng, a township; navel oranges found 脐橙 by its meaning).
            # Nor for pinyin typed with apostrophes (xi'an: its syllables are spelled out), nor once a place
            # or a name and an English product word (Wuchang rice) found something.
            # Only when the tiers above found nothing: the answer must not depend on the page size (it did
            # when "fewer than a page" let the window's 100 rows pad hangzhou's 4 places with 46 near
            # spellings that the CLI's 20 did not show), and a query that found its record needs no guesses.
            if (plan.key_forms and not plan.cjk and not ordered and not looks_like_code(plan.typed)
                    and not plan.english and not plan.syllables):
                for doc_id in self._fuzzy(cur, plan, filters):
                    ordered.setdefault(doc_id, 8)
            # Nothing holds all of a Chinese query: the records whose whole name is in it (西湖龙井茶 →
            # 西湖龙井 and 龙井茶; 五常大米地理标志 → 五常大米), longest names first, and the GI and place
            # names near it (a wrong, missing or homophone character: 五常未米, 沁州小米, 萧县埔萄), merged
            # by how much of the query each leaves unexplained; then, when no GI is among them, the GIs of
            # the product word the query ends with (东北大米 → the 大米 GIs). Only here: the same answer for
            # every page size.
            if plan.cjk and not ordered:
                inside = self._names_in_query(cur, plan, filters, want)
                for doc_id, tier in self._near_chinese(cur, plan, filters, inside):
                    ordered.setdefault(doc_id, tier)
            places.extend(c for c in product_places if c not in places)
            doc_ids = list(ordered)
            page_ids = doc_ids[offset : offset + limit]
            hits = self._load_hits(cur, page_ids, ordered, plan, product)
            without_data = self._kinds_without_data(cur)
        capped = capped or len(doc_ids) > COUNT_CAP
        by_priority = Counter(doc_id // _KIND_SPAN for doc_id in doc_ids[:COUNT_CAP])
        counts = {PRIORITY_KIND[p]: n for p, n in sorted(by_priority.items())}
        elapsed = (time.perf_counter() - started) * 1000
        log.debug("search %r → %d (%s) in %.1f ms", q, len(doc_ids), "capped" if capped else "exact", elapsed)
        return SearchResult(
            query=q, filters=shown_filters, doc_ids=doc_ids[:COUNT_CAP] if capped else doc_ids, hits=hits,
            total=min(len(doc_ids), COUNT_CAP), capped=capped, counts_by_kind=counts,
            forms=list(plan.key_forms), places=places, elapsed_ms=elapsed, kinds_without_data=without_data,
            tiers=ordered, product_words=tuple(product),
        )

    @staticmethod
    def _kinds_without_data(cur: Any) -> tuple[str, ...]:
        """One primary-key probe a kind: microseconds."""
        empty = []
        for kind in KIND_PRIORITY:
            lo, hi = kind_doc_range(kind)
            if cur.execute("SELECT 1 FROM search_doc WHERE doc_id BETWEEN ? AND ? LIMIT 1", (lo, hi)).fetchone() is None:
                empty.append(kind)
        return tuple(empty)

    # --- bounded lookups for the wizards ---------------------------------------------------------
    # The wizards ask narrower questions than a search: one kind, no ranking, a hard cap on each
    # lookup (a search counts every match, wasted work for them). Only this module knows the index
    # tables and their query syntax.

    def lookup_refs(self, kind: str, *, limit: int, **where: Any) -> list[int]:
        """ref_ids of `kind`'s records matching `where` (see `_lookup_sql`), in result order
        (kind priority, newest first), at most `limit`."""
        sql, params, order = self._lookup_sql(kind, **where)
        if not sql:
            return []
        with self._engine.connect() as conn:
            rows = conn.exec_driver_sql(f"SELECT d.ref_id {sql} ORDER BY {order} LIMIT ?", (*params, limit))
            return [int(r[0]) for r in rows]

    def count_refs(self, kind: str, *, cap: int, **where: Any) -> int:
        """How many records `lookup_refs` would find, counted up to `cap`."""
        sql, params, _order = self._lookup_sql(kind, **where)
        if not sql:
            return 0
        with self._engine.connect() as conn:
            return int(conn.exec_driver_sql(f"SELECT count(*) FROM (SELECT 1 {sql} LIMIT ?)", (*params, cap)).scalar()
                       or 0)

    @staticmethod
    def _lookup_sql(
        kind: str,
        *,
        name_has: str = "",
        text_has_any: Sequence[str] = (),
        text_has_all: Sequence[str] = (),
        pinyin_starts: str = "",
        named: Sequence[str] = (),
        klass: str | Sequence[str] | None = None,
        code_prefixes: Sequence[str] = (),
    ) -> tuple[str, list[Any], str]:
        """The FROM/WHERE of one lookup, on exactly one of: `name_has` (the name contains the
        text: its n-grams), `text_has_any`/`text_has_all` (any / every one of the words somewhere
        in the record's text), `pinyin_starts` (a pinyin key starts with the reading), `named`
        (the folded name is one of these). Filters: `klass` (the class column: one, or any of several), `code_prefixes`
        (any of the record's codes starts with one of these IPC keys). Also returns the column to
        order by: FTS5 hands its matches over in rowid order, so ordering by f.rowid lets a LIMIT
        stop early (ordering by the joined d.doc_id would sort every match)."""
        lo, hi = kind_doc_range(kind)
        conds: list[str] = []
        params: list[Any] = []
        if isinstance(klass, str):
            conds.append("d.klass = ?")
            params.append(klass)
        elif klass is not None:
            conds.append(f"d.klass IN ({','.join('?' * len(klass))})")
            params += list(klass)
        if code_prefixes:
            conds.append("(" + " OR ".join("(' ' || d.codes) LIKE ?" for _ in code_prefixes) + ")")
            params += [f"% {form}%" for form in code_prefixes]

        def word(w: str) -> str:
            grams = query_grams(fold(w))
            return "(" + _fts_phrase(grams) + ")" if grams else ""

        table, match = "", ""
        if name_has:
            table, match = "fts_name", word(name_has)
        elif text_has_any or text_has_all:
            anyof = [x for x in map(word, text_has_any) if x]
            allof = [x for x in map(word, text_has_all) if x]
            table, match = "fts_all", " AND ".join((["(" + " OR ".join(anyof) + ")"] if anyof else []) + allof)
        elif pinyin_starts:
            table, match = "fts_key", _fts_phrase([key_prefix(pinyin_starts)], prefix=True)
        elif named:
            where = " AND ".join([f"d.name IN ({','.join('?' * len(named))})", "d.doc_id BETWEEN ? AND ?", *conds])
            return f"FROM search_doc d WHERE {where}", [*named, lo, hi, *params], "d.doc_id"
        if not match:
            return "", [], ""
        # f.rowid is d.doc_id: the range on f.rowid lets FTS5 skip the other kinds' postings.
        where = " AND ".join([f"{table} MATCH ?", "f.rowid BETWEEN ? AND ?", *conds])
        return (f"FROM {table} f CROSS JOIN search_doc d ON d.doc_id = f.rowid WHERE {where}", [match, lo, hi, *params],
                "f.rowid")

    def hits_for(
        self, doc_ids: Sequence[int], query: str = "", tiers: dict[int, int] | None = None,
        product_words: Sequence[str] = (),
    ) -> list[SearchHit]:
        """Rows for ids the caller already holds (the lazy table model fetches pages this way). With
        the result's `tiers` (and `product_words`) each row says what it matched, as on the first page."""
        plan = self._plan(without_filler(query)) if query.strip() else _Plan((), "", (), False)
        with self._raw_cursor() as cur:
            return self._load_hits(cur, list(doc_ids), tiers or {}, plan, list(product_words))

    @contextmanager
    def _raw_cursor(self) -> Iterator[Any]:
        """The driver's cursor (the tiers run many small statements; SQLAlchemy's per-statement cost
        showed in the search benchmark). Errors met here bypass SQLAlchemy's hook, so a damaged file
        is reported from here (`db.raise_if_damaged`)."""
        with self._engine.connect() as conn:
            raw = conn.connection.driver_connection
            assert raw is not None
            try:
                yield raw.cursor()
            except Exception as exc:
                raise_if_damaged(self._engine, exc)
                raise

    # --- planning -----------------------------------------------------------------------------

    def _plan(self, q: str) -> _Plan:
        # folded first (NFKC: ２０９９…．６, Ａ０１Ｇ　２５／０２ and the IME's ／ are read as typed half-width),
        # then a Chinese full stop inside a number read as its dot (209910012345。6)
        folded = number_punctuation(fold(q))
        # a label in front of a number (专利号209910012345.6, 申请号：…, 注册号12345678, 第12345678号): the number
        folded = labelled_number(folded) or folded
        # a Nice class and words (第30类 大米, 30类 五常香, 大米 第30类): the words, among that class's trademarks
        klass = nice_class_parts(folded)
        nice_class = None
        if klass is not None and klass[1] and 1 <= klass[0] <= 45:
            nice_class, folded = klass[0], klass[1]
        # punctuation separates words (五常，大米 → 五常 大米; 【五常】 → 五常), except inside a number or
        # code (2,4-d, 9/00): text.query_words
        words = tuple(query_words(folded))
        cjk = has_cjk(folded)
        forms: list[str] = []
        family: list[str] = []
        if looks_like_code(folded):
            forms.extend(code_query_forms(folded))
            family = patent_family_keys(folded)
        if cjk:
            # Mixed text such as 五常dm: read the Chinese part as pinyin initials or syllables.
            if any(kind == "latin" for kind, _ in segments(folded)):
                forms.extend(pinyin_query_forms(folded.replace(" ", "")))
        else:
            forms.extend(pinyin_query_forms(folded))
        return _Plan(words=words, phrase=" ".join(words), key_forms=tuple(dict.fromkeys(f for f in forms if f)),
                     cjk=cjk, classification=classification_query(folded), typed=folded,
                     syllables=apostrophe_syllables(folded),
                     product=None if cjk or classification_query(folded) else _english_product(words),
                     family=tuple(family), announcement=gi_announcement_query(folded), nice_class=nice_class)

    def _filter_sql(self, filters: SearchFilters, alias: str = "d") -> tuple[str, list[Any]]:
        """Filter clauses checked row by row on search_doc. `+d.kind` keeps SQLite from driving the
        query through the (kind, ref_id) index instead of the FTS match (measured: 1 s → ms)."""
        clauses: list[str] = []
        params: list[Any] = []
        if filters.region:
            prefix = _region_prefix(filters.region)
            full = prefix.ljust(12, "0")
            ancestors = [*division_ancestors(full), full]
            marks = ",".join("?" * len(ancestors))
            clauses.append(
                f"((+{alias}.kind != 'gi' AND {alias}.region >= ? AND {alias}.region < ?) OR (+{alias}.kind = 'gi' AND "
                f"EXISTS (SELECT 1 FROM gi_area a WHERE a.gi_id = {alias}.ref_id AND "
                f"((a.division_code >= ? AND a.division_code < ?) OR a.division_code IN ({marks})))))"
            )
            params += [prefix, prefix + _MAX_CHAR, prefix, prefix + _MAX_CHAR, *ancestors]
        if filters.gi_kind:
            clauses.append(f"(+{alias}.kind != 'gi' OR {alias}.subkind = ?)")
            params.append(filters.gi_kind)
        if filters.nice_class is not None:
            clauses.append(f"(+{alias}.kind = 'trademark' AND {alias}.klass = ?)")
            params.append(str(filters.nice_class))
        if filters.similar_group:
            clauses.append(f"(+{alias}.kind = 'trademark' AND (' ' || {alias}.codes || ' ') LIKE ?)")
            params.append(f"% {filters.similar_group} %")
        if filters.ipc_prefix:
            norm = ipc_prefix_key(filters.ipc_prefix)
            clauses.append(f"(+{alias}.kind = 'patent' AND (' ' || {alias}.codes) LIKE ?)")
            params.append(f"% {norm}%")
        if filters.year_from is not None:
            clauses.append(f"{alias}.year >= ?")
            params.append(filters.year_from)
        if filters.year_to is not None:
            clauses.append(f"{alias}.year <= ?")
            params.append(filters.year_to)
        if filters.status:
            clauses.append(f"{alias}.status = ?")
            params.append(filters.status)
        return (" AND ".join(clauses), params)

    def _kind_sql(self, filters: SearchFilters, col: str) -> tuple[str, list[Any]]:
        if not filters.kinds or set(filters.kinds) >= set(KINDS):
            return "", []
        parts = []
        params: list[Any] = []
        for kind in filters.kinds:
            lo, hi = kind_doc_range(kind)
            parts.append(f"{col} BETWEEN ? AND ?")
            params += [lo, hi]
        return "(" + " OR ".join(parts) + ")", params

    # --- tiers --------------------------------------------------------------------------------

    def _tiers(  # type: ignore[no-untyped-def]
        self, cur: Any, plan: _Plan, filters: SearchFilters, want: int, places: list[str], *, page_end: int = 0,
        stopped: list[bool] | None = None, product: list[str] | None = None,
        product_places: list[str] | None = None,
    ):
        """Yield (tier, ids) in rank order. Places (38,000+ townships) would crowd out the records
        whose names merely contain a place name, so they get tiers of their own after the records.

        Tiers that must check each candidate's text (words of three or more characters) stop at
        VERIFIED_CAP (or the requested page) and say so in `stopped`: the count then reads
        "1,001+" rather than checking 10,000 texts (measured: 一体化 69 ms → ~15 ms)."""
        verified_want = min(want, max(page_end, VERIFIED_CAP) + 1)

        def note_stop(ids: list[int], limit: int) -> list[int]:
            if len(ids) >= limit and stopped is not None:
                stopped.append(True)
            return ids
        fsql, fparams = self._filter_sql(filters)
        single = plan.words[0] if len(plan.words) == 1 else plan.phrase
        wanted = tuple(filters.kinds) if filters.kinds else KINDS
        # Places (38,000+ townships) and classification titles would crowd out the records whose
        # names merely contain the word, so they rank after the records.
        records = tuple(k for k in wanted if k not in _REFERENCE_KINDS)
        place_only = ("place",) if "place" in wanted else ()
        classes = ("class",) if "class" in wanted else ()

        def run_doc(where: str, params: list[Any], kinds: tuple[str, ...]) -> list[int]:
            if not kinds:
                return []
            ksql, kparams = self._kind_sql(replace(filters, kinds=kinds), "d.doc_id")
            conds = " AND ".join([where] + [c for c in (ksql, fsql) if c])
            sql = f"SELECT d.doc_id FROM search_doc d WHERE {conds} ORDER BY d.doc_id LIMIT ?"
            return [r[0] for r in cur.execute(sql, [*params, *kparams, *fparams, want])]

        def run_prefix(kinds: tuple[str, ...]) -> list[int]:
            """1: the names that begin with the phrase, the first `want` in doc_id order (newest first), also
            when more share the prefix: a capped tier holds the same selection as every other tier (QA 20b N2:
            合成 kept the first 10,001 in name order, one crop's patents, and sorting by date sorted that slice)."""
            if not kinds:
                return []
            bounds = [plan.phrase, plan.phrase + _MAX_CHAR]
            # `+d.doc_id` keeps the planner on the name index (the rowid range of the kinds would walk them all)
            ksql, kparams = self._kind_sql(replace(filters, kinds=kinds), "+d.doc_id")
            conds = " AND ".join(["d.name > ? AND d.name < ?"] + [c for c in (ksql, fsql) if c])
            params = [*bounds, *kparams, *fparams]
            # How many, up to a bound: the name index alone (no row read without filters), ~0.1 µs a name.
            bound = want * _PREFIX_SORT_FACTOR
            many = cur.execute(f"SELECT count(*) FROM (SELECT 1 FROM search_doc d WHERE {conds} LIMIT ?)",
                               [*params, bound]).fetchone()[0] >= bound
            if not many:
                # every name with the prefix from the name index, sorted: the first `want` in doc_id order
                # (MATERIALIZED: with ANALYZE's statistics a plain ORDER BY made the planner scan the table)
                sql = (f"WITH c AS MATERIALIZED (SELECT d.doc_id AS id FROM search_doc d WHERE {conds}) "
                       "SELECT id FROM c ORDER BY id LIMIT ?")
                return [r[0] for r in cur.execute(sql, [*params, want])]
            # Common (一种…, 合成…: a large share of the names): walk each kind in doc_id order until `want` have
            # the prefix (one rowid range a statement: with several, SQLite reads them all, then sorts). A phrase
            # ending in Chinese walks the names holding its n-grams (fts_name; a name that begins with it holds them
            # all), so a kind where the prefix is rare (一种 among trademarks) is not read row by row; a prefix
            # ending in letters or digits (ab… is not a token of abc) walks the records.
            segs = segments(plan.phrase)
            by_grams = bool(grams) and bool(segs) and segs[-1][0] == "cjk"
            extra = f" AND {fsql}" if fsql else ""
            if by_grams:
                sql = ("SELECT f.rowid FROM fts_name f CROSS JOIN search_doc d ON d.doc_id = f.rowid "
                       f"WHERE fts_name MATCH ? AND f.rowid BETWEEN ? AND ? AND d.name > ? AND d.name < ?{extra} "
                       "ORDER BY f.rowid LIMIT ?")
                head = [_fts_phrase(grams)]
            else:
                sql = ("SELECT d.doc_id FROM search_doc d WHERE d.doc_id BETWEEN ? AND ? "
                       f"AND +d.name > ? AND +d.name < ?{extra} ORDER BY d.doc_id LIMIT ?")
                head = []
            found: list[int] = []
            for kind in sorted(kinds, key=KIND_PRIORITY.__getitem__):
                found += [r[0] for r in cur.execute(sql, [*head, *kind_doc_range(kind), *bounds, *fparams,
                                                          want - len(found)])]
                if len(found) >= want:
                    break
            return found

        def run_fts(table: str, match: str, verify: list[str], kinds: tuple[str, ...]) -> list[int]:
            if not kinds or not match:
                return []
            ksql, kparams = self._kind_sql(replace(filters, kinds=kinds), "f.rowid")
            conds = [f"{table} MATCH ?"] + ([ksql] if ksql else [])
            join = "CROSS JOIN search_doc d ON d.doc_id = f.rowid" if (fsql or verify) else ""
            conds += ["instr(d.name, ?) > 0" for _ in verify] + ([fsql] if fsql else [])
            sql = f"SELECT f.rowid FROM {table} f {join} WHERE {' AND '.join(conds)} ORDER BY f.rowid LIMIT ?"
            limit = verified_want if verify else want
            return note_stop([r[0] for r in cur.execute(sql, [match, *kparams, *verify, *fparams, limit])], limit)

        weak: list[int] = []
        grams = [g for w in plan.words for g in query_grams(w)]
        # Words whose n-grams do not prove they occur as typed: 3+ Chinese characters (bigrams
        # may be apart) and words of several segments (五常dm, a01g-9). A word that is a single
        # Latin or number token of the name needs no check.
        verify = [w for w in plan.words if (has_cjk(w) and len(w) > 2) or len(segments(w)) > 1]
        # A Nice class or similar group named by its number (第30类, Class 30, 类似群3002): the class,
        # then its similar groups in code order. Nothing else is meant.
        if plan.classification and classes:
            found = self._classification_matches(cur, *plan.classification)
            if found:
                kept = set(run_doc(f"d.doc_id IN ({','.join('?' * len(found))})", list(found), classes))
                ids = [i for i in found if i in kept]
                if ids:
                    yield 5, ids
                    return
        # 0-2: records by name — exactly, by its beginning (B-tree), containing every word (n-grams)
        # the words, or the query as typed when a name holds punctuation (蜂蜜,蜂王浆等营养食品)
        exact = [n for n in dict.fromkeys((plan.phrase, plan.typed)) if n]
        yield 0, run_doc(f"d.name IN ({','.join('?' * len(exact))})", exact, wanted) if exact else []
        # A GI announcement number as the GI's page shows it (国家质检总局公告2012年第37号, 2012年第37号, 第1813号):
        # the GIs whose number holds it, from the GI range of search_doc (its `codes` hold the number; a few
        # thousand rows at most). An issuer typed (农业部公告第1813号) puts its own announcements first.
        if plan.announcement and "gi" in wanted:
            issuer, year, number = plan.announcement
            ids = run_doc("instr(d.codes, ?) > 0", [announcement_key(year, number)], ("gi",))
            issuer = issuer.lstrip("原")
            if ids and issuer != "公告":
                own = {r[0] for r in cur.execute(
                    f"SELECT doc_id FROM search_doc WHERE doc_id IN ({','.join('?' * len(ids))}) AND instr(codes, ?) > 0",
                    [*ids, issuer + announcement_key(year, number)])}
                ids.sort(key=lambda i: i not in own)
            yield _TIER_ANNOUNCEMENT, ids
        if not plan.words:
            return  # nothing but punctuation: no word to look for
        # A place and a product (黑龙江 大米, 杭州茶): the GIs of that place whose name or category
        # holds the product, before anything else that merely contains the words.
        if plan.cjk and "gi" in wanted:
            for codes, words in self._place_product_splits(cur, plan):
                ids = self._place_product_matches(cur, codes, words, filters, want)
                if ids:
                    # reported with the result (not used for tier 6: the place's other records do not
                    # hold the product)
                    if product is not None:
                        product.extend(words)
                    if product_places is not None:
                        product_places.extend(codes)
                    yield _TIER_PLACE_PRODUCT, ids
                    break
        # The same in letters (Wuchang rice, rice wuchang, Hangzhou tea): a pinyin place and an English
        # product word, then GIs for the product whose name reads so (longjing tea → 龙井茶).
        pp = plan.product
        if not plan.cjk and pp is not None and pp.qualifier and "gi" in wanted:
            area_ids: list[int] = []
            for code in self._latin_places_named(cur, pp.qualifier, plan.syllables, filters.region):
                ids = self._product_gi_matches(cur, pp.endings, filters, want, categories=pp.categories,
                                               region=division_prefix(code))
                if ids and product_places is not None:
                    product_places.append(code)
                area_ids += [i for i in ids if i not in area_ids]
            if area_ids:
                if product is not None:
                    product.extend(pp.endings)
                yield _TIER_PLACE_PRODUCT, self._rank_product_gis(cur, area_ids, pp.endings)
            yield 5, self._latin_name_product_matches(cur, pp, plan.syllables, filters, want)
        def named_places() -> Iterator[tuple[int, list[int]]]:
            """3: the places the query names (五常 → 五常市), right after the exact name and the GIs by name:
            before the trademarks and patents whose names merely start with it (a register holds hundreds of
            五常… marks, which pushed 五常市 down one row each)."""
            if self._names_places(plan):
                codes = self._places_named(cur, single, filters.region)
                places.extend(codes)  # their records follow (tier 6), also when places are not wanted
                if codes and (not filters.kinds or "place" in filters.kinds):
                    yield 3, run_doc(f"d.kind = 'place' AND d.ref_id IN ({','.join('?' * len(codes))})",
                                     [int(c) for c in codes], place_only)

        prefix_ids = run_prefix(records)
        if "gi" in records:
            # GIs by name, ranked on their own (_rank_gis): the words in the product part of the name
            # (龙井茶) before a category match only (蒲江雀舌 茶叶) before the words in the place part
            # (茶淀玫瑰香葡萄, from 茶淀).
            gi_hi = kind_doc_range("gi")[1]
            prefix_gis = [i for i in prefix_ids if i <= gi_hi]
            gis = list(dict.fromkeys(prefix_gis + (run_fts("fts_name", _fts_phrase(grams), verify, ("gi",))
                                                   if grams else [])))
            yield 1, self._rank_gis(cur, gis, plan.words, first=set(prefix_gis))
            yield from named_places()
            yield 1, [i for i in prefix_ids if i > gi_hi]
            if grams:
                yield 2, run_fts("fts_name", _fts_phrase(grams), verify, tuple(k for k in records if k != "gi"))
        else:
            yield from named_places()
            yield 1, prefix_ids
            if grams:
                yield 2, run_fts("fts_name", _fts_phrase(grams), verify, records)
        # An English word (rice, tea): the classification entries whose English title has it, then
        # the GIs of a category so named, before pinyin readings of the same letters (ri-ce, te-a).
        # An English product word (rice, apples, kiwi fruit, corn, green tea): the GIs named for that
        # product (五常大米), whose own names are Chinese, come first; the classification entries that
        # mention it (A01D 51/00: … e.g. apples …) after them. corn finds what maize finds.
        endings = _english_product_endings(plan)
        product_ids = (self._product_gi_matches(cur, endings, filters, want, first=plan.product.goods)
                       if endings and plan.product is not None and "gi" in wanted else [])
        if product_ids:
            yield _TIER_PRODUCT_WORD, product_ids
        if plan.english:
            alternatives = [plan.words]
            if plan.product is not None and plan.product.plain:
                alternatives += [tuple(w.split()) for w in plan.product.english]
            class_ids = self._english_class_matches(cur, alternatives, classes, filters, run_doc)
            category_ids = self._english_category_matches(cur, alternatives, filters, want) if "gi" in wanted else []
            if product_ids:  # GIs first: named for the product, then of its category (tea: 西湖龙井, 茶叶)
                yield _TIER_CATEGORY, category_ids
                yield _TIER_ENGLISH, class_ids
            else:
                yield _TIER_ENGLISH, class_ids
                yield _TIER_CATEGORY, category_ids
        # 4: other places whose names contain it (the places it names came right after the GIs by name)
        if grams and place_only:
            yield 4, run_fts("fts_name", _fts_phrase(grams), verify, place_only)
        def class_titles() -> Iterator[tuple[int, list[int]]]:
            # classification entries by the words of their title: a name match, not a place
            yield _TIER_CLASS_NAME, run_prefix(classes)
            if grams:
                yield _TIER_CLASS_NAME, run_fts("fts_name", _fts_phrase(grams), verify, classes)

        # A code (A01, A01K, A23L) finds its own node and the nodes under it by their keys (tier 5) before the
        # nodes whose title merely mentions it (A01K 79/00: "A01K69/00至A01K77/00各组中不包含的…").
        code_query = bool(plan.key_forms) and looks_like_code(plan.typed)
        if classes and not code_query:
            yield from class_titles()
        # 5: pinyin, initials and identifiers by key prefix. Within the small kinds (GIs, places,
        # classes) names whose pinyin is the query, then starts with it, then ends with it come first:
        # 'lj' → 龙井茶, then 西湖龙井, before 辣椒酱.
        if plan.key_forms:
            match = _fts_any([key_prefix(f) for f in plan.key_forms], prefix=True)
            if plan.syllables:
                # xi'an: a key starting with xian and one starting with the initials xa (西安: xianshi, xas),
                # then the syllables checked on the name (仙居 xian-ju has no xa; 咸安 xian-an is not xi-an)
                match = f"({match}) AND {_fts_term(''.join(x[0] for x in plan.syllables), prefix=True)}"
            small = tuple(k for k in wanted if k in _RANKED_KEY_KINDS)
            big = tuple(k for k in wanted if k not in _RANKED_KEY_KINDS)
            shared = self._key_matches_once(cur, match, plan.key_forms, small, big, filters, want) if not fsql else None
            if shared is not None:
                ranked, big_ids = shared
            else:
                ranked = self._ranked_key_matches(cur, match, plan.key_forms, small, filters, want)
                big_ids = []
                if big:
                    big_ids = run_fts("fts_key", match, [], big)
            if plan.syllables:
                ranked = self._with_syllables(cur, ranked, plan.syllables)
                big_ids = self._with_syllables(cur, big_ids, plan.syllables)
            if plan.english:
                # An English word read as pinyin inside a name (rice: ge-RI-CEng-sumu, tea: jie-TE-A-…)
                # is weak evidence: such GIs and places go last.
                ranked, weak = self._split_weak_pinyin(cur, ranked, plan.key_forms)
            letters = self._place_letters(plan)
            if letters and place_only:
                # Pinyin that reads a place's name (hangzhou → 杭州市, longfengshan → 龙凤山镇) names it as the
                # Chinese does: its records follow (tier 6). Read from the places this tier found (no look-up).
                places.extend(c for c in self._latin_places_named(cur, letters, plan.syllables, filters.region,
                                                                  ids=[i for i in ranked if kind_of_doc(i) == "place"])
                              if c not in places)
            yield 5, ranked
            # the large kinds in one pass (one prefix expansion instead of one per kind)
            yield 5, big_ids
            if plan.family and "patent" in wanted:
                # the other documents of a CN number (the A publication typed, the B grant held): its
                # whole key token, not a prefix (CN1234567A is not the start of CN123456789B)
                yield 5, run_fts("fts_key", _fts_any(plan.family), [], ("patent",))
        if classes and code_query:
            yield from class_titles()
        # 6: the records of the places the query names
        if places and records:
            yield 6, self._place_records(cur, places, replace(filters, kinds=records), want)
        # 7: any field contains every word. Bigrams may come from different fields, so words of three
        # or more characters are checked against the record's own text.
        if grams:
            # and words of several segments (2,4-d: its tokens 2, 4 and d may be anywhere in the text)
            long_words = [w for w in plan.words if (len(w) > 2 and has_cjk(w)) or len(segments(w)) > 1]
            if not long_words:
                yield 7, run_fts("fts_all", _fts_phrase(grams), [], wanted)
            else:
                found = self._checked_text_matches(cur, _fts_phrase(grams), long_words, wanted, filters, verified_want)
                yield 7, note_stop(found, verified_want)
        if weak:
            yield _TIER_WEAK_KEY, weak

    def _key_matches_once(
        self, cur: Any, match: str, forms: Sequence[str], small: tuple[str, ...], big: tuple[str, ...],
        filters: SearchFilters, want: int,
    ) -> tuple[list[int], list[int]] | None:
        """Tier 5 with one prefix expansion instead of two (a long pinyin prefix such as 'hetian*'
        meets thousands of key terms at 3M records: ~20 ms to merge, whatever rowid range is asked).

        The expansion's rowids come in doc_id order, and GIs and places sort before trademarks
        and patents, so the first `want` of them hold every GI and place match (then ranked on
        their own) followed by the large kinds in result order. Classification nodes sort last;
        their keys (codes and English words) are matched from a small cached list instead.
        None when this does not apply (filters that need the join, or only one side wanted), or
        when the places alone filled `want` (the ranked query must see all of them)."""
        named = tuple(k for k in small if k != "class")
        if not named or not big:
            return None
        class_start = kind_doc_range("class")[0]
        rows = [r[0] for r in cur.execute(
            "SELECT rowid FROM fts_key WHERE fts_key MATCH ? AND rowid < ? ORDER BY rowid LIMIT ?",
            (match, class_start, want),
        )]
        # rows are sorted: GIs and places below the first trademark id, then trademarks and patents
        split = bisect_left(rows, kind_doc_range("trademark")[0])
        small_ids, big_ids = rows[:split], rows[split:]
        if len(named) < 2:
            small_ids = [i for i in small_ids if kind_of_doc(i) in named]
        if len(big) < 2:
            big_ids = [i for i in big_ids if kind_of_doc(i) in big]
        if len(rows) >= want and split == len(rows):
            return None
        ranked = self._ranked_key_matches(cur, match, forms, named, filters, want, ids=small_ids) if small_ids else []
        if "class" in small:
            ranked += self._class_key_matches(cur, forms)
        return ranked, big_ids

    def _class_key_matches(self, cur: Any, forms: Sequence[str]) -> list[int]:
        """Classification nodes whose keys start with a form: an exact code first, then the nodes under it in
        code order (A01G, A01G 5/00, A01G 7/00 …), then the others (by an English word), shorter titles first."""
        entries, keys = self._class_keys(cur)
        exact = {c.upper() for f in forms for c in (f, expand_division_code(f)) if c}
        heads = tuple(f.upper() for f in forms if any(ch.isdigit() for ch in f))
        hit: set[int] = set()
        for prefix in {key_prefix(f) for f in forms}:
            at = bisect_left(keys, (prefix,))
            while at < len(keys) and keys[at][0].startswith(prefix):
                hit.add(keys[at][1])
                at += 1

        def rank(i: int) -> tuple[int, str, int, int]:
            code = entries[i][2].upper()
            if code in exact:
                return 0, "", 0, entries[i][0]
            if heads and code.startswith(heads):
                return 1, code, 0, entries[i][0]
            return 2, "", len(entries[i][1]), entries[i][0]

        return [entries[i][0] for i in sorted(hit, key=rank)]

    def _class_keys(self, cur: Any) -> tuple[list[tuple[int, str, str, str, str]], list[tuple[str, int]]]:
        """(doc_id, name, codes, scheme, English title) of every classification node and its keys as a
        sorted (key, entry) list for prefix look-ups; read once and again only when the
        classifications changed (a few hundred nodes)."""
        entries, keys, _english = self._class_cache(cur)
        return entries, keys

    def _class_cache(self, cur: Any) -> _ClassCache:
        signature = tuple(cur.execute("SELECT count(*), max(doc_id) FROM search_doc WHERE kind = 'class'").fetchone())
        cached = self._classes
        if cached is not None and cached[0] == signature:
            return cached[1]
        rows = cur.execute(
            "SELECT d.doc_id, d.name, d.codes, c.code, c.scheme, c.title_en FROM search_doc d "
            "JOIN class_node c ON c.id = d.ref_id WHERE d.kind = 'class'"
        ).fetchall()
        entries = [(int(doc_id), str(name), str(codes), str(scheme), str(title_en or ""))
                   for doc_id, name, codes, _code, scheme, title_en in rows]
        keys = sorted({(key, i) for i, (*_, code, scheme, title_en) in enumerate(rows)
                       for key in class_keys(code, scheme, title_en) if key})
        english = {w for *_, title_en in entries for w in _english_words(title_en)}
        english |= {w for name in GI_CATEGORY_NAMES.values() for w in _english_words(name.en)}
        value: _ClassCache = (entries, keys, frozenset(english - _ENGLISH_STOP_WORDS))
        self._classes = (signature, value)
        return value

    # --- classes named by number, English words -------------------------------------------------

    def _classification_matches(self, cur: Any, scheme: str, code: str) -> list[int]:
        """第30类 → the Nice class 30 node, then its similar groups (3001, 3002 …) in code order;
        类似群3002 → that group. From the cached classification list: no query."""
        entries, keys = self._class_keys(cur)
        if scheme == "nice":
            number = int(code)
            head = {str(number), f"{number:02d}"}
            prefix = f"{number:02d}"
        else:
            head, prefix = {code}, code
        at = bisect_left(keys, (prefix,))
        seen: set[int] = set()
        while at < len(keys) and keys[at][0].startswith(prefix):
            seen.add(keys[at][1])
            at += 1
        if scheme == "nice":
            for i, entry in enumerate(entries):  # class 1-9: '1' is not under the prefix '01'
                if entry[3] == "nice" and entry[2] in head:
                    seen.add(i)
        found = []
        for i in seen:
            doc_id, _name, codes, kind, _title = entries[i]
            if kind == scheme and codes in head:
                found.append((0, codes, doc_id))
            elif scheme == "nice" and kind == "group" and len(codes) == 4 and codes.startswith(prefix):
                found.append((1, codes, doc_id))
        return [doc_id for *_rank, doc_id in sorted(found)]

    def _is_english(self, cur: Any, plan: _Plan) -> bool:
        """Every word is an English word (3+ letters) of a classification title or a GI category's English
        name, and not itself a pinyin syllable ('long', 'can' are read as pinyin)."""
        if plan.cjk or not plan.words or plan.classification:
            return False
        if not all(w.isascii() and w.isalpha() and len(w) >= 3 for w in plan.words):
            return False
        syllables = pinyin_syllables()
        if any(w in syllables for w in plan.words):
            return False
        if plan.product is not None and plan.product.plain:
            return True  # corn, green tea: a product word of the crop vocabulary (and its describing words)
        english = self._class_cache(cur)[2]
        return all(any(v in english for v in _word_variants(w)) for w in plan.words)

    def _english_class_matches(
        self, cur: Any, alternatives: Sequence[Sequence[str]], classes: tuple[str, ...], filters: SearchFilters,
        run_doc: Any,
    ) -> list[int]:
        """Classification nodes whose English title holds every word of one of the alternatives (rice →
        3008 Rice, flour …; corn → the crop's other English word, maize): the titles that begin with it
        first, then shorter titles."""
        if not classes:
            return []
        entries, keys = self._class_keys(cur)
        first_word: dict[int, int] = {}
        for words in alternatives:
            hit: set[int] | None = None
            for w in words:
                found: set[int] = set()
                for v in _word_variants(w):
                    at = bisect_left(keys, (v,))
                    while at < len(keys) and keys[at][0] == v:
                        found.add(keys[at][1])
                        at += 1
                hit = found if hit is None else hit & found
            for i in hit or ():
                title_words = _english_words(entries[i][4])
                first = min((title_words.index(v) for v in _word_variants(words[0]) if v in title_words), default=99)
                first_word[i] = min(first, first_word.get(i, 99))
        hit = set(first_word)
        if not hit:
            return []

        def rank(i: int) -> tuple[int, int, int]:
            return first_word[i], len(entries[i][4]), entries[i][0]

        ordered = [entries[i][0] for i in sorted(hit, key=rank)]
        kept = set(run_doc(f"d.doc_id IN ({','.join('?' * len(ordered))})", ordered, classes))
        return [i for i in ordered if i in kept]

    def _english_category_matches(
        self, cur: Any, alternatives: Sequence[Sequence[str]], filters: SearchFilters, want: int
    ) -> list[int]:
        """GIs of a category whose English name holds every word of one of the alternatives (tea → 茶叶),
        by their n-grams."""
        cats = [zh for zh, name in GI_CATEGORY_NAMES.items()
                if any(all(any(v in _english_words(name.en) for v in _word_variants(w)) for w in words)
                       for words in alternatives)]
        if not cats:
            return []
        fsql, fparams = self._filter_sql(filters)
        lo, hi = kind_doc_range("gi")
        found: list[int] = []
        for zh in cats:
            grams = query_grams(fold(zh))
            conds = " AND ".join(c for c in ("fts_name MATCH ?", "f.rowid BETWEEN ? AND ?", "d.klass = ?", fsql) if c)
            sql = (f"SELECT f.rowid FROM fts_name f CROSS JOIN search_doc d ON d.doc_id = f.rowid WHERE {conds} "
                   "ORDER BY f.rowid LIMIT ?")
            found += [r[0] for r in cur.execute(sql, [_fts_phrase(grams), lo, hi, zh, *fparams, want])]
        return sorted(set(found))[:want]

    def _names_in_query(
        self, cur: Any, plan: _Plan, filters: SearchFilters, want: int
    ) -> list[tuple[int, str]]:
        """(doc_id, folded name) of the records whose name is a part (two characters or more) of the query,
        by the name index: longest names first, then in doc_id order."""
        text = "".join(plan.words)
        parts = {text[i:j] for i in range(len(text))
                 for j in range(i + 2, min(len(text), i + _LONGEST_NAME_IN_QUERY) + 1)} - {text}
        parts = {p for p in parts if has_cjk(p)}
        if not parts:
            return []
        fsql, fparams = self._filter_sql(filters)
        kinds = filters.kinds or KINDS
        conds = " AND ".join(c for c in (f"d.name IN ({','.join('?' * len(parts))})",
                                         f"+d.kind IN ({','.join('?' * len(kinds))})", fsql) if c)
        rows = cur.execute(f"SELECT d.doc_id, d.name FROM search_doc d WHERE {conds}",
                           [*sorted(parts), *kinds, *fparams]).fetchall()
        ranked = sorted(rows, key=lambda r: (-len(r[1]), r[0]))[:want]
        return [(int(doc_id), str(name)) for doc_id, name in ranked]

    def _product_gi_matches(
        self, cur: Any, endings: tuple[str, ...], filters: SearchFilters, want: int, *,
        categories: tuple[str, ...] = (), region: str = "", first: tuple[str, ...] = (),
    ) -> list[int]:
        """GIs whose name ends with a word for the product (大米, 稻米 … for rice), by their n-grams; with
        `categories`, then the GIs of such a category (茶叶: 西湖龙井); with `region`, only the GIs of that
        place (the region filter's rule). Names ending with a word of `first` (绿茶 for green tea) lead."""
        fsql, fparams = self._filter_sql(filters)
        rsql, rparams = self._filter_sql(SearchFilters(region=region)) if region else ("", [])
        lo, hi = kind_doc_range("gi")
        named: dict[int, str] = {}
        for ending in endings:
            match = _fts_phrase(query_grams(fold(ending)))
            if not match:
                continue
            conds = " AND ".join(c for c in ("fts_name MATCH ?", "f.rowid BETWEEN ? AND ?", rsql, fsql) if c)
            sql = (f"SELECT f.rowid, d.name FROM fts_name f CROSS JOIN search_doc d ON d.doc_id = f.rowid "
                   f"WHERE {conds} ORDER BY f.rowid LIMIT ?")
            rows = cur.execute(sql, [match, lo, hi, *rparams, *fparams, VERIFIED_CAP])
            named.update((doc_id, str(name)) for doc_id, name in rows if str(name).endswith(endings))
        in_category: set[int] = set()
        for category in categories:
            match = _fts_phrase(query_grams(fold(category)))
            if not match:
                continue
            conds = " AND ".join(c for c in ("fts_name MATCH ?", "f.rowid BETWEEN ? AND ?", "d.klass = ?", rsql, fsql)
                                 if c)
            sql = (f"SELECT f.rowid FROM fts_name f CROSS JOIN search_doc d ON d.doc_id = f.rowid WHERE {conds} "
                   "ORDER BY f.rowid LIMIT ?")
            in_category.update(r[0] for r in cur.execute(sql, [match, lo, hi, category, *rparams, *fparams, want]))
        lead = {doc_id for doc_id, name in named.items() if first and name.endswith(first)}
        ordered = sorted(named, key=lambda i: (i not in lead, i)) + sorted(in_category - set(named))
        return ordered[:want]

    @staticmethod
    def _with_syllables(cur: Any, ids: list[int], syllables: Sequence[str]) -> list[int]:
        """The ids whose name reads the syllables typed apart by apostrophes (_syllables_match), in order."""
        if not ids:
            return ids
        names: dict[int, str] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            names.update(cur.execute(
                f"SELECT doc_id, name FROM search_doc WHERE doc_id IN ({','.join('?' * len(chunk))})", chunk))
        return [i for i in ids if _syllables_match(names.get(i, ""), syllables)]

    @staticmethod
    def _rank_product_gis(cur: Any, ids: list[int], endings: tuple[str, ...]) -> list[int]:
        """GIs found for a place and a product: those named for the product (五常大米) before those of its
        category only (西湖龙井, 茶叶); otherwise as found."""
        if not ids:
            return ids
        names = dict(cur.execute(
            f"SELECT doc_id, name FROM search_doc WHERE doc_id IN ({','.join('?' * len(ids))})", ids).fetchall())
        return sorted(ids, key=lambda i: not str(names.get(i, "")).endswith(endings))

    @staticmethod
    def _place_letters(plan: _Plan) -> str:
        """The letters of a pinyin query that may name a place (hangzhou, hang zhou, longfengshan, xi'an), or
        "": not a code, an English word, a product query or one syllable alone (an, li, xian: too many
        places read so; xi'an with its apostrophe is two)."""
        if plan.cjk or plan.english or plan.product is not None or plan.classification or not plan.words:
            return ""
        letters = "".join(plan.words)
        if not (letters.isascii() and letters.isalpha()) or len(letters) < 2:
            return ""
        if letters in pinyin_syllables() and len(plan.syllables) < 2:
            return ""
        return letters

    def _latin_places_named(
        self, cur: Any, letters: str, syllables: Sequence[str], region: str, *, ids: Sequence[int] | None = None,
    ) -> list[str]:
        """Divisions whose name is read `letters` in pinyin, with or without its 市/县/区… (wuchang → 五常市
        and 武昌区; hangzhou → 杭州市), or spelled so in English (harbin: rules.PLACE_LATIN_FORMS): the
        highest level named, inside the region filter. One look-up on the key index, in the place range;
        with `ids` (places the key tier found, in its order: exact readings first), among the first of them."""
        if not letters.isalpha() or len(letters) < 2:
            return []
        forms = [letters + ending for ending in ("", *_PLACE_SUFFIX_PINYIN)]
        if ids is not None:
            first = list(ids[:200])
            rows = cur.execute(
                f"SELECT d.ref_id, d.subkind, d.name FROM search_doc d WHERE d.doc_id IN ({','.join('?' * len(first))}) "
                f"AND d.pinyin IN ({','.join('?' * len(forms))})",
                [*first, *forms],
            ).fetchall() if first else []
        else:
            lo, hi = kind_doc_range("place")
            rows = cur.execute(
                "SELECT d.ref_id, d.subkind, d.name FROM fts_key f CROSS JOIN search_doc d ON d.doc_id = f.rowid "
                f"WHERE fts_key MATCH ? AND f.rowid BETWEEN ? AND ? AND d.pinyin IN ({','.join('?' * len(forms))}) "
                "LIMIT 200",
                [_fts_term(key_prefix(letters), prefix=True), lo, hi, *forms],
            ).fetchall()
        found = [(int(level), f"{int(ref_id):012d}") for ref_id, level, name in rows
                 if not syllables or _syllables_match(name, syllables)]
        for zh, spellings in rules.PLACE_LATIN_FORMS.items():
            if letters in {sp.replace(" ", "") for sp in spellings}:
                found += [(0, code) for code in self._places_named(cur, zh)]
        inside = _region_prefix(region)
        found = [(level, code) for level, code in found if code.startswith(inside)]
        if not found:
            return []
        top = min(level for level, _code in found)
        return sorted({code for level, code in found if level == top})[:5]

    def _latin_name_product_matches(
        self, cur: Any, product: _EnglishProduct, syllables: Sequence[str], filters: SearchFilters, want: int
    ) -> list[int]:
        """GIs for the product whose name has the qualifier as pinyin (longjing tea → 龙井茶 and 西湖龙井,
        wuchang rice → 五常大米): a key of the name starts with it, the name ends with a word for the
        product or its category is the product. Names whose pinyin starts with it first."""
        letters = product.qualifier
        match = _fts_term(key_prefix(letters), prefix=True)
        if not match:
            return []
        fsql, fparams = self._filter_sql(filters)
        lo, hi = kind_doc_range("gi")
        conds = " AND ".join(c for c in ("fts_key MATCH ?", "f.rowid BETWEEN ? AND ?", fsql) if c)
        rows = cur.execute(
            "SELECT f.rowid, d.name, d.klass, d.pinyin FROM fts_key f CROSS JOIN search_doc d ON d.doc_id = f.rowid "
            f"WHERE {conds} ORDER BY f.rowid LIMIT ?",
            [match, lo, hi, *fparams, want],
        ).fetchall()
        kept = [(not str(pinyin).startswith(letters), doc_id) for doc_id, name, klass, pinyin in rows
                if (str(name).endswith(product.endings) or klass in product.categories)
                and (not syllables or _syllables_match(str(name), syllables))]
        return [doc_id for _rank, doc_id in sorted(kept)]

    @staticmethod
    def _split_weak_pinyin(cur: Any, ids: list[int], forms: Sequence[str]) -> tuple[list[int], list[int]]:
        """GIs and places whose pinyin (or initials) is not the form and neither starts nor ends with it:
        the letters were found inside the name, across its syllables (weak for an English word)."""
        named = [i for i in ids if kind_of_doc(i) in ("gi", "place")]
        weak: set[int] = set()
        for start in range(0, len(named), 500):
            chunk = named[start : start + 500]
            rows = cur.execute(
                f"SELECT doc_id, pinyin, initials FROM search_doc WHERE doc_id IN ({','.join('?' * len(chunk))})",
                chunk,
            ).fetchall()
            for doc_id, pinyin, initials in rows:
                if not any(x.startswith(f) or x.endswith(f) for f in forms for x in (pinyin, initials) if x):
                    weak.add(doc_id)
        return [i for i in ids if i not in weak], [i for i in ids if i in weak]

    # --- places and products --------------------------------------------------------------------

    def _place_product_splits(self, cur: Any, plan: _Plan) -> Iterator[tuple[list[str], tuple[str, ...]]]:
        """(division codes, product words) readings of a query that names a place and a product:
        '黑龙江 大米' and '大米 黑龙江' (a first or last word), '杭州茶' (a leading part of one word,
        longest first). The place must be one division at the highest level it names (五常 → 五常市,
        not also the townships called 五常; 西湖 names two counties: not read as a place); the rest
        must be Chinese, not a place suffix (五常镇 is a place, not 五常 + 镇) and not a place itself."""
        words = plan.words
        candidates: list[tuple[str, tuple[str, ...]]] = []
        if len(words) >= 2:
            candidates += [(words[0], words[1:]), (words[-1], words[:-1])]
        elif len(words) == 1 and len(words[0]) >= 3:
            word = words[0]
            candidates += [(word[:k], (word[k:],)) for k in range(len(word) - 1, 1, -1)]
        for place, rest in candidates:
            if len(place) < 2 or not all(_is_product_word(w) for w in rest):
                continue
            codes = self._places_named(cur, place)
            if len(codes) != 1:
                continue
            if any(self._places_named(cur, w) for w in rest if len(w) >= 2):
                continue
            yield codes, rest

    def _place_product_matches(
        self, cur: Any, codes: list[str], words: Sequence[str], filters: SearchFilters, want: int
    ) -> list[int]:
        """GIs of the place (its protected areas inside it, or around it: the region filter's rule)
        whose name or category holds every product word, ranked as GI name matches are."""
        grams = [g for w in words for g in query_grams(w)]
        if not grams:
            return []
        place_sql, place_params = self._filter_sql(SearchFilters(region=division_prefix(codes[0])))
        fsql, fparams = self._filter_sql(filters)
        lo, hi = kind_doc_range("gi")
        checks = ["(instr(d.name, ?) > 0 OR instr(d.subtitle, ?) > 0)" for w in words if len(w) > 2]
        check_params = [x for w in words if len(w) > 2 for x in (w, w)]
        conds = " AND ".join(c for c in ("fts_name MATCH ?", "f.rowid BETWEEN ? AND ?", *checks, place_sql, fsql) if c)
        sql = (f"SELECT f.rowid FROM fts_name f CROSS JOIN search_doc d ON d.doc_id = f.rowid WHERE {conds} "
               "ORDER BY f.rowid LIMIT ?")
        ids = [r[0] for r in cur.execute(sql, [_fts_phrase(grams), lo, hi, *check_params, *place_params, *fparams,
                                              want])]
        return self._rank_gis(cur, ids, words)

    def _rank_gis(self, cur: Any, ids: list[int], words: Sequence[str], first: set[int] | None = None) -> list[int]:
        """GIs found by name (whose n-grams include the category) in the order a farmer means them:

        0. the words are in the product part of the name and the category says so too (茶 → 龙井茶, 茶叶)
        1. the words are in the product part of the name (五城茶干, a processed food)
        2. only the category holds them (蒲江雀舌, 茶叶)
        3. the words are only in the place part of the name (茶淀玫瑰香葡萄: a grape from 茶淀)

        The place part is the run of division names of the GI's own area (or around or inside it) that
        the name begins with (_place_prefix_len). Then names found by their beginning (`first`), then names
        ending with a word (葡萄 → 萧县葡萄 before 沙城葡萄酒: the product itself before what is made of it),
        then doc_id order (newest first)."""
        if not ids or not words:
            return ids
        first = first or set()
        rows: dict[int, tuple[str, str, str]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            rows.update((r[0], (r[1], r[2], r[3])) for r in cur.execute(
                f"SELECT doc_id, name, subtitle, region FROM search_doc WHERE doc_id IN ({','.join('?' * len(chunk))})",
                chunk,
            ))

        def grade(doc_id: int) -> int:
            name, subtitle, region = rows.get(doc_id, ("", "", ""))
            in_category = any(w in fold(subtitle) for w in words)
            if not all(w in name for w in words):
                return 2 if in_category else 3
            # a word that ends the name is in its product part (a place part never takes the whole
            # name): no division look-up for 龙井茶, 大米 …
            in_product = all(name.endswith(w) for w in words)
            if not in_product:
                place_len = self._place_prefix_len(cur, name, region)
                in_product = all(any(end > place_len for end in _match_ends(name, w)) for w in words)
            if in_product:
                return 0 if in_category else 1
            return 2 if in_category else 3

        def ends(doc_id: int) -> bool:
            name = rows.get(doc_id, ("", "", ""))[0]
            return any(name.endswith(w) for w in words)

        return sorted(ids, key=lambda i: (grade(i), i not in first, not ends(i), i))

    def _place_prefix_len(self, cur: Any, name: str, region: str) -> int:
        """How many leading characters of a GI's (folded) name are place names of its own area: 茶淀玫瑰香葡萄
        (area 滨海新区, which holds 茶淀街道) → 2; 乌兰茶卡羊 (乌兰县, holding 茶卡镇) → 4; 龙井茶 (杭州) → 0,
        although 龙井市 is a city in Jilin. One indexed look-up of division names a place; cached."""
        key = (name, region)
        cached = self._place_prefixes.get(key)
        if cached is not None:
            return cached
        areas = [division_prefix(c) for c in region.split()]
        pos = 0
        for _ in range(3):
            rest = name[pos:]
            if len(rest) < 3 or not areas:
                break
            best = 0
            for code, dname in cur.execute(
                "SELECT code, name FROM division WHERE name >= ? AND name < ? LIMIT 200", (rest[:2], rest[:2] + _MAX_CHAR)
            ):
                p = division_prefix(code)
                if not any(a.startswith(p) or p.startswith(a) for a in areas):
                    continue
                for form in (dname, _place_stem(dname)):
                    if 2 <= len(form) < len(rest) and rest.startswith(form):
                        best = max(best, len(form))
            if not best:
                break
            pos += best
        if len(self._place_prefixes) > 50_000:
            self._place_prefixes.clear()
        self._place_prefixes[key] = pos
        return pos

    def _ranked_key_matches(
        self, cur: Any, match: str, forms: Sequence[str], kinds: tuple[str, ...], filters: SearchFilters, want: int,
        *, ids: Sequence[int] | None = None,
    ) -> list[int]:
        """The small kinds in one pass: each prefix expansion of fts_key costs ~10 ms on the 1M
        corpus, so GIs, places and classes share one (kind order kept by ORDER BY kind first).
        With `ids` (the matches, already found) the ranking reads only search_doc."""
        if not kinds:
            return []
        fsql, fparams = self._filter_sql(filters)
        ksql, kparams = self._kind_sql(replace(filters, kinds=kinds), "f.rowid" if ids is None else "d.doc_id")
        equal, edges = [], []
        params: list[Any] = []
        # A code typed in full or as a division prefix ('2301' → 哈尔滨市) is an exact match.
        exact_codes = [c.upper() for f in forms for c in (f, expand_division_code(f)) if c]
        for f in forms:
            n = len(f)
            equal.append("d.pinyin = ? OR d.initials = ?")
            edges.append(
                f"substr(d.pinyin, 1, {n}) = ? OR substr(d.initials, 1, {n}) = ? "
                f"OR substr(d.pinyin, -{n}) = ? OR substr(d.initials, -{n}) = ?"
            )
        for f in forms:
            params += [f, f]
        # A place whose name reads the form, its ending apart: xihu → 西湖区 (xihu + qu), before 西火镇
        # (xi-huo-zhen), whose pinyin merely starts with the letters.
        place_forms = [f + ending for f in forms if f.isalpha() for ending in _PLACE_SUFFIX_PINYIN]
        if place_forms:
            equal.append(f"(+d.kind = 'place' AND d.pinyin IN ({','.join('?' * len(place_forms))}))")
            params += place_forms
        if exact_codes:
            equal.append(f"upper(d.codes) IN ({','.join('?' * len(exact_codes))})")
            params += exact_codes
        for f in forms:
            params += [f, f, f, f]
        # exact, then at the start or end of the name, then inside it; places of a higher level first
        # (西安市, a city, before the townships called 西安镇); shorter names (the query explains more of
        # them) first.
        grade = f"CASE WHEN {' OR '.join(equal)} THEN 0 WHEN {' OR '.join(edges)} THEN 1 ELSE 2 END"
        level = "CASE WHEN d.kind = 'place' THEN d.subkind ELSE '' END"
        # classification nodes under a typed code in code order (as _class_key_matches ranks them)
        heads = [f.upper() for f in forms if any(ch.isdigit() for ch in f)]
        under = (f"(+d.kind = 'class' AND ({' OR '.join(f'substr(upper(d.codes), 1, {len(h)}) = ?' for h in heads)}))"
                 if heads else "0")
        code_order = f"CASE WHEN {under} THEN 0 ELSE 1 END, CASE WHEN {under} THEN upper(d.codes) ELSE '' END"
        params += heads + heads
        if ids is not None:
            conds = " AND ".join(c for c in (f"d.doc_id IN ({','.join('?' * len(ids))})", ksql, fsql) if c)
            sql = (f"SELECT d.doc_id FROM search_doc d WHERE {conds} "
                   f"ORDER BY d.doc_id / {_KIND_SPAN}, {grade}, {level}, {code_order}, length(d.name), d.doc_id LIMIT ?")
            return [r[0] for r in cur.execute(sql, [*ids, *kparams, *fparams, *params, want])]
        conds = " AND ".join(c for c in ("fts_key MATCH ?", ksql, fsql) if c)
        sql = (
            f"SELECT f.rowid FROM fts_key f CROSS JOIN search_doc d ON d.doc_id = f.rowid WHERE {conds} "
            f"ORDER BY f.rowid / {_KIND_SPAN}, {grade}, {level}, {code_order}, length(d.name), f.rowid LIMIT ?"
        )
        return [r[0] for r in cur.execute(sql, [match, *kparams, *fparams, *params, want])]

    def _checked_text_matches(
        self, cur: Any, match: str, words: list[str], kinds: tuple[str, ...], filters: SearchFilters, want: int
    ) -> list[int]:
        ksql, kparams = self._kind_sql(replace(filters, kinds=kinds), "f.rowid")
        fsql, fparams = self._filter_sql(filters)
        checks = []
        params: list[Any] = []
        for w in words:
            checks.append(f"(instr(d.name, ?) > 0 OR instr(({_text_as_folded(_RECORD_TEXT_SQL, w)}), ?) > 0)")
            params += [w, w]
        conds = " AND ".join(c for c in ("fts_all MATCH ?", ksql, fsql, *checks) if c)
        sql = f"SELECT f.rowid FROM fts_all f CROSS JOIN search_doc d ON d.doc_id = f.rowid WHERE {conds} ORDER BY f.rowid LIMIT ?"
        return [r[0] for r in cur.execute(sql, [match, *kparams, *fparams, *params, want])]

    @staticmethod
    def _names_places(plan: _Plan) -> bool:
        """Whether the query may name a place: one Chinese word. Places need not be wanted: 大兴区 with
        only patents asked for lists the patents of 大兴区 (tier 6), as the region filter would."""
        return plan.cjk and len(plan.words) == 1

    def _places_named(self, cur: Any, word: str, region: str = "") -> list[str]:
        """Divisions named `word` (with or without 市/县/镇…), the highest level only: 五常 names
        五常市 (a county) and also two townships elsewhere called 五常; the county is meant. With a
        region filter, only the divisions inside it (五常 in Zhejiang: 五常街道)."""
        rows = cur.execute(
            "SELECT code, name, level FROM division WHERE name >= ? AND name < ? ORDER BY level, code LIMIT 50",
            (word, word + _MAX_CHAR),
        ).fetchall()
        inside = _region_prefix(region)
        named = [(code, level) for code, name, level in rows if name[len(word):] in ("", *_PLACE_SUFFIXES)
                 and code.startswith(inside)]
        if not named:
            return []
        top = named[0][1]
        return [code for code, level in named if level == top][:5]

    def _place_records(self, cur: Any, codes: list[str], filters: SearchFilters, want: int) -> list[int]:
        """The records of the places named, inside the region filter too (a place outside it has none
        to show: 五常 with Zhejiang's 33 does not list 五常市's rice, and a province that does not
        exist lists nothing)."""
        found: set[int] = set()
        wanted_region = _region_prefix(filters.region)
        for code in codes:
            prefix = division_prefix(code)
            sub = replace(filters, region=prefix)
            fsql, fparams = self._filter_sql(sub)
            # the user's region as well: a GI counts when it lies in both (its own rule, twice)
            rsql, rparams = self._filter_sql(SearchFilters(region=filters.region)) if filters.region else ("", [])
            ksql, kparams = self._kind_sql(filters, "d.doc_id")
            conds = " AND ".join(c for c in (fsql, rsql, ksql, "d.kind != 'place'") if c)
            gi_sql = f"SELECT d.doc_id FROM search_doc d WHERE d.kind = 'gi' AND {conds} ORDER BY d.doc_id LIMIT ?"
            found.update(r[0] for r in cur.execute(gi_sql, [*fparams, *rparams, *kparams, want]))
            # trademarks and patents: inside the narrower of the two regions, none when they do not meet
            if prefix.startswith(wanted_region):
                pass
            elif wanted_region.startswith(prefix):
                prefix = wanted_region
            else:
                continue
            osql, oparams = self._filter_sql(replace(filters, region=""))
            # `+d.doc_id` keeps the planner on the region index (a rowid range would walk the table)
            ksql_plus, _ = self._kind_sql(filters, "+d.doc_id")
            extra = "".join(f" AND {c}" for c in (ksql_plus, osql) if c)
            # Trademarks and patents (contiguous doc_id ranges): tested on the region index's rowid,
            # so without filters no table row is read (a cold first 龙井: 262 → ~10 ms).
            other = (
                "SELECT d.doc_id FROM search_doc d WHERE d.region >= ? AND d.region < ? "
                f"AND +d.doc_id BETWEEN ? AND ?{extra} ORDER BY d.doc_id LIMIT ?"
            )
            lo, hi = kind_doc_range("trademark")[0], kind_doc_range("patent")[1]
            found.update(r[0] for r in cur.execute(other, [prefix, prefix + _MAX_CHAR, lo, hi, *kparams, *oparams,
                                                           want]))
        return sorted(found)[:want]

    def _fuzzy_vocabulary(self, cur: Any) -> list[tuple[int, str]]:
        """(doc_id, pinyin) of the names worth typo-matching (GIs and places: ~43,000), read once
        and read again only when an import or an update changed them."""
        signature = _gi_place_signature(cur)
        cached = self._vocab
        if cached is not None and cached[0] == signature:
            return cached[1]
        rows = cur.execute(
            "SELECT doc_id, pinyin FROM search_doc WHERE kind IN ('gi', 'place') AND pinyin != ''"
        ).fetchall()
        vocab = [(int(r[0]), str(r[1])) for r in rows]
        self._vocab = (signature, vocab)
        return vocab

    def _fuzzy(self, cur: Any, plan: _Plan, filters: SearchFilters) -> list[int]:
        """Near spellings of a pinyin/Latin query among GI, place and class names."""
        q = plan.key_forms[0] if plan.key_forms else ""
        if len(q) < 4:
            return []
        vocab = self._fuzzy_vocabulary(cur)
        if not vocab:
            return []
        choices = [v[: len(q)] for _, v in vocab]
        max_dist = 1 if len(q) <= 7 else 2
        matches = process.extract(q, choices, scorer=OSA.distance, score_cutoff=max_dist, limit=50)
        distance = {vocab[idx][0]: dist for _, dist, idx in matches}
        ids = sorted(distance)
        if not ids:
            return []
        ksql, kparams = self._kind_sql(filters, "d.doc_id")
        fsql, fparams = self._filter_sql(filters)
        conds = " AND ".join(c for c in (ksql, fsql) if c) or "1"
        marks = ",".join("?" * len(ids))
        sql = f"SELECT d.doc_id FROM search_doc d WHERE d.doc_id IN ({marks}) AND {conds}"
        kept = [r[0] for r in cur.execute(sql, [*ids, *kparams, *fparams])]
        return sorted(kept, key=lambda doc_id: (distance[doc_id], doc_id))

    def _near_vocabulary(self, cur: Any) -> _NearVocabulary:
        """GI and place names for Chinese near matches (~42,500 rows: a few hundred GIs, the divisions), read
        once and again only when an import or an update changed them (the typo tier's signature)."""
        signature = _gi_place_signature(cur)
        cached = self._near_vocab
        if cached is not None and cached[0] == signature:
            return cached[1]
        vocab = _NearVocabulary()
        rows = cur.execute("SELECT doc_id, kind, name FROM search_doc WHERE kind IN ('gi', 'place')")
        for doc_id, kind, name in rows:
            vocab.add(int(doc_id), kind == "gi", str(name or ""))
        self._near_vocab = (signature, vocab)
        return vocab

    def _near_chinese(
        self, cur: Any, plan: _Plan, filters: SearchFilters, inside: Sequence[tuple[int, str]]
    ) -> list[tuple[int, int]]:
        """(doc_id, tier) for a Chinese query that nothing holds: the names inside it (`inside`, from
        `_names_in_query`) and the GI and place names near it (`_near_names`), ordered by how many characters
        of the query each leaves unexplained (a name inside it: the characters around it; a near name: its
        cost), a name inside the query first when equal (西湖龙井茶 → 西湖龙井, 龙井茶; 萧县埔萄 → 萧县葡萄,
        then 萧县). A near name that does not hold a place named inside the query comes after those names: it
        is another place's (萧县苹果 → 萧县, then 吉县苹果). Then, when no GI is among them, the GIs named for
        the product word the query ends with (东北大米, 有机大米 → the 大米 GIs; 乌龙茶 → the GIs whose names
        end with 茶). Near names and product GIs are matched as near spellings (tier 8)."""
        text = "".join(plan.words)
        merged: list[tuple[int, float, int, int, int]] = [
            (0, float(len(text) - len(name)), 0, doc_id, _TIER_NAME_IN_QUERY) for doc_id, name in inside]
        if len(text) < 3 or not all(kind == "cjk" for w in plan.words for kind, _ in segments(w)):
            return [(doc_id, tier) for *_rank, doc_id, tier in merged]
        vocab = self._near_vocabulary(cur)
        named_places = {_place_stem(name) for doc_id, name in inside if kind_of_doc(doc_id) == "place"}
        near = {doc_id: (cost, name) for cost, doc_id, name in _near_names(vocab, text)}
        for doc_id in self._kept_ids(cur, list(near), filters):
            cost, name = near[doc_id]
            other_place = bool(named_places) and not any(place in name for place in named_places)
            merged.append((1, cost, 1, doc_id, 8) if other_place else (0, cost, 1, doc_id, 8))
        merged.sort(key=lambda m: m[:3])
        found = [(doc_id, tier) for *_rank, doc_id, tier in merged]
        if any(kind_of_doc(doc_id) == "gi" for doc_id, _tier in found):
            return found
        product_gis = self._kept_ids(cur, _product_word_gis(vocab, text), filters)
        return found + [(doc_id, 8) for doc_id in product_gis]

    def _kept_ids(self, cur: Any, ids: Sequence[int], filters: SearchFilters) -> list[int]:
        """The ids (in their order) that the kind and other filters keep."""
        if not ids:
            return []
        ksql, kparams = self._kind_sql(filters, "d.doc_id")
        fsql, fparams = self._filter_sql(filters)
        if not ksql and not fsql:
            return list(ids)
        conds = " AND ".join(c for c in (ksql, fsql) if c)
        kept: set[int] = set()
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            kept.update(r[0] for r in cur.execute(
                f"SELECT d.doc_id FROM search_doc d WHERE d.doc_id IN ({','.join('?' * len(chunk))}) AND {conds}",
                [*chunk, *kparams, *fparams]))
        return [i for i in ids if i in kept]

    # --- rows ---------------------------------------------------------------------------------

    def _load_hits(
        self, cur: Any, page_ids: list[int], tiers: dict[int, int], plan: _Plan, product: Sequence[str] = ()
    ) -> list[SearchHit]:
        if not page_ids:
            return []
        marks = ",".join("?" * len(page_ids))
        rows = cur.execute(
            "SELECT doc_id, kind, ref_id, title, subtitle, subkind, region, klass, date, status "
            f"FROM search_doc WHERE doc_id IN ({marks})",
            page_ids,
        ).fetchall()
        by_id = {r[0]: r for r in rows}
        hits = []
        for doc_id in page_ids:
            r = by_id.get(doc_id)
            if r is None:
                continue
            tier = tiers.get(doc_id, 2)
            matched = TIER_FIELDS[tier]
            if matched == "text" and r[1] == "place" and any(w in (r[4] or "") for w in plan.words):
                matched = "within"  # a township listed because its county is the place named (五常 → 五常镇's …)
            elif matched == "area_name" and r[1] == "gi" and not plan.cjk:
                # a pinyin place and an English product word (Wuchang rice): the product is in the name
                # (五常大米) or only the category (西湖龙井, 茶叶); `product` holds its Chinese endings
                matched = "area_name" if fold(r[3]).endswith(tuple(product)) else "area_category"
            elif matched in ("name", "area_name") and r[1] == "gi" and plan.words:
                matched = _gi_match(fold(r[3]), fold(r[4] or ""), plan.words, product if matched == "area_name" else ())
            hits.append(SearchHit(
                doc_id=r[0], kind=r[1], ref_id=r[2], title=r[3], subtitle=r[4], subkind=r[5], region=r[6],
                klass=r[7], date=r[8], status=r[9], matched=matched,
                spans=match_spans(r[3], plan.words, plan.key_forms),
            ))
        return hits


def _text_as_folded(text_sql: str, word: str) -> str:
    """SQL for a record's own text (not folded, unlike the query) made comparable with a folded `word`:
    Latin letters in lower case, and the full-width forms of the word's digits and punctuation in their
    ASCII forms (an abstract writes 2，4-D, the folded query 2,4-d). Only what the word holds."""
    sql = text_sql
    for ch in sorted({c for c in word if c.isascii() and not c.isalpha() and not c.isspace()}):
        wide = chr(ord(ch) + 0xFEE0)
        sql = f"replace({sql}, '{wide}', '{ch}')" if ch != "'" else sql
    return f"lower({sql})" if any(c.isascii() and c.isalpha() for c in word) else sql


def _region_prefix(region: str) -> str:
    """The division-code prefix a region filter keeps ('330000000000' and '33' → '33'; '' → '')."""
    if len(region) in (2, 4, 6, 9, 12):
        return division_prefix(region.ljust(12, "0"))
    return region


def _english_product_endings(plan: _Plan) -> tuple[str, ...]:
    """The words a GI's name ends with when it is for the product an English query names (rice → 大米,
    稻米 …; navel oranges → 脐橙 alone, one member of the citrus group; green tea → the tea words), from
    the crop vocabulary's English words only: pinyin (dami) is read by the key tier. Not for a query
    with a pinyin qualifier (Wuchang rice): that one is read as a place or a name and the product."""
    return plan.product.endings if plan.product is not None and plan.product.plain else ()


# English words that describe a product without naming another (green, organic, fresh, wild …: the
# brand check's plain words), and the English names of goods (green tea, black tea, sticky rice).
_DESCRIPTIVE_EN = frozenset(w for phrase in rules.PLAIN_WORDS_EN for w in phrase.split())
_GOODS_PHRASES_EN = frozenset(en for names in rules.GENERIC_GOODS_EN.values() for en in names)


def _english_product(words: Sequence[str]) -> _EnglishProduct | None:
    """An English crop word (1-3 words) at the end or the start of a Latin query, and what the other
    words are. The crop vocabulary is rules.CROPS (CROP_WORDS, GROUP_MEMBER_EN): the same words the GI
    check and the patent finder read (corn is maize)."""
    if not words or not all(w.isascii() and w.isalpha() for w in words):
        return None
    for n in (3, 2, 1):
        if n > len(words):
            continue
        for typed, rest, at_end in ((words[-n:], words[:-n], True), (words[:n], words[n:], False)):
            phrase = rules.english_singular(" ".join(typed))
            member = rules.GROUP_MEMBER_EN.get(phrase)
            crop = rules.CROP_WORDS.get(phrase)
            if member is None and crop is None:
                continue
            endings: tuple[str, ...]
            categories: tuple[str, ...]
            english: tuple[str, ...]
            if member is not None:
                endings, categories, english = (member,), (), (phrase,)
            else:
                assert crop is not None
                endings, categories = crop.name_endings, crop.categories
                english = tuple(dict.fromkeys(rules.english_singular(w) for w in (
                    crop.id, *crop.name.en.split(" / "), *crop.en_words)))
            # green tea, organic apples, black tea (a kind of the product): the product itself
            plain = not rest or (at_end and (all(w in _DESCRIPTIVE_EN for w in rest)
                                             or " ".join(words) in _GOODS_PHRASES_EN))
            goods = tuple(zh for zh, names in rules.GENERIC_GOODS_EN.items() if " ".join(words) in names)
            return _EnglishProduct(endings=endings, categories=categories, english=english,
                                   qualifier="" if plain else "".join(rest), plain=plain, goods=goods)
    return None


_ClassCache = tuple[list[tuple[int, str, str, str, str]], list[tuple[str, int]], frozenset[str]]


def _english_words(text: str) -> list[str]:
    return [seg for kind, seg in segments(fold(text)) if kind == "latin" and seg.isalpha()]


def _word_variants(word: str) -> tuple[str, ...]:
    """An English word and its plural or singular (vegetable ↔ vegetables, nut ↔ nuts)."""
    if word.endswith("es") and len(word) > 4:
        return word, word[:-1], word[:-2]
    if word.endswith("s") and len(word) > 3:
        return word, word[:-1]
    return word, word + "s", word + "es"


def _gi_match(name: str, category: str, words: Sequence[str], product: Sequence[str]) -> str:
    """What a GI found by its name n-grams (which include the category) matched: 'name' when the name holds
    every word, 'category' when it does not but the category does (茶 → 蒲江雀舌, 茶叶). For a place +
    product query (`product` given): 'area_name' / 'area_category', as the product words are in the name or
    only in the category; 'name' when the name holds the place too."""
    if all(w in name for w in words):
        return "name"
    if product:
        return "area_name" if all(w in name for w in product) else "area_category"
    return "category" if any(w in category for w in words) else "name"


def _syllables_match(name: str, syllables: Sequence[str]) -> bool:
    """Whether consecutive characters of `name` read the syllables typed apart by apostrophes: xi'an is
    西安 (xi + an), not 仙居 (xian-ju) or 响水 (xiang-shui). A last syllable that is not a whole one may
    be the start of a reading (xi'ch → 西昌)."""
    chars = [ch for ch in fold(name) if is_cjk(ch)]
    readings = [readings_of(ch) for ch in chars]
    whole = pinyin_syllables()
    n = len(syllables)
    for i in range(len(chars) - n + 1):
        for k, syllable in enumerate(syllables):
            options = readings[i + k]
            if syllable in options:
                continue
            if k == n - 1 and syllable not in whole and any(r.startswith(syllable) for r in options):
                continue
            break
        else:
            return True
    return False


def _match_ends(text: str, word: str) -> Iterator[int]:
    """Where each occurrence of `word` in `text` ends."""
    at = text.find(word)
    while at >= 0 and word:
        yield at + len(word)
        at = text.find(word, at + 1)


# Chinese near matches (_near_chinese): a character read alike costs this much, any other change 1.
_HOMOPHONE_COST = 0.25
_NEAR_NAMES = 50  # near names kept, best first
_MAX_QUALIFIER = 4  # characters before a product word (东北大米, 有机大米): longer is a sentence, not a name
# One-character product words (茶, 梨, 枣 …: the crop vocabulary's) that a query may end with; longer ones are
# read from the GI names themselves (大米, 黑猪, 香梨).
_ONE_CHAR_PRODUCTS = frozenset(w for w in rules.CROP_WORDS if len(w) == 1 and is_cjk(w))
_SOUND_TOKENS: dict[str, str] = {}  # a reading (chang) → one private-use character standing for it
_CHAR_SOUNDS: dict[str, tuple[str, frozenset[str]]] = {}  # a character → (first reading's token, all readings)
_SOUND_TABLE: dict[int, str] = {}  # the same tokens for str.translate


def _char_sound(ch: str) -> tuple[str, frozenset[str]]:
    """A character's first reading as one token (so that rapidfuzz compares sounds one per character) and
    the set of all its readings (the readings table's: a rare character beyond it stands for itself, so
    that pypinyin is not loaded for it)."""
    found = _CHAR_SOUNDS.get(ch)
    if found is None:
        options = readings_of(ch) if is_cjk(ch) and ord(ch) <= 0xFFFF else ()
        token = _SOUND_TOKENS.setdefault(options[0], chr(0xF0000 + len(_SOUND_TOKENS))) if options else ch
        found = (token, frozenset(options))
        _CHAR_SOUNDS[ch] = found
        _SOUND_TABLE[ord(ch)] = token
    return found


def _sounds(text: str) -> str:
    """The text's sounds, one token per character (42,000 place names in ~0.1 s: str.translate)."""
    for ch in set(text).difference(_CHAR_SOUNDS):
        _char_sound(ch)
    return text.translate(_SOUND_TABLE)


class _NearVocabulary:
    """GI and place names for Chinese near matches, each with its sounds (one token per character): a GI's
    name; a place's name without 市/县/镇… (a query is compared with it likewise: 龙风山镇 → 龙风山 ~ 龙凤山, so
    the ending is never the character that makes a name near, and 乌龙茶 is not 乌龙镇)."""

    def __init__(self) -> None:
        self.gi_ids: list[int] = []
        self.gi_names: list[str] = []
        self.gi_sounds: list[str] = []
        self.place_ids: list[int] = []
        self.place_stems: list[str] = []
        self.place_sounds: list[str] = []

    def add(self, doc_id: int, gi: bool, name: str) -> None:
        if gi:
            # 茅台酒（贵州茅台酒）: the name before the brackets, and the whole name without them (a query's
            # punctuation separates its words, which are compared joined: 凤凰单丛（枞）茶 → 凤凰单丛枞茶)
            bare = "".join(ch for ch in name if ch.isalnum())
            for form in dict.fromkeys((name.split("(")[0].strip(), bare)):
                if has_cjk(form):
                    self.gi_ids.append(doc_id)
                    self.gi_names.append(form)
                    self.gi_sounds.append(_sounds(form))
            return
        name = name.split("(")[0].strip()  # 木尔乡(已撤销): the name, not the note
        if has_cjk(name):
            stem = _place_stem(name)
            self.place_ids.append(doc_id)
            self.place_stems.append(stem)
            self.place_sounds.append(_sounds(stem))


def _near_cost(typed: str, form: str) -> tuple[float, int, int]:
    """(cost, characters kept, plain changes) of the cheapest way from the typed text to a name: a character
    read alike (埔 for 葡: pu) costs _HOMOPHONE_COST, any other change, missing or extra character 1; among
    equal costs the one keeping most characters."""
    readings_typed = [_char_sound(ch)[1] for ch in typed]
    readings_form = [_char_sound(ch)[1] for ch in form]
    prev = [(float(j), 0, j) for j in range(len(form) + 1)]
    for i, ch in enumerate(typed, 1):
        row = [(float(i), 0, i)]
        for j, other in enumerate(form, 1):
            cost, kept, plain = prev[j - 1]
            if ch == other:
                diagonal = (cost, kept + 1, plain)
            elif readings_typed[i - 1] & readings_form[j - 1]:
                diagonal = (cost + _HOMOPHONE_COST, kept, plain)
            else:
                diagonal = (cost + 1, kept, plain + 1)
            up, left = prev[j], row[j - 1]
            row.append(min(diagonal, (up[0] + 1, up[1], up[2] + 1), (left[0] + 1, left[1], left[2] + 1),
                           key=lambda step: (step[0], -step[1])))
        prev = row
    return prev[-1]


def _gi_place_signature(cur: Any) -> tuple[Any, ...]:
    """What changes when an import or an update changes the GI and place names: the vocabularies of
    the typo tiers (`_fuzzy_vocabulary`, `_near_vocabulary`) are read again only then. Read through
    the (kind, …) covering index: it does not grow with the patents and trademarks."""
    return tuple(cur.execute("SELECT count(*), max(doc_id) FROM search_doc WHERE kind IN ('gi', 'place')").fetchone())


def _near_names(vocab: _NearVocabulary, typed: str) -> list[tuple[float, int, str]]:
    """(cost, doc_id, name or place stem) of the GI and place names near a Chinese query (_near_cost: at
    most 1 up to 7 characters, 2 from 8), best first (GIs before places at equal cost), at most
    _NEAR_NAMES. Where anything but a character read alike changed, a GI's name must keep two of the
    typed characters and be three long, a place's name (without its ending, as the query) three: 乌龙茶
    is not 乌龙泉街道. Candidates come from rapidfuzz over the sounds (a character read alike is no change
    there, a polyphonic one by its first reading), so only a few hundred are weighed in Python."""
    max_cost = 1.0 if len(typed) <= 7 else 2.0
    stem = _place_stem(typed)
    best: dict[int, tuple[float, int, int, str]] = {}
    for gi, text, ids, forms, sounds in ((True, typed, vocab.gi_ids, vocab.gi_names, vocab.gi_sounds),
                                         (False, stem, vocab.place_ids, vocab.place_stems, vocab.place_sounds)):
        for _sound, _distance, idx in process.extract(_sounds(text), sounds, scorer=Levenshtein.distance,
                                                      score_cutoff=int(max_cost), limit=None):
            form = forms[idx]
            cost, kept, plain = _near_cost(text, form)
            if cost > max_cost or (plain and (len(form) < 3 or kept < (2 if gi else 3))):
                continue
            doc_id = ids[idx]
            rank = (cost, 0 if gi else 1, -kept, form)
            if doc_id not in best or rank < best[doc_id]:
                best[doc_id] = rank
    ordered = sorted(best, key=lambda doc_id: (best[doc_id][:3], doc_id))[:_NEAR_NAMES]
    return [(best[doc_id][0], doc_id, best[doc_id][3]) for doc_id in ordered]


def _product_word_gis(vocab: _NearVocabulary, typed: str) -> list[int]:
    """The GIs named for the product word a Chinese query ends with, after a qualifier of 1-4 characters
    (东北大米, 有机大米 → the GIs whose names end with 大米; 乌龙茶 → with 茶): the longest ending that some
    GI's name ends with (two characters or more) or a one-character crop word. Names sharing characters
    with the qualifier first, then shorter names."""
    for k in range(1, min(len(typed), _MAX_QUALIFIER + 1)):
        qualifier, tail = typed[:k], typed[k:]
        if len(tail) == 1 and tail not in _ONE_CHAR_PRODUCTS:
            continue
        named = [(doc_id, name) for doc_id, name in zip(vocab.gi_ids, vocab.gi_names, strict=True)
                 if name.endswith(tail) and name != tail]
        if named:
            named.sort(key=lambda g: (-sum(ch in g[1] for ch in set(qualifier)), len(g[1]), g[0]))
            return list(dict.fromkeys(doc_id for doc_id, _name in named))
    return []


# the longest ending that leaves two characters or more (a lazy stem: the longest ending that fits)
_PLACE_STEM_RE = re.compile(
    "^(.{2,}?)(?:" + "|".join(map(re.escape, sorted(_PLACE_SUFFIXES, key=len, reverse=True))) + ")$", re.DOTALL)


def _place_stem(name: str) -> str:
    """A division name without its 市/县/镇/街道… ending: 五常市 → 五常, 茶淀街道 → 茶淀."""
    found = _PLACE_STEM_RE.match(name)
    return found.group(1) if found else name


def _is_product_word(word: str) -> bool:
    """What may follow a place in a place + product query: Chinese, and not a place's ending."""
    return (has_cjk(word) and all(kind == "cjk" for kind, _ in segments(word)) and word not in _PLACE_SUFFIXES
            and word[0] not in _ONE_CHAR_SUFFIXES)


def match_spans(title: str, words: Sequence[str], key_forms: Sequence[str]) -> tuple[tuple[int, int], ...]:
    """Character spans of `title` that the query matched, for highlighting."""
    folded = fold(title)
    folded_title = title.lower() if len(folded) != len(title) else folded
    spans: list[tuple[int, int]] = []
    for w in words:
        start = folded_title.find(w)
        while start >= 0 and w:
            spans.append((start, start + len(w)))
            start = folded_title.find(w, start + len(w))
    if not spans and key_forms and has_cjk(title):
        spans.extend(_pinyin_spans(title, key_forms))
    return tuple(sorted(set(spans)))


def _pinyin_spans(title: str, key_forms: Sequence[str]) -> list[tuple[int, int]]:
    """Where a pinyin form ('changbai', 'cbs') matches `title`, trying every reading of each
    character (a heteronym matches by any of its readings)."""
    chars = [(i, ch) for i, ch in enumerate(title) if "\u4e00" <= ch <= "\u9fff"]
    readings = [readings_of(ch) for _, ch in chars]
    if not all(readings):
        return []

    def full_end(form: str, pos: int) -> int:
        """Index after the last character that `form` spells out from `pos` (a syllable may be cut
        short at the end of the form: 'changb' matches 长白); -1 when it does not."""
        if not form:
            return pos
        if pos >= len(readings):
            return -1
        for syllable in readings[pos]:
            if form.startswith(syllable):
                end = full_end(form[len(syllable):], pos + 1)
                if end >= 0:
                    return end
            elif syllable.startswith(form):
                return pos + 1
        return -1

    for form in key_forms:
        for start in range(len(chars)):
            end = full_end(form, start)
            if end > start:
                return [(chars[start][0], chars[end - 1][0] + 1)]
            stop = start + len(form)
            if stop <= len(chars) and all(form[k - start] in {r[0] for r in readings[k]} for k in range(start, stop)):
                return [(chars[start][0], chars[stop - 1][0] + 1)]
    return []


__all__ = [
    "COUNT_CAP", "KINDS", "VERIFIED_CAP", "SearchFilters", "SearchHit", "SearchResult", "SearchService",
    "match_spans",
]
