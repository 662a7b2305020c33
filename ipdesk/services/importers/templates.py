"""Column templates for staff spreadsheets: one per record kind, Chinese headers first, English accepted.

A template is the contract between the people who keep lists in Excel and the importer: which
columns exist, which are required, what each holds and in which form. `export_template` writes an
empty workbook with the header row and a second sheet explaining every column, so a centre can
start from a file the importer is sure to read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ipdesk.domain.i18n import Text, pick
from ipdesk.services.outfiles import cannot_write, replacing, require_suffix
from ipdesk.services.reports.files import save_through_memory

KINDS = ("patent", "trademark", "gi")
# The second sheet of every template: one row per column, explaining it. The importer skips it (its
# rows name the columns, and a row such as 名称 | Title | 是 / yes would pass for a GI list's header).
NOTES_SHEET = "说明 Notes"
NOTES_HEADER = ("列 / column", "English", "必填 / required", "说明", "Notes", "示例格式 / form")


@dataclass(frozen=True)
class Column:
    """One column of a template. `ftype` names the rule in `staging.validate_value`."""

    name: str  # field name in the record
    zh: str  # the header written in templates
    en: str
    ftype: str
    required: bool = False
    aliases: tuple[str, ...] = ()  # other headers accepted (folded: lower case, no spaces)
    help_zh: str = ""
    help_en: str = ""
    example: str = ""  # a form, never a real record

    def headers(self) -> tuple[str, ...]:
        return (self.zh, self.en, self.name, *self.aliases)


@dataclass(frozen=True)
class Template:
    kind: str
    title_zh: str
    title_en: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # fields that identify a record (duplicates, new vs changed)
    required_any: tuple[str, ...] = field(default=())

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)

    def title(self, lang: str) -> str:
        return pick(lang, self.title_zh, self.title_en)


_DATE_HELP_ZH = "日期：Excel 日期单元格，或文本 2021-12-10、2021/12/10、20211210、2021年12月10日"
_DATE_HELP_EN = "date: an Excel date cell, or text 2021-12-10, 2021/12/10, 20211210, 2021年12月10日"
_AS_OF = Column(
    "as_of", "截至日期", "As of", "date", aliases=("asof", "数据日期"),
    help_zh="本行数据的截至日期；留空则用导入时选择的日期", help_en="the date the row is true as of; empty: the import's date",
)

PATENT = Template(
    "patent", "专利清单", "Patent list",
    (
        Column("pub_no", "公开号", "Publication number", "pub_no", True,
               ("公开(公告)号", "公开公告号", "公告号", "publicationno", "pubno"),
               "带国别和文献种类代码，如 CN123456789A；只有数字和种类代码时视为 CN",
               "with country and kind code, e.g. CN123456789A; digits and kind code alone are taken as CN",
               "CN123456789A"),
        Column("app_no", "申请号", "Application number", "app_no", False, ("applicationno", "appno"),
               "如 202110000000.1（点号可有可无；点号后是校验位，不符时提醒）",
               "e.g. 202110000000.1 (the dot is optional; after it comes the check digit, warned about when wrong)",
               "202110000000.1"),
        Column("kind", "专利类型", "Patent kind", "patent_kind", False, ("类型", "patenttype"),
               "发明、实用新型或外观设计；留空时由文献种类代码判断",
               "invention, utility model or design; empty: taken from the kind code", "发明"),
        Column("title", "名称", "Title", "text", True, ("发明名称", "专利名称", "标题", "inventiontitle")),
        Column("abstract", "摘要", "Abstract", "text"),
        Column("applicants", "申请人", "Applicants", "names", False, ("申请(专利权)人", "专利权人", "applicant"),
               "多个用分号分隔", "separate several with semicolons"),
        Column("inventors", "发明人", "Inventors", "names", False, ("设计人", "inventor"),
               "多个用分号分隔", "separate several with semicolons"),
        Column("address", "地址", "Address", "text", False, ("申请人地址", "applicantaddress")),
        Column("region_code", "地区代码", "Region code", "division", False, ("行政区划代码", "regioncode"),
               "行政区划代码（2、4、6、9 或 12 位）；留空时从地址推断", "division code (2, 4, 6, 9 or 12 digits); "
               "empty: derived from the address", "330106000000"),
        Column("ipc_codes", "IPC分类号", "IPC", "ipc_list", False, ("ipc", "分类号", "主分类号", "ipc分类",
               "外观设计分类号", "洛迦诺分类号", "locarno", "locarnoclass", "classification"),
               "发明、实用新型填 IPC 分类号，如 A01G 9/00 或 A01G0009000000；外观设计填洛迦诺分类号，如 09-05 或 "
               "LOC(14) Cl. 09-05。多个用分号分隔，主分类在前",
               "an invention or utility model: IPC symbols, e.g. A01G 9/00 or A01G0009000000; a design: Locarno "
               "classes, e.g. 09-05 or LOC(14) Cl. 09-05. Several separated by semicolons, main first",
               "A01G 9/00; A01G 31/00"),
        Column("priority", "优先权", "Priority", "text"),
        Column("filing_date", "申请日", "Filing date", "date", False, ("filingdate", "applicationdate"),
               _DATE_HELP_ZH, _DATE_HELP_EN),
        Column("pub_date", "公开日", "Publication date", "date", False, ("公开(公告)日", "公告日", "publicationdate"),
               _DATE_HELP_ZH, _DATE_HELP_EN),
        Column("grant_date", "授权日", "Grant date", "date", False, ("grantdate",), _DATE_HELP_ZH, _DATE_HELP_EN),
        Column("legal_status", "法律状态", "Legal status", "patent_status", False, ("legalstatus", "状态"),
               "审中、有效、届满、失效 或 pending/in_force/expired/lapsed；国家知识产权局的终止、驳回、撤回、视为放弃等写法也能识别",
               "pending, in_force, expired or lapsed; CNIPA's words such as 终止, 驳回, 撤回, 视为放弃 are understood too"),
        Column("expiry_date", "届满日", "Expiry date", "date", False, ("expirydate",), _DATE_HELP_ZH, _DATE_HELP_EN),
        _AS_OF,
    ),
    key=("pub_no",),
)

TRADEMARK = Template(
    "trademark", "商标清单", "Trademark list",
    (
        Column("reg_no", "注册号", "Registration number", "tm_no", True, ("申请号/注册号", "注册号/申请号", "regno",
               "registrationno"), "数字（国际注册可带字母前缀）；请把列设为“文本”格式",
               "digits (an international registration may have a letter prefix); format the column as text",
               "12345678"),
        Column("mark_text", "商标", "Mark", "text", True, ("商标名称", "商标文字", "mark", "marktext")),
        Column("nice_class", "类别", "Nice class", "nice_class", True, ("国际分类", "尼斯分类", "类号", "class",
               "niceclass"), "1–45", "1–45", "30"),
        Column("similar_groups", "类似群", "Similar groups", "groups", False, ("similargroups", "groups"),
               "4 位类似群代码，多个用空格或分号分隔", "4-digit similar-group codes, separated by spaces or semicolons",
               "3002 3006"),
        Column("goods", "商品服务", "Goods and services", "text", False, ("商品/服务", "核定使用商品", "goods")),
        Column("owner", "注册人", "Owner", "text", False, ("申请人", "注册人名称", "申请人名称", "owner", "applicant")),
        Column("owner_address", "注册人地址", "Owner address", "text", False, ("申请人地址", "地址", "address",
               "owneraddress")),
        Column("region_code", "地区代码", "Region code", "division", False, ("行政区划代码", "regioncode"),
               "行政区划代码；留空时从地址推断", "division code; empty: derived from the address"),
        Column("kind", "商标类型", "Mark kind", "tm_kind", False, ("类型", "markkind"),
               "普通、集体或证明商标", "ordinary, collective or certification", "普通"),
        Column("status", "状态", "Status", "tm_status", False, ("商标状态", "status"),
               "注册、申请中、无效宣告中、期满未续展、已注销等", "registered, pending, invalidation pending, expired, "
               "cancelled and the like", "注册"),
        Column("filing_date", "申请日", "Filing date", "date", False, ("申请日期", "filingdate"),
               _DATE_HELP_ZH, _DATE_HELP_EN),
        Column("reg_date", "注册日", "Registration date", "date", False, ("注册日期", "注册公告日", "regdate",
               "registrationdate"), _DATE_HELP_ZH, _DATE_HELP_EN),
        Column("expiry_date", "专用权期限至", "Expiry date", "date", False, ("有效期至", "专用期限至", "expirydate"),
               _DATE_HELP_ZH, _DATE_HELP_EN),
        _AS_OF,
    ),
    key=("reg_no", "nice_class"),
)

GI = Template(
    "gi", "地理标志清单", "Geographical indication list",
    (
        Column("kind", "类型", "Kind", "gi_kind", False, ("地理标志类型", "gikind"),
               "地理标志产品、地理标志证明商标、地理标志集体商标或农产品地理标志；留空时按编号判断",
               "GI product, GI certification mark, GI collective mark or agricultural-product GI; "
               "empty: from the numbers given", "农产品地理标志"),
        Column("name", "名称", "Name", "text", True, ("产品名称", "地理标志名称", "giname")),
        Column("name_en", "英文名称", "English name", "text", False, ("nameen", "englishname")),
        Column("category", "类别", "Category", "text", False, ("产品类别", "category")),
        Column("holder", "持有人", "Holder", "text", False, ("证书持有人", "申请人", "注册人", "certificateholder",
               "holder")),
        Column("announcement_no", "公告号", "Announcement number", "ident", False, ("批准公告号", "announcementno")),
        Column("tm_reg_no", "商标注册号", "Trademark registration number", "tm_no_optional", False,
               ("tmregno", "注册号")),
        Column("agi_no", "登记证书编号", "AGI number", "agi_no", False, ("农产品地理标志登记证书编号", "证书编号",
               "agino"), "如 AGI00001", "e.g. AGI00001", "AGI00001"),
        Column("registered_on", "登记日期", "Registered on", "partial_date", False, ("批准日期", "registeredon"),
               "年、年-月 或 年-月-日", "year, year-month or year-month-day", "2012-06"),
        Column("area_codes", "保护范围代码", "Area codes", "division_list", False, ("区域代码", "areacodes"),
               "行政区划代码，多个用空格或分号分隔", "division codes, separated by spaces or semicolons",
               "330106 330110"),
        Column("area_text", "保护范围", "Protected area", "text", False, ("地域范围", "产地范围", "areatext")),
        Column("standard", "标准", "Standard", "text", False, ("质量技术要求", "standard")),
        Column("status", "状态", "Status", "text", False, ("status",)),
        Column("note", "备注", "Note", "text", False, ("note",)),
        _AS_OF,
    ),
    key=("kind", "name"),
)

TEMPLATES: dict[str, Template] = {"patent": PATENT, "trademark": TRADEMARK, "gi": GI}


def english_header(zh: str) -> str:
    """The English header of a column given its Chinese header ('' when there is none)."""
    for template in TEMPLATES.values():
        for col in template.columns:
            if col.zh == zh:
                return col.en
    return {"公开号": "Publication number", "注册号+类别": "Registration number and class",
            "类型+名称": "Kind and name"}.get(zh, "")


def fold_header(text: str) -> str:
    """Headers compare without case, spaces, underscores, full-width forms or a trailing '*'."""
    import unicodedata

    t = unicodedata.normalize("NFKC", str(text)).strip().lower().rstrip("*").strip()
    return "".join(ch for ch in t if ch not in " _-\u3000")


def header_map(template: Template) -> dict[str, str]:
    out: dict[str, str] = {}
    for col in template.columns:
        for h in col.headers():
            out.setdefault(fold_header(h), col.name)
    return out


def is_notes_sheet(title: str, first_row: list[object] | tuple[object, ...] | None = None) -> bool:
    """The notes sheet of a template this program wrote: by its title, or (renamed, or copied into
    another workbook) by its header row."""
    if fold_header(title) == fold_header(NOTES_SHEET):
        return True
    if not first_row:
        return False
    cells = [fold_header(str(c)) if c is not None else "" for c in first_row[:3]]
    return cells == [fold_header(h) for h in NOTES_HEADER[:3]]


def match_headers(cells: list[object]) -> tuple[Template, dict[int, str], list[str]] | None:
    """Which template a header row belongs to: (template, column index → field, unknown headers).

    The template whose required columns are all present and that recognises most headers wins."""
    texts = [fold_header(str(c)) if c is not None else "" for c in cells]
    best: tuple[int, Template, dict[int, str], list[str]] | None = None
    for template in TEMPLATES.values():
        hmap = header_map(template)
        found: dict[int, str] = {}
        unknown: list[str] = []
        for i, t in enumerate(texts):
            if not t:
                continue
            name = hmap.get(t)
            if name and name not in found.values():
                found[i] = name
            else:
                unknown.append(str(cells[i]))
        names = set(found.values())
        if not all(c.name in names for c in template.columns if c.required):
            continue
        score = len(found)
        if best is None or score > best[0]:
            best = (score, template, found, unknown)
    return None if best is None else (best[1], best[2], best[3])


def export_template(kind: str, out: Path, lang: str = "zh_CN", *, overwrite: bool = True) -> Path:
    """Write an empty template workbook: the header row (Chinese headers, required ones marked '*')
    and a sheet that explains each column in both languages. Without `overwrite`, a file that has the
    name by then is left as it is (FileTakenError)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    template = TEMPLATES[kind]
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = template.title_zh
    for i, col in enumerate(template.columns, start=1):
        cell = ws.cell(row=1, column=i, value=col.zh + ("*" if col.required else ""))
        cell.font = Font(bold=True)
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = max(12, len(col.zh) * 2 + 4)
        # identifiers and dates as text, so Excel cannot turn 0-led numbers or long digits into numbers
        if col.ftype not in ("text", "names"):
            for row in range(2, 1001):
                ws.cell(row=row, column=i).number_format = "@"
    ws.freeze_panes = "A2"
    notes = wb.create_sheet(NOTES_SHEET)
    notes.append(list(NOTES_HEADER))
    for cell in notes[1]:
        cell.font = Font(bold=True)
    for col in template.columns:
        notes.append([col.zh, col.en, "是 / yes" if col.required else "", col.help_zh, col.help_en, col.example])
    notes.append([])
    notes.append([pick(lang, "英文表头也可识别：", "English headers are accepted too:"),
                  ", ".join(c.en for c in template.columns)])
    for letter, width in zip("ABCDEF", (16, 24, 14, 50, 50, 24), strict=True):
        notes.column_dimensions[letter].width = width
    what = Text("模板", "template")
    require_suffix(out, ".xlsx", what)
    try:  # before the file written first is made beside it (outfiles.fresh_part)
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise cannot_write(out, exc, what) from exc
    with replacing(out, what, overwrite=overwrite) as part:
        save_through_memory(wb.save, part)  # lxml turns a failed write into SerialisationError, no OSError
    return out
