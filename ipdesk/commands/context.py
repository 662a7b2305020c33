"""What every subcommand gets: options, language, output helpers and lazily built services."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ipdesk.commands.arguments import argument_text
from ipdesk.domain.i18n import Text, pick
from ipdesk.domain.rules import choices_text
from ipdesk.domain.shown_text import bytes_as_written, escaped, quoted_name, writable
from ipdesk.services.container import Services, build_services
from ipdesk.services.errors import UserInputError
from ipdesk.services.importers.safety import ImportFileError
from ipdesk.services.places import fold_typed_place
from ipdesk.services.restore_state import check_at_start


@dataclass
class CliContext:
    data_dir: Path
    lang: str
    _services: Services | None = field(default=None, repr=False)
    # report files of deleted entries its start removed (a deletion cut short, or files that could
    # not be removed then: services.reports.erasure.remove_left_files)
    left_files_removed: list[Path] = field(default_factory=list, repr=False)

    def t(self, zh: str, en: str) -> str:
        return pick(self.lang, zh, en)

    @property
    def services(self) -> Services:
        if self._services is None:
            self._services = build_services(self.data_dir)
            self._after_start()
        return self._services

    def _after_start(self) -> None:
        """What a start tells and tidies: a restore that did not finish (said on stderr, so that
        --json output stays clean), the work folder a restore cut short left behind, and the report
        files of deleted entries still to remove (a deletion cut short: the computer switched off)."""
        notice = check_at_start(self.data_dir)
        if notice is not None:
            sys.stderr.write(f"ipdesk: {notice(self.lang)}\n")
        if self._services is not None:
            from ipdesk.services.reports.erasure import remove_left_files

            self.left_files_removed, _left = remove_left_files(self._services.db.local_store.session, self.data_dir)

    def close(self) -> None:
        if self._services is not None:
            self._services.close()

    @staticmethod
    def print_json(obj: Any) -> None:
        sys.stdout.write(json.dumps(_writable(obj), ensure_ascii=False, indent=2, default=str) + "\n")


def _writable(obj: Any) -> Any:
    """`obj` with every string `writable`: a file named in GBK bytes on a UTF-8 Linux reached --json as lone
    surrogates, which a strict UTF-8 stdout refused (a traceback) and a lenient one wrote as raw GBK bytes,
    invalid UTF-8 that a JSON reader refuses."""
    if isinstance(obj, str):
        return writable(obj)
    if isinstance(obj, dict):
        return {_writable(k): _writable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_writable(v) for v in obj]
    return obj


def one_line(text: object) -> str:
    """Record text or a file name for one line of a terminal: a line break in an imported title or a
    file's name does not start a line of its own (forging one), and a terminal escape (\\x1b[2J) or a
    direction override (U+202E) is shown, not obeyed. Every name or record text a command prints
    goes through it; --json output is escaped by json already (and made `writable`: `print_json`)."""
    return escaped(bytes_as_written(str(text)), as_space="\t\n\r")


def shown_file_error(exc: ImportFileError) -> ImportFileError:
    """An import file refused, as the terminal shows it: its name (or a document's inside a ZIP) and the
    reason `one_line`, the exit status and the logged detail kept (logged once already, when raised)."""
    shown = ImportFileError(one_line(exc.why_zh), one_line(exc.why_en), file=one_line(exc.file), reason=exc.reason)
    shown.detail, shown.exit_code = exc.detail, exc.exit_code
    return shown


def choice_arg(typed: str, find: Callable[[str], str | None], labels: Mapping[str, Text], what: Text) -> str:
    """An option given as an id or in words (合作社, Planting and sowing) → its id; "" when not given;
    an unknown one is refused, listing every choice by id and label in both languages."""
    if not typed.strip():
        return ""
    found = find(typed)
    if found is None:
        raise UserInputError(f"未知的{what.zh}：{typed}。可选：{choices_text(dict(labels), 'zh')}",
                             f"Unknown {what.en}: {typed}. Choose one of: {choices_text(dict(labels), 'en')}")
    return found


def township_arg(ctx: CliContext, typed: str, *, required: bool = True) -> str:
    """--township/--origin as a 12-digit code or a name (龙凤山镇, 五常市 龙凤山镇) → the code; ""
    when optional and not given. A name several townships share is refused, listing them with codes."""
    if not typed.strip():
        if required:
            raise UserInputError("请给出乡镇：12位代码或名称（如 五常市 龙凤山镇）。",
                                 "Give the township: its 12-digit code or its name (e.g. 五常市 龙凤山镇).")
        return ""
    folded = fold_typed_place(typed)  # full-width digits (an IME in full-width mode), 五常市，龙凤山镇
    read = ctx.services.places.read_townships(folded)
    if folded.isdigit() and read.county is None:
        return folded  # a code goes to the wizard as given: it says what is wrong with it
    matches = read.towns
    if read.suggested:  # none is called so (龙凤山乡, 龙风山): near ones, never taken without the person's word
        shown = "\n".join(f"  {m.code}  {m.path}" for m in matches[:15])
        raise UserInputError(
            f"没有叫“{typed}”的乡镇。您是不是要找：\n{shown}\n如果是，请用它的代码或名称重新运行，"
            f"如 --township {matches[0].code}。",
            f"No township is called \"{typed}\". Did you mean:\n{shown}\nIf so, run again with its code or "
            f"name, e.g. --township {matches[0].code}.")
    if len(matches) == 1:
        return matches[0].code
    if not matches:
        raise UserInputError(
            f"找不到乡镇“{typed}”。请检查名称，或在前面加上县市名（如 五常市 龙凤山镇），或用12位代码。",
            f"No township called \"{typed}\". Check the name, put its county or city before it "
            "(e.g. 五常市 龙凤山镇), or use its 12-digit code.")
    shown = "\n".join(f"  {m.code}  {m.path}" for m in matches[:15])
    more = len(matches) - 15
    tail_zh = f"\n  ……另有 {more} 个" if more > 0 else ""
    tail_en = f"\n  … and {more} more" if more > 0 else ""
    if read.county is not None:
        raise UserInputError(
            f"“{read.county.name}”是县级行政区，不是乡镇。它有 {len(matches)} 个乡镇，请写出其中一个"
            f"（如 {read.county.name} {matches[0].name}）或用代码：\n{shown}{tail_zh}",
            f"\"{read.county.name}\" is a county, not a township. It has {len(matches)} townships: name one "
            f"(e.g. {read.county.name} {matches[0].name}) or use its code:\n{shown}{tail_en}")
    raise UserInputError(
        f"有 {len(matches)} 个乡镇叫“{typed}”，请在前面加上县市名或用代码：\n{shown}{tail_zh}",
        f"{len(matches)} townships are called \"{typed}\": put the county or city before it, or use "
        f"the code:\n{shown}{tail_en}")


def path_argument(value: str) -> Path:
    """An argparse `type` for an output path: `--out ""` would otherwise be the current folder (on
    Windows, from a shortcut: the install folder or System32), so it is refused, as `--data-dir ""` is."""
    if not value.strip():
        raise argparse.ArgumentTypeError(argument_text("输出路径不能为空：请给出文件名或文件夹",
                                                       "the output path cannot be empty: give a file name or a folder"))
    return Path(value)


NOTHING_WRITTEN = Text("没有写入", "Nothing was written")


def refuse_taken(out: Path, force: bool, *, kept: Text = NOTHING_WRITTEN, folder_hint: Text | None = None) -> None:
    """Refuse an --out file that exists unless --force (QA 20a N4: another farmer's report, a filled-in list
    of the same name, was replaced without a word), before any work. A file made after this check is not
    replaced either: the writers write `--out` exclusively without --force, and say so with `taken_error`."""
    if force or out.is_dir() or not (out.exists() or out.is_symlink()):
        return
    raise taken_error(out, kept=kept, folder_hint=folder_hint)


def taken_error(out: Path, *, kept: Text = NOTHING_WRITTEN, folder_hint: Text | None = None) -> UserInputError:
    """The refusal of an --out file that exists: what was (not) done (`kept`), and where a new name could
    come from instead (`folder_hint`: ", or give only the folder …", for the commands that take a folder)."""
    folder = folder_hint or Text("", "")
    return UserInputError(
        f"已有同名文件：{quoted_name(out)}。为免覆盖它，{kept.zh}。请换一个文件名{folder.zh}；确要覆盖它，请加 --force。",
        f"A file of that name already exists: {quoted_name(out)}. {kept.en}, so that it is not lost. Choose another "
        f"name{folder.en}. To replace it, add --force.",
    )
