"""Refresh the English Qt translation files from the UI's source, or check that none is missing.

    python tools/update_translations.py          # run pyside6-lupdate on each .ts (then fill the
                                                 # new <translation type="unfinished"> entries)
    python tools/update_translations.py --check  # fail listing every UI string with no English

Which .ts holds which files is decided here (one place), so a new page in ipdesk/ui/ lands in
ui_en.ts without anyone editing a list. `make translations` compiles the .ts files to .qm.
The check runs lupdate on copies in a temporary folder: the tracked files are left alone.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from defusedxml import ElementTree

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "resources" / "translations"
UI = ROOT / "ipdesk" / "ui"

# The areas with their own .ts file; every other module of ipdesk/ui/ belongs to ui_en.ts.
AREAS: dict[str, tuple[str, ...]] = {
    "kiosk_en.ts": ("kiosk/*.py",),
    "wizards_en.ts": ("wizards/*.py",),
    "sync_en.ts": ("changed_records.py", "sync_monitor.py", "sync_panel.py"),
    "import_en.ts": ("import_panel.py",),
    "reports_en.ts": ("reports_page.py",),
}
GENERAL = "ui_en.ts"


def sources_by_ts() -> dict[str, list[Path]]:
    """Each .ts file and the UI modules whose strings it holds."""
    claimed: dict[str, list[Path]] = {
        ts: sorted(p for pattern in patterns for p in UI.glob(pattern) if p.name != "__init__.py")
        for ts, patterns in AREAS.items()
    }
    taken = {p for paths in claimed.values() for p in paths}
    claimed[GENERAL] = sorted(p for p in UI.glob("*.py") if p not in taken and p.name != "__init__.py")
    return claimed


def lupdate_binary() -> Path:
    found = Path(sys.executable).with_name("pyside6-lupdate")
    if found.exists():
        return found
    which = shutil.which("pyside6-lupdate")
    if which is None:
        raise SystemExit("pyside6-lupdate not found: run `make setup` first")
    return Path(which)


def run_lupdate(ts: Path, sources: list[Path]) -> None:
    subprocess.run(
        [str(lupdate_binary()), *(str(p) for p in sources), "-ts", str(ts), "-no-obsolete", "-silent"],
        check=True, cwd=ts.parent,
    )


def missing_english(ts: Path) -> list[str]:
    """'context: source' of every message with no finished English translation."""
    tree = ElementTree.parse(ts)
    missing = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            numerus = [] if translation is None else list(translation.iter("numerusform"))
            text = "" if translation is None else (translation.text or "")
            done = translation is not None and translation.get("type") not in ("unfinished", "vanished", "obsolete")
            if translation is not None and translation.get("type") in ("vanished", "obsolete"):
                continue
            if not done or not (text.strip() or any((n.text or "").strip() for n in numerus)):
                missing.append(f"{ts.name}: {name}: {message.findtext('source', '')}")
    return missing


def check() -> list[str]:
    """Run lupdate on copies of every .ts and list what has no English."""
    missing: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for ts_name, sources in sources_by_ts().items():
            # the copy sits two folders down, as the real file does, so its relative paths read the same
            copy = Path(tmp) / "resources" / "translations" / ts_name
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(TRANSLATIONS / ts_name, copy)
            run_lupdate(copy, sources)
            missing += missing_english(copy)
    return missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail listing UI strings with no English")
    args = parser.parse_args(argv)
    if args.check:
        missing = check()
        for line in missing:
            print(line)
        print(f"{len(missing)} UI string(s) with no English translation")
        return 1 if missing else 0
    for ts_name, sources in sources_by_ts().items():
        ts = TRANSLATIONS / ts_name
        run_lupdate(ts, sources)
        todo = missing_english(ts)
        print(f"{ts_name}: {len(todo)} to translate")
        for line in todo:
            print("   ", line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
