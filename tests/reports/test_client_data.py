"""A client's personal information in the service record (个人信息保护法): found by name, corrected,
and deleted with everything kept of it — the entries, the archived reports in every format and their
files — leaving no trace of the name in the local store's file or its WAL."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from ipdesk.services.errors import UserInputError
from ipdesk.services.models import ReportArchive
from tests.reports.conftest import synthetic_report

NAME = "欧阳测试农户"  # synthetic


def _export(services, client: str, tmp_path: Path, fmt: str = "xlsx", again: str = ""):  # type: ignore[no-untyped-def]
    report = synthetic_report(2)
    report.report_no = ""
    report.client = client
    first = services.reports.export(report, fmt, tmp_path / f"{client}-{fmt}.{fmt}")
    if again:  # the same report in another format: one entry, two archived files
        services.reports.export(report, again, tmp_path / f"{client}-{again}.{again}")
    return first


def test_entries_of_one_client_are_found_by_part_of_the_name(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    reports = services.reports
    _export(services, NAME, tmp_path)
    reports.record_service(client=NAME, purpose="商标注册咨询", outcome="有风险", when=dt.datetime(2026, 10, 3, 9))
    reports.record_service(client="另一合作社", purpose="信息查询", outcome="x")
    reports.record_service(client="100%_合作社", purpose="信息查询", outcome="x")
    assert sorted(e.client for e in reports.service_entries(client="欧阳")) == [NAME, NAME]
    assert [e.client for e in reports.service_entries("2026-10", client=NAME)] == [NAME]
    assert [e.client for e in reports.service_entries(client="%_")] == ["100%_合作社"]  # no wildcards


def test_deleting_a_client_removes_entries_archive_rows_and_files(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    reports = services.reports
    mine = _export(services, NAME, tmp_path, "xlsx", again="docx")
    reports.record_service(client=NAME, purpose="商标注册咨询", outcome="有风险")
    other = _export(services, "另一合作社", tmp_path)
    files = [a.path for a in reports.archived_reports() if a.report_no == mine.report_no]
    assert len(files) == 2 and all(f.exists() for f in files)

    done = reports.delete_client(f"  {NAME} ")
    assert (done.entries, done.archived, done.left) == (2, 2, ())
    assert sorted(done.files) == sorted(files) and not any(f.exists() for f in files)
    assert [e.client for e in reports.service_entries()] == ["另一合作社"]
    assert [a.report_no for a in reports.archived_reports()] == [other.report_no]
    assert other.archived_path.exists()
    # the number stays issued: the next report never prints the deleted one's
    assert reports.next_report_no() != mine.report_no
    with pytest.raises(UserInputError):
        reports.delete_client("  ")


def test_no_trace_of_a_deleted_name_in_the_database_file_or_wal(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    reports = services.reports
    for i in range(30):  # enough rows that deleting them frees whole pages as well as cells
        reports.record_service(client=NAME, purpose="信息查询", outcome=f"检索 {i}", detail=NAME * 20)
    reports.record_service(client="另一合作社", purpose="信息查询", outcome="x")
    assert reports.delete_client(NAME).entries == 30
    folder = services.data_dir
    raw = b"".join(p.read_bytes() for p in folder.glob("ipdesk-local.sqlite*"))
    assert "另一合作社".encode() in raw  # the file is read as it is on disk
    assert NAME.encode() not in raw


def test_a_misspelt_client_is_corrected_in_entries_and_archive_rows(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    reports = services.reports
    _export(services, "欧阳测式农户", tmp_path, "xlsx", again="docx")
    ids = [e.id for e in reports.service_entries(client="测式")]
    assert reports.rename_client(ids, NAME) == 1
    assert [e.client for e in reports.service_entries()] == [NAME]
    with services.db.local_store.session() as s:
        metas = [json.loads(m) for m in s.scalars(select(ReportArchive.meta_json))]
    assert [m["client"] for m in metas] == [NAME, NAME]


def test_a_deleted_entry_id_given_again_does_not_join_a_later_report(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """SQLite gives the highest deleted id to the next entry: a wizard visit remembered for the
    joined report must not attach a later report to someone else's entry."""
    from ipdesk.domain.i18n import Text
    from ipdesk.domain.wizard import Outcome

    reports = services.reports
    outcome = Outcome(wizard="gi_check", code="x", level="info", headline=Text("合成", "Synthetic"),
                      explanation=Text("合成", "Synthetic"))
    first = reports.record_wizard_visit(outcome, "zh_CN", client=NAME)
    reports.delete_entries([first])
    second = reports.record_service(client="另一合作社", purpose="信息查询", outcome="x")
    assert second == first  # the id was given again
    report = synthetic_report(1)
    report.report_no, report.client = "", "第三人"
    report.outcomes = [outcome]
    result = reports.export(report, "xlsx", tmp_path / "third.xlsx")
    assert result.service_record_id != second
    assert sorted(e.client for e in reports.service_entries()) == sorted(["另一合作社", "第三人"])


def test_cli_lists_corrects_and_deletes_a_clients_entries(data_dir: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                          capsys: pytest.CaptureFixture[str], monkeypatch) -> None:
    import io

    from ipdesk.cli import main

    base = ["--data-dir", str(data_dir), "report"]
    assert main([*base, "search", "五常", "--out", str(tmp_path / "欧阳测式农户.xlsx"),
                 "--client", "欧阳测式农户"]) == 0
    assert main([*base, "search", "茶", "--out", str(tmp_path / "b.xlsx"), "--client", "另一合作社"]) == 0
    assert main([*base, "correct-client", "欧阳测式农户", NAME]) == 0
    capsys.readouterr()
    assert main([*base, "entries", "--client", "欧阳", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert [e["client"] for e in found["entries"]] == [NAME] and len(found["report_files"]) == 1
    archived = Path(found["report_files"][0])
    assert archived.exists()

    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))  # asked, and not confirmed: nothing changes
    assert main([*base, "delete", "--client", NAME]) == 1
    assert archived.exists()
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))
    assert main([*base, "delete", "--client", NAME, "--json"]) == 0
    done = json.loads(capsys.readouterr().out)
    assert done["entries"] == 1 and done["files_removed"] == [str(archived)] and not archived.exists()
    assert main([*base, "entries", "--json"]) == 0
    assert [e["client"] for e in json.loads(capsys.readouterr().out)["entries"]] == ["另一合作社"]
    assert main([*base, "delete", "--entry", "999", "--yes"]) == 2
    # the log file names no client: it is what staff send when asking for help
    logs = "".join(p.read_text(encoding="utf-8") for p in (data_dir / "logs").glob("*.log"))
    assert "deleted 1 service-record entries" in logs and NAME not in logs and "欧阳" not in logs


def test_a_deletion_names_older_copies_of_the_service_record_in_the_data_folder(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A restore's safety copy holds the whole service record as it was: deleting a client here does
    not reach it, so the staff member is told where it is."""
    reports = services.reports
    reports.record_service(client=NAME, purpose="信息查询", outcome="x")
    folder = services.data_dir
    assert reports.delete_client(NAME).copies == ()
    reports.record_service(client=NAME, purpose="信息查询", outcome="x")
    safety = folder / "ipdesk-local.before-restore-20261127-0930.sqlite"
    safety.write_bytes(b"SQLite format 3\0")
    assert reports.delete_client(NAME).copies == (safety,)


def test_a_clients_name_is_found_whatever_its_width_and_spaces(services) -> None:  # type: ignore[no-untyped-def]
    """QA 21d: a name typed with a full-width space or letters one day and half-width the next is one
    person: found by either spelling, deleted whole (not another client whose name contains it)."""
    reports = services.reports
    reports.record_service(client="欧阳　测试 ", purpose="信息查询", outcome="x")  # synthetic
    reports.record_service(client="ＡＢ测试合作社", purpose="信息查询", outcome="x")
    reports.record_service(client="欧阳测试丰", purpose="信息查询", outcome="x")
    assert [e.client for e in reports.service_entries(client="欧阳 测试")][-1] == "欧阳　测试"  # stored trimmed
    assert sorted(e.client for e in reports.service_entries(client="欧阳测试")) == ["欧阳　测试", "欧阳测试丰"]
    assert [e.client for e in reports.service_entries(client="ab测试")] == ["ＡＢ测试合作社"]
    assert reports.delete_client("欧阳测试").entries == 1
    assert sorted(e.client for e in reports.service_entries()) == sorted(["ＡＢ测试合作社", "欧阳测试丰"])


def test_a_correct_name_is_needed_to_correct_one(services) -> None:  # type: ignore[no-untyped-def]
    """QA 21d: correcting to an empty name (an empty argument) blanked the client of the entries."""
    reports = services.reports
    entry = reports.record_service(client=NAME, purpose="信息查询", outcome="x")
    with pytest.raises(UserInputError):
        reports.rename_client([entry], "  ")
    assert [e.client for e in reports.service_entries()] == [NAME]


def test_cli_names_no_client_it_cannot_find_and_asks_no_one(data_dir: Path, capsys: pytest.CaptureFixture[str],  # type: ignore[no-untyped-def]
                                                           monkeypatch) -> None:
    """QA 21d: `report delete --client` of a name not recorded asked to delete 0 entries; correct-client
    of one said "corrected 0 entries" with exit 0, and of an empty new name blanked the client; without
    --yes and with no one to answer, the question and the refusal ran on one line with no way on."""
    import io

    from ipdesk.cli import main
    from ipdesk.services.container import build_services

    build_services(data_dir).reports.record_service(client=NAME + "丰", purpose="信息查询", outcome="x")
    base = ["--data-dir", str(data_dir), "report"]
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    capsys.readouterr()
    assert main([*base, "delete", "--client", NAME]) == 2  # part of a name: not deleted, the whole one named
    err = capsys.readouterr().err
    assert "确认删除" not in err and NAME + "丰" in err
    assert main([*base, "correct-client", NAME, "欧阳"]) == 2
    assert main([*base, "correct-client", NAME + "丰", ""]) == 2
    assert [e.client for e in build_services(data_dir).reports.service_entries()] == [NAME + "丰"]
    capsys.readouterr()
    assert main([*base, "delete", "--client", NAME + "丰"]) == 1  # stdin at its end: nothing deleted
    err = capsys.readouterr().err
    assert "--yes" in err and NAME + "丰" in err.splitlines()[0]
    assert [e.client for e in build_services(data_dir).reports.service_entries()] == [NAME + "丰"]


def _stuck(path: Path) -> None:
    """A file that cannot be removed, for root as well (permissions do not stop root): the file replaced
    by a non-empty folder of its name, which unlink refuses as it refuses a file open in another program."""
    path.unlink()
    path.mkdir()
    (path / "open-elsewhere").write_bytes(b"x")


def _unstuck(path: Path) -> None:
    """The other program closed: the file is an ordinary file again, which can be removed."""
    import shutil

    shutil.rmtree(path)
    path.write_bytes(b"report")


def test_cli_delete_with_a_file_left_exits_8_and_the_file_is_kept_to_remove_later(  # type: ignore[no-untyped-def]
        data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """QA 21d: `report delete` exited 0 when an archived report could not be removed, and once the entry
    was gone nothing named the file again."""
    from ipdesk.cli import main

    base = ["--data-dir", str(data_dir), "report"]
    assert main([*base, "search", "五常", "--out", str(tmp_path / "a.xlsx"), "--client", NAME]) == 0
    assert main([*base, "search", "茶", "--out", str(tmp_path / "b.xlsx"), "--client", "另一合作社"]) == 0
    capsys.readouterr()
    assert main([*base, "entries", "--client", NAME, "--json"]) == 0
    archived = Path(json.loads(capsys.readouterr().out)["report_files"][0])
    _stuck(archived)

    assert main([*base, "delete", "--client", NAME, "--yes", "--json"]) == 8
    done = json.loads(capsys.readouterr().out)
    assert done["entries"] == 1 and done["files_left"] == [str(archived)] and done["exit"] == 8
    assert main(["--lang", "en", *base, "entries"]) == 0
    out = capsys.readouterr().out
    assert "1 report file of deleted entries could not be removed" in out
    assert str(archived) in out.splitlines() and NAME not in out
    assert main([*base, "entries", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["leftover_files"] == [str(archived)]
    assert main([*base, "delete", "--leftovers"]) == 8  # still open elsewhere
    assert str(archived) in capsys.readouterr().out.splitlines()

    _unstuck(archived)
    assert main([*base, "delete", "--leftovers", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["files_removed"] == [str(archived)]
    assert not archived.exists()
    assert main([*base, "entries", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["leftover_files"] == []
    assert main([*base, "delete", "--leftovers"]) == 0


def test_the_next_deletion_removes_a_file_an_earlier_one_left(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    reports = services.reports
    first = _export(services, NAME, tmp_path)
    second = _export(services, "另一合作社", tmp_path)
    _stuck(first.archived_path)
    done = reports.delete_client(NAME)
    assert done.left == (first.archived_path,) and reports.leftover_files() == [first.archived_path]
    listed = (services.data_dir / "reports-left-to-remove.json").read_text(encoding="utf-8")
    assert NAME not in listed  # paths only: report numbers, no one's name
    # still open elsewhere: named again by the next deletion, and still kept
    assert reports.delete_client("另一合作社").left == (first.archived_path,)
    assert not second.archived_path.exists()
    _unstuck(first.archived_path)
    reports.record_service(client="第三人", purpose="信息查询", outcome="x")
    done = reports.delete_client("第三人")
    assert first.archived_path in done.files and done.left == () and not first.archived_path.exists()
    assert reports.leftover_files() == []
    assert not (services.data_dir / "reports-left-to-remove.json").exists()
