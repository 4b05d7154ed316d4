"""The previous cycle and carried-over answers in the exchange file: exported, imported, and
optional so that version-1 files without them stay valid."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

import pytest

from imsdesk import exchange, services
from imsdesk.errors import ExchangeFileError
from imsdesk.exchange.document import parse_document
from imsdesk.storage import open_database
from tests.exchange.test_bad_files import VALID


def test_predecessor_and_carried_over_travel_with_the_file(tmp_path: Path, db, assessment):
    services.save_answer(db, assessment.id, services.AnswerInput("9001-4.1-a", maturity=2))
    second = services.next_cycle(db, assessment.id, date=dt.date(2027, 3, 1))
    services.save_answer(db, second.id, services.AnswerInput("9001-8.3.1-a", maturity=1))
    document = exchange.export_document(db, second.id)
    assert document["assessment"]["predecessor_id"] == str(assessment.id)
    assert {a["question_id"]: a["carried_over"] for a in document["answers"]} == {
        "9001-4.1-a": True,
        "9001-8.3.1-a": False,
    }
    parse_document(json.dumps(document).encode(), "doc.json")  # valid against the schema

    with open_database(tmp_path / "other.sqlite3") as other:
        # The previous cycle is not in this database: the link is dropped, not left dangling.
        exchange.import_document(other, document)
        alone = services.load_assessment(other, second.id)
        assert alone.assessment.predecessor_id is None
        assert alone.answer_for("9001-4.1-a").carried_over is True
        # Once the previous cycle is there, a newer file links them.
        exchange.import_document(other, exchange.export_document(db, assessment.id))
        newer = copy.deepcopy(document)
        newer["assessment"]["updated_at"] = "2099-01-01T00:00:00Z"
        exchange.import_document(other, newer)
        assert services.load_assessment(other, second.id).assessment.predecessor_id == (
            assessment.id
        )


def test_a_version_1_file_without_the_new_fields_imports_with_defaults(tmp_path: Path):
    document = parse_document(json.dumps(VALID).encode(), "old.json")
    assert "predecessor_id" not in document["assessment"]
    with open_database(tmp_path / "fresh.sqlite3") as db:
        result = exchange.import_document(db, document)
        detail = services.load_assessment(db, result.assessment_id)
        assert detail.assessment.predecessor_id is None
        assert not any(a.carried_over for a in detail.answers)


def test_bad_values_of_the_new_fields_are_refused_with_their_paths():
    document = copy.deepcopy(VALID)
    document["assessment"]["predecessor_id"] = "last year"
    document["answers"][0]["carried_over"] = "yes"
    with pytest.raises(ExchangeFileError) as info:
        parse_document(json.dumps(document).encode(), "bad.json")
    message = str(info.value)
    assert "$.answers[0].carried_over" in message
    assert "$.assessment.predecessor_id" in message
