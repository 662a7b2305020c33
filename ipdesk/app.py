"""Composition root: settings → store → services → QApplication → main window.

Nothing else builds services; pages and dialogs receive what they need through constructors.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ipdesk.services.errors import CorruptDatabaseError, IpdeskError

if TYPE_CHECKING:
    from ipdesk.services.db import Database

log = logging.getLogger("ipdesk")

KIOSK_RUNNER = "ipdesk.ui.kiosk.shell:run_kiosk"
KIOSK_OUT_OF_SERVICE = "ipdesk.ui.kiosk.out_of_service:show_out_of_service"
KIOSK_CRASH_STATUS = 70  # EX_SOFTWARE: `ipdesk kiosk supervise` restarts the shell on any non-zero status
START_FAILED_STATUS = 70  # an unexpected error before the window opened (as the CLI's unexpected error)

# Imported by the warm-up thread once the window is up: the first visit to 报告 (openpyxl, python-docx,
# pypdf, pypinyin through the report builder) and to 数据与同步 (the sync client, backups, importers)
# stalled the GUI thread 0.3–0.7 s on these imports (QA 20b N6). Services only: no Qt module is
# imported, and none creates a Qt object, so importing them off the GUI thread is safe; the import
# lock makes a page that needs one meanwhile wait for it rather than import it twice.
WARM_IMPORTS = (
    "openpyxl",
    "ipdesk.services.reports.archive",
    "ipdesk.services.reports.ledger",
    "ipdesk.services.reports.pdf_text",  # pypdf, for the PDF export (report_pdf)
    "ipdesk.services.sync.client",
    "ipdesk.services.backup",
    "ipdesk.services.importers",
)


def warm_up_imports() -> None:
    """Import WARM_IMPORTS (in the warm-up thread); one that fails is left to the page that needs it."""
    import importlib

    for name in WARM_IMPORTS:
        try:
            importlib.import_module(name)
        except Exception:  # the page imports it again and reports the error there
            log.debug("warm-up import of %s failed", name, exc_info=True)


def warm_up(data_dir: Path, done: Callable[[], None] | None = None, local: Database | None = None) -> None:
    """The start-up's background work, in the warm-up thread once the window is up: the OpenCC
    dictionary and the pinyin readings table (not on the first keystroke), what a restore cut short
    left in the data folder, the report files of deleted entries still to remove (a deletion cut
    short; `local`: the local store, services.db.local_store), WARM_IMPORTS; then `done` (the GUI
    collector's `freeze_soon`: what was loaded here is long-lived, and no collection on the GUI
    thread should walk it again)."""
    from ipdesk.domain.text import warm_up as warm_up_folding
    from ipdesk.services.backup import remove_stale_work
    from ipdesk.services.char_readings import warm_up as warm_up_readings

    try:
        warm_up_folding()
        warm_up_readings()
        remove_stale_work(data_dir)
        if local is not None:
            from ipdesk.services.reports.erasure import remove_left_files

            remove_left_files(local.session, data_dir)
        warm_up_imports()
    finally:
        if done is not None:
            done()


def display_available() -> bool:
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform.startswith(("win", "darwin")):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _kiosk_runner() -> Any | None:
    """`run_kiosk(app, services, tasks, lang)` from the kiosk package, or None when not installed."""
    from ipdesk.ui.pages import load_class

    return load_class(KIOSK_RUNNER)


def _interactive(app: Any) -> bool:
    """Whether someone can answer a dialog (not offscreen)."""
    return bool(app.platformName() != "offscreen")


def _start_failed(crash: Any, exc: BaseException, lang: str, *, show_dialog: bool) -> int:
    """An unexpected error while the window was being opened: logged with its traceback, said on
    stderr and (when someone can read it; not in the kiosk, whose supervisor starts it again) in
    the error dialog, instead of ending with status 1 and nothing on screen."""
    from ipdesk.domain.i18n import pick
    from ipdesk.services.logfiles import current_log_file

    crash.start_failed(exc, show_dialog=show_dialog)
    log_file = current_log_file()
    sys.stderr.write("ipdesk: " + pick(
        lang, f"无法启动：发生了意外错误（{type(exc).__name__}）。详细信息已写入日志：{log_file or '（无）'}",
        f"could not start: an unexpected error occurred ({type(exc).__name__}). The details are in the log: "
        f"{log_file or '(none)'}") + "\n")
    return START_FAILED_STATUS


def _kiosk_out_of_service(lang: str) -> str:
    """What a kiosk shows when it cannot start for a reason the staff must mend (the reason itself is
    in the log and on stderr)."""
    from ipdesk.domain.i18n import pick

    return pick(lang, "本机暂停服务，请联系工作人员。\n\n（工作人员：原因已写入日志文件；在命令行运行 ipdesk info 也可以看到。）",
                "This kiosk is out of service. Please ask the staff.\n\n(Staff: the reason is in the log file; "
                "`ipdesk info` on the command line says it too.)")


def _show_kiosk_out_of_service(data_dir: Path, lang: str, settings: Any, reason: Any = None,
                               retry: Any = None) -> Any:
    """The out-of-service screen, kept up until the admin PIN is entered: a message box closed on the
    first tap and left the hall looking at the desktop. After the PIN the technician reads why (`reason`),
    saves it to a USB stick, exits, or retries (`retry`: what failed, run again); returns what a retry
    that passed returned, else None."""
    from ipdesk.commands.kiosk_cmd import HEARTBEAT_ENV
    from ipdesk.services.kiosk_pin import PinGuard, pin_state_path
    from ipdesk.ui.pages import load_class

    message = _kiosk_out_of_service(lang)
    show = load_class(KIOSK_OUT_OF_SERVICE)

    pin_hash = settings.kiosk_pin_hash if settings is not None else ""
    guard = PinGuard(pin_hash, state_file=pin_state_path(data_dir)) if pin_hash else None
    beat = os.environ.get(HEARTBEAT_ENV)
    return show(message, lang, guard, Path(beat) if beat else None, reason=reason, data_dir=data_dir, retry=retry)


def open_staff_window(app: Any, services: Any, tasks: Any, lang: str, crash: Any, *, interactive: bool,
                      heartbeat: Path | None, retention: Any = None) -> Any:
    """The kiosk's admin chose the staff window (after the PIN): the normal main window, in this
    process, on the same services, task runner and instance lock (a second process would find the
    data folder locked). From now on someone is at the screen: the crash reporter shows its dialog
    instead of quitting with the kiosk's status, the system's touch keyboard is allowed again, the
    translators are those of `lang` again (a visitor may have switched the kiosk's language), and
    the supervisor, if any, is told (kiosk_cmd.mark_staff_window) so that it neither kills this
    window as a hang (the shell's heartbeat ends) nor starts the kiosk over it. Returns the window,
    or None when it could not be built (said as at start, and the program ends)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from ipdesk.commands.kiosk_cmd import mark_staff_window
    from ipdesk.ui.i18n import install_translators
    from ipdesk.ui.main_window import MainWindow

    mark_staff_window(heartbeat)
    crash.exit_code = None
    crash.show_dialog = interactive
    try:
        QApplication.setAttribute(Qt.ApplicationAttribute.AA_DisableNativeVirtualKeyboard, False)
        install_translators(app, lang)
        window = MainWindow(services, tasks, lang=lang)
        if retention is not None:
            retention.follow(window)
        window.show()
    except Exception as exc:  # said, and the program ends: the kiosk is closing
        app.exit(_start_failed(crash, exc, lang, show_dialog=interactive))
        return None
    log.info("staff window shown from the kiosk (%s)", lang)
    return window


def run_app(data_dir: Path, lang: str, kiosk: bool = False) -> int:
    if not display_available():
        sys.stderr.write(
            "ipdesk: 没有可用的显示器（未设置 DISPLAY）。请在桌面中运行，或使用：xvfb-run -a ipdesk / "
            "no display available (DISPLAY is not set): run it on a desktop, or under `xvfb-run -a ipdesk`.\n"
        )
        return 1
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QMessageBox

    from ipdesk import __version__
    from ipdesk.domain.i18n import pick
    from ipdesk.services.container import build_services
    from ipdesk.services.db import InstanceLock, reset_from_seed
    from ipdesk.services.resources import resource_path
    from ipdesk.services.settings import damaged_settings_kept, damaged_settings_notice, load_settings
    from ipdesk.ui import gui_gc, qt_messages
    from ipdesk.ui.crash import CrashReporter
    from ipdesk.ui.i18n import install_translators
    from ipdesk.ui.main_window import MainWindow
    from ipdesk.ui.tasks import TaskRunner
    from ipdesk.ui.theme import apply_theme

    qt_messages.install()  # Qt's warnings in the log file too (the windowed program has no stderr)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    collector = gui_gc.install(app)  # before any task thread runs: Qt objects must die on this thread
    app.setApplicationName("ipdesk")
    app.setOrganizationName("ipdesk")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("ipdesk")
    icon = resource_path("icons", "ipdesk.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    install_translators(app, lang)
    try:
        early_settings = load_settings(data_dir) if data_dir.exists() else None
    except (OSError, ValueError):  # never a reason not to open: the defaults serve
        log.warning("settings could not be read before the window opened", exc_info=True)
        early_settings = None
    if early_settings is not None:
        apply_theme(app, early_settings.font_size, early_settings.high_contrast)
    else:
        apply_theme(app)
    interactive = _interactive(app)
    if early_settings is not None and early_settings.kiosk_on_start:
        kiosk = True
    crash = CrashReporter(app, show_dialog=interactive and not kiosk, exit_code=KIOSK_CRASH_STATUS if kiosk else None)
    crash.install()
    lock = InstanceLock(data_dir)
    locked = False  # a retry at the out-of-service kiosk only with the data folder ours
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        lock.acquire()
        locked = True
        try:
            services = build_services(data_dir)
        except CorruptDatabaseError as exc:
            if not interactive:
                raise
            question = (pick(lang, "现在新建一个空的服务台账继续吗？", "Go on with a new, empty service record now?")
                        if exc.local else
                        pick(lang, "现在从内置数据重新开始吗？", "Start again from the built-in data now?"))
            answer = QMessageBox.question(None, "ipdesk", exc.message(lang) + "\n\n" + question)
            if answer != QMessageBox.StandardButton.Yes:
                crash.uninstall()
                lock.release()
                return exc.exit_code
            reset_from_seed(data_dir).close()
            services = build_services(data_dir)
    except IpdeskError as exc:  # said in words (a newer ipdesk's database: exit 7, the kiosk supervisor stops)
        log.error("ipdesk could not start: %s%s", exc.en, f" ({exc.detail})" if exc.detail else "")
        sys.stderr.write(f"ipdesk: {exc.message(lang)}\n")
        retried = None
        if interactive and kiosk:  # a visitor is not told of databases and commands (QA 19d R4)
            # the technician's 重试 runs the same step again (off the GUI thread); if it passes, the kiosk starts
            retried = _show_kiosk_out_of_service(data_dir, lang, early_settings, exc,
                                                 retry=(lambda: build_services(data_dir)) if locked else None)
        elif interactive:
            QMessageBox.critical(None, "ipdesk", exc.message(lang))
        if retried is None:
            crash.uninstall()
            lock.release()
            return exc.exit_code
        services = retried
    except Exception as exc:
        status = _start_failed(crash, exc, lang, show_dialog=interactive and not kiosk)
        crash.uninstall()
        lock.release()
        return status
    try:
        apply_theme(app, services.settings.font_size, services.settings.high_contrast)
        kept = damaged_settings_kept(data_dir)
        if kept is not None:  # the centre name, staff, update source, keys and kiosk PIN are gone: say so
            notice = damaged_settings_notice(kept)
            log.warning("told the user: %s", notice.en)
            if interactive and not kiosk:
                QMessageBox.warning(None, "ipdesk", pick(lang, notice.zh, notice.en))
        tasks = TaskRunner()
    except Exception as exc:
        status = _start_failed(crash, exc, lang, show_dialog=interactive and not kiosk)
        crash.uninstall()
        services.close()
        lock.release()
        return status
    # Load the OpenCC dictionary and the pinyin readings table once the window is up, not on the
    # first keystroke; remove what a restore cut short may have left in the data folder, and the
    # report files a deletion cut short left (the computer switched off); import
    # what the Reports and Data & sync pages need, not on their first visit; then freeze all that
    # out of the GUI thread's garbage collections (gui_gc).
    QTimer.singleShot(300, lambda: threading.Thread(target=warm_up,
                                                    args=(data_dir, collector.freeze_soon, services.db.local_store),
                                                    name="warm-up", daemon=True).start())
    # The clean-up the retention setting asks for (保留服务台账和报告), soon after start and once a day,
    # on the task runner's database worker, in the staff window and the kiosk alike.
    from ipdesk.ui.retention_schedule import RetentionSchedule

    retention = RetentionSchedule(services, tasks, app)
    retention.start()
    try:
        runner = _kiosk_runner() if kiosk else None
        if kiosk and runner is None:
            log.warning("kiosk mode is not installed; starting the normal window")
        if runner is not None:
            log.info("kiosk shell starting (%s)", lang)
            from ipdesk.commands.kiosk_cmd import HEARTBEAT_ENV

            # under `ipdesk kiosk supervise`: a file the shell keeps touching, so that a hang is restarted too
            beat = os.environ.get(HEARTBEAT_ENV)
            heartbeat = Path(beat) if beat else None
            staff: list[Any] = []  # the staff window, once the admin chose it on the kiosk

            def staff_window() -> None:
                staff.append(open_staff_window(app, services, tasks, lang, crash, interactive=interactive,
                                               heartbeat=heartbeat, retention=retention))

            return int(runner(app, services, tasks, lang, heartbeat=heartbeat, interactive=interactive,
                              staff_window=staff_window))
        window = MainWindow(services, tasks, lang=lang)
        retention.follow(window)
        window.show()
        log.info("window shown (%s)", lang)
        return int(app.exec())
    except Exception as exc:  # building the window (or the kiosk shell) failed: said, not a silent exit
        return _start_failed(crash, exc, lang, show_dialog=interactive and not kiosk)
    finally:
        retention.stop()
        crash.uninstall()
        tasks.wait_idle(5000)
        services.close()
        lock.release()
