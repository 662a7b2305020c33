"""Importers for official open-data files and staff spreadsheets: stage, preview, merge all or nothing."""

from ipdesk.services.importers.safety import ImportFileError, Limits
from ipdesk.services.importers.staging import (
    ImportCancelled,
    Importer,
    ImportPreview,
    ImportRejected,
    ImportResult,
)

__all__ = [
    "ImportCancelled",
    "ImportFileError",
    "ImportPreview",
    "ImportRejected",
    "ImportResult",
    "Importer",
    "Limits",
]
