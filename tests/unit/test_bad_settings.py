"""A settings.json that is not UTF-8 (Notepad "ANSI", i.e. GBK, on a Chinese Windows) or is damaged
(QA round 15, S2 and M6): read or set aside, never a traceback, and the person is told."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ipdesk.services.settings import load_settings, save_settings

ROOT = Path(__file__).resolve().parents[2]
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def ipdesk(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("IPDESK_DATA_DIR", None)
    return subprocess.run([sys.executable, "-m", "ipdesk", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=180)


# --- settings (S2, M6) ------------------------------------------------------------------------------

def test_a_gbk_settings_file_is_read_with_its_values_and_written_back_as_utf8(data_dir: Path) -> None:
    """Notepad "ANSI" on a Chinese Windows: every command stopped with a UnicodeDecodeError traceback."""
    (data_dir / "settings.json").write_bytes('{"language": "en", "staff_name": "张三"}'.encode("gbk"))
    out = ipdesk(data_dir, "info")  # no --lang: the language comes from the settings
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr and "Data folder" in out.stdout  # the saved English kept
    saved = json.loads((data_dir / "settings.json").read_text(encoding="utf-8"))  # now UTF-8
    assert saved["staff_name"] == "张三" and saved["language"] == "en"
    assert not list(data_dir.glob("settings.json.bad-*"))


@pytest.mark.parametrize("content", [
    b'{"language": "en", "staff_name": "\x80\xff\xfe"}',  # neither UTF-8 nor GBK
    b'{"language": "en", ',  # cut short
])
def test_damaged_settings_are_set_aside_and_the_cli_says_so(data_dir: Path, content: bytes) -> None:
    (data_dir / "settings.json").write_bytes(content)
    out = ipdesk(data_dir, "info")
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr
    kept = list(data_dir.glob("settings.json.bad-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == content
    lines = [line for line in out.stderr.splitlines() if line.startswith("ipdesk:")]
    assert len(lines) == 1 and "设置文件已损坏" in lines[0] and kept[0].name in lines[0]
    assert not _LATIN_WORD.search(lines[0].replace(str(kept[0]), "").removeprefix("ipdesk:")), lines[0]
    (data_dir / "settings.json").write_bytes(content)  # and in English with --lang
    out = ipdesk(data_dir, "--lang", "en", "search", "五常", "--limit", "1")
    assert out.returncode == 0, out.stderr
    assert "settings file was damaged" in out.stderr and "kept as" in out.stderr
    again = ipdesk(data_dir, "--lang", "en", "info")  # told once: the next run has nothing to say
    assert again.returncode == 0 and again.stderr == ""


def test_the_window_opens_and_logs_the_reset_with_damaged_settings(data_dir: Path) -> None:
    """The window called load_settings before any error handling (a GBK or random settings file: it
    never opened). Offscreen nobody can answer a message box, so the notice goes to stderr and the log."""
    (data_dir / "settings.json").write_bytes(b'{"language": "en", "centre_name": "\x80\xff"}')
    code = (
        "import sys\n"
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication(sys.argv[:1])\n"
        "QTimer.singleShot(4000, app.quit)\n"
        "from ipdesk.cli import main\n"
        "sys.exit(main(['--data-dir', sys.argv[1], '--lang', 'en']))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", code, str(data_dir)], capture_output=True, text=True, env=env,
                         cwd=ROOT, timeout=180)
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr and "settings file was damaged" in out.stderr
    logged = "".join(p.read_text(encoding="utf-8") for p in (data_dir / "logs").glob("ipdesk-*.log"))
    assert "told the user: The settings file was damaged" in logged


def test_settings_are_synced_to_disk_before_the_rename(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ipdesk.services import settings as module
    from ipdesk.services.settings import Settings

    calls: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(module.os, "fsync", lambda fd: (calls.append("fsync"), real_fsync(fd))[1])
    monkeypatch.setattr(module.os, "replace", lambda a, b: (calls.append("replace"), real_replace(a, b))[1])
    save_settings(tmp_path, Settings(staff_name="李华"))
    assert calls[:2] == ["fsync", "replace"]
    assert load_settings(tmp_path).staff_name == "李华" and not list(tmp_path.glob("*.tmp"))


@pytest.mark.parametrize("url", ["mysql://staff:secret@db.example/ipdesk", "not a database address"])
def test_an_engine_url_that_cannot_be_used_is_said_with_the_setting_to_remove(data_dir: Path, url: str) -> None:
    """QA round 17: an `engine_url` naming a database without its driver (or no URL at all) failed every
    command with "unexpected error (ModuleNotFoundError)"."""
    (data_dir / "settings.json").write_text(json.dumps({"engine_url": url}), encoding="utf-8")
    out = ipdesk(data_dir, "--lang", "en", "info")
    assert out.returncode == 3, out.stderr[-2000:]
    assert "engine_url in settings.json" in out.stderr and "Remove it" in out.stderr
    assert "unexpected" not in out.stderr and "Traceback" not in out.stderr and "secret" not in out.stderr
    zh = ipdesk(data_dir, "info")
    assert "settings.json 的 engine_url" in zh.stderr and "请删除该项" in zh.stderr
