"""Windows' rules for file names and paths, checked on Linux (QA 23b): most township centres run Windows.

`windows_name_problem` is checked against `PureWindowsPath` and the documented rules first, then applied
to the names the app makes from record text and typed input."""

from __future__ import annotations

import random
from pathlib import Path, PureWindowsPath

import pytest

from ipdesk.services.outfiles import (
    MIN_STEM,
    WINDOWS_MAX_PATH,
    fitted_name,
    safe_file_stem,
    utf16_len,
    windows_name_problem,
)

# The data folder platformdirs gives this app on Windows (user_data_dir("ipdesk", appauthor=False)):
# %LOCALAPPDATA%\ipdesk, no author folder. A user name is at most 20 characters; a domain profile adds
# ".DOMAIN" (the longest seen in a township's domain, with room to spare).
LONG_USER = "zhangsanfeng12345678.QXZ-XIANGZHEN-GOV"
WINDOWS_DATA_DIR = PureWindowsPath("C:/Users") / LONG_USER / "AppData" / "Local" / "ipdesk"

HOSTILE_TITLES = [
    "CON", "con.pdf", "Nul .txt", "COM1", "lpt9", "AUX.tar.gz", "PRN.", "CONOUT$", "COM¹",
    'a<b>c:d"e/f\\g|h?i*j', "a\x00b\x1fc\x7fd", "trailing dot.", "trailing space ", " . ",
    "报告\u202egpj", "\u2066隔离\u2069", "...", "", "\t\n", "商标" * 200, "𠀀" * 200,
    "知识产权信息检索报告：五常大米地理标志产品保护范围内的企业名称及注册商标查询结果（2026 年 11 月）",
]


def _fuzz_titles(n: int) -> list[str]:
    rng = random.Random(23)
    alphabet = list('<>:"/\\|?*. \t\x00\x01\x1b\u202e\u200fabcCONULPTM19¹商标𠀀报告')
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80))) for _ in range(n)]


@pytest.mark.parametrize("name", ["CON", "con", "CON.pdf", "con.tar.gz", "NUL.txt.pdf", "Nul .txt", "COM1", "com9.docx",
                                  "LPT1", "lpt3.xlsx", "AUX", "PRN.zip", "COM¹", "a<b", "a>b", "a:b", 'a"b', "a/b",
                                  "a\\b", "a|b", "a?b", "a*b", "a\x01b", "a\x1f", "name.", "name ", "x" * 256,
                                  "𠀀" * 128])
def test_a_name_windows_refuses_is_found(name: str) -> None:
    assert windows_name_problem(name) is not None
    if name.split(".")[0].rstrip(" ").upper() in {"CON", "PRN", "AUX", "NUL", "COM1", "COM9", "LPT1", "LPT3"}:
        assert PureWindowsPath(name).is_reserved()  # Python's own list agrees


@pytest.mark.parametrize("name", ["CONSOLE.pdf", "COM10", "NULL", "报告_CON.pdf", "con_.pdf", "a.b.c", "知识产权：五常.docx",
                                  "x" * 255, "𠀀" * 127, " leading-space-is-kept"])
def test_a_name_windows_takes_is_not_refused(name: str) -> None:
    assert windows_name_problem(name) is None


@pytest.mark.parametrize("title", HOSTILE_TITLES + _fuzz_titles(300))
def test_every_title_makes_a_name_windows_takes(title: str) -> None:
    for suffix in (".pdf", ".docx", ".xlsx"):
        name = f"{safe_file_stem(title)}{suffix}"
        assert windows_name_problem(name) is None, (title, name)
        assert windows_name_problem(f"{safe_file_stem(title)}-2{suffix}") is None
        assert windows_name_problem(name + ".part") is None  # written first under this name


def test_a_title_of_rare_ideographs_is_cut_as_windows_counts() -> None:
    """An Extension B ideograph (𠀀) is two UTF-16 units in a Windows path: 60 of them were 120."""
    assert utf16_len(safe_file_stem("𠀀" * 100)) <= 60
    assert utf16_len(safe_file_stem("商" * 100)) == 60


def _deep_folder(root: Path, units: int) -> Path:
    """A folder whose absolute path is `units` UTF-16 units long (each part under Linux's 255 bytes)."""
    folder = root
    while utf16_len(str(folder)) < units - 61:
        folder = folder / ("文件夹" * 20)
    return folder / ("d" * (units - utf16_len(str(folder)) - 1))


@pytest.mark.parametrize("depth", [100, 180, 215, 240])
def test_a_report_name_keeps_the_path_within_max_path(tmp_path: Path, depth: int) -> None:
    folder = _deep_folder(tmp_path, depth)
    assert utf16_len(str(folder)) == depth
    title = "知识产权信息检索报告：五常大米地理标志产品保护范围内的企业名称及注册商标查询结果（合成）"
    out = fitted_name(folder, title, ".docx")
    longest = f"{out.parent / out.stem}-999{out.suffix}.part"  # the last name claim_name may take, being written
    if depth + 1 + MIN_STEM + len("-999.docx.part") <= WINDOWS_MAX_PATH:
        assert utf16_len(longest) <= WINDOWS_MAX_PATH, (depth, out.name)
    else:  # nothing fits: a short name still, and the write says the path is too long
        assert utf16_len(out.stem) == MIN_STEM
    assert out.name.endswith(".docx") and out.stem.startswith("知识产权")
    assert windows_name_problem(out.name) is None


def test_a_report_exported_into_a_deep_folder_fits_max_path(data_dir: Path, tmp_path: Path) -> None:
    """QA 23b: `ipdesk report … --out <folder>` named the copy from up to 60 characters of the title
    whatever the folder: in a deep folder (OneDrive's 文档, a shared drive) the path passed 260 and
    Explorer, Word and WPS could not open the report."""
    from ipdesk.cli import main

    folder = _deep_folder(tmp_path, 200)
    folder.mkdir(parents=True)
    title = "知识产权信息检索报告" * 6  # 60 characters
    assert main(["--data-dir", str(data_dir), "report", "search", "五常", "--format", "docx",
                 "--title", title, "--out", str(folder)]) == 0
    (written,) = folder.iterdir()
    assert written.suffix == ".docx" and written.stem.startswith("知识产权信息检索报告")
    assert utf16_len(str(written)) + len("-999.part") <= WINDOWS_MAX_PATH


def test_the_windows_data_folder_leaves_room_for_every_file_the_app_makes() -> None:
    """The longest paths the app makes under the data folder, on a Windows with a long profile name."""
    sha256 = "a" * 64
    made = [
        "reports/2026-11/IPD-20261128-9999-99.docx.part",
        f"sync/objects/{sha256}.part.validator",
        "ipdesk-local.sqlite.corrupt-20261128-093512-wal",
        "ipdesk.sqlite.before-restore-20261128-093512-99-journal",
        # a restore's: its work folder (report files under short names), a report kept aside, the safety copy
        ".restore-k3j9x0q2/local/ipdesk-local.sqlite-journal",
        ".restore-k3j9x0q2/r/199999",
        "reports/2026-11/IPD-20261128-9999-99.before-restore-20261128-093512-99.docx",
        "ipdesk-local.before-restore-20261128-093512-99.sqlite.2.part",
    ]
    for relative in made:
        path = WINDOWS_DATA_DIR.joinpath(*relative.split("/"))
        assert utf16_len(str(path)) <= WINDOWS_MAX_PATH - 60, path  # room for a deeper %LOCALAPPDATA%
        assert all(windows_name_problem(part) is None for part in path.parts[1:])


def test_two_reports_whose_titles_differ_only_in_case_get_two_names_on_windows_too(data_dir: Path,
                                                                                  tmp_path: Path) -> None:
    """QA 23b: reports "ABC" and "abc" exported into one folder on Linux were ABC.docx and abc.docx,
    one file on NTFS: copied to a Windows computer (or in a backup restored there) one was lost."""
    from ipdesk.cli import main

    for title in ("ABC", "abc"):
        assert main(["--data-dir", str(data_dir), "report", "search", "五常", "--format", "docx",
                     "--title", title, "--out", str(tmp_path)]) == 0
    names = sorted(p.name for p in tmp_path.glob("*.docx"))
    assert names == ["ABC.docx", "abc-2.docx"]


def test_the_windows_executables_keep_pyinstallers_long_path_aware_manifest() -> None:
    """docs/installers.md: the bundle is longPathAware (PyInstaller 6's default manifest; the spec gives no
    manifest of its own), so with Windows' LongPathsEnabled set the app's own file calls reach a deep
    folder; the names it makes stay within MAX_PATH anyway, for Explorer, Office and WPS."""
    winmanifest = pytest.importorskip("PyInstaller.utils.win32.winmanifest")
    spec = (Path(__file__).resolve().parents[2] / "installers" / "ipdesk.spec").read_text(encoding="utf-8")
    assert "manifest=" not in spec and "manifest\"" not in spec.split("common = dict(")[1].split(")")[0]
    assert b"<longPathAware" in winmanifest._DEFAULT_MANIFEST_XML
    assert b">true</longPathAware>" in winmanifest._DEFAULT_MANIFEST_XML
