"""A page's read that meets the database locked by another writer (a data folder on a network share,
where readers wait for writers, during an update's apply or an import) is tried again by itself every few
seconds instead of sending the person to click again (`TaskRunner.run(wait_if_busy=True)`), and the status
bar says what it waits for. Before, only the search page did so; the by-place page, a record, the wizards
and the Reports page said "busy" and stopped."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlean

from ipdesk.services import db as db_module
from ipdesk.services.db import DB_FILENAME
from ipdesk.services.errors import DatabaseBusyError
from ipdesk.ui import tasks as tasks_module
from ipdesk.ui.tasks import TaskRunner


@pytest.fixture
def quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tasks_module, "BUSY_RETRY_MS", 20)
    monkeypatch.setattr(tasks_module, "BUSY_RETRIES", 3)


def _busy_then(result: object, busy_times: int) -> tuple[list[int], object]:
    tries: list[int] = []

    def work() -> object:
        tries.append(1)
        if len(tries) <= busy_times:
            raise DatabaseBusyError(detail="database is locked")
        return result

    return tries, work


def test_a_read_that_meets_a_lock_is_tried_again_and_answers_once(qtbot, quick_retries) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    waiting: list[bool] = []
    runner.sig_waiting_for_database.connect(waiting.append)
    done: list[object] = []
    errors: list[BaseException] = []
    tries, work = _busy_then("the rows", 2)
    runner.run(work, on_done=done.append, on_error=errors.append, wait_if_busy=True)
    qtbot.waitUntil(lambda: bool(done), timeout=5000)
    assert done == ["the rows"] and errors == [] and len(tries) == 3
    assert waiting[0] is True and waiting[-1] is False and not runner.waiting_for_database
    assert waiting == [True, False]  # one wait for the status bar, not one for each try
    assert not runner._pending and not runner._busy_retry and not runner._busy_tries


def test_it_gives_up_after_the_last_try_with_the_busy_error(qtbot, quick_retries) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    errors: list[BaseException] = []
    tries, work = _busy_then("never", 99)
    runner.run(work, on_done=lambda _r: pytest.fail("no result"), on_error=errors.append, wait_if_busy=True)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], DatabaseBusyError) and len(tries) == 1 + tasks_module.BUSY_RETRIES
    assert not runner.waiting_for_database


def test_without_wait_if_busy_it_fails_at_once(qtbot, quick_retries) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    errors: list[BaseException] = []
    tries, work = _busy_then("never", 99)
    runner.run(work, on_error=errors.append)  # a write: the person decides whether to do it again
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], DatabaseBusyError) and len(tries) == 1


def test_a_read_superseded_while_it_waits_is_not_tried_again(qtbot, quick_retries) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    answers: list[object] = []
    tries, work = _busy_then("old", 99)
    runner.run(work, on_done=answers.append, on_error=answers.append, key="place", wait_if_busy=True)
    qtbot.waitUntil(lambda: runner.waiting_for_database, timeout=5000)
    runner.run(lambda: "new", on_done=answers.append, key="place", wait_if_busy=True)  # another place chosen
    qtbot.waitUntil(lambda: not runner._pending, timeout=5000)
    assert answers == ["new"] and len(tries) == 1 and not runner.waiting_for_database


# --- a real lock on a real database file, in the window ---

@pytest.fixture
def shared_folder(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder treated as on a share (rollback journal: readers wait for a writer)."""
    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_MS", 100)
    monkeypatch.setattr(tasks_module, "BUSY_RETRY_MS", 200)
    monkeypatch.setenv("IPDESK_DATA_ON_NETWORK", "1")
    return data_dir


@pytest.fixture
def window_on_share(qtbot, shared_folder: Path) -> Iterator[object]:  # type: ignore[no-untyped-def]
    from ipdesk.services.container import build_services
    from ipdesk.ui.main_window import MainWindow

    services = build_services(shared_folder)
    tasks = TaskRunner()
    window = MainWindow(services, tasks, lang="zh_CN", probe_network=False)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: not tasks._pending, timeout=10000)
    yield window
    tasks.wait_idle()
    services.close()


def test_a_place_read_during_another_writers_lock_shows_once_the_lock_is_gone(qtbot, window_on_share,  # type: ignore[no-untyped-def]
                                                                               shared_folder: Path) -> None:
    window = window_on_share
    page = window.show_page("place")
    other = sqlean.connect(str(shared_folder / DB_FILENAME), isolation_level=None)
    try:
        other.execute("BEGIN EXCLUSIVE")  # as a data update's apply holds it
        page.show_place("230184100000")  # 五常镇
        qtbot.waitUntil(lambda: window.status.busy_label.text() == "等待数据库…", timeout=10000)
        assert "数据更新或导入" in window.status.busy_label.toolTip()
        assert "数据库正忙" not in page.summary.text()  # not told to try again: it is trying
        other.execute("ROLLBACK")  # the write has ended
    finally:
        other.close()
    qtbot.waitUntil(lambda: "五常镇" in page.place_label.text() and "地理标志" in page.summary.text(), timeout=10000)
    qtbot.waitUntil(lambda: "等待数据库" not in window.status.busy_label.text(), timeout=10000)
