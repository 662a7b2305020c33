"""How a benchmark hands its Markdown section to bench/run_all.py: printed, and written to the file named by
$IPDESK_BENCH_REPORT when run_all set it (run alone, a benchmark only prints)."""

from __future__ import annotations

import os
from pathlib import Path


def publish_section(text: str) -> None:
    print(text)
    out = os.environ.get("IPDESK_BENCH_REPORT")
    if out:
        Path(out).write_text(text, encoding="utf-8")
