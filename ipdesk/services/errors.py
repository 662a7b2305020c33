"""Typed errors that carry a message a person can act on, in both languages.

Services raise these; the UI and the CLI show `message(lang)` and never a traceback.
"""

from __future__ import annotations

import errno
import zipfile
import zlib

from ipdesk.domain.i18n import Text

# What Python's zipfile raises for an archive, or a member of one, that it cannot read: damaged
# (BadZipFile, zlib's error, EOFError), a later ZIP version or a compression it lacks
# (NotImplementedError: Windows' Deflate64, 7-Zip's PPMd), encrypted (RuntimeError), nonsense in a
# header (ValueError). OSError (the disk, the stick pulled out) is left to the caller.
ZIP_READ_ERRORS: tuple[type[Exception], ...] = (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError,
                                                NotImplementedError, ValueError)


class IpdeskError(Exception):
    """Base of every error ipdesk expects and explains."""

    exit_code = 1

    def __init__(self, zh: str, en: str, *, detail: str = "") -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en
        self.detail = detail

    def message(self, lang: str = "zh_CN") -> str:
        """What a person reads. `detail` (a driver's or a server's own words, in English) is for the
        log (the CLI writes it there, and the window's task runner does), not for this sentence."""
        return self.en if lang.startswith("en") else self.zh


class UserInputError(IpdeskError):
    """The request itself is wrong (empty query, unknown code): exit status 2."""

    exit_code = 2


class DataFolderError(IpdeskError):
    """The data folder cannot be written or read (read-only, full disk, permissions)."""

    exit_code = 3


class NewerVersionError(DataFolderError):
    """A database in the data folder was written by a newer ipdesk than this one (the registry's
    schema revision, or the local store's format, is one this version does not know): it is not
    opened, nothing is changed. Happens when a centre goes back to an older installer (the
    uninstaller keeps the data folder). `local`: the local store (then nothing can be backed up
    either); otherwise only the registry, and `ipdesk backup` still saves the local records. Exit
    status 7: `ipdesk kiosk supervise` does not restart a shell that stopped for this."""

    exit_code = 7

    def __init__(self, zh: str, en: str, *, local: bool, detail: str = "") -> None:
        super().__init__(zh, en, detail=detail)
        self.local = local


class CorruptDatabaseError(IpdeskError):
    """A database file is damaged; it has been set aside. `local`: the local store (the service
    record), not the registry database (which the built-in data replace)."""

    exit_code = 4

    def __init__(self, zh: str, en: str, *, moved_to: str = "", detail: str = "", local: bool = False) -> None:
        super().__init__(zh, en, detail=detail)
        self.moved_to = moved_to
        self.local = local


class AlreadyRunningError(IpdeskError):
    """Another ipdesk process holds the data folder."""

    exit_code = 5


class IndexBuildError(IpdeskError):
    """A worker process making search-index documents stopped (killed, out of memory): the write
    it belonged to was rolled back."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(
            "建立搜索索引的后台进程意外停止，本次没有写入任何数据。请重试；若再次发生，请关闭其他程序以释放内存。",
            "A background process building the search index stopped unexpectedly; nothing was written. "
            "Try again; if it happens again, close other programs to free memory.",
            detail=detail,
        )


class DatabaseBusyError(IpdeskError):
    """The database stayed locked by another writer for longer than SQLite waits (`db.BUSY_TIMEOUT_MS`):
    a data update's apply or an import holds it. Happens to a reader only where readers must wait for
    writers (a data folder on a network share runs with a rollback journal, not WAL), and to a second
    writer anywhere. Nothing was changed; the same request succeeds once the write has ended, so
    exit status 75 (EX_TEMPFAIL: a script may try again later)."""

    exit_code = 75

    def __init__(self, detail: str = "") -> None:
        super().__init__(
            "数据库正忙于另一项写入（数据更新或导入），这次操作没有完成，也没有做任何更改。请稍候片刻再试。",
            "The database is busy with another write (a data update or an import): this step did not run and "
            "nothing was changed. Try again in a moment.",
            detail=detail,
        )


# SQLite's primary result codes for "locked by another connection" and "locked by this connection's
# other statement" (the extended codes keep them in the low byte).
_SQLITE_BUSY, _SQLITE_LOCKED = 5, 6


def _is_busy(exc: BaseException) -> bool:
    """The driver's error (sqlite3's or sqlean's, which carry SQLite's result code) for a lock."""
    code = getattr(exc, "sqlite_errorcode", None)
    return isinstance(code, int) and code & 0xFF in (_SQLITE_BUSY, _SQLITE_LOCKED)


def as_expected(exc: BaseException) -> BaseException:
    """`exc`, or the IpdeskError that explains it when it is one ipdesk knows the cause of (so far: a
    database that stayed locked). SQLAlchemy's wrapper, the driver's own error and the errors they were
    raised from are all looked at; the original stays the new error's cause, for the log."""
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        current = todo.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, IpdeskError):
            return exc
        if _is_busy(current):
            busy = DatabaseBusyError(detail=str(current))
            busy.__cause__ = exc
            return busy
        orig = getattr(current, "orig", None)
        todo.extend([orig if isinstance(orig, BaseException) else None, current.__cause__, current.__context__])
    return exc


# Why a file could not be read or written, in words a person reads, one language at a time: the
# OS's own strerror is English ("No such file or directory"), which must not sit in a Chinese sentence.
# EFBIG: not a full disk (QA: "disk full" next to 55 GB free) but a file-size limit, in practice a
# FAT32 USB stick or drive (a quota says EDQUOT, below)
FILE_TOO_LARGE = Text("文件超出了这个磁盘允许的大小（FAT32 格式的磁盘单个文件最大 4 GB），请改用 NTFS 或 exFAT 格式的磁盘",
                      "the file is too large for this drive (FAT32 holds files up to 4 GB): use an NTFS/exFAT drive")
_ENOENT_WRITING = Text("文件夹不存在，或不能在其中新建文件", "the folder does not exist, or no file can be made in it")
_OS_REASONS: dict[int, Text] = {
    errno.ENOENT: Text("找不到该文件或文件夹", "no such file or folder"),
    errno.EACCES: Text("没有访问权限", "permission denied"),
    errno.EPERM: Text("没有访问权限", "permission denied"),
    errno.ENOSPC: Text("磁盘已满", "the disk is full"),
    errno.EFBIG: FILE_TOO_LARGE,
    errno.EROFS: Text("磁盘是只读的（U 盘可能处于写保护状态）", "the disk is read-only (a write-protected USB stick?)"),
    errno.EISDIR: Text("这是一个文件夹，不是文件", "it is a folder, not a file"),
    errno.ENOTDIR: Text("路径中的某一级不是文件夹", "a part of the path is not a folder"),
    errno.EEXIST: Text("已有同名的文件", "a file of that name already exists"),
    errno.ENAMETOOLONG: Text("文件名或路径太长", "the file name or path is too long"),
    errno.EBUSY: Text("文件正被使用", "the file is in use"),
    errno.EIO: Text("读写磁盘出错（U 盘是否已拔出？）", "a disk read or write error (was the USB stick pulled out?)"),
    errno.EINVAL: Text("文件名或路径无效", "the file name or path is not valid"),
}
for _name in ("EDQUOT",):  # not on every platform
    if hasattr(errno, _name):
        _OS_REASONS[getattr(errno, _name)] = Text("磁盘配额已用完", "the disk quota is used up")
_BY_TYPE: tuple[tuple[type[OSError], int], ...] = (  # an OSError made without an errno
    (FileNotFoundError, errno.ENOENT), (PermissionError, errno.EACCES), (IsADirectoryError, errno.EISDIR),
    (NotADirectoryError, errno.ENOTDIR), (FileExistsError, errno.EEXIST),
)


# Windows' own error codes (OSError.winerror), more precise than the errno Python derives from them:
# a file open in another program and a write-protected stick both arrive as EACCES, "permission denied"
# (QA 19e W4). Read first where there is one (on Windows only).
_WINDOWS_REASONS: dict[int, Text] = {
    32: Text("文件正被其他程序使用（如 WPS、PDF 阅读器或杀毒软件），请关闭后再试",
             "the file is in use by another program (WPS, a PDF reader or a virus scanner): close it and try again"),
    19: _OS_REASONS[errno.EROFS],  # ERROR_WRITE_PROTECT
    21: Text("磁盘未就绪（U 盘是否已拔出？）", "the drive is not ready (was the USB stick pulled out?)"),
    39: _OS_REASONS[errno.ENOSPC],  # ERROR_HANDLE_DISK_FULL
    112: _OS_REASONS[errno.ENOSPC],  # ERROR_DISK_FULL
    206: _OS_REASONS[errno.ENAMETOOLONG],  # ERROR_FILENAME_EXCED_RANGE
    223: FILE_TOO_LARGE,  # ERROR_FILE_TOO_LARGE
    1117: _OS_REASONS[errno.EIO],  # ERROR_IO_DEVICE
}
_WINDOWS_REASONS[33] = _WINDOWS_REASONS[32]  # ERROR_LOCK_VIOLATION: a part of it is locked by another program


def os_error_code(exc: BaseException) -> int | None:
    """The errno of an OSError, from its type when it was made without one."""
    if not isinstance(exc, OSError):
        return None
    if exc.errno is not None:
        return int(exc.errno)
    return next((code for kind, code in _BY_TYPE if isinstance(exc, kind)), None)


def os_reason(exc: BaseException, *, writing: bool = False) -> Text:
    """Why a file operation failed, in both languages (the one place for this mapping). `writing`:
    the operation made a file, so "not found" means its folder (e.g. `--out /nonexist/a.zip`)."""
    winerror = getattr(exc, "winerror", None)
    if isinstance(winerror, int) and winerror in _WINDOWS_REASONS:
        return _WINDOWS_REASONS[winerror]
    code = os_error_code(exc)
    if code == errno.ENOENT and writing:
        return _ENOENT_WRITING
    if code is not None and code in _OS_REASONS:
        return _OS_REASONS[code]
    if isinstance(exc, OSError):
        name = errno.errorcode.get(code, str(code)) if code is not None else ""
        en = (exc.strerror or str(exc) or "a system error").rstrip(".")
        return Text(f"系统错误 {name}" if name else "系统错误（详见日志）", en[:1].lower() + en[1:])
    return Text("读写出错（详见日志）", "a read or write error (see the log)")
