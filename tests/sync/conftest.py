"""Sync fixtures: a publisher key, small synthetic repositories, tiny data folders and a loopback
HTTP server whose faults the tests choose (drop, trickle, truncate, lie about length, flip a bit,
404/500/503 + Retry-After, ignore or honour Range)."""

from __future__ import annotations

import datetime as dt
import fnmatch
import hashlib
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from ipdesk.services.db import LOCAL_DB_FILENAME, Database, make_engine, migrate, open_database, sqlite_url
from ipdesk.services.models import Patent, SavedSearch, ServiceRecord
from ipdesk.services.sync.client import DownloadPolicy, SyncService
from ipdesk.services.sync.manifest import (
    generate_key,
    load_private_key,
    load_public_key_file,
    public_key_text,
)
from ipdesk.services.sync.publisher import Publisher
from tests.sync.synthetic import patents, trademarks

FAST = DownloadPolicy(connect_timeout=2, read_timeout=2, retries=2, backoff=0.05, max_retry_after=2,
                      min_rate=1024, min_deadline=20, attempts=3)
LOCAL_PATENT_ID = 10_000_005  # collides on purpose with a published synthetic id and publication number
LOCAL_ID_TAKEN = 10_000_007  # collides with a published synthetic id only


# --- the loopback server ---------------------------------------------------------------------

@dataclass
class Fault:
    pattern: str
    kind: str
    times: int | None  # None: every time


@dataclass
class ServerState:
    root: Path
    faults: list[Fault] = field(default_factory=list)
    requests: list[tuple[str, str | None]] = field(default_factory=list)
    body_bytes: int = 0
    swap: dict[str, str] = field(default_factory=dict)  # path → other path whose bytes are served
    lock: threading.Lock = field(default_factory=threading.Lock)

    def fault_for(self, path: str) -> str:
        with self.lock:
            for f in self.faults:
                if fnmatch.fnmatch(path, f.pattern) and (f.times is None or f.times > 0):
                    if f.times is not None:
                        f.times -= 1
                    return f.kind
        return ""

    def add_fault(self, pattern: str, kind: str, times: int | None = 1) -> None:
        self.faults.append(Fault(pattern, kind, times))


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: Any

    def log_message(self, *_args: object) -> None:
        pass

    def _plain(self, status: int, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", "0")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True

    def do_GET(self) -> None:
        st: ServerState = self.server.state
        path = self.path.lstrip("/")
        st.requests.append((path, self.headers.get("Range")))
        fault = st.fault_for(path)
        file = (st.root / st.swap.get(path, path)).resolve()
        if fault == "404" or not file.is_file() or st.root.resolve() not in file.parents:
            return self._plain(404)
        if fault == "403":
            return self._plain(403)
        if fault == "500":
            return self._plain(500)
        if fault == "503":
            return self._plain(503, {"Retry-After": "1"})
        data = bytearray(file.read_bytes())
        if fault == "flip" and data:
            data[len(data) // 2] ^= 0x10
        etag = '"' + hashlib.sha256(data).hexdigest()[:16] + '"'
        start, status = 0, 200
        rng = self.headers.get("Range")
        if rng and fault not in ("ignore-range", "ignore-range-drop"):
            if_range = self.headers.get("If-Range")
            if if_range is None or if_range == etag:
                start, status = int(rng.removeprefix("bytes=").split("-")[0]), 206
        body = bytes(data[start:])
        if fault == "longer":
            body += b"\0extra bytes the signed manifest never promised" * 50
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        if status == 206:
            self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        try:
            if fault in ("drop", "truncate", "ignore-range-drop"):
                half = body[: max(1, len(body) // 2)]
                self.wfile.write(half)
                st.body_bytes += len(half)
                return
            if fault == "slow":  # a slow link: the download phase takes long enough to be killed in
                for i in range(0, len(body), 256):
                    self.wfile.write(body[i : i + 256])
                    self.wfile.flush()
                    st.body_bytes += len(body[i : i + 256])
                    time.sleep(0.01)
                return
            if fault == "trickle":
                for i in range(len(body)):
                    self.wfile.write(body[i : i + 1])
                    self.wfile.flush()
                    st.body_bytes += 1
                    time.sleep(0.05)
                return
            self.wfile.write(body)
            st.body_bytes += len(body)
        except (BrokenPipeError, ConnectionResetError):
            pass


class LoopbackServer:
    def __init__(self, root: Path, tls: Any = None) -> None:
        """`tls`: an `ssl.SSLContext` (server side) to serve HTTPS instead of HTTP."""
        self.state = ServerState(root)
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.scheme = "http"
        if tls is not None:
            self.httpd.socket = tls.wrap_socket(self.httpd.socket, server_side=True)
            self.scheme = "https"
        self.httpd.daemon_threads = True
        self.httpd.state = self.state  # type: ignore[attr-defined]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.httpd.server_address[1]}/"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server(repos: Repos) -> Iterator[LoopbackServer]:
    srv = LoopbackServer(repos.v2)
    yield srv
    srv.close()


# --- keys and repositories -------------------------------------------------------------------

@dataclass
class Repos:
    key_file: Path
    pub_file: Path
    other_key_file: Path
    v1: Path  # patents 120 + trademarks 40
    v2: Path  # patents: 10 revised, 20 deleted, 15 added; trademarks unchanged

    def public_text(self) -> str:
        return public_key_text(load_public_key_file(self.pub_file))


V1_RECORDS = {"patents": patents(120), "trademarks": trademarks(40)}
V2_RECORDS = {
    "patents": patents(100, revised=frozenset(range(10))) + patents(15, start=1000),
    "trademarks": trademarks(40),
}


@pytest.fixture(scope="session")
def repos(tmp_path_factory: pytest.TempPathFactory) -> Repos:
    return make_repos(tmp_path_factory.mktemp("repos"))


SMALL_V1 = {"patents": patents(40), "trademarks": trademarks(12)}
SMALL_V2 = {"patents": patents(32, revised=frozenset(range(6))) + patents(6, start=1000), "trademarks": trademarks(12)}


def make_repos(root: Path, v1: dict[str, list[dict[str, Any]]] | None = None,
               v2: dict[str, list[dict[str, Any]]] | None = None) -> Repos:
    key = generate_key(root / "publisher.key")
    generate_key(root / "other.key")
    work = root / "work"
    pub = Publisher(work, key)
    base = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(hours=2)
    pub.publish(v1 or V1_RECORDS, now=base)
    shutil.copytree(work, root / "v1")
    pub.publish(v2 or V2_RECORDS, now=base + dt.timedelta(hours=1))
    shutil.copytree(work, root / "v2")
    return Repos(root / "publisher.key", root / "publisher.key.pub", root / "other.key", root / "v1", root / "v2")


def rotated_repo(repos: Repos, tmp_path: Path) -> tuple[Path, Any]:
    """A copy of package 1 whose publisher rotated to a new key (keys.json v2 signed by the old key)
    and published package 2 with it: the repository and the new private key."""
    repo = tmp_path / "rotated"
    shutil.copytree(repos.v1, repo)
    old = load_private_key(repos.key_file)
    new = generate_key(tmp_path / "new.key")
    Publisher(repo, old).write_keys([new], signer=old)
    Publisher(repo, new).publish(V2_RECORDS)
    return repo, new


# --- tiny data folders -----------------------------------------------------------------------

@pytest.fixture(scope="session")
def tiny_seed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_tiny_seed(tmp_path_factory.mktemp("tiny") / "seed.sqlite")


def make_tiny_seed(path: Path) -> Path:
    """An empty store at the current schema: sync tests need no 28 MB seed."""
    engine = make_engine(sqlite_url(path))
    migrate(engine)
    engine.dispose()
    return path


def add_local_records(db: Database) -> None:
    with db.local_store.session() as s:
        s.add(ServiceRecord(created_at=dt.datetime(2026, 1, 2, 3, 4), staff="合成测试员", client="合成测试合作社",
                            purpose="咨询", outcome="已答复"))
        s.add(SavedSearch(name="合成测试检索", query="稻", created_at=dt.datetime(2026, 1, 2)))
    with db.session() as s:
        # holds the publication number of a published record: the local record wins, the published one is skipped
        s.add(Patent(id=LOCAL_PATENT_ID, pub_no="SYN000000005A", title="合成测试本地导入专利", dataset="local_patents"))
        s.add(Patent(id=9_000_001, pub_no="LOCAL-SYN-2", title="合成测试本地专利二", dataset="local"))
        # holds the id a published record has at the publisher: the published record gets another id here
        s.add(Patent(id=LOCAL_ID_TAKEN, pub_no="LOCAL-SYN-3", title="合成测试本地专利三", dataset="local_patents"))


@dataclass
class Folder:
    path: Path
    db: Database

    @property
    def db_file(self) -> Path:
        return self.path / "ipdesk.sqlite"

    def client(self, repos: Repos, **kwargs: Any) -> SyncService:
        kwargs.setdefault("policy", FAST)
        kwargs.setdefault("trusted_keys", [repos.public_text()])
        return SyncService(self.db.engine, self.path, default_key_file=self.path / "no-default.pub", **kwargs)


@pytest.fixture
def folder(tmp_path: Path, tiny_seed: Path) -> Iterator[Folder]:
    path = tmp_path / "data"
    db = open_database(path, seed=tiny_seed)
    add_local_records(db)
    yield Folder(path, db)
    db.close()


# --- what "old or new, consistent, nothing local lost" means ---------------------------------

def _columns_but_id(table: str) -> str:
    from ipdesk.services.sync.payload import TABLES

    spec = next(t for t in TABLES.values() if t.table == table)
    return ", ".join(f'"{c}"' for c in spec.columns if c != "id")


# Content, not local ids: a record may get a different id here than at the publisher (an id taken
# by a local record), and the same data reached by a delta or by a snapshot must compare equal.
DIGEST_QUERIES = (
    f"SELECT {_columns_but_id('patent')} FROM patent ORDER BY pub_no",
    f"SELECT {_columns_but_id('trademark')} FROM trademark ORDER BY reg_no, nice_class",
    "SELECT * FROM geo_indication ORDER BY id", "SELECT * FROM gi_area ORDER BY gi_id, division_code",
    "SELECT * FROM class_node ORDER BY id", "SELECT count(*), max(code), min(code) FROM division",
    "SELECT name, version, origin, record_count FROM dataset ORDER BY name",
    "SELECT kind, title, subtitle FROM search_doc WHERE kind IN ('patent', 'trademark') ORDER BY kind, title, subtitle",
)
LOCAL_QUERIES = ("SELECT * FROM patent WHERE dataset LIKE 'local%' ORDER BY id",)
# in the local store, the file beside the registry database (db.LOCAL_DB_FILENAME)
LOCAL_STORE_QUERIES = (
    "SELECT * FROM service_record ORDER BY id", "SELECT * FROM saved_search ORDER BY id",
    "SELECT * FROM report_archive ORDER BY id",
)


def _digest(conn: Any, queries: tuple[str, ...]) -> str:
    h = hashlib.sha256()
    for q in queries:
        for row in conn.execute(q):
            h.update(repr(tuple(row)).encode())
        h.update(b"|")
    return h.hexdigest()


def snapshot_state(db_file: Path) -> tuple[str, str, str]:
    """(integrity_check, data digest, local-records digest) read with a fresh connection."""
    import sqlean

    conn = sqlean.connect(str(db_file))
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        data, local_rows = _digest(conn, DIGEST_QUERIES), _digest(conn, LOCAL_QUERIES)
    finally:
        conn.close()
    store = sqlean.connect(str(db_file.with_name(LOCAL_DB_FILENAME)))
    try:
        assert store.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return integrity, data, local_rows + _digest(store, LOCAL_STORE_QUERIES)
    finally:
        store.close()


def change_list_digest(db_file: Path) -> str:
    """The last update's list of changed records and what it says about itself ('' when there is none)."""
    import sqlean

    conn = sqlean.connect(str(db_file))
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "sync_change" not in tables:
            return ""
        return _digest(conn, ("SELECT * FROM sync_change ORDER BY seq",
                              "SELECT value FROM sync_meta WHERE key = 'change_list'"))
    finally:
        conn.close()


def assert_index_consistent(db_file: Path) -> None:
    import sqlean

    conn = sqlean.connect(str(db_file))
    try:
        for table, kind in (("patent", "patent"), ("trademark", "trademark"), ("geo_indication", "gi")):
            missing = conn.execute(
                f"SELECT count(*) FROM {table} t WHERE NOT EXISTS "
                f"(SELECT 1 FROM search_doc d WHERE d.kind = '{kind}' AND d.ref_id = t.id)").fetchone()[0]
            stale = conn.execute(
                f"SELECT count(*) FROM search_doc d WHERE d.kind = '{kind}' AND NOT EXISTS "
                f"(SELECT 1 FROM {table} t WHERE t.id = d.ref_id)").fetchone()[0]
            assert (missing, stale) == (0, 0), table
        docs = conn.execute("SELECT count(*) FROM search_doc").fetchone()[0]
        for fts in ("fts_name", "fts_all", "fts_key"):
            assert conn.execute(f"SELECT count(*) FROM {fts}").fetchone()[0] == docs
    finally:
        conn.close()


@pytest.fixture(scope="session")
def new_state(repos: Repos, tmp_path_factory: pytest.TempPathFactory, tiny_seed: Path) -> tuple[str, str, str]:
    """The state every successful sync to v2 must reach, from a fresh folder synced from the v2 files."""
    from ipdesk.services.db import open_database

    path = tmp_path_factory.mktemp("reference") / "data"
    db = open_database(path, seed=tiny_seed)
    add_local_records(db)
    Folder(path, db).client(repos).sync(str(repos.v2))
    db.close()
    state = snapshot_state(path / "ipdesk.sqlite")
    assert state[0] == "ok"
    return state


@pytest.fixture
def at_v1(folder: Folder, repos: Repos) -> Folder:
    """A folder already at v1, so that v2 arrives as a delta."""
    result = folder.client(repos).sync(str(repos.v1))
    assert result.applied and {c.method for c in result.applied.changes} == {"snapshot"}
    return folder


def close_and_settle(qtbot, tasks, *widgets) -> None:  # type: ignore[no-untyped-def]
    """Close `widgets` and let every job they started finish and answer before the test's store is
    disposed: the changed-records list reads its next page as it fills, and such a read opening a
    connection on a disposed engine while the GUI thread collected garbage crashed the suite (twice,
    under load). The program itself waits for its tasks before it closes its store (app.run_app)."""
    for widget in widgets:
        widget.close()
    for _ in range(3):  # an answer delivered may start the next page's read
        tasks.wait_idle()
        qtbot.wait(20)
    tasks.wait_idle()


def answering(asked: list[str], yes: bool):  # type: ignore[no-untyped-def]
    """A stand-in for QMessageBox.question that records the question's text in `asked` and answers
    Yes or No (the panel's questions before a publisher switch or a removing version)."""
    from PySide6.QtWidgets import QMessageBox

    def question(_parent, _title, text, *_args):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.No
    return question
