"""`imsdesk action delete`: the headless twin of deleting an action in the app."""

from __future__ import annotations

import json

import pytest


@pytest.fixture
def demo_id(cli) -> str:
    run = cli("--db", "demo.db", "demo")
    assert run.code == 0, run.stderr
    return run.stdout.strip().splitlines()[-1]


def actions(cli, demo_id) -> list[dict]:
    run = cli("--db", "demo.db", "plan", demo_id, "--json")
    assert run.code == 0, run.stderr
    return json.loads(run.stdout)["actions"]


def test_deleting_an_own_action_by_its_short_id(cli, demo_id):
    added = cli("--db", "demo.db", "action", "add", demo_id, "--title", "Book spill kit training")
    assert added.code == 0, added.stderr
    action_id = added.stdout.strip()
    assert any(a["id"] == action_id for a in actions(cli, demo_id))

    run = cli("--db", "demo.db", "action", "delete", action_id[:8])

    assert run.code == 0, run.stderr
    assert f"Action {action_id} ('Book spill kit training') deleted." in run.stderr
    assert all(a["id"] != action_id for a in actions(cli, demo_id))


def test_deleting_a_generated_action_is_refused_with_one_line(cli, demo_id):
    generated = next(a for a in actions(cli, demo_id) if a["generated"])

    run = cli("--db", "demo.db", "action", "delete", generated["id"])

    assert run.code == 1
    assert "comes from a gap in the answers" in run.stderr and "Traceback" not in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    assert any(a["id"] == generated["id"] for a in actions(cli, demo_id))


def test_deleting_an_unknown_action(cli, demo_id):
    run = cli("--db", "demo.db", "action", "delete", "00000000")
    assert run.code == 1
    assert "There is no action with the id 00000000." in run.stderr
