"""Objectives, links and actions through the exchange file."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

import pytest

from imsdesk import exchange
from imsdesk.demo import create_demo
from imsdesk.errors import ExchangeFileError
from imsdesk.planning import load_library
from imsdesk.services import plan as plans
from imsdesk.storage import open_database


@pytest.fixture
def demo(db, catalog):
    return create_demo(db, catalog, load_library(), today=dt.date(2026, 3, 10))


def without_time(document: dict) -> dict:
    document = copy.deepcopy(document)
    document.pop("exported_at")
    return document


def test_plan_round_trip(tmp_path: Path, db, catalog, demo):
    first = exchange.export_document(db, demo.id)
    assert len(first["objectives"]) == 9 and len(first["links"]) == 5
    generated = [a for a in first["actions"] if a["source_key"]]
    assert generated and all(a["phase"] and a["questions"] for a in generated)
    levers = [a for a in first["actions"] if not a["source_key"]]
    assert levers and all(a["link"] for a in levers)  # the templates' objective actions
    path = tmp_path / "demo.json"
    exchange.write_document(path, first)
    fresh = open_database(tmp_path / "fresh.sqlite3")
    try:
        exchange.import_file(fresh, path, catalog)
        second = exchange.export_document(fresh, demo.id)
        changes = plans.refresh_plan(fresh, catalog, demo.id)
        view = plans.load_plan(fresh, catalog, demo.id)
    finally:
        fresh.close()
    assert without_time(first) == without_time(second)
    assert changes.empty  # the imported plan already matches the answers
    assert [len(g.targets) for g in view.plan.groups] == [1, 2, 1, 1]


def test_the_same_gap_from_two_laptops_merges_into_one_action(tmp_path: Path, db, catalog, demo):
    document = exchange.export_document(db, demo.id)
    other = copy.deepcopy(document)
    # Laptop B generated the same actions under its own ids, and gave one an owner later.
    import uuid

    other["actions"] = [a for a in other["actions"] if a["source_key"]]
    for action in other["actions"]:
        action["id"] = str(uuid.uuid4())
    other["actions"][0].update(owner="Works manager", updated_at="2999-01-01T00:00:00Z",
                               edited=["owner"])  # fmt: skip
    exchange.import_document(db, other, catalog)
    merged = exchange.export_document(db, demo.id)
    assert len(merged["actions"]) == len(document["actions"])
    first = next(
        a for a in merged["actions"] if a["source_key"] == other["actions"][0]["source_key"]
    )
    assert first["owner"] == "Works manager"
    local = next(a for a in document["actions"] if a["source_key"] == first["source_key"])
    assert first["id"] == local["id"]  # the local id is kept


def test_a_link_to_an_objective_outside_the_file_is_refused(db, catalog, demo):
    document = exchange.export_document(db, demo.id)
    document["links"][0]["quality_objective_id"] = "00000000-0000-4000-8000-000000000000"
    before = exchange.export_document(db, demo.id)
    with pytest.raises(ExchangeFileError, match="names an objective that is not in the file"):
        exchange.import_document(db, document, catalog)
    assert without_time(exchange.export_document(db, demo.id)) == without_time(before)


def test_bad_plan_fields_are_named_by_path(tmp_path: Path, db, catalog, demo):
    document = exchange.export_document(db, demo.id)
    document["objectives"][0]["status"] = "nearly there"
    document["actions"][1]["due"] = "2026-02-30"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document), "utf-8")
    with pytest.raises(ExchangeFileError) as info:
        exchange.import_file(db, path, catalog)
    message = str(info.value)
    assert "$.objectives[0].status: 'nearly there' is not one of" in message
    assert "$.actions[1].due: '2026-02-30' is not a real date" in message
