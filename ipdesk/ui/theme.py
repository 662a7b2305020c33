"""App-wide look: a CJK font that exists on this machine, the font-size steps, high contrast,
and a visible keyboard focus."""

from __future__ import annotations

import logging

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication

log = logging.getLogger("ipdesk.ui.theme")

# Point sizes of the settings' font steps (normal … largest).
FONT_POINTS = {"normal": 10, "large": 12, "larger": 14, "largest": 17}
CJK_FAMILIES = (
    "Microsoft YaHei UI", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei",
    "PingFang SC", "SimHei", "Noto Sans SC",
)

_FOCUS_QSS = """
QLineEdit:focus, QComboBox:focus, QSpinBox:focus, QAbstractItemView:focus, QTextBrowser:focus,
QPlainTextEdit:focus { border: 2px solid %(focus)s; }
QPushButton:focus, QToolButton:focus { border: 2px solid %(focus)s; border-radius: 3px; padding: 3px 10px; }
QCheckBox:focus, QRadioButton:focus, QTabBar::tab:focus { border: 2px solid %(focus)s; }
"""

_HIGH_CONTRAST_QSS = """
QWidget { background: #000000; color: #ffffff; }
QLineEdit, QComboBox, QSpinBox, QAbstractItemView, QTextBrowser { background: #000000; color: #ffffff;
  border: 1px solid #ffffff; }
QPushButton { background: #000000; color: #ffff00; border: 1px solid #ffff00; padding: 3px 10px; }
QAbstractItemView::item:selected { background: #ffff00; color: #000000; }
QHeaderView::section { background: #000000; color: #ffffff; border: 1px solid #ffffff; }
QLabel[role="heading"] { color: #ffff00; }
a { color: #00ffff; }
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


def apply_theme(app: QApplication, font_size: str = "normal", high_contrast: bool = False) -> None:
    family = cjk_family()
    font = QFont(family)
    font.setFamilies([family, *[f for f in CJK_FAMILIES if f != family]])
    font.setPointSize(FONT_POINTS.get(font_size, FONT_POINTS["normal"]))
    app.setFont(font)
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
        app.setPalette(palette)
        app.setStyleSheet(_HIGH_CONTRAST_QSS + _FOCUS_QSS % {"focus": "#00ffff"})
    else:
        app.setPalette(app.style().standardPalette())
        app.setStyleSheet(_FOCUS_QSS % {"focus": "#1565c0"})


def highlight_color(high_contrast: bool) -> str:
    return "#ffff00" if high_contrast else "#c62828"
