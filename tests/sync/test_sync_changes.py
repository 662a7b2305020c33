"""The last update's list of changed records: exact after a delta, replaced by the next update,
capped (counts stay exact), kept whole when an apply is rolled back, and shown by `ipdesk sync`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ipdesk.cli import main
from ipdesk.domain.i18n import RECORD_FIELD_NAMES
from ipdesk.services.sync.changes import LIST_CAP, ChangedRecord
from ipdesk.services.sync.payload import TABLES
from tests.sync.conftest import Folder, Repos, change_list_digest, make_repos, snapshot_state
from tests.sync.synthetic import patent_record, patents, trademark_record, trademarks


def _ids(folder: Folder, pub_nos: list[str]) -> dict[str, int]:
    with folder.db.engine.connect() as conn:
        return {str(p): int(i) for p, i in conn.exec_driver_sql(
            f"SELECT pub_no, id FROM patent WHERE pub_no IN ({','.join('?' * len(pub_nos))})", tuple(pub_nos))}


def test_a_delta_lists_exactly_the_records_it_added_changed_and_removed(at_v1: Folder, repos: Repos) -> None:
    """v2: patents 0–9 revised (5 is held by a local record: kept, not listed), 100–119 removed,
    1000–1014 added; trademarks unchanged. The v1 list (159 added) is replaced."""
    before = at_v1.client(repos).last_changes(limit=1000)
    assert before is not None and before.manifest_version == 1 and before.matched == 159
    at_v1.client(repos).sync(str(repos.v2))
    page = at_v1.client(repos).last_changes(limit=1000)
    assert page is not None and page.manifest_version == 2
    revised = [i for i in range(10) if i != 5]
    ids = _ids(at_v1, [f"SYN{i:09d}A" for i in [*revised, *range(1000, 1015)]])
    expected = (
        [ChangedRecord("patents", "added", ids[f"SYN{i:09d}A"], (f"SYN{i:09d}A",), patent_record(i)["title"])
         for i in range(1000, 1015)]
        + [ChangedRecord("patents", "changed", ids[f"SYN{i:09d}A"], (f"SYN{i:09d}A",), patent_record(i, 1)["title"],
                         ("title", "abstract")) for i in revised]
        + [ChangedRecord("patents", "removed", None, (f"SYN{i:09d}A",), patent_record(i)["title"])
           for i in range(100, 120)]
    )
    assert list(page.records) == expected
    assert page.matched == 44 and [(d.dataset, d.listed, d.total, d.cut) for d in page.datasets] == [
        ("patents", 44, 44, False)]
    # the record moved off an id a local record holds is listed under its id here, which opens it
    assert ids["SYN000000007A"] != 10_000_007 and ChangedRecord("patents", "changed", ids["SYN000000007A"], (
        "SYN000000007A",), patent_record(7, 1)["title"], ("title", "abstract")) in page.records
    assert {(r.kind, r.ref_id) for r in page.records if r.change == "added"} == {
        ("patent", ids[f"SYN{i:09d}A"]) for i in range(1000, 1015)}

    # filtered and paged
    removed = at_v1.client(repos).last_changes(change="removed", offset=5, limit=3)
    assert removed is not None and removed.matched == 20
    assert [r.key[0] for r in removed.records] == ["SYN000000105A", "SYN000000106A", "SYN000000107A"]
    none = at_v1.client(repos).last_changes(dataset="trademarks")
    assert none is not None and none.matched == 0 and not none.records


def test_a_status_only_change_names_its_field(folder: Folder, tmp_path: Path) -> None:
    v2_patents = patents(6)
    for r in v2_patents[:2]:
        r["legal_status"] = "in_force"
    v2_marks = trademarks(3)
    v2_marks[1]["status"] = "cancelled"
    v2_marks[2]["expiry_date"] = "2029-05-06"
    v2_marks[2]["status"] = "expired"
    repos = make_repos(tmp_path / "repos", {"patents": patents(6), "trademarks": trademarks(3)},
                       {"patents": v2_patents, "trademarks": v2_marks})
    client = folder.client(repos)
    client.sync(str(repos.v1))
    client.sync(str(repos.v2))
    page = client.last_changes()
    assert page is not None
    assert [(r.dataset, r.change, r.key, r.fields) for r in page.records] == [
        ("patents", "changed", ("SYN000000000A",), ("legal_status",)),
        ("patents", "changed", ("SYN000000001A",), ("legal_status",)),
        ("trademarks", "changed", ("SYN00000001", 30), ("status",)),
        ("trademarks", "changed", ("SYN00000002", 30), ("status", "expiry_date")),
    ]
    assert [r.title for r in page.records][2:] == [trademark_record(1)["mark_text"], trademark_record(2)["mark_text"]]


def test_source_and_date_only_changes_come_apart_and_a_status_shows_old_and_new(
        folder: Folder, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """QA: 12 of 14 changed records listed only 来源、数据截至, burying the two new legal statuses, and
    a status change said which field changed, not to what. Re-stamped records are now listed after
    the others and filtered apart; a status shows old → new, as the apply found it."""
    v2 = patents(8)
    for r in v2:
        r["source"], r["as_of"] = "合成测试公报 第 2 期", "2026-02-01"
    v2[4]["legal_status"] = "lapsed"  # in the middle of the order applied (5 is held by a local record)
    v2[6]["source"] = "synthetic test data"  # the date alone
    v2[7]["title"] = v2[7]["title"] + "（修订）"
    repos = make_repos(tmp_path / "repos", {"patents": patents(8)}, {"patents": v2})
    client = folder.client(repos)
    client.sync(str(repos.v1))
    client.sync(str(repos.v2))

    page = client.last_changes()
    assert page is not None and page.matched == 7 and page.minor == 5
    keys = [r.key[0] for r in page.records]
    assert keys[:2] == ["SYN000000004A", "SYN000000007A"] and len(set(keys)) == 7  # substance first, all kept
    assert [r.minor for r in page.records] == [False, False, *[True] * 5]
    lapsed = page.records[0]
    assert lapsed.fields == ("legal_status", "source", "as_of") and lapsed.values == {"legal_status": ("pending",
                                                                                                       "lapsed")}
    assert page.records[2].values == {}
    changed = client.last_changes(change="changed")
    assert changed is not None and [r.key[0] for r in changed.records] == ["SYN000000004A", "SYN000000007A"]
    minor = client.last_changes(change="minor")
    assert minor is not None and minor.matched == 5 and all(r.minor for r in minor.records)

    from ipdesk.domain.i18n import field_changes_text

    assert field_changes_text(lapsed.fields, lapsed.values, "zh_CN") == "法律状态：审查中 → 已失效；来源；数据截至"
    assert field_changes_text(lapsed.fields, lapsed.values, "en") == "Legal status: pending → lapsed; Source; Data as of"
    assert field_changes_text(("source", "as_of"), {}, "zh_CN") == "来源、数据截至"

    assert main(["--data-dir", str(folder.path), "--lang", "zh_CN", "sync", "--changes"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[2].startswith("    更改 SYN000000004A ") and lines[2].endswith("（法律状态：审查中 → 已失效；来源；数据截至）")
    assert lines[4] == "    只更新了来源或数据截至日期（5 条）：", out
    assert main(["--data-dir", str(folder.path), "--lang", "en", "sync", "--status"]) == 0
    assert "    Of these, 5 changed only their source or as-of date, listed last" in capsys.readouterr().out


def test_a_list_written_before_old_values_were_kept_is_read_and_replaced(folder: Folder, tmp_path: Path) -> None:
    """The list table of an older ipdesk has no column for old values: it reads, and the next apply adds it."""
    v2 = patents(3)
    v2[0]["legal_status"] = "lapsed"
    repos = make_repos(tmp_path / "repos", {"patents": patents(3)}, {"patents": v2})
    client = folder.client(repos)
    client.sync(str(repos.v1))
    with folder.db.engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE sync_change")
        conn.exec_driver_sql("CREATE TABLE sync_change (seq INTEGER PRIMARY KEY, dataset TEXT NOT NULL, change TEXT "
                             "NOT NULL, ref, natural_key TEXT NOT NULL, title TEXT NOT NULL, fields TEXT NOT NULL)")
    page = client.last_changes()
    assert page is not None and page.records == ()
    client.sync(str(repos.v2))
    page = client.last_changes()
    assert page is not None and page.records[0].values == {"legal_status": ("pending", "lapsed")}


def test_a_changed_place_opens_by_its_code_and_a_removed_record_opens_nothing() -> None:
    place = ChangedRecord("divisions", "changed", "230184000000", ("230184000000",), "五常市", ("name",))
    assert (place.kind, place.ref_id) == ("place", 230184000000)  # the detail views' place id
    gone = ChangedRecord("gi", "removed", None, ("gi_product", "合成测试大米"), "合成测试大米")
    assert (gone.kind, gone.ref_id) == ("gi", None)


def test_every_published_column_has_a_name_in_both_languages() -> None:
    for spec in TABLES.values():
        for column in (*spec.columns, "areas"):
            if column not in ("id", "dataset"):
                assert column in RECORD_FIELD_NAMES, column


def test_the_list_is_capped_and_says_so(folder: Folder, tmp_path: Path) -> None:
    """A first install of many records lists the first LIST_CAP of a dataset; the counts stay exact."""
    n = LIST_CAP + 200
    repos = make_repos(tmp_path / "repos", {"patents": patents(n)}, {"patents": patents(n)})
    result = folder.client(repos).sync(str(repos.v1))
    assert result.applied is not None
    counts = result.applied.changes[0]
    assert counts.added == n - 1  # SYN000000005A is held by a local record
    page = folder.client(repos).last_changes(limit=3)
    assert page is not None and page.matched == LIST_CAP
    assert [(d.listed, d.total, d.cut) for d in page.datasets] == [(LIST_CAP, n - 1, True)]
    assert [r.key[0] for r in page.records] == ["SYN000000000A", "SYN000000001A", "SYN000000002A"]
    last = folder.client(repos).last_changes(offset=LIST_CAP - 1, limit=10)
    assert last is not None and [r.key[0] for r in last.records] == [f"SYN{LIST_CAP:09d}A"]  # 5 was skipped


def test_a_cancelled_apply_keeps_the_previous_list(folder: Folder, tmp_path: Path) -> None:
    """Cancelled after a batch of 2,000 changed records was written and listed: rolled back, the
    previous update's list (and nothing of the new one) is what remains."""
    from ipdesk.services.sync.client import CancelToken
    from ipdesk.services.sync.errors import SyncCancelledError

    repos = make_repos(tmp_path / "repos", {"patents": patents(3000)},
                       {"patents": patents(3000, revised=frozenset(range(3000)))})
    client = folder.client(repos)
    client.sync(str(repos.v1))
    listed = change_list_digest(folder.db_file)
    before = snapshot_state(folder.db_file)
    token = CancelToken()

    def cancel_after_a_batch(p) -> None:  # type: ignore[no-untyped-def]
        if p.phase == "apply" and p.records >= 2000:
            token.cancel()

    with pytest.raises(SyncCancelledError):
        client.sync(str(repos.v2), progress=cancel_after_a_batch, cancel=token)
    assert snapshot_state(folder.db_file) == before
    assert change_list_digest(folder.db_file) == listed
    page = client.last_changes(limit=1)
    assert page is not None and page.manifest_version == 1 and page.records[0].change == "added"
    client.sync(str(repos.v2))
    page = client.last_changes(change="changed", limit=1)
    assert page is not None and page.manifest_version == 2 and page.matched == 2999


def test_cli_status_and_changes(at_v1: Folder, repos: Repos, capsys: pytest.CaptureFixture[str]) -> None:
    at_v1.client(repos).sync(str(repos.v2))

    def run(*args: str, lang: str = "en") -> str:
        assert main(["--data-dir", str(at_v1.path), "--lang", lang, "sync", *args]) == 0
        return capsys.readouterr().out

    out = run("--status", lang="zh_CN")
    assert re.match(r"上次检查：\d{4}-\d\d-\d\d \d\d:\d\d（已应用）\n已应用的更新包：第 2 版 ", out), out
    assert "  专利：数据 v1 → v2（增量）+15 ~9 -20（保留本地 1 条）\n" in out, out
    out = run("--status")
    assert re.match(r"Last check: \S+ \S+ \(applied\)\n", out), out
    assert "  Patents: data v1 → v2 (delta) +15 ~9 -20 (1 kept local)\n" in out, out
    assert f"    Added SYN000001000A {patent_record(1000)['title']}\n" in out
    assert "    … and 39 more (ipdesk sync --changes lists them)" in out
    status = json.loads(run("--status", "--json"))
    patents_json = status["changes"][0]
    assert (patents_json["listed"], patents_json["list_cut"], len(patents_json["records"])) == (44, False, 5)
    assert patents_json["records"][0]["key"] == ["SYN000001000A"] and patents_json["records"][0]["kind"] == "patent"

    out = run("--changes", "changed", lang="zh_CN")
    assert out.startswith("更新包第 2 版更改的记录：\n  专利：\n")
    assert f"    更改 SYN000000000A {patent_record(0, 1)['title']}（标题、摘要）\n" in out
    assert "新增" not in out and out.count("    更改 ") == 9
    listed = json.loads(run("--changes", "--json"))
    assert len(listed["records"]) == 44 and listed["datasets"] == [
        {"dataset": "patents", "listed": 44, "total": 44, "cut": False}]
    assert [r["change"] for r in listed["records"] if r["key"] == ["SYN000000100A"]] == ["removed"]


def test_a_changed_title_with_a_line_break_or_a_terminal_escape_stays_on_its_line(
        folder: Folder, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Leftovers after 88b8a52: `ipdesk sync --changes` and `--status` printed an update's titles raw: a
    line break forged a line, \\x1b[2J cleared the terminal, U+202E reversed the line."""
    v2 = patents(3)
    v2[1]["title"] = "合成测试\x1b[2J\n2026-01-01 ERROR forged\u202eabc"
    repos = make_repos(tmp_path / "repos", {"patents": patents(3)}, {"patents": v2})
    client = folder.client(repos)
    client.sync(str(repos.v1))
    client.sync(str(repos.v2))
    for args in (["--changes"], ["--status"]):
        assert main(["--data-dir", str(folder.path), "--lang", "en", "sync", *args]) == 0
        out = capsys.readouterr().out
        assert "\x1b" not in out and "\u202e" not in out and "\n2026-01-01 ERROR" not in out, out
        assert "    Changed SYN000000001A 合成测试\\u001b[2J 2026-01-01 ERROR forged\\u202eabc (Title)" in out, out
