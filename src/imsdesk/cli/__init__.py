"""The ``imsdesk`` command: headless commands over the services, or the desktop app.

Exit status: 0 success; 1 a user or data error (one clear line on stderr, no traceback);
2 a usage error (argparse). This package never imports Qt; ``imsdesk`` with no command hands
over to ``imsdesk.ui``.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from imsdesk.cli.parser import build_parser
from imsdesk.errors import UserError

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
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
