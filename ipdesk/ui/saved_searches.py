"""The search page's saved searches: the list to run one again (Enter or a double-click), rename (F2)
or delete (Delete), with the same on its buttons and its context menu; and saving the page's search
under a name (a name already taken is replaced only after asking).

Every read and write runs on the task runner's database worker (services.saved_searches); the list
is read again whenever it is shown, so a backup restored meanwhile is what it shows. The kiosk has
none of this: saved searches are the staff's own.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ipdesk.domain.shown_text import quoted_name
from ipdesk.domain.text import is_blank
from ipdesk.services.errors import IpdeskError
from ipdesk.services.saved_searches import MAX_NAME_CHARS, SavedSearchEntry, SavedSearchNameTaken
from ipdesk.services.search import SearchFilters
from ipdesk.ui import labels
from ipdesk.ui.announce import announce
from ipdesk.ui.plain_text import as_plain

log = logging.getLogger("ipdesk.ui.saved_searches")

VISIBLE_ROWS = 5  # the list's height where the window has room: this many rows, then it scrolls
FEWEST_ROWS = 2  # what it asks for: a short window (1366×768 at 125 %, the filters open too) shows this many
_ENTRY_ROLE = Qt.ItemDataRole.UserRole


class SavedList(QTableWidget):
    """The list of saved searches, asking for its header and FEWEST_ROWS rows and growing to VISIBLE_ROWS
    where there is room (the page gives it a share of a taller window): a fixed five rows had made the
    search page scroll at 125 % with the filters open (QA 23)."""

    def _rows_height(self, rows: int) -> int:
        return (self.verticalHeader().defaultSectionSize() * rows + self.horizontalHeader().sizeHint().height()
                + 2 * self.frameWidth())

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._rows_height(FEWEST_ROWS))

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), self._rows_height(FEWEST_ROWS))

    def fit_height(self) -> None:
        self.setMaximumHeight(self._rows_height(VISIBLE_ROWS))
        self.updateGeometry()


class _SortKeyItem(QTableWidgetItem):
    """A cell that sorts by its own key (a name without regard to case, a time as stored)."""

    def __init__(self, text: str, key: str) -> None:
        super().__init__(text)
        self.key = key

    def __lt__(self, other: QTableWidgetItem) -> bool:
        if isinstance(other, _SortKeyItem):
            return self.key < other.key
        return super().__lt__(other)


class NameDialog(QDialog):
    """Asks for a saved search's name: at most MAX_NAME_CHARS characters, OK only when one is typed."""

    def __init__(self, title: str, prompt: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        label = QLabel(prompt, self)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.name_edit = QLineEdit(self)
        self.name_edit.setMaxLength(MAX_NAME_CHARS)
        self.name_edit.setAccessibleName(self.tr("检索名称"))
        self.name_edit.setText(name[:MAX_NAME_CHARS])
        self.name_edit.selectAll()
        label.setBuddy(self.name_edit)
        layout.addWidget(self.name_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.name_edit.textChanged.connect(self._on_text_changed)
        self._on_text_changed(self.name_edit.text())
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("中") * 26)

    def _on_text_changed(self, text: str) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setEnabled(not is_blank(text))

    def name(self) -> str:
        return self.name_edit.text()


class SavedSearchesPanel(QGroupBox):
    """The list of saved searches, with Run, Rename… and Delete…; and the saving of a search."""

    sig_run = Signal(object)  # SavedSearchEntry: the page fills its box and filters with it and searches
    sig_count_changed = Signal(int)  # how many there are (the page's switch shows it)
    sig_notice = Signal(str)  # a message for the person (also shown in the panel)

    def __init__(self, services: Any, tasks: Any, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)  # no title: the page's 已保存的检索 switch names it, and the lines go to the list
        self.setObjectName("savedSearches")
        self.setAccessibleName(self.tr("已保存的检索"))
        self.services = services
        self.tasks = tasks
        self.lang = lang
        self.entries: list[SavedSearchEntry] = []
        self.loaded = False  # the list has been read at least once

        layout = QVBoxLayout(self)
        self.table = SavedList(0, 4, self)
        self.table.setObjectName("savedSearchList")
        self.table.setProperty("record_list", True)  # the names and queries are the centre's own words
        self.table.setAccessibleName(self.tr("已保存的检索列表"))
        self.table.setAccessibleDescription(self.tr("回车运行所选的检索，F2 重命名，Delete 删除"))
        self.table.setHorizontalHeaderLabels([self.tr("名称"), self.tr("查找内容"), self.tr("条件"), self.tr("保存时间")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)  # the conditions take what is left
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)  # newest first; a header click: by name
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._on_context_menu)
        self.table.activated.connect(lambda _index: self.run_current())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.installEventFilter(self)
        layout.addWidget(self.table, 1)

        row = QHBoxLayout()
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(self.message, 1)
        self.run_button = QPushButton(self.tr("运行(&R)"), self)
        self.run_button.setAccessibleName(self.tr("运行所选的检索"))
        self.run_button.clicked.connect(self.run_current)
        self.rename_button = QPushButton(self.tr("重命名(&M)…"), self)
        self.rename_button.setAccessibleName(self.tr("重命名所选的检索"))
        self.rename_button.clicked.connect(self.rename_current)
        self.delete_button = QPushButton(self.tr("删除(&D)…"), self)
        self.delete_button.setAccessibleName(self.tr("删除所选的检索"))
        self.delete_button.clicked.connect(self.delete_current)
        for button in (self.run_button, self.rename_button, self.delete_button):
            row.addWidget(button)
        layout.addLayout(row)
        QWidget.setTabOrder(self.table, self.run_button)
        QWidget.setTabOrder(self.run_button, self.rename_button)
        QWidget.setTabOrder(self.rename_button, self.delete_button)
        self._update_buttons()
        self._fit_height()

    # --- the list ---------------------------------------------------------------------------------

    def refresh(self, select_id: int | None = None) -> None:
        """Read the list again (off the GUI thread) and show it; `select_id`: the row to select then."""
        saved = self.services.saved_searches
        self.tasks.run(saved.entries, on_done=lambda entries: self._show_entries(entries, select_id),
                       on_error=self._show_error, key=f"saved-searches-{id(self)}", owner=self,
                       wait_if_busy=True)

    def _show_entries(self, entries: list[SavedSearchEntry], select_id: int | None = None) -> None:
        current = self.current_entry()
        keep = select_id if select_id is not None else (current.id if current is not None else None)
        self.entries = list(entries)
        self.loaded = True
        table = self.table
        table.setSortingEnabled(False)
        table.setRowCount(len(entries))
        for r, entry in enumerate(entries):
            name = _SortKeyItem(entry.name, entry.name.casefold())
            name.setData(_ENTRY_ROLE, entry.id)
            when = entry.created_at.strftime("%Y-%m-%d %H:%M")
            conditions = self.conditions_text(entry)
            cells = [name, QTableWidgetItem(entry.query), QTableWidgetItem(conditions),
                     _SortKeyItem(when, f"{entry.created_at.isoformat()} {entry.id:012d}")]
            tip = "\n".join(filter(None, [entry.name, entry.query, conditions,
                                          *(note(self.lang) for note in entry.dropped)]))
            for c, item in enumerate(cells):
                item.setToolTip(as_plain(tip))
                table.setItem(r, c, item)
        table.setSortingEnabled(True)
        table.resizeColumnsToContents()
        room = max(120, table.viewport().width() // 3)
        for column in (0, 1):
            table.setColumnWidth(column, min(table.columnWidth(column), room))
        if keep is not None:
            self.select(keep)
        elif entries:
            table.selectRow(0)
        empty = self.tr("还没有已保存的检索。在搜索框中输入后，点“保存检索…”即可保存。")
        if not entries:
            self.message.setText(empty)
        elif self.message.text() == empty:
            self.message.clear()
        self._update_buttons()
        self.sig_count_changed.emit(len(entries))

    def conditions_text(self, entry: SavedSearchEntry) -> str:
        """The filters (and order) of a saved search in the window's words; '' for none."""
        f = entry.filters
        parts: list[str] = []
        if f.kinds:
            parts.append(self.tr("类型：%1").replace("%1", self.tr("、").join(labels.kind_name(k) for k in f.kinds)))
        if f.region:
            parts.append(self.tr("地区：%1").replace("%1", entry.region_name or f.region))
        if f.gi_kind:
            parts.append(labels.gi_kind_name(f.gi_kind))
        if f.nice_class is not None:
            parts.append(self.tr("第 %1 类").replace("%1", str(f.nice_class)))
        if f.similar_group:
            parts.append(self.tr("类似群 %1").replace("%1", f.similar_group))
        if f.ipc_prefix:
            parts.append(self.tr("IPC %1").replace("%1", f.ipc_prefix))
        if f.year_from is not None or f.year_to is not None:
            parts.append(self.tr("年份 %1–%2").replace("%1", str(f.year_from or "")).replace("%2", str(f.year_to or "")))
        if f.status:
            parts.append(self.tr("状态：%1").replace("%1", labels.status_name(f.status)))
        if entry.sort == "date":
            parts.append(self.tr("按日期排序"))
        return self.tr("；").join(parts)

    def current_entry(self) -> SavedSearchEntry | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        if item is None or not item.isSelected():
            return None
        entry_id = item.data(_ENTRY_ROLE)
        return next((e for e in self.entries if e.id == entry_id), None)

    def select(self, entry_id: int) -> None:
        for r in range(self.table.rowCount()):
            item = self.table.item(r, 0)
            if item is not None and item.data(_ENTRY_ROLE) == entry_id:
                self.table.selectRow(r)
                self.table.scrollToItem(item)
                return

    def names(self) -> list[str]:
        """The names in the order shown."""
        return [item.text() for r in range(self.table.rowCount()) if (item := self.table.item(r, 0)) is not None]

    def _update_buttons(self) -> None:
        chosen = self.current_entry() is not None
        for button in (self.run_button, self.rename_button, self.delete_button):
            button.setEnabled(chosen)

    def _fit_height(self) -> None:
        self.table.fit_height()

    def resizeEvent(self, event: Any) -> None:
        """The panel no taller than its list at VISIBLE_ROWS with the line and the buttons under it: the
        page gives it a share of a taller window, and the rest goes to the results, not to empty room."""
        super().resizeEvent(event)
        layout = self.layout()
        if layout is None:
            return
        wanted = layout.totalHeightForWidth(event.size().width()) if layout.hasHeightForWidth() else -1
        if wanted < 0:
            wanted = layout.totalSizeHint().height()
        cap = wanted - self.table.sizeHint().height() + self.table.maximumHeight()
        if cap != self.maximumHeight():
            self.setMaximumHeight(cap)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """F2 renames the chosen saved search, Delete deletes it (after asking)."""
        if watched is self.table and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            if event.key() == Qt.Key.Key_F2:
                self.rename_current()
                return True
            if event.key() == Qt.Key.Key_Delete:
                self.delete_current()
                return True
        return super().eventFilter(watched, event)

    def context_menu(self, pos: QPoint) -> QMenu | None:
        """The menu for the row at `pos` (in the list's viewport), which it chooses; None off the rows."""
        item = self.table.itemAt(pos)
        if item is not None:
            self.table.selectRow(item.row())
        if self.current_entry() is None:
            return None
        menu = QMenu(self)
        menu.addAction(self.tr("运行"), self.run_current)
        menu.addAction(self.tr("重命名…"), self.rename_current)
        menu.addAction(self.tr("删除…"), self.delete_current)
        return menu

    def _on_context_menu(self, pos: QPoint) -> None:
        menu = self.context_menu(pos)
        if menu is not None:
            menu.exec(self.table.viewport().mapToGlobal(pos))
            menu.deleteLater()

    # --- what a person does ---------------------------------------------------------------------

    def run_current(self) -> None:
        entry = self.current_entry()
        if entry is None:
            return
        notes = [note(self.lang) for note in entry.dropped]
        self.say(self.tr("已运行“%1”。").replace("%1", quoted_name(entry.name))
                 + "".join(self.tr("注意：%1。").replace("%1", n) for n in notes))
        self.sig_run.emit(entry)

    def save_search(self, query: str, filters: SearchFilters, sort: str) -> None:
        """Ask for a name (the query offered) and save the search under it; a taken name is replaced
        only when the person agrees."""
        name = self.ask_name(self.tr("保存检索"), self.tr("给这次检索起个名称，以后在“已保存的检索”中点它即可再次运行："),
                             " ".join(query.split()))
        if name is None:
            return
        self._save(name, query, filters, sort, replace=False)

    def _save(self, name: str, query: str, filters: SearchFilters, sort: str, *, replace: bool) -> None:
        saved = self.services.saved_searches

        def failed(error: BaseException) -> None:
            if isinstance(error, SavedSearchNameTaken) and not replace:
                if self.confirm_replace(error.name):
                    self._save(name, query, filters, sort, replace=True)
                return
            self._show_error(error)

        self.tasks.run(lambda: saved.save(name, query, filters, sort=sort, replace=replace),
                       on_done=self._on_saved, on_error=failed, owner=self)

    def _on_saved(self, entry: SavedSearchEntry) -> None:
        self.say(self.tr("已保存检索“%1”。").replace("%1", quoted_name(entry.name)))
        self.refresh(select_id=entry.id)

    def rename_current(self) -> None:
        entry = self.current_entry()
        if entry is None:
            return
        name = self.ask_name(self.tr("重命名检索"), self.tr("新的名称："), entry.name)
        if name is None or name.strip() == entry.name:
            return
        self._rename(entry, name, replace=False)

    def _rename(self, entry: SavedSearchEntry, name: str, *, replace: bool) -> None:
        saved = self.services.saved_searches

        def failed(error: BaseException) -> None:
            if isinstance(error, SavedSearchNameTaken) and not replace:
                if self.confirm_replace(error.name):
                    self._rename(entry, name, replace=True)
                return
            self._show_error(error)

        def done(renamed: SavedSearchEntry) -> None:
            self.say(self.tr("已把“%1”改名为“%2”。").replace("%1", quoted_name(entry.name))
                     .replace("%2", quoted_name(renamed.name)))
            self.refresh(select_id=renamed.id)

        self.tasks.run(lambda: saved.rename(entry.id, name, replace=replace), on_done=done, on_error=failed,
                       owner=self)

    def delete_current(self) -> None:
        entry = self.current_entry()
        if entry is None or not self.confirm_delete(entry.name):
            return
        saved = self.services.saved_searches
        # the row below (else the one above) is chosen next, so that Delete can go on down the list
        row = self.table.currentRow()
        nearby = [self.table.item(r, 0) for r in (row + 1, row - 1) if 0 <= r < self.table.rowCount()]
        after = next((int(item.data(_ENTRY_ROLE)) for item in nearby if item is not None), None)

        def done(_deleted: bool) -> None:
            self.say(self.tr("已删除“%1”。").replace("%1", quoted_name(entry.name)))
            self.table.clearSelection()
            self.refresh(select_id=after)

        self.tasks.run(lambda: saved.delete(entry.id), on_done=done, on_error=self._show_error, owner=self)

    # --- questions (tests answer them) ------------------------------------------------------------

    def ask_name(self, title: str, prompt: str, name: str) -> str | None:
        dialog = NameDialog(title, prompt, name, self)
        return dialog.name() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def confirm_replace(self, name: str) -> bool:
        answer = QMessageBox.question(
            self, self.tr("替换已保存的检索"),
            as_plain(self.tr("已有名为“%1”的检索。要用这次的检索替换它吗？").replace("%1", quoted_name(name))),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def confirm_delete(self, name: str) -> bool:
        answer = QMessageBox.question(
            self, self.tr("删除已保存的检索"), as_plain(self.tr("要删除已保存的检索“%1”吗？").replace("%1", quoted_name(name))),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    # --- messages -------------------------------------------------------------------------------

    def say(self, text: str) -> None:
        """Shown under the list and said to screen readers when the list is open; the page says it
        where the result count is when it is closed (`sig_notice`)."""
        self.message.setText(text)
        if self.isVisible():
            announce(self.message)
        self.sig_notice.emit(text)

    def _show_error(self, error: BaseException) -> None:
        if isinstance(error, IpdeskError):
            self.say(error.message(self.lang))
            return
        log.error("saved searches failed", exc_info=error)
        self.say(self.tr("处理已保存的检索时出现意外问题，详细信息已写入日志。"))
