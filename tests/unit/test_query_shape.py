"""What a typed query looks like (QA18a N11): a box holding only invisible characters is empty, and the
advice when nothing is found fits a number, Chinese or letters."""

from __future__ import annotations

import argparse

import pytest

from ipdesk.domain.text import is_blank, query_kind
from ipdesk.services.errors import UserInputError


@pytest.mark.parametrize("text", ["", "   ", "\u200b", "\ufeff", "\u200b\ufeff", " \u200d\u200c\u2060 ", "\u200e\u200f",
                                  "\u3000\u200b"])
def test_only_invisible_characters_are_blank(text: str) -> None:
    assert is_blank(text)


@pytest.mark.parametrize("text", ["五常", "\ufeff五常", "五\u200b常", "a", "1", "🌾", "！"])
def test_anything_visible_is_not_blank(text: str) -> None:
    assert not is_blank(text)


@pytest.mark.parametrize(("text", "kind"), [
    ("ZL 2017 1 0693560.3", "number"), ("201710693560.3", "number"), ("A01G 9/00", "number"), ("A01K", "number"),
    ("230184", "number"), ("ＺＬ２０１７１０６９３５６０．３", "number"), ("申请号：201710693560.3", "number"),
    ("五常大米", "chinese"), ("第30类", "chinese"), ("龍井", "chinese"),
    ("wuchang", "latin"), ("wu3chang2", "latin"), ("Wuchang rice", "latin"), ("qqqqzzzzxx", "latin"),
])
def test_query_kind(text: str, kind: str) -> None:
    assert query_kind(text) == kind


def _search_args(query: str) -> argparse.Namespace:
    return argparse.Namespace(query=query, kind=None, region=None, gi_kind="", nice_class=None, group="", ipc="",
                              year_from=None, year_to=None, status="", limit=20, offset=0, json=False,
                              save=None, saved=None, run=None, rename_saved=None, delete_saved=None, replace=False,
                              order="newest")


def test_the_command_line_refuses_an_invisible_query_as_an_empty_one(shared_services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.commands import search_cmd
    from ipdesk.commands.context import CliContext

    ctx = CliContext(tmp_path, "zh_CN", _services=shared_services)
    for query in ("", "\u200b", "\ufeff\u200b "):
        with pytest.raises(UserInputError) as err:
            search_cmd.run(_search_args(query), ctx)
        assert err.value.zh == "请输入要查找的文字、拼音或编号。"


@pytest.mark.parametrize("query", ["\u200b", "\ufeff", " \u200d\u2060 "])
def test_the_search_service_refuses_an_invisible_query_for_every_caller(shared_services, query: str) -> None:  # type: ignore[no-untyped-def]
    """The report builder, the wizards and the kiosk call the service directly, not the window or the CLI."""
    with pytest.raises(UserInputError) as err:
        shared_services.search.validate(query)
    assert err.value.en == "Type some text, pinyin or a number to search for."
