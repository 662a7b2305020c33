"""What the kiosk's pages say: class buttons in plain words, help that names only the kiosk's own
controls, and English rows and records in English."""

from __future__ import annotations

from tests.kiosk.test_kiosk_shell import tap, type_on_keyboard


def test_class_buttons_say_what_each_class_holds_in_plain_words(qtbot, make_shell, compiled_translations) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell()
    tap(qtbot, shell.home.tiles["brand_check"])
    goods = shell.flows["brand_check"].step_pages["goods"]
    qtbot.wait(300)  # no class titles are loaded any more: the labels must not change after a while
    texts = [b.text() for b in goods.buttons]
    assert texts[1] == "第 30 类：米、面、茶、蜂蜜、调味品、糕点"
    assert not any("…" in t or "；" in t for t in texts), texts
    shell.set_language("en")
    assert goods.buttons[1].text() == "Class 30: rice, flour, tea, honey, condiments, pastries"


def test_help_names_only_controls_the_kiosk_has(qtbot, make_shell, compiled_translations) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell()
    for lang, missing in (("zh_CN", ("建议", "类似群", "关键词")), ("en", ("suggestion", "group", "keyword"))):
        shell.set_language(lang)
        helps = []
        tap(qtbot, shell.home.tiles["patents"])
        patents = shell.flows["patents"]
        helps.append(patents.step_pages["crop"].help.text())
        tap(qtbot, patents.step_pages["crop"].buttons[0])
        helps.append(patents.step_pages["technique"].help.text())
        shell.go_home()
        tap(qtbot, shell.home.tiles["brand_check"])
        brand = shell.flows["brand_check"]
        type_on_keyboard(qtbot, brand.step_pages["name"].keyboard, "jinhe")
        tap(qtbot, brand.step_pages["name"].keyboard.enter_key)
        assert brand.session.current == "goods"
        helps.append(brand.step_pages["goods"].help.text())
        shell.go_home()
        assert all(helps), helps
        assert not [h for h in helps if any(word in h.lower() for word in missing)], helps


def test_english_finder_rows_and_record_are_in_english(qtbot, make_shell, compiled_translations) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell()
    shell.set_language("en")
    tap(qtbot, shell.home.tiles["gi_search"])
    finder = shell.gi_finder
    with qtbot.waitSignal(finder.sig_results_shown, timeout=10000):
        type_on_keyboard(qtbot, finder.keyboard, "panjin")
    rows = [finder.results.item(r).text() for r in range(finder.results.count())]
    assert any(r.startswith("盘锦大米\nGI product · Grain and oil crops") for r in rows), rows
    assert not any("粮油" in r for r in rows)
    row = next(r for r in range(finder.results.count()) if finder.results.item(r).text().startswith("盘锦大米"))
    with qtbot.waitSignal(shell.record.sig_loaded, timeout=10000):
        finder.sig_gi_chosen.emit(finder.results.item(row).data(256))
    assert "Panjin Da Mi" in shell.record.view.toPlainText()


def test_wizard_tiles_and_screens_name_each_wizard_as_its_printout_does(qtbot, make_shell, compiled_translations) -> None:  # type: ignore[no-untyped-def]
    """A visitor who taps 商标核查 gets a printout headed 商标核查 (the kiosk's tiles had said 品牌名称检查,
    能否使用地理标志 and 农业技术专利, its printouts and the service record the names of WIZARD_TITLES)."""
    from ipdesk.domain.wizard import WIZARD_TITLES

    shell = make_shell()
    wizard_of_tile = {"gi_check": "gi_check", "brand_check": "brand_check", "patents": "patent_finder"}
    for lang in ("zh_CN", "en"):
        shell.set_language(lang)
        for tile, wizard in wizard_of_tile.items():
            name = WIZARD_TITLES[wizard](lang)
            assert shell.home._tile_texts[tile][0].text() == name
            assert shell.home.tiles[tile].accessibleName() == name
            tap(qtbot, shell.home.tiles[tile])
            assert shell.flows[tile].title.text() == name
            shell.go_home()
        hints = [shell.home._tile_texts[tile][1].text() for tile in wizard_of_tile]
        assert all(hints) and len(set(hints)) == 3, hints  # each tile says the question it answers


def test_a_failed_lookup_is_told_in_plain_words_never_the_drivers(qtbot, make_shell, compiled_translations) -> None:  # type: ignore[no-untyped-def]
    """Before: a visitor read the database driver's English with its SQL on the GI finder, the record
    page, the by-place page and a wizard's answer."""
    from ipdesk.services.errors import DatabaseBusyError

    shell = make_shell()
    driver = RuntimeError("(sqlean.dbapi2.OperationalError) disk I/O error\n[SQL: SELECT doc_id FROM fts_key]")
    shown = {
        "finder": lambda: (shell.gi_finder._show_error(driver), shell.gi_finder.status.text())[1],
        "record": lambda: (shell.record._on_error(driver), shell.record.view.toPlainText())[1],
        "place": lambda: (shell.by_place._on_error(driver), shell.by_place.place_label.text())[1],
        **{f"wizard {name}": (lambda screen: lambda: (screen._on_compute_error(driver), screen.problem.text())[1])(flow)
           for name, flow in shell.flows.items() if hasattr(flow, "_on_compute_error")},
    }
    assert sum(where.startswith("wizard") for where in shown) >= 3  # the GI check, brand and patent wizards
    for lang, words in (("zh_CN", "暂时查不到"), ("en", "could not be looked up just now")):
        shell.set_language(lang)
        for where, show in shown.items():
            text = show()
            assert words in text, (where, text)
            assert "SQL" not in text and "OperationalError" not in text and "disk I/O" not in text, (where, text)
    shell.gi_finder._show_error(DatabaseBusyError())
    assert "data update or an import" in shell.gi_finder.status.text()
