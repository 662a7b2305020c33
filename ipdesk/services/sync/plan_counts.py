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

from ipdesk.domain.i18n import dataset_label, pick
from ipdesk.services.sync.apply import ApplyItem
from ipdesk.services.sync.manifest import ChangeCounts, DatasetEntry, removes_most
from ipdesk.services.sync.payload import TABLES


@dataclass(frozen=True)
class PlanCounts:
    dataset: str
    # a delta's, against the version here; for a snapshot to a computer holding records of the dataset,
    # the largest removal the publisher recorded for the version offered (`_published_removal`) when it
    # removes most of the dataset; else None (a snapshot, or an older manifest)
    counts: ChangeCounts | None
    after: int  # the dataset's records in the version offered (the publisher's count)
    here: int  # the dataset's rows here that the update owns (snapshots only; 0 for a delta)
    # a delta with counts: the dataset's rows here beyond the publisher's (records imported here without
    # being marked local), which a delta leaves as they are; 0 otherwise (a snapshot replaces them)
    kept: int = 0

    @property
    def after_here(self) -> int:
        """The dataset's records on this computer after the update: the publisher's, plus what stays here."""
        return self.after + self.kept

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
                "records_after_here": self.after_here, "removes_most": self.removes_most}


def plan_counts(engine: Engine, items: Iterable[ApplyItem]) -> dict[str, PlanCounts]:
    """Per planned dataset (a check's `items`), what it changes."""
    out: dict[str, PlanCounts] = {}
    with engine.connect() as conn:
        for item in items:
            name = item.entry.name
            counts = item.ref.counts if item.ref.base is not None else None
            sql = f"SELECT count(*) FROM {TABLES[name].table} WHERE dataset = ?"
            rows = int(conn.exec_driver_sql(sql, (name,)).scalar() or 0)
            here = kept = 0
            if counts is None:
                here = rows
                if here:  # a new install has nothing to lose
                    counts = _published_removal(item.entry)
            else:  # a delta changes the records it names; the others here stay
                kept = max(0, rows - (item.entry.records - counts.added + counts.removed))
            out[name] = PlanCounts(name, counts, item.entry.records, here, kept)
    return out


def _published_removal(entry: DatasetEntry) -> ChangeCounts | None:
    """For a snapshot: the largest removal the publisher recorded for the version offered — its own
    change, or a delta's from an earlier version — when it removes most of the dataset. A wrong
    database published with --allow-removals must be seen by a computer too far behind for a delta
    too: against the rows here, 11 records replaced by 20 unrelated ones look like none removed."""
    after = entry.records
    found = [c for c in (entry.counts, *(d.counts for d in entry.deltas))
             if c is not None and removes_most(after - c.added + c.removed, c.removed, after)]
    return max(found, key=lambda c: c.removed, default=None)


def removal_numbers(dataset: str, before: int, removed: int, after: int, lang: str, *, replaced: bool = False,
                    named: bool = True) -> str:
    """What an update (or a publish) does to a dataset it mostly empties, in numbers that add up:
    '专利：现有的 11 条中将删除 11 条（另新增 20 条），更新后共 20 条' / 'Patents: 11 of 11 records would be
    removed (20 others added), leaving 20 in all'. `replaced`: a snapshot replaces the rows here as a
    whole (what it removes is known only as at least the difference). `named`: the dataset's name first."""
    s = "s" if before != 1 else ""
    if replaced:
        text = pick(lang, f"现有的 {before:,} 条将整体替换为 {after:,} 条（至少少了 {removed:,} 条）",
                    f"the {before:,} record{s} here would be replaced as a whole by {after:,} (at least "
                    f"{removed:,} fewer)")
    else:
        added = max(0, after - before + removed)
        also_zh = f"（另新增 {added:,} 条）" if added else ""
        also_en = f" ({added:,} other{'s' if added != 1 else ''} added)" if added else ""
        text = pick(lang, f"现有的 {before:,} 条中将删除 {removed:,} 条{also_zh}，更新后共 {after:,} 条",
                    f"{removed:,} of {before:,} record{s} would be removed{also_en}, leaving {after:,} in all")
    return f"{dataset_label(dataset, lang)}{pick(lang, '：', ': ')}{text}" if named else text


def removal_warning(c: PlanCounts, lang: str) -> str:
    """The warning `sync --check` and the window show for a dataset the update mostly empties."""
    numbers = removal_numbers(c.dataset, c.before, c.removed, c.after, lang, replaced=c.counts is None,
                              named=False)
    return pick(lang, f"注意：这次更新会删除{dataset_label(c.dataset, lang)}的大部分记录：{numbers}。如果这不是预期的，"
                      "请先不要更新，并联系数据发布者。",
                f"Warning: this update removes most of {dataset_label(c.dataset, lang)}: {numbers}. If that is not "
                "expected, do not update yet and ask the data publisher.")
