"""What the dashboard shows, read and scored on a worker thread (no Qt here)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from imsdesk.catalog import Catalog
    from imsdesk.scoring.model import ScoreCard
    from imsdesk.scoring.radar import Radar
    from imsdesk.services.comparison import CycleComparison
    from imsdesk.services.records import AssessmentRecord
    from imsdesk.services.scoring import ScoredAssessment
    from imsdesk.storage import Database

TOP_GAPS = 15


@dataclass(frozen=True)
class Gap:
    rank: int
    question_id: str
    standard: str
    clause: str
    clause_title: str
    text: str
    maturity: int | None
    target: int
    finding: str
    priority: float


@dataclass(frozen=True)
class DashboardData:
    scored: ScoredAssessment
    radars: tuple[Radar, ...]  # harmonized sections first, then one per standard by clause
    systems: dict[str, str]  # series name -> "qms" / "ems", for the colours
    gaps: tuple[Gap, ...]  # the most urgent first
    gap_count: int
    clause_titles: dict[tuple[str, str], str]  # (pack id, clause) -> title
    findings: dict[str, dict[str, int]]  # standard -> finding -> number of clauses


def clause_findings(card: ScoreCard) -> dict[str, dict[str, int]]:
    """Findings counted by clause, as the verdict counts them (scoring does the counting)."""
    return {s.standard: dict(s.clause_findings) for s in card.standards}


def load_dashboard(db: Database, catalog: Catalog, assessment_id: uuid.UUID) -> DashboardData:
    from imsdesk.scoring.radar import clauses_radar, sections_radar
    from imsdesk.services.scoring import score

    scored = score(db, catalog, assessment_id)
    card = scored.card
    radars = (sections_radar(card), *(clauses_radar(card, s.pack_id) for s in card.standards))
    systems = {s.standard: s.system for s in card.standards}
    titles = {(c.pack_id, c.number): c.title for c in card.clauses}
    packs = {p.id: p for p in scored.scope.packs}
    gaps = tuple(
        Gap(
            rank,
            q.question_id,
            q.standard,
            q.clause,
            titles.get((q.pack_id, q.clause), ""),
            packs[q.pack_id].question(q.question_id).text
            + (" (finding set by the assessor)" if q.overridden else ""),
            q.maturity,
            q.target,
            q.finding or "",
            q.priority or 0.0,
        )
        for rank, q in enumerate(card.gaps[:TOP_GAPS], start=1)
    )
    return DashboardData(
        scored, radars, systems, gaps, len(card.gaps), titles, clause_findings(card)
    )


@dataclass(frozen=True)
class Baselines:
    """The assessments the selected one can be compared with (predecessor first)."""

    assessment: AssessmentRecord
    candidates: tuple[AssessmentRecord, ...]


def load_baselines(db: Database, assessment_id: uuid.UUID) -> Baselines:
    from imsdesk.services import load_assessment
    from imsdesk.services.comparison import baselines

    record = load_assessment(db, assessment_id).assessment
    return Baselines(record, tuple(baselines(db, assessment_id)))


@dataclass(frozen=True)
class ComparisonData:
    result: CycleComparison
    radar: Radar
    question_texts: dict[str, str]
    clause_titles: dict[tuple[str, str], str]


def load_comparison(
    db: Database, catalog: Catalog, earlier_id: uuid.UUID, later_id: uuid.UUID
) -> ComparisonData:
    from imsdesk.scoring.radar import cycles_radar
    from imsdesk.services.comparison import compare_cycles

    result = compare_cycles(db, catalog, earlier_id, later_id)
    earlier, later = result.earlier.detail.assessment, result.later.detail.assessment
    radar = cycles_radar(
        result.earlier.card,
        result.later.card,
        f"Earlier ({earlier.date.isoformat()})",
        f"This cycle ({later.date.isoformat()})",
    )
    texts = {q.id: q.text for pack in result.later.scope.packs for q in pack.questions}
    titles = {(c.pack_id, c.number): c.title for c in result.later.card.clauses}
    return ComparisonData(result, radar, texts, titles)
