"""Render resources/icons/ipdesk.svg into the PNG and the Windows .ico the installers use.

The SVG is the source; the PNG (256 px, for the Linux .desktop entry and the AppImage) and the
.ico (16–256 px, for the Windows executable and shortcuts) are committed so a build needs no
renderer. Run again after changing the SVG:

    QT_QPA_PLATFORM=offscreen .venv/bin/python installers/make_icons.py
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render_png(renderer: QSvgRenderer, size: int) -> bytes:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # PySide takes a str here at run time
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows icon holding PNG-compressed images (supported since Windows Vista)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, payload = b"", b""
    for size, png in sorted(pngs.items()):
        dim = 0 if size >= 256 else size  # 0 means 256 in the ICO directory
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(png), offset + len(payload))
        payload += png
    return header + entries + payload


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / "ipdesk.svg"))
    if not renderer.isValid():
        sys.stderr.write("ipdesk.svg could not be read\n")
        return 1
    pngs = {size: render_png(renderer, size) for size in ICO_SIZES}
    (ICONS / "ipdesk.png").write_bytes(pngs[256])
    (ICONS / "ipdesk.ico").write_bytes(ico_bytes(pngs))
    print(f"wrote {ICONS / 'ipdesk.png'} and {ICONS / 'ipdesk.ico'} ({', '.join(map(str, ICO_SIZES))} px)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
