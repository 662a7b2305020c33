"""Pick a place by tapping: province → prefecture → county → township, so nobody has to type.

Each level is a grid of big tiles that scrolls by flicking; a row of breadcrumb buttons above it
goes back to any level already chosen. Tapping a township chooses it; "就选这里" chooses the
level shown (a whole county, say). Children are read on the DB worker (`PlaceService.children`).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from ipdesk.domain.codes import LEVEL_TOWNSHIP
from ipdesk.services.container import Services
from ipdesk.services.places import PlaceRef
from ipdesk.ui.kiosk.widgets import big_button, role_label, touch_list
from ipdesk.ui.tasks import TaskRunner

log = logging.getLogger("ipdesk.ui.kiosk")

TILE = QSize(250, 96)  # the least a tile is
TILE_GAP = 6  # between two tiles
MIN_COLUMNS = 3  # a level's long names do not make the tiles wider than a third of the width


class PlacePicker(QWidget):
    """`sig_place_chosen(code, name, level)` when a township is tapped or "choose this" is pressed."""

    sig_place_chosen = Signal(str, str, int)
    sig_loaded = Signal()  # the tiles of a level are shown (tests and screenshots wait on it)

    def __init__(self, services: Services, tasks: TaskRunner, parent: QWidget | None = None, *,
                 townships_only: bool = False) -> None:
        super().__init__(parent)
        self._townships_only = townships_only
        self._places = services.places
        self._tasks = tasks
        self.path: list[PlaceRef] = []  # chosen levels above the tiles shown, province first
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        self._crumbs_row = QHBoxLayout()
        self._crumbs_row.setSpacing(8)
        self.crumbs: list[QPushButton] = []
        layout.addLayout(self._crumbs_row)
        self.prompt = role_label("hint", self)
        layout.addWidget(self.prompt)
        self.tiles = touch_list(self, grid=TILE)
        self.tiles.setAccessibleName(self.tr("地方列表"))
        self.tiles.itemClicked.connect(self._on_tiles_item_clicked)
        self.tiles.viewport().installEventFilter(self)
        layout.addWidget(self.tiles, 1)
        self.choose_here = big_button("", "fa5s.check", self)
        self.choose_here.clicked.connect(self._on_choose_here_clicked)
        layout.addWidget(self.choose_here)
        self.retranslate()
        self.reset()

    # --- state ------------------------------------------------------------------------------------

    def reset(self) -> None:
        """Back to the list of provinces."""
        self.path = []
        self._load()

    def current(self) -> PlaceRef | None:
        return self.path[-1] if self.path else None

    def go_to_level(self, depth: int) -> None:
        """Show the tiles below the first `depth` chosen places (0: the provinces)."""
        self.path = self.path[:depth]
        self._load()

    def retranslate(self) -> None:
        self._rebuild_crumbs()
        self._update_prompt()
        self.choose_here.setText(self._choose_here_text())

    # --- loading ----------------------------------------------------------------------------------

    def _load(self) -> None:
        parent = self.current()
        code = parent.code if parent else None
        self.tiles.clear()
        self._rebuild_crumbs()
        self._update_prompt()
        self.choose_here.setVisible(parent is not None and not self._townships_only)
        self.choose_here.setText(self._choose_here_text())
        places = self._places
        self._tasks.run(lambda: places.children(code), on_done=self._show_children, on_error=self._show_error,
                        key="kiosk-place-children")

    def _show_children(self, children: list[PlaceRef]) -> None:
        self.tiles.clear()
        for ref in children:
            item = QListWidgetItem(ref.name)
            item.setData(Qt.ItemDataRole.UserRole, ref)
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.tiles.addItem(item)
        self._spread_tiles()  # as wide as this level's names need
        self.tiles.scrollToTop()
        self._update_prompt(empty=not children)
        self.sig_loaded.emit()

    def _show_error(self, error: BaseException) -> None:
        log.error("kiosk: could not load places: %s", error)
        self.prompt.setText(self.tr("地方列表读取失败，请稍后再试。"))

    def _tile_size(self) -> QSize:
        grid = self.tiles.gridSize()
        return QSize(grid.width() - TILE_GAP, grid.height() - TILE_GAP)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.tiles.viewport() and event.type() == QEvent.Type.Resize:
            self._spread_tiles()
        return False

    def _tile_chrome(self) -> int:
        """How much wider a tile is than the widest text it shows uncut: its border and padding (the
        style sheet's), the item view's text margins, and the gap to the next tile."""
        view = self.tiles
        option = QStyleOptionViewItem()
        option.initFrom(view)
        option.font = view.font()
        option.features = QStyleOptionViewItem.ViewItemFeature.HasDisplay
        option.rect = QRect(0, 0, 400, TILE.height() - TILE_GAP)
        text = view.style().subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, view)
        margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
        return option.rect.width() - text.width() + 2 * margin + TILE_GAP + 1

    def _spread_tiles(self) -> None:
        """Spread the tiles over the whole width: as many columns as fit, each at least TILE wide and
        wide enough for this level's longest name (新疆维吾尔自治区 uncut), up to a third of the width;
        names longer than that get two lines.

        Qt's icon view starts a row `spacing` in and keeps room for a scroll bar on its right even
        when none is shown: when the tiles fit without scrolling the bar is switched off, so the
        tiles take that room too."""
        view = self.tiles
        spacing = view.spacing()
        area = view.maximumViewportSize()
        bar_width = view.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, view.verticalScrollBar())
        metrics = QFontMetrics(view.font())
        texts = [view.item(row).text() for row in range(view.count())]
        need = max((metrics.horizontalAdvance(text) for text in texts), default=0) + self._tile_chrome()
        count = max(1, len(texts))
        for with_bar in (False, True):
            width = max(1, area.width() - (bar_width if with_bar else 0) - spacing - 1)
            least = max(TILE.width(), min(need, width // MIN_COLUMNS))
            columns = max(1, width // least)
            cell = width // columns
            height = TILE.height() + (metrics.lineSpacing() if need > cell else 0)  # two lines
            rows = -(-count // columns)
            if with_bar or 2 * spacing + rows * height <= area.height():
                break
        view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded if with_bar
                                        else Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        if view.gridSize() != QSize(cell, height):
            view.setGridSize(QSize(cell, height))
        size = self._tile_size()
        for row in range(view.count()):
            item = view.item(row)
            if item is not None and item.sizeHint() != size:
                item.setSizeHint(size)

    # --- taps -------------------------------------------------------------------------------------

    def _on_tiles_item_clicked(self, item: QListWidgetItem) -> None:
        ref = item.data(Qt.ItemDataRole.UserRole)
        if not isinstance(ref, PlaceRef):
            return
        # Later, not inside the view's click handling: opening a level clears the list (and this item).
        QTimer.singleShot(0, lambda: self.choose(ref))

    def choose(self, ref: PlaceRef) -> None:
        """As if the tile of `ref` was tapped: a township is chosen, any other level is opened."""
        if ref.level >= LEVEL_TOWNSHIP:
            self.sig_place_chosen.emit(ref.code, ref.name, ref.level)
            return
        self.path.append(ref)
        self._load()

    def _on_choose_here_clicked(self) -> None:
        ref = self.current()
        if ref is not None:
            self.sig_place_chosen.emit(ref.code, ref.name, ref.level)

    # --- words ------------------------------------------------------------------------------------

    def _rebuild_crumbs(self) -> None:
        while self._crumbs_row.count():
            taken = self._crumbs_row.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.crumbs = []
        labels = [self.tr("全国"), *[ref.name for ref in self.path]]
        for depth, label in enumerate(labels):
            last = depth == len(labels) - 1
            button = big_button(label, "fa5s.globe-asia" if depth == 0 else "fa5s.map-marker-alt", self,
                                role="" if last else "secondary")
            button.clicked.connect(lambda _checked=False, d=depth: self.go_to_level(d))
            self._crumbs_row.addWidget(button)
            self.crumbs.append(button)
        self._crumbs_row.addStretch(0)

    def _update_prompt(self, empty: bool = False) -> None:
        depth = len(self.path)
        if empty:
            self.prompt.setText(self.tr("这里没有乡镇可选。请点上面的按钮换一个地方。") if self._townships_only
                                else self.tr("这里没有下一级地方。请点“就选这里”。"))
            return
        prompts = [self.tr("第一步：点您所在的省"), self.tr("第二步：点您所在的市"),
                   self.tr("第三步：点您所在的县（区、市）"), self.tr("第四步：点您所在的乡镇")]
        self.prompt.setText(prompts[min(depth, len(prompts) - 1)])

    def _choose_here_text(self) -> str:
        ref = self.current()
        name = ref.name if ref else ""
        return self.tr("就选这里：%1").replace("%1", name)
