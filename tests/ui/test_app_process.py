"""End to end: the real `ipdesk` process starts its window (offscreen) on a private data folder,
and says so in one line when there is no display."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(extra)
    return env


@pytest.mark.e2e
def test_real_process_opens_the_window(tmp_path: Path, seed_path: Path, compiled_translations: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copyfile(seed_path, data / "ipdesk.sqlite")
    log = tmp_path / "stderr.txt"
    with log.open("wb") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "ipdesk", "--data-dir", str(data), "--lang", "en", "-v"],
            cwd=ROOT, env=_env(QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path)), stdout=subprocess.DEVNULL,
            stderr=err,
        )
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and "window shown" not in log.read_text(errors="replace"):
                assert proc.poll() is None, log.read_text(errors="replace")
                time.sleep(0.2)
            text = log.read_text(errors="replace")
            assert "window shown (en)" in text, text
            time.sleep(1.0)  # the first background queries (datasets, status) run
            assert proc.poll() is None
            second = subprocess.run(
                [sys.executable, "-m", "ipdesk", "--data-dir", str(data), "--lang", "en"], cwd=ROOT,
                env=_env(QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path)), capture_output=True, text=True, timeout=60,
            )
            assert second.returncode == 5 and "already running" in second.stderr
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    text = log.read_text(errors="replace")
    assert "Traceback" not in text, text
    assert "ui_en.qm" in text or "translators for en" in text


@pytest.mark.e2e
def test_no_display_is_one_clear_line(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ipdesk", "--data-dir", str(tmp_path / "data")],
        cwd=ROOT, env=_env(HOME=str(tmp_path)), capture_output=True, text=True, timeout=60,
    )
    if sys.platform.startswith(("win", "darwin")):
        pytest.skip("a display is always there")
    assert result.returncode == 1
    assert "xvfb-run" in result.stderr and len(result.stderr.strip().splitlines()) == 1
