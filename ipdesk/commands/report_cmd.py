"""`ipdesk report search|gi-check|brand-check|patents … --format pdf|docx|xlsx --out FILE|FOLDER`, and
`ipdesk report ledger --month YYYY-MM --out FILE`: the Reports page from the command line.
A client's personal information: `ipdesk report entries --client NAME` lists what is kept about them,
`ipdesk report delete --client NAME` (or `--entry ID`) deletes it with its archived reports (after
asking, unless `--yes`), `ipdesk report correct-client OLD NEW` corrects a misspelt name. A report file
a deletion could not remove (open in another program) is listed, kept to try again (`report delete
--leftovers`, or the next deletion) and shown by `report entries`; `report delete` then exits 8.
`ipdesk report prune` removes the entries older than the retention the settings keep (保留服务台账和报告),
or than `--older-than DAYS` / `--keep-years N`, as the window's daily clean-up does; `--dry-run` counts.

`--out` an existing folder: the report is written there under a name made from its title, as the
window suggests (`知识产权信息检索报告：五常.pdf`; `-2`, `-3`… when taken), as PDF unless `--format`.
`--out` a file that exists is refused unless `--force` (`--overwrite`), as `backup --out` is, also one
made while the report is made (the file is written exclusively).

Every export is archived and logged in the service record, exactly as from the window.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ipdesk.commands.context import (
    NOTHING_WRITTEN,
    CliContext,
    one_line,
    path_argument,
    refuse_taken,
    taken_error,
    township_arg,
)
from ipdesk.commands.patents_cmd import technique_arg
from ipdesk.domain.amounts import plural
from ipdesk.domain.i18n import Text
from ipdesk.domain.report import Report
from ipdesk.domain.rules import TECHNIQUES_BY_ID
from ipdesk.domain.wizard import WIZARD_TITLES
from ipdesk.services.errors import UserInputError
from ipdesk.services.outfiles import FileTakenError, fitted_name, refuse_windows_name
from ipdesk.services.reports.archive import (
    FORMATS,
    REPORT_FILE,
    ExportResult,
    Renderer,
    check_format,
    check_output_folder,
    check_output_path,
    check_suffix,
)
from ipdesk.services.reports.builder import MAX_REPORT_ROWS, ReportMeta
from ipdesk.services.search import KINDS, SearchFilters
from ipdesk.services.settings import STAFF_NAME_MAX_CHARS

_YES = {"y", "yes", "是", "好", "确认"}
# `report delete`: the entries were deleted but some of their report files could not be removed (open in
# another program); they are named, kept in a list and tried again (`--leftovers`). 1 is "not confirmed,
# nothing deleted" and 2–7 are the errors every command shares (services.errors), so this is its own.
FILES_LEFT_EXIT = 8


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("report", help="导出报告（PDF/Word/Excel）并记入服务台账 / export a report and log it")
    kinds = p.add_subparsers(dest="report_kind", required=True, metavar="{search,gi-check,brand-check,patents,ledger,entries,delete,prune,correct-client}")

    s = kinds.add_parser("search", help="检索结果报告 / a report of a search")
    s.add_argument("query", help="要查找的文字、拼音或编号 / text, pinyin or a number to search for")
    s.add_argument("--kind", choices=KINDS, action="append", help="只查某一类（可重复）/ limit to a kind (repeatable)")
    s.add_argument("--region", default="", help="行政区划代码或其开头，如 33、3301、330106 / division code or prefix, e.g. 33, 3301, 330106")
    s.add_argument("--nice-class", type=int, help="尼斯分类 1–45 / Nice class 1–45")
    s.add_argument("--ipc", default="", help="国际专利分类号的开头，如 A01G / IPC prefix, e.g. A01G")
    s.add_argument("--limit", type=int, default=MAX_REPORT_ROWS, help=f"最多列出几条（1–{MAX_REPORT_ROWS}，默认 {MAX_REPORT_ROWS}）/ how many rows (1–{MAX_REPORT_ROWS}, default {MAX_REPORT_ROWS})")
    _common(s)
    s.set_defaults(func=_run_search)

    g = kinds.add_parser("gi-check", help="地理标志核查报告 / GI check report")
    g.add_argument("--product", required=True, help="产品名称 / product, e.g. 大米")
    g.add_argument("--township", required=True, help="乡镇：12位代码或名称，如 五常市 龙凤山镇 / township: its 12-digit code or its name, e.g. 五常市 龙凤山镇")
    g.add_argument("--role", default="", help="谁在询问：farmer、cooperative …或中文，如 合作社、农户（默认不填）/ who is asking: farmer, cooperative, … or the Chinese label (default: not given)")
    _common(g)
    g.set_defaults(func=_run_gi_check)

    b = kinds.add_parser("brand-check", help="商标核查报告 / brand check report")
    b.add_argument("name", help="要注册的名称 / the name to register")
    b.add_argument("--class", dest="nice_class", type=int, required=True,
                   help="尼斯分类 1–45（多为 29–33，销售为 35）/ Nice class 1–45 (usually 29–33, or 35 for selling)")
    b.add_argument("--group", action="append", default=[], help="该类的类似群编号，如 3008（可重复）/ similar-group code of the class, e.g. 3008 (repeatable)")
    b.add_argument("--origin", default="", help="商品产地乡镇（代码或名称，可不填）/ township the goods come from: code or name (optional)")
    _common(b)
    b.set_defaults(func=_run_brand_check)

    pt = kinds.add_parser("patents", help="农业专利报告 / patents report")
    pt.add_argument("--crop", required=True, help="作物或动物 / crop or animal, e.g. 水稻, apple")
    pt.add_argument("--technique", default="", help=f"技术类别（可不填）/ kind of technique (optional): "
                    f"{', '.join(TECHNIQUES_BY_ID)} (或中文，如 种植 / or in Chinese)")
    pt.add_argument("--keywords", default="", help="附加关键词 / extra keywords")
    _common(pt)
    pt.set_defaults(func=_run_patents)

    led = kinds.add_parser("ledger", help="服务台账（Excel）/ the service record as an Excel ledger")
    led.add_argument("--month", default="", help="月份 YYYY-MM（默认全部）/ month YYYY-MM (default: every entry)")
    led.add_argument("--out", type=path_argument, required=True, help="Excel 文件（.xlsx）/ the Excel file (.xlsx)")
    _force(led)
    led.add_argument("--json", action="store_true", help="以 JSON 输出 / output as JSON")
    led.set_defaults(func=_run_ledger)

    en = kinds.add_parser("entries", help="列出服务台账记录（可按服务对象查找）/ list service-record entries (find a client's)")
    en.add_argument("--client", default="", help="服务对象名称或其一部分 / the client's name or part of it")
    en.add_argument("--month", default="", help="月份 YYYY-MM（默认全部）/ month YYYY-MM (default: every entry)")
    en.add_argument("--json", action="store_true", help="以 JSON 输出 / output as JSON")
    en.set_defaults(func=_run_entries)

    de = kinds.add_parser(
        "delete", help="删除服务台账记录及其存档报告 / delete service-record entries with their archived reports",
        epilog=f"退出状态：0 已删除；1 未确认，没有删除任何内容；2 输入有误；{FILES_LEFT_EXIT} 记录已删除，但有存档报告文件"
               "无法删除（被其他程序打开），已列出，请手动删除或关闭该程序后运行 --leftovers。 / "
               f"Exit status: 0 deleted; 1 not confirmed, nothing deleted; 2 a wrong argument; {FILES_LEFT_EXIT} "
               "the entries were deleted but some archived report files could not be removed (open in another "
               "program): they are listed, to delete by hand or with --leftovers once that program is closed.")
    which = de.add_mutually_exclusive_group(required=True)
    which.add_argument("--client", default="", help="删除这个服务对象的全部记录（完整名称，不计全角半角和空格）/ every entry of this client (the whole name; width and spaces aside)")
    which.add_argument("--entry", type=int, action="append", default=[],
                       help="记录编号，见 report entries（可重复）/ an entry's id, as report entries shows (repeatable)")
    which.add_argument("--leftovers", action="store_true",
                       help="再次删除以前删除记录时无法删除的报告文件（report entries 会列出）/ remove again the report "
                            "files that could not be removed when their entries were deleted (report entries lists them)")
    de.add_argument("--yes", "-y", action="store_true", help="不再询问确认 / do not ask for confirmation")
    de.add_argument("--json", action="store_true", help="以 JSON 输出 / output as JSON")
    de.set_defaults(func=_run_delete)

    pr = kinds.add_parser(
        "prune", help="删除超过保留期限的服务台账记录及其存档报告 / remove service-record entries older than the "
                      "retention period, with their archived reports",
        epilog=f"不给 --older-than 或 --keep-years 时按设置中的“保留服务台账和报告”。退出状态：0 已删除（或没有可删除的）；"
               f"2 输入有误；{FILES_LEFT_EXIT} 记录已删除，但有存档报告文件无法删除（已列出）。 / Without --older-than "
               "or --keep-years the setting \"Keep the service record and reports\" is used. Exit status: 0 removed (or "
               f"nothing to remove); 2 a wrong argument; {FILES_LEFT_EXIT} the entries were removed but some archived "
               "report files could not be (they are listed).")
    older = pr.add_mutually_exclusive_group()
    older.add_argument("--older-than", type=int, metavar="DAYS",
                       help="删除早于这么多天（按日历日）的记录 / remove entries older than this many calendar days")
    older.add_argument("--keep-years", type=int, metavar="N",
                       help="只保留最近 N 年的记录 / keep the last N years of entries only")
    pr.add_argument("--dry-run", action="store_true", help="只统计，不删除 / count only, remove nothing")
    pr.add_argument("--json", action="store_true", help="以 JSON 输出 / output as JSON")
    pr.set_defaults(func=_run_prune)

    cc = kinds.add_parser("correct-client", help="更正服务对象的名称 / correct a client's name")
    cc.add_argument("old", help="现在记录的完整名称（不计全角半角和空格）/ the whole name as recorded (width and spaces aside)")
    cc.add_argument("new", help="正确的名称 / the correct name")
    cc.add_argument("--json", action="store_true", help="以 JSON 输出 / output as JSON")
    cc.set_defaults(func=_run_correct_client)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", dest="fmt", default="", help=f"报告格式 {'|'.join(FORMATS)}（默认按 --out 的扩展名）/ report format {'|'.join(FORMATS)} (default: from --out)")
    p.add_argument("--out", type=path_argument, required=True,
                   help="输出文件，或已有的文件夹（按报告标题起文件名；未给 --format 时为 PDF）/ output file, or "
                        "an existing folder (a name is made from the report's title; PDF unless --format)")
    _force(p)
    p.add_argument("--client", default="", help="服务对象 / client name")
    p.add_argument("--purpose", default="", help="咨询事项 / purpose")
    p.add_argument("--title", default="", help="报告标题（默认按报告内容生成）/ report title (default: one made from the report)")
    p.add_argument("--staff", default="", help="经办人（默认为设置中保存的）/ staff name (default: the saved setting)")
    p.add_argument("--report-lang", choices=("zh_CN", "en"), help="报告语言（默认同 --lang）/ report language (default: --lang)")
    p.add_argument("--json", action="store_true", help="以 JSON 输出 / output as JSON")


def _force(p: argparse.ArgumentParser) -> None:
    p.add_argument("--force", "--overwrite", dest="force", action="store_true",
                   help="--out 指定的文件已存在时覆盖它 / replace the file --out names if it exists")


# a report's --out may be a folder: the file's name is then made from the report's title
_FOLDER_HINT = Text("，或只给出文件夹（按报告标题自动取一个新文件名）",
                    ", or give only the folder (a new name is made from the report's title)")


def _check_not_taken(out: Path, force: bool, *, folder_ok: bool = True) -> None:
    """A report's or the ledger's --out that exists is refused unless --force (`refuse_taken`); the ledger
    takes a file's name only (`folder_ok=False`)."""
    refuse_taken(out, force, folder_hint=_FOLDER_HINT if folder_ok else None)


def _taken(out: Path, archived: bool = False, *, folder_ok: bool = True) -> UserInputError:
    """The refusal of an --out file that exists; `archived`: it appeared while the report was made, which
    is archived and logged by then (the Reports page opens it again)."""
    kept = Text("没有写入（报告已存档并记入服务台账，在“报告”页可以再次打开）",
                "It was not written there (the report was archived and logged in the service record: "
                "the Reports page opens it again)") if archived else NOTHING_WRITTEN
    return taken_error(out, kept=kept, folder_hint=_FOLDER_HINT if folder_ok else None)


def _prepare(args: argparse.Namespace, ctx: CliContext) -> tuple[str, str, ReportMeta]:
    """Check format and output path before any work; a mistake here exits 2 with one clear line."""
    out: Path = args.out.expanduser()
    if out.is_dir():  # the file's name is made from the report's title (`_target`)
        fmt = check_format(args.fmt or "pdf")
        check_output_folder(out)
    else:
        refuse_windows_name(out, REPORT_FILE)  # 报告:张三?.pdf or x.pdf. said as such, before the format
        if not (args.fmt or out.suffix):
            raise UserInputError(
                f"请给出报告的文件名（以 .pdf、.docx 或 .xlsx 结尾）或一个已有的文件夹：{out}",
                f"Give the report's file name (ending in .pdf, .docx or .xlsx) or an existing folder: {out}",
            )
        fmt = check_format(args.fmt or out.suffix)
        check_suffix(out, fmt)
        check_output_path(out)
        _check_not_taken(out, args.force)
    settings = ctx.services.settings
    staff = " ".join(args.staff.split())
    if len(staff) > STAFF_NAME_MAX_CHARS:  # printed in every page's header, as limited in the window
        raise UserInputError(f"经办人姓名最多 {STAFF_NAME_MAX_CHARS} 个字：{staff}",
                             f"The staff name may have at most {STAFF_NAME_MAX_CHARS} characters: {staff}")
    lang = args.report_lang or settings.report_language or ctx.lang
    # in the report's language; the ledger counts a standard purpose once whatever its language
    purpose = args.purpose or _DEFAULT_PURPOSES[args.report_kind](lang)
    title = " ".join((args.title or "").split())  # "   ": the report's own title, not none at all
    meta = ReportMeta(title=title, client=args.client, purpose=purpose,
                      staff=staff or settings.staff_name, centre=settings.centre_name)
    return fmt, lang, meta


# What the service record says when no --purpose is given (the ledger counts visits by purpose).
_DEFAULT_PURPOSES = {
    "search": Text("信息查询", "Information search"),
    "gi-check": Text("地理标志使用咨询", "GI use enquiry"),
    "brand-check": Text("商标注册咨询", "Trademark registration enquiry"),
    "patents": Text("专利技术查询", "Patent technology search"),
}


def _renderers(fmt: str) -> dict[str, Renderer]:
    if fmt != "pdf":
        return {}
    from ipdesk.ui.report_pdf import ensure_gui_app, render_pdf  # Qt only when a PDF is wanted

    ensure_gui_app()
    return {"pdf": render_pdf}


def _target(report: Report, fmt: str, out: Path) -> Path:
    """`--out` as given, or for a folder a file in it named from the report's title: the export takes the
    first free one of that name, -2, -3 … when it writes (`claim_name`), not a number counted now, which
    another export at the same moment may take first."""
    out = out.expanduser()
    if not out.is_dir():
        return out
    return fitted_name(out, report.title, f".{fmt}")  # cut to keep the path within Windows' MAX_PATH


def _export(report: Report, fmt: str, args: argparse.Namespace, ctx: CliContext) -> int:
    out = _target(report, fmt, args.out)
    _check_not_taken(out, args.force or out != args.out.expanduser())  # again: made while the report was built
    # a name made for a folder is taken only when the copy is written (another export may take it first);
    # without --force a file made meanwhile keeps its name (the copy is written exclusively)
    name_is_ours = args.out.expanduser().is_dir()
    try:
        result: ExportResult = ctx.services.reports.export(report, fmt, out, renderers=_renderers(fmt),
                                                           name_is_ours=name_is_ours,
                                                           overwrite=args.force or name_is_ours)
    except FileTakenError as exc:
        raise _taken(out, archived=True) from exc
    if args.json:
        ctx.print_json({
            "path": str(result.path), "archived": str(result.archived_path), "report_no": report.report_no,
            "format": fmt, "language": report.lang, "sha256": result.sha256, "bytes": result.size,
            "archive_id": result.archive_id, "service_record_id": result.service_record_id,
            "rows": sum(len(t.rows) for t in report.tables()),
        })
    else:
        print(ctx.t(f"已生成报告 {report.report_no}：{one_line(result.path)}（已存档并记入服务台账）",
                    f"Report {report.report_no} written to {one_line(result.path)} "
                    "(archived and logged in the service record)"))
    return 0


def _run_search(args: argparse.Namespace, ctx: CliContext) -> int:
    fmt, lang, meta = _prepare(args, ctx)
    if not 1 <= args.limit <= MAX_REPORT_ROWS:
        raise UserInputError(f"--limit 应在 1–{MAX_REPORT_ROWS} 之间。", f"--limit must be 1–{MAX_REPORT_ROWS}.")
    region = ""
    if args.region:
        from ipdesk.domain.codes import division_prefix, expand_division_code

        full = expand_division_code(args.region)
        if full is None:
            raise UserInputError(f"地区代码无效：{args.region}", f"Invalid region code: {args.region}")
        region = division_prefix(full)
    filters = SearchFilters(kinds=tuple(args.kind or ()), region=region, nice_class=args.nice_class,
                            ipc_prefix=args.ipc)
    report = ctx.services.reports.builder.for_search(args.query, filters, lang, meta, limit=args.limit)
    return _export(report, fmt, args, ctx)


def _wizard_report(args: argparse.Namespace, ctx: CliContext, run: Callable[[Any], Any], data: dict[str, Any]) -> int:
    fmt, lang, meta = _prepare(args, ctx)
    outcome = run(data)
    report = ctx.services.reports.builder.for_outcome(outcome, lang, meta)
    return _export(report, fmt, args, ctx)


def _wizards(ctx: CliContext) -> Any:
    wizards = getattr(ctx.services, "wizards", None)
    if wizards is None:
        raise UserInputError("此版本没有向导服务。", "The wizards are not available in this build.")
    return wizards


def _run_gi_check(args: argparse.Namespace, ctx: CliContext) -> int:
    from ipdesk.commands.gi_check_cmd import role_arg

    role = role_arg(args.role)  # the same words as `ipdesk gi-check`; no role is invented for a report either
    if not args.product.strip():
        raise UserInputError("请输入产品名称。", "Type the product's name.")
    data = {"product": args.product, "township_code": township_arg(ctx, args.township)}
    if role:
        data["role"] = role
    return _wizard_report(args, ctx, _wizards(ctx).gi_check, data)


def _run_brand_check(args: argparse.Namespace, ctx: CliContext) -> int:
    from ipdesk.domain.brand_check import class_problems, name_problems

    problems = name_problems(args.name) + class_problems(args.nice_class)
    if problems:
        raise UserInputError(problems[0].zh, problems[0].en)
    data = {"name": args.name, "nice_class": args.nice_class, "groups": tuple(args.group),
            "origin_code": township_arg(ctx, args.origin, required=False)}
    return _wizard_report(args, ctx, _wizards(ctx).brand_check, data)


def _run_patents(args: argparse.Namespace, ctx: CliContext) -> int:
    # as `ipdesk patents` takes it: an id or its words (种植, Planting and sowing)
    data = {"crop": args.crop, "technique": technique_arg(args.technique), "keywords": args.keywords}
    return _wizard_report(args, ctx, _wizards(ctx).patent_finder, data)


def _run_ledger(args: argparse.Namespace, ctx: CliContext) -> int:
    out = args.out.expanduser()
    _check_not_taken(out, args.force, folder_ok=False)
    try:  # without --force a file made after the check keeps its name (the ledger is written exclusively)
        path = ctx.services.reports.export_ledger(args.out, args.month, ctx.lang, overwrite=args.force)
    except FileTakenError as exc:
        raise _taken(out, folder_ok=False) from exc
    entries = len(ctx.services.reports.service_entries(args.month))
    if args.json:
        ctx.print_json({"path": str(path), "month": args.month, "entries": entries})
    else:
        print(ctx.t(f"服务台账已导出：{one_line(path)}（{entries} 条）",
                    f"Service record exported to {one_line(path)} ({plural(entries, 'entry', 'entries')})"))
    return 0


def _entry_json(e: Any) -> dict[str, Any]:
    return {"id": e.id, "created_at": e.created_at.isoformat(), "staff": e.staff, "client": e.client,
            "purpose": e.purpose, "outcome": e.outcome, "report_no": e.report_no, "detail": e.detail,
            "wizards": e.wizards}  # the detail as kept; the wizards by key, however the detail names them


def _run_entries(args: argparse.Namespace, ctx: CliContext) -> int:
    reports = ctx.services.reports
    entries = reports.service_entries(args.month, client=args.client)
    numbers = {e.report_no for e in entries if e.report_no}
    files = [str(a.path) for a in reports.archived_reports() if a.report_no in numbers]
    leftovers = [str(p) for p in reports.leftover_files()]
    if args.json:
        ctx.print_json({"entries": [_entry_json(e) for e in entries], "report_files": files,
                        "leftover_files": leftovers})
        return 0
    for e in entries:  # one entry a line, its fields apart by tabs, whatever a client's name holds
        # last, the wizards whose results it logged, as they are named now (an entry keeps their former names)
        wizards = ctx.t("、", ", ").join(WIZARD_TITLES[w](ctx.lang) for w in e.wizards)
        print(f"{e.id}\t{e.created_at:%Y-%m-%d %H:%M}\t{one_line(e.client or '—')}\t{one_line(e.purpose)}\t"
              f"{one_line(e.report_no)}" + (f"\t{wizards}" if wizards else ""))
    for f in files:
        print(ctx.t(f"存档报告：{one_line(f)}", f"Archived report: {one_line(f)}"))
    print(ctx.t(f"共 {len(entries)} 条记录，{len(files)} 个存档报告文件", f"{plural(len(entries), 'entry', 'entries')}, "
                f"{plural(len(files), 'archived report file', 'archived report files')}"))
    if leftovers:  # the entries are gone: only this list still names their files
        print(ctx.t(f"已删除记录的 {len(leftovers)} 个报告文件未能删除（请关闭打开它们的程序后运行 "
                    "ipdesk report delete --leftovers，或手动删除）：",
                    f"{plural(len(leftovers), 'report file', 'report files')} of deleted entries could not be "
                    "removed (close the program that has them open and run ipdesk report delete --leftovers, "
                    "or delete them by hand):"))
        for f in leftovers:
            print(one_line(f))
    return 0


def _run_leftovers(args: argparse.Namespace, ctx: CliContext) -> int:
    removed, left = ctx.services.reports.remove_leftovers()
    removed = [*ctx.left_files_removed, *removed]  # this command's start removed those already
    code = FILES_LEFT_EXIT if left else 0
    if args.json:
        ctx.print_json({"files_removed": [str(p) for p in removed], "files_left": [str(p) for p in left],
                        "exit": code})
        return code
    if not removed and not left:
        print(ctx.t("没有待删除的报告文件。", "No report files are waiting to be removed."))
    elif removed:
        print(ctx.t(f"已删除以前无法删除的 {len(removed)} 个报告文件。",
                    f"Removed {plural(len(removed), 'report file', 'report files')} that could not be removed before."))
    _print_left(ctx, left)
    return code


def _print_left(ctx: CliContext, left: Any) -> None:
    """The files to delete by hand, one a line after a sentence saying so (a path is copied whole)."""
    if left:
        print(ctx.t(f"{len(left)} 个文件无法删除（被其他程序打开？），请手动删除，或关闭该程序后运行 "
                    "ipdesk report delete --leftovers：",
                    f"{plural(len(left), 'file', 'files')} could not be removed (open in another program?): delete "
                    "them by hand, or close that program and run ipdesk report delete --leftovers:"))
        for path in left:
            print(one_line(path))


def _run_delete(args: argparse.Namespace, ctx: CliContext) -> int:
    """Exit status 0 deleted (or nothing to delete), 1 not confirmed (nothing changed), FILES_LEFT_EXIT
    deleted but some report files could not be removed (named, and kept to try again)."""
    reports = ctx.services.reports
    if args.leftovers:
        return _run_leftovers(args, ctx)
    if args.client:
        wanted = set(reports.client_entry_ids(args.client))
        chosen = [e for e in reports.service_entries() if e.id in wanted]
        if not chosen:  # not a question about deleting nothing
            _no_such_client(reports, args.client.strip(), "没有删除任何内容。", "Nothing was deleted.")
    else:
        wanted = set(args.entry)
        chosen = [e for e in reports.service_entries() if e.id in wanted]
        missing = sorted(wanted - {e.id for e in chosen})
        if missing:
            ids = ", ".join(map(str, missing))
            raise UserInputError(f"服务台账中没有这些记录：{ids}（见 ipdesk report entries）。没有删除任何内容。",
                                 f"No such entries in the service record: {ids} (see ipdesk report entries). "
                                 "Nothing was deleted.")
    numbers = sorted({e.report_no for e in chosen if e.report_no})
    if not args.yes:
        clients = "、".join(dict.fromkeys(one_line(e.client or "—") for e in chosen))
        clients_en = ", ".join(dict.fromkeys(one_line(e.client or "—") for e in chosen))
        sys.stderr.write(ctx.t(
            f"将删除服务对象 {clients} 的 {len(chosen)} 条服务台账记录及其存档报告（{'、'.join(numbers) or '无'}），"
            "无法撤销；以前做的备份和导出的台账中仍有这些记录。确认删除吗？输入 y 继续：",
            f"This deletes {plural(len(chosen), 'service-record entry', 'service-record entries')} of {clients_en} "
            f"with their archived reports ({', '.join(numbers) or 'none'}); it cannot be undone, and backups and "
            "ledgers exported before still hold them. Delete? Type y to go on: "))
        sys.stderr.flush()
        answer = sys.stdin.readline() if sys.stdin is not None else ""
        if not answer:  # no one to answer (a script, a scheduled task): say how to go on without asking
            sys.stderr.write("\n")
            print(ctx.t("没有输入确认，未删除任何内容。确定要删除时请加 --yes。",
                        "No answer was given: nothing was deleted. Add --yes to delete without asking."),
                  file=sys.stderr)
            return 1
        if answer.strip().lower() not in _YES:
            print(ctx.t("未删除任何内容。", "Nothing was deleted."), file=sys.stderr)
            return 1
    done = reports.delete_entries(e.id for e in chosen)
    code = FILES_LEFT_EXIT if done.left else 0  # a script can tell: files are left to delete by hand
    if args.json:
        ctx.print_json({"entries": done.entries, "archived_reports": done.archived, "report_numbers": numbers,
                        "files_removed": [str(p) for p in done.files], "files_left": [str(p) for p in done.left],
                        "older_copies": [str(p) for p in done.copies], "exit": code})
        return code
    print(ctx.t(f"已删除 {done.entries} 条记录、{done.archived} 个存档报告（{len(done.files)} 个文件）。",
                f"Deleted {plural(done.entries, 'entry', 'entries')} and "
                f"{plural(done.archived, 'archived report', 'archived reports')} "
                f"({plural(len(done.files), 'file', 'files')})."))
    _print_left(ctx, done.left)
    for copy in done.copies:
        print(ctx.t(f"数据文件夹中较早的副本可能仍有这些记录（不再需要时请删除）：{one_line(copy)}",
                    f"An older copy in the data folder may still hold them (delete it when no longer needed): "
                    f"{one_line(copy)}"))
    return code


def _run_prune(args: argparse.Namespace, ctx: CliContext) -> int:
    """Exit status 0 removed (or nothing to remove, or kept for ever), FILES_LEFT_EXIT removed but some
    report files could not be (named, and kept to try again as after a deletion)."""
    import datetime as dt

    from ipdesk.domain.retention import days_cutoff, retention_cutoff

    reports = ctx.services.reports
    today = dt.date.today()
    cutoff: dt.date | None
    if args.older_than is not None:
        if args.older_than < 1:
            raise UserInputError("--older-than 应为至少 1 天。", "--older-than must be at least 1 day.")
        cutoff = days_cutoff(args.older_than, today)
    elif args.keep_years is not None:
        if not 1 <= args.keep_years <= 100:
            raise UserInputError("--keep-years 应在 1–100 之间。", "--keep-years must be 1–100.")
        cutoff = retention_cutoff(args.keep_years, today)
    else:
        cutoff = reports.retention_cutoff(today)
    done = reports.prune(cutoff, dry_run=args.dry_run)
    deletion = done.deletion
    left = list(deletion.left) if deletion else []
    code = FILES_LEFT_EXIT if left else 0
    if args.json:
        ctx.print_json({"cutoff": cutoff.isoformat() if cutoff else None, "dry_run": args.dry_run,
                        "entries": done.entries, "archived_reports": done.archived,
                        "files_removed": [str(p) for p in deletion.files] if deletion else [],
                        "files_left": [str(p) for p in left],
                        "older_copies": [str(p) for p in deletion.copies] if deletion else [], "exit": code})
        return code
    if cutoff is None:
        print(ctx.t("设置为永久保留服务台账和报告，没有删除任何内容。",
                    "The settings keep the service record and reports for ever: nothing was removed."))
        return 0
    day = cutoff.isoformat()
    if args.dry_run:
        print(ctx.t(f"将删除早于 {day} 的 {done.entries} 条记录、{done.archived} 个存档报告（未删除任何内容）。",
                    f"Would remove {plural(done.entries, 'entry', 'entries')} from before {day} and "
                    f"{plural(done.archived, 'archived report', 'archived reports')} (nothing was removed)."))
        return 0
    print(ctx.t(f"已删除早于 {day} 的 {done.entries} 条记录、{done.archived} 个存档报告"
                f"（{len(deletion.files) if deletion else 0} 个文件）。以前做的备份和导出的台账中仍有这些记录。",
                f"Removed {plural(done.entries, 'entry', 'entries')} from before {day} and "
                f"{plural(done.archived, 'archived report', 'archived reports')} "
                f"({plural(len(deletion.files) if deletion else 0, 'file', 'files')}). Backups and ledgers "
                "exported before still hold them."))
    _print_left(ctx, left)
    return code


def _run_correct_client(args: argparse.Namespace, ctx: CliContext) -> int:
    reports = ctx.services.reports
    if not args.new.strip():  # before looking: an empty argument would blank the name
        raise UserInputError("请给出正确的服务对象名称。没有更正任何内容。",
                             "Give the client's correct name. Nothing was changed.")
    if " ".join(args.new.split()) == " ".join(args.old.split()):  # told "corrected 3 entries" for nothing
        raise UserInputError("新名称与原名称相同。没有更正任何内容。", "The new name is the same as the old one. Nothing was changed.")
    ids = reports.client_entry_ids(args.old)
    if not ids:
        _no_such_client(reports, args.old.strip(), "没有更正任何内容。", "Nothing was changed.")
    count = reports.rename_client(ids, args.new)
    if args.json:
        ctx.print_json({"entries": count, "client": args.new.strip()})
    else:
        print(ctx.t(f"已更正 {count} 条记录的服务对象。已存档的报告文件仍印着原来的名称。",
                    f"Corrected the client of {plural(count, 'entry', 'entries')}. The archived report files "
                    "still print the name as it was."))
    return 0


def _no_such_client(reports: Any, name: str, zh_tail: str, en_tail: str) -> None:
    """Raise UserInputError: no entry has this client's whole name; names that contain it are listed
    (a part of the name was given: 张三 for 张三丰), for the staff member to give one of them."""
    close = list(dict.fromkeys(e.client for e in reports.service_entries(client=name) if e.client))[:10]
    if close:
        raise UserInputError(
            f"服务台账中没有名称为“{name}”的服务对象（须是完整名称）；相近的有：{'、'.join(close)}。{zh_tail}",
            f"No client named \"{name}\" in the service record (the whole name is needed); close: "
            f"{', '.join(close)}. {en_tail}")
    raise UserInputError(f"服务台账中没有名称为“{name}”的服务对象（见 ipdesk report entries）。{zh_tail}",
                         f"No client named \"{name}\" in the service record (see ipdesk report entries). {en_tail}")
