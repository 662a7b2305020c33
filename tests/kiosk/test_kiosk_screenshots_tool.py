"""tools/kiosk_screenshots.py --out DIR with DIR outside the repository (QA 23): the run used to write the
pictures and then fail listing them, as it showed every path relative to the repository."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
TOOL = ROOT / "tools" / "kiosk_screenshots.py"


def test_out_folder_outside_the_repository(tmp_path: Path) -> None:
    out = tmp_path / "kiosk shots"
    out.mkdir()
    (out / "holiday.png").write_bytes(b"not ours")  # a person's own picture in the folder they named
    (out / "1366x768-en-01-home.png").write_bytes(b"an earlier run")
    assert not out.resolve().is_relative_to(ROOT)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, str(TOOL), "--out", str(out)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr[-3000:]
    listed = [line for line in done.stdout.splitlines() if line.endswith(".png")]
    written = sorted(out.glob("1920x1080-zh_CN-*.png"))
    assert written, done.stdout
    assert str(out.resolve() / "1920x1080-zh_CN-01-home.png") in listed
    assert all(Path(line).is_file() for line in listed)
    assert (out / "holiday.png").read_bytes() == b"not ours"
    assert (out / "1366x768-en-01-home.png").read_bytes() != b"an earlier run"
    assert any(p.name.startswith("print-") for p in out.glob("*.png"))
