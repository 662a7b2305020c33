"""Smoke-test a frozen ipdesk bundle: it must start, find its resources and answer like the source.

    .venv/bin/python tools/smoke_bundle.py                    # tests dist/ipdesk
    .venv/bin/python tools/smoke_bundle.py --bundle PATH --json
    sudo .venv/bin/python tools/smoke_bundle.py --chroot /srv/debian-minbase   # a clean Debian, no Python

Checks: the bundle carries the seed database, the CJK font with its licence, the icons, the compiled
translations and the Alembic scripts; `ipdesk --version` prints the version in pyproject.toml; a
first run in an empty data folder creates and migrates the store (`info --json`); the frozen
`ipdesk selftest` passes offscreen in Chinese and in English; `ipdesk search 五常 --json --kind gi`
finds 五常大米 first; `ipdesk report search 五常 --out x.pdf` writes a PDF whose text extracts and
which embeds the bundled font, and a report of 𬮤山镇 whose rare ideograph is drawn with the bundled
BabelStone Han subset and extracts (checked with pdftotext/pdffonts where poppler is installed); the
third-party notices are beside the executable and `ipdesk licences pyside6` prints the LGPL 3.0. Any traceback, import error or missing-file message on stderr fails the run.

The frozen commands run with a bare environment (no PYTHONPATH, no virtualenv, PATH of the system
only) in a fresh temporary data folder, so nothing from the build machine's Python can help them.
Exit status 0 when every check passes, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BUNDLE = ROOT / "dist" / "ipdesk"
EXE_NAME = "ipdesk.exe" if sys.platform == "win32" else "ipdesk"

# stderr lines that mean the bundle is broken (a traceback, a module or file PyInstaller left out).
FATAL_PATTERNS = re.compile(
    r"Traceback \(most recent call last\)|ModuleNotFoundError|ImportError|No module named|"
    r"FileNotFoundError|No such file or directory|Could not load the Qt platform plugin|"
    r"Cannot load library|cannot open shared object file|Failed to execute script|"
    r"找不到内置|is missing|Error loading Python lib",
)
# stderr lines Qt prints on a bare system that are expected and harmless for these checks.
KNOWN_NOISE = re.compile(
    r"Detected locale|Qt depends on a UTF-8 locale|If this causes problems|for more information|"
    r"Fontconfig error|propagateSizeHints",
)


def project_version() -> str:
    return str(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"])


def bare_environment(home: Path) -> dict[str, str]:
    """What a user's session on a machine with no Python would have."""
    env = {"HOME": str(home), "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8"}
    if sys.platform == "win32":
        for key in ("SYSTEMROOT", "SYSTEMDRIVE", "WINDIR", "TEMP", "TMP", "USERPROFILE", "LOCALAPPDATA", "APPDATA"):
            if key in os.environ:
                env[key] = os.environ[key]
        env["PATH"] = os.environ.get("SYSTEMROOT", r"C:\Windows") + r"\System32"
    else:
        env["PATH"] = "/usr/bin:/bin"
        env["XDG_DATA_HOME"] = str(home / ".local" / "share")
    return env


@dataclass
class Frozen:
    """Runs the frozen executable, directly or inside a chroot holding a copy of the bundle."""

    bundle: Path
    home: Path
    chroot: Path | None = None
    bundle_in_root: str = ""
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def exe(self) -> str:
        if self.chroot:
            return f"{self.bundle_in_root}/{EXE_NAME}"
        return str(self.bundle / EXE_NAME)

    def data_dir(self) -> str:
        return str(self.home / "data") if not self.chroot else "/root/ipdesk-smoke-data"

    def output_file(self, name: str) -> tuple[str, Path]:
        """(the path the frozen command writes to, where this script reads it)."""
        if self.chroot:
            return f"/root/{name}", self.chroot / "root" / name
        return str(self.home / name), self.home / name

    def run(self, *args: str, label: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        env = bare_environment(self.home if not self.chroot else Path("/root"))
        cmd = [self.exe, *args]
        if self.chroot:
            cmd = ["chroot", str(self.chroot), "/usr/bin/env", "-i", *(f"{k}={v}" for k, v in env.items()), *cmd]
            env = dict(os.environ)
        start = time.perf_counter()
        out = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", errors="replace", env=env,
                             cwd=self.home, timeout=timeout)
        self.timings[label] = round(time.perf_counter() - start, 3)
        return out


@dataclass
class Report:
    passed: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def check(self, name: str, ok: bool, detail: str = "") -> bool:
        (self.passed if ok else self.failed).append(name if ok else f"{name}: {detail}".strip())
        print(f"{'ok  ' if ok else 'FAIL'} {name}" + ("" if ok or not detail else f"\n     {detail}"))
        return ok


def stderr_problems(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if FATAL_PATTERNS.search(line) and not KNOWN_NOISE.search(line)]


def _source_head_revision() -> str | None:
    """The newest Alembic revision of the source tree (None when ipdesk is not importable here)."""
    try:
        sys.path.insert(0, str(ROOT))
        from ipdesk.services.db import head_revision

        return head_revision()
    except ImportError:
        return None
    finally:
        sys.path.remove(str(ROOT))


def check_layout(bundle: Path, report: Report) -> None:
    """Resources the spec must carry (mirrors `resources/` of the source tree)."""
    internal = bundle / "_internal"
    res = internal / "resources"
    report.check("executable present", (bundle / EXE_NAME).is_file(), str(bundle / EXE_NAME))
    report.check("seed database carried", (res / "seed.sqlite").is_file() and (res / "seed.sqlite").stat().st_size > 1e6,
                 str(res / "seed.sqlite"))
    fonts = [p for p in (res / "fonts").glob("*") if p.suffix.lower() in {".ttf", ".ttc", ".otf"}]
    report.check("CJK font carried", bool(fonts), f"no font in {res / 'fonts'}")
    for font in fonts:
        licences = list((res / "fonts").glob(f"{font.stem}*LICEN[CS]E*")) + list((res / "fonts").glob("*copyright*"))
        report.check(f"licence carried for {font.name}", bool(licences), "no licence file beside it")
    rare = [p for p in fonts if p.name in ("BabelStoneHan-ext.ttf", "BabelStoneHan.ttf")]
    if os.environ.get("IPDESK_ALLOW_NO_FONT") != "1":
        report.check("rare-ideograph font carried (BabelStone Han subset)", bool(rare), f"fonts: {[p.name for p in fonts]}")
    for icon in ("ipdesk.svg", "ipdesk.png", "ipdesk.ico"):
        report.check(f"icon {icon} carried", (res / "icons" / icon).is_file())
    source = ROOT / "resources"
    expected = [
        p.relative_to(source) for p in source.rglob("*")
        if p.is_file() and p.relative_to(source).parts[0] not in ("seed", "fonts") and p.suffix not in (".ts", ".tmp")
        and not p.name.startswith(".") and p.name != "seed.sqlite"
    ]
    absent = [str(rel) for rel in expected if not (res / rel).is_file()]
    report.check(f"bundle mirrors resources/ ({len(expected)} files, e.g. keys/publisher.pub)", not absent,
                 f"missing: {absent[:10]}")
    sources = sorted(p.stem for p in (ROOT / "resources" / "translations").glob("*.ts"))
    carried = {p.stem for p in (res / "translations").glob("*.qm")}
    missing = [s for s in sources if s not in carried]
    report.check("every translation compiled and carried", not missing, f"missing .qm: {missing}")
    scripts = internal / "ipdesk" / "services" / "migrations"
    report.check("Alembic scripts carried", (scripts / "env.py").is_file() and any((scripts / "versions").glob("0*.py")),
                 str(scripts))
    report.check("version metadata carried", any(internal.glob("ipdesk-*.dist-info/METADATA")))
    check_notices(bundle, report)
    dev_tools = [n for n in ("pytest", "_pytest", "mypy", "hypothesis", "PyInstaller") if (internal / n).exists()]
    report.check("no development tools bundled", not dev_tools, f"found {dev_tools}")


def check_notices(bundle: Path, report: Report) -> None:
    """THIRD_PARTY_NOTICES.txt beside the executable and with the list the About dialog reads
    (tools/third_party_notices.py, run by the spec): PySide6 with the LGPL 3.0's text."""
    notices = bundle / "THIRD_PARTY_NOTICES.txt"
    listing = bundle / "_internal" / "resources" / "third_party" / "components.json.gz"
    text = notices.read_text(encoding="utf-8-sig") if notices.is_file() else ""
    report.check("third-party notices beside the executable, with PySide6's LGPL 3.0 text",
                 "PySide6_Essentials" in text and "GNU LESSER GENERAL PUBLIC LICENSE" in text
                 and "PyInstaller bootloader" in text, str(notices))
    own = bundle / "LICENSE.txt"
    report.check("ipdesk's own MIT licence beside the executable",
                 own.is_file() and "MIT License" in own.read_text(encoding="utf-8"), str(own))
    names: list[str] = []
    if listing.is_file():
        import gzip

        names = [c["name"] for c in json.loads(gzip.decompress(listing.read_bytes()))["components"]]
    report.check("third-party list carried for the About dialog", "PySide6_Essentials" in names and len(names) > 20,
                 f"{listing}: {names[:5]}")


def check_frozen(frozen: Frozen, report: Report) -> None:
    version = project_version()
    out = frozen.run("--version", label="version")
    report.check("--version prints the pyproject version", out.returncode == 0 and out.stdout.strip() == f"ipdesk {version}",
                 f"got {out.stdout.strip()!r} (want 'ipdesk {version}'), stderr {out.stderr[-300:]!r}")

    out = frozen.run("--data-dir", frozen.data_dir(), "info", "--json", label="first run (info --json)")
    ok = out.returncode == 0 and not stderr_problems(out.stderr)
    if report.check("first run creates and migrates the store", ok, (out.stderr or out.stdout)[-800:]):
        info = json.loads(out.stdout)
        head = _source_head_revision()
        report.check("store migrated to the newest schema", bool(info.get("schema_version"))
                     and (head is None or info.get("schema_version") == head), f"{info.get('schema_version')} != {head}")
        counts = info.get("counts", {})
        report.check("seed data present (townships, GIs)",
                     counts.get("townships", 0) >= 38000 and counts.get("gi", 0) >= 300, str(counts))

    for lang, passed in (("zh_CN", "自检通过"), ("en", "selftest passed")):
        out = frozen.run("--data-dir", frozen.data_dir(), "--lang", lang, "selftest", label=f"selftest ({lang})")
        problems = stderr_problems(out.stderr)
        report.check(f"frozen selftest passes offscreen ({lang})",
                     out.returncode == 0 and passed in out.stdout and not problems,
                     f"exit {out.returncode}; stdout {out.stdout[-500:]!r}; stderr {out.stderr[-800:]!r}")

    out = frozen.run("--data-dir", frozen.data_dir(), "--lang", "en", "licences", "pyside6", label="licences pyside6")
    report.check("frozen licences pyside6 prints the LGPL 3.0 and the note on replacing Qt",
                 out.returncode == 0 and "GNU LESSER GENERAL PUBLIC LICENSE" in out.stdout
                 and "you may replace them" in out.stdout and not stderr_problems(out.stderr),
                 f"exit {out.returncode}; stdout {out.stdout[:300]!r}; stderr {out.stderr[-800:]!r}")

    out = frozen.run("--data-dir", frozen.data_dir(), "search", "五常", "--json", "--kind", "gi", label="search 五常")
    titles: list[str] = []
    if out.returncode == 0:
        try:
            titles = [r["title"] for r in json.loads(out.stdout)["results"]]
        except (ValueError, KeyError) as exc:
            titles = [f"<unreadable JSON: {exc}>"]
    report.check("frozen search 五常 --kind gi finds 五常大米 first",
                 bool(titles) and titles[0] == "五常大米" and not stderr_problems(out.stderr),
                 f"exit {out.returncode}; titles {titles[:5]}; stderr {out.stderr[-800:]!r}")


def check_frozen_report(frozen: Frozen, report: Report) -> None:
    """A PDF from the frozen app: Qt's PDF writer works and the bundled font is embedded, not a system one."""
    inside, on_host = frozen.output_file("ipdesk-smoke-report.pdf")
    on_host.unlink(missing_ok=True)
    out = frozen.run("--data-dir", frozen.data_dir(), "report", "search", "五常", "--kind", "gi", "--out", inside,
                     label="report pdf")
    made = out.returncode == 0 and on_host.is_file() and on_host.stat().st_size > 1000
    if not report.check("frozen report search --out x.pdf writes a PDF", made and not stderr_problems(out.stderr),
                        f"exit {out.returncode}; stderr {out.stderr[-800:]!r}"):
        return
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(on_host), "-"], capture_output=True, text=True).stdout
        report.check("PDF text extracts as 五常大米 with the version in the footer",
                     "五常大米" in text and f"ipdesk {project_version()}" in text, text[-300:])
    if shutil.which("pdffonts"):
        fonts = subprocess.run(["pdffonts", str(on_host)], capture_output=True, text=True).stdout
        report.check("PDF embeds the bundled WenQuanYi font", "WenQuanYi" in fonts, fonts)
    on_host.unlink(missing_ok=True)
    check_frozen_rare_report(frozen, report)


def check_frozen_rare_report(frozen: Frozen, report: Report) -> None:
    """A township whose name has an Extension E ideograph (𬮤山镇): drawn with the rare-ideograph font
    and copied out of the PDF as the same characters."""
    inside, on_host = frozen.output_file("ipdesk-smoke-rare.pdf")
    on_host.unlink(missing_ok=True)
    out = frozen.run("--data-dir", frozen.data_dir(), "report", "search", "𬮤山镇", "--kind", "place", "--out", inside,
                     label="report pdf (rare ideographs)")
    made = out.returncode == 0 and on_host.is_file()
    if not report.check("frozen report of 𬮤山镇 writes a PDF", made and not stderr_problems(out.stderr),
                        f"exit {out.returncode}; stderr {out.stderr[-800:]!r}"):
        return
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(on_host), "-"], capture_output=True, text=True, encoding="utf-8").stdout
        report.check("PDF text extracts 𬮤山镇", "𬮤山镇" in text, text[:300])
    if shutil.which("pdffonts") and os.environ.get("IPDESK_ALLOW_NO_FONT") != "1":
        fonts = subprocess.run(["pdffonts", str(on_host)], capture_output=True, text=True).stdout
        report.check("PDF embeds BabelStone Han for the rare ideograph", "BabelStone" in fonts, fonts)
    on_host.unlink(missing_ok=True)


def _prepare_chroot(bundle: Path, chroot: Path) -> str:
    """Copy the bundle into the clean root (a chroot cannot see outside files)."""
    inside = "/opt/ipdesk-smoke"
    target = chroot / inside.lstrip("/")
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(bundle, target, symlinks=True)
    return inside


def smoke(bundle: Path, chroot: Path | None = None, emit: Callable[[str], None] = print) -> tuple[Report, dict[str, float]]:
    report = Report()
    check_layout(bundle, report)
    with tempfile.TemporaryDirectory(prefix="ipdesk-smoke-") as tmp:
        frozen = Frozen(bundle=bundle, home=Path(tmp), chroot=chroot)
        if chroot:
            frozen.bundle_in_root = _prepare_chroot(bundle, chroot)
            shutil.rmtree(chroot / "root" / "ipdesk-smoke-data", ignore_errors=True)
        try:
            check_frozen(frozen, report)
            check_frozen_report(frozen, report)
        finally:
            if chroot:
                shutil.rmtree(chroot / frozen.bundle_in_root.lstrip("/"), ignore_errors=True)
    return report, frozen.timings


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bundle", type=Path, default=DEFAULT_BUNDLE, help="the onedir bundle (default dist/ipdesk)")
    parser.add_argument("--chroot", type=Path, help="run the frozen commands inside this clean root (Linux, root)")
    parser.add_argument("--json", action="store_true", help="print a JSON summary at the end")
    args = parser.parse_args(argv)
    bundle = args.bundle.resolve()
    if not (bundle / EXE_NAME).is_file():
        print(f"no bundle at {bundle}: build it first (make dist)", file=sys.stderr)
        return 1
    report, timings = smoke(bundle, args.chroot)
    print(f"smoke: {len(report.passed)} checks passed, {len(report.failed)} failed "
          f"(times: {', '.join(f'{k} {v:.2f}s' for k, v in timings.items())})")
    if args.json:
        print(json.dumps({"bundle": str(bundle), "passed": report.passed, "failed": report.failed, "timings": timings},
                         ensure_ascii=False, indent=2))
    return 0 if not report.failed else 1


if __name__ == "__main__":
    raise SystemExit(main())
