"""A log file per run in `<data>/logs/`, so that "details are in the log" is true everywhere.

The windowed Windows build has no console: without a file, a crash or a refused update would leave
no trace at all. One file per process (named by start time and process id), because two processes
may run at once (the window, `ipdesk sync` from a scheduled task) and Windows cannot rotate a file
another process holds open. The file is created on the first record (a quiet run leaves none), and
only the newest `KEEP` files are kept, apart from those a running process may still write (`prune`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import queue
import threading
import time
from pathlib import Path

from ipdesk.domain.shown_text import escaped

log = logging.getLogger("ipdesk.logs")

KEEP = 30
FORMAT = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"
FILE_HANDLER_NAME = "ipdesk-file"  # the name `ipdesk.cli` gives this run's file handler


class LogFormatter(logging.Formatter):
    """One record, one entry: a line break inside a message continues indented (so no text in it can
    start a line that looks like a record of its own), and control and direction characters are shown
    as escapes (\\x1b, \\u202e) instead of acting on the terminal or the editor."""

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record).replace("\r\n", "\n")
        text = escaped(text, keep="\t\n", short=True)
        return text.replace("\n", "\n    ")


class _LogFileHandler(logging.FileHandler):
    """This run's log file, written by a thread of its own: a record is formatted where it is logged and
    queued, so the window's thread never waits on the disk (a data folder on a network share that has
    stopped answering held whichever thread logged, the window's too, for the whole SMB timeout).
    `flush` waits for what is queued, but not for ever; `close` (logging's shutdown at exit) writes the
    rest the same way.

    A log file that cannot be written (a full disk, the drive gone) is left unwritten quietly: the
    person is told about the full disk by the program itself, and a "--- Logging error ---" traceback
    on every record would bury that message. Other logging faults (a bad format) still show."""

    WAIT_SECONDS = 5.0  # the longest `flush` and `close` wait for a writer the disk holds up

    def __init__(self, filename: Path, encoding: str = "utf-8") -> None:
        super().__init__(filename, encoding=encoding, delay=True)
        self._queued: queue.Queue[str | None] = queue.Queue()
        self._writer = threading.Thread(target=self._write_queued, name="ipdesk-log-writer", daemon=True)
        self._writer.start()

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = self.format(record)  # here: the message's arguments as they are now
        except Exception:  # a bad format: logging's own report
            self.handleError(record)
            return
        self._queued.put(text)

    def _write_queued(self) -> None:
        while True:
            text = self._queued.get()
            try:
                if text is None:
                    return
                # not under the handler's lock, which `logging` holds while a record is queued (`emit`)
                if self.stream is None:
                    self.stream = self._open()
                self.stream.write(text + self.terminator)
                self.stream.flush()
            except OSError:
                pass  # see the class's note: the program says a full disk in its own words
            finally:
                self._queued.task_done()

    def _wait_written(self) -> None:
        done = self._queued.all_tasks_done
        with done:
            deadline = time.monotonic() + self.WAIT_SECONDS
            while self._queued.unfinished_tasks and (left := deadline - time.monotonic()) > 0:
                done.wait(left)

    def flush(self) -> None:
        if self._writer.is_alive():
            self._wait_written()

    def close(self) -> None:
        if self._writer.is_alive():
            self._queued.put(None)
            self._writer.join(self.WAIT_SECONDS)
        if self._writer.is_alive():  # held up by the disk: the stream is the writer's until it lets go
            logging.Handler.close(self)
            return
        super().close()


def logs_dir(data_dir: Path) -> Path:
    return data_dir / "logs"


def current_log_file() -> Path | None:
    """This run's log file (what to send when asking for help), or None when the run logs to no file
    (the data folder could not be written). It may not exist yet: it is made on the first record."""
    for handler in logging.getLogger().handlers:
        if handler.get_name() == FILE_HANDLER_NAME and isinstance(handler, logging.FileHandler):
            return Path(handler.baseFilename)
    return None


def open_log_file(data_dir: Path, level: int = logging.INFO) -> logging.Handler | None:
    """A handler writing to a new file under `<data>/logs/`, or None when the folder cannot be made
    (a read-only or missing data drive must not stop the program: it then logs to stderr only)."""
    folder = logs_dir(data_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    prune(folder)
    name = f"ipdesk-{dt.datetime.now():%Y%m%d-%H%M%S}-{os.getpid()}.log"
    handler = _LogFileHandler(folder / name, encoding="utf-8")
    handler.setLevel(level)
    handler.setFormatter(LogFormatter(FORMAT))
    return handler


RECENT_SECONDS = 24 * 3600


def _pid_of(log_file: Path) -> int | None:
    """The process id in `ipdesk-<date>-<time>-<pid>.log` (None for a name not ours)."""
    tail = log_file.stem.rsplit("-", 1)[-1]
    return int(tail) if tail.isdigit() and int(tail) > 0 else None


def _still_running(pid: int | None) -> bool:
    """Whether process `pid` runs now (POSIX; a reused pid only keeps a log longer). On Windows a log
    another process writes is open, and the delete fails anyway (skipped below)."""
    if pid is None or os.name != "posix":
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # it exists (another user's), or nothing can be told: keep the file
    return True


def prune(folder: Path, keep: int = KEEP) -> None:
    """Delete all but the newest `keep` log files. Never a log a running process may still write: one
    written in the last day, or one whose process still runs (on Linux a file can be deleted while
    open: an idle window's log went after 30 runs of a scheduled `ipdesk sync`, and with it the file
    to send when asking for help). A file still open elsewhere on Windows cannot be deleted: skipped."""
    try:
        files = sorted(((p, p.stat().st_mtime) for p in folder.glob("ipdesk-*.log")), key=lambda f: f[1],
                       reverse=True)
    except OSError:
        return
    now = time.time()
    for old, mtime in files[keep:]:
        if now - mtime < RECENT_SECONDS or _still_running(_pid_of(old)):
            continue
        with contextlib.suppress(OSError):
            old.unlink()
