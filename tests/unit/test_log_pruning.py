"""Log pruning never deletes the log of a running process (QA round 15, m10)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path


def test_pruning_never_deletes_the_log_of_a_running_process(tmp_path: Path) -> None:
    from ipdesk.services.logfiles import open_log_file

    logs = tmp_path / "logs"
    logs.mkdir()
    old = 1_700_000_000
    for i in range(40):  # 40 runs of a scheduled `ipdesk sync`, long finished
        f = logs / f"ipdesk-20260102-0000{i:02d}-{99_999_900 + i}.log"
        f.write_text("sync", encoding="utf-8")
        os.utime(f, (old + 100 + i, old + 100 + i))
    window = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])  # the window, idle for days
    try:
        window_log = logs / f"ipdesk-20260101-000000-{window.pid}.log"
        window_log.write_text("window shown", encoding="utf-8")
        os.utime(window_log, (old, old))
        recent = logs / "ipdesk-20260101-000001-99999999.log"  # written an hour ago, its process gone
        recent.write_text("recent", encoding="utf-8")
        os.utime(recent, (time.time() - 3600, time.time() - 3600))
        for i in range(40):  # newer than both
            os.utime(logs / f"ipdesk-20260102-0000{i:02d}-{99_999_900 + i}.log", (time.time() - 60 + i,) * 2)
        handler = open_log_file(tmp_path)
        assert handler is not None
        handler.close()
        assert window_log.exists() and recent.exists()
        assert len(list(logs.glob("ipdesk-*.log"))) == 42  # the 40 are all recent too
        for i in range(40):
            os.utime(logs / f"ipdesk-20260102-0000{i:02d}-{99_999_900 + i}.log", (old + 100 + i,) * 2)
        os.utime(recent, (old - 1, old - 1))  # now old and its process gone: it may go
        handler = open_log_file(tmp_path)
        assert handler is not None
        handler.close()
        left = set(p.name for p in logs.glob("ipdesk-*.log"))
        assert window_log.name in left and recent.name not in left and len(left) == 31
    finally:
        window.kill()
        window.wait()


def test_text_in_a_message_cannot_forge_a_log_line(tmp_path: Path) -> None:
    """QA 22b: a file name or a record title with a line break wrote a line of its own that looked
    like a record ("2026-… ERROR …"); a terminal escape or U+202E acted on whoever read the log."""
    import logging

    from ipdesk.services.logfiles import open_log_file

    handler = open_log_file(tmp_path)
    assert handler is not None
    logger = logging.getLogger("ipdesk.test.forging")
    logger.addHandler(handler)
    try:
        logger.warning("import: %s", "x.csv\n2026-11-28 00:00:00,000 1 ERROR ipdesk.sync: forged\r\x1b[2J\u202eexe.jpg")
        try:
            raise RuntimeError("boom")
        except RuntimeError:
            logger.exception("failed")
    finally:
        logger.removeHandler(handler)
        handler.close()
    lines = Path(handler.baseFilename).read_text(encoding="utf-8").splitlines()
    records = [line for line in lines if not line.startswith(" ")]
    assert len(records) == 2 and "WARNING" in records[0] and "ERROR ipdesk.test.forging: failed" in records[1]
    assert "    2026-11-28 00:00:00,000 1 ERROR ipdesk.sync: forged\\x0d\\x1b[2J\\u202eexe.jpg" in lines
    assert any(line.strip() == "Traceback (most recent call last):" for line in lines)  # still there, indented


def test_a_name_a_terminal_in_another_encoding_gave_is_logged(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """`ipdesk import 五常.xlsx` typed in a GBK terminal on a UTF-8 Linux: Python holds the name with
    lone surrogates, which the UTF-8 log file refused ("--- Logging error ---" on stderr, the record
    lost). They are written as escapes, as control characters are."""
    import logging

    from ipdesk.services.logfiles import open_log_file

    handler = open_log_file(tmp_path)
    assert handler is not None
    logger = logging.getLogger("ipdesk.test.surrogates")
    logger.addHandler(handler)
    # not up to pytest's own capture, whose report pytest-xdist cannot send with a lone surrogate in it
    logger.propagate = False
    try:
        logger.warning("import: %s: not found", os.fsdecode("五常.xlsx".encode("gbk")) if os.name == "posix"
                       else "\udcce\udce5\udcb3\udca3.xlsx")
    finally:
        logger.removeHandler(handler)
        logger.propagate = True
        handler.close()
    assert "Logging error" not in capsys.readouterr().err
    text = Path(handler.baseFilename).read_text(encoding="utf-8")
    assert "import: " in text and "\\udcce" in text and ".xlsx: not found" in text
