"""Opening another database (or a new one) in place of the current one, from Preferences."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from imsdesk import APP_NAME
from imsdesk.ui import msgbox

if TYPE_CHECKING:
    from imsdesk.ui.main_window import MainWindow


def switch_database(window: MainWindow, path: str, create: bool) -> None:
    """Open another database (or a new one) in place of the current one; the wizards of the
    current one close first (their answers are saved)."""
    for wizard in list(window.wizards.values()):
        if not wizard.close():
            return
    if not window.ctx.ops.wait_for_writes():
        msgbox.error(window, APP_NAME, "The last changes are still being written; try again.")
        return

    def open_it() -> Any:
        from pathlib import Path

        from imsdesk.errors import DatabaseError
        from imsdesk.storage import open_database

        target = Path(path)
        if create and target.exists():
            raise DatabaseError(f"{target} exists already; choose a new file name.")
        if not create and not target.is_file():
            raise DatabaseError(f"There is no database file {target}.")
        return open_database(target)

    def opened(db: Any) -> None:
        old = window.ctx.db
        window.ctx.db = db
        window.ctx.settings.database = str(db.path) if db.path else path
        window.ctx.settings.last_assessment = None
        window.statusBar().showMessage(f"Database: {db.describe()}")
        window.fill_afresh()
        if old is not None:
            old.close()

    def failed(error: BaseException) -> None:
        from imsdesk.errors import UserError

        if not isinstance(error, UserError):
            window.ctx.ops.report(error)
            return
        msgbox.error(window, "Cannot open the database", str(error))

    window.ctx.ops.write(open_it, opened, failed, changes=None, guard=window)
