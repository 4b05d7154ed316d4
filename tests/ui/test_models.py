"""The item models, tested without widgets and with qtmodeltester (records built in code)."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from PySide6.QtCore import QSortFilterProxyModel, Qt

from imsdesk.services import OrganisationRecord, PackRef, SiteRecord
from imsdesk.services.overview import AssessmentSummary, Overview
from imsdesk.ui.models.clause_list_model import SEARCH_ROLE, ClauseListModel
from imsdesk.ui.models.workspace_model import ID_ROLE, KIND_ROLE, Column, WorkspaceModel

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def organisation(name: str) -> OrganisationRecord:
    return OrganisationRecord(uuid.uuid4(), name, "Printing", "12 staff", "", "", NOW, NOW)


def site(owner: OrganisationRecord, name: str) -> SiteRecord:
    return SiteRecord(uuid.uuid4(), owner.id, name, "Dock Rd", NOW, NOW)


def summary(owner: OrganisationRecord, where: SiteRecord | None, title: str, **extra):
    values = dict(
        id=uuid.uuid4(),
        organisation_id=owner.id,
        organisation_name=owner.name,
        site_id=where.id if where else None,
        site_name=where.name if where else None,
        title=title,
        assessor="K. Smith",
        date=dt.date(2026, 3, 2),
        status="draft",
        target_maturity=3,
        packs=(PackRef("iso9001-2015", "2015", "h"),),
        predecessor_id=None,
        updated_at=NOW,
        answered=150,
        total=201,
        progress=74.6,
        score=61.2,
        verdict_level="not-ready",
        verdict_text="Not ready: 2 likely majors",
        warnings=(),
        stale=False,
    )
    values.update(extra)
    return AssessmentSummary(**values)


@pytest.fixture
def overview() -> Overview:
    acme, bolt, empty = organisation("Acme Ltd"), organisation("Bolt plc"), organisation("Zed")
    leeds = site(acme, "Leeds")
    return Overview(
        organisations=(acme, bolt, empty),
        sites=(leeds, site(bolt, "Hull")),
        assessments=(
            summary(acme, leeds, "Gap analysis 2026"),
            summary(
                acme,
                None,
                "Head office 2025",
                status="final",
                stale=True,
                score=None,
                verdict_level=None,
                verdict_text=None,
                progress=None,
            ),
            summary(bolt, None, "Readiness 2026"),
        ),
    )


def test_workspace_model_passes_the_model_tester(qtmodeltester, overview):
    model = WorkspaceModel()
    model.set_overview(overview)
    qtmodeltester.check(model)
    empty = WorkspaceModel()
    qtmodeltester.check(empty)


def test_tree_shape_and_columns(overview):
    model = WorkspaceModel()
    model.set_overview(overview)
    assert model.rowCount() == 3
    acme = model.index(0, 0)
    assert model.data(acme) == "Acme Ltd"
    assert model.data(acme, KIND_ROLE) == "organisation"
    children = [model.data(model.index(r, 0, acme)) for r in range(model.rowCount(acme))]
    assert children == ["Leeds", "Head office 2025"]  # sites first, then loose assessments
    leeds = model.index(0, 0, acme)
    row = [model.data(model.index(0, c, leeds)) for c in Column]
    assert row == ["Gap analysis 2026", "2026-03-02", "Draft", "75%", "61", "Not ready"]
    stale = [model.data(model.index(1, c, acme)) for c in Column]
    assert stale == ["Head office 2025", "2026-03-02", "Final", "…", "…", "…"]
    assert model.rowCount(model.index(2, 0)) == 0  # a client without assessments is listed


def test_a_fresh_summary_updates_one_row(qtbot, overview):
    model = WorkspaceModel()
    model.set_overview(overview)
    old = overview.assessments[1]
    fresh = summary(
        organisation("x"),
        None,
        old.title,
        id=old.id,
        organisation_id=old.organisation_id,
        organisation_name=old.organisation_name,
        score=70.0,
        progress=100.0,
        verdict_level="stage-2",
        verdict_text="Ready",
    )
    with qtbot.waitSignal(model.dataChanged):
        assert model.update_summary(fresh)
    index = model.index_of(old.id)
    assert model.data(index.siblingAtColumn(Column.SCORE)) == "70"
    assert model.data(index.siblingAtColumn(Column.READINESS)) == "Stage 2"
    assert model.data(index, ID_ROLE) == str(old.id)
    assert not model.update_summary(summary(organisation("new"), None, "unknown"))


def test_renaming_in_place_asks_instead_of_changing(qtbot, overview):
    model = WorkspaceModel()
    model.set_overview(overview)
    acme = model.index(0, 0)
    with qtbot.waitSignal(model.rename_requested) as asked:
        assert model.setData(acme, "  Acme   Group ") is False
    assert asked.args[0] == "organisation" and asked.args[2] == "Acme Group"
    assert model.data(acme) == "Acme Ltd"  # until the database has it
    assert model.flags(acme) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(acme.siblingAtColumn(Column.SCORE)) & Qt.ItemFlag.ItemIsEditable


def test_clause_list_model(qtmodeltester, catalog):
    packs = [catalog.pack("iso9001-2015"), catalog.pack("iso14001-2015")]
    pages = catalog.pages(packs)
    done = {pages[0].question_ids[0]}
    model = ClauseListModel(pages, done.__contains__, lambda p: "hidden words")
    qtmodeltester.check(model)
    assert model.rowCount() == len(pages)
    first = model.data(model.index(0))
    assert first.startswith("◐") and pages[0].number in first
    done.update(pages[0].question_ids)
    assert model.data(model.index(0)).startswith("✔")
    assert model.data(model.index(1)).startswith("○")
    assert "hidden words" in model.data(model.index(0), SEARCH_ROLE)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setFilterRole(SEARCH_ROLE)
    proxy.setFilterFixedString(pages[5].title.lower())
    assert 1 <= proxy.rowCount() < len(pages)
