"""About and help (F1): version, data and logs folders, the data's as-of dates, sources and how to ask
for help; the unexpected-error dialog names the log file."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton

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
    assert dialog.data_dir_edit.text() == str(data_dir)
    assert dialog.logs_edit.text() == str(data_dir / "logs")
    datasets = label_text(dialog, "about_datasets")
    for d in shared_services.datasets():
        if d.record_count and d.as_of:
            assert d.as_of.isoformat() in datasets
    assert "地理标志" in datasets and "行政区划" in datasets
    assert "民政部" in label_text(dialog, "about_sources") and "MIT" in label_text(dialog, "about_sources")
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
    assert "Ministry of Civil Affairs" in label_text(dialog, "about_sources")
    assert "log file" in label_text(dialog, "about_help")
    assert english_window.about_button.text() == "About and help"
    dialog.close()


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
