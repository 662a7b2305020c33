"""Agricultural patent finder page: the crop or animal, then the technique and optional keywords."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ipdesk.domain import rules
from ipdesk.domain.basket import ReportBasket
from ipdesk.domain.patent_finder import PATENT_FLOW, suggest_crops
from ipdesk.domain.wizard import Outcome
from ipdesk.ui.wizards.base import TOUCH_HEIGHT, FlowPage, check_key, checked_key, choice_buttons, touch_list


class PatentFinderPage(FlowPage):
    """Which technology exists for my crop, and may I use it freely?"""

    flow = PATENT_FLOW

    def __init__(self, services: Any, tasks: Any, basket: ReportBasket, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(services, tasks, basket, lang, parent)

    def build_step(self, step: str) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        if step == "crop":
            self.crop_edit = QLineEdit(box)
            self.crop_edit.setObjectName("crop")
            self.crop_edit.setMinimumHeight(TOUCH_HEIGHT)
            self.crop_edit.setPlaceholderText(self.tr("例如：水稻、苹果、生猪"))
            self.crop_edit.setAccessibleName(self.tr("作物或动物"))
            self.crop_edit.textEdited.connect(self._on_crop_edited)
            self.crop_edit.returnPressed.connect(self._on_next_clicked)
            self.crop_list = touch_list(QListWidget(box))
            self.crop_list.setObjectName("crop_suggestions")
            self.crop_list.setAccessibleName(self.tr("作物建议"))
            self.crop_list.itemClicked.connect(self._on_crop_picked)
            self.crop_list.itemActivated.connect(self._on_crop_picked)
            layout.addWidget(self.crop_edit)
            layout.addWidget(self.crop_list, 1)
            self._fill_crops("")
        elif step == "technique":
            choices = [("", self.tr("不限"))] + [(t.id, t.name(self.lang)) for t in rules.TECHNIQUES]
            buttons, self.technique_group = choice_buttons(box, choices, columns=3)
            self.technique_group.buttonToggled.connect(lambda *_: self.changed())
            self.keywords_edit = QLineEdit(box)
            self.keywords_edit.setObjectName("keywords")
            self.keywords_edit.setMinimumHeight(TOUCH_HEIGHT)
            self.keywords_edit.setPlaceholderText(self.tr("附加关键词（可选），用空格分开"))
            self.keywords_edit.setAccessibleName(self.tr("关键词"))
            self.keywords_edit.textEdited.connect(lambda _t: self.changed())
            self.keywords_edit.returnPressed.connect(self._on_next_clicked)
            layout.addWidget(buttons)
            layout.addWidget(QLabel(self.tr("关键词："), box))
            layout.addWidget(self.keywords_edit)
            layout.addStretch(1)
        return box

    def apply_step(self, step: str) -> None:
        data = self.session.data
        if step == "crop":
            data["crop"] = self.crop_edit.text().strip()
        elif step == "technique":
            data["technique"] = checked_key(self.technique_group)
            data["keywords"] = self.keywords_edit.text().strip()

    def load_step(self, step: str) -> None:
        data = self.session.data
        if step == "crop":
            if self.crop_edit.text() != data.get("crop", ""):
                self.crop_edit.setText(str(data.get("crop") or ""))
                self._fill_crops(self.crop_edit.text())
        elif step == "technique":
            check_key(self.technique_group, str(data.get("technique") or ""))
            self.keywords_edit.setText(str(data.get("keywords") or ""))

    def compute(self, data: dict[str, Any]) -> Callable[[], Outcome]:
        wizards = self.services.wizards
        return lambda: wizards.patent_finder(data)

    def _fill_crops(self, text: str) -> None:
        self.crop_list.clear()
        for crop in suggest_crops(text, limit=40 if not text else 8):
            item = QListWidgetItem(crop.name(self.lang))
            item.setData(Qt.ItemDataRole.UserRole, crop.keywords[0])
            self.crop_list.addItem(item)

    def _on_crop_edited(self, text: str) -> None:
        self._fill_crops(text)
        self.changed()

    def _on_crop_picked(self, item: QListWidgetItem) -> None:
        self.crop_edit.setText(str(item.data(Qt.ItemDataRole.UserRole)))
        self.changed()
