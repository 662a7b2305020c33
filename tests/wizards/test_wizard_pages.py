"""The three wizard pages driven with qtbot: full paths, Back everywhere, keyboard, basket, English."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTranslator, QUrl
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from ipdesk.domain.basket import ReportBasket
from ipdesk.ui.tasks import TaskRunner
from ipdesk.ui.wizards.base import TOUCH_HEIGHT
from ipdesk.ui.wizards.brand_wizard import BrandCheckPage
from ipdesk.ui.wizards.gi_wizard import GiCheckPage
from ipdesk.ui.wizards.patent_wizard import PatentFinderPage

# The offscreen platform warns whenever a top-level window's size constraints change (test platform noise).


def make(cls: type, services: Any, tasks: TaskRunner, qtbot: Any, lang: str = "zh_CN") -> Any:
    page = cls(services, tasks, ReportBasket(), lang, None)
    qtbot.addWidget(page)
    page.resize(900, 700)
    page.show()
    return page


def type_text(widget: Any, text: str) -> None:
    """Type Chinese as an input method does (QTest's key clicks only know ASCII)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def button(page: Any, name: str) -> QPushButton:
    found = page.findChild(QPushButton, name)
    assert found is not None, name
    return found


def test_cooperative_in_wuchang_reaches_the_special_mark(shared_services: Any, tasks: TaskRunner, qtbot: Any) -> None:
    started = time.perf_counter()
    page = make(GiCheckPage, shared_services, tasks, qtbot)
    assert not page.next_button.isEnabled()  # no role chosen yet
    qtbot.mouseClick(button(page, "choice_cooperative"), Qt.MouseButton.LeftButton)
    assert page.next_button.isEnabled()
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    assert page.session.current == "product"
    type_text(page.product_edit, "大米")
    qtbot.waitUntil(lambda: page.gi_list.count() > 0, timeout=5000)
    names = [page.gi_list.item(i).text() for i in range(page.gi_list.count())]
    assert any(n.startswith("五常大米") for n in names)
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    assert page.session.current == "township"
    qtbot.keyClicks(page.township_edit, "230184100000")
    qtbot.waitUntil(lambda: page.township_list.count() == 1 and page.next_button.isEnabled(), timeout=5000)
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    assert page.session.at_summary
    summary = page.summary_view.toPlainText()
    assert "大米" in summary and "五常镇" in summary and "农民专业合作社" in summary
    assert page.next_button.text() == "查看结果(&R)"
    with qtbot.waitSignal(page.sig_outcome_ready, timeout=10000) as blocker:
        qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    outcome = blocker.args[0]
    assert outcome.code == "gi_product"
    assert time.perf_counter() - started < 60
    text = page.result_view.toPlainText()
    assert "五常大米" in text and "产地核验报告" in text and "县（市、区）知识产权局" in text
    # export and log buttons appear with the result
    assert page.basket_button.isVisible() and page.record_button.isVisible()
    qtbot.mouseClick(page.basket_button, Qt.MouseButton.LeftButton)
    assert len(page.basket) == 1 and page.basket.items[0].kind == "wizard"
    assert page.basket.items[0].payload is outcome
    # Back from the result returns to the summary, then through every step with answers kept
    qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)
    assert page.session.at_summary and not page.result_view.isVisible()
    qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)
    assert page.session.current == "product" and page.product_edit.text() == "大米"
    qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)
    assert page.session.current == "role" and button(page, "choice_cooperative").isChecked()


def test_every_button_is_touch_sized(shared_services: Any, tasks: TaskRunner, qtbot: Any) -> None:
    for cls in (GiCheckPage, BrandCheckPage, PatentFinderPage):
        page = make(cls, shared_services, tasks, qtbot)
        buttons = page.findChildren(QPushButton)
        assert buttons
        assert all(b.minimumHeight() >= TOUCH_HEIGHT for b in buttons), cls.__name__


def test_brand_check_by_keyboard_flags_the_county_name(shared_services: Any, tasks: TaskRunner, qtbot: Any) -> None:
    page = make(BrandCheckPage, shared_services, tasks, qtbot)
    page.name_edit.setFocus()
    type_text(page.name_edit, "五常香")
    qtbot.keyClick(page.name_edit, Qt.Key.Key_Return)
    assert page.session.current == "goods"
    page.class_combo.setFocus()
    page.class_combo.setCurrentIndex(page.class_combo.findData(30))
    qtbot.waitUntil(lambda: page.group_list.count() > 0, timeout=5000)
    item = next(page.group_list.item(i) for i in range(page.group_list.count())
                if page.group_list.item(i).data(Qt.ItemDataRole.UserRole) == "3008")
    page.group_list.setFocus()
    page.group_list.setCurrentItem(item)
    qtbot.keyClick(page.group_list, Qt.Key.Key_Return)  # Enter ticks the row
    assert page.session.data["groups"] == ("3008",)
    qtbot.mouseClick(page.group_list.viewport(), Qt.MouseButton.LeftButton,
                     pos=page.group_list.visualItemRect(item).center())  # a tap on the row unticks it
    assert page.session.data["groups"] == ()
    qtbot.keyClick(page.group_list, Qt.Key.Key_Return)
    assert page.session.data["groups"] == ("3008",)
    qtbot.keyClick(page, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert page.session.at_summary
    with qtbot.waitSignal(page.sig_outcome_ready, timeout=10000) as blocker:
        qtbot.keyClick(page, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert blocker.args[0].code == "very_likely_refused"
    assert "五常市" in page.result_view.toPlainText()
    qtbot.keyClick(page, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert page.session.at_summary


def test_patent_finder_in_english_with_synthetic_patents(synthetic_services: Any, tasks: TaskRunner, qtbot: Any) -> None:
    page = make(PatentFinderPage, synthetic_services, tasks, qtbot, lang="en")
    assert page.question_label.text() == "Which crop or animal?"
    rice = next(page.crop_list.item(i) for i in range(page.crop_list.count())
                if page.crop_list.item(i).text() == "Rice")
    qtbot.mouseClick(page.crop_list.viewport(), Qt.MouseButton.LeftButton,
                     pos=page.crop_list.visualItemRect(rice).center())
    assert page.crop_edit.text() == "水稻"
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button(page, "choice_harvesting"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.sig_outcome_ready, timeout=10000) as blocker:
        qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    outcome = blocker.args[0]
    assert outcome.code == "found"
    text = page.result_view.toPlainText()
    assert "expired or lapsed" in text and "Utility-model patent" in text
    assert "一种测试用水稻收获装置" in text


def test_log_to_the_service_record(synthetic_services: Any, tasks: TaskRunner, qtbot: Any) -> None:
    page = make(BrandCheckPage, synthetic_services, tasks, qtbot)
    page.session.data.update({"name": "测试甲", "nice_class": 30, "groups": ("3008",)})
    page.session.current = "summary"
    page.session.history[:] = ["name", "goods"]
    page._show_current()
    with qtbot.waitSignal(page.sig_outcome_ready, timeout=10000):
        qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    assert page.outcome is not None and page.outcome.code == "same_mark_refused"
    qtbot.mouseClick(page.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "服务台账" in page.status_label.text(), timeout=5000)
    entries = synthetic_services.reports.service_entries()
    # the standard purpose the ledger counts by; the questions and answers kept as the detail
    assert entries and entries[0].purpose == "商标注册咨询" and "很可能被驳回" in entries[0].outcome
    assert entries[0].detail.startswith("商标核查：") and "测试甲" in entries[0].detail  # the rail's name


ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "wizards_en.ts"


@pytest.fixture
def english_translator(tmp_path: Path) -> Iterator[None]:
    """wizards_en.ts compiled afresh and installed for one test."""
    qm = tmp_path / "wizards_en.qm"
    subprocess.run([str(ROOT / ".venv" / "bin" / "pyside6-lrelease"), str(TS), "-qm", str(qm)], check=True,
                   capture_output=True)
    translator = QTranslator()
    assert translator.load(str(qm))
    app = QApplication.instance()
    assert app is not None
    app.installTranslator(translator)
    yield
    app.removeTranslator(translator)


def test_translation_file_is_complete() -> None:
    text = TS.read_text(encoding="utf-8")
    assert text.count("<source>") >= 30
    assert 'type="unfinished"' not in text and "<translation></translation>" not in text


def test_pages_in_english(shared_services: Any, tasks: TaskRunner, qtbot: Any, english_translator: None) -> None:
    page = make(GiCheckPage, shared_services, tasks, qtbot, lang="en")
    assert page.next_button.text() == "&Next" and page.back_button.text() == "&Back"
    assert page.question_label.text() == "Who is asking?"
    assert button(page, "choice_cooperative").text() == "Farmers' cooperative"
    brand = make(BrandCheckPage, shared_services, tasks, qtbot, lang="en")
    assert brand.class_combo.itemText(1).startswith("Class 30: rice")
    assert page.next_hint.text() == "Choose who is asking."
    type_text(brand.name_edit, "Golden Harvest")
    qtbot.mouseClick(brand.next_button, Qt.MouseButton.LeftButton)
    assert brand.next_hint.text() == "Choose the class of goods."


def test_township_picked_level_by_level_and_records_open(shared_services: Any, tasks: TaskRunner, qtbot: Any) -> None:
    page = make(GiCheckPage, shared_services, tasks, qtbot)
    page.session.data.update({"role": "farmer", "product": "大米"})
    page.session.history[:] = ["role", "product"]
    page.session.current = "township"
    page._show_current()
    assert not page.next_button.isEnabled()
    combos = page.region_picker.combos
    for level, code in enumerate(("230000000000", "230100000000", "230184000000", "230184100000")):
        qtbot.waitUntil(lambda lv=level, c=code: combos[lv].findData(c) > 0, timeout=5000)
        combos[level].setCurrentIndex(combos[level].findData(code))
        if level < 3:
            assert not page.next_button.isEnabled()  # a county is not a township
    assert page.session.data["township_code"] == "230184100000"
    assert page.session.data["township_label"].endswith("五常镇")
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.sig_outcome_ready, timeout=10000) as blocker:
        qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    gi = next(f for f in blocker.args[0].findings if f.kind == "gi")
    with qtbot.waitSignal(page.sig_open_record) as opened:
        page.result_view.anchorClicked.emit(QUrl(f"record:gi/{gi.ref_id}"))
    assert opened.args == ["gi", gi.ref_id]


def test_main_window_hosts_the_three_wizards(shared_services: Any, tasks: TaskRunner, qtbot: Any) -> None:
    from ipdesk.ui.main_window import MainWindow

    window = MainWindow(shared_services, tasks, lang="zh_CN", probe_network=False)
    qtbot.addWidget(window)
    for key, cls in (("gi_check", GiCheckPage), ("brand_check", BrandCheckPage), ("patents", PatentFinderPage)):
        assert isinstance(window.show_page(key), cls), key
    page = window.page("gi_check")
    page.reports_button.click()  # shown with a result; the wiring is what is tested here
    from ipdesk.ui.pages import PAGE_KEYS

    assert window.nav.currentRow() == PAGE_KEYS.index("reports")


def test_gi_wizard_by_keyboard_alone(shared_services: Any, tasks: TaskRunner, qtbot: Any) -> None:
    page = make(GiCheckPage, shared_services, tasks, qtbot, lang="en")
    page.activateWindow()
    first = button(page, "choice_farmer")
    qtbot.waitUntil(lambda: first.hasFocus() or QApplication.focusWidget() is first, timeout=2000)
    qtbot.keyClick(first, Qt.Key.Key_Space)
    assert page.session.data["role"] == "farmer"
    qtbot.keyClick(first, Qt.Key.Key_Right)  # arrows move through the choices: 'Farmers' cooperative'
    focused = QApplication.focusWidget()
    assert isinstance(focused, QPushButton) and focused.objectName() == "choice_cooperative"
    if not focused.isChecked():
        qtbot.keyClick(focused, Qt.Key.Key_Space)
    assert page.session.data["role"] == "cooperative"
    qtbot.keyClick(page, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: page.product_edit.hasFocus(), timeout=2000)
    type_text(page.product_edit, "五常大米")
    qtbot.keyClick(page.product_edit, Qt.Key.Key_Return)
    assert page.session.current == "township"
    qtbot.waitUntil(lambda: page.township_edit.hasFocus(), timeout=2000)
    qtbot.keyClicks(page.township_edit, "330106003000")  # a street of Hangzhou's West Lake district
    qtbot.waitUntil(lambda: page.next_button.isEnabled(), timeout=5000)
    qtbot.keyClick(page.township_edit, Qt.Key.Key_Return)
    assert page.session.at_summary
    with qtbot.waitSignal(page.sig_outcome_ready, timeout=10000) as blocker:
        qtbot.keyClick(page, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert blocker.args[0].code == "outside_area"
    assert "outside its protected area" in page.result_view.toPlainText()



def test_space_ticks_the_similar_group_with_the_focus(shared_services: Any, tasks: TaskRunner, qtbot: Any) -> None:
    page = make(BrandCheckPage, shared_services, tasks, qtbot)
    type_text(page.name_edit, "金丰收")
    qtbot.keyClick(page.name_edit, Qt.Key.Key_Return)
    page.class_combo.setCurrentIndex(page.class_combo.findData(30))
    qtbot.waitUntil(lambda: page.group_list.count() > 7, timeout=5000)
    page.group_list.setFocus()
    page.group_list.setCurrentRow(0)
    for _ in range(7):
        qtbot.keyClick(page.group_list, Qt.Key.Key_Down)
    code = page.group_list.currentItem().data(Qt.ItemDataRole.UserRole)
    qtbot.keyClick(page.group_list, Qt.Key.Key_Space)
    assert page.group_list.currentItem().checkState() == Qt.CheckState.Checked
    assert page.session.data["groups"] == (code,)
    qtbot.keyClick(page.group_list, Qt.Key.Key_Space)  # Space again unticks it
    assert page.session.data["groups"] == ()
    qtbot.keyClick(page.group_list, Qt.Key.Key_Return)  # Enter still ticks it
    assert page.session.data["groups"] == (code,)
    qtbot.keyClick(page.group_list, Qt.Key.Key_Down)
    qtbot.keyClick(page.group_list, Qt.Key.Key_Space)  # the row with the focus, the one before stays ticked
    assert len(page.session.data["groups"]) == 2 and page.session.current == "goods"


def test_brand_page_offers_class_35_and_says_what_an_unticked_group_means(
        shared_services: Any, tasks: TaskRunner, qtbot: Any, english_translator: None) -> None:
    page = make(BrandCheckPage, shared_services, tasks, qtbot, lang="en")
    type_text(page.name_edit, "Golden Harvest")
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    index = page.class_combo.findData(35)
    assert index == page.class_combo.count() - 1  # after 29–33
    assert page.class_combo.itemText(index) == "Class 35: selling: a shop, an online store, selling for others, advertising"
    assert any("the whole class is compared strictly" in label.text() for label in page.findChildren(QLabel))
    page.class_combo.setCurrentIndex(index)
    qtbot.waitUntil(lambda: page.group_list.count() > 0, timeout=5000)
    rows = [page.group_list.item(i).text() for i in range(page.group_list.count())]
    assert all(row.startswith("35") for row in rows) and "3503 · Selling for others (sales promotion)" in rows
    assert not any("\u3000" in row for row in rows)  # no full-width space in English
    assert page.question_label.text() == "For which goods?"


def test_brand_check_with_the_goods_origin(shared_services: Any, tasks: TaskRunner, qtbot: Any) -> None:
    page = make(BrandCheckPage, shared_services, tasks, qtbot)
    type_text(page.name_edit, "西湖龙井王")
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    page.class_combo.setCurrentIndex(page.class_combo.findData(30))
    qtbot.keyClicks(page.origin.edit, "330106003000")
    qtbot.waitUntil(lambda: page.session.data.get("origin_code") == "330106003000", timeout=5000)
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    assert "灵隐街道" in page.summary_view.toPlainText()
    with qtbot.waitSignal(page.sig_outcome_ready, timeout=10000) as blocker:
        qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    gi = next(f for f in blocker.args[0].findings if f.kind == "gi")
    assert gi.title == "西湖龙井" and gi.group == "gi_amber"  # the goods come from its area: a GI, not an earlier mark


WUCHANG_CHAIN = ("230000000000", "230100000000", "230184000000", "230184100000")


def pick_levels(page: Any, qtbot: Any, codes: tuple[str, ...]) -> None:
    combos = page.region_picker.combos
    for level, code in enumerate(codes):
        qtbot.waitUntil(lambda lv=level, c=code: combos[lv].findData(c) > 0, timeout=5000)
        combos[level].setCurrentIndex(combos[level].findData(code))


def to_township_step(page: Any, qtbot: Any) -> None:
    qtbot.mouseClick(button(page, "choice_farmer"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    type_text(page.product_edit, "大米")
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    assert page.session.current == "township"


def test_restart_empties_the_township_pickers(shared_services: Any, tasks: TaskRunner, qtbot: Any) -> None:
    page = make(GiCheckPage, shared_services, tasks, qtbot)
    to_township_step(page, qtbot)
    pick_levels(page, qtbot, WUCHANG_CHAIN)
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.sig_outcome_ready, timeout=10000):
        qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.restart_button, Qt.MouseButton.LeftButton)
    assert page.session.current == "role" and not page.session.data
    assert not any(b.isChecked() for b in page.role_group.buttons())
    to_township_step(page, qtbot)
    combos = page.region_picker.combos
    # nothing shown as chosen, and nothing taken as the answer
    assert [c.currentIndex() for c in combos] == [0, 0, 0, 0]
    assert not any(c.isEnabled() for c in combos[1:])
    assert page.region_picker.code() == "" and not page.next_button.isEnabled()
    tasks.wait_idle(5000)
    qtbot.wait(20)
    assert not any(c.isEnabled() for c in combos[1:])  # no list from the old choice arrives late
    pick_levels(page, qtbot, WUCHANG_CHAIN)  # the same township again is taken
    assert page.session.data["township_code"] == "230184100000" and page.next_button.isEnabled()


def test_township_pickers_and_typing_give_one_answer(shared_services: Any, tasks: TaskRunner, qtbot: Any) -> None:
    page = make(GiCheckPage, shared_services, tasks, qtbot)
    to_township_step(page, qtbot)
    pick_levels(page, qtbot, WUCHANG_CHAIN)
    qtbot.keyClicks(page.township_edit, "330106003000")  # typing replaces the picked township
    assert page.region_picker.code() == "" and page.session.data["township_code"] == ""
    qtbot.waitUntil(lambda: page.session.data.get("township_code") == "330106003000", timeout=5000)
    pick_levels(page, qtbot, WUCHANG_CHAIN)  # and picking replaces the typed one
    assert page.township_edit.text() == "" and page.township_list.count() == 0
    assert page.session.data["township_code"] == "230184100000"


def test_brand_restart_forgets_the_goods_origin(shared_services: Any, tasks: TaskRunner, qtbot: Any) -> None:
    page = make(BrandCheckPage, shared_services, tasks, qtbot)
    type_text(page.name_edit, "五常大米")
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    page.class_combo.setCurrentIndex(page.class_combo.findData(30))
    qtbot.keyClicks(page.origin.edit, "230184100000")
    qtbot.waitUntil(lambda: page.session.data.get("origin_code") == "230184100000", timeout=5000)
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.sig_outcome_ready, timeout=10000):
        qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.restart_button, Qt.MouseButton.LeftButton)
    assert page.session.current == "name" and page.name_edit.text() == "" and not page.session.data
    type_text(page.name_edit, "北京")
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    assert page.class_combo.currentIndex() == -1 and page.group_list.count() == 0
    assert page.origin.edit.text() == "" and page.origin.results.count() == 0
    assert not page.session.data.get("origin_code")
    page.class_combo.setCurrentIndex(page.class_combo.findData(30))
    assert not page.session.data.get("origin_code")  # the class change does not bring it back
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    summary = page.summary_view.toPlainText()
    assert page.session.at_summary and "五常镇" not in summary and "商品产地" not in summary


def test_unknown_township_code_is_refused_at_the_step(shared_services: Any, tasks: TaskRunner, qtbot: Any) -> None:
    page = make(GiCheckPage, shared_services, tasks, qtbot)
    to_township_step(page, qtbot)
    qtbot.keyClicks(page.township_edit, "999999999999")
    assert not page.next_button.isEnabled()  # not taken before it is looked up
    qtbot.waitUntil(lambda: "找不到乡镇代码：999999999999" in page.problem_label.text(), timeout=5000)
    assert not page.next_button.isEnabled() and page.session.data["township_code"] == ""
    qtbot.keyClick(page.township_edit, Qt.Key.Key_Return)
    assert page.session.current == "township"
    # a real code typed and Enter pressed at once: the step goes on when the lookup answers
    page.township_edit.clear()
    qtbot.keyClicks(page.township_edit, "230184100000")
    assert page.problem_label.text() == ""
    qtbot.keyClick(page.township_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.session.at_summary, timeout=5000)
    assert "五常镇" in page.summary_view.toPlainText()


def test_a_disabled_next_says_what_is_missing(shared_services: Any, tasks: TaskRunner, qtbot: Any) -> None:
    page = make(GiCheckPage, shared_services, tasks, qtbot)
    assert page.next_hint.isVisible() and page.next_hint.text() == "请选择身份。"
    qtbot.mouseClick(button(page, "choice_farmer"), Qt.MouseButton.LeftButton)
    assert not page.next_hint.isVisible()
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    assert page.next_hint.text() == "请输入产品名称。" and page.next_hint.isVisible()
    type_text(page.product_edit, "大米")
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    pick_levels(page, qtbot, WUCHANG_CHAIN[:3])  # stopped at the county
    assert not page.next_button.isEnabled() and "乡镇一级" in page.next_hint.text()
    pick_levels(page, qtbot, WUCHANG_CHAIN)
    assert page.next_button.isEnabled() and not page.next_hint.isVisible()

    brand = make(BrandCheckPage, shared_services, tasks, qtbot)
    assert brand.next_hint.text() == "请输入要检查的名称。"
    type_text(brand.name_edit, "好" * 1000)  # a pasted paragraph: kept, and said to be too long
    assert len(brand.name_edit.text()) == 1000
    assert "名称过长" in brand.next_hint.text() and brand.next_hint.isVisible()
    brand.name_edit.clear()
    type_text(brand.name_edit, "好名")
    qtbot.mouseClick(brand.next_button, Qt.MouseButton.LeftButton)
    assert brand.session.current == "goods" and brand.next_hint.text() == "请选择商品类别。"


def test_choice_buttons_are_one_radio_group_said_so(qtbot) -> None:  # type: ignore[no-untyped-def]
    """One Tab stop; the arrow keys move the choice once one is chosen; the description says so."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QWidget

    from ipdesk.ui.wizards.base import checked_key, choice_buttons

    parent = QWidget()
    qtbot.addWidget(parent)
    _box, group = choice_buttons(parent, [("a", "甲"), ("b", "乙"), ("c", "丙")], columns=3)
    parent.show()
    qtbot.waitExposed(parent)
    buttons = group.buttons()
    assert all("方向键" in b.accessibleDescription() for b in buttons)
    buttons[0].click()
    parent.activateWindow()
    buttons[0].setFocus()
    qtbot.waitUntil(buttons[0].hasFocus, timeout=5000)
    qtbot.keyClick(buttons[0], Qt.Key.Key_Right)
    assert checked_key(group) == "b" and buttons[1].hasFocus()
