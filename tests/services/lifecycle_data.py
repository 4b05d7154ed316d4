"""An assessment with something of every kind recorded: answers, clause targets, objectives, a
link and actions in each state. Shared by the next-cycle and the snapshot tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from imsdesk import services
from imsdesk.services import AnswerInput, objectives
from imsdesk.services import plan as plans
from imsdesk.services.objectives import ObjectiveInput
from imsdesk.storage import Database

LATER = dt.date(2027, 2, 1)


@dataclass(frozen=True)
class Recorded:
    assessment: services.AssessmentRecord
    link_id: object
    open_action: object
    progressing_action: object
    done_action: object


def record_everything(db: Database, assessment: services.AssessmentRecord) -> Recorded:
    services.save_answers(
        db,
        assessment.id,
        [
            AnswerInput("9001-4.1-a", maturity=2, notes="Draft context", evidence="Minutes"),
            AnswerInput("9001-8.3.1-a", not_applicable=True, justification="Make to print"),
            AnswerInput("14001-6.1.2-a", maturity=4),
        ],
    )
    services.set_clause_target(db, assessment.id, "iso9001-2015", "8.5", 4)
    quality = objectives.add_objective(
        db,
        assessment.id,
        ObjectiveInput("quality", "Deliver 97% on time", category="delivery", kpi="OTIF",
                       unit="%", baseline=94, target_value=97, due=LATER, owner="Ops"),
    )  # fmt: skip
    environmental = objectives.add_objective(
        db,
        assessment.id,
        ObjectiveInput("environmental", "Less CO2 per delivery", kpi="CO2e", unit="kg",
                       baseline=18, target_value=16, due=LATER, frequency="monthly"),
    )  # fmt: skip
    link = objectives.link_objectives(
        db, quality.id, environmental.id, rationale="Fuller loads", clauses=[("ems", "8.1")]
    )
    open_action = plans.add_action(db, assessment.id, "Map the delivery routes", link_id=link.id)
    progressing = plans.add_action(
        db, assessment.id, "Write work instructions", pack_id="iso9001-2015", clause="8.5.1"
    )
    progressing = plans.update_action(
        db, progressing.id, status="in progress", owner="Supervisor", due=LATER
    )
    done = plans.add_action(db, assessment.id, "Buy a label printer")
    done = plans.update_action(db, done.id, status="done")
    return Recorded(
        services.load_assessment(db, assessment.id).assessment,
        link.id,
        open_action,
        progressing,
        done,
    )
