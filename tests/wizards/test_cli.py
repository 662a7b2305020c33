"""The CLI twins as real processes: JSON output, text in both languages, exit status 2 on bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e


def ipdesk(data_dir: Path, *args: str, lang: str = "zh_CN") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    cmd = [sys.executable, "-m", "ipdesk", "--data-dir", str(data_dir), "--lang", lang, *args]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)


def test_gi_check_json(data_dir: Path) -> None:
    out = ipdesk(data_dir, "gi-check", "--product", "大米", "--township", "230184100000", "--role", "cooperative",
                 "--json")
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert result["code"] == "gi_product" and result["checklist"]
    assert result["headline"]["en"].startswith("You can apply")


def test_brand_check_text_in_english(data_dir: Path) -> None:
    out = ipdesk(data_dir, "brand-check", "五常香", "--class", "30", lang="en")
    assert out.returncode == 0, out.stderr
    assert "very likely be refused" in out.stdout and "五常市" in out.stdout


def test_brand_check_reads_english_and_pinyin_names(data_dir: Path) -> None:
    refused = json.loads(ipdesk(data_dir, "brand-check", "Organic lü-cha", "--class", "30", "--json").stdout)
    assert refused["code"] == "very_likely_refused"
    assert "（Organic（有机）、lü-cha（绿茶））" in refused["explanation"]["zh"]
    coined = json.loads(ipdesk(data_dir, "brand-check", "Teatro", "--class", "30", "--json").stdout)
    assert coined["code"] == "marks_not_checked"  # nothing barred; the seed has no trademarks to compare


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("gi-check", "--product", "大米", "--township", "999999999999"), "Unknown township code"),
        (("brand-check", "测试甲", "--class", "46"), "between 1 and 45"),
        (("brand-check", "测试甲", "--class", "30", "--group", "2901"), "Group 2901 belongs to class 29"),
        (("brand-check", "测试甲", "--class", "30", "--group", "9999"), "The groups of class 30 are 3001–3019"),
        (("patents", "--crop", "水稻", "--technique", "dancing"), "Unknown technique"),
    ],
)
def test_bad_input_exits_2_with_a_clear_message(data_dir: Path, args: tuple[str, ...], message: str) -> None:
    out = ipdesk(data_dir, *args, lang="en")
    assert out.returncode == 2
    assert message in out.stderr and "Traceback" not in out.stderr


def test_gi_check_in_english_understands_english_product_words(data_dir: Path) -> None:
    out = ipdesk(data_dir, "gi-check", "--product", "Wuchang rice", "--township", "230184100000", "--role",
                 "cooperative", lang="en")
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[1].startswith('You can apply to use the GI special mark of "五常大米"')


def test_gi_check_without_role_does_not_invent_one(data_dir: Path) -> None:
    out = ipdesk(data_dir, "gi-check", "--product", "rice", "--township", "330106003000", lang="en")
    assert out.returncode == 0, out.stderr
    assert "Who is asking? not given" in out.stdout and "Farmers' cooperative" not in out.stdout
    assert "Who may apply:" in out.stdout


def test_options_take_the_chinese_words_too(data_dir: Path) -> None:
    out = ipdesk(data_dir, "gi-check", "--product", "五常大米", "--township", "230184100000", "--role", "合作社",
                 "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["answers"][0]["value"]["zh"] == "农民专业合作社"
    out = ipdesk(data_dir, "patents", "--crop", "水稻", "--technique", "种植", "--json")
    assert out.returncode == 0, out.stderr
    assert {"question": {"zh": "哪方面的技术？", "en": "Which kind of technique?"},
            "value": {"zh": "种植、播种", "en": "Planting and sowing"}} in json.loads(out.stdout)["answers"]
    bad = ipdesk(data_dir, "gi-check", "--product", "大米", "--township", "230184100000", "--role", "学生")
    assert bad.returncode == 2 and "cooperative（农民专业合作社）" in bad.stderr
    bad = ipdesk(data_dir, "patents", "--crop", "水稻", "--technique", "跳舞", lang="en")
    assert bad.returncode == 2 and "planting (Planting and sowing)" in bad.stderr


def test_a_township_by_name(data_dir: Path) -> None:
    by_name = json.loads(ipdesk(data_dir, "gi-check", "--product", "大米", "--township", "五常市 龙凤山镇",
                                "--json").stdout)
    by_code = json.loads(ipdesk(data_dir, "gi-check", "--product", "大米", "--township", "230184111000",
                                "--json").stdout)
    assert by_name["code"] == by_code["code"] == "gi_product"
    assert by_name["explanation"] == by_code["explanation"] and "龙凤山镇" in by_name["explanation"]["zh"]


def test_the_cli_reads_a_township_as_the_window_does(data_dir: Path) -> None:
    for typed in ("longfengshan", "Longfengshan Town", "五常市，龙凤山镇", "２３０１８４１１１０００"):
        out = json.loads(ipdesk(data_dir, "gi-check", "--product", "大米", "--township", typed, "--json").stdout)
        assert "龙凤山镇" in out["explanation"]["zh"], typed
    county = ipdesk(data_dir, "gi-check", "--product", "大米", "--township", "五常市")
    assert county.returncode == 2 and "“五常市”是县级行政区，不是乡镇。它有 24 个乡镇" in county.stderr
    assert "230184111000" in county.stderr  # listed with their codes
    english = ipdesk(data_dir, "gi-check", "--product", "大米", "--township", "五常市", lang="en")
    assert '"五常市" is a county, not a township. It has 24 townships' in english.stderr


def test_a_township_name_many_places_share_lists_them_with_codes(data_dir: Path) -> None:
    out = ipdesk(data_dir, "gi-check", "--product", "大米", "--township", "城关镇", lang="en")
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert 'townships are called "城关镇"' in out.stderr
    lines = [line.split() for line in out.stderr.splitlines() if line.startswith("  ") and line.split()[0].isdigit()]
    assert len(lines) == 15 and all(len(w[0]) == 12 and w[-1] == "城关镇" for w in lines)
    assert "… and" in out.stderr  # more than fifteen: says how many more
    unknown = ipdesk(data_dir, "brand-check", "测试甲", "--class", "30", "--origin", "不存在的镇")
    assert unknown.returncode == 2 and "找不到乡镇“不存在的镇”" in unknown.stderr


def test_a_product_near_a_gis_name_asks_did_you_mean_with_the_command(data_dir: Path) -> None:
    """QA18a N8: 五長大米 got "no GI: you can apply for a new one" with the new-GI checklist."""
    out = ipdesk(data_dir, "gi-check", "--product", "五長大米", "--township", "230184111000", "--role", "cooperative")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[1] == "没有叫“五長大米”的地理标志。您是不是要找：五常大米？"
    assert "  ipdesk gi-check --product 五常大米 --township 230184111000 --role cooperative" in lines
    assert "材料清单" not in out.stdout and "目前没有覆盖" not in out.stdout
    english = ipdesk(data_dir, "gi-check", "--product", "五常", "--township", "龙凤山镇", lang="en")
    assert 'No GI is called "五常". Did you mean "五常大米"?' in english.stdout
    assert "To check again:\n  ipdesk gi-check --product 五常大米 --township 230184111000\n" in english.stdout
    near_town = ipdesk(data_dir, "gi-check", "--product", "五常大米", "--township", "龙凤山乡", lang="en")
    assert near_town.returncode == 2 and 'No township is called "龙凤山乡". Did you mean:' in near_town.stderr
    assert "230184111000  黑龙江省 哈尔滨市 五常市 龙凤山镇" in near_town.stderr
