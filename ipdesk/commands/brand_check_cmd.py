"""`ipdesk brand-check NAME --class N [--group CODE …] [--origin CODE] [--json]`: the brand-name check."""

from __future__ import annotations

import argparse

from ipdesk.commands.context import CliContext, township_arg
from ipdesk.commands.gi_check_cmd import print_outcome
from ipdesk.domain.brand_check import class_problems, name_problems
from ipdesk.services.errors import UserInputError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("brand-check", help="品牌名称能否注册 / can I register this brand name?")
    p.add_argument("name", help="要注册的名称 / the name to register")
    p.add_argument("--class", dest="nice_class", type=int, required=True, help="尼斯分类 1–45（多为 29–33，销售为 35）/ Nice class 1–45 (usually 29–33, or 35 for selling)")
    p.add_argument("--group", action="append", default=[], help="该类的类似群编号，如 3008（可重复；`ipdesk search 30 --kind class` 列出第 30 类的）/ "
                   "similar-group code of the class, e.g. 3008 (repeatable; `ipdesk search 30 --kind class` lists class 30's)")
    p.add_argument("--origin", default="", help="商品产地乡镇（代码或名称，可不填） / township the goods come from: "
                   "code or name (optional)")
    p.add_argument("--json", action="store_true", help="以 JSON 输出 / output as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    problems = name_problems(args.name) + class_problems(args.nice_class)
    if problems:
        raise UserInputError(problems[0].zh, problems[0].en)
    data = {"name": args.name, "nice_class": args.nice_class, "groups": tuple(args.group),
            "origin_code": township_arg(ctx, args.origin, required=False)}
    outcome = ctx.services.wizards.brand_check(data)
    return print_outcome(outcome, ctx, as_json=args.json)
