"""The "no GI yet" result lists the papers of two routes (GI product, GI trademark) in two labelled parts:
in the outcome, the report model and every renderer (desktop result, kiosk screen and printout, Word,
Excel, PDF); a one-route checklist stays one list."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from ipdesk.domain import rules
from ipdesk.domain.gi_eligibility import GiFacts, GiRecord, Township, decide
from ipdesk.domain.report import section_from_mapping

PLACE = Township("990101001000", "测试镇", ("测试省", "测试市", "测试县"))


def answers(**extra: object) -> dict[str, object]:
    return {"role": "cooperative", "product": "大米", "township_code": PLACE.code, "township_label": PLACE.label,
            **extra}


def record(id_: int, kind: str) -> GiRecord:
    return GiRecord(id=id_, kind=kind, name="测试大米", category="粮油", covers=True, area_names=("测试县",))


def _no_gi():  # type: ignore[no-untyped-def]
    return decide(answers(product="苹果"), GiFacts(PLACE, ()))


def test_checklist_parts_reach_the_report_model_in_both_languages() -> None:
    outcome = _no_gi()
    for lang in ("zh_CN", "en"):
        sec = outcome.to_report_section(lang)
        groups = sec["checklist_groups"]
        assert [len(g["items"]) for g in groups] == [len(rules.CHECKLIST_NEW_GI_PRODUCT),
                                                     len(rules.CHECKLIST_NEW_GI_TRADEMARK)]
        assert all(g["title"] for g in groups)
        wizard = section_from_mapping(sec, lang).wizard
        assert wizard is not None and [t for t, _ in wizard.checklist_groups] == [g["title"] for g in groups]
    en_items = [c.en for c in outcome.checklist]
    assert len(set(en_items)) == len(en_items) and "Application form" not in en_items
    both = outcome.to_dict()["checklist_groups"]
    assert both[0]["title"]["zh"].startswith("申请地理标志产品") and both[1]["items"][0]["en"].startswith("Trademark")
    # a one-route checklist stays one untitled list
    single = decide(answers(), GiFacts(PLACE, (record(1, "gi_product"),))).to_report_section("zh_CN")
    assert [g["title"] for g in single["checklist_groups"]] == [""]
    assert section_from_mapping(single, "zh_CN").wizard.checklist_groups == []  # type: ignore[union-attr]


def test_checklist_parts_in_the_desktop_result_view() -> None:
    import html

    from ipdesk.ui.wizards.base import outcome_html

    for lang in ("zh_CN", "en"):
        page = outcome_html(_no_gi(), lang)
        titles = [g["title"] for g in _no_gi().to_report_section(lang)["checklist_groups"]]
        positions = [page.index(html.escape(t)) for t in titles]
        first_product_item = page.index(html.escape(rules.CHECKLIST_NEW_GI_PRODUCT[0](lang)))
        first_mark_item = page.index(html.escape(rules.CHECKLIST_NEW_GI_TRADEMARK[0](lang)))
        assert positions[0] < first_product_item < positions[1] < first_mark_item


def test_checklist_parts_in_the_kiosk_result_and_printout(qapp: Any) -> None:
    from ipdesk.ui.kiosk.printing import Printouts

    for lang, heading in (("zh_CN", "要带的材料："), ("en", "Documents to bring")):
        printout = Printouts().for_outcome(_no_gi(), lang)
        parts = [(title, items) for title, items in printout.sections if title.startswith(("要带的材料", heading))]
        assert len(parts) == 2, printout.sections
        assert parts[0][1] == [c(lang) for c in rules.CHECKLIST_NEW_GI_PRODUCT]
        assert parts[1][1] == [c(lang) for c in rules.CHECKLIST_NEW_GI_TRADEMARK]
        assert "证明商标" in parts[1][0] or "certification" in parts[1][0]


def test_checklist_parts_in_word_and_excel(tmp_path: Path) -> None:
    import docx
    from openpyxl import load_workbook

    from ipdesk.domain.report import Report, ReportSection
    from ipdesk.services.reports.docx_renderer import render_docx
    from ipdesk.services.reports.xlsx_renderer import render_xlsx

    sec = _no_gi().to_report_section("zh_CN")
    titles = [g["title"] for g in sec["checklist_groups"]]
    report = Report(title="测试", lang="zh_CN", sections=[section_from_mapping(sec, "zh_CN")], disclaimer="仅供参考")
    assert isinstance(report.sections[0], ReportSection)
    render_docx(report, tmp_path / "r.docx")
    paragraphs = [p.text for p in docx.Document(str(tmp_path / "r.docx")).paragraphs]
    at = [paragraphs.index(t) for t in titles]
    assert paragraphs[at[0] + 1] == f"☐ {rules.CHECKLIST_NEW_GI_PRODUCT[0].zh}"
    assert paragraphs[at[1] + 1] == f"☐ {rules.CHECKLIST_NEW_GI_TRADEMARK[0].zh}"
    render_xlsx(report, tmp_path / "r.xlsx")
    cells = [c.value for row in load_workbook(tmp_path / "r.xlsx").worksheets[0].iter_rows() for c in row if c.value]
    assert all(t in cells for t in titles)
    assert cells.index(titles[0]) < cells.index(f"☐ {rules.CHECKLIST_NEW_GI_PRODUCT[0].zh}") < cells.index(titles[1])


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_checklist_parts_in_the_pdf(qapp: Any, tmp_path: Path) -> None:
    from ipdesk.domain.report import Report
    from ipdesk.ui.report_pdf import render_pdf

    sec = _no_gi().to_report_section("en")
    report = Report(title="Test", lang="en", sections=[section_from_mapping(sec, "en")], disclaimer="Guidance only")
    render_pdf(report, tmp_path / "r.pdf")
    text = " ".join(subprocess.run(["pdftotext", "-enc", "UTF-8", str(tmp_path / "r.pdf"), "-"], capture_output=True,
                                   text=True, check=True).stdout.split())
    product_title, mark_title = (" ".join(g["title"].split()) for g in sec["checklist_groups"])
    assert text.index(product_title) < text.index("Document designating the applicant") < text.index(mark_title)
    assert text.index(mark_title) < text.index("Proof of legal status")


@pytest.mark.e2e
def test_checklist_parts_in_the_cli(data_dir: Path) -> None:
    from tests.wizards.test_cli import ipdesk

    out = ipdesk(data_dir, "gi-check", "--product", "苹果", "--township", "230184100000", "--role", "farmer",
                 lang="en")
    assert out.returncode == 0, out.stderr
    text = out.stdout
    titles = [c.en for c in (rules.CHECKLIST_NEW_GI_PRODUCT[0], rules.CHECKLIST_NEW_GI_TRADEMARK[0])]
    product_title = text.index("Applying for a GI product")
    mark_title = text.index("Applying for a GI certification or collective mark")
    assert product_title < text.index(titles[0]) < mark_title < text.index(titles[1])
