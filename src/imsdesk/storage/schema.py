"""The schema revision this code expects, known without importing Alembic.

Opening a database at this revision (the common case) costs one query; Alembic is imported only
when a database must be created or upgraded. A test keeps this equal to the migrations' head.
"""

from __future__ import annotations

HEAD_REVISION = "0007"

# Tables that mark a database as IMS Desk's (besides alembic_version).
MARKER_TABLES = frozenset({"organisation", "assessment", "answer"})
