"""Where a registered trademark stands in its term: renewal window, grace period, cancellation.

《商标法》(2019) 第三十九条: a registration lasts ten years from approval. 第四十条: to keep using the
mark the registrant renews within the twelve months before the term ends; one who has not may be
given a grace period (宽展期) of six months; each renewal lasts ten years from the day after the
previous term ends; a registration not renewed by then is cancelled (注销).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

RENEWAL_WINDOW_MONTHS = 12  # 期满前十二个月内办理续展
GRACE_MONTHS = 6  # 宽展期六个月

IN_TERM = "in_term"  # more than twelve months left: nothing to do yet
RENEWABLE = "renewable"  # within the twelve months before the term ends
GRACE = "grace"  # the term has ended; renewal still possible in the grace period
LAPSED = "lapsed"  # the grace period has ended too: cancelled unless it was renewed


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (earlier when negative), on the month's last day when it is shorter."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class RenewalTerm:
    stage: str
    expiry: dt.date  # the last day of the term (专用权期限至)
    renew_from: dt.date  # the renewal window opens
    grace_until: dt.date  # the last day of the grace period


def renewal_term(expiry: dt.date, today: dt.date) -> RenewalTerm:
    renew_from = add_months(expiry, -RENEWAL_WINDOW_MONTHS)
    grace_until = add_months(expiry, GRACE_MONTHS)
    if today < renew_from:
        stage = IN_TERM
    elif today <= expiry:
        stage = RENEWABLE
    elif today <= grace_until:
        stage = GRACE
    else:
        stage = LAPSED
    return RenewalTerm(stage, expiry, renew_from, grace_until)
