"""Arranging objectives, links and actions into the plan a consultant hands over:
quality objective -> linked environmental target(s) -> actions, then the remaining gap actions by
harmonized section."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from imsdesk.catalog.model import clause_key
from imsdesk.planning.model import (
    ACTION_STATUSES,
    ENVIRONMENTAL,
    QUALITY,
    ActionData,
    ActionPlan,
    LinkData,
    LinkedTarget,
    ObjectiveData,
    QualityGroup,
    SectionGroup,
)
from imsdesk.planning.validation import objective_problems, objective_warnings

OTHER = "other"


def action_order(action: ActionData) -> tuple:
    """Open work first, then by phase (prerequisites first), most urgent first, clause order."""
    closed = ACTION_STATUSES.index(action.status) >= 2 if action.status in ACTION_STATUSES else True
    number = tuple(clause_key(action.clause)) if action.clause else (999,)
    phase = action.phase if action.phase is not None else 99  # own actions after the phases
    due = action.due.toordinal() if action.due else 10**7
    return (closed, phase, -(action.priority or 0.0), action.pack_id, number, due, action.title)


def assemble_plan(
    objectives: Sequence[ObjectiveData],
    links: Sequence[LinkData],
    actions: Sequence[ActionData],
    section_titles: Mapping[str, str],
    assessment_date: dt.date,
) -> ActionPlan:
    by_id = {o.id: o for o in objectives}
    ordered = sorted(objectives, key=lambda o: (o.position, o.statement))
    live_links = [
        link
        for link in links
        if link.quality_objective_id in by_id and link.environmental_objective_id in by_id
    ]
    link_ids = {link.id for link in live_links}
    groups = []
    for objective in (o for o in ordered if o.kind == QUALITY):
        mine = [link for link in live_links if link.quality_objective_id == objective.id]
        mine.sort(key=lambda link: by_id[link.environmental_objective_id].position)
        groups.append(
            QualityGroup(
                objective,
                tuple(
                    LinkedTarget(
                        link,
                        by_id[link.environmental_objective_id],
                        tuple(
                            sorted((a for a in actions if a.link_id == link.id), key=action_order)
                        ),
                    )
                    for link in mine
                ),
            )
        )
    linked_targets = {link.environmental_objective_id for link in live_links}
    unlinked = tuple(o for o in ordered if o.kind == ENVIRONMENTAL and o.id not in linked_targets)
    rest: dict[str, list[ActionData]] = {}
    for action in actions:
        if action.link_id in link_ids:
            continue
        section = action.clause.split(".")[0] if action.clause else OTHER
        rest.setdefault(section, []).append(action)
    sections = tuple(
        SectionGroup(
            number,
            section_titles.get(number, "Other actions"),
            tuple(sorted(rest[number], key=action_order)),
        )
        for number in sorted(rest, key=lambda n: (n == OTHER, int(n) if n.isdigit() else 0))
    )
    problems = {
        o.id: found
        for o in objectives
        if (found := tuple(objective_problems(o, assessment_date) + objective_warnings(o)))
    }
    return ActionPlan(
        objectives=tuple(ordered),
        links=tuple(live_links),
        actions=tuple(sorted(actions, key=action_order)),
        groups=tuple(groups),
        unlinked_targets=unlinked,
        sections=sections,
        problems=problems,
    )
