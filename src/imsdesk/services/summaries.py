"""Stored summaries: what the assessments list shows (progress, score, verdict), kept per
assessment so that listing loads no answers.

The staleness rule: a summary is stale when it has no row, or when its ``scope_key`` differs
from the key of the packs installed now. Every write that changes what a summary shows deletes
the row (``invalidate``) in the same transaction; a changed, added or removed pack file is caught
by the key. ``refresh_summaries`` recomputes stale ones with the scoring engine.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence

from sqlalchemy import Connection, delete, insert, select
from sqlalchemy.orm import Session

from imsdesk.catalog import Catalog
from imsdesk.scoring import rules, score_assessment
from imsdesk.services import validate
from imsdesk.services.records import PackRef
from imsdesk.services.scope import Scope, scope_of
from imsdesk.storage import Database
from imsdesk.storage.models import (
    Answer,
    Assessment,
    AssessmentPack,
    ClauseTarget,
    StoredSummary,
)
from imsdesk.storage.types import utcnow

# Assessments recomputed per write transaction: short enough that a save waits a fraction of a
# second for the lock at most, long enough that the transaction overhead does not matter.
BATCH = 50
MISSING = "missing:"


def scope_key(scope: Scope) -> str:
    """What a summary is computed against: the installed packs' ids and content hashes, or a
    marker naming the packs that are not installed (the numbers cannot be computed then)."""
    if scope.missing:
        return MISSING + ",".join(ref.pack_id for ref in scope.missing)
    packs = ";".join(f"{pack.id}={pack.content_hash}" for pack in scope.packs)
    return f"rules={rules.VERSION};{packs}"  # new scoring rules also make summaries stale


def is_stale(stored_key: str | None, scope: Scope) -> bool:
    return stored_key is None or stored_key != scope_key(scope)


def invalidate(executor: Connection | Session, assessment_id: uuid.UUID) -> None:
    """Mark the assessment's summary stale, inside the caller's write transaction."""
    executor.execute(delete(StoredSummary).where(StoredSummary.assessment_id == assessment_id))


def pack_refs_by_assessment(
    executor: Connection | Session, assessment_ids: Sequence[uuid.UUID] | None = None
) -> dict[uuid.UUID, tuple[PackRef, ...]]:
    """Every assessment's pinned packs in one query (all assessments when ``None``)."""
    query = select(
        AssessmentPack.assessment_id,
        AssessmentPack.pack_id,
        AssessmentPack.edition,
        AssessmentPack.content_hash,
    ).order_by(AssessmentPack.assessment_id, AssessmentPack.position)
    if assessment_ids is not None:
        query = query.where(AssessmentPack.assessment_id.in_(assessment_ids))
    found: dict[uuid.UUID, list[PackRef]] = defaultdict(list)
    for assessment_id, pack_id, edition, content_hash in executor.execute(query):
        found[assessment_id].append(PackRef(pack_id, edition, content_hash))
    return {key: tuple(refs) for key, refs in found.items()}


def stale_ids(db: Database, catalog: Catalog) -> list[uuid.UUID]:
    """The assessments whose summary is missing or was computed against other packs."""
    with db.read() as session:
        stored = {
            assessment_id: key
            for assessment_id, key in session.execute(
                select(Assessment.id, StoredSummary.scope_key)
                .outerjoin(StoredSummary, StoredSummary.assessment_id == Assessment.id)
                .order_by(Assessment.id)
            )
        }
        packs = pack_refs_by_assessment(session)
    return [
        assessment_id
        for assessment_id, key in stored.items()
        if is_stale(key, scope_of(packs.get(assessment_id, ()), catalog))
    ]


def refresh_summaries(
    db: Database, catalog: Catalog, assessment_ids: Iterable[uuid.UUID] | None = None
) -> list[uuid.UUID]:
    """Recompute the given summaries, or every stale one; returns the ids recomputed.

    Each batch reads the answers and writes the summaries in one write transaction, so a save
    cannot slip in between and leave a summary that looks fresh but is not.
    """
    if assessment_ids is None:
        wanted = stale_ids(db, catalog)
    else:
        wanted = list(dict.fromkeys(validate.as_uuid(i, "assessment") for i in assessment_ids))
    done: list[uuid.UUID] = []
    for start in range(0, len(wanted), BATCH):
        with db.transaction() as session:
            done += _recompute(session.connection(), catalog, wanted[start : start + BATCH])
    return done


def _recompute(
    connection: Connection, catalog: Catalog, assessment_ids: list[uuid.UUID]
) -> list[uuid.UUID]:
    targets = {
        assessment_id: target
        for assessment_id, target in connection.execute(
            select(Assessment.id, Assessment.target_maturity).where(
                Assessment.id.in_(assessment_ids)
            )
        )
    }
    dates = {
        row.id: (row.go_live, row.date)
        for row in connection.execute(
            select(Assessment.id, Assessment.go_live, Assessment.date).where(
                Assessment.id.in_(assessment_ids)
            )
        )
    }
    if not targets:
        return []
    ids = [i for i in assessment_ids if i in targets]
    packs = pack_refs_by_assessment(connection, ids)
    answers: dict[uuid.UUID, list] = defaultdict(list)
    for row in connection.execute(
        select(
            Answer.assessment_id,
            Answer.question_id,
            Answer.maturity,
            Answer.not_applicable,
            Answer.justification,
            Answer.does_not_arise,
            Answer.override_finding,
            Answer.override_reason,
        ).where(Answer.assessment_id.in_(ids))
    ):
        answers[row.assessment_id].append(row)
    overrides: dict[uuid.UUID, dict[tuple[str, str], int]] = defaultdict(dict)
    for assessment_id, pack_id, clause, target in connection.execute(
        select(
            ClauseTarget.assessment_id,
            ClauseTarget.pack_id,
            ClauseTarget.clause,
            ClauseTarget.target,
        ).where(ClauseTarget.assessment_id.in_(ids))
    ):
        overrides[assessment_id][(pack_id, clause)] = target

    now = utcnow()
    rows = []
    for assessment_id in ids:
        scope = scope_of(packs.get(assessment_id, ()), catalog)
        row = {
            "assessment_id": assessment_id,
            "scope_key": scope_key(scope),
            "computed_at": now,
        }
        if scope.complete and scope.packs:
            card = score_assessment(
                scope.packs,
                answers[assessment_id],
                target=targets[assessment_id],
                clause_targets=overrides[assessment_id],
                go_live=dates[assessment_id][0],
                assessed=dates[assessment_id][1],
            )
            row |= {
                "answered": sum(q.counted for q in card.questions),
                "total": len(card.questions),
                "progress": card.completion,
                "score": card.score,
                "verdict_level": card.verdict.level,
                "verdict_text": card.verdict.text,
            }
        else:  # a pack is not installed: nothing can be scored until it is
            given = answers[assessment_id]
            answered = sum(
                a.maturity is not None or a.not_applicable or a.does_not_arise for a in given
            )
            row |= {"answered": answered, "total": 0, "progress": 0.0, "score": None,
                    "verdict_level": None, "verdict_text": None}  # fmt: skip
        rows.append(row)
    connection.execute(delete(StoredSummary).where(StoredSummary.assessment_id.in_(ids)))
    connection.execute(insert(StoredSummary), rows)
    return ids
