"""Bilingual text outside Qt (CLI, reports, domain outcomes): Simplified Chinese first, English second."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ipdesk.domain.patent_status import OPEN_STATUS_EN, RESTORED_EN, open_status, restored
from ipdesk.domain.trademark_term import TM_STATUS_WORDS


def sentence_start(text: str) -> str:
    """`text` as the start of a sentence or a heading: its first letter a capital ("in force: ask the
    holder" → "In force: ask the holder"); Chinese is unchanged."""
    return text[:1].upper() + text[1:]

def is_english(lang: str) -> bool:
    return lang.lower().startswith("en")


def pick(lang: str, zh: str, en: str) -> str:
    return en if is_english(lang) else zh


def label_value(label: str, value: str, lang: str) -> str:
    """'是什么产品？ 五常大米', '产地：五常市', 'Place: Wuchang' — no colon after a question mark."""
    label = label.rstrip()
    if label.endswith(("？", "?", "：", ":")):
        return f"{label} {value}"
    return f"{label}: {value}" if is_english(lang) else f"{label}：{value}"


def local_time_text(stamp: str, tz: dt.tzinfo | None = None) -> str:
    """A stored UTC time ('2026-11-26T09:59:50Z') as people read it: local time, to the minute
    ('2026-11-26 17:59' in Beijing). Text that is not a time comes back as it was."""
    if not stamp:
        return ""
    try:
        moment = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M")


@dataclass(frozen=True)
class Text:
    """A user-visible phrase in both languages."""

    zh: str
    en: str

    def __call__(self, lang: str) -> str:
        return pick(lang, self.zh, self.en)


def days_ago_text(stamp: str, now: dt.datetime | None = None, tz: dt.tzinfo | None = None) -> Text:
    """How long ago a stored UTC time was, in calendar days where the person is (今天, 昨天, 3 天前): 23:30
    yesterday is 昨天 at 08:00 today, not 今天 as whole 24-hour spans had said. A time after `now` (this
    computer's clock set behind) is said so, never as "-1 days ago". Empty when `stamp` is not a time."""
    try:
        moment = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return Text("", "")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    now = now or dt.datetime.now(dt.UTC)
    if now.tzinfo is None:
        now = now.replace(tzinfo=dt.UTC)
    if moment > now:
        return Text("晚于本机当前时间，请检查本机的日期和时间", "later than this computer's clock: check its date and time")
    days = (now.astimezone(tz).date() - moment.astimezone(tz).date()).days
    if days == 0:
        return Text("今天", "today")
    if days == 1:
        return Text("昨天", "yesterday")
    return Text(f"{days} 天前", f"{days} days ago")


KIND_NAMES = {
    "gi": Text("地理标志", "Geographical indication"),
    "patent": Text("专利", "Patent"),
    "trademark": Text("商标", "Trademark"),
    "place": Text("地方", "Place"),
    "class": Text("分类", "Classification"),
}

GI_KIND_NAMES = {
    "gi_product": Text("地理标志产品", "GI product"),
    "gi_certification_mark": Text("地理标志证明商标", "GI certification mark"),
    "gi_collective_mark": Text("地理标志集体商标", "GI collective mark"),
    "agi": Text("农产品地理标志", "Agricultural-product GI"),
}

# Record statuses as the data stores them (importers map 有效/授权 → in_force, 失效/放弃 → lapsed …).
# The same words as the GUI's labels and the reports, for text made outside Qt (wizard results).
STATUS_NAMES = {
    "protected": Text("受保护", "protected"),
    "in_force": Text("有效", "in force"),
    "valid": Text("有效", "in force"),
    "active": Text("有效", "in force"),
    "granted": Text("已授权", "granted"),
    "registered": Text("已注册", "registered"),
    "pending": Text("审查中", "pending"),
    "published": Text("已公开（审查中）", "published (pending)"),
    "examination": Text("实质审查中", "under examination"),
    "under_examination": Text("实质审查中", "under examination"),
    "substantive_examination": Text("实质审查中", "under substantive examination"),
    "expired": Text("已届满", "expired"),
    "lapsed": Text("已失效", "lapsed"),
    "terminated": Text("已终止", "terminated"),
    "invalid": Text("已无效", "invalid"),
    "invalidated": Text("已被宣告无效", "invalidated"),
    "revoked": Text("已撤销", "revoked"),
    "cancelled": Text("已注销", "cancelled"),
    "withdrawn": Text("已撤回", "withdrawn"),
    "rejected": Text("已驳回", "rejected"),
    "abandoned": Text("已放弃", "abandoned"),
    # a trademark whose right is being challenged: still in force until it is decided
    "invalidation_pending": Text("无效宣告中", "invalidation pending"),
    "opposition_pending": Text("异议中", "opposition pending"),
    "revocation_pending": Text("撤销审查中", "revocation pending"),
}

PATENT_KIND_NAMES = {
    "invention": Text("发明", "invention"),
    "utility": Text("实用新型", "utility model"),
    "design": Text("外观设计", "design"),
}


def status_name(status: str) -> Text:
    """A stored status code in both languages (in_force → 有效 / in force); a status the data gives
    in its own words (free text from an import) is shown in both languages when it is one of the usual
    words (有效, 期满未续展, stored before the import read them), otherwise as it is."""
    known = STATUS_NAMES.get(status.strip().lower())
    if known is not None:
        return known
    held_open = open_status(status)  # 未缴年费专利权终止，等待恢复: the record's own words, which matter
    if held_open is not None:
        return Text(status.strip(), OPEN_STATUS_EN[held_open])
    if restored(status):  # 权利恢复, stored as written before the import read it as in force
        return Text(status.strip(), RESTORED_EN)
    code = status_code(status) or TM_STATUS_WORDS.get("".join(status.split()).lower())
    return Text(status.strip(), STATUS_NAMES[code].en) if code else Text(status, status)


def status_code(typed: str) -> str | None:
    """The stored status a typed one means: a code (in_force) or its words in either language (有效,
    in force); None when it is none of them."""
    t = typed.strip().lower().replace(" ", "_")
    if t in STATUS_NAMES:
        return t
    for code, name in STATUS_NAMES.items():
        if typed.strip() in (name.zh, name.en) or t == name.en.replace(" ", "_"):
            return code
    return None


def patent_kind_name(kind: str) -> Text:
    return PATENT_KIND_NAMES.get(kind) or Text(kind, kind)


# The product categories of the GI lists (CNIPA's and MARA's groupings); record data, so a category
# not listed here is shown as stored.
GI_CATEGORY_NAMES = {
    "果品": Text("果品", "Fruit and nuts"),
    "茶叶": Text("茶叶", "Tea"),
    "粮油": Text("粮油", "Grain and oil crops"),
    "畜禽": Text("畜禽", "Livestock and poultry"),
    "蔬菜": Text("蔬菜", "Vegetables"),
    "中药材": Text("中药材", "Chinese medicinal materials"),
    "加工食品": Text("加工食品", "Processed foods"),
    "工艺品": Text("工艺品", "Handicrafts"),
    "水产": Text("水产", "Aquatic products"),
    "酒类": Text("酒类", "Alcoholic drinks"),
    "食用菌": Text("食用菌", "Edible fungi"),
    "调味品": Text("调味品", "Condiments"),
    "花卉苗木": Text("花卉苗木", "Flowers and nursery stock"),
    "蚕桑丝绸": Text("蚕桑丝绸", "Sericulture and silk"),
    "其他": Text("其他", "Other"),
}


def gi_category_name(category: str, lang: str) -> str:
    text = GI_CATEGORY_NAMES.get(category.strip())
    return text(lang) if text else category


def gi_category_zh(category: str) -> str:
    """A category as the GI lists store it: its English name (Tea, grain and oil crops) becomes 茶叶, 粮油."""
    wanted = category.strip().lower()
    for zh, name in GI_CATEGORY_NAMES.items():
        if wanted == name.en.lower():
            return zh
    return category


def gi_kind_text(kind: str) -> Text:
    """A GI kind in both languages; a kind this version does not know is shown as stored."""
    return GI_KIND_NAMES.get(kind) or Text(kind, kind)


LEVEL_NAMES = {
    1: Text("省级", "Province"),
    2: Text("地级", "Prefecture"),
    3: Text("县级", "County"),
    4: Text("乡级", "Township"),
}

MATCH_NAMES = {
    "name": Text("名称", "name"),
    "place": Text("地名", "place name"),
    "key": Text("拼音/编号", "pinyin/number"),
    "area": Text("所在地", "located there"),
    "text": Text("其他字段", "other fields"),
    "fuzzy": Text("近似拼写", "similar spelling"),
    "within": Text("位于所查地方", "inside the place named"),
    "category": Text("类别", "category"),
    "english": Text("英文名称", "English name"),
    "area_name": Text("所在地和名称", "place and name"),
    "area_category": Text("所在地和类别", "place and category"),
    "product_word": Text("英文产品词", "English product word"),
    "in_query": Text("名称在查询词中", "name inside the query"),
}


DATASET_NAMES = {
    "divisions": Text("行政区划", "Administrative divisions"),
    "gi": Text("地理标志", "Geographical indications"),
    "classifications": Text("分类表", "Classifications"),
    "patents": Text("专利", "Patents"),
    "trademarks": Text("商标", "Trademarks"),
    # what `ipdesk import --local` (本机数据) fills: kept apart, never replaced by an update
    "local_patents": Text("本机导入的专利", "Patents (local import)"),
    "local_trademarks": Text("本机导入的商标", "Trademarks (local import)"),
    "local_gi": Text("本机导入的地理标志", "GIs (local import)"),
}


# The classification schemes (class_node.scheme) as a report's 体系 column names them.
SCHEME_NAMES = {
    "ipc": Text("IPC 国际专利分类", "IPC"),
    "group": Text("类似群", "Similar group"),
    "nice": Text("尼斯分类", "Nice class"),
}


# How a sync check ended (the sync state stores the code) and how a dataset arrived; shared by the
# Data & sync page and `ipdesk sync`.
SYNC_OUTCOME_NAMES = {
    "up_to_date": Text("已是最新", "Up to date"),
    "available": Text("有可用更新", "Update available"),
    "applied": Text("已应用", "Applied"),
    "stale": Text("更新来源已过期", "Update source is stale"),
    "error": Text("出错", "Error"),
    "cancelled": Text("已取消", "Cancelled"),
    "held": Text("未应用，等待确认", "Held back for confirmation"),
}
SYNC_METHOD_NAMES = {"snapshot": Text("完整快照", "Full snapshot"), "delta": Text("增量", "Delta")}
# What an update did to one record (the last update's list of changed records)
SYNC_CHANGE_NAMES = {"added": Text("新增", "Added"), "changed": Text("更改", "Changed"),
                     "removed": Text("删除", "Removed")}

# The published columns by the names the detail views give them, for "which fields changed"; a
# column this version does not know is shown as stored.
RECORD_FIELD_NAMES = {
    # patents
    "pub_no": Text("公开号", "Publication no."), "app_no": Text("申请号", "Application no."),
    "title": Text("标题", "Title"), "abstract": Text("摘要", "Abstract"), "applicants": Text("申请人", "Applicants"),
    "inventors": Text("发明人", "Inventors"), "address": Text("地址", "Address"),
    "region_code": Text("区划代码", "Division code"), "ipc_codes": Text("分类号（IPC/洛迦诺）", "Class (IPC/Locarno)"),
    "priority": Text("优先权", "Priority"), "filing_date": Text("申请日", "Filing date"),
    "pub_date": Text("公开日", "Publication date"), "grant_date": Text("授权日", "Grant date"),
    "legal_status": Text("法律状态", "Legal status"), "expiry_date": Text("到期日", "Expiry date"),
    # trademarks
    "reg_no": Text("注册号", "Registration no."), "mark_text": Text("商标", "Mark"),
    "nice_class": Text("尼斯类别", "Nice class"), "similar_groups": Text("类似群", "Similar groups"),
    "goods": Text("指定商品/服务", "Goods / services"), "owner": Text("注册人", "Owner"),
    "owner_address": Text("注册人地址", "Owner's address"), "reg_date": Text("注册日", "Registration date"),
    "status": Text("状态", "Status"),
    # geographical indications
    "name": Text("名称", "Name"), "name_en": Text("英文名称", "English name"), "category": Text("产品类别", "Category"),
    "holder": Text("持有人/申请人", "Holder / applicant"), "announcement_no": Text("公告号", "Announcement no."),
    "tm_reg_no": Text("商标注册号", "Trademark registration no."), "agi_no": Text("登记证书号", "Certificate no."),
    "registered_on": Text("登记日期", "Registered on"), "area_text": Text("保护范围（原文）", "Protected area (wording)"),
    "areas": Text("保护区域", "Protected divisions"), "standard": Text("标准", "Standard"), "note": Text("备注", "Note"),
    # classifications and divisions
    "scheme": Text("分类体系", "Scheme"), "code": Text("代码", "Code"), "level": Text("级别", "Level"),
    "parent_code": Text("上级代码", "Parent code"), "title_zh": Text("中文名称", "Chinese title"),
    "title_en": Text("英文名称", "English title"), "former_names": Text("曾用名", "Former names"),
    # every dataset
    "kind": Text("类型", "Type"), "source": Text("来源", "Source"), "as_of": Text("数据截至", "Data as of"),
}


def record_key_text(dataset: str, key: Sequence[Any], lang: str) -> str:
    """A published record's natural key as people cite it: a publication number, '12345678（第 30 类）',
    a class or division code; '' for a GI, whose key is its kind and name (shown beside it)."""
    if dataset == "gi":
        return ""
    if dataset == "trademarks" and len(key) == 2:
        return pick(lang, f"{key[0]}（第 {key[1]} 类）", f"{key[0]} (class {key[1]})")
    if dataset == "classifications" and len(key) == 2:
        return str(key[1])
    return " ".join(str(k) for k in key)


def field_names(fields: Iterable[str], lang: str) -> str:
    """Changed columns as people read them: '法律状态、到期日' / 'Legal status, Expiry date'."""
    return pick(lang, "、", ", ").join(code_label(RECORD_FIELD_NAMES, f, lang) for f in fields)


# the changed fields whose old and new value the last update's list keeps (sync.changes.VALUE_FIELDS)
_STATUS_FIELDS = ("legal_status", "status")


def field_value_text(name: str, value: Any, lang: str) -> str:
    """A state field's value as the detail views say it: a status code in words (in_force → 有效)."""
    if value is None or value == "":
        return pick(lang, "（空）", "(none)")
    if name in _STATUS_FIELDS:
        return status_name(str(value))(lang)
    return str(value)


def field_changes_text(fields: Iterable[str], values: Mapping[str, Sequence[Any]], lang: str) -> str:
    """The changed fields of a record, with old → new where it is known: '法律状态：有效 → 已失效；标题' /
    'Legal status: in force → lapsed; Title' ('、' / ', ' between names alone, as `field_names`)."""
    fields = list(fields)
    if not any(f in values for f in fields):
        return field_names(fields, lang)
    parts = []
    for f in fields:
        name = code_label(RECORD_FIELD_NAMES, f, lang)
        if f in values:
            old, new = values[f][0], values[f][1]
            name += pick(lang, "：", ": ") + f"{field_value_text(f, old, lang)} → {field_value_text(f, new, lang)}"
        parts.append(name)
    return pick(lang, "；", "; ").join(parts)


def code_label(names: dict[str, Text], code: str, lang: str) -> str:
    """A stored code in words (`names`), or the code itself when this version does not know it."""
    text = names.get(code)
    return text(lang) if text else code


def dataset_label(name: str, lang: str) -> str:
    return code_label(DATASET_NAMES, name, lang)


def data_as_of_label(stamps: str, lang: str) -> str:
    """'gi 2026-11-25 · divisions 2026-09-11' (how results store it) with each dataset's name in `lang`."""
    parts = []
    for part in stamps.split(" · "):
        name, _, date = part.strip().rpartition(" ")
        parts.append(f"{dataset_label(name, lang)} {date}" if name else part.strip())
    return " · ".join(p for p in parts if p)
