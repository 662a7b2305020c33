"""`ipdesk publish`: build and sign the next repository version; `--init-key` makes a key pair."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from pathlib import Path
from typing import Any

from ipdesk.commands.context import CliContext, one_line, path_argument, shown_file_error
from ipdesk.domain.amounts import plural, size_text
from ipdesk.domain.i18n import dataset_label, local_time_text
from ipdesk.services.db import DB_FILENAME
from ipdesk.services.errors import UserInputError
from ipdesk.services.importers.safety import ImportFileError
from ipdesk.services.sync.errors import SyncError
from ipdesk.services.sync.manifest import (
    DATASETS,
    ChangeCounts,
    format_time,
    generate_key,
    key_id,
    load_private_key,
    public_key_text,
)
from ipdesk.services.sync.publisher import (
    DEFAULT_VALIDITY,
    PUBLISHER_NAME_MAX_CHARS,
    Publisher,
    PublishResult,
    publisher_name_problem,
    source_text_problem,
    staged_keys,
    withdraw_absent_in,
)

# A manifest's validity: past it, kiosks refuse the source as stale (the freeze protection: a source
# an attacker keeps from updating, or one nobody re-publishes, stops being believed). A year at most.
MAX_VALID_DAYS = 366


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("publish", help="生成并签名数据更新仓库 / build and sign a data update repository")
    p.add_argument("--init-key", type=path_argument, metavar="KEYFILE", help="新建 Ed25519 密钥对 / create an Ed25519 key pair (KEYFILE, KEYFILE.pub)")
    p.add_argument("--out", type=path_argument, metavar="REPO", help="要写入的更新仓库文件夹 / repository folder to write (static files)")
    p.add_argument("--key", type=Path, metavar="KEYFILE", help="发布者的私钥 / the publisher's private key")
    p.add_argument("--from", dest="source", type=Path, nargs="+", metavar="DB|FILE",
                   help="要发布的 ipdesk 数据库，或先合并进数据文件夹数据库的导入文件（CSV/Excel/CNIPA XML；默认：数据文件夹的数据库）"
                        " / an ipdesk database to publish, or import files (CSV/Excel/CNIPA XML) merged into "
                        "the data folder's database first (default: the data folder's database)")
    p.add_argument("--dataset", action="append", choices=DATASETS, help="只发布这些数据集（可重复）/ publish only these (repeatable)")
    p.add_argument("--valid-days", type=int, default=DEFAULT_VALIDITY.days,
                   help=f"清单有效天数（1–{MAX_VALID_DAYS}）/ days until the manifest expires (1–{MAX_VALID_DAYS})")
    p.add_argument("--rotate-to", type=Path, metavar="NEWKEYFILE",
                   help="写出列有新密钥、由 --key（旧密钥）签名的 keys.json / write keys.json listing the new key, "
                        "signed by --key (the old key)")
    p.add_argument("--name", default="",
                   help=f"写入清单的发布者名称，最多 {PUBLISHER_NAME_MAX_CHARS} 个字 / publisher name written into the "
                        f"manifest (at most {PUBLISHER_NAME_MAX_CHARS} characters)")
    p.add_argument("--allow-removals", action="store_true",
                   help="允许发布删除某数据集大部分记录的版本 / publish even when a dataset would lose most of "
                        "its published records")
    p.add_argument("--source", dest="data_source", default="", metavar="TEXT",
                   help="数据来源，显示在各终端上（如“国家知识产权局专利公报 2026年第47期”）/ the source kiosks show for "
                        "each dataset published now (default for imported data: published by --name)")
    p.add_argument("--replace", action="store_true",
                   help="--from 的导入文件是其中各数据集的完整清单：数据文件夹中不在文件里的记录将被撤下（各终端上删除）"
                        " / the import files given with --from are the complete list of each dataset they hold: its "
                        "records absent from them are withdrawn (deleted on every kiosk)")
    p.add_argument("--accept-reverts", action="store_true",
                   help="允许发布会撤销已发布版本更改的数据（删除的记录重现、记录回到旧内容或旧日期）/ publish even data "
                        "that undo what published versions did (removed records back, records back to older "
                        "content or an older as-of date)")
    p.add_argument("--prune", action="store_true",
                   help="发布后删除不再需要的旧版本文件（objects/ 中当前清单和下次发布都用不到的）/ after publishing, "
                        "delete old versions' objects that neither the current manifest nor the next publish needs")
    p.add_argument("--json", action="store_true", help="以 JSON 输出 / output as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    import datetime as dt

    if args.init_key:
        key = generate_key(args.init_key)
        out = {"key": str(args.init_key), "public": f"{args.init_key}.pub", "keyid": key_id(key.public_key())}
        if args.json:
            ctx.print_json(out)
        else:
            key_file, public = one_line(out["key"]), one_line(out["public"])
            print(ctx.t(f"已生成密钥 {out['keyid']}：私钥 {key_file}（务必保密），公钥 {public}",
                        f"Created key {out['keyid']}: private {key_file} (keep it secret), public {public}"))
        return 0
    if not args.out or not args.key:
        raise UserInputError("需要 --out 和 --key（或 --init-key）。", "--out and --key are required (or --init-key).")
    if not 1 <= args.valid_days <= MAX_VALID_DAYS:
        raise UserInputError(
            f"--valid-days 应在 1 到 {MAX_VALID_DAYS} 之间（现在是 {args.valid_days}）。过了有效期，各终端不再接受这个"
            "更新来源，这能防止旧数据被一直当作最新；请至少每月重新发布一次。",
            f"--valid-days must be from 1 to {MAX_VALID_DAYS} (it is {args.valid_days}). Past it, kiosks no longer "
            "accept the update source, which keeps old data from passing for current: publish again at least "
            "monthly.")
    name = " ".join(args.name.split())
    if problem := publisher_name_problem(name):
        raise UserInputError(*problem)
    if problem := source_text_problem(" ".join(args.data_source.split())):
        raise UserInputError(*problem)
    key = _private_key(args.key, "--key", ctx)
    publisher = Publisher(args.out, key, validity=dt.timedelta(days=args.valid_days), publisher_name=name)
    if args.rotate_to:
        new_key = _private_key(args.rotate_to, "--rotate-to", ctx)
        if public_key_text(new_key.public_key()) == public_key_text(key.public_key()):
            raise UserInputError(
                f"--rotate-to 给的是当前的密钥（{key_id(key.public_key())}，与 --key 相同），没有轮换。请用 --init-key 新建"
                "一个密钥，再用 --rotate-to 指定它。",
                f"--rotate-to names the current key ({key_id(key.public_key())}, the same as --key): nothing would "
                "be rotated. Create a new key with --init-key and give that to --rotate-to.")
        publisher.require_listed_key()  # a rotation signed by a key clients no longer trust is refused by them
        listing = publisher.write_keys([new_key], signer=key)
        # The manifest is signed again with the new key at once: clients that follow the rotation trust
        # only the new key, and would refuse the current manifest until the next publish.
        resigned = publisher.resign_manifest(new_key)
        new_id = key_id(new_key.public_key())
        if args.json:
            ctx.print_json({"keys_version": listing.version, "new_key": new_id, "manifest_resigned": resigned})
            return 0
        print(ctx.t(f"keys.json 第 {listing.version} 版：新密钥 {new_id}，由旧密钥签名。",
                    f"keys.json version {listing.version}: new key {new_id}, signed by the old key."))
        if resigned is not None:
            print(ctx.t(f"当前的更新包（第 {resigned} 版）已用新密钥重新签名。",
                        f"The current update package (version {resigned}) is now signed with the new key."))
        print(ctx.t(f"以后请用新密钥发布：--key {args.rotate_to}（旧密钥会被拒绝）。",
                    f"From now on publish with the new key: --key {args.rotate_to} (the old key is refused)."))
        return 0
    # Without --dataset, a dataset the publisher has no records of and never published is left out:
    # its empty snapshot would delete what the centres imported into it (docs/sync.md, "Publishing").
    options = {"datasets": args.dataset or DATASETS, "skip_new_empty": not args.dataset,
               "source": args.data_source.strip(), "source_for": args.dataset,  # None: all but the built-in
               "allow_removals": args.allow_removals,
               "accept_reverts": args.accept_reverts}
    # A publish another one holds up, or a key the repository no longer lists, is refused before
    # import files given with --from are merged; a refusal that depends on the merged data rolls the
    # merge back (_database_to_publish): a refused publish leaves the data folder as it was.
    with publisher.locked():
        publisher.require_listed_key()
        db, merged, published = _database_to_publish(args.source, ctx, quiet=args.json, replace=args.replace,
                                                     publisher=publisher, options=options)
        result = published or publisher.publish_from_database(db, **options)
        pruned = publisher.prune() if args.prune else None
    expires = result.expires or dt.datetime.now(dt.UTC)
    days_left = round((expires - dt.datetime.now(dt.UTC)).total_seconds() / 86_400)
    expires_text = local_time_text(format_time(expires))
    if args.json:
        ctx.print_json({"version": result.version, "changed": result.changed, "expires": format_time(expires),
                        "days_left": days_left, "objects": result.objects_written,
                        "bytes": result.bytes_written, "skipped": result.skipped, "repo": str(args.out),
                        "datasets": {name: {"version": v, "records": result.totals[name],
                                            **_counts_json(result.counts.get(name))}
                                     for name, v in result.changed.items()},
                        "missing_bases": [{"dataset": n, "from": base, "snapshot": sha}
                                          for n, base, sha in result.missing_bases],
                        **({"pruned": {"files": pruned[0], "bytes": pruned[1]}} if pruned else {}),
                        **merged})
        return 0
    if result.skipped:
        zh = "、".join(dataset_label(n, "zh_CN") for n in result.skipped)
        en = ", ".join(dataset_label(n, "en") for n in result.skipped)
        print(ctx.t(f"未发布{zh}：没有记录，也从未发布过（发布空数据集会删除各中心导入的记录）。"
                    "确实要发布，请用 --dataset 指明。",
                    f"Not published: {en} (no records, and never published before; publishing an empty dataset "
                    "would delete the records the centres imported). Name it with --dataset to publish it anyway."))
    sep = ctx.t("、", ", ")
    changed = sep.join(f"{dataset_label(k, ctx.lang)} {ctx.t('数据', 'data')} v{v}" for k, v in result.changed.items())
    size = size_text(result.bytes_written, ctx.lang)
    if not result.changed:
        print(ctx.t(f"已发布更新包第 {result.version} 版（数据无变化，只是重新签名，有效期顺延）→ {one_line(args.out)}",
                    f"Published update package version {result.version} (no data changed: signed again with a "
                    f"later expiry) → {one_line(args.out)}"))
    else:
        n = result.objects_written
        print(ctx.t(f"已发布更新包第 {result.version} 版（{changed}），写入 {n:,} 个文件，共 {size} → {one_line(args.out)}",
                    f"Published update package version {result.version} ({changed}): "
                    f"{plural(n, 'file', 'files')}, {size} → {one_line(args.out)}"))
        for name, v in result.changed.items():
            print("  " + counts_line(name, v, result.counts.get(name), result.totals[name], ctx.lang))
    for name, base, sha in result.missing_bases:
        print(ctx.t(f"  注意：{dataset_label(name, 'zh_CN')}没有生成从数据 v{base} 起的增量，因为那个版本的快照"
                    f"（objects/{sha[:12]}…）已不在仓库中；停在 v{base} 的终端会下载完整数据。",
                    f"  Note: no delta from {dataset_label(name, 'en')} data v{base}: that version's snapshot "
                    f"(objects/{sha[:12]}…) is no longer in the repository; computers still at v{base} download "
                    "the whole dataset."))
    print(ctx.t(f"有效期至 {expires_text}（还有 {days_left} 天）。到期前请再发布一次（没有新数据时也要，"
                f"只是重新签名），否则各终端将不再接受这个更新来源。",
                f"Valid until {expires_text} ({plural(days_left, 'day', 'days')} left). Publish again before then "
                "(with no new data too: it only signs again), or kiosks stop accepting this update source."))
    if pruned is not None:
        print(ctx.t(f"已删除 {pruned[0]:,} 个不再需要的旧文件（{size_text(pruned[1], 'zh_CN')}）。",
                    f"Deleted {plural(pruned[0], 'old file', 'old files')} no longer needed "
                    f"({size_text(pruned[1], 'en')})."))
    return 0


def _private_key(path: Path, option: str, ctx: CliContext) -> Any:
    """The private key at `path`, with the slips named: a public key (`.pub`) given instead says so,
    and a key file others may read gets a warning (POSIX permissions; as ssh warns), not a refusal."""
    from ipdesk.services.sync.manifest import load_public_key_file

    try:
        key = load_private_key(path)
    except SyncError:
        public = None
        if path.is_file():
            with contextlib.suppress(SyncError, OSError):
                public = load_public_key_file(path)
        if public is not None or path.suffix.lower() == ".pub":
            private = path.with_suffix("") if path.suffix.lower() == ".pub" else None
            raise UserInputError(
                f"{option} {path} 是公钥文件，不是私钥。请给出私钥"
                + (f"（同名、不带 .pub 的文件：{private}）。" if private else "（--init-key 生成的不带 .pub 的文件）。"),
                f"{option} {path} is the public key, not the private key. Give the private key"
                + (f" (the file of the same name without .pub: {private})." if private
                   else " (the file --init-key made, without .pub)."),
            ) from None
        raise
    _warn_if_readable(path, ctx)
    return key


def _warn_if_readable(path: Path, ctx: CliContext) -> None:
    if os.name != "posix":  # Windows: the key's folder's access list decides; nothing to read portably
        return
    try:
        mode = path.stat().st_mode & 0o777
    except OSError:
        return
    if mode & 0o077:
        path = Path(one_line(path))  # shown, never obeyed by the terminal
        print(ctx.t(f"警告：私钥文件 {path} 其他用户也能读取（权限 {mode:04o}）。请运行 chmod 600 {path}，"
                    "并考虑它是否已经泄露（泄露了就新建密钥并轮换：--rotate-to）。",
                    f"Warning: the private key file {path} can be read by other users (mode {mode:04o}). Run "
                    f"chmod 600 {path}, and consider whether it has leaked (if so, create a new key and rotate: "
                    "--rotate-to)."), file=sys.stderr)


def _counts_json(counts: ChangeCounts | None) -> dict[str, int | None]:
    """added/changed/removed, null when not known (the previous version's snapshot is not in the history)."""
    return {**counts.to_json()} if counts else {"added": None, "changed": None, "removed": None}


def counts_line(name: str, version: int, counts: ChangeCounts | None, total: int, lang: str) -> str:
    """'专利：数据 v2，新增 0、更改 0、删除 8，共 0 条' / 'Patents: data v2, 0 added, 0 changed, 8 removed, 0 in all'."""
    label = dataset_label(name, lang)
    if counts is None:  # the previous version's snapshot is not in this repository's history
        return (f"{label}：数据 v{version}，共 {total:,} 条" if lang.startswith("zh")
                else f"{label}: data v{version}, {plural(total, 'record', 'records')}")
    if lang.startswith("zh"):
        return (f"{label}：数据 v{version}，新增 {counts.added:,}、更改 {counts.changed:,}、删除 {counts.removed:,}，"
                f"共 {total:,} 条")
    return (f"{label}: data v{version}, {counts.added:,} added, {counts.changed:,} changed, {counts.removed:,} "
            f"removed, {plural(total, 'record', 'records')} in all")


DB_SUFFIXES = (".sqlite", ".sqlite3", ".db")


def _database_to_publish(sources: list[Path] | None, ctx: CliContext, *, quiet: bool = False,
                         replace: bool = False, publisher: Publisher, options: dict[str, Any]
                         ) -> tuple[Path, dict[str, Any], PublishResult | None]:
    """A database given with --from, or the data folder's after merging the given import files
    (all or nothing: a rejected row stops the publish before anything is merged). With it, for
    `--json`, what the merge said (`merged`, `notices`); printed unless `quiet` (the importer's
    notices too: an unknown trademark status, a patent whose status contradicts its dates, as
    `ipdesk import --dry-run` shows them — they go to every kiosk).

    Import files are published in the merge's own transaction (`publisher.publish_from_connection`
    with `options`, its result the third item; None for a database, which the caller publishes): a
    publish refused for what the merged data hold (most of a dataset removed, published changes
    undone) or failing to write rolls the merge back, so the data folder is as it was.

    `replace`: the import files are the complete list of each dataset they hold: after the merge, the
    data folder's published records of those datasets that the files lack are withdrawn
    (`withdraw_absent_in`, in the same transaction), once the removal guard has passed
    (`Publisher.check_replacement`), so a partial file deletes nothing unless `allow_removals`."""
    if replace and (not sources or any(p.suffix.lower() in DB_SUFFIXES for p in sources)):
        raise UserInputError(
            "--replace 只能和 --from 导入文件一起用：这些文件是其中各数据集的完整清单，数据文件夹中不在文件里的记录将被撤下。",
            "--replace goes with import files given with --from: they are the complete list of each dataset "
            "they hold, and the data folder's records absent from them are withdrawn.")
    if not sources:  # opened (and on first use created from the built-in data) as every command does
        return ctx.services.db.path or ctx.data_dir / DB_FILENAME, {}, None
    if len(sources) == 1 and sources[0].suffix.lower() in DB_SUFFIXES:
        return sources[0], {}, None
    if any(p.suffix.lower() in DB_SUFFIXES for p in sources):
        raise UserInputError("--from 只能是一个数据库，或若干导入文件。",
                             "--from takes one database, or import files, not both.")
    from ipdesk.services.importers.staging import Importer

    importer = Importer(ctx.services.db)
    try:
        preview = importer.stage(sources)
    except ImportFileError as exc:
        raise shown_file_error(exc) from exc  # the file's name is shown, never obeyed by the terminal
    try:
        if preview.total("rejected"):
            first = preview.errors[0] if preview.errors else None
            raise UserInputError(
                f"导入文件中有 {preview.total('rejected')} 行被拒绝，未发布。请先用 ipdesk import 查看并改正。",
                f"{plural(preview.total('rejected'), 'row', 'rows')} of the import files "
                f"{'was' if preview.total('rejected') == 1 else 'were'} rejected; nothing was published. "
                "Check them with `ipdesk import` first.",
                detail=(f"{first.file} {first.where}".strip()
                        + ("" if first.whole_file else f":{first.row} {first.column}")
                        + f": {ctx.t(first.why_zh, first.why_en)}") if first else "",
            )
        notices = [n.text(ctx.lang) for n in preview.notices]
        keep = staged_keys(preview.staging_path, preview.as_of.isoformat()) if replace else {}
        if keep:
            publisher.check_replacement(keep, allow_removals=bool(options.get("allow_removals")))
        db_path = ctx.services.db.path or ctx.data_dir / DB_FILENAME
        withdrawn: dict[str, list[str]] = {}
        published: list[PublishResult] = []

        # --source is about what the files bring (not, say, the built-in divisions published beside them)
        source_for = options.get("source_for") or preview.datasets()

        def publish_in_the_merge(conn: Any) -> None:
            withdrawn.update(withdraw_absent_in(conn, keep) if keep else {})
            published.append(publisher.publish_from_connection(conn, db_path, **{**options, "source_for": source_for}))

        result = importer.commit(preview, before_commit=publish_in_the_merge)
    finally:
        if not preview.committed:  # refused: the staged rows go (a committed preview removed them)
            preview.discard()
    if not quiet:
        for notice in notices:
            print("  · " + one_line(notice))
        print(ctx.t(f"已合并导入文件：{'、'.join(dataset_label(d, 'zh_CN') for d in result.datasets) or '无变化'}",
                    f"Merged the import files: "
                    f"{', '.join(dataset_label(d, 'en') for d in result.datasets) or 'nothing changed'}"))
        for name, gone in withdrawn.items():
            shown = [one_line(key) for key in gone[:5]]
            print(ctx.t(f"已撤下{dataset_label(name, 'zh_CN')}中不在文件里的 {len(gone):,} 条记录："
                        f"{'、'.join(shown)}{'等' if len(gone) > len(shown) else ''}",
                        f"Withdrew {plural(len(gone), 'record', 'records')} of {dataset_label(name, 'en')} absent "
                        f"from the files: {'; '.join(shown)}{' …' if len(gone) > len(shown) else ''}"))
    out: dict[str, Any] = {"merged": list(result.datasets), "notices": notices}
    if replace:
        out["withdrawn"] = {name: len(gone) for name, gone in withdrawn.items()}
    return db_path, out, published[0]
