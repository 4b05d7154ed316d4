"""Generating the action plan from a ScoreCard, and bringing a stored plan up to date.

One action per piece of work: the gaps of a shared plan topic (one risk register, one internal
audit programme for both standards) are merged, phrased as extending the mature side's process
where one side conforms; other gaps get one action per clause and remedy. Actions carry the
topic's phase (due dates follow the phases, so a prerequisite is never due after what depends on
it) and its owner role.

Pure functions: the services read the stored actions, call ``sync_actions`` and write back what
it says. Regenerating keeps every field the user edited, adds actions for new gaps, closes
(never deletes) generated actions whose gap has closed, and reopens them if the gap returns.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from imsdesk.catalog import Pack
from imsdesk.planning.model import OPEN_STATUSES, ActionData, LinkData
from imsdesk.planning.topics import DEFAULT_OWNER, Topic, Topics
from imsdesk.scoring import QuestionResult, ScoreCard, rules

DEFAULT_PHASE_DAYS = 30  # each phase of building the system gets about a month
TITLE_MAX = 160
SYSTEM_NAMES = {"qms": "quality", "ems": "environment"}


@dataclass(frozen=True)
class PlanSettings:
    phase_days: int = DEFAULT_PHASE_DAYS
    include_observations: bool = False


@dataclass(frozen=True)
class GeneratedAction:
    source_key: str
    pack_id: str
    clause: str
    title: str
    description: str
    finding: str
    priority: float
    due: dt.date
    question_ids: tuple[str, ...]
    link_id: uuid.UUID | None = None
    phase: int = 0
    owner: str = ""


def remedy_key(pack_id: str, clause: str, action_text: str) -> str:
    """Questions of one clause that share a remedy share one action."""
    digest = hashlib.sha1(action_text.encode("utf-8"), usedforsecurity=False).hexdigest()[:10]
    return f"{pack_id}:{clause}:{digest}"


def topic_key(topic_id: str) -> str:
    """The gaps of a shared topic, in every standard, share one action."""
    return f"topic:{topic_id}"


def gap_actions(
    card: ScoreCard,
    packs: Sequence[Pack],
    start: dt.date,
    links: Sequence[LinkData] = (),
    settings: PlanSettings | None = None,
    topics: Topics | None = None,
    link_questions: Mapping[uuid.UUID, frozenset[str]] | None = None,
) -> list[GeneratedAction]:
    """One action per piece of work: the gaps of a shared topic (one risk register, one internal
    audit programme...) across both standards, else per clause and remedy; ordered by phase, then
    urgency. docs/action-plan.md explains the rules."""
    settings = settings or PlanSettings()
    topics = topics or Topics.empty()
    wanted = {rules.MAJOR, rules.MINOR} | (
        {rules.OPPORTUNITY} if settings.include_observations else set()
    )
    by_pack = {p.id: p for p in packs}
    groups: dict[str, list[QuestionResult]] = {}
    for result in card.questions:
        if result.finding in wanted:
            question = by_pack[result.pack_id].question(result.question_id)
            topic = topics.get(question.topic)
            if topic is not None and topic.shared:
                key = topic_key(topic.id)
            else:
                key = remedy_key(result.pack_id, result.clause, question.action)
            groups.setdefault(key, []).append(result)
    drafts = [
        _draft(key, results, by_pack, card, topics, start, settings)
        for key, results in groups.items()
    ]
    order = {r.question_id: r.order for r in card.questions}
    drafts.sort(key=lambda a: (a.phase, -a.priority, order[a.question_ids[0]]))
    return attach_links(_spread(drafts, start, settings), links, link_questions or {})


def _spread(
    drafts: list[GeneratedAction], start: dt.date, settings: PlanSettings
) -> list[GeneratedAction]:
    """Due dates: phase k's actions fall in its own window, days (k-1)*D+1 to k*D after the
    assessment, so no prerequisite is ever due after work that depends on it. Within the window
    a likely major is due after a third of it, a likely minor after two thirds, anything else at
    its end. An action's date depends on its own phase and finding only, so answering another
    question never moves it."""
    days = settings.phase_days
    share = {rules.MAJOR: 1 / 3, rules.MINOR: 2 / 3}
    return [
        replace(
            action,
            due=start
            + dt.timedelta(
                days=(action.phase - 1) * days + math.ceil(days * share.get(action.finding, 1))
            ),
        )
        for action in drafts
    ]


def _draft(
    key: str,
    results: list[QuestionResult],
    by_pack: Mapping[str, Pack],
    card: ScoreCard,
    topics: Topics,
    start: dt.date,
    settings: PlanSettings,
) -> GeneratedAction:
    results = sorted(results, key=lambda r: (-(r.priority or 0.0), r.order))
    question = by_pack[results[0].pack_id].question(results[0].question_id)  # most urgent
    # Filed under the harmonized section most of its questions are in, at the earliest clause.
    sections = [r.section for r in results]
    home = max(dict.fromkeys(sections), key=sections.count)
    first = min((r for r in results if r.section == home), key=lambda r: r.order)
    topic = topics.get(question.topic)
    finding = rules.worst([r.finding for r in results if r.finding]) or rules.MINOR
    involved = {r.pack_id for r in results}
    sides = [p for p in by_pack if p in involved]  # in the assessment's order (QMS first)
    systems = [by_pack[p].system for p in sides]
    phase = topics.phase_of(question.topic, first.clause)
    mature = _mature_sides(topic, sides, by_pack, card) if topic else []
    if topic is not None and len(sides) > 1:
        names = " and ".join(
            SYSTEM_NAMES.get(s, by_pack[p].standard) for p, s in zip(sides, systems, strict=True)
        )
        title = f"Integrate the {topic.name} for {names}"
    elif topic is not None and mature:
        title = (
            f"Extend the existing {topic.name} of {by_pack[mature[0]].standard} to cover "
            f"{by_pack[sides[0]].standard}"
        )
    elif len(results) == 1 or topic is None:
        title = _title(question.action)
    else:
        title = f"Bring the {topic.name} up to standard"
    return GeneratedAction(
        source_key=key,
        pack_id=first.pack_id,
        clause=first.clause,
        title=title,
        description=_description(results, by_pack, mature),
        finding=finding,
        priority=max((r.priority or 0.0) for r in results),
        due=start + dt.timedelta(days=settings.phase_days * phase),  # spread by _spread
        question_ids=tuple(r.question_id for r in results),
        phase=phase,
        owner=topic.owner_for(systems) if topic else DEFAULT_OWNER,
    )


def _mature_sides(
    topic: Topic, sides: Sequence[str], by_pack: Mapping[str, Pack], card: ScoreCard
) -> list[str]:
    """The other standards whose questions on ``topic`` all conform (level 3 or above): their
    process exists and can be extended instead of building a second one."""
    mature = []
    for pack_id, pack in by_pack.items():
        if pack_id in sides:
            continue
        ids = {q.id for q in pack.questions if q.topic == topic.id}
        mine = [r for r in card.questions if r.question_id in ids]
        if mine and all(
            r.maturity is not None and r.maturity >= rules.CONFORMITY_FLOOR for r in mine
        ):
            mature.append(pack_id)
    return mature


def attach_links(
    actions: Sequence[GeneratedAction],
    links: Sequence[LinkData],
    link_questions: Mapping[uuid.UUID, frozenset[str]],
) -> list[GeneratedAction]:
    """Attach an action to the first link whose template names one of its questions: only work
    that moves that link's objectives stands under it; system-building work stays in the section
    lists. Deterministic (the links' order)."""
    out = []
    for action in actions:
        chosen = next(
            (
                link.id
                for link in links
                if link_questions.get(link.id, frozenset()) & set(action.question_ids)
            ),
            None,
        )
        out.append(replace(action, link_id=chosen))
    return out


def _title(action_text: str) -> str:
    first = action_text.split(". ")[0].rstrip(".")
    return first if len(first) <= TITLE_MAX else first[: TITLE_MAX - 1].rstrip() + "…"


def _description(
    results: Sequence[QuestionResult], by_pack: Mapping[str, Pack], mature: Sequence[str]
) -> str:
    lines = []
    if mature:
        standards = " and ".join(by_pack[p].standard for p in mature)
        lines += [
            f"{standards} already has this in place (level 3 or above): extend that process "
            f"rather than build a second one.",
            "",
        ]
    if len(results) == 1:
        r = results[0]
        question = by_pack[r.pack_id].question(r.question_id)
        lines += [question.action, "", "Addresses:"]
    else:
        lines.append("What to do:")
    for r in results:
        pack = by_pack[r.pack_id]
        head = (
            f"- {r.question_id} ({pack.standard} {r.clause}; {r.finding}; maturity {r.maturity}, "
            f"target {r.target})"
        )
        if len(results) == 1:
            lines.append(head)
        else:
            lines.append(f"{head}: {pack.question(r.question_id).action}")
    return "\n".join(lines)


@dataclass(frozen=True)
class PlanChanges:
    added: tuple[GeneratedAction, ...] = ()
    updated: tuple[ActionData, ...] = ()  # existing actions with new derived values
    closed: tuple[ActionData, ...] = ()
    reopened: tuple[ActionData, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.added or self.updated or self.closed or self.reopened)


def sync_actions(
    existing: Sequence[ActionData], generated: Sequence[GeneratedAction], today: dt.date
) -> PlanChanges:
    """What to change so the stored actions match the gaps, keeping the user's edits."""
    current = {a.source_key: a for a in existing if a.source_key}
    wanted = {g.source_key: g for g in generated}
    added = tuple(g for g in generated if g.source_key not in current)
    updated, closed, reopened = [], [], []
    for key, action in current.items():
        gap = wanted.get(key)
        if gap is None:
            if action.status in OPEN_STATUSES:
                closed.append(
                    replace(
                        action,
                        status="done",
                        closed_by_plan=True,
                        note=_note(
                            action.note,
                            f"Closed on {today.isoformat()}: the answers no longer show this gap.",
                        ),
                    )
                )
            continue
        fresh = _refreshed(action, gap)
        if action.closed_by_plan and action.status == "done":
            reopened.append(
                replace(
                    fresh,
                    status="open",
                    closed_by_plan=False,
                    note=_note(action.note, f"Reopened on {today.isoformat()}: the gap is back."),
                )
            )
        elif fresh != action:
            updated.append(fresh)
    return PlanChanges(added, tuple(updated), tuple(closed), tuple(reopened))


def _refreshed(action: ActionData, gap: GeneratedAction) -> ActionData:
    """Derived values follow the answers; what the user edited stays."""
    changes: dict = {
        "finding": gap.finding,
        "phase": gap.phase,
        "question_ids": gap.question_ids,
    }
    for name in ("title", "description", "due", "link_id", "priority", "owner"):
        if name not in action.edited:
            changes[name] = getattr(gap, name)
    return replace(action, **changes)


def _note(existing: str, line: str) -> str:
    return f"{existing}\n{line}".strip()
