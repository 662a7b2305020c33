"""The kiosk shell: one frameless full-screen window for an unattended touch screen.

- Home tiles open the flows; every other screen has big Back and Home buttons.
- Idle: after `kiosk_idle_seconds` without a touch a countdown appears ("继续使用"); when it runs
  out every screen forgets what the visitor entered, the language returns to the default, the
  home screen comes back, and a background data update may run (between visitors only).
- Exit: only through the admin PIN. Escape, Alt+F4, closing and minimising are refused; a close
  attempt opens the PIN pad. There are no menus, context menus, file dialogs or links.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QStackedWidget, QVBoxLayout, QWidget

from ipdesk.domain.i18n import is_english
from ipdesk.services.container import Services
from ipdesk.services.errors import IpdeskError
from ipdesk.services.kiosk_pin import PinGuard, pin_state_path, set_kiosk_on_start
from ipdesk.ui.activity import is_user_input
from ipdesk.ui.i18n import install_translators
from ipdesk.ui.keys import install_enter_presses_buttons
from ipdesk.ui.kiosk.admin_choices import AdminChoicesScreen
from ipdesk.ui.kiosk.printing import (
    Printout,
    PrintResult,
    default_printer,
    print_failed_error,
    print_limit_error,
    print_printout,
)
from ipdesk.ui.kiosk.screens import (
    AdminScreen,
    ByPlaceScreen,
    GiFinderScreen,
    HomeScreen,
    RecordScreen,
    kiosk_as_of,
)
from ipdesk.ui.kiosk.widgets import (
    KIOSK_QSS,
    KioskScreen,
    big_button,
    forget_clipboard,
    is_escape_or_alt_f4,
    scroll_to_top,
)
from ipdesk.ui.kiosk.wizard_screens import build_wizard_screens
from ipdesk.ui.plain_text import plain_labels
from ipdesk.ui.report_pdf import report_font_families
from ipdesk.ui.tasks import TaskRunner, write_error_text

log = logging.getLogger("ipdesk.ui.kiosk")

COUNTDOWN_SECONDS = 10
UPDATE_INTERVAL_SECONDS = 30 * 60  # background data updates between visitors, at most this often
Updater = Callable[[], Any]
HEARTBEAT_MS = 5000


class IdleWatcher(QObject):
    """Watches every input event of the application; reports seconds left before the reset."""

    sig_countdown = Signal(int)  # whole seconds left; emitted each tick inside the countdown window
    sig_active = Signal()  # input arrived while the countdown was showing
    sig_timeout = Signal()

    def __init__(self, idle_seconds: float, countdown_seconds: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.idle_seconds = idle_seconds
        self.countdown_seconds = min(countdown_seconds, idle_seconds)
        self._last = time.monotonic()
        self._counting = False
        self.enabled = True
        self._timer = QTimer(self, interval=max(20, min(250, int(idle_seconds * 100))))
        self._timer.timeout.connect(self._on_timer_timeout)
        self._timer.start()

    def touch(self) -> None:
        self._last = time.monotonic()
        if self._counting:
            self._counting = False
            self.sig_active.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if is_user_input(event):
            self.touch()
        return False

    def _on_timer_timeout(self) -> None:
        if not self.enabled:
            self._last = time.monotonic()
            return
        left = self.idle_seconds - (time.monotonic() - self._last)
        if left <= 0:
            self._counting = False
            self._last = time.monotonic()
            self.sig_timeout.emit()
        elif left <= self.countdown_seconds:
            self._counting = True
            self.sig_countdown.emit(int(left + 0.999))


class CountdownOverlay(QWidget):
    """Covers the screen in the last seconds: how long is left, and one big "keep using" button."""

    sig_keep_using = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setObjectName("CountdownOverlay")
        self.setStyleSheet("QWidget#CountdownOverlay { background: rgba(0, 0, 0, 200); }"
                           "QLabel { color: #ffffff; font-size: 40pt; font-weight: bold; }")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.label = QLabel(self)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        layout.addWidget(self.label)
        self.keep = big_button("", "fa5s.hand-pointer", self)
        self.keep.setMinimumSize(420, 120)
        self.keep.clicked.connect(self.sig_keep_using)
        layout.addWidget(self.keep, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self.seconds = 0
        self.hide()

    def show_seconds(self, seconds: int) -> None:
        self.seconds = seconds
        self.label.setText(self.tr("没有人操作。%1 秒后清除输入，回到首页。").replace("%1", str(seconds)))
        self.keep.setText(self.tr("继续使用"))
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.raise_()
        self.show()


class KioskShell(QWidget):
    """The whole kiosk. After the admin PIN, the staff choose (AdminChoicesScreen):
    `sig_exit_authorised` (then it closes), or `sig_staff_window_chosen` (the staff window is opened
    by whoever listens, then the shell closes and is deleted)."""

    sig_exit_authorised = Signal()
    sig_staff_window_chosen = Signal()
    sig_reset_done = Signal()
    sig_screen_changed = Signal(str)

    def __init__(
        self,
        services: Services,
        tasks: TaskRunner,
        lang: str = "zh_CN",
        *,
        idle_seconds: float | None = None,
        countdown_seconds: float = COUNTDOWN_SECONDS,
        printer_factory: Callable[[], QPrinter] | None = None,
        updater: Updater | None = None,
        heartbeat: Path | None = None,
        heartbeat_ms: int = HEARTBEAT_MS,
        prints_per_visitor: int | None = None,
        pin_state_file: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`heartbeat`: a file touched every `heartbeat_ms` from the GUI thread while it responds;
        the supervisor restarts a shell whose file goes stale (kiosk_cmd.run_watched).
        `prints_per_visitor`: printouts allowed between two resets (default: the setting; 0: no limit).
        `pin_state_file`: where the wrong-PIN count survives a restart (default: in the data folder)."""
        super().__init__(parent)
        self.setObjectName("KioskShell")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setWindowFlags(Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint
                            | Qt.WindowType.WindowStaysOnTopHint)
        self.setStyleSheet(KIOSK_QSS)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.services = services
        self.tasks = tasks
        self.default_lang = lang
        self.lang = lang
        self._printer_factory = printer_factory or default_printer
        self.prints_per_visitor = (services.settings.kiosk_prints_per_visitor if prints_per_visitor is None
                                   else prints_per_visitor)
        self.prints_this_visit = 0  # sent or on their way since the last reset
        self._visit = 0  # counts resets: a print failing after one does not give the next visitor an extra one
        report_font_families()  # register the printout font on the GUI thread, before any print task lays out
        self._updater = updater
        self._updater_busy = False
        self._last_update = 0.0
        self._exit_authorised = False
        self.history: list[QWidget] = []

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget(self)
        layout.addWidget(self.stack)
        self.home = HomeScreen(self.stack)
        self.gi_finder = GiFinderScreen(services, tasks, self.stack, lang=lang)
        self.by_place = ByPlaceScreen(services, tasks, self.print_printout, self.stack, lang=lang)
        self.record = RecordScreen(services, tasks, self.print_printout, self.stack, lang=lang)
        guard = PinGuard(services.settings.kiosk_pin_hash,
                         state_file=pin_state_file or pin_state_path(services.data_dir))
        self.admin = AdminScreen(guard, self.stack, lang=lang)
        self.admin_choices = self._build_admin_choices()
        self.flows: dict[str, QWidget] = {"gi_search": self.gi_finder, "by_place": self.by_place}
        for key, screen in self._wizard_screens().items():
            self.flows[key] = screen
        screens = (self.home, self.gi_finder, self.by_place, self.record, self.admin, *self.flows.values())
        for screen in dict.fromkeys(screens):  # each once: the flows repeat the finder and by-place screens
            if self.stack.indexOf(screen) < 0:
                self.stack.addWidget(screen)
            if isinstance(screen, KioskScreen):
                screen.sig_back_requested.connect(self.go_back)
                screen.sig_home_requested.connect(self.go_home)
        self.home.sig_tile_tapped.connect(self.open_tile)
        self.home.sig_language_tapped.connect(self.toggle_language)
        self.home.sig_admin_tapped.connect(self.show_admin)
        self.gi_finder.sig_gi_chosen.connect(self.open_gi)
        self.by_place.sig_gi_chosen.connect(self.open_gi)
        self.admin.sig_pin_accepted.connect(self._on_admin_pin_accepted)

        self._heartbeat = heartbeat
        self._heartbeat_timer = QTimer(self)
        self._heartbeat_timer.setInterval(heartbeat_ms)
        self._heartbeat_timer.timeout.connect(self.beat)
        if heartbeat is not None:
            self.beat()
            self._heartbeat_timer.start()

        self.overlay = CountdownOverlay(self)
        self.overlay.sig_keep_using.connect(self._on_overlay_keep_using)
        idle = float(idle_seconds if idle_seconds is not None else services.settings.kiosk_idle_seconds)
        self.idle = IdleWatcher(idle, countdown_seconds, self)
        self.idle.sig_countdown.connect(self._on_idle_countdown)
        self.idle.sig_active.connect(self.overlay.hide)
        self.idle.sig_timeout.connect(self._on_idle_timeout)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.idle)
            app.installEventFilter(self)  # Escape and Alt+F4 anywhere in the kiosk
            install_enter_presses_buttons(app)  # a USB keyboard's Enter presses a focused button
        self.home.set_updates_automatic(updater is not None)
        self.refresh_as_of()
        self.stack.setCurrentWidget(self.home)
        plain_labels(self)  # a record's title or a typed name is never taken for HTML (QA 22b)
        self._retranslate_all()

    # --- wizard flows -------------------------------------------------------------------------------

    def _wizard_screens(self) -> dict[str, QWidget]:
        """Touch screens for the wizard flows (the domain flows and `services.wizards`)."""
        return build_wizard_screens(self.services, self.tasks, self.print_printout, self.stack, lang=self.lang)

    # --- navigation ---------------------------------------------------------------------------------

    def current_screen(self) -> QWidget | None:
        return self.stack.currentWidget()

    def _show(self, screen: QWidget, *, remember: bool = True) -> None:
        current = self.stack.currentWidget()
        if remember and current is not screen and current is not None:
            self.history.append(current)
        if current is not screen and isinstance(current, KioskScreen) and current not in self.history:
            current.abandon()  # left for good (Back out, Home): an answer still on its way is dropped
        self.stack.setCurrentWidget(screen)
        self.sig_screen_changed.emit(type(screen).__name__)

    def open_tile(self, key: str) -> None:
        """A home tile starts its flow afresh."""
        screen = self.flows.get(key)
        if screen is None:
            return
        if isinstance(screen, KioskScreen):
            screen.reset()
        scroll_to_top(screen)
        self.history = [self.home]
        self._show(screen, remember=False)

    def open_gi(self, gi_id: int) -> None:
        self.record.show_gi(gi_id)
        self._show(self.record)

    def go_back(self) -> None:
        current = self.stack.currentWidget()
        handle_back = getattr(current, "handle_back", None)
        if callable(handle_back) and handle_back():
            return
        if current is self.admin:
            self.admin.reset()
        target = self.history.pop() if self.history else self.home
        self._show(target, remember=False)

    def go_home(self) -> None:
        self.history = []
        if self.stack.currentWidget() is self.admin:
            self.admin.reset()
        self._show(self.home, remember=False)

    def show_admin(self) -> None:
        self.admin.reset()
        self._show(self.admin)

    # --- idle ---------------------------------------------------------------------------------------

    def is_pristine(self) -> bool:
        """Nothing of a visitor to clear: home screen, default language, no countdown."""
        return self.stack.currentWidget() is self.home and self.lang == self.default_lang and not self.history

    def _on_idle_countdown(self, seconds: int) -> None:
        if self.is_pristine():
            return
        self.overlay.show_seconds(seconds)

    def _on_overlay_keep_using(self) -> None:
        self.overlay.hide()
        self.idle.touch()

    def _on_idle_timeout(self) -> None:
        was_pristine = self.is_pristine()
        self.overlay.hide()
        if not was_pristine:
            self.reset_session()
        else:  # a visitor who went back home before leaving: what they copied and their print count go too
            forget_clipboard()
            self.prints_this_visit = 0
        self._run_update()

    def reset_session(self) -> None:
        """Forget the last visitor: every input, every result, every scroll position, the clipboard,
        the language; back to the home screen."""
        for index in range(self.stack.count()):
            screen = self.stack.widget(index)
            if isinstance(screen, KioskScreen):
                screen.reset()
        if self.lang != self.default_lang:
            self.set_language(self.default_lang)
        scroll_to_top(self)  # every list of every screen from its first row
        forget_clipboard()  # a USB keyboard's Ctrl+C, a drag's X11 selection
        self.prints_this_visit = 0
        self._visit += 1
        self.go_home()
        log.info("kiosk: idle reset")
        self.sig_reset_done.emit()

    # --- background update between visitors ---------------------------------------------------------

    def _run_update(self) -> None:
        """Run the updater between visitors, at most once per UPDATE_INTERVAL_SECONDS."""
        updater = self._updater
        if updater is None or self._updater_busy:
            return
        now = time.monotonic()
        if self._last_update and now - self._last_update < UPDATE_INTERVAL_SECONDS:
            return
        self._last_update = now
        self._updater_busy = True

        def done(_result: object) -> None:
            self._updater_busy = False
            self.refresh_as_of()

        def failed(error: BaseException) -> None:
            self._updater_busy = False
            log.warning("kiosk: background update failed: %s", error)
            self.refresh_as_of()  # updates failing for a day: the home screen stops promising them

        self.tasks.run(updater, on_done=done, on_error=failed, key="kiosk-update", network=True)

    def refresh_as_of(self) -> None:
        """The data's date (`screens.kiosk_as_of`) and whether the updates fail, read off the GUI thread."""
        services, automatic = self.services, self._updater is not None

        def read() -> tuple[list[Any], bool]:
            failing = False
            if automatic:
                from ipdesk.services.sync.freshness import update_health

                try:
                    state, applied = services.sync.status()
                    failing = update_health(state, applied, services.settings.update_source).failing
                except Exception:  # the date still shows; the line then promises as before
                    log.warning("kiosk: the update state could not be read", exc_info=True)
            return services.datasets(), failing

        self.tasks.run(read, on_done=self._show_as_of, key="kiosk-as-of", owner=self)

    def _show_as_of(self, answer: tuple[list[Any], bool]) -> None:
        datasets, failing = answer
        self.home.set_as_of(kiosk_as_of(datasets))
        self.home.set_updates_failing(failing)

    # --- language -----------------------------------------------------------------------------------

    def toggle_language(self) -> None:
        self.set_language("zh_CN" if is_english(self.lang) else "en")

    def set_language(self, lang: str) -> None:
        app = QApplication.instance()
        if app is not None:
            install_translators(app, lang)
        self.lang = lang
        self._retranslate_all()

    def _retranslate_all(self) -> None:
        for index in range(self.stack.count()):
            screen = self.stack.widget(index)
            if screen is not None and hasattr(screen, "lang"):
                screen.lang = self.lang
            retranslate = getattr(screen, "retranslate", None)
            if callable(retranslate):
                retranslate()
        self.setWindowTitle(self.tr("知识产权信息自助查询"))

    def beat(self) -> None:
        """The GUI thread is alive: touch the heartbeat file."""
        touch_heartbeat(self._heartbeat)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.WindowStateChange and self.isMinimized():
            QTimer.singleShot(0, self._restore_window)  # minimising is refused
        super().changeEvent(event)

    def _restore_window(self) -> None:
        if self.isMinimized():
            self.setWindowState(self.windowState() & ~Qt.WindowState.WindowMinimized)
            if self.property("kioskFullScreen"):
                self.show_full_screen()
            else:
                self.showNormal()

    def show_full_screen(self) -> None:
        """Cover the whole primary screen, also where no window manager honours "full screen"
        (a bare X session, common on kiosks)."""
        self.setProperty("kioskFullScreen", True)
        # The shell has its own keyboards: Windows on a touch screen would also raise its touch
        # keyboard over them whenever a field gets focus (Windows only; elsewhere a no-op).
        QApplication.setAttribute(Qt.ApplicationAttribute.AA_DisableNativeVirtualKeyboard, True)
        screen = self.screen() or QApplication.primaryScreen()
        if screen is not None:
            self.setGeometry(screen.geometry())
        self.showFullScreen()

    # --- printing -----------------------------------------------------------------------------------

    def print_printout(self, printout: Printout, on_result: PrintResult) -> None:
        """Send to the default printer off the GUI thread (finding the printer, laying out, spooling).

        `on_result` answers on the GUI thread: None once sent, else the IpdeskError to show
        (NoPrinterError when there is no printer; PrintFailedError, with the cause logged, for
        anything unexpected; PrintLimitError, at once, once this visitor has had
        `prints_per_visitor` printouts). No task key: every print gets its answer, none is superseded."""
        limit = self.prints_per_visitor
        if limit and self.prints_this_visit >= limit:
            log.info("kiosk: print of %r refused: %d printouts this visit", printout.title, self.prints_this_visit)
            on_result(print_limit_error(limit))
            return
        self.prints_this_visit += 1  # counted now: a second tap while the first is on its way counts too
        visit = self._visit
        factory = self._printer_factory
        layout = self.services.settings.kiosk_print_layout

        def work() -> None:
            printer = factory()  # made, used and dropped in the worker
            print_printout(printout, printer, layout)

        def failed(error: BaseException) -> None:
            if visit == self._visit:  # nothing came out: not counted
                self.prints_this_visit -= 1
            if not isinstance(error, IpdeskError):
                log.error("kiosk: printing %r failed", printout.title, exc_info=error)
                error = print_failed_error()
            on_result(error)

        # The network pool, not the database worker: a slow spooler must not hold up searches.
        self.tasks.run(work, on_done=lambda _none: on_result(None), on_error=failed, network=True, owner=self)

    # --- exit only with the admin PIN ---------------------------------------------------------------

    def unlock(self, pin: str) -> bool:
        """Check the admin PIN; on success take the exit choice: the kiosk closes and reports
        `sig_exit_authorised`."""
        if not self.admin.try_pin(pin):
            return False
        self.choose_exit()
        return True

    # --- after the admin PIN: exit, the staff window, or stop starting as the kiosk -----------------

    def _build_admin_choices(self) -> AdminChoicesScreen:
        choices = AdminChoicesScreen(self.stack, lang=self.lang)
        self.stack.addWidget(choices)
        choices.sig_back_requested.connect(self.go_home)  # the PIN is asked again
        choices.sig_home_requested.connect(self.go_home)
        choices.sig_exit_chosen.connect(self.choose_exit)
        choices.sig_staff_window_chosen.connect(self.choose_staff_window)
        choices.sig_stop_kiosk_chosen.connect(self.choose_stop_kiosk)
        return choices

    def _on_admin_pin_accepted(self) -> None:
        log.info("kiosk: admin PIN entered")
        self.admin_choices.reset()
        self.history = []  # Back leaves for the home screen, not the PIN pad
        self._show(self.admin_choices, remember=False)

    def choose_exit(self) -> None:
        """The program ends (status 0; the supervisor stops); the next start is the kiosk again if so set."""
        self._exit_authorised = True
        log.info("kiosk: exit with the admin PIN")
        self.sig_exit_authorised.emit()
        self.close()

    def choose_staff_window(self) -> None:
        """The kiosk closes and the staff window opens (in this process: app.open_staff_window)."""
        log.info("kiosk: the admin switched to the staff window")
        self._leave_for_staff_window()

    def choose_stop_kiosk(self) -> None:
        """`kiosk_on_start` off in settings.json (atomically, as Settings saves, on a task's thread: a data
        folder on a share that has stopped answering must not freeze the screen), then the staff window;
        a settings file that cannot be written is said on the screen, and the kiosk stays."""
        data_dir = self.services.data_dir
        self.tasks.run(lambda: set_kiosk_on_start(data_dir, False), owner=self, key="stop-kiosk",
                       on_done=lambda _saved: self._on_kiosk_stopped(), on_error=self._on_stop_kiosk_failed)

    def _on_kiosk_stopped(self) -> None:
        self.services.settings.kiosk_on_start = False  # shared by every service, as Settings updates it
        log.info("kiosk: the admin stopped the computer starting as the kiosk")
        self._leave_for_staff_window()

    def _on_stop_kiosk_failed(self, exc: BaseException) -> None:
        log.warning("kiosk: kiosk_on_start could not be switched off: %s", exc)
        self.admin_choices.say_not_saved(write_error_text(exc, self.lang, doing="switching kiosk_on_start off"))

    def _leave_for_staff_window(self) -> None:
        self._exit_authorised = True  # the close below is allowed
        self.idle.enabled = False  # no reset, no background update from a kiosk that is going
        self._heartbeat_timer.stop()
        self.sig_staff_window_chosen.emit()  # the staff window is up before this one closes
        self.close()
        self.deleteLater()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._exit_authorised:
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self.idle)
                app.removeEventFilter(self)
            event.accept()
            return
        event.ignore()
        if self.stack.currentWidget() is not self.admin:
            self.show_admin()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            event.accept()  # swallowed
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Swallow Escape and Alt+F4 before any child sees them (the window manager's Alt+F4 arrives
        as a close event, refused in `closeEvent`)."""
        return is_escape_or_alt_f4(event)

    @property
    def exit_authorised(self) -> bool:
        return self._exit_authorised


def touch_heartbeat(heartbeat: Path | None) -> None:
    """Touch the supervisor's heartbeat file, if there is one (kiosk_cmd.run_watched); a full disk or a
    missing folder only skips a beat."""
    if heartbeat is None:
        return
    try:
        heartbeat.touch()
    except OSError as exc:
        log.debug("heartbeat not written: %s", exc)


REFUSAL_SECONDS = 60  # the no-PIN notice closes itself; well within the supervisor's first-beat allowance


def show_refusal(message: str, lang: str, seconds: int = REFUSAL_SECONDS) -> None:
    """Why the kiosk will not start, in big type on a touch screen, with a big OK; it closes itself
    after `seconds`, so an untouched notice ends the program (status 2) and the supervisor stops,
    instead of being killed as a hang and shown again every few minutes."""
    from ipdesk.domain.i18n import pick

    dialog = QDialog(None, Qt.WindowType.Dialog | Qt.WindowType.WindowStaysOnTopHint)
    dialog.setWindowTitle("ipdesk")
    dialog.setObjectName("KioskShell")  # the kiosk's white background and big type
    dialog.setStyleSheet(KIOSK_QSS)
    column = QVBoxLayout(dialog)
    column.setContentsMargins(40, 32, 40, 32)
    column.setSpacing(24)
    text = QLabel(message, dialog)
    text.setWordWrap(True)
    text.setProperty("role", "title")
    column.addWidget(text, 1)
    countdown = QLabel(dialog)
    countdown.setProperty("role", "hint")
    column.addWidget(countdown)
    ok = big_button(pick(lang, "确定", "OK"), "fa5s.check", dialog)
    ok.setMinimumSize(240, 88)
    ok.clicked.connect(dialog.accept)
    column.addWidget(ok, 0, Qt.AlignmentFlag.AlignRight)
    left = [seconds]

    def tick() -> None:
        if left[0] <= 0:
            dialog.accept()
            return
        countdown.setText(pick(lang, f"本窗口 {left[0]} 秒后自动关闭。", f"This notice closes by itself in {left[0]} s."))
        left[0] -= 1

    timer = QTimer(dialog, interval=1000)
    timer.timeout.connect(tick)
    tick()
    timer.start()
    screen = QApplication.primaryScreen()
    area = screen.availableGeometry() if screen is not None else None
    if area is not None:
        dialog.resize(max(640, area.width() * 2 // 3), max(420, area.height() // 2))
    else:
        dialog.resize(900, 520)
    dialog.exec()
    timer.stop()


def run_kiosk(app: QApplication, services: Services, tasks: TaskRunner, lang: str,
              updater: Updater | None = None, heartbeat: Path | None = None, *, interactive: bool = False,
              refusal_seconds: int = REFUSAL_SECONDS, staff_window: Callable[[], object] | None = None) -> int:
    """Show the shell full screen and run until the admin exits (status 0), or until the staff window
    (`staff_window()` opens it, when the admin chose it) is closed.

    Refuses to start (status 2) when no admin PIN is set: a kiosk nobody can leave is worse than
    none. The reason goes to stderr and, when someone can read it (`interactive`), to a dialog: the
    windowed program started from a shortcut has no console. Used by `ipdesk --kiosk` (the
    composition root, `app.py`)."""
    import sys

    from ipdesk.domain.i18n import pick

    if not services.settings.kiosk_pin_hash:
        message = pick(lang, "还没有设置自助机管理员密码，自助机不会启动。请先运行：ipdesk kiosk set-pin",
                       "No kiosk admin PIN is set, so the kiosk will not start. Run `ipdesk kiosk set-pin` first.")
        log.info("kiosk refused to start: no admin PIN")  # stderr and the dialog say it to the person
        sys.stderr.write(f"ipdesk: {message}\n")
        if interactive:
            show_refusal(message, lang, refusal_seconds)
        return 2
    install_translators(app, lang)
    if updater is None and services.settings.auto_sync and services.settings.update_source:
        sync = services.sync
        updater = sync.sync  # check, download and apply (signed, resumable, one transaction)
    shell = KioskShell(services, tasks, lang, updater=updater, heartbeat=heartbeat)
    shell.setProperty("kioskFullScreen", True)
    shell.sig_exit_authorised.connect(lambda: app.exit(0))
    _connect_staff_window(app, shell, staff_window)
    shell.show_full_screen()
    return int(app.exec())


def _connect_staff_window(app: QApplication, shell: KioskShell, staff_window: Callable[[], object] | None) -> None:
    """The admin's choice of the staff window: `staff_window()` opens it; without one the program ends."""
    if staff_window is None:
        shell.sig_staff_window_chosen.connect(lambda: app.exit(0))
    else:
        shell.sig_staff_window_chosen.connect(staff_window)
