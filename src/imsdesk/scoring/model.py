"""The ScoreCard: every score, gap, finding and verdict of one assessment, as frozen data."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class QuestionResult:
    question_id: str
    pack_id: str
    standard: str
    clause: str
    section: str
    order: int  # position across the assessment's packs (clause order), for stable sorting
    status: str  # rules.ANSWERED, NOT_APPLICABLE, DOES_NOT_ARISE, UNANSWERED or INVALID
    weight: float
    documented: bool  # touches mandatory documented information
    target: int
    maturity: int | None = None  # only for answered questions
    score: float | None = None  # 0-100, only for answered questions
    gap: int | None = None
    finding: str | None = None  # the assessor's override where there is one
    priority: float | None = None
    problem: str = ""  # why the answer is invalid, for the user
    computed_finding: str | None = None  # what the rules say, whatever the assessor decided
    override_reason: str = ""

    @property
    def counted(self) -> bool:
        """Complete: answered, validly not applicable, or validly does not arise."""
        return self.status in ("answered", "not applicable", "does not arise")

    @property
    def overridden(self) -> bool:
        """The assessor replaced the computed finding with their own (with a reason)."""
        return self.finding is not None and bool(self.override_reason)


@dataclass(frozen=True)
class ClauseResult:
    pack_id: str
    standard: str
    number: str
    title: str  # ISO's title, or our description in brackets
    depth: int
    score: float | None
    completion: float
    answered: int  # answered or validly N/A
    total: int
    target: float  # mean target of the questions beneath
    finding: str | None  # the worst beneath (after the systemic-minors rule)
    systemic: bool = False  # raised to a likely major by several likely minors


@dataclass(frozen=True)
class SectionResult:
    """A harmonized-structure section (4-10) of one pack, or of all packs when pack_id is None."""

    number: str
    title: str
    pack_id: str | None
    score: float | None
    completion: float
    target: float


@dataclass(frozen=True)
class Verdict:
    level: str  # "not-ready", "stage-1" or "stage-2"
    text: str  # begins "Not ready" when not ready; a ready verdict never contains "not"
    reasons: tuple[str, ...]

    @property
    def ready(self) -> bool:
        return self.level != "not-ready"


@dataclass(frozen=True)
class StandardResult:
    pack_id: str
    standard: str
    edition: str
    system: str
    score: float | None
    completion: float
    verdict: Verdict
    findings: dict[str, int] = field(default_factory=dict)  # per question
    clause_findings: dict[str, int] = field(default_factory=dict)  # per clause, as the verdict


@dataclass(frozen=True)
class ThemeResult:
    pack_id: str
    theme_id: str
    name: str
    score: float | None
    questions: int


@dataclass(frozen=True)
class ScoreCard:
    questions: tuple[QuestionResult, ...]
    clauses: tuple[ClauseResult, ...]
    sections: tuple[SectionResult, ...]  # per pack, then integrated (pack_id None)
    standards: tuple[StandardResult, ...]
    themes: tuple[ThemeResult, ...]
    score: float | None  # integrated: the mean of the standards' scores (each weighs the same)
    completion: float
    verdict: Verdict  # integrated
    target: int  # the assessment's default target

    @property
    def gaps(self) -> tuple[QuestionResult, ...]:
        """Questions with a likely nonconformity, most urgent first (ties in clause order)."""
        found = [q for q in self.questions if q.priority is not None]
        return tuple(sorted(found, key=lambda q: (-q.priority, q.order)))

    @property
    def invalid(self) -> tuple[QuestionResult, ...]:
        return tuple(q for q in self.questions if q.status == "invalid")

    def question(self, question_id: str) -> QuestionResult:
        return next(q for q in self.questions if q.question_id == question_id)

    def clause(self, pack_id: str, number: str) -> ClauseResult:
        return next(c for c in self.clauses if c.pack_id == pack_id and c.number == number)

    def standard(self, pack_id: str) -> StandardResult:
        return next(s for s in self.standards if s.pack_id == pack_id)

    def section(self, number: str, pack_id: str | None = None) -> SectionResult:
        return next(s for s in self.sections if s.number == number and s.pack_id == pack_id)
