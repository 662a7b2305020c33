"""A trademark's term (《商标法》第三十九、四十条): renewal in the last twelve months, six months' grace, then cancelled."""

from __future__ import annotations

import datetime as dt

from ipdesk.domain.trademark_term import GRACE, IN_TERM, LAPSED, RENEWABLE, add_months, renewal_term


def test_add_months_keeps_the_day_or_takes_the_months_last() -> None:
    assert add_months(dt.date(2026, 5, 6), 6) == dt.date(2026, 11, 6)
    assert add_months(dt.date(2026, 5, 6), -12) == dt.date(2025, 5, 6)
    assert add_months(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2027, 8, 31), 6) == dt.date(2028, 2, 29)
    assert add_months(dt.date(2026, 1, 15), -1) == dt.date(2025, 12, 15)


def test_stages_around_the_end_of_the_term() -> None:
    expiry = dt.date(2026, 5, 6)
    assert renewal_term(expiry, dt.date(2025, 5, 5)).stage == IN_TERM
    assert renewal_term(expiry, dt.date(2025, 5, 6)).stage == RENEWABLE
    assert renewal_term(expiry, expiry).stage == RENEWABLE  # the last day of the term
    term = renewal_term(expiry, dt.date(2026, 5, 7))
    assert term.stage == GRACE and term.grace_until == dt.date(2026, 11, 6) and term.renew_from == dt.date(2025, 5, 6)
    assert renewal_term(expiry, dt.date(2026, 11, 6)).stage == GRACE
    assert renewal_term(expiry, dt.date(2026, 11, 7)).stage == LAPSED
