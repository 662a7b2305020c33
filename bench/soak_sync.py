"""Soak: SIGKILL real sync processes at 1,000 random points of download and apply (POSIX).

After every kill: integrity_check ok, the data exactly old or exactly new, no local record lost;
at the end a sync without interruption succeeds. Not run by `make bench` (it takes a while):

    .venv/bin/python bench/soak_sync.py [--kills 1000] [--seed 1]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.sync.killing import run_campaign  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--kills", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="soak-sync-") as tmp:
        report = run_campaign(Path(tmp), args.kills, seed=args.seed, log=lambda m: print(m, flush=True))
    print(f"{report.kills} SIGKILLs in {report.seconds:.0f} s: {report.left_old} left the old data, "
          f"{report.left_new} the new, {report.completed} runs finished before their kill; "
          f"every state checked (integrity, old-or-new, local records) and the final sync succeeded.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
