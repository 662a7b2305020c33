"""The real `ipdesk` process: info, search, selftest, errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ipdesk.services.db import SCHEMA_HEAD

pytestmark = pytest.mark.e2e


def ipdesk(data_dir: Path, *args: str, lang: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    cmd = [sys.executable, "-m", "ipdesk", "--data-dir", str(data_dir)]
    if lang:
        cmd += ["--lang", lang]
    return subprocess.run([*cmd, *args], capture_output=True, text=True, env=env, timeout=120)


def test_info_json(data_dir: Path) -> None:
    out = ipdesk(data_dir, "info", "--json")
    assert out.returncode == 0, out.stderr
    info = json.loads(out.stdout)
    assert info["schema_version"] == SCHEMA_HEAD
    assert info["counts"]["townships"] >= 38000
    assert info["counts"]["gi"] >= 300
    assert info["counts"]["class_nodes"] > 300
    assert {d["name"] for d in info["datasets"]} >= {"divisions", "gi", "classifications"}
    assert all(d["source"] for d in info["datasets"])


def test_first_run_creates_the_store(tmp_path: Path) -> None:
    out = ipdesk(tmp_path / "new", "info", "--json")
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "new" / "ipdesk.sqlite").exists()
    info = json.loads(out.stdout)
    assert info["local_store"] == str(tmp_path / "new" / "ipdesk-local.sqlite")
    assert info["counts"]["service_records"] == info["counts"]["archived_reports"] == 0


def test_selftest(data_dir: Path) -> None:
    out = ipdesk(data_dir, "selftest", lang="en")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "selftest passed" in out.stdout
    assert "Traceback" not in out.stderr


def test_search_json_finds_seeded_gi(data_dir: Path) -> None:
    out = ipdesk(data_dir, "search", "wcdm", "--json", "--kind", "gi")
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert result["results"][0]["title"] == "五常大米"
    assert result["results"][0]["kind"] == "gi"


def test_search_with_region(data_dir: Path) -> None:
    out = ipdesk(data_dir, "search", "茶", "--region", "33", "--kind", "gi", "--json")
    titles = [r["title"] for r in json.loads(out.stdout)["results"]]
    assert "西湖龙井" in titles


@pytest.mark.parametrize(
    ("args", "needle"),
    [(("search", ""), "请输入"), (("search", "x" * 200), "过长"), (("search", "茶", "--region", "12345"), "地区代码")],
)
def test_search_errors_exit_2(data_dir: Path, args: tuple[str, ...], needle: str) -> None:
    out = ipdesk(data_dir, *args)
    assert out.returncode == 2
    assert needle in out.stderr and "Traceback" not in out.stderr


def test_errors_in_english(data_dir: Path) -> None:
    out = ipdesk(data_dir, "search", "", lang="en")
    assert out.returncode == 2 and "Type some text" in out.stderr


def test_corrupt_database_is_explained(tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "ipdesk.sqlite").write_bytes(b"garbage" * 1000)
    out = ipdesk(folder, "info", lang="en")
    assert out.returncode == 4
    assert "damaged" in out.stderr and "Traceback" not in out.stderr
    assert list(folder.glob("ipdesk.sqlite.corrupt-*"))


def test_no_display_is_one_clear_line(tmp_path: Path, data_dir: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    out = subprocess.run([sys.executable, "-m", "ipdesk", "--data-dir", str(data_dir)], capture_output=True,
                         text=True, env=env, timeout=60)
    assert out.returncode == 1
    assert "xvfb-run" in out.stderr and "Traceback" not in out.stderr


def test_version() -> None:
    out = subprocess.run([sys.executable, "-m", "ipdesk", "--version"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and out.stdout.startswith("ipdesk ")


def test_starting_the_window_does_not_load_the_subcommands(data_dir: Path) -> None:
    """requests, cryptography, python-docx, openpyxl and pypinyin (~60 MB) wait for the command or
    the page that needs them."""
    code = (
        "import sys, json, ipdesk.app\n"
        "seen = {}\n"
        "def fake_run_app(**kw):\n"
        "    seen.update(kw)\n"
        "    return 0\n"
        "ipdesk.app.run_app = fake_run_app\n"
        "from ipdesk.cli import main\n"
        "code = main(['--data-dir', sys.argv[1], '--lang', 'en', '--kiosk'])\n"
        "heavy = [m for m in ('requests', 'cryptography', 'docx', 'openpyxl', 'pypinyin', 'ipdesk.commands.sync_cmd')"
        " if m in sys.modules]\n"
        "print(json.dumps([code, heavy, seen['lang'], seen['kiosk']]))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", code, str(data_dir)], capture_output=True, text=True, env=env,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == [0, [], "en", True]


def test_subcommands_still_parse_after_global_options(data_dir: Path) -> None:
    out = ipdesk(data_dir, "search", "五常", "--kind", "gi", "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["results"][0]["title"] == "五常大米"
    bad = ipdesk(data_dir, "--bogus-option")
    assert bad.returncode == 2 and "invalid arguments" in bad.stderr
    helped = subprocess.run([sys.executable, "-m", "ipdesk", "--help"], capture_output=True, text=True, timeout=60)
    assert helped.returncode == 0 and "search" in helped.stdout and "sync" in helped.stdout


def test_output_to_a_pipe_is_utf8_whatever_the_code_page(data_dir: Path) -> None:
    """An English Windows writes a pipe in cp1252, which cannot hold Chinese: the CLI switches to UTF-8."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "cp1252"}
    out = subprocess.run([sys.executable, "-m", "ipdesk", "--data-dir", str(data_dir), "search", "五常", "--limit", "2"],
                         capture_output=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr.decode("utf-8", "replace")
    text = out.stdout.decode("utf-8")  # strict: fails on cp1252 or replacement bytes
    assert "五常大米" in text and "[地理标志产品]" in text


def test_each_run_logs_to_a_file_in_the_data_folder(tmp_path: Path) -> None:
    logs = tmp_path / "new" / "logs"
    out = ipdesk(tmp_path / "new", "info")
    assert out.returncode == 0, out.stderr
    files = list(logs.glob("ipdesk-*.log"))
    assert len(files) == 1 and "installed seed database" in files[0].read_text(encoding="utf-8")
    assert "installed seed database" not in out.stderr  # information goes to the file, not the terminal


def test_a_closed_pipe_ends_the_command_quietly(data_dir: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "ipdesk", "--data-dir", str(data_dir), "search", "大米", "--limit",
                             "200"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()  # the reader goes away after one line, as `| head -1` does
    err = proc.stderr.read().decode("utf-8", "replace")
    proc.wait(timeout=120)
    assert "Traceback" not in err and "BrokenPipe" not in err


def test_set_pin_without_a_terminal_or_input_is_a_message(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-m", "ipdesk", "--data-dir", str(tmp_path / "d"), "--lang", "en", "kiosk",
                          "set-pin"], stdin=subprocess.DEVNULL, capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 2 and "No terminal" in out.stderr and "--stdin" in out.stderr
    assert "Traceback" not in out.stderr and "GetPassWarning" not in out.stderr


def test_an_empty_data_folder_argument_is_refused(tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, "-m", "ipdesk", "--data-dir", "", "info"], capture_output=True, text=True,
                         cwd=tmp_path, timeout=120)
    assert out.returncode == 2 and "cannot be empty" in out.stderr
    assert not list(tmp_path.iterdir())  # nothing created in the current folder


def test_publishing_from_another_programs_database_is_explained(tmp_path: Path) -> None:
    import sqlite3

    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE x (a)")
    conn.close()
    data = tmp_path / "d"
    key = tmp_path / "k.key"
    assert ipdesk(data, "publish", "--init-key", str(key)).returncode == 0
    out = ipdesk(data, "publish", "--out", str(tmp_path / "repo"), "--key", str(key), "--from", str(other), lang="en")
    assert out.returncode != 0 and "not an ipdesk database" in out.stderr and "Traceback" not in out.stderr


def test_library_log_lines_stay_off_the_terminal_without_verbose(tmp_path: Path) -> None:
    """A refused connection: the person sees the command's message once, not urllib3's retries."""
    out = ipdesk(tmp_path / "d", "sync", "--url", "http://127.0.0.1:9/ipdesk/", lang="en")
    assert out.returncode != 0 and "Traceback" not in out.stderr
    assert "urllib3" not in out.stderr and "WARNING" not in out.stderr
    assert "refused the connection" in out.stderr  # the sync's own message, naming the cause
    logs = list((tmp_path / "d" / "logs").glob("ipdesk-*.log"))
    assert logs and any("urllib3" in f.read_text(encoding="utf-8") for f in logs)  # kept for a technician


def test_info_speaks_the_readers_language(data_dir: Path) -> None:
    import re

    en = ipdesk(data_dir, "info", lang="en")
    assert en.returncode == 0, en.stderr
    assert re.search(r"Divisions: \d+,\d{3}", en.stdout) and "GI certification mark" in en.stdout
    assert "gi_by_kind" not in en.stdout and "国家知识产权局" not in en.stdout  # the English half of each source
    zh = ipdesk(data_dir, "info", lang="zh_CN")
    assert "行政区划：" in zh.stdout and "地理标志证明商标" in zh.stdout and "{'agi'" not in zh.stdout


def test_english_search_names_gi_categories_in_english(data_dir: Path) -> None:
    out = ipdesk(data_dir, "search", "五常大米", "--kind", "gi", "--limit", "1", lang="en")
    assert out.returncode == 0 and "Grain and oil crops" in out.stdout and "粮油" not in out.stdout


@pytest.mark.parametrize("command", ["sync", "search", "publish"])
def test_every_option_of_these_commands_has_help_in_both_languages(command: str) -> None:
    """Before: their option help was English only, while import, backup and gi-check say both (qa11, #14)."""
    import argparse

    from ipdesk.cli import build_parser

    commands = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    parser = commands.choices[command]
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        text = action.help or ""
        assert "/ " in text and any("\u4e00" <= ch <= "\u9fff" for ch in text), (action.dest, text)


def test_a_region_code_no_division_has_is_named(data_dir: Path) -> None:
    """`--region 99` is well formed, but no province has it: "0 found" alone would read as "none there"."""
    out = ipdesk(data_dir, "search", "茶", "--region", "99", "--json")
    assert out.returncode == 0 and json.loads(out.stdout)["total"] == 0
    assert "没有代码为 99 的地区" in out.stderr
    known = ipdesk(data_dir, "search", "不存在的词语甲乙", "--region", "33")  # a real province, nothing found
    assert known.returncode == 0 and "行政区划表" not in known.stderr
    english = ipdesk(data_dir, "search", "茶", "--region", "3399", lang="en")
    assert "no division has the code 3399" in english.stderr
