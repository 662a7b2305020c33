"""A folder that is not an update repository (a text file in it, or empty): a plain message in both
languages, the folder not saved as the update source, and the status bar not calling it a working source."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from ipdesk.services.settings import Settings, load_settings
from ipdesk.services.sync.errors import DownloadError
from tests.sync.conftest import Folder, Repos


@pytest.fixture
def not_repo(tmp_path: Path) -> Path:
    folder = tmp_path / "notrepo"
    folder.mkdir()
    (folder / "notes.txt").write_text("购物清单", encoding="utf-8")
    return folder


def test_the_check_says_the_folder_is_no_update_source(folder: Folder, repos: Repos, not_repo: Path,
                                                       tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    for path in (not_repo, empty):
        with pytest.raises(DownloadError) as caught:
            folder.client(repos).check(str(path))
        assert caught.value.message("zh_CN").startswith("这个文件夹不是 ipdesk 更新源：其中没有 manifest.json")
        assert caught.value.message("en").startswith("This folder is not an ipdesk update source: it has no "
                                                     "manifest.json")
        assert str(path) in caught.value.message("en")


def test_the_panel_does_not_keep_it_as_the_source(qtbot, folder: Folder, repos: Repos, not_repo: Path) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.ui.sync_panel import SyncPanel
    from ipdesk.ui.tasks import TaskRunner

    tasks = TaskRunner()
    services = SimpleNamespace(settings=Settings(update_source=str(repos.v1)), sync=folder.client(repos),
                               data_dir=folder.path)
    panel = SyncPanel(services, tasks, "en")
    qtbot.addWidget(panel)
    saved: list[object] = []
    panel.sig_source_saved.connect(lambda new, old: saved.append(new))
    panel.source_edit.setText(str(not_repo))
    panel.check_button.click()
    qtbot.waitUntil(lambda: "not an ipdesk update source" in panel.status_label.text(), timeout=10000)
    assert services.settings.update_source == str(repos.v1) and not saved
    assert not (folder.path / "settings.json").exists() or load_settings(folder.path).update_source != str(not_repo)
    tasks.wait_idle()

    # a real update folder typed in is kept as before
    panel.source_edit.setText(str(repos.v1) + "/")
    panel.check_button.click()
    qtbot.waitUntil(lambda: panel.check_button.isEnabled() and bool(saved), timeout=10000)
    tasks.wait_idle()


def test_a_typed_folder_is_looked_at_and_kept_off_the_gui_thread(  # type: ignore[no-untyped-def]
        qtbot, folder: Folder, repos: Repos, monkeypatch: pytest.MonkeyPatch, written_from) -> None:
    """Whether a typed folder holds an update is asked of the disk on the task's thread: a network share that
    does not answer (Windows waits out the SMB timeout) must not hold up the window."""
    import threading

    from ipdesk.ui import sync_panel
    from ipdesk.ui.tasks import TaskRunner

    looked_from: list[threading.Thread] = []
    real = sync_panel.not_an_update_folder

    def looking(source: str) -> bool:
        looked_from.append(threading.current_thread())
        return real(source)

    monkeypatch.setattr(sync_panel, "not_an_update_folder", looking)
    tasks = TaskRunner()
    services = SimpleNamespace(settings=Settings(update_source=""), sync=folder.client(repos), data_dir=folder.path)
    panel = sync_panel.SyncPanel(services, tasks, "en")
    qtbot.addWidget(panel)
    saved: list[object] = []
    panel.sig_source_saved.connect(lambda new, old: saved.append(new))
    panel.source_edit.setText(str(repos.v1))
    panel.check_button.click()
    assert not saved  # nothing decided on the GUI thread (the answer comes through its event loop)
    qtbot.waitUntil(lambda: bool(saved), timeout=10000)
    assert looked_from and threading.main_thread() not in looked_from
    assert written_from and threading.main_thread() not in written_from  # and kept (saved) on a task's thread
    assert services.settings.update_source == str(repos.v1)
    assert load_settings(folder.path).update_source == str(repos.v1)
    tasks.wait_idle()


def test_nothing_typed_is_said_on_the_page(qtbot, folder: Folder, repos: Repos) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.ui.sync_panel import SyncPanel
    from ipdesk.ui.tasks import TaskRunner

    tasks = TaskRunner()
    services = SimpleNamespace(settings=Settings(update_source=""), sync=folder.client(repos), data_dir=folder.path)
    panel = SyncPanel(services, tasks, "zh_CN")
    qtbot.addWidget(panel)
    panel.check_button.click()
    assert "上面的“更新来源”" in panel.status_label.text() and "数据与同步" not in panel.status_label.text()
    tasks.wait_idle()


def test_the_status_bar_does_not_call_it_a_working_source(not_repo: Path, repos: Repos) -> None:
    from ipdesk.ui.status_bar import probe_update_source

    assert probe_update_source(str(not_repo)) == "not_source"
    assert probe_update_source(str(repos.v1)) == "local"
    assert probe_update_source(str(not_repo / "gone")) == "offline"
