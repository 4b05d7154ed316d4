"""Small packs and answers built in code, so expectations can be computed by hand."""

from __future__ import annotations

from dataclasses import dataclass

from imsdesk.catalog import Clause, Pack, Question, ScaleLevel

SCALE = tuple(ScaleLevel(n, f"L{n}", f"level {n}") for n in range(6))


@dataclass(frozen=True)
class A:
    """An answer as scoring reads it."""

    question_id: str
    maturity: int | None = None
    not_applicable: bool = False
    justification: str = ""
    does_not_arise: bool = False
    override_finding: str | None = None
    override_reason: str = ""


def q(qid: str, clause: str, weight: float = 1, documented: str = "none", na: bool = False,
      serves: str | None = None, basis: str = "requirement", proves: str | None = None,
      conditional: bool = False, topic: str | None = None) -> Question:  # fmt: skip
    return Question(
        id=qid,
        clause=clause,
        text=f"Question {qid}?",
        guidance="g",
        evidence=("e",),
        action="a",
        weight=weight,
        documented_information=documented,
        na_allowed=na,
        serves=serves,
        basis=basis,
        proves=proves,
        conditional=conditional,
        topic=topic,
    )


def pack(pack_id: str, clauses: list[tuple[str, str, list[Question]]], system: str = "qms",
         standard: str | None = None, themes=()) -> Pack:  # fmt: skip
    return Pack(
        id=pack_id,
        standard=standard or pack_id.upper(),
        edition="1",
        title=pack_id,
        system=system,
        copyright="c",
        scale=SCALE,
        clauses=tuple(Clause(n, t, "", tuple(qs)) for n, t, qs in clauses),
        themes=tuple(themes),
    )
