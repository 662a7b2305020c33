"""`ipdesk report …` in process: exports, archive, and exit status 2 for a bad format or path."""

from __future__ import annotations

import json
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
    assert ".xlsx" in capsys.readouterr().err and not (tmp_path / "l.pdf").exists()


def test_search_filters_refuse_values_that_match_nothing(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(data_dir), "search", "茶", "--nice-class", "99"]) == 2
    assert "1–45" in capsys.readouterr().err
    with pytest.raises(SystemExit) as bad_kind:
        main(["--data-dir", str(data_dir), "search", "茶", "--gi-kind", "foo"])
    assert bad_kind.value.code == 2 and "gi_product" in capsys.readouterr().err


def test_an_english_report_is_logged_in_the_operators_language(data_dir: Path, tmp_path: Path) -> None:
    assert main(["--data-dir", str(data_dir), "report", "search", "茶", "--out", str(tmp_path / "a.xlsx")]) == 0
    assert main(["--data-dir", str(data_dir), "report", "search", "茶", "--out", str(tmp_path / "b.pdf"),
                 "--report-lang", "en"]) == 0
    assert main(["--data-dir", str(data_dir), "report", "ledger", "--out", str(tmp_path / "l.xlsx")]) == 0
    entries = openpyxl.load_workbook(tmp_path / "l.xlsx").worksheets[0]
    purposes = {row[5] for row in entries.iter_rows(min_row=2, values_only=True)}
    assert purposes == {"信息查询"}  # one purpose in the statistics, not 信息查询 and Information search
