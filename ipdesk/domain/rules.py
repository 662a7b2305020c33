"""The rules the wizards rest on, kept as data with their sources.

Sources (summarised in ../shared/reference/gi-rules.md):
- 《地理标志产品保护办法》(国家知识产权局令第80号, in force 2024-02-01): Arts. 2, 3, 20 confirmed;
- 《集体商标、证明商标注册和管理规定》(国家知识产权局令第79号, in force 2024-02-01): title and date only;
- 《地理标志专用标志使用管理办法（试行）》(CNIPA 公告第354号): user categories (一)(二)(三), from reprints;
- 《农产品地理标志管理办法》(农业部令2007年第11号) Art. 15; MARA stopped new AGI registrations in March 2022;
- 《商标法实施条例》Art. 4; 《商标法》Arts. 3, 10, 11, 16, 30–32, 43 (article level).
A citation is `verified=False` wherever the source file says the number or detail was not confirmed;
the app then adds "check with your local IP office". Checklists follow the same file (the GI-product
list is the Shaanxi 2025 guide) and vary by province.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ipdesk.domain.i18n import Text
from ipdesk.domain.wizard import RuleCitation

# --- rule citations -------------------------------------------------------------------------------

GI_PRODUCT_ART2 = RuleCitation(
    Text("《地理标志产品保护办法》（2024）第二条", "Measures for the Protection of GI Products (2024), Art. 2"),
    Text("初级产品和加工产品都可以是地理标志产品。", "Both primary and processed products can be GI products."),
)
GI_PRODUCT_ART3 = RuleCitation(
    Text("《地理标志产品保护办法》（2024）第三条", "Measures for the Protection of GI Products (2024), Art. 3"),
    Text(
        "地理标志产品须具备真实性、地域性、特异性和关联性：名称长期使用、主要生产环节在产地、质量特色明显、质量特色与产地的自然和人文因素相关。",
        "A GI product must be genuine, local, distinctive and linked: a long-used name, the main production steps "
        "in the area, a distinct quality or reputation, and that quality due to the area's natural and human factors.",
    ),
)
GI_PRODUCT_ART20 = RuleCitation(
    Text("《地理标志产品保护办法》（2024）第二十条", "Measures for the Protection of GI Products (2024), Art. 20"),
    Text(
        "产地范围内的生产者申请使用专用标志：县级审核、现场核查，经市、省逐级上报，国家知识产权局审核公告。",
        "Producers in the area apply to use the special mark: checked and inspected at county level, passed up "
        "through city and province, approved and published by CNIPA.",
    ),
)
SPECIAL_MARK_RULES = RuleCitation(
    Text("《地理标志专用标志使用管理办法（试行）》（国家知识产权局公告第354号）",
         "Trial Measures on the Use of the GI Special Mark (CNIPA Announcement No. 354)"),
    Text(
        "合法使用人分三类：（一）地理标志产品的使用人；（二）集体商标的成员；（三）证明商标的被许可人。",
        "Legal users fall in three categories: (1) users of a GI product, (2) members of a collective mark, "
        "(3) licensees of a certification mark.",
    ),
    verified=False,  # known from secondary reprints only
)
TM_REGULATIONS_ART4 = RuleCitation(
    Text("《商标法实施条例》第四条", "Implementing Regulations of the Trademark Law, Art. 4"),
    Text(
        "商品符合证明商标使用条件的，可以要求注册人许可使用；符合集体商标章程条件的，可以要求加入该团体。",
        "A producer whose goods meet a certification mark's conditions may ask for a licence; one who meets a "
        "collective mark's charter may ask to join the association.",
    ),
)
TM_ART3 = RuleCitation(
    Text("《商标法》第三条", "Trademark Law, Art. 3"),
    Text(
        "集体商标以团体、协会或其他组织的名义注册，供该组织成员使用，表明使用者是该组织的成员；证明商标由对商品具有监督能力的"
        "组织控制，由该组织以外的单位或个人使用，证明商品的原产地、质量或其他特定品质。",
        "A collective mark is registered in the name of a group, association or other organisation for its members' "
        "use, and shows that the user is a member; a certification mark is controlled by an organisation able to "
        "supervise the goods and used by others, businesses or individuals, to certify the goods' origin, quality "
        "or other particular qualities.",
    ),
)
TM_ART43 = RuleCitation(
    Text("《商标法》第四十三条", "Trademark Law, Art. 43"),
    Text(
        "商标注册人可以签订使用许可合同许可他人使用，并监督被许可人的商品质量；许可人应当将许可报商标局备案，由商标局公告，"
        "未经备案不得对抗善意第三人。",
        "A registrant may license others to use its mark by a licence contract and supervises the quality of the "
        "licensee's goods; the licensor records the licence with the Trademark Office, which publishes it, and an "
        "unrecorded licence cannot be raised against a third party acting in good faith.",
    ),
)
COLLECTIVE_CERT_RULES = RuleCitation(
    Text("《集体商标、证明商标注册和管理规定》（国家知识产权局令第79号）",
         "Provisions on the Registration and Administration of Collective and Certification Marks (CNIPA Order 79)"),
    Text(
        "地理标志集体商标、证明商标的申请人、使用管理规则和成员要求。",
        "Who may apply for a GI collective or certification mark, its use-management rules and membership.",
    ),
    verified=False,  # title and date only
)
AGI_ART15 = RuleCitation(
    Text("《农产品地理标志管理办法》第十五条", "Measures for the Administration of Agricultural-Product GIs, Art. 15"),
    Text(
        "符合下列条件的单位和个人，可以向登记证书持有人申请使用农产品地理标志：产品来自登记的地域范围；有生产经营资质；"
        "按质量控制技术规范生产；具有相应的市场能力。",
        "Businesses and individuals may apply to the certificate holder to use an agricultural-product GI when the "
        "product comes from the registered area, the producer holds the qualifications, produces to the quality "
        "specification and can market it.",
    ),
)
AGI_STOPPED_2022 = RuleCitation(
    Text("农业农村部2022年3月停止农产品地理标志登记", "MARA stopped registering agricultural-product GIs in March 2022"),
    Text(
        "已登记的农产品地理标志继续有效；是否仍受理新的使用协议，各地做法不一。",
        "Registered AGIs remain protected; whether new use agreements are still processed differs by place.",
    ),
    verified=False,  # only partly confirmed
)
GI_PRODUCT_APPLICANT = RuleCitation(
    Text("地理标志产品保护申请人（2005年《地理标志产品保护规定》第八至十条；2024年办法结构相同）",
         "Applicants for GI-product protection (2005 Provisions Arts. 8–10; the 2024 Measures keep the structure)"),
    Text(
        "由县级以上人民政府提出产地范围建议，并由其指定的部门、机构或协会作为申请人。",
        "A county-level or higher government proposes the area and designates the department, body or "
        "association that applies.",
    ),
    verified=False,  # 2024 article numbers unverified
)
TM_ART10_PLACE = RuleCitation(
    Text("《商标法》第十条第二款", "Trademark Law, Art. 10(2)"),
    Text(
        "县级以上行政区划的地名或者公众知晓的外国地名不得作为商标，但地名具有其他含义或作为集体商标、证明商标组成部分的除外；"
        "已经注册的使用地名的商标继续有效。",
        "Names of administrative divisions at county level or above, and foreign place names known to the public, "
        "may not be used as trademarks, unless the name has another meaning or is part of a collective or "
        "certification mark; registered marks stay valid.",
    ),
)
TM_ART10_DECEPTIVE = RuleCitation(
    Text("《商标法》第十条", "Trademark Law, Art. 10"),
    Text(
        "带有欺骗性、容易使公众对商品的质量等特点或者产地产生误认的标志不得作为商标使用。",
        "Signs that deceive or are likely to mislead the public about the quality or origin of the goods may "
        "not be used as trademarks.",
    ),
)
TM_ART10_SIGNS = RuleCitation(
    Text("《商标法》第十条第一款", "Trademark Law, Art. 10(1)"),
    Text(
        "同我国国家名称、国旗、国徽等相同或近似的，同中央国家机关所在地特定地点或标志性建筑物的名称相同的，同外国国家名称"
        "（经该国政府同意的除外）、政府间国际组织的名称（经该组织同意或不易误导公众的除外）相同或近似的，同“红十字”“红新月”"
        "的名称、标志相同或近似的标志，不得作为商标使用。",
        "Signs identical or similar to the name, flag or emblem of the People's Republic of China, identical to the "
        "names of the seats or landmark buildings of the central state organs, identical or similar to the name of "
        "a foreign state (unless its government consents) or of an intergovernmental organisation (unless it "
        "consents or the public is not likely to be misled), or to the names or emblems of the Red Cross and the "
        "Red Crescent, may not be used as trademarks.",
    ),
)
TM_ART11 = RuleCitation(
    Text("《商标法》第十一条", "Trademark Law, Art. 11"),
    Text(
        "仅有本商品的通用名称，或仅直接表示商品的质量、原料、功能、产地等特点的标志，缺乏显著特征，不得注册。",
        "A sign made only of the generic name of the goods, or that only describes their quality, materials, "
        "function, origin or other features, lacks distinctiveness and cannot be registered.",
    ),
)
TM_ART16 = RuleCitation(
    Text("《商标法》第十六条", "Trademark Law, Art. 16"),
    Text(
        "商标中有商品的地理标志，而该商品并非来源于该标志所标示的地区，误导公众的，不予注册并禁止使用。",
        "A mark containing a geographical indication for goods that do not come from the area it names, "
        "misleading the public, is refused and may not be used.",
    ),
)
TM_ART30 = RuleCitation(
    Text("《商标法》第三十条", "Trademark Law, Art. 30"),
    Text(
        "与他人在同一种商品或者类似商品上已经注册或初步审定的商标相同或者近似的，驳回申请。",
        "An application identical or similar to another's registered or preliminarily approved mark for the "
        "same or similar goods is refused.",
    ),
)
TM_ART50 = RuleCitation(
    Text("《商标法》第五十条", "Trademark Law, Art. 50"),
    Text(
        "注册商标被撤销、被宣告无效或者期满不再续展的，自撤销、宣告无效或者注销之日起一年内，商标局对与该商标相同或者近似的"
        "商标注册申请，不予核准。",
        "For one year from the day a registered mark is revoked, declared invalid or cancelled after it was not "
        "renewed, the Trademark Office does not approve applications for a mark identical or similar to it.",
    ),
)
TM_ART31_32 = RuleCitation(
    Text("《商标法》第三十一、三十二条", "Trademark Law, Arts. 31–32"),
    Text(
        "同日或先后申请相同近似商标的，初步审定在先申请的；申请商标不得损害他人现有的在先权利。",
        "Between conflicting applications the earlier one proceeds; an application may not harm others' "
        "existing prior rights.",
    ),
)

# --- who is asking ---------------------------------------------------------------------------------

ROLES: dict[str, Text] = {
    "farmer": Text("农户（个人）", "Farmer (individual)"),
    "cooperative": Text("农民专业合作社", "Farmers' cooperative"),
    "enterprise": Text("企业", "Enterprise"),
    "association": Text("协会或行业组织", "Association or trade body"),
    "government": Text("政府部门", "Government body"),
}

# Other words people type for a role (ipdesk gi-check --role 合作社); the ids and the labels count too.
ROLE_WORDS: dict[str, str] = {
    "农户": "farmer", "农民": "farmer", "个人": "farmer", "个体农户": "farmer",
    "合作社": "cooperative", "专业合作社": "cooperative", "coop": "cooperative", "co-op": "cooperative",
    "公司": "enterprise", "企业": "enterprise", "company": "enterprise",
    "协会": "association", "行业协会": "association", "行业组织": "association",
    "政府": "government", "政府部门": "government",
}


def _choice_id(typed: str, labels: dict[str, Text], words: dict[str, str]) -> str | None:
    t = " ".join(typed.split()).lower()
    if not t:
        return None
    if t in labels:
        return t
    for key, label in labels.items():
        if t in (label.zh.lower(), label.en.lower()):
            return key
    return words.get(t)


def role_id(typed: str) -> str | None:
    """The role a typed answer means: an id (cooperative), its label in either language
    (农民专业合作社, Farmers' cooperative) or a common word for it (合作社); None when unknown."""
    return _choice_id(typed, ROLES, ROLE_WORDS)


def choices_text(labels: dict[str, Text], lang: str) -> str:
    """'farmer（农户（个人））、cooperative（农民专业合作社）…' / 'farmer (Farmer (individual)), …': every
    choice by its id and its label, for an error message."""
    if lang.lower().startswith("en"):
        return ", ".join(f"{key} ({label.en})" for key, label in labels.items())
    return "、".join(f"{key}（{label.zh}）" for key, label in labels.items())


# --- offices ---------------------------------------------------------------------------------------

OFFICE_LOCAL_IP = Text(
    "县（市、区）知识产权局（市场监督管理局）——经市、省逐级上报国家知识产权局",
    "The county (city, district) IP office (market regulation bureau), which passes the file up through city "
    "and province to CNIPA",
)
OFFICE_MARK_OWNER = Text(  # where the data names no registrant; gi_eligibility names it where it does
    "证明商标注册人（可在国家知识产权局商标局网站 sbj.cnipa.gov.cn 的“商标网上查询”中查到），随后到县（市、区）知识产权局办理专用标志",
    "The certification mark's registrant (named in the mark's record in the online trademark search on CNIPA's "
    "trademark site, sbj.cnipa.gov.cn), then the county (city, district) IP office for the special mark",
)
OFFICE_ASSOCIATION = Text(
    "集体商标注册人（协会），随后到县（市、区）知识产权局办理专用标志",
    "The collective mark's owner (the association), then the county (city, district) IP office for the "
    "special mark",
)
OFFICE_AGI_HOLDER = Text(
    "农产品地理标志登记证书持有人；县农业农村局或知识产权局可告知当地现行做法",
    "The AGI certificate holder; the county agriculture bureau or IP office can tell you the current local practice",
)
OFFICE_NEW_GI = Text(
    "县级人民政府及其指定的部门或协会；县（市、区）知识产权局提供指导",
    "The county government and the body it designates; the county (city, district) IP office advises",
)
OFFICE_TRADEMARK = Text(
    "国家知识产权局商标局（网上服务系统），或当地商标受理窗口",
    "CNIPA Trademark Office (online service system) or a local trademark acceptance window",
)

# --- document checklists ---------------------------------------------------------------------------

CHECKLIST_GI_PRODUCT_USER = (
    Text("地理标志专用标志使用申请书", "Application form for use of the GI special mark"),
    Text("产地核验报告（由县级知识产权局组织现场核查）", "Place-of-origin verification report (site check arranged by the county IP office)"),
    Text("产品质量检验报告", "Product test report"),
    Text("营业执照或统一社会信用代码证明（合作社、企业）", "Business licence or unified social credit code (cooperatives, enterprises)"),
)
CHECKLIST_CERT_LICENSEE = (
    Text("与证明商标注册人签订的使用许可合同（期限不超过商标有效期）", "Licence contract with the certification mark's registrant (term no longer than the mark's)"),
    Text("许可备案通知（注册人向国家知识产权局备案后取得）", "The licence's recordal notice (the registrant records the licence with CNIPA)"),
    Text("地理标志专用标志使用申请书", "Application form for use of the GI special mark"),
)
CHECKLIST_COLLECTIVE_MEMBER = (
    Text("集体商标注册人（协会）出具的成员证明", "Proof of membership issued by the collective mark's owner (the association)"),
    Text("地理标志专用标志使用申请书", "Application form for use of the GI special mark"),
)
CHECKLIST_AGI_USER = (
    Text("农产品地理标志使用申请书", "Application form for use of the agricultural-product GI"),
    Text("生产经营资质证明", "Proof of production qualifications"),
    Text("生产计划及质量控制措施", "Production plan with quality controls"),
    Text("书面承诺（按质量控制技术规范生产）", "Written undertaking to produce to the quality specification"),
    Text("与证书持有人签订的使用协议", "Use agreement signed with the certificate holder"),
)
CHECKLIST_NEW_GI_PRODUCT = (
    Text("县级以上人民政府关于产地范围的建议", "The government's proposal for the production area"),
    Text("指定申请人的文件", "Document designating the applicant"),
    Text("地理标志产品保护申请书", "Application form for GI-product protection"),
    Text("产品名称、产地范围及地理特征说明", "Name, area and geographic features"),
    Text("产品质量特色及其与产地关联性的说明", "Quality and how it links to the area"),
    Text("技术规范（标准）", "Technical specification"),
    Text("产品知名度、生产历史的证明材料", "Evidence of reputation and history"),
)
CHECKLIST_NEW_GI_TRADEMARK = (
    Text("商标注册申请书及商标图样", "Trademark application form and specimen of the mark"),
    Text("申请人主体资格证明", "Proof of legal status"),
    Text("使用管理规则", "Use-management rules"),
    Text("地方人民政府或主管部门的授权文件", "Authorisation document from the government"),
    Text("地域范围地图或坐标", "Map or coordinates of the area"),
    Text("质量特色与地理环境关联性说明", "Statement of the quality-area link"),
    Text("知名度证明材料", "Evidence of reputation"),
    Text("监督检测能力证明", "Proof of supervision and testing capacity"),
    Text("成员名称和地址（集体商标）", "Members' names and addresses (collective marks)"),
)
CHECKLIST_ORDINARY_BRAND = (
    Text("商标注册申请书", "Trademark application form"),
    Text("商标图样", "Specimen of the mark"),
    # 《自然人办理商标注册申请注意事项》(CNIPA): a natural person also shows a business basis, and the goods
    # stay within it.
    Text("个人申请：身份证，以及个体工商户营业执照或农村土地承包经营合同；申请的商品限于营业执照的经营范围或自己经营的农副产品",
         "An individual: ID card, plus a sole-trader business licence (个体工商户营业执照) or a rural land "
         "contract (农村土地承包经营合同); the goods are limited to the licence's business scope or the farm "
         "products you produce"),
    Text("合作社、企业申请：营业执照", "A cooperative or enterprise: business licence"),
    Text("按《类似商品和服务区分表》选定的商品项目", "The goods, chosen from the CNIPA similar-goods table"),
)

# --- brand check word lists ------------------------------------------------------------------------

# Words that only describe quality, method or place type (Art. 11): a mark made only of these and
# the goods' generic name lacks distinctiveness. Maintained list; extend as examiners' practice shows.
DESCRIPTIVE_WORDS: dict[str, Text] = {
    "富硒": Text("表示含硒", "says the product contains selenium"),
    "有机": Text("表示有机生产方式", "says it is organically produced"),
    "绿色": Text("表示绿色食品", "says it is a green food"),
    "高山": Text("表示产地类型", "describes the kind of place it grows"),
    "生态": Text("表示生产方式", "describes the way it is produced"),
    "原生态": Text("表示生产方式", "describes the way it is produced"),
    "天然": Text("表示天然", "says it is natural"),
    "纯天然": Text("表示天然", "says it is natural"),
    "土特产": Text("表示地方特产", "says it is a local speciality"),
    "特产": Text("表示地方特产", "says it is a local speciality"),
    "农家": Text("表示农家生产", "says it is farm-made"),
    "野生": Text("表示野生来源", "says it is wild"),
    "散养": Text("表示饲养方式", "describes how animals are kept"),
    "土鸡": Text("品种通用名称", "a generic breed name"),
    "土蜂蜜": Text("商品通用名称", "a generic product name"),
    "新鲜": Text("表示新鲜", "says it is fresh"),
    "优质": Text("表示质量", "describes the quality"),
    "精品": Text("表示质量", "describes the quality"),
    "特级": Text("表示等级", "states a grade"),
    "正宗": Text("表示正宗", "says it is authentic"),
    "手工": Text("表示制作方式", "describes how it is made"),
    "古法": Text("表示制作方式", "describes how it is made"),
    "无公害": Text("表示质量认证类型", "names a quality certification"),
    "香米": Text("商品通用名称", "a generic product name"),
    "山泉": Text("表示原料来源", "describes the source of the water"),
    "优良": Text("表示质量", "describes the quality"),
    "上等": Text("表示等级", "states a grade"),
    "上品": Text("表示质量", "describes the quality"),
    "美味": Text("表示口味", "describes the taste"),
    "好吃": Text("表示口味", "describes the taste"),
    "香甜": Text("表示口味", "describes the taste"),
}

# Names of regions that are no administrative division but say where goods come from (东北大米, 江南米酒):
# they only describe the goods' origin (Art. 11(1)(2)(3)), so a name made of them alone (东北), or of them
# and the goods' name, lacks distinctiveness. Beside a coined word (东北测试甲大米) they are only said: the
# coined word makes the name distinctive. Region names that are also county-level divisions (中原区, 江南区)
# are caught as place names first.
REGION_WORDS: dict[str, Text] = {
    w: Text("表示产地所在的地区（不是行政区划，但同样说明商品的产地）",
            "names the region the goods come from (no administrative division, but it tells the origin all the same)")
    for w in ("东北", "西北", "西南", "华北", "华东", "华南", "华中", "江南", "江北", "塞北", "塞外", "岭南", "中原",
              "关东", "关中", "胶东", "陕北", "苏北", "江淮")
}

# Characters common in Chinese shop names and brands (字号: 鑫盛, 金丰, 福源, 恒泰 …) that everyday
# phrases rarely hold, so a frequency list of common words ranks them low or not at all. Only an
# input aid: the kiosk's pinyin candidate bar offers them right after its vocabulary; they decide
# nothing in any check.
BRAND_NAME_CHARS = (
    "鑫森淼焱垚犇骉磊晶品众"
    "盛源丰泰隆昌兴旺福禄寿喜祥瑞吉利发达富贵"
    "金银宝玉华龙凤德顺和康乐美佳优香甜鲜绿农家园田"
    "恒通汇鼎聚诚信义仁宏伟强益裕嘉欣悦雅尚万千百"
    "春秋东西南北星月阳光明升辉煌腾飞翔锦绣"
)

# Single characters that praise the goods (好 good, 优 fine …). Alone with the goods' generic name (好米,
# 优茶, 鲜桃) they only describe quality (Art. 11); inside a coined name (好测甲) they do not, so they are
# never looked for as words, only as what is left of a name once the plain words are taken out.
LAUDATORY_CHARS: dict[str, Text] = {
    "好": Text("称赞质量（好）", "praises the quality (good)"),
    "优": Text("称赞质量（优）", "praises the quality (fine)"),
    "佳": Text("称赞质量（佳）", "praises the quality (fine)"),
    "精": Text("称赞质量（精）", "praises the quality (choice)"),
    "美": Text("称赞质量（美）", "praises the quality (lovely)"),
    "鲜": Text("表示新鲜", "says it is fresh"),
    "香": Text("表示香味", "describes the flavour (fragrant)"),
    "甜": Text("表示口味", "describes the taste (sweet)"),
    "纯": Text("表示纯正", "says it is pure"),
    "真": Text("表示真实", "says it is genuine"),
    "上": Text("表示等级（上等）", "states a grade (top)"),
    "新": Text("表示新产（新）", "says it is new"),
}

# Signs no one may use as a mark (Art. 10(1)) and foreign place names known to the public (Art. 10(2)): a
# red flag of their own, whatever else the name holds. The state's names are those CNIPA's 商标审查审理指南
# lists (全称、简称、缩写: 中华人民共和国, 中国, 中华, CN, CHN, P.R.C, P.R.CHINA, PR OF CHINA), as are the seats of
# the central state organs (中南海, 钓鱼台, 天安门, 新华门, 紫光阁, 怀仁堂, 人民大会堂). The foreign states,
# organisations and places are well-known ones written down here, not a complete list; names that are also
# an everyday word for farm goods are left out (夏威夷果 is macadamia, 加州鲈 a bass, 米兰 a shrub, 京都 "the
# capital"), as is 朝鲜 (朝鲜族, an ethnic group of China) and 北海道 (北海 is a city of Guangxi: said as such).
_STATE = Text("与我国国家名称相同或近似", "is a name of the People's Republic of China")
_STATE_SYMBOL = Text("是国家或军队标志的名称", "names a national or military symbol")
_ORGAN_SEAT = Text("是中央国家机关所在地特定地点或标志性建筑物的名称",
                   "names the seat or landmark building of the central state organs")
_FOREIGN_STATE = Text("是外国的国家名称（经该国政府同意的除外）", "is the name of a foreign state (unless its government consents)")
_ORGANISATION = Text("是政府间国际组织的名称（经该组织同意或不易误导公众的除外）",
                     "is the name of an intergovernmental organisation (unless it consents or the public is not misled)")
_RED_CROSS = Text("与“红十字”“红新月”的名称相同或近似", "is the name of the Red Cross or the Red Crescent")
_FOREIGN_PLACE = Text("是公众知晓的外国地名（地名具有其他含义的除外）",
                      "is a foreign place name known to the public (unless the name has another meaning)")
_FOREIGN_GI = Text("是公众知晓的外国地名，也是外国酒类的地理标志名称",
                   "is a foreign place name known to the public and the geographical indication of foreign wines or spirits")
BARRED_SIGNS: dict[str, Text] = {
    **dict.fromkeys(("中华人民共和国", "中国", "中华"), _STATE),
    **dict.fromkeys(("国旗", "国徽", "国歌", "军旗", "军徽", "军歌", "勋章"), _STATE_SYMBOL),
    **dict.fromkeys(("中南海", "钓鱼台", "天安门", "新华门", "紫光阁", "怀仁堂", "人民大会堂"), _ORGAN_SEAT),
    **dict.fromkeys(("红十字", "红新月"), _RED_CROSS),
    **dict.fromkeys((
        "联合国", "世界卫生组织", "世界贸易组织", "世贸组织", "联合国粮农组织", "粮农组织", "联合国教科文组织", "教科文组织",
        "联合国儿童基金会", "世界知识产权组织", "国际货币基金组织", "世界银行", "国际刑警组织", "欧洲联盟", "欧盟",
        "东南亚国家联盟", "东盟", "非洲联盟", "上海合作组织", "上合组织"), _ORGANISATION),
    **dict.fromkeys((
        "美国", "美利坚合众国", "日本", "英国", "法国", "德国", "意大利", "俄罗斯", "韩国", "印度", "泰国", "越南", "老挝",
        "缅甸", "柬埔寨", "新加坡", "马来西亚", "印度尼西亚", "菲律宾", "巴基斯坦", "尼泊尔", "蒙古国", "哈萨克斯坦",
        "加拿大", "澳大利亚", "新西兰", "巴西", "阿根廷", "墨西哥", "智利", "秘鲁", "古巴", "埃及", "南非", "土耳其",
        "伊朗", "以色列", "沙特阿拉伯", "荷兰", "比利时", "瑞士", "瑞典", "挪威", "丹麦", "芬兰", "奥地利", "西班牙",
        "葡萄牙", "希腊", "波兰", "乌克兰", "爱尔兰", "匈牙利", "捷克"), _FOREIGN_STATE),
    **dict.fromkeys((
        "巴黎", "伦敦", "纽约", "东京", "莫斯科", "柏林", "罗马", "华盛顿", "洛杉矶", "旧金山", "芝加哥", "曼哈顿",
        "好莱坞", "拉斯维加斯", "加利福尼亚", "首尔", "大阪", "曼谷", "悉尼", "墨尔本", "温哥华", "多伦多", "维也纳",
        "日内瓦", "威尼斯", "佛罗伦萨", "巴塞罗那", "马德里", "阿姆斯特丹", "布鲁塞尔", "雅典", "开罗", "迪拜",
        "普罗旺斯", "苏格兰", "爱丁堡", "新德里", "孟买", "伊斯坦布尔", "斯德哥尔摩", "哥本哈根"), _FOREIGN_PLACE),
    **dict.fromkeys(("香槟", "波尔多", "勃艮第", "干邑"), _FOREIGN_GI),
}
# The same in English, each with its Chinese counterpart above (whole words, case folded). Country names
# that are also common English words or names (Turkey, Chile, Jordan, Georgia, Chad) are left out.
BARRED_WORDS_EN: dict[str, str] = {
    "china": "中国", "prc": "中国", "p r c": "中国", "pr china": "中国", "p r china": "中国", "pr of china": "中国",
    "peoples republic of china": "中华人民共和国", "people s republic of china": "中华人民共和国", "chn": "中国", "cn": "中国",
    "red cross": "红十字", "red crescent": "红新月",
    "united nations": "联合国", "world health organization": "世界卫生组织", "world trade organization": "世界贸易组织",
    "wto": "世界贸易组织", "fao": "联合国粮农组织", "unesco": "联合国教科文组织", "unicef": "联合国儿童基金会",
    "wipo": "世界知识产权组织", "imf": "国际货币基金组织", "world bank": "世界银行", "interpol": "国际刑警组织",
    "european union": "欧洲联盟", "asean": "东南亚国家联盟",
    "america": "美国", "usa": "美国", "u s a": "美国", "united states": "美国", "japan": "日本", "england": "英国",
    "britain": "英国", "great britain": "英国", "united kingdom": "英国", "france": "法国", "germany": "德国",
    "italy": "意大利", "russia": "俄罗斯", "korea": "韩国", "india": "印度", "thailand": "泰国", "vietnam": "越南",
    "canada": "加拿大", "australia": "澳大利亚", "new zealand": "新西兰", "brazil": "巴西", "mexico": "墨西哥",
    "spain": "西班牙", "portugal": "葡萄牙", "netherlands": "荷兰", "holland": "荷兰", "switzerland": "瑞士",
    "sweden": "瑞典", "norway": "挪威", "denmark": "丹麦", "finland": "芬兰", "austria": "奥地利", "belgium": "比利时",
    "greece": "希腊", "ireland": "爱尔兰", "poland": "波兰",
    "paris": "巴黎", "london": "伦敦", "new york": "纽约", "tokyo": "东京", "moscow": "莫斯科", "berlin": "柏林",
    "rome": "罗马", "washington": "华盛顿", "los angeles": "洛杉矶", "san francisco": "旧金山", "chicago": "芝加哥",
    "manhattan": "曼哈顿", "hollywood": "好莱坞", "las vegas": "拉斯维加斯", "california": "加利福尼亚",
    "seoul": "首尔", "osaka": "大阪", "bangkok": "曼谷", "sydney": "悉尼", "melbourne": "墨尔本",
    "vancouver": "温哥华", "toronto": "多伦多", "vienna": "维也纳", "geneva": "日内瓦", "venice": "威尼斯",
    "barcelona": "巴塞罗那", "madrid": "马德里", "amsterdam": "阿姆斯特丹", "brussels": "布鲁塞尔", "athens": "雅典",
    "cairo": "开罗", "dubai": "迪拜", "provence": "普罗旺斯", "scotland": "苏格兰", "scotch": "苏格兰",
    "edinburgh": "爱丁堡", "new delhi": "新德里", "mumbai": "孟买", "istanbul": "伊斯坦布尔",
    "stockholm": "斯德哥尔摩", "copenhagen": "哥本哈根",
    "champagne": "香槟", "bordeaux": "波尔多", "bourgogne": "勃艮第", "burgundy": "勃艮第", "cognac": "干邑",
}

# The Nice classes a GI list category's goods are sold under (fresh, live or processed): a GI's place part
# in a mark for those goods says where they come from (Art. 16: 茅台 on liquor, 阳澄湖 on crabs). 工艺品,
# 蚕桑丝绸 and 其他 are left out: their goods lie outside the classes the brand check covers.
GI_CATEGORY_CLASSES: dict[str, tuple[int, ...]] = {
    "果品": (29, 31), "茶叶": (30,), "粮油": (29, 30, 31), "畜禽": (29, 31), "蔬菜": (29, 31), "中药材": (5, 30, 31),
    "加工食品": (29, 30), "水产": (29, 31), "酒类": (33,), "食用菌": (29, 31), "调味品": (30,), "花卉苗木": (31,),
}
# Product words a GI's name may end with beyond the crops' and the generic goods' words above (茅台酒,
# 阳澄湖大闸蟹, 金华火腿): what is left before them is the GI's place part.
GI_PRODUCT_ENDINGS = ("酒", "茶", "蟹", "大闸蟹", "鸡", "鸭", "鹅", "鱼", "虾", "参", "蜜", "醋", "酱", "笋", "菇", "椒",
                      "姜", "蒜", "瓜", "柑", "橘", "柿", "杏", "李", "枣", "梨", "桃", "橙", "柚", "榴", "莲", "藕",
                      "米", "面", "粉", "油", "羊", "牛", "猪", "火腿", "腊肉", "板鸭", "贡米", "大米", "香米")

# Claims likely to mislead about quality or status (Art. 10): a red flag of their own.
MISLEADING_WORDS: dict[str, Text] = {
    "绿色食品": Text("是绿色食品标志的名称（经认证才能使用的证明商标），容易使人误认为产品已获认证",
                     "names the Green Food label (a certification mark used only once certified): it suggests a "
                     "certification"),
    "特供": Text("暗示特定机构专供", "implies supply to state bodies"),
    "专供": Text("暗示特定机构专供", "implies supply to state bodies"),
    "国宴": Text("暗示国宴用品", "implies use at state banquets"),
    "国酒": Text("暗示国家认可", "implies national endorsement"),
    "第一": Text("绝对化的质量宣称", "an absolute quality claim"),
    "最佳": Text("绝对化的质量宣称", "an absolute quality claim"),
    "最好": Text("绝对化的质量宣称", "an absolute quality claim"),
    "最优": Text("绝对化的质量宣称", "an absolute quality claim"),
    "顶级": Text("绝对化的质量宣称", "an absolute quality claim"),
    "极品": Text("绝对化的质量宣称", "an absolute quality claim"),
    "特效": Text("夸大功效", "an exaggerated effect claim"),
    "无农药": Text("难以证实的质量宣称", "a quality claim that is hard to prove"),
}

# Generic names of goods per Nice class (Art. 11): a mark that is only such a name is refused.
GENERIC_GOODS: dict[int, tuple[str, ...]] = {
    29: ("肉", "猪肉", "牛肉", "羊肉", "腊肉", "火腿", "香肠", "鸡蛋", "咸鸭蛋", "皮蛋", "牛奶", "酸奶", "奶粉", "食用油",
         "花生油", "菜籽油", "茶油", "山茶油", "木耳", "香菇", "干菇", "豆腐", "腐竹", "果干", "榨菜", "泡菜", "咸菜", "核桃仁"),
    30: ("大米", "米", "稻米", "香米", "茶", "茶叶", "红茶", "绿茶", "白茶", "黑茶", "乌龙茶", "普洱", "花茶", "蜂蜜",
         "面粉", "挂面", "面条", "米粉", "粉丝", "醋", "酱油", "调味品", "辣椒酱", "花椒", "八角", "糕点", "月饼",
         "红糖", "小米", "杂粮", "糯米", "黑米"),
    31: ("苹果", "梨", "香梨", "桃", "葡萄", "柑橘", "脐橙", "橙", "柚", "猕猴桃", "枣", "红枣", "樱桃", "荔枝",
         "龙眼", "芒果", "香蕉", "西瓜", "甜瓜", "蔬菜", "白菜", "辣椒", "大蒜", "生姜", "土豆", "马铃薯", "红薯",
         "玉米", "稻谷", "小麦", "大豆", "花生", "核桃", "板栗", "种子", "鲜花", "活鸡", "活鱼", "饲料"),
    32: ("啤酒", "矿泉水", "饮用水", "果汁", "饮料", "豆奶", "凉茶", "苏打水"),
    33: ("白酒", "黄酒", "米酒", "葡萄酒", "果酒", "烧酒", "老酒", "青稞酒"),
}
# Class 35 (selling): the name of the goods sold describes the service (Art. 11: 服务的内容), as does
# the shop's own generic name.
SHOP_WORDS = ("商店", "超市", "网店")
GENERIC_GOODS[35] = tuple(dict.fromkeys([*(w for c in (29, 30, 31, 32, 33) for w in GENERIC_GOODS[c]), *SHOP_WORDS]))

# English names of the goods above, for the Chinese words the crop table (CROPS below, with
# GROUP_MEMBER_EN) does not name: processed goods, fruit and drinks it has no crop for. Written by hand
# because nothing in the project has them: the seed's 类似群 headings are group titles ("Mustard,
# monosodium glutamate, sauces, pastes and similar condiments"), not goods names. `goods_english` adds
# the crop table's words (大米 → rice, paddy; 苹果 → apple; 蜂蜜 → honey; 脐橙 → navel orange). The pinyin
# (dami, lvcha) is never written down: it is read from the Chinese (brand_words.py).
GENERIC_GOODS_EN: dict[str, tuple[str, ...]] = {
    # 29
    "肉": ("meat",), "猪肉": ("pork",), "牛肉": ("beef",), "羊肉": ("mutton", "lamb"),
    "腊肉": ("cured meat", "bacon"), "火腿": ("ham",), "香肠": ("sausage",), "鸡蛋": ("egg",),
    "咸鸭蛋": ("salted duck egg", "salted egg"), "皮蛋": ("century egg", "preserved egg"), "牛奶": ("milk",),
    "酸奶": ("yogurt", "yoghurt", "yoghourt"), "奶粉": ("milk powder", "powdered milk"),
    "食用油": ("cooking oil", "edible oil", "oil"), "花生油": ("peanut oil", "groundnut oil"),
    "菜籽油": ("rapeseed oil", "canola oil"), "茶油": ("tea oil", "camellia oil", "tea seed oil"),
    "山茶油": ("camellia oil", "camellia seed oil"), "木耳": ("black fungus",),
    "香菇": ("shiitake mushroom", "mushroom"), "干菇": ("dried mushroom", "mushroom"),
    "豆腐": ("tofu", "bean curd"), "腐竹": ("tofu skin", "bean curd stick", "yuba"), "果干": ("dried fruit",),
    "榨菜": ("pickled mustard",), "泡菜": ("kimchi", "pickle"), "咸菜": ("pickle", "pickled vegetable"),
    "核桃仁": ("walnut kernel", "walnut meat", "walnut"),
    # 30
    "米": ("rice",), "香米": ("fragrant rice", "jasmine rice"), "红茶": ("black tea", "red tea"),
    "绿茶": ("green tea",), "白茶": ("white tea",), "黑茶": ("dark tea",), "乌龙茶": ("oolong", "oolong tea"),
    "普洱": ("pu erh", "pu erh tea", "puerh", "puer tea"), "花茶": ("flower tea", "scented tea", "jasmine tea"),
    "面粉": ("flour", "wheat flour"), "挂面": ("dried noodle", "noodle"), "面条": ("noodle",),
    "米粉": ("rice noodle", "rice vermicelli", "rice flour"), "粉丝": ("vermicelli", "glass noodle"),
    "醋": ("vinegar",), "酱油": ("soy sauce", "soya sauce"), "调味品": ("condiment", "seasoning"),
    "辣椒酱": ("chilli sauce", "chili sauce", "hot sauce"), "花椒": ("sichuan pepper", "prickly ash"),
    "八角": ("star anise",), "糕点": ("pastry", "cake"), "月饼": ("mooncake", "moon cake"), "红糖": ("brown sugar",),
    "小米": ("millet",), "杂粮": ("grain", "coarse grain", "cereal"), "糯米": ("glutinous rice", "sticky rice"),
    "黑米": ("black rice",),
    # 31
    "香梨": ("fragrant pear",), "桃": ("peach",), "柚": ("pomelo", "pummelo"), "樱桃": ("cherry",),
    "荔枝": ("lychee", "litchi"), "龙眼": ("longan",), "芒果": ("mango",), "香蕉": ("banana",),
    "西瓜": ("watermelon",), "甜瓜": ("melon",), "白菜": ("chinese cabbage", "cabbage"), "生姜": ("ginger",),
    "红薯": ("sweet potato",), "种子": ("seed",), "鲜花": ("flower", "fresh flower"),
    "活鸡": ("live chicken", "chicken"), "活鱼": ("live fish", "fish"), "饲料": ("feed", "animal feed", "fodder"),
    # 32
    "啤酒": ("beer", "lager"), "矿泉水": ("mineral water",), "饮用水": ("drinking water", "water"),
    "果汁": ("juice", "fruit juice"), "饮料": ("drink", "beverage", "soft drink"), "豆奶": ("soy milk", "soya milk"),
    "凉茶": ("herbal tea",), "苏打水": ("soda water", "soda"),
    # 33
    "白酒": ("liquor", "spirit", "chinese spirit"), "黄酒": ("yellow wine", "rice wine"), "米酒": ("rice wine",),
    "葡萄酒": ("wine", "grape wine"), "果酒": ("fruit wine",), "烧酒": ("shochu", "soju"), "老酒": ("aged wine",),
    "青稞酒": ("highland barley wine", "barley wine"),
    # 35
    "商店": ("shop", "store"), "超市": ("supermarket",), "网店": ("online shop", "online store", "web shop"),
}

# English words with the meaning of a Chinese word of the lists above: an examiner reads BEST as 最好
# and ORGANIC as 有机, so each English word is treated as its Chinese counterpart (an absolute claim,
# a descriptive word, or a praising character that counts only beside the goods' name). Matched as
# whole words, case and width folded (brand_words.py).
PLAIN_WORDS_EN: dict[str, str] = {
    # absolute claims (MISLEADING_WORDS)
    "best": "最好", "finest": "最优", "no 1": "第一", "no1": "第一", "number one": "第一", "number 1": "第一",
    "top grade": "顶级", "top class": "顶级", "top quality": "顶级", "top level": "顶级",
    "special supply": "特供", "state banquet": "国宴", "national liquor": "国酒",
    "green food": "绿色食品",
    "no pesticide": "无农药", "pesticide free": "无农药", "zero pesticide": "无农药",
    # descriptive words (DESCRIPTIVE_WORDS)
    "organic": "有机", "green": "绿色", "natural": "天然", "all natural": "纯天然", "pure natural": "纯天然",
    "eco": "生态", "ecological": "生态", "original ecology": "原生态", "selenium": "富硒", "selenium rich": "富硒",
    "selenium enriched": "富硒", "high mountain": "高山", "highland": "高山", "alpine": "高山", "mountain": "高山",
    "wild": "野生", "free range": "散养", "fresh": "新鲜", "premium": "优质", "quality": "优质",
    "high quality": "优质", "select": "精品", "selected": "精品", "deluxe": "精品", "special grade": "特级",
    "authentic": "正宗", "handmade": "手工", "hand made": "手工", "handcrafted": "手工", "traditional": "古法",
    "pollution free": "无公害", "mountain spring": "山泉", "farm": "农家", "farmhouse": "农家",
    "specialty": "特产", "speciality": "特产", "local specialty": "土特产", "local speciality": "土特产",
    "excellent": "优良", "superior": "上等", "supreme": "上品", "delicious": "美味", "tasty": "好吃", "yummy": "好吃",
    # praise (LAUDATORY_CHARS): only when nothing else is left beside the goods' name
    "good": "好", "great": "好", "fine": "佳", "choice": "精", "beautiful": "美", "lovely": "美",
    "fragrant": "香", "aromatic": "香", "sweet": "甜", "pure": "纯", "real": "真", "genuine": "真", "true": "真",
    "top": "上", "super": "上", "prime": "上", "new": "新",
    # not 王/king: 王 is the commonest surname (王大米 is a family's rice, not a claim); and FIRST reads as
    # a grade (first-grade rice) more than as 第一, so it is described, not refused outright
    "first": "上等", "first grade": "上等", "first class": "上等",
}

# English words that add nothing to a name (The Rice, Rice of the Hills): never a reason on their own.
FILLER_WORDS_EN = ("the", "a", "an", "of", "and")

# 类似群 groups in plain words for the picker (codes and headings from the seed's nice_groups.tsv;
# these short phrases are our wording for people who do not know the table).
GROUP_PLAIN_WORDS: dict[str, Text] = {
    "2901": Text("肉、禽肉、野味", "meat, poultry, game"),
    "2902": Text("水产品（非活）", "fish and seafood (not live)"),
    "2903": Text("罐头", "canned food"),
    "2904": Text("果脯、干果、果蔬零食", "dried and preserved fruit, fruit and vegetable snacks"),
    "2905": Text("腌菜、加工蔬菜", "pickled and processed vegetables"),
    "2906": Text("蛋、蛋制品", "eggs"),
    "2907": Text("奶、乳制品", "milk and dairy"),
    "2908": Text("食用油", "cooking oil"),
    "2911": Text("加工坚果、炒货", "roasted and processed nuts"),
    "2912": Text("干香菇、木耳等菌类干货", "dried mushrooms and fungi"),
    "2913": Text("豆腐、豆制品", "tofu and soy products"),
    "3002": Text("茶叶、茶饮料", "tea"),
    "3004": Text("糖果", "sweets"),
    "3005": Text("蜂蜜", "honey"),
    "3006": Text("面包、糕点", "bread and pastries"),
    "3008": Text("大米、面粉、杂粮", "rice, flour, grains"),
    "3009": Text("面条、米粉", "noodles, rice noodles"),
    "3015": Text("酱油、醋", "soy sauce, vinegar"),
    "3016": Text("辣椒酱等调味酱", "chilli sauce and other condiments"),
    "3018": Text("花椒等香料", "spices such as Sichuan pepper"),
    "3101": Text("未加工的林产品", "raw forest products"),
    "3102": Text("未加工的谷物、农产品", "raw grains and farm produce"),
    "3103": Text("花卉、苗木", "flowers, plants"),
    "3104": Text("活畜禽、活鱼", "live animals, live fish"),
    "3105": Text("新鲜水果、干果", "fresh fruit and nuts"),
    "3106": Text("新鲜蔬菜", "fresh vegetables"),
    "3107": Text("种子", "seeds"),
    "3108": Text("饲料", "animal feed"),
    "3201": Text("啤酒", "beer"),
    "3202": Text("饮料、矿泉水、果汁", "soft drinks, mineral water, juice"),
    "3301": Text("白酒、果酒等酒类", "spirits, wine and other alcoholic drinks"),
    "3501": Text("广告、宣传", "advertising and publicity"),
    "3502": Text("经营管理、商业咨询", "business management and advice"),
    "3503": Text("替他人推销（帮别人卖货）", "selling for others (sales promotion)"),
    "3509": Text("药品、医疗用品的零售批发", "retail and wholesale of medicines and medical supplies"),
}

# 29–33 for the goods; 35 for selling them (a cooperative's shop or online store): the classes the
# rule notes name for a farm brand.
BRAND_CLASSES = (29, 30, 31, 32, 33, 35)
# What each class holds, in a farmer's words (a summary of the Nice class headings, not the headings).
BRAND_CLASS_WORDS: dict[int, Text] = {
    29: Text("肉、蛋、奶、油、干菜、加工果蔬", "meat, eggs, milk, oil, processed fruit and vegetables"),
    30: Text("米、面、茶、蜂蜜、调味品、糕点", "rice, flour, tea, honey, condiments, pastries"),
    31: Text("鲜果、鲜菜、粮食原粮、活畜禽、种子、饲料", "fresh fruit and vegetables, raw grain, live animals, seeds, feed"),
    32: Text("啤酒、饮料、矿泉水、果汁", "beer, soft drinks, mineral water, juice"),
    33: Text("白酒、果酒、黄酒等酒类", "spirits, wine and other alcoholic drinks"),
    35: Text("销售服务：门店、网店、替他人推销、广告", "selling: a shop, an online store, selling for others, advertising"),
}

# Suffixes of division names; a mark containing the short form (五常 for 五常市) names the place too.
DIVISION_SUFFIXES = (
    "特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县", "自治旗",
    "林区", "地区", "新区", "矿区", "省", "市", "县", "区", "旗", "盟",
)
ETHNIC_GROUPS = (
    "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家", "哈尼", "哈萨克",
    "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇", "柯尔克孜", "土", "达斡尔",
    "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米", "塔吉克", "怒", "乌孜别克", "俄罗斯",
    "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺", "各",
)


def division_short_names(name: str) -> list[str]:
    """Forms of a division name a mark may contain: the full name and the name without its level
    suffix and ethnic-autonomy part (延边朝鲜族自治州 → 延边; 五常市 → 五常). Forms under 2 characters
    are dropped: one character is too often an ordinary word."""
    forms = [name]
    base = name
    for suffix in DIVISION_SUFFIXES:
        if base.endswith(suffix) and len(base) > len(suffix):
            base = base[: -len(suffix)]
            break
    changed = True
    while changed:
        changed = False
        for group in sorted(ETHNIC_GROUPS, key=len, reverse=True):
            tail = group + "族"
            if base.endswith(tail) and len(base) > len(tail) + 1:
                base = base[: -len(tail)]
                changed = True
                break
    forms.append(base)
    return [f for f in dict.fromkeys(forms) if len(f) >= 2]


# Places whose name in pinyin counts as the place name itself (Art. 10(2)): the trademark examination
# guidelines (《商标审查审理指南》, CNIPA 2021, after the 2016 审查及审理标准) read "place names" as the full
# name, the short name, and the pinyin of provinces, autonomous regions, municipalities, provincial
# capitals, cities specifically designated in the state plan (计划单列市) and well-known tourist cities.
# Provinces, regions and municipalities are every level-1 division; the capitals and the five
# 计划单列市 are listed here (prefecture-level short names). "Well-known tourist cities" has no official
# list, so none is assumed: the rule as shown says they may count too (PINYIN_PLACE_RULE), to be checked.
PINYIN_PLACE_CITIES = (
    "石家庄", "太原", "呼和浩特", "沈阳", "长春", "哈尔滨", "南京", "杭州", "合肥", "福州", "南昌", "济南", "郑州",
    "武汉", "长沙", "广州", "南宁", "海口", "成都", "贵阳", "昆明", "拉萨", "西安", "兰州", "西宁", "银川", "乌鲁木齐",
    "大连", "青岛", "宁波", "厦门", "深圳",
)
PINYIN_PLACE_RULE = Text(
    "省、自治区、直辖市、省会城市和计划单列市的地名拼音视同地名；著名旅游城市的地名拼音也可能被视为地名（《商标审查审理指南》），请核实",
    "the pinyin of a province, autonomous region, municipality, provincial capital or city with independent "
    "planning status counts as its name; the pinyin of a well-known tourist city may count too (CNIPA's "
    "trademark examination guidelines): check",
)
# Official or customary Latin spellings beside the plain pinyin (陕西 is Shaanxi, to tell it from 山西).
PLACE_LATIN_FORMS: dict[str, tuple[str, ...]] = {
    "陕西": ("shaanxi",), "内蒙古": ("inner mongolia",), "西藏": ("tibet",), "香港": ("hong kong",),
    "澳门": ("macao", "macau"), "哈尔滨": ("harbin",), "呼和浩特": ("hohhot",), "乌鲁木齐": ("urumqi",),
    "拉萨": ("lhasa",), "北京": ("peking",),
}


# Short names of county-level divisions that are also everyday words (Art. 10(2): "unless the place name
# has another meaning"). For a name holding one of these the check says "may be refused", not "very
# likely refused": the examiner weighs which meaning the mark carries. Only words whose everyday meaning
# is the common one are listed, never a province, a prefecture-level city or a full name (凤凰县 is the
# county, whatever 凤凰 means), nor a famous district (朝阳区, 南山区). The one exception: famous mountains
# that gave their name to a district or city (泰山区, 黄山市, 衡山县, 庐山市), whose meaning as the
# mountain is the better known one; a mountain is a place too, so the reason says the examiner may still
# read it as the goods' origin.
PLACE_WORD_MEANINGS: dict[str, Text] = {
    "凤凰": Text("传说中的神鸟", "the phoenix"),
    "太平": Text("平安、安定", "peace and order"),
    "青山": Text("青翠的山", "green hills"),
    "东方": Text("东边、东方世界", "the east"),
    "和平": Text("没有战争、平和", "peace"),
    "龙凤": Text("龙和凤，吉祥的象征", "dragon and phoenix, a sign of good fortune"),
    "长寿": Text("寿命长", "long life"),
    "富裕": Text("财物充裕", "wealth"),
    "光明": Text("亮光；有希望", "light; hope"),
    "向阳": Text("朝着太阳", "facing the sun"),
    "友谊": Text("朋友间的情谊", "friendship"),
    "红旗": Text("红色的旗帜", "a red flag"),
    "前进": Text("向前行进", "going forward"),
    "东风": Text("从东边吹来的风；春风", "the east wind; the spring wind"),
    "江山": Text("江河山岭；国家", "rivers and mountains; the country"),
    "安宁": Text("安定、宁静", "calm and peace"),
    "兴隆": Text("兴旺", "prosperity"),
    "新兴": Text("新近兴起的", "newly rising"),
    "白云": Text("白色的云", "white clouds"),
    # county names that are also everyday words of good wishes (QA: 万年 and 平安 were "very likely refused",
    # though the law excepts a place name with another meaning); a prefecture-level city's (安康, 大同, 吉安)
    # stays a place: a city is known as one
    "平安": Text("平稳安全，没有事故", "safe and sound"),
    "嘉禾": Text("长得特别好的禾稻", "a fine crop of grain"),
    "万年": Text("极其长久的年代", "ten thousand years; for ever"),
    "和顺": Text("温和顺从；顺利", "gentle; going smoothly"),
    "长乐": Text("长久快乐", "lasting joy"),
    "永康": Text("永远安康", "lasting well-being"),
    "永安": Text("永久安定", "lasting peace"),
    "长安": Text("长久安定；古都名", "lasting peace; the old capital's name"),
    "富民": Text("使人民富裕", "making the people prosperous"),
    "永和": Text("永远和睦", "lasting harmony"),
    "长兴": Text("长久兴旺", "lasting prosperity"),
    "永福": Text("永远幸福", "lasting happiness"),
    "金山": Text("金子堆成的山；财富", "a mountain of gold; riches"),
    "福安": Text("幸福平安", "happiness and peace"),
    "泰山": Text("名山，五岳中的东岳；山名也可能被看作产地", "Mount Tai, the eastern of the Five Great Mountains; "
               "a mountain's name may still be read as the goods' origin"),
    "黄山": Text("安徽的名山；山名也可能被看作产地", "the Huangshan mountains in Anhui; a mountain's name may still be read "
               "as the goods' origin"),
    "衡山": Text("名山，五岳中的南岳；山名也可能被看作产地", "Mount Heng, the southern of the Five Great Mountains; "
               "a mountain's name may still be read as the goods' origin"),
    "庐山": Text("江西的名山；山名也可能被看作产地", "Mount Lu in Jiangxi; a mountain's name may still be read as the "
               "goods' origin"),
    "峨眉山": Text("四川的名山；山名也可能被看作产地", "Mount Emei in Sichuan; a mountain's name may still be read as the "
                "goods' origin"),
    "武夷山": Text("福建的名山；山名也可能被看作产地", "the Wuyi mountains in Fujian; a mountain's name may still be read "
                "as the goods' origin"),
    "井冈山": Text("江西的名山；山名也可能被看作产地", "the Jinggang mountains in Jiangxi; a mountain's name may still be "
                "read as the goods' origin"),
}
FAMOUS_MOUNTAINS = frozenset(("泰山", "黄山", "衡山", "庐山", "峨眉山", "武夷山", "井冈山"))

# --- patent finder vocabulary ----------------------------------------------------------------------

@dataclass(frozen=True)
class Crop:
    id: str
    name: Text
    keywords: tuple[str, ...]  # Chinese words patents use for it (first is the main one)
    ipc: tuple[str, ...] = ()  # IPC codes specific to this crop, printed form
    # IPC groups that are this crop alone (A01G 22/22 is rice cultivation): a patent classified there
    # is about the crop even when its text never names it (稻田养蟹). Only groups whose title names the
    # crop, checked in the IPC tables (../shared/reference/classifications); a shared group (A01G 17/00,
    # fruit trees) would flood the other crops' results.
    own_ipc: tuple[str, ...] = ()
    en_words: tuple[str, ...] = ()  # other English words people type for it (corn, pork), besides its name
    # Regional names people type that mean only this crop but would bring in other things if looked for in
    # patent texts (棒子: also any stick): read as the crop, not searched.
    also_called: tuple[str, ...] = ()
    # Words a GI's name ends with when the GI is for this crop (五常大米, 京西稻); default: the keywords.
    # Narrower where a keyword also ends other products' names (虾: shrimps are not crayfish).
    gi_words: tuple[str, ...] = ()
    # A group of different products (fungi: 香菇 is not 木耳). For GIs, a member word typed (香菇,
    # shiitake) means that product only; only the group's own word (食用菌, mushroom) means all of it.
    group: bool = False
    # IPC codes searched for this crop with one technique only, (technique id, code): rice seedlings are raised
    # in trays (A01G 9/029, receptacles for seedlings) where the planting technique's greenhouse and flower-pot
    # group (A01G 9/00, a `Technique.crop_ipc`) is not about rice.
    technique_ipc: tuple[tuple[str, str], ...] = ()
    # Compounds that hold one of its words but are not this crop (荞麦 buckwheat for 麦, 蚕豆 broad beans for
    # 蚕, 牛蒡 burdock for 牛, 苹果手机 a phone): a patent whose text names the crop only inside them is not
    # about it (`patent_finder.names_the_crop`).
    not_crop: tuple[str, ...] = ()

    @property
    def zh_words(self) -> tuple[str, ...]:
        """Every Chinese word for it: keywords, the parts of its name, the GI-name words."""
        return tuple(dict.fromkeys((*self.keywords, *self.name.zh.split(" / "), *self.gi_words)))

    @property
    def name_endings(self) -> tuple[str, ...]:
        """The words a GI's name ends with when it is for this crop, longest first."""
        return tuple(sorted(self.gi_words or self.zh_words, key=len, reverse=True))

    @property
    def categories(self) -> tuple[str, ...]:
        """GI categories that are this crop as a whole (茶叶 for tea), not a broader group (粮油)."""
        return tuple(dict.fromkeys((self.keywords[0], *self.name.zh.split(" / "))))


@dataclass(frozen=True)
class Technique:
    id: str
    name: Text
    ipc: tuple[str, ...]  # IPC subclasses or main groups (printed form), most specific first
    keywords: tuple[str, ...] = ()
    # Codes of the technique that are about some crops only: searched for a crop whose `ipc` or `technique_ipc`
    # lists them, or a crop outside the vocabulary (typed as it is), never shown as related to another crop
    # (A01G 9/00, cultivation in greenhouses and flower-pots, edging for flower beds: not rice in a paddy).
    crop_ipc: tuple[str, ...] = ()


# IPC codes: WIPO IPC 2024.01 as in resources/seed/classifications/ipc_agri.tsv (titles come from there).
CROPS: tuple[Crop, ...] = (
    # Everyday words for rice and its kinds (粳稻 japonica, 籼稻 indica, 杂交稻 hybrid, 糯稻/糯米 glutinous, 香米
    # fragrant, 稻种 its seed, 稻子 the plant in speech): each names rice alone. Not 秧苗 (seedlings of any crop:
    # 辣椒秧苗, 烟草秧苗), which is searched as typed.
    Crop("rice", Text("水稻 / 大米", "Rice"), ("水稻", "稻谷", "大米", "稻米", "稻田", "粳稻", "籼稻", "杂交稻", "糯稻",
                                            "糯米", "香米", "稻种", "稻子"), en_words=("paddy", "paddy field"),
         own_ipc=("A01G 22/22", "A01D 45/04"), gi_words=("大米", "稻米", "水稻", "稻谷", "稻", "丝苗米", "糯米"),
         technique_ipc=(("planting", "A01G 9/029"),)),
    Crop("wheat", Text("小麦", "Wheat"), ("小麦", "麦"), gi_words=("小麦",),
         not_crop=("荞麦", "燕麦", "大麦", "黑麦", "麦冬", "麦饭石", "麦克风")),
    # Regional names (in keywords, so that patents written with them are found too): 苞米 in the north-east,
    # 苞谷/包谷 in the south-west, 玉蜀黍 the botanical name; 棒子 (northern) is typed, not searched.
    Crop("maize", Text("玉米", "Maize"), ("玉米", "玉蜀黍", "苞米", "苞谷", "包谷"), en_words=("corn",),
         own_ipc=("A01D 45/02",), also_called=("棒子",)),
    Crop("soybean", Text("大豆", "Soybean"), ("大豆", "黄豆"), en_words=("soy", "soya", "soya bean")),
    # 洋芋 in the north-west and south-west, 山药蛋 in Shanxi and Inner Mongolia
    Crop("potato", Text("马铃薯", "Potato"), ("马铃薯", "土豆", "洋芋", "山药蛋"), ("A01D 13/00", "A01D 21/00"),
         own_ipc=("A01C 9/00", "A01D 21/00")),
    # 甘薯 the standard name, 番薯 in the south, 地瓜 in the north and east, 红苕 in Sichuan and Chongqing
    Crop("sweet_potato", Text("红薯", "Sweet potato"), ("红薯", "甘薯", "番薯", "地瓜", "红苕")),
    Crop("peanut", Text("花生", "Peanut"), ("花生", "落花生"), ("A01D 29/00",), en_words=("groundnut",),
         own_ipc=("A01D 29/00",), not_crop=("花生四烯酸",)),
    # 油茶 (Camellia oleifera) and its 茶油 and 茶籽 are an oil crop, 山茶 an ornamental, 茶树菇 a mushroom
    Crop("tea", Text("茶叶", "Tea"), ("茶叶", "茶"), ("A23F 3/00",),
         not_crop=("油茶", "茶油", "茶籽", "山茶", "茶树菇", "茶几")),
    Crop("apple", Text("苹果", "Apple"), ("苹果",), ("A01G 17/00",), not_crop=("苹果手机", "苹果公司", "苹果电脑")),
    Crop("citrus", Text("柑橘 / 脐橙", "Citrus / navel orange"), ("柑橘", "脐橙", "橙", "柑"), ("A01G 17/00",),
         en_words=("orange", "tangerine", "mandarin"), group=True, not_crop=("橙色",)),
    Crop("pear", Text("梨", "Pear"), ("梨",), ("A01G 17/00",), not_crop=("凤梨", "鳄梨", "梨形")),
    Crop("grape", Text("葡萄", "Grape"), ("葡萄",), ("A01G 17/00",), not_crop=("葡萄糖", "葡萄柚", "葡萄牙")),
    # 奇异果 its other name; 弥猴桃 a common miswriting of 猕猴桃, in patent titles too
    Crop("kiwi", Text("猕猴桃", "Kiwifruit"), ("猕猴桃", "奇异果", "弥猴桃"), ("A01G 17/00",), en_words=("kiwi fruit",)),
    Crop("jujube", Text("枣", "Jujube"), ("红枣", "枣"), ("A01G 17/00",), en_words=("red date", "chinese date"),
         not_crop=("黑枣", "沙枣", "海枣", "枣庄")),
    Crop("walnut", Text("核桃", "Walnut"), ("核桃",), ("A23N 5/00",)),
    Crop("chestnut", Text("板栗", "Chestnut"), ("板栗", "栗"), ("A23N 5/00",)),
    Crop("vegetable", Text("蔬菜", "Vegetables"), ("蔬菜",), ("A01G 9/00", "A01G 22/00"), en_words=("vegetable",)),
    Crop("chilli", Text("辣椒", "Chilli"), ("辣椒",), en_words=("chili", "chillies", "chilies", "chilli pepper"),
         technique_ipc=(("planting", "A01G 9/00"),)),  # grown under cover and raised in seedling trays
    Crop("garlic", Text("大蒜", "Garlic"), ("大蒜", "蒜")),
    Crop("mushroom", Text("食用菌 / 香菇", "Edible fungi / shiitake"), ("食用菌", "香菇", "木耳", "蘑菇"), ("A01G 18/00",),
         own_ipc=("A01G 18/00",), en_words=("mushroom", "fungi", "fungus"), group=True),
    Crop("herb", Text("中药材", "Medicinal herbs"), ("中药材", "药材"), en_words=("herb",)),
    Crop("goji", Text("枸杞", "Goji"), ("枸杞",), en_words=("goji berry", "wolfberry")),
    Crop("rapeseed", Text("油菜", "Rapeseed"), ("油菜", "菜籽"), en_words=("canola",)),
    Crop("pig", Text("生猪", "Pigs"), ("生猪", "猪"), ("A01K 1/00", "A01K 5/00"), en_words=("hog", "swine"),
         not_crop=("猪笼草", "猪苓", "猪殃殃", "猪屎豆"),
         technique_ipc=(("breeding", "A01K 67/00"),)),
    Crop("cattle", Text("牛", "Cattle"), ("牛",), ("A01K 1/00", "A01K 5/00"), en_words=("cow", "yak"),
         not_crop=("牛蒡", "蜗牛", "天牛", "牛肝菌", "牛油果", "牛至", "牛膝", "牛角椒", "牛皮纸", "牛仔", "牛顿"),
         technique_ipc=(("breeding", "A01K 67/00"),)),
    Crop("sheep", Text("羊", "Sheep and goats"), ("羊",), ("A01K 1/00", "A01K 14/00"), en_words=("sheep", "goat"),
         own_ipc=("A01K 14/00",), not_crop=("羊肚菌", "羊栖菜", "羊角椒", "羊角蜜"),
         technique_ipc=(("breeding", "A01K 67/00"),)),
    Crop("chicken", Text("鸡 / 家禽", "Chickens / poultry"), ("鸡", "家禽", "禽"), ("A01K 31/00", "A01K 41/00"), en_words=("hen",),
         own_ipc=("A01K 41/00", "A01K 43/00"),
         not_crop=("鸡冠花", "鸡枞", "鸡腿菇", "鸡油菌", "鸡血藤", "鸡蛋花", "鸡头米"),
         technique_ipc=(("breeding", "A01K 67/00"),)),
    Crop("fish", Text("鱼 / 水产养殖", "Fish / aquaculture"), ("鱼", "水产"), ("A01K 61/00", "A01K 63/00"), group=True,
         not_crop=("鱼腥草", "木鱼"),
         technique_ipc=(("breeding", "A01K 67/00"),)),
    Crop("crayfish", Text("小龙虾", "Crayfish"), ("小龙虾", "虾"), ("A01K 61/00",), gi_words=("小龙虾", "龙虾"),
         technique_ipc=(("breeding", "A01K 67/00"),)),
    Crop("bee", Text("蜜蜂 / 蜂蜜", "Bees / honey"), ("蜜蜂", "蜂蜜", "蜂"), ("A01K 47/00", "A01K 59/00"), en_words=("bee",),
         not_crop=("蜂鸣器", "蜂窝煤", "蜂窝状", "胡蜂", "马蜂"),
         technique_ipc=(("breeding", "A01K 67/00"),)),
    Crop("silkworm", Text("蚕桑", "Silkworms"), ("蚕", "桑"), ("A01K 67/00",), en_words=("silk", "mulberry"),
         not_crop=("蚕豆", "桑拿")),
)

TECHNIQUES: tuple[Technique, ...] = (
    Technique("planting", Text("种植、播种", "Planting and sowing"), ("A01C", "A01G 22/00"),
              ("种植", "播种", "栽培"), crop_ipc=("A01G 9/00",)),
    Technique("fertilising", Text("施肥、肥料", "Fertilising"), ("A01C 21/00", "C05"), ("施肥", "肥料")),
    Technique("pest_control", Text("病虫害防治", "Pest and disease control"), ("A01M", "A01N", "A01G 13/00"),
              ("防治", "杀虫", "病虫害")),
    Technique("irrigation", Text("灌溉、浇水", "Irrigation"), ("A01G 25/00", "A01G 27/00", "A01G 29/00"), ("灌溉",)),
    Technique("harvesting", Text("收获、采摘", "Harvesting"), ("A01D",), ("收获", "采摘", "收割")),
    Technique("storage", Text("储藏、保鲜", "Storage and keeping fresh"), ("A01F 25/00", "A23B"), ("储藏", "保鲜", "贮藏")),
    # B02B: preparing grain for milling (husking, polishing: rice milling); outside the seed's IPC
    # subset, so it has no heading to show (cited as such in the IPC table, under A23N 12/00).
    Technique("processing", Text("加工", "Processing"), ("A23L", "A23N", "A23F", "A23B", "A01F", "B02B"), ("加工",)),
    Technique("machinery", Text("农机具", "Machinery and tools"), ("A01B", "A01C", "A01D", "A01F"), ("装置", "机")),
    # A01K 67/00 (new breeds of animals) for animals only: not a related class of rice breeding
    Technique("breeding", Text("育种、良种", "Breeding new varieties"), ("A01H",), ("育种", "品种"),
              crop_ipc=("A01K 67/00",)),
    Technique("husbandry", Text("养殖、饲养", "Animal keeping"), ("A01K", "A23K"), ("养殖", "饲养")),
    Technique("feed", Text("饲料", "Animal feed"), ("A23K", "A23N 17/00"), ("饲料",)),
)

CROPS_BY_ID = {c.id: c for c in CROPS}

# Headings of the IPC subgroups the vocabulary searches (the seed's IPC table holds classes and main groups
# only), from the IPC 2024.01 tables in ../shared/reference/classifications: the subgroup's title after its
# main group's (A01D 45/04 is "of rice", under "harvesting of standing crops").
IPC_SUBGROUP_TITLES: dict[str, Text] = {
    "A01G 22/22": Text("未提及的特殊农作物或植物的栽培：水稻",
                       "Cultivation of specific crops or plants not otherwise provided for: rice"),
    "A01D 45/02": Text("生长作物的收获：玉米的", "Harvesting of standing crops: of maize"),
    "A01D 45/04": Text("生长作物的收获：水稻的", "Harvesting of standing crops: of rice"),
    "A01G 9/029": Text("在容器、促成温床或温室中栽培：秧苗容器",
                       "Cultivation in receptacles, forcing-frames or greenhouses: receptacles for seedlings"),
}


def english_singular(words: str) -> str:
    """'Red Dates' → 'red date', 'potatoes' → 'potato', 'cherries' → 'cherry' (crude, the same on
    both sides of a lookup: enough to find a crop's English word in the plural)."""
    out = []
    for w in words.lower().split():
        if len(w) > 4 and w.endswith("ies"):
            w = w[:-3] + "y"
        elif len(w) > 4 and w.endswith(("oes", "ches", "shes", "xes")):
            w = w[:-2]
        elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us")):
            w = w[:-1]
        out.append(w)
    return " ".join(out)


def _crop_words() -> dict[str, Crop]:
    words: dict[str, Crop] = {}
    for crop in CROPS:
        for w in (*crop.zh_words, *crop.also_called):
            words.setdefault(w, crop)
    for crop in CROPS:  # English: the id, the parts of the name (Citrus / navel orange), the other words
        for w in (crop.id, *crop.name.en.split(" / "), *crop.en_words):
            words.setdefault(english_singular(w), crop)
    return words


CROP_WORDS: dict[str, Crop] = _crop_words()


@lru_cache(maxsize=2)
def pinyin_crop_words(min_chars: int = 2) -> dict[str, Crop]:
    """The Chinese crop words of at least `min_chars` characters in toneless pinyin (大米 → dami, 水稻
    → shuidao; ü as v and as u; the first crop keeps a reading). Built on first use: pypinyin's tables
    load only when pinyin is typed. A product named in a sentence wants two characters (mi, cha read as
    too many characters); a pick among crops may take one (cha → tea in the patent finder)."""
    from ipdesk.domain.text import syllables_of

    words: dict[str, Crop] = {}
    for crop in CROPS:
        for w in crop.zh_words:
            syllables = syllables_of(w)
            if len(w) >= min_chars and len(syllables) == len(w):
                joined = "".join(syllables)
                for form in (joined, joined.replace("v", "u")):
                    words.setdefault(form, crop)
    return words


def crop_named(word: str) -> Crop | None:
    """The crop a word or phrase means exactly, in Chinese, English or pinyin: 稻米, 水稻, rice, Rice,
    apples, navel oranges, dami, Da Mi, shuǐdào (folded, simplified Chinese; none for a longer product
    name such as 五常大米), or a Chinese word read like one of its words (水到 for 水稻: `crop_sounding_like`)."""
    w = " ".join(word.split())
    if not w:
        return None
    found = CROP_WORDS.get(w) or CROP_WORDS.get(english_singular(w))
    if found is None:
        from ipdesk.domain.text import has_cjk, strip_tones

        letters = "" if has_cjk(w) else "".join(ch for ch in strip_tones(w).lower() if ch.isalpha())
        if letters and letters.isascii():
            found = pinyin_crop_words().get(letters)
        elif has_cjk(w):
            sounded = crop_sounding_like(w)
            found = sounded[1] if sounded is not None else None
    return found


@lru_cache(maxsize=1)
def _crop_words_by_sound() -> dict[str, tuple[str, Crop]]:
    """The Chinese crop words of two characters or more by their toneless pinyin (水稻 → shuidao)."""
    from ipdesk.domain.text import syllables_of

    words: dict[str, tuple[str, Crop]] = {}
    for crop in CROPS:
        for w in (*crop.zh_words, *crop.also_called):
            syllables = syllables_of(w)
            if len(w) >= 2 and len(syllables) == len(w):
                words.setdefault("".join(syllables), (w, crop))
    return words


def crop_sounding_like(word: str) -> tuple[str, Crop] | None:
    """The crop word (and its crop) that a Chinese word of 2-4 characters is read like, character for
    character: 水到 → 水稻 (an input method's homophone; shuidao already finds it). None for one character
    (到 is read like too many words) or a word that is a crop word itself."""
    from ipdesk.domain.text import is_cjk, readings

    w = word.replace(" ", "")
    if not 2 <= len(w) <= 4 or not all(is_cjk(ch) for ch in w) or w in CROP_WORDS:
        return None
    by_sound = _crop_words_by_sound()
    for reading in readings(w):
        found = by_sound.get(reading)
        if found is not None and len(found[0]) == len(w):
            return found
    return None


TECHNIQUES_BY_ID = {t.id: t for t in TECHNIQUES}
TECHNIQUE_NAMES: dict[str, Text] = {t.id: t.name for t in TECHNIQUES}


def _technique_words() -> dict[str, str]:
    """种植 and 播种 (the parts of 种植、播种), sowing (of 'Planting and sowing'), 栽培 (a keyword)."""
    words: dict[str, str] = {}
    for t in TECHNIQUES:
        for w in (*t.name.zh.split("、"), *t.name.en.lower().split(" and "), *(k for k in t.keywords if len(k) >= 2)):
            words.setdefault(w.strip(), t.id)
    return words


TECHNIQUE_WORDS: dict[str, str] = _technique_words()


def technique_id(typed: str) -> str | None:
    """The technique a typed answer means: an id (planting), its name in either language (种植、播种,
    Planting and sowing) or a part of it (种植, sowing); None when unknown."""
    return _choice_id(typed, TECHNIQUE_NAMES, TECHNIQUE_WORDS)

PATENT_KIND_NOTES: dict[str, Text] = {
    "invention": Text(
        "发明专利：保护产品或方法，经实质审查后授权，保护期20年（自申请日起），可能因期限补偿而延长（专利法第四十二条第二、三款）。",
        "Invention patent: protects a product or a method, granted after substantive examination, lasts 20 years "
        "from filing; term compensation may extend it (Patent Law, Art. 42(2) and (3)).",
    ),
    "utility": Text(
        "实用新型专利：只保护产品的形状、构造，不经实质审查，保护期10年（自申请日起），不能延长。",
        "Utility-model patent: protects only a product's shape or structure, granted without substantive "
        "examination, lasts 10 years from filing, never longer.",
    ),
    "design": Text(
        "外观设计专利：保护产品的外观（形状、图案、色彩），不经实质审查，保护期15年（自申请日起；2021年6月1日前申请的为10年），不能延长。",
        "Design patent: protects a product's appearance (shape, pattern, colour), granted without substantive "
        "examination, lasts 15 years from filing (10 years if filed before 1 June 2021), never longer.",
    ),
}


# English words for one member of a group crop (the others mean the group as a whole).
GROUP_MEMBER_EN = {"shiitake": "香菇", "wood ear": "木耳", "orange": "橙", "navel orange": "脐橙",
                   "tangerine": "柑", "mandarin": "柑"}


def goods_english(word: str) -> tuple[str, ...]:
    """English names of one Chinese goods word of GENERIC_GOODS: from the crop table where it names it
    (大米 → rice, paddy; 蜂蜜 → honey, the part of 'Bees / honey' beside 蜂蜜 in '蜜蜂 / 蜂蜜'; 脐橙 →
    navel orange, the group member; 柑橘 → citrus, the group's own word), then the hand-written ones."""
    derived: list[str] = [en for en, zh in GROUP_MEMBER_EN.items() if zh == word]
    crop = crop_named(word)
    if crop and not derived:
        zh_parts, en_parts = crop.name.zh.split(" / "), crop.name.en.split(" / ")
        if len(zh_parts) == len(en_parts) > 1 and word in zh_parts:
            derived.append(en_parts[zh_parts.index(word)])  # 蜂蜜 is honey, not bees
        elif crop.group:
            if word == crop.keywords[0]:
                derived.append(en_parts[0])  # the group as a whole (柑橘 → citrus)
        else:
            derived += [crop.id, *en_parts, *crop.en_words]
    return tuple(dict.fromkeys(w.lower() for w in (*derived, *GENERIC_GOODS_EN.get(word, ()))))
