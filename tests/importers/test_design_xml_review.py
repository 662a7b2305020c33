"""Review of the CNIPA XML design path (5ac5498, DesignBibliographicData and ClassificationLocarno) and of
the widened `normalize_locarno` (2d279c0). Each test fails before its fix: a form WIPO recommends refused, a
decimal read as a Locarno class that does not exist, a design hidden by an empty BibliographicData, and
schema-valid names of a design's parties lost or read in the wrong language. Synthetic documents, built
here as tests/importers/conftest.py builds them, imported through the real importer into a real store."""

from __future__ import annotations

from pathlib import Path

import pytest

from ipdesk.domain.codes import normalize_locarno
from tests.importers.conftest import SYNTH, cnipa_design_xml

_MAIN = "<business:MainClassification>09-05</business:MainClassification>"
_DESIGNER_2 = '<business:Designer sequence="2"><base:AddressBook lang="zh"><base:Name>测试戊</base:Name></base:AddressBook></business:Designer>'
_APPLICANT_BOOK = (f'<base:AddressBook lang="zh"><base:Name>{SYNTH}包装公司1</base:Name>\n'
                   '        <base:Address><base:Text>310000 浙江省杭州市西湖区某路1号</base:Text></base:Address></base:AddressBook>')


def _design(tmp_path: Path, xml: str, name: str = "design.xml") -> Path:
    path = tmp_path / name
    path.write_text(xml, encoding="utf-8")
    return path


def _stored(importer, path: Path) -> dict[str, object]:  # type: ignore[no-untyped-def]
    preview = importer.stage([path])
    assert [(e.column, e.value, e.why_en) for e in preview.errors] == [] and preview.total("new") == 1
    importer.commit(preview)
    with importer.db.engine.connect() as conn:
        row = conn.exec_driver_sql(
            "SELECT pub_no, kind, title, applicants, inventors, ipc_codes, abstract FROM patent").one()
    return dict(zip(("pub_no", "kind", "title", "applicants", "inventors", "ipc_codes", "abstract"), row, strict=True))


def test_several_subclasses_of_one_class_written_as_wipo_recommends_are_read(tmp_path: Path, importer) -> None:  # type: ignore[no-untyped-def]
    """The Locarno Committee's recommendation (WIPO): classes separated by semicolons, subclasses of one class
    by commas — 'LOC (14) Cl. 08-05, 08; 11-01' is 08-05, 08-08 and 11-01. `_locarno_from` splits the
    <base:Text> on the comma too, so '08' stands alone and the whole design is refused ('unknown class 08')."""
    path = _design(tmp_path, cnipa_design_xml(1, locarno="<base:EditionStatement>14</base:EditionStatement>"
                                                         "<base:Text>LOC(14) Cl. 08-05, 08; 11-01</base:Text>").decode())
    assert _stored(importer, path)["ipc_codes"] == "08-05 08-08 11-01"


@pytest.mark.parametrize("text", ["1.00", "5.00", "10.00", "12.00"])
def test_a_number_with_two_decimals_is_not_a_locarno_class(text: str) -> None:
    """The dot form reads any 'n.00' (a price, a quantity, a number column formatted with two decimals) as
    class n, subclass 00; but only an undivided class (32-00) has a subclass 00: 01-00, 05-00, 10-00, 12-00
    are no Locarno classes, and would be stored and shown as 'LOC 10-00' without a word."""
    assert normalize_locarno(text) is None


def test_an_empty_bibliographic_data_beside_a_designs_does_not_hide_it(tmp_path: Path, importer) -> None:  # type: ignore[no-untyped-def]
    """The schema allows both (PatentDocumentAndRelated: BibliographicData?, DesignBibliographicData?). An empty
    <business:BibliographicData/> before a design's full one makes the reader look only in the empty one:
    the design is refused as having no title ('required value is missing')."""
    xml = cnipa_design_xml(1, locarno=_MAIN).decode().replace(
        "<business:DesignBibliographicData>", "<business:BibliographicData/>\n  <business:DesignBibliographicData>")
    stored = _stored(importer, _design(tmp_path, xml))
    assert (stored["pub_no"], stored["kind"], stored["title"], stored["ipc_codes"]) == (
        "CN999000001S", "design", f"{SYNTH}包装盒1", "09-05")


def test_a_designer_named_by_family_and_given_name_is_kept(tmp_path: Path, importer) -> None:  # type: ignore[no-untyped-def]
    """AddressBookType lets a name be LastName + FirstName instead of Name; such a designer is dropped
    silently (inventors '测试丁' only)."""
    xml = cnipa_design_xml(1, locarno=_MAIN).decode().replace(_DESIGNER_2, (
        '<business:Designer sequence="2"><base:AddressBook lang="zh"><base:LastName>测试</base:LastName>'
        "<base:FirstName>戊</base:FirstName></base:AddressBook></business:Designer>"))
    inventors = str(_stored(importer, _design(tmp_path, xml))["inventors"]).split("; ")
    assert len(inventors) == 2 and "测试" in inventors[1] and "戊" in inventors[1]


def test_an_applicant_named_without_an_address_book_is_kept(tmp_path: Path, importer) -> None:  # type: ignore[no-untyped-def]
    """ApplicantType: base:Name (then OrganizationCode) or AddressBooks. A designer so named is read (the
    commit added `or _text(inv.find(Name))`), an applicant so named is skipped: the design has no applicant."""
    xml = cnipa_design_xml(1, locarno=_MAIN).decode().replace(
        _APPLICANT_BOOK, f"<base:Name>{SYNTH}包装公司1</base:Name><business:OrganizationCode>0</business:OrganizationCode>")
    assert f"{SYNTH}包装公司1" in xml
    assert _stored(importer, _design(tmp_path, xml))["applicants"] == f"{SYNTH}包装公司1"


def test_a_designers_chinese_name_is_kept_when_an_english_address_book_comes_first(tmp_path: Path, importer) -> None:  # type: ignore[no-untyped-def]
    """DesignerType allows several AddressBooks (one per language). The title prefers lang zh; a designer's
    name is taken from the first AddressBook whatever its language, so 'CESHI Wu' is stored for 测试戊."""
    xml = cnipa_design_xml(1, locarno=_MAIN).decode().replace(_DESIGNER_2, (
        '<business:Designer sequence="2"><base:AddressBook lang="en"><base:Name>CESHI Wu</base:Name></base:AddressBook>'
        '<base:AddressBook lang="zh"><base:Name>测试戊</base:Name></base:AddressBook></business:Designer>'))
    assert _stored(importer, _design(tmp_path, xml))["inventors"] == "测试丁; 测试戊"


def test_a_designs_brief_explanation_is_kept_where_an_inventions_abstract_is(tmp_path: Path, importer) -> None:  # type: ignore[no-untyped-def]
    """A design has no Abstract; its text is the DesignBriefExplanation (外观设计简要说明: the product's name,
    use and design points), a sibling of DesignBibliographicData. It is not read: a design from XML has no
    text to search by, where a list's 摘要 column gives one."""
    xml = cnipa_design_xml(1, locarno=_MAIN).decode().replace("</business:PatentDocumentAndRelated>", (
        '<business:DesignBriefExplanation lang="zh"><base:Paragraphs num="0001">1．本外观设计产品的名称：合成测试包装盒。'
        "</base:Paragraphs><base:Paragraphs num=\"0002\">2．本外观设计产品的用途：用于包装。</base:Paragraphs>"
        "</business:DesignBriefExplanation>\n</business:PatentDocumentAndRelated>"))
    abstract = str(_stored(importer, _design(tmp_path, xml))["abstract"])
    assert "本外观设计产品的名称" in abstract and "用于包装" in abstract
