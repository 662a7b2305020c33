"""Reports, the kiosk's printouts and the service record name the wizards as the window does (商标核查, in
English Brand check), not by their former names (品牌名称检查 …). Entries logged before keep their text in the
store; the window's list, the ledger (its entries and its 统计/Totals sheet) and `ipdesk report entries` read
such an entry's wizard by its key and show it by its current name."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import select

from ipdesk.domain.wizard import (
    FORMER_WIZARD_TITLES,
    WIZARD_TITLES,
    detail_in,
    with_current_wizard_name,
    wizard_of_text,
    wizards_of_detail,
)
from ipdesk.services.models import ServiceRecord
from ipdesk.services.reports.ledger import write_ledger

CURRENT = {"gi_check": ("地理标志核查", "GI check"), "brand_check": ("商标核查", "Brand check"),
           "patent_finder": ("农业专利", "Patents")}
# every name a report or an entry said before 2026-11-28, and its wizard
FORMER = [("地理标志使用资格", "gi_check"), ("GI eligibility", "gi_check"), ("品牌名称检查", "brand_check"),
          ("Brand-name check", "brand_check"), ("农业专利查找", "patent_finder"),
          ("Agricultural patent finder", "patent_finder"), ("Patent finder", "patent_finder")]


def test_the_wizards_are_named_as_the_rail_names_them() -> None:
    assert {k: (t.zh, t.en) for k, t in WIZARD_TITLES.items()} == CURRENT
    former = {name for texts in FORMER_WIZARD_TITLES.values() for t in texts for name in (t.zh, t.en)}
    assert former == {name for name, _key in FORMER}


@pytest.mark.parametrize(("name", "key"), FORMER)
def test_each_former_name_is_read_as_its_wizard(name: str, key: str) -> None:
    zh, en = CURRENT[key]
    assert wizard_of_text(name) == key
    assert wizard_of_text(f"{name}：想注册什么名称？合成测试") == wizard_of_text(f"{name}: Which name? x") == key
    assert with_current_wizard_name(f"{name}：问题？合成测试甲；问题二？乙", "zh_CN") == f"{zh}：问题？合成测试甲；问题二？乙"
    assert with_current_wizard_name(f"{name}: Question? synthetic A", "en") == f"{en}: Question? synthetic A"
    assert with_current_wizard_name(name, "en") == en


@pytest.mark.parametrize("key", list(CURRENT))
def test_current_names_read_as_their_wizard_and_other_text_is_left(key: str) -> None:
    zh, en = CURRENT[key]
    assert wizard_of_text(f"{zh}：问题？答") == wizard_of_text(f"{en}: Q? A") == key
    assert with_current_wizard_name(f"{en}: Q? A", "zh_CN") == f"{zh}：Q? A"


def test_text_that_only_starts_like_a_name_is_not_a_wizard() -> None:
    # 农业专利 is the start of 农业专利查找 (the former name) and of words that are no wizard's
    assert wizard_of_text("农业专利查找：作物？水稻") == "patent_finder"
    assert wizard_of_text("农业专利技术咨询") == wizard_of_text("Patents and more: x") == ""
    assert with_current_wizard_name("已答复", "en") == "已答复"
    assert detail_in("", "zh_CN") == "" and wizards_of_detail("") == []


def test_a_report_of_several_wizards_names_each_line() -> None:
    detail = "地理标志使用资格：产品？大米\nAgricultural patent finder: Crop? rice\n商标核查：名称？甲"
    assert wizards_of_detail(detail) == ["gi_check", "patent_finder", "brand_check"]
    assert detail_in(detail, "zh_CN") == "地理标志核查：产品？大米\n农业专利：Crop? rice\n商标核查：名称？甲"


def _log_old_and_new(services: Any) -> None:
    """Entries as they are in a store logged before and after the renaming (synthetic clients)."""
    when = dt.datetime(2026, 11, 3, 9, 30)
    rows = [("品牌名称检查：想注册什么名称？合成测试甲", "商标注册咨询"),
            ("Brand-name check: Which name? synthetic B", "Trademark registration enquiry"),
            ("商标核查：想注册什么名称？合成测试丙", "商标注册咨询"),
            ("地理标志使用资格：产品？合成大米", "地理标志使用咨询"),
            ("", "信息查询")]
    for i, (detail, purpose) in enumerate(rows):
        services.reports.record_service(client=f"合成服务对象{i}", purpose=purpose, outcome="合成结果",
                                        when=when + dt.timedelta(minutes=i), detail=detail)


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_ledger_shows_current_names_and_counts_each_wizard_once(services: Any, tmp_path: Path, lang: str) -> None:
    _log_old_and_new(services)
    entries = services.reports.service_entries("2026-11")
    out = tmp_path / "ledger.xlsx"
    write_ledger(entries, out, lang, "2026-11")
    wb = openpyxl.load_workbook(out)
    sheet = wb.worksheets[0]
    header = [c.value for c in sheet[1]]
    details = [row[header.index("问答详情" if lang == "zh_CN" else "Questions and answers")]
               for row in sheet.iter_rows(min_row=2, values_only=True)]
    brand, gi = CURRENT["brand_check"][lang == "en"], CURRENT["gi_check"][lang == "en"]
    colon = "：" if lang == "zh_CN" else ": "
    assert sorted(d for d in details if d) == sorted([f"{gi}{colon}产品？合成大米", f"{brand}{colon}想注册什么名称？合成测试丙",
                                                      f"{brand}{colon}Which name? synthetic B",
                                                      f"{brand}{colon}想注册什么名称？合成测试甲"])
    totals = {row[0]: row[1] for row in wb[("统计" if lang == "zh_CN" else "Totals")].iter_rows(values_only=True)}
    wizard = "向导" if lang == "zh_CN" else "Wizard"
    # one row a wizard: two entries logged as 品牌名称检查 / Brand-name check and one as 商标核查
    assert totals[f"{wizard}{colon}{brand}"] == 3 and totals[f"{wizard}{colon}{gi}"] == 1
    assert not [k for k in totals if any(name in str(k) for name, _key in FORMER)]
    # the purposes still count as before, merged across languages
    purpose = "咨询事项" if lang == "zh_CN" else "Purpose"
    assert totals[f"{purpose}{colon}{'商标注册咨询' if lang == 'zh_CN' else 'Trademark registration enquiry'}"] == 3
    # the store keeps what was logged
    with services.db.local_store.session() as s:
        kept = set(s.scalars(select(ServiceRecord.detail)))
    assert {"品牌名称检查：想注册什么名称？合成测试甲", "Brand-name check: Which name? synthetic B"} <= kept


def test_report_entries_names_each_entrys_wizard_as_now(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from ipdesk.cli import main
    from ipdesk.services.container import build_services

    services = build_services(data_dir)
    try:
        _log_old_and_new(services)
    finally:
        services.close()
    for lang, brand, gi in (("zh_CN", "商标核查", "地理标志核查"), ("en", "Brand check", "GI check")):
        assert main(["--data-dir", str(data_dir), "--lang", lang, "report", "entries"]) == 0
        lines = {line.split("\t")[2]: line.split("\t") for line in capsys.readouterr().out.splitlines() if "\t" in line}
        assert [lines[f"合成服务对象{i}"][-1] for i in range(3)] == [brand] * 3
        assert lines["合成服务对象3"][-1] == gi and len(lines["合成服务对象4"]) == 5  # no wizard: nothing added
    assert main(["--data-dir", str(data_dir), "report", "entries", "--json"]) == 0
    found = {e["client"]: e for e in json.loads(capsys.readouterr().out)["entries"]}
    assert found["合成服务对象0"]["detail"] == "品牌名称检查：想注册什么名称？合成测试甲"  # as kept
    assert found["合成服务对象0"]["wizards"] == ["brand_check"] and found["合成服务对象4"]["wizards"] == []
