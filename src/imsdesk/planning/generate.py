"""Generating the action plan from a ScoreCard, and bringing a stored plan up to date.

Pure functions: the services read the stored actions, call ``sync_actions`` and write back what
it says. Regenerating keeps every field the user edited, adds actions for new gaps, closes
(never deletes) generated actions whose gap has closed, and reopens them if the gap returns.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from imsdesk.catalog import Pack
from imsdesk.catalog.model import parent_number
from imsdesk.planning.model import OPEN_STATUSES, ActionData, LinkData
from imsdesk.scoring import QuestionResult, ScoreCard, rules

DEFAULT_DUE_DAYS = {rules.MAJOR: 30, rules.MINOR: 90, rules.OPPORTUNITY: 180}
# Every link is served by planning objectives (6.2) and by monitoring and evaluating them (9.1;
# not the customer-satisfaction and compliance-evaluation subclauses, which stand on their own).
LINK_CLAUSES = (
    ("qms", "6.2"),
    ("qms", "9.1.1"),
    ("qms", "9.1.3"),
    ("ems", "6.2"),
    ("ems", "9.1.1"),
)
TITLE_MAX = 160


@dataclass(frozen=True)
class PlanSettings:
    due_days: Mapping[str, int] = field(default_factory=lambda: dict(DEFAULT_DUE_DAYS))
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


def remedy_key(pack_id: str, clause: str, action_text: str) -> str:
    """Questions of one clause that share a remedy share one action."""
    digest = hashlib.sha1(action_text.encode("utf-8"), usedforsecurity=False).hexdigest()[:10]
    return f"{pack_id}:{clause}:{digest}"


def gap_actions(
    card: ScoreCard,
    packs: Sequence[Pack],
    start: dt.date,
    links: Sequence[LinkData] = (),
    settings: PlanSettings | None = None,
) -> list[GeneratedAction]:
    """One action per gap, or per clause where several gaps share one remedy; most urgent first."""
    settings = settings or PlanSettings()
    wanted = {rules.MAJOR, rules.MINOR} | (
        {rules.OPPORTUNITY} if settings.include_observations else set()
    )
    by_pack = {p.id: p for p in packs}
    groups: dict[str, list[QuestionResult]] = {}
    for result in card.questions:
        if result.finding in wanted:
            question = by_pack[result.pack_id].question(result.question_id)
            key = remedy_key(result.pack_id, result.clause, question.action)
            groups.setdefault(key, []).append(result)
    drafts = []
    for key, results in groups.items():
        pack = by_pack[results[0].pack_id]
        question = pack.question(results[0].question_id)
        finding = rules.worst([r.finding for r in results if r.finding]) or rules.MINOR
        priority = max((r.priority or 0.0) for r in results)
        drafts.append(
            GeneratedAction(
                source_key=key,
                pack_id=pack.id,
                clause=results[0].clause,
                title=_title(question.action),
                description=_description(question.action, results),
                finding=finding,
                priority=priority,
                due=start + dt.timedelta(days=settings.due_days.get(finding, 90)),
                question_ids=tuple(r.question_id for r in results),
            )
        )
    order = {r.question_id: r.order for r in card.questions}
    drafts.sort(key=lambda a: (-a.priority, order[a.question_ids[0]]))
    systems = {p.id: p.system for p in packs}
    return assign_links(drafts, links, systems)


def assign_links(
    actions: Sequence[GeneratedAction], links: Sequence[LinkData], systems: Mapping[str, str]
) -> list[GeneratedAction]:
    """Attach each action to the link it serves, if any.

    A link serves the operational clauses it names (from its template or the user) and, like
    every link, 6.2 and 9.1.1 (and 9.1.3 for the QMS). The most specific match wins: a clause the
    link names beats a parent of it, which beats the clauses every link shares. Among equal
    matches the link with the fewest actions so far takes it, so shared work spreads over the
    links instead of piling onto the first; then the links' order decides. Deterministic.
    """
    load = dict.fromkeys((link.id for link in links), 0)
    out = []
    for action in actions:
        system = systems.get(action.pack_id, "")
        best: tuple[int, int, int] | None = None
        chosen = None
        for position, link in enumerate(links):
            depth = _match(system, action.clause, link)
            if depth is None:
                continue
            rank = (-depth, load[link.id], position)
            if best is None or rank < best:
                best, chosen = rank, link.id
        if chosen is not None:
            load[chosen] += 1
        out.append(replace(action, link_id=chosen))
    return out


def _match(system: str, clause: str, link: LinkData) -> int | None:
    """How specifically ``link`` covers ``clause``: higher is more specific; None if not at all."""
    best = None
    for named, pairs in ((True, link.clauses), (False, LINK_CLAUSES)):
        for side, number in pairs:
            if side == system and _within(clause, number):
                depth = number.count(".") + 1 + (10 if named else 0)
                best = depth if best is None else max(best, depth)
    return best


def _within(clause: str, number: str) -> bool:
    node: str | None = clause
    while node is not None:
        if node == number:
            return True
        node = parent_number(node)
    return False


def _title(action_text: str) -> str:
    first = action_text.split(". ")[0].rstrip(".")
    return first if len(first) <= TITLE_MAX else first[: TITLE_MAX - 1].rstrip() + "…"


def _description(action_text: str, results: Sequence[QuestionResult]) -> str:
    lines = [action_text, "", "Addresses:"]
    lines += [
        f"- {r.question_id} ({r.finding}; maturity {r.maturity}, target {r.target})"
        for r in results
    ]
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
    changes: dict = {"finding": gap.finding}
    for name in ("title", "description", "due", "link_id", "priority"):
        if name not in action.edited:
            changes[name] = getattr(gap, name)
    return replace(action, **changes)


def _note(existing: str, line: str) -> str:
    return f"{existing}\n{line}".strip()
