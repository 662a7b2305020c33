"""GI eligibility: "can our product, made in our township, use a geographical indication?"

Questions: who is asking, the product (free text, optionally one suggested GI), the township.
The services look up the facts (`GiFacts`: the township and the GIs whose name or category matches
the product, each marked whether its protected area covers the township); `decide()` turns answers
and facts into an `Outcome` with the route, the office, the checklist and the rules.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz.distance import Levenshtein

from ipdesk.domain import rules
from ipdesk.domain.codes import division_prefix
from ipdesk.domain.i18n import Text, gi_kind_text, sentence_start
from ipdesk.domain.input_words import product_problem
from ipdesk.domain.text import fold, has_cjk, is_cjk, pinyin_query_forms, primary_pinyin, readings
from ipdesk.domain.wizard import (
    LEVEL_CAUTION,
    LEVEL_GO,
    LEVEL_INFO,
    LEVEL_STOP,
    SUMMARY,
    Answer,
    ChecklistGroup,
    Finding,
    FlowSpec,
    Outcome,
    Question,
    RuleCitation,
)

KIND_ORDER = ("gi_product", "gi_certification_mark", "gi_collective_mark", "agi")


@dataclass(frozen=True)
class Township:
    code: str
    name: str
    path: tuple[str, ...]  # province … county names

    @property
    def label(self) -> str:
        return " ".join((*self.path, self.name))


@dataclass(frozen=True)
class GiRecord:
    id: int
    kind: str  # gi_product | gi_certification_mark | gi_collective_mark | agi
    name: str
    category: str = ""
    holder: str = ""
    area_text: str = ""
    standard: str = ""
    covers: bool = False  # its protected area includes the township (directly or through an ancestor)
    area_names: tuple[str, ...] = ()  # divisions of its protected area, for "why not"
    tm_reg_no: str = ""  # the trademark's registration number, where known (GI trademarks)
    note: str = ""  # the record's note (Chinese), e.g. how roughly its area is recorded
    # How far the recorded divisions can be trusted (`area_precision`, read once when the record is made):
    area_rough: bool = False  # recorded by whole counties or cities, larger or vaguer than the real area
    area_partial: bool = False  # the recorded divisions leave out part of the real area

    def kind_name(self, lang: str) -> str:
        return gi_kind_text(self.kind)(lang)


@dataclass(frozen=True)
class AreaPrecision:
    rough: bool = False
    partial: bool = False


# How the GI lists (resources/seed/gi/*.tsv, "area_codes" rule in their headers) say that an area is recorded
# by whole counties or cities rather than as it is: 按县记, 按地级市粗略记, area_codes 为地级市整体, 具体范围以公告
# 为准, 茶淀、汉沽一带, 部分乡镇 …
_ROUGH = re.compile(r"按[^，；。、（）]{0,14}?记|粗略|整体|范围未核实|以[^，；。]{0,14}?为准|一带|为主|为中心|部分|周边")
# … and that the recorded divisions leave part of the area out: 此处仅列库尔勒市, 还涉及绍兴以外部分县, 未列码.
_PARTIAL = re.compile(r"仅列|还涉及|未列码|未编码|另含")
_TOWNSHIP_WORD = re.compile(r"[\u4e00-\u9fff](?:镇|乡|街道|村|办事处)")  # 安定镇, 茅山后村, 19个乡镇
_WHOLE = re.compile(r"全县|全境|全域|全市|辖区内|所辖")
_NOT_PLACES = ("农业农村", "乡镇表")  # 农业农村部, 按乡镇表推定: no township named


# The sentence the seed build adds to the note of a GI whose list inferred its area from the name
# (services.seed_build): ipdesk's own words, so said in English to an English reader; the rest of a note is
# the list's, quoted in Chinese. Its 粗略 makes the area rough (`area_precision`).
ROUGH_AREA_NOTE = Text("产地范围按名称所指区划粗略记录，以登记或注册时划定的地域范围为准",
                       "the area is recorded roughly, as the division the name points to; the area drawn at "
                       "registration decides")


def note_in_english(note: str) -> str:
    """A record's note on its area for an English reader: the list's own words quoted as Chinese, ipdesk's
    sentence (`ROUGH_AREA_NOTE`) in English."""
    rest = "；".join(part for part in note.split("；") if part.strip() and part != ROUGH_AREA_NOTE.zh)
    said = [f"(in Chinese) {rest}"] if rest else []
    if ROUGH_AREA_NOTE.zh in note.split("；"):
        said.append(ROUGH_AREA_NOTE.en)
    return "; ".join(said)


def area_precision(note: str, area_codes: Iterable[str] = (), area_text: str = "") -> AreaPrecision:
    """How exactly a GI's recorded divisions (`area_codes`) give its protected area, read from the record's
    note and official wording. Rough: the note says the area was recorded by a whole county or city (按县记,
    粗略记, 以公告为准 …), or the area is a named township or village while no township is recorded (大兴区安定镇
    recorded as 大兴区). Partial: the note says part of the area is not recorded (此处仅列…). Applicants and
    registrants named in the note (申请人为…镇农业服务中心) are not the area."""
    clauses = [c for c in re.split(r"[；;]", note or "") if "申请人" not in c and "注册人" not in c]
    text = "；".join(clauses)
    for word in _NOT_PLACES:
        text = text.replace(word, "")
    rough = bool(_ROUGH.search(text))
    if not rough and not any(len(division_prefix(c)) >= 9 for c in area_codes):
        rough = any(_TOWNSHIP_WORD.search(t) and not _WHOLE.search(t) for t in (text, area_text or ""))
    return AreaPrecision(rough=rough, partial=bool(_PARTIAL.search(text)))


def unrecorded_part_may_hold(township_code: str, area_codes: Iterable[str]) -> bool:
    """Whether the part of a GI's area a record leaves out (`AreaPrecision.partial`) may hold the township:
    only in a province of the recorded divisions. The lists' notes place each missing part beside the recorded
    one (龙井茶's 越州 counties outside 绍兴, 长白山五味子's 保护开发区, the other 巴州 counties of 库尔勒香梨), never in
    another province, so a Heilongjiang township is plainly outside 龙井茶, not "check first"."""
    return not area_codes or township_code[:2] in {code[:2] for code in area_codes}


# --- townships an area text lists ------------------------------------------------------------------------
# "河北省深州市穆村乡、双井开发区、唐奉镇……共7个乡镇现辖行政区域": when a GI's area is recorded by its county but its
# official wording lists the townships, a township of that county that is not listed is probably outside.

_ETHNIC = re.compile(r"(?:蒙古|朝鲜|土家|布依|哈尼|傈僳|拉祜|纳西|景颇|柯尔克孜|达斡尔|仫佬|撒拉|毛南|仡佬|锡伯|塔吉克|"
                     r"乌孜别克|俄罗斯|鄂温克|鄂伦春|维吾尔|哈萨克|[回满苗瑶彝藏壮侗畲白傣佤黎水羌土京怒])族$")
_TOWN_SUFFIX = re.compile(r"(?:街道办事处|街道|办事处|地区|苏木|乡|镇)$")
# how an item of a township list ends (乡, 镇, 街道, and the farms, zones and villages such lists also name)
_LIST_ITEM_ENDS = ("乡", "镇", "街道", "办事处", "地区", "苏木", "开发区", "管理区", "林场", "农场", "村")
_ABOVE_TOWN = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "省", "市", "县", "区", "旗", "盟", "州")
_LIST_COUNT = re.compile(r"(?:共|等)?(\d+)个([^，。；（）]*)$")  # 共7个乡镇, 等12个乡镇、街道、农场


def town_core(name: str) -> str:
    """A township's name without what changes when it is renamed or merged: 穆村乡 and 穆村镇 are 穆村, 滨湖街道
    and 滨湖办事处 滨湖, 江南朝鲜族满族乡 江南."""
    core = _TOWN_SUFFIX.sub("", name)
    core = core.removesuffix("民族") if len(core) > 3 else core
    while (shorter := _ETHNIC.sub("", core)) != core and len(shorter) >= 2:
        core = shorter
    return core if len(core) >= 2 else name


def _division_stem(name: str) -> str:
    """深州市 → 深州, 西藏自治区 → 西藏 (a province, city or county's name without its level)."""
    for suffix in _ABOVE_TOWN:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return re.sub(r"(?:蒙古|维吾尔|壮|回)族$", "", name[: -len(suffix)]) or name
    return name


def listed_townships(area_text: str, path: Iterable[str] = ()) -> tuple[str, ...]:
    """The townships an area text lists one by one (穆村乡, 双井开发区, 唐奉镇 …), or () when it is not such a
    complete list: a whole county (全县), rough words (一带, 部分), bare names, or fewer names than it counts (…等15个
    乡镇 after two names). `path` (province, city, county) is the prefix to leave out of the first name."""
    text = re.sub(r"\s", "", area_text or "")
    text = re.sub(r"现辖(?:行政)?区域$", "", text)
    if not text or _WHOLE.search(text) or _ROUGH.search(text):
        return ()
    count = None
    tail = _LIST_COUNT.search(text)
    if tail:
        if not re.search("乡|镇|街道", tail.group(2)):
            return ()
        count, text = int(tail.group(1)), text[: tail.start()]
    for name in path:  # 河北省深州市 before 穆村乡
        stem = _division_stem(name)
        above = re.match(re.escape(stem) + "(?:" + "|".join(_ABOVE_TOWN) + ")", text)
        if stem and above:
            text = text[above.end():]
    items = tuple(i for i in text.split("、") if i)
    if not items or (count is not None and count != len(items)):
        return ()
    if count is None and not all(i.endswith(_LIST_ITEM_ENDS) for i in items):
        return ()
    if not any(re.search("乡|镇|街道", i) for i in items):
        return ()
    return items


@dataclass(frozen=True)
class TownshipList:
    """A GI's area text that lists townships, read for one township: `match` is the name it is listed under
    (穆村乡 for 穆村镇), "" when it is not among them."""

    names: tuple[str, ...]
    match: str = ""


def _lists_as(item: str, core: str) -> bool:
    """Whether a listed name is this township (its name without 乡/镇/街道: `core`). In doubt it is: a name one ends
    with (板城镇 and 下板城镇; a first name still carrying a county: 天津市蓟县下营镇), a village of it (凤凰乡木龙村)."""
    item_core = town_core(item)
    if item_core.endswith(core) or (len(item_core) >= 2 and core.endswith(item_core)):
        return True
    return item.startswith(core) and bool(re.match(r"乡|镇|街道|办事处|地区|苏木|[\u4e00-\u9fff]{1,6}族", item[len(core):]))


def township_list(gi: GiRecord, township: Township) -> TownshipList | None:
    """Whether a GI's area text lists the township, or None when it lists no townships of its county (then the
    recorded divisions are all there is to go by)."""
    if not township.path or _division_stem(township.path[-1]) not in (gi.area_text or ""):
        return None
    names = listed_townships(gi.area_text, township.path)
    if not names:
        return None
    core = town_core(township.name)
    return TownshipList(names, next((n for n in names if _lists_as(n, core)), ""))


@dataclass(frozen=True)
class GiFacts:
    township: Township
    matches: tuple[GiRecord, ...]  # GIs matching the product text (or the chosen GI and its twins)
    local: tuple[GiRecord, ...] = ()  # other GIs covering the township (suggestions)
    data_as_of: str = ""


@dataclass(frozen=True)
class ProductWords:
    """How a typed product reads: 五常稻米 and 'Wuchang rice' are 五常 (or wuchang) + the crop rice;
    稻米 and 'rice' are the crop alone (no qualifier); 'wuchangdami' is no crop word at all."""

    crop: rules.Crop | None = None
    qualifier: str = ""  # what comes before the crop word, folded, without spaces
    word: str = ""  # the crop word as typed, folded (稻米, rice, 香菇)


def read_product(product: str) -> ProductWords:
    """Find the crop word at the end of the product (rules.CROPS vocabulary, Chinese or English)."""
    words = fold(product).split()
    for n in (3, 2, 1):  # English or mixed: the last words (navel oranges, Wuchang rice, 五常 rice)
        if len(words) >= n:
            crop = rules.crop_named(" ".join(words[-n:]))
            if crop is not None:
                return ProductWords(crop, "".join(words[:-n]), " ".join(words[-n:]))
    last = words[-1] if words else ""
    for i in range(1, len(last)):  # written together: the longest crop word it ends with (五常稻米)
        if is_cjk(last[i]) or is_cjk(last[i - 1]):
            crop = rules.crop_named(last[i:])
            if crop is not None:
                return ProductWords(crop, "".join(words[:-1]) + last[:i], last[i:])
    return ProductWords()


def _pinyin_named(typed: str, name: str, *, initials: bool) -> bool:
    """True when Latin text is the name's pinyin (wuchangdami, 'wu chang da mi', wǔcháng) or, with
    `initials`, its initials of three letters or more (wcdm)."""
    if not typed or has_cjk(typed) or not name:
        return False
    full, first_letters = primary_pinyin(name)
    forms = pinyin_query_forms(typed)
    return bool(full) and any(f == full or (initials and len(f) >= 3 and f == first_letters) for f in forms)


def _group_member(crop: rules.Crop, word: str) -> str:
    """For a group crop (fungi, citrus, fish): the one product a typed word means (香菇, shiitake →
    香菇), or "" when it means the group as a whole (食用菌, mushroom)."""
    if not crop.group or not word:
        return ""
    if has_cjk(word):
        return "" if word in (crop.keywords[0], crop.name.zh.split(" / ")[0]) else word
    return rules.GROUP_MEMBER_EN.get(word.lower(), "")


def _crop_stems(crop: rules.Crop, gi_name: str, category: str = "", word: str = "") -> list[str]:
    """What comes before the crop word in a GI's name (五常 of 五常大米), plus the whole name when
    the GI's category is the crop (西湖龙井 for tea). Empty when the GI is not for this crop. Of a
    group crop, a member word (`word`: 香菇) only matches names ending with it (not 东宁黑木耳)."""
    member = _group_member(crop, word)
    endings = (tuple(w for w in crop.name_endings if w.endswith(member)) or (member,)) if member else crop.name_endings
    stems = [gi_name[: -len(w)] for w in endings if gi_name.endswith(w) and len(gi_name) > len(w)][:1]
    if not member and category and category in crop.categories:
        stems.append(gi_name)
    return stems


def _qualifier_names(qualifier: str, stem: str) -> bool:
    return qualifier == stem or _pinyin_named(qualifier, stem, initials=False)


def names_gi(product: str, gi_name: str, category: str = "") -> bool:
    """True when the product text names this GI (西湖龙井茶 names 西湖龙井), rather than a kind of product
    (茶) that many GIs share: in characters, in pinyin or its initials (wuchangdami, wcdm), or as the
    place part and a word for the crop (五常稻米, Wuchang rice → 五常大米)."""
    p, g = fold(product).replace(" ", ""), fold(gi_name).replace(" ", "")
    if not p or not g:
        return False
    if g in p:  # the whole name (西湖龙井茶 names 西湖龙井); a part of it (五常大, 常大米) is not a product
        return not made_from_gi(product, gi_name, category)
    if _pinyin_named(product, g, initials=True):
        return True
    words = read_product(product)
    if words.crop is None or not words.qualifier:
        return False
    return any(_qualifier_names(words.qualifier, stem)
               for stem in _crop_stems(words.crop, g, fold(category), words.word))


def made_from_gi(product: str, gi_name: str, category: str = "") -> bool:
    """True when the product text is the GI's name followed by another product (五常大米酒, 五常大米饼干): a
    product made from the GI product, which may name it as an ingredient but not use its special mark (the
    mark is for the product made to the GI's standard). The name followed by its own kind is the GI product
    (西湖龙井茶, 西湖龙井绿茶, 库尔勒香梨果): the category's word, or a word for the GI's crop."""
    p, g = fold(product).replace(" ", ""), fold(gi_name).replace(" ", "")
    at = p.find(g) if g else -1
    if at < 0:
        return False
    rest = p[at + len(g):]
    if not any(is_cjk(ch) for ch in rest):
        return False
    cat = fold(category)
    if cat and (cat.startswith(rest) or rest.startswith(cat)):
        return False
    words = read_product(rest)
    if words.crop is None:
        return True
    return bool(cat) and not _crop_stems(words.crop, g, cat, words.word)  # no category: a crop word is its kind


def product_matches(product: str, gi: GiRecord) -> bool:
    """True when the typed product is what this GI is for: it names the GI, the GI's name ends with it
    (大米 → 五常大米, 梨 → 苹果梨, not 苹果 → 苹果梨), or it is the GI's category (茶 → 茶叶), or it is a
    word for the GI's crop in Chinese or English (稻米, 水稻, rice → 五常大米; tea → 西湖龙井).
    A name that merely contains the word (茶 in 茶淀玫瑰香葡萄, a grape) does not count."""
    p = fold(product).replace(" ", "")
    name, category = fold(gi.name).replace(" ", ""), fold(gi.category)
    if not p:
        return False
    if names_gi(product, gi.name, gi.category):
        return True
    # the product the name ends with, after a place part of two characters or more (大米 → 五常大米; not
    # 常大米, the tail of the name)
    if name.endswith(p) and len(name) - len(p) >= 2:
        return True
    if category and p == category:  # the category itself (茶叶); not a character of it (油 of 粮油, 禽 of 畜禽)
        return True
    words = read_product(product)
    return (words.crop is not None and not words.qualifier
            and bool(_crop_stems(words.crop, name, category, words.word)))


def near_name(product: str, gi_name: str) -> bool:
    """True when the product is near the GI's name without naming it: a part of the name (五常, 常大米 of
    五常大米), the same sound (五長大米, 五长大米, 吴常大米: an input method's homophones) or the sound of its
    beginning (五长), one character off in three or more (五常大木, 五常香米), or in letters the beginning of
    its pinyin or a slip of two letters (wuchang, wuchnagdami). Such a product is a near miss of an existing
    GI: the answer asks "did you mean" rather than say no GI exists."""
    p, g = fold(product).replace(" ", ""), fold(gi_name).replace(" ", "")
    if len(p) < 2 or not g or p == g:
        return False
    full = primary_pinyin(g)[0]
    if has_cjk(p):
        if p in g or (len(p) >= 3 and Levenshtein.distance(p, g) <= 1):
            return True
        return bool(full) and any(len(sound) >= 4 and full.startswith(sound) for sound in readings(p))
    return any(len(f) >= 4 and f.isalpha() and (full.startswith(f) or (len(f) >= 8 and Levenshtein.distance(f, full) <= 2))
               for f in pinyin_query_forms(product))


def rank_suggestions(product: str, records: Iterable[GiRecord]) -> list[GiRecord]:
    """The GIs to suggest for a typed product, best first: those it names or is (五常大米 for Wuchang rice and
    for 大米), then the rest. When the product names a crop (Wuchang rice, 五常稻米), the rest are only GIs for
    that crop elsewhere (盘锦大米): a GI for something else that only sounds like the place part (五城茶干, dried
    tofu, for Wuchang rice) is left out. Without a crop word (wuchang) every candidate stays."""
    words = read_product(product)
    ranked: list[tuple[int, GiRecord]] = []
    for gi in records:
        if product_matches(product, gi):
            ranked.append((0, gi))
        elif words.crop is None or _crop_stems(words.crop, fold(gi.name).replace(" ", ""), fold(gi.category),
                                               words.word):
            ranked.append((1, gi))
    return [gi for _, gi in sorted(ranked, key=lambda r: r[0])]


# --- the flow ----------------------------------------------------------------------------------------

QUESTIONS = {
    "role": Question("role", Text("谁在询问？", "Who is asking?"),
                     Text("不同身份可走的途径不同。", "The routes differ by who applies.")),
    "product": Question("product", Text("是什么产品？", "Which product?"),
                        Text("输入产品名称，如“大米”“龙井茶”，可从建议中选择一个地理标志。",
                             "Type the product, e.g. rice or Longjing tea; you may pick a GI from the suggestions.")),
    "township": Question("township", Text("在哪个乡镇生产？", "Which township is it produced in?"),
                         Text("输入乡镇名称或12位区划代码。", "Type the township's name or its 12-digit code.")),
    SUMMARY: Question(SUMMARY, Text("请核对您的回答", "Check your answers")),
}


NOT_GIVEN = Text("未说明", "not given")


def _problems_role(data: Mapping[str, Any]) -> list[Text]:
    return [] if data.get("role") in rules.ROLES else [Text("请选择身份。", "Choose who is asking.")]


def _problems_product(data: Mapping[str, Any]) -> list[Text]:
    product = str(data.get("product") or "")
    if not product.strip():
        return [Text("请输入产品名称。", "Type the product's name.")]
    wordless = product_problem(product)
    return [wordless] if wordless is not None else []


def _problems_township(data: Mapping[str, Any]) -> list[Text]:
    code = str(data.get("township_code") or "")
    if not (len(code) == 12 and code.isdigit()):
        return [Text("请选择一个乡镇（12位区划代码）。", "Choose a township (12-digit division code).")]
    return []


def _answers(data: Mapping[str, Any]) -> list[Answer]:
    out = []
    role = data.get("role")
    # Not answered (the CLI without --role) is said as such: no role is assumed for the person.
    out.append(Answer(QUESTIONS["role"].title, rules.ROLES.get(str(role or ""), NOT_GIVEN)))
    if data.get("product"):
        product = str(data["product"])
        if data.get("gi_name") and data["gi_name"] != product:  # 大米（五常大米）, never 五常大米（五常大米）
            product = f"{product}（{data['gi_name']}）"
        out.append(Answer(QUESTIONS["product"].title, Text(product, product)))
    if data.get("township_code"):
        label = str(data.get("township_label") or data["township_code"])
        out.append(Answer(QUESTIONS["township"].title, Text(f"{label}（{data['township_code']}）",
                                                            f"{label} ({data['township_code']})")))
    return out


GI_FLOW = FlowSpec(
    name="gi_check",
    questions=QUESTIONS,
    first="role",
    next_rules={"role": lambda d: "product", "product": lambda d: "township", "township": lambda d: SUMMARY},
    problem_rules={"role": _problems_role, "product": _problems_product, "township": _problems_township},
    answer_rule=_answers,
)


# --- the decision ------------------------------------------------------------------------------------

def _in_sentence(kind_en: str) -> str:
    """A GI kind's English name inside a sentence: 'agricultural-product GI', 'GI product' (the
    abbreviation keeps its capitals)."""
    return kind_en if kind_en[:2].isupper() else kind_en[:1].lower() + kind_en[1:]


def _a(noun: str) -> str:
    """'a GI certification mark', 'an agricultural-product GI'."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {_in_sentence(noun)}"


def _finding(gi: GiRecord, group: str, lang_reason: Text | None = None) -> Finding:
    """A GI the outcome rests on. An area recorded only roughly never "covers" as a fact (it may cover), and
    one recorded in part is outside only the recorded part."""
    if group == "covers" and gi.area_rough:
        group = "may_cover"
    elif group == "outside" and gi.area_partial:
        group = "outside_record"
    kind = gi_kind_text(gi.kind)
    reasons = [Text(f"类型：{kind.zh}", f"kind: {kind.en}")]
    if gi.area_text:
        reasons.append(Text(f"保护范围：{gi.area_text}", f"protected area (official wording): {gi.area_text}"))
    elif gi.area_names:
        names = "、".join(gi.area_names[:8])
        reasons.append(Text(f"保护范围：{names}", f"protected area: {names}"))
    if group in ("may_cover", "outside_record") and gi.note:
        reasons.append(Text(f"本机数据的范围备注：{gi.note}", f"the offline data's note on the area: {note_in_english(gi.note)}"))
    if gi.holder:
        reasons.append(Text(f"权利人/申请人：{gi.holder}", f"holder/applicant: {gi.holder}"))
    if gi.tm_reg_no:
        reasons.append(Text(f"商标注册号：{gi.tm_reg_no}", f"trademark registration number: {gi.tm_reg_no}"))
    if gi.standard:
        reasons.append(Text(f"标准/技术规范：{gi.standard}", f"standard/specification: {gi.standard}"))
    if lang_reason:
        reasons.append(lang_reason)
    return Finding("gi", gi.id, gi.name, kind.zh, group, tuple(reasons), subtitle_text=kind)


def _relevant(data: Mapping[str, Any], facts: GiFacts) -> list[GiRecord]:
    """The GIs the answer is about: the one the person picked (and its twins of other kinds with the
    same name, e.g. a GI product and a certification mark both called 五常大米), else every match."""
    chosen = data.get("gi_id")
    if chosen:
        picked = next((m for m in facts.matches if m.id == chosen), None)
        if picked is not None:
            return [m for m in facts.matches if m.name == picked.name]
    product = str(data.get("product") or "")
    return [m for m in facts.matches if product_matches(product, m)]


def _role_notes(role: str, kind: str) -> list[Text]:
    """A farmer's answer says in its steps that the special mark carries its user's credit code
    (`_farmer_gi_product_steps`, `_farmer_mark_outcome`): not said again as a note (QA 19d R3)."""
    notes: list[Text] = []
    if role == "government" and kind != "none":
        notes.append(Text(
            "政府部门本身不使用专用标志；可以组织辖区内的合作社和企业申请，并协助产地核查。",
            "A government body does not use the special mark itself; it can help cooperatives and enterprises in "
            "its area apply and support the origin checks.",
        ))
    return notes


def _answers_tuple(data: Mapping[str, Any]) -> tuple[Answer, ...]:
    return tuple(_answers(data))


def decide(data: Mapping[str, Any], facts: GiFacts) -> Outcome:
    """The GI route for these answers and facts."""
    role = str(data.get("role") or "")  # "" when not given: the advice then covers every role
    relevant = _relevant(data, facts)
    # The route by kind (a GI product first); of one kind, an area known to include the township before one
    # recorded only roughly (which may not).
    # An area recorded by its county whose official wording lists townships, not this one: probably outside.
    lists = {m.id: found for m in relevant if m.covers and m.area_rough
             and (found := township_list(m, facts.township)) is not None}
    unlisted = [m for m in relevant if m.covers and m.id in lists and not lists[m.id].match]
    covering = sorted((m for m in relevant if m.covers and m not in unlisted),
                      key=lambda m: (KIND_ORDER.index(m.kind), m.area_rough, m.name))
    product = str(data.get("product") or "")
    named = [m for m in relevant if not m.covers and (data.get("gi_id") or names_gi(product, m.name, m.category))]
    answers = _answers_tuple(data)
    place = facts.township.label
    # A GI of the same name whose announcement lists its townships, not this one, outweighs a twin recorded only
    # roughly (响水大米: the product lists 5 townships, the certification mark only 宁安市): the headline is never
    # more reassuring than the records under it, so the rough twin cannot lead with "may be inside".
    unlisted_names = {m.name for m in unlisted}
    doubtful = [m for m in covering if m.area_rough and m.name in unlisted_names
                and not (m.id in lists and lists[m.id].match)]
    if covering and len(doubtful) == len(covering):
        return _unlisted_outcome(unlisted, lists, place, answers, facts, rough_twins=doubtful)
    if covering:
        return _route_outcome(covering, relevant, role, place, answers, facts.data_as_of,
                              unlisted=unlisted, lists=lists, town=facts.township.name)
    if unlisted:
        return _unlisted_outcome(unlisted, lists, place, answers, facts)
    if named:
        return _outside_outcome(named, role, place, answers, facts)
    made_from = [] if relevant or data.get("gi_id") else _made_from(product, facts)
    if made_from:
        return _made_from_outcome(made_from, product, place, answers, facts)
    near = [] if relevant or data.get("gi_id") else _near_misses(product, facts)
    if near:
        return _near_outcome(near, product, place, answers, facts)
    return _no_gi_outcome(relevant, role, product, place, answers, facts)


def _gis_where(facts: GiFacts, keep: Callable[[GiRecord], bool]) -> list[GiRecord]:
    """The GIs found or suggested that `keep` picks, each once, those covering the township first."""
    seen: dict[int, GiRecord] = {}
    for m in (*facts.matches, *facts.local):
        if m.id not in seen and keep(m):
            seen[m.id] = m
    return sorted(seen.values(), key=lambda m: (not m.covers, m.area_rough))


def _near_misses(product: str, facts: GiFacts) -> list[GiRecord]:
    """The GIs whose name the product nearly is (`near_name`)."""
    return _gis_where(facts, lambda m: near_name(product, m.name))


def _made_from(product: str, facts: GiFacts) -> list[GiRecord]:
    """The GIs the product is made from (五常大米 for 五常大米饼干: `made_from_gi`)."""
    return _gis_where(facts, lambda m: made_from_gi(product, m.name, m.category))


def _made_from_outcome(made_from: list[GiRecord], product: str, place: str, answers: tuple[Answer, ...],
                       facts: GiFacts) -> Outcome:
    """A product made from a GI product (五常大米酒, 五常大米饼干): the special mark is for the GI product made to
    its standard in its area, not for what is made from it (QA: 五常大米酒 was told it could apply to use it)."""
    names = list(dict.fromkeys(m.name for m in made_from))[:3]
    name = names[0]
    steps = [Text(f"如果您生产或销售的是“{n}”本身：用“{n}”再查一次，看{place}能否使用、怎样使用。",
                  f"If what you make or sell is \"{n}\" itself: check again with \"{n}\" to see whether and how "
                  f"{place} can use it.") for n in names]
    steps += [
        Text(f"加工产品可以在配料表或说明中如实写明原料是“{name}”，并保留原料的进货凭证；不要把地理标志名称当作加工品的名称突出使用，"
             "也不要使用其专用标志。",
             f"A processed product may say truthfully, in its ingredients or description, that it is made from "
             f"\"{name}\", keeping the invoices for that raw material; it should not feature the GI's name as its "
             "own product name, nor use the special mark."),
        Text("有疑问时，向县级知识产权局（市场监督管理局）咨询。",
             "When in doubt, ask the county IP office (market regulation bureau)."),
    ]
    return Outcome(
        wizard="gi_check", code="made_from_gi", level=LEVEL_CAUTION,
        headline=Text(f"“{product}”是用“{name}”加工的产品：不能使用“{name}”的地理标志专用标志",
                      f"\"{product}\" is made from \"{name}\": it cannot carry the special mark of \"{name}\""),
        explanation=Text(
            f"地理标志专用标志只能用在产地范围内、按标准生产的“{name}”本身上。用它作原料加工的其他产品不是这个地理标志产品，"
            "不能使用专用标志，产品名称和包装也不能让人误以为它本身是地理标志产品。",
            f"The GI special mark may be used only on \"{name}\" itself, produced to its standard in its area. Other "
            "products made from it are not that GI product: they cannot use the special mark, and their name and "
            "packaging must not make people think they are the GI product.",
        ),
        next_steps=tuple(steps), office=rules.OFFICE_LOCAL_IP,
        rules=(rules.SPECIAL_MARK_RULES, rules.TM_ART16),
        answers=answers,
        findings=tuple(_finding(m, "covers" if m.covers else "outside") for m in made_from[:6]),
        data_as_of=facts.data_as_of,
    )


def _near_outcome(near: list[GiRecord], product: str, place: str, answers: tuple[Answer, ...],
                  facts: GiFacts) -> Outcome:
    """No GI is called what was typed, but some are called nearly so (五長大米, 五常 → 五常大米): "did you mean",
    with each one and whether it covers the township, and never the advice for a new GI as the answer."""
    names = list(dict.fromkeys(m.name for m in near))[:5]
    listed_zh = "、".join(names)
    listed_en = ", ".join(f'"{n}"' for n in names)

    def where(name: str) -> Text:
        same = [m for m in near if m.name == name]
        if any(m.covers and not m.area_rough for m in same):
            return Text("覆盖您的乡镇", "covers your township")
        if any(m.covers for m in same):
            return Text("可能覆盖您的乡镇，范围为粗略记录", "may cover your township: its area is recorded roughly")
        return Text("不覆盖您的乡镇", "does not cover your township")

    each_zh = "；".join(f"{n}（{where(n).zh}）" for n in names)
    each_en = "; ".join(f'"{n}" ({where(n).en})' for n in names)
    steps = [Text(f"如果指的是“{n}”：用这个名称再查一次（在窗口中：在“产品”一步的地理标志列表里点选它）。",
                  f"If you mean \"{n}\": check again with that name (in the window: pick it from the list of GIs "
                  "at the product step).") for n in names[:3]]
    steps.append(Text("如果都不是：请核对产品名称的写法。确认本机数据中没有您的产品的地理标志之后，再了解申请新地理标志的条件。",
                      "If none of these: check how the product's name is written. Only once you are sure the "
                      "offline data has no GI for your product, look into the conditions for a new GI."))
    local = [m for m in _other_local(facts, []) if m not in near]
    return Outcome(
        wizard="gi_check", code="did_you_mean", level=LEVEL_INFO,
        headline=Text(f"没有叫“{product}”的地理标志。您是不是要找：{listed_zh}？",
                      f"No GI is called \"{product}\". Did you mean {listed_en}?"),
        explanation=Text(
            f"本机数据中有名称相近的地理标志：{each_zh}。请先确认产品名称：用正确的名称再查一次，就能知道{place}"
            "能否使用它、怎样使用。名称确认之前，不能据此认为需要申请新的地理标志。",
            f"The offline data has GIs with a similar name: {each_en}. Make sure of the product's name first: "
            f"checked again under the right name, the answer says whether and how {place} can use it. Until the "
            "name is sure, this is no reason to apply for a new GI.",
        ),
        next_steps=tuple(steps),
        answers=answers,
        findings=tuple(_finding(m, "covers" if m.covers else "outside") for m in near[:6]),
        notes=tuple(_local_notes(local, other=True)),
        data_as_of=facts.data_as_of,
    )


def _other_local(facts: GiFacts, relevant: list[GiRecord]) -> list[GiRecord]:
    """GIs covering the township other than those the answer is about: the suggestions, and any
    search match that covers it but is not this product (五常大米 when someone typed 五常)."""
    return [*facts.local, *(m for m in facts.matches if m.covers and m not in relevant and m not in facts.local)]


def _names(gis: Iterable[GiRecord]) -> str:
    return "、".join(dict.fromkeys(m.name for m in gis))


def _local_notes(local: list[GiRecord], *, other: bool) -> list[Text]:
    """Which other GIs cover the township: those whose area is recorded exactly, then those that may
    (recorded only roughly) — never the latter as a fact."""
    notes: list[Text] = []
    sure = [m for m in local if not m.area_rough][:6]
    maybe = [m for m in local if m.area_rough][:6]
    if sure:
        names = _names(sure)
        notes.append(Text(f"覆盖您乡镇的其他地理标志：{names}。", f"Other GIs covering your township: {names}.") if other
                      else Text(f"覆盖您乡镇的地理标志有：{names}。", f"GIs that do cover your township: {names}."))
    if maybe:
        names = _names(maybe)
        notes.append(Text(f"可能覆盖您乡镇的地理标志（本机数据只粗略记录了其范围，请核实）：{names}。",
                          f"GIs that may cover your township (the offline data records their areas only roughly: "
                          f"check): {names}."))
    return notes


# Rough areas: what the area is called, what decides it, and who can confirm it, by kind of GI.
_AREA_WORDS = {
    "gi_product": (Text("产地范围", "production area"), Text("公告和标准", "the announcement and the standard")),
    "gi_certification_mark": (Text("地域范围", "area"),
                              Text("商标注册文件和使用管理规则", "the mark's registration documents and use-management rules")),
    "gi_collective_mark": (Text("地域范围", "area"),
                           Text("商标注册文件和使用管理规则", "the mark's registration documents and use-management rules")),
    "agi": (Text("登记的地域范围", "registered area"),
            Text("登记公告和质量控制技术规范", "the registration notice and the quality specification")),
}
CONFIRM_AREA_WITH = Text("县（市、区）市场监督管理局（知识产权局）",
                         "the county (city, district) market regulation bureau (IP office)")
CONFIRM_AGI_AREA_WITH = Text("县农业农村局或县市场监督管理局（知识产权局）",
                             "the county agriculture bureau or the county market regulation bureau (IP office)")
TRADEMARK_SEARCH = Text("国家知识产权局商标局网站（sbj.cnipa.gov.cn）的“商标网上查询”",
                        "the online trademark search on CNIPA's trademark site (sbj.cnipa.gov.cn)")


def _rough_area(gi: GiRecord, place: str, listed_as: str = "", town: str = "") -> tuple[Text, Text, Text | None]:
    """For a GI whose area is recorded only roughly: the sentence that says so (after one naming the GI), the
    step to check it first, and the record's own note (or None). `listed_as`: the name under which its official
    wording lists the township (`town`: 穆村乡 for 穆村镇), when it does."""
    area, decides = _AREA_WORDS[gi.kind]
    who = CONFIRM_AGI_AREA_WITH if gi.kind == "agi" else CONFIRM_AREA_WITH
    if listed_as and listed_as == town:
        sentence = Text(
            f"本机数据只按县记录了它的{area.zh}，但其文字列出了所含乡镇，其中有“{listed_as}”：{place}很可能在范围内；"
            f"{area.zh}以{decides.zh}为准。",
            f"The offline data records its {area.en} only by whole county, but its wording lists the townships it "
            f"includes, among them \"{listed_as}\": {place} is probably inside; {decides.en} decide the boundary.",
        )
    elif listed_as:  # 穆村乡 listed, 穆村镇 now
        sentence = Text(
            f"本机数据只按县记录了它的{area.zh}，但其文字列出了所含乡镇，其中有“{listed_as}”，与{place}名称相近"
            f"（乡镇可能已改名或合并）：很可能在范围内；{area.zh}以{decides.zh}为准。",
            f"The offline data records its {area.en} only by whole county, but its wording lists the townships it "
            f"includes, among them \"{listed_as}\", a name close to {place} (townships are renamed and merged): it "
            f"is probably inside; {decides.en} decide the boundary.",
        )
    else:
        sentence = Text(
            f"本机数据只粗略记录了它的{area.zh}，{place}可能在范围内，也可能不在；{area.zh}以{decides.zh}为准。",
            f"The offline data records its {area.en} only roughly: {place} may or may not be inside it; {decides.en} "
            "decide the boundary.",
        )
    step = Text(
        f"先向{who.zh}核实{place}是否在“{gi.name}”的{area.zh}内；核实之前，不要在产品上使用该名称或专用标志。",
        f"First ask {who.en} whether {place} is inside the {area.en} of \"{gi.name}\"; until that is confirmed, do "
        "not use the name or the special mark on your products.",
    )
    note = (Text(f"本机数据对“{gi.name}”保护范围的备注：{gi.note}",
                 f"The offline data's note on the area of \"{gi.name}\": {note_in_english(gi.note)}") if gi.note else None)
    return sentence, step, note


def _cert_owner_step(gi: GiRecord) -> Text:
    """Whom to ask for a certification-mark licence: the registrant by name where the data has it, else how to
    find the registrant (the mark's record in CNIPA's trademark search, or the county bureau)."""
    if gi.holder:
        return Text(f"联系证明商标注册人（{gi.holder}），按使用管理规则申请许可。",
                    f"Contact the mark's registrant ({gi.holder}) and apply for a licence under its use-management "
                    "rules.")
    by_zh = f"商标名称“{gi.name}”" + (f"或注册号{gi.tm_reg_no}" if gi.tm_reg_no else "")
    by_en = f"\"{gi.name}\"" + (f" or registration number {gi.tm_reg_no}" if gi.tm_reg_no else "")
    return Text(
        f"查明证明商标注册人：本机数据没有收录注册人。可在{TRADEMARK_SEARCH.zh}中按{by_zh}查询，商标记录中写有注册人；"
        "也可以问县（市、区）市场监督管理局。然后联系注册人，按使用管理规则申请许可。",
        f"Find out who registered the mark (the offline data does not record it): search for {by_en} in "
        f"{TRADEMARK_SEARCH.en}, where the mark's record names the registrant, or ask the county (city, district) "
        "market regulation bureau. Then contact the registrant and apply for a licence under its use-management "
        "rules.",
    )


def _not_listed_reason(gi: GiRecord, found: TownshipList, place: str) -> Text:
    names = "、".join(found.names)
    return Text(f"公告列出的乡镇（{names}）中没有{place}",
                f"{place} is not among the townships its announcement lists ({names})")


# An individual farmer and a GI product's special mark: the mark carries its user's unified social credit code,
# so the user is usually the cooperative or enterprise the farmer produces for (gi-rules.md A1; the role note).
CHECKLIST_TITLE_FARMER = Text("您本人准备（交给合作社或企业，或咨询时带上；具体以当地要求为准）",
                              "What you bring yourself (to the cooperative or enterprise, or when you ask; local "
                              "requirements decide)")
CHECKLIST_FARMER_GI_PRODUCT = (
    Text("本人身份证", "Your ID card"),
    Text("地块或养殖场所在的村、组（用于核实在产地范围内）",
         "The village and group where your fields or farm are (to check they are inside the area)"),
    Text("按标准生产的记录（如施肥、用药、采收记录）", "Records showing you produce to the standard (e.g. fertiliser, "
         "pesticide and harvest records)"),
    Text("已登记为个体工商户或家庭农场的：营业执照", "If registered as an individual business or family farm: its "
         "business licence"),
)
CHECKLIST_TITLE_FARMER_USER = Text("合作社或企业申请专用标志时提交",
                                   "What the cooperative or enterprise files to use the special mark")


def _farmer_gi_product_steps(name: str) -> tuple[Text, ...]:
    return (
        Text(f"问县（市、区）知识产权局或乡镇，当地哪些合作社或企业已经是（或正在申请成为）“{name}”专用标志的使用人。",
             f"Ask the county (city, district) IP office or your township which local cooperatives or enterprises "
             f"use the special mark of \"{name}\", or are applying to."),
        Text("通过其中一家合作社或企业（作为成员或供货人）按标准生产和销售；由它申请并使用专用标志，您配合县级审核和现场核查（产地核验）。",
             "Produce and sell to the standard through one of them (as a member or supplier); it applies for and uses "
             "the special mark, and you take part in the county's check and site inspection (origin verification)."),
        Text("专用标志上印有使用人（合作社或企业）的统一社会信用代码。已登记为个体工商户或家庭农场、有统一社会信用代码的，"
             "可以向县（市、区）知识产权局询问能否自己申请。",
             "The special mark carries its user's (the cooperative's or enterprise's) unified social credit code. If "
             "you are registered as an individual business or family farm and have such a code, ask the county "
             "(city, district) IP office whether you can apply yourself."),
        Text("申请经县级审核、现场核查，市、省逐级上报，由国家知识产权局审核并公告。",
             "An application is checked and inspected by the county, passed up through city and province, and "
             "approved and published by CNIPA."),
    )


# An individual farmer and a GI certification or collective mark: as with a GI product, the special mark carries its
# user's credit code, so the farmer usually uses the mark through a cooperative or enterprise that is licensed (a
# certification mark) or a member (a collective mark); in law an individual may also ask for a licence or to join
# (商标法实施条例 第四条: 自然人、法人或者其他组织).
CHECKLIST_FARMER_MARK = (
    Text("本人身份证", "Your ID card"),
    Text("地块或养殖场所在的村、组（用于核实在商标的地域范围内）",
         "The village and group where your fields or farm are (to check they are inside the mark's area)"),
    Text("按使用管理规则和标准生产的记录（如施肥、用药、采收记录）",
         "Records showing you produce under the mark's use-management rules and standard (e.g. fertiliser, "
         "pesticide and harvest records)"),
    Text("已登记为个体工商户或家庭农场的：营业执照", "If registered as an individual business or family farm: its "
         "business licence"),
)
CHECKLIST_TITLE_LICENSEE = Text("合作社或企业（被许可人）申请专用标志时提交",
                                "What the cooperative or enterprise (the licensee) files to use the special mark")
CHECKLIST_TITLE_MEMBER = Text("合作社或企业（团体成员）申请专用标志时提交",
                              "What the cooperative or enterprise (a member of the association) files to use the "
                              "special mark")
CERT_MARK_PLAIN = Text(
    "证明商标由对产品质量有监督能力的组织（注册人）注册和管理，由注册人以外的生产者经它许可后使用，证明产品来自当地、"
    "品质达到要求（《商标法》第三条）。许可要签订使用许可合同，由注册人报国家知识产权局备案（即“许可备案”，《商标法》"
    "第四十三条）；得到许可的一方叫“被许可人”，可以申请使用地理标志专用标志。",
    "A certification mark is registered and managed by an organisation able to supervise the product's quality (the "
    "registrant); producers other than the registrant use it under the registrant's licence, and it certifies that "
    "the product comes from the area and meets the quality required (Trademark Law, Art. 3). A licence is a "
    "contract that the registrant records with CNIPA (the \"licence recordal\", Trademark Law, Art. 43); the one "
    "licensed, the \"licensee\", can apply to use the GI special mark.",
)
COLLECTIVE_MARK_PLAIN = Text(
    "集体商标以协会等团体的名义注册，供该团体的成员使用，表明使用者是该团体的成员（《商标法》第三条）。成员可以申请使用"
    "地理标志专用标志；不是成员的，可以如实用这个地名说明产地（正当使用），但不能使用该商标和专用标志。",
    "A collective mark is registered in the name of an association or similar group for its members' use, and shows "
    "that the user is a member (Trademark Law, Art. 3). Members can apply to use the GI special mark; others may use "
    "the place name truthfully to say where the product comes from (fair use), but not the mark or the special mark.",
)
AGI_FARMER_STEP = Text(
    "个人也可以申请：符合条件的单位和个人都可以向证书持有人申请使用（《农产品地理标志管理办法》第十五条）。持有人不再办理新的"
    "使用协议的，可以通过已签协议的合作社或企业按规范生产和销售，或者用自己的商标并如实标注产地。",
    "You can apply as an individual: businesses and individuals who meet the conditions may apply to the holder "
    "(Measures for the Administration of Agricultural-Product GIs, Art. 15). If the holder no longer signs new "
    "agreements, produce and sell to the specification through a cooperative or enterprise that has one, or use "
    "your own brand and state the true place of origin.",
)


def _registrant_lookup(gi: GiRecord) -> Text:
    """Where to find a GI mark's registrant the offline data does not record: the mark's record in CNIPA's
    trademark search (by name, or registration number where known)."""
    by_zh = f"商标名称“{gi.name}”" + (f"或注册号{gi.tm_reg_no}" if gi.tm_reg_no else "")
    by_en = f"\"{gi.name}\"" + (f" or registration number {gi.tm_reg_no}" if gi.tm_reg_no else "")
    return Text(f"本机数据没有收录注册人，可在{TRADEMARK_SEARCH.zh}中按{by_zh}查到。",
                f"The offline data does not record the registrant: search for {by_en} in {TRADEMARK_SEARCH.en}.")


def _farmer_mark_outcome(gi: GiRecord, place: str, first_steps: tuple[Text, ...], area_sentence: Text | None,
                         inside: Text, level: str, common: Mapping[str, Any]) -> Outcome:
    """The certification- or collective-mark route for an individual farmer (`role == "farmer"`): through a
    cooperative or enterprise that is licensed or a member, what the words mean, how to find one, what to bring.
    `area_sentence`: the rough area's sentence (None when the area certainly includes the township)."""
    name = gi.name
    cert = gi.kind == "gi_certification_mark"
    holder = Text(f"（{gi.holder}）", f" ({gi.holder})") if gi.holder else Text("", "")
    lookup = Text("", "") if gi.holder else _registrant_lookup(gi)
    county = Text("县（市、区）市场监督管理局（知识产权局）", "the county (city, district) market regulation bureau (IP office)")
    if cert:
        mark, plain = Text("证明商标", "certification mark"), CERT_MARK_PLAIN
        through = Text("已获许可的合作社或企业", "a licensed cooperative or enterprise")
        who = Text(f"证明商标注册人{holder.zh}", f"the mark's registrant{holder.en}")
        find = Text(f"找一家已获“{name}”使用许可的合作社或企业：问{who.zh}或{county.zh}，当地哪些合作社或企业已获许可。",
                    f"Find a cooperative or enterprise licensed to use \"{name}\": ask {who.en} or {county.en} which "
                    "local ones are licensed.")
        alone = Text("法律上个人也可以直接向注册人申请许可（《商标法实施条例》第四条），但专用标志上印有使用人的统一社会信用代码。"
                     "已登记为个体工商户或家庭农场、有统一社会信用代码的，可以问注册人能否直接许可给您。",
                     "In law an individual may also ask the registrant for a licence (Implementing Regulations of the "
                     "Trademark Law, Art. 4), but the special mark carries its user's unified social credit code. If "
                     "you are registered as an individual business or family farm and have such a code, ask the "
                     "registrant whether it can license you directly.")
        user = ChecklistGroup(CHECKLIST_TITLE_LICENSEE, rules.CHECKLIST_CERT_LICENSEE)
        cited: tuple[RuleCitation, ...] = (rules.TM_ART3, rules.TM_ART43, rules.TM_REGULATIONS_ART4, rules.SPECIAL_MARK_RULES,
                 rules.COLLECTIVE_CERT_RULES)
        office = Text(f"已获许可的合作社或企业；{who.zh}或{county.zh}可以告知是哪些",
                      f"A licensed cooperative or enterprise; {who.en} or {county.en} can tell you which")
    else:
        mark, plain = Text("集体商标", "collective mark"), COLLECTIVE_MARK_PLAIN
        through = Text("已是团体成员的合作社或企业", "a cooperative or enterprise that is a member of its association")
        who = Text(f"集体商标注册人（协会）{holder.zh}", f"the association that owns the mark{holder.en}")
        find = Text(f"找一家已是“{name}”团体成员的合作社或企业：问{who.zh}或{county.zh}，当地哪些合作社或企业是成员。",
                    f"Find a cooperative or enterprise that is a member of the association of \"{name}\": ask {who.en} "
                    f"or {county.en} which local ones are members.")
        alone = Text("符合章程条件的个人也可以要求加入该团体（《商标法实施条例》第四条），但专用标志上印有使用人的统一社会信用代码。"
                     "已登记为个体工商户或家庭农场、有统一社会信用代码的，可以问协会能否以成员身份自己使用。",
                     "An individual who meets the charter may also ask to join the association (Implementing "
                     "Regulations of the Trademark Law, Art. 4), but the special mark carries its user's unified "
                     "social credit code. If you are registered as an individual business or family farm and have "
                     "such a code, ask the association whether you can use it yourself as a member.")
        user = ChecklistGroup(CHECKLIST_TITLE_MEMBER, rules.CHECKLIST_COLLECTIVE_MEMBER)
        cited = (rules.TM_ART3, rules.TM_REGULATIONS_ART4, rules.SPECIAL_MARK_RULES, rules.COLLECTIVE_CERT_RULES)
        office = Text(f"已是团体成员的合作社或企业；{who.zh}或{county.zh}可以告知是哪些",
                      f"A cooperative or enterprise that is a member; {who.en} or {county.en} can tell you which")
    find = Text(find.zh + lookup.zh, f"{find.en} {lookup.en}".rstrip())
    rules_word = Text("使用管理规则和标准", "use-management rules and standard") if cert else \
        Text("团体章程和使用管理规则", "association's charter and use-management rules")
    join = Text(f"加入这家合作社，或把产品交售给它（作为成员或供货人），按{rules_word.zh}生产；由它在产品和包装上使用"
                f"{mark.zh}和专用标志，您配合它的质量检查。",
                f"Join that cooperative or sell your produce to it (as a member or supplier), and produce under the "
                f"{rules_word.en}; it uses the {mark.en} and the special mark on the products and packaging, and you "
                "take part in its quality checks.")
    if area_sentence is None:
        headline = Text(f"可以通过{through.zh}使用“{name}”{mark.zh}",
                        f"You can use the {mark.en} \"{name}\" through {through.en}")
        explanation = Text(f"“{name}”是地理标志{mark.zh}，地域范围包括{place}。{plain.zh}个体农户通常通过{through.zh}使用。",
                           f"\"{name}\" is a GI {mark.en} whose area includes {place}. {plain.en} An individual "
                           f"farmer usually uses it through {through.en}.")
    else:
        headline = Text(f"您的乡镇{inside.zh}“{name}”{mark.zh}的地域范围内：请先核实，再通过{through.zh}使用",
                        f"Your township {inside.en} the area of the {mark.en} \"{name}\": check that first, then use "
                        f"it through {through.en}")
        explanation = Text(f"“{name}”是地理标志{mark.zh}。{area_sentence.zh}{plain.zh}确认在范围内后，个体农户通常通过"
                           f"{through.zh}使用。",
                           f"\"{name}\" is a GI {mark.en}. {area_sentence.en} {plain.en} Once that is confirmed, an "
                           f"individual farmer usually uses it through {through.en}.")
    return Outcome(
        code=gi.kind, level=level, headline=headline, explanation=explanation,
        next_steps=(*first_steps, find, join, alone), office=office,
        checklist_groups=(ChecklistGroup(CHECKLIST_TITLE_FARMER, CHECKLIST_FARMER_MARK), user),
        rules=cited,
        **common,
    )


def _twin_route(gi: GiRecord, role: str) -> Text:
    """The route of a GI of the same name as the one the answer is about, in a sentence: whom to go to and what to do
    there (for a farmer, through whom)."""
    farmer = role == "farmer"
    holder = Text(f"（{gi.holder}）", f" ({gi.holder})") if gi.holder else Text("", "")
    if gi.kind == "agi":
        if not gi.holder:
            holder = Text("（本机数据没有收录持有人，可问县农业农村局）",
                          " (the offline data does not record it: ask the county agriculture bureau)")
        return Text(f"也可以与其登记证书持有人{holder.zh}签订年度使用协议，按其质量控制技术规范生产。2022年起不再登记新的"
                    "农产品地理标志，已登记的继续有效；是否仍办理新的使用协议，请问县农业农村局。",
                    f"sign a yearly use agreement with the holder of its certificate{holder.en} and "
                    "produce to its quality specification. No new agricultural-product GIs have been registered since "
                    "2022 and registered ones stay protected; whether new agreements are still signed: ask the county "
                    "agriculture bureau.")
    if gi.kind == "gi_certification_mark":
        lookup = Text("", "") if gi.holder else _registrant_lookup(gi)
        if farmer:
            return Text(f"也可以通过已获注册人{holder.zh}许可的合作社或企业使用该证明商标；哪些已获许可，可问注册人或县（市、区）"
                        f"市场监督管理局。{lookup.zh}",
                        f"use the certification mark through a cooperative or enterprise licensed by its "
                        f"registrant{holder.en}; the registrant or the county (city, district) market regulation bureau "
                        f"can tell you which. {lookup.en}".rstrip())
        return Text(f"也可以向证明商标注册人{holder.zh}申请使用许可，许可备案后申请使用地理标志专用标志。{lookup.zh}",
                    f"ask the mark's registrant{holder.en} for a licence and, once the licence is recorded, "
                    f"apply to use the GI special mark. {lookup.en}".rstrip())
    if gi.kind == "gi_collective_mark":
        lookup = Text("", "") if gi.holder else _registrant_lookup(gi)
        if farmer:
            return Text(f"也可以通过已是集体商标团体{holder.zh}成员的合作社或企业使用；哪些是成员，可问该团体（协会）或县（市、区）"
                        f"市场监督管理局。{lookup.zh}",
                        f"use it through a cooperative or enterprise that is a member of the association "
                        f"owning the mark{holder.en}; the association or the county (city, district) market regulation "
                        f"bureau can tell you which. {lookup.en}".rstrip())
        return Text(f"也可以按章程申请加入集体商标注册人（协会）{holder.zh}，成为成员后申请使用地理标志专用标志。{lookup.zh}",
                    f"apply to join the association that owns the mark{holder.en} under its charter, "
                    f"and as a member apply to use the GI special mark. {lookup.en}".rstrip())
    if farmer:
        return Text("也可以通过合作社或企业使用其地理标志专用标志；哪些合作社或企业是使用人，可问县（市、区）知识产权局。",
                    "use its GI special mark through a cooperative or enterprise; the county (city, "
                    "district) IP office can tell you which ones use it.")
    return Text("也可以向县（市、区）知识产权局申请使用其地理标志专用标志。",
                "apply to the county (city, district) IP office to use its GI special mark.")

def _route_outcome(covering: list[GiRecord], relevant: list[GiRecord], role: str, place: str,
                   answers: tuple[Answer, ...], as_of: str, *, unlisted: Sequence[GiRecord] = (),
                   lists: Mapping[int, TownshipList] | None = None, town: str = "") -> Outcome:
    lists = lists or {}
    primary = covering[0]
    others = [m for m in covering[1:]]
    name = primary.name
    findings = [_finding(m, "covers") for m in covering]
    findings += [_finding(m, "not_listed", _not_listed_reason(m, lists[m.id], place)) for m in unlisted]
    findings += [_finding(m, "outside") for m in relevant if not m.covers and m.name != name][:5]
    notes = _role_notes(role, primary.kind)
    for m in unlisted:
        kind = gi_kind_text(m.kind)
        notes.append(Text(f"{kind.zh}“{m.name}”的公告列出了所含乡镇，其中没有您的乡镇：您的乡镇很可能不在其范围内（请核实）。",
                          f"The announcement of the {_in_sentence(kind.en)} \"{m.name}\" lists the townships it "
                          "includes, and yours is not among them: your township is probably outside its area "
                          "(check)."))
    for other in others:
        kind = gi_kind_text(other.kind)
        check = (Text("（其范围为粗略记录，请核实）", " (its area is recorded only roughly: check)") if other.area_rough
                 else Text("", ""))
        if other.name == name:
            route = _twin_route(other, role)
            if primary.area_rough and not other.area_rough:  # that route's area is certain
                area = _AREA_WORDS[other.kind][0]
                notes.append(Text(f"“{other.name}”同时是{kind.zh}，其{area.zh}包括您的乡镇：{route.zh}",
                                  f"\"{other.name}\" is also {_a(kind.en)} whose {area.en} includes your township; "
                                  f"by that route, {route.en}"))
            else:
                notes.append(Text(f"“{other.name}”同时是{kind.zh}{check.zh}：{route.zh}",
                                  f"\"{other.name}\" is also {_a(kind.en)}{check.en}; by that route, {route.en}"))
        elif other.area_rough:
            notes.append(Text(f"{kind.zh}“{other.name}”也可能覆盖您的乡镇{check.zh}，产品符合其标准的也可以使用。",
                              f"The {_in_sentence(kind.en)} \"{other.name}\" may also cover your township{check.en}, "
                              "for products that meet its standard."))
        else:
            notes.append(Text(f"覆盖您乡镇的还有{kind.zh}“{other.name}”，产品符合其标准的也可以使用。",
                              f"The {_in_sentence(kind.en)} \"{other.name}\" also covers your township, for products "
                              "that meet its standard."))
    notes.append(Text(
        "只有符合该地理标志标准或技术规范的产品才能使用其名称和专用标志。",
        "Only products that meet the GI's standard or specification may use its name and the special mark.",
    ))
    rough = primary.area_rough
    first_steps: tuple[Text, ...] = ()
    area_sentence = Text("", "")
    listed = lists.get(primary.id)
    # The headline says what the text under it says: "probably inside" where the official wording lists the
    # township, else "may be inside" (qa19c N8).
    likely = rough and bool(listed and listed.match)
    inside = Text("很可能在", "is probably inside") if likely else Text("可能在", "may be inside")
    if rough:  # the township may be inside: say so, say who decides, and check before anything else
        area_sentence, check_step, area_note = _rough_area(primary, place, listed.match if listed else "", town)
        first_steps = (check_step,)
        if area_note:
            notes.insert(0, area_note)
    common = {"wizard": "gi_check", "answers": answers, "findings": tuple(findings), "data_as_of": as_of,
              "notes": tuple(notes)}
    level = LEVEL_CAUTION if rough else LEVEL_GO
    if primary.kind == "gi_product":
        if rough:
            headline = (Text(f"您的乡镇{inside.zh}“{name}”的产地范围内：请先核实，再通过合作社或企业使用专用标志",
                             f"Your township {inside.en} the area of \"{name}\": check that first, then use the special "
                             "mark through a cooperative or enterprise") if role == "farmer" else
                        Text(f"您的乡镇{inside.zh}“{name}”的产地范围内：请先核实，再申请使用专用标志",
                             f"Your township {inside.en} the area of \"{name}\": check that first, then apply to "
                             "use the special mark"))
            explanation = Text(
                f"“{name}”是地理标志保护产品。{area_sentence.zh}确认在范围内后，按标准生产的生产者可以申请成为合法使用人。",
                f"\"{name}\" is a protected GI product. {area_sentence.en} Once that is confirmed, producers in the "
                "area who follow its standard can apply to become legal users.",
            )
        else:
            headline = (Text(f"可以通过合作社或企业使用“{name}”地理标志专用标志",
                             f"You can use the GI special mark of \"{name}\" through a cooperative or enterprise")
                        if role == "farmer" else
                        Text(f"可以申请使用“{name}”地理标志专用标志",
                             f"You can apply to use the GI special mark of \"{name}\""))
            explanation = Text(
                f"“{name}”是地理标志保护产品，其产地范围包括{place}。产地范围内、按标准生产的生产者可以申请成为合法使用人。",
                f"\"{name}\" is a protected GI product whose area includes {place}. Producers in the area who "
                "follow its standard can apply to become legal users.",
            )
        if role == "farmer":  # the user of the mark is usually the cooperative or enterprise, not the farmer
            steps = _farmer_gi_product_steps(name)
            groups: tuple[ChecklistGroup, ...] = (ChecklistGroup(CHECKLIST_TITLE_FARMER, CHECKLIST_FARMER_GI_PRODUCT),
                                                  ChecklistGroup(CHECKLIST_TITLE_FARMER_USER,
                                                                 rules.CHECKLIST_GI_PRODUCT_USER))
        else:
            steps = (
                Text("向县（市、区）知识产权局提出专用标志使用申请。", "Apply to the county (city, district) IP office to use the special mark."),
                Text("配合县级审核和现场核查（产地核验）。", "Take part in the county's check and site inspection (origin verification)."),
                Text("经市、省逐级上报，国家知识产权局审核并公告。", "The file goes through city and province to CNIPA, which approves and publishes."),
                Text("公告后下载并使用专用标志（标志上印有您的统一社会信用代码）。",
                     "After publication, download and use the special mark (it carries your unified social credit code)."),
            )
            groups = ()
        return Outcome(
            code="gi_product", level=level, headline=headline, explanation=explanation,
            next_steps=(*first_steps, *steps),
            office=rules.OFFICE_LOCAL_IP, checklist=() if groups else rules.CHECKLIST_GI_PRODUCT_USER,
            checklist_groups=groups,
            rules=(rules.GI_PRODUCT_ART20, rules.SPECIAL_MARK_RULES, rules.GI_PRODUCT_ART3),
            **common,  # type: ignore[arg-type]
        )
    if primary.kind == "gi_certification_mark":
        if role == "farmer":
            return _farmer_mark_outcome(primary, place, first_steps, area_sentence if rough else None, inside,
                                        level, common)
        if rough:
            headline = Text(f"您的乡镇{inside.zh}“{name}”证明商标的地域范围内：请先核实，再申请许可",
                            f"Your township {inside.en} the area of the certification mark \"{name}\": check that "
                            "first, then ask for a licence")
            explanation = Text(
                f"“{name}”是地理标志证明商标。{area_sentence.zh}确认在范围内后，商品符合使用条件的生产者可以要求注册人许可使用。",
                f"\"{name}\" is a GI certification mark. {area_sentence.en} Once that is confirmed, a producer whose "
                "goods meet its conditions may ask the registrant for a licence.",
            )
        else:
            headline = Text(f"可以申请许可使用“{name}”证明商标",
                            f"You can ask for a licence to use the certification mark \"{name}\"")
            explanation = Text(
                f"“{name}”是地理标志证明商标，地域范围包括{place}。商品符合使用条件的生产者可以要求注册人许可使用。",
                f"\"{name}\" is a GI certification mark whose area includes {place}. A producer whose goods meet its "
                "conditions may ask the registrant for a licence.",
            )
        office = (Text(f"证明商标注册人：{primary.holder}；随后到县（市、区）知识产权局办理专用标志",
                       f"The certification mark's registrant, {primary.holder}; then the county (city, district) IP "
                       "office for the special mark") if primary.holder else rules.OFFICE_MARK_OWNER)
        return Outcome(
            code="gi_certification_mark", level=level, headline=headline, explanation=explanation,
            next_steps=(
                *first_steps,
                _cert_owner_step(primary),
                Text("与注册人签订使用许可合同；由注册人（许可人）向国家知识产权局办理许可备案（商标法第四十三条），"
                     "请向注册人索取备案通知。",
                     "Sign the licence contract with the registrant; the registrant (the licensor) records it with "
                     "CNIPA (Trademark Law Art. 43): ask the registrant for the recordal notice."),
                Text("备案后，作为被许可人申请使用地理标志专用标志。", "Once recorded, apply to use the GI special mark as a licensee."),
            ),
            office=office, checklist=rules.CHECKLIST_CERT_LICENSEE,
            rules=(rules.TM_REGULATIONS_ART4, rules.TM_ART43, rules.SPECIAL_MARK_RULES, rules.COLLECTIVE_CERT_RULES),
            **common,  # type: ignore[arg-type]
        )
    if primary.kind == "gi_collective_mark":
        if role == "farmer":
            return _farmer_mark_outcome(primary, place, first_steps, area_sentence if rough else None, inside,
                                        level, common)
        if rough:
            headline = Text(f"您的乡镇{inside.zh}“{name}”集体商标的地域范围内：请先核实，再申请加入团体",
                            f"Your township {inside.en} the area of the collective mark \"{name}\": check that "
                            "first, then ask to join the association")
            explanation = Text(
                f"“{name}”是地理标志集体商标。{area_sentence.zh}确认在范围内后，符合章程的生产者可以要求加入该团体，成为成员后使用。",
                f"\"{name}\" is a GI collective mark. {area_sentence.en} Once that is confirmed, producers who meet "
                "the charter may ask to join the association and use it as members.",
            )
        else:
            headline = Text(f"可以申请加入“{name}”集体商标的团体",
                            f"You can join the association that owns the collective mark \"{name}\"")
            explanation = Text(
                f"“{name}”是地理标志集体商标，地域范围包括{place}。符合章程的生产者可以要求加入该团体，成为成员后使用。",
                f"\"{name}\" is a GI collective mark whose area includes {place}. Producers who meet the charter may "
                "ask to join the association and use it as members.",
            )
        join = (Text(f"按章程申请加入集体商标注册人（{primary.holder}）。",
                     f"Apply to join the association that owns the mark ({primary.holder}), under its charter.")
                if primary.holder else
                Text(f"按章程申请加入集体商标注册人（协会）；本机数据没有收录注册人，可在{TRADEMARK_SEARCH.zh}中按商标名称"
                     f"“{name}”查到，或问县（市、区）市场监督管理局。",
                     f"Apply to join the association that owns the mark, under its charter; the offline data does not "
                     f"record it: search for \"{name}\" in {TRADEMARK_SEARCH.en}, or ask the county (city, district) "
                     "market regulation bureau."))
        office = (Text(f"集体商标注册人：{primary.holder}；随后到县（市、区）知识产权局办理专用标志",
                       f"The collective mark's owner, {primary.holder}; then the county (city, district) IP office "
                       "for the special mark") if primary.holder else rules.OFFICE_ASSOCIATION)
        return Outcome(
            code="gi_collective_mark", level=level, headline=headline, explanation=explanation,
            next_steps=(
                *first_steps,
                join,
                Text("成为成员后，申请使用地理标志专用标志。", "As a member, apply to use the GI special mark."),
                Text("非成员可以正当使用该地名，但不能使用专用标志。", "Non-members may use the place name fairly, but not the special mark."),
            ),
            office=office, checklist=rules.CHECKLIST_COLLECTIVE_MEMBER,
            rules=(rules.TM_REGULATIONS_ART4, rules.SPECIAL_MARK_RULES, rules.COLLECTIVE_CERT_RULES),
            **common,  # type: ignore[arg-type]
        )
    agi_after = Text(
        "2022年起不再登记新的农产品地理标志，已登记的继续受保护；使用人须与证书持有人签订协议。"
        "是否仍办理新的使用协议，请向当地农业农村部门或知识产权局核实。",
        "New AGIs have not been registered since 2022; existing ones stay protected and users sign an agreement "
        "with the certificate holder. Whether new agreements are still processed: check with the local agriculture "
        "bureau or IP office.",
    )
    if rough:
        headline = Text(f"您的乡镇{inside.zh}农产品地理标志“{name}”的地域范围内：请先核实，再与证书持有人联系",
                        f"Your township {inside.en} the area of the agricultural-product GI \"{name}\": check that "
                        "first, then contact its holder")
        explanation = Text(f"“{name}”是农产品地理标志。{area_sentence.zh}{agi_after.zh}",
                           f"\"{name}\" is an agricultural-product GI. {area_sentence.en} {agi_after.en}")
    else:
        headline = Text(f"“{name}”是农产品地理标志：与证书持有人签订使用协议",
                        f"\"{name}\" is an agricultural-product GI: sign a use agreement with its holder")
        explanation = Text(f"“{name}”是农产品地理标志，登记的地域范围包括{place}。{agi_after.zh}",
                           f"\"{name}\" is an agricultural-product GI whose registered area includes {place}. "
                           f"{agi_after.en}")
    contact = (Text(f"联系证书持有人（{primary.holder}），询问使用条件。",
                    f"Contact the certificate holder ({primary.holder}) about the conditions.") if primary.holder else
               Text("联系证书持有人，询问使用条件；本机数据没有收录持有人，可查农业农村部的登记公告，或问县农业农村局。",
                    "Contact the certificate holder about the conditions; the offline data does not record the holder: "
                    "see the Ministry of Agriculture's registration notice or ask the county agriculture bureau."))
    return Outcome(
        code="agi", level=LEVEL_CAUTION, headline=headline, explanation=explanation,
        next_steps=(
            *first_steps,
            contact,
            Text("按质量控制技术规范生产，签订年度使用协议。", "Produce to the quality specification and sign the yearly use agreement."),
            # a farmer is told what a farmer can do; converting the protection is the holder's or government's step
            AGI_FARMER_STEP if role == "farmer" else
            Text("向当地知识产权局咨询是否可以转为地理标志产品或商标保护。",
                 "Ask the local IP office whether protection as a GI product or GI trademark is planned."),
        ),
        office=rules.OFFICE_AGI_HOLDER, checklist=rules.CHECKLIST_AGI_USER,
        rules=(rules.AGI_ART15, rules.AGI_STOPPED_2022),
        **common,  # type: ignore[arg-type]
    )


def _unlisted_outcome(unlisted: list[GiRecord], lists: Mapping[int, TownshipList], place: str,
                      answers: tuple[Answer, ...], facts: GiFacts, *, rough_twins: Sequence[GiRecord] = ()) -> Outcome:
    """The GIs are recorded by whole county, but their wording lists their townships and this one is not among
    them: probably outside. Not a plain no: the wording may be incomplete, townships are renamed and merged.
    `rough_twins`: GIs of the same names whose area is recorded only roughly (a certification mark beside the
    product): they may cover the township, and are named beside the stricter answer, never instead of it."""
    unlisted = sorted(unlisted, key=lambda m: (KIND_ORDER.index(m.kind), m.name))
    primary = unlisted[0]
    names = _names(unlisted)
    area, decides = _AREA_WORDS[primary.kind]
    who = CONFIRM_AGI_AREA_WITH if primary.kind == "agi" else CONFIRM_AREA_WITH
    listed = "、".join(lists[primary.id].names)
    findings = [_finding(m, "not_listed", _not_listed_reason(m, lists[m.id], place)) for m in unlisted]
    notes: list[Text] = [Text(f"本机数据对“{m.name}”保护范围的备注：{m.note}",
                              f"The offline data's note on the area of \"{m.name}\": {note_in_english(m.note)}")
                         for m in unlisted if m.note]
    notes += [Text(f"本机数据对{gi_kind_text(m.kind).zh}“{m.name}”地域范围的备注：{m.note}",
                   f"The offline data's note on the area of the {_in_sentence(gi_kind_text(m.kind).en)} \"{m.name}\""
                   f": {note_in_english(m.note)}") for m in rough_twins if m.note]
    twins_said = Text("", "")
    for twin in rough_twins:
        kind = gi_kind_text(twin.kind)
        twin_area = _AREA_WORDS[twin.kind][0]
        twins_said = Text(
            f"{twins_said.zh}同名的{kind.zh}“{twin.name}”在本机数据中只粗略记录了{twin_area.zh}，{place}可能在其中，"
            "也可能不在，不能据此认为在范围内；请一并核实。",
            f"{twins_said.en} The {_in_sentence(kind.en)} of the same name, \"{twin.name}\", has its {twin_area.en} "
            f"recorded only roughly: {place} may or may not be inside it, which does not make it inside; check that "
            "too.",
        )
        findings.append(_finding(twin, "covers"))
    local = [m for m in _other_local(facts, [*unlisted, *rough_twins])
             if m.name not in {n.name for n in unlisted}]
    if local:
        notes += _local_notes(local, other=False)
        findings += [_finding(m, "covers") for m in local[:6]]
    return Outcome(
        wizard="gi_check", code="outside_listed", level=LEVEL_CAUTION,
        headline=Text(f"您的乡镇很可能不在“{names}”的{area.zh}内：公告未列出您的乡镇，请核实",
                      f"Your township is probably outside the {area.en} of \"{names}\": the announcement does not "
                      "list it; check"),
        explanation=Text(
            f"“{primary.name}”的{area.zh}在本机数据中只按县记录，但公告文字列出了所含乡镇：{listed}。其中没有{place}，"
            f"所以您的乡镇很可能不在范围内。公告文字也可能不完整，乡镇还可能已改名或合并（如某乡改为某镇，或并入其他乡镇）："
            f"如果您的乡镇是由所列乡镇改名或合并而来，仍可能在范围内。{area.zh}以{decides.zh}为准。{twins_said.zh}",
            f"The offline data records the {area.en} of \"{primary.name}\" only by whole county, but the "
            f"announcement lists the townships it includes: {listed}. {place} is not among them, so your township is "
            "probably outside. The wording may be incomplete, and townships are renamed and merged (a 乡 becomes a "
            "镇, or joins another township): if yours was renamed from or merged with a listed one, it may still be "
            f"inside. {sentence_start(decides.en)} decide the boundary.{twins_said.en}",
        ),
        next_steps=(
            Text(f"向{who.zh}核实{place}是否在“{names}”的{area.zh}内（说明您的乡镇是否由所列乡镇改名或合并而来）。",
                 f"Ask {who.en} whether {place} is inside the {area.en} of \"{names}\" (say whether your township "
                 "was renamed from or merged with a listed one)."),
            Text("核实之前，不要在产品、包装或宣传中使用该名称或其专用标志。",
                 "Until that is confirmed, do not use the name or its special mark on products, packaging or "
                 "advertising."),
            Text("可以用自己的商标，并如实标注真实产地。", "You can use your own brand and state the true place of origin."),
        ),
        office=rules.OFFICE_LOCAL_IP, checklist=(),
        rules=(rules.GI_PRODUCT_ART3, rules.TM_ART16),
        answers=answers, findings=tuple(findings), notes=tuple(notes), data_as_of=facts.data_as_of,
    )


def _outside_outcome(named: list[GiRecord], role: str, place: str, answers: tuple[Answer, ...],
                     facts: GiFacts) -> Outcome:
    names = _names(named)
    findings = [_finding(m, "outside", Text(f"不包括{place}", f"does not include {place}")) for m in named]
    local = [m for m in _other_local(facts, named) if m.name not in {n.name for n in named}]
    notes: list[Text] = []
    partial = [m for m in named if m.area_partial]
    for m in partial:
        if m.note:
            notes.append(Text(f"本机数据对“{m.name}”保护范围的备注：{m.note}",
                              f"The offline data's note on the area of \"{m.name}\": {note_in_english(m.note)}"))
    if local:
        notes += _local_notes(local, other=False)
        findings += [_finding(m, "covers") for m in local[:6]]
    common = {"wizard": "gi_check", "code": "outside_area", "answers": answers, "findings": tuple(findings),
              "notes": tuple(notes), "data_as_of": facts.data_as_of, "rules": (rules.GI_PRODUCT_ART3, rules.TM_ART16)}
    if partial:
        # a record lists only part of the area: outside what is recorded is not outside the area
        partial_names = _names(partial)
        return Outcome(
            level=LEVEL_CAUTION,
            headline=Text(f"本机记录的“{names}”范围不包括您的乡镇，但记录不完整：请先核实",
                          f"The offline record of \"{names}\" does not include your township, but it is incomplete: "
                          "check first"),
            explanation=Text(
                f"本机数据记录的“{names}”保护范围不包括{place}，但“{partial_names}”的记录只列出了保护范围的一部分，"
                "您的乡镇仍可能在其范围内。保护范围以公告或商标注册文件为准。",
                f"The offline record of \"{names}\" does not include {place}, but the record of \"{partial_names}\" "
                "lists only part of its protected area, so your township may still be inside it. The announcement or "
                "the mark's registration documents decide.",
            ),
            next_steps=(
                Text(f"向{CONFIRM_AREA_WITH.zh}核实{place}是否在“{names}”的保护范围内。",
                     f"Ask {CONFIRM_AREA_WITH.en} whether {place} is inside the protected area of \"{names}\"."),
                Text("核实之前，不要在产品、包装或宣传中使用该名称或其专用标志。",
                     "Until that is confirmed, do not use the name or its special mark on products, packaging or "
                     "advertising."),
                Text("可以用自己的商标，并如实标注真实产地。", "You can use your own brand and state the true place of origin."),
            ),
            office=rules.OFFICE_LOCAL_IP, checklist=(),
            **common,  # type: ignore[arg-type]
        )
    return Outcome(
        level=LEVEL_STOP,
        headline=Text(f"不能使用“{names}”：您的乡镇不在保护范围内", f"You may not use \"{names}\": your township is outside its protected area"),
        explanation=Text(
            f"{place}不在“{names}”的产地（地域）范围内。地理标志只保护来自该地区的产品；在区域外的产品上使用这个名称会误导消费者，"
            "属于侵权，商标中使用还会被驳回。",
            f"{place} lies outside the protected area of \"{names}\". A GI protects only products from its area; using "
            "the name on products from elsewhere misleads buyers, infringes the GI, and a trademark containing it "
            "would be refused.",
        ),
        next_steps=(
            Text("不要在产品、包装或宣传中使用该名称或其专用标志。", "Do not use the name or its special mark on products, packaging or advertising."),
            Text("可以用自己的商标，并如实标注真实产地。", "Use your own brand and state the true place of origin."),
            Text("如认为当地产品有独特品质，可考虑申请新的地理标志（见“没有地理标志”的条件）。",
                 "If your local product has its own distinct quality, consider a new GI (see the conditions for a new GI)."),
        ),
        office=rules.OFFICE_LOCAL_IP, checklist=(),
        **common,  # type: ignore[arg-type]
    )


FARMERS_AND_ENTERPRISES = Text("农户和企业不能单独申请，可以请县政府或行业协会牵头。",
                               "Farmers and enterprises cannot apply alone; ask the county government or a trade "
                               "association to lead.")

# The "no GI yet" result names two routes; each has its own papers, under its own heading.
CHECKLIST_TITLE_NEW_GI_PRODUCT = Text("申请地理标志产品（由县级以上人民政府或其指定的申请人提交）",
                                      "Applying for a GI product (filed by a county-level or higher government or "
                                      "the applicant it designates)")
CHECKLIST_TITLE_NEW_GI_TRADEMARK = Text("申请地理标志证明商标或集体商标（由能够监督质量的组织提交）",
                                        "Applying for a GI certification or collective mark (filed by an "
                                        "organisation able to supervise quality)")


def _no_gi_outcome(relevant: list[GiRecord], role: str, product: str, place: str, answers: tuple[Answer, ...],
                   facts: GiFacts) -> Outcome:
    findings = [_finding(m, "outside") for m in relevant[:6]]
    notes: list[Text] = []
    if relevant:
        shown = relevant[:6]
        sure, partial = [m for m in shown if not m.area_partial], [m for m in shown if m.area_partial]
        if sure:
            names = _names(sure)
            notes.append(Text(f"其他地区有同类产品的地理标志（{names}），但它们不覆盖您的乡镇，不能使用。",
                              f"Other areas have GIs for similar products ({names}); they do not cover your township "
                              "and cannot be used."))
        if partial:
            names = _names(partial)
            notes.append(Text(f"同类产品的地理标志“{names}”在本机的范围记录不完整，不包括您的乡镇；是否在其范围内，"
                              f"请向{CONFIRM_AREA_WITH.zh}核实。",
                              f"The offline record of the GI \"{names}\" for a similar product is incomplete and does "
                              f"not include your township; whether you are inside its area: check with "
                              f"{CONFIRM_AREA_WITH.en}."))
    local = _other_local(facts, relevant)
    if local:
        notes += _local_notes(local, other=True)
        findings += [_finding(m, "covers") for m in local[:6]]
    who = {
        "government": Text("作为县级以上人民政府或其指定机构，您可以牵头申请。",
                           "As a county-level or higher government, or a body it designates, you can lead the application."),
        "association": Text("协会可以经政府指定申请地理标志产品，或作为能够监督质量的组织申请地理标志商标。",
                            "An association can apply for a GI product when the government designates it, or for a GI "
                            "trademark as an organisation able to supervise quality."),
        "cooperative": Text("合作社不能单独申请地理标志产品，但可以推动县政府申请；能够监督质量的合作社可以经授权申请地理标志商标。",
                            "A cooperative cannot apply for a GI product alone, but can ask the county government to; a "
                            "cooperative able to supervise quality may apply for a GI trademark with authorisation."),
        "farmer": FARMERS_AND_ENTERPRISES,
        "enterprise": FARMERS_AND_ENTERPRISES,
    }.get(role, Text(
        "谁可以申请：地理标志产品由县级以上人民政府或其指定的部门、机构或协会申请；地理标志商标由能够监督质量的组织经政府授权申请；"
        "农户、合作社和企业可以请县政府或行业协会牵头。",
        "Who may apply: for a GI product, a county-level or higher government or the body or association it "
        "designates; for a GI trademark, an organisation able to supervise quality, with the government's "
        "authorisation. Farmers, cooperatives and enterprises can ask the county government or a trade "
        "association to lead.",
    ))
    return Outcome(
        wizard="gi_check", code="no_gi", level=LEVEL_CAUTION,
        headline=Text("目前没有覆盖您的产品和乡镇的地理标志", "No GI covers your product and township yet"),
        explanation=Text(
            f"在本机数据中没有找到覆盖{place}的“{product}”地理标志。如果产品同时满足四个条件，可以申请新的地理标志："
            "名称长期使用（真实性）、主要生产环节在当地（地域性）、质量特色明显（特异性）、特色来自当地的自然和人文因素（关联性）。"
            "农产品地理标志已于2022年停止登记，新申请走地理标志产品或地理标志商标。",
            f"The offline data has no GI for \"{product}\" covering {place}. A new GI is possible if the product meets "
            "four conditions: the name has long been used (genuine), the main production steps happen in the area "
            "(local), it has a distinct quality or reputation (distinctive), and that comes from the area's natural "
            "and human factors (linked). Agricultural-product GIs stopped being registered in 2022; new applications "
            "go the GI-product or GI-trademark way.",
        ),
        next_steps=(
            who,
            Text("地理标志产品：由县级以上人民政府提出产地范围建议并指定申请人。",
                 "GI product: a county-level or higher government proposes the area and designates the applicant."),
            Text("地理标志证明商标或集体商标：由能够监督质量的组织经政府授权申请。",
                 "GI certification or collective mark: an organisation able to supervise quality applies with the "
                 "government's authorisation."),
            Text("通用名称不能成为地理标志；请先收集名称使用历史和质量特色的证据。",
                 "A generic name cannot become a GI; start by collecting evidence of the name's history and the "
                 "product's distinct quality."),
        ),
        office=rules.OFFICE_NEW_GI,
        checklist_groups=(ChecklistGroup(CHECKLIST_TITLE_NEW_GI_PRODUCT, rules.CHECKLIST_NEW_GI_PRODUCT),
                          ChecklistGroup(CHECKLIST_TITLE_NEW_GI_TRADEMARK, rules.CHECKLIST_NEW_GI_TRADEMARK)),
        rules=(rules.GI_PRODUCT_ART3, rules.GI_PRODUCT_ART2, rules.GI_PRODUCT_APPLICANT, rules.COLLECTIVE_CERT_RULES,
               rules.AGI_STOPPED_2022, rules.TM_ART11),
        answers=answers, findings=tuple(findings), notes=tuple(notes), data_as_of=facts.data_as_of,
    )
