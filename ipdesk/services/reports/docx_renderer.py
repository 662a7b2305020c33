"""Word (.docx) rendering with python-docx: A4, headings, tables with repeated header rows,
page numbers in the footer, and the East-Asian font set so Word shows Chinese in the right face."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from ipdesk.domain.i18n import is_english
from ipdesk.domain.report import (
    ColumnType,
    Report,
    ReportTable,
    SearchTerm,
    column_widths,
    display_cell,
    printed_table,
)
from ipdesk.services.reports.files import save_through_memory

EAST_ASIAN_FONT = "宋体"  # SimSun: on every Chinese Windows; Word substitutes elsewhere
HEADING_EAST_ASIAN_FONT = "黑体"  # SimHei
LATIN_FONT = "Calibri"
PAGE_WIDTH_CM = 21.0
PAGE_HEIGHT_CM = 29.7
MARGIN_CM = 1.8
CELL_MARGINS_CM = 0.38  # a table cell's left and right margins in Word (0.19 cm each, its default)
# Latin-character widths (`display_width`) a centimetre holds at 8 pt: 7.1, less some slack for fonts
UNITS_PER_CM_AT_8PT = 6.0


def _set_fonts(style_or_run: Any, east_asian: str, latin: str = LATIN_FONT) -> None:
    style_or_run.font.name = latin
    rpr = style_or_run.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)


def _field(paragraph: Any, instruction: str) -> None:
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = instruction
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(begin)
    run._r.append(instr)
    run._r.append(end)


def _row_flag(row: Any, tag: str) -> None:
    el = OxmlElement(tag)
    el.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(el)


def _repeat_header(row: Any) -> None:
    _row_flag(row, "w:tblHeader")


def _keep_row_on_one_page(row: Any) -> None:
    """A record's row that fits on a page moves whole to the next one instead of being cut in two
    (Word and LibreOffice honour w:cantSplit), as the PDF does."""
    _row_flag(row, "w:cantSplit")


def _shade(cell: Any, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


def _table(doc: Any, table: ReportTable, width_cm: float, empty_text: str, font_pt: float = 8) -> None:
    if table.title:
        doc.add_heading(table.title, level=3)
    grid = doc.add_table(rows=1, cols=len(table.columns))
    grid.style = "Table Grid"
    grid.autofit = False
    # Word's cell margins come out of each column's width: the content is measured without them
    usable = width_cm - CELL_MARGINS_CM * len(table.columns)
    content = column_widths(table.columns, table.rows, total_units=usable * UNITS_PER_CM_AT_8PT * 8 / font_pt)
    widths = [Cm(usable * w + CELL_MARGINS_CM) for w in content]
    for grid_column, width in zip(grid.columns, widths, strict=True):  # the grid too: LibreOffice reads it
        grid_column.width = width
    header = grid.rows[0]
    _keep_row_on_one_page(header)
    _repeat_header(header)
    for cell, column, width in zip(header.cells, table.columns, widths, strict=True):
        cell.width = width
        cell.text = ""
        run = cell.paragraphs[0].add_run(column.label)
        run.bold = True
        run.font.size = Pt(font_pt)
        _shade(cell, "DDE6F0")
    for values in table.rows:
        record_row = grid.add_row()
        _keep_row_on_one_page(record_row)
        cells = record_row.cells
        for cell, value, column, width in zip(cells, values, table.columns, widths, strict=True):
            cell.width = width
            para = cell.paragraphs[0]
            run = para.add_run(display_cell(value, column.type))
            run.font.size = Pt(font_pt)
            if column.type is ColumnType.INTEGER:
                para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if not table.rows:
        row = grid.add_row()
        merged = row.cells[0].merge(row.cells[-1]) if len(row.cells) > 1 else row.cells[0]
        merged.text = empty_text
    if table.note:
        doc.add_paragraph(table.note).runs[0].italic = True


def render_docx(report: Report, path: Path) -> None:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Cm(PAGE_WIDTH_CM)
    section.page_height = Cm(PAGE_HEIGHT_CM)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(MARGIN_CM))
    body_width = PAGE_WIDTH_CM - 2 * MARGIN_CM
    styles = doc.styles
    _set_fonts(styles["Normal"], EAST_ASIAN_FONT)
    styles["Normal"].font.size = Pt(10.5)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        _set_fonts(styles[name], HEADING_EAST_ASIAN_FONT)
        styles[name].font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
    header = section.header.paragraphs[0]
    header.text = f"{report.title}    {report.report_no}"
    header.runs[0].font.size = Pt(8)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = footer.add_run(report.footer_text() + "    ")
    run.font.size = Pt(8)
    _field(footer, "PAGE")
    footer.add_run(" / ")
    _field(footer, "NUMPAGES")

    t = report.label
    colon = ": " if is_english(report.lang) else "："
    doc.add_heading(report.title, level=0)
    cover = doc.add_table(rows=0, cols=2)
    cover.style = "Table Grid"
    for label, value in report.cover_fields():
        cells = cover.add_row().cells
        cells[0].width, cells[1].width = Cm(4), Cm(body_width - 4)
        cells[0].paragraphs[0].add_run(label).bold = True
        cells[1].text = value

    doc.add_heading(t("scope"), level=1)
    _table(doc, _untitled(report.scope_table()), body_width, t("no_rows"))
    if report.search_terms:
        doc.add_heading(t("search_terms"), level=1)
        _terms(doc, report.search_terms, colon)

    for sec in report.sections:
        doc.add_heading(sec.heading, level=1)
        if sec.search_terms:  # a search in the basket: its terms under its own heading
            doc.add_heading(t("search_terms"), level=2)
            _terms(doc, sec.search_terms, colon)
        if sec.wizard is None:
            for text in sec.paragraphs:
                doc.add_paragraph(text)
        else:
            w = sec.wizard
            if w.questions:
                doc.add_heading(t("questions"), level=2)
                qa = doc.add_table(rows=1, cols=2)
                qa.style = "Table Grid"
                _repeat_header(qa.rows[0])
                qa.rows[0].cells[0].paragraphs[0].add_run(t("question")).bold = True
                qa.rows[0].cells[1].paragraphs[0].add_run(t("answer")).bold = True
                for item in w.questions:
                    cells = qa.add_row().cells
                    cells[0].text, cells[1].text = item.question, item.answer
            doc.add_heading(f"{t('outcome')}{colon}{w.outcome_title}", level=2)
            if w.explanation:
                doc.add_paragraph(w.explanation)
            _list(doc, t("next_steps"), w.next_steps, "List Number")
            if w.office:
                para = doc.add_paragraph()
                para.add_run(t("office") + colon).bold = True
                para.add_run(w.office)
            if w.checklist_groups:  # titled parts, one per route
                doc.add_paragraph().add_run(t("checklist")).bold = True
                for title, items in w.checklist_groups:
                    doc.add_paragraph().add_run(title).italic = True
                    for paper in items:
                        doc.add_paragraph(f"☐ {paper}", style="List Bullet")
            else:
                _list(doc, t("checklist"), [f"☐ {c}" for c in w.checklist], "List Bullet")
            for text in sec.paragraphs:
                doc.add_paragraph(text)
            if not report.rules_in_appendix():
                _list(doc, t("citations"), w.citations, "List Bullet")
        for table in sec.tables:
            _table(doc, printed_table(dataclasses.replace(table, title=sec.caption(table)), report.lang), body_width,
                   t("no_rows"))

    doc.add_heading(t("conclusion"), level=1)
    doc.add_paragraph(report.conclusion or "—")
    doc.add_heading(t("disclaimer"), level=1)
    doc.add_paragraph(report.disclaimer).runs[0].font.size = Pt(9)
    for appendix in report.appendices:
        doc.add_heading(f"{t('appendices')}{colon}{appendix.title}", level=2)
        for text in appendix.paragraphs:
            doc.add_paragraph(text)
    doc.add_paragraph()
    doc.add_paragraph(f"{t('signature')} ______________    {t('date')}{colon}______________")
    _set_properties(doc, report)
    save_through_memory(doc.save, path)  # a failed write raises OSError


def _set_properties(doc: Any, report: Report) -> None:
    """The document's own properties, not python-docx's template's (made 2013 on a Mac): made when
    the report was, saved now, by the staff member (or ipdesk), with the title and report number."""
    props = doc.core_properties
    props.title = report.title[:255]
    props.author = props.last_modified_by = (report.staff or "ipdesk")[:255]
    props.subject = report.purpose[:255]
    props.identifier = report.report_no
    props.language = "en" if is_english(report.lang) else "zh-CN"
    props.comments = f"ipdesk {report.app_version}".strip()
    props.keywords = ""
    props.category = ""
    props.revision = 1
    props.created = report.created_at.astimezone(dt.UTC)  # a naive time is local
    props.modified = dt.datetime.now(dt.UTC).replace(microsecond=0)
    for part in doc.part.package.iter_parts():
        if part.partname == "/docProps/app.xml":  # the template says "Microsoft Macintosh Word"
            part._blob = _app_properties(report.app_version)


def _app_properties(version: str) -> bytes:
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        f"<Application>ipdesk {html.escape(version)}</Application><DocSecurity>0</DocSecurity>"
        "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
        "<HyperlinksChanged>false</HyperlinksChanged></Properties>"
    ).encode()


def _list(doc: Any, heading: str, items: list[str], style: str) -> None:
    if not items:
        return
    para = doc.add_paragraph()
    para.add_run(heading).bold = True
    for item in items:
        doc.add_paragraph(item, style=style)


def _terms(doc: Any, terms: list[SearchTerm], colon: str) -> None:
    for term in terms:
        para = doc.add_paragraph()
        para.add_run(f"{term.label}{colon}").bold = True
        para.add_run(term.value)


def _untitled(table: ReportTable) -> ReportTable:
    return ReportTable(title="", columns=table.columns, rows=table.rows, note=table.note)
