"""The streaming XLSX reader: the same values as openpyxl (read_only, data_only, values_only) on
workbooks openpyxl writes and on hand-written, Excel-like packages (shared strings, styles, rich
text); the OOXML variants openpyxl cannot read (strict namespace, prefixed tags); and refusals of
hostile or broken files. Real files on disk, no mocks.

Row convention (documented in xlsx_reader): rows without a value are not yielded and a row ends at
its last value, so openpyxl's rows are compared after dropping empty rows and trailing Nones."""

from __future__ import annotations

import datetime as dt
import tempfile
import tracemalloc
import warnings
import zipfile
from collections.abc import Iterable
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ipdesk.services.importers.rows import Notice
from ipdesk.services.importers.safety import ImportFileError, Limits
from ipdesk.services.importers.tabular import read_xlsx
from ipdesk.services.importers.xlsx_reader import XlsxReader, unescape

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
STRICT_MAIN = "http://purl.oclc.org/ooxml/spreadsheetml/main"
STRICT_REL = "http://purl.oclc.org/ooxml/officeDocument/relationships"

Rows = dict[str, dict[int, tuple[object, ...]]]


# --- helpers -----------------------------------------------------------------------------------------

def ours(path: Path, limits: Limits | None = None) -> Rows:
    with XlsxReader(path, limits or Limits()) as book:
        return {sheet.name: dict(book.rows(sheet)) for sheet in book.sheets}


def theirs(path: Path) -> Rows:
    """openpyxl's read-only values, normalised to the reader's row convention, with Excel's
    ``_xHHHH_`` escapes decoded (which openpyxl leaves as text and the reader decodes; a text
    holding ``_x005F_`` is not comparable: openpyxl drops part of that escape)."""
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        out: Rows = {}
        for ws in wb.worksheets:
            rows: dict[int, tuple[object, ...]] = {}
            for number, row in enumerate(ws.iter_rows(values_only=True), start=1):
                values = [unescape(v) if isinstance(v, str) else v for v in row]
                while values and values[-1] is None:
                    values.pop()
                if values:
                    rows[number] = tuple(values)
            out[ws.title] = rows
        return out
    finally:
        wb.close()


def typed(rows: Rows) -> Rows:
    """Values with their types, so 1 == 1.0 == True cannot pass for one another."""
    return {s: {n: tuple((type(v).__name__, v) for v in r) for n, r in rs.items()} for s, rs in rows.items()}


def assert_parity(path: Path) -> Rows:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about dates out of range
        expected = theirs(path)
    got = ours(path)
    assert typed(got) == typed(expected)
    return got


def package(
    path: Path,
    sheets: Iterable[tuple[str, str]],
    *,
    shared: Iterable[str] = (),
    styles: str = "",
    workbook_pr: str = "",
    main: str = MAIN,
    rel: str = REL,
    prefix: str = "",
    absolute_targets: bool = False,
    extra: dict[str, str | bytes] | None = None,
) -> Path:
    """A minimal XLSX: `sheets` are (name, rows XML inside sheetData); `shared` are <si> bodies;
    `styles` the inside of <styleSheet>. The parts are as Excel lays them out."""
    sheets = list(sheets)
    shared = list(shared)
    p = f"{prefix}:" if prefix else ""
    xmlns = f'xmlns:{prefix}="{main}"' if prefix else f'xmlns="{main}"'
    rel_type = rel.replace("/relationships", "/relationships/") if rel == STRICT_REL else rel + "/"
    ct = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">',
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
          '<Default Extension="xml" ContentType="application/xml"/>',
          '<Override PartName="/xl/workbook.xml" '
          'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>']
    wb_rels = []
    sheet_elems = []
    files: dict[str, str | bytes] = {}
    for i, (name, rows) in enumerate(sheets, 1):
        target = f"/xl/worksheets/sheet{i}.xml" if absolute_targets else f"worksheets/sheet{i}.xml"
        wb_rels.append(f'<Relationship Id="rId{i}" Type="{rel_type}worksheet" Target="{target}"/>')
        sheet_elems.append(f'<{p}sheet name="{escape(name)}" sheetId="{i}" r:id="rId{i}"/>')
        ct.append(f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
                  'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>')
        files[f"xl/worksheets/sheet{i}.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<{p}worksheet {xmlns} xmlns:r="{rel}">'
            f'<{p}sheetData>{rows}</{p}sheetData></{p}worksheet>')
    n = len(sheets)
    if shared:
        wb_rels.append(f'<Relationship Id="rId{n + 1}" Type="{rel_type}sharedStrings" Target="sharedStrings.xml"/>')
        ct.append('<Override PartName="/xl/sharedStrings.xml" '
                  'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')
        files["xl/sharedStrings.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<{p}sst {xmlns} count="{len(shared)}" '
            f'uniqueCount="{len(shared)}">' + "".join(f"<{p}si>{s}</{p}si>" for s in shared) + f"</{p}sst>")
    if styles:
        wb_rels.append(f'<Relationship Id="rId{n + 2}" Type="{rel_type}styles" Target="styles.xml"/>')
        ct.append('<Override PartName="/xl/styles.xml" '
                  'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>')
        files["xl/styles.xml"] = f'<?xml version="1.0" encoding="UTF-8"?>\n<{p}styleSheet {xmlns}>{styles}</{p}styleSheet>'
    ct.append("</Types>")
    files["[Content_Types].xml"] = "".join(ct)
    files["_rels/.rels"] = (
        f'<Relationships xmlns="{PKG_REL}"><Relationship Id="rId1" Type="{rel_type}officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>')
    files["xl/workbook.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<{p}workbook {xmlns} xmlns:r="{rel}">'
        f'{workbook_pr}<{p}sheets>{"".join(sheet_elems)}</{p}sheets></{p}workbook>')
    files["xl/_rels/workbook.xml.rels"] = f'<Relationships xmlns="{PKG_REL}">{"".join(wb_rels)}</Relationships>'
    files.update(extra or {})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return path


def styles_xml(num_fmts: dict[int, str], xf_ids: list[int]) -> str:
    fmts = "".join(f'<numFmt numFmtId="{i}" formatCode="{escape(c, {chr(34): "&quot;"})}"/>'
                   for i, c in num_fmts.items())
    xfs = "".join(f'<xf numFmtId="{i}" fontId="0" fillId="0" borderId="0" xfId="0"/>' for i in xf_ids)
    return (f'<numFmts count="{len(num_fmts)}">{fmts}</numFmts>'
            '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
            '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
            '<borders count="1"><border/></borders>'
            # a numFmt and an xf outside numFmts/cellXfs must not count
            '<cellStyleXfs count="1"><xf numFmtId="14" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            f'<cellXfs count="{len(xf_ids)}">{xfs}</cellXfs>'
            '<dxfs count="1"><dxf><numFmt numFmtId="200" formatCode="yyyy"/></dxf></dxfs>')


def refused(path: Path, reason: str, limits: Limits | None = None) -> ImportFileError:
    with pytest.raises(ImportFileError) as info:
        ours(path, limits)
    assert info.value.reason == reason, (info.value.en, info.value.detail)
    assert path.name in info.value.message("zh_CN") and path.name in info.value.message("en")
    return info.value


# --- parity with openpyxl ----------------------------------------------------------------------------

def _openpyxl_workbook(path: Path, *, date1904: bool) -> Path:
    from openpyxl import Workbook
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    wb = Workbook()
    if date1904:
        wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.title = "专利"
    ws.append(["公开号", "名称", "申请日", "公开日", "时间", "时长", "数量", "比例", "有效", "备注"])
    formats = {1: "yyyy-mm-dd", 3: 'yyyy"年"m"月"d"日"', 4: "yyyy-mm-dd hh:mm:ss", 5: "h:mm:ss", 6: "[h]:mm:ss"}
    ws.append(["CN999000001A", "合成测试 水稻\n育秧", dt.date(2099, 1, 2), dt.datetime(2024, 2, 29, 13, 45, 30),
               dt.time(8, 30), dt.timedelta(hours=30, minutes=5), 42, 0.125, True, None])
    ws.append([None, "  前后空格  ", dt.date(1904, 1, 1), dt.datetime(1900, 3, 1), dt.time(0, 0, 1),
               dt.timedelta(seconds=1), 999_999_999_999_999, 1e20, False, "_x000D_ literal"])
    ws.append([])  # an empty row
    # "=1+1" is written as a formula without a cached value: read as None
    ws.append([12345678901234567890, -7, -0.5, 1e-7, 3.0, "9.9E+15", "=1+1", "", " ", "末"])
    ws["M7"] = "far right, after a gap of rows"
    ws["A9"] = dt.date(2000, 1, 1)
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, dt.datetime | dt.date | dt.time | dt.timedelta):
                cell.number_format = formats[cell.column]
    ws["G2"].number_format = "0.00"
    ws["H2"].number_format = 'yyyy"年"m"月"d"日"'  # a number with a date format: a date
    ws["C9"] = 45000
    ws["C9"].number_format = "mm-dd-yy"  # builtin 14
    ws["D9"] = 45000.75
    ws["D9"].number_format = "h:mm AM/PM"  # builtin 18
    ws["E9"] = 1.5
    ws["E9"].number_format = "[h]:mm:ss"  # builtin 46, a duration
    ws["F9"] = 0.25
    ws["F9"].number_format = "h:mm:ss"  # time only
    other = wb.create_sheet("商标 2")
    other["B2"] = "第二个工作表"
    other["D2"] = 3
    other["A5"] = True
    wb.create_sheet("空白")
    wb.save(path)
    return path


@pytest.mark.parametrize("date1904", [False, True])
def test_parity_with_openpyxl_on_workbooks_it_writes(tmp_path: Path, date1904: bool) -> None:
    path = _openpyxl_workbook(tmp_path / "o.xlsx", date1904=date1904)
    got = assert_parity(path)
    with XlsxReader(path) as book:
        assert book.date1904 is date1904
        assert [s.name for s in book.sheets] == ["专利", "商标 2", "空白"]
    sheet = got["专利"]
    assert sheet[2][2] == dt.datetime(2099, 1, 2) and sheet[2][4] == dt.time(8, 30)
    assert sheet[2][5] == dt.timedelta(hours=30, minutes=5)
    assert sheet[2][7] == dt.time(3, 0)  # 0.125 with a date format: an eighth of a day
    assert 4 not in sheet and sheet[7] == (None,) * 12 + ("far right, after a gap of rows",)
    assert type(sheet[3][6]) is int and sheet[3][6] == 999_999_999_999_999
    assert type(sheet[5][0]) is float  # openpyxl writes an int beyond 64 bits as a float
    assert got["商标 2"] == {2: (None, "第二个工作表", None, 3), 5: (True,)}
    assert got["空白"] == {}


def test_parity_with_openpyxl_on_an_excel_like_package(tmp_path: Path) -> None:
    """Shared strings (rich text, phonetic runs, escapes), custom and builtin date formats, CJK
    builtin ids, formulas' cached values, cells and rows without references."""
    shared = [
        "<t>公开号</t>", "<t>名称</t>", "<t>申请日</t>",
        '<t xml:space="preserve"> 合成测试 </t>',
        '<r><t>合成</t></r><r><rPr><b/></rPr><t xml:space="preserve">测试 富文本</t></r>'
        '<rPh sb="0" eb="2"><t>ゴウセイ</t></rPh><phoneticPr fontId="1"/>',
        "<t>a_x000D_b _x00e9_ c</t>", "<t/>", "<t>&lt;&amp;&gt;&quot;</t>",
    ]
    styles = styles_xml({164: 'yyyy"年"m"月"d"日"', 165: "0.000", 166: "[$-F800]dddd, mmmm dd, yyyy",
                         14: "yyyy/m/d"},
                        [0, 14, 164, 165, 21, 31, 57, 46, 22, 49, 166])
    rows = (
        '<row r="1" spans="1:4"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
        '<c r="C1" t="s"><v>2</v></c></row>'
        '<row r="3"><c r="A3" t="s"><v>3</v></c><c r="B3" t="s"><v>4</v></c><c r="C3" s="1"><v>45292</v></c>'
        '<c r="D3" s="2"><v>45292.5</v></c><c r="E3" s="3"><v>45292.5</v></c><c r="F3" s="4"><v>0.75</v></c>'
        '<c r="G3" s="0"><v>45292</v></c><c r="H3" s="0"><v>45292</v></c><c r="I3" s="7"><v>2.25</v></c>'
        '<c r="J3" s="8"><v>1</v></c><c r="K3" s="9"><v>7</v></c><c r="L3" s="10"><v>45292</v></c></row>'
        '<row r="4"><c r="A4" t="s"><v>5</v></c><c r="B4" t="s"><v>6</v></c><c r="C4" t="s"><v>7</v></c>'
        '<c r="D4" t="str"><f>A1&amp;"x"</f><v>公开号x</v></c><c r="E4" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
        '<c r="F4" t="b"><v>0</v></c><c r="G4"><f>1+1</f><v>2</v></c><c r="H4" t="n"><v>1E3</v></c>'
        '<c r="I4" s="1"><v>1E10</v></c><c r="J4" s="1"/><c r="K4"><v></v></c></row>'
        '<row><c t="s"><v>1</v></c><c><v>-0</v></c><c r="E5"><v>  12 </v></c><c><v>.5</v></c></row>'
        '<row r="9"><c r="C9" s="0"><v>3.14159265358979</v></c><c r="c9"><v>99</v></c></row>'
        '<row r="10"><c r="B10" s="99"><v>1</v></c></row>'  # a style the stylesheet does not have
    )
    path = package(tmp_path / "excel.xlsx", [("Sheet1", rows)], shared=shared, styles=styles)
    got = assert_parity(path)["Sheet1"]
    # the values that matter to the import, spelled out
    assert got[1] == ("公开号", "名称", "申请日")
    assert got[3][:4] == (" 合成测试 ", "合成测试 富文本", dt.datetime(2024, 1, 1), dt.datetime(2024, 1, 1, 12))
    assert got[3][4] == 45292.5 and got[3][5] == dt.time(18, 0)
    assert got[3][6] == 45292 and got[3][7] == 45292
    assert got[3][8] == dt.timedelta(hours=54)
    assert got[4][:6] == ("a\rb é c", "", '<&>"', "公开号x", "#DIV/0!", False)
    assert got[4][6:9] == (2, 1000.0, "#VALUE!")
    assert got[5] == ("名称", 0, None, None, 12, 0.5)  # no r: row 5, columns follow the previous cell
    assert got[9] == (None, None, 99)



def test_shared_strings_beyond_the_memory_budget_are_read_from_a_temporary_file(tmp_path: Path) -> None:
    """A workbook whose shared strings exceed the budget reads the same, with the strings on disk:
    memory stays flat however many unique strings a (huge or crafted) file holds."""
    from ipdesk.services.importers.xlsx_reader import SharedStrings

    texts = ["公开号", "名称", "摘要"] + [t for i in range(3000) for t in (f"合成测试名称{i}", f"合成测试摘要，第{i}条。" * 3)]
    shared = [f"<t>{escape(t)}</t>" for t in texts]
    rows = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>'
    rows += "".join(
        f'<row r="{i + 2}"><c r="A{i + 2}"><v>{i}</v></c><c r="B{i + 2}" t="s"><v>{3 + 2 * i}</v></c>'
        f'<c r="C{i + 2}" t="s"><v>{4 + 2 * i}</v></c></row>' for i in range(3000))
    path = package(tmp_path / "many.xlsx", [("Sheet1", rows)], shared=shared)
    in_memory = ours(path)
    assert in_memory["Sheet1"][3001] == (2999, "合成测试名称2999", "合成测试摘要，第2999条。" * 3)
    tiny = Limits(max_shared_chars_in_memory=2_000)
    assert ours(path, tiny) == in_memory
    with XlsxReader(path, tiny) as book:
        assert book._shared.memory is None and len(book._shared) == 6003  # spilled to the temp file
        assert book._shared[len(book._shared) - 1].startswith("合成测试摘要")
    with XlsxReader(path) as book:
        assert book._shared.memory is not None  # the default budget keeps a sheet like this in memory
    strings = SharedStrings(10)
    for text in ("甲" * 8, "乙", ""):
        strings.append(text)
    strings.finish()
    assert strings.memory is None and [strings[i] for i in range(3)] == ["甲" * 8, "乙", ""]
    with pytest.raises(IndexError):
        strings[3]
    strings.close()

def test_chinese_excel_builtin_date_formats_give_dates(tmp_path: Path) -> None:
    """Chinese Excel stores 2024年1月1日 with built-in id 31 and 1月1日 with 58 (ECMA-376's East Asian
    ids 27-36, 50-58), which openpyxl does not know: they must arrive as dates, not serial numbers
    the validator would reject."""
    ids = [0, 14, 27, 28, 30, 31, 32, 33, 36, 50, 52, 57, 58]
    styles = styles_xml({}, ids)
    cells = "".join(f'<c r="{chr(65 + i)}1" s="{i}"><v>45292</v></c>' for i in range(len(ids)))
    cells += '<c r="N1" s="6"><v>0.75</v></c>'
    path = package(tmp_path / "zh.xlsx", [("Sheet1", f'<row r="1">{cells}</row>')], styles=styles)
    with XlsxReader(path) as reader:
        (row,) = list(reader.rows(reader.sheets[0]))
    values = row[1]
    assert values[0] == 45292  # General stays a number
    assert values[1] == dt.datetime(2024, 1, 1)
    assert values[2:13] == (dt.datetime(2024, 1, 1),) * 11
    assert values[13] == dt.time(18, 0)  # id 32: h"时"mm"分"

_CELL = st.one_of(
    st.none(),
    st.integers(min_value=-(10**18), max_value=10**18),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cn")), max_size=12),
    st.sampled_from(["合成测试", "公开号", "#N/A", "", " ", "CN999000001A"]),
    st.tuples(st.sampled_from([1, 2, 3]), st.floats(min_value=0, max_value=2958465)),  # (date style, serial)
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(grid=st.lists(st.lists(_CELL, max_size=8), max_size=8), shared_strings=st.booleans())
def test_parity_with_openpyxl_on_random_grids(grid: list[list[object]], shared_strings: bool) -> None:
    strings: list[str] = []
    xml = []
    for r, cells in enumerate(grid, 1):
        parts = []
        for c, value in enumerate(cells):
            ref = f"{chr(65 + c)}{r}"
            if value is None:
                parts.append(f'<c r="{ref}"/>')
            elif isinstance(value, bool):
                parts.append(f'<c r="{ref}" t="b"><v>{int(value)}</v></c>')
            elif isinstance(value, int | float):
                parts.append(f'<c r="{ref}"><v>{value!r}</v></c>')
            elif isinstance(value, tuple):
                parts.append(f'<c r="{ref}" s="{value[0]}"><v>{value[1]!r}</v></c>')
            elif shared_strings:
                strings.append(f'<t xml:space="preserve">{escape(str(value))}</t>')
                parts.append(f'<c r="{ref}" t="s"><v>{len(strings) - 1}</v></c>')
            else:
                parts.append(f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(str(value))}</t></is></c>')
        xml.append(f'<row r="{r * 2}">{"".join(parts)}</row>')
    with tempfile.TemporaryDirectory() as tmp:
        path = package(Path(tmp) / "random.xlsx", [("S", "".join(xml))], shared=strings,
                       styles=styles_xml({}, [0, 14, 21, 46]))
        assert_parity(path)


# --- what openpyxl cannot read, or reads differently --------------------------------------------------

def test_inline_strings_formula_results_errors_and_iso_dates(tmp_path: Path) -> None:
    rows = (
        '<row r="2"><c r="A2" t="inlineStr"><is><t>内联</t></is></c>'
        '<c r="B2" t="inlineStr"><is><r><t>富</t></r><r><t>文本</t></r><rPh sb="0" eb="1"><t>フ</t></rPh></is></c>'
        '<c r="C2" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="D2" t="e"><v>#N/A</v></c>'
        '<c r="E2" t="d"><v>2024-03-01T10:20:30</v></c><c r="F2" t="d"><v>2024-03-01</v></c>'
        '<c r="G2" t="inlineStr"/><c r="H2" t="inlineStr"><is/></c></row>'
    )
    path = package(tmp_path / "inline.xlsx", [("S", rows)])
    got = assert_parity(path)["S"]
    assert got == {2: ("内联", "富文本", "ab", "#N/A", dt.datetime(2024, 3, 1, 10, 20, 30), dt.date(2024, 3, 1),
                       None, "")}


def test_strict_namespace_prefixed_tags_missing_refs_and_absolute_targets(tmp_path: Path) -> None:
    rows = ('<x:row><x:c t="s"><x:v>0</x:v></x:c><x:c><x:v>2</x:v></x:c><x:c r="E1" s="1"><x:v>45292</x:v></x:c>'
            '<x:c t="inlineStr"><x:is><x:r><x:t>前</x:t></x:r><x:rPh><x:t>skip</x:t></x:rPh>'
            '<x:r><x:t>后</x:t></x:r></x:is></x:c></x:row>'
            '<x:row><x:c r="C2" t="b"><x:v>1</x:v></x:c></x:row>')
    path = package(tmp_path / "strict.xlsx", [("严格", rows), ("二", '<x:row r="4"><x:c r="B4"><x:v>1.5</x:v></x:c></x:row>')],
                   shared=["<x:t>共享</x:t>"], styles=styles_xml({164: "yyyy-mm-dd"}, [0, 164]),
                   workbook_pr='<x:workbookPr date1904="true"/>', main=STRICT_MAIN, rel=STRICT_REL, prefix="x",
                   absolute_targets=True)
    with XlsxReader(path) as book:
        assert book.date1904
    assert ours(path) == {
        "严格": {1: ("共享", 2, None, None, dt.datetime(2028, 1, 2), "前后"), 2: (None, None, True)},
        "二": {4: (None, 1.5)},
    }


def test_read_xlsx_numbers_rows_as_the_sheet_does(tmp_path: Path) -> None:
    rows = ('<row r="3"><c r="B3" t="inlineStr"><is><t>公开号</t></is></c><c r="C3" t="inlineStr"><is><t>名称</t></is></c></row>'
            '<row r="4"><c r="B4" s="1"/></row>'  # styled but empty
            '<row r="7"><c r="B7" t="inlineStr"><is><t>CN999000001A</t></is></c>'
            '<c r="C7" t="inlineStr"><is><t>合成测试</t></is></c></row>')
    path = package(tmp_path / "gaps.xlsx", [("无表头", '<row r="1"><c r="A1"><v>1</v></c></row>'), ("专利", rows)],
                   workbook_pr='<workbookPr date1904="1"/>')
    notices: list[Notice] = []
    raw = list(read_xlsx(path, notices))
    assert [(r.row, r.where, r.values["pub_no"]) for r in raw] == [(7, "专利", "CN999000001A")]
    assert any("1904" in n.en for n in notices)
    assert any("[无表头]" in n.en and "skipped" in n.en for n in notices)
    assert any("header in row 3" in n.en for n in notices)


def test_memory_stays_flat_while_streaming(tmp_path: Path) -> None:
    row = "".join(f'<c r="{chr(65 + c)}{{n}}" t="inlineStr"><is><t>合成测试数据{{n}}-{c}</t></is></c>'
                  for c in range(10))
    body = "".join(f'<row r="{n}">{row.format(n=n)}</row>' for n in range(1, 20_001))
    path = package(tmp_path / "big.xlsx", [("S", body)])
    unpacked = len(body.encode())
    del body
    tracemalloc.start()
    try:
        with XlsxReader(path) as book:
            count = sum(1 for _ in book.rows(book.sheets[0]))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 20_000
    assert unpacked > 10_000_000 and peak < 2_000_000, (unpacked, peak)


# --- hostile and broken files ------------------------------------------------------------------------

LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
          '<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">'
          '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>')
XXE = '<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def _with_doctype(path: Path, part: str, doctype: str, entity: str) -> Path:
    """A package whose `part` declares `doctype` and uses `entity` where text may stand."""
    in_sheet = entity if part == "xl/worksheets/sheet1.xml" else "x"
    in_shared = entity if part == "xl/sharedStrings.xml" else "x"
    package(path, [("S", f'<row r="1"><c r="A1" t="s"><v>0</v></c>'
                         f'<c r="B1" t="inlineStr"><is><t>{in_sheet}</t></is></c></row>')],
            shared=[f"<t>{in_shared}</t>"])
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    head, _, rest = parts[part].decode().partition("\n")
    if part == "xl/workbook.xml":
        rest = rest.replace("<sheets>", f"<sheets>{entity}")
    parts[part] = f"{head}\n{doctype}{rest}".encode()
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/workbook.xml"])
@pytest.mark.parametrize(("doctype", "entity"), [(LAUGHS, "&lol3;"), (XXE, "&xxe;"), ('<!DOCTYPE worksheet>', "")])
def test_doctype_and_entities_are_refused_as_hostile(tmp_path: Path, part: str, doctype: str, entity: str) -> None:
    path = _with_doctype(tmp_path / "evil.xlsx", part, doctype, entity)
    err = refused(path, "hostile")
    assert "实体" in err.zh and "entit" in err.en and part in err.en


def test_hostile_sheet_through_read_xlsx(tmp_path: Path) -> None:
    path = _with_doctype(tmp_path / "evil.xlsx", "xl/worksheets/sheet1.xml", LAUGHS, "&lol3;")
    with pytest.raises(ImportFileError) as info:
        list(read_xlsx(path, []))
    assert info.value.reason == "hostile" and "evil.xlsx" in info.value.zh


def test_undefined_entity_truncated_and_malformed_sheets(tmp_path: Path) -> None:
    path = package(tmp_path / "undef.xlsx", [("S", '<row r="1"><c r="A1" t="inlineStr"><is><t>&foo;</t></is></c></row>')])
    assert "undefined entity" in refused(path, "malformed").en
    good = '<row r="1"><c r="A1"><v>1</v></c></row>' * 2000
    path = package(tmp_path / "cut.xlsx", [("S", good)])
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"][:30_000]
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    with XlsxReader(path) as book, pytest.raises(ImportFileError) as info:
        for _ in book.rows(book.sheets[0]):
            pass
    assert info.value.reason == "malformed" and "truncated" in info.value.en
    for bad in ('<row r="1"><c r="A1" t="s"><v>7</v></c></row>', '<row r="1"><c r="A1"><v>12abc</v></c></row>',
                '<row r="1"><c r="A1" t="b"><v>yes</v></c></row>', '<row r="x"><c r="A1"><v>1</v></c></row>',
                '<row r="1"><c r="A1"><v>1</v></row>'):
        path = package(tmp_path / "bad.xlsx", [("S", bad)], shared=["<t>only one</t>"])
        refused(path, "malformed")


def test_not_a_zip_encrypted_and_missing_parts(tmp_path: Path) -> None:
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"PK\x03\x04 this is not really a zip")
    assert "无法打开 Excel 文件" in refused(junk, "malformed").zh
    cfb = tmp_path / "encrypted.xlsx"  # Excel saves password-protected workbooks as OLE compound files
    cfb.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024)
    refused(cfb, "malformed")
    path = package(tmp_path / "nowb.xlsx", [("S", "")])
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist() if n != "xl/workbook.xml"}
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    assert "xl/workbook.xml" in refused(path, "malformed").detail
    path = package(tmp_path / "nosheet.xlsx", [("S", "")])
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist() if "worksheets" not in n}
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    assert "sheet1.xml" in refused(path, "malformed").detail


@pytest.mark.parametrize("cells", [
    '<c r="XFE1"><v>1</v></c>',
    '<c r="ZZZZZZ1"><v>1</v></c>',
    '<c r="XFD1"><v>1</v></c>' + "<c><v>1</v></c>",  # one past XFD by counting
    '<c r="A-1"><v>1</v></c>',
])
def test_absurd_column_references_are_refused(tmp_path: Path, cells: str) -> None:
    path = package(tmp_path / "wide.xlsx", [("S", f'<row r="1">{cells}</row>')])
    err = refused(path, "malformed")
    assert "XFD" in err.en and "XFD" in err.zh


def test_last_column_and_row_are_accepted_and_beyond_refused(tmp_path: Path) -> None:
    path = package(tmp_path / "edge.xlsx", [("S", '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')])
    row = ours(path)["S"][1048576]
    assert len(row) == 16384 and row[-1] == 1
    path = package(tmp_path / "deep.xlsx", [("S", '<row r="1048577"><c r="A1048577"><v>1</v></c></row>')])
    refused(path, "malformed")


def test_overlong_cell_text_is_refused(tmp_path: Path) -> None:
    limits = Limits(max_cell_chars=100)
    long = "长" * 101
    for name, rows, shared in (
        ("inline.xlsx", f'<row r="1"><c r="A1" t="inlineStr"><is><t>{long}</t></is></c></row>', []),
        ("value.xlsx", f'<row r="1"><c r="A1" t="str"><v>{"1" * 101}</v></c></row>', []),
        ("shared.xlsx", '<row r="1"><c r="A1" t="s"><v>0</v></c></row>', [f"<r><t>{long[:60]}</t></r><r><t>{long[:41]}</t></r>"]),
    ):
        path = package(tmp_path / name, [("S", rows)], shared=shared)
        err = refused(path, "too_large", limits)
        assert "100" in err.en and "100" in err.zh
    ok = package(tmp_path / "ok.xlsx", [("S", f'<row r="1"><c r="A1" t="inlineStr"><is><t>{long[:100]}</t></is></c></row>')])
    assert ours(ok, limits)["S"][1] == (long[:100],)
    many = "".join(f'<c t="inlineStr"><is><t>{long[:100]}</t></is></c>' for _ in range(70))  # 70 full cells
    path = package(tmp_path / "row.xlsx", [("S", f'<row r="1">{many}</row>')])
    assert "row 1" in refused(path, "too_large", limits).en


def test_overlong_xml_token_is_refused(tmp_path: Path) -> None:
    path = package(tmp_path / "token.xlsx", [("S", f'<row r="1"><c r="A1" junk="{"x" * (9 * 1024 * 1024)}"/></row>')])
    refused(path, "hostile")


def test_excel_escapes_are_decoded_in_every_kind_of_text(tmp_path: Path) -> None:
    """Excel stores a line break typed on Windows as ``_x000D_`` and a line feed, a literal
    ``_x000D_`` as ``_x005F_x000D_``, and a character beyond the BMP as two surrogate escapes."""
    shared = ["<t>合成测试_x000D_\n第二行</t>", "<t>字面 _x005F_x000D_ 保留</t>", "<t>_xD840__xDC0B_ 与 _x_ _x12_</t>"]
    rows = ('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>'
            '<c r="D1" t="inlineStr"><is><t>内联_x0009_制表</t></is></c>'
            '<c r="E1" t="str"><f>A1</f><v>公式_x000D_结果</v></c><c r="F1" t="e"><v>#N/A</v></c></row>')
    got = ours(package(tmp_path / "esc.xlsx", [("Sheet1", rows)], shared=shared))["Sheet1"][1]
    assert got == ("合成测试\r\n第二行", "字面 _x000D_ 保留", "\U0002000b 与 _x_ _x12_", "内联\t制表", "公式\r结果",
                   "#N/A")
    assert unescape("no escapes at all") == "no escapes at all"


def test_formulas_without_a_saved_result_are_refused_not_read_as_empty(tmp_path: Path) -> None:
    """QA: a workbook written by a program (formulas, no cached values) imported its applicants as empty."""
    from openpyxl import Workbook

    from ipdesk.services.importers.tabular import read_xlsx

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["公开号", "名称", "申请人", "申请日", "备注"])
    ws.append(["CN900000061A", "虚构名称", '="虚构"&"公司"', "=DATE(2020,1,5)", "=1+1"])
    ws.append(["CN900000062A", "虚构名称二", "虚构公司", "2020-01-05", None])
    ws.append(['="CN"&"900000063A"', '="x"', None, None, None])  # nothing but formulas: still said
    path = tmp_path / "formula.xlsx"
    wb.save(path)
    rows = {r.row: r for r in read_xlsx(path, [])}
    assert sorted(rows) == [2, 3, 4]
    assert {e.column for e in rows[2].errors} == {"申请人", "申请日"}  # 备注 is no template column
    assert "never saved" in rows[2].errors[0].why_en and "公式" in rows[2].errors[0].why_zh
    assert not rows[3].errors and rows[3].values["applicants"] == "虚构公司"
    assert {e.column for e in rows[4].errors} == {"公开号", "名称"}


def test_a_hidden_sheet_is_read_and_said(tmp_path: Path) -> None:
    """QA: a hidden sheet's rows were imported with no word that they came from a sheet Excel does not show."""
    from openpyxl import Workbook

    from ipdesk.services.importers.rows import Notice
    from ipdesk.services.importers.tabular import read_xlsx

    wb = Workbook()
    shown = wb.active
    assert shown is not None
    shown.append(["公开号", "名称"])
    shown.append(["CN900000081A", "虚构名称"])
    hidden = wb.create_sheet("旧数据")
    hidden.append(["公开号", "名称"])
    hidden.append(["CN900000082A", "虚构名称二"])
    hidden.sheet_state = "hidden"
    path = tmp_path / "hidden.xlsx"
    wb.save(path)
    notices: list[Notice] = []
    assert len(list(read_xlsx(path, notices))) == 2
    assert all(isinstance(n, Notice) for n in notices)
    said = [n.en for n in notices if "hidden in Excel" in n.en]
    assert len(said) == 1 and "旧数据" in said[0]
