"""Data & sync: every dataset with version, as-of date, origin, source and record count, and the
sync and import panels (written by their own engineers; shown as "not installed" until they exist)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

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
from ipdesk.ui.sync_panel import SyncPanel, SyncState

log = logging.getLogger("ipdesk.ui.data")

SOURCE_COLUMN = 5  # of DatasetsModel: the source text, the one long column
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
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        d = self._rows[index.row()]
        values = [
            # version 0: never updated by sync (imported or empty), as the status bar leaves it out
            self.dataset_name(d.name), str(d.version) if d.version else "—", d.as_of.isoformat() if d.as_of else "—",
            self.origin_name(d.origin), f"{d.record_count:,}", self.source_text(d),
            bilingual_part(d.edition, self.lang),
        ]
        return values[index.column()] if 0 <= index.column() < len(values) else None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return None


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
        self.model = DatasetsModel(lang, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("数据集列表"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # the long source text takes the room left and wraps, so every column fits without scrolling sideways
        header.setSectionResizeMode(SOURCE_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.table.setWordWrap(True)
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
        self.tasks.run(services.datasets, on_done=self._show_datasets, key="datasets")

    def _show_datasets(self, datasets: list[Any]) -> None:
        self.model.set_datasets(datasets)
        self.table.resizeRowsToContents()
        # every dataset in view without scrolling (five, plus any imported), up to 40% of the page
        rows = sum(self.table.rowHeight(r) for r in range(self.model.rowCount()))
        scroll = self.table.horizontalScrollBar()
        wanted = (self.table.horizontalHeader().height() + rows + 2 * self.table.frameWidth()
                  + (scroll.sizeHint().height() if scroll.isVisible() else 0))
        self.table.setMinimumHeight(min(wanted, max(160, int(self.height() * 0.4))))
