"""Faults on the data folder: a full disk, a second instance."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ipdesk.services.db import InstanceLock, open_database
from ipdesk.services.errors import DataFolderError


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MiB tmpfs: too small for the seed database (POSIX, root only; skipped elsewhere)."""
    mount_point = tmp_path / "tiny"
    mount_point.mkdir()
    if os.name != "posix" or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root on POSIX")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount_point)],
                          capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount tmpfs here: {done.stderr.decode(errors='replace')}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def test_full_disk_on_first_start_is_a_clear_error(tiny_disk: Path, seed_path: Path) -> None:
    folder = tiny_disk / "data"
    with pytest.raises(DataFolderError) as info:
        open_database(folder, seed=seed_path)
    assert "full" in info.value.message("en") and "已满" in info.value.message("zh_CN")
    assert not (folder / "ipdesk.sqlite").exists()
    assert not list(folder.glob("*.tmp")), "a half-copied seed was left behind"


def test_second_instance_is_told_politely(tmp_path: Path) -> None:
    first = InstanceLock(tmp_path)
    first.acquire()
    try:
        code = (
            "import sys; from pathlib import Path\n"
            "from ipdesk.services.db import InstanceLock\n"
            "from ipdesk.services.errors import AlreadyRunningError\n"
            f"lock = InstanceLock(Path({str(tmp_path)!r}))\n"
            "try:\n    lock.acquire()\nexcept AlreadyRunningError as e:\n    print(e.message('en')); sys.exit(5)\n"
        )
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
        assert out.returncode == 5 and "already running" in out.stdout
    finally:
        first.release()
    again = InstanceLock(tmp_path)
    again.acquire()  # released cleanly: the next start works
    again.release()
