"""What a planned update adds, changes and removes per dataset, said before anything is applied
(`ipdesk sync --check`, the window's "Check now").

A delta's counts come from the manifest (the publisher records them per delta since they were
added; an older manifest has none). A snapshot replaces the dataset's rows here, so what it removes
is known only roughly: the rows the update owns here (`dataset` = the published name) against the
records the snapshot holds."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Engine

from ipdesk.services.sync.apply import ApplyItem
from ipdesk.services.sync.manifest import ChangeCounts, removes_most
from ipdesk.services.sync.payload import TABLES


@dataclass(frozen=True)
class PlanCounts:
    dataset: str
    counts: ChangeCounts | None  # a delta's, against the version here; None for a snapshot or an older manifest
    after: int  # the dataset's records in the version offered
    here: int  # the dataset's rows here that the update owns (snapshots only; 0 for a delta)

    @property
    def before(self) -> int:
        """Records before the update: the offered version's less what the delta adds, plus what it
        removes; for a snapshot (or a delta without counts), the rows here."""
        if self.counts is not None:
            return self.after - self.counts.added + self.counts.removed
        return self.here

    @property
    def removed(self) -> int:
        """Records the update removes: a delta's count; for a snapshot at least the difference."""
        return self.counts.removed if self.counts is not None else max(0, self.here - self.after)

    @property
    def removes_most(self) -> bool:
        return removes_most(self.before, self.removed, self.after)

    def to_json(self) -> dict[str, object]:
        """What `sync --check --json` adds to a dataset's plan (`added`… null when not known)."""
        c = self.counts
        return {"added": c.added if c else None, "changed": c.changed if c else None,
                "removed": c.removed if c else None, "records_before": self.before, "records_after": self.after,
                "removes_most": self.removes_most}


def plan_counts(engine: Engine, items: Iterable[ApplyItem]) -> dict[str, PlanCounts]:
    """Per planned dataset (a check's `items`), what it changes."""
    out: dict[str, PlanCounts] = {}
    with engine.connect() as conn:
        for item in items:
            name = item.entry.name
            counts = item.ref.counts if item.ref.base is not None else None
            here = 0
            if counts is None:
                sql = f"SELECT count(*) FROM {TABLES[name].table} WHERE dataset = ?"
                here = int(conn.exec_driver_sql(sql, (name,)).scalar() or 0)
            out[name] = PlanCounts(name, counts, item.entry.records, here)
    return out
