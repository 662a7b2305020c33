"""Archives Python's zipfile cannot read (a Deflate64 member, a password, a later ZIP version) next
to the centre's backups or given as one: a folder's listing skips them and names the real backups,
and a restore refuses them as damaged, in words (they raised NotImplementedError and RuntimeError)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from ipdesk.services.backup import BackupError, backups_in, read_backup_info
from tests.unit.test_backup_update_records import make_old_backup
from tests.zips import patched_zip


def _members(backup: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(backup) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def test_a_folder_lists_its_backups_past_archives_zipfile_cannot_read(tmp_path: Path, seed_path: Path) -> None:
    backup = make_old_backup(tmp_path, seed_path)
    usb = tmp_path / "usb"
    usb.mkdir()
    real = usb / "ipdesk-备份.zip"
    real.write_bytes(backup.read_bytes())
    members = _members(backup)
    patched_zip(usb / "a-locked.zip", members, flags=1)  # a password: RuntimeError
    patched_zip(usb / "b-deflate64.zip", members, method=9)  # NotImplementedError
    patched_zip(usb / "c-newer.zip", members, version=245)  # "zip file version 24.5"
    assert backups_in(usb) == [real]


@pytest.mark.parametrize("fault", [{"flags": 1}, {"method": 9}, {"version": 245},
                                   {"method": 9, "victim": "registry/patent.jsonl"}])
def test_a_backup_zipfile_cannot_read_is_refused_as_damaged(tmp_path: Path, seed_path: Path,
                                                             fault: dict[str, object]) -> None:
    members = _members(make_old_backup(tmp_path, seed_path))
    if "victim" in fault:
        assert fault["victim"] in members  # one member only: the manifest reads, that member does not
    odd = patched_zip(tmp_path / "odd.zip", members, **fault)  # type: ignore[arg-type]
    with pytest.raises(BackupError) as info:
        read_backup_info(odd)
    assert info.value.reason == "damaged"
    for lang in ("zh_CN", "en"):
        shown = info.value.message(lang)
        assert "odd.zip" in shown and "Error" not in shown and "zip file version" not in shown, shown
    plain = patched_zip(tmp_path / "plain.zip", members)  # the same members, unpatched, restore fine
    assert read_backup_info(plain).members
