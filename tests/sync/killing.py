"""SIGKILL campaigns: kill a real sync process at random points of its download and apply, then
check that the database passes integrity_check, holds exactly the old or exactly the new data (and
the list of changed records that goes with them), has lost no local record, and that the next sync
succeeds. Used by the test suite (100 kills) and by
bench/soak_sync.py (1,000)."""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ipdesk.services.db import open_database
from tests.sync.conftest import (
    SMALL_V1,
    SMALL_V2,
    Folder,
    LoopbackServer,
    Repos,
    add_local_records,
    assert_index_consistent,
    change_list_digest,
    make_repos,
    make_tiny_seed,
    snapshot_state,
)
from tests.sync.kill_driver import PHASE_TIMES_FILE

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class CampaignReport:
    kills: int = 0
    completed: int = 0
    left_old: int = 0
    left_new: int = 0
    seconds: float = 0.0
    full_runs: dict[str, float] = field(default_factory=dict)
    downloads_end: dict[str, float] = field(default_factory=dict)  # when a whole sync's apply began
    phases: dict[str, int] = field(default_factory=dict)  # where the kills landed: check | download | apply | done


@dataclass
class _Base:
    name: str
    folder: Path
    pristine: Path
    old: tuple[str, str, str]
    old_list: str  # the last update's list of changed records ('' for none)
    new_list: str = ""  # the list the update under test leaves


def _restore(base: _Base) -> None:
    db = base.folder / "ipdesk.sqlite"
    for suffix in ("-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    shutil.copyfile(base.pristine, db)


class _Driver:
    def __init__(self) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "tests.sync.kill_driver"], cwd=ROOT, text=True,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        assert self._line() == "ready"

    def _line(self) -> str:
        assert self.proc.stdout is not None
        return self.proc.stdout.readline().strip()

    def run(self, folder: Path, source: str, key: str, kill_after: float | None) -> bool:
        """Run one sync; SIGKILL it after `kill_after` seconds. True when it was killed."""
        assert self.proc.stdin is not None
        self.proc.stdin.write(f"run\t{folder}\t{source}\t{key}\n")
        self.proc.stdin.flush()
        pid = int(self._line().split()[1])
        if kill_after is not None:
            time.sleep(kill_after)
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        _, _, status = self._line().split()
        return os.WIFSIGNALED(int(status)) and os.WTERMSIG(int(status)) == signal.SIGKILL

    def close(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()
        self.proc.wait(timeout=30)


def _apply_began(folder: Path, whole: float) -> float:
    """When the apply of the sync just run in `folder` began, in seconds from its start (the whole run's
    `whole` seconds when it never got there)."""
    for line in (folder / PHASE_TIMES_FILE).read_text().splitlines():
        phase, at = line.split("\t")
        if phase == "apply":
            return float(at)
    return whole


def run_campaign(workdir: Path, kills: int, *, seed: int = 1,
                 log: Callable[[str], None] | None = None) -> CampaignReport:
    rng = random.Random(seed)
    report = CampaignReport()
    started = time.monotonic()
    # small data sets: a whole sync is short, so a hundred kills fit the test budget
    repos: Repos = make_repos(workdir / "repos", SMALL_V1, SMALL_V2)
    tiny = make_tiny_seed(workdir / "tiny.sqlite")
    key = repos.public_text()
    # the state a successful sync must reach
    ref = workdir / "reference"
    db = open_database(ref, seed=tiny)
    add_local_records(db)
    Folder(ref, db).client(repos).sync(str(repos.v2))
    db.close()
    new = snapshot_state(ref / "ipdesk.sqlite")
    bases = []
    for name in ("delta", "snapshot"):
        folder = workdir / name
        db = open_database(folder, seed=tiny)
        add_local_records(db)
        if name == "delta":
            Folder(folder, db).client(repos).sync(str(repos.v1))
        db.close()
        pristine = workdir / f"{name}.pristine.sqlite"
        shutil.copyfile(folder / "ipdesk.sqlite", pristine)
        bases.append(_Base(name, folder, pristine, snapshot_state(folder / "ipdesk.sqlite"),
                           change_list_digest(folder / "ipdesk.sqlite")))
    server = LoopbackServer(repos.v2)
    server.state.add_fault("objects/*", "slow", times=None)
    driver = _Driver()
    try:
        for base in bases:  # how long a whole sync takes, to spread the kill points over it
            t0 = time.monotonic()
            assert not driver.run(base.folder, server.url, key, None)
            report.full_runs[base.name] = time.monotonic() - t0
            report.downloads_end[base.name] = _apply_began(base.folder, report.full_runs[base.name])
            assert snapshot_state(base.folder / "ipdesk.sqlite")[1] == new[1]
            base.new_list = change_list_digest(base.folder / "ipdesk.sqlite")
            assert base.new_list not in ("", base.old_list)
            _restore(base)
            shutil.rmtree(base.folder / "sync", ignore_errors=True)
        attempts = 0
        while report.kills < kills and attempts < kills * 3:
            attempts += 1
            base = bases[attempts % 2]
            window = report.full_runs[base.name]
            if attempts % 3 == 0:
                # Downloads resume, so after a few kills every object is already there and the kill
                # points would all fall in the apply; every third run starts from an empty download
                # and is killed before its apply (the apply takes most of a sync's time, more still on
                # a busy machine, so points drawn over the whole run seldom hit the download).
                shutil.rmtree(base.folder / "sync", ignore_errors=True)
                window = report.downloads_end[base.name]
            killed = driver.run(base.folder, server.url, key, rng.uniform(0, window))
            integrity, data, local = snapshot_state(base.folder / "ipdesk.sqlite")
            assert integrity == "ok", f"integrity_check after kill {report.kills}: {integrity}"
            assert local == base.old[2], "a local record was lost"
            assert data in (base.old[1], new[1]), f"after kill {report.kills} the data are neither old nor new"
            listed = change_list_digest(base.folder / "ipdesk.sqlite")
            assert listed == (base.old_list if data == base.old[1] else base.new_list), (
                f"after kill {report.kills} ({base.name}) the list of changed records does not go with the data")
            if killed:
                phase_file = base.folder / "phase"
                phase = phase_file.read_text().strip() if phase_file.exists() else ""
                report.phases[phase or "start"] = report.phases.get(phase or "start", 0) + 1
            report.kills += killed
            report.completed += not killed
            if data == new[1]:
                report.left_new += 1
                assert_index_consistent(base.folder / "ipdesk.sqlite")
                _restore(base)
            else:
                report.left_old += 1
            if log and report.kills % 50 == 0 and killed:
                log(f"{report.kills} kills: {report.left_old} left old, {report.left_new} new")
        # after all that, a sync without interruption succeeds from wherever each folder stands
        for base in bases:
            assert not driver.run(base.folder, server.url, key, None)
            integrity, data, local = snapshot_state(base.folder / "ipdesk.sqlite")
            assert (integrity, data, local) == ("ok", new[1], base.old[2])
    finally:
        driver.close()
        server.close()
    report.seconds = time.monotonic() - started
    return report
