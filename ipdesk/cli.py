"""The `ipdesk` command: the app by default, subcommands for scripted use.

Every expected failure is an IpdeskError with a message in the chosen language and an exit status
(2 for bad input); nothing a user can cause prints a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from pathlib import Path
from typing import NoReturn

from ipdesk import __version__
from ipdesk.services.db import default_data_dir
from ipdesk.services.errors import IpdeskError

COMMAND_MODULES = (
    "ipdesk.commands.info_cmd",
    "ipdesk.commands.search_cmd",
    "ipdesk.commands.selftest_cmd",
    "ipdesk.commands.sync_cmd",
    "ipdesk.commands.publish_cmd",
    "ipdesk.commands.gi_check_cmd",
    "ipdesk.commands.brand_check_cmd",
    "ipdesk.commands.patents_cmd",
    "ipdesk.commands.report_cmd",
    "ipdesk.commands.import_cmd",
    "ipdesk.commands.kiosk_cmd",
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # exit 2 with one clear line, as argparse does, but bilingual
        self.print_usage(sys.stderr)
        sys.stderr.write(f"ipdesk: 参数错误 / invalid arguments: {message}\n")
        raise SystemExit(2)


def build_parser(*, with_commands: bool = True) -> argparse.ArgumentParser:
    """The whole command line; `with_commands=False` gives the global options only (importing the
    subcommand modules pulls in requests, cryptography, python-docx, openpyxl and pypinyin)."""
    parser = _Parser(prog="ipdesk", description="ipdesk — 离线知识产权信息桌面 / offline IP information desk")
    parser.add_argument("--version", action="version", version=f"ipdesk {__version__}")
    parser.add_argument("--data-dir", type=Path, help="data folder (or IPDESK_DATA_DIR)")
    parser.add_argument("--lang", choices=("zh_CN", "en"), help="language (default: the saved setting, else zh_CN)")
    parser.add_argument("--kiosk", action="store_true", help="start the unattended touch kiosk")
    parser.add_argument("--verbose", "-v", action="store_true")
    if not with_commands:
        return parser
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    """Starting the window needs only the global options: the subcommands (and what they import,
    ~60 MB and a tenth of a second) are loaded when the command line names one, or asks for help."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not any(a in ("-h", "--help") for a in argv):
        args, rest = build_parser(with_commands=False).parse_known_args(argv)
        if not rest:
            args.command = None
            return args
    return build_parser().parse_args(argv)


def _language(args: argparse.Namespace, data_dir: Path) -> str:
    if args.lang:
        return str(args.lang)
    from ipdesk.services.settings import load_settings

    return load_settings(data_dir).language if data_dir.exists() else "zh_CN"


def main(argv: list[str] | None = None) -> int:
    args = parse_arguments(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    data_dir = args.data_dir or default_data_dir()
    if args.data_dir:
        os.environ["IPDESK_DATA_DIR"] = str(data_dir)
    lang = _language(args, data_dir)
    if args.command is None:
        from ipdesk.app import run_app  # imports Qt only when the window is wanted

        return run_app(data_dir=data_dir, lang=lang, kiosk=args.kiosk)
    from ipdesk.commands.context import CliContext

    ctx = CliContext(data_dir=data_dir, lang=lang)
    try:
        return int(args.func(args, ctx))
    except IpdeskError as exc:
        sys.stderr.write(f"ipdesk: {exc.message(lang)}\n")
        return exc.exit_code
    finally:
        ctx.close()


if __name__ == "__main__":
    raise SystemExit(main())
