"""The kiosk shell driven by touch (mouse clicks) with pytest-qt, on the real seed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QListWidget, QListWidgetItem

from tests.kiosk.conftest import ADMIN_PIN


def pdf_text(path: Path) -> str:
    """The PDF's text as pdftotext extracts it: printouts embed the report font, so no character may
    come back as a Kangxi radical (大 → ⼤, as Noto CJK's shared glyphs would)."""
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    radicals = [ch for ch in out if 0x2F00 <= ord(ch) <= 0x2FDF or 0x2E80 <= ord(ch) <= 0x2EFF]
    assert not radicals, f"text extracts as radicals: {radicals[:10]}"
    return out


def tap(qtbot, widget) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def tap_item(qtbot, view: QListWidget, item: QListWidgetItem) -> None:  # type: ignore[no-untyped-def]
    view.scrollToItem(item)
    rect = view.visualItemRect(item)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def find_item(view: QListWidget, startswith: str) -> QListWidgetItem:
    for row in range(view.count()):
        item = view.item(row)
        if item is not None and item.text().startswith(startswith):
            return item
    raise AssertionError(f"{startswith!r} not among {[view.item(r).text() for r in range(view.count())]}")


def type_on_keyboard(qtbot, keyboard, text: str) -> None:  # type: ignore[no-untyped-def]
    for ch in text:
        tap(qtbot, keyboard.keys[ch])


def test_home_tiles_open_their_flows_and_home_returns(qtbot, make_shell) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell()
    assert shell.current_screen() is shell.home
    for key, tile in shell.home.tiles.items():
        tap(qtbot, tile)
        assert shell.current_screen() is shell.flows[key], key
        tap(qtbot, shell.flows[key].home_button)
        assert shell.current_screen() is shell.home
    qtbot.waitUntil(lambda: "数据截至 20" in shell.home.as_of.text(), timeout=5000)  # read off the GUI thread


def test_on_screen_keyboard_types_pinyin_and_finds_wuchang_rice(qtbot, make_shell) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell()
    tap(qtbot, shell.home.tiles["gi_search"])
    finder = shell.gi_finder
    type_on_keyboard(qtbot, finder.keyboard, "wcd")
    with qtbot.waitSignal(finder.sig_results_shown, timeout=10000):
        tap(qtbot, finder.keyboard.keys["m"])
    assert finder.field.text() == "wcdm"
    item = find_item(finder.results, "五常大米")
    with qtbot.waitSignal(shell.record.sig_loaded, timeout=10000):
        tap_item(qtbot, finder.results, item)
    assert shell.current_screen() is shell.record
    assert shell.record.detail is not None and shell.record.detail.name == "五常大米"
    assert "GB/T 19266" in shell.record.view.toPlainText()
    tap(qtbot, shell.record.back_button)
    assert shell.current_screen() is finder and finder.field.text() == "wcdm"


def test_keyboard_backspace_clear_and_common_characters(qtbot, make_shell) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell()
    tap(qtbot, shell.home.tiles["gi_search"])
    kb = shell.gi_finder.keyboard
    type_on_keyboard(qtbot, kb, "xh1")
    tap(qtbot, kb.backspace)
    tap(qtbot, kb.space)
    tap(qtbot, kb.keys["茶"])
    assert shell.gi_finder.field.text() == "xh 茶"
    tap(qtbot, kb.clear_key)
    assert shell.gi_finder.field.text() == ""


def _tap_place(qtbot, picker, name: str) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(picker.sig_loaded, timeout=10000):
        tap_item(qtbot, picker.tiles, find_item(picker.tiles, name))


def test_tap_through_to_a_township_lists_its_gis_and_prints_them(qtbot, make_shell, printed_pdf: Path) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell()
    with qtbot.waitSignal(shell.by_place.picker.sig_loaded, timeout=10000):
        tap(qtbot, shell.home.tiles["by_place"])
    picker = shell.by_place.picker
    assert picker.tiles.count() == 34
    for name in ("黑龙江省", "哈尔滨市", "五常市"):
        _tap_place(qtbot, picker, name)
    assert [c.text() for c in picker.crumbs] == ["全国", "黑龙江省", "哈尔滨市", "五常市"]
    township = picker.tiles.item(0)
    assert township is not None
    with qtbot.waitSignal(shell.by_place.sig_place_shown, timeout=10000) as shown:
        tap_item(qtbot, picker.tiles, township)
    assert len(shown.args[0]) == 12 and shown.args[0].startswith("230184")
    names = [shell.by_place.gi_list.item(r).text().split("\n")[0] for r in range(shell.by_place.gi_list.count())]
    assert "五常大米" in names
    tap(qtbot, shell.by_place.print_button)
    qtbot.waitUntil(lambda: "已送去打印" in shell.by_place.print_status.text(), timeout=20000)  # printed off the GUI thread
    assert printed_pdf.exists() and shell.by_place.print_button.isEnabled()
    if shutil.which("pdftotext"):
        text = pdf_text(printed_pdf)
        assert "五常大米" in text and township.text() in text
    # Back steps up inside the screen: list → picker → county list
    tap(qtbot, shell.by_place.back_button)
    assert shell.by_place.pages.currentWidget() is picker
    with qtbot.waitSignal(picker.sig_loaded, timeout=10000):
        tap(qtbot, shell.by_place.back_button)
    assert [c.text() for c in picker.crumbs] == ["全国", "黑龙江省", "哈尔滨市"], [r.name for r in picker.path]


def test_idle_timeout_counts_down_clears_inputs_and_returns_home(qtbot, make_shell) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell(idle_seconds=1.2, countdown_seconds=0.8)
    tap(qtbot, shell.home.tiles["gi_search"])
    with qtbot.waitSignal(shell.gi_finder.sig_results_shown, timeout=10000):
        type_on_keyboard(qtbot, shell.gi_finder.keyboard, "wcdm")
    assert shell.gi_finder.results.count() > 0
    qtbot.waitUntil(shell.overlay.isVisible, timeout=5000)
    assert "秒后" in shell.overlay.label.text()
    with qtbot.waitSignal(shell.sig_reset_done, timeout=5000):
        pass
    assert shell.current_screen() is shell.home
    assert not shell.overlay.isVisible()
    assert shell.gi_finder.field.text() == "" and shell.gi_finder.results.count() == 0
    assert shell.history == []


def test_keep_using_stops_the_countdown(qtbot, make_shell) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell(idle_seconds=1.5, countdown_seconds=1.2)
    tap(qtbot, shell.home.tiles["gi_search"])
    type_on_keyboard(qtbot, shell.gi_finder.keyboard, "cha")
    qtbot.waitUntil(shell.overlay.isVisible, timeout=5000)
    tap(qtbot, shell.overlay.keep)
    assert not shell.overlay.isVisible()
    assert shell.current_screen() is shell.gi_finder and shell.gi_finder.field.text() == "cha"


def test_home_screen_untouched_is_not_interrupted_by_a_countdown(qtbot, make_shell) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell(idle_seconds=0.5, countdown_seconds=0.4)
    qtbot.wait(900)
    assert not shell.overlay.isVisible() and shell.current_screen() is shell.home


def test_escape_alt_f4_and_close_are_refused_without_the_pin(qtbot, make_shell) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell()
    tap(qtbot, shell.home.tiles["gi_search"])
    qtbot.keyClick(shell.gi_finder.field, Qt.Key.Key_Escape)
    qtbot.keyClick(shell, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
    assert shell.isVisible() and shell.current_screen() is shell.gi_finder
    assert shell.close() is False
    assert shell.isVisible()
    assert shell.current_screen() is shell.admin  # a close attempt asks for the PIN
    for digit in "1357":
        tap(qtbot, shell.admin.digit_keys[digit])
    tap(qtbot, shell.admin.ok)
    assert shell.isVisible() and "不对" in shell.admin.message.text()
    assert shell.admin.field.text() == ""
    tap(qtbot, shell.admin.back_button)  # a visitor goes back where they were
    assert shell.current_screen() is shell.gi_finder


def test_the_admin_pin_typed_on_the_pad_then_exit_closes_the_kiosk(qtbot, make_shell) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell()
    tap(qtbot, shell.home.admin_button)
    assert shell.current_screen() is shell.admin
    for digit in ADMIN_PIN:
        tap(qtbot, shell.admin.digit_keys[digit])
    tap(qtbot, shell.admin.ok)
    assert shell.current_screen() is shell.admin_choices and not shell.exit_authorised  # the staff choose
    with qtbot.waitSignal(shell.sig_exit_authorised, timeout=3000):
        tap(qtbot, shell.admin_choices.exit)
    assert shell.exit_authorised
    qtbot.waitUntil(lambda: not shell.isVisible(), timeout=3000)


def test_minimising_is_undone(qtbot, make_shell) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell()
    shell.showMinimized()
    qtbot.waitUntil(lambda: not shell.isMinimized(), timeout=3000)
    assert shell.isVisible()


def test_no_context_menus_or_links_anywhere(make_shell) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLineEdit, QTextBrowser

    shell = make_shell()
    for field in shell.findChildren(QLineEdit):
        assert field.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu
    for browser in shell.findChildren(QTextBrowser):
        assert not browser.openLinks() and not browser.openExternalLinks()


def test_print_error_is_shown_in_place(qtbot, make_shell) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.ui.kiosk.printing import NoPrinterError

    def no_printer():  # type: ignore[no-untyped-def]
        raise NoPrinterError("没有找到打印机。请联系工作人员。", "No printer was found. Please ask the staff.")

    shell = make_shell(printer_factory=no_printer)
    with qtbot.waitSignal(shell.record.sig_loaded, timeout=10000):
        shell.open_gi(_gi_id(shell, "五常大米"))
    tap(qtbot, shell.record.print_button)
    qtbot.waitUntil(lambda: "没有找到打印机" in shell.record.print_status.text(), timeout=10000)
    assert shell.record.print_status.property("role") == "error" and shell.record.print_button.isEnabled()


def test_printing_runs_off_the_gui_thread_and_shows_progress(qtbot, make_shell, printed_pdf: Path,  # type: ignore[no-untyped-def]
                                                             monkeypatch) -> None:
    """The printer is made and the printout laid out and printed in a worker: while it runs, the GUI
    thread is free, the button is off and "正在打印…" shows; then the result shows."""
    import threading

    from PySide6.QtPrintSupport import QPrinter

    from ipdesk.ui.kiosk import printing

    on_gui_thread: list[bool] = []
    release = threading.Event()

    def pdf_printer() -> QPrinter:
        on_gui_thread.append(threading.current_thread() is threading.main_thread())
        assert release.wait(30), "the test never let the print go on"
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed_pdf))
        return printer

    painted_on_gui_thread: list[bool] = []

    def recording_print(*args, **kwargs):  # type: ignore[no-untyped-def]
        painted_on_gui_thread.append(threading.current_thread() is threading.main_thread())
        printing.print_printout(*args, **kwargs)

    monkeypatch.setattr("ipdesk.ui.kiosk.shell.print_printout", recording_print)
    shell = make_shell(printer_factory=pdf_printer)
    with qtbot.waitSignal(shell.record.sig_loaded, timeout=10000):
        shell.open_gi(_gi_id(shell, "五常大米"))
    try:
        tap(qtbot, shell.record.print_button)
        # The tap returned while the worker still waits for the printer: the GUI thread is not blocked.
        assert shell.record.print_status.text() == "正在打印…"
        assert not shell.record.print_button.isEnabled()
        qtbot.waitUntil(lambda: on_gui_thread == [False], timeout=10000)
        release.set()
        qtbot.waitUntil(lambda: "已送去打印" in shell.record.print_status.text(), timeout=20000)
    finally:
        release.set()
    assert on_gui_thread == [False] and painted_on_gui_thread == [False]
    assert printed_pdf.exists() and printed_pdf.stat().st_size > 0
    assert shell.record.print_status.property("role") == "ok" and shell.record.print_button.isEnabled()


def test_an_unexpected_print_failure_is_logged_and_explained(qtbot, make_shell, caplog) -> None:  # type: ignore[no-untyped-def]
    def broken_printer():  # type: ignore[no-untyped-def]
        raise RuntimeError("spooler on fire")

    shell = make_shell(printer_factory=broken_printer)
    with qtbot.waitSignal(shell.record.sig_loaded, timeout=10000):
        shell.open_gi(_gi_id(shell, "五常大米"))
    tap(qtbot, shell.record.print_button)
    qtbot.waitUntil(lambda: "打印没有成功" in shell.record.print_status.text(), timeout=10000)
    assert "spooler on fire" in caplog.text and "spooler on fire" not in shell.record.print_status.text()
    assert shell.record.print_button.isEnabled()


def test_a_print_answer_after_an_idle_reset_is_not_shown(qtbot, make_shell) -> None:  # type: ignore[no-untyped-def]
    import threading

    release = threading.Event()

    def slow_no_printer():  # type: ignore[no-untyped-def]
        from ipdesk.ui.kiosk.printing import NoPrinterError

        release.wait(30)
        raise NoPrinterError("没有找到打印机。请联系工作人员。", "No printer was found. Please ask the staff.")

    shell = make_shell(printer_factory=slow_no_printer)
    with qtbot.waitSignal(shell.record.sig_loaded, timeout=10000):
        shell.open_gi(_gi_id(shell, "五常大米"))
    tap(qtbot, shell.record.print_button)
    assert shell.record.print_status.text() == "正在打印…"
    shell.reset_session()
    with qtbot.waitSignal(shell.tasks.sig_busy_changed, timeout=20000, check_params_cb=lambda n: n == 0):
        release.set()  # the answer (no printer) arrives after the reset
    assert shell.record.print_status.text() == ""


def _gi_id(shell, name: str) -> int:  # type: ignore[no-untyped-def]
    from ipdesk.services.search import SearchFilters

    hits = shell.services.search.search(name, SearchFilters(kinds=("gi",)), limit=5).hits
    return next(h.ref_id for h in hits if h.title == name)


@pytest.fixture
def app() -> QApplication:
    instance = QApplication.instance()
    assert isinstance(instance, QApplication)
    return instance


def test_tap_outside_any_button_does_nothing(qtbot, make_shell) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell()
    qtbot.mouseClick(shell.home, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert shell.current_screen() is shell.home


def test_background_update_runs_between_visitors_not_during_a_visit(qtbot, make_shell) -> None:  # type: ignore[no-untyped-def]
    import threading

    calls: list[str] = []

    def updater() -> str:
        calls.append(threading.current_thread().name)
        return "done"

    shell = make_shell(idle_seconds=0.6, countdown_seconds=0.3, updater=updater)
    tap(qtbot, shell.home.tiles["gi_search"])
    assert calls == []
    with qtbot.waitSignal(shell.sig_reset_done, timeout=5000):
        pass
    qtbot.waitUntil(lambda: len(calls) == 1, timeout=5000)
    assert calls[0] != threading.current_thread().name  # off the GUI thread
    qtbot.wait(1500)  # more idle periods pass: at most one update per interval
    assert len(calls) == 1


def test_run_kiosk_refuses_to_start_without_an_admin_pin(qtbot, shared_services, capsys) -> None:  # type: ignore[no-untyped-def]
    import dataclasses

    from ipdesk.ui.kiosk.shell import run_kiosk
    from ipdesk.ui.tasks import TaskRunner

    no_pin = dataclasses.replace(shared_services, settings=dataclasses.replace(shared_services.settings,
                                                                                kiosk_pin_hash=""))
    assert run_kiosk(QApplication.instance(), no_pin, TaskRunner(), "en") == 2
    assert "ipdesk kiosk set-pin" in capsys.readouterr().err


def test_taps_keep_the_kiosk_awake(qtbot, make_shell) -> None:  # type: ignore[no-untyped-def]
    # the taps last longer (12 × 300 ms) than the idle time and its countdown together (2.5 s), with room
    # for a stall of two seconds on a loaded machine (it had failed under a load average of 6 at 1.0 + 0.5 s)
    shell = make_shell(idle_seconds=1.5, countdown_seconds=1.0)
    tap(qtbot, shell.home.tiles["gi_search"])
    for letter in "chachachacha":
        tap(qtbot, shell.gi_finder.keyboard.keys[letter])
        qtbot.wait(300)
    assert shell.current_screen() is shell.gi_finder
    assert shell.gi_finder.field.text() == "chachachacha"


def test_the_shell_beats_while_its_window_responds(qtbot, make_shell, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Under `ipdesk kiosk supervise` the shell touches a heartbeat file from the GUI thread; the
    supervisor restarts a shell whose file goes stale (a frozen window)."""
    import os

    heartbeat = tmp_path / "kiosk.heartbeat"
    shell = make_shell(heartbeat=heartbeat, heartbeat_ms=50)
    assert heartbeat.exists()
    os.utime(heartbeat, (0, 0))
    qtbot.waitUntil(lambda: heartbeat.stat().st_mtime > 0, timeout=5000)  # beats again on its timer
    assert shell._heartbeat_timer.isActive()


def test_full_screen_kiosk_keeps_the_systems_touch_keyboard_away(qtbot, make_shell) -> None:  # type: ignore[no-untyped-def]
    """Its own keyboards only: Windows would raise its touch keyboard over them on every field."""
    from PySide6.QtCore import Qt

    shell = make_shell()
    QApplication.setAttribute(Qt.ApplicationAttribute.AA_DisableNativeVirtualKeyboard, False)
    shell.show_full_screen()
    assert QApplication.testAttribute(Qt.ApplicationAttribute.AA_DisableNativeVirtualKeyboard)
    QApplication.setAttribute(Qt.ApplicationAttribute.AA_DisableNativeVirtualKeyboard, False)


def test_the_no_pin_notice_is_touch_sized_and_closes_by_itself(qtbot, shared_services) -> None:  # type: ignore[no-untyped-def]
    """Nobody taps OK: the notice closes, the program ends with status 2 and the supervisor stops
    (it used to wait for a tap, be killed as a hang after 150 s and come back, in a loop)."""
    import dataclasses
    import time

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QDialog, QPushButton

    from ipdesk.ui.kiosk.shell import run_kiosk
    from ipdesk.ui.tasks import TaskRunner

    no_pin = dataclasses.replace(shared_services, settings=dataclasses.replace(shared_services.settings,
                                                                                kiosk_pin_hash=""))
    seen: dict[str, object] = {}

    def look() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
        assert len(dialogs) == 1
        dialog = dialogs[0]
        button = dialog.findChild(QPushButton)
        seen.update(size=dialog.size(), button=button.size(), text=button.text())

    QTimer.singleShot(300, look)
    started = time.monotonic()
    assert run_kiosk(QApplication.instance(), no_pin, TaskRunner(), "en", interactive=True, refusal_seconds=1) == 2
    assert time.monotonic() - started < 10
    assert seen["text"] == "OK"
    assert seen["size"].width() >= 640 and seen["size"].height() >= 420  # type: ignore[attr-defined]
    assert seen["button"].width() >= 240 and seen["button"].height() >= 88  # type: ignore[attr-defined]
