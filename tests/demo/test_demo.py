"""The demo client: complete, realistic, and created the same way from the CLI."""

from __future__ import annotations

import datetime as dt
import json
import statistics
from pathlib import Path

import pytest

from imsdesk import services
from imsdesk.demo import create_demo, demo_data


@pytest.fixture(scope="session")
def library():
    from imsdesk.planning import load_library

    return load_library()


@pytest.fixture
def demo(db, catalog, library):
    return create_demo(db, catalog, library, today=dt.date(2026, 3, 10))


def test_demo_data_answers_exactly_the_questions_of_both_packs(catalog):
    expected = [
        q.id for pid in ("iso9001-2015", "iso14001-2015") for q in catalog.pack(pid).questions
    ]
    assert list(demo_data()["answers"]) == expected


def test_demo_is_complete(db, catalog, demo):
    assert demo.organisation_name == "Demo Manufacturing Ltd"
    assert demo.site_name
    assert [p.pack_id for p in demo.packs] == ["iso9001-2015", "iso14001-2015"]
    assert demo.date == dt.date(2026, 3, 10)
    [summary] = services.overview(db, catalog).assessments
    assert summary.progress == 100.0
    assert summary.warnings == ()  # the demo pins the installed packs
    assert not summary.stale


def test_demo_is_realistic(db, catalog, demo):
    detail = services.load_assessment(db, demo.id)
    answers = {a.question_id: a for a in detail.answers}
    scope = services.scope_of(demo.packs, catalog)
    not_applicable = [a for a in answers.values() if a.not_applicable]
    assert 3 <= len(not_applicable) <= 25
    for answer in not_applicable:
        question = scope.pack_of(answer.question_id).question(answer.question_id)
        assert question.na_allowed and len(answer.justification.split()) >= 8
        assert answer.maturity is None
    with_text = [a for a in answers.values() if a.notes or a.evidence]
    assert len(with_text) >= len(answers) / 3
    for pack_id in ("iso9001-2015", "iso14001-2015"):
        levels = [
            answers[q.id].maturity
            for q in catalog.pack(pack_id).questions
            if answers[q.id].maturity is not None
        ]
        assert len(set(levels)) >= 4, pack_id  # varied, not one level everywhere
        assert 1.0 <= statistics.mean(levels) <= 4.0, pack_id
    # A certified QMS and an EMS still being built: the story the demo tells.
    qms = statistics.mean(
        answers[q.id].maturity or 0
        for q in catalog.pack("iso9001-2015").questions
        if not answers[q.id].not_applicable
    )
    ems = statistics.mean(answers[q.id].maturity for q in catalog.pack("iso14001-2015").questions)
    assert qms > ems + 1


def test_running_the_demo_again_reuses_the_client(db, catalog, library, demo):
    second = create_demo(db, catalog, library)
    assert second.id != demo.id
    assert second.organisation_id == demo.organisation_id
    assert len(services.list_organisations(db)) == 1
    assert len(services.list_sites(db, demo.organisation_id)) == 1


def test_demo_command_prints_the_id_last(cli, tmp_path: Path):
    run = cli("--db", "demo.db", "demo")
    assert run.code == 0, run.stderr
    last = run.stdout.strip().splitlines()[-1]
    listing = json.loads(cli("--db", "demo.db", "assessments", "--json").stdout)
    assert [row["id"] for row in listing] == [last]
    assert listing[0]["progress"] == 100.0
    assert listing[0]["organisation"] == "Demo Manufacturing Ltd"
