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
from tests.sync.test_publish_counts import HEADER, patents_csv


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


def _published_versions(tmp_path: Path, tiny_seed: Path, capsys: pytest.CaptureFixture[str], n: int
                        ) -> tuple[Path, Path, Path, tuple[str, ...]]:
    """A publisher's folder, key and repository with patents data v1 … vn (one patent more each time)."""
    pub = new_folder(tmp_path / "pub", tiny_seed)
    key = _key(tmp_path, capsys, pub)
    repo = tmp_path / "repo"
    publish = ("publish", "--out", str(repo), "--key", str(key), "--name", "合成测试发布者")
    for v in range(1, n + 1):
        code, _out, err = run(capsys, pub, *publish, "--from", str(patents_csv(tmp_path / f"p{v}.csv", range(1, 4 + v))))
        assert code == 0, err
    return pub, key, repo, publish


def _named_objects(repo: Path) -> set[str]:
    entry = json.loads((repo / "manifest.json").read_text(encoding="utf-8"))["datasets"]["patents"]
    return {entry["snapshot"]["sha256"], *(d["sha256"] for d in entry["deltas"])}


def test_deleted_old_objects_skip_their_deltas_and_the_publish_goes_on(
        tmp_path: Path, tiny_seed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pub, _key_file, repo, publish = _published_versions(tmp_path, tiny_seed, capsys, 4)
    named = _named_objects(repo)
    for path in (repo / "objects").iterdir():  # what QA did: every object the manifest does not name
        if path.name not in named:
            path.unlink()
    code, out, err = run(capsys, pub, *publish, "--from", str(patents_csv(tmp_path / "p5.csv", range(1, 10))),
                         lang="zh_CN")
    assert code == 0, err
    assert "已发布更新包第 5 版" in out and "专利：数据 v5，新增 2、更改 0、删除 0，共 9 条" in out, out
    assert "注意：专利没有生成从数据 v3 起的增量，因为那个版本的快照" in out and "停在 v3 的终端会下载完整数据" in out
    assert "从数据 v2 起" in out and "从数据 v4 起" not in out  # v4 is the previous version: its snapshot is named
    entry = json.loads((repo / "manifest.json").read_text(encoding="utf-8"))["datasets"]["patents"]
    assert [d["from"] for d in entry["deltas"]] == [4]
    assert all((repo / "objects" / sha).is_file() for sha in _named_objects(repo))
    # a re-sign works too (QA: it failed the same way, so the repository could not be kept from expiring)
    code, out, err = run(capsys, pub, *publish, "--json")
    assert code == 0 and json.loads(out)["changed"] == {}, err


def test_prune_deletes_only_what_neither_the_manifest_nor_the_next_publish_needs(
        tmp_path: Path, tiny_seed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pub, _key_file, repo, publish = _published_versions(tmp_path, tiny_seed, capsys, 5)
    before = {p.name for p in (repo / "objects").iterdir()}
    (repo / "objects" / "README.txt").write_text("not ours", encoding="utf-8")
    code, out, err = run(capsys, pub, *publish, "--prune", "--json")
    assert code == 0, err
    report = json.loads(out)
    history = json.loads((repo / "history.json").read_text(encoding="utf-8"))["patents"]["versions"]
    kept = _named_objects(repo) | {history[v]["snapshot"] for v in ("3", "4", "5")}
    assert {p.name for p in (repo / "objects").iterdir()} == kept | {"README.txt"}
    assert report["pruned"]["files"] == len(before - kept) > 0
    # the next publish still makes every delta, and nothing is missing for a client
    code, out, err = run(capsys, pub, *publish, "--from", str(patents_csv(tmp_path / "p6.csv", range(1, 11))),
                         "--json")
    assert code == 0, err
    assert json.loads(out)["missing_bases"] == []
    entry = json.loads((repo / "manifest.json").read_text(encoding="utf-8"))["datasets"]["patents"]
    assert [d["from"] for d in entry["deltas"]] == [5, 4, 3]
    assert all((repo / "objects" / sha).is_file() for sha in _named_objects(repo))


def _csv(path: Path, rows: dict[int, str]) -> Path:
    path.write_text(HEADER + "".join(f"CN88800{n:04d}A,CN88800{n:04d},{title},合成测试申请人\n"
                                     for n, title in rows.items()), encoding="utf-8")
    return path


def _pub_nos(folder: Path) -> set[str]:
    with sqlite3.connect(folder / "ipdesk.sqlite") as conn:
        return {r[0] for r in conn.execute("SELECT pub_no FROM patent")}


def test_a_database_that_lost_the_last_versions_changes_is_refused_and_replace_withdraws(
        tmp_path: Path, tiny_seed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    titles = {n: f"合成测试种植方法{n}" for n in range(1, 7)}
    pub = new_folder(tmp_path / "pub", tiny_seed)
    key = _key(tmp_path, capsys, pub)
    repo = tmp_path / "repo"
    publish = ("publish", "--out", str(repo), "--key", str(key), "--name", "合成测试发布者")
    assert run(capsys, pub, *publish, "--from", str(_csv(tmp_path / "v1.csv", titles)))[0] == 0
    # data v2 from a database built from the complete new list elsewhere (QA's package 5): 1 and 2
    # withdrawn, 3 revised
    revised = {n: t for n, t in titles.items() if n > 2} | {3: "合成测试种植方法3（修订）"}
    rebuilt = new_folder(tmp_path / "rebuilt", tiny_seed)
    assert run(capsys, rebuilt, "import", str(_csv(tmp_path / "v2.csv", revised)))[0] == 0
    code, out, err = run(capsys, pub, *publish, "--from", str(rebuilt / "ipdesk.sqlite"))
    assert code == 0 and "Patents: data v2, 0 added, 1 changed, 2 removed" in out, out + err
    manifest = (repo / "manifest.json").read_bytes()

    # the routine publish from the data folder, which still holds data v1: refused, records named
    code, out, err = run(capsys, pub, *publish, "--from", str(_csv(tmp_path / "p7.csv", {7: "合成测试种植方法7"})),
                         lang="zh_CN")
    assert code == 6, out + err
    assert "未发布：要发布的数据库缺少已发布版本所做的更改" in err, err
    assert "专利已发布的版本删除的 2 条记录又出现了（CN888000001A 合成测试种植方法1、CN888000002A 合成测试种植方法2）" in err
    assert "专利的 1 条记录会回到数据 v2 之前的内容（CN888000003A 合成测试种植方法3）" in err
    assert "--replace" in err and "--accept-reverts" in err
    assert (repo / "manifest.json").read_bytes() == manifest
    code, out, err = run(capsys, pub, *publish, "--json")
    assert code == 6 and "would come back (CN888000001A" in err and "--accept-reverts" in err

    # the way out: the complete list, with --replace
    full = revised | {7: "合成测试种植方法7"}
    code, out, err = run(capsys, pub, *publish, "--from", str(_csv(tmp_path / "full.csv", full)), "--replace")
    assert code == 0, err
    assert ("Withdrew 2 records of Patents absent from the files: CN888000001A 合成测试种植方法1; "
            "CN888000002A 合成测试种植方法2") in out, out
    assert "Patents: data v3, 1 added, 0 changed, 0 removed, 5 records in all" in out, out
    assert _pub_nos(pub) == {f"CN88800{n:04d}A" for n in full}
    with sqlite3.connect(pub / "ipdesk.sqlite") as conn:
        assert conn.execute("SELECT record_count FROM dataset WHERE name = 'patents'").fetchone() == (5,)
        assert conn.execute("SELECT count(*) FROM search_doc WHERE kind = 'patent'").fetchone() == (5,)
    code, out, err = run(capsys, pub, *publish, "--json")
    assert code == 0 and json.loads(out)["changed"] == {}, err


def test_accept_reverts_publishes_them_and_replace_refuses_a_partial_list_before_deleting(
        tmp_path: Path, tiny_seed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pub = new_folder(tmp_path / "pub", tiny_seed)
    key = _key(tmp_path, capsys, pub)
    repo = tmp_path / "repo"
    publish = ("publish", "--out", str(repo), "--key", str(key), "--name", "合成测试发布者")
    assert run(capsys, pub, *publish, "--from", str(patents_csv(tmp_path / "v1.csv", range(1, 7))))[0] == 0
    code, out, err = run(capsys, pub, *publish, "--from", str(patents_csv(tmp_path / "one.csv", range(1, 2))),
                         "--replace")
    assert code == 6 and "would lose 5, leaving 1 in all" in err, out + err
    assert len(_pub_nos(pub)) == 6  # nothing withdrawn in the data folder either
    code, _out, err = run(capsys, pub, *publish, "--from", str(tmp_path / "pub" / "ipdesk.sqlite"), "--replace")
    assert code != 0 and "--replace" in err
    # a withdrawal published, then deliberately brought back
    assert run(capsys, pub, *publish, "--from", str(patents_csv(tmp_path / "v2.csv", range(2, 7))),
               "--replace")[0] == 0
    assert run(capsys, pub, "import", str(patents_csv(tmp_path / "back.csv", range(1, 2))))[0] == 0
    assert run(capsys, pub, *publish)[0] == 6
    code, out, err = run(capsys, pub, *publish, "--accept-reverts")
    assert code == 0 and "Patents: data v3, 1 added, 0 changed, 0 removed" in out, out + err


def test_an_older_as_of_date_is_a_revert() -> None:
    from ipdesk.services.sync.payload import TABLES, compare_line
    from ipdesk.services.sync.publisher import find_reverts
    from tests.sync.synthetic import trademark_record

    spec = TABLES["trademarks"]
    older, latest, new = trademark_record(1), trademark_record(1), trademark_record(1)
    latest["as_of"], latest["status"] = "2026-11-27", "cancelled"
    new["as_of"] = "2026-11-20"
    line = {spec.natural_key(older): compare_line(spec, older)}
    assert find_reverts(spec, {spec.natural_key(latest): compare_line(spec, latest)}, [line],
                        {spec.natural_key(new): compare_line(spec, new)}) == {"older": [f"SYN00000001 {new['mark_text']}"]}
    new["as_of"] = "2026-11-28"  # forward: a newer list saying it is registered again
    assert find_reverts(spec, {spec.natural_key(latest): compare_line(spec, latest)}, [line],
                        {spec.natural_key(new): compare_line(spec, new)}) == {}


def test_every_publish_says_when_the_repository_expires(
        tmp_path: Path, tiny_seed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import datetime as dt

    from ipdesk.domain.i18n import local_time_text

    pub = new_folder(tmp_path / "pub", tiny_seed)
    key = _key(tmp_path, capsys, pub)
    repo = tmp_path / "repo"
    publish = ("publish", "--out", str(repo), "--key", str(key), "--name", "合成测试发布者")
    code, out, err = run(capsys, pub, *publish, "--from", str(patents_csv(tmp_path / "p.csv", range(1, 3))),
                         lang="zh_CN")
    assert code == 0, err
    expires = json.loads((repo / "manifest.json").read_text(encoding="utf-8"))["expires"]
    assert f"有效期至 {local_time_text(expires)}（还有 90 天）。到期前请再发布一次" in out, out
    code, out, err = run(capsys, pub, *publish, "--valid-days", "30")  # a re-sign says it too
    assert code == 0 and "no data changed" in out and "(30 days left)" in out, out
    code, out, err = run(capsys, pub, *publish, "--valid-days", "7", "--json")
    report = json.loads(out)
    assert report["days_left"] == 7
    assert report["expires"] == json.loads((repo / "manifest.json").read_text(encoding="utf-8"))["expires"]
    assert dt.datetime.fromisoformat(report["expires"].replace("Z", "+00:00")) > dt.datetime.now(dt.UTC)


def test_key_slips_are_named(tmp_path: Path, tiny_seed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import os

    pub = new_folder(tmp_path / "pub", tiny_seed)
    key = _key(tmp_path, capsys, pub)
    repo = tmp_path / "repo"
    publish = ("publish", "--out", str(repo), "--name", "合成测试发布者")
    assert run(capsys, pub, *publish, "--key", str(key), "--from", str(patents_csv(tmp_path / "p.csv", range(1, 3))))[0] == 0
    before = (repo / "manifest.json").read_bytes()

    # the public key by mistake
    code, _out, err = run(capsys, pub, *publish, "--key", f"{key}.pub", lang="zh_CN")
    assert code != 0 and f"--key {key}.pub 是公钥文件，不是私钥。请给出私钥（同名、不带 .pub 的文件：{key}）" in err, err
    code, _out, err = run(capsys, pub, *publish, "--key", f"{key}.pub")
    assert code != 0 and "is the public key, not the private key" in err
    # rotating to the key in use: refused, nothing written
    code, _out, err = run(capsys, pub, *publish, "--key", str(key), "--rotate-to", str(key))
    assert code != 0 and "--rotate-to names the current key" in err and "--init-key" in err, err
    assert not (repo / "keys" / "2.json").exists() and (repo / "manifest.json").read_bytes() == before

    # another publisher's repository: named from its manifest
    other_folder = new_folder(tmp_path / "other", tiny_seed)
    other_key = _key(tmp_path, capsys, other_folder, "other.key")
    other_repo = tmp_path / "other_repo"
    assert run(capsys, other_folder, "publish", "--out", str(other_repo), "--key", str(other_key), "--name",
               "合成测试另一发布者", "--from", str(patents_csv(tmp_path / "o.csv", range(5, 7))))[0] == 0
    code, _out, err = run(capsys, pub, "publish", "--out", str(other_repo), "--key", str(key), lang="zh_CN")
    assert code == 6 and f"{other_repo} 是另一个发布者（合成测试另一发布者）的更新仓库" in err, err
    assert "--out" in err

    # a key others may read: a warning, and the publish goes on
    if os.name == "posix":
        key.chmod(0o644)
        code, _out, err = run(capsys, pub, *publish, "--key", str(key))
        assert code == 0 and f"Warning: the private key file {key} can be read by other users (mode 0644)" in err
        assert f"chmod 600 {key}" in err
        key.chmod(0o600)
        code, _out, err = run(capsys, pub, *publish, "--key", str(key))
        assert code == 0 and "Warning" not in err


def _disk_full_after(monkeypatch: pytest.MonkeyPatch, target: str, calls: int) -> None:
    """The `calls`-th call of the publisher's `target` (`compress_lines`: writing an object;
    `_atomic_write`: the history, the signature, the manifest) fails as a full disk does."""
    import errno

    from ipdesk.services.sync import publisher as module

    real = getattr(module, target)
    count = 0

    def failing(*args: object, **kwargs: object) -> object:
        nonlocal count
        count += 1
        if count == calls:  # once: removing what it wrote frees the room again
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(*args, **kwargs)

    monkeypatch.setattr(module, target, failing)


@pytest.mark.parametrize(("target", "calls"), [("compress_lines", 2), ("_atomic_write", 2)])
def test_a_full_disk_names_the_folder_and_leaves_no_orphan_objects(
        tmp_path: Path, tiny_seed: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        target: str, calls: int) -> None:
    from tests.sync.test_publish_counts import repo_state

    pub, _key_file, repo, publish = _published_versions(tmp_path, tiny_seed, capsys, 2)
    before = repo_state(repo)
    before.pop(".publish.lock", None)
    csv = patents_csv(tmp_path / "p3.csv", range(1, 9))
    with monkeypatch.context() as m:
        _disk_full_after(m, target, calls)  # the second object; or the signature, after the history
        code, out, err = run(capsys, pub, *publish, "--from", str(csv), lang="zh_CN")
    assert code == 6, out + err
    assert f"无法写入更新仓库 {repo}（磁盘已满）。未发布：这次写入的文件已删除，仓库仍是第 2 版。请释放这个磁盘的空间后重试。" in err
    after = repo_state(repo)
    after.pop(".publish.lock", None)
    assert after == before  # no object, history or signature of the failed publish is left
    code, out, err = run(capsys, pub, *publish, "--from", str(csv))
    assert code == 0 and "Published update package version 3" in out, err


def test_a_killed_publishs_temporary_files_are_removed_by_the_next(
        tmp_path: Path, tiny_seed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from filelock import FileLock

    pub, _key_file, repo, publish = _published_versions(tmp_path, tiny_seed, capsys, 1)
    stale = [repo / "objects" / ".new-k9x2ab7q", repo / ".manifest.json.u1v2w3x4"]
    for path in stale:
        path.write_bytes(b"half an object")
    code, _out, err = run(capsys, pub, *publish)
    assert code == 0, err
    assert not any(path.exists() for path in stale)
    # one publish at a time: a second one is refused, and leaves the first one's files alone
    with FileLock(str(repo / ".publish.lock")):
        stale[0].write_bytes(b"being written")
        code, _out, err = run(capsys, pub, *publish)
        assert code == 6 and f"Another publish is writing to {repo}" in err, err
        assert stale[0].exists()


def test_replace_takes_the_lists_dates_so_a_later_dated_version_is_not_reverted(
        tmp_path: Path, tiny_seed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def dated(name: str, as_of: str) -> Path:
        path = tmp_path / name
        path.write_text("公开号*,申请号,名称*,申请人,截至日期\n" + "".join(
            f"CN88800{n:04d}A,CN88800{n:04d},合成测试种植方法{n},合成测试申请人,{as_of}\n" for n in range(1, 5)),
            encoding="utf-8")
        return path

    pub = new_folder(tmp_path / "pub", tiny_seed)
    key = _key(tmp_path, capsys, pub)
    repo = tmp_path / "repo"
    publish = ("publish", "--out", str(repo), "--key", str(key), "--name", "合成测试发布者")
    assert run(capsys, pub, *publish, "--from", str(dated("v1.csv", "2026-11-20")))[0] == 0
    rebuilt = new_folder(tmp_path / "rebuilt", tiny_seed)
    assert run(capsys, rebuilt, "import", str(dated("v2.csv", "2026-11-27")))[0] == 0
    code, out, err = run(capsys, pub, *publish, "--from", str(rebuilt / "ipdesk.sqlite"))
    assert code == 0 and "0 added, 4 changed, 0 removed" in out, out + err
    # the data folder still has the records dated 2026-11-20: a re-sign from it would date them back
    code, out, err = run(capsys, pub, *publish)
    assert code == 6 and "4 records of Patents would get an earlier as-of date than in data v2" in err, err
    # an import of the same list keeps the old dates (nothing else changed); --replace takes the list's
    code, out, err = run(capsys, pub, *publish, "--from", str(dated("v3.csv", "2026-11-27")), "--replace")
    assert code == 0 and "no data changed" in out, out + err
    with sqlite3.connect(pub / "ipdesk.sqlite") as conn:
        assert {r[0] for r in conn.execute("SELECT as_of FROM patent")} == {"2026-11-27"}
