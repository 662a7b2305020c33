"""The Import panel (Data & sync): pick or drop files, see exactly what would change and what is
wrong with which row, export the error list, confirm.

"Data as of" (default today) dates the records whose file gives no date of its own, as
`ipdesk import --as-of` does; changed with a preview on show, the files are read again.

Reading, validating and merging run on the DB worker (`tasks.run`); the GUI thread only shows the
preview. The merge is offered only when no row was rejected, and it happens in one transaction.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QMenu,
    QPushButton,
    QScrollArea,
    QStyle,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ipdesk.domain.shown_text import quoted_name
from ipdesk.services.errors import IpdeskError
from ipdesk.services.importers import ImportCancelled, ImportPreview, ImportResult
from ipdesk.services.importers.staging import KINDS, STATUSES, export_errors
from ipdesk.services.importers.templates import export_template
from ipdesk.ui import labels
from ipdesk.ui.announce import announce
from ipdesk.ui.plain_text import as_plain
from ipdesk.ui.save_dialog import ask_save_path
from ipdesk.ui.tasks import CancelToken

log = logging.getLogger("ipdesk.ui.import")

_Index = QModelIndex | QPersistentModelIndex
_SUPPORTED = (".xml", ".zip", ".xlsx", ".xlsm", ".csv", ".tsv", ".txt")


def _importable(paths: list[Path]) -> list[Path]:
    """Of the paths dropped on the panel, the folders and the files of a type it reads; all of them
    when none is, so that the import says what it takes. Runs in the background: telling a folder
    from a file asks the disk, and a network share that does not answer would hold the window."""
    kept = [p for p in paths if p.suffix.lower() in _SUPPORTED or p.is_dir()]
    return kept or paths
_PREVIEW_ROWS = 2000
_RESTAGE_DELAY_MS = 700  # "data as of" typed digit by digit: read the files again once it settles
_COLUMN_MAX = 320  # a column fitted to its contents gets at most this wide (the tooltip has the rest)
# Columns are fitted to their header and the first rows only: fitting them to 2,000–5,000 preview or
# error rows measured every cell's text on the GUI thread, a 0.3–0.7 s stall (QA 20b N5).
_FIT_SAMPLE_ROWS = 50


class RowsModel(QAbstractTableModel):
    """A read-only table of already-formatted rows (the preview is capped, so rows fit in memory)."""

    def __init__(self, headers: list[str], parent: Any = None) -> None:
        super().__init__(parent)
        self._headers = headers
        self._rows: list[list[str]] = []

    def set_rows(self, rows: list[list[str]]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row_values(self, row: int) -> list[str]:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self._rows[index.row()]
        value = row[index.column()] if 0 <= index.column() < len(row) else None
        # a file's name or a rejected value, shown as written in a tooltip too
        return as_plain(value) if role == Qt.ItemDataRole.ToolTipRole and isinstance(value, str) else value

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return None


def _table(model: QAbstractTableModel, name: str, parent: QWidget, *, stretch: int | None = None,
           widths: dict[int, int] | None = None) -> QTableView:
    """A read-only table; `stretch`: the column that takes the spare width (else the last one;
    -1: every column, evenly)."""
    view = QTableView(parent)
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setResizeContentsPrecision(_FIT_SAMPLE_ROWS)  # rows read to fit a column
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    if stretch is None:
        header.setStretchLastSection(True)
    elif stretch < 0:
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    else:
        header.setStretchLastSection(False)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    for column, width in (widths or {}).items():
        header.resizeSection(column, width)
    return view


def _fit_columns(view: QTableView, widths: dict[int, int]) -> None:
    """Columns wide enough for their header and the values of the first _FIT_SAMPLE_ROWS rows (at
    least `widths`, at most _COLUMN_MAX unless `widths` says more); a longer value further down is
    elided, with its tooltip."""
    header = view.horizontalHeader()
    for column, least in widths.items():
        view.resizeColumnToContents(column)  # the header's text and the rows'
        header.resizeSection(column, max(least, min(header.sectionSize(column), _COLUMN_MAX)))


class _ProgressRelay(QObject):
    """Carries an import's progress from the worker to the GUI thread, a few times a second. It
    belongs to the work, not to a panel: a panel rebuilt after a language switch listens on."""

    sig_progress = Signal(str, int, int)  # stage, done, total

    def __init__(self) -> None:
        super().__init__()
        self._last = 0.0
        self._lock = threading.Lock()

    def report(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        with self._lock:
            if now - self._last < 0.2:
                return
            self._last = now
        self.sig_progress.emit(stage, done, total)


@dataclass
class ImportState:
    """What the import panel carries over a language switch (`pages.KeepsState`)."""

    preview: ImportPreview | None = None  # staged and not yet merged: previewed again in this language
    changes: list[dict[str, object]] = field(default_factory=list)
    local: bool = False
    as_of: dt.date | None = None  # the "data as of" date chosen
    paths: list[Path] = field(default_factory=list)  # the files previewed (read again when the date changes)
    tab: int = 0
    running: str = ""  # stage | commit while one runs
    files: int = 0  # how many files are being read
    task: int | None = None
    token: CancelToken | None = None
    relay: _ProgressRelay | None = None
    imported: ImportResult | None = None  # the import just merged, said again


class ImportPanel(QWidget):
    sig_preview_ready = Signal(object)  # ImportPreview
    sig_imported = Signal(object)  # ImportResult
    sig_failed = Signal(str)  # the message shown

    def __init__(self, services: Any, tasks: Any, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.tasks = tasks
        self.lang = lang
        self.preview: ImportPreview | None = None
        self._changes: list[dict[str, object]] = []
        self._token: CancelToken | None = None
        self._relay = _ProgressRelay()
        self._relay.sig_progress.connect(self._on_relay_progress)
        self._running = ""  # stage | commit
        self._files = 0
        self._task: int | None = None
        self._imported: ImportResult | None = None
        self._paths: list[Path] = []  # the files of the preview on show
        self._reveal_area: QScrollArea | None = None  # what scrolls the panel, followed to show a new preview
        self._reveal_pending = False
        self._restage_timer = QTimer(self)
        self._restage_timer.setSingleShot(True)
        self._restage_timer.setInterval(_RESTAGE_DELAY_MS)
        self._restage_timer.timeout.connect(self._restage_if_options_changed)
        self.setAcceptDrops(True)
        self.setAccessibleName(self.tr("导入文件"))  # the tab says "导入文件" already: no title of its own

        layout = QVBoxLayout(self)
        hint = QLabel(self.tr("把国家知识产权局专利 XML（或其 ZIP）、WIPO ST.96 文件、Excel 或 CSV 清单拖到这里，"
                              "或点“选择文件…”。先预览，确认后才写入数据库。"), self)
        hint.setWordWrap(True)
        layout.addWidget(hint)

        # the date the records are "as of" when the file gives none (as `ipdesk import --as-of`)
        as_of_row = QHBoxLayout()
        as_of_label = QLabel(self.tr("数据截至："), self)
        self.as_of_edit = QDateEdit(QDate.currentDate(), self)
        self.as_of_edit.setCalendarPopup(True)
        self.as_of_edit.setDisplayFormat("yyyy-MM-dd")
        self.as_of_edit.setMaximumDate(QDate.currentDate())
        self.as_of_edit.setAccessibleName(self.tr("数据截至日期"))
        as_of_hint = self.tr("清单中的记录截至哪一天（默认今天）。文件自己写明日期的记录（如“截至日期”列、专利 XML 的生成日期）"
                             "以文件为准。")
        self.as_of_edit.setAccessibleDescription(as_of_hint)
        self.as_of_edit.setToolTip(as_of_hint)
        as_of_label.setBuddy(self.as_of_edit)
        self.as_of_note = QLabel(self.tr("（默认今天；文件里写明日期的记录以文件为准）"), self)
        self.as_of_note.setWordWrap(True)
        as_of_row.addWidget(as_of_label)
        as_of_row.addWidget(self.as_of_edit)
        as_of_row.addWidget(self.as_of_note, 1)
        layout.addLayout(as_of_row)
        self.as_of_edit.dateChanged.connect(self._on_options_changed)

        row = QHBoxLayout()
        self.choose_button = QPushButton(self.tr("选择文件…"), self)
        self.choose_button.setAccessibleName(self.tr("选择要导入的文件"))
        self.choose_button.clicked.connect(self._on_choose_clicked)
        self.template_button = QPushButton(self.tr("下载空白模板…"), self)
        self.template_button.setAccessibleName(self.tr("下载空白导入模板"))
        menu = QMenu(self.template_button)
        for kind, label in (("gi", self.tr("地理标志清单")), ("patent", self.tr("专利清单")),
                            ("trademark", self.tr("商标清单"))):
            action = menu.addAction(label)
            action.triggered.connect(lambda _checked=False, k=kind: self._on_template_chosen(k))
        self.template_button.setMenu(menu)
        self.local_check = QCheckBox(self.tr("作为本机数据导入（同步不会覆盖）"), self)
        self.local_check.setToolTip(self.tr("本中心自己整理的清单：以后的数据更新不会替换这些记录。"))
        self.local_check.clicked.connect(self._on_options_changed)
        row.addWidget(self.choose_button)
        row.addWidget(self.template_button)
        row.addStretch(1)
        layout.addLayout(row)
        # on a line of its own: beside the buttons it made the page wider than 1280 at the largest font
        layout.addWidget(self.local_check)

        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName(self.tr("导入状态"))
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status_label)

        self.counts_model = RowsModel([self.tr("类型"), self.tr("新增"), self.tr("变更"), self.tr("未变"),
                                       self.tr("拒绝")], self)
        self.counts_view = _table(self.counts_model, self.tr("导入计数"), self, stretch=-1)
        self.counts_view.setMaximumHeight(110)
        layout.addWidget(self.counts_view)

        self.tabs = QTabWidget(self)
        self.changes_model = RowsModel([self.tr("状态"), self.tr("类型"), self.tr("编号或名称"), self.tr("标题"),
                                        self.tr("文件"), self.tr("行")], self)
        # the title takes the spare width; file names get room for a typical name
        self._changes_widths = {0: 70, 1: 90, 2: 150, 4: 200, 5: 70}
        self.changes_view = _table(self.changes_model, self.tr("将要发生的变化"), self, stretch=3,
                                   widths=self._changes_widths)
        self.errors_model = RowsModel([self.tr("文件"), self.tr("行"), self.tr("列"), self.tr("值"),
                                       self.tr("原因")], self)
        self.errors_view = _table(self.errors_model, self.tr("错误清单"), self)
        self.notices_list = QListWidget(self)
        self.notices_list.setAccessibleName(self.tr("文件说明"))
        self.notices_list.setWordWrap(True)
        self.tabs.addTab(self.changes_view, self.tr("变化"))
        self.tabs.addTab(self.errors_view, self.tr("错误"))
        self.tabs.addTab(self.notices_list, self.tr("说明"))
        layout.addWidget(self.tabs, 1)

        buttons = QHBoxLayout()
        self.export_errors_button = QPushButton(self.tr("导出错误清单…"), self)
        self.export_errors_button.clicked.connect(self._on_export_errors_clicked)
        self.cancel_button = QPushButton(self.tr("取消"), self)
        self.cancel_button.clicked.connect(self.cancel)
        self.confirm_button = QPushButton(self.tr("确认导入"), self)
        self.confirm_button.setAccessibleName(self.tr("确认导入并写入数据库"))
        self.confirm_button.clicked.connect(self.confirm)
        buttons.addWidget(self.export_errors_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.confirm_button)
        layout.addLayout(buttons)
        # with no preview the controls stay together at the top (the tables take the room otherwise)
        layout.addStretch(0)

        self._busy = False
        self._update_buttons()

    # -- over a language switch ----------------------------------------------------------------

    def save_state(self) -> ImportState:
        running = self._running if self.tasks.is_running(self._task) else ""
        return ImportState(preview=self.preview, changes=self._changes, local=self.local_check.isChecked(),
                           as_of=self.as_of(), paths=list(self._paths),
                           tab=self.tabs.currentIndex(), running=running, files=self._files,
                           task=self._task if running else None, token=self._token, relay=self._relay,
                           imported=self._imported)

    def restore_state(self, state: ImportState) -> None:
        """A staged import previewed again in this language (it stays staged, ready to confirm);
        reading or merging still running carries on here, with its progress and its answer."""
        self.local_check.setChecked(state.local)
        if state.as_of is not None:
            self.as_of_edit.blockSignals(True)
            self.as_of_edit.setDate(QDate(state.as_of.year, state.as_of.month, state.as_of.day))
            self.as_of_edit.blockSignals(False)
        self._paths = list(state.paths)
        if state.imported is not None:
            self._say_imported(state.imported)
        if state.preview is not None and not state.preview.committed:
            self.preview = state.preview
            self._show_preview(state.preview, state.changes)
            self.tabs.setCurrentIndex(state.tab)
        done = self._on_staged if state.running == "stage" else self._on_committed
        if state.running and self.tasks.adopt(state.task, on_done=done, on_error=self._on_failed):
            self._running, self._files, self._task, self._token = state.running, state.files, state.task, state.token
            if state.relay is not None:
                self._relay.sig_progress.disconnect(self._on_relay_progress)
                self._relay = state.relay
                self._relay.sig_progress.connect(self._on_relay_progress)
            cancelling = state.token is not None and state.token.cancelled
            self._set_busy(True, self.tr("正在取消…") if cancelling else self._busy_text())

    # -- actions (public so that tests and other pages can drive them) ------------------------

    def stage_files(self, paths: list[Path], *, dropped: bool = False) -> None:
        """Read and validate `paths` in the background; the preview arrives by sig_preview_ready.
        `dropped`: paths dropped on the panel, sifted by `_importable` in the background."""
        if self._busy:
            return
        self._restage_timer.stop()
        self.discard()
        self._follow_today()
        files = [Path(p) for p in paths]
        if not files:
            return
        self._paths = files
        self._running, self._files = "stage", len(files)
        self._set_busy(True, self._busy_text())
        token = CancelToken()
        self._token = token
        importer = self.services.importer
        local = self.local_check.isChecked()
        as_of = self.as_of()
        relay = self._relay

        def work() -> tuple[ImportPreview, list[dict[str, object]], list[Path]]:
            chosen = _importable(files) if dropped else files
            preview: ImportPreview = importer.stage(chosen, local=local, as_of=as_of, progress=relay.report,
                                                    cancelled=lambda: token.cancelled)
            changes = [c for c in preview.changes(limit=_PREVIEW_ROWS) if c["status"] != "unchanged"]
            return preview, changes, chosen

        self._task = self.tasks.run(work, on_done=self._on_staged, on_error=self._on_failed, token=token,
                                    answer_cancelled=True)  # Cancel answers: the panel is ready again

    def confirm(self) -> None:
        """Merge the previewed import (one transaction) in the background."""
        preview = self.preview
        if preview is None or not preview.can_commit or self._busy:
            return
        if not self._preview_matches_options(preview):  # changed a moment ago: preview those first
            self._restage_if_options_changed()
            return
        self._running = "commit"
        self._set_busy(True, self._busy_text())
        token = CancelToken()
        self._token = token
        importer = self.services.importer
        relay = self._relay

        def work() -> ImportResult:
            result: ImportResult = importer.commit(preview, progress=relay.report, cancelled=lambda: token.cancelled)
            return result

        self._task = self.tasks.run(work, on_done=self._on_committed, on_error=self._on_failed, token=token,
                                    answer_cancelled=True)

    def cancel(self) -> None:
        """While reading or writing: stop at the next step; the task's answer (`_on_failed` with
        ImportCancelled) says "已取消" and frees the panel. Otherwise: drop the preview on show."""
        if self._busy and self._token is not None:
            self._token.cancel()
            self._say(self.tr("正在取消…"))
            return
        self.discard()
        self._say(self.tr("已取消，数据库未改变。"))

    def discard(self) -> None:
        self._reveal_pending = False
        if self.preview is not None and not self.preview.committed:
            self.preview.discard()
        self.preview = None
        self._changes = []
        self.counts_model.set_rows([])
        self.changes_model.set_rows([])
        self.errors_model.set_rows([])
        self.notices_list.clear()
        self._update_buttons()

    def export_errors_to(self, path: Path) -> None:
        preview = self.preview
        if preview is None or not preview.errors:
            return
        errors, lang = list(preview.errors), self.lang

        def done(out: Path) -> None:
            if self._alive():
                self._say(self.tr("错误清单已保存：%1").replace("%1", str(out)))

        self.tasks.run(lambda: export_errors(errors, path, lang), on_done=done, on_error=self._on_failed)

    def export_template_to(self, kind: str, path: Path) -> None:
        lang = self.lang

        def done(out: Path) -> None:
            if self._alive():
                self._say(self.tr("模板已保存：%1").replace("%1", str(out)))

        self.tasks.run(lambda: export_template(kind, path, lang), on_done=done, on_error=self._on_failed)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._follow_today()

    def _follow_today(self) -> None:
        """The window left open past midnight (a centre's computer runs all week): the date box
        reached only the day the panel was built, and its default ("today") stayed that day, so a list
        imported on Wednesday was dated Monday and Wednesday could not be chosen. Now it reaches
        today, and the default, if untouched and nothing is previewed, moves to today."""
        today = QDate.currentDate()
        last = self.as_of_edit.maximumDate()
        if last >= today:
            return
        untouched = self.as_of_edit.date() == last
        self.as_of_edit.setMaximumDate(today)
        if untouched and self.preview is None and not self._busy:
            self.as_of_edit.setDate(today)

    def as_of(self) -> dt.date:
        """The "data as of" date chosen (today unless changed)."""
        chosen = self.as_of_edit.date()
        return dt.date(chosen.year(), chosen.month(), chosen.day())

    def _preview_matches_options(self, preview: ImportPreview) -> bool:
        return preview.as_of == self.as_of() and preview.local == self.local_check.isChecked()

    def _on_options_changed(self, *_args: object) -> None:
        """The date or "local" changed: a preview on show was read with the old ones, so read again."""
        if self.preview is not None and self._paths:
            self._restage_timer.start()

    def _restage_if_options_changed(self) -> None:
        preview = self.preview
        if (self._busy or preview is None or preview.committed or not self._paths
                or self._preview_matches_options(preview)):
            return
        self.stage_files(self._paths)

    # -- drag and drop -------------------------------------------------------------------------

    @staticmethod
    def _dropped_paths(event: QDragEnterEvent | QDropEvent) -> list[Path]:
        """The local files and folders dropped, as named: nothing here asks the disk (see _importable)."""
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if not self._busy and self._dropped_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._dropped_paths(event)
        if paths:
            event.acceptProposedAction()
            self.stage_files(paths, dropped=True)

    # -- slots ---------------------------------------------------------------------------------

    def _on_choose_clicked(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, self.tr("选择要导入的文件"), "",
            self.tr("可导入的文件 (*.xml *.XML *.zip *.xlsx *.xlsm *.csv *.tsv *.txt);;所有文件 (*)"),
        )
        if files:
            self.stage_files([Path(f) for f in files])

    def _on_template_chosen(self, kind: str) -> None:
        default = {"gi": "地理标志导入模板.xlsx", "patent": "专利导入模板.xlsx", "trademark": "商标导入模板.xlsx"}[kind]
        path = ask_save_path(self, self.tr("保存空白模板"), default, "Excel (*.xlsx)", suffix=".xlsx")
        if path is not None:
            self.export_template_to(kind, path)

    def _on_export_errors_clicked(self) -> None:
        path = ask_save_path(self, self.tr("导出错误清单"), self.tr("导入错误清单.xlsx"), "Excel (*.xlsx)",
                             suffix=".xlsx")
        if path is not None:
            self.export_errors_to(path)

    def _on_relay_progress(self, stage: str, done: int, total: int) -> None:
        if not self._busy or (self._token is not None and self._token.cancelled):
            return  # a report queued before the work answered, or before Cancel: "正在取消…" stays
        if stage == "wait":
            self._say(self.tr("正在等待数据更新应用完毕，之后写入…"))
            return
        names = {"read": self.tr("读取"), "compare": self.tr("比对"), "merge": self.tr("写入")}
        self._say(f"{names.get(stage, stage)}: {done:,}" + (f" / {total:,}" if total else ""))

    def _busy_text(self) -> str:
        if self._running == "commit":
            return self.tr("正在写入数据库…")
        return self.tr("正在读取和校验 %Ln 个文件…", "", self._files)

    def _say(self, text: str) -> None:
        self._imported = None  # the line says something else now
        self.status_label.setText(text)
        self.status_label.setVisible(bool(text))
        announce(self.status_label)

    def _say_imported(self, result: ImportResult) -> None:
        ins, upd = sum(result.inserted.values()), sum(result.updated.values())
        self._say(self.tr("导入完成：新增 %1 条，变更 %2 条。现在可以在搜索中找到这些记录。")
                  .replace("%1", f"{ins:,}").replace("%2", f"{upd:,}"))
        self._imported = result

    def _alive(self) -> bool:
        """Background results may arrive after the panel was closed; they are then dropped."""
        return shiboken6.isValid(self) and shiboken6.isValid(self.status_label)

    def _on_staged(self, staged: tuple[ImportPreview, list[dict[str, object]], list[Path]]) -> None:
        preview, changes, files = staged
        if not self._alive():
            preview.discard()
            return
        self._set_busy(False)
        self._paths = files  # a drop's sifted files: what a re-read after an option change reads
        self.preview = preview
        self._changes = changes
        self._show_preview(preview, changes)
        self._reveal_preview()
        self.sig_preview_ready.emit(preview)
        if not self._preview_matches_options(preview):  # changed while the files were read
            self._restage_timer.start()

    def _on_committed(self, result: ImportResult) -> None:
        if not self._alive():
            return
        self._set_busy(False)
        self._say_imported(result)
        self.preview = None
        self._paths = []
        self._changes = []
        self._update_buttons()
        self.sig_imported.emit(result)

    def _on_failed(self, error: BaseException) -> None:
        if not self._alive():
            log.info("import failed after its panel closed: %r", error)
            return
        self._set_busy(False)
        self._token = None
        if isinstance(error, ImportCancelled):  # Cancel clicked: nothing was written, ready for another file
            self.discard()
            self._say(self.tr("已取消，数据库未改变。"))
            return
        if isinstance(error, IpdeskError):
            message = error.message(self.lang)
        else:
            log.error("import failed: %r", error)
            message = self.tr("导入失败，数据库未改变：%1").replace("%1", str(error))
        self._say(message)
        self._update_buttons()
        self.sig_failed.emit(message)

    # -- display -------------------------------------------------------------------------------

    def _kind_name(self, kind: str) -> str:
        return {"patent": self.tr("专利"), "trademark": self.tr("商标"), "gi": self.tr("地理标志")}.get(kind, kind)

    def _status_name(self, status: str) -> str:
        return {"new": self.tr("新增"), "changed": self.tr("变更"), "unchanged": self.tr("未变"),
                "rejected": self.tr("拒绝")}.get(status, status)

    def _key_text(self, kind: str, key: str) -> str:
        """A staged record's key as people read it: "注册号 12345678，第 30 类", "五常大米（地理标志产品）"."""
        first, _, second = key.partition("|")
        if kind == "trademark" and second:
            return self.tr("注册号 %1，第 %2 类").replace("%1", first).replace("%2", second)
        if kind == "gi" and second:
            return self.tr("%1（%2）").replace("%1", second).replace("%2", labels.gi_kind_name(first))
        return key.replace("|", " ")

    def _show_preview(self, preview: ImportPreview, changes: list[dict[str, object]]) -> None:
        self.counts_model.set_rows([
            [self._kind_name(k), *(f"{preview.counts[k][s]:,}" for s in STATUSES)]
            for k in KINDS if any(preview.counts[k].values())
        ])
        self.changes_model.set_rows([
            [self._status_name(str(c["status"])), labels.kind_name(str(c["kind"])),  # one record: "Trademark"
             self._key_text(str(c["kind"]), str(c["key"])),
             str(c["title"]), quoted_name(f"{c['file']} {c['where']}".strip()), str(c["row"])]
            for c in changes
        ])
        self.errors_model.set_rows([  # a file's name on one line ("a⏎b.csv"), as the messages quote it
            [quoted_name(f"{e.file} {e.where}".strip()), "" if e.whole_file else str(e.row), e.column_label(self.lang), e.value,
             e.why(self.lang)] for e in preview.errors
        ])
        _fit_columns(self.changes_view, self._changes_widths)
        _fit_columns(self.errors_view, dict.fromkeys((0, 1, 2, 3), self.errors_view.horizontalHeader().defaultSectionSize()))
        self.notices_list.clear()
        for notice in preview.notices:
            self.notices_list.addItem(notice.text(self.lang))
        rejected = preview.total("rejected")
        if rejected:
            text = (self.tr("%1被拒绝（%2）：请改正后重新导入。所有行都有效才能导入。")
                    .replace("%1", self.tr("%Ln 行", "rows rejected", rejected))
                    .replace("%2", self.tr("共 %Ln 个问题", "problems found", preview.error_count)))
            self.tabs.setCurrentWidget(self.errors_view)
        elif preview.total("new") + preview.total("changed") == 0:
            text = self.tr("所有记录都与数据库一致，无需导入。")
        else:
            text = self.tr("请检查下面的变化，然后点“确认导入”。")
            self.tabs.setCurrentWidget(self.changes_view)
        if preview.foreign_total:  # other offices' trademarks or GIs: listed with the errors, never imported
            text += " " + self.tr("另有 %1不是中国国家知识产权局的（其他国家或地区的商标或地理标志），不会导入，见“错误”。").replace(
                "%1", self.tr("%Ln 条记录", "records of another office", preview.foreign_total))
        self._say(text)
        self._update_buttons()

    def _reveal_preview(self) -> None:
        """Scroll whatever scrolls the panel (the window's frame around Data & sync) so that the preview, from the
        line that says what to check down to 确认导入 and 取消, is in sight: on a short window (1366×768 at 125 %)
        it came in under the datasets table, 363 px down, and choosing a file seemed to do nothing. The page grows
        over a few rounds of layout, so the frame follows each change of its height until the person scrolls."""
        area = self.parentWidget()
        while area is not None and not isinstance(area, QScrollArea):
            area = area.parentWidget()
        if area is None:
            return
        if self._reveal_area is not area:
            bar = area.verticalScrollBar()
            bar.rangeChanged.connect(self._on_frame_range_changed)
            bar.actionTriggered.connect(self._on_frame_scrolled)
            self._reveal_area = area
        self._reveal_pending = True
        QTimer.singleShot(0, self, self._bring_preview_into_view)

    def _on_frame_range_changed(self, _least: int, _most: int) -> None:
        if self._reveal_pending:
            QTimer.singleShot(0, self, self._bring_preview_into_view)

    def _on_frame_scrolled(self, _action: int) -> None:
        """Scrolled by hand (wheel, keys, the bar): the page stays where the person put it."""
        self._reveal_pending = False

    def _bring_preview_into_view(self) -> None:
        area = self._reveal_area
        if not self._alive() or area is None or not self._reveal_pending or self.preview is None:
            return
        margin = self.style().pixelMetric(QStyle.PixelMetric.PM_LayoutBottomMargin)
        area.ensureWidgetVisible(self.status_label, 0, margin)
        area.ensureWidgetVisible(self.confirm_button, 0, margin)  # the buttons win when not all fits

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self._busy = busy
        if not busy:
            self._running, self._task = "", None
        if text:
            self._say(text)
        self._update_buttons()

    def _update_buttons(self) -> None:
        p = self.preview
        # the preview tables take room on the Data page only when there is something to show
        self.counts_view.setVisible(p is not None)
        self.tabs.setVisible(p is not None)
        self.status_label.setVisible(bool(self.status_label.text()))
        self.choose_button.setEnabled(not self._busy)
        self.template_button.setEnabled(not self._busy)
        self.local_check.setEnabled(not self._busy)
        self.as_of_edit.setEnabled(not self._busy)
        self.confirm_button.setEnabled(
            not self._busy and p is not None and p.can_commit and p.total("new") + p.total("changed") > 0)
        self.export_errors_button.setEnabled(not self._busy and p is not None and bool(p.errors))
        self.cancel_button.setEnabled(self._busy or p is not None)
