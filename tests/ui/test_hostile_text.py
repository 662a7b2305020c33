"""Record text that looks like HTML is shown as written (QA 22b): a patent titled `<img … width=3000>`
blew the detail page up to a grey picture, an applicant `<a href="file:///…">点此</a>` became a link."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel

from tests.ui.conftest import _window, wait_idle

HOSTILE_TITLE = '<img src="file:///etc/passwd" width=3000 height=3000>合成测试图片'
HOSTILE_APPLICANT = '<a href="file:///etc/passwd">点此</a>合成测试合作社'


def test_a_title_and_an_applicant_that_look_like_html_are_shown_as_written(qtbot, services, tasks) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.services.models import Patent

    with services.db.session() as s:
        patent = Patent(pub_no="TEST0000002201A", app_no="TEST0000002201", kind="invention", title=HOSTILE_TITLE,
                        applicants=HOSTILE_APPLICANT, address="<h1 style='font-size:500px'>测试</h1>",
                        dataset="patents", source="synthetic test data", as_of=dt.date(2026, 1, 1))
        s.add(patent)
        s.flush()
        ref_id = patent.id
    window = _window(qtbot, services, tasks, "zh_CN")
    window.open_record("patent", ref_id)
    qtbot.waitUntil(lambda: window.detail_page.view is not None, timeout=10000)
    wait_idle(qtbot, tasks)
    view = window.detail_page.view
    assert view.heading.text() == HOSTILE_TITLE
    assert view.heading.textFormat() == Qt.TextFormat.PlainText
    # as HTML the picture is 3000 px high; as text the heading is a line or two
    assert view.heading.sizeHint().height() < 300
    applicant = next(w for w in view.findChildren(QLabel) if w.text() == HOSTILE_APPLICANT)
    assert applicant.textFormat() == Qt.TextFormat.PlainText  # no link to activate
    big = next(w for w in view.findChildren(QLabel) if "font-size:500px" in w.text())
    assert big.sizeHint().height() < 100


def test_no_label_of_the_window_takes_its_text_for_html(qtbot, shared_services, tasks) -> None:  # type: ignore[no-untyped-def]
    """Every page's labels (a status line that repeats a search term or a file name, an error that names
    a file) show text; only a label that asks for rich text itself (the About box's data list) is rich."""
    from ipdesk.ui.pages import PAGE_KEYS

    window = _window(qtbot, shared_services, tasks, "zh_CN")
    for key in PAGE_KEYS:
        window.show_page(key)
    window.show_place("230184100000")  # the place page fills in its lists
    wait_idle(qtbot, tasks)
    gi_id = next(h.ref_id for h in shared_services.search.search("五常大米", limit=5).hits if h.kind == "gi")
    window.open_record("gi", gi_id)
    qtbot.waitUntil(lambda: window.detail_page.view is not None, timeout=10000)
    wait_idle(qtbot, tasks)
    auto = [f"{label.objectName() or type(label.parent()).__name__}: {label.text()[:30]!r}"
            for label in window.findChildren(QLabel) if label.textFormat() == Qt.TextFormat.AutoText]
    assert auto == []


def test_as_plain_text_survives_as_html() -> None:
    from ipdesk.ui.plain_text import as_plain

    for text in (HOSTILE_TITLE, HOSTILE_APPLICANT, "要删除已保存的检索“<b>x</b>”吗？\n第二行", "plain 文本 & more"):
        shown = as_plain(text)
        doc = QTextDocument()
        if Qt.mightBeRichText(shown):
            doc.setHtml(shown)
        else:
            doc.setPlainText(shown)
        assert doc.toPlainText() == text


def test_a_title_that_looks_like_html_is_a_plain_tooltip_in_the_results(qtbot, services, tasks) -> None:  # type: ignore[no-untyped-def]
    """The results table gives a cell's whole text as its tooltip; QToolTip takes text that looks like
    HTML for HTML (a 3000 px picture on hovering a title). It is given escaped now."""
    from ipdesk.services.models import Patent

    with services.db.session() as s:
        s.add(Patent(pub_no="TEST0000002202A", app_no="TEST0000002202", kind="invention", title=HOSTILE_TITLE,
                     applicants="测试合作社", dataset="patents", source="synthetic test data", as_of=dt.date(2026, 1, 1)))
    window = _window(qtbot, services, tasks, "zh_CN")
    page = window.show_page("search")
    page.set_query("合成测试图片")
    qtbot.waitUntil(lambda: page.table.model() is not None and page.table.model().rowCount() > 0, timeout=10000)
    model = page.table.model()
    titles = [model.index(r, c) for r in range(model.rowCount()) for c in range(model.columnCount())
              if model.index(r, c).data() == HOSTILE_TITLE]
    assert titles
    tip = titles[0].data(Qt.ItemDataRole.ToolTipRole)
    doc = QTextDocument()
    doc.setHtml(tip)
    assert doc.toPlainText() == HOSTILE_TITLE  # as HTML the tooltip would be an empty picture
