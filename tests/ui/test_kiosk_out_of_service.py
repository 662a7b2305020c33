"""The kiosk's out-of-service screen (ui/kiosk/out_of_service.py): it stays up until the admin PIN,
refuses Escape, Alt+F4, closing and minimising, keeps the supervisor's heartbeat going, counts wrong
PINs with the kiosk's own lock-out, and a PIN pad left open goes back to the notice. After the PIN the
technician's service screen: the reason, version and folders, 重试 (the failed check again, in the
background), 保存到 U 盘… and 退出自助机."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from ipdesk.services.kiosk_pin import PinGuard, hash_pin, pin_state_path
from ipdesk.ui.kiosk.out_of_service import OutOfServiceWindow

MESSAGE = "本机暂停服务，请联系工作人员。"


PIN_HASH = hash_pin("2468")


def _window(qtbot: Any, tmp_path: Path, **kw: Any) -> OutOfServiceWindow:
    guard = PinGuard(PIN_HASH, state_file=pin_state_path(tmp_path))
    window = OutOfServiceWindow(MESSAGE, "zh_CN", guard, **kw)
    qtbot.addWidget(window)
    window.show_full_screen()
    return window


def _key(window: OutOfServiceWindow, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> bool:
    """Whether the application-wide filter swallowed the key."""
    event = QKeyEvent(QEvent.Type.KeyPress, key, modifiers)
    return window.eventFilter(window, event)


def test_only_the_admin_pin_ends_it(qtbot: Any, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path)
    assert window.message.text() == MESSAGE and window.stack.currentWidget() is window.notice
    assert _key(window, Qt.Key.Key_Escape) and _key(window, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
    assert not _key(window, Qt.Key.Key_5)
    window.close()
    assert window.isVisible() and window.stack.currentWidget() is window.admin  # refused; the PIN pad opened
    window.showMinimized()
    qtbot.waitUntil(lambda: not window.isMinimized(), timeout=3000)
    window.admin.field.setText("1357")
    window.admin.ok.click()
    assert window.isVisible() and not window.exit_authorised and window.admin.message.text() == "密码不对。"
    window.admin.field.setText("2468")
    window.admin.ok.click()
    assert window.stack.currentWidget() is window.service and not window.exit_authorised
    window.close()  # the service screen too stays up: only its 退出自助机 ends it
    assert window.isVisible() and window.stack.currentWidget() is window.service
    with qtbot.waitSignal(window.sig_exit_authorised, timeout=1000):
        window.service.exit_button.click()
    assert window.exit_authorised and not window.isVisible()


def test_wrong_pins_count_towards_the_kiosks_lock_out(qtbot: Any, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path)
    window.show_pin_pad()
    for _ in range(10):
        window.admin.field.setText("0000")
        window.admin.ok.click()
    assert not window.admin.ok.isEnabled() and "错误次数太多" in window.admin.message.text()
    assert pin_state_path(tmp_path).exists()  # the count survives a restart, as the kiosk's own
    assert PinGuard(PIN_HASH, state_file=pin_state_path(tmp_path)).seconds_locked() > 0


def test_a_pin_pad_left_open_goes_back_to_the_notice(qtbot: Any, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path, pin_pad_idle_ms=200)
    window.staff_button.click()
    window.admin.field.setText("24")
    assert window.stack.currentWidget() is window.admin
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.notice, timeout=3000)
    assert window.admin.field.text() == ""  # the half-typed PIN is gone


def test_the_heartbeat_keeps_the_supervisor_from_restarting_it(qtbot: Any, tmp_path: Path) -> None:
    beat = tmp_path / "kiosk.heartbeat"
    window = _window(qtbot, tmp_path, heartbeat=beat, heartbeat_ms=50)
    assert beat.exists()
    os.utime(beat, ns=(0, 0))
    qtbot.waitUntil(lambda: beat.stat().st_mtime_ns > 0, timeout=3000)
    window.admin.field.setText("2468")
    window.admin.ok.click()
    os.utime(beat, ns=(0, 0))
    qtbot.waitUntil(lambda: beat.stat().st_mtime_ns > 0, timeout=3000)  # the technician's screen: still beating
    window.service.exit_button.click()
    os.utime(beat, ns=(0, 0))
    qtbot.wait(200)
    assert beat.stat().st_mtime_ns == 0  # closed: no more beats


def test_without_a_pin_the_self_closing_notice_is_shown(qtbot: Any, monkeypatch: Any) -> None:
    import ipdesk.ui.kiosk.out_of_service as module

    shown: list[str] = []
    monkeypatch.setattr(module, "show_refusal", lambda message, _lang: shown.append(message))
    module.show_out_of_service(MESSAGE, "zh_CN", None)
    assert shown == [MESSAGE]
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, OutOfServiceWindow) and w.isVisible()]


# --- the technician's service screen -----------------------------------------------------------------


def _newer_data_folder(tmp_path: Path, seed_path: Path) -> tuple[Path, str]:
    """A real data folder a newer ipdesk upgraded (its schema revision unknown here), and its real revision."""
    import contextlib
    import shutil
    import sqlite3

    from ipdesk.services.db import DB_FILENAME

    data = tmp_path / "data"
    data.mkdir()
    shutil.copyfile(seed_path, data / DB_FILENAME)
    with contextlib.closing(sqlite3.connect(data / DB_FILENAME)) as conn, conn:
        [(revision,)] = conn.execute("SELECT version_num FROM alembic_version").fetchall()
        conn.execute("UPDATE alembic_version SET version_num = '9001'")
    return data, revision


def _reason(data: Path) -> Any:
    from ipdesk.services.container import build_services
    from ipdesk.services.errors import IpdeskError

    try:
        build_services(data).close()
    except IpdeskError as exc:
        return exc
    raise AssertionError("the newer database was opened")


def _service_window(qtbot: Any, tmp_path: Path, data: Path, tasks: Any, **kw: Any) -> OutOfServiceWindow:
    from ipdesk.services.container import build_services

    window = _window(qtbot, tmp_path, reason=_reason(data), data_dir=data, tasks=tasks,
                     retry=lambda: build_services(data), **kw)
    window.admin.field.setText("2468")
    window.admin.ok.click()
    assert window.stack.currentWidget() is window.service
    return window


def test_after_the_pin_the_technician_reads_why_the_version_and_where_the_logs_are(
        qtbot: Any, tmp_path: Path, seed_path: Path, tasks: Any) -> None:
    from ipdesk import __version__

    data, _revision = _newer_data_folder(tmp_path, seed_path)
    window = _service_window(qtbot, tmp_path, data, tasks)
    text = window.service.text.toPlainText()
    assert "9001" in text and "newer ipdesk" in text  # the reason, in English as well as Chinese
    assert f"ipdesk {__version__}" in text
    assert str(data) in text and str(data / "logs") in text
    assert window.service.retry_button.isEnabled() and window.service.save_button.isEnabled()
    assert all(b.height() >= 64 for b in window.service.buttons())  # touch-sized


def test_retry_runs_the_check_again_in_the_background_until_it_passes(
        qtbot: Any, tmp_path: Path, seed_path: Path, tasks: Any) -> None:
    """Still failing: said, the buttons back; mended (the right ipdesk's database back): the kiosk may start."""
    import contextlib
    import sqlite3
    import threading

    from ipdesk.services.db import DB_FILENAME

    data, revision = _newer_data_folder(tmp_path, seed_path)
    threads: list[bool] = []
    window = _service_window(qtbot, tmp_path, data, tasks)
    check = window._retry
    assert check is not None
    window._retry = lambda: (threads.append(threading.current_thread() is threading.main_thread()), check())[1]
    window.retry()
    assert not window.service.retry_button.isEnabled() and window.service.status.text() == "正在重试…"
    qtbot.waitUntil(lambda: window.service.retry_button.isEnabled(), timeout=20000)
    assert "仍然无法启动，原因见上面的诊断信息" in window.service.status.text(), window.service.status.text()
    assert window.isVisible() and not window.exit_authorised
    with contextlib.closing(sqlite3.connect(data / DB_FILENAME)) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    with qtbot.waitSignal(window.sig_back_in_service, timeout=20000) as passed:
        window.service.retry_button.click()
    services = passed.args[0]
    try:
        assert services.data_dir == data and window.result is services
        assert not window.isVisible() and threads == [False, False]
    finally:
        services.close()


def test_the_diagnostics_and_the_log_go_to_a_usb_stick(qtbot: Any, tmp_path: Path, seed_path: Path, tasks: Any,
                                                        monkeypatch: Any) -> None:
    import ipdesk.ui.kiosk.out_of_service as module

    data, _revision = _newer_data_folder(tmp_path, seed_path)
    log_file = tmp_path / "this-run.log"
    log_file.write_text("2026-11-28 04:00:00 ERROR ipdesk could not start\n", encoding="utf-8")
    monkeypatch.setattr(module, "current_log_file", lambda: log_file)
    window = _service_window(qtbot, tmp_path, data, tasks)
    stick = tmp_path / "U盘"
    stick.mkdir()
    window.save_diagnostics_to(stick)
    qtbot.waitUntil(lambda: window.service.save_button.isEnabled(), timeout=10000)
    assert window.service.status.text().startswith("已保存："), window.service.status.text()
    [text_file] = stick.glob("ipdesk-diagnostics-*.txt")
    [log_copy] = stick.glob("ipdesk-log-*.log")
    assert "9001" in text_file.read_text(encoding="utf-8") and str(log_file) in text_file.read_text(encoding="utf-8")
    assert log_copy.read_text(encoding="utf-8") == log_file.read_text(encoding="utf-8")
    window.save_diagnostics_to(tmp_path / "no-stick")  # pulled out: said, nothing called saved
    qtbot.waitUntil(lambda: window.service.save_button.isEnabled(), timeout=10000)
    assert window.service.status.text().startswith("无法保存：无法写入诊断信息"), window.service.status.text()


def test_save_to_usb_opens_where_the_sticks_are(qtbot: Any, tmp_path: Path, seed_path: Path, tasks: Any,
                                                monkeypatch: Any) -> None:
    """QA 23: 保存到 U 盘… opened in the home folder; it opens where this machine's sticks are
    (`usb_folder`: /media here, E:\\ on a Windows kiosk with a stick), and nothing is saved when the
    technician cancels."""
    from PySide6.QtWidgets import QFileDialog

    from ipdesk.ui.kiosk.usb_folder import usb_folder

    data, _revision = _newer_data_folder(tmp_path, seed_path)
    window = _service_window(qtbot, tmp_path, data, tasks)
    asked: list[str] = []

    def get_existing_directory(_parent: Any, _caption: str, start: str) -> str:
        asked.append(start)
        return ""

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", get_existing_directory)
    window.service.save_button.click()
    assert asked == [usb_folder()] and Path(asked[0]).is_dir()
    if Path("/media").is_dir():
        assert Path(asked[0]).is_relative_to("/media") and asked[0] != str(Path.home())
    assert window.service.save_button.isEnabled() and not window.service.status.text().startswith("正在保存")


def test_the_service_screen_left_alone_goes_back_to_the_notice(qtbot: Any, tmp_path: Path, seed_path: Path,
                                                               tasks: Any) -> None:
    data, _revision = _newer_data_folder(tmp_path, seed_path)
    window = _service_window(qtbot, tmp_path, data, tasks, pin_pad_idle_ms=200)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.notice, timeout=3000)
    window.close()
    assert window.stack.currentWidget() is window.admin  # the PIN is asked again


def test_the_pin_pad_and_the_service_screen_offer_back_but_no_home(qtbot: Any, tmp_path: Path, seed_path: Path,
                                                                   tasks: Any) -> None:
    """QA: both showed 返回 and 首页 side by side, doing the same (back to the notice); 首页 named a home
    that an out-of-service kiosk does not have."""
    data, _revision = _newer_data_folder(tmp_path, seed_path)
    window = _window(qtbot, tmp_path, reason=_reason(data), data_dir=data, tasks=tasks)
    window.show_pin_pad()
    assert window.admin.back_button.isVisible() and not window.admin.home_button.isVisible()
    window.admin.back_button.click()
    assert window.stack.currentWidget() is window.notice
    window.show_pin_pad()
    window.admin.field.setText("2468")
    window.admin.ok.click()
    assert window.stack.currentWidget() is window.service
    assert window.service.back_button.isVisible() and not window.service.home_button.isVisible()
    window.service.back_button.click()
    assert window.stack.currentWidget() is window.notice


def test_where_the_data_folder_is_comes_from_the_background(qtbot: Any, tmp_path: Path, seed_path: Path,
                                                            tasks: Any, monkeypatch: Any) -> None:
    """Looking at a share that does not answer can hang: the service screen is not held up by it."""
    monkeypatch.setenv("IPDESK_DATA_ON_NETWORK", "1")
    data, _revision = _newer_data_folder(tmp_path, seed_path)
    window = _service_window(qtbot, tmp_path, data, tasks)
    qtbot.waitUntil(lambda: "网络共享（回滚日志）network share (rollback journal)" in window.service.text.toPlainText(),
                    timeout=5000)
    assert window.on_network is True
