"""开源软件与许可 (About and help → Open-source software and licences): the third-party software and data
ipdesk runs with, each with its version and licence, and the full licence text of the one selected.

The list (`services.third_party.components`: the installed metadata from source, the bundle's own list
when frozen) is read on a worker thread: it opens some sixty licence files."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontDatabase, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ipdesk.services.third_party import Component, components
from ipdesk.ui.dialog_size import size_in_lines


class LicencesDialog(QDialog):
    """The component table above, the selected component's licence text below."""

    # its size in lines of the font in use (about 780×640 at the default font), at most the screen's free area
    WIDTH_LINES = 56
    HEIGHT_LINES = 46

    def __init__(self, tasks: Any, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.items: list[Component] = []
        self._text_widths: list[int] = []  # of name, version and purpose, measured when the list came
        self.setObjectName("licences")
        self.setWindowTitle(self.tr("开源软件与许可"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "ipdesk 是开源软件（MIT 许可）。它使用下列第三方软件和数据，各按其许可使用。选中一项即可看到它的许可全文。"
            "Qt 和 PySide6 按 GNU LGPL 3.0 使用：它们是安装文件夹中单独的库文件，您可以换用自己编译的同版本库。"
            "全部许可也在安装文件夹的 THIRD_PARTY_NOTICES.txt 中。"), self)
        intro.setObjectName("licences_intro")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.status = QLabel(self.tr("正在读取……"), self)
        self.status.setObjectName("licences_status")
        layout.addWidget(self.status)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.table = QTableWidget(0, 4, splitter)
        self.table.setObjectName("licences_table")
        # as `ipdesk licences` lists them: what each does in ipdesk before its licence (the longest)
        self.table.setHorizontalHeaderLabels([self.tr("组件"), self.tr("版本"), self.tr("用途"), self.tr("许可")])
        self.table.setAccessibleName(self.tr("第三方组件"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for column in range(3):  # as wide as their texts up to a share of the table (`_fit_columns`)
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.text = QPlainTextEdit(splitter)
        self.text.setObjectName("licence_text")
        self.text.setReadOnly(True)
        self.text.setAccessibleName(self.tr("许可全文"))
        # fixed-width (licence files are laid out for it) at the window's size: 特大 left it at the
        # system's 9 pt while the rest of the dialog grew (QA 22e)
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        fixed.setPointSizeF(max(fixed.pointSizeF(), self.font().pointSizeF()))
        self.text.setFont(fixed)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.table.currentCellChanged.connect(self._on_table_current_changed)
        self.resize(self.fitting_size())
        tasks.run(components, on_done=self._show_components, on_error=self._show_error, key="licences", owner=self)

    def fitting_size(self) -> QSize:
        return size_in_lines(self, self.WIDTH_LINES, self.HEIGHT_LINES)

    def _show_components(self, items: list[Component]) -> None:
        self.items = list(items)
        self.table.setRowCount(len(self.items))
        for row, c in enumerate(self.items):
            values = (c.shown_name(self.lang), c.version, c.purpose(self.lang), c.licence_label(self.lang))
            for column, value in enumerate(values):
                cell = QTableWidgetItem(value)
                cell.setToolTip(value)  # a purpose or a licence cut short by its column is read whole
                self.table.setItem(row, column, cell)
        self._text_widths = []
        for column in range(len(self.COLUMN_SHARES)):  # measured once: a resize only shares the room out again
            self.table.resizeColumnToContents(column)
            self._text_widths.append(self.table.columnWidth(column))
        self._fit_columns()
        self.status.setText(self.tr("共 %n 项", "", len(self.items)))
        if self.items:
            self.table.setCurrentCell(0, 0)
            self.table.setFocus()

    # the share of the table the name, version and purpose may each take at most; the licence has the rest
    COLUMN_SHARES = (0.3, 0.15, 0.33)

    def _fit_columns(self) -> None:
        """Name, version and purpose as wide as their texts, each at most its share of the table, so that
        the licence stays in sight: the English name of the built-in divisions data alone had taken half the
        table and left the licence 33 pixels. A text cut short ends in … and its tip gives it whole."""
        room = self.table.viewport().width()
        least = self.fontMetrics().horizontalAdvance("M" * 6)
        for column, (share, text_width) in enumerate(zip(self.COLUMN_SHARES, self._text_widths, strict=True)):
            self.table.setColumnWidth(column, min(text_width, max(least, int(room * share))))

    def resizeEvent(self, event: QResizeEvent) -> None:  # Qt's name: the columns follow the width
        super().resizeEvent(event)
        if self._text_widths:
            self._fit_columns()

    def _show_error(self, error: BaseException) -> None:
        self.status.setText(self.tr("无法读取许可信息：") + str(error))

    def select(self, name: str) -> bool:
        """Select the component of that name (PySide6 finds PySide6_Essentials); False when none is."""
        from ipdesk.services.third_party import find_components

        found = find_components(self.items, name)
        if not found:
            return False
        self.table.setCurrentCell(self.items.index(found[0]), 0)
        return True

    def _on_table_current_changed(self, row: int, _column: int, _old_row: int, _old_column: int) -> None:
        if not 0 <= row < len(self.items):
            self.text.clear()
            return
        c = self.items[row]
        lines = [f"{c.shown_name(self.lang)} {c.version}".strip(), self.tr("许可：") + c.licence_label(self.lang)]
        if c.purpose_text:
            lines.append(self.tr("在 ipdesk 中的用途：") + c.purpose(self.lang))
        if c.home_page:
            lines.append(self.tr("主页：") + c.home_page)
        if c.note:
            lines += ["", c.note(self.lang)]
        lines += ["", c.licence_text() if c.texts else self.tr("（没有找到许可全文，请见项目主页）")]
        self.text.setPlainText("\n".join(lines))
        self.text.moveCursor(self.text.textCursor().MoveOperation.Start)
