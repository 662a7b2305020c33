"""`ipdesk publish` and `ipdesk sync` as a publisher and a centre run them: real data folders (the
tiny schema-only store), real repositories on disk, the real command-line entry point."""

from __future__ import annotations

import gc
import json
import os
import re
import shutil
import stat
import tempfile
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


def count(data: Path, sql: str) -> int:
    import sqlite3

    with sqlite3.connect(data / "ipdesk.sqlite") as conn:
        return int(conn.execute(sql).fetchone()[0])


def test_publishing_no_trademarks_keeps_the_trademarks_a_centre_imported(
        tmp_path: Path, tiny_seed: Path, publisher: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    pub, key = publisher
    repo = tmp_path / "repo"
    patents_csv, tm_csv = tmp_path / "p.csv", tmp_path / "tm.csv"
    patents_csv.write_text(PATENT_CSV, encoding="utf-8")
    tm_csv.write_text(TM_CSV, encoding="utf-8")
    code, out, err = run(capsys, pub, "publish", "--out", str(repo), "--key", str(key), "--from", str(patents_csv),
                         "--name", "合成测试发布者")
    assert code == 0, err
    assert "Not published: " in out and "Trademarks" in out and "--dataset" in out
    manifest = json.loads((repo / "manifest.json").read_text(encoding="utf-8"))
    assert "trademarks" not in manifest["datasets"] and "patents" in manifest["datasets"]

    centre = new_folder(tmp_path / "centre", tiny_seed)
    code, out, err = run(capsys, centre, "import", str(tm_csv))
    assert code == 0, err
    assert "not marked local" in out and "--local" in out
    code, out, err = run(capsys, centre, "import", "--dry-run", str(tm_csv), lang="zh_CN")
    assert "未标为本机数据" not in out and "没有标为本机数据" not in out  # nothing merged: nothing to warn about
    trusted = ("--trusted-key", f"{key}.pub")
    code, out, err = run(capsys, centre, "sync", "--dir", str(repo), *trusted)
    assert code == 0, err
    assert count(centre, "SELECT count(*) FROM trademark WHERE dataset = 'trademarks'") == 2

    # now the publisher does publish trademarks: the check says what the centre would lose, before anything happens
    more = tmp_path / "tm2.csv"
    more.write_text(TM_CSV.splitlines()[0] + "\n99000009,合成测试米香,30,3002,大米,合成测试发布者\n", encoding="utf-8")
    assert run(capsys, pub, "publish", "--out", str(repo), "--key", str(key), "--from", str(more))[0] == 0
    code, out, err = run(capsys, centre, "sync", "--check", "--dir", str(repo), *trusted, lang="zh_CN")
    assert code == 0, err
    assert "将删除或替换本机导入的 2 条记录（未标为本机数据）" in out
    code, out, err = run(capsys, centre, "sync", "--check", "--json", "--dir", str(repo), *trusted)
    report = json.loads(out)
    assert report["imported_at_risk"] == 2
    assert [p["imported_at_risk"] for p in report["plan"] if p["name"] == "trademarks"] == [2]
    assert count(centre, "SELECT count(*) FROM trademark WHERE dataset = 'trademarks'") == 2  # nothing happened

    # the warning was true: the update replaces the centre's imports with the publisher's list
    assert run(capsys, centre, "sync", "--dir", str(repo), *trusted)[0] == 0
    assert count(centre, "SELECT count(*) FROM trademark WHERE reg_no IN ('99000001', '99000002')") == 0
    code, out, err = run(capsys, centre, "sync", "--check", "--json", "--dir", str(repo), *trusted)
    assert json.loads(out)["imported_at_risk"] == 0

    # the warning's advice works: a centre that imports the same file again as local keeps its records
    careful = new_folder(tmp_path / "careful", tiny_seed)
    assert run(capsys, careful, "import", str(tm_csv))[0] == 0
    code, out, err = run(capsys, careful, "sync", "--check", "--dir", str(repo), *trusted, lang="zh_CN")
    assert "ipdesk import --local" in out
    assert run(capsys, careful, "import", "--local", str(tm_csv))[0] == 0
    code, out, err = run(capsys, careful, "sync", "--check", "--json", "--dir", str(repo), *trusted)
    assert json.loads(out)["imported_at_risk"] == 0
    assert run(capsys, careful, "sync", "--dir", str(repo), *trusted)[0] == 0
    assert count(careful, "SELECT count(*) FROM trademark WHERE reg_no IN ('99000001', '99000002') "
                          "AND dataset = 'local_trademarks'") == 2


def test_an_empty_dataset_named_with_dataset_is_published(
        tmp_path: Path, publisher: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    pub, key = publisher
    code, out, err = run(capsys, pub, "publish", "--out", str(tmp_path / "repo"), "--key", str(key),
                         "--dataset", "trademarks", "--json")
    assert code == 0, err
    assert json.loads(out)["skipped"] == []
    assert "trademarks" in json.loads((tmp_path / "repo" / "manifest.json").read_text(encoding="utf-8"))["datasets"]


def test_rotation_resigns_the_manifest_and_the_old_key_is_refused_afterwards(
        tmp_path: Path, tiny_seed: Path, publisher: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    from ipdesk.services.db import open_database
    from ipdesk.services.sync.client import SyncService

    pub, old = publisher
    new = tmp_path / "keys" / "pub2.key"
    repo = tmp_path / "repo"
    csv = tmp_path / "p.csv"
    csv.write_text(PATENT_CSV, encoding="utf-8")
    assert run(capsys, pub, "publish", "--out", str(repo), "--key", str(old), "--from", str(csv))[0] == 0
    assert run(capsys, pub, "publish", "--init-key", str(new))[0] == 0

    # a centre whose publisher key is the old one (as the bundled key is for everyone)
    centre = tmp_path / "centre"
    db = open_database(centre, seed=tiny_seed)
    try:
        def client() -> SyncService:
            return SyncService(db.engine, centre, default_key_file=Path(f"{old}.pub"))

        assert client().sync(str(repo)).applied is not None
        code, out, err = run(capsys, pub, "publish", "--out", str(repo), "--key", str(old), "--rotate-to", str(new),
                             lang="zh_CN")
        assert code == 0, err
        assert "已用新密钥重新签名" in out and f"--key {new}" in out
        # the client follows the rotation and, before anything new is published, still accepts the repository
        assert client().check(str(repo)).up_to_date

        # the old key by mistake: refused, nothing written
        before = (repo / "manifest.json").read_bytes()
        code, out, err = run(capsys, pub, "publish", "--out", str(repo), "--key", str(old))
        assert code != 0
        assert "not in this repository's current key list (keys.json version 2" in err and "--key" in err
        assert (repo / "manifest.json").read_bytes() == before
        # so is a second rotation signed by the retired key
        third = tmp_path / "keys" / "pub3.key"
        assert run(capsys, pub, "publish", "--init-key", str(third))[0] == 0
        code, out, err = run(capsys, pub, "publish", "--out", str(repo), "--key", str(old), "--rotate-to", str(third))
        assert code != 0 and "keys.json version 2" in err

        code, out, err = run(capsys, pub, "publish", "--out", str(repo), "--key", str(new))
        assert code == 0, err
        client().check(str(repo))  # signed by the new key: accepted
    finally:
        db.close()


def test_kiosks_see_the_source_the_publisher_gives_not_its_file_names(
        tmp_path: Path, tiny_seed: Path, publisher: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    pub, key = publisher
    repo = tmp_path / "repo"
    csv = tmp_path / "county-patents.csv"
    csv.write_text(PATENT_CSV, encoding="utf-8")
    assert run(capsys, pub, "publish", "--out", str(repo), "--key", str(key), "--from", str(csv),
               "--name", "合成测试发布者")[0] == 0
    centre = new_folder(tmp_path / "centre", tiny_seed)
    assert run(capsys, centre, "sync", "--dir", str(repo), "--trusted-key", f"{key}.pub")[0] == 0
    _code, out, _err = run(capsys, centre, "info", lang="zh_CN")
    line = next(x for x in out.splitlines() if "(patents)" in x)
    assert "由 合成测试发布者 发布" in line and "county-patents.csv" not in line
    _code, out, _err = run(capsys, centre, "info", lang="en")
    line = next(x for x in out.splitlines() if "(patents)" in x)
    # the publisher's name is a proper name: in English too (QA: "the update's publisher" named nobody)
    assert "Published by 合成测试发布者" in line and "由 " not in line and "county-patents.csv" not in line

    csv.write_text(PATENT_CSV + "CN888000002A,CN888000002,合成测试种植方法二,合成测试申请人\n", encoding="utf-8")
    gazette = "国家知识产权局专利公报 2026年第47期"
    assert run(capsys, pub, "publish", "--out", str(repo), "--key", str(key), "--from", str(csv),
               "--source", gazette)[0] == 0
    manifest = json.loads((repo / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["datasets"]["patents"]["source"] == gazette


def test_a_source_names_what_the_files_brought_and_stays_for_the_weekly_signing(
        tmp_path: Path, tiny_seed: Path, publisher: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    """QA: `--source` was written onto the built-in datasets published beside the files (the divisions' registry
    credit lost on every kiosk), and the weekly `publish` without it relabelled every record, so each kiosk
    downloaded and rewrote the whole dataset as changed."""
    pub, key = publisher
    import sqlite3

    with sqlite3.connect(pub / "ipdesk.sqlite") as conn:  # built-in data beside the files, with their registry's credit
        conn.execute("INSERT INTO division VALUES ('990000000000', '合成测试省', 1, NULL, '', 'divisions')")
        conn.execute("INSERT OR REPLACE INTO dataset VALUES ('divisions', 1, '2026-09-11', 'seed', "
                     "'合成测试区划来源 / synthetic division source', '', 1, NULL)")
    repo = tmp_path / "repo"
    csv = tmp_path / "p.csv"
    csv.write_text(PATENT_CSV, encoding="utf-8")
    gazette = "合成测试专利公报 第1期"
    assert run(capsys, pub, "publish", "--out", str(repo), "--key", str(key), "--from", str(csv),
               "--source", gazette)[0] == 0
    first = json.loads((repo / "manifest.json").read_text(encoding="utf-8"))
    assert first["datasets"]["patents"]["source"] == gazette
    assert first["datasets"]["divisions"]["source"] == "合成测试区划来源 / synthetic division source"

    code, out, err = run(capsys, pub, "publish", "--json", "--out", str(repo), "--key", str(key))
    assert code == 0, err
    assert json.loads(out)["changed"] == {}  # signed again, nothing sent again
    again = json.loads((repo / "manifest.json").read_text(encoding="utf-8"))
    assert again["version"] == first["version"] + 1 and again["datasets"] == first["datasets"]

    centre = new_folder(tmp_path / "centre", tiny_seed)
    assert run(capsys, centre, "sync", "--dir", str(repo), "--trusted-key", f"{key}.pub")[0] == 0
    _code, out, _err = run(capsys, centre, "info", lang="zh_CN")
    assert gazette in next(x for x in out.splitlines() if "(patents)" in x)


def test_an_official_source_is_kept_with_imports_on_top_named_as_published(tmp_path: Path) -> None:
    from ipdesk.services.sync.manifest import generate_key
    from ipdesk.services.sync.publisher import Publisher

    publisher = Publisher(tmp_path / "repo", generate_key(tmp_path / "k"), publisher_name="Synthetic Test Centre")
    mixed = "国家知识产权局地理标志名录；另含 gi.csv（2026-11-26 13:57 导入） / CNIPA GI list; plus gi.csv (imported 2026-11-26 13:57)"
    assert publisher._published_source(mixed, "seed") == (
        "国家知识产权局地理标志名录；另含 由 Synthetic Test Centre 发布的记录 / CNIPA GI list; plus records published "
        "by Synthetic Test Centre")
    assert publisher._published_source("国家统计局 / NBS", "seed") == "国家统计局 / NBS"
    assert publisher._published_source("a.csv（导入） / a.csv (imported)", "import") == \
        "由 Synthetic Test Centre 发布 / Published by Synthetic Test Centre"


def test_progress_lines_read_naturally_in_either_language() -> None:
    from ipdesk.commands.sync_cmd import progress_text
    from ipdesk.services.sync.client import SyncProgress

    down = SyncProgress("download", 1_147_683, 6_659_741, eta_seconds=18)
    assert progress_text(down, "zh_CN") == "正在下载：1.1 / 6.4 MB，剩余约 18 秒"
    assert progress_text(down, "en") == "Downloading: 1.1 / 6.4 MB, about 18 s left"
    slow = SyncProgress("download", 200_000, 27_000_000, eta_seconds=1_250)
    assert progress_text(slow, "zh_CN") == "正在下载：0.2 / 25.7 MB，剩余约 21 分钟"
    assert progress_text(SyncProgress("download", 6_600_000, 6_659_741, eta_seconds=0.3), "en") == \
        "Downloading: 6.3 / 6.4 MB"  # never "about 0 s left"
    retry = SyncProgress("retry", 1_147_683, 6_659_741, attempt=2, attempts=6)
    assert progress_text(retry, "zh_CN") == "连接中断，正在重新连接（第 2 / 6 次）……"
    assert progress_text(retry, "en") == "Connection lost; reconnecting (try 2 of 6)…"
    apply = SyncProgress("apply", records=62_957, total_records=102_957, eta_seconds=3)
    assert progress_text(apply, "zh_CN") == "正在写入数据：62,957 / 102,957 条记录，剩余约 3 秒"
    assert progress_text(SyncProgress("apply", records=1, total_records=1, eta_seconds=7_500), "en") == \
        "Applying: 1 / 1 records, about 2 h 5 min left"


def test_sync_output_status_and_errors(tmp_path: Path, tiny_seed: Path, publisher: tuple[Path, Path],
                                       capsys: pytest.CaptureFixture[str]) -> None:
    pub, key = publisher
    repo = tmp_path / "repo"
    csv = tmp_path / "p.csv"
    csv.write_text(PATENT_CSV, encoding="utf-8")
    code, out, err = run(capsys, pub, "publish", "--out", str(repo), "--key", str(key), "--from", str(csv))
    assert code == 0, err
    assert "Merged the import files: Patents" in out
    assert "Published update package version 1 (Patents data v1): 1 file, " in out and " bytes → " in out
    centre = new_folder(tmp_path / "centre", tiny_seed)
    assert run(capsys, centre, "import", "--local", str(csv))[0] == 0  # the centre's own copy of the record
    trusted = ("--trusted-key", f"{key}.pub")

    code, out, err = run(capsys, centre, "sync", "--check", "--dir", str(repo), *trusted, lang="zh_CN")
    assert "有更新：更新包第 1 版，需下载 " in out and "专利：新数据集，数据 v1（完整快照，" in out, out
    code, out, err = run(capsys, centre, "sync", "--dir", str(repo), *trusted, "--progress", lang="zh_CN")
    assert code == 0, err
    assert "正在检查更新来源" in err and "正在下载：" in err and "download " not in err
    assert "已更新到更新包第 1 版" in out and "专利：新数据集，数据 v1（完整快照）+0 ~0 -0（保留本地 1 条）" in out, out
    code, out, err = run(capsys, centre, "sync", "--status")
    assert "Applied update package: version 1" in out
    assert "Patents: new dataset, data v1 (full snapshot) +0 ~0 -0 (1 kept local)" in out, out

    # --json: progress as JSON lines on stderr, and a refused sync as JSON on stdout with the same exit status
    again = new_folder(tmp_path / "again", tiny_seed)
    code, out, err = run(capsys, again, "sync", "--dir", str(repo), *trusted, "--json", "--progress")
    assert code == 0 and json.loads(out)["version"] == 1
    assert {json.loads(line)["phase"] for line in err.splitlines()} >= {"check", "download", "apply"}
    stranger = new_folder(tmp_path / "stranger", tiny_seed)
    code_text, _out, err_text = run(capsys, stranger, "sync", "--dir", str(repo))
    assert err_text.startswith("ipdesk: ")  # without --json: words on stderr, as before
    assert "--trusted-key FILE.pub" in err_text and "Settings → Trusted publishers" in err_text  # the way out
    code, out, err = run(capsys, stranger, "sync", "--dir", str(repo), "--json", lang="zh_CN")
    assert code == code_text == 6 and "不是由受信任的发布者签名的" in json.loads(out)["message"]
    assert "请向发布者索取公钥文件（.pub），用 --trusted-key 文件.pub 指定" in json.loads(out)["message"]
    assert json.loads(out)["error"] == "signature" and json.loads(out)["exit"] == 6 and err == ""
    code, out, err = run(capsys, stranger, "sync", "--check", "--json", "--dir", str(tmp_path / "nowhere"))
    assert code != 0 and json.loads(out)["message"]


def test_publish_on_a_fresh_data_folder_and_a_rejected_row(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    fresh = tmp_path / "fresh"
    key = tmp_path / "k"
    assert run(capsys, fresh, "publish", "--init-key", str(key))[0] == 0
    code, out, err = run(capsys, fresh, "publish", "--out", str(tmp_path / "repo"), "--key", str(key))
    assert code == 0, err
    assert (fresh / "ipdesk.sqlite").exists()
    assert "Administrative divisions data v1" in out and re.search(r"3 files, [\d,]+ KB → ", out), out
    assert "Not published: Patents, Trademarks" in out  # empty in the built-in data
    # a new install checks it: the built-in divisions are due for a snapshot (they have no source column)
    client = tmp_path / "client"
    code, out, err = run(capsys, client, "sync", "--check", "--json", "--dir", str(tmp_path / "repo"),
                         "--trusted-key", str(key) + ".pub")
    assert code == 0, err
    assert json.loads(out)["imported_at_risk"] == 0
    bad = tmp_path / "bad.csv"
    bad.write_text("公开号*,申请号,名称*,申请人\nCN777000001A,CN777000001,,合成测试申请人\n", encoding="utf-8")
    code, out, err = run(capsys, fresh, "publish", "--out", str(tmp_path / "repo"), "--key", str(key), "--from",
                         str(bad))
    assert code == 2 and "1 row of the import files was rejected" in err
    gc.collect()
    assert not list(temp.glob("ipdesk-import-*"))  # the stopped import's staging folder is gone


def test_a_folder_given_relative_is_kept_as_an_absolute_path(
        tmp_path: Path, tiny_seed: Path, publisher: tuple[Path, Path], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """QA: `sync --dir repo` recorded "repo", which names nothing from another folder or a scheduled task."""
    from ipdesk.services.sync.state import load_state

    pub, key = publisher
    csv = tmp_path / "p.csv"
    csv.write_text(PATENT_CSV, encoding="utf-8")
    assert run(capsys, pub, "publish", "--out", str(tmp_path / "repo"), "--key", str(key), "--from", str(csv))[0] == 0
    centre = new_folder(tmp_path / "centre", tiny_seed)
    monkeypatch.chdir(tmp_path)
    code, _out, err = run(capsys, centre, "sync", "--check", "--dir", "repo", "--trusted-key", f"{key}.pub")
    assert code == 0, err
    assert load_state(centre).source == str(tmp_path / "repo")


def test_the_private_key_given_as_trusted_is_named_as_such(
        tmp_path: Path, tiny_seed: Path, publisher: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    _pub, key = publisher
    centre = new_folder(tmp_path / "centre", tiny_seed)
    code, _out, err = run(capsys, centre, "sync", "--check", "--dir", str(tmp_path), "--trusted-key", str(key),
                          lang="zh_CN")
    assert code != 0 and f"{key} 是发布者的私钥" in err and f"{key}.pub" in err, err
