"""`ipdesk info [--json]`: data folder, database, schema version, datasets and record counts, and the
data updates (the update package applied, the source, the last successful update, the source's expiry):
what an administrator collects from each computer of a fleet (docs/sync.md, "Kiosk fleets")."""

from __future__ import annotations

import argparse
import logging
from typing import Any

from ipdesk.commands.context import CliContext, one_line
from ipdesk.domain.i18n import (
    SYNC_OUTCOME_NAMES,
    Text,
    code_label,
    dataset_label,
    days_ago_text,
    gi_kind_text,
    local_time_text,
)
from ipdesk.domain.report import bilingual_part
from ipdesk.domain.shown_text import quoted_name

log = logging.getLogger("ipdesk.info")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("info", help="数据文件夹、数据集版本与记录数 / data folder, datasets and counts")
    p.add_argument("--json", action="store_true", help="以 JSON 输出 / output as JSON")
    p.set_defaults(func=run)


def sync_info(ctx: CliContext) -> dict[str, Any] | None:
    """The data updates of this computer (`freshness.update_health`), None when they cannot be read."""
    from sqlalchemy.exc import SQLAlchemyError

    from ipdesk.services.sync.freshness import update_health
    from ipdesk.services.sync.state import load_state, read_applied

    services = ctx.services
    try:
        applied = read_applied(services.db.engine)
    except SQLAlchemyError:
        log.warning("the applied update could not be read", exc_info=True)
        return None
    return update_health(load_state(services.data_dir), applied, services.settings.update_source).to_json()


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    info = ctx.services.info()
    info["sync"] = sync_info(ctx)
    if args.json:
        ctx.print_json(info)
        return 0
    t = ctx.t
    counts = info["counts"]
    assert isinstance(counts, dict)
    print(f"{t('数据文件夹', 'Data folder')}: {one_line(info['data_dir'])}")
    read_only = t("（只读：可以查询，不能导入或更新数据）", " (read-only: lookups work; imports and data updates do not)")
    print(f"{t('数据库', 'Database')}: {one_line(info['database'])}{read_only if info['read_only'] else ''}")
    local_read_only = t("（只读：可以查询和备份，不能记入或导出报告）",
                        " (read-only: lookups and backups work; logging and report exports do not)")
    print(f"{t('服务台账与报告存档', 'Service record and report archive')}: {one_line(info['local_store'])}"
          f"{local_read_only if info['local_store_read_only'] else ''}")
    if info["data_folder_on_network"]:
        print(NETWORK_FOLDER_NOTE(ctx.lang))
    print(f"{t('日志文件夹', 'Log files')}: {one_line(info['logs'])}")
    print(f"{t('结构版本', 'Schema version')}: {info['schema_version']}")
    print(t("数据集：", "Datasets:"))
    datasets = info["datasets"]
    assert isinstance(datasets, list)
    records = {d["name"]: d["records"] for d in datasets}
    for d in datasets:
        version = f"  v{d['version']}" if d["version"] else ""  # 0: filled by import, or empty
        as_of = f"  {t('截至', 'as of')} {d['as_of']}" if d["as_of"] else ""
        source = bilingual_part(d["source"], ctx.lang)
        local = f"local_{d['name']}"
        if not d["records"] and records.get(local):  # not "none yet" while local imports hold some
            name = dataset_label(local, ctx.lang)
            source = t(f"这里没有记录；本机导入的 {records[local]:,} 条见“{name}”",
                       f"no records here; {records[local]:,} imported locally, under '{name}'")
        print(f"  {dataset_label(d['name'], ctx.lang)} ({d['name']}){version}{as_of}  {d['records']:,}  {source}")
    print(t("记录数：", "Records:"))
    for key, value in counts.items():
        label = COUNT_NAMES.get(key)
        if isinstance(value, dict):  # GIs by kind
            value = ", ".join(f"{gi_kind_text(k)(ctx.lang)} {n:,}" for k, n in value.items())
        elif isinstance(value, int):
            value = f"{value:,}"
        print(f"  {label(ctx.lang) if label else key}{t('：', ': ')}{value}")
    sync = info["sync"]
    if isinstance(sync, dict):
        _print_sync(sync, ctx)
    return 0


def _print_sync(sync: dict[str, Any], ctx: CliContext) -> None:
    t = ctx.t
    print(t("数据更新：", "Data updates:"))
    version = sync["applied_version"]
    if version:
        applied, signed = local_time_text(sync["applied_at"] or ""), local_time_text(sync["manifest_created"] or "")
        print("  " + t(f"已应用的更新包：第 {version} 版（{applied} 应用，发布者 {signed} 签发）",
                       f"Applied update package: version {version} (applied {applied}, signed by the publisher "
                       f"{signed})"))
    else:
        print("  " + t("已应用的更新包：无", "Applied update package: none"))
    source = quoted_name(sync["update_source"]) if sync["update_source"] else t("未设置", "not set")
    print("  " + t(f"更新来源：{source}", f"Update source: {source}"))
    if sync["last_source"] and sync["last_source"] != sync["update_source"]:
        last = quoted_name(sync["last_source"])
        print("  " + t(f"上次检查所用的来源：{last}", f"Source of the last check: {last}"))
    if sync["last_check"]:
        outcome = code_label(SYNC_OUTCOME_NAMES, sync["outcome"], ctx.lang) if sync["outcome"] else ""
        checked = local_time_text(sync["last_check"])
        print("  " + t(f"上次检查：{checked}（{outcome}）", f"Last check: {checked} ({outcome.lower()})") if outcome
              else "  " + t(f"上次检查：{checked}", f"Last check: {checked}"))
    else:
        print("  " + t("上次检查：尚未检查", "Last check: never"))
    if sync["last_success"]:
        ago = days_ago_text(sync["last_success"])(ctx.lang)
        print("  " + t(f"上次成功检查或更新：{local_time_text(sync['last_success'])}（{ago}）",
                       f"Last successful check or update: {local_time_text(sync['last_success'])} ({ago})"))
    if sync["source_expires"]:
        until = local_time_text(sync["source_expires"])
        print("  " + (t(f"更新来源有效期至：{until}（已过期）", f"Update source valid until: {until} (expired)")
                      if sync["expired"] else t(f"更新来源有效期至：{until}", f"Update source valid until: {until}")))
    if sync["overdue"] and not sync["expired"]:
        print("  " + t(f"注意：已有 {sync['days_since_success']} 天没有成功检查或更新数据。",
                       f"Note: no successful check or update for {sync['days_since_success']} days."))


# The same words as the window's (the status bar's 网络文件夹 tooltip, the notice on Data & sync).
NETWORK_FOLDER_NOTE = Text(
    "注意：数据文件夹在网络驱动器上。同一时间只能有一台计算机使用这个数据文件夹（否则数据库可能损坏）；"
    "放在本机的文件夹中更快也更安全。",
    "Note: the data folder is on a network drive. Only one computer at a time may use this data folder "
    "(otherwise the database can be damaged); a folder on this computer is faster and safer.",
)

COUNT_NAMES = {
    "divisions": Text("行政区划", "Divisions"),
    "provinces": Text("　省级", "  provinces"),
    "prefectures": Text("　地级", "  prefectures"),
    "counties": Text("　县级", "  counties"),
    "townships": Text("　乡级（乡镇、街道）", "  townships"),
    "gi": Text("地理标志", "GIs"),
    "gi_by_kind": Text("　按类型", "  by kind"),
    "gi_provinces": Text("　涉及省份", "  provinces covered"),
    "patents": Text("专利", "Patents"),
    "trademarks": Text("商标", "Trademarks"),
    "class_nodes": Text("分类条目", "Classification entries"),
    "service_records": Text("服务台账", "Service record entries"),
    "archived_reports": Text("已存档报告", "Archived reports"),
}
