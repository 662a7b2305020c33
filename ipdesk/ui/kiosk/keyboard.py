"""On-screen keyboard for a kiosk without a keyboard: pinyin letters, digits, a row of common
characters, space, backspace and clear.

Pinyin letters are enough for Chinese: the search service already reads `wcdm` and `wuchang` as
五常大米, so no input method is needed. The keyboard types into one target QLineEdit and never
takes the focus itself.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QSizePolicy, QWidget

from ipdesk.ui.kiosk.widgets import INK, TOUCH_MIN, big_button

DIGITS = "1234567890"
LETTER_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
# Characters that start or end many product names (tea, rice, fruit, liquor, pear, orange, jujube,
# ginseng, pepper, honey): a visitor who can read them may tap them instead of spelling pinyin.
COMMON_CHARACTERS = "茶米果酒梨橙枣参椒蜜"
MAX_KEY_HEIGHT = 112  # keys grow with the screen up to this
KEY_SPACING = 6  # between two keys, across and down
KEY_ROWS = 6  # digits, three of letters, common characters, clear and search


class OnScreenKeyboard(QWidget):
    """Types into `target`; `sig_text_changed` after every key, `sig_enter` for the search key."""

    sig_text_changed = Signal(str)
    sig_typed = Signal(str)  # what a key did: the text typed, "\b" for backspace, "" for clear
    sig_enter = Signal()

    def __init__(self, parent: QWidget | None = None, *, key_size: int = 76, enter_is_next: bool = False) -> None:
        super().__init__(parent)
        self._enter_is_next = enter_is_next
        self._target: QLineEdit | None = None
        self.keys: dict[str, QPushButton] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(KEY_SPACING)
        # Rows no taller than their keys, KEY_SPACING apart down as across, at the top of the room: with
        # more room than MAX_KEY_HEIGHT rows need (a 1920×1080 screen) the grid had spread its rows, 31 px
        # apart down and 6 across
        grid.setAlignment(Qt.AlignmentFlag.AlignTop)
        size = max(key_size, TOUCH_MIN)
        self._key_size = size
        grow = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

        def key(label: str, row: int, col: int, span: int = 1) -> QPushButton:
            button = QPushButton(label, self)
            button.setProperty("role", "key")
            button.setMinimumSize(QSize(size * span, size))
            button.setMaximumHeight(MAX_KEY_HEIGHT)
            button.setSizePolicy(grow)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setAutoRepeat(False)
            button.clicked.connect(lambda _checked=False, ch=label: self.type_text(ch))
            grid.addWidget(button, row, col, 1, span)
            self.keys[label] = button
            return button

        for col, ch in enumerate(DIGITS):
            key(ch, 0, col)
        for row, letters in enumerate(LETTER_ROWS, start=1):
            for col, ch in enumerate(letters):
                key(ch, row, col)
        for col, ch in enumerate(COMMON_CHARACTERS):
            key(ch, 4, col)
        self.backspace = big_button("", "fa5s.backspace", self, role="key", icon_color=INK)
        self.backspace.setMinimumSize(QSize(size, size))
        self.backspace.setMaximumHeight(MAX_KEY_HEIGHT)
        self.backspace.setSizePolicy(grow)
        self.backspace.clicked.connect(self.backspace_key)
        grid.addWidget(self.backspace, 2, 9)
        self.space = big_button("", "fa5s.arrows-alt-h", self, role="key", icon_color=INK)
        self.space.setMinimumSize(QSize(size, size))
        self.space.setMaximumHeight(MAX_KEY_HEIGHT)
        self.space.setSizePolicy(grow)
        self.space.clicked.connect(lambda: self.type_text(" "))
        grid.addWidget(self.space, 3, 7, 1, 3)
        self.clear_key = big_button("", "fa5s.eraser", self, role="key", icon_color=INK)
        self.clear_key.setMinimumSize(QSize(size, size))
        self.clear_key.setMaximumHeight(MAX_KEY_HEIGHT)
        self.clear_key.setSizePolicy(grow)
        self.clear_key.clicked.connect(self.clear)
        grid.addWidget(self.clear_key, 5, 0, 1, 5)
        self.enter_key = big_button("", "fa5s.arrow-right" if enter_is_next else "fa5s.search", self)
        self.enter_key.setMinimumSize(QSize(size, size))
        self.enter_key.setMaximumHeight(MAX_KEY_HEIGHT)
        self.enter_key.setSizePolicy(grow)
        self.enter_key.clicked.connect(self.sig_enter)
        grid.addWidget(self.enter_key, 5, 5, 1, 5)
        self.packed_height = 0  # 0: the keys grow with the room they are given
        self.retranslate()

    def all_keys(self) -> list[QPushButton]:
        return [*self.keys.values(), self.backspace, self.space, self.clear_key, self.enter_key]

    def set_packed(self, height: int) -> None:
        """Rows of keys `height` px tall (at least TOUCH_MIN) KEY_SPACING apart, the keyboard no taller
        than they are, so the room left goes to its neighbours (with less room the keys shrink, not
        under TOUCH_MIN: a page left in portrait while hidden must not make a landscape window taller);
        0: the keys grow again with the room the keyboard is given, up to MAX_KEY_HEIGHT."""
        height = max(height, TOUCH_MIN) if height else 0
        if height == self.packed_height:
            return
        self.packed_height = height
        for button in self.all_keys():
            button.setMaximumHeight(height or MAX_KEY_HEIGHT)
        policy = self.sizePolicy()
        policy.setVerticalPolicy(QSizePolicy.Policy.Maximum if height else QSizePolicy.Policy.Preferred)
        self.setSizePolicy(policy)
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        if self.packed_height:
            rows = KEY_ROWS
            hint.setHeight(rows * self.packed_height + (rows - 1) * KEY_SPACING)
        return hint

    def retranslate(self) -> None:
        self.backspace.setToolTip(self.tr("退格"))
        self.backspace.setAccessibleName(self.tr("退格"))
        self.space.setText(self.tr("空格"))
        self.clear_key.setText(self.tr("全部清除"))
        self.enter_key.setText(self.tr("下一步") if self._enter_is_next else self.tr("查找"))

    def set_target(self, target: QLineEdit) -> None:
        self._target = target

    def type_text(self, text: str) -> None:
        if self._target is None:
            return
        self._target.insert(text)
        self.sig_typed.emit(text)
        self.sig_text_changed.emit(self._target.text())

    def backspace_key(self) -> None:
        if self._target is None:
            return
        self._target.backspace()
        self.sig_typed.emit("\b")
        self.sig_text_changed.emit(self._target.text())

    def clear(self) -> None:
        if self._target is None:
            return
        self._target.clear()
        self.sig_typed.emit("")
        self.sig_text_changed.emit("")
