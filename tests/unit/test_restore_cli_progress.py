"""`ipdesk backup` / `ipdesk restore` say each long step on stderr with its counts, and a Ctrl+C in the
restore's merge says the restore did not finish and to run the same restore again (QA 20b N7)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import ipdesk.services.backup as backup_module
from ipdesk.cli import main
from ipdesk.services.restore_state import MARKER
from tests.unit.test_backup_restore_merge import _fresh, backup_file  # noqa: F401  (a fixture)


def test_restore_says_each_step_with_its_counts(backup_file: Path, tmp_path: Path, seed_path: Path,  # noqa: F811
                                                capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "new-pc"
    _fresh(data, seed_path).close()
    assert main(["--data-dir", str(data), "--lang", "zh_CN", "restore", str(backup_file), "--yes", "--json"]) == 0
    out = capsys.readouterr()
    assert json.loads(out.out)["ok"]  # stdout keeps the JSON alone
    lines = out.err.splitlines()
    assert f"正在检查备份文件：{backup_file}……" in lines
    assert any(line.startswith("正在解压并校验备份（") and "个文件" in line for line in lines)
    assert "正在把现有的服务台账另存为安全副本……" in lines
    assert "正在合并本机导入的记录（125 条，可能要几分钟，请不要中断）……" in lines  # 120 patents, 3 marks, 2 GIs


def test_backup_says_each_step(backup_file: Path, tmp_path: Path, seed_path: Path,  # noqa: F811
                               capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "old-pc"  # the backup_file fixture's folder, with its local records
    out_file = tmp_path / "again.zip"
    assert main(["--data-dir", str(data), "--lang", "en", "backup", "--out", str(out_file)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[:2] == ["Copying the service record, report archive and saved searches…",
                       "Adding the records imported as local…"]
    assert err[-1] == "Writing the backup file…"


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_ctrl_c_during_the_merge_says_to_run_the_same_restore_again(
        backup_file: Path, tmp_path: Path, seed_path: Path, capsys: pytest.CaptureFixture[str],  # noqa: F811
        monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    data = tmp_path / "new-pc"
    _fresh(data, seed_path).close()

    def interrupted(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(backup_module, "_merge_batch", interrupted)
    assert main(["--data-dir", str(data), "--lang", lang, "restore", str(backup_file), "--yes"]) == 130
    err = capsys.readouterr().err
    safety = json.loads((data / MARKER).read_text(encoding="utf-8"))["safety_copy"]  # the next start tells it too
    if lang == "zh_CN":
        assert (f"恢复没有完成（在“合并本机导入的记录”时被中断）：服务台账、报告文件或本机导入的记录可能只恢复了一部分。"
                f"请再运行一次同一份恢复以补齐：ipdesk restore \"{backup_file}\"。恢复前的服务台账保存在数据文件夹的 "
                f"{safety} 中。") in err
        assert "已取消。" not in err
    else:
        assert ("The restore did not finish (interrupted while merging the records imported as local): the service "
                "record, report files or local imports may be only partly restored. Run the same restore again to "
                f"complete it: ipdesk restore \"{backup_file}\". The service record from before is kept in {safety} "
                "in the data folder.") in err


def test_ctrl_c_while_checking_says_nothing_was_changed(backup_file: Path, tmp_path: Path, seed_path: Path,  # noqa: F811
                                                        capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "new-pc"
    _fresh(data, seed_path).close()

    def interrupted(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(backup_module, "_check_store_file", interrupted)
    assert main(["--data-dir", str(data), "--lang", "zh_CN", "restore", str(backup_file), "--yes"]) == 130
    assert "已取消：恢复还没有开始更改数据，没有更改任何内容。" in capsys.readouterr().err
    assert not (data / MARKER).exists()


def test_ctrl_c_after_the_retention_clean_up_says_what_it_deleted(backup_file: Path, tmp_path: Path,  # noqa: F811
                                                                   seed_path: Path, capsys: pytest.CaptureFixture[str],
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """With a retention period set, the restore first deletes this computer's older entries (said as a
    step); a Ctrl+C before the safety copy then says that, not "nothing was changed"."""
    import datetime as dt
    import sqlite3

    from sqlalchemy import update

    from ipdesk.services.models import ServiceRecord
    from ipdesk.services.settings import Settings, save_settings

    data = tmp_path / "new-pc"
    services = _fresh(data, seed_path)
    try:
        old = services.reports.record_service(client="合成老农户", purpose="咨询", outcome="合成")
        with services.db.local_store.session() as s:
            s.execute(update(ServiceRecord).where(ServiceRecord.id == old).values(created_at=dt.datetime(2019, 1, 2)))
    finally:
        services.close()
    save_settings(data, Settings(record_retention_years=3))

    def interrupted(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(backup_module, "_safety_copy", interrupted)
    assert main(["--data-dir", str(data), "--lang", "en", "restore", str(backup_file), "--yes"]) == 130
    err = capsys.readouterr().err
    assert "Deleting this computer's service-record entries older than the retention period…" in err.splitlines()
    assert ("Cancelled: the restore had not started changing anything. This computer's service-record entries older "
            "than the retention period set here may have been deleted (as the daily clean-up does); nothing else was "
            "changed.") in err
    assert not (data / MARKER).exists()
    with sqlite3.connect(data / "ipdesk-local.sqlite") as con:  # deleted as the daily clean-up would have
        assert con.execute("SELECT count(*) FROM service_record").fetchone()[0] == 0
