"""No right-click or press-and-hold menu anywhere in the kiosk (docs/kiosk.md: "No menus, no
right-click menus"): Qt's own menus are in English, too small to touch, and lead nowhere useful.
On a Windows touch screen press-and-hold is a right-click."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu, QScrollBar, QWidget

from tests.kiosk.tour import every_screen


class MenuCatcher(QObject):
    """Records every menu that is shown, and closes it at once (a scroll bar's menu runs its own
    event loop until closed)."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []
        self.target = ""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QMenu):
            actions = [a.text() for a in watched.actions() if a.text()]
            self.opened.append(f"{self.target}: {actions[:3]}")
            QTimer.singleShot(0, watched.close)
        return False


def _widget_name(widget: QWidget) -> str:
    parent = widget.parentWidget()
    owner = parent.parentWidget() if parent is not None else None  # a scroll bar's owner is two up
    return f"{type(widget).__name__} in {type(owner).__name__ if owner is not None else None}"


def test_no_widget_on_any_screen_opens_a_context_menu(qtbot, make_shell) -> None:  # type: ignore[no-untyped-def]
    """Every widget of the shell (scroll bars included, visible or not) gets a mouse and a keyboard
    context-menu request on every screen; none may open a menu (QA19a N3: the lists' scroll bars
    opened Qt's "Scroll here / Top / Bottom …")."""
    app = QApplication.instance()
    assert app is not None
    shell = make_shell()
    catcher = MenuCatcher()
    app.installEventFilter(catcher)
    scroll_bars = 0
    try:
        for screen in every_screen(qtbot, shell):
            widgets = [w for w in shell.findChildren(QWidget) if w.window() is shell]
            scroll_bars += sum(1 for w in widgets if isinstance(w, QScrollBar) and w.isVisible())
            for widget in widgets:
                catcher.target = f"{screen}: {_widget_name(widget)}"
                centre = widget.rect().center()
                for reason in (QContextMenuEvent.Reason.Mouse, QContextMenuEvent.Reason.Keyboard):
                    app.sendEvent(widget, QContextMenuEvent(reason, centre, widget.mapToGlobal(centre)))
            app.processEvents()
            for menu in app.topLevelWidgets():  # a menu shown without its own event loop
                if isinstance(menu, QMenu) and menu.isVisible():
                    catcher.opened.append(f"{screen}: left open: {[a.text() for a in menu.actions()][:3]}")
                    menu.close()
    finally:
        app.removeEventFilter(catcher)
    assert scroll_bars >= 5  # the lists' scroll bars were there to be pressed
    assert catcher.opened == []


def test_the_scroll_bars_of_flickable_views_have_no_menu(qtbot, make_shell) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell()
    bars = shell.findChildren(QScrollBar)
    assert bars
    for bar in bars:
        assert bar.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu, _widget_name(bar)
