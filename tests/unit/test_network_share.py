"""A data folder on a network share: the detectors (pure functions over real-looking mount tables and
Windows paths), and a data folder treated as one (the answer given through open_database /
build_services, as the composition root gives it) opened with a rollback journal, in which a search,
an import, a data update from a folder, a backup and its restore all work, and which `ipdesk info`
reports."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest
import sqlean
from sqlalchemy import delete

from ipdesk.services.db import LOCAL_DB_FILENAME, open_database
from ipdesk.services.errors import DataFolderError
from ipdesk.services.models import SavedSearch
from ipdesk.services.storage_place import (
    data_folder_on_network,
    folder_on_network,
    fs_type_of,
    is_network_fs_type,
    is_unc_path,
    parse_mac_mount,
    parse_mountinfo,
    windows_drive_root,
)

# Lines as /proc/self/mountinfo writes them (a CIFS share whose mount point has a space, \040).
MOUNTINFO = r"""22 1 8:2 / / rw,relatime shared:1 - ext4 /dev/sda2 rw,errors=remount-ro
23 22 0:21 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw
41 22 8:1 / /boot/efi rw,relatime shared:29 - vfat /dev/sda1 rw,fmask=0077,dmask=0077
97 22 0:52 / /mnt/center\040share rw,relatime shared:51 - cifs //fileserver/ipdesk rw,vers=3.1.1,cache=strict,username=staff
98 22 0:53 / /mnt/nfs rw,relatime shared:52 - nfs4 server:/export/data rw,vers=4.2,rsize=1048576
99 98 0:54 / /mnt/nfs/local-cache rw,relatime shared:53 - tmpfs tmpfs rw,size=1024k
100 22 0:55 / /home/staff/remote rw,nosuid,nodev,relatime shared:54 - fuse.sshfs staff@server:/srv rw,user_id=1000
101 22 0:56 / /mnt/a rw,relatime shared:55 - ext4 /dev/sdb1 rw
"""

MAC_MOUNT = """/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)
devfs on /dev (devfs, local, nobrowse)
//staff@fileserver/ipdesk on /Volumes/ipdesk (smbfs, nodev, nosuid, mounted by staff)
fileserver:/export on /Volumes/my share (nfs, asynchronous)
"""


def test_mountinfo_lines_give_each_mount_point_and_type_with_escapes_read() -> None:
    mounts = parse_mountinfo(MOUNTINFO + "not a mount line\n")
    assert ("/mnt/center share", "cifs") in mounts
    assert ("/", "ext4") in mounts and ("/home/staff/remote", "fuse.sshfs") in mounts
    assert len(mounts) == 8


@pytest.mark.parametrize(("path", "expected"), [
    ("/mnt/center share/ipdesk", "cifs"),
    ("/mnt/center share", "cifs"),
    ("/mnt/nfs/data/ipdesk", "nfs4"),
    ("/mnt/nfs/local-cache/x", "tmpfs"),  # the longest mount point holding it
    ("/mnt/ab/ipdesk", "ext4"),  # /mnt/a does not hold /mnt/ab: the root does
    ("/home/staff/remote/ipdesk", "fuse.sshfs"),
    ("/home/staff/.local/share/ipdesk", "ext4"),
])
def test_the_folder_is_on_the_longest_mount_point_holding_it(path: str, expected: str) -> None:
    assert fs_type_of(path, parse_mountinfo(MOUNTINFO)) == expected


def test_a_later_mount_at_the_same_place_covers_the_earlier() -> None:
    text = MOUNTINFO + "102 22 0:57 / /mnt/a rw,relatime - nfs server:/a rw\n"
    assert fs_type_of("/mnt/a/x", parse_mountinfo(text)) == "nfs"


@pytest.mark.parametrize(("fs_type", "network"), [
    ("nfs", True), ("nfs4", True), ("cifs", True), ("smb3", True), ("smbfs", True), ("fuse.sshfs", True),
    ("9p", True), ("davfs", True), ("fuse.davfs2", True), ("ceph", True), ("glusterfs", True),
    ("ext4", False), ("btrfs", False), ("tmpfs", False), ("overlay", False), ("vfat", False), ("ntfs3", False),
    ("fuse.portal", False),
])
def test_network_filesystem_types(fs_type: str, network: bool) -> None:
    assert is_network_fs_type(fs_type) is network


def test_mac_mount_output_gives_each_mount_point_and_type() -> None:
    mounts = parse_mac_mount(MAC_MOUNT)
    assert ("/Volumes/ipdesk", "smbfs") in mounts and ("/Volumes/my share", "nfs") in mounts
    assert fs_type_of("/Volumes/ipdesk/data", mounts) == "smbfs"
    assert fs_type_of("/Users/staff/Library/Application Support/ipdesk", mounts) == "apfs"


@pytest.mark.parametrize(("path", "unc"), [
    (r"\\fileserver\ipdesk\data", True),
    (r"\\fileserver\ipdesk", True),
    ("//fileserver/ipdesk/data", True),
    (r"\\?\UNC\fileserver\ipdesk\data", True),
    (r"\\.\UNC\fileserver\ipdesk", True),
    (r"\\?\C:\Users\staff\AppData\Local\ipdesk", False),
    (r"\\.\PhysicalDrive0", False),
    (r"C:\Users\staff\AppData\Local\ipdesk", False),
    (r"Z:\ipdesk", False),  # a mapped drive: told by GetDriveTypeW, not by its name
    ("relative\\folder", False),
    ("\\\\", False),
])
def test_unc_paths(path: str, unc: bool) -> None:
    assert is_unc_path(path) is unc


@pytest.mark.parametrize(("path", "root"), [
    (r"Z:\ipdesk", "Z:\\"), ("z:/ipdesk", "Z:\\"), (r"\\?\D:\data", "D:\\"), (r"\\server\share", None),
    ("relative", None),
])
def test_the_drive_a_windows_path_is_on(path: str, root: str | None) -> None:
    assert windows_drive_root(path) == root


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads this computer's /proc/self/mountinfo")
def test_this_computers_folder_is_told_by_its_mount(tmp_path: Path) -> None:
    """The real answer for a test folder: the type of the mount holding it, as the table says."""
    mounts = parse_mountinfo(Path("/proc/self/mountinfo").read_text(encoding="utf-8"))
    fs_type = fs_type_of(str(tmp_path.resolve()), mounts)
    assert fs_type is not None
    assert folder_on_network(tmp_path) is is_network_fs_type(fs_type)
    assert folder_on_network(tmp_path / "not yet made") is is_network_fs_type(fs_type)


def test_an_administrator_can_say_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("IPDESK_DATA_ON_NETWORK", "1")
    assert data_folder_on_network(tmp_path) is True
    monkeypatch.setenv("IPDESK_DATA_ON_NETWORK", "0")
    assert data_folder_on_network(tmp_path) is False


# --- a data folder treated as on a share -------------------------------------------------------

def _pragmas(engine: object) -> tuple[str, int, int]:
    with engine.connect() as conn:  # type: ignore[attr-defined]
        return (str(conn.exec_driver_sql("PRAGMA journal_mode").scalar()),
                int(conn.exec_driver_sql("PRAGMA synchronous").scalar()),
                int(conn.exec_driver_sql("PRAGMA mmap_size").scalar()))


def test_on_a_share_both_databases_use_a_rollback_journal_and_back_to_wal_when_local(data_dir: Path) -> None:
    db = open_database(data_dir, on_network=False)
    assert not db.on_network and _pragmas(db.engine)[0] == "wal"
    db.close()

    db = open_database(data_dir, on_network=True)
    try:
        assert db.on_network and db.local_store.on_network
        # no WAL; every commit synced (FULL = 2); no memory mapping of a file on a server
        assert _pragmas(db.engine) == ("delete", 2, 0)
        assert _pragmas(db.local_store.engine) == ("delete", 2, 0)
        with db.local_store.session() as s:  # a write leaves no -wal or -shm beside the files
            s.add(SavedSearch(name="合成测试检索", query="稻", created_at=dt.datetime(2026, 1, 2)))
        names = {p.name for p in data_dir.iterdir()}
        assert not {n for n in names if n.endswith(("-wal", "-shm"))}, names
    finally:
        db.close()

    db = open_database(data_dir, on_network=False)  # moved back to a local folder: WAL again
    try:
        assert _pragmas(db.engine)[0] == "wal" and _pragmas(db.local_store.engine)[0] == "wal"
    finally:
        db.close()


def test_a_file_another_program_keeps_open_in_wal_is_refused_in_words(data_dir: Path) -> None:
    """The computer serving the share uses the folder as a local one (WAL) while this one opens it
    over the share: the file cannot leave WAL, and opening it alongside could damage it."""
    open_database(data_dir, on_network=False).close()
    other = sqlean.connect(str(data_dir / "ipdesk.sqlite"))
    try:
        other.execute("SELECT count(*) FROM sqlite_master").fetchone()
        with pytest.raises(DataFolderError) as caught:
            open_database(data_dir, on_network=True)
    finally:
        other.close()
    assert "Only one computer at a time may use this data folder" in caught.value.en
    assert "同一时间只能有一台计算机使用这个数据文件夹" in caught.value.zh
    db = open_database(data_dir, on_network=True)  # once the other has let go, it opens
    db.close()


def test_search_import_backup_and_restore_work_on_a_share(data_dir: Path, tmp_path: Path) -> None:
    from ipdesk.services.backup import create_backup, restore_backup
    from ipdesk.services.container import build_services
    from ipdesk.services.models import ServiceRecord
    from tests.importers.conftest import PATENT_HEADER, patent_rows, write_csv

    services = build_services(data_dir, on_network=True)
    try:
        assert services.db.on_network and _pragmas(services.db.engine)[0] == "delete"
        assert services.search.search("五常大米").hits  # a real GI of the seed

        preview = services.importer.stage([write_csv(tmp_path / "p.csv", PATENT_HEADER, patent_rows(12))],
                                          as_of=dt.date(2099, 6, 1))
        result = services.importer.commit(preview)
        assert result.inserted["patent"] == 12
        assert len(services.search.search("果树嫁接").hits) >= 10

        with services.db.local_store.session() as s:
            s.add(ServiceRecord(created_at=dt.datetime(2026, 1, 2, 3, 4), staff="合成测试员",
                                client="合成测试合作社", purpose="咨询", outcome="已答复"))
        backup = create_backup(services.db, data_dir, tmp_path / "backup.zip")
        assert backup.counts["service_record"] == 1, backup.counts
        with services.db.local_store.session() as s:
            s.execute(delete(ServiceRecord))
        restored = restore_backup(services.db, data_dir, tmp_path / "backup.zip")
        assert restored.replaced_counts["service_record"] == 0
        assert restored.restored_counts["service_record"] == 1, restored.restored_counts
        assert _pragmas(services.db.local_store.engine)[0] == "delete"  # the restored store too
    finally:
        services.close()
    with sqlean.connect(str(data_dir / LOCAL_DB_FILENAME)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with sqlean.connect(str(data_dir / "ipdesk.sqlite")) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_data_update_from_a_folder_applies_on_a_share(tmp_path: Path) -> None:
    from ipdesk.services.sync.client import SyncService
    from tests.sync.conftest import FAST, SMALL_V1, SMALL_V2, make_repos, make_tiny_seed

    repos = make_repos(tmp_path / "repos", SMALL_V1, SMALL_V2)
    seed = make_tiny_seed(tmp_path / "seed.sqlite")
    data = tmp_path / "data"
    db = open_database(data, seed=seed, on_network=True)
    try:
        client = SyncService(db.engine, data, default_key_file=data / "no-default.pub", policy=FAST,
                             trusted_keys=[repos.public_text()])
        outcome = client.sync(str(repos.v2))
        assert outcome.applied is not None and outcome.applied.manifest_version == 2
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM patent").scalar() == 38
            assert str(conn.exec_driver_sql("PRAGMA journal_mode").scalar()) == "delete"
        # the apply's locks are files in the data folder, on the share with it (seen by every computer)
        assert (data / "sync" / "sync.lock").exists() and (data / "registry-write.lock").exists()
    finally:
        db.close()
    with sqlean.connect(str(data / "ipdesk.sqlite")) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_ipdesk_info_reports_a_data_folder_on_a_share(data_dir: Path, monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    from ipdesk.cli import main

    monkeypatch.setenv("IPDESK_DATA_ON_NETWORK", "0")
    assert main(["--data-dir", str(data_dir), "info", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["data_folder_on_network"] is False

    monkeypatch.setenv("IPDESK_DATA_ON_NETWORK", "1")
    assert main(["--data-dir", str(data_dir), "info", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["data_folder_on_network"] is True
    assert main(["--data-dir", str(data_dir), "--lang", "en", "info"]) == 0
    out = capsys.readouterr().out
    assert "the data folder is on a network drive. Only one computer at a time may use this data folder" in out
    assert main(["--data-dir", str(data_dir), "--lang", "zh_CN", "info"]) == 0
    assert "数据文件夹在网络驱动器上。同一时间只能有一台计算机使用这个数据文件夹" in capsys.readouterr().out


def test_a_local_folder_says_nothing_of_it(data_dir: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    from ipdesk.cli import main

    monkeypatch.setenv("IPDESK_DATA_ON_NETWORK", "0")
    assert main(["--data-dir", str(data_dir), "--lang", "en", "info"]) == 0
    assert "network drive" not in capsys.readouterr().out
