"""An argument error is said in the chosen language (QA 18b N9): with `--lang en` it began
"参数错误 / invalid arguments:". argparse stops before the language is known, so what is known is
used: `--lang` on the command line, else the saved setting, else both languages as before."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ipdesk.cli import main

CJK = re.compile(r"[\u4e00-\u9fff]")


def _error(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    with pytest.raises(SystemExit) as stopped:
        main(list(argv))
    assert stopped.value.code == 2
    return capsys.readouterr().err.splitlines()[-1]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A data folder that need not be built: the error comes before anything is opened."""
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.mark.parametrize("lang_args", [["--lang", "en"], ["--lang=en"]])
def test_lang_en_says_it_in_english_only(capsys: pytest.CaptureFixture[str], folder: Path,
                                         lang_args: list[str]) -> None:
    line = _error(capsys, "--data-dir", str(folder), *lang_args, "search")
    assert line == "ipdesk: invalid arguments: the following arguments are required: query", line
    line = _error(capsys, "--data-dir", str(folder), "--bogus-option", *lang_args)  # before --lang is parsed
    assert line.startswith("ipdesk: invalid arguments: ") and not CJK.search(line), line


def test_lang_zh_says_it_in_chinese(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    line = _error(capsys, "--data-dir", str(folder), "--lang", "zh_CN", "search")
    assert line.startswith("ipdesk: 参数错误：the following arguments") and "invalid arguments" not in line, line


def test_the_saved_language_is_used_without_lang(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    (folder / "settings.json").write_text(json.dumps({"language": "en"}), encoding="utf-8")
    line = _error(capsys, "--data-dir", str(folder), "report", "ledger")
    assert line.startswith("ipdesk: invalid arguments: the following arguments are required: --out"), line
    assert _error(capsys, "--data-dir", str(folder), "--lang", "zh_CN", "search").startswith("ipdesk: 参数错误：")


def test_unknown_language_says_both_and_a_damaged_settings_file_is_left_alone(
        capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    line = _error(capsys, "--data-dir", str(folder), "search")
    assert line.startswith("ipdesk: 参数错误 / invalid arguments: "), line
    damaged = folder / "settings.json"
    damaged.write_text("{not json", encoding="utf-8")
    line = _error(capsys, "--data-dir", str(folder), "search")
    assert line.startswith("ipdesk: 参数错误 / invalid arguments: "), line
    assert damaged.read_text(encoding="utf-8") == "{not json"  # the command that runs sets it aside and says so
    assert _error(capsys, "--data-dir", str(folder), "--lang", "fr", "search").startswith(
        "ipdesk: 参数错误 / invalid arguments: argument --lang: invalid choice")


def test_an_empty_path_is_refused_in_the_chosen_language(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    line = _error(capsys, "--lang", "en", "--data-dir", "", "info")
    assert line == "ipdesk: invalid arguments: argument --data-dir: the data folder cannot be empty", line
    line = _error(capsys, "--data-dir", str(folder), "--lang", "en", "report", "ledger", "--out", "")
    assert line.endswith("the output path cannot be empty: give a file name or a folder") and not CJK.search(line)
    line = _error(capsys, "--data-dir", str(folder), "--lang", "zh_CN", "report", "ledger", "--out", "")
    assert line.endswith("输出路径不能为空：请给出文件名或文件夹") and "output path" not in line, line
