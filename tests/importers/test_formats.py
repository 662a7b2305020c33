"""Each supported format parses into the right records: CNIPA XML (both formats), ST.96 GI and
trademark, CSV and XLSX templates; and the real reference samples when they are present."""

from __future__ import annotations

import http.server
import threading
from pathlib import Path

import pytest

from ipdesk.services.importers.staging import read_path
from ipdesk.services.importers.templates import TEMPLATES, export_template, match_headers
from tests.importers.conftest import (
    PATENT_HEADER,
    ST96_GI,
    ST96_TM,
    SYNTH,
    cnipa_new_xml,
    cnipa_old_xml,
    patent_rows,
    write_csv,
)


def _staged(importer, paths, **kw):  # type: ignore[no-untyped-def]
    preview = importer.stage(paths, **kw)
    rows = preview.changes(limit=100)
    return preview, rows


def test_cnipa_new_format_fields(tmp_path: Path, importer, services) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "doc.xml"
    f.write_bytes(cnipa_new_xml(1))
    preview = importer.stage([f])
    assert preview.counts["patent"]["new"] == 1 and preview.error_count == 0
    importer.commit(preview)
    from ipdesk.services.models import Patent

    with services.db.session() as s:
        p = s.query(Patent).one()
        assert p.pub_no == "CN999000001A"
        assert p.app_no == "CN209910000001.X"
        assert p.kind == "invention"
        assert p.ipc_codes == "A01G0009000000 A01G0031000000"
        assert p.applicants == f"{SYNTH}农业合作社1"
        assert p.inventors == "测试甲; 测试乙"
        assert p.region_code == "330106000000"  # 浙江省杭州市西湖区
        assert str(p.filing_date) == "2025-04-24" and str(p.pub_date) == "2025-12-10"
        assert p.grant_date is None
        assert p.priority == "CN 209810000000.1 2024-05-23"
        assert str(p.as_of) == "2025-12-05"  # dateProduced
        assert p.source.startswith("doc.xml")
        assert "育秧" in p.abstract


def test_cnipa_old_format_with_dtd_is_not_fetched(tmp_path: Path, importer) -> None:  # type: ignore[no-untyped-def]
    """The old format declares its DTD; the parser must read the document without fetching it."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'<!ENTITY x "fetched">')

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        f = tmp_path / "old.xml"
        f.write_bytes(cnipa_old_xml(2, dtd_url=f"http://127.0.0.1:{server.server_port}/cn_old.dtd"))
        preview = importer.stage([f])
    finally:
        server.shutdown()
    assert hits == []
    rows = preview.changes()
    assert [r["key"] for r in rows] == ["CN999000002U"]
    assert preview.error_count == 0


def test_patent_kind_from_kind_code_and_app_number(tmp_path: Path, importer, services) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "b.xml").write_bytes(cnipa_new_xml(3, kind="B"))
    (tmp_path / "u.xml").write_bytes(cnipa_old_xml(4, kind="U"))
    importer.commit(importer.stage([tmp_path / "b.xml", tmp_path / "u.xml"]))
    from ipdesk.services.models import Patent

    with services.db.session() as s:
        kinds = {p.pub_no: (p.kind, p.grant_date is not None, p.region_code) for p in s.query(Patent)}
    assert kinds == {"CN999000003B": ("invention", True, "330106000000"),
                     "CN999000004U": ("utility", True, "330304000000")}


def test_st96_gi_and_trademark(tmp_path: Path, importer, services) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "gi.xml").write_text(ST96_GI, encoding="utf-8")
    (tmp_path / "tm.xml").write_text(ST96_TM, encoding="utf-8")
    preview = importer.stage([tmp_path / "gi.xml", tmp_path / "tm.xml"])
    assert preview.counts["gi"]["new"] == 1
    assert preview.counts["trademark"]["new"] == 2  # one record per Nice class
    importer.commit(preview)
    from ipdesk.services.models import GeoIndication, Trademark

    with services.db.session() as s:
        gi = s.query(GeoIndication).filter_by(name="合成测试贡米").one()
        assert (gi.kind, gi.name_en, gi.holder, gi.status) == ("gi_product", "Synthetic Test Rice", "合成测试协会", "pending")
        assert gi.area_text == "合成测试县全境"
        tms = {(t.reg_no, t.nice_class): t for t in s.query(Trademark)}
        assert set(tms) == {("99000001", 30), ("99000001", 31)}
        t30 = tms[("99000001", 30)]
        assert (t30.mark_text, t30.kind, t30.goods, t30.owner) == ("合成测试山茶", "collective", "茶; 茶饮料", "合成测试茶叶合作社")
        assert str(t30.reg_date) == "2025-03-28"


def test_zip_of_xml_documents(tmp_path: Path, importer) -> None:  # type: ignore[no-untyped-def]
    import zipfile

    z = tmp_path / "bundle.zip"
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as zf:
        for i in range(5):
            zf.writestr(f"docs/{i}.XML", cnipa_new_xml(10 + i))
        zf.writestr("docs/broken.xml", cnipa_new_xml(20)[:300])
    preview = importer.stage([z])
    assert preview.counts["patent"]["new"] == 5
    assert preview.rejected_files == 1 and preview.total("rejected") == 1 and preview.counts["patent"]["rejected"] == 0
    assert len(preview.errors) == 1 and preview.errors[0].where == "docs/broken.xml" and preview.errors[0].whole_file


def test_template_roundtrip(tmp_path: Path) -> None:
    for kind, template in TEMPLATES.items():
        out = export_template(kind, tmp_path / f"{kind}.xlsx")
        from openpyxl import load_workbook

        wb = load_workbook(out, read_only=True)
        header = next(wb.worksheets[0].iter_rows(values_only=True))
        wb.close()
        found = match_headers(list(header))
        assert found is not None and found[0] is template
        assert set(found[1].values()) == {c.name for c in template.columns}


def test_english_headers_are_accepted() -> None:
    found = match_headers(["Registration number", "Mark", "Nice class", "Owner"])
    assert found is not None and found[0].kind == "trademark"
    assert match_headers(["foo", "bar"]) is None


def test_reference_samples_parse(reference_dir: Path) -> None:
    notices: list = []
    rows = []
    for f in sorted((reference_dir / "cnipa-xml").iterdir()):
        if f.suffix.lower() == ".xml":
            rows.extend(read_path(f, notices))
    assert len(rows) == 9
    assert all(r.values["pub_no"] and r.values["title"] for r in rows)
    by_no = {r.values["pub_no"]: r for r in rows}
    assert by_no["CN104223352A"].values["ipc_codes"][0] == "A24B 15/18"
    assert by_no["CN113781974A"].values["app_no"] == "CN202111286633.X"
    st = list(read_path(reference_dir / "st96" / "GIApplication_Example.xml", notices))
    assert st[0].values["name"] == "Tapisserie d'Aubusson" and st[0].values["name_en"] == "Aubusson tapestry"
    tm = list(read_path(reference_dir / "st96" / "TrademarkApplication_Example.xml", notices))
    assert tm[0].values["reg_no"] == "5169753" and tm[0].values["nice_class"] == "9"


def test_reference_samples_import_and_search(reference_dir: Path, importer, services) -> None:  # type: ignore[no-untyped-def]
    files = [f for f in sorted((reference_dir / "cnipa-xml").iterdir()) if f.suffix.lower() == ".xml"]
    preview = importer.stage(files)
    assert preview.counts["patent"]["new"] == 9 and preview.error_count == 0
    importer.commit(preview)
    result = services.search.search("甘草发酵")
    assert any(h.kind == "patent" and "甘草" in h.title for h in result.hits)
    again = importer.stage(files)
    assert again.total("unchanged") == 9 and again.total("new") == again.total("changed") == 0
    again.discard()


@pytest.mark.parametrize("name", ["agi_jiangsu_sample.csv"])
def test_reference_gi_list(reference_dir: Path, importer, name: str) -> None:  # type: ignore[no-untyped-def]
    preview = importer.stage([reference_dir / "gi" / name])
    assert preview.total("rejected") == 0
    assert preview.counts["gi"]["new"] + preview.counts["gi"]["changed"] + preview.counts["gi"]["unchanged"] == 47
    preview.discard()


def test_region_from_address(services) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.services.importers.regions import RegionResolver
    from ipdesk.services.models import Division

    with services.db.session() as s:
        rows = [(d.code, d.name, d.level, d.parent_code) for d in s.query(Division)]
    region_of = RegionResolver(rows)
    assert region_of("325000 浙江省温州市瓯海区巨溪镇河南西路33号") == "330304000000"
    assert region_of("浙江杭州西湖区某路") == "330106000000"  # short province and prefecture names
    assert region_of("温州市瓯海区某路") == "330304000000"  # no province named
    assert region_of("北京市朝阳区建外街道某楼") == "110105001000"  # municipality, down to the township
    assert region_of("美国印第安纳州") == ""
    assert region_of("") == ""


def test_folder_of_documents(tmp_path: Path, importer) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "download"
    (folder / "a").mkdir(parents=True)
    (folder / "a" / "1.xml").write_bytes(cnipa_new_xml(31))
    (folder / "2.XML").write_bytes(cnipa_old_xml(32))
    (folder / "readme.txt").write_text("合成测试", encoding="utf-8")
    preview = importer.stage([folder])
    assert sorted(r["key"] for r in preview.changes()) == ["CN999000031A", "CN999000032U"]
    assert any("1 other" in n.en for n in preview.notices)
    assert {r["where"] for r in preview.changes()} == {"a/1.xml", "2.XML"}
    preview.discard()


# a filled-in row per template, by Chinese header; synthetic values only
_TEMPLATE_ROWS = {
    "gi": {"类型": "地理标志产品", "名称": f"{SYNTH}贡米", "持有人": f"{SYNTH}协会", "登记日期": "2099-06",
           "保护范围代码": "330106", "截至日期": "2026-07-01"},
    "patent": {"公开号": "CN999000901A", "申请号": "209910000901.X", "名称": f"{SYNTH}育秧盘",
               "申请人": f"{SYNTH}合作社", "IPC分类号": "A01G 9/00", "公开日": "2099-03-04"},
    "trademark": {"注册号": "99000901", "商标": f"{SYNTH}山茶", "类别": "30", "注册人": f"{SYNTH}茶叶合作社"},
}


def _fill_template(kind: str, out: Path) -> Path:
    """The template the program hands out, filled in the way a person would: one row under the header."""
    from openpyxl import load_workbook

    export_template(kind, out)
    wb = load_workbook(out)
    ws = wb.worksheets[0]
    headers = [str(c.value).rstrip("*") for c in ws[1]]
    for header, value in _TEMPLATE_ROWS[kind].items():
        ws.cell(row=2, column=headers.index(header) + 1, value=value)
    wb.save(out)
    return out


@pytest.mark.parametrize("kind", ["gi", "patent", "trademark"])
def test_a_filled_in_template_imports(tmp_path: Path, importer, services, kind: str) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    path = _fill_template(kind, tmp_path / f"{kind}.xlsx")
    assert "说明 Notes" in load_workbook(path, read_only=True).sheetnames  # the notes sheet is there
    preview = importer.stage([path])
    assert preview.errors == [] and preview.total("rejected") == 0, [e.as_dict() for e in preview.errors]
    assert preview.counts[kind]["new"] == 1 and preview.rows == 1
    assert not any("Notes" in n.zh for n in preview.notices), [n.zh for n in preview.notices]
    result = importer.commit(preview)
    assert result.inserted[kind] == 1


def test_a_template_notes_sheet_is_skipped_when_renamed(tmp_path: Path, importer) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    path = _fill_template("patent", tmp_path / "renamed.xlsx")
    wb = load_workbook(path)
    wb.worksheets[1].title = "Sheet2"  # renamed: still known by its header row
    wb.save(path)
    preview = importer.stage([path])
    assert preview.total("rejected") == 0 and preview.counts["patent"]["new"] == 1
    preview.discard()


def test_publish_from_a_filled_in_template(tmp_path: Path, data_dir: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.cli import main

    monkeypatch.setenv("IPDESK_DATA_DIR", str(data_dir))
    path = _fill_template("gi", tmp_path / "gi.xlsx")
    base = ["--data-dir", str(data_dir), "--lang", "en", "publish"]
    assert main([*base, "--init-key", str(tmp_path / "k")]) == 0
    code = main([*base, "--out", str(tmp_path / "repo"), "--key", str(tmp_path / "k"), "--from", str(path),
                 "--dataset", "gi"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "Merged the import files: Geographical indications" in captured.out


def test_folder_reads_zips_and_names_what_it_skips(tmp_path: Path, importer, data_dir: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    import zipfile

    folder = tmp_path / "download"
    (folder / "sub").mkdir(parents=True)
    (folder / "1.xml").write_bytes(cnipa_new_xml(61))
    with zipfile.ZipFile(folder / "sub" / "week.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("docs/62.xml", cnipa_new_xml(62))
        zf.writestr("docs/63.xml", cnipa_old_xml(63))
    with zipfile.ZipFile(folder / "pictures.zip", "w") as zf:
        zf.writestr("a.png", b"synthetic")
    (folder / "readme.txt").write_text(SYNTH, encoding="utf-8")
    (folder / "list.pdf").write_bytes(b"%PDF-1.4 synthetic")
    preview = importer.stage([folder])
    assert preview.errors == [] and preview.counts["patent"]["new"] == 3
    assert {r["where"] for r in preview.changes()} == {"1.xml", "sub/week.zip/docs/62.xml", "sub/week.zip/docs/63.xml"}
    assert {r["row"] for r in preview.changes()} == {1}  # a document's row is not its place in the folder
    skipped = next(n for n in preview.notices if "2 other" in n.en)
    assert "download" in skipped.zh and ".pdf" in skipped.zh and ".txt" in skipped.zh and "ZIP" in skipped.zh
    assert any("pictures.zip" in n.zh and "download" in n.zh for n in preview.notices)
    preview.discard()

    # a document that cannot be parsed is one error for that document: no row, no column, no invented errors
    (folder / "broken.xml").write_bytes(cnipa_new_xml(64)[:400])
    (folder / "hello.xml").write_text("hello world", encoding="utf-8")
    (folder / "damaged.zip").write_bytes(b"PK\x03\x04 not really a zip")
    preview = importer.stage([folder])
    assert preview.counts["patent"] == {"new": 3, "changed": 0, "unchanged": 0, "rejected": 0}
    assert preview.rejected_files == 3 and preview.total("rejected") == 3 and not preview.can_commit
    assert sorted(e.where for e in preview.errors) == ["broken.xml", "damaged.zip", "hello.xml"]
    for e in preview.errors:
        assert e.whole_file and e.file == "download" and e.column == "" and e.value == ""
        assert e.where not in e.why_zh and ":" not in e.why_zh and "必填" not in e.why_zh
        assert e.as_dict()["row"] is None
    assert "不完整" in next(e for e in preview.errors if e.where == "broken.xml").why_zh
    preview.discard()

    from ipdesk.cli import main

    monkeypatch.setenv("IPDESK_DATA_DIR", str(data_dir))
    monkeypatch.chdir(folder)
    for lang in ("zh_CN", "en"):
        assert main(["--data-dir", str(data_dir), "--lang", lang, "import", "--dry-run", "."]) == 1
        out = capsys.readouterr().out
        assert "download broken.xml" in out and "[]" not in out and "0 行" not in out and "row 0" not in out
        assert "文件夹“download”" in out or "folder 'download'" in out

    # a hostile ZIP in a folder stops the import, as the same ZIP given alone does
    with zipfile.ZipFile(folder / "bomb.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("big.xml", b"<a>" + b" " * (8 * 1024 * 1024) + b"</a>")
    from ipdesk.services.importers import ImportFileError

    with pytest.raises(ImportFileError) as info:
        importer.stage([folder])
    assert info.value.reason == "hostile" and "bomb.zip" in info.value.zh


def test_workbooks_are_not_written_under_another_suffix(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """A template or an error list is an Excel workbook: named .csv it would open as bytes."""
    from ipdesk.cli import main
    from ipdesk.services.errors import UserInputError
    from ipdesk.services.importers.templates import export_template

    with pytest.raises(UserInputError) as caught:
        export_template("gi", tmp_path / "tpl.csv")
    assert ".xlsx" in caught.value.zh and not (tmp_path / "tpl.csv").exists()
    data = tmp_path / "d"
    bad = tmp_path / "bad.csv"
    bad.write_text("公开号,名称\n,\n", encoding="utf-8")
    assert main(["--data-dir", str(data), "import", "--dry-run", str(bad), "--errors-out", str(tmp_path / "e.csv")]) == 2
    assert ".xlsx" in capsys.readouterr().err and not (tmp_path / "e.csv").exists()


def test_a_folder_given_as_the_template_file_is_named_as_a_folder(tmp_path: Path) -> None:
    from ipdesk.services.errors import UserInputError

    with pytest.raises(UserInputError) as caught:
        export_template("gi", tmp_path)
    assert "是一个文件夹" in caught.value.zh and "is a folder" in caught.value.en


def test_a_gi_category_written_in_english_is_stored_as_the_lists_name_it(tmp_path: Path, importer, services) -> None:  # type: ignore[no-untyped-def]
    """'Grain and oil crops' is 粮油: it then shows in either language, and GI checks by category find it."""
    from openpyxl import load_workbook
    from sqlalchemy import select

    from ipdesk.services.models import GeoIndication

    path = _fill_template("gi", tmp_path / "gi.xlsx")
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    headers = [str(c.value).rstrip("*") for c in ws[1]]
    ws.cell(row=2, column=headers.index("类别") + 1, value="Grain and oil crops")
    wb.save(path)
    importer.commit(importer.stage([path]))
    with services.db.session() as s:
        assert s.scalar(select(GeoIndication.category).where(GeoIndication.name == f"{SYNTH}贡米")) == "粮油"


def test_the_county_a_cnipa_document_files_the_address_under_is_used_when_more_precise(tmp_path: Path, importer, services) -> None:  # type: ignore[no-untyped-def]
    """QA 18c N7: '北京市经济技术开发区…' names only Beijing; the document's <base:County>大兴区</base:County>
    says where. The text wins when it is more precise, or when the two disagree."""
    import re

    def with_parts(n: int, address: str, province: str, city: str, county: str) -> bytes:
        parts = (f"<base:County>{county}</base:County><base:City>{city}</base:City>"
                 f"<base:Province>{province}</base:Province>")
        return re.sub(rb"<base:Address>", f"<base:Address>{parts}".encode(), cnipa_new_xml(n, address=address), count=1)

    docs = {
        "beijing.xml": with_parts(81, "100176 北京市经济技术开发区某路11号", "北京市", "北京市", "大兴区"),
        "township.xml": with_parts(82, "311200 浙江省杭州市萧山区城厢街道某路1号", "浙江省", "杭州市", "萧山区"),
        "no_province.xml": with_parts(83, "325000 浙江省某开发区某路2号", "0", "温州市", "瓯海区"),
        "county_only.xml": with_parts(84, "浙江省某工业园区", "0", "0", "瓯海区"),
        "disagree.xml": with_parts(85, "310000 浙江省杭州市西湖区某路1号", "浙江省", "温州市", "瓯海区"),
        "none.xml": with_parts(86, "美国马萨诸塞州", "0", "0", "0"),
    }
    for name, data in docs.items():
        (tmp_path / name).write_bytes(data)
    importer.commit(importer.stage([tmp_path / n for n in docs]))
    with services.db.engine.connect() as conn:
        regions = dict(conn.exec_driver_sql("SELECT pub_no, region_code FROM patent WHERE pub_no LIKE 'CN999%'").all())
    assert regions == {
        "CN999000081A": "110115000000",  # 大兴区, not Beijing as a whole
        "CN999000082A": "330109001000",  # the text names the township: kept
        "CN999000083A": "330304000000",  # the city gives the province
        "CN999000084A": "330304000000",  # a county alone, in the province the text names
        "CN999000085A": "330106000000",  # the text and the parts disagree: the text as written
        "CN999000086A": "",
    }
    from ipdesk.services.search import SearchFilters

    # found by the district, as the address text alone never was (the window's region filter, --region)
    hits = services.search.search("水稻育秧", SearchFilters(kinds=("patent",), region="110115")).hits
    assert [h.title for h in hits] == [f"{SYNTH}水稻育秧方法81"]
    assert [h.title for h in services.search.search("大兴区").hits if h.kind == "patent"] == [f"{SYNTH}水稻育秧方法81"]


def test_a_csv_row_with_more_cells_than_its_header_is_refused(tmp_path: Path, importer) -> None:  # type: ignore[no-untyped-def]
    """QA: an unquoted comma in an address (黑龙江省,哈尔滨市五常市) dropped the part after it without a word."""
    shifted = tmp_path / "shift.csv"
    shifted.write_text("公开号,名称,申请人,地址,\n"  # a trailing comma on the header: no column, no extra cell
                       "CN900000057A,虚构名称,虚构公司,黑龙江省,哈尔滨市五常市\n"
                       'CN900000058A,虚构名称二,虚构公司,"黑龙江省,哈尔滨市"\n'
                       "CN900000059A,虚构名称三,虚构公司,黑龙江省,,\n", encoding="utf-8")
    preview = importer.stage([shifted])
    assert [(e.row, e.value) for e in preview.errors] == [(2, "哈尔滨市五常市")]
    assert "more cells than the header's 4 columns" in preview.errors[0].why_en
    assert "没有加引号" in preview.errors[0].why_zh
    assert preview.total("new") == 2 and preview.total("rejected") == 1
    preview.discard()


def test_the_same_file_given_twice_is_read_once(tmp_path: Path, importer) -> None:  # type: ignore[no-untyped-def]
    """QA: every row was refused as "one record entered twice" (the same as its own row)."""
    path = write_csv(tmp_path / "p.csv", PATENT_HEADER, patent_rows(2))
    preview = importer.stage([path, tmp_path / "." / "p.csv"])
    assert not preview.errors and preview.total("new") == 2 and preview.files == ["p.csv"]
    assert any("more than once" in n.en and "不止一次" in n.zh for n in preview.notices)
    preview.discard()


def test_a_column_given_twice_is_said_as_such(tmp_path: Path, importer) -> None:  # type: ignore[no-untyped-def]
    """QA: a second 名称 column was "not in the template"."""
    path = tmp_path / "dup.csv"
    path.write_text("公开号,名称,名称,备注\nCN900000071A,虚构,另一个,x\n", encoding="utf-8")
    preview = importer.stage([path])
    said = [n.en for n in preview.notices]
    assert any("the column 名称 appears more than once" in n for n in said), said
    assert any("not in the template and were ignored: 备注" in n for n in said), said
    preview.discard()
