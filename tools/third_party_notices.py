"""Write the third-party notices of ipdesk: THIRD_PARTY_NOTICES.txt and the component list, with every
licence text, that the frozen program reads (components.json.gz).

    .venv/bin/python tools/third_party_notices.py --out build/third-party --bundle
    .venv/bin/python tools/third_party_notices.py --out DIR --font wqy-microhei.ttc=wqy-microhei.LICENSE.txt
    .venv/bin/python tools/third_party_notices.py            # print the notices (from the installed metadata)

The PyInstaller spec (installers/ipdesk.spec, so `make dist`, installers/windows/build.ps1 and the bundle
test alike) calls `write_notices` with what it collected: the list goes into the bundle as
`_internal/resources/third_party/components.json.gz`, THIRD_PARTY_NOTICES.txt beside the executable,
where the Windows installer shows and installs it. The list is `ipdesk.services.third_party.components_from_metadata`:
ipdesk's runtime requirements followed to the end, Python, the PyInstaller bootloader (`--bundle`), the
icon fonts, the fonts and the built-in data's sources. A runtime distribution with no licence text fails
the build (exit status 1), naming it.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from ipdesk.domain.i18n import Text  # noqa: E402 - after the path set-up above
from ipdesk.services.third_party import (  # noqa: E402
    MANIFEST_NAME,
    NOT_FOUND,
    NOTICES_NAME,
    SEE_TEXT,
    Component,
    LicenceText,
    components_from_metadata,
    copyright_licences,
    missing_texts,
    notices_text,
    write_manifest,
)


class MissingLicence(SystemExit):
    pass


def _dpkg(*args: str) -> str:
    try:
        out = subprocess.run(["dpkg-query", *args], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return out.stdout if out.returncode == 0 else ""


def _owning_package(library: Path) -> str:
    """The Debian package that installed `library` ("" when none did: a wheel's or Python's own)."""
    candidates = [str(library), str(library.resolve())]
    for path in list(candidates):  # merged /usr: dpkg may know it under /lib or /usr/lib
        if path.startswith("/usr/lib/"):
            candidates.append(path[len("/usr"):])
        elif path.startswith("/lib/"):
            candidates.append("/usr" + path)
    for path in dict.fromkeys(candidates):
        found = _dpkg("-S", path)
        if found:
            return found.splitlines()[0].split(": ", 1)[0].split(",")[0].strip()
    return ""


def system_library_components(libraries: Iterable[Path]) -> list[Component]:
    """The shared libraries the bundle took from the build machine (Linux: from Debian packages), one
    entry per package with its version and its copyright file (/usr/share/doc/<package>/copyright),
    whose `License:` lines give the licence. Nothing where dpkg is absent (Windows: the wheels and the
    Python installation bring every DLL)."""
    if shutil.which("dpkg-query") is None:
        return []
    packages: dict[str, list[str]] = {}
    for library in libraries:
        package = _owning_package(library)
        if package:
            packages.setdefault(package, []).append(library.name)
    out = []
    for package, names in sorted(packages.items()):
        plain = package.split(":")[0]
        copyright_file = Path("/usr/share/doc") / plain / "copyright"
        texts: tuple[LicenceText, ...] = ()
        licences: list[str] = []
        if copyright_file.is_file():
            text = copyright_file.read_text(encoding="utf-8", errors="replace")
            texts = (LicenceText(f"/usr/share/doc/{plain}/copyright", text),)
            licences = copyright_licences(text)
        out.append(Component(
            name=f"{plain} (Debian)", version=_dpkg("-W", "-f=${Version}", package).strip(),
            licence=(", ".join(licences[:6]) + (" …" if len(licences) > 6 else "")) if licences
            else SEE_TEXT if texts else NOT_FOUND,
            kind="library", home_page=f"https://packages.debian.org/source/stable/{plain}", texts=texts,
            note=Text("安装包中来自构建机 Debian 系统的共享库：" + "、".join(sorted(names)),
                      "Shared libraries in the bundle taken from the build machine's Debian system: "
                      + ", ".join(sorted(names)))))
    return out


def write_notices(out: Path, *, bundle: bool = True, fonts: Sequence[tuple[Path, Path | None]] | None = None,
                  collected: Sequence[str] = (), libraries: Sequence[Path] = ()) -> list[Component]:
    """Write THIRD_PARTY_NOTICES.txt and components.json.gz into `out` (emptied first). `collected`: distributions the bundle carries beyond ipdesk's requirements (the spec
    finds them in what PyInstaller collected); `libraries`: the shared libraries it collected (those of
    the build machine's system packages are listed by package). Raises MissingLicence naming each
    distribution without a licence text."""
    items = components_from_metadata(bundle=bundle, fonts=fonts, collected=collected)
    system = system_library_components(libraries)
    data_start = next((i for i, c in enumerate(items) if c.kind == "data"), len(items))
    items[data_start:data_start] = system
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
