"""Whether a folder is on a network filesystem (a share, a mapped drive, an NFS mount).

SQLite's WAL mode needs every process on one computer (its -shm index is shared memory), and file
locking over a network filesystem is unreliable: two computers writing one database over a share can
damage it. The data folder is sometimes on a share (`--data-dir` on a server, a Windows "Documents"
redirected to one), so the databases there are opened with a rollback journal instead of WAL and the
user is told (db.open_database). The parsers are pure functions over a path string or a command's
output, so they are tested on any system; `folder_on_network` puts them together for this one.
Anything that cannot be told is "not on a network" (the app then works as before).
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path, PurePosixPath

log = logging.getLogger("ipdesk.storage")

# Filesystem types that reach another computer (Linux's /proc/self/mountinfo, macOS's `mount`).
NETWORK_FS_TYPES = frozenset({
    "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "ncpfs", "ncp", "afs", "9p", "ceph", "glusterfs",
    "lustre", "davfs", "webdav", "afpfs", "fuse.sshfs", "fuse.davfs2", "fuse.glusterfs", "fuse.ceph",
    "fuse.cephfs", "fuse.rclone", "fuse.s3fs", "fuse.smbnetfs",
})

DRIVE_REMOTE = 4  # GetDriveTypeW's answer for a mapped network drive

NetworkCheck = Callable[[Path], bool]


def is_network_fs_type(fs_type: str) -> bool:
    return fs_type.lower() in NETWORK_FS_TYPES


def is_unc_path(path: str) -> bool:
    r"""A Windows path on a share: `\\server\share\…`, `//server/share/…`, or the long forms
    `\\?\UNC\server\share\…` and `\\.\UNC\…`. A long local path (`\\?\C:\…`) or a device is not."""
    normal = path.replace("/", "\\")
    if not normal.startswith("\\\\"):
        return False
    rest = normal[2:]
    if rest[:2] in ("?\\", ".\\"):  # \\?\… or \\.\…: a share only as \\?\UNC\server\share
        return rest[2:].upper().startswith("UNC\\") and len(rest) > len("?\\UNC\\")
    server = rest.split("\\", 1)[0]
    return bool(server)


def windows_drive_root(path: str) -> str | None:
    r"""The root of the drive a Windows path is on (`Z:\`), also through `\\?\Z:\…`; None for a share or
    a relative path without a drive."""
    normal = path.replace("/", "\\")
    if normal.startswith("\\\\?\\") or normal.startswith("\\\\.\\"):
        normal = normal[4:]
    if len(normal) >= 2 and normal[1] == ":" and normal[0].isalpha():
        return normal[0].upper() + ":\\"
    return None


_MOUNTINFO_ESCAPE = re.compile(r"\\([0-7]{3})")


def _unescape_mount_field(field: str) -> str:
    """/proc's octal escapes (`\\040` a space, `\\011` a tab, `\\012` a newline, `\\134` a backslash)."""
    return _MOUNTINFO_ESCAPE.sub(lambda m: chr(int(m.group(1), 8)), field)


def parse_mountinfo(text: str) -> list[tuple[str, str]]:
    """(mount point, filesystem type) of each line of /proc/self/mountinfo, in its order. A line is
    `id parent major:minor root mount-point options [optional fields…] - type source super-options`."""
    mounts: list[tuple[str, str]] = []
    for line in text.splitlines():
        fields = line.split(" ")
        try:
            separator = fields.index("-", 6)
            mounts.append((_unescape_mount_field(fields[4]), fields[separator + 1]))
        except (ValueError, IndexError):
            continue  # not a mount line
    return mounts


def _under(path: PurePosixPath, mount_point: str) -> bool:
    point = PurePosixPath(mount_point)
    return path == point or point in path.parents


def fs_type_of(path: str, mounts: list[tuple[str, str]]) -> str | None:
    """The filesystem type of the mount holding `path` (an absolute POSIX path): the longest mount point
    it lies under (`/mnt/a` does not hold `/mnt/ab`); of two at one place, the later (it covers the
    earlier)."""
    target = PurePosixPath(path)
    best: tuple[int, str] | None = None
    for point, fs_type in mounts:
        if _under(target, point):
            depth = len(PurePosixPath(point).parts)
            if best is None or depth >= best[0]:
                best = (depth, fs_type)
    return best[1] if best else None


_MAC_MOUNT_LINE = re.compile(r"^(?P<source>.+?) on (?P<point>/.*) \((?P<type>[^,()]+)(?:,[^()]*)?\)$")


def parse_mac_mount(text: str) -> list[tuple[str, str]]:
    """(mount point, filesystem type) of each line of macOS's `mount` output:
    `//user@server/share on /Volumes/share (smbfs, nodev, nosuid, mounted by user)`."""
    mounts: list[tuple[str, str]] = []
    for line in text.splitlines():
        match = _MAC_MOUNT_LINE.match(line.strip())
        if match:
            mounts.append((match.group("point"), match.group("type").strip()))
    return mounts


def _absolute(folder: Path) -> Path:
    try:
        return folder.resolve()  # a link to a share is on the share
    except (OSError, RuntimeError):
        return folder.absolute()


def _windows_on_network(folder: Path) -> bool:
    text = str(folder.absolute())
    if is_unc_path(text):
        return True
    root = windows_drive_root(text)
    if root is None:
        return False
    import ctypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined,unused-ignore]
    return int(kernel32.GetDriveTypeW(ctypes.c_wchar_p(root))) == DRIVE_REMOTE


def _linux_on_network(folder: Path) -> bool:
    text = Path("/proc/self/mountinfo").read_text(encoding="utf-8", errors="surrogateescape")
    fs_type = fs_type_of(str(_absolute(folder)), parse_mountinfo(text))
    return fs_type is not None and is_network_fs_type(fs_type)


def _mac_on_network(folder: Path) -> bool:
    output = subprocess.run(["/sbin/mount"], capture_output=True, encoding="utf-8", errors="replace", timeout=5,
                            check=False).stdout
    fs_type = fs_type_of(str(_absolute(folder)), parse_mac_mount(output))
    return fs_type is not None and is_network_fs_type(fs_type)


def folder_on_network(folder: Path) -> bool:
    """Whether `folder` (existing or not yet) is on a network filesystem on this computer. Unknown
    (another system, an error reading the mounts) is False."""
    try:
        if sys.platform == "win32":
            return _windows_on_network(folder)
        if sys.platform.startswith("linux"):
            return _linux_on_network(folder)
        if sys.platform == "darwin":
            return _mac_on_network(folder)
    except (OSError, ValueError, subprocess.SubprocessError, AttributeError):
        log.warning("could not tell whether %s is on a network drive", folder, exc_info=True)
    return False


def data_folder_on_network(folder: Path) -> bool:
    """What the composition root uses: the administrator's answer (`network_override`) or, without one,
    what `folder_on_network` finds."""
    override = network_override()
    return folder_on_network(folder) if override is None else override


def network_override() -> bool | None:
    """`IPDESK_DATA_ON_NETWORK=1` (or 0): an administrator's answer where detection cannot see the share
    (a folder synced by another tool, an iSCSI disk shared between two computers)."""
    value = os.environ.get("IPDESK_DATA_ON_NETWORK", "").strip().lower()
    if value in ("1", "true", "yes"):
        return True
    if value in ("0", "false", "no"):
        return False
    return None
