"""The frozen bundle (dist/ipdesk): starts with no Python around it, carries its resources, finds 五常大米.

Runs when a bundle exists at dist/ipdesk (skipped when it is older than the sources, so a forgotten
build never fails someone else's `make test`), or always with IPDESK_TEST_BUNDLE=1, which builds the
bundle first when it is missing or stale (CI: `make dist` then this file). The checks themselves
live in tools/smoke_bundle.py, which `make dist` runs too.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "ipdesk"
EXE = BUNDLE / ("ipdesk.exe" if sys.platform == "win32" else "ipdesk")
FORCED = os.environ.get("IPDESK_TEST_BUNDLE") == "1"
SIZE_LIMIT_MB = 250


def _load_smoke() -> ModuleType:
    spec = importlib.util.spec_from_file_location("smoke_bundle", ROOT / "tools" / "smoke_bundle.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["smoke_bundle"] = module
    spec.loader.exec_module(module)
    return module


def _newest_source_mtime() -> float:
    inputs = [ROOT / "pyproject.toml", ROOT / "installers" / "ipdesk.spec", ROOT / "tools" / "third_party_notices.py"]
    inputs += list((ROOT / "ipdesk").rglob("*.py"))
    inputs += [p for p in (ROOT / "resources").rglob("*") if p.is_file() and "seed" not in p.relative_to(ROOT / "resources").parts[:1]]
    return max(p.stat().st_mtime for p in inputs if p.exists())


def _stale() -> bool:
    return not EXE.is_file() or EXE.stat().st_mtime < _newest_source_mtime()


def _build() -> None:
    spec = ROOT / "installers" / "ipdesk.spec"
    pyinstaller = Path(sys.executable).with_name("pyinstaller.exe" if sys.platform == "win32" else "pyinstaller")
    subprocess.run([str(pyinstaller), "--noconfirm", "--log-level", "WARN", "--distpath", str(ROOT / "dist"),
                    "--workpath", str(ROOT / "build" / "pyinstaller"), str(spec)], check=True, cwd=ROOT, timeout=900)


@pytest.fixture(scope="module")
def bundle() -> Path:
    if FORCED:
        if _stale():
            _build()
    elif not EXE.is_file():
        pytest.skip("no bundle at dist/ipdesk (make dist builds it; IPDESK_TEST_BUNDLE=1 forces this test)")
    elif _stale():
        pytest.skip("dist/ipdesk is older than the sources: rebuild with make dist")
    return BUNDLE


@pytest.fixture(scope="module")
def smoke() -> ModuleType:
    return _load_smoke()


@pytest.fixture(scope="module")
def frozen_report(bundle: Path, smoke: ModuleType) -> Iterator[tuple[object, dict[str, float]]]:
    yield smoke.smoke(bundle)


def test_bundle_carries_every_resource(bundle: Path, smoke: ModuleType) -> None:
    report = smoke.Report()
    smoke.check_layout(bundle, report)
    assert not report.failed, report.failed
    assert len(report.passed) >= 10


def test_frozen_commands_pass_in_a_bare_environment(frozen_report: tuple[object, dict[str, float]]) -> None:
    report, timings = frozen_report
    assert not report.failed, report.failed  # type: ignore[attr-defined]
    names = " ".join(report.passed)  # type: ignore[attr-defined]
    assert "finds 五常大米" in names and "selftest passes offscreen (en)" in names
    assert set(timings) >= {"version", "selftest (zh_CN)", "search 五常"}


def test_bundle_carries_the_third_party_notices(bundle: Path, smoke: ModuleType, tmp_path: Path) -> None:
    """THIRD_PARTY_NOTICES.txt beside the executable (the tarball and the Windows installer carry it), and
    the frozen program lists what the bundle carries (the bootloader, the fonts) from the bundle's own list."""
    import json

    text = (bundle / "THIRD_PARTY_NOTICES.txt").read_text(encoding="utf-8-sig")
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in text and "separate shared libraries" in text
    frozen = smoke.Frozen(bundle=bundle, home=tmp_path)
    out = frozen.run("--data-dir", str(tmp_path / "data"), "licences", "--json", label="licences --json")
    assert out.returncode == 0, out.stderr
    items = {c["name"]: c for c in json.loads(out.stdout)["components"]}
    assert "Bootloader Exception" in items["PyInstaller bootloader"]["texts"][0]["text"]
    assert any(c["kind"] == "font" and c["texts"] for c in items.values()) or os.environ.get("IPDESK_ALLOW_NO_FONT") == "1"
    assert items["PySide6_Essentials"]["licence"].startswith("LGPL-3.0-only")
    assert not smoke.stderr_problems(out.stderr)


def test_frozen_search_finds_wuchang_rice(bundle: Path, smoke: ModuleType, tmp_path: Path) -> None:
    import json

    frozen = smoke.Frozen(bundle=bundle, home=tmp_path)
    out = frozen.run("--data-dir", str(tmp_path / "data"), "--lang", "en", "search", "wcdm", "--json", "--kind", "gi",
                     label="search wcdm")
    assert out.returncode == 0, out.stderr
    first = json.loads(out.stdout)["results"][0]
    assert (first["title"], first["kind"]) == ("五常大米", "gi")
    assert not smoke.stderr_problems(out.stderr)


def test_frozen_big_import_makes_its_index_in_worker_processes(bundle: Path, smoke: ModuleType, tmp_path: Path) -> None:
    """An import past BulkIndexWriter.INLINE_BELOW spawns index workers: in a frozen program each
    worker is the executable again (multiprocessing.freeze_support in the entry point)."""
    import csv
    import json

    rows = 6_000  # synthetic test rows: country code ZZ, which no country has
    path = tmp_path / "patents.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["公开号", "名称", "摘要", "申请人", "IPC分类号", "公开日"])
        for i in range(rows):
            w.writerow([f"ZZ{700000000 + i}A", f"测试荞麦脱壳装置{i}", "合成测试数据：一种荞麦脱壳装置。", "合成测试合作社",
                        "A23N 5/00", "2020-01-02"])
    frozen = smoke.Frozen(bundle=bundle, home=tmp_path)
    data = str(tmp_path / "data")
    out = frozen.run("--data-dir", data, "import", str(path), "--json", label="import 6,000 rows", timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert json.loads(out.stdout)["totals"]["new"] == rows
    assert not smoke.stderr_problems(out.stderr)
    found = frozen.run("--data-dir", data, "search", "荞麦", "--kind", "patent", "--json", label="search imported")
    assert json.loads(found.stdout)["total"] == rows


def test_frozen_sync_applies_a_signed_update_from_a_folder(bundle: Path, smoke: ModuleType, tmp_path: Path) -> None:
    """The whole sync path frozen: signature check, payload reading (orjson), apply with index
    workers (past BulkIndexWriter.INLINE_BELOW), and the records found afterwards."""
    import json

    from ipdesk.services.sync.manifest import generate_key
    from ipdesk.services.sync.publisher import Publisher
    from tests.sync.synthetic import patents

    records = 6_000  # synthetic: publication numbers SYN…, titles 合成测试…
    key = generate_key(tmp_path / "publisher.key")
    Publisher(tmp_path / "repo", key).publish({"patents": patents(records)})
    frozen = smoke.Frozen(bundle=bundle, home=tmp_path)
    data = str(tmp_path / "data")
    out = frozen.run("--data-dir", data, "sync", "--dir", str(tmp_path / "repo"), "--trusted-key",
                     str(tmp_path / "publisher.key.pub"), "--json", label="sync 6,000 records", timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    (change,) = json.loads(out.stdout)["changes"]
    assert (change["dataset"], change["method"], change["added"]) == ("patents", "snapshot", records)
    assert not smoke.stderr_problems(out.stderr)
    found = frozen.run("--data-dir", data, "search", "合成测试", "--kind", "patent", "--json", label="search synced")
    assert json.loads(found.stdout)["total"] == records


def test_frozen_errors_are_explained_not_tracebacks(bundle: Path, smoke: ModuleType, tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "ipdesk.sqlite").write_bytes(b"not a database" * 500)
    frozen = smoke.Frozen(bundle=bundle, home=tmp_path)
    out = frozen.run("--data-dir", str(folder), "--lang", "en", "info", label="corrupt")
    assert out.returncode == 4, out.stderr
    assert "damaged" in out.stderr and "Traceback" not in out.stderr
    out = frozen.run("--data-dir", str(folder), "search", "", label="empty query")
    assert out.returncode == 2 and "Traceback" not in out.stderr


def test_version_is_the_pyproject_version(bundle: Path, smoke: ModuleType, tmp_path: Path) -> None:
    out = smoke.Frozen(bundle=bundle, home=tmp_path).run("--version", label="version")
    assert out.stdout.strip() == f"ipdesk {smoke.project_version()}"


def test_bundle_size_is_within_budget(bundle: Path) -> None:
    total = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())
    assert total / 1e6 < SIZE_LIMIT_MB, f"bundle is {total / 1e6:.0f} MB (budget {SIZE_LIMIT_MB} MB)"
    internal = bundle / "_internal" / "PySide6"
    unused = [m for m in ("QtQml", "QtQuick", "QtNetwork", "QtSql", "QtTest") if list(internal.glob(f"{m}.*"))]
    assert not unused, f"unused Qt modules bundled: {unused}"


# ---- installer scripts: checked without a bundle, because Windows cannot be built on this machine ----

INSTALLERS = ROOT / "installers"


def test_inno_script_messages_exist_in_both_languages() -> None:
    import re

    raw = (INSTALLERS / "windows" / "ipdesk.iss").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "ipdesk.iss must keep its UTF-8 BOM (Inno reads it as UTF-8 then)"
    text = raw.decode("utf-8-sig")
    used = set(re.findall(r"\{cm:(\w+)\}", text)) | set(re.findall(r"CustomMessage\('(\w+)'\)", text))
    assert used >= {"AppTitle", "KioskTitle", "DesktopIcon", "AskDeleteData"}
    for lang in ("english", "chinesesimplified"):
        defined = set(re.findall(rf"^{lang}\.(\w+)=", text, flags=re.MULTILINE))
        assert used <= defined, f"{lang} lacks {sorted(used - defined)}"


def test_inno_script_installs_per_machine_and_keeps_user_data() -> None:
    text = (INSTALLERS / "windows" / "ipdesk.iss").read_text(encoding="utf-8-sig")
    assert "PrivilegesRequired=admin" in text and "DefaultDirName={autopf}" in text
    assert "{autodesktop}" in text and "{autoprograms}" in text
    # every kiosk entry starts the supervisor (restarts crashes and hangs), in the windowed program
    kiosk_entries = [line for line in text.splitlines() if "{cm:KioskTitle}" in line and line.startswith("Name:")]
    assert len(kiosk_entries) == 2
    assert all('Filename: "{app}\\{#GuiExe}"; Parameters: "kiosk supervise"' in line for line in kiosk_entries)
    uninstall = text[text.index("procedure CurUninstallStepChanged"):]
    assert "MB_DEFBUTTON2" in uninstall, "the question to delete data must default to No"
    assert "UninstallSilent" in uninstall and "/PURGEDATA" in text
    assert "{app}" not in uninstall, "data must never live in the program folder"
    # The data folder the uninstaller asks about is the one the app uses (platformdirs on Windows).
    assert "{localappdata}\\ipdesk" in text


def test_inno_script_shows_and_installs_the_third_party_notices() -> None:
    text = (INSTALLERS / "windows" / "ipdesk.iss").read_text(encoding="utf-8-sig")
    assert '#define Notices AddBackslash(SourceDir) + "THIRD_PARTY_NOTICES.txt"' in text
    assert "#if !FileExists(Notices)" in text  # no installer without the notices
    assert "InfoBeforeFile={#Notices}" in text
    entry = [line for line in text.splitlines() if "{cm:NoticesTitle}" in line and line.startswith("Name:")]
    assert entry == ['Name: "{autoprograms}\\{cm:NoticesTitle}"; Filename: "{app}\\THIRD_PARTY_NOTICES.txt"']
    assert 'Source: "{#SourceDir}\\*"; DestDir: "{app}"' in text  # the bundle folder whole, the notices with it
    build = (INSTALLERS / "windows" / "build.ps1").read_text(encoding="ascii")
    assert "THIRD_PARTY_NOTICES.txt" in build


def test_windows_build_script_is_ascii() -> None:
    """Windows PowerShell 5.1 reads a BOM-less script in the ANSI code page: keep it ASCII."""
    (INSTALLERS / "windows" / "build.ps1").read_bytes().decode("ascii")


def test_desktop_entry_has_app_and_kiosk_actions() -> None:
    import configparser

    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(INSTALLERS / "linux" / "ipdesk.desktop", encoding="utf-8")
    main = entry["Desktop Entry"]
    assert main["Type"] == "Application" and main["Exec"] == "ipdesk" and main["Icon"] == "ipdesk"
    assert main["Name[zh_CN]"] and main["Categories"].endswith(";")
    assert main["Actions"] == "Kiosk;" and entry["Desktop Action Kiosk"]["Exec"] == "ipdesk kiosk supervise"


@pytest.mark.skipif(sys.platform == "win32", reason="a Linux desktop entry")
def test_install_desktop_entry_writes_absolute_paths_and_removes_them(tmp_path: Path) -> None:
    import shutil

    unpacked = tmp_path / "ipdesk-9.9.9-linux-x86_64"
    unpacked.mkdir()
    for name, source in (("ipdesk.desktop", INSTALLERS / "linux" / "ipdesk.desktop"),
                         ("ipdesk.png", ROOT / "resources" / "icons" / "ipdesk.png"),
                         ("install-desktop-entry.sh", INSTALLERS / "linux" / "install-desktop-entry.sh")):
        shutil.copy(source, unpacked / name)
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "share"), "HOME": str(tmp_path)}
    script = str(unpacked / "install-desktop-entry.sh")
    subprocess.run(["sh", script], check=True, env=env, capture_output=True)
    installed = (tmp_path / "share" / "applications" / "ipdesk.desktop").read_text(encoding="utf-8")
    assert f'Exec="{unpacked}/ipdesk"\n' in installed and f'Exec="{unpacked}/ipdesk" kiosk supervise\n' in installed
    assert (tmp_path / "share" / "icons" / "hicolor" / "256x256" / "apps" / "ipdesk.png").is_file()
    subprocess.run(["sh", script, "--remove"], check=True, env=env, capture_output=True)
    assert not (tmp_path / "share" / "applications" / "ipdesk.desktop").exists()
    assert subprocess.run(["sh", script, "--bogus"], env=env, capture_output=True).returncode == 2
