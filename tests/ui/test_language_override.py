"""`ipdesk --lang` is a one-off override: Settings shows the language running, and saving the page
keeps the saved language (and the running one) unless the language was chosen there."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QApplication

from ipdesk.services.settings import load_settings, save_settings
from ipdesk.ui.theme import apply_theme
from tests.ui.conftest import _window, wait_idle


def test_started_in_english_over_a_saved_chinese_the_page_shows_english_and_save_keeps_it(  # type: ignore[no-untyped-def]
        qtbot, services, tasks, compiled_translations) -> None:
    from ipdesk.ui.i18n import install_translators

    assert load_settings(services.data_dir).language == "zh_CN"
    app = QApplication.instance()
    install_translators(app, "en")  # as `ipdesk --lang en` does
    window = _window(qtbot, services, tasks, "en")
    try:
        page = window.show_page("settings")
        assert page.language_combo.currentData() == "en"
        assert page.language_note.isVisible() and "--lang" in page.language_note.text()
        assert "Simplified Chinese" in page.language_note.text()  # the saved language, named in English
        page.staff_edit.setText("王芳")
        page.save_button.click()
        wait_idle(qtbot, tasks)
        assert window.lang == "en" and window.page("settings") is page  # not rebuilt, still English
        assert page.save_button.text() == "Save"
        saved = load_settings(services.data_dir)
        assert (saved.language, saved.staff_name) == ("zh_CN", "王芳")
        assert services.settings.language == "zh_CN"

        # the update source saved on "Data & sync" does not switch the language either
        data = window.page("data")
        old = dataclasses.replace(services.settings)
        new = dataclasses.replace(services.settings, update_source="/nonexistent/usb")
        save_settings(services.data_dir, new)
        data.sig_settings_saved.emit(new, old)
        wait_idle(qtbot, tasks)
        assert window.lang == "en"

        # choosing English on the page (it already shows it) makes it the saved language
        page.language_combo.activated.emit(page.language_combo.currentIndex())
        page.save_button.click()
        wait_idle(qtbot, tasks)
        assert window.lang == "en"
        assert load_settings(services.data_dir).language == "en"
        assert not page.language_note.isVisible()
    finally:
        install_translators(app, "zh_CN")
        apply_theme(app)


def test_choosing_the_saved_language_over_an_override_switches_to_it(  # type: ignore[no-untyped-def]
        qtbot, services, tasks, compiled_translations) -> None:
    from ipdesk.ui.i18n import install_translators

    app = QApplication.instance()
    install_translators(app, "en")
    window = _window(qtbot, services, tasks, "en")
    try:
        page = window.show_page("settings")
        page.language_combo.setCurrentIndex(page.language_combo.findData("zh_CN"))
        page.save_button.click()
        wait_idle(qtbot, tasks)
        assert window.lang == "zh_CN"
        rebuilt = window.page("settings")
        assert rebuilt.save_button.text() == "保存" and rebuilt.saved_label.text() == "已保存。"
        assert rebuilt.language_combo.currentData() == "zh_CN" and not rebuilt.language_note.isVisible()
        assert load_settings(services.data_dir).language == "zh_CN"
    finally:
        install_translators(app, "zh_CN")
        apply_theme(app)
