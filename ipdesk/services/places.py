"""Place lookups for the "By place" view and place details: the division tree, the GIs whose
protected area covers a place, the records located there, and its neighbours.

A GI's protected area is stored at county level at least (township where known), so a township is
covered by a GI listed for the township itself or for its county, prefecture or province; a county
also "has" the GIs listed for its townships.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, bindparam, text

from ipdesk.domain.codes import (
    LEVEL_COUNTY,
    LEVEL_TOWNSHIP,
    division_ancestors,
    division_prefix,
    expand_division_code,
)
from ipdesk.domain.gi_eligibility import area_precision
from ipdesk.domain.i18n import Text
from ipdesk.domain.text import has_cjk, pinyin_of

log = logging.getLogger("ipdesk.places")

_MAX_CHAR = "\U0010ffff"


@dataclass(frozen=True)
class PlaceRef:
    code: str
    name: str
    level: int


@dataclass(frozen=True)
class PlaceInfo:
    code: str
    name: str
    level: int
    former_names: tuple[str, ...]
    ancestors: tuple[PlaceRef, ...]  # province first
    children: tuple[PlaceRef, ...]

    @property
    def path(self) -> str:
        return " ".join([a.name for a in self.ancestors] + [self.name])


@dataclass(frozen=True)
class PlaceGi:
    gi_id: int
    kind: str
    name: str
    category: str
    via_code: str  # the area division through which the GI covers (or lies in) the place
    via_name: str
    relation: str  # 'covers' (listed for the place or an ancestor) | 'inside' (listed for a place below)
    # the data records the area only roughly (by whole county or city, 以公告为准 …: the record's note,
    # gi_eligibility.area_precision): "covers" then means "may cover" — the announcement decides
    area_rough: bool = False


# what a list of GIs covering a place says beside one whose area is recorded only roughly
ROUGH_AREA_MARK = Text("范围为粗略记录，请向县市场监管局核实", "area recorded only roughly: check with the county market-regulation office")


@dataclass(frozen=True)
class TownshipMatches:
    """What a typed township means (`PlaceService.read_townships`): every township it may be, in code
    order, and, when the text named a county-level place (五常市), that place: the townships are its own."""

    towns: list[PlaceInfo]
    county: PlaceRef | None = None


# typed between the parts of a place (五常市，龙凤山镇 / 五常市、龙凤山镇 / 五常市/龙凤山镇): read as a space
_PLACE_SEPARATORS = re.compile(r"[,，、/／;；|｜·]+")


def fold_typed_place(typed: str) -> str:
    """A typed place or code as the division table writes it: full-width digits, letters and spaces folded
    (NFKC: ２３０１８４ → 230184, an IME in full-width mode), separators read as spaces."""
    return " ".join(_PLACE_SEPARATORS.sub(" ", unicodedata.normalize("NFKC", typed or "")).split())


@dataclass(frozen=True)
class PlaceRecord:
    kind: str  # patent | trademark
    ref_id: int
    title: str
    subtitle: str
    why: str  # 'located' (owner/applicant address coded there) | 'named' (text names the place)


class PlaceService:
    """Read-only place queries; safe from any thread (one connection per call)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def children(self, code: str | None) -> list[PlaceRef]:
        """Provinces for None, else the divisions directly below `code`, in code order."""
        with self._engine.connect() as conn:
            if code is None:
                rows = conn.execute(text("SELECT code, name, level FROM division WHERE level = 1 ORDER BY code"))
            else:
                rows = conn.execute(
                    text("SELECT code, name, level FROM division WHERE parent_code = :c ORDER BY code"), {"c": code}
                )
            return [PlaceRef(str(r[0]), str(r[1]), int(r[2])) for r in rows]

    def place(self, code: str) -> PlaceInfo | None:
        with self._engine.connect() as conn:
            row = conn.execute(
                text("SELECT code, name, level, former_names FROM division WHERE code = :c"), {"c": code}
            ).first()
            if row is None:
                return None
            ancestors = division_ancestors(code)
            anc_rows: dict[str, PlaceRef] = {}
            if ancestors:
                query = text("SELECT code, name, level FROM division WHERE code IN :codes").bindparams(
                    bindparam("codes", expanding=True)
                )
                for r in conn.execute(query, {"codes": ancestors}):
                    anc_rows[str(r[0])] = PlaceRef(str(r[0]), str(r[1]), int(r[2]))
        return PlaceInfo(
            code=str(row[0]), name=str(row[1]), level=int(row[2]),
            former_names=tuple(n for n in str(row[3] or "").split("|") if n),
            ancestors=tuple(anc_rows[a] for a in ancestors if a in anc_rows),
            children=tuple(self.children(code)),
        )

    def gis_for(self, code: str) -> list[PlaceGi]:
        """GIs whose protected area covers `code` (through itself or an ancestor), then those listed
        for divisions inside it; GIs first by kind, then name."""
        ancestors = [*division_ancestors(code), code]
        prefix = division_prefix(code)
        params: dict[str, object] = {f"a{i}": a for i, a in enumerate(ancestors)}
        params.update(lo=prefix, hi=prefix + _MAX_CHAR, self_code=code)
        marks = ",".join(f":a{i}" for i in range(len(ancestors)))
        sql = text(
            "SELECT g.id, g.kind, g.name, g.category, a.division_code, d.name, "
            f"CASE WHEN a.division_code IN ({marks}) THEN 'covers' ELSE 'inside' END AS relation, g.note, g.area_text "
            "FROM gi_area a JOIN geo_indication g ON g.id = a.gi_id JOIN division d ON d.code = a.division_code "
            f"WHERE a.division_code IN ({marks}) OR (a.division_code >= :lo AND a.division_code < :hi) "
            "ORDER BY relation, g.kind, g.name"
        )
        rows: dict[int, Any] = {}
        with self._engine.connect() as conn:
            for r in conn.execute(sql, params):
                rows.setdefault(int(r[0]), r)
            codes: dict[int, list[str]] = {}
            for start in range(0, len(rows), 500):
                ids = list(rows)[start:start + 500]
                id_marks = ",".join(str(i) for i in ids)  # integers from the query above
                for gi_id, division in conn.execute(
                        text(f"SELECT gi_id, division_code FROM gi_area WHERE gi_id IN ({id_marks})")):
                    codes.setdefault(int(gi_id), []).append(str(division))
        out = []
        for gi_id, r in rows.items():
            rough = area_precision(str(r[7] or ""), codes.get(gi_id, ()), str(r[8] or "")).rough
            out.append(PlaceGi(gi_id, str(r[1]), str(r[2]), str(r[3]), str(r[4]), str(r[5]), str(r[6]), rough))
        return out

    def records_for(self, code: str, name: str = "", limit: int = 200) -> list[PlaceRecord]:
        """Trademarks and patents whose owner/applicant is coded in the place, then those whose
        text names it (by the place's name without its suffix, when that is 2+ characters) and that
        are not coded to another place."""
        prefix = division_prefix(code)
        out: dict[tuple[str, int], PlaceRecord] = {}
        with self._engine.connect() as conn:
            rows = conn.execute(
                text(
                    "SELECT kind, ref_id, title, subtitle FROM search_doc WHERE region >= :lo AND region < :hi "
                    "AND kind IN ('patent', 'trademark') ORDER BY doc_id LIMIT :n"
                ),
                {"lo": prefix, "hi": prefix + _MAX_CHAR, "n": limit},
            )
            for r in rows:
                out[(str(r[0]), int(r[1]))] = PlaceRecord(str(r[0]), int(r[1]), str(r[2]), str(r[3]), "located")
        stem = _place_stem(name)
        if stem and len(out) < limit:
            from ipdesk.services.search import SearchFilters, SearchService

            result = SearchService(self._engine).search(
                stem, SearchFilters(kinds=("trademark", "patent")), limit=limit - len(out)
            )
            for h in result.hits:
                if h.region and not h.region.startswith(prefix):
                    continue  # coded to another place that shares the name (杭州 五常街道 for 五常镇)
                out.setdefault((h.kind, h.ref_id), PlaceRecord(h.kind, h.ref_id, h.title, h.subtitle, "named"))
        return list(out.values())

    def neighbours(self, code: str) -> list[PlaceRef]:
        """Divisions with the same parent (for a township: the other townships of its county)."""
        with self._engine.connect() as conn:
            parent = conn.execute(text("SELECT parent_code FROM division WHERE code = :c"), {"c": code}).scalar()
        if parent is None:
            return []
        return [p for p in self.children(str(parent)) if p.code != code]

    def find_townships(self, query: str, limit: int = 30) -> list[PlaceRef]:
        """Divisions whose name starts with `query` (a quick lookup without the search index)."""
        q = query.strip()
        if not q:
            return []
        with self._engine.connect() as conn:
            rows = conn.execute(
                text("SELECT code, name, level FROM division WHERE name >= :lo AND name < :hi "
                     "ORDER BY level DESC, code LIMIT :n"),
                {"lo": q, "hi": q + _MAX_CHAR, "n": limit},
            )
            return [PlaceRef(str(r[0]), str(r[1]), int(r[2])) for r in rows]


    def match_townships(self, typed: str) -> list[PlaceInfo]:
        """The townships a typed name means (`read_townships`), in code order."""
        return self.read_townships(typed).towns

    def read_townships(self, typed: str) -> TownshipMatches:
        """The townships a typed text means, for people who do not know the 12-digit code — one reading
        for the command line and the window: 龙凤山镇, 龙凤山 (no suffix), 五常市 龙凤山镇, 五常市龙凤山镇 or
        五常市，龙凤山镇 (places above it narrow the choice), the code (9 or 12 digits, full-width too), a
        county-level place (五常市: all its townships, with the county said), or pinyin and English
        (longfengshan, Longfengshan Town) through the search index. Several townships share a name across
        China (城关镇): all of them are returned, in code order, and the caller asks which one."""
        folded = fold_typed_place(typed)
        words = folded.split()
        if not words:
            return TownshipMatches([])
        if len(words) == 1 and words[0].isdigit():
            full = expand_division_code(words[0])
            found = self.place(full) if full else None
            if found is None:
                return TownshipMatches([])
            if is_township(found.level):
                return TownshipMatches([found])
            return self._county_townships(found) if found.level == LEVEL_COUNTY else TownshipMatches([])
        towns = self._townships_by_name(words)
        if towns:
            return TownshipMatches(towns)
        county = self._county_named("".join(words))
        if county is not None:
            return self._county_townships(county)
        if has_cjk(folded):  # 龙凤 (still being typed): the townships whose name begins so
            return TownshipMatches(self._townships_by_name(words, prefix=True))
        return TownshipMatches(self._townships_by_search(folded))

    def _townships_by_name(self, words: list[str], *, prefix: bool = False) -> list[PlaceInfo]:
        splits = [(words[:-1], words[-1])]
        if prefix:
            splits = [(above, name) for above, name in splits if len(name) >= 2]
        elif len(words) == 1:  # 五常市龙凤山镇: try each place-name ending as the border between the two
            one = words[0]
            splits += [([one[:i]], one[i:]) for i in range(2, len(one) - 1) if one[:i].endswith(_UPPER_ENDINGS)]
        matches: dict[str, PlaceInfo] = {}
        for above, name in splits:
            for code in self._townships_named(name, prefix=prefix):
                info = self.place(code)
                if info is not None and all(_names_place(a, info.ancestors) for a in above):
                    matches.setdefault(code, info)
        return sorted(matches.values(), key=lambda p: p.code)

    def _county_named(self, name: str) -> PlaceInfo | None:
        """The one county-level place called `name` (五常市, or 五常 without its ending); None when there
        is none or several share it."""
        if len(name) < 2:
            return None
        with self._engine.connect() as conn:
            rows = conn.execute(
                text("SELECT code, name FROM division WHERE level = :lvl AND name >= :lo AND name < :hi"),
                {"lvl": LEVEL_COUNTY, "lo": name, "hi": name + _MAX_CHAR},
            )
            codes = [str(r[0]) for r in rows if str(r[1]) == name or _place_stem(str(r[1])) == name]
        return self.place(codes[0]) if len(codes) == 1 else None

    def _county_townships(self, county: PlaceInfo) -> TownshipMatches:
        towns = [info for child in county.children if is_township(child.level)
                 if (info := self.place(child.code)) is not None]
        return TownshipMatches(sorted(towns, key=lambda p: p.code), PlaceRef(county.code, county.name, county.level))

    def _townships_by_search(self, typed: str) -> list[PlaceInfo]:
        """Townships written in pinyin or English (longfengshan, Longfengshan Town): those the search index
        finds whose name's pinyin, with or without its ending, is the letters typed; none of those, the ones
        whose pinyin begins with them (typed in part). Initials and sound-alikes are not taken: a township
        is not guessed from 'abc'."""
        from ipdesk.services.search import SearchFilters, SearchService

        words = [w for w in typed.lower().split() if w not in _LATIN_ENDINGS]
        letters = re.sub(r"[^a-z]", "", "".join(words))
        if len(letters) < 3:
            return []
        result = SearchService(self._engine).search(typed, SearchFilters(kinds=("place",)), limit=200)
        exact: dict[str, PlaceInfo] = {}
        begins: dict[str, PlaceInfo] = {}
        for h in result.hits:
            if h.subkind != str(LEVEL_TOWNSHIP):
                continue
            sound = pinyin_of(h.title)
            if letters in (sound, pinyin_of(_place_stem(h.title))):
                target = exact
            elif sound.startswith(letters):
                target = begins
            else:
                continue
            if h.key not in target and (info := self.place(h.key)) is not None:
                target[h.key] = info
        return sorted((exact or begins).values(), key=lambda p: p.code)

    def _townships_named(self, name: str, *, prefix: bool = False) -> list[str]:
        """Codes of the townships called `name`, with or without its ending (镇, 乡, 街道 …); with `prefix`,
        of those whose name begins with it."""
        with self._engine.connect() as conn:
            rows = conn.execute(
                text("SELECT code, name FROM division WHERE level = :lvl AND name >= :lo AND name < :hi"),
                {"lvl": LEVEL_TOWNSHIP, "lo": name, "hi": name + _MAX_CHAR},
            )
            return [str(r[0]) for r in rows if prefix or str(r[1]) == name or _place_stem(str(r[1])) == name]


def _names_place(word: str, ancestors: tuple[PlaceRef, ...]) -> bool:
    """A word typed before a township's name names one of the places above it (五常市, 五常, 黑龙江)."""
    return any(word == a.name or word == _place_stem(a.name) or (len(word) >= 2 and a.name.startswith(word))
               for a in ancestors)


# English and pinyin words for a township's kind, typed after its name (Longfengshan Town, wuchang zhen)
_LATIN_ENDINGS = frozenset({"town", "township", "subdistrict", "street", "sub-district", "zhen", "xiang",
                            "jiedao", "sumu"})

_SUFFIXES = ("自治县", "自治州", "自治区", "街道", "地区", "林区", "苏木", "市", "县", "区", "镇", "乡", "旗", "盟", "省")


# The last character of a place above a township (五常市, 尚志县, 黑龙江省): where a name written in one
# piece (五常市龙凤山镇) may be split.
_UPPER_ENDINGS = ("省", "市", "县", "区", "旗", "盟", "州")


def _place_stem(name: str) -> str:
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name if len(name) >= 2 else ""


def is_township(level: int) -> bool:
    return level == LEVEL_TOWNSHIP
