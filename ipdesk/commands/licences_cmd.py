"""`ipdesk licences [NAME] [--full] [--json]`: the third-party software and data ipdesk runs with, each
with its version, what it does in ipdesk and its licence (`services.third_party`); NAME (its name or the window's, in either language, or
part of one) prints that one's licence text, or lists the candidates when several match; --full the whole
THIRD_PARTY_NOTICES text. What About and help → 开源软件与许可 shows in the window."""

from __future__ import annotations

import argparse
import shutil
import sys
from dataclasses import asdict

from ipdesk.commands.context import CliContext
from ipdesk.domain.report import terminal_columns, wrap_to_width
from ipdesk.services.errors import UserInputError
from ipdesk.services.third_party import Component

MIN_LICENCE_COLUMNS = 24  # narrower, and the list is printed as blocks instead of a table


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("licences", aliases=["licenses"],
                       help="开源软件与许可（第三方软件及其许可全文）/ open-source software and licences")
    p.add_argument("name", nargs="?", default="",
                   help="显示这一项的许可全文（名称或其一部分，如 PySide6、地理标志）/ print this one's licence text "
                        "(its name or part of it, e.g. PySide6, geographical indications)")
    p.add_argument("--full", action="store_true", help="显示全部许可全文（THIRD_PARTY_NOTICES）/ print every licence text")
    p.add_argument("--json", action="store_true", help="以 JSON 输出（含许可全文）/ output as JSON (with the texts)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from ipdesk.services.third_party import components, find_components, notices_text

    items = components()
    if args.name:
        found = find_components(items, args.name)
        if not found:
            names = ", ".join(c.name for c in items)
            raise UserInputError(f"没有名为“{args.name}”的组件。可选：{names}",
                                 f"No component is named '{args.name}'. Choose one of: {names}")
        if len(found) > 1:
            shown = "\n".join(_candidate(c, ctx.lang) for c in found)
            raise UserInputError(
                f"有 {len(found)} 项与“{args.name}”相符，请写出其中一项的名称：\n{shown}",
                f"{len(found)} components match '{args.name}': give the name of one of them:\n{shown}")
        items = found
    if args.json:
        ctx.print_json({"components": [{**c.to_json(), "purpose": asdict(c.purpose_text) if c.purpose_text else None}
                                       for c in items]})
        return 0
    if args.full and not args.name:
        sys.stdout.write(notices_text(items))
        return 0
    if args.name:
        for c in items:
            _print_one(c, ctx)
        return 0
    t = ctx.t
    columns = max(shutil.get_terminal_size((80, 24)).columns, 40)  # a pipe or a file: 80 (or $COLUMNS)
    _say(t("ipdesk 是开源软件（MIT 许可）。它使用下列第三方软件和数据，各按其许可：",
           "ipdesk is open-source software (MIT licence). It runs with this third-party software and data, "
           "each under its own licence:"), columns)
    print()
    header = (t("名称", "Name"), t("版本", "Version"), t("在 ipdesk 中的用途", "What it does in ipdesk"), t("许可", "Licence"))
    rows = [(c.shown_name(ctx.lang), c.version, c.purpose(ctx.lang) or "—", c.licence_label(ctx.lang)) for c in items]
    widths = [max(terminal_columns(r[i]) for r in (header, *rows)) for i in range(3)]
    licence_at = 2 + sum(widths) + 2 * 3  # the licence last: the longest, wrapped in its own column
    if licence_at + MIN_LICENCE_COLUMNS < columns:  # a table
        for row in (header, *rows):
            licence_lines = wrap_to_width(row[3], columns - licence_at - 1)
            print("  " + "  ".join(_padded(v, w) for v, w in zip(row, widths, strict=False)) + "  " + licence_lines[0])
            for more in licence_lines[1:]:
                print(" " * licence_at + more)
    else:  # a narrower terminal (80 columns): each one as a short block, every line within the width
        _say(t("每一项：名称 版本 · 许可，下面缩进的是它在 ipdesk 中的用途。",
               "Each: name version · licence, and indented below it what it does in ipdesk."), columns)
        print()
        for name, version, purpose, licence in rows:
            _say(" · ".join(filter(None, (f"{name} {version}".strip(), licence))), columns, indent=2, hang=6)
            _say(purpose, columns, indent=6)
    print()
    _say(t("看某一项的许可全文：ipdesk licences 名称（如 PDF 报告用的 ipdesk licences PySide6，或其名称的一部分）；"
           "全部许可全文：ipdesk licences --full。",
           "To see one's licence in full: ipdesk licences NAME (e.g. ipdesk licences PySide6 for the PDF reports, "
           "or part of a name); every licence text: ipdesk licences --full."), columns)
    return 0


def _say(text: str, columns: int, *, indent: int = 0, hang: int | None = None) -> None:
    """Print `text` within `columns` terminal columns (a Chinese character takes two), its first line
    `indent` spaces in, the lines after it `hang` (default: as the first)."""
    hang = indent if hang is None else hang
    lines = wrap_to_width(text, columns - max(indent, hang) - 1)  # the last column: some terminals wrap there
    for i, line in enumerate(lines):
        print(" " * (indent if i == 0 else hang) + line)


def _padded(text: str, width: int) -> str:
    """`text` filled to `width` columns of a terminal (a Chinese character takes two)."""
    return text + " " * (width - terminal_columns(text))


def _candidate(c: Component, lang: str) -> str:
    """A line naming a component that matched: the window's name, and its own when that differs."""
    shown = c.shown_name(lang)
    return f"  {shown}" + (f" / {c.name}" if shown != c.name else "")


def _print_one(c: Component, ctx: CliContext) -> None:
    t = ctx.t
    print(f"{c.name} {c.version}".strip())
    print(f"{t('许可', 'Licence')}{t('：', ': ')}{c.licence_label(ctx.lang)}")
    if c.purpose_text:
        print(f"{t('在 ipdesk 中的用途', 'What it does in ipdesk')}{t('：', ': ')}{c.purpose(ctx.lang)}")
    if c.home_page:
        print(f"{t('主页', 'Home page')}{t('：', ': ')}{c.home_page}")
    if c.note:
        print()
        print(c.note(ctx.lang))
    print()
    print(c.licence_text() if c.texts else t("（没有找到许可全文，见项目主页）", "(no licence text found: see the project's page)"))
