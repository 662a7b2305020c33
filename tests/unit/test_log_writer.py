"""The run's log file is written by a thread of its own: logging from the window's thread never waits
on the disk (a data folder on a network share that has stopped answering)."""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

import pytest

from ipdesk.services.logfiles import _LogFileHandler, open_log_file


def _record(text: str) -> logging.LogRecord:
    return logging.LogRecord("ipdesk.test", logging.INFO, __file__, 1, "%s", (text,), None)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="a FIFO stands for a disk that does not answer")
def test_logging_does_not_wait_for_a_disk_that_does_not_answer(tmp_path: Path) -> None:
    stuck = tmp_path / "stuck.log"
    os.mkfifo(stuck)  # opening it to write waits until someone reads: a share that stopped answering
    handler = _LogFileHandler(stuck)
    logged = threading.Thread(target=lambda: [handler.handle(_record(f"line {i}")) for i in range(100)])
    logged.start()
    logged.join(10)
    assert not logged.is_alive()  # all 100 records handed over while the writer still waits for the file
    with stuck.open(encoding="utf-8") as reader:  # the disk answers again: everything queued arrives
        lines = [reader.readline() for _ in range(100)]
    assert [line.rstrip("\n") for line in lines] == [f"line {i}" for i in range(100)]
    handler.close()


def test_flush_and_close_write_everything_queued(tmp_path: Path) -> None:
    handler = open_log_file(tmp_path)
    assert handler is not None
    logger = logging.getLogger("ipdesk.test.writer")
    logger.propagate = False
    logger.setLevel(logging.INFO)
    logger.addHandler(handler)
    try:
        for i in range(2000):
            logger.info("条目 %d", i)
        handler.flush()
        path = Path(handler.baseFilename)  # type: ignore[attr-defined]
        assert len(path.read_text(encoding="utf-8").splitlines()) == 2000
        mutable = ["before"]
        logger.info("%s", mutable)
        mutable[0] = "after"  # the record says what the arguments were when it was logged
        logger.info("the last")
    finally:
        logger.removeHandler(handler)
        handler.close()
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2002 and lines[-2].endswith("['before']") and lines[-1].endswith("the last")


def test_a_log_file_that_cannot_be_written_is_left_quietly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gone = tmp_path / "gone"
    handler = _LogFileHandler(gone / "x.log")  # its folder does not exist: every write fails
    handler.handle(_record("nowhere"))
    handler.flush()
    handler.close()
    assert not gone.exists()
    assert "Logging error" not in capsys.readouterr().err
