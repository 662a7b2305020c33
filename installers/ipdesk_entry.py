"""Entry point of the frozen ipdesk (PyInstaller): the same `ipdesk` command as from source.

A windowed Windows build has no console, so `sys.stdout`/`sys.stderr` are None there; anything that
writes a line (logging, a fault message) would then raise. Point them at the null device instead.
"""

from __future__ import annotations

import os
import sys


def _ensure_streams() -> None:
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 - lives as long as the process


if __name__ == "__main__":
    import multiprocessing

    # Big imports and sync applies make search documents in worker processes (spawn): in a frozen
    # program the worker is this executable again, and freeze_support turns it into the worker.
    multiprocessing.freeze_support()
    _ensure_streams()
    from ipdesk.launch import main

    raise SystemExit(main())
