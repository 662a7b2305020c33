"""A table row whose cell holds several lines is never split by a page break when it fits on a page:
it moves whole to the next page, where the table goes on under its header. Checked on the PDF's
text page by page, with clearly synthetic trademarks (numbers start with TEST8) of varied heights."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from ipdesk.domain.basket import BasketItem
from ipdesk.services.models import Trademark
from ipdesk.services.reports.builder import ReportMeta

ROWS = 80
GOODS = ("米；大米", "新鲜水果；新鲜蔬菜；活动物；植物种子；谷种；饲料；麦芽；新鲜花生；鲜食用菌；新鲜坚果；未加工的谷种",
         "茶；茶叶代用品；冰茶；茶饮料；米粉；谷粉；食用淀粉；面条；粉丝；米线；年糕；粽子；汤圆；饺子；包子；馒头；花卷；烧卖")


def _pages(path: Path) -> list[str]:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    count = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    return ["".join(subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", str(p), "-l", str(p), str(path), "-"],
                                   capture_output=True, text=True, check=True).stdout.split())
            for p in range(1, count + 1)]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_no_row_is_split_across_pages(qapp, services: Any, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.ui.report_pdf import render_pdf

    with services.db.session() as s:
        for i in range(ROWS):
            s.add(Trademark(reg_no=f"TEST8{i:03d}", mark_text=f"测试标{i:03d}", nice_class=30, similar_groups="3004",
                            goods=f"{GOODS[i % 3][: 10 + (i * 7) % 60]}（末行{i:03d}）", owner="测试合作社甲",
                            status="registered", reg_date=dt.date(2015, 6, 1), expiry_date=dt.date(2035, 5, 31),
                            dataset="test", as_of=dt.date(2026, 10, 1)))
    with services.db.session() as s:
        ids = list(s.scalars(select(Trademark.id).where(Trademark.reg_no.like("TEST8%")).order_by(Trademark.reg_no)))
    report = services.reports.builder.for_basket([BasketItem("trademark", i, "") for i in ids], "zh_CN",
                                                 ReportMeta())
    path = tmp_path / "rows.pdf"
    render_pdf(report, path)
    pages = _pages(path)
    assert len(pages) >= 4
    for i in range(ROWS):
        first = [n for n, text in enumerate(pages) if f"TEST8{i:03d}" in text]
        last = [n for n, text in enumerate(pages) if f"末行{i:03d}" in text]
        assert len(first) == 1 and first == last, (i, first, last)  # the number and the row's last line together
    with_rows = [text for text in pages if "TEST8" in text]
    assert len(with_rows) >= 3
    assert all("商标注册号类别/类似群" in text for text in with_rows)  # the header on every page of the table
