"""The per-character readings table: built from pypinyin's data, it must agree with pypinyin, and
highlighting must work from it without loading pypinyin's dictionaries."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ipdesk.domain.text import _char_readings
from ipdesk.services import char_readings
from ipdesk.services.search import match_spans

ROOT = Path(__file__).resolve().parents[2]


def test_built_table_agrees_with_pypinyin(tmp_path: Path) -> None:
    out = tmp_path / "readings.tsv"
    assert char_readings.build_table(out) > 20_000
    table = dict(line.split("\t") for line in out.read_text(encoding="utf-8").splitlines())
    for ch in "五常大米长白山西湖龙井绿茶行重乐都女":
        assert set(table[ch].split()) == set(_char_readings(ch)), ch
    assert "lv" in table["绿"].split()  # ü is spelled v, as in the index keys


@pytest.mark.parametrize(("title", "form", "span"), [
    ("五常大米", "dami", (2, 4)),
    ("长白山人参", "changbai", (0, 2)),   # 长 by its second reading
    ("长白山人参", "cbs", (0, 3)),
    ("西湖龙井", "lj", (2, 4)),
    ("西湖龙井", "xihulongj", (0, 4)),    # a syllable cut short at the end
    ("绿茶", "lvcha", (0, 2)),
])
def test_pinyin_spans(title: str, form: str, span: tuple[int, int]) -> None:
    assert match_spans(title, [], [form]) == (span,)


def test_no_span_when_the_pinyin_does_not_match() -> None:
    assert match_spans("五常大米", [], ["xihu"]) == ()


def test_search_highlighting_does_not_load_pypinyin(data_dir: Path) -> None:
    """The ~55 MB pinyin dictionaries stay out of a process that only searches."""
    if not (ROOT / "resources" / char_readings.TABLE_NAME).exists():
        pytest.skip("resources/char_readings.tsv not built (make setup builds it)")
    code = (
        "import sys; from pathlib import Path; from ipdesk.services.container import build_services; "
        f"s = build_services(Path({str(data_dir)!r})); r = s.search.search('wuchang'); "
        "assert any(h.spans for h in r.hits), 'no span'; "
        "print('pypinyin' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"
