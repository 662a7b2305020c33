"""Clearly synthetic registry records for sync tests and benchmarks (never real numbers or marks).

Every publication number starts with `SYN`, every mark text with `合成测试`, so no generated
record can be mistaken for, or collide with, a real one.
"""

from __future__ import annotations

import random
from typing import Any

SYLLABLES = "稻麦茶果菜薯豆棉麻桑蚕菌花椒杏梨桃柑橙柚"


def patent_record(i: int, revision: int = 0) -> dict[str, Any]:
    rng = random.Random(i * 7919 + revision)
    words = "".join(rng.choice(SYLLABLES) for _ in range(4))
    return {
        "id": 10_000_000 + i, "pub_no": f"SYN{i:09d}A", "app_no": f"SYN{i:09d}", "kind": "invention",
        "title": f"合成测试{words}种植方法{i}" + (f"（修订{revision}）" if revision else ""),
        "abstract": f"合成测试摘要{words}，仅用于同步测试，第{i}条。", "applicants": "合成测试申请人",
        "inventors": "", "address": "", "region_code": "230184", "ipc_codes": "A01G0022220000", "priority": "",
        "filing_date": "2020-01-02", "pub_date": "2021-03-04", "grant_date": None, "legal_status": "pending",
        "expiry_date": None, "dataset": "patents", "source": "synthetic test data", "as_of": "2026-01-01",
    }


def trademark_record(i: int, revision: int = 0) -> dict[str, Any]:
    rng = random.Random(i * 104729 + revision)
    words = "".join(rng.choice(SYLLABLES) for _ in range(2))
    return {
        "id": 20_000_000 + i, "reg_no": f"SYN{i:08d}", "mark_text": f"合成测试{words}{i}", "nice_class": 30,
        "similar_groups": "3002", "goods": "合成测试商品", "owner": "合成测试所有人", "owner_address": "",
        "region_code": "330106", "kind": "ordinary", "status": "registered" if not revision else f"rev{revision}",
        "filing_date": None, "reg_date": "2019-05-06", "expiry_date": None, "dataset": "trademarks",
        "source": "synthetic test data", "as_of": "2026-01-01",
    }


def patents(n: int, *, start: int = 0, revised: frozenset[int] = frozenset(), revision: int = 1) -> list[dict[str, Any]]:
    return [patent_record(i, revision if i in revised else 0) for i in range(start, start + n)]


def trademarks(n: int, *, start: int = 0) -> list[dict[str, Any]]:
    return [trademark_record(i) for i in range(start, start + n)]
