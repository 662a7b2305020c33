"""The GI check's township step lists every township a typed text means (it stopped at 20 without a
word) and says how many and how to narrow them; a county typed lists its own townships."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from ipdesk.ui.tasks import TaskRunner
from ipdesk.ui.wizards.brand_wizard import BrandCheckPage
from ipdesk.ui.wizards.gi_wizard import GiCheckPage
from tests.wizards.test_wizard_pages import make, to_township_step, type_text


def _typed(page: Any, qtbot: Any, text: str) -> None:
    page.township_edit.clear()
    type_text(page.township_edit, text)
    qtbot.waitUntil(lambda: not page._township_lookup and not page._township_timer.isActive()
                    and page.township_list.count() > 0, timeout=10000)


def test_a_county_lists_all_its_townships(shared_services: Any, tasks: TaskRunner, qtbot: Any) -> None:
    page = make(GiCheckPage, shared_services, tasks, qtbot)
    to_township_step(page, qtbot)
    _typed(page, qtbot, "五常市")
    names = {page.township_list.item(i).text().split("　")[0].split()[-1] for i in range(page.township_list.count())}
    assert page.township_list.count() == 24 and {"营城子满族乡", "长山乡", "兴隆乡", "二河乡", "龙凤山镇"} <= names
    assert page.township_note.text() == "“五常市”是县级行政区，下面列出它的全部 24 个乡镇，请点选一个。"
    assert page.next_hint.text() == "请在列表中点选一个乡镇。"  # beside Next: short (the note is above the list)


def test_a_shared_name_lists_every_township_and_says_how_many(shared_services: Any, tasks: TaskRunner,
                                                              qtbot: Any) -> None:
    page = make(GiCheckPage, shared_services, tasks, qtbot)
    to_township_step(page, qtbot)
    _typed(page, qtbot, "城关镇")
    total = len(shared_services.places.match_townships("城关镇"))
    assert total > 20 and page.township_list.count() == total
    note = page.township_note.text()
    assert f"有 {total} 个乡镇符合“城关镇”" in note and "县市名" in note and page.township_note.isVisibleTo(page)
    assert page.next_hint.text() == "请在列表中点选一个乡镇。"
    _typed(page, qtbot, "五常市，龙凤山镇")  # the full-width comma, as the command line reads it
    assert page.township_list.count() == 1 and page.session.data["township_code"] == "230184111000"
    assert not page.township_note.isVisibleTo(page) and page.township_note.text() == ""


def test_a_township_only_near_what_was_typed_waits_to_be_picked(shared_services: Any, tasks: TaskRunner,
                                                               qtbot: Any) -> None:
    """QA18a N9: 龙凤山乡 (the ending a renamed 乡 had) is 龙凤山镇 only once the person says so."""
    page = make(GiCheckPage, shared_services, tasks, qtbot)
    to_township_step(page, qtbot)
    _typed(page, qtbot, "龙凤山乡")
    assert page.township_list.count() == 1 and "230184111000" in page.township_list.item(0).text()
    assert not page.township_list.selectedItems() and not page.session.data.get("township_code")
    assert page.township_note.text() == "没有叫“龙凤山乡”的乡镇。您是不是要找下面的乡镇？请点选确认。"
    assert not page.next_button.isEnabled() and page.next_hint.text() == "请在列表中点选一个乡镇。"
    page.township_list.setCurrentRow(0)
    assert page.next_button.isEnabled()
    _typed(page, qtbot, "龍鳳山鎮")  # the same township in traditional characters is the township itself
    assert page.township_list.selectedItems() and page.township_note.text() == ""


def test_the_origin_picker_does_not_take_a_near_township_by_itself(shared_services: Any, tasks: TaskRunner,
                                                                   qtbot: Any) -> None:
    page = make(BrandCheckPage, shared_services, tasks, qtbot)
    type_text(page.name_edit, "西湖龙井王")
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    type_text(page.origin.edit, "龙风山")
    qtbot.waitUntil(lambda: page.origin.results.count() > 0, timeout=10000)
    assert page.origin.code() == "" and page.origin.note.isVisibleTo(page)
    assert "龙风山" in page.origin.note.text()
    page.origin.results.setCurrentRow(0)
    assert page.origin.code() == "230184111000"
    type_text(page.origin.edit, "镇")  # typed on: the note goes with the matches
    assert page.origin.note.text() == "" and page.origin.results.count() == 0
