"""`ipdesk info [--json]`: data folder, database, schema version, datasets and record counts."""

from __future__ import annotations

import argparse

from ipdesk.commands.context import CliContext


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("info", help="数据文件夹、数据集版本与记录数 / data folder, datasets and counts")
    p.add_argument("--json", action="store_true")
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
    print(f"{t('数据库', 'Database')}: {info['database']}")
    print(f"{t('服务台账与报告存档', 'Service record and report archive')}: {info['local_store']}")
    print(f"{t('日志文件夹', 'Log files')}: {info['logs']}")
    print(f"{t('结构版本', 'Schema version')}: {info['schema_version']}")
    print(t("数据集：", "Datasets:"))
    for d in info["datasets"]:  # type: ignore[attr-defined]
        print(f"  {d['name']:<16} v{d['version']:<4} {t('截至', 'as of')} {d['as_of'] or '-':<10} "
              f"{d['records']:>8}  {d['source']}")
    print(t("记录数：", "Records:"))
    for key, value in counts.items():
        print(f"  {key:<16} {value}")
    return 0
