"""The offline store: SQLAlchemy 2.0 typed models.

Registry data (divisions, GIs, patents, trademarks, classifications) is replaced by data updates;
local-only records (service record, saved searches, report archive) belong to the centre, live in
a database file of their own (`LocalBase`, db.LOCAL_DB_FILENAME) and are never touched by an update.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Provenance:
    """Where a registry record came from and as of when: reports print it."""

    dataset: Mapped[str] = mapped_column(String(40), index=True)
    source: Mapped[str] = mapped_column(Text, default="")
    as_of: Mapped[dt.date | None] = mapped_column(Date, nullable=True)


class Division(Base):
    __tablename__ = "division"

    code: Mapped[str] = mapped_column(String(12), primary_key=True)
    name: Mapped[str] = mapped_column(String(80), index=True)
    level: Mapped[int] = mapped_column(Integer)  # 1 province, 2 prefecture, 3 county, 4 township
    parent_code: Mapped[str | None] = mapped_column(ForeignKey("division.code"), nullable=True, index=True)
    former_names: Mapped[str] = mapped_column(Text, default="")  # '|'-separated
    dataset: Mapped[str] = mapped_column(String(40), default="divisions")


GI_KINDS = ("gi_product", "gi_certification_mark", "gi_collective_mark", "agi")


class GeoIndication(Provenance, Base):
    __tablename__ = "geo_indication"
    __table_args__ = (UniqueConstraint("kind", "name", name="uq_gi_kind_name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(30), index=True)
    name: Mapped[str] = mapped_column(String(120), index=True)
    name_en: Mapped[str] = mapped_column(String(200), default="")
    category: Mapped[str] = mapped_column(String(40), default="")
    holder: Mapped[str] = mapped_column(Text, default="")
    announcement_no: Mapped[str] = mapped_column(String(80), default="")
    tm_reg_no: Mapped[str] = mapped_column(String(40), default="")
    agi_no: Mapped[str] = mapped_column(String(20), default="")
    registered_on: Mapped[str] = mapped_column(String(10), default="")  # YYYY, YYYY-MM or YYYY-MM-DD as known
    area_text: Mapped[str] = mapped_column(Text, default="")
    standard: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(30), default="protected")
    note: Mapped[str] = mapped_column(Text, default="")

    areas: Mapped[list[GiArea]] = relationship(
        back_populates="gi", cascade="all, delete-orphan", order_by="GiArea.division_code"
    )


class GiArea(Base):
    """One division of a GI's protected area (county level at least, township where known)."""

    __tablename__ = "gi_area"

    gi_id: Mapped[int] = mapped_column(ForeignKey("geo_indication.id", ondelete="CASCADE"), primary_key=True)
    division_code: Mapped[str] = mapped_column(ForeignKey("division.code"), primary_key=True, index=True)
    gi: Mapped[GeoIndication] = relationship(back_populates="areas")


class Patent(Provenance, Base):
    __tablename__ = "patent"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pub_no: Mapped[str] = mapped_column(String(40), unique=True)  # 'CN102015000481495A'
    app_no: Mapped[str] = mapped_column(String(40), default="", index=True)
    kind: Mapped[str] = mapped_column(String(12), default="invention")  # invention | utility | design
    title: Mapped[str] = mapped_column(Text)
    abstract: Mapped[str] = mapped_column(Text, default="")
    applicants: Mapped[str] = mapped_column(Text, default="")  # '; '-separated
    inventors: Mapped[str] = mapped_column(Text, default="")
    address: Mapped[str] = mapped_column(Text, default="")
    region_code: Mapped[str] = mapped_column(String(12), default="", index=True)
    ipc_codes: Mapped[str] = mapped_column(Text, default="")  # space-separated 14-char symbols, main first
    priority: Mapped[str] = mapped_column(Text, default="")
    filing_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    pub_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    grant_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    legal_status: Mapped[str] = mapped_column(String(20), default="")  # pending | in_force | expired | lapsed | ...
    expiry_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)


class Trademark(Provenance, Base):
    __tablename__ = "trademark"
    __table_args__ = (Index("ix_trademark_class", "nice_class"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reg_no: Mapped[str] = mapped_column(String(20), index=True)
    mark_text: Mapped[str] = mapped_column(Text)
    nice_class: Mapped[int] = mapped_column(Integer)
    similar_groups: Mapped[str] = mapped_column(Text, default="")  # space-separated 类似群 codes
    goods: Mapped[str] = mapped_column(Text, default="")
    owner: Mapped[str] = mapped_column(Text, default="")
    owner_address: Mapped[str] = mapped_column(Text, default="")
    region_code: Mapped[str] = mapped_column(String(12), default="", index=True)
    kind: Mapped[str] = mapped_column(String(20), default="ordinary")  # ordinary | collective | certification
    status: Mapped[str] = mapped_column(String(20), default="")
    filing_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    reg_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    expiry_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)


class ClassNode(Base):
    """A node of a classification scheme: IPC (section … main group), Nice class, 类似群."""

    __tablename__ = "class_node"
    __table_args__ = (UniqueConstraint("scheme", "code", name="uq_class_scheme_code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scheme: Mapped[str] = mapped_column(String(10))  # ipc | nice | group
    code: Mapped[str] = mapped_column(String(20))  # IPC in 14-char form for groups; '30'; '3001'
    level: Mapped[str] = mapped_column(String(20))
    parent_code: Mapped[str] = mapped_column(String(20), default="")
    title_zh: Mapped[str] = mapped_column(Text, default="")
    title_en: Mapped[str] = mapped_column(Text, default="")
    dataset: Mapped[str] = mapped_column(String(40), default="classifications")
    source: Mapped[str] = mapped_column(Text, default="")


class Dataset(Base):
    """One dataset's version and provenance: what reports cite and sync compares."""

    __tablename__ = "dataset"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    as_of: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    origin: Mapped[str] = mapped_column(String(20), default="seed")  # seed | import | sync
    source: Mapped[str] = mapped_column(Text, default="")
    edition: Mapped[str] = mapped_column(Text, default="")
    record_count: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)  # naive UTC: dataset_time


def dataset_time(moment: dt.datetime | None = None) -> dt.datetime:
    """`Dataset.updated_at` as stored: UTC without an offset, to the second, as sync's apply always
    wrote it (the DateTime column keeps no offset). `moment` (default now): an aware time, or a naive
    one taken as this computer's local time. Imports and the seed build wrote local time until
    migration 0006, which converted what they had stored."""
    moment = moment or dt.datetime.now(dt.UTC)
    return moment.astimezone(dt.UTC).replace(tzinfo=None, microsecond=0)


def dataset_time_shown(stored: dt.datetime) -> dt.datetime:
    """A stored `Dataset.updated_at` (naive UTC) in this computer's local time, for showing."""
    return stored.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)


# --- local-only records: in the local store (a file of their own), which data updates never open

class LocalBase(DeclarativeBase):
    """The local store's tables. A data update holds the registry file's write lock for as long as
    its apply takes (a minute for a million records); logging a visit or archiving a report then
    must neither wait nor fail, and these records cannot be rebuilt from the seed if the big,
    often rewritten registry file is ever damaged."""


LOCAL_TABLES = ("service_record", "saved_search", "report_archive")


class ServiceRecord(LocalBase):
    """One entry of the service record (服务台账)."""

    __tablename__ = "service_record"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    staff: Mapped[str] = mapped_column(String(80), default="")
    client: Mapped[str] = mapped_column(String(200), default="")
    purpose: Mapped[str] = mapped_column(Text, default="")  # a standard purpose where there is one
    outcome: Mapped[str] = mapped_column(Text, default="")
    report_id: Mapped[int | None] = mapped_column(ForeignKey("report_archive.id"), nullable=True)
    # what was asked and answered (a wizard's questions); added after the first local stores
    detail: Mapped[str] = mapped_column(Text, default="", server_default="")


class DeletedEntry(LocalBase):
    """A service-record entry deleted at its client's request (个人信息保护法 Art. 47; a tombstone):
    no personal data, only what recognises the same entry in an older copy of the store (a backup:
    an id alone may be given again to a later entry), so that a restore of a backup made before the
    deletion deletes it again (services.backup). Added after the first local stores (made at open,
    as any local table missing: db._create_local_schema); an older ipdesk ignores it."""

    __tablename__ = "deleted_entry"

    entry_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, primary_key=True)  # the entry's
    deleted_at: Mapped[dt.datetime] = mapped_column(DateTime)


class SavedSearch(LocalBase):
    __tablename__ = "saved_search"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    query: Mapped[str] = mapped_column(Text)
    filters_json: Mapped[str] = mapped_column(Text, default="{}")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class ReportArchive(LocalBase):
    __tablename__ = "report_archive"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    report_no: Mapped[str] = mapped_column(String(40), default="")
    title: Mapped[str] = mapped_column(Text, default="")
    format: Mapped[str] = mapped_column(String(10))
    path: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), default="")
    meta_json: Mapped[str] = mapped_column(Text, default="{}")
