"""An import under bad conditions (QA round 15): a full temporary drive, a read-only database, an
error list aimed at a folder that does not exist, a cut-short or wrongly encoded XML file, a CSV cell
past the reader's limit. Each is told as what it is, in both languages, on real files and processes.
Synthetic data only (CN999… numbers, 合成测试 titles)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ipdesk.services.importers import ImportFileError
from tests.importers.conftest import PATENT_HEADER, cnipa_new_xml, patent_rows, write_csv

ROOT = Path(__file__).resolve().parents[2]

_FULL_TEMP_SCRIPT = """
import resource, sys
from pathlib import Path
from ipdesk.services.container import build_services
from ipdesk.services.errors import DataFolderError
svc = build_services(Path(sys.argv[1]))
limit = 64 << 10  # no file may grow past 64 KiB: the staging database cannot, as on a full drive
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
try:
    svc.importer.stage([Path(sys.argv[2])])
except DataFolderError as exc:
    print("EN", exc.en)
    print("ZH", exc.zh)
    sys.exit(7)
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="RLIMIT_FSIZE is POSIX-only")
def test_a_full_temporary_drive_is_named_and_the_file_is_not_blamed(tmp_path: Path, data_dir: Path) -> None:
    path = write_csv(tmp_path / "many.csv", PATENT_HEADER, patent_rows(3000))
    temp = tmp_path / "temp"
    temp.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(temp), "TEMP": str(temp), "TMP": str(temp)}
    proc = subprocess.run([sys.executable, "-c", _FULL_TEMP_SCRIPT, str(data_dir), str(path)], env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 7, proc.stdout + proc.stderr[-2000:]
    en = next(line for line in proc.stdout.splitlines() if line.startswith("EN "))
    zh = next(line for line in proc.stdout.splitlines() if line.startswith("ZH "))
    assert "temporary folder is full" in en and str(temp) in en and "your file is fine" in en
    assert "damaged" not in en
    assert "临时文件夹所在磁盘已满" in zh and str(temp) in zh and "您的文件没有问题" in zh
    assert list(temp.iterdir()) == []  # the staging folder went with the failure


_READ_ONLY_SCRIPT = """
import sys
from pathlib import Path
from ipdesk.services.container import build_services
from ipdesk.services.errors import DataFolderError
try:  # the store refuses a read-only file at open now; before that, the merge said so
    svc = build_services(Path(sys.argv[1]))
    preview = svc.importer.stage([Path(sys.argv[2])])
    svc.importer.commit(preview)
except DataFolderError as exc:
    print("EN", exc.en)
    print("ZH", exc.zh)
    sys.exit(7)
"""


def _without_root_powers() -> list[str]:
    """A prefix that makes the process obey file modes (root ignores them): setpriv drops the
    capabilities that override them. Skips when that is not possible."""
    if os.name != "posix":
        pytest.skip("file modes are POSIX")
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: file modes cannot be enforced")
    prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search,-fowner"]
    if subprocess.run([*prefix, "true"], capture_output=True, check=False).returncode != 0:
        pytest.skip("setpriv cannot drop capabilities here")
    return prefix


def test_a_read_only_database_at_commit_is_told_as_such(tmp_path: Path, data_dir: Path) -> None:
    from ipdesk.services.container import build_services
    from tests.importers.conftest import counts

    prefix = _without_root_powers()
    path = write_csv(tmp_path / "new.csv", PATENT_HEADER, patent_rows(20))
    svc = build_services(data_dir)
    before = counts(svc)
    svc.close()
    database = data_dir / "ipdesk.sqlite"
    database.chmod(0o444)
    try:
        proc = subprocess.run([*prefix, sys.executable, "-c", _READ_ONLY_SCRIPT, str(data_dir), str(path)],
                              env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=300)
    finally:
        database.chmod(0o644)
    assert proc.returncode == 7, proc.stdout + proc.stderr[-2000:]
    assert "The database file is read-only" in proc.stdout and str(database) in proc.stdout
    assert "Traceback" not in proc.stderr
    assert "数据库文件是只读的" in proc.stdout
    svc = build_services(data_dir)
    try:
        assert counts(svc) == before
    finally:
        svc.close()


def _cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ipdesk", "--data-dir", str(data_dir), "--lang", "en", "import", *args],
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


def test_errors_out_refuses_a_missing_folder_and_says_where_it_wrote(tmp_path: Path, data_dir: Path) -> None:
    rows = list(patent_rows(3))
    rows[1][0] = "not-a-number"
    bad = write_csv(tmp_path / "bad.csv", PATENT_HEADER, rows)
    missing = tmp_path / "nonexist" / "deeper" / "e.xlsx"
    done = _cli(data_dir, str(bad), "--errors-out", str(missing))
    assert done.returncode == 2, done.stdout + done.stderr
    assert "the folder does not exist" in done.stderr and str(missing) in done.stderr
    assert not (tmp_path / "nonexist").exists()  # no folder made that nobody asked for
    out = tmp_path / "e.xlsx"
    done = _cli(data_dir, str(bad), "--errors-out", str(out))
    assert done.returncode == 1, done.stderr
    assert f"The error list (1 error) was written to {out}" in done.stdout and out.is_file()
    good = write_csv(tmp_path / "good.csv", PATENT_HEADER, patent_rows(2, start=50))
    done = _cli(data_dir, str(good), "--dry-run", "--errors-out", str(tmp_path / "none.xlsx"))
    assert done.returncode == 0 and "No errors: no error list was written" in done.stdout
    assert not (tmp_path / "none.xlsx").exists()


def test_outputs_never_replace_a_file_unless_forced(tmp_path: Path, data_dir: Path) -> None:
    """QA: --errors-out and --template --out wrote over any file of that name, the list being imported too."""
    import hashlib

    rows = list(patent_rows(3))
    rows[1][0] = "not-a-number"
    bad = write_csv(tmp_path / "bad.csv", PATENT_HEADER, rows)
    kept = tmp_path / "kept.xlsx"
    kept.write_bytes(b"a staff member's own list")
    before = hashlib.sha256(bad.read_bytes()).hexdigest()
    for extra in ((), ("--force",)):  # the file being imported, never
        done = _cli(data_dir, str(bad), "--errors-out", str(bad), *extra)
        assert done.returncode == 2 and "a file being imported" in done.stderr, done.stderr
        assert hashlib.sha256(bad.read_bytes()).hexdigest() == before
    done = _cli(data_dir, str(bad), "--errors-out", str(kept))
    assert done.returncode == 2 and "already exists" in done.stderr and "--force" in done.stderr, done.stderr
    assert kept.read_bytes() == b"a staff member's own list"
    done = _cli(data_dir, str(bad), "--errors-out", str(kept), "--force")
    assert done.returncode == 1 and kept.read_bytes()[:2] == b"PK", done.stderr
    assert kept.stat().st_mode & 0o111 == 0  # a list, not a program (os.open's default mode made it one)

    template = tmp_path / "t.xlsx"
    template.write_bytes(b"filled in")
    done = _cli(data_dir, "--template", "patent", "--out", str(template))
    assert done.returncode == 2 and "already exists" in done.stderr and template.read_bytes() == b"filled in"
    done = _cli(data_dir, "--template", "patent", "--out", str(tmp_path / "nodir" / "t.xlsx"))
    assert done.returncode == 2 and "the folder does not exist" in done.stderr and not (tmp_path / "nodir").exists()
    done = _cli(data_dir, "--template", "patent", "--out", str(template), "--force")
    assert done.returncode == 0 and template.read_bytes()[:2] == b"PK", done.stderr


def _refused(importer, path: Path, reason: str) -> ImportFileError:  # type: ignore[no-untyped-def]
    with pytest.raises(ImportFileError) as info:
        importer.stage([path])
    assert info.value.reason == reason, info.value.en
    return info.value


def test_a_cut_short_xml_file_is_called_incomplete_wherever_it_was_cut(tmp_path: Path, importer) -> None:  # type: ignore[no-untyped-def]
    data = cnipa_new_xml(7, title="合成测试水稻育秧盘")
    chinese = data.index("合成测试".encode())
    for n, cut in enumerate((chinese + 1, chinese + 2, len(data) // 2, len(data) - 5)):  # mid-character too
        path = tmp_path / f"cut{n}.xml"
        path.write_bytes(data[:cut])
        err = _refused(importer, path, "malformed")
        assert "incomplete" in err.en and "truncated" in err.en, (cut, err.en)
        assert "不完整" in err.zh and "截断" in err.zh


def test_gbk_bytes_in_a_file_declared_utf8_get_an_encoding_hint(tmp_path: Path, importer) -> None:  # type: ignore[no-untyped-def]
    data = cnipa_new_xml(8, title="合成测试稻田养鱼装置")
    assert b'encoding="utf-8"' in data[:100]
    path = tmp_path / "ansi.xml"
    path.write_bytes(data.decode("utf-8").encode("gb18030"))  # saved as "ANSI" on a Chinese Windows
    err = _refused(importer, path, "encoding")
    assert "GBK" in err.en and 'encoding="GBK"' in err.en and "UTF-8" in err.en
    assert "GBK" in err.zh and "UTF-8" in err.zh
    cut = tmp_path / "ansi-cut.xml"  # the encoding is named even when the file is also cut short
    cut.write_bytes(path.read_bytes()[:-41])
    assert "GBK" in _refused(importer, cut, "encoding").en


def test_a_cell_past_the_csv_limit_states_the_limit(tmp_path: Path, importer) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.services.importers.safety import DEFAULT_LIMITS

    limit = DEFAULT_LIMITS.max_cell_chars * 4
    long = tmp_path / "long.csv"
    long.write_text(",".join(PATENT_HEADER) + '\nCN999000051A,"' + "合" * (limit + 10) + '",x,230184,2098-01-02\n',
                    encoding="utf-8")
    err = _refused(importer, long, "malformed")
    assert f"{limit:,}" in err.en and f"{limit:,}" in err.zh
    assert "quote" in err.en and "引号" in err.zh


_WORKBOOK_LIMIT_SCRIPT = """
import resource, sys
from pathlib import Path
from ipdesk.services.errors import UserInputError
from ipdesk.services.importers.rows import RowError
from ipdesk.services.importers.staging import export_errors
from ipdesk.services.importers.templates import export_template
errors = [RowError("p.csv", n, "公开号", "X" * 200, "格式不对" * 20, "malformed " * 20) for n in range(2, 400)]
limit = 4 << 10  # the workbooks are tens of KiB: a file-size limit (FAT32, a quota) stops them part-way
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
for write in (lambda: export_errors(errors, Path(sys.argv[1]) / "errors.xlsx", "en"),
              lambda: export_template("patent", Path(sys.argv[1]) / "template.xlsx", "en")):
    try:
        write()
        print("WRITTEN")
    except UserInputError as exc:
        print("EN", exc.en)
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="RLIMIT_FSIZE is POSIX-only")
def test_an_error_list_or_template_stopped_by_a_file_size_limit_is_said_not_an_unexpected_error(
        tmp_path: Path) -> None:
    """openpyxl writes through lxml, which turned the failed write into `SerialisationError: IO_EFBIG`
    ("an unexpected error"); the workbooks are now made in memory and written by Python."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", _WORKBOOK_LIMIT_SCRIPT, str(tmp_path)], env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    lines = [line for line in proc.stdout.splitlines() if line.startswith("EN ")]
    assert len(lines) == 2, proc.stdout
    for line in lines:
        assert "too large for this drive" in line, line
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no part file, nothing under the final names


def test_as_of_is_read_as_the_lists_dates_are(tmp_path: Path, data_dir: Path) -> None:
    """QA: --as-of took 1800-01-01 but not 2026/1/5 or 2026年1月5日, and "" silently meant today."""
    good = write_csv(tmp_path / "good.csv", PATENT_HEADER, patent_rows(1, start=70))
    for typed in ("2026/1/5", "2026年1月5日", "20260105"):
        done = _cli(data_dir, str(good), "--dry-run", "--as-of", typed)
        assert done.returncode == 0, (typed, done.stderr)
    for typed, said in (("1800-01-01", "1900–2199"), ("", "--as-of is empty"), ("2026-02-30", "no such day")):
        done = _cli(data_dir, str(good), "--dry-run", "--as-of", typed)
        assert done.returncode == 2 and said in done.stderr, (typed, done.stderr)


def test_staging_left_by_a_killed_import_is_removed_by_the_next_reading_not_at_start(  # type: ignore[no-untyped-def]
        tmp_path: Path, services, monkeypatch: pytest.MonkeyPatch) -> None:
    """A process killed between preview and commit leaves its staging folder in the temporary folder.
    The next import removes those older than a day when it reads, in the background; making the
    importer (which the window does on its own thread) touches nothing."""
    import tempfile
    import time

    from ipdesk.services.importers import Importer

    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    stale, fresh = temp / "ipdesk-import-stale", temp / "ipdesk-import-fresh"
    for folder in (stale, fresh):
        folder.mkdir()
        (folder / "staging.sqlite").write_bytes(b"left")
    two_days_ago = time.time() - 2 * 86_400
    os.utime(stale, (two_days_ago, two_days_ago))

    importer = Importer(services.db)
    assert stale.exists() and fresh.exists()
    preview = importer.stage([write_csv(tmp_path / "p.csv", PATENT_HEADER, patent_rows(1))])
    try:
        assert not stale.exists() and fresh.exists()
        assert preview.staging_path.parent.parent == temp
    finally:
        preview.discard()
