"""A report file reaches the disk whole, or is treated as not written.

Qt's PDF writer does not report a failed write: a full disk, a file-size limit (FAT32's 4 GB, a
quota) or a network drive that drops leaves a PDF cut short, and nothing says so. The PDF is
therefore made in memory and written here by Python (which raises OSError), and every report file
is checked for its end (a PDF's `%%EOF`, a Word or Excel file's zip directory) before it is renamed,
archived or logged.
"""

from __future__ import annotations

import errno
import io
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

from ipdesk.domain.i18n import Text
from ipdesk.domain.shown_text import quoted_name
from ipdesk.services.errors import UserInputError, os_error_code, os_reason


class IncompleteFileError(OSError):
    """A file was written without an error but is not whole (a writer that does not report errors)."""


class TemporaryFolderError(OSError):
    """A library's temporary file could not be written (the system's temporary folder: its disk is
    full, or a file-size limit), not the report's own."""


INCOMPLETE = Text("文件没有完整写入：磁盘可能已满，或文件超出了磁盘允许的大小",
                  "the file was not written completely: the disk may be full, or the file larger than the disk allows")


def pdf_is_complete(data: bytes) -> bool:
    """Whether `data` is a whole PDF: it starts as one and ends with `%%EOF` (a cut-short file has
    neither its cross-reference table nor that last line)."""
    return data.startswith(b"%PDF-") and data.rstrip(b"\r\n\t \x00").endswith(b"%%EOF")


def check_complete(path: Path, fmt: str) -> None:
    """Raise IncompleteFileError when the file at `path` (a report in `fmt`) is not whole."""
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise IncompleteFileError(errno.ENOENT, f"the {fmt} file was not written", str(path)) from exc
    if fmt == "pdf":
        with path.open("rb") as fh:
            head = fh.read(8)
            fh.seek(max(0, size - 1024))
            tail = fh.read()
        if not pdf_is_complete(head + b"\n" + tail if size > 1024 else tail):
            raise IncompleteFileError(errno.EIO, "the PDF file is incomplete (no %%EOF at its end)", str(path))
    elif fmt in ("docx", "xlsx") and not zipfile.is_zipfile(path):
        raise IncompleteFileError(errno.EIO, f"the {fmt} file is incomplete (no zip directory at its end)", str(path))


def write_bytes_synced(path: Path, data: bytes) -> None:
    """Write `data` to `path` and flush it to the disk; a write that fails (a full disk, a file-size
    limit) raises OSError and leaves no file at `path`."""
    try:
        with path.open("wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if path.stat().st_size != len(data):
            raise IncompleteFileError(errno.EIO, f"{path.stat().st_size} of {len(data)} bytes written", str(path))
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def save_through_memory(save: Callable[[IO[bytes]], object], path: Path) -> None:
    """Let `save` (a library's `save(stream)`) write into memory, then write the bytes to `path`:
    openpyxl writes through lxml, which turns a failed write (a full disk, a file-size limit) into
    `SerialisationError: IO_EFBIG`, no OSError. A report or ledger is at most a few MB."""
    buffer = io.BytesIO()
    try:
        save(buffer)
    except Exception as exc:  # openpyxl's sheets go through temporary files first
        if type(exc).__name__ != "SerialisationError" or not str(exc).startswith("IO_"):
            raise
        code = getattr(errno, str(exc)[3:], errno.EIO)
        raise TemporaryFolderError(code, os.strerror(code), tempfile.gettempdir()) from exc
    write_bytes_synced(path, buffer.getvalue())


def sync_file(path: Path) -> None:
    """Flush a file another library wrote (python-docx, openpyxl) to the disk before it is renamed."""
    with path.open("r+b") as fh:
        os.fsync(fh.fileno())


def write_reason(exc: BaseException, folder: Path | None = None) -> Text:
    """Why a report file could not be written, in both languages; a full disk also says how much is
    free on it (a file-size limit, EFBIG, can fail next to plenty of free space)."""
    reason = INCOMPLETE if isinstance(exc, IncompleteFileError) else os_reason(exc, writing=True)
    if isinstance(exc, TemporaryFolderError):
        folder = Path(exc.filename or tempfile.gettempdir())
        reason = Text(f"临时文件夹 {quoted_name(folder)} 无法写入：{reason.zh}", f"the temporary folder {quoted_name(folder)} cannot be written: "
                      f"{reason.en}")
    if os_error_code(exc) == errno.ENOSPC and folder is not None:
        try:
            free = shutil.disk_usage(folder).free // (1 << 20)
        except OSError:
            return reason
        return Text(f"{reason.zh}，可用 {free} MB", f"{reason.en}, {free} MB free")
    return reason


def print_file_error(path: Path, exc: BaseException) -> UserInputError:
    """A printout sent to a PDF file ("Print to File") that was not written whole (and was removed)."""
    why = write_reason(exc, path.parent)
    return UserInputError(
        f"打印到文件没有完成：{quoted_name(path)}（{why.zh}）。不完整的文件已删除。请释放一些空间或换一个位置后再打印。",
        f"Printing to the file {quoted_name(path)} did not finish ({why.en}). The incomplete file was removed. Free some "
        "space or choose another place, then print again.",
        detail=str(exc),
    )
