"""The main window's work on the database: loading the tree, keeping each assessment's summary
fresh as answers arrive, and the commands (create, rename, delete with undo, next cycle,
finalise). Everything runs as an operation off the GUI thread; the core is imported inside the
operations so that the window can appear before SQLAlchemy is even loaded.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from imsdesk.ui.context import AppContext
from imsdesk.ui.models.workspace_model import NodeKind, WorkspaceModel
from imsdesk.ui.ops import Changes, Kind

SUMMARY_PAUSE_MS = 1000  # answers arrive in bursts; re-score once they pause
TREE = Changes.of(Kind.TREE)


@dataclass(frozen=True)
class Deleted:
    """A deletion the user can still undo."""

    description: str
    snapshot: Any  # imsdesk.exchange.snapshot.Snapshot


class WorkspaceController(QObject):
    loaded = Signal()  # the tree was (re)filled
    summary_updated = Signal(object)  # an AssessmentSummary
    created = Signal(str, object)  # kind, id: select it once the tree has it
    undo_changed = Signal(str)  # the description of what Undo would restore ("" = nothing)
    message = Signal(str)  # for the status bar

    def __init__(self, ctx: AppContext, model: WorkspaceModel, parent: QObject | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.model = model
        self._generation = 0
        self._stale: set[uuid.UUID] = set()
        self._summary_timer = QTimer(self, singleShot=True, interval=SUMMARY_PAUSE_MS)
        self._summary_timer.timeout.connect(self._refresh_stale)
        self.deleted: list[Deleted] = []
        ctx.ops.changed.connect(self._on_changed)
        model.rename_requested.connect(self.rename)

    # Loading ---------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the tree again; a read that returns after a newer one started is dropped."""
        self._generation += 1
        generation = self._generation
        db, catalog = self.ctx.database(), self.ctx.packs()

        def read() -> Any:
            from imsdesk.services.overview import load_overview

            return load_overview(db, catalog)

        def show(overview: Any) -> None:
            if generation != self._generation:
                return
            self.model.set_overview(overview)
            self.loaded.emit()
            if overview.stale_ids:
                self._stale.update(overview.stale_ids)
                self._refresh_stale()

        self.ctx.ops.read(read, show, guard=self)

    def _on_changed(self, changes: Changes, _initiator: object) -> None:
        if Kind.TREE in changes.kinds:
            self.reload()
            return
        if changes.kinds & {Kind.ANSWERS, Kind.ASSESSMENT}:
            self._stale.update(changes.assessment_ids)
            self._summary_timer.start()

    def _refresh_stale(self) -> None:
        if not self._stale or not self.ctx.ready:
            return
        ids, self._stale = sorted(self._stale), set()
        db, catalog = self.ctx.database(), self.ctx.packs()

        def refresh() -> list[Any]:
            from imsdesk.errors import NotFound
            from imsdesk.services.overview import load_summary
            from imsdesk.services.summaries import refresh_summaries

            refresh_summaries(db, catalog, ids)
            summaries = []
            for assessment_id in ids:
                try:
                    summaries.append(load_summary(db, catalog, assessment_id))
                except NotFound:  # deleted meanwhile
                    continue
            return summaries

        def show(summaries: list[Any]) -> None:
            for summary in summaries:
                if self.model.update_summary(summary):
                    self.summary_updated.emit(summary)
                else:
                    self.reload()
                    return

        if self.ctx.ops.closed:  # the timer fired as the window closed: the summaries can wait
            return
        self.ctx.ops.write(refresh, show, guard=self)

    def stop(self) -> None:
        """The window closes: no more background refreshes."""
        self._summary_timer.stop()

    # Commands --------------------------------------------------------------------------------

    def create_organisation(
        self, values: dict[str, str], done: Callable[[], None], failed: Callable[[str], None]
    ) -> None:
        db = self.ctx.database()

        def create() -> Any:
            from imsdesk.services import create_organisation

            return create_organisation(
                db,
                values["name"],
                sector=values.get("sector", ""),
                size=values.get("size", ""),
                address=values.get("address", ""),
                contact=values.get("contact", ""),
            )

        self._create(create, "organisation", done, failed)

    def create_site(
        self,
        organisation_id: uuid.UUID,
        values: dict[str, str],
        done: Callable[[], None],
        failed: Callable[[str], None],
    ) -> None:
        db = self.ctx.database()

        def create() -> Any:
            from imsdesk.services import create_site

            return create_site(db, organisation_id, values["name"], address=values["address"])

        self._create(create, "site", done, failed)

    def _create(
        self,
        create: Callable[[], Any],
        kind: str,
        done: Callable[[], None],
        failed: Callable[[str], None],
    ) -> None:
        from imsdesk.errors import UserError

        def on_success(record: Any) -> None:
            done()
            self.created.emit(kind, record.id)

        def on_failure(error: BaseException) -> None:
            if isinstance(error, UserError):
                failed(str(error))
            else:
                failed("The record could not be saved.")
                self.ctx.ops.report(error)

        self.ctx.ops.write(create, on_success, on_failure, changes=TREE)

    def create_demo(self) -> None:
        db, catalog = self.ctx.database(), self.ctx.packs()
        folders = self.ctx.extra_questionnaires

        def create() -> Any:
            from pathlib import Path

            from imsdesk.demo import create_demo
            from imsdesk.planning import load_library

            return create_demo(db, catalog, load_library([Path(f) for f in folders]))

        def done(record: Any) -> None:
            self.message.emit(f"Created {record.title!r} for {record.organisation_name}.")
            self.created.emit(str(NodeKind.ASSESSMENT), record.id)

        self.message.emit("Creating the demo client…")
        self.ctx.ops.write(create, done, changes=TREE)

    def rename(self, kind: str, record_id: uuid.UUID, name: str) -> None:
        db = self.ctx.database()

        def rename() -> Any:
            from imsdesk import services

            if kind == NodeKind.ORGANISATION:
                return services.rename_organisation(db, record_id, name)
            if kind == NodeKind.SITE:
                return services.rename_site(db, record_id, name)
            return services.rename_assessment(db, record_id, name)

        self.ctx.ops.write(rename, changes=TREE)

    def delete(self, kind: str, record_id: uuid.UUID, description: str) -> None:
        """Delete after taking a snapshot, so that Undo can put everything back."""
        db = self.ctx.database()

        def delete() -> Any:
            from imsdesk import services
            from imsdesk.exchange.snapshot import take_snapshot

            snapshot = take_snapshot(db, kind, record_id)
            if kind == NodeKind.ORGANISATION:
                services.delete_organisation(db, record_id)
            elif kind == NodeKind.SITE:
                services.delete_site(db, record_id)
            else:
                services.delete_assessment(db, record_id)
            return snapshot

        def done(snapshot: Any) -> None:
            self.deleted.append(Deleted(description, snapshot))
            self.undo_changed.emit(description)
            self.message.emit(f"Deleted {description}. Undo with Ctrl+Z.")

        self.ctx.ops.write(delete, done, changes=TREE)

    def undo(self) -> None:
        if not self.deleted:
            return
        item = self.deleted.pop()
        db = self.ctx.database()

        def restore() -> None:
            from imsdesk.exchange.snapshot import restore_snapshot

            restore_snapshot(db, item.snapshot)

        def done(_: object) -> None:
            self.message.emit(f"Restored {item.description}.")
            self.undo_changed.emit(self.deleted[-1].description if self.deleted else "")

        def failed(error: BaseException) -> None:
            self.deleted.append(item)  # still undoable once the problem is fixed
            self.ctx.ops.report(error)

        self.ctx.ops.write(restore, done, failed, changes=TREE)

    def next_cycle(self, assessment_id: uuid.UUID) -> None:
        db = self.ctx.database()

        def start() -> Any:
            from imsdesk.services import next_cycle

            return next_cycle(db, assessment_id)

        def done(record: Any) -> None:
            self.message.emit(
                f"Started {record.title!r} from the previous cycle's answers; "
                f"open it to confirm or change them."
            )
            self.created.emit(str(NodeKind.ASSESSMENT), record.id)

        self.ctx.ops.write(start, done, changes=TREE)

    def set_status(self, assessment_id: uuid.UUID, status: str) -> None:
        db = self.ctx.database()

        def change() -> Any:
            from imsdesk.services import set_status

            return set_status(db, assessment_id, status)

        word = "finalised; its answers are locked" if status == "final" else "open for editing"
        self.ctx.ops.write(
            change,
            lambda record: self.message.emit(f"{record.title!r} is {word}."),
            changes=Changes.of(Kind.TREE, Kind.ASSESSMENT, assessment=assessment_id),
        )
