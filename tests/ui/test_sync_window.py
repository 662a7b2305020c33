"""Data & sync in the window: one update source shared with Settings, a check that can be cancelled,
closing the window stops a running update, the status bar after an update, numbers people read."""

from __future__ import annotations

import json
import threading
from types import SimpleNamespace
from typing import Any

import pytest

from ipdesk.services.settings import Settings, settings_path
from ipdesk.services.sync.errors import SignatureError, SyncCancelledError
from ipdesk.services.sync.state import CheckState
from tests.ui.conftest import _window, press_save, wait_idle


class _HangingSync:
    """A sync service whose source accepts the connection and never answers, until `release`."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.cancels: list[Any] = []

    def status(self) -> tuple[CheckState, None]:
        return CheckState(), None

    def check(self, location: str | None = None, *, cancel: Any = None, **_: Any) -> Any:
        self.cancels.append(cancel)
        self.release.wait(10)
        raise AssertionError("a cancelled check must not be answered")

    def sync(self, location: str | None = None, *, progress: Any = None, cancel: Any = None, **_: Any) -> Any:
        self.cancels.append(cancel)
        for _ in range(1000):
            if cancel is not None and cancel.cancelled:
                raise SyncCancelledError("更新已取消。", "The update was cancelled.")
            self.release.wait(0.01)
        raise AssertionError("the update was not cancelled")


def _panel(qtbot, tmp_path, sync: Any, source: str = "http://127.0.0.1:9/", lang: str = "zh_CN"):  # type: ignore[no-untyped-def]
    from ipdesk.ui.sync_panel import SyncPanel
    from ipdesk.ui.tasks import TaskRunner

    tasks = TaskRunner()
    services = SimpleNamespace(settings=Settings(update_source=source), sync=sync, data_dir=tmp_path)
    panel = SyncPanel(services, tasks, lang)
    qtbot.addWidget(panel)
    return panel, tasks


def test_the_source_is_one_setting_shared_with_the_settings_page(qtbot, services, tasks, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, services, tasks, "zh_CN")
    data = window.show_page("data")  # built first: someone looks there, finds it empty, goes to Settings
    settings = window.show_page("settings")
    stick = tmp_path / "stick"
    settings.update_edit.setText(str(stick))
    press_save(qtbot, settings)
    assert data.sync_panel.source_edit.text() == str(stick)  # at once, on the page built earlier
    assert services.sync.update_source == str(stick)  # what a check uses, not the source of start-up
    # typed on Data & sync and checked: saved, the same setting the Settings page edits
    other = tmp_path / "other-stick"
    window.show_page("data")
    data.sync_panel.source_edit.setText(f"{other} ")
    data.sync_panel.check_button.click()
    # kept once the check has looked at it (on the task's thread: a share may not answer for long)
    qtbot.waitUntil(lambda: settings.update_edit.text() == str(other), timeout=10000)  # shown on Settings too:
    assert services.settings.update_source == str(other)  # saving Settings later does not put the old one back
    assert json.loads(settings_path(services.data_dir).read_text(encoding="utf-8"))["update_source"] == str(other)
    qtbot.waitUntil(lambda: data.sync_panel.check_button.isEnabled(), timeout=10000)
    assert "other-stick" in data.sync_panel.status_label.text()  # the check went to the source typed
    wait_idle(qtbot, tasks)


def test_a_check_that_hangs_can_be_cancelled(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    sync = _HangingSync()
    panel, tasks = _panel(qtbot, tmp_path, sync)
    panel.check_button.click()
    qtbot.waitUntil(lambda: len(sync.cancels) == 1)
    assert panel.cancel_button.isEnabled() and not panel.check_button.isEnabled()
    panel.cancel_button.click()
    assert panel.check_button.isEnabled() and not panel.cancel_button.isEnabled()  # free at once
    assert panel.status_label.text() == panel.tr("检查已取消。")
    assert sync.cancels[0].cancelled  # a service that takes `cancel` stops its own work too
    sync.release.set()
    assert tasks.wait_idle(5000)
    qtbot.wait(20)
    assert panel.status_label.text() == panel.tr("检查已取消。")  # the late answer is dropped


def test_closing_the_window_cancels_a_running_update(qtbot, services, tasks) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, services, tasks, "zh_CN")
    data = window.show_page("data")
    sync = _HangingSync()
    data.sync_panel.services = SimpleNamespace(settings=services.settings, sync=sync, data_dir=services.data_dir)
    data.sync_panel.source_edit.setText("/nonexistent/usb")  # with no source the panel asks for one first
    data.sync_panel.sync_button.click()
    qtbot.waitUntil(lambda: len(sync.cancels) == 1)
    window.close()
    assert sync.cancels[0].cancelled and window.sync_monitor._cancel.cancelled
    assert tasks.wait_idle(2000)


def test_progress_after_the_panel_is_gone_is_dropped(qtbot) -> None:  # type: ignore[no-untyped-def]
    import shiboken6

    from ipdesk.services.sync.client import SyncProgress
    from ipdesk.ui.sync_panel import _ProgressRelay

    relay = _ProgressRelay()
    shiboken6.delete(relay)
    relay.report(SyncProgress("download", 1, 2))  # no "Signal source has been deleted"


def test_the_status_bar_follows_the_update_that_took_over(qtbot, services, tasks) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, services, tasks, "zh_CN")
    data = window.show_page("data")
    moved = window.sync_monitor.tr("数据更新已转到“数据与同步”页进行")
    window.status.set_sync_message(moved)
    data.sync_panel._running = "sync"
    data.sync_panel._on_failed(SyncCancelledError("更新已取消。", "The update was cancelled."))
    assert window.status.sync_label.text() == data.sync_panel.tr("数据更新已取消")
    data.sync_panel._running = "sync"
    data.sync_panel._on_failed(SignatureError("x", "manifest.json is not signed by a trusted publisher (key b7ca). "
                                              "Nothing was changed."))
    assert window.status.sync_label.text() == data.sync_panel.tr("数据更新未完成，原因见“数据与同步”页")
    wait_idle(qtbot, tasks)


@pytest.mark.parametrize(("seconds", "zh", "en"), [
    (0.4, "剩余不到 1 分钟", "less than a minute left"),
    (59, "剩余不到 1 分钟", "less than a minute left"),
    (300, "剩余约 5 分钟", "about 5 min left"),
    (3 * 3600 + 600, "剩余约 3 小时 10 分钟", "about 3 h 10 min left"),
])
def test_time_left_in_minutes(qtbot, tmp_path, compiled_translations, seconds: float, zh: str, en: str) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from ipdesk.ui.i18n import install_translators

    panel, _ = _panel(qtbot, tmp_path, _HangingSync())
    assert panel._eta_text(seconds) == zh
    install_translators(QApplication.instance(), "en")
    try:
        assert panel._eta_text(seconds) == en
    finally:
        install_translators(QApplication.instance(), "zh_CN")


def test_sizes_and_counts_read_naturally(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.ui.sync_panel import size_text

    assert size_text(0) == "0 KB" and size_text(300) == "1 KB" and size_text(40_000) == "39 KB"
    assert size_text(90_000) == "88 KB" and size_text(631_808) == "0.6 MB" and size_text(6_700_000) == "6.4 MB"
    assert size_text(27 * (1 << 20)) == "27.0 MB"
    panel, tasks = _panel(qtbot, tmp_path, _HangingSync())
    plan = SimpleNamespace(plan=[SimpleNamespace(name="patents", local_version=1, new_version=2, method="snapshot",
                                                 size=6_700_000, records=60_000)],
                           up_to_date=False, manifest=SimpleNamespace(version=2), download_bytes=6_700_000, note=("", ""))
    panel._on_checked(plan)
    assert panel.changes.item(0, 4).text() == "60,000 条"
    assert panel.changes.horizontalHeaderItem(4).text() == panel.tr("记录数")
    assert panel.changes.item(0, 5).text() == "6.4 MB" and not panel.changes.isColumnHidden(5)
    assert "6.4 MB" in panel.status_label.text()
    wait_idle(qtbot, tasks)
    assert "—（—）" not in panel.last_check_label.text()  # never checked: said in words
    assert panel.last_check_label.text() == panel.tr("尚未检查过更新。")


def test_the_page_names_data_updates_once(qtbot, shared_services, tasks) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QGroupBox

    window = _window(qtbot, shared_services, tasks, "zh_CN")
    data = window.show_page("data")
    titles = [b.title() for b in data.findChildren(QGroupBox)]
    tabs = [data.panels.tabText(i) for i in range(data.panels.count())]
    assert "数据更新" in tabs and "数据更新" not in titles
    wait_idle(qtbot, tasks)


def test_a_malformed_address_is_neither_saved_nor_kept(qtbot, services, tasks, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Saved, it would fail every automatic check as "try again later"; the page says what is wrong instead."""
    window = _window(qtbot, services, tasks, "zh_CN")
    settings = window.show_page("settings")
    before = services.settings.update_source
    settings.update_edit.setText("http://updates.example.cn:80800/ipdesk/")
    settings.save_button.click()
    assert "更新来源的网址格式不对" in settings.saved_label.text()
    assert services.settings.update_source == before
    data = window.show_page("data")
    data.sync_panel.source_edit.setText("http://[::1")
    data.sync_panel.check_button.click()
    qtbot.waitUntil(lambda: "网址格式不对" in data.sync_panel.status_label.text(), timeout=10000)
    assert services.settings.update_source == before
    wait_idle(qtbot, tasks)

