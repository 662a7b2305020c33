"""Asking where to save a file, refusing a name Windows cannot create.

On Linux and macOS the file dialog takes `报告:张三?.pdf` or `CON.pdf`, and the file is written; most
centres run Windows, and a folder copied there (a backup, the reports archive, a USB stick) cannot hold
it. A name the staff member typed is therefore checked (`windows_name_problem`) before any work starts:
the reason is shown, and the dialog opens again with the name, to be mended.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ipdesk.domain.shown_text import quoted_name
from ipdesk.services.outfiles import WINDOWS_MAX_NAME, windows_name_problem
from ipdesk.ui.plain_text import as_plain

_FORBIDDEN = '\\/:*?"<>|'


def documents_folder() -> Path:
    """文档 (Documents), where a file is suggested: on Windows the home folder (C:\\Users\\<name>) is not
    where anyone looks for a file, and OneDrive may redirect 文档 elsewhere."""
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
                or str(Path.home()))


def name_refusal(name: str) -> str | None:
    """Why Windows could not create a file called `name`, in the language installed; None: it could."""
    problem = windows_name_problem(name)
    if problem is None:
        return None
    translate = QCoreApplication.translate
    if problem == "forbidden character":
        found = "".join(dict.fromkeys(ch for ch in name if ch in _FORBIDDEN))
        if found:
            text = translate("SaveDialog", "文件名“%1”含有 Windows 不允许的字符 %2（\\ / : * ? \" < > | 都不能用）："
                                           "请换一个名称。").replace("%2", " ".join(found))
        else:  # only a control character (a tab pasted in, say)
            text = translate("SaveDialog", "文件名“%1”含有控制字符，Windows 不允许：请换一个名称。")
    elif problem == "reserved device name":
        text = translate("SaveDialog", "“%1”是 Windows 留给设备的名称（如 CON、NUL、COM1），不能作为文件名：请换一个名称。")
    elif problem == "trailing dot or space":
        text = translate("SaveDialog", "文件名“%1”以点或空格结尾，Windows 不允许：请去掉它。")
    elif problem == "longer than 255":
        text = translate("SaveDialog", "文件名“%1”太长（Windows 最多 %2 个字符）：请改短一些。").replace(
            "%2", str(WINDOWS_MAX_NAME))
    else:  # "empty": "." or ".." typed
        text = translate("SaveDialog", "请给出文件名。")
    return text.replace("%1", quoted_name(name))


def ask_save_path(parent: QWidget | None, title: str, suggested: str | Path, filter: str, *,
                  suffix: str = "", options: QFileDialog.Option | None = None) -> Path | None:
    """The path the staff member chose in the save dialog (`title`, opening at `suggested`, showing
    `filter`), or None when they cancel. `suffix` (".pdf"): added when the typed name lacks it, before
    the check, as that is the name the file gets. A name Windows could not create is refused with the
    reason (a message box on `parent`) and the dialog opens again with it."""
    where = str(suggested)
    while True:
        if options is None:
            chosen, _ = QFileDialog.getSaveFileName(parent, title, where, filter)
        else:
            chosen, _ = QFileDialog.getSaveFileName(parent, title, where, filter, options=options)
        if not chosen:
            return None
        if suffix and not chosen.lower().endswith(suffix.lower()):
            chosen += suffix
        path = Path(chosen)
        refusal = name_refusal(path.name)
        if refusal is None:
            return path
        QMessageBox.warning(parent, title, as_plain(refusal))  # a typed name is never taken for HTML
        where = chosen  # the dialog opens again with the name, to be mended
