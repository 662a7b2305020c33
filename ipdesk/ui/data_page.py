"""Data & sync: every dataset with version, as-of date, origin, source and record count, and the
sync and import panels (written by their own engineers; shown as "not installed" until they exist)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ipdesk.domain.report import bilingual_part
from ipdesk.ui.backup_panel import BackupPanel
from ipdesk.ui.import_panel import ImportPanel, ImportState
from ipdesk.ui.plain_text import as_plain
from ipdesk.ui.sync_panel import SyncPanel, SyncState

log = logging.getLogger("ipdesk.ui.data")

DATASET_COLUMN, SOURCE_COLUMN, EDITION_COLUMN = 0, 5, 6  # of DatasetsModel: the columns of words that wrap
LOCAL_PREFIX = "local_"  # local_patents: the patents imported as this computer's own (`import --local`)

_Index = QModelIndex | QPersistentModelIndex



class DatasetsModel(QAbstractTableModel):
    def __init__(self, lang: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self._rows: list[Any] = []
        self._headers = [self.tr("数据集"), self.tr("版本"), self.tr("数据截至"), self.tr("来源方式"),
                         self.tr("记录数"), self.tr("来源"), self.tr("版次")]

    def set_datasets(self, datasets: list[Any]) -> None:
        """The datasets by name, each local import right under the dataset it sits beside (本机导入的专利
        under 专利), so an empty 专利 row is read with the local patents below it."""
        self.beginResetModel()
        self._rows = sorted(datasets, key=lambda d: (d.name.removeprefix(LOCAL_PREFIX), d.name.startswith(LOCAL_PREFIX)))
        self.endResetModel()

    def dataset_name(self, name: str) -> str:
        names = {"divisions": self.tr("行政区划"), "gi": self.tr("地理标志"), "classifications": self.tr("分类表"),
                 "patents": self.tr("专利"), "trademarks": self.tr("商标"),
                 "local_patents": self.tr("本机导入的专利"), "local_trademarks": self.tr("本机导入的商标"),
                 "local_gi": self.tr("本机导入的地理标志")}
        return names.get(name, name)

    def origin_name(self, origin: str) -> str:
        names = {"seed": self.tr("内置"), "import": self.tr("导入"), "sync": self.tr("同步"), "local": self.tr("本机导入")}
        return names.get(origin, origin)

    def source_text(self, d: Any) -> str:
        """The dataset's source; for an empty one whose local import holds records, where they are
        (its stored "none yet: import or sync" read as if there were no patents on the computer)."""
        local = next((r for r in self._rows if r.name == LOCAL_PREFIX + d.name), None)
        if not d.record_count and local is not None and local.record_count:
            return (self.tr("这里没有记录；本机导入的 %1 条见“%2”")
                    .replace("%1", f"{local.record_count:,}").replace("%2", self.dataset_name(local.name)))
        return bilingual_part(d.source, self.lang)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role == Qt.ItemDataRole.TextAlignmentRole:
            # a row several lines tall (wrapped source at a large font) reads from its top line in every column
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        d = self._rows[index.row()]
        values = [
            # version 0: never updated by sync (imported or empty), as the status bar leaves it out
            self.dataset_name(d.name), str(d.version) if d.version else "—", d.as_of.isoformat() if d.as_of else "—",
            self.origin_name(d.origin), f"{d.record_count:,}", self.source_text(d),
            bilingual_part(d.edition, self.lang),
        ]
        value = values[index.column()] if 0 <= index.column() < len(values) else None
        return as_plain(value) if role == Qt.ItemDataRole.ToolTipRole and value else value  # a source names a file

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return None


class DatasetsTable(QTableView):
    """The datasets: the short columns as wide as their text, the dataset name and edition wrapped within a
    few characters (never narrower than their longest English word), and the source given the room left,
    never less than `SOURCE_MIN_CHARS` characters (at the largest font it had shrunk to one word a line and a
    single row filled the box)."""

    SOURCE_MIN_CHARS = 12  # Chinese characters' widths: about 25 letters of English a line
    WRAPPED_MAX_CHARS: ClassVar[dict[int, int]] = {DATASET_COLUMN: 8, EDITION_COLUMN: 7}  # longer names and editions wrap
    WRAPPED_MIN_CHARS = 3  # Chinese wraps between any two characters

    def resizeEvent(self, event: Any) -> None:  # Qt's name
        super().resizeEvent(event)
        self.fit_columns()

    def _least_width(self, column: int, em: int, pad: int) -> int:
        """The narrowest a wrapped column can be: its longest English word (a word is not broken) and
        its header."""
        model = self.model()
        fm = self.fontMetrics()
        least = self.WRAPPED_MIN_CHARS * em
        for r in range(model.rowCount()):
            for word in str(model.index(r, column).data() or "").split():
                if word.isascii():
                    least = max(least, fm.horizontalAdvance(word))
        return max(least + pad, self.horizontalHeader().sectionSizeHint(column))

    def fit_columns(self) -> None:
        model = self.model()
        if model is None or not model.columnCount():
            return
        header = self.horizontalHeader()
        em = max(1, self.fontMetrics().horizontalAdvance("国"))
        pad = em // 2  # the cell's margins

        widths = {c: max(self.sizeHintForColumn(c), header.sectionSizeHint(c))
                  for c in range(model.columnCount()) if c != SOURCE_COLUMN}
        least = {c: self._least_width(c, em, pad) for c in self.WRAPPED_MAX_CHARS if c in widths}
        for c, most in self.WRAPPED_MAX_CHARS.items():
            if c in widths:
                widths[c] = max(min(widths[c], most * em + pad), least[c])
        room = self.viewport().width() - sum(widths.values())
        source_min = self.SOURCE_MIN_CHARS * em
        for c in least:  # still short of room: the wrapped columns give up more of theirs
            give = min(widths[c] - least[c], source_min - room)
            if give > 0:
                widths[c] -= give
                room += give
        widths[SOURCE_COLUMN] = max(room, source_min)  # at the very least: the table scrolls sideways
        for c, w in widths.items():
            header.resizeSection(c, w)
        self.resizeRowsToContents()


@dataclass(frozen=True)
class DataState:
    """What the Data & sync page carries over a language switch (`pages.KeepsState`)."""

    panel: int  # the tab on show: updates or import
    sync: SyncState
    imports: ImportState
    backup_task: tuple[str, int] | None = None  # a backup or restore under way (its kind and task id)


class DataPage(QWidget):
    sig_data_changed = Signal()  # an update applied or an import merged here (the status bar refreshes)
    sig_settings_saved = Signal(object, object)  # the update source typed here, saved (new, old Settings)
    sig_sync_message = Signal(str)  # an update started here ended: the status bar says how
    sig_open_record = Signal(str, object)  # a record of the last update's list (the window opens it, as from search)
    sig_local_records_restored = Signal()  # a backup was restored here: the Reports page shows its service record

    def __init__(self, services: Any, tasks: Any, basket: Any, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.tasks = tasks
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("本机数据"), self)
        heading.setProperty("role", "heading")
        layout.addWidget(heading)
        # a data folder on a network share (db.open_database): said here for as long as it is so
        self.network_notice = QLabel(self.tr("注意：数据文件夹 %1 在网络驱动器上。同一时间只能有一台计算机使用这个"
                                             "数据文件夹，否则数据库可能损坏；放在本机的文件夹中更快也更安全"
                                             "（见使用手册“常见的提示”）。").replace("%1", str(services.data_dir)), self)
        self.network_notice.setWordWrap(True)
        self.network_notice.setTextFormat(Qt.TextFormat.PlainText)
        self.network_notice.setProperty("role", "error")
        self.network_notice.setAccessibleName(self.tr("数据文件夹在网络驱动器上"))
        self.network_notice.setVisible(bool(services.db.on_network))
        layout.addWidget(self.network_notice)
        self.model = DatasetsModel(lang, self)
        self.table = DatasetsTable(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("数据集列表"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        # widths set by DatasetsTable.fit_columns: the long source text takes the room left and wraps, so every
        # column fits without scrolling sideways
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self.table.setWordWrap(True)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        layout.addWidget(self.table, 1)
        self.refresh_button = QPushButton(self.tr("刷新"), self)
        self.refresh_button.setAccessibleName(self.tr("刷新数据集列表"))
        self.refresh_button.clicked.connect(self.refresh)
        layout.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.panels = QTabWidget(self)
        self.panels.setAccessibleName(self.tr("数据更新与导入"))
        self.sync_panel = SyncPanel(services, tasks, lang, self.panels)
        self.import_panel = ImportPanel(services, tasks, lang, self.panels)
        # the centre's own records: a tab beside updates and imports, in sight without scrolling the page
        self.backup_panel = BackupPanel(services, tasks, lang, self.panels)
        self.panels.addTab(self.sync_panel, self.tr("数据更新"))
        self.panels.addTab(self.import_panel, self.tr("导入文件"))
        self.panels.addTab(self.backup_panel, self.tr("备份与恢复"))
        layout.addWidget(self.panels, 3)
        self.backup_panel.sig_restored.connect(self._on_restored)
        # After an update or an import the table shows the new versions and counts.
        self.sync_panel.sig_applied.connect(self._on_data_changed)
        self.import_panel.sig_imported.connect(self._on_data_changed)
        self.sync_panel.sig_source_saved.connect(self.sig_settings_saved)
        self.sync_panel.sig_sync_ended.connect(self.sig_sync_message)
        self.sync_panel.sig_open_record.connect(self.sig_open_record)
        self.refresh()

    def show_settings(self, settings: Any) -> None:
        """Settings saved elsewhere (the Settings page): the update source shows here at once."""
        self.sync_panel.show_source(settings.update_source)

    def cancel_running(self) -> None:
        """The window is closing: a check or an update running here is cancelled."""
        self.sync_panel.cancel_running()

    def save_state(self) -> DataState:
        return DataState(panel=self.panels.currentIndex(), sync=self.sync_panel.save_state(),
                         imports=self.import_panel.save_state(), backup_task=self.backup_panel.running_task())

    def restore_state(self, state: DataState) -> None:
        self.panels.setCurrentIndex(state.panel)
        self.sync_panel.restore_state(state.sync)
        self.import_panel.restore_state(state.imports)
        self.backup_panel.adopt_task(state.backup_task)

    def _on_restored(self, result: object) -> None:
        """Restored from a backup: the local imports may have changed the datasets' counts, and the
        service record is the backup's."""
        self._on_data_changed(result)
        self.sig_local_records_restored.emit()

    def _on_data_changed(self, _result: object) -> None:
        self.refresh()
        self.sig_data_changed.emit()

    def refresh(self) -> None:
        services = self.services
        self.tasks.run(services.datasets, on_done=self._show_datasets, key="datasets", wait_if_busy=True)

    def _show_datasets(self, datasets: list[Any]) -> None:
        self.model.set_datasets(datasets)
        self.table.fit_columns()
        self._fit_table_height()

    def resizeEvent(self, event: Any) -> None:  # Qt's name
        super().resizeEvent(event)
        self._fit_table_height()

    def _fit_table_height(self) -> None:
        """Every dataset in view without scrolling the table (five, plus any imported); at a large font,
        where the rows are taller, the page scrolls in the window instead, up to two thirds of the window."""
        rows = sum(self.table.rowHeight(r) for r in range(self.model.rowCount()))
        scroll = self.table.horizontalScrollBar()
        wanted = (self.table.horizontalHeader().height() + rows + 2 * self.table.frameWidth()
                  + (scroll.sizeHint().height() if scroll.isVisible() else 0))
        window = self.window()
        most = max(160, int((window.height() if window is not self else self.height()) * 0.66))
        self.table.setMinimumHeight(min(wanted, most))
