"""English as its readers expect it: list rows without the full-width space (U+3000) between their
parts, straight quotes (curly ones are drawn full width by the CJK font), and a class's source in
English only."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import pytest
from defusedxml import ElementTree
from PySide6.QtWidgets import QFormLayout, QLabel

from ipdesk.ui.tasks import TaskRunner
from ipdesk.ui.wizards.gi_wizard import GiCheckPage
from tests.ui.test_detail_views import _open
from tests.wizards.test_township_step import _typed
from tests.wizards.test_wizard_pages import make, to_township_step, type_text

ROOT = Path(__file__).resolve().parents[2]
CURLY = "\u201c\u201d\u2018\u2019"
HAN = re.compile(r"[\u3400-\u9fff]")


def _rows(view: Any) -> list[str]:
    return [view.item(i).text() for i in range(view.count())]


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_gi_and_township_rows_use_the_languages_separator(shared_services: Any, tasks: TaskRunner, qtbot: Any,
                                                          lang: str) -> None:
    page = make(GiCheckPage, shared_services, tasks, qtbot, lang)
    to_township_step(page, qtbot)
    page._on_back_clicked()
    assert page.session.current == "product"
    page.product_edit.clear()
    type_text(page.product_edit, "大米")
    qtbot.waitUntil(lambda: page.gi_list.count() > 0, timeout=5000)
    gis = _rows(page.gi_list)
    page._on_next_clicked()
    _typed(page, qtbot, "五常市")
    towns = _rows(page.township_list)
    wuchang = next(row for row in gis if row.startswith("五常大米"))
    if lang == "en":
        assert not [row for row in gis + towns if "\u3000" in row]
        assert wuchang.startswith("五常大米 · [") and "、" not in wuchang
        assert all(" · 2301" in row for row in towns), towns[:3]
    else:
        assert wuchang.startswith("五常大米\u3000[")
        assert all("\u30002301" in row for row in towns), towns[:3]


def test_english_translations_use_straight_quotes() -> None:
    """“Open” in the About text, “Any” on the kiosk: full-width quotes with wide gaps in an English line."""
    curly = []
    for ts in sorted((ROOT / "resources" / "translations").glob("*_en.ts")):
        for message in ElementTree.parse(ts).getroot().iter("message"):
            translation = message.find("translation")
            texts = [] if translation is None else [translation.text or "", *(
                n.text or "" for n in translation.iter("numerusform"))]
            curly += [f"{ts.name}: {t}" for t in texts if any(c in t for c in CURLY)]
    assert curly == []


def test_english_halves_in_the_ui_code_use_straight_quotes() -> None:
    """Text("中文", "English") in ipdesk/ui (the kiosk's help lines): the English half."""
    curly = []
    for path in sorted((ROOT / "ipdesk" / "ui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Text" and len(node.args) == 2:
                english = node.args[1]
                if isinstance(english, ast.Constant) and any(c in str(english.value) for c in CURLY):
                    curly.append(f"{path.name}:{node.lineno}: {english.value}")
    assert curly == []


def _source_row(view: Any) -> str:
    form = view.form
    assert isinstance(form, QFormLayout)
    for row in range(form.rowCount()):
        label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        if label is not None and isinstance(label.widget(), QLabel) and label.widget().text() == "Source":
            widget = field.widget()
            assert isinstance(widget, QLabel)
            return str(widget.text())
    raise AssertionError("no Source row")


@pytest.mark.parametrize(("scheme", "code"), [("ipc", "A01G"), ("nice", "30")])
def test_a_class_source_is_in_english_only(qtbot: Any, english_window: Any, shared_services: Any, scheme: str,
                                           code: str) -> None:
    """"IPC（WIPO）农业相关部分；中文名称据… / IPC (WIPO), agriculture subset" in the English window."""
    node_id = shared_services.records.class_id(scheme, code)
    source = _source_row(_open(qtbot, english_window, "class", node_id))
    assert source and not HAN.search(source), source
