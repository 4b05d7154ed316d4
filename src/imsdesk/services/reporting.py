"""Writing the Excel and PDF reports of an assessment: one call for the CLI and the app.

Free of Qt and safe to call from a worker thread; ``progress(fraction, message)`` reports how far
it got. Each file is written to a temporary file beside the target and moved into place, so a
failure never leaves a partial file. It only reads the database: the plan is written as stored,
so a caller that wants it to match the latest answers calls ``refresh_plan`` first (``imsdesk
report`` does).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path

from imsdesk.catalog import Catalog, harmonized_pages
from imsdesk.errors import ExportError, InvalidInput
from imsdesk.services.plan import load_plan
from imsdesk.storage import Database

LOGO_MAX_BYTES = 10 * 1024 * 1024
PAPERS = ("a4", "letter")


@dataclass(frozen=True)
class ReportRequest:
    xlsx: Path | None = None
    pdf: Path | None = None
    logo: Path | None = None
    paper: str = "a4"


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
    progress=None,
    today: dt.date | None = None,
) -> list[Path]:
    """Write the requested reports; returns the files written."""
    from imsdesk.reports.data import ReportData, no_progress

    progress = progress or no_progress
    if request.xlsx is None and request.pdf is None:
        raise InvalidInput("Choose at least one report to write: an Excel or a PDF file.")
    if request.paper not in PAPERS:
        raise InvalidInput(f"Unknown paper size {request.paper!r}; use a4 or letter.")
    for target in (request.xlsx, request.pdf):
        if target is not None and not target.parent.is_dir():
            raise ExportError(f"Cannot write {target}: the folder {target.parent} does not exist.")
    logo = read_logo(request.logo) if request.logo else None
    progress(0.02, "Reading the assessment")
    view = load_plan(db, catalog, assessment_id)
    packs = view.scored.scope.packs
    crosswalk = catalog.crosswalk_for_packs(packs)
    ids = {p.id for p in packs}
    # The QMS/EMS introduction belongs in a report only when both its systems are assessed.
    paired = crosswalk if crosswalk and {crosswalk.qms, crosswalk.ems} <= ids else None
    pages = harmonized_pages(packs, crosswalk)
    data = ReportData(view.scored, view.plan, paired, today or dt.date.today(), pages)
    written: list[Path] = []
    share = 1.0 / ((request.xlsx is not None) + (request.pdf is not None))
    done = 0.0

    def part(fraction: float, message: str) -> None:
        progress(min(0.99, 0.05 + 0.95 * (done + share * fraction)), message)

    if request.xlsx is not None:
        from imsdesk.reports.xlsx import write_workbook

        write_workbook(data, request.xlsx, part)
        written.append(request.xlsx)
        done += share
    if request.pdf is not None:
        from imsdesk.reports.pdf import write_pdf

        write_pdf(data, request.pdf, paper=request.paper, logo=logo, progress=part)
        written.append(request.pdf)
    progress(1.0, "Reports written")
    return written
