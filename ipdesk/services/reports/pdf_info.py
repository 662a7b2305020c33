"""A report PDF's document properties that Qt's writers leave out: the language of its text (the
catalog's /Lang, which screen readers and search go by) and its subject, and for a printout sent to
a PDF file ("Print to File") its author too (QPrinter has no way to set one).

They are appended to the file as an incremental update (ISO 32000-1, 7.5.6): the bytes Qt wrote stay
as they are, and the new catalog and information dictionary replace the old ones.
"""

from __future__ import annotations

import io
import logging
import re

from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import DictionaryObject, IndirectObject, NameObject, PdfObject, TextStringObject

from ipdesk.domain.i18n import is_english

log = logging.getLogger("ipdesk.reports")


def pdf_language(lang: str) -> str:
    """The report's language as a PDF (BCP 47) language tag: zh-CN or en."""
    return "en" if is_english(lang) else "zh-CN"


def with_document_info(pdf: bytes, lang: str, info: dict[str, str], name: str = "") -> bytes:
    """`pdf` with its catalog's /Lang set to `lang`'s tag and its information dictionary given the
    entries of `info` that are not empty ({"/Subject": …, "/Author": …}: each replaces what Qt wrote),
    or `pdf` itself when a PDF this pass cannot read (the report is still right; the log says so)."""
    try:
        return _with_document_info(pdf, pdf_language(lang), {k: v for k, v in info.items() if v})
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError) as exc:  # pypdf's ways of refusing a file
        log.warning("PDF document properties left as written (%s: %s) in %s", type(exc).__name__, exc, name)
        return pdf


def _with_document_info(pdf: bytes, tag: str, entries: dict[str, str]) -> bytes:
    reader = PdfReader(io.BytesIO(pdf))
    trailer = reader.trailer
    root_ref = trailer.raw_get("/Root")
    if not isinstance(root_ref, IndirectObject):
        raise ValueError("the catalog is not an indirect object")
    catalog = _dictionary(root_ref)
    catalog[NameObject("/Lang")] = TextStringObject(tag)
    size = int(str(trailer["/Size"]))
    objects: dict[int, PdfObject] = {root_ref.idnum: catalog}
    info_ref = trailer.raw_get("/Info") if "/Info" in trailer else None
    if isinstance(info_ref, IndirectObject):
        info_number, info = info_ref.idnum, _dictionary(info_ref)
    else:  # none written: a new object
        info_number, info = size, DictionaryObject()
        size += 1
    for key, value in entries.items():
        info[NameObject(key)] = TextStringObject(value)
    objects[info_number] = info
    return _appended(pdf, objects, root_ref.idnum, info_number, size)


def _dictionary(ref: IndirectObject) -> DictionaryObject:
    """A copy of the dictionary `ref` points to."""
    obj = ref.get_object()
    if not isinstance(obj, DictionaryObject):
        raise TypeError(f"object {ref.idnum} is not a dictionary")
    return DictionaryObject(obj)


def _appended(pdf: bytes, objects: dict[int, PdfObject], root: int, info: int, size: int) -> bytes:
    """`pdf` with an incremental update replacing (or adding) the objects numbered in `objects`."""
    last_xref = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", pdf[-1024:])
    if last_xref is None:
        raise ValueError("no startxref at the end of the file")
    out = bytearray(pdf if pdf.endswith(b"\n") else pdf + b"\n")
    offsets = {}
    for number, obj in sorted(objects.items()):
        offsets[number] = len(out)
        body = io.BytesIO()
        obj.write_to_stream(body)
        out += b"%d 0 obj\n" % number + body.getvalue() + b"\nendobj\n"
    xref_at = len(out)
    out += b"xref\n0 1\n0000000000 65535 f \n" + b"".join(b"%d 1\n%010d 00000 n \n" % (n, at)
                                                         for n, at in sorted(offsets.items()))
    entries = [b"/Size %d" % size, b"/Root %d 0 R" % root, b"/Info %d 0 R" % info]
    ids = re.findall(rb"/ID\s*\[[^\]]*\]", pdf[-4096:])
    if ids:
        entries.append(ids[-1])
    entries.append(b"/Prev " + last_xref.group(1))
    out += b"trailer\n<< " + b" ".join(entries) + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)
