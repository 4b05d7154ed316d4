"""Questionnaire packs and crosswalks as frozen dataclasses (what the rest of IMS Desk reads)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

REQUIREMENT, NOTE = "requirement", "note"  # the basis of a question in the standard


def clause_key(number: str) -> tuple[int, ...]:
    """Sort key for clause numbers: "9.10" after "9.2"."""
    return tuple(int(part) for part in number.split("."))


def parent_number(number: str) -> str | None:
    return number.rsplit(".", 1)[0] if "." in number else None


@dataclass(frozen=True)
class ScaleLevel:
    level: int
    name: str
    description: str


@dataclass(frozen=True)
class Theme:
    """A quality management principle or an EMS aim that questions can serve."""

    id: str
    name: str
    description: str = ""


@dataclass(frozen=True)
class Question:
    id: str
    clause: str
    text: str
    guidance: str
    evidence: tuple[str, ...]
    action: str
    weight: float = 1.0
    documented_information: str = "none"  # "maintain", "retain" or "none"
    na_allowed: bool = False
    serves: str | None = None
    # "note": the question reflects a NOTE or guidance in the standard, not a requirement; it can
    # show an opportunity for improvement but never a nonconformity, and never gates readiness.
    basis: str = "requirement"
    # What a good answer establishes for the readiness verdict: "audit" (an internal audit was
    # carried out), "review" (a management review was held), "compliance" (compliance with legal
    # and other requirements was evaluated and is in order).
    proves: str | None = None
    # The requirement applies only when a situation arises (customer property, early release...).
    conditional: bool = False
    # What some levels look like for this question (a yes/no requirement has no natural 0-5
    # scale); the wizard shows them next to the pack's scale.
    levels: tuple[ScaleLevel, ...] = ()
    # The piece of work the remedy belongs to (a plan topic: questionnaires/plan-topics.yaml):
    # it merges QMS and EMS gaps into one action, and gives the action its phase and owner role.
    topic: str | None = None

    def level_description(self, level: int) -> str:
        """This question's own description of ``level``, or ""."""
        return next((x.description for x in self.levels if x.level == level), "")

    @property
    def section(self) -> str:
        return self.clause.split(".")[0]

    @property
    def mandatory_documented_information(self) -> bool:
        return self.documented_information != "none"

    @property
    def note_only(self) -> bool:
        return self.basis == NOTE


@dataclass(frozen=True)
class Clause:
    number: str
    title: str  # ISO's title; empty for the subclauses the standard leaves untitled
    description: str = ""  # our own short description, required where the title is empty
    questions: tuple[Question, ...] = ()

    @property
    def label(self) -> str:
        """What to show as the clause's name: ISO's title, or our description in brackets."""
        return self.title or f"[{self.description}]"

    @property
    def section(self) -> str:
        return self.number.split(".")[0]

    @property
    def parent(self) -> str | None:
        return parent_number(self.number)

    @property
    def depth(self) -> int:
        return self.number.count(".")


@dataclass(frozen=True)
class Pack:
    """One questionnaire: a standard at one edition, its clauses and questions."""

    id: str
    standard: str
    edition: str
    title: str
    system: str  # "qms", "ems" or "other"
    copyright: str
    scale: tuple[ScaleLevel, ...]
    clauses: tuple[Clause, ...]
    themes: tuple[Theme, ...] = ()
    themes_title: str = ""
    amendments: tuple[str, ...] = ()
    language: str = "en"
    description: str = ""
    source: str = ""
    builtin: bool = False
    content_hash: str = ""

    @cached_property
    def _clauses(self) -> dict[str, Clause]:
        return {c.number: c for c in self.clauses}

    @cached_property
    def _questions(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    @cached_property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for c in self.clauses for q in c.questions)

    def clause(self, number: str) -> Clause:
        return self._clauses[number]

    def has_clause(self, number: str) -> bool:
        return number in self._clauses

    def question(self, question_id: str) -> Question:
        return self._questions[question_id]

    def has_question(self, question_id: str) -> bool:
        return question_id in self._questions

    def questions_under(self, number: str) -> tuple[Question, ...]:
        """The questions of a clause and all its subclauses."""
        prefix = number + "."
        return tuple(q for q in self.questions if q.clause == number or q.clause.startswith(prefix))

    def theme(self, theme_id: str) -> Theme | None:
        return next((t for t in self.themes if t.id == theme_id), None)

    @property
    def sections(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.section for c in self.clauses))

    @property
    def label(self) -> str:
        return f"{self.standard}:{self.edition}"


@dataclass(frozen=True)
class IntroBlock:
    heading: str
    text: str
    bullets: tuple[str, ...] = ()


@dataclass(frozen=True)
class CrosswalkRow:
    """Clauses of the two packs that address the same subject, or one side's clauses alone."""

    qms: tuple[str, ...] = ()
    ems: tuple[str, ...] = ()
    contrast: str = ""  # how the QMS and EMS views differ (paired rows)
    note: str = ""  # why only one side has it (single-sided rows)

    @property
    def kind(self) -> str:
        if self.qms and self.ems:
            return "paired"
        return "qms-only" if self.qms else "ems-only"


@dataclass(frozen=True)
class CrosswalkSection:
    number: str
    title: str
    rows: tuple[CrosswalkRow, ...]


@dataclass(frozen=True)
class Crosswalk:
    id: str
    title: str
    qms: str  # pack id
    ems: str  # pack id
    sections: tuple[CrosswalkSection, ...]
    introduction: tuple[IntroBlock, ...] = ()
    source: str = ""
    builtin: bool = False
    _by_clause: dict[tuple[str, str], CrosswalkRow] = field(
        default_factory=dict, compare=False, repr=False
    )

    def row_for(self, side: str, number: str) -> CrosswalkRow | None:
        """The row holding clause ``number`` of side "qms" or "ems"."""
        if not self._by_clause:
            for section in self.sections:
                for row in section.rows:
                    for n in row.qms:
                        self._by_clause[("qms", n)] = row
                    for n in row.ems:
                        self._by_clause[("ems", n)] = row
        return self._by_clause.get((side, number))
