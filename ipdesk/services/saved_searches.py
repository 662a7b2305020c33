"""Saved searches (已保存的检索): a query and its filters kept under a name, to run again later.

They live in the local store (`models.SavedSearch`, the centre's own file that no update opens, backed
up and restored with the service record). A row holds the query, its filters as JSON (only the ones
set) and, for the window, the result tab and order. Rows written by another version are read
leniently: a key this version does not know is ignored; a value that no longer makes sense (a
region code no longer in the divisions, a status this version does not know) is dropped, and the
entry says so (`SavedSearchEntry.dropped`), so that the person knows the search is now wider.

Names are trimmed and compared without regard to width or case (五常大米 and 五常大米 are one name);
saving under a name already taken is refused unless `replace` is given (the window asks first, the
command line wants `--replace`). No Qt here: the window runs these calls on its database worker.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import unicodedata
from dataclasses import dataclass, field, fields
from typing import Any

from sqlalchemy import bindparam, func, select, text
from sqlalchemy.exc import DBAPIError

from ipdesk.domain.codes import division_ancestors, expand_division_code
from ipdesk.domain.i18n import GI_KIND_NAMES, KIND_NAMES, STATUS_NAMES, Text, pick
from ipdesk.domain.shown_text import quoted_name
from ipdesk.domain.text import is_blank, typed_text
from ipdesk.services.db import Database, is_disk_full
from ipdesk.services.errors import DataFolderError, UserInputError
from ipdesk.services.models import SavedSearch
from ipdesk.services.search import KINDS, SearchFilters, SearchService

log = logging.getLogger("ipdesk.saved_searches")

MAX_NAME_CHARS = 200  # models.SavedSearch.name is String(200)
SORTS = ("relevance", "date")  # the window's orders: by relevance, by date (newest first)
ORDERS = ("newest", "name")  # how a list is ordered
_FILTER_KEYS = tuple(f.name for f in fields(SearchFilters))


class SavedSearchNameTaken(UserInputError):
    """A saved search of this name exists already (and `replace` was not given)."""

    def __init__(self, name: str) -> None:
        super().__init__(
            f"已有名为“{quoted_name(name)}”的检索。请换一个名称，或确认替换原来的检索（命令行加 --replace）。",
            f"A saved search called \"{quoted_name(name)}\" exists already. Choose another name, or confirm replacing it "
            "(on the command line: --replace).",
        )
        self.name = name


class SavedSearchNotFound(UserInputError):
    def __init__(self, name: str) -> None:
        super().__init__(
            f"没有名为“{quoted_name(name)}”的已保存检索。用 ipdesk search --saved 查看已保存的检索。",
            f"There is no saved search called \"{quoted_name(name)}\". See them with: ipdesk search --saved",
        )
        self.name = name


@dataclass(frozen=True)
class SavedSearchEntry:
    id: int
    name: str
    query: str
    filters: SearchFilters
    sort: str  # one of SORTS
    created_at: dt.datetime
    # the region's names, province first ('浙江省 杭州市'); '' when there is no region filter
    region_name: str = ""
    # what of the stored row could not be used and was left out (the search is wider for it)
    dropped: tuple[Text, ...] = field(default=())


def clean_name(name: str) -> str:
    """The name as it is kept: trimmed, runs of white space (a pasted line break) made one space.
    An empty or too long name is refused (UserInputError, in both languages)."""
    cleaned = " ".join(typed_text(name).split())
    if is_blank(cleaned):
        raise UserInputError("请给这个检索起个名称。", "Give the saved search a name.")
    if len(cleaned) > MAX_NAME_CHARS:
        raise UserInputError(
            f"名称过长（{len(cleaned)} 个字，最多 {MAX_NAME_CHARS} 个）。请起个短一些的名称。",
            f"The name is too long ({len(cleaned)} characters, at most {MAX_NAME_CHARS}). Choose a shorter one.",
        )
    return cleaned


def name_key(name: str) -> str:
    """What two names are compared by: full- and half-width alike, case ignored, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def filters_json(filters: SearchFilters, sort: str = "relevance") -> str:
    """The filters that are set (and a sort other than relevance) as JSON; '{}' for none."""
    out: dict[str, Any] = {}
    for key in _FILTER_KEYS:
        value = getattr(filters, key)
        if value in ("", None, ()):
            continue
        if key == "region":
            value = expand_division_code(value) or value  # '33' (the command line's) and the window's alike
        out[key] = list(value) if isinstance(value, tuple) else value
    if sort != "relevance" and sort in SORTS:
        out["sort"] = sort
    return json.dumps(out, ensure_ascii=False, sort_keys=True)


def read_filters(raw: str) -> tuple[SearchFilters, str, list[Text]]:
    """The filters, sort and what was dropped of a stored `filters_json`, leniently (see the module).
    The region is checked for its form only: whether it still exists is the service's to ask."""
    dropped: list[Text] = []
    try:
        data = json.loads(raw or "{}")
    except ValueError:
        data = None
    if not isinstance(data, dict):
        log.warning("saved search: filters not readable: %r", (raw or "")[:200])
        return SearchFilters(), "relevance", [Text("保存的筛选条件无法读取，已不用", "the saved filters could not be read and are not used")]
    values: dict[str, Any] = {}
    kinds = data.get("kinds")
    if kinds:
        listed = [kinds] if isinstance(kinds, str) else kinds if isinstance(kinds, list) else []
        known = tuple(k for k in listed if isinstance(k, str) and k in KINDS)
        if len(known) != len(listed):
            dropped.append(Text("记录类型中有本版本不认识的，已去掉", "a record kind this version does not know was left out"))
        if known:
            values["kinds"] = known
    region = data.get("region")
    if region:
        full = expand_division_code(str(region))
        if full is None:
            dropped.append(Text(f"地区代码 {region} 无效，已去掉这个条件", f"the region code {region} is not valid and was left out"))
        else:
            values["region"] = full
    gi_kind = data.get("gi_kind")
    if gi_kind:
        if gi_kind in GI_KIND_NAMES:
            values["gi_kind"] = gi_kind
        else:
            dropped.append(Text(f"地理标志类型 {gi_kind} 本版本不认识，已去掉", f"the GI kind {gi_kind} is not known to this version and was left out"))
    nice = data.get("nice_class")
    if nice not in (None, ""):
        if isinstance(nice, int) and not isinstance(nice, bool) and 1 <= nice <= 45:
            values["nice_class"] = nice
        else:
            dropped.append(Text(f"尼斯类别 {nice} 无效，已去掉", f"the Nice class {nice} is not valid and was left out"))
    group = data.get("similar_group")
    if group:
        if isinstance(group, str) and len(group) == 4 and group.isdigit():
            values["similar_group"] = group
        else:
            dropped.append(Text(f"类似群 {group} 无效，已去掉", f"the similar group {group} is not valid and was left out"))
    ipc = data.get("ipc_prefix")
    if ipc:
        if isinstance(ipc, str):
            values["ipc_prefix"] = ipc.strip()
        else:
            dropped.append(Text("IPC 条件无效，已去掉", "the IPC filter is not valid and was left out"))
    for key, zh, en in (("year_from", "起始年份", "the first year"), ("year_to", "截止年份", "the last year")):
        year = data.get(key)
        if year in (None, ""):
            continue
        if isinstance(year, int) and not isinstance(year, bool) and 1000 <= year <= 9999:
            values[key] = year
        else:
            dropped.append(Text(f"{zh} {year} 无效，已去掉", f"{en} ({year}) is not valid and was left out"))
    status = data.get("status")
    if status:
        if isinstance(status, str) and status in STATUS_NAMES:
            values["status"] = status
        else:
            dropped.append(Text(f"法律状态 {status} 本版本不认识，已去掉", f"the legal status {status} is not known to this version and was left out"))
    unknown = sorted(set(data) - set(_FILTER_KEYS) - {"sort"})
    if unknown:  # written by another version: ignored (it narrowed nothing this version can do)
        log.info("saved search: unknown filter keys ignored: %s", ", ".join(map(str, unknown)))
    sort = data.get("sort")
    return SearchFilters(**values), sort if sort in SORTS else "relevance", dropped


class SavedSearchService:
    """Saves, lists, renames, deletes and runs saved searches. Safe from any thread (one session a call)."""

    def __init__(self, registry: Database, search: SearchService) -> None:
        self._registry = registry  # for the region names (and whether a region still exists)
        self._local = registry.local_store
        self._search = search

    # --- reading --------------------------------------------------------------------------------

    def entries(self, order: str = "newest") -> list[SavedSearchEntry]:
        """Every saved search: newest first, or by name (`order` "name")."""
        with self._local.session() as s:
            rows = list(s.scalars(select(SavedSearch)))
        entries = self._read(rows)
        if order == "name":
            entries.sort(key=lambda e: (name_key(e.name), -e.id))
        else:
            entries.sort(key=lambda e: (e.created_at, e.id), reverse=True)
        return entries

    def count(self) -> int:
        with self._local.session() as s:
            return int(s.scalar(select(func.count()).select_from(SavedSearch)) or 0)

    def find(self, name: str) -> SavedSearchEntry | None:
        """The saved search of this name (compared as `name_key`; the newest if an old store has two)."""
        key = name_key(" ".join(typed_text(name).split()))
        with self._local.session() as s:
            rows = [r for r in s.scalars(select(SavedSearch)) if name_key(r.name) == key]
        if not rows:
            return None
        newest = max(rows, key=lambda r: (r.created_at, r.id))
        return self._read([newest])[0]

    def get(self, entry_id: int) -> SavedSearchEntry | None:
        with self._local.session() as s:
            row = s.get(SavedSearch, entry_id)
        return self._read([row])[0] if row is not None else None

    def run(self, name: str) -> SavedSearchEntry:
        """The saved search to run: its query and usable filters (the caller searches with them)."""
        found = self.find(name)
        if found is None:
            raise SavedSearchNotFound(" ".join(typed_text(name).split()))
        return found

    # --- writing --------------------------------------------------------------------------------

    def save(self, name: str, query: str, filters: SearchFilters | None = None, *, sort: str = "relevance",
             replace: bool = False) -> SavedSearchEntry:
        """Keep `query` and `filters` under `name`. A name already taken is refused
        (SavedSearchNameTaken) unless `replace`: then the old one is replaced and this one is the newest."""
        name = clean_name(name)
        query = self._search.validate(query)  # what would be searched: not empty, not too long
        filters = filters or SearchFilters()
        if filters.region and not self._region_names({expand_division_code(filters.region) or filters.region}):
            raise UserInputError(f"地区代码 {filters.region} 不是已知的行政区划，检索没有保存。",
                                 f"The region code {filters.region} is not a known division; the search was not saved.")
        stored = filters_json(filters, sort)
        key = name_key(name)
        now = dt.datetime.now().replace(microsecond=0)
        try:
            with self._local.session() as s:
                taken = [r for r in s.scalars(select(SavedSearch)) if name_key(r.name) == key]
                if taken and not replace:
                    raise SavedSearchNameTaken(taken[0].name)
                for old in taken:
                    s.delete(old)
                row = SavedSearch(name=name, query=query, filters_json=stored, created_at=now)
                s.add(row)
                s.flush()
                entry_id = row.id
        except DBAPIError as exc:
            raise self._write_error(exc) from exc
        log.info("saved search %d %s", entry_id, "replaced" if replace else "saved")
        saved = self.get(entry_id)
        assert saved is not None
        return saved

    def rename(self, entry_id: int, new_name: str, *, replace: bool = False) -> SavedSearchEntry:
        """Give a saved search another name. A name another saved search has is refused unless
        `replace` (that one is then deleted). The time it was saved stays."""
        new_name = clean_name(new_name)
        key = name_key(new_name)
        try:
            with self._local.session() as s:
                row = s.get(SavedSearch, entry_id)
                if row is None:
                    raise SavedSearchNotFound(new_name)
                others = [r for r in s.scalars(select(SavedSearch).where(SavedSearch.id != entry_id))
                          if name_key(r.name) == key]
                if others and not replace:
                    raise SavedSearchNameTaken(others[0].name)
                for other in others:
                    s.delete(other)
                row.name = new_name
        except DBAPIError as exc:
            raise self._write_error(exc) from exc
        renamed = self.get(entry_id)
        assert renamed is not None
        return renamed

    def delete(self, entry_id: int) -> bool:
        """Delete one saved search; False when it was not there (deleted meanwhile)."""
        try:
            with self._local.session() as s:
                row = s.get(SavedSearch, entry_id)
                if row is None:
                    return False
                s.delete(row)
        except DBAPIError as exc:
            raise self._write_error(exc) from exc
        return True

    def delete_named(self, name: str) -> SavedSearchEntry:
        """Delete the saved search of this name (the command line's way); SavedSearchNotFound if none."""
        found = self.run(name)
        self.delete(found.id)
        return found

    def rename_named(self, name: str, new_name: str, *, replace: bool = False) -> SavedSearchEntry:
        found = self.run(name)
        return self.rename(found.id, new_name, replace=replace)

    # --- helpers --------------------------------------------------------------------------------

    def _read(self, rows: list[SavedSearch]) -> list[SavedSearchEntry]:
        read = [(row, *read_filters(row.filters_json)) for row in rows]
        codes = {f.region for _, f, _, _ in read if f.region}
        names = self._region_names(codes)
        entries = []
        for row, filters, sort, dropped in read:
            region_name = ""
            if filters.region:
                region_name = names.get(filters.region, "")
                if not region_name:  # no longer a division (an update of the divisions dropped it)
                    dropped.append(Text(f"地区 {filters.region} 已不在行政区划中，已去掉这个条件",
                                            f"the region {filters.region} is no longer a division and was left out"))
                    filters = SearchFilters(**{**vars(filters), "region": ""})
            entries.append(SavedSearchEntry(id=row.id, name=row.name, query=row.query, filters=filters, sort=sort,
                                            created_at=row.created_at, region_name=region_name, dropped=tuple(dropped)))
        return entries

    def _region_names(self, codes: set[str]) -> dict[str, str]:
        """Each code's name with its ancestors', province first ('黑龙江省 哈尔滨市 五常市'); a code
        that is not a division is left out."""
        if not codes:
            return {}
        wanted = sorted({c for code in codes for c in (*division_ancestors(code), code)})
        query = text("SELECT code, name FROM division WHERE code IN :codes").bindparams(
            bindparam("codes", expanding=True))
        with self._registry.engine.connect() as conn:
            found = {str(code): str(name) for code, name in conn.execute(query, {"codes": wanted})}
        return {code: " ".join(found[c] for c in (*division_ancestors(code), code) if c in found)
                for code in codes if code in found}

    def _write_error(self, exc: DBAPIError) -> Exception:
        """A write that failed: a read-only file or a full disk said plainly; anything else as it is."""
        words = str(exc.orig or exc).lower()
        path = self._local.path or self._local.data_dir
        if "readonly" in words or "read-only" in words:
            return DataFolderError(f"本机记录文件是只读的：{path}。请检查权限。已保存的检索没有改动。",
                                   f"The local records file is read-only: {path}. Check its permissions. "
                                   "The saved searches were not changed.", detail=str(exc))
        if is_disk_full(exc):
            return DataFolderError(f"数据文件夹所在磁盘已满或无法写入：{path}。已保存的检索没有改动。请释放一些空间后重试。",
                                   f"The disk holding the data folder is full or cannot be written: {path}. "
                                   "The saved searches were not changed. Free some space and try again.",
                                   detail=str(exc))
        return exc


def conditions_text(entry: SavedSearchEntry, lang: str) -> str:
    """A saved search's filters (and order) in words, for the command line's list: '地区：浙江省；
    第 30 类；按日期排序' / 'region: 浙江省; class 30; by date'; '' for none."""
    f = entry.filters
    parts: list[str] = []
    if f.kinds:
        names = pick(lang, "、", ", ").join((KIND_NAMES.get(k) or Text(k, k))(lang) for k in f.kinds)
        parts.append(pick(lang, f"类型：{names}", f"kinds: {names}"))
    if f.region:
        place = entry.region_name or f.region
        parts.append(pick(lang, f"地区：{place}", f"region: {place}"))
    if f.gi_kind:
        parts.append((GI_KIND_NAMES.get(f.gi_kind) or Text(f.gi_kind, f.gi_kind))(lang))
    if f.nice_class is not None:
        parts.append(pick(lang, f"第 {f.nice_class} 类", f"class {f.nice_class}"))
    if f.similar_group:
        parts.append(pick(lang, f"类似群 {f.similar_group}", f"similar group {f.similar_group}"))
    if f.ipc_prefix:
        parts.append(f"IPC {f.ipc_prefix}")
    if f.year_from is not None or f.year_to is not None:
        span = f"{f.year_from or ''}–{f.year_to or ''}"
        parts.append(pick(lang, f"年份 {span}", f"years {span}"))
    if f.status:
        parts.append(pick(lang, f"状态：{STATUS_NAMES[f.status].zh}", f"status: {STATUS_NAMES[f.status].en}"))
    if entry.sort == "date":
        parts.append(pick(lang, "按日期排序", "by date"))
    return pick(lang, "；", "; ").join(parts)
