"""The CLI commands: parse nothing, print results, raise UserError for anything the user can fix."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from imsdesk import exchange, services
from imsdesk.paths import default_database
from imsdesk.services.records import AssessmentRecord
from imsdesk.storage import Database, open_database


def open_db(args: argparse.Namespace) -> Database:
    return open_database(args.db or default_database())


def _assessment_json(record: AssessmentRecord) -> dict[str, Any]:
    return {
        "id": str(record.id),
        "organisation": record.organisation_name,
        "organisation_id": str(record.organisation_id),
        "site": record.site_name,
        "title": record.title,
        "assessor": record.assessor,
        "date": record.date.isoformat(),
        "status": record.status,
        "packs": [{"id": p.pack_id, "edition": p.edition} for p in record.packs],
        "answered": record.answered,
        # Progress needs the questionnaires' question counts and score needs the scoring
        # engine; both are null until those are available for the assessment's packs.
        "progress": None,
        "score": None,
        "updated_at": record.updated_at.isoformat(),
    }


def assessments(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        rows = [_assessment_json(r) for r in services.list_assessments(db)]
    finally:
        db.close()
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    if not rows:
        print(f"No assessments in {db.describe()}.")
        return 0
    table = [["ID", "ORGANISATION", "SITE", "TITLE", "DATE", "STATUS", "ANSWERED"]]
    for row in rows:
        table.append(
            [
                row["id"][:8],
                row["organisation"],
                row["site"] or "-",
                row["title"],
                row["date"],
                row["status"],
                str(row["answered"]),
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
    db = open_db(args)
    try:
        assessment_id = services.resolve_assessment_id(db, args.id)
        exchange.export_file(db, assessment_id, Path(args.output))
    finally:
        db.close()
    print(f"Exported assessment {assessment_id} to {args.output}", file=sys.stderr)
    return 0


def import_(args: argparse.Namespace) -> int:
    # Validate the whole file before the database is even opened: a bad file changes nothing.
    document = exchange.read_document(Path(args.file))
    db = open_db(args)
    try:
        result = exchange.import_document(db, document)
    finally:
        db.close()
    state = "new assessment" if result.assessment_created else "existing assessment"
    print(
        f"Imported {args.file} into the {state}: {result.answers_added} answers added, "
        f"{result.answers_updated} updated, {result.answers_kept} kept.",
        file=sys.stderr,
    )
    print(result.assessment_id)
    return 0
