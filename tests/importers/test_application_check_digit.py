"""A Chinese application number's check digit (the character after the dot) is checked at import: a wrong
one is a warning naming the right digit, never a refusal (real lists hold typos and the row is still of
use). The numbers here are made up (2099…, 991…) and their check digits reckoned as CNIPA does: the 12
digits weighted 2,3,4,5,6,7,8,9,2,3,4,5 (8 digits: 2…9), summed, mod 11, 10 written X."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ipdesk.domain.codes import application_check_digit, wrong_check_digit
from ipdesk.services.importers.templates import PATENT
from tests.importers.conftest import SYNTH, write_csv


@pytest.mark.parametrize(("digits", "check"), [
    ("209910012345", "0"),  # 4+0+36+45+6+0+8+18+6+12+20+25 = 154 = 14·11 → 0
    ("209920000001", "3"),  # 4+0+36+45+12+0+0+0+0+0+0+5 = 102 = 9·11 + 3
    ("209910000008", "X"),  # 4+0+36+45+6+0+0+0+0+0+0+40 = 131 = 11·11 + 10 → X
    ("202110000000", "1"),  # the template's example: 4+0+8+5+6+0+…+0 = 23 = 2·11 + 1
    ("99100123", "0"),      # 18+27+4+0+0+7+16+27 = 99 = 9·11
    ("99100003", "X"),      # 18+27+4+0+0+0+0+27 = 76 = 6·11 + 10 → X
])
def test_check_digit(digits: str, check: str) -> None:
    assert application_check_digit(digits) == check
    assert wrong_check_digit(f"CN{digits}.{check}") is None
    wrong = "1" if check != "1" else "2"
    assert wrong_check_digit(f"CN{digits}.{wrong}") == check


@pytest.mark.parametrize("number", ["CN209910012345", "CN99100123", "US12345678.9", "CN2099100123", ""])
def test_numbers_without_a_check_digit_to_check(number: str) -> None:
    assert wrong_check_digit(number) is None


def test_the_templates_example_has_the_right_check_digit() -> None:
    column = PATENT.column("app_no")
    assert column.example == "202110000000.1"
    assert "202110000000.1" in column.help_zh and "202110000000.1" in column.help_en
    digits, check = column.example.split(".")
    assert application_check_digit(digits) == check


def test_a_wrong_check_digit_is_a_warning_naming_the_right_one(tmp_path: Path, importer) -> None:  # type: ignore[no-untyped-def]
    header = ["公开号", "申请号", "名称", "专利类型", "截至日期"]
    rows = [
        ["CN999400001A", "209910012345.0", f"{SYNTH}育秧盘", "发明", "2026-11-26"],  # right
        ["CN999400002A", "209910012345.6", f"{SYNTH}插秧机", "发明", "2026-11-26"],  # should be .0
        ["CN999400003U", "2099200000013", f"{SYNTH}烘干机", "实用新型", "2026-11-26"],  # right, without the dot
        ["CN999400004A", "CN209910000008.x", f"{SYNTH}抛光机", "发明", "2026-11-26"],  # right: X, lower case
        ["CN999400005A", "209910000008.8", f"{SYNTH}碾米机", "发明", "2026-11-26"],  # should be X
        ["CN999400006A", "99100123.5", f"{SYNTH}脱粒机", "发明", "2026-11-26"],  # old form, should be .0
        ["CN999400007A", "209910012345", f"{SYNTH}播种机", "发明", "2026-11-26"],  # no check digit: nothing to check
    ]
    preview = importer.stage([write_csv(tmp_path / "patents.csv", header, rows)])
    assert preview.total("rejected") == 0 and preview.total("new") == 7 and preview.can_commit
    warnings = [n for n in preview.notices if "校验位" in n.zh]
    assert len(warnings) == 1
    zh, en = warnings[0].zh, warnings[0].en
    assert "3 个申请号" in zh and "已照常导入" in zh and "3 application numbers" in en
    assert "第 3 行 CN209910012345.6：校验位应为 0" in zh and "row 3 CN209910012345.6: the check digit should be 0" in en
    assert "第 6 行 CN209910000008.8：校验位应为 X" in zh and "row 6 CN209910000008.8: the check digit should be X" in en
    assert "第 7 行 CN99100123.5：校验位应为 0" in zh
    assert not re.search(r"第 [2458] 行", zh)
    importer.commit(preview)  # imported as written
    with importer.db.engine.connect() as conn:
        got = conn.exec_driver_sql("SELECT app_no FROM patent WHERE pub_no = 'CN999400002A'").scalar()
    assert got == "CN209910012345.6"


def test_the_real_numbers_of_the_reference_documents_check_out(reference_dir: Path) -> None:
    """Every CN application number in the reference CNIPA documents (read, never copied) has the check
    digit the rule gives."""
    found = set()
    for path in (reference_dir / "cnipa-xml").iterdir():
        if path.suffix.lower() == ".xml":
            found |= set(re.findall(r"(?<![\w.\-])(\d{12}|\d{8})\.([\dX])(?![\w.])", path.read_text("utf-8", "replace")))
    assert len(found) >= 10
    assert [f"{d}.{c}" for d, c in sorted(found) if application_check_digit(d) != c] == []
