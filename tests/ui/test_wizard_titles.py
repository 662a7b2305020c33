"""A wizard page is headed by its name in the navigation rail: a staff member told "open 商标核查" finds a
page so titled, and the user guide quotes the rail's names (its section headings are the pages' titles).
The page had been headed by the report's name of the wizard (品牌名称检查, 地理标志使用资格, 农业专利查找);
now the reports name the wizard as the rail does too (`WIZARD_TITLES`)."""

from __future__ import annotations

from typing import Any

import pytest

from ipdesk.domain.wizard import WIZARD_TITLES
from ipdesk.services.user_guide import guide_headings, read_guide
from ipdesk.ui.pages import PAGES

WIZARD_PAGES = ("gi_check", "brand_check", "patents")


def _check_titles(window: Any, lang: str) -> None:
    headings = {h.title for h in guide_headings(read_guide(lang))}
    for entry in (p for p in PAGES if p.key in WIZARD_PAGES):
        page = window.show_page(entry.key)
        rail_name, title = entry.title(), page.title_label.text()
        assert rail_name and title.startswith(rail_name + ("：" if lang == "zh_CN" else ": ")), (rail_name, title)
        assert title in headings, title  # the guide's section for the wizard is headed the same
        # and the reports, printouts and the service record name it the same, in the same language
        assert WIZARD_TITLES[page.flow.name](lang) == rail_name, (page.flow.name, rail_name)


def test_wizard_pages_are_titled_by_their_rail_names(window: Any) -> None:
    _check_titles(window, "zh_CN")


@pytest.mark.usefixtures("english")
def test_wizard_pages_are_titled_by_their_rail_names_in_english(english_window: Any) -> None:
    _check_titles(english_window, "en")
