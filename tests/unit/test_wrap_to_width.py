"""`wrap_to_width`: terminal lines within a width, counted as a terminal does (`terminal_columns`:
`unicodedata.east_asian_width` W/F two columns, a combining mark none)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ipdesk.domain.report import terminal_columns, wrap_to_width


def test_latin_text_is_cut_at_spaces_and_chinese_anywhere() -> None:
    assert wrap_to_width("Apache-2.0, BSD-2-Clause, MIT", 20) == ["Apache-2.0,", "BSD-2-Clause, MIT"]
    assert wrap_to_width("地理标志核查和检索", 8) == ["地理标志", "核查和检", "索"]
    assert wrap_to_width("名称 ipdesk licences", 12) == ["名称 ipdesk", "licences"]
    assert wrap_to_width("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]  # a word longer than a line
    assert wrap_to_width("", 10) == [""]


def test_columns_are_counted_by_east_asian_width() -> None:
    """W and F take two columns (Chinese, full-width ，（）), H and N one (half-width katakana, the
    ligature ﬁ, both two by the reports' rough `display_width`), a combining mark none."""
    assert terminal_columns("拼音（IPC）") == 4 + 2 + 3 + 2
    assert terminal_columns("ｶﾀｶﾅ") == 4 and terminal_columns("ﬁle") == 3 and terminal_columns("cafe\u0301") == 4
    assert wrap_to_width("ｶﾀｶﾅ ｶﾀｶﾅ", 9) == ["ｶﾀｶﾅ ｶﾀｶﾅ"]  # 9 columns, not 16


def test_a_line_does_not_start_with_closing_punctuation() -> None:
    assert wrap_to_width("看某一项的许可全文，ipdesk licences", 18) == ["看某一项的许可全", "文，ipdesk", "licences"]
    assert wrap_to_width("拼音检索（拼音输入）和", 18) == ["拼音检索（拼音输", "入）和"]


@given(st.text(alphabet=st.sampled_from(list("ab c-地理标志（）,")), max_size=200), st.integers(min_value=2, max_value=60))
def test_every_line_fits_and_nothing_but_spaces_is_lost(text: str, width: int) -> None:
    lines = wrap_to_width(text, width)
    assert all(terminal_columns(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
