"""The three wizards in touch form: GI eligibility, brand-name check, agricultural patent finder.

The flows (questions, order, problems, answers) are the domain's `GI_FLOW`, `BRAND_FLOW` and
`PATENT_FLOW`, walked by a `WizardSession`; the outcome comes from `services.wizards`. The pages
here only copy taps into `session.data` (Electrum's shape) — no second copy of any rule.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ipdesk.domain import brand_check, gi_eligibility, patent_finder, rules
from ipdesk.domain.i18n import Text
from ipdesk.domain.wizard import (
    LEVEL_CAUTION,
    LEVEL_GO,
    LEVEL_STOP,
    SUMMARY,
    WIZARD_TITLES,
    Flow,
    Outcome,
    WizardSession,
)
from ipdesk.services.container import Services
from ipdesk.services.errors import IpdeskError
from ipdesk.ui import labels
from ipdesk.ui.kiosk.keyboard import OnScreenKeyboard
from ipdesk.ui.kiosk.pinyin_input import (
    CandidateBar,
    CharacterIndex,
    character_index_source,
    crop_character_source,
)
from ipdesk.ui.kiosk.place_picker import PlacePicker
from ipdesk.ui.kiosk.printing import PrintFn, Printouts, line_html, show_print_result
from ipdesk.ui.kiosk.widgets import (
    KioskScreen,
    TurnsWithScreen,
    WrapButton,
    big_button,
    forget_text,
    icon,
    make_flickable,
    restyle,
    role_label,
    scroll_to_top,
    title_label,
    touch_list,
    visitor_error_text,
)
from ipdesk.ui.tasks import TaskRunner

log = logging.getLogger("ipdesk.ui.kiosk")
# a number and the measure word after it (2件, 1,234条, 3个): kept on one line by a word joiner
_COUNTED = re.compile(r"(\d)([件个条项])")

LEVEL_COLOURS = {LEVEL_GO: "#1b5e20", LEVEL_CAUTION: "#8a4b00", LEVEL_STOP: "#b00020"}
BRAND_CLASSES = rules.BRAND_CLASSES


class StepPage(QWidget):
    """One question: copies taps into the draft (`apply`) and shows the draft again (`load`)."""

    sig_answered = Signal()  # a tap that completes the step (the screen then moves on)
    sig_own_next_changed = Signal()  # `has_own_next` changed (the crop buttons ↔ the keyboard)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = "zh_CN"
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(12)
        self.question = title_label(self)
        self.help = role_label("hint", self)
        self.column.addWidget(self.question)
        self.column.addWidget(self.help)
        # The flows' help speaks of the desktop's controls (suggestions, groups, keywords); a page
        # whose kiosk form lacks them says what to tap instead.
        self.kiosk_help: Text | None = None

    def show_question(self, title: Text, help_text: Text) -> None:
        help_text = self.kiosk_help or help_text
        self.question.setText(title(self.lang))
        self.help.setText(help_text(self.lang))
        self.help.setVisible(bool(help_text(self.lang)))

    def has_own_next(self) -> bool:
        """Whether the page shows its own 下一步 (the keyboard's key): the screen then hides its
        own, so a visitor sees one 下一步, not two alike."""
        return False

    def load(self, data: Mapping[str, Any]) -> None: ...

    def apply(self, data: dict[str, Any]) -> None: ...

    def reset(self) -> None: ...


class ChoicePage(StepPage):
    """Big exclusive buttons (who is asking, class, crop, technique); one tap answers and goes on."""

    def __init__(self, key: str, options: Sequence[tuple[Any, Text]], parent: QWidget | None = None, *,
                 columns: int = 2) -> None:
        super().__init__(parent)
        self.key = key
        self.options = list(options)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        grid = QGridLayout()
        grid.setSpacing(12)
        holder = QWidget(self)
        holder.setProperty("kioskScreen", True)  # the screens' white background
        holder.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        holder.setLayout(grid)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        make_flickable(scroll)
        self.buttons: list[WrapButton] = []
        for index, (_value, _label) in enumerate(self.options):
            button = WrapButton("", "fa5s.circle", holder, role="secondary")  # a long English label wraps
            button.setCheckable(True)
            button.setMinimumHeight(84)
            button.clicked.connect(lambda _checked=False, i=index: self._on_choice_clicked(i))
            self.group.addButton(button, index)
            grid.addWidget(button, index // columns, index % columns)
            self.buttons.append(button)
        for col in range(columns):
            grid.setColumnStretch(col, 1)
        # the buttons at the top: an empty row below them takes the spare height (a layout aligned
        # to the top would be held to its one-line height, and a wrapped label cut)
        grid.setRowStretch(grid.rowCount(), 1)
        self.choices_area = scroll
        self.column.addWidget(scroll, 1)
        self.group.buttonToggled.connect(self._on_group_button_toggled)

    def _on_choice_clicked(self, _index: int) -> None:
        self.sig_answered.emit()

    def retranslate(self) -> None:
        for button, (_value, label) in zip(self.buttons, self.options, strict=True):
            button.setText(label(self.lang))

    def set_option_label(self, index: int, label: Text) -> None:
        value, _old = self.options[index]
        self.options[index] = (value, label)
        self.buttons[index].setText(label(self.lang))

    def _on_group_button_toggled(self, button: QPushButton, checked: bool) -> None:
        button.setProperty("role", "" if checked else "secondary")
        button.setIcon(icon("fa5s.check-circle" if checked else "fa5s.circle",
                            "#ffffff" if checked else "#0b4f9c"))
        restyle(button)

    def load(self, data: Mapping[str, Any]) -> None:
        value = data.get(self.key)
        for index, (option, _label) in enumerate(self.options):
            if option == value:
                self.buttons[index].setChecked(True)
                return
        self.reset()

    def apply(self, data: dict[str, Any]) -> None:
        index = self.group.checkedId()
        if index >= 0:
            data[self.key] = self.options[index][0]
        else:
            data.pop(self.key, None)

    def reset(self) -> None:
        self.group.setExclusive(False)
        for button in self.buttons:
            button.setChecked(False)
        self.group.setExclusive(True)
        scroll_to_top(self.choices_area)  # the first choices in view (第 29 类 was hidden above)


class TextPage(StepPage):
    """Typed with the on-screen keyboard; optional suggestions below (tap one to use it)."""

    def __init__(self, key: str, parent: QWidget | None = None, *,
                 suggest: Callable[[str], list[tuple[str, str, dict[str, Any]]]] | None = None,
                 tasks: TaskRunner | None = None,
                 characters: Callable[[], CharacterIndex] | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self._characters = characters
        self._suggest = suggest
        self._tasks = tasks
        self._extra: dict[str, Any] = {}
        row = QHBoxLayout()
        left = QVBoxLayout()
        self.field = QLineEdit(self)
        self.field.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.field.setMaxLength(40)  # a brand name in letters (brand_check.MAX_NAME_CHARS)
        left.addWidget(self.field)
        self.keyboard = OnScreenKeyboard(self, key_size=64, enter_is_next=True)
        self.keyboard.set_target(self.field)
        self.keyboard.sig_enter.connect(self.sig_answered)
        left.addWidget(self.keyboard, 1)
        # the keys share the width with the question 3 to 2, as in the finder: given only their minimum
        # they stood 64 px wide and 112 tall on a 1920×1080 screen
        row.addLayout(left, 3)
        # The question goes beside the keyboard, not above it: the page must fit a 1366×768 screen.
        right = QVBoxLayout()
        for label in (self.question, self.help):
            self.column.removeWidget(label)
            right.addWidget(label)
        self.suggestions = touch_list(self, row_height=88)
        self.suggestions.setMinimumWidth(240)  # with the keyboard, within a 1024 px screen
        self.suggestions.itemClicked.connect(self._on_suggestions_item_clicked)
        self.suggestions.setVisible(suggest is not None)
        right.addWidget(self.suggestions, 1)
        self.candidates: CandidateBar | None = None
        if characters is not None:
            self.candidates = CandidateBar(self)
            self.candidates.target = self.field
            self.keyboard.sig_typed.connect(self.candidates.on_typed)
            right.addWidget(self.candidates)
            if suggest is not None:  # both beside the keyboard: the list may shrink to one row (768 px high)
                self.suggestions.setMinimumHeight(120)
        if suggest is None:
            right.addStretch(1)
        row.addLayout(right, 2)
        self.column.addLayout(row, 1)
        self.turns = TurnsWithScreen(self, row, self.keyboard)
        self._debounce = QTimer(self, singleShot=True, interval=300)
        self._debounce.timeout.connect(self._run_suggest)
        self.field.textEdited.connect(self._on_field_edited)
        self.keyboard.sig_text_changed.connect(self._on_field_edited)

    def has_own_next(self) -> bool:
        return True  # the keyboard's 下一步, beside the keys (it answers as the screen's would)

    def retranslate(self) -> None:
        self.keyboard.retranslate()
        if self.candidates is not None:
            self.candidates.refresh()

    def load(self, data: Mapping[str, Any]) -> None:
        self.field.setText(str(data.get(self.key) or ""))
        self._load_characters()

    def _load_characters(self) -> None:
        """Build the candidate bar's characters once, on the DB worker, the first time it is needed."""
        if self.candidates is None or self.candidates.index is not None or self._tasks is None:
            return
        source = self._characters
        if source is None:
            return
        self._characters = None
        bar = self.candidates
        self._tasks.run(source, on_done=bar.set_index,
                        on_error=lambda e: log.warning("kiosk: candidate characters: %s", e),
                        key=f"kiosk-characters-{self.key}")

    def _on_field_edited(self, _text: str) -> None:
        self._extra = {}
        if self._suggest is not None:
            self._debounce.start()

    def _run_suggest(self) -> None:
        if self._suggest is None or self._tasks is None:
            return
        text = self.field.text().strip()
        suggest = self._suggest
        self._tasks.run(lambda: suggest(text) if text else [],
                        on_done=lambda rows: self._show_suggestions(rows, text),
                        on_error=lambda e: log.warning("kiosk: suggestions failed: %s", e), key=f"kiosk-suggest-{self.key}",
                        owner=self)

    def _show_suggestions(self, rows: list[tuple[str, str, dict[str, Any]]], text: str | None = None) -> None:
        if text is not None and text != self.field.text().strip():
            return  # typed over, or reset for the next visitor, meanwhile
        self.suggestions.clear()
        for title, subtitle, extra in rows:
            item = QListWidgetItem(icon("fa5s.leaf", "#1b5e20"), f"{title}\n{subtitle}" if subtitle else title)
            item.setData(Qt.ItemDataRole.UserRole, (title, extra))
            item.setSizeHint(QSize(0, 112))
            self.suggestions.addItem(item)

    def _on_suggestions_item_clicked(self, item: QListWidgetItem) -> None:
        payload = item.data(Qt.ItemDataRole.UserRole)
        if not payload:
            return
        title, extra = payload
        self.field.setText(str(title))
        self._extra = dict(extra)
        QTimer.singleShot(0, self.sig_answered.emit)

    def apply(self, data: dict[str, Any]) -> None:
        data[self.key] = " ".join(self.field.text().split())
        for k in ("gi_id", "gi_name"):
            data.pop(k, None)
        data.update(self._extra)

    def reset(self) -> None:
        self._debounce.stop()
        forget_text(self.field)
        self.suggestions.clear()
        self._extra = {}
        if self.candidates is not None:
            self.candidates.clear()


OTHER_CROP = "other"  # the button that opens the keyboard; never an answer itself


class CropPage(ChoicePage):
    """The vocabulary's crops as buttons, and "another crop": typed on the keyboard (魔芋, 花椒), as
    the desktop finder takes any word; the finder then searches patent titles for that word."""

    def __init__(self, tasks: TaskRunner, characters: Callable[[], CharacterIndex] | None,
                 parent: QWidget | None = None) -> None:
        options: list[tuple[Any, Text]] = [(c.id, c.name) for c in rules.CROPS]
        options.append((OTHER_CROP, Text("其他作物：自己打字", "Another crop: type it")))
        super().__init__("crop", options, parent, columns=3)
        self.buttons[-1].setIcon(icon("fa5s.keyboard", "#0b4f9c"))
        self.typed = TextPage("crop", self, suggest=self._suggest_crops, tasks=tasks, characters=characters)
        self.typed.field.setMaxLength(20)
        self.typed.kiosk_help = Text("用拼音打字，点选出来的汉字；或点列表里的作物。",
                                     "Type the pinyin and tap the characters it offers, or tap a crop in the list.")
        self.typed.sig_answered.connect(lambda: self.sig_answered.emit())
        # The buttons with their question, or the keyboard with its own (beside the keys): a stack of
        # the two whole views, so the page is no taller than the keyboard page alone (1024×768).
        self.buttons_view = QWidget(self)
        view = QVBoxLayout(self.buttons_view)
        view.setContentsMargins(0, 0, 0, 0)
        view.setSpacing(self.column.spacing())
        for widget in (self.question, self.help, self.choices_area):
            self.column.removeWidget(widget)
            view.addWidget(widget, 1 if widget is self.choices_area else 0)
        self.modes = QStackedWidget(self)
        self.modes.addWidget(self.buttons_view)
        self.modes.addWidget(self.typed)
        self.column.addWidget(self.modes, 1)
        self._title = Text("", "")
        self._help = Text("", "")

    @property
    def typing(self) -> bool:
        return self.modes.currentWidget() is self.typed

    def has_own_next(self) -> bool:
        return self.typing

    def _suggest_crops(self, text: str) -> list[tuple[str, str, dict[str, Any]]]:
        """Runs on the task pool: the vocabulary's crops the letters or characters may mean."""
        lang = self.lang
        return [(crop.name(lang), "", {}) for crop in patent_finder.suggest_crops(text)]

    def _on_choice_clicked(self, index: int) -> None:
        if self.options[index][0] == OTHER_CROP:
            self._set_typing(True)
            self.typed.field.setFocus()
            return
        super()._on_choice_clicked(index)

    def _set_typing(self, typing: bool) -> None:
        if typing:
            super().reset()  # no button stays chosen under the keyboard
        changed = typing != self.typing
        self.modes.setCurrentWidget(self.typed if typing else self.buttons_view)
        if changed:
            self.sig_own_next_changed.emit()
        if typing:
            self.typed.lang = self.lang
            self.typed.show_question(self._title, self._help)
            self.typed.retranslate()
            self.typed.load({})  # builds the candidate characters the first time

    def show_question(self, title: Text, help_text: Text) -> None:
        self._title, self._help = title, help_text
        super().show_question(title, help_text)
        if self.typing:
            self.typed.lang = self.lang
            self.typed.show_question(title, help_text)

    def retranslate(self) -> None:
        super().retranslate()
        self.typed.lang = self.lang
        self.typed.retranslate()

    def load(self, data: Mapping[str, Any]) -> None:
        value = str(data.get(self.key) or "")
        if value and value not in rules.CROPS_BY_ID:
            self._set_typing(True)
            self.typed.load(data)
        else:
            self._set_typing(False)
            super().load(data)

    def apply(self, data: dict[str, Any]) -> None:
        if self.typing:
            self.typed.apply(data)
        else:
            super().apply(data)

    def reset(self) -> None:
        super().reset()
        self.typed.reset()
        self._set_typing(False)

    def handle_back(self) -> bool:
        """Back from the keyboard to the crop buttons, not to the previous question."""
        if self.typing:
            self._set_typing(False)
            return True
        return False


class TownshipPage(StepPage):
    """Tap through to a township (townships only: the flow needs one)."""

    def __init__(self, services: Services, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.picker = PlacePicker(services, tasks, self, townships_only=True)
        self.picker.sig_place_chosen.connect(self._on_picker_place_chosen)
        self.column.addWidget(self.picker, 1)
        self.code = ""
        self.label = ""

    def retranslate(self) -> None:
        self.picker.retranslate()

    def show_question(self, title: Text, help_text: Text) -> None:
        """The flow's help speaks of typing a name or code; here the place is tapped."""
        super().show_question(title, help_text)
        self.help.setText(self.tr("一步一步点您所在的省、市、县和乡镇。"))
        self.help.setVisible(True)

    def _on_picker_place_chosen(self, code: str, name: str, _level: int) -> None:
        path = " ".join(ref.name for ref in self.picker.path)
        self.code, self.label = code, f"{path} {name}".strip()
        self.sig_answered.emit()

    def load(self, data: Mapping[str, Any]) -> None:
        self.code = str(data.get("township_code") or "")
        self.label = str(data.get("township_label") or "")

    def apply(self, data: dict[str, Any]) -> None:
        if self.code:
            data["township_code"], data["township_label"] = self.code, self.label

    def reset(self) -> None:
        self.code = self.label = ""
        self.picker.reset()

    def handle_back(self) -> bool:
        if self.picker.path:
            self.picker.go_to_level(len(self.picker.path) - 1)
            return True
        return False


class TouchWizardScreen(KioskScreen):
    """Walks one domain flow with big pages; the summary, then the outcome with a print button."""

    sig_outcome_shown = Signal(object)  # the Outcome

    def __init__(self, title: Text, flow: Flow, pages: Mapping[str, StepPage],
                 compute: Callable[[dict[str, Any]], Outcome], tasks: TaskRunner, print_fn: PrintFn,
                 parent: QWidget | None = None, *, lang: str = "zh_CN") -> None:
        super().__init__(parent, lang=lang)
        self._title = title
        self.session = WizardSession(flow)
        self._compute = compute
        self._tasks = tasks
        self._print_fn = print_fn
        self._printouts = Printouts(self)
        self.step_pages = dict(pages)
        self.pages = QStackedWidget(self)
        for page in self.step_pages.values():
            self.pages.addWidget(page)
            page.sig_answered.connect(self._on_page_answered)
            page.sig_own_next_changed.connect(self._on_page_own_next_changed)
        self.summary = QTextBrowser(self)
        self._browser(self.summary)
        self.pages.addWidget(self.summary)
        self.result = QTextBrowser(self)
        self._browser(self.result)
        self.pages.addWidget(self.result)
        self.body.addWidget(self.pages, 1)
        bottom = QHBoxLayout()
        self.problem = role_label("error", self)
        bottom.addWidget(self.problem, 1)
        self.print_button = big_button("", "fa5s.print", self)
        self.print_button.setMinimumWidth(240)
        self.print_button.clicked.connect(self._on_print_clicked)
        bottom.addWidget(self.print_button)
        self.again_button = big_button("", "fa5s.redo", self, role="secondary")
        self.again_button.clicked.connect(self.reset)
        bottom.addWidget(self.again_button)
        self.next_button = big_button("", "fa5s.arrow-right", self)
        self.next_button.setMinimumWidth(240)
        self.next_button.clicked.connect(self._on_next_clicked)
        bottom.addWidget(self.next_button)
        self.body.addLayout(bottom)
        self.outcome: Outcome | None = None
        self._printing = False
        # Each compute request carries the generation it was made in; Back, Home and a reset start a
        # new one, so an answer that arrives after the visitor left (or the next visitor came) is dropped.
        self._generation = 0
        self._computing = False
        self._show_step()

    @staticmethod
    def _browser(view: QTextBrowser) -> None:
        view.setOpenLinks(False)
        view.setOpenExternalLinks(False)
        view.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        make_flickable(view)

    # --- flow ---------------------------------------------------------------------------------------

    def _show_step(self) -> None:
        step = self.session.current
        self.problem.setText("")
        showing_outcome = self.outcome is not None
        self.print_button.setVisible(showing_outcome)
        self.again_button.setVisible(showing_outcome)
        self.next_button.setVisible(not showing_outcome)
        if showing_outcome:
            self.pages.setCurrentWidget(self.result)
            return
        if self._printing:  # left the outcome while it was printing: its answer is dropped
            self._printing = False
            self.print_button.setEnabled(True)
            self.problem.setProperty("role", "error")
            restyle(self.problem)
        if step == SUMMARY:
            self._render_summary()
            self.pages.setCurrentWidget(self.summary)
            self.next_button.setText(self.tr("看结果"))
            return
        page = self.step_pages[step]
        page.lang = self.lang
        question = self.session.flow.questions[step]
        page.show_question(question.title, question.help)
        retranslate = getattr(page, "retranslate", None)
        if callable(retranslate):
            retranslate()
        page.load(self.session.data)
        self.pages.setCurrentWidget(page)
        self.next_button.setText(self.tr("下一步"))
        self.next_button.setVisible(not page.has_own_next())

    def _on_page_own_next_changed(self) -> None:
        page = self._current_page()
        if self.sender() is page and page is not None and self.outcome is None:
            self.next_button.setVisible(not page.has_own_next())

    def _current_page(self) -> StepPage | None:
        return self.step_pages.get(self.session.current)

    def _on_page_answered(self) -> None:
        if self.sender() is self._current_page():
            self._on_next_clicked()

    def _on_next_clicked(self) -> None:
        page = self._current_page()
        if page is not None:
            page.apply(self.session.data)
        problems = self.session.problems()
        if problems:
            self.problem.setText(problems[0](self.lang))
            return
        if self.session.at_summary:
            self._run_compute()
            return
        self.session.go_next()
        self._show_step()

    def _run_compute(self) -> None:
        data = dict(self.session.data)
        compute = self._compute
        self._generation += 1
        generation = self._generation
        self._computing = True
        self.next_button.setEnabled(False)
        self.problem.setProperty("role", "hint")
        restyle(self.problem)
        self.problem.setText(self.tr("正在查找……"))
        self._tasks.run(lambda: compute(data),
                        on_done=lambda outcome: self._on_outcome(outcome, generation),
                        on_error=lambda error: self._on_compute_error(error, generation),
                        key=f"kiosk-wizard-{self.session.flow.name}", owner=self)

    def abandon(self) -> None:
        """The visitor left (Back, Home, reset): an answer still on its way is for nobody."""
        self._generation += 1
        if self._computing:
            self._computing = False
            self.next_button.setEnabled(True)
            self.problem.setProperty("role", "error")
            restyle(self.problem)
            self.problem.setText("")

    def _on_outcome(self, outcome: Outcome, generation: int | None = None) -> None:
        if generation is not None and generation != self._generation:
            log.debug("kiosk: a %s result for a visitor who left was dropped", self.session.flow.name)
            return
        self._computing = False
        self.next_button.setEnabled(True)
        self.problem.setProperty("role", "error")
        restyle(self.problem)
        self.outcome = outcome
        self._render_outcome()
        self._show_step()
        self.sig_outcome_shown.emit(outcome)

    def _on_compute_error(self, error: BaseException, generation: int | None = None) -> None:
        if generation is not None and generation != self._generation:
            return
        self._computing = False
        self.next_button.setEnabled(True)
        self.problem.setProperty("role", "error")
        restyle(self.problem)
        self.problem.setText(visitor_error_text(error, self.lang))

    def handle_back(self) -> bool:
        """Back inside the wizard: from the outcome to the summary, then question by question."""
        self.abandon()
        if self.outcome is not None:
            self.outcome = None
            self._show_step()
            return True
        page = self._current_page()
        handle_back = getattr(page, "handle_back", None)
        if callable(handle_back) and handle_back():
            return True
        if self.session.can_go_back():
            self.session.go_back()
            self._show_step()
            return True
        return False

    def reset(self) -> None:
        self.abandon()
        self.session.restart()
        self.outcome = None
        self.next_button.setEnabled(True)
        for page in self.step_pages.values():
            page.reset()
        self.summary.clear()
        self.result.clear()
        self._show_step()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self._title(self.lang))
        self.print_button.setText(self.tr("打印"))
        self.again_button.setText(self.tr("重新开始"))
        for page in self.step_pages.values():
            page.lang = self.lang
            retranslate = getattr(page, "retranslate", None)
            if callable(retranslate):
                retranslate()
        if self.outcome is not None:
            self._render_outcome()
        self._show_step()

    # --- rendering ----------------------------------------------------------------------------------

    def _render_summary(self) -> None:
        esc = html.escape
        rows = "".join(f"<tr><td style='padding:10px 24px 10px 0'><b>{esc(a.question(self.lang))}</b></td>"
                       f"<td style='padding:10px 0'>{esc(a.value(self.lang))}</td></tr>"
                       for a in self.session.answers())
        heading = self.tr("请核对您的回答")
        hint = self.tr("不对就点“返回”修改；对了就点“看结果”。")
        self.summary.setHtml(f"<h2>{esc(heading)}</h2><table>{rows}</table><p>{esc(hint)}</p>")

    def _render_outcome(self) -> None:
        assert self.outcome is not None
        printout = self._printouts.for_outcome(self.outcome, self.lang)
        esc = html.escape
        colour = LEVEL_COLOURS.get(self.outcome.level, "#111111")
        # a count stays with its measure word on the narrow portrait screen ("2件", never "2 / 件")
        headline = _COUNTED.sub("\\1\u2060\\2", esc(printout.subtitle))
        parts = [f"<h2 style='color:{colour}'>{headline}</h2>"]
        for heading, lines in printout.sections:
            parts.append(f"<h3>{esc(heading)}</h3>")
            parts.append("<ul>" + "".join(f"<li>{line_html(x)}</li>" for x in lines) + "</ul>")
        parts.append("<p style='color:#333333'>" + "<br>".join(esc(x) for x in printout.footer) + "</p>")
        self.result.setHtml("".join(parts))

    def _on_print_clicked(self) -> None:
        if self.outcome is None:
            return
        self._printing = True
        self.print_button.setEnabled(False)
        show_print_result(self.problem, self.tr("正在打印…"), role="hint")
        self._print_fn(self._printouts.for_outcome(self.outcome, self.lang), self._on_printed)

    def _on_printed(self, error: IpdeskError | None) -> None:
        if not self._printing:
            return  # the outcome was left meanwhile (back, reset): the answer is not shown
        self._printing = False
        self.print_button.setEnabled(True)
        show_print_result(self.problem, self.tr("已送去打印，请在打印机处取单。"), error, lang=self.lang)


# --- the three wizards ----------------------------------------------------------------------------


def _gi_suggestions(services: Services) -> Callable[[str], list[tuple[str, str, dict[str, Any]]]]:
    def suggest(text: str) -> list[tuple[str, str, dict[str, Any]]]:
        rows = []
        for gi in services.wizards.suggest_gis(text, limit=10):
            subtitle = " · ".join(x for x in (labels.gi_kind_name(gi.kind), labels.gi_category_name(gi.category)) if x)
            rows.append((gi.name, subtitle, {"gi_id": gi.id, "gi_name": gi.name}))
        return rows

    return suggest


def build_wizard_screens(services: Services, tasks: TaskRunner, print_fn: PrintFn, parent: QWidget,
                         *, lang: str = "zh_CN") -> dict[str, QWidget]:
    """The kiosk's wizard screens, keyed by home tile."""
    wizards = services.wizards
    gi_pages: dict[str, StepPage] = {
        "role": ChoicePage("role", list(rules.ROLES.items()), parent),
        "product": TextPage("product", parent, suggest=_gi_suggestions(services), tasks=tasks),
        "township": TownshipPage(services, tasks, parent),
    }
    brand_pages: dict[str, StepPage] = {
        "name": TextPage("name", parent, tasks=tasks, characters=character_index_source(services)),
        "goods": ChoicePage("nice_class", [(n, class_label(n)) for n in BRAND_CLASSES], parent, columns=1),
    }
    brand_pages["goods"].kiosk_help = Text("点您的商品所属的一类。", "Tap the class your goods belong to.")
    patent_pages: dict[str, StepPage] = {
        "crop": CropPage(tasks, crop_character_source(services), parent),
        "technique": ChoicePage("technique", [("", Text("不限", "Any")), *((t.id, t.name) for t in rules.TECHNIQUES)],
                                parent, columns=3),
    }
    patent_pages["crop"].kiosk_help = Text("点您种的作物或养的畜禽、水产；没有的，点“其他作物”自己打字。",
                                           "Tap the crop you grow or the animals you raise; not listed? "
                                           'Tap "Another crop" and type it.')
    patent_pages["technique"].kiosk_help = Text("不确定就点“不限”。", 'Not sure? Tap "Any".')
    screens: dict[str, QWidget] = {
        "gi_check": TouchWizardScreen(WIZARD_TITLES["gi_check"], gi_eligibility.GI_FLOW, gi_pages,
                                      wizards.gi_check, tasks, print_fn, parent, lang=lang),
        "brand_check": TouchWizardScreen(WIZARD_TITLES["brand_check"], brand_check.BRAND_FLOW,
                                         brand_pages, wizards.brand_check, tasks, print_fn, parent, lang=lang),
        "patents": TouchWizardScreen(WIZARD_TITLES["patent_finder"], patent_finder.PATENT_FLOW,
                                     patent_pages, wizards.patent_finder, tasks, print_fn, parent, lang=lang),
    }
    return screens


def class_label(nice_class: int) -> Text:
    """A class button: its number and what it holds in plain words (as the summary says it), not
    the official heading, which is too long for a button and cut off."""
    words = rules.BRAND_CLASS_WORDS.get(nice_class)
    if words is None:
        return Text(f"第 {nice_class} 类", f"Class {nice_class}")
    return Text(f"第 {nice_class} 类：{words.zh}", f"Class {nice_class}: {words.en}")
