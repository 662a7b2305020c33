"""`ipdesk search … --save NAME`, `--saved [NAME]`, `--run NAME`, `--rename-saved`, `--delete-saved`
(QA 19b N3): bilingual messages, --json, and exit status 2 for what the person got wrong."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ipdesk.cli import main


def _run(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str, lang: str = "zh_CN") -> tuple[int, str, str]:
    code = main(["--data-dir", str(data_dir), "--lang", lang, "search", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_save_list_run_rename_delete(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, out, _ = _run(capsys, data_dir, "--saved")
    assert code == 0 and out.startswith("还没有已保存的检索。")
    code, out, _ = _run(capsys, data_dir, "茶", "--kind", "gi", "--region", "33", "--save", " 浙江的茶 ")
    assert code == 0 and "龙井茶" in out and out.rstrip().endswith("已保存为“浙江的茶”，以后用 ipdesk search --run 加这个名称再次运行。")
    code, out, _ = _run(capsys, data_dir, "五常", "--region", "230184", "--save", "Wuchang", "--json", lang="en")
    assert code == 0 and json.loads(out)["saved_as"] == "Wuchang"

    code, out, _ = _run(capsys, data_dir, "--saved")
    lines = out.splitlines()
    assert code == 0 and lines[0] == "已保存的检索 2 个（运行：ipdesk search --run 名称）："
    assert lines[1].startswith("   1. Wuchang：五常（地区：黑龙江省 哈尔滨市 五常市）  保存于 ")
    assert lines[2].startswith("   2. 浙江的茶：茶（类型：地理标志；地区：浙江省）  保存于 ")
    code, out, _ = _run(capsys, data_dir, "--saved", "--order", "name", "--json", lang="en")
    listed = json.loads(out)["saved_searches"]
    assert [e["name"] for e in listed] == ["Wuchang", "浙江的茶"]
    assert listed[1]["filters"] == {"kinds": ["gi"], "region": "330000000000"} and listed[1]["sort"] == "relevance"
    assert listed[1]["conditions"] == "kinds: Geographical indication; region: 浙江省"

    # run it: the same results as the search it was saved from
    code, out, _ = _run(capsys, data_dir, "茶", "--kind", "gi", "--region", "33", "--json")
    direct = json.loads(out)["results"]
    for how in (("--run", "浙江的茶"), ("--saved", "浙江的茶")):
        code, out, _ = _run(capsys, data_dir, *how, "--json")
        ran = json.loads(out)
        assert code == 0 and ran["results"] == direct and ran["saved_search"] == {"name": "浙江的茶", "dropped": []}
    code, out, _ = _run(capsys, data_dir, "--run", "浙江的茶", "--limit", "2", lang="en")
    assert out.splitlines()[0] == 'Saved search "浙江的茶": 茶 (kinds: Geographical indication; region: 浙江省)'
    assert len([line for line in out.splitlines() if line.strip()[:2] in ("1.", "2.")]) == 2

    code, out, _ = _run(capsys, data_dir, "--rename-saved", "浙江的茶", "浙江茶")
    assert code == 0 and out.strip() == "已把“浙江的茶”改名为“浙江茶”。"
    code, out, _ = _run(capsys, data_dir, "--delete-saved", "浙江茶", lang="en")
    assert code == 0 and out.strip() == 'Deleted the saved search "浙江茶".'
    code, out, _ = _run(capsys, data_dir, "--saved", "--json")
    assert [e["name"] for e in json.loads(out)["saved_searches"]] == ["Wuchang"]


def test_a_taken_name_needs_replace_and_is_refused_before_searching(capsys: pytest.CaptureFixture[str],
                                                                      data_dir: Path) -> None:
    assert _run(capsys, data_dir, "五常", "--save", "五常")[0] == 0
    code, out, err = _run(capsys, data_dir, "大米", "--save", "五常")
    assert code == 2 and out == "" and "已有名为“五常”的检索" in err and "--replace" in err
    code, out, err = _run(capsys, data_dir, "大米", "--save", "五常", lang="en")
    assert code == 2 and 'A saved search called "五常" exists already' in err
    code, out, _ = _run(capsys, data_dir, "大米", "--save", "五常", "--replace", "--json")
    assert code == 0 and json.loads(out)["saved_as"] == "五常"
    code, out, _ = _run(capsys, data_dir, "--saved", "--json")
    assert [(e["name"], e["query"]) for e in json.loads(out)["saved_searches"]] == [("五常", "大米")]


@pytest.mark.parametrize(("args", "zh", "en"), [
    (("茶", "--save", "  "), "请给这个检索起个名称。", "Give the saved search a name."),
    (("--run", "没有这个"), "没有名为“没有这个”的已保存检索", 'There is no saved search called "没有这个"'),
    (("--delete-saved", "没有这个"), "没有名为“没有这个”的已保存检索", 'There is no saved search called "没有这个"'),
    (("--rename-saved", "没有这个", "新"), "没有名为“没有这个”的已保存检索", 'There is no saved search called "没有这个"'),
    (("茶", "--run", "x"), "不要再给查询", "Give no query with --saved"),
    (("--run", "x", "--region", "33", "--kind", "gi"), "不能再加 --kind、--region", "leave out --kind, --region"),
])
def test_mistakes_exit_2_in_the_chosen_language(capsys: pytest.CaptureFixture[str], data_dir: Path,
                                                args: tuple[str, ...], zh: str, en: str) -> None:
    code, _, err = _run(capsys, data_dir, *args)
    assert code == 2 and zh in err and "Traceback" not in err
    code, _, err = _run(capsys, data_dir, *args, lang="en")
    assert code == 2 and en in err


def test_search_without_a_query_is_still_an_argument_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = tmp_path / "never-built"
    folder.mkdir()
    with pytest.raises(SystemExit) as stopped:
        main(["--data-dir", str(folder), "--lang", "en", "search", "--json"])
    assert stopped.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "ipdesk: invalid arguments: the following arguments are required: query")
    with pytest.raises(SystemExit):
        main(["--data-dir", str(folder), "--lang", "zh_CN", "search", "--save", "x", "--run", "y"])
    assert "参数错误：参数 --run：不能与参数 --save 同时使用" in capsys.readouterr().err
    assert list(folder.iterdir()) == []  # refused before anything was opened


def test_a_title_with_a_line_break_or_a_terminal_escape_stays_on_its_line(capsys: pytest.CaptureFixture[str],
                                                                         data_dir: Path) -> None:
    """QA 22b: an imported title "…\\n2026-01-01 ERROR …" printed a line of its own, and "\\x1b[2J"
    cleared the staff's terminal. One hit, one line; control characters are shown as escapes."""
    import datetime as dt

    from ipdesk.services.container import build_services
    from ipdesk.services.models import Patent

    services = build_services(data_dir)
    try:
        with services.db.session() as s:
            s.add(Patent(pub_no="TEST0000002203A", app_no="TEST0000002203", kind="invention",
                         title="合成测试换行\n2026-01-01 ERROR forged\x1b[2J\u202eabc", applicants="测试合作社",
                         dataset="patents", source="synthetic test data", as_of=dt.date(2026, 1, 1)))
    finally:
        services.close()
    code, out, _ = _run(capsys, data_dir, "合成测试换行")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 2, out
    assert "合成测试换行 2026-01-01 ERROR forged\\u001b[2J\\u202eabc" in lines[1]
