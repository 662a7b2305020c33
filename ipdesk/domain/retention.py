"""How long the service record (服务台账) and its archived reports are kept (个人信息保护法 第十九条:
personal information is kept no longer than needed; a centre keeps its records for its own filing
period).

The period is whole years (`RETENTION_YEARS`; 0: kept for ever, the default). An entry is removed
when its local date is before the cut-off: the same calendar day `years` years before today (29 Feb
in a year that has none is 28 Feb). An entry made on the cut-off day itself is exactly `years` years
old and is kept; one made a day earlier is removed.
"""

from __future__ import annotations

import datetime as dt

RETENTION_YEARS = (0, 1, 2, 3, 5, 10)  # 0: 永久保留 (kept for ever)


def years_before(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` years before `day`; 29 Feb becomes 28 Feb in a common year."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 Feb, and the year `years` before is not a leap year
        return day.replace(year=day.year - years, day=28)


def retention_cutoff(years: int, today: dt.date) -> dt.date | None:
    """The first day kept: entries dated before it are removed. None: kept for ever."""
    if years <= 0:
        return None
    return years_before(today, years)


def days_cutoff(days: int, today: dt.date) -> dt.date:
    """The first day kept when entries older than `days` whole calendar days are removed."""
    return today - dt.timedelta(days=max(days, 0))


def is_shorter(new_years: int, old_years: int) -> bool:
    """Whether changing the period from `old_years` to `new_years` removes more (0 is for ever)."""
    if new_years <= 0:
        return False
    return old_years <= 0 or new_years < old_years
