"""Agricultural patent finder: "which technology exists for my crop, and may I use it freely?"

The crop and the technique are mapped to keywords and IPC codes (`rules.CROPS`, `rules.TECHNIQUES`);
the services find patents by those keywords within those IPC codes, and by the crop's own IPC groups
(`Crop.own_ipc`) whatever their text says; `decide()` groups them by what the person may do: expired
or lapsed (this patent no longer restricts use, which is not the same as "free to use": another
patent may cover the same technique, and this computer holds only what was loaded), in force (ask
the holder), pending (a published invention application has provisional protection), or doubtful
(the record's status contradicts its own dates, or is not final: `domain.patent_status`).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ipdesk.domain import rules
from ipdesk.domain.amounts import plural
from ipdesk.domain.codes import (
    foreign_patent_office,
    format_ipc,
    format_patent_class,
    granted_number,
    ipc_prefix_key,
    is_locarno,
)
from ipdesk.domain.i18n import Text, patent_kind_name, status_name
from ipdesk.domain.input_words import crop_problem
from ipdesk.domain.patent_status import (
    DUPLICATE,
    INVALIDATION_PENDING,
    REEXAMINATION,
    RESTORABLE,
    invalidation_request,
    open_status,
    restored,
    side_event,
)
from ipdesk.domain.text import fold, has_cjk, primary_pinyin
from ipdesk.domain.wizard import (
    LEVEL_CAUTION,
    LEVEL_INFO,
    SUMMARY,
    Answer,
    Finding,
    FlowSpec,
    Outcome,
    Question,
    RuleCitation,
)

# Where a person searches patents online: CNIPA's publication and announcement search (the site the
# kiosk prints as a QR code).
PATENT_SEARCH_SITE = "http://epub.cnipa.gov.cn/"
FREE_STATUSES = ("expired", "lapsed", "invalid", "invalidated", "terminated", "withdrawn", "rejected", "abandoned")
IN_FORCE_STATUSES = ("in_force", "granted", "valid", "active", INVALIDATION_PENDING)
PENDING_STATUSES = ("pending", "published", "examination", "under_examination", "substantive_examination")
MAX_KEYWORDS = 6  # the person's own extra words
MAX_CROP_WORDS = 16  # the word typed and the crop's words (rice has 13)
# Protection terms from the filing date (专利法 Art. 42): the shortest a kind can have, so a record
# whose term cannot have run yet is caught. Designs filed from 2021-06-01 (the fourth amendment) get 15
# years; an invention's term may only be extended (term compensation), never shortened, and a utility
# model's or design's not at all. The term runs until the day before the anniversary, which is the
# 期满终止日 (专利审查指南 第五部分第九章 2.1: filed 1999-09-06, protected until 2009-09-05, ends
# 2009-09-06); `_shortest_term_end` gives that anniversary.
TERM_YEARS = {"invention": 20, "utility": 10, "design": 10}
DESIGN_15_YEARS_FROM = dt.date(2021, 6, 1)
# Term compensation (专利法第四十二条第二、三款, in force from 2021-06-01): for an unreasonable delay in
# granting, only an invention granted (授权公告日) on or after 2021-06-01 (国家知识产权局《关于施行修改后
# 专利法的相关审查业务处理暂行办法》), with no fixed ceiling in the law; for a new drug's marketing
# approval, an invention granted before the approval, at most five years (Art. 42(3)). So an invention
# granted before 2021-06-01 ends at the latest five years after its 20 (a new drug's patent), and almost
# always at 20; one granted later has no end this app can be sure of.
TERM_COMPENSATION_FROM = dt.date(2021, 6, 1)
DRUG_COMPENSATION_MAX_YEARS = 5


@dataclass(frozen=True)
class PatentQuery:
    """What to look for: any of `keywords` (crop words), all of `extra` (the person's own words),
    within any of `ipc` (empty: any class)."""

    keywords: tuple[str, ...]
    ipc: tuple[str, ...]
    extra: tuple[str, ...] = ()
    # The crop's own IPC groups (within the technique's codes when one is chosen): a patent classified
    # under any of them is found with `extra` alone, without the crop's words.
    own_ipc: tuple[str, ...] = ()


@dataclass(frozen=True)
class PatentRecord:
    id: int
    pub_no: str
    title: str
    kind: str = "invention"  # invention | utility | design
    legal_status: str = ""
    applicants: str = ""
    ipc_codes: tuple[str, ...] = ()
    filing_date: dt.date | None = None
    expiry_date: dt.date | None = None
    grant_date: dt.date | None = None  # 授权公告日: whether term compensation for a delayed grant can apply
    app_no: str = ""
    as_of: dt.date | None = None  # the day its legal status was read (its list's 截至日期)


@dataclass(frozen=True)
class PatentFacts:
    patents: tuple[PatentRecord, ...]
    ipc_titles: Mapping[str, Text]  # printed IPC code → title
    data_as_of: str = ""
    today: dt.date | None = None
    total: int = -1  # every match in the store (-1: the listed patents are all there is)
    total_capped: bool = False  # `total` is a lower bound
    # Any patent at all on this computer. With none, "0 found" would read as "nobody holds a patent
    # on this", so `decide` says that nothing could be searched instead.
    store_has_patents: bool = True
    store_patents: int = -1  # how many patents this computer holds (-1: not counted)


def crop_for(text: str) -> rules.Crop | None:
    """The vocabulary crop a typed word means (大米 → rice), or None for a word outside it."""
    named = rules.crop_named(fold(text))  # the vocabulary's words in Chinese or English (corn, apples)
    if named is not None:
        return named
    t = fold(text).replace(" ", "")
    if not t:
        return None
    if t in rules.CROPS_BY_ID:
        return rules.CROPS_BY_ID[t]
    by_pinyin = _crops_by_pinyin().get(t)  # shuidao, pingguo
    if by_pinyin is not None:
        return by_pinyin
    for crop in rules.CROPS:
        if t == fold(crop.name.zh) or t == crop.name.en.lower() or t in crop.keywords:
            return crop
    # a longer word holding a crop's word of two characters or more (有机大米 → rice); never the other way
    # round: a typed part of a crop's name (桃 of 猕猴桃, 花 of 花生) is another word, searched as typed, and
    # the crop is only offered as a suggestion (`suggest_crops`)
    for crop in rules.CROPS:
        if any(k in t for k in crop.keywords if len(k) >= 2):
            return crop
    return None


def _crops_by_pinyin() -> dict[str, rules.Crop]:
    """Each Chinese word of the vocabulary by its pinyin, one character words too (shuidao, cha)."""
    return rules.pinyin_crop_words(min_chars=1)


@lru_cache(maxsize=1)
def _crops_by_initials() -> tuple[tuple[str, rules.Crop], ...]:
    """Each Chinese word of two characters or more by its pinyin initials (苹果 → pg, 小龙虾 → xlx),
    as the GI finder takes wcdm for 五常大米."""
    pairs: list[tuple[str, rules.Crop]] = []
    for crop in rules.CROPS:
        for w in crop.zh_words:
            initials = primary_pinyin(fold(w))[1]
            if len(w) >= 2 and len(initials) == len(w):
                pairs.append((initials, crop))
    return tuple(pairs)


def suggest_crops(text: str, limit: int = 8) -> list[rules.Crop]:
    t = fold(text).replace(" ", "")
    if not t:
        return list(rules.CROPS[:limit])
    hits = [c for c in rules.CROPS if t in fold(c.name.zh) or t in c.name.en.lower() or
            any(t in k or k in t for k in c.keywords)]
    if len(t) >= 2 and t.isascii() and t.isalpha():  # pinyin typed without an input method: shuid, pingguo
        hits += [c for py, c in _crops_by_pinyin().items() if py.startswith(t)]
        hits += [c for initials, c in _crops_by_initials() if initials.startswith(t)]  # pg, xlx
    return list(dict.fromkeys(hits))[:limit]


def plan_query(data: Mapping[str, Any]) -> PatentQuery:
    crop_text = str(data.get("crop") or "").strip()
    crop = crop_for(crop_text)
    keywords = list(crop.keywords) if crop else []
    keywords[:0] = [w for w in searched_as_typed(crop_text, crop) if w not in keywords]  # first, when not one of them
    technique = rules.TECHNIQUES_BY_ID.get(str(data.get("technique") or ""))
    ipc: list[str] = []
    own = list(crop.own_ipc) if crop else []
    if technique:
        ipc.extend(technique.ipc)
        if crop:
            ipc.extend(c for c in crop.ipc if any(c.startswith(t[:4]) for t in (*technique.ipc, *technique.crop_ipc)))
            ipc.extend(code for tid, code in crop.technique_ipc if tid == technique.id)
        else:  # typed as it is: a technique's codes for some crops only may be for this one
            ipc.extend(technique.crop_ipc)
        # a crop's own group counts only where it meets the technique: rice cultivation (A01G 22/22) for
        # planting (A01G 22/00), not for processing
        own = [n for c in own for t in technique.ipc if (n := _narrower(c, t))]
    extra = tuple(w for w in fold(str(data.get("keywords") or "")).split() if w)[:MAX_KEYWORDS]
    return PatentQuery(tuple(dict.fromkeys(k for k in keywords if k))[:MAX_CROP_WORDS], tuple(dict.fromkeys(ipc)), extra,
                       tuple(dict.fromkeys(own)))


def searched_as_typed(crop_text: str, crop: rules.Crop | None) -> list[str]:
    """The typed word as a search word, first: always for a word outside the vocabulary, and for a Chinese
    word read as a crop (糯米 → rice: a patent on 糯米酒 may say neither 水稻 nor 大米); not for one read by its
    sound (水到: a slip, not a word patents use), a regional name not to search (棒子, `Crop.also_called`), or
    English or pinyin (rice, shuidao: patent texts are in Chinese)."""
    typed = fold(crop_text).replace(" ", "")
    if crop is None:
        return [typed] if typed else []
    if not has_cjk(typed) or typed in crop.also_called or rules.crop_sounding_like(typed) is not None:
        return []
    return [typed]


def names_the_crop(text: str, words: tuple[str, ...], crop: rules.Crop | None) -> bool:
    """Whether `text` has one of `words` (the search words) outside the compounds that are not the crop
    (`Crop.not_crop`): 小麦芽 names wheat, 荞麦面 does not; 蚕豆 is no silkworm, 苹果手机 no apple. True for a
    crop without such compounds (the lookup that found the text decided)."""
    if crop is None or not crop.not_crop:
        return True
    t = fold(text)
    covered = [False] * len(t)
    for compound in crop.not_crop:
        start = t.find(compound)
        while start >= 0:
            covered[start:start + len(compound)] = [True] * len(compound)
            start = t.find(compound, start + 1)
    for word in words:
        start = t.find(word)
        while start >= 0:
            if not all(covered[start:start + len(word)]):
                return True
            start = t.find(word, start + 1)
    return False


def _narrower(a: str, b: str) -> str | None:
    """The narrower of two IPC codes when one lies within the other (A01G 22/22 within A01G 22/00),
    else None."""
    ka, kb = ipc_prefix_key(a), ipc_prefix_key(b)
    if ka.startswith(kb):
        return a
    if kb.startswith(ka):
        return b
    return None


def _years_after(day: dt.date, years: int) -> dt.date | None:
    """The anniversary `years` after `day`, or None past the calendar's end (a filing dated 9999-12-31: its
    term cannot have run). Filed on 29 February, the anniversary in a common year is 1 March, so the
    term's last day is 28 February, the month's last day (专利审查指南 第五部分第七章 2.3: a period whose last
    month has no corresponding day ends on that month's last day); never a day earlier, which would call a
    patent free while it may be protected."""
    year = day.year + years
    if year > dt.MAXYEAR:
        return None
    if (day.month, day.day) == (2, 29) and not calendar.isleap(year):
        return dt.date(year, 3, 1)
    return day.replace(year=year)


def _shortest_term_end(p: PatentRecord) -> dt.date | None:
    years = TERM_YEARS.get(p.kind)
    if p.filing_date is None or years is None:
        return None
    if p.kind == "design" and p.filing_date >= DESIGN_15_YEARS_FROM:
        years = 15
    return _years_after(p.filing_date, years)


def _a(noun: str) -> str:
    """The English indefinite article and `noun`: "an invention", "a utility model", "a design"."""
    return f"{'an' if noun[:1].lower() in 'aeio' else 'a'} {noun}"


def _status(p: PatentRecord) -> str:
    """The record's status as a code where one applies: a restored right (权利恢复, stored as written by
    earlier imports) is in force."""
    return "in_force" if restored(p.legal_status) else p.legal_status.strip().lower()


def _term_text(p: PatentRecord, end: dt.date) -> Text:
    """"a utility model patent filed on F is protected until the day before `end` (its term ends on
    `end`)", with term compensation for an invention, which only lengthens the term."""
    kind = patent_kind_name(p.kind)
    filing = p.filing_date.isoformat() if p.filing_date else ""
    last, ends = (end - dt.timedelta(days=1)).isoformat(), end.isoformat()
    later = p.kind == "invention"  # term compensation may lengthen it
    return Text(f"{kind.zh}专利自申请日{filing}起的保护期到{last}为止（{ends}期满终止"
                f"{'；如有专利权期限补偿则更晚' if later else ''}）",
                f"{_a(kind.en)} patent filed on {filing} is protected until {last} (its term ends on {ends}"
                f"{', or later if it was extended by term compensation' if later else ''})")


def status_doubt(p: PatentRecord, today: dt.date) -> Text | None:
    """Why the record's legal status contradicts its own dates (as of `today`), or None: 届满 with a
    term that has not run yet (no expiry date, or one before the term's end), 有效 or 审查中 after the
    expiry date, 有效 for a utility model or design whose whole term has run (they have no term
    compensation) or for an invention granted before 2021-06-01 after its 20 years
    (`_uncompensated_invention`), an expiry before the filing date, a filing date after `today` (a wrong clock or a
    slip: no verdict can rest on it).
    Such a record is neither "no longer restricts use" nor "in force": CNIPA's register decides."""
    status = _status(p)
    expiry, filing = p.expiry_date, p.filing_date
    if expiry is not None and filing is not None and expiry < filing:
        return Text(f"届满日{expiry.isoformat()}早于申请日{filing.isoformat()}",
                    f"the expiry date {expiry.isoformat()} is before the filing date {filing.isoformat()}")
    if status == "expired" or status.startswith("expired") or "届满" in status or "期满" in status:
        if expiry is not None and expiry > today:
            return Text(f"状态为已届满，但届满日{expiry.isoformat()}还没到",
                        f"the status is expired, but the expiry date {expiry.isoformat()} has not come yet")
        end = _shortest_term_end(p)
        if expiry == today and (end is None or end > today):
            # A list's 届满日 may be the term's last day or the day it ends on; the filing date tells which.
            # Its last day (or, without a filing date, perhaps) is today: protected until tonight.
            return Text(f"状态为已届满，但届满日{today.isoformat()}就是今天，今天可能仍在保护期内（保护期的最后一天），"
                        "明天起才不再限制使用",
                        f"the status is expired, but the expiry date {today.isoformat()} is today, which may still "
                        "be the last day of its term: it no longer restricts use from tomorrow")
        # A term cannot end early (a lapse for unpaid fees is 终止, not 届满): an expiry date before the
        # term's end, the day before it allowed (a list may give the last protected day), is no 届满.
        if end is not None and end > today and (expiry is None or expiry < end - dt.timedelta(days=1)):
            term = _term_text(p, end)
            if expiry is None:
                return Text(f"状态为已届满，但{term.zh}", f"the status is expired, but {term.en}")
            return Text(f"状态为已届满，届满日为{expiry.isoformat()}，但{term.zh}",
                        f"the status is expired with the expiry date {expiry.isoformat()}, but {term.en}")
    if expiry is not None and expiry < today and (status in IN_FORCE_STATUSES or status in PENDING_STATUSES):
        name = status_name(p.legal_status)
        return Text(f"状态为{name.zh}，但届满日{expiry.isoformat()}已过",
                    f"the status is {name.en}, but the expiry date {expiry.isoformat()} has passed")
    end = _shortest_term_end(p)
    if (expiry is not None and end is not None and expiry > end and p.kind in ("utility", "design")
            and (status in IN_FORCE_STATUSES or status in PENDING_STATUSES)):
        kind = patent_kind_name(p.kind)
        return Text(f"届满日{expiry.isoformat()}晚于{kind.zh}专利自申请日{filing}起保护期的期满日{end.isoformat()}，"
                    "而其期限不能延长（专利法第四十二条）",
                    f"the expiry date {expiry.isoformat()} is after {end.isoformat()}, when the term of {_a(kind.en)} "
                    f"patent filed on {filing} ends, and that term cannot be extended (Patent Law, Art. 42)")
    if expiry is None and status in PENDING_STATUSES and end is not None and end <= today:
        name, kind = status_name(p.legal_status), patent_kind_name(p.kind)
        return Text(f"状态为{name.zh}，但{kind.zh}专利自申请日{filing}起的期限已于{end.isoformat()}届满，"
                    "状态与日期不符",
                    f"the status is {name.en}, but the term of {_a(kind.en)} patent filed on {filing} ended on "
                    f"{end.isoformat()}: the status contradicts the dates")
    if expiry is None and status in IN_FORCE_STATUSES and p.kind in ("utility", "design") and end is not None \
            and end <= today:
        name, kind = status_name(p.legal_status), patent_kind_name(p.kind)
        last = (end - dt.timedelta(days=1)).isoformat()
        return Text(f"状态为{name.zh}，但{kind.zh}专利自申请日{filing}起的保护期到{last}为止，已于{end.isoformat()}"
                    f"期满终止，且不能延长（专利法第四十二条）",
                    f"the status is {name.en}, but {_a(kind.en)} patent filed on {filing} was protected until {last}; "
                    f"its term ended on {end.isoformat()} and cannot be extended (Patent Law, Art. 42)")
    if expiry is None and status in IN_FORCE_STATUSES and p.kind == "invention":
        uncompensated = _uncompensated_invention(p, today)
        if uncompensated is not None:
            name = status_name(p.legal_status)
            return Text(f"状态为{name.zh}，但{uncompensated.zh}", f"the status is {name.en}, but {uncompensated.en}")
    if filing is not None and filing > today:
        return Text(f"申请日{filing.isoformat()}晚于判断所依据的日期{today.isoformat()}（请核对本机日期或原始数据）",
                    f"the filing date {filing.isoformat()} is after the date judged on, {today.isoformat()} "
                    "(check this computer's date or the source)")
    return None


def _uncompensated_invention(p: PatentRecord, today: dt.date) -> Text | None:
    """How an invention granted before 2021-06-01 shows that its 20 years have run (`today` is on or
    after the 20th anniversary of filing): it cannot have term compensation for a delayed grant, and only a
    new drug's patent may have had up to five years more (beyond those, none at all). None for an invention
    granted from 2021-06-01 on (`compensated_term_note`), without a grant date, or while the 20 years run."""
    end, grant = _shortest_term_end(p), p.grant_date
    if p.kind != "invention" or end is None or end > today:
        return None
    # without a grant date: a patent is granted within its term, so one whose 20 years ended before
    # 2021-06-01 was granted before then too
    if (grant is None and end > TERM_COMPENSATION_FROM) or (grant is not None and grant >= TERM_COMPENSATION_FROM):
        return None
    filing, last = p.filing_date.isoformat() if p.filing_date else "", (end - dt.timedelta(days=1)).isoformat()
    granted_zh = (f"授权公告日{grant.isoformat()}早于2021-06-01" if grant is not None
                  else "20年在2021-06-01之前届满，授权也必在此之前")
    granted_en = (f"granted on {grant.isoformat()}, before 2021-06-01, it" if grant is not None
                  else "since a patent is granted within its term, it was granted before 2021-06-01 and")
    said = Text(f"发明专利自申请日{filing}起的保护期到{last}为止，已于{end.isoformat()}期满终止；{granted_zh}，"
                f"不能因授权延迟而补偿期限（专利法第四十二条第二款自2021年6月1日起施行）",
                f"an invention patent filed on {filing} was protected until {last}; its term ended on "
                f"{end.isoformat()}, and {granted_en} cannot have term "
                "compensation for a delayed grant (Patent Law, Art. 42(2), in force from 2021-06-01)")
    latest = _years_after(end, DRUG_COMPENSATION_MAX_YEARS)
    if latest is not None and latest <= today:
        return Text(f"{said.zh}；新药相关专利的期限补偿也不超过五年（专利法第四十二条第三款），最晚到"
                    f"{(latest - dt.timedelta(days=1)).isoformat()}为止",
                    f"{said.en}; a new drug's patent is compensated by five years at most (Patent Law, Art. 42(3)), "
                    f"so until {(latest - dt.timedelta(days=1)).isoformat()} at the latest")
    return Text(f"{said.zh}；只有新药相关专利可能另有至多五年的期限补偿（专利法第四十二条第三款）",
                f"{said.en}; only a new drug's patent may have up to five more years of term compensation "
                "(Patent Law, Art. 42(3))")


def compensated_term_note(p: PatentRecord, today: dt.date) -> Text | None:
    """For an invention granted on or after 2021-06-01 that reads as in force after its 20 years: the term
    may have been extended by term compensation, which the register records. None otherwise (a grant date
    missing says nothing either way)."""
    end, grant = _shortest_term_end(p), p.grant_date
    if (p.kind != "invention" or p.expiry_date is not None or _status(p) not in IN_FORCE_STATUSES or end is None
            or end > today or grant is None or grant < TERM_COMPENSATION_FROM):
        return None
    filing, last = p.filing_date.isoformat() if p.filing_date else "", (end - dt.timedelta(days=1)).isoformat()
    return Text(f"保护期：发明专利自申请日{filing}起20年到{last}为止；授权公告日{grant.isoformat()}不早于2021-06-01，"
                "保护期可能已因专利权期限补偿而延长（专利法第四十二条第二、三款），以国家知识产权局专利登记簿为准",
                f"term: the 20 years of an invention patent filed on {filing} run until {last}; granted on {grant.isoformat()}, "
                "on or after 2021-06-01, its term may have been extended by term compensation (Patent Law, Art. 42(2) and "
                "(3)): CNIPA's patent register decides")


STALE_STATUS_MONTHS = 6


def status_as_of(facts: PatentFacts) -> dt.date | None:
    """The date the patents' legal statuses are as of when the records carry none of their own: the oldest
    patent dataset's in `data_as_of` ('patents 2019-06-01 · local_patents …'), else None."""
    dates = []
    for part in facts.data_as_of.split("·"):
        name, _, day = part.strip().partition(" ")
        if name in ("patents", "local_patents"):
            try:
                dates.append(dt.date.fromisoformat(day.strip()))
            except ValueError:
                continue
    return min(dates, default=None)


def _months_between(earlier: dt.date, later: dt.date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month - (later.day < earlier.day)


def stale_status_note(facts: PatentFacts, today: dt.date) -> Text | None:
    """A caution when legal statuses are more than STALE_STATUS_MONTHS old: they may have changed since. It
    names the records when only some are that old (their own as-of dates: the report's 数据范围 gives the
    dataset's, which a newer list moves on)."""
    dated = [p for p in facts.patents if p.as_of is not None]
    if dated:
        old = [p for p in dated if _months_between(p.as_of, today) >= STALE_STATUS_MONTHS]  # type: ignore[arg-type]
        if not old:
            return None
        day = min(p.as_of for p in old if p.as_of is not None).isoformat()
        if len(old) < len(facts.patents):
            numbers = "、".join(p.pub_no for p in old[:3]) + ("等" if len(old) > 3 else "")
            numbers_en = ", ".join(p.pub_no for p in old[:3]) + (" …" if len(old) > 3 else "")
            return Text(f"注意：其中{len(old)}件（{numbers}）的法律状态是半年多以前的（最早截至{day}），此后可能已变化，"
                        "以国家知识产权局登记为准。",
                        f"Caution: the legal status of {len(old)} of them ({numbers_en}) is more than six months old "
                        f"(the oldest as of {day}) and may have changed since; CNIPA's register decides.")
    else:
        as_of = status_as_of(facts)
        if as_of is None or _months_between(as_of, today) < STALE_STATUS_MONTHS:
            return None
        day = as_of.isoformat()
    return Text(f"注意：法律状态截至{day}，此后可能已变化，以国家知识产权局登记为准。",
                f"Caution: the legal statuses are as of {day} and may have changed since; CNIPA's register decides.")


def judged_on_note(today: dt.date) -> Text:
    """The day a patent's term was reckoned on (this computer's date), said with each answer."""
    return Text(f"保护期按本机日期{today.isoformat()}计算；各件专利的法律状态以国家知识产权局专利登记簿为准。",
                f"Terms were reckoned as of {today.isoformat()}, this computer's date; CNIPA's patent register "
                "decides each patent's legal status.")


def _term_over(p: PatentRecord, today: dt.date) -> Text | None:
    """How the record shows that its term has run (the expiry date has passed, or a utility model's or
    design's whole term, which cannot be extended), or None."""
    if p.expiry_date is not None:
        if p.expiry_date < today:
            return Text(f"届满日{p.expiry_date.isoformat()}已过", f"the expiry date {p.expiry_date.isoformat()} has passed")
        return None
    end = _shortest_term_end(p)
    if p.kind in ("utility", "design") and end is not None and end <= today:
        filing = p.filing_date.isoformat() if p.filing_date else ""
        return Text(f"自申请日{filing}起的保护期已于{end.isoformat()}期满终止，且不能延长",
                    f"its term from the filing date {filing} ended on {end.isoformat()} and cannot be extended")
    return None


# Why a status that is not final (`domain.patent_status`) keeps the patent counted as in force.
_OPEN_REASONS = {
    RESTORABLE: Text(
        "权利可能恢复：因未缴年费等原因终止的专利，权利人在规定期限内可以请求恢复权利（专利法实施细则第六条），恢复后继续有效",
        "the right may be restored: a patent that ended for unpaid fees or another missed time limit "
        "may be restored at the holder's request within the time allowed (Patent Law Implementing Regulations, "
        "Art. 6), and is then in force again"),
    REEXAMINATION: Text(
        "申请被驳回后正在复审：复审可能撤销驳回，申请继续审查并可能授权（专利法第四十一条）",
        "the application was rejected and is under re-examination: the rejection may be set aside and a patent "
        "granted (Patent Law, Art. 41)"),
    DUPLICATE: Text(
        "为避免重复授权而放弃（专利法第九条第一款）：同一申请人就同样的技术取得了发明专利，那件发明专利可能仍然有效，"
        "请核实；核实之前按这项技术仍受保护对待",
        "given up to avoid double patenting (Patent Law, Art. 9(1)): the same applicant was granted an invention "
        "patent on the same technique, which may still be in force: check it, and until then treat the technique "
        "as protected"),
}
_PROVISIONAL = Text("发明专利申请公布后即有临时保护，授权后申请人可要求支付适当费用；使用前按有效专利对待",
                    "a published invention application has provisional protection (once it is granted, the applicant "
                    "may claim an appropriate fee for use before the grant); treat it as in force before using")
_NOT_PUBLISHED = Text("实用新型和外观设计申请授权前不公布，也没有临时保护，授权公告后即受保护",
                      "utility-model and design applications are not published before the grant and have no "
                      "provisional protection; they are protected from the grant")


def open_status_reason(p: PatentRecord) -> Text | None:
    """Why the record's status, although it reads as ended, is not final (等待恢复, 驳回后复审,
    避免重复授权放弃), or None."""
    held = open_status(p.legal_status)
    if held is None:
        return None
    reason = _OPEN_REASONS[held]
    if held == REEXAMINATION and p.kind == "invention":
        return Text(f"{reason.zh}；{_PROVISIONAL.zh}", f"{reason.en}; {_PROVISIONAL.en}")
    return reason


def open_status_over(p: PatentRecord, today: dt.date) -> Text | None:
    """Why a status that is not final (等待恢复, 驳回后复审, 避免重复授权放弃) no longer keeps the patent in
    force: its term has run (`_term_over`), and no restoration or re-examination outlasts the term. None
    for any other status, or while the term runs."""
    held = open_status(p.legal_status)
    over = _term_over(p, today) if held is not None else None
    if held is None or over is None:
        return None
    if held == RESTORABLE:
        return Text(f"保护期已满（{over.zh}），恢复权利不能超过保护期，这件专利本身不再限制使用",
                    f"the term has run ({over.en}), and a restored right cannot outlast the term, so this patent "
                    "itself no longer restricts use")
    if held == REEXAMINATION:
        return Text(f"保护期已满（{over.zh}），即使复审后授权也不再受保护",
                    f"the term has run ({over.en}): even a grant after the re-examination would protect nothing")
    return Text(f"保护期已满（{over.zh}）；但同一申请人就同样技术的发明专利保护期更长，可能仍然有效，请查找核实",
                f"the term has run ({over.en}); but the same applicant's invention patent on the same technique "
                "has a longer term and may still be in force: look it up")


def doubt_reason(p: PatentRecord, today: dt.date) -> Text | None:
    """Why the patent is grouped 状态存疑 (treated as in force until CNIPA's register says otherwise): its
    status contradicts its dates (`status_doubt`), or is not final (`open_status_reason`) while its term
    has not run (`open_status_over` says why it then no longer counts)."""
    doubt = status_doubt(p, today)
    if doubt is not None:
        return doubt
    if _term_over(p, today) is not None:
        return None  # the term has run, whatever may still happen to the right
    return open_status_reason(p)


def foreign_office(p: PatentRecord) -> str | None:
    """The office of a record that is no Chinese patent or application (US, EP, JP, WO …: its
    publication number, or its application number when it has none), or None for a Chinese one."""
    return foreign_patent_office(p.pub_no) if p.pub_no.strip() else foreign_patent_office(p.app_no)


# Offices of China's own regions outside the mainland: their patents are no rights in the mainland either,
# and are never called foreign
_REGION_OFFICES = {"HK": ("中国香港特别行政区", "Hong Kong SAR, China"), "MO": ("中国澳门特别行政区", "Macao SAR, China"),
                   "TW": ("中国台湾地区", "Taiwan, China")}


def _foreign_reason(office: str) -> Text:
    """Why a patent from outside the Chinese mainland or an international (PCT) application restricts no one
    in the mainland (only CNIPA's patents do)."""
    if office in _REGION_OFFICES:
        zh, en = _REGION_OFFICES[office]
        return Text(f"{zh}的专利或申请（{office}开头）：专利只在授予它的地区有效，在中国内地不受保护；请查找它在国家知识产权局的"
                    "同族专利（CN开头），按那一件的状态判断",
                    f"a patent or application of {en} ({office}): a patent protects only where it was granted, so this "
                    "one is not protected in the Chinese mainland; look for its family member at CNIPA (CN) and go by "
                    "that one's status")
    if office == "WO":
        return Text("国际申请（PCT，WO开头）：本身不是专利，只有进入中国国家阶段（取得CN开头的申请号）后才在中国有效；"
                    "请查找它在中国的同族申请或专利（CN开头），按那一件的状态判断",
                    "an international (PCT) application (WO): not a patent itself, it has effect in China only through "
                    "a Chinese national-phase application (a CN number); look for its Chinese family member (CN) and go "
                    "by that one's status")
    return Text(f"外国专利或申请（{office}开头）：专利只在授予它的国家或地区有效，在中国不受保护；请查找它在中国的同族专利"
                "（CN开头），按那一件的状态判断",
                f"a foreign patent or application ({office}): a patent protects only where it was granted, so this one "
                "is not protected in China; look for its Chinese family member (CN) and go by that one's status")


# Applications that never became patents, by how they ended, and what may still happen to them.
_NOT_GRANTED_REASONS = {
    "withdrawn": Text(
        "申请已撤回或视为撤回，没有成为专利，这件申请本身不限制任何人；视为撤回的，申请人可在收到通知之日起2个月内"
        "请求恢复（专利法实施细则第六条），恢复后仍可能授权",
        "the application was withdrawn or deemed withdrawn and did not become a patent, so it restricts no one "
        "itself; if deemed withdrawn, the applicant may ask for it to be restored within 2 months of the notice "
        "(Patent Law Implementing Regulations, Art. 6), and it may then still be granted"),
    "abandoned": Text(
        "视为放弃取得专利权：申请没有成为专利，这件申请本身不限制任何人；申请人可在收到通知之日起2个月内请求恢复"
        "（专利法实施细则第六条），恢复后仍可能授权",
        "deemed to have given up the patent: the application did not become a patent, so it restricts no one itself; "
        "the applicant may ask for it to be restored within 2 months of the notice (Patent Law Implementing "
        "Regulations, Art. 6), and it may then still be granted"),
    "rejected": Text(
        "申请被驳回，没有成为专利，这件申请本身不限制任何人；申请人可在收到驳回决定之日起3个月内请求复审"
        "（专利法第四十一条），复审可能撤销驳回",
        "the application was rejected and did not become a patent, so it restricts no one itself; the applicant may "
        "request re-examination within 3 months of the rejection (Patent Law, Art. 41), which may set it aside"),
    "upheld": Text(
        "复审决定维持驳回：申请没有成为专利，这件申请本身不限制任何人；申请人只能在收到复审决定之日起3个月内向人民法院"
        "起诉（专利法第四十一条第二款）",
        "the re-examination upheld the rejection: the application did not become a patent, so it restricts no one "
        "itself; the applicant can only sue in a people's court within 3 months of the re-examination decision "
        "(Patent Law, Art. 41(2))"),
}


def not_granted(p: PatentRecord) -> str | None:
    """How an application that never became a patent ended ("withdrawn", "abandoned", "rejected", or
    "upheld": a rejection upheld on re-examination), or None. A record given up with a grant date was a
    patent whose right was given up: lapsed, not this."""
    status = "".join(p.legal_status.split()).lower()
    if "维持驳回" in status:
        return "upheld"
    if granted_number(p.pub_no) or side_event(status):  # a patent, whatever ended it since; an event beside it
        return None
    if open_status(p.legal_status) is not None:
        return None
    if status == "rejected" or "驳回" in status:
        return "rejected"
    if status == "withdrawn" or "撤回" in status:
        return "withdrawn"
    if (status == "abandoned" or "放弃取得" in status or "视为放弃" in status) and p.grant_date is None:
        return "abandoned"
    return None


def standing_reason(p: PatentRecord) -> Text | None:
    """Why a record is no right in China whatever its status says: a foreign patent or an international
    application, or an application that never became a patent (how it ended, what may still happen); None
    for a Chinese patent or pending application. The record's page says it as the finder does."""
    if (office := foreign_office(p)) is not None:
        return _foreign_reason(office)
    if (ended := not_granted(p)) is not None:
        return _NOT_GRANTED_REASONS[ended]
    return None


def status_group(p: PatentRecord, today: dt.date) -> str:
    if foreign_office(p) is not None:  # territorial: never a right in China, whatever its status abroad
        return "foreign"
    if doubt_reason(p, today) is not None:
        return "doubtful"
    if not_granted(p) is not None:
        return "not_granted"
    status = _status(p)
    if p.expiry_date is not None and p.expiry_date < today:
        return "free"
    if open_status(p.legal_status) is not None and _term_over(p, today) is not None:
        return "free"
    if invalidation_request(status) is not None:  # in force until declared invalid (专利法第四十五至四十七条)
        return "in_force"
    if any(s == status or (status.startswith(s) and not status[len(s)].isalpha()) for s in FREE_STATUSES):
        return "free"
    if any(s == status for s in IN_FORCE_STATUSES):
        return "in_force"
    if any(s == status or s in status for s in PENDING_STATUSES):
        return "pending"
    return "unknown"


# A record's standing in one line, by how an application ended (`not_granted`) and why its status is in doubt
_NOT_GRANTED_BRIEF = {
    "withdrawn": Text("未成为专利：申请已撤回或视为撤回", "never granted: withdrawn"),
    "abandoned": Text("未成为专利：视为放弃取得专利权", "never granted: deemed abandoned"),
    "rejected": Text("未成为专利：申请被驳回", "never granted: rejected"),
    "upheld": Text("未成为专利：复审维持驳回", "never granted: rejection upheld"),
}
_OPEN_BRIEF = {
    RESTORABLE: Text("状态存疑：权利可能恢复，按有效对待", "in doubt: may be restored; treat as in force"),
    REEXAMINATION: Text("状态存疑：驳回后正在复审，按有效对待", "in doubt: under re-examination; treat as in force"),
    DUPLICATE: Text("状态存疑：同一技术的发明专利可能有效，按有效对待",
                    "in doubt: twin invention may be in force; treat as such"),
}


def brief_standing(p: PatentRecord, today: dt.date) -> Text:
    """The record's standing and the one fact it rests on, in a line an 80 mm receipt holds
    ("已失效：届满日2021-03-01已过", "未成为专利：申请被驳回"): its group's word first; the why as the screen and
    the reports give it (`doubt_reason`, `standing_reason` …) is too long for a slip a visitor takes home."""
    group = status_group(p, today)
    if group == "foreign":
        office = foreign_office(p) or ""
        if office in _REGION_OFFICES:
            zh, en = _REGION_OFFICES[office]
            return Text(f"{zh}的专利或申请：在内地不受保护", f"from {en}: no right in the mainland")
        if office == "WO":
            return Text("国际申请（PCT）：本身不是专利", "international (PCT) application: not a patent itself")
        return Text("外国专利或申请：在中国不受保护", "foreign patent or application: no right in China")
    if group == "doubtful":
        held = open_status(p.legal_status) if status_doubt(p, today) is None else None
        if held is not None:
            return _OPEN_BRIEF[held]
        return Text("状态存疑：记录的状态或日期有矛盾，按有效对待", "in doubt: status or dates conflict; treat as in force")
    if group == "not_granted":
        return _NOT_GRANTED_BRIEF[str(not_granted(p))]
    if group == "free":
        if open_status(p.legal_status) == DUPLICATE:  # its term has run; the same-day invention's may not have
            return Text("已失效：但同日申请的发明专利可能仍有效，请核实",
                        "expired, but its twin invention patent may be in force")
        if p.expiry_date is not None and p.expiry_date < today:
            day = p.expiry_date.isoformat()
            return Text(f"已失效：届满日{day}已过", f"expired: the expiry date {day} has passed")
        if open_status(p.legal_status) is not None:  # 等待恢复 after the whole term
            return Text("已失效：保护期已满", "expired: its term has run")
        name = status_name(p.legal_status)
        if name.zh == "已失效":  # the group's own word: not said twice
            return Text("已失效：据本机记录的法律状态", "lapsed: as the status recorded here says")
        return Text(f"已失效：记录的法律状态为“{name.zh}”", f"expired or lapsed: recorded as {name.en}")
    if group == "in_force":
        if p.expiry_date is not None:
            day = p.expiry_date.isoformat()
            return Text(f"有效（届满日{day}）：使用须经权利人许可", f"in force (expires {day}): ask the holder")
        return Text("有效：使用须经权利人许可", "in force: ask the holder before using")
    if group == "pending":
        if p.kind == "invention":
            return Text("审查中：公布后有临时保护，按有效对待", "pending: provisional protection; treat as in force")
        return Text("审查中：授权后即受保护，使用前按有效对待", "pending: protected once granted; treat as in force")
    return Text("状态不明：使用前请核实，核实前按有效对待", "status unknown: check; until then treat as in force")


# --- the flow ----------------------------------------------------------------------------------------

QUESTIONS = {
    "crop": Question("crop", Text("什么作物或动物？", "Which crop or animal?"),
                     Text("如水稻、苹果、生猪；可从建议中选择。", "e.g. rice, apples, pigs; pick from the suggestions.")),
    "technique": Question("technique", Text("哪方面的技术？", "Which kind of technique?"),
                          Text("可以不选，也可以补充关键词。", "Optional; you may add keywords too.")),
    SUMMARY: Question(SUMMARY, Text("请核对您的回答", "Check your answers")),
}


def _answers(data: Mapping[str, Any]) -> list[Answer]:
    out = []
    crop_text = str(data.get("crop") or "")
    if crop_text:
        out.append(Answer(QUESTIONS["crop"].title, typed_crop_label(crop_text)))
    technique = rules.TECHNIQUES_BY_ID.get(str(data.get("technique") or ""))
    out.append(Answer(QUESTIONS["technique"].title, technique.name if technique else Text("不限", "any")))
    if data.get("keywords"):
        kw = str(data["keywords"])
        out.append(Answer(Text("关键词", "Keywords"), Text(kw, kw)))
    return out


def typed_crop_label(crop_text: str) -> Text:
    """The crop as the person typed it, and what it was searched as when that is another word: 大米 →
    水稻 / 大米 (a part of the crop's name), 水到 → 水到（按水稻 / 大米查找）, 桃 → 桃 (not read as a crop)."""
    typed = " ".join(crop_text.split())
    crop = crop_for(typed)
    if crop is None:
        return Text(typed, typed)
    names = {fold(n) for n in (*crop.name.zh.split(" / "), *crop.name.en.split(" / "))}
    if fold(typed) in names or fold(typed) == crop.id:
        return crop.name
    return Text(f"{typed}（按{crop.name.zh}查找）", f"{typed} (searched as {crop.name.en})")


def _crop_problems(data: Mapping[str, Any]) -> list[Text]:
    crop = str(data.get("crop") or "")
    if not crop.strip():
        return [Text("请输入作物或动物。", "Type a crop or an animal.")]
    wordless = crop_problem(crop)
    return [wordless] if wordless is not None else []


PATENT_FLOW = FlowSpec(
    name="patent_finder",
    questions=QUESTIONS,
    first="crop",
    next_rules={"crop": lambda d: "technique", "technique": lambda d: SUMMARY},
    problem_rules={
        "crop": _crop_problems,
        "technique": lambda d: [] if not d.get("technique") or d.get("technique") in rules.TECHNIQUES_BY_ID
        else [Text("未知的技术类别。", "Unknown technique.")],
    },
    answer_rule=_answers,
)


# --- the result --------------------------------------------------------------------------------------

FREE_TO_USE_RULE = RuleCitation(
    Text("专利权期满或终止后", "After a patent expires or lapses"),
    Text("专利权期满、因未缴年费终止或被宣告无效后，这件专利本身不再限制他人实施；但同一项技术可能还受其他有效专利保护，"
         "因未缴年费等原因终止的专利，权利人在规定期限内还可能请求恢复权利。专利失效也不等于受保护的植物新品种、注册商标或"
         "地理标志名称可以使用。",
         "Once a patent has expired, lapsed for unpaid fees or been invalidated, that patent itself no longer "
         "restricts anyone from using the technology; but another patent in force may cover the same technique, "
         "and the holder of a patent that lapsed for unpaid fees may still ask for it to be restored within the "
         "time the rules allow. Nor does it free a protected plant variety, a registered trademark or a geographical "
         "indication's name."),
    verified=False,  # status in the local data may be out of date
)
PROVISIONAL_RULE = RuleCitation(
    Text("《专利法》第十三条", "Patent Law, Art. 13"),
    Text("发明专利申请公布后，申请人可以要求实施其发明的单位或者个人支付适当的费用（授权后才能主张）。",
         "After an invention application is published, the applicant may require anyone exploiting the invention "
         "to pay an appropriate fee (claimable once the patent is granted)."),
)
RESTORATION_RULE = RuleCitation(
    Text("《专利法实施细则》第六条", "Patent Law Implementing Regulations, Art. 6"),
    Text("因延误期限（如未按时缴纳年费）而丧失的权利，可以在规定期限内请求恢复。",
         "A right lost because a time limit was missed (annual fees unpaid, say) may be restored on request "
         "within the time allowed."),
)
REEXAMINATION_RULE = RuleCitation(
    Text("《专利法》第四十一条", "Patent Law, Art. 41"),
    Text("申请人对驳回申请的决定不服的，可以自收到通知之日起三个月内请求复审；复审可能撤销驳回。对复审决定不服的，"
         "可以自收到通知之日起三个月内向人民法院起诉。",
         "An applicant may request re-examination of a rejection within three months of the notice; re-examination "
         "may set the rejection aside. A re-examination decision may be challenged in a people's court within three "
         "months of its notice."),
)
DOUBLE_PATENTING_RULE = RuleCitation(
    Text("《专利法》第九条第一款", "Patent Law, Art. 9(1)"),
    Text("同一申请人同日对同样的发明创造既申请实用新型又申请发明的，放弃实用新型专利权后可以授予发明专利权。",
         "Where the same applicant files for a utility model and an invention patent on the same creation on the "
         "same day, the invention patent may be granted once the utility model is given up."),
)
TERM_RULE = RuleCitation(
    Text("《专利法》第四十二条", "Patent Law, Art. 42"),
    Text("发明专利权的期限为二十年，实用新型十年，外观设计十五年（2021年6月1日前申请的为十年），均自申请日起计算；"
         "只有发明专利的期限可以补偿延长。",
         "An invention patent lasts twenty years, a utility model ten and a design fifteen (ten if filed before "
         "1 June 2021), all from the filing date; only an invention patent's term may be extended by compensation."),
)
# Plant and animal varieties cannot be patented (专利法第二十五条第一款第（四）项; the methods of breeding them can,
# second paragraph); a plant variety is protected by 植物新品种权 (《植物新品种保护条例》, 《种子法》第四章). A
# patent that no longer restricts use frees neither a protected variety nor a trademark or a GI name.
VARIETY_NOTE = Text(
    "植物、动物品种本身不能申请专利（专利法第二十五条第一款第（四）项），培育方法可以；植物新品种受植物新品种权保护"
    "（《植物新品种保护条例》《种子法》），繁殖、销售受保护品种的繁殖材料须经品种权人许可。专利失效不等于品种、"
    "商标或地理标志名称可以随便使用：请另行查询品种权（农业农村部、国家林业和草原局）。",
    "Plant and animal varieties cannot be patented (Patent Law, Art. 25(1)(iv)), though breeding methods can; a new "
    "plant variety is protected by plant variety rights (Regulations on the Protection of New Varieties of Plants, "
    "Seed Law), and propagating or selling a protected variety's propagating material needs the holder's consent. A "
    "patent that no longer restricts use does not free a protected variety, a trademark or a geographical "
    "indication's name: look up variety rights separately (Ministry of Agriculture and Rural Affairs, National "
    "Forestry and Grassland Administration).",
)
VARIETY_RULE = RuleCitation(
    Text("《专利法》第二十五条第一款第（四）项；《植物新品种保护条例》；《种子法》",
         "Patent Law, Art. 25(1)(iv); Regulations on the Protection of New Varieties of Plants; Seed Law"),
    Text("动物和植物品种不授予专利权；植物新品种由品种权保护，未经品种权人许可，不得生产、繁殖或销售受保护品种的繁殖材料。",
         "No patent is granted for animal or plant varieties; a new plant variety is protected by a variety right, and "
         "its propagating material may not be produced, propagated or sold without the holder's consent."),
)
# Words that make a search one about seeds or varieties (besides the breeding technique).
_VARIETY_WORDS = ("品种", "种子", "良种", "种苗", "稻种", "制种", "育种")


def about_varieties(data: Mapping[str, Any]) -> bool:
    """Whether the search is about breeding or seed (the breeding technique, or such a word typed)."""
    typed = fold(f"{data.get('crop') or ''} {data.get('keywords') or ''}")
    return data.get("technique") == "breeding" or any(w in typed for w in _VARIETY_WORDS)


FOREIGN_RIGHTS_NOTE = Text(
    "专利只在授予它的国家或地区有效：在中国已失效的专利，在其他国家或地区可能仍然有效，产品出口前请另行核实。",
    "A patent protects only where it was granted: one that has ended in China may still be in force in other "
    "countries; check before exporting.",
)

# The cautions a short printout (the kiosk's receipt) keeps of the notes, the rules and the next steps, each
# only where its group was found: what the lapsed ones and the applications never granted do not mean, that a
# right abroad may have a Chinese twin, that a variety is no patent.
SHORT_FREE_NOTE = Text(
    "“已失效”只是这一件专利本身不再限制使用：同一项技术可能还有其他有效专利，本机也只有部分专利数据；"
    "也不等于受保护的品种、商标或地理标志名称可以使用。使用前请在国家知识产权局网站核实最新法律状态。",
    "Expired or lapsed means only that this patent itself no longer restricts use: another patent in force may "
    "cover the same technique, and this computer holds only part of the patent data; nor does it free a protected "
    "variety, a trademark or a geographical indication's name. Before using it, check its latest status on "
    "CNIPA's site.",
)
SHORT_NOT_GRANTED_NOTE = Text(
    "“未成为专利”的申请本身不限制任何人，但可能恢复或经复审授权，以国家知识产权局登记为准；"
    "同一项技术可能还有其他有效专利。",
    "An application never granted restricts no one itself, but it may be restored or granted on re-examination: "
    "CNIPA's register decides; another patent in force may cover the same technique.",
)
SHORT_FOREIGN_NOTE = Text(
    "境外专利和国际申请在中国内地不受保护，但可能有国家知识产权局的同族专利（CN开头），请查找核实。",
    "Patents from outside the Chinese mainland and international applications give no right in the Chinese "
    "mainland, but one may have a family member at CNIPA (CN): look it up.",
)
SHORT_VARIETY_NOTE = Text(
    "植物品种受植物新品种权保护，不是专利：专利失效不等于可以繁殖、销售受保护的品种，请另行查询品种权。",
    "Plant varieties are protected by plant variety rights, not patents: a lapsed patent does not let anyone "
    "propagate or sell a protected variety; look up variety rights separately.",
)

# The order findings are listed in, and the words for each group in a headline: what restricts use first (in
# force, then those to treat as in force), as the user guide says, since the question is "may I use it?"; then
# what does not (lapsed, applications never granted, rights abroad). 已失效 had come first.
GROUP_ORDER = {"in_force": 0, "doubtful": 1, "pending": 2, "unknown": 3, "free": 4, "not_granted": 5, "foreign": 6}
# How many patents a result lists (on screen, in every report, on the kiosk): the one cap. More found are
# counted by group, but only this many are listed.
MAX_LISTED = 200
# Which patents are listed when more are found than MAX_LISTED: those the person must treat as in force
# first (status in doubt, pending applications, of unknown status, in force), the ones that no longer
# restrict use last; within a group the newest first (QA 20a N1: the cut had dropped every pending one).
LIST_PRIORITY = {"doubtful": 0, "pending": 1, "in_force": 2, "unknown": 3, "not_granted": 4, "free": 5, "foreign": 6}
_GROUP_WORDS = {
    "free": Text("已失效", "expired or lapsed"),
    "in_force": Text("有效", "in force"),
    "doubtful": Text("状态存疑", "status in doubt"),
    "pending": Text("审查中", "pending"),
    "unknown": Text("状态不明", "status unknown"),
    # said after a number, one or many ("1 never granted", "2 from outside …")
    "not_granted": Text("未成为专利的申请", "never granted"),
    "foreign": Text("境外专利或国际申请", "from outside the Chinese mainland or international (no right in the mainland)"),
}
_SEARCH_ONLINE = Text(
    f"在国家知识产权局“中国专利公布公告”网站（{PATENT_SEARCH_SITE}）用下面列出的检索用词和分类号查找，"
    "或请县（市、区）知识产权局帮助检索。",
    f"Search CNIPA's patent publication site ({PATENT_SEARCH_SITE}) with the search words and IPC codes listed "
    "below, or ask the county (city, district) IP office to search.",
)


def searched_text(query: PatentQuery) -> Text:
    """What was searched, in one line: the words, and every IPC code with how it was used (the technique's codes
    with the words, the crop's own groups without them), so that the line names each code searched once."""
    words_zh, words_en = "、".join(query.keywords + query.extra), ", ".join(query.keywords + query.extra)
    if query.ipc:
        ipc_zh = f"分类号：{'、'.join(query.ipc)}（文字中须有检索用词）"
        ipc_en = f"IPC: {', '.join(query.ipc)} (with the search words in the text)"
    else:
        ipc_zh, ipc_en = "分类号：不限", "IPC: any"
    if query.own_ipc:
        ipc_zh += f"，以及专属于这种作物的{'、'.join(query.own_ipc)}（文字中不必有作物名）"
        ipc_en += f", and {', '.join(query.own_ipc)}, specific to this crop (the text need not name the crop)"
    return Text(f"检索用词：{words_zh}；{ipc_zh}。", f"Searched for: {words_en}; {ipc_en}.")


def decide(data: Mapping[str, Any], facts: PatentFacts) -> Outcome:
    query = plan_query(data)
    today = facts.today or dt.date.today()
    findings: list[Finding] = []
    counts = dict.fromkeys(GROUP_ORDER, 0)
    rows = []
    held: set[str] = set()  # the not-final statuses found (domain.patent_status)
    dated = 0  # doubtful for their dates
    pending_kinds: set[str] = set()  # invention | other
    ended_how: set[str] = set()  # how the applications never granted ended (`not_granted`)
    for p in facts.patents:
        group = status_group(p, today)
        counts[group] += 1
        kind = rules.PATENT_KIND_NOTES.get(p.kind)
        kind_name = patent_kind_name(p.kind)
        reasons = [Text(f"类型：{kind_name.zh}", f"kind: {kind_name.en}")]
        if p.filing_date:
            reasons.append(Text(f"申请日：{p.filing_date.isoformat()}", f"filed: {p.filing_date.isoformat()}"))
        if p.legal_status:
            status = status_name(p.legal_status)
            reasons.append(Text(f"法律状态：{status.zh}", f"legal status: {status.en}"))
        if p.expiry_date:
            reasons.append(Text(f"届满日：{p.expiry_date.isoformat()}", f"expires: {p.expiry_date.isoformat()}"))
        if group in ("not_granted", "foreign"):  # no right in China whatever its status: why, as its page says
            reasons.append(standing_reason(p))  # type: ignore[arg-type]
            if group == "not_granted":
                ended_how.add(str(not_granted(p)))
        over = open_status_over(p, today)
        if over is not None and group == "free":  # 等待恢复 after the whole term: why it is listed as no longer restricting use
            reasons.append(over)
        doubt = doubt_reason(p, today) if group != "foreign" else None  # a right abroad: no verdict on its status
        if doubt is not None:
            reasons.append(Text(f"状态存疑：{doubt.zh}，以国家知识产权局登记为准",
                                f"status in doubt: {doubt.en}; CNIPA's register decides"))
            if status_doubt(p, today) is None:
                held.add(str(open_status(p.legal_status)))
            else:
                dated += 1
        compensated = compensated_term_note(p, today) if group == "in_force" else None
        if compensated is not None:
            reasons.append(compensated)
        if group == "pending":
            reasons.append(_PROVISIONAL if p.kind == "invention" else _NOT_PUBLISHED)
            pending_kinds.add("invention" if p.kind == "invention" else "other")
        if p.ipc_codes:
            main = p.ipc_codes[0]
            reasons.append(Text(f"分类号：{format_patent_class(main)}",
                                f"{'Locarno class' if is_locarno(main) else 'IPC'}: {format_ipc(main)}"))
        if kind is None:
            reasons.append(Text("类型不明", "kind unknown"))
        subtitle = " · ".join(x for x in (p.pub_no, p.applicants.split(";")[0].strip()) if x)
        rows.append((GROUP_ORDER[group], p.filing_date or dt.date.min,
                     Finding("patent", p.id, p.title, subtitle, group, tuple(reasons), brief=brief_standing(p, today))))
    # the listed ones: those to treat as in force first (LIST_PRIORITY), then in the order shown (GROUP_ORDER)
    kept = sorted(rows, key=lambda r: (LIST_PRIORITY[r[2].group], -r[1].toordinal()))[:MAX_LISTED]
    kept.sort(key=lambda r: (r[0], -r[1].toordinal()))
    findings = [f for _, _, f in kept]
    left_out = dict(counts)
    for f in findings:
        left_out[f.group] -= 1
    # the heading as the title, the code beside it: once each (the code and heading had shown twice)
    ipc_findings = [Finding("class", 0, title.zh or code, code, "ipc", (),
                            title_text=Text(title.zh or code, title.en or title.zh or code))
                    for code, title in facts.ipc_titles.items()]
    crop = crop_for(str(data.get("crop") or ""))
    crop_label = crop.name if crop else Text(str(data.get("crop") or ""), str(data.get("crop") or ""))
    notes = [rules.PATENT_KIND_NOTES["invention"], rules.PATENT_KIND_NOTES["utility"], rules.PATENT_KIND_NOTES["design"],
             searched_text(query), *([VARIETY_NOTE] if about_varieties(data) else [])]
    typed = "".join(str(data.get("crop") or "").split())
    sounded = rules.crop_sounding_like(typed) if crop is not None else None
    # 水到 typed (an input method's homophone): said, so a wrong guess is seen
    homophone = None if sounded is None else Text(
        f"按「{sounded[0]}」查找：输入的「{typed}」读音与它相同。",
        f"Searched as {sounded[0]} ({sounded[1].name.en}): {typed} as typed sounds the same.")
    # said first, the stale one before all: every verdict below rests on statuses that may have changed
    said_first = [n for n in (stale_status_note(facts, today), homophone) if n is not None]  # a receipt too
    notes[:0] = said_first
    if not facts.store_has_patents:
        return _no_patent_data(data, crop_label, notes, ipc_findings, facts.data_as_of)
    examined = len(facts.patents)  # the patents read (the newest found), counted by group below
    listed = len(findings)
    total = max(facts.total, examined) if facts.total >= 0 else examined
    if not total:
        return _none_found(data, crop_label, notes, ipc_findings, facts)
    notes.append(FOREIGN_RIGHTS_NOTE)
    plus = "+" if facts.total_capped else ""
    groups = [(n, _GROUP_WORDS[g]) for g, n in counts.items() if n]
    zh_groups = "、".join(f"{n}件{w.zh}" for n, w in groups)
    en_groups = ", ".join(f"{n} {w.en}" for n, w in groups)
    # what is not listed: by group among those read, and any older ones found but not read
    unread = total - examined
    omitted = [(n, _GROUP_WORDS[g]) for g, n in left_out.items() if n]
    zh_omitted = f"，未列出{'、'.join(f'{n}件{w.zh}' for n, w in omitted)}" if omitted else ""
    en_omitted = f", not listed: {', '.join(f'{n} {w.en}' for n, w in omitted)}" if omitted else ""
    if unread > 0:
        zh_omitted += f"，另有较早的{unread}{plus}件未查看"
        en_omitted += f"; {unread}{plus} older ones not read"
    if unread > 0:  # the groups are counted among the newest read, not among all found
        zh_found = f"本机数据中找到{total}{plus}件专利，最新的{examined}件中"
        en_found = f"{total}{plus} patents found on this computer; of the newest {examined}: "
    else:
        zh_found = f"本机数据中找到{total}{plus}件专利，其中"
        en_found = f"{total}{plus} patent{'' if total == 1 and not plus else 's'} found on this computer: "
    zh_listed = en_listed = ""
    if listed < total:
        zh_listed, en_listed = f"；列出{listed}件{zh_omitted}", f"; {listed} listed{en_omitted}"
        notes.append(Text(
            f"共找到{total}{plus}件，这里列出{listed}件{zh_omitted}。先列出的是状态存疑、审查中、有效和状态不明的"
            "（使用前都须按有效专利对待），已失效的、未成为专利的申请和境外专利最后。可加关键词缩小范围。",
            f"{total}{plus} found; {listed} listed{en_omitted}. Those with a status in doubt, pending, in force or "
            "of unknown status are listed first (all to be treated as in force before using), the expired or lapsed "
            "ones, applications never granted and those from outside the Chinese mainland last. Add keywords to narrow it down."))
    doubt_why = [*([Text("登记的状态与日期不符", "the recorded status contradicts the dates")] if dated else []),
                 *([Text("状态并非最终结果（权利可能恢复或仍受保护，见各件说明）",
                         "the status is not final (the right may come back or live on: see each patent)")]
                   if held else [])]
    pending_said = [t for k, t in (("invention", _PROVISIONAL), ("other", _NOT_PUBLISHED)) if k in pending_kinds]
    said = {  # each group found, in a sentence
        "free": Text(f"已失效{counts['free']}件：这些专利本身不再限制使用，但同一项技术可能还有其他有效专利，"
                     "而本机只有导入的部分专利数据；专利失效也不等于受保护的品种、商标或地理标志名称可以使用。",
                     f"{counts['free']} expired or lapsed: these patents themselves no longer restrict use, but "
                     "another patent in force may cover the same technique, and this computer holds only the patent "
                     "data loaded on it; nor does it free a protected variety, a trademark or a geographical indication's "
                     "name."),
        "in_force": Text(f"有效{counts['in_force']}件：使用前须征得权利人许可。",
                         f"{counts['in_force']} in force: ask the holder before using."),
        "doubtful": Text(f"状态存疑{counts['doubtful']}件：" + "，或".join(why.zh for why in doubt_why)
                         + "，以国家知识产权局登记为准；查清之前按有效专利对待。",
                         f"{counts['doubtful']} with a status in doubt: " + ", or ".join(why.en for why in doubt_why)
                         + "; CNIPA's register decides, and until then treat them as in force."),
        "pending": Text(f"审查中{counts['pending']}件：" + "".join(t.zh + "。" for t in pending_said),
                        f"{counts['pending']} pending: " + "; ".join(t.en for t in pending_said) + "."),
        "unknown": Text(f"状态不明{counts['unknown']}件：使用前请核实。", f"{counts['unknown']} of unknown status: check before using."),
        "not_granted": Text(f"未成为专利的申请{counts['not_granted']}件：申请被驳回、撤回或视为放弃，没有授予专利权，"
                            "这些申请本身不限制任何人；其中视为撤回、视为放弃的可能在期限内恢复，被驳回的可能经复审授权，"
                            "以国家知识产权局登记为准。",
                            f"{plural(counts['not_granted'], 'application', 'applications')} never granted: rejected, "
                            "withdrawn or given up, they "
                            "did not become patents and restrict no one themselves; one deemed withdrawn or given up "
                            "may be restored in time, and a rejected one granted on re-examination: CNIPA's register "
                            "decides."),
        "foreign": Text(f"境外专利或国际申请{counts['foreign']}件：专利只在授予它的国家或地区有效，这些在中国内地不受保护；"
                        "国际申请（WO）只有进入中国国家阶段后才在中国有效。请查找它们在国家知识产权局的同族专利（CN开头）。",
                        f"{counts['foreign']} from outside the Chinese mainland or international: a patent protects only "
                        "where it was granted, so these are not protected in the Chinese mainland; an international (WO) application "
                        "has effect in China only through a Chinese national-phase application. Look for their "
                        "family members at CNIPA (CN numbers)."),
    }
    explanation = [said[g] for g, n in counts.items() if n]
    pending_said_en = [t.en for t in pending_said]
    steps = {  # what to do about each group: only the groups found (none lapsed, no word about lapsed ones)
        "free": Text("“已失效”的专利本身不再限制使用；用这项技术前，请在国家知识产权局网站核实它的最新法律状态，"
                     "并确认没有其他有效专利覆盖这项技术。",
                     "A patent marked expired or lapsed no longer restricts use by itself; before using the technique, "
                     "check its latest legal status on CNIPA's site and make sure no other patent in force covers it."),
        "in_force": Text("“有效”的专利：联系专利权人洽谈许可或购买。",
                         "Patents in force: contact the holder about a licence or a purchase."),
        "pending": Text("“审查中”的申请：" + "；".join(t.zh for t in pending_said) + "。请关注其进展。",
                        "Pending applications: " + "; ".join(pending_said_en) + ". Follow their progress."),
        "doubtful": Text("“状态存疑”的专利：在国家知识产权局网站查清法律状态；查清之前，按有效专利对待。",
                         "Patents whose status is in doubt: look up their legal status on CNIPA's site; until then, "
                         "treat them as in force."),
        "unknown": Text("“状态不明”的专利：在国家知识产权局网站查清法律状态；查清之前，按有效专利对待。",
                        "Patents of unknown status: look up their legal status on CNIPA's site; until then, treat "
                        "them as in force."),
        "not_granted": Text("“未成为专利的申请”：它们本身不限制使用，但同一项技术可能还有其他有效专利；使用前请在国家知识产权局"
                            "网站核实它们没有恢复或经复审授权。",
                            "Applications never granted do not themselves restrict use, but another patent in force may "
                            "cover the same technique; before using it, check on CNIPA's site that they were not "
                            "restored or granted on re-examination."),
        "foreign": Text("“境外专利或国际申请”：在国家知识产权局网站按申请人和名称查找它们的同族专利（CN开头），"
                        "按那一件的状态判断；没有这样的同族专利的，本身不限制在中国内地使用，但产品出口到那个国家或地区前请另行核实。",
                        "Patents from outside the Chinese mainland or international applications: look for their family members (CN "
                        "numbers) on CNIPA's site by applicant and title, and go by those; one with none there does "
                        "not itself restrict use in the Chinese mainland, but check before exporting to its country or region."),
    }
    # in the order the patents are listed: what restricts use first
    next_steps = [steps[g] for g in sorted(steps, key=GROUP_ORDER.__getitem__) if counts[g]]
    if DUPLICATE in held:
        next_steps.insert(next_steps.index(steps["doubtful"]) + 1, Text(
            "“避免重复授权放弃”的实用新型：同一申请人就同一技术的发明专利可能仍然有效，请查找那件发明专利（申请人、名称相同）"
            "核实其法律状态；核实之前按有效专利对待。",
            "A utility model given up to avoid double patenting: the same applicant's invention patent on the same "
            "technique may still be in force; look for it (same applicant and title) and check its legal status, and "
            "until then treat it as in force."))
    # the day every verdict above rests on: a computer whose clock is wrong shows it here
    notes.append(judged_on_note(today))
    cited = [FREE_TO_USE_RULE, *([VARIETY_RULE] if about_varieties(data) else []),
             *([PROVISIONAL_RULE] if "invention" in pending_kinds or REEXAMINATION in held else []),
             *([RESTORATION_RULE] if RESTORABLE in held or ended_how & {"withdrawn", "abandoned"} else []),
             *([REEXAMINATION_RULE] if REEXAMINATION in held or ended_how & {"rejected", "upheld"} else []),
             *([DOUBLE_PATENTING_RULE] if DUPLICATE in held else []),
             *([TERM_RULE] if dated else [])]
    cautions = [note for group, note in (("free", SHORT_FREE_NOTE), ("not_granted", SHORT_NOT_GRANTED_NOTE),
                                         ("foreign", SHORT_FOREIGN_NOTE)) if counts[group]]
    short_notes = [*said_first, *cautions, *([SHORT_VARIETY_NOTE] if about_varieties(data) else [])]
    return Outcome(
        wizard="patent_finder", code="found", level=LEVEL_INFO,
        headline=Text(f"{crop_label.zh}：{zh_found}{zh_groups}{zh_listed}",
                      f"{crop_label.en}: {en_found}{en_groups}{en_listed}"),
        explanation=Text("".join(t.zh for t in explanation), " ".join(t.en for t in explanation)),
        next_steps=tuple(next_steps),
        office=Text("县（市、区）知识产权局；专利权人（见申请人）", "The county (city, district) IP office; the patent holder (see applicants)"),
        rules=tuple(cited),
        answers=tuple(_answers(data)), findings=tuple([*findings, *ipc_findings]),
        notes=tuple(notes), data_as_of=facts.data_as_of, short_notes=tuple(short_notes),
    )


def _none_found(data: Mapping[str, Any], crop_label: Text, notes: list[Text], ipc_findings: list[Finding],
                facts: PatentFacts) -> Outcome:
    """Patents are on this computer but none matched: that is none *here*, not none at all."""
    n = facts.store_patents
    if n >= 0:
        headline = Text(f"{crop_label.zh}：本机的{n:,}件专利中没有找到相关专利",
                        f"{crop_label.en}: none of the {n:,} patent{'' if n == 1 else 's'} on this computer matched")
        held = Text(f"这台电脑上只有导入的{n:,}件专利，其中没有符合条件的。",
                    f"This computer holds only the {n:,} patent{'' if n == 1 else 's'} loaded on it, and none of "
                    "them matched.")
    else:
        headline = Text(f"{crop_label.zh}：本机的专利数据中没有找到相关专利",
                        f"{crop_label.en}: no patent in the data on this computer matched")
        held = Text("这台电脑上只有导入的部分专利数据，其中没有符合条件的。",
                    "This computer holds only the patent data loaded on it, and none of it matched.")
    return Outcome(
        wizard="patent_finder", code="none_found", level=LEVEL_CAUTION, headline=headline,
        explanation=Text(held.zh + "这不表示没有相关专利：使用某项技术前，请先查清它是否受专利保护。",
                         held.en + " That does not mean none exist: before using a technique, find out whether a "
                         "patent protects it."),
        next_steps=(
            _SEARCH_ONLINE,
            Text("也可以换个说法、少选条件再查一次，或由工作人员在“数据与同步”中更新或导入更多专利数据。",
                 "Or search again with other words or fewer choices, or have the staff update or import more patent "
                 "data under \"Data & sync\"."),
        ),
        office=Text("县（市、区）知识产权局", "The county (city, district) IP office"),
        rules=(FREE_TO_USE_RULE, *([VARIETY_RULE] if about_varieties(data) else [])),
        answers=tuple(_answers(data)), findings=tuple(ipc_findings),
        notes=tuple([*notes, Text("本机的专利数据中没有符合条件的专利。", "No patents in the offline data match.")]),
        data_as_of=facts.data_as_of,
    )


def _no_patent_data(data: Mapping[str, Any], crop_label: Text, notes: list[Text], ipc_findings: list[Finding],
                    data_as_of: str) -> Outcome:
    """No patent is on this computer: nothing was searched, which is not the same as none existing."""
    return Outcome(
        wizard="patent_finder", code="no_data", level=LEVEL_CAUTION,
        headline=Text(f"{crop_label.zh}：本机还没有专利数据，无法查找",
                      f"{crop_label.en}: there are no patent data on this computer to search"),
        explanation=Text(
            "这台电脑上还没有装入专利数据，所以没有查找任何专利。这不表示没有相关专利：使用某项技术前，请先查清它是否受专利保护。",
            "No patent data have been loaded on this computer, so no patent was searched. That does not mean none "
            "exist: before using a technique, find out whether a patent protects it.",
        ),
        next_steps=(
            _SEARCH_ONLINE,
            Text("或由工作人员在“数据与同步”中更新或导入专利数据后重新查找。",
                 "Or have the staff update or import patent data under \"Data & sync\" and search again."),
        ),
        office=Text("县（市、区）知识产权局", "The county (city, district) IP office"),
        rules=(FREE_TO_USE_RULE, *([VARIETY_RULE] if about_varieties(data) else [])),
        answers=tuple(_answers(data)), findings=tuple(ipc_findings), notes=tuple(notes), data_as_of=data_as_of,
    )
