"""`ipdesk import` as a real process next to another import: it says when it has to wait for the
other writer, and its counts are what its merge did, not what its preview expected (QA 18c N4, N5:
two imports of the same numbers both said "新增 30000", and the second waited in silence)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

from tests.conftest import ROOT
from tests.importers.conftest import PATENT_HEADER, patent_rows, write_csv


def test_a_second_import_says_it_waits_and_counts_what_it_merged(tmp_path: Path, importer, services) -> None:  # type: ignore[no-untyped-def]
    first = write_csv(tmp_path / "a.csv", PATENT_HEADER, patent_rows(30))
    rows = [[*r[:2], f"{r[2]}（B）", *r[3:]] for r in patent_rows(30)]  # the same numbers, other titles
    second = write_csv(tmp_path / "b.csv", PATENT_HEADER, rows)
    preview = importer.stage([first])
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    started: list[subprocess.Popen[str]] = []
    lines: list[str] = []
    waits = threading.Event()

    def read(proc: subprocess.Popen[str]) -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line)
            if "等待" in line:
                waits.set()

    reader = threading.Thread(target=lambda: read(started[0]), daemon=True)

    def meanwhile(stage: str, _done: int, _total: int) -> None:
        """Inside the first merge (its rows not yet committed): the second import stages, sees 30 new
        records, and then has to wait for this merge, and says so."""
        if stage != "merge" or started:
            return
        started.append(subprocess.Popen(
            [sys.executable, "-m", "ipdesk", "--data-dir", str(services.data_dir), "import", str(second)],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8"))
        reader.start()
        assert waits.wait(60), lines

    result = importer.commit(preview, progress=meanwhile)
    assert result.inserted["patent"] == 30
    proc = started[0]
    proc.wait(120)
    reader.join(10)
    assert proc.stderr is not None
    assert proc.returncode == 0, proc.stderr.read()
    text = "".join(lines)
    assert text.count("正在等待另一个导入或数据更新写完") == 1, text
    # what the merge did: the first import had added them all, so the second changed them
    assert "新增 0  变更 30  未变 0  拒绝 0" in text and "新增 30" not in text, text
    with services.db.engine.connect() as conn:
        titles = [r[0] for r in conn.exec_driver_sql("SELECT title FROM patent WHERE pub_no LIKE 'CN999%'")]
    assert len(titles) == 30 and all(t.endswith("（B）") for t in titles)


def test_the_cli_lists_other_offices_records_as_not_imported(tmp_path: Path, data_dir: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.cli import main
    from tests.importers.test_foreign_office import _mixed_zip

    monkeypatch.setenv("IPDESK_DATA_DIR", str(data_dir))
    bundle = _mixed_zip(tmp_path)
    assert main(["--data-dir", str(data_dir), "import", str(bundle)]) == 0
    out = capsys.readouterr().out
    assert "商标" in out and "新增 2  变更 0  未变 0  拒绝 0" in out
    assert "未导入（共 3 条）" in out and "美国（US）" in out and "法国（FR）" in out
    assert "已合并；另有 3 条其他国家或地区主管机关的记录没有导入" in out and "已全部合并" not in out
    assert "没有标为本机数据" in out  # the usual reminder still follows
    assert main(["--data-dir", str(data_dir), "--lang", "en", "import", str(bundle)]) == 0
    out = capsys.readouterr().out
    assert "Not imported (3):" in out and "Merged; 3 records of other offices were not imported" in out
    assert "trademarks new 0  changed 0  unchanged 2  rejected 0" in out
    assert "2 trademarks and 1 GI come from the offices of the United States (US) and France (FR)" in out
    only_us = tmp_path / "us.zip"
    with zipfile.ZipFile(bundle) as src, zipfile.ZipFile(only_us, "w") as zf:
        zf.writestr("us.xml", src.read("us.xml"))
    assert main(["--data-dir", str(data_dir), "import", str(only_us)]) == 2
    assert "没有导入任何数据" in capsys.readouterr().err


def test_the_cli_refuses_an_as_of_date_after_today(tmp_path: Path, data_dir: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    """QA 22c: `--as-of 2030-01-01` was taken, and the data said "数据截至 2030-01-01"; the window's date box
    stops at today, and so does the CLI now."""
    import datetime as dt

    from ipdesk.cli import main

    monkeypatch.setenv("IPDESK_DATA_DIR", str(data_dir))
    path = write_csv(tmp_path / "p.csv", PATENT_HEADER, list(patent_rows(1)))
    later = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    assert main(["--data-dir", str(data_dir), "import", "--dry-run", "--as-of", later, str(path)]) == 2
    err = capsys.readouterr().err
    assert f"--as-of 不能晚于今天（本机日期 {dt.date.today().isoformat()}）" in err
    assert main(["--data-dir", str(data_dir), "import", "--dry-run", "--as-of", dt.date.today().isoformat(),
                 str(path)]) == 0


def test_the_cli_names_the_file_and_the_value_of_a_later_as_of_column(tmp_path: Path, data_dir: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from ipdesk.cli import main

    later = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    path = write_csv(tmp_path / "future.csv", ["公开号", "名称", "专利类型", "截至日期"],
                     [["CN999400001U", "合成测试截至日期", "实用新型", later]])
    assert main(["--data-dir", str(data_dir), "--lang", "en", "import", "--dry-run", str(path)]) == 1
    out = capsys.readouterr().out
    assert (f"  future.csv row 2 [As of] '{later}': the as-of date {later} is later than today "
            f"({dt.date.today().isoformat()} by this computer's clock)") in out
