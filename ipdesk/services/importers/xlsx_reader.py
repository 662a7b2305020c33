"""A small streaming XLSX cell reader: rows as they are parsed, memory flat in the file size.

It replaces openpyxl's read path (``read_only=True, data_only=True, values_only=True``) for staff
spreadsheets, with the same cell values, at about a sixth of the cost per row. Only what an import
needs is read: sheet names and order, the date system, shared strings, the number formats that
make a number a date, and cell values (cached results for formulas). Nothing else of the workbook.

Values, as openpyxl gives them:

* shared strings (``t="s"``) and inline strings (``t="inlineStr"``): the text of the ``<t>``
  elements, rich-text runs concatenated, phonetic runs (``<rPh>``) left out, and Excel's
  ``_xHHHH_`` escapes decoded (``unescape``). Here this reader parts from openpyxl, which leaves
  them as text (it only drops ``x005F_`` from shared strings): Excel writes a cell's line break
  typed on Windows as ``_x000D_`` plus a line feed, and staff would see ``_x000D_`` in titles;
* ``t="str"`` (a formula's text, escapes decoded too) and ``t="e"`` (an error such as ``#N/A``): the text;
* ``t="b"``: bool; ``t="d"``: ``openpyxl.utils.datetime.from_ISO8601``;
* numbers: ``int`` when the text has no ``.``, ``e`` or ``E``, else ``float``; a number whose cell
  style has a date or duration format (openpyxl's ``is_date_format`` / ``is_timedelta_format`` on the
  builtin or custom format) goes through openpyxl's ``from_excel`` with the workbook's epoch; a
  serial out of the date range becomes ``"#VALUE!"``, as in openpyxl;
* a cell without a value: ``None``.

Rows: ``(row number, values)``, the row number from ``<row r>``, positions from the cell references
(``r="C5"``; a cell without one follows the previous cell), gaps filled with ``None``. Unlike
openpyxl, rows without any value are not yielded and a row ends at its last value instead of being
padded to the sheet's declared dimension (openpyxl truncates cells beyond a wrong ``<dimension>``;
this reader does not look at it).

Safety: every part is parsed by expat with the refusals defusedxml installs (DOCTYPE, entity
declarations, external entities) — an XLSX part never has a DOCTYPE, so one is refused as hostile.
Cell text longer than ``Limits.max_cell_chars``, a row with more text than 64 such cells, column
references beyond XFD (16,384), row numbers beyond 1,048,576 and single XML tokens over 16 MiB are
refused, so a crafted file cannot make the reader hold more than a row. Shared strings stay in
memory up to ``Limits.max_shared_chars_in_memory`` characters and beyond that are kept in a private
temporary SQLite file (``SharedStrings``). Tags are matched by local
name, so the strict OOXML namespace and prefixed tags (``<x:row>``) read like the usual ones.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import sqlite3
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO
from xml.parsers import expat

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, WINDOWS_EPOCH, from_excel, from_ISO8601

from ipdesk.services.importers.safety import DEFAULT_LIMITS, ZIP_ERRORS, ImportFileError, Limits

Value = str | int | float | bool | dt.datetime | dt.date | dt.time | dt.timedelta | None
Row = tuple[int, tuple[Value, ...]]

MAX_COLUMN = 16_384  # XFD
MAX_ROW = 1_048_576
_CHUNK = 64 * 1024
_MAX_PENDING = 8 * 1024 * 1024  # bytes expat may hold for one unfinished token (a tag, an attribute)
_ROW_CELLS_OF_TEXT = 64  # a row may hold this many cells' worth of text (Limits.max_cell_chars each)
_DIGITS = "0123456789"

# element kinds, by local name
_OTHER, _ROW, _C, _V, _IS, _T, _RPH, _SHEETDATA, _SI, _F = range(10)
_KINDS = {"row": _ROW, "c": _C, "v": _V, "is": _IS, "t": _T, "rPh": _RPH, "sheetData": _SHEETDATA, "si": _SI, "f": _F}


# The East Asian built-in number formats (ECMA-376 Part 1, 18.8.30), as Chinese (zh-CN) Excel
# writes them: a date typed as 2021年12月10日 is stored with id 31, 12月10日 with 58. openpyxl leaves
# ids 27-36 and 50-58 out of its table, so it would hand these cells over as bare serial numbers.
_ZH_CN_BUILTIN_FORMATS: dict[int, str] = {
    27: 'yyyy"年"m"月"', 28: 'm"月"d"日"', 29: 'm"月"d"日"', 30: "m-d-yy", 31: 'yyyy"年"m"月"d"日"',
    32: 'h"时"mm"分"', 33: 'h"时"mm"分"ss"秒"', 34: '上午/下午h"时"mm"分"', 35: '上午/下午h"时"mm"分"ss"秒"',
    36: 'yyyy"年"m"月"', 50: 'yyyy"年"m"月"', 51: 'm"月"d"日"', 52: 'yyyy"年"m"月"', 53: 'm"月"d"日"',
    54: 'm"月"d"日"', 55: '上午/下午h"时"mm"分"', 56: '上午/下午h"时"mm"分"ss"秒"', 57: 'yyyy"年"m"月"',
    58: 'm"月"d"日"',
}


_ESCAPE_RE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def unescape(text: str) -> str:
    """Decode Excel's escapes in cell text (ECMA-376 ST_Xstring): ``_xHHHH_`` is the UTF-16 code
    unit HHHH, so ``_x000D_`` is a carriage return and ``_x005F_`` an underscore (which is how a
    literal ``_x000D_`` is written: ``_x005F_x000D_``); a pair of surrogate escapes is one character."""
    if "_x" not in text:
        return text
    out = _ESCAPE_RE.sub(lambda m: chr(int(m[1], 16)), text)
    if any("\ud800" <= ch <= "\udfff" for ch in out):
        out = out.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return out


def _local(name: str) -> str:
    """'x:row' -> 'row'; with namespace processing 'uri row' -> 'row'."""
    return name.rpartition(" ")[2].rpartition(":")[2]


def _learn(kinds: dict[str, int], name: str) -> int:
    """The kind of a tag name not seen yet ('x:row' is a row), remembered in `kinds` (bounded)."""
    kind = _KINDS.get(_local(name), _OTHER)
    if len(kinds) < 512:
        kinds[name] = kind
    return kind


# --- errors ------------------------------------------------------------------------------------------

def _cannot_open(file: str, detail: str) -> ImportFileError:
    return ImportFileError(
        "无法打开 Excel 文件（已损坏、加密或不是 XLSX）。", "cannot open the Excel file (damaged, encrypted or not XLSX).",
        file=file, reason="malformed", detail=detail,
    )


def _hostile(file: str, part: str, what: str) -> ImportFileError:
    return ImportFileError(
        f"Excel 文件中的 {part} 含有 DOCTYPE 或实体声明（可能是“十亿笑”实体炸弹或外部实体攻击），已拒绝读取。",
        f"{part} in the Excel file has a DOCTYPE or declares entities (an entity bomb or an external-entity "
        "attack); it was refused.",
        file=file, reason="hostile", detail=what,
    )


def _xml_error(file: str, part: str, exc: expat.ExpatError) -> ImportFileError:
    line, col = exc.lineno, exc.offset
    code = exc.code
    if code == expat.errors.codes[expat.errors.XML_ERROR_UNDEFINED_ENTITY]:
        zh, en = "使用了未定义的实体", "uses an undefined entity"
    elif code in (expat.errors.codes[expat.errors.XML_ERROR_NO_ELEMENTS],
                  expat.errors.codes[expat.errors.XML_ERROR_UNCLOSED_TOKEN]):
        zh, en = "不完整（可能被截断）", "is incomplete (truncated?)"
    else:
        zh, en = "格式错误", "is not well-formed"
    return ImportFileError(
        f"Excel 文件中的 {part} 的 XML {zh}（第 {line} 行第 {col} 列）。",
        f"the XML of {part} in the Excel file {en} (line {line}, column {col}).",
        file=file, reason="malformed", detail=str(exc),
    )


class _Refused(Exception):
    """Raised inside expat handlers; turned into a hostile ImportFileError by the feeder."""


def _refuse(*args: object) -> None:
    raise _Refused(repr(args[:4]))


def _refuse_external(context: str, base: str | None, system_id: str | None, public_id: str | None) -> int:
    raise _Refused(repr((context, base, system_id, public_id)))


def _safe_parser(namespaces: bool = False) -> expat.XMLParserType:
    """An expat parser that refuses what defusedxml refuses, and DOCTYPE (never in OOXML) too."""
    parser = expat.ParserCreate(namespace_separator=" ") if namespaces else expat.ParserCreate()
    parser.StartDoctypeDeclHandler = _refuse
    parser.EntityDeclHandler = _refuse
    parser.UnparsedEntityDeclHandler = _refuse
    parser.ExternalEntityRefHandler = _refuse_external
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.buffer_text = True
    parser.buffer_size = _CHUNK
    return parser


# --- the workbook ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Sheet:
    """A worksheet as the workbook lists it (chartsheets are left out)."""

    name: str
    part: str  # member of the ZIP
    hidden: bool = False  # hidden in Excel (state hidden or veryHidden): read all the same, and said


class SharedStrings:
    """A workbook's shared strings, indexed as the cells refer to them: in a list while their text
    is under `Limits.max_shared_chars_in_memory` characters, then in a private temporary SQLite
    file (deleted when closed), so that a huge or crafted workbook cannot make the reader hold
    them all: memory stays flat in the file size."""

    _ENTRY = 16  # a string's own overhead, counted against the budget in characters

    def __init__(self, memory_chars: int) -> None:
        self.memory: list[str] | None = []  # None once spilled
        self._budget = memory_chars
        self._chars = 0
        self._count = 0
        self._db: sqlite3.Connection | None = None
        self._pending: list[tuple[str]] = []

    def append(self, text: str) -> None:
        self._count += 1
        if self.memory is not None:
            self.memory.append(text)
            self._chars += len(text) + self._ENTRY
            if self._chars > self._budget:
                self._spill()
            return
        self._pending.append((text,))
        if len(self._pending) >= 10_000:
            self._flush()

    def _spill(self) -> None:
        self._db = sqlite3.connect("")  # "": a private on-disk temporary database
        self._db.execute("CREATE TABLE s (text TEXT NOT NULL)")
        assert self.memory is not None
        self._pending = [(t,) for t in self.memory]
        self.memory = None
        self._flush()

    def _flush(self) -> None:
        if self._db is not None and self._pending:
            self._db.executemany("INSERT INTO s (text) VALUES (?)", self._pending)
            self._pending = []

    def finish(self) -> None:
        self._flush()

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index: int) -> str:
        if self.memory is not None:
            return self.memory[index]
        assert self._db is not None
        row = self._db.execute("SELECT text FROM s WHERE rowid = ?", (index + 1,)).fetchone()
        if row is None:
            raise IndexError(index)
        return str(row[0])

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


class XlsxReader:
    """One workbook, open until close(): ``sheets``, ``date1904``, and ``rows(sheet)`` streamed.

    The constructor reads the workbook, its relationships, styles and shared strings; any failure
    is an ImportFileError (malformed, hostile or too_large). Use it as a context manager. The ZIP's
    sizes and ratios are the caller's to check first (safety.check_zip): parts are read no further
    than the sizes the ZIP declares."""

    def __init__(self, path: Path, limits: Limits = DEFAULT_LIMITS, *, file: str = "") -> None:
        self.file = file or path.name
        self.limits = limits
        try:
            self._zip = zipfile.ZipFile(path)
        except ZIP_ERRORS as exc:
            raise _cannot_open(self.file, f"{type(exc).__name__}: {exc}") from exc
        self._shared = SharedStrings(limits.max_shared_chars_in_memory)
        try:
            self._names = set(self._zip.namelist())
            self.sheets: list[Sheet] = []
            self.date1904 = False
            self._date_styles: dict[int, bool] = {}  # style index -> is a duration ([h]:mm)
            self._load()
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> XlsxReader:
        return self

    def __exit__(self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._shared.close()
        self._zip.close()

    @property
    def epoch(self) -> dt.datetime:
        epoch: dt.datetime = CALENDAR_MAC_1904 if self.date1904 else WINDOWS_EPOCH
        return epoch

    # -- parts --

    def _open(self, part: str) -> IO[bytes]:
        if part not in self._names:
            raise _cannot_open(self.file, f"missing part {part}")
        try:
            return self._zip.open(part)
        except ZIP_ERRORS as exc:
            raise _cannot_open(self.file, f"{part}: {type(exc).__name__}: {exc}") from exc

    def _feed(self, parser: expat.XMLParserType, part: str, label: str) -> Iterator[None]:
        """Feed `part` to `parser` chunk by chunk, yielding after each chunk (the handlers collect)."""
        fed = 0
        with self._open(part) as fh:
            while True:
                try:
                    chunk = fh.read(_CHUNK)
                except ZIP_ERRORS as exc:
                    raise _cannot_open(self.file, f"{part}: {type(exc).__name__}: {exc}") from exc
                fed += len(chunk)
                try:
                    parser.Parse(chunk, not chunk)
                except _Refused as exc:
                    raise _hostile(self.file, label, str(exc)) from exc
                except expat.ExpatError as exc:
                    raise _xml_error(self.file, label, exc) from exc
                if fed - parser.CurrentByteIndex > _MAX_PENDING:
                    raise ImportFileError(
                        f"Excel 文件中的 {label} 含有超长的 XML 标记，已拒绝读取。",
                        f"{label} in the Excel file holds an overlong XML token; it was refused.",
                        file=self.file, reason="hostile",
                    )
                yield
                if not chunk:
                    return

    def _parse_small(self, part: str, start: Callable[[str, dict[str, str]], None],
                     end: Callable[[str], None] | None = None) -> None:
        """Parse a part of the package (workbook, relationships, styles) with namespaces resolved."""
        parser = _safe_parser(namespaces=True)
        parser.StartElementHandler = start
        if end is not None:
            parser.EndElementHandler = end
        for _ in self._feed(parser, part, part):
            pass

    def _rels(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationships of `part`: id -> (type, target member), targets resolved as openpyxl does."""
        folder, base = posixpath.split(part)
        rels_part = posixpath.join(folder, "_rels", base + ".rels")
        rels: dict[str, tuple[str, str]] = {}
        if rels_part not in self._names:
            return rels

        def start(name: str, attrs: dict[str, str]) -> None:
            if _local(name) != "Relationship" or attrs.get("TargetMode") == "External":
                return
            target = attrs.get("Target", "")
            target = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            rels[attrs.get("Id", "")] = (attrs.get("Type", ""), target)

        self._parse_small(rels_part, start)
        return rels

    def _load(self) -> None:
        workbook = "xl/workbook.xml"
        for rel_type, target in self._rels("").values():
            if rel_type.endswith("/officeDocument"):
                workbook = target
        rels = self._rels(workbook)
        listed: list[tuple[str, str, bool]] = []

        def start(name: str, attrs: dict[str, str]) -> None:
            local = _local(name)
            if local == "sheet":
                rid = next((v for k, v in attrs.items() if k.endswith("relationships id")), "")
                listed.append((attrs.get("name", ""), rid, attrs.get("state", "") in ("hidden", "veryHidden")))
            elif local == "workbookPr":
                flag = attrs.get("date1904")
                self.date1904 = bool(flag) and flag not in ("false", "f", "0")  # openpyxl's Bool

        self._parse_small(workbook, start)
        for sheet_name, rid, hidden in listed:
            if rid not in rels:
                raise _cannot_open(self.file, f"sheet {sheet_name!r}: no relationship {rid!r}")
            rel_type, target = rels[rid]
            if rel_type.endswith("/chartsheet"):
                continue
            if target not in self._names:
                raise _cannot_open(self.file, f"sheet {sheet_name!r}: missing part {target}")
            self.sheets.append(Sheet(sheet_name, target, hidden))
        styles = next((t for ty, t in rels.values() if ty.endswith("/styles")), "xl/styles.xml")
        if styles in self._names:
            self._load_styles(styles)
        strings = next((t for ty, t in rels.values() if ty.endswith("/sharedStrings")), "xl/sharedStrings.xml")
        if strings in self._names:
            self._load_shared_strings(strings)

    def _load_styles(self, part: str) -> None:
        """Which cell styles (cellXfs indexes) format numbers as dates, as openpyxl decides it."""
        custom: dict[int, str] = {}
        xf_formats: list[int] = []
        stack: list[str] = []

        def number(text: str | None) -> int:
            try:
                return int(text) if text is not None else 0
            except ValueError as exc:
                raise ImportFileError(
                    f"Excel 文件中的 {part} 内容损坏。", f"{part} in the Excel file is damaged.",
                    file=self.file, reason="malformed", detail=str(exc),
                ) from exc

        def start(name: str, attrs: dict[str, str]) -> None:
            local = _local(name)
            parent = stack[-1] if stack else ""
            stack.append(local)
            if local == "numFmt" and parent == "numFmts":
                custom[number(attrs.get("numFmtId"))] = attrs.get("formatCode", "")
            elif local == "xf" and parent == "cellXfs":
                xf_formats.append(number(attrs.get("numFmtId")))

        def end(name: str) -> None:
            stack.pop()

        self._parse_small(part, start, end)
        for index, fmt_id in enumerate(xf_formats):
            fmt = custom[fmt_id] if fmt_id in custom else BUILTIN_FORMATS.get(fmt_id, _ZH_CN_BUILTIN_FORMATS.get(fmt_id))
            if is_date_format(fmt):
                self._date_styles[index] = is_timedelta_format(fmt)

    def _load_shared_strings(self, part: str) -> None:
        strings = self._shared
        buf: list[str] = []
        max_chars = self.limits.max_cell_chars
        size = 0
        capture = in_rph = False

        def start(name: str, attrs: dict[str, str]) -> None:
            nonlocal capture, in_rph, size
            try:
                kind = kinds[name]
            except KeyError:
                kind = _learn(kinds, name)
            if kind == _T:
                capture = not in_rph
            elif kind == _SI:
                buf.clear()
                size = 0
            elif kind == _RPH:
                in_rph = True

        def end(name: str) -> None:
            nonlocal capture, in_rph
            try:
                kind = kinds[name]
            except KeyError:
                kind = _learn(kinds, name)
            if kind == _T:
                capture = False
            elif kind == _SI:
                strings.append(unescape("".join(buf)))
            elif kind == _RPH:
                in_rph = False

        def chars(data: str) -> None:
            nonlocal size
            if capture:
                buf.append(data)
                size += len(data)
                if size > max_chars:
                    raise _too_long(self.file, f"{part} #{len(strings) + 1}", max_chars)

        kinds: dict[str, int] = {}
        parser = _safe_parser()
        parser.StartElementHandler = start
        parser.EndElementHandler = end
        parser.CharacterDataHandler = chars
        for _ in self._feed(parser, part, part):
            pass
        strings.finish()

    # -- rows --

    def rows(self, sheet: Sheet, unsaved: dict[int, list[int]] | None = None) -> Iterator[Row]:
        """(row number, values) for every row of `sheet` that holds a value, in file order. `unsaved`, when
        given, gets the cells that hold a formula without its result saved (a workbook a program wrote and
        no spreadsheet ever calculated): row number → 0-based columns, each filled before its row is yielded."""
        return _SheetRows(self, sheet, unsaved).run()


def _too_long(file: str, where: str, max_chars: int) -> ImportFileError:
    return ImportFileError(
        f"{where}：单元格文本超过 {max_chars} 个字符（Excel 的上限），已拒绝读取。",
        f"{where}: a cell's text is longer than {max_chars} characters (Excel's limit); refused.",
        file=file, reason="too_large",
    )


def _column(letters: str) -> int:
    """'A' -> 1, 'XFD' -> 16384; 0 when not a column (lower case and '$' are accepted, as openpyxl)."""
    letters = letters.replace("$", "").upper()
    if not 1 <= len(letters) <= 3 or not letters.isascii() or not letters.isalpha():
        return 0
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


class _SheetRows:
    """The expat handlers of one worksheet; rows are collected per chunk and yielded by run()."""

    def __init__(self, book: XlsxReader, sheet: Sheet, unsaved: dict[int, list[int]] | None = None) -> None:
        self.book = book
        self.sheet = sheet
        self.unsaved = unsaved

    def _damaged(self, ref: str, why: str) -> ImportFileError:
        label = f"[{self.sheet.name}] {ref}" if ref else f"[{self.sheet.name}]"
        return ImportFileError(
            f"Excel 工作表内容损坏（{label}）。", f"a worksheet is damaged ({label}).",
            file=self.book.file, reason="malformed", detail=why,
        )

    def run(self) -> Iterator[Row]:
        # The handlers share their state through closures: much faster than attributes of self.
        book = self.book
        file = book.file
        shared: list[str] | SharedStrings = book._shared.memory if book._shared.memory is not None else book._shared
        n_shared = len(book._shared)
        date_styles = book._date_styles
        epoch = book.epoch
        max_chars = book.limits.max_cell_chars
        max_row_chars = max_chars * _ROW_CELLS_OF_TEXT
        damaged = self._damaged
        unsaved = self.unsaved
        label = f"[{self.sheet.name}]"
        out: list[Row] = []
        kinds: dict[str, int] = {}
        columns: dict[str, int] = {}
        style_kinds: dict[str, int] = {}  # s attribute -> 0 plain, 1 date, 2 duration
        cells: list[Value] = []
        row_no = col = 0
        ref: str | None = None
        c_type: str | None = None
        c_style: str | None = None
        v_text: str | None = None
        is_text: str | None = None
        capture = in_is = in_rph = formula = False
        # the text of the current <v> or <is>: `piece`, and `more` when expat splits it
        piece: str | None = None
        more: list[str] = []
        row_size = value_start = limit = 0  # characters captured in the row; where this value began

        def style_kind(s: str) -> int:
            try:
                index = int(s)
            except ValueError as exc:
                raise damaged(ref or "", f"style {s!r}") from exc
            kind = 0 if index not in date_styles else 2 if date_styles[index] else 1
            if len(style_kinds) < 4096:
                style_kinds[s] = kind
            return kind

        def bad_column(r: str) -> ImportFileError:
            return ImportFileError(
                f"[{self.sheet.name}] 单元格引用 {r[:20]} 无效或超出 Excel 的列范围（最多 XFD 列，即 {MAX_COLUMN} 列），已拒绝读取。",
                f"[{self.sheet.name}] cell reference {r[:20]} is invalid or beyond Excel's columns (at most XFD, "
                f"{MAX_COLUMN} columns); refused.",
                file=file, reason="malformed",
            )

        def too_long() -> ImportFileError:
            if row_size - value_start > max_chars:
                return _too_long(file, f"{label} {ref or ''}".strip(), max_chars)
            return ImportFileError(
                f"{label} 第 {row_no} 行的文本超过 {max_row_chars} 个字符，已拒绝读取。",
                f"{label} row {row_no} holds more than {max_row_chars} characters of text; refused.",
                file=file, reason="too_large",
            )

        def outer_start(name: str, attrs: dict[str, str]) -> None:
            if (kinds[name] if name in kinds else _learn(kinds, name)) == _SHEETDATA:
                parser.StartElementHandler = start
                parser.EndElementHandler = end
                parser.CharacterDataHandler = chars

        def start(name: str, attrs: dict[str, str]) -> None:
            nonlocal row_no, col, ref, c_type, c_style, v_text, is_text, capture, in_is, in_rph, formula
            nonlocal cells, piece, row_size, value_start, limit
            try:
                kind = kinds[name]
            except KeyError:
                kind = _learn(kinds, name)
            if kind == _C:
                ref = attrs.get("r")
                c_type = attrs.get("t")
                c_style = attrs.get("s")
                v_text = is_text = None
                formula = False
                if ref is None:
                    col += 1
                    if col > MAX_COLUMN:
                        raise bad_column(f"#{col}")
                else:
                    letters = ref.rstrip(_DIGITS)
                    found = columns.get(letters)
                    if found is None:
                        found = _column(letters)
                        if not 1 <= found <= MAX_COLUMN:
                            raise bad_column(ref)
                        if len(columns) < 32_768:  # '$a', 'A'... spell a column many ways
                            columns[letters] = found
                    col = found
            elif kind in (_V, _IS):  # a value starts: <v> text, or an inline string's <t> runs
                piece = None
                if more:
                    more.clear()
                value_start = row_size
                limit = row_size + max_chars if row_size + max_chars < max_row_chars else max_row_chars
                if kind == _V:
                    capture = True
                else:
                    in_is = True
            elif kind == _T:
                capture = in_is and not in_rph
            elif kind == _ROW:
                r = attrs.get("r")
                if r is None:
                    row_no += 1
                else:
                    try:
                        row_no = int(r)
                    except ValueError:
                        try:
                            number = float(r)
                        except ValueError:
                            number = 0.5
                        if not number.is_integer():
                            raise damaged("", f"row number {r[:20]!r}") from None
                        row_no = int(number)
                if not 1 <= row_no <= MAX_ROW:
                    raise damaged("", f"row number {r[:20] if r else row_no!r} outside 1..{MAX_ROW}")
                col = row_size = 0
                cells = []
            elif kind == _RPH:
                in_rph = True
            elif kind == _F:
                formula = True

        def end(name: str) -> None:
            nonlocal capture, in_is, in_rph, v_text, is_text
            try:
                kind = kinds[name]
            except KeyError:
                kind = _learn(kinds, name)
            if kind == _C:
                value = (unescape(is_text) if is_text else is_text) if c_type == "inlineStr" else cell_value()
                i = col - 1
                if formula and value is None and v_text is None and unsaved is not None:
                    unsaved.setdefault(row_no, []).append(i)
                n = len(cells)
                if value is not None:
                    if i == n:
                        cells.append(value)
                    elif i > n:
                        cells.extend([None] * (i - n))
                        cells.append(value)
                    else:
                        cells[i] = value
                elif i < n:
                    cells[i] = None
            elif kind == _V:
                capture = False
                if v_text is None:
                    v_text = piece if not more else f"{piece}{''.join(more)}"
            elif kind == _T:
                capture = False
            elif kind == _IS:
                in_is = capture = False
                if is_text is None:
                    is_text = ("" if piece is None else piece) if not more else f"{piece}{''.join(more)}"
            elif kind == _ROW:
                if cells or (unsaved and row_no in unsaved):  # a row of unsaved formulas only: said too
                    out.append((row_no, tuple(cells)))
            elif kind == _RPH:
                in_rph = False
            elif kind == _SHEETDATA:
                parser.StartElementHandler = outer_start
                parser.EndElementHandler = None
                parser.CharacterDataHandler = None

        def chars(data: str) -> None:
            nonlocal piece, row_size
            if capture:
                row_size += len(data)
                if row_size > limit:
                    raise too_long()
                if piece is None:
                    piece = data
                else:
                    more.append(data)

        def cell_value() -> Value:
            text = v_text
            t = c_type
            try:
                if t is None or t == "n":
                    if not text:
                        return None
                    number: int | float = (
                        float(text) if "." in text or "e" in text or "E" in text else int(text))
                    if c_style is None:
                        return number
                    kind = style_kinds.get(c_style)
                    if kind is None:
                        kind = style_kind(c_style)
                    if not kind:
                        return number
                    try:
                        when: Value = from_excel(number, epoch, timedelta=kind == 2)
                    except (OverflowError, ValueError):
                        return "#VALUE!"  # openpyxl: a date serial outside the date range
                    return when
                if t == "s":
                    if not text:
                        return None
                    index = int(text)
                    if not 0 <= index < n_shared:
                        raise ValueError(f"shared string {index} of {n_shared}")
                    return shared[index]
                if not text:
                    return None
                if t == "b":
                    return bool(int(text))
                if t == "d":
                    parsed: Value = from_ISO8601(text)
                    return parsed
                if t == "str":
                    return unescape(text)
                return text  # "e" and anything else: the text, as openpyxl
            except (ValueError, OverflowError, TypeError) as exc:
                raise damaged(ref or f"#{col}", f"{type(exc).__name__}: {exc}"[:200]) from exc

        parser = _safe_parser()
        parser.StartElementHandler = outer_start
        for _ in book._feed(parser, self.sheet.part, f"{self.sheet.part} {label}"):
            if out:
                yield from out
                out.clear()
