"""The `ipdesk` command: the app by default, subcommands for scripted use.

Every expected failure is an IpdeskError with a message in the chosen language and an exit status
(2 for bad input); nothing a user can cause prints a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import importlib
import logging
import os
import re
import sys
from pathlib import Path
from typing import NoReturn

from ipdesk import __version__
from ipdesk.commands.arguments import (
    argument_language,
    argument_text,
    chinese_argument_error,
    dash_value_hint,
    set_command_line,
)
from ipdesk.domain.i18n import pick
from ipdesk.domain.shown_text import escaped
from ipdesk.services.db import default_data_dir
from ipdesk.services.errors import IpdeskError, as_expected, os_reason

log = logging.getLogger("ipdesk.cli")

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
    "ipdesk.commands.backup_cmd",
    "ipdesk.commands.licences_cmd",
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        """Exit 2 with one clear line, as argparse does, in the language known so far: --lang if
        given, else the saved setting, else both (`commands.arguments`)."""
        self.print_usage(sys.stderr)
        sys.stderr.write(f"ipdesk: {_argument_error_line(message, argument_language())}\n")
        raise SystemExit(2)


def _argument_error_line(message: str, lang: str | None) -> str:
    """argparse's own words are English: in Chinese they are translated (`chinese_argument_error`);
    a message of ours arrives in the language known so far already."""
    chinese = chinese_argument_error(message)
    hint = dash_value_hint(message)
    hint_zh, hint_en = (f"（{hint[0]}）", f" ({hint[1]})") if hint else ("", "")
    if lang == "en":
        return f"invalid arguments: {message}{hint_en}"
    if lang == "zh_CN":
        return f"参数错误：{chinese or message}{hint_zh}"
    if chinese is not None and not re.search(r"[\u4e00-\u9fff]", message):
        return f"参数错误：{chinese}{hint_zh} / invalid arguments: {message}{hint_en}"
    return f"参数错误 / invalid arguments: {message}{hint_en}"


def _folder_argument(value: str) -> Path:
    if not value.strip():  # `--data-dir ""` would otherwise be the current folder
        raise argparse.ArgumentTypeError(argument_text("数据文件夹不能为空", "the data folder cannot be empty"))
    return Path(value)


def build_parser(*, with_commands: bool = True) -> argparse.ArgumentParser:
    """The whole command line; `with_commands=False` gives the global options only (importing the
    subcommand modules pulls in requests, cryptography, python-docx, openpyxl and pypinyin)."""
    parser = _Parser(prog="ipdesk", description="ipdesk — 离线知识产权信息台 / offline IP information desk")
    parser.add_argument("--version", action="version", version=f"ipdesk {__version__}",
                        help="显示版本号后退出 / show the version and exit")
    parser.add_argument("--data-dir", type=_folder_argument, help="数据文件夹（或环境变量 IPDESK_DATA_DIR）/ data folder (or IPDESK_DATA_DIR)")
    parser.add_argument("--lang", choices=("zh_CN", "en"), help="界面语言（默认为保存的设置，否则 zh_CN）/ language (default: the saved setting, else zh_CN)")
    parser.add_argument("--kiosk", action="store_true", help="启动无人值守的触摸屏自助机 / start the unattended touch kiosk")
    parser.add_argument("--verbose", "-v", action="store_true", help="把全部日志也显示在屏幕上（stderr）/ also show the whole log on stderr")
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
    set_command_line(argv)  # an argument error is said in --lang, or the saved language
    if not any(a in ("-h", "--help") for a in argv):
        args, rest = build_parser(with_commands=False).parse_known_args(argv)
        if not rest:
            args.command = None
            return args
    args = build_parser().parse_args(argv)
    check = getattr(args, "check_arguments", None)  # what argparse cannot say (`search` needs a query unless …)
    if callable(check):
        check(args)
    return args


def _language(args: argparse.Namespace, data_dir: Path) -> str:
    from ipdesk.services.settings import load_settings

    # read even with --lang: a damaged settings file is set aside here, and said so at once (below)
    saved = load_settings(data_dir).language if data_dir.exists() else "zh_CN"
    return str(args.lang) if args.lang else saved


def _tell_damaged_settings(data_dir: Path, lang: str) -> None:
    """One line on stderr when this run found the settings file damaged and reset it."""
    from ipdesk.services.settings import damaged_settings_kept, damaged_settings_notice

    kept = damaged_settings_kept(data_dir)
    if kept is not None:
        notice = damaged_settings_notice(kept)
        sys.stderr.write(f"ipdesk: {pick(lang, notice.zh, notice.en)}\n")


def _utf8_streams() -> None:
    """Chinese output must survive a pipe or a redirect: Python writes those in the locale's code
    page (cp1252 on an English Windows: the first Chinese character raised; GBK on a Chinese one,
    which lacks some place-name characters). A console or a UTF-8 locale is left as it is."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", "") or "").lower().replace("-", "")
        reconfigure = getattr(stream, "reconfigure", None)
        if encoding != "utf8" and reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")


def _setup_logging(verbose: bool, data_dir: Path) -> None:
    """Information and up in this run's file under `<data>/logs/` (`services.logfiles`); on stderr
    only with -v (everything then). Without -v a person sees the command's own bilingual messages,
    not library log lines (urllib3's retries, English warnings) repeating them."""
    from ipdesk.services.logfiles import LogFormatter, open_log_file

    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() in ("ipdesk-console", "ipdesk-file")]:
        root.removeHandler(old)  # main() called again in one process (tests, the selftest)
        old.close()
    console = logging.StreamHandler()
    console.set_name("ipdesk-console")
    console.setLevel(logging.DEBUG if verbose else logging.CRITICAL + 1)
    console.setFormatter(LogFormatter("%(levelname)s %(name)s: %(message)s"))
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    root.addHandler(console)
    file_handler = open_log_file(data_dir, logging.DEBUG if verbose else logging.INFO)
    if file_handler is not None:
        file_handler.set_name("ipdesk-file")
        root.addHandler(file_handler)


def _terminal_text(text: str) -> str:
    """An error's message as the terminal shows it: a file or folder name it quotes (a made-up update
    folder, a backup named with \\x1b[2J or U+202E) is shown as \\uXXXX, not obeyed. Its own line breaks
    stay (a list of townships); a command prints a name within a line through `context.one_line`."""
    return escaped(text, keep="\t\n")


def main(argv: list[str] | None = None) -> int:
    """The command line; Ctrl+C while it starts (reading the arguments, the settings, the language) says
    "cancelled" in both languages, as the command's own handler does in one, never with a traceback."""
    try:
        return _main(argv)
    except KeyboardInterrupt:
        with contextlib.suppress(OSError, ValueError):
            sys.stderr.write("\nipdesk: 已取消。/ Cancelled.\n")
        return 130


def _main(argv: list[str] | None) -> int:
    _utf8_streams()
    args = parse_arguments(argv)
    data_dir = args.data_dir or default_data_dir()
    _setup_logging(args.verbose, data_dir)
    if args.data_dir:
        os.environ["IPDESK_DATA_DIR"] = str(data_dir)
    try:
        lang = _language(args, data_dir)
    except (OSError, ValueError):  # a folder this user may not open: the command's own check says so properly
        log.warning("settings could not be read", exc_info=True)
        lang = args.lang or "zh_CN"
    _tell_damaged_settings(data_dir, lang)
    if args.command is None:
        from ipdesk.app import run_app  # imports Qt only when the window is wanted

        return run_app(data_dir=data_dir, lang=lang, kiosk=args.kiosk)
    from ipdesk.commands.context import CliContext

    ctx = CliContext(data_dir=data_dir, lang=lang)
    try:
        try:
            return int(args.func(args, ctx))
        except Exception as raised:
            expected = as_expected(raised)  # a database left locked by a data update: said in words
            if expected is raised:
                raise
            raise expected from raised
    except IpdeskError as exc:
        # The technical detail (a driver's or a server's words, in English) is for the log, or -v.
        if exc.detail:
            log.warning("%s: %s", type(exc).__name__, exc.detail)
        detail = f"\n{exc.detail}" if args.verbose and exc.detail else ""
        sys.stderr.write(f"ipdesk: {_terminal_text(exc.message(lang) + detail)}\n")
        return exc.exit_code
    except BrokenPipeError:
        # The reader went away (`ipdesk search … | head`): stop quietly, as other command-line tools do.
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141 if os.name == "posix" else 1
    except KeyboardInterrupt:
        sys.stderr.write("\nipdesk: " + pick(lang, "已取消。", "Cancelled.") + "\n")
        return 130
    except EOFError:
        sys.stderr.write("ipdesk: " + pick(lang, "没有读到输入（输入已结束）。", "No input (the input ended).") + "\n")
        return 2
    except OSError as exc:
        log.warning("command failed on a file", exc_info=exc)
        sys.stderr.write(f"ipdesk: {_os_error_text(exc, lang)}\n")
        return 1
    except Exception as exc:
        if args.verbose:
            raise
        log.critical("unexpected error in `ipdesk %s`", args.command, exc_info=exc)
        sys.stderr.write("ipdesk: " + pick(
            lang, f"发生了意外错误（{type(exc).__name__}）。详细信息已写入日志：{_log_file() or '（无）'}",
            f"An unexpected error occurred ({type(exc).__name__}). The details are in the log: {_log_file() or '(none)'}",
        ) + "\n")
        return 70
    finally:
        ctx.close()


def _os_error_text(exc: OSError, lang: str) -> str:
    where = f"：{exc.filename}" if exc.filename else ""
    where_en = f": {exc.filename}" if exc.filename else ""
    if exc.errno == errno.ENOSPC:
        return pick(lang, f"磁盘已满{where}。请释放空间后重试。", f"The disk is full{where_en}. Free some space and try again.")
    reason = os_reason(exc)
    return pick(lang, f"无法读写文件或文件夹{where}（{reason.zh}）。",
                f"Cannot read or write the file or folder{where_en} ({reason.en}).")


def _log_file() -> str:
    from ipdesk.services.logfiles import current_log_file

    path = current_log_file()
    return str(path) if path is not None else ""


if __name__ == "__main__":
    raise SystemExit(main())
