"""settings.json is written on a task's thread, never the window's: a data folder on a network share that
has stopped answering would hold the window for the whole SMB timeout. And the app's writers of it (Settings'
保存, the source Data & sync keeps, a backup's time, the kiosk switched off) take turns, each keeping the
others' changes."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from ipdesk.services import settings as settings_module
from ipdesk.services.settings import Settings, load_settings, save_settings, update_settings
from ipdesk.ui.settings_page import SettingsPage
from tests.ui.conftest import press_save


def test_the_settings_page_writes_off_the_gui_thread(qtbot, services, tasks, written_from) -> None:  # type: ignore[no-untyped-def]
    page = SettingsPage(services, tasks, None, "zh_CN")
    qtbot.addWidget(page)
    page.staff_edit.setText("合成测试员")
    page.save_button.click()
    assert not page.save_button.isEnabled() and services.settings.staff_name == ""  # not yet: being written
    qtbot.waitUntil(page.save_button.isEnabled, timeout=10000)
    assert written_from and threading.main_thread() not in written_from
    assert services.settings.staff_name == "合成测试员" == load_settings(services.data_dir).staff_name
    assert page.saved_label.text() == "已保存。"


def test_a_settings_file_that_cannot_be_written_changes_nothing_and_says_so(qtbot, services, tasks) -> None:  # type: ignore[no-untyped-def]
    save_settings(services.data_dir, services.settings)
    (services.data_dir / "settings.json.tmp").mkdir()  # where the new file is written first: in the way
    page = SettingsPage(services, tasks, None, "zh_CN")
    qtbot.addWidget(page)
    page.staff_edit.setText("合成测试员")
    press_save(qtbot, page)
    assert page.saved_label.text() == "无法保存设置：这是一个文件夹，不是文件"
    assert services.settings.staff_name == "" == load_settings(services.data_dir).staff_name


def test_two_writers_at_once_both_keep_their_change(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first writer is held on its write (a slow share); the second waits its turn and writes the first's
    change with its own, not over it."""
    shared = Settings()
    real = settings_module.write_atomically
    holding, release = threading.Event(), threading.Event()

    def slow_first(path: Path, data: bytes) -> None:
        if not holding.is_set():
            holding.set()
            assert release.wait(10)
        real(path, data)

    monkeypatch.setattr(settings_module, "write_atomically", slow_first)
    first = threading.Thread(target=update_settings, args=(tmp_path, shared), kwargs={"staff_name": "合成甲"})
    first.start()
    assert holding.wait(10)
    second = threading.Thread(target=update_settings, args=(tmp_path, shared), kwargs={"centre_name": "合成乙中心"})
    second.start()
    second.join(0.3)
    assert second.is_alive()  # waits for the first's write
    release.set()
    first.join(10)
    second.join(10)
    on_disk = load_settings(tmp_path)
    assert (on_disk.staff_name, on_disk.centre_name) == ("合成甲", "合成乙中心")
    assert (shared.staff_name, shared.centre_name) == ("合成甲", "合成乙中心")


def test_a_write_that_fails_leaves_the_running_settings_as_they_were(tmp_path: Path) -> None:
    shared = Settings(staff_name="合成原名")
    save_settings(tmp_path, shared)
    (tmp_path / "settings.json.tmp").mkdir()
    with pytest.raises(OSError):
        update_settings(tmp_path, shared, staff_name="合成新名")
    assert shared.staff_name == "合成原名" == load_settings(tmp_path).staff_name
