"""Background work: run a callable off the GUI thread and get its result or error back on it.

The shape is Anki's QueryOp: `tasks.run(fn, on_done=..., on_error=...)`. Database work shares one
worker thread (SQLite work never overlaps); network work has its own small pool. A newer task with
the same `key` supersedes an older one: the older one's result is dropped (a search typed over).
A task whose owner cancels its `token` is not superseded: with `answer_cancelled=True` its answer
(usually the error the work raised on seeing the token, or its result if it finished first) still
comes to `on_done` / `on_error`, so that the owner can say "cancelled" and be ready again. Without
it the answer is dropped, for owners that settle themselves at the click (a sync check).

A read given `wait_if_busy=True` that meets the database locked by another writer (a data update's apply
or an import, on a data folder on a network share, where readers wait for writers) is tried again every
`BUSY_RETRY_MS`, up to `BUSY_RETRIES` times (about as long as a million-record update's apply), instead of
failing at once; the runner says so meanwhile (`sig_waiting_for_database`: the status bar shows it), and
only the last try's error reaches `on_error`.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal, Slot

from ipdesk.domain.i18n import Text
from ipdesk.services.errors import DatabaseBusyError, IpdeskError, UserInputError, as_expected, os_reason

log = logging.getLogger("ipdesk.ui.tasks")


def _frames(exc: BaseException) -> list[str]:
    """The frames an error was raised through, innermost first: file, line and function only."""
    return [f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(traceback.extract_tb(exc.__traceback__))]


def _origin(exc: BaseException) -> str:
    """Where an error was raised: the innermost frame."""
    return next(iter(_frames(exc)), "?")


def loggable(exc: BaseException) -> str:
    """An error as the log may hold it. A refused input (UserInputError) by its kind, its `reason`
    if it has one, where it was raised and its detail (a parser's or the system's own words, set by
    an import or a backup), never its message: that can quote what was typed (a client's or a
    township's name), and the log is sent when asking for help. The person still sees the message
    (`on_error`). Other expected errors by kind and detail, or their English message when they have
    none; anything else as it is."""
    if isinstance(exc, UserInputError):
        reason = getattr(exc, "reason", "")
        detail = f": {exc.detail}" if exc.detail else ""
        return f"{type(exc).__name__}{f' ({reason})' if reason else ''} from {_origin(exc)}{detail}"
    if isinstance(exc, IpdeskError):
        return f"{type(exc).__name__} {exc.detail or exc.en}"
    return str(exc)


# A read that meets a locked database (`wait_if_busy`) is tried again this often, this many times: about
# three minutes, a million-record update's apply on a network share (the search page's own retry: the same).
BUSY_RETRY_MS = 3000
BUSY_RETRIES = 20

UNEXPECTED = Text("出现意外问题，详细信息已写入日志。", "Something unexpected went wrong; the details are in the log.")


def error_text(error: BaseException, lang: str, *, doing: str = "", unexpected: Text = UNEXPECTED) -> str:
    """What the screen says about a task that failed: an expected error's own words; anything else as
    `unexpected`, in the screen's language. Its own text (a driver's English, with its SQL) is for the
    log, where it is written here, with `doing` (what was being done) for context."""
    if isinstance(error, IpdeskError):
        return error.message(lang)
    log.error("unexpected error%s", f" {doing}" if doing else "", exc_info=error)
    return unexpected(lang)


def write_error_text(error: BaseException, lang: str, *, doing: str = "") -> str:
    """Why writing a file failed: an OSError by its reason (a full disk, no permission, a folder in the
    way), anything else as `error_text` says it."""
    if isinstance(error, OSError):
        return os_reason(error, writing=True)(lang)
    return error_text(error, lang, doing=doing)


class CancelToken:
    """Checked by long work between steps; set when the task is superseded or cancelled."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()


class _Relay(QObject):
    sig_finished = Signal(object, object, object)  # task id, result, error


class _Job:
    """One task's work, run by a pool thread. Handed to the pool as a plain callable (`QThreadPool.start`
    wraps it in a C++ runnable that lets go of it when done), not as a QRunnable subclass: PySide keeps such a
    Python runnable referenced from the pool's wrapper after Qt has deleted it, now and then (about one task in
    four on the database pool in a kiosk's visit), so an unattended kiosk piled them up with their closures."""

    def __init__(self, task_id: int, fn: Callable[[], Any], relay: _Relay) -> None:
        self.task_id = task_id
        self.fn = fn
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as raised:  # delivered to on_error on the GUI thread
            exc = as_expected(raised)  # a database left locked by a data update: said in words
            if isinstance(exc, IpdeskError):  # expected: its message is shown; its detail belongs in the log
                log.info("task %d: %s", self.task_id, loggable(exc))
            if isinstance(exc, UserInputError):  # its frames only: the message may quote what was typed
                log.debug("task %d refused: %s; raised through %s", self.task_id, loggable(exc),
                          " < ".join(_frames(exc)))
            else:
                log.debug("task %d failed: %s", self.task_id, "".join(traceback.format_exception(exc)))
            self._answer(None, exc)
            return
        self._answer(result, None)

    def _answer(self, result: Any, error: BaseException | None) -> None:
        # A task that outlives the app (still running when the window closed and `run_app` stopped
        # waiting) has nobody to answer: its relay is gone with the runner.
        if not shiboken6.isValid(self.relay):
            log.debug("task %d ended after the app closed: answer dropped", self.task_id)
            return
        try:
            self.relay.sig_finished.emit(self.task_id, result, error)
        except RuntimeError:  # deleted between the test and the emit
            log.debug("task %d ended after the app closed: answer dropped", self.task_id)


def _owner_of(callback: Callable[..., Any] | None) -> QObject | None:
    """The QObject an answer belongs to: a bound method's object, or the `self` a lambda or nested
    function written in a method refers to (`on_done=lambda found: self._show_records(*found)`). Such
    answers had no owner, so one arriving after its page was destroyed (a language switch rebuilds the
    pages) called into a deleted widget."""
    receiver = getattr(callback, "__self__", None)
    if isinstance(receiver, QObject):
        return receiver
    code, closure = getattr(callback, "__code__", None), getattr(callback, "__closure__", None)
    if code is None or not closure or "self" not in code.co_freevars:
        return None
    try:
        captured = closure[code.co_freevars.index("self")].cell_contents
    except ValueError:  # an empty cell: `self` not bound yet
        return None
    return captured if isinstance(captured, QObject) else None


class TaskRunner(QObject):
    sig_busy_changed = Signal(int)  # number of tasks running
    sig_waiting_for_database = Signal(bool)  # some read waits for another writer's lock to go (`wait_if_busy`)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db_pool = QThreadPool(self)
        self._db_pool.setMaxThreadCount(1)
        self._net_pool = QThreadPool(self)
        self._net_pool.setMaxThreadCount(2)
        self._relay = _Relay()
        self._relay.sig_finished.connect(self._on_relay_finished)
        self._next_id = 0
        self._pending: dict[int, tuple[Callable[[Any], None] | None, Callable[[BaseException], None] | None]] = {}
        self._latest_by_key: dict[str, int] = {}
        self._tokens: dict[int, CancelToken] = {}
        self._owners: dict[int, QObject] = {}
        self._answer_cancelled: set[int] = set()  # answered even when their owner cancels the token
        self._superseded: set[int] = set()  # a newer task with the same key answers instead
        self._busy_retry: dict[int, tuple[Callable[[], Any], bool]] = {}  # wait_if_busy tasks: work, network
        self._busy_tries: dict[int, int] = {}  # tries so far of a task that met a locked database
        self._waiting: set[int] = set()  # tasks waiting to be tried again

    def run(
        self,
        fn: Callable[[], Any],
        *,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        key: str | None = None,
        network: bool = False,
        token: CancelToken | None = None,
        owner: QObject | None = None,
        answer_cancelled: bool = False,
        wait_if_busy: bool = False,
    ) -> int:
        """`wait_if_busy`: a read that meets the database locked by another writer is tried again
        (see the module's note) instead of failing at once. `owner`: the widget the answer is for; if
        it is gone when the answer arrives (a page rebuilt after a language switch), the answer is
        dropped. Without one, the owner is the QObject an answer is bound to (`_owner_of`).
        `answer_cancelled`: when the caller cancels `token`, the task still answers (on_error gets the
        "cancelled" error the work raises); only a task superseded by a newer one with the same `key`
        is dropped."""
        self._next_id += 1
        task_id = self._next_id
        if owner is None:
            owner = _owner_of(on_done)
            owner = owner if owner is not None else _owner_of(on_error)
        if owner is not None:
            self._owners[task_id] = owner
        if key is not None:
            old = self._latest_by_key.get(key)
            if old is not None and old in self._tokens:
                self._superseded.add(old)
                self._tokens[old].cancel()
            self._latest_by_key[key] = task_id
        self._pending[task_id] = (on_done, on_error)
        self._tokens[task_id] = token or CancelToken()
        if answer_cancelled:
            self._answer_cancelled.add(task_id)
        if wait_if_busy:
            self._busy_retry[task_id] = (fn, network)
        self._start(task_id, fn, network)
        self.sig_busy_changed.emit(len(self._pending))
        return task_id

    def _start(self, task_id: int, fn: Callable[[], Any], network: bool) -> None:
        (self._net_pool if network else self._db_pool).start(_Job(task_id, fn, self._relay).run)

    def _wait_for_lock(self, task_id: int, error: BaseException | None) -> bool:
        """Whether `task_id`, which met a locked database, is to be tried again; if so it is, later."""
        work = self._busy_retry.get(task_id)
        token = self._tokens.get(task_id)
        if work is None or token is None or token.cancelled or not isinstance(error, DatabaseBusyError):
            return False
        owner = self._owners.get(task_id)
        tries = self._busy_tries.get(task_id, 0) + 1
        if tries > BUSY_RETRIES or (owner is not None and not shiboken6.isValid(owner)):
            return False
        self._busy_tries[task_id] = tries
        log.info("task %d: the database is locked by another writer; trying again in %d ms (%d of %d)",
                 task_id, BUSY_RETRY_MS, tries, BUSY_RETRIES)
        self._set_waiting(task_id, True)
        QTimer.singleShot(BUSY_RETRY_MS, self, lambda: self._try_again(task_id, error))
        return True

    def _set_waiting(self, task_id: int, waiting: bool) -> None:
        """A task waits for the database from its first locked try until it answers (its tries again
        included: the status bar does not flicker back to "background task" for each)."""
        before = bool(self._waiting)
        if waiting:
            self._waiting.add(task_id)
        else:
            self._waiting.discard(task_id)
        if bool(self._waiting) != before:
            self.sig_waiting_for_database.emit(not before)

    def _try_again(self, task_id: int, error: BaseException) -> None:
        token = self._tokens.get(task_id)
        if token is None or token.cancelled:  # superseded or cancelled while it waited: settled as if it had failed
            self._on_relay_finished(task_id, None, error)
            return
        fn, network = self._busy_retry[task_id]
        self._start(task_id, fn, network)

    @property
    def waiting_for_database(self) -> bool:
        return bool(self._waiting)

    def token(self, task_id: int) -> CancelToken | None:
        return self._tokens.get(task_id)

    def is_running(self, task_id: int | None) -> bool:
        """Whether `task_id` has yet to answer (and was not superseded, nor cancelled without
        `answer_cancelled`: such a task answers all the same)."""
        token = self._tokens.get(task_id) if task_id is not None else None
        if token is None:
            return False
        if not token.cancelled:
            return True
        return task_id in self._answer_cancelled and task_id not in self._superseded

    def adopt(
        self,
        task_id: int | None,
        *,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        owner: QObject | None = None,
    ) -> bool:
        """Send a running task's answer to new receivers (a page rebuilt after a language switch
        takes over the work its predecessor started). False when it has answered already or was
        superseded: there is nothing to wait for."""
        if task_id is None or not self.is_running(task_id):
            return False
        if owner is None:
            owner = _owner_of(on_done)
            owner = owner if owner is not None else _owner_of(on_error)
        self._pending[task_id] = (on_done, on_error)
        if owner is not None:
            self._owners[task_id] = owner
        else:
            self._owners.pop(task_id, None)
        return True

    @Slot(object, object, object)
    def _on_relay_finished(self, task_id: int, result: Any, error: BaseException | None) -> None:
        if error is not None and self._wait_for_lock(task_id, error):
            return  # still pending: tried again later
        self._busy_retry.pop(task_id, None)
        self._busy_tries.pop(task_id, None)
        self._set_waiting(task_id, False)
        on_done, on_error = self._pending.pop(task_id, (None, None))
        token = self._tokens.pop(task_id, None)
        owner = self._owners.pop(task_id, None)
        answers_cancelled = task_id in self._answer_cancelled
        self._answer_cancelled.discard(task_id)
        superseded = task_id in self._superseded
        self._superseded.discard(task_id)
        self.sig_busy_changed.emit(len(self._pending))
        if superseded:
            return  # a newer task with the same key will answer
        if token is not None and token.cancelled and not answers_cancelled:
            return  # cancelled by its owner, which settled itself when it cancelled
        if owner is not None and not shiboken6.isValid(owner):
            log.debug("task %d answered after its widget was destroyed: dropped", task_id)
            return
        if error is not None:
            if on_error is not None:
                on_error(error)
            else:
                log.error("background task failed: %s", loggable(error))
        elif on_done is not None:
            on_done(result)

    def wait_idle(self, msecs: int = 30000) -> bool:
        ok = self._db_pool.waitForDone(msecs)
        return self._net_pool.waitForDone(msecs) and ok
