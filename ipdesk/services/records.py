"""Full records for the detail views: one GI, patent, trademark or classification node with what
a person needs to read it (area names, IPC titles from the scheme, class titles, provenance).

Plain frozen dataclasses leave this module, so the UI never touches a Session or SQL.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ipdesk.domain.codes import format_ipc, ipc_main_group, ipc_subclass, is_locarno
from ipdesk.domain.gi_eligibility import area_precision
from ipdesk.domain.i18n import Text
from ipdesk.domain.patent_finder import PatentRecord, doubt_reason, standing_reason
from ipdesk.services.db import Database
from ipdesk.services.models import ClassNode, Dataset, Division, GeoIndication, GiArea, Patent, Trademark

log = logging.getLogger("ipdesk.records")


@dataclass(frozen=True)
class Provenance:
    dataset: str
    source: str
    as_of: str
    dataset_version: int


@dataclass(frozen=True)
class AreaPlace:
    code: str
    name: str
    path: str  # ancestors' names, province first


@dataclass(frozen=True)
class GiDetail:
    id: int
    kind: str
    name: str
    name_en: str
    category: str
    holder: str
    announcement_no: str
    tm_reg_no: str
    agi_no: str
    registered_on: str
    area_text: str
    areas: tuple[AreaPlace, ...]
    standard: str
    status: str
    note: str
    provenance: Provenance
    # the data record the area only roughly (by a whole county, inferred from the name …: the note says so,
    # gi_eligibility.area_precision): the divisions listed may hold more than the area
    area_rough: bool = False


def patent_record(p: Patent) -> PatentRecord:
    """A stored patent as the patent finder judges it (its status, its term, whether it is a right in
    China at all): one reading for the finder, the record's page and the reports."""
    return PatentRecord(
        id=p.id, pub_no=p.pub_no, title=p.title, kind=p.kind, legal_status=p.legal_status, applicants=p.applicants,
        ipc_codes=tuple(p.ipc_codes.split()), filing_date=p.filing_date, expiry_date=p.expiry_date,
        grant_date=p.grant_date, app_no=p.app_no or "", as_of=p.as_of,
    )


@dataclass(frozen=True)
class ClassTitle:
    code: str  # display form: 'A01G 9/00', '30', '3001'
    title_zh: str
    title_en: str


@dataclass(frozen=True)
class PatentDetail:
    id: int
    pub_no: str
    app_no: str
    kind: str
    title: str
    abstract: str
    applicants: tuple[str, ...]
    inventors: tuple[str, ...]
    address: str
    region_code: str
    ipc: tuple[ClassTitle, ...]  # an invention's or utility model's IPC symbols, main first
    filing_date: str
    pub_date: str
    grant_date: str
    expiry_date: str
    legal_status: str
    expired: bool
    provenance: Provenance
    # why the legal status contradicts the record's own dates or is not final (patent_finder.doubt_reason), or None
    status_doubt: Text | None = None
    # a design's Locarno classes (09-05), kept in the same column as IPC symbols (codes.is_locarno)
    locarno: tuple[ClassTitle, ...] = ()
    # why it is no right in China whatever its status (foreign, or never granted: patent_finder.standing_reason)
    standing: Text | None = None


@dataclass(frozen=True)
class TrademarkDetail:
    id: int
    reg_no: str
    mark_text: str
    nice_class: ClassTitle
    similar_groups: tuple[ClassTitle, ...]
    goods: str
    owner: str
    owner_address: str
    region_code: str
    kind: str
    status: str
    filing_date: str
    reg_date: str
    expiry_date: str
    expired: bool
    provenance: Provenance


@dataclass(frozen=True)
class ClassDetail:
    id: int
    scheme: str
    code: str
    display: str
    level: str
    title_zh: str
    title_en: str
    parents: tuple[ClassTitle, ...]  # top first
    children: tuple[ClassTitle, ...]
    source: str
    child_ids: tuple[int, ...] = ()  # class_node ids of `children`, same order


def _iso(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def _split(value: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in value.replace("；", ";").split(";") if x.strip())


class RecordService:
    """Reads single records for display; safe from any thread (one session per call)."""

    def __init__(self, db: Database, today: dt.date | None = None) -> None:
        self._db = db
        self._today = today

    def _provenance(self, s: Session, dataset: str, source: str, as_of: dt.date | None) -> Provenance:
        ds = s.get(Dataset, dataset)
        version = ds.version if ds else 0
        return Provenance(dataset, source, _iso(as_of or (ds.as_of if ds else None)), version)

    def _path(self, s: Session, code: str) -> str:
        names: list[str] = []
        current = s.get(Division, code)
        parent = current.parent_code if current else None
        while parent:
            node = s.get(Division, parent)
            if node is None:
                break
            names.append(node.name)
            parent = node.parent_code
        return " ".join(reversed(names))

    def gi(self, gi_id: int) -> GiDetail | None:
        with self._db.session() as s:
            g = s.get(GeoIndication, gi_id)
            if g is None:
                return None
            areas = []
            for area in s.scalars(select(GiArea).where(GiArea.gi_id == gi_id).order_by(GiArea.division_code)):
                div = s.get(Division, area.division_code)
                areas.append(AreaPlace(area.division_code, div.name if div else area.division_code,
                                       self._path(s, area.division_code)))
            return GiDetail(
                id=g.id, kind=g.kind, name=g.name, name_en=g.name_en, category=g.category, holder=g.holder,
                announcement_no=g.announcement_no, tm_reg_no=g.tm_reg_no, agi_no=g.agi_no,
                registered_on=g.registered_on, area_text=g.area_text, areas=tuple(areas), standard=g.standard,
                status=g.status, note=g.note, provenance=self._provenance(s, g.dataset, g.source, g.as_of),
                area_rough=area_precision(g.note, [a.code for a in areas], g.area_text).rough,
            )

    def _class_title(self, s: Session, scheme: str, code: str) -> ClassTitle:
        node = s.scalar(select(ClassNode).where(ClassNode.scheme == scheme, ClassNode.code == code))
        display = format_ipc(code) if scheme == "ipc" else code
        return ClassTitle(display, node.title_zh if node else "", node.title_en if node else "")

    def _ipc_title(self, s: Session, code: str) -> ClassTitle:
        """The symbol's own title when the scheme has it, else its main group's, else its subclass's."""
        for candidate in (code, ipc_main_group(code), ipc_subclass(code)):
            t = self._class_title(s, "ipc", candidate)
            if t.title_zh or t.title_en:
                return ClassTitle(format_ipc(code), t.title_zh, t.title_en)
        return ClassTitle(format_ipc(code), "", "")

    def patent(self, patent_id: int) -> PatentDetail | None:
        with self._db.session() as s:
            p = s.get(Patent, patent_id)
            if p is None:
                return None
            today = self._today or dt.date.today()
            expired = p.legal_status in ("expired", "lapsed") or bool(p.expiry_date and p.expiry_date < today)
            record = patent_record(p)
            doubt = doubt_reason(record, today)
            return PatentDetail(
                id=p.id, pub_no=p.pub_no, app_no=p.app_no, kind=p.kind, title=p.title, abstract=p.abstract,
                applicants=_split(p.applicants), inventors=_split(p.inventors), address=p.address,
                region_code=p.region_code,
                ipc=tuple(self._ipc_title(s, c) for c in p.ipc_codes.split() if not is_locarno(c)),
                locarno=tuple(ClassTitle(c, "", "") for c in p.ipc_codes.split() if is_locarno(c)),
                filing_date=_iso(p.filing_date), pub_date=_iso(p.pub_date), grant_date=_iso(p.grant_date),
                expiry_date=_iso(p.expiry_date), legal_status=p.legal_status, expired=expired and doubt is None,
                provenance=self._provenance(s, p.dataset, p.source, p.as_of), status_doubt=doubt,
                standing=standing_reason(record),
            )

    def trademark(self, trademark_id: int) -> TrademarkDetail | None:
        with self._db.session() as s:
            t = s.get(Trademark, trademark_id)
            if t is None:
                return None
            today = self._today or dt.date.today()
            return TrademarkDetail(
                id=t.id, reg_no=t.reg_no, mark_text=t.mark_text,
                nice_class=self._class_title(s, "nice", str(t.nice_class)),
                similar_groups=tuple(self._class_title(s, "group", g) for g in t.similar_groups.split()),
                goods=t.goods, owner=t.owner, owner_address=t.owner_address, region_code=t.region_code,
                kind=t.kind, status=t.status, filing_date=_iso(t.filing_date), reg_date=_iso(t.reg_date),
                expiry_date=_iso(t.expiry_date), expired=bool(t.expiry_date and t.expiry_date < today),
                provenance=self._provenance(s, t.dataset, t.source, t.as_of),
            )

    def class_node(self, node_id: int) -> ClassDetail | None:
        with self._db.session() as s:
            c = s.get(ClassNode, node_id)
            if c is None:
                return None
            parents: list[ClassTitle] = []
            parent_code = c.parent_code
            while parent_code:
                node = s.scalar(select(ClassNode).where(ClassNode.scheme == c.scheme, ClassNode.code == parent_code))
                if node is None:
                    break
                parents.append(self._class_title(s, c.scheme, node.code))
                parent_code = node.parent_code
            if c.scheme == "group" and not parents and len(c.code) == 4:
                parents.append(self._class_title(s, "nice", str(int(c.code[:2]))))
            child_nodes = list(s.scalars(select(ClassNode).where(
                ClassNode.scheme == c.scheme, ClassNode.parent_code == c.code).order_by(ClassNode.code)))
            children = tuple(
                ClassTitle(format_ipc(n.code) if n.scheme == "ipc" else n.code, n.title_zh, n.title_en)
                for n in child_nodes
            )
            return ClassDetail(
                id=c.id, scheme=c.scheme, code=c.code, display=format_ipc(c.code) if c.scheme == "ipc" else c.code,
                level=c.level, title_zh=c.title_zh, title_en=c.title_en, parents=tuple(reversed(parents)),
                children=children, source=c.source, child_ids=tuple(n.id for n in child_nodes),
            )

    def class_id(self, scheme: str, code: str) -> int | None:
        with self._db.session() as s:
            return s.scalar(select(ClassNode.id).where(ClassNode.scheme == scheme, ClassNode.code == code))
