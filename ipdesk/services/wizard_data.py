"""The facts the three wizards need, read from the store: townships, GIs covering a township,
place names and GI names inside a brand name, earlier marks that may be confusable, patents by
crop, technique and IPC. The decisions themselves are in `ipdesk.domain` (plain, tested data).

Candidate generation goes through the search index (`SearchService`, and one query of our own on its
word index for marks in Latin letters, `WizardData._latin_mark_ids`), so every lookup is indexed;
re-ranking (similarity, status) happens on the few hundred candidates in Python.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import ChainMap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, NamedTuple

from sqlalchemy import func, select, text

from ipdesk.domain import brand_check, gi_eligibility, input_words, patent_finder, rules
from ipdesk.domain.brand_check import BrandFacts, EarlierMark, GiName, PlaceName
from ipdesk.domain.codes import (
    LEVEL_COUNTY,
    LEVEL_PREFECTURE,
    LEVEL_PROVINCE,
    LEVEL_TOWNSHIP,
    division_ancestors,
    expand_division_code,
    format_ipc,
    ipc_prefix_key,
    normalize_ipc,
)
from ipdesk.domain.gi_eligibility import GiFacts, GiRecord, Township
from ipdesk.domain.i18n import Text
from ipdesk.domain.patent_finder import PatentFacts, PatentRecord
from ipdesk.domain.text import (
    fold,
    has_cjk,
    is_blank,
    is_cjk,
    pinyin_of,
    query_grams,
    readings,
    segments,
    syllables_of,
    typed_text,
)
from ipdesk.domain.wizard import Outcome
from ipdesk.services.db import Database
from ipdesk.services.errors import UserInputError
from ipdesk.services.models import ClassNode, Dataset, Division, GeoIndication, Patent, Trademark
from ipdesk.services.places import PlaceService, fold_typed_place
from ipdesk.services.records import patent_record
from ipdesk.services.search import SearchFilters, SearchHit, SearchService
from ipdesk.services.search_index import kind_doc_range, make_doc_id

log = logging.getLogger("ipdesk.wizards")

# "category": a GI found through its category n-grams (茶叶 → 蒲江雀舌), which search called "name" before
# it said so; the GI check keeps those candidates as it did.
_NAME_TIERS = ("name", "category", "key", "fuzzy")
CANDIDATES_PER_QUERY = 100
MAX_MARK_CANDIDATES = 400
MAX_OTHER_CLASS_CANDIDATES = 100  # marks of the other goods classes, after the class's own
MAX_NAMED_FORMS = 400  # exact names looked up at once: parts of a Chinese name, runs of its Latin words
MAX_NAME_WORDS = 8  # Latin words of a name taken together (a name has at most 40 letters)
MAX_PROBE_LETTERS = 24  # the longest word of an earlier mark looked for inside the name's letters
# Characters a stored mark's name may have between its words (GOLDEN-HARVEST, GOLDEN.HARVEST, Xi'an)
_NAME_SEPARATORS = (" ", "-", ".", "'", "&", "·", "_")
_TOWN_ENDINGS = ("镇", "乡", "街道", "苏木")  # how a township's name ends (龙凤山镇)
# The patent finder reads up to this many of the patents found (the newest), counts them by group and lists
# `patent_finder.MAX_LISTED` of them, those to treat as in force first: the one cap on what is listed is there.
MAX_PATENTS = 2000
PATENT_COUNT_CAP = 5000


class TownshipChoices(NamedTuple):
    towns: list[Township]
    county: str = ""  # the county-level place typed (五常市), whose townships these are
    suggested: bool = False  # none is called so: these are near what was typed, to be confirmed


@dataclass(frozen=True)
class GroupChoice:
    code: str
    title: Text  # the table's heading
    plain: Text  # in plain words for the picker


def _latin_forms(name: str, name_en: str | None) -> tuple[str, ...]:
    """A GI's name as it may be written in letters: its pinyin (wuchangdami; 陕 read shan as pypinyin
    reads it) and its English name, folded and joined like `brand_words.latin_spans`."""
    forms = ["".join(syllables_of(fold(name)))]
    if name_en:
        forms.append("".join(ch for ch in fold(name_en) if ch.isalnum()))
    return tuple(f for f in dict.fromkeys(forms) if f.isascii() and f)


class WizardData:
    """Queries for the GI, brand and patent wizards. Safe to call from the DB worker thread."""

    def __init__(self, db: Database, search: SearchService) -> None:
        self._db = db
        self._search = search
        self._place_index: dict[str, list[PlaceName]] | None = None
        self._latin_place_index: dict[str, list[PlaceName]] | None = None
        self._gi_names: list[GiName] | None = None

    # --- shared -----------------------------------------------------------------------------------

    def data_as_of(self, names: Sequence[str] = ("gi", "local_gi", "divisions")) -> str:
        """'gi 2026-11-25 · divisions 2026-09-11': the as-of date of each of `names` that holds data, in
        the order given (what the answer rests on first). A kind's local imports (local_patents) are
        named beside it: an answer about patents rests on them as much as on the updated ones."""
        with self._db.session() as s:
            rows = dict(s.execute(select(Dataset.name, Dataset.as_of).where(Dataset.name.in_(list(names)))).all())
        dated = [(n, rows.get(n)) for n in names]
        return " · ".join(f"{n} {a.isoformat()}" for n, a in dated if a is not None)

    # --- townships --------------------------------------------------------------------------------

    def township(self, code: str) -> Township:
        """The township with this code (9 or 12 digits, full-width ones too); UserInputError when there is none."""
        full = expand_division_code(fold_typed_place(code or ""))
        with self._db.session() as s:
            row = s.get(Division, full) if full else None
            if row is None or row.level != LEVEL_TOWNSHIP:
                hint_zh = f"（{row.name}不是乡镇）" if row is not None else ""
                hint_en = f" ({row.name} is not a township)" if row is not None else ""
                raise UserInputError(
                    f"找不到乡镇代码：{code}{hint_zh}。请输入12位乡级区划代码，如 230184100000。",
                    f"Unknown township code: {code}{hint_en}. Give a 12-digit township code, e.g. 230184100000.",
                )
            path = self._path_names(s, row.parent_code)
            return Township(code=row.code, name=row.name, path=tuple(path))

    def _path_names(self, s: Any, parent: str | None) -> list[str]:
        names: list[str] = []
        while parent:
            p = s.get(Division, parent)
            if p is None:
                break
            names.append(p.name)
            parent = p.parent_code
        return list(reversed(names))

    def find_townships(self, query: str) -> list[Township]:
        """Townships a typed name, code, pinyin or county means (`township_matches`): for the pickers."""
        return self.township_matches(query).towns

    def township_matches(self, query: str) -> TownshipChoices:
        """Every township a typed text means, read as the command line reads it
        (`PlaceService.read_townships`), the county-level place named when the text was one (五常市:
        its townships), else "", and whether they are only near what was typed (龙凤山乡, 龙风山 → 龙凤山镇):
        then they are offered for the person to confirm, never taken as the answer."""
        found = PlaceService(self._db.engine).read_townships(query)
        towns = [Township(code=t.code, name=t.name, path=tuple(a.name for a in t.ancestors)) for t in found.towns]
        return TownshipChoices(towns, found.county.name if found.county is not None else "", found.suggested)

    # --- GI eligibility ---------------------------------------------------------------------------

    def suggest_gis(self, product: str, limit: int = 12) -> list[GiRecord]:
        """GIs to offer for a typed product: what it names or is (Wuchang rice, 大米 → 五常大米) first, then GIs
        for the same crop elsewhere; for a place and a crop (Wuchang rice), no GI for another product."""
        return gi_eligibility.rank_suggestions(product, self._gi_records(self._gi_ids_for_product(product), None))[:limit]

    def _gi_ids_for_product(self, product: str) -> list[int]:
        p = " ".join(typed_text(product).split())
        if is_blank(p):  # nothing visible typed (a zero-width space): nothing to offer, as for an empty box
            return []
        hits = self._gi_hits(p)
        words = gi_eligibility.read_product(p)
        if words.crop is not None:
            # Wuchang rice, 稻米, tea: the qualifier (wuchang → 五常大米 by pinyin) and the crop's own words
            # (大米, 稻, 茶叶 …); `product_matches` keeps the GIs that are for it.
            queries = [words.qualifier] if words.qualifier else []
            queries += [w for w in words.crop.name_endings if fold(w) != fold(p)]
            for query in queries:
                hits += self._gi_hits(query)
        if not hits and has_cjk(p):
            # 五长 (长 read chang or zhang) → wuchang → 五常大米: a homophone typed by the input method
            for reading in readings(fold(p).replace(" ", "")):
                hits += [h for h in self._gi_hits(reading) if h.matched != "fuzzy"]
        if not hits and has_cjk(p):
            # 龙井茶 → 龙井: try the two-character parts of the product when the whole finds nothing.
            folded = fold(p).replace(" ", "")
            for i in range(len(folded) - 1):
                part = folded[i : i + 2]
                if all(is_cjk(ch) for ch in part):
                    hits += self._gi_hits(part)
        return list(dict.fromkeys(h.ref_id for h in hits))

    def _gi_hits(self, query: str) -> list[SearchHit]:
        """GIs whose name matches the query; near spellings (a typo: wuchnag) only when nothing matches as typed,
        so that wuchang finds 五常大米 and not also 五城茶干 (wucheng)."""
        result = self._search.search(query, SearchFilters(kinds=("gi",)), limit=CANDIDATES_PER_QUERY)
        hits = [h for h in result.hits if h.matched in _NAME_TIERS]
        exact = [h for h in hits if h.matched != "fuzzy"]
        return exact or hits

    def _gi_records(self, ids: Sequence[int], township_code: str | None) -> list[GiRecord]:
        if not ids:
            return []
        covering = self._covering(ids, township_code) if township_code else set()
        with self._db.session() as s:
            gis = {g.id: g for g in s.scalars(select(GeoIndication).where(GeoIndication.id.in_(list(ids))))}
            area_rows = s.execute(text(
                "SELECT a.gi_id, d.name, d.code FROM gi_area a JOIN division d ON d.code = a.division_code "
                f"WHERE a.gi_id IN ({','.join(str(int(i)) for i in ids)}) ORDER BY a.division_code"
            )).all()
        areas: dict[int, list[str]] = {}
        area_codes: dict[int, list[str]] = {}
        for gi_id, name, code in area_rows:
            areas.setdefault(gi_id, []).append(name)
            area_codes.setdefault(gi_id, []).append(code)
        out = []
        for gi_id in ids:
            g = gis.get(gi_id)
            if g is None:
                continue
            codes = area_codes.get(g.id, [])
            precision = gi_eligibility.area_precision(g.note, codes, g.area_text)
            partial = precision.partial and (
                not township_code or gi_eligibility.unrecorded_part_may_hold(township_code, codes))
            out.append(GiRecord(
                id=g.id, kind=g.kind, name=g.name, category=g.category, holder=g.holder, area_text=g.area_text,
                standard=g.standard, covers=g.id in covering, area_names=tuple(areas.get(g.id, [])),
                tm_reg_no=g.tm_reg_no, note=g.note, area_rough=precision.rough, area_partial=partial,
            ))
        return out

    def _covering(self, ids: Sequence[int] | None, township_code: str) -> set[int]:
        """GIs (of `ids`, or all) whose protected area includes the township itself or a division above it."""
        codes = [township_code, *division_ancestors(township_code)]
        marks = ",".join("?" * len(codes))
        sql = f"SELECT DISTINCT gi_id FROM gi_area WHERE division_code IN ({marks})"
        params: list[Any] = list(codes)
        with self._db.engine.connect() as conn:
            found = {int(r[0]) for r in conn.exec_driver_sql(sql, tuple(params))}
        return found if ids is None else found & set(ids)

    def gi_facts(self, product: str, township_code: str, gi_id: int | None = None) -> GiFacts:
        township = self.township(township_code)
        ids = self._gi_ids_for_product(product)
        if gi_id:
            with self._db.session() as s:
                chosen = s.get(GeoIndication, gi_id)
                if chosen is not None:
                    twins = s.scalars(select(GeoIndication.id).where(GeoIndication.name == chosen.name)).all()
                    ids = list(dict.fromkeys([gi_id, *twins, *ids]))
        matches = self._gi_records(ids, township.code)
        local_ids = sorted(self._covering(None, township.code) - set(ids))
        local = self._gi_records(local_ids, township.code)
        # A GI covering the township that is for this product counts even when the capped search
        # did not return it (a common word such as 大米 names hundreds of GIs).
        also = [g for g in local if gi_eligibility.product_matches(product, g)]
        if also:
            matches += also
            local = [g for g in local if g not in also]
        return GiFacts(township=township, matches=tuple(matches), local=tuple(local), data_as_of=self.data_as_of())

    def gi_check(self, data: Mapping[str, Any]) -> Outcome:
        product = str(data.get("product") or "").strip()
        if not product:
            raise UserInputError("请输入产品名称。", "Type the product's name.")
        wordless = input_words.product_problem(product)
        if wordless is not None:
            raise UserInputError(wordless.zh, wordless.en)
        facts = self.gi_facts(product, str(data.get("township_code") or ""), data.get("gi_id"))
        draft = {**data, "township_code": facts.township.code, "township_label": facts.township.label}
        return gi_eligibility.decide(draft, facts)

    # --- brand check ------------------------------------------------------------------------------

    def similar_groups(self, nice_class: int) -> list[GroupChoice]:
        with self._db.session() as s:
            rows = s.scalars(select(ClassNode).where(ClassNode.scheme == "group", ClassNode.parent_code == str(nice_class))
                             .order_by(ClassNode.code)).all()
            return [GroupChoice(r.code, Text(r.title_zh, r.title_en),
                                rules.GROUP_PLAIN_WORDS.get(r.code, Text(r.title_zh, r.title_en))) for r in rows]

    def place_index(self) -> dict[str, list[PlaceName]]:
        """Short and full names of every division at county level or above (built once, ~3,000 rows)."""
        if self._place_index is None:
            with self._db.engine.connect() as conn:
                rows = conn.exec_driver_sql(
                    "SELECT code, name, level, parent_code FROM division WHERE level <= ?", (LEVEL_COUNTY,)
                ).fetchall()
            by_code = {r[0]: (r[1], r[3]) for r in rows}
            index: dict[str, list[PlaceName]] = {}
            for code, name, level, parent in rows:
                path: list[str] = []
                while parent and parent in by_code:
                    path.append(by_code[parent][0])
                    parent = by_code[parent][1]
                for form in rules.division_short_names(name):
                    index.setdefault(form, []).append(PlaceName(form, code, name, level, " ".join(reversed(path))))
            self._place_index = index
        return self._place_index

    def latin_place_index(self) -> dict[str, list[PlaceName]]:
        """The provinces, regions, municipalities, provincial capitals and 计划单列市 under their pinyin and
        customary English names (hangzhou, shaanxi, hongkong), whose Latin forms count as the place name
        (rules.PINYIN_PLACE_CITIES). Kept apart from `place_index`, whose keys are Chinese."""
        if self._latin_place_index is None:
            index: dict[str, list[PlaceName]] = {}
            for places in self.place_index().values():
                for place in places:
                    short = rules.division_short_names(place.name)[-1]
                    if place.form != short:
                        continue
                    if not (place.level == LEVEL_PROVINCE
                            or (place.level == LEVEL_PREFECTURE and short in rules.PINYIN_PLACE_CITIES)):
                        continue
                    spellings = ["".join(syllables_of(short)), *rules.PLACE_LATIN_FORMS.get(short, ())]
                    for spelling in dict.fromkeys(s.replace(" ", "") for s in spellings):
                        index.setdefault(spelling, []).append(replace(place, form=spelling))
            self._latin_place_index = index
        return self._latin_place_index

    def gi_names(self) -> list[GiName]:
        if self._gi_names is None:
            with self._db.session() as s:
                self._gi_names = [GiName(i, n, k, latin=_latin_forms(n, en), category=c) for i, n, k, en, c in s.execute(
                    select(GeoIndication.id, GeoIndication.name, GeoIndication.kind, GeoIndication.name_en,
                           GeoIndication.category))]
        return self._gi_names

    def earlier_marks(self, name: str, nice_class: int, other_classes: Sequence[int] = ()) -> list[EarlierMark]:
        """Candidate earlier marks in the class, each lookup capped (`SearchService.lookup_refs`), the
        closest kinds first: marks named by a part of the name (香米 inside 金香米; GOLDEN HARVEST
        inside Golden Harvest Rice, as whole words, with or without the spaces) or by its pinyin
        (JIN FENG SHOU for 金丰收); marks containing the whole name; marks whose words, run together,
        are inside the name's letters or hold them (`_latin_mark_ids`: Golden-Harvest for
        goldenharvest); marks whose pinyin starts like the name's (also a name typed in pinyin);
        marks sharing a two-character word, a distinctive Latin word or any one character of it.
        In `other_classes` (the other goods classes, whose goods may still be similar: raw grain in 31
        beside rice in 30), only the close kinds: marks named by the name or a part of it, containing it,
        sounding like it, or the same in Latin letters; at most MAX_OTHER_CLASS_CANDIDATES, after the
        class's own. `brand_check.rank_marks` then scores them."""
        name = typed_text(name)
        folded = fold(name)
        flat = folded.replace(" ", "")
        klass = str(nice_class)
        words = [seg for kind, seg in segments(folded) if kind == "latin"]
        letters = "".join(words)
        named: dict[str, None] = dict.fromkeys([folded, flat])
        for kind, run in segments(flat):
            if kind == "cjk":
                named.update(dict.fromkeys(sorted(brand_check.substrings(run))))
        for i in range(len(words)):  # runs of whole words, as stored with or without the spaces
            for j in range(i + 1, min(len(words), i + MAX_NAME_WORDS) + 1):
                named.update(dict.fromkeys((" ".join(words[i:j]), "".join(words[i:j]))))
        readings = syllables_of(flat) if has_cjk(flat) and not words else []
        if readings:  # 金丰收 → jinfengshou, jin feng shou
            named.update(dict.fromkeys(("".join(readings), " ".join(readings))))
        lookups: list[dict[str, Any]] = [{"named": [n for n in named if len(n) >= 2][:MAX_NAMED_FORMS]}]
        grams = query_grams(folded)
        if grams:
            lookups.append({"name_has": folded})
        if letters:
            lookups.append({"latin": letters})
        sound = pinyin_of(name) if has_cjk(name) else letters if letters.isalpha() and len(letters) >= 4 else ""
        if sound:
            lookups.append({"pinyin_starts": sound})
        bigrams = [flat[i : i + 2] for i in range(len(flat) - 1) if all(is_cjk(c) for c in flat[i : i + 2])]
        if len(grams) > 1:
            lookups += [{"name_has": g} for g in dict.fromkeys(bigrams)]
        distinctive = brand_check.name_words(name, nice_class).left
        lookups += [{"name_has": w} for w in dict.fromkeys(distinctive) if len(w) >= 3 and w.isascii() and len(words) > 1]
        lookups += [{"name_has": ch} for ch in dict.fromkeys(flat) if is_cjk(ch)]
        ref_ids: dict[int, None] = {}
        for where in lookups:
            if "latin" in where:
                found = self._latin_mark_ids(letters, words, klass)
            else:
                found = self._search.lookup_refs("trademark", limit=CANDIDATES_PER_QUERY, klass=klass, **where)
            ref_ids.update(dict.fromkeys(found))
            if len(ref_ids) >= MAX_MARK_CANDIDATES:
                break
        ids = list(ref_ids)[:MAX_MARK_CANDIDATES]
        others = tuple(str(c) for c in dict.fromkeys(other_classes) if c != nice_class)
        if others:
            close = [w for w in lookups[:4] if "named" in w or "latin" in w or "pinyin_starts" in w
                     or w.get("name_has") == folded]
            other_ids: dict[int, None] = {}
            for where in close:
                if "latin" in where:
                    found = self._latin_mark_ids(letters, words, others)
                else:
                    found = self._search.lookup_refs("trademark", limit=CANDIDATES_PER_QUERY, klass=others, **where)
                other_ids.update(dict.fromkeys(i for i in found if i not in ref_ids))
            ids += list(other_ids)[:MAX_OTHER_CLASS_CANDIDATES]
        if not ids:
            return []
        with self._db.session() as s:
            rows2 = s.scalars(select(Trademark).where(Trademark.id.in_(ids))).all()
            return [EarlierMark(t.id, t.reg_no, t.mark_text, t.nice_class, tuple(t.similar_groups.split()), t.owner,
                                t.status, t.expiry_date.isoformat() if t.expiry_date else "") for t in rows2]

    def _latin_mark_ids(self, letters: str, words: Sequence[str], klass: str | Sequence[str]) -> list[int]:
        """Marks of the class whose name, its letters run together, is inside `letters` (the name's Latin
        letters run together) or holds them, whatever the spaces, hyphens or case of either: GOLDEN
        HARVEST and Golden-Harvest for goldenharvest or Golden Harvest Rice; GOLDENHARVEST FARM for
        Golden Harvest. Found through the word index: one of the mark's words begins at one of the
        name's words (golden, goldenharvest), and the names are compared in SQL before the limit, so
        marks that merely share a word do not crowd the others out."""
        starts, at = [], 0
        for w in words[:MAX_NAME_WORDS]:
            starts.append(at)
            at += len(w)
        probes = dict.fromkeys(letters[s:e] for s in starts
                               for e in range(s + 2, min(len(letters), s + MAX_PROBE_LETTERS) + 1))
        if not probes:
            return []
        classes = [klass] if isinstance(klass, str) else list(klass)
        stored = "d.name"
        for ch in _NAME_SEPARATORS:
            quoted = ch.replace("'", "''")
            stored = f"replace({stored}, '{quoted}', '')"
        lo, hi = kind_doc_range("trademark")
        sql = (f"SELECT ref_id FROM (SELECT d.ref_id, f.rowid AS doc, {stored} AS joined "
               "FROM fts_name f CROSS JOIN search_doc d ON d.doc_id = f.rowid "
               f"WHERE fts_name MATCH ? AND f.rowid BETWEEN ? AND ? AND d.klass IN ({','.join('?' * len(classes))})) "
               "WHERE (length(joined) >= 3 AND instr(?, joined) > 0) OR instr(joined, ?) > 0 ORDER BY doc LIMIT ?")
        match = " OR ".join(f'"{p}"' for p in probes)
        with self._db.engine.connect() as conn:
            rows = conn.exec_driver_sql(sql, (match, lo, hi, *classes, letters, letters, CANDIDATES_PER_QUERY))
            return [int(r[0]) for r in rows]

    def brand_facts(self, name: str, nice_class: int, origin_code: str | None = None) -> BrandFacts:
        name = typed_text(name)
        places = brand_check.find_place_names(name, ChainMap(self.place_index(), self.latin_place_index()))
        # townships named by overlapping place forms (龙凤山) or by the whole name (拉林): `town_notes`
        whole = brand_check.compact(name)
        towns = self.towns_named([*(w.text for w in brand_check.place_words(name, places) if w.overlap),
                                  *([whole] if has_cjk(whole) else [])])
        everything = self.gi_names()
        gis = brand_check.contained_gi_names(name, everything)
        # and those whose place part it holds (茅台 of 茅台酒): `decide` weighs them for the class
        gis += [g for g, _part in brand_check.gi_place_parts(name, everything) if g not in gis]
        if origin_code:
            township = self.township(origin_code)
            # whether each covers the origin, and whether only roughly (its area inferred: "may come from")
            found = {r.id: r for r in self._gi_records([g.id for g in gis], township.code)}
            gis = [GiName(g.id, g.name, g.kind, g.id in found and found[g.id].covers, g.latin, g.category,
                          origin_rough=g.id in found and found[g.id].covers and found[g.id].area_rough)
                   for g in gis]
        others = brand_check.other_goods_classes(nice_class)
        marks = self.earlier_marks(name, nice_class, others)
        with self._db.session() as s:
            in_class = s.scalar(select(func.count()).select_from(Trademark).where(Trademark.nice_class == nice_class))
        return BrandFacts(places=tuple(places), gis=tuple(gis), marks=tuple(marks),
                          data_as_of=self.data_as_of(("trademarks", "local_trademarks", "gi", "local_gi",
                                                      "divisions")), marks_in_class=in_class or 0,
                          towns=tuple(towns), other_classes=others)

    def towns_named(self, words: Sequence[str]) -> list[PlaceName]:
        """Townships called by one of `words` with their ending (龙凤山 → 五常市 龙凤山镇), as PlaceNames
        whose form is the word, each with the names of the places above it."""
        if not words:
            return []
        names = {w + ending: w for w in words for ending in _TOWN_ENDINGS}
        with self._db.engine.connect() as conn:
            marks = ", ".join("?" * len(names))
            rows = conn.exec_driver_sql(
                f"SELECT code, name, level FROM division WHERE level = ? AND name IN ({marks}) ORDER BY code",
                (LEVEL_TOWNSHIP, *names),
            ).fetchall()
            out = []
            for code, town, level in rows:
                above = division_ancestors(str(code))
                named: dict[str, str] = dict(conn.exec_driver_sql(
                    f"SELECT code, name FROM division WHERE code IN ({', '.join('?' * len(above))})", tuple(above),
                ).fetchall()) if above else {}
                path = " ".join(named[c] for c in above if c in named)
                out.append(PlaceName(names[town], str(code), str(town), int(level), path))
        return out

    def brand_check(self, data: Mapping[str, Any]) -> Outcome:
        """The brand check for a name, a class and its similar groups, whoever asks (the wizard, the CLI,
        a report): a group that is not one of the class's is refused here, never compared."""
        name = " ".join(str(data.get("name") or "").split())
        problems = brand_check.name_problems(name) + brand_check.class_problems(data.get("nice_class"))
        groups = tuple(dict.fromkeys(brand_check.group_code(g) for g in data.get("groups") or ()))
        if not problems and groups:
            klass = int(data["nice_class"])
            problems = brand_check.group_problems(klass, groups, [g.code for g in self.similar_groups(klass)])
        if problems:
            raise UserInputError(problems[0].zh, problems[0].en)
        origin = str(data.get("origin_code") or "") or None
        facts = self.brand_facts(name, int(data["nice_class"]), origin)
        draft = {**data, "groups": groups}
        if origin:
            draft["origin_label"] = self.township(origin).label
        return brand_check.decide(draft, facts)

    # --- patents ----------------------------------------------------------------------------------

    def ipc_titles(self, codes: Sequence[str]) -> dict[str, Text]:
        stored = {c: (normalize_ipc(c) or c.replace(" ", "")).upper() for c in codes}
        with self._db.session() as s:
            rows = s.execute(select(ClassNode.code, ClassNode.title_zh, ClassNode.title_en)
                             .where(ClassNode.scheme == "ipc", ClassNode.code.in_(list(stored.values())))).all()
        titles = {code: Text(zh, en) for code, zh, en in rows}
        # the IPC table holds classes and main groups; a subgroup the vocabulary searches (A01G 22/22, rice) has
        # its heading in the vocabulary
        return {c: titles.get(s) or rules.IPC_SUBGROUP_TITLES[c] for c, s in stored.items()
                if s in titles or c in rules.IPC_SUBGROUP_TITLES}

    def patent_facts(self, data: Mapping[str, Any], today: dt.date | None = None) -> PatentFacts:
        """Patents whose text has any of the crop's words (and all the extra words), within any of the
        technique's IPC codes, and those classified under one of the crop's own IPC groups (with the
        extra words) whatever their text: bounded index lookups, newest first, plus capped counts."""
        query = patent_finder.plan_query(data)
        wheres: list[dict[str, Any]] = [{"text_has_any": query.keywords, "text_has_all": query.extra,
                                         "code_prefixes": [ipc_prefix_key(c) for c in query.ipc]}]
        for code in query.own_ipc:  # an own group lies within the technique's codes (plan_query): no filter
            key = ipc_prefix_key(code)
            # the record's IPC symbols are among its keys (search_index.doc_for_patent), found by prefix
            wheres.append({"text_has_all": query.extra, "code_prefixes": [key]} if query.extra
                          else {"pinyin_starts": key.lower()})
        found = [self._search.lookup_refs("patent", limit=MAX_PATENTS, **w) for w in wheres]
        counts = [self._search.count_refs("patent", cap=PATENT_COUNT_CAP + 1, **w) for w in wheres]
        ids = list(dict.fromkeys(i for part in found for i in part))
        patents: list[PatentRecord] = []
        crop = patent_finder.crop_for(str(data.get("crop") or ""))
        own_keys = tuple(ipc_prefix_key(c) for c in query.own_ipc)
        dropped = 0  # found only through a compound that is not the crop (荞麦 for 麦): left out
        if ids:
            with self._db.session() as s:
                rows = list(s.scalars(select(Patent).where(Patent.id.in_(ids))))
            kept = [p for p in rows if any(c.startswith(own_keys) for c in p.ipc_codes.split()) or
                    patent_finder.names_the_crop(" ".join((p.title, p.abstract, p.applicants, p.inventors, p.address)),
                                                 query.keywords, crop)]
            dropped, rows = len(rows) - len(kept), kept
            kept_ids = {p.id for p in kept}
            ids = [i for i in ids if i in kept_ids]
            if len(wheres) > 1:  # the lookups' union in the index's order: newest first
                rows.sort(key=lambda p: make_doc_id("patent", p.pub_date or p.filing_date, p.id))
            else:
                order = {pid: n for n, pid in enumerate(ids)}
                rows.sort(key=lambda p: order[p.id])
            for p in rows[:MAX_PATENTS]:
                patents.append(patent_record(p))
        # The total: exact while every lookup held all its matches (their union is then all there is);
        # otherwise a lower bound, shown with a "+".
        complete = all(n == len(part) for n, part in zip(counts, found, strict=True))
        total = len(ids) if complete else max([len(ids), *(n - dropped for n in counts)])
        capped = (not complete and len(wheres) > 1) or max(counts) > PATENT_COUNT_CAP
        titles = self.ipc_titles([*query.ipc, *query.own_ipc])
        store_has_patents, store_patents = bool(ids), -1
        if not ids:
            with self._db.session() as s:
                store_patents = int(s.scalar(select(func.count()).select_from(Patent)) or 0)
            store_has_patents = store_patents > 0
        return PatentFacts(patents=tuple(patents), ipc_titles={format_ipc(normalize_ipc(c) or c): t
                                                               for c, t in titles.items()},
                           data_as_of=self.data_as_of(("patents", "local_patents", "classifications")), today=today,
                           total=total, total_capped=capped, store_has_patents=store_has_patents,
                           store_patents=store_patents)

    def patent_finder(self, data: Mapping[str, Any], today: dt.date | None = None) -> Outcome:
        if not str(data.get("crop") or "").strip():
            raise UserInputError("请输入作物或动物。", "Type a crop or an animal.")
        wordless = input_words.crop_problem(str(data.get("crop")))
        if wordless is not None:
            raise UserInputError(wordless.zh, wordless.en)
        technique = str(data.get("technique") or "")
        if technique and technique not in rules.TECHNIQUES_BY_ID:
            raise UserInputError(
                f"未知的技术类别：{technique}。可选：{rules.choices_text(rules.TECHNIQUE_NAMES, 'zh')}",
                f"Unknown technique: {technique}. Choose one of: {rules.choices_text(rules.TECHNIQUE_NAMES, 'en')}",
            )
        return patent_finder.decide(data, self.patent_facts(data, today))
