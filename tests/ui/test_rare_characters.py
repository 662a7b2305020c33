"""Official township names use ideographs of CJK Extensions B–H (𬮤山镇, 下𱳪镇, 𰝟渡镇) that the
usual Chinese fonts lack. The window must draw every one of them with a real glyph, also where the
system's font configuration knows no font for them (Windows, a bare kiosk image): the app then
registers its rare-ideograph font (services/reports/fonts.py, ui/theme.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlean
from PySide6.QtGui import QFont, QTextLayout

from ipdesk.services.reports.fonts import RARE_HAN_FAMILY, rare_han_font_path
from ipdesk.ui.theme import apply_theme, rare_han_families

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "resources" / "seed.sqlite"
# From the official division table (the seed's own names are checked below when it is built).
KNOWN = ("𬮤山镇", "下𱳪镇", "𰝟渡镇", "柳树𨟠镇", "𬶍莲街道", "𦰡溪瑶族乡")

needs_font = pytest.mark.skipif(rare_han_font_path() is None,
                                reason="no rare-ideograph font (make setup installs fonts-babelstone-han)")


def seed_names_beyond_the_bmp() -> list[str]:
    if not SEED.is_file():
        pytest.skip("resources/seed.sqlite is not built (make seed)")
    conn = sqlean.connect(f"file:{SEED}?mode=ro", uri=True)
    try:
        names = [name for (name,) in conn.execute("SELECT name FROM division")
                 if any(ord(ch) > 0xFFFF for ch in name)]
    finally:
        conn.close()
    return names


def missing_glyphs(text: str, font: QFont) -> list[str]:
    """The characters of `text` drawn as a box (glyph 0) with `font` and Qt's fallbacks."""
    missing = []
    for ch in text:
        layout = QTextLayout(ch, font)
        layout.beginLayout()
        layout.createLine()
        layout.endLayout()
        if any(0 in run.glyphIndexes() for run in layout.glyphRuns()):
            missing.append(ch)
    return missing


@needs_font
def test_every_place_name_beyond_the_bmp_in_the_seed_is_drawn(qapp) -> None:  # type: ignore[no-untyped-def]
    names = seed_names_beyond_the_bmp()
    assert len(names) >= 20  # the official table has two dozen such townships
    apply_theme(qapp)
    font = qapp.font()
    assert RARE_HAN_FAMILY in font.families()
    assert font.families()[0] != RARE_HAN_FAMILY  # only a fallback: the usual characters keep the CJK face
    boxes = {name: missing_glyphs(name, font) for name in (*names, *KNOWN)}
    assert not {name: chars for name, chars in boxes.items() if chars}
    assert RARE_HAN_FAMILY in rare_han_families()


_BARE_SCRIPT = """
import json, os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtGui import QTextLayout
from PySide6.QtWidgets import QApplication
from ipdesk.ui.theme import apply_theme
app = QApplication([])
apply_theme(app)
out = {}
for text in sys.argv[1:]:
    layout = QTextLayout(text, app.font())
    layout.beginLayout(); layout.createLine(); layout.endLayout()
    out[text] = [[run.rawFont().familyName(), list(run.glyphIndexes())] for run in layout.glyphRuns()]
print(json.dumps(out, ensure_ascii=False))
"""


@needs_font
def test_a_machine_whose_fonts_know_no_rare_ideographs_draws_them_with_the_registered_font(tmp_path: Path) -> None:
    """An empty fontconfig configuration stands for Windows: no installed font has the rare
    ideographs (or any Chinese), so only the fonts the app registers itself can draw them."""
    config = tmp_path / "fonts.conf"
    config.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
                      f"<fontconfig><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>", encoding="utf-8")
    env = {**os.environ, "FONTCONFIG_FILE": str(config), "QT_QPA_PLATFORM": "offscreen",
           "IPDESK_RARE_HAN_FONT": str(rare_han_font_path())}
    out = subprocess.run([sys.executable, "-c", _BARE_SCRIPT, *KNOWN], capture_output=True, text=True,
                         encoding="utf-8", env=env, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    runs = json.loads(out.stdout.strip().splitlines()[-1])
    for name in KNOWN:
        assert runs[name], name
        assert all(0 not in glyphs for _family, glyphs in runs[name]), (name, runs[name])
        rare = [family for family, _ in runs[name] if family == RARE_HAN_FAMILY]
        assert rare, (name, runs[name])  # the rare ideograph came from the registered font
