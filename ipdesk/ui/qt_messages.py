"""Qt's own messages (qDebug … qFatal: "QObject::startTimer: Timers cannot be started from another
thread", "QThread: Destroyed while thread is still running") in the program's log.

Qt writes them to stderr, which the windowed Windows program does not have: the log file to send
when asking for help missed them. `install` routes them to the `ipdesk.qt` logger, at the level of
their kind (a fatal one, which Qt then aborts on, as critical), and still to stderr where there is one. A message said over and over (a timer started
from the wrong thread in a loop) is logged its first `REPEATS` times, then only at 100, 1,000, …
repeats, with the count; a platform plugin's harmless notices are logged at debug only.
"""

from __future__ import annotations

import logging
import sys
import threading

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

log = logging.getLogger("ipdesk.qt")

_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}
# Said by the offscreen (and some other) platform plugins on every window shown; nothing is wrong.
HARMLESS = ("This plugin does not support propagateSizeHints()",)
REPEATS = 10
_TRACKED = 500  # distinct messages counted at most (then the counts start again)

_counts: dict[str, int] = {}
_lock = threading.Lock()


def _seen(message: str) -> int:
    with _lock:
        if len(_counts) >= _TRACKED and message not in _counts:
            _counts.clear()
        _counts[message] = n = _counts.get(message, 0) + 1
        return n


def _is_power_of_ten(n: int) -> bool:
    while n >= 10 and n % 10 == 0:
        n //= 10
    return n == 1


def handle(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's message handler: one Qt message into the log (and stderr). Never raises."""
    try:
        harmless = message.startswith(HARMLESS)
        level = logging.DEBUG if harmless else _LEVELS.get(kind, logging.WARNING)
        n = _seen(message)
        if n > REPEATS and not _is_power_of_ten(n):
            return
        category = getattr(context, "category", None) or ""
        text = message + (f" [{category}]" if category and category != "default" else "")
        if n > REPEATS:
            text += f" (said {n} times; repeats are logged at every power of ten only)"
        log.log(level, "%s", text)
        if not harmless and sys.stderr is not None:  # as Qt's own handler did, where there is a console
            sys.stderr.write(text + "\n")
    except Exception:  # a message handler that raises would take Qt down with it
        pass


def install() -> None:
    """Route Qt's messages into the log from now on (before the QApplication exists, to have the
    platform plugin's too)."""
    qInstallMessageHandler(handle)
