"""Exchange files: export -> import into a fresh database -> export gives the same content;
imports are idempotent and merge by newest ``updated_at``."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from imsdesk import exchange, services
from imsdesk.errors import ExchangeFileError
from imsdesk.services import AnswerInput
from imsdesk.storage import open_database

HOSTILE = '=1+1 <script>&amp; "quoted" CO₂ ≥ 5 Müller Łódź Ελλάδα\nsecond line'


def comparable(document: dict) -> dict:
    document = copy.deepcopy(document)
    document.pop("exported_at")
    return document


@pytest.fixture
def answered(db, assessment):
    services.save_answer(
        db,
        assessment.id,
        AnswerInput("9001-4.1-a", maturity=3, notes=HOSTILE, evidence="Minutes 2026-01"),
    )
    services.save_answer(
        db,
        assessment.id,
        AnswerInput("9001-8.3.1-a", not_applicable=True, justification="Make-to-print only"),
    )
    services.save_answer(
        db,
        assessment.id,
        AnswerInput(
            "14001-6.1.2-a",
            maturity=0,
            override_finding="likely minor",
            override_reason="Aspects are known to the team, only the register is missing",
        ),
    )
    services.save_answer(
        db,
        assessment.id,
        AnswerInput(
            "9001-8.5.3-c",
            does_not_arise=True,
            justification="No customer property lost or damaged in the period",
        ),
    )
    return assessment


def test_round_trip_keeps_every_field(tmp_path: Path, db, answered):
    first = tmp_path / "first.json"
    exchange.export_file(db, answered.id, first)
    fresh = open_database(tmp_path / "fresh.sqlite3")
    try:
        result = exchange.import_file(fresh, first)
        assert result.assessment_id == answered.id
        assert result.assessment_created
        assert (result.answers_added, result.answers_updated, result.answers_kept) == (4, 0, 0)
        second = tmp_path / "second.json"
        exchange.export_file(fresh, answered.id, second)
    finally:
        fresh.close()
    a, b = json.loads(first.read_text("utf-8")), json.loads(second.read_text("utf-8"))
    assert comparable(a) == comparable(b)
    assert a["format"] == "imsdesk-assessment" and a["version"] == 2
    notes = {x["question_id"]: x for x in a["answers"]}
    assert notes["9001-4.1-a"]["notes"] == HOSTILE
    assert notes["9001-8.3.1-a"]["maturity"] is None
    assert notes["9001-8.5.3-c"]["does_not_arise"] is True
    assert notes["14001-6.1.2-a"]["override"] == {
        "finding": "likely minor",
        "reason": "Aspects are known to the team, only the register is missing",
    }
    assert notes["9001-4.1-a"]["override"] is None


def test_a_version_1_file_still_imports(tmp_path: Path, db, answered):
    """Files written before version 2 carry neither field; their answers import as before."""
    path = tmp_path / "v1.json"
    exchange.export_file(db, answered.id, path)
    document = json.loads(path.read_text("utf-8"))
    document["version"] = 1
    document["answers"] = [
        {k: v for k, v in a.items() if k not in ("does_not_arise", "override")}
        for a in document["answers"]
        if not a["does_not_arise"]
    ]
    path.write_text(json.dumps(document), "utf-8")
    fresh = open_database(tmp_path / "fresh.sqlite3")
    try:
        result = exchange.import_file(fresh, path)
        answers = {a.question_id: a for a in services.load_assessment(fresh, answered.id).answers}
    finally:
        fresh.close()
    assert result.answers_added == 3
    assert answers["14001-6.1.2-a"].maturity == 0
    assert answers["14001-6.1.2-a"].override_finding is None
    assert not any(a.does_not_arise for a in answers.values())
    assert answers["9001-8.3.1-a"].not_applicable is True


def test_second_import_adds_nothing(tmp_path: Path, db, answered):
    path = tmp_path / "a.json"
    exchange.export_file(db, answered.id, path)
    fresh = open_database(tmp_path / "fresh.sqlite3")
    try:
        exchange.import_file(fresh, path)
        again = exchange.import_file(fresh, path)
        assert not again.assessment_created
        assert (again.answers_added, again.answers_updated, again.answers_kept) == (0, 0, 4)
        assert len(services.list_assessments(fresh)) == 1
        assert len(services.list_organisations(fresh)) == 1
        with fresh.engine.connect() as connection:
            assert connection.exec_driver_sql("SELECT count(*) FROM answer").scalar() == 4
            assert connection.exec_driver_sql("SELECT count(*) FROM site").scalar() == 1
    finally:
        fresh.close()


def test_newer_answers_win_in_both_directions(tmp_path: Path, db, answered):
    """Two laptops: the file carries one answer changed later than here, one changed earlier."""
    document = exchange.export_document(db, answered.id)
    services.save_answer(
        db, answered.id, AnswerInput("14001-6.1.2-a", maturity=2, notes="local, later")
    )
    for item in document["answers"]:
        if item["question_id"] == "9001-4.1-a":
            item.update(maturity=5, notes="from the file, later", updated_at="2999-01-01T00:00:00Z")
        if item["question_id"] == "14001-6.1.2-a":
            item.update(maturity=4, notes="from the file, older")
    document["answers"].append(
        {
            "question_id": "9001-5.1.1-a",
            "maturity": 1,
            "not_applicable": False,
            "justification": "",
            "notes": "",
            "evidence": "",
            "updated_at": "2026-02-01T08:00:00+01:00",
        }
    )
    result = exchange.import_document(db, document)
    assert (result.answers_added, result.answers_updated, result.answers_kept) == (1, 1, 3)
    detail = services.load_assessment(db, answered.id)
    assert detail.answer_for("9001-4.1-a").notes == "from the file, later"
    assert detail.answer_for("14001-6.1.2-a").notes == "local, later"
    assert detail.answer_for("9001-5.1.1-a").maturity == 1


def test_newer_assessment_details_replace_older(db, answered):
    document = exchange.export_document(db, answered.id)
    document["assessment"].update(title="Renamed elsewhere", updated_at="2999-01-01T00:00:00Z")
    document["organisation"].update(name="Acme Widgets Group", updated_at="2999-01-01T00:00:00Z")
    exchange.import_document(db, document)
    [listed] = services.list_assessments(db)
    assert (listed.title, listed.organisation_name) == ("Renamed elsewhere", "Acme Widgets Group")


def test_import_is_one_transaction(tmp_path: Path, db, answered):
    """A conflict found late (the site belongs to another organisation) writes nothing at all."""
    document = exchange.export_document(db, answered.id)
    other = services.create_organisation(db, "Someone Else")
    services.create_site(db, other.id, "Their site")
    their_site = services.list_sites(db, other.id)[0]
    document["organisation"].update(name="Changed", updated_at="2999-01-01T00:00:00Z")
    document["site"]["id"] = str(their_site.id)
    document["answers"][0].update(maturity=5, updated_at="2999-01-01T00:00:00Z")
    before = exchange.export_document(db, answered.id)
    with pytest.raises(ExchangeFileError, match="another organisation"):
        exchange.import_document(db, document)
    assert comparable(exchange.export_document(db, answered.id)) == comparable(before)


def test_pack_scope_conflict_is_refused(db, answered):
    document = exchange.export_document(db, answered.id)
    document["assessment"]["packs"] = [{"id": "custom-pack", "edition": "1", "content_hash": "x"}]
    with pytest.raises(ExchangeFileError, match="other questionnaires"):
        exchange.import_document(db, document)


def test_export_to_a_missing_folder_leaves_nothing(tmp_path: Path, db, answered):
    from imsdesk.errors import ExportError

    target = tmp_path / "no" / "such" / "folder" / "a.json"
    with pytest.raises(ExportError, match="does not exist"):
        exchange.export_file(db, answered.id, target)
    assert not (tmp_path / "no").exists()


def test_clause_targets_travel_with_the_file(tmp_path: Path, db, answered):
    services.set_clause_target(db, answered.id, "iso9001-2015", "8.5", 4)
    path = tmp_path / "t.json"
    exchange.export_file(db, answered.id, path)
    document = json.loads(path.read_text("utf-8"))
    assert [(t["questionnaire"], t["clause"], t["target"]) for t in document["clause_targets"]] == [
        ("iso9001-2015", "8.5", 4)
    ]
    fresh = open_database(tmp_path / "fresh.sqlite3")
    try:
        exchange.import_file(fresh, path)
        assert services.load_assessment(fresh, answered.id).target_overrides() == {
            ("iso9001-2015", "8.5"): 4
        }
        # Newest wins, as for answers.
        document["clause_targets"][0].update(target=2, updated_at="2999-01-01T00:00:00Z")
        exchange.import_document(fresh, document)
        assert services.load_assessment(fresh, answered.id).target_overrides() == {
            ("iso9001-2015", "8.5"): 2
        }
        document["clause_targets"][0].update(target=5, updated_at="2000-01-01T00:00:00Z")
        exchange.import_document(fresh, document)
        assert (
            services.load_assessment(fresh, answered.id).target_overrides()[("iso9001-2015", "8.5")]
            == 2
        )
    finally:
        fresh.close()


def test_clause_target_for_a_questionnaire_outside_the_assessment(db, answered):
    document = exchange.export_document(db, answered.id)
    document["clause_targets"] = [
        {
            "questionnaire": "iso45001-2018",
            "clause": "8.1",
            "target": 4,
            "updated_at": "2026-01-01T00:00:00Z",
        }
    ]
    with pytest.raises(ExchangeFileError, match="iso45001-2018"):
        exchange.import_document(db, document)


def test_a_file_without_clause_targets_is_still_version_1(tmp_path: Path, db, answered):
    document = exchange.export_document(db, answered.id)
    document.pop("clause_targets")
    path = tmp_path / "old.json"
    path.write_text(json.dumps(document), "utf-8")
    assert exchange.import_file(db, path).answers_kept == 4
