"""The language of a command-line argument error.

argparse stops at the first bad argument, before `main` knows the language, and maybe before
`--lang` itself is parsed. What is known then: `--lang` if the command line has it, else the
language saved in the data folder's settings, else nothing, and the message stays in both languages.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

from ipdesk.domain.shown_text import escaped

_LANGUAGES = ("zh_CN", "en")
_command_line: list[str] = []


def set_command_line(argv: Sequence[str]) -> None:
    """The arguments being parsed (`ipdesk.cli.parse_arguments` sets them first)."""
    _command_line[:] = list(argv)


def _option(argv: Sequence[str], name: str) -> str | None:
    """The last value of `--name V` or `--name=V` before a `--`."""
    value = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == name and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith(name + "="):
            value = arg[len(name) + 1:]
    return value


def _saved_language(folder: Path) -> str | None:
    """The language in `folder`'s settings file, read only (a damaged file is left for the command
    to set aside and report); None when there is none or it cannot be read."""
    from ipdesk.services.settings import settings_path

    try:
        data = settings_path(folder).read_bytes()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("gb18030")  # saved by Notepad as "ANSI" (see services.settings)
        raw = json.loads(text)
    except (OSError, ValueError):
        return None
    language = raw.get("language") if isinstance(raw, dict) else None
    return language if language in _LANGUAGES else None


def argument_language(argv: Sequence[str] | None = None) -> str | None:
    """"zh_CN" or "en" as far as is known while arguments are parsed; None: unknown (say both)."""
    argv = _command_line if argv is None else argv
    typed = _option(argv, "--lang")
    if typed in _LANGUAGES:
        return typed
    data_dir = _option(argv, "--data-dir")
    if data_dir is None:
        from ipdesk.services.db import default_data_dir  # IPDESK_DATA_DIR, else the user's folder

        return _saved_language(default_data_dir())
    return _saved_language(Path(data_dir)) if data_dir.strip() else None


def argument_text(zh: str, en: str, argv: Sequence[str] | None = None) -> str:
    """An argument error's words in the language known so far, else "zh / en"."""
    lang = argument_language(argv)
    if lang == "en":
        return en
    if lang == "zh_CN":
        return zh
    return f"{zh} / {en}"


_TYPE_NAMES = {"int": "整数", "float": "数字", "Path": "路径", "_folder_argument": "文件夹"}


def _chinese_detail(detail: str) -> str:
    """The part after "argument X: " of an argparse message: its fixed phrases in Chinese; a
    message of ours (already in the chosen language) is left as it is."""
    patterns: list[tuple[str, str]] = [
        (r"invalid choice: (?P<value>.*) \(choose from (?P<choices>.*)\)$", "无效的选择 {value}（可选：{choices}）"),
        (r"expected one argument$", "缺少一个值"),
        (r"expected at most one argument$", "最多只能有一个值"),
        (r"expected at least one argument$", "至少需要一个值"),
        (r"expected (?P<n>\d+) arguments?$", "需要 {n} 个值"),
        (r"invalid (?P<type>\w+) value: (?P<value>.*)$", "无效的{type}值：{value}"),
        (r"not allowed with argument (?P<other>.*)$", "不能与参数 {other} 同时使用"),
        (r"ignored explicit argument (?P<value>.*)$", "不接受值 {value}"),
    ]
    for pattern, chinese in patterns:
        found = re.match(pattern, detail)
        if found:
            parts = found.groupdict()
            if "type" in parts:
                parts["type"] = _TYPE_NAMES.get(parts["type"], parts["type"])
            return chinese.format(**parts)
    return detail


def chinese_argument_error(message: str) -> str | None:
    """argparse's English error in Chinese (its own messages are English only: an error before the
    command runs still has to be understood by a Chinese-only reader); None for a message not known."""
    whole: list[tuple[str, str]] = [
        (r"the following arguments are required: (?P<names>.*)$", "缺少必需的参数：{names}"),
        (r"unrecognized arguments: (?P<names>.*)$", "无法识别的参数：{names}"),
        (r"one of the arguments (?P<names>.*) is required$", "必须给出以下参数之一：{names}"),
        (r"ambiguous option: (?P<option>\S+) could match (?P<matches>.*)$", "选项 {option} 不明确，可能是：{matches}"),
        (r"expected one argument$", "缺少一个值"),
    ]
    for pattern, chinese in whole:
        found = re.match(pattern, message)
        if found:
            return chinese.format(**found.groupdict())
    found = re.match(r"argument (?P<name>[^:]+): (?P<detail>.*)$", message, re.DOTALL)
    if found:
        detail = _chinese_detail(found["detail"])
        if detail != found["detail"] or re.search(r"[\u4e00-\u9fff]", detail):
            return f"参数 {found['name']}：{detail}"
    return None


def dash_value_hint(message: str, argv: Sequence[str] | None = None) -> tuple[str, str] | None:
    """(zh, en) for "expected one argument" when the value typed after the option begins with "-"
    (`--client -张三`, `--purpose -`): argparse takes such a value for another option and says only that
    the value is missing, though it was typed. The way that works is `--client=-张三`."""
    found = re.match(r"argument (?P<names>[^:]+): expected one argument$", message)
    if not found:
        return None
    names = [name.strip() for name in found["names"].split("/")]
    argv = list(_command_line if argv is None else argv)
    for i, token in enumerate(argv[:-1]):
        value = argv[i + 1]
        if token in names and value.startswith("-") and value != "--":
            option = next((n for n in names if n.startswith("--")), token)
            written = escaped(f"{option}={value}")  # typed text: no control character obeyed
            return (f"值以“-”开头时请写成 {written}", f"a value that begins with '-' is written {written}")
    return None
