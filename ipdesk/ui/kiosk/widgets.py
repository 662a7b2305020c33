"""Touch building blocks shared by every kiosk screen: the style sheet, big buttons with icons,
flick-scrolling lists, and the screen base class with its back/home bar.

Sizes follow the kiosk brief: every control at least `TOUCH_MIN` px both ways, body text at least
20 pt, dark text on white or white text on dark colours (contrast well above 7:1).
"""

from __future__ import annotations

from typing import Protocol

import qtawesome as qta
from PySide6.QtCore import (
    QCoreApplication,
    QDynamicPropertyChangeEvent,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QClipboard, QFont, QFontMetrics, QGuiApplication, QIcon, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScroller,
    QScrollerProperties,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from ipdesk.domain.i18n import Text
from ipdesk.ui.tasks import error_text

TOUCH_MIN = 64
# On a portrait screen (a 1080×1920 kiosk) the keyboard's rows are packed at this height, as tall as a
# key is wide there, and the room above them goes to the list: grown to fill the height, the rows stood
# ~45 px apart (QA round 21a). A shorter portrait screen packs them lower (`portrait_key_height`).
PACKED_KEY_HEIGHT = TOUCH_MIN + 32
BODY_PT = 22
TITLE_PT = 30
ICON_PX = 36
INK = "#111111"
PRIMARY = "#0b4f9c"
TILE_COLOURS = ("#0b4f9c", "#1b5e20", "#7a2e0e", "#4a148c", "#004d40")

KIOSK_QSS = f"""
QWidget#KioskShell, QWidget[kioskScreen="true"] {{ background: #ffffff; }}
QWidget {{ color: {INK}; font-size: {BODY_PT}pt; }}
QLabel[role="title"] {{ font-size: {TITLE_PT}pt; font-weight: bold; color: {INK}; }}
QLabel[role="hint"] {{ color: #333333; }}
QLabel[role="error"] {{ color: #b00020; font-weight: bold; }}
QLabel[role="ok"] {{ color: #1b5e20; font-weight: bold; }}
QPushButton {{ background: {PRIMARY}; color: #ffffff; border: 2px solid {PRIMARY}; border-radius: 10px;
  padding: 8px 18px; font-weight: bold; }}
QPushButton:pressed {{ background: #062c57; }}
QPushButton:disabled {{ background: #9e9e9e; border-color: #9e9e9e; color: #ffffff; }}
QPushButton[role="secondary"] {{ background: #ffffff; color: {PRIMARY}; }}
QPushButton[role="secondary"]:pressed {{ background: #dce8f7; }}
QPushButton[role="key"] {{ background: #eef2f7; color: {INK}; border: 2px solid #5f6b7a; border-radius: 8px;
  padding: 0px; font-weight: normal; }}
QPushButton[role="key"]:pressed {{ background: {PRIMARY}; color: #ffffff; }}
QPushButton QLabel[role="buttonText"] {{ color: #ffffff; font-weight: bold; background: transparent; }}
QPushButton[role="secondary"] QLabel[role="buttonText"] {{ color: {PRIMARY}; }}
QPushButton[role="tile"] {{ border-radius: 18px; padding: 18px; }}
QPushButton[role="tile"] QLabel {{ color: #ffffff; background: transparent; }}
QLabel[role="tileTitle"] {{ font-size: {TITLE_PT}pt; font-weight: bold; }}
QLineEdit {{ border: 3px solid {PRIMARY}; border-radius: 8px; padding: 6px 12px; min-height: {TOUCH_MIN}px;
  background: #ffffff; font-size: 26pt; }}
QListWidget, QTextBrowser {{ border: 2px solid #5f6b7a; border-radius: 8px; background: #ffffff; }}
QListWidget::item {{ border-bottom: 1px solid #c5cbd3; padding: 8px; color: {INK}; }}
QListWidget::item:selected {{ background: #dce8f7; color: {INK}; }}
QListWidget[grid="true"]::item {{ border: 2px solid #5f6b7a; border-radius: 10px; background: #eef2f7;
  padding: 2px 3px; }}
QScrollBar:vertical {{ width: {TOUCH_MIN}px; background: #eef2f7; margin: 0px; }}
QScrollBar::handle:vertical {{ background: #5f6b7a; min-height: {TOUCH_MIN}px; border-radius: 8px; margin: 6px; }}
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0px; }}
QScrollBar:horizontal {{ height: {TOUCH_MIN}px; background: #eef2f7; }}
QScrollBar::handle:horizontal {{ background: #5f6b7a; min-width: {TOUCH_MIN}px; border-radius: 8px; margin: 6px; }}
QScrollBar::add-line:horizontal, QScrollBar::sub-line:horizontal {{ width: 0px; }}
"""


def icon(name: str, color: str = "#ffffff"):  # type: ignore[no-untyped-def]
    return qta.icon(name, color=color)


def big_button(text: str, icon_name: str, parent: QWidget | None = None, *, role: str = "",
               icon_color: str | None = None) -> QPushButton:
    """A touch button: icon beside the words, never smaller than TOUCH_MIN."""
    button = QPushButton(text, parent)
    if role:
        button.setProperty("role", role)
    colour = icon_color or (PRIMARY if role == "secondary" else "#ffffff")
    button.setIcon(icon(icon_name, colour))
    button.setIconSize(QSize(ICON_PX, ICON_PX))
    button.setMinimumSize(TOUCH_MIN, TOUCH_MIN)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    button.setAutoDefault(False)
    return button


class WrapButton(QPushButton):
    """A big touch button whose words wrap onto a second line instead of being cut at both ends (a
    QPushButton draws one line): its icon and a word-wrapping label are drawn inside it. `text()` and
    `setText()` are the label's; the words are its accessible name too."""

    def __init__(self, text: str, icon_name: str, parent: QWidget | None = None, *, role: str = "",
                 icon_color: str | None = None) -> None:
        super().__init__(parent)
        if role:
            self.setProperty("role", role)
        self.setMinimumSize(TOUCH_MIN, TOUCH_MIN)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAutoDefault(False)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.picture = QLabel(self)
        self.picture.setFixedSize(ICON_PX, ICON_PX)
        self.label = QLabel(text, self)
        self.label.setProperty("role", "buttonText")
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for part in (self.picture, self.label):
            part.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        row = QHBoxLayout(self)
        row.setContentsMargins(20, 10, 20, 10)  # the style sheet's border and padding
        row.setSpacing(12)
        row.addWidget(self.picture)
        row.addWidget(self.label, 1)
        self.setAccessibleName(text)
        self.setIcon(icon(icon_name, icon_color or (PRIMARY if role == "secondary" else "#ffffff")))

    def text(self) -> str:
        return self.label.text()

    def setText(self, text: str) -> None:
        self.label.setText(text)
        self.setAccessibleName(text)
        self.updateGeometry()

    def setIcon(self, new_icon: QIcon) -> None:  # type: ignore[override]
        self.picture.setPixmap(new_icon.pixmap(QSize(ICON_PX, ICON_PX)))

    def sizeHint(self) -> QSize:
        layout = self.layout()
        return layout.totalSizeHint() if layout is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        layout = self.layout()
        least = layout.totalMinimumSize() if layout is not None else super().minimumSizeHint()
        return least.expandedTo(QSize(TOUCH_MIN, TOUCH_MIN))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        height = layout.totalHeightForWidth(width) if layout is not None else -1
        return max(height, self.minimumHeight())

    def event(self, e: QEvent) -> bool:
        # the label's colour follows the button's role (chosen: white on blue; not: blue on white)
        if (e.type() == QEvent.Type.DynamicPropertyChange and isinstance(e, QDynamicPropertyChangeEvent)
                and e.propertyName().data() == b"role" and hasattr(self, "label")):
            restyle(self.label)
        return super().event(e)


def make_flickable(view: QAbstractScrollArea) -> None:
    """Flick scrolling with a finger (and with a mouse-emulating touch screen), no overshoot bounce.
    No context menu on the view nor on its scroll bars: a scroll bar's own menu ("Scroll here", "Top",
    …) is in English, too small to touch, and opens on a press-and-hold on a Windows touch screen."""
    for part in (view, view.verticalScrollBar(), view.horizontalScrollBar()):
        part.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    if isinstance(view, QAbstractItemView):
        view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    QScroller.grabGesture(view.viewport(), QScroller.ScrollerGestureType.TouchGesture)
    scroller = QScroller.scroller(view.viewport())
    props = scroller.scrollerProperties()
    off = QScrollerProperties.OvershootPolicy.OvershootAlwaysOff
    props.setScrollMetric(QScrollerProperties.ScrollMetric.VerticalOvershootPolicy, off)
    props.setScrollMetric(QScrollerProperties.ScrollMetric.HorizontalOvershootPolicy, off)
    scroller.setScrollerProperties(props)


ROW_SEPARATOR = " · "  # between a row's parts: a GI's kind and its category, or where it is protected
_LINE_BREAK = "\u2028"  # an item's "\n" as the item delegate hands it to the style


class WrappedRows(QStyledItemDelegate):
    """Rows as tall as their words need at the list's width, never lower than the row's own height:
    in a narrow list (the finder's results beside the keyboard on a portrait screen) a GI's kind and
    category are not cut ("GI certification …"; the kiosk has no tooltips to show the rest). A line
    too long for the width is first split at its " · " (the kind, then the category, each on a line
    of its own, not 粮 / 油 apart), and what is still too long wraps."""

    def _text_box(self, option: QStyleOptionViewItem) -> tuple[int, int]:
        """The width a line of words has in a row of this list, and the row's height around its words."""
        view = self.parent()
        if not isinstance(view, QAbstractItemView):
            return 0, 0
        probe = QStyleOptionViewItem(option)
        probe.rect = QRect(0, 0, view.viewport().width(), max(option.rect.height(), 1))
        style = view.style()
        text = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, probe, view)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1  # as the style draws it
        return text.width() - 2 * margin, probe.rect.height() - text.height()

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        if ROW_SEPARATOR not in option.text:
            return
        width, _chrome = self._text_box(option)
        metrics = QFontMetrics(option.font)
        lines: list[str] = []
        for line in option.text.replace("\n", _LINE_BREAK).split(_LINE_BREAK):
            too_long = width > 0 and metrics.horizontalAdvance(line) > width
            lines.extend(line.split(ROW_SEPARATOR) if too_long else [line])
        option.text = _LINE_BREAK.join(lines)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        item = QStyleOptionViewItem(option)
        item.rect = QRect(0, 0, 0, max(size.height(), 1))
        self.initStyleOption(item, index)
        width, chrome = self._text_box(item)
        if width <= 0 or not item.text:
            return size
        words = QFontMetrics(item.font).boundingRect(QRect(0, 0, width, 100_000), Qt.TextFlag.TextWordWrap,
                                                     item.text.replace(_LINE_BREAK, "\n"))
        return QSize(size.width(), max(size.height(), words.height() + chrome))


def touch_list(parent: QWidget | None = None, *, row_height: int = 96, grid: QSize | None = None) -> QListWidget:
    """A list of big rows (or a grid of big tiles when `grid` is given) that scrolls by flicking.
    Rows grow to show all their words at the list's width (`WrappedRows`)."""
    view = QListWidget(parent)
    view.setProperty("rowHeight", row_height)
    view.setUniformItemSizes(grid is not None)  # a list's rows are as tall as their words need
    view.setWordWrap(True)
    view.setIconSize(QSize(ICON_PX, ICON_PX))
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    if grid is not None:
        view.setProperty("grid", True)
        view.setViewMode(QListWidget.ViewMode.IconMode)
        view.setFlow(QListWidget.Flow.LeftToRight)
        view.setWrapping(True)
        view.setResizeMode(QListWidget.ResizeMode.Adjust)
        view.setMovement(QListWidget.Movement.Static)
        view.setGridSize(grid)
        view.setSpacing(6)
    else:
        view.setItemDelegate(WrappedRows(view))
        view.setResizeMode(QListWidget.ResizeMode.Adjust)  # the rows' heights again at a new width
    make_flickable(view)
    return view


def forget_text(field: QLineEdit) -> None:
    """Empty a field for the next visitor, undo history included: `QLineEdit.clear()` is an edit
    that Ctrl+Z takes back (a USB keyboard would bring back the last visitor's words); `setText`
    starts a new history."""
    field.setText("")
    field.setModified(False)


def forget_clipboard() -> None:
    """Empty the clipboard, and the X11 selection a drag over a field fills (a middle-click pastes
    it): with a USB keyboard the next visitor's Ctrl+V would bring back the last visitor's words.
    Everything on it goes, not only what the kiosk put there: nothing else runs on a kiosk."""
    clipboard = QGuiApplication.clipboard()
    if clipboard is None:
        return
    clipboard.clear(QClipboard.Mode.Clipboard)
    if clipboard.supportsSelection():
        clipboard.clear(QClipboard.Mode.Selection)
    if clipboard.supportsFindBuffer():  # macOS
        clipboard.clear(QClipboard.Mode.FindBuffer)


def scroll_to_top(root: QWidget) -> None:
    """Every scrolling list, text and page in `root` back to its start, a flick still running stopped:
    the next visitor sees a list from its first row, not where the last one left it."""
    areas = root.findChildren(QAbstractScrollArea)
    if isinstance(root, QAbstractScrollArea):
        areas.append(root)
    for area in areas:
        if QScroller.hasScroller(area.viewport()):
            QScroller.scroller(area.viewport()).stop()
        for bar in (area.verticalScrollBar(), area.horizontalScrollBar()):
            bar.setValue(bar.minimum())


def title_label(parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent)
    label.setProperty("role", "title")
    label.setWordWrap(True)
    return label


class TurnsWithScreen(QObject):
    """Keeps `row` (keyboard first, then its list) side by side on a landscape screen and, on a
    portrait one (a 1080×1920 kiosk), the list above the keyboard across the whole width: beside the
    keyboard the list had a quarter of 1080 px, its hint was cut off and the keys were narrow."""

    def __init__(self, owner: QWidget, row: QBoxLayout, keyboard: Packable | None = None) -> None:
        super().__init__(owner)
        self._row = row
        self._keyboard = keyboard
        owner.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            portrait = watched.height() > watched.width()
            direction = QBoxLayout.Direction.BottomToTop if portrait else QBoxLayout.Direction.LeftToRight
            if self._row.direction() != direction:
                self._row.setDirection(direction)
            if self._keyboard is not None:  # portrait: key rows packed, the room above them to the list
                self._keyboard.set_packed(portrait_key_height(watched.window().height()) if portrait else 0)
        return False


class Packable(Protocol):
    """The on-screen keyboard, as TurnsWithScreen sees it (keyboard.py imports this module)."""

    def set_packed(self, height: int) -> None: ...


def portrait_key_height(screen_height: int) -> int:
    """A packed key's height on a portrait screen `screen_height` px tall: PACKED_KEY_HEIGHT (96 px)
    on a 1920 px kiosk, less on a shorter one, never under TOUCH_MIN."""
    return max(TOUCH_MIN, min(PACKED_KEY_HEIGHT, screen_height // 20))


def role_label(role: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent)
    label.setProperty("role", role)
    label.setWordWrap(True)
    return label


def restyle(widget: QWidget) -> None:
    """Re-apply the style sheet after a dynamic property (role) changed."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def bold(font: QFont) -> QFont:
    font.setBold(True)
    return font


class KioskScreen(QWidget):
    """A full-window kiosk screen with a bar of big Back and Home buttons and a title.

    Screens never navigate themselves; they ask the shell through signals. `reset()` clears every
    input a visitor made (the idle timeout calls it), `retranslate()` re-reads every visible word.
    """

    sig_back_requested = Signal()
    sig_home_requested = Signal()

    def __init__(self, parent: QWidget | None = None, *, lang: str = "zh_CN") -> None:
        super().__init__(parent)
        self.lang = lang
        self.setProperty("kioskScreen", True)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 12, 20, 12)
        outer.setSpacing(10)
        bar = QHBoxLayout()
        bar.setSpacing(16)
        self.back_button = big_button("", "fa5s.arrow-left", self, role="secondary")
        self.back_button.clicked.connect(self.sig_back_requested)
        self.home_button = big_button("", "fa5s.home", self, role="secondary")
        self.home_button.clicked.connect(self.sig_home_requested)
        self.title = title_label(self)
        self.title.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(self.back_button)
        bar.addWidget(self.title, 1)
        bar.addWidget(self.home_button)
        outer.addLayout(bar)
        self.body = QVBoxLayout()
        self.body.setSpacing(12)
        outer.addLayout(self.body, 1)

    def retranslate(self) -> None:
        # An explicit context: self.tr() in a base class would look up the subclass's context.
        self.back_button.setText(QCoreApplication.translate("KioskScreen", "返回"))
        self.home_button.setText(QCoreApplication.translate("KioskScreen", "首页"))

    def hide_home(self) -> None:
        """No 首页 on this screen (the admin PIN pad, the out-of-service service screen): 返回 is the way
        out there, and a second button beside it only competes with it. Its room is kept, so the title
        stays where every other screen has it."""
        policy = self.home_button.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.home_button.setSizePolicy(policy)
        self.home_button.hide()

    def abandon(self) -> None:
        """The visitor left this screen (Back out of it, Home): work still on its way is dropped."""

    def reset(self) -> None:
        """Forget everything the last visitor entered."""


def is_escape_or_alt_f4(event: QEvent) -> bool:
    """A key press (or shortcut override) of Escape or Alt+F4: what a kiosk window swallows before any
    child sees it (the window manager's Alt+F4 arrives as a close event, refused separately)."""
    if event.type() not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) or not isinstance(event, QKeyEvent):
        return False
    key = event.key()
    return key == Qt.Key.Key_Escape or bool(key == Qt.Key.Key_F4 and event.modifiers() & Qt.KeyboardModifier.AltModifier)


_VISITOR_UNEXPECTED = Text("暂时查不到，请稍后再试，或请工作人员帮忙。",
                           "This could not be looked up just now. Try again later, or ask a member of staff.")


def visitor_error_text(error: BaseException, lang: str) -> str:
    """`tasks.error_text` in a visitor's words: no log to point to, a member of staff to ask."""
    return error_text(error, lang, doing="on the kiosk", unexpected=_VISITOR_UNEXPECTED)
