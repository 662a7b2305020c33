"""Shared fixtures: a real SQLite store built from the real seed, in a temporary data folder."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "resources" / "seed.sqlite"
REFERENCE = ROOT.parent / "shared" / "reference"


def require_seed() -> Path:
    if not SEED.exists():
        pytest.fail("resources/seed.sqlite is missing: run `make seed` (make test does it)")
    return SEED


@pytest.fixture(scope="session", autouse=True)
def _private_qsettings(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Window geometry (QSettings) goes to a temporary folder, for this process and the ipdesk processes
    the end-to-end tests start (XDG_CONFIG_HOME), never to the profile of whoever runs the tests."""
    from PySide6.QtCore import QSettings

    folder = str(tmp_path_factory.mktemp("qsettings"))
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, folder)
    os.environ["XDG_CONFIG_HOME"] = folder


@pytest.fixture(scope="session", autouse=True)
def gui_thread_gc(qapp):  # type: ignore[no-untyped-def]
    """As the program does (ipdesk/ui/gui_gc.py): cyclic garbage is collected on the GUI thread only,
    never in a task thread, where freeing a Qt object can deadlock with the GUI thread."""
    from ipdesk.ui.gui_gc import install

    collector = install(qapp)
    yield collector
    collector.stop()


@pytest.fixture(autouse=True)
def _collect_garbage_between_tests(gui_thread_gc):  # type: ignore[no-untyped-def]
    yield
    gui_thread_gc.collect_if_due()


@pytest.fixture(scope="session")
def _app_look(qapp):  # type: ignore[no-untyped-def]
    """The app themed as `ipdesk` starts it (run_app: apply_theme before any window), once, before any
    widget exists: the look every test starts from. Its font, palette and style sheet."""
    from ipdesk.ui.theme import apply_theme

    apply_theme(qapp)
    return qapp.font(), qapp.palette(), qapp.styleSheet()


@pytest.fixture(autouse=True)
def _same_look_for_every_test(qapp, _app_look):  # type: ignore[no-untyped-def]
    """A test that changes the theme (the largest font, high contrast) leaves the next one the app's usual
    look, so that no measurement depends on which tests ran before it in the same process (a kiosk tile
    measured 418 px tall on the bare test app and 410 once a themed window test had run before it)."""
    yield
    font, palette, style_sheet = _app_look
    if qapp.styleSheet() != style_sheet:
        qapp.setStyleSheet(style_sheet)
    if qapp.font() != font:
        qapp.setFont(font)
    if qapp.palette() != palette:
        qapp.setPalette(palette)


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return require_seed()


@pytest.fixture
def data_dir(tmp_path: Path, seed_path: Path) -> Path:
    """A data folder holding a private copy of the seed database."""
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copyfile(seed_path, folder / "ipdesk.sqlite")
    return folder


@pytest.fixture
def services(data_dir: Path) -> Iterator[object]:
    from ipdesk.services.container import build_services

    svc = build_services(data_dir)
    yield svc
    svc.close()


@pytest.fixture(scope="session")
def shared_services(tmp_path_factory: pytest.TempPathFactory, seed_path: Path) -> Iterator[object]:
    """Read-only tests share one store (faster); tests that write use `services`."""
    from ipdesk.services.container import build_services

    folder = tmp_path_factory.mktemp("shared-data")
    shutil.copyfile(seed_path, folder / "ipdesk.sqlite")
    svc = build_services(folder)
    yield svc
    svc.close()


@pytest.fixture(scope="session")
def reference_dir() -> Path:
    if not REFERENCE.is_dir():
        pytest.skip("../shared/reference is not present")
    return REFERENCE


@pytest.fixture
def tasks(qtbot) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """The UI's task runner; waits for its jobs at the end so none outlives the test."""
    from ipdesk.ui.tasks import TaskRunner

    runner = TaskRunner()
    yield runner
    runner.wait_idle(20000)
    qtbot.wait(10)  # let queued deliveries of finished jobs run while the widgets still exist


def kill_when_marked(script: str, args: list[str], marker: Path, timeout: float = 60) -> subprocess.Popen[bytes]:
    """Run `script` in a new Python process with `args` and kill it (SIGKILL on POSIX, TerminateProcess
    on Windows: no clean-up code runs) as soon as it writes `marker`; the ended process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", script, *args], env=env)
    try:
        deadline = time.monotonic() + timeout
        while not marker.exists():
            assert proc.poll() is None, "the process ended before it reached the point to kill it at"
            assert time.monotonic() < deadline
            time.sleep(0.05)
        proc.kill()
        proc.wait(10)
        assert proc.returncode == -signal.SIGKILL or os.name == "nt"
    finally:
        if proc.poll() is None:
            proc.kill()
    return proc


@pytest.fixture
def written_from(monkeypatch: pytest.MonkeyPatch) -> list[threading.Thread]:
    """The threads settings.json was written from (the window must never be one of them)."""
    from ipdesk.services import settings as settings_module

    threads: list[threading.Thread] = []
    real = settings_module.write_atomically

    def writing(path: Path, data: bytes) -> None:
        threads.append(threading.current_thread())
        real(path, data)

    monkeypatch.setattr(settings_module, "write_atomically", writing)
    return threads
