"""GI eligibility wizard page: who is asking, the product (with GI suggestions), the township."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ipdesk.domain import rules
from ipdesk.domain.basket import ReportBasket
from ipdesk.domain.codes import division_prefix
from ipdesk.domain.gi_eligibility import GI_FLOW, GiRecord, Township
from ipdesk.domain.i18n import gi_kind_text
from ipdesk.domain.wizard import Outcome
from ipdesk.ui.region_picker import RegionPicker
from ipdesk.ui.wizards.base import (
    TOUCH_HEIGHT,
    FlowPage,
    NoteLabel,
    check_key,
    checked_key,
    choice_buttons,
    list_separator,
    parts_separator,
    touch_list,
)

_DEBOUNCE_MS = 250
_FEW_TOWNSHIPS = 8  # more matches than this: the note above the list says how many and how to narrow them
_TOUCH_PADDING = 20  # touch_list's padding above and below a row's text


class TownshipList(QListWidget):
    """The township matches, never squeezed below `MIN_ROWS` rows (at the largest font on 1024×768 the
    other parts of the step had left 3 of 82 in view); when the step is taller than the page, the step
    scrolls instead."""

    MIN_ROWS = 6

    def minimumSizeHint(self) -> QSize:  # Qt's name
        hint = super().minimumSizeHint()
        row = max(self.sizeHintForRow(0), self.fontMetrics().height() + _TOUCH_PADDING)
        return QSize(hint.width(), max(hint.height(), self.MIN_ROWS * row + 2 * self.frameWidth()))


class GiCheckPage(FlowPage):
    """Can our product, made in our township, use a geographical indication?"""

    flow = GI_FLOW

    def __init__(self, services: Any, tasks: Any, basket: ReportBasket, lang: str, parent: QWidget | None = None) -> None:
        self._township_source = "typed"  # which input answered the township: typed | list | picker
        self._township_lookup = ""  # the text being looked up on the DB worker ('' when none)
        self._advance_when_found = False  # Enter was pressed before the lookup ended
        super().__init__(services, tasks, basket, lang, parent)
        self._product_timer = QTimer(self, singleShot=True, interval=_DEBOUNCE_MS)
        self._product_timer.timeout.connect(self._on_product_timer_timeout)
        self._township_timer = QTimer(self, singleShot=True, interval=_DEBOUNCE_MS)
        self._township_timer.timeout.connect(self._on_township_timer_timeout)

    # --- steps --------------------------------------------------------------------------------

    def build_step(self, step: str) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        if step == "role":
            choices = [(key, text(self.lang)) for key, text in rules.ROLES.items()]
            buttons, self.role_group = choice_buttons(box, choices)
            self.role_group.buttonToggled.connect(lambda *_: self.changed())
            layout.addWidget(buttons)
            layout.addStretch(1)
        elif step == "product":
            self.product_edit = QLineEdit(box)
            self.product_edit.setObjectName("product")
            self.product_edit.setMinimumHeight(TOUCH_HEIGHT)
            self.product_edit.setPlaceholderText(self.tr("例如：大米、龙井茶、苹果"))
            self.product_edit.setAccessibleName(self.tr("产品名称"))
            self.product_edit.textEdited.connect(self._on_product_edited)
            self.product_edit.returnPressed.connect(self._on_next_clicked)
            hint = QLabel(self.tr("匹配的地理标志（可选，点选一个）："), box)
            self.gi_list = touch_list(QListWidget(box))
            self.gi_list.setObjectName("gi_suggestions")
            self.gi_list.setAccessibleName(self.tr("地理标志建议"))
            self.gi_list.itemSelectionChanged.connect(self.changed)
            layout.addWidget(self.product_edit)
            layout.addWidget(hint)
            layout.addWidget(self.gi_list, 1)
        elif step == "township":
            self.township_edit = QLineEdit(box)
            self.township_edit.setObjectName("township")
            self.township_edit.setMinimumHeight(TOUCH_HEIGHT)
            self.township_edit.setPlaceholderText(self.tr("乡镇名称或12位代码，如：五常镇 或 230184100000"))
            self.township_edit.setAccessibleName(self.tr("乡镇"))
            self.township_edit.textEdited.connect(self._on_township_edited)
            self.township_edit.returnPressed.connect(self._on_township_return)
            # how many townships the list holds and how to narrow them: above the list, as wide as the step
            # (beside Next it took six lines at the largest font and squeezed the list)
            self.township_note = NoteLabel(box)
            self.township_note.setObjectName("township_note")
            self.township_list = touch_list(TownshipList(box))
            self.township_list.setObjectName("township_results")
            self.township_list.setAccessibleName(self.tr("乡镇查找结果"))
            self.township_list.itemSelectionChanged.connect(self.changed)
            self.township_list.itemActivated.connect(lambda _item: self._on_next_clicked())
            self.township_list.itemClicked.connect(self._on_township_clicked)
            self.region_picker = RegionPicker(self.services, self.tasks, box)
            self.region_picker.setObjectName("region_picker")
            for combo in self.region_picker.combos:
                combo.setMinimumHeight(TOUCH_HEIGHT)
            self.region_picker.sig_changed.connect(self._on_region_picked)
            layout.addWidget(self.township_edit)
            layout.addWidget(self.township_note)
            layout.addWidget(self.township_list, 1)
            layout.addWidget(QLabel(self.tr("或者逐级选择："), box))
            layout.addWidget(self.region_picker)
        return box

    def apply_step(self, step: str) -> None:
        data = self.session.data
        if step == "role":
            data["role"] = checked_key(self.role_group)
        elif step == "product":
            data["product"] = self.product_edit.text().strip()
            item = self.gi_list.currentItem() if self.gi_list.selectedItems() else None
            if item is not None:
                data["gi_id"], data["gi_name"] = item.data(Qt.ItemDataRole.UserRole)
            else:
                data.pop("gi_id", None)
                data.pop("gi_name", None)
        elif step == "township":
            item = self.township_list.currentItem() if self.township_list.selectedItems() else None
            picked = self.region_picker.code()
            if self._township_source == "picker":
                is_township = len(division_prefix(picked)) == 9
                data["township_code"] = picked if is_township else ""
                data["township_label"] = " ".join(c.currentText() for c in self.region_picker.combos) if is_township else ""
            elif item is not None:
                data["township_code"], data["township_label"] = item.data(Qt.ItemDataRole.UserRole)
            else:
                # Typed text is an answer only once looked up and picked from the list (a code that
                # does not exist must not pass the step).
                data["township_code"] = ""
                data["township_label"] = self.township_edit.text().strip()

    def load_step(self, step: str) -> None:
        data = self.session.data
        if step == "role":
            check_key(self.role_group, str(data.get("role") or ""))
        elif step == "product":
            if self.product_edit.text() != data.get("product", ""):
                self.product_edit.setText(str(data.get("product") or ""))
                self.gi_list.clear()
                if data.get("product"):
                    self._on_product_timer_timeout()
        elif step == "township" and not data.get("township_code"):
            self._clear_township()

    def reset_steps(self) -> None:
        check_key(self.role_group, "")
        self._product_timer.stop()
        self.product_edit.clear()
        self.gi_list.clear()
        self._clear_township()

    def _clear_township(self) -> None:
        """No township on the page: typed text, its matches and the pickers all emptied."""
        self._township_timer.stop()
        self._township_source = "typed"
        self._township_lookup = ""
        self._advance_when_found = False
        self.township_edit.clear()
        self.township_list.clear()
        self.township_note.clear()
        self.region_picker.reset()

    def missing_hint(self) -> str:
        if self.session.current == "township":
            if self._township_lookup or self._township_timer.isActive():
                return self.tr("正在查找乡镇……")
            if self._township_source == "picker" and self.region_picker.code():
                return self.tr("请在“逐级选择”中一直选到乡镇一级。")
            if self.township_list.count() > 1 or (self.township_list.count() and not self.township_list.selectedItems()):
                return self.tr("请在列表中点选一个乡镇。")  # how many, and how to narrow them: above the list
        return super().missing_hint()

    def compute(self, data: dict[str, Any]) -> Callable[[], Outcome]:
        wizards = self.services.wizards
        return lambda: wizards.gi_check(data)

    def save_extras(self) -> dict[str, Any]:
        return {"township_source": self._township_source, "township_text": self.township_edit.text().strip()}

    def restore_extras(self, extras: dict[str, Any]) -> None:
        """The township as it was answered: picked level by level, or typed and picked from the
        matches (looked up again), or typed and not yet looked up or picked."""
        source = str(extras.get("township_source") or "typed")
        text = str(extras.get("township_text") or "")
        code = str(self.session.data.get("township_code") or "")
        if code:
            # The answer is on show at once, while the pickers or the matches load.
            label = str(self.session.data.get("township_label") or code)
            item = QListWidgetItem(f"{label}{parts_separator(self.lang)}{code}")
            item.setData(Qt.ItemDataRole.UserRole, (code, label))
            self.township_list.addItem(item)
            self.township_list.setCurrentItem(item)
            self._township_source = "list"
            self.township_edit.setText(text)
            if source == "picker":
                self.region_picker.set_code(code)  # once shown, the pickers are the answer (_on_region_picked)
            elif text:
                self._on_township_timer_timeout()
        elif text and self.session.current == "township":
            self.township_edit.setText(text)
            self._on_township_timer_timeout()

    # --- suggestions (on the DB worker) --------------------------------------------------------

    def _on_product_edited(self, _text: str) -> None:
        self.gi_list.clear()
        self.changed()
        self._product_timer.start()

    def _on_product_timer_timeout(self) -> None:
        text = self.product_edit.text().strip()
        if not text:
            return
        wizards = self.services.wizards
        self.tasks.run(lambda: wizards.suggest_gis(text), on_done=self._show_gis, on_error=self._on_lookup_error,
                       key="gi-wizard-product", wait_if_busy=True)

    def _show_gis(self, gis: list[GiRecord]) -> None:
        chosen = self.session.data.get("gi_id")
        self.gi_list.blockSignals(True)  # the GI chosen before stays chosen while the list fills
        self.gi_list.clear()
        for gi in gis:
            kind = gi_kind_text(gi.kind)(self.lang)
            area = list_separator(self.lang).join(gi.area_names[:3])
            sep = parts_separator(self.lang)
            item = QListWidgetItem(f"{gi.name}{sep}[{kind}]{sep}{area}")
            item.setData(Qt.ItemDataRole.UserRole, (gi.id, gi.name))
            self.gi_list.addItem(item)
            if gi.id == chosen:
                self.gi_list.setCurrentItem(item)
        self.gi_list.blockSignals(False)
        if self.session.current == "product":
            self.changed()

    def _set_township_source(self, source: str) -> None:
        self._township_source = source
        self.changed()

    def _on_region_picked(self, _code: str) -> None:
        # One answer on the page: the pickers replace whatever was typed or listed.
        self._township_timer.stop()
        self._township_lookup = ""
        self._advance_when_found = False
        self._township_source = "picker"
        self.township_edit.clear()
        self.township_list.clear()
        self.township_note.clear()
        self.problem_label.clear()
        self.changed()

    def _on_township_clicked(self, _item: QListWidgetItem) -> None:
        if self.region_picker.code():
            self.region_picker.reset()
        self._set_township_source("list")

    def _on_township_edited(self, _text: str) -> None:
        self._township_source = "typed"
        self._township_lookup = ""
        self._advance_when_found = False
        self.township_list.clear()
        self.township_note.clear()
        self.problem_label.clear()
        if self.region_picker.code():
            self.region_picker.reset()
        self._township_timer.start()
        self.changed()

    def _on_township_return(self) -> None:
        if self._township_timer.isActive() or self._township_lookup:
            self._advance_when_found = True  # go on as soon as the township is found
            if self._township_timer.isActive():
                self._township_timer.stop()
                self._on_township_timer_timeout()
            return
        self._on_next_clicked()

    def _on_township_timer_timeout(self) -> None:
        text = self.township_edit.text().strip()
        if not text:
            self._advance_when_found = False
            return
        wizards = self.services.wizards
        self._township_lookup = text
        if text.isdigit() and len(text) in (9, 12):
            # A code is checked against the division table here, at the step: an unknown one is said at once.
            self.tasks.run(lambda: [wizards.township(text)], on_done=lambda towns: self._show_townships(towns, text),
                           on_error=lambda error: self._on_township_error(error, text), key="gi-wizard-township",
                           owner=self, wait_if_busy=True)
        else:
            # read as the command line reads it (PlaceService.read_townships): every match, a county's townships
            self.tasks.run(lambda: wizards.township_matches(text),
                           on_done=lambda found: self._show_townships(found.towns, text, county=found.county,
                                                                      suggested=found.suggested),
                           on_error=lambda error: self._on_township_error(error, text), key="gi-wizard-township",
                           owner=self, wait_if_busy=True)
        self._update_buttons()

    def _on_township_error(self, error: BaseException, text: str) -> None:
        if text != self._township_lookup:
            return
        self._township_lookup = ""
        self._advance_when_found = False
        self._on_lookup_error(error)

    def _show_townships(self, towns: list[Township], text: str | None = None, county: str = "",
                        suggested: bool = False) -> None:
        if text is not None and text != self._township_lookup:
            return  # typed over, picked or restarted meanwhile
        # every match is listed (城关镇: 82 of them; the list had stopped at 20 without a word): how many, and
        # how to narrow them, is said above the list when they are more than a glance takes
        if suggested and towns:
            # none is called so (龙凤山乡, 龙风山): the near ones wait for the person to pick one, even a single one
            note = self.tr("没有叫“%1”的乡镇。您是不是要找下面的乡镇？请点选确认。").replace("%1", text or "")
        elif county:
            note = (self.tr("“%1”是县级行政区，下面列出它的全部 %2 个乡镇，请点选一个。")
                    .replace("%1", county).replace("%2", str(len(towns))))
        elif len(towns) > _FEW_TOWNSHIPS:
            note = (self.tr("有 %1 个乡镇符合“%2”。请点选一个，或在前面加上县市名缩小范围，如 五常市 龙凤山镇。")
                    .replace("%1", str(len(towns))).replace("%2", text or ""))
        else:
            note = ""
        self.township_note.setText(note)
        self._township_lookup = ""
        advance, self._advance_when_found = self._advance_when_found, False
        # a township picked from these matches before they were looked up again stays picked
        chosen = str(self.session.data.get("township_code") or "") if self._township_source == "list" else ""
        self.township_list.blockSignals(True)
        self.township_list.clear()
        for town in towns:
            item = QListWidgetItem(f"{town.label}{parts_separator(self.lang)}{town.code}")
            item.setData(Qt.ItemDataRole.UserRole, (town.code, town.label))
            self.township_list.addItem(item)
            if chosen and town.code == chosen:
                self.township_list.setCurrentItem(item)
        if len(towns) == 1 and not suggested:
            self._township_source = "list"
            self.township_list.setCurrentRow(0)
        self.township_list.blockSignals(False)
        if self.session.current == "township":
            self.changed()
        if len(towns) == 1 and not suggested and advance and self.session.current == "township" and self.next_button.isEnabled():
            self._on_next_clicked()
            return
        if not towns:
            self.show_problem(self.tr("没有找到这个乡镇。请换个写法，或输入12位区划代码。"))
        self._update_buttons()

    def _on_lookup_error(self, error: BaseException) -> None:
        self._on_compute_error(error)
