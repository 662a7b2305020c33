"""The kiosk's out-of-service screen (ui/kiosk/out_of_service.py): it stays up until the admin PIN,
refuses Escape, Alt+F4, closing and minimising, keeps the supervisor's heartbeat going, counts wrong
PINs with the kiosk's own lock-out, and a PIN pad left open goes back to the notice."""

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
    with qtbot.waitSignal(window.sig_exit_authorised, timeout=1000):
        window.admin.field.setText("2468")
        window.admin.ok.click()
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
    qtbot.wait(200)
    assert beat.stat().st_mtime_ns == 0  # closed: no more beats


def test_without_a_pin_the_self_closing_notice_is_shown(qtbot: Any, monkeypatch: Any) -> None:
    import ipdesk.ui.kiosk.out_of_service as module

    shown: list[str] = []
    monkeypatch.setattr(module, "show_refusal", lambda message, _lang: shown.append(message))
    module.show_out_of_service(MESSAGE, "zh_CN", None)
    assert shown == [MESSAGE]
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, OutOfServiceWindow) and w.isVisible()]
