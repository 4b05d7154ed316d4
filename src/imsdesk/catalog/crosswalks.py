"""Building a Crosswalk (QMS and EMS clauses paired by subject) and checking it against packs."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from imsdesk.catalog.model import Crosswalk, CrosswalkRow, CrosswalkSection, IntroBlock, Pack
from imsdesk.catalog.packs import clean_text
from imsdesk.catalog.problems import PackError, Problem
from imsdesk.catalog.schemas import schema_problems
from imsdesk.catalog.yamlsource import Source, read_source

FORMAT = "imsdesk-crosswalk"
SIDES = ("qms", "ems")


def load_crosswalk(
    path: Path, packs: Mapping[str, Pack], *, name: str | None = None, builtin: bool = False
) -> Crosswalk:
    return build_crosswalk(read_source(path, name), packs, builtin=builtin, path=path)


def build_crosswalk(
    source: Source, packs: Mapping[str, Pack], *, builtin: bool = False, path: Path | None = None
) -> Crosswalk:
    """``packs`` maps pack ids to the packs the crosswalk may refer to."""
    data = source.data
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise PackError([source.problem((), f'not a crosswalk (it has no "format: {FORMAT}")')])
    problems = schema_problems(source, "crosswalk")
    if not problems:
        problems = _reference_problems(source, packs)
    if problems:
        raise PackError(problems)
    return Crosswalk(
        id=data["id"],
        title=clean_text(data["title"]),
        qms=data["qms"],
        ems=data["ems"],
        introduction=tuple(
            IntroBlock(
                clean_text(b["heading"]),
                clean_text(b["text"]),
                tuple(map(clean_text, b.get("bullets", []))),
            )
            for b in data.get("introduction", [])
        ),
        sections=tuple(
            CrosswalkSection(
                number=s["number"],
                title=clean_text(s["title"]),
                rows=tuple(
                    CrosswalkRow(
                        qms=tuple(r.get("qms", [])),
                        ems=tuple(r.get("ems", [])),
                        contrast=clean_text(r.get("contrast", "")),
                        note=clean_text(r.get("note", "")),
                    )
                    for r in s["rows"]
                ),
            )
            for s in data["sections"]
        ),
        source=str(path) if path else source.file,
        builtin=builtin,
    )


def _reference_problems(source: Source, packs: Mapping[str, Pack]) -> list[Problem]:
    data = source.data
    problems: list[Problem] = []
    sides: dict[str, Pack] = {}
    for side in SIDES:
        pack = packs.get(data[side])
        if pack is None:
            problems.append(
                source.problem((side,), f"{side}: there is no questionnaire pack {data[side]!r}")
            )
        else:
            sides[side] = pack
    if problems:
        return problems

    placed: dict[tuple[str, str], tuple] = {}
    sections_seen: set[str] = set()
    for si, section in enumerate(data["sections"]):
        number = section["number"]
        if number in sections_seen:
            problems.append(
                source.problem(("sections", si, "number"), f"section {number} appears twice")
            )
        sections_seen.add(number)
        for ri, row in enumerate(section["rows"]):
            rpath = ("sections", si, "rows", ri)
            if row.get("qms") and row.get("ems") and not row.get("contrast"):
                problems.append(
                    source.problem(
                        rpath,
                        f"section {number}: the row pairing {', '.join(row['qms'])} with "
                        f"{', '.join(row['ems'])} needs a contrast",
                    )
                )
            for side in SIDES:
                pack = sides[side]
                for ni, clause in enumerate(row.get(side, [])):
                    cpath = (*rpath, side, ni)
                    if not pack.has_clause(clause):
                        problems.append(
                            source.problem(cpath, f"{side} clause {clause} is not in {pack.id}")
                        )
                        continue
                    if clause.split(".")[0] != number:
                        problems.append(
                            source.problem(
                                cpath, f"{side} clause {clause} is not in section {number}"
                            )
                        )
                    if (side, clause) in placed:
                        problems.append(
                            source.problem(
                                cpath,
                                f"{side} clause {clause} is already placed (line "
                                f"{source.line(placed[(side, clause)])})",
                            )
                        )
                    placed.setdefault((side, clause), cpath)
    for side in SIDES:
        missing = [c.number for c in sides[side].clauses if (side, c.number) not in placed]
        if missing:
            problems.append(
                source.problem(
                    ("sections",),
                    f"{side} clauses of {sides[side].id} not placed in any row: "
                    f"{', '.join(missing)}",
                )
            )
    return problems
