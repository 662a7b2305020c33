"""Touch sizes on every kiosk screen, the wizards by touch, and the one-tap language switch."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QWidget,
)

from tests.kiosk.test_kiosk_shell import find_item, tap, tap_item, type_on_keyboard

TOUCH_MIN = 64
BODY_MIN_PT = 20
INTERACTIVE = (QAbstractButton, QLineEdit, QAbstractItemView, QAbstractSlider, QComboBox, QAbstractSpinBox)


def _too_small(shell) -> list[str]:  # type: ignore[no-untyped-def]
    """Visible interactive widgets (and list rows) under 64 px, and visible text under 20 pt."""
    problems = []
    for widget in shell.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not shell:
            continue
        name = f"{type(widget).__name__} {widget.objectName() or getattr(widget, 'text', lambda: '')()!r}"
        if isinstance(widget, INTERACTIVE) and (widget.width() < TOUCH_MIN or widget.height() < TOUCH_MIN):
            problems.append(f"{name} is {widget.width()}×{widget.height()}")
        if isinstance(widget, QListWidget):
            for row in range(widget.count()):
                rect = widget.visualItemRect(widget.item(row))
                if rect.isValid() and (rect.height() < TOUCH_MIN or rect.width() < TOUCH_MIN):
                    problems.append(f"row {row} of {name} is {rect.width()}×{rect.height()}")
        if isinstance(widget, (QLabel, QAbstractButton, QLineEdit, QAbstractItemView)) and (
            widget.font().pointSizeF() < BODY_MIN_PT
        ):
            problems.append(f"{name} font {widget.font().pointSizeF()} pt")
    return problems


def _visit_every_screen(qtbot, shell) -> list[str]:  # type: ignore[no-untyped-def]
    """Open every screen with content in it and collect what is too small on each."""
    seen: dict[str, list[str]] = {}

    def check(label: str) -> None:
        qtbot.wait(50)
        seen[label] = _too_small(shell)

    check("home")
    tap(qtbot, shell.home.tiles["gi_search"])
    with qtbot.waitSignal(shell.gi_finder.sig_results_shown, timeout=10000):
        type_on_keyboard(qtbot, shell.gi_finder.keyboard, "cha")
    check("finder with results")
    with qtbot.waitSignal(shell.record.sig_loaded, timeout=10000):
        tap_item(qtbot, shell.gi_finder.results, shell.gi_finder.results.item(0))
    check("record")
    shell.go_home()
    with qtbot.waitSignal(shell.by_place.picker.sig_loaded, timeout=10000):
        tap(qtbot, shell.home.tiles["by_place"])
    check("picker: provinces")
    with qtbot.waitSignal(shell.by_place.picker.sig_loaded, timeout=10000):
        tap_item(qtbot, shell.by_place.picker.tiles, find_item(shell.by_place.picker.tiles, "浙江省"))
    check("picker: prefectures")
    with qtbot.waitSignal(shell.by_place.sig_place_shown, timeout=10000):
        tap(qtbot, shell.by_place.picker.choose_here)
    check("GIs of a place")
    shell.go_home()
    for key in ("gi_check", "brand_check", "patents"):
        tap(qtbot, shell.home.tiles[key])
        check(key)
        shell.go_home()
    tap(qtbot, shell.home.admin_button)
    check("admin")
    shell.go_back()
    return [f"{label}: {p}" for label, problems in seen.items() for p in problems]


def test_every_screen_has_touch_sized_controls_and_large_type_at_1366(qtbot, make_shell) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell()
    assert _visit_every_screen(qtbot, shell) == []


def test_every_screen_has_touch_sized_controls_at_1920(qtbot, make_shell) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell()
    shell.resize(1920, 1080)
    assert _visit_every_screen(qtbot, shell) == []


def test_the_shell_fits_a_1366_by_768_screen(make_shell) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell()
    for index in range(shell.stack.count()):
        hint = shell.stack.widget(index).minimumSizeHint()
        assert hint.width() <= 1366 and hint.height() <= 768, (type(shell.stack.widget(index)).__name__, hint)


def test_gi_wizard_by_touch_reaches_apply_for_the_special_mark(qtbot, make_shell, printed_pdf) -> None:  # type: ignore[no-untyped-def]
    from tests.kiosk.test_kiosk_shell import pdf_text

    shell = make_shell()
    tap(qtbot, shell.home.tiles["gi_check"])
    wizard = shell.flows["gi_check"]
    role = wizard.step_pages["role"]
    tap(qtbot, role.buttons[list(dict(role.options)).index("cooperative")])  # one tap answers and goes on
    assert wizard.session.current == "product"
    product = wizard.step_pages["product"]
    with qtbot.waitSignal(product.suggestions.model().rowsInserted, timeout=10000):
        type_on_keyboard(qtbot, product.keyboard, "wcdm")
    tap_item(qtbot, product.suggestions, find_item(product.suggestions, "五常大米"))
    qtbot.waitUntil(lambda: wizard.session.current == "township", timeout=5000)
    assert wizard.session.data["gi_name"] == "五常大米"
    picker = wizard.step_pages["township"].picker
    qtbot.waitUntil(lambda: picker.tiles.count() == 34, timeout=10000)
    assert not picker.choose_here.isVisible()
    for name in ("黑龙江省", "哈尔滨市", "五常市"):
        with qtbot.waitSignal(picker.sig_loaded, timeout=10000):
            tap_item(qtbot, picker.tiles, find_item(picker.tiles, name))
    assert not picker.choose_here.isVisible()  # a county is not enough: the flow needs a township
    tap_item(qtbot, picker.tiles, picker.tiles.item(0))
    qtbot.waitUntil(lambda: wizard.session.at_summary, timeout=5000)
    assert "五常市" in wizard.summary.toPlainText()
    with qtbot.waitSignal(wizard.sig_outcome_shown, timeout=20000) as shown:
        tap(qtbot, wizard.next_button)
    outcome = shown.args[0]
    assert outcome.level == "go" and "专用标志" in outcome.headline.zh
    assert "专用标志" in wizard.result.toPlainText()
    tap(qtbot, wizard.print_button)
    qtbot.waitUntil(lambda: "已送去打印" in wizard.problem.text(), timeout=20000)  # printed off the GUI thread
    assert "专用标志" in pdf_text(printed_pdf)
    # Back from the outcome returns to the summary with the answers kept
    tap(qtbot, wizard.back_button)
    assert wizard.session.at_summary and wizard.outcome is None


def test_brand_and_patent_wizards_by_touch(qtbot, make_shell) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell()
    tap(qtbot, shell.home.tiles["brand_check"])
    brand = shell.flows["brand_check"]
    tap(qtbot, brand.step_pages["name"].keyboard.enter_key)
    assert brand.session.current == "name" and brand.problem.text()  # empty name is refused in place
    type_on_keyboard(qtbot, brand.step_pages["name"].keyboard, "longjing")
    tap(qtbot, brand.step_pages["name"].keyboard.enter_key)
    assert brand.session.current == "goods"
    goods = brand.step_pages["goods"]
    tap(qtbot, goods.buttons[1])  # class 30
    assert brand.session.at_summary
    with qtbot.waitSignal(brand.sig_outcome_shown, timeout=20000) as shown:
        tap(qtbot, brand.next_button)
    assert shown.args[0].wizard == "brand_check"
    tap(qtbot, shell.home_button if hasattr(shell, "home_button") else brand.home_button)

    tap(qtbot, shell.home.tiles["patents"])
    patents = shell.flows["patents"]
    crops = patents.step_pages["crop"]
    tap(qtbot, crops.buttons[[v for v, _ in crops.options].index("rice")])
    tap(qtbot, patents.step_pages["technique"].buttons[0])  # any technique
    assert patents.session.at_summary
    with qtbot.waitSignal(patents.sig_outcome_shown, timeout=20000) as shown:
        tap(qtbot, patents.next_button)
    assert shown.args[0].wizard == "patent_finder"


def test_idle_reset_restarts_a_wizard(qtbot, make_shell) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell(idle_seconds=1.0, countdown_seconds=0.5)
    tap(qtbot, shell.home.tiles["patents"])
    patents = shell.flows["patents"]
    tap(qtbot, patents.step_pages["crop"].buttons[0])
    assert patents.session.current == "technique"
    with qtbot.waitSignal(shell.sig_reset_done, timeout=5000):
        pass
    assert patents.session.current == "crop" and patents.session.data == {}
    assert patents.step_pages["crop"].group.checkedId() == -1


def test_one_tap_switches_to_english_and_idle_returns_to_chinese(qtbot, make_shell, compiled_translations) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell(idle_seconds=1.0, countdown_seconds=0.5)
    tap(qtbot, shell.home.language_button)
    assert shell.lang == "en"
    assert shell.home.tiles["gi_search"].accessibleName() == "Find a GI"
    assert shell.home.language_button.text() == "中文"
    tap(qtbot, shell.home.tiles["gi_check"])
    wizard = shell.flows["gi_check"]
    assert wizard.step_pages["role"].question.text() == "Who is asking?"
    assert wizard.back_button.text() == "Back"
    with qtbot.waitSignal(shell.sig_reset_done, timeout=5000):
        pass
    assert shell.lang == "zh_CN" and shell.home.tiles["gi_search"].accessibleName() == "找地理标志"


def test_character_index_ranks_exact_readings_then_longer_ones() -> None:
    from ipdesk.ui.kiosk.pinyin_input import CharacterIndex

    index = CharacterIndex.from_names(["五常市", "武夷山", "吴江区", "五莲县", "长白山"])
    assert index.candidates("wu")[:1] == ["五"]  # the most frequent reading of wu first
    assert set(index.candidates("wu")) == {"五", "武", "吴"}
    assert "常" in index.candidates("chang") and "长" in index.candidates("chang")  # 长 has both readings
    assert "长" in index.candidates("zhang")
    assert index.candidates("sh") == ["市", "山"] or set(index.candidates("sh")) == {"市", "山"}
    assert index.candidates("") == [] and index.candidates("xyz") == []


def test_character_index_offers_a_characters_usual_reading_first() -> None:
    """市 is read fu only as a rare variant: typing fu offers 福 first, however often 市 occurs."""
    from ipdesk.ui.kiosk.pinyin_input import CharacterIndex

    index = CharacterIndex.from_names(["哈尔滨市", "五常市", "杭州市", "福州市", "福建省"])
    fu = index.candidates("fu")
    assert fu[0] == "福"
    assert "市" not in fu or fu.index("市") > fu.index("福")
    assert index.candidates("shi")[0] == "市"


def test_brand_name_typed_in_characters_gets_a_place_name_red_flag(qtbot, make_shell) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell()
    tap(qtbot, shell.home.tiles["brand_check"])
    brand = shell.flows["brand_check"]
    page = brand.step_pages["name"]
    bar = page.candidates
    qtbot.waitUntil(lambda: bar.index is not None, timeout=15000)
    for syllable, char in (("wu", "五"), ("chang", "常")):
        type_on_keyboard(qtbot, page.keyboard, syllable)
        button = next(b for b in bar.buttons if b.isVisible() and b.text() == char)
        tap(qtbot, button)
    assert page.field.text() == "五常"
    type_on_keyboard(qtbot, page.keyboard, "x")
    tap(qtbot, page.keyboard.backspace)
    assert page.field.text() == "五常" and bar.composing == ""
    tap(qtbot, page.keyboard.enter_key)
    tap(qtbot, brand.step_pages["goods"].buttons[1])  # class 30 (rice)
    with qtbot.waitSignal(brand.sig_outcome_shown, timeout=20000) as shown:
        tap(qtbot, brand.next_button)
    outcome = shown.args[0]
    red = [f for f in outcome.findings if f.group == "red"]
    assert any("五常" in f.title for f in red), [f.title for f in outcome.findings]


def test_common_characters_follow_the_vocabulary_for_the_words_of_a_brand_name() -> None:
    """QA 2026-11-27: shou offered only 寿 首 手 熟 (place names), so 金丰收 could not be typed; 鑫 and
    盛, the commonest characters of Chinese brand names, were missing altogether."""
    from ipdesk.ui.kiosk.pinyin_input import CANDIDATES, CharacterIndex, common_characters

    common = common_characters()
    assert {"收", "鑫", "盛", "姓", "亲"} <= set(common) and len(common) > 3000
    index = CharacterIndex.from_names(["寿光市", "首都", "五常市"], behind=common)
    shou = index.candidates("shou")
    assert shou[:2] in (["寿", "首"], ["首", "寿"])  # the vocabulary first, as before
    assert "收" in shou and len(shou) == CANDIDATES
    assert "鑫" in index.candidates("xin") and "盛" in index.candidates("sheng")
    assert index.candidates("wu")[0] == "五"
