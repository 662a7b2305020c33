"""Broken and hostile files: each is refused with a clear message (exit 2) or its rows rejected
(exit 1); the store is never touched. Nothing raises anything but the typed errors."""

from __future__ import annotations

import datetime as dt
import os
import threading
import zipfile
from pathlib import Path

import pytest

from ipdesk.services.importers import Importer, ImportFileError, ImportRejected, Limits
from tests.importers.conftest import PATENT_HEADER, cnipa_new_xml, counts, patent_rows, write_csv, write_xlsx
from tests.zips import patched_zip

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<cn-patent-document>&lol3;</cn-patent-document>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><cn-patent-document>&xxe;</cn-patent-document>"""
PARAM_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE d [<!ENTITY % p SYSTEM "http://127.0.0.1:9/evil.dtd"> %p;]><cn-patent-document/>"""


def _refused(importer: Importer, path: Path, reason: str) -> ImportFileError:
    with pytest.raises(ImportFileError) as info:
        importer.stage([path])
    assert info.value.reason == reason, info.value.en
    assert info.value.exit_code == 2
    assert path.name in info.value.message("zh_CN") and path.name in info.value.message("en")
    return info.value


@pytest.mark.parametrize(("content", "reason"), [
    (BILLION_LAUGHS, "hostile"),
    (EXTERNAL_ENTITY, "hostile"),
    (PARAM_ENTITY, "hostile"),
    (cnipa_new_xml(1)[:700], "malformed"),  # truncated
    (b'<?xml version="1.0"?><html><body>not a patent</body></html>', "wrong_format"),
    (b"<?xml version='1.0'?><a><b></a>", "malformed"),
])
def test_hostile_and_broken_xml(tmp_path: Path, importer, services, content: bytes, reason: str) -> None:  # type: ignore[no-untyped-def]
    before = counts(services)
    f = tmp_path / "x.xml"
    f.write_bytes(content)
    err = _refused(importer, f, reason)
    if reason == "hostile":
        assert "实体" in err.zh and "entit" in err.en
    assert counts(services) == before


def test_zip_bomb_xlsx_is_refused_without_unpacking(tmp_path: Path, importer) -> None:  # type: ignore[no-untyped-def]
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"\0" * (16 * 1024 * 1024))  # 16 MiB of zeros, ~16 KiB packed
    assert bomb.stat().st_size < 1024 * 1024
    err = _refused(importer, bomb, "hostile")
    assert "炸弹" in err.zh


def test_size_caps(tmp_path: Path, services) -> None:  # type: ignore[no-untyped-def]
    small = Importer(services.db, Limits(max_xml_bytes=1000, max_text_bytes=1000, max_unpacked_bytes=10_000))
    big_xml = tmp_path / "big.xml"
    big_xml.write_bytes(cnipa_new_xml(1))
    _refused(small, big_xml, "too_large")
    big_csv = write_csv(tmp_path / "big.csv", PATENT_HEADER, patent_rows(100))
    _refused(small, big_csv, "too_large")


def test_damaged_xlsx_and_unknown_type(tmp_path: Path, importer) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 this is not really a zip")
    _refused(importer, bad, "malformed")
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    _refused(importer, pdf, "wrong_format")


def test_encodings_bom_gbk_and_refusals(tmp_path: Path, importer) -> None:  # type: ignore[no-untyped-def]
    rows = list(patent_rows(3))
    bom = write_csv(tmp_path / "bom.csv", PATENT_HEADER, rows, encoding="utf-8-sig")
    gbk = write_csv(tmp_path / "gbk.csv", PATENT_HEADER, rows, encoding="gbk")
    for path, label in ((bom, "UTF-8 (BOM)"), (gbk, "GB18030")):
        preview = importer.stage([path])
        assert preview.counts["patent"]["new"] == 3 and preview.error_count == 0
        assert any(label in n.en for n in preview.notices), [n.en for n in preview.notices]
        assert preview.changes()[0]["title"].startswith("合成测试果树")  # decoded, not mojibake
        preview.discard()
    utf16 = write_csv(tmp_path / "u16.csv", PATENT_HEADER, rows, encoding="utf-16")
    assert "UTF-16" in _refused(importer, utf16, "encoding").en
    mixed = tmp_path / "mixed.csv"
    mixed.write_bytes(",".join(PATENT_HEADER).encode() + b"\n" + "合成".encode("gbk") + b"\xff\xfe\xfd,x\n")
    _refused(importer, mixed, "encoding")


def test_1904_workbook_dates_are_converted_and_reported(tmp_path: Path, importer, services) -> None:  # type: ignore[no-untyped-def]
    header = ["公开号", "名称", "申请日"]
    path = write_xlsx(tmp_path / "mac.xlsx", header, [["CN999000001A", "合成测试1904", dt.date(2099, 1, 2)]],
                      date1904=True, text_cols=(0,))
    preview = importer.stage([path])
    assert any("1904" in n.en for n in preview.notices)
    assert preview.error_count == 0
    importer.commit(preview)
    from ipdesk.services.models import Patent

    with services.db.session() as s:
        assert s.query(Patent).one().filing_date == dt.date(2099, 1, 2)


def test_a_similar_group_of_another_class_is_refused(tmp_path: Path, importer) -> None:  # type: ignore[no-untyped-def]
    """QA: group 3400 (class 34's) on a class-30 mark was taken, and the brand check then called the identical
    mark "another group: usually not similar"."""
    tm = write_xlsx(tmp_path / "tm.xlsx", ["注册号", "商标", "类别", "类似群"], [
        ["99000011", "合成测试甲", 30, "3008 3400"],
        ["99000012", "合成测试乙", 1, "0101"],  # class 1's groups begin with 01
        ["99000013", "合成测试丙", 30, "3004"],
        ["99000014", "合成测试丁", "０３０", "3004"],  # full-width, a leading zero (QA: refused as no class)
    ])
    preview = importer.stage([tm])
    errors = {(e.row, e.column): e for e in preview.errors}
    assert set(errors) == {(2, "类似群")}
    assert "3400" in errors[(2, "类似群")].why_en and "class 30" in errors[(2, "类似群")].why_en
    assert "不属于第30类" in errors[(2, "类似群")].why_zh
    assert preview.total("new") == 3 and preview.total("rejected") == 1


def test_numbers_as_identifiers_are_reported_not_guessed(tmp_path: Path, importer, services) -> None:  # type: ignore[no-untyped-def]
    before = counts(services)
    tm = write_xlsx(tmp_path / "tm.xlsx", ["注册号", "商标", "类别", "类似群", "地区代码"], [
        [99000001, "合成测试甲", 30, "3002", "330106"],  # a whole number: accepted, reported as a notice
        [9.9e15, "合成测试乙", 30, "3002", ""],  # beyond 15 digits: precision lost
        ["99000003", "合成测试丙", 30, 101, ""],  # similar group 0101 that lost its zero
        ["99000004", "合成测试丁", 46, "3002", "999999"],  # no class 46, no division 999999
    ])
    pat = write_xlsx(tmp_path / "pat.xlsx", ["公开号", "申请号", "名称", "申请日"], [
        ["CN999000001A", 209910000001.5, "合成测试", 44561],  # app no as a number, date as a serial
        ["1.02E+14", "", "合成测试", ""],
    ])
    preview = importer.stage([tm, pat])
    errors = {(e.file, e.row, e.column): e for e in preview.errors}
    assert ("tm.xlsx", 2, "注册号") not in errors
    assert any("stored as numbers" in n.en and "注册号" in n.zh for n in preview.notices)
    assert "15" in errors[("tm.xlsx", 3, "注册号")].why_en
    assert "leading zero" in errors[("tm.xlsx", 4, "类似群")].why_en
    assert ("tm.xlsx", 5, "类别") in errors and ("tm.xlsx", 5, "地区代码") in errors
    assert errors[("tm.xlsx", 5, "地区代码")].value == "999999"
    assert "number" in errors[("pat.xlsx", 2, "申请号")].why_en
    assert "serial" in errors[("pat.xlsx", 2, "申请日")].why_en
    assert "scientific" in errors[("pat.xlsx", 3, "公开号")].why_en
    assert preview.total("rejected") == 5 and preview.total("new") == 1
    with pytest.raises(ImportRejected):
        importer.commit(preview)
    assert counts(services) == before


def test_duplicate_keys_within_the_import(tmp_path: Path, importer, services) -> None:  # type: ignore[no-untyped-def]
    rows = list(patent_rows(3))
    rows.append(list(rows[1]))
    changed = list(rows[0])
    changed[2] = "合成测试另一名称"
    a = write_csv(tmp_path / "a.csv", PATENT_HEADER, rows)
    b = write_csv(tmp_path / "b.csv", PATENT_HEADER, [changed])
    preview = importer.stage([a, b])
    dups = [e for e in preview.errors if "duplicate" in e.why_en or "the same as" in e.why_en]
    assert [(e.file, e.row) for e in dups] == [("a.csv", 5), ("b.csv", 2)]
    # the first row is named as the row itself is (第 3 行 / row 3, not "#3"); an identical row says so
    assert "a.csv row 3" in dups[0].why_en and "#" not in dups[0].why_en and "delete one" in dups[0].why_en
    assert "a.csv 第 3 行完全相同" in dups[0].why_zh
    assert dups[1].why_zh == "与 a.csv 第 2 行重复（公开号相同）" and dups[1].why_en.startswith("duplicate of a.csv row 2")
    assert preview.total("rejected") == 2 and not preview.can_commit
    preview.discard()


def test_gi_number_given_twice_and_missing_required(tmp_path: Path, importer) -> None:  # type: ignore[no-untyped-def]
    path = write_csv(tmp_path / "gi.csv", ["名称", "登记证书编号", "保护范围代码"], [
        ["合成测试甲", "AGI99901", "330106"],
        ["合成测试乙", "AGI99901", "330106 330110"],
        ["", "AGI99902", ""],
        ["合成测试丙", "AGI9", ""],
    ])
    preview = importer.stage([path])
    why = {(e.row, e.column): e.why_en for e in preview.errors}
    assert "also given" in why[(3, "登记证书编号")]
    assert "required" in why[(4, "名称")]
    assert "AGI" in why[(5, "登记证书编号")]
    assert preview.counts["gi"] == {"new": 1, "changed": 0, "unchanged": 0, "rejected": 3}
    preview.discard()


def test_gi_number_that_belongs_to_another_gi_in_the_store(tmp_path: Path, importer, services) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from ipdesk.services.models import GeoIndication

    with services.db.session() as s:
        real = s.execute(select(GeoIndication.name, GeoIndication.agi_no).where(GeoIndication.agi_no != "")).first()
    assert real is not None
    path = write_csv(tmp_path / "gi.csv", ["类型", "名称", "登记证书编号"], [
        ["农产品地理标志", "合成测试重号", real.agi_no],
    ])
    preview = importer.stage([path])
    assert [(e.row, e.column) for e in preview.errors] == [(2, "登记证书编号")]
    assert real.name in preview.errors[0].why_en and "database" in preview.errors[0].why_en
    assert preview.counts["gi"]["rejected"] == 1
    preview.discard()
    same = write_csv(tmp_path / "same.csv", ["类型", "名称", "登记证书编号"],
                     [["农产品地理标志", real.name, real.agi_no]])
    preview = importer.stage([same])
    assert preview.total("rejected") == 0
    preview.discard()


def test_a_file_with_only_a_header_has_nothing_to_import(tmp_path: Path, importer, services, data_dir: Path,  # type: ignore[no-untyped-def]
                                                         monkeypatch, capsys) -> None:
    from ipdesk.cli import main
    from ipdesk.services.importers.templates import export_template

    before = counts(services)
    header_only = write_csv(tmp_path / "header.csv", PATENT_HEADER, [])
    blank_template = export_template("gi", tmp_path / "blank.xlsx")  # header row and 999 empty text-formatted rows
    for path in (header_only, blank_template):
        err = _refused(importer, path, "empty")
        assert "没有数据行" in err.zh and "no data rows" in err.en
    assert counts(services) == before
    monkeypatch.setenv("IPDESK_DATA_DIR", str(data_dir))
    assert main(["--data-dir", str(data_dir), "import", str(header_only)]) == 2
    captured = capsys.readouterr()
    assert "header.csv" in captured.err and "没有数据行" in captured.err and "已全部合并" not in captured.out
    assert main(["--data-dir", str(data_dir), "--lang", "en", "import", str(blank_template), "--json"]) == 2
    assert '"reason": "empty"' in capsys.readouterr().out


def _declared(xml: bytes, encoding: str) -> bytes:
    """A sample document re-encoded into `encoding`, its declaration saying so (as older CNIPA files are)."""
    text = xml.decode("utf-8").lstrip("\ufeff")
    for declared in ('encoding="UTF-8"', 'encoding="utf-8"'):
        text = text.replace(declared, f'encoding="{encoding}"', 1)
    assert f'encoding="{encoding}"' in text.splitlines()[0]
    return text.encode(encoding)


@pytest.mark.parametrize("encoding", ["GBK", "gb2312", "GB18030"])
def test_gbk_declared_xml_is_transcoded_and_read(tmp_path: Path, importer, services, encoding: str) -> None:  # type: ignore[no-untyped-def]
    from tests.importers.conftest import cnipa_old_xml

    old = tmp_path / "old.xml"
    old.write_bytes(_declared(cnipa_old_xml(41), encoding))
    new = tmp_path / "new.xml"
    new.write_bytes(_declared(cnipa_new_xml(42), encoding))
    assert "合成测试".encode() not in old.read_bytes()  # really not UTF-8
    with zipfile.ZipFile(tmp_path / "gbk.zip", "w") as zf:  # inside a ZIP too
        zf.writestr("docs/43.xml", _declared(cnipa_new_xml(43), encoding))
    preview = importer.stage([old, new, tmp_path / "gbk.zip"])
    assert preview.errors == [] and preview.counts["patent"]["new"] == 3
    titles = {r["key"]: r["title"] for r in preview.changes()}
    assert titles["CN999000041U"] == "合成测试一种茶叶采摘器41"  # decoded, not mojibake
    assert titles["CN999000042A"] == "合成测试水稻育秧方法42"
    importer.commit(preview)
    assert any(h.title == "合成测试水稻育秧方法42" for h in services.search.search("水稻育秧").hits)


def test_declared_encodings_that_do_not_hold_are_refused_plainly(tmp_path: Path, importer) -> None:  # type: ignore[no-untyped-def]
    bad_bytes = tmp_path / "bad.xml"
    bad_bytes.write_bytes(_declared(cnipa_new_xml(44), "GBK").replace("水稻".encode("gbk"), b"\xff\xff", 1))
    err = _refused(importer, bad_bytes, "encoding")
    assert "GBK" in err.zh and "不是有效的" in err.zh and "not valid GBK" in err.en
    unknown = tmp_path / "unknown.xml"
    unknown.write_bytes(b'<?xml version="1.0" encoding="x-no-such-code"?><cn-patent-document/>')
    assert "x-no-such-code" in _refused(importer, unknown, "encoding").zh
    # transcoding keeps every safety check: an entity bomb declared GBK is still refused as hostile
    bomb = tmp_path / "bomb.xml"
    bomb.write_bytes(BILLION_LAUGHS.replace(b'<?xml version="1.0"?>', b'<?xml version="1.0" encoding="GBK"?>'))
    err = _refused(importer, bomb, "hostile")
    assert "EntitiesForbidden" not in err.message("zh_CN") and "EntitiesForbidden" in err.detail


def test_parser_text_stays_out_of_the_message(tmp_path: Path, importer) -> None:  # type: ignore[no-untyped-def]
    """Technical text (Python's csv, zipfile, defusedxml) goes to the log, not into the sentence a person reads."""
    unclosed = tmp_path / "quote.csv"
    unclosed.write_text(",".join(PATENT_HEADER) + '\nCN999000051A,"' + "合成测试" * 40_000 + "\n", encoding="utf-8")
    err = _refused(importer, unclosed, "malformed")
    assert "引号" in err.zh and "quote" in err.en
    assert "field limit" not in err.message("zh_CN") + err.message("en") and "field limit" in err.detail
    not_zip = tmp_path / "renamed.xlsx"
    not_zip.write_text("合成测试,不是表格", encoding="utf-8")
    err = _refused(importer, not_zip, "malformed")
    assert "zip file" not in err.message("zh_CN") and "zip file" in err.detail


def test_a_cnipa_document_in_another_namespace_is_named_as_such(tmp_path: Path, importer, services) -> None:  # type: ignore[no-untyped-def]
    """QA 18c N9: "不认识的 XML 文档类型 <PatentDocumentAndRelated>" named the very tag expected."""
    before = counts(services)
    f = tmp_path / "edited.xml"
    f.write_bytes(cnipa_new_xml(1).replace(b"http://www.sipo.gov.cn/XMLSchema/business", b"http://example.org/business"))
    err = _refused(importer, f, "wrong_format")
    assert "命名空间" in err.zh and "http://example.org/business" in err.zh and "国家知识产权局" in err.zh
    assert "http://www.sipo.gov.cn/XMLSchema/business" in err.zh and "不认识" not in err.zh
    assert "namespace http://example.org/business, not CNIPA's" in err.en
    f.write_bytes(b'<?xml version="1.0"?><tmk:TrademarkBag xmlns:tmk="urn:example:tm"/>')
    assert "WIPO ST.96" in _refused(importer, f, "wrong_format").zh
    assert counts(services) == before


def test_a_zip_inside_a_zip_is_named_with_what_to_do(tmp_path: Path, importer, services) -> None:  # type: ignore[no-untyped-def]
    """QA 18c N9: a download packed twice said only "the archive holds no XML files"."""
    inner = tmp_path / "week.zip"
    with zipfile.ZipFile(inner, "w") as zf:
        zf.writestr("1.xml", cnipa_new_xml(1))
    outer = tmp_path / "download.zip"
    with zipfile.ZipFile(outer, "w") as zf:
        zf.write(inner, "week.zip")
    err = _refused(importer, outer, "wrong_format")
    assert "week.zip" in err.zh and "请先把它解压出来" in err.zh
    assert "only another ZIP (week.zip): unpack it first" in err.en
    folder = tmp_path / "stick"  # in a folder: skipped, and said why
    folder.mkdir()
    outer.rename(folder / "download.zip")
    (folder / "2.xml").write_bytes(cnipa_new_xml(2))
    preview = importer.stage([folder])
    assert preview.counts["patent"]["new"] == 1
    assert any("download.zip" in n.zh and "week.zip" in n.zh and "解压" in n.zh for n in preview.notices)
    preview.discard()
    plain = tmp_path / "pictures.zip"  # no ZIP inside: as before
    with zipfile.ZipFile(plain, "w") as zf:
        zf.writestr("a.png", b"synthetic")
    assert _refused(importer, plain, "wrong_format").zh.endswith("压缩包里没有 XML 文件。")


def test_a_zip_inside_a_zip_beside_xml_is_said_not_dropped(tmp_path: Path, importer) -> None:  # type: ignore[no-untyped-def]
    """QA: the inner ZIP's documents were lost without a word when the outer one also held XML."""
    inner = tmp_path / "week.zip"
    with zipfile.ZipFile(inner, "w") as zf:
        zf.writestr("2.xml", cnipa_new_xml(2))
    outer = tmp_path / "download.zip"
    with zipfile.ZipFile(outer, "w") as zf:
        zf.writestr("1.xml", cnipa_new_xml(1))
        zf.write(inner, "sub/week.zip")
    preview = importer.stage([outer])
    assert preview.counts["patent"]["new"] == 1
    assert any("sub/week.zip" in n.zh and "未读取" in n.zh and "not read" in n.en for n in preview.notices)
    preview.discard()


def test_what_macos_adds_is_not_read(tmp_path: Path, importer) -> None:  # type: ignore[no-untyped-def]
    """QA: a ZIP made on a Mac (__MACOSX/…/._1.xml) or a stick it wrote (._1.xml) failed as an incomplete XML."""
    made = tmp_path / "mac.zip"
    with zipfile.ZipFile(made, "w") as zf:
        zf.writestr("a/1.xml", cnipa_new_xml(1))
        zf.writestr("__MACOSX/a/._1.xml", b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        ")
        zf.writestr("a/.DS_Store", b"\x00\x00\x00\x01Bud1")
    preview = importer.stage([made])
    assert preview.counts["patent"]["new"] == 1 and not preview.errors
    preview.discard()
    stick = tmp_path / "stick"
    stick.mkdir()
    (stick / "1.xml").write_bytes(cnipa_new_xml(1))
    (stick / "._1.xml").write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        ")
    preview = importer.stage([stick])
    assert preview.counts["patent"]["new"] == 1 and not preview.errors
    assert not any("._1.xml" in n.zh for n in preview.notices)
    preview.discard()


def test_the_error_list_keeps_formulas_and_control_characters_as_text(tmp_path: Path, importer) -> None:  # type: ignore[no-untyped-def]
    """QA 22b: a rejected value "=HYPERLINK(…)" was written as a live formula (openpyxl stores text that
    starts with "=" as one), and a control character in a value made the whole list fail to save."""
    from openpyxl import load_workbook

    from ipdesk.services.importers.staging import export_errors

    rows = list(patent_rows(3))
    rows[0][0] = '=HYPERLINK("http://127.0.0.1:9/x","点这里")'
    rows[1][6] = "+1+1"
    rows[2][0] = "CN99\x07000001A"
    rows.append(["CN99\uffff000002A", *rows[2][1:]])  # U+FFFF is valid UTF-8 and no XML character either
    bad = write_csv(tmp_path / "=bad.csv", PATENT_HEADER, rows)
    preview = importer.stage([bad])
    assert len(preview.errors) == 4
    out = export_errors(preview.errors, tmp_path / "errors.xlsx", "en")
    ws = load_workbook(out).worksheets[0]
    cells = {ws.cell(row=r, column=5).value: ws.cell(row=r, column=5) for r in range(2, 6)}
    formula = cells['=HYPERLINK("http://127.0.0.1:9/x","点这里")']
    assert formula.data_type == "s" and formula.quotePrefix
    assert cells["+1+1"].data_type == "s" and cells["+1+1"].quotePrefix
    assert "CN99\\x07000001A" in cells and "CN99\\uffff000002A" in cells  # shown as its code, not dropped
    file_cell = ws.cell(row=2, column=1)
    assert file_cell.value == "=bad.csv" and file_cell.data_type == "s"


def test_the_error_list_filters_and_prints_on_a4_across(tmp_path: Path, importer) -> None:  # type: ignore[no-untyped-def]
    """QA 23a: the list "people can sort, filter and hand back" had no filter, printed three pages wide
    with its header on the first page only, and called itself openpyxl's, in no language."""
    from openpyxl import load_workbook

    from ipdesk.services.importers.staging import export_errors

    rows = list(patent_rows(2))
    rows[0][0] = rows[1][0] = "not a number"
    preview = importer.stage([write_csv(tmp_path / "bad.csv", PATENT_HEADER, rows)])
    out = export_errors(preview.errors, tmp_path / "errors.xlsx", "zh_CN")
    wb = load_workbook(out)
    ws = wb.worksheets[0]
    assert ws.auto_filter.ref == f"A1:F{ws.max_row}" and ws.max_row == len(preview.errors) + 1
    assert ws.print_title_rows == "$1:$1" and int(ws.page_setup.paperSize) == 9
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.oddFooter.right.text == "第 &P 页 / 共 &N 页"
    assert wb.properties.title == "导入错误清单" and wb.properties.language == "zh-CN"
    assert wb.properties.creator.startswith("ipdesk")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes: POSIX")
def test_a_named_pipe_is_refused_not_read(tmp_path: Path, importer) -> None:  # type: ignore[no-untyped-def]
    """QA 22b: a named pipe called list.csv (from a USB stick, a shared folder) blocked the import for
    ever, waiting for a writer; /dev/zero would be read until memory ran out. Neither is opened now.
    (Should the pipe be opened again, a helper thread writes nothing and closes it each time, so this
    test fails instead of hanging.)"""
    pipe = tmp_path / "list.csv"
    os.mkfifo(pipe)
    stop = threading.Event()

    def unblock_a_reader() -> None:
        while not stop.is_set():
            try:
                fd = os.open(pipe, os.O_WRONLY | os.O_NONBLOCK)
            except OSError:  # ENXIO: nobody reads it (as it should be)
                stop.wait(0.05)
                continue
            os.close(fd)  # and again for the next open, till the test ends

    helper = threading.Thread(target=unblock_a_reader, daemon=True)
    helper.start()
    try:
        err = _refused(importer, pipe, "wrong_format")
    finally:
        stop.set()
        helper.join()
    assert "管道" in err.zh and "pipe" in err.en


def test_one_endless_line_is_refused_before_it_becomes_a_row(tmp_path: Path, services) -> None:  # type: ignore[no-untyped-def]
    """QA 22b: csv builds a whole row before it yields it; 40 MB of commas on one line became a row of
    40 million cells (870 MB of memory), and a CSV may be 512 MB. A line past `max_line_chars` is
    refused; lines below it import as before."""
    from ipdesk.services.importers import Importer

    importer = Importer(services.db, Limits(max_line_chars=4096))
    ok = write_csv(tmp_path / "ok.csv", PATENT_HEADER, patent_rows(2))
    assert len(importer.stage([ok]).errors) == 0
    commas = tmp_path / "commas.csv"
    commas.write_text(",".join(PATENT_HEADER) + "\n" + "," * 10_000, encoding="utf-8")
    err = _refused(importer, commas, "too_large")
    assert "第 2 行" in err.zh and "line 2" in err.en


@pytest.mark.parametrize(("label", "encode"), [
    ("UTF-8 with BOM, still declared GBK", lambda text: b"\xef\xbb\xbf" + text.encode("utf-8")),
    ("UTF-16 with BOM, declared GBK", lambda text: text.encode("utf-16")),
    ("UTF-16 big-endian with BOM", lambda text: text.encode("utf-16-be").join([b"\xfe\xff", b""])),
])
def test_a_byte_order_mark_wins_over_the_declaration(tmp_path: Path, importer, services, label: str, encode) -> None:  # type: ignore[no-untyped-def]
    """Notepad re-saves a GBK file as "UTF-8 with BOM" and leaves its encoding="GBK": the mark says
    what the bytes are, so the document is read (it was "the XML cannot be parsed")."""
    text = _declared(cnipa_new_xml(45), "GBK").decode("gbk")
    f = tmp_path / "bom.xml"
    f.write_bytes(encode(text))
    with zipfile.ZipFile(tmp_path / "bom.zip", "w") as zf:  # inside a ZIP too
        zf.writestr("docs/46.xml", encode(_declared(cnipa_new_xml(46), "GBK").decode("gbk")))
    preview = importer.stage([f, tmp_path / "bom.zip"])
    assert preview.errors == [] and preview.counts["patent"]["new"] == 2, label
    titles = {r["key"]: r["title"] for r in preview.changes()}
    assert titles["CN999000045A"] == "合成测试水稻育秧方法45"  # decoded, not mojibake
    preview.discard()


def test_encodings_no_reader_knows_are_refused_plainly(tmp_path: Path, importer) -> None:  # type: ignore[no-untyped-def]
    gbk_after_bom = tmp_path / "gbk-bom.xml"  # a UTF-8 mark in front of GBK bytes: the mark does not hold
    gbk_after_bom.write_bytes(b"\xef\xbb\xbf" + _declared(cnipa_new_xml(47), "GBK"))
    err = _refused(importer, gbk_after_bom, "encoding")
    assert "BOM" in err.zh and "UTF-8" in err.zh and "byte-order mark" in err.en
    long_name = tmp_path / "long.xml"  # a name too long to be taken for one, left to expat (it raised LookupError)
    long_name.write_bytes(b'<?xml version="1.0" encoding="UTF-' + b"9" * 48 + b'"?><cn-patent-document/>')
    err = _refused(importer, long_name, "encoding")
    assert "编码无法识别" in err.zh and "LookupError" not in err.message("en")


def test_archives_zipfile_cannot_read_are_named_with_what_to_do(tmp_path: Path, importer, services) -> None:  # type: ignore[no-untyped-def]
    good = cnipa_new_xml(48)
    # one member in Deflate64 (method 9), one encrypted: those two are errors of their own, the third is read
    mixed = patched_zip(tmp_path / "mixed.zip", {"a.xml": cnipa_new_xml(49), "b.xml": good}, method=9, victim="a.xml")
    locked = patched_zip(tmp_path / "locked.zip", {"c.xml": cnipa_new_xml(50)}, flags=1)
    preview = importer.stage([mixed, locked])
    assert preview.counts["patent"]["new"] == 1
    reasons = " ".join(e.why_en for e in preview.errors)
    assert "cannot read" in reasons and "Deflate64" in reasons and "password-protected" in reasons, reasons
    assert "NotImplementedError" not in reasons and "RuntimeError" not in reasons
    preview.discard()
    # a workbook whose archive needs a later ZIP version than Python reads: refused whole, in words
    book = patched_zip(tmp_path / "new.xlsx", {"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"},
                        version=245)
    err = _refused(importer, book, "malformed")
    assert "7-Zip" in err.zh and "ZIP format or compression method" in err.en


@pytest.mark.skipif(os.name != "posix", reason="Windows file names are Unicode: no undecodable bytes")
def test_a_file_named_in_gbk_on_a_utf8_linux_is_imported(tmp_path: Path, importer, services) -> None:  # type: ignore[no-untyped-def]
    """A ZIP made on Chinese Windows and unpacked by `unzip` on Linux leaves GBK file names, which
    Python holds with lone surrogates and SQLite refuses: the import stopped with "an unexpected
    problem". The records are imported, and their source names the file as it reads (GB18030)."""
    folder = tmp_path / "unzipped"
    folder.mkdir()
    listed = write_csv(folder / os.fsdecode("五常专利.csv".encode("gbk")), PATENT_HEADER, list(patent_rows(2)))
    (folder / os.fsdecode("文献.xml".encode("gbk"))).write_bytes(cnipa_new_xml(51))
    preview = importer.stage([folder, listed])  # a folder's XML documents, and the list given by its name
    assert preview.error_count == 0 and preview.counts["patent"]["new"] == 3
    importer.commit(preview)
    with services.db.engine.connect() as conn:
        sources = {r[0].split("（", 1)[0] for r in conn.exec_driver_sql("SELECT source FROM patent WHERE source LIKE '%导入%'")}
    assert sources == {"五常专利.csv", "unzipped"}, sources  # a folder's documents are the folder's
    assert listed.exists()  # read from where it is, under its own name


@pytest.mark.skipif(os.name != "posix", reason="Windows file names are Unicode: no undecodable bytes")
def test_a_file_named_in_gbk_is_named_as_written_in_messages_and_json(tmp_path: Path, importer, data_dir: Path,  # type: ignore[no-untyped-def]
                                                                      monkeypatch, capsys) -> None:
    """Messages and the error list named such a file with escapes (\\udcce峣ר\\udcc0\\udcfb.csv), and
    --json wrote its raw GBK bytes, invalid UTF-8 that a JSON reader refuses (a strict UTF-8 stdout
    raised). They name it as its maker wrote it."""
    import json

    from openpyxl import load_workbook

    from ipdesk.cli import main
    from ipdesk.domain.shown_text import quoted_name
    from ipdesk.services.importers.staging import export_errors

    no_header = tmp_path / os.fsdecode("五常专利.csv".encode("gbk"))
    no_header.write_text("甲,乙\n1,2\n", encoding="utf-8")
    row = next(patent_rows(1))
    bad_row = write_csv(tmp_path / os.fsdecode("坏文件.csv".encode("gbk")), PATENT_HEADER, [["CN1", *row[1:]]])
    with pytest.raises(ImportFileError) as refused:
        importer.stage([no_header])
    err = refused.value
    assert err.zh.startswith("五常专利.csv：") and err.en.startswith("五常专利.csv: ")
    preview = importer.stage([bad_row])
    assert preview.error_count == 1 and quoted_name(preview.errors[0].file) == "坏文件.csv"  # as the error list shows it
    preview.discard()

    monkeypatch.setenv("IPDESK_DATA_DIR", str(data_dir))
    assert main(["--data-dir", str(data_dir), "import", str(no_header)]) == 2
    assert "ipdesk: 五常专利.csv：找不到可识别的表头" in capsys.readouterr().err
    assert main(["--data-dir", str(data_dir), "import", "--dry-run", str(bad_row)]) == 1
    shown = capsys.readouterr().out
    assert "坏文件.csv 第 2 行" in shown and "\\udc" not in shown
    assert main(["--data-dir", str(data_dir), "import", "--dry-run", "--json", str(bad_row)]) == 1
    out = capsys.readouterr().out
    report = json.loads(out.encode("utf-8"))  # raised UnicodeEncodeError on the surrogates before
    assert report["files"] == ["坏文件.csv"] and report["errors"][0]["file"] == "坏文件.csv"
    listed = export_errors(preview.errors, tmp_path / "errors.xlsx")  # the error list staff hand back
    assert load_workbook(listed).active.cell(row=2, column=1).value == "坏文件.csv"


def test_a_zip_made_on_chinese_windows_names_its_documents_as_written(tmp_path: Path, importer) -> None:  # type: ignore[no-untyped-def]
    """Windows' own ZIPs store names in GBK without the UTF-8 flag; zipfile reads them as code page
    437, so an error named the document "╬─╧╫.xml". It names it 文献.xml, as its maker wrote it."""
    import io

    made = io.BytesIO()
    with zipfile.ZipFile(made, "w") as zf:
        zf.writestr("good.xml", cnipa_new_xml(52))
        zf.writestr("abcd.xml", b"<not-a-patent/>")  # same length as the GBK name put in its place below
    raw = made.getvalue().replace(b"abcd.xml", "文献.xml".encode("gbk"))
    assert raw.count("文献.xml".encode("gbk")) == 2  # the local header's name and the central directory's
    archive = tmp_path / "专利.zip"
    archive.write_bytes(raw)
    preview = importer.stage([archive])
    assert preview.counts["patent"]["new"] == 1
    (error,) = preview.errors
    assert error.where == "文献.xml", error.where
    preview.discard()
