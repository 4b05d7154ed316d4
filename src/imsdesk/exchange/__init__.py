"""The assessment exchange file (JSON): one assessment with its organisation, site and answers.

The format is documented in ``docs/exchange-format.md``; ``assessment-v1.schema.json`` is its
JSON Schema and ships in the package.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from imsdesk.catalog import Catalog
from imsdesk.exchange.document import read_document, write_document
from imsdesk.exchange.snapshot import Snapshot, restore_snapshot, take_snapshot
from imsdesk.exchange.transfer import (
    ImportResult,
    check_questions,
    export_document,
    import_document,
)
from imsdesk.storage import Database


def export_file(db: Database, assessment_id: uuid.UUID | str, path: Path) -> None:
    """Write one assessment to ``path`` (atomically: all or nothing)."""
    write_document(Path(path), export_document(db, assessment_id))


def import_file(db: Database, path: Path, catalog: Catalog | None = None) -> ImportResult:
    """Validate the file completely, then merge it in one transaction."""
    return import_document(db, read_document(Path(path)), catalog)


__all__ = [
    "ImportResult",
    "Snapshot",
    "check_questions",
    "export_document",
    "export_file",
    "import_document",
    "import_file",
    "read_document",
    "restore_snapshot",
    "take_snapshot",
    "write_document",
]
