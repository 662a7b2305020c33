"""The staff name saved in Settings shows in the Reports page's 经办人 at once (it had stayed empty
until the next start, also over a language switch), while a name typed there is kept."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from ipdesk.services.settings import load_settings
from ipdesk.ui.theme import apply_theme
from tests.ui.conftest import _window, wait_idle


def test_staff_name_saved_in_settings_shows_on_reports(qtbot, services, tasks, compiled_translations) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.ui.i18n import install_translators

    app = QApplication.instance()
    install_translators(app, "zh_CN")
    window = _window(qtbot, services, tasks, "zh_CN")
    try:
        reports = window.show_page("reports")
        assert reports.staff_edit.text() == ""
        settings = window.show_page("settings")
        settings.staff_edit.setText("李四")
        settings.save_button.click()
        wait_idle(qtbot, tasks)
        assert load_settings(services.data_dir).staff_name == "李四"
        assert window.page("reports").staff_edit.text() == "李四"

        # renamed in Settings: the field follows; a name typed on Reports stays
        settings.staff_edit.setText("王五")
        settings.save_button.click()
        wait_idle(qtbot, tasks)
        assert window.page("reports").staff_edit.text() == "王五"
        window.page("reports").staff_edit.setText("赵六")
        settings.staff_edit.setText("孙七")
        settings.save_button.click()
        wait_idle(qtbot, tasks)
        assert window.page("reports").staff_edit.text() == "赵六"

        # saved with a language switch (the pages are rebuilt): an emptied field shows the saved name
        window.page("reports").staff_edit.setText("")
        settings.language_combo.setCurrentIndex(settings.language_combo.findData("en"))
        settings.language_combo.activated.emit(settings.language_combo.currentIndex())
        settings.save_button.click()
        wait_idle(qtbot, tasks)
        assert window.lang == "en"
        assert window.page("reports").staff_edit.text() == "孙七"
    finally:
        install_translators(app, "zh_CN")
        apply_theme(app)


def test_staff_and_centre_names_have_a_length_limit(qtbot, services, tasks) -> None:  # type: ignore[no-untyped-def]
    """A 100-character staff name had been saved and printed in every report's header."""
    import json

    from ipdesk.services.settings import CENTRE_NAME_MAX_CHARS, STAFF_NAME_MAX_CHARS, settings_path

    window = _window(qtbot, services, tasks, "zh_CN")
    settings = window.show_page("settings")
    settings.staff_edit.setText("李" * 100)
    settings.centre_edit.setText("中心" * 50)
    assert len(settings.staff_edit.text()) == STAFF_NAME_MAX_CHARS == 20
    assert len(settings.centre_edit.text()) == CENTRE_NAME_MAX_CHARS == 40
    settings.save_button.click()
    wait_idle(qtbot, tasks)
    saved = load_settings(services.data_dir)
    assert saved.staff_name == "李" * 20 and len(saved.centre_name) == 40
    reports = window.show_page("reports")
    reports.staff_edit.setText("王" * 50)
    assert reports.staff_edit.text() == "王" * 20
    # a settings file written by hand (or by an older version) is read within the limits too
    raw = json.loads(settings_path(services.data_dir).read_text(encoding="utf-8"))
    raw["staff_name"] = "张" * 100
    settings_path(services.data_dir).write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    assert load_settings(services.data_dir).staff_name == "张" * 20
