"""Fixtures for the window tests: a task runner, the main window on the shared (read-only) store,
and translators for English (tests/conftest.py keeps QSettings out of the user's profile)."""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "ui_en.ts"
QM = TS.with_suffix(".qm")


@pytest.fixture(scope="session")
def compiled_translations() -> Path:
    """Every resources/translations/*.ts compiled to .qm when missing or older (as `make translations`)."""
    lrelease = ROOT / ".venv" / "bin" / "pyside6-lrelease"
    for ts in sorted(TS.parent.glob("*.ts")):
        qm = ts.with_suffix(".qm")
        if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
            subprocess.run([str(lrelease), str(ts), "-qm", str(qm)], check=True, capture_output=True)
    return QM


def _window(qtbot, services, tasks, lang: str):  # type: ignore[no-untyped-def]
    from ipdesk.ui.main_window import MainWindow

    window = MainWindow(services, tasks, lang=lang, probe_network=False)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def window(qtbot, shared_services, tasks):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from ipdesk.ui.i18n import install_translators

    install_translators(QApplication.instance(), "zh_CN")
    return _window(qtbot, shared_services, tasks, "zh_CN")


@pytest.fixture
def english(qtbot, compiled_translations) -> Iterator[str]:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from ipdesk.ui.i18n import install_translators

    loaded = install_translators(QApplication.instance(), "en")
    assert "ui_en.qm" in loaded
    yield "en"
    install_translators(QApplication.instance(), "zh_CN")


@pytest.fixture
def english_window(qtbot, shared_services, tasks, english):  # type: ignore[no-untyped-def]
    return _window(qtbot, shared_services, tasks, english)


def wait_idle(qtbot, tasks) -> None:  # type: ignore[no-untyped-def]
    """Let queued background work finish and its results arrive on the GUI thread."""
    qtbot.waitUntil(lambda: not tasks._pending, timeout=10000)
    qtbot.wait(5)


def press_save(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    """Press the Settings page's 保存 and wait for its answer: the settings file is written on a task's
    thread (a check that fails first, such as a wrong PIN, answers at once)."""
    page.save_button.click()
    qtbot.waitUntil(page.save_button.isEnabled, timeout=10000)


SYNTHETIC_PATENT_TITLE = "合成测试专利：一种水稻育秧方法（测试数据）"
SYNTHETIC_MARK = "合成测试商标甲"


@pytest.fixture
def synthetic_records(services) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """One patent and one trademark, clearly synthetic (numbers say TEST), located in 五常市."""
    from ipdesk.services.models import Patent, Trademark

    with services.db.session() as s:
        patent = Patent(
            pub_no="TEST0000000001A", app_no="TEST0000000001", kind="invention", title=SYNTHETIC_PATENT_TITLE,
            abstract="测试用的合成摘要，不是真实专利。", applicants="测试合作社甲; 测试研究所乙", inventors="测试人",
            address="黑龙江省五常市（测试）", region_code="230184000000", ipc_codes="A01G0009000000 A01C0001000000",
            filing_date=dt.date(2001, 3, 1), pub_date=dt.date(2002, 3, 1), legal_status="expired",
            expiry_date=dt.date(2021, 3, 1), dataset="patents", source="synthetic test data", as_of=dt.date(2026, 1, 1),
        )
        mark = Trademark(
            reg_no="TEST0001", mark_text=SYNTHETIC_MARK, nice_class=30, similar_groups="3004", goods="米（测试）",
            owner="测试合作社甲", owner_address="黑龙江省五常市（测试）", region_code="230184100000", kind="ordinary",
            status="registered", reg_date=dt.date(2015, 6, 1), expiry_date=dt.date(2035, 5, 31), dataset="trademarks",
            source="synthetic test data",
        )
        s.add_all([patent, mark])
        s.flush()
        return {"patent": patent.id, "trademark": mark.id}


def type_text(qtbot, widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type like a person: Latin keys as key presses, Chinese as an input method commits them."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(widget, ch)
        else:
            event = QInputMethodEvent()
            event.setCommitString(ch)
            QApplication.sendEvent(widget, event)


def search_in_window(qtbot, window, text: str):  # type: ignore[no-untyped-def]
    """Type `text` into the search page as a person would and wait for its results: the page."""
    page = window.show_page("search")
    with qtbot.waitSignal(page.sig_results_shown, timeout=10000):
        page.search_box.clear()
        type_text(qtbot, page.search_box, text)
    qtbot.waitUntil(lambda: page.last_result is not None and page.last_result.query == text, timeout=10000)
    return page
