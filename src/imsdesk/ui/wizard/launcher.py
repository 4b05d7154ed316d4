"""Opening the wizard from the main window: at most one window per assessment, its data read
off the GUI thread first."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from imsdesk.catalog import Catalog
from imsdesk.ui.models.workspace_model import NodeKind
from imsdesk.ui.wizard.data import WizardData, load_wizard_data
from imsdesk.ui.wizard.intro_page import intro_html
from imsdesk.ui.wizard.setup_page import Client
from imsdesk.ui.wizard.wizard import AssessmentWizard

if TYPE_CHECKING:
    from imsdesk.ui.main_window import MainWindow


def available_scopes(catalog: Catalog) -> set[str]:
    systems = {p.system for p in catalog.packs}
    scopes = {s for s in ("qms", "ems") if s in systems}
    if catalog.crosswalks:
        scopes.add("integrated")
    return scopes


def _clients(window: MainWindow) -> list[Client]:
    model = window.model
    clients = []
    for row in range(model.rowCount()):
        node = model.node(model.index(row, 0))
        assert node is not None
        sites = tuple((c.id, c.name) for c in node.children if c.kind == NodeKind.SITE)
        clients.append(Client(node.id, node.name, sites))
    return clients


def _new_wizard(window: MainWindow) -> AssessmentWizard:
    catalog = window.ctx.packs()
    crosswalk = catalog.crosswalks[0] if catalog.crosswalks else None
    named = [catalog.pack(crosswalk.qms), catalog.pack(crosswalk.ems)] if crosswalk else []
    packs = [p for p in named if p] or list(catalog.packs)
    levels = {level.level: level.name for level in packs[0].scale} if packs else {}
    wizard = AssessmentWizard(
        window.ctx,
        intro_html(crosswalk, packs),
        _clients(window),
        available_scopes(catalog),
        levels,
        window,
    )
    key: list[uuid.UUID | None] = [None]

    def opened(assessment_id: uuid.UUID) -> None:
        window.wizards.pop(key[0], None)
        key[0] = assessment_id
        window.wizards[assessment_id] = wizard

    def closed() -> None:
        window.wizards.pop(key[0], None)
        window.tree.select(key[0])
        wizard.deleteLater()

    wizard.assessment_opened.connect(opened)
    wizard.closed.connect(closed)
    return wizard


def open_new_wizard(window: MainWindow, organisation: Any, site: Any) -> AssessmentWizard:
    wizard = _new_wizard(window)
    wizard.setup.preset(organisation.id if organisation else None, site.id if site else None)
    window.wizards[None] = wizard
    _show(wizard)
    return wizard


def _show(wizard: AssessmentWizard) -> None:
    wizard.show()
    wizard.raise_()
    wizard.activateWindow()


def open_assessment_wizard(
    window: MainWindow, assessment_id: uuid.UUID, question_id: str | None = None
) -> None:
    """Open (or bring forward) the assessment's wizard, at ``question_id`` if given, else where
    the user stopped."""
    existing = window.wizards.get(assessment_id)
    if existing is not None:
        existing.raise_()
        existing.activateWindow()
        if question_id is not None:
            existing.show_question(question_id)
        return
    if question_id is not None:  # the clause page opens at the remembered position
        window.ctx.settings.set_position(str(assessment_id), question_id)
    db, catalog = window.ctx.database(), window.ctx.packs()
    window.statusBar().showMessage("Opening the assessment…", 3000)

    def show(data: WizardData) -> None:
        if assessment_id in window.wizards:  # opened twice quickly
            return
        wizard = _new_wizard(window)
        wizard.intro.text.setText(intro_html(data.crosswalk, data.packs))
        wizard.open_existing(data)
        _show(wizard)

    window.ctx.ops.read(lambda: load_wizard_data(db, catalog, assessment_id), show, guard=window)
