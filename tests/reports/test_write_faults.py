"""A report that cannot reach the disk whole is a write error, never an archived, logged, handed-on
file: a file-size limit (FAT32, a quota) or a full disk cut Qt's PDF short without a word (QA round
15, S1); a read-only service-record file had the report archived and its number used up before the
ledger write failed with "unexpected error (OperationalError)" (M2). Real conditions, in a child
process: RLIMIT_FSIZE, and file modes that root obeys only under `setpriv`."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ipdesk.cli import main

ROOT = Path(__file__).resolve().parents[2]
POSIX_LIMITS = pytest.mark.skipif(not hasattr(os, "fork"), reason="RLIMIT_FSIZE is POSIX-only")

# An export with no file allowed to grow past argv[1] bytes (set once the stores are open and the
# report is built): the disk is "full" for the report file.
_LIMITED_EXPORT = """
import resource, sys
from pathlib import Path
from ipdesk.services.container import build_services
from ipdesk.services.errors import IpdeskError
from ipdesk.services.search import SearchFilters
from ipdesk.services.reports.builder import ReportMeta
from ipdesk.ui.report_pdf import ensure_gui_app, render_pdf
ensure_gui_app()
svc = build_services(Path(sys.argv[2]))
report = svc.reports.builder.for_search("茶", SearchFilters(), "zh_CN", ReportMeta(title="", client="", purpose="",
                                        staff="", centre=""))
limit = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
try:
    svc.reports.export(report, sys.argv[4], Path(sys.argv[3]), renderers={"pdf": render_pdf})
except IpdeskError as exc:
    print(exc.en)
    print(exc.zh)
    sys.exit(exc.exit_code)
print("EXPORTED")
"""


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}


def _archived(data_dir: Path) -> list[str]:
    return sorted(p.name for p in (data_dir / "reports").rglob("*") if p.is_file())


def _ledger_rows(data_dir: Path) -> int:
    with sqlite3.connect(data_dir / "ipdesk-local.sqlite") as conn:
        return int(conn.execute("SELECT count(*) FROM report_archive").fetchone()[0])


@POSIX_LIMITS
@pytest.mark.parametrize("fmt", ["pdf", "docx", "xlsx"])
def test_a_report_cut_short_by_a_file_size_limit_is_an_error_and_nothing_is_kept(
        qapp, data_dir: Path, tmp_path: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    out.mkdir()
    assert main(["--data-dir", str(data_dir), "report", "search", "茶", "--out", str(out / f"whole.{fmt}")]) == 0
    size = (out / f"whole.{fmt}").stat().st_size
    before, number = _archived(data_dir), (data_dir / "report-number.txt").read_text(encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", _LIMITED_EXPORT, str(size // 2), str(data_dir),
                           str(out / f"cut.{fmt}"), fmt], env=_env(), capture_output=True, text=True, timeout=300)
    assert proc.returncode == 3, (proc.stdout, proc.stderr[-3000:])
    assert "Cannot archive the report in the data folder" in proc.stdout
    assert "too large for this drive" in proc.stdout and "neither archived nor logged" in proc.stdout
    assert "文件超出了这个磁盘允许的大小" in proc.stdout and "报告没有存档，也没有记入服务台账" in proc.stdout
    if fmt == "xlsx":  # openpyxl writes each sheet to a temporary file first: the limit stops it there
        assert "the temporary folder" in proc.stdout and "临时文件夹" in proc.stdout
    assert "EXPORTED" not in proc.stdout
    assert not (out / f"cut.{fmt}").exists()
    assert _archived(data_dir) == before  # no file under its final name, and no .part
    assert _ledger_rows(data_dir) == 1
    assert (data_dir / "report-number.txt").read_text(encoding="utf-8") == number  # the number is not used up


_LIMITED_LEDGER = """
import resource, sys
from pathlib import Path
from ipdesk.services.container import build_services
from ipdesk.services.errors import IpdeskError
svc = build_services(Path(sys.argv[2]))
limit = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
try:
    svc.reports.export_ledger(Path(sys.argv[3]), "", "en")
except IpdeskError as exc:
    print(exc.en)
    print(exc.zh)
    sys.exit(exc.exit_code)
print("EXPORTED")
"""


@POSIX_LIMITS
def test_a_ledger_cut_short_is_an_error_not_a_traceback(data_dir: Path, tmp_path: Path) -> None:
    """openpyxl writes through lxml: a failed write was `SerialisationError: IO_EFBIG`, an unexpected error."""
    for n in range(3):
        assert main(["--data-dir", str(data_dir), "report", "search", "茶", "--out", str(tmp_path / f"r{n}.xlsx"),
                     "--client", "测试合作社" * 20]) == 0
    assert main(["--data-dir", str(data_dir), "report", "ledger", "--out", str(tmp_path / "whole.xlsx")]) == 0
    size = (tmp_path / "whole.xlsx").stat().st_size
    proc = subprocess.run([sys.executable, "-c", _LIMITED_LEDGER, str(size // 3), str(data_dir),
                           str(tmp_path / "cut.xlsx")], env=_env(), capture_output=True, text=True, timeout=300)
    assert proc.returncode in (2, 3), (proc.stdout, proc.stderr[-3000:])
    assert "Cannot write the ledger to" in proc.stdout and "无法写入台账文件" in proc.stdout
    assert not (tmp_path / "cut.xlsx").exists() and not (tmp_path / "cut.xlsx.part").exists()


_LIMITED_PRINT = """
import resource, sys
from pathlib import Path
from PySide6.QtPrintSupport import QPrinter
from ipdesk.services.errors import UserInputError
from ipdesk.ui.report_pdf import ensure_gui_app, paint_report, report_page_layout
from tests.reports.conftest import synthetic_report
ensure_gui_app()
printer = QPrinter(QPrinter.PrinterMode.HighResolution)
printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
printer.setOutputFileName(sys.argv[2])
printer.setPageLayout(report_page_layout())
limit = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
try:
    paint_report(synthetic_report(int(sys.argv[3])), printer)
except UserInputError as exc:
    print(exc.en)
    print(exc.zh)
    sys.exit(7)
"""


@POSIX_LIMITS
def test_printing_to_a_file_cut_short_is_an_error_and_the_file_is_removed(tmp_path: Path) -> None:
    whole, cut = tmp_path / "whole.pdf", tmp_path / "cut.pdf"
    done = subprocess.run([sys.executable, "-c", _LIMITED_PRINT, str(1 << 30), str(whole), "60"], env=_env(),
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert whole.read_bytes().rstrip().endswith(b"%%EOF")
    proc = subprocess.run([sys.executable, "-c", _LIMITED_PRINT, str(whole.stat().st_size // 2), str(cut), "60"],
                          env=_env(), capture_output=True, text=True, timeout=300)
    assert proc.returncode == 7, (proc.stdout, proc.stderr[-3000:])
    assert "Printing to the file" in proc.stdout and "did not finish" in proc.stdout
    assert "打印到文件没有完成" in proc.stdout and "不完整的文件已删除" in proc.stdout
    assert not cut.exists()


def _obeying_modes() -> list[str]:
    """The prefix that makes a child process obey file modes: root ignores them, except under
    `setpriv` without the capabilities that override them. Skips where neither works."""
    if os.name != "posix":
        return []  # Windows: the read-only attribute holds for everyone
    if os.geteuid() != 0:
        return []
    prefix = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner"]
    if shutil.which("setpriv") is None or subprocess.run([*prefix, "true"], capture_output=True).returncode != 0:
        pytest.skip("running as root without a working setpriv: file modes are not obeyed")
    return prefix


@pytest.mark.parametrize(("lang", "words"), [
    # refused before the export starts (lookups work on such a file): nothing began
    ("en", ["The local service-record file is read-only", "Check its permissions"]),
    ("zh_CN", ["本机服务台账文件是只读的", "请检查权限"]),
])
def test_a_read_only_service_record_file_archives_and_numbers_nothing(data_dir: Path, tmp_path: Path, lang: str,
                                                                      words: list[str]) -> None:
    prefix = _obeying_modes()
    out = tmp_path / "out"
    out.mkdir()
    assert main(["--data-dir", str(data_dir), "report", "search", "五常", "--out", str(out / "first.xlsx")]) == 0
    before, number = _archived(data_dir), (data_dir / "report-number.txt").read_text(encoding="utf-8")
    store = data_dir / "ipdesk-local.sqlite"
    store.chmod(stat.S_IREAD)
    try:
        proc = subprocess.run(
            [*prefix, sys.executable, "-m", "ipdesk", "--data-dir", str(data_dir), "--lang", lang,
             "report", "search", "五常", "--out", str(out / "second.xlsx")],
            env=_env(), capture_output=True, text=True, timeout=300, cwd=ROOT)
    finally:
        store.chmod(stat.S_IREAD | stat.S_IWRITE)
    assert proc.returncode == 3, (proc.stdout, proc.stderr[-3000:])
    for word in words:
        assert word in proc.stderr, proc.stderr
    assert str(store) in proc.stderr
    assert "OperationalError" not in proc.stderr and not proc.stdout
    assert not (out / "second.xlsx").exists()
    assert _archived(data_dir) == before  # nothing archived, no .part left
    assert (data_dir / "report-number.txt").read_text(encoding="utf-8") == number
    assert _ledger_rows(data_dir) == 1


def test_the_next_export_removes_parts_left_by_a_killed_one_but_not_a_fresh_one(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """QA m4: `kill -9` during an export left `reports/<month>/IPD-….pdf.part` for ever."""
    from tests.reports.conftest import synthetic_report

    old_month = services.data_dir / "reports" / "2025-01"
    old_month.mkdir(parents=True)
    stale = old_month / "IPD-20250131-004.pdf.part"
    stale.write_bytes(b"%PDF-1.4 half")
    day_old = time.time() - 25 * 3600
    os.utime(stale, (day_old, day_old))
    report = synthetic_report(2)
    report.report_no = ""
    fresh = services.data_dir / "reports" / report.created_at.strftime("%Y-%m") / "IPD-20991231-001.docx.part"
    fresh.parent.mkdir(parents=True, exist_ok=True)
    fresh.write_bytes(b"being written by another ipdesk")  # just now: another process may be writing it
    kept = old_month / "IPD-20250131-003.pdf"
    kept.write_bytes(b"%PDF-1.4 an archived report")
    os.utime(kept, (day_old, day_old))
    services.reports.export(report, "xlsx", tmp_path / "r.xlsx")
    assert not stale.exists()
    assert fresh.exists() and kept.exists()
