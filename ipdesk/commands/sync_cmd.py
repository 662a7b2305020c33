"""`ipdesk sync`: check the update source, download what is missing, apply it atomically."""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ipdesk.commands.context import CliContext, one_line
from ipdesk.domain.amounts import duration_text, eta_text, size_pair, size_text
from ipdesk.domain.i18n import (
    SYNC_CHANGE_NAMES,
    SYNC_METHOD_NAMES,
    SYNC_OUTCOME_NAMES,
    code_label,
    dataset_label,
    field_changes_text,
    local_time_text,
    pick,
    record_key_text,
)
from ipdesk.services.errors import IpdeskError
from ipdesk.services.sync.changes import CHANGE_KINDS, MINOR, ChangedRecord, ChangePage
from ipdesk.services.sync.client import SyncProgress
from ipdesk.services.sync.errors import RemovalsHeldError, SyncError, UntrustedPublisherError
from ipdesk.services.sync.freshness import update_health
from ipdesk.services.sync.manifest import format_time, load_public_key_file
from ipdesk.services.sync.plan_counts import PlanCounts, removal_warning
from ipdesk.services.sync.state import DatasetChange

log = logging.getLogger("ipdesk.sync")

STATUS_RECORDS = 5  # changed records --status shows per dataset (--changes lists them all)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("sync", help="检查并应用签名的数据更新 / check for and apply signed data updates")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--url", help="更新来源网址 / update source base URL (http:// or https://)")
    where.add_argument("--dir", type=Path, help="更新来源文件夹（如 U 盘）/ update source folder (e.g. a USB stick)")
    p.add_argument("--trusted-key", type=Path, action="append", metavar="FILE.pub",
                   help="另外信任这个发布者公钥（可重复）/ also trust this publisher public key (repeatable)")
    p.add_argument("--check", action="store_true", help="只检查有哪些更新，不下载 / only check what is available; download nothing")
    p.add_argument("--switch-publisher", action="store_true",
                   help="改用另一个受信任发布者的更新来源：它的数据整体替换上一个发布者的，此后以它的更新包为准 / switch to "
                        "another trusted publisher's update source: its data replace the previous publisher's, and "
                        "its update packages are followed from then on")
    p.add_argument("--allow-removals", action="store_true",
                   help="也应用会删除某个数据集大部分记录的更新（默认拒绝：常常是发布者误用了空的或错误的数据库）/ also "
                        "apply an update that removes most of a dataset's records (refused by default: it usually "
                        "means the publisher used an empty or wrong database)")
    p.add_argument("--status", action="store_true",
                   help="显示上次检查和上次更新，及其改动的前几条记录 / show the last check and the last update, "
                        "with the first records it changed")
    p.add_argument("--changes", nargs="?", const="all", choices=("all", *CHANGE_KINDS, MINOR),
                   help="列出上次更新新增、变更或删除的记录（全部或一类；minor：只更新了来源或数据截至日期的）/ list the "
                        "records the last update added, changed or removed (all, or one kind; minor: those that "
                        "changed only their source or as-of date)")
    p.add_argument("--progress", action="store_true", help="在标准错误输出进度 / print progress lines to stderr")
    p.add_argument("--json", action="store_true", help="以 JSON 输出 / output as JSON")
    p.set_defaults(func=run)


def _progress_printer(lang: str, as_json: bool) -> Callable[[SyncProgress], None]:
    """Progress lines on stderr: on every phase change and at most twice a second while downloading
    or applying. In the reader's language ("正在下载：1.1 / 6.4 MB，剩余约 18 秒"); with --json, one JSON
    object a line for scripts ({"phase", "done_bytes", "total_bytes", "records", "total_records",
    "eta_seconds"}, and "attempt", "attempts" in a "retry" line: the connection dropped, try k of n follows)."""
    last_phase = ""
    last_at = 0.0

    def show(p: SyncProgress) -> None:
        nonlocal last_phase, last_at
        now = time.monotonic()
        if p.phase == last_phase and now - last_at < 0.5 and not p.finished:
            return
        if as_json:
            line = json.dumps({"phase": p.phase, "done_bytes": p.done_bytes, "total_bytes": p.total_bytes,
                               "records": p.records, "total_records": p.total_records,
                               "eta_seconds": None if p.eta_seconds is None else round(p.eta_seconds),
                               **({"attempt": p.attempt, "attempts": p.attempts} if p.phase == "retry" else {})})
        else:
            line = progress_text(p, lang)
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
        last_phase, last_at = p.phase, now

    return show


def progress_text(p: SyncProgress, lang: str) -> str:
    """One progress line as a person reads it."""
    eta = eta_text(p.eta_seconds, lang)
    sep = pick(lang, "，", ", ")
    tail = f"{sep}{eta}" if eta else ""
    if p.phase == "check":
        return pick(lang, "正在检查更新来源……", "Checking the update source…")
    if p.phase == "download":
        return pick(lang, "正在下载：", "Downloading: ") + size_pair(p.done_bytes, p.total_bytes, lang) + tail
    if p.phase == "retry":  # a pause of seconds follows: no time left to show, the try it waits for
        return pick(lang, f"连接中断，正在重新连接（第 {p.attempt} / {p.attempts} 次）……",
                    f"Connection lost; reconnecting (try {p.attempt} of {p.attempts})…")
    if p.phase == "wait":
        return pick(lang, "正在等待导入完成……", "Waiting for an import to finish…")
    if p.phase == "apply":
        return pick(lang, f"正在写入数据：{p.records:,} / {p.total_records:,} 条记录",
                    f"Applying: {p.records:,} / {p.total_records:,} records") + tail
    if p.phase == "done":
        return pick(lang, "完成。", "Done.")
    return p.phase


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    """With --json a refused or failed sync is JSON on stdout too ({"error", "message", "exit"}), with
    the same exit status as without, so a fleet script can parse every answer."""
    if not args.json:
        return _run_advised(args, ctx)
    try:
        return _run_advised(args, ctx)
    except IpdeskError as exc:
        if exc.detail:
            log.warning("%s: %s", type(exc).__name__, exc.detail)
        ctx.print_json({"error": error_code(exc), "message": exc.message(ctx.lang), "exit": exc.exit_code})
        return exc.exit_code


# what the window says with an untrusted publisher, in the command line's terms
_TRUST_ADVICE = ("请向发布者索取公钥文件（.pub），用 --trusted-key 文件.pub 指定后再试（或在窗口“设置 → 受信任的发布者”中"
                 "添加，以后一直信任它）。",
                 " Ask the publisher for its public key file (.pub) and give it with --trusted-key FILE.pub, then "
                 "retry (or add it under Settings → Trusted publishers in the window, to trust it from then on).")


_REMOVALS_ADVICE = ("如果确实要删除这些记录，请加 --allow-removals 再运行（ipdesk sync --check 列出各数据集的变化）。",
                    " If these records really should go, run it again with --allow-removals (ipdesk sync --check "
                    "lists what changes per dataset).")


def _run_advised(args: argparse.Namespace, ctx: CliContext) -> int:
    """`_run`, with the way out added to "not signed by a trusted publisher"."""
    try:
        return _run(args, ctx)
    except UntrustedPublisherError as exc:
        raise UntrustedPublisherError(exc.zh + _TRUST_ADVICE[0], exc.en + _TRUST_ADVICE[1], key_ids=exc.key_ids,
                                      detail=exc.detail) from exc
    except RemovalsHeldError as exc:
        raise RemovalsHeldError(exc.zh + _REMOVALS_ADVICE[0], exc.en + _REMOVALS_ADVICE[1], datasets=exc.datasets,
                                key_id=exc.key_id, version=exc.version, replaced=exc.replaced) from exc


def error_code(exc: IpdeskError) -> str:
    """SignatureError → 'signature', StaleSourceError → 'stale_source', SyncError → 'sync'; a class
    may name its kind (`kind`), so that a subclass reports its family's."""
    if isinstance(getattr(type(exc), "kind", None), str):
        return str(type(exc).kind)  # type: ignore[attr-defined]
    name = type(exc).__name__.removesuffix("Error") or "error"
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _run(args: argparse.Namespace, ctx: CliContext) -> int:
    svc = ctx.services.sync
    t = ctx.t
    if args.changes:
        return _list_changes(svc, args.changes, args.json, ctx)
    if args.status:
        state, applied = svc.status()
        firsts = {c.dataset: svc.last_changes(dataset=c.dataset, limit=STATUS_RECORDS)
                  for c in (applied.changes if applied else ())}
        out: dict[str, Any] = {
            "last_check": state.last_check, "outcome": state.outcome, "source": state.source,
            "message": t(state.message_zh, state.message_en),
            "applied_version": applied.manifest_version if applied else None,
            "applied_at": applied.applied_at if applied else None,
            "changes": [{**c.__dict__, **_listed_json(firsts[c.dataset], c.dataset)}
                        for c in applied.changes] if applied else [],
            "publisher_key": applied.publisher_key or None if applied else None,
        }
        # what a fleet's administrator collects (as `ipdesk info --json` has it under "sync")
        health = update_health(state, applied, svc.update_source).to_json()
        out.update({k: health[k] for k in ("update_source", "last_success", "source_expires", "expired", "overdue")})
        if args.json:
            ctx.print_json(out)
        else:
            outcome = _mid_sentence(code_label(SYNC_OUTCOME_NAMES, state.outcome, ctx.lang), ctx.lang) \
                if state.outcome else ""
            checked = local_time_text(state.last_check) or t("尚未检查", "never")
            line = t(f"上次检查：{checked}", f"Last check: {checked}")
            if outcome:
                line += t(f"（{outcome}）", f" ({outcome})")
            if out["message"]:  # may name the update folder (--dir): shown, never obeyed by the terminal
                line += t("：" + one_line(out["message"]), ": " + one_line(out["message"]))
            print(line)
            version = out["applied_version"]
            applied_at = local_time_text(str(out["applied_at"] or ""))
            print(t("已应用的更新包：", "Applied update package: ")
                  + (t(f"第 {version} 版", f"version {version}") if version else t("无", "none"))
                  + (f" {applied_at}" if version and applied_at else ""))
            if applied and not applied.changes:
                print("  " + t("这台电脑的数据与这个版本相同，没有下载或更改任何记录。",
                               "This computer's data were the same as this version: nothing was downloaded or "
                               "changed."))
            if applied and applied.publisher_key:
                print(t(f"发布者密钥：{applied.publisher_key}（此后只按这个发布者的更新包判断新旧）",
                        f"Publisher key: {applied.publisher_key} (newer or older is judged by this publisher's "
                        "update packages)"))
            for c in applied.changes if applied else ():
                print(_change_line(c, ctx))
                page = firsts[c.dataset]
                for r in page.records if page else ():
                    print("    " + _record_line(r, ctx))
                more = c.added + c.updated + c.deleted - (len(page.records) if page else 0)
                if page and page.records and more > 0:
                    print("    " + t(f"……另有 {more:,} 条（ipdesk sync --changes 列出）",
                                    f"… and {more:,} more (ipdesk sync --changes lists them)"))
                if page and page.minor:
                    print("    " + _minor_text(page.minor, ctx))
        return 0
    # a folder as an absolute path: the last check names it, and a scheduled task runs from another folder
    location = args.url or (str(args.dir.absolute()) if args.dir else None)
    if not location and not svc.update_source:  # the service's own words point at the window
        missing = SyncError("没有设置更新来源。请用 --url 网址 或 --dir 文件夹 指定，或在窗口的“数据与同步”中设置。",
                            'No update source is set. Give one with --url URL or --dir FOLDER, or set it in the '
                            'window\'s "Data & sync".')
        svc.add_settings_note(missing, "update_source")  # an update_source in settings.json that was ignored
        raise missing
    keys = [load_public_key_file(p) for p in args.trusted_key or ()]
    switch = bool(getattr(args, "switch_publisher", False))
    if args.check:
        check = svc.check(location, extra_keys=keys, switch_publisher=switch)
        at_risk, counts = svc.weigh(check)
        plan = [{**p.__dict__, "imported_at_risk": at_risk.get(p.name, 0), **counts[p.name].to_json()}
                for p in check.plan]
        if args.json:
            ctx.print_json({"source": check.source, "version": check.manifest.version,
                            "created": format_time(check.manifest.created),
                            "expires": format_time(check.manifest.expires), "up_to_date": check.up_to_date,
                            "download_bytes": check.download_bytes, "plan": plan,
                            # datasets whose data here already are the published version: nothing to fetch
                            "already_here": sorted(e.name for e in check.adopted),
                            "imported_at_risk": sum(at_risk.values()), "key_id": check.key_id,
                            "switch_publisher": _switched_json(check.switched_from)})
        else:
            v = check.manifest.version
            size = size_text(check.download_bytes, ctx.lang)
            if check.switched_from:
                print(_switch_text(check.switched_from, check.key_id, ctx, planned=True))
            if check.note[0]:  # the source is older than the data here (an old USB stick)
                print(one_line(t(*check.note)))
            else:
                print(t(f"已是最新（更新包第 {v} 版）。", f"Up to date (update package version {v}).") if check.up_to_date
                          else t(f"有更新：更新包第 {v} 版，需下载 {size}。",
                             f"Update available: update package version {v}, {size} to download."))
            for p in check.plan:
                method = _mid_sentence(_method(p.method, ctx.lang), ctx.lang)
                print(f"  {dataset_label(p.name, ctx.lang)}{t('：', ': ')}{_versions(p.local_version, p.new_version, ctx)}"
                      f"{t('（', ' (')}{method}{t('，', ', ')}{size_text(p.size, ctx.lang)}"
                      f"{t('）', ')')}")
                for line in plan_counts_lines(counts[p.name], ctx.lang):
                    print("    " + line)
                if at_risk.get(p.name):
                    print("    " + _at_risk_text(at_risk[p.name], ctx))
            if any(c.removes_most for c in counts.values()):
                print(t("不加 --allow-removals 时，ipdesk sync 不会应用这个版本。",
                        "ipdesk sync does not apply this version without --allow-removals."))
        return 0
    result = svc.sync(location, extra_keys=keys, progress=_progress_printer(ctx.lang, args.json) if args.progress else None,
                      switch_publisher=switch, allow_removals=bool(getattr(args, "allow_removals", False)))
    changes = list(result.applied.changes) if result.applied else []
    if args.json:
        ctx.print_json({
            "source": result.check.source, "version": result.check.manifest.version,
            "up_to_date": result.check.up_to_date, "note": result.check.note[0 if ctx.lang.startswith("zh") else 1],
            "downloaded_bytes": result.downloaded_bytes,
            "reused_bytes": result.reused_bytes, "seconds": round(result.seconds, 3),
            "changes": [c.__dict__ for c in changes], "key_id": result.check.key_id,
            "already_here": sorted(e.name for e in result.check.adopted),
            "switch_publisher": _switched_json(result.check.switched_from) if result.applied else None,
        })
        return 0
    if result.applied is not None and result.check.switched_from:
        print(_switch_text(result.check.switched_from, result.check.key_id, ctx, planned=False))
    if result.applied is None or result.check.up_to_date:  # (applied: only recorded, as the note says)
        print(one_line(t(*result.check.note)) if result.check.note[0] else t("已是最新，无需更新。", "Up to date: nothing to do."))
        return 0
    v = result.check.manifest.version
    size, took = size_text(result.downloaded_bytes, ctx.lang), duration_text(result.seconds, ctx.lang)
    print(t(f"已更新到更新包第 {v} 版（下载 {size}，用时 {took}）：",
            f"Updated to update package version {v} ({size} downloaded in {took}):"))
    for c in changes:
        print(_change_line(c, ctx))
    return 0


def _versions(old: int, new: int, ctx: CliContext) -> str:
    """A dataset's own version, told apart from the update package's: '数据 v3 → v4' / 'data v3 → v4';
    a dataset no update brought here yet: '新数据集，数据 v1' / 'new dataset, data v1'."""
    if old <= 0:
        return ctx.t(f"新数据集，数据 v{new}", f"new dataset, data v{new}")
    return ctx.t(f"数据 v{old} → v{new}", f"data v{old} → v{new}")


def _mid_sentence(label: str, lang: str) -> str:
    """An English label ('Applied', 'Delta') inside a sentence or in brackets: lower-case ('applied')."""
    return pick(lang, label, label[:1].lower() + label[1:])


def _switch_text(previous: str, key: str, ctx: CliContext, *, planned: bool) -> str:
    """What a publisher switch does: said with `--check --switch-publisher` and after the switch."""
    before = ctx.t(f"（上次更新来自密钥 {previous} 的发布者）", f" (the last update came from the publisher of key "
                   f"{previous})") if previous != "?" else ""
    if planned:
        return ctx.t(f"将改用密钥 {key} 的发布者{before}：它的每个数据集都替换本机的数据（与本机相同的不必下载）。",
                     f"Switching to the publisher of key {key}{before}: each of its datasets replaces the data here "
                     "(those the same as here need no download).")
    return ctx.t(f"已改用密钥 {key} 的发布者{before}：本机此后以它的更新包为准。",
                 f"Switched to the publisher of key {key}{before}: this computer follows its update packages "
                 "from now on.")


def _switched_json(previous: str) -> dict[str, str] | None:
    """`switch_publisher` in --json: the last update's publisher key ('' when it recorded none), or null."""
    return {"previous_key_id": "" if previous == "?" else previous} if previous else None


def _change_line(c: DatasetChange, ctx: CliContext) -> str:
    """What an update changed in one dataset, the same in the sync's output and in --status:
    '  专利：数据 v1 → v3（增量）+1 ~7 -1（保留本地 8 条）' / '  Patents: data v1 → v3 (delta) +1 ~7 -1 (8 kept local)'."""
    t = ctx.t
    method = _mid_sentence(_method(c.method, ctx.lang), ctx.lang)
    kept = t(f"（保留本地 {c.kept_local:,} 条）", f" ({c.kept_local:,} kept local)") if c.kept_local else ""
    counts = f"+{c.added:,} ~{c.updated:,} -{c.deleted:,}"
    return (f"  {dataset_label(c.dataset, ctx.lang)}{t('：', ': ')}{_versions(c.old_version, c.new_version, ctx)}"
            + t(f"（{method}）{counts}", f" ({method}) {counts}") + kept)


def _record_json(r: ChangedRecord) -> dict[str, Any]:
    return {"dataset": r.dataset, "change": r.change, "kind": r.kind, "ref_id": r.ref_id, "key": list(r.key),
            "title": r.title, "fields": list(r.fields)}


def _listed_json(page: ChangePage | None, dataset: str) -> dict[str, Any]:
    """What --status --json adds to a dataset's counts: how much of it the list holds, and its first records."""
    listed = next((d for d in page.datasets if d.dataset == dataset), None) if page else None
    return {"listed": listed.listed if listed else 0, "list_cut": bool(listed and listed.cut),
            "records": [_record_json(r) for r in page.records] if page else []}


def _record_line(r: ChangedRecord, ctx: CliContext) -> str:
    """'更改 SYN000000000A 合成测试种植方法（法律状态）' / 'Changed SYN000000000A … (Legal status)'."""
    parts = [code_label(SYNC_CHANGE_NAMES, r.change, ctx.lang), record_key_text(r.dataset, r.key, ctx.lang), r.title]
    line = " ".join(p for p in parts if p)
    if r.fields:
        fields = field_changes_text(r.fields, r.values, ctx.lang)
        line += ctx.t(f"（{fields}）", f" ({fields})")
    return one_line(line)  # a title with a line break or a terminal escape stays on its line


def _minor_text(n: int, ctx: CliContext) -> str:
    return ctx.t(f"其中 {n:,} 条只更新了来源或数据截至日期，列在最后（ipdesk sync --changes minor 只列出这些）。",
                 f"Of these, {n:,} changed only their source or as-of date, listed last (ipdesk sync --changes "
                 "minor lists only those).")


def _list_changes(svc: Any, change: str, as_json: bool, ctx: CliContext) -> int:
    """`--changes [added|changed|removed]`: every record the last update's list holds, by dataset."""
    t = ctx.t
    page = svc.last_changes(change=None if change == "all" else change, limit=1 << 30)
    if as_json:
        ctx.print_json({"applied_version": page.manifest_version if page else None,
                        "datasets": [{"dataset": d.dataset, "listed": d.listed, "total": d.total, "cut": d.cut}
                                     for d in page.datasets] if page else [],
                        "records": [_record_json(r) for r in page.records] if page else []})
        return 0
    if page is None:
        print(t("没有上次更新的记录清单（尚未应用过更新，或由旧版本应用）。",
                "There is no list of the last update's records (no update applied yet, or applied by an older "
                "version)."))
        return 0
    print(t(f"更新包第 {page.manifest_version} 版更改的记录：", f"Records changed by update package version "
            f"{page.manifest_version}:"))
    dataset = ""
    minor_shown = False
    for r in page.records:
        if r.dataset != dataset:
            dataset, minor_shown = r.dataset, False
            print(f"  {dataset_label(dataset, ctx.lang)}{t('：', ':')}")
        if r.minor and not minor_shown and change != MINOR:  # after the changes of substance
            minor_shown = True
            n = sum(1 for x in page.records if x.dataset == dataset and x.minor)
            print("    " + t(f"只更新了来源或数据截至日期（{n:,} 条）：", f"Changed only their source or as-of date "
                             f"({n:,}):"))
        print("    " + _record_line(r, ctx))
    if not page.records:
        print("  " + t("（没有）", "(none)"))
    for d in page.cut:
        print(t(f"注意：{dataset_label(d.dataset, ctx.lang)}共有 {d.total:,} 条变化，清单只保留了前 {d.listed:,} 条。",
                f"Note: {dataset_label(d.dataset, ctx.lang)} had {d.total:,} changes; the list keeps the first "
                f"{d.listed:,}."))
    return 0


def plan_counts_lines(c: PlanCounts, lang: str) -> list[str]:
    """What a planned dataset changes, under its plan line: '新增 0、更改 0、删除 8，更新后共 0 条' (a delta
    whose counts the manifest has) or '更新后共 8 条（本机现有 2 条）'; and a warning when it removes most
    of the dataset (an empty or wrong database published by mistake)."""
    if c.counts is not None:
        n = c.after_here
        # records imported here (not marked local) stay beside the publisher's: both said, so the total is this computer's
        also = pick(lang, f"（发布者的 {c.after:,} 条，加本机导入的 {c.kept:,} 条）",
                    f" (the publisher's {c.after:,} plus {c.kept:,} imported here)") if c.kept else ""
        lines = [pick(lang, f"新增 {c.counts.added:,}、更改 {c.counts.changed:,}、删除 {c.counts.removed:,}，"
                            f"更新后共 {n:,} 条{also}",
                      f"{c.counts.added:,} added, {c.counts.changed:,} changed, {c.counts.removed:,} removed; "
                      f"{n:,} record{'s' if n != 1 else ''} after the update{also}")]
    else:
        lines = [pick(lang, f"更新后共 {c.after:,} 条（本机现有 {c.here:,} 条）",
                      f"{c.after:,} record{'s' if c.after != 1 else ''} after the update ({c.here:,} here now)")]
    if c.removes_most:
        lines.append(removal_warning(c, lang))
    return lines


def _at_risk_text(n: int, ctx: CliContext) -> str:
    return ctx.t(f"注意：将删除或替换本机导入的 {n:,} 条记录（未标为本机数据）。如需保留，请先把这些文件作为本机数据"
                 "重新导入（ipdesk import --local），再更新。",
                 f"Warning: {n:,} record{'s' if n != 1 else ''} imported on this computer (not marked local) "
                 "will be deleted or replaced by this update. To keep them, import those files again as local "
                 "(ipdesk import --local) before updating.")


def _method(method: str, lang: str) -> str:
    return code_label(SYNC_METHOD_NAMES, method, lang)
