"""A trademark's detail says where it stands in its term: renewable, in the six-month grace period
(宽展期) until a date, or past it (cancelled unless renewed; the status shown may be out of date)."""

from __future__ import annotations

import datetime as dt

import pytest

from ipdesk.domain.trademark_term import add_months
from tests.ui.conftest import _window, wait_idle


def _mark(services, reg_no: str, expiry: dt.date, status: str = "registered") -> int:  # type: ignore[no-untyped-def]
    from ipdesk.services.models import Trademark

    with services.db.session() as s:
        mark = Trademark(
            reg_no=reg_no, mark_text=f"合成测试商标{reg_no}", nice_class=30, similar_groups="3004", goods="米（测试）",
            owner="测试合作社甲", owner_address="黑龙江省五常市（测试）", region_code="230184100000", kind="ordinary",
            status=status, reg_date=add_months(expiry, -120), expiry_date=expiry, dataset="trademarks",
            source="synthetic test data",
        )
        s.add(mark)
        s.flush()
        return int(mark.id)


def _open(qtbot, window, ref_id: int):  # type: ignore[no-untyped-def]
    window.open_record("trademark", ref_id)
    qtbot.waitUntil(lambda: window.detail_page.view is not None and window.detail_page.view.detail is not None
                    and window.detail_page.view.detail.id == ref_id, timeout=10000)
    wait_idle(qtbot, window.tasks)
    return window.detail_page.view


@pytest.fixture
def zh_window(qtbot, services, tasks):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from ipdesk.ui.i18n import install_translators

    install_translators(QApplication.instance(), "zh_CN")
    return _window(qtbot, services, tasks, "zh_CN")


def test_in_the_grace_period_it_says_renewal_is_still_possible_until_a_date(qtbot, zh_window, services) -> None:  # type: ignore[no-untyped-def]
    expiry = dt.date.today() - dt.timedelta(days=20)
    view = _open(qtbot, zh_window, _mark(services, "TEST1001", expiry))
    grace = add_months(expiry, 6).isoformat()
    assert view.renewal_label is not None and view.renewal_label.isVisible()
    text = view.renewal_label.text()
    assert "宽展期至 " + grace in text and "仍可办理续展" in text and "第四十条" in text
    assert "注销" not in text


def test_past_the_grace_period_it_says_cancelled_unless_renewed(qtbot, zh_window, services) -> None:  # type: ignore[no-untyped-def]
    expiry = add_months(dt.date.today(), -7)
    view = _open(qtbot, zh_window, _mark(services, "TEST1002", expiry))
    text = view.renewal_label.text()
    assert "注销" in text and add_months(expiry, 6).isoformat() in text
    assert "（已注册）可能已过时" in text  # the status shown next to it may be out of date


def test_within_a_year_of_the_end_it_says_renewal_is_open(qtbot, zh_window, services) -> None:  # type: ignore[no-untyped-def]
    expiry = dt.date.today() + dt.timedelta(days=60)
    view = _open(qtbot, zh_window, _mark(services, "TEST1003", expiry))
    text = view.renewal_label.text()
    assert "期满前十二个月内可以办理续展" in text and add_months(expiry, -12).isoformat() in text


def test_nothing_about_renewal_years_before_the_end_or_for_a_cancelled_mark(qtbot, zh_window, services) -> None:  # type: ignore[no-untyped-def]
    assert _open(qtbot, zh_window, _mark(services, "TEST1004", dt.date.today() + dt.timedelta(days=800))).renewal_label is None
    cancelled = _mark(services, "TEST1005", add_months(dt.date.today(), -8), status="cancelled")
    assert _open(qtbot, zh_window, cancelled).renewal_label is None
    # ended in the registry's own words, as a list imports them (QA 2026-11-27: 已失效 was told to renew)
    for n, words in enumerate(("已失效", "期满未续展", "lapsed", "expired")):
        ended = _mark(services, f"TEST11{n:02d}", dt.date.today() - dt.timedelta(days=3), status=words)
        assert _open(qtbot, zh_window, ended).renewal_label is None, words


def test_english_grace_period_text(qtbot, services, tasks, english) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, services, tasks, english)
    expiry = dt.date.today() - dt.timedelta(days=3)
    view = _open(qtbot, window, _mark(services, "TEST1006", expiry))
    text = view.renewal_label.text()
    assert "grace period" in text and add_months(expiry, 6).isoformat() in text and "Art. 40" in text
