"""The background task helper: answers on the GUI thread, superseded and orphaned answers dropped."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QLabel

from ipdesk.ui.tasks import TaskRunner


def test_result_arrives_on_the_gui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    got: list[tuple[int, bool]] = []
    worker_thread: list[int] = []

    def work() -> int:
        worker_thread.append(threading.get_ident())
        return 42

    runner.run(work, on_done=lambda r: got.append((r, threading.get_ident() == threading.main_thread().ident)))
    qtbot.waitUntil(lambda: bool(got), timeout=5000)
    assert got == [(42, True)]
    assert worker_thread and worker_thread[0] != threading.main_thread().ident


def test_error_goes_to_on_error(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    errors: list[BaseException] = []

    def boom() -> None:
        raise ValueError("bad")

    runner.run(boom, on_done=lambda r: pytest.fail("no result expected"), on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], ValueError)


def test_newer_task_with_same_key_supersedes(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    gate = threading.Event()
    got: list[str] = []
    runner.run(lambda: gate.wait(5) and "old", on_done=got.append, key="search")
    runner.run(lambda: "new", on_done=got.append, key="search")
    gate.set()
    qtbot.waitUntil(lambda: "new" in got, timeout=5000)
    assert runner.wait_idle(5000)
    qtbot.wait(50)
    assert got == ["new"]


def test_answer_for_a_destroyed_widget_is_dropped(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    gate = threading.Event()
    label = QLabel()
    called: list[str] = []

    def fill(text: str) -> None:
        called.append(text)
        label.setText(text)  # would raise "already deleted" if it ran

    runner.run(lambda: gate.wait(5) and "late", on_done=fill, owner=label)
    label.deleteLater()
    qtbot.wait(20)
    gate.set()
    assert runner.wait_idle(5000)
    qtbot.wait(50)
    assert called == []


class _Page(QLabel):
    """A page that asks in its own methods, its answers written as a lambda and a nested function (as the
    Reports page's service record is loaded), with no `owner=` given."""

    def __init__(self, runner: TaskRunner, gate: threading.Event) -> None:
        super().__init__()
        self.called: list[str] = []
        runner.run(lambda: gate.wait(5) and "late", on_done=lambda text: self._fill(text))

        def failed(error: BaseException) -> None:
            self._fill(str(error))

        runner.run(lambda: gate.wait(5) and 1 / 0, on_error=failed)

    def _fill(self, text: str) -> None:
        self.called.append(text)
        self.setText(text)  # "Internal C++ object already deleted" if it ran


def test_a_lambdas_answer_for_a_destroyed_page_is_dropped_too(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A page rebuilt (a language switch) while its ledger was loading: the old page's answer, written
    as a lambda over `self`, called into the deleted widget (only bound methods were taken as owned)."""
    import shiboken6

    runner = TaskRunner()
    gate = threading.Event()
    page = _Page(runner, gate)
    called = page.called
    page.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(page), timeout=2000)
    gate.set()
    assert runner.wait_idle(5000)
    qtbot.wait(50)
    assert called == []

    ready = threading.Event()
    ready.set()
    alive = _Page(runner, ready)  # a page still there gets its answers
    assert runner.wait_idle(5000)
    qtbot.waitUntil(lambda: sorted(alive.called) == ["division by zero", "late"], timeout=2000)


def test_a_task_its_owner_cancels_still_answers_when_asked_to(qtbot) -> None:  # type: ignore[no-untyped-def]
    """QA 20b N1: the import panel's Cancel never got its answer, so the panel stayed busy."""
    from ipdesk.ui.tasks import CancelToken

    class Stopped(Exception):
        pass

    runner = TaskRunner()
    gate = threading.Event()
    token = CancelToken()
    errors: list[BaseException] = []

    def work() -> None:
        gate.wait(5)
        if token.cancelled:
            raise Stopped()

    task = runner.run(work, on_done=lambda r: pytest.fail("no result expected"), on_error=errors.append,
                      token=token, answer_cancelled=True)
    token.cancel()
    assert runner.is_running(task)  # it has yet to answer
    gate.set()
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], Stopped) and not runner.is_running(task)


def test_a_task_its_owner_cancels_is_dropped_by_default_and_when_superseded(qtbot) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.ui.tasks import CancelToken

    runner = TaskRunner()
    gate = threading.Event()
    got: list[str] = []
    plain = CancelToken()
    runner.run(lambda: gate.wait(5) and "plain", on_done=got.append, token=plain)  # a sync check: settled at the click
    plain.cancel()
    # superseded by a newer task with the same key: dropped even when it answers cancelled ones
    runner.run(lambda: gate.wait(5) and "old", on_done=got.append, key="k", token=CancelToken(), answer_cancelled=True)
    runner.run(lambda: "new", on_done=got.append, key="k")
    gate.set()
    assert runner.wait_idle(5000)
    qtbot.wait(50)
    assert got == ["new"]


TOWN = "合成测试乡"  # synthetic: a place typed by the person
CLIENT = "欧阳测试农户"  # synthetic


def _refuse_the_place() -> None:
    from ipdesk.services.errors import UserInputError

    raise UserInputError(f"找不到“{TOWN}”（服务对象：{CLIENT}）。", f"No place called “{TOWN}” (client: {CLIENT}).")


def test_a_refused_input_is_logged_by_kind_and_origin_not_by_what_was_typed(qtbot, caplog) -> None:  # type: ignore[no-untyped-def]
    import logging

    from ipdesk.services.errors import DataFolderError, UserInputError

    runner = TaskRunner()
    errors: list[BaseException] = []
    with caplog.at_level(logging.DEBUG, logger="ipdesk"):
        runner.run(_refuse_the_place, on_error=errors.append)
        runner.run(_refuse_the_place)  # nobody to answer: logged as an error, the same way
        qtbot.waitUntil(lambda: bool(errors) and not runner._pending, timeout=5000)
    # the person still sees the message, word for word
    assert isinstance(errors[0], UserInputError)
    assert errors[0].message("zh_CN") == f"找不到“{TOWN}”（服务对象：{CLIENT}）。"
    assert errors[0].message("en") == f"No place called “{TOWN}” (client: {CLIENT})."
    # the log says what kind of refusal and where it came from, not what was typed
    assert TOWN not in caplog.text and CLIENT not in caplog.text and "No place called" not in caplog.text
    assert "UserInputError from test_tasks.py:" in caplog.text and "_refuse_the_place" in caplog.text
    assert "background task failed: UserInputError" in caplog.text

    caplog.clear()

    def full_disk() -> None:  # not a refused input: its detail (the system's words) is still logged
        raise DataFolderError("磁盘已满。", "The disk is full.", detail="[Errno 28] No space left on device")

    with caplog.at_level(logging.DEBUG, logger="ipdesk"):
        runner.run(full_disk, on_error=errors.append)
        qtbot.waitUntil(lambda: len(errors) == 2, timeout=5000)
    assert "DataFolderError [Errno 28] No space left on device" in caplog.text
