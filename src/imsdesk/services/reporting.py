"""Writing the Excel and PDF reports of an assessment: one call for the CLI and the app.

Free of Qt and safe to call from a worker thread; ``progress(fraction, message)`` reports how far
it got, and ``cancelled()`` is asked at every step (the app's Cancel button). The files are all
or nothing, together: each is written to a temporary file beside its target, and only when every
one is complete are they moved into place; a failure or a cancel leaves every target as it was
and no temporary file behind. It only reads the database: the plan is written as stored,
so a caller that wants it to match the latest answers calls ``refresh_plan`` first (``imsdesk
report`` and the app do).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from imsdesk.catalog import Catalog, harmonized_pages
from imsdesk.errors import ExportError, InvalidInput
from imsdesk.fileio import NEW_FILE_MODE, explain_os_error
from imsdesk.services.plan import load_plan
from imsdesk.storage import Database

LOGO_MAX_BYTES = 10 * 1024 * 1024
PAPERS = ("a4", "letter")

Progress = Callable[[float, str], None]


class Cancelled(Exception):
    """The user cancelled writing the reports; no target file was changed."""


@dataclass(frozen=True)
class ReportRequest:
    xlsx: Path | None = None
    pdf: Path | None = None
    logo: Path | None = None
    paper: str = "a4"
    footer: str = ""  # the consultant's line at the foot of every PDF page (plain text)


def read_logo(path: Path) -> bytes:
    """The logo's bytes, if it is a PNG or JPEG file of a sane size."""
    try:
        size = path.stat().st_size
        if size > LOGO_MAX_BYTES:
            raise InvalidInput(f"The logo {path} is larger than 10 MB; use a smaller image.")
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise InvalidInput(f"The logo {path} does not exist.") from exc
    except IsADirectoryError as exc:
        raise InvalidInput(f"The logo {path} is a folder, not an image.") from exc
    except OSError as exc:
        raise InvalidInput(f"Cannot read the logo {path}: {exc.strerror}.") from exc
    if not (data.startswith(b"\x89PNG\r\n\x1a\n") or data.startswith(b"\xff\xd8\xff")):
        raise InvalidInput(f"The logo {path} is not a PNG or JPEG image.")
    return data


def write_reports(
    db: Database,
    catalog: Catalog,
    assessment_id: uuid.UUID | str,
    request: ReportRequest,
    progress: Progress | None = None,
    today: dt.date | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[Path]:
    """Write the requested reports; returns the files written.

    Raises ``Cancelled`` when ``cancelled()`` turns true before the files are moved into place.
    """
    from imsdesk.reports.data import ReportData, no_progress

    report = progress or no_progress

    def step(fraction: float, message: str) -> None:
        # Every progress report is also a point where a cancel takes effect.
        if cancelled is not None and cancelled():
            raise Cancelled("Writing the reports was cancelled; no file was changed.")
        report(fraction, message)

    if request.xlsx is None and request.pdf is None:
        raise InvalidInput("Choose at least one report to write: an Excel or a PDF file.")
    if request.paper not in PAPERS:
        raise InvalidInput(f"Unknown paper size {request.paper!r}; use a4 or letter.")
    if request.xlsx is not None and request.xlsx == request.pdf:
        raise InvalidInput(f"The workbook and the PDF cannot both be {request.xlsx}.")
    for target in (request.xlsx, request.pdf):
        if target is not None and not target.parent.is_dir():
            raise ExportError(f"Cannot write {target}: the folder {target.parent} does not exist.")
    logo = read_logo(request.logo) if request.logo else None
    step(0.02, "Reading the assessment")
    view = load_plan(db, catalog, assessment_id)
    packs = view.scored.scope.packs
    crosswalk = catalog.crosswalk_for_packs(packs)
    ids = {p.id for p in packs}
    # The QMS/EMS introduction belongs in a report only when both its systems are assessed.
    paired = crosswalk if crosswalk and {crosswalk.qms, crosswalk.ems} <= ids else None
    pages = harmonized_pages(packs, crosswalk)
    data = ReportData(view.scored, view.plan, paired, today or dt.date.today(), pages)
    share = 1.0 / ((request.xlsx is not None) + (request.pdf is not None))
    done = 0.0

    def part(fraction: float, message: str) -> None:
        step(min(0.99, 0.05 + 0.95 * (done + share * fraction)), message)

    staging = Staging()
    try:
        if request.xlsx is not None:
            from imsdesk.reports.xlsx import write_workbook

            with staging.open(request.xlsx) as handle:
                write_workbook(data, handle, part)
            done += share
        if request.pdf is not None:
            from imsdesk.reports.pdf import write_pdf

            with staging.open(request.pdf) as handle:
                write_pdf(
                    data,
                    handle,
                    paper=request.paper,
                    logo=logo,
                    footer=request.footer,
                    progress=part,
                )
        step(0.995, "Saving the files")  # the last moment a cancel changes nothing
        written = staging.commit()
    finally:
        staging.discard()
    report(1.0, "Reports written")
    return written


class Staging:
    """Temporary files beside their targets, moved into place together by ``commit``."""

    def __init__(self) -> None:
        self.files: list[tuple[Path, Path]] = []  # (temporary file, target)

    @contextlib.contextmanager
    def open(self, target: Path) -> Iterator[BinaryIO]:
        """A binary file to write ``target``'s content into, flushed to disk when it closes."""
        if target.is_dir():
            raise ExportError(f"Cannot write {target}: it is a folder.")
        temp = self._temporary(target)
        self.files.append((temp, target))
        try:
            with temp.open("wb") as handle:
                yield handle
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as exc:
            raise ExportError(explain_os_error(exc, target)) from exc

    def commit(self) -> list[Path]:
        """Move every file into place; if one cannot be, put back those already moved."""
        replaced: list[tuple[Path, Path | None]] = []  # (target, a copy of its old content)
        target = self.files[0][1]
        try:
            for temp, target in self.files:
                temp.chmod(target.stat().st_mode & 0o777 if target.exists() else NEW_FILE_MODE)
                previous = self._keep(target)
                replaced.append((target, previous))
                try:
                    temp.replace(target)
                except PermissionError as exc:
                    if previous is None:
                        raise
                    raise ExportError(
                        f"Cannot replace {target}: it may be open in another program. Close it "
                        f"and export again; no file was changed."
                    ) from exc
            return [target for _, target in self.files]
        except OSError as exc:
            self._restore(replaced)
            raise ExportError(explain_os_error(exc, target)) from exc
        except BaseException:
            self._restore(replaced)
            raise
        finally:
            for _, previous in replaced:
                if previous is not None:
                    previous.unlink(missing_ok=True)

    def discard(self) -> None:
        """Remove what was not moved into place (nothing after a successful commit)."""
        for temp, _ in self.files:
            temp.unlink(missing_ok=True)

    @staticmethod
    def _temporary(target: Path) -> Path:
        try:
            fd, name = tempfile.mkstemp(
                prefix=f".{target.name}.", suffix=".partial", dir=target.parent
            )
        except OSError as exc:
            raise ExportError(explain_os_error(exc, target)) from exc
        os.close(fd)
        return Path(name)

    def _keep(self, target: Path) -> Path | None:
        """A second name for the target's current content (a hard link, else a copy)."""
        if not target.exists():
            return None
        keep = self._temporary(target)
        keep.unlink()
        try:
            os.link(target, keep)
        except OSError as exc:
            if exc.errno == errno.ENOSPC:
                raise
            shutil.copy2(target, keep)  # file systems without hard links (FAT on a USB stick)
        return keep

    @staticmethod
    def _restore(replaced: list[tuple[Path, Path | None]]) -> None:
        for target, previous in reversed(replaced):
            with contextlib.suppress(OSError):
                if previous is None:
                    target.unlink(missing_ok=True)
                else:
                    previous.replace(target)
