"""GI suggestions for a typed product: a place and a crop (Wuchang rice) stay on the crop; a GI for
another product that only sounds like the place (五城茶干, wucheng) is not offered."""

from __future__ import annotations

from typing import Any

import pytest

from ipdesk.domain.gi_eligibility import GiRecord, rank_suggestions

# --- suggestions: a place and a crop -----------------------------------------------------------------

def test_place_and_crop_suggestions_stay_on_the_crop() -> None:
    wuchang = GiRecord(id=1, kind="gi_product", name="五常大米", category="粮油")
    tofu = GiRecord(id=2, kind="gi_product", name="五城茶干", category="豆制品")  # wucheng, not wuchang
    panjin = GiRecord(id=3, kind="gi_product", name="盘锦大米", category="粮油")
    assert rank_suggestions("Wuchang rice", [tofu, panjin, wuchang]) == [wuchang, panjin]
    assert rank_suggestions("五常稻米", [tofu, panjin, wuchang]) == [wuchang, panjin]
    assert rank_suggestions("wuchang", [tofu, wuchang]) == [tofu, wuchang]  # no crop word: nothing dropped


@pytest.mark.parametrize("product", ["Wuchang rice", "五常稻米", "wuchang"])
def test_wuchang_rice_suggestions_are_rice(shared_services: Any, product: str) -> None:
    names = [g.name for g in shared_services.wizards.suggest_gis(product)]
    assert names[0] == "五常大米" and "五城茶干" not in names
    if product != "wuchang":
        assert all(n.endswith(("米", "稻")) for n in names), names
