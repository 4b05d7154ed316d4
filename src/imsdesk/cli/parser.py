"""The command-line grammar."""

from __future__ import annotations

import argparse
from pathlib import Path

from imsdesk import __version__
from imsdesk.cli import assessment_commands, commands, plan_commands, review_commands


def _add_global_options(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=default,
        help="the database file (default: $IMSDESK_DB, else imsdesk.sqlite3 in your data folder)",
    )
    parser.add_argument(
        "--questionnaires",
        metavar="DIR",
        action="append",
        default=default if default is argparse.SUPPRESS else [],
        help="also load the questionnaire packs in DIR (may be repeated)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="imsdesk",
        description="ISO 9001 and ISO 14001 self-assessment and gap analysis. "
        "Without a command, starts the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"IMS Desk {__version__}")
    _add_global_options(parser, None)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    # The global options are also accepted after the command; SUPPRESS keeps a value given
    # before it.
    common = argparse.ArgumentParser(add_help=False)
    _add_global_options(common, argparse.SUPPRESS)

    listing = sub.add_parser(
        "assessments", parents=[common], help="list the assessments in the database"
    )
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")
    listing.set_defaults(handler=commands.assessments)

    export = sub.add_parser(
        "export", parents=[common], help="write one assessment to an exchange file (JSON)"
    )
    export.add_argument("id", metavar="ID", help="the assessment id (or its first characters)")
    export.add_argument(
        "-o", "--output", metavar="FILE.json", required=True, help="the file to write"
    )
    export.set_defaults(handler=commands.export)

    imp = sub.add_parser(
        "import", parents=[common], help="import an exchange file; prints the assessment id"
    )
    imp.add_argument("file", metavar="FILE.json")
    imp.set_defaults(handler=commands.import_)

    packs = sub.add_parser(
        "questionnaires", parents=[common], help="list the questionnaire packs and their clauses"
    )
    packs.add_argument("--json", action="store_true", help="print JSON instead of a table")
    packs.set_defaults(handler=commands.questionnaires)

    check = sub.add_parser(
        "validate", parents=[common], help="check questionnaire pack files; one line per problem"
    )
    check.add_argument("files", metavar="FILE", nargs="+", type=Path)
    check.set_defaults(handler=commands.validate)

    score = sub.add_parser(
        "score", parents=[common], help="score an assessment: findings, gaps and readiness"
    )
    score.add_argument("id", metavar="ID", help="the assessment id (or its first characters)")
    score.add_argument("--json", action="store_true", help="print the ScoreCard as JSON")
    score.add_argument(
        "--compare",
        metavar="OTHER_ID",
        help="also compare with an earlier assessment of the same questionnaires",
    )
    score.set_defaults(handler=commands.score)

    target = sub.add_parser(
        "target",
        parents=[common],
        help="set the target maturity of an assessment, or of one clause",
    )
    target.add_argument("id", metavar="ID", help="the assessment id (or its first characters)")
    target.add_argument(
        "level", metavar="LEVEL", help="0-5, or 'default' to remove a clause's own target"
    )
    target.add_argument(
        "--clause",
        metavar="QUESTIONNAIRE:CLAUSE",
        help="only this clause and its subclauses, e.g. iso9001-2015:8.3",
    )
    target.set_defaults(handler=commands.target)

    assessment_commands.add_parsers(sub, common)
    plan_commands.add_parsers(sub, common)
    review_commands.add_parsers(sub, common)

    report = sub.add_parser(
        "report", parents=[common], help="write the Excel gap register and the PDF report"
    )
    report.add_argument("id", metavar="ID", help="the assessment id (or its first characters)")
    report.add_argument("--xlsx", metavar="FILE", type=Path, help="the Excel workbook to write")
    report.add_argument("--pdf", metavar="FILE", type=Path, help="the PDF report to write")
    report.add_argument("--logo", metavar="FILE", type=Path, help="a PNG or JPEG for the cover")
    report.add_argument("--paper", choices=("a4", "letter"), default="a4")
    report.add_argument(
        "--footer",
        metavar="TEXT",
        default="",
        help="your line at the foot of every PDF page (e.g. your firm and contact), as plain text",
    )
    report.set_defaults(handler=commands.report)

    demo = sub.add_parser(
        "demo", parents=[common], help="create the demo client with an answered assessment"
    )
    demo.set_defaults(handler=commands.demo)
    return parser
