"""How current this computer's data are kept (QA 20c N6, N10): the last update applied, the last
check that reached a verified source, the source's expiry as last seen, and whether updates are
failing. Read by `ipdesk info`, the window's "Data & sync" and the kiosk's home screen; no Qt."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ipdesk.services.sync.manifest import format_time, parse_time
from ipdesk.services.sync.state import AppliedState, CheckState

# No update applied and no source verified for this long: the window warns that the data may be
# getting old. A publisher re-signs at least monthly (docs/sync.md), so a month without one reached
# means the link, the source or the settings are wrong, not that nothing was published.
OVERDUE_DAYS = 30
# The last attempt failed and nothing succeeded for this long: the kiosk stops saying that updates
# happen by themselves and says they are failing (one failed attempt, a network blip, is not that).
FAILING_HOURS = 24
FAILED_OUTCOMES = ("error", "stale")


def _time(stamp: str) -> dt.datetime | None:
    try:
        return parse_time(stamp) if stamp else None
    except ValueError:
        return None


@dataclass(frozen=True)
class UpdateHealth:
    applied_version: int | None  # the update package applied here (None: none yet)
    applied_at: str  # when it was applied (UTC ISO; '' none)
    manifest_created: str  # when the publisher signed it
    publisher_key: str
    update_source: str  # the source set in the settings ('' none)
    last_source: str  # the source the last check used (the settings', --url, --dir or a USB stick)
    last_check: str
    outcome: str  # the last check's or update's outcome (state.json)
    last_success: str  # the later of the last check that verified the source and the last update applied
    source_expires: str  # the source's expiry as last seen ('' not known)
    days_since_success: int | None
    expired: bool  # the source's expiry has passed (by this computer's clock)
    overdue: bool  # nothing succeeded for OVERDUE_DAYS (or the source expired)
    failing: bool  # the last attempt failed and nothing succeeded for FAILING_HOURS (or the source expired)

    def to_json(self) -> dict[str, Any]:
        return {
            "applied_version": self.applied_version, "applied_at": self.applied_at or None,
            "manifest_created": self.manifest_created or None, "publisher_key": self.publisher_key or None,
            "update_source": self.update_source or None, "last_source": self.last_source or None,
            "last_check": self.last_check or None, "outcome": self.outcome or None,
            "last_success": self.last_success or None, "source_expires": self.source_expires or None,
            "days_since_success": self.days_since_success, "expired": self.expired, "overdue": self.overdue,
            "failing": self.failing,
        }


def update_health(state: CheckState, applied: AppliedState | None, update_source: str,
                  now: dt.datetime | None = None) -> UpdateHealth:
    now = now or dt.datetime.now(dt.UTC)
    successes = [t for t in (_time(state.last_success), _time(applied.applied_at if applied else "")) if t]
    last = max(successes) if successes else None
    expires = _time(state.source_expires)
    expired = expires is not None and now > expires
    days = (now - last).days if last else None
    failed = state.outcome in FAILED_OUTCOMES
    return UpdateHealth(
        applied_version=applied.manifest_version if applied else None,
        applied_at=applied.applied_at if applied else "",
        manifest_created=applied.created if applied else "",
        publisher_key=applied.publisher_key if applied else "",
        update_source=update_source, last_source=state.source, last_check=state.last_check,
        outcome=state.outcome, last_success=format_time(last) if last else "",
        source_expires=state.source_expires, days_since_success=days, expired=expired,
        overdue=expired or (last is not None and now - last > dt.timedelta(days=OVERDUE_DAYS)),
        failing=expired or (failed and (last is None or now - last > dt.timedelta(hours=FAILING_HOURS))),
    )
