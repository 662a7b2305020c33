"""Typed input that holds no word at all (🌾🌾, １２３, ？？): nothing can be judged from it, so a wizard
refuses it with a message rather than answering confidently about nothing."""

from __future__ import annotations

import unicodedata

from ipdesk.domain.i18n import Text
from ipdesk.domain.text import char_category


def has_letters(text: str) -> bool:
    """True when the text holds a letter or a character of some script (汉字, Latin, 한글); digits, emoji,
    symbols and punctuation are not."""
    return any(char_category(ch).startswith("L") for ch in text)


def only_digits(text: str) -> bool:
    """Digits (half or full width), perhaps with spaces and punctuation, and no letter."""
    return not has_letters(text) and any(unicodedata.category(ch) == "Nd" for ch in text)


def brand_name_problem(name: str) -> Text | None:
    """Why a brand name cannot be checked: only digits (a bare number usually lacks distinctiveness, and
    this check reads words), or no letters or characters at all (emoji, symbols)."""
    if not name.strip() or has_letters(name):
        return None
    if only_digits(name):
        return Text("名称只有数字：单纯的数字通常缺乏显著特征，难以注册为商标，这里也无法检查。"
                    "请输入由汉字或字母组成的名称（可以带数字）。",
                    "The name is only digits: a bare number usually lacks distinctiveness and is hard to register, "
                    "and this check cannot judge it. Type a name in Chinese characters or letters (digits may be "
                    "part of it).")
    return Text("名称里没有汉字或字母，无法检查。请用汉字、拼音或英文字母输入名称（表情符号和其他符号无法判断）。",
                "The name has no Chinese characters or letters, so it cannot be checked. Type it in Chinese "
                "characters, pinyin or English letters (emoji and other symbols cannot be judged).")


def _wordless(text: str, problem: Text) -> Text | None:
    return problem if text.strip() and not has_letters(text) else None


def product_problem(product: str) -> Text | None:
    """Why a GI check's product cannot be looked up: no letters or characters (🌾, 123)."""
    return _wordless(product, Text(
        "产品名称里没有汉字或字母，无法查找。请用汉字或字母输入产品名称，例如 大米、rice。",
        "The product has no Chinese characters or letters, so it cannot be looked up. Type the product's "
        "name in characters or letters, e.g. 大米 or rice."))


def crop_problem(crop: str) -> Text | None:
    """Why a patent search's crop cannot be looked up: no letters or characters (😀, 123)."""
    return _wordless(crop, Text(
        "作物名称里没有汉字或字母，无法查找。请用汉字或字母输入作物或动物，例如 水稻、apple。",
        "The crop has no Chinese characters or letters, so it cannot be looked up. Type a crop or an "
        "animal in characters or letters, e.g. 水稻 or apple."))
