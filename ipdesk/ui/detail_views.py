"""Detail views for every record kind (gi, patent, trademark, place, class).

`load_detail` runs on the DB worker and returns plain dataclasses; `DetailView` lays them out on
the GUI thread. Related records (a GI's protected area, a place's parents and children, the GIs of
a place) are lists whose items open the record on click or Enter. Every view can add its record to
the report basket.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ipdesk.domain.basket import BasketItem
from ipdesk.domain.gi_eligibility import note_in_english
from ipdesk.domain.i18n import is_english, sentence_start
from ipdesk.domain.report import source_in
from ipdesk.domain.trademark_term import GRACE, LAPSED, RENEWABLE, mark_has_ended, renewal_term
from ipdesk.services.places import PlaceGi, PlaceInfo, PlaceRecord
from ipdesk.services.records import (
    ClassDetail,
    ClassTitle,
    GiDetail,
    PatentDetail,
    Provenance,
    TrademarkDetail,
)
from ipdesk.ui import labels
from ipdesk.ui.announce import announce
from ipdesk.ui.plain_text import plain_labels

log = logging.getLogger("ipdesk.ui.detail")

RECORD_KINDS = ("gi", "patent", "trademark", "place", "class")
LinkRole = Qt.ItemDataRole.UserRole + 10


@dataclass
class PlaceDetail:
    info: PlaceInfo
    gis: list[PlaceGi] = field(default_factory=list)
    records: list[PlaceRecord] = field(default_factory=list)


def load_detail(services: Any, kind: str, ref_id: int) -> Any:
    """The record to show (None when it no longer exists). Runs off the GUI thread."""
    if kind == "gi":
        return services.records.gi(ref_id)
    if kind == "patent":
        return services.records.patent(ref_id)
    if kind == "trademark":
        return services.records.trademark(ref_id)
    if kind == "class":
        return services.records.class_node(ref_id)
    if kind == "place":
        code = f"{ref_id:012d}"
        info = services.places.place(code)
        if info is None:
            return None
        return PlaceDetail(info, services.places.gis_for(code), services.places.records_for(code, info.name))
    raise ValueError(f"unknown record kind {kind!r}")


def _data_label(text: str, parent: QWidget) -> QLabel:
    """A label showing record data (never translated; tests skip it when looking for untranslated text)."""
    label = QLabel(text or "—", parent)
    label.setTextFormat(Qt.TextFormat.PlainText)  # a title "<img src=…>" or "<a href=…>" is shown as written
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    label.setProperty("record_data", True)
    return label


class DetailView(QWidget):
    """One record, laid out for reading; emits `sig_open_record` for related records."""

    sig_open_record = Signal(str, object)
    sig_show_place = Signal(str)  # division code: open it in the By place page

    def __init__(self, kind: str, detail: Any, basket: Any, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.detail = detail
        self.basket = basket
        self.lang = lang
        self.lists: list[QListWidget] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget(scroll)
        self.body_layout = QVBoxLayout(body)
        scroll.setWidget(body)
        outer.addWidget(scroll)

        self.heading = _data_label(self._title(), body)
        self.heading.setProperty("role", "heading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.heading.setFont(font)
        self.kind_label = QLabel(labels.kind_name(kind), body)
        self.body_layout.addWidget(self.kind_label)
        self.body_layout.addWidget(self.heading)

        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("加入报告(&A)"), body)
        self.add_button.setAccessibleName(self.tr("加入报告"))
        self.add_button.clicked.connect(self._on_add_clicked)
        buttons.addWidget(self.add_button)
        if kind == "place":
            self.place_button = QPushButton(self.tr("按地方查看"), body)
            self.place_button.setAccessibleName(self.tr("在“按地方”中查看此地"))
            self.place_button.clicked.connect(lambda: self.sig_show_place.emit(self.detail.info.code))
            buttons.addWidget(self.place_button)
        self.added_label = QLabel("", body)
        buttons.addWidget(self.added_label)
        buttons.addStretch(1)
        self.body_layout.addLayout(buttons)

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.body_layout.addLayout(self.form)
        builder = getattr(self, f"_build_{kind}")
        builder(detail, body)
        self.body_layout.addStretch(1)
        plain_labels(self)  # list headings and notes carry record text too
        self._refresh_added()

    # --- helpers ------------------------------------------------------------------------------

    def _title(self) -> str:
        d = self.detail
        if self.kind == "gi":
            return str(d.name)
        if self.kind == "patent":
            return str(d.title)
        if self.kind == "trademark":
            return str(d.mark_text)
        if self.kind == "place":
            return str(d.info.name)
        return f"{d.display} {self._class_text(d.title_zh, d.title_en)}"

    def _class_text(self, zh: str, en: str) -> str:
        return (en or zh) if is_english(self.lang) else (zh or en)

    def _paren(self, text: str, note: str) -> str:
        return self.tr("%1（%2）").replace("%1", text).replace("%2", note)

    def _row(self, label: str, value: str) -> QLabel:
        widget = _data_label(value, self)
        self.form.addRow(label, widget)
        return widget

    def _list(self, heading: str, items: list[tuple[str, str, int]], body: QWidget, accessible: str) -> QListWidget:
        """A list of related records: (text, kind, ref_id); kind '' for plain text."""
        title = QLabel(heading, body)
        title.setProperty("role", "heading")
        self.body_layout.addWidget(title)
        lst = QListWidget(body)
        lst.setAccessibleName(accessible)
        lst.setProperty("record_list", True)
        lst.setWordWrap(True)
        lst.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for text, kind, ref_id in items:
            item = QListWidgetItem(text)
            if kind:
                item.setData(LinkRole, (kind, ref_id))
                item.setToolTip(self.tr("单击或按回车打开"))
            lst.addItem(item)
        if not items:
            lst.addItem(QListWidgetItem(self.tr("（无）")))
        rows = max(1, min(len(items), 12))
        lst.setFixedHeight(lst.sizeHintForRow(0) * rows + 2 * lst.frameWidth() + 6)
        lst.itemClicked.connect(self._on_list_item_activated)
        lst.itemActivated.connect(self._on_list_item_activated)
        title.setBuddy(lst)
        self.body_layout.addWidget(lst)
        self.lists.append(lst)
        return lst

    def _on_list_item_activated(self, item: QListWidgetItem) -> None:
        link = item.data(LinkRole)
        if link:
            self.sig_open_record.emit(str(link[0]), int(link[1]))

    def _provenance(self, p: Provenance) -> None:
        self._row(self.tr("来源"), source_in(p.source, self.lang))  # one language, not '导入 / imported'
        dataset = labels.dataset_name(p.dataset) + (f" v{p.dataset_version}" if p.dataset_version else "")
        self._row(self.tr("数据截至"), self._paren(p.as_of, dataset) if p.as_of else "")

    def _class_titles(self, titles: tuple[ClassTitle, ...]) -> str:
        return "\n".join(f"{t.code}  {self._class_text(t.title_zh, t.title_en)}".strip() for t in titles)

    # --- kinds --------------------------------------------------------------------------------

    def _build_gi(self, d: GiDetail, body: QWidget) -> None:
        self._row(self.tr("类型"), labels.gi_kind_name(d.kind))
        if d.name_en:
            self._row(self.tr("英文名称"), d.name_en)
        self._row(self.tr("产品类别"), labels.gi_category_name(d.category))
        self._row(self.tr("持有人/申请人"), d.holder)
        ids = [x for x in (d.announcement_no, d.tm_reg_no, d.agi_no) if x]
        self._row(self.tr("公告号/注册号/登记证书号"), "  ".join(ids))
        self._row(self.tr("登记日期"), d.registered_on)
        self._row(self.tr("保护范围（原文）"), d.area_text)
        self._row(self.tr("标准"), d.standard)
        self._row(self.tr("状态"), labels.status_name(d.status))
        if d.note:  # the list's words; ipdesk's own ("recorded roughly") in English to an English reader
            self._row(self.tr("备注"), note_in_english(d.note) if is_english(self.lang) else d.note)
        self._provenance(d.provenance)
        areas = [(self._paren(a.name, a.path) if a.path else a.name, "place", int(a.code)) for a in d.areas]
        self.area_list = self._list(self.tr("保护地域范围"), areas, body, self.tr("保护地域范围中的行政区划"))

    def _build_patent(self, d: PatentDetail, body: QWidget) -> None:
        self._row(self.tr("公开号"), d.pub_no)
        self._row(self.tr("申请号"), d.app_no)
        self._row(self.tr("专利类型"), labels.patent_kind_name(d.kind))
        self._row(self.tr("申请人"), "；".join(d.applicants))
        self._row(self.tr("发明人"), "；".join(d.inventors))
        self._row(self.tr("地址"), d.address)
        if d.locarno:  # a design: its Locarno classes, never shown as IPC
            self._row(self.tr("外观设计分类（洛迦诺）"), self._class_titles(d.locarno))
        if d.ipc or not d.locarno:
            self._row(self.tr("国际专利分类"), self._class_titles(d.ipc))
        self._row(self.tr("申请日"), d.filing_date)
        self._row(self.tr("公开日"), d.pub_date)
        self._row(self.tr("授权日"), d.grant_date)
        # a publication XML (and many lists) carries no legal status: not known, never guessed
        unknown = not d.legal_status.strip()
        self._row(self.tr("法律状态"), self.tr("不明（数据中没有法律状态）") if unknown else labels.status_name(d.legal_status))
        expiry = d.expiry_date or ""
        if d.standing is not None:  # foreign, or an application never granted: no right in China (as the finder says)
            said = d.standing(self.lang)
            state = sentence_start(said)  # a sentence of its own here: "A foreign patent …"
        elif d.status_doubt is not None:  # the status contradicts the record's dates: the register decides
            state = self.tr("状态存疑：%1，以国家知识产权局登记为准").replace("%1", d.status_doubt(self.lang))
        elif d.expired:  # this patent no longer restricts use; another in-force one may still cover it
            state = self.tr("已失效（这件专利本身不再限制使用）")
        elif unknown:  # treated as in force, as the patent finder does ("状态不明"), until the register says
            state = self.tr("法律状态不明（按未失效对待，以国家知识产权局登记为准）")
        else:
            state = self.tr("未失效")
        if expiry:
            # a patent that lapsed early (fees unpaid) still has its nominal expiry in the future: that
            # date is the term it would have run, not when it ended
            early = d.expired and expiry > dt.date.today().isoformat()
            state += "  " + (self.tr("原届满日 %1") if early else self.tr("届满日 %1")).replace("%1", expiry)
        self.expired_label = self._row(self.tr("是否已失效"), state)
        self.expired_label.setProperty("record_data", False)
        self._row(self.tr("摘要"), d.abstract)
        self._provenance(d.provenance)

    def _build_trademark(self, d: TrademarkDetail, body: QWidget) -> None:
        self._row(self.tr("注册号"), d.reg_no)
        self._row(self.tr("商标种类"), labels.trademark_kind_name(d.kind))
        self._row(self.tr("尼斯类别"), self._class_titles((d.nice_class,)))
        self._row(self.tr("类似群"), self._class_titles(d.similar_groups))
        self._row(self.tr("指定商品/服务"), d.goods)
        self._row(self.tr("注册人"), d.owner)
        self._row(self.tr("注册人地址"), d.owner_address)
        self._row(self.tr("状态"), labels.status_name(d.status))
        self._row(self.tr("申请日"), d.filing_date)
        self._row(self.tr("注册日"), d.reg_date)
        self._row(self.tr("专用权期限至"), d.expiry_date + (self.tr("（已过期）") if d.expired else ""))
        self.renewal_label: QLabel | None = None
        renewal = self._renewal_text(d)
        if renewal:
            self.renewal_label = self._row(self.tr("续展"), renewal)
            self.renewal_label.setProperty("record_data", False)
        self._provenance(d.provenance)

    def _renewal_text(self, d: TrademarkDetail, today: dt.date | None = None) -> str:
        """Renewal and the grace period (《商标法》第四十条), from the term's end and today."""
        if mark_has_ended(d.status):  # cancelled, invalidated, lapsed, 期满未续展 …: renewal no longer applies
            return ""
        try:
            expiry = dt.date.fromisoformat(d.expiry_date)
        except ValueError:
            return ""
        term = renewal_term(expiry, today or dt.date.today())
        if term.stage == RENEWABLE:
            return (self.tr("期满前十二个月内可以办理续展（%1 起）；期满后还有六个月宽展期，至 %2。（《商标法》第四十条）")
                    .replace("%1", term.renew_from.isoformat()).replace("%2", term.grace_until.isoformat()))
        if term.stage == GRACE:
            return (self.tr("期限已满，但仍在六个月宽展期内：宽展期至 %1，在此之前仍可办理续展。（《商标法》第四十条）")
                    .replace("%1", term.grace_until.isoformat()))
        if term.stage == LAPSED:
            return (self.tr("宽展期已于 %1 届满。期满未办理续展的注册商标予以注销；除非已经续展，这里显示的状态（%2）"
                            "可能已过时，请以国家知识产权局商标局的最新公告为准。（《商标法》第四十条）")
                    .replace("%1", term.grace_until.isoformat()).replace("%2", labels.status_name(d.status)))
        return ""

    def _build_class(self, d: ClassDetail, body: QWidget) -> None:
        self._row(self.tr("分类体系"), labels.scheme_name(d.scheme))
        self._row(self.tr("编号"), d.display)
        self._row(self.tr("中文名称"), d.title_zh)
        self._row(self.tr("英文名称"), d.title_en)
        self._row(self.tr("上级"), self._class_titles(d.parents))
        self._row(self.tr("来源"), source_in(d.source, self.lang))  # its half in the window's language
        ids = d.child_ids if len(d.child_ids) == len(d.children) else (0,) * len(d.children)
        children = [(f"{c.code}  {self._class_text(c.title_zh, c.title_en)}", "class" if node_id else "", node_id)
                    for c, node_id in zip(d.children, ids, strict=True)]
        self._list(self.tr("下级"), children, body, self.tr("下级分类"))

    def _build_place(self, d: PlaceDetail, body: QWidget) -> None:
        info = d.info
        self._row(self.tr("级别"), labels.level_name(info.level))
        self._row(self.tr("区划代码"), info.code)
        self._row(self.tr("所属"), " ".join(a.name for a in info.ancestors))
        if info.former_names:
            self._row(self.tr("曾用名"), "、".join(info.former_names))
        parents = [(self._paren(a.name, labels.level_name(a.level)), "place", int(a.code)) for a in info.ancestors]
        self.parent_list = self._list(self.tr("上级行政区划"), parents, body, self.tr("上级行政区划"))
        gis = [
            (self.tr("%1（%2；%3：%4）").replace("%1", g.name).replace("%2", labels.gi_kind_name(g.kind))
             .replace("%3", labels.relation_name(g.relation)).replace("%4", g.via_name), "gi", g.gi_id)
            for g in d.gis
        ]
        self.gi_list = self._list(self.tr("此地的地理标志"), gis, body, self.tr("此地的地理标志"))
        records = [(f"[{labels.kind_name(r.kind)}] {r.title}  {r.subtitle}", r.kind, r.ref_id) for r in d.records]
        self.record_list = self._list(self.tr("此地的商标和专利"), records, body, self.tr("此地的商标和专利"))
        children = [(c.name, "place", int(c.code)) for c in info.children]
        self.child_list = self._list(self.tr("下级行政区划"), children, body, self.tr("下级行政区划"))

    # --- basket -------------------------------------------------------------------------------

    def basket_item(self) -> BasketItem:
        d = self.detail
        if self.kind == "place":
            return BasketItem("place", int(d.info.code), d.info.name, d.info.path, payload=d)
        if self.kind == "gi":
            subtitle = labels.gi_kind_name(d.kind)
        elif self.kind == "patent":
            subtitle = str(d.pub_no)
        elif self.kind == "trademark":
            subtitle = f"{d.reg_no} · {d.nice_class.code}"
        else:
            subtitle = labels.scheme_name(d.scheme)
        return BasketItem(self.kind, int(d.id), self._title(), subtitle, payload=d)

    def _on_add_clicked(self) -> None:
        added = self.basket.add(self.basket_item())
        self.added_label.setText(self.tr("已加入报告") if added else self.tr("报告中已有此记录"))
        announce(self.added_label)

    def _refresh_added(self) -> None:
        item = self.basket_item()
        if any(i.kind == item.kind and i.ref_id == item.ref_id for i in self.basket.items):
            self.added_label.setText(self.tr("报告中已有此记录"))


class DetailPage(QWidget):
    """Hosts the current detail view with a Back button (not a navigation rail entry)."""

    sig_back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.back_button = QPushButton(self.tr("← 返回"), self)
        self.back_button.setAccessibleName(self.tr("返回上一页"))
        self.back_button.setShortcut("Alt+Left")
        self.back_button.clicked.connect(self.sig_back.emit)
        # Esc and Backspace go back too, as in a browser. A text field that takes the key (Backspace
        # deletes there) keeps it: Qt offers the key to the focused widget before the shortcut.
        self._back_keys = []
        for key in (Qt.Key.Key_Escape, Qt.Key.Key_Backspace):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.sig_back.emit)
            self._back_keys.append(shortcut)
        bar.addWidget(self.back_button)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.message = QLabel("", self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # an error's text may hold a file name
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.view: DetailView | None = None
        self._layout = layout

    def show_loading(self) -> None:
        self.message.setText(self.tr("正在读取…"))

    def show_missing(self) -> None:
        self._clear()
        self.message.setText(self.tr("找不到这条记录（可能已被数据更新删除）。"))

    def show_error(self, text: str) -> None:
        self._clear()
        self.message.setText(text)

    def set_view(self, view: DetailView) -> None:
        self._clear()
        self.message.setText("")
        self.view = view
        self._layout.addWidget(view, 1)
        QWidget.setTabOrder(self.back_button, view.add_button)

    def _clear(self) -> None:
        if self.view is not None:
            focused = QApplication.focusWidget()
            if focused is not None and self.view.isAncestorOf(focused):
                self.back_button.setFocus()  # keep focus on this page while the old view goes
            self.view.setParent(None)
            self.view.deleteLater()
            self.view = None
