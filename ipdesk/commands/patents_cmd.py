"""`ipdesk patents --crop TEXT [--technique T] [--keywords TEXT] [--json]`: the agricultural patent finder."""

from __future__ import annotations

import argparse

from ipdesk.commands.context import CliContext, choice_arg
from ipdesk.commands.gi_check_cmd import print_outcome
from ipdesk.domain.i18n import Text
from ipdesk.domain.rules import TECHNIQUE_NAMES, TECHNIQUES_BY_ID, technique_id


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("patents", help="按作物和技术查找农业专利 / agricultural patents by crop and technique")
    p.add_argument("--crop", required=True, help="作物或动物 / crop or animal, e.g. 水稻, apple")
    p.add_argument("--technique", default="",
                   help=f"技术类别 / kind of technique: {', '.join(TECHNIQUES_BY_ID)} (或中文，如 种植 / or in Chinese)")
    p.add_argument("--keywords", default="", help="附加关键词 / extra keywords")
    p.add_argument("--json", action="store_true", help="以 JSON 输出 / output as JSON")
    p.set_defaults(func=run)


def technique_arg(typed: str) -> str:
    """--technique as an id or in words (种植, 储藏, Planting and sowing) → its id; "" when not given."""
    return choice_arg(typed, technique_id, TECHNIQUE_NAMES, Text("技术类别", "technique"))


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    data = {"crop": args.crop, "technique": technique_arg(args.technique), "keywords": args.keywords}
    outcome = ctx.services.wizards.patent_finder(data)
    return print_outcome(outcome, ctx, as_json=args.json)
