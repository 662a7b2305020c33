"""Imported records published with the dataset's source. Real data folders (the tiny schema-only
store), real repositories on disk, the real command-line entry point."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.sync.test_publish_cli import new_folder, run

HEADER = "公开号*,申请号,名称*,申请人\n"


def patents_csv(path: Path, numbers: range) -> Path:
    path.write_text(HEADER + "".join(f"CN88800{n:04d}A,CN88800{n:04d},合成测试种植方法{n},合成测试申请人\n"
                                     for n in numbers), encoding="utf-8")
    return path


def test_imported_records_are_published_with_the_datasets_source_official_ones_keep_theirs(
        tmp_path: Path, tiny_seed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pub = new_folder(tmp_path / "pub", tiny_seed)
    key = tmp_path / "pub.key"
    assert run(capsys, pub, "publish", "--init-key", str(key))[0] == 0
    official = "国家知识产权局专利公报 2026年第40期 / CNIPA Patent Gazette 2026 issue 40"
    with sqlite3.connect(pub / "ipdesk.sqlite") as conn:
        conn.execute("INSERT INTO patent (pub_no, app_no, kind, title, abstract, applicants, inventors, address, "
                     "region_code, ipc_codes, priority, legal_status, source, dataset) VALUES "
                     "('CN888009999A', '', 'invention', '合成测试官方专利', '', '', '', '', '', '', '', '', ?, "
                     "'patents')", (official,))
    repo = tmp_path / "repo"
    code, _out, err = run(capsys, pub, "publish", "--out", str(repo), "--key", str(key), "--from",
                          str(patents_csv(tmp_path / "county-patents.csv", range(1, 3))), "--name", "合成测试发布者")
    assert code == 0, err
    with sqlite3.connect(pub / "ipdesk.sqlite") as conn:  # the publisher's own rows say where they came from
        assert "county-patents.csv（导入 / imported " in conn.execute(
            "SELECT source FROM patent WHERE pub_no = 'CN888000001A'").fetchone()[0]
    centre = new_folder(tmp_path / "centre", tiny_seed)
    trusted = ("--trusted-key", f"{key}.pub")
    assert run(capsys, centre, "sync", "--dir", str(repo), *trusted)[0] == 0

    def sources() -> dict[str, str]:
        with sqlite3.connect(centre / "ipdesk.sqlite") as conn:
            return dict(conn.execute("SELECT pub_no, source FROM patent ORDER BY pub_no").fetchall())

    assert sources() == {"CN888000001A": "由 合成测试发布者 发布 / Published by the update's publisher",
                         "CN888000002A": "由 合成测试发布者 发布 / Published by the update's publisher",
                         "CN888009999A": official}
    code, out, _err = run(capsys, centre, "sync", "--check", "--json", "--dir", str(repo), *trusted)
    assert json.loads(out)["up_to_date"]  # the centre does not count the publisher's imports as its own
    # with --source, an imported record reads as what the publisher names
    gazette = "国家知识产权局专利公报 2026年第47期"
    assert run(capsys, pub, "publish", "--out", str(repo), "--key", str(key), "--from",
               str(patents_csv(tmp_path / "county-patents.csv", range(1, 4))), "--source", gazette)[0] == 0
    assert run(capsys, centre, "sync", "--dir", str(repo), *trusted)[0] == 0
    assert sources() == {"CN888000001A": gazette, "CN888000002A": gazette, "CN888000003A": gazette,
                         "CN888009999A": official}
