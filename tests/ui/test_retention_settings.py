"""The Settings page's 保留服务台账和报告: a shorter period is counted in the background and asked about
(the question names the count and that backups and exported ledgers keep them); answered no, nothing is
saved or removed; answered yes, it is saved and the old entries go at once. A longer period is not asked
about. The Reports page's 服务台账 tab says the retention in force. Real SQLite store, offscreen."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QMessageBox
from sqlalchemy import update

from ipdesk.domain.basket import ReportBasket
from ipdesk.domain.retention import years_before
from ipdesk.services.models import ServiceRecord
from ipdesk.services.settings import load_settings
from ipdesk.ui.reports_page import ReportsPage
from ipdesk.ui.settings_page import SettingsPage
from tests.ui.conftest import press_save


def _entry(services, client: str, day: dt.date) -> int:  # type: ignore[no-untyped-def]
    entry_id = services.reports.record_service(client=client, purpose="信息查询", outcome="合成")
    with services.db.local_store.session() as s:
        s.execute(update(ServiceRecord).where(ServiceRecord.id == entry_id)
                  .values(created_at=dt.datetime.combine(day, dt.time(10))))
    return int(entry_id)


def _choose(page: SettingsPage, years: int) -> None:
    page.retention_combo.setCurrentIndex(page.retention_combo.findData(years))


def test_a_shorter_period_asks_with_the_count_and_removes_only_when_confirmed(qtbot, services, tasks, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    today = dt.date.today()
    _entry(services, "合成老农户甲", years_before(today, 2) - dt.timedelta(days=1))
    _entry(services, "合成老农户乙", years_before(today, 3))
    _entry(services, "合成新农户", today)
    page = SettingsPage(services, tasks, None, "zh_CN")
    qtbot.addWidget(page)
    assert page.retention_combo.currentData() == 0 and page.retention_combo.currentText() == "永久保留"
    asked: list[str] = []
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text, *_a: (asked.append(text), answers.pop(0))[1])

    _choose(page, 2)
    page.save_button.click()
    assert not page.save_button.isEnabled()  # counting, off the GUI thread
    qtbot.waitUntil(lambda: bool(asked) and page.save_button.isEnabled(), timeout=10000)
    assert "2 条服务台账记录将被删除" in asked[0] and years_before(today, 2).isoformat() in asked[0]
    assert "备份" in asked[0] and "导出的台账" in asked[0]
    assert load_settings(services.data_dir).record_retention_years == 0  # not saved
    assert services.settings.record_retention_years == 0
    assert page.retention_combo.currentData() == 0 and "没有保存" in page.saved_label.text()
    assert len(services.reports.service_entries()) == 3

    _choose(page, 2)
    page.save_button.click()
    qtbot.waitUntil(lambda: "已删除" in page.saved_label.text(), timeout=10000)
    assert len(asked) == 2 and "2 条" in page.saved_label.text()
    assert load_settings(services.data_dir).record_retention_years == 2
    assert [e.client for e in services.reports.service_entries()] == ["合成新农户"]

    _choose(page, 5)  # longer: nothing more goes, nothing asked
    press_save(qtbot, page)
    assert len(asked) == 2 and load_settings(services.data_dir).record_retention_years == 5


def test_a_shorter_period_that_removes_nothing_is_saved_without_a_question(qtbot, services, tasks, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _entry(services, "合成新农户", dt.date.today())
    page = SettingsPage(services, tasks, None, "zh_CN")
    qtbot.addWidget(page)
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: (_ for _ in ()).throw(AssertionError("asked")))
    _choose(page, 1)
    page.save_button.click()
    qtbot.waitUntil(lambda: page.saved_label.text() == "已保存。", timeout=10000)
    assert load_settings(services.data_dir).record_retention_years == 1


def test_the_reports_page_says_the_retention_in_force(qtbot, services, tasks) -> None:  # type: ignore[no-untyped-def]
    page = ReportsPage(services, tasks, ReportBasket(), "zh_CN")
    qtbot.addWidget(page)
    assert page.retention_label.text() == "永久保留：服务台账和存档报告不会被自动删除。"
    services.settings.record_retention_years = 3
    page.show_settings(services.settings)
    cutoff = years_before(dt.date.today(), 3).isoformat()
    assert page.retention_label.text() == f"保留 3 年：早于 {cutoff} 的记录会被自动删除。"
    qtbot.waitUntil(lambda: not tasks._pending, timeout=10000)  # the page's own first load has arrived


def test_the_retention_line_and_choice_in_english(qtbot, services, tasks, english) -> None:  # type: ignore[no-untyped-def]
    services.settings.record_retention_years = 1
    page = ReportsPage(services, tasks, ReportBasket(), english)
    qtbot.addWidget(page)
    cutoff = years_before(dt.date.today(), 1).isoformat()
    assert page.retention_label.text() == f"Kept for 1 year: entries from before {cutoff} are removed automatically."
    settings = SettingsPage(services, tasks, None, english)
    qtbot.addWidget(settings)
    assert settings.retention_combo.currentText() == "1 year"
    assert settings.retention_combo.itemText(settings.retention_combo.count() - 1) == "10 years"
    qtbot.waitUntil(lambda: not tasks._pending, timeout=10000)


def test_a_restore_removes_at_once_the_entries_older_than_the_retention(qtbot, services, tasks, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Decided (docs): the restored entries older than the period are removed right after the restore,
    not left for the next clean-up, and the restore's summary says how many."""
    from ipdesk.services.backup import create_backup
    from ipdesk.ui.backup_panel import BackupPanel

    _entry(services, "合成老农户", dt.date(2020, 5, 1))
    _entry(services, "合成新农户", dt.date.today())
    backup = tmp_path / "b.zip"
    create_backup(services.db, services.data_dir, backup)  # made on a computer that kept everything
    services.settings.record_retention_years = 3
    panel = BackupPanel(services, tasks, "zh_CN")
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.sig_restored, timeout=30000) as blocker:
        panel.restore_from(backup)
    cutoff = years_before(dt.date.today(), 3).isoformat()
    assert (blocker.args[0].retention_removed, blocker.args[0].retention_cutoff) == (1, cutoff)
    lines = panel.message.text().splitlines()
    assert lines[:3] == [
        "已从备份恢复：服务台账 2 条。",
        f"其中 1 条服务台账记录早于这台电脑上设置的保留期限（3 年，即 {cutoff} 之前），已在本机删除（连同其存档报告）。"
        "本机现有恢复来的记录 1 条。备份文件本身没有改动，仍含有这 1 条记录。",
        # the same old entry was here before the restore: deleted before the safety copy was made
        "恢复前，本机原有的 1 条服务台账记录早于保留期限（3 年），已删除（连同其存档报告），安全副本中也没有它们。",
    ]
    assert [e.client for e in services.reports.service_entries()] == ["合成新农户"]


def test_the_restore_message_after_retention_in_english(qtbot, services, tasks, tmp_path, english) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.services.backup import create_backup
    from ipdesk.ui.backup_panel import BackupPanel

    _entry(services, "合成老农户甲", dt.date(2020, 5, 1))
    _entry(services, "合成老农户乙", dt.date(2020, 6, 1))
    _entry(services, "合成新农户", dt.date.today())
    backup = tmp_path / "b.zip"
    create_backup(services.db, services.data_dir, backup)
    services.reports.apply_retention()  # kept for ever: nothing goes; the record is as in the backup
    services.settings.record_retention_years = 1
    panel = BackupPanel(services, tasks, english)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.sig_restored, timeout=30000):
        panel.restore_from(backup)
    cutoff = years_before(dt.date.today(), 1).isoformat()
    assert panel.message.text().splitlines()[:3] == [
        "Restored from the backup: 3 service-record entries.",
        "Of these, 2 service-record entries were older than the retention period set on this computer (1 year: from "
        f"before {cutoff}) and were deleted on this computer (with their archived reports). 1 restored entry is kept "
        "here. The backup file itself is unchanged and still holds those 2 entries.",
        "Before the restore, 2 service-record entries already on this computer were older than the retention period "
        "(1 year) and were deleted (with their archived reports); the safety copy does not hold them either.",
    ]
