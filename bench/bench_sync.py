"""Sync benchmark: publish and apply a full snapshot and a large delta of synthetic patents; time,
peak memory, bytes of a 1% delta vs the snapshot. Prints a Markdown table (and writes it to
$IPDESK_BENCH_REPORT when run by bench/run_all.py).

    .venv/bin/python bench/bench_sync.py [--snapshot 1000000] [--delta 100000]

Targets (issue #8): >= 20,000 records/s applied; a 1% delta transfers < 5% of the snapshot's bytes.
Each apply runs in a forked child so its peak RSS is its own. During the snapshot and the delta, a
thread of that child searches every quarter of a second on the same data folder, as the window does
while an update is applied ("never blocks reading"): the table gives those searches' latencies.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from memory import AnonPeak  # noqa: E402
from section import publish_section  # noqa: E402

from ipdesk.services.db import open_database  # noqa: E402
from ipdesk.services.search import SearchService  # noqa: E402
from ipdesk.services.sync.client import SyncService  # noqa: E402
from ipdesk.services.sync.manifest import Manifest, generate_key, load_public_key_file, public_key_text  # noqa: E402
from ipdesk.services.sync.publisher import Publisher  # noqa: E402
from tests.sync.conftest import make_tiny_seed  # noqa: E402
from tests.sync.synthetic import patents  # noqa: E402


def _cpu_seconds() -> float:
    """CPU time of this process and of the children it has waited for (the index workers)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


CPU_SECONDS: list[float] = []  # of each in_child run, the workers' included


ANON_GROWTH_MIB: list[int] = []  # of each in_child run: its own memory (see bench/memory.py)


def in_child(fn) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    """Run fn() in a forked child: (seconds, growth of its peak RSS over what it inherited, MiB);
    its CPU seconds, index workers included, are appended to CPU_SECONDS and the growth of its
    anonymous memory (RSS without the memory-mapped database pages) to ANON_GROWTH_MIB."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        anon_base = AnonPeak.current_kib()
        anon = AnonPeak()
        cpu0 = _cpu_seconds()
        t0 = time.perf_counter()
        code = 0
        try:
            fn()
        except BaseException as exc:
            sys.stderr.write(f"child failed: {exc!r}\n")
            code = 1
        seconds = time.perf_counter() - t0
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        anon_growth = max(0, int(anon.stop() - anon_base / 1024))
        os.write(w, f"{seconds} {(peak - base) // 1024} {_cpu_seconds() - cpu0} {anon_growth}".encode())
        os._exit(code)
    os.close(w)
    said = os.read(r, 128).decode().split()  # seconds, peak growth, CPU seconds, anonymous growth
    _, status = os.waitpid(pid, 0)
    if status:
        raise SystemExit("apply failed")
    CPU_SECONDS.append(float(said[2]))
    ANON_GROWTH_MIB.append(int(said[3]))
    return float(said[0]), int(said[1])


def _cpu_note(records: int) -> str:
    cpu = CPU_SECONDS[-1]
    return (f" (anonymous +{ANON_GROWTH_MIB[-1]} MiB; the rest is memory-mapped database pages); "
            f"CPU {cpu:.1f} s, workers included = {1e6 * cpu / records:.0f} µs a record")


# What a person might type while an update is applied (the synthetic store: patents only).
QUERIES = ("合成测试", "种植方法", "花椒", "茶", "hecheng", "zzff", "SYN000123456A", "稻麦")


def _search_meanwhile(search: SearchService, stop: threading.Event, out: Path) -> None:
    """Search every quarter of a second until `stop` (from a second after the start, when the
    apply is under way); the latencies (ms) go to `out` as JSON, for the parent process."""
    latencies: list[float] = []
    stop.wait(1.0)
    i = 0
    while not stop.is_set():
        t0 = time.perf_counter()
        search.search(QUERIES[i % len(QUERIES)])
        latencies.append(1000 * (time.perf_counter() - t0))
        i += 1
        stop.wait(0.25)
    out.write_text(json.dumps(latencies), encoding="utf-8")


def _latency_text(latencies: list[float]) -> str:
    ordered = sorted(latencies)
    if not ordered:
        return "none made"
    return (f"{len(ordered)} searches: median {statistics.median(ordered):.0f} ms, "
            f"90th percentile {ordered[int(0.9 * (len(ordered) - 1))]:.0f} ms, slowest {ordered[-1]:.0f} ms")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--snapshot", type=int, default=1_000_000)
    ap.add_argument("--delta", type=int, default=100_000)
    args = ap.parse_args()
    n, d = args.snapshot, args.delta
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory(prefix="bench-sync-") as tmp_name:
        tmp = Path(tmp_name)
        key = generate_key(tmp / "k.key")
        pub_text = public_key_text(load_public_key_file(tmp / "k.key.pub"))
        repo = tmp / "repo"
        publisher = Publisher(repo, key)
        t0 = time.perf_counter()
        publisher.publish({"patents": patents(n)})
        rows.append((f"publish v1 ({n:,} records, snapshot)", f"{time.perf_counter() - t0:.1f} s"))
        t0 = time.perf_counter()
        publisher.publish({"patents": patents(n, revised=frozenset(range(0, n, max(1, n // d))))})
        rows.append((f"publish v2 ({d:,} changed: snapshot + delta)", f"{time.perf_counter() - t0:.1f} s"))
        m2 = Manifest.from_bytes((repo / "manifest.json").read_bytes())
        e2 = m2.datasets["patents"]
        delta = e2.delta_from(1)
        assert delta is not None
        # a 1% change on top of v2, for the transfer comparison
        one_pct = frozenset(range(1, n, 100))
        v3 = patents(n, revised=frozenset(range(0, n, max(1, n // d))))
        for i in one_pct:
            v3[i]["legal_status"] = "in_force"
        publisher.publish({"patents": v3})
        e3 = Manifest.from_bytes((repo / "manifest.json").read_bytes()).datasets["patents"]
        d3 = e3.delta_from(2)
        assert d3 is not None
        tiny = make_tiny_seed(tmp / "tiny.sqlite")
        folder = tmp / "data"
        db = open_database(folder, seed=tiny)
        db.close()
        # replay the repo as it stood at v1 and v2 by keeping copies of their manifests
        import shutil

        def sync_to(version_repo: Path, searches: Path | None = None) -> None:
            """Apply `version_repo`; with `searches`, search meanwhile on the same data folder (as the
            window does during an update) and write the latencies there."""
            db = open_database(folder, seed=tiny)
            stop = threading.Event()
            watcher = None
            if searches is not None:
                watcher = threading.Thread(target=_search_meanwhile, args=(SearchService(db.engine), stop, searches))
                watcher.start()
            try:
                SyncService(db.engine, folder, trusted_keys=[pub_text], default_key_file=tmp / "none.pub").sync(
                    str(version_repo))
            finally:
                stop.set()
                if watcher is not None:
                    watcher.join()
            db.close()

        v1_repo, v2_repo = tmp / "repo-v1", tmp / "repo-v2"
        for target in (v1_repo, v2_repo):
            shutil.copytree(repo / "objects", target / "objects")
        _republish_manifest(repo, v1_repo, key, version=1)
        _republish_manifest(repo, v2_repo, key, version=2)
        during_snapshot = tmp / "searches-snapshot.json"
        secs, rss = in_child(lambda: sync_to(v1_repo, during_snapshot))
        snap = Manifest.from_bytes((v1_repo / "manifest.json").read_bytes()).datasets["patents"].snapshot
        rows.append((f"apply snapshot ({n:,} records, {snap.size / 1e6:.1f} MB compressed)",
                     f"{secs:.1f} s = {n / secs:,.0f} records/s, peak memory +{rss} MiB{_cpu_note(n)}"))
        rows.append(("searches during the snapshot apply (a search every 0.25 s on the same data folder)",
                     _latency_text(json.loads(during_snapshot.read_text(encoding="utf-8")))))
        during = tmp / "searches.json"
        secs, rss = in_child(lambda: sync_to(v2_repo, during))
        rows.append((f"apply delta ({delta.records:,} records, {delta.size / 1e6:.2f} MB)",
                     f"{secs:.1f} s = {delta.records / secs:,.0f} records/s, peak memory +{rss} MiB"
                     f"{_cpu_note(delta.records)}"))
        db = open_database(folder, seed=tiny)
        search = SearchService(db.engine)
        for query in QUERIES:  # warm, as the connection searching during the applies was
            search.search(query)
        idle: list[float] = []
        for query in QUERIES * 3:
            t0 = time.perf_counter()
            search.search(query)
            idle.append(1000 * (time.perf_counter() - t0))
        db.close()
        rows.append(("searches during the delta apply (a search every 0.25 s on the same data folder)",
                     f"{_latency_text(json.loads(during.read_text(encoding='utf-8')))}; the same queries "
                     f"with nothing applied: {_latency_text(idle)}"))
        v3_repo = tmp / "repo-v3"
        shutil.copytree(repo / "objects", v3_repo / "objects")
        _resign_manifest(repo, v3_repo, key, later_by_s=3)  # after the republished v1 and v2
        secs, rss = in_child(lambda: sync_to(v3_repo))
        rows.append((f"apply a status-only delta ({d3.records:,} records: new legal status, {d3.size / 1e6:.2f} MB)",
                     f"{secs:.1f} s = {d3.records / secs:,.0f} records/s, peak memory +{rss} MiB"))
        rows.append(("1% delta vs snapshot bytes",
                     f"{d3.size:,} B vs {e3.snapshot.size:,} B = {100 * d3.size / e3.snapshot.size:.2f}%"))
    table = ["| measurement | result |", "|---|---|", *(f"| {a} | {b} |" for a, b in rows)]
    text = "\n".join(["## Sync", "", *table, ""])
    publish_section(text)
    return 0


def _republish_manifest(src: Path, dst: Path, key, *, version: int) -> None:  # type: ignore[no-untyped-def]
    """A repository frozen at an older `version`: its manifest rebuilt from history.json and signed."""
    import datetime as dt
    import json

    from ipdesk.services.sync.manifest import DatasetEntry, ObjectRef, sign

    history = json.loads((src / "history.json").read_text())["patents"]["versions"]
    snap_sha = history[str(version)]["snapshot"]
    snap = dst / "objects" / snap_sha
    # with the version's content digest, as the publisher wrote it: a client that recorded none for
    # v2 cannot tell v3's delta fits and takes v3's snapshot instead (from 2026-11-27, 8461f7b, the
    # status-only figure had measured that snapshot: 625 records/s)
    content = str(history[str(version)].get("content") or "")
    entry = DatasetEntry("patents", version, "", "synthetic", "", 0, ObjectRef(snap_sha, snap.stat().st_size, 0),
                         content=content)
    if version == 2:
        entry = _v2_entry(src, entry, str(history["1"].get("content") or ""))
    now = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(seconds=version)
    m = Manifest(version, now, now + dt.timedelta(days=1), {"patents": entry})
    body = m.to_bytes()
    (dst / "manifest.json").write_bytes(body)
    (dst / "manifest.json.sig").write_bytes(sign(body, [key]))


def _resign_manifest(src: Path, dst: Path, key, *, later_by_s: int) -> None:  # type: ignore[no-untyped-def]
    """The source's manifest as it is, created `later_by_s` seconds from now, signed again."""
    import datetime as dt

    from ipdesk.services.sync.manifest import sign

    m = Manifest.from_bytes((src / "manifest.json").read_bytes())
    now = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(seconds=later_by_s)
    body = Manifest(m.version, now, now + dt.timedelta(days=1), m.datasets).to_bytes()
    (dst / "manifest.json").write_bytes(body)
    (dst / "manifest.json.sig").write_bytes(sign(body, [key]))


def _v2_entry(src: Path, entry, base_content: str):  # type: ignore[no-untyped-def]
    """v2's delta from v1 is the object whose header says so (made from v1's content `base_content`)."""
    from ipdesk.services.sync.manifest import DatasetEntry, ObjectRef
    from ipdesk.services.sync.payload import read_payload

    for obj in (src / "objects").iterdir():
        header, _ = read_payload(obj)
        if header.kind == "delta" and header.version == 2 and header.base == 1:
            ref = ObjectRef(obj.name, obj.stat().st_size, 0, 1, base_content=base_content)
            return DatasetEntry(entry.name, 2, "", "synthetic", "", 0, entry.snapshot, (ref,), content=entry.content)
    raise SystemExit("no v1→v2 delta found")


if __name__ == "__main__":
    raise SystemExit(main())
