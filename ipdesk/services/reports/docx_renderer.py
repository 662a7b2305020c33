"""Word (.docx) rendering with python-docx: A4, headings, tables with repeated header rows,
page numbers in the footer, and the East-Asian font set so Word shows Chinese in the right face."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
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
    xml_safe,
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


# A theme font named beside a font's name wins over it in Word and LibreOffice: the template's headings
# say majorEastAsia (its theme: 宋体 for Chinese) and majorHAnsi, so their 黑体 was never used (QA 23a)
_THEME_FONTS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def _set_rfonts(rpr: Any, east_asian: str, latin: str) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for theme in _THEME_FONTS:
        fonts.attrib.pop(qn(theme), None)
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)


def _set_fonts(style: Any, east_asian: str, latin: str = LATIN_FONT) -> None:
    """`style`'s fonts by name, and its linked character style's ("Heading 1 Char") as well."""
    _set_rfonts(style.element.get_or_add_rPr(), east_asian, latin)
    link = style.element.find(qn("w:link"))
    linked = style.element.getparent().get_by_id(link.get(qn("w:val"))) if link is not None else None
    if linked is not None:
        _set_rfonts(linked.get_or_add_rPr(), east_asian, latin)


# How Word finds a stand-in for a named font a computer lacks (its fontTable: the Latin name, the GB2312
# character set, the kind of face), as Word writes them for 宋体 and 黑体
_FONT_TABLE = (
    ("宋体", "SimSun", "02010600030101010101", "auto", "variable"),
    ("黑体", "SimHei", "02010609060101010101", "modern", "fixed"),
)


def _add_font_table(doc: Any) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from lxml import etree

    part = doc.part.part_related_by(RT.FONT_TABLE)  # a plain part: its XML read and written back
    fonts = etree.fromstring(part.blob)
    for name, alt, panose, family, pitch in _FONT_TABLE:
        font = OxmlElement("w:font")
        font.set(qn("w:name"), name)
        for tag, value in (("w:altName", alt), ("w:panose1", panose), ("w:charset", "86"), ("w:family", family),
                           ("w:pitch", pitch)):
            el = OxmlElement(tag)
            el.set(qn("w:val"), value)
            font.append(el)
        fonts.append(font)
    part._blob = etree.tostring(fonts, xml_declaration=True, encoding="UTF-8", standalone=True)


def _field(paragraph: Any, instruction: str, size: Any = None) -> None:
    """A Word field (PAGE, NUMPAGES) with its result in place, each part a run of `size`: with no
    result run LibreOffice printed the number in the paragraph's 10.5 pt beside 8 pt words (QA 23a)."""
    def part(tag: str, kind: str = "", text: str = "") -> None:
        run = paragraph.add_run(text)
        if size is not None:
            run.font.size = size
        if tag:
            el = OxmlElement(tag)
            if kind:
                el.set(qn("w:fldCharType"), kind)
            else:
                el.set(qn("xml:space"), "preserve")
                el.text = instruction
            run._r.append(el)

    part("w:fldChar", "begin")
    part("w:instrText")
    part("w:fldChar", "separate")
    part("", text="1")  # the result Word and LibreOffice replace when they lay out the page
    part("w:fldChar", "end")


def _page_of(paragraph: Any, pattern: str) -> None:
    """The page label the PDF prints ("第 {page} 页 / 共 {pages} 页", "Page {page} of {pages}") with
    Word's PAGE and NUMPAGES fields in place of the numbers."""
    for part in re.split(r"(\{page\}|\{pages\})", pattern):
        if part == "{page}":
            _field(paragraph, "PAGE", Pt(8))
        elif part == "{pages}":
            _field(paragraph, "NUMPAGES", Pt(8))
        elif part:
            paragraph.add_run(part).font.size = Pt(8)


def _set_language(doc: Any, lang: str) -> None:
    """The document's languages (python-docx's template says en-US for East Asian text too): Chinese
    text is zh-CN in any report; a Chinese report's other text is zh-CN as well, an English one's en-US
    (spelling and hyphenation follow it)."""
    latin = "en-US" if is_english(lang) else "zh-CN"
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    language = rpr.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        rpr.append(language)
    language.set(qn("w:val"), latin)
    language.set(qn("w:eastAsia"), "zh-CN")
    _set_rfonts(rpr, EAST_ASIAN_FONT, LATIN_FONT)  # a style without its own fonts: not the theme's Cambria


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
    report = xml_safe(report)  # a control character in a record's title failed the whole report
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
    _set_language(doc, report.lang)
    _add_font_table(doc)
    # as the PDF: the title at the left and the number at the right above, the app and report number
    # at the left and "第 1 页 / 共 13 页" at the right below (the template's tabs are for US Letter)
    for name in ("Header", "Footer"):
        tabs = styles[name].paragraph_format.tab_stops
        tabs.clear_all()
        tabs.add_tab_stop(Cm(body_width), WD_TAB_ALIGNMENT.RIGHT)
    header = section.header.paragraphs[0]
    header.add_run(f"{report.title}\t{report.report_no}").font.size = Pt(8)
    footer = section.footer.paragraphs[0]
    footer.add_run(report.footer_text() + "\t").font.size = Pt(8)
    _page_of(footer, report.label("page"))

    t = report.label
    colon = ": " if is_english(report.lang) else "："
    doc.add_heading(report.title, level=0)
    cover = _two_columns(doc, [Cm(4), Cm(body_width - 4)])
    for label, value in report.cover_fields():
        cells = _grid_row(cover)
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
                qa = _two_columns(doc, [Cm(body_width * 0.45), Cm(body_width * 0.55)])
                head = _grid_row(qa)
                _repeat_header(qa.rows[0])
                head[0].paragraphs[0].add_run(t("question")).bold = True
                head[1].paragraphs[0].add_run(t("answer")).bold = True
                for item in w.questions:
                    cells = _grid_row(qa)
                    cells[0].text, cells[1].text = item.question, item.answer
            doc.add_heading(f"{t('outcome')}{colon}{w.outcome_title}", level=2)
            if w.explanation:
                doc.add_paragraph(w.explanation)
            _list(doc, t("next_steps"), w.next_steps, "List Number", numbered=True)
            if w.office:
                para = doc.add_paragraph()
                para.add_run(t("office") + colon).bold = True
                para.add_run(w.office)
            if w.checklist_groups:  # titled parts, one per route
                doc.add_paragraph().add_run(t("checklist")).bold = True
                for title, items in w.checklist_groups:
                    doc.add_paragraph().add_run(title).italic = True
                    for paper in items:
                        _box(doc, paper)
            elif w.checklist:
                doc.add_paragraph().add_run(t("checklist")).bold = True
                for paper in w.checklist:
                    _box(doc, paper)
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


def _list(doc: Any, heading: str, items: list[str], style: str, *, numbered: bool = False) -> None:
    """A bold heading, then the items in `style`; a numbered list starts again at 1 (the style's
    own numbering runs on through the whole document, so a second result's steps were 5, 6 …)."""
    if not items:
        return
    para = doc.add_paragraph()
    para.add_run(heading).bold = True
    num_id = _restarted_numbering(doc, style) if numbered else None
    for item in items:
        paragraph = doc.add_paragraph(item, style=style)
        if num_id is not None:
            num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = 0
            num_pr.get_or_add_numId().val = num_id


def _restarted_numbering(doc: Any, style: str) -> int | None:
    """A new w:num on the style's list definition whose level 0 starts over at 1 (w:lvlOverride with
    w:startOverride): Word's own way to restart a list. None when the style is not numbered."""
    style_num = doc.styles[style].element.find(qn("w:pPr"))
    style_num = style_num.find(qn("w:numPr")) if style_num is not None else None
    style_num_id = style_num.find(qn("w:numId")) if style_num is not None else None
    if style_num_id is None:
        return None
    numbering = doc.part.numbering_part.element
    abstract_id = next((num.abstractNumId.val for num in numbering.num_lst
                        if num.numId == int(style_num_id.get(qn("w:val")))), None)
    if abstract_id is None:
        return None
    num = numbering.add_num(abstract_id)
    override = num.add_lvlOverride(ilvl=0)
    override.add_startOverride(1)
    return int(num.numId)


def _box(doc: Any, paper: str) -> None:
    """A checklist item: its ☐ to tick, indented as a list item but without a bullet beside the box."""
    para = doc.add_paragraph(f"☐ {paper}")
    para.paragraph_format.left_indent = Cm(0.63)
    para.paragraph_format.first_line_indent = Cm(-0.63)
    para.paragraph_format.space_after = Pt(2)


def _two_columns(doc: Any, widths: list[Any]) -> Any:
    """A two-column table whose grid (w:tblGrid, which LibreOffice lays out by) has the cells' widths."""
    table = doc.add_table(rows=0, cols=len(widths))
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    return table


def _grid_row(table: Any) -> Any:
    """A new row of `table`, each cell as wide as its grid column; a row is not cut by a page break."""
    row = table.add_row()
    _keep_row_on_one_page(row)
    cells = row.cells
    for cell, column in zip(cells, table.columns, strict=True):
        cell.width = column.width
    return cells


def _terms(doc: Any, terms: list[SearchTerm], colon: str) -> None:
    for term in terms:
        para = doc.add_paragraph()
        para.add_run(f"{term.label}{colon}").bold = True
        para.add_run(term.value)


def _untitled(table: ReportTable) -> ReportTable:
    return ReportTable(title="", columns=table.columns, rows=table.rows, note=table.note)
