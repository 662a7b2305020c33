"""The patent finder's "another crop": a crop the buttons lack is typed on the keyboard with the
candidate bar, and the finder searches for that word (as the desktop finder does)."""

from __future__ import annotations

from ipdesk.domain import rules
from ipdesk.ui.kiosk.wizard_screens import OTHER_CROP
from tests.kiosk.test_kiosk_shell import tap, type_on_keyboard


def _open_other_crop(qtbot, shell):  # type: ignore[no-untyped-def]
    tap(qtbot, shell.home.tiles["patents"])
    patents = shell.flows["patents"]
    crops = patents.step_pages["crop"]
    assert crops.options[-1][0] == OTHER_CROP and len(crops.options) == len(rules.CROPS) + 1
    tap(qtbot, crops.buttons[-1])
    return patents, crops


def test_another_crop_is_typed_in_characters_and_searched(qtbot, make_shell) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell()
    patents, crops = _open_other_crop(qtbot, shell)
    assert patents.session.current == "crop", "the Other button must not answer the question"
    assert crops.typing and crops.typed.isVisible() and not crops.buttons_view.isVisible()
    assert crops.typed.question.text() == crops._title("zh_CN")
    assert crops.group.checkedId() == -1

    # Next with nothing typed: the flow's own problem, and the page stays
    tap(qtbot, crops.typed.keyboard.enter_key)
    assert patents.session.current == "crop" and "作物" in patents.problem.text()

    bar = crops.typed.candidates
    assert bar is not None
    qtbot.waitUntil(lambda: bar.index is not None, timeout=20000)  # GI names: 会同魔芋
    type_on_keyboard(qtbot, crops.typed.keyboard, "mo")
    assert "魔" in [b.text() for b in bar.buttons if b.isVisible()]
    tap(qtbot, next(b for b in bar.buttons if b.text() == "魔"))
    type_on_keyboard(qtbot, crops.typed.keyboard, "yu")
    tap(qtbot, next(b for b in bar.buttons if b.text() == "芋"))
    assert crops.typed.field.text() == "魔芋"

    tap(qtbot, crops.typed.keyboard.enter_key)
    assert patents.session.data["crop"] == "魔芋"
    assert patents.session.current == "technique"
    tap(qtbot, patents.step_pages["technique"].buttons[0])  # any technique
    assert patents.session.at_summary and "魔芋" in patents.summary.toPlainText()
    with qtbot.waitSignal(patents.sig_outcome_shown, timeout=20000) as shown:
        tap(qtbot, patents.next_button)
    outcome = shown.args[0]
    assert outcome.wizard == "patent_finder"
    assert "魔芋" in patents.result.toPlainText()

    # back to the crop question: the typed word is shown again, under the keyboard
    while patents.session.current != "crop":
        assert patents.handle_back()
    assert crops.typing and crops.typed.field.text() == "魔芋"


def test_back_leaves_the_keyboard_for_the_buttons_and_a_button_still_answers(qtbot, make_shell) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell()
    patents, crops = _open_other_crop(qtbot, shell)
    type_on_keyboard(qtbot, crops.typed.keyboard, "shuidao")
    assert patents.handle_back()  # Back: keyboard → buttons, still on the crop question
    assert patents.session.current == "crop" and not crops.typing and crops.question.isVisible()
    tap(qtbot, crops.buttons[[v for v, _ in crops.options].index("wheat")])
    assert patents.session.current == "technique" and patents.session.data["crop"] == "wheat"


def test_a_typed_vocabulary_crop_is_offered_and_the_reset_forgets_the_typing(qtbot, make_shell) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell()
    patents, crops = _open_other_crop(qtbot, shell)
    typed = crops.typed
    with qtbot.waitSignal(crops.typed.suggestions.model().rowsInserted, timeout=10000):
        type_on_keyboard(qtbot, typed.keyboard, "pingguo")  # pinyin of 苹果: offered as the crop
    assert typed.suggestions.item(0).text() == rules.CROPS_BY_ID["apple"].name.zh
    typed.suggestions.itemClicked.emit(typed.suggestions.item(0))
    qtbot.waitUntil(lambda: patents.session.current == "technique", timeout=5000)
    assert rules.CROPS_BY_ID["apple"].name.zh == patents.session.data["crop"]

    patents.reset()  # the next visitor
    assert patents.session.current == "crop" and not crops.typing
    assert typed.field.text() == "" and crops.group.checkedId() == -1


def test_pinyin_syllables_or_initials_offer_the_crops_of_the_list(qtbot, make_shell) -> None:  # type: ignore[no-untyped-def]
    """mo (蘑菇, a word of 食用菌 / 香菇) and pg (苹果's initials, as the GI finder takes wcdm) offer the
    crop to tap while the candidate bar offers characters."""
    shell = make_shell()
    _patents, crops = _open_other_crop(qtbot, shell)
    typed = crops.typed
    for letters, crop_id in (("mo", "mushroom"), ("pg", "apple")):
        tap(qtbot, typed.keyboard.clear_key)
        type_on_keyboard(qtbot, typed.keyboard, letters)
        name = rules.CROPS_BY_ID[crop_id].name.zh
        qtbot.waitUntil(lambda name=name: typed.suggestions.count() > 0 and typed.suggestions.item(0).text() == name,
                        timeout=10000)
