"""Exports running at the same moment on one data folder (QA round 18c, N2): three `ipdesk report`
commands started together all printed IPD-…-001, the archive kept one file for three ledger rows
(two reports lost), the service record got one entry for three visits, and the three copies asked
for in one `--out` folder were written over each other. Real processes on a real data folder."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from ipdesk.cli import main
from ipdesk.services.reports.archive import REPORT_NO_FILE

ROOT = Path(__file__).resolve().parents[2]

# Everything imported and Qt started first; then all wait for the `go` file, so the exports
# themselves (open the data folder, number, render, archive, log, copy) run at the same moment.
_DRIVER = """
import sys, time
from pathlib import Path
from ipdesk.cli import main
from ipdesk.ui.report_pdf import ensure_gui_app
ensure_gui_app()
go = Path(sys.argv[1])
while not go.exists():
    time.sleep(0.005)
sys.exit(main(sys.argv[2:]))
"""


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_exports_at_the_same_moment_each_get_their_own_number_file_and_ledger_entry(
        data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    # the data folder set up (search index, local store) before the race, as on a working computer
    assert main(["--data-dir", str(data_dir), "report", "search", "茶", "--out", str(tmp_path / "first.xlsx")]) == 0
    go = tmp_path / "go"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    formats = ["pdf", "pdf", "pdf", "xlsx"]  # three to one name in the folder; one numbered from the same count
    procs = [
        subprocess.Popen([sys.executable, "-c", _DRIVER, str(go), "--data-dir", str(data_dir), "report", "search",
                          "草莓", "--format", fmt, "--client", f"客户{n}", "--out", str(out), "--json"],
                         env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for n, fmt in enumerate(formats)
    ]
    time.sleep(4)  # every process past its imports
    go.touch()
    results = []
    for proc in procs:
        stdout, stderr = proc.communicate(timeout=300)
        assert proc.returncode == 0, stderr[-3000:]
        results.append(json.loads(stdout))

    numbers = [r["report_no"] for r in results]
    assert len(set(numbers)) == len(numbers), numbers  # before the fix: IPD-…-001 three or four times
    day = numbers[0].rsplit("-", 1)[0]
    assert sorted(numbers) == [f"{day}-{i:03d}" for i in (2, 3, 4, 5)]  # after the first one's -001
    # each its own archived file, holding what the ledger says it holds, and its own copy in --out
    archived = [Path(r["archived"]) for r in results]
    copies = [Path(r["path"]) for r in results]
    assert len(set(archived)) == len(archived) and len(set(copies)) == len(copies)
    for r, file, copy in zip(results, archived, copies, strict=True):
        assert file.name.startswith(r["report_no"])
        assert _sha256(file) == r["sha256"] == _sha256(copy)
    assert sorted(p.name for p in out.iterdir()) == [
        "知识产权信息检索报告：草莓-2.pdf", "知识产权信息检索报告：草莓-3.pdf", "知识产权信息检索报告：草莓.pdf",
        "知识产权信息检索报告：草莓.xlsx"]  # nothing left half-written (.part) or empty
    with sqlite3.connect(data_dir / "ipdesk-local.sqlite") as conn:
        rows = conn.execute("SELECT report_no, path, sha256 FROM report_archive WHERE report_no IN (?, ?, ?, ?)",
                            numbers).fetchall()
        clients = conn.execute("SELECT s.client, a.report_no FROM service_record s JOIN report_archive a "
                               "ON s.report_id = a.id WHERE a.report_no IN (?, ?, ?, ?)", numbers).fetchall()
    assert len(rows) == 4
    for number, stored, digest in rows:
        assert _sha256(data_dir / stored) == digest, number
    # one ledger entry each: a visit is never taken for a re-export of another's report
    assert sorted(clients) == sorted((f"客户{n}", r["report_no"]) for n, r in enumerate(results))
    assert {r["service_record_id"] for r in results} == {2, 3, 4, 5}
    assert (data_dir / REPORT_NO_FILE).read_text(encoding="utf-8").strip() == max(numbers)
