"""`python -m imsdesk` runs the same entry point as the `imsdesk` command."""

from __future__ import annotations

import sys

from imsdesk.cli import main

sys.exit(main())
