"""After the admin PIN the kiosk offers three choices: exit, the staff window, or stop starting as the
kiosk (and open the staff window). Real data folders and settings files; the supervisor's side runs
real child processes."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ipdesk.services.kiosk_pin import set_kiosk_on_start, set_pin
from ipdesk.services.settings import load_settings
from tests.kiosk.conftest import ADMIN_PIN


def tap(qtbot, widget) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def enter_pin(qtbot, shell) -> None:  # type: ignore[no-untyped-def]
    tap(qtbot, shell.home.admin_button)
    for digit in ADMIN_PIN:
        tap(qtbot, shell.admin.digit_keys[digit])
    tap(qtbot, shell.admin.ok)


def test_after_the_pin_the_three_choices_show_and_back_asks_the_pin_again(qtbot, make_shell) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell()
    enter_pin(qtbot, shell)
    choices = shell.admin_choices
    assert shell.current_screen() is choices and shell.isVisible() and not shell.exit_authorised
    words = [button.text() for button in (choices.staff_window, choices.stop_kiosk, choices.exit)]
    assert words == ["切换到工作人员窗口", "不再开机进入自助机", "退出自助机"]
    assert all(button.isVisible() and button.height() >= 64 for button in (choices.staff_window, choices.stop_kiosk,
                                                                           choices.exit))
    for note in (choices.staff_window_note, choices.stop_kiosk_note, choices.exit_note):  # shown whole at 1366×768
        assert note.isVisible() and note.height() >= note.heightForWidth(note.width()), note.text()
    tap(qtbot, choices.back_button)  # a visitor who finds it: back to the kiosk, not to the choices
    assert shell.current_screen() is shell.home
    tap(qtbot, shell.home.admin_button)
    assert shell.current_screen() is shell.admin  # the PIN is asked again


def test_the_choices_do_not_stay_open_for_the_next_visitor(qtbot, make_shell) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell(idle_seconds=0.6, countdown_seconds=0.3)
    enter_pin(qtbot, shell)
    assert shell.current_screen() is shell.admin_choices
    qtbot.waitUntil(lambda: shell.current_screen() is shell.home, timeout=5000)


@pytest.fixture
def kiosk_data(services, tmp_path: Path):  # type: ignore[no-untyped-def]
    """A private data folder set to start as the kiosk, with the admin PIN; its services."""
    services.settings.kiosk_pin_hash = set_pin(services.data_dir, ADMIN_PIN).kiosk_pin_hash
    services.settings.kiosk_on_start = set_kiosk_on_start(services.data_dir, True).kiosk_on_start
    assert load_settings(services.data_dir).kiosk_on_start
    return services


@pytest.fixture
def retention(kiosk_data, tasks) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    """The scheduled clean-up as run_app makes it (not started: a test runs it with `run_now`)."""
    from ipdesk.ui.retention_schedule import RetentionSchedule

    schedule = RetentionSchedule(kiosk_data, tasks)
    yield schedule
    schedule.stop()


@pytest.fixture
def staff_kiosk(qtbot, kiosk_data, tasks, retention, tmp_path: Path) -> Iterator[tuple[Any, Any, list[Any], Path]]:  # type: ignore[no-untyped-def]
    """A kiosk shell wired as `ipdesk --kiosk` wires it (run_kiosk, app.open_staff_window, the scheduled
    clean-up) under a supervisor's heartbeat file, without the event loop; yields (shell, crash
    reporter, windows opened)."""
    from ipdesk.app import KIOSK_CRASH_STATUS, open_staff_window
    from ipdesk.ui.crash import CrashReporter
    from ipdesk.ui.kiosk.shell import KioskShell, _connect_staff_window

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    crash = CrashReporter(None, show_dialog=False, exit_code=KIOSK_CRASH_STATUS)
    heartbeat = tmp_path / "kiosk.heartbeat"
    opened: list[Any] = []
    shell = KioskShell(kiosk_data, tasks, "zh_CN", heartbeat=heartbeat)
    _connect_staff_window(app, shell, lambda: opened.append(
        open_staff_window(app, kiosk_data, tasks, "zh_CN", crash, interactive=False, heartbeat=heartbeat,
                          retention=retention)))
    shell.resize(1366, 768)
    shell.show()
    qtbot.waitExposed(shell)
    yield shell, crash, opened, heartbeat
    for window in opened:
        if window is not None:
            window.close()
            window.deleteLater()
    if not shell.exit_authorised:
        shell.unlock(ADMIN_PIN)


def assert_staff_window_open(qtbot, shell, crash, opened, heartbeat: Path) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.commands.kiosk_cmd import staff_marker
    from ipdesk.ui.kiosk.shell import KioskShell
    from ipdesk.ui.main_window import MainWindow

    assert len(opened) == 1 and isinstance(opened[0], MainWindow)
    qtbot.waitExposed(opened[0])
    assert opened[0].isVisible()
    qtbot.waitUntil(lambda: not any(isinstance(w, KioskShell) for w in QApplication.topLevelWidgets()), timeout=3000)
    assert crash.exit_code is None  # a crash now shows the dialog to the staff, not the kiosk's restart status
    assert staff_marker(heartbeat).exists()  # the supervisor is told


def test_the_staff_window_opens_and_the_kiosk_shell_is_gone(qtbot, staff_kiosk, compiled_translations) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QCoreApplication

    shell, crash, opened, heartbeat = staff_kiosk
    shell.set_language("en")  # a visitor switched the kiosk to English and left it so
    enter_pin(qtbot, shell)
    assert shell.admin_choices.staff_window.text() == "Open the staff window"
    gone: list[int] = []
    shell.destroyed.connect(lambda: gone.append(1))
    tap(qtbot, shell.admin_choices.staff_window)
    qtbot.waitUntil(lambda: bool(gone), timeout=3000)  # the kiosk shell is deleted, not only hidden
    assert_staff_window_open(qtbot, shell, crash, opened, heartbeat)
    assert load_settings(shell_data(opened)).kiosk_on_start  # the next start is still the kiosk
    # the staff window speaks the start language (zh_CN here), not the one the kiosk was left in
    assert QCoreApplication.translate("AdminChoicesScreen", "退出自助机") == "退出自助机"


def test_the_staff_window_lists_the_record_again_after_a_clean_up(qtbot, staff_kiosk, kiosk_data, tasks,  # type: ignore[no-untyped-def]
                                                                  retention) -> None:
    """QA 23: the staff window opened from the kiosk kept showing entries the daily clean-up had
    removed (only the window run_app opens itself was told); now its Reports page lists them again, and a
    staff window closed since is let go of, not called."""
    from tests.ui.test_retention_schedule import _old_entry

    shell, crash, opened, heartbeat = staff_kiosk
    _old_entry(kiosk_data)
    kiosk_data.reports.record_service(client="合成新农户", purpose="信息查询", outcome="合成")
    enter_pin(qtbot, shell)
    tap(qtbot, shell.admin_choices.staff_window)
    assert_staff_window_open(qtbot, shell, crash, opened, heartbeat)
    window = opened[0]
    page = window.page("reports")
    window.show_page("reports")
    page.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: not tasks._pending and page.month_combo.count() == 3, timeout=10000)
    with qtbot.waitSignal(page.sig_records_shown, timeout=10000, check_params_cb=lambda n: n == 2):
        page.month_combo.setCurrentIndex(0)  # 全部: the old month too
    kiosk_data.settings.record_retention_years = 2
    with qtbot.waitSignal(page.sig_records_shown, timeout=10000, check_params_cb=lambda n: n == 1):
        retention.run_now()
    assert page.records.rowCount() == 1

    window.close()
    window.deleteLater()
    opened.clear()
    qtbot.waitUntil(lambda: not any(w is window for w in QApplication.topLevelWidgets()), timeout=3000)
    _old_entry(kiosk_data)
    with qtbot.waitSignal(retention.sig_pruned, timeout=10000) as done:
        retention.run_now()
    assert done.args[0].entries == 1  # removed, and no call into the deleted window


def shell_data(opened: list) -> Path:  # type: ignore[type-arg]
    return Path(opened[0].services.data_dir)


def test_stop_starting_as_the_kiosk_saves_it_off_and_opens_the_staff_window(qtbot, staff_kiosk, kiosk_data,  # type: ignore[no-untyped-def]
                                                                            written_from) -> None:
    import threading

    shell, crash, opened, heartbeat = staff_kiosk
    before = json.loads((kiosk_data.data_dir / "settings.json").read_text(encoding="utf-8"))
    enter_pin(qtbot, shell)
    gone: list[int] = []
    shell.destroyed.connect(lambda: gone.append(1))
    tap(qtbot, shell.admin_choices.stop_kiosk)
    qtbot.waitUntil(lambda: bool(gone), timeout=3000)  # the kiosk shell is deleted, not only hidden
    saved = json.loads((kiosk_data.data_dir / "settings.json").read_text(encoding="utf-8"))
    assert saved["kiosk_on_start"] is False and before["kiosk_on_start"] is True
    assert saved["kiosk_pin_hash"] == before["kiosk_pin_hash"]  # only that setting changed
    assert {k: v for k, v in saved.items() if k != "kiosk_on_start"} == \
        {k: v for k, v in before.items() if k != "kiosk_on_start"}
    assert kiosk_data.settings.kiosk_on_start is False  # the running services see it too (Settings page)
    assert written_from and threading.main_thread() not in written_from  # a share that hangs holds no screen
    assert_staff_window_open(qtbot, shell, crash, opened, heartbeat)


# --- the supervisor: a child switched to the staff window is neither killed as a hang nor restarted ---

CHILD = """
import os, sys, time
from pathlib import Path
from ipdesk.commands.kiosk_cmd import HEARTBEAT_ENV, mark_staff_window
beat = Path(os.environ[HEARTBEAT_ENV])
beat.touch()
time.sleep(0.3)
mark_staff_window(beat)   # what app.open_staff_window does when the admin chooses the staff window
time.sleep(float(sys.argv[1]))   # the staff at work: no heartbeat any more
sys.exit(int(sys.argv[2]))
"""


@pytest.mark.parametrize("status", [0, 70])
def test_the_supervisor_does_not_restart_the_kiosk_over_the_staff_window(tmp_path: Path, status: int,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from ipdesk.commands.kiosk_cmd import HUNG_STATUS, run_watched, staff_marker, supervise

    heartbeat = tmp_path / "kiosk.heartbeat"
    runs: list[int] = []
    waits: list[float] = []

    def watched(cmd):  # type: ignore[no-untyped-def]
        result = run_watched(cmd, heartbeat, hang_after=1.0, first_beat=3.0, poll=0.1)
        runs.append(result)
        return result

    monkeypatch.setenv("PYTHONPATH", str(Path(__file__).resolve().parents[2]))  # this ipdesk in the child
    # 2.5 s without a heartbeat: a kiosk would have been killed as hung after 1 s
    result = supervise([sys.executable, "-c", CHILD, "2.5", str(status)], delay=0.1, run=watched,
                       sleep=waits.append, staff_window=staff_marker(heartbeat))
    assert runs == [status] and HUNG_STATUS not in runs  # ran once, to its end: not killed, not restarted
    assert result == status and waits == []
    assert not staff_marker(heartbeat).exists()  # the next supervised start begins as a kiosk again


def test_the_supervisor_still_restarts_a_crashed_kiosk(tmp_path: Path) -> None:
    """The staff-window marker of an earlier run does not stop a later crash being restarted."""
    from ipdesk.commands.kiosk_cmd import staff_marker, supervise

    marker = staff_marker(tmp_path / "kiosk.heartbeat")
    marker.write_text("left from before\n", encoding="utf-8")
    statuses = iter([70, 0])
    calls: list[int] = []
    def run(_cmd: object) -> int:
        calls.append(1)
        return next(statuses)

    result = supervise(["shell"], run=run, sleep=lambda _s: None, staff_window=marker)
    assert result == 0 and len(calls) == 2


def test_stop_starting_as_the_kiosk_that_cannot_be_saved_is_said_and_the_kiosk_stays(qtbot, staff_kiosk, kiosk_data) -> None:  # type: ignore[no-untyped-def]
    shell, crash, opened, _heartbeat = staff_kiosk
    blocker = kiosk_data.data_dir / "settings.json.tmp"  # where the new settings file is written first
    blocker.mkdir()
    (blocker / "keep").write_text("a folder in the way\n", encoding="utf-8")
    enter_pin(qtbot, shell)
    tap(qtbot, shell.admin_choices.stop_kiosk)
    qtbot.waitUntil(lambda: "无法保存设置" in shell.admin_choices.message.text(), timeout=5000)  # written off the GUI thread
    assert shell.isVisible() and shell.current_screen() is shell.admin_choices and opened == []
    assert load_settings(kiosk_data.data_dir).kiosk_on_start and kiosk_data.settings.kiosk_on_start
    assert crash.exit_code is not None  # still the kiosk's crash handling
