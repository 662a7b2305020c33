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
from ipdesk.domain.text import has_cjk, pinyin_of, strip_tones, to_simplified, typed_text

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
    # No township is called so: these are near it (龙凤山乡 or 龙凤山街道 for 龙凤山镇, the homophone typo 龙风山,
    # a code whose township the words do not name). They are offered for the person to confirm, never taken
    # as the answer.
    suggested: bool = False


# typed between the parts of a place (五常市，龙凤山镇 / 五常市、龙凤山镇 / 五常市/龙凤山镇), or around its code as the
# program prints it (龙凤山镇（230184111000）): read as a space
_PLACE_SEPARATORS = re.compile(r"[,，、/／;；|｜·()\[\]【】<>《》]+")


def fold_typed_place(typed: str) -> str:
    """A typed place or code as the division table writes it: full-width digits, letters and spaces folded
    (NFKC: ２３０１８４ → 230184, an IME in full-width mode), separators read as spaces."""
    return " ".join(_PLACE_SEPARATORS.sub(" ", unicodedata.normalize("NFKC", typed_text(typed))).split())


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
        q = typed_text(query).strip()
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
        for the command line and the window: 龙凤山镇, 龙凤山 (no suffix), 五常市 龙凤山镇, 五常市龙凤山镇,
        哈尔滨市五常市龙凤山镇 or 五常市，龙凤山镇 (places above it narrow the choice), traditional characters
        (龍鳳山鎮), the code (9 or 12 digits, full-width too), the code beside the name (龙凤山镇 230184111000, or
        the label the program prints: 黑龙江省 哈尔滨市 五常市 龙凤山镇（230184111000）), a county-level place (五常市:
        all its townships, with the county said), or pinyin and English (longfengshan, lóngfèngshān,
        Longfengshan Town) through the search index. Several townships share a name across China (城关镇):
        all of them are returned, in code order, and the caller asks which one. When no township is called
        so, those near it (another ending: 龙凤山乡; a homophone or one wrong character: 龙风山) come back
        `suggested`, for the person to confirm."""
        folded = fold_typed_place(typed)
        words = folded.split()
        if not words:
            return TownshipMatches([])
        numbers = [w for w in words if w.isdigit()]
        if numbers:
            return self._read_code(numbers, [w for w in words if not w.isdigit()])
        found = self._read_words(words)
        if found.towns or not has_cjk(folded):
            return found
        # The division table is in simplified characters. Tried second: OpenCC reads some simplified names
        # as traditional ones (乾县 → 干县), so a name as typed goes first.
        simplified = to_simplified(folded)
        if simplified != folded:
            found = self._read_words(simplified.split())
            if found.towns:
                return found
        near = self._townships_near(simplified.split())
        return TownshipMatches(near, suggested=True) if near else found

    def _read_words(self, words: list[str]) -> TownshipMatches:
        """A township's name, with places above it, or a county, or pinyin (`read_townships`)."""
        towns = self._townships_by_name(words)
        if towns:
            return TownshipMatches(towns)
        county = self._county_named("".join(words))
        if county is not None:
            return self._county_townships(county)
        folded = " ".join(words)
        if has_cjk(folded):  # 龙凤 (still being typed): the townships whose name begins so
            return TownshipMatches(self._townships_by_name(words, prefix=True))
        return TownshipMatches(self._townships_by_search(strip_tones(folded)))

    def _read_code(self, numbers: list[str], names: list[str]) -> TownshipMatches:
        """A code typed alone (a township's, or a county's: its townships), or beside names (the label the
        program prints). A code the names do not agree with, or with names and no township, is only a
        suggestion beside what the names read as."""
        full = expand_division_code("".join(numbers))  # 230184 111000: a code typed in two parts is one code
        place = self.place(full) if full else None
        if not names:
            if place is None:
                return TownshipMatches([])
            if is_township(place.level):
                return TownshipMatches([place])
            return self._county_townships(place) if place.level == LEVEL_COUNTY else TownshipMatches([])
        if place is not None and place.level == LEVEL_COUNTY and all(
                _names_place(w, (*place.ancestors, PlaceRef(place.code, place.name, place.level))) for w in names):
            return self._county_townships(place)  # 五常市（230184000000）
        town = place if place is not None and is_township(place.level) else None
        if town is not None and all(_names_place(w, (*town.ancestors, PlaceRef(town.code, town.name, town.level)))
                                    for w in names):
            return TownshipMatches([town])
        read = self.read_townships(" ".join(names))
        found = {p.code: p for p in [*([town] if town else []), *read.towns]}
        return TownshipMatches(sorted(found.values(), key=lambda p: p.code), suggested=True)

    def _townships_near(self, words: list[str]) -> list[PlaceInfo]:
        """Townships near a name no township has (`read_townships`): the same name with another ending
        (龙凤山乡, 龙凤山街道 for 龙凤山镇: a 乡 renamed a 镇 is common), else those whose name sounds the same
        (龙风山: the input method's homophone), else, for a name of three characters or more, those one
        character apart (龙凤出); places typed above it narrow them as they do a name."""
        from ipdesk.services.search import SearchFilters, SearchService

        matches: dict[str, PlaceInfo] = {}
        for above, name in self._splits(words):
            stem = _place_stem(name) or name
            if not has_cjk(stem) or len(stem) < 2:
                continue
            codes = self._townships_named(stem) if stem != name else []
            if not codes:
                hits = SearchService(self._engine).search(stem, SearchFilters(kinds=("place",)), limit=200).hits
                towns = [(h.key, _place_stem(h.title) or h.title) for h in hits if h.subkind == str(LEVEL_TOWNSHIP)]
                sound = pinyin_of(stem)
                codes = [code for code, other in towns if sound and pinyin_of(other) == sound]
                if not codes and len(stem) >= 3:
                    codes = self._townships_one_character_apart(stem, name)
            for code in codes:
                info = self.place(code)
                if info is not None and all(_names_place(a, info.ancestors) for a in above):
                    matches.setdefault(code, info)
        return sorted(matches.values(), key=lambda p: p.code)

    @staticmethod
    def _splits(words: list[str]) -> list[tuple[list[str], str]]:
        """The ways to read typed words as the places above and the township's name: the last word is the
        name; one word (五常市龙凤山镇, 哈尔滨市五常市龙凤山镇) is also cut after each place-name ending."""
        splits = [(words[:-1], words[-1])]
        if len(words) == 1:
            one = words[0]
            splits += [([one[:i]], one[i:]) for i in range(2, len(one) - 1) if one[:i].endswith(_UPPER_ENDINGS)]
        return splits

    def _townships_by_name(self, words: list[str], *, prefix: bool = False) -> list[PlaceInfo]:
        splits = [(words[:-1], words[-1])]
        if prefix:
            splits = [(above, name) for above, name in splits if len(name) >= 2]
        else:
            splits = self._splits(words)
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

    def _townships_one_character_apart(self, stem: str, typed: str) -> list[str]:
        """Codes of the townships whose name without its ending is `stem` with one character changed
        (龙凤出 → 龙凤山镇), with the ending `typed` has if it has one (龙凤出镇: not 龙凤桥街道). Read from the
        division table itself (one LIKE per position: a scan of ~42,000 short names, a few ms, only when
        nothing else matched): the search's near spellings keep only names that share three characters
        with the query, which a three-character name never does."""
        ending = typed[len(stem):]
        patterns = [stem[:i] + "_" + stem[i + 1:] + "%" for i in range(len(stem))]
        with self._engine.connect() as conn:
            rows = conn.execute(
                text("SELECT code, name FROM division WHERE level = :lvl AND ("
                     + " OR ".join(f"name LIKE :p{i}" for i in range(len(patterns))) + ") ORDER BY code LIMIT 500"),
                {"lvl": LEVEL_TOWNSHIP, **{f"p{i}": pattern for i, pattern in enumerate(patterns)}},
            )
            out = []
            for code, name in rows:
                other = _place_stem(str(name))
                if (len(other) == len(stem) and sum(a != b for a, b in zip(other, stem, strict=True)) == 1
                        and str(name).endswith(ending)):
                    out.append(str(code))
            return out

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
    """A word typed before a township's name names one of the places above it (五常市, 五常, 黑龙江), or
    several of them written together, from the top down (哈尔滨市五常市, 黑龙江哈尔滨五常市)."""
    return (any(word == a.name or word == _place_stem(a.name) or (len(word) >= 2 and a.name.startswith(word))
                for a in ancestors)
            or _names_run(word, ancestors))


def _names_run(word: str, ancestors: tuple[PlaceRef, ...]) -> bool:
    if not word:
        return True
    return any(form and word.startswith(form) and _names_run(word[len(form):], ancestors[i + 1:])
               for i, a in enumerate(ancestors) for form in dict.fromkeys((a.name, _place_stem(a.name))))


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
