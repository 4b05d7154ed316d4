"""The demo assessment with hostile user text in it, and its reports written once per module."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest

from imsdesk import services
from imsdesk.catalog import load_catalog
from imsdesk.demo import create_demo
from imsdesk.paths import questionnaires_dir
from imsdesk.planning import load_library
from imsdesk.services.plan import add_action, refresh_plan
from imsdesk.services.reporting import ReportRequest, write_reports
from imsdesk.storage import open_database

HOSTILE_NOTE = (
    '=HYPERLINK("http://evil.example","click") <b>not bold</b> <font color=\'red\'>x</font> '
    "&amp; & 'single' \"double\" CO₂ ≥ 5 % Müller Łódź Ελλάδα "
    + "Averyveryverylongwordwithoutanyspaces"
    * 8
)
PLUS, MINUS, AT = "+44 1632 960412 call first", "-12% scrap since May", "@Sarah please check"
CONTROL = "bell\x07 and tab\tinside"
LONG_MARKER = "END-OF-THE-VERY-LONG-NOTE"
NOT_ARISING = "Every order arrives by EDI or e-mail; no verbal orders are taken"
OVERRIDE_REASON = "Drill held <b>last month</b> =but not yet recorded"
LONG_NOTE = ("Long note. " + "Audit finding text repeated for length. " * 260)[:9_970] + LONG_MARKER


@dataclass
class Written:
    assessment_id: str
    xlsx: Path
    pdf: Path
    letter: Path
    folder: Path
    verdict: str


def make_demo(folder: Path):
    catalog = load_catalog(folders=[(questionnaires_dir(), True)])
    db = open_database(folder / "reports.sqlite3")
    record = create_demo(db, catalog, load_library(), today=dt.date(2026, 3, 10))
    answers = {
        "9001-4.1-a": services.AnswerInput(
            "9001-4.1-a", maturity=3, notes=HOSTILE_NOTE, evidence=PLUS
        ),
        "9001-4.2-a": services.AnswerInput("9001-4.2-a", maturity=2, notes=MINUS, evidence=AT),
        "14001-4.1-a": services.AnswerInput(
            "14001-4.1-a", maturity=1, notes=LONG_NOTE, evidence=CONTROL
        ),
        "9001-8.2.3.1-d": services.AnswerInput(
            "9001-8.2.3.1-d", does_not_arise=True, justification=NOT_ARISING
        ),
        "14001-8.2-d": services.AnswerInput(
            "14001-8.2-d",
            maturity=0,
            override_finding="likely minor",
            override_reason=OVERRIDE_REASON,
        ),
    }
    services.save_answers(db, record.id, list(answers.values()), catalog)
    add_action(
        db,
        record.id,
        "=1+1 <i>check</i> & fix Łódź",
        owner="@owner",
        pack_id="iso14001-2015",
        clause="8.2",
    )
    refresh_plan(db, catalog, record.id)  # as `imsdesk report` does before writing
    return db, catalog, record


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Written:
    folder = tmp_path_factory.mktemp("reports")
    db, catalog, record = make_demo(folder)
    logo = folder / "logo.png"
    logo.write_bytes(logo_png())
    try:
        write_reports(
            db,
            catalog,
            record.id,
            ReportRequest(xlsx=folder / "r.xlsx", pdf=folder / "r.pdf", logo=logo),
        )
        write_reports(
            db, catalog, record.id, ReportRequest(pdf=folder / "letter.pdf", paper="letter")
        )
        verdict = services.score(db, catalog, record.id).card.verdict.text
    finally:
        db.close()
    return Written(
        str(record.id), folder / "r.xlsx", folder / "r.pdf", folder / "letter.pdf", folder, verdict
    )


def logo_png() -> bytes:
    """A small logo, as a client would give one (Pillow comes with matplotlib)."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (240, 80), "#1f4e79").save(buffer, format="PNG")
    return buffer.getvalue()
