"""What the window and `ipdesk sync` report: the applied manifest and what it changed (in the
database, written in the apply's own transaction, so it can never disagree with the data), and the
last check (a small JSON file, written atomically, since a check need not touch the database).
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine

from ipdesk.domain.shown_text import writable
from ipdesk.services.outfiles import json_bytes, write_atomically

log = logging.getLogger("ipdesk.sync")

META_TABLE = "sync_meta"
CREATE_META = f"CREATE TABLE IF NOT EXISTS {META_TABLE} (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
STATE_FILENAME = "state.json"


@dataclass(frozen=True)
class DatasetChange:
    """What one update did to one dataset."""

    dataset: str
    old_version: int
    new_version: int
    method: str  # delta | snapshot
    added: int = 0
    updated: int = 0
    deleted: int = 0
    kept_local: int = 0  # published records skipped because a local or imported record holds the key


@dataclass(frozen=True)
class AppliedState:
    manifest_version: int
    created: str
    applied_at: str
    source: str
    changes: tuple[DatasetChange, ...] = ()
    dataset_versions: dict[str, int] = field(default_factory=dict)  # every dataset's version as sync left it
    # whose lineage the rollback baseline (version, created, dataset versions) belongs to: the trusted
    # root key id of the key list that verified the manifest, and the key that signed it ('' when
    # applied by an ipdesk that did not record them)
    publisher_root: str = ""
    publisher_key: str = ""


def write_applied(conn: Connection, state: AppliedState) -> None:
    """Record the applied manifest inside the caller's (the apply's) transaction."""
    conn.exec_driver_sql(CREATE_META)
    values = {
        "manifest_version": str(state.manifest_version),
        "manifest_created": state.created,
        "applied_at": state.applied_at,
        "source": writable(state.source),  # shown, never opened again: a folder named in GBK bytes as it reads
        "changes": json.dumps([asdict(c) for c in state.changes], ensure_ascii=False),
        "dataset_versions": json.dumps(state.dataset_versions, sort_keys=True),
        "publisher_root": state.publisher_root,
        "publisher_key": state.publisher_key,
    }
    conn.exec_driver_sql(
        f"INSERT INTO {META_TABLE} (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        list(values.items()),
    )


def read_applied_conn(conn: Connection) -> AppliedState | None:
    exists = conn.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (META_TABLE,)
    ).scalar()
    if not exists:
        return None
    values: dict[str, str] = {str(k): str(v) for k, v in conn.exec_driver_sql(f"SELECT key, value FROM {META_TABLE}")}
    if "manifest_version" not in values:
        return None
    changes = tuple(DatasetChange(**c) for c in json.loads(values.get("changes", "[]")))
    versions = {str(k): int(v) for k, v in json.loads(values.get("dataset_versions", "{}")).items()}
    return AppliedState(int(values["manifest_version"]), values.get("manifest_created", ""),
                        values.get("applied_at", ""), values.get("source", ""), changes, versions,
                        values.get("publisher_root", ""), values.get("publisher_key", ""))


def read_applied(engine: Engine) -> AppliedState | None:
    with engine.connect() as conn:
        return read_applied_conn(conn)


@dataclass
class CheckState:
    """The last check and what it found; the learned publisher key list lives here too."""

    last_check: str = ""  # ISO time of the last attempt
    last_success: str = ""
    outcome: str = ""  # up_to_date | available | applied | stale | error | cancelled
    message_zh: str = ""
    message_en: str = ""
    available_version: int = 0
    source: str = ""
    # the `expires` of the last manifest whose signature verified (a stale one too): the source's
    # expiry as this computer last saw it ('' never seen); `freshness` warns when it is past
    source_expires: str = ""
    # The publisher key lists followed through keys.json, one per root key it started from (the
    # bundled key, a key trusted in settings or on the command line), by the root's key id:
    # {"version": n, "keys": [base64, …]}. A list only ever replaces its own root's list.
    keysets: dict[str, dict[str, Any]] = field(default_factory=dict)
    # before keysets: one list for every publisher (read once, then kept under keysets["legacy"])
    keyset_version: int = 0
    keyset: list[str] = field(default_factory=list)


def state_path(data_dir: Path) -> Path:
    return data_dir / "sync" / STATE_FILENAME


def load_state(data_dir: Path) -> CheckState:
    """The last check as saved; a field the file lacks, or holds as something else than the field's
    own type (a damaged or hand-edited file: null, a list, "version": "x"), is the default: the next
    check writes it again, and nothing downstream meets a value of the wrong type."""
    path = state_path(data_dir)
    try:
        raw: Any = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return CheckState()
    if not isinstance(raw, dict):
        log.warning("the sync state %s is not a JSON object: starting from an empty one", path)
        return CheckState()
    defaults = CheckState()
    known: dict[str, Any] = {}
    for name in CheckState.__dataclass_fields__:
        if name not in raw:
            continue
        value = raw[name]
        if type(value) is not type(getattr(defaults, name)):
            log.warning("the sync state %s: %s is %r, not a %s: not kept", path, name, value,
                        type(getattr(defaults, name)).__name__)
            continue
        if name == "keysets":  # {root key id: {"version": n, "keys": [base64, …]}}
            value = {str(k): v for k, v in value.items() if isinstance(v, dict) and type(v.get("version")) is int
                     and isinstance(v.get("keys"), list) and all(isinstance(x, str) for x in v["keys"])}
        elif name == "keyset":
            value = [x for x in value if isinstance(x, str)]
        known[name] = value
    return CheckState(**known)


def save_state(data_dir: Path, state: CheckState) -> None:
    """Atomic (`write_atomically`); a full disk only loses the note, never the data."""
    path = state_path(data_dir)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, json_bytes(asdict(state), indent=1))
    except OSError as exc:
        log.warning("could not save the sync state %s: %s", path, exc)
