"""Staff and kiosk users are told when the data are getting old (QA 20c N6): "Data & sync" keeps the
last applied update heading its table after a failed check and warns after a month without a
successful update or once the source expired; the kiosk home stops promising automatic updates while
they fail, and its as-of date is the oldest of the registers it serves."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

from ipdesk.services.settings import Settings
from tests.sync.conftest import Folder, Repos


def _panel(qtbot, folder: Folder, repos: Repos, source: str, **client: Any):  # type: ignore[no-untyped-def]
    from ipdesk.ui.sync_panel import SyncPanel
    from ipdesk.ui.tasks import TaskRunner

    tasks = TaskRunner()
    services = SimpleNamespace(settings=Settings(update_source=source), sync=folder.client(repos, **client),
                               data_dir=folder.path)
    panel = SyncPanel(services, tasks, "zh_CN")
    qtbot.addWidget(panel)
    return panel, tasks


def test_a_failed_check_keeps_the_last_update_heading_its_table(qtbot, folder: Folder, repos: Repos,  # type: ignore[no-untyped-def]
                                                                 tmp_path) -> None:
    folder.client(repos).sync(str(repos.v1))
    panel, tasks = _panel(qtbot, folder, repos, str(tmp_path / "no-such-stick"))
    qtbot.waitUntil(lambda: "更新包第 1 版" in panel.status_label.text(), timeout=10000)
    assert panel.applied_label.isHidden()  # the status line says it already
    panel.check_button.click()
    qtbot.waitUntil(lambda: "找不到更新文件夹" in panel.status_label.text(), timeout=10000)
    tasks.wait_idle()
    qtbot.waitUntil(lambda: not panel.applied_label.isHidden(), timeout=10000)
    text = panel.applied_label.text()
    assert text.startswith("上次应用的更新：更新包第 1 版，时间 ") and text.endswith("各数据集的变化：")
    assert panel.changes.rowCount() == 2 and panel.changes.item(0, 4).text().startswith("+")
    assert panel.health_label.isHidden()  # one failed check: nothing old yet
    tasks.wait_idle()


def test_a_month_without_a_successful_update_is_warned_of(qtbot, folder: Folder, repos: Repos) -> None:  # type: ignore[no-untyped-def]
    folder.client(repos).sync(str(repos.v1))
    later = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(days=40)
    panel, tasks = _panel(qtbot, folder, repos, str(repos.v1), clock=lambda: later)
    qtbot.waitUntil(lambda: not panel.health_label.isHidden(), timeout=10000)
    assert "已有 40 天没有成功检查或更新数据" in panel.health_label.text()
    tasks.wait_idle()


def test_an_expired_source_is_warned_of(qtbot, folder: Folder, repos: Repos) -> None:  # type: ignore[no-untyped-def]
    folder.client(repos).sync(str(repos.v1))
    later = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(days=100)  # past the 90 days
    panel, tasks = _panel(qtbot, folder, repos, str(repos.v1), clock=lambda: later)
    qtbot.waitUntil(lambda: not panel.health_label.isHidden(), timeout=10000)
    assert "更新来源已过期（有效期至" in panel.health_label.text()
    tasks.wait_idle()


# --- the kiosk's home screen -----------------------------------------------------------------------

def _dataset(name: str, as_of: str | None, records: int = 10) -> Any:
    return SimpleNamespace(name=name, as_of=dt.date.fromisoformat(as_of) if as_of else None, record_count=records)


def test_the_kiosk_as_of_is_the_oldest_register() -> None:
    from ipdesk.ui.kiosk.screens import kiosk_as_of

    datasets = [_dataset("divisions", "2026-09-11"), _dataset("classifications", "2026-11-25"),
                _dataset("gi", "2026-11-25"), _dataset("patents", "2026-11-20"), _dataset("trademarks", "2026-11-27"),
                _dataset("local_patents", "2026-01-01")]
    assert kiosk_as_of(datasets) == "2026-11-20"  # the patents lag: "data as of" must hold for all shown
    # a register with no records yet (the seed's patents) says nothing about the data shown
    assert kiosk_as_of([_dataset("gi", "2026-11-25"), _dataset("patents", None, 0)]) == "2026-11-25"
    assert kiosk_as_of([_dataset("divisions", "2026-09-11")]) == "2026-09-11"  # only reference lists
    assert kiosk_as_of([]) == ""


def test_the_kiosk_stops_promising_updates_while_they_fail(qtbot) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.ui.kiosk.screens import HomeScreen

    home = HomeScreen()
    qtbot.addWidget(home)
    home.set_as_of("2026-11-20")
    home.set_updates_automatic(True)
    assert home.as_of.text() == home.tr("数据截至 %1 · 数据更新在无人使用时自动进行").replace("%1", "2026-11-20")
    home.set_updates_failing(True)
    text = home.as_of.text()
    assert "自动进行" not in text and home.tr("数据更新暂时失败，请联系工作人员") in text and "2026-11-20" in text
    home.set_updates_failing(False)
    assert "自动进行" in home.as_of.text()
