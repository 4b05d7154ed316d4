"""The objectives page's work off the GUI thread: reading what it shows and storing what the
user typed, with every problem tied to the field it concerns.

Plain Python, no Qt. The core (services, planning, SQLAlchemy) is imported inside the functions,
so importing this module keeps the main window light.
"""

from __future__ import annotations

import datetime as dt
import math
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from imsdesk.errors import InvalidInput, NotFound

if TYPE_CHECKING:
    from imsdesk.catalog import Catalog
    from imsdesk.planning import ActionPlan, LinkData, ObjectiveData, Suggestion
    from imsdesk.planning.library import Library
    from imsdesk.storage import Database

QUALITY, ENVIRONMENTAL = "quality", "environmental"  # the values of ObjectiveData.kind
KIND_NAMES = {QUALITY: "quality objective", ENVIRONMENTAL: "environmental target"}
# The form's fields, named as in ObjectiveInput and planning.validation.
FIELDS = (
    "statement",
    "category",
    "kpi",
    "unit",
    "baseline",
    "target_value",
    "due",
    "owner",
    "frequency",
    "status",
)
FORM = ""  # a problem no single field is to blame for


@dataclass(frozen=True)
class Problems:
    """What the user typed cannot be stored, and nothing was: ``fields`` maps a field (or FORM)
    to its message; a field that shares a message shown at another maps to "".

    Returned, not raised: it is an answer, not a failure (and a raised exception would keep the
    page alive in a reference cycle through its traceback)."""

    fields: Mapping[str, str]

    def __str__(self) -> str:
        return " ".join(m for m in self.fields.values() if m)


# Parsing what was typed --------------------------------------------------------------------------


def parse_number(text: str) -> float | None:
    """A number as people type it ("12.5", "12,5", " 97 "); empty is None."""
    text = text.strip().replace(" ", "").replace("\u00a0", "")
    if not text:
        return None
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        raise InvalidInput("Enter a number, e.g. 12.5.") from None
    if not math.isfinite(value):
        raise InvalidInput("Enter a number, e.g. 12.5.")
    return value


def parse_date(text: str) -> dt.date | None:
    text = text.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidInput("Enter the date as YYYY-MM-DD, e.g. 2027-03-31.") from None


def format_number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def short(text: str, limit: int = 60) -> str:
    """A statement cut at a word, for messages."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit] + " …"


def measure_text(objective: ObjectiveData) -> str:
    """ "94 → 97 %" (or only one end when only one is set)."""
    if objective.baseline is None and objective.target_value is None:
        return ""
    start = format_number(objective.baseline)
    end = format_number(objective.target_value)
    arrow = f"{start} → {end}" if start and end else start or f"→ {end}"
    return f"{arrow} {objective.unit}".strip()


# What the page shows ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FormValues:
    """The form's fields, parsed; ``objective_id`` is None for a new objective."""

    kind: str
    statement: str
    category: str = ""
    kpi: str = ""
    unit: str = ""
    baseline: float | None = None
    target_value: float | None = None
    due: dt.date | None = None
    owner: str = ""
    frequency: str = ""
    status: str = "draft"
    objective_id: uuid.UUID | None = None

    def cleaned(self) -> FormValues:
        """As the service stores it (spaces tidied), so the checks see what will be stored."""
        return replace(
            self,
            statement=" ".join(self.statement.split()),
            **{
                name: getattr(self, name).strip()
                for name in ("category", "kpi", "unit", "owner", "frequency")
            },
        )

    def fields(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in FIELDS}


@dataclass(frozen=True)
class PageData:
    assessment_id: uuid.UUID
    assessment_date: dt.date
    final: bool
    plan: ActionPlan
    library: Library
    suggestions: dict[uuid.UUID, tuple[Suggestion, ...]]  # per quality objective
    # Stored objectives that no longer pass the checks (e.g. the assessment date moved).
    problems: dict[uuid.UUID, dict[str, str]] = field(default_factory=dict)
    statuses: tuple[str, ...] = ()
    frequencies: tuple[str, ...] = ()

    @property
    def categories(self) -> tuple[str, ...]:
        return self.library.categories

    def objective(self, objective_id: uuid.UUID | None) -> ObjectiveData | None:
        return next((o for o in self.plan.objectives if o.id == objective_id), None)

    def links_of(self, objective_id: uuid.UUID) -> list[LinkData]:
        return [
            link
            for link in self.plan.links
            if objective_id in (link.quality_objective_id, link.environmental_objective_id)
        ]

    def linked_actions(self, links: Sequence[LinkData]) -> int:
        ids = {link.id for link in links}
        return sum(1 for action in self.plan.actions if action.link_id in ids)

    def incomplete(self, objective_id: uuid.UUID) -> bool:
        """A quality objective with no environmental target linked."""
        return any(g.objective.id == objective_id and g.incomplete for g in self.plan.groups)


def load_library(folders: Sequence[str]) -> Library:
    from imsdesk.planning import load_library as load

    return load([Path(f) for f in folders])


def load_page_data(
    db: Database, catalog: Catalog, library: Library, assessment_id: uuid.UUID
) -> PageData:
    """The objectives, links and actions (one read), with suggestions and stored problems."""
    from imsdesk.planning import FREQUENCIES, OBJECTIVE_STATUSES, suggest
    from imsdesk.services.plan import load_plan

    view = load_plan(db, catalog, assessment_id)
    record = view.scored.detail.assessment
    plan = view.plan
    return PageData(
        assessment_id=record.id,
        assessment_date=record.date,
        final=record.status == "final",
        plan=plan,
        library=library,
        suggestions={
            o.id: tuple(suggest(o, library)) for o in plan.objectives if o.kind == QUALITY
        },
        problems={
            o.id: problems_by_field(o, record.date)
            for o in plan.objectives
            if o.id in plan.problems
        },
        statuses=OBJECTIVE_STATUSES,
        frequencies=FREQUENCIES,
    )


def problems_by_field(objective: ObjectiveData, assessment_date: dt.date) -> dict[str, str]:
    """The checks' messages keyed by the first field each concerns (several are joined); the
    other fields a message concerns map to "" (marked, the message shown once)."""
    from imsdesk.planning.validation import field_problems

    found: dict[str, str] = {}
    for problem in field_problems(objective, assessment_date):
        where = [f for f in problem.fields if f in FIELDS] or [FORM]
        found[where[0]] = " ".join(filter(None, (found.get(where[0]), problem.message)))
        for other in where[1:]:
            found.setdefault(other, "")
    return found


def _check(values: FormValues, assessment_date: dt.date) -> FormValues | Problems:
    """The values as they would be stored, or what to fix where."""
    from imsdesk.planning import ObjectiveData
    from imsdesk.services.objectives import TEXT_MAX

    cleaned = values.cleaned()
    probe = ObjectiveData(uuid.uuid4(), values.kind, **cleaned.fields())
    problems = problems_by_field(probe, assessment_date)
    if len(cleaned.statement) > TEXT_MAX:
        problems.setdefault("statement", "The statement is too long.")
    return Problems(problems) if problems else cleaned


def store_objective(
    db: Database, assessment_id: uuid.UUID, values: FormValues, assessment_date: dt.date
) -> ObjectiveData | Problems:
    """Add (no ``objective_id``) or update an objective, unless a check fails. The service
    checks again, against the stored assessment date."""
    from imsdesk.services.objectives import ObjectiveInput, add_objective, update_objective

    cleaned = _check(values, assessment_date)
    if isinstance(cleaned, Problems):
        return cleaned
    if cleaned.objective_id is None:
        return add_objective(
            db, assessment_id, ObjectiveInput(kind=cleaned.kind, **cleaned.fields())
        )
    return update_objective(db, cleaned.objective_id, **cleaned.fields())


@dataclass(frozen=True)
class AcceptValues:
    """What accepting a suggestion asks for."""

    quality_id: uuid.UUID
    template_id: str
    baseline: float | None
    target_value: float | None
    due: dt.date | None
    owner: str = ""


def accept(
    db: Database, library: Library, values: AcceptValues, assessment_date: dt.date
) -> tuple[ObjectiveData, LinkData] | Problems:
    """Create the template's environmental target with the user's numbers and link it, unless
    a check fails."""
    from imsdesk.services.objectives import accept_suggestion

    template = library.template(values.template_id)
    if template is None:
        raise NotFound(f"There is no link template {values.template_id!r}.")
    env = template.environmental
    checked = _check(
        FormValues(
            kind=ENVIRONMENTAL,
            statement=env.statement,
            category=template.category,
            kpi=env.kpi,
            unit=env.unit,
            baseline=values.baseline,
            target_value=values.target_value,
            due=values.due,
            owner=values.owner,
        ),
        assessment_date,
    )
    if isinstance(checked, Problems):
        return checked
    assert values.baseline is not None and values.target_value is not None and values.due
    return accept_suggestion(
        db,
        library,
        values.quality_id,
        values.template_id,
        baseline=values.baseline,
        target_value=values.target_value,
        due=values.due,
        owner=values.owner.strip(),
    )


def suggested_target(baseline: float, direction: str, change: float | None) -> float | None:
    """The template's suggested change applied to a baseline (a hint, never stored as is)."""
    if change is None:
        return None
    factor = 1 - change / 100 if direction == "decrease" else 1 + change / 100
    return round(baseline * factor, 6)
