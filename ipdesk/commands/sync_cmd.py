"""`ipdesk sync`: check the update source, download what is missing, apply it atomically."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ipdesk.commands.context import CliContext
from ipdesk.domain.i18n import (
    SYNC_METHOD_NAMES,
    SYNC_OUTCOME_NAMES,
    code_label,
    dataset_label,
    local_time_text,
)
from ipdesk.services.sync.apply import imported_rows_at_risk
from ipdesk.services.sync.client import SyncProgress
from ipdesk.services.sync.errors import SyncError
from ipdesk.services.sync.manifest import format_time, load_public_key_file


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("sync", help="检查并应用签名的数据更新 / check for and apply signed data updates")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--url", help="update source base URL (http:// or https://)")
    where.add_argument("--dir", type=Path, help="update source folder (e.g. a USB stick)")
    p.add_argument("--trusted-key", type=Path, action="append", metavar="FILE.pub",
                   help="also trust this publisher public key (repeatable)")
    p.add_argument("--check", action="store_true", help="only check what is available; download nothing")
    p.add_argument("--status", action="store_true", help="show the last check and the last update")
    p.add_argument("--progress", action="store_true", help="print progress lines to stderr")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run)


def _progress_printer() -> Callable[[SyncProgress], None]:
    """Progress lines on stderr: on every phase change and at most twice a second while downloading
    or applying (bytes while downloading, records while applying)."""
    last_phase = ""
    last_at = 0.0

    def show(p: SyncProgress) -> None:
        nonlocal last_phase, last_at
        now = time.monotonic()
        if p.phase == last_phase and now - last_at < 0.5 and not p.finished:
            return
        eta = f" eta {p.eta_seconds:.0f}s" if p.eta_seconds is not None else ""
        done = f"{p.records}/{p.total_records} records" if p.phase == "apply" else f"{p.done_bytes}/{p.total_bytes}"
        sys.stderr.write(f"{p.phase} {done}{eta}\n")
        sys.stderr.flush()
        last_phase, last_at = p.phase, now

    return show


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    svc = ctx.services.sync
    t = ctx.t
    if args.status:
        state, applied = svc.status()
        out: dict[str, Any] = {
            "last_check": state.last_check, "outcome": state.outcome, "source": state.source,
            "message": t(state.message_zh, state.message_en),
            "applied_version": applied.manifest_version if applied else None,
            "applied_at": applied.applied_at if applied else None,
            "changes": [c.__dict__ for c in applied.changes] if applied else [],
        }
        if args.json:
            ctx.print_json(out)
        else:
            outcome = code_label(SYNC_OUTCOME_NAMES, state.outcome, ctx.lang) if state.outcome else "-"
            print(f"{t('上次检查', 'Last check')}: {local_time_text(state.last_check) or '-'} ({outcome}) "
                  f"{out['message']}")
            print(f"{t('已应用版本', 'Applied version')}: {out['applied_version'] or '-'} "
                  f"{local_time_text(str(out['applied_at'] or ''))}")
            for c in applied.changes if applied else ():
                print(f"  {dataset_label(c.dataset, ctx.lang)}: v{c.old_version} → v{c.new_version} "
                      f"({_method(c.method, ctx.lang)}) +{c.added:,} ~{c.updated:,} -{c.deleted:,}")
        return 0
    location = args.url or (str(args.dir) if args.dir else None)
    if not location and not svc.update_source:  # the service's own words point at the window
        raise SyncError("没有设置更新来源。请用 --url 网址 或 --dir 文件夹 指定，或在窗口的“数据与同步”中设置。",
                        'No update source is set. Give one with --url URL or --dir FOLDER, or set it in the window\'s '
                        '"Data & sync".')
    keys = [load_public_key_file(p) for p in args.trusted_key or ()]
    if args.check:
        check = svc.check(location, extra_keys=keys)
        at_risk = imported_rows_at_risk(svc.engine, check.items, svc.status()[1])
        plan = [{**p.__dict__, "imported_at_risk": at_risk.get(p.name, 0)} for p in check.plan]
        if args.json:
            ctx.print_json({"source": check.source, "version": check.manifest.version,
                            "created": format_time(check.manifest.created),
                            "expires": format_time(check.manifest.expires), "up_to_date": check.up_to_date,
                            "download_bytes": check.download_bytes, "plan": plan,
                            "imported_at_risk": sum(at_risk.values())})
        else:
            print(t("已是最新。", "Up to date.") if check.up_to_date else
                  t(f"有更新：第 {check.manifest.version} 版，需下载 {check.download_bytes:,} 字节。",
                    f"Update available: version {check.manifest.version}, {check.download_bytes:,} bytes to fetch."))
            for p in check.plan:
                print(f"  {dataset_label(p.name, ctx.lang)}: v{p.local_version} → v{p.new_version} "
                      f"({_method(p.method, ctx.lang)}, {p.size:,} {t('字节', 'bytes')})")
                if at_risk.get(p.name):
                    print("    " + _at_risk_text(at_risk[p.name], ctx))
        return 0
    result = svc.sync(location, extra_keys=keys, progress=_progress_printer() if args.progress else None)
    changes = list(result.applied.changes) if result.applied else []
    if args.json:
        ctx.print_json({
            "source": result.check.source, "version": result.check.manifest.version,
            "up_to_date": result.check.up_to_date, "downloaded_bytes": result.downloaded_bytes,
            "reused_bytes": result.reused_bytes, "seconds": round(result.seconds, 3),
            "changes": [c.__dict__ for c in changes],
        })
        return 0
    if result.applied is None:
        print(t("已是最新，无需更新。", "Up to date: nothing to do."))
        return 0
    print(t(f"已更新到第 {result.check.manifest.version} 版（下载 {result.downloaded_bytes:,} 字节，"
            f"{result.seconds:.1f} 秒）：", f"Updated to version {result.check.manifest.version} "
            f"({result.downloaded_bytes:,} bytes downloaded, {result.seconds:.1f} s):"))
    for c in changes:
        print(f"  {dataset_label(c.dataset, ctx.lang)}: v{c.old_version} → v{c.new_version} "
              f"({_method(c.method, ctx.lang)}) +{c.added:,} ~{c.updated:,} -{c.deleted:,}"
              + (f" ({t('保留本地', 'kept local')} {c.kept_local:,})" if c.kept_local else ""))
    return 0


def _at_risk_text(n: int, ctx: CliContext) -> str:
    return ctx.t(f"注意：将删除或替换本机导入的 {n:,} 条记录（未标为本机数据）。",
                 f"Warning: {n:,} record{'s' if n != 1 else ''} imported on this computer (not marked local) "
                 "will be deleted or replaced by this update.")


def _method(method: str, lang: str) -> str:
    return code_label(SYNC_METHOD_NAMES, method, lang)
