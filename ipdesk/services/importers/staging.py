"""Staging, preview and the all-or-nothing merge.

1. `Importer.stage(paths)` reads every file (any hostile or unreadable one stops everything with
   ImportFileError, exit 2), validates each row, and writes the valid ones into a private staging
   SQLite file — never into the store — so memory stays flat however big the file is. Duplicates
   within the import are caught by the staging table's primary key; each valid row is then
   compared with the store and classed new / changed / unchanged.
2. The person reads the `ImportPreview`: counts per kind and status, the row-level errors
   (row, column, value, why) and notices (encoding used, 1904 dates, ignored columns).
3. `Importer.commit(preview)` merges in ONE transaction on the store — records, search index and
   dataset rows together — and only when no row was rejected. A killed process or an error rolls
   everything back (SQLite's journal), so the store is either as before or fully updated.
   Unchanged rows are not written, so re-importing the same file changes nothing — except that an
   import marked local makes the rows it names local (to keep them through data updates), and a
   plain import never makes a local row non-local again.

Records carry their provenance: `source` is the file name and the import time, `as_of` the date
the data is true as of (from the document, the row, or the import). The dataset row is described
from the records it then holds: an import never moves its as-of date back nor relabels records of
another origin (the built-in GI list keeps its source and origin, the imported files are named after
it). Imports marked local go to
the datasets `local_patents`, `local_trademarks`, `local_gi` (origin "local"), which sync never
replaces; other imports go to `patents`, `trademarks`, `gi` (origin "import").
"""

from __future__ import annotations

import datetime as dt
import errno
import functools
import json
import logging
import os
import re
import shutil
import sqlite3
import tempfile
import time
import weakref
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, bindparam, delete, func, insert, select, update
from sqlalchemy.exc import DBAPIError

from ipdesk.domain.amounts import plural
from ipdesk.domain.report import NOT_IN_XML
from ipdesk.domain.shown_text import bytes_as_written, code_of, quoted_name
from ipdesk.domain.text import typed_text
from ipdesk.services.bulk_sql import column_defaults, insert_rows
from ipdesk.services.db import Database, bulk_registry_write, is_disk_full
from ipdesk.services.errors import DataFolderError, IpdeskError, UserInputError, os_error_code
from ipdesk.services.importers import cnipa_xml, st96
from ipdesk.services.importers.regions import RegionResolver
from ipdesk.services.importers.rows import Notice, RawRow, RowError
from ipdesk.services.importers.safety import (
    DEFAULT_LIMITS,
    ZIP_ERRORS,
    ImportFileError,
    Limits,
    check_size,
    check_zip,
    parse_xml,
    read_capped,
    zip_error,
)
from ipdesk.services.importers.tabular import TEXT_SUFFIXES, XLSX_SUFFIXES, read_csv, read_xlsx
from ipdesk.services.importers.templates import TEMPLATES
from ipdesk.services.importers.validate import CheckDigitSlip, StatusDoubt, Validator
from ipdesk.services.models import Dataset, Division, GeoIndication, GiArea, Patent, Trademark, dataset_time
from ipdesk.services.outfiles import cannot_write, check_replaceable, replacing, require_suffix
from ipdesk.services.reports.files import save_through_memory
from ipdesk.services.search_index import BulkIndexWriter

log = logging.getLogger("ipdesk.import")

STATUSES = ("new", "changed", "unchanged", "rejected")
KINDS = ("patent", "trademark", "gi")
_MODEL: dict[str, type[Patent] | type[Trademark] | type[GeoIndication]] = {
    "patent": Patent, "trademark": Trademark, "gi": GeoIndication,
}
_DATASET = {"patent": "patents", "trademark": "trademarks", "gi": "gi"}
_DATE_FIELDS = {"filing_date", "pub_date", "grant_date", "expiry_date", "reg_date"}
_BATCH = 500

ProgressFn = Callable[[str, int, int], None]  # stage, done, total (total 0 when unknown)
CancelledFn = Callable[[], bool]


class ImportCancelled(IpdeskError):
    exit_code = 130

    def __init__(self) -> None:
        super().__init__("导入已取消，数据库未改变。", "The import was cancelled; the database is unchanged.")


class ImportRejected(IpdeskError):
    """Commit was asked for although some rows were rejected: nothing is merged (exit 1)."""

    exit_code = 1


def _import_note(files: Sequence[str], first: str, last: str) -> tuple[str, str]:
    """'a.csv、b.csv（2026-11-26 10:00 导入）' and its English, naming at most five files; a range of
    times when the files were imported at different times."""
    shown = list(files[:5])
    zh = "、".join(shown) + (f" 等 {len(files)} 个文件" if len(files) > 5 else "")
    en = ", ".join(shown) + (f" and {len(files) - 5} more files" if len(files) > 5 else "")
    when_zh = last if first in ("", last) else f"{first} 至 {last}"
    when_en = last if first in ("", last) else f"{first} to {last}"
    return f"{zh}（{when_zh} 导入）", f"{en} (imported {when_en})"


def import_source(files: Sequence[str], stamp: str, first: str = "") -> str:
    """An imported dataset's source, as 'Chinese / English' like every dataset source (the Data
    page and reports show the half in their language: domain.report.bilingual_part)."""
    zh, en = _import_note(files, first, stamp)
    return f"{zh} / {en}"


def record_source(file: str, stamp: str) -> str:
    """An imported record's source: its file and the import's time."""
    return f"{file}（导入 / imported {stamp}）"


_RECORD_SOURCE = re.compile(r"(?P<file>.+)（导入 / imported (?P<stamp>\d{4}-\d{2}-\d{2} \d{2}:\d{2})）", re.S)
# A dataset that holds records of another origin (the built-in data, an update) names that origin
# first and the imports after it: '<official source>；另含 a.csv（… 导入） / <official>; plus a.csv (imported …)'
_PLUS_ZH, _PLUS_EN = "；另含 ", "; plus "
_OTHER_SOURCES = ("其他来源（见各条记录）", "other sources (each record names its own)")


def _base_source(source: str, origin: str) -> tuple[str, str]:
    """The (Chinese, English) source of a dataset's records that are not imported, without the note
    of imports added to it."""
    from ipdesk.domain.report import bilingual_part

    i = source.find(_PLUS_ZH)
    j = source.find(" / ", i) if i >= 0 else -1
    k = source.rfind(_PLUS_EN)
    if 0 <= i < j < k:
        return source[:i], source[j + 3:k]
    if origin in ("import", "local"):  # the whole source describes imports (as imports wrote it before)
        return _OTHER_SOURCES
    return bilingual_part(source, "zh_CN"), bilingual_part(source, "en")


def _rows_listed(items: Sequence[tuple[int, str, str, str]], count: int, unit_zh: str) -> tuple[str, str, str, str]:
    """The first rows of a file's warning, (row, where in the file, Chinese, English) each, in both languages,
    and "等（共 n 件）" / "; n in all" when there are more."""
    zh = "；".join(f"第 {row} 行{'（' + where + '）' if where else ''} {text_zh}" for row, where, text_zh, _ in items)
    en = "; ".join(f"row {row}{' (' + where + ')' if where else ''} {text_en}" for row, where, _, text_en in items)
    more = count > len(items)
    return zh, en, f"等（共 {count} {unit_zh}）" if more else "", f"; {count} in all" if more else ""


def status_doubt_notice(file: str, count: int, first: Sequence[StatusDoubt]) -> Notice:
    """One warning for a file's patent rows whose status contradicts their dates: imported as they
    are (the data may be right and the status merely out of date), marked 状态存疑 in the finder."""
    zh_rows, en_rows, more_zh, more_en = _rows_listed(
        [(d.row, d.where, f"{d.pub_no}：{d.why.zh}", f"{d.pub_no}: {d.why.en}") for d in first], count, "件")
    return Notice(
        file,
        f"{quoted_name(file)}：{count} 件专利的法律状态与日期矛盾，已照常导入，专利查找中会标为“状态存疑”，"
        f"请核对原始数据，以国家知识产权局登记为准。{zh_rows}{more_zh}。",
        f"{quoted_name(file)}: {count} patent{'' if count == 1 else 's'} whose legal status contradicts the dates "
        f"{'was' if count == 1 else 'were'} imported as they are and will show as 'status in doubt' in the patent "
        f"finder; check the source data (CNIPA's register decides). {en_rows}{more_en}.",
    )


def check_digit_notice(file: str, count: int, first: Sequence[CheckDigitSlip]) -> Notice:
    """One warning for a file's application numbers whose check digit is wrong: imported as written (a
    typo in one digit leaves the rest of the row of use), each named with the digit it should have."""
    zh_rows, en_rows, more_zh, more_en = _rows_listed(
        [(s.row, s.where, f"{s.app_no}：校验位应为 {s.expected}", f"{s.app_no}: the check digit should be {s.expected}")
         for s in first], count, "个")
    return Notice(
        file,
        f"{quoted_name(file)}：{count} 个申请号的校验位（点号后的一位）与前面的数字不符，可能是录入错误；已照常导入，"
        f"请对照原始数据或国家知识产权局登记改正。{zh_rows}{more_zh}。",
        f"{quoted_name(file)}: the check digit (after the dot) of {plural(count, 'application number', 'application numbers')} "
        f"does not match the digits before it, perhaps a typo; {'it was' if count == 1 else 'they were'} imported as "
        f"written: correct {'it' if count == 1 else 'them'} from the source or CNIPA's register. {en_rows}{more_en}.",
    )


def _status_listing(statuses: dict[str, list[int]]) -> tuple[int, str, str]:
    """How many rows, and the statuses with their rows (the first few), in both languages."""
    count = sum(len(rows) for rows in statuses.values())

    def rows_zh(rows: list[int]) -> str:
        return "、".join(str(r) for r in rows[:5]) + ("等" if len(rows) > 5 else "")

    def rows_en(rows: list[int]) -> str:
        return ", ".join(str(r) for r in rows[:5]) + (" …" if len(rows) > 5 else "")

    listed = list(statuses.items())[:5]
    zh = "；".join(f"“{value}”（第 {rows_zh(rows)} 行）" for value, rows in listed)
    en = "; ".join(f"'{value}' (row{'' if len(rows) == 1 else 's'} {rows_en(rows)})" for value, rows in listed)
    if len(statuses) > 5:
        zh += f"等 {len(statuses)} 种写法"
        en += f"; {len(statuses)} different values in all"
    return count, zh, en


def unknown_tm_status_notice(file: str, statuses: dict[str, list[int]]) -> Notice:
    """One warning for a file's trademark rows whose status the import does not know: imported with the
    words as written; the brand check counts such a mark as still in force."""
    count, zh, en = _status_listing(statuses)
    return Notice(
        file,
        f"{quoted_name(file)}：{count} 件商标的状态无法识别：{zh}。已照常导入，商标核查按仍然有效的商标对待。"
        "请改用 注册、申请中、无效宣告中、期满未续展、已注销、已撤销、已宣告无效 等写法。",
        f"{quoted_name(file)}: the status of {count} trademark{'' if count == 1 else 's'} is not one the import knows: {en}. "
        f"{'It was' if count == 1 else 'They were'} imported as written, and the brand check treats "
        f"{'it' if count == 1 else 'them'} as still in force. Use registered, pending, invalidation pending, "
        "expired, cancelled, revoked or invalidated (注册、申请中、无效宣告中、期满未续展、已注销、已撤销、已宣告无效).",
    )


def unknown_status_notice(file: str, statuses: dict[str, list[int]]) -> Notice:
    """One warning for a file's patent rows whose legal status the import does not know: imported with
    the words as written, shown as 状态不明 (status unknown) by the patent finder."""
    count, zh, en = _status_listing(statuses)
    return Notice(
        file,
        f"{quoted_name(file)}：{count} 件专利的法律状态无法识别：{zh}。已照常导入，但专利查找中会显示为“状态不明”。"
        "请改用 审中、有效、届满、失效（终止、驳回、撤回、视为放弃等也能识别）。",
        f"{quoted_name(file)}: the legal status of {count} patent{'' if count == 1 else 's'} is not one the import knows: {en}. "
        f"{'It was' if count == 1 else 'They were'} imported as written but will show as 'status unknown' in the "
        "patent finder. Use pending, in force, expired or lapsed (审中、有效、届满、失效; 终止, 驳回, 撤回, 视为放弃 "
        "and the like are understood too).",
    )


_FOREIGN_KIND = {"trademark": ("商标", "trademark", "trademarks"), "gi": ("地理标志", "GI", "GIs")}


def _foreign_words(preview: ImportPreview) -> tuple[str, str]:
    """'文件中的 1 条商标都来自美国（US）的主管机关' / 'the file's 1 trademark comes from the office of …'."""
    kinds: dict[str, int] = {}
    offices: dict[str, None] = {}
    for (kind, office), n in preview.foreign.items():
        kinds[kind] = kinds.get(kind, 0) + n
        offices[office] = None
    places = [st96.office_name(o) for o in offices]
    zh_what = "、".join(f"{n} 条{_FOREIGN_KIND[k][0]}" for k, n in kinds.items())
    en_what = " and ".join(f"{n} {_FOREIGN_KIND[k][1] if n == 1 else _FOREIGN_KIND[k][2]}" for k, n in kinds.items())
    total = preview.foreign_total
    en_places = (f"the office of {places[0].en}" if len(places) == 1 else
                 f"the offices of {', '.join(p.en for p in places[:-1])} and {places[-1].en}")
    return (f"{zh_what}来自{'、'.join(p.zh for p in places)}的主管机关",
            f"{en_what} {'comes' if total == 1 else 'come'} from {en_places}")


def _foreign_notice(preview: ImportPreview) -> Notice:
    zh, en = _foreign_words(preview)
    return Notice(
        "、".join(preview.files),
        f"{zh}，不是中国国家知识产权局的，不导入（见错误清单）：商标权和地理标志都有地域性，其他国家或地区的注册或申请"
        "在中国不受保护，也不妨碍在中国申请。其余记录照常处理。",
        f"{en}, not from CNIPA (China), and {'is' if preview.foreign_total == 1 else 'are'} not imported "
        "(see the error list): trademarks and GIs are territorial, so a registration or application elsewhere is "
        "not protected in China and does not bar an application there. The other records are handled as usual.",
    )


def display_name(path: Path) -> str:
    """A file's or folder's name as messages show it ('.' or 'xml/' named by the folder itself)."""
    return path.name or path.resolve().name or str(path)


def _is_local(row: dict[str, Any]) -> bool:
    return str(row.get("dataset") or "").startswith("local")


def _claims_local(row: dict[str, Any], local: bool) -> bool:
    """An import marked local makes the rows it names local, unchanged ones too: re-importing a file
    as local is how staff keep records a data update would otherwise replace (`ipdesk sync --check`
    warns about those)."""
    return local and not _is_local(row)


def dataset_name(kind: str, local: bool) -> str:
    return f"local_{_DATASET[kind]}" if local else _DATASET[kind]


def record_key(kind: str, record: dict[str, object]) -> str:
    if kind == "patent":
        return str(record["pub_no"])
    if kind == "trademark":
        return f"{record['reg_no']}|{record['nice_class']}"
    return f"{record['kind']}|{record['name']}"


def _jsonable(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value


def _stored(value: object) -> object:
    """A store value in the form staging compares with (dates as ISO text, NULL text as '')."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@dataclass
class ImportPreview:
    """What an import would do. Holds the staging file until committed or discarded."""

    files: list[str]
    staging_path: Path
    local: bool
    as_of: dt.date
    started: dt.datetime
    counts: dict[str, dict[str, int]] = field(default_factory=lambda: {k: dict.fromkeys(STATUSES, 0) for k in KINDS})
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    notices: list[Notice] = field(default_factory=list)
    committed: bool = False
    elapsed_s: float = 0.0
    rejected_files: int = 0  # documents in a folder or ZIP that could not be read (no row to count)
    # records of another office than CNIPA's, not imported (listed in `errors`, not rejected: the rest
    # of the import goes ahead): (kind, office code) → how many
    foreign: dict[tuple[str, str], int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # A preview dropped without commit or discard (a window closed on it, a publish stopped by a
        # rejected row, the process ending) still removes its staging folder.
        self._remove_folder = weakref.finalize(self, shutil.rmtree, self.staging_path.parent, True)

    def total(self, status: str) -> int:
        """Records of every kind with this status; 'rejected' counts unreadable documents too."""
        n = sum(c[status] for c in self.counts.values())
        return n + self.rejected_files if status == "rejected" else n

    @property
    def rows(self) -> int:
        return sum(self.total(s) for s in STATUSES)

    def datasets(self) -> list[str]:
        """The datasets this import's rows go to (patents, trademarks, gi)."""
        return [_DATASET[kind] for kind in KINDS if any(self.counts.get(kind, {}).values())]

    @property
    def foreign_total(self) -> int:
        """Records of another office than CNIPA's, left out of the import."""
        return sum(self.foreign.values())

    @property
    def can_commit(self) -> bool:
        return not self.committed and self.total("rejected") == 0 and self.rows > 0

    def changes(self, status: str | None = None, limit: int = 500, offset: int = 0) -> list[dict[str, object]]:
        """Staged rows for the preview table: kind, status, key, title, file, row."""
        if not self.staging_path.exists():
            return []
        con = sqlite3.connect(self.staging_path)
        try:
            where = "WHERE status = ?" if status else ""
            params: tuple[object, ...] = (status,) if status else ()
            rows = con.execute(
                f"SELECT kind, status, key, payload, file, row, where_ FROM staged {where} "
                "ORDER BY rowid LIMIT ? OFFSET ?", (*params, limit, offset)
            ).fetchall()
        finally:
            con.close()
        out = []
        for kind, st, key, payload, file, row, where in rows:
            rec = json.loads(payload)
            title = rec.get("title") or rec.get("mark_text") or rec.get("name") or ""
            out.append({"kind": kind, "status": st, "key": key, "title": title, "file": file, "row": row,
                        "where": where})
        return out

    def as_dict(self, lang: str = "zh_CN") -> dict[str, object]:
        return {
            "files": self.files,
            "local": self.local,
            "dataset_origin": "local" if self.local else "import",
            "as_of": self.as_of.isoformat(),
            "counts": {k: dict(v) for k, v in self.counts.items() if any(v.values())},
            "totals": {s: self.total(s) for s in STATUSES},
            "rejected_files": self.rejected_files,
            "foreign": self.foreign_total,
            "error_count": self.error_count,
            "errors": [e.as_dict(lang) for e in self.errors],
            "notices": [n.text(lang) for n in self.notices],
            "committed": self.committed,
            "elapsed_s": round(self.elapsed_s, 3),
        }

    def discard(self) -> None:
        self._remove_folder()


@dataclass
class ImportResult:
    inserted: dict[str, int]
    updated: dict[str, int]
    unchanged: dict[str, int]
    datasets: list[str]
    elapsed_s: float

    def as_dict(self) -> dict[str, object]:
        return {"inserted": self.inserted, "updated": self.updated, "unchanged": self.unchanged,
                "datasets": self.datasets, "elapsed_s": round(self.elapsed_s, 3)}


# --- reading any supported file ------------------------------------------------------------------

XML_SUFFIXES = (".xml",)


def _xml_rows(data: bytes, name: str, number: int, where: str = "") -> Iterator[RawRow]:
    root = parse_xml(data, f"{name}:{where}" if where else name)
    if cnipa_xml.is_cnipa(root):
        yield cnipa_xml.parse_document(root, name, number, where=where)
    elif st96.is_st96_gi(root):
        yield from st96.parse_gi_document(root, name, where=where)
    elif st96.is_st96_trademark(root):
        yield from st96.parse_trademark_document(root, name, where=where)
    else:
        local = root.tag.rsplit("}", 1)[-1]
        namespace = root.tag[1:].split("}", 1)[0] if root.tag.startswith("{") else ""
        expected = _EXPECTED_NAMESPACE.get(local) or next(
            (ns for prefix, ns in _EXPECTED_NAMESPACE.items() if prefix.endswith("*") and local.startswith(prefix[:-1])),
            "")
        if expected:  # the right element in another namespace: an edited or converted file
            found_zh, found_en = (namespace, namespace) if namespace else ("（没有命名空间）", "(no namespace)")
            owner_zh, owner_en = (("国家知识产权局", "CNIPA's") if expected == cnipa_xml.BUSINESS_NS
                                  else ("WIPO ST.96", "WIPO ST.96's"))
            raise ImportFileError(
                f"XML 命名空间不对：根元素 <{local}> 的命名空间是 {found_zh}，不是{owner_zh}的 {expected}。"
                "文件可能被其他软件改写过，请使用从官方网站下载的原始文件。",
                f"wrong XML namespace: the root element <{local}> is in the namespace {found_en}, not "
                f"{owner_en} {expected}. The file may have been changed by another program; use the original "
                "file as downloaded from the official site.",
                file=f"{name}:{where}" if where else name, reason="wrong_format",
            )
        raise ImportFileError(
            f"不认识的 XML 文档类型 <{local}>。支持：国家知识产权局专利 XML（新旧两种格式）、WIPO ST.96 地理标志和商标。",
            f"unknown XML document type <{local}>. Supported: CNIPA patent XML (current and old format), "
            "WIPO ST.96 GI and trademark.",
            file=f"{name}:{where}" if where else name, reason="wrong_format",
        )


# Root elements the supported formats use, and their namespace (an ST.96 GI or trademark document's
# name starts with GI or Trademark); the old CNIPA format has none, so it is not here.
_EXPECTED_NAMESPACE = {
    "PatentDocumentAndRelated": cnipa_xml.BUSINESS_NS,
    "GI*": st96.GIN[1:-1],
    "Trademark*": st96.TMK[1:-1],
}


def _bundle_rows(members: Iterable[tuple[str, Callable[[], bytes]]], name: str) -> Iterator[RawRow]:
    """XML documents of a ZIP or a folder, each read as a file of its own: one that cannot be read
    is one error for that document (not a row of it); a hostile or oversized one stops the import,
    as a hostile single file does."""
    for member, load in members:
        try:
            data = load()
            yield from _xml_rows(data, name, 1, where=member)
        except ImportFileError as exc:
            if exc.reason in ("hostile", "too_large"):
                raise
            yield RawRow.unreadable(name, member, exc.why_zh, exc.why_en)


def is_mac_metadata(name: str) -> bool:
    """What macOS adds to a ZIP it makes or a FAT stick it writes (`__MACOSX/…`, `._name.xml` AppleDouble files
    with the Finder's data, `.DS_Store`): no document, never read (one read as XML was "incomplete")."""
    parts = name.replace("\\", "/").split("/")
    return "__MACOSX" in parts or parts[-1].startswith("._") or parts[-1] == ".DS_Store"


def _zip_xml_members(path: Path, limits: Limits) -> tuple[list[zipfile.ZipInfo], list[str]]:
    """The XML documents of a ZIP, and the names of the ZIPs inside it (which are not unpacked)."""
    check_size(path, limits.max_unpacked_bytes)
    infos = [i for i in check_zip(path, limits) if not i.is_dir() and not is_mac_metadata(i.filename)]
    return ([i for i in infos if i.filename.lower().endswith(".xml")],
            [member_name(i) for i in infos if i.filename.lower().endswith(".zip")])


_ZIP_UTF8_NAMES = 0x800  # general-purpose flag bit 11: the member's name is UTF-8


def member_name(info: zipfile.ZipInfo) -> str:
    """A ZIP member's name as the person who made the ZIP wrote it. A ZIP made on Chinese Windows
    stores names in GBK without saying so; zipfile reads such a name as code page 437 ("╬σ│ú.xml"),
    so it is read again as GB18030 (文献.xml) when those bytes are that."""
    name = info.filename
    if info.flag_bits & _ZIP_UTF8_NAMES or name.isascii():
        return name
    try:
        return name.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return name


def _inner_zips_notice(file: str, where: str, zips: list[str]) -> Notice:
    """The ZIPs inside a ZIP that also holds XML: not unpacked, so said (their documents were not read)."""
    shown = "、".join(zips[:3]) + ("等" if len(zips) > 3 else "")
    shown_en = ", ".join(zips[:3]) + (" …" if len(zips) > 3 else "")
    return Notice(file, f"{quoted_name(where)} 里另有 {len(zips)} 个压缩包（{shown}）未读取：请先把它们解压出来，再导入其中的文件。",
                  f"{quoted_name(where)} also holds {len(zips)} ZIP {'archive' if len(zips) == 1 else 'archives'} "
                  f"({shown_en}) that were not read: unpack them first, then import what they hold.")


def _no_xml_words(zips: list[str]) -> tuple[str, str]:
    """Why a ZIP gives nothing to import: no XML at all, or only another ZIP inside (a download packed twice)."""
    if not zips:
        return "压缩包里没有 XML 文件。", "the archive holds no XML files."
    shown = "、".join(zips[:3]) + ("等" if len(zips) > 3 else "")
    shown_en = ", ".join(zips[:3]) + (" …" if len(zips) > 3 else "")
    return (f"压缩包里没有 XML 文件，只有压缩包（{shown}）：请先把它解压出来，再导入解压出的文件或文件夹。",
            f"the archive holds no XML files, only another ZIP ({shown_en}): unpack it first, then import the "
            "files or folder it gives.")


def _zip_loader(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits) -> Callable[[], bytes]:
    name = member_name(info)

    def load() -> bytes:
        if info.file_size > limits.max_xml_bytes:
            raise ImportFileError("文档太大。", "the document is too large.", file=name, reason="too_large")
        try:
            with zf.open(info) as member:
                return read_capped(member, limits.max_xml_bytes, name)
        except ImportFileError:
            raise
        except ZIP_ERRORS as exc:  # this member only: the other documents of the archive are still read
            raise zip_error(name, exc) from exc
    return load


def _file_loader(path: Path, limits: Limits) -> Callable[[], bytes]:
    def load() -> bytes:
        check_size(path, limits.max_xml_bytes)
        return path.read_bytes()
    return load


def _folder_rows(path: Path, notices: list[Notice], limits: Limits) -> Iterator[RawRow]:
    """A folder (a download, a USB stick): its XML files and the XML inside its ZIPs, at any depth."""
    folder = display_name(path)
    everything = sorted(p for p in path.rglob("*")
                        if p.is_file() and not is_mac_metadata(p.relative_to(path).as_posix()))
    wanted = [p for p in everything if p.suffix.lower() in (*XML_SUFFIXES, ".zip")]
    others = [p for p in everything if p.suffix.lower() not in (*XML_SUFFIXES, ".zip")]
    if others:
        kinds: dict[str, int] = {}
        for p in others:
            kind = p.suffix.lower() or "(无扩展名 / no extension)"
            kinds[kind] = kinds.get(kind, 0) + 1
        listed_zh = "、".join(f"{k} {n} 个" for k, n in sorted(kinds.items()))
        listed_en = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
        notices.append(Notice(
            folder, f"文件夹“{quoted_name(folder)}”：只读取其中的 XML 文件和 ZIP 压缩包里的 XML；另有 {len(others)} 个其他文件未读取"
                    f"（{listed_zh}）。",
            f"folder '{quoted_name(folder)}': only its XML files and the XML inside its ZIP archives are read; {len(others)} other "
            f"files were not read ({listed_en}).",
        ))
    if not wanted:
        raise ImportFileError("文件夹里没有 XML 文件，也没有 ZIP 压缩包。", "the folder holds no XML files and no ZIP archives.",
                              file=folder, reason="wrong_format")
    for p in wanted:
        where = p.relative_to(path).as_posix()
        if p.suffix.lower() in XML_SUFFIXES:
            yield from _bundle_rows([(where, _file_loader(p, limits))], folder)
            continue
        try:
            infos, zips = _zip_xml_members(p, limits)
        except ImportFileError as exc:
            if exc.reason in ("hostile", "too_large"):
                raise
            yield RawRow.unreadable(folder, where, exc.why_zh, exc.why_en)
            continue
        if not infos:
            if zips:  # a ZIP packed in a ZIP: said, not skipped in silence
                notices.append(Notice(
                    folder, f"文件夹“{quoted_name(folder)}”：{where} 里没有 XML 文件，只有压缩包（{'、'.join(zips[:3])}），已跳过："
                            "请先把它解压出来，再导入。",
                    f"folder '{quoted_name(folder)}': {where} holds no XML files, only another ZIP ({', '.join(zips[:3])}); "
                    "skipped: unpack it first, then import."))
                continue
            notices.append(Notice(folder, f"文件夹“{quoted_name(folder)}”：{where} 里没有 XML 文件，已跳过。",
                                  f"folder '{quoted_name(folder)}': {where} holds no XML files; skipped."))
            continue
        if zips:
            notices.append(_inner_zips_notice(folder, f"{folder}/{where}", zips))
        with zipfile.ZipFile(p) as zf:
            yield from _bundle_rows(((f"{where}/{member_name(i)}", _zip_loader(zf, i, limits)) for i in infos), folder)


def _once_each(paths: Sequence[Path]) -> tuple[list[Path], list[Path]]:
    """The paths with each file or folder once (the same one given twice, also by another spelling of its
    path, had every row refused as "entered twice"), and those left out."""
    seen: set[str] = set()
    kept: list[Path] = []
    twice: list[Path] = []
    for p in paths:
        try:
            key = os.path.normcase(str(Path(p).resolve()))
        except (OSError, RuntimeError):
            key = str(p)
        if key in seen:
            twice.append(Path(p))
            continue
        seen.add(key)
        kept.append(Path(p))
    return kept, twice


def read_path(path: Path, notices: list[Notice], limits: Limits = DEFAULT_LIMITS) -> Iterator[RawRow]:
    """Every raw row of one file, ZIP or folder, whatever its format."""
    if path.is_dir():
        yield from _folder_rows(path, notices, limits)
        return
    check_size(path, max(limits.max_text_bytes, limits.max_xlsx_bytes, limits.max_unpacked_bytes))
    suffix = path.suffix.lower()
    with path.open("rb") as fh:
        head = fh.read(8)
    if suffix in XLSX_SUFFIXES or (head.startswith(b"PK") and _is_xlsx(path)):
        yield from read_xlsx(path, notices, limits)
        return
    if suffix == ".zip" or head.startswith(b"PK"):
        xml_infos, zips = _zip_xml_members(path, limits)
        if not xml_infos:
            zh, en = _no_xml_words(zips)
            raise ImportFileError(zh, en, file=path.name, reason="wrong_format")
        if zips:
            notices.append(_inner_zips_notice(path.name, path.name, zips))
        with zipfile.ZipFile(path) as zf:
            yield from _bundle_rows(((member_name(i), _zip_loader(zf, i, limits)) for i in xml_infos), path.name)
        return
    if suffix in XML_SUFFIXES or head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        check_size(path, limits.max_xml_bytes)
        with path.open("rb") as fh:
            data = read_capped(fh, limits.max_xml_bytes, path.name)
        yield from _xml_rows(data, path.name, 1)
        return
    if suffix in TEXT_SUFFIXES or suffix == "":
        yield from read_csv(path, notices, limits)
        return
    if suffix in (".xls", ".et", ".ods", ".numbers"):
        raise ImportFileError(
            f"不支持 {suffix} 格式。请在 Excel 或 WPS 中“另存为” .xlsx（Excel 工作簿）后再导入。",
            f"the {suffix} format is not supported. Use 'Save as' .xlsx (Excel workbook) in Excel or WPS, "
            "then import that.", file=path.name, reason="wrong_format",
        )
    raise ImportFileError(
        f"不支持的文件类型 {suffix}。支持 XML、ZIP（内含 XML）、XLSX、CSV。",
        f"unsupported file type {suffix}. Supported: XML, ZIP of XML, XLSX, CSV.", file=path.name,
        reason="wrong_format",
    )


def _is_xlsx(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as zf:
            return "xl/workbook.xml" in zf.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def _remove_stale_staging(max_age_s: float = 86_400) -> None:
    """Staging folders left by a process that was killed between preview and commit."""
    now = time.time()
    for folder in Path(tempfile.gettempdir()).glob("ipdesk-import-*"):
        try:
            if now - folder.stat().st_mtime > max_age_s:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue


def is_read_only(exc: BaseException) -> bool:
    """Whether a database error means the database file (or its folder) cannot be written to
    (SQLITE_READONLY: "attempt to write a readonly database")."""
    text = str(exc).lower()
    return "readonly" in text or "read-only" in text


def _is_staging_write_error(exc: BaseException) -> bool:
    """Whether an error while staging came from writing the staging file (SQLITE_FULL, the I/O error
    of a write refused past a size limit, ENOSPC), not from reading the person's file."""
    if isinstance(exc, sqlite3.Error):  # only the staging file is opened with sqlite3 here
        return is_disk_full(exc)
    if isinstance(exc, OSError):
        return os_error_code(exc) in _DISK_FULL_CODES
    return False


_DISK_FULL_CODES = {errno.ENOSPC, errno.EFBIG, *((errno.EDQUOT,) if hasattr(errno, "EDQUOT") else ())}


def _staging_disk_error(temp: Path, exc: BaseException) -> DataFolderError:
    """The temporary folder (where an import is prepared, on the system drive as a rule) has no room:
    said with its name and free space, and that the person's file is fine."""
    try:
        free = f"{shutil.disk_usage(temp).free // (1 << 20)} MB"
    except OSError:
        free = "?"
    return DataFolderError(
        f"临时文件夹所在磁盘已满或无法写入：{temp}（可用 {free}）。导入需要在那里准备数据，"
        "您的文件没有问题，数据库也没有改变。请在该磁盘上释放一些空间（如清空回收站、删除不用的下载文件）后重试。",
        f"The disk holding the temporary folder is full or cannot be written: {temp} ({free} free). The import "
        "prepares its data there; your file is fine and the database is unchanged. Free some space on that "
        "disk (empty the recycle bin, delete downloads you no longer need) and try again.",
        detail=f"{type(exc).__name__}: {exc}",
    )


# --- the importer service ------------------------------------------------------------------------

class Importer:
    """Stage → preview → commit. One instance per store; each call opens its own connections."""

    def __init__(self, db: Database, limits: Limits = DEFAULT_LIMITS) -> None:
        self.db = db
        self.limits = limits
        self._divisions: tuple[set[str], RegionResolver] | None = None
        self._stale_removed = False  # by the first stage(): it runs in the background, a constructor may not

    def _division_data(self) -> tuple[set[str], RegionResolver]:
        if self._divisions is None:
            with self.db.engine.connect() as conn:
                rows = [(r[0], r[1], r[2], r[3]) for r in conn.execute(
                    select(Division.code, Division.name, Division.level, Division.parent_code))]
            self._divisions = ({r[0] for r in rows}, RegionResolver(rows))
        return self._divisions

    # -- stage -------------------------------------------------------------------------------

    def stage(
        self,
        paths: Sequence[Path],
        *,
        local: bool = False,
        as_of: dt.date | None = None,
        progress: ProgressFn | None = None,
        cancelled: CancelledFn | None = None,
    ) -> ImportPreview:
        """Read, validate and classify every row of `paths`; nothing is written to the store.

        Raises ImportFileError (exit 2) for a file that cannot or must not be read."""
        t0 = time.perf_counter()
        if not self._stale_removed:
            self._stale_removed = True
            _remove_stale_staging()
        try:
            folder = Path(tempfile.mkdtemp(prefix="ipdesk-import-"))
        except OSError as exc:
            raise _staging_disk_error(Path(tempfile.gettempdir()), exc) from exc
        paths, twice = _once_each(paths)
        preview = ImportPreview(
            files=[display_name(p) for p in paths], staging_path=folder / "staging.sqlite", local=local,
            as_of=as_of or dt.date.today(), started=dt.datetime.now().replace(microsecond=0),
        )
        for p in twice:
            preview.notices.append(Notice(display_name(p), f"{quoted_name(display_name(p))} 给出了不止一次，只读取一次。",
                                          f"{quoted_name(display_name(p))} was given more than once; read once."))
        try:
            self._stage_into(preview, paths, progress, cancelled)
        except IpdeskError:
            preview.discard()
            raise
        except Exception as exc:  # a file that trips a reader in a way not foreseen: explained, logged
            preview.discard()
            if _is_staging_write_error(exc):  # the staging file could not grow: the temp disk, not the file
                log.warning("the staging file in %s could not be written: %s", folder, exc)
                raise _staging_disk_error(folder.parent, exc) from exc
            log.exception("unexpected failure reading %s", preview.files)
            raise ImportFileError(
                "读取文件时出现意外问题，文件可能已损坏。详细信息已写入日志。",
                "an unexpected problem occurred while reading the file; it may be damaged. Details are in the log.",
                file="、".join(preview.files), reason="unreadable", detail=f"{type(exc).__name__}: {exc}",
            ) from exc
        except BaseException:
            preview.discard()
            raise
        preview.elapsed_s = time.perf_counter() - t0
        log.info("staged %s: %s, %d errors in %.2fs", preview.files, {s: preview.total(s) for s in STATUSES},
                 preview.error_count, preview.elapsed_s)
        return preview

    def _stage_into(self, preview: ImportPreview, paths: Sequence[Path], progress: ProgressFn | None,
                    cancelled: CancelledFn | None) -> None:
        codes, resolver = self._division_data()
        validator = Validator(codes, resolver, preview.as_of)
        con = sqlite3.connect(preview.staging_path)
        con.execute("PRAGMA journal_mode = OFF")
        con.execute("PRAGMA synchronous = OFF")
        con.execute(
            "CREATE TABLE staged (kind TEXT, key TEXT, file TEXT, row INTEGER, where_ TEXT, payload TEXT, "
            "status TEXT NOT NULL DEFAULT '', existing_id INTEGER, PRIMARY KEY (kind, key))"
        )
        seen_numbers: dict[tuple[str, str], str] = {}  # GI numbers: (field, value) → key
        try:
            done = 0
            batch: list[tuple[str, str, str, int, str, str]] = []
            for path in paths:
                read = 0
                for raw in read_path(path, preview.notices, self.limits):
                    read += 1
                    done += 1
                    if raw.is_unreadable:  # a document of a folder or ZIP: one error, no record
                        preview.rejected_files += 1
                        self._reject(preview, "", raw.errors)
                        continue
                    left_out = st96.foreign_office_error(raw)
                    if left_out is not None:  # another office's trademark or GI: never a Chinese record
                        preview.foreign[(raw.kind, raw.office)] = preview.foreign.get((raw.kind, raw.office), 0) + 1
                        self._reject(preview, "", [left_out])
                        continue
                    record, errors = validator.row(raw)
                    if record is not None and raw.kind == "gi":
                        errors = self._gi_number_clash(raw, record, seen_numbers)
                        record = None if errors else record
                    if record is None:
                        self._reject(preview, raw.kind, errors)
                        continue
                    key = record_key(raw.kind, record)
                    payload = json.dumps({k: _jsonable(v) for k, v in record.items()}, ensure_ascii=False)
                    batch.append((raw.kind, key, raw.file, raw.row, raw.where, payload))
                    if len(batch) >= _BATCH:
                        self._insert_staged(con, batch, preview)
                        if progress:
                            progress("read", done, 0)
                        if cancelled and cancelled():
                            raise ImportCancelled()
                self._insert_staged(con, batch, preview)
                if not read:
                    raise ImportFileError(
                        "文件中没有数据行（只有表头或没有记录），没有可导入的内容。",
                        "the file has no data rows (only a header, or no records); there is nothing to import.",
                        file=display_name(path), reason="empty",
                    )
            for (file, column), n in validator.notes.numbers_as_ids.items():
                preview.notices.append(Notice(
                    file, f"{quoted_name(file)}：“{column}”列有 {n} 个编号存成了数字；它们是不超过 15 位的整数，已按原样接受。"
                          "建议把该列设为“文本”格式，以免前导零丢失。",
                    f"{quoted_name(file)}: {n} identifiers in column '{column}' were stored as numbers; being whole numbers under "
                    "15 digits they were accepted as they are. Format the column as text so leading zeros "
                    "cannot be lost.",
                ))
            for file, n in validator.notes.check_digit_counts.items():
                preview.notices.append(check_digit_notice(file, n, validator.notes.check_digit_slips[file]))
            for file, n in validator.notes.status_doubt_counts.items():
                preview.notices.append(status_doubt_notice(file, n, validator.notes.status_doubts[file]))
            for file, statuses in validator.notes.unknown_statuses.items():
                preview.notices.append(unknown_status_notice(file, statuses))
            for file, statuses in validator.notes.unknown_tm_statuses.items():
                preview.notices.append(unknown_tm_status_notice(file, statuses))
            if preview.foreign:
                preview.notices.append(_foreign_notice(preview))
            con.commit()
            self._classify(con, preview, progress, cancelled)
            con.commit()
        finally:
            con.close()
        if preview.foreign and not preview.rows:  # nothing but other offices' records: nothing to import
            zh, en = _foreign_words(preview)
            raise ImportFileError(
                f"只有其他国家或地区的记录：{zh}，不是中国国家知识产权局的，没有导入任何数据。商标权和地理标志都有地域性："
                "其他国家或地区的注册或申请在中国不受保护，也不妨碍在中国申请。请导入国家知识产权局的数据。",
                f"only other offices' records: {en}, not from CNIPA (China); nothing was imported. Trademarks and GIs "
                "are territorial: a "
                "registration or application elsewhere is not protected in China and does not bar an application "
                "there. Import CNIPA's data instead.",
                file="、".join(preview.files), reason="foreign",
            )

    def _gi_number_clash(self, raw: RawRow, record: dict[str, object],
                         seen: dict[tuple[str, str], str]) -> list[RowError]:
        errors = []
        key = record_key("gi", record)
        for name in ("agi_no", "tm_reg_no"):
            value = str(record.get(name) or "")
            if not value:
                continue
            other = seen.setdefault((name, value), key)
            if other != key:
                col = TEMPLATES["gi"].column(name).zh
                errors.append(RowError(raw.file, raw.row, col, value, f"编号与本次导入中的“{other.split('|', 1)[1]}”重复",
                                       f"the number is also given to '{other.split('|', 1)[1]}' in this import",
                                       raw.where))
        return errors

    def _reject(self, preview: ImportPreview, kind: str, errors: list[RowError]) -> None:
        if kind:
            preview.counts[kind]["rejected"] += 1
        preview.error_count += len(errors)
        room = self.limits.max_errors_kept - len(preview.errors)
        if room > 0:
            preview.errors.extend(errors[:room])

    def _insert_staged(self, con: sqlite3.Connection, batch: list[tuple[str, str, str, int, str, str]],
                       preview: ImportPreview) -> None:
        for item in batch:
            # a file name a filesystem gave in another encoding (GBK names unpacked on a UTF-8 Linux) holds lone
            # surrogates, which SQLite refuses: kept as it reads (`typed_text`: 五常专利.csv), as the records' source
            item = (item[0], item[1], typed_text(item[2]), item[3], typed_text(item[4]), item[5])
            try:
                con.execute("INSERT INTO staged (kind, key, file, row, where_, payload) VALUES (?,?,?,?,?,?)", item)
            except sqlite3.IntegrityError:
                kind, key, file, row, where, payload = item
                first = con.execute("SELECT file, row, where_, payload FROM staged WHERE kind = ? AND key = ?",
                                    (kind, key)).fetchone()
                cols = {"patent": "公开号", "trademark": "注册号+类别", "gi": "类型+名称"}
                cols_en = {"patent": "publication number", "trademark": "registration number and class",
                           "gi": "kind and name"}
                # "与 dup.csv 第 2 行重复", as the row itself is named (not "#2")
                sheet_zh = f"（{first[2]}）" if first[2] else ""
                sheet_en = f" ({first[2]})" if first[2] else ""
                place_zh, place_en = f"{first[0]} 第 {first[1]} 行{sheet_zh}", f"{first[0]} row {first[1]}{sheet_en}"
                if first[3] == payload:  # the same row twice: one record, the second copy can go
                    zh = f"与 {place_zh}完全相同（同一条记录重复了一次，删去其中一行即可）"
                    en = f"the same as {place_en} (one record entered twice: delete one of the rows)"
                else:
                    zh = f"与 {place_zh}重复（{cols[kind]}相同）"
                    en = f"duplicate of {place_en} (same {cols_en[kind]})"
                self._reject(preview, kind, [RowError(file, row, cols[kind], key.replace("|", " "), zh, en, where)])
        batch.clear()

    # -- compare with the store ------------------------------------------------------------

    def _existing(self, conn: Connection, kind: str, keys: list[str]) -> dict[str, dict[str, Any]]:
        """Current store rows for staged keys: key → column values (+ 'area_codes' for GIs)."""
        model = _MODEL[kind]
        table: Table = model.__table__  # type: ignore[assignment]
        if kind == "patent":
            rows = conn.execute(select(table).where(table.c.pub_no.in_(keys))).mappings().all()
        elif kind == "trademark":
            rows = conn.execute(select(table).where(table.c.reg_no.in_({k.split("|")[0] for k in keys}))).mappings().all()
        else:
            rows = conn.execute(select(table).where(table.c.name.in_({k.split("|", 1)[1] for k in keys}))).mappings().all()
        out = {record_key(kind, dict(r)): dict(r) for r in rows}
        if kind == "gi" and out:
            ids = [r["id"] for r in out.values()]
            areas: dict[int, list[str]] = {}
            for gi_id, code in conn.execute(select(GiArea.gi_id, GiArea.division_code).where(GiArea.gi_id.in_(ids))
                                            .order_by(GiArea.division_code)):
                areas.setdefault(gi_id, []).append(code)
            for r in out.values():
                r["area_codes"] = areas.get(r["id"], [])
        return out

    @staticmethod
    def _differs(record: dict[str, object], existing: dict[str, Any]) -> bool:
        for name, value in record.items():
            if name == "as_of":
                continue
            if name == "area_codes":
                if sorted(value) != sorted(existing.get("area_codes", [])):  # type: ignore[call-overload]
                    return True
                continue
            old = _stored(existing.get(name))
            if (old if old is not None else "") != (value if value is not None else ""):
                return True
        return False

    def _classify(self, con: sqlite3.Connection, preview: ImportPreview, progress: ProgressFn | None,
                  cancelled: CancelledFn | None) -> None:
        total = con.execute("SELECT count(*) FROM staged").fetchone()[0]
        done = 0
        with self.db.engine.connect() as conn:
            for kind in KINDS:
                last = 0
                while True:
                    # `+kind`: walk the rowids; through the (kind, key) index every batch would read and sort
                    # every row of the kind again (quadratic: 2.4 s of a 100,000-row import's 6)
                    rows = con.execute("SELECT rowid, key, payload, file, row, where_ FROM staged WHERE +kind = ? "
                                       "AND rowid > ? ORDER BY rowid LIMIT ?", (kind, last, _BATCH)).fetchall()
                    if not rows:
                        break
                    last = rows[-1][0]
                    existing = self._existing(conn, kind, [r[1] for r in rows])
                    clashes = self._gi_clashes_with_store(conn, rows) if kind == "gi" else {}
                    updates = []
                    for rowid, key, payload, _file, _row, _where in rows:
                        old = existing.get(key)
                        if rowid in clashes:
                            self._reject(preview, kind, clashes[rowid])
                            status, old_id = "rejected", None
                            updates.append((status, old_id, rowid))
                            continue
                        if old is None:
                            status, old_id = "new", None
                        else:
                            status = ("changed" if self._differs(json.loads(payload), old)
                                      or _claims_local(old, preview.local) else "unchanged")
                            old_id = old["id"]
                        preview.counts[kind][status] += 1
                        updates.append((status, old_id, rowid))
                    con.executemany("UPDATE staged SET status = ?, existing_id = ? WHERE rowid = ?", updates)
                    done += len(rows)
                    if progress:
                        progress("compare", done, total)
                    if cancelled and cancelled():
                        raise ImportCancelled()

    @staticmethod
    def _gi_clashes_with_store(conn: Connection, rows: list[tuple[Any, ...]]) -> dict[int, list[RowError]]:
        """GI rows whose AGI or trademark number already belongs to another GI in the store."""
        wanted: dict[tuple[str, str], list[tuple[Any, ...]]] = {}
        for row in rows:
            record = json.loads(row[2])
            for name in ("agi_no", "tm_reg_no"):
                if record.get(name):
                    wanted.setdefault((name, str(record[name])), []).append(row)
        out: dict[int, list[RowError]] = {}
        if not wanted:
            return out
        agi = [v for (n, v) in wanted if n == "agi_no"]
        tm = [v for (n, v) in wanted if n == "tm_reg_no"]
        found = conn.execute(
            select(GeoIndication.kind, GeoIndication.name, GeoIndication.agi_no, GeoIndication.tm_reg_no)
            .where((GeoIndication.agi_no.in_(agi)) | (GeoIndication.tm_reg_no.in_(tm)))
        ).all()
        for kind, name, agi_no, tm_reg_no in found:
            for field_name, value in (("agi_no", agi_no), ("tm_reg_no", tm_reg_no)):
                for rowid, key, _payload, file, row, where in wanted.get((field_name, value), []) if value else []:
                    if key != f"{kind}|{name}":
                        col = TEMPLATES["gi"].column(field_name).zh
                        out.setdefault(rowid, []).append(RowError(
                            file, row, col, value, f"数据库中已有地理标志“{name}”使用这个编号",
                            f"the GI '{name}' in the database already has this number", where))
        return out

    # -- commit ------------------------------------------------------------------------------

    def commit(
        self,
        preview: ImportPreview,
        *,
        progress: ProgressFn | None = None,
        cancelled: CancelledFn | None = None,
        before_commit: Callable[[Connection], None] | None = None,
    ) -> ImportResult:
        """Merge the staged rows into the store in one transaction; all or nothing.

        `before_commit(conn)` runs last in that transaction, the merge done (its search entries
        too): what it writes on `conn` is committed with the merge, and an error it raises rolls the
        whole merge back (`publish --from FILES` publishes there, so a refused publish merges nothing)."""
        if preview.committed:
            raise ImportRejected("这次导入已经合并过了。", "This import has already been merged.")
        if preview.total("rejected"):
            raise ImportRejected(
                f"有 {preview.total('rejected')} 行被拒绝：请改正后重新导入，本次没有合并任何数据。",
                f"{plural(preview.total('rejected'), 'row was', 'rows were')} rejected: correct "
                f"{'it' if preview.total('rejected') == 1 else 'them'} and import again; nothing was merged.",
            )
        if not preview.staging_path.exists():
            raise ImportRejected("预览已失效，请重新选择文件。", "The preview has expired; choose the files again.")
        t0 = time.perf_counter()
        stamp = preview.started.isoformat(sep=" ", timespec="minutes")
        inserted = dict.fromkeys(KINDS, 0)
        updated = dict.fromkeys(KINDS, 0)
        unchanged = dict.fromkeys(KINDS, 0)
        touched: dict[str, dt.date] = {}
        con = sqlite3.connect(preview.staging_path)
        total = sum(preview.counts[k]["new"] + preview.counts[k]["changed"] for k in KINDS)
        done = 0

        def stop_if_cancelled() -> None:
            if cancelled and cancelled():
                raise ImportCancelled()

        # after a data update that is applying now (each holds the database's write lock throughout)
        writer = bulk_registry_write(self.db.engine, self.db.data_dir,
                                     waiting=lambda: progress("wait", 0, 0) if progress else None,
                                     check=stop_if_cancelled)
        try:
            with writer, self.db.engine.begin() as conn, BulkIndexWriter(conn, total) as index:  # the one transaction
                for kind in KINDS:
                    last = 0
                    while True:
                        rows = con.execute(
                            "SELECT rowid, key, payload, file FROM staged WHERE +kind = ? AND rowid > ? "
                            "AND status IN ('new', 'changed') ORDER BY rowid LIMIT ?", (kind, last, _BATCH * 4),
                        ).fetchall()
                        if not rows:
                            break
                        last = rows[-1][0]
                        records = {key: (json.loads(payload), record_source(file, stamp))
                                   for _rowid, key, payload, file in rows}
                        written: set[str] = set()
                        ins, upd, same, as_of = self._merge_batch(conn, kind, records, preview, index, written)
                        inserted[kind] += ins
                        updated[kind] += upd
                        unchanged[kind] += same
                        for name in written:
                            touched[name] = max(touched.get(name, as_of), as_of)
                        done += len(rows)
                        if progress:
                            progress("merge", done, total)
                        if cancelled and cancelled():
                            raise ImportCancelled()
                for name, as_of in touched.items():
                    kind = next(k for k in KINDS if name.endswith(_DATASET[k]))
                    mine = name == dataset_name(kind, preview.local)  # not a dataset rows were handed from
                    self._update_dataset(conn, name, as_of, inserted[kind] if mine else 0, name.startswith("local"))
                if before_commit is not None:
                    index.drain()
                    before_commit(conn)
        except DBAPIError as exc:
            if is_read_only(exc):
                where = self.db.path or self.db.data_dir
                raise DataFolderError(
                    f"数据库文件是只读的：{where}。本次导入没有合并任何数据，数据库保持原样。"
                    "请检查该文件的权限（或 Windows 的“只读”属性；从光盘、写保护的 U 盘复制来的文件常是只读的）后重试。",
                    f"The database file is read-only: {where}. Nothing of this import was merged and the database "
                    "is unchanged. Check the file's permissions (or its Windows 'Read-only' attribute: files "
                    "copied from a CD or a write-protected USB stick often are) and try again.",
                    detail=str(exc.orig),
                ) from exc
            if is_disk_full(exc):
                raise DataFolderError(
                    "磁盘已满或无法写入，本次导入没有合并任何数据，数据库保持原样。请释放空间后重试。",
                    "The disk is full or cannot be written: nothing of this import was merged and the database "
                    "is unchanged. Free some space and try again.",
                    detail=str(exc.orig),
                ) from exc
            raise
        finally:
            con.close()
        preview.committed = True
        preview.discard()
        for kind in KINDS:
            unchanged[kind] += preview.counts[kind]["unchanged"]
        result = ImportResult(inserted, updated, unchanged, sorted(touched), time.perf_counter() - t0)
        log.info("merged %s: %s", preview.files, result.as_dict())
        return result

    def _merge_batch(self, conn: Connection, kind: str, records: dict[str, tuple[dict[str, Any], str]],
                     preview: ImportPreview, index: BulkIndexWriter,
                     touched: set[str] | None = None) -> tuple[int, int, int, dt.date]:
        """Insert new and update changed records of one batch, then reindex them on `conn`. The datasets
        whose rows changed (written to, or handed from when rows become local) are added to `touched`."""
        model = _MODEL[kind]
        table: Table = model.__table__  # type: ignore[assignment]
        existing = self._existing(conn, kind, list(records))  # re-read inside the transaction
        dataset = dataset_name(kind, preview.local)
        new_rows: list[dict[str, Any]] = []
        new_areas: list[list[str]] = []
        changed: list[tuple[int, dict[str, Any], list[str] | None]] = []
        same = 0
        newest = dt.date.min
        for key, (rec, source) in records.items():
            as_of = dt.date.fromisoformat(rec.pop("as_of")) if rec.get("as_of") else preview.as_of
            newest = max(newest, as_of)
            areas = rec.pop("area_codes", None)
            values = {k: ((dt.date.fromisoformat(v) if v else None) if k in _DATE_FIELDS else v) for k, v in rec.items()}
            values.update(dataset=dataset, source=source, as_of=as_of)
            old = existing.get(key)
            if old is None:
                new_rows.append(values)
                new_areas.append(areas or [])
                if touched is not None:
                    touched.add(dataset)
            elif (self._differs({**rec, **({"area_codes": areas} if areas is not None else {})}, old)
                  or _claims_local(old, preview.local)):
                if _is_local(old):  # never handed back to updates by a plain import
                    values["dataset"] = old["dataset"]
                if touched is not None:
                    touched.update({str(values["dataset"]), str(old["dataset"])})
                changed.append((old["id"], values, areas))
            else:
                same += 1
        full: list[dict[str, Any]] = []
        if new_rows:
            # rows differ in which columns they carry (a sheet may lack some); fill the defaults
            full = [{**_column_defaults(kind), **r} for r in new_rows]
            # Ids are given here rather than returned row by row (RETURNING makes SQLite insert one row
            # per statement). A concurrent writer cannot slip in: its commit would make this transaction
            # fail (WAL snapshot) or collide on the primary key, and all of it rolls back.
            first = (conn.execute(select(func.max(table.c.id))).scalar() or 0) + 1
            new_ids = list(range(first, first + len(full)))
            for row_id, row in zip(new_ids, full, strict=True):
                row["id"] = row_id
            insert_rows(conn, table, full)
            if kind == "gi":
                area_rows = [{"gi_id": i, "division_code": c} for i, codes in zip(new_ids, new_areas, strict=True)
                             for c in codes]
                if area_rows:
                    conn.execute(insert(GiArea), area_rows)
        by_columns: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for old_id, values, _areas in changed:
            by_columns.setdefault(tuple(sorted(values)), []).append({**values, "_id": old_id})
        for columns, params in by_columns.items():
            stmt = update(table).where(table.c.id == bindparam("_id")).values({c: bindparam(c) for c in columns})
            conn.execute(stmt, params)
        if kind == "gi":
            replaced = [(old_id, areas) for old_id, _v, areas in changed if areas is not None]
            if replaced:
                conn.execute(delete(GiArea).where(GiArea.gi_id.in_([i for i, _ in replaced])))
                rows = [{"gi_id": i, "division_code": c} for i, codes in replaced for c in codes]
                if rows:
                    conn.execute(insert(GiArea), rows)
        if new_rows:
            if kind == "gi":
                for row, codes in zip(full, new_areas, strict=True):
                    row["areas"] = sorted(codes)
            # the rows as inserted, defaults and ids included (no need to read them back); their ids
            # are above every id in use, so they have no documents yet
            index.add(kind, full, fresh=True)
        ids = [old_id for old_id, _v, _a in changed]
        if ids:
            index.add(kind, self._indexed_rows(conn, kind, ids))
        return len(new_rows), len(changed), same, newest if newest != dt.date.min else preview.as_of

    @staticmethod
    def _indexed_rows(conn: Connection, kind: str, ids: list[int]) -> list[dict[str, Any]]:
        """The stored rows of `ids` (as written, defaults included) for the index builders; a GI's
        division codes under "areas"."""
        table: Table = _MODEL[kind].__table__  # type: ignore[assignment]
        out: list[dict[str, Any]] = []
        for start in range(0, len(ids), _BATCH):
            chunk = ids[start: start + _BATCH]
            rows = [dict(r) for r in conn.execute(select(table).where(table.c.id.in_(chunk))).mappings()]
            if kind == "gi":
                areas: dict[int, list[str]] = {}
                for gi_id, code in conn.execute(select(GiArea.gi_id, GiArea.division_code)
                                                .where(GiArea.gi_id.in_(chunk)).order_by(GiArea.division_code)):
                    areas.setdefault(gi_id, []).append(code)
                for r in rows:
                    r["areas"] = areas.get(r["id"], [])
            out.extend(rows)
        return out

    @staticmethod
    def _update_dataset(conn: Connection, name: str, as_of: dt.date, inserted: int, local: bool) -> None:
        """The dataset row after an import, described from the records it now holds.

        An import into a dataset that already held records (the built-in GI list, an update, earlier
        imports) does not relabel them: the as-of date never moves back (each record keeps its own
        date), a dataset from the built-in data or an update keeps that origin, and its source names
        that origin first and then every file whose records it now holds ('…；另含 gi.csv（… 导入）')."""
        kind = next(k for k in KINDS if name.endswith(_DATASET[k]))
        model = _MODEL[kind]
        old = conn.execute(select(Dataset.as_of, Dataset.origin, Dataset.source).where(Dataset.name == name)).first()
        count = others = 0
        stamps: dict[str, list[str]] = {}  # imported file → the times its records were imported
        for source, n in conn.execute(select(model.source, func.count()).where(model.dataset == name)
                                      .group_by(model.source)):
            count += n
            m = _RECORD_SOURCE.fullmatch(source or "")
            if m:
                stamps.setdefault(m["file"], []).append(m["stamp"])
            else:
                others += n
        had_records = count - inserted > 0
        if old is not None and had_records and old.as_of is not None:
            as_of = max(as_of, old.as_of)
        origin = "local" if local else "import"
        if not stamps and old is not None:  # its imported rows became local (or were all replaced): a count
            conn.execute(update(Dataset).where(Dataset.name == name).values(
                record_count=count, updated_at=dataset_time()))
            return
        files = sorted(stamps, key=lambda f: (max(stamps[f]), f), reverse=True)  # the latest import first
        every = sorted(t for times in stamps.values() for t in times)
        zh, en = _import_note(files, every[0], every[-1])
        if old is not None and others:
            base_zh, base_en = _base_source(old.source or "", old.origin)
            source = f"{base_zh}{_PLUS_ZH}{zh} / {base_en}{_PLUS_EN}{en}"
            if old.origin not in ("import", "local"):
                origin = old.origin
        else:
            source = f"{zh} / {en}"
        values = {"record_count": count, "as_of": as_of, "origin": origin, "source": source,
                  "updated_at": dataset_time()}
        if old is not None:
            conn.execute(update(Dataset).where(Dataset.name == name).values(**values))
        else:
            conn.execute(insert(Dataset).values(name=name, version=1, edition="", **values))


@functools.cache
def _column_defaults(kind: str) -> dict[str, Any]:
    """What a column a file does not have gets in a new row: its default, else None or ''."""
    return column_defaults(_MODEL[kind].__table__)  # type: ignore[arg-type]


def export_errors(errors: Sequence[RowError], out: Path, lang: str = "zh_CN", *, overwrite: bool = True) -> Path:
    """Write the row-level error list as a workbook people can sort, filter and hand back. Without
    `overwrite`, a file that has the name by then is left as it is (FileTakenError)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from ipdesk import __version__
    from ipdesk.domain.i18n import Text, pick
    from ipdesk.domain.report import LABELS
    from ipdesk.services.reports.xlsx_renderer import set_up_pages, workbook_language

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = pick(lang, "错误", "Errors")
    ws.append([pick(lang, h_zh, h_en) for h_zh, h_en in (
        ("文件", "File"), ("位置", "Inside"), ("行", "Row"), ("列", "Column"), ("值", "Value"), ("原因", "Why"))])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for e in errors:
        # values are written as text so that what Excel shows is what the file held: a value (or a file
        # name) that starts with "=" is never a formula, and a control character Excel refuses is shown
        # as its code instead of failing the whole list (QA 22b)
        row = ws.max_row + 1
        for col, value in enumerate((e.file, e.where, None if e.whole_file else e.row, e.column_label(lang),
                                     e.value, e.why(lang)), start=1):
            _text_cell(ws.cell(row=row, column=col), value)
        ws.cell(row=row, column=5).number_format = "@"
    for letter, width in zip("ABCDEF", (28, 20, 8, 16, 30, 70), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    # sorted and filtered as it says, and printed on A4 across (it went three pages wide, its header
    # on the first page only); the workbook's title and language its own (QA 23a)
    ws.auto_filter.ref = f"A1:F{max(2, ws.max_row)}"
    ws.print_title_rows = "1:1"
    title = pick(lang, "导入错误清单", "Import error list")
    set_up_pages(ws, (title, ""), f"ipdesk {__version__}", LABELS["page"](lang))
    wb.properties.title = title
    wb.properties.language = workbook_language(lang)
    wb.properties.creator = wb.properties.lastModifiedBy = f"ipdesk {__version__}"
    check_errors_out(out)
    with replacing(out, Text("错误清单", "error list"), overwrite=overwrite) as part:
        save_through_memory(wb.save, part)  # lxml turns a failed write into SerialisationError, no OSError
    return out


def _text_cell(cell: Any, value: object) -> None:
    """Put `value` in a worksheet cell; text stays text exactly as read, even "=HYPERLINK(…)"
    (openpyxl would store it as a formula) or "+86…", "-", "@…" (Excel and WPS would run them when
    the cell is edited: the quote prefix keeps them text there too; reports and the ledger write
    text the same way, `put_text`)."""
    from ipdesk.services.reports.xlsx_renderer import put_text

    if not isinstance(value, str):
        cell.value = value
        return
    # what XML (so a workbook) cannot hold, shown as its code: the person sees what the file has there;
    # a name in GBK bytes (a file unpacked on a UTF-8 Linux) as it was written
    put_text(cell, NOT_IN_XML.sub(lambda m: code_of(m.group(), short=True), bytes_as_written(value)))


def check_errors_out(out: Path) -> Path:
    """Fail before any work when the error list cannot be written at `out`: not named .xlsx, a folder,
    or in a folder that does not exist (never made: a typo would otherwise create folders nobody
    asked for, as `report --out` and `backup --out` refuse them too) or cannot be written."""
    from ipdesk.domain.i18n import Text

    what = Text("错误清单", "error list")
    require_suffix(out, ".xlsx", what)
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        why = Text("文件夹不存在", "the folder does not exist")
        raise UserInputError(f"无法写入{what.zh}：{out}（{why.zh}）。请换一个位置，或先建好该文件夹。",
                             f"Cannot write the {what.en} to {out} ({why.en}). Choose another place, or make "
                             "the folder first.")
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".ipdesk-", delete=True):
            pass
    except OSError as exc:
        raise cannot_write(out, exc, what) from exc
    check_replaceable(out, what)
    return out
