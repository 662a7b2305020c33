"""QA: the save dialogs took any name. On Linux `报告:张三?.pdf` or `CON.pdf` was written, but most centres
run Windows, where no such file can be (a folder copied there, a USB stick, a backup restored). The
chosen name is now refused with the reason and the dialog opens again with it (ipdesk/ui/save_dialog.py),
at every save dialog of the window."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ipdesk.ui.save_dialog import ask_save_path, name_refusal
from tests.ui.conftest import wait_idle


class Dialogs:
    """QFileDialog.getSaveFileName answering the names given, in turn ("" = Cancel), and the
    QMessageBox.warning texts shown meanwhile."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, answers: list[str]) -> None:
        self.answers: Iterator[str] = iter(answers)
        self.suggested: list[str] = []
        self.warnings: list[str] = []
        monkeypatch.setattr(QFileDialog, "getSaveFileName", self._ask)
        monkeypatch.setattr(QMessageBox, "warning", self._warn)

    def _ask(self, _parent: Any, _title: str, where: str, _filter: str, **_options: Any) -> tuple[str, str]:
        self.suggested.append(where)
        return next(self.answers), ""

    def _warn(self, _parent: Any, _title: str, text: str, *_args: Any) -> QMessageBox.StandardButton:
        self.warnings.append(text)
        return QMessageBox.StandardButton.Ok


def test_a_name_windows_refuses_is_refused_with_the_reason_and_asked_again(
        qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    bad, good = str(tmp_path / "报告:张三?.pdf"), str(tmp_path / "报告 张三.pdf")
    dialogs = Dialogs(monkeypatch, [bad, good])
    chosen = ask_save_path(None, "保存报告", tmp_path / "报告.pdf", "PDF (*.pdf)", suffix=".pdf")
    assert chosen == Path(good)
    (warning,) = dialogs.warnings
    assert "报告:张三?.pdf" in warning and ": ?" in warning and "Windows" in warning, warning
    assert dialogs.suggested == [str(tmp_path / "报告.pdf"), bad]  # opened again with the name, to be mended
    assert not list(tmp_path.iterdir())  # nothing was written meanwhile


@pytest.mark.parametrize(("typed", "suffix", "words"), [
    ("CON.pdf", ".pdf", "留给设备的名称"),
    ("con", ".pdf", "留给设备的名称"),  # "con" + the suffix added: "con.pdf", the console all the same
    ("LPT1 .pdf", ".pdf", "留给设备的名称"),
    ("报告.pdf.", "", "以点或空格结尾"),  # Windows would drop the dot: another file's name
    ("报告 ", "", "以点或空格结尾"),
    ("报告\t张三.pdf", ".pdf", "控制字符"),
    ("a|b.pdf", ".pdf", "|"),
])
def test_each_reason_is_said(qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, typed: str, suffix: str,
                             words: str) -> None:
    dialogs = Dialogs(monkeypatch, [str(tmp_path / typed), ""])
    assert ask_save_path(None, "保存报告", tmp_path / "报告.pdf", "PDF (*.pdf)", suffix=suffix) is None
    (warning,) = dialogs.warnings
    assert words in warning, warning
    assert "\t" not in warning  # a typed control character is shown escaped, not obeyed


def test_a_good_name_gets_its_suffix_and_no_message(qtbot: Any, monkeypatch: pytest.MonkeyPatch,
                                                    tmp_path: Path) -> None:
    dialogs = Dialogs(monkeypatch, [str(tmp_path / "服务台账_2026-11")])
    assert ask_save_path(None, "导出服务台账", tmp_path / "服务台账.xlsx", "Excel (*.xlsx)",
                         suffix=".xlsx") == tmp_path / "服务台账_2026-11.xlsx"
    assert dialogs.warnings == []


def test_the_reasons_are_in_english(qtbot: Any, english: str) -> None:
    assert name_refusal("报告:张三?.pdf") == ("The file name \"报告:张三?.pdf\" contains : ?, which Windows does not "
                                          "allow in a file name (none of \\ / : * ? \" < > | may be used): choose another name.")
    assert name_refusal("CON.pdf") == ("\"CON.pdf\" is a name Windows keeps for a device (such as CON, NUL or COM1) "
                                       "and cannot name a file: choose another name.")
    assert name_refusal("报告.pdf.") == ("The file name \"报告.pdf.\" ends in a dot or a space, which Windows does not "
                                       "allow: remove it.")
    assert name_refusal("报告.pdf") is None


# --- every save dialog of the window asks this way ------------------------------------------------------

def _guide(qtbot: Any, services: Any, tasks: Any) -> Callable[[], object]:
    from ipdesk.ui.user_guide import UserGuideDialog

    guide = UserGuideDialog("zh_CN", tasks)
    qtbot.addWidget(guide)
    return guide._on_pdf_clicked


def _template(qtbot: Any, services: Any, tasks: Any) -> Callable[[], object]:
    from ipdesk.ui.import_panel import ImportPanel

    panel = ImportPanel(services, tasks, "zh_CN")
    qtbot.addWidget(panel)
    return lambda: panel._on_template_chosen("gi")


def _import_errors(qtbot: Any, services: Any, tasks: Any) -> Callable[[], object]:
    from ipdesk.ui.import_panel import ImportPanel

    panel = ImportPanel(services, tasks, "zh_CN")
    qtbot.addWidget(panel)
    return panel._on_export_errors_clicked


def _backup(qtbot: Any, services: Any, tasks: Any) -> Callable[[], object]:
    from ipdesk.ui.backup_panel import BackupPanel

    panel = BackupPanel(services, tasks, "zh_CN")
    qtbot.addWidget(panel)
    return panel.choose_backup_target


def _reports_page(qtbot: Any, services: Any, tasks: Any) -> Any:
    from ipdesk.domain.basket import ReportBasket
    from ipdesk.ui.reports_page import ReportsPage

    page = ReportsPage(services, tasks, ReportBasket(), "zh_CN")
    qtbot.addWidget(page)
    return page


def _report(qtbot: Any, services: Any, tasks: Any) -> Callable[[], object]:
    page = _reports_page(qtbot, services, tasks)
    return lambda: page._on_export_clicked("pdf")


def _ledger(qtbot: Any, services: Any, tasks: Any) -> Callable[[], object]:
    return _reports_page(qtbot, services, tasks)._on_ledger_clicked


@pytest.mark.parametrize("site", [_guide, _template, _import_errors, _backup, _report, _ledger])
def test_every_save_dialog_refuses_such_a_name(qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                               services: Any, tasks: Any,
                                               site: Callable[[Any, Any, Any], Callable[[], object]]) -> None:
    ask = site(qtbot, services, tasks)
    out = tmp_path / "out"
    out.mkdir()
    bad = str(out / "CON.xlsx")
    dialogs = Dialogs(monkeypatch, [bad, ""])
    assert ask() is None  # refused, then cancelled: nothing chosen, nothing started
    assert len(dialogs.warnings) == 1 and "CON" in dialogs.warnings[0], dialogs.warnings
    assert dialogs.suggested[1].startswith(bad)
    assert not list(out.iterdir())
    wait_idle(qtbot, tasks)  # the page's own loading, before it goes


def test_the_ledger_is_written_to_the_name_given_after_the_refusal(qtbot: Any, monkeypatch: pytest.MonkeyPatch,
                                                                   tmp_path: Path, services: Any,
                                                                   tasks: Any) -> None:
    page = _reports_page(qtbot, services, tasks)
    written: list[Path] = []
    monkeypatch.setattr(page, "export_ledger_to", written.append)
    dialogs = Dialogs(monkeypatch, [str(tmp_path / "台账:11月.xlsx"), str(tmp_path / "台账 11月")])
    page._on_ledger_clicked()
    assert written == [tmp_path / "台账 11月.xlsx"]
    assert len(dialogs.warnings) == 1
    wait_idle(qtbot, tasks)


def test_a_name_that_looks_like_html_is_shown_as_typed(qtbot: Any, monkeypatch: pytest.MonkeyPatch,
                                                       tmp_path: Path) -> None:
    from PySide6.QtGui import QTextDocument

    dialogs = Dialogs(monkeypatch, [str(tmp_path / "<img src=x>报告.pdf"), ""])
    ask_save_path(None, "保存报告", tmp_path / "报告.pdf", "PDF (*.pdf)", suffix=".pdf")
    (warning,) = dialogs.warnings
    document = QTextDocument()
    document.setHtml(warning)  # as the message box takes a text that might be rich text
    assert "<img src=x>报告.pdf" in document.toPlainText()
