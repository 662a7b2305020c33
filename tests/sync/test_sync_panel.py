"""The sync panel offscreen: check, update with progress, what changed per dataset, errors in place."""

from __future__ import annotations

from types import SimpleNamespace

from ipdesk.services.settings import Settings
from tests.sync.conftest import Folder, Repos, answering
from tests.ui.conftest import press_save


def _panel(qtbot, folder: Folder, repos: Repos, source: str):  # type: ignore[no-untyped-def]
    from ipdesk.ui.sync_panel import SyncPanel
    from ipdesk.ui.tasks import TaskRunner

    tasks = TaskRunner()
    services = SimpleNamespace(settings=Settings(update_source=source), sync=folder.client(repos), data_dir=folder.path)
    panel = SyncPanel(services, tasks, "en")
    qtbot.addWidget(panel)
    return panel, tasks


def test_check_then_update_shows_what_changed(qtbot, folder: Folder, repos: Repos) -> None:  # type: ignore[no-untyped-def]
    panel, tasks = _panel(qtbot, folder, repos, str(repos.v1))
    qtbot.waitUntil(lambda: panel.status_label.text() != "")
    panel.check_button.click()
    qtbot.waitUntil(lambda: panel.changes.rowCount() == 2 and panel.check_button.isEnabled(), timeout=10000)
    assert panel.changes.item(0, 5).text().endswith(" KB")  # a tiny repository: not "0.0 MB"
    with qtbot.waitSignal(panel.sig_applied, timeout=20000) as blocker:
        panel.sync_button.click()
    assert blocker.args[0].applied is not None
    qtbot.waitUntil(lambda: panel.changes.item(0, 4) is not None and panel.changes.item(0, 4).text().startswith("+"),
                    timeout=10000)
    cells = {panel.changes.item(r, 4).text() for r in range(panel.changes.rowCount())}
    assert any(c.startswith("+119") for c in cells) and any(c.startswith("+40") for c in cells)
    assert panel.cancel_button.isEnabled() is False
    # what each dataset's download weighed, after the update too (the column was left empty)
    assert not panel.changes.isColumnHidden(5)
    assert all(panel.changes.item(r, 5).text().endswith(" KB") for r in range(panel.changes.rowCount()))
    assert panel.changes.horizontalHeaderItem(4).text() == panel.tr("新增/更新/删除")
    # times as people read them: local, to the minute (they are stored in UTC, 2026-…T…Z)
    from ipdesk.domain.i18n import local_time_text

    state, applied = folder.client(repos).status()
    qtbot.waitUntil(lambda: local_time_text(applied.applied_at) in panel.status_label.text(), timeout=10000)
    assert local_time_text(state.last_check) in panel.last_check_label.text()
    assert state.last_check not in panel.last_check_label.text() and "Z" not in panel.status_label.text()
    tasks.wait_idle()


def test_an_error_is_shown_in_place(qtbot, folder: Folder, repos: Repos, tmp_path) -> None:  # type: ignore[no-untyped-def]
    panel, tasks = _panel(qtbot, folder, repos, str(tmp_path / "no-such-stick"))
    panel.sync_button.click()
    qtbot.waitUntil(lambda: "was not found" in panel.status_label.text(), timeout=10000)
    assert panel.sync_button.isEnabled() and "USB stick" in panel.status_label.text()
    tasks.wait_idle()
    qtbot.waitUntil(lambda: "（error）" in panel.last_check_label.text(), timeout=10000)  # the outcome, in the panel's language
    assert "was not found" not in panel.last_check_label.text()  # said once, on the line above


def test_monitor_downloads_then_applies_when_idle(qtbot, folder: Folder, repos: Repos) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.ui.sync_monitor import SyncMonitor
    from ipdesk.ui.tasks import TaskRunner

    tasks = TaskRunner()
    services = SimpleNamespace(settings=Settings(update_source=str(repos.v1), auto_sync=True),
                               sync=folder.client(repos))
    idle = [False]
    monitor = SyncMonitor(services, tasks, lang="en", is_idle=lambda: idle[0])
    statuses: list[str] = []
    monitor.sig_status_changed.connect(statuses.append)
    monitor.check_now()
    qtbot.waitUntil(lambda: monitor.ready_to_apply and not monitor.busy, timeout=10000)
    _, applied = folder.client(repos).status()
    assert applied is None  # downloaded, not applied: the kiosk is busy
    idle[0] = True
    with qtbot.waitSignal(monitor.sig_applied, timeout=20000):
        monitor.check_now()
    _, applied = folder.client(repos).status()
    assert applied is not None and applied.manifest_version == 1
    assert statuses[-1] == monitor.tr("数据更新已应用（更新包第 %1 版）").replace("%1", "1")
    monitor.stop()
    tasks.wait_idle()


def test_monitor_gives_way_quietly(qtbot) -> None:  # type: ignore[no-untyped-def]
    """When "Update now" takes over from the automatic download, the status bar says where the
    update went on, not that it failed."""
    from ipdesk.services.sync.errors import SyncYieldedError
    from ipdesk.ui.sync_monitor import SyncMonitor
    from ipdesk.ui.tasks import TaskRunner

    monitor = SyncMonitor(SimpleNamespace(settings=Settings()), TaskRunner(), lang="en")
    statuses: list[str] = []
    monitor.sig_status_changed.connect(statuses.append)
    monitor.busy = True
    monitor._on_error(SyncYieldedError("后台下载已停止。", "The background download stopped."))
    assert not monitor.busy and statuses == [monitor.tr("数据更新已转到“数据与同步”页进行")]


def test_a_language_switch_keeps_the_plan_and_a_running_update(qtbot, folder: Folder, repos: Repos) -> None:  # type: ignore[no-untyped-def]
    """The window rebuilds the panel in the new language: the last check's plan is shown again,
    and an update still running reports its progress and its end to the rebuilt panel."""
    import shiboken6

    from ipdesk.domain.i18n import dataset_label
    from ipdesk.ui.sync_panel import SyncPanel

    panel, tasks = _panel(qtbot, folder, repos, str(repos.v1))
    panel.source_edit.setText(str(repos.v1) + " ")  # typed, not saved in the settings
    panel.check_button.click()
    qtbot.waitUntil(lambda: panel.changes.rowCount() == 2 and panel.check_button.isEnabled(), timeout=10000)
    plan = [panel.changes.item(r, 5).text() for r in range(2)]
    rebuilt = SyncPanel(panel.services, tasks, "zh_CN")
    qtbot.addWidget(rebuilt)
    rebuilt.restore_state(panel.save_state())
    panel.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(panel))
    assert rebuilt.source_edit.text() == str(repos.v1) + " "
    assert [rebuilt.changes.item(r, 5).text() for r in range(2)] == plan
    names = {rebuilt.changes.item(r, 0).text() for r in range(2)}
    assert names <= {dataset_label(n, "zh_CN") for n in ("patents", "trademarks", "gi", "divisions")}
    tasks.wait_idle()
    qtbot.wait(20)
    assert rebuilt.changes.rowCount() == 2  # the last update's status, read on building, does not cover it

    rebuilt.sync_button.click()
    last = SyncPanel(panel.services, tasks, "en")
    qtbot.addWidget(last)
    last.restore_state(rebuilt.save_state())
    rebuilt.deleteLater()
    assert last.cancel_button.isEnabled() and not last.sync_button.isEnabled() and last.progress.isVisibleTo(last)
    with qtbot.waitSignal(last.sig_applied, timeout=20000) as blocker:
        pass  # the answer arrives through the event loop, which runs only now
    assert blocker.args[0].applied is not None
    assert last.sync_button.isEnabled() and not last.cancel_button.isEnabled()
    tasks.wait_idle()


def test_an_untrusted_publisher_says_what_to_do_and_settings_adds_its_key(qtbot, folder: Folder, repos: Repos,  # type: ignore[no-untyped-def]
                                                                          tmp_path) -> None:
    """A source signed by a key this computer does not trust: the panel says to get the publisher's
    .pub file and add it in Settings; added there and saved, the next check goes through."""
    from ipdesk.services.settings import load_settings
    from ipdesk.services.sync.manifest import key_id, load_public_key_file
    from ipdesk.ui.settings_page import SettingsPage
    from ipdesk.ui.sync_panel import SyncPanel
    from ipdesk.ui.tasks import TaskRunner

    tasks = TaskRunner()
    from ipdesk.services.sync.client import SyncService
    from tests.sync.conftest import FAST

    # the bundled key is another publisher's: this source's key is unknown here
    sync = SyncService(folder.db.engine, folder.path, policy=FAST,
                       default_key_file=repos.other_key_file.with_name("other.key.pub"))
    services = SimpleNamespace(settings=Settings(update_source=str(repos.v1)), data_dir=folder.path, sync=sync)
    panel = SyncPanel(services, tasks, "zh_CN")
    qtbot.addWidget(panel)
    panel.check_button.click()
    qtbot.waitUntil(lambda: panel.check_button.isEnabled() and "不在受信任名单中" in panel.status_label.text(),
                    timeout=10000)
    kid = key_id(load_public_key_file(repos.pub_file))
    assert kid in panel.status_label.text() and "设置" in panel.status_label.text() and ".pub" in panel.status_label.text()
    assert "manifest.json" not in panel.status_label.text()
    qtbot.waitUntil(lambda: "上次检查" in panel.last_check_label.text(), timeout=10000)
    assert "manifest.json" not in panel.last_check_label.text()  # the service's words are not said again below
    settings = SettingsPage(services, tasks, None, "zh_CN")
    qtbot.addWidget(settings)
    assert settings.keys_list.count() == 1 and not settings.remove_key_button.isEnabled()  # "none added"
    bad = tmp_path / "not-a-key.pub"
    bad.write_text("hello", encoding="utf-8")
    settings.add_key_file(bad)
    assert "not-a-key.pub 不是发布者公钥" in settings.saved_label.text() and settings.keys_list.item(0).text() != kid
    settings.add_key_file(repos.key_file)  # the private key by mistake (QA: "cannot read", no file named)
    assert f"{repos.key_file} 是发布者的私钥" in settings.saved_label.text() and ".pub" in settings.saved_label.text()
    assert settings.keys_list.item(0).text() != kid
    settings.add_key_file(repos.pub_file)
    assert settings.keys_list.item(0).text() == settings.tr("密钥 %1").replace("%1", kid)
    settings.add_key_file(repos.pub_file)  # twice: listed once
    assert settings.keys_list.count() == 1
    press_save(qtbot, settings)
    assert load_settings(folder.path).trusted_keys == [repos.public_text()]
    panel.check_button.click()
    qtbot.waitUntil(lambda: panel.changes.rowCount() == 2 and panel.check_button.isEnabled(), timeout=10000)
    # removed again: the list says so and the next check refuses
    settings.keys_list.setCurrentRow(0)
    settings.remove_key_button.click()
    press_save(qtbot, settings)
    assert load_settings(folder.path).trusted_keys == [] and services.sync.trusted_keys == []
    tasks.wait_idle()


def test_the_plan_warns_about_records_imported_here_and_a_local_reimport_clears_it(  # type: ignore[no-untyped-def]
        qtbot, folder: Folder, repos: Repos, tmp_path) -> None:
    """As `ipdesk sync --check` does: a snapshot would delete or replace trademarks staff imported without
    'local'; the plan says how many and how to keep them, and re-importing them as local clears it."""
    from ipdesk.services.importers.staging import Importer

    csv_file = tmp_path / "tm.csv"
    csv_file.write_text("注册号*,商标*,类别*,类似群,商品服务,注册人\n99000001,合成测试五常香,30,3002,大米,合成测试合作社\n"
                        "99000002,合成测试稻花香,30,3002,大米,合成测试合作社\n", encoding="utf-8")
    importer = Importer(folder.db)
    importer.commit(importer.stage([csv_file]))
    panel, tasks = _panel(qtbot, folder, repos, str(repos.v1))
    panel.check_button.click()
    qtbot.waitUntil(lambda: panel.changes.rowCount() == 2 and panel.check_button.isEnabled(), timeout=10000)
    assert panel.risk_label.isVisibleTo(panel)
    assert "2 条记录" in panel.risk_label.text() and "作为本机数据导入" in panel.risk_label.text()
    importer.commit(importer.stage([csv_file], local=True))
    panel.check_button.click()
    qtbot.waitUntil(lambda: panel.check_button.isEnabled() and not panel.risk_label.isVisibleTo(panel), timeout=10000)
    tasks.wait_idle()


def test_an_older_source_says_this_computer_is_newer(qtbot, folder: Folder, repos: Repos) -> None:  # type: ignore[no-untyped-def]
    folder.client(repos).sync(str(repos.v2))
    panel, tasks = _panel(qtbot, folder, repos, str(repos.v1))  # an old USB stick
    panel.check_button.click()
    qtbot.waitUntil(lambda: panel.check_button.isEnabled() and "2" in panel.status_label.text(), timeout=10000)
    text = panel.status_label.text()
    assert ("比更新来源的" in text or "newer than" in text) and "1" in text, text
    assert panel.changes.rowCount() == 0 or not panel.risk_label.isVisibleTo(panel)
    tasks.wait_idle()


def _cells(panel, row: int) -> list[str]:  # type: ignore[no-untyped-def]
    model = panel.records.model
    return [model.index(row, c).data() for c in range(model.columnCount())]


def test_the_records_the_last_update_changed_are_listed_filtered_and_opened(  # type: ignore[no-untyped-def]
        qtbot, at_v1: Folder, repos: Repos) -> None:
    """Below the counts: every record v2 added, changed and removed; filtered by kind of change;
    Enter or a double-click on an added or changed one asks the window to open it, a removed one
    says what it was."""
    from PySide6.QtCore import Qt

    from ipdesk.domain.i18n import SYNC_CHANGE_NAMES
    from tests.sync.synthetic import patent_record

    at_v1.client(repos).sync(str(repos.v2))
    panel, tasks = _panel(qtbot, at_v1, repos, str(repos.v2))
    panel.resize(1000, 700)
    panel.show()
    qtbot.waitExposed(panel)
    model = panel.records.model
    qtbot.waitUntil(lambda: model.rowCount() == 44, timeout=10000)
    assert panel.records.isVisible() and not panel.records.note.isVisible()  # not cut: no note
    assert _cells(panel, 0) == ["Added", "Patents", "SYN000001000A", patent_record(1000)["title"], ""]
    changed = next(r for r in range(44) if model.record(r).change == "changed")
    assert _cells(panel, changed)[0] == "Changed" and _cells(panel, changed)[4] == "Title, Abstract"

    removed_label = SYNC_CHANGE_NAMES["removed"]("en")
    panel.records.change_filter.setCurrentIndex(panel.records.change_filter.findData("removed"))
    qtbot.waitUntil(lambda: model.rowCount() == 20, timeout=10000)
    assert {_cells(panel, r)[0] for r in range(20)} == {removed_label}
    assert _cells(panel, 0)[2:4] == ["SYN000000100A", patent_record(100)["title"]]
    # a removed record cannot be opened: it says what it was instead, and asks the window for nothing
    opened: list[tuple[str, object]] = []
    panel.sig_open_record.connect(lambda kind, ref: opened.append((kind, ref)))
    table = panel.records.table
    table.setFocus()
    table.setCurrentIndex(model.index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert not opened and "SYN000000100A" in panel.records.hint.text() and panel.records.hint.isVisible()

    panel.records.change_filter.setCurrentIndex(panel.records.change_filter.findData("changed"))
    qtbot.waitUntil(lambda: model.rowCount() == 9, timeout=10000)
    first = model.record(0)
    assert first is not None and first.key == ("SYN000000000A",)
    where = table.visualRect(model.index(0, 3)).center()
    with qtbot.waitSignal(panel.sig_open_record, timeout=2000) as blocker:
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=where)  # a double-click's first press
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert blocker.args == ["patent", first.ref_id] and not panel.records.hint.isVisible()
    table.setCurrentIndex(model.index(1, 0))
    with qtbot.waitSignal(panel.sig_open_record, timeout=2000) as blocker:
        qtbot.keyClick(table, Qt.Key.Key_Enter)
    assert blocker.args == ["patent", model.record(1).ref_id]
    # the filter chosen survives a language switch
    state = panel.save_state()
    assert state.change_filter == "changed"
    tasks.wait_idle()


def test_a_cut_list_says_so_and_reads_on_as_it_scrolls(qtbot, folder: Folder, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.services.sync.changes import LIST_CAP
    from ipdesk.ui.changed_records import PAGE_SIZE
    from tests.sync.conftest import make_repos
    from tests.sync.synthetic import patents

    n = LIST_CAP + 200
    repos = make_repos(tmp_path / "repos", {"patents": patents(n)}, {"patents": patents(n)})
    folder.client(repos).sync(str(repos.v1))
    panel, tasks = _panel(qtbot, folder, repos, str(repos.v1))
    panel.resize(1000, 700)
    panel.show()
    qtbot.waitExposed(panel)
    model = panel.records.model
    qtbot.waitUntil(lambda: model.rowCount() == PAGE_SIZE, timeout=10000)
    note = panel.records.note
    assert note.isVisible()
    assert note.text() == (panel.records.tr("%1：只列出前 %2 条，共 %3 条变化。").replace("%1", "Patents")
                           .replace("%2", f"{LIST_CAP:,}").replace("%3", f"{n - 1:,}"))
    # scrolling to the end reads the next page on the task runner
    panel.records.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() >= 2 * PAGE_SIZE, timeout=10000)
    assert model.record(PAGE_SIZE).key == (f"SYN{PAGE_SIZE + 1:09d}A",)  # SYN000000005A is a local record's
    tasks.wait_idle()


def test_no_list_before_any_update(qtbot, folder: Folder, repos: Repos) -> None:  # type: ignore[no-untyped-def]
    panel, tasks = _panel(qtbot, folder, repos, str(repos.v1))
    panel.show()
    qtbot.waitExposed(panel)
    qtbot.waitUntil(lambda: panel.status_label.text() != "", timeout=10000)
    tasks.wait_idle()
    qtbot.wait(20)
    assert not panel.records.isVisible()


def test_the_window_opens_a_changed_record_as_search_does(qtbot, services, repos: Repos) -> None:  # type: ignore[no-untyped-def]
    """On the real window: a record of the last update's list opens in the detail page."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel

    from ipdesk.services.sync.manifest import load_public_key_file
    from ipdesk.ui.tasks import TaskRunner
    from tests.sync.synthetic import patent_record
    from tests.ui.conftest import _window, wait_idle

    services.sync.sync(str(repos.v1), extra_keys=[load_public_key_file(repos.pub_file)])
    tasks = TaskRunner()
    window = _window(qtbot, services, tasks, "zh_CN")
    window.resize(1280, 800)
    data = window.show_page("data")
    model = data.sync_panel.records.model
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=10000)
    table = data.sync_panel.records.table
    table.setFocus()
    table.setCurrentIndex(model.index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.detail_page and window.detail_page.view is not None,
                    timeout=10000)
    assert window._current_record == ("patent", model.record(0).ref_id)
    texts = [label.text() for label in window.detail_page.view.findChildren(QLabel)]
    assert any(patent_record(0)["title"] in t for t in texts), texts
    wait_idle(qtbot, tasks)


def test_a_list_that_cannot_be_read_says_so(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.services.sync.errors import SyncError
    from ipdesk.ui.changed_records import ChangedRecordsView
    from ipdesk.ui.tasks import TaskRunner

    def unreadable(**_kwargs: object) -> None:
        raise SyncError("数据库出错。", "The database failed.")

    tasks = TaskRunner()
    view = ChangedRecordsView(SimpleNamespace(sync=SimpleNamespace(last_changes=unreadable)), tasks, "en")
    qtbot.addWidget(view)
    view.setVisible(False)
    view.refresh()
    qtbot.waitUntil(lambda: view.note.text() == "The database failed.", timeout=5000)
    assert not view.isHidden() and not view.note.isHidden() and view.model.rowCount() == 0
    tasks.wait_idle()


def test_another_publishers_source_asks_before_switching(qtbot, at_v1: Folder, repos: Repos, tmp_path,  # type: ignore[no-untyped-def]
                                                        monkeypatch) -> None:
    """QA: a second trusted publisher's repository read as a rollback attack. The window names the
    cause, asks whether to switch; No changes nothing, Yes checks again as a switch and the update
    then applies the new publisher's data without asking again."""
    from PySide6.QtWidgets import QMessageBox

    from ipdesk.services.sync.state import read_applied
    from ipdesk.ui.sync_panel import SyncPanel
    from ipdesk.ui.tasks import TaskRunner
    from tests.sync.conftest import snapshot_state
    from tests.sync.test_sync_publishers import both, kid, second_publisher

    b_v1, _b_v2, b_pub = second_publisher(tmp_path)
    sync = both(at_v1, repos, b_pub)
    sync.sync(str(repos.v2))
    before = snapshot_state(at_v1.db_file)
    tasks = TaskRunner()
    services = SimpleNamespace(settings=Settings(update_source=str(b_v1)), sync=sync, data_dir=at_v1.path)
    panel = SyncPanel(services, tasks, "en")
    qtbot.addWidget(panel)
    asked: list[str] = []

    monkeypatch.setattr(QMessageBox, "question", answering(asked, False))
    panel.check_button.click()
    qtbot.waitUntil(lambda: len(asked) == 1 and panel.check_button.isEnabled(), timeout=10000)
    assert kid(b_pub) in asked[0] and kid(repos.pub_file) in asked[0]
    # what to do in the window, not the command line's option (no translator here: Chinese)
    assert "另一个发布者" in panel.status_label.text() and "--switch-publisher" not in panel.status_label.text()
    assert "请再点“立即检查”或“立即更新”，在询问是否改用时选“是”" in panel.status_label.text()
    tasks.wait_idle()
    assert snapshot_state(at_v1.db_file) == before

    monkeypatch.setattr(QMessageBox, "question", answering(asked, True))
    panel.check_button.click()
    qtbot.waitUntil(lambda: len(asked) == 2 and panel.changes.rowCount() == 2 and panel.check_button.isEnabled(),
                    timeout=10000)
    assert kid(b_pub) in panel.status_label.text()  # "switching to the publisher of key …"
    with qtbot.waitSignal(panel.sig_applied, timeout=20000):
        panel.sync_button.click()
    assert len(asked) == 2  # confirmed once
    applied = read_applied(at_v1.db.engine)
    assert applied is not None and (applied.manifest_version, applied.publisher_key) == (1, kid(b_pub))
    tasks.wait_idle()


def test_a_yes_to_a_switch_is_forgotten_after_an_update(qtbot, at_v1: Folder, repos: Repos, tmp_path,  # type: ignore[no-untyped-def]
                                                     monkeypatch) -> None:
    """QA: Yes at Check now for publisher B, then an update from publisher A, then Update now from B
    again switched without asking. A Yes counts for that source and that publisher's key, until an
    update is applied."""
    from PySide6.QtWidgets import QMessageBox

    from ipdesk.ui.sync_panel import SyncPanel
    from ipdesk.ui.tasks import TaskRunner
    from tests.sync.conftest import snapshot_state
    from tests.sync.test_sync_publishers import both, kid, second_publisher

    b_v1, _b_v2, b_pub = second_publisher(tmp_path)
    sync = both(at_v1, repos, b_pub)
    tasks = TaskRunner()
    services = SimpleNamespace(settings=Settings(update_source=str(b_v1)), sync=sync, data_dir=at_v1.path)
    panel = SyncPanel(services, tasks, "en")
    qtbot.addWidget(panel)
    asked: list[str] = []

    def question(_parent, _title, text, *_args):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.Yes if len(asked) == 1 else QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", question)
    panel.check_button.click()  # Yes: the plan of the switch is shown
    qtbot.waitUntil(lambda: len(asked) == 1 and panel.changes.rowCount() == 2 and panel.check_button.isEnabled(),
                    timeout=10000)
    assert panel._switch_ok == (str(b_v1), kid(b_pub))
    panel.source_edit.setText(str(repos.v2))  # back to publisher A: its next package applies, no question
    with qtbot.waitSignal(panel.sig_applied, timeout=20000):
        panel.sync_button.click()
    assert len(asked) == 1 and panel._switch_ok is None
    tasks.wait_idle()
    before = snapshot_state(at_v1.db_file)
    panel.source_edit.setText(str(b_v1))  # B again: asked again (No: nothing changes)
    panel.sync_button.click()
    qtbot.waitUntil(lambda: len(asked) == 2 and panel.sync_button.isEnabled(), timeout=10000)
    tasks.wait_idle()
    assert snapshot_state(at_v1.db_file) == before


def test_source_and_date_only_changes_are_listed_last_counted_and_filtered(  # type: ignore[no-untyped-def]
        qtbot, folder: Folder, tmp_path) -> None:
    """QA (window): re-stamped records after the changes of substance, counted in a note, a filter of
    their own (left out of "Changed"); a new legal status reads old → new."""
    from ipdesk.services.sync.changes import MINOR
    from tests.sync.conftest import make_repos
    from tests.sync.synthetic import patents

    v2 = patents(6)
    for r in v2:
        r["as_of"] = "2026-02-01"
    v2[3]["legal_status"] = "lapsed"
    repos = make_repos(tmp_path / "repos", {"patents": patents(6)}, {"patents": v2})
    folder.client(repos).sync(str(repos.v1))
    folder.client(repos).sync(str(repos.v2))
    panel, tasks = _panel(qtbot, folder, repos, str(repos.v2))
    model = panel.records.model
    qtbot.waitUntil(lambda: model.rowCount() == 5, timeout=10000)  # SYN000000005A is held by a local record
    assert _cells(panel, 0)[2] == "SYN000000003A" and _cells(panel, 0)[4] == "Legal status: pending → lapsed; Data as of"
    assert [_cells(panel, r)[4] for r in range(1, 5)] == ["Data as of"] * 4
    note = panel.records.note
    assert not note.isHidden() and "4" in note.text()
    panel.records.change_filter.setCurrentIndex(panel.records.change_filter.findData(MINOR))
    qtbot.waitUntil(lambda: model.rowCount() == 4, timeout=10000)
    assert note.isHidden()
    panel.records.change_filter.setCurrentIndex(panel.records.change_filter.findData("changed"))
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=10000)
    tasks.wait_idle()


def test_monitor_never_applies_an_update_that_empties_a_dataset(qtbot, folder: Folder, repos: Repos,
                                                                 tmp_path) -> None:  # type: ignore[no-untyped-def]
    """An empty or wrong database published with --allow-removals reaches a kiosk: the automatic
    update downloads it but leaves applying it to a person."""
    import shutil

    from ipdesk.services.sync.manifest import load_private_key
    from ipdesk.services.sync.publisher import Publisher
    from ipdesk.ui.sync_monitor import SyncMonitor
    from ipdesk.ui.tasks import TaskRunner
    from tests.sync.conftest import V2_RECORDS

    client = folder.client(repos)
    client.sync(str(repos.v1))
    emptied = tmp_path / "emptied"
    shutil.copytree(repos.v2, emptied)
    Publisher(emptied, load_private_key(repos.key_file)).publish(
        {"patents": V2_RECORDS["patents"], "trademarks": []}, allow_removals=True)
    tasks = TaskRunner()
    services = SimpleNamespace(settings=Settings(update_source=str(emptied), auto_sync=True), sync=client)
    monitor = SyncMonitor(services, tasks, lang="en", is_idle=lambda: True)
    statuses: list[str] = []
    monitor.sig_status_changed.connect(statuses.append)
    monitor.check_now()
    qtbot.waitUntil(lambda: not monitor.busy and len(statuses) >= 2, timeout=20000)
    tasks.wait_idle()
    _, applied = folder.client(repos).status()
    assert applied is not None and applied.manifest_version == 1  # still the old version
    assert not monitor.ready_to_apply
    assert "Trademarks" in statuses[-1] or "商标" in statuses[-1], statuses
    # a person can still apply it on purpose
    assert folder.client(repos).sync(str(emptied)).applied is not None
    monitor.stop()


def test_the_last_check_outcome_is_lower_case_mid_sentence_in_english(qtbot, folder: Folder, repos: Repos) -> None:  # type: ignore[no-untyped-def]
    """QA polish: 'Last check: … (Update available)' capitalised mid-sentence; the CLI says '(update available)'."""
    from ipdesk.services.sync.state import CheckState

    panel, tasks = _panel(qtbot, folder, repos, str(repos.v1))
    tasks.wait_idle()
    panel._show_last_check(CheckState(last_check="2026-11-27T08:00:00Z", outcome="available"))
    assert "（update available）" in panel.last_check_label.text()
    panel.lang = "zh_CN"
    panel._show_last_check(CheckState(last_check="2026-11-27T08:00:00Z", outcome="applied"))
    assert "（已应用）" in panel.last_check_label.text()


def test_settings_lists_a_key_named_by_its_pub_file_as_sync_reads_it(qtbot, folder: Folder, repos: Repos,  # type: ignore[no-untyped-def]
                                                                     tmp_path) -> None:
    """A management tool may write the .pub file's path into trusted_keys (QA 20c N4): sync uses it,
    so the Settings page lists it by its key, not as a key it cannot read; a path to nothing is
    listed as unreadable, and its tooltip says why."""
    from ipdesk.services.sync.manifest import key_id, load_public_key_file
    from ipdesk.ui.settings_page import SettingsPage
    from ipdesk.ui.tasks import TaskRunner

    tasks = TaskRunner()
    kid = key_id(load_public_key_file(repos.pub_file))
    settings = Settings(trusted_keys=[str(repos.pub_file), str(tmp_path / "missing.pub")])
    services = SimpleNamespace(settings=settings, data_dir=folder.path, sync=None)
    page = SettingsPage(services, tasks, None, "zh_CN")
    qtbot.addWidget(page)
    assert page.keys_list.item(0).text() == page.tr("密钥 %1").replace("%1", kid)
    assert page.keys_list.item(1).text() == page.tr("无法读取的密钥（可以移除）")
    assert "找不到这个文件" in page.keys_list.item(1).toolTip()
    tasks.wait_idle()


def test_a_dropped_connection_is_said_while_it_reconnects(qtbot, folder: Folder, repos: Repos) -> None:  # type: ignore[no-untyped-def]
    """QA: the line sat at "less than a minute left" for 31 s while the download paused to try again."""
    from ipdesk.services.sync.client import SyncProgress
    from ipdesk.ui.sync_panel import size_text

    panel, _tasks = _panel(qtbot, folder, repos, str(repos.v2))
    panel._on_relay_progress(SyncProgress("download", 300_000, 1_800_000, eta_seconds=20))
    bar = panel.progress.value()
    panel._on_relay_progress(SyncProgress("retry", 300_000, 1_800_000, attempt=2, attempts=6))
    text = panel.status_label.text()
    assert "正在重新连接（第 2 / 6 次）" in text and "剩余" not in text and "left" not in text
    assert f"{size_text(300_000)} / {size_text(1_800_000)}" in text, text
    assert panel.progress.value() == bar  # the bar stays where the bytes are


def test_a_cancelled_update_leaves_its_plan_on_show(qtbot, folder: Folder, repos: Repos) -> None:  # type: ignore[no-untyped-def]
    """QA: after 取消 the plan just shown became a table of bare headings (no update had been applied yet)."""
    from ipdesk.services.sync.errors import ObjectIntegrityError, SyncCancelledError

    panel, tasks = _panel(qtbot, folder, repos, str(repos.v1))
    panel.show()
    panel.check_button.click()
    qtbot.waitUntil(lambda: panel.changes.rowCount() == 2 and panel.check_button.isEnabled(), timeout=10000)
    panel._running = "sync"
    panel._on_failed(SyncCancelledError("更新已取消；已下载的部分会在下次继续。", "The update was cancelled."))
    assert tasks.wait_idle(5000)  # the status read again on a task's thread, and shown
    qtbot.wait(50)
    assert panel.changes.rowCount() == 2 and panel.changes.isVisible()  # the update still to come, as checked
    panel._running = "sync"
    panel._on_failed(ObjectIntegrityError("下载的数据与签名清单不符。", "A download does not match."))
    qtbot.waitUntil(lambda: panel.changes.rowCount() == 0)  # that plan no longer stands; nothing applied yet
    assert not panel.changes.isVisible()  # and no table of bare headings
    assert tasks.wait_idle(5000)
