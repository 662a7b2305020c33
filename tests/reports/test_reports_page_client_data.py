"""The service record's page: a client's entries found by name, a misspelt name corrected, and the
chosen entries deleted with their archived reports (after asking), with pytest-qt on a real store."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ipdesk.domain.basket import ReportBasket
from ipdesk.ui.reports_page import ReportsPage
from ipdesk.ui.tasks import TaskRunner
from tests.reports.conftest import synthetic_report

NAME = "欧阳测试农户"  # synthetic


@pytest.fixture
def page(qtbot, services):  # type: ignore[no-untyped-def]
    tasks = TaskRunner()
    widget = ReportsPage(services, tasks, ReportBasket(), "zh_CN")
    qtbot.addWidget(widget)
    widget.tabs.setCurrentIndex(1)
    yield widget
    tasks.wait_idle(10000)


def _settle(qtbot, page: ReportsPage) -> None:  # type: ignore[no-untyped-def]
    """Every list load queued (the page's own at start, a refresh after a change) has arrived: a
    row chosen now is not replaced by a late one."""
    qtbot.waitUntil(lambda: not page.tasks._pending, timeout=10000)
    qtbot.wait(5)


def _choose(page: ReportsPage, row: int) -> None:
    """Only this row chosen (selectRow toggles when a modifier key is still held by an earlier test)."""
    from PySide6.QtCore import QItemSelectionModel

    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    page.records.selectionModel().select(page.records.model().index(row, 0), flags)


def _clients(page: ReportsPage) -> list[str]:
    return [page.records.item(r, 2).text() for r in range(page.records.rowCount())]


def test_find_correct_and_delete_a_clients_entries(qtbot, page: ReportsPage, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    reports = page.services.reports
    report = synthetic_report(2)
    report.report_no, report.client = "", "欧阳测式农户"
    exported = reports.export(report, "xlsx", tmp_path / "a.xlsx")
    reports.export(report, "docx", tmp_path / "a.docx")
    reports.record_service(client="另一合作社", purpose="信息查询", outcome="x")
    # an earlier month's visit of the same client: the month shown (the newest) must not hide it
    reports.record_service(client="欧阳测式农户", purpose="信息查询", outcome="y", when=dt.datetime(2020, 1, 5, 9))
    archived = [a.path for a in reports.archived_reports()]
    assert len(archived) == 2

    _settle(qtbot, page)
    with qtbot.waitSignal(page.sig_records_shown, timeout=10000):
        page.refresh_records()
    _settle(qtbot, page)
    with qtbot.waitSignal(page.sig_records_shown, timeout=10000):
        page.month_combo.setCurrentIndex(1)  # the newest month, as the page shows at first
    assert sorted(_clients(page)) == ["另一合作社", "欧阳测式农户"] and page.selected_month()
    with qtbot.waitSignal(page.sig_records_shown, timeout=10000):
        page.client_filter.setText("欧阳")
        page.find_client_button.click()
    assert _clients(page) == ["欧阳测式农户", "欧阳测式农户"] and "欧阳" in page.record_message.text()
    assert page.selected_month() == ""
    _settle(qtbot, page)
    with qtbot.waitSignal(page.sig_records_shown, timeout=10000):  # the older visit goes its own way
        _choose(page, 1)
        monkeypatch.setattr(page, "confirm_delete", lambda n, numbers: True)
        page.delete_button.click()
    qtbot.waitUntil(lambda: _clients(page) == ["欧阳测式农户"], timeout=10000)
    _settle(qtbot, page)

    _choose(page, 0)
    monkeypatch.setattr(page, "ask_client_name", lambda current: NAME if current == "欧阳测式农户" else None)
    with qtbot.waitSignal(page.sig_records_shown, timeout=10000):
        page.rename_button.click()
    assert _clients(page) == [NAME]
    _settle(qtbot, page)

    asked: list[tuple[int, list[str]]] = []
    answers = [False, True]
    monkeypatch.setattr(page, "confirm_delete", lambda n, numbers: (asked.append((n, numbers)), answers.pop(0))[1])
    _choose(page, 0)
    page.delete_button.click()  # not confirmed: nothing happens
    assert asked == [(1, [exported.report_no])] and all(p.exists() for p in archived)
    _choose(page, 0)
    with qtbot.waitSignal(page.sig_records_deleted, timeout=10000) as blocker:
        page.delete_button.click()
    assert blocker.args[0].entries == 1 and not any(p.exists() for p in archived)
    qtbot.waitUntil(lambda: page.records.rowCount() == 0, timeout=10000)
    assert "已删除 1 条记录" in page.record_message.text()
    assert [e.client for e in reports.service_entries()] == ["另一合作社"]
    with qtbot.waitSignal(page.sig_records_shown, timeout=10000):
        page.client_filter.clear()  # an emptied box shows every entry again
    assert _clients(page) == ["另一合作社"]


def test_delete_with_nothing_chosen_says_so(page: ReportsPage, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(page, "confirm_delete", lambda n, numbers: pytest.fail("asked with nothing chosen"))
    page.delete_button.click()
    assert "选中" in page.record_message.text()


def test_the_questions_name_whose_entries_and_a_correction_stays_found(qtbot, page: ReportsPage, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """QA 21d: a search for a name also lists the names that contain it (欧阳测试 finds 欧阳测试丰), so
    deleting or correcting "all of them" reached another person with a question that named no one;
    after a correction the list, still found by the misspelt name, came back empty and said nothing."""
    from PySide6.QtWidgets import QInputDialog, QMessageBox

    reports = page.services.reports
    for client in ("欧阳测式", "欧阳测式", "欧阳测式丰"):  # synthetic
        reports.record_service(client=client, purpose="信息查询", outcome="x")
    _settle(qtbot, page)
    with qtbot.waitSignal(page.sig_records_shown, timeout=10000):
        page.client_filter.setText("欧阳测式")
        page.find_client_button.click()
    _settle(qtbot, page)
    page.records.selectAll()
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _p, _t, text, *_a: (asked.append(text), QMessageBox.StandardButton.No)[1])
    page.delete_button.click()
    assert "服务对象：欧阳测式丰（1 条）、欧阳测式（2 条）" in asked[0]  # in the list's order, newest first
    monkeypatch.setattr(QInputDialog, "getText", lambda _p, _t, text, *_a: (asked.append(text), ("", False))[1])
    page.rename_button.click()
    assert "不同的服务对象" in asked[1] and "欧阳测式丰（1 条）" in asked[1]

    row = next(r for r in range(page.records.rowCount()) if page.records.item(r, 2).text() == "欧阳测式丰")
    _choose(page, row)
    monkeypatch.setattr(page, "ask_client_name", lambda current: NAME)
    page.client_filter.setText("欧阳测式丰")
    with qtbot.waitSignal(page.sig_records_shown, timeout=10000):
        page.rename_button.click()
    _settle(qtbot, page)
    assert page.client_filter.text() == NAME and _clients(page) == [NAME]
    assert f"已更正 1 条记录的服务对象为“{NAME}”" in page.record_message.text()


def test_files_left_after_a_deletion_are_each_on_a_line_to_copy(qtbot, page: ReportsPage, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """QA 21d: a report file that could not be removed (open elsewhere, read-only) and an older copy were
    run into one line ("….pdf数据文件夹中…"), and the paths could not be copied from the page."""
    from PySide6.QtCore import Qt

    from ipdesk.services.reports.archive import Deletion

    left, copy = tmp_path / "reports" / "IPD-1.pdf", tmp_path / "ipdesk-local.before-restore-1.sqlite"
    _settle(qtbot, page)
    with qtbot.waitSignal(page.sig_records_shown, timeout=10000):
        page._on_deleted(Deletion(2, 1, (), (left,), (copy,)))
    lines = page.record_message.text().splitlines()
    assert str(left) in lines and str(copy) in lines
    assert lines.index(str(left)) < lines.index(str(copy)) - 1  # the copies' sentence on a line between
    assert page.record_message.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse


def test_the_client_box_is_labelled_and_the_delete_key_asks_as_the_button(qtbot, page: ReportsPage, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """QA 21d: the 服务对象 label was not tied to its box, the Delete key did nothing on the table, and the
    查找 button was read out as a bare "Find"."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel, QMessageBox

    labels = [w for w in page.findChildren(QLabel) if w.buddy() is page.client_filter]
    assert [w.text() for w in labels] == ["服务对象"]
    assert page.find_client_button.accessibleName() == "查找服务对象的记录"

    page.services.reports.record_service(client=NAME, purpose="信息查询", outcome="x")
    _settle(qtbot, page)
    with qtbot.waitSignal(page.sig_records_shown, timeout=10000):
        page.refresh_records()
    _settle(qtbot, page)
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _p, _t, text, *_a: (asked.append(text), QMessageBox.StandardButton.No)[1])
    page.records.clearSelection()
    qtbot.keyClick(page.records, Qt.Key.Key_Delete)  # nothing chosen: no question
    assert asked == []
    _choose(page, 0)
    qtbot.keyClick(page.records, Qt.Key.Key_Delete)
    assert len(asked) == 1 and "删除所选的 1 条服务台账记录吗？" in asked[0] and f"服务对象：{NAME}（1 条）" in asked[0]
    _settle(qtbot, page)
    assert [e.client for e in page.services.reports.service_entries()] == [NAME]  # answered No: kept
    assert _clients(page) == [NAME]


def test_report_files_deleted_entries_left_are_named_under_the_table(qtbot, page: ReportsPage, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """QA 21d: a report file that could not be removed at the deletion was named only in that moment's
    message; once its entry was gone nothing named it again."""
    import shutil

    reports = page.services.reports
    report = synthetic_report(2)
    report.report_no, report.client = "", NAME
    archived = reports.export(report, "xlsx", tmp_path / "a.xlsx").archived_path
    archived.unlink()  # open elsewhere, for root too: a non-empty folder of its name cannot be unlinked
    archived.mkdir()
    (archived / "x").write_bytes(b"x")
    assert reports.delete_client(NAME).left == (archived,)
    _settle(qtbot, page)
    with qtbot.waitSignal(page.sig_records_shown, timeout=10000):
        page.refresh_records()
    _settle(qtbot, page)
    lines = page.record_message.text().splitlines()
    assert any("已删除记录的 1 个报告文件未能删除" in line for line in lines) and str(archived) in lines

    shutil.rmtree(archived)  # removed by hand: no longer named
    with qtbot.waitSignal(page.sig_records_shown, timeout=10000):
        page.refresh_records()
    _settle(qtbot, page)
    assert "未能删除" not in page.record_message.text()
