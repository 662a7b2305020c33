"""What a technician at an out-of-service kiosk reads and takes away (QA: the screen offered only Exit
after the admin PIN): why the kiosk stopped, which ipdesk it is, where its data folder and logs are,
as one text in both languages, saved with this run's log file to a folder (a USB stick).

The log holds no client names nor report contents (README, "Personal information"), so it may leave
the building; the text names only folders, the version and the reason.
"""

from __future__ import annotations

import datetime as dt
import platform
from pathlib import Path

from ipdesk import __version__
from ipdesk.domain.i18n import Text
from ipdesk.services.errors import IpdeskError
from ipdesk.services.logfiles import logs_dir
from ipdesk.services.outfiles import cannot_write
from ipdesk.services.reports.files import write_bytes_synced


def diagnostics_text(reason: IpdeskError, data_dir: Path, log_file: Path | None, now: dt.datetime,
                     on_network: bool | None = None) -> str:
    """The kiosk's diagnostics: the reason in Chinese and English (its detail, the words of the system
    or the database, too), the version, the platform, the data and log folders, this run's log file.
    `on_network`: whether the data folder is on a network share (`storage_place.data_folder_on_network`,
    found by the caller off the GUI thread: on a share that does not answer, looking can hang; None:
    not known yet). A kiosk whose database sits on a server stops when the link to it does, and its
    database is opened with a rollback journal instead of WAL."""
    where = {True: "网络共享（回滚日志）network share (rollback journal)", False: "本机磁盘 local disk (WAL)",
             None: "正在检查…… checking…"}[on_network]
    lines = [
        "ipdesk 自助终端诊断信息 / kiosk diagnostics",
        f"时间 Time: {now:%Y-%m-%d %H:%M:%S}",
        f"版本 Version: ipdesk {__version__} (Python {platform.python_version()}, {platform.platform()})",
        f"数据文件夹 Data folder: {data_dir}",
        f"数据文件夹位置 Data folder on: {where}",
        f"日志文件夹 Log folder: {logs_dir(data_dir)}",
        f"本次日志 This run's log: {log_file if log_file is not None else '（无）(none)'}",
        "",
        "暂停服务的原因 Why the kiosk is out of service:",
        reason.zh,
        reason.en,
    ]
    if reason.detail:
        lines.append(f"详情 Detail: {reason.detail}")
    lines.append(f"({type(reason).__name__}, exit status {reason.exit_code})")
    return "\n".join(lines) + "\n"


def save_diagnostics(text: str, log_file: Path | None, folder: Path, now: dt.datetime) -> list[Path]:
    """Write `text` to `folder` (a USB stick) as ipdesk-diagnostics-<time>.txt, with a copy of this run's
    log file beside it; returns the files written. Each is flushed to the disk (a stick pulled out at once
    keeps it). A failed write is a translated UserInputError."""
    stamp = f"{now:%Y%m%d-%H%M%S}"
    out = folder / f"ipdesk-diagnostics-{stamp}.txt"
    written: list[Path] = []
    try:
        write_bytes_synced(out, text.encode("utf-8"))
    except OSError as exc:
        raise cannot_write(out, exc, Text("诊断信息", "diagnostics")) from exc
    written.append(out)
    if log_file is not None and log_file.is_file():
        log_copy = folder / f"ipdesk-log-{stamp}.log"
        try:
            write_bytes_synced(log_copy, log_file.read_bytes())
        except OSError as exc:
            raise cannot_write(log_copy, exc, Text("日志文件", "log file")) from exc
        written.append(log_copy)
    return written
