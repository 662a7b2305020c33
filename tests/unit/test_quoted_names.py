"""A line break inside a name a service error quotes (leftovers 2): a file named "a\\nb.csv" broke the
message's line in the terminal and the window. Names go through `shown_text.quoted_name` (a line break
shows as ⏎, any other obeyed character as \\uXXXX); a message meant to span lines keeps its own breaks.
Real files with such names (POSIX allows them), real SQLite stores."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from ipdesk.domain.shown_text import bytes_as_written, quoted_name, writable

posix_names = pytest.mark.skipif(sys.platform == "win32", reason="a line break in a file name (POSIX)")


def test_quoted_name_keeps_a_name_on_one_line() -> None:
    assert quoted_name("a\nb.csv") == "a⏎b.csv"
    assert quoted_name("a\r\nb\rc\u2028d") == "a⏎b⏎c⏎d"
    assert quoted_name(Path("/tmp/x\u202egpj.zip")) == "/tmp/x\\u202egpj.zip"  # shown, not obeyed
    assert quoted_name("报告 2026.pdf") == "报告 2026.pdf"
    assert quoted_name(quoted_name("a\nb\x1b")) == "a⏎b\\u001b"  # quoting twice changes nothing


def test_a_name_in_gbk_bytes_is_quoted_as_written() -> None:
    """Python holds a file name's undecodable bytes as lone surrogates (a GBK name on a UTF-8 Linux, partly
    valid UTF-8 on top: \\udcce峣ר\\udcc0\\udcfb.csv); they are read as GB18030 when they are that."""
    gbk = "五常专利.csv".encode("gbk").decode("utf-8", "surrogateescape")
    assert "\udcce" in gbk
    assert quoted_name(gbk) == bytes_as_written(gbk) == writable(gbk) == "五常专利.csv"
    assert quoted_name("a\n" + gbk) == "a⏎五常专利.csv"
    not_gb = b"\xff\xfe.csv".decode("utf-8", "surrogateescape")  # bytes GB18030 does not read either
    assert bytes_as_written(not_gb) == not_gb
    assert quoted_name(not_gb) == writable(not_gb) == "\\udcff\\udcfe.csv"
    assert writable("a\ud800b\n") == "a\\ud800b\n"  # a lone surrogate of another kind: its code; nothing else changes
    writable(gbk + not_gb).encode("utf-8")  # whatever it holds, UTF-8 can write it


@posix_names
def test_an_import_error_names_the_file_on_one_line(tmp_path: Path, services: object) -> None:
    from ipdesk.services.importers import ImportFileError

    path = tmp_path / "a\nb.csv"
    path.write_bytes(b"")
    with pytest.raises(ImportFileError) as caught:
        services.importer.stage([path])  # type: ignore[attr-defined]
    for lang in ("zh_CN", "en"):
        message = caught.value.message(lang)
        assert "\n" not in message and message.startswith("a⏎b.csv"), message
    assert caught.value.file == "a\nb.csv"  # the name itself is kept (the log, a list of files)


@posix_names
def test_a_backup_error_names_the_file_on_one_line(tmp_path: Path, services: object) -> None:
    from ipdesk.services.backup import BackupError, restore_backup

    db = services.db  # type: ignore[attr-defined]
    notes = tmp_path / "notes\n2026.zip"
    notes.write_bytes(b"not a zip at all")
    with pytest.raises(BackupError) as caught:
        restore_backup(db, db.path.parent, notes)
    assert "\n" not in caught.value.zh and "notes⏎2026.zip：" in caught.value.zh
    with pytest.raises(BackupError) as missing:
        restore_backup(db, db.path.parent, tmp_path / "gone\r\n.zip")
    assert "\n" not in missing.value.en and "gone⏎.zip" in missing.value.en


@posix_names
def test_a_folder_of_backups_keeps_its_list_on_lines_of_its_own(tmp_path: Path, services: object) -> None:
    """A message meant to span lines (the backups in a folder, one a line) keeps its line breaks; a
    name in it does not add one."""
    from ipdesk.services.backup import BackupError, create_backup, restore_backup

    db = services.db  # type: ignore[attr-defined]
    folder = tmp_path / "U盘\n备份"
    folder.mkdir()
    made = create_backup(db, db.path.parent, folder / "ipdesk-备份-2026-11-28-0435.zip")
    with pytest.raises(BackupError) as caught:
        restore_backup(db, db.path.parent, folder)
    lines = caught.value.zh.splitlines()
    assert lines[0].startswith(f"{tmp_path}/U盘⏎备份 是一个文件夹") and lines[1:] == [f"  {quoted_name(made.path)}"]


@posix_names
def test_a_report_file_error_names_the_file_on_one_line(tmp_path: Path) -> None:
    from ipdesk.domain.i18n import Text
    from ipdesk.services.errors import UserInputError
    from ipdesk.services.outfiles import require_suffix

    with pytest.raises(UserInputError) as caught:  # refused (Windows takes no control character), on one line
        require_suffix(tmp_path / "季度\n报告.docx", ".pdf", Text("报告", "report"))
    assert "\n" not in caught.value.zh and "季度⏎报告.docx" in caught.value.zh and "不允许的字符" in caught.value.zh


@posix_names
def test_sync_dir_names_the_folder_on_one_line(tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from ipdesk.cli import main

    gone = tmp_path / "U盘\n更新"
    assert main(["--data-dir", str(data_dir), "--lang", "en", "sync", "--dir", str(gone)]) != 0
    err = capsys.readouterr().err
    line = next(line for line in err.splitlines() if "update folder was not found" in line)
    assert f"{tmp_path}/U盘⏎更新" in line, err


@posix_names
def test_an_imports_notices_name_the_file_on_one_line(tmp_path: Path, services: object) -> None:
    """The notices under a preview (how a list was read, doubtful statuses …) are lines of the window's
    list: a name in them stays on one line."""
    from tests.importers.conftest import PATENT_HEADER, patent_rows, write_csv

    rows = [[*row, "有效"] for row in patent_rows(2)]
    rows[0][6] = "1990-01-02"  # an invention filed in 1990 and 有效: its status contradicts its dates
    path = write_csv(tmp_path / "e\nf.csv", [*PATENT_HEADER, "法律状态"], rows)
    preview = services.importer.stage([path])  # type: ignore[attr-defined]
    texts = [n.text(lang) for n in preview.notices for lang in ("zh_CN", "en")]
    assert any("状态存疑" in t for t in texts) and any("read as" in t for t in texts), texts
    for text in texts:
        assert "\n" not in text and "e⏎f.csv" in text, text


# --- names and values a person typed: a saved search's name, a setting, a report's title (QA 23) ---

OVERRIDE = "合成\u202e检索"  # U+202E would show the rest of the line backwards
OVERRIDE_SHOWN = "合成\\u202e检索"


def _one_line_shown(message: str, shown: str) -> None:
    assert shown in message and "\u202e" not in message and "\n" not in message, message


def test_a_saved_search_error_quotes_its_name_on_one_line(services: object) -> None:
    from ipdesk.services.saved_searches import SavedSearchNameTaken, SavedSearchNotFound
    from ipdesk.services.search import SearchFilters

    saved = services.saved_searches  # type: ignore[attr-defined]
    saved.save(OVERRIDE, "茶", SearchFilters())
    with pytest.raises(SavedSearchNameTaken) as taken:
        saved.save(OVERRIDE, "茶叶", SearchFilters())
    with pytest.raises(SavedSearchNotFound) as missing:
        saved.run("没有\u202e这个")
    for lang in ("zh_CN", "en"):
        _one_line_shown(taken.value.message(lang), OVERRIDE_SHOWN)
        _one_line_shown(missing.value.message(lang), "没有\\u202e这个")
    assert taken.value.name == OVERRIDE  # the name itself, for the window's question


def test_the_command_line_quotes_a_saved_searchs_name(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from ipdesk.cli import main

    assert main(["--data-dir", str(data_dir), "--lang", "zh_CN", "search", "茶", "--save", OVERRIDE]) == 0
    assert main(["--data-dir", str(data_dir), "--lang", "en", "search", "--saved"]) == 0
    assert main(["--data-dir", str(data_dir), "--lang", "en", "search", "--rename-saved", OVERRIDE, "新\u202e名"]) == 0
    assert main(["--data-dir", str(data_dir), "--lang", "zh_CN", "search", "--delete-saved", "新\u202e名"]) == 0
    out = capsys.readouterr().out
    assert "\u202e" not in out, out
    assert f"已保存为“{OVERRIDE_SHOWN}”" in out
    assert f"   1. {OVERRIDE_SHOWN}: 茶" in out
    assert f"Renamed \"{OVERRIDE_SHOWN}\" to \"新\\u202e名\"" in out
    assert "已删除已保存的检索“新\\u202e名”" in out


def test_a_settings_file_problem_quotes_the_name_and_value_as_typed(data_dir: Path) -> None:
    import json

    from ipdesk.services.settings import load_settings, setting_problems

    (data_dir / "settings.json").write_text(json.dumps(
        {"centre\u202ename": "合成中心", "kiosk_idle_seconds": "九十\u2028秒", "update_source": ["a\u202eb"]}),
        encoding="utf-8")
    load_settings(data_dir)
    problems = {p.name: p.text for p in setting_problems(data_dir)}
    assert set(problems) == {"centre_name", "kiosk_idle_seconds", "update_source"}  # the setting it was meant for
    for text in problems.values():
        for message in (text.zh, text.en):
            assert "\u202e" not in message and "\u2028" not in message, message
    assert 'no setting "centre\\u202ename"' in problems["centre_name"].en
    assert "九十⏎秒" in problems["kiosk_idle_seconds"].zh
    assert "a\\u202eb" in problems["update_source"].en


def test_an_update_source_address_is_quoted_on_one_line() -> None:
    """The address typed as the update source, in the sync's messages: a real refused connection on
    this machine's loopback, and an address of a kind no update comes from."""
    import socket

    from ipdesk.services.sync.client import DownloadPolicy, HttpSource, make_source
    from ipdesk.services.sync.errors import DownloadError, SyncError

    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there now
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    source = HttpSource(f"http://127.0.0.1:{port}/合成\u202e更新/", DownloadPolicy(retries=0))
    with pytest.raises(DownloadError) as refused:
        source.fetch_small("manifest.json", 1000)
    with pytest.raises(SyncError) as unknown:
        make_source("ftp://合成\u202e更新")
    for lang in ("zh_CN", "en"):
        _one_line_shown(refused.value.message(lang), f"127.0.0.1:{port}/合成\\u202e更新/")
        _one_line_shown(unknown.value.message(lang), "ftp://合成\\u202e更新")


def test_the_command_line_quotes_the_update_source(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from ipdesk.cli import main

    (data_dir / "settings.json").write_text(json.dumps({"update_source": "https://合成.example/a\nb\u202e/"}),
                                            encoding="utf-8")
    assert main(["--data-dir", str(data_dir), "--lang", "en", "info"]) == 0
    out = capsys.readouterr().out
    (line,) = [x for x in out.splitlines() if "Update source:" in x]
    assert line.endswith("Update source: https://合成.example/a⏎b\\u202e/"), line
