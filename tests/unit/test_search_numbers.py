"""Numbers and codes in the forms people copy or type (search QA round 18a, N2-N5): full-width digits and
punctuation, patent certificate numbers (ZL…), a label typed in front, a kind code alone, GI announcement
numbers and IPC main groups. Synthetic records on a copy of the real seed (numbers nobody holds: year 2099,
CN9990…)."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from ipdesk.domain.codes import number_punctuation
from ipdesk.services.models import Patent, Trademark
from ipdesk.services.search import SearchFilters

GRANT = "CN999012345B"  # the grant of an invention; its A publication shares the number
APP = "CN209910012345.6"
OTHER = "CN999067890A"  # a publication alone, no grant
MARK = "99012345"


@pytest.fixture(scope="module")
def numbered(tmp_path_factory: pytest.TempPathFactory, seed_path: Path) -> Iterator[object]:
    from ipdesk.services.container import build_services

    folder = tmp_path_factory.mktemp("numbers")
    shutil.copyfile(seed_path, folder / "ipdesk.sqlite")
    svc = build_services(folder)
    with svc.db.session() as s:
        s.add(Patent(pub_no=GRANT, app_no=APP, title="一种测试用的稻田灌溉装置", dataset="test",
                     ipc_codes="A01G0025020000", pub_date=dt.date(2023, 5, 2)))
        s.add(Patent(pub_no=OTHER, app_no="CN209910067890.1", title="一种测试用的温室骨架", dataset="test",
                     ipc_codes="A01G0009140000", pub_date=dt.date(2022, 3, 1)))
        s.add(Patent(pub_no="CN999067891A", app_no="CN209910067891.X", title="一种测试用的温室", dataset="test",
                     ipc_codes="A01G0009000000", pub_date=dt.date(2022, 3, 1)))
        s.add(Trademark(reg_no=MARK, mark_text="测试禾苗", nice_class=30, dataset="test"))
    yield svc
    svc.close()


def found(svc, query: str, n: int = 20, **filters) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(h.kind, h.subtitle.split(" · ")[0] if h.kind in ("patent", "trademark") else h.title)
            for h in svc.search.search(query, SearchFilters(**filters), limit=n).hits]


# --- N3: full-width digits and punctuation ---------------------------------------------------------

def test_number_punctuation() -> None:
    assert number_punctuation("201710693560。3") == "201710693560.3"
    assert number_punctuation("五常。大米") == "五常。大米"


@pytest.mark.parametrize("query", ["２０９９１００１２３４５．６", "209910012345。6", "２０９９１００１２３４５。６",
                                   "ＣＮ２０９９１００１２３４５．６"])
def test_full_width_application_number(numbered, query: str) -> None:  # type: ignore[no-untyped-def]
    """Before: 0 results; `looks_like_code` saw the raw query, whose full-width digits are above U+3000."""
    assert found(numbered, query)[:1] == [("patent", GRANT)]


@pytest.mark.parametrize("query", ["Ａ０１Ｇ　２５／０２", "A01G 25／02", "Ａ０１Ｇ２５／０２"])
def test_full_width_ipc_symbol(numbered, query: str) -> None:  # type: ignore[no-untyped-def]
    assert found(numbered, query) == [("patent", GRANT)]  # (the seed holds no class node A01G 25/02)
