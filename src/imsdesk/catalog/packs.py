"""Building a Pack from a validated YAML document, with the checks a schema cannot express."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from imsdesk.catalog.model import (
    REQUIREMENT,
    Clause,
    Pack,
    Question,
    ScaleLevel,
    Theme,
    clause_key,
    parent_number,
)
from imsdesk.catalog.problems import PackError, Problem
from imsdesk.catalog.schemas import schema_problems
from imsdesk.catalog.yamlsource import Source, read_source

FORMAT = "imsdesk-questionnaire"
LEVELS = tuple(range(6))

# Where a standard lets a requirement be declared not applicable: the clause prefixes (a clause
# and its subclauses) per standard, for packs whose ``standard`` names it. ISO 9001 4.3 allows it
# only for requirements that cannot affect the conformity of products and services, which in
# practice come from clause 8 and 7.1.5; ISO 14001 has no exclusions at all. Packs of any other
# standard may set ``na_allowed`` as they see fit.
NOT_APPLICABLE_CLAUSES: dict[str, tuple[str, ...]] = {
    "ISO 9001": ("7.1.5", "8"),
    "ISO 14001": (),
}


def not_applicable_clauses(standard: str) -> tuple[str, ...] | None:
    """The clause prefixes where ``standard`` allows "not applicable"; None when it sets no rule."""
    return NOT_APPLICABLE_CLAUSES.get(" ".join(standard.split()).upper())


def _in_clauses(number: str, prefixes: tuple[str, ...]) -> bool:
    return any(number == p or number.startswith(p + ".") for p in prefixes)


def content_hash(data: Any) -> str:
    """A hash of the pack's content, blind to comments, layout and key order."""
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def load_pack(path: Path, *, name: str | None = None, builtin: bool = False) -> Pack:
    """Read, validate and build one pack; raise PackError listing every problem."""
    return build_pack(read_source(path, name), builtin=builtin, path=path)


def build_pack(source: Source, *, builtin: bool = False, path: Path | None = None) -> Pack:
    data = source.data
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise PackError(
            [source.problem((), f'not a questionnaire pack (it has no "format: {FORMAT}")')]
        )
    problems = schema_problems(source, "pack")
    if problems:
        raise PackError(problems)
    problems = _content_problems(source)
    if problems:
        raise PackError(problems)
    return _build(source, builtin, path)


def _content_problems(source: Source) -> list[Problem]:
    data = source.data
    problems: list[Problem] = []

    levels = [level["level"] for level in data["scale"]]
    for index, level in enumerate(levels):
        if level in levels[:index]:
            problems.append(
                source.problem(("scale", index, "level"), f"scale level {level} appears twice")
            )
    missing = [str(n) for n in LEVELS if n not in levels]
    if missing:
        problems.append(
            source.problem(
                ("scale",), f"the scale is incomplete: level {', '.join(missing)} missing"
            )
        )

    na_clauses = not_applicable_clauses(data["standard"])
    theme_ids = [t["id"] for t in data.get("themes", [])]
    for index, theme_id in enumerate(theme_ids):
        if theme_id in theme_ids[:index]:
            problems.append(
                source.problem(("themes", index, "id"), f"theme {theme_id!r} appears twice")
            )

    clauses = data["clauses"]
    numbers = [c["number"] for c in clauses]
    has_children = {parent_number(n) for n in numbers}
    seen_clauses: dict[str, int] = {}
    seen_questions: dict[str, str] = {}
    previous: str | None = None
    for ci, clause in enumerate(clauses):
        number = clause["number"]
        here = ("clauses", ci, "number")
        if number in seen_clauses:
            problems.append(source.problem(here, f"clause {number} appears twice"))
        seen_clauses.setdefault(number, ci)
        parent = parent_number(number)
        if parent is not None and parent not in numbers:
            problems.append(
                source.problem(
                    here, f"clause {number}: its parent clause {parent} is not in the pack"
                )
            )
        if previous is not None and clause_key(number) < clause_key(previous):
            problems.append(
                source.problem(here, f"clause {number} comes after {previous}; keep clause order")
            )
        previous = number
        if not clause["title"].strip() and not clause.get("description"):
            problems.append(
                source.problem(
                    ("clauses", ci, "title"),
                    f"clause {number} has no title; give a description of your own instead",
                )
            )
        questions = clause.get("questions", [])
        if number in has_children and questions:
            problems.append(
                source.problem(
                    ("clauses", ci, "questions"),
                    f"clause {number} has subclauses; put its questions on the subclauses",
                )
            )
        if number not in has_children and not questions:
            problems.append(source.problem(here, f"clause {number} has no questions"))
        for qi, question in enumerate(questions):
            qpath = ("clauses", ci, "questions", qi)
            qid = question["id"]
            if qid in seen_questions:
                problems.append(
                    source.problem(
                        (*qpath, "id"),
                        f"question {qid}: the id is already used in clause {seen_questions[qid]}",
                    )
                )
            seen_questions.setdefault(qid, number)
            serves = question.get("serves")
            if serves is not None and serves not in theme_ids:
                known = ", ".join(theme_ids) or "none defined"
                problems.append(
                    source.problem(
                        (*qpath, "serves"),
                        f"question {qid}: serves unknown theme {serves!r} (themes: {known})",
                    )
                )
            levels = [x["level"] for x in question.get("levels", [])]
            for li, level in enumerate(levels):
                if level in levels[:li]:
                    problems.append(
                        source.problem(
                            (*qpath, "levels", li, "level"),
                            f"question {qid}: level {level} is described twice",
                        )
                    )
            if question.get("na_allowed"):
                problem = _na_problem(data, na_clauses, number)
                if problem:
                    problems.append(
                        source.problem((*qpath, "na_allowed"), f"question {qid}: {problem}")
                    )
    return problems


def _na_problem(data: dict[str, Any], clauses: tuple[str, ...] | None, number: str) -> str:
    """Why ``na_allowed: true`` is not allowed on a question of clause ``number``, or ""."""
    if data["system"] == "ems":
        return "an EMS has no exclusions; na_allowed must be false"
    if clauses is None or _in_clauses(number, clauses):
        return ""
    standard = " ".join(data["standard"].split())
    if not clauses:
        return f"{standard} has no exclusions; na_allowed must be false"
    where = " and ".join(sorted(clauses, key=clause_key))
    return (
        f"{standard} allows a requirement to be declared not applicable only in clauses {where}; "
        f"na_allowed must be false in clause {number}"
    )


def _build(source: Source, builtin: bool, path: Path | None) -> Pack:
    data = source.data
    clauses = tuple(
        Clause(
            number=c["number"],
            title=c["title"].strip(),
            description=c.get("description", "").strip(),
            questions=tuple(_question(q, c["number"]) for q in c.get("questions", [])),
        )
        for c in data["clauses"]
    )
    return Pack(
        id=data["id"],
        standard=data["standard"].strip(),
        edition=data["edition"].strip(),
        title=data["title"].strip(),
        system=data["system"],
        copyright=clean_text(data["copyright"]),
        scale=tuple(
            ScaleLevel(s["level"], s["name"].strip(), clean_text(s["description"]))
            for s in sorted(data["scale"], key=lambda s: s["level"])
        ),
        clauses=clauses,
        themes=tuple(
            Theme(t["id"], t["name"].strip(), clean_text(t.get("description", "")))
            for t in data.get("themes", [])
        ),
        themes_title=data.get("themes_title", "").strip(),
        amendments=tuple(a.strip() for a in data.get("amendments", [])),
        language=data.get("language", "en"),
        description=clean_text(data.get("description", "")),
        source=str(path) if path else source.file,
        builtin=builtin,
        content_hash=content_hash(data),
    )


def _question(q: dict[str, Any], clause: str) -> Question:
    return Question(
        id=q["id"],
        clause=clause,
        text=clean_text(q["text"]),
        guidance=clean_text(q["guidance"]),
        evidence=tuple(clean_text(e) for e in q["evidence"]),
        action=clean_text(q["action"]),
        weight=float(q.get("weight", 1)),
        documented_information=q.get("documented_information", "none"),
        na_allowed=bool(q.get("na_allowed", False)),
        serves=q.get("serves"),
        basis=q.get("basis", REQUIREMENT),
        proves=q.get("proves"),
        conditional=bool(q.get("conditional", False)),
        topic=q.get("topic"),
        levels=tuple(
            ScaleLevel(x["level"], "", clean_text(x["description"]))
            for x in sorted(q.get("levels", []), key=lambda x: x["level"])
        ),
    )


def clean_text(text: str) -> str:
    """Folded YAML text as one paragraph per blank-line-separated block."""
    paragraphs = [" ".join(p.split()) for p in text.strip().split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)
