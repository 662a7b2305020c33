"""The unified search page: one box, debounced live results, kind tabs with counts, filters,
sort by relevance or date, highlighted matches, and advice when nothing is found.

Queries run on the task runner's DB worker (`key="search"`: a newer query supersedes an older
one); the table model holds ids and reads further rows lazily.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTabBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ipdesk.domain.text import is_blank, query_kind
from ipdesk.services.errors import DatabaseBusyError, IpdeskError
from ipdesk.services.search import KINDS, SearchFilters, SearchResult
from ipdesk.ui import labels
from ipdesk.ui.announce import announce
from ipdesk.ui.highlight import HighlightDelegate
from ipdesk.ui.keys import without_mnemonic
from ipdesk.ui.region_picker import RegionPicker
from ipdesk.ui.results_model import FETCH_BATCH, HitRole, ResultsModel
from ipdesk.ui.saved_searches import SavedSearchesPanel
from ipdesk.ui.tasks import BUSY_RETRIES, BUSY_RETRY_MS
from ipdesk.ui.theme import highlight_color

log = logging.getLogger("ipdesk.ui.search")

DEBOUNCE_MS = 180
# A search that found the database locked by a data update (a data folder on a network share, where
# readers wait for writers) is asked again `BUSY_RETRY_MS` after, `BUSY_RETRIES` times in a row, as the
# window's other reads are (`tasks.wait_if_busy`), but with whatever the box holds then.
GI_KINDS = ("gi_product", "gi_certification_mark", "gi_collective_mark", "agi")
NICE_CLASSES = range(1, 46)
YEAR_MIN = 1950
YEAR_MAX = 2100
MIN_CAPPED_COLUMN = 90  # px: a column cut short to make room keeps at least this much
SEARCH_BOX_MIN_EMS = 14  # the search box is never narrower than about 14 Chinese characters
RESULT_ROWS_HINT = 3  # the results ask for this many rows; the rest of a taller window goes to them anyway


class ToggleButton(QPushButton):
    """A checkable button wide enough for its words in bold: high contrast draws a chosen one bold in
    a thicker frame, which had cut the last letter of "Filters"."""

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        text = without_mnemonic(self.text())
        bold = QFont(self.font())
        bold.setBold(True)
        extra = QFontMetrics(bold).horizontalAdvance(text) - self.fontMetrics().horizontalAdvance(text)
        return QSize(hint.width() + max(0, extra) + 4, hint.height())  # + the frame's 2 px more a side  # + the frame's 2 px more a side

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()


class ResultsTable(QTableView):
    """The results, asking for the header and RESULT_ROWS_HINT rows rather than Qt's 192 px: the page in its
    scroll area is never shorter than its preferred height (its word-wrapped labels give it a height for
    its width), so that 192 px had scrolled the page 57 px with the filters open on a 1366×768 screen at
    125 % (a 1093×543 window). The table's stretch gives it the rest of a taller window."""

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        header = self.horizontalHeader().sizeHint().height() if self.horizontalHeader().isVisible() else 0
        rows = self.verticalHeader().defaultSectionSize() * RESULT_ROWS_HINT
        return QSize(hint.width(), header + rows + 2 * self.frameWidth())


def capped_widths(widths: list[int], room: int, floor: int = MIN_CAPPED_COLUMN) -> list[int]:
    """Column widths that fit `room`: when they are too wide together, the widest are cut to one
    common width (never below `floor`, nor below what a column needs anyway), so the narrow columns
    keep their whole text and the wide ones share what is left."""
    if sum(widths) <= room or not widths:
        return list(widths)
    lo, hi = floor, max(widths)
    while lo < hi:  # the largest cap with which everything fits
        mid = (lo + hi + 1) // 2
        if sum(min(w, mid) for w in widths) <= room:
            lo = mid
        else:
            hi = mid - 1
    return [min(w, lo) for w in widths]


def _caption(text: str, buddy: QWidget, parent: QWidget) -> QLabel:
    caption = QLabel(text, parent)
    caption.setBuddy(buddy)
    return caption


class FiltersBox(QGroupBox):
    """The search filters as label–field pairs in a grid, as many to a row as the box's width holds,
    arranged again when the width changes: the first pair (the region, wide) on the top row with the
    `beside` pair at its end, the others in rows under it. The horizontal size policy is Ignored, so a
    grid laid out for a wide window never holds a narrower one wide (the page would scroll sideways):
    the box takes the page's width and fits its pairs to it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(9, 6, 9, 6)
        self.first: tuple[QLabel, QWidget] | None = None
        self.beside: tuple[QLabel, QWidget] | None = None
        self.cells: list[tuple[QLabel, QWidget]] = []
        self.arrangement = (0, False)  # pairs to a row, `beside` on the first pair's row

    def set_cells(self, first: tuple[QLabel, QWidget], beside: tuple[QLabel, QWidget],
                  cells: list[tuple[QLabel, QWidget]]) -> None:
        self.first, self.beside, self.cells = first, beside, cells
        self._arrange(1, False)
        self.setMinimumWidth(self.one_to_a_row_width())

    def one_to_a_row_width(self) -> int:
        """The narrowest the box can be: every pair on a row of its own (a minimum the Ignored policy keeps,
        so that at the largest font nothing in it is squeezed below its own width)."""
        assert self.first is not None and self.beside is not None
        pairs = [self.first, self.beside, *self.cells]
        margins = self.grid.contentsMargins()
        return (margins.left() + margins.right() + self.grid.horizontalSpacing() + 8  # + the frame, both sides
                + max(label.sizeHint().width() for label, _f in pairs)
                + max(field.minimumSizeHint().width() for _l, field in pairs))

    def pairs_fitting(self, width: int) -> tuple[int, bool]:
        """How many pairs side by side fit `width` (at least one), and whether the `beside` pair fits at
        the end of the first pair's row (else it leads the rows under it)."""
        spacing = self.grid.horizontalSpacing()
        margins = self.grid.contentsMargins()
        room = width - margins.left() - margins.right()

        def wide(pair: tuple[QLabel, QWidget]) -> int:
            return pair[0].sizeHint().width() + spacing + pair[1].sizeHint().width()

        assert self.first is not None and self.beside is not None
        top_fits = wide(self.first) + 2 * spacing + wide(self.beside) <= room
        pairs = ([] if top_fits else [self.beside]) + self.cells
        for per_row in range(len(pairs), 1, -1):
            # a grid: each column as wide as its widest label, or field, in any row
            labels = [max(label.sizeHint().width() for label, _f in pairs[j::per_row]) for j in range(per_row)]
            fields = [max(field.sizeHint().width() for _l, field in pairs[j::per_row]) for j in range(per_row)]
            if sum(labels) + sum(fields) + spacing * (2 * per_row - 1) <= room:
                return per_row, top_fits
        return 1, False

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        arrangement = self.pairs_fitting(event.size().width())
        if arrangement != self.arrangement:
            self._arrange(*arrangement)

    def _arrange(self, per_row: int, beside_on_top: bool) -> None:
        assert self.first is not None and self.beside is not None
        self.arrangement = (per_row, beside_on_top)
        while self.grid.count():
            self.grid.takeAt(0)
        for column in range(self.grid.columnCount()):
            self.grid.setColumnStretch(column, 0)
        columns = 2 * per_row
        self.grid.addWidget(self.first[0], 0, 0)
        if beside_on_top and per_row > 1:
            self.grid.addWidget(self.first[1], 0, 1, 1, columns - 3)
            self.grid.addWidget(self.beside[0], 0, columns - 2)
            self.grid.addWidget(self.beside[1], 0, columns - 1)
            pairs = self.cells
        else:
            self.grid.addWidget(self.first[1], 0, 1, 1, columns - 1)
            pairs = [self.beside, *self.cells]
        for i, (label, field) in enumerate(pairs):
            self.grid.addWidget(label, 1 + i // per_row, 2 * (i % per_row))
            self.grid.addWidget(field, 1 + i // per_row, 2 * (i % per_row) + 1)
        for column in range(per_row):
            self.grid.setColumnStretch(2 * column + 1, 1)
        self.updateGeometry()


@dataclass(frozen=True)
class SearchState:
    """What the search page carries over a language switch (`pages.KeepsState`)."""

    query: str
    filters: SearchFilters
    filters_shown: bool
    kind: str
    sort: str
    saved_shown: bool = False  # the saved searches' list open


class SearchPage(QWidget):
    sig_open_record = Signal(str, object)  # kind, ref_id (object: division codes exceed a C++ int)
    sig_results_shown = Signal(object)  # SearchResult (tests and the status bar listen)

    def __init__(self, services: Any, tasks: Any, basket: Any, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.tasks = tasks
        self.basket = basket
        self.lang = lang
        self.last_result: SearchResult | None = None
        self._kind_keys: list[str] = ["", *KINDS]

        layout = QVBoxLayout(self)
        # The search box has its row (with the filters' switch): the page's main control keeps its width
        # at the largest font on a 1024 px screen; sorting and "add to report" sit by the result count.
        top = QHBoxLayout()
        self.search_box = QLineEdit(self)
        self.search_box.setPlaceholderText(self.tr("输入名称、拼音（如 wuchang、wcdm）、编号或地名"))
        self.search_box.setAccessibleName(self.tr("搜索框"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMinimumWidth(self.search_box.fontMetrics().horizontalAdvance("中") * SEARCH_BOX_MIN_EMS)
        top.addWidget(self.search_box, 1)
        self.filters_toggle = ToggleButton(self.tr("筛选(&F)"), self)
        self.filters_toggle.setCheckable(True)
        self.filters_toggle.setAccessibleName(self.tr("显示或隐藏筛选条件"))
        top.addWidget(self.filters_toggle)
        layout.addLayout(top)

        self.filters_box = self._build_filters()
        self.filters_box.setVisible(False)
        layout.addWidget(self.filters_box)

        self.kind_tabs = QTabBar(self)
        self.kind_tabs.setAccessibleName(self.tr("按类型查看"))
        self.kind_tabs.setExpanding(False)
        for _ in self._kind_keys:
            self.kind_tabs.addTab("")
        self._update_tab_labels(None)
        layout.addWidget(self.kind_tabs)

        status_row = QHBoxLayout()
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        status_row.addWidget(self.status_label, 1)
        self.sort_combo = QComboBox(self)
        self.sort_combo.addItem(self.tr("按相关度"), "relevance")
        self.sort_combo.addItem(self.tr("按日期（新的在前）"), "date")
        self.sort_combo.setAccessibleName(self.tr("排序"))
        self.sort_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        status_row.addWidget(self.sort_combo)
        self.add_results_button = QPushButton(self.tr("结果加入报告(&A)"), self)
        self.add_results_button.setAccessibleName(self.tr("把这次查找的结果加入报告"))
        self.add_results_button.setEnabled(False)
        self.add_results_button.clicked.connect(self._on_add_results_clicked)
        status_row.addWidget(self.add_results_button)
        layout.addLayout(status_row)
        self.empty_help = QLabel(self)
        self.empty_help.setWordWrap(True)
        self.empty_help.setVisible(False)
        layout.addWidget(self.empty_help)

        self.model = ResultsModel(
            lambda ids, r: services.search.hits_for(ids, r.query, r.tiers, r.product_words), self)
        self.table = ResultsTable(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("搜索结果"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setResizeContentsPrecision(30)  # size columns from the first rows only
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.delegate = HighlightDelegate(highlight_color(services.settings.high_contrast), self.table)
        self.table.setItemDelegate(self.delegate)
        layout.addWidget(self.table, 1)
        # Under a capped result scrolled to its end: more records exist than the list holds (QA 20b N3)
        self.more_hint = QLabel(self)
        self.more_hint.setWordWrap(True)
        self.more_hint.setVisible(False)
        self.more_hint.setAccessibleName(self.tr("还有更多结果"))
        layout.addWidget(self.more_hint)


        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._on_debounce_timeout)
        self._busy_retry = QTimer(self)
        self._busy_retry.setSingleShot(True)
        self._busy_retry.setInterval(BUSY_RETRY_MS)
        self._busy_retry.timeout.connect(self._on_debounce_timeout)
        self._busy_retries = 0  # in a row, since the last search that answered
        self.search_box.textChanged.connect(self._on_search_box_text_changed)
        self.search_box.returnPressed.connect(self._on_search_box_return)
        self.sort_combo.currentIndexChanged.connect(self._on_sort_changed)
        self.filters_toggle.toggled.connect(self.filters_box.setVisible)
        self.kind_tabs.currentChanged.connect(self._on_kind_tab_changed)
        self.table.activated.connect(self._on_table_activated)
        self.table.verticalScrollBar().valueChanged.connect(self._update_more_hint)
        self.table.verticalScrollBar().rangeChanged.connect(self._update_more_hint)
        self.model.rowsInserted.connect(self._update_more_hint)
        self.model.modelReset.connect(self._update_more_hint)
        self.search_box.installEventFilter(self)
        self.table.viewport().installEventFilter(self)
        self.setFocusProxy(self.search_box)
        # Tab in the order on screen: search box, filters, the type tabs, sorting, "add", the results
        QWidget.setTabOrder(self.search_box, self.filters_toggle)
        QWidget.setTabOrder(self.kind_tabs, self.sort_combo)
        QWidget.setTabOrder(self.sort_combo, self.add_results_button)
        QWidget.setTabOrder(self.add_results_button, self.table)
        self._add_saved_searches(top, status_row, layout)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """↓ in the search box moves to the first result (keyboard users never reach for the mouse);
        the table resized (a narrower window): its columns give way again, every one stays in view."""
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize and self.model.columnCount():
            self._fit_columns()
            return False
        if (watched is self.search_box and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Down and self.model.rowCount()):
            self.table.setFocus()
            self.table.setCurrentIndex(self.model.index(0, 0))
            return True
        return super().eventFilter(watched, event)

    # --- filters ------------------------------------------------------------------------------

    def _build_filters(self) -> QGroupBox:
        """The filters in a grid that puts as many of them side by side as the width holds (`FiltersBox`):
        地区 and 年份 on the top row, then 地理标志类型, 尼斯类别, IPC 小类 and 法律状态 (with 清除筛选).
        Row by row as a form they took six lines, which a short window (1366×768 at 125 %) needed for
        the results and the saved searches (QA 23). No title: the 筛选 switch above names it."""
        box = FiltersBox(self)
        box.setAccessibleName(self.tr("筛选条件"))
        self.region_picker = RegionPicker(self.services, self.tasks, box)
        self.gi_kind_combo = QComboBox(box)
        self.gi_kind_combo.setAccessibleName(self.tr("地理标志类型"))
        self.gi_kind_combo.addItem(self.tr("（全部）"), "")
        for kind in GI_KINDS:
            self.gi_kind_combo.addItem(labels.gi_kind_name(kind), kind)
        self.nice_combo = QComboBox(box)
        self.nice_combo.setAccessibleName(self.tr("尼斯类别"))
        self.nice_combo.addItem(self.tr("（全部）"), None)
        for n in NICE_CLASSES:
            self.nice_combo.addItem(self.tr("第 %1 类").replace("%1", str(n)), n)
        self.ipc_edit = QLineEdit(box)
        self.ipc_edit.setPlaceholderText(self.tr("如 A01G"))
        self.ipc_edit.setAccessibleName(self.tr("IPC 小类"))
        years = QWidget(box)
        years_row = QHBoxLayout(years)
        years_row.setContentsMargins(0, 0, 0, 0)
        self.year_from = QSpinBox(years)
        self.year_to = QSpinBox(years)
        self.year_labels: list[QLabel] = []
        for spin, label, name in ((self.year_from, self.tr("从"), self.tr("起始年份")),
                                  (self.year_to, self.tr("到"), self.tr("截止年份"))):
            spin.setRange(YEAR_MIN - 1, YEAR_MAX)
            spin.setSpecialValueText(self.tr("不限"))
            spin.setValue(YEAR_MIN - 1)
            spin.setAccessibleName(name)
            hint = self.tr("按结果中“日期”一列的年份筛选；“不限”表示不限制。")
            spin.setToolTip(hint)
            spin.setAccessibleDescription(hint)
            caption = QLabel(label, years)
            caption.setBuddy(spin)
            self.year_labels.append(caption)
            years_row.addWidget(caption)
            years_row.addWidget(spin)
        years_row.addStretch(1)
        self.status_combo = QComboBox(box)
        self.status_combo.setAccessibleName(self.tr("法律状态"))
        self.status_combo.addItem(self.tr("（全部）"), "")
        for code in labels.STATUS_CODES:
            self.status_combo.addItem(labels.status_name(code), code)
        # beside 法律状态, not a row of its own: the filters are a line shorter, which a short window gives
        # to the results
        self.clear_filters_button = QPushButton(self.tr("清除筛选"), box)
        self.clear_filters_button.setAccessibleName(self.tr("清除筛选"))
        self.clear_filters_button.clicked.connect(self.clear_filters)
        status = QWidget(box)
        status_row = QHBoxLayout(status)
        status_row.setContentsMargins(0, 0, 0, 0)
        status_row.addWidget(self.status_combo, 1)
        status_row.addWidget(self.clear_filters_button)
        for combo in (self.gi_kind_combo, self.status_combo):  # they share a row's width, not ask their longest item's
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(6)
        cells = [(self.tr("地理标志类型"), self.gi_kind_combo, self.gi_kind_combo),
                 (self.tr("尼斯类别"), self.nice_combo, self.nice_combo), (self.tr("IPC 小类"), self.ipc_edit, self.ipc_edit),
                 (self.tr("法律状态"), status, self.status_combo)]
        box.set_cells((_caption(self.tr("地区"), self.region_picker, box), self.region_picker),
                      (_caption(self.tr("年份"), self.year_from, box), years),
                      [(_caption(text, buddy, box), field) for text, field, buddy in cells])
        # Tab in the order on screen: the region, the years beside it, then the row under them
        QWidget.setTabOrder(self.year_to, self.gi_kind_combo)
        QWidget.setTabOrder(self.gi_kind_combo, self.nice_combo)
        QWidget.setTabOrder(self.nice_combo, self.ipc_edit)
        QWidget.setTabOrder(self.ipc_edit, self.status_combo)
        QWidget.setTabOrder(self.status_combo, self.clear_filters_button)
        self.region_picker.sig_changed.connect(lambda _c: self._schedule())
        for combo in (self.gi_kind_combo, self.nice_combo, self.status_combo):
            combo.currentIndexChanged.connect(lambda _i: self._schedule())
        self.ipc_edit.textChanged.connect(lambda _t: self._schedule())
        self.year_from.valueChanged.connect(lambda _v: self._schedule())
        self.year_to.valueChanged.connect(lambda _v: self._schedule())
        return box

    def filters(self) -> SearchFilters:
        year_from = self.year_from.value()
        year_to = self.year_to.value()
        return SearchFilters(
            region=self.region_picker.code()[:12],
            gi_kind=self.gi_kind_combo.currentData() or "",
            nice_class=self.nice_combo.currentData(),
            ipc_prefix=self.ipc_edit.text().strip(),
            year_from=year_from if year_from >= YEAR_MIN else None,
            year_to=year_to if year_to >= YEAR_MIN else None,
            status=self.status_combo.currentData() or "",
        )

    def clear_filters(self) -> None:
        for combo in (self.gi_kind_combo, self.nice_combo, self.status_combo):
            combo.setCurrentIndex(0)
        self.ipc_edit.clear()
        self.year_from.setValue(YEAR_MIN - 1)
        self.year_to.setValue(YEAR_MIN - 1)
        self.region_picker.set_code("")

    def set_filters(self, filters: SearchFilters) -> None:
        """Show `filters` in the filter widgets (a region is looked up level by level, then searched)."""
        self.gi_kind_combo.setCurrentIndex(max(0, self.gi_kind_combo.findData(filters.gi_kind)))
        nice = self.nice_combo.findData(filters.nice_class) if filters.nice_class is not None else 0
        self.nice_combo.setCurrentIndex(max(0, nice))
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(filters.status)))
        self.ipc_edit.setText(filters.ipc_prefix)
        self.year_from.setValue(filters.year_from or YEAR_MIN - 1)
        self.year_to.setValue(filters.year_to or YEAR_MIN - 1)
        if filters.region != self.region_picker.code():
            self.region_picker.set_code(filters.region)

    # --- over a language switch ---------------------------------------------------------------

    def save_state(self) -> SearchState:
        return SearchState(query=self.search_box.text().strip(), filters=self.filters(),
                           filters_shown=self.filters_toggle.isChecked(),
                           kind=self._kind_keys[max(0, self.kind_tabs.currentIndex())],
                           sort=str(self.sort_combo.currentData()), saved_shown=self.saved_toggle.isChecked())

    def restore_state(self, state: SearchState) -> None:
        """The query, its filters, tab and order as they were; the query searched again at once."""
        self.sort_combo.setCurrentIndex(max(0, self.sort_combo.findData(state.sort)))
        self.filters_toggle.setChecked(state.filters_shown)
        self.saved_toggle.setChecked(state.saved_shown)
        self.set_filters(state.filters)
        self.select_kind(state.kind)
        if state.query:
            self.set_query(state.query)

    # --- saved searches (ipdesk/ui/saved_searches.py) --------------------------------------------

    def _add_saved_searches(self, top: QHBoxLayout, status_row: QHBoxLayout, layout: QVBoxLayout) -> None:
        """"Saved searches" beside the filters' switch, opening their list under the filters;
        "Save search…" beside "add to report". In the tab order after the switch and after "add"."""
        self.saved_toggle = ToggleButton(self.tr("已保存的检索(&V)"), self)
        self.saved_toggle.setCheckable(True)
        self.saved_toggle.setAccessibleName(self.tr("显示或隐藏已保存的检索"))
        self.saved_toggle.setToolTip(self.tr("显示或隐藏已保存的检索"))
        top.addWidget(self.saved_toggle)
        self.save_search_button = QPushButton(self.tr("保存检索(&S)…"), self)
        self.save_search_button.setAccessibleName(self.tr("把这次检索保存下来，以后再次运行"))
        self.save_search_button.setEnabled(False)
        status_row.addWidget(self.save_search_button)
        self.saved_panel = SavedSearchesPanel(self.services, self.tasks, self.lang, self)
        self.saved_panel.setVisible(False)
        # a share of a taller window (its list grows to five rows), the results the rest (`SavedList`)
        layout.insertWidget(layout.indexOf(self.filters_box) + 1, self.saved_panel, 1)
        self.saved_toggle.toggled.connect(self._on_saved_toggled)
        self.save_search_button.clicked.connect(self._on_save_search_clicked)
        self.search_box.textChanged.connect(
            lambda text: self.save_search_button.setEnabled(not is_blank(text)))
        self.saved_panel.sig_run.connect(self.run_saved_search)
        self.saved_panel.sig_count_changed.connect(self._on_saved_count_changed)
        self.saved_panel.sig_notice.connect(self._on_saved_notice)
        QWidget.setTabOrder(self.filters_toggle, self.saved_toggle)
        QWidget.setTabOrder(self.saved_toggle, self.saved_panel.table)
        QWidget.setTabOrder(self.saved_panel.table, self.saved_panel.run_button)
        QWidget.setTabOrder(self.saved_panel.run_button, self.saved_panel.rename_button)
        QWidget.setTabOrder(self.saved_panel.rename_button, self.saved_panel.delete_button)
        QWidget.setTabOrder(self.add_results_button, self.save_search_button)
        self.saved_panel.refresh()  # the count on the switch

    def _on_saved_toggled(self, shown: bool) -> None:
        self.saved_panel.setVisible(shown)
        if shown:
            self.saved_panel.refresh()  # a backup restored meanwhile, or another window's changes

    def _on_saved_count_changed(self, count: int) -> None:
        self.saved_toggle.setText(self.tr("已保存的检索 (%1)(&V)").replace("%1", str(count)) if count else
                                  self.tr("已保存的检索(&V)"))

    def _on_saved_notice(self, text: str) -> None:
        """With the list closed, what saving did is said where the result count is."""
        if not self.saved_panel.isVisible():
            self.status_label.setText(text)
            announce(self.status_label)

    def current_search(self) -> tuple[str, SearchFilters, str]:
        """What "Save search…" keeps: the query, the filters with the kind tab on show (as the one kind
        to search), and the order."""
        kind = self._kind_keys[max(0, self.kind_tabs.currentIndex())]
        filters = replace(self.filters(), kinds=(kind,) if kind else ())
        return " ".join(self.search_box.text().split()), filters, str(self.sort_combo.currentData())

    def _on_save_search_clicked(self) -> None:
        query, filters, sort = self.current_search()
        if is_blank(query):
            return
        self.saved_panel.save_search(query, filters, sort)

    def run_saved_search(self, entry: Any) -> None:
        """Fill the box, the filters, the kind tab and the order from a saved search
        (services.saved_searches.SavedSearchEntry) and search with them at once."""
        saved: SearchFilters = entry.filters
        kind = saved.kinds[0] if len(saved.kinds) == 1 else ""
        shown = replace(saved, kinds=(), similar_group="")  # what the filter widgets hold
        left_out = []
        if len(saved.kinds) > 1:
            left_out.append(self.tr("类型：%1").replace("%1", self.tr("、").join(labels.kind_name(k) for k in saved.kinds)))
        if saved.similar_group:
            left_out.append(self.tr("类似群 %1").replace("%1", saved.similar_group))
        if saved.status and self.status_combo.findData(saved.status) < 0:
            left_out.append(labels.status_name(saved.status))
            shown = replace(shown, status="")
        for year in (saved.year_from, saved.year_to):
            if year is not None and not YEAR_MIN <= year <= YEAR_MAX:
                left_out.append(str(year))
        if shown.year_from is not None and not YEAR_MIN <= shown.year_from <= YEAR_MAX:
            shown = replace(shown, year_from=None)
        if shown.year_to is not None and not YEAR_MIN <= shown.year_to <= YEAR_MAX:
            shown = replace(shown, year_to=None)
        self.sort_combo.setCurrentIndex(max(0, self.sort_combo.findData(entry.sort)))
        self.set_filters(shown)
        self.select_kind(kind)
        self.search_box.setText(entry.query)
        self._debounce.stop()  # searched here with the saved filters: the region box fills meanwhile
        if left_out:
            self.saved_panel.say(self.saved_panel.message.text() + self.tr("窗口中没有这些条件，已略去：%1。")
                                 .replace("%1", self.tr("；").join(left_out)))
        query, search = entry.query, self.services.search
        self.status_label.setText(self.tr("正在查找…"))
        self.tasks.run(lambda: search.search(query, shown, limit=FETCH_BATCH), on_done=self._show,
                       on_error=self._show_error, key="search")

    # --- searching ----------------------------------------------------------------------------

    def set_query(self, text: str) -> None:
        """Put `text` in the box and search at once (other pages hand queries over this way)."""
        self.search_box.setText(text)
        self._debounce.stop()
        self._on_debounce_timeout()

    def _schedule(self) -> None:
        """A filter changed: search again, and show on the (maybe hidden) filter button how many are on."""
        active = sum(1 for v in vars(self.filters()).values() if v not in ("", None, ()))
        self.filters_toggle.setText(self.tr("筛选 (%1)(&F)").replace("%1", str(active)) if active else
                                    self.tr("筛选(&F)"))
        self._debounce.start()

    def _on_search_box_text_changed(self, _text: str) -> None:
        self._debounce.start()

    def _on_search_box_return(self) -> None:
        self._debounce.stop()
        self._on_debounce_timeout()

    def _on_debounce_timeout(self) -> None:
        text = self.search_box.text().strip()
        if is_blank(text):  # nothing, or only invisible characters (a zero-width space, a BOM): an empty box
            self.tasks.run(lambda: None, key="search")  # supersede a running query
            self._show(None)
            return
        search = self.services.search
        filters = self.filters()
        self.status_label.setText(self.tr("正在查找…"))
        self.tasks.run(lambda: search.search(text, filters, limit=FETCH_BATCH), on_done=self._show,
                       on_error=self._show_error, key="search")

    def _on_add_results_clicked(self) -> None:
        """The whole result set goes into the basket; the report runs the search again when made."""
        from ipdesk.services.reports.builder import search_basket_item

        result = self.last_result
        if result is None or not result.total:
            return
        added = self.basket.add(search_basket_item(result.query, result.filters, subtitle=result.total_label))
        self.status_label.setText(self.tr("已加入报告") if added else self.tr("这组结果已在报告中"))
        announce(self.status_label)

    def _show(self, result: SearchResult | None) -> None:
        self._busy_retries = 0
        self.last_result = result
        self.add_results_button.setEnabled(bool(result and result.total))
        self.model.set_result(result)
        self._update_tab_labels(result)
        if result is None:
            self.status_label.clear()
            self.empty_help.setVisible(False)
        else:
            self.status_label.setText(
                self.tr("找到 %1 条（%2 毫秒）").replace("%1", result.total_label).replace("%2", f"{result.elapsed_ms:.0f}")
            )
            announce(self.status_label)
            self.empty_help.setVisible(self.model.total() == 0)
            self.empty_help.setText(self._empty_advice(result))
        self._fit_columns()
        self.sig_results_shown.emit(result)

    def _empty_advice(self, result: SearchResult) -> str:
        tips = [self.tr("没有找到结果。可以试试：")]
        shown = [self.model.kind] if self.model.kind else list(result.kinds_without_data)
        missing = [kind for kind in shown if kind in result.kinds_without_data]
        if missing:
            names = [labels.kind_name(k) for k in missing]
            if self.lang == "zh_CN":
                listed = "、".join(names)
            else:
                listed = " or ".join(filter(None, (", ".join(names[:-1]), names[-1])))
            tips = [self.tr("本机还没有%1数据，无法查到这些记录：可在“数据与同步”中更新或导入。").replace("%1", listed), *tips]
        # advice that fits what was typed: a number is not helped by pinyin, nor pinyin by fewer characters
        kind = query_kind(result.query)
        if kind == "number":
            tips.append(self.tr("· 核对号码：有没有输错一位，是否完整"))
            tips.append(self.tr("· 可以查的编号：专利申请号或公开号、商标注册号、国际专利分类号（如 A01G 9/00）、行政区划代码"))
            tips.append(self.tr("· 本机可能还没有这条记录：可在“数据与同步”中更新或导入"))
            tips.append(self.tr("· 也可以用名称、申请人或地名查找"))
        elif kind == "chinese":
            tips.append(self.tr("· 少输几个字，如只输入“五常”"))
            tips.append(self.tr("· 检查有没有错字；不确定怎么写时，用拼音或首字母，如 wuchang 或 wcdm"))
        else:
            tips.append(self.tr("· 检查拼写；拼音可以连写或分开（wuchang、wu chang），也可以只输首字母（wcdm）"))
            tips.append(self.tr("· 少输几个字母，或直接输入汉字，如“五常”"))
            tips.append(self.tr("· 英文名称不一定收录，可以改用中文名称或拼音"))
        if not result.filters.is_empty():
            tips.append(self.tr("· 放宽筛选条件，或换一个地区"))
        elif kind != "number":
            tips.append(self.tr("· 换一个地区或产品名称"))
        if self.model.kind:
            tips.append(self.tr("· 切换到“全部”查看其他类型"))
        return "\n".join(tips)

    def _show_error(self, error: BaseException) -> None:
        # An unexpected error's own words (a database driver's, in English) are for the log, not the window.
        msg = error.message(self.lang) if isinstance(error, IpdeskError) else self.tr(
            "查找时出现意外问题，详细信息已写入日志。请换个说法再试。")
        if isinstance(error, DatabaseBusyError) and self._busy_retries < BUSY_RETRIES:
            # Not the person's doing, and over once the update is written: ask again by itself (with
            # whatever the box holds then), rather than send them to retype.
            self._busy_retries += 1
            msg = self.tr("数据库正忙于另一项写入（数据更新或导入），几秒后自动再查…")
            self._busy_retry.start()
        if not isinstance(error, IpdeskError):
            log.error("search failed", exc_info=error)
        self.status_label.setText(msg)
        announce(self.status_label)
        # Nothing of the query before stays on screen under the error: its rows, its "nothing found"
        # advice (it was about another query), its "add these results to the report".
        self.last_result = None
        self.add_results_button.setEnabled(False)
        self.empty_help.setVisible(False)
        self.model.set_result(None)
        self._update_tab_labels(None)

    def _update_tab_labels(self, result: SearchResult | None) -> None:
        """全部 (10,000+), 专利 (9,999+): a capped result's kinds are counted among the records it
        holds, and each may have more than that (QA 20b N3)."""
        counts = result.counts_by_kind if result else {}
        for i, kind in enumerate(self._kind_keys):
            name = self.tr("全部") if not kind else labels.kind_name(kind)
            if result is None:
                self.kind_tabs.setTabText(i, name)
            else:
                n = counts.get(kind, 0)
                more = "+" if result.capped and n else ""
                count = result.total_label if not kind else f"{n:,}{more}"
                self.kind_tabs.setTabText(i, f"{name} ({count})")

    def _update_more_hint(self, *_args: object) -> None:
        """At the end of a capped list: there are more records than listed, and how to narrow them."""
        result = self.last_result
        bar = self.table.verticalScrollBar()
        at_end = (result is not None and result.capped and self.model.total() > 0
                  and not self.model.canFetchMore() and bar.value() >= bar.maximum())
        if at_end:
            self.more_hint.setText(
                self.tr("还有更多记录没有列出：这里只列出找到的前 %1 条。请点“筛选”按年份、地区缩小范围，"
                        "或在上面的标签中只看一种类型。").replace("%1", f"{self.model.total():,}"))
        if at_end == self.more_hint.isHidden():
            self.more_hint.setVisible(at_end)
            if at_end:
                announce(self.more_hint)

    def _fit_columns(self) -> None:
        """Columns sized from the first rows; the title gets room for its bold matched part. Then no
        column is wider than the table has room for: the widest give way first (a 200-character class
        title pushed Details, Date and Matched out of sight), their text cut short with "…" and
        whole in the tooltip."""
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)  # else the last column takes back what the others give up
        self.table.resizeColumnsToContents()
        column = self.model.title_column()
        self.table.setColumnWidth(column, self.table.columnWidth(column) + 12)
        widths = [self.table.columnWidth(c) for c in range(self.model.columnCount())]
        capped = capped_widths(widths, self._table_room())
        for c, (old, new) in enumerate(zip(widths, capped, strict=True)):
            if new != old:
                self.table.setColumnWidth(c, new)
        header.setStretchLastSection(True)  # the last column fills what room is left

    def _table_room(self) -> int:
        """The width the columns may take without a horizontal scroll bar (a vertical one allowed for)."""
        scroll = self.table.verticalScrollBar()
        reserve = 0 if scroll.isVisible() else scroll.sizeHint().width()
        return max(0, self.table.viewport().width() - reserve)

    def _on_kind_tab_changed(self, index: int) -> None:
        self.model.set_kind(self._kind_keys[index] if 0 <= index < len(self._kind_keys) else "")
        self._fit_columns()
        if self.last_result is not None:
            self.empty_help.setVisible(self.model.total() == 0)
            self.empty_help.setText(self._empty_advice(self.last_result))

    def _on_sort_changed(self, _index: int) -> None:
        self.model.set_sort_by_date(self.sort_combo.currentData() == "date")

    def _on_table_activated(self, index: QModelIndex) -> None:
        hit = index.data(HitRole)
        if hit is not None:
            self.sig_open_record.emit(hit.kind, hit.ref_id)

    def select_kind(self, kind: str) -> None:
        self.kind_tabs.setCurrentIndex(self._kind_keys.index(kind) if kind in self._kind_keys else 0)
