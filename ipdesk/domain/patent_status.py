"""Patent legal statuses that read as ended but are not final.

CNIPA's registers give some statuses whose first word says the right has ended while the rest says it
may come back or lives on in another patent:

- 未缴年费专利权终止，等待恢复 (lapsed, awaiting restoration) and 专利权的恢复: a right that ended because a
  time limit was missed may be restored on request (专利法实施细则第六条: within two months of the notice,
  at most two years from the missed deadline);
- 驳回后复审 (rejected, under re-examination): the rejection may be set aside and the application granted
  (专利法第四十一条);
- 避免重复授权放弃专利权 (given up to avoid double patenting): the utility model the applicant gave up so
  that its invention patent on the same technique could be granted (专利法第九条第一款); the technique stays
  protected by that invention patent.

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
    ("恢复", RESTORABLE),
    ("复审", REEXAMINATION),
)
# English for a status kept as written (the Chinese is the record's own words).
OPEN_STATUS_EN = {
    RESTORABLE: "ended, may be restored",
    REEXAMINATION: "rejected, under re-examination",
    DUPLICATE: "given up to avoid double patenting",
}


def open_status(text: str) -> str | None:
    """Which not-final status a patent's status words give (RESTORABLE, REEXAMINATION, DUPLICATE), or
    None for any other status (a stored code such as lapsed is never one of them)."""
    folded = "".join(text.split())
    for word, kind in OPEN_STATUS_WORDS:
        if word in folded:
            return kind
    return None
