"""Sizes, counts and remaining times as people read them, in Chinese or English.

`size_text(6_659_741)` → '6.4 MB'; `size_pair(1_147_683, 6_659_741)` → '1.1 / 6.4 MB';
`eta_text(18, 'zh_CN')` → '剩余约 18 秒', `eta_text(300, 'en')` → 'about 5 min left'.
"""

from __future__ import annotations

import math

from ipdesk.domain.i18n import pick

KB = 1024
MB = 1024 * 1024


def _unit(n: int) -> tuple[float, str]:
    if n >= MB:
        return MB, "MB"
    if n >= KB:
        return KB, "KB"
    return 1, ""


def _number(n: int, div: float) -> str:
    if div == 1:
        return f"{n:,}"
    value = n / div
    return f"{value:,.1f}" if div == MB else f"{math.ceil(value):,}"


def size_text(n: int, lang: str = "zh_CN") -> str:
    """Bytes as MB with one decimal, KB below a megabyte, plain bytes below a kilobyte."""
    div, unit = _unit(n)
    return f"{_number(n, div)} {unit or pick(lang, '字节', 'bytes' if n != 1 else 'byte')}"


def size_pair(done: int, total: int, lang: str = "zh_CN") -> str:
    """'1.1 / 6.4 MB': both in the total's unit."""
    div, unit = _unit(total)
    return f"{_number(done, div)} / {_number(total, div)} {unit or pick(lang, '字节', 'bytes')}"


def duration_text(seconds: float, lang: str = "zh_CN") -> str:
    """'18 秒', '5 分钟', '1 小时 5 分钟' / '18 s', '5 min', '1 h 5 min' (minutes rounded up)."""
    s = max(1, math.ceil(seconds))
    if s < 60:
        return pick(lang, f"{s} 秒", f"{s} s")
    minutes = math.ceil(s / 60)
    if minutes < 60:
        return pick(lang, f"{minutes} 分钟", f"{minutes} min")
    h, m = divmod(minutes, 60)
    return pick(lang, f"{h} 小时" + (f" {m} 分钟" if m else ""), f"{h} h" + (f" {m} min" if m else ""))


def eta_text(seconds: float | None, lang: str = "zh_CN") -> str:
    """'剩余约 18 秒' / 'about 18 s left'; '' when unknown or under a second (not 'about 0 s')."""
    if seconds is None or seconds < 1:
        return ""
    d = duration_text(seconds, lang)
    return pick(lang, f"剩余约 {d}", f"about {d} left")


def plural(n: int, one: str, many: str) -> str:
    """'1 row', '2 rows' (English only: Chinese has no plural)."""
    return f"{n:,} {one if n == 1 else many}"
