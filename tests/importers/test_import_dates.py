"""QA 22c: dates as lists write them are read, or refused naming the row and column, never read wrong:
full-width marks, Chinese numerals, "-" or 暂无 for no date, an impossible day, a placeholder year, a
Chinese patent filed before the Patent Law took effect."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select

from ipdesk.services.models import Patent, Trademark
from tests.importers.conftest import ST96_GI, ST96_TM, SYNTH, cnipa_new_xml, cnipa_old_xml, write_csv

HEADER = ["公开号", "名称", "专利类型", "法律状态", "申请日", "截至日期"]
AS_OF = "2026-11-26"


def _row(n: int, filed: str) -> list[object]:
    return [f"CN9993{n:05d}U", f"{SYNTH}日期{n}", "实用新型", "有效", filed, AS_OF]


def test_dates_written_the_ways_lists_write_them_are_read(tmp_path: Path, importer, services) -> None:  # type: ignore[no-untyped-def]
    written = {1: "２０２０．３．５", 2: "二〇二〇年三月五日", 3: "2020 年 3 月 5 日", 4: "二〇一九年十二月三十一日",
               5: "-", 6: "暂无", 7: "2020-03-05 00:00:00"}
    preview = importer.stage([write_csv(tmp_path / "dates.csv", HEADER, [_row(n, t) for n, t in written.items()])])
    assert preview.errors == [], [e.as_dict() for e in preview.errors]
    importer.commit(preview)
    with services.db.session() as s:
        filed = dict(s.execute(select(Patent.pub_no, Patent.filing_date).where(Patent.pub_no.like("CN9993%"))).all())
    march_5 = dt.date(2020, 3, 5)
    assert filed == {"CN999300001U": march_5, "CN999300002U": march_5, "CN999300003U": march_5,
                     "CN999300004U": dt.date(2019, 12, 31), "CN999300005U": None, "CN999300006U": None,
                     "CN999300007U": march_5}


def test_impossible_dates_are_refused_naming_the_row_and_column(tmp_path: Path, importer) -> None:  # type: ignore[no-untyped-def]
    written = {1: "2020-02-30", 2: "9999-12-31", 3: "0001-01-01", 4: "1984-06-01", 5: "1985-04-01"}
    preview = importer.stage([write_csv(tmp_path / "bad.csv", HEADER, [_row(n, t) for n, t in written.items()])])
    why = {e.row: (e.column, e.why_zh, e.why_en) for e in preview.errors}
    assert sorted(why) == [2, 3, 4, 5]  # 1985-04-01, the first day applications were taken, is read
    assert all(column == "申请日" for column, _, _ in why.values())
    assert "没有这一天" in why[2][1] and "no such day" in why[2][2]
    assert "9999-12-31 不像真实日期" in why[3][1] and "placeholder" in why[3][2]
    assert "0001-01-01" in why[4][1]
    assert "申请日早于 1985-04-01" in why[5][1] and "Patent Law took effect" in why[5][2]
    assert not preview.can_commit


def test_a_filing_date_after_the_as_of_date_is_warned_about_not_refused(tmp_path: Path, importer) -> None:  # type: ignore[no-untyped-def]
    """A computer clock set behind must not refuse fresh data: the row is imported and shown as doubtful."""
    preview = importer.stage([write_csv(tmp_path / "later.csv", HEADER, [_row(1, "2027-01-05")])])
    assert preview.errors == [] and preview.can_commit
    (warning,) = [n for n in preview.notices if "状态存疑" in n.zh]
    assert "申请日2027-01-05晚于判断所依据的日期2026-11-26" in warning.zh


def test_an_xml_files_date_after_today_is_refused_as_its_as_of(tmp_path: Path, importer) -> None:  # type: ignore[no-untyped-def]
    """Leftovers 2: CNIPA's dateProduced or publication date and ST.96's publication, registration or
    status date become the data's as-of date; one later than today was taken as a list's 截至日期 no
    longer is. Refused the same way, naming the file, the value, the date read and the computer's date,
    and saying the date is the file's."""
    today = dt.date.today()
    later = today + dt.timedelta(days=3)
    compact, dashed = later.strftime("%Y%m%d"), later.isoformat()
    files = {
        "new.xml": cnipa_new_xml(1).replace(b'dateProduced="20251205"', f'dateProduced="{compact}"'.encode()),
        "old.xml": cnipa_old_xml(2).replace(b"<date>20250105</date>", f"<date>{compact}</date>".encode()),
        "gi.xml": ST96_GI.replace("</com:ApplicationDate>",
                                  f"</com:ApplicationDate><gin:GIPublication><com:PublicationDate>{dashed}"
                                  "</com:PublicationDate></gin:GIPublication>"
                                  ).encode(),
        "tm.xml": ST96_TM.replace("</tmk:MarkCurrentStatusCode>", "</tmk:MarkCurrentStatusCode>"
                                  f"<tmk:MarkCurrentStatusDate>{dashed}</tmk:MarkCurrentStatusDate>").encode(),
    }
    for name, content in files.items():
        path = tmp_path / name
        path.write_bytes(content)
        preview = importer.stage([path])
        assert preview.errors, name
        for error in preview.errors:
            assert (error.file, error.column, error.value) == (name, "截至日期", error.value), name
            assert str(error.value) in (compact, dashed), (name, error.value)
            assert (f"文件所记的日期 {dashed}（用作数据截至日期）晚于今天（本机日期 {today.isoformat()}）" in error.why_zh
                    and "如果本机日期不对，请先改正" in error.why_zh), error.why_zh
            assert (f"the file's date {dashed} (taken as the data's as-of date) is later than today "
                    f"({today.isoformat()} by this computer's clock)") in error.why_en, error.why_en
        assert not preview.can_commit, name
    # today's date is taken
    path = tmp_path / "today.xml"
    path.write_bytes(cnipa_new_xml(3).replace(b'dateProduced="20251205"', today.strftime('dateProduced="%Y%m%d"').encode()))
    preview = importer.stage([path])
    assert preview.errors == [] and preview.can_commit, [e.as_dict() for e in preview.errors]


def test_st96_dates_with_a_time_zone_are_read_as_the_day_written(tmp_path: Path, importer, services) -> None:  # type: ignore[no-untyped-def]
    """An XML Schema date may carry its zone (2024-05-12+08:00, 2025-03-28Z): such ST.96 rows had been
    refused as "日期无效或格式无法识别"."""
    xml = ST96_TM.replace(">2024-05-12<", ">2024-05-12+08:00<").replace(">2025-03-28<", ">2025-03-28Z<")
    path = tmp_path / "tm.xml"
    path.write_text(xml, encoding="utf-8")
    preview = importer.stage([path])
    assert preview.errors == [], [e.as_dict() for e in preview.errors]
    importer.commit(preview)
    with services.db.session() as s:
        mark = s.scalars(select(Trademark).where(Trademark.reg_no == "99000001")).first()
        assert mark is not None
        assert (mark.filing_date, mark.reg_date) == (dt.date(2024, 5, 12), dt.date(2025, 3, 28))


def test_a_lists_own_as_of_date_after_today_is_refused(tmp_path: Path, importer) -> None:  # type: ignore[no-untyped-def]
    """Leftovers: only --as-of and the window's date box stopped at today; a list's own 截至日期 of a later
    day was taken. Now the row is refused, naming the value, the date read and the computer's date."""
    today = dt.date.today()
    later = today + dt.timedelta(days=1)
    chinese = f"{later.year}年{later.month}月{later.day}日"
    rows = [[*_row(1, "2020-03-05")[:-1], today.isoformat()], [*_row(2, "2020-03-05")[:-1], chinese]]
    preview = importer.stage([write_csv(tmp_path / "later-as-of.csv", HEADER, rows)])
    (error,) = preview.errors
    assert (error.file, error.row, error.column, error.value) == ("later-as-of.csv", 3, "截至日期", chinese)
    assert (f"截至日期 {later.isoformat()} 晚于今天（本机日期 {today.isoformat()}）" in error.why_zh
            and "如果本机日期不对，请先改正" in error.why_zh)
    assert f"({today.isoformat()} by this computer's clock)" in error.why_en
    assert not preview.can_commit
