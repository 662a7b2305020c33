"""`ipdesk selftest`: open the window offscreen, search every record kind, exit 0 only if all work."""

from __future__ import annotations

import argparse
import os

from ipdesk.commands.context import CliContext

# Each probe: (kind, query, whether the seed must have at least one hit).
PROBES = (
    ("gi", "五常", True),
    ("place", "五常", True),
    ("class", "A01G", True),
    ("patent", "水稻", False),  # patents and trademarks arrive by import or sync
    ("trademark", "茶", False),
)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("selftest", help="自检：打开窗口并查询每类记录 / open the window and query every kind")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from ipdesk.services.search import SearchFilters
    from ipdesk.ui import gui_gc
    from ipdesk.ui.main_window import MainWindow
    from ipdesk.ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication([])
    gui_gc.install(app)
    services = ctx.services
    tasks = TaskRunner()
    window = MainWindow(services, tasks, lang=ctx.lang)
    window.show()
    app.processEvents()
    failures = 0
    for kind, query, must_find in PROBES:
        try:
            result = services.search.search(query, SearchFilters(kinds=(kind,)), limit=5)
        except Exception as exc:
            print(f"FAIL {kind:<10} {query!r}: {exc}")
            failures += 1
            continue
        ok = bool(result.hits) or not must_find
        failures += 0 if ok else 1
        print(f"{'ok  ' if ok else 'FAIL'} {kind:<10} {query!r}: {result.total_label}")
    window.close()
    tasks.wait_idle()
    print(ctx.t("自检通过" if not failures else "自检失败", "selftest passed" if not failures else "selftest FAILED"))
    return 0 if failures == 0 else 1
