"""`ipdesk search QUERY`: the search service from the command line; with `--save NAME` the search is
kept under a name, which `--saved` lists, `--run NAME` (or `--saved NAME`) runs again, and
`--rename-saved` / `--delete-saved` change (services.saved_searches)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ipdesk.commands.context import CliContext, one_line
from ipdesk.domain.codes import division_prefix, expand_division_code
from ipdesk.domain.i18n import (
    GI_KIND_NAMES,
    KIND_NAMES,
    MATCH_NAMES,
    STATUS_NAMES,
    gi_category_name,
    gi_kind_text,
    is_english,
    status_code,
)
from ipdesk.domain.shown_text import quoted_name
from ipdesk.domain.text import is_blank
from ipdesk.services.errors import UserInputError
from ipdesk.services.saved_searches import (
    SavedSearchEntry,
    SavedSearchNameTaken,
    clean_name,
    conditions_text,
    filters_json,
)
from ipdesk.services.search import KINDS, SearchFilters

# the options that narrow a search (a saved search brings its own)
_FILTER_OPTIONS = {"kind": "--kind", "region": "--region", "gi_kind": "--gi-kind", "nice_class": "--nice-class",
                   "group": "--group", "ipc": "--ipc", "year_from": "--year-from", "year_to": "--year-to",
                   "status": "--status"}


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("search", help="查找地理标志、专利、商标、地方和分类 / search every record kind")
    p.add_argument("query", nargs="?",
                   help="要查找的文字、拼音或编号（列出、运行、改名或删除已保存的检索时不用）/ text, pinyin or a number "
                        "to search for (not with --saved, --run, --rename-saved, --delete-saved)")
    p.add_argument("--kind", choices=KINDS, action="append", help="只查某一类（可重复）/ limit to a kind (repeatable)")
    p.add_argument("--region", help="行政区划代码或其开头，如 33、3301、330106 / division code or prefix, e.g. 33, 3301, 330106")
    p.add_argument("--gi-kind", default="", choices=("", *GI_KIND_NAMES),
                   help="; ".join(f"{k}: {v.zh} / {v.en}" for k, v in GI_KIND_NAMES.items()))
    p.add_argument("--nice-class", type=int, help="尼斯分类 1–45 / Nice class 1–45")
    p.add_argument("--group", default="", help="类似群编号，如 3002 / similar-group code, e.g. 3002")
    p.add_argument("--ipc", default="", help="国际专利分类号的开头，如 A01G 或 'A01G 9/00' / IPC prefix, e.g. A01G or 'A01G 9/00'")
    p.add_argument("--year-from", type=int, help="从这一年起 / from this year")
    p.add_argument("--year-to", type=int, help="到这一年止 / up to this year")
    p.add_argument("--status", default="", help="法律状态，如 有效、已届满 或 in_force、expired / legal status, e.g. in_force, expired")
    p.add_argument("--limit", type=int, default=20, help="最多显示几条（默认 20）/ how many to show (default 20)")
    p.add_argument("--offset", type=int, default=0, help="跳过前几条 / skip this many first")
    p.add_argument("--json", action="store_true", help="以 JSON 输出 / output as JSON")
    saved = p.add_argument_group("已保存的检索 / saved searches")
    one_of = saved.add_mutually_exclusive_group()
    one_of.add_argument("--save", metavar="NAME",
                        help="查找后把查询和筛选条件保存为这个名称 / after searching, save the query and filters under this name")
    one_of.add_argument("--saved", nargs="?", const="", metavar="NAME",
                        help="列出已保存的检索；给出名称时运行它 / list the saved searches; with a name, run that one")
    one_of.add_argument("--run", metavar="NAME", help="运行一个已保存的检索 / run a saved search")
    one_of.add_argument("--rename-saved", nargs=2, metavar=("NAME", "NEW_NAME"),
                        help="给已保存的检索改名 / rename a saved search")
    one_of.add_argument("--delete-saved", metavar="NAME", help="删除一个已保存的检索 / delete a saved search")
    saved.add_argument("--replace", action="store_true",
                       help="已有同名的检索时替换它（与 --save 或 --rename-saved 一起用）/ replace a saved search of "
                            "the same name (with --save or --rename-saved)")
    saved.add_argument("--order", choices=("newest", "name"), default="newest",
                       help="列出的顺序：newest 新保存的在前（默认），name 按名称 / list order: newest first (default) or by name")
    p.set_defaults(func=run, check_arguments=lambda args: _check_arguments(p, args))


def _check_arguments(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """A query is needed unless a saved search is listed, run, renamed or deleted: said as argparse
    says a missing argument (while the arguments are parsed, before anything is opened)."""
    if args.query is None and args.saved is None and not (args.run or args.rename_saved or args.delete_saved):
        parser.error("the following arguments are required: query")


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    if args.saved is not None or args.run or args.rename_saved or args.delete_saved:
        return _saved_command(args, ctx)
    filters = _filters(args)
    # only invisible characters (a zero-width space, a BOM pasted from a file) are no query: the service says so
    query = "" if is_blank(args.query) else args.query
    name = ""
    if args.save is not None:  # refused before searching: a bad or taken name, said at once
        name = clean_name(args.save)
        taken = ctx.services.saved_searches.find(name)
        if taken is not None and not args.replace:
            raise SavedSearchNameTaken(taken.name)
    found = _search(args, ctx, query, filters)
    if name:
        entry = ctx.services.saved_searches.save(name, query, filters, replace=args.replace)
        found["saved_as"] = entry.name
        if not args.json:
            print(ctx.t(f"已保存为“{quoted_name(entry.name)}”，以后用 ipdesk search --run 加这个名称再次运行。",
                        f"Saved as \"{quoted_name(entry.name)}\"; run it again with ipdesk search --run and this name."))
    if args.json:
        ctx.print_json(found)
    return 0


def _filters(args: argparse.Namespace) -> SearchFilters:
    """The filter options checked and made one SearchFilters."""
    region = ""
    if args.region:
        full = expand_division_code(args.region)
        if full is None:
            raise UserInputError(
                f"地区代码无效：{args.region}（应为 2、4、6、9 或 12 位数字）。",
                f"Invalid region code: {args.region} (use 2, 4, 6, 9 or 12 digits).",
            )
        region = division_prefix(full)
    if args.nice_class is not None and not 1 <= args.nice_class <= 45:
        raise UserInputError(f"尼斯分类只有第 1–45 类：{args.nice_class}。", f"Nice classes are 1–45: {args.nice_class}.")
    if args.group:
        group, klass = args.group.strip(), args.nice_class
        # a similar group is four digits, the first two its class (3002 is in class 30)
        if not (len(group) == 4 and group.isdigit() and 1 <= int(group[:2]) <= 45) or (klass and int(group[:2]) != klass):
            raise UserInputError(
                f"类似群 {group} 不对：应为 4 位数字，前两位是它的类别" + (f"（第 {klass} 类的类似群以 {klass:02d} 开头）。" if klass else "。"),
                f"Similar group {group} is not right: four digits, the first two its class"
                + (f" (class {klass}'s groups start with {klass:02d})." if klass else "."),
            )
    status = status_code(args.status) if args.status else ""
    if status is None:
        known = list({name.zh: code for code, name in reversed(STATUS_NAMES.items())}.values())[::-1]  # no aliases
        raise UserInputError(
            f"未知的状态：{args.status}。可选：{'、'.join(f'{c}（{STATUS_NAMES[c].zh}）' for c in known)}",
            f"Unknown status: {args.status}. Choose one of: {', '.join(f'{c} ({STATUS_NAMES[c].en})' for c in known)}",
        )
    return SearchFilters(
        kinds=tuple(args.kind or ()), region=region, gi_kind=args.gi_kind, nice_class=args.nice_class,
        similar_group=args.group, ipc_prefix=args.ipc, year_from=args.year_from, year_to=args.year_to,
        status=status,
    )


def _search(args: argparse.Namespace, ctx: CliContext, query: str, filters: SearchFilters) -> dict[str, Any]:
    """Search and print the results (as text; with --json the caller prints what this returns)."""
    if not 1 <= args.limit <= 1000 or args.offset < 0:
        raise UserInputError("--limit 应在 1–1000 之间，--offset 不能为负。", "--limit must be 1–1000 and --offset ≥ 0.")
    result = ctx.services.search.search(query, filters, limit=args.limit, offset=args.offset)
    if not result.total and filters.region and ctx.services.places.place(filters.region.ljust(12, "0")) is None:
        # a well-formed code no division has (99, 3399): say so, or "0 found" reads as "none in that region";
        # on stderr, as the saved searches' notes: --json output stays clean
        print(ctx.t(f"注意：本机的行政区划表里没有代码为 {filters.region} 的地区。",
                    f"Note: no division has the code {filters.region} in this computer's division table."),
              file=sys.stderr)
    if args.json:
        return {
            "query": result.query,
            "total": result.total,
            "capped": result.capped,
            "total_label": result.total_label,
            "counts_by_kind": result.counts_by_kind,
            "read_as": result.forms,
            "elapsed_ms": round(result.elapsed_ms, 2),
            "results": [
                {
                    "kind": h.kind, "id": h.key, "title": h.title, "subtitle": h.subtitle, "subkind": h.subkind,
                    "matched": h.matched, "spans": h.spans, "region": h.region, "date": h.date, "status": h.status,
                }
                for h in result.hits
            ],
        }
    t = ctx.t
    print(t(f"找到 {result.total_label} 条（{result.elapsed_ms:.0f} 毫秒）", f"{result.total_label} found "
            f"({result.elapsed_ms:.0f} ms)"))
    for i, h in enumerate(result.hits, start=args.offset + 1):
        kind = KIND_NAMES[h.kind](ctx.lang)
        subtitle = h.subtitle
        if h.kind == "gi":
            if h.subkind:
                kind = gi_kind_text(h.subkind)(ctx.lang)  # a product and its certification mark share a name
            subtitle = gi_category_name(h.subtitle, ctx.lang)
        how = MATCH_NAMES.get(h.matched)
        print(f"{i:>4}. [{kind}] {one_line(h.title)}  {one_line(subtitle)}  "
              f"({t('匹配', 'matched')}: {how(ctx.lang) if how else h.matched})")
    return {}


# --- saved searches ---------------------------------------------------------------------------------

def _saved_command(args: argparse.Namespace, ctx: CliContext) -> int:
    """--saved (list), --saved NAME / --run NAME, --rename-saved, --delete-saved."""
    t = ctx.t
    if args.query is not None:
        raise UserInputError("列出、运行、改名或删除已保存的检索时不要再给查询：运行时用的是保存的查询。",
                             "Give no query with --saved, --run, --rename-saved or --delete-saved: a saved search "
                             "runs its own.")
    given = [option for dest, option in _FILTER_OPTIONS.items() if getattr(args, dest) not in (None, "", [])]
    if given:
        raise UserInputError(f"已保存的检索用保存时的筛选条件，不能再加 {'、'.join(given)}。",
                             f"A saved search uses the filters it was saved with: leave out {', '.join(given)}.")
    saved = ctx.services.saved_searches
    if args.delete_saved:
        entry = saved.delete_named(args.delete_saved)
        if args.json:
            ctx.print_json({"deleted": entry.name})
        else:
            print(t(f"已删除已保存的检索“{quoted_name(entry.name)}”。",
                    f"Deleted the saved search \"{quoted_name(entry.name)}\"."))
        return 0
    if args.rename_saved:
        old, new = args.rename_saved
        entry = saved.rename_named(old, new, replace=args.replace)
        if args.json:
            ctx.print_json({"renamed": {"from": " ".join(old.split()), "to": entry.name}})
        else:
            before, after = quoted_name(" ".join(old.split())), quoted_name(entry.name)
            print(t(f"已把“{before}”改名为“{after}”。", f"Renamed \"{before}\" to \"{after}\"."))
        return 0
    name = args.run or args.saved
    if not name:
        return _list_saved(args, ctx)
    entry = saved.run(name)
    for note in entry.dropped:  # on stderr: --json output stays clean
        print(t(f"注意：{note.zh}。", f"Note: {note.en}."), file=sys.stderr)
    if not args.json:
        conditions = conditions_text(entry, ctx.lang)
        query = one_line(entry.query)
        shown = f"{query}（{conditions}）" if conditions and not is_english(ctx.lang) else (
            f"{query} ({conditions})" if conditions else query)
        print(t(f"已保存的检索“{quoted_name(entry.name)}”：{shown}", f"Saved search \"{quoted_name(entry.name)}\": {shown}"))
    found = _search(args, ctx, entry.query, entry.filters)
    if args.json:
        found["saved_search"] = {"name": entry.name, "dropped": [note(ctx.lang) for note in entry.dropped]}
        ctx.print_json(found)
    return 0


def _entry_json(entry: SavedSearchEntry, lang: str) -> dict[str, Any]:
    stored = json.loads(filters_json(entry.filters, entry.sort))
    sort = stored.pop("sort", "relevance")
    return {"id": entry.id, "name": entry.name, "query": entry.query, "filters": stored, "sort": sort,
            "region_name": entry.region_name, "conditions": conditions_text(entry, lang),
            "created_at": entry.created_at.isoformat(sep=" "), "dropped": [note(lang) for note in entry.dropped]}


def _list_saved(args: argparse.Namespace, ctx: CliContext) -> int:
    t = ctx.t
    entries = ctx.services.saved_searches.entries(args.order)
    if args.json:
        ctx.print_json({"saved_searches": [_entry_json(e, ctx.lang) for e in entries]})
        return 0
    if not entries:
        print(t("还没有已保存的检索。保存一个：ipdesk search 查询 --save 名称",
                "No saved searches yet. Save one with: ipdesk search QUERY --save NAME"))
        return 0
    print(t(f"已保存的检索 {len(entries)} 个（运行：ipdesk search --run 名称）：",
            f"{len(entries)} saved search{'es' if len(entries) != 1 else ''} (run one: ipdesk search --run NAME):"))
    for i, e in enumerate(entries, start=1):
        conditions = conditions_text(e, ctx.lang)
        when = e.created_at.strftime("%Y-%m-%d %H:%M")
        name, query = quoted_name(e.name), one_line(e.query)
        print(t(f"{i:>4}. {name}：{query}" + (f"（{conditions}）" if conditions else "") + f"  保存于 {when}",
                f"{i:>4}. {name}: {query}" + (f" ({conditions})" if conditions else "") + f"  saved {when}"))
        for note in e.dropped:
            print(t(f"      注意：{note.zh}。", f"      Note: {note.en}."))
    return 0
