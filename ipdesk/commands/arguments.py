"""The language of a command-line argument error.

argparse stops at the first bad argument, before `main` knows the language, and maybe before
`--lang` itself is parsed. What is known then: `--lang` if the command line has it, else the
language saved in the data folder's settings, else nothing, and the message stays in both languages.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

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
