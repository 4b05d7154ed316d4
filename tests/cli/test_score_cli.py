"""`imsdesk score` and `imsdesk target` on the demo assessment."""

from __future__ import annotations

import json

import pytest


@pytest.fixture
def demo_id(cli) -> str:
    run = cli("--db", "demo.db", "demo")
    assert run.code == 0, run.stderr
    return run.stdout.strip().splitlines()[-1]


def test_score_json_of_the_demo(cli, demo_id):
    run = cli("--db", "demo.db", "score", demo_id, "--json")
    assert run.code == 0, run.stderr
    card = json.loads(run.stdout)
    assert card["assessment"]["id"] == demo_id
    assert set(card["overall"]) >= {"score", "completion", "verdict", "reasons"}
    assert card["overall"]["completion"] == 100.0
    assert 0 < card["overall"]["score"] < 100
    standards = {s["questionnaire"]: s for s in card["standards"]}
    assert list(standards) == ["iso9001-2015", "iso14001-2015"]
    for s in standards.values():
        assert set(s) >= {"questionnaire", "standard", "score", "completion", "verdict", "reasons"}
        assert s["reasons"]
    # The demo's story: ISO 9001 certified for years, audits and reviews on record; the EMS is
    # being built. Its verdicts say the same, and the integrated one is the weaker standard's.
    assert standards["iso9001-2015"]["verdict"] == "Ready for Stage 1 audit"
    assert "Internal audit carried out (9.2)" in standards["iso9001-2015"]["reasons"]
    assert "Management review carried out (9.3)" in standards["iso9001-2015"]["reasons"]
    assert standards["iso14001-2015"]["verdict"].startswith("Not ready")
    assert card["overall"]["verdict"].startswith("Not ready: ISO 14001: ")
    # one way of counting: the JSON's findings are per clause, as the verdict names them
    majors = standards["iso14001-2015"]["findings"]["likely major"]
    assert f"{majors} likely major nonconformities" in " ".join(
        standards["iso14001-2015"]["reasons"]
    )
    assert card["overall"]["score"] == round(
        (standards["iso9001-2015"]["score"] + standards["iso14001-2015"]["score"]) / 2, 1
    )
    assert standards["iso9001-2015"]["score"] > standards["iso14001-2015"]["score"]
    numbers = {(c["questionnaire"], c["number"]) for c in card["clauses"]}
    assert ("iso9001-2015", "8.7.2") in numbers and ("iso14001-2015", "8.2") in numbers
    assert len(card["clauses"]) == 91 + 45
    for clause in card["clauses"]:
        assert set(clause) >= {"number", "title", "standard", "score", "completion", "finding"}
    assert [s["number"] for s in card["sections"] if s["questionnaire"] is None] == [
        "4", "5", "6", "7", "8", "9", "10",
    ]  # fmt: skip
    priorities = [g["priority"] for g in card["gaps"]]
    assert priorities == sorted(priorities, reverse=True) and priorities
    assert card["gaps"][0]["rank"] == 1 and card["gaps"][0]["question"].endswith("?")


def test_score_text_and_assessments_show_the_score(cli, demo_id):
    text = cli("--db", "demo.db", "score", demo_id[:8])
    assert text.code == 0
    assert "Not ready" in text.stdout and "Top 10 of" in text.stdout
    [row] = json.loads(cli("--db", "demo.db", "assessments", "--json").stdout)
    card = json.loads(cli("--db", "demo.db", "score", demo_id, "--json").stdout)
    assert row["score"] == card["overall"]["score"]
    assert row["verdict"] == card["overall"]["verdict"]


def test_targets_change_the_gaps(cli, demo_id):
    before = json.loads(cli("--db", "demo.db", "score", demo_id, "--json").stdout)
    assert cli("--db", "demo.db", "target", demo_id, "2").code == 0
    lower = json.loads(cli("--db", "demo.db", "score", demo_id, "--json").stdout)
    assert lower["assessment"]["target_maturity"] == 2
    # conformity is level 3 whatever the target: the same nonconformities, the same verdict
    assert [g["question_id"] for g in lower["gaps"]] == [g["question_id"] for g in before["gaps"]]
    assert lower["overall"]["level"] == before["overall"]["level"]
    run = cli("--db", "demo.db", "target", demo_id, "5", "--clause", "iso9001-2015:8.5")
    assert run.code == 0, run.stderr
    card = json.loads(cli("--db", "demo.db", "score", demo_id, "--json").stdout)
    assert card["assessment"]["clause_targets"] == [
        {"questionnaire": "iso9001-2015", "clause": "8.5", "target": 5}
    ]
    clause = next(
        c
        for c in card["clauses"]
        if c["number"] == "8.5.2" and c["questionnaire"] == "iso9001-2015"
    )
    assert clause["target"] == 5.0
    assert (
        cli("--db", "demo.db", "target", demo_id, "default", "--clause", "iso9001-2015:8.5").code
        == 0
    )
    card = json.loads(cli("--db", "demo.db", "score", demo_id, "--json").stdout)
    assert card["assessment"]["clause_targets"] == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["7"], "'7' is not a maturity level; use 0 to 5."),
        (["default"], "'default' is not a maturity level; use 0 to 5."),
        (
            ["3", "--clause", "iso9001-2015:99.9"],
            "'iso9001-2015:99.9' is not a clause of an installed questionnaire",
        ),
        (["3", "--clause", "8.5"], "'8.5' is not a clause of an installed questionnaire"),
    ],
)
def test_target_errors(cli, demo_id, args, message):
    run = cli("--db", "demo.db", "target", demo_id, *args)
    assert run.code == 1
    assert message in run.stderr and "Traceback" not in run.stderr


def test_compare_with_the_last_cycle(cli, demo_id):
    run = cli("--db", "demo.db", "demo")
    second = run.stdout.strip().splitlines()[-1]
    card = json.loads(
        cli("--db", "demo.db", "score", second, "--compare", demo_id, "--json").stdout
    )
    comparison = card["comparison"]
    assert comparison["delta"] == 0.0
    assert comparison["improved"] == [] and comparison["regressed"] == []
    assert len(comparison["clauses"]) == 91 + 45


def test_score_unknown_assessment(cli):
    run = cli("--db", "demo.db", "score", "abcdef12")
    assert run.code == 1 and "There is no assessment with the id abcdef12." in run.stderr


def test_compare_refuses_a_later_assessment_and_itself(cli, demo_id):
    second = cli("--db", "demo.db", "demo").stdout.strip().splitlines()[-1]
    later = cli("--db", "demo.db", "score", demo_id, "--compare", second)
    assert later.code == 1
    assert "compare an assessment with an earlier one" in later.stderr
    assert "Traceback" not in later.stderr
    itself = cli("--db", "demo.db", "score", demo_id, "--compare", demo_id)
    assert itself.code == 1 and "cannot be compared with itself" in itself.stderr
