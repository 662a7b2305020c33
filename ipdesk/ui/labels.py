"""Display names for codes the data uses (record kinds, GI kinds, statuses, levels), translated
through Qt (context "labels"). Unknown codes are shown as they are: they are record data."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from ipdesk.domain.i18n import dataset_label as domain_dataset_label
from ipdesk.domain.i18n import gi_category_name as domain_gi_category_name
from ipdesk.domain.i18n import status_name as domain_status_name


def kind_name(kind: str) -> str:
    names = {
        "gi": QCoreApplication.translate("labels", "地理标志"),
        "patent": QCoreApplication.translate("labels", "专利"),
        "trademark": QCoreApplication.translate("labels", "商标"),
        "place": QCoreApplication.translate("labels", "地方"),
        "class": QCoreApplication.translate("labels", "分类"),
    }
    return names.get(kind, kind)


def gi_kind_name(kind: str) -> str:
    names = {
        "gi_product": QCoreApplication.translate("labels", "地理标志产品"),
        "gi_certification_mark": QCoreApplication.translate("labels", "地理标志证明商标"),
        "gi_collective_mark": QCoreApplication.translate("labels", "地理标志集体商标"),
        "agi": QCoreApplication.translate("labels", "农产品地理标志"),
    }
    return names.get(kind, kind)


def window_language() -> str:
    """`install_translators` sets the default locale with the language."""
    return "en" if QLocale().language() == QLocale.Language.English else "zh_CN"


def status_name(status: str) -> str:
    """The same words as the reports and wizard results use (`domain.i18n.STATUS_NAMES`)."""
    return domain_status_name(status)(window_language())


def dataset_name(name: str) -> str:
    return domain_dataset_label(name, window_language())


def gi_category_name(category: str) -> str:
    return domain_gi_category_name(category, window_language())


STATUS_CODES = (
    "protected",
    "in_force",
    "pending",
    "granted",
    "registered",
    "expired",
    "lapsed",
    "invalid",
    "revoked",
    "cancelled",
    "withdrawn",
    "rejected",
    "abandoned",  # 视为放弃: an application given up (the importers read it so)
)


def level_name(level: int) -> str:
    names = {
        1: QCoreApplication.translate("labels", "省级"),
        2: QCoreApplication.translate("labels", "地级"),
        3: QCoreApplication.translate("labels", "县级"),
        4: QCoreApplication.translate("labels", "乡级"),
    }
    return names.get(level, str(level))


def patent_kind_name(kind: str) -> str:
    names = {
        "invention": QCoreApplication.translate("labels", "发明"),
        "utility": QCoreApplication.translate("labels", "实用新型"),
        "design": QCoreApplication.translate("labels", "外观设计"),
    }
    return names.get(kind, kind)


def trademark_kind_name(kind: str) -> str:
    names = {
        "ordinary": QCoreApplication.translate("labels", "普通商标"),
        "collective": QCoreApplication.translate("labels", "集体商标"),
        "certification": QCoreApplication.translate("labels", "证明商标"),
    }
    return names.get(kind, kind)


def scheme_name(scheme: str) -> str:
    names = {
        "ipc": QCoreApplication.translate("labels", "国际专利分类"),
        "nice": QCoreApplication.translate("labels", "尼斯分类"),
        "group": QCoreApplication.translate("labels", "类似群"),
    }
    return names.get(scheme, scheme)


def match_name(matched: str) -> str:
    names = {
        "name": QCoreApplication.translate("labels", "名称"),
        "place": QCoreApplication.translate("labels", "地名"),
        "key": QCoreApplication.translate("labels", "拼音/编号"),
        "area": QCoreApplication.translate("labels", "所在地"),
        "text": QCoreApplication.translate("labels", "其他字段"),
        "fuzzy": QCoreApplication.translate("labels", "近似拼写"),
        "within": QCoreApplication.translate("labels", "位于所查地方"),
        "category": QCoreApplication.translate("labels", "类别"),
        "english": QCoreApplication.translate("labels", "英文名称"),
        "area_name": QCoreApplication.translate("labels", "所在地和名称"),
        "area_category": QCoreApplication.translate("labels", "所在地和类别"),
        "product_word": QCoreApplication.translate("labels", "英文产品词"),
        "in_query": QCoreApplication.translate("labels", "名称在查询词中"),
    }
    return names.get(matched, matched)


def relation_name(relation: str) -> str:
    names = {
        "covers": QCoreApplication.translate("labels", "覆盖此地"),
        "inside": QCoreApplication.translate("labels", "在此地以内"),
        "located": QCoreApplication.translate("labels", "位于此地"),
        "named": QCoreApplication.translate("labels", "文字提及此地"),
    }
    return names.get(relation, relation)
