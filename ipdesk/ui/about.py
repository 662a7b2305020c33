"""About and help (F1, or the button under the navigation rail): the version, where the data and the
logs are, how current the data is, where it comes from, and how to ask for help (send the log)."""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFocusEvent, QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStyle,
    QStyleOptionFrame,
    QVBoxLayout,
    QWidget,
)

from ipdesk import __version__
from ipdesk.domain.i18n import dataset_label, is_english
from ipdesk.domain.report import bilingual_part
from ipdesk.services.logfiles import current_log_file, logs_dir
from ipdesk.ui.dialog_size import size_in_lines
from ipdesk.ui.plain_text import as_plain

if TYPE_CHECKING:
    from ipdesk.ui.licences import LicencesDialog


def open_folder(folder: Path) -> bool:
    """Show `folder` in the system's file manager (made first if a quiet run has not made it yet)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class PathField(QLineEdit):
    """A folder's path, read-only. When it does not fit it is elided in the middle, so that its end shows
    (the data and logs folders had looked the same at the largest font, `…/logs` cut off); the full path
    is the tooltip, and the text while the field has the focus (to select and copy it)."""

    def __init__(self, path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.setReadOnly(True)
        self.setToolTip(as_plain(path))
        self.setAccessibleDescription(path)
        self._show_path()

    def _room(self) -> int:
        """The width the text has: the field's contents less its text margins and QLineEdit's own 2 px a side."""
        option = QStyleOptionFrame()
        self.initStyleOption(option)
        contents = self.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, self)
        margins = self.textMargins()
        return contents.width() - margins.left() - margins.right() - 4

    def _show_path(self) -> None:
        focused = self.hasFocus()
        text = self.path if focused else self.fontMetrics().elidedText(
            self.path, Qt.TextElideMode.ElideMiddle, max(self._room(), 0))
        if text != self.text():
            self.setText(text)
        self.setCursorPosition(len(text) if focused else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:  # Qt's name
        super().resizeEvent(event)
        self._show_path()

    def focusInEvent(self, event: QFocusEvent) -> None:  # Qt's name
        super().focusInEvent(event)
        self._show_path()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # Qt's name
        super().focusOutEvent(event)
        self._show_path()

    def changeEvent(self, event: QEvent) -> None:  # Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._show_path()


class AboutDialog(QDialog):
    """What staff (or the person helping them) need to know about this copy of ipdesk."""

    # its size in lines of the font in use (640×560 at the default font), at most the screen's free area
    WIDTH_LINES = 34
    HEIGHT_LINES = 34  # the whole text at the normal font on a 1024×768 screen

    def __init__(self, services: Any, tasks: Any, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.tasks = tasks
        self.lang = lang
        self._licences: LicencesDialog | None = None
        self.setObjectName("about")
        self.setWindowTitle(self.tr("关于 ipdesk"))
        data_dir = Path(services.data_dir)
        self.logs_folder = logs_dir(data_dir)
        self.log_file = current_log_file()

        outer = QVBoxLayout(self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget(scroll)
        layout = QVBoxLayout(body)
        heading = QLabel(self.tr("ipdesk 知识产权信息台") + f" {__version__}", body)
        heading.setObjectName("about_heading")
        heading.setProperty("role", "heading")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(heading)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        version = QLabel(__version__, body)
        version.setObjectName("about_version")
        version.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.tr("版本"), version)
        self.data_dir_edit, self.open_data_button = self._folder_row(
            form, body, self.tr("数据文件夹"), data_dir, self.tr("打开"), self.tr("打开数据文件夹"))
        self.logs_edit, self.open_logs_button = self._folder_row(
            form, body, self.tr("日志文件夹"), self.logs_folder, self.tr("打开"), self.tr("打开日志文件夹"))
        self.open_data_button.setObjectName("open_data_folder")
        self.open_logs_button.setObjectName("open_logs_folder")
        self.open_data_button.clicked.connect(lambda: open_folder(data_dir))
        self.open_logs_button.clicked.connect(lambda: open_folder(self.logs_folder))
        self.log_file_label = QLabel(self.log_file.name if self.log_file is not None else self.tr("（本次运行没有日志文件）"),
                                     body)
        self.log_file_label.setObjectName("about_log_file")
        self.log_file_label.setWordWrap(True)
        self.log_file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.tr("本次运行的日志"), self.log_file_label)
        self.datasets_label = QLabel(self.tr("正在读取……"), body)
        self.datasets_label.setObjectName("about_datasets")
        self.datasets_label.setWordWrap(True)
        self.datasets_label.setTextFormat(Qt.TextFormat.RichText)
        form.addRow(self.tr("数据截至"), self.datasets_label)
        layout.addLayout(form)

        # each source in the words the Data & sync page uses (this text had its own, 民政部全国地名数据库)
        self._paragraph(layout, body, "about_sources", self.tr("数据来源与许可"), self.tr(
            "每个数据集的来源写在上面“数据截至”中它的日期下，与“数据与同步”页相同；专利和商标通过数据更新或"
            "本机导入获得。查询和核查结果仅供参考，以官方公告为准。ipdesk 是开源软件（MIT 许可）。"))
        self._licences_section(layout, body)
        self._paragraph(layout, body, "about_help", self.tr("如何获得帮助"), self.tr(
            "遇到问题时：记下出错的时间和当时在做什么，按“日志文件夹”旁的“打开”，把最新的日志文件"
            "（文件名中有日期和时间）连同说明发给为您安装 ipdesk 的技术人员或上级服务中心。"))
        layout.addStretch(1)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        close.setFocus()  # not the data folder's field, which shows its full path while it has the focus
        self.resize(self.fitting_size())
        tasks.run(services.datasets, on_done=self._show_datasets, key="about-datasets", owner=self)

    def fitting_size(self) -> QSize:
        """`WIDTH_LINES` × `HEIGHT_LINES` lines of the font in use (it was 640×560 at every font size, so
        at the largest most of it needed scrolling), within the free area of the screen it opens on."""
        return size_in_lines(self, self.WIDTH_LINES, self.HEIGHT_LINES)

    def _paragraph(self, layout: QVBoxLayout, parent: QWidget, name: str, title: str, text: str) -> None:
        """A bold heading and its wrapped paragraph (`name`: the paragraph's object name)."""
        paragraph = QLabel(text, parent)
        paragraph.setObjectName(name)
        paragraph.setWordWrap(True)
        layout.addWidget(self._section(title, parent))
        layout.addWidget(paragraph)

    def _licences_section(self, layout: QVBoxLayout, parent: QWidget) -> None:
        """开源软件与许可: a line on what ipdesk runs with and a button to the list with every licence text."""
        self._paragraph(layout, parent, "about_licences", self.tr("开源软件与许可"), self.tr(
            "ipdesk 使用 Qt/PySide6（LGPL 3.0）等开源软件，各按其许可使用；您可以换用自己编译的 Qt 库。"
            "每个组件的版本和许可全文见下面的按钮。"))
        row = QHBoxLayout()
        self.licences_button = QPushButton(self.tr("开源软件与许可…"), parent)
        self.licences_button.setObjectName("open_licences")
        self.licences_button.setAccessibleName(self.tr("查看开源软件与许可"))
        self.licences_button.clicked.connect(self.open_licences)
        row.addWidget(self.licences_button)
        row.addStretch(1)
        layout.addLayout(row)

    def open_licences(self) -> LicencesDialog:
        """The licences dialog (one at a time: a second click raises it)."""
        from ipdesk.ui.licences import LicencesDialog

        if self._licences is None:
            self._licences = LicencesDialog(self.tasks, self.lang, self)
            self._licences.finished.connect(self._on_licences_finished)
        self._licences.show()
        self._licences.activateWindow()  # to the front if it was open behind the About dialog
        return self._licences

    def _on_licences_finished(self, _result: int) -> None:
        if self._licences is not None:
            self._licences.deleteLater()
        self._licences = None

    def _section(self, title: str, parent: QWidget) -> QLabel:
        label = QLabel(title, parent)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label

    def _folder_row(self, form: QFormLayout, parent: QWidget, label: str, folder: Path, button_text: str,
                    button_name: str) -> tuple[PathField, QPushButton]:
        row = QHBoxLayout()
        edit = PathField(str(folder), parent)
        edit.setAccessibleName(label)
        button = QPushButton(button_text, parent)
        button.setAccessibleName(button_name)
        button.setToolTip(button_name)
        row.addWidget(edit, 1)
        row.addWidget(button)
        form.addRow(label, row)
        return edit, button

    def _show_datasets(self, datasets: list[Any]) -> None:
        """Each dataset holding records: its name, version and as-of date, as the status bar and the
        Data & sync page give them, and its source."""
        sep = ": " if is_english(self.lang) else "："
        rows = []
        for d in datasets:
            if not d.record_count:
                continue
            as_of = d.as_of.isoformat() if d.as_of else "—"
            version = f" v{d.version}" if d.version else ""
            source = bilingual_part(d.source, self.lang)
            rows.append(f"<li><b>{html.escape(dataset_label(d.name, self.lang))}{version}</b>{sep}"
                        f"{html.escape(as_of)}" + (f"<br/><small>{html.escape(source)}</small>" if source else "")
                        + "</li>")
        if rows:
            self.datasets_label.setText("<ul style='margin:0'>" + "".join(rows) + "</ul>")
        else:
            self.datasets_label.setText(html.escape(self.tr("没有数据。")))
