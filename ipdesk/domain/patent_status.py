"""Patent legal statuses that read as ended but are not final.

CNIPA's registers give some statuses whose first word says the right has ended while the rest says it
may come back or lives on in another patent:

- 未缴年费专利权终止，等待恢复 (lapsed, awaiting restoration) and 请求恢复 (restoration requested): a right
  that ended because a time limit was missed may be restored on request (专利法实施细则第六条: within two
  months of the notice, at most two years from the missed deadline), but never beyond its term;
- 驳回后复审 (rejected, under re-examination): the rejection may be set aside and the application granted
  (专利法第四十一条);
- 避免重复授权放弃专利权 (given up to avoid double patenting): the utility model the applicant gave up so
  that its invention patent on the same technique could be granted (专利法第九条第一款); the technique stays
  protected by that invention patent.

A right that HAS been restored (权利恢复, 专利权的恢复, 恢复专利权: `restored`) is in force again, whatever
its words share with 等待恢复: a bare 恢复 decides nothing.

The import keeps such a status as written (the words matter to staff; `services.importers.validate`),
and the patent finder treats the patent as in force until CNIPA's register says otherwise. Plain words
only here: `i18n` reads these names, and `patent_finder` gives the reasons.
"""

from __future__ import annotations

import re

from ipdesk.domain.text import split_clauses

RESTORABLE = "restorable"
REEXAMINATION = "reexamination"
DUPLICATE = "duplicate"

# The key words, read in this order: 避免重复授权放弃 before anything else (it also says 放弃).
OPEN_STATUS_WORDS = (
    ("重复授权", DUPLICATE),
    # a utility model given up when the invention filed the same day is granted (专利法实施细则第四十七条):
    # 实用新型专利权自公告授予发明专利权之日起终止, 实用新型专利权自动放弃 (an invention or a design given up
    # "automatically" has no such twin: a plain 放弃)
    ("授予发明专利权之日起终止", DUPLICATE),
    ("实用新型专利权自动放弃", DUPLICATE),
    ("待恢复", RESTORABLE),  # 等待恢复
    ("请求恢复", RESTORABLE),
    ("恢复请求", RESTORABLE),
    ("复审", REEXAMINATION),
    # English lists: "lapsed, restoration possible", "rejected, under re-examination"
    ("awaitingrestoration", RESTORABLE),
    ("restorationpossible", RESTORABLE),
    ("restorationrequested", RESTORABLE),
    ("pendingrestoration", RESTORABLE),
)
# English re-examination, as a word's start ('pre-examination' is none)
_REEXAMINATION_EN = re.compile(r"\bre-?exam")
# English for a status kept as written (the Chinese is the record's own words).
OPEN_STATUS_EN = {
    RESTORABLE: "ended, awaiting restoration",
    REEXAMINATION: "rejected, under re-examination",
    DUPLICATE: "given up to avoid double patenting",
}


def open_status(text: str) -> str | None:
    """Which not-final status a patent's status words give (RESTORABLE, REEXAMINATION, DUPLICATE), or
    None for any other status (a stored code such as lapsed is never one of them)."""
    folded = "".join(text.split()).lower()
    if "维持驳回" in folded:  # 复审决定维持驳回: the re-examination is over and the rejection upheld (only a suit is left)
        return None
    for word, kind in OPEN_STATUS_WORDS:
        if word in folded:
            return kind
    return REEXAMINATION if _REEXAMINATION_EN.search(text.lower()) else None


# The words of a right that has been restored (CNIPA's 专利权的恢复 / 权利的恢复 notices): in force.
RESTORED_EN = "right restored, in force"
RESTORED_WORDS = ("权利恢复", "权利的恢复", "专利权恢复", "专利权的恢复", "恢复专利权", "恢复权利", "已恢复")


def restored(text: str) -> bool:
    """Whether a patent's status words say the right has been restored (权利恢复, 专利权的恢复), so that it
    is in force again; not for a restoration still awaited or requested (等待恢复: `open_status`)."""
    folded = "".join(text.split())
    return open_status(folded) is None and any(word in folded for word in RESTORED_WORDS)


# An invalidation request (无效宣告请求) leaves the patent in force until the patent is declared invalid (专利法
# 第四十五至四十七条): pending, or ended without that decision (withdrawn, rejected, proceedings ended).
INVALIDATION_PENDING = "invalidation_pending"
_REQUEST_ENDED = ("撤回", "驳回", "终止", "withdrawn", "rejected", "dismissed", "ended", "terminated")
# the right's own end in another clause of the same line (专利权终止；无效宣告请求): the end stands
_RIGHT_ENDED = ("终止", "届满", "期满", "失效", "放弃", "lapsed", "expired", "ceased")
_DECIDED = ("决定", "结论")  # 无效宣告请求审查决定…, …审查结论：宣告专利权全部无效
_DECLARED = ("全部无效", "宣告无效", "宣告专利权无效")
# a request's own words (请求宣告专利权全部无效); not 无效宣告请求宣告… ("on the request, declared …")
_ASKED = re.compile(r"(?<!无效宣告)请求宣告")
_DECIDED_EN = re.compile(r"decision|revoked|invalid(?!ation)")


def invalidation_request(text: str) -> str | None:
    """'pending' for an invalidation requested and not decided (无效宣告请求, 无效宣告审查中, 请求宣告专利权全部无效,
    invalidation pending), 'ended' for a request withdrawn, rejected or ended without a decision (撤回无效宣告请求,
    无效宣告请求被驳回, 终止无效宣告程序); None for anything else: a decision (宣告专利权全部无效（请求人：…）,
    …审查结论：宣告专利权全部无效, invalidated after an invalidation request), a partial one (部分无效: in force),
    or a request beside the right's own end (专利权终止；无效宣告请求: lapsed)."""
    folded = "".join(text.split()).lower()
    if folded == INVALIDATION_PENDING:
        return "pending"
    if "部分无效" in folded:
        return None
    clauses = split_clauses(folded)
    asked = [c for c in clauses if "无效" in c or "invalid" in c]
    if not asked or any(w in c for c in clauses if c not in asked for w in _RIGHT_ENDED):
        return None
    request = "，".join(asked)
    if "invalid" in request and "无效" not in request:  # English
        if "invalidation" not in request or _DECIDED_EN.search(request):
            return None
    elif (any(w in request for w in _DECIDED)
          or (any(w in request for w in _DECLARED) and not _ASKED.search(request))
          or not ("无效宣告" in request or "请求" in request)):
        return None
    return "ended" if any(word in request for word in _REQUEST_ENDED) else "pending"


# Events recorded beside the right, not its status: a licence or a pledge recorded or ended, a preservation
# (保全), a priority claim withdrawn. 终止 / 失效 / 撤回 in them say nothing of the right itself.
_EVENT_WORDS = ("许可", "质押", "保全", "优先权", "licen", "pledge", "priority")


def side_event(text: str) -> bool:
    """Whether a patent's status words name an event beside the right (专利实施许可合同备案的终止, 质押合同登记的
    失效, 撤回优先权要求) rather than what became of it."""
    folded = "".join(text.split()).lower()
    return any(word in folded for word in _EVENT_WORDS)
