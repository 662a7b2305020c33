"""Shell parts: the status bar (datasets, online state against a real loopback server, task
progress), the data page's datasets model, high contrast, the crash reporter, not-installed pages."""

from __future__ import annotations

import logging
import socket
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel

from ipdesk.ui.pages import PAGES, PageEntry, PageFailed, build_page
from ipdesk.ui.status_bar import probe_update_source
from ipdesk.ui.theme import apply_theme
from tests.ui.conftest import _window, press_save, wait_idle


class _Quiet(BaseHTTPRequestHandler):
    def do_HEAD(self) -> None:
        self.send_response(200)
        self.end_headers()

    def log_message(self, *_args: object) -> None:
        pass


def test_probe_update_source_against_a_real_server(tmp_path: Path) -> None:
    server = HTTPServer(("127.0.0.1", 0), _Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        assert probe_update_source(f"http://127.0.0.1:{server.server_port}/repo") == "online"
        # read as a sync reads it: the scheme in capitals, or left out before host:port, is the same server
        assert probe_update_source(f"HTTP://127.0.0.1:{server.server_port}/repo") == "online"
        assert probe_update_source(f" 127.0.0.1:{server.server_port}/repo ") == "online"
    finally:
        server.shutdown()
        server.server_close()
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        closed_port = s.getsockname()[1]
    assert probe_update_source(f"http://127.0.0.1:{closed_port}/repo") == "offline"
    assert probe_update_source(str(tmp_path)) == "not_source"  # a folder without an update in it
    (tmp_path / "manifest.json").write_text("{}", encoding="utf-8")
    assert probe_update_source(str(tmp_path)) == "local"
    assert probe_update_source(str(tmp_path / "missing")) == "offline"
    assert probe_update_source("") == "unset"
    # an address no server can have: said, not a task that fails on every probe (ValueError from .port)
    for malformed in ("http://host:99999/", "http://host:abc/", "http://[::1"):
        assert probe_update_source(malformed) == "malformed"


def test_status_bar_shows_datasets_and_task_progress(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    wait_idle(qtbot, window.tasks)
    text = window.status.data_label.text()
    assert "区划 v1（截至 2026-09-11）" in text and "地理标志 v1" in text
    assert "专利" not in text  # datasets without records are not listed
    assert window.status.online_label.text() == "○ 离线"
    window.status._on_tasks_busy_changed(2)
    assert not window.status.progress.isHidden() and "2" in window.status.busy_label.text()
    window.status._on_tasks_busy_changed(0)
    assert window.status.progress.isHidden()


def test_data_page_lists_datasets(qtbot, window, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    # window before qtmodeltester: the tester lets go of the model before the window is torn down
    page = window.show_page("data")
    qtbot.waitUntil(lambda: page.model.rowCount() >= 5, timeout=10000)
    qtmodeltester.check(page.model, force_py=True)
    rows = {page.model.index(r, 0).data(): r for r in range(page.model.rowCount())}
    row = rows["行政区划"]
    assert int(page.model.index(row, 4).data().replace(",", "")) > 40_000
    assert "民政部" in page.model.index(row, 5).data() and "Ministry" not in page.model.index(row, 5).data()
    assert page.model.index(row, 1).data() == "1"
    assert page.model.index(rows["专利"], 1).data() == "—"  # never updated by sync: no "version 0"
    page.refresh_button.click()
    wait_idle(qtbot, window.tasks)
    assert page.model.rowCount() == len(rows)


def test_high_contrast_applies_app_wide(qtbot) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    try:
        apply_theme(app, "large", True)
        assert app.palette().color(QPalette.ColorRole.Window).name() == "#000000"
        assert app.palette().color(QPalette.ColorRole.WindowText).name() == "#ffffff"
        assert app.font().pointSize() == 12
    finally:
        apply_theme(app)
    assert app.palette().color(QPalette.ColorRole.Window).name() != "#000000"


def test_crash_reporter_logs_and_signals(qtbot, caplog) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.ui.crash import CrashReporter

    reporter = CrashReporter(show_dialog=False)
    with caplog.at_level(logging.CRITICAL, logger="ipdesk.crash"), \
            qtbot.waitSignal(reporter.sig_crashed, timeout=2000) as blocker:
        try:
            raise RuntimeError("boom for the test")
        except RuntimeError as exc:
            reporter.excepthook(type(exc), exc, exc.__traceback__)
    assert "boom for the test" in blocker.args[0] and "Traceback" in blocker.args[0]
    assert "boom for the test" in caplog.text


def test_a_page_that_fails_to_build_is_explained_and_logged(qtbot, shared_services, tasks, caplog) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.domain.basket import ReportBasket

    entry = PageEntry("x", "fa5s.question", "报告", "ipdesk.ui.no_such_module:Nothing")
    page = build_page(entry, shared_services, tasks, ReportBasket(), "zh_CN", None)
    qtbot.addWidget(page)
    assert isinstance(page, PageFailed)
    assert "无法打开" in page.findChild(QLabel).text()
    assert "no_such_module" in caplog.text


def test_navigation_rail_has_the_contracted_entries(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    assert [p.key for p in PAGES] == ["search", "place", "gi_check", "brand_check", "patents", "reports", "data",
                                      "settings"]
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == [
        "搜索", "按地方", "地理标志核查", "商标核查", "农业专利", "报告", "数据与同步", "设置"]
    for i, entry in enumerate(PAGES):
        window.nav.setCurrentRow(i)
        assert window.current_page() is window.page(entry.key)
    with pytest.raises(KeyError):
        window.show_page("nope")


def test_wizards_can_open_records_through_the_window(qtbot, services, tasks) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, services, tasks, "zh_CN")
    window.open_record("place", 230184000000)
    qtbot.waitUntil(lambda: window.detail_page.view is not None, timeout=10000)
    window.detail_page.view.place_button.click()
    qtbot.waitUntil(lambda: window.page("place").current is not None, timeout=10000)
    assert window.current_page() is window.page("place")
    assert window.page("place").current.info.code == "230184000000"


def test_qt_standard_buttons_are_translated(qtbot, compiled_translations) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QDialogButtonBox

    from ipdesk.ui.i18n import install_translators

    app = QApplication.instance()
    assert "qtbase_zh_CN.qm" in install_translators(app, "zh_CN")
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    texts = " ".join(b.text() for b in box.buttons())
    assert "确定" in texts and "取消" in texts


def test_background_sync_status_reaches_the_status_bar(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.sync_monitor.sig_status_changed.emit("正在下载数据更新")
    assert window.status.sync_label.text() == "正在下载数据更新"
    assert not window.sync_monitor._enabled()  # no update source set: the monitor never touches the network


def test_kiosk_on_start_needs_the_admin_pin(qtbot, services, tasks) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.services.kiosk_pin import set_pin
    from ipdesk.services.settings import load_settings
    from ipdesk.ui.settings_page import SettingsPage

    page = SettingsPage(services, tasks, None, "zh_CN", None)
    qtbot.addWidget(page)
    assert not page.kiosk_check.isEnabled()  # no PIN yet: cannot be switched on here
    services.settings.kiosk_pin_hash = set_pin(services.data_dir, "2468").kiosk_pin_hash
    page = SettingsPage(services, tasks, None, "zh_CN", None)
    qtbot.addWidget(page)
    assert page.kiosk_check.isEnabled()
    page.kiosk_check.setChecked(True)
    page.kiosk_pin_edit.setText("1111")
    page.save()
    assert "PIN" in page.saved_label.text() and not load_settings(services.data_dir).kiosk_on_start
    page.kiosk_pin_edit.setText("2468")
    press_save(qtbot, page)
    assert load_settings(services.data_dir).kiosk_on_start


def test_kiosk_crash_quits_with_a_status_for_the_supervisor(qtbot, monkeypatch, caplog) -> None:  # type: ignore[no-untyped-def]
    import ipdesk.ui.crash as crash_module

    exits: list[int] = []
    monkeypatch.setattr(crash_module.QCoreApplication, "exit", staticmethod(exits.append))
    reporter = crash_module.CrashReporter(None, show_dialog=True, exit_code=70)
    try:
        raise RuntimeError("kiosk crash for the test")
    except RuntimeError as exc:
        reporter.excepthook(type(exc), exc, exc.__traceback__)
    qtbot.waitUntil(lambda: bool(exits), timeout=3000)  # delivered through a queued signal
    assert exits == [70]  # no dialog waits for a visitor; the supervisor restarts the shell
    assert "kiosk crash for the test" in caplog.text


def test_automatic_updates_wait_for_a_quiet_spell(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """An apply keeps both cores busy for a minute or two: the window applies a downloaded update
    only after two minutes without the pointer or the focus moving, or while it is minimised."""
    from PySide6.QtCore import QPoint

    from ipdesk.ui.activity import UserActivity
    from ipdesk.ui.main_window import QUIET_BEFORE_APPLY_S

    now = [1000.0]
    pointer = [QPoint(10, 10)]
    window.activity = UserActivity(window, clock=lambda: now[0], cursor=lambda: pointer[0], sample_ms=60_000)
    assert window.sync_monitor.is_idle() is False  # someone is at the window
    now[0] += QUIET_BEFORE_APPLY_S - 1
    window.activity.sample()  # the pointer has not moved
    assert not window.sync_monitor.is_idle()
    now[0] += 1
    assert window.sync_monitor.is_idle()
    pointer[0] = QPoint(11, 10)
    window.activity.sample()
    assert not window.sync_monitor.is_idle()
    now[0] += QUIET_BEFORE_APPLY_S
    assert window.sync_monitor.is_idle()
    window.activity._on_focus_changed(None)  # the focus moved to another widget (or window)
    assert not window.sync_monitor.is_idle()
    window.showMinimized()
    qtbot.waitUntil(window.isMinimized, timeout=5000)
    assert window.sync_monitor.is_idle()


def test_a_language_change_leaves_one_update_monitor(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    old = window.sync_monitor
    old.start()
    window._rebuild()
    assert window.sync_monitor is not old
    assert not old._timer.isActive() and not old._first.isActive()


def test_status_bar_follows_an_update_applied_on_the_data_page(qtbot, services, tasks) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, services, tasks, "zh_CN")
    wait_idle(qtbot, tasks)
    assert "区划 v1" in window.status.data_label.text()
    with services.db.engine.begin() as conn:  # what an applied update records
        conn.exec_driver_sql("UPDATE dataset SET version = 7 WHERE name = 'divisions'")
    page = window.show_page("data")
    page.sync_panel.sig_applied.emit(object())
    qtbot.waitUntil(lambda: "区划 v7" in window.status.data_label.text(), timeout=10000)


def test_the_window_names_statuses_as_the_reports_do(qtbot, english) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from ipdesk.domain.i18n import status_name
    from ipdesk.ui import labels
    from ipdesk.ui.i18n import install_translators

    assert labels.status_name("lapsed") == status_name("lapsed").en == "lapsed"
    assert labels.status_name("自定义状态") == "自定义状态"  # the data's own words stay
    install_translators(QApplication.instance(), "zh_CN")
    assert labels.status_name("in_force") == status_name("in_force").zh == "有效"


def test_status_bar_names_no_version_for_an_imported_dataset(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Patents imported into an empty dataset have no published version: '专利（截至 …）', not '专利 v0'."""
    import datetime as dt
    from types import SimpleNamespace

    window.status._show_datasets([
        SimpleNamespace(name="gi", version=1, record_count=527, as_of=dt.date(2026, 11, 25)),
        SimpleNamespace(name="patents", version=0, record_count=3, as_of=dt.date(2026, 11, 1)),
    ])
    text = window.status.data_label.text()
    assert "地理标志 v1（截至 2026-11-25）" in text and "专利（截至 2026-11-01）" in text and "v0" not in text


def test_every_dataset_and_column_is_in_view(qtbot, english_window) -> None:  # type: ignore[no-untyped-def]
    """The long source text wraps: the Edition column is not pushed off the side, no row is scrolled away."""
    english_window.resize(1280, 800)
    page = english_window.show_page("data")
    qtbot.waitUntil(lambda: page.model.rowCount() >= 5, timeout=10000)
    wait_idle(qtbot, english_window.tasks)
    qtbot.wait(50)
    assert page.table.horizontalScrollBar().maximum() == 0
    assert page.table.verticalScrollBar().maximum() == 0


def test_a_long_automatic_update_message_never_widens_the_window(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """The publisher-switch error is a paragraph: the status bar shows a short line (the whole text
    is its tooltip), and neither the window nor its minimum grows past its size before."""
    from ipdesk.services.sync.errors import PublisherChangedError, SyncError

    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(50)
    width, minimum = window.width(), window.minimumSizeHint().width()
    long_zh = "这个更新来源来自另一个发布者：它的清单由密钥 86222be2b8c16130 签名，" + "不同发布者的更新包各自编号，不能相互比较。" * 12
    window.sync_monitor.busy = True
    window.sync_monitor._on_error(PublisherChangedError(long_zh, long_zh, key_id="86222be2b8c16130",
                                                        previous_key_id="1234abcd"))
    qtbot.wait(50)
    label = window.status.sync_label
    assert label.text() == window.sync_monitor.tr("数据更新未应用：更新来源来自另一个发布者，请到“数据与同步”查看")
    assert label.toolTip() == long_zh
    assert window.width() <= width and window.minimumSizeHint().width() <= max(minimum, 1024)
    # any other long error: its first sentence, cut with "…"
    window.sync_monitor._on_error(SyncError("更新来源无法连接" + "很长" * 100 + "。第二句。", "x"))
    qtbot.wait(50)
    assert label.text().endswith("…") and len(label.text()) < 60 and "第二句" not in label.text()
    assert window.width() <= width and window.minimumSizeHint().width() <= max(minimum, 1024)
    # a text longer than the room it gets is drawn cut, and never asks for more than its cap
    window.status.set_sync_message("数据" * 300)
    qtbot.wait(50)
    assert label.sizeHint().width() < 1024 and label.drawn_text().endswith("…")
    assert window.width() <= width


def test_first_sentence_of_a_status_message() -> None:
    from ipdesk.ui.sync_monitor import first_sentence

    assert first_sentence("更新来源已过期。请让发布者更新数据。") == "更新来源已过期。"
    assert first_sentence("The source is stale. Ask the publisher.") == "The source is stale."
    assert first_sentence("短") == "短"
    cut = first_sentence("长" * 100)
    assert len(cut) == 40 and cut.endswith("…")
    # letters are about half as wide: an English sentence keeps twice as many (its advice was cut off)
    english = first_sentence("The update source was not found at this address, check the cable and try again later")
    assert 70 < len(english) <= 80 and english.endswith("…")
