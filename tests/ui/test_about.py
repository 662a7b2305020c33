"""About and help (F1): version, data and logs folders, the data's as-of dates, sources and how to ask
for help; the unexpected-error dialog names the log file."""

from __future__ import annotations

import html
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QPushButton

from ipdesk import __version__
from ipdesk.services.logfiles import FILE_HANDLER_NAME, open_log_file
from tests.ui.conftest import wait_idle


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The folders the dialog asked the system to show (no file manager is started in a test)."""
    urls: list[str] = []

    def open_url(url: QUrl) -> bool:
        urls.append(url.toLocalFile())
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    return urls


@pytest.fixture
def log_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """This run's log file, as `ipdesk.cli` sets it up (a file handler under <data>/logs/)."""
    handler = open_log_file(tmp_path / "data")
    assert handler is not None
    handler.set_name(FILE_HANDLER_NAME)
    monkeypatch.setattr(logging.getLogger(), "handlers", [handler])
    logging.getLogger("ipdesk.test").info("window shown")
    yield Path(handler.baseFilename)
    handler.close()


def label_text(dialog: Any, name: str) -> str:
    label = dialog.findChild(QLabel, name)
    assert label is not None, name
    return " ".join(label.text().split())


def test_f1_opens_about_with_folders_and_data_dates(
        qtbot: Any, window: Any, tasks: Any, shared_services: Any, opened: list[str]) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = window._about
    assert dialog is not None and dialog.isVisible()
    wait_idle(qtbot, tasks)
    assert dialog.windowTitle() == "关于 ipdesk"
    assert label_text(dialog, "about_version") == __version__
    data_dir = Path(shared_services.data_dir)
    assert dialog.data_dir_edit.path == str(data_dir) and dialog.data_dir_edit.toolTip() == str(data_dir)
    assert dialog.logs_edit.path == str(data_dir / "logs")
    datasets = label_text(dialog, "about_datasets")
    for d in shared_services.datasets():
        if d.record_count and d.as_of:
            assert d.as_of.isoformat() in datasets
    assert "地理标志" in datasets and "行政区划" in datasets
    assert "民政部" in datasets and "MIT" in label_text(dialog, "about_sources")
    assert "日志文件" in label_text(dialog, "about_help")
    dialog.open_logs_button.click()
    assert opened == [str(data_dir / "logs")] and (data_dir / "logs").is_dir()
    qtbot.keyClick(window, Qt.Key.Key_F1)  # again: the same dialog, not a second one
    assert window._about is dialog
    dialog.close()
    qtbot.waitUntil(lambda: window._about is None, timeout=2000)
    qtbot.mouseClick(window.about_button, Qt.MouseButton.LeftButton)  # the button under the rail opens it too
    assert window._about is not None and window._about.isVisible()
    window._about.close()


def test_about_names_this_runs_log_file(qtbot: Any, window: Any, tasks: Any, log_file: Path) -> None:
    dialog = window.show_about()
    wait_idle(qtbot, tasks)
    assert label_text(dialog, "about_log_file") == log_file.name
    dialog.close()


def test_about_in_english(qtbot: Any, english_window: Any, tasks: Any) -> None:
    dialog = english_window.show_about()
    wait_idle(qtbot, tasks)
    assert dialog.windowTitle() == "About ipdesk"
    datasets = label_text(dialog, "about_datasets")
    assert "Geographical indications" in datasets and "Administrative divisions" in datasets
    assert "地理标志" not in datasets
    assert "Ministry of Civil Affairs" in datasets
    assert "log file" in label_text(dialog, "about_help")
    assert english_window.about_button.text() == "About and help"
    dialog.close()


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_each_source_in_the_data_pages_words(qtbot: Any, shared_services: Any, tasks: Any, lang: str,
                                             compiled_translations: Path) -> None:
    """The sources are the Data & sync table's own words (the About text had said 民政部全国地名数据库
    where the table says 民政部国家地名信息库)."""
    from ipdesk.ui.about import AboutDialog
    from ipdesk.ui.data_page import DatasetsModel
    from ipdesk.ui.i18n import install_translators

    install_translators(QApplication.instance(), lang)
    try:
        dialog = AboutDialog(shared_services, tasks, lang)
        qtbot.addWidget(dialog)
        wait_idle(qtbot, tasks)
        datasets = dialog.findChild(QLabel, "about_datasets").text()
        model = DatasetsModel(lang)
        model.set_datasets(shared_services.datasets())
        shown = [d for d in shared_services.datasets() if d.record_count]
        assert any(d.name == "divisions" for d in shown)
        for d in shown:
            assert html.escape(model.source_text(d)) in datasets, d.name
        assert "全国地名数据库" not in label_text(dialog, "about_sources")
        assert "national place-name database" not in label_text(dialog, "about_sources")  # said once, above
    finally:
        install_translators(QApplication.instance(), "zh_CN")


def test_a_long_folder_path_shows_its_end(qtbot: Any) -> None:
    """A path wider than its field is elided in the middle: `…/logs` stays in view (the data and logs
    folders had looked the same); the full path is the tooltip and the text while the field has focus."""
    from ipdesk.ui.about import PathField

    path = str(Path("/srv") / ("服务中心共享文件夹" * 6) / "ipdesk 数据" / "logs")
    field = PathField(path)
    qtbot.addWidget(field)
    field.resize(300, field.sizeHint().height())
    field.show()
    qtbot.waitExposed(field)
    assert "…" in field.text() and field.text().endswith(str(Path("ipdesk 数据") / "logs"))
    assert field.fontMetrics().horizontalAdvance(field.text()) <= field.width()
    assert field.toolTip() == path and field.path == path
    field.setFocus()
    qtbot.waitUntil(lambda: field.text() == path, timeout=2000)
    assert field.cursorPosition() == len(path)  # its end in view
    field.resize(2000, field.height())
    field.clearFocus()
    qtbot.waitUntil(lambda: field.text() == path, timeout=2000)  # room for all of it: not elided


@pytest.mark.parametrize("font_size", ["normal", "large", "larger", "largest"])
def test_the_dialog_grows_with_the_font_within_the_screen(
        qtbot: Any, shared_services: Any, tasks: Any, font_size: str) -> None:
    """The dialog's size follows the font (it stayed 640×560 at every size) and never exceeds the screen;
    at the largest font, on a screen as narrow as the dialog, the logs field still ends in `logs`."""
    from ipdesk.ui.about import AboutDialog
    from ipdesk.ui.theme import apply_theme

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, font_size)
    try:
        dialog = AboutDialog(shared_services, tasks, "zh_CN")
        qtbot.addWidget(dialog)
        wait_idle(qtbot, tasks)
        line = dialog.fontMetrics().height()
        area = app.primaryScreen().availableGeometry()
        size = dialog.size()
        assert size.width() <= area.width() and size.height() <= area.height()
        assert size.width() == min(AboutDialog.WIDTH_LINES * line, area.width() * 19 // 20)
        assert size.height() == min(AboutDialog.HEIGHT_LINES * line, area.height() * 9 // 10)
        if font_size == "normal":
            # QA: 551 px high cut 如何获得帮助 off at the normal font on a 1024×768 screen
            assert abs(size.width() - 640) < 40 and size.height() >= 620
        dialog.resize(420, size.height())
        dialog.show()
        qtbot.waitExposed(dialog)
        qtbot.wait(20)
        logs = dialog.logs_edit
        assert logs.text().endswith("logs") and logs.text() != dialog.data_dir_edit.text()
        assert logs.fontMetrics().horizontalAdvance(logs.text()) <= logs.width()
        dialog.close()
    finally:
        apply_theme(app, "normal")


def test_the_error_dialog_says_where_the_log_file_is(qtbot: Any, log_file: Path, opened: list[str]) -> None:
    from ipdesk.ui.crash import CrashReporter

    reporter = CrashReporter(show_dialog=False)
    box = reporter.message_box("Traceback (most recent call last):\nRuntimeError: boom")
    qtbot.addWidget(box)
    assert str(log_file) in box.text() and "日志文件" in box.text()
    assert box.detailedText().endswith("RuntimeError: boom")
    button = box.findChild(QPushButton, "open_logs_folder")
    assert button is not None and button is reporter.open_logs_button


def test_the_error_dialog_without_a_log_file(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from ipdesk.ui.crash import CrashReporter

    monkeypatch.setattr(logging.getLogger(), "handlers", [])  # the data folder could not be written
    reporter = CrashReporter(show_dialog=False)
    box = reporter.message_box("report")
    qtbot.addWidget(box)
    assert "未能写入日志文件" in box.text()
    assert box.findChild(QPushButton, "open_logs_folder") is None
    assert box.standardButtons() == QMessageBox.StandardButton.Ok


def test_the_error_dialog_in_english(qtbot: Any, english: str, log_file: Path) -> None:
    from ipdesk.ui.crash import CrashReporter

    box = CrashReporter(show_dialog=False).message_box("report")
    qtbot.addWidget(box)
    assert str(log_file) in box.text() and "log file" in box.text()
