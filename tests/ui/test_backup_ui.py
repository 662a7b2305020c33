"""The "本机记录备份" group of Data & sync: back up to a file, restore from one (checked, shown,
confirmed, run in the background), the last backup time, and the Reports page following a restore.
The file dialogs and the confirmation are the panel's own methods, replaced here."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from ipdesk.services.settings import load_settings
from tests.ui.conftest import _window, wait_idle


@pytest.fixture
def data_window(qtbot, services, tasks):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from ipdesk.ui.i18n import install_translators

    install_translators(QApplication.instance(), "zh_CN")
    for i in range(2):
        services.reports.record_service(client=f"合成测试合作社{i}", purpose="咨询", outcome="已答复",
                                        when=dt.datetime(2026, 11, 20 + i, 9, 0))
    window = _window(qtbot, services, tasks, "zh_CN")
    reports = window.page("reports")  # built, then hidden behind the Data page
    window.show_page("data")
    wait_idle(qtbot, tasks)
    return window, window.page("data"), reports


def test_back_up_then_restore_and_the_reports_page_follows(qtbot, data_window, services, tasks, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _win, data, reports = data_window
    panel = data.backup_panel
    assert panel.last_label.text() == "上次备份：从未备份"
    assert panel.backup_button.accessibleName() and panel.restore_button.accessibleName()
    target = tmp_path / "usb" / "ipdesk-备份-2026-11-27.zip"
    target.parent.mkdir()
    panel.choose_backup_target = lambda: target
    panel.backup_button.click()
    qtbot.waitUntil(lambda: "已备份到" in panel.message.text(), timeout=20000)
    assert target.is_file() and "服务台账 2 条" in panel.message.text()
    assert panel.last_label.text().startswith("上次备份：20")
    assert load_settings(services.data_dir).last_backup_at == services.settings.last_backup_at != ""

    services.reports.record_service(client="备份之后的来访", purpose="咨询", outcome="—")
    reports.refresh_records()
    wait_idle(qtbot, tasks)
    assert reports.records.rowCount() == 3
    asked: list[str] = []

    def confirm(info, current, plan=None) -> bool:  # type: ignore[no-untyped-def]
        asked.append(panel.restore_question(info, current, plan))
        return True

    panel.choose_backup_file = lambda: target
    panel.confirm_restore = confirm
    panel.restore_button.click()
    qtbot.waitUntil(lambda: "已从备份恢复" in panel.message.text(), timeout=20000)
    assert "服务台账 2 条" in asked[0] and "服务台账 3 条" in asked[0] and "安全副本" in asked[0]
    assert "ipdesk-local.before-restore-" in panel.message.text()
    assert re.search(r"before-restore-\S+\.sqlite\n", panel.message.text() + "\n")  # the path ends its line
    wait_idle(qtbot, tasks)
    # the Reports page, not on show, was told: it lists the restored service record
    qtbot.waitUntil(lambda: reports.records.rowCount() == 2, timeout=10000)
    assert panel.backup_button.isEnabled() and panel.restore_button.isEnabled()


def test_a_restore_not_confirmed_changes_nothing(qtbot, data_window, services, tasks, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _win, data, _reports = data_window
    panel = data.backup_panel
    target = tmp_path / "b.zip"
    panel.backup_to(target)
    qtbot.waitUntil(lambda: "已备份到" in panel.message.text(), timeout=20000)
    services.reports.record_service(client="备份之后的来访", purpose="咨询", outcome="—")
    panel.confirm_restore = lambda info, current, plan=None: False
    panel.inspect_backup(target)
    qtbot.waitUntil(lambda: "已取消恢复" in panel.message.text(), timeout=20000)
    assert len(services.reports.service_entries()) == 3
    assert not list(services.data_dir.glob("ipdesk-local.before-restore-*"))


def test_an_existing_file_is_replaced_only_after_asking(qtbot, data_window, services, tasks, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """QA #3: a backup never silently replaces an earlier one."""
    _win, data, _reports = data_window
    panel = data.backup_panel
    target = tmp_path / "b.zip"
    target.write_bytes(b"an earlier backup")
    asked: list[Path] = []

    def refuse(path: Path) -> bool:
        asked.append(path)
        return False

    panel.choose_backup_target = lambda: target
    panel.confirm_replace = refuse
    panel.backup_button.click()
    assert asked == [target] and "已有的文件保持不变" in panel.message.text()
    assert target.read_bytes() == b"an earlier backup"
    panel.backup_to(target)  # not asked (as a caller that did not ask): refused, the file kept
    qtbot.waitUntil(lambda: "已有同名文件" in panel.message.text(), timeout=20000)
    assert target.read_bytes() == b"an earlier backup" and panel.backup_button.isEnabled()
    panel.confirm_replace = lambda path: True
    panel.backup_button.click()
    qtbot.waitUntil(lambda: "已备份到" in panel.message.text(), timeout=20000)
    assert target.read_bytes().startswith(b"PK")
    wait_idle(qtbot, tasks)
    panel.backup_to(tmp_path)  # a folder: a new name in it, with the time
    qtbot.waitUntil(lambda: "ipdesk-备份-" in panel.message.text(), timeout=20000)
    assert len(list(tmp_path.glob("ipdesk-备份-*.zip"))) == 1


def test_a_damaged_backup_is_explained_in_place(qtbot, data_window, services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _win, data, _reports = data_window
    panel = data.backup_panel
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"PK\x03\x04 not a backup")
    panel.confirm_restore = lambda info, current, plan=None: pytest.fail("a damaged file must not be offered")
    panel.inspect_backup(bad)
    qtbot.waitUntil(lambda: "已损坏" in panel.message.text(), timeout=20000)
    assert "没有恢复任何内容" in panel.message.text() and panel.restore_button.isEnabled()
    panel.backup_to(tmp_path / "no-such-folder" / "b.zip")
    qtbot.waitUntil(lambda: "无法写入备份文件" in panel.message.text(), timeout=20000)
    assert len(services.reports.service_entries()) == 2


def test_the_group_speaks_english(qtbot, services, tasks, english, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.services.backup import create_backup, read_backup_info
    from ipdesk.ui.backup_panel import BackupPanel

    panel = BackupPanel(services, tasks, english)
    qtbot.addWidget(panel)
    assert panel.title() == "Back up local records" and panel.last_label.text() == "Last backup: never"
    services.reports.record_service(client="合成测试合作社", purpose="咨询", outcome="—")
    create_backup(services.db, services.data_dir, tmp_path / "b.zip")
    question = panel.restore_question(read_backup_info(tmp_path / "b.zip"), {"service_record": 4})
    # one entry, several entries (QA: "1 service-record entries")
    assert "holds: 1 service-record entry." in question and "(4 service-record entries)" in question
    assert question.endswith("Restore now?") and "retention" not in question  # kept for ever: nothing said
    services.settings.record_retention_years = 3
    cutoff = services.reports.retention_cutoff().isoformat()
    question = panel.restore_question(read_backup_info(tmp_path / "b.zip"), {"service_record": 4})
    assert ("\n\nThe retention period set on this computer is 3 years: this computer's service-record entries from "
            f"before {cutoff} are deleted before the restore (the safety copy does not keep them either), and the "
            "backup's entries from before that day are deleted on this computer after it; the backup file itself is "
            "not changed.\n\nRestore now?") in question
    services.settings.record_retention_years = 0
    assert panel.counts_text({"service_record": 0, "report_files": 1, "patent": 1200}) == (
        "0 service-record entries, 1 report file, 1,200 local patents")
    assert panel.registry_text(0, 0, 1, done=True) == (
        "Records imported as local: 0 added, 0 updated. 1 local record in the backup has the same number as a "
        "record from a data update and was not restored: the data update's version was kept (later data updates "
        "keep correcting it). If the local version should really win, import the staff's file again under "
        "\"Import files\" with \"Import as local data\" ticked.")
    assert "7 local records in the backup have the same number as a record from a data update and will not be " \
           "restored: the data update's versions are kept" in panel.registry_text(1, 0, 7, done=False)


def test_a_restore_keeps_the_update_records_says_so_and_the_data_table_follows(  # type: ignore[no-untyped-def]
        qtbot, data_window, services, tasks, tmp_path: Path, seed_path: Path) -> None:
    """QA #2 (qa12, qa13): the question and the result say how many of the backup's local records
    have the number of a data update's record here (not restored, the update's kept, whatever their
    dates) and how to make the local version win, and the Data table shows the datasets' counts."""
    from tests.unit.test_backup_update_records import make_old_backup, write_update

    _win, data, _reports = data_window
    panel = data.backup_panel
    backup = make_old_backup(tmp_path, seed_path)
    write_update(services, tmp_path / "update")
    data.refresh()
    wait_idle(qtbot, tasks)

    def counts() -> dict[str, int]:
        return {d.name: d.record_count for d in data.model._rows}

    assert counts()["trademarks"] == 1 and counts()["patents"] == 6
    asked: list[str] = []

    def confirm(info, current, plan=None) -> bool:  # type: ignore[no-untyped-def]
        asked.append(panel.restore_question(info, current, plan))
        return True

    panel.confirm_restore = confirm
    panel.inspect_backup(backup)
    qtbot.waitUntil(lambda: "已从备份恢复" in panel.message.text(), timeout=20000)
    assert "本机导入记录将按编号合并：新增 1，更新 0。" in asked[0]
    assert ("备份中有 7 条本机记录与数据更新中的记录编号相同，不会恢复，将保留数据更新中的版本（此后的数据更新会继续更正它们）。"
            "如确要以本机的版本为准，请在“导入文件”中勾选“作为本机数据导入”，把员工的原文件重新导入。") in asked[0]
    assert "较新" not in asked[0]
    text = panel.message.text()
    assert "本机导入记录：新增 1，更新 0。" in text
    assert "备份中有 7 条本机记录与数据更新中的记录编号相同，没有恢复，保留了数据更新中的版本" in text
    qtbot.waitUntil(lambda: counts().get("local_patents") == 1, timeout=10000)
    assert counts()["patents"] == 6 and counts()["trademarks"] == 1
    wait_idle(qtbot, tasks)
    panel.inspect_backup(backup)  # the same backup again: nothing added or updated
    qtbot.waitUntil(lambda: len(asked) == 2 and "已从备份恢复" in panel.message.text(), timeout=20000)
    assert "新增 0，更新 0。" in asked[1] and "本机导入记录：新增 0，更新 0。" in panel.message.text()


def test_the_window_says_how_many_were_deleted_again(qtbot, services, tasks, english, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A client deleted after the backup was made is deleted again by its restore, and the message says so."""
    from ipdesk.services.backup import create_backup
    from ipdesk.ui.backup_panel import BackupPanel

    for when in (dt.datetime(2026, 10, 3, 9), dt.datetime(2026, 10, 4, 9)):
        services.reports.record_service(client="欧阳测试农户", purpose="咨询", outcome="—", when=when)
    services.reports.record_service(client="另一测试合作社", purpose="咨询", outcome="—")
    backup = tmp_path / "b.zip"
    create_backup(services.db, services.data_dir, backup)
    services.reports.delete_client("欧阳测试农户")
    panel = BackupPanel(services, tasks, english)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.sig_restored, timeout=30000):
        panel.restore_from(backup)
    assert ("2 service-record entries deleted on this computer since the backup was made were deleted again "
            "(with their archived reports), not restored.") in panel.message.text()
    assert [e.client for e in services.reports.service_entries()] == ["另一测试合作社"]
    assert panel.deleted_again_text(1) == ("1 service-record entry deleted on this computer since the backup was "
                                           "made was deleted again (with its archived reports), not restored.")


def test_the_window_says_how_many_files_were_not_restored(qtbot, services, tasks, english, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A backup with reports/…/x.exe: the restore leaves it out and the message counts it."""
    from ipdesk.services.backup import create_backup
    from ipdesk.ui.backup_panel import BackupPanel

    for name in ("IPD-x.exe", "IPD-y.bat"):
        planted = services.data_dir / "reports" / "2026-11" / name
        planted.parent.mkdir(parents=True, exist_ok=True)
        planted.write_bytes(b"synthetic test bytes")
    backup = tmp_path / "b.zip"
    create_backup(services.db, services.data_dir, backup)
    for planted in (services.data_dir / "reports" / "2026-11").iterdir():
        planted.unlink()
    panel = BackupPanel(services, tasks, english)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.sig_restored, timeout=30000):
        panel.restore_from(backup)
    assert ("2 files under reports in the backup are not a report (.pdf, .docx, .xlsx) and were not restored."
            in panel.message.text())
    assert not list((services.data_dir / "reports").rglob("IPD-*"))
