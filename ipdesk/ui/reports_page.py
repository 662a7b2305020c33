"""The Reports page: the report basket, title/client/purpose, preview, print, export to PDF, Word
and Excel, and the service record (服务台账) with a month filter and the Excel ledger.

Building, exporting and printing run in the background (`TaskRunner`); only the print dialogs run
on the GUI thread. Every export and every print is archived and logged in the service record by
`services.reports`.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeyEvent, QPageLayout, QShowEvent
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ipdesk.domain.basket import BasketItem, ReportBasket
from ipdesk.domain.i18n import KIND_NAMES
from ipdesk.domain.report import STANDARD_PURPOSES, Report, ReportableOutcome, default_purpose, purpose_in
from ipdesk.domain.retention import retention_cutoff
from ipdesk.domain.shown_text import quoted_name
from ipdesk.services.errors import IpdeskError
from ipdesk.services.outfiles import fitted_name
from ipdesk.services.reports.archive import PRINTOUT_FORMAT, ExportResult, NumberHold
from ipdesk.services.reports.builder import SEARCH_ITEM_KIND, ReportMeta, basket_title
from ipdesk.services.reports.ledger import formats_text
from ipdesk.services.settings import STAFF_NAME_MAX_CHARS
from ipdesk.ui import labels
from ipdesk.ui.announce import announce
from ipdesk.ui.pdf_process import render_pdf_in_process
from ipdesk.ui.plain_text import as_plain
from ipdesk.ui.print_job import ask_printer, preview_print_action, print_in_background
from ipdesk.ui.report_pdf import paint_report, report_font_families, report_page_layout
from ipdesk.ui.save_dialog import ask_save_path, documents_folder
from ipdesk.ui.tasks import TaskRunner, error_text

log = logging.getLogger("ipdesk.ui.reports")

_FILTERS = {"pdf": "PDF (*.pdf)", "docx": "Word (*.docx)", "xlsx": "Excel (*.xlsx)"}


def print_job_name(report: Report) -> str:
    """The print job's name, "<title> <report number>": what a printer's queue (Windows' 打印队列) lists for a
    printout, so the staff can tell which paper is waiting or stuck, by the number the page, the paper and
    the service record show. Not the client's name: a shared printer's queue, a print server's log and
    Windows' event log are read by others (README, "Personal information"). On one line, nothing typed
    obeyed (`quoted_name`)."""
    return quoted_name(" ".join(x for x in (report.title, report.report_no) if x))

# The widest the service record's columns grow, in Chinese characters: staff, client, purpose.
_RECORD_COLUMN_EMS = {1: 6, 2: 14, 3: 9}  # staff, client, purpose: their width when room is short
_OUTCOME_MIN_EMS = 16  # the outcome column keeps at least this many characters' room
_ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1  # on a service-record row's first cell: the entry's id
_REPORT_NO_ROLE = Qt.ItemDataRole.UserRole + 2  # and its report number
BASKET_ROWS_WANTED = 4  # the basket list asks for this many rows; it grows into any room left


class BasketList(QListWidget):
    """The basket's list, asking for a few rows rather than QListWidget's 192 px: the page scrolls by
    the height its parts ask for, and at 1366×768 with 125 % scaling the export buttons were pushed
    below the window's edge by an empty list (QA 21a)."""

    def sizeHint(self) -> QSize:  # Qt's name
        hint = super().sizeHint()
        row = max(self.sizeHintForRow(0) if self.count() else 0, self.fontMetrics().height() + 4)
        return QSize(hint.width(), min(hint.height(), BASKET_ROWS_WANTED * row + 2 * self.frameWidth()))


def _current_words(item: BasketItem, lang: str) -> tuple[str, str]:
    """An item's title and subtitle in the window's language now: an item added before a language
    switch was labelled in the language of then (a wizard's result, a GI's kind, a scheme)."""
    payload = item.payload
    title, subtitle = item.title, item.subtitle
    if item.kind == "wizard" and callable(getattr(payload, "title", None)):
        title = str(payload.title(lang))
    elif item.kind == "gi" and isinstance(getattr(payload, "kind", None), str):
        subtitle = labels.gi_kind_name(payload.kind)
    elif item.kind == "class" and isinstance(getattr(payload, "scheme", None), str):
        subtitle = labels.scheme_name(payload.scheme)
    return title, subtitle


@dataclass(frozen=True)
class PrintNote:
    """Where a printout went: the printer's name, or the file a "print to file" wrote, and its pages."""

    printer: str
    file: str
    pages: int


@dataclass(frozen=True)
class ReportsState:
    """What the Reports page carries over a language switch (`pages.KeepsState`); the basket itself
    belongs to the window."""

    tab: int
    title: str
    client: str
    purpose: str
    staff: str
    report_lang: str
    month: str
    report_no: str
    saved: ExportResult | None  # the last report saved, said again
    export_task: int | None  # a report still being built and saved
    client_from_basket: str = ""  # the client filled in from the basket (a wizard's), not typed here
    printed: PrintNote | None = None  # the last report saved was a printout's archive copy: where it went
    client_filter: str = ""  # the service record's client search (服务对象) as typed, and so its list
    all_months: bool = False  # 全部 chosen (a client search chooses it): `month` is "" then too


class ReportsPage(QWidget):
    sig_open_record = Signal(str, object)  # kind, ref_id (a place id is a 12-digit code: no C++ int)
    sig_exported = Signal(object)  # ExportResult
    sig_failed = Signal(str)  # the message shown in place
    sig_ledger_written = Signal(object)  # Path
    sig_records_shown = Signal(int)  # number of service-record rows shown
    sig_records_deleted = Signal(object)  # services.reports.archive.Deletion

    def __init__(self, services: Any, tasks: TaskRunner, basket: ReportBasket, lang: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.tasks = tasks
        self.basket = basket
        self.lang = lang
        self._report_no = ""  # one number per basket: exporting again in another format reuses it
        self._items_now: list[Any] = []
        self._lang_now = lang
        self._meta_now = ReportMeta()
        self._printer: QPrinter | None = None  # while a print is being painted in the background
        self.printed_pages = 0  # of the last printout
        self._saved: ExportResult | None = None
        self._print_note: PrintNote | None = None  # with `_saved`: it was printed, there
        self._export_task: int | None = None
        self._client_from_basket = ""  # the client the basket's items were typed for, filled in here
        self._record_note = ""  # what a deletion did, said with the count of the list shown after it
        report_font_families()  # register the report font on the GUI thread, before any worker paints
        self._build()
        listener = self._on_basket_changed
        basket.subscribe(listener)
        # the basket outlives the page (a language switch rebuilds it): a page gone stops listening
        self.destroyed.connect(lambda *_: basket.unsubscribe(listener))
        self._on_basket_changed()
        self.refresh_records()

    # --- over a language switch ---------------------------------------------------------------

    def save_state(self) -> ReportsState:
        return ReportsState(
            tab=self.tabs.currentIndex(), title=self.title_edit.text(), client=self.client_edit.text(),
            purpose=self.purpose_edit.currentText(), staff=self.staff_edit.text(),
            report_lang=self.report_language(), month=self.selected_month(), report_no=self._report_no,
            saved=self._saved, export_task=self._export_task if self.tasks.is_running(self._export_task) else None,
            client_from_basket=self._client_from_basket, printed=self._print_note if self._saved else None,
            client_filter=self.client_filter.text(),
            all_months=self.month_combo.count() > 0 and self.month_combo.currentIndex() == 0,
        )

    def restore_state(self, state: ReportsState) -> None:
        """The report's title, client, purpose (a standard one in this language), staff and
        language as typed, the month shown (or 全部), the client searched for in the service record (its
        list is loaded filtered by it: the page's own first load reads the box when the months arrive),
        the report number, and a report still being saved."""
        self.tabs.setCurrentIndex(state.tab)
        self.client_filter.setText(state.client_filter)
        self.title_edit.setText(state.title)
        self.client_edit.setText(state.client)
        self._client_from_basket = state.client_from_basket
        self.purpose_edit.setCurrentText(purpose_in(state.purpose, self.lang))
        if state.staff.strip():  # an empty field keeps the staff name saved in Settings, filled in at build
            self.staff_edit.setText(state.staff)
        self.lang_combo.setCurrentIndex(max(0, self.lang_combo.findData(state.report_lang)))
        if state.month or state.all_months:  # chosen again when the months are listed (refresh_records)
            self.month_combo.blockSignals(True)
            self.month_combo.addItem(state.month or self.tr("全部"), state.month)
            self.month_combo.setCurrentIndex(self.month_combo.count() - 1)
            self.month_combo.blockSignals(False)
        self._report_no = state.report_no
        if state.saved is not None:
            self._say_saved(state.saved, state.printed)
        if self.tasks.adopt(state.export_task, on_done=self._on_exported, on_error=self._on_failed):
            self._export_task = state.export_task
            self._set_busy(True, self.tr("正在生成报告…"))

    def showEvent(self, event: QShowEvent) -> None:
        """Wizards log visits too: show the service record as it is now whenever the page appears."""
        super().showEvent(event)
        self.refresh_records()

    # --- layout -------------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        self.tabs = QTabWidget(self)
        outer.addWidget(self.tabs)
        self.tabs.addTab(self._build_report_tab(), self.tr("当前报告"))
        self.tabs.addTab(self._build_record_tab(), self.tr("服务台账"))

    def _build_report_tab(self) -> QWidget:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        self.basket_label = QLabel(tab)
        self.basket_label.setWordWrap(True)  # the empty basket's hint is a sentence: it must not widen the page
        layout.addWidget(self.basket_label)
        self.basket_list = BasketList(tab)
        self.basket_list.setAccessibleName(self.tr("报告篮中的记录"))
        self.basket_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.basket_list.itemActivated.connect(self._on_basket_item_activated)
        layout.addWidget(self.basket_list, 1)
        row = QHBoxLayout()
        self.remove_button = QPushButton(self.tr("移除所选"), tab)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.clear_button = QPushButton(self.tr("清空报告篮"), tab)
        self.clear_button.clicked.connect(self._on_clear_clicked)
        row.addWidget(self.remove_button)
        row.addWidget(self.clear_button)
        row.addStretch(1)
        layout.addLayout(row)

        form = QFormLayout()
        settings = self.services.settings
        self.title_edit = QLineEdit(tab)
        self.client_edit = QLineEdit(tab)
        self.client_edit.setPlaceholderText(self.tr("如：某某镇大米专业合作社"))
        self.purpose_edit = QComboBox(tab)
        self.purpose_edit.setEditable(True)
        for purpose in STANDARD_PURPOSES:  # the same words the ledger counts by (domain.report)
            self.purpose_edit.addItem(purpose(self.lang))
        self.purpose_edit.setCurrentText("")
        self.staff_edit = QLineEdit(settings.staff_name, tab)
        self.staff_edit.setMaxLength(STAFF_NAME_MAX_CHARS)  # as on the Settings page
        self._staff_from_settings = settings.staff_name  # what show_settings may replace: not a name typed here
        self.staff_edit.textChanged.connect(self._on_staff_changed)
        self.lang_combo = QComboBox(tab)
        self.lang_combo.addItem(self.tr("中文"), "zh_CN")
        self.lang_combo.addItem("English", "en")
        report_lang = settings.report_language or self.lang
        self.lang_combo.setCurrentIndex(1 if report_lang.startswith("en") else 0)
        self.lang_combo.currentIndexChanged.connect(lambda _i: self._show_default_title())
        for label, field in ((self.tr("报告标题"), self.title_edit), (self.tr("服务对象"), self.client_edit),
                             (self.tr("咨询事项"), self.purpose_edit), (self.tr("经办人"), self.staff_edit),
                             (self.tr("报告语言"), self.lang_combo)):
            form.addRow(label, field)
            field.setAccessibleName(label)  # said by screen readers as the other pages' fields are
        layout.addLayout(form)

        buttons = QHBoxLayout()
        self.preview_button = QPushButton(self.tr("预览(&V)"), tab)
        self.preview_button.clicked.connect(self._on_preview_clicked)
        self.print_button = QPushButton(self.tr("打印(&P)…"), tab)
        self.print_button.clicked.connect(self._on_print_clicked)
        self.pdf_button = QPushButton(self.tr("导出 PDF(&D)…"), tab)
        self.pdf_button.clicked.connect(lambda: self._on_export_clicked("pdf"))
        self.docx_button = QPushButton(self.tr("导出 Word(&W)…"), tab)
        self.docx_button.clicked.connect(lambda: self._on_export_clicked("docx"))
        self.xlsx_button = QPushButton(self.tr("导出 Excel(&X)…"), tab)
        self.xlsx_button.clicked.connect(lambda: self._on_export_clicked("xlsx"))
        for button in (self.preview_button, self.print_button, self.pdf_button, self.docx_button, self.xlsx_button):
            button.setMinimumHeight(36)
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.message = QLabel(tab)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)
        return tab

    def _build_record_tab(self) -> QWidget:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("月份"), tab))
        self.month_combo = QComboBox(tab)
        self.month_combo.setAccessibleName(self.tr("按月份筛选"))
        # as wide as its longest month, whenever the months are listed (it had been sized on first show,
        # with only "All" in it: "2026-1‹")
        self.month_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.month_combo.currentIndexChanged.connect(lambda _i: self._load_records())
        row.addWidget(self.month_combo)
        self.refresh_button = QPushButton(self.tr("刷新"), tab)
        self.refresh_button.clicked.connect(self.refresh_records)
        self.ledger_button = QPushButton(self.tr("导出台账（Excel）…"), tab)
        self.ledger_button.clicked.connect(self._on_ledger_clicked)
        self.open_button = QPushButton(self.tr("打开报告文件"), tab)
        self.open_button.clicked.connect(self._on_open_report_clicked)
        for button in (self.refresh_button, self.ledger_button, self.open_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        # A client asking what the centre keeps about them (个人信息保护法): find their entries by
        # name, correct a misspelt name, delete the entries with their archived reports.
        client_row = QHBoxLayout()
        client_label = QLabel(self.tr("服务对象"), tab)
        client_row.addWidget(client_label)
        self.client_filter = QLineEdit(tab)
        client_label.setBuddy(self.client_filter)  # screen readers say the label with the box
        self.client_filter.setPlaceholderText(self.tr("按服务对象查找（名称或其一部分）"))
        self.client_filter.setAccessibleName(self.tr("按服务对象查找"))
        self.client_filter.setClearButtonEnabled(True)
        self.client_filter.returnPressed.connect(self._on_find_client)
        self.client_filter.textChanged.connect(lambda text: None if text.strip() else self._load_records())
        client_row.addWidget(self.client_filter, 1)
        self.find_client_button = QPushButton(self.tr("查找"), tab)
        self.find_client_button.setAccessibleName(self.tr("查找服务对象的记录"))  # not a bare "Find"
        self.find_client_button.clicked.connect(self._on_find_client)
        self.rename_button = QPushButton(self.tr("更正服务对象…"), tab)
        self.rename_button.clicked.connect(self._on_rename_clicked)
        self.delete_button = QPushButton(self.tr("删除所选记录…"), tab)
        self.delete_button.setToolTip(self.tr("删除表中选中的记录及其存档报告（在表中也可按 Delete 键）"))
        self.delete_button.clicked.connect(self._on_delete_clicked)
        for button in (self.find_client_button, self.rename_button, self.delete_button):
            client_row.addWidget(button)
        layout.addLayout(client_row)
        # the retention in force (Settings: 保留服务台账和报告), one line
        self.retention_label = QLabel(tab)
        self.retention_label.setWordWrap(True)
        layout.addWidget(self.retention_label)
        self._show_retention(self.services.settings)
        self.records = QTableWidget(0, 6, tab)
        self.records.setHorizontalHeaderLabels([
            self.tr("日期"), self.tr("经办人"), self.tr("服务对象"), self.tr("咨询事项"), self.tr("结果"),
            self.tr("报告编号"),
        ])
        self.records.setAccessibleName(self.tr("服务台账"))
        self.records.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.records.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.records.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.records.verticalHeader().setVisible(False)
        self.records.setWordWrap(False)
        self.records.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.records.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)  # staff, client, purpose: sized below
        for col in (0, 5):  # the date and the report number: always whole
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)  # the outcome takes what is left
        self.records.viewport().installEventFilter(self)  # a narrower table: the columns give way again
        self.records.installEventFilter(self)  # the Delete key: the chosen entries, as the button
        self.records.itemActivated.connect(lambda _item: self._on_open_report_clicked())
        layout.addWidget(self.records, 1)
        self.record_message = QLabel(tab)
        self.record_message.setWordWrap(True)
        self.record_message.setTextInteractionFlags(  # a file left to delete by hand: its path copied from here
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        layout.addWidget(self.record_message)
        return tab

    def show_settings(self, settings: Any) -> None:
        """Settings saved on the Settings page: the staff name saved there shows in 经办人 at once (it
        had stayed empty until the next start), unless another name was typed here."""
        if self.staff_edit.text().strip() in ("", self._staff_from_settings.strip()):
            self.staff_edit.setText(settings.staff_name)
        self._staff_from_settings = settings.staff_name
        self._show_retention(settings)

    def _show_retention(self, settings: Any) -> None:
        """"保留 3 年：早于 2023-11-28 的记录会被自动删除。" or "永久保留…" (domain.retention)."""
        years = int(getattr(settings, "record_retention_years", 0) or 0)
        cutoff = retention_cutoff(years, dt.date.today())
        if cutoff is None:
            self.retention_label.setText(self.tr("永久保留：服务台账和存档报告不会被自动删除。"))
        else:
            self.retention_label.setText(self.tr("保留 %n 年：早于 %1 的记录会被自动删除。", "", years)
                                         .replace("%1", cutoff.isoformat()))

    def client_name(self) -> str:
        """The client typed for this report (the wizards offer it for the visits they log)."""
        return self.client_edit.text().strip()

    def _on_staff_changed(self, text: str) -> None:
        """The name typed here is also the staff of visits logged from a wizard this session."""
        reports = getattr(self.services, "reports", None)
        if reports is not None:
            reports.staff_on_duty = text.strip()

    # --- basket -------------------------------------------------------------------------------

    def _on_basket_changed(self) -> None:
        self._report_no = ""
        self.basket_list.clear()
        for item in self.basket.items:
            kind = KIND_NAMES.get(item.kind)
            if kind is not None:
                label = kind(self.lang)
            elif item.kind == SEARCH_ITEM_KIND:
                label = self.tr("检索结果")
            else:
                label = self.tr("向导结果")
            title, subtitle = _current_words(item, self.lang)
            if item.kind == SEARCH_ITEM_KIND and subtitle:  # the search's count ("28", "10,000+")
                subtitle = self.tr("找到 %1 条").replace("%1", subtitle)
            row = QListWidgetItem(f"[{label}] {title}" + (f"    {subtitle}" if subtitle else ""))
            row.setData(Qt.ItemDataRole.UserRole, (item.kind, item.ref_id))
            self.basket_list.addItem(row)
        count = len(self.basket)
        self.basket_label.setText(self.tr("报告篮：%n 项", "", count) if count else
                                  self.tr("报告篮是空的。在搜索、详情或向导中点“加入报告”即可添加。"))
        for button in (self.preview_button, self.print_button, self.pdf_button, self.docx_button, self.xlsx_button,
                       self.remove_button, self.clear_button):
            button.setEnabled(count > 0)
        self._show_default_title()
        self._fill_basket_client()

    def default_title(self) -> str:
        """The report's title when none is typed, in the report's language: the CLI's for one wizard
        result (知识产权信息服务报告：地理标志核查)."""
        return basket_title(self.basket.items, self.report_language())

    def default_purpose(self) -> str:
        """The purpose the report is filed under when none is typed, in the report's language: its
        wizards' (地理标志使用咨询、专利技术查询 for a mix), else 信息查询 (as the builder files it)."""
        wizards = [str(getattr(i.payload, "wizard", "")) for i in self.basket.items
                   if i.kind == "wizard" or isinstance(i.payload, ReportableOutcome)]
        return default_purpose(wizards, self.report_language())

    def _show_default_title(self) -> None:
        self.title_edit.setPlaceholderText(self.tr("默认：%1").replace("%1", self.default_title()))
        line = self.purpose_edit.lineEdit()
        if line is not None:  # said before a report is made, not only on its cover
            line.setPlaceholderText(self.tr("默认：%1").replace("%1", self.default_purpose()) if len(self.basket) else "")

    def _fill_basket_client(self) -> None:
        """The client typed with a wizard's result (服务对象) is this report's client too: filled in when
        the field is empty or holds the one filled in before; a client typed here stays. (The visit
        logged from the wizard is filed under that client; the report had said 服务对象 —.)"""
        name = self.basket.client()
        current = self.client_edit.text().strip()
        if current and current != self._client_from_basket:
            return
        self._client_from_basket = name
        if current != name:
            self.client_edit.setText(name)

    def _on_basket_item_activated(self, item: QListWidgetItem) -> None:
        kind, ref_id = item.data(Qt.ItemDataRole.UserRole)
        if kind in KIND_NAMES:
            self.sig_open_record.emit(kind, ref_id)

    def _on_remove_clicked(self) -> None:
        rows = sorted((self.basket_list.row(i) for i in self.basket_list.selectedItems()), reverse=True)
        for row in rows:
            self.basket.remove(row)

    def _on_clear_clicked(self) -> None:
        self.basket.clear()

    # --- building and exporting ---------------------------------------------------------------

    def report_language(self) -> str:
        return str(self.lang_combo.currentData())

    def meta(self) -> ReportMeta:
        settings = self.services.settings
        return ReportMeta(
            title=self.title_edit.text().strip(), client=self.client_edit.text().strip(),
            purpose=self.purpose_edit.currentText().strip(), staff=self.staff_edit.text().strip(),
            centre=settings.centre_name, report_no=self._report_no,
        )

    def _build_report(self) -> Report:
        """Runs on the worker: reads the basket's records from the store."""
        report: Report = self.services.reports.builder.for_basket(self._items_now, self._lang_now, self._meta_now)
        return report

    def _snapshot(self) -> None:
        """Copy what the worker needs on the GUI thread, so it never reads widgets or the live basket."""
        self._items_now = list(self.basket.items)
        self._lang_now = self.report_language()
        self._meta_now = self.meta()

    def export_to(self, fmt: str, path: Path) -> None:
        """Build, render, archive and log in the background; `sig_exported` or `sig_failed` answers."""
        self._snapshot()
        reports = self.services.reports

        def work() -> ExportResult:
            report = self._build_report()
            result: ExportResult = reports.export(report, fmt, path, renderers={"pdf": render_pdf_in_process})
            return result

        self._set_busy(True, self.tr("正在生成报告…"))
        self._export_task = self.tasks.run(work, on_done=self._on_exported, on_error=self._on_failed,
                                           key="report-export")

    def _on_export_clicked(self, fmt: str) -> None:
        title = self.title_edit.text().strip() or self.default_title()
        suggested = str(fitted_name(documents_folder(), title, f".{fmt}"))  # within MAX_PATH
        path = ask_save_path(self, self.tr("保存报告"), suggested, _FILTERS[fmt], suffix=f".{fmt}")
        if path is not None:
            self.export_to(fmt, path)

    def _on_exported(self, result: ExportResult, printed: PrintNote | None = None) -> None:
        self._export_task = None
        self._set_busy(False, "")
        self._report_no = self._report_no or result.report_no
        self._say_saved(result, printed)
        self.refresh_records()
        self.sig_exported.emit(result)

    def _say_saved(self, result: ExportResult, printed: PrintNote | None = None) -> None:
        self._saved, self._print_note = result, printed
        number = self._report_no or result.report_no
        if printed is None:
            text = (self.tr("已保存：%1（报告编号 %2，已存档并记入服务台账）")
                    .replace("%1", quoted_name(result.path)).replace("%2", number))
        else:  # where the paper went (or the file "print to file" wrote), then where its copy is kept
            if printed.file:
                went = self.tr("已打印到文件 %1，共 %n 页。", "", printed.pages).replace("%1", quoted_name(printed.file))
            elif printed.printer:
                went = self.tr("已发送到打印机“%1”，共 %n 页。", "", printed.pages).replace("%1", quoted_name(printed.printer))
            else:
                went = self.tr("已发送到打印机，共 %n 页。", "", printed.pages)
            text = went + self.tr("存档副本：%1（报告编号 %2，已记入服务台账）").replace(
                "%1", quoted_name(result.archived_path)).replace("%2", number)
        self.message.setText(text)
        announce(self.message)

    def _on_failed(self, error: BaseException) -> None:
        self._export_task = None
        self._saved = None
        self._set_busy(False, "")
        if isinstance(error, IpdeskError):
            text = error.message(self.lang)
        else:
            log.error("report export failed", exc_info=error)
            text = self.tr("生成报告时出错：%1").replace("%1", str(error))
        self.message.setText(text)
        announce(self.message)
        self.sig_failed.emit(text)

    def _set_busy(self, busy: bool, text: str) -> None:
        for button in (self.preview_button, self.print_button, self.pdf_button, self.docx_button, self.xlsx_button):
            button.setEnabled(not busy and len(self.basket) > 0)
        if text:
            self._saved = None  # the message now says something else
            self.message.setText(text)

    # --- preview and print --------------------------------------------------------------------

    def _with_report(self, then: Any) -> None:
        self._snapshot()
        self._set_busy(True, self.tr("正在准备报告…"))

        def done(report: Report) -> None:
            self._set_busy(False, "")
            self._saved = None
            self.message.clear()
            then(report)

        self.tasks.run(self._build_report, on_done=done, on_error=self._on_failed, key="report-build",
                       wait_if_busy=True)

    def _on_preview_clicked(self) -> None:
        self._with_report(self._show_preview)

    def _show_preview(self, report: Report) -> None:
        self.preview = QPrintPreviewDialog(self)
        self.preview.setWindowTitle(self.tr("报告预览"))
        self.preview.printer().setPageLayout(report_page_layout())  # the pages the PDF export has
        self.preview.paintRequested.connect(lambda printer: paint_report(report, printer))
        print_action = preview_print_action(self.preview)
        if print_action is not None:
            # Qt's own Print would paint on the GUI thread, with no report number, and neither archive
            # nor log the printout: it goes the way the page's 打印 does instead
            print_action.triggered.disconnect()
            print_action.triggered.connect(lambda: self._print_from_preview(report))
        self.preview.open()

    def _print_from_preview(self, report: Report) -> None:
        self.preview.close()
        self._print(report)

    def _on_print_clicked(self) -> None:
        self._with_report(self._print)

    def _print(self, report: Report) -> None:
        # the pages the PDF export has, unless changed in the dialog
        printer = ask_printer(self, self.tr("打印报告"), report_page_layout(), doc_name=print_job_name(report),
                              file_suggestion=fitted_name(documents_folder(), report.title, ".pdf"))
        if printer is not None:
            self.print_to(report, printer)

    def print_to(self, report: Report, printer: QPrinter) -> None:
        """Number the report (on the database worker), paint it onto `printer` (set up by the dialog)
        in the background, then archive a PDF copy of what was printed (the printer's paper and margins,
        so the same pages) and log it; `sig_exported` or `sig_failed` answers. The number comes first
        so that the paper carries the one its archived copy and the service record get (it had none:
        the copy was numbered after the painting); when nothing reached the printer it is given back, and
        when the painting broke off midway (a page may carry it) the basket keeps it for the reprint."""
        self._printer = printer  # kept alive until the painting is done
        self._set_busy(True, self.tr("正在打印…"))
        page_layout = QPageLayout(printer.pageLayout())
        to_file = printer.outputFileName()  # "print to file" (or a PDF printer writing one)
        printer_name = printer.printerName()
        reports = self.services.reports
        began = threading.Event()  # set once the printer was opened: from then on a page may carry the number

        def archive_copy(r: Report, path: Path) -> None:
            render_pdf_in_process(r, path, page_layout)

        def numbered(hold: NumberHold | None) -> None:
            printer.setDocName(print_job_name(report))  # with its number now
            print_in_background(self.tasks, printer, lambda device: paint_report(report, device, began=began),
                                key="report-print",
                                on_done=lambda pages: printed(pages, hold), on_error=lambda error: failed(error, hold),
                                owner=self)

        def printed(pages: int, hold: NumberHold | None) -> None:
            self._printer = None
            self.printed_pages = pages
            self._report_no = self._report_no or report.report_no  # on paper now: the basket's number
            note = PrintNote(printer_name, to_file, pages)
            self.tasks.run(lambda: reports.export(report, PRINTOUT_FORMAT, None, renderers={"pdf": archive_copy},
                                                  printed=True, hold=hold),
                           on_done=lambda result: self._on_exported(result, note), on_error=self._on_failed,
                           key="report-archive")

        def failed(error: BaseException, hold: NumberHold | None = None) -> None:
            self._printer = None
            if hold is not None:
                on_paper = began.is_set()
                if on_paper:  # a page may carry the number: a reprint of this basket carries it too
                    self._report_no = self._report_no or report.report_no
                self.tasks.run(lambda: reports.release_number(report, hold, on_paper=on_paper))
            self._on_failed(error)

        self.tasks.run(lambda: reports.reserve_number(report), on_done=numbered, on_error=failed, key="report-number")

    # --- service record -----------------------------------------------------------------------

    def refresh_records(self) -> None:
        reports = self.services.reports
        self._show_retention(self.services.settings)  # the cut-off moves on with the date
        self.tasks.run(reports.months, on_done=self._on_months, on_error=self._on_record_error, key="report-months",
                       wait_if_busy=True)

    def _on_months(self, months: list[str]) -> None:
        current = self.month_combo.currentData()
        self.month_combo.blockSignals(True)
        self.month_combo.clear()
        self.month_combo.addItem(self.tr("全部"), "")
        for month in months:
            self.month_combo.addItem(month, month)
        index = self.month_combo.findData(current if current is not None else (months[0] if months else ""))
        self.month_combo.setCurrentIndex(max(0, index))
        self.month_combo.blockSignals(False)
        self._load_records()

    def selected_month(self) -> str:
        return str(self.month_combo.currentData() or "")

    def _load_records(self) -> None:
        reports = self.services.reports
        month, client = self.selected_month(), self.client_filter.text().strip()
        self.tasks.run(lambda: (reports.service_entries(month, client=client), reports.leftover_files()),
                       on_done=lambda found: self._show_records(*found),
                       on_error=self._on_record_error, key="report-records", wait_if_busy=True)

    def _show_records(self, entries: list[Any], leftovers: list[Path] | None = None) -> None:
        """The entries in the table; under it their count, what was just done, and the report files of
        deleted entries that could not be removed (`leftovers`: the entries are gone, this still names them)."""
        self.records.setRowCount(len(entries))
        for row, e in enumerate(entries):
            purpose = purpose_in(e.purpose, self.lang)
            values = [e.created_at.strftime("%Y-%m-%d %H:%M"), e.staff, e.client, purpose, e.outcome, e.report_no]
            tips = ["", e.staff, e.client, "\n".join(x for x in (purpose, e.detail_in(self.lang)) if x), e.outcome,
                    " · ".join(x for x in (e.report_no, formats_text(e, self.lang)) if x)]
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                if tips[col]:
                    item.setToolTip(as_plain(tips[col]))  # the whole text of a cell cut short
                if col == 0:
                    item.setData(Qt.ItemDataRole.UserRole, e.report_path)
                    item.setData(_ENTRY_ROLE, e.id)
                    item.setData(_REPORT_NO_ROLE, e.report_no)
                self.records.setItem(row, col, item)
        self._size_record_columns()
        if self.client_filter.text().strip():
            self.record_message.setText(self.tr("服务对象“%1”：共 %n 条记录", "", len(entries))
                                        .replace("%1", quoted_name(self.client_filter.text().strip())))
        else:
            self.record_message.setText(self.tr("共 %n 条记录", "", len(entries)))
        if self._record_note:  # a deletion's own note names the files it left
            self.record_message.setText(self.record_message.text() + "\n" + self._record_note)
            self._record_note = ""
        elif leftovers:
            self.record_message.setText(self.record_message.text() + "\n" + self.tr(
                "已删除记录的 %n 个报告文件未能删除（请关闭打开它们的程序后手动删除；下次删除记录时会再试）：", "",
                len(leftovers)) + "".join("\n" + str(p) for p in leftovers))
        self.sig_records_shown.emit(len(entries))

    def _on_find_client(self) -> None:
        """A client's entries from every month: someone asking what is kept about them means all of it."""
        if self.client_filter.text().strip() and self.month_combo.currentIndex() != 0:
            self.month_combo.setCurrentIndex(0)  # 全部 / All: loads the entries
        else:
            self._load_records()

    def selected_entries(self) -> list[tuple[int, str]]:
        """The chosen rows' entry ids and report numbers, top to bottom."""
        rows = sorted({index.row() for index in self.records.selectionModel().selectedRows()})
        out = []
        for row in rows:
            item = self.records.item(row, 0)
            if item is not None and item.data(_ENTRY_ROLE) is not None:
                out.append((int(item.data(_ENTRY_ROLE)), str(item.data(_REPORT_NO_ROLE) or "")))
        return out

    def chosen_clients(self) -> list[tuple[str, int]]:
        """The clients of the chosen rows and how many rows each, in the list's order: a search for 张三
        also lists 张三丰, and the question must say whose entries go."""
        counts: dict[str, int] = {}
        for row in sorted({index.row() for index in self.records.selectionModel().selectedRows()}):
            item = self.records.item(row, 2)
            name = item.text() if item is not None else ""
            counts[name] = counts.get(name, 0) + 1
        return list(counts.items())

    def _clients_text(self) -> str:
        return self.tr("、").join(
            self.tr("%1（%n 条）", "", n).replace("%1", quoted_name(name) or self.tr("未填写")) for name, n in self.chosen_clients())

    def confirm_delete(self, count: int, numbers: list[str]) -> bool:
        text = self.tr("删除所选的 %n 条服务台账记录吗？", "", count)
        text += "\n" + self.tr("服务对象：%1").replace("%1", self._clients_text())
        if numbers:
            text += "\n" + self.tr("它们的存档报告（%1）也会删除，包括每种格式的文件。").replace("%1", self.tr("、").join(numbers))
        text += "\n" + self.tr("删除后无法撤销。以前做的备份和导出的台账中仍有这些记录。")
        answer = QMessageBox.question(self, self.tr("删除服务台账记录"), as_plain(text),
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def ask_client_name(self, current: str) -> str | None:
        clients = self.chosen_clients()
        question = self.tr("所选的 %n 条记录（服务对象：%1）的服务对象改为（已存档的报告文件仍印着原来的名称）：", "",
                           sum(n for _name, n in clients)).replace("%1", self._clients_text())
        if len(clients) > 1:  # a search for 张三 lists 张三丰 too: correcting all would merge two people
            question = self.tr("注意：所选记录属于不同的服务对象，都会改为同一个名称。") + "\n" + question
        name, ok = QInputDialog.getText(self, self.tr("更正服务对象"), as_plain(question), QLineEdit.EchoMode.Normal, current)
        return name.strip() if ok and name.strip() else None

    def _on_delete_clicked(self) -> None:
        chosen = self.selected_entries()
        if not chosen:
            self.record_message.setText(self.tr("请先在表中选中要删除的记录。"))
            announce(self.record_message)
            return
        numbers = sorted({number for _id, number in chosen if number})
        if not self.confirm_delete(len(chosen), numbers):
            return
        reports = self.services.reports
        ids = [entry_id for entry_id, _n in chosen]
        self.tasks.run(lambda: reports.delete_entries(ids), on_done=self._on_deleted,
                       on_error=self._on_record_error, key="report-delete")

    def _on_deleted(self, done: Any) -> None:
        text = self.tr("已删除 %n 条记录", "", done.entries) + self.tr("、%n 个存档报告文件。", "", len(done.files))
        # each sentence and each file on a line of its own (they ran on: "….pdf数据文件夹中…"), the
        # files to be copied from the page (the label is selectable)
        if done.left:
            text += "\n" + self.tr("以下文件无法删除，请关闭打开它的程序后手动删除：%1").replace(
                "%1", "".join("\n" + quoted_name(p) for p in done.left))
        if done.copies:
            text += "\n" + self.tr("数据文件夹中较早的副本可能仍有这些记录，不再需要时请删除：%1").replace(
                "%1", "".join("\n" + quoted_name(p) for p in done.copies))
        self._record_note = text  # said again after the count when the list is shown again
        self.record_message.setText(text)
        announce(self.record_message)
        self.refresh_records()
        self.sig_records_deleted.emit(done)

    def _on_rename_clicked(self) -> None:
        chosen = self.selected_entries()
        if not chosen:
            self.record_message.setText(self.tr("请先在表中选中要更正的记录。"))
            announce(self.record_message)
            return
        first = self.records.item(self.records.selectionModel().selectedRows()[0].row(), 2)
        name = self.ask_client_name(first.text() if first is not None else "")
        if name is None:
            return
        reports = self.services.reports
        ids = [entry_id for entry_id, _n in chosen]
        self.tasks.run(lambda: reports.rename_client(ids, name), on_done=lambda n: self._on_renamed(n, name),
                       on_error=self._on_record_error, key="report-rename")

    def _on_renamed(self, count: int, name: str) -> None:
        """Say what was corrected, and find the corrected entries by their new name: a list still found
        by the misspelt one would come back empty, as if they had gone."""
        self._record_note = self.tr("已更正 %n 条记录的服务对象为“%1”。已存档的报告文件仍印着原来的名称。", "",
                                    count).replace("%1", quoted_name(name))
        self.record_message.setText(self._record_note)
        announce(self.record_message)
        if self.client_filter.text().strip():
            self.client_filter.blockSignals(True)  # its emptied-box reload is not wanted: one load below
            self.client_filter.setText(name)
            self.client_filter.blockSignals(False)
        self.refresh_records()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.records.viewport() and event.type() == QEvent.Type.Resize and self.records.rowCount():
            self._size_record_columns()
        if (watched is self.records and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Delete
                and event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
                and self.selected_entries()):
            self._on_delete_clicked()  # the same question as the button; key events reach the table only with focus
            return True
        return super().eventFilter(watched, event)

    def _size_record_columns(self) -> None:
        """The staff, client and purpose columns as wide as their content while the outcome keeps room
        for _OUTCOME_MIN_EMS characters; only when they do not fit together is a long one cut short (its
        tooltip holds it), the longest first and never below its cap. No header is cut."""
        table = self.records
        header = table.horizontalHeader()
        em = max(1, table.fontMetrics().horizontalAdvance("中"))

        def least(col: int) -> int:
            head = table.horizontalHeaderItem(col)
            return header.fontMetrics().horizontalAdvance(head.text() if head is not None else "") + 2 * em

        sized = sorted(_RECORD_COLUMN_EMS)
        wanted = []
        for col in sized:
            table.resizeColumnToContents(col)
            wanted.append(max(table.columnWidth(col), least(col)))
        fixed = sum(header.sectionSize(col) for col in range(table.columnCount()) if col not in sized and col != 4)
        room = table.viewport().width() - fixed - max(_OUTCOME_MIN_EMS * em, least(4))
        if sum(wanted) > room:  # too wide together: each cut to its cap, no further
            wanted = [max(min(w, _RECORD_COLUMN_EMS[col] * em), least(col)) for col, w in zip(sized, wanted, strict=True)]
        for col, width in zip(sized, wanted, strict=True):
            table.setColumnWidth(col, width)

    def _on_record_error(self, error: BaseException) -> None:
        text = error_text(error, self.lang, doing="reading the service record")
        self.record_message.setText(text)
        announce(self.record_message)

    def export_ledger_to(self, path: Path) -> None:
        reports = self.services.reports
        month, lang = self.selected_month(), self.lang
        self.tasks.run(lambda: reports.export_ledger(path, month, lang), on_done=self._on_ledger_written,
                       on_error=self._on_record_error, key="report-ledger")

    def _on_ledger_clicked(self) -> None:
        name = self.tr("服务台账") + (f"_{self.selected_month()}" if self.selected_month() else "") + ".xlsx"
        path = ask_save_path(self, self.tr("导出服务台账"), documents_folder() / name, _FILTERS["xlsx"], suffix=".xlsx")
        if path is not None:
            self.export_ledger_to(path)

    def _on_ledger_written(self, path: Path) -> None:
        self.record_message.setText(self.tr("台账已导出：%1").replace("%1", quoted_name(path)))
        announce(self.record_message)
        self.sig_ledger_written.emit(path)

    def _on_open_report_clicked(self) -> None:
        row = self.records.currentRow()
        item = self.records.item(row, 0) if row >= 0 else None
        path = item.data(Qt.ItemDataRole.UserRole) if item else ""
        if not path:
            self.record_message.setText(self.tr("这条记录没有报告文件。"))
            announce(self.record_message)
            return
        # looked for on a task's thread: the data folder may be on a network share that does not answer
        self.tasks.run(lambda: Path(path).exists(), owner=self, key="open-report", network=True,
                       on_done=lambda there: self._open_report(path, there),
                       on_error=self._on_open_report_failed)

    def _open_report(self, path: str, there: bool) -> None:
        if not there:
            self.record_message.setText(self.tr("报告文件已不在存档中：%1").replace("%1", quoted_name(path)))
            announce(self.record_message)
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(path))

    def _on_open_report_failed(self, exc: BaseException) -> None:
        self.record_message.setText(error_text(exc, self.lang, doing="opening an archived report"))
        announce(self.record_message)
