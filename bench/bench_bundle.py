"""Frozen-bundle benchmark (issue 10): size on disk and compressed, time to a shown window, memory.

    nice -n 10 .venv/bin/python bench/bench_bundle.py                  # dist/ipdesk (make dist first)
    nice -n 10 .venv/bin/python bench/bench_bundle.py --runs 7 --bundle PATH

Targets: under 250 MB on disk, under 1 s from start to a shown window, under 200 MB resident after
opening the search page.

The window is timed on a private Xvfb server: from starting the frozen executable to the moment
its top-level window is mapped and viewable (polled with `xwininfo`), over several warm runs (the
first run, which copies the seed into an empty data folder, is reported apart). Memory is the
resident set (VmRSS, and the peak VmHWM) of the frozen process after a search has been typed into
the search page with `xdotool` and its results shown; without xdotool it is read after the window
has settled, and the report says so. Needs Xvfb and xwininfo (x11-utils); xdotool is optional.

Writes a Markdown section to $IPDESK_BENCH_REPORT (run_all.py sets it) or prints it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from section import publish_section

ROOT = Path(__file__).resolve().parent.parent
TARGET_DISK_MB = 250
TARGET_WINDOW_S = 1.0
TARGET_RSS_MB = 200
SEARCH_TEXT = "wuchang"  # typed as the user would; pinyin needs no input method on the test server


def _mb(n: float) -> float:
    return n / 1e6


def disk_usage(bundle: Path) -> tuple[int, int, dict[str, int]]:
    """(sum of file sizes, blocks actually used, size per top-level component)."""
    apparent = blocks = 0
    parts: dict[str, int] = {}
    for path in bundle.rglob("*"):
        if path.is_symlink() or not path.is_file():
            continue
        st = path.stat()
        apparent += st.st_size
        blocks += getattr(st, "st_blocks", (st.st_size + 511) // 512) * 512
        rel = path.relative_to(bundle).parts
        key = "/".join(rel[:2])
        if rel[:2] == ("_internal", "PySide6") and len(rel) > 3:
            key = "/".join(rel[:4])
        parts[key] = parts.get(key, 0) + st.st_size
    return apparent, blocks, parts


def compressed_size(bundle: Path) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "bundle.tar.gz"
        with tarfile.open(out, "w:gz", compresslevel=6) as tar:
            tar.add(bundle, arcname="ipdesk")
        return out.stat().st_size


class Xvfb:
    """A private X server, so the measurement needs no desktop and disturbs none."""

    def __init__(self) -> None:
        read_fd, write_fd = os.pipe()
        self.proc = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1400x900x24", "-nolisten", "tcp"],
            pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        os.close(write_fd)
        with os.fdopen(read_fd) as pipe:
            self.display = ":" + pipe.readline().strip()

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)


def _viewable_window(display: str, pid: int) -> bool:
    """True once a top-level window of `pid` is mapped (xwininfo lists only real, named windows)."""
    env = {**os.environ, "DISPLAY": display}
    tree = subprocess.run(["xwininfo", "-root", "-children"], capture_output=True, text=True, env=env).stdout
    for line in tree.splitlines():
        line = line.strip()
        if not line.startswith("0x") or "ipdesk" not in line:
            continue
        wid = line.split()[0]
        info = subprocess.run(["xwininfo", "-id", wid], capture_output=True, text=True, env=env).stdout
        if "IsViewable" in info:
            return True
    return False


def _status_kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def _cpu_seconds(pid: int) -> float:
    """User + system CPU the process has used: less sensitive than wall time to a busy shared machine."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


CPU_AT_WINDOW: list[float] = []


def start_and_wait(exe: Path | list[str], data_dir: Path, display: str,
                   timeout: float = 60) -> tuple[subprocess.Popen[bytes], float]:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "PYTHONPATH", "VIRTUAL_ENV")}
    env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
    start = time.perf_counter()
    cmd = [str(exe)] if isinstance(exe, Path) else list(exe)
    proc = subprocess.Popen([*cmd, "--data-dir", str(data_dir)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    while time.perf_counter() - start < timeout:
        if proc.poll() is not None:
            err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
            raise RuntimeError(f"ipdesk exited with {proc.returncode} before showing a window: {err[-500:]}")
        if _viewable_window(display, proc.pid):
            elapsed = time.perf_counter() - start
            CPU_AT_WINDOW.append(_cpu_seconds(proc.pid))
            return proc, elapsed
        time.sleep(0.005)
    proc.kill()
    raise RuntimeError("no window within the timeout")


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def memory_after_search(exe: Path, data_dir: Path, display: str) -> tuple[int, int, str]:
    proc, _ = start_and_wait(exe, data_dir, display)
    try:
        how = "after the window settled (xdotool missing: no search typed)"
        if shutil.which("xdotool"):
            env = {**os.environ, "DISPLAY": display}
            subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--pid", str(proc.pid), "windowactivate",
                            "--sync"], env=env, capture_output=True, timeout=20)
            subprocess.run(["xdotool", "type", "--delay", "40", SEARCH_TEXT], env=env, capture_output=True, timeout=20)
            how = f"after typing {SEARCH_TEXT!r} into the search page and waiting for the results"
        time.sleep(2.0)  # debounce, background search, result list
        return _status_kb(proc.pid, "VmRSS"), _status_kb(proc.pid, "VmHWM"), how
    finally:
        stop(proc)


def build_bundle() -> float:
    """Build dist/ipdesk from the spec (what `make dist` does first) and return the seconds it took."""
    start = time.perf_counter()
    subprocess.run([str(Path(sys.executable).with_name("pyinstaller.exe" if sys.platform == "win32" else "pyinstaller")), "--noconfirm", "--clean", "--log-level", "WARN",
                    "--distpath", str(ROOT / "dist"), "--workpath", str(ROOT / "build" / "pyinstaller"),
                    str(ROOT / "installers" / "ipdesk.spec")], check=True, cwd=ROOT)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bundle", type=Path, default=ROOT / "dist" / "ipdesk")
    ap.add_argument("--runs", type=int, default=5, help="warm window starts to time")
    ap.add_argument("--build", action="store_true", help="(re)build dist/ipdesk first and time the build")
    ap.add_argument("--compare-source", action="store_true",
                    help="also time the same start from the source tree (.venv python -m ipdesk)")
    args = ap.parse_args(argv)
    exe = args.bundle / ("ipdesk.exe" if sys.platform == "win32" else "ipdesk")
    build_seconds = None
    if args.build or not exe.is_file():
        if args.bundle.resolve() != (ROOT / "dist" / "ipdesk").resolve():
            print(f"no bundle at {args.bundle}", file=sys.stderr)
            return 1
        build_seconds = build_bundle()

    apparent, blocks, parts = disk_usage(args.bundle)
    gz = compressed_size(args.bundle)
    lines = [
        "## Frozen bundle (bench/bench_bundle.py)",
        "",
        "| measure | value | target |",
        "|---|---|---|",
        f"| size on disk (files / blocks) | {_mb(apparent):.0f} MB / {_mb(blocks):.0f} MB | < {TARGET_DISK_MB} MB |",
        f"| compressed (.tar.gz, level 6) | {_mb(gz):.0f} MB | — |",
    ]
    if build_seconds is not None:
        lines.append(f"| PyInstaller build (--clean) | {build_seconds:.0f} s | < 240 s |")
    window_note = ""
    if shutil.which("Xvfb") and shutil.which("xwininfo") and sys.platform.startswith("linux"):
        xvfb = Xvfb()
        try:
            with tempfile.TemporaryDirectory(prefix="ipdesk-bench-") as tmp:
                data_dir = Path(tmp) / "data"
                proc, first = start_and_wait(exe, data_dir, xvfb.display)
                stop(proc)
                warm = []
                CPU_AT_WINDOW.clear()
                for _ in range(args.runs):
                    proc, seconds = start_and_wait(exe, data_dir, xvfb.display)
                    stop(proc)
                    warm.append(seconds)
                warm_cpu = list(CPU_AT_WINDOW)
                rss, hwm, how = memory_after_search(exe, data_dir, xvfb.display)
                source_runs = []
                CPU_AT_WINDOW.clear()
                if args.compare_source:
                    for _ in range(args.runs):
                        proc, seconds = start_and_wait([sys.executable, "-m", "ipdesk"], data_dir, xvfb.display)
                        stop(proc)
                        source_runs.append(seconds)
        finally:
            xvfb.close()
        median = statistics.median(warm)
        lines += [
            f"| start to a shown window, warm (median of {len(warm)}; min–max) | {median:.2f} s "
            f"({min(warm):.2f}–{max(warm):.2f}) | < {TARGET_WINDOW_S:.0f} s |",
            f"| CPU time (user+system) the process used until its window showed, warm median | "
            f"{statistics.median(warm_cpu):.2f} s | — |",
            f"| start to a shown window, first run (copies the seed) | {first:.2f} s | — |",
            f"| resident memory {how} | {rss / 1024:.0f} MB (peak {hwm / 1024:.0f} MB) | < {TARGET_RSS_MB} MB |",
        ]
        if source_runs:
            lines.append(f"| same start from the source tree (median of {len(source_runs)}; CPU "
                         f"{statistics.median(CPU_AT_WINDOW):.2f} s) | {statistics.median(source_runs):.2f} s | "
                         "for comparison |")
    else:
        window_note = "Window and memory not measured: needs Linux with Xvfb and xwininfo (x11-utils)."
    lines += ["", "Largest parts of the bundle:", "", "| part | MB |", "|---|---|"]
    for name, size in sorted(parts.items(), key=lambda kv: -kv[1])[:12]:
        lines.append(f"| `{name}` | {_mb(size):.1f} |")
    load_note = ""
    if hasattr(os, "getloadavg"):  # not on Windows
        load_note = f"Load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores."
    lines += ["", window_note, load_note]
    text = "\n".join(line for line in lines if line is not None).rstrip() + "\n"
    publish_section(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
