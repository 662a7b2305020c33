"""Where a registered trademark stands in its term: renewal window, grace period, cancellation.

《商标法》(2019) 第三十九条: a registration lasts ten years from approval. 第四十条: to keep using the
mark the registrant renews within the twelve months before the term ends; one who has not may be
given a grace period (宽展期) of six months; each renewal lasts ten years from the day after the
previous term ends; a registration not renewed by then is cancelled (注销).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from ipdesk.domain.text import split_clauses

RENEWAL_WINDOW_MONTHS = 12  # 期满前十二个月内办理续展
GRACE_MONTHS = 6  # 宽展期六个月

IN_TERM = "in_term"  # more than twelve months left: nothing to do yet
RENEWABLE = "renewable"  # within the twelve months before the term ends
GRACE = "grace"  # the term has ended; renewal still possible in the grace period
LAPSED = "lapsed"  # the grace period has ended too: cancelled unless it was renewed


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (earlier when negative), on the month's last day when it is shorter;
    the calendar's first or last day beyond its ends (a term recorded as ending 9999-12-31 has no grace
    period that ends)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    if year > dt.MAXYEAR:
        return dt.date.max
    if year < dt.MINYEAR:
        return dt.date.min
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


# --- a trademark's status ----------------------------------------------------------------------------
# Stored statuses (codes, as `i18n.STATUS_NAMES` names them). A mark whose right has ended no longer bars
# a new one; one under invalidation, opposition or revocation is still in force until it is decided.
TM_ENDED_STATUSES = frozenset((
    "expired", "lapsed", "terminated", "invalid", "invalidated", "revoked", "cancelled", "withdrawn", "rejected",
    "abandoned",
))
TM_LIVE_STATUSES = frozenset((
    "registered", "in_force", "valid", "active", "protected", "granted", "pending", "published", "examination",
    "under_examination", "substantive_examination", "invalidation_pending", "opposition_pending",
    "revocation_pending",
))
KNOWN_TM_STATUSES = TM_ENDED_STATUSES | TM_LIVE_STATUSES
# Ended statuses of an application that never became a registration: 《商标法》第五十条 (the one-year bar after
# a registration is revoked, invalidated or not renewed) does not apply to them.
TM_NEVER_REGISTERED = frozenset(("rejected", "withdrawn", "abandoned"))
# Ended statuses whose ending comes from the term: 期满未续展, cancelled after the grace period.
TM_NOT_RENEWED = frozenset(("expired",))

# The words a trademark list uses for a status, read exactly (folded: no spaces, lower case).
TM_STATUS_WORDS = {
    "注册": "registered", "已注册": "registered", "商标已注册": "registered", "注册商标": "registered",
    "有效": "in_force", "live": "registered",
    "申请中": "pending", "注册申请中": "pending", "审查中": "pending", "待审": "pending", "待审中": "pending",
    "等待实质审查": "pending", "初审公告": "pending", "初步审定": "pending", "初审": "pending",
    "无效宣告中": "invalidation_pending", "无效宣告审查中": "invalidation_pending", "无效中": "invalidation_pending",
    # the procedure's name alone (CNIPA's lists say 无效宣告 for a mark under it): a request, not an ended right
    "无效宣告": "invalidation_pending",
    "异议中": "opposition_pending", "异议审查中": "opposition_pending",
    "撤销中": "revocation_pending", "撤销审查中": "revocation_pending", "撤三中": "revocation_pending",
    "失效": "lapsed", "已失效": "lapsed", "商标无效": "lapsed", "dead": "lapsed",
    "期满": "expired", "已期满": "expired", "期满未续展": "expired", "到期未续展": "expired", "届满": "expired",
    "已届满": "expired", "未续展": "expired",
    "注销": "cancelled", "已注销": "cancelled", "撤销": "revoked", "已撤销": "revoked",
    "无效": "invalidated", "已无效": "invalidated", "宣告无效": "invalidated", "已宣告无效": "invalidated",
    "被宣告无效": "invalidated",
    "驳回": "rejected", "已驳回": "rejected", "撤回": "withdrawn", "已撤回": "withdrawn",
    "放弃": "abandoned", "已放弃": "abandoned",
}
# Longer wordings, read by their key word; the first that occurs decides: a pending invalidation,
# opposition or revocation before the ending it may lead to (无效宣告中 is not 无效), 复审 (a refusal under
# review: still an application) before 驳回, 申请中 before 注册 (注册申请中); 部分无效 (invalidated for some
# goods) leaves the rest in force, and so do 部分撤销, 部分注销 and 部分宣告无效 (a registration ended for some
# goods only); 部分驳回 (refused for some goods) leaves an application that goes on for the rest (商标法实施条例
# 第二十一条), read before 驳回: read as ended, an identical earlier mark still live was waved through;
# 不予注册 is a refusal, but 不予注册复审 a refusal under review (商标法第三十五条) and 宽展期内 still live; 无效宣告 without 中 is the procedure's name (a request
# pending, like 无效宣告中), while 宣告无效 is its outcome.
_TM_STATUS_KEYS = (
    ("部分无效", "registered"), ("部分宣告无效", "registered"), ("部分撤销", "registered"), ("部分注销", "registered"),
    ("部分驳回", "pending"), ("宽展期内未续展", "registered"), ("复审", "pending"), ("不予注册", "rejected"), ("无效宣告中", "invalidation_pending"), ("无效宣告审查", "invalidation_pending"), ("无效宣告申请", "invalidation_pending"),
    ("异议中", "opposition_pending"), ("异议审查", "opposition_pending"), ("撤销中", "revocation_pending"), ("撤销审查", "revocation_pending"),
    ("撤三", "revocation_pending"), ("申请中", "pending"), ("审查中", "pending"),
    ("初审", "pending"), ("初步审定", "pending"),
    ("未续展", "expired"), ("期满", "expired"), ("届满", "expired"), ("注销", "cancelled"), ("宣告无效", "invalidated"),
    ("无效宣告", "invalidation_pending"), ("撤销", "revoked"), ("驳回", "rejected"), ("撤回", "withdrawn"), ("放弃", "abandoned"), ("失效", "lapsed"),
    ("无效", "lapsed"), ("已注册", "registered"), ("注册", "registered"), ("有效", "in_force"),
)


# Events about a mark, not what became of it: an assignment, a change, a renewal, a licence or a pledge
# recorded, withdrawn, refused or ended (转让撤回, 驳回续展申请, 许可合同备案注销, 质权登记注销). A line's clauses
# that name one are set aside and the rest read (已注册，许可备案撤回 is registered); a line of nothing else is
# kept as written, live, and the import says it cannot place it. A renewal made (已续展, 续展注册, 续展核准) is
# the mark renewed: registered, whatever else the line says of the term.
_TM_EVENT_WORDS = ("转让", "变更", "许可", "质押", "质权", "续展")
_TM_NOTE = re.compile(r"[（(][^（()）]*[)）]")  # a note in brackets: 注销（转让后）, 已撤销（撤销申请成立）
# a renewal not made or refused, said as 未续展 (the mark ends with its term)
_TM_NOT_RENEWED = re.compile(r"(?:未予|不予|未办理|未申请)续展")
_TM_RENEWAL_UNDONE = ("未续展", "撤回", "驳回", "申请", "不予")


def _tm_event(clause: str) -> bool:
    folded = _fold_status(clause)
    return any(w in folded for w in _TM_EVENT_WORDS) and "未续展" not in folded


def _tm_renewed(clause: str) -> bool:
    folded = _fold_status(clause)
    return "续展" in folded and not any(w in folded for w in _TM_RENEWAL_UNDONE)


def _tm_plain(text: str) -> str:
    """The words that say what became of the mark: without notes in brackets (when anything is left),
    a renewal not made as 未续展, and of 'X后Y' (转让后注销: after an assignment, cancelled) the Y."""
    plain = _TM_NOTE.sub("", text) if _TM_NOTE.sub("", text).strip() else text
    plain = _TM_NOT_RENEWED.sub("未续展", plain)
    clauses = [after if (after := clause.rsplit("后", 1)[-1]).strip() else clause for clause in split_clauses(plain)]
    return "，".join(c for c in clauses if c.strip())


def _tm_request(folded: str) -> str | None:
    """A request about a mark and how it went, which its key words would read otherwise: a review of a
    refusal that failed (驳回复审不成立, 不予注册复审不成立: refused); a request against a registration that
    failed (撤销不成立, 异议不成立: registered) or succeeded (撤销申请成立: revoked; 请求宣告无效成立:
    invalidated; 异议成立: refused); a decision for some goods only (部分商品撤销: the rest registered); an
    application withdrawn (撤销商标注册申请); a revocation request refused, withdrawn or pending (撤销申请被驳回:
    registered; 撤销连续三年停止使用注册商标申请, …提供证据通知发文: revocation_pending); an invalidation
    requested (请求宣告无效: invalidation_pending)."""
    if "不成立" in folded:
        return "rejected" if "复审" in folded else "registered"
    if "成立" in folded:
        if "撤销" in folded or "撤三" in folded:
            return "revoked"
        if "无效" in folded:
            return "invalidated"
        if "异议" in folded:
            return "rejected"
    if "部分" in folded and any(w in folded for w in ("撤销", "注销", "无效", "不予注册")):
        return "registered"
    if "撤销" in folded and ("注册申请" in folded or "商标申请" in folded) and "注册商标" not in folded:
        return "withdrawn"
    if "撤销" in folded and "申请" in folded and ("驳回" in folded or "撤回" in folded):
        return "registered"
    if "撤销" in folded and ("申请" in folded or "通知" in folded):
        return "revocation_pending"
    if "请求宣告" in folded or "申请宣告" in folded:
        return "invalidation_pending"
    return None


def _fold_status(text: str) -> str:
    return "".join(text.split()).lower().replace("-", "_")


def trademark_status(text: str) -> str:
    """The stored status a trademark list's words mean (无效宣告中 → invalidation_pending, 期满未续展 →
    expired, 已失效 → lapsed), or the words as they are when they mean none (the import warns)."""
    folded = _fold_status(text)
    if not folded:
        return ""
    if folded in KNOWN_TM_STATUSES:
        return folded
    spaced = "_".join(text.lower().split())
    if spaced in KNOWN_TM_STATUSES:
        return spaced
    known = TM_STATUS_WORDS.get(folded)
    if known:
        return known
    plain = _tm_plain(text)
    if _fold_status(plain) != folded:
        return trademark_status(plain) if _fold_status(plain) else text.strip()
    clauses = split_clauses(text)
    if any(_tm_renewed(c) for c in clauses):
        return "registered"
    if any(_tm_event(c) for c in clauses):
        rest = [c for c in clauses if not _tm_event(c)]
        return trademark_status("，".join(rest)) if rest else text.strip()
    # the opposition period's end (公告期满无异议, 异议期满) is not the term's (期满)
    folded = folded.replace("公告期满", "公告").replace("异议期满", "异议期")
    if (request := _tm_request(folded)) is not None:
        return request
    for word, code in _TM_STATUS_KEYS:
        if word in folded:
            return code
    return text.strip()


def mark_has_ended(status: str) -> bool:
    """True when the status says the right has ended (expired, lapsed, cancelled, invalidated …). A
    status that cannot be read counts as live: not knowing must never make a verdict milder."""
    return trademark_status(status) in TM_ENDED_STATUSES
