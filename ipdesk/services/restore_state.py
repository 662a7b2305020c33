"""Whether the last restore of a backup finished, kept on disk so a kill or a power cut cannot hide it.

A restore changes three things one after another (the local store, the report files, the local
registry rows: `services.backup.restore_backup`), each in a step of its own. Before the first of them
it writes a marker file into the data folder, `ipdesk-restore-unfinished.json` (which backup, when,
the safety copy it made), and removes it only when all three are done. A marker found at the next
start (`check_at_start`: every CLI command that opens the data folder, and the window) means the
restore was cut short: the data folder may hold part of the backup, and the person is told to run it
again (restoring the same backup twice is safe: the second run completes what the first left).

Kept apart from `services.backup` so that the check at each start costs a file test, not that
module's imports.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path

from ipdesk.domain.i18n import Text
from ipdesk.services.outfiles import json_bytes, write_atomically

log = logging.getLogger("ipdesk.backup")

MARKER = "ipdesk-restore-unfinished.json"
# A restore's work folder in the data folder (see services.backup), and the lock file in it that the
# restoring process holds until the folder is removed.
WORK_PREFIX = ".restore-"
WORK_LOCK = ".in-use.lock"


def mark_started(data_dir: Path, backup: Path, safety: Path, work: Path) -> bytes | None:
    """Write the marker (to disk, before anything is changed); returns the marker an earlier
    unfinished restore left, if any (for `mark_finished` when this one changes nothing). Raises
    OSError when it cannot."""
    marker = data_dir / MARKER
    try:
        earlier = marker.read_bytes() if marker.is_file() else None
    except OSError:
        earlier = None
    record = {"backup": str(backup), "started_at": dt.datetime.now().isoformat(sep=" ", timespec="minutes"),
              "safety_copy": safety.name, "work": work.name}
    write_atomically(marker, json_bytes(record))
    return earlier


def mark_finished(data_dir: Path, earlier: bytes | None = None) -> None:
    """The restore completed, or changed nothing: the marker goes (or becomes again the `earlier`
    unfinished restore's, which a restore that changed nothing did not complete). Never raises."""
    try:
        if earlier is not None:
            (data_dir / MARKER).write_bytes(earlier)
            return
        (data_dir / MARKER).unlink(missing_ok=True)
    except OSError as exc:
        log.warning("could not remove the restore marker in %s: %s", data_dir, exc)


def _running(data_dir: Path, work: str) -> bool:
    """Whether the restore that wrote the marker is running now (it holds its work folder's lock)."""
    folder = data_dir / work if work.startswith(WORK_PREFIX) and "/" not in work and "\\" not in work else None
    if folder is None or not folder.is_dir():
        return False
    from filelock import FileLock, Timeout

    lock = FileLock(str(folder / WORK_LOCK))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        return True
    except OSError:
        return False
    lock.release()
    return False


def unfinished_restore(data_dir: Path) -> Text | None:
    """What to tell the person when the last restore did not finish (None when it did, or one is
    running now)."""
    marker = data_dir / MARKER
    if not marker.is_file():
        return None
    try:
        record = json.loads(marker.read_text(encoding="utf-8"))
        if not isinstance(record, dict):
            record = {}
    except (OSError, ValueError):
        record = {}
    if _running(data_dir, str(record.get("work") or "")):
        return None
    backup = str(record.get("backup") or "")
    when = str(record.get("started_at") or "")
    safety = str(record.get("safety_copy") or "")
    from_zh = f"（从 {backup}，开始于 {when}）" if backup else ""
    from_en = f" (from {backup}, started {when})" if backup else ""
    safety_zh = f"恢复前的服务台账保存在数据文件夹的 {safety} 中。" if safety else ""
    safety_en = f" The service record from before is kept in {safety} in the data folder." if safety else ""
    return Text(
        f"上次恢复备份没有完成{from_zh}：程序在恢复过程中被关闭或断电，服务台账、报告文件或本机导入的记录可能只恢复了一部分。"
        f"请再恢复一次同一份备份以补齐。{safety_zh}如果那份备份已经找不到，删除数据文件夹中的 {MARKER} 即可不再提示。",
        f"The last restore of a backup was not finished{from_en}: ipdesk was closed or the power went off "
        f"while it ran, so the service record, report files or local imports may be only partly restored. "
        f"Restore the same backup again to complete it.{safety_en} If that backup is lost, delete {MARKER} "
        "in the data folder to stop this notice.",
    )


def check_at_start(data_dir: Path) -> Text | None:
    """At a start: remove what a restore cut short left behind (its work folder, holding an unpacked
    copy of the backup, and an unfinished safety copy: `services.backup.remove_stale_work`), and say
    whether the last restore did not finish. Cheap when there is nothing of the kind."""
    try:
        leftovers = any(data_dir.glob(WORK_PREFIX + "*")) or any(data_dir.glob("ipdesk-local.before-restore-*.part"))
    except OSError:
        leftovers = False
    if leftovers:
        from ipdesk.services.backup import remove_stale_work

        remove_stale_work(data_dir)
    notice = unfinished_restore(data_dir)
    if notice is not None:
        log.warning("the last restore did not finish: %s", notice.en)
    return notice
