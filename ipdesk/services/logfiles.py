"""A log file per run in `<data>/logs/`, so that "details are in the log" is true everywhere.

The windowed Windows build has no console: without a file, a crash or a refused update would leave
no trace at all. One file per process (named by start time and process id), because two processes
may run at once (the window, `ipdesk sync` from a scheduled task) and Windows cannot rotate a file
another process holds open. The file is created on the first record (a quiet run leaves none), and
only the newest `KEEP` files are kept.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import sys
from pathlib import Path

log = logging.getLogger("ipdesk.logs")

KEEP = 30
FORMAT = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"
FILE_HANDLER_NAME = "ipdesk-file"  # the name `ipdesk.cli` gives this run's file handler


class _LogFileHandler(logging.FileHandler):
    """A log file that cannot be written (a full disk, the drive gone) is left unwritten quietly: the
    person is told about the full disk by the program itself, and a "--- Logging error ---" traceback
    on every record would bury that message. Other logging faults (a bad format) still show."""

    def emit(self, record: logging.LogRecord) -> None:
        try:  # FileHandler opens a delayed file outside its own error handling
            super().emit(record)
        except OSError:
            self.handleError(record)

    def handleError(self, record: logging.LogRecord) -> None:
        if isinstance(sys.exc_info()[1], OSError):
            return
        super().handleError(record)


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
    handler = _LogFileHandler(folder / name, encoding="utf-8", delay=True)
    handler.setLevel(level)
    handler.setFormatter(logging.Formatter(FORMAT))
    return handler


def prune(folder: Path, keep: int = KEEP) -> None:
    """Delete all but the newest `keep` log files (a file still open elsewhere is skipped)."""
    try:
        files = sorted(folder.glob("ipdesk-*.log"), key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return
    for old in files[keep:]:
        with contextlib.suppress(OSError):
            old.unlink()
