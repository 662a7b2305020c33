"""The third-party code inside the Qt libraries ipdesk ships, as one entry of the component list (no Qt).

Qt's own libraries and plugins carry code under other licences (PCRE2 in Qt Core, HarfBuzz in Qt GUI, …)
and Qt asks programs that ship them to acknowledge those parts ("Third-Party Code Used in Qt",
https://doc.qt.io/qt-6.11/licenses-used-in-qt.html). `resources/licences/qt-third-party.json` lists the
parts of the modules and plugins in ipdesk's bundle as read from Qt's pages, from the Debian copyright
files of packages built from the same code (qt6-base, icu) or from the wheel's files themselves (each
with where it came from; a field not read stays empty), and which standard licence texts of
`resources/licences/` each licence needs. `qt_parts_component` turns it into one `Component` that the About dialog, `ipdesk
licences` and THIRD_PARTY_NOTICES.txt show like any other.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from ipdesk.domain.i18n import Text
from ipdesk.services.resources import resources_dir

if TYPE_CHECKING:
    from ipdesk.services.third_party import Component

DATA_NAME = "qt-third-party.json"
QT_PARTS_NAME = "Qt third-party code"
QT_PARTS_TITLE = Text("Qt 内部使用的第三方代码", "Third-party code inside Qt")

PUBLIC_DOMAIN = "Public Domain"

@dataclass(frozen=True)
class QtPart:
    """One third-party component inside a Qt module, as Qt's page gives it."""

    module: str
    component: str
    version: str
    licence: str
    copyright: tuple[str, ...]
    platforms: tuple[str, ...]  # empty: everywhere; else the sys.platform values where Qt carries its own copy
    source: str  # where the licence and copyright lines were read: a Qt page or a Debian copyright file
    wheel_files: tuple[str, ...] = ()  # the PySide6 wheel's files the version and copyright line were read from
    notice: str = ""  # a statement the licence asks the documentation to make (IJG, FreeType)

    def shipped_on(self, platform: str) -> bool:
        return not self.platforms or any(platform.startswith(p) for p in self.platforms)

@dataclass(frozen=True)
class QtAttributions:
    source: str
    qt_version: str
    parts: tuple[QtPart, ...]
    licence_files: dict[str, tuple[str, ...]]
    not_yet_listed: tuple[str, ...]

def data_path() -> Path:
    return resources_dir() / "licences" / DATA_NAME

def load_attributions(path: Path | None = None) -> QtAttributions:
    """The data file, checked: every part's licence must name its texts in `licence_files`."""
    data = json.loads((path or data_path()).read_text(encoding="utf-8"))
    files = {licence: tuple(names) for licence, names in data["licence_files"].items()}
    parts = tuple(QtPart(module=p["module"], component=p["component"], version=p.get("version", ""),
                         licence=p["licence"], copyright=tuple(p.get("copyright", [])),
                         platforms=tuple(p.get("platforms", [])), source=p.get("source", ""),
                         wheel_files=tuple(p.get("wheel_files", [])), notice=p.get("notice", ""))
                  for p in data["components"])
    unknown = sorted({p.licence for p in parts} - set(files))
    if unknown:
        raise ValueError(f"{DATA_NAME}: no licence texts named for {', '.join(unknown)}")
    pending = tuple(f"{p['module']}: {p['component']}" for p in data.get("not_yet_listed", []))
    return QtAttributions(source=data["source"], qt_version=data["qt_version"], parts=parts,
                          licence_files=files, not_yet_listed=pending)

def _qt_version() -> str:
    """The Qt release shipped: PySide6's version is Qt's (6.11.3 wheels carry Qt 6.11.3)."""
    for name in ("pyside6-essentials", "pyside6"):
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return ""

def qt_parts_component(platform: str | None = None, path: Path | None = None) -> Component:
    """The entry "Third-party code inside Qt": its note lists each part (module, licence, copyright) and
    its texts are the standard licence texts those licences need, each once."""
    from ipdesk.services.third_party import Component, LicenceText, licences_dir

    data = load_attributions(path)
    parts = [p for p in data.parts if p.shipped_on(platform or sys.platform)]
    names: list[str] = []
    for part in parts:
        names += [n for n in data.licence_files[part.licence] if n not in names]
    texts = tuple(LicenceText(n, (licences_dir() / n).read_text(encoding="utf-8")) for n in names)
    licences = sorted({p.licence for p in parts})
    return Component(
        name=QT_PARTS_NAME, version=_qt_version(), licence=", ".join(licences), kind="library",
        home_page=data.source, texts=texts, note=_note(data, parts), title=QT_PARTS_TITLE)

def _note(data: QtAttributions, parts: list[QtPart]) -> Text:
    zh = [f"Qt 的库和插件中含有其他作者的代码，各按其许可使用。下面是 ipdesk 安装包中的 Qt 模块所含的部分，"
          f"取自 Qt 的“Third-Party Code Used in Qt”页面（Qt {data.qt_version}：{data.source}）及各部分的页面"
          f"（每项注明），或由同一代码构建的 Debian 软件包的版权文件（Debian 的 qt6-base 6.4.2 记录的是 Qt 6.4 中的副本，"
          f"年份可能比 Qt 6.11 中的早），或 PySide6 wheel 中的文件本身；未读到的版本和版权行留空。公共领域的部分没有许可全文。", ""]
    en = [f"Qt's libraries and plugins contain code by other authors, each under its own licence. These are the "
          f"parts in the Qt modules of the ipdesk bundle, from Qt's page \"Third-Party Code Used in Qt\" "
          f"(Qt {data.qt_version}: {data.source}) and each part's page (named with it), or the Debian copyright file "
          f"of a package built from the same code (Debian's qt6-base 6.4.2 gives Qt 6.4's copy of each part: its years "
          f"may end earlier than in Qt 6.11), or the PySide6 wheel's file itself; a version or copyright line not read "
          f"from one of these is left out. Parts in the public domain have no licence text.", ""]
    for part in parts:
        head = f"• {part.component}{' ' + part.version if part.version else ''} ({part.module}): {part.licence}"
        lines = [f"    {c}" for c in part.copyright]
        if part.notice:
            lines.append(f"    {part.notice}")
        zh += [head, *lines, f"    来源：{part.source}"]
        en += [head, *lines, f"    Source: {part.source}"]
        if part.wheel_files:
            zh.append(f"    版本和版权行读自 PySide6 wheel 中的 {'、'.join(part.wheel_files)}")
            en.append(f"    Version and copyright line read from the PySide6 wheel's {', '.join(part.wheel_files)}")
    if data.not_yet_listed:
        zh += ["", "下列部分以及 Qt 页面为这些模块列出的其余部分尚未核对收入本列表，详见上述页面：", *data.not_yet_listed]
        en += ["", "These parts, and the others Qt's page lists for the same modules, are not yet checked "
                   "into this list (see the page above):", *data.not_yet_listed]
    return Text("\n".join(zh), "\n".join(en))
