"""Qt's own messages reach the log file (QA round 18c, N8): a qWarning went only to stderr, which the
windowed Windows program does not have, so the log to send when asking for help missed it. Real log
files under a data folder, real Qt messages."""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import qCritical, qInstallMessageHandler, qWarning

from ipdesk.services.logfiles import open_log_file
from ipdesk.ui import qt_messages

ROOT = Path(__file__).resolve().parents[2]


class LogFile:
    """The log file, read once its writer thread has written what was logged (`_LogFileHandler.flush`)."""

    def __init__(self, handler: logging.Handler) -> None:
        self.handler = handler
        self.path = Path(handler.baseFilename)  # type: ignore[attr-defined]

    def exists(self) -> bool:
        self.handler.flush()
        return self.path.exists()

    def read_text(self, encoding: str) -> str:
        self.handler.flush()
        return self.path.read_text(encoding=encoding)


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[LogFile]:
    """This run's log file as `ipdesk` opens it (information and up), with Qt's handler installed."""
    handler = open_log_file(tmp_path / "data")
    assert handler is not None
    root = logging.getLogger()
    root.addHandler(handler)
    level = root.level
    root.setLevel(logging.DEBUG)
    qt_messages.install()
    try:
        yield LogFile(handler)
    finally:
        qInstallMessageHandler(None)  # Qt's own again
        root.removeHandler(handler)
        root.setLevel(level)
        handler.close()


def test_a_qt_warning_is_in_the_log_file_at_its_level(log_file: LogFile, capfd: pytest.CaptureFixture[str]) -> None:
    qWarning("QObject::startTimer: Timers cannot be started from another thread (synthetic)")
    qCritical("synthetic critical message from Qt")
    text = log_file.read_text(encoding="utf-8")
    assert re.search(r"WARNING ipdesk\.qt: QObject::startTimer: Timers cannot be started from another thread "
                     r"\(synthetic\)\n", text), text
    assert "ERROR ipdesk.qt: synthetic critical message from Qt" in text
    assert "QObject::startTimer" in capfd.readouterr().err  # still on stderr where there is one


def test_the_same_message_over_and_over_does_not_flood_the_log(log_file: LogFile) -> None:
    for _ in range(1000):
        qWarning("QThread::start: synthetic repeat")
    lines = [line for line in log_file.read_text(encoding="utf-8").splitlines() if "synthetic repeat" in line]
    assert len(lines) == qt_messages.REPEATS + 2  # the first ten, then at 100 and 1,000 with the count
    assert lines[-1].endswith("(said 1000 times; repeats are logged at every power of ten only)")


def test_the_offscreen_plugins_harmless_notice_is_debug_only(log_file: LogFile, capfd: pytest.CaptureFixture[str],
                                                             caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="ipdesk.qt"):
        qWarning("This plugin does not support propagateSizeHints()")
    assert [(r.name, r.levelno) for r in caplog.records] == [("ipdesk.qt", logging.DEBUG)]
    assert not log_file.exists() or "propagateSizeHints" not in log_file.read_text(encoding="utf-8")
    assert "propagateSizeHints" not in capfd.readouterr().err


@pytest.mark.e2e
def test_the_window_process_logs_qts_messages(tmp_path: Path, seed_path: Path) -> None:
    """The real program (offscreen, -v: the log file takes debug too): the platform plugin's notice,
    said when the window is shown, is in this run's log file as ipdesk.qt."""
    data = tmp_path / "data"
    data.mkdir()
    shutil.copyfile(seed_path, data / "ipdesk.sqlite")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    proc = subprocess.Popen([sys.executable, "-m", "ipdesk", "--data-dir", str(data), "--lang", "en", "-v"],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        text = ""
        while time.monotonic() < deadline and "window shown" not in text:
            assert proc.poll() is None
            time.sleep(0.2)
            text = "".join(p.read_text(encoding="utf-8", errors="replace") for p in (data / "logs").glob("*.log"))
        time.sleep(1.0)
        text = "".join(p.read_text(encoding="utf-8", errors="replace") for p in (data / "logs").glob("*.log"))
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    assert "window shown (en)" in text, text
    assert "DEBUG ipdesk.qt: This plugin does not support propagateSizeHints()" in text, text
