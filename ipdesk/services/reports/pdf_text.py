"""Give the PDF's text layer back the characters beyond U+FFFF that Qt's PDF writer leaves out.

Qt writes, for every embedded font, a ToUnicode map from each glyph to its character, but it looks
for characters only up to U+FFFF. A rare character of an official place name (𬌗, 𡌶: CJK
Extensions B–G) or an emoji is drawn correctly and then copies, searches and reads aloud as
nothing. This pass finds, for each glyph left without a character, the character it stands for —
by matching the text drawn around its first uses against the report's own text — and appends the
corrected maps to the file as an incremental update (the bytes Qt wrote are kept as they are).
A glyph it cannot place for certain is left as Qt left it.
"""

from __future__ import annotations

import io
import logging
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PageObject, PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import DictionaryObject, IndirectObject, StreamObject

from ipdesk.services.outfiles import fresh_part

log = logging.getLogger("ipdesk.reports")

_ASTRAL = "[\U00010000-\U0010ffff]"
_CONTEXTS = (8, 5, 3, 2, 1)  # characters of context on each side, most first
_OCCURRENCES_TRIED = 20
_HEX = re.compile(rb"<([0-9A-Fa-f]+)>")
# What Qt writes to show text: `/F11 333 Tf`, then glyph ids as hex strings, `<0001> Tj` or `[<0001> 12 <0002>] TJ`
# (a regular expression, not a general content-stream parser: pypdf's took 0.8 s a page).
_TEXT_OPERATORS = re.compile(
    rb"/(?P<font>[^\s/\[\]<>()]+)\s+[-+\d.]+\s+Tf\b|(?P<shown><[0-9A-Fa-f\s]*>|\[[^\]]*\])\s*(?:Tj|TJ|')")


def needs_fixing(text: str) -> bool:
    """Whether a report's text has any character Qt's map leaves out (almost never: skip the pass)."""
    return any(ord(ch) > 0xFFFF for ch in text)


@dataclass
class _Font:
    ref: IndirectObject | None  # the ToUnicode stream, when the font has one
    known: dict[int, str]
    found: dict[int, str] = field(default_factory=dict)


Glyph = tuple[int, int]  # (font number, glyph id)


def restore_astral_text(path: Path, text: str) -> int:
    """Add to `path` (a PDF Qt wrote) the characters beyond U+FFFF of `text` (the report's text,
    header and footer included) that its glyphs stand for; returns how many glyphs were mapped.
    Does nothing when `text` has none. A PDF this pass cannot read is left exactly as it was (the
    report is still right to the eye); OSError when the file cannot be written."""
    if not needs_fixing(text):
        return 0
    pdf = path.read_bytes()
    fixed, mapped = restore_astral_bytes(pdf, text, path.name)
    if fixed is not pdf:
        part = fresh_part(path)  # its own new file, never one differing only in case
        try:
            with part.open("wb") as fh:
                fh.write(fixed)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(part, path)
        finally:
            part.unlink(missing_ok=True)
    return mapped


def restore_astral_bytes(pdf: bytes, text: str, name: str = "") -> tuple[bytes, int]:
    """The same for a PDF in memory: (`pdf` with the update appended, glyphs mapped), or `pdf`
    itself (the very object) when there is nothing to add or the pass cannot read it. `name`: the
    file's name, for the log."""
    if not needs_fixing(text):
        return pdf, 0
    try:
        fixed, mapped = _with_astral_text(pdf, text, name)
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError) as exc:  # pypdf's ways of refusing a file
        log.warning("PDF text layer left as written (%s: %s) in %s", type(exc).__name__, exc, name)
        return pdf, 0
    return (pdf, 0) if fixed is None else (fixed, mapped)


def _with_astral_text(pdf: bytes, text: str, name: str) -> tuple[bytes | None, int]:
    reader = PdfReader(io.BytesIO(pdf))
    fonts: dict[int, _Font] = {}
    pages = [list(_drawn_glyphs(page, fonts)) for page in reader.pages]
    wanted = re.sub(r"\s+", "", text)
    unknown = {g for page in pages for g in page if not isinstance(g, str) and g[1]}
    progress = True
    while unknown and progress:
        progress = False
        for glyph in sorted(unknown):
            ch = _place(glyph, pages, fonts, wanted)
            if ch:
                fonts[glyph[0]].found[glyph[1]] = ch
                unknown.discard(glyph)
                progress = True
    mapped = sum(len(f.found) for f in fonts.values() if f.ref is not None)
    if not mapped:
        if unknown:
            log.info("PDF text layer: %d glyphs could not be placed in %s", len(unknown), name)
        return None, 0
    maps = {font.ref.idnum: _cmap({**font.known, **font.found}) for font in fonts.values()
            if font.found and font.ref is not None}
    updated = _appended(pdf, maps, reader.trailer)
    log.info("PDF text layer: %d characters beyond U+FFFF restored in %s (%d glyphs left)", mapped, name,
             len(unknown))
    return updated, mapped


def _appended(pdf: bytes, streams: dict[int, bytes], trailer: DictionaryObject) -> bytes:
    """`pdf` with the objects numbered in `streams` replaced by those stream contents."""
    bodies = {n: b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream" for n, data in streams.items()}
    info = trailer.raw_get("/Info").idnum if "/Info" in trailer else None
    return append_update(pdf, bodies, size=int(str(trailer["/Size"])), root=trailer.raw_get("/Root").idnum, info=info)


def append_update(pdf: bytes, bodies: dict[int, bytes], *, size: int, root: int, info: int | None) -> bytes:
    """`pdf` with an incremental update (ISO 32000-1, 7.5.6) that replaces (or adds) the objects
    numbered in `bodies` (each the bytes between "N 0 obj" and "endobj"): the original bytes stay
    untouched before it. Used for the ToUnicode maps and for the document properties."""
    last_xref = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", pdf[-1024:])
    if last_xref is None:
        raise ValueError("no startxref at the end of the file")
    out = bytearray(pdf if pdf.endswith(b"\n") else pdf + b"\n")
    offsets = {}
    for number, body in sorted(bodies.items()):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref_at = len(out)
    out += b"xref\n0 1\n0000000000 65535 f \n" + b"".join(b"%d 1\n%010d 00000 n \n" % (n, at) for n, at in offsets.items())
    entries = [b"/Size %d" % size, b"/Root %d 0 R" % root]
    if info is not None:
        entries.append(b"/Info %d 0 R" % info)
    ids = re.findall(rb"/ID\s*\[[^\]]*\]", pdf[-4096:])
    if ids:
        entries.append(ids[-1])
    entries.append(b"/Prev " + last_xref.group(1))
    out += b"trailer\n<< " + b" ".join(entries) + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)


def _drawn_glyphs(page: PageObject, fonts: dict[int, _Font]) -> Iterator[Glyph | str]:
    """The page's text as drawn, in order: a known character as itself, any other glyph as
    (font, glyph id). Only two-byte (Identity-H) fonts shown as hex strings, which is what Qt writes."""
    resources = page.get("/Resources")
    font_dict = resources.get_object().get("/Font") if resources is not None else None
    by_name: dict[str, int] = {}
    for name, ref in (font_dict.get_object().items() if font_dict is not None else ()):
        key = ref.idnum if isinstance(ref, IndirectObject) else id(ref)
        if key not in fonts:
            fonts[key] = _read_font(ref.get_object())
        by_name[str(name)] = key
    contents = page.get_contents()
    if contents is None:
        return
    current: int | None = None
    for op in _TEXT_OPERATORS.finditer(contents.get_data()):
        if op["font"] is not None:
            current = by_name.get("/" + op["font"].decode("latin-1"))
            continue
        if current is None:
            continue
        font = fonts[current]
        for hex_string in _HEX.findall(op["shown"]):
            raw = bytes.fromhex(hex_string.decode("ascii").ljust(len(hex_string) + len(hex_string) % 2, "0"))
            for i in range(0, len(raw) - 1, 2):
                gid = raw[i] << 8 | raw[i + 1]
                ch = font.known.get(gid) or font.found.get(gid)
                yield ch if ch is not None else (current, gid)


def _read_font(font: DictionaryObject) -> _Font:
    if font.get("/Subtype") != "/Type0" or font.get("/Encoding") != "/Identity-H":
        return _Font(None, {})
    ref = font.raw_get("/ToUnicode") if "/ToUnicode" in font else None
    if not isinstance(ref, IndirectObject):
        return _Font(None, {})
    stream = ref.get_object()
    return _Font(ref, _parse_cmap(stream.get_data()) if isinstance(stream, StreamObject) else {})


def _parse_cmap(data: bytes) -> dict[int, str]:
    """The bfchar and bfrange entries of a ToUnicode CMap (both forms of bfrange)."""
    out: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        codes = _HEX.findall(block)
        for src, dst in zip(codes[::2], codes[1::2], strict=False):
            out[int(src, 16)] = _utf16(dst)
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for line in re.finditer(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[[^\]]*\]|<[0-9A-Fa-f]+>)", block):
            lo, hi, dst = int(line[1], 16), int(line[2], 16), line[3]
            if dst.startswith(b"["):
                for code, item in zip(range(lo, hi + 1), _HEX.findall(dst), strict=False):
                    out[code] = _utf16(item)
            else:
                first = _utf16(dst[1:-1])
                for n, code in enumerate(range(lo, hi + 1)):
                    out[code] = first[:-1] + chr(ord(first[-1]) + n) if first else ""
    return out


def _utf16(hex_bytes: bytes) -> str:
    try:
        return bytes.fromhex(hex_bytes.decode("ascii")).decode("utf-16-be")
    except (ValueError, UnicodeDecodeError):
        return ""


def _place(glyph: Glyph, pages: list[list[Glyph | str]], fonts: dict[int, _Font], wanted: str) -> str:
    """The one character beyond U+FFFF that the text around `glyph`'s first uses allows, or ''."""
    tried = 0
    for page in pages:
        drawn = [_resolved(item, fonts) for item in page]
        drawn = [item for item in drawn if not (isinstance(item, str) and item.isspace())]
        for at, item in enumerate(drawn):
            if item != glyph:
                continue
            tried += 1
            for width in _CONTEXTS:
                before, after = drawn[max(0, at - width):at], drawn[at + 1:at + 1 + width]
                pattern = "".join(map(_pattern, before)) + f"({_ASTRAL})" + "".join(map(_pattern, after))
                found = {m.group(1) for m in re.finditer(f"(?={pattern})", wanted)}
                if len(found) == 1:
                    return found.pop()
                if len(found) > 1:
                    break  # this context is too short to tell; a longer one did not match
            if tried >= _OCCURRENCES_TRIED:
                return ""
    return ""


def _resolved(item: Glyph | str, fonts: dict[int, _Font]) -> Glyph | str:
    if isinstance(item, str):
        return item
    return fonts[item[0]].found.get(item[1], item)


def _pattern(item: Glyph | str) -> str:
    if isinstance(item, str):
        return re.escape(re.sub(r"\s+", "", item))
    return _ASTRAL


def _cmap(mapping: dict[int, str]) -> bytes:
    """A ToUnicode CMap of `mapping` (glyph id → text), in bfchar blocks of at most 100 entries."""
    entries = sorted((gid, text) for gid, text in mapping.items() if text)
    lines = [
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
        "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange",
    ]
    for start in range(0, len(entries), 100):
        chunk = entries[start:start + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        lines += [f"<{gid:04X}> <{text.encode('utf-16-be').hex().upper()}>" for gid, text in chunk]
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return ("\n".join(lines) + "\n").encode("ascii")
