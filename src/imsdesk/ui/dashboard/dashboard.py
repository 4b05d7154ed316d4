"""The dashboard of the selected assessment: scores and completion, the readiness verdict with its
reasons, the findings, the radar charts and the most urgent gaps.

It reads and scores on a worker thread, only while it is visible: a change elsewhere in the app
(answers, targets, objectives) marks it stale, and it reads again when shown, after a short
pause so that a burst of answers costs one read.
"""

from __future__ import annotations

import uuid
from html import escape
from typing import Any

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from imsdesk.reports.style import FINDING_COLOURS  # the reports' colours (no heavy imports)
from imsdesk.ui.context import AppContext
from imsdesk.ui.dashboard.data import DashboardData, Gap
from imsdesk.ui.models.rows_model import ROW_ROLE, SORT_ROLE, Column, RowsModel
from imsdesk.ui.ops import Changes, Kind

REFRESH_PAUSE_MS = 400
WATCHED = {Kind.ANSWERS, Kind.ASSESSMENT, Kind.SUMMARY, Kind.OBJECTIVES}
VERDICT_COLOURS = {"not-ready": "#b3261e", "stage-1": "#8a5a00", "stage-2": "#2e7d32"}

GAP_COLUMNS: tuple[Column[Gap], ...] = (
    Column("#", lambda g: str(g.rank), lambda g: g.rank, numeric=True),
    Column("Standard", lambda g: g.standard),
    Column(
        "Clause",
        lambda g: g.clause,
        lambda g: tuple(int(p) for p in g.clause.split(".") if p.isdigit()),
        tip=lambda g: f"{g.clause} {g.clause_title}",
    ),
    Column("Question", lambda g: g.text, tip=lambda g: f"{g.question_id}: {g.text}"),
    Column(
        "Maturity",
        lambda g: "-" if g.maturity is None else str(g.maturity),
        lambda g: g.maturity,
        numeric=True,
    ),
    Column("Target", lambda g: str(g.target), lambda g: g.target, numeric=True),
    Column(
        "Finding",
        lambda g: g.finding,
        lambda g: (
            ("likely major", "likely minor", "opportunity for improvement").index(g.finding)
            if g.finding in ("likely major", "likely minor", "opportunity for improvement")
            else 3
        ),
        colour=lambda g: FINDING_COLOURS.get(g.finding),
    ),
    Column("Priority", lambda g: f"{g.priority:g}", lambda g: g.priority, numeric=True),
)


def _label(name: str, *, rich: bool = False) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class SortedProxy(QSortFilterProxyModel):
    """Sorts by the model's sort values (numbers as numbers), not by the shown text."""

    def lessThan(self, left: QModelIndex, right: QModelIndex) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if a is None or b is None:  # not scored: after every real value
            return a is not None
        try:
            return bool(a < b)
        except TypeError:
            return str(a) < str(b)


class Dashboard(QWidget):
    open_question = Signal(object, str)  # assessment id, question id: open the wizard there
    edit_targets = Signal(object)  # assessment id
    loaded = Signal()  # new figures are on screen (tests wait for it)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.assessment_id: uuid.UUID | None = None
        self.data: DashboardData | None = None
        self._stale = True
        self._generation = 0
        self._timer = QTimer(self, singleShot=True, interval=REFRESH_PAUSE_MS)
        self._timer.timeout.connect(self._refresh_if_visible)
        self.canvases: list[Any] = []
        self._build()
        ctx.ops.changed.connect(self._on_changed)

    # Building --------------------------------------------------------------------------------

    def _build(self) -> None:
        self.status = _label("dashboardStatus")
        self.scores = _label("scores", rich=True)
        self.verdict = _label("verdict", rich=True)
        self.targets_button = QPushButton("Set &targets…")
        self.targets_button.setToolTip("The target maturity of the assessment and of each clause")
        self.targets_button.clicked.connect(
            lambda: self.assessment_id and self.edit_targets.emit(self.assessment_id)
        )
        self.charts = QHBoxLayout()  # the harmonized sections, beside the scores and verdicts
        self.standard_charts = QHBoxLayout()  # each standard by clause, side by side
        self.gaps_title = _label("gapsTitle", rich=True)
        self.gaps_model: RowsModel[Gap] = RowsModel(GAP_COLUMNS, self)
        self.gaps_proxy = SortedProxy(self)
        self.gaps_proxy.setSourceModel(self.gaps_model)
        self.gaps = QTableView()
        self.gaps.setObjectName("gaps")
        self.gaps.setModel(self.gaps_proxy)
        self.gaps.setSortingEnabled(True)
        self.gaps.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.gaps.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.gaps.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.gaps.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.gaps.setWordWrap(False)
        self.gaps.verticalHeader().hide()
        self.gaps.verticalHeader().setDefaultSectionSize(self.gaps.fontMetrics().height() + 8)
        self.gaps.setToolTip("Double-click or press Enter to answer the question in the wizard")
        header = self.gaps.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.gaps.activated.connect(self._gap_activated)
        self.gaps.setMinimumHeight(220)

        left = QVBoxLayout()
        left.addWidget(self.scores)
        left.addWidget(self.verdict)
        left.addStretch()
        top = QHBoxLayout()
        top.addLayout(left, 3)
        top.addLayout(self.charts, 2)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.status)
        layout.addLayout(top)
        layout.addLayout(self.standard_charts)
        gaps_heading = QHBoxLayout()
        gaps_heading.addWidget(self.gaps_title, 1)
        gaps_heading.addWidget(self.targets_button)
        layout.addLayout(gaps_heading)
        layout.addWidget(self.gaps, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.status.setText("Scoring…")

    # Which assessment ------------------------------------------------------------------------

    def set_assessment(self, assessment_id: uuid.UUID | None, final: bool = False) -> None:
        self.targets_button.setEnabled(assessment_id is not None and not final)
        if assessment_id == self.assessment_id:
            return
        self.assessment_id = assessment_id
        self._stale = True
        self._generation += 1  # a read for the previous assessment is dropped
        self.status.setText("Scoring…")
        self.status.show()
        self._refresh_if_visible()

    def _on_changed(self, changes: Changes, _initiator: object) -> None:
        if changes.kinds & WATCHED and changes.touches(self.assessment_id):
            self._stale = True
            self._timer.start()

    def reread(self) -> None:
        """Read again (F5): now if shown, else when next shown."""
        self._stale = True
        self._refresh_if_visible()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._refresh_if_visible()

    # Reading ---------------------------------------------------------------------------------

    def _refresh_if_visible(self) -> None:
        if not (self._stale and self.isVisible() and self.assessment_id and self.ctx.ready):
            return
        self._stale = False
        self._generation += 1
        generation, assessment_id = self._generation, self.assessment_id
        db, catalog = self.ctx.database(), self.ctx.packs()

        def read() -> DashboardData:
            from imsdesk.ui.dashboard.data import load_dashboard

            return load_dashboard(db, catalog, assessment_id)

        def show(data: DashboardData) -> None:
            if generation == self._generation:
                self._show(data)

        def failed(error: BaseException) -> None:
            from imsdesk.errors import UserError

            if generation != self._generation:
                return
            if not isinstance(error, UserError):
                self.ctx.ops.report(error)
            self.status.setText(f"Cannot score this assessment: {error}")
            self.status.show()

        self.ctx.ops.read(read, show, failed, guard=self)

    # Showing ---------------------------------------------------------------------------------

    def _show(self, data: DashboardData) -> None:
        self.data = data
        card = data.scored.card
        warnings = data.scored.scope.warnings()
        self.status.setText("\n".join(warnings))
        self.status.setVisible(bool(warnings))
        self.scores.setText(_scores_html(data))
        self.verdict.setText(_verdict_html(data))
        self._show_charts(data)
        shown = len(data.gaps)
        if data.gap_count:
            self.gaps_title.setText(
                f"<b>The most urgent gaps</b> ({shown} of {data.gap_count}; "
                "double-click or Enter to answer in the wizard)"
            )
        else:
            answered = "nothing answered yet" if card.completion == 0 else "no gaps found"
            self.gaps_title.setText(f"<b>Gaps</b>: {answered}")
        self.gaps_model.set_rows(data.gaps)
        self.gaps.setVisible(bool(data.gaps))
        self.loaded.emit()

    def _show_charts(self, data: DashboardData) -> None:
        if not self.canvases or len(self.canvases) != len(data.radars):
            from imsdesk.ui.dashboard.radar_canvas import RadarCanvas  # matplotlib: first use

            for canvas in self.canvases:
                canvas.setParent(None)
                canvas.deleteLater()
            self.canvases = [RadarCanvas() for _ in data.radars]
            self.charts.addWidget(self.canvases[0])
            for canvas in self.canvases[1:]:
                self.standard_charts.addWidget(canvas)
        for canvas, radar in zip(self.canvases, data.radars, strict=True):
            canvas.show_radar(radar, data.systems)

    def _gap_activated(self, index: QModelIndex) -> None:
        gap = index.data(ROW_ROLE)
        if gap is not None and self.assessment_id is not None:
            self.open_question.emit(self.assessment_id, gap.question_id)


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}"


def _scores_html(data: DashboardData) -> str:
    card = data.scored.card
    record = data.scored.detail.assessment
    cells = [
        f"<td style='padding-right:24px'><span style='font-size:22pt'><b>{_number(card.score)}"
        f"</b></span> / 100<br>overall · {card.completion:.0f}% answered</td>"
    ]
    for standard in card.standards:
        system = "quality" if standard.system == "qms" else "environment"
        cells.append(
            f"<td style='padding-right:24px'><span style='font-size:16pt'><b>"
            f"{_number(standard.score)}</b></span> / 100<br>{escape(standard.standard)} "
            f"({system}) · {standard.completion:.0f}% answered</td>"
        )
    rows = []
    for standard, counts in data.findings.items():
        chips = " ".join(
            f"<span style='background:{FINDING_COLOURS[name]}; color:#000'>&nbsp;"
            f"{n}&nbsp;{(one if n == 1 else many).replace(' ', '&nbsp;')}&nbsp;</span>"
            for name, one, many in (
                ("likely major", "likely major", "likely major"),
                ("likely minor", "likely minor", "likely minor"),
                ("opportunity for improvement", "opportunity", "opportunities"),
            )
            if (n := counts.get(name, 0)) is not None
        )
        rows.append(f"<tr><td>{escape(standard)}:&nbsp;</td><td>{chips}</td></tr>")
    return (
        f"<table><tr>{''.join(cells)}</tr></table>"
        f"<p style='margin-bottom:0'>Findings by clause (conformity is level 3; the target "
        f"{record.target_maturity} sets the opportunities):</p><table>{''.join(rows)}</table>"
    )


def _verdict_html(data: DashboardData) -> str:
    card = data.scored.card
    parts = []
    if len(card.standards) > 1:  # the headline; each standard's reasons follow
        colour = VERDICT_COLOURS.get(card.verdict.level, "#000000")
        headline = card.verdict.text.split(":")[0] if not card.verdict.ready else card.verdict.text
        parts.append(
            f"<p style='font-size:13pt; margin-bottom:4px'><b>Readiness: "
            f"<span style='color:{colour}'>{escape(headline)}</span></b></p>"
        )
    for standard in card.standards:
        parts.append(_one_verdict(standard.standard, standard.verdict))
    return "".join(parts)


def _one_verdict(name: str, verdict: Any) -> str:
    colour = VERDICT_COLOURS.get(verdict.level, "#000000")
    reasons = "".join(f"<li>{escape(r)}</li>" for r in verdict.reasons)
    listed = f"<ul style='margin-top:0'>{reasons}</ul>" if reasons else ""
    return (
        f"<p style='margin-bottom:2px'><b>{escape(name)}:</b> "
        f"<span style='color:{colour}'><b>{escape(verdict.text)}</b></span></p>{listed}"
    )
