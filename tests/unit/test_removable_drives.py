"""Where the kiosk's "save to a USB stick" dialogs start (QA 23: in the home folder, where no stick is),
chosen from a given list of volumes: no machine's own drives needed."""

from __future__ import annotations

from pathlib import Path

from ipdesk.services.removable_drives import Volume, usb_start_folder

DOCS = r"C:\Users\kiosk\Documents"


def test_windows_takes_the_first_ready_writable_drive_that_is_not_the_system_drive() -> None:
    volumes = [Volume("C:/", file_system="NTFS"), Volume("D:/", ready=False), Volume("E:/", read_only=True),
               Volume("F:/", file_system="exFAT"), Volume("G:/", file_system="FAT32")]
    assert usb_start_folder(volumes, system_root="C:/", documents=DOCS, platform="win32") == "F:\\"
    assert usb_start_folder(volumes, system_root="c:\\", documents=DOCS, platform="win32") == "F:\\"


def test_windows_prefers_a_stick_to_a_second_hard_disk() -> None:
    volumes = [Volume("C:/", file_system="NTFS"), Volume("D:/", file_system="NTFS"), Volume("E:/", file_system="FAT32")]
    assert usb_start_folder(volumes, system_root="C:/", documents=DOCS, platform="win32") == "E:\\"
    # no stick at all: the other disk still beats the home folder, which is where it opened before
    assert usb_start_folder(volumes[:2], system_root="C:/", documents=DOCS, platform="win32") == "D:\\"


def test_windows_without_another_drive_falls_back_to_documents() -> None:
    for volumes in ([], [Volume("C:/")], [Volume("C:/"), Volume("D:/", ready=False), Volume("E:/", read_only=True)]):
        assert usb_start_folder(volumes, system_root="C:/", documents=DOCS, platform="win32") == DOCS


def test_linux_takes_the_users_media_folder_first() -> None:
    volumes = [Volume("/", file_system="ext4")]
    existing = {"/media/ann", "/run/media/ann", "/media"}
    assert usb_start_folder(volumes, system_root="/", documents="/home/ann/Documents", user="ann", platform="linux",
                            is_dir=existing.__contains__) == "/media/ann"
    existing.discard("/media/ann")
    assert usb_start_folder(volumes, system_root="/", documents="/home/ann/Documents", user="ann", platform="linux",
                            is_dir=existing.__contains__) == "/run/media/ann"  # Fedora's place
    existing.discard("/run/media/ann")
    assert usb_start_folder(volumes, system_root="/", documents="/home/ann/Documents", user="ann", platform="linux",
                            is_dir=existing.__contains__) == "/media"
    existing.clear()
    assert usb_start_folder(volumes, system_root="/", documents="/home/ann/Documents", user="ann", platform="linux",
                            is_dir=existing.__contains__) == "/home/ann/Documents"


def test_linux_with_real_folders(tmp_path: Path) -> None:
    """The default `is_dir` looks at the disk: a folder that is not there is never offered."""
    missing_user = f"nobody-{tmp_path.name}"
    chosen = usb_start_folder([], system_root="/", documents=str(tmp_path), user=missing_user, platform="linux")
    assert chosen in ("/media", str(tmp_path))
    assert Path(chosen).is_dir()


def test_macos_takes_volumes() -> None:
    assert usb_start_folder([], system_root="/", documents="/Users/ann/Documents", platform="darwin",
                            is_dir={"/Volumes"}.__contains__) == "/Volumes"
