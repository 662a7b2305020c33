"""打开报告文件 on the service record: the archived file is looked for on a task's thread (the data folder may
be on a network share that does not answer), then opened, or the page says it is gone."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices


def _page_with_one_entry(qtbot: Any, services: Any, report_path: Path) -> tuple[Any, Any]:
    from ipdesk.domain.basket import ReportBasket
    from ipdesk.ui.reports_page import ReportsPage
    from ipdesk.ui.tasks import TaskRunner

    tasks = TaskRunner()
    page = ReportsPage(services, tasks, ReportBasket(), "zh_CN")
    qtbot.addWidget(page)
    services.reports.record_service(client="合成农户", purpose="信息查询", outcome="合成")
    page.show()
    page.tabs.setCurrentIndex(1)
    page.refresh_records()
    qtbot.waitUntil(lambda: page.records.rowCount() == 1, timeout=10000)
    page.records.item(0, 0).setData(Qt.ItemDataRole.UserRole, str(report_path))  # as an archived report's row
    page.records.setCurrentCell(0, 0)
    return page, tasks


@pytest.mark.parametrize("there", [True, False])
def test_the_file_is_looked_for_off_the_gui_thread(qtbot: Any, services: Any, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch, there: bool) -> None:
    report = tmp_path / "IPD-合成.pdf"
    if there:
        report.write_bytes(b"%PDF-1.4\n")
    looked_from: list[threading.Thread] = []
    real_exists = Path.exists

    def exists(self: Path, *args: Any, **kwargs: Any) -> bool:
        if self == report:
            looked_from.append(threading.current_thread())
        return real_exists(self, *args, **kwargs)

    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(QUrl(url).toLocalFile()) or True)
    page, tasks = _page_with_one_entry(qtbot, services, report)
    monkeypatch.setattr(Path, "exists", exists)
    page.open_button.click()
    assert not opened  # not on the GUI thread: the answer comes through its event loop
    if there:
        qtbot.waitUntil(lambda: bool(opened), timeout=10000)
        assert opened == [str(report)]
    else:
        qtbot.waitUntil(lambda: "报告文件已不在存档中" in page.record_message.text(), timeout=10000)
        assert not opened and "IPD-合成.pdf" in page.record_message.text()
    assert looked_from and threading.main_thread() not in looked_from
    tasks.wait_idle(10000)
