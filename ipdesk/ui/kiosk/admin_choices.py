"""What the staff may do once the admin PIN was entered on the kiosk: leave the program, switch to the
staff window, or stop the computer starting as the kiosk (and switch). Three big touch buttons,
each with one line saying what follows; Back and Home return to the kiosk (the PIN is asked again).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from ipdesk.ui.kiosk.widgets import KioskScreen, WrapButton, role_label

CHOICE_WIDTH = 760  # the buttons' width at most: a column a hand reaches, not a bar across 1920 px


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
        self.staff_window = self._choice("fa5s.desktop", "", self.sig_staff_window_chosen)
        self.staff_window_note = self._note()
        self.body.addSpacing(14)
        self.stop_kiosk = self._choice("fa5s.power-off", "secondary", self.sig_stop_kiosk_chosen)
        self.stop_kiosk_note = self._note()
        self.body.addSpacing(14)
        self.exit = self._choice("fa5s.sign-out-alt", "secondary", self.sig_exit_chosen)
        self.exit_note = self._note()
        self.message = role_label("error", self)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(self.message)
        self.body.addStretch(2)
        self.retranslate()

    def _choice(self, icon_name: str, role: str, signal: SignalInstance) -> QPushButton:
        button = WrapButton("", icon_name, self, role=role)
        button.setMaximumWidth(CHOICE_WIDTH)
        button.clicked.connect(signal)
        self.body.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        return button

    def _note(self) -> QLabel:
        note = role_label("hint", self)
        note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        note.setMaximumWidth(CHOICE_WIDTH)
        self.body.addWidget(note, 0, Qt.AlignmentFlag.AlignHCenter)
        return note

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("管理员"))
        self.prompt.setText(self.tr("密码正确。请选择要做什么；访客请点“返回”。"))
        self.staff_window.setText(self.tr("切换到工作人员窗口"))
        self.staff_window_note.setText(self.tr("自助机关闭，打开工作人员用的窗口。下次开机仍进入自助机。"))
        self.stop_kiosk.setText(self.tr("不再开机进入自助机"))
        self.stop_kiosk_note.setText(
            self.tr("以后开机打开工作人员窗口，现在也切换过去。要重新开启：设置 →“下次启动时进入自助终端模式”。"))
        self.exit.setText(self.tr("退出自助机"))
        self.exit_note.setText(self.tr("程序关闭。下次开机仍进入自助机。"))

    def say_not_saved(self, reason: str) -> None:
        """The settings could not be saved (`reason`, in words): the choice was not carried out."""
        self.message.setText(self.tr("无法保存设置：%1").replace("%1", reason))

    def reset(self) -> None:
        self.message.setText("")
