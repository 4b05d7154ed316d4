"""Step 1: what a QMS and an EMS are for, how they share one structure, and what the maturity
levels mean."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget, QWizardPage

from imsdesk.catalog import Crosswalk, Pack

INTRO_BLOCKS = 2  # "Two management systems, one structure" and "Shared clauses..."
KEYS = (
    "<p><b>Working from the keyboard.</b> Press <b>0</b>–<b>5</b> to rate the highlighted "
    "question; the wizard moves on to the next unanswered one. <b>N</b> marks it not "
    "applicable (where the standard allows it) and takes you to the justification. <b>Tab</b> "
    "moves through the notes and evidence fields, <b>Esc</b> back to the question, "
    "<b>Up</b>/<b>Down</b> between questions, <b>Ctrl+PgDown</b>/<b>Ctrl+PgUp</b> between "
    "clauses, and <b>Ctrl+F</b> finds a clause or question. Everything is saved as you go.</p>"
)


def intro_html(crosswalk: Crosswalk | None, packs: Sequence[Pack]) -> str:
    parts: list[str] = []
    if crosswalk is not None:
        for block in crosswalk.introduction[:INTRO_BLOCKS]:
            parts.append(f"<h3>{escape(block.heading)}</h3><p>{escape(block.text)}</p>")
    else:
        for pack in packs:
            parts.append(f"<h3>{escape(pack.title)}</h3><p>{escape(pack.description)}</p>")
    if packs:
        rows = "".join(
            f"<tr><td><b>{level.level}</b></td><td><b>{escape(level.name)}</b></td>"
            f"<td>{escape(level.description)}</td></tr>"
            for level in packs[0].scale
        )
        parts.append(
            "<h3>The maturity scale</h3><p>Each question is rated from 0 to 5. Level 3 means the "
            "requirement is met in practice; your target sets how far beyond that you aim.</p>"
            f"<table cellspacing='0' cellpadding='4'>{rows}</table>"
        )
    parts.append(KEYS)
    return "".join(parts)


class IntroPage(QWizardPage):
    def __init__(self, html: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("Quality and environment, clause by clause")
        self.setSubTitle(
            "A QMS is customer-driven; an EMS is environment-driven. Both follow the same "
            "clauses 4 to 10, so you assess them side by side."
        )
        self.text = QLabel(html)
        self.text.setObjectName("introText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.text)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
