"""The Import panel: drop or pick files, preview with counts and errors, export errors, confirm —
all work off the GUI thread; the records can be found in search afterwards."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from tests.importers.conftest import PATENT_HEADER, SYNTH, cnipa_new_xml, patent_rows, write_csv


@pytest.fixture
def panel(qtbot, services, tasks):  # type: ignore[no-untyped-def]
    from ipdesk.ui.import_panel import ImportPanel

    widget = ImportPanel(services, tasks, "zh_CN")
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_preview_then_confirm_then_search(qtbot, panel, services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_csv(tmp_path / "p.csv", PATENT_HEADER, patent_rows(12))
    assert not panel.confirm_button.isEnabled()
    with qtbot.waitSignal(panel.sig_preview_ready, timeout=20000) as blocker:
        panel.stage_files([path])
    preview = blocker.args[0]
    assert preview.counts["patent"]["new"] == 12
    assert panel.counts_model.row_values(0) == ["专利", "12", "0", "0", "0"]
    assert panel.changes_model.rowCount() == 12
    assert panel.changes_model.row_values(0)[:3] == ["新增", "专利", "CN999000000A"]
    assert panel.confirm_button.isEnabled() and not panel.export_errors_button.isEnabled()
    assert any("UTF-8" in panel.notices_list.item(i).text() for i in range(panel.notices_list.count()))
    with qtbot.waitSignal(panel.sig_imported, timeout=20000) as done:
        panel.confirm()
    assert done.args[0].inserted["patent"] == 12
    assert "12" in panel.status_label.text()
    assert not panel.confirm_button.isEnabled()
    assert any(h.title == f"{SYNTH}果树嫁接工具3" for h in services.search.search("果树嫁接工具3").hits)


def test_rejected_rows_block_confirm_and_errors_export(qtbot, panel, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rows = list(patent_rows(3))
    rows[2][0] = "坏编号"
    path = write_csv(tmp_path / "bad.csv", PATENT_HEADER, rows)
    with qtbot.waitSignal(panel.sig_preview_ready, timeout=20000):
        panel.stage_files([path])
    assert not panel.confirm_button.isEnabled()
    assert panel.export_errors_button.isEnabled()
    assert panel.errors_model.rowCount() == 1
    file, row, column, value, _why = panel.errors_model.row_values(0)
    assert (file, row, column, value) == ("bad.csv", "4", "公开号", "坏编号")
    assert panel.tabs.currentWidget() is panel.errors_view
    out = tmp_path / "errors.xlsx"
    panel.export_errors_to(out)
    qtbot.waitUntil(lambda: "已保存" in panel.status_label.text(), timeout=20000)
    assert out.exists()
    panel.confirm()  # refused quietly: nothing to merge
    assert panel.preview is not None and not panel.preview.committed


def test_an_unreadable_document_in_a_zip_is_listed_without_a_row(qtbot, panel, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import zipfile

    from tests.importers.conftest import cnipa_new_xml

    bundle = tmp_path / "bundle.zip"
    with zipfile.ZipFile(bundle, "w") as zf:
        zf.writestr("ok.xml", cnipa_new_xml(71))
        zf.writestr("broken.xml", cnipa_new_xml(72)[:300])
    with qtbot.waitSignal(panel.sig_preview_ready, timeout=20000):
        panel.stage_files([bundle])
    assert not panel.confirm_button.isEnabled() and panel.errors_model.rowCount() == 1
    file, row, column, value, why = panel.errors_model.row_values(0)
    assert (file, row, column, value) == ("bundle.zip broken.xml", "", "", "")
    assert why.startswith("XML 文件不完整")


def test_hostile_file_is_explained_in_place(qtbot, panel, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bomb = tmp_path / "bomb.xml"
    bomb.write_bytes(b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY b "x">]><a>&b;</a>')
    with qtbot.waitSignal(panel.sig_failed, timeout=20000) as blocker:
        panel.stage_files([bomb])
    assert "bomb.xml" in blocker.args[0] and "实体" in blocker.args[0]
    assert panel.status_label.text() == blocker.args[0]
    assert panel.choose_button.isEnabled() and not panel.confirm_button.isEnabled()


def test_drop_files_on_the_panel(qtbot, panel, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import (  # QDragEnterEvent takes a QPoint, QDropEvent a QPointF
        QMimeData,
        QPointF,
        Qt,
        QUrl,
    )
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    kept: list[QMimeData] = []  # an event does not own its data: freed with the last Python reference

    def drop(*paths: Path) -> tuple[QDragEnterEvent, QDropEvent]:
        mime = QMimeData()
        kept.append(mime)
        mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
        enter = QDragEnterEvent(panel.rect().center(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                                Qt.KeyboardModifier.NoModifier)
        panel.dragEnterEvent(enter)
        assert enter.isAccepted()
        return enter, QDropEvent(QPointF(panel.rect().center()), Qt.DropAction.CopyAction, mime,
                                 Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)

    # Nothing on the window's thread asks the disk about a dropped path: a network share that does
    # not answer would hold the window. The folder and the .exe are told apart in the background.
    asked_on_gui: list[str] = []
    gui = threading.current_thread()
    real_is_dir = Path.is_dir

    def watched_is_dir(self: Path) -> bool:
        if threading.current_thread() is gui:
            asked_on_gui.append(self.name)
        return real_is_dir(self)

    folder = tmp_path / "2024.11 files"
    folder.mkdir()
    (folder / "inner.xml").write_bytes(cnipa_new_xml(5))
    path = write_csv(tmp_path / "drop.csv", PATENT_HEADER, patent_rows(2))
    (tmp_path / "x.exe").write_bytes(b"MZ")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(Path, "is_dir", watched_is_dir)
        _, event = drop(path, tmp_path / "x.exe", folder)
        with qtbot.waitSignal(panel.sig_preview_ready, timeout=20000) as blocker:
            panel.dropEvent(event)
    assert asked_on_gui == []
    assert blocker.args[0].files == ["drop.csv", "2024.11 files"]  # the .exe left out, the folder read
    panel.discard()

    # Only files it cannot read: the panel says what it takes instead of refusing the drop in silence.
    _, event = drop(tmp_path / "x.exe")
    with qtbot.waitSignal(panel.sig_failed, timeout=20000) as failed:
        panel.dropEvent(event)
    assert "x.exe" in failed.args[0] and "不支持的文件类型" in failed.args[0]


def test_models_pass_the_model_tester(qtbot, panel, qtmodeltester, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_csv(tmp_path / "p.csv", PATENT_HEADER, patent_rows(3))
    with qtbot.waitSignal(panel.sig_preview_ready, timeout=20000):
        panel.stage_files([path])
    for model in (panel.counts_model, panel.changes_model, panel.errors_model):
        qtmodeltester.check(model)


def test_english_translation_is_complete() -> None:
    import defusedxml.ElementTree as ET

    ts = Path(__file__).resolve().parents[2] / "resources" / "translations" / "import_en.ts"
    root = ET.parse(ts).getroot()
    messages = [m for ctx in root.iter("context") if ctx.findtext("name") == "ImportPanel" for m in ctx.iter("message")]
    assert len(messages) > 40

    def translated(message) -> bool:  # type: ignore[no-untyped-def]
        translation = message.find("translation")
        if translation is None or translation.get("type") == "unfinished":
            return False
        forms = translation.findall("numerusform") if message.get("numerus") == "yes" else [translation]
        return bool(forms) and all((form.text or "").strip() for form in forms)

    missing = [m.findtext("source") for m in messages if not translated(m)]
    assert missing == []


def test_confirm_during_a_data_update_waits_and_says_so(qtbot, panel, services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.services.db import RegistryWriteLock

    path = write_csv(tmp_path / "p.csv", PATENT_HEADER, patent_rows(4))
    with qtbot.waitSignal(panel.sig_preview_ready, timeout=20000):
        panel.stage_files([path])
    done = qtbot.waitSignal(panel.sig_imported, timeout=20000)
    with RegistryWriteLock(services.data_dir).hold():  # a data update applying
        panel.confirm()
        qtbot.waitUntil(lambda: "等待数据更新" in panel.status_label.text(), timeout=20000)
        assert panel.status_label.isVisible()
    done.wait()
    assert done.args is not None and done.args[0].inserted["patent"] == 4


def _cancel_at_first(qtbot, panel, stage: str) -> None:  # type: ignore[no-untyped-def]
    """Click Cancel as soon as the work reports `stage`, then let a late report arrive (QA 20b N1)."""
    seen: list[str] = []

    def on_progress(s: str, done: int, total: int) -> None:
        if s == stage and not seen:
            seen.append(s)
            panel.cancel()
            assert panel.status_label.text() == "正在取消…"
            panel._relay.sig_progress.emit(stage, done + 500, total)  # a report queued before the click
            assert panel.status_label.text() == "正在取消…"

    panel._relay.sig_progress.connect(on_progress)
    qtbot.waitUntil(lambda: bool(seen), timeout=60000)
    qtbot.waitUntil(lambda: panel.status_label.text() == "已取消，数据库未改变。", timeout=60000)
    panel._relay.sig_progress.disconnect(on_progress)


def _ready(panel) -> bool:  # type: ignore[no-untyped-def]
    return (panel.choose_button.isEnabled() and panel.template_button.isEnabled() and panel.local_check.isEnabled()
            and not panel._busy and panel.preview is None and not panel.confirm_button.isEnabled())


def test_cancel_while_reading_leaves_the_panel_ready(qtbot, panel, services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.importers.conftest import counts

    before = counts(services)
    path = write_csv(tmp_path / "big.csv", PATENT_HEADER, patent_rows(40000))
    panel.stage_files([path])
    _cancel_at_first(qtbot, panel, "read")
    assert _ready(panel)
    assert not panel.tasks.is_running(panel._task)
    qtbot.wait(400)  # nothing late overwrites the line
    assert panel.status_label.text() == "已取消，数据库未改变。"
    assert counts(services) == before
    # and another file can be read at once
    small = write_csv(tmp_path / "small.csv", PATENT_HEADER, patent_rows(3))
    with qtbot.waitSignal(panel.sig_preview_ready, timeout=20000):
        panel.stage_files([small])
    assert panel.counts_model.row_values(0) == ["专利", "3", "0", "0", "0"]


def test_cancel_while_writing_leaves_the_panel_ready_and_the_database_unchanged(qtbot, panel, services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.importers.conftest import counts

    before = counts(services)
    path = write_csv(tmp_path / "big.csv", PATENT_HEADER, patent_rows(40000))
    with qtbot.waitSignal(panel.sig_preview_ready, timeout=120000):
        panel.stage_files([path])
    panel.confirm()
    _cancel_at_first(qtbot, panel, "merge")
    assert _ready(panel)
    qtbot.wait(400)
    assert panel.status_label.text() == "已取消，数据库未改变。"
    assert counts(services) == before


def test_cancel_in_english_says_so(qtbot, services, tasks, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from ipdesk.ui.i18n import install_translators
    from ipdesk.ui.import_panel import ImportPanel

    assert "import_en.qm" in install_translators(QApplication.instance(), "en")
    try:
        widget = ImportPanel(services, tasks, "en")
        qtbot.addWidget(widget)
        path = write_csv(tmp_path / "big.csv", PATENT_HEADER, patent_rows(40000))
        widget.stage_files([path])
        qtbot.waitUntil(lambda: widget.status_label.text().startswith("Read"), timeout=60000)
        widget.cancel()
        assert widget.status_label.text() == "Cancelling…"
        qtbot.waitUntil(lambda: not widget._busy, timeout=60000)
        assert widget.status_label.text() == "Cancelled; the database is unchanged."
        assert widget.choose_button.isEnabled()
    finally:
        install_translators(QApplication.instance(), "zh_CN")


def test_preview_columns_are_fitted_from_the_first_rows_only(qtbot) -> None:  # type: ignore[no-untyped-def]
    """QA 20b N5: fitting columns to all 2,000–5,000 preview rows stalled the GUI thread 0.3–0.7 s."""
    from PySide6.QtWidgets import QWidget

    from ipdesk.ui.import_panel import _FIT_SAMPLE_ROWS, RowsModel, _fit_columns, _table

    parent = QWidget()
    qtbot.addWidget(parent)
    model = RowsModel(["甲", "乙", "丙"], parent)
    rows = [["短", "短", "x"] for _ in range(5000)]
    rows[3][1] = "前面的长值" * 3  # among the first rows: fitted
    rows[_FIT_SAMPLE_ROWS + 100][0] = "后面的长值" * 3  # far down: not measured
    model.set_rows(rows)
    view = _table(model, "t", parent)
    _fit_columns(view, {0: 10, 1: 10})
    text_width = view.fontMetrics().horizontalAdvance("前面的长值" * 3)
    assert view.columnWidth(1) >= text_width
    assert view.columnWidth(0) < text_width // 2


def test_a_lists_as_of_date_after_today_is_shown_in_the_preview(qtbot, panel, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Leftovers: the date box stops at today, but a list's own 截至日期 of a later day was taken. The
    preview now lists the row with the file, the value and the computer's date, and cannot be confirmed."""
    import datetime as dt

    today = dt.date.today()
    later = (today + dt.timedelta(days=1)).isoformat()
    path = write_csv(tmp_path / "future.csv", [*PATENT_HEADER, "截至日期"],
                     [[*row, later] for row in patent_rows(1)])
    with qtbot.waitSignal(panel.sig_preview_ready, timeout=20000):
        panel.stage_files([path])
    assert not panel.confirm_button.isEnabled() and panel.errors_model.rowCount() == 1
    file, row, column, value, why = panel.errors_model.row_values(0)
    assert (file, row, column, value) == ("future.csv", "2", "截至日期", later)
    assert why.startswith(f"截至日期 {later} 晚于今天（本机日期 {today.isoformat()}）")
    assert panel.tabs.currentWidget() is panel.errors_view


@pytest.mark.skipif(__import__("sys").platform == "win32", reason="a line break in a file name (POSIX)")
def test_a_line_break_in_a_file_name_is_shown_on_one_line(qtbot, panel, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Leftovers 2: a file named "a\\nb.csv" broke the message (and a preview row) over two lines; the
    name is shown with ⏎ in the status line and in the errors' file column."""
    empty = tmp_path / "a\nb.csv"
    empty.write_bytes(b"")
    with qtbot.waitSignal(panel.sig_failed, timeout=20000) as blocker:
        panel.stage_files([empty])
    assert panel.status_label.text() == blocker.args[0]
    assert "\n" not in blocker.args[0] and blocker.args[0].startswith("a⏎b.csv：")

    import datetime as dt

    later = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    path = write_csv(tmp_path / "c\nd.csv", [*PATENT_HEADER, "截至日期"], [[*row, later] for row in patent_rows(1)])
    with qtbot.waitSignal(panel.sig_preview_ready, timeout=20000):
        panel.stage_files([path])
    assert panel.errors_model.row_values(0)[0] == "c⏎d.csv"
