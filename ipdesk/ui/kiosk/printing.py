"""One-tap printing at the kiosk: a GI record, the GIs of a place, or a wizard outcome, laid out
for A4 or an 80 mm receipt roll (setting `kiosk_print_layout`), sent to the default printer.

The QR code points only to an official query site we are sure of (CNIPA's trademark search for a
GI registered as a certification or collective mark; CNIPA's patent publication site for a
patent), with the number to enter printed beside it. These sites have no stable deep link per
record, so none is made up; a record without such a site gets no QR code.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import segno
from PySide6.QtCore import QMarginsF, QObject, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import QLabel

from ipdesk.domain.gi_eligibility import note_in_english
from ipdesk.domain.i18n import is_english, label_value, sentence_start
from ipdesk.domain.report import finding_number, finding_why, source_in
from ipdesk.domain.wizard import GROUP_LABELS, Finding, Outcome
from ipdesk.services.errors import IpdeskError
from ipdesk.services.places import ROUGH_AREA_MARK, PlaceGi, PlaceInfo
from ipdesk.services.records import GiDetail
from ipdesk.ui import labels
from ipdesk.ui.kiosk.widgets import restyle
from ipdesk.ui.report_pdf import layout_device, paginate, report_font_families
from ipdesk.ui.theme import cjk_family

log = logging.getLogger("ipdesk.ui.kiosk")

LAYOUTS = ("a4", "receipt")
TRADEMARK_QUERY_SITE = "https://wcjs.sbj.cnipa.gov.cn/"  # CNIPA 商标网上查询
PATENT_QUERY_SITE = "http://epub.cnipa.gov.cn/"  # CNIPA 中国专利公布公告
_QR_URL = QUrl("kiosk://qr.png")


# Groups whose records each have their own why (a patent of Hong Kong, not the US one beside it; the date
# a term ended; how an application ended): said under the record, as the desk's answer does
_EXPLAINED_GROUPS = ("doubtful", "not_granted", "foreign")


def _finding_line(finding: dict[str, object], lang: str) -> str:
    """A record of a result in one line: a GI with its kind, so that a GI product and the certification
    mark of the same name are two different lines (五常大米（地理标志产品，覆盖您的乡镇）); a classification
    code first (the next steps say to search with it); a patent of a group with a why of its own, with it."""
    kind = finding.get("kind")
    parts = [str(finding["subtitle"])] if kind == "gi" and finding.get("subtitle") else []
    if finding.get("group_label") and kind not in ("patent", "class"):  # their group heads their list
        parts.append(str(finding["group_label"]))
    english = lang.startswith("en")
    # A patent with its publication number: the number is what the QR site and the staff look up
    # (many titles are near-identical); its subtitle is "number · first applicant".
    number = str(finding.get("subtitle") or "").split(" · ")[0].strip() if kind == "patent" else ""
    if kind == "class" and finding.get("subtitle"):
        number = str(finding["subtitle"])
    title = f"{number} {finding['title']}" if number else str(finding["title"])
    why = ""
    if kind == "patent" and finding.get("group") in _EXPLAINED_GROUPS:
        why = finding_why([str(r) for r in finding.get("reasons") or ()], lang)  # type: ignore[attr-defined]
    if parts:
        inner = (", " if english else "，").join(parts)
        title = f"{title} ({inner})" if english else f"{title}（{inner}）"
    return f"{title}\n{sentence_start(why)}" if why else title


# A kiosk slip names a few records of each group, never hundreds: one tap printed 7 A4 pages (3 m of
# receipt roll) of a patent result (QA 20a N3). The whole list is the service desk's report. The same
# few are on the screen: what a visitor sees is what comes out.
FINDINGS_PER_GROUP = 5
# The receipt roll's short form of an answer lists fewer (QA of the kiosk: a 9-patent answer came out as 3
# receipt pages, its law citations and notes repeated), each record in two lines: number and title, standing.
RECEIPT_FINDINGS_PER_GROUP = 3


def _brief_line(finding: Finding, lang: str) -> str:
    """A record on the receipt: its number and title, then its standing and why in one line (`Finding.brief`)."""
    number = finding_number(finding.kind, finding.subtitle)
    title = finding.title_in(lang)
    brief = finding.brief(lang) if finding.brief else ""
    head = f"{number} {title}" if number else title
    return f"{head}\n{sentence_start(brief)}" if brief else head


@dataclass(frozen=True)
class RegistryLink:
    url: str
    number: str  # what to type on that site
    site: str  # the site's name, in the printout's language


@dataclass
class Printout:
    """What is printed: plain text blocks, laid out by `build_document`."""

    title: str
    subtitle: str = ""
    rows: list[tuple[str, str]] = field(default_factory=list)  # label, value
    sections: list[tuple[str, list[str]]] = field(default_factory=list)  # heading, lines
    link: RegistryLink | None = None
    link_caption: str = ""
    footer: list[str] = field(default_factory=list)
    page_label: str = "%1 / %2"  # at the foot of each page of a printout of more than one: page %1 of %2
    # What the 80 mm receipt roll prints instead, when the printout has a shorter form (a patent answer:
    # `Printouts.for_outcome`); None: the same on either layout. The screen shows this printout, not the short one.
    short: Printout | None = None

    def for_layout(self, layout: str) -> Printout:
        """What is printed on `layout`: the short form on the receipt roll, when there is one."""
        return self.short if layout == "receipt" and self.short is not None else self


# How a screen asks for a printout: the shell prints it off the GUI thread and answers on the GUI
# thread with None (sent to the printer) or the error to show.
PrintResult = Callable[[IpdeskError | None], None]
PrintFn = Callable[[Printout, PrintResult], None]


class NoPrinterError(IpdeskError):
    """No default printer is set up on this machine."""


class PrintFailedError(IpdeskError):
    """Printing failed for a reason the visitor cannot act on (the cause is logged)."""


class PrintLimitError(IpdeskError):
    """This visitor has printed as many pages as one visit may (setting `kiosk_prints_per_visitor`)."""


def print_limit_error(limit: int) -> PrintLimitError:
    """What a visitor reads after `limit` printouts: the staff can help (and a child cannot empty
    the paper tray)."""
    return PrintLimitError(
        f"每位访客最多打印 {limit} 份。还需要打印，请联系工作人员。",
        f"This kiosk prints {limit} {'printout' if limit == 1 else 'printouts'} per visitor. "
        "To print more, please ask the staff.",
    )


class Printouts(QObject):
    """Builds printouts in the current UI language (Qt translations, context "Printouts")."""

    def gi_link(self, detail: GiDetail) -> RegistryLink | None:
        """The official query site of a GI, when it has one we are sure of (see the module doc)."""
        if detail.tm_reg_no.strip():
            return RegistryLink(TRADEMARK_QUERY_SITE, detail.tm_reg_no.strip(), self.tr("国家知识产权局商标网上查询"))
        return None

    def patent_link(self, pub_no: str) -> RegistryLink | None:
        return RegistryLink(PATENT_QUERY_SITE, pub_no, self.tr("国家知识产权局中国专利公布公告")) if pub_no else None

    def _footer(self, as_of: str, source: str = "") -> list[str]:
        lines = []
        if as_of:
            lines.append(self.tr("数据截至：%1").replace("%1", as_of))
        if source:
            lines.append(self.tr("来源：%1").replace("%1", source))
        lines.append(self.tr("打印时间：%1").replace("%1", dt.datetime.now().strftime("%Y-%m-%d %H:%M")))
        lines.append(self.tr("本单据由自助机根据离线数据生成，仅供参考；请以主管部门的公告和决定为准。"))
        return lines

    def for_gi(self, detail: GiDetail) -> Printout:
        lang = labels.window_language()
        english = is_english(lang)
        area = detail.area_text or "、".join(a.name for a in detail.areas)
        if area and detail.area_rough:  # the GI check says "may be inside: check first": so does its record
            area += (" (" if english else "（") + ROUGH_AREA_MARK(lang) + (")" if english else "）")
        rows = [
            (self.tr("类型"), labels.gi_kind_name(detail.kind)),
            (self.tr("产品类别"), labels.gi_category_name(detail.category)),
            (self.tr("申请人/持有人"), detail.holder),
            (self.tr("保护范围"), area),
            (self.tr("公告号"), detail.announcement_no),
            (self.tr("商标注册号"), detail.tm_reg_no),
            (self.tr("登记证书编号"), detail.agi_no),
            (self.tr("登记/公告时间"), detail.registered_on),
            (self.tr("标准/技术规范"), detail.standard),
            (self.tr("状态"), labels.status_name(detail.status)),
            # the list's note on the record (how roughly its area is known …); ipdesk's own words in English
            (self.tr("备注"), note_in_english(detail.note) if english else detail.note),
        ]
        out = Printout(title=detail.name, subtitle=detail.name_en, rows=[(k, v) for k, v in rows if v],
                       page_label=self._page_label())
        places = [f"{a.path} {a.name}".strip() for a in detail.areas]
        if places:
            out.sections.append((self.tr("保护范围内的行政区"), places))
        out.link = self.gi_link(detail)
        if out.link:
            out.link_caption = self.tr("扫码打开“%1”，输入注册号 %2 查询。").replace("%1", out.link.site).replace(
                "%2", out.link.number)
        out.footer = self._footer(detail.provenance.as_of, source_in(detail.provenance.source, labels.window_language()))
        return out

    def for_place(self, place: PlaceInfo, gis: list[PlaceGi], as_of: str = "") -> Printout:
        covers = [g for g in gis if g.relation == "covers"]
        inside = [g for g in gis if g.relation != "covers"]
        out = Printout(title=self.tr("%1的地理标志").replace("%1", place.name), subtitle=place.path,
                       page_label=self._page_label())
        out.rows.append((self.tr("行政区划代码"), place.code))
        out.rows.append((self.tr("找到"), self.tr("%n 个地理标志", "", len(gis))))  # %n: "1 GI", "2 GIs"

        english = is_english(labels.window_language())
        opened, comma, closed = (" (", ", ", ")") if english else ("（", "，", "）")  # full-width only in Chinese

        def line(g: PlaceGi) -> str:
            parts = [g.name, labels.gi_kind_name(g.kind)]
            if g.category:
                parts.append(labels.gi_category_name(g.category))
            rough = (f"{opened}{ROUGH_AREA_MARK(labels.window_language())}{closed}"
                     if g.area_rough and g.relation == "covers" else "")
            return (f"{parts[0]}{opened}{comma.join(parts[1:])}{closed}"
                    + self.tr("——保护范围：%1").replace("%1", g.via_name) + rough)

        sure = [g for g in covers if not g.area_rough]
        rough = [g for g in covers if g.area_rough]  # recorded roughly: they may include it, not surely
        if sure:
            out.sections.append((self.tr("保护范围包括这里"), [line(g) for g in sure]))
        if rough:
            out.sections.append((self.tr("保护范围可能包括这里（粗略记录，请核实）"), [line(g) for g in rough]))
        if inside:
            out.sections.append((self.tr("保护范围在这里的下级地方"), [line(g) for g in inside]))
        if not gis:
            out.sections.append((self.tr("结果"), [self.tr("本机数据中没有保护范围包括这里的地理标志。")]))
        out.footer = self._footer(as_of)
        return out

    def _page_label(self) -> str:
        return self.tr("第 %1 页 / 共 %2 页")

    def _finding_sections(self, findings: list[dict[str, object]], lang: str) -> list[tuple[str, list[str]]]:
        """The records of a result, a few of each group in the outcome's order (the most relevant
        first), each group under its own heading with how many more there are."""
        per_group = FINDINGS_PER_GROUP
        groups: dict[str, list[dict[str, object]]] = {}
        for finding in findings:
            groups.setdefault(str(finding.get("group_label") or ""), []).append(finding)
        patents = any(f.get("kind") == "patent" for f in findings)
        sections = []
        for label, members in groups.items():
            # the group's own label heads it ("已失效：这件专利本身不再限制使用"), not stacked under another colon
            heading = label if label and len(groups) > 1 else self.tr("相关记录")
            lines = [_finding_line(f, lang) for f in members[:per_group]]
            more = len(members) - per_group
            if more > 0:
                lines.append(self.tr("……另有 %n 条未列出。", "", more))
            sections.append((heading, lines))
        cut = any(len(members) > per_group for members in groups.values())
        if sections and cut:
            sections.append((self.tr("完整名单"), [self.tr(
                "本单据只列出一部分记录。完整名单（含公布号、申请人和日期）请工作人员在服务台打印报告。")]))
        elif sections and patents:  # every record is here, but not its applicants and dates
            sections.append((self.tr("完整名单"), [self.tr(
                "本单据没有列出申请人和日期；需要时请工作人员在服务台打印完整报告。")]))
        return sections

    def for_outcome(self, outcome: Outcome, lang: str) -> Printout:
        section = outcome.to_report_section(lang)
        out = Printout(title=section["title"], subtitle=section["headline"], page_label=self._page_label())
        out.sections.append((self.tr("说明"), [section["explanation"]]))
        if section["answers"]:
            out.sections.append((self.tr("您的回答"), [label_value(q, a, lang) for q, a in section["answers"]]))
        if section["next_steps"]:
            out.sections.append((self.tr("下一步"), list(section["next_steps"])))
        if section["office"]:
            out.sections.append((self.tr("去哪里办"), [section["office"]]))
        for group in section["checklist_groups"]:  # one untitled part, or a titled part per route
            heading = self.tr("要带的材料")
            out.sections.append((label_value(heading, group["title"], lang) if group["title"] else heading,
                                 list(group["items"])))
        if section["findings"]:
            out.sections.extend(self._finding_sections(list(section["findings"]), lang))
        if section["rules"]:
            out.sections.append((self.tr("依据"), list(section["rules"])))
        if section["notes"]:
            out.sections.append((self.tr("注意"), list(section["notes"])))
        out.footer = [section["disclaimer"], *self._footer(section["data_as_of"])[:-1]]
        if any(f.brief for f in outcome.findings):
            out.short = self._short_outcome(outcome, section, lang)
        return out

    def _short_outcome(self, outcome: Outcome, section: dict[str, Any], lang: str) -> Printout:
        """The answer as a visitor takes it home on a receipt: what was asked, how many were found of each
        group (the headline), a few records of each group with their standing in a line (`Finding.brief`),
        the cautions it must keep (`Outcome.short_notes`), where to get advice, the disclaimer and the data's
        date. The law cited, the notes and the next steps are the screen's and the service desk's full report's."""
        out = Printout(title=section["title"], subtitle=section["headline"], page_label=self._page_label())
        if section["answers"]:
            out.sections.append((self.tr("您的回答"), [label_value(q, a, lang) for q, a in section["answers"]]))
        groups: dict[str, list[Finding]] = {}
        for finding in outcome.findings:
            if finding.brief:
                groups.setdefault(finding.group, []).append(finding)
        per_group = RECEIPT_FINDINGS_PER_GROUP
        for group, members in groups.items():
            lines = [_brief_line(f, lang) for f in members[:per_group]]
            if len(members) > per_group:
                lines.append(self.tr("……另有 %n 件未打印，完整名单请问工作人员。", "", len(members) - per_group))
            label = GROUP_LABELS[group](lang) if group in GROUP_LABELS else group
            out.sections.append((sentence_start(label), lines))  # a heading: "In force: …", not mid-sentence
        if outcome.short_notes:
            out.sections.append((self.tr("注意"), [n(lang) for n in outcome.short_notes]))
        out.sections.append((self.tr("哪里可以咨询"), [self.tr(
            "请到服务台找工作人员咨询，并可打印完整答复（含申请人、日期和法律依据）；"
            "也可以咨询县（市、区）知识产权局。")]))
        out.footer = [section["disclaimer"], *self._footer(section["data_as_of"])[:-1]]
        return out


# --- layout and printing --------------------------------------------------------------------------


def qr_png(url: str, scale: int = 6) -> bytes:
    raw = io.BytesIO()
    segno.make(url, error="m").save(raw, kind="png", scale=scale, border=2)
    return raw.getvalue()


def line_html(text: str) -> str:
    """A line of a printout's section as HTML: escaped, a record's second line (its why) on a line of its own."""
    return html.escape(text).replace("\n", "<br>")


# Between the items of a section on the receipt roll, in CSS pixels, in place of Qt's paragraph margins (a
# blank line's worth between items: 27 mm of a 9-patent answer in English).
_RECEIPT_ITEM_GAP_PX = 6


def _html(printout: Printout, layout: str, qr_px: int) -> str:
    esc = html.escape
    narrow = layout == "receipt"
    parts = [f"<h2>{esc(printout.title)}</h2>"]
    if printout.subtitle:
        parts.append(f"<p><b>{esc(printout.subtitle)}</b></p>")
    if printout.rows:
        if narrow:
            parts.extend(f"<p><b>{esc(k)}：</b>{esc(v)}</p>" for k, v in printout.rows)
        else:
            cells = "".join(
                f"<tr><td width='28%'><b>{esc(k)}</b></td><td>{esc(v)}</td></tr>" for k, v in printout.rows
            )
            parts.append(f"<table cellspacing='0' cellpadding='4' border='1' width='100%'>{cells}</table>")
    for heading, lines in printout.sections:
        if narrow:  # a heading close to its items; no list indent on an 80 mm roll
            parts.append(f"<h3 style='margin-top:10px; margin-bottom:3px'>{esc(heading)}</h3>")
            parts.extend(f"<p style='margin-top:0; margin-bottom:{_RECEIPT_ITEM_GAP_PX}px'>• {line_html(x)}</p>"
                         for x in lines)
        else:
            parts.append(f"<h3>{esc(heading)}</h3>")
            parts.append("<ul>" + "".join(f"<li>{line_html(x)}</li>" for x in lines) + "</ul>")
    if printout.link:
        img = f"<img src='{_QR_URL.toString()}' width='{qr_px}' height='{qr_px}'>"
        caption = f"{esc(printout.link_caption)}<br>{esc(printout.link.url)}"
        if narrow:
            parts.append(f"<p align='center'>{img}</p><p>{caption}</p>")
        else:
            parts.append(f"<table cellpadding='4'><tr><td>{img}</td><td valign='middle'>{caption}</td></tr></table>")
    if printout.footer:
        parts.append("<hr>" + "".join(f"<p><small>{esc(x)}</small></p>" for x in printout.footer))
    return "<html><body>" + "".join(parts) + "</body></html>"


def build_document(printout: Printout, layout: str = "a4", printer: QPrinter | None = None) -> QTextDocument:
    """The printout as a document; laid out for `printer`'s page when given (no extra margins), with the
    metrics of a PDF writer at the printer's resolution (`layout_device`: one for the process, as a
    printer handed to the layout would stay in memory with it)."""
    doc = QTextDocument()
    if printer is not None:
        doc.documentLayout().setPaintDevice(layout_device(printer.resolution()))
    # The report font (WenQuanYi): with it a PDF printout's text extracts as the same characters;
    # Noto CJK's shared glyphs extract as Kangxi radicals (⼀ for 一).
    families = [*report_font_families(), cjk_family()]
    font = QFont(families[0])
    font.setFamilies(families)
    font.setPointSizeF(8.5 if layout == "receipt" else 11)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    # <img> sizes are CSS pixels (1/96 inch) whatever the paint device: a 28 / 35 mm square.
    qr_px = round((28 if layout == "receipt" else 35) / 25.4 * 96)
    if printout.link:
        image = QImage.fromData(qr_png(printout.link.url))
        doc.addResource(QTextDocument.ResourceType.ImageResource, _QR_URL, image)
    doc.setHtml(_html(printout, layout, qr_px))
    if printer is not None:
        page = printer.pageRect(QPrinter.Unit.DevicePixel)
        body_h = page.height() - footer_height(doc, printer)  # the strip below holds the page number
        doc.setPageSize(QSizeF(page.width(), body_h))
        # Each paragraph, list item and table row on one page: Qt would draw a line that crosses a
        # page break on both pages (clipped on one, but in the PDF's text twice).
        paginate(doc, body_h)
    return doc


def footer_height(doc: QTextDocument, printer: QPrinter) -> float:
    """The strip at the foot of each page for "第 n 页 / 共 m 页", in the printer's pixels."""
    return QFontMetricsF(doc.defaultFont(), printer).height() * 1.8


def configure_page(printer: QPrinter, layout: str) -> None:
    if layout == "receipt":
        size = QPageSize(QSizeF(80, 297), QPageSize.Unit.Millimeter, "Receipt 80 mm")
        margins = QMarginsF(3, 3, 3, 3)
    else:
        size = QPageSize(QPageSize.PageSizeId.A4)
        margins = QMarginsF(15, 15, 15, 15)
    printer.setPageLayout(QPageLayout(size, QPageLayout.Orientation.Portrait, margins, QPageLayout.Unit.Millimeter))


def default_printer() -> QPrinter:
    """The system's default printer; NoPrinterError when none is set up."""
    info = QPrinterInfo.defaultPrinter()
    if info.isNull():
        raise NoPrinterError("没有找到打印机。请联系工作人员。", "No printer was found. Please ask the staff.")
    return QPrinter(info, QPrinter.PrinterMode.HighResolution)


def print_failed_error() -> PrintFailedError:
    """What the visitor reads when a print failed for a reason they cannot act on."""
    return PrintFailedError("打印没有成功。请联系工作人员。", "Printing failed. Please ask the staff.")


def _paint_pages(doc: QTextDocument, printer: QPrinter, page_label: str = "") -> str:
    """Paint `doc` (laid out for `printer`'s page by `build_document`) page by page, as
    `QTextDocument.print_` does, but saying when the print did not start or broke off: print_ gives
    no sign that the printer could not be opened (a driver or spooler error), and the visitor would
    be told to collect a page that never comes. Each page of a printout of more than one is
    numbered with `page_label` ("第 %1 页 / 共 %2 页") in the strip below the text. Returns "" once
    sent, else what went wrong."""
    painter = QPainter()
    if not painter.begin(printer):
        return f"the print did not start (printer state {printer.printerState().name})"
    try:
        page = doc.pageSize()
        context = QAbstractTextDocumentLayout.PaintContext()
        palette = context.palette
        palette.setColor(QPalette.ColorRole.Text, QColor("black"))  # ink, whatever the screen's theme
        context.palette = palette
        for index in range(doc.pageCount()):
            if index and not printer.newPage():
                return f"page {index + 1} could not be started (printer state {printer.printerState().name})"
            view = QRectF(0, index * page.height(), page.width(), page.height())
            painter.save()
            painter.translate(0, -view.top())
            painter.setClipRect(view)
            context.clip = view
            doc.documentLayout().draw(painter, context)
            painter.restore()
            if page_label and doc.pageCount() > 1:
                painter.save()
                painter.setFont(doc.defaultFont())
                painter.setPen(QColor("black"))
                strip = QRectF(0, page.height(), page.width(), footer_height(doc, printer))
                text = page_label.replace("%1", str(index + 1)).replace("%2", str(doc.pageCount()))
                painter.drawText(strip, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom), text)
                painter.restore()
    finally:
        painter.end()
    if printer.printerState() in (QPrinter.PrinterState.Error, QPrinter.PrinterState.Aborted):
        return f"the printer reported {printer.printerState().name}"
    return ""


def print_printout(printout: Printout, printer: QPrinter, layout: str = "a4") -> None:
    """Lay out and print. Called off the GUI thread (the kiosk shell runs it as a background task):
    a spooler or a printer can be slow, and QPainter on a QPrinter is supported in any thread.
    PrintFailedError (the cause logged) when the printer could not be opened or reported an error."""
    layout = layout if layout in LAYOUTS else "a4"
    printout = printout.for_layout(layout)
    configure_page(printer, layout)
    printer.setDocName(printout.title)
    doc = build_document(printout, layout, printer)
    where = printer.printerName() or printer.outputFileName()
    problem = _paint_pages(doc, printer, printout.page_label)
    if problem:
        log.error("kiosk: printing %r (%s) to %s failed: %s", printout.title, layout, where, problem)
        raise print_failed_error()
    log.info("kiosk: printed %r (%s) to %s", printout.title, layout, where)


def show_print_result(label: QLabel, text: str, error: IpdeskError | None = None, *, lang: str = "zh_CN",
                      role: str = "ok") -> None:
    """A kiosk print's state in a screen's status label: `text` in `role` ("hint" while printing,
    "ok" once sent), or, when there is an `error`, its message in `lang` (role "error")."""
    if error is not None:
        role, text = "error", error.message(lang)
    label.setProperty("role", role)
    label.setText(text)
    restyle(label)
