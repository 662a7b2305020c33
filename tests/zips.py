"""ZIP archives Python's zipfile cannot read, made on purpose: what a Deflate64 member (Windows),
7-Zip's PPMd, a password or a later ZIP version leave in a real archive."""

from __future__ import annotations

import zipfile
from pathlib import Path


def patched_zip(path: Path, members: dict[str, bytes], *, method: int | None = None, flags: int | None = None,
                 version: int | None = None, victim: str = "") -> Path:
    """A stored ZIP with `victim`'s headers claiming another compression `method`, general-purpose
    `flags` (bit 0: encrypted) or archive `version` (the one needed to extract): what Windows' Deflate64,
    7-Zip's PPMd or a password leave in a real archive, which Python's zipfile does not read."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    raw = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        infos = {i.filename: i for i in zf.infolist()}
    for name, info in infos.items():
        if victim and name != victim:
            continue
        local = info.header_offset
        cd = raw.find(b"PK\x01\x02", 0)
        while cd != -1 and raw[cd + 46: cd + 46 + len(name.encode())] != name.encode():
            cd = raw.find(b"PK\x01\x02", cd + 4)
        for at, field in ((local + 8, method), (cd + 10, method), (local + 6, flags), (cd + 8, flags),
                          (local + 4, version), (cd + 6, version)):
            if field is not None:
                raw[at:at + 2] = field.to_bytes(2, "little")
    path.write_bytes(bytes(raw))
    return path
