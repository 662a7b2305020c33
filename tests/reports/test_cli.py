"""`ipdesk report …` in process: exports, archive, and exit status 2 for a bad format or path."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import openpyxl
import pytest

from ipdesk.cli import main


def test_report_search_xlsx(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "r.xlsx"
    code = main(["--data-dir", str(data_dir), "report", "search", "五常", "--out", str(out),
                 "--client", "测试合作社", "--json"])
    assert code == 0
    info = json.loads(capsys.readouterr().out)
    assert info["report_no"].startswith("IPD-") and Path(info["archived"]).exists()
    wb = openpyxl.load_workbook(out)
    assert "地理标志" in wb.sheetnames


def test_report_pdf_in_english(qapp, data_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "r.pdf"
    assert main(["--data-dir", str(data_dir), "--lang", "en", "report", "search", "longjing",
                 "--format", "pdf", "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("extra", "needle"),
    [(["--format", "odt", "--out", "X/r.odt"], "odt"), (["--out", "X/missing/r.pdf"], "missing"),
     (["--format", "docx", "--out", "X/r.pdf"], "--format pdf")],  # a Word file named .pdf opens in nothing
)
def test_bad_format_or_path_exits_2(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                    extra: list[str], needle: str) -> None:
    args = [a.replace("X", str(tmp_path)) for a in extra]
    assert main(["--data-dir", str(data_dir), "report", "search", "茶", *args]) == 2
    assert needle in capsys.readouterr().err


def test_ledger_command(data_dir: Path, tmp_path: Path) -> None:
    assert main(["--data-dir", str(data_dir), "report", "search", "茶", "--out", str(tmp_path / "a.docx")]) == 0
    assert main(["--data-dir", str(data_dir), "report", "ledger", "--out", str(tmp_path / "l.xlsx")]) == 0
    ws = openpyxl.load_workbook(tmp_path / "l.xlsx").worksheets[0]
    assert ws.max_row == 2


def test_ledger_named_for_another_format_is_refused(data_dir: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(data_dir), "report", "ledger", "--out", str(tmp_path / "l.pdf")]) == 2
    err = capsys.readouterr().err
    assert ".xlsx" in err and "--format" not in err and not (tmp_path / "l.pdf").exists()  # the ledger has none


def test_a_ledger_that_cannot_be_written_names_the_ledger_not_a_report(data_dir: Path, tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "missing" / "l.xlsx"
    assert main(["--data-dir", str(data_dir), "--lang", "en", "report", "ledger", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"Cannot write the ledger to {out} (the folder does not exist)" in err and "report" not in err
    assert main(["--data-dir", str(data_dir), "report", "ledger", "--out", str(out)]) == 2
    assert f"无法写入台账文件：{out}" in capsys.readouterr().err


def test_the_patent_report_takes_the_technique_in_words_as_ipdesk_patents_does(data_dir: Path, tmp_path: Path) -> None:
    """It refused 种植 as an unknown technique, which `ipdesk patents` accepts."""
    for technique in ("种植", "planting"):
        out = tmp_path / f"p-{technique}.docx"
        assert main(["--data-dir", str(data_dir), "report", "patents", "--crop", "水稻", "--technique", technique,
                     "--out", str(out)]) == 0
        assert out.exists()


def test_search_filters_refuse_values_that_match_nothing(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(data_dir), "search", "茶", "--nice-class", "99"]) == 2
    assert "1–45" in capsys.readouterr().err
    with pytest.raises(SystemExit) as bad_kind:
        main(["--data-dir", str(data_dir), "search", "茶", "--gi-kind", "foo"])
    assert bad_kind.value.code == 2 and "gi_product" in capsys.readouterr().err


def test_one_purpose_is_counted_once_whatever_the_reports_language(data_dir: Path, tmp_path: Path) -> None:
    """An English report for a visitor prints its purpose in English, and the ledger still counts it with
    the Chinese ones (the reviewer saw 'Information search' and '信息查询' counted apart)."""
    from docx import Document

    assert main(["--data-dir", str(data_dir), "report", "search", "茶", "--out", str(tmp_path / "a.xlsx")]) == 0
    assert main(["--data-dir", str(data_dir), "report", "search", "茶", "--out", str(tmp_path / "b.docx"),
                 "--report-lang", "en"]) == 0
    doc = Document(str(tmp_path / "b.docx"))
    cells = {c.text for t in doc.tables for r in t.rows for c in r.cells}
    assert "Information search" in cells and "信息查询" not in cells
    assert main(["--data-dir", str(data_dir), "report", "ledger", "--out", str(tmp_path / "l.xlsx")]) == 0
    book = openpyxl.load_workbook(tmp_path / "l.xlsx")
    purposes = {row[5] for row in book.worksheets[0].iter_rows(min_row=2, values_only=True)}
    assert purposes == {"信息查询"}
    totals = [row[0] for row in book.worksheets[1].iter_rows(values_only=True) if row[0] and "咨询事项" in str(row[0])]
    assert totals == ["咨询事项：信息查询"]


def test_gi_check_report_takes_the_role_in_words_and_invents_none(data_dir: Path, tmp_path: Path) -> None:
    from docx import Document

    out = tmp_path / "g.docx"
    assert main(["--data-dir", str(data_dir), "report", "gi-check", "--product", "大米", "--township", "230184100000",
                 "--role", "合作社", "--out", str(out)]) == 0
    text = "\n".join(p.text for p in Document(str(out)).paragraphs) + "\n".join(
        c.text for t in Document(str(out)).tables for r in t.rows for c in r.cells)
    assert "农民专业合作社" in text
    unasked = tmp_path / "u.docx"
    assert main(["--data-dir", str(data_dir), "report", "gi-check", "--product", "大米", "--township", "230184100000",
                 "--out", str(unasked)]) == 0
    doc = Document(str(unasked))
    text = "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells) + "\n".join(p.text for p in doc.paragraphs)
    assert "未说明" in text  # who asked was not given, so the report does not say a cooperative did


def test_search_status_in_words(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from ipdesk.domain.i18n import status_code

    assert status_code("有效") == status_code("in force") == status_code("IN_FORCE") == "in_force"
    assert status_code("已届满") == "expired" and status_code("奇怪") is None
    assert main(["--data-dir", str(data_dir), "search", "茶", "--status", "奇怪"]) == 2
    err = capsys.readouterr().err
    assert "in_force（有效）" in err and "、valid（" not in err  # each status once, aliases left out



def test_search_group_must_be_of_the_class(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(data_dir), "search", "茶", "--group", "2901", "--nice-class", "30"]) == 2
    assert "以 30 开头" in capsys.readouterr().err
    assert main(["--data-dir", str(data_dir), "search", "茶", "--group", "9999"]) == 2
    assert main(["--data-dir", str(data_dir), "search", "茶", "--group", "3002", "--nice-class", "30"]) == 0


def test_a_brand_report_with_a_group_outside_the_class_is_neither_written_nor_logged(
        data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for group in ("9999", "2901", "abc"):
        out = tmp_path / f"b{group}.docx"
        assert main(["--data-dir", str(data_dir), "report", "brand-check", "大米", "--class", "30", "--group", group,
                     "--out", str(out)]) == 2
        assert "3001–3019" in capsys.readouterr().err and not out.exists()
    assert main(["--data-dir", str(data_dir), "report", "ledger", "--out", str(tmp_path / "l.xlsx")]) == 0
    assert "（0 条）" in capsys.readouterr().out  # nothing was logged in the service record
    assert main(["--data-dir", str(data_dir), "report", "brand-check", "大米", "--class", "30", "--group", "3008",
                 "--out", str(tmp_path / "ok.docx")]) == 0


def test_out_a_folder_writes_a_file_named_from_the_title(qapp, data_dir: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """QA #14: `--out FOLDER/` said "不支持的报告格式：（空）"; now a name is made there, as the window
    suggests one, PDF unless --format, and never over an existing file."""
    folder = tmp_path / "r"
    folder.mkdir()
    assert main(["--data-dir", str(data_dir), "report", "search", "五常", "--out", f"{folder}/"]) == 0
    pdf = folder / "知识产权信息检索报告：五常.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    for _ in range(2):
        assert main(["--data-dir", str(data_dir), "report", "search", "五常", "--format", "docx",
                     "--out", str(folder)]) == 0
    assert (folder / "知识产权信息检索报告：五常.docx").is_file() and (folder / "知识产权信息检索报告：五常-2.docx").is_file()
    assert "（空）" not in capsys.readouterr().err


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_out_without_a_format_asks_for_a_file_name(data_dir: Path, tmp_path: Path, lang: str,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    for out in (tmp_path / "noext", tmp_path / "missing-folder" / "sub"):
        assert main(["--data-dir", str(data_dir), "--lang", lang, "report", "search", "五常", "--out", str(out)]) == 2
        err = capsys.readouterr().err
        assert ".pdf" in err and ".docx" in err and "（空）" not in err and "(empty)" not in err
        assert ("文件名" in err) if lang == "zh_CN" else ("file name" in err)


def _unwritable_folder(tmp_path: Path) -> Path:
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # root writes into a read-only folder; not into /proc
        if not Path("/proc/self").is_dir():
            pytest.skip("root writes into a read-only folder")
        return Path("/proc")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    return locked


def test_a_write_error_is_said_in_one_language(data_dir: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """QA #14: "无法写入报告文件：/proc/x.pdf（No such file or directory）"."""
    folder = _unwritable_folder(tmp_path)
    try:
        for lang in ("zh_CN", "en"):
            for out in (folder / "x.pdf", tmp_path / "nonexist" / "x.pdf"):
                assert main(["--data-dir", str(data_dir), "--lang", lang, "report", "search", "五常",
                             "--out", str(out)]) == 2
                err = capsys.readouterr().err.replace(str(out), "")
                if lang == "zh_CN":
                    assert "无法写入报告文件" in err and not re.search(r"[A-Za-z]{3,}", err.replace("ipdesk", "")), err
                else:
                    assert "Cannot write the report" in err and not re.search(r"[\u4e00-\u9fff]", err), err
    finally:
        if folder.is_relative_to(tmp_path):
            folder.chmod(0o700)


def test_a_staff_name_longer_than_the_windows_limit_is_refused(data_dir: Path, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "s.pdf"
    assert main(["--data-dir", str(data_dir), "report", "search", "五常", "--staff", "张" * 21, "--out", str(out)]) == 2
    assert "最多 20 个字" in capsys.readouterr().err and not out.exists()
    assert main(["--data-dir", str(data_dir), "report", "search", "五常", "--staff", "张" * 20, "--out", str(out)]) == 0


@pytest.mark.parametrize("kind", [
    ["report", "search", "五常", "--out"], ["report", "ledger", "--out"],
    # QA round 17: the other commands that write files wrote into the current folder too
    ["backup", "--out"], ["publish", "--key", "k.key", "--out"], ["publish", "--init-key"],
    ["import", "x.csv", "--dry-run", "--errors-out"], ["import", "--template", "patent", "--out"],
])
def test_an_empty_out_is_refused_not_the_current_folder(data_dir: Path, tmp_path: Path, kind: list[str],
                                                        capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """QA: `report search 五常 --out ""` wrote the report into the current folder."""
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    with pytest.raises(SystemExit) as caught:
        main(["--data-dir", str(data_dir), *kind, ""])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert "输出路径不能为空" in err and "the output path cannot be empty" in err
    assert list(cwd.iterdir()) == []
    assert not (data_dir / "reports").exists() or not any(p.is_file() for p in (data_dir / "reports").rglob("*"))


def test_ledger_export_counts_one_entry_in_the_singular(data_dir: Path, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """QA 18b N5: English counts agree with their noun ("1 entry", not "1 entries")."""
    assert main(["--data-dir", str(data_dir), "report", "search", "茶", "--out", str(tmp_path / "a.docx")]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "--lang", "en", "report", "ledger", "--out", str(tmp_path / "l.xlsx")]) == 0
    assert capsys.readouterr().out.rstrip().endswith("(1 entry)")


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_out_naming_a_file_that_exists_is_refused_unless_force(data_dir: Path, tmp_path: Path, lang: str,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    """QA 20a N4: `report … --out exist.pdf` replaced the file without a word; now as `backup --out`: refused
    unless --force (or --overwrite), nothing written, archived or logged."""
    out = tmp_path / "exist.docx"
    out.write_text("old", encoding="utf-8")
    args = ["--data-dir", str(data_dir), "--lang", lang, "report", "search", "五常", "--out", str(out)]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "old"
    assert not (data_dir / "reports").exists() or not any(p.is_file() for p in (data_dir / "reports").rglob("*.docx"))
    if lang == "zh_CN":
        words = err.replace(str(out), "").replace("--force", "").replace("ipdesk", "")
        assert "已有同名文件" in err and "--force" in err and not re.search(r"[A-Za-z]{3,}", words), err
    else:
        assert "already exists" in err and "add --force" in err and not re.search(r"[\u4e00-\u9fff]", err)
    assert main([*args, "--force"]) == 0
    assert out.read_bytes().startswith(b"PK")  # the report, a Word file
    out.write_text("old", encoding="utf-8")
    assert main(["--data-dir", str(data_dir), "report", "patents", "--crop", "水稻", "--out", str(out)]) == 2
    assert main(["--data-dir", str(data_dir), "report", "patents", "--crop", "水稻", "--out", str(out),
                 "--overwrite"]) == 0
    assert out.read_bytes().startswith(b"PK")


def test_a_ledger_over_an_existing_file_is_refused_unless_force(data_dir: Path, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "台账.xlsx"
    out.write_text("old", encoding="utf-8")
    assert main(["--data-dir", str(data_dir), "report", "ledger", "--out", str(out)]) == 2
    assert "已有同名文件" in capsys.readouterr().err and out.read_text(encoding="utf-8") == "old"
    assert main(["--data-dir", str(data_dir), "report", "ledger", "--out", str(out), "--force"]) == 0
    assert openpyxl.load_workbook(out).worksheets


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_a_file_made_after_the_check_is_not_replaced(data_dir: Path, tmp_path: Path, lang: str,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """`--out` was checked, then the report made and archived, then copied over whatever had the name by
    then: a file made in between (another program, another export) was replaced. Without --force the
    copy now takes the name exclusively; the refusal says the file was kept and the report archived."""
    from ipdesk.services.reports.archive import ReportsService

    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "late.docx"
    archive = ReportsService._archive

    def archive_then_someone_writes(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        answer = archive(self, *args, **kwargs)  # after both checks of --out, before the copy
        out.write_text("theirs", encoding="utf-8")
        return answer

    monkeypatch.setattr(ReportsService, "_archive", archive_then_someone_writes)
    assert main(["--data-dir", str(data_dir), "--lang", lang, "report", "search", "五常", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "theirs"
    assert [p.name for p in out.parent.iterdir()] == ["late.docx"]  # no .part left beside it
    if lang == "zh_CN":
        assert f"已有同名文件：{out}。为免覆盖它，没有写入（报告已存档" in err and "请加 --force" in err, err
        assert not re.search(r"[A-Za-z]{3,}", err.replace(str(out), "").replace("--force", "").replace("ipdesk", "")), err
    else:
        assert f"A file of that name already exists: {out}. It was not written there (the report was archived" in err
        assert "add --force" in err and not re.search(r"[\u4e00-\u9fff]", err), err
    assert len(list((data_dir / "reports").rglob("*.docx"))) == 1  # archived, as said
    assert main(["--data-dir", str(data_dir), "report", "search", "五常", "--out", str(out), "--force"]) == 0
    assert out.read_bytes().startswith(b"PK")  # --force replaces it, as before


def test_a_ledger_made_after_the_check_is_not_replaced(data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    from ipdesk.services.reports import archive

    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "台账.xlsx"
    write_ledger = archive.write_ledger

    def write_while_someone_writes(*args, **kwargs):  # type: ignore[no-untyped-def]
        write_ledger(*args, **kwargs)
        out.write_text("theirs", encoding="utf-8")

    monkeypatch.setattr(archive, "write_ledger", write_while_someone_writes)
    assert main(["--data-dir", str(data_dir), "report", "ledger", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"已有同名文件：{out}。为免覆盖它，没有写入。" in err and "--force" in err, err
    assert out.read_text(encoding="utf-8") == "theirs" and [p.name for p in out.parent.iterdir()] == ["台账.xlsx"]
