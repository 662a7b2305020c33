"""Where a slow query spends its time: each tier of SearchService, and the SQL plan of the slowest.

    .venv/bin/python bench/profile_query.py 茶 sd "A01G 9/00" [--scale 1] [--explain]

A diagnostic for the benchmark (it calls the service's private tier generator); not run by run_all.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


class Rows(list):  # type: ignore[type-arg]
    def fetchall(self):  # type: ignore[no-untyped-def]
        return list(self)

    def fetchone(self):  # type: ignore[no-untyped-def]
        return self[0] if self else None


class TimedCursor:
    """A cursor that notes each statement's time (and prints its plan when asked)."""

    def __init__(self, raw, cur, explain: bool) -> None:  # type: ignore[no-untyped-def]
        self.raw, self.cur, self.explain = raw, cur, explain
        self.statements: list[tuple[str, float]] = []

    def execute(self, sql, params=()):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        rows = self.cur.execute(sql, params).fetchall()
        self.statements.append((sql, (time.perf_counter() - started) * 1000))
        if self.explain:
            for row in self.raw.execute("EXPLAIN QUERY PLAN " + sql, params):
                print("      plan:", row[-1])
        return Rows(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("queries", nargs="+")
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--explain", action="store_true", help="print EXPLAIN QUERY PLAN of every statement")
    args = ap.parse_args(argv)

    from gen_corpus import corpus_paths

    from ipdesk.services.db import make_engine, sqlite_url
    from ipdesk.services.search import COUNT_CAP, SearchFilters, SearchService

    engine = make_engine(sqlite_url(corpus_paths(args.scale)[0]))
    svc = SearchService(engine)
    svc.search("预热")
    for q in args.queries:
        plan = svc._plan(svc.validate(q))
        print(f"\n{q!r}: words={plan.words} forms={plan.key_forms}")
        with engine.connect() as conn:
            raw = conn.connection.driver_connection
            cur = raw.cursor()

            timed = TimedCursor(raw, cur, args.explain)
            statements = timed.statements
            started = time.perf_counter()
            for tier, ids in svc._tiers(timed, plan, SearchFilters(), COUNT_CAP + 1, []):
                now = time.perf_counter()
                sql, _ms = statements[-1] if statements else ("", 0.0)
                print(f"  tier {tier}: {len(ids):>6} ids {(now - started) * 1000:7.1f} ms  | {sql[:110]}")
                started = time.perf_counter()
        started = time.perf_counter()
        result = svc.search(q)
        print(f"  whole search: {(time.perf_counter() - started) * 1000:.1f} ms, total {result.total_label}")
    engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
