"""The assessments list from stored summaries: what it shows, when a summary goes stale, and
that reading it costs a constant number of queries and writes nothing."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from sqlalchemy import event

from imsdesk import exchange, services
from imsdesk.catalog import Catalog, load_catalog
from imsdesk.errors import NotFound
from imsdesk.services import AnswerInput
from imsdesk.storage import Database

MINI = Path(__file__).resolve().parents[1] / "data" / "packs" / "mini-pack.yaml"


class Statements:
    """Every SQL statement a database runs while the spy is attached."""

    def __init__(self, db: Database) -> None:
        self.seen: list[str] = []
        event.listen(db.engine, "before_cursor_execute", self._record)
        self._db = db

    def _record(self, _conn, _cursor, statement, *_args) -> None:
        self.seen.append(statement)

    def close(self) -> None:
        event.remove(self._db.engine, "before_cursor_execute", self._record)

    @property
    def queries(self) -> list[str]:
        return [s for s in self.seen if s.lstrip().upper().startswith("SELECT")]

    @property
    def writes(self) -> list[str]:
        verbs = ("INSERT", "UPDATE", "DELETE", "BEGIN IMMEDIATE", "REPLACE", "CREATE", "DROP")
        return [s for s in self.seen if s.lstrip().upper().startswith(verbs)]


@pytest.fixture
def spy(db):
    statements = Statements(db)
    yield statements
    statements.close()


def test_listing_shows_every_organisation_site_and_assessment(db, catalog, assessment):
    empty = services.create_organisation(db, "Zeta Ltd")
    services.create_site(db, empty.id, "Quay")
    services.save_answers(
        db,
        assessment.id,
        [AnswerInput(q.id, maturity=3) for q in catalog.pack("iso9001-2015").questions],
    )
    listing = services.overview(db, catalog)
    assert [o.name for o in listing.organisations] == ["Acme Widgets Ltd", "Zeta Ltd"]
    assert sorted(s.name for s in listing.sites) == ["Leeds plant", "Quay"]
    [row] = listing.assessments
    assert (row.id, row.organisation_name, row.site_name, row.title) == (
        assessment.id, "Acme Widgets Ltd", "Leeds plant", "Gap analysis 2026",
    )  # fmt: skip
    assert (row.answered, row.total) == (263, 418)
    assert row.progress == round(263 / 418 * 100, 1)
    assert row.score is not None and row.verdict_level and row.verdict_text
    # Identical to what scoring the assessment on its own gives.
    scored = services.score(db, catalog, assessment.id).card
    assert (row.score, row.progress, row.verdict_text) == (
        scored.score, scored.completion, scored.verdict.text,
    )  # fmt: skip
    assert row.warnings == (
        "The questionnaire iso9001-2015 changed since this assessment started (pinned edition "
        f"2015, installed 2015 from {catalog.pack('iso9001-2015').source}); answers to questions "
        "no longer in it are kept but not counted.",
        "The questionnaire iso14001-2015 changed since this assessment started (pinned edition "
        f"2015, installed 2015 from {catalog.pack('iso14001-2015').source}); answers to questions "
        "no longer in it are kept but not counted.",
    )  # the fixture pins made-up hashes
    assert not row.stale and listing.stale_ids == ()
    assert services.load_summary(db, catalog, assessment.id) == row


def test_listing_order(db, catalog):
    zeta = services.create_organisation(db, "Zeta")
    acme = services.create_organisation(db, "Acme")
    packs = services.pack_refs(catalog, ["iso9001-2015"])
    for org, title, day in [(zeta, "Z1", 1), (acme, "B", 1), (acme, "A", 1), (acme, "New", 20)]:
        services.create_assessment(db, org.id, title=title, date=dt.date(2026, 1, day), packs=packs)
    listed = services.load_overview(db, catalog).assessments
    assert [a.title for a in listed] == ["New", "A", "B", "Z1"]


def test_each_change_marks_the_summary_stale_and_overview_refreshes_it(db, catalog, tmp_path):
    org = services.create_organisation(db, "Acme")
    record = services.create_assessment(
        db, org.id, title="T", date=dt.date(2026, 1, 1),
        packs=services.pack_refs(catalog, ["iso14001-2015"]),
    )  # fmt: skip

    def state():
        return services.load_summary(db, catalog, record.id)

    assert state().stale and state().answered is None  # never summarised
    assert services.overview(db, catalog).stale_ids == ()
    assert (state().answered, state().total, state().progress) == (0, 155, 0.0)

    first = catalog.pack("iso14001-2015").questions[0].id
    services.save_answer(db, record.id, AnswerInput(first, maturity=1))
    assert state().stale and state().answered is None  # invalidated: no numbers until refreshed
    services.refresh_summaries(db, catalog, [record.id])
    assert not state().stale and state().answered == 1
    low = state().score

    services.set_target(db, record.id, 1)
    assert state().stale
    services.refresh_summaries(db, catalog)
    assert state().score == low  # the score does not depend on the target, gaps do
    services.set_clause_target(db, record.id, "iso14001-2015", "6", 0)
    assert state().stale
    services.rename_assessment(db, record.id, "Renamed")
    assert services.load_summary(db, catalog, record.id).title == "Renamed"

    services.refresh_summaries(db, catalog)
    document = exchange.export_document(db, record.id)
    document["answers"][0]["maturity"] = 5
    document["answers"][0]["updated_at"] = "2099-01-01T00:00:00Z"
    exchange.import_document(db, document)
    assert state().stale
    assert services.overview(db, catalog).assessments[0].score > low

    new = services.next_cycle(db, record.id, date=dt.date(2027, 1, 1))
    assert services.load_summary(db, catalog, new.id).stale
    assert set(services.refresh_summaries(db, catalog)) == {new.id}
    assert services.refresh_summaries(db, catalog) == []


def test_a_changed_or_missing_pack_is_caught_by_the_scope_key(db, catalog, tmp_path):
    folder = tmp_path / "packs"
    folder.mkdir()
    shutil.copy(MINI, folder / "mini.yaml")

    def packs_now() -> Catalog:
        return load_catalog([folder])

    org = services.create_organisation(db, "Acme")
    record = services.create_assessment(
        db, org.id, title="Waste", date=dt.date(2026, 1, 1),
        packs=services.pack_refs(packs_now(), ["acme-waste-check"]),
    )  # fmt: skip
    services.save_answer(db, record.id, AnswerInput("waste-1.1-a", maturity=3))
    [row] = services.overview(db, packs_now()).assessments
    assert (row.answered, row.stale, row.warnings) == (1, False, ())

    # Someone edits the pack file: the stored summary no longer matches.
    text = (folder / "mini.yaml").read_text("utf-8")
    (folder / "mini.yaml").write_text(text.replace("kept in a bunded", "kept in a roofed"), "utf-8")
    [row] = services.load_overview(db, packs_now()).assessments
    assert row.stale and row.warnings and "changed since" in row.warnings[0]
    assert services.refresh_summaries(db, packs_now()) == [record.id]

    # The pack is removed: no numbers, a warning, and nothing to recompute on every listing.
    (folder / "mini.yaml").unlink()
    [row] = services.overview(db, packs_now()).assessments
    assert (row.answered, row.total, row.progress, row.score, row.stale) == (
        None, None, None, None, False,
    )  # fmt: skip
    assert "is not installed" in row.warnings[0]
    assert services.refresh_summaries(db, packs_now()) == []
    # Installed again: stale, and recomputed.
    shutil.copy(MINI, folder / "mini.yaml")
    assert services.load_overview(db, packs_now()).stale_ids == (record.id,)
    assert services.overview(db, packs_now()).assessments[0].answered == 1


def test_load_overview_runs_a_constant_number_of_queries_and_no_answers(db, catalog, spy):
    packs = services.pack_refs(catalog, ["iso9001-2015", "iso14001-2015"])
    questions = [q.id for p in ("iso9001-2015", "iso14001-2015") for q in catalog.pack(p).questions]

    def add(n: int) -> None:
        for i in range(n):
            org = services.create_organisation(db, f"Org {i}")
            site = services.create_site(db, org.id, "Site")
            record = services.create_assessment(
                db, org.id, site_id=site.id, title="T", date=dt.date(2026, 1, 1), packs=packs
            )
            services.save_answers(db, record.id, [AnswerInput(q, maturity=2) for q in questions])
        services.refresh_summaries(db, catalog)

    add(2)
    spy.seen.clear()
    small = services.load_overview(db, catalog)
    few = list(spy.queries)
    add(20)
    spy.seen.clear()
    large = services.load_overview(db, catalog)
    many = list(spy.queries)
    assert (len(small.assessments), len(large.assessments)) == (2, 22)
    assert len(few) == len(many) == 4
    assert not any("FROM answer" in q for q in many)
    assert spy.writes == []


def test_reads_write_nothing(db, catalog, assessment, spy):
    from imsdesk.planning import load_library
    from imsdesk.services import objectives
    from imsdesk.services.objectives import ObjectiveInput

    services.save_answer(db, assessment.id, AnswerInput("9001-4.1-a", maturity=2))
    quality = objectives.add_objective(
        db,
        assessment.id,
        ObjectiveInput(
            "quality",
            "Deliver on time",
            kpi="OTIF",
            unit="%",
            target_value=97,
            due=assessment.date + dt.timedelta(days=200),
        ),
    )
    spy.seen.clear()
    detail = services.load_assessment(db, assessment.id)
    services.list_assessments(db)
    services.list_organisations(db)
    services.get_organisation(db, detail.organisation.id)
    services.list_sites(db, detail.organisation.id)
    services.resolve_assessment_id(db, str(assessment.id)[:8])
    services.score(db, catalog, assessment.id)
    services.load_overview(db, catalog)
    services.load_summary(db, catalog, assessment.id)
    exchange.export_document(db, assessment.id)
    exchange.take_snapshot(db, "organisation", detail.organisation.id)
    objectives.suggestions(db, load_library(), quality.id)
    assert spy.queries and spy.writes == []
    assert not any(s.strip().upper() == "COMMIT" for s in spy.seen)


def test_load_summary_of_an_unknown_assessment(db, catalog):
    with pytest.raises(NotFound, match="There is no assessment with the id"):
        services.load_summary(db, catalog, "6f1c9f0e-0000-4000-8000-000000000009")
