"""CNIPA patent XML: the current format (schema zh_new.xsd, namespaces sipo.gov.cn/XMLSchema/business
and /base) and the older `cn-patent-document` DTD format.

Each document becomes one raw patent row; `staging` validates and normalises it like a spreadsheet
row (numbers, IPC, dates), so both paths obey the same rules. Only bibliographic data and the
abstract are kept: the claims and description are large and are not searched offline.

A design's document holds `DesignBibliographicData` instead of `BibliographicData` (its title is a
`DesignTitle`, its applicants and designers are not under `Parties`), and its Locarno classes in
`ClassificationLocarno`; they go where a list's classification column goes (`ipc_codes`), so `validate`
reads them as it reads a list's 分类号. The Locarno edition (`EditionStatement`) is not kept: no list has it
and the store keeps a class without one (`codes.normalize_locarno`). The old DTD format has no Locarno element.
A design has no Abstract: its brief explanation (`DesignBriefExplanation`, 简要说明) is kept in its place.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

from ipdesk.domain.codes import GRANT_KIND_CODES, expand_locarno_subclasses
from ipdesk.domain.text import has_cjk
from ipdesk.services.importers.rows import RawRow

BUSINESS_NS = "http://www.sipo.gov.cn/XMLSchema/business"
BASE_NS = "http://www.sipo.gov.cn/XMLSchema/base"
NEW_ROOT = f"{{{BUSINESS_NS}}}PatentDocumentAndRelated"
OLD_ROOT = "cn-patent-document"

_B = f"{{{BUSINESS_NS}}}"
_A = f"{{{BASE_NS}}}"

# Kind codes (WIPO ST.16 as CNIPA uses them) → patent kind. Before 2010: C invention grant,
# Y utility model, D design; since: B, U, S.
_KIND_BY_CODE = {"A": "invention", "B": "invention", "C": "invention", "U": "utility", "Y": "utility",
                 "S": "design", "D": "design"}
# The 5th digit of a 12-digit application number: 1/8 invention, 2/9 utility model, 3 design.
_KIND_BY_APP_DIGIT = {"1": "invention", "8": "invention", "2": "utility", "9": "utility", "3": "design"}
_KIND_BY_APPL_TYPE = {"发明专利": "invention", "实用新型": "utility", "外观设计": "design"}
_IPC_VERSION_RE = re.compile(r"\(\s*\d{4}\.\d{2}\s*\)")
# the separators of several Locarno classes in one <base:Text> (as `validate` splits a list's column)
_CLASS_SPLIT_RE = re.compile(r"[;；,，、|]+")
_NO_DATE = {"", "00000000", "0"}
# A raw value beside the columns: the applicant address's structured divisions (province, city, county),
# which `validate` resolves to a region when they are more precise than the address text.
ADDRESS_PARTS = "address_parts"


def is_cnipa(root: Element) -> bool:
    return root.tag in (NEW_ROOT, OLD_ROOT)


def _text(el: Element | None) -> str:
    if el is None:
        return ""
    return " ".join("".join(el.itertext()).split())


def _date(value: str) -> str:
    v = value.strip()
    return "" if v in _NO_DATE else v


def _iso(value: str) -> str:
    v = _date(value)
    return f"{v[:4]}-{v[4:6]}-{v[6:]}" if len(v) == 8 and v.isdigit() else v


def patent_kind(kind_code: str, app_no: str, appl_type: str = "") -> str:
    """invention | utility | design from the kind code, else the application number or its stated type."""
    code = kind_code[:1].upper()
    if code in _KIND_BY_CODE:
        return _KIND_BY_CODE[code]
    if appl_type in _KIND_BY_APPL_TYPE:
        return _KIND_BY_APPL_TYPE[appl_type]
    digits = re.sub(r"\D", "", app_no)
    if len(digits) >= 12:
        return _KIND_BY_APP_DIGIT.get(digits[4], "")
    return ""


def parse_document(root: Element, file: str, number: int, where: str = "") -> RawRow:
    values = _parse_new(root) if root.tag == NEW_ROOT else _parse_old(root)
    return RawRow("patent", file, number, values, where=where)


def _ipc_from_text(text: str) -> str:
    return " ".join(_IPC_VERSION_RE.sub("", text).split())


def _locarno_from(bib: Element) -> list[str]:
    """A design's Locarno classes as written, main first, then the further ones; a <base:Text> only when
    there are neither (the schema's 不能细分的分类). `validate` normalises them (0905, 09.05, LOC(14) Cl. 09-05
    → 09-05) and drops repeats (a class given in its original and its standard form)."""
    main: list[str] = []
    further: list[str] = []
    texts: list[str] = []
    for loc in bib.iterfind(f"{_B}ClassificationLocarno"):
        main += [_text(c) for c in loc.iterfind(f"{_B}MainClassification")]
        further += [_text(c) for c in loc.iterfind(f"{_B}FurtherClassification")]
        texts += [p for t in loc.iterfind(f"{_A}Text")
                  for p in _CLASS_SPLIT_RE.split(expand_locarno_subclasses(_text(t)))]
    classes = [c for c in main + further if c]
    return classes or [t.strip() for t in texts if t.strip()]


def _person_name(person: Element) -> str:
    """A party's name (an applicant, an inventor, a designer): from its Chinese address book when it has
    several (an English one may come first), as Name, OrganizationName or LastName + FirstName (the
    schema allows each); else a Name given without an address book."""
    books = person.findall(f"{_A}AddressBook")
    chinese = [b for b in books if b.get("lang", "zh").lower().startswith("zh")]
    for book in [*chinese, *(b for b in books if b not in chinese)]:
        name = _text(book.find(f"{_A}Name")) or _text(book.find(f"{_A}OrganizationName"))
        if not name:
            last, first = _text(book.find(f"{_A}LastName")), _text(book.find(f"{_A}FirstName"))
            name = f"{last}{first}" if has_cjk(last + first) else " ".join(x for x in (first, last) if x)
        if name:
            return name
    return _text(person.find(f"{_A}Name")) or _text(person.find(f"{_A}OrganizationName"))


def _bibliographic(root: Element) -> Element:
    """The document's bibliographic block: BibliographicData, or a design's DesignBibliographicData (also
    when an empty BibliographicData stands beside it: the schema allows both)."""
    bib = root.find(f"{_B}BibliographicData")
    design = root.find(f"{_B}DesignBibliographicData")
    if design is not None and (bib is None or bib.find(f"{_B}PublicationReference") is None):
        return design
    return bib if bib is not None else root


def _parse_new(root: Element) -> dict[str, object]:
    bib = _bibliographic(root)

    def original(tag: str) -> Element | None:
        found = None
        for ref in bib.findall(f"{_B}{tag}"):
            if ref.get("dataFormat") == "original":
                return ref
            found = found if found is not None else ref
        return found

    pub = original("PublicationReference")
    pub_id = pub.find(f"{_A}DocumentID") if pub is not None else None
    country = _text(pub_id.find(f"{_A}WIPOST3Code")) if pub_id is not None else ""
    doc_no = _text(pub_id.find(f"{_A}DocNumber")) if pub_id is not None else ""
    kind_code = _text(pub_id.find(f"{_A}Kind")) if pub_id is not None else ""
    pub_date = _text(pub_id.find(f"{_A}Date")) if pub_id is not None else ""
    country = country or root.get("country", "")
    doc_no = doc_no or root.get("docNumber", "")
    kind_code = kind_code or root.get("kind", "")
    pub_date = pub_date or root.get("datePublication", "")

    app = original("ApplicationReference")
    app_id = app.find(f"{_A}DocumentID") if app is not None else None
    app_no = _text(app_id.find(f"{_A}DocNumber")) if app_id is not None else ""
    app_country = _text(app_id.find(f"{_A}WIPOST3Code")) if app_id is not None else ""
    filing = _text(app_id.find(f"{_A}Date")) if app_id is not None else ""

    priorities = []
    for pr in bib.iterfind(f"{_B}PriorityDetails/{_B}Priority"):
        if pr.get("dataFormat", "original") != "original":
            continue
        parts = [_text(pr.find(f"{_A}WIPOST3Code")), _text(pr.find(f"{_A}DocNumber")), _iso(_text(pr.find(f"{_A}Date")))]
        priorities.append(" ".join(p for p in parts if p))

    ipcs: list[str] = []
    for c in bib.iterfind(f"{_B}ClassificationIPCRDetails/{_B}ClassificationIPCR"):
        text = _text(c.find(f"{_A}Text"))
        if text:
            ipcs.append(_ipc_from_text(text))
            continue
        sec, cls, sub = (_text(c.find(f"{_B}{t}")) for t in ("Section", "MainClass", "Subclass"))
        grp, subgrp = _text(c.find(f"{_B}MainGroup")), _text(c.find(f"{_B}Subgroup"))
        if sec and cls and sub:
            ipcs.append(f"{sec}{cls}{sub} {grp}/{subgrp}" if grp else f"{sec}{cls}{sub}")

    titles = bib.findall(f"{_B}InventionTitle") or bib.findall(f"{_B}DesignTitle")
    title_el = next((t for t in titles if t.get("lang", "zh").lower().startswith("zh")), titles[0] if titles else None)

    applicants: list[str] = []
    addresses: list[tuple[str, list[str]]] = []
    for a in [*bib.iterfind(f"{_B}Parties/{_B}ApplicantDetails/{_B}Applicant"),
              *bib.iterfind(f"{_B}ApplicantDetails/{_B}Applicant")]:  # a design's are not under Parties
        name = _person_name(a)
        if name:
            applicants.append(name)
        books = a.findall(f"{_A}AddressBook")
        book = next((b for b in books if b.get("lang", "zh").lower().startswith("zh")), books[0] if books else None)
        if book is None:
            continue
        addr = _text(book.find(f"{_A}Address/{_A}Text"))
        # the divisions CNIPA files the address under (Province, City, County; "0" when not given):
        # often more precise than the text ('北京市经济技术开发区…' is filed under 大兴区)
        parts = [_text(book.find(f"{_A}Address/{_A}{tag}")) for tag in ("Province", "City", "County")]
        parts = [p for p in parts if p and p != "0"]
        if (addr and addr != "0") or parts:
            addresses.append((addr if addr != "0" else "", parts))
    inventors = [
        _person_name(inv)
        for inv in [*bib.iterfind(f"{_B}Parties/{_B}InventorDetails/{_B}Inventor"),
                    *bib.iterfind(f"{_B}DesignerDetails/{_B}Designer")]  # a design's designers (设计人)
    ]
    abstract = root.find(f"{_B}Abstract")
    if abstract is None:  # a design's brief explanation (简要说明: its name, use and design points) stands for one
        abstract = root.find(f"{_B}DesignBriefExplanation")
    abstract_text = "".join(_text(p) for p in abstract.iterfind(f"{_A}Paragraphs")) if abstract is not None else ""
    kind_code = kind_code.upper()
    return {
        "pub_no": f"{country}{doc_no}{kind_code}" if doc_no else "",
        "app_no": f"{app_country or country}{app_no}" if app_no else "",
        "kind": patent_kind(kind_code, app_no),
        "title": _text(title_el),
        "abstract": abstract_text,
        "applicants": [a for a in applicants if a],
        "inventors": [i for i in inventors if i],
        "address": addresses[0][0] if addresses else "",
        ADDRESS_PARTS: addresses[0][1] if addresses else [],
        # a design's Locarno classes first; an IPC symbol on a design is refused as a list's is
        "ipc_codes": _locarno_from(bib) + ipcs,
        "priority": "; ".join(priorities),
        "filing_date": _date(filing),
        "pub_date": _date(pub_date),
        "grant_date": _date(pub_date) if kind_code[:1] in GRANT_KIND_CODES else "",
        "as_of": _date(root.get("dateProduced", "")) or _date(pub_date),
    }


def _parse_old(root: Element) -> dict[str, object]:
    bib = root.find("cn-bibliographic-data")
    bib = bib if bib is not None else root
    pub_id = bib.find("cn-publication-reference/document-id")
    if pub_id is None:
        pub_id = bib.find("publication-reference/document-id")
    country = _text(pub_id.find("country")) if pub_id is not None else ""
    doc_no = _text(pub_id.find("doc-number")) if pub_id is not None else ""
    kind_code = (_text(pub_id.find("kind")) if pub_id is not None else "").upper()
    pub_date = _text(pub_id.find("date")) if pub_id is not None else ""
    country = country or root.get("country", "")
    app = bib.find("application-reference")
    app_id = app.find("document-id") if app is not None else None
    app_no = _text(app_id.find("doc-number")) if app_id is not None else ""
    app_country = _text(app_id.find("country")) if app_id is not None else ""
    filing = _text(app_id.find("date")) if app_id is not None else ""
    appl_type = app.get("appl-type", "") if app is not None else ""

    priorities = []
    for pr in bib.iterfind("priority-claims/priority-claim"):
        parts = [_text(pr.find("country")), _text(pr.find("doc-number")), _iso(_text(pr.find("date")))]
        priorities.append(" ".join(p for p in parts if p))
    ipcs = [_ipc_from_text(_text(t)) for t in bib.iterfind("classifications-ipcr/classification-ipcr/text")]
    if not ipcs:  # the oldest documents: <classification-ipc><main-classification>…</main-classification>
        for tag in ("main-classification", "further-classification"):
            ipcs += [_ipc_from_text(_text(t)) for t in bib.iterfind(f"classification-ipc/{tag}")]
    applicants: list[str] = []
    addresses: list[str] = []
    for a in bib.iterfind("cn-parties/cn-applicants/cn-applicant"):
        applicants.append(_text(a.find("addressbook/name")) or _text(a.find("name")))
        addr = _text(a.find("addressbook/address/text"))
        if addr:
            addresses.append(addr)
    if not addresses:
        rep = bib.find("cn-parties/cn-applicants")
        if rep is not None and rep.get("cn-representative-is"):
            addresses.append(rep.get("cn-representative-is", ""))
    inventors = [_text(i.find("name")) or _text(i.find("addressbook/name"))
                 for i in bib.iterfind("cn-parties/cn-inventors/cn-inventor")]
    abstract = bib.find("abstract")
    abstract_text = "".join(_text(p) for p in abstract.iterfind("p") if p.get("num") != "bio") if abstract is not None else ""
    return {
        "pub_no": f"{country}{doc_no}{kind_code}" if doc_no else "",
        "app_no": f"{app_country or country}{app_no}" if app_no else "",
        "kind": patent_kind(kind_code, app_no, appl_type),
        "title": _text(bib.find("invention-title")),
        "abstract": abstract_text,
        "applicants": [a for a in applicants if a],
        "inventors": [i for i in inventors if i],
        "address": addresses[0] if addresses else "",
        "ipc_codes": ipcs,
        "priority": "; ".join(priorities),
        "filing_date": _date(filing),
        "pub_date": _date(pub_date),
        "grant_date": _date(pub_date) if kind_code[:1] in GRANT_KIND_CODES else "",
        "as_of": _date(pub_date),
    }
