"""Excel, Word and PDF carry the same words (QA 18b N3): the Excel report sheet left out the notes
under each wizard outcome (why "probably outside", "Data as of", what was searched, the cautions)
and listed the rules twice, after the checklist and again as the appendix.

Each report kind (GI check, brand check, patent list, a search, a basket of both) in both languages
is rendered to .docx and .xlsx, and the text lines of the two are compared as multisets: a line one
format leaves out, adds or repeats fails here. Layout-only text is set aside on both sides: labels
("Outcome", "Next steps", "Rules relied on"), the data-scope table (a table in Word, one line a
dataset in Excel), record tables (a sheet each in Excel) and Word's signature line.

Real seed data plus a few clearly synthetic imported patents and marks (CN9994…, 9994…, 合成测试)."""

from __future__ import annotations

import csv
import datetime as dt
import html
import re
import shutil
from collections import Counter
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest

from ipdesk.domain.i18n import is_english
from ipdesk.domain.report import LABELS, Report
from ipdesk.services.reports.builder import ReportMeta, search_basket_item
from ipdesk.services.reports.docx_renderer import render_docx
from ipdesk.services.reports.xlsx_renderer import render_xlsx

AS_OF = dt.date(2026, 11, 1)
KINDS = ("gi-check", "gi-inside", "brand-check", "patents", "search", "basket")


def _import_synthetic(services: Any, folder: Path) -> None:
    """Patents and marks so the brand check compares earlier marks and the patent list finds some."""
    patents = folder / "patents.csv"
    with patents.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["公开号", "名称", "专利类型", "申请人", "法律状态", "申请日", "IPC分类号"])
        w.writerow(["CN999400001A", "合成测试一种水稻育秧方法", "发明", "合成测试合作社", "有效", "2022-03-01", "A01G22/22"])
        w.writerow(["CN999400002U", "合成测试一种水稻插秧装置", "实用新型", "合成测试研究所", "有效", "2023-05-01", "A01C11/02"])
        w.writerow(["CN999400003U", "合成测试一种水稻秧盘", "实用新型", "合成测试研究所", "失效", "2005-05-01", "A01G9/02"])
    marks = folder / "marks.csv"
    with marks.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["注册号", "商标", "类别", "注册人", "注册日", "专用权期限至"])
        w.writerow(["99940001", "合成五常香米", "30", "合成测试合作社", "2015-06-01", "2035-05-31"])
    importer = services.importer
    importer.commit(importer.stage([patents, marks], local=True, as_of=AS_OF))


@pytest.fixture(scope="module")
def parity_services(tmp_path_factory: pytest.TempPathFactory, seed_path: Path) -> Iterator[Any]:
    from ipdesk.services.container import build_services

    folder = tmp_path_factory.mktemp("parity-data")
    shutil.copyfile(seed_path, folder / "ipdesk.sqlite")
    svc = build_services(folder)
    _import_synthetic(svc, tmp_path_factory.mktemp("parity-import"))
    yield svc
    svc.close()


def build(services: Any, kind: str, lang: str) -> Report:
    meta = ReportMeta(client="测试合作社", staff="测试员", report_no="TEST-00000001")
    wizards, builder = services.wizards, services.reports.builder
    if kind == "gi-check":
        town = services.places.read_townships("宁安市 海浪镇").towns[0].code
        outcome = wizards.gi_check({"product": "响水大米", "township_code": town, "role": "cooperative"})
    elif kind == "gi-inside":  # 五常市 龙凤山镇: inside 五常大米's area
        outcome = wizards.gi_check({"product": "五常大米", "township_code": "230184100000", "role": "cooperative"})
    elif kind == "brand-check":
        outcome = wizards.brand_check({"name": "五常香", "nice_class": 30})
    elif kind == "patents":
        outcome = wizards.patent_finder({"crop": "水稻", "technique": "planting"}, today=dt.date(2026, 11, 26))
    elif kind == "search":
        return builder.for_search("五常", None, lang, meta)  # type: ignore[no-any-return]
    else:  # a basket: a whole search and a wizard outcome
        from ipdesk.domain.basket import BasketItem

        outcome = wizards.brand_check({"name": "五常香", "nice_class": 30})
        items = [search_basket_item("响水"), BasketItem("wizard", 1, "brand", "", payload=outcome)]
        return builder.for_basket(items, lang, meta)  # type: ignore[no-any-return]
    return builder.for_outcome(outcome, lang, meta)  # type: ignore[no-any-return]


# --- each format's text lines ---------------------------------------------------------------------

def _labels(report: Report) -> set[str]:
    terms = [s.label for s in report.search_terms] + [s.label for sec in report.sections for s in sec.search_terms]
    return {LABELS[k](report.lang) for k in LABELS} | set(terms)


def _split_label(line: str, report: Report) -> list[str]:
    """"Outcome: …", "Query: 五常" (one paragraph in Word, a label and a value cell in Excel) as two lines."""
    colon = ": " if is_english(report.lang) else "："
    for label in _labels(report):
        if line.startswith(label + colon):
            return [label, line[len(label + colon):]]
    return [line]


def _layout_only(report: Report) -> set[str]:
    """Captions and headings of tables that Excel gives a sheet of their own, and table notes."""
    out = {sec.caption(t) for sec in report.sections for t in sec.tables}
    out |= {sec.heading for sec in report.sections if not (sec.search_terms or sec.paragraphs or sec.wizard)}
    out |= {t.note for t in report.tables()}
    return out - {""}


def _normalised(lines: list[str], report: Report) -> Counter[str]:
    labels, skip = _labels(report), _layout_only(report)
    signature = report.label("signature")
    out: Counter[str] = Counter()
    for raw in lines:
        for line in _split_label(raw.strip(), report):
            line = line.strip()
            if line and line not in labels and line not in skip and not line.startswith(signature):
                out[line] += 1
    return out


def docx_lines(path: Path, report: Report) -> Counter[str]:
    doc = docx.Document(str(path))
    # a numbered list's items as a reader sees them ("1. …"): Word numbers them, restarting with each list
    lines, number = [], 0
    for p in doc.paragraphs:
        number = number + 1 if p.style.name == "List Number" else 0
        lines.append(f"{number}. {p.text}" if number else p.text)
    question, answer = report.label("question"), report.label("answer")
    for i, table in enumerate(doc.tables):
        head = [c.text for c in table.rows[0].cells]
        if i == 0 or head == [question, answer]:  # the cover, and the questions and answers
            lines += [c.text for row in table.rows for c in row.cells]
        # the scope table and record tables: compared elsewhere (test_xlsx, test_docx)
    return _normalised(lines, report)


def xlsx_lines(path: Path, report: Report) -> Counter[str]:
    ws = openpyxl.load_workbook(path).worksheets[0]
    lines, in_scope = [], False
    for row in ws.iter_rows(values_only=True):
        # a date and time (出具日期) as the sheet shows it (yyyy-mm-dd hh:mm)
        cells = [v.strftime("%Y-%m-%d %H:%M") if isinstance(v, dt.datetime) else str(v)
                 for v in row if v is not None and str(v).strip()]
        if cells == [report.label("scope")]:
            in_scope = True
            continue
        if in_scope:
            if not cells:
                in_scope = False
            continue
        lines += cells
    return _normalised(lines, report)


_BREAKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "li", "td", "th", "br", "tr", "table"})


class _Blocks(HTMLParser):
    """The PDF's HTML as lines (one a paragraph, heading, list item, table cell or <br/>), each with
    the table it is in (None: outside tables); the style sheet is not text."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[tuple[str, int | None]] = []
        self.tables: list[list[str]] = []  # each table's lines
        self._text = ""
        self._table: int | None = None
        self._style = False
        self._ordered: int | None = None  # in an <ol>: its items are numbered as the PDF shows them

    def _flush(self) -> None:
        if self._text.strip():
            self.lines.append((self._text, self._table))
            if self._table is not None:
                self.tables[self._table].append(self._text)
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._style = tag == "style"
        if tag in _BREAKS:
            self._flush()
        if tag == "table":
            self.tables.append([])
            self._table = len(self.tables) - 1
        if tag == "ol":
            self._ordered = 0
        if tag == "li" and self._ordered is not None:
            self._ordered += 1
            self._text = f"{self._ordered}. "

    def handle_endtag(self, tag: str) -> None:
        self._style = False
        if tag in _BREAKS:
            self._flush()
        if tag == "table":
            self._table = None
        if tag == "ol":
            self._ordered = None

    def handle_data(self, data: str) -> None:
        if not self._style:
            self._text += data


def pdf_lines(report: Report) -> Counter[str]:
    from ipdesk.ui.report_pdf import report_html

    parser = _Blocks()
    parser.feed(report_html(report))
    parser.close()
    qa = [report.label("question"), report.label("answer")]
    kept = {i for i, t in enumerate(parser.tables) if i == 0 or t[:2] == qa}  # the cover, questions and answers
    lines = [html.unescape(text) for text, table in parser.lines if table is None or table in kept]
    return _normalised([re.sub(r"\s+", " ", x.replace("\xa0", " ")) for x in lines], report)


def _diff(a: Counter[str], b: Counter[str]) -> str:
    return f"only/more in the first: {sorted((a - b).elements())}\nonly/more in the second: {sorted((b - a).elements())}"


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
@pytest.mark.parametrize("kind", KINDS)
def test_excel_carries_what_word_prints(parity_services: Any, tmp_path: Path, kind: str, lang: str) -> None:
    report = build(parity_services, kind, lang)
    render_docx(report, tmp_path / "r.docx")
    render_xlsx(report, tmp_path / "r.xlsx")
    words, sheet = docx_lines(tmp_path / "r.docx", report), xlsx_lines(tmp_path / "r.xlsx", report)
    assert words == sheet, _diff(words, sheet)
    for wizard in report.wizard_sections():  # each rule once (in the appendix), as in Word
        for rule in wizard.citations:
            assert sheet[rule] == 1, rule


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
@pytest.mark.parametrize("kind", KINDS)
def test_pdf_prints_what_word_prints(parity_services: Any, tmp_path: Path, kind: str, lang: str) -> None:
    report = build(parity_services, kind, lang)
    render_docx(report, tmp_path / "r.docx")
    words, printed = docx_lines(tmp_path / "r.docx", report), pdf_lines(report)
    assert words == printed, _diff(words, printed)


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_notes_qa_missed_are_on_the_sheet(parity_services: Any, tmp_path: Path, lang: str) -> None:
    """The lines QA 18b named, found on the Excel report sheet."""
    en = is_english(lang)
    expected = {
        "gi-check": ["The offline data's note on the area of" if en else "本机数据对“响水大米”保护范围的备注",
                     "Data as of:" if en else "所依据的数据截至："],
        "gi-inside": ["Only products that meet the GI's standard" if en else "只有符合该地理标志标准"],
        "brand-check": ["No similar group was chosen" if en else "没有选择类似群"],
        "patents": ["Searched for: 水稻" if en else "检索用词：水稻", "A patent protects only where" if en else "专利只在"],
    }
    for kind, needles in expected.items():
        report = build(parity_services, kind, lang)
        render_xlsx(report, tmp_path / f"{kind}.xlsx")
        text = "\n".join(str(v) for row in openpyxl.load_workbook(tmp_path / f"{kind}.xlsx").worksheets[0]
                         .iter_rows(values_only=True) for v in row if v is not None)
        for needle in needles:
            assert needle in text, (kind, needle)
