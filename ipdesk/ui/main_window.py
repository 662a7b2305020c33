"""The main window: a shell that hosts the pages. Each feature is its own widget."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from ipdesk import __version__
from ipdesk.domain.i18n import KIND_NAMES
from ipdesk.services.container import Services
from ipdesk.services.errors import IpdeskError
from ipdesk.services.search import SearchResult
from ipdesk.ui.tasks import TaskRunner


class MainWindow(QMainWindow):
    def __init__(self, services: Services, tasks: TaskRunner, lang: str = "zh_CN") -> None:
        super().__init__()
        self.services = services
        self.tasks = tasks
        self.lang = lang
        self.setWindowTitle(self.tr("ipdesk 知识产权信息台") + f" {__version__}")
        self.resize(1100, 720)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        self.search_box = QLineEdit(central)
        self.search_box.setPlaceholderText(self.tr("输入名称、拼音（如 wcdm）或编号"))
        self.search_box.setAccessibleName(self.tr("搜索框"))
        self.result_label = QLabel(central)
        self.results = QListWidget(central)
        self.results.setAccessibleName(self.tr("搜索结果"))
        layout.addWidget(self.search_box)
        layout.addWidget(self.result_label)
        layout.addWidget(self.results)
        self.setCentralWidget(central)
        self._debounce = QTimer(self, singleShot=True, interval=200)
        self._debounce.timeout.connect(self._on_debounce_timeout)
        self.search_box.textChanged.connect(lambda _t: self._debounce.start())
        self.statusBar().showMessage(self._data_status())
        self.last_result: SearchResult | None = None

    def _data_status(self) -> str:
        parts = []
        for d in self.services.datasets():
            if d.record_count:
                as_of = d.as_of.isoformat() if d.as_of else "—"
                parts.append(f"{d.name} v{d.version} ({as_of})")
        return self.tr("数据：") + "  ".join(parts)

    def _on_debounce_timeout(self) -> None:
        text = self.search_box.text().strip()
        if not text:
            self.results.clear()
            self.result_label.clear()
            return
        search = self.services.search
        self.tasks.run(lambda: search.search(text, limit=50), on_done=self._show, on_error=self._show_error,
                       key="search")

    def _show(self, result: SearchResult) -> None:
        self.last_result = result
        self.results.clear()
        self.result_label.setText(self.tr("找到 %1 条").replace("%1", result.total_label))
        for hit in result.hits:
            item = QListWidgetItem(f"[{KIND_NAMES[hit.kind](self.lang)}] {hit.title}    {hit.subtitle}")
            item.setData(Qt.ItemDataRole.UserRole, hit.doc_id)
            self.results.addItem(item)

    def _show_error(self, error: BaseException) -> None:
        msg = error.message(self.lang) if isinstance(error, IpdeskError) else str(error)
        self.result_label.setText(msg)
