"""The PDF's objectives and action plan: quality objective -> linked environmental targets ->
actions, then the other gap actions by harmonized section."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak

from imsdesk.planning import ActionData, ObjectiveData
from imsdesk.reports.data import ReportData
from imsdesk.reports.pdf_layout import cell, clip, para, short, table, whole


class PlanSection:
    def __init__(self, data: ReportData, width: float) -> None:
        self.data = data
        self.width = width

    def flowables(self) -> list[Flowable]:
        plan = self.data.plan
        parts: list[Flowable] = [
            para("Objectives and action plan", "h1"),
            para(
                "Each quality objective is tied to the environmental targets that share its causes "
                "and its actions, so that one plan serves both systems. Gap actions that serve a "
                "link are listed under it; the others follow by harmonized section."
            ),
        ]
        if not plan.objectives:
            parts.append(para("No objectives have been recorded for this assessment yet.", "note"))
        for group in plan.groups:
            block: list[Flowable] = [
                para(f"Quality objective: {group.objective.statement}", "h3"),
                para(_measure(group.objective), "small"),
            ]
            if group.incomplete:
                block.append(para("Not yet linked to an environmental target.", "note"))
            parts += [CondPageBreak(45 * mm), KeepTogether(block)]
            for target in group.targets:
                parts.append(
                    KeepTogether(
                        [
                            para(f"→ Environmental target: {target.objective.statement}", "body"),
                            para(_measure(target.objective), "small"),
                            para(f"Why these belong together: {target.link.rationale}", "note"),
                        ]
                    )
                )
                if target.actions:
                    parts.append(self.actions_table(target.actions))
        if plan.unlinked_targets:
            parts.append(para("Environmental targets not linked to a quality objective", "h2"))
            for o in plan.unlinked_targets:
                parts += [para(o.statement), para(_measure(o), "small")]
        if plan.sections:
            parts += [CondPageBreak(50 * mm), para("Other gap actions", "h2")]
        for section in plan.sections:
            parts += [CondPageBreak(40 * mm), para(f"{section.number} {section.title}", "h3")]
            parts.append(self.actions_table(section.actions))
        parts.append(PageBreak())
        return parts

    def actions_table(self, actions: Sequence[ActionData]) -> Flowable:
        rows: list[list[Any]] = [
            [
                cell(h, "cell-head")
                for h in ("Action", "Serves", "Priority", "Due", "Owner", "Status")
            ]
        ]
        for a in actions:
            phase = f"Phase {a.phase} · " if a.phase else ""
            rows.append(
                [
                    cell(phase + clip(a.title, 400)),
                    cell(self.data.serves(a)),
                    short(whole(a.priority)),
                    short(a.due.isoformat() if a.due else "—"),
                    cell(a.owner or "—"),
                    short(a.status),
                ]
            )
        return table(rows, [self.width * w for w in (0.42, 0.17, 0.08, 0.11, 0.13, 0.09)])


def _measure(o: ObjectiveData) -> str:
    parts = []
    if o.kpi:
        base = "?" if o.baseline is None else f"{o.baseline:g}"
        target = "?" if o.target_value is None else f"{o.target_value:g}"
        parts.append(f"{o.kpi}: {base} → {target} {o.unit}".strip())
    if o.due:
        parts.append(f"due {o.due.isoformat()}")
    if o.owner:
        parts.append(f"owner {o.owner}")
    if o.frequency:
        parts.append(f"monitored {o.frequency}")
    parts.append(f"status {o.status}")
    return "; ".join(parts)
