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
