"""`wrap_to_width`: terminal lines within a width, a Chinese character two columns wide."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ipdesk.domain.report import display_width, wrap_to_width


def test_latin_text_is_cut_at_spaces_and_chinese_anywhere() -> None:
    assert wrap_to_width("Apache-2.0, BSD-2-Clause, MIT", 20) == ["Apache-2.0,", "BSD-2-Clause, MIT"]
    assert wrap_to_width("地理标志核查和检索", 8) == ["地理标志", "核查和检", "索"]
    assert wrap_to_width("名称 ipdesk licences", 12) == ["名称 ipdesk", "licences"]
    assert wrap_to_width("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]  # a word longer than a line
    assert wrap_to_width("", 10) == [""]


@given(st.text(alphabet=st.sampled_from(list("ab c-地理标志（）,")), max_size=200), st.integers(min_value=2, max_value=60))
def test_every_line_fits_and_nothing_but_spaces_is_lost(text: str, width: int) -> None:
    lines = wrap_to_width(text, width)
    assert all(display_width(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
