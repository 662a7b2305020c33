"""Printouts: content, layouts (A4, 80 mm receipt), and QR codes only to official query sites."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlparse

import pytest
from PySide6.QtPrintSupport import QPrinter

from ipdesk.services.search import SearchFilters
from ipdesk.ui.kiosk.printing import PATENT_QUERY_SITE, TRADEMARK_QUERY_SITE, Printouts, print_printout
from tests.kiosk.test_kiosk_shell import pdf_text

OFFICIAL_HOSTS = {"wcjs.sbj.cnipa.gov.cn", "epub.cnipa.gov.cn"}
SYNTHETIC_REG_NO = "TEST-0000001"  # clearly not a real registration number

needs_poppler = pytest.mark.skipif(not shutil.which("pdfinfo"), reason="poppler-utils not installed")


def _gi(shared_services, name: str, kind: str):  # type: ignore[no-untyped-def]
    hits = shared_services.search.search(name, SearchFilters(kinds=("gi",)), limit=10).hits
    gi_id = next(h.ref_id for h in hits if h.title == name and h.subkind == kind)
    return shared_services.records.gi(gi_id)


def _print(printout, layout: str, path: Path) -> Path:  # type: ignore[no-untyped-def]
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    print_printout(printout, printer, layout)
    return path


def _page_size_pts(pdf: Path) -> tuple[float, float]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    m = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert m, info
    return float(m.group(1)), float(m.group(2))


def _image_count(pdf: Path) -> int:
    out = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in out.strip().splitlines()[2:]]
    return sum(1 for row in rows if len(row) > 2 and row[2] == "image")  # not counting soft masks


def test_official_query_sites_only() -> None:
    for url in (TRADEMARK_QUERY_SITE, PATENT_QUERY_SITE):
        assert urlparse(url).hostname in OFFICIAL_HOSTS


def test_a_gi_product_gets_no_qr_code(qapp, shared_services) -> None:  # type: ignore[no-untyped-def]
    detail = _gi(shared_services, "五常大米", "gi_product")
    assert not detail.tm_reg_no
    printout = Printouts().for_gi(detail)
    assert printout.link is None
    assert ("标准/技术规范", "GB/T 19266") in printout.rows


def test_a_registered_mark_gets_a_qr_code_to_the_trademark_search(qapp, shared_services) -> None:  # type: ignore[no-untyped-def]
    detail = dataclasses.replace(_gi(shared_services, "五常大米", "gi_certification_mark"), tm_reg_no=SYNTHETIC_REG_NO)
    printout = Printouts().for_gi(detail)
    assert printout.link is not None
    assert urlparse(printout.link.url).hostname == "wcjs.sbj.cnipa.gov.cn"
    assert SYNTHETIC_REG_NO in printout.link_caption


@needs_poppler
def test_a4_printout_of_a_record_with_its_qr_code(qapp, shared_services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    detail = dataclasses.replace(_gi(shared_services, "五常大米", "gi_certification_mark"), tm_reg_no=SYNTHETIC_REG_NO)
    pdf = _print(Printouts().for_gi(detail), "a4", tmp_path / "a4.pdf")
    width, height = _page_size_pts(pdf)
    assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2
    assert _image_count(pdf) == 1
    text = pdf_text(pdf)
    # (poppler drops the digits of this font subset in extraction; the rendered page shows them)
    assert "五常大米" in text and "TEST-" in text and "wcjs.sbj.cnipa.gov.cn" in text


@needs_poppler
def test_receipt_printout_is_80_mm_wide_and_keeps_everything(qapp, shared_services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    place = shared_services.places.place("230184000000")
    gis = shared_services.places.gis_for("230184000000")
    pdf = _print(Printouts().for_place(place, gis, "2026-01-01"), "receipt", tmp_path / "receipt.pdf")
    width, _height = _page_size_pts(pdf)
    assert abs(width - 80 / 25.4 * 72) < 2
    assert _image_count(pdf) == 0
    text = pdf_text(pdf).replace("\n", "")
    assert "五常市的地理标志" in text and "五常大米" in text and "230184000000" in text


@needs_poppler
def test_wizard_outcome_printout(qapp, shared_services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    outcome = shared_services.wizards.gi_check({"role": "cooperative", "product": "五常大米",
                                                 "township_code": "230184100000"})
    pdf = _print(Printouts().for_outcome(outcome, "zh_CN"), "a4", tmp_path / "outcome.pdf")
    text = pdf_text(pdf).replace("\n", "")
    assert outcome.headline.zh.replace(" ", "") in text.replace(" ", "")
    assert "仅供参考" in text
    assert "地理标志核查" in text and "地理标志使用资格" not in text  # the wizard as the window names it


def test_a_printout_names_the_wizard_as_the_window_does(qapp, shared_services) -> None:  # type: ignore[no-untyped-def]
    outcomes = (shared_services.wizards.gi_check({"role": "cooperative", "product": "五常大米",
                                                  "township_code": "230184100000"}),
                shared_services.wizards.brand_check({"name": "五常香", "nice_class": 30}),
                shared_services.wizards.patent_finder({"crop": "水稻"}))
    titles = [(Printouts().for_outcome(o, "zh_CN").title, Printouts().for_outcome(o, "en").title) for o in outcomes]
    assert titles == [("地理标志核查", "GI check"), ("商标核查", "Brand check"), ("农业专利", "Patents")]


def test_gi_records_of_the_same_name_are_told_apart_by_kind(qapp, shared_services) -> None:  # type: ignore[no-untyped-def]
    """五常大米 is a GI product and a GI certification mark: the printout and the result screen list
    two lines that say which is which, not the same line twice."""
    outcome = shared_services.wizards.gi_check({"role": "cooperative", "product": "大米",
                                                 "township_code": "230184100000"})
    for lang, kinds in (("zh_CN", ("地理标志产品", "地理标志证明商标")), ("en", ("GI product", "GI certification mark"))):
        printout = Printouts().for_outcome(outcome, lang)
        wuchang = [line for _title, items in printout.sections for line in items
                   if line.startswith(("五常大米（", "五常大米 ("))]
        assert len(wuchang) == len(set(wuchang)) >= 2, wuchang
        assert all(any(k in line for line in wuchang) for k in kinds), wuchang


def test_a_place_printout_marks_a_roughly_recorded_area(qapp, shared_services) -> None:  # type: ignore[no-untyped-def]
    place = shared_services.places.place("220202001000")
    gis = shared_services.places.gis_for("220202001000")
    out = Printouts().for_place(place, gis, "2026-01-01")
    lines = [line for _title, items in out.sections for line in items]
    ginseng = next(line for line in lines if line.startswith("吉林长白山人参"))
    assert "粗略记录" in ginseng and "核实" in ginseng


def _unopenable_pdf_printer(tmp_path: Path) -> QPrinter:
    """A printer whose painting cannot begin, as after a driver or spooler error: its output file
    is in a folder that does not exist."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "no such folder" / "out.pdf"))
    return printer


@pytest.mark.qt_log_ignore("QPainter::begin")
def test_a_print_that_does_not_start_raises_and_is_logged_not_reported_as_printed(  # type: ignore[no-untyped-def]
        qapp, shared_services, tmp_path: Path, caplog) -> None:
    from ipdesk.ui.kiosk.printing import PrintFailedError

    printout = Printouts().for_gi(_gi(shared_services, "五常大米", "gi_product"))
    with caplog.at_level("INFO", logger="ipdesk.ui.kiosk"), pytest.raises(PrintFailedError) as raised:
        print_printout(printout, _unopenable_pdf_printer(tmp_path), "a4")
    assert raised.value.message("zh_CN") == "打印没有成功。请联系工作人员。"
    assert "printing '五常大米' (a4)" in caplog.text and "did not start" in caplog.text
    assert "printed '五常大米'" not in caplog.text


@pytest.mark.qt_log_ignore("QPainter::begin")
@pytest.mark.parametrize("lang, message", [("zh_CN", "打印没有成功。请联系工作人员。"),
                                           ("en", "Printing failed. Please ask the staff.")])
def test_the_kiosk_says_a_print_that_did_not_start_failed(qtbot, make_shell, tmp_path: Path, caplog,  # type: ignore[no-untyped-def]
                                                          compiled_translations, lang: str, message: str) -> None:
    """QA19a N2: QPainter::begin() failed, and the screen still said 已送去打印 / Sent to the printer."""
    from tests.kiosk.test_kiosk_shell import _gi_id, tap

    shell = make_shell(printer_factory=lambda: _unopenable_pdf_printer(tmp_path))
    shell.set_language(lang)
    with qtbot.waitSignal(shell.record.sig_loaded, timeout=10000):
        shell.open_gi(_gi_id(shell, "五常大米"))
    with caplog.at_level("INFO", logger="ipdesk.ui.kiosk"):
        tap(qtbot, shell.record.print_button)
        qtbot.waitUntil(lambda: shell.record.print_button.isEnabled(), timeout=20000)
    assert shell.record.print_status.text() == message
    assert shell.record.print_status.property("role") == "error"
    assert "failed" in caplog.text and "printed '" not in caplog.text


@needs_poppler
def test_a_long_printout_comes_out_on_as_many_pages_as_it_needs(qapp, shared_services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The kiosk paints the pages itself (to see whether the print started): every page comes out, with
    the same text on the same pages as QTextDocument.print_ gives."""
    from ipdesk.ui.kiosk.printing import build_document, configure_page

    place = shared_services.places.place("510000000000")  # 四川省: 46 GIs
    gis = shared_services.places.gis_for("510000000000")
    printout = Printouts().for_place(place, gis, "2026-01-01")
    ours = _print(printout, "receipt", tmp_path / "long.pdf")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "qt.pdf"))
    configure_page(printer, "receipt")
    build_document(printout, "receipt", printer).print_(printer)

    def pages(pdf: Path) -> int:
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        return int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]

    count = pages(ours)
    assert count == pages(tmp_path / "qt.pdf") >= 2
    numbers = [f"第{n}页/共{count}页" for n in range(1, count + 1)]
    ours_text = pdf_text(ours).replace(" ", "")  # pdftotext drops the spaces between Chinese characters
    assert all(label in ours_text for label in numbers)  # every page numbered, at its foot
    assert _words(ours_text, numbers) == _words(pdf_text(tmp_path / "qt.pdf").replace(" ", ""), [])
    text = ours_text.replace("\n", "")
    assert gis[0].name in text and gis[-1].name in text and "仅供参考" in text


def _words(text: str, drop: list[str]) -> list[str]:
    for label in drop:
        text = text.replace(label, "")
    return text.split()


def _many_patents(outcome, count: int):  # type: ignore[no-untyped-def]
    """`outcome` with `count` synthetic patent findings in four groups (test data only: the numbers
    are not real publication numbers)."""
    from ipdesk.domain.wizard import Finding

    groups = ("free", "in_force", "doubtful", "pending")
    findings = tuple(Finding("patent", n, f"一种测试用的水稻育秧装置及其使用方法第{n}号", f"TEST{n:07d} · 测试公司{n}",
                             groups[n % 4]) for n in range(count))
    return dataclasses.replace(outcome, findings=findings)


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]


@needs_poppler
@pytest.mark.parametrize("layout", ["a4", "receipt"])
def test_a_patent_result_prints_a_few_numbered_records_per_group(qapp, shared_services, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                 layout: str) -> None:
    """QA 20a N3: one tap printed 200 titles on 7 A4 pages (3 m of receipt roll), without a single
    publication number. Now: five of each group, with their numbers, how many more, and the staff's
    full report for the rest; pages numbered; no line printed on two pages."""
    from ipdesk.ui.kiosk.printing import FINDINGS_PER_GROUP

    plain = shared_services.wizards.gi_check({"role": "cooperative", "product": "五常大米",
                                               "township_code": "230184100000"})
    without = _pages(_print(Printouts().for_outcome(_many_patents(plain, 0), "zh_CN"), layout, tmp_path / "none.pdf"))
    printout = Printouts().for_outcome(_many_patents(plain, 200), "zh_CN")
    listed = [line for _heading, lines in printout.sections for line in lines if line.startswith("TEST")]
    assert len(listed) == 4 * FINDINGS_PER_GROUP
    assert sum("另有 45 条未列出" in line for _heading, lines in printout.sections for line in lines) == 4
    assert any("服务台打印报告" in line for _heading, lines in printout.sections for line in lines)
    pdf = _print(printout, layout, tmp_path / f"patents-{layout}.pdf")
    pages = _pages(pdf)
    assert pages <= without + (1 if layout == "a4" else 2)  # 200 patents: at most a page (receipt: 60 cm) more
    text = pdf_text(pdf).replace(" ", "")  # pdftotext drops the spaces between Chinese characters
    for line in listed:
        number = line.split()[0]
        assert text.count(number) == 1, number  # each printed once: none on two pages
    assert pages > 1 and f"第1页/共{pages}页" in text and f"第{pages}页/共{pages}页" in text


def test_a_visitor_gets_three_printouts_then_is_asked_to_see_the_staff(qtbot, make_shell, printed_pdf: Path,  # type: ignore[no-untyped-def]
                                                                      compiled_translations) -> None:
    """QA19a N8: 打印 printed the same page each time it was tapped; a child could empty the tray.
    The limit is per visitor (any screen), counted until the idle reset."""
    from tests.kiosk.test_kiosk_shell import _gi_id, tap

    made: list[int] = []

    def counting_printer() -> QPrinter:
        made.append(1)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed_pdf))
        return printer

    shell = make_shell(printer_factory=counting_printer)
    assert shell.prints_per_visitor == 3  # the setting's default
    record = shell.record
    with qtbot.waitSignal(record.sig_loaded, timeout=10000):
        shell.open_gi(_gi_id(shell, "五常大米"))
    for _ in range(3):
        tap(qtbot, record.print_button)
        qtbot.waitUntil(lambda: "已送去打印" in record.print_status.text() and record.print_button.isEnabled(),
                        timeout=20000)
        record.print_status.setText("")
    tap(qtbot, record.print_button)
    qtbot.waitUntil(lambda: record.print_button.isEnabled(), timeout=5000)
    assert record.print_status.text() == "每位访客最多打印 3 份。还需要打印，请联系工作人员。"
    assert record.print_status.property("role") == "error" and len(made) == 3
    shell.set_language("en")  # another screen, the same visitor
    with qtbot.waitSignal(shell.by_place.sig_place_shown, timeout=10000):
        shell.by_place.show_place("230184000000")
    tap(qtbot, shell.by_place.print_button)
    qtbot.waitUntil(lambda: shell.by_place.print_button.isEnabled(), timeout=5000)
    assert shell.by_place.print_status.text() == ("This kiosk prints 3 printouts per visitor. "
                                                  "To print more, please ask the staff.")
    assert len(made) == 3
    shell.reset_session()  # the next visitor prints again
    with qtbot.waitSignal(record.sig_loaded, timeout=10000):
        shell.open_gi(_gi_id(shell, "五常大米"))
    tap(qtbot, record.print_button)
    qtbot.waitUntil(lambda: "已送去打印" in record.print_status.text(), timeout=20000)
    assert len(made) == 4


def test_prints_that_fail_do_not_count_towards_the_limit(qtbot, make_shell) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.services.settings import Settings
    from ipdesk.ui.kiosk.printing import NoPrinterError
    from tests.kiosk.test_kiosk_shell import _gi_id, tap

    def no_printer() -> QPrinter:
        raise NoPrinterError("没有找到打印机。请联系工作人员。", "No printer was found. Please ask the staff.")

    shell = make_shell(printer_factory=no_printer, prints_per_visitor=2)
    with qtbot.waitSignal(shell.record.sig_loaded, timeout=10000):
        shell.open_gi(_gi_id(shell, "五常大米"))
    for _ in range(4):
        shell.record.print_status.setText("")
        tap(qtbot, shell.record.print_button)
        qtbot.waitUntil(lambda: "没有找到打印机" in shell.record.print_status.text(), timeout=10000)
    assert shell.prints_this_visit == 0
    settings = Settings(kiosk_prints_per_visitor=-1)
    settings.validate()
    assert settings.kiosk_prints_per_visitor == 3


def test_a_printout_leaves_its_printer_to_be_freed(qapp, shared_services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """PySide keeps a paint device handed to a document's layout referenced for good: the printer of every
    kiosk printout (a QPrinter, ~7 KiB) stayed in memory. The layout gets the shared PDF writer of the
    printer's resolution instead (`report_pdf.layout_device`), and the printer is freed once printed."""
    import gc
    import sys

    from ipdesk.ui.kiosk.printing import build_document

    printout = Printouts().for_gi(_gi(shared_services, "五常大米", "gi_product"))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "out.pdf"))
    before = sys.getrefcount(printer)
    doc = build_document(printout, "a4", printer)
    assert doc.pageCount() >= 1
    del doc
    gc.collect()
    assert sys.getrefcount(printer) == before


def test_a_patents_own_why_and_a_classs_code_are_on_the_slip(qapp) -> None:  # type: ignore[no-untyped-def]
    """QA of the kiosk: a patent of Hong Kong and one of the US stood under one heading with nothing to tell them
    apart (the desk says why of each), and the related classes were listed without the codes the next steps
    tell the visitor to search with."""
    import datetime as dt

    from ipdesk.domain.i18n import Text
    from ipdesk.domain.patent_finder import PatentFacts, PatentRecord
    from ipdesk.domain.patent_finder import decide as decide_patents

    today = dt.date(2026, 11, 29)
    facts = PatentFacts(patents=(PatentRecord(1, "HK1230000A", "合成测试烘干装置", "invention", "in_force"),
                                 PatentRecord(2, "US9900001B2", "合成测试插秧方法", "invention", "in_force"),
                                 PatentRecord(3, "CN990000002A", "合成测试插秧机", "invention", "rejected")),
                        ipc_titles={"A01G 22/22": Text("水稻", "rice")}, today=today)
    outcome = decide_patents({"crop": "水稻"}, facts)
    printout = Printouts().for_outcome(outcome, "zh_CN")
    lines = [line for _heading, section in printout.sections for line in section]
    hk = next(x for x in lines if x.startswith("HK1230000A"))
    us = next(x for x in lines if x.startswith("US9900001B2"))
    rejected = next(x for x in lines if x.startswith("CN990000002A"))
    assert "\n中国香港特别行政区的专利或申请" in hk and "\n外国专利或申请（US开头）" in us
    assert "\n申请被驳回" in rejected
    titles = [heading for heading, _section in printout.sections]  # each group under its own label, no stacked colons
    assert "未成为专利的申请：这件申请本身不限制任何人" in titles and not any(t.startswith("相关记录：") for t in titles)
    assert any(x.startswith("A01G 22/22 ") for x in lines), lines
    english = [line for _h, section in Printouts().for_outcome(outcome, "en").sections for line in section]
    assert "\nA patent or application of Hong Kong SAR, China (HK)" in next(x for x in english if x.startswith("HK"))


def test_the_slip_says_it_lists_a_part_only_when_it_does(qapp) -> None:  # type: ignore[no-untyped-def]
    """QA of the kiosk: every patent slip said 本单据只列出一部分记录, all of them listed or not."""
    import datetime as dt

    from ipdesk.domain.patent_finder import PatentFacts, PatentRecord
    from ipdesk.domain.patent_finder import decide as decide_patents
    from ipdesk.ui.kiosk.printing import FINDINGS_PER_GROUP

    def slip(count: int) -> str:
        patents = tuple(PatentRecord(i, f"CN99000{i:04d}A", f"合成测试{i}", "invention", "in_force") for i in range(count))
        outcome = decide_patents({"crop": "水稻"}, PatentFacts(patents, {}, today=dt.date(2026, 11, 29)))
        return " ".join(" ".join(lines) for title, lines in Printouts().for_outcome(outcome, "zh_CN").sections
                        if title == "完整名单")

    assert "没有列出申请人和日期" in slip(3) and "只列出一部分" not in slip(3)
    assert "只列出一部分" in slip(FINDINGS_PER_GROUP + 1)


def test_a_count_keeps_its_measure_word_on_the_kiosks_headline() -> None:
    """QA of the kiosk: in portrait the headline broke as "2 / 件未成为专利的申请"."""
    from ipdesk.ui.kiosk.wizard_screens import _COUNTED

    assert _COUNTED.sub("\\1\u2060\\2", "1件审查中、12件已失效、1,234条") == "1\u2060件审查中、12\u2060件已失效、1,234\u2060条"
