"""Text XML cannot hold (control characters, U+FFFF, a lone surrogate from a broken paste) in a
report's title, client, purpose or records: the Excel report, the service record and the ledger
are written all the same (QA 22b mended the Word report; Excel still failed: "All strings must be
XML compatible", exit 70). A vertical tab (Word's manual line break, pasted) reads as a line break
in the report and as a space in the service record; what is no character is left out."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from ipdesk.services.reports.xlsx_renderer import render_xlsx
from tests.reports.conftest import synthetic_report


def _cells(path: Path) -> list[str]:
    wb = openpyxl.load_workbook(path)
    return [c for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row if isinstance(c, str)]


def test_the_excel_report_takes_what_xml_cannot_hold(tmp_path: Path) -> None:
    report = synthetic_report(2, wizard=True)
    table = report.sections[-1].tables[0]
    table.rows[0][1] = "合成\x0b测试\x01标题\uffff"
    report.title = "合成测试\x0c报告"
    report.client = "测试\x1b[31m合作社"
    path = tmp_path / "r.xlsx"
    render_xlsx(report, path)
    cells = _cells(path)
    assert "合成\n测试标题" in cells and "测试[31m合作社" in cells
    assert openpyxl.load_workbook(path).properties.title == "合成测试\n报告"
    assert table.rows[0][1] == "合成\x0b测试\x01标题\uffff"  # the report itself is left as it was


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_export_logs_and_lists_a_client_pasted_with_what_xml_cannot_hold(services, tmp_path: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    reports = services.reports
    report = synthetic_report(2)
    report.report_no = ""
    report.client, report.purpose = "合作社\x0b二队\ud800", "咨询\x00商标\uffff"
    reports.export(report, fmt, tmp_path / f"r.{fmt}")
    reports.record_service(client="三队\x0b合作社", purpose="咨询\ud800", outcome="已答复\x01")
    clients = sorted(e.client for e in reports.service_entries())
    assert clients == ["三队 合作社", "合作社 二队"]
    ledger = reports.export_ledger(tmp_path / "ledger.xlsx", "", "zh_CN")
    cells = _cells(ledger)
    assert "合作社 二队" in cells and "三队 合作社" in cells
