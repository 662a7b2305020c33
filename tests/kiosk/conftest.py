"""Kiosk fixtures: a shell on the shared read-only store, an admin PIN, and a PDF "printer"."""

from __future__ import annotations

import dataclasses
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from ipdesk.services.kiosk_pin import hash_pin

ADMIN_PIN = "2468"  # synthetic test PIN
ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "kiosk_en.ts"
@pytest.fixture(scope="session")
def compiled_translations() -> Path:
    """Every *_en.qm the kiosk loads for English, compiled from its .ts when missing or older
    (make translations does the same)."""
    lrelease = ROOT / ".venv" / "bin" / "pyside6-lrelease"
    for ts in TS.parent.glob("*_en.ts"):
        qm = ts.with_suffix(".qm")
        if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
            subprocess.run([str(lrelease), str(ts), "-qm", str(qm)], check=True, capture_output=True)
    return TS.with_suffix(".qm")


@pytest.fixture(scope="session")
def pin_hash() -> str:
    return hash_pin(ADMIN_PIN)


@pytest.fixture
def kiosk_services(shared_services, pin_hash: str):  # type: ignore[no-untyped-def]
    """The shared store with a private copy of the settings holding the test PIN."""
    settings = dataclasses.replace(shared_services.settings, kiosk_pin_hash=pin_hash)
    return dataclasses.replace(shared_services, settings=settings)


@pytest.fixture
def printed_pdf(tmp_path: Path) -> Path:
    return tmp_path / "printout.pdf"


@pytest.fixture
def make_shell(qtbot, kiosk_services, printed_pdf: Path, tmp_path: Path) -> Iterator:  # type: ignore[no-untyped-def]
    """Builds a KioskShell (1366×768, not full screen) whose printer writes `printed_pdf` and whose
    wrong-PIN count is kept in the test's own folder (not the shared store's); unlocks and closes it
    at the end so no refused close is left behind."""
    from PySide6.QtPrintSupport import QPrinter

    from ipdesk.ui.kiosk.shell import KioskShell
    from ipdesk.ui.tasks import TaskRunner

    made: list[tuple[KioskShell, TaskRunner]] = []

    def pdf_printer() -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed_pdf))
        return printer

    def make(**kwargs):  # type: ignore[no-untyped-def]
        tasks = TaskRunner()
        kwargs.setdefault("printer_factory", pdf_printer)
        kwargs.setdefault("pin_state_file", tmp_path / "kiosk-pin-state.json")
        shell = KioskShell(kiosk_services, tasks, "zh_CN", **kwargs)
        shell.resize(1366, 768)
        shell.show()
        qtbot.waitExposed(shell)
        made.append((shell, tasks))
        return shell

    yield make
    for shell, tasks in made:
        if not shell.exit_authorised:
            shell.set_language("zh_CN")
            assert shell.unlock(ADMIN_PIN)
        tasks.wait_idle(10000)
        shell.deleteLater()
