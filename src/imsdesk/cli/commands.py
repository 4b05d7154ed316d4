"""The CLI commands: parse nothing, print results, raise UserError for anything the user can fix."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from imsdesk import exchange, services
from imsdesk.catalog import Catalog, load_catalog, validate_files
from imsdesk.errors import InvalidInput
from imsdesk.paths import default_database
from imsdesk.planning import Library, load_library
from imsdesk.services import AssessmentSummary
from imsdesk.storage import Database, open_database


def open_db(args: argparse.Namespace) -> Database:
    return open_database(args.db or default_database())


def open_catalog(args: argparse.Namespace) -> Catalog:
    """The installed packs; bad pack files are reported as warnings and skipped."""
    catalog = load_catalog([Path(d) for d in args.questionnaires or ()])
    for problem in catalog.problems:
        print(f"imsdesk: warning: {problem}", file=sys.stderr)
    return catalog


def open_library(args: argparse.Namespace) -> Library:
    """The link templates; bad library files are reported as warnings and skipped."""
    library = load_library([Path(d) for d in args.questionnaires or ()])
    for problem in library.problems:
        print(f"imsdesk: warning: {problem}", file=sys.stderr)
    return library


def _assessment_json(summary: AssessmentSummary) -> dict[str, Any]:
    return {
        "id": str(summary.id),
        "organisation": summary.organisation_name,
        "organisation_id": str(summary.organisation_id),
        "site": summary.site_name,
        "title": summary.title,
        "assessor": summary.assessor,
        "date": summary.date.isoformat(),
        "status": summary.status,
        "packs": [{"id": p.pack_id, "edition": p.edition} for p in summary.packs],
        "answered": summary.answered,
        "questions": summary.total,
        "progress": summary.progress,
        "score": summary.score,
        "verdict": summary.verdict_text,
        "warnings": list(summary.warnings),
        "updated_at": summary.updated_at.isoformat(),
        "predecessor_id": str(summary.predecessor_id) if summary.predecessor_id else None,
    }


def assessments(args: argparse.Namespace) -> int:
    catalog = open_catalog(args)
    with open_db(args) as db:
        rows = [_assessment_json(s) for s in services.overview(db, catalog).assessments]
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    if not rows:
        print(f"No assessments in {db.describe()}.")
        return 0
    table = [["ID", "ORGANISATION", "SITE", "TITLE", "DATE", "STATUS", "PROGRESS", "SCORE"]]
    for row in rows:
        table.append(
            [
                row["id"][:8],
                row["organisation"],
                row["site"] or "-",
                row["title"],
                row["date"],
                row["status"],
                "-" if row["progress"] is None else f"{row['progress']:.0f}%",
                "-" if row["score"] is None else f"{row['score']:.0f}",
            ]
        )
    _print_table(table)
    return 0


def _print_table(table: list[list[str]]) -> None:
    widths = [min(40, max(len(r[i]) for r in table)) for i in range(len(table[0]))]
    for row in table:
        cells = [
            cell if len(cell) <= w else cell[: w - 1] + "…"
            for cell, w in zip(row, widths, strict=True)
        ]
        print("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip())


def export(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        assessment_id = services.resolve_assessment_id(db, args.id)
        exchange.export_file(db, assessment_id, Path(args.output))
    print(f"Exported assessment {assessment_id} to {args.output}", file=sys.stderr)
    return 0


def import_(args: argparse.Namespace) -> int:
    # Validate the whole file before the database is even opened: a bad file changes nothing.
    document = exchange.read_document(Path(args.file))
    catalog = open_catalog(args)
    exchange.check_questions(document, catalog)
    with open_db(args) as db:
        result = exchange.import_document(db, document, catalog)
    state = "new assessment" if result.assessment_created else "existing assessment"
    print(
        f"Imported {args.file} into the {state}: {result.answers_added} answers added, "
        f"{result.answers_updated} updated, {result.answers_kept} kept.",
        file=sys.stderr,
    )
    print(result.assessment_id)
    return 0


def questionnaires(args: argparse.Namespace) -> int:
    catalog = open_catalog(args)
    order = {"qms": 0, "ems": 1}
    packs = sorted(
        catalog.packs, key=lambda p: (not p.builtin, order.get(p.system, 2), p.standard, p.edition)
    )
    if args.json:
        listing = [
            {
                "id": pack.id,
                "standard": pack.standard,
                "edition": pack.edition,
                "title": pack.title,
                "system": pack.system,
                "builtin": pack.builtin,
                "questions": len(pack.questions),
                "content_hash": pack.content_hash,
                "source": pack.source,
                "clauses": [
                    {
                        "number": c.number,
                        "title": c.title,
                        "description": c.description,
                        "questions": len(pack.questions_under(c.number)),
                    }
                    for c in pack.clauses
                ],
            }
            for pack in packs
        ]
        print(json.dumps(listing, indent=2, ensure_ascii=False))
        return 0
    table = [["ID", "STANDARD", "EDITION", "CLAUSES", "QUESTIONS", "SOURCE"]]
    for pack in packs:
        table.append(
            [
                pack.id,
                pack.standard,
                pack.edition,
                str(len(pack.clauses)),
                str(len(pack.questions)),
                "built-in" if pack.builtin else pack.source,
            ]
        )
    _print_table(table)
    return 0


def validate(args: argparse.Namespace) -> int:
    from imsdesk.planning import library, topics

    problems = validate_files(
        args.files,
        {library.FORMAT: library.build_library_file, topics.FORMAT: topics.build_topics_file},
    )
    for problem in problems:
        print(problem)
    if problems:
        return 1
    for path in args.files:
        print(f"{path}: valid", file=sys.stderr)
    return 0


def demo(args: argparse.Namespace) -> int:
    from imsdesk.demo import create_demo

    catalog = open_catalog(args)
    library = open_library(args)
    with open_db(args) as db:
        record = create_demo(db, catalog, library)
    print(f"Created {record.title!r} for {record.organisation_name} ({record.answered} answers).")
    print(record.id)
    return 0


def score(args: argparse.Namespace) -> int:
    from imsdesk.cli.score_view import (
        comparison_json,
        comparison_text,
        scorecard_json,
        scorecard_text,
    )
    from imsdesk.scoring import compare
    from imsdesk.services.comparison import check_comparable

    catalog = open_catalog(args)
    with open_db(args) as db:
        scored = services.score(db, catalog, services.resolve_assessment_id(db, args.id))
        earlier = None
        if args.compare:
            earlier = services.score(db, catalog, services.resolve_assessment_id(db, args.compare))
    comparison = None
    if earlier is not None:
        check_comparable(earlier.detail.assessment, scored.detail.assessment)
        comparison = compare(earlier.card, scored.card)
    if args.json:
        document = scorecard_json(scored)
        if comparison is not None:
            document["comparison"] = comparison_json(comparison)
        print(json.dumps(document, indent=2, ensure_ascii=False))
    else:
        print(scorecard_text(scored))
        if comparison is not None:
            print(comparison_text(comparison))
    return 0


def target(args: argparse.Namespace) -> int:
    catalog = open_catalog(args)
    with open_db(args) as db:
        assessment_id = services.resolve_assessment_id(db, args.id)
        if args.clause is None:
            level = _level(args.level, allow_default=False)
            record = services.set_target(db, assessment_id, level)
            print(f"Target maturity of {record.title!r} set to {level}.", file=sys.stderr)
            return 0
        pack_id, _, clause = args.clause.partition(":")
        pack = catalog.pack(pack_id)
        if pack is None or not pack.has_clause(clause):
            raise InvalidInput(
                f"{args.clause!r} is not a clause of an installed questionnaire; "
                f"write it as QUESTIONNAIRE:CLAUSE, e.g. iso9001-2015:8.3."
            )
        level = _level(args.level, allow_default=True)
        services.set_clause_target(db, assessment_id, pack_id, clause, level)
    where = f"{pack.standard} {clause}"
    message = "uses the assessment's target" if level is None else f"target set to {level}"
    print(f"{where}: {message}.", file=sys.stderr)
    return 0


def _level(text: str, *, allow_default: bool) -> int | None:
    if allow_default and text == "default":
        return None
    if text.isdigit() and 0 <= int(text) <= 5:
        return int(text)
    hint = " or 'default'" if allow_default else ""
    raise InvalidInput(f"{text!r} is not a maturity level; use 0 to 5{hint}.")


def report(args: argparse.Namespace) -> int:
    from imsdesk.services.plan import refresh_plan
    from imsdesk.services.reporting import ReportRequest, write_reports

    if args.xlsx is None and args.pdf is None:
        raise InvalidInput("Give --xlsx FILE, --pdf FILE or both.")
    catalog = open_catalog(args)
    with open_db(args) as db:
        assessment_id = services.resolve_assessment_id(db, args.id)
        refresh_plan(db, catalog, assessment_id)  # the report's plan matches the answers
        written = write_reports(
            db,
            catalog,
            assessment_id,
            ReportRequest(
                xlsx=args.xlsx,
                pdf=args.pdf,
                logo=args.logo,
                paper=args.paper,
                footer=args.footer,
            ),
        )
    for path in written:
        print(f"Wrote {path}", file=sys.stderr)
    return 0
