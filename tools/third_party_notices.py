"""Write the third-party notices of ipdesk: THIRD_PARTY_NOTICES.txt, the component list the frozen
program reads (components.json) and each component's licence files.

    .venv/bin/python tools/third_party_notices.py --out build/third-party --bundle
    .venv/bin/python tools/third_party_notices.py --out DIR --font wqy-microhei.ttc=wqy-microhei.LICENSE.txt
    .venv/bin/python tools/third_party_notices.py            # print the notices (from the installed metadata)

The PyInstaller spec (installers/ipdesk.spec, so `make dist`, installers/windows/build.ps1 and the bundle
test alike) calls `write_notices` with the fonts it puts in: the files go into the bundle under
`_internal/resources/third_party/`, and THIRD_PARTY_NOTICES.txt also beside the executable, where the
Windows installer shows and installs it. The list is `ipdesk.services.third_party.components_from_metadata`:
ipdesk's runtime requirements followed to the end, Python, the PyInstaller bootloader (`--bundle`), the
icon fonts, the fonts and the built-in data's sources. A runtime distribution with no licence text fails
the build (exit status 1), naming it.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from ipdesk.services.third_party import (  # noqa: E402 - after the path set-up above
    MANIFEST_NAME,
    NOTICES_NAME,
    Component,
    components_from_metadata,
    missing_texts,
    notices_text,
    write_manifest,
)


class MissingLicence(SystemExit):
    pass


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("_") or "licence"


def write_notices(out: Path, *, bundle: bool = True,
                  fonts: Sequence[tuple[Path, Path | None]] | None = None) -> list[Component]:
    """Write THIRD_PARTY_NOTICES.txt, components.json and licences/<component>/<file> into `out`
    (emptied first). Raises MissingLicence naming each runtime distribution without a licence text."""
    items = components_from_metadata(bundle=bundle, fonts=fonts)
    missing = missing_texts(items)
    if missing:
        raise MissingLicence(f"third_party_notices: no licence text found for {', '.join(missing)}; add the file "
                             "to resources/licences/ and SUPPLIED_TEXTS (ipdesk/services/third_party.py) with where "
                             "it comes from")
    out.mkdir(parents=True, exist_ok=True)
    for old in sorted(out.rglob("*"), reverse=True):
        old.unlink() if old.is_file() else old.rmdir()
    # with a byte-order mark: Notepad and Inno Setup's InfoAfterFile then read it as UTF-8 on any Windows
    (out / NOTICES_NAME).write_text(notices_text(items), encoding="utf-8-sig", newline="\r\n" if sys.platform == "win32" else "\n")
    write_manifest(out / MANIFEST_NAME, items)
    for c in items:
        for t in c.texts:
            target = out / "licences" / _safe(c.name) / _safe(t.name.replace("/", "_"))
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(t.text, encoding="utf-8")
    return items


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, help="folder to write into (default: print the notices)")
    parser.add_argument("--bundle", action="store_true", help="list what only a bundle carries too (the bootloader)")
    parser.add_argument("--font", action="append", default=[], metavar="FONT=LICENCE",
                        help="a font the bundle carries and its licence file (repeatable)")
    args = parser.parse_args(argv)
    fonts = None
    if args.font:
        fonts = []
        for entry in args.font:
            font, _, licence = entry.partition("=")
            fonts.append((Path(font), Path(licence) if licence else None))
    if args.out is None:
        items = components_from_metadata(bundle=args.bundle, fonts=fonts)
        sys.stdout.write(notices_text(items))
        return 1 if missing_texts(items) else 0
    try:
        items = write_notices(args.out, bundle=args.bundle, fonts=fonts)
    except MissingLicence as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"third_party_notices: {len(items)} components, {args.out / NOTICES_NAME}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
