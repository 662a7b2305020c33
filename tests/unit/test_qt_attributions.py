"""The third-party code inside Qt (PCRE2, HarfBuzz, …) is acknowledged: resources/licences/qt-third-party.json
parses, every part's licence has its texts, and the entry "Qt 内部使用的第三方代码 / Third-party code inside Qt"
is in the list, in `ipdesk licences --json` and in THIRD_PARTY_NOTICES.txt."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ipdesk.services.qt_attributions import (
    PUBLIC_DOMAIN,
    QT_PARTS_NAME,
    data_path,
    load_attributions,
    qt_parts_component,
)
from ipdesk.services.third_party import components_from_metadata, find_components, licences_dir

# the parts added from Debian's copyright files and the wheel (licence, where it is inside Qt, a line of its licence text)
ADDED_PARTS = {
    "LibJPEG-turbo": ("IJG AND BSD-3-Clause AND Zlib", (), "the Independent JPEG Group"),
    "FreeType 2": ("FTL OR GPL-2.0-or-later", ("win32",), "The FreeType Project LICENSE"),
    "Unicode Character Database (UCD)": ("Unicode-DFS", (), 'copy of the Unicode data files and any associated documentation'),
    "ICU (International Components for Unicode)": ("MIT", ("linux",), "Permission is hereby granted, free of charge"),
    "Secure Hash Algorithm SHA-3 - Keccak": ("CC0-1.0", (), "Creative Commons"),
    "Secure Hash Algorithm SHA-3 - brg_endian": ("LicenseRef-brg-endian", (), "without the payment of fees or royalties"),
    "forkfd": ("MIT", ("linux",), "Permission is hereby granted, free of charge"),
}

ROOT = Path(__file__).resolve().parents[2]


def test_the_data_file_names_its_page_and_every_licence_has_its_text() -> None:
    data = load_attributions()
    assert data.source == "https://doc.qt.io/qt-6.11/licenses-used-in-qt.html" and data.qt_version.startswith("6.11")
    assert {"Qt Core", "Qt GUI"} <= {p.module for p in data.parts}
    for part in data.parts:  # a Qt page, or the Debian copyright file of a package built from the same code
        assert part.component and part.source.startswith(("https://doc.qt.io/", "https://sources.debian.org/src/")), part
        assert all(line.startswith("Copyright") for line in part.copyright), part
        names = data.licence_files[part.licence]
        if part.licence != PUBLIC_DOMAIN:
            assert names, part.licence
        for name in names:
            assert (licences_dir() / name).read_text(encoding="utf-8").strip(), name
    pcre2 = next(p for p in data.parts if p.component == "PCRE2")
    assert pcre2.licence == "BSD-3-Clause WITH PCRE2-exception"
    assert data.licence_files[pcre2.licence] == ("BSD-3-Clause.txt", "PCRE2-exception.txt")
    libpng = next(p for p in data.parts if p.component == "LibPNG")  # read from the 6.11 page itself
    assert libpng.version == "1.6.55" and libpng.source == "https://doc.qt.io/qt-6.11/qtgui-attribution-libpng.html"
    # no version guessed: from the 6.11 page, or read from the wheel's own file
    assert all(p.version == "" for p in data.parts if "/qt-6.11/" not in p.source and not p.wheel_files)


def test_sha1_is_labelled_as_qt_labels_it() -> None:
    """Qt's own attribution page says the SHA-1 code in Qt Core is public domain (Dominik Reichl's, changed by
    The Qt Company); it had been labelled from Debian's copyright file, which gives it Qt's own LGPL/GPL."""
    part = next(p for p in load_attributions().parts if p.component == "Secure Hash Algorithm SHA-1")
    assert part.licence == PUBLIC_DOMAIN and part.source == "https://doc.qt.io/qt-6/qtcore-attribution-sha1.html"
    assert part.copyright == ("Copyright (C) Dominik Reichl <dominik.reichl@t-online.de>",
                              "Copyright (C) 2016 The Qt Company Ltd")
    assert "Secure Hash Algorithm SHA-1 (Qt Core): Public Domain" in qt_parts_component(platform="linux").note.en  # type: ignore[union-attr]


def test_the_parts_not_listed_before_are_there_each_with_its_licence_text() -> None:
    """LibJPEG-turbo, FreeType, the Unicode data, ICU, SHA-3 and forkfd (they were `not_yet_listed`):
    each with its licence, copyright lines and the full text of its licence, read from Debian's copyright
    files of qt6-base 6.4.2 and icu 72 or from the wheel."""
    data = load_attributions()
    parts = {p.component: p for p in data.parts}
    for name, (licence, platforms, words) in ADDED_PARTS.items():
        part = parts[name]
        assert (part.licence, part.platforms) == (licence, platforms), name
        assert part.copyright and part.source.startswith("https://sources.debian.org/src/"), name
        texts = [(licences_dir() / n).read_text(encoding="utf-8") for n in data.licence_files[part.licence]]
        assert texts and all(t.strip() for t in texts) and any(words in t for t in texts), name
        entry = qt_parts_component(platform=(platforms or ("linux",))[0])
        assert f"{name}{' ' + part.version if part.version else ''} ({part.module}): {licence}" in entry.note.en  # type: ignore[union-attr]
        assert words in entry.licence_text(), name
    assert not data.not_yet_listed
    jpeg = parts["LibJPEG-turbo"]  # the licence asks the documentation to say so
    assert jpeg.notice == "This software is based in part on the work of the Independent JPEG Group."
    assert jpeg.notice in qt_parts_component(platform="linux").note.zh  # type: ignore[union-attr]
    assert "FreeType 2 (" not in qt_parts_component(platform="linux").note.en  # type: ignore[union-attr]


def test_a_version_read_from_the_wheel_is_the_wheels() -> None:
    """libjpeg-turbo's version and copyright line are strings in the qjpeg plugin; ICU's version is in the
    library's name and its u_getVersion(). Checked against the installed PySide6 where it has the file."""
    import PySide6

    root = Path(PySide6.__file__).parent.parent
    for part in (p for p in load_attributions().parts if p.wheel_files):
        paths = [root / f for f in part.wheel_files]
        if not all(path.is_file() for path in paths):
            pytest.skip(f"{part.wheel_files} are not in this PySide6 (another system's wheel)")
        data = [path.read_bytes() for path in paths]
        assert any(part.copyright[0].encode() in d for d in data), part.component
        if part.component == "LibJPEG-turbo":
            assert f"libjpeg-turbo version {part.version} ".encode() in data[0]
        else:  # ICU: libicuuc.so.73's u_getVersion_73()
            import ctypes

            major = part.version.split(".")[0]
            assert paths[0].name == f"libicuuc.so.{major}"
            version = (ctypes.c_uint8 * 4)()
            getattr(ctypes.CDLL(str(paths[0])), f"u_getVersion_{major}")(version)
            assert f"{version[0]}.{version[1]}" == part.version


def test_a_licence_without_its_texts_is_refused(tmp_path: Path) -> None:
    data = json.loads(data_path().read_text(encoding="utf-8"))
    data["components"][0]["licence"] = "LicenseRef-unknown"
    broken = tmp_path / "qt-third-party.json"
    broken.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match="LicenseRef-unknown"):
        load_attributions(broken)


def test_the_entry_lists_each_part_with_its_licence_and_carries_the_texts_once() -> None:
    entry = qt_parts_component(platform="linux")
    assert entry.shown_name("zh_CN") == "Qt 内部使用的第三方代码"
    assert entry.shown_name("en") == "Third-party code inside Qt"
    assert entry.note is not None
    for lang in ("zh_CN", "en"):
        note = entry.note(lang)
        assert "PCRE2 (Qt Core): BSD-3-Clause WITH PCRE2-exception" in note
        assert "Copyright (c) 1997-2024 University of Cambridge" in note and "HarfBuzz-NG (Qt GUI): MIT" in note
        assert "https://doc.qt.io/qt-6.11/licenses-used-in-qt.html" in note
    names = [t.name for t in entry.texts]
    assert len(names) == len(set(names)) and {"BSD-3-Clause.txt", "PCRE2-exception.txt", "MIT.txt"} <= set(names)
    assert "binary package A includes" in entry.licence_text()
    assert "BSD-3-Clause" in entry.licence and entry.version  # the Qt release shipped (PySide6's version)


def test_a_part_inside_qt_only_on_windows_is_listed_only_there() -> None:
    """On Linux the wheel's Qt links the system's zlib (a Debian entry of the bundle), on Windows Qt has its own."""
    linux = qt_parts_component(platform="linux")
    assert "(zlib)" not in linux.note.en and "Wayland Protocol (Qt Wayland" in linux.note.en  # type: ignore[union-attr]
    windows = qt_parts_component(platform="win32")
    assert "Data Compression Library (zlib) (Qt Core): Zlib" in windows.note.en  # type: ignore[union-attr]
    assert "Zlib.txt" in [t.name for t in windows.texts] and "Wayland Protocol (" not in windows.note.en  # type: ignore[union-attr]


def test_the_list_has_the_entry_and_its_names_find_it() -> None:
    items = components_from_metadata()
    assert sum(c.name == QT_PARTS_NAME for c in items) == 1
    for typed in ("Qt 内部使用的第三方代码", "内部使用", "Third-party code inside Qt", "qt third-party code"):
        assert [c.name for c in find_components(items, typed)] == [QT_PARTS_NAME], typed


def test_the_notices_file_lists_the_parts_inside_qt(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("third_party_notices", ROOT / "tools" / "third_party_notices.py")
    assert spec and spec.loader
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    tool.write_notices(tmp_path, bundle=False)
    notices = (tmp_path / "THIRD_PARTY_NOTICES.txt").read_text(encoding="utf-8-sig")
    assert f"\n{QT_PARTS_NAME} " in notices  # a row of the list, and its section
    assert "PCRE2 (Qt Core): BSD-3-Clause WITH PCRE2-exception" in notices
    assert "EXEMPTION FOR BINARY LIBRARY-LIKE PACKAGES" in notices


@pytest.mark.e2e
def test_ipdesk_licences_json_has_the_entry(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    cmd = [sys.executable, "-m", "ipdesk", "--data-dir", str(tmp_path / "data"), "--lang", "en",
           "licences", "Third-party code inside Qt", "--json"]
    out = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    (entry,) = json.loads(out.stdout)["components"]
    assert entry["name"] == QT_PARTS_NAME and entry["title"] == {"zh": "Qt 内部使用的第三方代码",
                                                               "en": "Third-party code inside Qt"}
    assert "PCRE2 (Qt Core)" in entry["note"]["en"] and entry["purpose"]["zh"]
    assert any(t["name"] == "PCRE2-exception.txt" for t in entry["texts"])
