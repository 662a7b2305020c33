"""The report content model: what a printed report says, independent of PDF, Word or Excel.

A `Report` is built in one language (the UI language or the one chosen for that report); every
fixed label comes from `LABELS` so the Chinese and English reports are equally complete. The
renderers (services: Word, Excel; ui: PDF through Qt) only lay this model out.

Wizard outcomes (GI eligibility, brand check, patent finder) reach a report through any object
with `to_report_section(lang)` returning a `ReportSection` or a `WizardSection`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from ipdesk.domain.amounts import plural
from ipdesk.domain.i18n import Text, dataset_label, is_english, pick

# Characters that make a spreadsheet cell a formula (or a DDE payload) when they start it.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


class ColumnType(enum.Enum):
    """How a column's values are typed in Excel and aligned in PDF/Word."""

    TEXT = "text"
    IDENTIFIER = "identifier"  # always text: leading zeros and long digit strings survive
    DATE = "date"
    INTEGER = "integer"


CellValue = str | int | dt.date | None


@dataclass(frozen=True)
class Column:
    label: str
    type: ColumnType = ColumnType.TEXT
    weight: int = 2  # relative width in PDF/Word; Excel widths follow the content
    number_format: str = ""  # Excel's, where the type's is not the one (a time of day: "hh:mm")


@dataclass(frozen=True)
class PrintColumn:
    """One column of a wide table as PDF and Word print it: some of the table's fields in one cell.

    `fields` (indexes into the table's columns) are the cell's first lines, one a line, named by the
    header ("公开号/申请号"); `details` follow, each on its own line as "label：value", and are left
    out when empty ("申请人：…", "IPC：…"). Excel keeps one column per field.
    """

    fields: tuple[int, ...]
    details: tuple[int, ...] = ()
    label: str = ""  # the header; by default the fields' labels joined by "/"


@dataclass
class ReportTable:
    title: str
    columns: list[Column]
    rows: list[list[CellValue]] = field(default_factory=list)
    note: str = ""  # e.g. "first 500 of 1,234 shown"
    sheet: str = ""  # the Excel sheet's name when the title alone does not say whose table it is
    # how PDF and Word print it when one column a field would be too narrow to read; () = as is
    print_columns: tuple[PrintColumn, ...] = ()
    # the same rows as Excel's sheet has them, when it keeps in columns of their own what the printed
    # table packs into one (a wizard's records: number, applicant, kind, filing date, status); None = as is
    sheet_form: ReportTable | None = None

    def __post_init__(self) -> None:
        width = len(self.columns)
        for i, row in enumerate(self.rows):
            if len(row) != width:
                raise ValueError(f"row {i} of table {self.title!r} has {len(row)} cells, expected {width}")


@dataclass(frozen=True)
class QuestionAnswer:
    question: str
    answer: str


@dataclass
class WizardSection:
    """A wizard's outcome in a neutral shape the report renders; wizards convert their outcome to it."""

    wizard: str  # e.g. "地理标志资格核查"
    questions: list[QuestionAnswer] = field(default_factory=list)
    outcome_title: str = ""
    explanation: str = ""
    next_steps: list[str] = field(default_factory=list)
    office: str = ""
    checklist: list[str] = field(default_factory=list)
    # the same papers in titled parts, where an outcome has two routes (title, items); empty: one list
    checklist_groups: list[tuple[str, list[str]]] = field(default_factory=list)
    citations: list[str] = field(default_factory=list)  # rules relied on, as worded in the rules
    verdict: str = ""  # short word for the service record: eligible / risky / …


@dataclass(frozen=True)
class SearchTerm:
    label: str  # e.g. "查询" / "read as (pinyin)"
    value: str


@dataclass
class ReportSection:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[ReportTable] = field(default_factory=list)
    wizard: WizardSection | None = None
    search_terms: list[SearchTerm] = field(default_factory=list)  # the terms of this section's search

    def caption(self, table: ReportTable) -> str:
        """A table's caption under this section's heading: none when it would repeat the heading."""
        return "" if table.title == self.heading else table.title


@runtime_checkable
class ReportableOutcome(Protocol):
    """Anything in the basket that can describe itself in a report (wizard outcomes).

    It may return a `ReportSection`, a `WizardSection`, or the plain dict of
    `ipdesk.domain.wizard.Outcome.to_report_section` (see `section_from_mapping`).
    """

    def to_report_section(self, lang: str) -> Any: ...


def as_section(value: ReportSection | WizardSection | Mapping[str, Any], lang: str = "zh_CN") -> ReportSection:
    if isinstance(value, ReportSection):
        return value
    if isinstance(value, WizardSection):
        return ReportSection(heading=value.wizard, wizard=value)
    if isinstance(value, Mapping):
        return section_from_mapping(value, lang)
    raise TypeError(f"not a report section: {type(value).__name__}")


def section_from_mapping(d: Mapping[str, Any], lang: str) -> ReportSection:
    """The wizards' one-language dict (title, short_title, headline, answers, next_steps, office,
    checklist, rules, findings, notes, data_as_of) as a report section: the wizard block, then a table of the records
    the outcome rests on."""
    wizard = WizardSection(
        wizard=str(d.get("title", "")),
        questions=[QuestionAnswer(str(q), str(a)) for q, a in d.get("answers", ())],
        outcome_title=str(d.get("headline", "")),
        explanation=str(d.get("explanation", "")),
        next_steps=[str(x) for x in d.get("next_steps", ())],
        office=str(d.get("office", "") or ""),
        checklist=[str(x) for x in d.get("checklist", ())],
        checklist_groups=[(str(g.get("title", "")), [str(x) for x in g.get("items", ())])
                          for g in d.get("checklist_groups", ()) if g.get("title")],
        citations=[str(x) for x in d.get("rules", ())],
        verdict=str(d.get("code", "")),
    )
    paragraphs = [str(n) for n in d.get("notes", ())]
    if d.get("data_as_of"):
        paragraphs.append(pick(lang, f"所依据的数据截至：{d['data_as_of']}", f"Data as of: {d['data_as_of']}"))
    tables = []
    short = str(d.get("short_title") or wizard.wizard)  # "Records (Brand check)": within Excel's 31
    findings = list(d.get("findings", ()))
    if findings:
        sheet_form = findings_sheet(findings, lang)
        tables.append(ReportTable(
            title=pick(lang, "依据的记录", "Records relied on"),
            sheet=pick(lang, f"依据的记录（{short}）", f"Records ({short})"),
            columns=[
                Column(pick(lang, "名称", "Name"), ColumnType.TEXT, 3),
                Column(pick(lang, "说明", "Details"), ColumnType.TEXT, 3),
                Column(pick(lang, "分组", "Group"), ColumnType.TEXT, 3),
                Column(pick(lang, "理由", "Why"), ColumnType.TEXT, 6),
            ],
            rows=[[str(f.get("title", "")), str(f.get("subtitle", "")), str(f.get("group_label", f.get("group", ""))),
                   "；".join(str(r) for r in f.get("reasons", ())) if not is_english(lang)
                   else "; ".join(str(r) for r in f.get("reasons", ()))] for f in findings],
            sheet_form=sheet_form,
        ))
    return ReportSection(heading=wizard.wizard, paragraphs=paragraphs, tables=tables, wizard=wizard)


@dataclass(frozen=True)
class DatasetScope:
    """One dataset the report rests on: which version, as of when, from where."""

    name: str
    version: int
    as_of: dt.date | None
    source: str = ""
    edition: str = ""
    records: int = 0


@dataclass
class Appendix:
    title: str
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class Report:
    lang: str
    title: str
    report_no: str = ""
    created_at: dt.datetime = field(default_factory=lambda: dt.datetime.now().replace(microsecond=0))
    client: str = ""
    purpose: str = ""
    staff: str = ""
    centre: str = ""
    app_version: str = ""
    scope: list[DatasetScope] = field(default_factory=list)
    search_terms: list[SearchTerm] = field(default_factory=list)
    sections: list[ReportSection] = field(default_factory=list)
    conclusion: str = ""
    disclaimer: str = ""
    appendices: list[Appendix] = field(default_factory=list)
    # the wizard outcomes the report was made from (not printed): a visit already logged from the
    # wizard gets this report attached instead of a second service-record entry
    outcomes: list[object] = field(default_factory=list, repr=False, compare=False)

    def label(self, key: str) -> str:
        return LABELS[key](self.lang)

    def tables(self) -> list[ReportTable]:
        return [t for s in self.sections for t in s.tables]

    def wizard_sections(self) -> list[WizardSection]:
        return [s.wizard for s in self.sections if s.wizard is not None]

    def outcome_summary(self) -> str:
        """One line for the service record: the wizard outcomes, else the conclusion, else the row counts."""
        outcomes = [w.outcome_title for w in self.wizard_sections() if w.outcome_title]
        if outcomes:
            return "; ".join(outcomes)
        if self.conclusion:
            return self.conclusion.splitlines()[0][:200]
        rows = sum(len(t.rows) for t in self.tables())
        return pick(self.lang, f"提供检索结果 {rows} 条", plural(rows, "search result", "search results") + " provided")

    def cover_fields(self) -> list[tuple[str, str]]:
        """The cover block, in print order; empty values are shown as a dash, never dropped."""
        return [
            (self.label("report_no"), self.report_no or "—"),
            (self.label("client"), self.client or "—"),
            (self.label("purpose"), self.purpose or "—"),
            (self.label("date"), format_datetime(self.created_at)),
            (self.label("staff"), self.staff or "—"),
            (self.label("centre"), self.centre or "—"),
        ]

    def scope_table(self) -> ReportTable:
        return ReportTable(
            title=self.label("scope"),
            columns=[
                Column(self.label("dataset"), ColumnType.TEXT, 2),
                Column(self.label("version"), ColumnType.INTEGER, 1),
                Column(self.label("as_of"), ColumnType.DATE, 2),
                Column(self.label("records"), ColumnType.INTEGER, 1),
                Column(self.label("source"), ColumnType.TEXT, 6),
            ],
            rows=[
                # version 0: none published yet (imported data only): a dash, as the window shows it
                [dataset_label(d.name, self.lang), d.version or "—", d.as_of, d.records,
                 bilingual_part(d.source, self.lang)]
                for d in self.scope
            ],
        )

    def rules_in_appendix(self) -> bool:
        """Wizard citations are printed once, in the appendix, when the builder put them there."""
        return any(a.title == RULES_APPENDIX(self.lang) for a in self.appendices)

    def footer_text(self) -> str:
        return pick(
            self.lang,
            f"ipdesk {self.app_version} · 报告编号 {self.report_no or '—'}",
            f"ipdesk {self.app_version} · report {self.report_no or '—'}",
        )


def format_datetime(value: dt.datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M")


def format_cell(value: CellValue) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def display_cell(value: CellValue, ctype: ColumnType) -> str:
    """A cell as PDF and Word print it: counts with thousands separators (41,963, as the window
    shows them); everything else as `format_cell` (identifiers are never touched)."""
    if ctype is ColumnType.INTEGER and isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return format_cell(value)


def bilingual_part(text: str, lang: str) -> str:
    """Dataset sources are stored as 'Chinese / English'; print the half in the report language.

    The separator is the last '/ ' whose left side holds Chinese ('WIPO/CNIPA' is not a separator),
    whose right side starts with a Latin letter or holds no Chinese, and that is not inside brackets ('p.csv（导入 / imported …）', as older imports wrote it, stays whole).
    """
    for i in range(len(text) - 2, 0, -1):
        if text[i : i + 2] == "/ " and any("\u4e00" <= ch <= "\u9fff" for ch in text[:i]):
            zh, en = text[:i].strip(), text[i + 2 :].strip()
            inside = zh.count("（") + zh.count("(") > zh.count("）") + zh.count(")")
            # the English half may name a Chinese publisher ('Published by 五常市知识产权局'): it starts in English
            english = en[:1].isascii() and en[:1].isalpha()
            if en and not inside and (english or not any("\u4e00" <= ch <= "\u9fff" for ch in en)):
                named = _NAMED_PUBLISHER.fullmatch(zh)
                if en in _UNNAMED_PUBLISHER and named:  # stored before the English half named the publisher
                    en = f"Published by {named['name']}"
                return pick(lang, zh, en)
    return text


# Sources published before the English half carried the publisher's name: 'by X' is taken from the
# Chinese half ('由 五常市知识产权局 发布 / Published by the update's publisher').
_UNNAMED_PUBLISHER = {"Published by the update's publisher", "Published by the data publisher"}
_NAMED_PUBLISHER = re.compile(r"由 (?P<name>(?!数据发布者).+?) 发布")


# An imported record's source as the importer writes it (services.importers.staging.record_source).
_IMPORTED_RECORD = re.compile(r"(?P<file>.+)（导入 / imported (?P<stamp>\d{4}-\d{2}-\d{2} \d{2}:\d{2})）", re.S)


def source_in(source: str, lang: str) -> str:
    """A record's or dataset's source in one language: 'p.csv（导入 / imported 2026-11-27 04:35）' reads
    'p.csv（2026-11-27 04:35 导入）' or 'p.csv (imported 2026-11-27 04:35)'; 'Chinese / English' its half."""
    m = _IMPORTED_RECORD.fullmatch(source or "")
    if m:
        return pick(lang, f"{m['file']}（{m['stamp']} 导入）", f"{m['file']} (imported {m['stamp']})")
    return bilingual_part(source or "", lang)


LABELS: dict[str, Text] = {
    "report_no": Text("报告编号", "Report number"),
    "client": Text("服务对象", "Client"),
    "purpose": Text("咨询事项", "Purpose"),
    "date": Text("出具日期", "Date"),
    "staff": Text("经办人", "Staff"),
    "centre": Text("服务机构", "Service centre"),
    "scope": Text("数据范围", "Data scope"),
    "dataset": Text("数据集", "Dataset"),
    "version": Text("版本", "Version"),
    "as_of": Text("截至日期", "As of"),
    "records": Text("记录数", "Records"),
    "source": Text("来源", "Source"),
    "search_terms": Text("检索条件", "Search terms"),
    "results": Text("检索结果", "Results"),
    "questions": Text("问题与回答", "Questions and answers"),
    "question": Text("问题", "Question"),
    "answer": Text("回答", "Answer"),
    "outcome": Text("结论", "Outcome"),
    "next_steps": Text("下一步", "Next steps"),
    "office": Text("办理机构", "Office"),
    "checklist": Text("材料清单", "Document checklist"),
    "citations": Text("依据", "Rules relied on"),
    "conclusion": Text("结论", "Conclusion"),
    "disclaimer": Text("免责声明", "Disclaimer"),
    "appendices": Text("附录", "Appendix"),  # each appendix under its own "Appendix: …"
    "page": Text("第 {page} 页 / 共 {pages} 页", "Page {page} of {pages}"),
    "no_rows": Text("（无结果）", "(no results)"),
    "signature": Text("经办人签字：", "Staff signature:"),
    "sheet_summary": Text("报告信息", "Report"),
}

RULES_APPENDIX = Text("所依据的规定", "Rules relied on")

DISCLAIMER = Text(
    "本报告根据上述数据集在所列截至日期的内容自动生成，仅供参考，不构成法律意见，也不代表任何行政机关的决定。"
    "地理标志、商标和专利的法律状态可能已有变化；办理申请、许可或维权前，请向当地知识产权管理部门或专业代理机构核实。",
    "This report was generated from the datasets listed above as of the dates shown. It is for information only, "
    "is not legal advice and is not a decision of any authority. The legal status of geographical indications, "
    "trademarks and patents may have changed; check with your local IP office or a qualified agent before applying, "
    "licensing or enforcing.",
)


def default_title(lang: str, query: str = "") -> str:
    if query:
        return pick(lang, f"知识产权信息检索报告：{query}", f"IP information search report: {query}")
    return pick(lang, "知识产权信息服务报告", "IP information service report")


def display_width(text: str) -> int:
    """Width in Latin-character units: CJK and full-width characters count two."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def terminal_columns(text: str) -> int:
    """Columns `text` takes in a terminal: two for an East Asian wide or full-width character
    (`unicodedata.east_asian_width` W or F: Chinese, ，（）：), none for a combining mark, one otherwise
    (… and · too, as terminals show them by default). `display_width` is the reports' rougher measure."""
    return sum(_char_columns(ch) for ch in text)


def _char_columns(ch: str) -> int:
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


# a line of Chinese does not start with closing punctuation: the character before it goes down with it
_NO_LINE_START = frozenset("，。、；：？！）」』”’》〉】〕…")


def _in_latin_word(ch: str) -> bool:
    return ch != " " and _char_columns(ch) == 1


def wrap_to_width(text: str, width: int) -> list[str]:
    """`text` cut into lines of at most `width` terminal columns (`terminal_columns`): Latin text at spaces
    where it can, Chinese between characters but not before closing punctuation (，。）…), a word longer
    than a line cut too. Spaces at a cut are dropped."""
    lines: list[str] = []
    rest = text.strip()
    while terminal_columns(rest) > width:
        used, cut, space = 0, 0, -1
        for i, ch in enumerate(rest):
            used += _char_columns(ch)
            if used > width:
                break
            cut = i + 1
            if ch == " ":
                space = i
            elif _char_columns(ch) == 2:
                space = -1  # a Chinese character: the line may end after it
        inside_word = cut < len(rest) and _in_latin_word(rest[cut]) and _in_latin_word(rest[cut - 1])
        if inside_word and space > 0:
            cut = space  # back to the space before the word
        elif 1 < cut < len(rest) and rest[cut] in _NO_LINE_START and _char_columns(rest[cut - 1]) == 2:
            cut -= 1  # "，" or "）" would start the next line: the character before it goes with it
        lines.append(rest[: max(cut, 1)].rstrip())
        rest = rest[max(cut, 1):].lstrip()
    if rest or not lines:
        lines.append(rest)
    return lines


_FIXED_TYPES = (ColumnType.DATE, ColumnType.INTEGER)
_MIN_UNITS = 8.0  # four Chinese characters, when the content is that long
_MAX_UNITS = 40.0
_WORD_CAP = 16.0
_MAX_LINES = 12
_SHORT_UNITS = 24.0  # twelve Chinese characters: a text this short is kept on one line when it can be


def column_widths(
    columns: Sequence[Column],
    rows: Sequence[Sequence[CellValue]] = (),
    *,
    total_units: float = 130,
    measure: Callable[[str], float] = display_width,
) -> list[float]:
    """Relative widths (adding up to 1) for a line `total_units` wide, as `measure` counts width.

    Every column first gets its minimum: the longest word that cannot wrap (a date, an identifier,
    a Latin word; capped), so dates never break, and a short first line of stacked lines (a name
    with details under it) whole. Then columns whose longest text is short (a
    header, a name, a status) get room for it on one line, those needing least first (no
    "公告号/注册 / 号"); the long texts wrap into as few lines as the rest allows, and what is
    left widens the columns that still wrap, by weight. Content is sampled (300 rows).
    """
    if not columns:
        return []
    sample = rows[:300]
    one_cjk = measure("中")
    cap = _MAX_UNITS * one_cjk / 2
    minimum: list[float] = []
    widest: list[float] = []  # the longest text of the column, its header included
    for i, column in enumerate(columns):
        texts = [line for r in sample for line in format_cell(r[i]).split("\n")]  # a cell's lines wrap apart
        words = [w for t in [*texts, column.label] for w in t.split() if not _has_cjk(w)]
        longest_word = max((measure(w) for w in words), default=0.0)
        if column.type in _FIXED_TYPES:
            low = min(max(max((measure(t) for t in texts), default=0.0), longest_word), cap)
        elif column.type is ColumnType.IDENTIFIER:
            low = min(longest_word, cap)  # a Latin/digit identifier must not break; Chinese wording may
        else:
            low = min(longest_word, _WORD_CAP * one_cjk / 2)
        full = max((measure(t) for t in [*texts, column.label]), default=0.0)
        low = max(low, min(full, _MIN_UNITS * one_cjk / 2), one_cjk)
        # a cell of stacked lines (a name with its holder under it) keeps a short first line whole
        heads = [measure(c.split("\n", 1)[0]) for r in sample if "\n" in (c := format_cell(r[i]))]
        low = max(low, max((h for h in heads if h <= _SHORT_UNITS * one_cjk / 2), default=0.0))
        minimum.append(low)
        widest.append(max(low, full))
    if sum(minimum) >= total_units:
        units = minimum
    else:
        units = list(minimum)
        # short texts (a header, a name, a status) on one line first, those needing least room first
        short = _SHORT_UNITS * one_cjk / 2
        left = total_units - sum(units)
        for i in sorted(range(len(columns)), key=lambda k: widest[k] - units[k]):
            need = widest[i] - units[i]
            if widest[i] <= short and 0 < need <= left:
                units[i] += need
                left -= need
        # then the long texts wrap into as few lines as the rest of the line allows
        long_ = [i for i in range(len(columns)) if widest[i] > units[i]]
        for lines in range(1, _MAX_LINES + 1):
            wanted = {i: max(units[i], widest[i] / lines) for i in long_}
            if sum(wanted[i] - units[i] for i in long_) <= left:
                for i in long_:
                    left -= wanted[i] - units[i]
                    units[i] = wanted[i]
                break
        wrapping = [i for i in range(len(columns)) if widest[i] > units[i] + 1e-9] or list(range(len(columns)))
        weights = sum(columns[i].weight for i in wrapping)
        for i in wrapping:  # what is left widens the columns that still wrap, by weight
            units[i] += left * columns[i].weight / weights
    total = sum(units) or 1.0
    return [u / total for u in units]


def printed_table(table: ReportTable, lang: str) -> ReportTable:
    """`table` as PDF and Word print it: its `print_columns`, with several fields in a cell on
    lines of their own (a missing one of several shown as "—", so the lines keep their order).
    A table without print columns is returned as it is."""
    if not table.print_columns:
        return table
    colon = ": " if is_english(lang) else "："
    columns: list[Column] = []
    for pc in table.print_columns:
        parts = [table.columns[i] for i in pc.fields]
        label = pc.label or "/".join(c.label for c in parts)
        kind = parts[0].type if not pc.details and len({c.type for c in parts}) == 1 else ColumnType.TEXT
        weight = max(c.weight for c in parts) + sum(table.columns[i].weight for i in pc.details)
        columns.append(Column(label, kind, weight))
    rows: list[list[CellValue]] = []
    for row in table.rows:
        cells: list[CellValue] = []
        for pc in table.print_columns:
            if len(pc.fields) == 1 and not pc.details:
                cells.append(row[pc.fields[0]])  # one field: its own value (a count keeps its separators)
                continue
            values = [display_cell(row[i], table.columns[i].type) for i in pc.fields]
            lines = [v or "—" for v in values] if any(values) else []
            for i in pc.details:
                value = display_cell(row[i], table.columns[i].type)
                if value:
                    lines.append(f"{table.columns[i].label}{colon}{value}")
            cells.append("\n".join(lines))
        rows.append(cells)
    return ReportTable(table.title, columns, rows, table.note, table.sheet)


def _has_cjk(text: str) -> bool:
    return any("\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\uffef" for ch in text)


# The purposes the Reports page offers and the CLI uses by default. A service record keeps the words
# it was logged with; the ledger and the report show a standard one in their own language, so one
# purpose is counted once whatever language each visit's report was in.
STANDARD_PURPOSES = (
    Text("地理标志使用咨询", "GI use enquiry"),
    Text("商标注册咨询", "Trademark registration enquiry"),
    Text("专利技术查询", "Patent technology search"),
    Text("信息查询", "Information search"),
)


def purpose_in(purpose: str, lang: str) -> str:
    """A standard purpose in `lang` (typed in either language), and so standard purposes joined
    (a report of several wizards' results: 地理标志使用咨询、专利技术查询); any other purpose as written."""
    typed = purpose.strip()
    for standard in STANDARD_PURPOSES:
        if typed in (standard.zh, standard.en):
            return standard(lang)
    for sep in _PURPOSE_SEPARATORS:
        parts = typed.split(sep)
        if len(parts) > 1:
            standards = [next((x for x in STANDARD_PURPOSES if part.strip() in (x.zh, x.en)), None) for part in parts]
            if all(standards):
                return _PURPOSE_SEPARATORS[0 if not is_english(lang) else 1].join(
                    x(lang) for x in standards if x is not None)
    return purpose


_PURPOSE_SEPARATORS = ("、", ", ")


# A wizard's visit is logged under the standard purpose of what the person came for.
WIZARD_PURPOSES = {
    "gi_check": STANDARD_PURPOSES[0],
    "brand_check": STANDARD_PURPOSES[1],
    "patent_finder": STANDARD_PURPOSES[2],
}


def wizard_purpose(wizard: str, lang: str) -> str:
    return WIZARD_PURPOSES.get(wizard, STANDARD_PURPOSES[-1])(lang)


def default_purpose(wizards: Sequence[str], lang: str) -> str:
    """The purpose a report is filed under when none is typed, as the CLI's `report` commands do:
    the wizard's standard one when its results are all from one wizard, "信息查询" when it holds
    no wizard result, and each wizard's in the order they come when it mixes wizards
    (地理标志使用咨询、商标注册咨询、专利技术查询; it had been none, printed "—")."""
    kinds = list(dict.fromkeys(wizards))
    if not kinds:
        return STANDARD_PURPOSES[-1](lang)
    purposes = dict.fromkeys(wizard_purpose(kind, lang) for kind in kinds)
    return _PURPOSE_SEPARATORS[1 if is_english(lang) else 0].join(purposes)


# --- a wizard's records as a spreadsheet --------------------------------------------------------

@dataclass(frozen=True)
class FindingFact:
    """A fact a wizard's finding states as a "label：value" reason (as `patent_finder` and
    `gi_eligibility` word them): a column of its own in the Excel sheet of the records."""

    label: Text
    zh: tuple[str, ...]  # the reason's beginnings, in each language
    en: tuple[str, ...]
    type: ColumnType = ColumnType.TEXT


FINDING_FACTS = (  # [0] the kind and [5] the classification are also a GI's and a code's subtitle
    FindingFact(Text("类型", "Kind"), ("类型：",), ("kind: ",)),
    FindingFact(Text("申请日", "Filed"), ("申请日：",), ("filed: ",), ColumnType.DATE),
    FindingFact(Text("法律状态", "Legal status"), ("法律状态：",), ("legal status: ",)),
    FindingFact(Text("状态存疑", "Status in doubt"), ("状态存疑：",), ("status in doubt: ",)),
    FindingFact(Text("届满日", "Expires"), ("届满日：",), ("expires: ",), ColumnType.DATE),
    # a design's Locarno class is said "Locarno class: 09-05" in English (patent_finder.decide)
    FindingFact(Text("分类号", "IPC / Locarno class"), ("分类号：",), ("IPC: ", "Locarno class: "), ColumnType.IDENTIFIER),
    FindingFact(Text("权利人/申请人", "Holder/applicant"), ("权利人/申请人：",), ("holder/applicant: ",)),
    FindingFact(Text("商标注册号", "Trademark reg. no."), ("商标注册号：",), ("trademark registration number: ",),
                ColumnType.IDENTIFIER),
    FindingFact(Text("保护范围", "Protected area"), ("保护范围：",),
                ("protected area (official wording): ", "protected area: ")),
    FindingFact(Text("本机数据的范围备注", "Note on the area"), ("本机数据的范围备注：",),
                ("the offline data's note on the area: ",)),
    FindingFact(Text("标准/技术规范", "Standard/specification"), ("标准/技术规范：",), ("standard/specification: ",)),
)
_NUMBER_LABELS = {"patent": Text("公开号", "Publication no."), "trademark": Text("注册号", "Reg. no.")}
_PARTY_LABELS = {"patent": Text("第一申请人", "First applicant"), "trademark": Text("注册人", "Owner")}
_ID_LIKE = re.compile(r"^(?=.*[0-9])[A-Za-z0-9.\-/]+$")  # a number: CN100000016B, 80000001


def _finding_parts(f: Mapping[str, Any]) -> tuple[str, str, int | None, str]:
    """(number, party, class, details left) of a finding's subtitle, as the wizards write it: a
    patent's "公开号 · 第一申请人", a mark's "注册号 · 类别 · 注册人"; any other subtitle is details."""
    kind, subtitle = str(f.get("kind", "")), str(f.get("subtitle", ""))
    if kind not in ("patent", "trademark") or not subtitle:
        return "", "", None, subtitle
    number, nice = "", None
    party: list[str] = []
    for part in subtitle.split(" · "):
        if kind == "trademark" and nice is None and part.isdigit() and len(part) <= 2:
            nice = int(part)
        elif not number and not party and nice is None and _ID_LIKE.match(part):
            number = part
        else:
            party.append(part)
    return number, " · ".join(party), nice, ""


def finding_number(kind: str, subtitle: str) -> str:
    """The number a patent's or a mark's subtitle holds (公开号, 注册号), '' when it has none (a record known
    only by its application number: its subtitle is the applicant alone)."""
    return _finding_parts({"kind": kind, "subtitle": subtitle})[0]


STATUS_DOUBT_FACT = FINDING_FACTS[3]


def finding_why(reasons: Sequence[str], lang: str) -> str:
    """The first of a finding's reasons (in `lang`) that says why it is in its group rather than a fact of the
    record ("类型：发明"): the doubt about its status, how an application ended, why a record is no right in
    China; '' when there is none."""
    for reason in reasons:
        found = _fact_of(reason, lang)
        if found is None or found[0] is STATUS_DOUBT_FACT:
            return reason
    return ""


def _fact_of(reason: str, lang: str) -> tuple[FindingFact, str] | None:
    for fact in FINDING_FACTS:
        for start in fact.en if is_english(lang) else fact.zh:
            if reason.startswith(start) and reason[len(start):].strip():
                return fact, reason[len(start):].strip()
    return None


def findings_sheet(findings: Sequence[Mapping[str, Any]], lang: str) -> ReportTable:
    """A wizard's records as Excel has them (QA 20a N8): the number, the applicant or owner, the class
    and each fact its reasons state (kind, filing date as a date, legal status …) in a column of its
    own, where any record has it; the group; the other reasons under 理由."""
    parsed = []
    for f in findings:
        number, party, nice, details = _finding_parts(f)
        facts: dict[FindingFact, CellValue] = {}
        rest = []
        for reason in (str(r) for r in f.get("reasons", ())):
            found = _fact_of(reason, lang)
            if found is None or found[0] in facts:
                rest.append(reason)
                continue
            fact, value = found
            typed: CellValue = value
            if fact.type is ColumnType.DATE:
                try:
                    typed = dt.date.fromisoformat(value)
                except ValueError:
                    typed = value
            facts[fact] = typed
        kind_fact = FINDING_FACTS[0]
        if f.get("kind") == "class" and details:  # a classification's subtitle is its code
            facts.setdefault(FINDING_FACTS[5], details)
            details = "" if facts[FINDING_FACTS[5]] == details else details
        if f.get("kind") == "gi" and details:  # a GI's subtitle is its kind
            facts.setdefault(kind_fact, details)
            details = "" if facts[kind_fact] == details else details
        parsed.append((f, number, party, nice, details, facts, rest))
    kinds = {str(f.get("kind", "")) for f, number, party, *_ in parsed if number or party}

    def label(labels: Mapping[str, Text], both: Text) -> str:
        known = [labels[k] for k in sorted(kinds) if k in labels]
        return (known[0] if len(known) == 1 else both)(lang)

    columns: list[Column] = []
    getters: list[Callable[[tuple[Any, ...]], CellValue]] = []

    def add(column: Column, getter: Callable[[tuple[Any, ...]], CellValue], present: bool = True) -> None:
        if present:
            columns.append(column)
            getters.append(getter)

    add(Column(label(_NUMBER_LABELS, Text("编号", "Number")), ColumnType.IDENTIFIER, 3), lambda r: r[1] or None,
        any(r[1] for r in parsed))
    add(Column(pick(lang, "名称", "Name"), ColumnType.TEXT, 3), lambda r: str(r[0].get("title", "")))
    add(Column(label(_PARTY_LABELS, Text("申请人/注册人", "Applicant/owner")), ColumnType.TEXT, 3),
        lambda r: r[2] or None, any(r[2] for r in parsed))
    add(Column(pick(lang, "类别", "Class"), ColumnType.INTEGER, 1), lambda r: r[3], any(r[3] is not None for r in parsed))
    def fact_of(fact: FindingFact) -> Callable[[tuple[Any, ...]], CellValue]:
        return lambda r: r[5].get(fact)

    for fact in FINDING_FACTS:
        add(Column(fact.label(lang), fact.type, 3), fact_of(fact), any(fact in r[5] for r in parsed))
    add(Column(pick(lang, "说明", "Details"), ColumnType.TEXT, 3), lambda r: r[4] or None, any(r[4] for r in parsed))
    add(Column(pick(lang, "分组", "Group"), ColumnType.TEXT, 3),
        lambda r: str(r[0].get("group_label", r[0].get("group", ""))))
    add(Column(pick(lang, "理由", "Why"), ColumnType.TEXT, 6),
        lambda r: pick(lang, "；", "; ").join(r[6]) or None, any(r[6] for r in parsed))  # none left: no column
    return ReportTable(title=pick(lang, "依据的记录", "Records relied on"), columns=columns,
                       rows=[[get(r) for get in getters] for r in parsed])


# What XML 1.0 cannot hold (lxml refuses the whole document: "All strings must be XML compatible").
# Imported text may have them (a CSV from an old system, Excel's vertical tab for a line break).
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_NOT_PRINTED = frozenset({"outcomes"})  # Report.outcomes: the wizard results behind it, never printed


def xml_safe(value: Any) -> Any:
    """`value` (a report, its sections, tables, rows and texts) with every text XML can hold: a
    vertical tab or form feed becomes a line break, other control characters are dropped."""
    if isinstance(value, str):
        return NOT_IN_XML.sub(lambda m: "\n" if m.group() in "\x0b\x0c" else "", value)
    if type(value) in (list, tuple):
        return type(value)(xml_safe(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(value, **{f.name: xml_safe(getattr(value, f.name))
                                             for f in dataclasses.fields(value)
                                             if f.init and f.name not in _NOT_PRINTED})
    return value
