"""The navigation rail's entries and how their pages are built.

Each entry: (key, qtawesome icon name, Chinese title, "module:Class"). Pages are built as
`Class(services, tasks, basket, lang, parent)`; a page that keeps its state over a language switch
implements `KeepsState`. A page that fails to build is shown as a plain
message (and logged) instead of taking the window down.
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

log = logging.getLogger("ipdesk.ui.pages")


@runtime_checkable
class KeepsState(Protocol):
    """A page whose state outlives a language switch (the window rebuilds every page then).

    `save_state()` returns a snapshot holding no widget and no translated text: answers, codes,
    domain results, the ids of background tasks still running. `restore_state(state)` shows it on
    the page rebuilt in the new language, rendering any text again and taking over those tasks
    (`TaskRunner.adopt`); work that needs the database runs on the task runner as usual.
    """

    def save_state(self) -> Any: ...

    def restore_state(self, state: Any) -> None: ...


@dataclass(frozen=True)
class PageEntry:
    key: str
    icon: str
    title_zh: str
    target: str  # "module:Class"

    def title(self) -> str:
        """The title in the installed language (the Chinese source string through Qt's translators)."""
        return QCoreApplication.translate("pages", self.title_zh)


NAV_ENTRIES: tuple[tuple[str, str, str, str], ...] = (
    ("search", "fa5s.search", "搜索", "ipdesk.ui.search_page:SearchPage"),
    ("place", "fa5s.map-marker-alt", "按地方", "ipdesk.ui.place_page:PlacePage"),
    ("gi_check", "fa5s.certificate", "地理标志核查", "ipdesk.ui.wizards.gi_wizard:GiCheckPage"),
    ("brand_check", "fa5s.trademark", "商标核查", "ipdesk.ui.wizards.brand_wizard:BrandCheckPage"),
    ("patents", "fa5s.seedling", "农业专利", "ipdesk.ui.wizards.patent_wizard:PatentFinderPage"),
    ("reports", "fa5s.file-alt", "报告", "ipdesk.ui.reports_page:ReportsPage"),
    ("data", "fa5s.database", "数据与同步", "ipdesk.ui.data_page:DataPage"),
    ("settings", "fa5s.cog", "设置", "ipdesk.ui.settings_page:SettingsPage"),
)

PAGES: tuple[PageEntry, ...] = tuple(PageEntry(*e) for e in NAV_ENTRIES)
PAGE_KEYS: tuple[str, ...] = tuple(p.key for p in PAGES)


def _lupdate_marks() -> None:  # pragma: no cover - never called; lets pyside6-lupdate see the titles
    QCoreApplication.translate("pages", "搜索")
    QCoreApplication.translate("pages", "按地方")
    QCoreApplication.translate("pages", "地理标志核查")
    QCoreApplication.translate("pages", "商标核查")
    QCoreApplication.translate("pages", "农业专利")
    QCoreApplication.translate("pages", "报告")
    QCoreApplication.translate("pages", "数据与同步")
    QCoreApplication.translate("pages", "设置")


def load_class(target: str) -> Any:
    """The page class for "module:Class"."""
    module_name, _, class_name = target.partition(":")
    return getattr(importlib.import_module(module_name), class_name)


class PageFailed(QWidget):
    """Stands in for a page that raised while being built: the window stays usable, the log has why."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        label = QLabel(self.tr("“%1”页面无法打开，原因已记入日志。").replace("%1", title), self)
        label.setWordWrap(True)
        label.setObjectName("pageFailed")
        layout.addWidget(label)


def build_page(entry: PageEntry, services: Any, tasks: Any, basket: Any, lang: str, parent: QWidget) -> QWidget:
    try:
        page: QWidget = load_class(entry.target)(services, tasks, basket, lang, parent)
    except Exception:
        log.exception("page %s failed to build", entry.target)
        return PageFailed(entry.title(), parent)
    return page
