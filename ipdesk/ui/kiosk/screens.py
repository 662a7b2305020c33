"""The kiosk's screens: home tiles, find a GI (on-screen keyboard), by place (tap through the
divisions), a record, and the admin PIN pad. Wizard flows live in `wizard_screens.py`.

Screens hold no logic of their own: search is `services.search`, places are `services.places`,
records `services.records`; screens only show results in big type and ask the shell to navigate.
"""

from __future__ import annotations

import html
import logging
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ipdesk.domain.i18n import gi_category_name, is_english
from ipdesk.domain.text import is_blank
from ipdesk.services.container import Services
from ipdesk.services.errors import IpdeskError
from ipdesk.services.kiosk_pin import PinGuard
from ipdesk.services.places import PlaceGi, PlaceInfo
from ipdesk.services.records import GiDetail
from ipdesk.services.search import SearchFilters, SearchResult
from ipdesk.ui import labels
from ipdesk.ui.kiosk.keyboard import OnScreenKeyboard
from ipdesk.ui.kiosk.place_picker import PlacePicker
from ipdesk.ui.kiosk.printing import PrintFn, Printout, Printouts, line_html, show_print_result
from ipdesk.ui.kiosk.widgets import (
    TILE_COLOURS,
    TOUCH_MIN,
    KioskScreen,
    TurnsWithScreen,
    big_button,
    forget_text,
    icon,
    make_flickable,
    role_label,
    title_label,
    touch_list,
    visitor_error_text,
)
from ipdesk.ui.tasks import TaskRunner

log = logging.getLogger("ipdesk.ui.kiosk")

TILE_KEYS = ("gi_search", "by_place", "gi_check", "brand_check", "patents")
_TILE_ICONS = {
    "gi_search": "fa5s.search", "by_place": "fa5s.map-marked-alt", "gi_check": "fa5s.check-circle",
    "brand_check": "fa5s.tag", "patents": "fa5s.seedling",
}
GI_ROW = QSize(0, 112)  # two lines of 22 pt text with padding
GI_ROW_NOTE = QSize(0, 160)  # three: a note of its own below them
NO_MAX_HEIGHT = 16777215  # Qt's QWIDGETSIZE_MAX, which PySide6 does not export
HOME_TILE_MAX_HEIGHT = 380  # a home tile on a portrait screen (a landscape 1920×1080 one: 418 px)
RESULTS_MIN_WIDTH = 240  # the finder's list beside the keyboard, at 1024 px


# The registers a kiosk's tiles answer from, whose data age (new GIs, patents, trademarks and their
# statuses). Divisions and classifications are reference lists that change rarely: their older date
# would make every kiosk say "data as of" a date months back whatever was updated.
AS_OF_REGISTERS = ("gi", "patents", "trademarks")


def kiosk_as_of(datasets: list[Any]) -> str:
    """The home screen's "data as of" (QA 20c N6): the oldest as-of date of the registers that hold
    records, since the line must hold for everything a visitor may be shown (the newest, or the GI
    date alone, claimed patents and trademarks as current as the GIs). A register with no records
    says nothing; with none at all, the oldest date of any dataset that has records."""
    held = [d for d in datasets if d.as_of and d.record_count]
    dates = [d.as_of for d in held if d.name in AS_OF_REGISTERS] or [d.as_of for d in held]
    return min(dates).isoformat() if dates else ""


class HomeScreen(QWidget):
    """Three to five very large tiles, the language button, the data date, and the admin lock."""

    sig_tile_tapped = Signal(str)
    sig_language_tapped = Signal()
    sig_admin_tapped = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("kioskScreen", True)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 20, 32, 20)
        outer.setSpacing(18)
        top = QHBoxLayout()
        self.heading = title_label(self)
        top.addWidget(self.heading, 1)
        self.language_button = big_button("", "fa5s.language", self)
        self.language_button.clicked.connect(self.sig_language_tapped)
        top.addWidget(self.language_button)
        self.admin_button = big_button("", "fa5s.lock", self, role="secondary")
        self.admin_button.clicked.connect(self.sig_admin_tapped)
        top.addWidget(self.admin_button)
        outer.addLayout(top)
        self.hint = role_label("hint", self)
        outer.addWidget(self.hint)
        grid = QGridLayout()
        grid.setSpacing(18)
        self._grid = grid
        self.portrait: bool | None = None  # set at the first resize
        self.tiles: dict[str, QPushButton] = {}
        self._tile_texts: dict[str, tuple[QLabel, QLabel]] = {}
        for index, key in enumerate(TILE_KEYS):
            tile = QPushButton(self)
            tile.setProperty("role", "tile")
            tile.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            tile.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            tile.setMinimumSize(260, 150)
            colour = TILE_COLOURS[index % len(TILE_COLOURS)]
            tile.setStyleSheet(f"QPushButton {{ background: {colour}; border-color: {colour}; }}"
                               "QPushButton:pressed { background: #000000; }")
            row = QHBoxLayout(tile)
            row.setContentsMargins(24, 12, 16, 12)
            row.setSpacing(20)
            picture = QLabel(tile)
            picture.setPixmap(icon(_TILE_ICONS[key]).pixmap(QSize(72, 72)))
            texts = QVBoxLayout()
            name = QLabel(tile)
            name.setProperty("role", "tileTitle")
            name.setWordWrap(True)
            hint = QLabel(tile)
            hint.setWordWrap(True)
            for label in (picture, name, hint):
                label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
            texts.addStretch(1)
            texts.addWidget(name)
            texts.addWidget(hint)
            texts.addStretch(1)
            row.addWidget(picture)
            row.addLayout(texts, 1)
            tile.clicked.connect(lambda _checked=False, k=key: self.sig_tile_tapped.emit(k))
            self.tiles[key] = tile
            self._tile_texts[key] = (name, hint)
        self._arrange_tiles(portrait=False)
        outer.addLayout(grid, 1)
        self.as_of = role_label("hint", self)
        outer.addWidget(self.as_of)
        self._as_of_value = ""
        self.updates_automatic = False  # the shell has an updater (auto_sync with an update source)
        self.updates_failing = False  # its updates fail (`freshness.update_health`): nothing is promised
        self.retranslate()

    def resizeEvent(self, event: QResizeEvent) -> None:  # Qt's name
        portrait = self.height() > self.width()
        if portrait != self.portrait:
            self._arrange_tiles(portrait)
        super().resizeEvent(event)

    def _arrange_tiles(self, portrait: bool) -> None:
        """Landscape: rows of three tiles that share the height. Portrait (a 1080×1920 kiosk): rows of
        two, the fifth centred below them, each tile at most HOME_TILE_MAX_HEIGHT tall and the tiles
        centred in the height: grown to fill it, three columns of 838 px tall tiles broke every name
        onto two lines (QA round 21a)."""
        self.portrait = portrait
        grid = self._grid
        tiles = list(self.tiles.values())
        for tile in tiles:
            grid.removeWidget(tile)
            tile.setMaximumHeight(HOME_TILE_MAX_HEIGHT if portrait else NO_MAX_HEIGHT)
        for col in range(4):  # portrait: a tile spans two of four columns, so the last one can be centred
            grid.setColumnStretch(col, 1 if portrait or col < 3 else 0)
        for index, tile in enumerate(tiles):
            if not portrait:
                grid.addWidget(tile, index // 3, index % 3)
            elif index == len(tiles) - 1 and index % 2 == 0:
                grid.addWidget(tile, index // 2, 1, 1, 2)
            else:
                grid.addWidget(tile, index // 2, (index % 2) * 2, 1, 2)
        # no alignment: the rows share the height; centred: the rows are as tall as their tiles may be
        grid.setAlignment(Qt.AlignmentFlag.AlignVCenter if portrait else Qt.AlignmentFlag(0))
        grid.invalidate()

    def set_as_of(self, as_of: str) -> None:
        self._as_of_value = as_of
        self._show_as_of()

    def set_updates_automatic(self, automatic: bool) -> None:
        self.updates_automatic = automatic
        self._show_as_of()

    def set_updates_failing(self, failing: bool) -> None:
        self.updates_failing = failing
        self._show_as_of()

    def _show_as_of(self) -> None:
        value = self._as_of_value or self.tr("未知")
        if self.updates_automatic and self.updates_failing:  # promise nothing; a visitor may tell the staff
            self.as_of.setText(self.tr("数据截至 %1 · 数据更新暂时失败，请联系工作人员").replace("%1", value))
        elif self.updates_automatic:
            self.as_of.setText(self.tr("数据截至 %1 · 数据更新在无人使用时自动进行").replace("%1", value))
        else:  # no update source set (or auto_sync off): nothing will update it, so nothing is promised
            self.as_of.setText(self.tr("数据截至 %1").replace("%1", value))

    def retranslate(self) -> None:
        self.heading.setText(self.tr("知识产权信息自助查询"))
        self.hint.setText(self.tr("请点一下下面的大按钮开始。"))
        self.language_button.setText(self.tr("English"))
        self.admin_button.setText(self.tr("管理"))
        texts = {
            "gi_search": (self.tr("找地理标志"), self.tr("输入名称或拼音")),
            "by_place": (self.tr("按地方查"), self.tr("点省、市、县、乡镇")),
            # The wizards' names as their printouts, the staff window and the service record give them
            # (domain.wizard.WIZARD_TITLES; a test keeps them equal), the question each answers below.
            "gi_check": (self.tr("地理标志核查"), self.tr("我的产品能用吗")),
            "brand_check": (self.tr("商标核查"), self.tr("这个名称能注册吗")),
            "patents": (self.tr("农业专利"), self.tr("找种植养殖技术")),
        }
        for key, (name, hint) in texts.items():
            self._tile_texts[key][0].setText(name)
            self._tile_texts[key][1].setText(hint)
            self.tiles[key].setAccessibleName(name)
        self._show_as_of()


class GiFinderScreen(KioskScreen):
    """Find a GI by typing pinyin letters (wcdm, wuchang), digits or common characters."""

    sig_gi_chosen = Signal(int)
    sig_results_shown = Signal(int)  # number of hits shown

    def __init__(self, services: Services, tasks: TaskRunner, parent: QWidget | None = None,
                 *, lang: str = "zh_CN") -> None:
        super().__init__(parent, lang=lang)
        self._search = services.search
        self._tasks = tasks
        row = QHBoxLayout()
        row.setSpacing(18)
        left = QVBoxLayout()
        self.field = QLineEdit(self)
        self.field.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.field.setMaxLength(40)
        self.field.textChanged.connect(self._on_field_text_changed)
        left.addWidget(self.field)
        # Keys of the touch minimum and a narrower list at least: the screen must fit a 1024×768 panel
        # (a QStackedWidget is as wide as its widest page); on larger screens both grow.
        self.keyboard = OnScreenKeyboard(self, key_size=TOUCH_MIN)
        self.keyboard.set_target(self.field)
        self.keyboard.sig_enter.connect(self._run_search)
        left.addWidget(self.keyboard, 1)
        row.addLayout(left, 3)
        right = QVBoxLayout()
        self.status = role_label("hint", self)
        right.addWidget(self.status)
        self.results = touch_list(self)
        self.results.setMinimumWidth(RESULTS_MIN_WIDTH)
        self.results.itemClicked.connect(self._on_results_item_clicked)
        right.addWidget(self.results, 1)
        row.addLayout(right, 2)
        self.body.addLayout(row, 1)
        self.turns = TurnsWithScreen(self, row, self.keyboard)
        self._debounce = QTimer(self, singleShot=True, interval=300)
        self._debounce.timeout.connect(self._run_search)
        self.last_result: SearchResult | None = None
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("找地理标志"))
        self.field.setPlaceholderText(self.tr("点字母输入拼音，如 wcdm"))
        self.field.setAccessibleName(self.tr("要找的名称或拼音"))
        self.keyboard.retranslate()
        if not self.field.text():
            self.status.setText(self.tr("例如：五常大米 = wcdm 或 wuchang；茶叶点“茶”。"))

    def reset(self) -> None:
        self._debounce.stop()
        forget_text(self.field)
        self.results.clear()
        self.last_result = None
        self.status.setText("")
        self.retranslate()

    def _on_field_text_changed(self, _text: str) -> None:
        self._debounce.start()

    def _run_search(self) -> None:
        self._debounce.stop()
        query = self.field.text().strip()
        if is_blank(query):  # nothing, or only invisible characters (a zero-width space): an empty field
            self.results.clear()
            self.retranslate()
            return
        search = self._search
        self.status.setText(self.tr("正在查找……"))
        self._tasks.run(lambda: search.search(query, SearchFilters(kinds=("gi",)), limit=60),
                        on_done=self._show_result, on_error=self._show_error, key="kiosk-gi-search")

    def _show_result(self, result: SearchResult) -> None:
        if result.query != " ".join(self.field.text().split()):
            return  # typed over meanwhile
        self.last_result = result
        self.results.clear()
        for hit in result.hits:
            category = gi_category_name(hit.subtitle, self.lang) if hit.subtitle else ""  # a GI's subtitle is its category
            item = QListWidgetItem(icon("fa5s.leaf", "#1b5e20"), f"{hit.title}\n{labels.gi_kind_name(hit.subkind)}"
                                   f"{' · ' + category if category else ''}")
            item.setData(Qt.ItemDataRole.UserRole, hit.ref_id)
            item.setSizeHint(GI_ROW)
            self.results.addItem(item)
        if result.hits and (result.capped or result.total > len(result.hits)):
            self.status.setText(self.tr("找到 %1 个，显示前 %2 个，请输入更多字缩小范围")
                                .replace("%1", result.total_label).replace("%2", str(len(result.hits))))
        elif result.hits:
            self.status.setText(self.tr("找到 %1 个，点一个看详情").replace("%1", result.total_label))
        else:
            self.status.setText(self.tr("没有找到。请少输几个字母再试，或用“按地方查”。"))
        self.sig_results_shown.emit(len(result.hits))

    def _show_error(self, error: BaseException) -> None:
        self.status.setText(visitor_error_text(error, self.lang))

    def _on_results_item_clicked(self, item: QListWidgetItem) -> None:
        gi_id = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(gi_id, int):
            self.sig_gi_chosen.emit(gi_id)


class RecordScreen(KioskScreen):
    """One GI in big type, with a one-tap print button."""

    sig_loaded = Signal()

    def __init__(self, services: Services, tasks: TaskRunner, print_fn: PrintFn, parent: QWidget | None = None,
                 *, lang: str = "zh_CN") -> None:
        super().__init__(parent, lang=lang)
        self._records = services.records
        self._tasks = tasks
        self._print_fn = print_fn
        self._printouts = Printouts(self)
        self.view = QTextBrowser(self)
        self.view.setOpenLinks(False)
        self.view.setOpenExternalLinks(False)
        self.view.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        make_flickable(self.view)
        self.body.addWidget(self.view, 1)
        bottom = QHBoxLayout()
        self.print_status = role_label("hint", self)
        bottom.addWidget(self.print_status, 1)
        self.print_button = big_button("", "fa5s.print", self)
        self.print_button.setMinimumWidth(260)
        self.print_button.clicked.connect(self._on_print_clicked)
        bottom.addWidget(self.print_button)
        self.body.addLayout(bottom)
        self.detail: GiDetail | None = None
        self._printing = False
        self._generation = 0  # a record answers only the request made in the same generation
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.detail.name if self.detail else self.tr("详情"))
        self.print_button.setText(self.tr("打印"))
        if self.detail:
            self._render()

    def abandon(self) -> None:
        self._generation += 1

    def reset(self) -> None:
        self.abandon()
        self.detail = None
        self._printing = False
        self.view.clear()
        self.print_status.setText("")
        self.print_button.setEnabled(False)
        self.title.setText(self.tr("详情"))

    def show_gi(self, gi_id: int) -> None:
        self.reset()
        records = self._records
        generation = self._generation
        self._tasks.run(lambda: records.gi(gi_id), on_done=lambda detail: self._on_gi_loaded(detail, generation),
                        on_error=lambda error: self._on_error(error, generation), key="kiosk-record", owner=self)

    def _on_gi_loaded(self, detail: GiDetail | None, generation: int | None = None) -> None:
        if generation is not None and generation != self._generation:
            return  # asked for before Back, Home or a reset
        if detail is None:
            self.view.setHtml(html.escape(self.tr("找不到这条记录。")))
            return
        self.detail = detail
        self.title.setText(detail.name)
        self.print_button.setEnabled(True)
        self._render()
        self.sig_loaded.emit()

    def _on_error(self, error: BaseException, generation: int | None = None) -> None:
        if generation is not None and generation != self._generation:
            return
        self.view.setPlainText(visitor_error_text(error, self.lang))

    def _render(self) -> None:
        printout = self._printouts.for_gi(self.detail) if self.detail else None
        if printout is None:
            return
        esc = html.escape
        rows = "".join(f"<tr><td style='padding:8px 18px 8px 0'><b>{esc(k)}</b></td><td style='padding:8px 0'>"
                       f"{esc(v)}</td></tr>" for k, v in printout.rows)
        sections = "".join(f"<h3>{esc(h)}</h3><p>{'<br>'.join(line_html(x) for x in lines)}</p>"
                           for h, lines in printout.sections)
        footer = "<br>".join(esc(x) for x in printout.footer[:-2])
        # The GI's English name under its Chinese one, for an English visitor (the printout has it too).
        name_en = f"<p><i>{esc(printout.subtitle)}</i></p>" if printout.subtitle and is_english(self.lang) else ""
        self.view.setHtml(f"<h2>{esc(printout.title)}</h2>{name_en}<table>{rows}</table>{sections}"
                          f"<p style='color:#333333'>{footer}</p>")

    def _on_print_clicked(self) -> None:
        if self.detail is None:
            return
        self._print(self._printouts.for_gi(self.detail))

    def _print(self, printout: Printout) -> None:
        self._printing = True
        self.print_button.setEnabled(False)
        show_print_result(self.print_status, self.tr("正在打印…"), role="hint")
        self._print_fn(printout, self._on_printed)

    def _on_printed(self, error: IpdeskError | None) -> None:
        if not self._printing:
            return  # the screen was reset meanwhile: the next visitor does not see it
        self._printing = False
        self.print_button.setEnabled(self.detail is not None)
        show_print_result(self.print_status, self.tr("已送去打印，请在打印机处取单。"), error, lang=self.lang)


class ByPlaceScreen(KioskScreen):
    """Tap through the divisions to a township, then see (and print) the GIs covering it."""

    sig_gi_chosen = Signal(int)
    sig_place_shown = Signal(str)

    def __init__(self, services: Services, tasks: TaskRunner, print_fn: PrintFn, parent: QWidget | None = None,
                 *, lang: str = "zh_CN") -> None:
        super().__init__(parent, lang=lang)
        self._services = services
        self._tasks = tasks
        self._print_fn = print_fn
        self._printouts = Printouts(self)
        self.pages = QStackedWidget(self)
        self.picker = PlacePicker(services, tasks, self.pages)
        self.picker.sig_place_chosen.connect(self._on_picker_place_chosen)
        self.pages.addWidget(self.picker)
        results_page = QWidget(self.pages)
        col = QVBoxLayout(results_page)
        col.setContentsMargins(0, 0, 0, 0)
        self.place_label = role_label("hint", results_page)
        col.addWidget(self.place_label)
        self.gi_list = touch_list(results_page)
        self.gi_list.setUniformItemSizes(False)  # a row with the rough-area note is a line taller (GI_ROW_NOTE)
        self.gi_list.itemClicked.connect(self._on_gi_list_item_clicked)
        col.addWidget(self.gi_list, 1)
        bottom = QHBoxLayout()
        self.other_place = big_button("", "fa5s.map-marker-alt", results_page, role="secondary")
        self.other_place.clicked.connect(self.show_picker)
        bottom.addWidget(self.other_place)
        self.print_status = role_label("hint", results_page)
        bottom.addWidget(self.print_status, 1)
        self.print_button = big_button("", "fa5s.print", results_page)
        self.print_button.setMinimumWidth(260)
        self.print_button.clicked.connect(self._on_print_clicked)
        bottom.addWidget(self.print_button)
        col.addLayout(bottom)
        self.pages.addWidget(results_page)
        self.results_page = results_page
        self.body.addWidget(self.pages, 1)
        self.place: PlaceInfo | None = None
        self.gis: list[PlaceGi] = []
        self.gi_as_of = ""  # the GI data's date, printed in the footer
        self._printing = False
        self._generation = 0  # a place's GIs answer only the request made in the same generation
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("按地方查地理标志"))
        self.picker.retranslate()
        self.other_place.setText(self.tr("换一个地方"))
        self.print_button.setText(self.tr("打印"))
        if self.place is not None:
            self._show_list()

    def abandon(self) -> None:
        self._generation += 1

    def reset(self) -> None:
        self.abandon()
        self.place = None
        self.gis = []
        self.gi_as_of = ""
        self._printing = False
        self.print_button.setEnabled(True)
        self.gi_list.clear()
        self.print_status.setText("")
        self.picker.reset()
        self.pages.setCurrentWidget(self.picker)

    def handle_back(self) -> bool:
        """Back inside the screen: from the list to the picker, then up one level of places."""
        if self.pages.currentWidget() is self.results_page:
            self.show_picker()
            return True
        self.abandon()  # a place still loading is not shown after Back
        if self.picker.path:
            self.picker.go_to_level(len(self.picker.path) - 1)
            return True
        return False

    def show_picker(self) -> None:
        self.abandon()
        self.print_status.setText("")
        self.pages.setCurrentWidget(self.picker)

    def show_place(self, code: str) -> None:
        services = self._services

        def load() -> tuple[PlaceInfo | None, list[PlaceGi], str]:
            gi_as_of = max((d.as_of for d in services.datasets() if d.name.startswith("gi") and d.as_of),
                           default=None)
            return services.places.place(code), services.places.gis_for(code), gi_as_of.isoformat() if gi_as_of else ""

        self._generation += 1
        generation = self._generation
        self._tasks.run(load, on_done=lambda loaded: self._on_place_loaded(loaded, generation),
                        on_error=lambda error: self._on_error(error, generation), key="kiosk-place-gis", owner=self)

    def _on_picker_place_chosen(self, code: str, _name: str, _level: int) -> None:
        self.show_place(code)

    def _on_place_loaded(self, loaded: tuple[PlaceInfo | None, list[PlaceGi], str],
                         generation: int | None = None) -> None:
        if generation is not None and generation != self._generation:
            return  # chosen before Back, Home or a reset: not for whoever is at the screen now
        place, gis, gi_as_of = loaded
        if place is None:
            return
        self.place, self.gis, self.gi_as_of = place, gis, gi_as_of
        self._show_list()
        self.pages.setCurrentWidget(self.results_page)
        self.sig_place_shown.emit(place.code)

    def _show_list(self) -> None:
        assert self.place is not None
        self.gi_list.clear()
        covers = [g for g in self.gis if g.relation == "covers"]
        rough = sum(1 for g in covers if g.area_rough)  # recorded roughly: they may include it, not surely
        sure, below = len(covers) - rough, len(self.gis) - len(covers)
        if sure or not rough:  # %n: Qt's plural forms ("1 GI", "2 GIs")
            head = self.tr("%1：%n 个地理标志的保护范围包括这里", "", sure).replace("%1", self.place.path)
            head += self.tr("；另有 %n 个可能包括这里（粗略记录）", "", rough) if rough else ""
        else:
            head = self.tr("%1：%n 个地理标志的保护范围可能包括这里（粗略记录）", "", rough).replace("%1", self.place.path)
        self.place_label.setText(head + (self.tr("；下级地方另有 %n 个", "", below) if below else ""))
        for g in self.gis:
            text = f"{g.name}\n{labels.gi_kind_name(g.kind)} · " + self.tr("保护范围：%1").replace("%1", g.via_name)
            rough = g.area_rough and g.relation == "covers"  # only "may cover": the announcement decides
            if rough:
                # on a line of its own, in words short enough for the kiosk's large type (the desk's longer
                # note, "check with the county market-regulation office", was cut off in English; there are
                # no tooltips here to show the rest) — visitors ask the staff, who have the whole note
                text += "\n" + self.tr("保护范围只有粗略记录，请向工作人员核实")
            item = QListWidgetItem(icon("fa5s.leaf", "#1b5e20" if g.relation == "covers" else "#5f6b7a"), text)
            item.setData(Qt.ItemDataRole.UserRole, g.gi_id)
            item.setSizeHint(GI_ROW_NOTE if rough else GI_ROW)
            self.gi_list.addItem(item)
        if not self.gis:
            item = QListWidgetItem(self.tr("本机数据中没有保护范围包括这里的地理标志。"))
            item.setSizeHint(GI_ROW)
            self.gi_list.addItem(item)

    def _on_error(self, error: BaseException, generation: int | None = None) -> None:
        if generation is not None and generation != self._generation:
            return
        self.place_label.setText(visitor_error_text(error, self.lang))

    def _on_gi_list_item_clicked(self, item: QListWidgetItem) -> None:
        gi_id = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(gi_id, int):
            self.sig_gi_chosen.emit(gi_id)

    def _on_print_clicked(self) -> None:
        if self.place is None:
            return
        self._printing = True
        self.print_button.setEnabled(False)
        show_print_result(self.print_status, self.tr("正在打印…"), role="hint")
        self._print_fn(self._printouts.for_place(self.place, self.gis, self.gi_as_of), self._on_printed)

    def _on_printed(self, error: IpdeskError | None) -> None:
        if not self._printing:
            return  # the screen was reset meanwhile: the next visitor does not see it
        self._printing = False
        self.print_button.setEnabled(True)
        show_print_result(self.print_status, self.tr("已送去打印，请在打印机处取单。"), error, lang=self.lang)


class AdminScreen(KioskScreen):
    """The admin PIN pad: the only way out of the kiosk. Digits only; wrong PINs slow down. 返回 takes a
    visitor who opened it back where they were; there is no 首页 beside it (QA: two ways out of a PIN pad
    competed, and 首页 dropped the screen the visitor had come from)."""

    sig_pin_accepted = Signal()

    def __init__(self, guard: PinGuard, parent: QWidget | None = None, *, lang: str = "zh_CN") -> None:
        super().__init__(parent, lang=lang)
        self.hide_home()
        self.guard = guard
        self.prompt = role_label("hint", self)
        self.prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(self.prompt)
        self.field = QLineEdit(self)
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.field.setMaxLength(12)
        self.field.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.field.setFixedWidth(3 * 120 + 2 * 10)
        self.body.addWidget(self.field, 0, Qt.AlignmentFlag.AlignHCenter)
        pad = QGridLayout()
        pad.setSpacing(10)
        self.digit_keys: dict[str, QPushButton] = {}
        for index, digit in enumerate("123456789"):
            self._digit(pad, digit, index // 3, index % 3)
        self.backspace = big_button("", "fa5s.backspace", self, role="secondary")
        self.backspace.setFixedSize(120, 88)
        self.backspace.clicked.connect(self.field.backspace)
        pad.addWidget(self.backspace, 3, 0)
        self._digit(pad, "0", 3, 1)
        self.ok = big_button("", "fa5s.check", self)
        self.ok.setFixedSize(120, 88)
        self.ok.clicked.connect(self._on_ok_clicked)
        pad.addWidget(self.ok, 3, 2)
        holder = QWidget(self)
        holder.setLayout(pad)
        self.body.addWidget(holder, 0, Qt.AlignmentFlag.AlignHCenter)
        self.message = role_label("error", self)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(self.message)
        self.body.addStretch(1)
        # While locked out, the message counts the seconds down (the guard's clock decides).
        self._lock_timer = QTimer(self, interval=1000)
        self._lock_timer.timeout.connect(self._on_lock_timer_timeout)
        self.retranslate()

    def _digit(self, pad: QGridLayout, digit: str, row: int, col: int) -> None:
        button = QPushButton(digit, self)
        button.setProperty("role", "key")
        button.setFixedSize(120, 88)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(lambda _checked=False, d=digit: self.field.insert(d))
        pad.addWidget(button, row, col)
        self.digit_keys[digit] = button

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("管理员"))
        self.prompt.setText(self.tr("请输入管理员密码。访客请点“返回”。"))
        self.ok.setText(self.tr("确定"))

    def reset(self) -> None:
        forget_text(self.field)
        self.message.setText("")
        self._show_lock()  # a lock-out still running is shown to whoever opens the pad

    def try_pin(self, pin: str) -> bool:
        if self.guard.check(pin):
            self._lock_timer.stop()
            self.reset()
            self.sig_pin_accepted.emit()
            return True
        forget_text(self.field)
        if not self.guard.stored_hash:
            self.message.setText(self.tr("尚未设置管理员密码。"))
        elif not self._show_lock():
            self.message.setText(self.tr("密码不对。"))
        return False

    def _show_lock(self) -> bool:
        """Show the seconds left of a lock-out and keep counting them down; False when not locked."""
        wait = self.guard.seconds_locked()
        self.ok.setEnabled(not wait)
        if not wait:
            self._lock_timer.stop()
            return False
        if wait >= 60:  # 15 minutes, not 900 seconds; rounded up, so it never says 0
            self.message.setText(self.tr("错误次数太多，请 %n 分钟后再试。", "", -(-wait // 60)))
        else:
            self.message.setText(self.tr("错误次数太多，请 %1 秒后再试。").replace("%1", str(wait)))
        if not self._lock_timer.isActive():
            self._lock_timer.start()
        return True

    def _on_lock_timer_timeout(self) -> None:
        if not self._show_lock():
            self.message.setText(self.tr("可以再试了。"))

    def _on_ok_clicked(self) -> None:
        self.try_pin(self.field.text())
