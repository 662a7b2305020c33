"""`ipdesk info [--json]`: data folder, database, schema version, datasets and record counts."""

from __future__ import annotations

import argparse

from ipdesk.commands.context import CliContext
from ipdesk.domain.i18n import Text, dataset_label, gi_kind_text
from ipdesk.domain.report import bilingual_part


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("info", help="数据文件夹、数据集版本与记录数 / data folder, datasets and counts")
    p.add_argument("--json", action="store_true", help="以 JSON 输出 / output as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    info = ctx.services.info()
    if args.json:
        ctx.print_json(info)
        return 0
    t = ctx.t
    counts = info["counts"]
    assert isinstance(counts, dict)
    print(f"{t('数据文件夹', 'Data folder')}: {info['data_dir']}")
    read_only = t("（只读：可以查询，不能导入或更新数据）", " (read-only: lookups work; imports and data updates do not)")
    print(f"{t('数据库', 'Database')}: {info['database']}{read_only if info['read_only'] else ''}")
    print(f"{t('服务台账与报告存档', 'Service record and report archive')}: {info['local_store']}")
    print(f"{t('日志文件夹', 'Log files')}: {info['logs']}")
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
    return 0


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
