"""`ipdesk backup --out FILE|FOLDER [--force] [--json]` and `ipdesk restore FILE [--yes] [--json]`: the centre's own
records (service record, report archive and its files, saved searches, imports marked local) to
one file and back (services/backup.py).

Exit status: 0 done; 1 a restore not confirmed (nothing changed); 2 bad input (a file that cannot be
written, or is not a sound backup: nothing changed); 3 the data folder cannot be written; 5 the
window is open on this data folder (a restore then waits for it to close); 7 a database a newer
ipdesk wrote (a backup still saves the local records when only the registry is a newer one's).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import sys
from collections.abc import Callable
from pathlib import Path

from ipdesk.commands.context import CliContext, one_line, path_argument
from ipdesk.domain.amounts import plural
from ipdesk.domain.i18n import Text, local_time_text
from ipdesk.services.backup import (
    COUNT_NAMES,
    BackupError,
    BackupInfo,
    RestorePlan,
    RestoreResult,
    backup_target,
    create_backup,
    default_backup_name,
    local_counts,
    note_backup,
    plan_restore,
    read_backup_info,
    restore_backup,
    restored_text,
    retention_before_text,
    retention_plan_text,
    retention_text,
)
from ipdesk.services.db import Database, InstanceLock, open_local_store
from ipdesk.services.errors import AlreadyRunningError, NewerVersionError, UserInputError
from ipdesk.services.restore_state import MARKER
from ipdesk.services.settings import load_settings

log = logging.getLogger("ipdesk.backup")

_YES = {"y", "yes", "是", "好", "确认"}


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    b = sub.add_parser(
        "backup", help="把本机记录（服务台账、报告存档、已保存的检索、本机导入）备份到一个文件 / back up the local records",
        description="写一个 ZIP 文件：服务台账、报告存档及其文件、已保存的检索和标为本机的导入记录。"
                    " / Write one ZIP file: the service record, report archive and files, saved searches "
                    "and imports marked local.",
    )
    b.add_argument("--out", type=path_argument, metavar="FILE",
                   help="备份文件（.zip）或文件夹（在其中新建带日期和时间的文件，不会覆盖已有文件）/ the backup "
                        "file (.zip), or a folder (a new file named with the date and time is made in it; no "
                        "file is replaced)")
    b.add_argument("--force", "--overwrite", dest="force", action="store_true",
                   help="--out 指定的文件已存在时覆盖它 / replace the file --out names if it exists")
    b.add_argument("--json", action="store_true", help="以 JSON 输出 / print the result as JSON")
    b.set_defaults(func=run_backup)

    r = sub.add_parser(
        "restore", help="从备份文件恢复本机记录 / restore the local records from a backup",
        description="先完整校验备份文件，再替换本机的服务台账（旧的另存为安全副本），放回报告文件，合并本机导入记录。"
                    " / Check the whole backup first, then replace the service record (the old one is kept "
                    "as a safety copy), put the report files back and merge the imports marked local.",
    )
    r.add_argument("file", type=Path, metavar="FILE", help="备份文件 / the backup file (.zip)")
    r.add_argument("--yes", "-y", action="store_true", help="不再询问确认 / do not ask for confirmation")
    r.add_argument("--json", action="store_true", help="以 JSON 输出 / print the result as JSON")
    r.set_defaults(func=run_restore)


def _counts_text(ctx: CliContext, counts: dict[str, int], keys: tuple[str, ...] | None = None) -> str:
    sep = ctx.t("，", ", ")
    shown = [k for k in (keys or tuple(COUNT_NAMES)) if k in counts and (counts[k] or k == "service_record")]
    return sep.join(f"{COUNT_NAMES[k](ctx.lang)} {counts[k]:,}" for k in shown)


def _size_text(size: int) -> str:
    return f"{size / (1 << 20):.1f} MB" if size >= 1 << 20 else f"{max(1, size // 1024)} KB"


def run_backup(args: argparse.Namespace, ctx: CliContext) -> int:
    if args.out is None or not str(args.out).strip():
        raise UserInputError(f"请用 --out 指定备份文件或文件夹，如 --out E:\\{default_backup_name('zh_CN')}"
                             "，或 --out E:\\。",
                             f"Name the backup file or folder with --out, e.g. --out E:\\{default_backup_name('en')} "
                             "or --out E:\\.")
    out = backup_target(args.out, ctx.lang)
    try:
        services = ctx.services
    except NewerVersionError as exc:
        if exc.local:  # the service record itself is a newer ipdesk's: nothing this version may copy
            raise
        return _backup_local_store_only(args, ctx, out, exc)
    info = _write_backup(args, ctx, services.db, services.data_dir, out)
    note_backup(services.data_dir, services.settings, info.created_at)
    return _print_backup(args, ctx, info)


def _write_backup(args: argparse.Namespace, ctx: CliContext, db: Database, data_dir: Path, out: Path, *,
                  local_only: bool = False) -> BackupInfo:
    try:
        return create_backup(db, data_dir, out, overwrite=args.force, name_is_ours=args.out.expanduser().is_dir(),
                             local_only=local_only, progress=_backup_progress(ctx))
    except BackupError as exc:
        if exc.reason != "exists":
            raise
        raise BackupError(exc.zh + "确要覆盖它，请加 --force。", exc.en + " To replace it, add --force.",
                          reason=exc.reason) from exc


def _step(ctx: CliContext, zh: str, en: str) -> None:
    """A long step's progress line, on stderr (stdout keeps the result, or the JSON)."""
    sys.stderr.write(ctx.t(zh, en) + "\n")
    sys.stderr.flush()


def _backup_progress(ctx: CliContext) -> Callable[[str, int], None]:
    def progress(step: str, count: int) -> None:
        if step == "snapshot":
            _step(ctx, "正在复制服务台账、报告存档和已保存的检索……",
                  "Copying the service record, report archive and saved searches…")
        elif step == "reports" and count:
            _step(ctx, f"正在加入报告文件（{count:,} 个）……", f"Adding the report files ({count:,})…")
        elif step == "registry":
            _step(ctx, "正在加入本机导入的记录……", "Adding the records imported as local…")
        elif step == "finish":
            _step(ctx, "正在写入备份文件……", "Writing the backup file…")

    return progress


_RESTORE_STEPS = {  # restore_backup's steps: what the progress line and a Ctrl+C say
    "check": ("解压并校验备份", "unpacking and checking the backup"),
    "retention": ("删除本机早于保留期限的服务台账记录", "deleting this computer's service-record entries older than the "
                  "retention period"),
    "safety_copy": ("把现有的服务台账另存为安全副本", "keeping the current service record as a safety copy"),
    "local_store": ("恢复服务台账、报告存档和已保存的检索", "restoring the service record, report archive and saved searches"),
    "reports": ("放回报告文件", "putting the report files back"),
    "registry": ("合并本机导入的记录", "merging the records imported as local"),
}
# before the restore's first change (services.backup.restore_backup); "retention" is the daily clean-up's work
_NOTHING_CHANGED_STEPS = ("", "check", "retention", "safety_copy")


def _restore_progress(ctx: CliContext, info: BackupInfo, reached: list[str]) -> Callable[[str], None]:
    """Say each step with its counts; `reached` keeps the last one (what a Ctrl+C stopped)."""
    registry = sum(info.counts.get(k, 0) for k in ("patent", "trademark", "geo_indication"))
    reports = info.counts.get("report_files", 0)

    def progress(step: str) -> None:
        reached.append(step)
        zh, en = _RESTORE_STEPS.get(step, (step, step))
        if step == "check":
            zh_more = f"（{len(info.members):,} 个文件，{_size_text(info.file_size)}）"
            en_more = f" ({plural(len(info.members), 'file', 'files')}, {_size_text(info.file_size)})"
        elif step == "reports":
            if not reports:
                return
            zh_more, en_more = f"（{reports:,} 个）", f" ({reports:,})"
        elif step == "registry":
            if not registry:
                return
            zh_more = f"（{registry:,} 条，可能要几分钟，请不要中断）"
            en_more = f" ({registry:,}; this may take some minutes: please do not interrupt it)"
        else:
            zh_more = en_more = ""
        _step(ctx, f"正在{zh}{zh_more}……", f"{en[0].upper()}{en[1:]}{en_more}…")

    return progress


def _restore_interrupted(ctx: CliContext, path: Path, step: str, pruned: bool = False) -> str:
    """What a Ctrl+C during a restore did: nothing before the first change (but the entries older than
    the retention period, once `pruned` began, as the daily clean-up deletes them); after it, the
    restore is unfinished (as the next start's notice says) and the same restore must be run again."""
    if step in _NOTHING_CHANGED_STEPS and pruned:
        return ctx.t("已取消：恢复还没有开始更改数据。本机早于这台电脑设置的保留期限的服务台账记录可能已经删除（与每天的自动清理相同），"
                     "其余没有更改。",
                     "Cancelled: the restore had not started changing anything. This computer's service-record "
                     "entries older than the retention period set here may have been deleted (as the daily clean-up "
                     "does); nothing else was changed.")
    if step in _NOTHING_CHANGED_STEPS:
        return ctx.t("已取消：恢复还没有开始更改数据，没有更改任何内容。",
                     "Cancelled: the restore had not started changing anything; nothing was changed.")
    safety = ""
    with contextlib.suppress(OSError, ValueError, AttributeError):  # the marker's safety copy, if it says
        safety = str(json.loads((ctx.data_dir / MARKER).read_text(encoding="utf-8")).get("safety_copy") or "")
    zh_step, en_step = _RESTORE_STEPS.get(step, (step, step))
    command = f'ipdesk restore "{one_line(path)}"'
    return ctx.t(
        f"恢复没有完成（在“{zh_step}”时被中断）：服务台账、报告文件或本机导入的记录可能只恢复了一部分。"
        f"请再运行一次同一份恢复以补齐：{command}"
        + (f"。恢复前的服务台账保存在数据文件夹的 {one_line(safety)} 中。" if safety else "。"),
        f"The restore did not finish (interrupted while {en_step}): the service record, report files or "
        f"local imports may be only partly restored. Run the same restore again to complete it: {command}"
        + (f". The service record from before is kept in {one_line(safety)} in the data folder." if safety else "."),
    )


def _backup_local_store_only(args: argparse.Namespace, ctx: CliContext, out: Path, refused: NewerVersionError) -> int:
    """The registry was upgraded by a newer ipdesk (this version cannot read it): the service record,
    the report archive and its files are in the local store and the reports folder, which this
    version can still read, so they are backed up; the records imported as local (in the registry)
    are not, and the person is told so."""
    log.warning("backing up the local store only: %s", refused.detail)
    from ipdesk.services.storage_place import data_folder_on_network

    local = open_local_store(ctx.data_dir, on_network=data_folder_on_network(ctx.data_dir))
    try:
        info = _write_backup(args, ctx, local, ctx.data_dir, out, local_only=True)
    finally:
        local.close()
    note_backup(ctx.data_dir, load_settings(ctx.data_dir), info.created_at)
    note = ctx.t("数据库文件已被更新版本的 ipdesk 升级，这个版本无法读取，因此备份中只有服务台账、报告存档和报告文件，"
                 "没有标为本机的导入记录（它们在数据库文件中：请用那个更新的版本备份）。",
                 "The database file was upgraded by a newer ipdesk, which this version cannot read: the backup "
                 "holds the service record, the report archive and the report files, but not the records imported "
                 "as local (they are in the database file: back them up with that newer version).")
    if args.json:
        ctx.print_json({"ok": True, **info.as_dict(), "registry_skipped": True, "note": note})
        return 0
    sys.stderr.write(f"ipdesk: {note}\n")
    return _print_backup(args, ctx, info)


def _print_backup(args: argparse.Namespace, ctx: CliContext, info: BackupInfo) -> int:
    if args.json:
        ctx.print_json({"ok": True, **info.as_dict()})
        return 0
    print(ctx.t(f"已备份到 {one_line(info.path)}（{_size_text(info.file_size)}）。",
                f"Backed up to {one_line(info.path)} ({_size_text(info.file_size)})."))
    print(ctx.t("内容：", "It holds: ") + _counts_text(ctx, info.counts))
    print(ctx.t("请把备份文件保存在另一处（如 U 盘）。恢复：ipdesk restore 文件名",
                "Keep the file somewhere else (a USB stick). To restore: ipdesk restore FILE"))
    return 0


def _kept_update_text(ctx: CliContext, n: int, done: bool) -> str:
    """The backup's local records with the number of a record a data update brought: not restored
    over it (the update's kept, so later updates keep correcting it), and how to make one win."""
    one = n == 1
    if done:
        verb_zh = "没有恢复，保留了"
        verb_en = (f"{'was' if one else 'were'} not restored: the data update's "
                   f"{'version was' if one else 'versions were'} kept")
    else:
        verb_zh = "不会恢复，将保留"
        verb_en = f"will not be restored: the data update's {'version is' if one else 'versions are'} kept"
    return ctx.t(f"备份中有 {n:,} 条本机记录与数据更新中的记录编号相同，{verb_zh}数据更新中的版本（此后的数据更新会继续更正它们）。"
                 "如确要以本机的版本为准，请把员工的原文件作为本机数据重新导入（ipdesk import --local）。",
                 f"{plural(n, 'local record', 'local records')} in the backup {'has' if one else 'have'} the same "
                 f"number as a record from a data update and {verb_en} (later data updates keep correcting "
                 f"{'it' if one else 'them'}). If the local version should really win, import the staff's file "
                 "again as local data (ipdesk import --local).")


def _plan_lines(ctx: CliContext, plan: RestorePlan) -> list[str]:
    lines = [ctx.t(f"本机导入记录：将新增 {plan.inserted:,}，更新 {plan.updated:,}。",
                   f"Records imported as local: {plan.inserted:,} to add, {plan.updated:,} to update.")]
    if plan.kept_update:
        lines.append(_kept_update_text(ctx, plan.kept_update, done=False))
    return lines


def _describe(ctx: CliContext, info: BackupInfo, current: dict[str, int], plan: RestorePlan,
              retention: Text | None = None) -> None:
    print(ctx.t(f"备份文件：{one_line(info.path)}", f"Backup: {one_line(info.path)}"))
    print(ctx.t(f"制作时间：{local_time_text(info.created_at)}（ipdesk {info.app_version}）",
                f"Made: {local_time_text(info.created_at)} (ipdesk {info.app_version})"))
    print(ctx.t("备份内容：", "It holds: ") + _counts_text(ctx, info.counts))
    print(ctx.t("将被替换（本机现有）：", "To be replaced (on this computer now): ")
          + _counts_text(ctx, current, ("service_record", "report_archive", "saved_search")))
    print(ctx.t("恢复前会把现有的服务台账另存为安全副本；报告文件只会添加，不会删除；本机导入记录按编号合并。",
                "The current service record is first kept as a safety copy; report files are only added, "
                "never deleted; records imported as local are merged by their numbers."))
    if retention is not None:
        print(retention(ctx.lang))
    if plan != RestorePlan():
        for line in _plan_lines(ctx, plan):
            print(line)


def _confirmed(ctx: CliContext) -> bool:
    sys.stderr.write(ctx.t("确认恢复吗？输入 y 继续：", "Restore now? Type y to go on: "))
    sys.stderr.flush()
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    return line.strip().lower() in _YES


def _retention_notes(ctx: CliContext, result: RestoreResult) -> list[str]:
    """What the retention period set here deleted: of the restored entries (on this computer only; the
    backup file keeps them), and of this computer's own before the safety copy."""
    return [text(ctx.lang) for text in (retention_text(result), retention_before_text(result)) if text is not None]


def _print_result(ctx: CliContext, result: RestoreResult) -> None:
    print(restored_text(result)(ctx.lang))
    for note in _retention_notes(ctx, result):
        print(note)
    if result.safety_copy:
        print(ctx.t(f"原有的服务台账已另存为：{one_line(result.safety_copy)}",
                    f"The previous service record was kept as: {one_line(result.safety_copy)}"))
    if result.report_files_skipped:
        n = result.report_files_skipped
        print(ctx.t(f"备份中有 {n:,} 个不是报告（.pdf、.docx、.xlsx）的文件位于报告文件夹下，没有恢复。",
                    f"{plural(n, 'file', 'files')} under reports in the backup {'is' if n == 1 else 'are'} not a "
                    "report (.pdf, .docx, .xlsx) and " + ("was" if n == 1 else "were") + " not restored."))
    for aside in result.report_files_set_aside:
        print(ctx.t(f"原有的不同文件已改名保留：{one_line(aside)}",
                    f"A different file already there was kept as: {one_line(aside)}"))
    if result.registry_inserted or result.registry_updated or result.registry_kept_update:
        print(ctx.t(f"本机导入记录：新增 {result.registry_inserted:,}，更新 {result.registry_updated:,}",
                    f"Records imported as local: {result.registry_inserted:,} added, "
                    f"{result.registry_updated:,} updated"))
    if result.registry_kept_update:
        print(_kept_update_text(ctx, result.registry_kept_update, done=True))
    if result.deleted_again:
        n = result.deleted_again
        print(ctx.t(f"备份之后在本机删除的 {n:,} 条服务台账记录已再次删除（连同其存档报告），没有恢复。",
                    f"{n:,} service-record {'entry' if n == 1 else 'entries'} deleted on this computer since the "
                    f"backup was made {'was' if n == 1 else 'were'} deleted again (with {'its' if n == 1 else 'their'} "
                    "archived reports), not restored."))


def run_restore(args: argparse.Namespace, ctx: CliContext) -> int:
    reached: list[str] = []
    try:
        return _restore(args, ctx, reached)
    except KeyboardInterrupt:  # Ctrl+C: say whether anything was changed, and what to do then
        said = _restore_interrupted(ctx, args.file, reached[-1] if reached else "", "retention" in reached)
        sys.stderr.write("\nipdesk: " + said + "\n")
        return 130


def _restore(args: argparse.Namespace, ctx: CliContext, reached: list[str]) -> int:
    _step(ctx, f"正在检查备份文件：{one_line(args.file)}……", f"Checking the backup file: {one_line(args.file)}…")
    info = read_backup_info(args.file)  # checked whole before anything is shown or asked
    lock = InstanceLock(ctx.data_dir) if ctx.data_dir.is_dir() else None
    if lock is not None:
        try:
            lock.acquire()
        except AlreadyRunningError as exc:
            raise AlreadyRunningError(
                "ipdesk 窗口正在使用这个数据文件夹。请在窗口的“数据与同步”页恢复，或先关闭窗口再运行此命令。",
                "The ipdesk window is using this data folder. Restore from its Data & sync page, or close "
                "it and run this command again.",
            ) from exc
    try:
        services = ctx.services
        current = local_counts(services.db)
        plan = plan_restore(services.db, info)
        cutoff = services.reports.retention_cutoff()
        retention = retention_plan_text(services.settings.record_retention_years if cutoff else 0,
                                        cutoff.isoformat() if cutoff else "")
        if not args.json or not args.yes:
            if args.json:  # the description goes where the prompt goes; stdout keeps the JSON alone
                saved, sys.stdout = sys.stdout, sys.stderr
                try:
                    _describe(ctx, info, current, plan, retention)
                finally:
                    sys.stdout = saved
            else:
                _describe(ctx, info, current, plan, retention)
        if not args.yes and not _confirmed(ctx):
            if args.json:
                ctx.print_json({"ok": False, "cancelled": True, "backup": info.as_dict(), "plan": plan.as_dict()})
            else:
                print(ctx.t("已取消，没有更改任何内容。", "Cancelled; nothing was changed."))
            return 1
        result = restore_backup(services.db, services.data_dir, args.file,
                                progress=_restore_progress(ctx, info, reached),
                                prune_current=services.reports.retain_before_restore if cutoff else None)
        services.reports.retain_after_restore(result)  # restored entries older than the retention: gone now
    finally:
        if lock is not None:
            lock.release()
    if args.json:
        shown = result.as_dict()
        shown["retention"]["notes"] = _retention_notes(ctx, result)  # as the plain output says them
        ctx.print_json({"ok": True, **shown})
        return 0
    _print_result(ctx, result)
    return 0
