"""The frame every wizard page shares: one widget per question, Back / Next, a summary of the
answers, the result, and the two result actions (add to the report basket, log the visit).

The flow itself (`ipdesk.domain.wizard.WizardSession`) decides what comes next; a subclass only
builds a widget per step, copies its values into `session.data` (`apply_step`), shows them again
(`load_step`), and names the service call that computes the outcome (`compute`).

Over a language switch the window rebuilds the page: `save_state` hands the walk (`WizardSession`),
the outcome and the work still running to the new page, whose `restore_state` shows every answer on
its step again and renders the outcome in the new language (`save_extras` / `restore_extras` carry
what a step shows beyond the draft, such as the text typed to find a township).
"""

from __future__ import annotations

import html
import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ipdesk.domain.basket import BasketItem, ReportBasket
from ipdesk.domain.i18n import is_english
from ipdesk.domain.wizard import SUMMARY, WIZARD_TITLES, Flow, Outcome, WizardSession
from ipdesk.ui.announce import announce
from ipdesk.ui.keys import OWNS_ENTER, is_plain_enter
from ipdesk.ui.plain_text import as_plain
from ipdesk.ui.tasks import error_text
from ipdesk.ui.theme import level_colour

log = logging.getLogger("ipdesk.ui.wizards")

TOUCH_HEIGHT = 44  # px: the smallest button a finger hits reliably
RECORD_KINDS = ("gi", "trademark", "patent", "place")


def touch_button(text: str, parent: QWidget, *, checkable: bool = False) -> QPushButton:
    button = QPushButton(text, parent)
    button.setMinimumHeight(TOUCH_HEIGHT)
    button.setCheckable(checkable)
    return button


def first_focusable(box: QWidget) -> QWidget | None:
    """The first widget of a step that takes keyboard focus (so typing starts right away)."""
    for child in box.findChildren(QWidget):
        if child.focusPolicy() & Qt.FocusPolicy.TabFocus and child.isEnabled():
            return child
    return None


def parts_separator(lang: str) -> str:
    """Between the parts of a list row (a code and its title, a GI, its kind and its area): the
    ideographic space in Chinese, a plain ' · ' in English (the full-width space read as a hole)."""
    return " · " if is_english(lang) else "\u3000"


def list_separator(lang: str) -> str:
    """Between the items of a list inside a row: '、' in Chinese, ', ' in English."""
    return ", " if is_english(lang) else "、"


def touch_list(widget: QListWidget) -> QListWidget:
    """Rows tall enough to tap."""
    widget.setStyleSheet("QListWidget::item { padding: 10px 6px; }")
    return widget


def wizard_page_title(flow_name: str, lang: str) -> str:
    """A wizard page's heading: its name in the navigation rail (pages.py), then the question it answers,
    as the user guide's section for it is headed, so that "open 商标核查" lands on a page so titled. The
    reports, printouts and the service record name the wizard the same (`WIZARD_TITLES`: 商标核查 …)."""
    titles = {
        "gi_check": QCoreApplication.translate("FlowPage", "地理标志核查：我的产品能用地理标志吗"),
        "brand_check": QCoreApplication.translate("FlowPage", "商标核查：这个品牌名称能注册吗"),
        "patent_finder": QCoreApplication.translate("FlowPage", "农业专利：种这个、用这个技术会不会侵犯专利"),
    }
    return titles.get(flow_name) or WIZARD_TITLES[flow_name](lang)


def choice_buttons(parent: QWidget, choices: list[tuple[str, str]], columns: int = 2) -> tuple[QWidget, QButtonGroup]:
    """A grid of large checkable buttons, one per (key, label); exactly one can be chosen."""
    box = QWidget(parent)
    grid = QGridLayout(box)
    grid.setContentsMargins(0, 0, 0, 0)
    group = QButtonGroup(box)
    group.setExclusive(True)
    # A radio group: one Tab stop, the arrow keys move the choice (Qt does so for an exclusive group
    # once one is chosen), as the WAI-ARIA radio-group pattern has it; the description says so.
    hint = QCoreApplication.translate("FlowPage", "一次只能选一项；用方向键换选项，按回车键选定并继续")
    for i, (key, label) in enumerate(choices):
        button = touch_button(label, box, checkable=True)
        button.setAccessibleDescription(hint)
        button.setProperty("choice", key)
        button.setProperty(OWNS_ENTER, True)  # Enter chooses it and goes on (FlowPage.eventFilter)
        button.setObjectName(f"choice_{key}")
        group.addButton(button)
        grid.addWidget(button, i // columns, i % columns)
    return box, group


def checked_key(group: QButtonGroup) -> str:
    button = group.checkedButton()
    return str(button.property("choice")) if button is not None else ""


def check_key(group: QButtonGroup, key: str) -> None:
    for button in group.buttons():
        if button.property("choice") == key:
            button.setChecked(True)
            return
    checked = group.checkedButton()
    if checked is not None:
        group.setExclusive(False)
        checked.setChecked(False)
        group.setExclusive(True)


class TownshipSearch(QWidget):
    """A township typed by name or code, looked up on the DB worker; `code()` is '' until one is chosen."""

    sig_changed = Signal()

    def __init__(self, services: Any, tasks: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._tasks = tasks
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit(self)
        self.edit.setMinimumHeight(TOUCH_HEIGHT)
        self.edit.setPlaceholderText(self.tr("乡镇名称或12位代码"))
        self.edit.setAccessibleName(self.tr("乡镇"))
        self.results = touch_list(QListWidget(self))
        self.results.setAccessibleName(self.tr("乡镇查找结果"))
        self.results.setMaximumHeight(160)
        self.note = NoteLabel(self)  # said when the matches are only near what was typed
        self.note.setObjectName("township_suggestion")
        layout.addWidget(self.edit)
        layout.addWidget(self.note)
        layout.addWidget(self.results)
        self._timer = QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self._on_timer_timeout)
        self.edit.textEdited.connect(self._on_edit_text_edited)
        self.results.itemSelectionChanged.connect(self.sig_changed)

    def code(self) -> str:
        item = self.results.currentItem() if self.results.selectedItems() else None
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else ""

    def label(self) -> str:
        item = self.results.currentItem() if self.results.selectedItems() else None
        return item.text() if item is not None else ""

    def clear(self) -> None:
        self._timer.stop()
        self.edit.clear()
        self.results.clear()
        self.note.clear()

    def _on_edit_text_edited(self, _text: str) -> None:
        self.results.clear()
        self.note.clear()
        self.sig_changed.emit()
        self._timer.start()

    def _on_timer_timeout(self) -> None:
        text = self.edit.text().strip()
        if not text:
            return
        wizards = self._services.wizards
        self._tasks.run(lambda: wizards.township_matches(text),
                        on_done=lambda found: self._show(found.towns, text, suggested=found.suggested),
                        key=f"township-{id(self)}", owner=self, wait_if_busy=True)

    def restore(self, text: str, code: str = "", label: str = "") -> None:
        """Show a township answered before (on a page rebuilt after a language switch): the text
        typed, the township picked, and the matches for the text looked up again."""
        self._timer.stop()
        self.edit.setText(text)
        self.results.clear()
        self.note.clear()
        if code:
            item = QListWidgetItem(label or code)
            item.setData(Qt.ItemDataRole.UserRole, code)
            self.results.addItem(item)
            self.results.setCurrentItem(item)
        if text.strip():
            self._on_timer_timeout()

    def _show(self, towns: list[Any], query: str | None = None, *, suggested: bool = False) -> None:
        if query is not None and query != self.edit.text().strip():
            return  # typed over or cleared (Restart) while it was looked up
        # none is called so (龙凤山乡, 龙风山): the near ones wait for the person to pick one, even a single one
        self.note.setText(self.tr("没有叫“%1”的乡镇。您是不是要找下面的乡镇？请点选确认。").replace("%1", query or "")
                          if suggested and towns else "")
        chosen = self.code()  # one picked before the matches were looked up again stays picked
        self.results.blockSignals(True)
        self.results.clear()
        for town in towns:
            item = QListWidgetItem(town.label)
            item.setData(Qt.ItemDataRole.UserRole, town.code)
            self.results.addItem(item)
            if chosen and town.code == chosen:
                self.results.setCurrentItem(item)
        if len(towns) == 1 and not suggested:
            self.results.setCurrentRow(0)
        self.results.blockSignals(False)
        self.sig_changed.emit()


class NoteLabel(QLabel):
    """A line of the footer (what is missing, what was done) that takes no room while it says nothing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.hide()

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setVisible(bool(text))

    def clear(self) -> None:
        self.setText("")


class StepStack(QWidget):
    """The steps, one on show at a time (QStackedWidget's calls the page uses). Unlike QStackedWidget
    only the step on show counts for the size: a tall later step (a list of groups) does not make the
    first one (a single text field) scroll."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._widgets: list[QWidget] = []
        self._current: QWidget | None = None

    def addWidget(self, widget: QWidget) -> int:
        self._widgets.append(widget)
        self._layout.addWidget(widget)
        if self._current is None:
            self._current = widget
        else:
            widget.hide()
        return len(self._widgets) - 1

    def setCurrentWidget(self, widget: QWidget) -> None:
        if widget not in self._widgets:
            raise ValueError("not a step of this stack")
        self._current = widget
        widget.show()  # before the others hide, so that focus does not wander off the page
        for other in self._widgets:
            if other is not widget:
                other.hide()

    def currentWidget(self) -> QWidget | None:
        return self._current

    def count(self) -> int:
        return len(self._widgets)

    def widget(self, index: int) -> QWidget | None:
        return self._widgets[index] if 0 <= index < len(self._widgets) else None

    def indexOf(self, widget: QWidget) -> int:
        return self._widgets.index(widget) if widget in self._widgets else -1


@dataclass
class FlowState:
    """A wizard page's state over a language switch (`pages.KeepsState`): the walk through the flow,
    the outcome, the work still running; no widget and no translated text."""

    session: WizardSession
    outcome: Outcome | None = None
    compute_task: int | None = None  # the outcome still being computed on the DB worker
    record_task: int | None = None  # the visit still being logged
    note: tuple[str, int, str] = ("", 0, "")  # what the status line said (see FlowPage._say)
    basket_enabled: bool = True  # False once the outcome was added to the report
    record_enabled: bool = True  # False once the visit was logged
    client: str = ""  # the client (服务对象) typed for the service record
    extras: dict[str, Any] = field(default_factory=dict)  # a page's own (save_extras)


class FlowPage(QWidget):
    """A wizard-like page: steps in a stack, Back/Next, summary, result and its actions."""

    sig_outcome_ready = Signal(object)  # the Outcome
    sig_open_record = Signal(str, object)  # kind, record id (a place id is a 12-digit code: no C++ int)

    flow: Flow

    def __init__(self, services: Any, tasks: Any, basket: ReportBasket, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.tasks = tasks
        self.basket = basket
        self.lang = lang
        self.session = WizardSession(self.flow)
        self.outcome: Outcome | None = None
        self._compute_task: int | None = None
        self._record_task: int | None = None
        self._note: tuple[str, int, str] = ("", 0, "")
        self._steps: dict[str, QWidget] = {}
        self._loading_step = False  # load_step is showing the draft: widget signals must not copy it back
        self._build_frame()
        for step in self.flow.questions:
            widget = self.build_step(step) if step != SUMMARY else self._build_summary()
            widget.setObjectName(f"step_{step}")
            self._steps[step] = widget
            self.stack.addWidget(widget)
            for button in widget.findChildren(QAbstractButton):
                if button.property(OWNS_ENTER):
                    button.installEventFilter(self)
        summary = getattr(self, "summary_view", None)
        if summary is not None:
            summary.installEventFilter(self)
        self._order_tab_chain()
        self._show_current()

    def _order_tab_chain(self) -> None:
        """Tab as the page reads, top to bottom: a step's fields, then the footer. The footer is built
        before the steps, so Qt's order (the order of creation) had put it first: from the last field Tab
        went to the navigation, and Next was 4–5 Tabs away. After the fields comes Next (the step's
        action); on the result step the result, the "log this visit" row above the buttons, then the
        buttons left to right (Next is hidden there)."""
        fields: list[QWidget] = []
        widget = self.nextInFocusChain()
        while widget is not None and widget is not self:
            if self.stack.isAncestorOf(widget) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                fields.append(widget)
            widget = widget.nextInFocusChain()
        footer = (self.result_view, self.client_edit, self.client_offer, self.record_button, self.next_button,
                  self.back_button, self.restart_button, self.basket_button, self.reports_button)
        for first, second in itertools.pairwise([*fields[-1:], *footer]):
            QWidget.setTabOrder(first, second)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter on a choice chooses it and goes on; Enter on the summary shows the result (as the
        text steps' Enter goes on): Ctrl+Enter is no longer the only key for these steps."""
        if not is_plain_enter(event):
            return super().eventFilter(watched, event)
        if isinstance(watched, QAbstractButton) and watched.property(OWNS_ENTER):
            if watched.isCheckable() and not watched.isChecked():
                watched.click()
            self._on_next_clicked()
            return True
        if watched is self.summary_view:
            self._on_next_clicked()
            return True
        return super().eventFilter(watched, event)

    # --- what a subclass provides -------------------------------------------------------------

    def build_step(self, step: str) -> QWidget:
        raise NotImplementedError

    def apply_step(self, step: str) -> None:
        """Copy the step's widget values into `self.session.data`."""

    def load_step(self, step: str) -> None:
        """Show `self.session.data` in the step's widgets (after Back or a restart)."""

    def reset_steps(self) -> None:
        """Empty every step's widgets (Restart: the next client starts from nothing)."""

    def missing_hint(self) -> str:
        """What the current step still needs, said next to a disabled Next button."""
        return "\n".join(p(self.lang) for p in self.session.problems())

    def compute(self, data: dict[str, Any]) -> Callable[[], Outcome]:
        """The call (run on the DB worker) that turns the answers into an outcome."""
        raise NotImplementedError

    def save_extras(self) -> dict[str, Any]:
        """What the steps show beyond `session.data` that a rebuilt page should show again."""
        return {}

    def restore_extras(self, extras: dict[str, Any]) -> None:
        """Show `save_extras()`'s values (after every step has loaded the draft)."""

    # --- over a language switch ---------------------------------------------------------------

    def save_state(self) -> FlowState:
        session = self.session
        return FlowState(
            session=WizardSession(self.flow, dict(session.data), list(session.history), session.current),
            outcome=self.outcome,
            compute_task=self._compute_task if self.tasks.is_running(self._compute_task) else None,
            record_task=self._record_task if self.tasks.is_running(self._record_task) else None,
            note=self._note,
            basket_enabled=self.basket_button.isEnabled(),
            record_enabled=self.record_button.isEnabled(),
            client=self.client_edit.text(),
            extras=self.save_extras(),
        )

    def restore_state(self, state: FlowState) -> None:
        """Carry on where the page before the switch was: the same step with every answer on its
        step, and the outcome (or the one still being computed) shown in this page's language."""
        old = state.session
        self.session = WizardSession(self.flow, dict(old.data), list(old.history), old.current)
        self._loading_step = True
        try:
            for step in self.session.history:  # what Back returns to shows its answer
                if step in self._steps and step != SUMMARY:
                    self.load_step(step)
        finally:
            self._loading_step = False
        self._show_current()
        self._loading_step = True
        try:
            self.restore_extras(state.extras)
        finally:
            self._loading_step = False
        self._update_buttons()
        self.client_edit.setText(state.client)
        if state.outcome is not None:
            self.outcome = state.outcome
            self._show_outcome(state.outcome)
            self.basket_button.setEnabled(state.basket_enabled)
            self.record_button.setEnabled(state.record_enabled)
            self.client_edit.setReadOnly(not state.record_enabled)
            if self.tasks.adopt(state.record_task, on_done=self._on_recorded, on_error=self._on_record_failed):
                self._record_task = state.record_task
            self._say(*state.note)
        elif self.tasks.adopt(state.compute_task, on_done=self._on_outcome, on_error=self._on_compute_failed):
            self._compute_task = state.compute_task
            self.next_button.setEnabled(False)
            self.next_hint.hide()
            self._say("computing")

    # --- frame --------------------------------------------------------------------------------

    def _build_frame(self) -> None:
        # The step (its question, its widgets, the result) scrolls in the body; the footer below it
        # (what is missing, the status line, "log this visit", Back / Next) always shows in full.
        layout = QVBoxLayout(self)
        self.body = QScrollArea(self)
        self.body.setObjectName("wizard_body")
        self.body.setWidgetResizable(True)
        self.body.setFrameShape(QScrollArea.Shape.NoFrame)
        self.body.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes through the step, not the frame
        body = QWidget(self.body)
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        self.footer = QWidget(self)
        self.footer.setObjectName("wizard_footer")
        footer_layout = QVBoxLayout(self.footer)
        footer_layout.setContentsMargins(0, 0, 0, 0)
        footer = self.footer

        self.title_label = QLabel(wizard_page_title(self.flow.name, self.lang), body)
        self.title_label.setObjectName("wizard_title")
        self.title_label.setWordWrap(True)
        self.title_label.setProperty("role", "heading")
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title_label.setFont(font)
        self.question_label = QLabel(body)
        self.question_label.setWordWrap(True)
        qfont = self.question_label.font()
        qfont.setPointSizeF(qfont.pointSizeF() * 1.2)
        self.question_label.setFont(qfont)
        self.help_label = QLabel(body)
        self.help_label.setWordWrap(True)
        self.stack = StepStack(body)
        self.result_view = QTextBrowser(body)
        self.result_view.setObjectName("result")
        self.result_view.setOpenLinks(False)
        self.result_view.anchorClicked.connect(self._on_result_anchor_clicked)
        self.result_view.setAccessibleName(self.tr("结果"))
        self.result_view.hide()
        self.problem_label = NoteLabel(footer)
        self.problem_label.setObjectName("problems")
        self.problem_label.setProperty("role", "error")  # the theme's error colour (bright on high contrast)
        self.status_label = NoteLabel(footer)

        nav = QHBoxLayout()
        self.back_button = touch_button(self.tr("上一步(&B)"), footer)
        self.back_button.setObjectName("back")
        self.back_button.setToolTip(self.tr("返回上一步（Alt+←）"))
        self.restart_button = touch_button(self.tr("重新开始(&S)"), footer)
        self.restart_button.setObjectName("restart")
        self.basket_button = touch_button(self.tr("加入报告(&A)"), footer)
        self.basket_button.setObjectName("add_to_basket")
        self.reports_button = touch_button(self.tr("打开报告页(&O)"), footer)
        self.reports_button.setObjectName("open_reports")
        self.record_bar = self._build_record_bar(footer)
        self.next_button = touch_button(self.tr("下一步(&N)"), footer)
        self.next_button.setObjectName("next")
        # the keys that go on, Enter on a choice or the summary among them (they had been said nowhere)
        self.next_button.setToolTip(self.tr("下一步：Ctrl+Enter 或 Alt+→；在选项或回答摘要上按回车键也可以"))
        # Why Next is disabled, beside it (a disabled button says nothing when pressed).
        self.next_hint = QLabel(footer)
        self.next_hint.setObjectName("next_hint")
        self.next_hint.setWordWrap(True)
        self.next_hint.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.next_hint.hide()
        for button in (self.back_button, self.restart_button, self.basket_button, self.reports_button):
            nav.addWidget(button)
        nav.addStretch(1)
        nav.addWidget(self.next_hint, 2)
        nav.addWidget(self.next_button)

        body_layout.addWidget(self.title_label)
        body_layout.addWidget(self.question_label)
        body_layout.addWidget(self.help_label)
        body_layout.addWidget(self.stack, 1)
        body_layout.addWidget(self.result_view, 1)
        self.body.setWidget(body)
        footer_layout.addWidget(self.problem_label)
        footer_layout.addWidget(self.status_label)
        footer_layout.addWidget(self.record_bar)
        footer_layout.addLayout(nav)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.footer)

        self.back_button.clicked.connect(self._on_back_clicked)
        self.next_button.clicked.connect(self._on_next_clicked)
        self.restart_button.clicked.connect(self._on_restart_clicked)
        self.basket_button.clicked.connect(self._on_basket_clicked)
        self.reports_button.clicked.connect(self._on_reports_clicked)
        self.record_button.clicked.connect(self._on_record_clicked)
        for keys, slot in (("Alt+Left", self._on_back_clicked), ("Alt+Right", self._on_next_clicked),
                           ("Ctrl+Return", self._on_next_clicked), ("Ctrl+Enter", self._on_next_clicked)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    def heightForWidth(self, width: int) -> int:
        """The height the window's frame has to give the page: the body scrolls in whatever is left,
        so only its smallest height counts, and the footer's in full (its wrapped lines at `width`)."""
        layout = self.layout()
        if layout is None:
            return super().heightForWidth(width)
        margins = layout.contentsMargins()
        inner = width - margins.left() - margins.right()
        footer = self.footer.heightForWidth(inner) if self.footer.hasHeightForWidth() else -1
        if footer < 0:
            footer = self.footer.sizeHint().height()
        return (margins.top() + margins.bottom() + layout.spacing()
                + self.body.minimumSizeHint().height() + footer)

    def _build_record_bar(self, parent: QWidget) -> QWidget:
        """The result step's "log this visit": whom the staff served (optional) and the log button."""
        bar = QWidget(parent)
        bar.setObjectName("record_bar")
        row = QHBoxLayout(bar)
        row.setContentsMargins(0, 0, 0, 0)
        label = QLabel(self.tr("服务对象(&C)"), bar)
        self.client_edit = QLineEdit(bar)
        self.client_edit.setObjectName("client")
        self.client_edit.setMinimumHeight(TOUCH_HEIGHT)
        self.client_edit.setPlaceholderText(self.tr("如：某某镇大米专业合作社"))
        self.client_edit.setAccessibleName(self.tr("服务对象"))
        self.client_edit.setAccessibleDescription(self.tr("选填：记入服务台账的服务对象。按回车键即记入服务台账。"))
        self.client_edit.setToolTip(self.tr("选填。按回车键即记入服务台账。"))
        self.client_edit.setMaxLength(200)
        label.setBuddy(self.client_edit)
        # the client typed on the Reports page this session, offered (never filled in unasked: it may be
        # the last visitor's)
        self.client_offer = touch_button("", bar)
        self.client_offer.setObjectName("client_offer")
        self.client_offer.hide()
        self.record_button = touch_button(self.tr("记入服务台账(&L)"), bar)
        self.record_button.setObjectName("log_service")
        row.addWidget(label)
        row.addWidget(self.client_edit, 1)
        row.addWidget(self.client_offer)
        row.addWidget(self.record_button)
        row.addStretch(1)
        self.client_edit.returnPressed.connect(self._on_client_return_pressed)
        self.client_edit.textChanged.connect(lambda _text: self._on_client_text_changed())
        self.client_offer.clicked.connect(self._on_client_offer_clicked)
        QWidget.setTabOrder(self.client_edit, self.client_offer)
        QWidget.setTabOrder(self.client_offer, self.record_button)
        bar.hide()
        return bar

    def _build_summary(self) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        self.summary_view = QTextBrowser(box)
        self.summary_view.setObjectName("summary")
        self.summary_view.setAccessibleName(self.tr("您的回答"))
        layout.addWidget(self.summary_view)
        return box

    # --- navigation ---------------------------------------------------------------------------

    def changed(self) -> None:
        """A step's widget changed: copy it into the draft and re-check the step."""
        if self._loading_step:
            return
        if self.outcome is None and self.session.current in self._steps:
            self.apply_step(self.session.current)
            self._update_buttons()

    def _show_current(self) -> None:
        step = self.session.current
        question = self.flow.questions[step]
        self.question_label.setText(question.title(self.lang))
        self.help_label.setText(question.help(self.lang))
        self.help_label.setVisible(bool(question.help(self.lang)))
        if step == SUMMARY:
            self.summary_view.setHtml(self._summary_html())
        else:
            self._loading_step = True
            try:
                self.load_step(step)
            finally:
                self._loading_step = False
        self.stack.setCurrentWidget(self._steps[step])
        self.stack.show()
        self.result_view.hide()
        self.body.verticalScrollBar().setValue(0)  # a new step starts at its question
        self.problem_label.clear()
        self._update_buttons()
        focus = first_focusable(self._steps[step])
        if focus is not None:
            focus.setFocus()

    def _update_buttons(self) -> None:
        showing_result = self.outcome is not None
        self.back_button.setEnabled(showing_result or self.session.can_go_back())
        self.next_button.setVisible(not showing_result)
        self.next_button.setEnabled(self.session.can_go_next())
        hint = "" if showing_result or self.next_button.isEnabled() else self.missing_hint()
        self.next_hint.setText(hint)
        self.next_hint.setVisible(bool(hint))
        self.next_button.setText(self.tr("查看结果(&R)") if self.session.at_summary else self.tr("下一步(&N)"))
        for button in (self.basket_button, self.reports_button):
            button.setVisible(showing_result)
        self.record_bar.setVisible(showing_result)
        self.restart_button.setVisible(showing_result or self.session.can_go_back())

    def _on_next_clicked(self) -> None:
        if self.outcome is not None or not self.next_button.isEnabled():
            problems = self.session.problems()
            if problems:
                self.show_problem("\n".join(p(self.lang) for p in problems))
            return
        self.apply_step(self.session.current)
        problems = self.session.problems()
        if problems:
            self.show_problem("\n".join(p(self.lang) for p in problems))
            return
        if self.session.go_next() is None:
            self._run_compute()
            return
        self._show_current()

    def _on_back_clicked(self) -> None:
        if self.outcome is not None:
            self.outcome = None
            self._show_current()  # back from the result to the summary
            return
        if not self.session.can_go_back():
            return
        self.apply_step(self.session.current)
        self.session.go_back()
        self._show_current()

    def _on_restart_clicked(self) -> None:
        self.outcome = None
        self.session.restart()
        self._say()
        self.client_edit.clear()  # the next client starts from nothing
        self.client_edit.setReadOnly(False)
        self._loading_step = True
        try:
            self.reset_steps()
        finally:
            self._loading_step = False
        self._show_current()

    # --- result -------------------------------------------------------------------------------

    def _run_compute(self) -> None:
        self.next_button.setEnabled(False)
        self.next_hint.hide()
        self._say("computing")
        job = self.compute(dict(self.session.data))
        self._compute_task = self.tasks.run(job, on_done=self._on_outcome, on_error=self._on_compute_failed,
                                            key=f"wizard-{self.flow.name}", wait_if_busy=True)

    def _on_outcome(self, outcome: Outcome) -> None:
        self._compute_task = None
        self.outcome = outcome
        self._say()
        self._show_outcome(outcome)
        self.basket_button.setEnabled(True)
        self.record_button.setEnabled(getattr(self.services, "reports", None) is not None)
        self.client_edit.setReadOnly(False)
        self.result_view.setFocus()
        self.sig_outcome_ready.emit(outcome)

    def _show_outcome(self, outcome: Outcome) -> None:
        """The result step: the outcome rendered in this page's language."""
        self.question_label.setText(self.tr("结果"))
        self.help_label.hide()
        self.stack.hide()
        self.result_view.setHtml(outcome_html(outcome, self.lang, high_contrast=self._high_contrast()))
        self.result_view.show()
        self.body.verticalScrollBar().setValue(0)
        self.problem_label.clear()
        self._update_buttons()
        self._offer_report_client()

    def _high_contrast(self) -> bool:
        """The saved setting (the window rebuilds its pages when it changes)."""
        return bool(getattr(getattr(self.services, "settings", None), "high_contrast", False))

    def _say(self, note: str = "", number: int = 0, client: str = "") -> None:
        """The status line, named by what it says so that a page rebuilt in another language can
        say it again: computing | added | no_record | recorded (`number`: the entry, `client`: whom
        it was for) | '' (nothing)."""
        self._note = (note, number, client)
        if client:
            recorded = self.tr("已记入服务台账（第 %1 条，服务对象：%2）。").replace("%1", str(number)).replace("%2", client)
        else:
            recorded = self.tr("已记入服务台账（第 %1 条）。").replace("%1", str(number))
        texts = {
            "computing": self.tr("正在分析……"),
            "added": self.tr("已加入报告。可在“报告”页导出或打印。"),
            "no_record": self.tr("服务台账功能不可用。"),
            "recorded": recorded,
        }
        self.status_label.setText(texts.get(note, ""))
        announce(self.status_label)

    def show_problem(self, text: str) -> None:
        """What keeps the step from going on (or what failed), under the buttons, and said at once."""
        self.problem_label.setText(text)
        announce(self.problem_label)

    def _on_compute_failed(self, error: BaseException) -> None:
        self._compute_task = None
        self._on_compute_error(error)

    def _on_record_failed(self, error: BaseException) -> None:
        self._record_task = None
        self._on_compute_error(error)
        self.record_button.setEnabled(True)  # nothing was logged: the staff may try again
        self.client_edit.setReadOnly(False)

    def _on_compute_error(self, error: BaseException) -> None:
        self._say()
        self.show_problem(error_text(error, self.lang, doing=f"in wizard {self.flow.name}"))
        self._update_buttons()

    def _on_basket_clicked(self) -> None:
        if self.outcome is None:
            return
        # the title carries the wizard and its answer; the outcome's code (gi_product, no_data) is not for people;
        # the client typed for it goes with it (the Reports page and the report name them)
        self.basket.add(BasketItem(kind="wizard", ref_id=0, title=self.outcome.title(self.lang), payload=self.outcome,
                                   client=self._client_typed()))
        self.basket_button.setEnabled(False)
        self._say("added")

    def _on_reports_clicked(self) -> None:
        window = self.window()
        show_page = getattr(window, "show_page", None)
        if callable(show_page):
            show_page("reports")

    def _on_record_clicked(self) -> None:
        """Log the visit to the service record (服务台账): the wizard's standard purpose, the outcome
        as its result, the questions and answers as its detail (services.reports)."""
        reports = getattr(self.services, "reports", None)
        record = getattr(reports, "record_wizard_visit", None)
        if self.outcome is None or not callable(record):
            self._say("no_record")
            return
        outcome = self.outcome
        lang = self.lang
        client = self._client_typed()

        def job() -> tuple[int, str]:
            return int(record(outcome, lang, client=client)), client

        self.record_button.setEnabled(False)
        self.client_edit.setReadOnly(True)  # it shows whom the visit was logged for
        self._record_task = self.tasks.run(job, on_done=self._on_recorded, on_error=self._on_record_failed,
                                           key=f"record-{self.flow.name}")

    def _client_typed(self) -> str:
        """The client as typed, without stray spaces."""
        return " ".join(self.client_edit.text().split())

    def _on_client_text_changed(self) -> None:
        """A client typed after the result went into the report: the report's item is for them too."""
        if self.outcome is not None:
            self.basket.set_client(self.outcome, self._client_typed())
        self._offer_report_client()

    def _on_recorded(self, done: tuple[int, str]) -> None:
        self._record_task = None
        record_id, client = done
        self._say("recorded", record_id, client)

    def _on_client_return_pressed(self) -> None:
        """Enter in the client field logs the visit, as the button beside it does."""
        if self.outcome is not None and self.record_button.isEnabled() and self.record_bar.isVisible():
            self._on_record_clicked()

    def _reports_page_client(self) -> str:
        """The client typed on the Reports page this session, asked of the window that hosts both
        pages ('' when there is none, or no such window)."""
        window = self.window()
        ask = getattr(window, "report_client", None) if window is not self else None
        return str(ask() or "").strip() if callable(ask) else ""

    def _offer_report_client(self) -> None:
        """Offer the Reports page's client when the field does not hold it yet and the visit is not logged."""
        name = self._reports_page_client() if self.outcome is not None else ""
        offer = bool(name) and not self.client_edit.isReadOnly() and self.client_edit.text().strip() != name
        if offer:
            shown = self.client_offer.fontMetrics().elidedText(
                name, Qt.TextElideMode.ElideMiddle, self.client_offer.fontMetrics().horizontalAdvance("中") * 12)
            self.client_offer.setText(self.tr("填入“%1”").replace("%1", shown))
            self.client_offer.setToolTip(as_plain(self.tr("填入“报告”页上的服务对象：%1").replace("%1", name)))
            self.client_offer.setAccessibleName(self.tr("填入“报告”页上的服务对象：%1").replace("%1", name))
            self.client_offer.setProperty("client", name)
        self.client_offer.setVisible(offer)

    def _on_client_offer_clicked(self) -> None:
        name = str(self.client_offer.property("client") or "")
        if name and not self.client_edit.isReadOnly():
            self.client_edit.setText(name)
            self.client_edit.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        """Back on the page (after the Reports page, say): offer the client typed there now."""
        super().showEvent(event)
        self._offer_report_client()

    def _on_result_anchor_clicked(self, url: QUrl) -> None:
        if url.scheme() != "record":
            return
        kind, _, ref = url.path().partition("/")
        if kind in RECORD_KINDS and ref.isdigit():
            self.sig_open_record.emit(kind, int(ref))

    def _summary_html(self) -> str:
        rows = "".join(
            f"<tr><td><b>{html.escape(a.question(self.lang))}</b></td><td>{html.escape(a.value(self.lang))}</td></tr>"
            for a in self.session.answers()
        )
        hint = html.escape(self.tr("如需修改，请按“上一步”。确认无误后按“查看结果”或回车键。"))
        return f"<table cellpadding='6'>{rows}</table><p>{hint}</p>"


def outcome_html(outcome: Outcome, lang: str, *, high_contrast: bool = False) -> str:
    """The outcome as rich text for the result view (the report renders its own layout); the headline
    in its level's colour, the bright one on high contrast's black."""
    sec = outcome.to_report_section(lang)
    en = is_english(lang)

    def label(zh: str, english: str) -> str:
        return html.escape(english if en else zh)

    def items(values: list[str], ordered: bool = False) -> str:
        tag = "ol" if ordered else "ul"
        return f"<{tag}>" + "".join(f"<li>{html.escape(v)}</li>" for v in values) + f"</{tag}>"

    colour = level_colour(outcome.level, high_contrast)
    parts = [f"<h2 style='color:{colour}'>{html.escape(sec['headline'])}</h2>",
             f"<p>{html.escape(sec['explanation'])}</p>"]
    if sec["answers"]:
        parts.append(f"<h3>{label('您的回答', 'Your answers')}</h3><table cellpadding='4'>" + "".join(
            f"<tr><td>{html.escape(q)}</td><td><b>{html.escape(a)}</b></td></tr>" for q, a in sec["answers"]) + "</table>")
    if sec["next_steps"]:
        parts.append(f"<h3>{label('下一步怎么做', 'What to do next')}</h3>" + items(sec["next_steps"], ordered=True))
    if sec["office"]:
        parts.append(f"<h3>{label('到哪里办', 'Where to go')}</h3><p>{html.escape(sec['office'])}</p>")
    if sec["checklist"]:
        parts.append(f"<h3>{label('要带的材料', 'Documents to bring')}</h3>")
        for group in sec["checklist_groups"]:  # one untitled part, or a titled part per route
            if group["title"]:
                parts.append(f"<p><b>{html.escape(group['title'])}</b></p>")
            parts.append("".join(f"<p style='margin-left:16px'>☐ {html.escape(c)}</p>" for c in group["items"]))
    if sec["findings"]:
        parts.append(f"<h3>{label('依据的记录', 'Records found')}</h3><ul>")
        for f in sec["findings"]:  # every one the result lists (the patent finder: MAX_LISTED), as its headline says
            title = html.escape(f["title"])
            if f["kind"] in RECORD_KINDS and f["ref_id"]:
                title = f"<a href='record:{f['kind']}/{f['ref_id']}'>{title}</a>"
            reasons = "".join(f"<br/>· {html.escape(r)}" for r in f["reasons"])
            parts.append(f"<li><b>{title}</b> {html.escape(f['subtitle'])} "
                         f"<i>[{html.escape(f['group_label'])}]</i>{reasons}</li>")
        parts.append("</ul>")
    if sec["rules"]:
        parts.append(f"<h3>{label('规则依据', 'Rules')}</h3>" + items(sec["rules"]))
    if sec["notes"]:
        parts.append(f"<h3>{label('说明', 'Notes')}</h3>" + items(sec["notes"]))
    parts.append(f"<p><small>{html.escape(sec['disclaimer'])}</small></p>")
    if sec["data_as_of"]:
        parts.append(f"<p><small>{label('数据截至：', 'Data as of: ')}{html.escape(sec['data_as_of'])}</small></p>")
    return "".join(parts)


def set_checked_buttons(buttons: list[QAbstractButton], keys: set[str]) -> None:
    for button in buttons:
        button.setChecked(str(button.property("choice")) in keys)
