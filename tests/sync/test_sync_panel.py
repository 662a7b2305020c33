"""The sync panel offscreen: check, update with progress, what changed per dataset, errors in place."""

from __future__ import annotations

from types import SimpleNamespace

from ipdesk.services.settings import Settings
from tests.sync.conftest import Folder, Repos


def _panel(qtbot, folder: Folder, repos: Repos, source: str):  # type: ignore[no-untyped-def]
    from ipdesk.ui.sync_panel import SyncPanel
    from ipdesk.ui.tasks import TaskRunner

    tasks = TaskRunner()
    services = SimpleNamespace(settings=Settings(update_source=source), sync=folder.client(repos))
    panel = SyncPanel(services, tasks, "en")
    qtbot.addWidget(panel)
    return panel, tasks


def test_check_then_update_shows_what_changed(qtbot, folder: Folder, repos: Repos) -> None:  # type: ignore[no-untyped-def]
    panel, tasks = _panel(qtbot, folder, repos, str(repos.v1))
    qtbot.waitUntil(lambda: panel.status_label.text() != "")
    panel.check_button.click()
    qtbot.waitUntil(lambda: panel.changes.rowCount() == 2 and panel.check_button.isEnabled(), timeout=10000)
    assert panel.changes.item(0, 5).text().endswith("MB")
    with qtbot.waitSignal(panel.sig_applied, timeout=20000) as blocker:
        panel.sync_button.click()
    assert blocker.args[0].applied is not None
    qtbot.waitUntil(lambda: panel.changes.item(0, 4) is not None and panel.changes.item(0, 4).text().startswith("+"),
                    timeout=10000)
    cells = {panel.changes.item(r, 4).text() for r in range(panel.changes.rowCount())}
    assert any(c.startswith("+119") for c in cells) and any(c.startswith("+40") for c in cells)
    assert panel.cancel_button.isEnabled() is False
    tasks.wait_idle()


def test_an_error_is_shown_in_place(qtbot, folder: Folder, repos: Repos, tmp_path) -> None:  # type: ignore[no-untyped-def]
    panel, tasks = _panel(qtbot, folder, repos, str(tmp_path / "no-such-stick"))
    panel.sync_button.click()
    qtbot.waitUntil(lambda: "missing" in panel.status_label.text(), timeout=10000)
    assert panel.sync_button.isEnabled()
    tasks.wait_idle()
