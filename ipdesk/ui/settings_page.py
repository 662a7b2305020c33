"""Settings: language, font size, high contrast, data folder, engine URL, update source, trusted
publisher keys, staff name.

Saved with `update_settings` on a task's thread (the typed registry in the data folder); the main
window applies them (`sig_settings_saved`), rebuilding its pages when the language changes.

The language box shows the language the window runs in. `ipdesk --lang` is a one-off override: it
is not saved, and saving this page keeps the saved language unless the language was chosen here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ipdesk.domain.i18n import Text
from ipdesk.domain.retention import RETENTION_YEARS, is_shorter, retention_cutoff
from ipdesk.services.kiosk_pin import pin_is_set, verify_pin
from ipdesk.services.settings import (
    CENTRE_NAME_MAX_CHARS,
    FONT_SIZES,
    STAFF_NAME_MAX_CHARS,
    Settings,
    update_settings,
)
from ipdesk.services.sync.client import check_web_address, trusted_key_entry
from ipdesk.services.sync.errors import SyncError
from ipdesk.services.sync.manifest import key_id, load_public_key, load_public_key_file, public_key_text
from ipdesk.ui.announce import announce
from ipdesk.ui.plain_text import as_plain
from ipdesk.ui.tasks import error_text, write_error_text

log = logging.getLogger("ipdesk.ui.settings")


class FormArea(QScrollArea):
    """The settings form, scrolling on its own when the window is short (a 1366×768 laptop at 125 %), so that
    Save below it stays in sight. With room it is as tall as the form (QScrollArea's own size hint stops at 24
    lines) and Save sits right under the last field."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the form wraps; the page scrolls sideways
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes through the form, which follows it
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

    def sizeHint(self) -> QSize:  # Qt's name
        form = self.widget()
        if form is None:
            return super().sizeHint()
        return form.sizeHint() + QSize(2 * self.frameWidth(), 2 * self.frameWidth())

    def minimumSizeHint(self) -> QSize:  # Qt's name
        """As wide as the form (it never scrolls sideways); a few lines tall."""
        form = self.widget()
        least = super().minimumSizeHint()
        if form is None:
            return least
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(form.minimumSizeHint().width() + bar + 2 * self.frameWidth(), least.height())


class SettingsPage(QWidget):
    # new Settings, old Settings, the language to run in now ("" when it was not chosen here: the
    # window keeps the one it runs in, which `--lang` may have set apart from the saved one)
    sig_settings_saved = Signal(object, object, str)

    def __init__(self, services: Any, tasks: Any, basket: Any, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.tasks = tasks
        self.lang = lang
        self._retention_task: int | None = None  # counting what a shorter retention would remove
        layout = QVBoxLayout(self)
        # the form scrolls by itself when the window is short; Save, below it, stays in sight
        self.form_area = FormArea(self)
        body = QWidget(self.form_area)
        form = QFormLayout(body)
        form.setContentsMargins(0, 0, 0, 0)
        self.form_area.setWidget(body)
        layout.addWidget(self.form_area)
        s: Settings = services.settings

        self.language_combo = QComboBox(self)
        self.language_combo.addItem("简体中文", "zh_CN")
        self.language_combo.addItem("English", "en")
        # the language running (`--lang` may differ from the saved one); chosen here, it is saved
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(lang)))
        self._language_chosen = False
        self.language_combo.activated.connect(self._on_language_combo_chosen)
        self.language_combo.currentIndexChanged.connect(self._on_language_combo_chosen)
        self.language_combo.setAccessibleName(self.tr("界面语言"))
        self.language_combo.setProperty("record_data", True)  # language names are shown in their own language
        form.addRow(self.tr("界面语言"), self.language_combo)
        self.language_note = QLabel("", self)
        self.language_note.setWordWrap(True)
        form.addRow("", self.language_note)
        self._show_language_note(s.language)

        self.font_combo = QComboBox(self)
        font_names = {"normal": self.tr("标准"), "large": self.tr("大"), "larger": self.tr("较大"),
                      "largest": self.tr("特大")}
        for size in FONT_SIZES:
            self.font_combo.addItem(font_names.get(size, size), size)
        self.font_combo.setCurrentIndex(max(0, self.font_combo.findData(s.font_size)))
        self.font_combo.setAccessibleName(self.tr("字号"))
        form.addRow(self.tr("字号"), self.font_combo)

        self.contrast_check = QCheckBox(self.tr("高对比度（黑底白字）"), self)
        self.contrast_check.setChecked(s.high_contrast)
        self.contrast_check.setAccessibleName(self.tr("高对比度"))
        form.addRow(self.tr("显示"), self.contrast_check)

        folder_row = QHBoxLayout()
        self.data_dir_edit = QLineEdit(str(services.data_dir), self)
        self.data_dir_edit.setReadOnly(True)
        self.data_dir_edit.setAccessibleName(self.tr("数据文件夹"))
        folder_row.addWidget(self.data_dir_edit, 1)
        self.open_folder_button = QPushButton(self.tr("打开"), self)
        self.open_folder_button.setAccessibleName(self.tr("打开数据文件夹"))
        self.open_folder_button.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(services.data_dir)))
        )
        folder_row.addWidget(self.open_folder_button)
        form.addRow(self.tr("数据文件夹"), folder_row)
        hint = QLabel(self.tr("更换数据文件夹：启动时使用 --data-dir 参数或 IPDESK_DATA_DIR 环境变量。"), self)
        hint.setWordWrap(True)
        form.addRow("", hint)

        self.engine_edit = QLineEdit(s.engine_url, self)
        self.engine_edit.setPlaceholderText(self.tr("留空：使用数据文件夹中的 SQLite 文件"))
        self.engine_edit.setAccessibleName(self.tr("数据库地址"))
        form.addRow(self.tr("数据库地址"), self.engine_edit)

        self.update_edit = QLineEdit(s.update_source, self)
        self.update_edit.setPlaceholderText(self.tr("https://… 或文件夹（U 盘）；留空则不检查更新"))
        self.update_edit.setAccessibleName(self.tr("更新来源"))
        form.addRow(self.tr("更新来源"), self.update_edit)

        # Publisher keys trusted besides the bundled one (a private or test repository): added from the
        # publisher's .pub file, as `ipdesk sync --trusted-key FILE.pub` reads it.
        self._trusted_keys: list[str] = list(s.trusted_keys)
        keys_row = QHBoxLayout()
        self.keys_list = QListWidget(self)
        self.keys_list.setAccessibleName(self.tr("受信任的发布者公钥"))
        self.keys_list.setMaximumHeight(90)
        keys_row.addWidget(self.keys_list, 1)
        keys_buttons = QVBoxLayout()
        self.add_key_button = QPushButton(self.tr("添加公钥文件…"), self)
        self.add_key_button.setAccessibleName(self.tr("添加发布者公钥文件（.pub）"))
        self.add_key_button.clicked.connect(self._on_add_key_button_clicked)
        keys_buttons.addWidget(self.add_key_button)
        self.remove_key_button = QPushButton(self.tr("移除"), self)
        self.remove_key_button.setAccessibleName(self.tr("移除所选的发布者公钥"))
        self.remove_key_button.clicked.connect(self._on_remove_key_button_clicked)
        keys_buttons.addWidget(self.remove_key_button)
        keys_buttons.addStretch(1)
        keys_row.addLayout(keys_buttons)
        form.addRow(self.tr("受信任的发布者"), keys_row)
        keys_hint = QLabel(self.tr("内置的发布者公钥始终受信任。使用其他更新来源时，向其发布者索取公钥文件（.pub）并在此添加，"
                                   "然后点“保存”。"), self)
        keys_hint.setWordWrap(True)
        form.addRow("", keys_hint)
        self._show_keys()

        self.staff_edit = QLineEdit(s.staff_name, self)
        self.staff_edit.setAccessibleName(self.tr("工作人员姓名"))
        self.staff_edit.setMaxLength(STAFF_NAME_MAX_CHARS)  # printed in every report's header
        self.staff_edit.setPlaceholderText(self.tr("最多 %1 个字").replace("%1", str(STAFF_NAME_MAX_CHARS)))
        form.addRow(self.tr("工作人员姓名"), self.staff_edit)

        self.centre_edit = QLineEdit(s.centre_name, self)
        self.centre_edit.setAccessibleName(self.tr("服务中心名称"))
        self.centre_edit.setMaxLength(CENTRE_NAME_MAX_CHARS)
        self.centre_edit.setPlaceholderText(self.tr("最多 %1 个字").replace("%1", str(CENTRE_NAME_MAX_CHARS)))
        form.addRow(self.tr("服务中心名称"), self.centre_edit)

        # How long the service record and its archived reports are kept (个人信息保护法 第十九条): the
        # daily clean-up (retention_schedule) removes older entries; a shorter period is asked about.
        self.retention_combo = QComboBox(self)
        for years in RETENTION_YEARS:
            self.retention_combo.addItem(self.tr("永久保留") if years == 0 else self.tr("%n 年", "", years), years)
        self.retention_combo.setCurrentIndex(max(0, self.retention_combo.findData(s.record_retention_years)))
        self.retention_combo.setAccessibleName(self.tr("保留服务台账和报告"))
        retention_row = QHBoxLayout()  # one row: the form must still end above the fold at 1280×730
        retention_row.addWidget(self.retention_combo)
        retention_hint = QLabel(self.tr("更早的服务台账记录及其存档报告每天自动删除（按日历日计算）。"
                                        "以前做的备份和导出的台账不受影响。"), self)
        retention_hint.setWordWrap(True)
        retention_row.addWidget(retention_hint, 1)
        form.addRow(self.tr("保留服务台账和报告"), retention_row)

        # Kiosk on start: only with an admin PIN, typed here to switch it on (nobody at a kiosk can
        # reach this page: the kiosk shell has no settings).
        kiosk_row = QHBoxLayout()
        self.kiosk_check = QCheckBox(self.tr("下次启动时进入自助终端模式"), self)
        self.kiosk_check.setChecked(s.kiosk_on_start)
        self.kiosk_check.setAccessibleName(self.tr("下次启动时进入自助终端模式"))
        kiosk_row.addWidget(self.kiosk_check)
        self.kiosk_pin_edit = QLineEdit(self)
        self.kiosk_pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.kiosk_pin_edit.setPlaceholderText(self.tr("管理员 PIN"))
        self.kiosk_pin_edit.setAccessibleName(self.tr("管理员 PIN"))
        kiosk_row.addWidget(self.kiosk_pin_edit)
        form.addRow(self.tr("自助终端"), kiosk_row)
        if not pin_is_set(s):
            self.kiosk_check.setEnabled(False)
            self.kiosk_pin_edit.setEnabled(False)
            kiosk_hint = QLabel(self.tr("先在命令行运行 ipdesk kiosk set-pin 设置管理员 PIN。"), self)
            kiosk_hint.setWordWrap(True)
            form.addRow("", kiosk_hint)

        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("保存"), self)
        self.save_button.setAccessibleName(self.tr("保存设置"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.save_button)
        self.saved_label = QLabel("", self)
        self.saved_label.setWordWrap(True)
        buttons.addWidget(self.saved_label, 1)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def heightForWidth(self, width: int) -> int:  # Qt's name
        """The height the window's frame gives the page: the least it needs (the form scrolls by itself, Save
        and its answer whole), not the whole form's (QScrollArea takes a page's preferred height for its width
        when a line in it wraps, as Save's answer does, and scrolled Save away again)."""
        layout = self.layout()
        return layout.totalMinimumHeightForWidth(width) if layout is not None else super().heightForWidth(width)

    def _on_language_combo_chosen(self, _index: int) -> None:
        self._language_chosen = True

    def _show_language_note(self, saved: str) -> None:
        """Started with `--lang` in a language other than the saved one: say so, and how to keep it."""
        if saved == self.lang:
            self.language_note.clear()
            self.language_note.setVisible(False)
            return
        saved_name = {"zh_CN": self.tr("简体中文"), "en": self.tr("英文")}.get(saved, saved)  # in this language
        self.language_note.setText(
            self.tr("本次启动时用 --lang 指定了界面语言，只在本次有效；保存的界面语言是“%1”，下次启动时使用。"
                    "要改变保存的语言，请在上面选择后点“保存”。").replace("%1", saved_name))
        self.language_note.setVisible(True)

    def chosen_language(self) -> str:
        """The language chosen on this page ("" when the box was not touched)."""
        return str(self.language_combo.currentData()) if self._language_chosen else ""

    def edited_settings(self) -> Settings:
        settings: Settings = dataclasses.replace(
            self.services.settings,
            language=self.chosen_language() or self.services.settings.language,
            font_size=self.font_combo.currentData(),
            high_contrast=self.contrast_check.isChecked(),
            engine_url=self.engine_edit.text().strip(),
            update_source=self.update_edit.text().strip(),
            trusted_keys=list(self._trusted_keys),
            staff_name=self.staff_edit.text().strip(),
            centre_name=self.centre_edit.text().strip(),
            kiosk_on_start=self.kiosk_check.isChecked(),
            record_retention_years=int(self.retention_combo.currentData() or 0),
        )
        return settings

    def save(self) -> None:
        old = dataclasses.replace(self.services.settings)
        new = self.edited_settings()
        try:  # a malformed address would fail every update check as "try again later"
            check_web_address(new.update_source)
        except SyncError as exc:
            self._say(exc.message(self.lang))
            self.update_edit.setFocus()
            return
        if new.kiosk_on_start and not old.kiosk_on_start and not verify_pin(
            self.kiosk_pin_edit.text(), old.kiosk_pin_hash
        ):
            self._say(self.tr("要开启自助终端模式，请输入正确的管理员 PIN。"))
            return
        if is_shorter(new.record_retention_years, old.record_retention_years):
            # a shorter period removes entries at the next clean-up: counted (off the GUI thread), then asked
            cutoff = retention_cutoff(new.record_retention_years, dt.date.today())
            reports = self.services.reports
            self.save_button.setEnabled(False)
            self._say(self.tr("正在统计将删除的记录…"))
            self._retention_task = self.tasks.run(
                lambda: reports.prune(cutoff, dry_run=True), owner=self, key="retention-count",
                on_done=lambda pruned: self._on_retention_counted(pruned, new, old),
                on_error=self._on_retention_count_failed)
            return
        self._write(new, old)

    def _on_retention_counted(self, pruned: Any, new: Settings, old: Settings) -> None:
        self._retention_task = None
        self.save_button.setEnabled(True)
        if pruned.entries and not self.confirm_retention(pruned.entries, pruned.archived, pruned.cutoff):
            self.retention_combo.setCurrentIndex(max(0, self.retention_combo.findData(old.record_retention_years)))
            self._say(self.tr("没有保存，保留期限未改变。"))
            return
        self._write(new, old, prune_now=bool(pruned.entries))  # asked and answered: removed now, once saved

    def _on_retention_count_failed(self, exc: BaseException) -> None:
        self._retention_task = None
        self.save_button.setEnabled(True)
        message = error_text(exc, self.lang, doing="counting service-record entries")
        self._say(self.tr("没有保存：无法统计服务台账记录（%1）。").replace("%1", message))

    def _on_retention_applied(self, pruned: Any) -> None:
        self._say(self.tr("已保存。已删除 %n 条较早的服务台账记录。", "", pruned.entries))

    def confirm_retention(self, count: int, archived: int, cutoff: dt.date) -> bool:
        """The question before a shorter period is saved: how many entries go, and that backups keep them."""
        text = self.tr("缩短保留期限后，早于 %1 的 %n 条服务台账记录将被删除", "", count).replace("%1", cutoff.isoformat())
        if archived:
            text += self.tr("，连同 %n 个存档报告（每种格式的文件）", "", archived)
        text += self.tr("。删除后无法撤销。以前做的备份和导出的台账中仍有这些记录。确定要保存吗？")
        answer = QMessageBox.question(self, self.tr("保留服务台账和报告"), as_plain(text),
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _write(self, new: Settings, old: Settings, *, prune_now: bool = False) -> None:
        """Write the settings file on a task's thread (a data folder on a network share that has stopped
        answering would hold the window for the whole SMB timeout); applied when it is written.
        `prune_now`: a shorter retention that was confirmed removes the older entries at once, not at
        tomorrow's clean-up."""
        self.kiosk_pin_edit.clear()
        self.save_button.setEnabled(False)
        self._say(self.tr("正在保存…"))
        data_dir, shared = self.services.data_dir, self.services.settings
        edited = {f.name: getattr(new, f.name) for f in dataclasses.fields(Settings)
                  if getattr(new, f.name) != getattr(old, f.name)}
        self.tasks.run(lambda: update_settings(data_dir, shared, **edited), owner=self, key="save-settings",
                       on_done=lambda saved: self._on_written(saved, old, prune_now),
                       on_error=self._on_write_failed)

    def _on_write_failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        self._say(self.tr("无法保存设置：%1").replace("%1", write_error_text(exc, self.lang, doing="saving settings")))

    def _on_written(self, new: Settings, old: Settings, prune_now: bool) -> None:
        """`new`: as saved, and as every service now has it (`update_settings` made it in the shared Settings)."""
        self.save_button.setEnabled(True)
        if new.trusted_keys != old.trusted_keys:  # the running sync service checks with the keys of now
            self.services.sync.trusted_keys = list(new.trusted_keys)
        chosen = self.chosen_language()
        self._language_chosen = False
        self._show_language_note(new.language)
        self.show_saved(engine_changed=new.engine_url != old.engine_url)
        if prune_now:
            reports = self.services.reports
            self.tasks.run(lambda: reports.apply_retention(), owner=self, key="retention",
                           on_done=self._on_retention_applied, on_error=self._on_retention_count_failed)
        self.sig_settings_saved.emit(new, old, chosen)

    # -- trusted publisher keys

    def _show_keys(self) -> None:
        self.keys_list.clear()
        for text in self._trusted_keys:
            # As sync reads it: the key itself, or the .pub file a management tool named (QA 20c N4)
            key = trusted_key_entry(text, self.services.data_dir)
            if isinstance(key, Text):
                label = self.tr("无法读取的密钥（可以移除）")
                tip = key(self.lang)
            else:
                label = self.tr("密钥 %1").replace("%1", key_id(key))
                tip = text
            item = QListWidgetItem(label, self.keys_list)
            item.setToolTip(as_plain(tip))
        if not self._trusted_keys:
            item = QListWidgetItem(self.tr("（没有另外添加的公钥）"), self.keys_list)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsSelectable)
        self.remove_key_button.setEnabled(bool(self._trusted_keys))

    def _on_add_key_button_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择发布者公钥文件"), "",
                                              self.tr("公钥文件 (*.pub);;所有文件 (*)"))
        if path:
            self.add_key_file(Path(path))

    def add_key_file(self, path: Path) -> None:
        """Read a publisher's .pub file (as `ipdesk sync --trusted-key` does) into the list; saved with "保存"."""
        try:
            text = public_key_text(load_public_key_file(path))
        except SyncError as exc:
            self._say(exc.message(self.lang))
            return
        kid = key_id(load_public_key(text))
        if text in self._trusted_keys:
            self._say(self.tr("密钥 %1 已在受信任名单中。").replace("%1", kid))
            return
        self._trusted_keys.append(text)
        self._show_keys()
        self._say(self.tr("已添加密钥 %1，点“保存”后生效。").replace("%1", kid))

    def _on_remove_key_button_clicked(self) -> None:
        row = self.keys_list.currentRow()
        if not 0 <= row < len(self._trusted_keys):
            return
        del self._trusted_keys[row]
        self._show_keys()
        self._say(self.tr("已移除，点“保存”后生效。"))

    def show_settings(self, settings: Settings) -> None:
        """Settings saved elsewhere ("Data & sync" saves the update source typed there): shown here, so
        saving this page does not put the old source back."""
        if self.update_edit.text().strip() != settings.update_source:
            self.update_edit.setText(settings.update_source)

    def _say(self, text: str) -> None:
        """The line under Save: saved, or why not (said to screen readers too)."""
        self.saved_label.setText(text)
        announce(self.saved_label)

    def show_saved(self, *, engine_changed: bool = False) -> None:
        """Say the settings were saved (the window calls it again on the page rebuilt in a new language)."""
        note = self.tr("已保存。")
        if engine_changed:
            note += " " + self.tr("数据库地址在下次启动时生效。")
        self._say(note)
