"""The user guide (使用手册): its two languages have the same sections, every on-screen name it quotes is a
string of the window (so renaming a button fails here until the guide follows), and the window
(Shift+F1) shows it with contents, find, a bigger font, PDF and a language switch."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices

from ipdesk.services.user_guide import guide_headings, guide_path, read_guide
from tests.ui.conftest import wait_idle

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"
ZH_NAME = re.compile(r"「([^」]+)」")
EN_NAME = re.compile(r"\*\*([^*]+)\*\*")


def _ui_strings() -> tuple[set[str], set[str]]:
    """Every translatable UI string of the app as it shows on screen: the Chinese sources and their
    English translations (.ts files), without access-key marks ("结果加入报告(&A)" → "结果加入报告",
    "Sa&ved" → "Saved", "Trademarks && patents" → "Trademarks & patents")."""
    zh: set[str] = set()
    en: set[str] = set()

    def shown(text: str) -> str:
        text = re.sub(r"\(&\w\)", "", text)
        # an access key is "&" before a letter; "&&" is a shown "&", and so is one before a space ("Data & sync")
        return re.sub(r"&(?=\w)", "", text.replace("&&", "\0")).replace("\0", "&").strip()

    for ts in TRANSLATIONS.glob("*.ts"):
        for message in ET.parse(ts).getroot().iter("message"):
            source = message.findtext("source") or ""
            zh.add(shown(source))
            translation = message.find("translation")
            if translation is not None:
                forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
                en.update(shown(f) for f in forms)
    return zh, en


def test_zh_and_en_guides_have_the_same_sections_in_the_same_order() -> None:
    zh = guide_headings(read_guide("zh_CN"))
    en = guide_headings(read_guide("en"))
    assert [h.level for h in zh] == [h.level for h in en]
    assert len([h for h in zh if h.level == 2]) >= 9  # first start … when something goes wrong
    assert zh[0].level == 1 and zh[1].title == "第一次打开" and en[1].title == "First start"


@pytest.mark.parametrize(("lang", "pattern", "which"), [("zh_CN", ZH_NAME, 0), ("en", EN_NAME, 1)])
def test_every_on_screen_name_the_guide_quotes_is_a_string_of_the_window(lang: str, pattern: re.Pattern[str],
                                                                         which: int) -> None:
    names = pattern.findall(read_guide(lang))
    assert len(names) > 80  # the guide names the pages, tabs and buttons it talks about
    ui = _ui_strings()[which]
    unknown = sorted({n for n in names if n not in ui})
    assert unknown == [], f"the {lang} guide quotes names the window does not have: {unknown}"


def _screen_reader_only_names() -> tuple[set[str], set[str]]:
    """Strings the window gives only as an accessible name (read by a screen reader, never drawn),
    in Chinese and English: every `tr("…")` of ipdesk/ui that is a setAccessibleName's and nothing else's
    (an access key taken out: "加入报告(&A)" on the button is "加入报告" as drawn)."""
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "ipdesk" / "ui").rglob("*.py"))
    drawn: set[str] = set()
    accessible: set[str] = set()
    for match in re.finditer(r'\btr\(\s*"((?:[^"\\]|\\.)*)"', source):
        before = re.sub(r"(self\.)?$", "", source[max(0, match.start() - 40):match.start()]).rstrip()
        if before.endswith("setAccessibleName("):
            accessible.add(match.group(1))
        else:
            drawn.add(re.sub(r"\(&\w\)", "", match.group(1)))
    zh = accessible - drawn
    en: set[str] = set()
    en_drawn: set[str] = set()  # an English word drawn for another string ("Filters" on the 筛选(&F) switch)
    for ts in TRANSLATIONS.glob("*.ts"):
        for message in ET.parse(ts).getroot().iter("message"):
            source, translation = message.findtext("source") or "", message.findtext("translation") or ""
            if source in zh:
                en.add(translation)
            elif re.sub(r"\(&\w\)", "", source) in drawn:
                en_drawn.add(translation.replace("&&", "\0").replace("&", "").replace("\0", "&"))
    return zh, en - en_drawn


@pytest.mark.parametrize(("lang", "pattern", "which"), [("zh_CN", ZH_NAME, 0), ("en", EN_NAME, 1)])
def test_the_guide_quotes_names_drawn_on_the_screen_not_screen_reader_names(
        lang: str, pattern: re.Pattern[str], which: int) -> None:
    """"与屏幕上的字一样": the brand check's 「商品类别」 and 「商品产地（可选）：乡镇」 are only the
    accessible names of a drop-down and a box; someone looking for them on the screen does not find them."""
    hidden = _screen_reader_only_names()[which]
    assert ("商品类别" if which == 0 else "Class of goods") in hidden  # the check sees them
    quoted = sorted({n for n in pattern.findall(read_guide(lang)) if n in hidden})
    assert quoted == [], f"the {lang} guide quotes names not drawn on the screen: {quoted}"


def test_a_renamed_button_would_fail_the_name_check() -> None:
    zh, en = _ui_strings()
    assert "确认导入" in zh and "Confirm import" in en
    assert "导出 PDF…" in zh and "Export PDF…" in en  # the access key (&D) taken out
    assert "确认导入吧" not in zh


def test_the_guide_is_found_as_the_bundle_finds_resources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """From source: resources/help/; frozen: <_MEIPASS>/resources/help/, which the spec fills from
    resources/ (nothing under help/ is skipped)."""
    assert guide_path("zh_CN") == ROOT / "resources" / "help" / "zh_CN.md"
    assert guide_path("en") == ROOT / "resources" / "help" / "en.md"
    bundle = tmp_path / "_internal"
    (bundle / "resources" / "help").mkdir(parents=True)
    shutil.copy(guide_path("en"), bundle / "resources" / "help" / "en.md")
    shutil.copy(guide_path("zh_CN"), bundle / "resources" / "help" / "zh_CN.md")
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    assert guide_path("en") == bundle / "resources" / "help" / "en.md"
    assert read_guide("en").startswith("# ipdesk user guide")
    spec = (ROOT / "installers" / "ipdesk.spec").read_text(encoding="utf-8")
    skip_dirs = ast.literal_eval(re.search(r"^SKIP_DIRS = (\{.*\})$", spec, re.M).group(1))  # type: ignore[union-attr]
    skip_suffixes = ast.literal_eval(re.search(r"^SKIP_SUFFIXES = (\{.*\})$", spec, re.M).group(1))  # type: ignore[union-attr]
    assert "help" not in skip_dirs and ".md" not in skip_suffixes


# --- the window ------------------------------------------------------------------------------------


def _open_guide(qtbot: Any, window: Any) -> Any:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    qtbot.keyClick(window, Qt.Key.Key_F1, Qt.KeyboardModifier.ShiftModifier)
    guide = window._guide
    assert guide is not None
    qtbot.waitUntil(guide.isVisible, timeout=5000)
    qtbot.waitUntil(guide.isActiveWindow, timeout=5000)
    return guide


def _contents_titles(guide: Any) -> list[str]:
    return [guide.contents.item(row).text().strip() for row in range(guide.contents.count())]


def test_shift_f1_opens_the_chinese_guide_with_its_contents(qtbot: Any, window: Any) -> None:
    assert window.guide_button.text() == "使用手册"
    guide = _open_guide(qtbot, window)
    assert guide.windowTitle() == "使用手册"
    wanted = [h.title for h in guide_headings(read_guide("zh_CN")) if h.level > 1]
    assert _contents_titles(guide) == wanted
    text = guide.browser.document().toPlainText()
    assert "ipdesk 使用手册" in text and "「数据与同步」" in text and "**" not in text  # Markdown rendered
    assert window.show_guide() is guide  # one window


def test_the_english_guide_in_the_english_window(qtbot: Any, english_window: Any) -> None:
    assert english_window.guide_button.text() == "User guide"
    guide = _open_guide(qtbot, english_window)
    assert guide.windowTitle() == "User guide"
    assert guide.next_button.text() == "Next" and guide.pdf_button.text() == "Save as PDF…"
    assert _contents_titles(guide) == [h.title for h in guide_headings(read_guide("en")) if h.level > 1]
    assert "Backup and restore" in guide.browser.document().toPlainText()


def test_find_highlights_every_match_and_jumps_to_it(qtbot: Any, window: Any) -> None:
    guide = _open_guide(qtbot, window)
    plain = guide.browser.document().toPlainText()
    count = plain.count("五常大米")
    assert count >= 3
    guide.browser.verticalScrollBar().setValue(0)
    qtbot.keyClick(guide, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert guide.find_edit.hasFocus()
    guide.find_edit.setText("五常大米")
    assert len(guide.browser.extraSelections()) == count
    assert guide.browser.textCursor().selectedText() == "五常大米"
    first = guide.browser.textCursor().selectionStart()
    assert first == plain.index("五常大米")
    viewport = guide.browser.viewport().rect()
    assert viewport.contains(guide.browser.cursorRect().center())  # scrolled to it
    assert guide.matches_label.text() == f"第 1 处，共 {count} 处"
    qtbot.keyClick(guide.find_edit, Qt.Key.Key_Return)  # Enter: the next one
    assert guide.browser.textCursor().selectionStart() == plain.index("五常大米", first + 1)
    assert viewport.contains(guide.browser.cursorRect().center())
    guide.find_previous()
    guide.find_previous()  # before the first: the last
    assert guide.browser.textCursor().selectionStart() == plain.rindex("五常大米")
    guide.find_edit.setText("没有这个词语的手册")
    assert guide.browser.extraSelections() == [] and guide.matches_label.text() == "没有找到"
    assert not guide.next_button.isEnabled()


def test_a_contents_entry_scrolls_to_its_section(qtbot: Any, window: Any) -> None:
    guide = _open_guide(qtbot, window)
    guide.resize(900, 600)
    qtbot.wait(20)
    titles = _contents_titles(guide)
    row = titles.index("备份与恢复")
    item = guide.contents.item(row)
    qtbot.mouseClick(guide.contents.viewport(), Qt.MouseButton.LeftButton,
                     pos=guide.contents.visualItemRect(item).center())
    bar = guide.browser.verticalScrollBar()
    number = guide.section_titles().index("备份与恢复")
    block = guide._headings[number]
    top = guide.browser.document().documentLayout().blockBoundingRect(block).top()
    assert bar.value() > 0 and bar.value() == min(int(top), bar.maximum())
    assert guide.current_section() == number
    guide.show_section(guide.section_titles().index("数据更新"))
    assert _contents_titles(guide)[guide.contents.currentRow()] == "数据更新"  # the list follows


def test_bigger_and_smaller_font(qtbot: Any, window: Any) -> None:
    guide = _open_guide(qtbot, window)
    size = guide.browser.font().pointSizeF()
    qtbot.mouseClick(guide.bigger_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(guide.bigger_button, Qt.MouseButton.LeftButton)
    assert guide.browser.font().pointSizeF() == size + 2
    for _ in range(20):
        guide.set_zoom(guide.zoom - 1)
    assert guide.browser.font().pointSizeF() > 0 and not guide.smaller_button.isEnabled()
    guide.find_edit.setText("kiosk_on_start")  # far down: the match being read stays in view
    assert guide.browser.textCursor().selectedText() == "kiosk_on_start"
    guide.set_zoom(6)
    assert guide.browser.viewport().rect().contains(guide.browser.cursorRect().center())


def test_the_guide_follows_a_language_switch_at_the_same_section(qtbot: Any, window: Any,
                                                                   compiled_translations: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from ipdesk.ui.i18n import install_translators

    guide = _open_guide(qtbot, window)
    guide.resize(900, 600)
    number = guide.section_titles().index("数据更新")
    guide.show_section(number)
    try:
        window.set_language("en")
        assert window._guide is guide and guide.isVisible()
        assert guide.windowTitle() == "User guide"
        assert "Data updates" in guide.section_titles() and guide.current_section() == number
    finally:
        app = QApplication.instance()
        assert app is not None
        install_translators(app, "zh_CN")


def test_save_as_pdf_runs_on_the_task_runner(qtbot: Any, window: Any, tasks: Any, tmp_path: Path) -> None:
    guide = _open_guide(qtbot, window)
    out = tmp_path / "手册.pdf"
    assert guide.save_pdf(out) is not None
    assert not guide.pdf_button.isEnabled()
    wait_idle(qtbot, tasks)
    assert out.read_bytes().startswith(b"%PDF") and guide.pdf_button.isEnabled()
    assert str(out) in guide.status.text()
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, check=True).stdout.decode()
        assert "使用手册" in text and "数据截至" in text  # Chinese embedded, extractable


def test_a_pdf_that_cannot_be_written_is_said_so_and_not_called_saved(qtbot: Any, window: Any, tasks: Any,
                                                                      tmp_path: Path) -> None:
    """Qt's PDF writer reports no failed write: the guide wrote straight to the file and said 已保存 for a
    folder that does not exist (or a full disk). It is now made in memory and written as reports are."""
    guide = _open_guide(qtbot, window)
    out = tmp_path / "no-such-folder" / "手册.pdf"
    assert guide.save_pdf(out) is not None
    wait_idle(qtbot, tasks)
    assert not out.exists() and guide.pdf_button.isEnabled()
    assert guide.status.text().startswith("无法写入使用手册 PDF："), guide.status.text()
    assert "已保存" not in guide.status.text()


def _pdf_printer(path: Path) -> Any:
    """A printer as the print dialog leaves it with "Print to File" (PDF) chosen."""
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_print_paints_the_guide_on_the_task_runner(qtbot: Any, window: Any, tasks: Any, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """打印… prints the guide the way reports print (tests/reports/test_reports_page.py): laid out and painted
    off the GUI thread, the button off until it is done, the status line says where it went."""
    import threading

    from ipdesk.ui import user_guide

    on_gui_thread: list[bool] = []
    paint = user_guide.paint_guide

    def recording_paint(markdown: str, printer: Any, title: str) -> None:
        on_gui_thread.append(threading.current_thread() is threading.main_thread())
        paint(markdown, printer, title)

    monkeypatch.setattr(user_guide, "paint_guide", recording_paint)
    guide = _open_guide(qtbot, window)
    out = tmp_path / "打印的手册.pdf"
    printer = _pdf_printer(out)
    assert guide.print_to(printer) is not None
    del printer  # the guide keeps it alive while the worker paints
    assert not guide.print_button.isEnabled() and guide.status.text() == "正在打印…"
    wait_idle(qtbot, tasks)
    assert on_gui_thread == [False]
    assert out.read_bytes().startswith(b"%PDF") and guide.print_button.isEnabled()
    assert guide.status.text() == f"已打印到文件：{out}"
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, check=True).stdout.decode()
        assert "使用手册" in text and "数据截至" in text
        info = subprocess.run(["pdfinfo", str(out)], capture_output=True, check=False).stdout.decode()
        assert not info or "ipdesk 使用手册" in info  # the job's name, the file's title


def test_ctrl_p_asks_for_a_printer_and_prints(qtbot: Any, window: Any, tasks: Any, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl+P opens the print dialog (here its answer: a PDF printer, or a cancel that prints nothing)."""
    from ipdesk.ui import user_guide

    out = tmp_path / "ctrl-p.pdf"
    answers: list[Any] = [None, _pdf_printer(out)]
    asked: list[str] = []

    named: list[dict[str, Any]] = []

    def ask(parent: Any, title: str, layout: Any, **options: Any) -> Any:
        asked.append(title)
        named.append(options)
        return answers.pop(0)

    monkeypatch.setattr(user_guide, "ask_printer", ask)
    guide = _open_guide(qtbot, window)
    qtbot.keyClick(guide.browser, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert asked == ["打印使用手册"] and guide.print_button.isEnabled()  # cancelled: nothing printed
    # the job's name, and "print to file" offers the guide's name, not print.pdf or none
    assert named[0]["doc_name"] == "ipdesk 使用手册" and named[0]["file_suggestion"].name == "ipdesk 使用手册.pdf"
    qtbot.keyClick(guide.browser, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, tasks)
    assert len(asked) == 2 and out.read_bytes().startswith(b"%PDF")


def test_links_to_web_sites_open_only_where_allowed(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from ipdesk.ui.user_guide import UserGuideDialog

    opened: list[str] = []
    def open_url(url: QUrl) -> bool:
        opened.append(url.toString())
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    locked = UserGuideDialog("zh_CN", external_links=False)
    qtbot.addWidget(locked)
    locked._on_link(QUrl("https://www.cnipa.gov.cn/"))
    assert opened == []
    staff = UserGuideDialog("zh_CN")
    qtbot.addWidget(staff)
    staff._on_link(QUrl("https://www.cnipa.gov.cn/"))
    assert opened == ["https://www.cnipa.gov.cn/"]
    staff.resize(900, 600)
    staff.show()
    qtbot.waitExposed(staff)
    staff._on_link(QUrl("#备份与恢复"))  # an in-guide link: its section
    assert staff.current_section() == staff.section_titles().index("备份与恢复")


def test_save_as_pdf_suggests_the_documents_folder(qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """QA 23b: the guide alone suggested the home folder (C:\\Users\\<name> on Windows), where nobody
    looks for a file; the reports, the ledger and backups suggest 文档 (Documents)."""
    from PySide6.QtCore import QStandardPaths
    from PySide6.QtWidgets import QFileDialog

    from ipdesk.ui.user_guide import UserGuideDialog

    documents = tmp_path / "文档"
    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda _where: str(documents))
    suggested: list[str] = []

    def get_save_file_name(_parent: Any, _caption: str, where: str, _filter: str) -> tuple[str, str]:
        suggested.append(where)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", get_save_file_name)
    guide = UserGuideDialog("zh_CN")
    qtbot.addWidget(guide)
    guide._on_pdf_clicked()
    assert suggested == [str(documents / "ipdesk 使用手册.pdf")]
