"""`imsdesk plan` and the commands that shape it, on the demo."""

from __future__ import annotations

import json

import pytest


@pytest.fixture
def demo_id(cli) -> str:
    run = cli("--db", "demo.db", "demo")
    assert run.code == 0, run.stderr
    return run.stdout.strip().splitlines()[-1]


def plan(cli, demo_id) -> dict:
    run = cli("--db", "demo.db", "plan", demo_id, "--json")
    assert run.code == 0, run.stderr
    return json.loads(run.stdout)


def test_plan_json_of_the_demo(cli, demo_id):
    document = plan(cli, demo_id)
    objectives = document["objectives"]
    quality = [o for o in objectives if o["kind"] == "quality"]
    environmental = [o for o in objectives if o["kind"] == "environmental"]
    assert len(quality) >= 3 and len(environmental) >= 3
    for o in objectives:
        assert set(o) >= {"id", "kind", "statement", "kpi", "unit", "baseline", "target_value",
                          "due", "owner", "frequency", "status"}  # fmt: skip
    for o in environmental:
        assert (
            o["kpi"] and o["unit"] and o["baseline"] is not None and o["target_value"] is not None
        )
        assert o["problems"] == []
    links = document["links"]
    assert len(links) >= 3
    ids = {o["id"]: o for o in objectives}
    for link in links:
        assert ids[link["quality_objective_id"]]["kind"] == "quality"
        assert ids[link["environmental_objective_id"]]["kind"] == "environmental"
        assert link["rationale"]
    assert [o["statement"] for o in quality if o["incomplete"]] == []  # every one linked
    actions = document["actions"]
    assert actions
    for a in actions:
        assert set(a) >= {"id", "title", "clause", "priority", "due", "owner", "status", "link",
                          "phase", "phase_name", "standards", "questions"}  # fmt: skip
        assert a["owner"] and a["standards"]
        assert a["phase"] or not a["generated"]
    served = {a["link"] for a in actions if a["link"]}
    assert served == {link["id"] for link in links}  # each link with the levers that move it
    both = [a for a in actions if a["standards"] == ["ISO 9001", "ISO 14001"]]
    assert any(a["title"].startswith("Integrate the internal audit programme") for a in both)
    assert document["changes"] == {"added": 0, "updated": 0, "closed": 0, "reopened": 0}


def test_plan_text_reads_objective_target_actions(cli, demo_id):
    run = cli("--db", "demo.db", "plan", demo_id[:8])
    assert run.code == 0
    text = run.stdout
    first = text.index("Quality objective")
    assert text.index("-> Environmental target") > first
    assert "Not yet linked to an environmental target (incomplete)" not in text
    assert "ISO 9001 + ISO 14001" in text and "phase 6" in text
    assert "Section 8 Operation" in text


def test_objectives_suggestions_links_and_actions_from_the_cli(cli, demo_id):
    vague = cli("--db", "demo.db", "objective", "add", demo_id, "--kind", "quality",
                "--statement", "Improve quality")  # fmt: skip
    assert vague.code == 1
    assert "must be measurable (ISO 9001 6.2.1 b): it needs a KPI, a unit, a target value" in (
        vague.stderr
    )
    added = cli("--db", "demo.db", "objective", "add", demo_id, "--kind", "quality",
                "--statement", "Cut supplier rejects to 500 ppm", "--category", "suppliers",
                "--kpi", "Supplier rejects", "--unit", "ppm", "--baseline", "1200",
                "--target", "500", "--due", "2099-01-01")  # fmt: skip
    assert added.code == 0, added.stderr
    quality = added.stdout.strip()
    suggestions = json.loads(cli("--db", "demo.db", "suggest", quality, "--json").stdout)
    assert suggestions[0]["template"] == "suppliers-environmental-criteria"
    refused = cli("--db", "demo.db", "suggest", quality, "--accept", suggestions[0]["template"])
    assert refused.code == 1 and "--baseline, --target, --due" in refused.stderr
    accepted = cli("--db", "demo.db", "suggest", quality, "--accept", suggestions[0]["template"],
                   "--baseline", "20", "--target", "80", "--due", "2099-01-01")  # fmt: skip
    assert accepted.code == 0, accepted.stderr
    document = plan(cli, demo_id)
    mine = next(o for o in document["objectives"] if o["id"] == quality)
    assert not mine["incomplete"]

    action = document["actions"][0]
    edited = cli(
        "--db",
        "demo.db",
        "action",
        "edit",
        action["id"][:8],
        "--owner",
        "Sarah",
        "--status",
        "in progress",
    )
    assert edited.code == 0, edited.stderr
    again = next(a for a in plan(cli, demo_id)["actions"] if a["id"] == action["id"])
    assert (again["owner"], again["status"]) == ("Sarah", "in progress")

    manual = cli("--db", "demo.db", "action", "add", demo_id, "--title", "Book spill kit training",
                 "--clause", "iso14001-2015:8.2", "--owner", "EMS lead")  # fmt: skip
    assert manual.code == 0, manual.stderr
    assert any(
        a["title"] == "Book spill kit training" and a["clause"] == "8.2"
        for a in plan(cli, demo_id)["actions"]
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["objective", "add", "{id}", "--kind", "environmental", "--statement", "Less waste"],
            "An environmental target needs a KPI, a unit, a baseline, a target value and a due date",
        ),
        (
            [
                "objective",
                "add",
                "{id}",
                "--kind",
                "quality",
                "--statement",
                "X",
                "--due",
                "2001-01-01",
            ],
            "must be after the assessment date",
        ),
        (["objective", "edit", "zzzz"], "Give at least one field to change"),
        (
            ["action", "edit", "00000000", "--owner", "x"],
            "There is no action with the id 00000000.",
        ),
    ],
)
def test_plan_command_errors(cli, demo_id, args, message):
    run = cli("--db", "demo.db", *[a.replace("{id}", demo_id) for a in args])
    assert run.code == 1
    assert message in run.stderr and "Traceback" not in run.stderr


def test_bad_date_is_a_usage_error(cli, demo_id):
    assert (
        cli(
            "--db",
            "demo.db",
            "objective",
            "add",
            demo_id,
            "--kind",
            "quality",
            "--statement",
            "X",
            "--due",
            "next week",
        ).code
        == 2
    )
