from __future__ import annotations

from pathlib import Path

from ipdesk.services.settings import Settings, load_settings, save_settings


def test_round_trip(tmp_path: Path) -> None:
    s = Settings(language="en", font_size="large", staff_name="李华")
    save_settings(tmp_path, s)
    loaded = load_settings(tmp_path)
    assert loaded.language == "en" and loaded.font_size == "large" and loaded.staff_name == "李华"


def test_damaged_file_gives_defaults_and_is_kept(tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_text("{not json", encoding="utf-8")
    assert load_settings(tmp_path) == Settings()
    assert len(list(tmp_path.glob("settings.json.bad-*"))) == 1


def test_a_file_that_cannot_be_read_now_is_not_set_aside(tmp_path: Path) -> None:
    """A backup or a virus scanner may hold the file for a moment (Windows): it is not damaged, and
    setting it aside would lose the admin PIN, the update source and the trusted keys."""
    (tmp_path / "settings.json").mkdir()  # reading it fails with an OSError, as a locked file does
    assert load_settings(tmp_path) == Settings()
    assert (tmp_path / "settings.json").exists() and not list(tmp_path.glob("settings.json.bad*"))


def test_wrong_types_and_values_are_ignored(tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_text('{"language": "fr", "font_size": 3, "unknown": 1}', encoding="utf-8")
    s = load_settings(tmp_path)
    assert s.language == "zh_CN" and s.font_size == "normal"


def test_a_file_saved_with_a_bom_is_read(tmp_path: Path) -> None:
    """Windows Notepad and management tools write UTF-8 with a BOM; such a file was thrown away and the
    next save wrote every setting back as its default (update source, trusted keys, auto sync)."""
    (tmp_path / "settings.json").write_bytes(
        b"\xef\xbb\xbf" + '{"language": "en", "update_source": "E:\\\\更新", "auto_sync": false}'.encode())
    s = load_settings(tmp_path)
    assert s.language == "en" and s.update_source == "E:\\更新" and s.auto_sync is False
    assert not list(tmp_path.glob("settings.json.bad*"))


def test_a_second_damaged_file_does_not_replace_the_first(tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_text('{"update_source": "E:\\\\repo", trusted_keys: [1]}', encoding="utf-8")
    load_settings(tmp_path)
    (tmp_path / "settings.json").write_text("{bad2", encoding="utf-8")  # within the same second
    load_settings(tmp_path)
    kept = sorted(p.read_text(encoding="utf-8") for p in tmp_path.glob("settings.json.bad-*"))
    assert len(kept) == 2 and any("E:" in k for k in kept)  # the copy holding the update source survives
