"""Normalise the patent legal statuses older versions stored as written (QA 19b N2).

The versions of 2026-11-25 and 11-26 mapped only a few exact words (有效 → in_force, 届满 → expired …)
and stored every other status as the list gave it: 无效, 未缴年费专利权终止, 视为撤回, 专利权全部无效 …
The patent finder, the record view and the reports read the codes (invalidated, lapsed, withdrawn …),
so such patents were called "status unknown" (and not expired) on an upgraded computer while the same
list imported today counts them as ended. This migration gives every stored status the code the
import gives it today; its search document's `status` column (the search filter's) is set with it.
Statuses that stay as written today stay as they are (未缴年费专利权终止，等待恢复: not final; words
that mean no status). It reads each distinct status once, then changes only the rows that need it.

The mapping is a COPY of `services.importers.validate.patent_status` as of this revision, with the
words it reads from `domain.patent_status` and `domain.patent_finder`, not an import: a migration has
to keep doing what it did when it was written, and the importer's tables will keep growing (a later
change there belongs in a migration of its own). tests/unit/test_migration_0005.py checks that this
copy agrees with the importer's function on every word listed here.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27
"""

import logging
import re

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

log = logging.getLogger("ipdesk.storage")

# --- copied from services/importers/validate.py and domain/patent_status.py, domain/patent_finder.py (2026-11-27)
PATENT_STATUS = {
    "审中": "pending", "在审": "pending", "审查": "pending", "审查中": "pending", "实质审查": "pending",
    "公开": "pending", "pending": "pending",
    "有效": "in_force", "授权": "in_force", "专利权维持": "in_force", "inforce": "in_force", "valid": "in_force",
    "届满": "expired", "期限届满": "expired", "expired": "expired",
    "失效": "lapsed", "未缴年费": "lapsed", "终止": "lapsed", "专利权终止": "lapsed", "未缴年费终止": "lapsed",
    "lapsed": "lapsed", "terminated": "lapsed",
    "驳回": "rejected", "rejected": "rejected", "撤回": "withdrawn", "视为撤回": "withdrawn", "withdrawn": "withdrawn",
    "放弃": "abandoned", "视为放弃": "abandoned", "abandoned": "abandoned",
    "无效": "invalidated", "全部无效": "invalidated", "宣告无效": "invalidated", "invalidated": "invalidated",
    "专利权全部无效": "invalidated", "宣告专利权全部无效": "invalidated", "宣告专利权无效": "invalidated",
}
PATENT_STATUS_WORDS = (
    ("全部无效", "invalidated"), ("视为撤回", "withdrawn"), ("撤回", "withdrawn"), ("驳回", "rejected"),
    ("视为放弃", "abandoned"), ("放弃", "abandoned"), ("终止", "lapsed"), ("失效", "lapsed"), ("届满", "expired"),
    ("期满", "expired"), ("实质审查", "pending"), ("公布", "pending"), ("公开", "pending"), ("授权", "in_force"),
    ("维持", "in_force"), ("有效", "in_force"), ("审查中", "pending"),
)
KNOWN_PATENT_STATUSES = frozenset((
    "expired", "lapsed", "invalid", "invalidated", "terminated", "withdrawn", "rejected", "abandoned",
    "in_force", "granted", "valid", "active",
    "pending", "published", "examination", "under_examination", "substantive_examination",
))
OPEN_STATUS_WORDS = ("重复授权", "待恢复", "请求恢复", "恢复请求", "复审")  # not final: kept as written
RESTORED_WORDS = ("权利恢复", "权利的恢复", "专利权恢复", "专利权的恢复", "恢复专利权", "恢复权利", "已恢复")


def _fold_word(text: str) -> str:
    return re.sub(r"[\s_\-]", "", text.lower())


def _is_open(text: str) -> bool:
    folded = "".join(text.split())
    return any(word in folded for word in OPEN_STATUS_WORDS)


def _restored(text: str) -> bool:
    folded = "".join(text.split())
    return not _is_open(folded) and any(word in folded for word in RESTORED_WORDS)


def patent_status(text: str) -> str:
    """The stored legal status a status's words mean, as the importer read them on 2026-11-27."""
    folded = _fold_word(text)
    if not folded:
        return ""
    if _is_open(text):
        return text.strip()
    if _restored(text):
        return "in_force"
    known = PATENT_STATUS.get(folded) or PATENT_STATUS.get(text)
    if known:
        return known
    if folded.replace("-", "_") in KNOWN_PATENT_STATUSES:
        return folded
    if text.lower().replace(" ", "_") in KNOWN_PATENT_STATUSES:
        return text.lower().replace(" ", "_")
    if "部分无效" in folded:
        return "in_force"
    for word, code in PATENT_STATUS_WORDS:
        if word in folded and not (code == "pending" and "无效" in folded):
            return code
    return text
# --- end of the copy


# Words the importer of 2026-11-30 reads more finely than this copy (an invalidation request, an event beside
# the right, the utility-model twin's give-up, an end before the term): a status holding one is kept as written
# (the patent finder reads the words), never replaced by a code that would lose them (撤回无效宣告请求 had
# become withdrawn: free, though the patent is in force).
KEPT_AS_WRITTEN = ("无效宣告", "请求宣告", "许可", "质押", "保全", "优先权", "自动放弃", "授予发明专利权", "届满前",
                   "期满前", "invalidation", "licen", "pledge", "priority")


def normalised(stored: str) -> str:
    """What a stored status becomes (the importer stripped a cell before reading it)."""
    folded = "".join(stored.split()).lower()
    if any(word in folded for word in KEPT_AS_WRITTEN):
        return stored.strip()
    return patent_status(stored.strip())


def upgrade() -> None:
    conn = op.get_bind()
    stored = [value for (value,) in conn.exec_driver_sql("SELECT DISTINCT legal_status FROM patent")
              if isinstance(value, str)]
    for old in stored:
        new = normalised(old)
        if new == old:
            continue
        conn.exec_driver_sql(
            "UPDATE search_doc SET status = ? WHERE kind = 'patent' AND ref_id IN "
            "(SELECT id FROM patent WHERE legal_status = ?)", (new, old))
        count = conn.exec_driver_sql("UPDATE patent SET legal_status = ? WHERE legal_status = ?", (new, old)).rowcount
        log.info("patent legal status %r stored as %r (%d records)", old, new, count)


def downgrade() -> None:
    """Nothing to undo: the codes are what the older versions stored for the words they knew."""
