"""The PDF read back with pypdf: every clause, the verdict, hostile text literally, pages."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.reports.conftest import (
    HOSTILE_NOTE,
    LONG_MARKER,
    LONG_NOTE,
    NOT_ARISING,
    OVERRIDE_REASON,
)

DATA = Path(__file__).resolve().parents[1] / "data"


def squash(text: str) -> str:
    """Text without whitespace: line wrapping in the PDF moves spaces, never characters."""
    return "".join(text.split())


@pytest.fixture(scope="module")
def reader(written) -> PdfReader:
    return PdfReader(written.pdf)


@pytest.fixture(scope="module")
def text(reader) -> str:
    """The body text of every page, without the running header and footer."""
    running = re.compile(
        r"^(Demo Manufacturing Ltd — .*|ISO 9001:2015 / ISO 14001:2015 gap analysis|"
        r"Prepared with IMS Desk on .*|page \d+ of \d+)$"
    )
    pages = []
    for page in reader.pages:
        lines = page.extract_text().splitlines()
        pages.append("\n".join(line for line in lines if not running.match(line.strip())))
    return "\n".join(pages)


def clause_numbers(name: str) -> list[str]:
    with (DATA / name).open(encoding="utf-8") as handle:
        return [row[0] for row in list(csv.reader(handle, delimiter="\t"))[1:]]


def test_page_count_and_size(reader, written):
    assert 25 <= len(reader.pages) <= 80
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    letter = PdfReader(written.letter).pages[0].mediabox
    assert (round(float(letter[2])), round(float(letter[3]))) == (612, 792)


def test_every_clause_number_is_in_the_report(text):
    flat = squash(text)
    for tsv, standard in (
        ("iso9001-2015-clauses.tsv", "9001"),
        ("iso14001-2015-clauses.tsv", "14001"),
    ):
        for number in clause_numbers(tsv):
            assert number in flat, (standard, number)
    assert "8.2.3.2" in text and "9.1.2" in text


def test_verdict_and_sections(text, written):
    flat = squash(text)
    assert written.verdict.startswith("Not ready: ISO 14001: ")  # the QMS is ready for Stage 1
    assert squash(written.verdict) in flat
    for heading in (
        "Executive summary",
        "Maturity at a glance",
        "Scores per clause",
        "Gap register by harmonized section",
        "Objectives and action plan",
        "Appendix A",
        "Appendix B",
        "Appendix C",
    ):
        assert squash(heading) in flat, heading
    assert squash("How the views differ:") in flat
    assert squash("Deliver 97% of customer orders on time and in full") in flat


def test_header_and_footer_on_every_body_page(reader):
    pages = [p.extract_text() for p in reader.pages]
    total = len(pages)
    assert "Demo Manufacturing Ltd" in pages[0]
    for number, page in enumerate(pages[1:], start=2):
        assert f"page {number} of {total}" in page
        assert "Demo Manufacturing Ltd" in page


def test_hostile_text_is_rendered_literally(text):
    flat = squash(text)
    assert (
        squash(HOSTILE_NOTE) in flat
    )  # markup, entities, quotes, CO₂, ≥, Łódź, Ελλάδα, long words
    for word in ("CO₂", "≥", "Müller", "Łódź", "Ελλάδα", "<b>not bold</b>", "&amp;"):
        assert word in text, word
    assert squash("=1+1 <i>check</i> & fix Łódź") in flat
    assert squash("@owner") in flat


def test_a_10000_character_note_is_printed_in_full(text):
    assert len(LONG_NOTE) > 9_990
    assert squash(LONG_NOTE) in squash(text)
    assert text.count(LONG_MARKER) == 1  # in full in appendix B, clipped in the register


def test_the_logo_is_on_the_cover(reader):
    resources = reader.pages[0]["/Resources"]
    images = [
        x for x in resources.get("/XObject", {}).values() if x.get_object()["/Subtype"] == "/Image"
    ]
    assert images


def test_the_register_shows_what_did_not_arise_and_the_assessors_findings(text):
    flat = squash(text)
    assert squash("9001-8.2.3.1-d (does not arise)") in flat
    assert squash(NOT_ARISING) in flat
    assert squash("14001-8.2-d (likely minor by the assessor's judgement: maturity 0)") in flat
    assert squash(f"Assessor's finding (computed: likely major): {OVERRIDE_REASON}") in flat
    assert squash("Does not arise because:") in flat


def test_the_plan_shows_integrated_actions_by_phase_with_what_they_serve(text):
    flat = squash(text)
    assert (
        squash("Phase 6 · Integrate the internal audit programme for quality and environment")
        in flat
    )
    assert squash("ISO 9001 9.2.1") in flat
