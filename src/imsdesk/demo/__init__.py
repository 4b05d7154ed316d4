"""The demo client: Demo Manufacturing Ltd with an integrated ISO 9001 / ISO 14001 assessment.

The answers are data (``demo-manufacturing.yaml``): a plausible small sheet-metal manufacturer
with a working, certified QMS and an EMS still being built.
"""

from __future__ import annotations

import datetime as dt
from importlib import resources
from typing import Any

import yaml

from imsdesk import services
from imsdesk.catalog import Catalog
from imsdesk.planning import QUALITY, Library
from imsdesk.services import AnswerInput, AssessmentRecord
from imsdesk.services.objectives import ObjectiveInput, accept_suggestion, add_objective
from imsdesk.services.plan import refresh_plan
from imsdesk.storage import Database

DATA_FILE = "demo-manufacturing.yaml"
DEMO_PACKS = ("iso9001-2015", "iso14001-2015")


GO_LIVE_DAYS_BEFORE = 122


def demo_data() -> dict[str, Any]:
    text = resources.files("imsdesk.demo").joinpath(DATA_FILE).read_text("utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def create_demo(
    db: Database, catalog: Catalog, library: Library, today: dt.date | None = None
) -> AssessmentRecord:
    """Create (or reuse) the demo organisation and site, and a new, fully answered assessment
    with linked objectives and its generated action plan."""
    data = demo_data()
    packs = services.pack_refs(catalog, DEMO_PACKS)
    org_data, site_data, info = data["organisation"], data["site"], data["assessment"]
    organisation = next(
        (o for o in services.list_organisations(db) if o.name == org_data["name"]), None
    ) or services.create_organisation(
        db,
        org_data["name"],
        sector=org_data["sector"],
        size=org_data["size"],
        address=org_data["address"],
        contact=org_data["contact"],
    )
    site = next(
        (s for s in services.list_sites(db, organisation.id) if s.name == site_data["name"]), None
    ) or services.create_site(db, organisation.id, site_data["name"], address=site_data["address"])
    assessment = services.create_assessment(
        db,
        organisation.id,
        site_id=site.id,
        title=info["title"],
        assessor=info["assessor"],
        date=today or dt.date.today(),
        packs=packs,
    )
    # The integrated system (the EMS joined the long-certified QMS) has run for about four months.
    services.update_assessment(
        db, assessment.id, go_live=assessment.date - dt.timedelta(days=GO_LIVE_DAYS_BEFORE)
    )
    answers = [_answer(question_id, given) for question_id, given in data["answers"].items()]
    services.save_answers(db, assessment.id, answers, catalog)
    _objectives(db, library, assessment, data.get("objectives", []))
    refresh_plan(db, catalog, assessment.id, today=today)
    return services.load_assessment(db, assessment.id).assessment


def _objectives(
    db: Database, library: Library, assessment: AssessmentRecord, items: list[dict[str, Any]]
) -> None:
    def due(item: dict[str, Any]) -> dt.date:
        return assessment.date + dt.timedelta(days=item["due_in_days"])

    for item in items:
        quality = add_objective(
            db,
            assessment.id,
            ObjectiveInput(
                kind=QUALITY,
                statement=item["statement"],
                category=item["category"],
                kpi=item["kpi"],
                unit=item["unit"],
                baseline=item["baseline"],
                target_value=item["target_value"],
                due=due(item),
                owner=item["owner"],
                frequency=item["frequency"],
                status=item["status"],
            ),
        )
        for target in item["targets"]:
            accept_suggestion(
                db,
                library,
                quality.id,
                target["template"],
                statement=target["statement"],
                baseline=target["baseline"],
                target_value=target["target_value"],
                due=due(target),
                owner=target["owner"],
                frequency=target["frequency"],
            )


def _answer(question_id: str, given: dict[str, Any]) -> AnswerInput:
    return AnswerInput(
        question_id=question_id,
        maturity=given.get("maturity"),
        not_applicable=bool(given.get("not_applicable", False)),
        justification=_text(given.get("justification")),
        notes=_text(given.get("notes")),
        evidence=_text(given.get("evidence")),
    )


def _text(value: Any) -> str:
    return " ".join(str(value).split()) if value else ""
