"""Identifiers: IPC symbols, patent and trademark numbers, division codes.

Each has one stored form and the forms people type; search keys are made from the stored form.
"""

from __future__ import annotations

import re
import unicodedata

_IPC_RE = re.compile(r"^\s*([A-H])\s*(\d{2})\s*([A-Z])\s*(?:(\d{1,4})\s*/\s*(\d{1,6}))?\s*$", re.IGNORECASE)
_IPC14_RE = re.compile(r"^([A-H]\d{2}[A-Z])(\d{4})(\d{6})$", re.IGNORECASE)


def normalize_ipc(text: str) -> str | None:
    """'A01G 9/00', 'a01g9/00', 'A01G0009000000' → 'A01G0009000000'; 'A01G' → 'A01G'; else None.

    The 14-character form is CNIPA's: subclass, main group right-aligned in 4 digits,
    subgroup left-aligned in 6 digits (9/024 → 0009 024000).
    """
    t = text.strip().upper()
    m14 = _IPC14_RE.match(t.replace(" ", ""))
    if m14:
        return m14.group(1) + m14.group(2) + m14.group(3)
    m = _IPC_RE.match(t)
    if not m:
        return None
    subclass = f"{m.group(1)}{m.group(2)}{m.group(3)}".upper()
    if m.group(4) is None:
        return subclass
    return f"{subclass}{int(m.group(4)):04d}{m.group(5).ljust(6, '0')[:6]}"


def format_ipc(code: str) -> str:
    """'A01G0009000000' → 'A01G 9/00'; a subclass or anything else is returned as is."""
    m = _IPC14_RE.match(code)
    if not m:
        return code
    group = int(m.group(2))
    sub = m.group(3).rstrip("0")
    sub = sub.ljust(2, "0")
    return f"{m.group(1).upper()} {group}/{sub}"


_IPC_MAIN_GROUP_RE = re.compile(r"^\s*([A-H])\s*(\d{2})\s*([A-Z])\s*(\d{1,4})\s*/?\s*$", re.IGNORECASE)


def ipc_main_group_key(text: str) -> str | None:
    """A main group typed without its '/00' ('A01G 9', 'a01g9', 'A01G 9/') in the stored form's prefix:
    'A01G0009'; None for anything else."""
    m = _IPC_MAIN_GROUP_RE.match(text)
    return f"{m.group(1)}{m.group(2)}{m.group(3)}{int(m.group(4)):04d}".upper() if m else None


def ipc_prefix_key(code: str) -> str:
    """The stored-form prefix that every symbol at or below `code` starts with:
    'A01D' → 'A01D'; 'A01C 21/00' → 'A01C0021'; 'A01G 9/02' → 'A01G000902' (9/02, 9/021, 9/024 …);
    'A01G 9' (a main group without '/00') → 'A01G0009'.
    Only the subgroup's trailing zeros go: 'A01G 10/00' must not become 'A01G001' (10–19)."""
    norm = (normalize_ipc(code) or ipc_main_group_key(code) or code.replace(" ", "")).upper()
    m = _IPC14_RE.match(norm)
    if not m:
        return norm
    return m.group(1) + m.group(2) + m.group(3).rstrip("0")


def ipc_subclass(code: str) -> str:
    return code[:4].upper()


def ipc_main_group(code: str) -> str:
    """'A01G0009020000' → 'A01G0009000000' (the main group the symbol belongs to)."""
    m = _IPC14_RE.match(code)
    return f"{m.group(1).upper()}{m.group(2)}000000" if m else code


# A design's Locarno class (外观设计分类号), as CNIPA's lists and XML write it: 09-05, 09–05, LOC(14) Cl. 09-05,
# LOC (13) Cl. 09-05, Cl. 9-5, 09.05, 0905, 09 05. Class 01–32, subclass two digits (32-00 has none but 00); after
# a dot the subclass must have both (9.1 may be the number 9.10 with its zero dropped). The edition is not kept:
# the stored form is the class alone, as every reader of `Patent.ipc_codes` and a list without editions have it.
_LOCARNO_RE = re.compile(
    r"^(?:LOC\s*(?:\(\s*\d{1,2}\s*\))?\s*)?(?:CL\s*\.?\s*)?"
    r"(?:(\d{1,2})\s*(?:[-\u2010-\u2014\u2212]\s*(\d{1,2})|\.\s*(\d{2}))|(\d{2})\s*(\d{2}))$",
    re.IGNORECASE,
)
_LOCARNO_STORED_RE = re.compile(r"^(\d{2})-(\d{2})$")
LOCARNO_CLASSES = range(1, 33)
# The classes with no subclasses but 00 (31-00 machines for preparing food or drink, n.e.s.; 32-00 graphic
# symbols and logos): every other class's subclasses begin at 01, so '10.00' is a number, not class 10.
LOCARNO_UNDIVIDED = frozenset((31, 32))
# WIPO's way to write several subclasses of one class: 'LOC (14) Cl. 08-05, 08; 11-01' (08-05, 08-08, 11-01)
_LOCARNO_SUBCLASS_LIST = re.compile(
    r"(?<![\d\-.])(\d{1,2})\s*[-\u2010-\u2014\u2212]\s*\d{1,2}"
    r"(?:\s*,\s*\d{1,2}(?!\s*[\d.\-\u2010-\u2014\u2212/]))+")


# The kind codes of CNIPA's grant announcements (B, C: an invention granted; U, Y: a utility model; S, D: a
# design): utility models and designs are published only at grant, an invention first as an application (A).
GRANT_KIND_CODES = frozenset("BCUYSD")
_GRANT_NUMBER = re.compile(r"^CN\d+([A-Z])\d?$")


def granted_number(pub_no: str) -> bool:
    """Whether a publication number is a Chinese grant announcement's (CN…B, CN…U, CN…S): the record is a
    patent, not an application, whatever its status says since (放弃 of a granted right is a lapse)."""
    m = _GRANT_NUMBER.match("".join(pub_no.split()).upper())
    return m is not None and m.group(1) in GRANT_KIND_CODES


def normalize_locarno(text: str) -> str | None:
    """'09-05', '09–05', 'LOC(14) Cl. 09-05', '09.05', '0905', '０９－０５' → '09-05' (the stored form); None for
    anything else.

    Stored beside IPC symbols (`Patent.ipc_codes`, a design's only classification) it cannot be taken for
    one: an IPC symbol begins with a letter, a Locarno class with a digit."""
    t = unicodedata.normalize("NFKC", text).strip()
    m = _LOCARNO_RE.match(t)
    if not m:
        return None
    klass, sub = (m.group(1), m.group(2) or m.group(3)) if m.group(1) else (m.group(4), m.group(5))
    if int(klass) not in LOCARNO_CLASSES or (int(sub) == 0) != (int(klass) in LOCARNO_UNDIVIDED):
        return None
    return f"{int(klass):02d}-{int(sub):02d}"


def expand_locarno_subclasses(text: str) -> str:
    """'08-05, 08; 11-01' → '08-05, 08-08; 11-01': the subclasses WIPO writes after a class's first one,
    separated by commas, each given its class, so that a split on commas keeps them (a lone '08' is no class)."""
    def one(m: re.Match[str]) -> str:
        first, *more = (part.strip() for part in m.group(0).split(","))
        return ", ".join([first, *(f"{m.group(1)}-{sub}" for sub in more)])

    return _LOCARNO_SUBCLASS_LIST.sub(one, unicodedata.normalize("NFKC", text))


def is_locarno(code: str) -> bool:
    """A stored class that is a Locarno class ('09-05'), not an IPC symbol."""
    return bool(_LOCARNO_STORED_RE.match(code))


def format_patent_class(code: str) -> str:
    """A stored patent class as a list shows it beside others: 'A01G 9/00' for IPC, 'LOC 09-05' for a
    design's Locarno class (never read as IPC)."""
    return f"LOC {code}" if is_locarno(code) else format_ipc(code)


def patent_class_keys(code: str) -> list[str]:
    """A stored class's search keys: an IPC symbol and its subclass; a Locarno class as typed without
    its dash (09-05 → 0905, as the query is compacted) and with LOC (loc0905)."""
    if is_locarno(code):
        digits = code.replace("-", "")
        return [digits, "loc" + digits]
    return [code.lower(), ipc_subclass(code).lower()]


# CNIPA's check digit of an application number: the 12 digits (since 2003; 8 before) weighted 2, 3, …, 9, 2,
# 3, 4, 5 in turn, summed, mod 11; 10 is written X (202111286633.X, 200880114428.1).
_CHECK_WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)
_CN_APP_RE = re.compile(r"^(?:CN)?(\d{12}|\d{8})\.?([\dX])$", re.IGNORECASE)


def application_check_digit(digits: str) -> str | None:
    """The check digit of a Chinese application number's 12 (or, before 2003, 8) digits: '0'–'9' or 'X';
    None for anything else."""
    if len(digits) not in (8, 12) or not digits.isascii() or not digits.isdigit():
        return None
    rest = sum(int(d) * w for d, w in zip(digits, _CHECK_WEIGHTS, strict=False)) % 11
    return "X" if rest == 10 else str(rest)


def wrong_check_digit(app_no: str) -> str | None:
    """The check digit a Chinese application number written with one (CN202110000000.1, 99100123.0) should
    have, when it has another; None when it is right or there is none to check."""
    m = _CN_APP_RE.match(app_no.strip())
    if not m:
        return None
    expected = application_check_digit(m.group(1))
    return expected if expected is not None and expected != m.group(2).upper() else None


_PUB_RE = re.compile(r"^(CN)?\s*(\d{7,15})\s*([A-Z]\d?)?$", re.IGNORECASE)


def normalize_patent_number(text: str) -> str:
    """'CN 102015000481495 A' → 'CN102015000481495A'; keeps what it does not understand, upper-cased,
    without spaces and dots."""
    t = re.sub(r"[\s.]", "", text).upper()
    return t


def patent_number_keys(number: str) -> list[str]:
    """Search keys for a publication or application number: with and without country code and kind code."""
    t = normalize_patent_number(number).lower()
    if not t:
        return []
    keys = [t]
    m = re.match(r"^([a-z]{2})?(\d+[x\d]*)([a-z]\d?)?$", t)
    if m:
        digits = m.group(2)
        keys.append(digits)
        if m.group(1):
            keys.append(m.group(1) + digits)
    return list(dict.fromkeys(keys))


# The office a patent document's number begins with: two letters, then its digits (US9900001B2, EP…,
# JP…, WO2099000001A1 for a PCT application, CN…). ZL is a Chinese certificate number, not an office.
_OFFICE_RE = re.compile(r"^([A-Z]{2})\d")


def foreign_patent_office(number: str) -> str | None:
    """The office code of a publication or application number that is not a Chinese one ('US' for
    US9900001B2, 'WO' for a PCT application WO2099000001A1), or None for a Chinese number (CN…, a
    certificate number ZL…, or digits alone, which the import reads as CN) and for an empty one.
    Patent rights are territorial: only a CN number is a right or an application in China."""
    m = _OFFICE_RE.match(normalize_patent_number(number))
    if m is None or m.group(1) in ("CN", "ZL"):
        return None
    return m.group(1)


# A patent certificate number: ZL, the application number, its dot and check digit (ZL209910012345.6,
# ZL 2099 1 0012345.6; old ones ZL96123456.7); compacted and lower-cased.
_ZL_RE = re.compile(r"^zl(\d{8,12}[\dx]?)$")
# A CN publication number with its kind code (cn999012345b), or its digits and kind code alone (999012345b:
# the import template reads digits and a kind code as CN).
_CN_PUB_RE = re.compile(r"^(cn)?(\d{7,12})([a-z]\d?)$")


# AGI01459 typed without its leading zero (agi1459), or its five digits alone (01459: no division, trademark
# or patent number is five digits starting with 0)
_AGI_RE = re.compile(r"^(?:agi)(\d{1,5})$|^(0\d{4})$")


def code_query_forms(text: str) -> list[str]:
    """Forms of a typed identifier to look up as key prefixes: IPC in its 14-char form,
    numbers without spaces, dots or dashes; a certificate number (ZL…) as its application number, and
    a publication number's digits and kind code without CN as the CN number."""
    forms: list[str] = []
    ipc = normalize_ipc(text)
    if ipc:
        forms.append(ipc.lower())
    # the symbols at or below it, as the IPC filter reads them: a main group typed (A01G 9/00, or A01G 9
    # without '/00') also finds the patents filed under its subgroups (A01G 9/14)
    if ipc or ipc_main_group_key(text):
        forms.append(ipc_prefix_key(text).lower())
    # Numbers are typed with spaces, dots, dashes and slashes (CN 1020 1500 0481 495, A01G 9/00); other
    # punctuation (2,4-D, pH=7, 1+1=2) is no identifier: its parts are not one number.
    compact = re.sub(r"[\s.\-/]", "", text).lower()
    if compact and compact.isalnum() and compact.isascii():
        forms.append(compact)
        zl = _ZL_RE.match(compact)
        if zl:
            forms.append(zl.group(1))  # a prefix: the check digit may be left out (ZL209910012345)
        pub = _CN_PUB_RE.match(compact)
        if pub and not pub.group(1):
            forms.append("cn" + compact)
        agi = _AGI_RE.match(compact)
        if agi:  # an agricultural-product GI's number: AGI and five digits (AGI1459, 01459 → AGI01459)
            forms.append("agi" + (agi.group(1) or agi.group(2)).zfill(5))
    return list(dict.fromkeys(forms))


def patent_family_keys(text: str) -> list[str]:
    """The CN publication number a typed one shares with its other documents, as the whole key token
    (not a prefix): cn999012345a → cn999012345, which the grant CN999012345B holds too (since 2010 the
    A publication and the B grant of a CN invention share the number). [] for anything else."""
    compact = re.sub(r"[\s.\-/]", "", text).lower()
    pub = _CN_PUB_RE.match(compact)
    return ["cn" + pub.group(2)] if pub else []


# A GI's announcement number as its detail page shows it: 国家质检总局公告2012年第37号, 2012年第37号, 公告2012年第37号,
# 农业部公告第1813号, 第1813号, 2012年37号 (folded). The issuer, when typed, ends with 公告.
_GI_ANNOUNCEMENT_RE = re.compile(
    r"^(?P<issuer>(?:[^\d\s]*公告)?)\s*(?:(?P<year>\d{4})\s*年\s*第?|第)\s*(?P<number>\d{1,4})\s*号\s*(?:公告)?$"
)


def gi_announcement_query(folded: str) -> tuple[str, str, str] | None:
    """(issuer, year, number) of a query that is a GI announcement number ('国家质检总局公告', '2012', '37';
    '', '', '1813' for 第1813号); None for anything else. The part that identifies the announcement
    in a GI's number is `announcement_key(year, number)`."""
    m = _GI_ANNOUNCEMENT_RE.match(folded.strip())
    if not m:
        return None
    return m.group("issuer"), m.group("year") or "", str(int(m.group("number")))


def announcement_key(year: str, number: str) -> str:
    """The text a GI's announcement number holds for that announcement: 2012年第37号, or 第1813号."""
    return f"{year}年第{number}号" if year else f"第{number}号"


# A label typed or copied in front of a number: 专利号, 申请号：, 专利申请号, 注册号, 商标注册号, 公开号, 授权公告号,
# 公开(公告)号, 证书号 … (folded: full-width brackets and colon are ASCII).
_NUMBER_LABEL_RE = re.compile(
    r"^(?:中国)?(?:发明|实用新型|外观设计|专利|商标)*(?:申请|注册|公开|公告|授权|授权公告|公开\(公告\)|申请\(专利\)|证书|注册证)*"
    r"(?:号码|编号|号)\s*[:：]?\s*(?P<number>[0-9a-z][0-9a-z .\-/]*)$"
)
# 第12345678号: a trademark registration number as a certificate writes it (five digits or more: 第37号 is
# an announcement's number, not the code 37).
_ORDINAL_NUMBER_RE = re.compile(r"^第\s*(?P<number>\d{5,})\s*号$")


def labelled_number(folded: str) -> str | None:
    """The number of a query that is a label and a number (专利号209910012345.6, 申请号：…, 注册号12345678,
    第12345678号), as typed without the label; None for anything else. `folded` is `text.fold`ed."""
    text = folded.strip()
    for pattern in (_NUMBER_LABEL_RE, _ORDINAL_NUMBER_RE):
        m = pattern.match(text)
        if m and any(c.isdigit() for c in m.group("number")):
            return m.group("number").strip()
    return None


_STOP_IN_NUMBER_RE = re.compile(r"(?<=\d)[。｡](?=\d)")


def number_punctuation(folded: str) -> str:
    """A Chinese full stop between two digits read as the dot it stands for (a Chinese IME types 。 for
    the dot of 209910012345.6). The other full-width forms (．／　) are folded by NFKC already."""
    return _STOP_IN_NUMBER_RE.sub(".", folded)


def looks_like_code(text: str) -> bool:
    """A query that is an identifier rather than words: it has digits and no CJK."""
    t = text.strip()
    return any(c.isdigit() for c in t) and all(ord(c) < 0x3000 for c in t)


# --- administrative division codes (12 digits: 2 province, 2 prefecture, 2 county, 3 township, 3 village)

LEVEL_PROVINCE = 1
LEVEL_PREFECTURE = 2
LEVEL_COUNTY = 3
LEVEL_TOWNSHIP = 4


def division_prefix(code: str) -> str:
    """The significant digits of a division code: '330106000000' → '330106', '330000000000' → '33'.

    A record whose division code starts with this prefix lies inside the division."""
    code = code.strip()
    if len(code) != 12 or not code.isdigit():
        return code
    for length in (2, 4, 6, 9):
        if code[length:] == "0" * (12 - length):
            return code[:length]
    return code


def division_ancestors(code: str) -> list[str]:
    """Codes of the province, prefecture and county above a 12-digit code (not the code itself)."""
    prefix = division_prefix(code)
    out = []
    for length in (2, 4, 6, 9):
        if length < len(prefix):
            candidate = code[:length].ljust(12, "0")
            if candidate != code:
                out.append(candidate)
    return out


def expand_division_code(text: str) -> str | None:
    """'3301' → '330100000000'; '330106001' → '330106001000'; a 12-digit code is kept. Else None."""
    t = text.strip()
    if not t.isdigit() or len(t) not in (2, 4, 6, 9, 12):
        return None
    return t.ljust(12, "0")


# --- Nice classes and similar groups as people type them -------------------------------------------

_NICE_CLASS_FORMS = (
    # 第30类, 30类, 第 30 类, 尼斯30类, 尼斯分类第30类, 商标第30类, 第30类商品, 类别30, 类别：第30类, 第30类别
    re.compile(r"(?:尼斯(?:分类)?|商标)?\s*(?:类别\s*:?\s*)?第?\s*(\d{1,2})\s*类(?:别|商品|服务)?"),
    re.compile(r"(?:商标)?类别\s*:?\s*第?\s*(\d{1,2})"),
    # 尼斯30, 尼斯分类 30
    re.compile(r"尼斯(?:分类)?\s*第?\s*(\d{1,2})"),
    # class 30, nice 30, nice class 30, nice cl. 30, cl 30
    re.compile(r"(?:nice\s*)?(?:class|cl\.?|nice)\s*(\d{1,2})"),
)
_SIMILAR_GROUP_FORMS = (
    # 类似群3002, 类似群 第3002组, 群组3002, 第3002组, 3002组, 3002类似群
    re.compile(r"(?:类似群(?:组)?|群组)\s*第?\s*(\d{4})\s*(?:组|群)?"),
    re.compile(r"第?\s*(\d{4})\s*(?:组|群|类似群)"),
    # group 3002, similar group 3002
    re.compile(r"(?:similar\s*)?group\s*(\d{4})"),
)


_CHINESE_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
                   "九": 9}
_CHINESE_CLASS_RE = re.compile(r"第([零〇一二两三四五六七八九十]{1,3})类")


def _chinese_number(text: str) -> int | None:
    """一 … 九十九 → 1 … 99 (十五, 三十, 四十五); None for anything else."""
    if "十" not in text:
        return _CHINESE_DIGITS.get(text) if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1 or (tens and tens not in _CHINESE_DIGITS) or (ones and ones not in _CHINESE_DIGITS):
        return None
    return (_CHINESE_DIGITS[tens] if tens else 1) * 10 + (_CHINESE_DIGITS[ones] if ones else 0)


def _class_digits(text: str) -> str:
    """第三十类 → 第30类 (a class number written in Chinese numerals)."""
    def digits(m: re.Match[str]) -> str:
        number = _chinese_number(m.group(1))
        return m.group(0) if number is None else f"第{number}类"
    return _CHINESE_CLASS_RE.sub(digits, text)


def nice_class_parts(folded: str) -> tuple[int, str] | None:
    """A query that is, or begins or ends with, a Nice class written as a class (第30类, 30类, 第三十类, 类别30,
    Class 30): (the class number, whatever else was typed). The number is not checked (第46类 → (46, ''):
    the search says classes are 1–45). ('30类 五常香' → (30, '五常香'); '大米 第30类' → (30, '大米').)"""
    text = _class_digits(folded.strip())
    whole = _nice_number(text)
    if whole is not None:
        return whole, ""
    for i in range(len(text) - 1, 0, -1):  # the longest class expression first: 第30类 before 第3
        number, rest = _nice_number(text[:i]), text[i:].strip()
        if number is not None and any(c.isalnum() for c in rest):
            return number, rest
    for i in range(1, len(text)):
        number, rest = _nice_number(text[i:]), text[:i].strip()
        if number is not None and any(c.isalnum() for c in rest):
            return number, rest
    return None


def _nice_number(text: str) -> int | None:
    """The class number of a whole class expression (any number of 1–2 digits), or None. Only forms that say
    class (类, class, nice), not the short 'cl 30'."""
    text = text.strip()
    if not ("类" in text or "class" in text or "nice" in text or "尼斯" in text):
        return None
    for pattern in _NICE_CLASS_FORMS:
        m = pattern.fullmatch(text)
        if m:
            return int(m.group(1))
    return None


def classification_query(folded: str) -> tuple[str, str] | None:
    """A Nice class or similar group the query names, as ('nice', '30') or ('group', '3002').

    `folded` is the query after `text.fold` (full-width digits and letters are half-width, lower
    case). Classes are 1–45 (written in Chinese numerals too: 第三十类); a similar group is four digits
    whose first two are its class. Plain numbers ('30', '3002') are not read here: they are looked up
    as codes like any number."""
    text = _class_digits(folded.strip())
    for pattern in _NICE_CLASS_FORMS:
        m = pattern.fullmatch(text)
        if m and 1 <= int(m.group(1)) <= 45:
            return "nice", str(int(m.group(1)))
    for pattern in _SIMILAR_GROUP_FORMS:
        m = pattern.fullmatch(text)
        if m and 1 <= int(m.group(1)[:2]) <= 45:
            return "group", m.group(1)
    return None
