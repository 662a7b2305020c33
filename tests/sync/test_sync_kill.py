"""SIGKILL at 100 random points of real sync processes (download and apply): old-or-new, consistent,
nothing local lost, next sync succeeds. The 1,000-kill soak is bench/soak_sync.py."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.sync.killing import run_campaign


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="fork and SIGKILL are POSIX")
def test_sigkill_at_100_random_points(tmp_path: Path) -> None:
    report = run_campaign(tmp_path, kills=100, seed=20261125)
    assert report.kills == 100
    assert report.left_old > 0  # kills before the commit
    assert report.left_new + report.completed > 0  # and kills that came too late to matter
    # the kill points cover the download and the apply (and what comes before and after)
    assert report.phases.get("download", 0) > 0 and report.phases.get("apply", 0) > 0, report.phases
