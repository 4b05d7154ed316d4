"""The series the radar charts draw, taken from a ScoreCard (0-100 on every axis)."""

from __future__ import annotations

from dataclasses import dataclass

from imsdesk.scoring import rules
from imsdesk.scoring.model import ScoreCard


@dataclass(frozen=True)
class Radar:
    title: str
    axes: tuple[str, ...]  # axis labels
    series: tuple[tuple[str, tuple[float | None, ...]], ...]  # (name, one value per axis)


def sections_radar(card: ScoreCard) -> Radar:
    """Harmonized sections 4-10: one series per standard, and the target."""
    numbers = [s.number for s in card.sections if s.pack_id is None]
    titles = {s.number: s.title for s in card.sections if s.pack_id is None}
    series = []
    for standard in card.standards:
        values = tuple(_value(card, standard.pack_id, n) for n in numbers)
        series.append((standard.standard, values))
    targets = tuple(round(100 * card.section(n).target / rules.MAX_LEVEL, 1) for n in numbers)
    series.append(("Target", targets))
    return Radar("Harmonized sections", tuple(f"{n} {titles[n]}" for n in numbers), tuple(series))


def _value(card: ScoreCard, pack_id: str, number: str) -> float | None:
    found = [s for s in card.sections if s.pack_id == pack_id and s.number == number]
    return found[0].score if found else None


def clauses_radar(card: ScoreCard, pack_id: str) -> Radar:
    """The second-level clauses (4.1, 4.2 ... 10.3) of one standard, with the target."""
    mine = [c for c in card.clauses if c.pack_id == pack_id and c.depth == 1]
    standard = card.standard(pack_id).standard
    return Radar(
        f"{standard} by clause",
        tuple(c.number for c in mine),
        (
            (standard, tuple(c.score for c in mine)),
            ("Target", tuple(round(100 * c.target / rules.MAX_LEVEL, 1) for c in mine)),
        ),
    )


def themes_radar(card: ScoreCard, pack_id: str) -> Radar | None:
    """The quality principles or EMS aims of one standard, where its questions are tagged."""
    mine = [t for t in card.themes if t.pack_id == pack_id and t.questions]
    if len(mine) < 3:
        return None
    standard = card.standard(pack_id).standard
    return Radar(
        f"{standard} by principle"
        if card.standard(pack_id).system == "qms"
        else f"{standard} by aim",
        tuple(t.name for t in mine),
        ((standard, tuple(t.score for t in mine)),),
    )


def cycles_radar(earlier: ScoreCard, later: ScoreCard, earlier_name: str, later_name: str) -> Radar:
    """Harmonized sections 4-10 of two cycles of the same questionnaires, overlaid."""
    numbers = [s.number for s in later.sections if s.pack_id is None]
    titles = {s.number: s.title for s in later.sections if s.pack_id is None}
    old = {s.number: s.score for s in earlier.sections if s.pack_id is None}
    return Radar(
        "Harmonized sections, two cycles",
        tuple(f"{n} {titles[n]}" for n in numbers),
        (
            (earlier_name, tuple(old.get(n) for n in numbers)),
            (later_name, tuple(later.section(n).score for n in numbers)),
        ),
    )
