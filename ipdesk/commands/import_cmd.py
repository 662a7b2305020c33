"""`ipdesk import FILE… [--dry-run] [--json] [--errors-out FILE]` and `ipdesk import --template KIND --out FILE`.
A file --errors-out or --out names that exists is refused unless `--force`, as `report --out` and `backup
--out` refuse one; one of the files being imported, always.

Exit status: 0 when every row is valid and merged (or would be, with --dry-run); 1 when some rows
were rejected (then nothing is merged); 2 for an unreadable or hostile file, one with no data rows, or
one holding only other offices' trademarks or GIs (nothing is merged). Records of another office than
CNIPA's beside CNIPA's are listed as not imported and do not change the exit status. The counts printed
after a merge are what it did (`ImportResult`), not what the preview expected.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TextIO

from ipdesk.commands.context import CliContext, one_line, path_argument, refuse_taken, shown_file_error
from ipdesk.domain.i18n import Text
from ipdesk.services.errors import UserInputError
from ipdesk.services.importers import ImportFileError
from ipdesk.services.importers.staging import (
    KINDS,
    STATUSES,
    ImportPreview,
    ImportResult,
    ProgressFn,
    check_errors_out,
    export_errors,
)
from ipdesk.services.importers.templates import TEMPLATES, export_template
from ipdesk.services.importers.validate import Invalid, parse_date

_STATUS_ZH = {"new": "新增", "changed": "变更", "unchanged": "未变", "rejected": "拒绝"}
_KIND_ZH = {"patent": "专利", "trademark": "商标", "gi": "地理标志"}
_KIND_EN = {"patent": "patents", "trademark": "trademarks", "gi": "GIs"}


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "import", help="导入专利 XML、ST.96、Excel/CSV 清单 / import CNIPA XML, ST.96, Excel/CSV lists",
        description="导入文件：先校验全部行，全部有效才在一个事务中合并。"
                    " / Validate every row, then merge in one transaction only if all are valid.",
    )
    p.add_argument("files", nargs="*", type=Path, metavar="FILE", help="XML、XML 的 ZIP 包、文件夹、XLSX 或 CSV / XML, ZIP of XML, folder, XLSX or CSV")
    p.add_argument("--dry-run", action="store_true", help="只预览，不合并 / preview only, merge nothing")
    p.add_argument("--json", action="store_true", help="以 JSON 输出计数与错误 / counts and errors as JSON")
    p.add_argument("--local", action="store_true",
                   help="作为本机数据导入，同步不会覆盖 / import as local data that sync never replaces")
    p.add_argument("--as-of", help="数据截至日期 YYYY-MM-DD（默认今天）/ as-of date (default today)")
    p.add_argument("--errors-out", type=path_argument, help="把错误清单写入 Excel 文件 / write the error list to an .xlsx")
    p.add_argument("--template", choices=KINDS, help="导出空白模板 / export an empty template")
    p.add_argument("--out", type=path_argument, help="模板输出文件 / where to write the template")
    p.add_argument("--force", "--overwrite", dest="force", action="store_true",
                   help="--out 或 --errors-out 指定的文件已存在时覆盖它 / replace the file --out or --errors-out "
                        "names if it exists")
    p.set_defaults(func=run)


def _refuse_input(out: Path, files: list[Path]) -> None:
    """The error list never goes over a file being imported, --force or not: the list would replace it."""
    for f in files:
        try:
            same = out.exists() and f.exists() and out.samefile(f)
        except OSError:
            same = False
        if same:
            raise UserInputError(f"--errors-out 指定的是要导入的文件 {one_line(f)}：错误清单会覆盖它。请另给一个文件名。",
                                 f"--errors-out names {one_line(f)}, a file being imported: the error list would "
                                 "replace it. Give another file name.")


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    t = ctx.t
    if args.template:
        if not args.out:
            raise UserInputError("请用 --out 指定模板文件名。", "Give the template's file name with --out.")
        out = args.out.expanduser()
        refuse_taken(out, args.force, kept=Text("没有写入模板", "The template was not written"))
        if not out.parent.is_dir():  # never made: a typo would make folders nobody asked for
            raise UserInputError(f"无法写入模板：{one_line(out)}（文件夹不存在）。请换一个位置，或先建好该文件夹。",
                                 f"Cannot write the template to {one_line(out)} (the folder does not exist). Choose "
                                 "another place, or make the folder first.")
        out = export_template(args.template, out, ctx.lang, overwrite=args.force)
        print(t(f"已写入{TEMPLATES[args.template].title_zh}模板：{one_line(out)}",
                f"Wrote the {TEMPLATES[args.template].title_en.lower()} template: {one_line(out)}"))
        return 0
    if not args.files:
        raise UserInputError("请指定要导入的文件。", "Name the files to import.")
    if args.errors_out:  # before the work, not after the preview
        _refuse_input(args.errors_out, args.files)
        refuse_taken(args.errors_out, args.force, kept=Text("没有写入错误清单", "The error list was not written"))
        check_errors_out(args.errors_out)
    as_of = None
    if args.as_of is not None:
        # read as a list's date cells are (2026-01-05, 2026/1/5, 20260105, 2026年1月5日), years 1900–2199
        try:
            as_of = parse_date(args.as_of)
        except Invalid as exc:
            raise UserInputError(f"--as-of 日期无效：{args.as_of}（{exc.zh}）",
                                 f"invalid --as-of date: {args.as_of} ({exc.en})") from exc
        if as_of is None:
            raise UserInputError("--as-of 为空：请给出日期（如 2026-01-05），或不写 --as-of（按今天）。",
                                 "--as-of is empty: give a date (such as 2026-01-05), or leave --as-of out (today).")
        today = dt.date.today()
        if as_of > today:  # as the window's date box, which stops at today: data cannot be as of a later day
            raise UserInputError(
                f"--as-of 不能晚于今天（本机日期 {today.isoformat()}）：{args.as_of}。如果本机日期不对，请先改正。",
                f"--as-of cannot be later than today ({today.isoformat()} by this computer's clock): {args.as_of}. "
                "If the computer's date is wrong, correct it first.")
    importer = ctx.services.importer
    try:
        preview = importer.stage(args.files, local=args.local, as_of=as_of)
    except ImportFileError as exc:
        if args.json:
            ctx.print_json({"ok": False, "exit": exc.exit_code, "file_error": {
                "file": exc.file, "reason": exc.reason, "message": exc.message(ctx.lang)}})
            return exc.exit_code
        raise shown_file_error(exc) from exc  # the file's name is shown, never obeyed by the terminal
    try:
        written = export_errors(preview.errors, args.errors_out, ctx.lang, overwrite=args.force) if args.errors_out and preview.errors else None
        rejected = preview.total("rejected")
        result = None
        if not rejected and not args.dry_run:
            # with --json the one line goes to stderr, leaving stdout to the JSON
            result = importer.commit(preview, progress=_waiting_line(ctx, sys.stderr if args.json else sys.stdout))
        code = 1 if rejected else 0
        if args.json:
            report = preview.as_dict(ctx.lang)
            report.update(ok=code == 0, exit=code, dry_run=bool(args.dry_run), merged=result is not None,
                          result=result.as_dict() if result else None)
            report.update(errors_out=str(written) if written else None)
            ctx.print_json(report)
            return code
        _print_human(ctx, preview, result, bool(args.dry_run), bool(args.local))
        if written:
            n = len(preview.errors)
            print(t(f"错误清单（{n} 条）已写入：{one_line(written)}",
                    f"The error list ({n} error{'' if n == 1 else 's'}) was written to {one_line(written)}"))
        elif args.errors_out:
            print(t(f"没有错误，未写入错误清单 {one_line(args.errors_out)}。",
                    f"No errors: no error list was written to {one_line(args.errors_out)}."))
        return code
    finally:
        preview.discard()


def _waiting_line(ctx: CliContext, stream: TextIO) -> ProgressFn:
    """The merge's progress: one line when it has to wait for a data update or another import that is
    writing (README: "the one that comes second waits (and says so)"); nothing else."""
    told = False

    def progress(stage: str, _done: int, _total: int) -> None:
        nonlocal told
        if stage == "wait" and not told:
            told = True
            print(ctx.t("正在等待另一个导入或数据更新写完，之后再合并……",
                        "Waiting for another import or a data update to finish writing; the merge follows…"),
                  file=stream, flush=True)

    return progress


def _print_human(ctx: CliContext, preview: ImportPreview, result: ImportResult | None, dry_run: bool,
                 local: bool = False) -> None:
    t = ctx.t
    for notice in preview.notices:
        print("  · " + one_line(notice.text(ctx.lang)))
    for kind in KINDS:
        counts = preview.counts[kind]
        if not any(counts.values()):
            continue
        if result is not None:  # what the merge did: another import or an update may have come in between
            counts = {"new": result.inserted[kind], "changed": result.updated[kind],
                      "unchanged": result.unchanged[kind], "rejected": 0}
        parts = [f"{t(_STATUS_ZH[s], s)} {counts[s]}" for s in STATUSES]
        print(f"{t(_KIND_ZH[kind], _KIND_EN[kind]):<10} " + "  ".join(parts))
    if preview.rejected_files:
        print(t(f"无法读取的文档 {preview.rejected_files} 个", f"unreadable documents: {preview.rejected_files}"))
    if preview.errors:
        if preview.total("rejected"):
            print(t(f"错误（共 {preview.error_count} 条）：", f"Errors ({preview.error_count}):"))
        else:  # only other offices' records, left out
            print(t(f"未导入（共 {preview.error_count} 条）：", f"Not imported ({preview.error_count}):"))
        for e in preview.errors[:50]:  # the file's name and the reason (which may quote a value) one line each
            where = f" {one_line(e.where)}" if e.where else ""
            if e.whole_file:  # a document that could not be read at all: no row, no column
                print(f"  {one_line(e.file)}{where}{t('：', ': ')}{one_line(e.why(ctx.lang))}")
                continue
            column = f" [{e.column_label(ctx.lang)}]" if e.column else ""  # "" for the whole row
            print(f"  {one_line(e.file)}{where} {t('第 ', 'row ')}{e.row}{t(' 行', '')}{column} "
                  f"{e.value!r}: {one_line(e.why(ctx.lang))}")
        if preview.error_count > 50:
            print(t(f"  ……另有 {preview.error_count - 50} 条（用 --errors-out 导出全部）",
                    f"  … {preview.error_count - 50} more (export them all with --errors-out)"))
    if preview.total("rejected") > preview.rejected_files:
        print(t("有被拒绝的行：没有合并任何数据。请改正后重新导入。",
                "Some rows were rejected: nothing was merged. Correct them and import again."))
    elif preview.rejected_files:
        print(t("有无法读取的文档：没有合并任何数据。请改正或移走它们后重新导入。",
                "Some documents could not be read: nothing was merged. Correct or remove them and import again."))
    elif dry_run:
        print(t("预览完成（--dry-run）：没有合并。", "Preview done (--dry-run): nothing merged."))
    elif result is not None:
        n = preview.foreign_total
        if n:
            print(t(f"已合并；另有 {n} 条其他国家或地区主管机关的记录没有导入（见上）。",
                    "Merged; 1 record of another office was not imported (see above)." if n == 1 else
                    f"Merged; {n} records of other offices were not imported (see above)."))
        else:
            print(t("已全部合并。", "All merged."))
        if not local:
            print(t("这些记录没有标为本机数据：以后的数据更新可能替换或删除它们。要保留，请用 --local 导入。",
                    "These records are not marked local: a later data update may replace or delete them. "
                    "To keep them, import with --local."))
