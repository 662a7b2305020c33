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


def test_a_term_recorded_as_ending_at_the_calendars_end_does_not_break() -> None:
    """QA 22c: a mark whose expiry is 9999-12-31 (a list's "no end", e.g. from an update) raised ValueError
    (year 10000 is out of range) in the brand check, the report and the record view."""
    term = renewal_term(dt.date(9999, 12, 31), dt.date(2026, 11, 28))
    assert term.stage == IN_TERM and term.grace_until == dt.date.max
    assert add_months(dt.date(1, 3, 1), -12) == dt.date.min
