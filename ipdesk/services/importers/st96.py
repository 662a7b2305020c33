"""WIPO ST.96 XML: geographical indications (GIApplication and other GI documents) and trademarks
(TrademarkApplication, TrademarkBag …).

ST.96 is namespaced by subject (Common, Trademark, GeographicalIndication); any document whose root
is in the GI or trademark namespace is read by finding its GIData / Trademark elements, so the
application, registration and transaction documents of the same standard all work.

Trademarks and GIs are territorial: only the records of CNIPA (office code CN) are Chinese rights. A
record the file says belongs to another office (a USPTO registration, a French GI application) is
never imported: as a Chinese registration it would replace the Chinese mark with the same number
and bar a brand in the brand check, and a foreign GI application would read as a Chinese GI
product. Staging lists such records as not imported, with the office and the reason
(`foreign_office_error`), and imports the rest of the file. A record that names no office is read
as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from xml.etree.ElementTree import Element

from ipdesk.domain.i18n import Text
from ipdesk.services.importers.rows import RawRow, RowError
from ipdesk.services.importers.templates import TEMPLATES

ST96 = "http://www.wipo.int/standards/XMLSchema/ST96/"
COM = f"{{{ST96}Common}}"
TMK = f"{{{ST96}Trademark}}"
GIN = f"{{{ST96}GeographicalIndication}}"


CNIPA = "CN"
# Offices (WIPO ST.3 codes) named in words; any other is named by its code alone.
_OFFICE_NAMES = {
    "US": Text("美国", "the United States"), "EU": Text("欧盟", "the European Union"),
    "EM": Text("欧盟", "the European Union"), "FR": Text("法国", "France"), "DE": Text("德国", "Germany"),
    "GB": Text("英国", "the United Kingdom"), "IT": Text("意大利", "Italy"), "ES": Text("西班牙", "Spain"),
    "CH": Text("瑞士", "Switzerland"), "JP": Text("日本", "Japan"), "KR": Text("韩国", "South Korea"),
    "AU": Text("澳大利亚", "Australia"), "CA": Text("加拿大", "Canada"), "RU": Text("俄罗斯", "Russia"),
    "IN": Text("印度", "India"), "HK": Text("中国香港", "Hong Kong, China"), "MO": Text("中国澳门", "Macao, China"),
    "TW": Text("中国台湾", "Taiwan, China"), "WO": Text("世界知识产权组织国际局", "WIPO's International Bureau"),
    "IB": Text("世界知识产权组织国际局", "WIPO's International Bureau"),
}


def office_name(code: str) -> Text:
    """'美国（US）' / 'the United States (US)'; an office not in the table as 'another country or region (XY)'."""
    name = _OFFICE_NAMES.get(code) or Text("其他国家或地区", "another country or region")
    return Text(f"{name.zh}（{code}）", f"{name.en} ({code})")


def _office(code: str) -> str:
    return " ".join(code.split()).upper()


def is_foreign(office: str) -> bool:
    """Whether a record the file says belongs to `office` is another office's than CNIPA's."""
    return bool(office) and office != CNIPA


def foreign_office_error(raw: RawRow) -> RowError | None:
    """Why a record of another office is not imported, or None for CNIPA's (or one naming no office)."""
    if not is_foreign(raw.office):
        return None
    place = office_name(raw.office)
    if raw.kind == "trademark":
        column, value = TEMPLATES["trademark"].column("reg_no").zh, str(raw.values.get("reg_no", ""))
        return RowError(
            raw.file, raw.row, column, value,
            f"这是{place.zh}的商标主管机关登记的商标，不是国家知识产权局的中国商标。商标权有地域性：它在中国不受保护，"
            "也不妨碍在中国申请注册，因此不导入",
            f"this trademark belongs to the office of {place.en}, not to CNIPA (China). Trademark rights are "
            "territorial: it is not protected in China and does not bar an application there, so it is not "
            "imported", raw.where)
    pending = raw.values.get("status") == "pending"
    what_zh = "受理的地理标志申请" if pending else "登记的地理标志"
    what_en = "GI application filed with" if pending else "GI registered by"
    return RowError(
        raw.file, raw.row, TEMPLATES["gi"].column("name").zh, str(raw.values.get("name", "")),
        f"这是{place.zh}的主管机关{what_zh}，不是在中国受保护的地理标志，因此不导入。在中国受保护的外国地理标志"
        "（如中欧地理标志协定清单中的）以国家知识产权局的公告为准",
        f"this is a {what_en} the office of {place.en}, not a GI protected in China, so it is not imported. "
        "Which foreign GIs are protected in China (such as those of the EU–China agreement) is what CNIPA's "
        "announcements say", raw.where)


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
        office = _office(data.get(f"{COM}officeCode", "") or _text(data.find(f"{COM}IPOfficeCode"))
                         or _text(data.find(f"{COM}ApplicationNumber/{COM}IPOfficeCode")))
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
        }, where=where, office=office)


_MARK_KIND = {"collective": "collective", "certification": "certification"}


def parse_trademark_document(root: Element, file: str, where: str = "") -> Iterator[RawRow]:
    marks = [root] if root.tag == f"{TMK}Trademark" else list(root.iter(f"{TMK}Trademark"))
    number = 0
    for tm in marks:
        office = _office(_text(tm.find(f"{COM}RegistrationOfficeCode"))
                         or _text(tm.find(f"{COM}ApplicationNumber/{COM}IPOfficeCode")))
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
            }, where=where, office=office)
