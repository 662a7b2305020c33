"""settings.json written by an administrator for a fleet (QA 20c N4): near types are taken ("true",
one key as a string), anything else is named in the log and, for the sync's own settings, in the
refusal it explains; a key entry may name the .pub file."""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import pytest

from ipdesk.cli import main
from ipdesk.services.settings import load_settings, save_settings, setting_problems
from ipdesk.services.sync.client import SyncService
from ipdesk.services.sync.errors import SyncError, UntrustedPublisherError
from ipdesk.services.sync.state import load_state
from tests.sync.conftest import FAST, Folder, LoopbackServer, Repos


def write_settings(folder: Path, values: dict[str, object]) -> None:
    (folder / "settings.json").write_text(json.dumps(values, ensure_ascii=False), encoding="utf-8")


def client_from_settings(folder: Folder) -> SyncService:
    """The client as the app builds it: update source and trusted keys from settings.json only."""
    settings = load_settings(folder.path)
    return SyncService(folder.db.engine, folder.path, update_source=settings.update_source,
                       trusted_keys=settings.trusted_keys, policy=FAST,
                       default_key_file=folder.path / "no-default.pub")


def test_one_key_as_a_string_and_true_as_text_are_taken(folder: Folder, repos: Repos, server: LoopbackServer) -> None:
    """The QA's settings.json: the key written as the docs described it (a string), "true" quoted. The
    key was dropped and every kiosk of the fleet refused every update as untrusted."""
    write_settings(folder.path, {"update_source": server.url, "auto_sync": "true", "trusted_keys": repos.public_text()})
    settings = load_settings(folder.path)
    assert settings.trusted_keys == [repos.public_text()] and settings.auto_sync is True
    assert setting_problems(folder.path) == ()
    assert client_from_settings(folder).check().manifest.version == 2
    write_settings(folder.path, {"auto_sync": "false", "kiosk_idle_seconds": "120", "high_contrast": 1})
    settings = load_settings(folder.path)
    assert (settings.auto_sync, settings.kiosk_idle_seconds, settings.high_contrast) == (False, 120, True)


def test_an_unusable_setting_is_named_in_the_log(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    write_settings(tmp_path, {"auto_sync": "maybe", "trusted_key": ["x"], "staff_name": 7, "language": "fr",
                              "trusted_keys": ["ok", 3]})
    with caplog.at_level(logging.WARNING, logger="ipdesk.settings"):
        settings = load_settings(tmp_path)
    assert settings.auto_sync is True and settings.staff_name == "" and settings.language == "zh_CN"
    assert settings.trusted_keys == ["ok"]
    logged = caplog.text
    for words in ('auto_sync should be true or false, but it is "maybe"', 'no setting "trusted_key"',
                  "did you mean trusted_keys", "staff_name should be text", 'language "fr" cannot be used',
                  "entries of trusted_keys that are not text"):
        assert words in logged, words
    names = {p.name for p in setting_problems(tmp_path)}
    assert names == {"auto_sync", "trusted_keys", "staff_name", "language"}  # the misspelt one under its meaning
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="ipdesk.settings"):
        load_settings(tmp_path)  # the same file read again in the same run: logged once
    assert caplog.text == ""
    save_settings(tmp_path, settings)  # written back with the settings' own types: nothing left to say
    assert setting_problems(tmp_path) == () and load_settings(tmp_path).trusted_keys == ["ok"]
    assert setting_problems(tmp_path) == ()


def test_a_key_entry_may_name_the_pub_file(folder: Folder, repos: Repos, server: LoopbackServer) -> None:
    """"C:\\keys\\pub.key.pub" in trusted_keys said only "cannot read the publisher public key",
    naming neither the entry nor settings.json; a path to the file now reads the file."""
    write_settings(folder.path, {"update_source": server.url, "trusted_keys": [str(repos.pub_file)]})
    assert client_from_settings(folder).check().manifest.version == 2
    (folder.path / "keys").mkdir()
    shutil.copy(repos.pub_file, folder.path / "keys" / "publisher.pub")  # relative: to the data folder
    write_settings(folder.path, {"update_source": server.url, "trusted_keys": ["keys\\publisher.pub".replace(
        "\\", "/")]})
    assert client_from_settings(folder).check().manifest.version == 2


@pytest.mark.parametrize(("entry", "zh", "en"), [
    ("C:\\keys\\pub.key.pub", "“C:\\keys\\pub.key.pub”找不到这个文件", 'entry "C:\\keys\\pub.key.pub": no such file'),
    ("not a key", "“not a key”不是公钥", 'entry "not a key" is not a public key'),
    ("PRIVATE", "是私钥，不是公钥", "is a private key, not a public key"),
])
def test_an_unusable_key_entry_is_named_with_the_refusal(folder: Folder, repos: Repos, server: LoopbackServer,
                                                         entry: str, zh: str, en: str) -> None:
    if entry == "PRIVATE":
        entry = str(repos.key_file)  # the private key file instead of its .pub
    write_settings(folder.path, {"update_source": server.url, "trusted_keys": [entry]})
    with pytest.raises(UntrustedPublisherError) as caught:
        client_from_settings(folder).check()
    assert "settings.json：trusted_keys 中的" in caught.value.zh and zh in caught.value.zh
    assert "settings.json: trusted_keys" in caught.value.en and en in caught.value.en
    state = load_state(folder.path)  # what the window's "Data & sync" shows as the last check
    assert zh in state.message_zh and en in state.message_en


def test_a_key_of_the_wrong_type_is_named_with_the_refusal(folder: Folder, repos: Repos,
                                                           server: LoopbackServer) -> None:
    write_settings(folder.path, {"update_source": server.url, "trusted_keys": {"key": repos.public_text()}})
    with pytest.raises(UntrustedPublisherError) as caught:
        client_from_settings(folder).check()
    assert "settings.json：trusted_keys 应为 列表" in caught.value.zh
    assert "settings.json: trusted_keys should be a list" in caught.value.en


def test_an_ignored_update_source_is_named_by_the_command(folder: Folder, capsys: pytest.CaptureFixture[str]) -> None:
    write_settings(folder.path, {"update_source": ["https://example.invalid/ipdesk/"]})
    assert main(["--data-dir", str(folder.path), "--lang", "en", "sync"]) == 6
    err = capsys.readouterr().err
    assert "No update source is set" in err and "settings.json: update_source should be text" in err
    with pytest.raises(SyncError) as caught:
        client_from_settings(folder).check()
    assert "settings.json：update_source 应为 文字" in caught.value.zh


def test_the_command_names_an_ignored_key_entry(folder: Folder, repos: Repos, server: LoopbackServer,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    write_settings(folder.path, {"update_source": server.url, "trusted_key": [repos.public_text()]})
    assert main(["--data-dir", str(folder.path), "--lang", "zh_CN", "sync", "--check"]) == 6
    err = capsys.readouterr().err
    assert "不是由受信任的发布者签名的" in err and "没有“trusted_key”这项设置" in err and "trusted_keys？" in err


def test_the_documented_fleet_settings_file_is_read_as_written(tmp_path: Path) -> None:
    """docs/sync.md "Kiosk fleets" gives a settings.json to copy: every value of it is used."""
    doc = (Path(__file__).resolve().parents[2] / "docs" / "sync.md").read_text(encoding="utf-8")
    example = doc.split("## Kiosk fleets", 1)[1].split("```json", 1)[1].split("```", 1)[0]
    (tmp_path / "settings.json").write_text(example, encoding="utf-8")
    settings = load_settings(tmp_path)
    assert setting_problems(tmp_path) == ()
    assert settings.update_source.startswith("https://") and settings.auto_sync is True
    assert len(settings.trusted_keys) == 1 and settings.centre_name
    from ipdesk.services.sync.manifest import load_public_key

    load_public_key(settings.trusted_keys[0])
