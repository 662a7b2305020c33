"""The kiosk's receipt of a patent answer. QA of the kiosk: a typical answer (9 patents) came out as 2 receipt
pages in Chinese and 3 in English (107 and 140 printed lines), its law citations, notes and next steps
printed in full. The 80 mm roll now prints what a visitor takes home: what was asked, how many of each group
(the headline), the first few patents of each group with their standing in a line, the cautions the answer
must keep, where to get advice, the disclaimer and the data's date. The screen, the kiosk's A4 printout and
the staff desk's reports keep the whole answer.

Real SQLite (a private copy of the seed) with nine clearly synthetic rice patents (CN9900001xx, 测试)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QFontMetricsF
from PySide6.QtPrintSupport import QPrinter

from ipdesk.domain.patent_finder import (
    SHORT_FREE_NOTE,
    SHORT_NOT_GRANTED_NOTE,
    PatentFacts,
    PatentRecord,
    brief_standing,
)
from ipdesk.domain.patent_finder import decide as decide_patents
from ipdesk.domain.rules import PATENT_KIND_NOTES
from ipdesk.services.models import Patent
from ipdesk.ui.kiosk.printing import (
    RECEIPT_FINDINGS_PER_GROUP,
    Printout,
    Printouts,
    build_document,
    configure_page,
    print_printout,
)
from tests.kiosk.test_kiosk_shell import pdf_text, tap

needs_poppler = pytest.mark.skipif(not shutil.which("pdfinfo"), reason="poppler-utils not installed")

TODAY = dt.date(2026, 11, 29)
NINE = (  # pub_no, title, kind, status, ipc, filed, expiry: 3 in force, 1 in doubt, 1 pending, 3 lapsed, 1 rejected
    ("CN990000101A", "一种测试用水稻收获装置", "invention", "expired", "A01D0041000000", dt.date(2001, 3, 1), dt.date(2021, 3, 1)),
    ("CN990000102U", "一种测试用水稻收割机", "utility", "lapsed", "A01D0041000000", dt.date(2016, 1, 1), None),
    ("CN990000103U", "一种测试用水稻插秧机", "utility", "expired", "A01C0011000000", dt.date(2012, 4, 1), dt.date(2022, 4, 1)),
    ("CN990000104U", "一种测试用水稻割台", "utility", "in_force", "A01D0047000000", dt.date(2022, 5, 1), dt.date(2032, 5, 1)),
    ("CN990000105A", "一种测试用水稻育秧盘", "invention", "in_force", "A01G0009000000", dt.date(2019, 6, 1), None),
    ("CN990000106U", "一种测试用水稻烘干装置", "utility", "in_force", "F26B0017000000", dt.date(2023, 2, 1), None),
    ("CN990000107A", "一种测试用水稻施肥方法", "invention", "pending", "A01C0021000000", dt.date(2024, 1, 1), None),
    ("CN990000108A", "一种测试用水稻病虫害防治方法", "invention", "rejected", "A01N0043000000", dt.date(2018, 1, 1), None),
    ("CN990000109U", "一种测试用水稻脱粒机", "utility", "in_force", "A01F0011000000", dt.date(2010, 1, 1), None),
)


@pytest.fixture
def nine_patents(services: Any) -> Any:
    with services.db.session() as s:
        for pub_no, title, kind, status, ipc, filed, expiry in NINE:
            s.add(Patent(pub_no=pub_no, title=title, kind=kind, legal_status=status, ipc_codes=ipc,
                         filing_date=filed, expiry_date=expiry, applicants="测试农机有限公司", dataset="test"))
    return services


@pytest.fixture
def kiosk_services(nine_patents: Any, pin_hash: str) -> Any:
    """The kiosk conftest's shell on this store, printing on the receipt roll."""
    settings = dataclasses.replace(nine_patents.settings, kiosk_pin_hash=pin_hash, kiosk_print_layout="receipt")
    return dataclasses.replace(nine_patents, settings=settings)


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]


def _bare(text: str) -> str:
    """Without any white space: pdftotext drops the spaces between Chinese characters and breaks lines."""
    return re.sub(r"\s+", "", text)


def _print(printout: Printout, layout: str, path: Path) -> Path:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    print_printout(printout, printer, layout)
    return path


@needs_poppler
@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_a_nine_patent_answer_prints_on_one_receipt_page(qtbot, make_shell, printed_pdf: Path,  # type: ignore[no-untyped-def]
                                                         compiled_translations, lang: str) -> None:
    """The visitor's tap on 打印, through the shell, on the receipt roll: one page, with every patent's number,
    title and standing, and what keeps the slip honest; no law cited, no notes on the kinds of patent."""
    shell = make_shell()
    shell.set_language(lang)
    tap(qtbot, shell.home.tiles["patents"])
    patents = shell.flows["patents"]
    crops = patents.step_pages["crop"]
    tap(qtbot, crops.buttons[[v for v, _ in crops.options].index("rice")])
    tap(qtbot, patents.step_pages["technique"].buttons[0])  # any technique
    with qtbot.waitSignal(patents.sig_outcome_shown, timeout=20000) as shown:
        tap(qtbot, patents.next_button)
    outcome = shown.args[0]
    listed = [f for f in outcome.findings if f.kind == "patent"]
    assert len(listed) == 9
    tap(qtbot, patents.print_button)
    qtbot.waitUntil(lambda: patents.print_button.isEnabled() and patents.problem.property("role") == "ok",
                    timeout=20000)
    assert _pages(printed_pdf) == 1  # was 2 in Chinese, 3 in English
    text = pdf_text(printed_pdf)
    assert len([line for line in text.splitlines() if line.strip()]) <= 60  # was 107 / 140
    bare = _bare(text)
    english = lang == "en"
    assert _bare(outcome.headline(lang)) in bare  # what was asked and how many of each group
    assert ("Rice" if english else "水稻/大米") in bare
    for f in listed:
        number = f.subtitle.split(" · ")[0]
        assert bare.count(number) == 1 and _bare(f.title) in bare, number
        assert _bare(f.brief(lang)[1:]) in bare, f.brief(lang)  # its standing (the first letter is capitalised)
    assert _bare(SHORT_FREE_NOTE(lang)) in bare and _bare(SHORT_NOT_GRANTED_NOTE(lang)) in bare
    assert _bare(outcome.disclaimer(lang)) in bare  # not legal advice
    assert ("Dataasof" if english else "数据截至") in bare and ("servicedesk" if english else "服务台") in bare
    # left to the screen and the full report: the law cited, the notes on the kinds of patent, the next steps
    assert ("PatentLaw" if english else "专利法") not in bare
    assert _bare(PATENT_KIND_NOTES["utility"](lang)) not in bare
    assert _bare(outcome.next_steps[0](lang)) not in bare
    assert "applicants" in bare.lower() if english else "申请人" in bare  # where they are: the desk's full answer


def test_the_screen_and_the_a4_printout_keep_the_whole_answer(qapp, nine_patents: Any) -> None:  # type: ignore[no-untyped-def]
    outcome = nine_patents.wizards.patent_finder({"crop": "水稻"}, today=TODAY)
    printout = Printouts().for_outcome(outcome, "zh_CN")  # what the screen shows, and A4 prints
    assert printout.for_layout("a4") is printout and printout.short is not None
    assert printout.for_layout("receipt") is printout.short
    full = {heading: lines for heading, lines in printout.sections}
    short = {heading: lines for heading, lines in printout.short.sections}
    for heading in ("说明", "下一步", "依据", "注意", "相关分类号"):
        assert heading in full
    assert set(short) == {"您的回答", "有效——需征得权利人许可", "状态存疑——以国家知识产权局登记为准", "审查中",
                          "已失效：这件专利本身不再限制使用", "未成为专利的申请：这件申请本身不限制任何人", "注意",
                          "哪里可以咨询"}
    assert len(full["依据"]) == len(outcome.rules) and not any("专利法" in x for x in short["注意"])
    assert printout.short.footer == printout.footer  # the disclaimer and the data's date, as on the screen
    assert printout.short.subtitle == printout.subtitle == outcome.headline.zh


def test_the_staff_desks_report_of_the_answer_keeps_everything(nine_patents: Any, tmp_path: Path) -> None:
    """The receipt's short form is the kiosk's alone: the report (Word here; PDF and Excel are held to the same
    words by tests/reports/test_format_parity.py) still has every reason, rule, note and next step, and none of
    the receipt's lines."""
    import docx

    from ipdesk.services.reports.builder import ReportMeta
    from ipdesk.services.reports.docx_renderer import render_docx

    outcome = nine_patents.wizards.patent_finder({"crop": "水稻"}, today=TODAY)
    for lang in ("zh_CN", "en"):
        report = nine_patents.reports.builder.for_outcome(outcome, lang, ReportMeta(report_no="TEST-00000001"))
        render_docx(report, tmp_path / f"{lang}.docx")
        document = docx.Document(str(tmp_path / f"{lang}.docx"))
        cells = [p.text for p in document.paragraphs] + [c.text for t in document.tables for r in t.rows for c in r.cells]
        text = "\n".join(cells)
        section = outcome.to_report_section(lang)
        for said in [*section["rules"], *section["notes"], *section["next_steps"], section["explanation"],
                     *(r for f in section["findings"] for r in f["reasons"])]:
            assert said in text, said
        for brief in (f.brief(lang) for f in outcome.findings if f.brief):
            assert not any(brief in cell.split("；" if lang == "zh_CN" else "; ") for cell in cells), brief
        for note in outcome.short_notes:
            assert note(lang) not in text, note


def _receipt_width_and_metrics() -> tuple[float, QFontMetricsF]:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    configure_page(printer, "receipt")
    doc = build_document(Printout("x"), "receipt", printer)
    return printer.pageRect(QPrinter.Unit.DevicePixel).width(), QFontMetricsF(doc.defaultFont(), printer)


def test_a_patents_standing_fits_one_line_of_the_roll(qapp) -> None:  # type: ignore[no-untyped-def]
    from tests.wizards.test_patent_brief import STANDINGS

    width, metrics = _receipt_width_and_metrics()
    for record, *_ in STANDINGS:
        brief = brief_standing(record, TODAY)
        for line in (brief.zh, brief.en[:1].upper() + brief.en[1:]):
            assert metrics.horizontalAdvance(line) <= width, line


def _many(count: int) -> tuple[PatentRecord, ...]:
    """`count` synthetic rice patents, in force, lapsed, pending and rejected in turn."""
    kinds = (("utility", "in_force", dt.date(2022, 1, 1)), ("utility", "lapsed", dt.date(2018, 1, 1)),
             ("invention", "pending", dt.date(2024, 1, 1)), ("invention", "rejected", dt.date(2019, 1, 1)))
    return tuple(PatentRecord(n, f"CN99000{n:04d}A", f"一种测试用水稻装置第{n}号", kinds[n % 4][0], kinds[n % 4][1],
                              "测试公司", (), kinds[n % 4][2] + dt.timedelta(days=n)) for n in range(count))


@needs_poppler
def test_a_long_answer_prints_the_first_few_of_each_group_and_how_many_more(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """40 patents: three of each group on the receipt, each group saying how many more the staff can print; the
    screen keeps its five of each."""
    outcome = decide_patents({"crop": "水稻"}, PatentFacts(_many(40), {}, today=TODAY))
    printout = Printouts().for_outcome(outcome, "zh_CN")
    assert printout.short is not None
    lines = [line for _heading, section in printout.short.sections for line in section]
    numbers = [line.split()[0] for line in lines if line.startswith("CN99")]
    assert len(numbers) == 4 * RECEIPT_FINDINGS_PER_GROUP
    more = [line for line in lines if "未打印" in line]
    assert more == ["……另有 7 件未打印，完整名单请问工作人员。"] * 4
    pdf = _print(printout, "receipt", tmp_path / "long.pdf")
    assert _pages(pdf) == 1
    bare = _bare(pdf_text(pdf))
    assert all(bare.count(number) == 1 for number in numbers) and "另有7件未打印" in bare
    screen = [line for _heading, section in printout.sections for line in section if line.startswith("CN99")]
    assert len(screen) == 4 * 5  # the screen (and A4) as before
