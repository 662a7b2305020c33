"""A fork server for the SIGKILL tests: imports ipdesk once, then forks one sync per request.

Protocol (lines on stdin/stdout): `run<TAB>data_dir<TAB>source<TAB>public_key` → `pid N`, later
`exit N STATUS` (STATUS is the raw wait status). Forking skips the ~1 s of imports per run, so a
hundred kills fit in the test budget; the child is a real process, killed by a real SIGKILL.
POSIX only.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from ipdesk.services.db import make_engine, sqlite_url
from ipdesk.services.sync.client import SyncProgress, SyncService
from ipdesk.services.sync.errors import SyncError
from tests.sync.conftest import FAST

PHASE_FILE = "phase"
PHASE_TIMES_FILE = "phase-times"  # each phase and when it began, in seconds from the fork


def child(data: Path, source: str, key: str) -> int:
    started = time.monotonic()
    engine = make_engine(sqlite_url(data / "ipdesk.sqlite"))
    svc = SyncService(engine, data, trusted_keys=[key], default_key_file=data / "none.pub", policy=FAST)
    # the last phase reached, so the campaign knows where each kill landed
    fd = os.open(data / PHASE_FILE, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    times = os.open(data / PHASE_TIMES_FILE, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_APPEND, 0o644)
    last = [""]

    def note(progress: SyncProgress) -> None:
        if progress.phase != last[0]:
            last[0] = progress.phase
            os.pwrite(fd, progress.phase.ljust(12).encode(), 0)
            os.write(times, f"{progress.phase}\t{time.monotonic() - started:.4f}\n".encode())

    try:
        svc.sync(source, progress=note)
    except SyncError:
        return 3
    finally:
        os.close(fd)
        os.close(times)
        engine.dispose()
    return 0


def main() -> None:
    print("ready", flush=True)
    for line in sys.stdin:
        cmd, *args = line.rstrip("\n").split("\t")
        if cmd != "run":
            continue
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                code = child(Path(args[0]), args[1], args[2])
            finally:
                os._exit(code)
        print(f"pid {pid}", flush=True)
        _, status = os.waitpid(pid, 0)
        print(f"exit {pid} {status}", flush=True)


if __name__ == "__main__":
    main()
