"""The store under bad conditions (QA round 15): a registry file with no ipdesk schema, read-only
database files, migrations started by several processes at once, `%XX` in the data-folder path, a
file-size limit, a data folder that is a file. Real files and real processes throughout."""

from __future__ import annotations

import errno
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ipdesk.services.db import (
    DB_FILENAME,
    LOCAL_DB_FILENAME,
    SCHEMA_HEAD,
    _folder_error,
    make_engine,
    open_database,
    reset_from_seed,
    schema_revision,
    sqlite_url,
)
from ipdesk.services.errors import CorruptDatabaseError, os_reason

ROOT = Path(__file__).resolve().parents[2]
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def ipdesk(data_dir: Path, *args: str, preexec: object = None, wrap: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("IPDESK_DATA_DIR", None)
    return subprocess.run([*wrap, sys.executable, "-m", "ipdesk", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=180,
                          preexec_fn=preexec)  # type: ignore[arg-type]


# --- a registry file with no ipdesk schema (M1) -----------------------------------------------------

def _foreign(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE foo (x)")
        conn.execute("INSERT INTO foo VALUES (42)")
    conn.close()


@pytest.mark.parametrize("make", [lambda p: p.write_bytes(b""), _foreign], ids=["zero-bytes", "foreign"])
def test_a_registry_file_without_ipdesk_tables_is_set_aside_not_migrated(tmp_path: Path, seed_path: Path,
                                                                        make: object) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    make(folder / DB_FILENAME)  # type: ignore[operator]
    before = (folder / DB_FILENAME).read_bytes()
    with pytest.raises(CorruptDatabaseError) as caught:
        open_database(folder, seed=seed_path)
    moved = Path(caught.value.moved_to)
    assert moved.name.startswith(f"{DB_FILENAME}.corrupt-") and not (folder / DB_FILENAME).exists()
    assert moved.read_bytes() == before  # kept as it was: no ipdesk tables added to it
    assert "damaged" in caught.value.message("en") and "built-in data" in caught.value.message("en")
    db = reset_from_seed(folder, seed_path)  # the seed is installed
    try:
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM division").scalar() > 40000
    finally:
        db.close()


def test_a_cli_run_on_a_zero_byte_registry_says_it_is_damaged(tmp_path: Path) -> None:
    folder = tmp_path / "z"
    folder.mkdir()
    (folder / DB_FILENAME).write_bytes(b"")
    out = ipdesk(folder, "--lang", "en", "info")
    assert out.returncode == 4 and "damaged and was moved" in out.stderr, out.stderr
    out = ipdesk(folder, "--lang", "en", "search", "五常", "--limit", "1")  # then the built-in data
    assert out.returncode == 0 and "五常大米" in out.stdout, out.stderr


# --- read-only database files (M2) ------------------------------------------------------------------

def _as_non_root() -> tuple[str, ...]:
    """Root ignores file modes: run without the capabilities that let it (or skip)."""
    if os.name != "posix":
        pytest.skip("POSIX file modes")
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("setpriv is needed to make root obey file modes")
    wrap = (setpriv, "--bounding-set=-dac_override,-dac_read_search,-fowner")
    if subprocess.run([*wrap, "true"], capture_output=True, check=False).returncode != 0:
        pytest.skip("setpriv cannot drop capabilities here")
    return wrap


def test_a_read_only_service_record_answers_lookups_and_refuses_its_writes(data_dir: Path, tmp_path: Path) -> None:
    """QA: a read-only ipdesk-local.sqlite refused every command at open, searches included. Lookups, `info`
    and backups now work; what would write the service record is refused in words before it starts, and
    no report file is left behind unlogged."""
    wrap = _as_non_root()
    open_database(data_dir).close()  # both files made
    assert ipdesk(data_dir, "report", "search", "五常", "--out", str(tmp_path / "r.xlsx"), "--client",
                  "合成测试甲").returncode == 0
    assert ipdesk(data_dir, "backup", "--out", str(tmp_path / "bk.zip")).returncode == 0
    target = data_dir / LOCAL_DB_FILENAME
    before = target.read_bytes()
    archived = sorted((data_dir / "reports").rglob("*.*"))
    target.chmod(0o444)
    try:
        out = ipdesk(data_dir, "--lang", "en", "search", "五常", "--limit", "1", wrap=wrap)
        assert out.returncode == 0 and "五常大米" in out.stdout, out.stderr
        out = ipdesk(data_dir, "--lang", "en", "info", wrap=wrap)
        assert out.returncode == 0 and "(read-only: lookups and backups work" in out.stdout, out.stderr
        out = ipdesk(data_dir, "--lang", "en", "info", "--json", wrap=wrap)
        assert out.returncode == 0 and '"local_store_read_only": true' in out.stdout, out.stderr
        out = ipdesk(data_dir, "--lang", "en", "report", "entries", wrap=wrap)
        assert out.returncode == 0 and "合成测试甲" in out.stdout, out.stderr
        out = ipdesk(data_dir, "--lang", "en", "backup", "--out", str(tmp_path / "bk2.zip"), wrap=wrap)
        assert out.returncode == 0, out.stderr
        refused = f"The local service-record file is read-only: {target}. Searches and backups work"
        out = ipdesk(data_dir, "--lang", "en", "report", "search", "茶", "--out", str(tmp_path / "r2.xlsx"), wrap=wrap)
        assert out.returncode == 3 and refused in out.stderr and "Traceback" not in out.stderr, out.stderr
        assert not (tmp_path / "r2.xlsx").exists() and sorted((data_dir / "reports").rglob("*.*")) == archived
        out = ipdesk(data_dir, "report", "correct-client", "合成测试甲", "合成测试乙", wrap=wrap)
        assert out.returncode == 3 and "本机服务台账文件是只读的" in out.stderr, out.stderr
        out = ipdesk(data_dir, "--lang", "en", "restore", str(tmp_path / "bk.zip"), "--yes", wrap=wrap)
        assert out.returncode == 3 and refused in out.stderr, out.stderr
        assert target.read_bytes() == before  # nothing written
        assert not target.with_name(LOCAL_DB_FILENAME + "-wal").exists()  # nor a WAL made beside it
    finally:
        target.chmod(0o644)
    out = ipdesk(data_dir, "report", "correct-client", "合成测试甲", "合成测试乙")  # writable again: as before
    assert out.returncode == 0, out.stderr


_PATENT_CSV = ("公开号,申请号,名称,申请人,地址,IPC分类号,申请日,公开日\n"
               "CN999000001A,2099100000001.X,合成测试果树嫁接工具,合成合作社,浙江省杭州市,A01G 9/00,2020-01-02,2021-03-04\n")


def test_a_read_only_registry_answers_lookups_and_refuses_writes_before_starting(data_dir: Path, tmp_path: Path) -> None:
    """QA17 N10: a registry copied from a CD (read-only attribute) refused every command; searching it
    is what such a copy is for. Lookups now work; an import, a data update and a restore that would
    write it are refused before they change, download or restore anything."""
    wrap = _as_non_root()
    open_database(data_dir).close()
    registry = data_dir / DB_FILENAME
    csv_file = tmp_path / "p.csv"
    csv_file.write_text(_PATENT_CSV, encoding="utf-8")
    # a backup holding a record imported as local, and a repository with one more patent
    other = tmp_path / "other"
    other.mkdir()
    shutil.copyfile(data_dir / DB_FILENAME, other / DB_FILENAME)
    assert ipdesk(other, "import", "--local", str(csv_file)).returncode == 0
    assert ipdesk(other, "backup", "--out", str(tmp_path / "bk.zip")).returncode == 0
    assert ipdesk(other, "publish", "--init-key", str(tmp_path / "k.key")).returncode == 0
    out = ipdesk(other, "publish", "--out", str(tmp_path / "repo"), "--key", str(tmp_path / "k.key"))
    assert out.returncode == 0, out.stderr
    local_before = (data_dir / LOCAL_DB_FILENAME).read_bytes()
    registry.chmod(0o444)
    try:
        out = ipdesk(data_dir, "--lang", "en", "search", "五常", "--limit", "1", wrap=wrap)
        assert out.returncode == 0 and "五常大米" in out.stdout, out.stderr
        out = ipdesk(data_dir, "--lang", "en", "info", wrap=wrap)
        assert out.returncode == 0 and "(read-only: lookups work" in out.stdout, out.stderr
        out = ipdesk(data_dir, "--lang", "en", "gi-check", "--product", "五常大米", "--township", "230184111000", wrap=wrap)
        assert out.returncode == 0 and "五常大米" in out.stdout, out.stderr
        # no -wal or -shm made read-only beside it (they would block the file once it is writable)
        assert not registry.with_name(DB_FILENAME + "-wal").exists()
        assert not registry.with_name(DB_FILENAME + "-shm").exists()
        refused = f"The database file is read-only: {registry}. It can be searched, but imports"
        out = ipdesk(data_dir, "--lang", "en", "import", str(csv_file), wrap=wrap)
        assert out.returncode == 3 and refused in out.stderr and "Traceback" not in out.stderr, out.stderr
        out = ipdesk(data_dir, "import", str(csv_file), wrap=wrap)
        assert out.returncode == 3 and "现在只能查询，不能导入、更新或恢复数据" in out.stderr, out.stderr
        out = ipdesk(data_dir, "--lang", "en", "sync", "--dir", str(tmp_path / "repo"),
                     "--trusted-key", str(tmp_path / "k.key.pub"), wrap=wrap)
        assert out.returncode == 3 and refused in out.stderr, out.stderr
        cache = data_dir / "sync"
        assert not cache.exists() or not any(p.is_file() and p.stat().st_size > 1000 for p in cache.rglob("*"))
        out = ipdesk(data_dir, "--lang", "en", "restore", str(tmp_path / "bk.zip"), "--yes", wrap=wrap)
        assert out.returncode == 3 and refused in out.stderr, out.stderr
        assert (data_dir / LOCAL_DB_FILENAME).read_bytes() == local_before  # nothing restored
        assert not list(data_dir.glob("ipdesk-restore-unfinished*"))
        assert not list(data_dir.glob("ipdesk-local.before-restore-*"))
    finally:
        registry.chmod(0o644)
    out = ipdesk(data_dir, "--lang", "en", "import", str(csv_file))  # writable again: as before
    assert out.returncode == 0, out.stderr


def test_a_read_only_registry_of_an_older_schema_is_refused_with_the_reason(data_dir: Path) -> None:
    wrap = _as_non_root()
    open_database(data_dir).close()
    registry = data_dir / DB_FILENAME
    with sqlite3.connect(registry) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0003'")
    conn.close()
    registry.chmod(0o444)
    try:
        out = ipdesk(data_dir, "--lang", "en", "search", "五常", wrap=wrap)
        assert out.returncode == 3, out.stderr
        assert f"The database file is read-only: {registry}, and this version of ipdesk must upgrade" in out.stderr
    finally:
        registry.chmod(0o644)


def test_a_read_only_registry_with_committed_data_in_its_wal_is_refused(data_dir: Path) -> None:
    """Opened immutable, SQLite would not read the WAL's committed pages: the answers would be old."""
    wrap = _as_non_root()
    open_database(data_dir).close()
    registry = data_dir / DB_FILENAME
    keeper = sqlite3.connect(registry)  # holds the WAL open, so closing the writer below keeps its frames
    keeper.execute("PRAGMA journal_mode = WAL")
    keeper.execute("BEGIN")
    keeper.execute("SELECT count(*) FROM division").fetchone()
    writer = sqlite3.connect(registry)
    writer.execute("UPDATE division SET name = name WHERE code = '110000000000'")
    writer.commit()
    writer.close()
    wal = registry.with_name(DB_FILENAME + "-wal")
    try:
        assert wal.stat().st_size > 0
        registry.chmod(0o444)
        out = ipdesk(data_dir, "--lang", "en", "search", "五常", wrap=wrap)
        assert out.returncode == 3 and f"The database file is read-only: {registry}." in out.stderr, out.stderr
    finally:
        registry.chmod(0o644)
        keeper.rollback()
        keeper.close()


# --- migrations started together (M3) ---------------------------------------------------------------

def test_processes_starting_together_on_an_older_store_all_carry_on(data_dir: Path) -> None:
    with sqlite3.connect(data_dir / DB_FILENAME) as conn:  # as a store made before migration 0004
        conn.execute("UPDATE alembic_version SET version_num = '0003'")
    conn.close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    procs = [subprocess.Popen([sys.executable, "-m", "ipdesk", "--data-dir", str(data_dir), "--lang", "en",
                               "search", "五常", "--limit", "1"], cwd=ROOT, env=env, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(3)]
    results = [(p.wait(timeout=300), *p.communicate()) for p in procs]
    for code, stdout, stderr in results:
        assert code == 0 and "五常大米" in stdout, stderr
    engine = make_engine(sqlite_url(data_dir / DB_FILENAME))
    try:
        assert schema_revision(engine) == SCHEMA_HEAD
    finally:
        engine.dispose()


_OPEN_AT = """
import sys, time
from pathlib import Path
from ipdesk.services.db import open_local_store
start = float(sys.argv[2])
while time.time() < start:
    pass
open_local_store(Path(sys.argv[1])).engine.dispose()
"""


def test_processes_making_a_new_local_store_together_all_open_it(tmp_path: Path) -> None:
    """The window, the kiosk and a scheduled sync starting in the same instant on a folder with no
    local store: switching the new file to WAL answered "database is locked" at once (SQLite does
    not wait for it), and two creating the tables clashed ("table saved_search already exists").
    Three rounds of five processes released together; each must open the store."""
    for round_ in range(3):
        folder = tmp_path / f"round{round_}"
        folder.mkdir()
        start = time.time() + 2.0  # after every process has imported ipdesk
        procs = [subprocess.Popen([sys.executable, "-c", _OPEN_AT, str(folder), str(start)], cwd=ROOT,
                                  stderr=subprocess.PIPE, text=True) for _ in range(5)]
        for proc in procs:
            _out, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, err
        with sqlite3.connect(folder / LOCAL_DB_FILENAME) as conn:
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            assert {"service_record", "saved_search", "report_archive"} <= {
                row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        conn.close()


# --- %XX in the data-folder path (M7) ---------------------------------------------------------------

@pytest.mark.parametrize("name", ["d%20x", "%E4%B8%AD", "%25", "a#b;c'd 100%"])
def test_a_folder_named_with_percent_escapes_opens_its_own_database(tmp_path: Path, seed_path: Path,
                                                                   name: str) -> None:
    folder = tmp_path / name
    folder.mkdir()
    shutil.copyfile(seed_path, folder / DB_FILENAME)
    engine = make_engine(sqlite_url(folder / DB_FILENAME))
    assert engine.url.database == (folder / DB_FILENAME).as_posix()
    engine.dispose()
    out = ipdesk(folder, "--lang", "en", "search", "五常", "--limit", "1")
    assert out.returncode == 0 and "五常大米" in out.stdout, out.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # no decoded twin made beside it
    assert (folder / LOCAL_DB_FILENAME).exists()


# --- a file-size limit (M8) -------------------------------------------------------------------------

def _limit_file_size(size: int) -> object:
    resource = pytest.importorskip("resource")

    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return apply


def test_a_file_size_limit_is_not_called_a_full_disk(data_dir: Path) -> None:
    open_database(data_dir).close()
    for side in data_dir.glob("*.sqlite-*"):
        side.unlink()
    out = ipdesk(data_dir, "--lang", "en", "search", "五常", preexec=_limit_file_size(20 * 1024))
    assert out.returncode == 3, out.stderr
    assert "too large for this drive (FAT32 holds files up to 4 GB): use an NTFS/exFAT drive" in out.stderr
    assert "full" not in out.stderr
    out = ipdesk(data_dir, "search", "五常", preexec=_limit_file_size(20 * 1024))
    assert "FAT32 格式的磁盘单个文件最大 4 GB" in out.stderr and "已满" not in out.stderr


def test_efbig_has_words_of_its_own(tmp_path: Path) -> None:
    code = ("import resource, sys\n"
            "resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))\n"
            "from ipdesk.services.errors import os_reason\n"
            "try:\n    open(sys.argv[1], 'wb').write(b'x' * 10000)\n"
            "except OSError as exc:\n    print(exc.errno, os_reason(exc, writing=True).en)\n")
    pytest.importorskip("resource")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "big.bin")], capture_output=True, text=True,
                         cwd=ROOT, timeout=60)
    assert out.stdout.strip() == f"{errno.EFBIG} the file is too large for this drive (FAT32 holds files up to " \
                                 "4 GB): use an NTFS/exFAT drive", out.stderr
    assert "磁盘已满" not in os_reason(OSError(errno.EFBIG, "File too large")).zh


# --- a data folder that is a file; the OS reason in Chinese (m7) ------------------------------------

def test_a_data_folder_that_is_a_file_is_said_so(tmp_path: Path) -> None:
    a_file = tmp_path / "p20.csv"
    a_file.write_text("number,title\n", encoding="utf-8")
    out = ipdesk(a_file, "--lang", "en", "info")
    assert out.returncode == 3 and "is a file, not a folder" in out.stderr and "File exists" not in out.stderr
    out = ipdesk(a_file, "info")
    assert "是一个文件，不是文件夹" in out.stderr
    assert a_file.read_text(encoding="utf-8") == "number,title\n"


@pytest.mark.parametrize("code", [errno.EACCES, errno.EROFS, errno.ENOTDIR, errno.ENAMETOOLONG, errno.EEXIST])
def test_the_data_folder_error_has_no_english_in_chinese(tmp_path: Path, code: int) -> None:
    error = _folder_error(tmp_path / "x", OSError(code, os.strerror(code)))
    zh = error.message("zh_CN").replace(str(tmp_path / "x"), "").replace("--data-dir", "")
    assert not _LATIN_WORD.search(zh), zh
    assert os_reason(OSError(code, "x")).en in error.message("en")


def test_a_read_only_data_folder_says_why_in_chinese(tmp_path: Path, seed_path: Path) -> None:
    wrap = _as_non_root()
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        out = ipdesk(folder, "info", wrap=wrap)
        assert out.returncode == 3 and "没有访问权限" in out.stderr and "Permission denied" not in out.stderr
    finally:
        folder.chmod(0o755)


_WINDOW_SCRIPT = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from ipdesk.services.container import build_services
from ipdesk.ui.main_window import MainWindow
from ipdesk.ui.tasks import TaskRunner
app = QApplication([])
services = build_services(Path(sys.argv[1]))
tasks = TaskRunner()
window = MainWindow(services, tasks, lang="zh_CN", probe_network=False)
window.show()
label = window.status.read_only_label
print("READ_ONLY", label.isVisible(), label.text(), services.search.search("五常大米", limit=1).hits[0].title)
tasks.wait_idle(10000)
window.close()
services.close()
"""


@pytest.mark.parametrize("read_only", [True, False], ids=["read-only", "writable"])
def test_the_window_says_a_read_only_registry_in_its_status_bar(data_dir: Path, read_only: bool) -> None:
    wrap = _as_non_root()
    open_database(data_dir).close()
    registry = data_dir / DB_FILENAME
    if read_only:
        registry.chmod(0o444)
    try:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
        out = subprocess.run([*wrap, sys.executable, "-c", _WINDOW_SCRIPT, str(data_dir)], capture_output=True,
                             text=True, env=env, cwd=ROOT, timeout=180)
    finally:
        registry.chmod(0o644)
    assert out.returncode == 0, out.stderr[-3000:]
    assert f"READ_ONLY {read_only} 只读 五常大米" in out.stdout, out.stdout + out.stderr[-3000:]
