"""Writing a file the person chose (a report copy, a ledger, a template, an error list).

Written next to the target as `<name>.part` (a new file of its own: `fresh_part`) and renamed over it
at the end, so a failure leaves the old file (or none), never half of one. On Windows a file open in WPS, Excel or a PDF reader cannot
be replaced or opened for writing: the message then says that, instead of "Permission denied".
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

from ipdesk.domain.i18n import Text
from ipdesk.domain.shown_text import quoted_name, without_obeyed
from ipdesk.services.errors import UserInputError, os_reason


def cannot_write(out: Path, exc: OSError, what: Text) -> UserInputError:
    reason = os_reason(exc, writing=True)
    if getattr(exc, "winerror", None) in (19, 32, 33):  # Windows said why (in use, write-protected): no guessing
        return UserInputError(f"无法写入{what.zh}：{quoted_name(out)}（{reason.zh}）。", f"Cannot write the {what.en} to {quoted_name(out)} "
                              f"({reason.en}).", detail=str(exc))
    if out.exists() and isinstance(exc, PermissionError):
        return UserInputError(
            f"无法写入{what.zh}：{quoted_name(out)}（{reason.zh}）。这个文件可能正被其他程序（如 WPS、Excel 或 PDF 阅读器）打开："
            "请先关闭它再试，或换一个文件名。",
            f"Cannot write the {what.en} to {quoted_name(out)} ({reason.en}). The file may be open in another program (WPS, "
            "Excel or a PDF reader): close it and try again, or choose another name.",
            detail=str(exc),
        )
    return UserInputError(
        f"无法写入{what.zh}：{quoted_name(out)}（{reason.zh}）。请换一个位置。",
        f"Cannot write the {what.en} to {quoted_name(out)} ({reason.en}). Choose another place.",
        detail=str(exc),
    )


# Names Windows keeps for devices, whatever follows a dot ("NUL.txt.pdf" is NUL too): no file can have them.
_RESERVED = re.compile(r"(?:CON|PRN|AUX|NUL|CONIN\$|CONOUT\$|COM[0-9¹²³]|LPT[0-9¹²³])(?:\.|$)", re.IGNORECASE)
_NOT_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]')  # what Windows refuses in a file or folder name

# A full path Windows' own file calls (and Explorer, Office, WPS, Qt's file dialogs) take: MAX_PATH (260)
# less the closing NUL, counted in UTF-16 units (a CJK Extension B–H ideograph counts twice). A
# longPathAware program on a Windows 10+ with LongPathsEnabled may go past it; the others cannot open the file.
WINDOWS_MAX_PATH = 259
WINDOWS_MAX_NAME = 255  # one file or folder name (NTFS, FAT32 and exFAT alike), in UTF-16 units
STEM_LIMIT = 60  # a title as a file name: longer ones are cut (the start says what it is)
MIN_STEM = 8  # a name cut for a deep folder keeps at least this much; deeper, the write says "too long"
# room kept after a stem for `claim_name`'s "-2" … "-999" and the ".part" written first
_NAME_SPARE = len("-999") + len(".part")


def utf16_len(text: str) -> int:
    """Length of `text` as Windows counts it in paths: UTF-16 units."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def windows_name_problem(name: str) -> str | None:
    """Why Windows would refuse (or silently change) `name` as one file or folder name, else None:
    a reserved device name (also before an extension, any case), a character it forbids, a trailing
    dot or space (dropped by Windows, so "a." and "a" are one file), or too long."""
    if not name or name in (".", ".."):
        return "empty"
    if _NOT_IN_NAMES.search(name):
        return "forbidden character"
    if name[-1] in ". ":
        return "trailing dot or space"
    if _RESERVED.match(name.split(".", 1)[0].rstrip(" ") + "."):  # "con", "CON.pdf", "Con .txt"
        return "reserved device name"
    if utf16_len(name) > WINDOWS_MAX_NAME:
        return "longer than 255"
    return None


def windows_key(name: str) -> str:
    """`name` as Windows tells files apart: without regard to case (NTFS compares each UTF-16 unit
    upper-cased, one to one: "ß" is not "SS"). "reports/x/A.pdf" and "reports/x/a.pdf" are one file there."""
    return "".join(up if len(up := ch.upper()) == 1 else ch for ch in name)


def _case_twin(path: Path) -> bool:
    """Whether `path`'s folder has another entry of `path`'s name as Windows compares names (only on a
    file system that tells case apart: elsewhere `exists()` already said so)."""
    key = windows_key(path.name)
    try:
        return any(windows_key(entry) == key and entry != path.name for entry in os.listdir(path.parent))
    except OSError:
        return False


def same_file_there(path: Path) -> Path | None:
    """The entry of `path`'s folder that Windows would take for `path`: `path` itself, or one whose
    name differs only in case ("IPD-1.PDF" for "IPD-1.pdf"; on a file system that tells case apart both
    can be there, and the folder copied to Windows, or a backup restored there, keeps one). None when
    there is neither."""
    if path.exists():
        return path
    key = windows_key(path.name)
    try:
        twin = next((entry for entry in sorted(os.listdir(path.parent)) if windows_key(entry) == key), None)
    except OSError:
        return None
    return path.with_name(twin) if twin is not None else None


_MAX_PARTS = 1000
# rw for all the umask allows, as open() makes files (os.open's default, 0o777, made every report,
# backup and list executable)
FILE_MODE = 0o666


def fresh_part(target: Path, tag: str = "") -> Path:
    """A new, empty file beside `target` to write it in before it takes `target`'s name, made by an
    exclusive create, so that a write never opens, truncates or replaces another file: `<name>.part`
    (`<name>.<tag>.part` with a `tag`), or `<name>.2.part`, `.3.part` … when that name is taken, also by
    a file differing from it only in case (`NAME.PDF.PART`, the same file on Windows, FAT32 and exFAT:
    another writer's part, or one a write cut short left). The writer removes it on a failure; the
    clean-ups of parts left behind know every one of them by its `.part` ending. Raises OSError (the
    folder missing or not writable)."""
    stem = f"{target.name}.{tag}" if tag else target.name
    for n in range(1, _MAX_PARTS + 1):
        part = target.with_name(f"{stem}.part" if n == 1 else f"{stem}.{n}.part")
        if _case_twin(part):
            continue
        try:
            os.close(os.open(part, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE))
        except FileExistsError:
            continue
        return part
    raise FileExistsError(errno.EEXIST, "no free name for the file being written", str(target))


def is_part(name: str) -> bool:
    """Whether `name` is a file being written (`fresh_part`'s, any case: "X.PDF.PART" on Windows is one)."""
    return name.lower().endswith(".part")


def _cut(stem: str, units: int) -> str:
    """`stem` cut to at most `units` UTF-16 units, never in the middle of a character."""
    if utf16_len(stem) <= units:
        return stem
    out, used = [], 0
    for ch in stem:
        used += 2 if ord(ch) > 0xFFFF else 1
        if used > units:
            break
        out.append(ch)
    return "".join(out)


def _finished_stem(stem: str, fallback: str) -> str:
    stem = stem.rstrip("._")
    if not stem:
        return fallback
    head, dot, rest = stem.partition(".")
    if _RESERVED.match(stem):
        stem = f"{head}_{dot}{rest}"
    return stem


def safe_file_stem(text: str, fallback: str = "report") -> str:
    """A title as a file name's stem on any system: no \\ / : * ? " < > |, spaces, control or
    direction-override characters, no leading or trailing dot, at most 60 characters, and not a name
    Windows keeps for a device (CON, PRN, AUX, NUL, COM1–9, LPT1–9, also before an extension: `CON_`, `nul_.txt`)."""
    stem = re.sub(r'[\\/:*?"<>|\s]+', "_", text)  # a tab or a line break is a space
    # nor a direction override: a report "报告\u202egpj.pdf" shows in Explorer as "报告fdp.jpg"
    stem = without_obeyed(stem).strip("._")
    return _finished_stem(_cut(stem, STEM_LIMIT), fallback)


def fitted_name(folder: Path, text: str, suffix: str, fallback: str = "report") -> Path:
    """`folder/<safe_file_stem(text)><suffix>` with the stem cut further where the folder is deep, so that
    the whole path, with room for a "-2" … "-999" (`claim_name`) and the ".part" written first, stays
    within Windows' MAX_PATH: Explorer, Office and WPS cannot open a file past it (QA 23b). The stem
    keeps its start and at least `MIN_STEM` characters; a folder deeper than that gets a "path too long"
    message when written."""
    room = min(WINDOWS_MAX_PATH - utf16_len(os.path.abspath(folder)) - 1, WINDOWS_MAX_NAME)
    room -= utf16_len(suffix) + _NAME_SPARE
    stem = safe_file_stem(text, fallback)
    return folder / f"{_finished_stem(_cut(stem, max(room, MIN_STEM)), fallback)}{suffix}"


def unused_path(folder: Path, stem: str, suffix: str) -> Path:
    """`folder/stem.suffix`, or `stem-2.suffix`, `stem-3.suffix`… : a generated name never replaces a file."""
    path = folder / f"{stem}{suffix}"
    n = 2
    # nor one differing only in case from a file there ("abc.pdf" beside "ABC.pdf"): on Linux both can
    # be made, and the folder copied to a Windows computer (or a backup restored there) loses one
    while path.exists() or path.with_name(path.name + ".part").exists() or _case_twin(path):
        path = folder / f"{stem}-{n}{suffix}"
        n += 1
    return path


def claim_name(out: Path, *, next_free: bool) -> Path:
    """Take the name `out` atomically: an exclusive create of an empty file, which the finished file
    then replaces (`os.replace`). A check for an existing file followed by a rename lets two writers of
    the same moment (two backups of one minute, two reports into one folder) both pass the check, the
    second replacing the first. A name taken meanwhile raises FileExistsError, or with `next_free` the
    next free one after `out` (`-2`, `-3` …, as `unused_path`; never `-2-2`) is taken. Returns the name taken."""
    base = out
    if next_free and _case_twin(out):  # a name of our own making: not one differing only in case either
        out = unused_path(base.parent, base.stem, base.suffix)
    while True:
        try:
            os.close(os.open(out, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE))
            return out
        except FileExistsError:
            if not next_free:
                raise
            out = unused_path(base.parent, base.stem, base.suffix)


def drop_claim(claimed: Path | None) -> None:
    """Remove a name taken by `claim_name` for a file that then failed (still empty: nothing else wrote it)."""
    with contextlib.suppress(OSError):
        if claimed is not None and claimed.stat().st_size == 0:
            claimed.unlink()


def _article(kind: str) -> str:
    """"an XLSX file" (said ex-el-es-ex), "a PDF", "a DOCX", "a ZIP" (said as a word)."""
    return "an" if kind[:1] in ("A", "E", "I", "O", "X") else "a"


def refuse_windows_name(out: Path, what: Text) -> None:
    """Refuse, in words, a file name Windows cannot give a file, on every system (the file may go to a
    Windows computer next, and docs/installers.md promises it): a device's name ("CON.pdf"), one ending
    in a dot or a space, a character Windows forbids (报告:张三?.pdf, which Linux takes), or one too long."""
    name = out.name
    problem = windows_name_problem(name)
    if problem == "reserved device name":  # on Windows "CON.pdf" is the console, whatever the folder
        raise UserInputError(
            f"“{quoted_name(name)}”是 Windows 留给设备的名称（如 CON、NUL、COM1），不能作为{what.zh}的文件名：请换一个名称。",
            f"\"{quoted_name(name)}\" is a name Windows keeps for a device (such as CON, NUL or COM1) and cannot name the "
            f"{what.en}: choose another name.")
    if problem == "trailing dot or space":  # Windows drops them: "报告.pdf." would be written as "报告.pdf"
        raise UserInputError(
            f"{what.zh}的文件名“{quoted_name(name)}”以点或空格结尾，Windows 不允许：请去掉它。",
            f"The {what.en}'s file name \"{quoted_name(name)}\" ends in a dot or a space, which Windows does not allow: "
            "remove it.")
    if problem == "forbidden character":
        raise UserInputError(
            f"{what.zh}的文件名“{quoted_name(name)}”含有 Windows 不允许的字符（\\ / : * ? \" < > | 或控制字符）：请换掉它们。",
            f"The {what.en}'s file name \"{quoted_name(name)}\" holds a character Windows does not allow "
            "(\\ / : * ? \" < > | or a control character): replace it.")
    if problem == "longer than 255":
        raise UserInputError(
            f"{what.zh}的文件名太长（Windows 最多 {WINDOWS_MAX_NAME} 个字符）：请改短。",
            f"The {what.en}'s file name is too long (Windows allows at most {WINDOWS_MAX_NAME} characters): shorten it.")


def require_suffix(out: Path, suffix: str, what: Text, hint: Text | None = None) -> None:
    """A workbook named .csv, a Word file named .pdf, open in nothing useful: refuse them, and a name
    Windows cannot give a file (a device's, "CON.pdf"; one ending in a dot or a space) on every system,
    as the file may go to a Windows computer next. `hint`: a last clause for the message (", or use
    --format docx")."""
    if out.is_dir():
        raise UserInputError(f"{quoted_name(out)} 是一个文件夹：请给出{what.zh}的文件名（以 {suffix} 结尾）。",
                             f"{quoted_name(out)} is a folder: give the {what.en}'s file name (ending in {suffix}).")
    refuse_windows_name(out, what)
    if out.suffix.lower() != suffix:
        kind = suffix[1:].upper()
        given_zh = f"{quoted_name(out.name)} 的后缀是 {out.suffix}" if out.suffix else f"{quoted_name(out.name)} 没有后缀"
        given_en = f"{quoted_name(out.name)} ends in {out.suffix}" if out.suffix else f"{quoted_name(out.name)} has no suffix"
        raise UserInputError(
            f"{what.zh}是 {kind} 文件：文件名请以 {suffix} 结尾（{given_zh}）{hint.zh if hint else ''}。",
            f"The {what.en} is {_article(kind)} {kind} file: end its name in {suffix} ({given_en})"
            f"{hint.en if hint else ''}.",
        )


def json_bytes(obj: object, *, indent: int | None = None) -> bytes:
    """`obj` as UTF-8 JSON, Chinese as written (people open these files). When it holds a path whose bytes
    are not UTF-8 (a folder named in GBK on a UTF-8 Linux: Python holds those bytes as lone surrogates,
    which UTF-8 cannot hold), the file is written with \\u escapes instead: they read back as the same path."""
    try:
        return json.dumps(obj, ensure_ascii=False, indent=indent).encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(obj, indent=indent).encode("ascii")


def write_atomically(path: Path, data: bytes) -> None:
    """`data` as `path`'s whole contents, written beside it and renamed over it once on the disk: a power
    cut or a killed process leaves the old file or the new one, never half of one (the settings, the
    kiosk's PIN count, the unfinished-restore marker). The temporary file goes again on a failure."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        with tmp.open("wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())  # on the disk before the rename
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    if os.name == "posix":  # the rename itself durable (Windows has no directory handles to sync)
        with contextlib.suppress(OSError):
            folder = os.open(path.parent, os.O_RDONLY)
            try:
                os.fsync(folder)
            finally:
                os.close(folder)


def check_replaceable(out: Path, what: Text) -> None:
    """Fail before any work when `out` exists and cannot be opened for writing (on Windows: open in
    another program)."""
    if out.is_file():
        try:
            with out.open("r+b"):
                pass
        except OSError as exc:
            raise cannot_write(out, exc, what) from exc


class FileTakenError(UserInputError):
    """`path` was not to be replaced, and a file had that name when the finished file was to take it
    (made after any check before the work): it is left as it was, and the written file is gone."""

    def __init__(self, path: Path, zh: str, en: str) -> None:
        super().__init__(zh, en)
        self.path = path

    @classmethod
    def of(cls, path: Path, what: Text) -> FileTakenError:
        return cls(path, f"已有同名文件：{quoted_name(path)}。为免覆盖它，没有写入{what.zh}。",
                   f"A file of that name already exists: {quoted_name(path)}. The {what.en} was not written there, so that it "
                   "is not lost.")


def take_name(part: Path, out: Path) -> None:
    """Give the finished `part` the name `out` unless a file has it (FileExistsError, and `part` stays).

    A check for an existing file followed by a write or a rename lets a file made in between be
    replaced: the name has to be taken in one step that fails on an existing file. `os.replace` always
    replaces; `os.rename` refuses an existing target on Windows but replaces it on POSIX. A hard link
    (`os.link`, CreateHardLink on Windows) fails on an existing name on both, and gives the name the
    whole finished file at once. A file system without hard links (a FAT32 or exFAT stick, some network
    shares) takes the name by an exclusive create of an empty file (O_EXCL, CREATE_NEW on Windows)
    instead, which the finished file then replaces: only that empty file of ours is ever replaced."""
    try:
        os.link(part, out)
    except FileExistsError:
        raise
    except OSError:  # no hard links here (EPERM, ENOTSUP, or ERROR_INVALID_FUNCTION on Windows)
        claimed = claim_name(out, next_free=False)  # FileExistsError when taken
        try:
            os.replace(part, claimed)
        except BaseException:
            drop_claim(claimed)
            raise
        return
    with contextlib.suppress(OSError):  # the name has the file; a `.part` left over goes at the next export
        part.unlink()


@contextlib.contextmanager
def replacing(out: Path, what: Text, *, overwrite: bool = True) -> Iterator[Path]:
    """Yields the `.part` path to write; renames it over `out` when the block succeeds. Without
    `overwrite`, a file that has the name `out` by then is left as it is: FileTakenError."""
    part: Path | None = None
    try:
        part = fresh_part(out)  # never another file differing only in case, nor another writer's part
        yield part
        with part.open("r+b") as fh:  # on the disk before it takes the name (a stick pulled out next)
            os.fsync(fh.fileno())
        if overwrite:
            os.replace(part, out)
        else:
            try:
                take_name(part, out)
            except FileExistsError as exc:
                raise FileTakenError.of(out, what) from exc
    except OSError as exc:
        if part is not None:
            part.unlink(missing_ok=True)
        raise cannot_write(out, exc, what) from exc
    except BaseException:
        if part is not None:
            part.unlink(missing_ok=True)
        raise
