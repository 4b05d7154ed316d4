"""The command-line grammar."""

from __future__ import annotations

import argparse

from imsdesk import __version__
from imsdesk.cli import commands


def _add_db_option(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=default,
        help="the database file (default: $IMSDESK_DB, else imsdesk.sqlite3 in your data folder)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="imsdesk",
        description="ISO 9001 and ISO 14001 self-assessment and gap analysis. "
        "Without a command, starts the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"IMS Desk {__version__}")
    _add_db_option(parser, None)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    # --db is also accepted after the command; SUPPRESS keeps a value given before it.
    common = argparse.ArgumentParser(add_help=False)
    _add_db_option(common, argparse.SUPPRESS)

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
    return parser
