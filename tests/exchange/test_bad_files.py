"""Every kind of bad exchange file gets a clear message and changes nothing."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from imsdesk import exchange, services
from imsdesk.errors import ExchangeFileError

ORG_ID = "0d7f4b8e-1c2a-4c1e-9a53-2f6b1f0a1111"
SITE_ID = "0d7f4b8e-1c2a-4c1e-9a53-2f6b1f0a2222"
ASSESSMENT_ID = "0d7f4b8e-1c2a-4c1e-9a53-2f6b1f0a3333"
T = "2026-03-02T09:15:00Z"

# A hand-written file, as a consultant's script or another tool might produce it.
VALID: dict[str, Any] = {
    "format": "imsdesk-assessment",
    "version": 1,
    "organisation": {
        "id": ORG_ID,
        "name": "Handmade Ltd",
        "sector": "Joinery",
        "size": "9",
        "address": "Unit 4, Canal St",
        "contact": "ops@handmade.example",
        "created_at": T,
        "updated_at": T,
    },
    "site": {
        "id": SITE_ID,
        "name": "Workshop",
        "address": "Unit 4",
        "created_at": T,
        "updated_at": T,
    },
    "assessment": {
        "id": ASSESSMENT_ID,
        "title": "Readiness 2026",
        "assessor": "P. Consultant",
        "date": "2026-03-02",
        "target_maturity": 3,
        "status": "draft",
        "packs": [{"id": "iso9001-2015", "edition": "2015", "content_hash": "sha256:abc"}],
        "created_at": T,
        "updated_at": T,
    },
    "answers": [
        {
            "question_id": "9001-4.1-a",
            "maturity": 2,
            "not_applicable": False,
            "justification": "",
            "notes": "Context discussed at board",
            "evidence": "Board minutes",
            "updated_at": T,
        },
        {
            "question_id": "9001-8.3.1-a",
            "maturity": None,
            "not_applicable": True,
            "justification": "No design",
            "notes": "",
            "evidence": "",
            "updated_at": T,
        },
    ],
}


def variant(change) -> dict[str, Any]:
    document = copy.deepcopy(VALID)
    change(document)
    return document


def write(tmp_path: Path, content: Any) -> Path:
    path = tmp_path / "in.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif isinstance(content, str):
        path.write_text(content, "utf-8")
    else:
        path.write_text(json.dumps(content), "utf-8")
    return path


def test_the_hand_written_file_imports(tmp_path: Path, db):
    result = exchange.import_file(db, write(tmp_path, VALID))
    assert str(result.assessment_id) == ASSESSMENT_ID
    detail = services.load_assessment(db, ASSESSMENT_ID)
    assert detail.organisation.contact == "ops@handmade.example"
    assert detail.answer_for("9001-8.3.1-a").justification == "No design"


CASES = [
    ("not json", "this is { not json", "not valid JSON (line 1, column 1"),
    ("binary", b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe", "not a text file in UTF-8"),
    ("json list", [1, 2, 3], "not an IMS Desk assessment file"),
    ("other format", {"format": "something-else", "version": 1}, "not an IMS Desk assessment file"),
    ("newer version", variant(lambda d: d.update(version=3)), "newer IMS Desk (format version 3)"),
    ("version 0", variant(lambda d: d.update(version=0)), "format version 0 is not supported"),
    (
        "both not applicable and not arising",
        variant(
            lambda d: (
                d.update(version=2)
                or d["answers"][0].update(not_applicable=True, does_not_arise=True)
            )
        ),
        "either not applicable or does not arise",
    ),
    (
        "override without a reason",
        variant(
            lambda d: (
                d.update(version=2)
                or d["answers"][0].update(override={"finding": "likely minor", "reason": ""})
            )
        ),
        "$.answers[0].override",
    ),
    (
        "override to an unknown finding",
        variant(
            lambda d: (
                d.update(version=2)
                or d["answers"][0].update(
                    override={"finding": "major", "reason": "Records are not kept at all"}
                )
            )
        ),
        "$.answers[0].override",
    ),
    (
        "version as text",
        variant(lambda d: d.update(version="1")),
        "$.version: the format version must be a whole number",
    ),
    ("missing answers", variant(lambda d: d.pop("answers")), "$: the field 'answers' is missing"),
    (
        "missing nested field",
        variant(lambda d: d["answers"][1].pop("not_applicable")),
        "$.answers[1]: the field 'not_applicable' is missing",
    ),
    (
        "maturity too high",
        variant(lambda d: d["answers"][0].update(maturity=7)),
        "$.answers[0].maturity: maturity 7 is out of range; use 0 to 5 or null",
    ),
    (
        "maturity negative",
        variant(lambda d: d["answers"][0].update(maturity=-1)),
        "$.answers[0].maturity: maturity -1 is out of range",
    ),
    (
        "maturity as text",
        variant(lambda d: d["answers"][0].update(maturity="3")),
        "$.answers[0].maturity: expected a whole number or null, found the text '3'",
    ),
    (
        "notes as number",
        variant(lambda d: d["answers"][0].update(notes=12)),
        "$.answers[0].notes: expected a string, found the number 12",
    ),
    (
        "bad uuid",
        variant(lambda d: d["assessment"].update(id="1234")),
        "$.assessment.id: '1234' is not a valid UUID",
    ),
    (
        "bad date",
        variant(lambda d: d["assessment"].update(date="02/03/2026")),
        "$.assessment.date: '02/03/2026' is not a valid date (YYYY-MM-DD)",
    ),
    (
        "impossible date",
        variant(lambda d: d["assessment"].update(date="2026-02-30")),
        "$.assessment.date: '2026-02-30' is not a real date",
    ),
    (
        "bad timestamp",
        variant(lambda d: d["answers"][0].update(updated_at="yesterday")),
        "$.answers[0].updated_at: 'yesterday' is not a valid timestamp",
    ),
    (
        "impossible timestamp",
        variant(lambda d: d["answers"][0].update(updated_at="2026-13-01T00:00:00Z")),
        "$.answers[0].updated_at: '2026-13-01T00:00:00Z' is not a real date and time",
    ),
    (
        "bad status",
        variant(lambda d: d["assessment"].update(status="closed")),
        "$.assessment.status: 'closed' is not one of 'draft', 'final'",
    ),
    ("no packs", variant(lambda d: d["assessment"].update(packs=[])), "$.assessment.packs"),
    ("empty name", variant(lambda d: d["organisation"].update(name="")), "$.organisation.name"),
    (
        "site wrong type",
        variant(lambda d: d.update(site="Workshop")),
        "$.site: the site must be null or an object",
    ),
    (
        "assessment as text",
        variant(lambda d: d.update(assessment="Readiness")),
        "$.assessment: expected an object, found the text 'Readiness'",
    ),
    (
        "answers as number",
        variant(lambda d: d.update(answers=3)),
        "$.answers: expected a list, found the number 3",
    ),
    (
        "duplicate answer",
        variant(lambda d: d["answers"].append(copy.deepcopy(d["answers"][0]))),
        "$.answers[2].question_id: '9001-4.1-a' is answered twice (also at $.answers[0])",
    ),
]


@pytest.mark.parametrize(("content", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_file_is_refused_with_a_clear_message(tmp_path: Path, db, content, expected):
    path = write(tmp_path, content)
    with pytest.raises(ExchangeFileError) as info:
        exchange.import_file(db, path)
    message = str(info.value)
    assert message.startswith(str(path))
    assert expected in message
    assert "Traceback" not in message
    assert services.list_organisations(db) == []


def test_many_errors_are_summarised(tmp_path: Path, db):
    document = variant(lambda d: [a.update(maturity=9) for a in d["answers"] * 4])
    document["answers"] = [
        dict(a, question_id=f"q{i}") for i, a in enumerate(document["answers"] * 4)
    ]
    with pytest.raises(ExchangeFileError, match=r"\(and 3 more\)"):
        exchange.import_file(db, write(tmp_path, document))


def test_missing_file_and_folder(tmp_path: Path, db):
    with pytest.raises(ExchangeFileError, match="no such file"):
        exchange.import_file(db, tmp_path / "absent.json")
    with pytest.raises(ExchangeFileError, match="not a file"):
        exchange.import_file(db, tmp_path)


def test_oversized_file_is_refused_before_reading(tmp_path: Path, db, monkeypatch):
    from imsdesk.exchange import document

    monkeypatch.setattr(document, "MAX_BYTES", 1000)
    path = write(tmp_path, VALID)
    assert path.stat().st_size > 1000
    with pytest.raises(ExchangeFileError, match="assessment files are at most"):
        exchange.import_file(db, path)


def test_real_size_limit_is_50_mb():
    from imsdesk.exchange import document

    assert document.MAX_BYTES == 50 * 1024 * 1024
