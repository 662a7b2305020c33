"""The search page with odd input (walk-through of 2026-11-27, finding 1): 2,4-D is searched, and an
unexpected error is told in the window's language, the driver's own words kept for the log."""

from __future__ import annotations

from tests.ui.conftest import search_in_window


def test_a_chemical_name_is_searched_in_the_window(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Before: 查找出错：fts5: phrase queries are not supported (detail!=full)."""
    page = search_in_window(qtbot, window, "2,4-D")
    assert "找到" in page.status_label.text() and "fts5" not in page.status_label.text()


def test_an_unexpected_error_is_told_without_the_drivers_words(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    page = window.show_page("search")
    page._show_error(RuntimeError("fts5: phrase queries are not supported (detail!=full)"))
    text = page.status_label.text()
    assert "日志" in text and "fts5" not in text and "detail" not in text


def test_an_unexpected_error_in_english(qtbot, english_window) -> None:  # type: ignore[no-untyped-def]
    page = english_window.show_page("search")
    page._show_error(RuntimeError("fts5: syntax error"))
    text = page.status_label.text()
    assert "log" in text and "fts5" not in text
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_a_search_that_finds_the_database_locked_asks_again_by_itself(  # type: ignore[no-untyped-def]
        qtbot, tasks, data_dir, monkeypatch) -> None:
    """A data folder on a share (rollback journal): while a data update writes, a search waits and then
    finds the database locked. The page says why in words and searches again by itself, and the
    results come once the write has ended, without the person typing anything."""
    import sqlean

    from ipdesk.services import db as db_module
    from ipdesk.services.container import build_services
    from ipdesk.ui import search_page as search_page_module
    from tests.ui.conftest import _window

    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_MS", 100)
    monkeypatch.setattr(search_page_module, "BUSY_RETRY_MS", 300)
    monkeypatch.setenv("IPDESK_DATA_ON_NETWORK", "1")
    services = build_services(data_dir)
    other = sqlean.connect(str(data_dir / db_module.DB_FILENAME), isolation_level=None)
    try:
        window = _window(qtbot, services, tasks, "zh_CN")
        page = search_in_window(qtbot, window, "稻")  # before the write: a pooled connection exists
        tasks.wait_idle(10000)
        other.execute("BEGIN EXCLUSIVE")  # the update's apply, mid-write
        page.set_query("茶")
        qtbot.waitUntil(lambda: "几秒后自动再查" in page.status_label.text(), timeout=10000)
        assert page.model.rowCount() == 0 and page.last_result is None
        other.execute("ROLLBACK")
        qtbot.waitUntil(lambda: page.last_result is not None and page.last_result.query == "茶", timeout=10000)
        assert "找到" in page.status_label.text() and page.model.rowCount() > 0
        assert page._busy_retries == 0
    finally:
        tasks.wait_idle(10000)
        if other.in_transaction:
            other.execute("ROLLBACK")
        other.close()
        services.close()


_DRIVER = RuntimeError("(sqlean.dbapi2.OperationalError) disk I/O error\n[SQL: SELECT * FROM division WHERE code = ?]")


def _failures(window):  # type: ignore[no-untyped-def]
    """Each page's answer to a failed background task, and where it shows it."""
    place, reports = window.page("place"), window.page("reports")
    shown = {
        "place find": lambda: (place._show_find_error(_DRIVER), place.matches.item(0).text())[1],
        "place load": lambda: (place._show_error(_DRIVER), place.summary.text())[1],
        "service record": lambda: (reports._on_record_error(_DRIVER), reports.record_message.text())[1],
    }
    for key in ("gi_check", "brand_check", "patents"):
        wizard = window.page(key)
        shown[key] = (lambda w: lambda: (w._on_compute_error(_DRIVER), w.problem_label.text())[1])(wizard)
    return shown


def test_an_unexpected_failure_on_any_page_is_told_without_the_drivers_words(  # type: ignore[no-untyped-def]
        qtbot, window, english_window, caplog) -> None:
    """Before: the place page, the service record and the wizards showed the driver's English with its
    SQL in the Chinese window. Now the window's own words, and the driver's in the log."""
    for win, words in ((window, "出现意外问题"), (english_window, "Something unexpected went wrong")):
        for where, show in _failures(win).items():
            text = show()
            assert words in text, (where, text)
            assert "SQL" not in text and "disk I/O" not in text and "OperationalError" not in text, (where, text)
    assert "disk I/O error" in caplog.text
