"""Cascading province → prefecture → county → township pickers over the division table.

Children are read off the GUI thread; `sig_changed(code)` reports the deepest chosen division
('' for none). `set_code` fills every level for a given code (used when a place is typed or clicked).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QComboBox, QGridLayout, QStyle, QStyleOptionComboBox, QWidget

from ipdesk.domain.codes import division_ancestors
from ipdesk.services.places import PlaceRef


class LevelCombo(QComboBox):
    """One level's choices, as wide as its "(all …)" label at least (English's "(all prefectures)" had
    been cut to "(all prefectu"), and as its chosen place's name when there is room."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currentIndexChanged.connect(lambda _i: self.updateGeometry())

    def _size_for(self, text: str) -> QSize:
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        metrics = self.fontMetrics()
        inside = QSize(metrics.horizontalAdvance(text) + 4, max(metrics.height(), 14) + 2)
        return self.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, option, inside, self)

    def minimumSizeHint(self) -> QSize:
        return self._size_for(self.itemText(0))

    def sizeHint(self) -> QSize:
        texts = [self.itemText(0), self.currentText()]
        return self._size_for(max(texts, key=self.fontMetrics().horizontalAdvance))


class RegionPicker(QWidget):
    """The levels side by side when they fit, else two (or one) to a row."""

    sig_changed = Signal(str)

    def __init__(self, services: Any, tasks: Any, parent: QWidget | None = None, *, levels: int = 4) -> None:
        super().__init__(parent)
        self._places = services.places
        self._tasks = tasks
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._columns = 0
        names = [self.tr("省"), self.tr("地市"), self.tr("区县"), self.tr("乡镇")]
        anys = [self.tr("（全部省份）"), self.tr("（全部地市）"), self.tr("（全部区县）"), self.tr("（全部乡镇）")]
        self.combos: list[QComboBox] = []
        self._any_labels = anys[:levels]
        for level in range(levels):
            combo = LevelCombo(self)
            combo.setAccessibleName(names[level])
            combo.setToolTip(names[level])
            combo.setProperty("data_items", True)  # items after the first are place names (record data)
            combo.addItem(anys[level], "")
            combo.setEnabled(level == 0)
            combo.currentIndexChanged.connect(lambda _i, lv=level: self._on_combo_changed(lv))
            self.combos.append(combo)
        self._arrange(len(self.combos))
        self._loading = 0
        self._generation = 0  # bumped by reset(): lists still loading for an earlier choice are dropped
        self._load(0, None)

    # --- layout: as many levels to a row as fit ----------------------------------------------------

    def _columns_for(self, width: int) -> int:
        spacing = max(0, self._grid.horizontalSpacing())
        wanted = [c.sizeHint().width() for c in self.combos]
        for columns in range(len(wanted), 1, -1):
            if len(wanted) % columns and columns != len(wanted):
                continue  # 4 or 2 to a row (2 + 2), never 3 + 1
            widths = [max(wanted[i::columns]) for i in range(columns)]
            if sum(widths) + spacing * (columns - 1) <= width:
                return columns
        return 1

    def _arrange(self, columns: int) -> None:
        if columns == self._columns:
            return
        for combo in self.combos:
            self._grid.removeWidget(combo)
        for index, combo in enumerate(self.combos):
            self._grid.addWidget(combo, index // columns, index % columns)
        for column in range(len(self.combos)):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)
        self._columns = columns

    def _rearrange(self) -> None:
        """A level's list or choice changed its width: as many to a row as now fit."""
        if self.width() > 0:
            self._arrange(self._columns_for(self.width()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._arrange(self._columns_for(event.size().width()))
        super().resizeEvent(event)

    def minimumSizeHint(self) -> QSize:
        """One level to a row at the narrowest (a wider picker puts more side by side)."""
        least = super().minimumSizeHint()
        return QSize(max(c.minimumSizeHint().width() for c in self.combos), least.height())

    def code(self) -> str:
        for combo in reversed(self.combos):
            value = combo.currentData()
            if value:
                return str(value)
        return ""

    def is_loading(self) -> bool:
        return self._loading > 0

    def reset(self) -> None:
        """Back to no choice at any level (no sig_changed): the provinces stay, every lower level empties."""
        self._generation += 1
        first = self.combos[0]
        first.blockSignals(True)
        first.setCurrentIndex(0)
        first.blockSignals(False)
        self._clear_below(0)

    def _fill(self, level: int, items: list[PlaceRef], select: str = "") -> None:
        combo = self.combos[level]
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self._any_labels[level], "")
        for p in items:
            combo.addItem(p.name, p.code)
        combo.setEnabled(bool(items))
        if select:
            idx = combo.findData(select)
            combo.setCurrentIndex(max(0, idx))
        combo.blockSignals(False)
        combo.updateGeometry()
        self._rearrange()

    def _clear_below(self, level: int) -> None:
        for lower in range(level + 1, len(self.combos)):
            self._fill(lower, [])

    def _load(self, level: int, parent_code: str | None) -> None:
        places = self._places
        self._loading += 1
        generation = self._generation

        def done(items: list[PlaceRef]) -> None:
            self._loading -= 1
            if level > 0 and generation != self._generation:
                return  # the choice above it was reset meanwhile
            self._fill(level, items)

        def failed(_exc: BaseException) -> None:
            self._loading -= 1

        self._tasks.run(lambda: places.children(parent_code), on_done=done, on_error=failed,
                        key=f"region-{id(self)}-{level}", owner=self, wait_if_busy=True)

    def _on_combo_changed(self, level: int) -> None:
        self._rearrange()
        self._clear_below(level)
        code = self.combos[level].currentData()
        if code and level + 1 < len(self.combos):
            self._load(level + 1, str(code))
        self.sig_changed.emit(self.code())

    def set_code(self, code: str) -> None:
        """Select `code` (and its ancestors) in the pickers, loading each level's choices."""
        chain = [*division_ancestors(code), code] if code else []
        chain = chain[: len(self.combos)]
        places = self._places
        self._loading += 1
        generation = self._generation

        def load() -> list[list[PlaceRef]]:
            parents: list[str | None] = [None, *chain]
            return [places.children(p) for p in parents[: len(self.combos)]]

        def done(levels: list[list[PlaceRef]]) -> None:
            self._loading -= 1
            if generation != self._generation:
                return
            for level, items in enumerate(levels):
                self._fill(level, items, chain[level] if level < len(chain) else "")
            self.sig_changed.emit(self.code())

        def failed(_exc: BaseException) -> None:
            self._loading -= 1

        self._tasks.run(load, on_done=done, on_error=failed, key=f"region-set-{id(self)}", wait_if_busy=True)
