"""The objectives page's commands about links: accepting a suggestion from the link library,
linking two existing objectives with the rationale, and unlinking.

The dialogs never write; these commands store what they hand over through the page's writes
and give any problem back to the dialog that asked.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject

from imsdesk.ui import msgbox
from imsdesk.ui.objectives.data import (
    ENVIRONMENTAL,
    FORM,
    QUALITY,
    AcceptValues,
    Problems,
    short,
)

if TYPE_CHECKING:
    from imsdesk.planning import LinkData, ObjectiveData
    from imsdesk.ui.objectives.link_dialog import LinkDialog
    from imsdesk.ui.objectives.objectives_page import ObjectivesPage
    from imsdesk.ui.objectives.suggestions_dialog import SuggestionsDialog


class LinkCommands(QObject):
    def __init__(self, page: ObjectivesPage) -> None:
        # A child of the page rather than a Python reference back to it: a cycle would keep
        # the page's wrapper (and its context) for the garbage collector, which may run on a
        # worker thread.
        super().__init__(page)
        self.suggestions_dialog: SuggestionsDialog | None = None
        self.link_dialog: LinkDialog | None = None

    @property
    def page(self) -> ObjectivesPage:
        return self.parent()  # type: ignore[return-value]

    # Suggestions -----------------------------------------------------------------------------

    def open_suggestions(self) -> SuggestionsDialog | None:
        """The library's targets for the selected quality objective."""
        page = self.page
        item = page.current_item()
        if not page.suggest.isEnabled() or item is None or item.objective is None:
            return None
        assert page.data is not None
        from imsdesk.ui.objectives.suggestions_dialog import SuggestionsDialog

        dialog = SuggestionsDialog(page.data, item.objective, page)
        dialog.submitted.connect(lambda values: self._accept(dialog, values))
        dialog.finished.connect(dialog.deleteLater)
        self.suggestions_dialog = dialog
        dialog.open()
        return dialog

    def _accept(self, dialog: SuggestionsDialog, values: AcceptValues) -> None:
        """Create the suggested target with the user's numbers and link it."""
        page = self.page
        assert page.data is not None
        db, data = page.ctx.database(), page.data

        def accept() -> tuple[uuid.UUID, uuid.UUID] | Problems:
            from imsdesk.ui.objectives.data import accept

            result = accept(db, data.library, values, data.assessment_date)
            if isinstance(result, Problems):
                return result
            target, link = result
            return target.id, link.id

        def accepted(ids: tuple[uuid.UUID, uuid.UUID] | Problems) -> None:
            if isinstance(ids, Problems):
                if shiboken6.isValid(dialog):
                    dialog.show_problems(dict(ids.fields))
                return
            if shiboken6.isValid(dialog):
                dialog.accept()
            page.message.emit("Created and linked the suggested environmental target.")
            page.reload(select=ids)

        page.write(
            accept,
            accepted,
            lambda error: self._failed(dialog, error, "The target could not be created."),
        )

    # Linking ---------------------------------------------------------------------------------

    def open_link_dialog(self) -> LinkDialog | None:
        """Link the selected objective to an existing one of the other kind (None when there
        is nothing to link to)."""
        page = self.page
        item = page.current_item()
        if not page.link.isEnabled() or item is None or item.objective is None:
            return None
        assert page.data is not None
        from imsdesk.ui.objectives.link_dialog import LinkDialog

        chosen = item.objective
        other = ENVIRONMENTAL if chosen.kind == QUALITY else QUALITY
        linked = {
            link.environmental_objective_id if chosen.kind == QUALITY else link.quality_objective_id
            for link in page.data.links_of(chosen.id)
        }
        choices = [
            (o.id, o.statement)
            for o in page.data.plan.objectives
            if o.kind == other and o.id not in linked
        ]
        if not choices:
            msgbox.information(
                page,
                "Nothing to link",
                "There is no environmental target left to link to this objective: accept a "
                "suggestion (Ctrl+Shift+G) or add your own (Ctrl+Shift+E)."
                if other == ENVIRONMENTAL
                else "There is no quality objective left to link this target to: add one (Insert).",
            )
            return None
        if chosen.kind == QUALITY:
            title, label = "Link an environmental target", "&Environmental target:"
            prompt = f"Link the quality objective “{short(chosen.statement)}” to:"
        else:
            title, label = "Link to a quality objective", "&Quality objective:"
            prompt = f"Link the environmental target “{short(chosen.statement)}” to:"
        dialog = LinkDialog(title, prompt, label, choices, page)
        dialog.submitted.connect(
            lambda other_id, rationale: self._link(dialog, chosen, other_id, rationale)
        )
        dialog.finished.connect(dialog.deleteLater)
        self.link_dialog = dialog
        dialog.open()
        return dialog

    def _link(
        self, dialog: LinkDialog, chosen: ObjectiveData, other_id: uuid.UUID, rationale: str
    ) -> None:
        page = self.page
        db = page.ctx.database()
        quality_id, target_id = (
            (chosen.id, other_id) if chosen.kind == QUALITY else (other_id, chosen.id)
        )

        def link() -> LinkData:
            from imsdesk.services.objectives import link_objectives

            return link_objectives(db, quality_id, target_id, rationale=rationale)

        def linked(link: LinkData) -> None:
            if shiboken6.isValid(dialog):
                dialog.accept()
            page.message.emit("Linked.")
            page.reload(select=(target_id, link.id))

        page.write(
            link, linked, lambda error: self._failed(dialog, error, "The link could not be stored.")
        )

    def unlink_current(self) -> None:
        page = self.page
        item = page.current_item()
        if not page.unlink.isEnabled() or item is None or item.link is None:
            return
        assert page.data is not None
        link = item.link
        quality = page.data.objective(link.quality_objective_id)
        target = item.objective
        text = (
            f"Remove the link between “{short(quality.statement if quality else '')}” and "
            f"“{short(target.statement if target else '')}”? Both objectives stay."
        )
        actions = page.data.linked_actions([link])
        if actions:
            text += f" The {actions} action(s) serving the link stay in the plan without it."
        if not msgbox.confirm(page, "Unlink", text, "Unlink"):
            return
        db = page.ctx.database()

        def remove() -> None:
            from imsdesk.services.objectives import unlink

            unlink(db, link.id)

        def removed(_result: None) -> None:
            page.message.emit("Link removed.")
            page.reload(select=(link.quality_objective_id, None))

        page.write(remove, removed)

    # Problems --------------------------------------------------------------------------------

    def _failed(self, dialog: Any, error: BaseException, fallback: str) -> None:
        """A problem goes back to the dialog that asked (or a message box, if it was closed)."""
        from imsdesk.errors import UserError

        if shiboken6.isValid(dialog):
            dialog.show_problems({FORM: str(error) if isinstance(error, UserError) else fallback})
        elif isinstance(error, UserError):
            msgbox.error(self.page, "Cannot do that", str(error))
        if not isinstance(error, UserError):
            self.page.ctx.ops.report(error)
