"""Fixtures for the wizard tests: clearly synthetic trademarks and patents (numbers start with 9900)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from ipdesk.services.models import Patent, Trademark

# Synthetic marks: 测试 + a letter-like character; registration numbers 9900xxxx are not real numbers.
SYNTHETIC_MARKS = (
    ("99000001", "测试甲", 30, "3008"),
    ("99000002", "测试甲乙", 30, "3008"),  # one character added
    ("99000003", "測試甲", 30, "3002"),  # traditional characters, another group
    ("99000004", "策式甲", 30, "3008"),  # same sound (ce shi jia), different characters
    ("99000005", "无关名", 30, "3008"),  # unrelated
    ("99000006", "测试甲", 31, "3105"),  # same text, another class
)

SYNTHETIC_PATENTS = (
    # pub_no, title, kind, status, ipc, filing, expiry
    ("CN990000001A", "一种测试用水稻收获装置", "invention", "expired", "A01D0041000000", dt.date(2001, 3, 1), dt.date(2021, 3, 1)),
    ("CN990000002U", "一种测试用水稻割台", "utility", "in_force", "A01D0047000000", dt.date(2022, 5, 1), dt.date(2032, 5, 1)),
    ("CN990000003A", "一种测试用稻谷收割方法", "invention", "pending", "A01D0091000000", dt.date(2024, 1, 1), None),
    ("CN990000004U", "一种测试用水稻收割机（未缴年费终止）", "utility", "lapsed", "A01D0041000000", dt.date(2016, 1, 1), None),
    ("CN990000005A", "一种测试用苹果采摘器", "invention", "in_force", "A01D0046000000", dt.date(2020, 1, 1), None),
    ("CN990000006A", "一种测试用水稻施肥方法", "invention", "in_force", "A01C0021000000", dt.date(2020, 1, 1), None),
)


@pytest.fixture
def synthetic_services(services: Any) -> Any:
    with services.db.session() as s:
        for reg_no, text, klass, group in SYNTHETIC_MARKS:
            s.add(Trademark(reg_no=reg_no, mark_text=text, nice_class=klass, similar_groups=group, owner="测试用户",
                            status="registered", dataset="test"))
        for pub_no, title, kind, status, ipc, filing, expiry in SYNTHETIC_PATENTS:
            s.add(Patent(pub_no=pub_no, title=title, kind=kind, legal_status=status, ipc_codes=ipc,
                         filing_date=filing, expiry_date=expiry, applicants="测试申请人", dataset="test"))
    return services
