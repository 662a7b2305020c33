"""PDF export in a child process (ui/pdf_process.py): Qt's layout of a long report holds Python's
global lock, so made on a worker thread it froze the window for up to a second (QA 20b N4). The
child makes the same PDF, a printer's page layout crosses over, errors come back as they are, and
without processes the PDF is made in the calling thread."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize

import ipdesk.ui.pdf_process as pdf_process
import ipdesk.ui.report_pdf as report_pdf
from ipdesk.ui.pdf_process import render_pdf_in_process
from tests.reports.conftest import synthetic_report
from tests.reports.test_pdf import pdfinfo, pdftotext

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


def test_the_child_makes_the_same_pdf_and_this_process_does_no_layout(qapp: Any, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    report = synthetic_report(120)
    report_pdf.render_pdf(report, tmp_path / "here.pdf")

    def not_here(*_args: Any, **_kw: Any) -> None:
        raise AssertionError("laid out in the window's process")

    monkeypatch.setattr(report_pdf, "render_pdf", not_here)  # only this process sees the patch
    render_pdf_in_process(report, tmp_path / "child.pdf")
    assert pdftotext(tmp_path / "child.pdf") == pdftotext(tmp_path / "here.pdf")
    assert pdfinfo(tmp_path / "child.pdf")["Pages"] == pdfinfo(tmp_path / "here.pdf")["Pages"]


def test_a_printers_page_layout_crosses_over(qapp: Any, tmp_path: Path) -> None:
    landscape_a5 = QPageLayout(QPageSize(QPageSize.PageSizeId.A5), QPageLayout.Orientation.Landscape,
                               QMarginsF(10, 12, 10, 12), QPageLayout.Unit.Millimeter)
    render_pdf_in_process(synthetic_report(5), tmp_path / "a5.pdf", landscape_a5)
    width, _x, height = pdfinfo(tmp_path / "a5.pdf")["Page size"].split()[:3]
    assert round(float(width)) == 595 and round(float(height)) == 420  # A5 landscape, in points


def test_a_file_that_cannot_be_written_raises_in_the_caller(qapp: Any, tmp_path: Path) -> None:
    with pytest.raises(OSError):
        render_pdf_in_process(synthetic_report(1), tmp_path / "no such folder" / "r.pdf")
    assert not (tmp_path / "no such folder").exists()


def test_without_processes_the_pdf_is_made_here(qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                caplog: pytest.LogCaptureFixture) -> None:
    def no_processes(*_args: Any, **_kw: Any) -> None:
        raise OSError(24, "Too many open files")

    monkeypatch.setattr(pdf_process, "ProcessPoolExecutor", no_processes)
    render_pdf_in_process(synthetic_report(3), tmp_path / "here.pdf")
    assert "测试报告：合成数据" in pdftotext(tmp_path / "here.pdf")
    assert "made in this thread" in caplog.text
