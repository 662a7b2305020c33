"""`ipdesk gi-check --product TEXT --township CODE-or-NAME [--role ROLE] [--json]`: the GI check wizard (地理标志核查)."""

from __future__ import annotations

import argparse

from ipdesk.commands.context import CliContext, choice_arg, township_arg
from ipdesk.domain.i18n import Text
from ipdesk.domain.rules import ROLES, role_id
from ipdesk.domain.wizard import GROUP_LABELS, Outcome
from ipdesk.services.errors import UserInputError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("gi-check", help="地理标志核查 / GI check: can this product and township use a GI?")
    p.add_argument("--product", required=True, help="产品名称 / product, e.g. 大米")
    p.add_argument("--township", required=True, help=TOWNSHIP_HELP)
    p.add_argument("--role", default="",
                   help=f"谁在询问 / who is asking: {', '.join(ROLES)} (或中文，如 合作社 / or the Chinese label)")
    p.add_argument("--json", action="store_true", help="以 JSON 输出 / output as JSON")
    p.set_defaults(func=run)


TOWNSHIP_HELP = ("乡镇：12位代码或名称，如 龙凤山镇、五常市 龙凤山镇 / township: its 12-digit code or its name, "
                 "e.g. 五常市 龙凤山镇")


def role_arg(typed: str) -> str:
    """--role as an id or in words (合作社, 农民专业合作社, Farmers' cooperative) → its id; "" when not given."""
    return choice_arg(typed, role_id, ROLES, Text("身份", "role"))


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    role = role_arg(args.role)
    if not args.product.strip():
        raise UserInputError("请输入产品名称。", "Type the product's name.")
    data = {"product": args.product, "township_code": township_arg(ctx, args.township)}
    if role:  # not given: the result says so and covers every role, rather than assume one
        data["role"] = role
    outcome = ctx.services.wizards.gi_check(data)
    return print_outcome(outcome, ctx, as_json=args.json, rerun=rerun_commands(outcome, data))


def rerun_commands(outcome: Outcome, data: dict[str, str]) -> list[str]:
    """For "did you mean" (a product near a GI's name: 五長大米, 五常) and a product made from a GI (五常大米酒): the
    command that checks each GI meant."""
    if outcome.code not in ("did_you_mean", "made_from_gi"):
        return []
    role = f" --role {data['role']}" if data.get("role") else ""
    names = dict.fromkeys(f.title for f in outcome.findings if f.kind == "gi")
    return [f"ipdesk gi-check --product {_shell_word(n)} --township {data['township_code']}{role}" for n in names]


def _shell_word(text: str) -> str:
    """A word as typed into a shell, in double quotes when it has a space or a character a shell reads
    (double quotes do on Windows too)."""
    return f'"{text}"' if any(ch.isspace() or ch in "\"'&|;<>()$`\\^%!*?" for ch in text) else text


MAX_PRINTED_FINDINGS = 30  # records printed as text; --json and the reports give every one


def print_outcome(outcome: Outcome, ctx: CliContext, *, as_json: bool, rerun: list[str] | None = None) -> int:
    """Print an outcome as JSON (both languages) or as text in the chosen language; `rerun`: the commands
    that ask again as the outcome suggests, printed after the next steps."""
    if as_json:
        ctx.print_json(outcome.to_dict())
        return 0
    sec = outcome.to_report_section(ctx.lang)
    t = ctx.t
    print(f"== {sec['title']} ==")
    print(sec["headline"])
    print()
    print(sec["explanation"])
    if sec["answers"]:
        print("\n" + t("您的回答：", "Your answers:"))
        for q, a in sec["answers"]:
            print(f"  {q} {a}")
    if sec["next_steps"]:
        print("\n" + t("下一步：", "Next steps:"))
        for i, step in enumerate(sec["next_steps"], 1):
            print(f"  {i}. {step}")
    if rerun:
        print("\n" + t("重新检查：", "To check again:"))
        for command in rerun:
            print(f"  {command}")
    if sec["office"]:
        print("\n" + t("办理机构：", "Where to go: ") + sec["office"])
    if sec["checklist"]:
        print("\n" + t("材料清单：", "Documents to bring:"))
        for group in sec["checklist_groups"]:  # one untitled part, or a titled part per route
            if group["title"]:
                print(f"  {group['title']}")
            for item in group["items"]:
                print(f"  {'  ' if group['title'] else ''}[ ] {item}")
    if sec["findings"]:
        print("\n" + t("依据的记录：", "Records found:"))
        for f in sec["findings"][:MAX_PRINTED_FINDINGS]:
            label = GROUP_LABELS[f["group"]](ctx.lang) if f["group"] in GROUP_LABELS else f["group"]
            print(f"  - {f['title']}  {f['subtitle']}  [{label}]")
            for r in f["reasons"]:
                print(f"      {r}")
        more = len(sec["findings"]) - MAX_PRINTED_FINDINGS
        if more > 0:  # the headline counts every one listed (QA 20a N1): the rest are said, not dropped unsaid
            print(t(f"  ……另有 {more} 条未在此显示；加 --json 可得到全部，或用 ipdesk report 导出报告。",
                    f"  … and {more} more not shown here; add --json for all of them, or export a report with "
                    "ipdesk report."))
    if sec["rules"]:
        print("\n" + t("规则依据：", "Rules:"))
        for r in sec["rules"]:
            print(f"  - {r}")
    for note in sec["notes"]:
        print(f"* {note}")
    print("\n" + sec["disclaimer"])
    if sec["data_as_of"]:
        print(t("数据截至：", "Data as of: ") + sec["data_as_of"])
    return 0
