"""The publisher's operator (QA round 20c): the same data from a rebuilt database is no change (N7); a
missing old snapshot skips its delta (N2); a dataset replaced from files withdraws what they lack, and a
database that lost the last version's changes is refused (N1); the expiry is printed (N5); key slips
(N9); a full disk and a killed publish's leftovers (N11). Real data folders (the tiny schema-only store),
real repositories on disk, the real command-line entry point."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.sync.test_publish_cli import new_folder, run
from tests.sync.test_publish_counts import HEADER


def _key(tmp_path: Path, capsys: pytest.CaptureFixture[str], folder: Path, name: str = "pub.key") -> Path:
    key = tmp_path / "keys" / name
    key.parent.mkdir(exist_ok=True)
    assert run(capsys, folder, "publish", "--init-key", str(key))[0] == 0
    return key


def _imported(tmp_path: Path, tiny_seed: Path, capsys: pytest.CaptureFixture[str], name: str,
              numbers: list[int]) -> Path:
    """A data folder whose database holds the synthetic patents `numbers`, imported in that order."""
    folder = new_folder(tmp_path / name, tiny_seed)
    csv = tmp_path / f"{name}.csv"
    csv.write_text(HEADER + "".join(f"CN88800{n:04d}A,CN88800{n:04d},合成测试种植方法{n},合成测试申请人\n"
                                    for n in numbers), encoding="utf-8")
    assert run(capsys, folder, "import", str(csv))[0] == 0
    return folder


def test_the_same_data_from_a_rebuilt_database_is_no_change(
        tmp_path: Path, tiny_seed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = _imported(tmp_path, tiny_seed, capsys, "first", [1, 2, 3, 4])
    rebuilt = _imported(tmp_path, tiny_seed, capsys, "rebuilt", [4, 3, 2, 1, 5])  # other ids, one more record
    with sqlite3.connect(rebuilt / "ipdesk.sqlite") as conn:
        conn.execute("DELETE FROM patent WHERE pub_no = 'CN888000005A'")
    key = _key(tmp_path, capsys, first)
    repo = tmp_path / "repo"
    publish = ("publish", "--out", str(repo), "--key", str(key), "--name", "合成测试发布者", "--from")
    assert run(capsys, first, *publish, str(first / "ipdesk.sqlite"))[0] == 0
    ids = {r for r in sqlite3.connect(rebuilt / "ipdesk.sqlite").execute("SELECT pub_no, id FROM patent")}
    assert ids != {r for r in sqlite3.connect(first / "ipdesk.sqlite").execute("SELECT pub_no, id FROM patent")}
    code, out, err = run(capsys, first, *publish, str(rebuilt / "ipdesk.sqlite"), lang="zh_CN")
    assert code == 0, err
    assert "数据无变化，只是重新签名" in out, out
    # one real change among id changes: only that record counts
    with sqlite3.connect(rebuilt / "ipdesk.sqlite") as conn:
        conn.execute("UPDATE patent SET title = '合成测试种植方法二（修订）' WHERE pub_no = 'CN888000002A'")
    code, out, err = run(capsys, first, *publish, str(rebuilt / "ipdesk.sqlite"), "--json")
    assert code == 0, err
    assert json.loads(out)["datasets"]["patents"] == {"version": 2, "records": 4, "added": 0, "changed": 1,
                                                      "removed": 0}
