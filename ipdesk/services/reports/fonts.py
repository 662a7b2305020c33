"""Which font file the PDF embeds for Chinese text: resolved in one place.

The font is never committed: it comes from a font package (Debian `fonts-wqy-microhei`) or the
system, and the PyInstaller bundle copies it to `resources/fonts/`, which is searched first.

The order matters. Qt writes a ToUnicode map per glyph; fonts whose cmap maps a CJK ideograph and
its Kangxi radical (一 U+4E00 and ⼀ U+2F00) to the same glyph, such as Noto Sans CJK, make
`pdftotext` and copy-paste return radicals. WenQuanYi Micro Hei extracts correctly (tested in
tests/reports/test_pdf.py); the Windows fonts follow as fallbacks.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ipdesk.services.resources import resource_path

FONT_FILE_NAMES = ("wqy-microhei.ttc",)
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
        found += sorted(p for p in bundled.iterdir() if p.suffix.lower() in {".ttc", ".ttf", ".otf"})
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
