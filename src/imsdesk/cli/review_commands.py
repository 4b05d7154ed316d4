"""`imsdesk progress`: an assessment's pages in the wizard's order, with what is still unanswered.

The headless equivalent of the app's clause list and review page. It only reads.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from typing import Any

from imsdesk.catalog import HarmonizedPage, Pack, PageSide
from imsdesk.cli.commands import open_catalog, open_db
from imsdesk.errors import InvalidInput
from imsdesk.services import AssessmentDetail, load_assessment, resolve_assessment_id, scope_of


def add_parsers(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    progress = sub.add_parser(
        "progress",
        parents=[common],
        help="the assessment's clauses page by page: answered per standard, what is left",
    )
    progress.add_argument("id", metavar="ID", help="the assessment id (or its first characters)")
    progress.add_argument("--json", action="store_true", help="print JSON instead of text")
    progress.set_defaults(handler=progress_command)


@dataclass(frozen=True)
class SideProgress:
    side: PageSide
    standard: str
    answered: int

    @property
    def total(self) -> int:
        return len(self.side.questions)


@dataclass(frozen=True)
class PageProgress:
    page: HarmonizedPage
    sides: tuple[SideProgress, ...]
    unanswered: tuple[str, ...]


def page_progress(
    pages: tuple[HarmonizedPage, ...], packs: tuple[Pack, ...], answered: set[str]
) -> list[PageProgress]:
    """Answered means a maturity was given or the question was declared not applicable."""
    standards = {p.id: p.standard for p in packs}
    return [
        PageProgress(
            page,
            tuple(
                SideProgress(
                    side, standards[side.pack_id], sum(q in answered for q in side.questions)
                )
                for side in page.sides
            ),
            tuple(q for q in page.question_ids if q not in answered),
        )
        for page in pages
    ]


def progress_command(args: argparse.Namespace) -> int:
    catalog = open_catalog(args)
    with open_db(args) as db:
        detail = load_assessment(db, resolve_assessment_id(db, args.id))
    scope = scope_of(detail.assessment.packs, catalog)
    if not scope.complete:
        raise InvalidInput(scope.warnings()[0])
    answered = {a.question_id for a in detail.answers if a.is_answered}
    rows = page_progress(catalog.pages(scope.packs), scope.packs, answered)
    if args.json:
        document = progress_json(detail, scope.packs, rows)
        document["warnings"] = scope.warnings()
        print(json.dumps(document, indent=2, ensure_ascii=False))
        return 0
    for warning in scope.warnings():
        print(f"imsdesk: warning: {warning}", file=sys.stderr)
    print(progress_text(detail, scope.packs, rows))
    return 0


def _totals(packs: tuple[Pack, ...], rows: list[PageProgress]) -> list[dict[str, Any]]:
    totals = []
    for pack in packs:
        sides = [s for row in rows for s in row.sides if s.side.pack_id == pack.id]
        totals.append(
            {
                "questionnaire": pack.id,
                "standard": pack.standard,
                "answered": sum(s.answered for s in sides),
                "total": sum(s.total for s in sides),
            }
        )
    return totals


def progress_json(
    detail: AssessmentDetail, packs: tuple[Pack, ...], rows: list[PageProgress]
) -> dict[str, Any]:
    record = detail.assessment
    totals = _totals(packs, rows)
    return {
        "assessment": {
            "id": str(record.id),
            "title": record.title,
            "organisation": record.organisation_name,
            "date": record.date.isoformat(),
        },
        "pages": [
            {
                "key": row.page.key,
                "section": row.page.section,
                "section_title": row.page.section_title,
                "number": row.page.number,
                "title": row.page.title,
                "sides": [
                    {
                        "questionnaire": s.side.pack_id,
                        "system": s.side.system,
                        "clauses": list(s.side.clauses),
                        "answered": s.answered,
                        "total": s.total,
                    }
                    for s in row.sides
                ],
                "unanswered": list(row.unanswered),
            }
            for row in rows
        ],
        "totals": {
            "answered": sum(t["answered"] for t in totals),
            "total": sum(t["total"] for t in totals),
            "questionnaires": totals,
        },
    }


def progress_text(
    detail: AssessmentDetail, packs: tuple[Pack, ...], rows: list[PageProgress]
) -> str:
    record = detail.assessment
    lines = [f"Progress: {record.title} — {record.organisation_name}"]
    section = None
    for row in rows:
        page = row.page
        if (page.section, page.section_title) != section:
            section = (page.section, page.section_title)
            lines += ["", f"{page.section} {page.section_title}".rstrip()]
        counts = ", ".join(f"{s.standard} {s.answered}/{s.total}" for s in row.sides)
        done = "" if row.unanswered else "  done"
        lines.append(f"  {page.number} {page.title}: {counts}{done}")
        if row.unanswered:
            lines.append(f"      unanswered: {', '.join(row.unanswered)}")
    totals = _totals(packs, rows)
    answered, total = sum(t["answered"] for t in totals), sum(t["total"] for t in totals)
    each = ", ".join(f"{t['standard']} {t['answered']}/{t['total']}" for t in totals)
    share = f" ({100 * answered / total:.0f}%)" if total else ""
    lines += ["", f"Answered {answered} of {total} questions{share}: {each}."]
    return "\n".join(lines)
