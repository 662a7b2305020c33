"""Where a "save to a USB stick" dialog starts (QA 23: the kiosk's 保存到 U 盘… opened in the home folder,
where no technician finds a stick): the removable drives' place, chosen from a plain list of the
mounted volumes so the choice is tested without the machine's own drives.

On Windows the first drive that is not the system drive, is ready and can be written (a stick plugged
in: E:\\), one formatted as sticks are (FAT, exFAT) before a second hard disk's NTFS; on Linux the
folder the desktop mounts sticks under (/media/<user>, /run/media/<user>, /media); on macOS /Volumes. When there is none, the Documents folder, as the staff window's saves.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import PureWindowsPath


@dataclass(frozen=True)
class Volume:
    """A mounted volume as the system lists it (in the window: QStorageInfo.mountedVolumes())."""

    root: str  # "E:/" or "E:\\" on Windows, "/media/ann/STICK" on Linux
    ready: bool = True
    read_only: bool = False
    file_system: str = ""  # "exFAT", "FAT32", "NTFS"…


STICK_FILE_SYSTEMS = frozenset({"fat", "fat12", "fat16", "fat32", "vfat", "exfat", "msdos"})


def _same_drive(a: str, b: str) -> bool:
    return PureWindowsPath(a).anchor.lower() == PureWindowsPath(b).anchor.lower()


def usb_start_folder(volumes: Sequence[Volume], *, system_root: str, documents: str, user: str = "",
                     platform: str = sys.platform, is_dir: Callable[[str], bool] = os.path.isdir) -> str:
    """The folder a save dialog meant for a USB stick starts in (see the module's note). `system_root`
    is the system's volume ("C:/"); `is_dir` says whether a Linux or macOS folder exists."""
    if platform == "win32":
        drives = [v for v in volumes
                  if v.ready and not v.read_only and v.root and not _same_drive(v.root, system_root)]
        drives.sort(key=lambda v: v.file_system.lower() not in STICK_FILE_SYSTEMS)  # stable: else in order
        return PureWindowsPath(drives[0].root).anchor if drives else documents
    if platform == "darwin":
        candidates = ["/Volumes"]
    else:
        candidates = [f"/media/{user}", f"/run/media/{user}"] if user else []
        candidates.append("/media")
    return next((folder for folder in candidates if is_dir(folder)), documents)
