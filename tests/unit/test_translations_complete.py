"""English is a complete second language: every string the UI passes to tr()/translate() has a
finished English translation in its .ts file (tools/update_translations.py decides which)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _tool():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("update_translations", ROOT / "tools" / "update_translations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_ui_string_has_english() -> None:
    if not Path(sys.executable).with_name("pyside6-lupdate").exists():
        pytest.skip("pyside6-lupdate is not installed")
    assert _tool().check() == []


def test_every_ui_module_belongs_to_one_ts_file() -> None:
    tool = _tool()
    by_ts = tool.sources_by_ts()
    assert set(by_ts) == {p.name for p in (ROOT / "resources" / "translations").glob("*.ts")}
    listed = [p for paths in by_ts.values() for p in paths]
    assert len(listed) == len(set(listed))
    ui = {p for p in (ROOT / "ipdesk" / "ui").rglob("*.py") if p.name != "__init__.py"}
    assert set(listed) == ui


def test_a_missing_translation_is_reported(tmp_path: Path) -> None:
    ts = tmp_path / "x_en.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="en_US">'
        "<context><name>Page</name>"
        "<message><source>已译</source><translation>Done</translation></message>"
        '<message><source>未译</source><translation type="unfinished"></translation></message>'
        "<message><source>空的</source><translation></translation></message>"
        '<message><source>旧的</source><translation type="vanished">Old</translation></message>'
        "</context></TS>",
        encoding="utf-8",
    )
    assert _tool().missing_english(ts) == ["x_en.ts: Page: 未译", "x_en.ts: Page: 空的"]
