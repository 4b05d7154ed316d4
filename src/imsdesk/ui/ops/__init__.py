"""Work off the GUI thread: reads on a small pool, writes on one writer thread, in order."""

from __future__ import annotations

from imsdesk.ui.ops.changes import Changes, Kind
from imsdesk.ui.ops.operations import Operations

__all__ = ["Changes", "Kind", "Operations"]
