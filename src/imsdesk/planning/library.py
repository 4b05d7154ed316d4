"""The library of link templates: which environmental targets suit which quality objectives.

The library is data (``questionnaires/objective-links.yaml``, format ``imsdesk-objective-links``),
validated like the questionnaire packs, with FILE:LINE messages. Users can add their own library
files to the same folders as their packs.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from imsdesk.catalog.packs import clean_text
from imsdesk.catalog.problems import PackError, Problem
from imsdesk.catalog.schemas import schema_problems
from imsdesk.catalog.yamlsource import Source
from imsdesk.planning.datafiles import data_files, parsed
from imsdesk.planning.model import ObjectiveData

FORMAT = "imsdesk-objective-links"
CATEGORY_MATCH = 5  # a category match outweighs a few keyword matches


@dataclass(frozen=True)
class Side:
    statement: str
    kpi: str
    unit: str
    direction: str = "decrease"
    suggested_change: float | None = None


@dataclass(frozen=True)
class TemplateAction:
    """A lever of a template's rationale: what to do, who typically owns it, when (days after
    the link is made), with what, and how the results are evaluated (ISO 9001 / ISO 14001
    6.2.2)."""

    title: str
    owner: str
    days: int
    resources: str
    evaluation: str


@dataclass(frozen=True)
class LinkTemplate:
    id: str
    category: str
    name: str
    keywords: tuple[str, ...]
    quality: Side
    environmental: Side
    rationale: str
    clauses: tuple[tuple[str, str], ...]  # (side, clause)
    source: str = ""
    # The questions whose gap actions move this link's objectives: only those stand under it.
    questions: frozenset[str] = frozenset()
    actions: tuple[TemplateAction, ...] = ()  # added under the link when it is accepted


@dataclass(frozen=True)
class Library:
    templates: tuple[LinkTemplate, ...]
    problems: tuple[Problem, ...] = ()

    def template(self, template_id: str) -> LinkTemplate | None:
        return next((t for t in self.templates if t.id == template_id), None)

    @property
    def categories(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t.category for t in self.templates))


@dataclass(frozen=True)
class Suggestion:
    template: LinkTemplate
    score: int
    matched: tuple[str, ...]  # the keywords (and "category") that matched


@functools.cache
def _schema() -> dict:
    text = resources.files("imsdesk.planning").joinpath("objective-links.schema.json")
    return json.loads(text.read_text("utf-8"))


def build_library_file(source: Source, path: Path | None = None) -> list[LinkTemplate]:
    data = source.data
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise PackError([source.problem((), f'not a link library (it has no "format: {FORMAT}")')])
    problems = schema_problems(source, _schema())
    if problems:
        raise PackError(problems)
    seen: dict[str, int] = {}
    for index, template in enumerate(data["templates"]):
        if template["id"] in seen:
            problems.append(
                source.problem(
                    ("templates", index, "id"), f"template {template['id']!r} appears twice"
                )
            )
        seen.setdefault(template["id"], index)
    if problems:
        raise PackError(problems)
    return [_template(t, str(path) if path else source.file) for t in data["templates"]]


def _template(t: dict, source: str) -> LinkTemplate:
    def side(d: dict) -> Side:
        return Side(
            clean_text(d["statement"]),
            clean_text(d["kpi"]),
            d["unit"].strip(),
            d.get("direction", "decrease"),
            d.get("suggested_change"),
        )

    clauses = t.get("clauses", {})
    return LinkTemplate(
        id=t["id"],
        category=t["category"],
        name=clean_text(t["name"]),
        keywords=tuple(k.strip().lower() for k in t["keywords"]),
        quality=side(t["quality"]),
        environmental=side(t["environmental"]),
        rationale=clean_text(t["rationale"]),
        clauses=tuple(
            [("qms", n) for n in clauses.get("qms", [])]
            + [("ems", n) for n in clauses.get("ems", [])]
        ),
        source=source,
        questions=frozenset(t.get("questions", [])),
        actions=tuple(
            TemplateAction(
                " ".join(a["title"].split()),
                a["owner"].strip(),
                a["days"],
                clean_text(a["resources"]),
                clean_text(a["evaluation"]),
            )
            for a in t.get("actions", [])
        ),
    )


def load_library(extra: Sequence[Path] = ()) -> Library:
    """Every link library in the questionnaire folders; bad files become problems."""
    templates: dict[str, LinkTemplate] = {}
    problems: list[Problem] = []
    for path in data_files(extra, FORMAT):
        found, wrong = parsed(path, _library_file)
        problems.extend(wrong)
        for template in found or ():
            templates.setdefault(template.id, template)
    return Library(tuple(templates.values()), tuple(problems))


def _library_file(source: Source, path: Path) -> tuple[LinkTemplate, ...]:
    return tuple(build_library_file(source, path))


def _words(text: str) -> str:
    return " " + re.sub(r"[^a-z0-9%]+", " ", text.lower()) + " "


def suggest(objective: ObjectiveData, library: Library, limit: int = 5) -> list[Suggestion]:
    """Templates for a quality objective, best first: its category, then keywords found in its
    statement and KPI. Ties keep the library's order."""
    text = _words(f"{objective.statement} {objective.kpi} {objective.unit}")
    found = []
    for template in library.templates:
        matched = [k for k in template.keywords if _words(k) in text]
        score = len(matched)
        if objective.category and objective.category == template.category:
            score += CATEGORY_MATCH
            matched.insert(0, "category")
        if score:
            found.append(Suggestion(template, score, tuple(matched)))
    found.sort(key=lambda s: -s.score)
    return found[:limit]
