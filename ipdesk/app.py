"""Composition root: settings → store → services → QApplication → main window.

Nothing else builds services; pages and dialogs receive what they need through constructors.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Any

from ipdesk.services.errors import CorruptDatabaseError, IpdeskError

log = logging.getLogger("ipdesk")

KIOSK_TARGET = "ipdesk.ui.kiosk:KioskWindow"


def display_available() -> bool:
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform.startswith(("win", "darwin")):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _build_window(services: Any, tasks: Any, lang: str, kiosk: bool) -> Any:
    """The kiosk shell when asked for and installed, else the main window."""
    from ipdesk.ui.main_window import MainWindow
    from ipdesk.ui.pages import load_class

    if kiosk:
        kiosk_cls = load_class(KIOSK_TARGET)
        if kiosk_cls is not None:
            return kiosk_cls(services, tasks, lang)
        log.warning("kiosk mode is not installed; starting the normal window")
    return MainWindow(services, tasks, lang=lang)


def run_app(data_dir: Path, lang: str, kiosk: bool = False) -> int:
    if not display_available():
        sys.stderr.write(
            "ipdesk: 没有可用的显示器（未设置 DISPLAY）。请在桌面中运行，或使用：xvfb-run -a ipdesk / "
            "no display available (DISPLAY is not set): run it on a desktop, or under `xvfb-run -a ipdesk`.\n"
        )
        return 1
    from PySide6.QtWidgets import QApplication, QMessageBox

    from ipdesk.domain.i18n import pick
    from ipdesk.services.container import build_services
    from ipdesk.services.db import InstanceLock, reset_from_seed
    from ipdesk.services.settings import load_settings
    from ipdesk.ui.crash import CrashReporter
    from ipdesk.ui.i18n import install_translators
    from ipdesk.ui.tasks import TaskRunner
    from ipdesk.ui.theme import apply_theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("ipdesk")
    app.setOrganizationName("ipdesk")
    install_translators(app, lang)
    early_settings = load_settings(data_dir) if data_dir.exists() else None
    if early_settings is not None:
        apply_theme(app, early_settings.font_size, early_settings.high_contrast)
    else:
        apply_theme(app)
    crash = CrashReporter(app)
    crash.install()
    lock = InstanceLock(data_dir)
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        lock.acquire()
        try:
            services = build_services(data_dir)
        except CorruptDatabaseError as exc:
            answer = QMessageBox.question(
                None, "ipdesk",
                exc.message(lang) + "\n\n" + pick(lang, "现在从内置数据重新开始吗？", "Start again from the built-in data now?"),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return exc.exit_code
            reset_from_seed(data_dir).close()
            services = build_services(data_dir)
    except IpdeskError as exc:
        QMessageBox.critical(None, "ipdesk", exc.message(lang))
        sys.stderr.write(f"ipdesk: {exc.message(lang)}\n")
        return exc.exit_code
    apply_theme(app, services.settings.font_size, services.settings.high_contrast)
    tasks = TaskRunner()
    window = _build_window(services, tasks, lang, kiosk)
    window.show()
    log.info("window shown (%s)", lang)
    try:
        return int(app.exec())
    finally:
        crash.uninstall()
        tasks.wait_idle(5000)
        services.close()
        lock.release()
