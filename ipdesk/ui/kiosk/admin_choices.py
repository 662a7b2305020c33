"""What the staff may do once the admin PIN was entered on the kiosk: leave the program, switch to the
staff window, or stop the computer starting as the kiosk (and switch). Three big touch buttons,
each with one line saying what follows; Back and Home return to the kiosk (the PIN is asked again).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ipdesk.ui.kiosk.widgets import KioskScreen, WrapButton, role_label

CHOICE_WIDTH = 760  # the column's width at most
CHOICE_HEIGHT = 88  # as the PIN pad's keys


class AdminChoicesScreen(KioskScreen):
    """After the PIN: `sig_exit_chosen`, `sig_staff_window_chosen`, `sig_stop_kiosk_chosen`."""

    sig_exit_chosen = Signal()
    sig_staff_window_chosen = Signal()
    sig_stop_kiosk_chosen = Signal()

    def __init__(self, parent: QWidget | None = None, *, lang: str = "zh_CN") -> None:
        super().__init__(parent, lang=lang)
        self.body.setSpacing(6)
        self.prompt = role_label("hint", self)
        self.prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(self.prompt)
        self.body.addStretch(1)
        # One centred column a hand reaches (not a bar across 1920 px); buttons and notes fill its width,
        # so every note wraps at the same width and is shown whole.
        column = QWidget(self)
        self.column = QVBoxLayout(column)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(6)
        column.setMaximumWidth(CHOICE_WIDTH)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column, 100)
        row.addStretch(1)
        self.body.addLayout(row)
        self.staff_window = self._choice("fa5s.desktop", "", self.sig_staff_window_chosen)
        self.staff_window_note = self._note()
        self.column.addSpacing(12)
        self.stop_kiosk = self._choice("fa5s.power-off", "secondary", self.sig_stop_kiosk_chosen)
        self.stop_kiosk_note = self._note()
        self.column.addSpacing(12)
        self.exit = self._choice("fa5s.sign-out-alt", "secondary", self.sig_exit_chosen)
        self.exit_note = self._note()
        self.message = role_label("error", self)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(self.message)
        self.body.addStretch(2)
        self.retranslate()

    def _choice(self, icon_name: str, role: str, signal: SignalInstance) -> QPushButton:
        button = WrapButton("", icon_name, self, role=role)
        button.setMinimumHeight(CHOICE_HEIGHT)
        button.clicked.connect(signal)
        self.column.addWidget(button)
        return button

    def _note(self) -> QLabel:
        note = role_label("hint", self)
        note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.column.addWidget(note)
        return note

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("管理员"))
        self.prompt.setText(self.tr("密码正确。请选择要做什么；访客请点“返回”。"))
        self.staff_window.setText(self.tr("切换到工作人员窗口"))
        self.staff_window_note.setText(self.tr("自助机关闭，打开工作人员窗口。下次开机仍是自助机。"))
        self.stop_kiosk.setText(self.tr("不再开机进入自助机"))
        self.stop_kiosk_note.setText(
            self.tr("以后开机打开工作人员窗口，现在也打开。可在“设置”中重新开启。"))
        self.exit.setText(self.tr("退出自助机"))
        self.exit_note.setText(self.tr("程序关闭。下次开机仍是自助机。"))

    def say_not_saved(self, reason: str) -> None:
        """The settings could not be saved (`reason`, in words): the choice was not carried out."""
        self.message.setText(self.tr("无法保存设置：%1").replace("%1", reason))

    def reset(self) -> None:
        self.message.setText("")
