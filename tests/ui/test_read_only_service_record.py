"""A service-record file this user may not write (copied from a CD with the data folder): the window opens,
the status bar says 只读 with the service record's own reason, lookups work, and a write to the service record
is refused in words (QA: every command had been refused at open, searches included)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture
def read_only_record(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    from ipdesk.services import db as db_module
    from ipdesk.services.container import build_services
    from ipdesk.services.db import LOCAL_DB_FILENAME

    build_services(data_dir).close()  # both files made, writable
    local = data_dir / LOCAL_DB_FILENAME
    real = db_module._unwritable
    # the tests run as root, for whom every file is writable: the permission is given by hand
    monkeypatch.setattr(db_module, "_unwritable", lambda file: file == local or real(file))
    svc = build_services(data_dir)
    yield svc
    svc.close()


def test_the_window_says_the_service_record_is_read_only(qtbot, read_only_record, tasks) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.services.search import SearchFilters
    from ipdesk.ui.status_bar import StatusBar

    services = read_only_record
    assert services.db.local_store.read_only and not services.db.read_only  # type: ignore[attr-defined]
    bar = StatusBar(services, tasks, probe=False)
    qtbot.addWidget(bar)
    bar.show()
    qtbot.waitExposed(bar)
    assert bar.read_only_label.isVisible() and "本机服务台账文件是只读的" in bar.read_only_label.toolTip()
    assert services.search.search("五常", SearchFilters()).hits  # type: ignore[attr-defined]
    assert services.reports.apply_retention().entries == 0  # type: ignore[attr-defined]  # skipped, no error


def test_a_write_to_the_service_record_is_refused_in_words(read_only_record) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.services.errors import DataFolderError

    with pytest.raises(DataFolderError) as caught:
        read_only_record.reports.record_service(client="合成测试甲", purpose="信息查询", outcome="—")  # type: ignore[attr-defined]
    assert "本机服务台账文件是只读的" in caught.value.zh and "read-only" in caught.value.en
