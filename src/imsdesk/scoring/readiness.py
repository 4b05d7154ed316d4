"""Readiness verdicts, after certification practice under ISO/IEC 17021-1 (docs/scoring.md,
"Readiness" names the sources and the reasoning).

Stage 1 reviews whether the documented system exists and whether internal audit and management
review have been carried out at least once. Stage 2 evaluates implementation: no likely major
nonconformity, records of a few months of operation, a full internal audit, and for an EMS no
known unresolved legal non-compliance. Likely minors do not block Stage 2: each needs a
corrective-action plan. The target maturity plays no part: conformity is level 3 for everyone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from imsdesk.catalog import Pack
from imsdesk.scoring import rules
from imsdesk.scoring.model import ClauseResult, QuestionResult, StandardResult, Verdict

NOT_READY, STAGE_1, STAGE_2 = "not-ready", "stage-1", "stage-2"
LEVEL_TEXT = {STAGE_1: "Ready for Stage 1 audit", STAGE_2: "Ready for Stage 2 audit"}
HARMONIZED = ("qms", "ems")
CARRIED_OUT = {"9.2": "Internal audit", "9.3": "Management review"}
PROVES = {"9.2": "audit", "9.3": "review"}
# The documented system a Stage 1 audit looks for: clause -> what it is (level 2 or above).
SYSTEM_CLAUSES = {
    "qms": {"4.3": "scope", "5.2": "quality policy", "6.1": "risks and opportunities",
            "6.2": "quality objectives"},
    "ems": {"4.3": "scope", "5.2": "environmental policy",
            "6.1.2": "environmental aspects", "6.1.3": "compliance obligations",
            "6.1.4": "planning of action", "6.2": "environmental objectives"},
}  # fmt: skip
LISTED = 6  # clause numbers named in one reason


def _clauses_text(numbers: Sequence[str]) -> str:
    unique = list(dict.fromkeys(numbers))
    shown = ", ".join(unique[:LISTED])
    return shown + (f" and {len(unique) - LISTED} more" if len(unique) > LISTED else "")


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def standard_verdict(
    pack: Pack,
    results: Sequence[QuestionResult],
    clauses: Sequence[ClauseResult],
    go_live: dt.date | None = None,
    assessed: dt.date | None = None,
) -> Verdict:
    notes = {q.id for q in pack.questions if q.note_only}
    required = [r for r in results if r.question_id not in notes]
    stage_1 = _stage_1_blockers(pack, results, required)
    parents = {c.number.rsplit(".", 1)[0] for c in clauses if "." in c.number}
    leaves = {c.number: c for c in clauses if c.finding and c.number not in parents}
    majors = [n for n, c in leaves.items() if c.finding == rules.MAJOR]
    minors = [n for n, c in leaves.items() if c.finding == rules.MINOR]
    stage_2 = _stage_2_blockers(pack, required, majors, go_live, assessed)
    if stage_1:
        reasons = stage_1 + [f"before Stage 2: {blocker}" for blocker in stage_2]
        return Verdict(NOT_READY, f"Not ready: {stage_1[0]}", tuple(map(_sentence, reasons)))
    done = [
        f"{activity} carried out ({prefix})"
        for prefix, activity in CARRIED_OUT.items()
        if pack.system in HARMONIZED and _proving(pack, required, prefix)
    ]
    reasons = ["Every question answered", "The documented system is in place", *done]
    if any(r.documented for r in required):
        reasons.insert(2, "All mandatory documented information in place")
    if stage_2:
        reasons += [f"Before Stage 2: {blocker}" for blocker in stage_2]
        return Verdict(STAGE_1, LEVEL_TEXT[STAGE_1], tuple(map(_sentence, reasons)))
    reasons.append("No likely major nonconformity")
    if minors:
        expected = _plural(
            len(minors), "likely minor nonconformity", "likely minor nonconformities"
        )
        reasons.append(
            f"Expect {expected} ({_clauses_text(minors)}); each needs a corrective-action plan"
        )
    return Verdict(STAGE_2, LEVEL_TEXT[STAGE_2], tuple(map(_sentence, reasons)))


def _stage_1_blockers(
    pack: Pack, results: Sequence[QuestionResult], required: Sequence[QuestionResult]
) -> list[str]:
    blockers: list[str] = []
    invalid = [r for r in results if r.status == rules.INVALID]
    if invalid:
        where = _clauses_text([r.clause for r in invalid])
        first = invalid[0].problem or "not a valid answer"
        more = "" if len(invalid) == 1 else " (and others; see the answers)"
        blockers.append(f"{_plural(len(invalid), 'answer')} to put right ({where}): {first}{more}")
    unanswered = [r for r in results if r.status == rules.UNANSWERED]
    if unanswered:
        blockers.append(
            f"{len(unanswered)} of {_plural(len(results), 'question')} still unanswered"
        )
    missing = [r for r in required if r.documented and _below(r, rules.DOCUMENTED_IN_PLACE)]
    if missing:
        where = _clauses_text([r.clause for r in missing])
        blockers.append(f"mandatory documented information missing ({where})")
    system = SYSTEM_CLAUSES.get(pack.system, {})
    core = [r for r in required if r.weight >= rules.CORE_WEIGHT]  # details do not gate Stage 1
    # Established: something of it is planned and documented (level 2) or better. How well it
    # works (its other questions) is for the findings and Stage 2.
    absent = [
        f"{name} ({prefix})"
        for prefix, name in system.items()
        if (mine := [r for r in core if _under(r, prefix) and r.maturity is not None])
        and all(_below(r, rules.DOCUMENTED_IN_PLACE) for r in mine)
    ]
    if absent:
        blockers.append(
            f"the documented system is yet to be established: {', '.join(absent)} "
            f"below level {rules.DOCUMENTED_IN_PLACE}"
        )
    if pack.system in HARMONIZED:
        for prefix, activity in CARRIED_OUT.items():
            proving = _proving_questions(pack, required, prefix)
            weak = [r for r in proving if _below(r, rules.CARRIED_OUT_LEVEL)]
            if weak:
                where = _clauses_text([r.clause for r in weak])
                blockers.append(
                    f"{activity.lower()} ({prefix}) yet to be carried out once "
                    f"({where} below level {rules.CARRIED_OUT_LEVEL})"
                )
    return blockers


def _stage_2_blockers(
    pack: Pack,
    required: Sequence[QuestionResult],
    majors: list[str],
    go_live: dt.date | None,
    assessed: dt.date | None,
) -> list[str]:
    blockers: list[str] = []
    if majors:
        blockers.append(
            f"{_plural(len(majors), 'likely major nonconformity', 'likely major nonconformities')}"
            f" ({_clauses_text(majors)})"
        )
    months = rules.MIN_RUNNING_MONTHS
    if go_live is None or assessed is None:
        blockers.append(
            f"the date the system went live to record (Stage 2 looks for at least {months} "
            f"months of records)"
        )
    elif _months_between(go_live, assessed) < months:
        blockers.append(
            f"at least {months} months of operation since go-live on {go_live.isoformat()}"
        )
    if pack.system in HARMONIZED:
        audit = [r for r in required if _under(r, "9.2") and _below(r, rules.CARRIED_OUT_LEVEL)]
        if audit:
            blockers.append(
                f"a full internal audit of the scope ({_clauses_text([r.clause for r in audit])}"
                f" below level {rules.CARRIED_OUT_LEVEL})"
            )
    if pack.system == "ems":
        compliance = [q.id for q in pack.questions if q.proves == "compliance"]
        open_ = [r for r in required if r.question_id in compliance]
        open_ = [r for r in open_ if _below(r, rules.CARRIED_OUT_LEVEL)]
        if open_:
            blockers.append(
                f"compliance with legal and other requirements evaluated and in order "
                f"({_clauses_text([r.clause for r in open_])} below level "
                f"{rules.CARRIED_OUT_LEVEL})"
            )
    return blockers


def _under(result: QuestionResult, prefix: str) -> bool:
    return result.clause == prefix or result.clause.startswith(prefix + ".")


def _below(result: QuestionResult, level: int) -> bool:
    return result.maturity is not None and result.maturity < level


def _proving_questions(
    pack: Pack, required: Sequence[QuestionResult], prefix: str
) -> list[QuestionResult]:
    """The answers that establish that the audit (9.2) or review (9.3) was carried out: the
    questions the pack marks with ``proves``, else the core questions of the clause."""
    marked = {q.id for q in pack.questions if q.proves == PROVES[prefix]}
    if marked:
        return [r for r in required if r.question_id in marked]
    return [r for r in required if _under(r, prefix) and r.weight >= rules.CORE_WEIGHT]


def _proving(pack: Pack, required: Sequence[QuestionResult], prefix: str) -> bool:
    proving = _proving_questions(pack, required, prefix)
    return bool(proving) and not any(
        r.maturity is None or r.maturity < rules.CARRIED_OUT_LEVEL for r in proving
    )


def _months_between(start: dt.date, end: dt.date) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - (1 if end.day < start.day else 0)


def integrated_verdict(standards: Sequence[StandardResult]) -> Verdict:
    """The integrated system is as ready as its least ready standard."""
    if not standards:
        return Verdict(NOT_READY, "Not ready: no questionnaire in scope", ())
    order = [NOT_READY, STAGE_1, STAGE_2]
    level = min((s.verdict.level for s in standards), key=order.index)
    if len(standards) == 1:
        return standards[0].verdict
    reasons = tuple(
        f"{s.standard}: {reason[0].lower()}{reason[1:]}"
        for s in standards
        for reason in s.verdict.reasons
        if level != NOT_READY or not s.verdict.ready
    )
    if level == NOT_READY:
        headlines = [
            f"{s.standard}: {s.verdict.reasons[0][0].lower()}{s.verdict.reasons[0][1:]}"
            for s in standards
            if not s.verdict.ready and s.verdict.reasons
        ]
        return Verdict(NOT_READY, "Not ready: " + "; ".join(headlines), reasons)
    return Verdict(level, LEVEL_TEXT[level], reasons)


def _sentence(text: str) -> str:
    return text[0].upper() + text[1:]
