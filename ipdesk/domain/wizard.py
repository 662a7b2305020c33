"""A small wizard engine shared by the GI, brand and patent wizards (Electrum's shape, without Qt).

A flow is a list of questions plus two rules: which question comes next for the answers so far,
and whether a question is answered well enough to go on. `WizardSession` walks a flow with a
history stack, so Back always works and returns to exactly the question seen before. Qt pages (and
the kiosk) only copy widget values into `session.data` and ask the session what comes next.

Every wizard ends in an `Outcome`: bilingual text plus a structured form (route, office, checklist,
rule citations, the answers given, the records it rests on) that reports and the CLI render.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from ipdesk.domain.i18n import Text, data_as_of_label, is_english

SUMMARY = "summary"

LEVEL_GO = "go"  # the person can go ahead (apply, register, use freely)
LEVEL_CAUTION = "caution"  # possible, with risks or conditions
LEVEL_STOP = "stop"  # not possible as asked
LEVEL_INFO = "info"  # a list of findings, no verdict

CHECK_LOCALLY = Text("请向当地知识产权局核实", "check with your local IP office")


NO_TEXT = Text("", "")


@dataclass(frozen=True)
class Question:
    id: str
    title: Text
    help: Text = NO_TEXT


@dataclass(frozen=True)
class RuleCitation:
    """The rule a step or an outcome rests on. `verified` is False where the article number or the
    detail was not confirmed: the app then says "check with your local IP office"."""

    title: Text  # e.g. 《地理标志产品保护办法》第三条
    summary: Text  # what it says, in one line
    verified: bool = True

    def label(self, lang: str) -> str:
        text = self.title(lang)
        if self.verified:
            return text
        return f"{text} ({CHECK_LOCALLY(lang)})" if is_english(lang) else f"{text}（{CHECK_LOCALLY(lang)}）"


@dataclass(frozen=True)
class Answer:
    """One answer given, as the person saw it (for the summary and the report)."""

    question: Text
    value: Text


@dataclass(frozen=True)
class Finding:
    """A record (or a word) an outcome rests on: a GI, a similar mark, a patent, a place name."""

    kind: str  # gi | trademark | patent | place | word | class
    ref_id: int
    title: str
    subtitle: str = ""
    group: str = ""  # e.g. covers | outside | red | amber | free | in_force | pending | unknown
    reasons: tuple[Text, ...] = ()
    score: float = 0.0
    # Title or subtitle words of our own (a GI's kind, an IPC code's heading) rather than record data:
    # shown in the reader's language; `title` / `subtitle` then hold the Chinese.
    title_text: Text | None = None
    subtitle_text: Text | None = None
    # The record's standing and why in one line ("已失效：届满日2021-03-01已过"), for a printout with room for
    # no more (the kiosk's receipt); the screen and the reports give `reasons` in full. None: not said.
    brief: Text | None = None

    def title_in(self, lang: str) -> str:
        return self.title_text(lang) if self.title_text else self.title

    def subtitle_in(self, lang: str) -> str:
        return self.subtitle_text(lang) if self.subtitle_text else self.subtitle

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind, "ref_id": self.ref_id, "title": self.title, "subtitle": self.subtitle,
            "group": self.group, "score": round(self.score, 3),
            "reasons": [{"zh": r.zh, "en": r.en} for r in self.reasons],
        }
        if self.title_text:
            out["title_text"] = {"zh": self.title_text.zh, "en": self.title_text.en}
        if self.subtitle_text:
            out["subtitle_text"] = {"zh": self.subtitle_text.zh, "en": self.subtitle_text.en}
        if self.brief:
            out["brief"] = {"zh": self.brief.zh, "en": self.brief.en}
        return out


DISCLAIMER = Text(
    "本结果依据本机离线数据和公开规则自动生成，仅供参考，不构成法律意见或任何保证；具体以主管部门的审查和决定为准，"
    "各地做法可能不同，请向当地知识产权局核实。",
    "This result was produced automatically from the offline data on this computer and the published rules. "
    "It is guidance, not legal advice and not a promise; the authorities decide. Practice varies by province: "
    "check with your local IP office.",
)


@dataclass(frozen=True)
class ChecklistGroup:
    """A labelled part of a checklist, where an outcome lists the papers of two routes (a GI product and a GI
    trademark): each route's papers under its own heading."""

    title: Text
    items: tuple[Text, ...]


@dataclass(frozen=True)
class Outcome:
    """The end of a wizard, in both languages and in a structured form.

    `to_report_section(lang)` gives a plain dict the report renderer can lay out; `to_dict()` gives
    both languages for JSON (`--json`) and for archiving.
    """

    wizard: str  # gi_check | brand_check | patent_finder
    code: str  # the branch reached, e.g. gi_product, outside_area, no_gi, refused, risky, fine, found
    level: str  # go | caution | stop | info
    headline: Text
    explanation: Text
    next_steps: tuple[Text, ...] = ()
    office: Text | None = None
    checklist: tuple[Text, ...] = ()  # one list; or `checklist_groups`, then this holds all their items
    rules: tuple[RuleCitation, ...] = ()
    answers: tuple[Answer, ...] = ()
    findings: tuple[Finding, ...] = ()
    notes: tuple[Text, ...] = ()
    disclaimer: Text = DISCLAIMER
    data_as_of: str = ""  # the data snapshot the result rests on, when known
    checklist_groups: tuple[ChecklistGroup, ...] = ()  # the checklist in labelled parts, when it has parts
    # What a short printout (the kiosk's receipt, with each record's `brief`) must still say to stay honest,
    # besides the headline, the answers and the disclaimer: a few cautions in place of `notes`, `rules` and
    # `next_steps`, which the screen and the reports give in full.
    short_notes: tuple[Text, ...] = ()

    def __post_init__(self) -> None:
        if self.checklist_groups and not self.checklist:  # the flat list is always there for who reads only it
            object.__setattr__(self, "checklist", tuple(i for g in self.checklist_groups for i in g.items))

    def checklist_parts(self) -> tuple[ChecklistGroup, ...]:
        """The checklist as labelled parts; a plain checklist is one part without a title."""
        if self.checklist_groups:
            return self.checklist_groups
        return (ChecklistGroup(NO_TEXT, self.checklist),) if self.checklist else ()

    def title(self, lang: str) -> str:
        sep = ": " if is_english(lang) else "："
        return f"{WIZARD_TITLES[self.wizard](lang)}{sep}{self.headline(lang)}"

    def findings_in(self, group: str) -> list[Finding]:
        return [f for f in self.findings if f.group == group]

    def to_report_section(self, lang: str) -> dict[str, Any]:
        """One language, ready to lay out: headings and lists of strings."""
        return {
            "wizard": self.wizard,
            "code": self.code,
            "level": self.level,
            "title": WIZARD_TITLES[self.wizard](lang),
            "short_title": WIZARD_SHORT_TITLES.get(self.wizard, WIZARD_TITLES[self.wizard])(lang),
            "headline": self.headline(lang),
            "explanation": self.explanation(lang),
            "answers": [(a.question(lang), a.value(lang)) for a in self.answers],
            "next_steps": [s(lang) for s in self.next_steps],
            "office": self.office(lang) if self.office else "",
            "checklist": [c(lang) for c in self.checklist],
            # the same papers in parts: [{"title": "" or the part's heading, "items": [...]}]
            "checklist_groups": [{"title": g.title(lang), "items": [c(lang) for c in g.items]}
                                 for g in self.checklist_parts()],
            "rules": [f"{r.label(lang)}{': ' if is_english(lang) else '：'}{r.summary(lang)}" for r in self.rules],
            "findings": [
                {
                    "kind": f.kind, "ref_id": f.ref_id, "title": f.title_in(lang), "subtitle": f.subtitle_in(lang),
                    "group": f.group,
                    "group_label": GROUP_LABELS[f.group](lang) if f.group in GROUP_LABELS else f.group,
                    "reasons": [r(lang) for r in f.reasons],
                }
                for f in self.findings
            ],
            "notes": [n(lang) for n in self.notes],
            "disclaimer": self.disclaimer(lang),
            "data_as_of": data_as_of_label(self.data_as_of, lang),
        }

    def to_dict(self) -> dict[str, Any]:
        """Both languages, for JSON output and archives."""

        def t(x: Text | None) -> dict[str, str] | None:
            return {"zh": x.zh, "en": x.en} if x else None

        return {
            "wizard": self.wizard,
            "code": self.code,
            "level": self.level,
            "headline": t(self.headline),
            "explanation": t(self.explanation),
            "answers": [{"question": t(a.question), "value": t(a.value)} for a in self.answers],
            "next_steps": [t(s) for s in self.next_steps],
            "office": t(self.office),
            "checklist": [t(c) for c in self.checklist],
            "checklist_groups": [{"title": t(g.title), "items": [t(c) for c in g.items]}
                                 for g in self.checklist_groups],
            "rules": [{"title": t(r.title), "summary": t(r.summary), "verified": r.verified} for r in self.rules],
            "findings": [f.to_dict() for f in self.findings],
            "notes": [t(n) for n in self.notes],
            "short_notes": [t(n) for n in self.short_notes],
            "disclaimer": t(self.disclaimer),
            "data_as_of": self.data_as_of,
        }


# A wizard's name wherever a person reads it: the navigation rail's (ui/pages.py), which heads its page
# (商标核查：这个品牌名称能注册吗) and the user guide's section, and so the reports, the kiosk's printouts
# and the service record's entries.
WIZARD_TITLES = {
    "gi_check": Text("地理标志核查", "GI check"),
    "brand_check": Text("商标核查", "Brand check"),
    "patent_finder": Text("农业专利", "Patents"),
}
# Where the title is too long for a label such as an Excel sheet's name (31 characters with "Records (…)")
WIZARD_SHORT_TITLES: dict[str, Text] = {}
# The names the wizards had in reports and the service record until 2026-11-28. An entry logged before
# keeps its text as it was (its 问答详情 begins "品牌名称检查：…", in its report's language), and so does
# an archived report; lists read such a name as its wizard's key (`wizard_of_text`) and show the current
# name (`with_current_wizard_name`). "Patent finder" was only ever a sheet's short name; listed all the same.
FORMER_WIZARD_TITLES: dict[str, tuple[Text, ...]] = {
    "gi_check": (Text("地理标志使用资格", "GI eligibility"),),
    "brand_check": (Text("品牌名称检查", "Brand-name check"),),
    "patent_finder": (Text("农业专利查找", "Agricultural patent finder"), Text("农业专利查找", "Patent finder")),
}


def _wizard_names() -> list[tuple[str, str]]:
    """(name, wizard) for every name a wizard has had, in either language; the longest first, so that
    农业专利查找 is not read as 农业专利 followed by 查找."""
    names = {name: key for key, t in WIZARD_TITLES.items() for name in (t.zh, t.en)}
    for key, former in FORMER_WIZARD_TITLES.items():
        names.update({name: key for t in former for name in (t.zh, t.en)})
    return sorted(names.items(), key=lambda kv: -len(kv[0]))


def _split_wizard_name(text: str) -> tuple[str, str] | None:
    """(wizard, what follows the name and its colon) where `text` is a wizard's name, current or
    former, in either language, alone or followed by a colon (： or ":"); else None."""
    for name, key in _wizard_names():
        if text == name:
            return key, ""
        if text.startswith(name):
            rest = text[len(name):]
            if rest.startswith(("：", ":")):
                return key, rest[1:].lstrip()
    return None


def wizard_of_text(text: str) -> str:
    """The wizard ("brand_check") whose name, current or former and in either language, `text` begins
    with, as a service-record entry's 问答详情 does ("品牌名称检查：想注册什么名称？…"); "" for none."""
    found = _split_wizard_name(text.strip())
    return found[0] if found else ""


def with_current_wizard_name(text: str, lang: str) -> str:
    """`text` (an entry's 问答详情) with the wizard's name it begins with, however it was worded when the
    entry was logged, as the wizard is named now in `lang` ("品牌名称检查：想注册…" → "商标核查：想注册…",
    in English "Brand check: 想注册…"); the questions and answers are left as logged. Any other text as is."""
    found = _split_wizard_name(text.strip())
    if found is None:
        return text
    key, rest = found
    name = WIZARD_TITLES[key](lang)
    return f"{name}{': ' if is_english(lang) else '：'}{rest}" if rest else name


def detail_in(detail: str, lang: str) -> str:
    """A service-record entry's 问答详情 (a line per wizard result) with each wizard named as it is now in
    `lang` (`with_current_wizard_name`); what was asked and answered as logged."""
    return "\n".join(with_current_wizard_name(line, lang) for line in detail.split("\n"))


def wizards_of_detail(detail: str) -> list[str]:
    """The wizards ("gi_check" …) an entry's 问答详情 names, a line each, in order, once each."""
    return list(dict.fromkeys(k for k in (wizard_of_text(line) for line in detail.split("\n")) if k))

GROUP_LABELS = {
    "covers": Text("覆盖您的乡镇", "covers your township"),
    "outside": Text("您的乡镇不在保护范围内", "your township is outside its area"),
    # the offline data records these areas only roughly or in part: never said as a fact
    "may_cover": Text("可能覆盖您的乡镇（范围为粗略记录，请核实）", "may cover your township (area recorded roughly: check)"),
    "outside_record": Text("不在已记录的范围内（记录不完整，请核实）",
                           "outside the recorded area (the record is incomplete: check)"),
    "not_listed": Text("很可能不在范围内（公告所列乡镇中没有您的乡镇，请核实）",
                       "probably outside (not among the townships its announcement lists: check)"),
    # in words, not colours: a kiosk and a black-and-white printout show no red or amber
    "red": Text("绝对理由：很可能不能注册", "absolute grounds: likely refused"),
    "amber": Text("在先商标：可能冲突", "earlier mark: may conflict"),
    "gi_amber": Text("地理标志：可能冲突", "geographical indication: may conflict"),
    "place_meaning": Text("地名另有含义：可能被驳回，请核对", "a place name with another meaning: may be refused, check"),
    # lapsed is not "free to use": another patent may cover the technique, and a lapsed one may be restored
    "free": Text("已失效：这件专利本身不再限制使用", "expired or lapsed: this patent itself no longer restricts use"),
    "in_force": Text("有效——需征得权利人许可", "in force: ask the holder"),
    "doubtful": Text("状态存疑——以国家知识产权局登记为准", "status in doubt: CNIPA's register decides"),
    "pending": Text("审查中", "pending"),
    "unknown": Text("状态不明——请核实", "status unknown: check"),
    "not_granted": Text("未成为专利的申请：这件申请本身不限制任何人", "application never granted: restricts no one itself"),
    # patent rights are territorial: a patent from outside the mainland or a PCT application is no right there
    "foreign": Text("境外专利或国际申请：在中国内地不受保护；请查找其在国家知识产权局的同族专利",
                    "patent from outside the Chinese mainland, or international application: not protected in the "
                    "Chinese mainland; look for its family member at CNIPA"),
    "ipc": Text("相关分类号", "related IPC codes"),
}


class Flow(Protocol):
    """What a wizard flow provides; see `gi_eligibility.GI_FLOW` for an example."""

    name: str
    questions: Mapping[str, Question]
    first: str

    def next_step(self, step: str, data: Mapping[str, Any]) -> str | None: ...
    def problems(self, step: str, data: Mapping[str, Any]) -> list[Text]: ...
    def answers(self, data: Mapping[str, Any]) -> list[Answer]: ...


@dataclass
class FlowSpec:
    """A flow written as data: questions in order, a `next` rule and a `problems` rule per step."""

    name: str
    questions: Mapping[str, Question]
    first: str
    next_rules: Mapping[str, Callable[[Mapping[str, Any]], str | None]]
    problem_rules: Mapping[str, Callable[[Mapping[str, Any]], list[Text]]]
    answer_rule: Callable[[Mapping[str, Any]], list[Answer]]

    def next_step(self, step: str, data: Mapping[str, Any]) -> str | None:
        if step == SUMMARY:
            return None
        return self.next_rules[step](data)

    def problems(self, step: str, data: Mapping[str, Any]) -> list[Text]:
        rule = self.problem_rules.get(step)
        return rule(data) if rule else []

    def answers(self, data: Mapping[str, Any]) -> list[Answer]:
        return self.answer_rule(data)


@dataclass
class WizardSession:
    """One walk through a flow: current step, the steps behind it, and the draft answers."""

    flow: Flow
    data: dict[str, Any] = field(default_factory=dict)
    history: list[str] = field(default_factory=list)
    current: str = ""

    def __post_init__(self) -> None:
        if not self.current:
            self.current = self.flow.first

    def problems(self) -> list[Text]:
        return self.flow.problems(self.current, self.data)

    def can_go_next(self) -> bool:
        return not self.problems()

    @property
    def next_id(self) -> str | None:
        """The step after the current one; None when the current step is the last (the summary)."""
        return self.flow.next_step(self.current, self.data)

    @property
    def at_summary(self) -> bool:
        return self.current == SUMMARY

    def go_next(self) -> str | None:
        """Move on; returns the new step, or None when the flow is finished (compute the outcome)."""
        if not self.can_go_next():
            return self.current
        nxt = self.next_id
        if nxt is None:
            return None
        self.history.append(self.current)
        self.current = nxt
        return nxt

    def go_back(self) -> str:
        if self.history:
            self.current = self.history.pop()
        return self.current

    def can_go_back(self) -> bool:
        return bool(self.history)

    def restart(self) -> None:
        self.data.clear()
        self.history.clear()
        self.current = self.flow.first

    def answers(self) -> list[Answer]:
        return self.flow.answers(self.data)
