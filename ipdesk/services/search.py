"""One search over every record kind: the search page, by-place view, wizards, kiosk and CLI use it.

A query is answered in tiers, each an indexed lookup returning document ids in result order
(see search_index: doc_id order is kind priority, then newest first):

  0 exact name   1 name prefix   2 name contains every word   3 places the query names
  4 other places containing it   5 pinyin / identifier key prefix   6 records of a place the query names
  7 any field contains every word   8 near spellings (typos)

The tiers are merged in order without duplicates. Each tier reads at most `COUNT_CAP + 1` ids,
so the total is exact up to the cap and reported as "10,000+" beyond it; no tier ranks or scans
the whole match set. Matched spans for highlighting are computed for the page only.
"""

from __future__ import annotations

import logging
import time
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import OSA
from sqlalchemy import Engine

from ipdesk.domain.codes import (
    code_query_forms,
    division_ancestors,
    division_prefix,
    expand_division_code,
    ipc_prefix_key,
    looks_like_code,
)
from ipdesk.domain.text import fold, has_cjk, key_prefix, pinyin_query_forms, query_grams, segments
from ipdesk.services.char_readings import readings_of
from ipdesk.services.db import raise_if_damaged
from ipdesk.services.errors import UserInputError
from ipdesk.services.search_index import KIND_PRIORITY, PRIORITY_KIND, class_keys, kind_doc_range, kind_of_doc

log = logging.getLogger("ipdesk.search")

COUNT_CAP = 10_000
VERIFIED_CAP = 1_000  # candidates whose text is checked word by word, per tier
MAX_QUERY_CHARS = 100
KINDS = tuple(KIND_PRIORITY)
TIER_FIELDS = ("name", "name", "name", "place", "place", "key", "area", "text", "fuzzy")
_PLACE_SUFFIXES = ("市", "县", "区", "镇", "乡", "街道", "自治县", "旗", "自治州", "地区", "盟", "省", "自治区", "林区", "苏木")
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
    matched: str  # which tier found it: name | place | key | area | text | fuzzy; within: a place inside the one named
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

    @property
    def total_label(self) -> str:
        """'2,419', or '1,001+' / '10,000+' when a tier stopped at its cap (at least that many)."""
        return f"{self.total:,}+" if self.capped else f"{self.total:,}"


@dataclass(frozen=True)
class _Plan:
    words: tuple[str, ...]
    phrase: str
    key_forms: tuple[str, ...]
    cjk: bool


def _fts_phrase(tokens: Sequence[str], prefix: bool = False) -> str:
    star = "*" if prefix else ""
    return " AND ".join(f'"{t}"{star}' for t in tokens)


class SearchService:
    """Searches the store behind `engine`; safe to call from any thread (one connection per call)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._vocab: tuple[tuple[Any, ...], list[tuple[int, str]]] | None = None
        self._classes: tuple[tuple[Any, ...], tuple[list[tuple[int, str, str]], list[tuple[str, int]]]] | None = None

    # --- public API ---------------------------------------------------------------------------

    def validate(self, query: str) -> str:
        q = " ".join((query or "").split())
        if not q:
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
        started = time.perf_counter()
        q = self.validate(query)
        filters = filters or SearchFilters()
        plan = self._plan(q)
        want = max(COUNT_CAP + 1, offset + limit)
        ordered: dict[int, int] = {}  # doc_id → tier
        capped = False
        places: list[str] = []
        with self._raw_cursor() as cur:
            stopped: list[bool] = []
            for tier, ids in self._tiers(cur, plan, filters, want, places, page_end=offset + limit, stopped=stopped):
                if len(ids) >= want or stopped:
                    capped = True
                for doc_id in ids:
                    ordered.setdefault(doc_id, tier)
                if len(ordered) >= want:
                    # Later tiers rank after these: they could only lengthen the "10,000+" tail.
                    # The places the query names are still reported (the by-place link).
                    capped = True
                    if not places and self._names_places(plan, filters):
                        places.extend(self._places_named(cur, plan.words[0]))
                    break
            if plan.key_forms and not plan.cjk and len(ordered) < limit and not looks_like_code(q):
                for doc_id in self._fuzzy(cur, plan, filters):
                    ordered.setdefault(doc_id, 8)
            doc_ids = list(ordered)
            page_ids = doc_ids[offset : offset + limit]
            hits = self._load_hits(cur, page_ids, ordered, plan)
            without_data = self._kinds_without_data(cur)
        capped = capped or len(doc_ids) > COUNT_CAP
        by_priority = Counter(doc_id // _KIND_SPAN for doc_id in doc_ids[:COUNT_CAP])
        counts = {PRIORITY_KIND[p]: n for p, n in sorted(by_priority.items())}
        elapsed = (time.perf_counter() - started) * 1000
        log.debug("search %r → %d (%s) in %.1f ms", q, len(doc_ids), "capped" if capped else "exact", elapsed)
        return SearchResult(
            query=q, filters=filters, doc_ids=doc_ids[:COUNT_CAP] if capped else doc_ids, hits=hits,
            total=min(len(doc_ids), COUNT_CAP), capped=capped, counts_by_kind=counts,
            forms=list(plan.key_forms), places=places, elapsed_ms=elapsed, kinds_without_data=without_data,
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
        klass: str | None = None,
        code_prefixes: Sequence[str] = (),
    ) -> tuple[str, list[Any], str]:
        """The FROM/WHERE of one lookup, on exactly one of: `name_has` (the name contains the
        text: its n-grams), `text_has_any`/`text_has_all` (any / every one of the words somewhere
        in the record's text), `pinyin_starts` (a pinyin key starts with the reading), `named`
        (the folded name is one of these). Filters: `klass` (the class column), `code_prefixes`
        (any of the record's codes starts with one of these IPC keys). Also returns the column to
        order by: FTS5 hands its matches over in rowid order, so ordering by f.rowid lets a LIMIT
        stop early (ordering by the joined d.doc_id would sort every match)."""
        lo, hi = kind_doc_range(kind)
        conds: list[str] = []
        params: list[Any] = []
        if klass is not None:
            conds.append("d.klass = ?")
            params.append(klass)
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

    def hits_for(self, doc_ids: Sequence[int], query: str = "") -> list[SearchHit]:
        """Rows for ids the caller already holds (the lazy table model fetches pages this way)."""
        plan = self._plan(query) if query.strip() else _Plan((), "", (), False)
        with self._raw_cursor() as cur:
            return self._load_hits(cur, list(doc_ids), {}, plan)

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
        folded = fold(q)
        words = tuple(dict.fromkeys(w for w in folded.split() if w))
        cjk = has_cjk(folded)
        forms: list[str] = []
        if looks_like_code(q):
            forms.extend(code_query_forms(q))
        if cjk:
            # Mixed text such as 五常dm: read the Chinese part as pinyin initials or syllables.
            if any(kind == "latin" for kind, _ in segments(folded)):
                forms.extend(pinyin_query_forms(folded.replace(" ", "")))
        else:
            forms.extend(pinyin_query_forms(folded))
        return _Plan(words=words, phrase=folded, key_forms=tuple(dict.fromkeys(f for f in forms if f)), cjk=cjk)

    def _filter_sql(self, filters: SearchFilters, alias: str = "d") -> tuple[str, list[Any]]:
        """Filter clauses checked row by row on search_doc. `+d.kind` keeps SQLite from driving the
        query through the (kind, ref_id) index instead of the FTS match (measured: 1 s → ms)."""
        clauses: list[str] = []
        params: list[Any] = []
        if filters.region:
            prefix = division_prefix(filters.region.ljust(12, "0")) if len(filters.region) in (2, 4, 6, 9, 12) else filters.region
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
        stopped: list[bool] | None = None,
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

        def run_doc(where: str, params: list[Any], kinds: tuple[str, ...], *, name_range: bool = False) -> list[int]:
            if not kinds:
                return []
            ksql, kparams = self._kind_sql(replace(filters, kinds=kinds), "+d.doc_id" if name_range else "d.doc_id")
            conds = " AND ".join([where] + [c for c in (ksql, fsql) if c])
            if name_range:
                # A common prefix (一种…) matches millions of names: walk the name index for at most
                # `want` of them, then order those (measured: 333 ms → 5 ms). Beyond the cap the order
                # is by name, which only the "10,000+" tail can notice.
                sql = (f"WITH c AS MATERIALIZED (SELECT d.doc_id AS id FROM search_doc d WHERE {conds} LIMIT ?) "
                       "SELECT id FROM c ORDER BY id")
            else:
                sql = f"SELECT d.doc_id FROM search_doc d WHERE {conds} ORDER BY d.doc_id LIMIT ?"
            return [r[0] for r in cur.execute(sql, [*params, *kparams, *fparams, want])]

        def run_fts(table: str, match: str, verify: list[str], kinds: tuple[str, ...]) -> list[int]:
            if not kinds:
                return []
            ksql, kparams = self._kind_sql(replace(filters, kinds=kinds), "f.rowid")
            conds = [f"{table} MATCH ?"] + ([ksql] if ksql else [])
            join = "CROSS JOIN search_doc d ON d.doc_id = f.rowid" if (fsql or verify) else ""
            conds += ["instr(d.name, ?) > 0" for _ in verify] + ([fsql] if fsql else [])
            sql = f"SELECT f.rowid FROM {table} f {join} WHERE {' AND '.join(conds)} ORDER BY f.rowid LIMIT ?"
            limit = verified_want if verify else want
            return note_stop([r[0] for r in cur.execute(sql, [match, *kparams, *verify, *fparams, limit])], limit)

        grams = [g for w in plan.words for g in query_grams(w)]
        # Words whose n-grams do not prove they occur as typed: 3+ Chinese characters (bigrams
        # may be apart) and words of several segments (五常dm, a01g-9). A word that is a single
        # Latin or number token of the name needs no check.
        verify = [w for w in plan.words if (has_cjk(w) and len(w) > 2) or len(segments(w)) > 1]
        # 0-2: records by name — exactly, by its beginning (B-tree), containing every word (n-grams)
        yield 0, run_doc("d.name = ?", [plan.phrase], wanted)
        yield 1, run_doc("d.name > ? AND d.name < ?", [plan.phrase, plan.phrase + _MAX_CHAR], records, name_range=True)
        if grams:
            yield 2, run_fts("fts_name", _fts_phrase(grams), verify, records)
        # 3-4: places the query names (五常 → 五常市), then other places whose names contain it
        if self._names_places(plan, filters):
            codes = self._places_named(cur, single)
            places.extend(codes)
            if codes:
                yield 3, run_doc(f"d.kind = 'place' AND d.ref_id IN ({','.join('?' * len(codes))})",
                                 [int(c) for c in codes], place_only)
        if grams and place_only:
            yield 4, run_fts("fts_name", _fts_phrase(grams), verify, place_only)
        if classes:
            yield 4, run_doc("d.name > ? AND d.name < ?", [plan.phrase, plan.phrase + _MAX_CHAR], classes,
                             name_range=True)
            if grams:
                yield 4, run_fts("fts_name", _fts_phrase(grams), verify, classes)
        # 5: pinyin, initials and identifiers by key prefix. Within the small kinds (GIs, places,
        # classes) names whose pinyin is the query, then starts with it, then ends with it come first:
        # 'lj' → 龙井茶, then 西湖龙井, before 辣椒酱.
        if plan.key_forms:
            match = " OR ".join(f'"{f}"*' for f in dict.fromkeys(map(key_prefix, plan.key_forms)))
            small = tuple(k for k in wanted if k in _RANKED_KEY_KINDS)
            big = tuple(k for k in wanted if k not in _RANKED_KEY_KINDS)
            shared = self._key_matches_once(cur, match, plan.key_forms, small, big, filters, want) if not fsql else None
            if shared is not None:
                yield 5, shared[0]
                yield 5, shared[1]
            else:
                yield 5, self._ranked_key_matches(cur, match, plan.key_forms, small, filters, want)
                # the large kinds in one pass (one prefix expansion instead of one per kind)
                yield 5, run_fts("fts_key", match, [], big)
        # 6: the records of the places the query names
        if places and records:
            yield 6, self._place_records(cur, places, replace(filters, kinds=records), want)
        # 7: any field contains every word. Bigrams may come from different fields, so words of three
        # or more characters are checked against the record's own text.
        if grams:
            long_words = [w for w in plan.words if len(w) > 2 and has_cjk(w)]
            if not long_words:
                yield 7, run_fts("fts_all", _fts_phrase(grams), [], wanted)
            else:
                found = self._checked_text_matches(cur, _fts_phrase(grams), long_words, wanted, filters, verified_want)
                yield 7, note_stop(found, verified_want)

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
        """Classification nodes whose keys start with a form: an exact code first, then shorter titles."""
        entries, keys = self._class_keys(cur)
        exact = {c.upper() for f in forms for c in (f, expand_division_code(f)) if c}
        hit: set[int] = set()
        for prefix in {key_prefix(f) for f in forms}:
            at = bisect_left(keys, (prefix,))
            while at < len(keys) and keys[at][0].startswith(prefix):
                hit.add(keys[at][1])
                at += 1
        found = [(0 if entries[i][2].upper() in exact else 2, len(entries[i][1]), entries[i][0]) for i in hit]
        return [doc_id for *_rank, doc_id in sorted(found)]

    def _class_keys(self, cur: Any) -> tuple[list[tuple[int, str, str]], list[tuple[str, int]]]:
        """(doc_id, name, codes) of every classification node and its keys as a sorted
        (key, entry) list for prefix look-ups; read once and again only when the classifications
        changed (a few hundred nodes)."""
        signature = tuple(cur.execute("SELECT count(*), max(doc_id) FROM search_doc WHERE kind = 'class'").fetchone())
        cached = self._classes
        if cached is not None and cached[0] == signature:
            return cached[1]
        rows = cur.execute(
            "SELECT d.doc_id, d.name, d.codes, c.code, c.scheme, c.title_en FROM search_doc d "
            "JOIN class_node c ON c.id = d.ref_id WHERE d.kind = 'class'"
        ).fetchall()
        entries = [(int(doc_id), str(name), str(codes)) for doc_id, name, codes, *_ in rows]
        keys = sorted({(key, i) for i, (*_, code, scheme, title_en) in enumerate(rows)
                       for key in class_keys(code, scheme, title_en) if key})
        self._classes = (signature, (entries, keys))
        return entries, keys

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
        if exact_codes:
            equal.append(f"upper(d.codes) IN ({','.join('?' * len(exact_codes))})")
            params += exact_codes
        for f in forms:
            params += [f, f, f, f]
        # exact, then at the start or end of the name, then inside it; shorter names (the query
        # explains more of them) first.
        grade = f"CASE WHEN {' OR '.join(equal)} THEN 0 WHEN {' OR '.join(edges)} THEN 1 ELSE 2 END"
        if ids is not None:
            conds = " AND ".join(c for c in (f"d.doc_id IN ({','.join('?' * len(ids))})", ksql, fsql) if c)
            sql = (f"SELECT d.doc_id FROM search_doc d WHERE {conds} "
                   f"ORDER BY d.doc_id / {_KIND_SPAN}, {grade}, length(d.name), d.doc_id LIMIT ?")
            return [r[0] for r in cur.execute(sql, [*ids, *kparams, *fparams, *params, want])]
        conds = " AND ".join(c for c in ("fts_key MATCH ?", ksql, fsql) if c)
        sql = (
            f"SELECT f.rowid FROM fts_key f CROSS JOIN search_doc d ON d.doc_id = f.rowid WHERE {conds} "
            f"ORDER BY f.rowid / {_KIND_SPAN}, {grade}, length(d.name), f.rowid LIMIT ?"
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
            checks.append(f"(instr(d.name, ?) > 0 OR instr(({_RECORD_TEXT_SQL}), ?) > 0)")
            params += [w, w]
        conds = " AND ".join(c for c in ("fts_all MATCH ?", ksql, fsql, *checks) if c)
        sql = f"SELECT f.rowid FROM fts_all f CROSS JOIN search_doc d ON d.doc_id = f.rowid WHERE {conds} ORDER BY f.rowid LIMIT ?"
        return [r[0] for r in cur.execute(sql, [match, *kparams, *fparams, *params, want])]

    @staticmethod
    def _names_places(plan: _Plan, filters: SearchFilters) -> bool:
        """Whether the query may name a place: one Chinese word, and places are wanted."""
        return plan.cjk and len(plan.words) == 1 and (not filters.kinds or "place" in filters.kinds)

    def _places_named(self, cur: Any, word: str) -> list[str]:
        """Divisions named `word` (with or without 市/县/镇…), the highest level only: 五常 names
        五常市 (a county) and also two townships elsewhere called 五常; the county is meant."""
        rows = cur.execute(
            "SELECT code, name, level FROM division WHERE name >= ? AND name < ? ORDER BY level, code LIMIT 50",
            (word, word + _MAX_CHAR),
        ).fetchall()
        named = [(code, level) for code, name, level in rows if name[len(word):] in ("", *_PLACE_SUFFIXES)]
        if not named:
            return []
        top = named[0][1]
        return [code for code, level in named if level == top][:5]

    def _place_records(self, cur: Any, codes: list[str], filters: SearchFilters, want: int) -> list[int]:
        found: set[int] = set()
        for code in codes:
            prefix = division_prefix(code)
            sub = replace(filters, region=prefix)
            fsql, fparams = self._filter_sql(sub)
            ksql, kparams = self._kind_sql(filters, "d.doc_id")
            conds = " AND ".join(c for c in (fsql, ksql, "d.kind != 'place'") if c)
            gi_sql = f"SELECT d.doc_id FROM search_doc d WHERE d.kind = 'gi' AND {conds} ORDER BY d.doc_id LIMIT ?"
            found.update(r[0] for r in cur.execute(gi_sql, [*fparams, *kparams, want]))
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
        signature = tuple(cur.execute(
            "SELECT count(*), max(doc_id) FROM search_doc WHERE kind IN ('gi', 'place')"
        ).fetchone())
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

    # --- rows ---------------------------------------------------------------------------------

    def _load_hits(self, cur: Any, page_ids: list[int], tiers: dict[int, int], plan: _Plan) -> list[SearchHit]:
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
            hits.append(SearchHit(
                doc_id=r[0], kind=r[1], ref_id=r[2], title=r[3], subtitle=r[4], subkind=r[5], region=r[6],
                klass=r[7], date=r[8], status=r[9], matched=matched,
                spans=match_spans(r[3], plan.words, plan.key_forms),
            ))
        return hits


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
