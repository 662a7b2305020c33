"""Back up and restore the centre's own records (services/backup.py), on the Data & sync page.

Writing, checking and restoring run on the task runner's database worker; the GUI thread only asks
(file dialogs, the confirmations) and shows the answer. The dialogs are methods of their own
(`choose_backup_target`, `confirm_replace`, `choose_backup_file`, `confirm_restore`) so tests replace
them instead of opening modal dialogs; `backup_to`, `inspect_backup` and `restore_from` do the work.
An existing file is replaced only after `confirm_replace` said yes (the save dialog's own overwrite
prompt is turned off: the ".zip" added to a typed name would slip past it).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ipdesk.domain.i18n import is_english, local_time_text
from ipdesk.services.backup import (
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
)
from ipdesk.services.errors import IpdeskError
from ipdesk.ui.announce import announce
from ipdesk.ui.plain_text import as_plain
from ipdesk.ui.save_dialog import ask_save_path, documents_folder

log = logging.getLogger("ipdesk.ui.backup")


class BackupPanel(QGroupBox):
    sig_backed_up = Signal(object)  # BackupInfo
    sig_restored = Signal(object)  # RestoreResult: the service record and local imports changed
    sig_failed = Signal(str)  # the message shown

    def __init__(self, services: Any, tasks: Any, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("本机记录备份"), parent)
        self.services = services
        self.tasks = tasks
        self.lang = lang
        self.setAccessibleName(self.tr("本机记录备份"))
        layout = QVBoxLayout(self)
        about = QLabel(self.tr("服务台账、报告存档、已保存的检索和作为本机数据导入的记录只保存在这台电脑上。"
                               "请定期备份到 U 盘等其他地方；换电脑时从备份恢复。"), self)
        about.setWordWrap(True)
        layout.addWidget(about)
        self.last_label = QLabel(self)
        self.last_label.setAccessibleName(self.tr("上次备份时间"))
        layout.addWidget(self.last_label)
        row = QHBoxLayout()
        self.backup_button = QPushButton(self.tr("备份到文件…"), self)
        self.backup_button.setAccessibleName(self.tr("把本机记录备份到文件"))
        self.backup_button.clicked.connect(self._on_backup_clicked)
        self.restore_button = QPushButton(self.tr("从备份恢复…"), self)
        self.restore_button.setAccessibleName(self.tr("从备份文件恢复本机记录"))
        self.restore_button.clicked.connect(self._on_restore_clicked)
        row.addWidget(self.backup_button)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("备份与恢复的结果"))
        self.message.setVisible(False)
        layout.addWidget(self.message)
        layout.addStretch(1)  # a tab of the Data page: the text stays together at the top
        self._task: int | None = None
        self._task_kind = ""  # backup | inspect | restore: what `_task` is doing
        self.show_last_backup()

    # --- over a language switch (the page is rebuilt; work under way is taken over) ----------------

    def running_task(self) -> tuple[str, int] | None:
        return (self._task_kind, self._task) if self._task is not None and self.tasks.is_running(self._task) else None

    def adopt_task(self, running: tuple[str, int] | None) -> None:
        if running is None:
            return
        kind, task = running
        on_done = {"backup": self._on_backed_up, "inspect": self._on_inspected, "restore": self._on_restored}[kind]
        if self.tasks.adopt(task, on_done=on_done, on_error=self._on_failed):
            self._task, self._task_kind = task, kind
            self._set_busy(True, {"backup": self.tr("正在备份…"), "inspect": self.tr("正在检查备份文件…"),
                                  "restore": self.tr("正在恢复…")}[kind])

    # --- what is shown --------------------------------------------------------------------------

    def show_last_backup(self) -> None:
        stamp = self.services.settings.last_backup_at
        self.last_label.setText(self.tr("上次备份：%1").replace("%1", local_time_text(stamp)) if stamp
                                else self.tr("上次备份：从未备份"))

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
        announce(self.message)

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self.backup_button.setEnabled(not busy)
        self.restore_button.setEnabled(not busy)
        if text:
            self._say(text)

    def count_text(self, key: str, n: int) -> str:
        """One count, singular or plural in English ("1 service-record entry", "2 … entries"); the
        number grouped by thousands in both languages."""
        texts = {
            "service_record": lambda: self.tr("服务台账 %1 条", "", n),
            "report_archive": lambda: self.tr("报告存档 %1 条", "", n),
            "report_files": lambda: self.tr("报告文件 %1 个", "", n),
            "saved_search": lambda: self.tr("已保存的检索 %1 条", "", n),
            "patent": lambda: self.tr("本机专利 %1 件", "", n),
            "trademark": lambda: self.tr("本机商标 %1 件", "", n),
            "geo_indication": lambda: self.tr("本机地理标志 %1 个", "", n),
        }
        return texts[key]().replace("%1", f"{n:,}")

    def counts_text(self, counts: dict[str, int]) -> str:
        keys = ("service_record", "report_archive", "report_files", "saved_search", "patent", "trademark",
                "geo_indication")
        parts = [self.count_text(key, counts[key]) for key in keys
                 if key in counts and (counts[key] or key == "service_record")]
        return self.tr("、").join(parts)

    def kept_update_text(self, n: int, done: bool) -> str:
        """The backup's local records with the number of a record a data update brought: not restored
        over it (the update's kept, so later updates keep correcting it), and how to make one win."""
        text = (self.tr("备份中有 %1 条本机记录与数据更新中的记录编号相同，没有恢复，保留了数据更新中的版本"
                        "（此后的数据更新会继续更正它们）。", "", n) if done
                else self.tr("备份中有 %1 条本机记录与数据更新中的记录编号相同，不会恢复，将保留数据更新中的版本"
                             "（此后的数据更新会继续更正它们）。", "", n))
        return (text.replace("%1", f"{n:,}") + self.tr("如确要以本机的版本为准，请在“导入文件”中勾选“作为本机数据导入”，"
                                                       "把员工的原文件重新导入。"))

    def deleted_again_text(self, n: int) -> str:
        """Entries deleted on this computer since the backup was made (a client's request): deleted again."""
        return self.tr("备份之后在本机删除的 %n 条服务台账记录已再次删除（连同其存档报告），没有恢复。", "", n)

    def sentence_gap(self) -> str:
        """Between two sentences on one line: a space in English, nothing after a Chinese full stop."""
        return " " if is_english(self.lang) else ""

    def years_text(self, years: int) -> str:
        return self.tr("%n 年", "", years)

    def retention_text(self, result: RestoreResult) -> str:
        """How many of the restored entries the retention period set here deleted, that they were
        deleted on this computer only (the backup file still holds them) and how many are kept; "" when none."""
        n = result.retention_removed
        if not n:
            return ""
        kept = max(0, result.restored_counts.get("service_record", 0) - n)
        text = self.tr("其中 %n 条服务台账记录早于这台电脑上设置的保留期限（%1，即 %2 之前），已在本机删除（连同其存档报告）。",
                       "", n).replace("%1", self.years_text(result.retention_years)).replace("%2", result.retention_cutoff)
        gap = self.sentence_gap()
        return (text + gap + self.tr("本机现有恢复来的记录 %n 条。", "", kept)
                + gap + self.tr("备份文件本身没有改动，仍含有这 %n 条记录。", "", n))

    def retention_before_text(self, result: RestoreResult) -> str:
        """This computer's own entries older than the retention period, deleted before the safety copy."""
        n = result.retention_removed_before
        if not n:
            return ""
        return self.tr("恢复前，本机原有的 %n 条服务台账记录早于保留期限（%1），已删除（连同其存档报告），安全副本中也没有它们。",
                       "", n).replace("%1", self.years_text(result.retention_years))

    def registry_text(self, inserted: int, updated: int, kept: int, done: bool) -> str:
        """What the restore does (did) with the records imported as local; "" when nothing."""
        if not (inserted or updated or kept):
            return ""
        text = (self.tr("本机导入记录：新增 %1，更新 %2。") if done
                else self.tr("本机导入记录将按编号合并：新增 %1，更新 %2。"))
        text = text.replace("%1", f"{inserted:,}").replace("%2", f"{updated:,}")
        if kept:
            text += " " + self.kept_update_text(kept, done)
        return text

    # --- dialogs (replaced in tests) ------------------------------------------------------------

    def choose_backup_target(self) -> Path | None:
        folder = documents_folder()
        # a name not taken yet (the date and time, then -2 …): the suggestion itself never replaces a file
        suggested = backup_target(folder, self.lang) if folder.is_dir() else folder / default_backup_name(self.lang)
        return ask_save_path(self, self.tr("备份到文件"), suggested, self.tr("ipdesk 备份 (*.zip)"), suffix=".zip",
                             options=QFileDialog.Option.DontConfirmOverwrite)

    def confirm_replace(self, path: Path) -> bool:
        answer = QMessageBox.question(
            self, self.tr("备份到文件"),
            as_plain(self.tr("%1 已存在。要用新的备份替换它吗？替换后，原来的那份备份就没有了。").replace("%1", str(path))),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def choose_backup_file(self) -> Path | None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择备份文件"), "",
                                              self.tr("ipdesk 备份 (*.zip);;所有文件 (*)"))
        return Path(path) if path else None

    def confirm_restore(self, info: BackupInfo, current: dict[str, int], plan: RestorePlan | None = None) -> bool:
        answer = QMessageBox.question(self, self.tr("从备份恢复"), as_plain(self.restore_question(info, current, plan)),
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def restore_question(self, info: BackupInfo, current: dict[str, int], plan: RestorePlan | None = None) -> str:
        registry = (self.registry_text(plan.inserted, plan.updated, plan.kept_update, done=False)
                    if plan is not None else "")
        return (self.tr("备份制作于 %1，包含：%2。").replace("%1", local_time_text(info.created_at))
                .replace("%2", self.counts_text(info.counts))
                + "\n\n" + self.tr("这台电脑上现有的 %1 将被备份中的内容替换。恢复前会先把现有的服务台账另存为安全副本；"
                                   "报告文件只会添加，不会删除。").replace("%1", self.counts_text(current))
                + ("\n\n" + registry if registry else "")
                + ("\n\n" + retention if (retention := self.retention_plan_text()) else "")
                + "\n\n" + self.tr("现在恢复吗？"))

    def retention_plan_text(self) -> str:
        """Before the restore: what the retention period set here will delete, and where; "" when kept for ever."""
        cutoff = self.services.reports.retention_cutoff()
        if cutoff is None:
            return ""
        return (self.tr("这台电脑设置的保留期限为 %1：本机早于 %2 的服务台账记录会在恢复前删除（安全副本中也不保留），"
                        "备份中早于该日的记录恢复后也会在本机删除；备份文件本身不会改动。")
                .replace("%1", self.years_text(self.services.settings.record_retention_years))
                .replace("%2", cutoff.isoformat()))

    # --- backup ---------------------------------------------------------------------------------

    def _on_backup_clicked(self) -> None:
        target = self.choose_backup_target()
        if target is None:
            return
        overwrite = target.is_file()
        if overwrite and not self.confirm_replace(target):
            self._say(self.tr("没有备份：已有的文件保持不变。"))
            return
        self.backup_to(target, overwrite=overwrite)

    def backup_to(self, path: Path, *, overwrite: bool = False) -> None:
        """Back up to `path` (a folder: a new file named with the time in it); an existing file only
        when `overwrite` (the person said yes)."""
        services = self.services
        lang = self.lang

        def work() -> BackupInfo:
            info = create_backup(services.db, services.data_dir, backup_target(path, lang), overwrite=overwrite)
            note_backup(services.data_dir, services.settings, info.created_at)
            return info

        self._set_busy(True, self.tr("正在备份…"))
        self._task = self.tasks.run(work, on_done=self._on_backed_up, on_error=self._on_failed, key="backup")
        self._task_kind = "backup"

    def _on_backed_up(self, info: BackupInfo) -> None:
        self._task = None
        self._set_busy(False)
        self.show_last_backup()
        self._say(self.tr("已备份到 %1：%2。请把这个文件保存在另一处（如 U 盘）。")
                  .replace("%1", str(info.path)).replace("%2", self.counts_text(info.counts)))
        self.sig_backed_up.emit(info)

    # --- restore --------------------------------------------------------------------------------

    def _on_restore_clicked(self) -> None:
        path = self.choose_backup_file()
        if path is not None:
            self.inspect_backup(path)

    def inspect_backup(self, path: Path) -> None:
        """Check the whole file in the background, then show what it holds and ask."""
        services = self.services

        def work() -> tuple[Path, BackupInfo, dict[str, int], RestorePlan]:
            info = read_backup_info(path)
            return path, info, local_counts(services.db), plan_restore(services.db, info)

        self._set_busy(True, self.tr("正在检查备份文件…"))
        self._task = self.tasks.run(work, on_done=self._on_inspected, on_error=self._on_failed, key="backup")
        self._task_kind = "inspect"

    def _on_inspected(self, found: tuple[Path, BackupInfo, dict[str, int], RestorePlan]) -> None:
        path, info, current, plan = found
        self._task = None
        self._set_busy(False)
        if not self.confirm_restore(info, current, plan):
            self._say(self.tr("已取消恢复，没有更改任何内容。"))
            return
        self.restore_from(path)

    def restore_from(self, path: Path) -> None:
        services = self.services

        def work() -> RestoreResult:
            result = restore_backup(services.db, services.data_dir, path,
                                    prune_current=services.reports.retain_before_restore)
            services.reports.retain_after_restore(result)  # restored entries older than the retention: gone now
            return result

        self._set_busy(True, self.tr("正在恢复…"))
        self._task = self.tasks.run(work, on_done=self._on_restored, on_error=self._on_failed, key="backup")
        self._task_kind = "restore"

    def _on_restored(self, result: RestoreResult) -> None:
        self._task = None
        self._set_busy(False)
        counts = {**result.restored_counts,
                  "report_files": result.report_files_written + result.report_files_unchanged}
        # one statement a line: the safety copy ends with a path, which must not run into the next
        text = self.tr("已从备份恢复：%1。").replace("%1", self.counts_text(counts))
        if result.report_files_unchanged:
            text += self.sentence_gap() + self.tr("其中 %n 个报告文件本机原已有、内容相同，未改动。", "",
                                                  result.report_files_unchanged)
        for said in (self.retention_text(result), self.retention_before_text(result)):
            if said:
                text += "\n" + said
        if result.safety_copy is not None:
            text += "\n" + self.tr("恢复前的服务台账已另存为安全副本：%1").replace("%1", str(result.safety_copy))
        if result.report_files_set_aside:
            text += "\n" + self.tr("%n 个不同的同名报告文件已改名保留。", "", len(result.report_files_set_aside))
        if result.report_files_skipped:
            text += "\n" + self.tr("备份中有 %n 个不是报告（.pdf、.docx、.xlsx）的文件位于报告文件夹下，没有恢复。", "",
                                    result.report_files_skipped)
        if result.deleted_again:
            text += "\n" + self.deleted_again_text(result.deleted_again)
        registry = self.registry_text(result.registry_inserted, result.registry_updated,
                                      result.registry_kept_update, done=True)
        if registry:
            text += "\n" + registry
        self._say(text)
        self.sig_restored.emit(result)

    def _on_failed(self, error: BaseException) -> None:
        self._task = None
        self._set_busy(False)
        if isinstance(error, IpdeskError):
            text = error.message(self.lang)
        else:
            log.error("backup or restore failed", exc_info=error)
            text = self.tr("备份或恢复时出错：%1").replace("%1", str(error))
        self._say(text)
        self.sig_failed.emit(text)
