"""The ``imsdesk`` command: headless commands over the services, or the desktop app.

Exit status: 0 success; 1 a user or data error (one clear line on stderr, no traceback);
2 a usage error (argparse). This package never imports Qt; ``imsdesk`` with no command hands
over to ``imsdesk.ui``, before the commands (and SQLAlchemy with them) are even imported, so the
window appears as fast as a bare Qt window.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from imsdesk.errors import UserError

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


def app_arguments(argv: Sequence[str]) -> argparse.Namespace | None:
    """The options for the desktop app, or None when a command (or --help, --version) was
    given. Only the global options are understood here; the full grammar is in ``parser``."""
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument("--db")
    options.add_argument("--questionnaires", action="append", default=[])
    try:
        known, rest = options.parse_known_args(list(argv))
    except SystemExit:  # e.g. "--db" without a value: let the full parser explain
        return None
    if rest:
        return None
    known.command = None
    return known


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    try:
        app = app_arguments(arguments)
        if app is not None:
            from imsdesk.ui.app import run_app

            return run_app(app)
        from imsdesk.cli.parser import build_parser

        args = build_parser().parse_args(arguments)
        if args.command is None:  # global options in an unusual spelling, e.g. --db=x
            from imsdesk.ui.app import run_app

            return run_app(args)
        return int(args.handler(args) or EXIT_OK)
    except UserError as exc:
        print(f"imsdesk: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("imsdesk: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `imsdesk assessments | head`
        return EXIT_OK
