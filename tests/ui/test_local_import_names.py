"""Patents and trademarks imported as this computer's own (`import --local`) are named in words —
本机导入的专利 / Patents (local import) — on the Data & sync page, in the status bar, in a report's
data scope and in a wizard answer's 数据截至, which lists their date; the empty 专利 row beside them
says where the patents are instead of "none yet".

All numbers are synthetic (CN9995…, 9995…) and titles say 合成测试."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from tests.ui.conftest import _window, wait_idle

AS_OF = dt.date(2026, 11, 1)


def _import_local(services: Any, folder: Path) -> None:
    patents = folder / "patents.csv"
    with patents.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["公开号", "名称", "专利类型", "申请人", "法律状态", "申请日"])
        w.writerow(["CN999500001A", "合成测试一种水稻育秧方法", "发明", "合成测试合作社", "有效", "2022-03-01"])
        w.writerow(["CN999500002A", "合成测试一种水稻施肥装置", "发明", "合成测试研究所", "审中", "2024-05-01"])
    marks = folder / "marks.csv"
    with marks.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["注册号", "商标", "类别", "注册人", "注册日", "专用权期限至"])
        w.writerow(["99950001", "合成丰收", "30", "合成测试合作社", "2015-06-01", "2035-05-31"])
    importer = services.importer
    importer.commit(importer.stage([patents, marks], local=True, as_of=AS_OF))


@pytest.fixture
def local_services(services: Any, tmp_path: Path) -> Any:
    _import_local(services, tmp_path)
    return services


def _rows(page: Any) -> dict[str, list[str]]:
    model = page.model
    return {model.index(r, 0).data(): [model.index(r, c).data() for c in range(model.columnCount())]
            for r in range(model.rowCount())}


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_data_page_and_status_bar_name_local_imports(qtbot, local_services, tasks, compiled_translations,  # type: ignore[no-untyped-def]
                                                     lang: str) -> None:
    from PySide6.QtWidgets import QApplication

    from ipdesk.ui.i18n import install_translators

    install_translators(QApplication.instance(), lang)
    try:
        window = _window(qtbot, local_services, tasks, lang)
        page = window.show_page("data")
        qtbot.waitUntil(lambda: page.model.rowCount() >= 7, timeout=10000)
        wait_idle(qtbot, tasks)
        rows = _rows(page)
        names = list(rows)
        if lang == "zh_CN":
            patents, local, local_marks, origin = "专利", "本机导入的专利", "本机导入的商标", "本机导入"
            note = "这里没有记录；本机导入的 2 条见“本机导入的专利”"
        else:
            patents, local, local_marks, origin = "Patents", "Patents (local import)", "Trademarks (local import)", \
                "Local import"
            note = "No records here; 2 imported locally, under 'Patents (local import)'"
        assert local in rows and local_marks in rows
        assert not [n for n in names if n.startswith("local_")]  # no internal ids
        assert rows[local][3] == origin and rows[local][4] == "2" and rows[local][2] == AS_OF.isoformat()
        assert names.index(local) == names.index(patents) + 1  # right under the empty dataset it sits beside
        assert rows[patents][4] == "0" and rows[patents][5] == note  # not "none yet: import or sync"
        status = window.status.data_label.full_text()
        assert f"{local} v1" in status and "local_" not in status
    finally:
        install_translators(QApplication.instance(), "zh_CN")


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_report_scope_names_local_imports(local_services, lang: str) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.services.reports.builder import ReportMeta

    report = local_services.reports.builder.for_search("水稻", None, lang, ReportMeta())
    names = [row[0] for row in report.scope_table().rows]
    expected = ("本机导入的专利", "本机导入的商标") if lang == "zh_CN" else \
        ("Patents (local import)", "Trademarks (local import)")
    assert all(n in names for n in expected), names
    assert not [n for n in names if str(n).startswith("local_")]


def test_wizard_answers_give_the_date_of_the_data_they_rest_on(local_services) -> None:  # type: ignore[no-untyped-def]
    """数据截至 named only the classification table (patents) or divisions and GIs (brand check)."""
    found = local_services.wizards.patent_finder({"crop": "水稻"}, today=dt.date(2026, 11, 26))
    assert [f for f in found.findings if f.kind == "patent"]
    zh = found.to_report_section("zh_CN")["data_as_of"]
    assert zh.startswith(f"本机导入的专利 {AS_OF.isoformat()}") and "分类表" in zh
    assert found.to_report_section("en")["data_as_of"].startswith(f"Patents (local import) {AS_OF.isoformat()}")

    brand = local_services.wizards.brand_check({"name": "合成丰收", "nice_class": 30})
    assert any(f.kind == "trademark" for f in brand.findings)
    zh = brand.to_report_section("zh_CN")["data_as_of"]
    assert zh.startswith(f"本机导入的商标 {AS_OF.isoformat()}") and "地理标志" in zh and "行政区划" in zh


def test_info_names_local_imports_and_where_the_patents_are(local_services, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.e2e.test_cli import ipdesk

    local_services.close()  # the CLI opens the same folder
    out = ipdesk(data_dir, "info")
    assert out.returncode == 0, out.stderr
    lines = {line.split(" (")[0].strip(): line for line in out.stdout.splitlines() if " (" in line}
    assert "本机导入的专利" in lines and "本机导入的商标" in lines
    assert "这里没有记录；本机导入的 2 条见“本机导入的专利”" in lines["专利"] and "尚无" not in lines["专利"]
    english = ipdesk(data_dir, "info", lang="en").stdout
    assert "Patents (local import) (local_patents)" in english
    assert "no records here; 2 imported locally, under 'Patents (local import)'" in english
