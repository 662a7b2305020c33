"""QA 22c: "how long ago" in calendar days where the person is, not in whole 24-hour spans of UTC."""

from __future__ import annotations

import datetime as dt

from ipdesk.domain.i18n import days_ago_text

BEIJING = dt.timezone(dt.timedelta(hours=8))


def test_last_night_is_yesterday_this_morning() -> None:
    # 23:30 on 31 March in Beijing (15:30 UTC), read at 07:30 on 1 April (23:30 UTC on 31 March)
    now = dt.datetime(2026, 3, 31, 23, 30, tzinfo=dt.UTC)
    assert days_ago_text("2026-03-31T15:30:00Z", now, BEIJING).zh == "昨天"
    assert days_ago_text("2026-03-31T15:30:00Z", now, BEIJING).en == "yesterday"
    # 08:00 on 1 April in Beijing is today, although it is 31 March in UTC
    assert days_ago_text("2026-04-01T00:00:00Z", dt.datetime(2026, 4, 1, 0, 30, tzinfo=dt.UTC), BEIJING).zh == "今天"


def test_days_cross_month_and_year_ends() -> None:
    now = dt.datetime(2027, 1, 2, 1, 0, tzinfo=dt.UTC)  # 09:00 on 2 January in Beijing
    assert days_ago_text("2026-12-30T12:00:00Z", now, BEIJING).zh == "3 天前"  # 20:00 on 30 December
    assert days_ago_text("2026-12-30T12:00:00Z", now, BEIJING).en == "3 days ago"


def test_a_time_after_the_clock_is_said_not_counted_backwards() -> None:
    """A computer clock set behind had printed "-1 天前"."""
    now = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    said = days_ago_text("2026-11-28T00:00:00Z", now, BEIJING)
    assert "晚于本机当前时间" in said.zh and "-" not in said.zh and "later than this computer's clock" in said.en
