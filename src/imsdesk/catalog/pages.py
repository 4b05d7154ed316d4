"""How an assessment's clauses are grouped into pages: the desktop wizard's steps, the PDF's gap
register and ``imsdesk progress`` all walk the same layout.

With a crosswalk, each crosswalk row is one page (the QMS and EMS clauses that address one
subject, side by side, with the sentence on how the two views differ), in crosswalk order. Packs
the crosswalk does not cover are laid out on their own: a page per two-level clause ("8.5" with
"8.5.1" to "8.5.6"). Rows and groups without questions (clause headings such as "4" or "6.2") are
not pages; they are kept as ``headings`` of the page that follows them in their section, so a
report can still show their roll-up scores and contrast.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import groupby

from imsdesk.catalog.model import Crosswalk, CrosswalkRow, Pack

SIDES = ("qms", "ems")


@dataclass(frozen=True)
class PageSide:
    pack_id: str
    system: str  # the pack's system: "qms", "ems" or "other"
    clauses: tuple[str, ...]  # clause numbers on this side, in pack order
    questions: tuple[str, ...]  # question ids of those clauses, in pack order


@dataclass(frozen=True)
class HarmonizedPage:
    key: str  # stable and unique within the layout: remembers where the user was
    section: str  # the top-level clause, "4".."10" for the harmonized structure
    section_title: str
    number: str  # what to show: "4.1", or "6.1.2 / 6.1.4" when the sides' numbers differ
    title: str  # the first side's first clause: ISO's title, or its [description]
    sides: tuple[PageSide, ...]  # QMS first, then EMS; only sides with clauses on this page
    contrast: str = ""  # how the QMS and EMS views differ (paired rows, both packs in scope)
    note: str = ""  # why only one side has it (single-sided rows, both packs in scope)
    headings: tuple[HarmonizedPage, ...] = ()  # question-less rows just before, in this section

    @property
    def question_ids(self) -> tuple[str, ...]:
        return tuple(q for side in self.sides for q in side.questions)

    def side(self, pack_id: str) -> PageSide | None:
        return next((s for s in self.sides if s.pack_id == pack_id), None)


def harmonized_pages(
    packs: Sequence[Pack], crosswalk: Crosswalk | None
) -> tuple[HarmonizedPage, ...]:
    """The pages of a scope, in the scope's pack order (the crosswalk's packs together).

    Every question of every pack appears on exactly one page, in pack order.
    """
    covered = {crosswalk.qms, crosswalk.ems} & {p.id for p in packs} if crosswalk else set()
    drafts: list[HarmonizedPage] = []
    for pack in packs:
        if pack.id not in covered:
            drafts += _grouped(pack)
        elif crosswalk is not None:
            # The crosswalk's pages stand where its first pack is in the scope.
            drafts += _crosswalked([p for p in packs if p.id in covered], crosswalk)
            crosswalk = None
    return tuple(_unique_keys(_fold_headings(drafts)))


# With a crosswalk -------------------------------------------------------------------------------


def _crosswalked(packs: Sequence[Pack], crosswalk: Crosswalk) -> list[HarmonizedPage]:
    by_id = {p.id: p for p in packs}
    paired = {crosswalk.qms, crosswalk.ems} <= set(by_id)
    titles = {s.number: s.title for s in crosswalk.sections}
    drafts: list[HarmonizedPage] = []
    for section in crosswalk.sections:
        for row in section.rows:
            sides = []
            for name in SIDES:
                pack = by_id.get(getattr(crosswalk, name))
                numbers = [n for n in getattr(row, name) if pack and pack.has_clause(n)]
                if pack is not None and numbers:
                    sides.append(_side(pack, numbers))
            if sides:
                drafts.append(
                    _page(
                        _row_key(row),
                        section.number,
                        section.title,
                        sides,
                        by_id,
                        contrast=row.contrast if paired else "",
                        note=row.note if paired else "",
                    )
                )
    # A clause the crosswalk leaves out still gets a page of its own, QMS side first.
    added: set[str] = set()
    for pack in [by_id[i] for i in (crosswalk.qms, crosswalk.ems) if i in by_id]:
        placed = {n for d in drafts if (s := d.side(pack.id)) for n in s.clauses}
        for clause in pack.clauses:
            if clause.number in placed:
                continue
            page = _page(
                f"{pack.id}:{clause.number}",
                clause.section,
                titles.get(clause.section) or _section_title(pack, clause.section),
                [_side(pack, [clause.number])],
                by_id,
            )
            index = _position(drafts, pack, clause.number)
            # Behind the other pack's pages added at the same place.
            while (
                index < len(drafts)
                and drafts[index].key in added
                and not drafts[index].side(pack.id)
            ):
                index += 1
            drafts.insert(index, page)
            added.add(page.key)
            placed.add(clause.number)
    return drafts


def _row_key(row: CrosswalkRow) -> str:
    """The first numbers: "4.1" when both sides agree, else "QMS|EMS" ("8.3|" is QMS only)."""
    qms, ems = (row.qms[:1] or ("",))[0], (row.ems[:1] or ("",))[0]
    return qms if qms == ems else f"{qms}|{ems}"


def _position(drafts: Sequence[HarmonizedPage], pack: Pack, number: str) -> int:
    """Where a clause missing from the crosswalk goes: after the page of the clause before it in
    the pack (same section), else at the start of its section, else before the next section."""
    numbers = [c.number for c in pack.clauses]
    section = pack.clause(number).section
    for earlier in reversed(numbers[: numbers.index(number)]):
        if pack.clause(earlier).section != section:
            break
        for index, draft in enumerate(drafts):
            side = draft.side(pack.id)
            if side is not None and earlier in side.clauses:
                return index + 1
    for index, draft in enumerate(drafts):
        if _section_key(draft.section) >= _section_key(section):
            return index
    return len(drafts)


def _section_key(section: str) -> tuple[int, str]:
    return (int(section), "") if section.isdigit() else (1 << 30, section)


# Without a crosswalk ----------------------------------------------------------------------------


def _grouped(pack: Pack) -> list[HarmonizedPage]:
    """A page per two-level clause of one pack: "8.5" with its subclauses, "8" alone."""
    by_id = {pack.id: pack}
    pages = []
    for _, group in groupby(pack.clauses, key=lambda c: ".".join(c.number.split(".")[:2])):
        numbers = [c.number for c in group]
        section = pack.clause(numbers[0]).section
        pages.append(
            _page(
                f"{pack.id}:{numbers[0]}",
                section,
                _section_title(pack, section),
                [_side(pack, numbers)],
                by_id,
            )
        )
    return pages


def _section_title(pack: Pack, section: str) -> str:
    return pack.clause(section).label if pack.has_clause(section) else ""


# Shared -----------------------------------------------------------------------------------------


def _side(pack: Pack, numbers: Iterable[str]) -> PageSide:
    order = {c.number: i for i, c in enumerate(pack.clauses)}
    clauses = tuple(sorted(numbers, key=order.__getitem__))
    return PageSide(
        pack.id,
        pack.system,
        clauses,
        tuple(q.id for n in clauses for q in pack.clause(n).questions),
    )


def _page(
    key: str,
    section: str,
    section_title: str,
    sides: Sequence[PageSide],
    packs: dict[str, Pack],
    *,
    contrast: str = "",
    note: str = "",
) -> HarmonizedPage:
    firsts = list(dict.fromkeys(side.clauses[0] for side in sides))
    first = sides[0]
    return HarmonizedPage(
        key=key,
        section=section,
        section_title=section_title,
        number=" / ".join(firsts),
        title=packs[first.pack_id].clause(first.clauses[0]).label,
        sides=tuple(sides),
        contrast=contrast,
        note=note,
    )


def _fold_headings(drafts: Iterable[HarmonizedPage]) -> list[HarmonizedPage]:
    """Question-less drafts become headings of the next page in their section, or are dropped."""
    pages: list[HarmonizedPage] = []
    pending: list[HarmonizedPage] = []
    for draft in drafts:
        if pending and pending[-1].section != draft.section:
            pending = []
        if draft.question_ids:
            pages.append(replace(draft, headings=tuple(pending)))
            pending = []
        else:
            pending.append(draft)
    return pages


def _unique_keys(pages: Sequence[HarmonizedPage]) -> list[HarmonizedPage]:
    # Only a crosswalk that places a clause twice could repeat a key; keep them apart anyway.
    seen: dict[str, int] = {}
    unique = []
    for page in pages:
        count = seen[page.key] = seen.get(page.key, 0) + 1
        unique.append(page if count == 1 else replace(page, key=f"{page.key}#{count}"))
    return unique
