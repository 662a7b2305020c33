"""The warm-up thread imports what the Reports and Data & sync pages need (QA 20b N6), without Qt."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys, threading
from ipdesk.app import WARM_IMPORTS, warm_up_imports
assert not [m for m in WARM_IMPORTS if m in sys.modules], "imported before the warm-up"
t = threading.Thread(target=warm_up_imports, name="warm-up")
t.start(); t.join()
missing = [m for m in WARM_IMPORTS if m not in sys.modules]
qt = sorted(m for m in sys.modules if m.startswith(("PySide6", "shiboken6")))
print(missing, qt)
"""


def test_the_warm_up_imports_the_pages_modules_off_the_gui_thread_without_qt() -> None:
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.strip() == "[] []", out.stdout + out.stderr


def test_the_warm_up_covers_the_slow_imports_of_the_first_visits() -> None:
    from ipdesk.app import WARM_IMPORTS

    # reports_page → archive/ledger → openpyxl; data_page → sync_panel → sync.client, backup_panel → backup
    for name in ("openpyxl", "ipdesk.services.reports.archive", "ipdesk.services.sync.client", "ipdesk.services.backup"):
        assert name in WARM_IMPORTS
