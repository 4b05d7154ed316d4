"""The workbook read back with openpyxl: sheets, values and types, chart, validation, printing."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from openpyxl.chart import RadarChart

from tests.reports.conftest import (
    AT,
    CONTROL,
    HOSTILE_NOTE,
    LONG_NOTE,
    MINUS,
    NOT_ARISING,
    OVERRIDE_REASON,
    PLUS,
)


@pytest.fixture(scope="module")
def book(written):
    return load_workbook(written.xlsx)


def test_three_sheets(book):
    assert book.sheetnames == ["Summary", "Gap register", "Action plan"]


def test_summary(book):
    ws = book["Summary"]
    values = [c.value for row in ws.iter_rows() for c in row if c.value is not None]
    assert "Demo Manufacturing Ltd" in values
    assert "Dr Hannah Okafor, Lead Auditor (IRCA)" in values
    assert any(isinstance(v, str) and v.startswith("Not ready: ISO 14001") for v in values)
    assert "ISO 9001:2015" in values and "ISO 14001:2015" in values and "Integrated" in values
    assert any(isinstance(v, str) and v.startswith("• ISO 14001: ") for v in values)
    [chart] = ws._charts
    assert isinstance(chart, RadarChart)
    assert len(chart.series) == 3  # ISO 9001, ISO 14001, target
    labels = [
        c.value for c in ws["A"] if isinstance(c.value, str) and c.value[:2].strip().isdigit()
    ]
    assert labels == [
        "4 Context of the organization",
        "5 Leadership",
        "6 Planning",
        "7 Support",
        "8 Operation",
        "9 Performance evaluation",
        "10 Improvement",
    ]


def test_gap_register_has_one_row_per_question(book):
    ws = book["Gap register"]
    header = [c.value for c in ws[1]]
    assert header == [
        "Standard",
        "Section",
        "Clause",
        "Clause title",
        "Question id",
        "Question",
        "Maturity",
        "Target",
        "Gap",
        "Finding",
        "Reason (N/A, does not arise, assessor's finding)",
        "Notes",
        "Evidence",
        "Priority",
    ]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 263 + 155
    by_id = {r[4]: r for r in rows}
    design = by_id["9001-8.3.1-a"]
    assert design[6] == "N/A" and design[9] == "not applicable" and design[10]
    major = by_id["14001-9.1.2-a"]
    assert (major[6], major[7], major[8], major[9]) == (0, 3, 3, "likely major")
    assert isinstance(major[13], float | int) and major[13] > 0
    assert by_id["9001-4.1-a"][3] == "Understanding the organization and its context"


def test_register_shows_what_did_not_arise_and_the_assessors_findings(book):
    rows = {r[4]: r for r in book["Gap register"].iter_rows(min_row=2, values_only=True)}
    arising = rows["9001-8.2.3.1-d"]
    assert (arising[6], arising[9], arising[10]) == (
        "does not arise",
        "does not arise",
        NOT_ARISING,
    )
    judged = rows["14001-8.2-d"]
    assert (judged[6], judged[9]) == (0, "likely minor")  # the assessor's finding counts
    assert judged[10] == f"Assessor's finding (computed: likely major): {OVERRIDE_REASON}"


def test_register_layout_and_print_settings(book):
    ws = book["Gap register"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:N419"
    rules = [rule for cf in ws.conditional_formatting for rule in cf.rules]
    assert len(rules) == 4
    assert any('="likely major"' in rule.formula[0] for rule in rules)
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$1:$1"
    assert ws.column_dimensions["F"].width == 45
    assert ws["F2"].alignment.wrap_text


def test_user_text_is_text_never_a_formula(book):
    ws = book["Gap register"]
    cells = {ws.cell(row=r, column=5).value: r for r in range(2, ws.max_row + 1)}
    notes = ws.cell(row=cells["9001-4.1-a"], column=12)
    assert notes.value == HOSTILE_NOTE and notes.data_type == "s"
    assert ws.cell(row=cells["9001-4.1-a"], column=13).value == PLUS
    assert ws.cell(row=cells["9001-4.2-a"], column=12).value == MINUS
    assert ws.cell(row=cells["9001-4.2-a"], column=13).value == AT
    assert ws.cell(row=cells["14001-4.1-a"], column=12).value == LONG_NOTE
    # A control character no XLSX can hold is replaced; the rest of the text stays.
    assert ws.cell(row=cells["14001-4.1-a"], column=13).value == CONTROL.replace("\x07", "\ufffd")
    formulas = [c for row in book["Action plan"].iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []
    action = next(
        c
        for row in book["Action plan"].iter_rows()
        for c in row
        if c.value == "=1+1 <i>check</i> & fix Łódź"
    )
    assert action.data_type == "s"


def test_action_plan_sheet(book):
    ws = book["Action plan"]
    items = [r for r in ws.iter_rows(min_row=2, values_only=True)]
    kinds = [r[0] for r in items if r[0]]
    first_quality = kinds.index("Quality objective")
    assert kinds[first_quality + 1] == "  Environmental target"
    assert "Action" in kinds
    otif = next(r for r in items if r[2] == "Deliver 97% of customer orders on time and in full")
    assert (otif[3], otif[4], otif[5], otif[6]) == (
        "On-time in-full (OTIF) deliveries",
        "%",
        94.1,
        97,
    )
    assert any(isinstance(r[2], str) and r[2].startswith("Why linked: ") for r in items)
    assert any(
        isinstance(r[0], str) and r[0].startswith("Other gap actions — 8 Operation") for r in items
    )
    # Integrated actions name both standards' clauses; generated actions carry their phase.
    merged = [r for r in items if r[0] == "Action" and "ISO 9001" in r[7] and "ISO 14001" in r[7]]
    assert merged and all(r[10] for r in merged)  # with an owner
    assert any(r[2].startswith("Phase 6: Integrate the internal audit programme") for r in merged)
    validations = ws.data_validations.dataValidation
    lists = sorted(v.formula1 for v in validations)
    assert lists == [
        '"draft,in progress,achieved,at risk,off track"',
        '"open,in progress,done,cancelled"',
    ]
    covered = {str(ref) for v in validations for ref in v.sqref.ranges}
    assert covered
    status_rows = {int(str(ref)[1:].split(":")[0]) for v in validations for ref in v.sqref.ranges}
    assert all(ws.cell(row=r, column=12).value for r in status_rows)
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$1:$1"
