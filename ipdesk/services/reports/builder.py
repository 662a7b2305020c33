"""Turn search results, basket records and wizard outcomes into a `Report` in one language.

The builder reads full records from the store (the search index holds only what a result row
shows), so a report prints identifiers, dates, sources and as-of dates as the registry has them.
"""

from __future__ import annotations

import datetime as dt
import logging
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from pypinyin import Style, pinyin
from sqlalchemy import select

from ipdesk import __version__
from ipdesk.domain.amounts import plural
from ipdesk.domain.basket import BasketItem, common_client
from ipdesk.domain.codes import format_ipc, format_patent_class, is_locarno
from ipdesk.domain.gi_eligibility import area_precision
from ipdesk.domain.i18n import (
    KIND_NAMES,
    LEVEL_NAMES,
    SCHEME_NAMES,
    code_label,
    gi_category_name,
    gi_kind_text,
    patent_kind_name,
    pick,
    status_name,
)
from ipdesk.domain.patent_finder import doubt_reason
from ipdesk.domain.report import (
    DISCLAIMER,
    RULES_APPENDIX,
    Appendix,
    CellValue,
    Column,
    ColumnType,
    DatasetScope,
    PrintColumn,
    Report,
    ReportableOutcome,
    ReportSection,
    ReportTable,
    SearchTerm,
    as_section,
    default_purpose,
    default_title,
    purpose_in,
    source_in,
)
from ipdesk.domain.text import is_cjk
from ipdesk.domain.trademark_term import GRACE, LAPSED, mark_has_ended, renewal_term
from ipdesk.services.db import Database
from ipdesk.services.models import ClassNode, Dataset, Division, GeoIndication, GiArea, Patent, Trademark
from ipdesk.services.records import patent_record
from ipdesk.services.search import SearchFilters, SearchService

log = logging.getLogger("ipdesk.reports")

MAX_REPORT_ROWS = 500  # a printed report beyond this is not read; the Excel ledger is for bulk
KIND_ORDER = ("gi", "place", "trademark", "patent", "class")


@dataclass(frozen=True)
class ReportMeta:
    """What staff type on the Reports page (or pass to the CLI)."""

    title: str = ""
    client: str = ""
    purpose: str = ""
    staff: str = ""
    centre: str = ""
    report_no: str = ""


def status_label(status: str, lang: str) -> str:
    return status_name(status)(lang)


def partial_date(text: str) -> CellValue:
    """A full ISO date becomes a date; 'YYYY' or 'YYYY-MM' as recorded stays text (never padded)."""
    if len(text) == 10:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text
    return text or None


def outcome_title(heading: str, lang: str) -> str:
    """The title of a report of one wizard result: 知识产权信息服务报告：地理标志核查 (its wizard)."""
    if not heading:
        return default_title(lang)
    return pick(lang, f"知识产权信息服务报告：{heading}", f"IP information service report: {heading}")


def basket_title(items: Sequence[BasketItem], lang: str) -> str:
    """The title a report of `items` has when none is typed: for one wizard result the one the CLI's
    report of it has (`for_outcome`), else 知识产权信息服务报告 (a single whole search is titled by
    its query, in `for_search`)."""
    if len(items) == 1:
        payload = items[0].payload
        if items[0].kind == "wizard" or isinstance(payload, ReportableOutcome):
            return outcome_title(ReportBuilder.section_for_outcome(payload, lang).heading, lang)
    return default_title(lang)


class ReportBuilder:
    def __init__(self, db: Database, search: SearchService, today: dt.date | None = None) -> None:
        self._db = db
        self._search = search
        self._today = today  # the day a record's status is judged on (None: today)

    # --- public -------------------------------------------------------------------------------

    def scope(self) -> list[DatasetScope]:
        with self._db.session() as s:
            return [
                DatasetScope(d.name, d.version, d.as_of, d.source, d.edition, d.record_count)
                for d in s.scalars(select(Dataset).order_by(Dataset.name))
                if d.record_count
            ]

    def for_search(
        self, query: str, filters: SearchFilters | None, lang: str, meta: ReportMeta, *, limit: int = MAX_REPORT_ROWS
    ) -> Report:
        """A report of a search: terms (with the pinyin/code forms it was read as), then a table per kind."""
        filters = filters or SearchFilters()
        result = self._search.search(query, filters, limit=min(limit, MAX_REPORT_ROWS))
        refs = [(h.kind, h.ref_id) for h in result.hits]
        report = self._new(lang, meta, default_title(lang, result.query))
        report.search_terms = self._search_terms(result.query, result.forms, filters, lang)
        shown = len(result.hits)
        sections = self._record_sections(refs, lang)
        by_kind = pick(lang, "、", ", ").join(f"{KIND_NAMES[k](lang)} {n:,}" for k, n in result.counts_by_kind.items()
                                             if k in KIND_NAMES)
        zh_kinds, en_kinds = (f"（{by_kind}）", f" ({by_kind})") if by_kind else ("", "")
        if shown < result.total:
            heading = pick(lang, f"共找到 {result.total_label} 条{zh_kinds}，列出前 {shown} 条。",
                           f"{result.total_label} found{en_kinds}; "
                           + ("only the first is listed." if shown == 1 else f"the first {shown:,} are listed."))
        else:
            heading = pick(lang, f"共找到 {result.total_label} 条{zh_kinds}。", f"{result.total_label} found{en_kinds}.")
        if not sections:
            sections = [ReportSection(heading=heading, paragraphs=[report.label("no_rows")])]
        else:
            # the total is of every kind: on its own, not under the first kind's table
            sections.insert(0, ReportSection(heading=pick(lang, "检索结果", "Results"), paragraphs=[heading]))
        report.sections = sections
        # the query in the sentence: the service record keeps only this line, and two searches must differ there
        asked = result.query if len(result.query) <= 40 else result.query[:39] + "…"
        report.conclusion = pick(
            lang,
            f"检索“{asked}”，在所列数据范围内找到 {result.total_label} 条记录。",
            f"Search for \"{asked}\": {result.total_label} {_records(result.total, result.capped)} found in the data "
            "listed.",
        )
        report.appendices = [_search_method_appendix(lang)]
        return report

    def for_basket(self, items: Sequence[BasketItem], lang: str, meta: ReportMeta) -> Report:
        """A report of the records, whole searches and wizard outcomes a staff member collected."""
        searches = [i for i in items if i.kind == SEARCH_ITEM_KIND]
        outcomes = [i.payload for i in items if i.kind == "wizard" or isinstance(i.payload, ReportableOutcome)]
        if not meta.purpose.strip():  # filed as the CLI files the same report
            meta = replace(meta, purpose=default_purpose([str(getattr(o, "wizard", "")) for o in outcomes], lang))
        if not meta.client.strip():  # the client typed with a wizard's result: the visit logged is filed under it
            meta = replace(meta, client=common_client(items))
        if len(items) == 1 and searches:  # one whole result set: the search report itself
            return self.for_search(searches[0].title, _filters_of(searches[0]), lang, meta)
        report = self._new(lang, meta, meta.title or basket_title(items, lang))
        report.outcomes = outcomes
        records = [(i.kind, i.ref_id) for i in items if i.kind not in ("wizard", SEARCH_ITEM_KIND)]
        sections = []
        for item in items:
            payload = item.payload
            if item.kind == "wizard" or isinstance(payload, ReportableOutcome):
                sections.append(self.section_for_outcome(payload, lang))
        for item in searches:
            # the search's terms belong to its own part of the report, not to the whole report
            searched = self.for_search(item.title, _filters_of(item), lang, meta)
            for section in searched.sections:
                part = section.heading
                section.heading = pick(lang, f"检索“{item.title}”：{part}", f"Search \"{item.title}\": {part}")
                for table in section.tables:  # captioned by the heading; the sheet says whose it is
                    table.title = section.heading
                    table.sheet = pick(lang, f"{part}（检索“{item.title}”）", f"{part} ({item.title})")
            searched.sections[0].search_terms = searched.search_terms
            sections.extend(searched.sections)
        sections.extend(self._record_sections(records, lang))
        report.sections = sections
        report.appendices = self._appendices(report, lang)
        if searches:
            report.appendices.append(_search_method_appendix(lang))
        report.conclusion = _conclusion_from_sections(sections, lang)
        return report

    def for_outcome(self, outcome: object, lang: str, meta: ReportMeta) -> Report:
        section = self.section_for_outcome(outcome, lang)
        if not meta.purpose.strip():
            meta = replace(meta, purpose=default_purpose([str(getattr(outcome, "wizard", ""))], lang))
        report = self._new(lang, meta, meta.title or outcome_title(section.heading, lang))
        report.outcomes = [outcome]
        report.sections = [section]
        report.appendices = self._appendices(report, lang)
        report.conclusion = _conclusion_from_sections(report.sections, lang)
        return report

    @staticmethod
    def section_for_outcome(outcome: object, lang: str) -> ReportSection:
        if isinstance(outcome, ReportSection):
            return outcome
        if isinstance(outcome, ReportableOutcome):
            return as_section(outcome.to_report_section(lang), lang)
        raise TypeError(f"{type(outcome).__name__} cannot be put in a report (no to_report_section)")

    # --- parts --------------------------------------------------------------------------------

    def _new(self, lang: str, meta: ReportMeta, title: str) -> Report:
        return Report(
            lang=lang, title=meta.title or title, report_no=meta.report_no, client=meta.client,
            purpose=purpose_in(meta.purpose, lang), staff=meta.staff, centre=meta.centre, app_version=__version__,
            scope=self.scope(), disclaimer=DISCLAIMER(lang),
        )

    def _search_terms(self, query: str, forms: list[str], filters: SearchFilters, lang: str) -> list[SearchTerm]:
        terms = [SearchTerm(pick(lang, "查询", "Query"), query)]
        if forms:
            terms.append(SearchTerm(pick(lang, "读作（拼音/编号）", "Read as (pinyin/number)"), ", ".join(forms)))
        variants = pinyin_variants(query)
        if variants:
            terms.append(SearchTerm(pick(lang, "拼音（含多音字读法与首字母）", "Pinyin (with other readings and initials)"),
                                    ", ".join(variants)))
        if filters.kinds:
            terms.append(SearchTerm(pick(lang, "记录类型", "Record kinds"),
                                    ", ".join(KIND_NAMES[k](lang) for k in filters.kinds if k in KIND_NAMES)))
        if filters.region:
            terms.append(SearchTerm(pick(lang, "地区", "Region"), self._place_name(filters.region)))
        if filters.gi_kind:
            terms.append(SearchTerm(pick(lang, "地理标志类型", "GI kind"), gi_kind_text(filters.gi_kind)(lang)))
        if filters.nice_class is not None:
            terms.append(SearchTerm(pick(lang, "尼斯分类", "Nice class"), str(filters.nice_class)))
        if filters.similar_group:
            terms.append(SearchTerm(pick(lang, "类似群", "Similar group"), filters.similar_group))
        if filters.ipc_prefix:
            terms.append(SearchTerm("IPC", filters.ipc_prefix))
        if filters.year_from is not None or filters.year_to is not None:
            years = f"{filters.year_from or ''}–{filters.year_to or ''}"
            terms.append(SearchTerm(pick(lang, "年份", "Years"), years))
        if filters.status:
            terms.append(SearchTerm(pick(lang, "状态", "Status"), status_label(filters.status, lang)))
        return terms

    def _place_name(self, prefix: str) -> str:
        code = prefix.ljust(12, "0")
        with self._db.session() as s:
            name = s.scalar(select(Division.name).where(Division.code == code))
        return f"{name} ({prefix})" if name else prefix

    def _record_sections(self, refs: Iterable[tuple[str, int]], lang: str) -> list[ReportSection]:
        by_kind: dict[str, list[int]] = {}
        for kind, ref_id in refs:
            by_kind.setdefault(kind, []).append(ref_id)
        sections = []
        with self._db.session() as s:
            for kind in KIND_ORDER:
                ids = by_kind.get(kind)
                if not ids:
                    continue
                table = _TABLE_MAKERS[kind](s, ids, lang, self._today or dt.date.today())
                sections.append(ReportSection(heading=table.title, tables=[table]))
        return sections

    def _appendices(self, report: Report, lang: str) -> list[Appendix]:
        citations = [c for w in report.wizard_sections() for c in w.citations]
        out = []
        if citations:
            out.append(Appendix(RULES_APPENDIX(lang), list(dict.fromkeys(citations))))
        return out


SEARCH_ITEM_KIND = "search"
_MAX_VARIANTS = 4


def pinyin_variants(query: str) -> list[str]:
    """The pinyin a Chinese query is also found by: its readings (polyphonic characters give up to
    four) and their initials, e.g. 长白 → changbai, zhangbai, cb, zb. None when a character has no
    known reading (下𱳪镇: 𱳪 is newer than pypinyin's tables): a reading without it would be wrong."""
    chars = [ch for ch in query if is_cjk(ch)]
    if not chars:
        return []
    phrase = [r[0] for r in pinyin("".join(chars), style=Style.NORMAL, errors="ignore")]
    if len(phrase) != len(chars):
        return []
    # each character's readings, the one in context first (长 in 长白山: chang, then zhang)
    readings = [
        list(dict.fromkeys([base, *pinyin(ch, style=Style.NORMAL, heteronym=True)[0]]))
        for base, ch in zip(phrase, chars, strict=True)
    ]
    # the reading in context, then one other reading of one character at a time
    variants = [list(phrase)]
    for pos, options in enumerate(readings):
        for other in options[1:2]:
            variants.append([*phrase[:pos], other, *phrase[pos + 1 :]])
    variants = variants[:_MAX_VARIANTS]
    full = ["".join(v) for v in variants]
    initials = ["".join(syllable[0] for syllable in v if syllable) for v in variants]
    return list(dict.fromkeys([*full, *initials]))


def search_basket_item(query: str, filters: SearchFilters | None = None, subtitle: str = "") -> BasketItem:
    """A whole result set for the basket (the search page's "add results to report"): the report
    runs the search again when it is made, so it lists up to MAX_REPORT_ROWS rows with its terms."""
    key = zlib.crc32(repr((query, filters)).encode("utf-8"))
    return BasketItem(SEARCH_ITEM_KIND, key, query, subtitle, payload=filters or SearchFilters())


def _filters_of(item: BasketItem) -> SearchFilters:
    return item.payload if isinstance(item.payload, SearchFilters) else SearchFilters()


def is_zh(lang: str) -> bool:
    return not lang.lower().startswith("en")


def _conclusion_from_sections(sections: Sequence[ReportSection], lang: str) -> str:
    outcomes = [s.wizard.outcome_title for s in sections if s.wizard and s.wizard.outcome_title]
    if outcomes:
        return "；".join(outcomes) if is_zh(lang) else "; ".join(outcomes)
    rows = sum(len(t.rows) for s in sections for t in s.tables)
    return pick(lang, f"本报告列出 {rows} 条记录，供服务对象参考。",
                f"This report lists {plural(rows, 'record', 'records')} for the client's reference.")


def _records(total: int, capped: bool) -> str:
    """"1 record found", "2 records", "1,001+ records" (at least that many)."""
    return "record" if total == 1 and not capped else "records"


def _search_method_appendix(lang: str) -> Appendix:
    return Appendix(
        pick(lang, "检索方法", "How the search works"),
        [pick(
            lang,
            "检索同时匹配中文名称（简体和繁体）、全拼、拼音首字母、编号和地名；结果按精确名称、名称开头、名称包含、"
            "地名、拼音和编号、所在地记录、其他字段的顺序排列，地理标志排在前面。",
            "The search matches Chinese names (simplified and traditional), full pinyin, pinyin initials, numbers "
            "and place names; results are ordered by exact name, name prefix, name contains, place names, pinyin and "
            "numbers, records of a place, then other fields, with geographical indications first.",
        )],
    )


# --- one table per record kind ----------------------------------------------------------------

def _ordered(rows: dict[int, list[CellValue]], ids: Sequence[int]) -> list[list[CellValue]]:
    return [rows[i] for i in dict.fromkeys(ids) if i in rows]


def _gi_table(s, ids: Sequence[int], lang: str, _today: dt.date) -> ReportTable:  # type: ignore[no-untyped-def]
    rows: dict[int, list[CellValue]] = {}
    places: dict[int, list[str]] = {}
    codes: dict[int, list[str]] = {}
    for gi_id, name, code in s.execute(
        select(GiArea.gi_id, Division.name, Division.code).join(Division, Division.code == GiArea.division_code)
        .where(GiArea.gi_id.in_(list(ids))).order_by(GiArea.gi_id, GiArea.division_code)
    ):
        places.setdefault(gi_id, []).append(name)
        codes.setdefault(gi_id, []).append(code)
    for gi in s.scalars(select(GeoIndication).where(GeoIndication.id.in_(list(ids)))):
        number = " / ".join(x for x in (gi.announcement_no, gi.tm_reg_no, gi.agi_no) if x)
        area = gi.area_text or area_names(places.get(gi.id, []), lang)
        if area and area_precision(gi.note, codes.get(gi.id, []), gi.area_text).rough:  # as the GI check says it
            area += pick(lang, "（粗略记录，请核实）", " (recorded roughly: check)")
        rows[gi.id] = [
            gi.name if is_zh(lang) or not gi.name_en else f"{gi.name} ({gi.name_en})",
            gi_kind_text(gi.kind)(lang), gi_category_name(gi.category, lang), gi.holder, number, partial_date(gi.registered_on),
            area, status_label(gi.status, lang), source_in(gi.source, lang), gi.as_of,
        ]
    return ReportTable(
        title=KIND_NAMES["gi"](lang),
        columns=[
            Column(pick(lang, "名称", "Name"), ColumnType.TEXT, 3),
            Column(pick(lang, "类型", "Kind"), ColumnType.TEXT, 3),
            Column(pick(lang, "类别", "Category"), ColumnType.TEXT, 3),
            Column(pick(lang, "持有人/申请人", "Holder"), ColumnType.TEXT, 3),
            Column(pick(lang, "公告号/注册号", "Announcement/reg. no."), ColumnType.IDENTIFIER, 3),
            Column(pick(lang, "登记日期", "Registered"), ColumnType.DATE, 3),
            Column(pick(lang, "保护范围", "Protected area"), ColumnType.TEXT, 4),
            Column(pick(lang, "状态", "Status"), ColumnType.TEXT, 3),
            Column(pick(lang, "来源", "Source"), ColumnType.TEXT, 4),
            Column(pick(lang, "截至", "As of"), ColumnType.DATE, 3),
        ],
        rows=_ordered(rows, ids),
        # printed: six columns, the name with its category and holder under it, the number with its
        # date and source under it (ten were a few characters wide each)
        print_columns=(
            PrintColumn((0,), details=(2, 3)),
            PrintColumn((1,)),
            PrintColumn((6,)),
            PrintColumn((4,), details=(5, 8)),
            PrintColumn((7,)),
            PrintColumn((9,)),
        ),
    )


_MAX_AREA_NAMES = 12


def area_names(names: Sequence[str], lang: str) -> str:
    """A GI's protected area from its divisions, when no wording of the area was recorded."""
    shown = pick(lang, "、", ", ").join(names[:_MAX_AREA_NAMES])
    more = len(names) - _MAX_AREA_NAMES
    if more > 0:
        shown += pick(lang, f"等 {len(names)} 个行政区", f" and {more} more")
    return shown


def _patent_table(s, ids: Sequence[int], lang: str, today: dt.date) -> ReportTable:  # type: ignore[no-untyped-def]
    """The patents' fields; a legal status that the record's own dates contradict, or that is not final,
    is printed as in doubt with why (`patent_finder.doubt_reason`, as the record's page and the patent
    finder say it), never plainly 已届满 (QA 20a N2): a column of its own when any row has one."""
    rows: dict[int, list[CellValue]] = {}
    locarno = False  # a design's Locarno class among them (LOC 09-05): no IPC, and the column says so
    for p in s.scalars(select(Patent).where(Patent.id.in_(list(ids)))):
        ipc = " ".join(format_patent_class(c) for c in p.ipc_codes.split()[:3])
        locarno = locarno or any(is_locarno(c) for c in p.ipc_codes.split()[:3])
        status, why = status_label(p.legal_status, lang), ""
        doubt = doubt_reason(patent_record(p), today)
        if doubt is not None:
            status = pick(lang, f"{status}（状态存疑）" if status else "状态存疑",
                          f"{status} (in doubt)" if status else "in doubt")
            why = pick(lang, f"{doubt.zh}，以国家知识产权局登记为准", f"{doubt.en}; CNIPA's register decides")
        rows[p.id] = [
            p.pub_no, p.app_no, patent_kind_name(p.kind)(lang), p.title, p.applicants, ipc,
            p.filing_date, status, p.expiry_date, p.as_of, why,
        ]
    columns = [
        Column(pick(lang, "公开号", "Publication no."), ColumnType.IDENTIFIER, 3),
        Column(pick(lang, "申请号", "Application no."), ColumnType.IDENTIFIER, 3),
        Column(pick(lang, "类型", "Kind"), ColumnType.TEXT, 2),
        Column(pick(lang, "名称", "Title"), ColumnType.TEXT, 5),
        Column(pick(lang, "申请人", "Applicants"), ColumnType.TEXT, 3),
        Column(pick(lang, "分类号（IPC/洛迦诺）", "Class (IPC/Locarno)") if locarno else "IPC", ColumnType.IDENTIFIER, 3),
        Column(pick(lang, "申请日", "Filed"), ColumnType.DATE, 3),
        Column(pick(lang, "法律状态", "Legal status"), ColumnType.TEXT, 3),
        Column(pick(lang, "届满日", "Expires"), ColumnType.DATE, 3),
        Column(pick(lang, "截至", "As of"), ColumnType.DATE, 3),
    ]
    doubted = _with_note_column(rows, columns, Column(pick(lang, "状态存疑", "Status in doubt"), ColumnType.TEXT, 4))
    return ReportTable(
        title=KIND_NAMES["patent"](lang),
        columns=columns,
        rows=_ordered(rows, ids),
        # printed: six columns, the title with its applicants and IPC (and why its status is in doubt) under
        # it (ten were too narrow to read)
        print_columns=(
            PrintColumn((0, 1), label=pick(lang, "公开号/申请号", "Publication / application no.")),
            PrintColumn((3,), details=(4, 5, 10) if doubted else (4, 5)),
            PrintColumn((2,)),
            PrintColumn((7,)),
            PrintColumn((6, 8), label=pick(lang, "申请日/届满日", "Filed / expires")),
            PrintColumn((9,)),
        ),
    )


def _with_note_column(rows: dict[int, list[CellValue]], columns: list[Column], note: Column) -> bool:
    """Keep the rows' last field (a note on the status) as the column `note` when any row has one, else
    drop it: a table of records whose status nobody doubts has no empty column. True when kept."""
    if any(r[-1] for r in rows.values()):
        columns.append(note)
        return True
    for r in rows.values():
        del r[-1]
    return False


def mark_status_note(status: str, expiry: dt.date | None, today: dt.date, lang: str) -> tuple[str, str]:
    """What a live trademark's status needs said beside it, as the record's page says it (《商标法》第四十条):
    its term has ended and it is in the six months' grace (still renewable), or the grace period has run
    too with no renewal on record, so the status may be out of date. (suffix for the status, note), or
    ("", "")."""
    if expiry is None or mark_has_ended(status):
        return "", ""
    term = renewal_term(expiry, today)
    end, grace = expiry.isoformat(), term.grace_until.isoformat()
    if term.stage == GRACE:
        return (pick(lang, "（宽展期内）", " (in the grace period)"),
                pick(lang, f"专用权期限已于{end}届满，宽展期至{grace}，在此之前仍可续展（《商标法》第四十条）",
                     f"the term ended on {end}; it may still be renewed in the grace period until {grace} "
                     "(Trademark Law, Art. 40)"))
    if term.stage == LAPSED:
        return (pick(lang, "（状态存疑）", " (in doubt)"),
                pick(lang, f"专用权期限已于{end}届满，宽展期至{grace}也已过去，本机数据中没有续展记录：除非已经续展，"
                     "这一状态可能已过时，以国家知识产权局商标局的公告为准（《商标法》第四十条）",
                     f"the term ended on {end} and the grace period on {grace}, with no renewal in the offline "
                     "data: unless it was renewed, this status may be out of date; CNIPA's trademark announcements "
                     "decide (Trademark Law, Art. 40)"))
    return "", ""


def _trademark_table(s, ids: Sequence[int], lang: str, today: dt.date) -> ReportTable:  # type: ignore[no-untyped-def]
    """The marks' fields; a live status whose term has ended says so (`mark_status_note`, QA 20a N2)."""
    rows: dict[int, list[CellValue]] = {}
    for t in s.scalars(select(Trademark).where(Trademark.id.in_(list(ids)))):
        suffix, note = mark_status_note(t.status, t.expiry_date, today, lang)
        rows[t.id] = [
            t.reg_no, t.mark_text, t.nice_class, t.similar_groups, t.goods, t.owner,
            status_label(t.status, lang) + suffix, t.reg_date, t.expiry_date, t.as_of, note,
        ]
    columns = [
        Column(pick(lang, "注册号", "Reg. no."), ColumnType.IDENTIFIER, 2),
        Column(pick(lang, "商标", "Mark"), ColumnType.TEXT, 3),
        Column(pick(lang, "类别", "Class"), ColumnType.INTEGER, 1),
        Column(pick(lang, "类似群", "Groups"), ColumnType.IDENTIFIER, 2),
        Column(pick(lang, "商品/服务", "Goods/services"), ColumnType.TEXT, 4),
        Column(pick(lang, "注册人", "Owner"), ColumnType.TEXT, 3),
        Column(pick(lang, "状态", "Status"), ColumnType.TEXT, 3),
        Column(pick(lang, "注册日", "Registered"), ColumnType.DATE, 3),
        Column(pick(lang, "到期日", "Expires"), ColumnType.DATE, 3),
        Column(pick(lang, "截至", "As of"), ColumnType.DATE, 3),
    ]
    noted = _with_note_column(rows, columns, Column(pick(lang, "状态说明", "Status note"), ColumnType.TEXT, 4))
    return ReportTable(
        title=KIND_NAMES["trademark"](lang),
        columns=columns,
        rows=_ordered(rows, ids),
        # printed: six columns, the mark with its owner and goods (and the status note) under it, class and
        # groups together, the registration and expiry dates paired (ten were a few characters wide each)
        print_columns=(
            PrintColumn((1,), details=(5, 4, 10) if noted else (5, 4)),
            PrintColumn((0,)),
            PrintColumn((2, 3), label=pick(lang, "类别/类似群", "Class / groups")),
            PrintColumn((6,)),
            PrintColumn((7, 8), label=pick(lang, "注册日/到期日", "Registered / expires")),
            PrintColumn((9,)),
        ),
    )


def _place_table(s, ids: Sequence[int], lang: str, _today: dt.date) -> ReportTable:  # type: ignore[no-untyped-def]
    codes = [f"{i:012d}" for i in ids]
    divisions = {d.code: d for d in s.scalars(select(Division).where(Division.code.in_(codes)))}
    parents = {d.parent_code for d in divisions.values() if d.parent_code}
    parent_names = dict(s.execute(select(Division.code, Division.name).where(Division.code.in_(parents))).all())
    rows: dict[int, list[CellValue]] = {}
    for d in divisions.values():
        level = LEVEL_NAMES.get(d.level)
        rows[int(d.code)] = [
            d.code, d.name, level(lang) if level else str(d.level),
            parent_names.get(d.parent_code or "", ""), d.former_names.replace("|", "、"),
        ]
    return ReportTable(
        title=KIND_NAMES["place"](lang),
        columns=[
            Column(pick(lang, "区划代码", "Division code"), ColumnType.IDENTIFIER, 3),
            Column(pick(lang, "名称", "Name"), ColumnType.TEXT, 3),
            Column(pick(lang, "级别", "Level"), ColumnType.TEXT, 2),
            Column(pick(lang, "上级", "Parent"), ColumnType.TEXT, 3),
            Column(pick(lang, "曾用名", "Former names"), ColumnType.TEXT, 3),
        ],
        rows=_ordered(rows, ids),
    )


def _class_table(s, ids: Sequence[int], lang: str, _today: dt.date) -> ReportTable:  # type: ignore[no-untyped-def]
    rows: dict[int, list[CellValue]] = {}
    for c in s.scalars(select(ClassNode).where(ClassNode.id.in_(list(ids)))):
        code = format_ipc(c.code) if c.scheme == "ipc" else c.code
        title = pick(lang, c.title_zh or c.title_en, c.title_en or c.title_zh)
        rows[c.id] = [code_label(SCHEME_NAMES, c.scheme, lang), code, title]  # not the stored IPC / GROUP / NICE
    return ReportTable(
        title=KIND_NAMES["class"](lang),
        columns=[
            Column(pick(lang, "体系", "Scheme"), ColumnType.TEXT, 1),
            Column(pick(lang, "代码", "Code"), ColumnType.IDENTIFIER, 2),
            Column(pick(lang, "名称", "Title"), ColumnType.TEXT, 8),
        ],
        rows=_ordered(rows, ids),
    )


_TABLE_MAKERS: dict[str, Callable[..., ReportTable]] = {
    "gi": _gi_table, "patent": _patent_table, "trademark": _trademark_table, "place": _place_table,
    "class": _class_table,
}
