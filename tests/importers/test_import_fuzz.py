"""Seeded fuzzing of the importer (how the byte-order-mark and ZIP bugs of 2026-11-29 were found):
files made by flipping, cutting and inserting bytes in good CSV, XLSX and CNIPA XML files, and XML
whose elements and attributes were given odd values, removed or repeated. Every one is imported or
refused with a message of its own: none reaches "an unexpected problem" (the importer's catch-all,
reason "unreadable" with a cause) or raises anything but the importer's typed errors."""

from __future__ import annotations

import copy
import io
import random
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from ipdesk.services.errors import IpdeskError
from tests.importers.conftest import (
    PATENT_HEADER,
    ST96_GI,
    ST96_TM,
    cnipa_new_xml,
    cnipa_old_xml,
    patent_rows,
    write_csv,
    write_xlsx,
)

INSERTS = [b"\xef\xbb\xbf", b"\xff\xfe", b"\x00", b",,,,", b'"', b"\r", b"\n\n", b"<", b"&amp;", b"]]>", b"<![CDATA[",
           b"\xe4\xb8", "中".encode("gb18030"), b"2020-13-45", b"9" * 22, b'encoding="UTF-r"']
XLSX_INSERTS = [b"<", b">", b"&", b'"', b'<c r="ZZ99" t="s"><v>999</v></c>', b"\xff\xfe", b'<row r="0">', b't="d"',
                b"<v>1e400</v>", b"<v>-1</v>"]
VALUES = ["", " ", "0", "-1", "2021-02-30", "20211310", "1e400", "NaN", "五常", "a" * 3000, "A01G    9/00    (2006.01)",
          "(2006.01)", "/", "１２３", "\t", "30", "3002"]


ENCODINGS = [b"GBK", b"UTF-r", b"U" * 45, b"UTF-16", b"latin1", b"gb2312", b""]


def _structured(data: bytes, rng: random.Random) -> bytes:
    """The changes that found bugs, made on purpose: a byte-order mark before a declaration that
    names another encoding (Notepad), an encoding name no codec has, and ZIP headers that claim a
    compression method, a password or a ZIP version Python's zipfile does not read."""
    op = rng.random()
    if data.startswith(b"PK"):
        b = bytearray(data)
        central = op < 0.5
        at = b.find(b"PK\x01\x02" if central else b"PK\x03\x04")
        if at >= 0:  # the version needed to extract, the flags (bit 0: encrypted), the compression method
            offset = rng.choice((6, 8, 10) if central else (4, 6, 8))
            b[at + offset:at + offset + 2] = rng.choice((9, 1, 245, 98, 14)).to_bytes(2, "little")
        return bytes(b)
    if op < 0.5:
        data = data.replace(b'encoding="utf-8"', b'encoding="' + rng.choice(ENCODINGS) + b'"', 1)
        data = data.replace(b'encoding="UTF-8"', b'encoding="' + rng.choice(ENCODINGS) + b'"', 1)
    if op > 0.3:
        data = rng.choice((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) + data
    return data


def _mutated(data: bytes, rng: random.Random) -> bytes:
    if rng.random() < 0.3:
        return _structured(data, rng)
    b = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        if not b:
            break
        p, op = rng.randrange(len(b)), rng.random()
        if op < 0.35:
            b[p] = rng.randrange(256)
        elif op < 0.55:
            del b[p:p + rng.randint(1, 40)]
        elif op < 0.7:
            b = b[:p]
        else:
            b[p:p] = rng.choice(INSERTS)
    return bytes(b)


def _mutated_xlsx(data: bytes, rng: random.Random) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    victim = rng.choice(src.namelist())
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            part = bytearray(src.read(name))
            if name == victim and part:
                for _ in range(rng.randint(1, 8)):
                    p, op = rng.randrange(len(part)), rng.random()
                    if op < 0.4:
                        part[p] = rng.randrange(256)
                    elif op < 0.7:
                        del part[p:p + rng.randint(1, 50)]
                    else:
                        part[p:p] = rng.choice(XLSX_INSERTS)
            dst.writestr(name, bytes(part))
    return out.getvalue()


def _odd_xml(data: bytes, rng: random.Random) -> bytes:
    root = ET.fromstring(data)
    nodes = list(root.iter())
    parents = {child: parent for parent in nodes for child in parent}
    for _ in range(rng.randint(1, 6)):
        node, op = rng.choice(nodes), rng.random()
        parent = parents.get(node)
        if op < 0.5:
            node.text = rng.choice(VALUES)
        elif op < 0.65 and node.attrib:
            node.set(rng.choice(list(node.attrib)), rng.choice(VALUES))
        elif parent is not None and node in list(parent):
            if op < 0.8:
                parent.remove(node)
            else:
                parent.append(copy.deepcopy(node))
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


@pytest.mark.parametrize("seed", range(3))
def test_broken_and_odd_files_are_imported_or_refused_in_words(tmp_path: Path, importer, seed: int) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(seed)
    good = {
        ".csv": write_csv(tmp_path / "s.csv", PATENT_HEADER, list(patent_rows(5))).read_bytes(),
        ".xlsx": write_xlsx(tmp_path / "s.xlsx", PATENT_HEADER, list(patent_rows(5))).read_bytes(),
        ".xml": cnipa_new_xml(2),
        ".old.xml": cnipa_old_xml(3),
        ".gi.xml": ST96_GI.encode(),
        ".tm.xml": ST96_TM.encode(),
    }
    outcomes: dict[str, int] = {}
    for i in range(150):
        kind = rng.choice(sorted(good))
        data = good[kind]
        if kind == ".xlsx":
            data = _mutated_xlsx(data, rng) if rng.random() < 0.6 else _mutated(data, rng)
        elif kind.endswith(".xml") and rng.random() < 0.5:
            data = _odd_xml(data, rng)
        else:
            data = _mutated(data, rng)
        f = tmp_path / f"f{i}.{kind.rsplit('.', 1)[-1]}"
        f.write_bytes(data)
        try:
            importer.stage([f]).discard()
            outcomes["read"] = outcomes.get("read", 0) + 1
        except IpdeskError as exc:
            unforeseen = getattr(exc, "reason", "") == "unreadable" and exc.__cause__ is not None
            assert not unforeseen, (f.name, repr(exc.__cause__))
            outcomes["refused"] = outcomes.get("refused", 0) + 1
        f.unlink()
    assert outcomes.get("read") and outcomes.get("refused")  # the mutations reach both ends
