"""Display names for codes the data uses (record kinds, GI kinds, statuses, levels), translated
through Qt (context "labels"). Unknown codes are shown as they are: they are record data."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def _tr(text: str) -> str:
    return QCoreApplication.translate("labels", text)


def kind_name(kind: str) -> str:
    names = {
        "gi": _tr("地理标志"), "patent": _tr("专利"), "trademark": _tr("商标"), "place": _tr("地方"),
        "class": _tr("分类"),
    }
    return names.get(kind, kind)


def gi_kind_name(kind: str) -> str:
    names = {
        "gi_product": _tr("地理标志产品"), "gi_certification_mark": _tr("地理标志证明商标"),
        "gi_collective_mark": _tr("地理标志集体商标"), "agi": _tr("农产品地理标志"),
    }
    return names.get(kind, kind)


def status_name(status: str) -> str:
    names = {
        "protected": _tr("受保护"), "in_force": _tr("有效"), "pending": _tr("审查中"), "expired": _tr("期满失效"),
        "lapsed": _tr("未缴年费终止"), "registered": _tr("已注册"), "invalid": _tr("无效"),
        "revoked": _tr("已撤销"), "cancelled": _tr("已注销"), "withdrawn": _tr("已撤回"), "rejected": _tr("已驳回"),
        "granted": _tr("已授权"),
    }
    return names.get(status, status)


STATUS_CODES = ("protected", "in_force", "pending", "granted", "registered", "expired", "lapsed", "invalid",
                "revoked", "cancelled", "withdrawn", "rejected")


def level_name(level: int) -> str:
    names = {1: _tr("省级"), 2: _tr("地级"), 3: _tr("县级"), 4: _tr("乡级")}
    return names.get(level, str(level))


def patent_kind_name(kind: str) -> str:
    names = {"invention": _tr("发明"), "utility": _tr("实用新型"), "design": _tr("外观设计")}
    return names.get(kind, kind)


def trademark_kind_name(kind: str) -> str:
    names = {"ordinary": _tr("普通商标"), "collective": _tr("集体商标"), "certification": _tr("证明商标")}
    return names.get(kind, kind)


def scheme_name(scheme: str) -> str:
    names = {"ipc": _tr("国际专利分类"), "nice": _tr("尼斯分类"), "group": _tr("类似群")}
    return names.get(scheme, scheme)


def match_name(matched: str) -> str:
    names = {
        "name": _tr("名称"), "place": _tr("地名"), "key": _tr("拼音/编号"), "area": _tr("所在地"),
        "text": _tr("其他字段"), "fuzzy": _tr("近似拼写"),
    }
    return names.get(matched, matched)


def relation_name(relation: str) -> str:
    names = {"covers": _tr("覆盖此地"), "inside": _tr("在此地以内"), "located": _tr("位于此地"),
             "named": _tr("文字提及此地")}
    return names.get(relation, relation)
