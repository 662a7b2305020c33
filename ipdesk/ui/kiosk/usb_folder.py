"""The kiosk's save dialogs start where USB sticks are (`services.removable_drives`), not in the home
folder: this reads the mounted volumes from Qt and hands them to that choice."""

from __future__ import annotations

import getpass

from PySide6.QtCore import QStorageInfo

from ipdesk.services.removable_drives import Volume, usb_start_folder
from ipdesk.ui.save_dialog import documents_folder


def mounted_volumes() -> list[Volume]:
    return [Volume(root=v.rootPath(), ready=v.isReady(), read_only=v.isReadOnly(),
                   file_system=bytes(v.fileSystemType().data()).decode("ascii", "replace"))
            for v in QStorageInfo.mountedVolumes()]


def usb_folder() -> str:
    """The folder a kiosk's "save to a USB stick" dialog opens in."""
    documents = str(documents_folder())
    try:
        user = getpass.getuser()
    except (OSError, KeyError, ImportError):  # no name in the environment and no user database
        user = ""
    return usb_start_folder(mounted_volumes(), system_root=QStorageInfo.root().rootPath(), documents=documents,
                            user=user)
