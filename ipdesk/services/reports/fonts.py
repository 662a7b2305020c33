"""Which font file the PDF embeds for Chinese text: resolved in one place.

The font is never committed: it comes from a font package (Debian `fonts-wqy-microhei`) or the
system, and the PyInstaller bundle copies it to `resources/fonts/`, which is searched first.

The order matters. Qt writes a ToUnicode map per glyph; fonts whose cmap maps a CJK ideograph and
its Kangxi radical (一 U+4E00 and ⼀ U+2F00) to the same glyph, such as Noto Sans CJK, make
`pdftotext` and copy-paste return radicals. WenQuanYi Micro Hei extracts correctly (tested in
tests/reports/test_pdf.py); the Windows fonts follow as fallbacks.

The rare-ideograph font is a second, separate face: official township names use characters of
CJK Extensions B–H (𬮤山镇, 下𱳪镇, 𰝟渡镇) that no usual Chinese font draws. BabelStone Han (Debian
`fonts-babelstone-han`, Arphic Public License) draws all of those in the data; the bundle carries
a subset of it holding only the supplementary-plane ideographs (tools/rare_font.py). It is never
the report's main face (a Ming style, 51 MB): the window and the PDF list it after the CJK fonts,
so only characters those lack are drawn with it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ipdesk.services.resources import resource_path

FONT_FILE_NAMES = ("wqy-microhei.ttc",)
RARE_HAN_FAMILY = "BabelStone Han"
RARE_HAN_FILE_NAMES = ("BabelStoneHan-ext.ttf", "BabelStoneHan.ttf")
# Families that draw rare ideographs when installed, after the bundled one: Windows' SimSun-ExtB
# (Extension B) and SimSun-ExtG (Windows 11: Extensions G and H).
RARE_HAN_FAMILIES = (RARE_HAN_FAMILY, "SimSun-ExtB", "SimSun-ExtG")
_RARE_SYSTEM_CANDIDATES = ("/usr/share/fonts/truetype/babelstone/BabelStoneHan.ttf",)
_SYSTEM_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/usr/local/share/fonts/wqy-microhei.ttc",
)
_WINDOWS_CANDIDATES = ("simhei.ttf", "msyh.ttc", "simsun.ttc")
_MAC_CANDIDATES = ("/System/Library/Fonts/PingFang.ttc", "/System/Library/Fonts/STHeiti Light.ttc")


def report_font_candidates() -> list[Path]:
    """Font files to try, best first: the bundle's copy, then the system's."""
    bundled = resource_path("fonts")
    found = [bundled / name for name in FONT_FILE_NAMES]
    if bundled.is_dir():  # whatever font the installer put there (IPDESK_FONT_FILES in the spec)
        found += sorted(p for p in bundled.iterdir()
                        if p.suffix.lower() in {".ttc", ".ttf", ".otf"} and p.name not in RARE_HAN_FILE_NAMES)
    env = os.environ.get("IPDESK_REPORT_FONT")
    if env:
        found.insert(0, Path(env))
    found += [Path(p) for p in _SYSTEM_CANDIDATES]
    if sys.platform.startswith("win"):
        windir = Path(os.environ.get("WINDIR", "C:/Windows")) / "Fonts"
        found += [windir / name for name in _WINDOWS_CANDIDATES]
    elif sys.platform == "darwin":
        found += [Path(p) for p in _MAC_CANDIDATES]
    return found


def report_font_path() -> Path | None:
    """The first candidate that exists, or None (the PDF then uses Qt's default family and says so)."""
    for path in report_font_candidates():
        if path.is_file():
            return path
    return None


def rare_han_font_path() -> Path | None:
    """The rare-ideograph font file to register when its family is not installed: the bundle's
    subset, then IPDESK_RARE_HAN_FONT, then the Debian package's file; None when there is none (the
    window and reports then draw those characters only if a system font has them)."""
    bundled = resource_path("fonts")
    candidates = [bundled / name for name in RARE_HAN_FILE_NAMES]
    env = os.environ.get("IPDESK_RARE_HAN_FONT")
    if env:
        candidates.insert(0, Path(env))
    candidates += [Path(p) for p in _RARE_SYSTEM_CANDIDATES]
    return next((p for p in candidates if p.is_file()), None)
