"""From answers and packs to a ScoreCard: pure, deterministic, no I/O."""

from __future__ import annotations

import datetime as dt
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
    go_live: dt.date | None = None,
    assessed: dt.date | None = None,
) -> ScoreCard:
    """Score ``answers`` against ``packs``. Answers to questions outside the packs are ignored.

    ``go_live`` (when the system started to run) and ``assessed`` (the assessment date) tell the
    Stage 2 verdict how long the system has produced records.
    """
    given = {a.question_id: a for a in answers}
    overrides = dict(clause_targets or {})
    results: list[QuestionResult] = []
    for pack in packs:
        for question in pack.questions:
            goal = _target(pack.id, question.clause, target, overrides)
            results.append(_question(pack, question, given, goal, order=len(results)))

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
                verdict=standard_verdict(pack, mine, pack_clauses, go_live, assessed),
                findings=_finding_counts(mine),
                clause_findings=_clause_finding_counts(pack_clauses),
            )
        )
    sections += _integrated_sections(packs, sections)
    return ScoreCard(
        questions=tuple(results),
        clauses=tuple(clauses),
        sections=tuple(sections),
        standards=tuple(standards),
        themes=tuple(themes),
        score=_mean([s.score for s in standards]),
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


def answer_status(
    pack: Pack, question: Question, given: Mapping[str, rules.AnswerLike]
) -> tuple[str, str]:
    """The status of one answer among the others of its pack, and what is wrong when invalid.

    Beyond ``rules.status``: an override needs a known finding and a reason; an exclusion covers
    a whole requirement, so N/A on some questions of a clause while others are answered is
    inconsistent; and any N/A needs the scope question that documents exclusions answered
    (``proves: exclusions``). The wizard asks this of one question, the engine of all.
    """
    answer = given.get(question.id)
    status, problem = rules.status(answer, question.na_allowed, question.conditional)
    if status == rules.ANSWERED:
        _, wrong = rules.override(answer, question.note_only)
        return (rules.INVALID, wrong) if wrong else (status, problem)
    if status != rules.NOT_APPLICABLE:
        return status, problem
    answered = [
        q
        for q in pack.clause(question.clause).questions
        if q.id != question.id and _status_alone(q, given.get(q.id)) == rules.ANSWERED
    ]
    if answered:
        return rules.INVALID, (
            f"not applicable while {_count(answered)} of clause {question.clause} "
            f"{'is' if len(answered) == 1 else 'are'} answered: an exclusion covers a whole "
            f"requirement"
        )
    for scope in (q for q in pack.questions if q.proves == "exclusions"):
        if _status_alone(scope, given.get(scope.id)) != rules.ANSWERED:
            return rules.INVALID, (
                f"an exclusion must be justified in the scope: answer {scope.id} "
                f"({scope.clause}) first"
            )
    return status, problem


def _status_alone(question: Question, answer: rules.AnswerLike | None) -> str:
    return rules.status(answer, question.na_allowed, question.conditional)[0]


def _question(
    pack: Pack,
    question: Question,
    given: Mapping[str, rules.AnswerLike],
    target: int,
    order: int,
) -> QuestionResult:
    answer = given.get(question.id)
    status, problem = answer_status(pack, question, given)
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
        problem=problem,
    )
    if status != rules.ANSWERED or answer is None or answer.maturity is None:
        return QuestionResult(**common)
    maturity = answer.maturity
    note = question.note_only
    gap = rules.gap(maturity, target, note)
    computed = rules.finding(
        maturity, target, question.mandatory_documented_information, question.weight, note
    )
    chosen, _ = rules.override(answer, note)
    finding = chosen or computed
    return QuestionResult(
        **common,
        maturity=maturity,
        score=round(100 * maturity / rules.MAX_LEVEL, 1),
        gap=gap,
        finding=finding,
        priority=rules.priority(
            question.weight, gap, finding, question.mandatory_documented_information
        ),
        computed_finding=computed,
        override_reason=getattr(answer, "override_reason", "") if chosen else "",
    )


def _count(questions: Sequence[Question]) -> str:
    n = len(questions)
    return f"{n} other question{'' if n == 1 else 's'}"


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
    # Leaves first: a clause whose every requirement question sits at 0-1 has broken down (a
    # likely major, though no question alone is one); parents take the worst beneath.
    children: dict[str, list[str]] = defaultdict(list)
    for clause in pack.clauses:
        if clause.parent:
            children[clause.parent].append(clause.number)
    notes = {q.id for q in pack.questions if q.note_only}
    finding: dict[str, str | None] = {}
    systemic: set[str] = set()
    for clause in sorted(pack.clauses, key=lambda c: -c.depth):
        own = [r for r in beneath[clause.number] if r.clause == clause.number]
        if own:
            findings = [r.finding for r in own if r.finding]
            # The assessor's overrides stand: a breakdown is judged on the other questions.
            judged = [r for r in own if r.question_id not in notes and not r.overridden]
            if _broken_down(judged):
                if rules.MAJOR not in findings:
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


def _broken_down(requirements: Sequence[QuestionResult]) -> bool:
    """A total breakdown: every answered requirement question of the clause at 0-1, one of them
    a core requirement. "Every" (not "most") and "one of them" (not "how many") keep the rule
    the same however finely a pack splits a clause into questions."""
    answered = [r for r in requirements if r.maturity is not None]
    return (
        bool(answered)
        and all(r.maturity is not None and r.maturity <= rules.BREAKDOWN_LEVEL for r in answered)
        and any(r.weight >= rules.CORE_WEIGHT for r in answered)
    )


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
    packs: Sequence[Pack], per_pack: list[SectionResult]
) -> list[SectionResult]:
    """Each harmonized section of the integrated system: the standards weigh equally (a long
    questionnaire must not hide a weak system behind a strong one)."""
    numbers = list(dict.fromkeys(n for pack in packs for n in pack.sections))
    out = []
    for number in numbers:
        mine = [s for s in per_pack if s.number == number]
        title = next((p.clause(number).label for p in packs if p.has_clause(number)), number)
        out.append(
            SectionResult(
                number=number,
                title=title,
                pack_id=None,
                score=_mean([s.score for s in mine]),
                completion=_mean([s.completion for s in mine]) or 0.0,
                target=round(sum(s.target for s in mine) / len(mine), 2) if mine else 0.0,
            )
        )
    return out


def _mean(values: Sequence[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return round(sum(present) / len(present), 1) if present else None


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


def _clause_finding_counts(clauses: Sequence[ClauseResult]) -> dict[str, int]:
    """Findings counted as the verdict counts them: per lowest clause (4.1, 7.1.6, not 7.1)."""
    parents = {c.number.rsplit(".", 1)[0] for c in clauses if "." in c.number}
    counts = dict.fromkeys(rules.FINDINGS, 0)
    for clause in clauses:
        if clause.finding and clause.number not in parents:
            counts[clause.finding] += 1
    return counts


def _finding_counts(results: Iterable[QuestionResult]) -> dict[str, int]:
    counts = dict.fromkeys(rules.FINDINGS, 0)
    for r in results:
        if r.finding:
            counts[r.finding] += 1
    return counts
