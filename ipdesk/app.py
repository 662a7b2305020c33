"""Composition root: settings → store → services → QApplication → main window.

Nothing else builds services; pages and dialogs receive what they need through constructors.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from ipdesk.services.errors import CorruptDatabaseError, IpdeskError

log = logging.getLogger("ipdesk")


def display_available() -> bool:
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform.startswith(("win", "darwin")):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


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
    from ipdesk.ui.main_window import MainWindow
    from ipdesk.ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("ipdesk")
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
    tasks = TaskRunner()
    window = MainWindow(services, tasks, lang=lang)
    window.show()
    try:
        return int(app.exec())
    finally:
        tasks.wait_idle(5000)
        services.close()
        lock.release()
