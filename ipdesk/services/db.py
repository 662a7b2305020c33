"""Opening the offline store: data folder, engine, migrations, first-run seed copy, faults.

The SQLite file lives in the user's data folder (platformdirs; `--data-dir` or `IPDESK_DATA_DIR`
override). The engine URL is a setting, so a centre can later point several workstations at one
database server; everything below that is SQLite-specific is skipped for other engines. The
centre's own records live beside it in the local store, a SQLite file of their own
(LOCAL_DB_FILENAME; why: models.LocalBase).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any

import sqlean
from filelock import FileLock, Timeout
from platformdirs import user_data_dir
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy import inspect as sqlalchemy_inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from ipdesk.domain.amounts import plural
from ipdesk.domain.i18n import Text
from ipdesk.domain.shown_text import LONE_SURROGATES
from ipdesk.services.errors import (
    FILE_TOO_LARGE,
    AlreadyRunningError,
    CorruptDatabaseError,
    DataFolderError,
    NewerVersionError,
    os_reason,
)
from ipdesk.services.models import LocalBase
from ipdesk.services.resources import seed_database_path
from ipdesk.services.search_index import install_index_hooks

log = logging.getLogger("ipdesk.storage")

DB_FILENAME = "ipdesk.sqlite"
# The centre's own records (service record, report archive, saved searches): see models.LocalBase.
LOCAL_DB_FILENAME = "ipdesk-local.sqlite"
LOCAL_SCHEMA_VERSION = 1  # PRAGMA user_version of the local store
# The newest migration. Checked against Alembic's own head by a test; lets a current database open
# without importing Alembic at all (0.2–0.3 s of start-up).
SCHEMA_HEAD = "0006"
_MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def default_data_dir() -> Path:
    env = os.environ.get("IPDESK_DATA_DIR")
    return Path(env) if env else Path(user_data_dir("ipdesk", appauthor=False))


# How long a statement waits for another connection's lock before it fails (`errors.DatabaseBusyError`).
BUSY_TIMEOUT_MS = 5000


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.execute("PRAGMA cache_size = -65536")
    cur.execute("PRAGMA mmap_size = 268435456")
    # The WAL grows to the size of the largest transaction (a data update's apply: ~1 GB for a
    # million records) and SQLite otherwise keeps the file that big for as long as the app runs.
    cur.execute(f"PRAGMA journal_size_limit = {WAL_SIZE_LIMIT}")
    cur.close()


WAL_SIZE_LIMIT = 64 << 20


def network_pragmas(dbapi_conn: Any, _record: Any) -> None:
    """A connection to a database on a network share (an engine's "connect" listener, after
    `_sqlite_pragmas`): every commit reaches the server before it returns (the rollback journal with
    synchronous NORMAL can lose or damage the last commit at a power cut), and no memory mapping (a
    share that drops away turns a mapped read into a crash rather than an error)."""
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA synchronous = FULL")
    cur.execute("PRAGMA mmap_size = 0")
    cur.close()


def secure_delete(dbapi_conn: Any, _record: Any) -> None:
    """A connection that overwrites deleted content (an engine's "connect" listener): the local store's."""
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA secure_delete = ON")
    cur.close()


def shrink_wal(engine: Engine) -> None:
    """After a big write (a data update, an import): copy the WAL into the database and cut it to
    nothing, giving its disk space back at once. Best effort: a reader still on an older snapshot
    keeps it (then journal_size_limit cuts it at the next checkpoint)."""
    if engine.dialect.name != "sqlite":
        return
    try:
        with engine.connect() as conn:
            busy, _frames, _done = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
        if busy:
            log.info("WAL not truncated yet: a reader is still using an older snapshot")
    except (DatabaseError, OperationalError) as exc:
        log.warning("WAL checkpoint after a big write failed: %s", exc)


def make_engine(url: str, *, on_network: bool = False) -> Engine:
    """An engine for `url`; `on_network`: a SQLite file on a network share (`network_pragmas`)."""
    if url.startswith("sqlite"):
        engine = create_engine(url, module=sqlean, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        if on_network:
            event.listen(engine, "connect", network_pragmas)
        return engine
    try:
        return create_engine(url, pool_pre_ping=True)
    except (ImportError, ArgumentError, ValueError) as exc:  # no driver installed, or not a database URL
        raise DataFolderError(
            f"设置中的数据库地址（settings.json 的 engine_url）无法使用：{_hide_password(url)}（{exc}）。"
            "请删除该项以使用数据文件夹中的数据库。",
            f"The database address in the settings (engine_url in settings.json) cannot be used: "
            f"{_hide_password(url)} ({exc}). Remove it to use the database in the data folder.",
            detail=str(exc),
        ) from exc


def _hide_password(url: str) -> str:
    try:
        return URL.render_as_string(make_url(url), hide_password=True)
    except (ArgumentError, ValueError):
        return url


def sqlite_url(path: Path) -> str:
    """The URL of a SQLite file. Escaped: SQLAlchemy URL-decodes the path, so a folder named
    `My%20Data` (legal on Windows, e.g. copied from a web address) opened `My Data` or nothing.
    A path whose bytes are not UTF-8 (a folder named in GBK on a UTF-8 Linux, as `unzip` leaves a ZIP
    made on Chinese Windows; Python holds those bytes as lone surrogates, which a URL cannot quote) is
    given as a `file:` URI, its bytes percent-escaped, which SQLite opens byte for byte."""
    if LONE_SURROGATES.search(str(path)):
        return URL.create("sqlite", database=_file_uri(path), query={"uri": "true"}).render_as_string(
            hide_password=False)
    return URL.create("sqlite", database=path.as_posix()).render_as_string(hide_password=False)


def _alembic_config(connection: Any, local_store: Path | None) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(_MIGRATIONS))
    cfg.attributes["connection"] = connection
    cfg.attributes["local_store"] = local_store
    return cfg


MIGRATE_LOCK_FILENAME = "migrate.lock"


def migrate(engine: Engine, local_store: Path | None = None, *, lock_dir: Path | None = None) -> None:
    """Upgrade the schema to the newest revision (a no-op when it is current). `local_store`: the
    file that migration 0003 moves the local-only rows of an older database into (needed only when
    there are any). `lock_dir` (the data folder): one migration at a time. After an upgrade the
    window, a scheduled `ipdesk sync` and the kiosk start together; each ran the migration and all
    but the first stopped ("expected to match one row when updating '0003'"). The others now wait,
    find the schema current and carry on."""
    if schema_revision(engine) == SCHEMA_HEAD:
        return
    refuse_if_newer(engine)
    from alembic import command

    lock = FileLock(str(lock_dir / MIGRATE_LOCK_FILENAME)) if lock_dir is not None else None
    if lock is not None:
        try:
            lock.acquire(timeout=0.2)
        except Timeout:
            log.info("another ipdesk is upgrading the database; waiting for it")
            lock.acquire()
    try:
        if lock is not None and schema_revision(engine) == SCHEMA_HEAD:
            log.info("the database was upgraded by another ipdesk while this one waited")
            return
        with engine.begin() as conn:
            command.upgrade(_alembic_config(conn, local_store), "head")
    finally:
        if lock is not None:
            lock.release()


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {script.revision for script in ScriptDirectory(str(_MIGRATIONS)).walk_revisions()}


def _database_name(engine: Engine) -> str:
    if engine.dialect.name == "sqlite" and engine.url.database:
        return str(Path(engine.url.database))
    return _hide_password(engine.url.render_as_string(hide_password=False))


def newer_version_error(where: str, found: str, known: str, *, local: bool) -> NewerVersionError:
    """The refusal of a database a newer ipdesk wrote (`found`: its schema revision or format;
    `known`: the newest this version knows), the same words for the registry and the local store."""
    if local:
        what_zh, what_en = f"本机服务台账文件 {where} 由", f"The local service-record file {where} was written by"
        keeps_zh = keeps_en = ""
    else:
        what_zh, what_en = f"数据库文件 {where} 已被", f"The database file {where} was upgraded by"
        keeps_zh = (f"服务台账和报告存档保存在单独的文件 {LOCAL_DB_FILENAME} 中，仍可用这个版本备份："
                    "ipdesk backup --out 文件夹。")
        keeps_en = (f" The service record and report archive are kept in a separate file, {LOCAL_DB_FILENAME}, "
                    "and can still be backed up with this version: ipdesk backup --out FOLDER.")
    return NewerVersionError(
        f"{what_zh}更新版本的 ipdesk 写入（格式 {found}，这个版本只认识到 {known}），这个版本无法打开它，"
        f"也不会改动它。请重新安装那个更新的版本。{keeps_zh}",
        f"{what_en} a newer ipdesk (format {found}; this version knows up to {known}), so this "
        f"version cannot open it and leaves it unchanged. Install that newer version again.{keeps_en}",
        local=local, detail=f"{where}: format {found}, newest known {known}",
    )


def refuse_if_newer(engine: Engine) -> None:
    """A registry whose schema revision this version does not know (a newer ipdesk upgraded it: a
    centre that went back to an older installer) is refused in words, not left to Alembic's "Can't
    locate revision" (shown as an unexpected error, and the window just closed)."""
    revision = schema_revision(engine)
    if revision is None or revision == SCHEMA_HEAD or revision in _known_revisions():
        return
    log.error("the database %s is at schema %s, which this version does not know (newest: %s)",
              _database_name(engine), revision, SCHEMA_HEAD)
    raise newer_version_error(_database_name(engine), revision, SCHEMA_HEAD, local=False)


def schema_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        exists = conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).first() if engine.dialect.name == "sqlite" else True
        if not exists:
            return None
        try:
            row = conn.exec_driver_sql("SELECT version_num FROM alembic_version").first()
        except DatabaseError:
            return None
        return str(row[0]) if row else None


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory(str(_MIGRATIONS)).get_current_head()


@dataclass
class Database:
    """An open store: one engine and the session factory every service uses. The registry database
    carries the local store (`local`), a database of its own (see models.LocalBase)."""

    engine: Engine
    path: Path | None
    data_dir: Path
    local: Database | None = None
    index_hooks: bool = True
    read_only: bool = False  # the file (registry or local store) may not be written: lookups only (`_read_only_engine`)
    # the data folder is on a network share: its SQLite files opened with a rollback journal, not WAL
    # (`open_database`)
    on_network: bool = False

    def __post_init__(self) -> None:
        self.session_factory = sessionmaker(self.engine, expire_on_commit=False)
        if self.index_hooks:
            install_index_hooks(self.session_factory)

    @property
    def local_store(self) -> Database:
        if self.local is None:
            raise RuntimeError("this database was opened without its local store")
        return self.local

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session whose work is committed on success and rolled back on any error."""
        with self.session_factory() as session, session.begin():
            yield session

    def close(self) -> None:
        if self.local is not None:
            self.local.close()
        self.engine.dispose()


def _check_writable(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():  # `--data-dir report.csv`: said as it is, not "File exists"
        raise DataFolderError(
            f"数据文件夹的位置是一个文件，不是文件夹：{folder}。请用 --data-dir 指定一个文件夹。",
            f"The data folder {folder} is a file, not a folder. Choose a folder with --data-dir.",
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # a name of its own: two processes starting at once must not trip over each other's probe
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".ipdesk-write-test-"):
            pass
    except OSError as exc:
        raise _folder_error(folder, exc) from exc


def is_disk_full(exc: BaseException) -> bool:
    """Whether a database error means the disk is full or cannot be written (SQLITE_FULL, or the
    I/O error SQLite reports when a write is refused, e.g. past a file-size limit)."""
    text = str(exc).lower()
    return "full" in text or "disk i/o" in text


FAT32_MAX_FILE = (4 << 30) - 1
_PLENTY_FREE = 64 << 20  # more free space than this: a refused write was not for want of space


def _file_size_limit() -> int:
    """The largest file this process may write: FAT32's 4 GB, or less under a size limit (ulimit -f)."""
    limit = FAT32_MAX_FILE
    try:
        import resource

        soft = resource.getrlimit(resource.RLIMIT_FSIZE)[0]
        if soft != resource.RLIM_INFINITY and soft > 0:
            limit = min(limit, soft)
    except (ImportError, AttributeError, ValueError, OSError):  # Windows has no `resource`
        pass
    return limit


def too_large_for_drive(files: Iterable[Path], folder: Path) -> Path | None:
    """Which of `files` (a database and its -wal/-journal) stopped at a file-size limit, when a write
    was refused with plenty of free space: SQLite reports EFBIG as "disk I/O error" or "disk is full",
    and a FAT32 drive with 55 GB free was called full. None: a full disk, as far as can be told."""
    try:
        if shutil.disk_usage(folder).free < _PLENTY_FREE:
            return None
    except OSError:
        return None
    limit = _file_size_limit()
    margin = min(1 << 20, limit // 8)
    for file in files:
        with contextlib.suppress(OSError):
            if file.stat().st_size >= limit - margin:
                return file
    return None


def _sqlite_files(path: Path) -> list[Path]:
    return [path, *(path.with_name(path.name + suffix) for suffix in ("-wal", "-journal", "-shm"))]


def _too_large_error(file: Path) -> DataFolderError:
    return DataFolderError(
        f"无法写入 {file}：{FILE_TOO_LARGE.zh}。",
        f"Cannot write {file}: {FILE_TOO_LARGE.en}.",
    )


def _disk_full_error(folder: Path, database: Path | None = None) -> DataFolderError:
    """SQLite could not write while opening (SQLITE_FULL, or the "disk I/O error" of a refused write):
    in practice a full disk; said plainly, with the free space, instead of a traceback. A write
    refused with plenty of space left at a file-size limit (FAT32) is said as that."""
    if database is not None and (big := too_large_for_drive(_sqlite_files(database), folder)) is not None:
        return _too_large_error(big)
    try:
        free = f"{shutil.disk_usage(folder).free // (1 << 20)} MB"
    except OSError:
        free = "?"
    return DataFolderError(
        f"数据文件夹所在磁盘已满或无法写入：{folder}（可用 {free}）。请释放一些空间（或检查磁盘）后重新打开 ipdesk。",
        f"The disk holding the data folder is full or cannot be written: {folder} ({free} free). Free some "
        "space (or check the disk), then open ipdesk again.",
    )


def _folder_error(folder: Path, exc: OSError) -> DataFolderError:
    if exc.errno == errno.ENOSPC:
        return DataFolderError(
            f"数据文件夹所在磁盘已满：{folder}。请释放空间后重试。",
            f"The disk holding the data folder is full: {folder}. Free some space and try again.",
        )
    if exc.errno == errno.EFBIG:
        return _too_large_error(Path(exc.filename) if exc.filename else folder)
    if exc.errno == errno.EEXIST and folder.exists() and not folder.is_dir():
        reason = Text("这是一个文件，不是文件夹", "it is a file, not a folder")
    else:
        reason = os_reason(exc)
    return DataFolderError(
        f"无法写入数据文件夹：{folder}（{reason.zh}）。请检查权限，或用 --data-dir 指定其他文件夹。",
        f"Cannot write to the data folder {folder} ({reason.en}). "
        "Check its permissions or choose another folder with --data-dir.",
    )


def _read_only_error(path: Path) -> DataFolderError:
    return DataFolderError(
        f"数据库文件是只读的：{path}。请检查权限（Windows：在文件“属性”中取消“只读”）。",
        f"The database file is read-only: {path}. Check its permissions (Windows: untick Read-only in "
        "the file's Properties).",
    )


def _read_only_upgrade_error(path: Path) -> DataFolderError:
    return DataFolderError(
        f"数据库文件是只读的：{path}，而这个版本的 ipdesk 要先升级它的格式才能使用。请检查权限"
        "（Windows：在文件“属性”中取消“只读”）。",
        f"The database file is read-only: {path}, and this version of ipdesk must upgrade its format before "
        "using it. Check its permissions (Windows: untick Read-only in the file's Properties).",
    )


READ_ONLY_OPTION = "ipdesk_read_only"


def is_read_only(engine: Engine) -> bool:
    """Opened read-only (`_read_only_engine`): lookups work, writes are refused with the reason."""
    return bool(engine.get_execution_options().get(READ_ONLY_OPTION))


def _read_only_write_error(path: Path, *, local: bool = False) -> DataFolderError:
    if local:  # the service record: lookups and backups work, nothing can be logged or saved
        return DataFolderError(
            f"本机服务台账文件是只读的：{path}。现在可以查询和备份，但不能记入服务台账、导出报告（导出时要记入台账）、"
            "保存检索或恢复备份。请检查权限（Windows：在文件“属性”中取消“只读”），然后重新打开 ipdesk。",
            f"The local service-record file is read-only: {path}. Searches and backups work, but nothing can be "
            "logged in the service record, exported as a report (an export is logged), saved as a search or "
            "restored. Check its permissions (Windows: untick Read-only in the file's Properties) and open ipdesk "
            "again.",
        )
    return DataFolderError(
        f"数据库文件是只读的：{path}。现在只能查询，不能导入、更新或恢复数据。请检查权限"
        "（Windows：在文件“属性”中取消“只读”），然后重新打开 ipdesk。",
        f"The database file is read-only: {path}. It can be searched, but imports, data updates and restores "
        "need it writable. Check its permissions (Windows: untick Read-only in the file's Properties) and "
        "open ipdesk again.",
    )


def refuse_if_read_only(engine: Engine, *, local: bool = False) -> None:
    """Before a write that would otherwise start (and download or read a file) for nothing."""
    if is_read_only(engine) and engine.url.database:
        raise _read_only_write_error(Path(engine.url.database), local=local)


def _unwritable(file: Path) -> bool:
    return file.exists() and not os.access(file, os.W_OK)


def _read_only_engine(path: Path) -> Engine | None:
    """An engine reading a database file (the registry or the local store) this process may not write (copied from a CD, which keeps
    the Windows read-only attribute; a write-protected stick), or None for a writable one. Refusing
    it outright made every lookup impossible; now searches and wizards work and each write (an
    import, a data update, a restore) says the file is read-only. Opened `immutable`: SQLite then
    makes no -wal or -shm file (one it made read-only would block the file once it is writable
    again). A non-empty WAL holds committed data that `immutable` would not see: refused, as before."""
    wal = path.with_name(path.name + "-wal")
    if not _unwritable(path):
        return None
    if wal.exists() and wal.stat().st_size > 0:
        raise _read_only_error(path)
    uri = sqlite_file_uri(path, "mode=ro&immutable=1")
    engine = create_engine(sqlite_url(path), module=sqlean,
                           creator=lambda: sqlean.connect(uri, uri=True, check_same_thread=False),
                           execution_options={READ_ONLY_OPTION: True})
    event.listen(engine, "connect", _sqlite_pragmas)
    log.warning("the database file %s is read-only: opened for reading only", path)
    return engine


def sqlite_file_uri(path: PurePath, query: str) -> str:
    """A SQLite `file:` URI for `path` with `query` (mode=ro …), whatever the path holds. Glued together
    (`f"file:{path}?mode=ro"`) it broke on Windows and on odd folder names (QA 19e W1): SQLite cut the
    path at a `#` (and made a stray empty file without mode=ro), decoded `My%20Data` to `My Data`, and
    refused a share (`file://server/share/…`: "invalid uri authority"). Here the path is percent-escaped
    (`as_uri`) and a UNC path is written `file:////server/share/…`, which SQLite reads as that share.
    Not resolved: that would turn a mapped drive (Z:) into its share name."""
    return f"{_file_uri(path)}?{query}"


def _file_uri(path: PurePath) -> str:
    """`path` as a `file:` URI SQLite reads (`sqlite_file_uri`), without a query."""
    absolute = path if path.is_absolute() else Path(path).absolute()
    uri = absolute.as_uri()
    if not uri.startswith("file:///"):  # file://server/share/…: a UNC path
        uri = "file:////" + uri[len("file://"):]
    return uri


def _check_file_writable(path: Path) -> None:
    """A database file (or its WAL) that cannot be written, in a folder that can (copied from a CD or
    a write-protected stick, the Windows read-only attribute): said at open, not as "unexpected error
    (OperationalError)" at the first write, after a report was already archived."""
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if file.exists() and not os.access(file, os.W_OK):
            raise _read_only_error(file)


def install_seed(target: Path, seed: Path | None = None) -> None:
    """Copy the bundled seed database to `target` atomically (temp file, then rename)."""
    seed = seed or seed_database_path()
    if not seed.exists():
        raise DataFolderError(
            f"找不到内置种子数据库：{seed}。请先运行 make seed（或重新安装 ipdesk）。",
            f"The bundled seed database is missing: {seed}. Run `make seed` (or reinstall ipdesk).",
        )
    tmp = target.with_name(target.name + ".tmp")
    try:
        shutil.copyfile(seed, tmp)
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise _folder_error(target.parent, exc) from exc
    log.info("installed seed database %s → %s", seed, target)


def set_aside_corrupt(path: Path) -> Path:
    """Move a damaged database (and its WAL/SHM files) aside as `*.corrupt-<timestamp>`."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    moved = path.with_name(f"{path.name}.corrupt-{stamp}")
    os.replace(path, moved)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            os.replace(side, moved.with_name(moved.name + suffix))
    damage_marker(path).unlink(missing_ok=True)
    log.warning("database %s was damaged and set aside as %s", path, moved)
    return moved


def _probe_sqlite(engine: Engine, *, on_network: bool = False) -> None:
    """Cheap open-time check: a damaged header or schema fails here (full checks: `integrity_check`).
    Then the journal: WAL, or on a network share the rollback journal (`open_database`)."""
    with engine.connect() as conn:
        conn.execute(text("SELECT count(*) FROM sqlite_master")).scalar()
        if is_read_only(engine):
            return
        wanted = "delete" if on_network else "wal"
        try:
            mode = _set_journal_mode(conn, wanted)
        except OperationalError as exc:
            if on_network and "locked" in str(exc).lower() and engine.url.database:
                raise _network_in_use_error(Path(engine.url.database)) from exc
            raise
        if mode != wanted:
            log.info("journal mode is %s (%s not available here)", mode, wanted.upper())


def _network_in_use_error(path: Path) -> DataFolderError:
    """A file on a share that another program keeps open in WAL mode (another computer, or the
    computer serving the share, using it as a local folder): it cannot be switched to the rollback
    journal, and opening it alongside could damage it."""
    return DataFolderError(
        f"数据文件夹在网络驱动器上，数据库文件 {path} 正被另一台计算机或另一个程序使用。同一时间只能有一台计算机使用"
        "这个数据文件夹：请关闭其他计算机上的 ipdesk 后重试。",
        f"The data folder is on a network drive and the database file {path} is in use by another computer or "
        "program. Only one computer at a time may use this data folder: close ipdesk on the other computer "
        "and try again.",
    )


def _set_journal_mode(conn: Connection, mode: str, attempts: int = 100) -> str:
    """Switch a file to `mode` (WAL, or DELETE on a share; a no-op once it is). Switching needs the
    file to itself, and SQLite answers "database is locked" at once, without waiting, when another
    process opens it in the same instant: the window, the kiosk and a scheduled sync starting
    together on a new data folder. So it is asked again a moment later (up to ~5 s, as the busy
    timeout)."""
    for attempt in range(attempts):
        try:
            return str(conn.exec_driver_sql(f"PRAGMA journal_mode = {mode.upper()}").scalar())
        except OperationalError as exc:
            if "locked" not in str(exc).lower() or attempt == attempts - 1:
                raise
            conn.rollback()
            time.sleep(0.05)
    raise AssertionError("unreachable")


def integrity_check(engine: Engine) -> str:
    with engine.connect() as conn:
        return str(conn.exec_driver_sql("PRAGMA quick_check").scalar())


def _create_local_schema(engine: Engine) -> None:
    """Tables and columns this version needs, made in one write transaction taken at once (BEGIN
    IMMEDIATE): the window, the kiosk and a scheduled sync starting together on a folder with no
    local store each looked for the tables, found none and created them, and all but the first
    stopped ("table saved_search already exists", or "database is locked" when a read lock could
    not be upgraded). Now the others wait for the first (the busy timeout), then find them made."""
    with engine.connect() as conn:
        version = int(conn.exec_driver_sql("PRAGMA user_version").scalar() or 0)
        if version > LOCAL_SCHEMA_VERSION:
            raise newer_version_error(_database_name(engine), str(version), str(LOCAL_SCHEMA_VERSION), local=True)
        if version == LOCAL_SCHEMA_VERSION and not _local_schema_missing(conn):
            conn.rollback()
            return  # current: nothing written (a store on a read-only medium opens too)
        conn.rollback()
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        version = int(conn.exec_driver_sql("PRAGMA user_version").scalar() or 0)
        if version > LOCAL_SCHEMA_VERSION:
            conn.rollback()
            raise newer_version_error(_database_name(engine), str(version), str(LOCAL_SCHEMA_VERSION), local=True)
        LocalBase.metadata.create_all(conn)
        _add_missing_local_columns(conn)
        if version < LOCAL_SCHEMA_VERSION:
            conn.exec_driver_sql(f"PRAGMA user_version = {LOCAL_SCHEMA_VERSION}")
        conn.commit()


def _local_schema_missing(conn: Connection) -> bool:
    """Whether a local table or a column added since is missing (read only)."""
    for table in LocalBase.metadata.sorted_tables:
        present = {row[1] for row in conn.exec_driver_sql(f"PRAGMA table_info({table.name})")}
        if not present or any(column.name not in present for column in table.columns):
            return True
    return False


def ensure_local_schema(engine: Engine) -> None:
    """Bring a local store to this version's schema (tables and columns added since; rows kept):
    after a restore from an older backup, as at every open."""
    _create_local_schema(engine)


def _add_missing_local_columns(conn: Connection) -> None:
    """Columns added to the local tables since a store was made (each with a default, so an older
    ipdesk still reads and writes the file): added in place, the rows kept."""
    for table in LocalBase.metadata.sorted_tables:
        present = {row[1] for row in conn.exec_driver_sql(f"PRAGMA table_info({table.name})")}
        for column in table.columns:
            if column.name not in present and column.server_default is not None:
                default = column.server_default.arg  # type: ignore[attr-defined]
                conn.exec_driver_sql(
                    f"ALTER TABLE {table.name} ADD COLUMN {column.name} "
                    f"{column.type.compile(conn.dialect)} NOT NULL DEFAULT '{default}'")
                log.info("local store: added %s.%s", table.name, column.name)


def open_local_store(data_dir: Path, *, on_network: bool = False) -> Database:
    """Open (creating it empty on first run) the local store in `data_dir`. A damaged file is set
    aside and reported; opening again then starts an empty one. `on_network`: the folder is on a
    network share (see `open_database`)."""
    path = data_dir / LOCAL_DB_FILENAME
    # A file this process may not write (copied from a CD with the data folder, the read-only attribute):
    # opened for reading as a read-only registry is (`_read_only_engine`), so that searches, the wizards, `info`
    # and backups work; each write to it says the file is read-only (`_read_only_write_error(local=True)`).
    read_only = _read_only_engine(path)
    if read_only is None:
        _check_file_writable(path)
    engine = read_only or make_engine(sqlite_url(path), on_network=on_network)
    if read_only is None:
        # Clients' names and what they asked: a deleted entry is overwritten, not left in free space
        # (个人信息保护法 Art. 47; ReportsService.delete_entries).
        event.listen(engine, "connect", secure_delete)
    try:
        _probe_sqlite(engine, on_network=on_network)
        _check_marked(engine, path)
        _create_local_schema(engine)  # current: nothing written; else a read-only file is refused below
    except DataFolderError:  # written by a newer ipdesk: not opened, the file let go
        engine.dispose()
        raise
    except (DatabaseError, OperationalError) as exc:
        engine.dispose()
        _set_aside_if_damaged(path, exc, lambda moved: (
            f"本机服务台账文件已损坏，已移到 {moved}。可以新建一个空的服务台账继续工作；"
            "原有记录留在该文件中，可请技术人员恢复。",
            f"The local service-record file is damaged and was moved to {moved}. You can go on with "
            "a new, empty service record; the earlier entries stay in that file for a technician to recover.",
        ), local=True)
        if _is_read_only(exc):
            raise _read_only_error(path) from exc
        if is_disk_full(exc):
            raise _disk_full_error(data_dir, path) from exc
        raise
    _watch_for_damage(engine, path, local=True)
    return Database(engine=engine, path=path, data_dir=data_dir, index_hooks=False, on_network=on_network,
                    read_only=read_only is not None)


def _set_aside_if_damaged(path: Path, exc: DatabaseError, messages: Callable[[str], tuple[str, str]], *,
                          local: bool = False) -> None:
    """A damaged database file is moved aside and reported (CorruptDatabaseError with the words
    `messages(moved file name)`); any other error is left to the caller."""
    if not _is_corruption(exc):
        return
    try:
        moved = set_aside_corrupt(path)
    except OSError as move_error:  # Windows: another ipdesk (a scheduled `ipdesk sync`) has it open
        raise DataFolderError(
            f"数据库文件已损坏，但现在无法移开：{path}（{os_reason(move_error).zh}）。请关闭其他正在运行的 ipdesk 后重试。",
            f"The database file is damaged but cannot be moved aside now: {path} ({os_reason(move_error).en}). "
            "Close any other running ipdesk and try again.",
            detail=str(exc.orig) if exc.orig else "",
        ) from exc
    zh, en = messages(moved.name)
    raise CorruptDatabaseError(zh, en, moved_to=str(moved), detail=str(exc.orig) if exc.orig else "",
                               local=local) from exc


_LOCAL_MOVE_ORDER = ("report_archive", "service_record", "saved_search")  # referenced rows first


def move_local_rows(conn: Connection, local_store: Path | None) -> int:
    """Copy the local-only rows of a database from before the local store into `local_store`, ids
    kept (migration 0003, which then drops the tables). The copy commits, fsynced, before the drop;
    a run cut short in between copies again, and rows already there are skipped, so none is lost or
    doubled."""
    present = {t for t in _LOCAL_MOVE_ORDER if sqlalchemy_inspect(conn).has_table(t)}
    old_columns = {t: {c["name"] for c in sqlalchemy_inspect(conn).get_columns(t)} for t in present}
    # the columns those tables had (a column added to the local store since gets its default)
    columns = {t: ", ".join(f'"{c.name}"' for c in LocalBase.metadata.tables[t].columns if c.name in old_columns[t])
               for t in _LOCAL_MOVE_ORDER if t in present}
    # as stored (text dates stay exactly as they were written)
    rows = {t: [tuple(r) for r in conn.exec_driver_sql(f"SELECT {cols} FROM {t} ORDER BY id")]
            for t, cols in columns.items()}
    count = sum(len(r) for r in rows.values())
    if not count:
        return 0
    if local_store is None:
        raise RuntimeError("local records to move, but no local store was named")
    engine = make_engine(sqlite_url(local_store))
    try:
        _create_local_schema(engine)
        with engine.connect() as local:
            local.exec_driver_sql("PRAGMA synchronous = FULL")  # durable before the drop that follows
            local.commit()
            with local.begin():
                for name, cols in columns.items():
                    if rows[name]:
                        marks = ", ".join("?" * len(rows[name][0]))
                        local.exec_driver_sql(f"INSERT OR IGNORE INTO {name} ({cols}) VALUES ({marks})", rows[name])
    finally:
        engine.dispose()
    log.info("moved %d local records into %s", count, local_store)
    return count


def open_database(data_dir: Path | None = None, url: str | None = None, *, seed: Path | None = None,
                  on_network: bool | None = None) -> Database:
    """Open (creating from the seed on first run) and migrate the store.

    `on_network`: whether the data folder is on a network share (None: found out,
    `storage_place.data_folder_on_network`). There SQLite's WAL does not work (its index is memory
    shared by the processes of one computer), so both databases are opened with a rollback journal
    (journal_mode DELETE), every commit synced (`network_pragmas`); the caller tells the user that
    one computer at a time may use the folder (`Database.on_network`).

    Raises DataFolderError for an unwritable or full folder and CorruptDatabaseError (after setting
    the file aside) for a damaged one; the caller offers to start again from the seed.
    """
    data_dir = data_dir or default_data_dir()
    _check_writable(data_dir)
    if on_network is None:
        from ipdesk.services.storage_place import data_folder_on_network

        on_network = data_folder_on_network(data_dir)
    if on_network:
        log.warning("the data folder %s is on a network drive: databases opened with a rollback journal "
                    "(no WAL); one computer at a time may use it", data_dir)
    local = open_local_store(data_dir, on_network=on_network)
    try:
        return _open_registry(data_dir, url, seed, local)
    except BaseException:
        local.close()
        raise


def _open_registry(data_dir: Path, url: str | None, seed: Path | None, local: Database) -> Database:
    assert local.path is not None
    if url and not url.startswith("sqlite"):
        engine = make_engine(url)
        migrate(engine, local.path, lock_dir=data_dir)
        return Database(engine=engine, path=None, data_dir=data_dir, local=local, on_network=local.on_network)
    path = data_dir / DB_FILENAME
    if url:
        path = Path(url.split("///", 1)[1])
    if not path.exists():
        install_seed(path, seed)
    read_only = _read_only_engine(path)
    if read_only is None:
        _check_file_writable(path)
    on_network = local.on_network
    engine = read_only or make_engine(sqlite_url(path), on_network=on_network)
    try:
        _check_is_registry(engine, path)  # first: another program's file is set aside as it was
        _probe_sqlite(engine, on_network=on_network)
        if read_only is not None:
            if schema_revision(engine) != SCHEMA_HEAD:
                refuse_if_newer(engine)
                raise _read_only_upgrade_error(path)
        else:
            _check_marked(engine, path)
            migrate(engine, local.path, lock_dir=data_dir)
    except (DatabaseError, OperationalError) as exc:
        engine.dispose()
        _set_aside_if_damaged(path, exc, lambda moved: (
            f"数据库文件已损坏，已移到 {moved}。可以从内置数据重新开始（之后再同步数据更新）；"
            f"本机的服务台账和报告存档保存在单独的文件 {LOCAL_DB_FILENAME} 中，不受影响。",
            f"The database file is damaged and was moved to {moved}. You can start again from "
            f"the built-in data (and sync the data updates again); the service record and report archive "
            f"are kept in a separate file, {LOCAL_DB_FILENAME}, and are not affected.",
        ))
        if _is_read_only(exc):
            raise _read_only_error(path) from exc
        if is_disk_full(exc):
            raise _disk_full_error(data_dir, path) from exc
        raise
    except DataFolderError:
        engine.dispose()
        raise
    _watch_for_damage(engine, path, local=False)
    return Database(engine=engine, path=path, data_dir=data_dir, local=local, read_only=read_only is not None,
                    on_network=on_network)


def _is_read_only(exc: BaseException) -> bool:
    return "readonly" in str(exc).lower() or "read-only" in str(exc).lower()


# Tables only an ipdesk registry has (any one of them, or alembic_version, makes a file ipdesk's)
REGISTRY_TABLES = ("division", "geo_indication", "gi_area", "patent", "trademark", "class_node", "dataset",
                   "search_doc")


def _check_is_registry(engine: Engine, path: Path) -> None:
    """A registry file with no ipdesk schema at all (a 0-byte file left by a cut-short copy or a sync
    tool, another program's SQLite file) was migrated in place to an empty registry: every answer was
    then "nothing", and a valid township code "unknown". It is damaged as far as ipdesk goes: set aside
    (never deleted) like a corrupt file, and the built-in data offered. A file holding any ipdesk
    table is never touched here."""
    with engine.connect() as conn:
        names = {str(r[0]) for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "alembic_version" in names or names & set(REGISTRY_TABLES):
        return
    what = f"{plural(len(names), 'table', 'tables')} of another program" if names else "empty"
    raise DatabaseError("ipdesk schema check", None,
                        sqlean.DatabaseError(f"file is not a database of ipdesk: {path.name} is {what}"))


def _is_corruption(exc: BaseException) -> bool:
    msg = str(exc).lower()
    return any(s in msg for s in ("not a database", "malformed", "corrupt", "file is encrypted"))


def damage_marker(path: Path) -> Path:
    """Left beside a database found damaged while in use (`_watch_for_damage`): the next open checks
    the whole file (the cheap open-time probe reads only its first pages) and sets it aside."""
    return path.with_name(path.name + ".damaged")


def _check_marked(engine: Engine, path: Path) -> None:
    marker = damage_marker(path)
    if not marker.exists():
        return
    try:
        with engine.connect() as conn:
            result = conn.exec_driver_sql("PRAGMA quick_check(1)").scalar()
    except DatabaseError as exc:  # e.g. "vtable constructor failed": the damage stops the check itself
        result = str(exc.orig or exc)
    if result != "ok":
        raise DatabaseError("PRAGMA quick_check", None, sqlean.DatabaseError(f"database disk image is malformed: {result}"))
    log.warning("database %s was marked damaged but passes quick_check; marker removed", path)
    marker.unlink(missing_ok=True)


def _damage_error(path: Path, exc: BaseException, *, local: bool) -> CorruptDatabaseError:
    """Marks `path` for the check at the next start and says so in both languages."""
    with contextlib.suppress(OSError):
        damage_marker(path).write_text(f"{dt.datetime.now().isoformat()} {exc}\n", encoding="utf-8")
    log.error("database %s found damaged while in use: %s", path, exc)
    what_zh, what_en = ("本机服务台账文件", "The local service-record file") if local else ("数据库文件", "The database file")
    keeps_zh, keeps_en = (("原有记录会留在移开的文件中。", "The earlier entries stay in the moved file.") if local else
                          ("服务台账保存在单独的文件中，不受影响。", "The service record is in a separate file and is not affected."))
    return CorruptDatabaseError(
        f"{what_zh}已损坏（读取时发现）。请关闭 ipdesk 后重新打开：启动时会检查这个文件，损坏的会被移开，"
        f"可以从内置数据重新开始。{keeps_zh}",
        f"{what_en} is damaged (found while reading it). Close ipdesk and open it again: it then checks the "
        f"file, moves a damaged one aside and can start again from the built-in data. {keeps_en}",
        detail=str(exc), local=local,
    )


def _watch_for_damage(engine: Engine, path: Path, *, local: bool) -> None:
    """Damage inside the file (a bad sector, a torn copy) shows only when a query reaches it: say so
    in both languages instead of a driver error, and mark the file for the check at the next start."""

    def on_error(context: Any) -> None:
        exc = context.original_exception
        if exc is not None and _is_corruption(exc):
            raise _damage_error(path, exc, local=local)
        if exc is not None and is_read_only(engine) and _is_read_only(exc):
            raise _read_only_write_error(path, local=local)

    event.listen(engine, "handle_error", on_error)


def raise_if_damaged(engine: Engine, exc: BaseException) -> None:
    """The same for code that talks to the driver directly (the search's raw cursors bypass
    SQLAlchemy's error hook): a corruption error becomes CorruptDatabaseError; anything else returns."""
    database = engine.url.database
    if database and database != ":memory:" and _is_corruption(exc):
        raise _damage_error(Path(database), exc, local=False) from exc


def reset_from_seed(data_dir: Path, seed: Path | None = None) -> Database:
    """Start again from the bundled seed after a corrupt file was set aside."""
    return open_database(data_dir, seed=seed)


class RegistryWriteLock:
    """One bulk write of the registry database at a time per data folder.

    An import's merge and a data update's apply each hold SQLite's write lock for their whole
    transaction (a minute or more for a million records), far longer than the busy timeout, so the
    second of them would fail with "database is locked". It waits here instead: `waiting` is called
    once when it has to wait (to say so), and `check` while it waits (it raises to cancel)."""

    POLL_SECONDS = 0.25

    def __init__(self, data_dir: Path) -> None:
        self._lock = FileLock(str(data_dir / "registry-write.lock"))

    @contextmanager
    def hold(self, *, waiting: Callable[[], None] | None = None,
             check: Callable[[], None] | None = None) -> Iterator[None]:
        told = False
        while True:
            try:
                self._lock.acquire(timeout=self.POLL_SECONDS)
                break
            except Timeout:
                if not told:
                    told = True
                    log.info("waiting for another import or data update to finish writing")
                    if waiting is not None:
                        waiting()
                if check is not None:
                    check()
        try:
            yield
        finally:
            self._lock.release()


@contextmanager
def bulk_registry_write(engine: Engine, data_dir: Path, *, waiting: Callable[[], None] | None = None,
                        check: Callable[[], None] | None = None) -> Iterator[None]:
    """Around one big write of the registry database (an import's merge, a data update's apply):
    one such writer at a time (RegistryWriteLock: the second waits, and may be cancelled while it
    waits), and afterwards the WAL's space given back (`shrink_wal`). A read-only database is
    refused before anything waits."""
    refuse_if_read_only(engine)
    with RegistryWriteLock(data_dir).hold(waiting=waiting, check=check):
        yield
        shrink_wal(engine)


class InstanceLock:
    """One interactive ipdesk per data folder; a second is told politely, nothing is touched."""

    def __init__(self, data_dir: Path) -> None:
        self._lock = FileLock(str(data_dir / "ipdesk.lock"))

    def acquire(self) -> None:
        try:
            self._lock.acquire(timeout=0.2)
        except Timeout as exc:
            raise AlreadyRunningError(
                "ipdesk 已经在运行（同一数据文件夹）。请切换到已打开的窗口。",
                "ipdesk is already running with this data folder. Switch to the open window.",
            ) from exc

    def release(self) -> None:
        self._lock.release()
