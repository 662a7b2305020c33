"""The kiosk's diagnostics say whether its data folder is on a network share (no Qt)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ipdesk.services.errors import DataFolderError
from ipdesk.services.kiosk_diagnostics import diagnostics_text
from ipdesk.services.storage_place import data_folder_on_network

NOW = dt.datetime(2026, 11, 29, 9, 30)


def _text(tmp_path: Path) -> str:
    reason = DataFolderError("数据文件夹无法写入。", "The data folder cannot be written.")
    return diagnostics_text(reason, tmp_path, None, NOW, data_folder_on_network(tmp_path))


@pytest.mark.parametrize(("override", "expected", "not_expected"), [
    ("1", "网络共享（回滚日志）network share (rollback journal)", "本机磁盘"),
    ("0", "本机磁盘 local disk (WAL)", "网络共享"),
])
def test_the_diagnostics_say_where_the_data_folder_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      override: str, expected: str, not_expected: str) -> None:
    monkeypatch.setenv("IPDESK_DATA_ON_NETWORK", override)
    text = _text(tmp_path)
    line = next(line for line in text.splitlines() if line.startswith("数据文件夹位置 Data folder on: "))
    assert expected in line and not_expected not in line
    assert "The data folder cannot be written." in text  # the reason is still there


def test_a_local_folder_is_found_local_without_an_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("IPDESK_DATA_ON_NETWORK", raising=False)
    assert "本机磁盘 local disk (WAL)" in _text(tmp_path)  # pytest's tmp_path is on a local disk here


def test_not_yet_known_is_said(tmp_path: Path) -> None:
    reason = DataFolderError("数据文件夹无法写入。", "The data folder cannot be written.")
    assert "数据文件夹位置 Data folder on: 正在检查…… checking…" in diagnostics_text(reason, tmp_path, None, NOW)
