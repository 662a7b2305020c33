"""The GI check's township step lists every township a typed text means (it stopped at 20 without a
word) and says how many and how to narrow them; a county typed lists its own townships."""

from __future__ import annotations

from typing import Any

from ipdesk.ui.tasks import TaskRunner
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
