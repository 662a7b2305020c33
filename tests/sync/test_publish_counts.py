"""What a publish adds, changes and removes: printed by `publish`, refused when it would empty most of a
dataset kiosks hold (an empty or wrong database given with --from), recorded in the manifest and shown by
`sync --check` and the window before anything is applied. Also: the importer's notices in a publish, the
publisher's name and validity checked, and imported records published with the dataset's source. Real
data folders (the tiny schema-only store), real repositories on disk, the real command-line entry point."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.sync.conftest import answering, close_and_settle
from tests.sync.test_publish_cli import new_folder, run

HEADER = "公开号*,申请号,名称*,申请人\n"


def patents_csv(path: Path, numbers: range) -> Path:
    path.write_text(HEADER + "".join(f"CN88800{n:04d}A,CN88800{n:04d},合成测试种植方法{n},合成测试申请人\n"
                                     for n in numbers), encoding="utf-8")
    return path


def repo_state(repo: Path) -> dict[str, bytes]:
    return {str(p.relative_to(repo)): p.read_bytes() for p in sorted(repo.rglob("*")) if p.is_file()}


@pytest.fixture
def published(tmp_path: Path, tiny_seed: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path, Path]:
    """A publisher's data folder and key, and a repository holding 4 patents (data v1)."""
    pub = new_folder(tmp_path / "pub", tiny_seed)
    key = tmp_path / "keys" / "pub.key"
    key.parent.mkdir()
    assert run(capsys, pub, "publish", "--init-key", str(key))[0] == 0
    repo = tmp_path / "repo"
    code, out, err = run(capsys, pub, "publish", "--out", str(repo), "--key", str(key), "--from",
                         str(patents_csv(tmp_path / "p.csv", range(1, 5))), "--name", "合成测试发布者", lang="zh_CN")
    assert code == 0, err
    assert "专利：数据 v1，新增 4、更改 0、删除 0，共 4 条" in out, out
    return pub, key, repo


def test_a_publish_from_an_empty_database_is_refused_and_writes_nothing(
        tmp_path: Path, tiny_seed: Path, published: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    _pub, key, repo = published
    empty = new_folder(tmp_path / "empty", tiny_seed)  # the slip QA made: --from a database without the records
    before = repo_state(repo)
    code, out, err = run(capsys, empty, "publish", "--out", str(repo), "--key", str(key), "--from",
                         str(empty / "ipdesk.sqlite"), lang="zh_CN")
    assert code == 6 and out == ""
    assert "未发布：专利已发布的数据 v1 有 4 条记录，这次将删除其中 4 条，发布后共 0 条" in err, err
    assert "--allow-removals" in err and "--from" in err
    code, out, err = run(capsys, empty, "publish", "--out", str(repo), "--key", str(key), "--from",
                         str(empty / "ipdesk.sqlite"))
    assert code == 6 and "Nothing was published: Patents (published data v1: 4 records) would lose 4, leaving 0 in all" in err
    assert repo_state(repo) == before  # not an object, not the history, not the manifest

    # meant: --allow-removals publishes it, and says what it removes
    code, out, err = run(capsys, empty, "publish", "--out", str(repo), "--key", str(key), "--from",
                         str(empty / "ipdesk.sqlite"), "--allow-removals")
    assert code == 0, err
    assert "Patents: data v2, 0 added, 0 changed, 4 removed, 0 records in all" in out, out
    entry = json.loads((repo / "manifest.json").read_text(encoding="utf-8"))["datasets"]["patents"]
    assert entry["changes"] == {"added": 0, "changed": 0, "removed": 4} and entry["records"] == 0
    assert [(d["from"], d["added"], d["changed"], d["removed"]) for d in entry["deltas"]] == [(1, 0, 0, 4)]


def test_losing_more_than_half_is_refused_half_is_not(
        tmp_path: Path, tiny_seed: Path, published: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    _pub, key, repo = published

    def database(name: str, numbers: range) -> Path:
        folder = new_folder(tmp_path / name, tiny_seed)
        assert run(capsys, folder, "import", str(patents_csv(tmp_path / f"{name}.csv", numbers)))[0] == 0
        return folder / "ipdesk.sqlite"

    publish = ("publish", "--out", str(repo), "--key", str(key), "--name", "合成测试发布者", "--from")
    code, _out, err = run(capsys, tmp_path / "pub", *publish, str(database("one", range(1, 2))))
    assert code == 6 and "would lose 3, leaving 1 in all" in err, err
    code, out, err = run(capsys, tmp_path / "pub", *publish, str(database("half", range(3, 9))), "--json")
    assert code == 0, err  # 2 of 4 removed (half, not more) and 4 added; other ids alone are no change
    assert json.loads(out)["datasets"]["patents"] == {"version": 2, "records": 6, "added": 4, "changed": 0,
                                                      "removed": 2}
    # from import files, the merge's words are in the JSON, not printed before it
    code, out, err = run(capsys, tmp_path / "half", *publish, str(patents_csv(tmp_path / "nine.csv", range(9, 10))),
                         "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["merged"] == ["patents"] and report["datasets"]["patents"]["added"] == 1


def test_the_check_shows_the_counts_and_warns_before_anything_is_applied(
        tmp_path: Path, tiny_seed: Path, published: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    _pub, key, repo = published
    trusted = ("--trusted-key", f"{key}.pub")
    centre = new_folder(tmp_path / "centre", tiny_seed)
    code, out, err = run(capsys, centre, "sync", "--check", "--dir", str(repo), *trusted, lang="zh_CN")
    assert code == 0, err
    assert "    更新后共 4 条（本机现有 0 条）" in out and "注意" not in out, out  # a snapshot: the total
    assert run(capsys, centre, "sync", "--dir", str(repo), *trusted)[0] == 0

    empty = new_folder(tmp_path / "empty", tiny_seed)
    assert run(capsys, empty, "publish", "--out", str(repo), "--key", str(key), "--from",
               str(empty / "ipdesk.sqlite"), "--allow-removals")[0] == 0
    code, out, err = run(capsys, centre, "sync", "--check", "--dir", str(repo), *trusted, lang="zh_CN")
    assert code == 0, err
    assert "  专利：数据 v1 → v2（增量，" in out
    assert "    新增 0、更改 0、删除 4，更新后共 0 条" in out, out
    assert "    注意：这次更新会删除专利的大部分记录：现有的 4 条中将删除 4 条，更新后共 0 条。如果这不是预期的，请先不要更新" in out
    code, out, err = run(capsys, centre, "sync", "--check", "--dir", str(repo), *trusted)
    assert "    0 added, 0 changed, 4 removed; 0 records after the update" in out, out
    assert "    Warning: this update removes most of Patents: 4 of 4 records would be removed, leaving 0 in all." in out
    code, out, err = run(capsys, centre, "sync", "--check", "--json", "--dir", str(repo), *trusted)
    [plan] = json.loads(out)["plan"]
    assert (plan["added"], plan["changed"], plan["removed"], plan["records_before"], plan["records_after"],
            plan["removes_most"]) == (0, 0, 4, 4, 0, True)
    with sqlite3.connect(centre / "ipdesk.sqlite") as conn:  # a check changes nothing
        assert conn.execute("SELECT count(*) FROM patent WHERE dataset = 'patents'").fetchone()[0] == 4


def test_the_total_after_a_delta_counts_the_records_imported_here_that_stay(
        tmp_path: Path, tiny_seed: Path, published: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    """QA 18c N6: with staff-imported (not local) patents beside the synced ones, `sync --check` said the
    publisher's total as this computer's ("更新后共 22,300 条"; 52,300 here afterwards): a delta leaves them."""
    _pub, key, repo = published
    trusted = ("--trusted-key", f"{key}.pub")
    centre = new_folder(tmp_path / "centre", tiny_seed)
    assert run(capsys, centre, "sync", "--dir", str(repo), *trusted)[0] == 0  # the publisher's 4
    assert run(capsys, centre, "import", str(patents_csv(tmp_path / "staff.csv", range(50, 53))))[0] == 0  # 3 here
    pub2 = new_folder(tmp_path / "pub2", tiny_seed)
    assert run(capsys, pub2, "publish", "--out", str(repo), "--key", str(key), "--from",
               str(patents_csv(tmp_path / "more.csv", range(1, 7))), "--name", "合成测试发布者")[0] == 0  # v2: 6
    code, out, err = run(capsys, centre, "sync", "--check", "--dir", str(repo), *trusted, lang="zh_CN")
    assert code == 0, err
    assert "    新增 2、更改 0、删除 0，更新后共 9 条（发布者的 6 条，加本机导入的 3 条）" in out, out
    code, out, err = run(capsys, centre, "sync", "--check", "--dir", str(repo), *trusted)
    assert "    2 added, 0 changed, 0 removed; 9 records after the update (the publisher's 6 plus 3 imported here)" in out
    code, out, err = run(capsys, centre, "sync", "--check", "--json", "--dir", str(repo), *trusted)
    [plan] = json.loads(out)["plan"]
    assert (plan["records_before"], plan["records_after"], plan["records_after_here"]) == (4, 6, 9)
    assert run(capsys, centre, "sync", "--dir", str(repo), *trusted)[0] == 0
    with sqlite3.connect(centre / "ipdesk.sqlite") as conn:  # what the check said
        assert conn.execute("SELECT count(*) FROM patent WHERE dataset = 'patents'").fetchone()[0] == 9


def test_a_manifest_without_counts_still_reads(tmp_path: Path, tiny_seed: Path,
                                                published: tuple[Path, Path, Path],
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """As an older publisher wrote it: no counts anywhere (and an older client ignores them: they are
    extra keys it never asks for). The check then says the totals."""
    from ipdesk.services.sync.manifest import ChangeCounts, Manifest, load_private_key, sign

    _pub, key, repo = published
    centre = new_folder(tmp_path / "centre", tiny_seed)
    trusted = ("--trusted-key", f"{key}.pub")
    assert run(capsys, centre, "sync", "--dir", str(repo), *trusted)[0] == 0
    pub2 = new_folder(tmp_path / "pub2", tiny_seed)
    assert run(capsys, pub2, "publish", "--out", str(repo), "--key", str(key), "--from",
               str(patents_csv(tmp_path / "more.csv", range(1, 6))), "--name", "合成测试发布者")[0] == 0
    raw = json.loads((repo / "manifest.json").read_bytes())
    entry = raw["datasets"]["patents"]
    assert entry["changes"] == {"added": 1, "changed": 0, "removed": 0}
    assert Manifest.from_bytes((repo / "manifest.json").read_bytes()).datasets["patents"].deltas[0].counts == \
        ChangeCounts(1, 0, 0)
    del entry["changes"]
    for d in entry["deltas"]:
        for k in ("added", "changed", "removed"):
            del d[k]
    body = json.dumps(raw, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    (repo / "manifest.json").write_bytes(body)
    (repo / "manifest.json.sig").write_bytes(sign(body, [load_private_key(key)]))
    assert Manifest.from_bytes(body).datasets["patents"].counts is None
    code, out, err = run(capsys, centre, "sync", "--check", "--dir", str(repo), *trusted, lang="zh_CN")
    assert code == 0, err
    assert "    更新后共 5 条（本机现有 4 条）" in out and "注意" not in out, out
    code, out, err = run(capsys, centre, "sync", "--check", "--json", "--dir", str(repo), *trusted)
    [plan] = json.loads(out)["plan"]
    assert plan["added"] is None and plan["records_before"] == 4 and plan["removes_most"] is False


def test_publish_shows_the_importers_notices(tmp_path: Path, tiny_seed: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    pub = new_folder(tmp_path / "pub", tiny_seed)
    key = tmp_path / "pub.key"
    assert run(capsys, pub, "publish", "--init-key", str(key))[0] == 0
    tm = tmp_path / "tm.csv"
    tm.write_text("注册号*,商标*,类别*,状态\n99000001,合成测试五常香,30,合成测试乱写的状态\n", encoding="utf-8")
    pat = tmp_path / "p.csv"
    pat.write_text("公开号*,名称*,法律状态,届满日\nCN888000001U,合成测试播种机,已届满,2099-01-01\n", encoding="utf-8")
    code, out, err = run(capsys, pub, "publish", "--out", str(tmp_path / "repo"), "--key", str(key), "--from",
                         str(tm), str(pat), lang="zh_CN")
    assert code == 0, err
    assert "· tm.csv：1 件商标的状态无法识别：“合成测试乱写的状态”" in out, out
    assert "p.csv：1 件专利的法律状态与日期矛盾" in out
    assert out.index("状态无法识别") < out.index("已发布更新包第 1 版")
    code, out, err = run(capsys, pub, "publish", "--out", str(tmp_path / "repo"), "--key", str(key), "--from",
                         str(tm), str(pat), "--json")
    assert code == 0, err
    notices = json.loads(out)["notices"]  # JSON only: nothing printed before it
    assert any("status" in n and "合成测试乱写的状态" in n for n in notices), notices


@pytest.mark.parametrize(("name", "words"), [
    ("长" * 41, ("最多 40 个字（现在 41 个）", "at most 40 characters (it has 41)")),
    ("🌾🌾🌾", ("没有汉字或字母", "no Chinese characters or letters")),
    ("１２３", ("没有汉字或字母", "no Chinese characters or letters")),
    ("🌾合成测试发布者", ("表情符号、符号或控制字符（🌾）", "emoji, symbols or control characters (🌾)")),
])
def test_the_publishers_name_is_checked_before_anything_happens(
        tmp_path: Path, published: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str],
        name: str, words: tuple[str, str]) -> None:
    pub, key, repo = published
    before = repo_state(repo)
    csv = patents_csv(tmp_path / "new.csv", range(50, 51))
    for lang, word in zip(("zh_CN", "en"), words, strict=True):
        code, _out, err = run(capsys, pub, "publish", "--out", str(repo), "--key", str(key), "--from", str(csv),
                              "--name", name, lang=lang)
        assert code == 2 and word in err and "--name" in err, err
    assert repo_state(repo) == before
    with sqlite3.connect(pub / "ipdesk.sqlite") as conn:  # refused before the import was merged
        assert conn.execute("SELECT count(*) FROM patent WHERE pub_no = 'CN888000050A'").fetchone()[0] == 0


@pytest.mark.parametrize(("text", "words"), [
    ("长" * 101, ("最多 100 个字（现在 101 个）", "at most 100 characters (it has 101)")),
    ("🌾🌾🌾", ("没有汉字或字母", "no Chinese characters or letters")),
    ("专利公报🌾", ("表情符号、符号或控制字符（🌾）", "emoji, symbols or control characters (🌾)")),
])
def test_the_source_text_is_checked_like_the_name(
        tmp_path: Path, published: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str],
        text: str, words: tuple[str, str]) -> None:
    """QA: `--source "🌾🌾🌾"` and 500 characters were published and shown on every kiosk."""
    pub, key, repo = published
    before = repo_state(repo)
    csv = patents_csv(tmp_path / "new.csv", range(50, 51))
    for lang, word in zip(("zh_CN", "en"), words, strict=True):
        code, _out, err = run(capsys, pub, "publish", "--out", str(repo), "--key", str(key), "--from", str(csv),
                              "--name", "合成测试发布者", "--source", text, lang=lang)
        assert code == 2 and word in err and "--source" in err, err
    assert repo_state(repo) == before
    code, _out, err = run(capsys, pub, "publish", "--out", str(repo), "--key", str(key), "--from", str(csv),
                          "--name", "合成测试发布者", "--source", "国家知识产权局专利公报 2026年第47期（" + "长" * 70 + "）")
    assert code == 0, err


def test_a_forty_character_name_and_a_year_of_validity_are_accepted_more_is_refused(
        tmp_path: Path, published: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    _pub, key, repo = published
    centre = tmp_path / "centre"
    code, _out, err = run(capsys, centre, "publish", "--out", str(repo), "--key", str(key), "--valid-days", "367",
                          lang="zh_CN")
    assert code == 2 and "--valid-days 应在 1 到 366 之间（现在是 367）" in err, err
    code, _out, err = run(capsys, centre, "publish", "--out", str(repo), "--key", str(key), "--valid-days", "100000")
    assert code == 2 and "--valid-days must be from 1 to 366 (it is 100000)" in err, err
    code, _out, err = run(capsys, centre, "publish", "--out", str(repo), "--key", str(key), "--valid-days", "0")
    assert code == 2
    name = "合成测试" * 10  # 40 characters
    code, _out, err = run(capsys, _pub, "publish", "--out", str(repo), "--key", str(key), "--valid-days", "366",
                          "--name", f"  {name} ")
    assert code == 0, err
    manifest = json.loads((repo / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["publisher"] == name
    from ipdesk.services.sync.manifest import parse_time

    assert (parse_time(manifest["expires"]) - parse_time(manifest["created"])).days == 366


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

    assert sources() == {"CN888000001A": "由 合成测试发布者 发布 / Published by 合成测试发布者",
                         "CN888000002A": "由 合成测试发布者 发布 / Published by 合成测试发布者",
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


def test_the_windows_check_shows_the_counts_and_warns(qtbot, folder, repos, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The window's "Check now": a delta's +/~/− per dataset before anything is applied, and the warning
    when an update would empty most of a dataset."""
    import shutil

    from ipdesk.services.sync.manifest import load_private_key
    from ipdesk.services.sync.publisher import Publisher
    from tests.sync.conftest import V2_RECORDS
    from tests.sync.test_sync_panel import _panel

    folder.client(repos).sync(str(repos.v1))
    panel, tasks = _panel(qtbot, folder, repos, str(repos.v2))
    panel.check_button.click()
    qtbot.waitUntil(lambda: panel.changes.rowCount() == 1 and panel.check_button.isEnabled(), timeout=10000)
    assert panel.changes.item(0, 4).text() == "+15 / ~10 / −20"  # patents: 15 added, 10 revised, 20 deleted
    assert panel.changes.horizontalHeaderItem(4).text() == panel.tr("新增/更新/删除")
    assert not panel.risk_label.isVisibleTo(panel)

    emptied = tmp_path / "emptied"
    shutil.copytree(repos.v2, emptied)
    publisher = Publisher(emptied, load_private_key(repos.key_file))
    with pytest.raises(Exception, match="Trademarks"):
        publisher.publish({"patents": V2_RECORDS["patents"], "trademarks": []})
    publisher.publish({"patents": V2_RECORDS["patents"], "trademarks": []}, allow_removals=True)
    panel.source_edit.setText(str(emptied))
    panel.check_button.click()
    qtbot.waitUntil(lambda: panel.changes.rowCount() == 2 and panel.check_button.isEnabled(), timeout=10000)
    rows = {panel.changes.item(r, 0).text(): panel.changes.item(r, 4).text() for r in range(2)}
    assert rows["Trademarks"] == "+0 / ~0 / −40", rows
    assert panel.risk_label.isVisibleTo(panel)
    text = panel.risk_label.text()
    assert ("Trademarks" in text or "商标" in text) and "40" in text and " 0 " in text, text
    tasks.wait_idle()


def _removing_version(tmp_path: Path, tiny_seed: Path, published: tuple[Path, Path, Path],
                      capsys: pytest.CaptureFixture[str]) -> tuple[Path, tuple[str, ...], Path]:
    """A centre at data v1 (4 patents), and the publisher's next version from a wrong database (3 other
    patents, published with --allow-removals): a delta removing the 4 and adding the 3."""
    _pub, key, repo = published
    trusted = ("--trusted-key", f"{key}.pub")
    centre = new_folder(tmp_path / "centre", tiny_seed)
    assert run(capsys, centre, "sync", "--dir", str(repo), *trusted)[0] == 0
    wrong = new_folder(tmp_path / "wrong", tiny_seed)
    assert run(capsys, wrong, "import", str(patents_csv(tmp_path / "other.csv", range(50, 53))))[0] == 0
    code, _out, err = run(capsys, wrong, "publish", "--out", str(repo), "--key", str(key), "--from",
                          str(wrong / "ipdesk.sqlite"), "--name", "合成测试发布者", lang="zh_CN")
    assert code == 6 and "这次将删除其中 4 条（另新增 3 条），发布后共 3 条" in err, err  # numbers that add up
    assert run(capsys, wrong, "publish", "--out", str(repo), "--key", str(key), "--from",
               str(wrong / "ipdesk.sqlite"), "--name", "合成测试发布者", "--allow-removals")[0] == 0
    return centre, trusted, repo


def _patents(folder: Path) -> int:
    with sqlite3.connect(folder / "ipdesk.sqlite") as conn:
        return int(conn.execute("SELECT count(*) FROM patent WHERE dataset = 'patents'").fetchone()[0])


def test_sync_refuses_a_version_that_removes_most_unless_allowed(
        tmp_path: Path, tiny_seed: Path, published: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    """QA: a scheduled `ipdesk sync` (the kiosk fleets' way) applied it silently. The check warns with
    numbers that add up; the sync refuses (exit 6, --json too) and changes nothing; --allow-removals applies."""
    centre, trusted, repo = _removing_version(tmp_path, tiny_seed, published, capsys)
    code, out, _err = run(capsys, centre, "sync", "--check", "--dir", str(repo), *trusted, lang="zh_CN")
    assert code == 0
    assert "注意：这次更新会删除专利的大部分记录：现有的 4 条中将删除 4 条（另新增 3 条），更新后共 3 条。" in out, out
    assert "不加 --allow-removals 时，ipdesk sync 不会应用这个版本。" in out
    code, out, err = run(capsys, centre, "sync", "--dir", str(repo), *trusted, lang="zh_CN")
    assert code == 6 and out == ""
    assert "未应用更新包第 2 版：它会删除大部分记录（专利：现有的 4 条中将删除 4 条（另新增 3 条），更新后共 3 条）" in err, err
    assert "--allow-removals" in err and "未做任何更改" in err
    code, out, _err = run(capsys, centre, "sync", "--status", lang="zh_CN")  # held back, not failed
    assert "（未应用，等待确认）：未应用更新包第 2 版" in out and "出错" not in out, out
    code, out, err = run(capsys, centre, "sync", "--dir", str(repo), *trusted)
    assert code == 6 and "Update package version 2 was not applied: it removes most of the records (Patents: 4 of " \
        "4 records would be removed (3 others added), leaving 3 in all)" in err, err
    code, out, _err = run(capsys, centre, "sync", "--json", "--dir", str(repo), *trusted)
    answer = json.loads(out)
    assert code == 6 and answer["error"] == "removals" and answer["exit"] == 6 and "--allow-removals" in answer["message"]
    assert _patents(centre) == 4
    code, out, err = run(capsys, centre, "sync", "--dir", str(repo), *trusted, "--allow-removals")
    assert code == 0, err
    assert _patents(centre) == 3


def test_a_wrong_database_is_refused_when_it_arrives_as_a_snapshot_too(
        tmp_path: Path, tiny_seed: Path, published: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    """QA: a centre more versions behind than the publisher keeps deltas for gets a full snapshot, and
    4 records replaced by 3 unrelated ones looked like nothing removed. The publisher's own counts say
    what the version did; a new install, with nothing to lose, is not held back."""
    pub, key, repo = published
    trusted = ("--trusted-key", f"{key}.pub")
    centre = new_folder(tmp_path / "centre", tiny_seed)
    assert run(capsys, centre, "sync", "--dir", str(repo), *trusted)[0] == 0
    for n in range(3):  # three more versions, one patent more each: the centre is too far behind for a delta
        assert run(capsys, pub, "publish", "--out", str(repo), "--key", str(key), "--name", "合成测试发布者",
                   "--from", str(patents_csv(tmp_path / f"more{n}.csv", range(20 + n, 21 + n))))[0] == 0
    wrong = new_folder(tmp_path / "wrong", tiny_seed)
    assert run(capsys, wrong, "import", str(patents_csv(tmp_path / "other.csv", range(50, 53))))[0] == 0
    assert run(capsys, wrong, "publish", "--out", str(repo), "--key", str(key), "--from",
               str(wrong / "ipdesk.sqlite"), "--name", "合成测试发布者", "--allow-removals")[0] == 0
    code, out, _err = run(capsys, centre, "sync", "--check", "--json", "--dir", str(repo), *trusted)
    patents = next(p for p in json.loads(out)["plan"] if p["name"] == "patents")
    assert code == 0 and patents["method"] == "snapshot" and patents["removes_most"] is True, patents
    code, out, err = run(capsys, centre, "sync", "--dir", str(repo), *trusted)
    assert code == 6 and "--allow-removals" in err, err
    assert _patents(centre) == 4
    fresh = tmp_path / "fresh"  # a new install: nothing here to lose
    assert run(capsys, fresh, "sync", "--dir", str(repo), *trusted)[0] == 0
    assert _patents(fresh) == 3


def test_update_now_asks_before_a_version_that_removes_most(
        qtbot, tmp_path: Path, tiny_seed: Path, published: tuple[Path, Path, Path],  # type: ignore[no-untyped-def]
        capsys: pytest.CaptureFixture[str], monkeypatch) -> None:
    """QA: the window's 立即更新 applied it without a word. It asks, with the numbers; No changes nothing."""
    from types import SimpleNamespace

    from PySide6.QtWidgets import QMessageBox

    from ipdesk.services.db import open_database
    from ipdesk.services.settings import Settings
    from ipdesk.services.sync.client import SyncService
    from ipdesk.services.sync.manifest import load_public_key_file, public_key_text
    from ipdesk.ui.sync_panel import SyncPanel
    from ipdesk.ui.tasks import TaskRunner

    centre, _trusted, repo = _removing_version(tmp_path, tiny_seed, published, capsys)
    _pub, key, _repo = published
    db = open_database(centre)
    sync = SyncService(db.engine, centre, trusted_keys=[public_key_text(load_public_key_file(Path(f"{key}.pub")))],
                       default_key_file=centre / "no-default.pub")
    tasks = TaskRunner()
    panel = SyncPanel(SimpleNamespace(settings=Settings(update_source=str(repo)), sync=sync, data_dir=centre),
                      tasks, "en")
    qtbot.addWidget(panel)
    asked: list[str] = []

    monkeypatch.setattr(QMessageBox, "question", answering(asked, False))
    panel.sync_button.click()
    qtbot.waitUntil(lambda: len(asked) == 1 and panel.sync_button.isEnabled(), timeout=10000)
    # the window's language (no translator installed here: Chinese)
    assert "更新包第 2 版" in asked[0] and "专利：现有的 4 条中将删除 4 条（另新增 3 条），更新后共 3 条" in asked[0], asked[0]
    tasks.wait_idle()
    assert _patents(centre) == 4
    monkeypatch.setattr(QMessageBox, "question", answering(asked, True))
    with qtbot.waitSignal(panel.sig_applied, timeout=20000):
        panel.sync_button.click()
    assert len(asked) == 2 and _patents(centre) == 3
    close_and_settle(qtbot, tasks, panel)
    db.engine.dispose()


def test_the_held_version_shows_on_the_data_page(
        qtbot, tmp_path: Path, tiny_seed: Path, published: tuple[Path, Path, Path],  # type: ignore[no-untyped-def]
        capsys: pytest.CaptureFixture[str]) -> None:
    """QA: the status bar sends staff to Data & sync for a held-back update, which showed nothing about
    it until Check now. The monitor keeps its check; the page shows its plan and warning on arrival."""
    from types import SimpleNamespace

    from ipdesk.services.db import open_database
    from ipdesk.services.settings import Settings
    from ipdesk.services.sync.client import SyncService
    from ipdesk.services.sync.manifest import load_public_key_file, public_key_text
    from ipdesk.ui.sync_monitor import SyncMonitor
    from ipdesk.ui.sync_panel import SyncPanel
    from ipdesk.ui.tasks import TaskRunner

    centre, _trusted, repo = _removing_version(tmp_path, tiny_seed, published, capsys)
    _pub, key, _repo = published
    db = open_database(centre)
    sync = SyncService(db.engine, centre, trusted_keys=[public_key_text(load_public_key_file(Path(f"{key}.pub")))],
                       default_key_file=centre / "no-default.pub")
    tasks = TaskRunner()
    services = SimpleNamespace(settings=Settings(update_source=str(repo), auto_sync=True), sync=sync, data_dir=centre)
    monitor = SyncMonitor(services, tasks, lang="en")
    held: list[object] = []
    monitor.sig_held.connect(held.append)
    monitor.check_now()
    qtbot.waitUntil(lambda: not monitor.busy and bool(held), timeout=10000)
    assert monitor.held is held[-1] and not monitor.ready_to_apply
    panel = SyncPanel(services, tasks, "en")
    qtbot.addWidget(panel)
    panel.show_held(monitor.held)
    tasks.wait_idle()  # the panel's own status read must not cover it
    qtbot.wait(50)
    assert not panel.risk_label.isHidden()
    assert "现有的 4 条中将删除 4 条（另新增 3 条），更新后共 3 条" in panel.risk_label.text()
    assert "更新包第 2 版" in panel.status_label.text() and panel.changes.rowCount() == 1
    assert _patents(centre) == 4
    monitor.stop()
    close_and_settle(qtbot, tasks, panel)
    db.engine.dispose()


def test_publishing_without_name_keeps_the_last_name_and_relabels_nothing(
        tmp_path: Path, published: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    """QA: a publish without --name turned every record's source into "由数据发布者发布" — every record
    listed as changed on every kiosk, and the name lost."""
    pub, key, repo = published
    code, out, err = run(capsys, pub, "publish", "--out", str(repo), "--key", str(key), "--from",
                         str(patents_csv(tmp_path / "more.csv", range(30, 31))), lang="zh_CN")
    assert code == 0, err
    assert "专利：数据 v2，新增 1、更改 0、删除 0，共 5 条" in out, out
    assert json.loads((repo / "manifest.json").read_bytes())["publisher"] == "合成测试发布者"


def test_a_publisher_named_after_a_township_with_an_extension_h_ideograph_is_accepted() -> None:
    """英德市下𱳪镇: 𱳪 is unassigned in Python 3.11's Unicode tables, but an ideograph, not a symbol."""
    from ipdesk.services.sync.publisher import publisher_name_problem, source_text_problem

    assert publisher_name_problem("英德市下𱳪镇农业服务中心") is None
    assert source_text_problem("下𱳪镇政府公告") is None
    assert publisher_name_problem("下𱳪镇🌾") is not None
