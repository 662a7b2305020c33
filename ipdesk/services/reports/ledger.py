"""The monthly ledger: the service record as an Excel sheet for the centre's statistics."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook

from ipdesk import __version__
from ipdesk.domain.i18n import pick
from ipdesk.domain.report import LABELS, Column, ColumnType, ReportTable, purpose_in
from ipdesk.domain.wizard import WIZARD_TITLES, wizards_of_detail
from ipdesk.domain.wizard import detail_in as named_as_now
from ipdesk.services.reports.files import save_through_memory
from ipdesk.services.reports.xlsx_renderer import (
    HEADER_FILL,
    HEADER_FONT,
    put_text,
    safe_text,
    set_up_pages,
    workbook_language,
    write_table_sheet,
)


@dataclass(frozen=True)
class ServiceEntry:
    id: int
    created_at: dt.datetime
    staff: str
    client: str
    purpose: str
    outcome: str
    report_no: str = ""
    report_format: str = ""  # the first export's
    report_path: str = ""
    detail: str = ""  # what was asked and answered (a wizard's questions)
    report_formats: tuple[str, ...] = ()  # every way the report went out: pdf, docx, xlsx, print

    def detail_in(self, lang: str) -> str:
        """The questions and answers as logged, each wizard named as it is now in `lang` (an entry logged
        before the wizards were renamed says 品牌名称检查 in the store, 商标核查 here)."""
        return named_as_now(self.detail, lang)

    @property
    def wizards(self) -> list[str]:
        """The wizards whose results the entry logged ("brand_check" …), read from its 问答详情: an entry
        keeps only their names as they were then (domain.wizard.FORMER_WIZARD_TITLES)."""
        return wizards_of_detail(self.detail)


def ledger_table(entries: Sequence[ServiceEntry], lang: str, title: str) -> ReportTable:
    return ReportTable(
        title=title,
        columns=[
            Column(pick(lang, "序号", "No."), ColumnType.INTEGER, 1),
            Column(pick(lang, "日期", "Date"), ColumnType.DATE, 2),
            # the time of day as Excel keeps times (the whole moment, shown as 14:05): it sorts and filters
            Column(pick(lang, "时间", "Time"), ColumnType.TEXT, 1, number_format="hh:mm"),
            Column(pick(lang, "经办人", "Staff"), ColumnType.TEXT, 2),
            Column(pick(lang, "服务对象", "Client"), ColumnType.TEXT, 3),
            Column(pick(lang, "咨询事项", "Purpose"), ColumnType.TEXT, 4),
            Column(pick(lang, "结果", "Outcome"), ColumnType.TEXT, 4),
            Column(pick(lang, "报告编号", "Report number"), ColumnType.IDENTIFIER, 2),
            Column(pick(lang, "报告形式", "Report as"), ColumnType.TEXT, 2),
            Column(pick(lang, "问答详情", "Questions and answers"), ColumnType.TEXT, 6),
        ],
        rows=[
            [i, e.created_at.date(), e.created_at.replace(second=0, microsecond=0), e.staff, e.client, purpose_in(e.purpose, lang), e.outcome,
             e.report_no, formats_text(e, lang), e.detail_in(lang)]
            for i, e in enumerate(entries, start=1)
        ],
    )


def formats_text(entry: ServiceEntry, lang: str) -> str:
    """Every way the entry's report went out, e.g. "PDF、DOCX、打印" / "PDF, DOCX, printed"."""
    ways = entry.report_formats or ((entry.report_format,) if entry.report_format else ())
    return pick(lang, "、", ", ").join(pick(lang, "打印", "printed") if w == "print" else w.upper() for w in ways)


def write_ledger(entries: Sequence[ServiceEntry], path: Path, lang: str, month: str = "") -> None:
    """One sheet of entries (typed, frozen header, filter) and one of counts by staff, purpose and wizard."""
    title = pick(lang, f"服务台账 {month}".strip(), f"Service record {month}".strip())
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = title[:31]
    write_table_sheet(ws, ledger_table(entries, lang, title), pick(lang, "（本月无记录）", "(no entries)"))
    stats = wb.create_sheet(pick(lang, "统计", "Totals"))
    lines: list[tuple[str, int | str]] = [(pick(lang, "项目", "Item"), pick(lang, "次数", "Count")),
                                          (pick(lang, "服务总次数", "Services in total"), len(entries))]
    for label, key in ((pick(lang, "经办人", "Staff"), "staff"), (pick(lang, "咨询事项", "Purpose"), "purpose")):
        counts: dict[str, int] = {}
        for e in entries:
            value = (purpose_in(e.purpose, lang) if key == "purpose" else getattr(e, key)) or "—"
            counts[value] = counts.get(value, 0) + 1
        for value, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append((f"{label}：{value}" if not lang.startswith("en") else f"{label}: {value}", count))
    kinds: dict[str, int] = {}  # by the wizard's key: an entry logged under its former name counts with the rest
    for e in entries:
        for key in e.wizards:
            kinds[key] = kinds.get(key, 0) + 1
    order = list(WIZARD_TITLES)
    for key, count in sorted(kinds.items(), key=lambda kv: (-kv[1], order.index(kv[0]))):
        label, name = pick(lang, "向导", "Wizard"), WIZARD_TITLES[key](lang)
        lines.append((f"{label}：{name}" if not lang.startswith("en") else f"{label}: {name}", count))
    for row, (item, times) in enumerate(lines, start=1):
        put_text(stats.cell(row=row, column=1), safe_text(item))
        if isinstance(times, int):
            stats.cell(row=row, column=2).value = times
        else:
            put_text(stats.cell(row=row, column=2), times)
    for cell in stats[1]:  # its header as the entries sheet's: bold, and kept in view
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
    stats.freeze_panes = "A2"
    stats.column_dimensions["A"].width = 50
    stats.column_dimensions["B"].width = 10
    stats.print_title_rows = "1:1"
    footer = f"ipdesk {__version__}"
    for sheet in (ws, stats):  # printed, a page says whose ledger and which page of how many
        set_up_pages(sheet, (title, sheet.title if sheet is stats else ""), footer, LABELS["page"](lang))
    ws.page_setup.orientation = "landscape"  # ten columns: every month's ledger prints the same way
    wb.properties.title = title
    wb.properties.language = workbook_language(lang)
    wb.properties.creator = wb.properties.lastModifiedBy = f"ipdesk {__version__}"
    save_through_memory(wb.save, path)  # a failed write raises OSError
