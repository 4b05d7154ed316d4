"""From answers and packs to a ScoreCard: pure, deterministic, no I/O."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from imsdesk.catalog import Pack, Question
from imsdesk.catalog.model import parent_number
from imsdesk.scoring import rules
from imsdesk.scoring.model import (
    ClauseResult,
    QuestionResult,
    ScoreCard,
    SectionResult,
    StandardResult,
    ThemeResult,
)
from imsdesk.scoring.readiness import integrated_verdict, standard_verdict

ClauseTargets = Mapping[tuple[str, str], int]  # (pack id, clause number) -> target maturity


def score_assessment(
    packs: Sequence[Pack],
    answers: Iterable[rules.AnswerLike],
    *,
    target: int = rules.DEFAULT_TARGET,
    clause_targets: ClauseTargets | None = None,
) -> ScoreCard:
    """Score ``answers`` against ``packs``. Answers to questions outside the packs are ignored."""
    given = {a.question_id: a for a in answers}
    overrides = dict(clause_targets or {})
    results: list[QuestionResult] = []
    for pack in packs:
        for question in pack.questions:
            goal = _target(pack.id, question.clause, target, overrides)
            results.append(
                _question(pack, question, given.get(question.id), goal, order=len(results))
            )

    clauses: list[ClauseResult] = []
    sections: list[SectionResult] = []
    standards: list[StandardResult] = []
    themes: list[ThemeResult] = []
    for pack in packs:
        mine = [r for r in results if r.pack_id == pack.id]
        pack_clauses = _clauses(pack, mine)
        clauses += pack_clauses
        sections += _sections(pack, mine)
        themes += _themes(pack, mine)
        standards.append(
            StandardResult(
                pack_id=pack.id,
                standard=pack.standard,
                edition=pack.edition,
                system=pack.system,
                score=_score(mine),
                completion=_completion(mine),
                verdict=standard_verdict(pack, mine, pack_clauses),
                findings=_finding_counts(mine),
            )
        )
    sections += _integrated_sections(packs, results)
    return ScoreCard(
        questions=tuple(results),
        clauses=tuple(clauses),
        sections=tuple(sections),
        standards=tuple(standards),
        themes=tuple(themes),
        score=_score(results),
        completion=_completion(results),
        verdict=integrated_verdict(standards),
        target=target,
    )


def _target(pack_id: str, clause: str, default: int, overrides: dict) -> int:
    """The most specific override on the clause or one of its parents, else the default."""
    number: str | None = clause
    while number is not None:
        if (pack_id, number) in overrides:
            return overrides[(pack_id, number)]
        number = parent_number(number)
    return default


def _question(
    pack: Pack, question: Question, answer: rules.AnswerLike | None, target: int, order: int
) -> QuestionResult:
    status = rules.status(answer, question.na_allowed)
    common = dict(
        question_id=question.id,
        pack_id=pack.id,
        standard=pack.standard,
        clause=question.clause,
        section=question.section,
        order=order,
        status=status,
        weight=question.weight,
        documented=question.mandatory_documented_information,
        target=target,
    )
    if status != rules.ANSWERED or answer is None or answer.maturity is None:
        return QuestionResult(**common)
    maturity = answer.maturity
    gap = rules.gap(maturity, target)
    finding = rules.finding(maturity, target, question.mandatory_documented_information)
    return QuestionResult(
        **common,
        maturity=maturity,
        score=round(100 * maturity / rules.MAX_LEVEL, 1),
        gap=gap,
        finding=finding,
        priority=rules.priority(
            question.weight, gap, finding, question.mandatory_documented_information
        ),
    )


def _score(results: Iterable[QuestionResult]) -> float | None:
    """Weighted mean of the answered questions' maturity, as 0-100."""
    weight = total = 0.0
    for r in results:
        if r.maturity is not None and r.status == rules.ANSWERED:
            weight += r.weight
            total += r.weight * r.maturity
    return rules.percent(total, weight * rules.MAX_LEVEL)


def _completion(results: Sequence[QuestionResult]) -> float:
    return rules.percent(sum(r.counted for r in results), len(results)) or 0.0


def _clauses(pack: Pack, results: list[QuestionResult]) -> list[ClauseResult]:
    beneath: dict[str, list[QuestionResult]] = defaultdict(list)
    for r in results:
        number: str | None = r.clause
        while number is not None:
            beneath[number].append(r)
            number = parent_number(number)
    # Leaves first: a leaf with several likely minors is a likely major; parents take the worst.
    children: dict[str, list[str]] = defaultdict(list)
    for clause in pack.clauses:
        if clause.parent:
            children[clause.parent].append(clause.number)
    finding: dict[str, str | None] = {}
    systemic: set[str] = set()
    for clause in sorted(pack.clauses, key=lambda c: -c.depth):
        own = [r for r in beneath[clause.number] if r.clause == clause.number]
        if own:
            findings = [r.finding for r in own if r.finding]
            if sum(f == rules.MINOR for f in findings) >= rules.SYSTEMIC_MINORS:
                systemic.add(clause.number)
                findings.append(rules.MAJOR)
            finding[clause.number] = rules.worst(findings)
        else:
            below = [finding[n] for n in children[clause.number] if finding.get(n)]
            finding[clause.number] = rules.worst(below)
    out = []
    for clause in pack.clauses:
        mine = beneath[clause.number]
        out.append(
            ClauseResult(
                pack_id=pack.id,
                standard=pack.standard,
                number=clause.number,
                title=clause.label,
                depth=clause.depth,
                score=_score(mine),
                completion=_completion(mine),
                answered=sum(r.counted for r in mine),
                total=len(mine),
                target=_mean_target(mine),
                finding=finding.get(clause.number),
                systemic=clause.number in systemic,
            )
        )
    return out


def _mean_target(results: Sequence[QuestionResult]) -> float:
    return round(sum(r.target for r in results) / len(results), 2) if results else 0.0


def _sections(pack: Pack, results: list[QuestionResult]) -> list[SectionResult]:
    out = []
    for number in pack.sections:
        mine = [r for r in results if r.section == number]
        out.append(
            SectionResult(
                number=number,
                title=pack.clause(number).label if pack.has_clause(number) else number,
                pack_id=pack.id,
                score=_score(mine),
                completion=_completion(mine),
                target=_mean_target(mine),
            )
        )
    return out


def _integrated_sections(
    packs: Sequence[Pack], results: list[QuestionResult]
) -> list[SectionResult]:
    numbers = list(dict.fromkeys(n for pack in packs for n in pack.sections))
    out = []
    for number in numbers:
        mine = [r for r in results if r.section == number]
        title = next((p.clause(number).label for p in packs if p.has_clause(number)), number)
        out.append(
            SectionResult(
                number=number,
                title=title,
                pack_id=None,
                score=_score(mine),
                completion=_completion(mine),
                target=_mean_target(mine),
            )
        )
    return out


def _themes(pack: Pack, results: list[QuestionResult]) -> list[ThemeResult]:
    serving: dict[str, list[QuestionResult]] = defaultdict(list)
    for r in results:
        serves = pack.question(r.question_id).serves
        if serves:
            serving[serves].append(r)
    return [
        ThemeResult(
            pack_id=pack.id,
            theme_id=theme.id,
            name=theme.name,
            score=_score(serving[theme.id]),
            questions=len(serving[theme.id]),
        )
        for theme in pack.themes
    ]


def _finding_counts(results: Iterable[QuestionResult]) -> dict[str, int]:
    counts = dict.fromkeys(rules.FINDINGS, 0)
    for r in results:
        if r.finding:
            counts[r.finding] += 1
    return counts
