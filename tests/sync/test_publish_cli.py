"""`ipdesk publish` and `ipdesk sync` as a publisher and a centre run them: real data folders (the
tiny schema-only store), real repositories on disk, the real command-line entry point."""

from __future__ import annotations

import json
import os
import shutil
import stat
import sys
from pathlib import Path

import pytest

from ipdesk.cli import main


def run(capsys: pytest.CaptureFixture[str], data: Path, *args: str, lang: str = "en") -> tuple[int, str, str]:
    code = main(["--data-dir", str(data), "--lang", lang, *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def new_folder(path: Path, tiny_seed: Path) -> Path:
    path.mkdir(parents=True)
    shutil.copyfile(tiny_seed, path / "ipdesk.sqlite")
    return path


TM_CSV = ("注册号*,商标*,类别*,类似群,商品服务,注册人\n"
          "99000001,合成测试五常香,30,3002,大米,合成测试合作社\n"
          "99000002,合成测试稻花香,30,3002,大米,合成测试合作社\n")
PATENT_CSV = ("公开号*,申请号,名称*,申请人\n"
              "CN888000001A,CN888000001,合成测试种植方法一,合成测试申请人\n")


@pytest.fixture
def publisher(tmp_path: Path, tiny_seed: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path]:
    data = new_folder(tmp_path / "pub", tiny_seed)
    key = tmp_path / "keys" / "pub1.key"
    key.parent.mkdir()
    assert run(capsys, data, "publish", "--init-key", str(key))[0] == 0
    return data, key


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_repository_files_are_readable_by_a_web_server_running_as_another_user(
        tmp_path: Path, publisher: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    data, key = publisher
    csv = tmp_path / "p.csv"
    csv.write_text(PATENT_CSV, encoding="utf-8")
    repo = tmp_path / "repo"
    old = os.umask(0o022)
    try:
        code, _out, err = run(capsys, data, "publish", "--out", str(repo), "--key", str(key), "--from", str(csv))
    finally:
        os.umask(old)
    assert code == 0, err
    files = [p for p in repo.rglob("*") if p.is_file()]
    assert {p.name for p in files} >= {"manifest.json", "manifest.json.sig", "keys.json", "keys.json.sig"}
    assert any(p.parent.name == "objects" for p in files)
    for p in files:
        assert stat.S_IMODE(p.stat().st_mode) == 0o644, p
    for d in (repo, repo / "objects"):
        assert stat.S_IMODE(d.stat().st_mode) == 0o755, d
    # a stricter umask is respected
    os.umask(0o077)
    try:
        run(capsys, data, "publish", "--out", str(tmp_path / "private"), "--key", str(key))
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "private" / "manifest.json").stat().st_mode) == 0o600
