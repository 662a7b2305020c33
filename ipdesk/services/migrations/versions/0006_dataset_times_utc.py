"""The dataset table's `updated_at` in UTC throughout (QA 22c leftovers).

Until this revision its writers disagreed: a data update's apply (services/sync/apply.py) stored
UTC without an offset, while an import (services/importers/staging.py) and the seed build
(services/seed_build.py) stored this computer's local time, also without an offset. Nothing
showed the time yet, but "data as of", `ipdesk info` and sync's last check could read it, and in
China local time is eight hours ahead of UTC. From this revision every writer stores naive UTC
(models.dataset_time), and this migration converts the local values stored before it.

The stored values cannot be told apart by their form (both are "YYYY-MM-DD HH:MM:SS" without an
offset), so the row's writer is told from what the other columns say it wrote:
- origin 'sync' and a source without an import's note ("；另含 " … as the import adds when it merges
  imported records into an update's dataset): the last writer was the apply, whose value is UTC
  already; it is kept.
- every other row (origin 'seed', 'import', 'local', or 'sync' with an import's note): the last
  writer was an import or the seed build, whose value is local time; it is converted with this
  computer's time zone at that moment (the rules of the zone for that date, so a summer time is
  honoured where there is one).
One case stays wrong and is left so: an update's dataset (origin 'sync') whose only later change
was an import's recount without a note (its imported records had all been made local): its local
value is kept as if it were UTC, off by the zone's offset until the next update or import rewrites
it. A backup made before this revision carries its local datasets' times without an offset too;
services.backup reads such a value as local time when it restores it (and writes an offset since).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28
"""

import datetime as dt
import logging

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

log = logging.getLogger("ipdesk.storage")

IMPORT_NOTE_ZH = "；另含 "  # services.importers.staging._PLUS_ZH as of this revision


def written_in_utc(origin: str | None, source: str | None) -> bool:
    """Whether a row's `updated_at` was written by a data update's apply (UTC already)."""
    return origin == "sync" and IMPORT_NOTE_ZH not in (source or "")


def local_to_utc(value: str) -> str:
    """A stored naive local time ("YYYY-MM-DD HH:MM:SS[.ffffff]", as SQLAlchemy or the apply wrote
    it) as naive UTC in the same form."""
    moment = dt.datetime.fromisoformat(value).astimezone(dt.UTC)
    return moment.strftime("%Y-%m-%d %H:%M:%S") + value[19:]


def upgrade() -> None:
    conn = op.get_bind()
    rows = conn.exec_driver_sql("SELECT name, origin, source, updated_at FROM dataset "
                                "WHERE updated_at IS NOT NULL").fetchall()
    for name, origin, source, value in rows:
        if written_in_utc(origin, source) or not isinstance(value, str):
            continue
        try:
            new = local_to_utc(value)
        except ValueError:
            log.warning("dataset %s: updated_at %r is not a time; left as it is", name, value)
            continue
        conn.exec_driver_sql("UPDATE dataset SET updated_at = ? WHERE name = ?", (new, name))
        log.info("dataset %s: updated_at %s (local) stored as %s (UTC)", name, value, new)


def downgrade() -> None:
    """Nothing to undo: an older ipdesk reads the times only as they are stored."""
