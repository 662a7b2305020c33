"""Brand-name check wizard page: the proposed name, then the class and the groups of goods."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ipdesk.domain.basket import ReportBasket
from ipdesk.domain.brand_check import BRAND_FLOW
from ipdesk.domain.i18n import sentence_start
from ipdesk.domain.rules import BRAND_CLASS_WORDS, BRAND_CLASSES
from ipdesk.domain.wizard import Outcome
from ipdesk.services.wizard_data import GroupChoice
from ipdesk.ui.wizards.base import TOUCH_HEIGHT, FlowPage, TownshipSearch, parts_separator, touch_list

MAX_PASTE_CHARS = 2000


class GroupList(QListWidget):
    """The similar groups, ticked by a tap anywhere on the row, by Enter (`itemActivated`), or by
    Space on the row with the focus, as on any check box."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        item = self.currentItem()
        plain = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier == Qt.KeyboardModifier.NoModifier
        if event.key() == Qt.Key.Key_Space and plain and item is not None and not event.isAutoRepeat():
            checked = item.checkState() == Qt.CheckState.Checked
            item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)
            event.accept()
            return
        super().keyPressEvent(event)


class BrandCheckPage(FlowPage):
    """Can I register this name for my product?"""

    flow = BRAND_FLOW

    def __init__(self, services: Any, tasks: Any, basket: ReportBasket, lang: str, parent: QWidget | None = None) -> None:
        self._groups_loaded_for: int | None = None
        super().__init__(services, tasks, basket, lang, parent)

    def build_step(self, step: str) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        if step == "name":
            self.name_edit = QLineEdit(box)
            self.name_edit.setObjectName("brand_name")
            self.name_edit.setMinimumHeight(TOUCH_HEIGHT)
            # Room for a pasted paragraph: an over-long name is said to be so (名称过长), not cut silently.
            self.name_edit.setMaxLength(MAX_PASTE_CHARS)
            self.name_edit.setPlaceholderText(self.tr("例如：某某香"))
            self.name_edit.setAccessibleName(self.tr("商标名称"))
            self.name_edit.textEdited.connect(lambda _t: self.changed())
            self.name_edit.returnPressed.connect(self._on_next_clicked)
            layout.addWidget(self.name_edit)
            layout.addStretch(1)
        elif step == "goods":
            self.class_combo = QComboBox(box)
            self.class_combo.setObjectName("nice_class")
            self.class_combo.setMinimumHeight(TOUCH_HEIGHT)
            # as narrow as the window needs (a long class name is cut short; the list shows it in full)
            self.class_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            self.class_combo.setMinimumContentsLength(16)
            self.class_combo.setAccessibleName(self.tr("商品类别"))
            english = self.lang.startswith("en")
            for klass in BRAND_CLASSES:
                words = BRAND_CLASS_WORDS[klass]
                label = self.tr("第 %1 类：").replace("%1", str(klass)) + (words.en if english else words.zh)
                self.class_combo.addItem(label, klass)
            self.class_combo.setCurrentIndex(-1)
            self.class_combo.currentIndexChanged.connect(self._on_class_changed)
            hint = QLabel(self.tr("勾选您的商品所属的类似群（可多选；不确定可不选，将按整个类别从严比较）："), box)
            hint.setWordWrap(True)
            self.group_list = touch_list(GroupList(box))
            self.group_list.setObjectName("similar_groups")
            self.group_list.setAccessibleName(self.tr("类似群"))
            self.group_list.itemChanged.connect(lambda _i: self.changed())
            # A tap anywhere on the row (or Enter, or Space) ticks it: the check box alone is too small to hit.
            self.group_list.itemClicked.connect(self._on_group_item_clicked)
            self.group_list.itemActivated.connect(self._on_group_item_clicked)
            origin_hint = QLabel(self.tr("商品产地（可选，用于判断能否使用地理标志名称）："), box)
            origin_hint.setWordWrap(True)
            self.origin = TownshipSearch(self.services, self.tasks, box)
            self.origin.setObjectName("origin")
            # said as what it is for, not only "township" (the text above it is not its name)
            self.origin.edit.setAccessibleName(self.tr("商品产地（可选）：乡镇"))
            self.origin.edit.setAccessibleDescription(self.tr("用于判断能否使用地理标志名称。输入乡镇名称或12位代码，再从结果中点选。"))
            self.origin.results.setAccessibleName(self.tr("商品产地的乡镇查找结果"))
            self.origin.sig_changed.connect(self.changed)
            layout.addWidget(self.class_combo)
            layout.addWidget(hint)
            layout.addWidget(self.group_list, 1)
            layout.addWidget(origin_hint)
            layout.addWidget(self.origin)
        return box

    def apply_step(self, step: str) -> None:
        data = self.session.data
        if step == "name":
            data["name"] = " ".join(self.name_edit.text().split())
        elif step == "goods":
            klass = self.class_combo.currentData()
            data["nice_class"] = int(klass) if klass is not None else None
            data["groups"] = tuple(
                str(self.group_list.item(i).data(Qt.ItemDataRole.UserRole))
                for i in range(self.group_list.count())
                if self.group_list.item(i).checkState() == Qt.CheckState.Checked
            )
            data["origin_code"] = self.origin.code()
            data["origin_label"] = self.origin.label()

    def load_step(self, step: str) -> None:
        data = self.session.data
        if step == "name":
            self.name_edit.setText(str(data.get("name") or ""))
        elif step == "goods":
            if not data.get("origin_code"):
                self.origin.clear()
            klass = data.get("nice_class")
            index = self.class_combo.findData(klass) if klass is not None else -1
            if index != self.class_combo.currentIndex():
                self.class_combo.setCurrentIndex(index)
            if index < 0:
                self.group_list.clear()
                self._groups_loaded_for = None

    def reset_steps(self) -> None:
        self.name_edit.clear()
        self.class_combo.setCurrentIndex(-1)
        self.group_list.clear()
        self._groups_loaded_for = None
        self.origin.clear()

    def missing_hint(self) -> str:
        if self.session.current == "goods" and self.session.data.get("nice_class") is None:
            return self.tr("请选择商品类别。")
        return super().missing_hint()

    def compute(self, data: dict[str, Any]) -> Callable[[], Outcome]:
        wizards = self.services.wizards
        return lambda: wizards.brand_check(data)

    def save_extras(self) -> dict[str, Any]:
        return {"origin_text": self.origin.edit.text().strip()}

    def restore_extras(self, extras: dict[str, Any]) -> None:
        """Where the goods come from: the text typed and the township picked from its matches."""
        data = self.session.data
        self.origin.restore(str(extras.get("origin_text") or ""), str(data.get("origin_code") or ""),
                            str(data.get("origin_label") or ""))

    def _on_class_changed(self, _index: int) -> None:
        klass = self.class_combo.currentData()
        self.changed()
        if klass is None or klass == self._groups_loaded_for:
            return
        self.group_list.clear()
        wizards = self.services.wizards
        self.tasks.run(lambda: (klass, wizards.similar_groups(int(klass))), on_done=self._show_groups,
                       on_error=self._on_compute_error, key="brand-wizard-groups", wait_if_busy=True)

    def _show_groups(self, result: tuple[int, list[GroupChoice]]) -> None:
        klass, groups = result
        if klass != self.class_combo.currentData():
            return
        self._groups_loaded_for = klass
        self.group_list.blockSignals(True)
        self.group_list.clear()
        chosen = set(self.session.data.get("groups") or ())
        for g in groups:
            plain = g.plain(self.lang)
            item = QListWidgetItem(f"{g.code}{parts_separator(self.lang)}{sentence_start(plain)}")
            item.setToolTip(g.title(self.lang))
            item.setData(Qt.ItemDataRole.UserRole, g.code)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            item.setCheckState(Qt.CheckState.Checked if g.code in chosen else Qt.CheckState.Unchecked)
            self.group_list.addItem(item)
        self.group_list.blockSignals(False)
        self.changed()

    def _on_group_item_clicked(self, item: QListWidgetItem) -> None:
        checked = item.checkState() == Qt.CheckState.Checked
        item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)
