"""PDF through Qt: A4, Chinese text embedded and extractable as the same characters, numbered
pages, table headers repeated on every page. Checked with poppler's pdftotext/pdffonts/pdfinfo."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from ipdesk.ui.report_pdf import render_pdf
from tests.reports.conftest import synthetic_report

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


def pdftotext(path: Path, first: int | None = None, last: int | None = None) -> str:
    args = ["pdftotext", "-enc", "UTF-8"]
    if first:
        args += ["-f", str(first), "-l", str(last or first)]
    return subprocess.run([*args, str(path), "-"], capture_output=True, text=True, check=True).stdout


def pdfinfo(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, v in (line.split(":", 1) for line in out.splitlines() if ":" in line)}


@pytest.mark.parametrize("rows", [0, 1, 500])
def test_pdf_text_comes_back_identical(qapp, tmp_path: Path, rows: int) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "r.pdf"
    render_pdf(synthetic_report(rows), path)
    text = pdftotext(path)
    assert "测试报告：合成数据" in text  # the title, not Kangxi radicals (⼀ for 一 …)
    assert "免责声明" in text and "数据范围" in text
    info = pdfinfo(path)
    assert "595.28 x 841.89" in info["Page size"] or "595 x 842" in info["Page size"]  # A4
    if rows:
        assert "测试样品0号" in text and "0000000" in text
    else:
        assert "（无结果）" in text
    if rows == 500:
        pages = int(info["Pages"])
        assert pages >= 8
        last = pdftotext(path, pages - 1)
        assert "编号" in last and "说明" in last  # the header row repeats
        assert f"第 {pages - 1} 页 / 共 {pages} 页" in last
        assert "测试样品499号" in text


def test_a_pasted_manual_line_break_breaks_the_line_as_in_word_and_excel(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A vertical tab (Word's Shift+Enter, pasted into a record or the client) showed as a space in the PDF,
    where the Word and Excel reports break the line (`report.xml_safe`)."""
    report = synthetic_report(2)
    report.sections[-1].tables[0].rows[0][1] = "合成测试\x0b第二行"
    report.client = "五常\r\n合作社"
    path = tmp_path / "r.pdf"
    render_pdf(report, path)
    lines = pdftotext(path).splitlines()
    assert "第二行" in lines and not any("测试 第二行" in line or "测试第二行" in line for line in lines)
    assert any(line.endswith("五常") for line in lines) and "合作社" in lines


def test_font_is_embedded(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "r.pdf"
    render_pdf(synthetic_report(1), path)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(" yes " in row for row in rows)  # every font embedded


def test_english_report_with_wizard(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "r.pdf"
    render_pdf(synthetic_report(2, "en", wizard=True), path)
    text = " ".join(pdftotext(path).split())
    for needle in ("Test report: synthetic data", "Report number", "Synthetic outcome", "Document checklist",
                   "Page 1 of", "ipdesk 0.0.0-test", "not legal advice", "测试样品1号"):
        assert needle in text


def test_radical_lookalikes_extract_as_ideographs(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Fonts such as Noto Sans CJK map 一/⼀ to one glyph and extract as Kangxi radicals; ours must not."""
    lookalikes = "一二人口日月土工大小山水火木目田言门马鸟龙长见风"
    report = synthetic_report(1)
    report.title = f"测试{lookalikes}"
    path = tmp_path / "r.pdf"
    render_pdf(report, path)
    text = pdftotext(path)
    assert lookalikes in text
    assert not any("\u2f00" <= ch <= "\u2fdf" or "\u2e80" <= ch <= "\u2eff" for ch in text)


def test_cli_writes_a_pdf_without_a_display(data_dir: Path, tmp_path: Path) -> None:
    """The real `ipdesk` process, no QApplication and no display: the offscreen QGuiApplication path."""
    import os
    import sys

    out = tmp_path / "r.pdf"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    proc = subprocess.run(
        [sys.executable, "-m", "ipdesk", "--data-dir", str(data_dir), "report", "search", "五常大米",
         "--format", "pdf", "--out", str(out), "--client", "测试合作社"],
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    text = pdftotext(out)
    assert "五常大米" in text and "测试合作社" in text and "粮油" in text


def _paragraphs(n: int) -> list[str]:
    """Synthetic paragraphs of several lines; every sentence is numbered, so a line drawn twice shows."""
    return ["".join(f"第{i}段第{j}句，用于测试分页的合成内容。" for j in range(8)) for i in range(n)]


def _pages(path: Path) -> list[str]:
    return [page for page in pdftotext(path).split("\f") if page.strip()]


@pytest.mark.parametrize("rows", range(0, 60, 3))
def test_a_paragraph_across_a_page_break_is_in_the_text_once(qapp, tmp_path: Path, rows: int) -> None:  # type: ignore[no-untyped-def]
    """Qt draws the last line above a page again (clipped) on the next page: a paragraph crossing
    the break must not reach the PDF's text twice. The row counts move the appendix across page 1's foot."""
    from ipdesk.domain.report import Appendix

    report = synthetic_report(rows)
    report.appendices = [Appendix("合成附录", _paragraphs(12))]
    path = tmp_path / "r.pdf"
    render_pdf(report, path)
    text = "".join(pdftotext(path).split())
    for i in range(12):
        for j in range(8):
            assert text.count(f"第{i}段第{j}句") == 1, f"paragraph {i}, sentence {j}"


def test_a_long_table_lists_each_row_once(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import re

    path = tmp_path / "r.pdf"
    render_pdf(synthetic_report(500), path)
    names = re.findall(r"测试样品\d+号", pdftotext(path))
    assert len(names) == 500 and len(set(names)) == 500


HEADINGS = ("数据范围", "检索条件", "合成结果表", "结论", "免责声明", "附录：合成附录", "合成向导", "问题与回答",
            "下一步", "材料清单")


@pytest.mark.parametrize("rows", range(0, 90, 4))
def test_no_page_ends_with_a_heading(qapp, tmp_path: Path, rows: int) -> None:  # type: ignore[no-untyped-def]
    report = synthetic_report(rows, wizard=True)
    from ipdesk.domain.report import Appendix

    report.appendices = [Appendix("合成附录", _paragraphs(3))]
    path = tmp_path / "r.pdf"
    render_pdf(report, path)
    pages = _pages(path)
    for number, page in enumerate(pages[:-1], start=1):
        body = [line.strip() for line in page.splitlines() if line.strip() and "ipdesk 0.0.0-test" not in line
                and not line.strip().startswith("第 ")]
        assert body[-1] not in HEADINGS, f"page {number} ends with the heading {body[-1]}"
    assert sum("附录：合成附录" in p for p in pages) == 1


@pytest.mark.parametrize("rows", [0, 25, 60])
def test_a_heading_after_a_table_with_an_empty_column_keeps_its_space(qapp, rows: int) -> None:  # type: ignore[no-untyped-def]
    """QA: with an empty last column (曾用名), Qt left no room under the table and the next
    heading sat on its last row; it keeps the space any other table leaves."""
    from PySide6.QtGui import QTextTable

    from ipdesk.ui.report_pdf import layout_report

    report = synthetic_report(rows + 1)
    for row in report.sections[0].tables[0].rows:
        row[4] = ""
    laid = layout_report(report)
    doc, layout = laid.doc, laid.doc.documentLayout()
    gaps = []
    for table in doc.rootFrame().childFrames():
        assert isinstance(table, QTextTable)
        frame = layout.frameBoundingRect(table)
        following = doc.findBlock(table.lastPosition() + 1)
        while not following.text().strip():
            following = following.next()
        gaps.append(layout.blockBoundingRect(following).top() - frame.bottom())
    scope, results = gaps[1], gaps[-1]  # the data scope's table, the synthetic results
    assert results >= scope - 1


def _line_tops(doc, block) -> list[float]:  # type: ignore[no-untyped-def]
    """Where each line of `block` is in the document: from the block's top, with the offset Qt gives
    a line it pushed to the next page (measured here, not by the renderer's own pagination code)."""
    top = doc.documentLayout().blockBoundingRect(block).top()
    layout = block.layout()
    return [top + layout.lineAt(i).y() for i in range(layout.lineCount())]


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_a_heading_is_never_left_at_the_foot_of_a_page(qapp, lang: str) -> None:  # type: ignore[no-untyped-def]
    """QA: the heading 结论 was the last line of page 1 and its text on page 2 — Qt had pushed the
    paragraph's only line to the next page, and the pagination read that line as still on page 1.
    A paragraph one line longer at a time moves the heading across the foot of the page."""
    from ipdesk.ui.report_pdf import layout_report

    for lines in range(1, 75):
        report = synthetic_report(0, lang)
        report.sections[0].paragraphs = ["\n".join(f"合成填充第{j}行" for j in range(lines))]
        laid = layout_report(report)
        doc, page_h = laid.doc, laid.body.height()
        block = doc.begin()
        while block.isValid():
            if block.blockFormat().headingLevel() > 0:
                following = block.next()
                while following.isValid() and not following.text().strip():
                    following = following.next()
                if following.isValid() and following.layout().lineCount():
                    heading_page = int((_line_tops(doc, block)[-1] + 0.5) // page_h)
                    text_page = int((_line_tops(doc, following)[0] + 0.5) // page_h)
                    assert text_page == heading_page, (lines, block.text(), heading_page, text_page)
            block = block.next()


def _catalog_language(path: Path) -> str:
    from pypdf import PdfReader

    return str(PdfReader(str(path)).trailer["/Root"].get_object()["/Lang"])


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_pdf_says_its_author_subject_language_and_creator(qapp, tmp_path: Path, lang: str) -> None:  # type: ignore[no-untyped-def]
    """QA 20a N7: the exported PDF had a title only; Word's file names its author (the staff), subject and
    language."""
    report = synthetic_report(3, lang)
    report.staff = "欧阳𠮷祥"  # beyond U+FFFF too
    path = tmp_path / "r.pdf"
    render_pdf(report, path)
    info = pdfinfo(path)
    assert info["Title"] == report.title and info["Author"] == "欧阳𠮷祥"
    assert info["Subject"] == report.purpose and info["Creator"] == "ipdesk 0.0.0-test"
    assert _catalog_language(path) == ("zh-CN" if lang == "zh_CN" else "en")
    assert report.title in pdftotext(path) and "欧阳𠮷祥" in pdftotext(path, 1)  # the text layer is as it was


def test_a_printout_to_a_pdf_file_has_a_title_creator_and_author(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """QA 20a N7: printing to a PDF file from the window wrote no title and no creator at all."""
    from PySide6.QtPrintSupport import QPrinter

    from ipdesk.ui.report_pdf import paint_report

    report = synthetic_report(3)
    path = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    assert paint_report(report, printer) >= 1
    info = pdfinfo(path)
    assert info["Title"] == report.title and info["Creator"] == "ipdesk 0.0.0-test"
    assert info["Author"] == report.staff and info["Subject"] == report.purpose
    assert _catalog_language(path) == "zh-CN" and "测试样品2号" in pdftotext(path)


def test_reports_are_laid_out_on_one_shared_device_not_a_new_one_each(qapp) -> None:  # type: ignore[no-untyped-def]
    """PySide keeps every paint device handed to a document's layout referenced for good: a new reference
    device for each report stayed in memory with it. One device per resolution serves them all."""
    from ipdesk.ui.report_pdf import layout_report

    first, second = layout_report(synthetic_report(3)), layout_report(synthetic_report(5))
    assert first.reference is second.reference
