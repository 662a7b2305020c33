"""`ipdesk patents --crop TEXT [--technique T] [--keywords TEXT] [--json]`: the agricultural patent finder."""

from __future__ import annotations

import argparse

from ipdesk.commands.context import CliContext
from ipdesk.commands.gi_check_cmd import print_outcome
from ipdesk.domain.rules import TECHNIQUES_BY_ID


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("patents", help="按作物和技术查找农业专利 / agricultural patents by crop and technique")
    p.add_argument("--crop", required=True, help="作物或动物 / crop or animal, e.g. 水稻, apple")
    p.add_argument("--technique", default="", help=f"one of: {', '.join(TECHNIQUES_BY_ID)}")
    p.add_argument("--keywords", default="", help="附加关键词 / extra keywords")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    data = {"crop": args.crop, "technique": args.technique, "keywords": args.keywords}
    outcome = ctx.services.wizards.patent_finder(data)
    return print_outcome(outcome, ctx, as_json=args.json)
