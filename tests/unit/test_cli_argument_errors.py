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
    assert line == "ipdesk: 参数错误：缺少必需的参数：query", line  # argparse's English translated (QA 19c N7)
    line = _error(capsys, "--data-dir", str(folder), "--lang", "zh_CN", "search", "x", "--limit", "abc")
    assert line == "ipdesk: 参数错误：参数 --limit：无效的整数值：'abc'", line
    line = _error(capsys, "--data-dir", str(folder), "--lang", "zh_CN", "search", "x", "--kind", "foo")
    assert line.startswith("ipdesk: 参数错误：参数 --kind：无效的选择 'foo'（可选：'gi'"), line
    line = _error(capsys, "--data-dir", str(folder), "--lang", "zh_CN", "gi-check", "--product")
    assert line == "ipdesk: 参数错误：参数 --product：缺少一个值", line
    line = _error(capsys, "--data-dir", str(folder), "--lang", "zh_CN", "info", "--bogus")
    assert line == "ipdesk: 参数错误：无法识别的参数：--bogus", line


def test_the_saved_language_is_used_without_lang(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    (folder / "settings.json").write_text(json.dumps({"language": "en"}), encoding="utf-8")
    line = _error(capsys, "--data-dir", str(folder), "report", "ledger")
    assert line.startswith("ipdesk: invalid arguments: the following arguments are required: --out"), line
    assert _error(capsys, "--data-dir", str(folder), "--lang", "zh_CN", "search").startswith("ipdesk: 参数错误：")


def test_unknown_language_says_both_and_a_damaged_settings_file_is_left_alone(
        capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    line = _error(capsys, "--data-dir", str(folder), "search")
    assert line == ("ipdesk: 参数错误：缺少必需的参数：query / "
                    "invalid arguments: the following arguments are required: query"), line
    damaged = folder / "settings.json"
    damaged.write_text("{not json", encoding="utf-8")
    line = _error(capsys, "--data-dir", str(folder), "search")
    assert line.startswith("ipdesk: 参数错误：缺少必需的参数：query / invalid arguments: "), line
    assert damaged.read_text(encoding="utf-8") == "{not json"  # the command that runs sets it aside and says so
    line = _error(capsys, "--data-dir", str(folder), "--lang", "fr", "search")
    assert line.startswith("ipdesk: 参数错误：参数 --lang：无效的选择 'fr'"), line
    assert " / invalid arguments: argument --lang: invalid choice: 'fr'" in line, line


def test_an_empty_path_is_refused_in_the_chosen_language(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    line = _error(capsys, "--lang", "en", "--data-dir", "", "info")
    assert line == "ipdesk: invalid arguments: argument --data-dir: the data folder cannot be empty", line
    line = _error(capsys, "--data-dir", str(folder), "--lang", "en", "report", "ledger", "--out", "")
    assert line.endswith("the output path cannot be empty: give a file name or a folder") and not CJK.search(line)
    line = _error(capsys, "--data-dir", str(folder), "--lang", "zh_CN", "report", "ledger", "--out", "")
    assert line.endswith("输出路径不能为空：请给出文件名或文件夹") and "output path" not in line, line


def test_a_message_of_ours_is_not_said_twice_when_the_language_is_unknown(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Our own argument messages are already "zh / en" then: only the label is added."""
    line = _error(capsys, "--data-dir", "", "info")
    assert line == "ipdesk: 参数错误 / invalid arguments: argument --data-dir: 数据文件夹不能为空 / the data folder cannot be empty", line


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "ipdesk: invalid arguments: argument --client: expected one argument "
           "(a value that begins with '-' is written --client=-张三)"),
    ("zh_CN", "ipdesk: 参数错误：参数 --client：缺少一个值（值以“-”开头时请写成 --client=-张三）"),
])
def test_a_value_beginning_with_a_dash_gets_the_way_that_works(capsys: pytest.CaptureFixture[str], folder: Path,
                                                               lang: str, expected: str) -> None:
    """`--client -张三` was refused as if no value had been typed ("expected one argument")."""
    line = _error(capsys, "--data-dir", str(folder), "--lang", lang, "report", "entries", "--client", "-张三")
    assert line == expected, line
    # a value that is missing indeed gets no hint
    line = _error(capsys, "--data-dir", str(folder), "--lang", lang, "report", "entries", "--client")
    assert "--client=" not in line, line


def test_the_hint_shows_a_typed_control_character_escaped(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    line = _error(capsys, "--data-dir", str(folder), "--lang", "en", "report", "entries", "--client", "-\u202e张三")
    assert "--client=-\\u202e张三" in line and "\u202e" not in line, line


def test_the_way_it_suggests_works(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    assert main(["--data-dir", str(folder), "--lang", "en", "report", "entries", "--client=-张三"]) == 0
