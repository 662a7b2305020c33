"""The user guide (使用手册, Shift+F1 or the button under the navigation rail): the staff guide of
the current language (`resources/help/*.md`, `services.user_guide`) in a QTextBrowser, with a
contents list to jump to a section, find in the guide (Ctrl+F; every match highlighted, F3 and
Shift+F3 or the buttons go to the next and previous one), a bigger or smaller font, "save as PDF"
and "print" (Ctrl+P, the reports' print path: the dialog, then the layout and painting on the task
runner), both off the GUI thread.

The kiosk does not offer this window: its visitors are the public, and the guide is the staff's
(its kiosk section is for the staff who set a kiosk up, on the staff window). Links to web sites open
only where `external_links` allows it (the staff window); an in-guide link (#…) jumps to its section.
"""

from __future__ import annotations

import contextlib
import errno
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QIODevice, QSize, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QKeySequence,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QShortcut,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from ipdesk.domain.i18n import Text
from ipdesk.services.errors import IpdeskError
from ipdesk.services.outfiles import cannot_write
from ipdesk.services.reports.files import (
    IncompleteFileError,
    check_complete,
    pdf_is_complete,
    print_file_error,
    write_bytes_synced,
)
from ipdesk.services.user_guide import read_guide
from ipdesk.ui.dialog_size import size_in_lines
from ipdesk.ui.print_job import ask_printer, print_in_background
from ipdesk.ui.save_dialog import ask_save_path, documents_folder

log = logging.getLogger("ipdesk.ui.user_guide")

MIN_ZOOM, MAX_ZOOM = -3, 8  # font steps from the window's font (QTextEdit.zoomIn: 1 pt each)
MAX_HIGHLIGHTS = 1000  # matches painted at once (a one-letter search in a long guide)
HIGHLIGHT = QColor("#ffe082")  # the matches; the current one is the selection
EXTERNAL_SCHEMES = ("http", "https", "mailto", "ftp", "file")


def guide_document(markdown: str, families: tuple[str, ...] = ()) -> QTextDocument:
    """The guide as a QTextDocument (GitHub-flavoured Markdown: lists, tables, code)."""
    doc = QTextDocument()
    if families:
        font = doc.defaultFont()
        font.setFamilies(list(families))
        doc.setDefaultFont(font)
    doc.setMarkdown(markdown, QTextDocument.MarkdownFeature.MarkdownDialectGitHub)
    return doc


def write_guide_pdf(markdown: str, path: Path, title: str) -> Path:
    """The guide as an A4 PDF with the reports' font (Chinese text embedded and extractable). Runs on
    a worker thread: a document and a PDF writer of its own, no widget. Made in memory and written by
    Python, as reports are (`report_pdf.render_pdf`): Qt's writer does not report a failed write, so a
    full disk would have left a cut-short PDF called saved. A failed write is a translated
    UserInputError and leaves no file."""
    from ipdesk.ui.report_pdf import report_font_families, report_page_layout

    doc = guide_document(markdown, report_font_families())
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    layout = report_page_layout()
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     layout.margins(), QPageLayout.Unit.Millimeter))
    writer.setTitle(title)
    writer.setCreator("ipdesk")
    doc.print_(writer)
    # the PDF is finished when the writer goes away; the document goes here, on its own thread: kept by the
    # traceback of a failed write, it was deleted on the GUI thread (QBasicTimer::stop from another thread)
    del writer, doc
    data = bytes(buffer.data().data())
    buffer.close()
    try:
        if not pdf_is_complete(data):
            raise IncompleteFileError(errno.EIO, f"the PDF was not made ({len(data)} bytes)", str(path))
        write_bytes_synced(path, data)
    except OSError as exc:
        raise cannot_write(path, exc, Text("使用手册 PDF", "user guide PDF")) from exc
    return path


def paint_guide(markdown: str, printer: QPrinter, title: str) -> None:
    """Print the guide on `printer` (set up by the print dialog) with the reports' font. Runs on a worker
    thread, as `write_guide_pdf`. A printer writing a PDF file ("Print to File") that did not write it
    whole says so and leaves no file, as a report's printout does."""
    from ipdesk.ui.report_pdf import report_font_families

    doc = guide_document(markdown, report_font_families())
    if not printer.docName():
        printer.setDocName(title)  # the print job's name, a PDF file's title
    if not printer.creator():
        printer.setCreator("ipdesk")
    to_file = Path(printer.outputFileName()) if printer.outputFileName() else None
    doc.print_(printer)
    del doc  # on this thread, not with a failure's traceback on the GUI thread (as in write_guide_pdf)
    if to_file is not None:
        try:
            check_complete(to_file, "pdf")
        except OSError as exc:
            with contextlib.suppress(OSError):
                to_file.unlink()
            raise print_file_error(to_file, exc) from exc


def heading_blocks(doc: QTextDocument) -> list[QTextBlock]:
    """The document's heading blocks, in order (as Qt's Markdown reader marks them)."""
    blocks: list[QTextBlock] = []
    block = doc.firstBlock()
    while block.isValid():
        if block.blockFormat().headingLevel() > 0:
            blocks.append(block)
        block = block.next()
    return blocks


class UserGuideDialog(QDialog):
    """The guide of `lang`; `set_language` shows the other one at the same section."""

    WIDTH_LINES, HEIGHT_LINES = 60, 40  # its size in lines of the font, at most the screen's free area

    def __init__(self, lang: str, tasks: Any = None, parent: QWidget | None = None, *,
                 external_links: bool = True) -> None:
        super().__init__(parent)
        self.lang = lang
        self.tasks = tasks
        self.external_links = external_links
        self.zoom = 0
        self._headings: list[QTextBlock] = []
        self._matches: list[QTextCursor] = []
        self._pdf_task: int | None = None
        self._printer: QPrinter | None = None  # while the guide is being printed in the background
        self.setObjectName("user_guide")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.setWindowFlag(Qt.WindowType.WindowMinimizeButtonHint, True)

        outer = QVBoxLayout(self)
        find_row = QHBoxLayout()
        self.find_label = QLabel(self)
        self.find_edit = QLineEdit(self)
        self.find_edit.setObjectName("guide_find")
        self.find_edit.setClearButtonEnabled(True)
        self.find_label.setBuddy(self.find_edit)
        self.previous_button = QPushButton(self)
        self.next_button = QPushButton(self)
        self.matches_label = QLabel(self)
        self.matches_label.setObjectName("guide_matches")
        self.smaller_button = QPushButton("A−", self)
        self.bigger_button = QPushButton("A+", self)
        self.pdf_button = QPushButton(self)
        self.print_button = QPushButton(self)
        self.print_button.setObjectName("guide_print")
        for widget in (self.find_label, self.find_edit, self.previous_button, self.next_button, self.matches_label):
            find_row.addWidget(widget, 1 if widget is self.find_edit else 0)
        find_row.addStretch(0)
        for widget in (self.smaller_button, self.bigger_button, self.pdf_button, self.print_button):
            find_row.addWidget(widget)
        outer.addLayout(find_row)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.contents = QListWidget(splitter)
        self.contents.setObjectName("guide_contents")
        self.contents.setWordWrap(True)  # long English task titles wrap rather than scroll sideways
        self.contents.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.contents.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.browser = QTextBrowser(splitter)
        self.browser.setObjectName("guide_text")
        self.browser.setOpenLinks(False)  # every link through _on_link: none leaves unless allowed
        splitter.addWidget(self.contents)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        outer.addWidget(splitter, 1)

        bottom = QHBoxLayout()
        self.status = QLabel(self)
        self.status.setObjectName("guide_status")
        self.status.setWordWrap(True)
        bottom.addWidget(self.status, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        bottom.addWidget(self.buttons)
        outer.addLayout(bottom)

        self.find_edit.textChanged.connect(self._on_find_text_changed)
        self.find_edit.returnPressed.connect(self.find_next)
        self.next_button.clicked.connect(self.find_next)
        self.previous_button.clicked.connect(self.find_previous)
        self.smaller_button.clicked.connect(lambda: self.set_zoom(self.zoom - 1))
        self.bigger_button.clicked.connect(lambda: self.set_zoom(self.zoom + 1))
        self.pdf_button.clicked.connect(self._on_pdf_clicked)
        self.print_button.clicked.connect(self.print_guide)
        self.contents.itemActivated.connect(self._on_contents_item)
        self.contents.itemClicked.connect(self._on_contents_item)
        self.browser.anchorClicked.connect(self._on_link)
        self.browser.verticalScrollBar().valueChanged.connect(self._follow_scrolling)
        for keys, slot in ((QKeySequence.StandardKey.Find, self.focus_find),
                           (QKeySequence.StandardKey.FindNext, self.find_next),
                           (QKeySequence.StandardKey.FindPrevious, self.find_previous),
                           (QKeySequence.StandardKey.ZoomIn, lambda: self.set_zoom(self.zoom + 1)),
                           (QKeySequence.StandardKey.ZoomOut, lambda: self.set_zoom(self.zoom - 1)),
                           (QKeySequence.StandardKey.Print, self.print_guide)):
            QShortcut(QKeySequence(keys), self).activated.connect(slot)
        QShortcut(QKeySequence("Ctrl+="), self).activated.connect(lambda: self.set_zoom(self.zoom + 1))

        self._retranslate()
        self._load()
        self.resize(self.fitting_size())
        self.browser.setFocus()

    # --- text ---------------------------------------------------------------------------------

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("使用手册"))
        self.find_label.setText(self.tr("查找"))
        self.find_edit.setPlaceholderText(self.tr("在手册中查找（Ctrl+F）"))
        self.find_edit.setAccessibleName(self.tr("在手册中查找"))
        self.previous_button.setText(self.tr("上一处"))
        self.previous_button.setToolTip(self.tr("上一处（Shift+F3）"))
        self.next_button.setText(self.tr("下一处"))
        self.next_button.setToolTip(self.tr("下一处（F3 或回车）"))
        self.smaller_button.setToolTip(self.tr("缩小字号（Ctrl+-）"))
        self.smaller_button.setAccessibleName(self.tr("缩小字号"))
        self.bigger_button.setToolTip(self.tr("放大字号（Ctrl++）"))
        self.bigger_button.setAccessibleName(self.tr("放大字号"))
        self.pdf_button.setText(self.tr("另存为 PDF…"))
        self.pdf_button.setToolTip(self.tr("把手册另存为 PDF 文件"))
        self.print_button.setText(self.tr("打印…"))
        self.print_button.setToolTip(self.tr("打印手册（Ctrl+P）"))
        self.contents.setAccessibleName(self.tr("目录"))
        self.browser.setAccessibleName(self.tr("使用手册"))
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("关闭"))
        self._show_match_count()

    def _load(self) -> None:
        """The guide of `self.lang` into the browser, and its contents list (sections and tasks)."""
        self.markdown = read_guide(self.lang)
        self.browser.setMarkdown(self.markdown)
        self.browser.document().setDocumentMargin(12)
        self._headings = heading_blocks(self.browser.document())
        self.contents.clear()
        for number, block in enumerate(self._headings):
            level = block.blockFormat().headingLevel()
            if level == 1:
                continue  # the guide's title: the window's title says it
            item = QListWidgetItem(("    " if level > 2 else "") + block.text(), self.contents)
            item.setData(Qt.ItemDataRole.UserRole, number)
            if level == 2:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
        self.contents.setMinimumWidth(min(self.contents.sizeHintForColumn(0) + 24, 320))
        self._matches = []
        if self.find_edit.text():
            self._on_find_text_changed(self.find_edit.text())

    def set_language(self, lang: str) -> None:
        """The guide in `lang` (after a language switch), at the section that was on show."""
        section = self.current_section()
        self.lang = lang
        self.status.clear()
        self._retranslate()
        self._load()
        if section is not None:
            self.show_section(section)

    def fitting_size(self) -> QSize:
        return size_in_lines(self, self.WIDTH_LINES, self.HEIGHT_LINES)

    # --- sections -----------------------------------------------------------------------------

    def section_titles(self) -> list[str]:
        """Every heading's text, the guide's title first (`show_section` takes an index into it)."""
        return [block.text() for block in self._headings]

    def show_section(self, number: int) -> None:
        """Scroll heading `number` (an index into `section_titles`) to the top of the view."""
        if not 0 <= number < len(self._headings):
            return
        block = self._headings[number]
        self.browser.setTextCursor(QTextCursor(block))
        top = self.browser.document().documentLayout().blockBoundingRect(block).top()
        self.browser.verticalScrollBar().setValue(int(top))
        self._follow_scrolling()

    def current_section(self) -> int | None:
        """The last heading at or above the top of the view."""
        if not self._headings:
            return None
        top = self.browser.verticalScrollBar().value()
        layout = self.browser.document().documentLayout()
        current = 0
        for number, block in enumerate(self._headings):
            if layout.blockBoundingRect(block).top() <= top + 2:
                current = number
        return current

    def _follow_scrolling(self) -> None:
        """The contents list marks the section on show."""
        section = self.current_section()
        for row in range(self.contents.count()):
            if self.contents.item(row).data(Qt.ItemDataRole.UserRole) == section:
                if self.contents.currentRow() != row:
                    self.contents.blockSignals(True)
                    self.contents.setCurrentRow(row)
                    self.contents.blockSignals(False)
                return

    def _on_contents_item(self, item: QListWidgetItem) -> None:
        self.show_section(int(item.data(Qt.ItemDataRole.UserRole)))

    def _on_link(self, url: QUrl) -> None:
        if url.scheme() in EXTERNAL_SCHEMES:
            if self.external_links:
                QDesktopServices.openUrl(url)
            return
        fragment = url.fragment() or url.toString().lstrip("#")
        wanted = fragment.replace("-", " ").casefold()
        for number, block in enumerate(self._headings):
            if block.text().casefold() == wanted or block.text().casefold().replace("-", " ") == wanted:
                self.show_section(number)
                return

    # --- find ---------------------------------------------------------------------------------

    def focus_find(self) -> None:
        self.find_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.find_edit.selectAll()

    def _on_find_text_changed(self, text: str) -> None:
        """Highlight every match and go to the first one from the top."""
        doc = self.browser.document()
        self._matches = []
        selections: list[QTextEdit.ExtraSelection] = []
        text = text.strip()
        if text:
            cursor = doc.find(text, 0)
            while not cursor.isNull() and len(self._matches) < MAX_HIGHLIGHTS:
                self._matches.append(cursor)
                selection = QTextEdit.ExtraSelection()
                fmt = QTextCharFormat()
                fmt.setBackground(HIGHLIGHT)
                fmt.setForeground(QColor("#000000"))
                selection.format = fmt
                selection.cursor = cursor
                selections.append(selection)
                cursor = doc.find(text, cursor)
        self.browser.setExtraSelections(selections)
        if self._matches:
            self._go_to_match(0)
        else:
            self.browser.setTextCursor(QTextCursor(doc))
        self._show_match_count()

    def _current_match(self) -> int | None:
        cursor = self.browser.textCursor()
        for i, match in enumerate(self._matches):
            if match.selectionStart() == cursor.selectionStart() and match.selectionEnd() == cursor.selectionEnd():
                return i
        return None

    def _go_to_match(self, index: int) -> None:
        match = self._matches[index % len(self._matches)]
        self.browser.setTextCursor(QTextCursor(match))
        rect, bar = self.browser.cursorRect(), self.browser.verticalScrollBar()
        if rect.top() < 0 or rect.bottom() > self.browser.viewport().height():  # out of view: a third down
            bar.setValue(bar.value() + rect.top() - self.browser.viewport().height() // 3)
        self._show_match_count()

    def find_next(self) -> None:
        if not self._matches:
            return
        current = self._current_match()
        if current is None:  # from where the reader is: the first match after the cursor
            position = self.browser.textCursor().position()
            current = next((i - 1 for i, m in enumerate(self._matches) if m.selectionStart() >= position),
                           len(self._matches) - 1)
        self._go_to_match(current + 1)

    def find_previous(self) -> None:
        if not self._matches:
            return
        current = self._current_match()
        if current is None:
            position = self.browser.textCursor().position()
            before = [i for i, m in enumerate(self._matches) if m.selectionEnd() <= position]
            current = (before[-1] + 1) if before else 0
        self._go_to_match(current - 1)

    def _show_match_count(self) -> None:
        if not self.find_edit.text().strip():
            self.matches_label.setText("")
        elif not self._matches:
            self.matches_label.setText(self.tr("没有找到"))
        else:
            current = self._current_match()
            self.matches_label.setText(self.tr("第 %1 处，共 %2 处").replace(
                "%1", str((current or 0) + 1)).replace("%2", str(len(self._matches))))
        has = bool(self._matches)
        self.next_button.setEnabled(has)
        self.previous_button.setEnabled(has)

    # --- font, PDF and printing -------------------------------------------------------------------------

    def set_zoom(self, steps: int) -> None:
        """The guide's font `steps` points from the window's (within MIN_ZOOM … MAX_ZOOM)."""
        steps = max(MIN_ZOOM, min(MAX_ZOOM, steps))
        section = self.current_section()
        self.browser.zoomIn(steps - self.zoom)
        self.zoom = steps
        self.smaller_button.setEnabled(steps > MIN_ZOOM)
        self.bigger_button.setEnabled(steps < MAX_ZOOM)
        match = self._current_match()
        if match is not None:  # the match being read stays in view
            self._go_to_match(match)
        elif section is not None and section > 0:
            self.show_section(section)

    def _on_pdf_clicked(self) -> None:
        name = self.tr("ipdesk 使用手册") + ".pdf"
        # 文档 (Documents), as the reports, the ledger and backups suggest: on Windows the home folder
        # (C:\Users\<name>) is not where anyone looks for a file, and OneDrive may redirect 文档 elsewhere
        path = ask_save_path(self, self.tr("另存为 PDF"), documents_folder() / name, self.tr("PDF 文件 (*.pdf)"),
                             suffix=".pdf")
        if path is not None:
            self.save_pdf(path)

    def save_pdf(self, path: Path) -> int | None:
        """Write the guide to `path` on the task runner; the status line says where it went."""
        if self.tasks is None:
            return None
        markdown, title = self.markdown, self.tr("ipdesk 使用手册")
        self.pdf_button.setEnabled(False)
        self.status.setText(self.tr("正在生成 PDF…"))
        self._pdf_task = self.tasks.run(lambda: write_guide_pdf(markdown, path, title), on_done=self._on_pdf_done,
                                        on_error=self._on_pdf_failed, key="guide-pdf", owner=self)
        return self._pdf_task

    def _on_pdf_done(self, path: Path) -> None:
        self.pdf_button.setEnabled(True)
        self.status.setText(self.tr("已保存：%1").replace("%1", str(path)))

    def _on_pdf_failed(self, error: BaseException) -> None:
        log.warning("the user guide could not be saved as PDF: %s", error)
        self.pdf_button.setEnabled(True)
        if isinstance(error, IpdeskError):  # says where and why in the window's language
            self.status.setText(error.message(self.lang))
        else:
            self.status.setText(self.tr("无法保存 PDF：%1").replace("%1", str(error)))

    def print_guide(self) -> None:
        """Ctrl+P or 打印…: the print dialog, then the guide printed in the background."""
        if self.tasks is None or self._printer is not None:
            return
        from ipdesk.ui.report_pdf import report_page_layout

        title = self.tr("ipdesk 使用手册")
        printer = ask_printer(self, self.tr("打印使用手册"), report_page_layout(),  # the reports' A4 pages
                              doc_name=title, file_suggestion=documents_folder() / f"{title}.pdf")
        if printer is not None:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int | None:
        """Print the guide on `printer` (set up by the dialog) on the task runner, as reports print; the
        status line says when it has gone to the printer."""
        if self.tasks is None:
            return None
        self._printer = printer  # kept alive until the painting is done
        markdown, title = self.markdown, self.tr("ipdesk 使用手册")
        self.print_button.setEnabled(False)
        self.status.setText(self.tr("正在打印…"))
        return print_in_background(self.tasks, printer, lambda device: paint_guide(markdown, device, title),
                                   key="guide-print", on_done=self._on_printed, on_error=self._on_print_failed,
                                   owner=self)

    def _on_printed(self, _result: None) -> None:
        printer, self._printer = self._printer, None
        self.print_button.setEnabled(True)
        to_file = printer.outputFileName() if printer is not None else ""
        if to_file:
            self.status.setText(self.tr("已打印到文件：%1").replace("%1", to_file))
        else:
            name = printer.printerName() if printer is not None else ""
            self.status.setText(self.tr("已送到打印机：%1").replace("%1", name))

    def _on_print_failed(self, error: BaseException) -> None:
        log.warning("the user guide could not be printed: %s", error)
        self._printer = None
        self.print_button.setEnabled(True)
        if isinstance(error, IpdeskError):
            self.status.setText(error.message(self.lang))
        else:
            self.status.setText(self.tr("无法打印：%1").replace("%1", str(error)))
