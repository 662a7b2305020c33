"""The `ipdesk` command's entry point. It loads the command line (SQLAlchemy, argparse, the commands)
inside a guard, so that Ctrl+C in the first moments, while Python loads those libraries, is answered
in words like any later Ctrl+C, not with a traceback."""

from __future__ import annotations

import sys


def main() -> int:
    try:
        from ipdesk.cli import main as command_line
    except KeyboardInterrupt:
        sys.stderr.write("\nipdesk: 已取消。/ Cancelled.\n")
        return 130
    return command_line()
