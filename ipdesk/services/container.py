"""The services one running ipdesk uses, built once by the composition root and passed down."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from ipdesk.services.db import Database, open_database, schema_revision
from ipdesk.services.logfiles import logs_dir
from ipdesk.services.models import (
    ClassNode,
    Dataset,
    Division,
    GeoIndication,
    GiArea,
    Patent,
    ReportArchive,
    ServiceRecord,
    Trademark,
)
from ipdesk.services.places import PlaceService
from ipdesk.services.records import RecordService
from ipdesk.services.search import SearchService
from ipdesk.services.settings import Settings, load_settings

if TYPE_CHECKING:
    from ipdesk.services.importers import Importer
    from ipdesk.services.reports.archive import ReportsService
    from ipdesk.services.saved_searches import SavedSearchService
    from ipdesk.services.sync.client import SyncService
    from ipdesk.services.wizard_data import WizardData

log = logging.getLogger("ipdesk")


@dataclass(frozen=True)
class DatasetInfo:
    name: str
    version: int
    as_of: dt.date | None
    origin: str
    source: str
    edition: str
    record_count: int


@dataclass
class Services:
    data_dir: Path
    settings: Settings
    db: Database
    search: SearchService
    places: PlaceService
    records: RecordService

    # Built on first use: they pull in requests, openpyxl, python-docx…, which the window does not
    # need to show itself (start-up time is a target; see bench/bench_startup.py).
    @property
    def sync(self) -> SyncService:
        """The sync service, with the update source of the moment: the Settings page and "Data & sync"
        save `settings.update_source` in place while the service lives on."""
        service = self._sync
        service.update_source = self.settings.update_source
        return service

    @cached_property
    def _sync(self) -> SyncService:
        from ipdesk.services.sync.client import SyncService

        return SyncService(self.db.engine, self.data_dir, update_source=self.settings.update_source,
                           trusted_keys=self.settings.trusted_keys)

    @cached_property
    def reports(self) -> ReportsService:
        from ipdesk.services.reports.archive import ReportsService

        return ReportsService(self.db, self.search, self.settings, self.data_dir)

    @cached_property
    def saved_searches(self) -> SavedSearchService:
        """Saved searches (in the local store): the search page's and `ipdesk search --saved`'s."""
        from ipdesk.services.saved_searches import SavedSearchService

        return SavedSearchService(self.db, self.search)

    @cached_property
    def wizards(self) -> WizardData:
        from ipdesk.services.wizard_data import WizardData

        return WizardData(self.db, self.search)

    @cached_property
    def importer(self) -> Importer:
        from ipdesk.services.importers import Importer

        return Importer(self.db)

    def datasets(self) -> list[DatasetInfo]:
        with self.db.session() as s:
            return [
                DatasetInfo(d.name, d.version, d.as_of, d.origin, d.source, d.edition, d.record_count)
                for d in s.scalars(select(Dataset).order_by(Dataset.name))
            ]

    def info(self) -> dict[str, object]:
        """What `ipdesk info` prints: folder, file, schema, datasets and record counts."""
        with self.db.session() as s:
            levels = dict(s.execute(select(Division.level, func.count()).group_by(Division.level)).all())
            gi_kinds = dict(s.execute(select(GeoIndication.kind, func.count()).group_by(GeoIndication.kind)).all())
            provinces = s.scalar(select(func.count(func.distinct(func.substr(GiArea.division_code, 1, 2)))))
            counts = {
                "divisions": sum(levels.values()),
                "provinces": levels.get(1, 0),
                "prefectures": levels.get(2, 0),
                "counties": levels.get(3, 0),
                "townships": levels.get(4, 0),
                "gi": sum(gi_kinds.values()),
                "gi_by_kind": gi_kinds,
                "gi_provinces": provinces or 0,
                "patents": s.scalar(select(func.count()).select_from(Patent)) or 0,
                "trademarks": s.scalar(select(func.count()).select_from(Trademark)) or 0,
                "class_nodes": s.scalar(select(func.count()).select_from(ClassNode)) or 0,
            }
        with self.db.local_store.session() as s:
            counts["service_records"] = s.scalar(select(func.count()).select_from(ServiceRecord)) or 0
            counts["archived_reports"] = s.scalar(select(func.count()).select_from(ReportArchive)) or 0
        return {
            "data_dir": str(self.data_dir),
            "database": str(self.db.path) if self.db.path else self.db.engine.url.render_as_string(),
            "read_only": self.db.read_only,
            # on a network share: a rollback journal, one computer at a time (db.open_database)
            "data_folder_on_network": self.db.on_network,
            "local_store": str(self.db.local_store.path),
            # the service-record file may not be written: lookups and backups only (db.open_local_store)
            "local_store_read_only": self.db.local_store.read_only,
            "logs": str(logs_dir(self.data_dir)),
            "schema_version": schema_revision(self.db.engine),
            "datasets": [
                {
                    "name": d.name, "version": d.version, "as_of": d.as_of.isoformat() if d.as_of else None,
                    "origin": d.origin, "source": d.source, "edition": d.edition, "records": d.record_count,
                }
                for d in self.datasets()
            ],
            "counts": counts,
        }

    def close(self) -> None:
        self.db.close()


def build_services(data_dir: Path, *, engine_url: str | None = None, on_network: bool | None = None) -> Services:
    """Open the store and build every service. Raises the typed errors of `open_database`.
    `on_network`: whether the data folder is on a network share (None: found out)."""
    settings = load_settings(data_dir) if data_dir.exists() else Settings()
    db = open_database(data_dir, engine_url or settings.engine_url or None, on_network=on_network)
    return Services(data_dir=data_dir, settings=settings, db=db, search=SearchService(db.engine),
                    places=PlaceService(db.engine), records=RecordService(db))
