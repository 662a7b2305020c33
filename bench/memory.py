"""Memory measurement shared by the benchmarks."""

from __future__ import annotations

from pathlib import Path


class AnonPeak:
    """Samples the process's anonymous resident memory (heap and SQLite page cache, without the
    memory-mapped database file, which the kernel can drop at will) and keeps the peak. Linux only."""

    def __init__(self, every_s: float = 0.05) -> None:
        import threading

        self.peak_kib = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(every_s,), daemon=True)
        self._thread.start()

    @staticmethod
    def current_kib() -> int:
        try:
            for line in Path("/proc/self/status").read_text().splitlines():
                if line.startswith("RssAnon:"):
                    return int(line.split()[1])
        except OSError:
            pass
        return 0

    def _run(self, every_s: float) -> None:
        while not self._stop.wait(every_s):
            self.peak_kib = max(self.peak_kib, self.current_kib())

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        self.peak_kib = max(self.peak_kib, self.current_kib())
        return self.peak_kib / 1024
