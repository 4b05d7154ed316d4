"""Setting the target maturity of an assessment and of single clauses (the rules of
``imsdesk target``: 0 to 5, or a clause follows the assessment's target)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from imsdesk.ui.context import AppContext
from imsdesk.ui.ops import Changes, Kind

if TYPE_CHECKING:
    from imsdesk.catalog import Catalog
    from imsdesk.storage import Database

DEFAULT = "as the assessment"


@dataclass(frozen=True)
class ClauseRow:
    pack_id: str
    standard: str
    number: str
    title: str
    target: int | None  # None: the assessment's target


@dataclass(frozen=True)
class Targets:
    title: str
    target: int
    clauses: tuple[ClauseRow, ...]
    levels: dict[int, str]


def load_targets(db: Database, catalog: Catalog, assessment_id: uuid.UUID) -> Targets:
    from imsdesk.services import load_assessment
    from imsdesk.services.scope import scope_of

    detail = load_assessment(db, assessment_id)
    scope = scope_of(detail.assessment.packs, catalog)
    overrides = detail.target_overrides()
    rows = tuple(
        ClauseRow(pack.id, pack.standard, c.number, c.label, overrides.get((pack.id, c.number)))
        for pack in scope.packs
        for c in pack.clauses
    )
    levels = {level.level: level.name for level in scope.packs[0].scale} if scope.packs else {}
    return Targets(detail.assessment.title, detail.assessment.target_maturity, rows, levels)


def save_targets(
    db: Database,
    assessment_id: uuid.UUID,
    target: int | None,
    clauses: list[tuple[str, str, int | None]],
) -> None:
    from imsdesk import services

    if target is not None:
        services.set_target(db, assessment_id, target)
    for pack_id, clause, level in clauses:
        services.set_clause_target(db, assessment_id, pack_id, clause, level)


class TargetsDialog(QDialog):
    def __init__(
        self, ctx: AppContext, assessment_id: uuid.UUID, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.assessment_id = assessment_id
        self.targets: Targets | None = None
        self.setWindowTitle("Targets")
        self.resize(760, 560)
        self.intro = QLabel(
            "The target is the maturity the client aims for. A clause below its target is a "
            "gap. Set a clause's own target where it matters more or less than the rest."
        )
        self.intro.setWordWrap(True)
        self.target = QSpinBox()
        self.target.setObjectName("assessmentTarget")
        self.target.setRange(0, 5)
        self.target_name = QLabel()
        self.target.valueChanged.connect(self._target_changed)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Find a clause")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("clauseTargets")
        self.table.setHorizontalHeaderLabels(["Standard", "Clause", "Title", "Target"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        form = QFormLayout()
        form.addRow("Target of the &assessment:", self.target)
        form.addRow("", self.target_name)
        form.addRow("&Find:", self.filter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.combos: list[QComboBox] = []
        db, catalog = ctx.database(), ctx.packs()
        ctx.ops.read(
            lambda: load_targets(db, catalog, assessment_id), self._show, self._failed, guard=self
        )

    # Showing ---------------------------------------------------------------------------------

    def _show(self, targets: Targets) -> None:
        self.targets = targets
        self.setWindowTitle(f"Targets of {targets.title}")
        self.target.setValue(targets.target)
        self._target_changed(targets.target)
        self.table.setRowCount(len(targets.clauses))
        self.combos = []
        for row, clause in enumerate(targets.clauses):
            for column, text in enumerate((clause.standard, clause.number, clause.title)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
            combo = QComboBox()
            combo.addItem(DEFAULT, None)
            for level in range(6):
                combo.addItem(f"{level} {targets.levels.get(level, '')}".strip(), level)
            combo.setCurrentIndex(0 if clause.target is None else clause.target + 1)
            self.table.setCellWidget(row, 3, combo)
            self.combos.append(combo)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)
        self.target.setFocus()

    def _target_changed(self, value: int) -> None:
        levels = self.targets.levels if self.targets else {}
        self.target_name.setText(levels.get(value, ""))
        if self.combos:
            text = f"{DEFAULT} ({value})"
            for combo in self.combos:
                combo.setItemText(0, text)

    def _filter(self, text: str) -> None:
        needle = text.strip().lower()
        for row in range(self.table.rowCount()):
            cells = " ".join(self.table.item(row, c).text() for c in range(3)).lower()
            self.table.setRowHidden(row, bool(needle) and needle not in cells)

    def _failed(self, error: BaseException) -> None:
        from imsdesk.errors import UserError

        if not isinstance(error, UserError):
            self.ctx.ops.report(error)
        self.error.setText(str(error))
        self.error.show()

    # Saving ----------------------------------------------------------------------------------

    def changes(self) -> tuple[int | None, list[tuple[str, str, int | None]]]:
        """What differs from the stored targets: the assessment's, and each changed clause."""
        assert self.targets is not None
        target = self.target.value()
        clauses = [
            (clause.pack_id, clause.number, combo.currentData())
            for clause, combo in zip(self.targets.clauses, self.combos, strict=True)
            if combo.currentData() != clause.target
        ]
        return (target if target != self.targets.target else None), clauses

    def _save(self) -> None:
        target, clauses = self.changes()
        if target is None and not clauses:
            self.accept()
            return
        self.buttons.setEnabled(False)
        db, assessment_id = self.ctx.database(), self.assessment_id

        def failed(error: BaseException) -> Any:
            self.buttons.setEnabled(True)
            self._failed(error)

        self.ctx.ops.write(
            lambda: save_targets(db, assessment_id, target, clauses),
            lambda _: self.accept(),
            failed,
            changes=Changes.of(Kind.ASSESSMENT, assessment=assessment_id),
            initiator=self,
            guard=self,
        )
