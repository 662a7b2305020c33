"""By place: pick a township (cascading pickers, or type its name or pinyin) and see every GI
that covers it — through its county or prefecture too — the trademarks and patents of the place,
and its neighbouring townships. The view a cooperative asks for first."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ipdesk.domain.basket import BasketItem
from ipdesk.services.places import ROUGH_AREA_MARK
from ipdesk.services.search import SearchFilters
from ipdesk.ui import labels
from ipdesk.ui.announce import announce
from ipdesk.ui.detail_views import LinkRole, PlaceDetail, load_detail
from ipdesk.ui.region_picker import RegionPicker
from ipdesk.ui.tasks import error_text

log = logging.getLogger("ipdesk.ui.place")


@dataclass(frozen=True)
class PlaceState:
    """What the place page carries over a language switch (`pages.KeepsState`)."""

    code: str  # the place shown (or being read); '' for none
    find_text: str
    matches_shown: bool


class PlacePage(QWidget):
    sig_open_record = Signal(str, object)
    sig_place_shown = Signal(object)  # PlaceDetail

    def __init__(self, services: Any, tasks: Any, basket: Any, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.tasks = tasks
        self.basket = basket
        self.lang = lang
        self.current: PlaceDetail | None = None
        self._code = ""  # the place shown or being read
        self._neighbours: list[Any] = []

        layout = QVBoxLayout(self)
        find_row = QHBoxLayout()
        self.find_box = QLineEdit(self)
        self.find_box.setPlaceholderText(self.tr("输入乡镇、区县名称或拼音，如 五常镇、wuchang"))
        self.find_box.setAccessibleName(self.tr("查找地方"))
        self.find_box.setClearButtonEnabled(True)
        find_row.addWidget(self.find_box, 1)
        layout.addLayout(find_row)
        self.matches = QListWidget(self)
        self.matches.setAccessibleName(self.tr("匹配的地方"))
        self.matches.setVisible(False)
        self.matches.setMaximumHeight(180)
        layout.addWidget(self.matches)

        picker_row = QHBoxLayout()
        picker_label = QLabel(self.tr("逐级选择："), self)
        picker_row.addWidget(picker_label)
        self.picker = RegionPicker(services, tasks, self)
        picker_row.addWidget(self.picker, 1)
        layout.addLayout(picker_row)

        head = QHBoxLayout()
        self.place_label = QLabel(self.tr("请选择一个乡镇（或区县）。"), self)
        self.place_label.setWordWrap(True)
        self.place_label.setProperty("record_data", True)
        font = self.place_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.place_label.setFont(font)
        head.addWidget(self.place_label, 1)
        self.add_button = QPushButton(self.tr("加入报告(&A)"), self)
        self.add_button.setAccessibleName(self.tr("把此地加入报告"))
        self.add_button.setEnabled(False)
        self.add_button.clicked.connect(self._on_add_clicked)
        head.addWidget(self.add_button)
        layout.addLayout(head)
        self.summary = QLabel("", self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.gi_list = self._section(splitter, self.tr("覆盖此地的地理标志"))
        self.record_list = self._section(splitter, self.tr("此地的商标和专利"))
        self.neighbour_list = self._section(splitter, self.tr("相邻乡镇（同一区县）"))
        layout.addWidget(splitter, 1)

        self._find_timer = QTimer(self)
        self._find_timer.setSingleShot(True)
        self._find_timer.setInterval(200)
        self._find_timer.timeout.connect(self._on_find_timeout)
        self.find_box.textChanged.connect(lambda _t: self._find_timer.start())
        self.find_box.returnPressed.connect(self._on_find_return)
        self.matches.itemActivated.connect(self._on_match_activated)
        self.matches.itemClicked.connect(self._on_match_activated)
        self.picker.sig_changed.connect(self._on_picker_changed)
        self.setFocusProxy(self.find_box)

    def _section(self, splitter: QSplitter, title: str) -> QListWidget:
        box = QGroupBox(title, splitter)
        lay = QVBoxLayout(box)
        lst = QListWidget(box)
        lst.setAccessibleName(title.replace("&&", "&"))  # && in a group box title shows one &
        lst.setProperty("record_list", True)
        lst.setWordWrap(True)
        lst.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        lst.itemActivated.connect(self._on_item_activated)
        lst.itemClicked.connect(self._on_item_activated)
        lay.addWidget(lst)
        splitter.addWidget(box)
        return lst

    # --- over a language switch ---------------------------------------------------------------

    def save_state(self) -> PlaceState:
        return PlaceState(code=self._code, find_text=self.find_box.text(),
                          matches_shown=self.matches.isVisibleTo(self))

    def restore_state(self, state: PlaceState) -> None:
        """The place read again and shown in this language, with what was typed to find it."""
        self.find_box.blockSignals(True)
        self.find_box.setText(state.find_text)
        self.find_box.blockSignals(False)
        if state.matches_shown and state.find_text.strip():
            self._on_find_timeout()
        if state.code:
            self.show_place(state.code)

    # --- finding a place ----------------------------------------------------------------------

    def _on_find_timeout(self) -> None:
        text = self.find_box.text().strip()
        if not text:
            self.matches.clear()
            self.matches.setVisible(False)
            return
        search = self.services.search
        self.tasks.run(lambda: search.search(text, SearchFilters(kinds=("place",)), limit=30),
                       on_done=self._show_matches, on_error=self._show_find_error, key="place-find",
                       wait_if_busy=True)

    def _on_find_return(self) -> None:
        if self.matches.count() and self.matches.item(0).data(LinkRole):
            self._on_match_activated(self.matches.item(0))
        else:
            self._find_timer.stop()
            self._on_find_timeout()

    def _show_matches(self, result: Any) -> None:
        self.matches.clear()
        for hit in result.hits:
            item = QListWidgetItem(f"{hit.title}  {hit.subtitle}")
            item.setData(LinkRole, ("place", hit.ref_id))
            self.matches.addItem(item)
        if not result.hits:
            self.matches.addItem(QListWidgetItem(self.tr("没有找到这个地方。试试拼音，或少输几个字。")))
        self.matches.setVisible(True)

    def _show_find_error(self, error: BaseException) -> None:
        self.matches.clear()
        text = error_text(error, self.lang, doing="finding a place")
        self.matches.addItem(QListWidgetItem(text))
        self.matches.setVisible(True)

    def _on_match_activated(self, item: QListWidgetItem) -> None:
        link = item.data(LinkRole)
        if not link:
            return
        self.matches.setVisible(False)
        self.show_place(f"{int(link[1]):012d}")

    def _on_picker_changed(self, code: str) -> None:
        if code and (self.current is None or self.current.info.code != code):
            self._load(code)

    # --- showing a place ----------------------------------------------------------------------

    def show_place(self, code: str) -> None:
        """Show `code` and select it in the pickers (other pages call this)."""
        self.picker.set_code(code)
        self._load(code)

    def _load(self, code: str) -> None:
        services = self.services

        def load() -> tuple[PlaceDetail | None, list[Any]]:
            return load_detail(services, "place", int(code)), services.places.neighbours(code)

        self._code = code
        self.summary.setText(self.tr("正在读取…"))
        self.tasks.run(load, on_done=self._show, on_error=self._show_error, key="place-load", wait_if_busy=True)

    def _show_error(self, error: BaseException) -> None:
        self.summary.setText(error_text(error, self.lang, doing="reading a place"))

    def _show(self, loaded: tuple[PlaceDetail | None, list[Any]]) -> None:
        detail, neighbours = loaded
        self.current = detail
        for lst in (self.gi_list, self.record_list, self.neighbour_list):
            lst.clear()
        if detail is None:
            self.place_label.setText(self.tr("找不到这个地方。"))
            self.summary.clear()
            self.add_button.setEnabled(False)
            return
        info = detail.info
        self.place_label.setText(f"{info.path}（{info.code}）")
        self.add_button.setEnabled(True)
        covers = [g for g in detail.gis if g.relation == "covers"]
        self.summary.setText(
            self.tr("%1：覆盖此地的地理标志 %2 项，辖区内另有 %3 项；商标和专利 %4 条。")
            .replace("%1", labels.level_name(info.level)).replace("%2", str(len(covers)))
            .replace("%3", str(len(detail.gis) - len(covers))).replace("%4", str(len(detail.records)))
        )
        for g in detail.gis:
            text = (self.tr("%1 [%2]，%3：%4").replace("%1", g.name).replace("%2", labels.gi_kind_name(g.kind))
                    .replace("%3", labels.relation_name(g.relation)).replace("%4", g.via_name))
            if g.area_rough and g.relation == "covers":  # "covers" is only "may cover": the announcement decides
                text += f"（{ROUGH_AREA_MARK(labels.window_language())}）"
            self._add(self.gi_list, text, "gi", g.gi_id)
        for r in detail.records:
            text = f"[{labels.kind_name(r.kind)}] {r.title}  {r.subtitle}"
            if r.why == "named":  # found by the place's name in its text, not by the holder's address
                text += "  " + self.tr("（文中提到此地，地址未编码）")
            self._add(self.record_list, text, r.kind, r.ref_id)
        if not detail.records:
            self.record_list.addItem(QListWidgetItem(self.tr("（尚无：商标和专利数据通过导入或同步获得）")))
        if not detail.gis:
            self.gi_list.addItem(QListWidgetItem(self.tr("（没有覆盖此地的地理标志）")))
        self._neighbours = neighbours
        for n in neighbours:
            self._add(self.neighbour_list, n.name, "place-here", int(n.code))
        self.sig_place_shown.emit(detail)

    def _add(self, lst: QListWidget, text: str, kind: str, ref_id: int) -> None:
        item = QListWidgetItem(text)
        item.setData(LinkRole, (kind, ref_id))
        lst.addItem(item)

    def _on_item_activated(self, item: QListWidgetItem) -> None:
        link = item.data(LinkRole)
        if not link:
            return
        kind, ref_id = str(link[0]), int(link[1])
        if kind == "place-here":
            self.show_place(f"{ref_id:012d}")
        else:
            self.sig_open_record.emit(kind, ref_id)

    def _on_add_clicked(self) -> None:
        if self.current is None:
            return
        info = self.current.info
        self.basket.add(BasketItem("place", int(info.code), info.name, info.path, payload=self.current))
        self.summary.setText(self.summary.text() + "  " + self.tr("已加入报告。"))
        announce(self.summary, self.tr("已加入报告。"))
