"""The records the last update added, changed and removed ("Data & sync", below the per-dataset
counts): filtered by kind of change, read a page at a time on the task runner, opened (double-click
or Enter) through the window's `open_record` as search results are."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ipdesk.domain.i18n import (
    SYNC_CHANGE_NAMES,
    code_label,
    dataset_label,
    field_changes_text,
    gi_kind_text,
    record_key_text,
)
from ipdesk.services.errors import IpdeskError
from ipdesk.services.sync.changes import CHANGE_KINDS, MINOR, REMOVED, ChangedRecord, ChangePage
from ipdesk.ui.plain_text import as_plain

log = logging.getLogger("ipdesk.ui.sync")

PAGE_SIZE = 200
RecordRole = Qt.ItemDataRole.UserRole + 1
TITLE_COLUMN = 3

_Index = QModelIndex | QPersistentModelIndex
_TEXT_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole)


class ChangedRecordsModel(QAbstractTableModel):
    """The rows read so far of one filtered list; `more_wanted` asks the view's owner for the next
    page (the read runs on the task runner, never inside `fetchMore`)."""

    def __init__(self, lang: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self._rows: list[ChangedRecord] = []
        self._matched = 0
        self._loading = False
        self.more_wanted: Any = None  # callable(offset) set by the view
        self._headers = [self.tr("变化"), self.tr("数据集"), self.tr("编号"), self.tr("名称"), self.tr("更改的字段")]

    def set_page(self, page: ChangePage | None) -> None:
        self.beginResetModel()
        self._rows = list(page.records) if page else []
        self._matched = page.matched if page else 0
        self._loading = False
        self.endResetModel()

    def append_page(self, page: ChangePage) -> None:
        self._loading = False
        if page.offset != len(self._rows) or not page.records:
            self._matched = len(self._rows)  # the list changed under us (a new update): stop offering more
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(page.records) - 1)
        self._rows.extend(page.records)
        self.endInsertRows()

    def record(self, row: int) -> ChangedRecord | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    @property
    def matched(self) -> int:
        return self._matched

    def stop_fetching(self) -> None:
        """A page could not be read: offer no more (the note says why)."""
        self._loading = False
        self._matched = len(self._rows)

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._loading and len(self._rows) < self._matched

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent) and self.more_wanted is not None:
            self._loading = True
            self.more_wanted(len(self._rows))

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def _dataset_text(self, r: ChangedRecord) -> str:
        if r.dataset == "gi" and r.key:  # a GI's kind says more than "geographical indication"
            return gi_kind_text(str(r.key[0]))(self.lang)
        return dataset_label(r.dataset, self.lang)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        r = self._rows[index.row()]
        if role == RecordRole:
            return r
        if role not in _TEXT_ROLES:
            return None
        column = index.column()
        if column == 0:
            return code_label(SYNC_CHANGE_NAMES, r.change, self.lang)
        if column == 1:
            return self._dataset_text(r)
        if column == 2:
            return record_key_text(r.dataset, r.key, self.lang)
        if column == TITLE_COLUMN:
            if role == Qt.ItemDataRole.ToolTipRole:  # a title "<img …>" shown as written, not as a picture
                return as_plain(self.tr("已删除（删除前的名称）：%1").replace("%1", r.title) if r.change == REMOVED
                                else r.title)
            return r.title
        if column == 4:
            changes = field_changes_text(r.fields, r.values, self.lang)
            return as_plain(changes) if role == Qt.ItemDataRole.ToolTipRole else changes
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class ChangedRecordsView(QWidget):
    """The list with its filter and notes. `refresh()` reads the first page again (after an update)."""

    sig_open_record = Signal(str, object)  # kind, ref_id (object: a place's code exceeds a C++ int)

    def __init__(self, services: Any, tasks: Any, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.tasks = tasks
        self.lang = lang
        self._generation = 0  # a page read for an older filter or list is dropped
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.heading = QLabel(self.tr("上次更新更改的记录"), self)
        self.heading.setStyleSheet("font-weight: bold;")
        row.addWidget(self.heading)
        row.addStretch(1)
        show = QLabel(self.tr("显示："), self)
        row.addWidget(show)
        self.change_filter = QComboBox(self)
        self.change_filter.addItem(self.tr("全部变化"), "")
        for code in CHANGE_KINDS:
            self.change_filter.addItem(code_label(SYNC_CHANGE_NAMES, code, lang), code)
        # records re-stamped by a re-publish, kept apart from the changes of substance ("更改" leaves them out)
        self.change_filter.addItem(self.tr("只更新了来源或日期"), MINOR)
        self.change_filter.setAccessibleName(self.tr("按变化类型筛选"))
        show.setBuddy(self.change_filter)
        self.change_filter.currentIndexChanged.connect(self._on_change_filter_changed)
        row.addWidget(self.change_filter)
        layout.addLayout(row)
        self.note = QLabel(self)  # where the list was cut, or that there is nothing to list
        self.note.setWordWrap(True)
        self.note.setVisible(False)
        layout.addWidget(self.note)
        self.model = ChangedRecordsModel(lang, self)
        self.model.more_wanted = self._load_more
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("上次更新更改的记录"))
        self.table.setToolTip(self.tr("双击或按回车打开新增或更改的记录"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TITLE_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.table.activated.connect(self._on_table_activated)
        layout.addWidget(self.table, 1)
        self.hint = QLabel(self)  # what a removed record was, when someone tries to open it
        self.hint.setWordWrap(True)
        self.hint.setVisible(False)
        layout.addWidget(self.hint)

    # -- over a language switch: the filter chosen

    def change(self) -> str:
        return str(self.change_filter.currentData() or "")

    def set_change(self, change: str) -> None:
        i = self.change_filter.findData(change)
        if i >= 0:
            self.change_filter.setCurrentIndex(i)

    # -- reading

    def refresh(self) -> None:
        self._generation += 1
        generation, change = self._generation, self.change() or None
        sync = self.services.sync
        self.tasks.run(lambda: sync.last_changes(change=change, limit=PAGE_SIZE),
                       on_done=lambda page: self._show(page, generation), on_error=self._on_failed,
                       key="sync-changes", owner=self, wait_if_busy=True)

    def _load_more(self, offset: int) -> None:
        generation, change = self._generation, self.change() or None
        sync = self.services.sync
        self.tasks.run(lambda: sync.last_changes(change=change, offset=offset, limit=PAGE_SIZE),
                       on_done=lambda page: self._append(page, generation), on_error=self._on_failed,
                       key="sync-changes-more", owner=self, wait_if_busy=True)

    def _show(self, page: ChangePage | None, generation: int) -> None:
        if generation != self._generation:
            return
        self.hint.setVisible(False)
        self.model.set_page(page)
        self.setVisible(page is not None)  # no list: nothing applied yet, or by an ipdesk that kept none
        if page is None:
            return
        notes = []
        if not page.datasets or not any(d.total for d in page.datasets):
            notes.append(self.tr("上次更新没有更改任何记录。"))
        if page.minor and not self.change():
            notes.append(self.tr("其中 %1 条只更新了来源或数据截至日期，列在最后（可在“显示”中单独筛选）")
                         .replace("%1", f"{page.minor:,}"))
        for d in page.cut:
            notes.append(self.tr("%1：只列出前 %2 条，共 %3 条变化。").replace("%1", dataset_label(d.dataset, self.lang))
                         .replace("%2", f"{d.listed:,}").replace("%3", f"{d.total:,}"))
        self.note.setText(self.tr("；").join(notes) if len(notes) > 1 else "".join(notes))
        self.note.setVisible(bool(notes))

    def _append(self, page: ChangePage | None, generation: int) -> None:
        if generation != self._generation or page is None:
            return
        self.model.append_page(page)

    def _on_failed(self, error: BaseException) -> None:
        self.model.stop_fetching()
        if not isinstance(error, IpdeskError):
            log.error("could not read the last update's changed records", exc_info=error)
        self.note.setText(error.message(self.lang) if isinstance(error, IpdeskError)
                          else self.tr("无法读取上次更新更改的记录：%1").replace("%1", str(error)))
        self.note.setVisible(True)
        self.setVisible(True)  # the list may have been hidden (none before): the reason must show

    # -- acting

    def _on_change_filter_changed(self, _index: int) -> None:
        self.refresh()

    def _on_table_activated(self, index: QModelIndex) -> None:
        record = index.data(RecordRole)
        if not isinstance(record, ChangedRecord):
            return
        if record.ref_id is None:  # removed: nothing to open; say what it was
            key = record_key_text(record.dataset, record.key, self.lang)
            what = f"{key} {record.title}".strip()
            self.hint.setText(self.tr("这条记录已被上次更新删除，无法打开：%1").replace("%1", what))
            self.hint.setVisible(True)
            return
        self.hint.setVisible(False)
        self.sig_open_record.emit(record.kind, record.ref_id)
