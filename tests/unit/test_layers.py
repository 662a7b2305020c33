"""The layers point one way: domain ← services ← ui. Only ipdesk.ui may import PySide6."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[2] / "ipdesk"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize(
    ("layer", "forbidden"),
    [
        ("domain", ("PySide6", "ipdesk.ui", "ipdesk.services", "sqlalchemy", "requests")),
        ("services", ("PySide6", "ipdesk.ui")),
    ],
)
def test_layer_does_not_import_upwards(layer: str, forbidden: tuple[str, ...]) -> None:
    files = sorted((PKG / layer).rglob("*.py"))
    assert files, f"no modules found in ipdesk/{layer}"
    offenders = [
        f"{f.relative_to(PKG)} imports {name}"
        for f in files
        for name in _imports(f)
        if any(name == bad or name.startswith(bad + ".") for bad in forbidden)
    ]
    assert offenders == []


def test_the_layer_check_sees_a_violation(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from PySide6.QtCore import QObject\n", encoding="utf-8")
    assert "PySide6.QtCore" in _imports(bad)
