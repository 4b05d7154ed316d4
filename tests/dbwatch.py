"""Seeing whether anything wrote to an SQLite database, from a second connection.

``PRAGMA data_version`` changes on a connection whenever another connection commits a change to
the file (also in WAL mode, before any checkpoint), and only then.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path


class WriteWatch:
    def __init__(self, path: Path) -> None:
        self._connection = sqlite3.connect(path)
        self._seen = self._version()

    def _version(self) -> int:
        return self._connection.execute("PRAGMA data_version").fetchone()[0]

    def written(self) -> bool:
        """Whether anyone committed a change since the watch started or was last asked."""
        version = self._version()
        changed, self._seen = version != self._seen, version
        return changed

    def close(self) -> None:
        self._connection.close()
