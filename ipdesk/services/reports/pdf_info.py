"""A report PDF's document properties that Qt's writers leave out: the language of its text (the
catalog's /Lang, which screen readers and search go by) and its subject, and for a printout sent to
a PDF file ("Print to File") its author too (QPrinter has no way to set one).

They are appended to the file as an incremental update (ISO 32000-1, 7.5.6): the bytes Qt wrote stay
as they are, and the new catalog and information dictionary replace the old ones.
"""

from __future__ import annotations

import io
import logging

from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import DictionaryObject, IndirectObject, NameObject, PdfObject, TextStringObject

from ipdesk.domain.i18n import is_english
from ipdesk.services.reports.pdf_text import append_update

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
    bodies = {}
    for number, obj in objects.items():
        body = io.BytesIO()
        obj.write_to_stream(body)
        bodies[number] = body.getvalue()
    return append_update(pdf, bodies, size=size, root=root, info=info)
