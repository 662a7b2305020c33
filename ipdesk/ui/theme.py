"""App-wide look: a CJK font that exists on this machine, the font-size steps, high contrast,
and a visible keyboard focus."""

from __future__ import annotations

import functools
import logging

from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontMetrics, QPalette
from PySide6.QtWidgets import QApplication

log = logging.getLogger("ipdesk.ui.theme")

# Point sizes of the settings' font steps (normal … largest).
FONT_POINTS = {"normal": 10, "large": 12, "larger": 14, "largest": 17}
CJK_FAMILIES = (
    "Microsoft YaHei UI", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei",
    "PingFang SC", "SimHei", "Noto Sans SC",
)

# Both themes: the keyboard focus frame, and error text in the theme's error colour.
# A push button or a check box has the same box in every state (focused or not, chosen or not,
# disabled): where a state draws a thicker border, its padding is thinner by as much. The focus frame
# had been a border and padding added on focus only, to a button sized without them, so the focused
# button drew its label about 20 px narrower than it was laid out ("Jpdate now", "己入服务台账(L").
_FOCUS_QSS = """
QLabel[role="error"] { color: %(error)s; }
QLineEdit:focus, QComboBox:focus, QSpinBox:focus, QAbstractItemView:focus, QTextBrowser:focus,
QPlainTextEdit:focus { border: 2px solid %(focus)s; }
QPushButton:focus { border: %(focus_width)dpx solid %(focus)s; padding: %(focus_padding)s; outline: none; }
QToolButton:focus { border: 2px solid %(focus)s; border-radius: 3px; padding: 3px 10px; }
QCheckBox, QRadioButton { border: 2px solid transparent; }
QPushButton::menu-indicator { image: url("%(arrow)s"); subcontrol-origin: padding;
  subcontrol-position: center right; width: %(arrow_size)dpx; height: %(arrow_size)dpx; }
QCheckBox:focus, QRadioButton:focus, QTabBar::tab:focus { border: 2px solid %(focus)s; }
"""

# The default theme's buttons: drawn by the style sheet in every state (not by the platform's style
# when unfocused and by the sheet when focused), a border of at least 3:1 on the window and the page.
_NORMAL_QSS = """
QPushButton { color: #000000; border: 1px solid #6e6e6e; border-radius: 3px; padding: 4px 8px;
  background: qlineargradient(x1: 0, y1: 0, x2: 0, y2: 1, stop: 0 #fdfdfd, stop: 1 #e4e4e4); }
QPushButton:hover { background: qlineargradient(x1: 0, y1: 0, x2: 0, y2: 1, stop: 0 #ffffff, stop: 1 #ecf2f9); }
QPushButton:checked { background: #cfe0f4; border: 1px solid #0d47a1; padding: 4px 8px; }
QPushButton:pressed { background: #b9d2ee; }
QPushButton:disabled { color: #8c8c8c; background: #f2f2f2; border: 1px solid #b4b4b4; padding: 4px 8px; }
"""

FOCUS = "#1565c0"  # the default theme's focus frame (5.0:1 on the window's grey)
# The default theme's colours that the platform's palette had below WCAG AA (Fusion: white on #308cc6
# 3.7:1 for the current navigation entry and selected rows; placeholders #7f7f7f 4.0:1; check boxes
# a #bcbcbc frame 1.7:1, 14 px at every font size). tests/ui/test_contrast.py measures them.
HIGHLIGHT = "#1a5a9e"  # selected rows and the current page in the rail: white on it 7.0:1
PLACEHOLDER = "#666666"  # 5.7:1 on a field's white
CHECK_BORDER = "#666666"  # a check box's frame: 5.0:1 on the window's grey (3:1 needed)
_NORMAL_INDICATOR_QSS = """
QCheckBox::indicator, QAbstractItemView::indicator { width: %(box)dpx; height: %(box)dpx; background: #ffffff;
  border: 2px solid %(border)s; border-radius: 2px; }
QCheckBox::indicator:checked, QAbstractItemView::indicator:checked { background: %(checked)s;
  border-color: %(checked)s; image: url("%(tick)s"); }
QCheckBox::indicator:disabled, QAbstractItemView::indicator:disabled { background: #f2f2f2; border-color: #b4b4b4; }
QCheckBox::indicator:checked:disabled, QAbstractItemView::indicator:checked:disabled { background: #9e9e9e;
  border-color: #9e9e9e; }
"""

# High contrast: yellow-on-black controls. Every state a person must tell apart is drawn differently,
# not only in a shade: a chosen (checked / selected) control is inverted (black on yellow) with a thick
# white frame; a disabled one is grey with a dashed frame; the keyboard focus is a thick cyan frame.
# A selected row's text is black on the yellow in every view, active window or not: the platform's
# focus rectangle (Fusion: a translucent wash over the current cell) had greyed it, so a view's current
# item is marked by a cyan frame around it instead (`outline: none`), and `selection-color` gives the
# views' palettes (which delegates painting their own text read) the same black.
HC_DISABLED = "#8c8c8c"
HC_FOCUS = "#00ffff"

# Text coloured by what it says (a wizard's verdict, an error): dark on the light theme's white, bright
# on high contrast's black; every one at least 4.5:1 against its background (tests/ui/test_high_contrast.py).
LEVEL_COLOURS = {"go": "#1b5e20", "caution": "#8a5a00", "stop": "#b00020", "info": "#0d47a1"}
HC_LEVEL_COLOURS = {"go": "#66ff66", "caution": "#ffcc00", "stop": "#ff7777", "info": "#66ccff"}
ERROR_COLOUR = LEVEL_COLOURS["stop"]
HC_ERROR = HC_LEVEL_COLOURS["stop"]
_HIGH_CONTRAST_QSS = """
QWidget { background: #000000; color: #ffffff; }
QWidget:disabled { color: %(disabled)s; }
QLineEdit, QComboBox, QSpinBox, QAbstractItemView, QTextBrowser { background: #000000; color: #ffffff;
  border: 1px solid #ffffff; selection-background-color: #ffff00; selection-color: #000000; }
QLineEdit:disabled, QComboBox:disabled, QSpinBox:disabled, QAbstractItemView:disabled {
  color: %(disabled)s; border: 1px dashed %(disabled)s; }
QPushButton { background: #000000; color: #ffff00; border: 1px solid #ffff00; padding: 3px 10px; }
QPushButton:checked, QPushButton:pressed { background: #ffff00; color: #000000; border: 3px solid #ffffff;
  padding: 1px 8px; font-weight: bold; }
QPushButton:disabled { background: #000000; color: %(disabled)s; border: 1px dashed %(disabled)s; padding: 3px 10px; }
QAbstractItemView { outline: none; }
QAbstractItemView::item { border: 2px solid transparent; }
QAbstractItemView::item:focus { border: 2px solid %(focus)s; }
QAbstractItemView::item:selected, QAbstractItemView::item:selected:!active,
QAbstractItemView::item:selected:focus, QAbstractItemView::item:selected:hover { background: #ffff00;
  color: #000000; }
QHeaderView::section { background: #000000; color: #ffffff; border: 1px solid #ffffff; }
QTabBar::tab { background: #000000; color: #ffffff; border: 1px solid #ffffff; padding: 6px 12px; }
QTabBar::tab:selected { background: #ffff00; color: #000000; font-weight: bold; }
QTabBar::tab:disabled { color: %(disabled)s; border: 1px dashed %(disabled)s; }
QLabel[role="heading"] { color: #ffff00; }
a { color: #00ffff; }
QCheckBox::indicator, QAbstractItemView::indicator { width: %(box)dpx; height: %(box)dpx; background: #000000;
  border: 2px solid #ffffff; }
QCheckBox::indicator:checked, QAbstractItemView::indicator:checked { background: #ffff00; image: url("%(tick)s"); }
QCheckBox::indicator:disabled, QAbstractItemView::indicator:disabled { border: 2px dashed %(disabled)s; }
"""
_HIGH_CONTRAST_FOCUS_QSS = """
QPushButton:checked:focus { border: 3px solid %(focus)s; padding: 1px 8px; }
QLineEdit:focus, QComboBox:focus, QSpinBox:focus, QAbstractItemView:focus, QTextBrowser:focus,
QPlainTextEdit:focus { border-width: 3px; }
"""


def cjk_family() -> str:
    """The first installed CJK family (Microsoft YaHei on Windows, Noto Sans CJK SC on Linux)."""
    installed = set(QFontDatabase.families())
    for family in CJK_FAMILIES:
        if family in installed:
            return family
    # A bare machine (a kiosk image, a fresh Windows without East-Asian fonts): use the font the
    # bundle carries for reports.
    from ipdesk.services.reports.fonts import report_font_path

    bundled = report_font_path()
    if bundled is not None:
        font_id = QFontDatabase.addApplicationFont(str(bundled))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if families:
            return str(families[0])
    log.warning("no CJK font found among %s: Chinese may show as boxes", ", ".join(CJK_FAMILIES))
    return QApplication.font().family()


@functools.cache
def rare_han_families() -> tuple[str, ...]:
    """Families that draw the rare ideographs of official place names (CJK Extensions B–H, e.g.
    𬮤山镇), to list after the CJK fonts: Qt takes each character from the first family that has it.
    The bundle's rare-ideograph font is registered here once when no installed font has its family
    (Windows, a bare kiosk image); fontconfig would find an installed one anyway, Windows would not."""
    from ipdesk.services.reports.fonts import RARE_HAN_FAMILIES, RARE_HAN_FAMILY, rare_han_font_path

    installed = set(QFontDatabase.families())
    if RARE_HAN_FAMILY not in installed:
        path = rare_han_font_path()
        font_id = QFontDatabase.addApplicationFont(str(path)) if path is not None else -1
        if font_id >= 0:
            installed.update(QFontDatabase.applicationFontFamilies(font_id))
        else:
            log.info("no font for rare ideographs (%s): some place names may show boxes", RARE_HAN_FAMILY)
    return tuple(f for f in RARE_HAN_FAMILIES if f in installed)


def app_font_families(primary: str) -> list[str]:
    """The window's font list: the CJK font found, the other CJK fonts, then the rare-ideograph ones."""
    return list(dict.fromkeys([primary, *CJK_FAMILIES, *rare_han_families()]))


def apply_theme(app: QApplication, font_size: str = "normal", high_contrast: bool = False) -> None:
    family = cjk_family()
    font = QFont(family)
    font.setFamilies(app_font_families(family))
    font.setPointSize(FONT_POINTS.get(font_size, FONT_POINTS["normal"]))
    app.setFont(font)
    box = check_box_size(font) - 4  # the style sheet's width is inside the 2 px frame
    if high_contrast:
        palette = QPalette()
        for role, color in (
            (QPalette.ColorRole.Window, "#000000"), (QPalette.ColorRole.WindowText, "#ffffff"),
            (QPalette.ColorRole.Base, "#000000"), (QPalette.ColorRole.AlternateBase, "#1a1a1a"),
            (QPalette.ColorRole.Text, "#ffffff"), (QPalette.ColorRole.Button, "#000000"),
            (QPalette.ColorRole.ButtonText, "#ffff00"), (QPalette.ColorRole.Highlight, "#ffff00"),
            (QPalette.ColorRole.HighlightedText, "#000000"), (QPalette.ColorRole.Link, "#00ffff"),
            (QPalette.ColorRole.ToolTipBase, "#000000"), (QPalette.ColorRole.ToolTipText, "#ffffff"),
            (QPalette.ColorRole.PlaceholderText, "#c0c0c0"),
        ):
            palette.setColor(role, QColor(color))
        for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
            palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(HC_DISABLED))
        app.setPalette(palette)
        colours = {"focus": HC_FOCUS, "focus_width": 3, "focus_padding": "1px 8px", "disabled": HC_DISABLED,
                   "error": HC_ERROR, "box": box, "tick": tick_image("black"),
                   "arrow": icon_image("menu-arrow-yellow"), "arrow_size": menu_arrow_size(font)}
        app.setStyleSheet(_HIGH_CONTRAST_QSS % colours + _FOCUS_QSS % colours + _HIGH_CONTRAST_FOCUS_QSS % colours)
    else:
        palette = app.style().standardPalette()
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(group, QPalette.ColorRole.Highlight, QColor(HIGHLIGHT))
            palette.setColor(group, QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
            palette.setColor(group, QPalette.ColorRole.PlaceholderText, QColor(PLACEHOLDER))
        app.setPalette(palette)
        indicator = {"box": box, "border": CHECK_BORDER, "checked": HIGHLIGHT, "tick": tick_image("white")}
        app.setStyleSheet(_NORMAL_QSS + _NORMAL_INDICATOR_QSS % indicator
                          + _FOCUS_QSS % {"focus": FOCUS, "focus_width": 2, "focus_padding": "3px 7px",
                                          "error": ERROR_COLOUR, "arrow": icon_image("menu-arrow-black"),
                                          "arrow_size": menu_arrow_size(font)})


def check_box_size(font: QFont) -> int:
    """A check box's side in px, frame included: it grows with the font (a 14 px box beside 17 pt text
    was hard to see and to hit), never below the platform's 14 px."""
    return max(14, round(QFontMetrics(font).horizontalAdvance("中") * 1.25))


def tick_image(colour: str) -> str:
    """The tick drawn in a ticked check box (resources/icons/check-<colour>.svg), as a style-sheet url."""
    return icon_image(f"check-{colour}")


def icon_image(name: str) -> str:
    """resources/icons/<name>.svg as a style-sheet url."""
    from ipdesk.services.resources import resource_path

    return resource_path("icons", f"{name}.svg").as_posix()


def menu_arrow_size(font: QFont) -> int:
    """The arrow of a button that opens a menu (下载空白模板…), in px: it grows with the font as the
    check boxes do; the platform's stayed 12 px, a speck beside the largest font's text (QA 19d R2)."""
    return max(12, round(QFontMetrics(font).horizontalAdvance("中") * 0.8))


def nav_icon_colours(high_contrast: bool) -> dict[str, str]:
    """qtawesome colours of the navigation icons: a selected entry is drawn on the selection colour, so its
    icon takes the selection's text colour (black on yellow in high contrast; it had vanished there)."""
    if high_contrast:
        return {"color": "#ffff00", "color_active": "#ffff00", "color_selected": "#000000"}
    return {"color": "#37474f", "color_selected": "#ffffff"}


def level_colour(level: str, high_contrast: bool) -> str:
    """The colour of a wizard answer's headline by its level (go | caution | stop | info)."""
    colours = HC_LEVEL_COLOURS if high_contrast else LEVEL_COLOURS
    return colours.get(level, colours["info"])


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of '#rrggbb'."""
    c = QColor(colour)

    def linear(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(c.redF()) + 0.7152 * linear(c.greenF()) + 0.0722 * linear(c.blueF())


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio (1 … 21): at least 4.5 for normal text, 3 for large text."""
    lighter, darker = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def highlight_color(high_contrast: bool) -> str:
    return "#ffff00" if high_contrast else "#c62828"
