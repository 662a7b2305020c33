"""The Import panel's "data as of" date (as `ipdesk import --as-of`), and its wording: plurals,
labelled keys, columns not cut short, no title repeating the tab, no blank gap when empty."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QLabel

from tests.importers.conftest import PATENT_HEADER, patent_rows, write_csv
from tests.ui.conftest import compiled_translations  # noqa: F401  (a fixture)

TM_HEADER = ["注册号", "商标", "类别", "类似群", "商品服务", "注册人", "注册人地址", "地区代码", "商标类型", "状态",
             "申请日", "注册日", "专用权期限至"]
TM_ROW = ["77700001", "合成测试香", "30", "3008", "大米", "合成测试米业", "黑龙江省哈尔滨市五常市", "", "普通", "注册",
          "2015-03-01", "2016-05-07", "2026-05-06"]


def _panel(qtbot, services, tasks, lang: str):  # type: ignore[no-untyped-def]
    from ipdesk.ui.import_panel import ImportPanel

    widget = ImportPanel(services, tasks, lang)
    qtbot.addWidget(widget)
    widget.resize(1000, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def panel(qtbot, services, tasks):  # type: ignore[no-untyped-def]
    return _panel(qtbot, services, tasks, "zh_CN")


@pytest.fixture
def english(qtbot, compiled_translations) -> Iterator[str]:  # type: ignore[no-untyped-def]  # noqa: F811
    from PySide6.QtWidgets import QApplication

    from ipdesk.ui.i18n import install_translators

    loaded = install_translators(QApplication.instance(), "en")
    assert "import_en.qm" in loaded
    yield "en"
    install_translators(QApplication.instance(), "zh_CN")


def _stage(qtbot, panel, paths: list[Path]):  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(panel.sig_preview_ready, timeout=20000) as blocker:
        panel.stage_files(paths)
    return blocker.args[0]


def test_data_as_of_defaults_to_today_and_dates_the_imported_records(qtbot, panel, services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from ipdesk.services.models import Patent

    assert panel.as_of() == dt.date.today() and panel.as_of_edit.isVisible()
    assert panel.as_of_edit.accessibleName() == "数据截至日期" and "默认今天" in panel.as_of_note.text()
    assert panel.as_of_edit.maximumDate() == QDate.currentDate()  # no date in the future
    panel.as_of_edit.setDate(QDate(2025, 6, 30))
    preview = _stage(qtbot, panel, [write_csv(tmp_path / "p.csv", PATENT_HEADER, patent_rows(3))])
    assert preview.as_of == dt.date(2025, 6, 30)
    with qtbot.waitSignal(panel.sig_imported, timeout=20000):
        panel.confirm()
    with services.db.session() as s:
        dates = set(s.scalars(select(Patent.as_of).where(Patent.pub_no.like("CN999%"))))
    assert dates == {dt.date(2025, 6, 30)}
    assert next(d for d in services.datasets() if d.name == "patents").as_of == dt.date(2025, 6, 30)


def _as_if_built_days_ago(panel, days: int, chosen: QDate | None = None) -> None:  # type: ignore[no-untyped-def]
    built = QDate.currentDate().addDays(-days)
    panel.as_of_edit.setMaximumDate(built)
    panel.as_of_edit.setDate(chosen or built)


def test_a_window_left_open_past_midnight_dates_an_import_today(qtbot, panel, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The page built on Monday, the list imported on Wednesday: the default was Monday's "today" and
    Wednesday could not be chosen (QA 22e). Shown again, or a file chosen, it is today."""
    _as_if_built_days_ago(panel, 2)
    panel.hide()
    panel.show()  # back on the Data page's import tab
    assert panel.as_of_edit.maximumDate() == QDate.currentDate() and panel.as_of() == dt.date.today()
    _as_if_built_days_ago(panel, 1)
    preview = _stage(qtbot, panel, [write_csv(tmp_path / "p.csv", PATENT_HEADER, patent_rows(1))])
    assert preview.as_of == dt.date.today()


def test_a_date_chosen_before_midnight_is_kept(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    _as_if_built_days_ago(panel, 2, QDate(2025, 6, 30))
    panel.hide()
    panel.show()
    assert panel.as_of() == dt.date(2025, 6, 30) and panel.as_of_edit.maximumDate() == QDate.currentDate()


def test_changing_the_date_with_a_preview_on_show_reads_the_files_again(qtbot, panel, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = _stage(qtbot, panel, [write_csv(tmp_path / "p.csv", PATENT_HEADER, patent_rows(2))])
    assert first.as_of == dt.date.today()
    with qtbot.waitSignal(panel.sig_preview_ready, timeout=20000) as blocker:
        panel.as_of_edit.setDate(QDate(2024, 12, 31))
    assert blocker.args[0] is not first and blocker.args[0].as_of == dt.date(2024, 12, 31)
    assert panel.preview is blocker.args[0] and panel.preview.files == ["p.csv"]


def test_confirm_right_after_a_date_change_previews_first(qtbot, panel, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _stage(qtbot, panel, [write_csv(tmp_path / "p.csv", PATENT_HEADER, patent_rows(2))])
    panel.as_of_edit.setDate(QDate(2024, 1, 2))
    with qtbot.waitSignal(panel.sig_preview_ready, timeout=20000) as blocker:
        panel.confirm()  # before the re-read: it reads again instead of merging with the old date
    assert blocker.args[0].as_of == dt.date(2024, 1, 2) and not blocker.args[0].committed


def test_rejected_rows_are_counted_in_natural_chinese(qtbot, panel, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rows = list(patent_rows(3))
    rows[1][0] = "坏编号"
    _stage(qtbot, panel, [write_csv(tmp_path / "bad.csv", PATENT_HEADER, rows)])
    assert panel.status_label.text().startswith("1 行被拒绝（共 1 个问题）：请改正后重新导入。")


@pytest.mark.parametrize(("bad", "said"), [(1, "1 row rejected (1 problem)"), (2, "2 rows rejected (2 problems)")])
def test_rejected_rows_are_counted_in_proper_english(qtbot, services, tasks, english, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                   bad: int, said: str) -> None:
    panel = _panel(qtbot, services, tasks, english)
    rows = list(patent_rows(3))
    for i in range(bad):
        rows[i][0] = "bad number"
    _stage(qtbot, panel, [write_csv(tmp_path / "bad.csv", PATENT_HEADER, rows)])
    text = panel.status_label.text()
    assert text.startswith(said + ": ") and "(s)" not in text


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_other_offices_records_are_said_to_stay_out(qtbot, services, tasks, compiled_translations, tmp_path: Path,  # type: ignore[no-untyped-def]  # noqa: F811
                                                    lang: str) -> None:
    """A file mixing CNIPA's trademarks and another office's (QA 18c N1): the preview says that the
    other office's will not be imported, and lists them under Errors; CNIPA's can still be imported."""
    from PySide6.QtWidgets import QApplication

    from ipdesk.ui.i18n import install_translators
    from tests.importers.test_foreign_office import ST96_TM_CN, ST96_TM_US

    install_translators(QApplication.instance(), lang)
    try:
        panel = _panel(qtbot, services, tasks, lang)
        (tmp_path / "cn.xml").write_text(ST96_TM_CN, encoding="utf-8")
        (tmp_path / "us.xml").write_text(ST96_TM_US, encoding="utf-8")
        _stage(qtbot, panel, [tmp_path / "cn.xml", tmp_path / "us.xml"])
        said = {"zh_CN": "另有 2 条记录不是中国国家知识产权局的（其他国家或地区的商标或地理标志），不会导入，见“错误”。",
                "en": "Not imported: 2 records of another country's or region's office (trademarks or GIs, not "
                      "CNIPA's); see Errors."}[lang]
        assert panel.status_label.text().endswith(said), panel.status_label.text()
        assert panel.errors_model.rowCount() == 2 and panel.confirm_button.isEnabled()
    finally:
        install_translators(QApplication.instance(), "zh_CN")


def test_trademark_key_is_labelled(qtbot, panel, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _stage(qtbot, panel, [write_csv(tmp_path / "tm.csv", TM_HEADER, [TM_ROW])])
    status, kind, key, title = panel.changes_model.row_values(0)[:4]
    assert (status, kind, key, title) == ("新增", "商标", "注册号 77700001，第 30 类", "合成测试香")
    header = panel.changes_view.horizontalHeader()
    metrics = panel.changes_view.fontMetrics()
    assert header.sectionSize(2) >= metrics.horizontalAdvance(key)  # not cut short


def test_english_key_and_error_columns_are_not_cut_short(qtbot, services, tasks, english, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(qtbot, services, tasks, english)
    _stage(qtbot, panel, [write_csv(tmp_path / "tm.csv", TM_HEADER, [TM_ROW])])
    assert panel.changes_model.row_values(0)[1:3] == ["Trademark", "Reg. no. 77700001, class 30"]
    bad = list(TM_ROW)
    bad[0] = ""  # the registration number missing
    _stage(qtbot, panel, [write_csv(tmp_path / "bad.csv", TM_HEADER, [bad])])
    column = panel.errors_model.row_values(0)[2]
    assert column.startswith("Registration")
    header = panel.errors_view.horizontalHeader()
    assert header.sectionSize(2) >= panel.errors_view.fontMetrics().horizontalAdvance(column)
    assert header.sectionSize(2) >= header.sectionSizeHint(2)


def test_no_title_repeating_the_tab_and_no_gap_when_empty(qtbot, services, tasks, english) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QGroupBox

    from ipdesk.domain.basket import ReportBasket
    from ipdesk.ui.data_page import DataPage

    page = DataPage(services, tasks, ReportBasket(), english)
    qtbot.addWidget(page)
    page.resize(1000, 760)
    page.show()
    qtbot.waitExposed(page)
    page.panels.setCurrentWidget(page.import_panel)
    qtbot.wait(20)
    panel = page.import_panel
    assert page.panels.tabText(page.panels.indexOf(panel)) == "Import files"
    assert not isinstance(panel, QGroupBox) and "Import" not in [b.title() for b in page.findChildren(QGroupBox)]
    hint = panel.findChildren(QLabel)[0]
    assert hint.text().startswith("Drop CNIPA patent XML")
    # the hint, the date and the buttons sit together at the top, not spread over the empty panel
    assert hint.geometry().top() < 30
    assert panel.as_of_edit.geometry().top() - hint.geometry().bottom() < 30
    assert panel.choose_button.geometry().top() - panel.as_of_edit.geometry().bottom() < 30
    assert panel.confirm_button.geometry().top() - panel.choose_button.geometry().bottom() < 80


def test_gi_and_patent_keys_read_as_names_and_numbers(panel) -> None:  # type: ignore[no-untyped-def]
    assert panel._key_text("gi", "gi_product|五常大米") == "五常大米（地理标志产品）"
    assert panel._key_text("patent", "CN102345678B") == "CN102345678B"
