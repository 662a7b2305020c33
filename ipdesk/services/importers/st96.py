"""WIPO ST.96 XML: geographical indications (GIApplication and other GI documents) and trademarks
(TrademarkApplication, TrademarkBag …).

ST.96 is namespaced by subject (Common, Trademark, GeographicalIndication); any document whose root
is in the GI or trademark namespace is read by finding its GIData / Trademark elements, so the
application, registration and transaction documents of the same standard all work.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from xml.etree.ElementTree import Element

from ipdesk.services.importers.rows import RawRow

ST96 = "http://www.wipo.int/standards/XMLSchema/ST96/"
COM = f"{{{ST96}Common}}"
TMK = f"{{{ST96}Trademark}}"
GIN = f"{{{ST96}GeographicalIndication}}"


def is_st96_gi(root: Element) -> bool:
    return root.tag.startswith(GIN)


def is_st96_trademark(root: Element) -> bool:
    return root.tag.startswith(TMK)


def _text(el: Element | None) -> str:
    return "" if el is None else " ".join("".join(el.itertext()).split())


def _lang(el: Element) -> str:
    return (el.get(f"{COM}languageCode") or el.get("languageCode") or "").lower()


def _party_names(parent: Element | None, path: str) -> list[str]:
    names: list[str] = []
    if parent is None:
        return names
    for party in parent.iterfind(path):
        name = ""
        for tag in ("OrganizationStandardName", "EntityName", "PersonFullName", "FormattedName"):
            el = party.find(f".//{COM}{tag}")
            if el is not None and _text(el):
                name = _text(el)
                break
        if name and name not in names:
            names.append(name)
    return names


def _gi_kind(category: str) -> str:
    c = category.lower()
    if "certification" in c or "证明" in c:
        return "gi_certification_mark"
    if "collective" in c or "集体" in c:
        return "gi_collective_mark"
    return "gi_product"


def parse_gi_document(root: Element, file: str, where: str = "") -> Iterator[RawRow]:
    datas = [root] if root.tag == f"{GIN}GIData" else list(root.iter(f"{GIN}GIData"))
    applicants = _party_names(root, f".//{GIN}Applicant")
    is_application = root.tag.endswith("Application")
    for number, data in enumerate(datas, start=1):
        names = data.findall(f"{GIN}GINameBag/{GIN}GINameText")
        zh = next((n for n in names if _lang(n).startswith("zh")), names[0] if names else None)
        translations = data.findall(f"{GIN}GINameBag/{GIN}GINameTranslationText")
        en_el = next((t for t in translations if _lang(t) == "en"), None)
        if en_el is None:
            en_el = next((n for n in names if _lang(n) == "en" and n is not zh), None)
        app_no = _text(data.find(f"{COM}ApplicationNumber/{COM}ApplicationNumberText"))
        reg_no = _text(data.find(f"{COM}RegistrationNumber"))
        reg_date = _text(data.find(f"{COM}RegistrationDate"))
        pub_id = _text(data.find(f".//{GIN}GIPublication/{COM}PublicationIdentifier"))
        pub_date = _text(data.find(f".//{GIN}GIPublication/{COM}PublicationDate"))
        app_date = _text(data.find(f"{COM}ApplicationDate"))
        regions = [_text(r) for r in data.iter(f"{GIN}GeographicRegionDescriptionText")]
        classes = [_text(c) for c in data.iter(f"{TMK}ClassNumber")]
        note_parts = []
        if app_no:
            note_parts.append(f"申请号 / application no. {app_no}" + (f" ({app_date})" if app_date else ""))
        if pub_id:
            note_parts.append(f"公告 / publication {pub_id}" + (f" ({pub_date})" if pub_date else ""))
        if classes:
            note_parts.append("尼斯分类 / Nice classes " + ", ".join(dict.fromkeys(classes)))
        office = data.get(f"{COM}officeCode", "")
        if office:
            note_parts.append(f"主管局 / office {office}")
        yield RawRow("gi", file, number, {
            "kind": _gi_kind(_text(data.find(f"{GIN}GICategory"))),
            "name": _text(zh),
            "name_en": _text(en_el),
            "holder": "; ".join(applicants),
            "tm_reg_no": "",
            "announcement_no": reg_no,
            "registered_on": reg_date,
            "area_text": "; ".join(r for r in regions if r),
            "status": "pending" if is_application and not reg_date else "protected",
            "note": "; ".join(note_parts),
            "as_of": pub_date or reg_date or app_date,
        }, where=where)


_MARK_KIND = {"collective": "collective", "certification": "certification"}


def parse_trademark_document(root: Element, file: str, where: str = "") -> Iterator[RawRow]:
    marks = [root] if root.tag == f"{TMK}Trademark" else list(root.iter(f"{TMK}Trademark"))
    number = 0
    for tm in marks:
        reg_no = _text(tm.find(f"{COM}RegistrationNumber"))
        app_no = _text(tm.find(f"{COM}ApplicationNumber/{COM}ApplicationNumberText"))
        verbal = _text(tm.find(f".//{TMK}MarkVerbalElementText"))
        category = _text(tm.find(f"{TMK}MarkCategory")).lower()
        kind = next((v for k, v in _MARK_KIND.items() if k in category), "ordinary")
        owners = _party_names(tm, f"{TMK}ApplicantBag/{TMK}Applicant")
        address = _text(tm.find(f"{TMK}ApplicantBag/{TMK}Applicant//{COM}PostalAddressText")) or _text(
            tm.find(f"{TMK}ApplicantBag/{TMK}Applicant//{COM}AddressLineText"))
        status = _text(tm.find(f"{TMK}MarkCurrentStatusCode")).lower()
        goods_by_class: dict[str, list[str]] = {}
        for desc in tm.iter(f"{TMK}ClassDescription"):
            cls = _text(desc.find(f"{TMK}ClassNumber"))
            goods_by_class.setdefault(cls.lstrip("0"), []).extend(
                _text(g) for g in desc.iter(f"{TMK}GoodsServicesDescriptionText"))
        classes: list[str] = []
        for c in tm.iter(f"{TMK}GoodsServicesClassification"):
            if _text(c.find(f"{TMK}ClassificationKindCode")).lower() in ("nice", "primary"):
                num = _text(c.find(f"{TMK}ClassNumber"))
                if num and num.lstrip("0") not in [x.lstrip("0") for x in classes]:
                    classes.append(num)
        classes = classes or list(goods_by_class) or [""]
        for cls in classes:
            number += 1
            goods = goods_by_class.get(cls.lstrip("0"), [])
            yield RawRow("trademark", file, number, {
                "reg_no": reg_no or app_no,
                "mark_text": verbal,
                "nice_class": re.sub(r"^0+(?=\d)", "", cls),
                "goods": "; ".join(g for g in goods if g),
                "owner": "; ".join(owners[:1]),
                "owner_address": address,
                "kind": kind,
                "status": status or ("registered" if reg_no else "pending"),
                "filing_date": _text(tm.find(f"{COM}ApplicationDate")),
                "reg_date": _text(tm.find(f"{COM}RegistrationDate")),
                "expiry_date": _text(tm.find(f"{COM}ExpiryDate")),
                "as_of": _text(tm.find(f"{TMK}MarkCurrentStatusDate")) or _text(tm.find(f"{COM}RegistrationDate")),
            }, where=where)
