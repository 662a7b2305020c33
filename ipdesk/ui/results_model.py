"""The search results table: holds doc ids and fetches rows lazily (Anki's browser model shape).

`set_result` takes a SearchResult (its first page of hits comes with it); further rows are read
in batches through `SearchService.hits_for` when the view scrolls (`canFetchMore`/`fetchMore`).
A kind filter and the date sort work on the ids in memory, without a new query.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ipdesk.services.search import SearchHit, SearchResult
from ipdesk.services.search_index import kind_of_doc
from ipdesk.ui import labels
from ipdesk.ui.plain_text import as_plain

log = logging.getLogger("ipdesk.ui.search")

FETCH_BATCH = 100
HitRole = Qt.ItemDataRole.UserRole + 1
SpansRole = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex
_TEXT_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole)
_DATA_ROLES = frozenset((*_TEXT_ROLES, HitRole, SpansRole))
_DAY_MODULUS = 10**18


def _date_key(doc_id: int) -> int:
    """doc ids sort by kind, then newest first; without the kind part they sort newest first."""
    return doc_id % _DAY_MODULUS


class ResultsModel(QAbstractTableModel):
    def __init__(self, fetch_rows: Callable[[Sequence[int], SearchResult], list[SearchHit]], parent: Any = None) -> None:
        super().__init__(parent)
        self._fetch_rows = fetch_rows
        self._all_ids: list[int] = []
        self._ids: list[int] = []
        self._rows: list[SearchHit] = []
        self._cache: dict[int, SearchHit] = {}
        self._result: SearchResult | None = None  # the rows read later say what they matched, as the first page
        self._kind = ""
        self._by_date = False
        self._changing = False
        self._column_cache: dict[str, list[tuple[str, Callable[[SearchHit], str]]]] = {}

    # --- state --------------------------------------------------------------------------------

    def set_result(self, result: SearchResult | None) -> None:
        self._begin_reset()
        self._all_ids = list(result.doc_ids) if result else []
        self._result = result
        self._cache = {h.doc_id: h for h in result.hits} if result else {}
        self._apply_view()
        self._end_reset()

    def set_kind(self, kind: str) -> None:
        """Show one kind ('' for all); the columns change to fit it."""
        self._begin_reset()
        self._kind = kind
        self._apply_view()
        self._end_reset()

    def set_sort_by_date(self, by_date: bool) -> None:
        self._begin_reset()
        self._by_date = by_date
        self._apply_view()
        self._end_reset()

    def _begin_reset(self) -> None:
        self._changing = True
        self.beginResetModel()

    def _end_reset(self) -> None:
        try:
            self.endResetModel()  # listeners of modelReset must not fetch inside the reset
        finally:
            self._changing = False

    def _apply_view(self) -> None:
        ids = [i for i in self._all_ids if kind_of_doc(i) == self._kind] if self._kind else list(self._all_ids)
        if self._by_date:
            ids.sort(key=_date_key)
        self._ids = ids
        self._rows = []
        first = ids[:FETCH_BATCH]
        if first and all(i in self._cache for i in first):
            self._rows = [self._cache[i] for i in first]
        else:
            self._rows = self._load(first)

    def _load(self, ids: Sequence[int]) -> list[SearchHit]:
        missing = [i for i in ids if i not in self._cache]
        if missing and self._result is not None:
            for hit in self._fetch_rows(missing, self._result):
                self._cache[hit.doc_id] = hit
        return [self._cache[i] for i in ids if i in self._cache]

    @property
    def kind(self) -> str:
        return self._kind

    def total(self) -> int:
        return len(self._ids)

    def hit(self, row: int) -> SearchHit | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    # --- lazy rows ----------------------------------------------------------------------------

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._changing and len(self._rows) < len(self._ids)

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._changing:
            return
        start = len(self._rows)
        batch = self._load(self._ids[start : start + FETCH_BATCH])
        if not batch:
            # rows vanished from the store (an update ran): stop offering more
            self._ids = self._ids[:start]
            return
        self._changing = True  # listeners of the insert signals must not fetch again meanwhile
        try:
            self.beginInsertRows(QModelIndex(), start, start + len(batch) - 1)
            self._rows.extend(batch)
            self.endInsertRows()
        finally:
            self._changing = False

    # --- table --------------------------------------------------------------------------------

    def _columns(self) -> list[tuple[str, Callable[[SearchHit], str]]]:
        """The columns for the kind on show (cached: views ask for data many times per cell)."""
        cached = self._column_cache.get(self._kind)
        if cached is None:
            cached = self._column_cache[self._kind] = self._make_columns()
        return cached

    def _make_columns(self) -> list[tuple[str, Callable[[SearchHit], str]]]:
        title = (self.tr("名称"), lambda h: h.title)
        if self._kind == "gi":
            return [title, (self.tr("类别"), lambda h: labels.gi_category_name(h.klass)), (self.tr("类型"), lambda h: labels.gi_kind_name(h.subkind)),
                    (self.tr("登记日期"), lambda h: h.date), (self.tr("状态"), lambda h: labels.status_name(h.status))]
        if self._kind == "patent":
            return [(self.tr("专利名称"), lambda h: h.title), (self.tr("公开号 · 申请人"), lambda h: h.subtitle),
                    (self.tr("主分类号"), lambda h: h.klass), (self.tr("公开日"), lambda h: h.date),
                    (self.tr("法律状态"), lambda h: labels.status_name(h.status))]
        if self._kind == "trademark":
            return [(self.tr("商标"), lambda h: h.title), (self.tr("注册号 · 注册人"), lambda h: h.subtitle),
                    (self.tr("尼斯类别"), lambda h: h.klass), (self.tr("注册日期"), lambda h: h.date),
                    (self.tr("状态"), lambda h: labels.status_name(h.status))]
        if self._kind == "place":
            return [title, (self.tr("所属"), lambda h: h.subtitle),
                    (self.tr("级别"), lambda h: labels.level_name(int(h.subkind)) if h.subkind.isdigit() else h.subkind),
                    (self.tr("区划代码"), lambda h: h.key)]
        if self._kind == "class":
            return [title, (self.tr("编号"), lambda h: h.subtitle), (self.tr("体系"), lambda h: labels.scheme_name(h.subkind))]
        # a GI shows its own kind: 五常大米 is both a GI product and an agricultural-product GI
        return [(self.tr("类型"), lambda h: labels.gi_kind_name(h.subkind) if h.kind == "gi" and h.subkind
                 else labels.kind_name(h.kind)), title,
                (self.tr("说明"), lambda h: labels.gi_category_name(h.subtitle) if h.kind == "gi" else h.subtitle),
                (self.tr("日期"), lambda h: h.date), (self.tr("匹配"), lambda h: labels.match_name(h.matched))]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns())

    def title_column(self) -> int:
        return 1 if not self._kind else 0

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _DATA_ROLES or not index.isValid() or index.row() >= len(self._rows):
            return None
        hit = self._rows[index.row()]
        columns = self._columns()
        if index.column() >= len(columns):
            return None
        if role == Qt.ItemDataRole.ToolTipRole:  # a title "<img …>" shown as written, not as a picture
            return as_plain(columns[index.column()][1](hit))
        if role in _TEXT_ROLES:
            return columns[index.column()][1](hit)
        if role == HitRole:
            return hit
        if role == SpansRole:
            return list(hit.spans) if index.column() == self.title_column() else []
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            columns = self._columns()
            return columns[section][0] if 0 <= section < len(columns) else None
        return str(section + 1)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
