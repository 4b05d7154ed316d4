"""What every window and view of the app is handed (instead of globals)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from imsdesk.ui.ops import Operations
from imsdesk.ui.settings import Settings

if TYPE_CHECKING:  # the database and the catalog arrive after the window is shown
    from imsdesk.catalog import Catalog
    from imsdesk.storage import Database


@dataclass
class AppContext:
    ops: Operations
    settings: Settings
    db: Database | None = None
    catalog: Catalog | None = None
    extra_questionnaires: tuple[str, ...] = field(default=())

    @property
    def ready(self) -> bool:
        return self.db is not None and self.catalog is not None

    def database(self) -> Database:
        assert self.db is not None, "the database is opened by the bootstrap operation"
        return self.db

    def packs(self) -> Catalog:
        assert self.catalog is not None, "the catalog is loaded by the bootstrap operation"
        return self.catalog
