"""`ipdesk search QUERY`: the search service from the command line."""

from __future__ import annotations

import argparse

from ipdesk.commands.context import CliContext
from ipdesk.domain.codes import division_prefix, expand_division_code
from ipdesk.domain.i18n import (
    GI_KIND_NAMES,
    KIND_NAMES,
    MATCH_NAMES,
    STATUS_NAMES,
    gi_category_name,
    gi_kind_text,
    status_code,
)
from ipdesk.domain.text import is_blank
from ipdesk.services.errors import UserInputError
from ipdesk.services.search import KINDS, SearchFilters


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("search", help="查找地理标志、专利、商标、地方和分类 / search every record kind")
    p.add_argument("query", help="要查找的文字、拼音或编号 / text, pinyin or a number to search for")
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
    p.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
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
    if not 1 <= args.limit <= 1000 or args.offset < 0:
        raise UserInputError("--limit 应在 1–1000 之间，--offset 不能为负。", "--limit must be 1–1000 and --offset ≥ 0.")
    status = status_code(args.status) if args.status else ""
    if status is None:
        known = list({name.zh: code for code, name in reversed(STATUS_NAMES.items())}.values())[::-1]  # no aliases
        raise UserInputError(
            f"未知的状态：{args.status}。可选：{'、'.join(f'{c}（{STATUS_NAMES[c].zh}）' for c in known)}",
            f"Unknown status: {args.status}. Choose one of: {', '.join(f'{c} ({STATUS_NAMES[c].en})' for c in known)}",
        )
    filters = SearchFilters(
        kinds=tuple(args.kind or ()), region=region, gi_kind=args.gi_kind, nice_class=args.nice_class,
        similar_group=args.group, ipc_prefix=args.ipc, year_from=args.year_from, year_to=args.year_to,
        status=status,
    )
    # only invisible characters (a zero-width space, a BOM pasted from a file) are no query: the service says so
    query = "" if is_blank(args.query) else args.query
    result = ctx.services.search.search(query, filters, limit=args.limit, offset=args.offset)
    if args.json:
        ctx.print_json({
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
        })
        return 0
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
        print(f"{i:>4}. [{kind}] {h.title}  {subtitle}  ({t('匹配', 'matched')}: {how(ctx.lang) if how else h.matched})")
    return 0
