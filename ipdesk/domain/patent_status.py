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

RESTORABLE = "restorable"
REEXAMINATION = "reexamination"
DUPLICATE = "duplicate"

# The key words, read in this order: 避免重复授权放弃 before anything else (it also says 放弃).
OPEN_STATUS_WORDS = (
    ("重复授权", DUPLICATE),
    ("待恢复", RESTORABLE),  # 等待恢复
    ("请求恢复", RESTORABLE),
    ("恢复请求", RESTORABLE),
    ("复审", REEXAMINATION),
)
# English for a status kept as written (the Chinese is the record's own words).
OPEN_STATUS_EN = {
    RESTORABLE: "ended, awaiting restoration",
    REEXAMINATION: "rejected, under re-examination",
    DUPLICATE: "given up to avoid double patenting",
}


def open_status(text: str) -> str | None:
    """Which not-final status a patent's status words give (RESTORABLE, REEXAMINATION, DUPLICATE), or
    None for any other status (a stored code such as lapsed is never one of them)."""
    folded = "".join(text.split())
    if "维持驳回" in folded:  # 复审决定维持驳回: the re-examination is over and the rejection upheld (only a suit is left)
        return None
    for word, kind in OPEN_STATUS_WORDS:
        if word in folded:
            return kind
    return None


# The words of a right that has been restored (CNIPA's 专利权的恢复 / 权利的恢复 notices): in force.
RESTORED_EN = "right restored, in force"
RESTORED_WORDS = ("权利恢复", "权利的恢复", "专利权恢复", "专利权的恢复", "恢复专利权", "恢复权利", "已恢复")


def restored(text: str) -> bool:
    """Whether a patent's status words say the right has been restored (权利恢复, 专利权的恢复), so that it
    is in force again; not for a restoration still awaited or requested (等待恢复: `open_status`)."""
    folded = "".join(text.split())
    return open_status(folded) is None and any(word in folded for word in RESTORED_WORDS)
