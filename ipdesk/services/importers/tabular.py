"""Staff spreadsheets: CSV/TSV (encoding detected strictly) and XLSX (xlsx_reader, streamed).

Rows are streamed, never loaded whole, so memory stays flat in the file size. What Excel does to
data is detected and reported rather than guessed: the 1904 date system (a notice: the reader
converts date cells with the workbook's own epoch), numbers in identifier columns and Excel serial
numbers in date columns (row errors raised by validation, which sees the raw cell types here).
"""

from __future__ import annotations

import codecs
import csv
import io
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ipdesk.domain.shown_text import quoted_name
from ipdesk.services.importers.rows import Notice, RawRow, RowError
from ipdesk.services.importers.safety import (
    DEFAULT_LIMITS,
    ImportFileError,
    Limits,
    check_size,
    check_zip,
    refuse_non_text,
)
from ipdesk.services.importers.templates import (
    Template,
    fold_header,
    header_map,
    is_notes_sheet,
    match_headers,
)

log = logging.getLogger("ipdesk.import")

TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
_HEADER_SCAN_ROWS = 10
_CHUNK = 1 << 20


@dataclass
class Table:
    """One sheet (or CSV file) recognised as a template."""

    file: str
    sheet: str
    template: Template
    columns: dict[int, str]
    unknown_headers: list[str]
    header_row: int
    width: int = 0  # cells of the header row, up to its last one that is not empty


def detect_encoding(path: Path) -> str:
    """Stream the file through strict decoders: 'utf-8-sig' or 'gb18030' (the first that decodes
    everything), else ImportFileError. Memory stays flat: one chunk at a time."""
    with path.open("rb") as fh:
        head = fh.read(65536)
    refuse_non_text(head, path.name)
    last_error: UnicodeDecodeError | None = None
    for enc in ("utf-8-sig", "gb18030"):
        decoder = codecs.getincrementaldecoder(enc)(errors="strict")
        offset = 0
        try:
            with path.open("rb") as fh:
                while chunk := fh.read(_CHUNK):
                    decoder.decode(chunk)
                    offset += len(chunk)
                decoder.decode(b"", final=True)
            return enc
        except UnicodeDecodeError as exc:
            last_error = exc
            log.debug("%s is not %s (near byte %d)", path.name, enc, offset + exc.start)
    raise ImportFileError(
        "文本编码无法识别：既不是 UTF-8 也不是 GB18030/GBK。请另存为 UTF-8。",
        "unknown text encoding: neither UTF-8 nor GB18030/GBK. Save it as UTF-8.",
        file=path.name, reason="encoding", detail=str(last_error),
    )


def _encoding_label(path: Path, enc: str) -> str:
    if enc == "gb18030":
        return "GB18030"
    with path.open("rb") as fh:
        return "UTF-8 (BOM)" if fh.read(3) == b"\xef\xbb\xbf" else "UTF-8"


def _delimiter(first_line: str, suffix: str) -> str:
    if suffix == ".tsv":
        return "\t"
    counts = {d: first_line.count(d) for d in (",", "\t", ";", "，")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _is_empty(cells: tuple[object, ...] | list[object]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def _rows_to_raw(
    table: Table, rows: Iterator[tuple[int, tuple[object, ...] | list[object]]], limits: Limits,
    *, cells_past_header: bool = False, unsaved: dict[int, list[int]] | None = None,
) -> Iterator[RawRow]:
    """The rows under the header. With `cells_past_header` (a CSV), a row with more cells than the header has
    is refused: an unquoted comma in a value (an address) moved the cells after it (QA: 哈尔滨市五常市 was
    dropped without a word). `unsaved`: a workbook's formula cells without a saved result (`XlsxReader.rows`): a
    row with one in a template column is refused, not read as empty (QA: its applicants were lost)."""
    count = 0
    for number, cells in rows:
        formulas = unsaved.pop(number, []) if unsaved is not None else []
        if _is_empty(cells) and not formulas:
            continue
        count += 1
        if count > limits.max_rows:
            raise ImportFileError(
                f"行数超过上限 {limits.max_rows}。请拆分文件。",
                f"more than {limits.max_rows} rows. Split the file.", file=table.file, reason="too_large",
            )
        values: dict[str, object] = {}
        for index, name in table.columns.items():
            values[name] = cells[index] if index < len(cells) else None
        raw = RawRow(table.template.kind, table.file, number, values, where=table.sheet, from_list=True)
        for index in formulas:
            if index in table.columns:
                column = table.template.column(table.columns[index]).zh
                raw.errors.append(RowError(
                    table.file, number, column, "",
                    "这个单元格是公式，但文件里没有保存它的计算结果（表格是由程序生成的，没有在 Excel 或 WPS 中打开保存过）。"
                    "请在 Excel 或 WPS 中打开这个文件、保存，再导入",
                    "this cell holds a formula whose result was never saved in the file (the workbook was written by "
                    "a program and never opened and saved in Excel or WPS). Open the file in Excel or WPS, save it, "
                    "then import it again", table.sheet))
        past = [c for c in cells[table.width:] if not _is_empty([c])] if cells_past_header else []
        if past:
            shown = str(past[0]).strip()[:60]
            raw.errors.append(RowError(
                table.file, number, "", shown,
                f"这一行有 {table.width + len(cells[table.width:])} 个单元格，多于表头的 {table.width} 列（多出“{shown}”）。"
                "常见原因是某个值（如地址）里有逗号却没有加引号，后面的值都错了位：请给该值加上英文双引号，或在 Excel 中另存为 CSV",
                f"this row has more cells than the header's {table.width} columns (\"{shown}\" is extra). Usually a "
                "value (an address) holds a comma but is not quoted, so the values after it moved: put that value in "
                "double quotes, or save the list again as CSV from Excel", table.sheet))
        yield raw


def _find_header(
    numbered: Iterator[tuple[int, tuple[object, ...] | list[object]]], file: str, sheet: str
) -> tuple[Table | None, bool]:
    """Scan the first rows for a header row: (the table, False), or (None, True) for a template's
    notes sheet, or (None, False) when no header was found."""
    scanned = 0
    for number, cells in numbered:
        if _is_empty(cells):
            continue
        scanned += 1
        if scanned == 1 and is_notes_sheet(sheet, list(cells)):
            return None, True
        found = match_headers(list(cells))
        if found:
            template, columns, unknown = found
            width = max((i + 1 for i, c in enumerate(cells) if not _is_empty([c])), default=0)
            return Table(file, sheet, template, columns, unknown, number, width), False
        if scanned >= _HEADER_SCAN_ROWS:
            break
    return None, False


def _no_header_error(file: str) -> ImportFileError:
    return ImportFileError(
        "找不到可识别的表头。请使用导入模板（导入页的“下载空白模板…”，或命令行 ipdesk import --template），"
        "至少包含必填列：专利（公开号、名称）、商标（注册号、商标、类别）、地理标志（名称）。",
        "no recognisable header row. Use an import template (\"Download a blank template…\" on the Import page, or "
        "ipdesk import --template on the command line) "
        "with at least the required columns: patents (publication number, title), trademarks "
        "(registration number, mark, Nice class), GIs (name).",
        file=file, reason="wrong_format",
    )


def _table_notices(table: Table, notices: list[Notice]) -> None:
    label = quoted_name(f"{table.file} [{table.sheet}]" if table.sheet else table.file)
    notices.append(Notice(table.file, f"{label}：按“{table.template.title_zh}”读取（表头在第 {table.header_row} 行）。",
                          f"{label}: read as a {table.template.title_en.lower()} (header in row {table.header_row})."))
    # a template's column given twice (名称, 名称) is no unknown column: only its first is read
    known = header_map(table.template)
    repeated = [h for h in table.unknown_headers if fold_header(h) in known]
    unknown = [h for h in table.unknown_headers if fold_header(h) not in known]
    if repeated:
        cols = "、".join(dict.fromkeys(repeated[:12]))
        notices.append(Notice(table.file, f"{label}：列 {cols} 出现了不止一次，只读取了第一列，其余的已忽略：请核对要导入的是哪一列。",
                              f"{label}: the column {cols} appears more than once; only the first was read and the "
                              "others were ignored: check which one is meant."))
    if unknown:
        cols = "、".join(unknown[:12])
        notices.append(Notice(table.file, f"{label}：以下列不在模板中，已忽略：{cols}",
                              f"{label}: these columns are not in the template and were ignored: {cols}"))


def read_csv(path: Path, notices: list[Notice], limits: Limits = DEFAULT_LIMITS) -> Iterator[RawRow]:
    check_size(path, limits.max_text_bytes)
    enc = detect_encoding(path)
    notices.append(Notice(path.name, f"{quoted_name(path.name)}：文本编码 {_encoding_label(path, enc)}。",
                          f"{quoted_name(path.name)}: text encoding {_encoding_label(path, enc)}."))
    with path.open("rb") as raw:
        stream = io.TextIOWrapper(raw, encoding=enc, errors="strict", newline="")
        first = stream.readline(limits.max_line_chars)
        stream.seek(0)
        reader = csv.reader(_capped_lines(stream, limits.max_line_chars, path.name),
                            delimiter=_delimiter(first, path.suffix.lower()))
        cell_limit = limits.max_cell_chars * 4
        csv.field_size_limit(cell_limit)

        def numbered() -> Iterator[tuple[int, list[object]]]:
            try:
                for row in reader:
                    yield reader.line_num, list(row)
            except csv.Error as exc:
                line = reader.line_num
                if "field larger than field limit" in str(exc):
                    zh = (f"CSV 格式错误（第 {line} 行附近）：一个单元格超过了 {cell_limit:,} 个字符的上限。"
                          "通常是引号没有配对（以 \" 开始的单元格一直读到了后面的行）；"
                          "若确实有这么长的单元格，请把它缩短（Excel 单元格最多 32,767 个字符）。")
                    en = (f"malformed CSV (near line {line}): a cell is longer than the limit of {cell_limit:,} "
                          "characters. Usually a quote is never closed (a cell starting with \" runs on into the "
                          "following lines); if a cell really is that long, shorten it (an Excel cell holds at "
                          "most 32,767 characters).")
                else:
                    zh, en = f"CSV 格式错误（第 {line} 行）。", f"malformed CSV (line {line})."
                raise ImportFileError(zh, en, file=path.name, reason="malformed", detail=str(exc)) from exc

        rows = numbered()
        table, _notes = _find_header(rows, path.name, "")
        if table is None:
            raise _no_header_error(path.name)
        _table_notices(table, notices)
        yield from _rows_to_raw(table, rows, limits, cells_past_header=True)


def _capped_lines(stream: io.TextIOWrapper, cap: int, name: str) -> Iterator[str]:
    """The lines of `stream`, each read no further than `cap` characters: a longer one is refused
    before csv splits it into a row of millions of cells (one line of commas, no line break)."""
    number = 0
    while line := stream.readline(cap + 1):
        number += 1
        if len(line) > cap:
            raise ImportFileError(
                f"第 {number} 行太长（超过 {cap:,} 个字符）。这不像是一个表格文件；如果是，请检查换行符，或拆分后再导入。",
                f"line {number} is too long (over {cap:,} characters). This does not look like a table; if it "
                "is one, check its line breaks, or split it and import the parts.",
                file=name, reason="too_large")
        yield line


def read_xlsx(path: Path, notices: list[Notice], limits: Limits = DEFAULT_LIMITS) -> Iterator[RawRow]:
    # imported here: the reader pulls in openpyxl's date helpers, which startup does not need
    from ipdesk.services.importers.xlsx_reader import XlsxReader

    check_size(path, limits.max_xlsx_bytes)
    check_zip(path, limits)
    with XlsxReader(path, limits) as book:
        if book.date1904:
            notices.append(Notice(
                path.name,
                f"{quoted_name(path.name)}：工作簿使用 1904 日期系统（旧版 Mac Excel）；日期单元格已按 1904 系统换算，请核对预览中的日期。",
                f"{quoted_name(path.name)}: the workbook uses the 1904 date system (old Mac Excel); date cells were converted "
                "with it — check the dates in the preview.",
            ))
        tables = 0
        for sheet in book.sheets:
            if is_notes_sheet(sheet.name):
                continue  # the template's own explanation of its columns
            unsaved: dict[int, list[int]] = {}
            rows: Iterator[tuple[int, tuple[object, ...]]] = book.rows(sheet, unsaved)  # numbered by the sheet's rows
            table, notes = _find_header(rows, path.name, sheet.name)
            if notes:
                continue
            if table is None:
                notices.append(Notice(path.name, f"{quoted_name(f'{path.name} [{sheet.name}]')}：没有可识别的表头，已跳过。",
                                      f"{quoted_name(f'{path.name} [{sheet.name}]')}: no recognisable header; skipped."))
                continue
            tables += 1
            _table_notices(table, notices)
            if sheet.hidden:  # Excel does not show it: the rows read from it are said to come from there
                label = quoted_name(f"{path.name} [{sheet.name}]")
                notices.append(Notice(path.name, f"{label}：这个工作表在 Excel 中是隐藏的，其中的行也已读取：请确认要导入它。",
                                      f"{label}: this worksheet is hidden in Excel; its rows were read too: make sure "
                                      "it is meant to be imported."))
            yield from _rows_to_raw(table, rows, limits, unsaved=unsaved)
        if tables == 0:
            raise _no_header_error(path.name)
