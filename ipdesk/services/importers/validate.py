"""Row validation: one rule per column type, the same for spreadsheet rows and XML documents.

A rule returns the stored form or a reason in both languages. Nothing is guessed: a number where
an identifier belongs, an Excel serial number where a date belongs, a code that does not exist —
each is reported with the row, column and value.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from ipdesk.domain.codes import (
    expand_division_code,
    expand_locarno_subclasses,
    format_ipc,
    is_locarno,
    normalize_ipc,
    normalize_locarno,
    wrong_check_digit,
)
from ipdesk.domain.i18n import Text, gi_category_zh
from ipdesk.domain.patent_finder import (
    FREE_STATUSES,
    IN_FORCE_STATUSES,
    PENDING_STATUSES,
    PatentRecord,
    status_doubt,
)
from ipdesk.domain.patent_status import (
    INVALIDATION_PENDING,
    invalidation_request,
    open_status,
    restored,
    side_event,
)
from ipdesk.domain.text import split_clauses
from ipdesk.domain.trademark_term import KNOWN_TM_STATUSES, trademark_status
from ipdesk.services.importers.cnipa_xml import ADDRESS_PARTS
from ipdesk.services.importers.regions import RegionResolver
from ipdesk.services.importers.rows import RawRow, RowError
from ipdesk.services.importers.templates import TEMPLATES, Column, Template

EXCEL_ERRORS = frozenset({"#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NUM!", "#NAME?", "#NULL!", "#SPILL!", "#CALC!"})
_MAX_EXACT = 10**15  # Excel keeps 15 significant digits
CN_PATENT_LAW_FROM = dt.date(1985, 4, 1)  # 《专利法》施行之日: CNIPA's first applications


class Invalid(Exception):
    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en


@dataclass(frozen=True)
class StatusDoubt:
    """A patent row whose legal status contradicts its own dates: imported as it is, with a warning
    (the patent finder shows it as 状态存疑, status in doubt)."""

    row: int
    where: str
    pub_no: str
    why: Text


@dataclass(frozen=True)
class CheckDigitSlip:
    """A row whose application number's check digit is not the one its digits give (a typo in the number or
    in the check digit): imported as written, with a warning naming the right digit."""

    row: int
    where: str
    app_no: str
    expected: str


@dataclass
class ColumnNotes:
    """Numbers accepted as identifiers, counted per column, reported once per file; patent rows whose
    status contradicts their dates, per file (the first few kept, all counted); legal statuses the
    import does not know (kept as written: the patent finder shows them as status unknown)."""

    numbers_as_ids: dict[tuple[str, str], int] = field(default_factory=dict)
    status_doubts: dict[str, list[StatusDoubt]] = field(default_factory=dict)
    status_doubt_counts: dict[str, int] = field(default_factory=dict)
    # per file: each legal status the import does not know, with the rows that give it
    unknown_statuses: dict[str, dict[str, list[int]]] = field(default_factory=dict)
    # the same for trademark rows (kept as written: the brand check counts them as live marks)
    unknown_tm_statuses: dict[str, dict[str, list[int]]] = field(default_factory=dict)

    # per file: application numbers with a wrong check digit (the first few kept, all counted)
    check_digit_slips: dict[str, list[CheckDigitSlip]] = field(default_factory=dict)
    check_digit_counts: dict[str, int] = field(default_factory=dict)

    def add_check_digit_slip(self, file: str, slip: CheckDigitSlip, keep: int = 5) -> None:
        self.check_digit_counts[file] = self.check_digit_counts.get(file, 0) + 1
        kept = self.check_digit_slips.setdefault(file, [])
        if len(kept) < keep:
            kept.append(slip)

    def add_status_doubt(self, file: str, doubt: StatusDoubt, keep: int = 5) -> None:
        self.status_doubt_counts[file] = self.status_doubt_counts.get(file, 0) + 1
        kept = self.status_doubts.setdefault(file, [])
        if len(kept) < keep:
            kept.append(doubt)


def display(raw: object) -> str:
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer() and abs(raw) < _MAX_EXACT:
        return str(int(raw))
    if isinstance(raw, dt.datetime):
        return raw.isoformat(sep=" ")
    if isinstance(raw, list):
        return "; ".join(str(x) for x in raw)
    text = str(raw)
    return text if len(text) <= 200 else text[:200] + "…"


def _text(raw: object) -> str:
    if type(raw) is str:  # most cells: skip the other checks
        text = raw.strip()
        if text in EXCEL_ERRORS:
            raise Invalid(f"单元格是 Excel 错误值 {text}", f"the cell holds the Excel error {text}")
        return text
    if raw is None:
        return ""
    if isinstance(raw, bool):
        return "TRUE" if raw else "FALSE"
    if isinstance(raw, float) and raw.is_integer() and abs(raw) < _MAX_EXACT:
        return str(int(raw))
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat() if raw.time() == dt.time() else raw.isoformat(sep=" ")
    if isinstance(raw, dt.date):
        return raw.isoformat()
    if isinstance(raw, list):
        return "; ".join(_text(x) for x in raw if _text(x))
    text = str(raw).strip()
    if text in EXCEL_ERRORS:
        raise Invalid(f"单元格是 Excel 错误值 {text}", f"the cell holds the Excel error {text}")
    return text


def _number_as_identifier(raw: float | int, digits_only: bool) -> str:
    """An identifier Excel stored as a number: accepted only when nothing can have been lost."""
    if isinstance(raw, float) and (not raw.is_integer() or abs(raw) >= _MAX_EXACT):
        raise Invalid(
            "编号被 Excel 存成了数字（超过 15 位或带小数），数字可能已丢失。请把该列设为“文本”格式后重新输入。",
            "the identifier was stored as a number by Excel (over 15 digits or a fraction); digits may be lost. "
            "Format the column as text and enter it again.",
        )
    if abs(int(raw)) >= _MAX_EXACT:
        raise Invalid("编号超过 15 位，Excel 已丢失精度。请把该列设为“文本”格式。",
                      "the identifier has more than 15 digits; Excel lost precision. Format the column as text.")
    if not digits_only:
        raise Invalid(
            "编号被存成了数字：前导零、字母或国别代码可能已丢失。请把该列设为“文本”格式后重新输入。",
            "the identifier was stored as a number: leading zeros, letters or the country code may be lost. "
            "Format the column as text and enter it again.",
        )
    return str(int(raw))


_SCI_RE = re.compile(r"^\d(\.\d+)?E\+\d+$", re.IGNORECASE)


def _check_scientific(text: str) -> None:
    if _SCI_RE.match(text):
        raise Invalid("编号是科学计数法（如 1.02E+14），数字已丢失。请在 Excel 中把该列设为“文本”后重新导出。",
                      "the identifier is in scientific notation (e.g. 1.02E+14); digits are lost. Format the "
                      "column as text in Excel and export again.")


_DATE_FORMATS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


# What a list writes for "no date" (CNIPA's exports say - or 暂无): empty, as a blank cell is.
_NO_DATE = frozenset(("-", "--", "—", "——", "/", "无", "暂无", "n/a", "na", "none", "null"))
# The years a date in an IP list can have: an earlier or later one is a placeholder (9999-12-31) or a slip
# (an Excel zero date is 1899-12-30), and a term reckoned from it would be wrong.
DATE_YEARS = (1900, 2199)
_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}
_CN_DATE_RE = re.compile(r"^([〇零○O一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$")


def _cn_number(text: str) -> int | None:
    """十二 → 12, 二十一 → 21, 三十 → 30, 五 → 5 (a month or a day in Chinese numerals); None otherwise."""
    if "十" not in text:
        return _CN_DIGITS.get(text) if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return None
    t = _CN_DIGITS.get(tens, -1) if tens else 1
    o = _CN_DIGITS.get(ones, -1) if ones else 0
    return None if t <= 0 or o < 0 else t * 10 + o


def _cn_date(text: str) -> tuple[int, int, int] | None:
    """二〇二〇年三月五日 → (2020, 3, 5); None when `text` is not written so."""
    m = _CN_DATE_RE.match(text)
    if not m:
        return None
    year = int("".join(str(_CN_DIGITS[c]) for c in m.group(1)))
    month, day = _cn_number(m.group(2)), _cn_number(m.group(3))
    return None if month is None or day is None else (year, month, day)


# An XML Schema date with its time zone, as WIPO ST.96 files may write it (2020-03-05+08:00, 2020-03-05Z):
# the day as written is that day where it was dated. A date-time with a zone is not a date: refused.
_ZONED_DATE_RE = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})(?:Z|[+-]\d{2}:\d{2})$")


def _without_zone(text: str) -> str:
    m = _ZONED_DATE_RE.match(text)
    return m.group(1) if m else text


def _in_years(day: dt.date) -> dt.date:
    if not DATE_YEARS[0] <= day.year <= DATE_YEARS[1]:
        raise Invalid(f"日期 {day.isoformat()} 不像真实日期（年份应在 {DATE_YEARS[0]}–{DATE_YEARS[1]} 之间），"
                      "可能是占位值或录入错误；没有日期请留空",
                      f"the date {day.isoformat()} is not a real one (the year should be {DATE_YEARS[0]}–"
                      f"{DATE_YEARS[1]}): a placeholder or a slip? Leave the cell empty when there is no date")
    return day


def parse_date(raw: object) -> dt.date | None:
    if raw is None or raw == "":
        return None
    if isinstance(raw, dt.datetime):
        return _in_years(raw.date())
    if isinstance(raw, dt.date):
        return _in_years(raw)
    if isinstance(raw, bool):
        raise Invalid("不是日期", "not a date")
    if isinstance(raw, int | float):
        if isinstance(raw, int) or raw.is_integer():
            text = str(int(raw))
            if len(text) == 8:
                return parse_date(text)
        raise Invalid(
            "日期是一个数字（可能是未设日期格式的 Excel 日期序号），无法确定是哪一天。请把单元格设为日期格式，或写成 2021-12-10。",
            "the date is a number (probably an Excel date serial in a cell without date format); the day "
            "cannot be known. Format the cell as a date or write 2021-12-10.",
        )
    # full-width digits and marks (２０２０．３．５) as ASCII; spaces around 年月日 (2020 年 3 月 5 日) dropped
    text = re.sub(r"\s*([年月日])\s*", r"\1", unicodedata.normalize("NFKC", _text(raw)))
    if not text or text.lower() in _NO_DATE:
        return None
    text = _without_zone(text)
    parts = _cn_date(text)
    for pattern in _DATE_FORMATS:
        m = pattern.match(text)
        if m:
            parts = (int(m.group(1)), int(m.group(2)), int(m.group(3)))
            break
    if parts is not None:
        try:
            day = dt.date(*parts)
        except ValueError:
            raise Invalid(f"没有这一天：{text}（月份或日期超出范围，如 2 月 30 日）",
                          f"there is no such day: {text} (the month or day is out of range, e.g. 30 February)") from None
        return _in_years(day)
    raise Invalid("日期无效或格式无法识别（应为 2021-12-10、2021/12/10、20211210 或 2021年12月10日）",
                  "invalid date or unknown form (use 2021-12-10, 2021/12/10, 20211210 or 2021年12月10日)")


_PARTIAL_RE = re.compile(r"^(\d{4})(?:[-/.年](\d{1,2})(?:[-/.月](\d{1,2})日?)?月?)?年?$")


def parse_partial_date(raw: object) -> str:
    if isinstance(raw, dt.date | dt.datetime):
        d = parse_date(raw)
        return d.isoformat() if d else ""
    if isinstance(raw, int) and 1000 <= raw <= 2999:
        return str(raw)
    if isinstance(raw, float) and raw.is_integer() and 1000 <= raw <= 2999:
        return str(int(raw))
    text = _text(raw) if not isinstance(raw, int | float) else ""
    if isinstance(raw, int | float) and not text:
        raise Invalid("日期是一个数字，无法确定是哪一天；请写成 2012、2012-06 或 2012-06-18",
                      "the date is a number; write 2012, 2012-06 or 2012-06-18")
    if not text:
        return ""
    if re.fullmatch(r"\d{8}", text):
        d = parse_date(text)
        return d.isoformat() if d else ""
    text = _without_zone(text)
    m = _PARTIAL_RE.match(text)
    if not m:
        raise Invalid("日期格式无法识别（应为 2012、2012-06 或 2012-06-18）",
                      "unknown date form (use 2012, 2012-06 or 2012-06-18)")
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if day:
            return dt.date(year, int(month or 1), int(day)).isoformat()
        if month:
            dt.date(year, int(month), 1)
            return f"{year:04d}-{int(month):02d}"
    except ValueError as exc:
        raise Invalid("日期无效", "invalid date") from exc
    return f"{year:04d}"


_SPLIT_RE = re.compile(r"[;；,，、|\n]+")
_PUB_RE = re.compile(r"^([A-Z]{2})(\d{5,15})([A-Z]\d?)$")
_APP_RE = re.compile(r"^([A-Z]{2})?(\d{8,15}[\dX]?)$")

_PATENT_KINDS = {
    "发明": "invention", "发明专利": "invention", "发明申请": "invention", "发明授权": "invention",
    "invention": "invention", "实用新型": "utility", "实用新型专利": "utility", "utility": "utility",
    "utilitymodel": "utility", "外观设计": "design", "外观设计专利": "design", "design": "design",
}
_PATENT_STATUS = {
    "审中": "pending", "在审": "pending", "审查": "pending", "审查中": "pending", "实质审查": "pending",
    "公开": "pending", "pending": "pending",
    "有效": "in_force", "授权": "in_force", "专利权维持": "in_force", "inforce": "in_force", "valid": "in_force",
    "届满": "expired", "期限届满": "expired", "expired": "expired",
    # 终止 is CNIPA's word for a patent right that ended early (专利权终止, mostly 未缴年费终止): lapsed
    "失效": "lapsed", "未缴年费": "lapsed", "终止": "lapsed", "专利权终止": "lapsed", "未缴年费终止": "lapsed",
    "lapsed": "lapsed", "terminated": "lapsed",
    # an application that never became a patent: refused, withdrawn or given up (视为… : deemed so)
    "驳回": "rejected", "rejected": "rejected", "撤回": "withdrawn", "视为撤回": "withdrawn", "withdrawn": "withdrawn",
    "放弃": "abandoned", "视为放弃": "abandoned", "abandoned": "abandoned",
    "无效": "invalidated", "全部无效": "invalidated", "宣告无效": "invalidated", "invalidated": "invalidated",
    # English lists' words for an ended right or application
    "ceased": "lapsed", "patentceased": "lapsed", "dead": "lapsed", "notinforce": "lapsed",
    "nolongerinforce": "lapsed", "revoked": "invalidated", "patentexpired": "expired",
    "deemedwithdrawn": "withdrawn", "withdrawnbyapplicant": "withdrawn", "refused": "rejected",
    "inexamination": "pending", "applicationpublished": "pending",
    "专利权全部无效": "invalidated", "宣告专利权全部无效": "invalidated", "宣告专利权无效": "invalidated",
}
# CNIPA's longer wordings, as its search sites print them (未缴年费专利权终止, 发明专利申请公布后的视为撤回,
# 专利权期限届满, 宣告专利权全部无效), read by their key word; the first that occurs decides (驳回 before 公布:
# a rejection after publication is a rejection). 部分无效 (partly invalidated) is read as in force: the
# patent stays in force on its remaining claims; nor is a bare 无效 (无效宣告请求: invalidation requested, the patent still in force), nor
# 无效宣告审查中 (a granted patent whose invalidation is examined is no pending application).
# Statuses that are not final (等待恢复, 复审, 避免重复授权放弃: `domain.patent_status`) are read first and
# kept as written.
_INVALIDATED_EN = re.compile(r"\b(?:invalidated|invalid|revoked)\b")
_PATENT_STATUS_WORDS = (
    ("全部无效", "invalidated"), ("宣告专利权无效", "invalidated"), ("宣告无效", "invalidated"), ("视为撤回", "withdrawn"), ("撤回", "withdrawn"), ("驳回", "rejected"), ("视为放弃", "abandoned"),
    # 届满前终止 (ended before its term ran, 专利法第四十四条) is a lapse; 期限届满(终止) an expiry
    ("放弃", "abandoned"), ("届满前", "lapsed"), ("期满前", "lapsed"), ("届满", "expired"), ("期满", "expired"),
    ("终止", "lapsed"), ("失效", "lapsed"),
    ("实质审查", "pending"), ("公布", "pending"), ("公开", "pending"), ("授权", "in_force"), ("维持", "in_force"),
    ("有效", "in_force"), ("审查中", "pending"), ("授予", "in_force"),
)
# The statuses the patent finder can place (free, in force or pending); any other is 'status unknown'.
KNOWN_PATENT_STATUSES = frozenset((*FREE_STATUSES, *IN_FORCE_STATUSES, *PENDING_STATUSES))


def patent_status(text: str) -> str:
    """The stored legal status a patent list's words mean (终止 → lapsed, 视为撤回 → withdrawn); the words
    as they are for a status that is not final (未缴年费专利权终止，等待恢复: the finder treats the patent as
    in force and shows the words) or that means none (the import warns: `Validator.unknown_statuses`)."""
    folded = _fold_word(text)
    if not folded:
        return ""
    if open_status(text) is not None:
        return text.strip()
    if restored(text):  # 权利恢复, 专利权的恢复: in force again (not 等待恢复)
        return "in_force"
    # events beside the right, not its status (a licence or a pledge recorded or ended, a preservation, a
    # priority claim withdrawn: 终止 / 失效 / 撤回 in them had read as the right's end): the line is read
    # without them (专利权终止，质押登记注销 is a lapse), or kept as written when it holds nothing else, so
    # the import says it cannot place it
    if side_event(text):
        rest = [c for c in split_clauses(text) if not side_event(c)]
        return patent_status("，".join(rest)) if rest else text.strip()
    # an invalidation requested leaves the patent in force: pending, or ended without a decision
    if (request := invalidation_request(text)) is not None:
        return INVALIDATION_PENDING if request == "pending" else "in_force"
    if _INVALIDATED_EN.search(text.lower()):  # invalidated, invalid, revoked: a decision, in English
        return "invalidated"
    known = _PATENT_STATUS.get(folded) or _PATENT_STATUS.get(text)
    if known:
        return known
    if folded.replace("-", "_") in KNOWN_PATENT_STATUSES:
        return folded
    if text.lower().replace(" ", "_") in KNOWN_PATENT_STATUSES:
        return text.lower().replace(" ", "_")
    if "部分无效" in folded:  # partly invalidated: the patent stays in force on its remaining claims
        return "in_force"
    for word, code in _PATENT_STATUS_WORDS:
        if word in folded and not (code == "pending" and "无效" in folded):
            return code
    return text


def stored_patent_status(value: object) -> object:
    """A legal status that did not come through this import (a data update from a publisher on an
    older version, a backup's record made by one: 无效, 未缴年费专利权终止 as written) read the way the
    import reads it, so that the same patent is stored the same way whichever way it came. Anything
    that is not text is left as it is."""
    return patent_status(value.strip()) if isinstance(value, str) else value
_TM_KINDS = {
    "普通": "ordinary", "普通商标": "ordinary", "ordinary": "ordinary", "trademark": "ordinary",
    "集体": "collective", "集体商标": "collective", "collective": "collective",
    "证明": "certification", "证明商标": "certification", "certification": "certification",
}
_GI_KINDS = {
    "地理标志产品": "gi_product", "地理标志保护产品": "gi_product", "giproduct": "gi_product", "gi_product": "gi_product",
    "地理标志证明商标": "gi_certification_mark", "gi_certification_mark": "gi_certification_mark",
    "gicertificationmark": "gi_certification_mark", "证明商标": "gi_certification_mark",
    "地理标志集体商标": "gi_collective_mark", "gi_collective_mark": "gi_collective_mark",
    "gicollectivemark": "gi_collective_mark", "集体商标": "gi_collective_mark",
    "农产品地理标志": "agi", "agi": "agi", "agriculturalproductgi": "agi",
}


def _fold_word(text: str) -> str:
    return re.sub(r"[\s_\-]", "", text.lower())


def _enum(raw: object, table: dict[str, str], zh_choices: str, en_choices: str) -> str:
    text = _text(raw)
    if not text:
        return ""
    value = table.get(_fold_word(text)) or table.get(text)
    if value is None:
        raise Invalid(f"无法识别的取值（应为 {zh_choices}）", f"unknown value (use {en_choices})")
    return value


def _patent_class(token: str) -> str | None:
    """An IPC symbol's or a design's Locarno class's stored form (A01G0009000000, 09-05); None for neither."""
    return normalize_ipc(token) or normalize_locarno(token)


def _patent_classes(raw: object) -> str:
    """A patent's classification column: IPC symbols (inventions and utility models) or Locarno classes
    (designs: CNIPA's lists give them in the same 分类号 column), space-separated in their stored forms,
    main first. Which scheme fits the patent's kind is checked with the whole row (`_check_class_scheme`)."""
    if isinstance(raw, int | float) and not isinstance(raw, bool) and abs(raw) < 1000:
        raise Invalid("分类号被存成了数字，前导零已丢失（如外观设计分类号 0905 变成 905）。请把该列设为“文本”后写成 09-05。",
                      "the class was stored as a number and lost its leading zero (the Locarno class 0905 became "
                      "905). Format the column as text and write 09-05.")
    items = raw if isinstance(raw, list) else [raw]
    tokens = [t for item in items for t in _SPLIT_RE.split(expand_locarno_subclasses(_text(item)))]
    codes: list[str] = []
    for token in (_text(t) for t in tokens):
        if not token:
            continue
        code = _patent_class(token)
        parts = [_patent_class(p) for p in token.split()] if code is None else [code]
        if not parts or any(p is None for p in parts):
            raise Invalid(f"分类号 {token} 无法识别（发明、实用新型填 IPC 分类号，如 A01G 9/00；外观设计填洛迦诺分类号，"
                          "如 09-05，类别为 01–32）",
                          f"unknown class {token} (an invention or utility model takes an IPC symbol, e.g. A01G 9/00; "
                          "a design a Locarno class, e.g. 09-05, class 01–32)")
        codes.extend(p for p in parts if p)
    return " ".join(dict.fromkeys(codes))


class Validator:
    """Validates raw rows into records for the merge. Holds the set of division codes (for
    'division codes that exist') and a resolver that derives a region code from an address."""

    def __init__(self, division_codes: set[str], region_of: RegionResolver, default_as_of: dt.date) -> None:
        self.division_codes = division_codes
        self.region_of = region_of
        self.default_as_of = default_as_of
        self.today = dt.date.today()  # a file's own as-of date may not be later (`_check_as_of`)
        self.notes = ColumnNotes()

    # -- per column type ---------------------------------------------------------------------

    def _identifier(self, raw: object, col: Column, file: str, digits_only: bool) -> str:
        if isinstance(raw, bool):
            raise Invalid("不是编号", "not an identifier")
        if isinstance(raw, int | float):
            text = _number_as_identifier(raw, digits_only)
            key = (file, col.zh)
            self.notes.numbers_as_ids[key] = self.notes.numbers_as_ids.get(key, 0) + 1
            return text
        # full-width digits and letters (ＣＮ１１４０００００５Ａ, an IME in full-width mode) as the registers write them
        text = unicodedata.normalize("NFKC", _text(raw))
        _check_scientific(text)
        return text

    def _division(self, text: str) -> str:
        code = expand_division_code(unicodedata.normalize("NFKC", text))
        if code is None:
            raise Invalid(f"行政区划代码 {text} 格式不对（应为 2、4、6、9 或 12 位数字）",
                          f"division code {text} is malformed (use 2, 4, 6, 9 or 12 digits)")
        if code not in self.division_codes:
            raise Invalid(f"行政区划代码 {text} 不存在", f"there is no division with code {text}")
        return code

    def value(self, col: Column, raw: object, file: str) -> object:
        f = col.ftype
        if f == "text":
            if col.name == "category":  # a GI category written in English (Tea) is stored as the lists name it (茶叶)
                return gi_category_zh(_text(raw))
            return _text(raw)
        if f == "names":
            if isinstance(raw, list):
                return "; ".join(n for n in (_text(x) for x in raw) if n)
            return "; ".join(p.strip() for p in _SPLIT_RE.split(_text(raw)) if p.strip())
        if f == "date":
            return parse_date(raw)
        if f == "partial_date":
            return parse_partial_date(raw)
        if f == "pub_no":
            text = re.sub(r"[\s.\-]", "", self._identifier(raw, col, file, digits_only=False)).upper()
            if not text:
                return ""
            if re.fullmatch(r"\d{5,15}[A-Z]\d?", text):
                text = "CN" + text
            if not _PUB_RE.match(text):
                raise Invalid("公开号格式不对：应带文献种类代码，如 CN123456789A",
                              "malformed publication number: it needs a kind code, e.g. CN123456789A")
            return text
        if f == "app_no":
            text = re.sub(r"[\s\-]", "", self._identifier(raw, col, file, digits_only=False)).upper()
            if not text:
                return ""
            m = _APP_RE.match(text.replace(".", ""))
            if not m:
                raise Invalid("申请号格式不对（如 202110000000.1）", "malformed application number (e.g. 202110000000.1)")
            digits = m.group(2)
            if len(digits) in (9, 13):  # 8 or 12 digits and a check character: CNIPA writes it after a dot
                digits = f"{digits[:-1]}.{digits[-1]}"
            return (m.group(1) or "CN") + digits
        if f == "patent_kind":
            return _enum(raw, _PATENT_KINDS, "发明、实用新型、外观设计", "invention, utility model, design")
        if f == "patent_status":
            return patent_status(_text(raw))
        if f == "tm_status":
            return trademark_status(_text(raw))
        if f == "ipc_list":
            return _patent_classes(raw)
        if f == "division":
            text = self._identifier(raw, col, file, digits_only=True)
            return self._division(text) if text else ""
        if f == "division_list":
            if isinstance(raw, int | float) and not isinstance(raw, bool):
                tokens = [self._identifier(raw, col, file, digits_only=True)]
            else:
                tokens = [t for t in re.split(r"[\s;；,，、|]+", _text(raw)) if t]
            return [self._division(t) for t in dict.fromkeys(tokens)]
        if f in ("tm_no", "tm_no_optional"):
            text = re.sub(r"\s", "", self._identifier(raw, col, file, digits_only=True)).upper()
            if text and not re.fullmatch(r"[A-Z]?\d{1,12}", text):
                raise Invalid("商标注册号格式不对（应为数字，国际注册可带字母前缀）",
                              "malformed registration number (digits; an international one may have a letter prefix)")
            return text
        if f == "nice_class":
            if isinstance(raw, float) and raw.is_integer():
                raw = int(raw)
            text = unicodedata.normalize("NFKC", _text(raw))  # ０３０ as 030
            m = re.fullmatch(r"(?:第)?\s*0*(\d{1,2})\s*(?:类)?", text)
            if not text:
                return None
            if not m or not 1 <= int(m.group(1)) <= 45:
                raise Invalid("尼斯分类应为 1–45 的类别号", "the Nice class must be a number from 1 to 45")
            return int(m.group(1))
        if f == "groups":
            if isinstance(raw, int) or (isinstance(raw, float) and raw.is_integer()):
                if not 1000 <= int(raw) <= 9999:
                    raise Invalid("类似群代码被存成了数字，前导零已丢失（如 0101 变成 101）。请把该列设为“文本”。",
                                  "the similar-group code was stored as a number and lost its leading zero "
                                  "(0101 became 101). Format the column as text.")
                return str(int(raw))
            tokens = [t for t in re.split(r"[\s;；,，、|]+", _text(raw)) if t]
            for t in tokens:
                if not re.fullmatch(r"\d{4}", t):
                    raise Invalid(f"类似群代码 {t} 应为 4 位数字", f"similar-group code {t} must have 4 digits")
            return " ".join(dict.fromkeys(tokens))
        if f == "tm_kind":
            return _enum(raw, _TM_KINDS, "普通、集体、证明", "ordinary, collective, certification")
        if f == "gi_kind":
            return _enum(raw, _GI_KINDS, "地理标志产品、地理标志证明商标、地理标志集体商标、农产品地理标志",
                         "GI product, GI certification mark, GI collective mark, agricultural-product GI")
        if f == "agi_no":
            if isinstance(raw, int | float) and not isinstance(raw, bool):
                raise Invalid("农产品地理标志编号应为 AGI 加 5 位数字（如 AGI00001），不是纯数字",
                              "an AGI number is AGI and 5 digits (e.g. AGI00001), not a plain number")
            text = re.sub(r"\s", "", _text(raw)).upper()
            if text and not re.fullmatch(r"AGI\d{5}", text):
                raise Invalid("农产品地理标志编号应为 AGI 加 5 位数字（如 AGI00001）",
                              "an AGI number is AGI and 5 digits (e.g. AGI00001)")
            return text
        if f == "ident":
            return self._identifier(raw, col, file, digits_only=True)
        raise AssertionError(f"unknown column type {f}")

    # -- a whole row ---------------------------------------------------------------------------

    def row(self, raw: RawRow) -> tuple[dict[str, object] | None, list[RowError]]:
        template = TEMPLATES[raw.kind]
        errors = list(raw.errors)
        out: dict[str, object] = {}

        def err(column: str, value: object, zh: str, en: str) -> None:
            errors.append(RowError(raw.file, raw.row, column, display(value), zh, en, raw.where))

        for col in template.columns:
            if col.name not in raw.values and not col.required:
                continue  # a column the file does not have: the store keeps what it holds
            value = raw.values.get(col.name)
            try:
                out[col.name] = self.value(col, value, raw.file)
            except Invalid as exc:
                err(col.zh, value, exc.zh, exc.en)
                out[col.name] = None
                continue
            if col.required and out[col.name] in (None, "", []) and not any(e.column == col.zh for e in errors):
                err(col.zh, value, "必填项为空", "required value is missing")  # once: not after the reader's reason
        self._check_as_of(raw, out, template, err)
        if errors:
            return None, errors
        self._complete(raw.kind, out, template, err, raw.values.get(ADDRESS_PARTS))
        if errors:
            return None, errors
        if raw.kind == "patent":
            self._check_class_scheme(out, template, err)
            self._check_filing_date(out, template, err)
            if errors:
                return None, errors
            self._check_status_dates(raw, out)
            app_no = str(out.get("app_no") or "")
            expected = wrong_check_digit(app_no)
            if expected is not None:  # a warning, not a refusal: the rest of the row is still of use
                self.notes.add_check_digit_slip(raw.file, CheckDigitSlip(raw.row, raw.where, app_no, expected))
            status = str(out.get("legal_status") or "")
            if status and status not in KNOWN_PATENT_STATUSES and open_status(status) is None:
                self.notes.unknown_statuses.setdefault(raw.file, {}).setdefault(status, []).append(raw.row)
        elif raw.kind == "trademark":
            self._check_groups_of_class(out, template, err)
            if errors:
                return None, errors
            status = str(out.get("status") or "")
            if status and status not in KNOWN_TM_STATUSES:
                self.notes.unknown_tm_statuses.setdefault(raw.file, {}).setdefault(status, []).append(raw.row)
        return out, []

    def _check_as_of(self, raw: RawRow, out: dict[str, object], template: Template,
                     err: Callable[[str, object, str, str], None]) -> None:
        """An as-of date after today is refused, as `--as-of` and the window's date box are: data cannot
        be as of a later day, and a wrong clock is said so it can be corrected. A list's is its 截至日期
        column; an XML's is the date the file was produced or the record published (CNIPA's dateProduced
        or publication date, ST.96's publication, registration or status date), said as such."""
        as_of = out.get("as_of")
        if isinstance(as_of, dt.date) and as_of > self.today:
            read = (as_of.date() if isinstance(as_of, dt.datetime) else as_of).isoformat()
            today = self.today.isoformat()
            what_zh, what_en = (("截至日期", "the as-of date") if raw.from_list else
                                ("文件所记的日期", "the file's date"))
            taken_zh, taken_en = (" ", "") if raw.from_list else ("（用作数据截至日期）", " (taken as the data's as-of date)")
            err(template.column("as_of").zh, raw.values.get("as_of"),
                f"{what_zh} {read}{taken_zh}晚于今天（本机日期 {today}）：数据不可能截至以后的日期。"
                "如果本机日期不对，请先改正",
                f"{what_en} {read}{taken_en} is later than today ({today} by this computer's "
                "clock): data cannot be as of a later day. If the computer's date is wrong, correct it first")

    def _check_groups_of_class(self, out: dict[str, object], template: Template,
                               err: Callable[[str, object, str, str], None]) -> None:
        """A similar group belongs to one class, named by its first two digits (3008 is class 30's). One of
        another class (a typo: 3400 for 3004) would have the brand check compare an identical mark as other
        goods ("usually not similar"), so it is refused, as `brand-check --group` refuses it."""
        nice_class, groups = out.get("nice_class"), str(out.get("similar_groups") or "")
        if not isinstance(nice_class, int):
            return
        wrong = [g for g in groups.split() if int(g[:2]) != nice_class]
        if wrong:
            listed = "、".join(wrong)
            err(template.column("similar_groups").zh, groups,
                f"类似群 {listed} 不属于第{nice_class}类（第{nice_class}类的类似群以 {nice_class:02d} 开头）；请核对类别和类似群",
                f"similar group {', '.join(wrong)} is not in class {nice_class} (class {nice_class}'s groups begin "
                f"with {nice_class:02d}); check the class and the groups")

    def _check_class_scheme(self, out: dict[str, object], template: Template,
                            err: Callable[[str, object, str, str], None]) -> None:
        """A design is classed by Locarno (09-05), an invention or utility model by IPC (A01G 9/00): a class of
        the other scheme is a slip in the kind or the class (or a column of another list) and would file the
        patent where no search for its kind looks, so the row is refused with both named."""
        kind, codes = str(out.get("kind") or ""), str(out.get("ipc_codes") or "").split()
        if kind == "design":
            wrong = [format_ipc(c) for c in codes if not is_locarno(c)]
            if wrong:
                listed = "、".join(wrong)
                err(template.column("ipc_codes").zh, " ".join(wrong),
                    f"外观设计专利的分类号是洛迦诺分类号（如 09-05），{listed} 是 IPC 分类号（发明、实用新型用）；"
                    "请核对专利类型和分类号",
                    f"a design is classed by Locarno (e.g. 09-05); {', '.join(wrong)} is an IPC symbol (for inventions "
                    "and utility models): check the patent kind and the class")
        elif kind in ("invention", "utility"):
            wrong = [c for c in codes if is_locarno(c)]
            if wrong:
                listed = "、".join(wrong)
                what = "发明" if kind == "invention" else "实用新型"
                err(template.column("ipc_codes").zh, " ".join(wrong),
                    f"{listed} 是外观设计的洛迦诺分类号，{what}专利的分类号是 IPC 分类号（如 A01G 9/00）；请核对专利类型和分类号",
                    f"{', '.join(wrong)} is a design's Locarno class; an invention or utility model is classed by IPC "
                    "(e.g. A01G 9/00): check the patent kind and the class")

    def _check_filing_date(self, out: dict[str, object], template: Template,
                           err: Callable[[str, object, str, str], None]) -> None:
        """Refuse a Chinese patent's filing date before 1985-04-01, when the Patent Law took effect and
        CNIPA took its first applications: no term reckoned from it can be right. (A filing date after the
        as-of date is warned about with the status doubts: a computer clock set a year behind must not
        refuse fresh data.)"""
        filing = out.get("filing_date")
        if (isinstance(filing, dt.date) and filing < CN_PATENT_LAW_FROM
                and str(out.get("pub_no") or "").upper().startswith("CN")):
            err(template.column("filing_date").zh, filing.isoformat(),
                f"申请日早于 {CN_PATENT_LAW_FROM.isoformat()}（《专利法》施行、开始受理专利申请之日），中国专利不可能在此之前申请；"
                "请核对原始数据",
                f"the filing date is before {CN_PATENT_LAW_FROM.isoformat()}, when China's Patent Law took effect and "
                "the first applications were filed; check the source")

    def _check_status_dates(self, raw: RawRow, out: dict[str, object]) -> None:
        """Warn (never reject) when the legal status contradicts the dates as of the data's date:
        届满 with a term still running, 有效 after the expiry date or after a utility model's or design's
        whole term or an invention granted before 2021-06-01 after its 20 years (no compensation for a delayed grant),
        an expiry before the filing."""
        as_of = out.get("as_of")
        filing, expiry, grant = out.get("filing_date"), out.get("expiry_date"), out.get("grant_date")
        record = PatentRecord(
            0, str(out.get("pub_no") or ""), str(out.get("title") or ""), kind=str(out.get("kind") or ""),
            legal_status=str(out.get("legal_status") or ""),
            filing_date=filing if isinstance(filing, dt.date) else None,
            expiry_date=expiry if isinstance(expiry, dt.date) else None,
            grant_date=grant if isinstance(grant, dt.date) else None,
        )
        why = status_doubt(record, as_of if isinstance(as_of, dt.date) else self.default_as_of)
        if why is not None:
            self.notes.add_status_doubt(raw.file, StatusDoubt(raw.row, raw.where, record.pub_no, why))

    def _complete(self, kind: str, out: dict[str, object], template: Template,
                  err: Callable[[str, object, str, str], None], address_parts: object = None) -> None:
        """Fill what follows from other columns: patent kind from the kind code, GI kind from its
        numbers, region from the address (or from the divisions a CNIPA XML files it under, when more
        precise: `address_parts`), the as-of date from the import."""
        if kind == "patent":
            if not out.get("kind"):
                from ipdesk.services.importers.cnipa_xml import patent_kind

                pub = str(out["pub_no"])
                m = _PUB_RE.match(pub)
                out["kind"] = patent_kind(m.group(3) if m else "", str(out.get("app_no") or ""))
                if not out["kind"]:
                    err(template.column("kind").zh, "", "无法判断专利类型，请填写“专利类型”列",
                        "the patent kind cannot be told; fill in the kind column")
            if not out.get("region_code"):
                region = self.region_of(str(out["address"])) if out.get("address") else ""
                if isinstance(address_parts, list) and address_parts:
                    region = self.region_of.refine(region, [str(p) for p in address_parts])
                if region or out.get("address"):
                    out["region_code"] = region
        elif kind == "trademark":
            if "kind" in out and not out["kind"]:
                out["kind"] = "ordinary"
            if not out.get("region_code") and out.get("owner_address"):
                out["region_code"] = self.region_of(str(out["owner_address"]))
        elif kind == "gi":
            if not out.get("kind"):
                if out.get("agi_no"):
                    out["kind"] = "agi"
                elif out.get("tm_reg_no"):
                    out["kind"] = "gi_certification_mark"
                else:
                    err(template.column("kind").zh, "", "必填项为空：请写明地理标志类型",
                        "required value is missing: state the kind of GI")
            if "status" in out and not out["status"]:
                out["status"] = "protected"
        for name, value in list(out.items()):
            if value is None and name not in ("as_of",) and template.column(name).ftype not in ("date", "nice_class"):
                out[name] = ""
        if out.get("as_of") is None:
            out["as_of"] = self.default_as_of
