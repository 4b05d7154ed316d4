"""`imsdesk score`: the ScoreCard as JSON (documented in docs/scoring.md) or as text."""

from __future__ import annotations

from typing import Any

from imsdesk.scoring import Comparison, QuestionResult, Verdict
from imsdesk.services import ScoredAssessment


def verdict_json(verdict: Verdict) -> dict[str, Any]:
    return {"level": verdict.level, "verdict": verdict.text, "reasons": list(verdict.reasons)}


def scorecard_json(scored: ScoredAssessment) -> dict[str, Any]:
    card, detail, scope = scored.card, scored.detail, scored.scope
    record = detail.assessment
    return {
        "assessment": {
            "id": str(record.id),
            "title": record.title,
            "organisation": record.organisation_name,
            "site": record.site_name,
            "date": record.date.isoformat(),
            "target_maturity": record.target_maturity,
            "clause_targets": [
                {"questionnaire": t.pack_id, "clause": t.clause, "target": t.target}
                for t in detail.clause_targets
            ],
        },
        "warnings": scope.warnings(),
        "overall": {
            "score": card.score,
            "completion": card.completion,
            **verdict_json(card.verdict),
        },
        "standards": [
            {
                "questionnaire": s.pack_id,
                "standard": s.standard,
                "edition": s.edition,
                "score": s.score,
                "completion": s.completion,
                **verdict_json(s.verdict),
                "findings": s.clause_findings,  # per clause, as the verdict counts them
                "findings_per_question": s.findings,
            }
            for s in card.standards
        ],
        "sections": [
            {
                "number": s.number,
                "title": s.title,
                "questionnaire": s.pack_id,
                "score": s.score,
                "completion": s.completion,
                "target": s.target,
            }
            for s in card.sections
        ],
        "clauses": [
            {
                "number": c.number,
                "title": c.title,
                "questionnaire": c.pack_id,
                "standard": c.standard,
                "score": c.score,
                "completion": c.completion,
                "target": c.target,
                "finding": c.finding,
                "systemic": c.systemic,
            }
            for c in card.clauses
        ],
        "themes": [
            {"questionnaire": t.pack_id, "id": t.theme_id, "name": t.name, "score": t.score}
            for t in card.themes
        ],
        "gaps": [
            {
                "rank": rank,
                "priority": q.priority,
                "question_id": q.question_id,
                "questionnaire": q.pack_id,
                "standard": q.standard,
                "clause": q.clause,
                "question": scope.pack_of(q.question_id).question(q.question_id).text,
                "maturity": q.maturity,
                "target": q.target,
                "gap": q.gap,
                "finding": q.finding,
                "finding_by_assessor": q.overridden,
                "weight": q.weight,
                "mandatory_documented_information": q.documented,
            }
            for rank, q in enumerate(card.gaps, start=1)
        ],
        "invalid": [
            {
                "question_id": q.question_id,
                "clause": q.clause,
                "standard": q.standard,
                "problem": q.problem,
            }
            for q in card.invalid
        ],
        "questions": [question_json(q) for q in card.questions],
    }


def question_json(q: QuestionResult) -> dict[str, Any]:
    """Every question's status and finding; an assessor's override shows what it replaced."""
    return {
        "id": q.question_id,
        "questionnaire": q.pack_id,
        "clause": q.clause,
        "status": q.status,
        "maturity": q.maturity,
        "target": q.target,
        "finding": q.finding,
        "override": (
            {"computed": q.computed_finding, "reason": q.override_reason} if q.overridden else None
        ),
        "problem": q.problem or None,
    }


def comparison_json(comparison: Comparison) -> dict[str, Any]:
    return {
        "score_before": comparison.score_before,
        "score_after": comparison.score_after,
        "delta": comparison.delta,
        "clauses": [
            {
                "questionnaire": c.pack_id,
                "number": c.number,
                "title": c.title,
                "before": c.before,
                "after": c.after,
                "delta": c.delta,
            }
            for c in comparison.clauses
        ],
        "improved": [vars(q) for q in comparison.improved],
        "regressed": [vars(q) for q in comparison.regressed],
    }


def scorecard_text(scored: ScoredAssessment, gaps: int = 10) -> str:
    card, record = scored.card, scored.detail.assessment
    lines = [
        f"{record.title} — {record.organisation_name} ({record.date.isoformat()})",
        *(f"Warning: {w}" for w in scored.scope.warnings()),
        "",
        f"Integrated: score {_num(card.score)}, {card.completion:.0f}% complete",
        f"  {card.verdict.text}",
    ]
    for standard in card.standards:
        lines += [
            "",
            f"{standard.standard}:{standard.edition}: score {_num(standard.score)}, "
            f"{standard.completion:.0f}% complete",
            f"  {standard.verdict.text}",
            *(f"  - {reason}" for reason in standard.verdict.reasons),
        ]
    lines += ["", f"{'Section':<30}" + "  ".join(f"{s.standard:>9}" for s in card.standards)]
    for number in [s.number for s in card.sections if s.pack_id is None]:
        cells = []
        for standard in card.standards:
            found = [
                s for s in card.sections if s.pack_id == standard.pack_id and s.number == number
            ]
            cells.append(f"{_num(found[0].score) if found else '-':>9}")
        title = card.section(number).title
        lines.append(f"{number:>2} {title[:26]:<27}" + "  ".join(cells))
    top = card.gaps[:gaps]
    if top:
        lines += ["", f"Top {len(top)} of {len(card.gaps)} gaps (by priority):"]
        for rank, q in enumerate(top, start=1):
            lines.append(
                f"{rank:>3}. {q.question_id:<16} {q.finding:<13} maturity {q.maturity} "
                f"-> target {q.target}  priority {q.priority:g}"
                + ("  (finding set by the assessor)" if q.overridden else "")
            )
    if card.invalid:
        lines += ["", "Answers to put right:"]
        lines += [f"  {q.question_id:<16} {q.problem}" for q in card.invalid]
    return "\n".join(lines)


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def comparison_text(comparison: Comparison) -> str:
    lines = [
        "",
        f"Compared with the earlier assessment: {_num(comparison.score_before)} -> "
        f"{_num(comparison.score_after)}",
        f"  {len(comparison.improved)} questions improved, {len(comparison.regressed)} regressed",
    ]
    moved = [c for c in comparison.clauses if c.delta and c.number.count(".") == 1]
    for c in sorted(moved, key=lambda c: -abs(c.delta or 0))[:10]:
        lines.append(f"  {c.pack_id} {c.number:<6} {c.delta:+.1f}")
    return "\n".join(lines)
