"""Every option of every command says what it is for in Chinese and in English (`--help`)."""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator

from ipdesk.cli import build_parser

CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def helps(parser: argparse.ArgumentParser, path: str) -> Iterator[tuple[str, str | None]]:
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            continue  # argparse's own -h
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                yield f"{path} {choice.dest}", choice.help
            for name, sub in action.choices.items():
                yield from helps(sub, f"{path} {name}")
            continue
        yield f"{path} {'/'.join(action.option_strings) or action.dest}", action.help


def is_bilingual(text: str | None) -> bool:
    """"中文 / English": Chinese, then a slash, then English words."""
    if not text or text == argparse.SUPPRESS or "/ " not in text:
        return False
    chinese, _, english = text.partition("/ ")
    return bool(CJK.search(chinese)) and bool(LATIN_WORD.search(english))


def test_every_option_and_command_has_help_in_both_languages() -> None:
    found = list(helps(build_parser(), "ipdesk"))
    assert len(found) > 100  # every command was walked, with its options
    missing = [f"{where}: {text!r}" for where, text in found if not is_bilingual(text)]
    assert missing == []


def test_kiosk_and_report_help_read_in_chinese() -> None:
    """The commands QA found English-only, as `--help` prints them."""
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    kiosk = next(a for a in sub.choices["kiosk"]._actions if isinstance(a, argparse._SubParsersAction))
    assert "从标准输入读一行作为密码" in kiosk.choices["set-pin"].format_help()
    assert "重启这么多次后停止" in kiosk.choices["supervise"].format_help()
    on_start = " ".join(kiosk.choices["on-start"].format_help().split())
    assert "开机进入自助机" in on_start and "start as the kiosk" in on_start
    report = next(a for a in sub.choices["report"]._actions if isinstance(a, argparse._SubParsersAction))
    search_help = " ".join(report.choices["search"].format_help().split())
    assert "最多列出几条" in search_help and "报告格式" in search_help and "输出文件" in search_help
    assert "月份 YYYY-MM" in " ".join(report.choices["ledger"].format_help().split())
