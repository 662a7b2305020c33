"""The main window: a shell with a navigation rail, the pages, a detail page and the status bar.

Each feature is its own widget module; pages are built on first use (`pages.build_page`).
A language change rebuilds the pages so every string is translated again; each page hands what
the user was doing to its rebuilt self (`pages.KeepsState`).
"""

from __future__ import annotations

import logging
from typing import Any

import qtawesome as qta
from PySide6.QtCore import QByteArray, QRect, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ipdesk import __version__
from ipdesk.domain.basket import ReportBasket
from ipdesk.services.container import Services
from ipdesk.services.search import SearchResult
from ipdesk.ui.about import AboutDialog
from ipdesk.ui.activity import UserActivity
from ipdesk.ui.detail_views import RECORD_KINDS, DetailPage, DetailView, load_detail
from ipdesk.ui.i18n import install_translators
from ipdesk.ui.keys import install_enter_presses_buttons
from ipdesk.ui.pages import PAGE_KEYS, PAGES, KeepsState, build_page
from ipdesk.ui.plain_text import plain_labels
from ipdesk.ui.status_bar import StatusBar
from ipdesk.ui.sync_monitor import SyncMonitor
from ipdesk.ui.tasks import TaskRunner, error_text
from ipdesk.ui.theme import apply_theme, nav_icon_colours
from ipdesk.ui.user_guide import UserGuideDialog

log = logging.getLogger("ipdesk.ui")

QUIET_BEFORE_APPLY_S = 120  # no input for this long (or the window minimised): an update may be applied
DEFAULT_SIZE = QSize(1180, 760)  # the first start's window, where the screen has room for it
FRAME_ROOM = QSize(16, 40)  # the window frame and title bar, outside the size given to resize()


def first_start_size(available: QRect) -> QSize:
    """The window's size at a first start (no saved geometry): DEFAULT_SIZE, made smaller where the
    screen's free area (without the taskbar) is smaller, frame and title bar included: a 1366×768
    laptop at 125 % scaling has 1093×614 logical pixels, and a window taller than that hid the status
    bar and the wizards' buttons under the taskbar."""
    return QSize(max(1, min(DEFAULT_SIZE.width(), available.width() - FRAME_ROOM.width())),
                 max(1, min(DEFAULT_SIZE.height(), available.height() - FRAME_ROOM.height())))


def first_start_geometry(available: QRect) -> QRect:
    """The window's client area at a first start: first_start_size, centred in the free area with
    its frame and title bar (FRAME_ROOM split evenly, the title bar above), so none of it is under the
    taskbar or off the screen."""
    size = first_start_size(available)
    left = available.x() + (available.width() - size.width()) // 2
    top = available.y() + (available.height() - size.height() - FRAME_ROOM.height()) // 2 + FRAME_ROOM.height() - 8
    return QRect(left, top, size.width(), size.height())


def focus_first_control(page: QWidget) -> None:
    """Keyboard focus to the page's own choice (its focus proxy), else to its first control that Tab
    reaches, so that typing or Space acts at once after Ctrl+1…8."""
    if page.focusProxy() is not None:
        page.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return
    widget: QWidget | None = page.nextInFocusChain()
    while widget is not None and widget is not page:  # a ring through the whole window, in Tab order
        if (page.isAncestorOf(widget) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
                and widget.isVisibleTo(page) and widget.isEnabled()):
            widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return
        widget = widget.nextInFocusChain()
    page.setFocus()


class MainWindow(QMainWindow):
    def __init__(
        self,
        services: Services,
        tasks: TaskRunner,
        lang: str = "zh_CN",
        basket: ReportBasket | None = None,
        *,
        probe_network: bool = True,
    ) -> None:
        super().__init__()
        self.services = services
        self.tasks = tasks
        self.lang = lang
        self.basket = basket if basket is not None else ReportBasket()
        self._probe_network = probe_network
        self._pages: dict[str, QWidget] = {}
        self._frames: dict[str, QScrollArea] = {}  # each page scrolls inside the window if it must
        self._history: list[QWidget] = []
        self._record_history: list[tuple[str, int]] = []  # records opened from a detail view (Back)
        self._current_record: tuple[str, int] | None = None
        self._current_key = "search"
        self._about: AboutDialog | None = None
        self._guide: UserGuideDialog | None = None  # kept once built: hidden when closed
        self.setObjectName("MainWindow")
        self.setWindowIcon(qta.icon("fa5s.seedling", color="#2e7d32"))
        screen = self.screen()
        if screen is not None:
            self.setGeometry(first_start_geometry(screen.availableGeometry()))
        else:
            self.resize(DEFAULT_SIZE)
        geometry = QSettings("ipdesk", "ipdesk").value("main_window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        self.activity = UserActivity(self)
        app = QApplication.instance()
        if app is not None:
            install_enter_presses_buttons(app)  # Enter presses a focused button, as Space does
        self.restore_notice: QMessageBox | None = None
        self._build()
        QTimer.singleShot(0, self._tell_unfinished_restore)

    def _tell_unfinished_restore(self) -> None:
        """A restore of a backup was cut short (killed, a power cut): said once, at the start (the
        work folder it left is removed by the start's warm-up, off this thread)."""
        from ipdesk.services.restore_state import unfinished_restore

        notice = unfinished_restore(self.services.data_dir)
        if notice is None:
            return
        log.warning("the last restore did not finish: %s", notice.en)
        box = QMessageBox(QMessageBox.Icon.Warning, "ipdesk", notice(self.lang), QMessageBox.StandardButton.Ok, self)
        box.setObjectName("unfinished_restore")
        self.restore_notice = box
        box.open()  # window-modal, does not block the event loop

    # --- building -----------------------------------------------------------------------------

    def _build(self) -> None:
        self.setWindowTitle(self.tr("ipdesk 知识产权信息台") + f" {__version__}")
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 4)
        self.nav = QListWidget(central)
        self.nav.setAccessibleName(self.tr("导航"))
        self.nav.setIconSize(QSize(22, 22))
        self.nav.setSpacing(2)
        for entry in PAGES:
            item = QListWidgetItem(qta.icon(entry.icon, **nav_icon_colours(self.services.settings.high_contrast)),
                                   entry.title())
            item.setData(Qt.ItemDataRole.UserRole, entry.key)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, entry.title())
            self.nav.addItem(item)
        # About and help (F1), under the rail: the version, the data and logs folders, how to ask for help
        icon = qta.icon("fa5s.question-circle", **nav_icon_colours(self.services.settings.high_contrast))
        self.about_button = QPushButton(icon, self.tr("关于与帮助"), central)
        self.about_button.setObjectName("about_button")
        self.about_button.setToolTip(self.tr("版本、数据文件夹、日志和求助方法（F1）"))
        # the staff's user guide (Shift+F1), above it
        guide_icon = qta.icon("fa5s.book", **nav_icon_colours(self.services.settings.high_contrast))
        self.guide_button = QPushButton(guide_icon, self.tr("使用手册"), central)
        self.guide_button.setObjectName("guide_button")
        self.guide_button.setToolTip(self.tr("怎样使用 ipdesk：查找、三个向导、报告、备份和数据更新（Shift+F1）"))
        rail_width = max(150, self.nav.sizeHintForColumn(0) + 24, self.about_button.sizeHint().width(),
                         self.guide_button.sizeHint().width())
        self.nav.setFixedWidth(rail_width)
        self.about_button.setFixedWidth(rail_width)
        self.guide_button.setFixedWidth(rail_width)
        rail = QVBoxLayout()
        rail.setContentsMargins(0, 0, 0, 0)
        rail.addWidget(self.nav, 1)
        self.guide_button.clicked.connect(self.show_guide)
        rail.addWidget(self.guide_button)
        self.about_button.clicked.connect(self.show_about)
        rail.addWidget(self.about_button)
        layout.addLayout(rail)
        self.stack = QStackedWidget(central)
        layout.addWidget(self.stack, 1)
        self.detail_page = DetailPage(self.stack)
        self.detail_page.sig_back.connect(self.go_back)
        self.stack.addWidget(self.detail_page)
        self.setCentralWidget(central)
        self.status = StatusBar(self.services, self.tasks, self, probe=self._probe_network)
        self.setStatusBar(self.status)
        plain_labels(self)  # the rail and the status bar: data set names and messages as written
        # Updates arrive in the background whenever the source is reachable (no-op without a source)
        # and are applied after a quiet spell: an apply keeps both cores busy for a minute or two.
        self.sync_monitor = SyncMonitor(self.services, self.tasks, self, lang=self.lang, is_idle=self.is_idle)
        self.sync_monitor.sig_status_changed.connect(
            lambda text: self.status.set_sync_message(text, self.sync_monitor.status_detail))
        self.sync_monitor.sig_applied.connect(self.status.refresh_datasets)
        self.sync_monitor.sig_held.connect(self._show_held)
        if self._probe_network:
            self.sync_monitor.start()
        self.nav.currentRowChanged.connect(self._on_nav_row_changed)
        self.nav.itemClicked.connect(lambda item: self.show_page(str(item.data(Qt.ItemDataRole.UserRole))))
        self._shortcuts = []
        for i, key in enumerate(PAGE_KEYS):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{i + 1}"), self)
            shortcut.activated.connect(lambda k=key: self.show_page(k))
            self._shortcuts.append(shortcut)
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.activated.connect(lambda: self.show_page("search"))
        self._shortcuts.append(find)
        about = QShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents), self)  # F1
        about.activated.connect(self.show_about)
        self._shortcuts.append(about)
        guide = QShortcut(QKeySequence("Shift+F1"), self)
        guide.activated.connect(self.show_guide)
        self._shortcuts.append(guide)
        QWidget.setTabOrder(self.nav, self.stack)
        self.show_page(self._current_key)

    def _rebuild(self) -> None:
        """Drop every page and build the window's contents again (after a language change)."""
        old_central = self.centralWidget()
        if self._about is not None:  # it would stay in the old language
            self._about.close()
        if self._guide is not None:  # the guide of the new language, at the same section
            self._guide.set_language(self.lang)
        for shortcut in self._shortcuts:
            shortcut.setEnabled(False)
            shortcut.deleteLater()
        self._pages.clear()
        self._frames.clear()
        self._history.clear()
        self._record_history.clear()
        self._current_record = None
        old_status = self.status
        # The rebuilt window starts a monitor of its own; the old one's timers stop (a job it has
        # running finishes and reports to nobody).
        self.sync_monitor.stop()
        held = self.sync_monitor.held
        self._build()
        self.sync_monitor.held = held  # the new monitor keeps the version held back
        if held is not None:
            self._show_held(held)
        old_status.deleteLater()
        if old_central is not None:
            old_central.deleteLater()

    def page(self, key: str) -> QWidget:
        """The page for `key`, built on first use."""
        if key not in self._pages:
            entry = next(e for e in PAGES if e.key == key)
            page = build_page(entry, self.services, self.tasks, self.basket, self.lang, self.stack)
            page.setObjectName(f"page_{key}")
            plain_labels(page)  # record text, names and file names are never taken for HTML
            self._connect_page(page)
            frame = QScrollArea(self.stack)
            frame.setWidgetResizable(True)
            frame.setFrameShape(QScrollArea.Shape.NoFrame)
            frame.setWidget(page)
            frame.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes through the page, not the frame
            self._pages[key] = page
            self._frames[key] = frame
            self.stack.addWidget(frame)
            if self.sync_monitor.held is not None:
                self._show_held(self.sync_monitor.held)
        return self._pages[key]

    def current_page(self) -> QWidget | None:
        """The page (or the detail page) on show."""
        current = self.stack.currentWidget()
        return current.widget() if isinstance(current, QScrollArea) else current

    def _connect_page(self, page: QWidget) -> None:
        for name, slot in (("sig_open_record", self.open_record), ("sig_show_place", self.show_place),
                           ("sig_settings_saved", self._on_settings_saved),
                           ("sig_data_changed", self._on_data_changed),
                           ("sig_sync_message", self._on_sync_message),
                           ("sig_local_records_restored", self._on_local_records_restored)):
            signal = getattr(page, name, None)
            if signal is not None and hasattr(signal, "connect"):
                signal.connect(slot)

    def _show_held(self, held: Any) -> None:
        """The automatic update held a version back (or no longer does): the Data & sync panel, if
        built, shows it (the status bar sends staff there)."""
        panel = getattr(self._pages.get("data"), "sync_panel", None)
        if panel is not None:
            panel.show_held(held)

    def _on_data_changed(self) -> None:
        """An update applied or an import merged on the Data page: the status bar's versions follow."""
        self.status.refresh_datasets()

    def _on_local_records_restored(self) -> None:
        """A backup was restored on the Data page: the Reports page, if built, shows the restored
        service record at once (it reads it again whenever it is shown, too)."""
        reports = self._pages.get("reports")
        refresh = getattr(reports, "refresh_records", None)
        if callable(refresh):
            refresh()

    def _on_sync_message(self, text: str) -> None:
        """An update run on the Data page ended: the status bar says so (replacing, for one, "moved to
        Data & sync" that the automatic update left when it gave way)."""
        self.status.set_sync_message(text)

    def is_idle(self) -> bool:
        """Whether a downloaded update may be applied now ("Update now" on the Data page applies at once)."""
        return self.isMinimized() or self.activity.seconds_idle() >= QUIET_BEFORE_APPLY_S

    # --- navigation ---------------------------------------------------------------------------

    def show_page(self, key: str) -> QWidget:
        if key not in PAGE_KEYS:
            raise KeyError(f"unknown page {key!r}")
        page = self.page(key)
        self._current_key = key
        row = PAGE_KEYS.index(key)
        if self.nav.currentRow() != row:
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(row)
            self.nav.blockSignals(False)
        self._switch_to(self._frames[key])
        focus_first_control(page)
        return page

    def _switch_to(self, widget: QWidget) -> None:
        current = self.stack.currentWidget()
        if current is not None and current is not widget:
            self._history.append(current)
            del self._history[:-50]
        self.stack.setCurrentWidget(widget)

    def go_back(self) -> None:
        if self.stack.currentWidget() is self.detail_page and self._record_history:
            kind, ref_id = self._record_history.pop()
            self.open_record(kind, ref_id, _from_history=True)
            return
        self._record_history.clear()
        self._current_record = None
        while self._history:
            previous = self._history.pop()
            if previous is self.detail_page or self.stack.indexOf(previous) >= 0:
                self.stack.setCurrentWidget(previous)
                key = next((k for k, f in self._frames.items() if f is previous), None)
                if key:
                    self.nav.blockSignals(True)
                    self.nav.setCurrentRow(PAGE_KEYS.index(key))
                    self.nav.blockSignals(False)
                return
        self.show_page("search")

    def _on_nav_row_changed(self, row: int) -> None:
        if not 0 <= row < len(PAGE_KEYS):
            return
        if PAGE_KEYS[row] != self._current_key or self.stack.currentWidget() is not self._frames.get(PAGE_KEYS[row]):
            self.show_page(PAGE_KEYS[row])

    def show_place(self, code: str) -> None:
        page = self.show_page("place")
        show = getattr(page, "show_place", None)
        if show is not None:
            show(code)

    def search_page(self) -> Any:
        return self.page("search")

    # --- records ------------------------------------------------------------------------------

    def open_record(self, kind: str, ref_id: int, *, _from_history: bool = False) -> None:
        """Open the detail view of one record (the wizards and reports call this too)."""
        if kind not in RECORD_KINDS:
            raise ValueError(f"unknown record kind {kind!r}")
        if self.stack.currentWidget() is self.detail_page:
            if self._current_record is not None and not _from_history:
                self._record_history.append(self._current_record)
        else:
            self._record_history.clear()
        self._current_record = (kind, int(ref_id))
        services = self.services
        self.detail_page.show_loading()
        self._switch_to(self.detail_page)

        def done(detail: Any) -> None:
            if detail is None:
                self.detail_page.show_missing()
                return
            view = DetailView(kind, detail, self.basket, self.lang, self.detail_page)
            view.sig_open_record.connect(self.open_record)
            view.sig_show_place.connect(self.show_place)
            self.detail_page.set_view(view)
            view.add_button.setFocus()

        def failed(error: BaseException) -> None:
            self.detail_page.show_error(error_text(error, self.lang, doing=f"opening {kind} {ref_id}"))

        self.tasks.run(lambda: load_detail(services, kind, ref_id), on_done=done, on_error=failed, key="detail",
                       wait_if_busy=True)

    def show_about(self) -> AboutDialog:
        """The About and help dialog (one at a time; shown again if open)."""
        dialog = self._about
        if dialog is None:
            dialog = AboutDialog(self.services, self.tasks, self.lang, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.destroyed.connect(self._on_about_closed)
            self._about = dialog
        dialog.show()
        dialog.activateWindow()  # to the front if it was open behind the window
        return dialog

    def _on_about_closed(self) -> None:
        self._about = None

    def show_guide(self) -> UserGuideDialog:
        """The user guide of the window's language (one window; shown again, where it was, if closed)."""
        if self._guide is None:
            self._guide = UserGuideDialog(self.lang, self.tasks, self)
        self._guide.show()
        self._guide.activateWindow()
        return self._guide

    def report_client(self) -> str:
        """The client typed on the Reports page, if it was opened (a wizard offers it when logging a visit)."""
        name = getattr(self._pages.get("reports"), "client_name", None)
        return str(name()) if callable(name) else ""

    @property
    def last_result(self) -> SearchResult | None:
        """The search page's last result (kept for `ipdesk selftest` and older callers)."""
        page = self._pages.get("search")
        return getattr(page, "last_result", None)

    def show_records_changed(self) -> None:
        """The service record changed behind the pages (the scheduled clean-up, retention_schedule):
        the Reports page, once built, lists it again."""
        refresh = getattr(self._pages.get("reports"), "refresh_records", None)
        if callable(refresh):
            refresh()

    def show_records_pruned(self, pruned: Any) -> None:
        """A scheduled clean-up finished (`RetentionSchedule.follow`): listed again if it removed entries."""
        if pruned.entries:
            self.show_records_changed()

    # --- settings and language ----------------------------------------------------------------

    def _on_settings_saved(self, new: Any, old: Any, run_lang: str = "") -> None:
        """Settings saved (on Settings, or the update source on "Data & sync"). `run_lang`: the language
        chosen on the Settings page; none chosen, the window keeps the one it runs in (which
        `--lang` may have set apart from the saved one)."""
        app = QApplication.instance()
        if isinstance(app, QApplication) and (new.font_size != old.font_size or new.high_contrast != old.high_contrast):
            apply_theme(app, new.font_size, new.high_contrast)
        lang = run_lang or self.lang
        if lang != self.lang or new.high_contrast != old.high_contrast:
            self.set_language(lang, keep_page="settings")
            show_saved = getattr(self._pages.get("settings"), "show_saved", None)
            if callable(show_saved):  # the rebuilt page says it, in the new language
                show_saved(engine_changed=new.engine_url != old.engine_url)
        elif new.update_source != old.update_source:
            self.status.probe()
        # one update source: saved on Settings it shows on "Data & sync", typed there it shows on Settings
        for page in list(self._pages.values()):
            show = getattr(page, "show_settings", None)
            if callable(show):
                show(new)

    def set_language(self, lang: str, *, keep_page: str | None = None) -> None:
        """Switch the UI language at run time: new translators, then every page rebuilt. What the
        user was doing on each page (a query, a wizard's answers and result, a staged import, a
        running update) is carried over to its rebuilt page and shown again in the new language."""
        app = QApplication.instance()
        if app is not None:
            install_translators(app, lang)
        self.lang = lang
        if keep_page:
            self._current_key = keep_page
        states = self._page_states()
        self._rebuild()
        for key, state in states.items():
            page = self.page(key)
            try:
                if isinstance(page, KeepsState):
                    page.restore_state(state)
            except Exception:
                log.exception("page %s could not take over its state after the language switch", key)

    def _page_states(self) -> dict[str, Any]:
        """Each built page's state, in the order the pages were built (see `pages.KeepsState`)."""
        states: dict[str, Any] = {}
        for key, page in self._pages.items():
            try:
                if isinstance(page, KeepsState):
                    states[key] = page.save_state()
            except Exception:
                log.exception("page %s could not save its state before the language switch", key)
        return states

    def closeEvent(self, event: QCloseEvent) -> None:
        QSettings("ipdesk", "ipdesk").setValue("main_window/geometry", self.saveGeometry())
        # A check or an update still running stops at its next step (SyncCancelledError), so the app
        # exits within `run_app`'s wait instead of leaving a worker reporting to deleted widgets.
        self.sync_monitor.shutdown()
        for page in list(self._pages.values()):
            cancel = getattr(page, "cancel_running", None)
            if callable(cancel):
                cancel()
        super().closeEvent(event)
