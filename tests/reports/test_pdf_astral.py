"""Characters beyond U+FFFF (CJK Extensions B–G in official township names) must be in the PDF's
text layer, not only drawn: Qt's ToUnicode maps leave them out and `pdf_text` puts them back."""

from __future__ import annotations

import functools
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from ipdesk.services.reports.fonts import RARE_HAN_FAMILY, rare_han_font_path
from ipdesk.services.reports.pdf_text import restore_astral_text
from ipdesk.ui.report_pdf import render_pdf
from tests.reports.conftest import synthetic_report

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")

# Township-level names from the official division table whose names use characters beyond U+FFFF.
TOWNSHIPS = ("柳树𨟠镇", "宋𦙶乡", "大𫭢镇", "沈𫭢镇", "干𬒗镇", "𠙶山镇", "虎𬇙镇", "𬮤山镇", "岞𪨰镇", "𣲗源口镇",
             "盛𡐓镇", "𦰡溪瑶族乡", "斫𥕢乡", "𬶍莲街道", "𬶍江街道", "𬒈石街道", "𨻧隍镇", "织𬕂镇", "𬜯塘镇",
             "白沙𬇕街道", "𥔲嘉镇", "𰝟渡镇", "下𱳪镇")


@functools.cache
def has_a_font(ch: str) -> bool:
    """Whether an installed font draws `ch` (one without a font is drawn as a box: nothing to map)."""
    if shutil.which("fc-list") is None:
        pytest.skip("fontconfig's fc-list is not installed")
    out = subprocess.run(["fc-list", f":charset={ord(ch):x}", "family"], capture_output=True, text=True).stdout
    return bool(out.strip())


def drawable(names: tuple[str, ...]) -> list[str]:
    return [name for name in names if all(ord(ch) <= 0xFFFF or has_a_font(ch) for ch in name)]


def pdftotext(path: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def squeezed(text: str) -> str:
    return "".join(text.split())


def test_township_names_beyond_the_bmp_copy_out_of_the_pdf(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    report = synthetic_report(300)
    rows = report.sections[0].tables[0].rows
    for n, name in enumerate(TOWNSHIPS):  # spread over the pages, each in its own row
        rows[n * 13][1] = name
    report.title = f"测试报告：{TOWNSHIPS[0]}"
    path = tmp_path / "r.pdf"
    render_pdf(report, path)
    text = pdftotext(path)
    names = drawable(TOWNSHIPS)
    assert len(names) >= 15  # fonts-noto-cjk draws most of them
    if rare_han_font_path() is not None:
        assert names == list(TOWNSHIPS)  # the rare-ideograph font draws the rest (Extensions E, G, H)
    for name in names:
        assert name in text, name
    assert text.count(TOWNSHIPS[0]) >= 3  # the title, the header of every page, the row
    assert "测试样品1号" in text and "免责声明" in text  # the rest of the text layer is untouched
    assert not any(ch == "\ufffd" for ch in text)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert f"Title:           测试报告：{TOWNSHIPS[0]}" in info  # the update keeps the document's metadata


def test_adjacent_and_repeated_rare_characters_each_come_back_in_place(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rare = [ch for name in drawable(TOWNSHIPS) for ch in name if ord(ch) > 0xFFFF]
    common = "镇乡村街道山水大小东西南北"
    rng = random.Random(7)
    report = synthetic_report(80)
    expected = []
    for row in report.sections[0].tables[0].rows:
        cell = "".join(rng.choice(rare) if rng.random() < 0.4 else rng.choice(common) for _ in range(rng.randint(2, 7)))
        row[1] = cell
        expected.append(cell)
    path = tmp_path / "r.pdf"
    render_pdf(report, path)
    text = squeezed(pdftotext(path))
    for cell in expected:
        assert cell in text, cell


def test_a_report_without_rare_characters_is_left_as_qt_wrote_it(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "r.pdf"
    render_pdf(synthetic_report(5), path)
    data = path.read_bytes()
    # one incremental update, the document's language and subject (QA 20a N7); none of text maps (no stream)
    assert data.count(b"startxref") == 2 and b"stream" not in data[data.index(b"%%EOF"):]
    assert restore_astral_text(path, "𬶍莲街道") == 0 and path.read_bytes() == data  # nothing of it drawn


def test_a_file_the_pass_cannot_read_is_left_exactly_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "r.pdf"
    path.write_bytes(b"%PDF-1.4\n% not really a PDF \x00\xff")
    before = path.read_bytes()
    assert restore_astral_text(path, "𬶍莲街道") == 0
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*.part"))


def test_printing_to_a_pdf_file_keeps_rare_characters_in_its_text(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtPrintSupport import QPrinter

    from ipdesk.ui.report_pdf import paint_report, report_page_layout

    name = drawable(TOWNSHIPS)[0]
    report = synthetic_report(3)
    report.sections[0].tables[0].rows[1][1] = name
    printed = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(printed))
    printer.setPageLayout(report_page_layout())
    assert paint_report(report, printer) >= 1
    assert name in pdftotext(printed)


@pytest.mark.skipif(rare_han_font_path() is None, reason="no rare-ideograph font (make setup installs fonts-babelstone-han)")
def test_ideographs_no_usual_chinese_font_has_are_drawn_and_copy_out(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """𬮤 (Extension E), 𰝟 (G), 𱳪 (H) and 𪚥 were boxes in reports and missing from their text: no
    CJK font of the report draws them. The rare-ideograph font is embedded for them alone."""
    report = synthetic_report(4)
    report.title = "测试报告：𬮤山镇、下𱳪镇、𰝟渡镇、𪚥"
    report.sections[0].tables[0].rows[2][1] = "𪚥"
    path = tmp_path / "r.pdf"
    render_pdf(report, path)
    text = squeezed(pdftotext(path))
    for name in ("𬮤山镇", "下𱳪镇", "𰝟渡镇", "𪚥"):
        assert name in text, name
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    embedded = [line for line in fonts.splitlines()[2:] if line.split()]
    rare = [line for line in embedded if "BabelStone" in line.replace(" ", "")]
    assert rare, fonts
    assert all(" yes " in f" {line} " for line in rare)  # embedded (a subset), not just named
    assert len(embedded) > len(rare)  # the usual characters keep the report's CJK face
    assert RARE_HAN_FAMILY.replace(" ", "") in rare[0].replace(" ", "")
