"""A delta is applied only onto the exact content it was made from (QA round 20c N3): the manifest names
each version's content digest and each delta's base digest; a computer whose data came from a fork of
the repository (a USB copy that was published into) takes the snapshot from the real one. A manifest
without the digests (an older publisher) is followed by version as before. Real repositories on disk,
a real loopback HTTP server, a real data folder."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

from ipdesk.services.sync.client import SyncService
from ipdesk.services.sync.manifest import generate_key, load_public_key_file, public_key_text, sign
from ipdesk.services.sync.publisher import Publisher
from tests.sync.conftest import FAST, Folder, LoopbackServer
from tests.sync.synthetic import patents


def _client(folder: Folder, pub_file: Path) -> SyncService:
    return SyncService(folder.db.engine, folder.path, default_key_file=folder.path / "no-default.pub", policy=FAST,
                       trusted_keys=[public_key_text(load_public_key_file(pub_file))])


def _published_patents(folder: Folder) -> set[str]:
    with sqlite3.connect(folder.db_file) as conn:
        return {r[0] for r in conn.execute("SELECT pub_no FROM patent WHERE dataset = 'patents'")}


def _expected(numbers: list[int]) -> set[str]:
    """Published patents as held here: the folder's own local record holds SYN000000005A (conftest)."""
    return {f"SYN{i:09d}A" for i in numbers} - {"SYN000000005A"}


def _methods(result: Any) -> dict[str, str]:
    return {c.dataset: c.method for c in result.applied.changes}


def test_a_delta_made_from_other_content_than_the_computer_holds_is_not_applied(
        folder: Folder, tmp_path: Path) -> None:
    key = generate_key(tmp_path / "pub.key")
    base = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(hours=3)
    main = tmp_path / "main"
    Publisher(main, key).publish({"patents": patents(20)}, now=base)
    usb = tmp_path / "usb"
    shutil.copytree(main, usb)  # the stick, copied as the docs say
    # ... then published into in place: a fork whose patents v2 hold a record main never published
    Publisher(usb, key).publish({"patents": patents(20) + patents(1, start=1000)}, now=base + dt.timedelta(hours=1))
    # main goes on: its own patents v2, then v3
    Publisher(main, key).publish({"patents": patents(20) + patents(1, start=2000)}, now=base + dt.timedelta(hours=1))
    Publisher(main, key).publish({"patents": patents(20) + patents(2, start=2000)}, now=base + dt.timedelta(hours=2))
    entry = json.loads((main / "manifest.json").read_text(encoding="utf-8"))["datasets"]["patents"]
    assert len(entry["content"]) == 64 and {d["from"] for d in entry["deltas"]} == {1, 2}
    assert all(len(d["from_content"]) == 64 for d in entry["deltas"])

    client = _client(folder, tmp_path / "pub.key.pub")
    assert _methods(client.sync(str(usb))) == {"patents": "snapshot"}
    assert "SYN000001000A" in _published_patents(folder)
    server = LoopbackServer(main)
    try:
        check = client.check(server.url)
        assert [(p.name, p.method) for p in check.plan] == [("patents", "snapshot")]  # not main's delta 2 → 3
        result = client.sync(server.url)
    finally:
        server.close()
    assert _methods(result) == {"patents": "snapshot"}
    assert _published_patents(folder) == _expected([*range(20), 2000, 2001])  # no fork record left


def test_the_same_repository_goes_on_with_deltas_and_an_old_manifest_by_version(
        folder: Folder, tmp_path: Path) -> None:
    key = generate_key(tmp_path / "pub.key")
    base = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(hours=3)
    repo = tmp_path / "repo"
    publisher = Publisher(repo, key)
    publisher.publish({"patents": patents(20)}, now=base)
    client = _client(folder, tmp_path / "pub.key.pub")
    server = LoopbackServer(repo)
    try:
        assert _methods(client.sync(server.url)) == {"patents": "snapshot"}
        publisher.publish({"patents": patents(21)}, now=base + dt.timedelta(hours=1))
        assert _methods(client.sync(server.url)) == {"patents": "delta"}  # the content it was made from

        # a manifest written before the digests (an older publisher): the delta goes by version, as before
        publisher.publish({"patents": patents(22)}, now=base + dt.timedelta(hours=2))
        raw = json.loads((repo / "manifest.json").read_bytes())
        for entry in raw["datasets"].values():
            entry.pop("content")
            for delta in entry["deltas"]:
                delta.pop("from_content")
        body = json.dumps(raw, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        (repo / "manifest.json.sig").write_bytes(sign(body, [key]))
        (repo / "manifest.json").write_bytes(body)
        result = client.sync(server.url)
        assert _methods(result) == {"patents": "delta"}
        assert _published_patents(folder) == _expected(list(range(22)))
        # applied without a digest: the next delta that names one cannot be checked, so the snapshot
        publisher.publish({"patents": patents(23)}, now=base + dt.timedelta(hours=3))
        assert _methods(client.sync(server.url)) == {"patents": "snapshot"}
        publisher.publish({"patents": patents(24)}, now=base + dt.timedelta(hours=4))
        assert _methods(client.sync(server.url)) == {"patents": "delta"}
    finally:
        server.close()
