"""Typed text that SQLite, OpenCC and UTF-8 refuse: a NUL, a lone surrogate, the bytes of a GBK
terminal on a UTF-8 Linux (Python gives them as lone surrogates U+DC80–U+DCFF). Every service that
takes typed text answers (they raised UnicodeEncodeError or "the query contains a null character"),
and `ipdesk search` typed in a GBK terminal finds what was typed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ipdesk.domain.text import fold, typed_text
from ipdesk.services.errors import UserInputError

GBK_WUCHANG = os.fsdecode("五常".encode("gbk")) if os.name == "posix" else "五常"  # as Python reads argv there


@pytest.mark.parametrize(("typed", "read"), [
    ("五常大米", "五常大米"),
    ("n\x00ul\x01l", "n ul l"),  # control characters: spaces
    ("a\ud800b", "a b"),  # a lone surrogate (a broken paste): dropped
    ("\ud840\udc00", "𠀀"),  # a pair handed over in two halves: joined
    ("tab\tand\nline", "tab\tand\nline"),  # white space stays (the callers split on it)
    (os.fsdecode(b"\xff\xfe") if os.name == "posix" else "\udcff\udcfe", "  "),  # bytes that are not GB18030 either
])
def test_typed_text(typed: str, read: str) -> None:
    assert typed_text(typed) == read


@pytest.mark.skipif(os.name != "posix", reason="argv is UTF-16 on Windows: no undecodable bytes")
def test_a_gbk_terminal_on_a_utf8_linux_is_read_as_gb18030() -> None:
    assert "\udcce" in GBK_WUCHANG  # Python's surrogateescape form of GBK bytes (partly valid UTF-8 on top)
    assert typed_text(GBK_WUCHANG) == "五常"
    assert typed_text(os.fsdecode("龙凤山镇 五常市".encode("gb18030"))) == "龙凤山镇 五常市"


def test_fold_takes_what_opencc_refused() -> None:
    assert fold("龍\ud800井\x00茶") == "龙 井 茶"
    assert fold("五常") == "五常"


def test_every_service_that_takes_typed_text_answers(services) -> None:  # type: ignore[no-untyped-def]
    for bad in ("五常\x00", "五常\ud800", GBK_WUCHANG, "\x00", "\udcff"):
        try:
            found = services.search.search(bad)
        except UserInputError:  # nothing left to look for ("\x00"): said so, in words
            assert not typed_text(bad).strip(), repr(bad)
        else:
            assert typed_text(bad).strip() == "" or found.total > 0, repr(bad)
        services.places.find_townships(bad)
        services.places.read_townships(bad)
        services.wizards.township_matches(bad)
        services.wizards.suggest_gis(bad)
        services.wizards.earlier_marks(bad, 30)
        services.wizards.brand_facts(bad, 30)
        services.reports.service_entries("", client=bad)
        services.saved_searches.find(bad)
    assert services.places.find_townships(GBK_WUCHANG)[0].name.startswith("五常")
    assert services.wizards.township_matches("龙凤山镇\x00").towns
    saved = services.saved_searches.save("茶\x00叶", "西湖\ud800龙井")
    assert (saved.name, saved.query) == ("茶 叶", "西湖 龙井")


@pytest.mark.skipif(os.name != "posix", reason="argv is UTF-16 on Windows: no undecodable bytes")
def test_ipdesk_search_typed_in_a_gbk_terminal(data_dir: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LC_ALL": "C.UTF-8"}
    cmd = [sys.executable, "-m", "ipdesk", "--data-dir", str(data_dir), "--lang", "en", "search"]
    found = subprocess.run([os.fsencode(c) for c in cmd] + ["五常大米".encode("gbk")], capture_output=True,
                           env=env, timeout=120)
    assert found.returncode == 0, found.stderr.decode("utf-8", "replace")
    assert "五常大米" in found.stdout.decode("utf-8")
