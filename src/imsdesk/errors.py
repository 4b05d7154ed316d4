"""The errors a user can cause or fix, as opposed to bugs.

Anything raised as a :class:`UserError` is shown as its message alone (one line on stderr in the
CLI, a message box in the app), never with a traceback. Every other exception is a bug and is
reported with its traceback. The split follows qutebrowser's ``misc/sql.py`` and Anki's
``errors.py``.
"""

from __future__ import annotations


class UserError(Exception):
    """An error of the user's input or environment, with a message that says what to do."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else self.__class__.__name__


class NotFound(UserError):
    """A record the user named does not exist (any more)."""


class InvalidInput(UserError):
    """A value the user gave is not acceptable."""


class DatabaseError(UserError):
    """The database cannot be used: not a database, damaged, too new, locked or unwritable."""


class ExchangeFileError(UserError):
    """An assessment file cannot be read or imported."""


class ExportError(UserError):
    """A file cannot be written (missing or read-only folder, full disk...)."""
