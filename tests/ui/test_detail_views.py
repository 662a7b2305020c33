"""Detail views of every record kind, opened through the window as the wizards and reports do."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from ipdesk.ui.detail_views import DetailView
from tests.ui.conftest import SYNTHETIC_MARK, SYNTHETIC_PATENT_TITLE, _window, wait_idle


def _open(qtbot, window, kind: str, ref_id: int) -> DetailView:  # type: ignore[no-untyped-def]
    window.open_record(kind, ref_id)
    qtbot.waitUntil(lambda: window.detail_page.view is not None and window.detail_page.view.kind == kind
                    and window.detail_page.view.detail is not None, timeout=10000)
    wait_idle(qtbot, window.tasks)
    view = window.detail_page.view
    assert window.current_page() is window.detail_page
    return view


def _gi_id(services, name: str, kind: str = "gi_product") -> int:  # type: ignore[no-untyped-def]
    hits = services.search.search(name, limit=10).hits
    return next(h.ref_id for h in hits if h.kind == "gi" and h.title == name and h.subkind == kind)


def _texts(view: DetailView) -> str:
    from PySide6.QtWidgets import QLabel

    return "\n".join(w.text() for w in view.findChildren(QLabel))


def test_gi_detail_lists_its_area_and_clicking_the_county_opens_it(qtbot, window, shared_services) -> None:  # type: ignore[no-untyped-def]
    view = _open(qtbot, window, "gi", _gi_id(shared_services, "五常大米"))
    assert view.heading.text() == "五常大米"
    text = _texts(view)
    assert "GB/T 19266" in text and "地理标志产品" in text and "数据截至" in text
    areas = [view.area_list.item(i).text() for i in range(view.area_list.count())]
    assert areas == ["五常市（黑龙江省 哈尔滨市）"]
    view.area_list.setFocus()
    view.area_list.setCurrentRow(0)
    qtbot.keyClick(view.area_list, Qt.Key.Key_Return)  # Enter opens the county
    qtbot.waitUntil(lambda: window.detail_page.view is not view and window.detail_page.view is not None, timeout=10000)
    place = window.detail_page.view
    assert place.kind == "place" and place.heading.text() == "五常市"
    gis = [place.gi_list.item(i).text() for i in range(place.gi_list.count())]
    assert sum("五常大米" in g for g in gis) == 2  # the GI product and the GI certification mark
    children = [place.child_list.item(i).text() for i in range(place.child_list.count())]
    assert "五常镇" in children and "拉林镇" in children
    # Back returns to the GI
    window.detail_page.back_button.click()
    qtbot.waitUntil(lambda: window.detail_page.view is not None and window.detail_page.view.kind == "gi", timeout=10000)
    assert window.current_page() is window.detail_page
    window.detail_page.back_button.click()  # and then to the page the GI was opened from
    assert window.current_page() is window.page("search")


def test_place_detail_shows_parents_and_children(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    view = _open(qtbot, window, "place", 230184100000)  # 五常镇
    parents = [view.parent_list.item(i).text() for i in range(view.parent_list.count())]
    assert parents == ["黑龙江省（省级）", "哈尔滨市（地级）", "五常市（县级）"]
    assert view.child_list.count() == 1  # '(none)': villages are not in the store
    assert "230184100000" in _texts(view)


def test_class_detail_shows_scheme_parents_and_children(qtbot, window, shared_services) -> None:  # type: ignore[no-untyped-def]
    node_id = shared_services.records.class_id("ipc", "A01G")
    view = _open(qtbot, window, "class", node_id)
    text = _texts(view)
    assert "A01G" in view.heading.text()
    assert "国际专利分类" in text and "A01" in text
    assert view.lists[0].count() > 5  # main groups of A01G
    view.lists[0].setFocus()
    view.lists[0].setCurrentRow(0)
    qtbot.keyClick(view.lists[0], Qt.Key.Key_Return)  # a child opens
    qtbot.waitUntil(lambda: window.detail_page.view is not view and window.detail_page.view is not None, timeout=10000)
    assert window.detail_page.view.heading.text().startswith("A01G 2/00")


def test_patent_and_trademark_details(qtbot, services, tasks, synthetic_records) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, services, tasks, "zh_CN")
    view = _open(qtbot, window, "patent", synthetic_records["patent"])
    text = _texts(view)
    assert view.heading.text() == SYNTHETIC_PATENT_TITLE
    assert "TEST0000000001A" in text and "测试合作社甲；测试研究所乙" in text
    assert "A01G 9/00" in text  # IPC with its title from the scheme
    assert "已失效（这件专利本身不再限制使用）" in view.expired_label.text()
    assert "自由" not in view.expired_label.text()  # lapsed is not "free to use": another patent may cover it
    view = _open(qtbot, window, "trademark", synthetic_records["trademark"])
    text = _texts(view)
    assert view.heading.text() == SYNTHETIC_MARK
    assert "TEST0001" in text and "3004" in text and "30  " in text and "普通商标" in text
    view.add_button.click()
    item = window.basket.items[-1]
    assert (item.kind, item.ref_id, item.title) == ("trademark", synthetic_records["trademark"], SYNTHETIC_MARK)


@pytest.mark.parametrize(("lang", "label", "ipc_label"), [("zh_CN", "外观设计分类（洛迦诺）", "国际专利分类"),
                                                       ("en", "Locarno class (design)", "IPC")])
def test_a_designs_locarno_class_is_not_shown_as_ipc(qtbot, services, tasks, request, lang, label, ipc_label) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.services.models import Patent

    if lang == "en":
        request.getfixturevalue("english")  # the English translations installed, and removed after

    with services.db.session() as s:
        design = Patent(pub_no="TEST0000000002S", kind="design", title="合成测试外观设计：包装盒（测试数据）",
                        ipc_codes="09-05 09-03", dataset="patents", source="synthetic test data")
        s.add(design)
        s.flush()
        design_id = design.id
    view = _open(qtbot, _window(qtbot, services, tasks, lang), "patent", design_id)
    labels = [w.text() for w in view.findChildren(QLabel)]
    assert label in labels and ipc_label not in labels
    assert "09-05\n09-03" in labels


@pytest.mark.parametrize(("lang", "label"), [("zh_CN", "外观设计分类（洛迦诺）"), ("en", "Locarno class (design)")])
def test_a_cnipa_xml_designs_locarno_classes_are_on_its_page(qtbot, services, tasks, request, tmp_path,  # type: ignore[no-untyped-def]
                                                              lang, label) -> None:
    """A design imported from CNIPA XML had no class: its ClassificationLocarno was not read."""
    from tests.importers.conftest import cnipa_design_xml

    if lang == "en":
        request.getfixturevalue("english")
    path = tmp_path / "design.xml"
    path.write_bytes(cnipa_design_xml(5, locarno="<base:EditionStatement>14</base:EditionStatement>"
                                                 "<business:MainClassification>0905</business:MainClassification>"
                                                 "<business:FurtherClassification>09-03</business:FurtherClassification>"))
    services.importer.commit(services.importer.stage([path]))
    ref_id = next(h.ref_id for h in services.search.search("CN999000005S", limit=5).hits if h.kind == "patent")
    view = _open(qtbot, _window(qtbot, services, tasks, lang), "patent", ref_id)
    labels = [w.text() for w in view.findChildren(QLabel)]
    assert label in labels and "09-05\n09-03" in labels
    assert "国际专利分类" not in labels and "IPC" not in labels


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_a_foreign_record_or_an_application_never_granted_is_no_right_in_china(  # type: ignore[no-untyped-def]
        qtbot, services, tasks, request, lang) -> None:
    """The patent finder says a US patent is not protected in China and a rejected application never became a
    patent; the record's page had said 未失效 and 已失效 (a patent that lapsed) of them."""
    from ipdesk.services.models import Patent

    if lang == "en":
        request.getfixturevalue("english")
    with services.db.session() as s:
        foreign = Patent(pub_no="US9900001B2", kind="invention", title="Synthetic test method (test data)",
                         legal_status="in_force", dataset="patents", source="synthetic test data")
        rejected = Patent(pub_no="CN990000113A", kind="invention", title="合成测试插秧机（测试数据）",
                          legal_status="rejected", dataset="patents", source="synthetic test data")
        s.add_all([foreign, rejected])
        s.flush()
        ids = foreign.id, rejected.id
    window = _window(qtbot, services, tasks, lang)
    said = {}
    for key, ref_id in zip(("foreign", "rejected"), ids, strict=True):
        said[key] = _open(qtbot, window, "patent", ref_id).expired_label.text()
    if lang == "en":
        assert said["foreign"].startswith("A foreign patent or application (US)") and "not protected in China" in said["foreign"]
        assert said["rejected"].startswith("The application was rejected and did not become a patent")
    else:
        assert "在中国不受保护" in said["foreign"] and "未失效" not in said["foreign"]
        assert "没有成为专利" in said["rejected"] and "已失效" not in said["rejected"]


@pytest.mark.parametrize("kind", ["gi", "place", "class"])
def test_every_detail_view_adds_to_the_report_basket(qtbot, window, shared_services, kind: str) -> None:  # type: ignore[no-untyped-def]
    ref_id = {"gi": lambda: _gi_id(shared_services, "五常大米"), "place": lambda: 230184000000,
              "class": lambda: shared_services.records.class_id("nice", "30")}[kind]()
    view = _open(qtbot, window, kind, ref_id)
    before = len(window.basket)
    view.add_button.click()
    assert len(window.basket) == before + 1
    item = window.basket.items[-1]
    assert (item.kind, item.ref_id) == (kind, ref_id)
    assert item.title in ("五常大米", "五常市") or item.title.startswith("30 ")
    view.add_button.click()  # a second click does not add it twice
    assert len(window.basket) == before + 1
    assert view.added_label.text() == "报告中已有此记录"


def test_missing_record_is_explained(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.open_record("gi", 999_999)
    qtbot.waitUntil(lambda: "找不到" in window.detail_page.message.text(), timeout=10000)


def test_a_patent_whose_status_contradicts_its_dates_is_shown_in_doubt(qtbot, services, tasks,
                                                                        synthetic_records) -> None:  # type: ignore[no-untyped-def]
    """届满 with an expiry date still to come is not shown as lapsed: the register decides."""
    from ipdesk.services.models import Patent

    with services.db.session() as s:
        s.get(Patent, synthetic_records["patent"]).expiry_date = dt.date(2099, 3, 1)
    detail = services.records.patent(synthetic_records["patent"])
    assert detail is not None and detail.status_doubt is not None and not detail.expired
    for lang, words in (("zh_CN", ("状态存疑", "2099-03-01", "以国家知识产权局登记为准")),
                        ("en", ("2099-03-01",))):
        window = _window(qtbot, services, tasks, lang)
        view = _open(qtbot, window, "patent", synthetic_records["patent"])
        label = view.expired_label.text()
        assert all(w in label for w in words), label
        assert "已失效" not in label and "no longer restricts" not in label.lower()


def test_a_patent_that_lapsed_early_shows_its_original_expiry(qtbot, services, tasks, synthetic_records) -> None:  # type: ignore[no-untyped-def]
    """Before: 'Expired or lapsed … 2041-01-05': a future date beside "expired" (walk-through qa11, #14)."""
    from ipdesk.services.models import Patent

    with services.db.session() as s:
        patent = s.get(Patent, synthetic_records["patent"])
        patent.legal_status, patent.expiry_date = "lapsed", dt.date(2099, 3, 1)
    detail = services.records.patent(synthetic_records["patent"])
    assert detail is not None and detail.expired and detail.status_doubt is None
    window = _window(qtbot, services, tasks, "zh_CN")
    label = _open(qtbot, window, "patent", synthetic_records["patent"]).expired_label.text()
    assert "已失效" in label and "原届满日 2099-03-01" in label, label


def test_an_imported_publication_without_a_legal_status_says_it_is_not_known(qtbot, services, tasks, tmp_path,  # type: ignore[no-untyped-def]
                                                                           compiled_translations) -> None:
    """A CNIPA publication XML carries no legal status: before, the view said 法律状态 — and then
    未失效 (QA 18c N3), a guess; an A publication of 2014 may long have been refused or withdrawn."""
    from PySide6.QtWidgets import QApplication

    from ipdesk.ui.i18n import install_translators
    from tests.importers.conftest import cnipa_new_xml

    path = tmp_path / "pub.xml"
    # filed years before (2019): nothing but the missing status is in doubt
    path.write_bytes(cnipa_new_xml(77).replace(b"<base:Date>20250424</base:Date>", b"<base:Date>20190424</base:Date>"))
    services.importer.commit(services.importer.stage([path]))
    ref_id = next(h.ref_id for h in services.search.search("CN999000077A", limit=5).hits if h.kind == "patent")
    for lang, status, state in (
            ("zh_CN", "不明（数据中没有法律状态）", "法律状态不明（按未失效对待，以国家知识产权局登记为准）"),
            ("en", "Not known (the data gives no legal status)",
             "Legal status not known (treated as not expired; CNIPA's register decides)")):
        install_translators(QApplication.instance(), lang)
        try:
            window = _window(qtbot, services, tasks, lang)
            view = _open(qtbot, window, "patent", ref_id)
            assert view.expired_label.text() == state
            assert status in _texts(view)
            assert "未失效" not in _texts(view).replace(state, "") and "Not expired" not in _texts(view)
        finally:
            install_translators(QApplication.instance(), "zh_CN")
