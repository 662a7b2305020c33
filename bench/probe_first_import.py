"""The GUI thread during 确认导入 (confirm import), first and later imports of one window session.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/probe_first_import.py [--rows 6000] [--kind csv|xlsx|…]
        [--files REAL.xml …] [--profile GUI.prof] [--worker-profile MERGE.prof] [--trace-pool] [--no-warm-up]

Builds the real MainWindow on a private copy of the seed, with run_app's warm-up thread
(`ipdesk.app.warm_up`, which has the GUI collector freeze what it loaded), previews a synthetic file
(`tests/importers/conftest.py`; or real files, one a confirm) on 数据与同步 → 导入文件, and clicks
确认导入 three times (new records each time). A 10 ms QTimer on the GUI thread beats throughout; the
report is each confirm's largest gap between beats from the click until 1.5 s after the import
answered, the garbage collections the GUI thread made meanwhile (the longest, its generation), and
how many objects each generation held before the click. A watcher thread samples the GUI thread's
stack whenever a beat is 30 ms late; `--profile` writes a cProfile of the GUI thread during the first
confirm, `--worker-profile` one of the first merge on the DB worker; `--trace-pool` times the index
workers' pool (made for 5,000 records or more) and names the thread that starts it.
"""

from __future__ import annotations

import argparse
import collections
import cProfile
import gc
import itertools
import os
import shutil
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--profile", type=Path, help="write a cProfile of the GUI thread during the first confirm")
    ap.add_argument("--rows", type=int, default=12)
    ap.add_argument("--trace-pool", action="store_true",
                    help="time the index-worker pool's steps (pool, resource tracker, process starts)")
    ap.add_argument("--worker-profile", type=Path, help="write a cProfile of the DB worker's first merge")
    ap.add_argument("--no-warm-up", action="store_true", help="skip run_app's warm-up thread")
    ap.add_argument("--kind", choices=("csv", "xlsx", "cnipa-zip", "st96-gi", "st96-tm"), default="csv",
                    help="the file imported (synthetic, from tests/importers/conftest.py)")
    ap.add_argument("--files", type=Path, nargs="+", help="real files instead, one a confirm")
    args = ap.parse_args(argv)

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from ipdesk.app import warm_up
    from ipdesk.services.container import build_services
    from ipdesk.ui import gui_gc
    from ipdesk.ui.main_window import MainWindow
    from ipdesk.ui.tasks import TaskRunner
    from tests.importers import conftest as gen

    app = QApplication.instance() or QApplication(sys.argv[:1])
    collector = gui_gc.install(app)
    gui_ident = threading.get_ident()

    def wait(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def wait_for(signal: object, timeout_ms: int = 60_000) -> list[object]:
        got: list[object] = []
        loop = QEventLoop()

        def on(*a: object) -> None:
            got.extend(a)
            loop.quit()

        signal.connect(on)  # type: ignore[attr-defined]
        QTimer.singleShot(timeout_ms, loop.quit)
        loop.exec()
        signal.disconnect(on)  # type: ignore[attr-defined]
        if not got:
            raise TimeoutError(str(signal))
        return got

    with tempfile.TemporaryDirectory(prefix="ipdesk-probe-") as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        shutil.copyfile(ROOT / "resources" / "seed.sqlite", data / "ipdesk.sqlite")
        services = build_services(data)
        tasks = TaskRunner()
        window = MainWindow(services, tasks, lang="zh_CN", probe_network=False)
        window.resize(1200, 800)
        window.show()
        if not args.no_warm_up:  # as run_app: 300 ms after the window, a thread warms up
            QTimer.singleShot(300, lambda: threading.Thread(target=warm_up, args=(data, collector.freeze_soon),
                                                            daemon=True).start())
        wait(8000)  # the warm-up is done long before a person has a file to import
        page = window.show_page("data")
        panel = page.import_panel
        if args.worker_profile:  # the first merge runs under a profiler on the DB worker thread
            importer = services.importer
            plain_commit = importer.commit

            def profiled_commit(*a: object, **kw: object) -> object:
                importer.commit = plain_commit
                worker_profiler = cProfile.Profile()
                try:
                    return worker_profiler.runcall(plain_commit, *a, **kw)
                finally:
                    worker_profiler.dump_stats(str(args.worker_profile))

            importer.commit = profiled_commit
        wait(1000)

        events: list[tuple[str, str, float, float]] = []
        if args.trace_pool:
            _trace_pool(events)
        collections_: list[tuple[float, float, int]] = []  # start, seconds, generation (GUI thread)
        gc_started = [0.0]

        def on_gc(phase: str, info: dict[str, int]) -> None:
            if phase == "start":
                gc_started[0] = time.perf_counter()
            else:
                collections_.append((gc_started[0], time.perf_counter() - gc_started[0], info["generation"]))

        gc.callbacks.append(on_gc)
        beats: list[float] = []
        timer = QTimer()
        timer.setInterval(10)
        timer.timeout.connect(lambda: beats.append(time.perf_counter()))
        last_beat = [time.perf_counter()]
        timer.timeout.connect(lambda: last_beat.__setitem__(0, time.perf_counter()))
        samples: collections.Counter[str] = collections.Counter()
        watching = threading.Event()
        stop = threading.Event()

        def watcher() -> None:
            while not stop.is_set():
                time.sleep(0.005)
                if watching.is_set() and time.perf_counter() - last_beat[0] > 0.03:
                    frame = sys._current_frames().get(gui_ident)
                    if frame is not None:
                        stack = traceback.extract_stack(frame)
                        samples["\n".join(f"  {f.filename.replace(str(ROOT) + '/', '')}:{f.lineno} {f.name}"
                                          for f in stack[-14:])] += 1

        threading.Thread(target=watcher, daemon=True).start()
        timer.start()
        results = []
        for round_ in range(len(args.files) if args.files else 3):
            path = args.files[round_] if args.files else _file(gen, args.kind, Path(tmp), round_, args.rows)
            panel.stage_files([path])
            wait_for(panel.sig_preview_ready)
            wait(1000)
            young = (len(gc.get_objects(0)), len(gc.get_objects(1)), len(gc.get_objects(2)))
            print(f"before confirm {round_ + 1}: objects in generations 0/1/2: {young[0]:,}/{young[1]:,}/{young[2]:,}, "
                  f"gc counts {gc.get_count()}")
            samples.clear()
            beats.clear()
            collections_.clear()
            watching.set()
            profiler = cProfile.Profile() if args.profile and round_ == 0 else None
            start = time.perf_counter()
            if profiler is not None:
                profiler.enable()  # this thread only
            panel.confirm_button.click()
            wait_for(panel.sig_imported)
            answered = time.perf_counter()
            wait(1500)
            if profiler is not None:
                profiler.disable()
                profiler.dump_stats(str(args.profile))
            watching.clear()
            points = [start, *beats]
            gaps = [(b - a, a - start) for a, b in itertools.pairwise(points)]
            worst, at = max(gaps)
            results.append((round_ + 1, worst, at, answered - start))
            print(f"confirm {round_ + 1}: largest gap {worst * 1000:.0f} ms at +{at * 1000:.0f} ms; "
                  f"import answered after {(answered - start) * 1000:.0f} ms")
            slowest = max(collections_, key=lambda c: c[1], default=None)
            if slowest is not None:
                print(f"  garbage collections on the GUI thread: {len(collections_)}, "
                      f"{sum(c[1] for c in collections_) * 1000:.0f} ms in all; the longest "
                      f"{slowest[1] * 1000:.0f} ms (generation {slowest[2]}) at +{(slowest[0] - start) * 1000:.0f} ms")
            collections_.clear()
            for name, thread, t0, t1 in events:
                print(f"  {name} on {thread}: +{(t0 - start) * 1000:.0f} … +{(t1 - start) * 1000:.0f} ms")
            events.clear()
            for stack, n in samples.most_common(3):
                print(f"  GUI thread stack seen {n}x while a beat was late:\n{stack}")
        stop.set()
        timer.stop()
        window.close()
        tasks.wait_idle(20000)
        services.close()
    return 0


def _trace_pool(events: list[tuple[str, str, float, float]]) -> None:
    """Record when the index-worker pool's steps run, and on which thread."""
    import concurrent.futures.process as cfp
    import multiprocessing.context as mpc
    import multiprocessing.resource_tracker as rt

    def timed(owner: object, attr: str, name: str, static: bool = False) -> None:
        plain = getattr(owner, attr)

        def wrapper(*a: object, **kw: object) -> object:
            t0 = time.perf_counter()
            try:
                return plain(*a, **kw)
            finally:
                events.append((name, threading.current_thread().name, t0, time.perf_counter()))

        setattr(owner, attr, staticmethod(wrapper) if static else wrapper)

    timed(cfp.ProcessPoolExecutor, "__init__", "ProcessPoolExecutor()")
    timed(cfp.ProcessPoolExecutor, "_start_executor_manager_thread", "pool start (processes spawned)")
    timed(mpc.SpawnProcess, "_Popen", "one worker process spawned", static=True)
    timed(rt._resource_tracker, "ensure_running", "resource tracker ensure_running")
    timed(cfp.ProcessPoolExecutor, "shutdown", "pool shutdown")


def _file(gen: object, kind: str, folder: Path, round_: int, rows: int) -> Path:
    """A small synthetic file of `kind`, different records each round."""
    import zipfile

    g: object = gen
    if kind == "csv":
        return g.write_csv(folder / f"p{round_}.csv", g.PATENT_HEADER,  # type: ignore[attr-defined,no-any-return]
                           g.patent_rows(rows, start=round_ * 100_000))  # type: ignore[attr-defined]
    if kind == "xlsx":
        return g.write_xlsx(folder / f"p{round_}.xlsx", g.PATENT_HEADER,  # type: ignore[attr-defined,no-any-return]
                            list(g.patent_rows(rows, start=round_ * 100_000)))  # type: ignore[attr-defined]
    if kind == "cnipa-zip":
        path = folder / f"p{round_}.zip"
        with zipfile.ZipFile(path, "w") as zf:
            for n in range(round_ * 100_000, round_ * 100_000 + rows):
                zf.writestr(f"{n}.xml", g.cnipa_new_xml(n))  # type: ignore[attr-defined]
        return path
    text = g.ST96_GI if kind == "st96-gi" else g.ST96_TM  # type: ignore[attr-defined]
    text = text.replace("合成测试贡米", f"合成测试贡米{round_}").replace("99000001", f"9900000{round_ + 1}")
    path = folder / f"{kind}{round_}.xml"
    path.write_text(text, encoding="utf-8")
    return path


if __name__ == "__main__":
    raise SystemExit(main())
