"""Readiness verdicts, after the certification basics in ISO/IEC 17021-1 as practitioners apply
them (docs/scoring.md, "Readiness").

Stage 1 needs: every question answered (or validly not applicable); no likely major
nonconformity; all mandatory documented information in place (level 2 or above); internal audit
(9.2) and management review (9.3) carried out (level 3 or above) in a harmonized-structure pack.
Stage 2 needs all of that and every question at or above its target.
"""

from __future__ import annotations

from collections.abc import Sequence

from imsdesk.catalog import Pack
from imsdesk.scoring import rules
from imsdesk.scoring.model import ClauseResult, QuestionResult, StandardResult, Verdict

NOT_READY, STAGE_1, STAGE_2 = "not-ready", "stage-1", "stage-2"
LEVEL_TEXT = {STAGE_1: "Ready for Stage 1 audit", STAGE_2: "Ready for Stage 2 audit"}
HARMONIZED = ("qms", "ems")
CARRIED_OUT = {"9.2": "Internal audit", "9.3": "Management review"}
LISTED = 6  # clause numbers named in one reason


def _clauses_text(numbers: Sequence[str]) -> str:
    unique = list(dict.fromkeys(numbers))
    shown = ", ".join(unique[:LISTED])
    return shown + (f" and {len(unique) - LISTED} more" if len(unique) > LISTED else "")


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def standard_verdict(
    pack: Pack, results: Sequence[QuestionResult], clauses: Sequence[ClauseResult]
) -> Verdict:
    blockers: list[str] = []
    invalid = [r for r in results if r.status == rules.INVALID]
    if invalid:
        blockers.append(
            f"{_plural(len(invalid), 'answer')} declared not applicable without a valid "
            f"justification or where the standard allows no exclusion "
            f"({_clauses_text([r.clause for r in invalid])})"
        )
    unanswered = [r for r in results if r.status == rules.UNANSWERED]
    if unanswered:
        blockers.append(
            f"{len(unanswered)} of {_plural(len(results), 'question')} still unanswered"
        )
    parents = {c.number.rsplit(".", 1)[0] for c in clauses if "." in c.number}
    leaves = {c.number: c for c in clauses if c.finding and c.number not in parents}
    majors = [n for n, c in leaves.items() if c.finding == rules.MAJOR]
    if majors:
        blockers.append(
            f"{_plural(len(majors), 'likely major nonconformity', 'likely major nonconformities')}"
            f" ({_clauses_text(majors)})"
        )
    documents = [
        r
        for r in results
        if r.documented and r.maturity is not None and r.maturity < rules.DOCUMENTED_IN_PLACE
    ]
    if documents:
        where = _clauses_text([r.clause for r in documents])
        blockers.append(f"mandatory documented information missing ({where})")
    done: list[str] = []
    if pack.system in HARMONIZED:
        for prefix, activity in CARRIED_OUT.items():
            mine = [r for r in results if r.clause == prefix or r.clause.startswith(prefix + ".")]
            weak = [
                r for r in mine if r.maturity is not None and r.maturity < rules.CARRIED_OUT_LEVEL
            ]
            if weak:
                where = _clauses_text([r.clause for r in weak])
                blockers.append(
                    f"{activity.lower()} ({prefix}) yet to be carried out in full "
                    f"({where} below level {rules.CARRIED_OUT_LEVEL})"
                )
            elif mine:
                done.append(f"{activity} carried out ({prefix})")
    if blockers:
        first = blockers[0]
        return Verdict(NOT_READY, f"Not ready: {first}", tuple(_sentence(b) for b in blockers))

    reasons = ["Every question answered", "No likely major nonconformities"]
    if any(r.documented for r in results):
        reasons.append("All mandatory documented information in place")
    reasons += done
    below = [r for r in results if r.finding == rules.MINOR]
    if below:
        reasons.append(
            f"{_plural(len(below), 'question')} below target to close before Stage 2 "
            f"({_clauses_text([r.clause for r in below])})"
        )
        return Verdict(STAGE_1, LEVEL_TEXT[STAGE_1], tuple(reasons))
    reasons.append("Every question at or above its target")
    return Verdict(STAGE_2, LEVEL_TEXT[STAGE_2], tuple(reasons))


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
