"""Comparing the selected assessment with an earlier one (last year's cycle): the radar charts
overlaid, the score change of every clause, and the questions that improved or regressed.

Only earlier assessments of the same client and questionnaires are offered; anything else is
refused by the core with a message (``services.comparison``), shown here.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from html import escape
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from imsdesk.ui.context import AppContext
from imsdesk.ui.dashboard.dashboard import SortedProxy
from imsdesk.ui.dashboard.data import Baselines, ComparisonData
from imsdesk.ui.models.rows_model import ROW_ROLE, Column, RowsModel
from imsdesk.ui.ops import Changes, Kind

WATCHED = {Kind.ANSWERS, Kind.ASSESSMENT, Kind.TREE}
REFRESH_PAUSE_MS = 400
UP, DOWN = "#2e7d32", "#b3261e"


@dataclass(frozen=True)
class DeltaRow:
    standard: str
    clause: str
    title: str
    before: float | None
    after: float | None
    delta: float | None


@dataclass(frozen=True)
class ChangeRow:
    question_id: str
    standard: str
    clause: str
    text: str
    before: int
    after: int

    @property
    def change(self) -> int:
        return self.after - self.before


def _score(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}"


def _signed(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:+.0f}" if round(value) else "0"


def _clause_key(number: str) -> tuple[int, ...]:
    return tuple(int(p) for p in number.split(".") if p.isdigit())


def _delta_colour(value: float | None) -> str | None:
    if value is None or round(value) == 0:
        return None
    return "#cfe8cf" if value > 0 else "#f4b6b6"


DELTA_COLUMNS: tuple[Column[DeltaRow], ...] = (
    Column("Standard", lambda r: r.standard),
    Column("Clause", lambda r: r.clause, lambda r: _clause_key(r.clause)),
    Column("Title", lambda r: r.title),
    Column("Before", lambda r: _score(r.before), lambda r: r.before, numeric=True),
    Column("Now", lambda r: _score(r.after), lambda r: r.after, numeric=True),
    Column(
        "Change",
        lambda r: _signed(r.delta),
        lambda r: r.delta,
        numeric=True,
        colour=lambda r: _delta_colour(r.delta),
    ),
)
CHANGE_COLUMNS: tuple[Column[ChangeRow], ...] = (
    Column(
        "Change",
        lambda r: f"{'improved' if r.change > 0 else 'regressed'} {r.change:+d}",
        lambda r: r.change,
        colour=lambda r: _delta_colour(r.change),
    ),
    Column("Standard", lambda r: r.standard),
    Column("Clause", lambda r: r.clause, lambda r: _clause_key(r.clause)),
    Column("Question", lambda r: r.text, tip=lambda r: f"{r.question_id}: {r.text}"),
    Column("Before", lambda r: str(r.before), lambda r: r.before, numeric=True),
    Column("Now", lambda r: str(r.after), lambda r: r.after, numeric=True),
)


def _table(model: RowsModel, stretch: int, name: str) -> tuple[QTableView, SortedProxy]:
    proxy = SortedProxy(model)
    proxy.setSourceModel(model)
    view = QTableView()
    view.setObjectName(name)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)  # compact rows
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view, proxy


class CompareView(QWidget):
    open_question = Signal(object, str)  # assessment id, question id
    loaded = Signal()  # a comparison is on screen (or its refusal)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.assessment_id: uuid.UUID | None = None
        self.baselines: Baselines | None = None
        self.data: ComparisonData | None = None
        self._stale = True
        self._generation = 0
        self._timer = QTimer(self, singleShot=True, interval=REFRESH_PAUSE_MS)
        self._timer.timeout.connect(self._refresh_if_visible)
        self.canvas: Any = None
        self._build()
        ctx.ops.changed.connect(self._on_changed)

    def _build(self) -> None:
        self.choice = QComboBox()
        self.choice.setObjectName("baseline")
        self.choice.setMinimumContentsLength(30)
        self.choice.activated.connect(lambda _row: self._compare_chosen())
        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.addRow("Compare &with:", self.choice)
        self.delta_model: RowsModel[DeltaRow] = RowsModel(DELTA_COLUMNS, self)
        self.deltas, self.delta_proxy = _table(self.delta_model, 2, "deltas")
        self.change_model: RowsModel[ChangeRow] = RowsModel(CHANGE_COLUMNS, self)
        self.changes, self.change_proxy = _table(self.change_model, 3, "changes")
        self.changes.setToolTip("Double-click or press Enter to open the question in the wizard")
        self.changes.activated.connect(self._change_activated)
        self.chart_box = QVBoxLayout()
        top = QHBoxLayout()
        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(self.hint)
        left.addWidget(self.summary)
        left.addStretch()
        top.addLayout(left, 1)
        top.addLayout(self.chart_box, 1)
        tables = QSplitter(Qt.Orientation.Vertical)
        tables.addWidget(_titled("Score per clause", self.deltas))
        tables.addWidget(_titled("Questions that improved or regressed", self.changes))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(tables, 1)

    # Which assessment ------------------------------------------------------------------------

    def set_assessment(self, assessment_id: uuid.UUID | None, final: bool = False) -> None:
        if assessment_id == self.assessment_id:
            return
        self.assessment_id = assessment_id
        self._stale = True
        self._generation += 1
        self._clear("Looking for earlier assessments…")
        self._refresh_if_visible()

    def _on_changed(self, changes: Changes, _initiator: object) -> None:
        if not changes.kinds & WATCHED:
            return
        if (
            Kind.TREE in changes.kinds
            or changes.touches(self.assessment_id)
            or (self.data is not None and changes.touches(self._baseline_id()))
        ):
            self._stale = True
            self._timer.start()

    def reread(self) -> None:
        """Read again (F5): now if shown, else when next shown."""
        self._stale = True
        self._refresh_if_visible()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._refresh_if_visible()

    def _baseline_id(self) -> uuid.UUID | None:
        return self.choice.currentData()

    # Reading ---------------------------------------------------------------------------------

    def _refresh_if_visible(self) -> None:
        if not (self._stale and self.isVisible() and self.assessment_id and self.ctx.ready):
            return
        self._stale = False
        self._generation += 1
        generation, assessment_id = self._generation, self.assessment_id
        db = self.ctx.database()

        def read() -> Baselines:
            from imsdesk.ui.dashboard.data import load_baselines

            return load_baselines(db, assessment_id)

        def show(baselines: Baselines) -> None:
            if generation == self._generation:
                self._show_baselines(baselines)

        self.ctx.ops.read(read, show, self._failed(generation), guard=self)

    def _show_baselines(self, baselines: Baselines) -> None:
        previous = self._baseline_id()
        self.baselines = baselines
        record = baselines.assessment
        self.choice.clear()
        for other in baselines.candidates:
            mark = " — previous cycle" if other.id == record.predecessor_id else ""
            self.choice.addItem(f"{other.title} ({other.date.isoformat()}){mark}", other.id)
        client = escape(record.organisation_name)
        if not baselines.candidates:
            self._clear(
                f"There is no earlier assessment of {record.organisation_name} with the same "
                "questionnaires to compare with. Next year, start the next cycle of this "
                "assessment (Assessment > Start next cycle) and compare the two here."
            )
            self.choice.setEnabled(False)
            self.loaded.emit()
            return
        self.choice.setEnabled(True)
        self.hint.setText(
            f"Earlier assessments of {client} with the same questionnaires; the previous "
            "cycle comes first."
        )
        keep = self.choice.findData(previous) if previous else -1
        self.choice.setCurrentIndex(max(keep, 0))
        self._compare_chosen()

    def _compare_chosen(self) -> None:
        earlier = self._baseline_id()
        if earlier is not None:
            self.compare_with(earlier)

    def compare_with(self, earlier_id: uuid.UUID) -> None:
        """Compare the selected assessment with ``earlier_id`` (refused unless it is earlier)."""
        if self.assessment_id is None:
            return
        self._generation += 1
        generation, later_id = self._generation, self.assessment_id
        db, catalog = self.ctx.database(), self.ctx.packs()

        def read() -> ComparisonData:
            from imsdesk.ui.dashboard.data import load_comparison

            return load_comparison(db, catalog, earlier_id, later_id)

        def show(data: ComparisonData) -> None:
            if generation == self._generation:
                self._show(data)

        self.ctx.ops.read(read, show, self._failed(generation), guard=self)

    def _failed(self, generation: int) -> Any:
        def failed(error: BaseException) -> None:
            from imsdesk.errors import UserError

            if generation != self._generation:
                return
            if not isinstance(error, UserError):
                self.ctx.ops.report(error)
                return
            self._clear(str(error))
            self.loaded.emit()

        return failed

    # Showing ---------------------------------------------------------------------------------

    def _clear(self, message: str) -> None:
        self.data = None
        self.hint.setText(message)
        self.summary.setText("")
        self.delta_model.set_rows([])
        self.change_model.set_rows([])
        if self.canvas is not None:
            self.canvas.hide()

    def _show(self, data: ComparisonData) -> None:
        self.data = data
        result = data.result
        comparison = result.comparison
        standards = {s.pack_id: s.standard for s in result.later.card.standards}
        earlier = result.earlier.detail.assessment
        self.summary.setText(
            f"<p>Overall score <b>{_score(comparison.score_before)}</b> on "
            f"{earlier.date.isoformat()} → <b>{_score(comparison.score_after)}</b> now "
            f"(<b>{_signed(comparison.delta)}</b>).</p>"
            f"<p>{len(comparison.improved)} question(s) improved, "
            f"<span style='color:{DOWN}'>{len(comparison.regressed)} regressed</span>.</p>"
        )
        self.delta_model.set_rows(
            [
                DeltaRow(
                    standards.get(c.pack_id, c.pack_id),
                    c.number,
                    c.title,
                    c.before,
                    c.after,
                    c.delta,
                )
                for c in comparison.clauses
            ]
        )
        self.deltas.sortByColumn(5, Qt.SortOrder.AscendingOrder)  # the worst change first
        packs = {q.question_id: q.pack_id for q in result.later.card.questions}
        self.change_model.set_rows(
            [
                ChangeRow(
                    q.question_id,
                    standards.get(packs.get(q.question_id, ""), ""),
                    q.clause,
                    data.question_texts.get(q.question_id, ""),
                    q.before or 0,
                    q.after or 0,
                )
                for q in (*comparison.regressed, *comparison.improved)
            ]
        )
        self.changes.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # regressions first
        if self.canvas is None:
            from imsdesk.ui.dashboard.radar_canvas import RadarCanvas  # matplotlib: first use

            self.canvas = RadarCanvas()
            self.canvas.setMaximumHeight(300)  # leave the height to the tables
            self.chart_box.addWidget(self.canvas)
        self.canvas.show()
        self.canvas.show_radar(data.radar)
        self.loaded.emit()

    def _change_activated(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if row is not None and self.assessment_id is not None:
            self.open_question.emit(self.assessment_id, row.question_id)


def _titled(title: str, widget: QWidget) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    label = QLabel(f"<b>{escape(title)}</b>")
    layout.addWidget(label)
    layout.addWidget(widget)
    return box
