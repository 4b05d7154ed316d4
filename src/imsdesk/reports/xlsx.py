"""The Excel workbook: Summary (with a native, editable radar chart), Gap register, Action plan.

Every string a user typed is written as a string cell, never as a formula, whatever it starts
with (the spreadsheet-injection problem); control characters no XLSX can hold are replaced.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.chart import RadarChart, Reference
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from imsdesk.fileio import atomic_output
from imsdesk.planning import ACTION_STATUSES, OBJECTIVE_STATUSES, ActionData, ObjectiveData
from imsdesk.reports.data import Progress, ReportData, no_progress, printable, register_reason
from imsdesk.reports.style import (
    BAND_FILL,
    EMS_COLOUR,
    FINDING_COLOURS,
    HEADER_FILL,
    HEADER_TEXT,
    QMS_COLOUR,
    TARGET_COLOUR,
)
from imsdesk.scoring import rules
from imsdesk.scoring.radar import sections_radar

WRAP = Alignment(wrap_text=True, vertical="top")
CENTRE = Alignment(wrap_text=True, vertical="top", horizontal="center")
CENTRED_REGISTER_COLUMNS = {2, 3, 7, 8, 9, 14}  # section, clause, maturity, target, gap, priority
DATA = Font(size=9)
LINE_POINTS = 12  # height of one line of 9 pt text
MAX_ROW_POINTS = 409  # Excel's limit
SUMMARY_COLUMNS = (24, 16, 14, 14, 14, 12, 12, 12)  # A-H of the summary sheet
SUMMARY_WIDTH = sum(SUMMARY_COLUMNS)
VERDICT_WIDTH = sum(SUMMARY_COLUMNS[3:])
HEADER = Font(bold=True, color=HEADER_TEXT[1:])
HEADER_BG = PatternFill("solid", fgColor=HEADER_FILL[1:])
BAND = PatternFill("solid", fgColor=BAND_FILL[1:])
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=16, color=QMS_COLOUR[1:])
THIN = Border(bottom=Side(style="thin", color="BFBFBF"))

REGISTER_COLUMNS = (
    ("Standard", 11),
    ("Section", 9),
    ("Clause", 9),
    ("Clause title", 28),
    ("Question id", 15),
    ("Question", 45),
    ("Maturity", 9),
    ("Target", 8),
    ("Gap", 6),
    ("Finding", 14),
    ("Reason (N/A, does not arise, assessor's finding)", 30),
    ("Notes", 42),
    ("Evidence", 32),
    ("Priority", 9),
)
PLAN_COLUMNS = (
    ("Item", 20),
    ("Ref", 10),
    ("Statement or action", 60),
    ("KPI", 26),
    ("Unit", 14),
    ("Baseline", 10),
    ("Target", 10),
    ("Serves (standard and clauses)", 24),
    ("Priority", 9),
    ("Due", 12),
    ("Owner", 20),
    ("Status", 13),
)


def text(cell: Cell, value: str) -> Cell:
    """Store user text as text: never a formula, even when it starts with = + - or @."""
    cell.value = printable(value)
    cell.data_type = "s"
    return cell


def put(ws: Worksheet, row: int, column: int, value: Any) -> Cell:
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        return text(cell, value)
    cell.value = value
    return cell


def write_workbook(
    data: ReportData, target: Path | BinaryIO, progress: Progress = no_progress
) -> None:
    """Write the workbook to a path (atomically) or into an open binary file."""
    workbook = Workbook()
    progress(0.05, "Workbook: summary")
    _summary(workbook.active, data)
    progress(0.25, "Workbook: gap register")
    _register(workbook.create_sheet("Gap register"), data)
    progress(0.6, "Workbook: action plan")
    _plan(workbook.create_sheet("Action plan"), data)
    workbook.properties.title = f"Gap analysis: {printable(data.scored.detail.organisation.name)}"
    workbook.properties.creator = "IMS Desk"
    progress(0.85, "Workbook: saving")
    if isinstance(target, Path):
        with atomic_output(target) as handle:
            workbook.save(handle)
    else:
        workbook.save(target)


def _print_setup(ws: Worksheet, title_rows: str | None = None) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    if title_rows:
        ws.print_title_rows = title_rows
    ws.oddFooter.center.text = "&A — page &P of &N"
    ws.oddFooter.center.size = 8


def _header(ws: Worksheet, row: int, columns: tuple[tuple[str, int], ...]) -> None:
    for index, (name, width) in enumerate(columns, start=1):
        cell = put(ws, row, index, name)
        cell.font, cell.fill, cell.alignment = HEADER, HEADER_BG, WRAP
        ws.column_dimensions[get_column_letter(index)].width = width


def _summary(ws: Worksheet, data: ReportData) -> None:
    ws.title = "Summary"
    card, detail = data.scored.card, data.scored.detail
    record = detail.assessment
    for index, width in enumerate(SUMMARY_COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    put(ws, 1, 1, "ISO gap analysis").font = TITLE
    rows = [
        ("Organisation", detail.organisation.name),
        ("Site", detail.site.name if detail.site else "—"),
        ("Assessment", record.title),
        ("Assessor", record.assessor or "—"),
        ("Date", record.date),
        ("Scope", data.scope_text),
        ("Target maturity", record.target_maturity),
        ("Report created", data.created),
    ]
    row = 3
    for label, value in rows:
        heading = put(ws, row, 1, label)
        heading.font, heading.alignment = BOLD, Alignment(vertical="top")
        cell = put(ws, row, 2, value)
        if label in ("Date", "Report created"):
            cell.number_format = "yyyy-mm-dd"
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=8)
        cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="left")
        fit_text(ws, row, str(value), SUMMARY_WIDTH - 24, points=15)
        row += 1

    row += 1
    _header(ws, row, (("Scores (0-100)", 24), ("Score", 16), ("Completion %", 14)))
    ws.row_dimensions[row].height = 18
    put(ws, row, 4, "Verdict").font = HEADER
    ws.cell(row=row, column=4).fill = HEADER_BG
    ws.merge_cells(start_row=row, start_column=4, end_row=row, end_column=8)
    row += 1
    lines = [
        (f"{s.standard}:{s.edition}", s.score, s.completion, s.verdict) for s in card.standards
    ]
    lines.append(("Integrated", card.score, card.completion, card.verdict))
    for label, score, completion, verdict in lines:
        put(ws, row, 1, label).font = BOLD
        put(ws, row, 2, score)
        put(ws, row, 3, completion)
        put(ws, row, 4, verdict.text).alignment = WRAP
        ws.merge_cells(start_row=row, start_column=4, end_row=row, end_column=8)
        fit_text(ws, row, verdict.text, VERDICT_WIDTH)
        row += 1

    row += 1
    put(ws, row, 1, "Reasons").font = BOLD
    row += 1
    for reason in card.verdict.reasons:
        put(ws, row, 1, f"• {reason}").alignment = Alignment(wrap_text=True, vertical="top")
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=8)
        fit_text(ws, row, reason, SUMMARY_WIDTH)
        row += 1

    row += 1
    _radar(ws, row, data)
    _print_setup(ws)
    ws.page_setup.orientation = "portrait"


def _radar(ws: Worksheet, row: int, data: ReportData) -> None:
    """Section scores 4-10 as a table and a native Excel radar chart (editable by the client)."""
    radar = sections_radar(data.scored.card)
    put(ws, row, 1, "Harmonized section").font = BOLD
    for index, (name, _) in enumerate(radar.series, start=2):
        put(ws, row, index, name).font = BOLD
    for offset, label in enumerate(radar.axes, start=1):
        put(ws, row + offset, 1, label)
        for index, (_, values) in enumerate(radar.series, start=2):
            put(ws, row + offset, index, values[offset - 1])
    last = row + len(radar.axes)
    chart = RadarChart()
    chart.type = "marker"
    chart.style = 26
    chart.title = "Section scores (0-100)"
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 100
    chart.y_axis.majorUnit = 20
    chart.y_axis.delete = False
    chart.x_axis.delete = False
    values = Reference(ws, min_col=2, max_col=1 + len(radar.series), min_row=row, max_row=last)
    chart.add_data(values, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=row + 1, max_row=last))
    colours = {
        s.standard: (QMS_COLOUR if s.system == "qms" else EMS_COLOUR)
        for s in data.scored.card.standards
    }
    for series, (name, _) in zip(chart.series, radar.series, strict=True):
        colour = TARGET_COLOUR if name == "Target" else colours.get(name, QMS_COLOUR)
        series.graphicalProperties.line.solidFill = colour[1:]
        series.graphicalProperties.line.width = 28000
        if name == "Target":
            series.graphicalProperties.line.dashStyle = "dash"
        series.marker.symbol = "circle"
        series.marker.size = 5
        series.marker.graphicalProperties.solidFill = colour[1:]
        series.marker.graphicalProperties.line.solidFill = colour[1:]
    chart.width = 18  # cm: one portrait page wide with the margins
    chart.height = 13
    ws.add_chart(chart, f"A{last + 2}")


def _register(ws: Worksheet, data: ReportData) -> None:
    _header(ws, 1, REGISTER_COLUMNS)
    card = data.scored.card
    titles = {(c.pack_id, c.number): c.title for c in card.clauses}
    for row, result in enumerate(card.questions, start=2):
        question = data.question(result)
        answer = data.answer(result.question_id)
        maturity: Any = {
            rules.NOT_APPLICABLE: "N/A",
            rules.DOES_NOT_ARISE: "does not arise",
            rules.INVALID: "to put right",
        }.get(result.status, result.maturity)
        values = (
            result.standard,
            int(result.section),
            result.clause,
            titles[(result.pack_id, result.clause)],
            result.question_id,
            question.text,
            maturity,
            result.target,
            result.gap,
            result.finding
            or (
                "not applicable"
                if result.status == "not applicable"
                else "unanswered"
                if result.status == "unanswered"
                else result.status
            ),
            register_reason(result, answer),
            answer.notes if answer else "",
            answer.evidence if answer else "",
            result.priority,
        )
        for column, value in enumerate(values, start=1):
            cell = put(ws, row, column, value)
            cell.alignment = CENTRE if column in CENTRED_REGISTER_COLUMNS else WRAP
            cell.font = DATA
        fit_row(ws, row, REGISTER_COLUMNS)
    last = len(card.questions) + 1
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(REGISTER_COLUMNS))}{last}"
    finding_column = get_column_letter(10)
    for finding, colour in FINDING_COLOURS.items():
        ws.conditional_formatting.add(
            f"A2:{get_column_letter(len(REGISTER_COLUMNS))}{last}",
            FormulaRule(
                formula=[f'${finding_column}2="{finding}"'],
                fill=PatternFill("solid", fgColor=colour[1:], bgColor=colour[1:]),
            ),
        )
    _print_setup(ws, "1:1")


def _plan(ws: Worksheet, data: ReportData) -> None:
    plan = data.plan
    _header(ws, 1, PLAN_COLUMNS)
    objective_status = DataValidation(
        type="list", formula1=_list(OBJECTIVE_STATUSES), allow_blank=False, showDropDown=False
    )
    action_status = DataValidation(
        type="list", formula1=_list(ACTION_STATUSES), allow_blank=False, showDropDown=False
    )
    for validation, kind in ((objective_status, "objective"), (action_status, "action")):
        validation.error = f"Choose one of the listed {kind} statuses."
        validation.errorTitle = "Status"
        validation.prompt = f"The {kind}'s status"
        ws.add_data_validation(validation)
    row = 2

    def objective(item: str, o: ObjectiveData) -> None:
        nonlocal row
        values = (item, str(o.id)[:8], o.statement, o.kpi, o.unit, o.baseline, o.target_value,
                  "", None, o.due, o.owner, o.status)  # fmt: skip
        _plan_row(ws, row, values, bold=item == "Quality objective")
        objective_status.add(ws.cell(row=row, column=12))
        row += 1

    def action(a: ActionData) -> None:
        nonlocal row
        phase = f"Phase {a.phase}: " if a.phase else ""
        values = ("Action", str(a.id)[:8], phase + a.title, "", "", None, None, data.serves(a),
                  a.priority, a.due, a.owner, a.status)  # fmt: skip
        _plan_row(ws, row, values)
        action_status.add(ws.cell(row=row, column=12))
        row += 1

    def band(label: str) -> None:
        nonlocal row
        cell = put(ws, row, 1, label)
        cell.font = BOLD
        for column in range(1, len(PLAN_COLUMNS) + 1):
            ws.cell(row=row, column=column).fill = BAND
        row += 1

    band("Quality objectives, their linked environmental targets and the actions serving them")
    for group in plan.groups:
        objective("Quality objective", group.objective)
        if group.incomplete:
            put(ws, row, 3, "Not yet linked to an environmental target").font = Font(
                italic=True, color="C00000"
            )
            row += 1
        for target in group.targets:
            objective("  Environmental target", target.objective)
            put(ws, row, 3, f"Why linked: {target.link.rationale}").font = Font(
                italic=True, color="595959"
            )
            ws.cell(row=row, column=3).alignment = WRAP
            row += 1
            for a in target.actions:
                action(a)
    if plan.unlinked_targets:
        band("Environmental targets not linked to a quality objective")
        for o in plan.unlinked_targets:
            objective("Environmental target", o)
    for section in plan.sections:
        band(f"Other gap actions — {section.number} {section.title}")
        for a in section.actions:
            action(a)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(PLAN_COLUMNS))}{max(row - 1, 1)}"
    _print_setup(ws, "1:1")


def _plan_row(ws: Worksheet, row: int, values: tuple, bold: bool = False) -> None:
    for column, value in enumerate(values, start=1):
        cell = put(ws, row, column, value)
        cell.alignment = WRAP
        cell.border = THIN
        cell.font = Font(size=9, bold=bold)
        if column == 10 and value is not None:
            cell.number_format = "yyyy-mm-dd"
    fit_row(ws, row, PLAN_COLUMNS)


def fit_text(ws: Worksheet, row: int, value: str, width: float, points: int = 14) -> None:
    """Row height for text wrapped in a (merged) cell ``width`` characters wide."""
    lines = sum(max(1, math.ceil(len(part) / (width * 1.1))) for part in value.split("\n"))
    ws.row_dimensions[row].height = min(MAX_ROW_POINTS, lines * points + 3)


def fit_row(ws: Worksheet, row: int, columns: tuple[tuple[str, int], ...]) -> None:
    """Set the row tall enough for its wrapped text: spreadsheet programs do not do it on open."""
    lines = 1
    for index, (_, width) in enumerate(columns, start=1):
        value = ws.cell(row=row, column=index).value
        if isinstance(value, str) and value:
            per_line = max(1.0, width * 1.3)  # 9 pt text in a column of this width
            count = sum(max(1, math.ceil(len(part) / per_line)) for part in value.split("\n"))
            lines = max(lines, count)
    ws.row_dimensions[row].height = min(MAX_ROW_POINTS, lines * LINE_POINTS + 3)


def _list(values: tuple[str, ...]) -> str:
    return '"' + ",".join(values) + '"'
