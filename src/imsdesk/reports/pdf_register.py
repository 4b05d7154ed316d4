"""The PDF's gap register: by harmonized section, the QMS and EMS clauses that address the same
subject side by side, with how the two views differ, and the questions below target."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer

from imsdesk.catalog import CrosswalkRow
from imsdesk.reports.data import ReportData
from imsdesk.reports.pdf_layout import cell, clip, esc, para, table, whole
from imsdesk.scoring import QuestionResult, rules

NOTE_SNIPPET = 220


class RegisterSection:
    def __init__(self, data: ReportData, width: float) -> None:
        self.data = data
        self.width = width
        self.card = data.scored.card

    def flowables(self) -> list[Flowable]:
        parts: list[Flowable] = [
            para("Gap register by harmonized section", "h1"),
            para(
                "For each harmonized section, the clauses of the two standards that address the "
                "same subject stand side by side, with a note on how the customer-driven quality "
                "view and the environment-driven view differ. Listed are the questions below "
                "target (likely nonconformities), unanswered and invalid answers; the workbook "
                "lists every question."
            ),
        ]
        crosswalk = self.data.crosswalk
        sections = [s for s in self.card.sections if s.pack_id is None]
        for section in sections:
            parts.append(CondPageBreak(40 * mm))
            parts.append(para(f"{section.number} {section.title}", "h2"))
            if crosswalk is not None and self._crosswalk_fits():
                cw_section = next(
                    (s for s in crosswalk.sections if s.number == section.number), None
                )
                for row in cw_section.rows if cw_section else ():
                    parts.append(self.crosswalk_row(row))
            else:
                for pack in self.data.packs:
                    numbers = [c.number for c in pack.clauses if c.section == section.number]
                    parts.append(self.single_column(pack.id, numbers))
        parts.append(PageBreak())
        return parts

    def _crosswalk_fits(self) -> bool:
        ids = {p.id for p in self.data.packs}
        crosswalk = self.data.crosswalk
        return crosswalk is not None and {crosswalk.qms, crosswalk.ems} <= ids

    def side(self, pack_id: str, numbers: Sequence[str]) -> list[Flowable]:
        if not numbers:
            return []
        pack = self.data.pack(pack_id)
        flow: list[Flowable] = []
        for number in numbers:
            clause = self.card.clause(pack_id, number)
            if clause.total == 0 and clause.depth == 0:
                continue
            label = f"<b>{esc(pack.standard)} {esc(number)}</b> {esc(clause.title)}"
            if clause.total:
                label += f" — score {whole(clause.score)}"
            flow.append(para(label, "cell", markup=True))
            for result in self._listed(pack_id, number):
                flow.append(self.question_line(result))
        return flow

    def _listed(self, pack_id: str, number: str) -> list[QuestionResult]:
        return [
            r
            for r in self.card.questions
            if r.pack_id == pack_id
            and r.clause == number
            and (
                r.finding in (rules.MAJOR, rules.MINOR)
                or r.status in (rules.UNANSWERED, rules.INVALID)
            )
        ]

    def question_line(self, result: QuestionResult) -> Flowable:
        question = self.data.question(result)
        answer = self.data.answer(result.question_id)
        if result.status == rules.ANSWERED:
            state = f"{result.finding}: maturity {result.maturity}, target {result.target}"
        else:
            state = result.status
        text = f"• {esc(result.question_id)} ({esc(state)}): {esc(clip(question.text, 200))}"
        if answer and answer.notes.strip():
            text += f"<br/><i>Note: {esc(clip(answer.notes, NOTE_SNIPPET))}</i>"
        return para(text, "cell", markup=True)

    def crosswalk_row(self, row: CrosswalkRow) -> Flowable:  # one shared subject
        crosswalk = self.data.crosswalk
        assert crosswalk is not None
        left = self.side(crosswalk.qms, row.qms) or [
            cell("— (no counterpart in ISO 9001)" if row.ems else "")
        ]
        right = self.side(crosswalk.ems, row.ems) or [
            cell("— (no counterpart in ISO 14001)" if row.qms else "")
        ]
        rows: list[list[Any]] = []
        if row.contrast:
            label = f"<b>How the views differ:</b> {esc(row.contrast)}"
            rows.append([para(label, "note", markup=True), ""])
        elif row.note:
            rows.append([para(row.note, "note"), ""])
        rows.append([left, right])
        extra = [("SPAN", (0, 0), (1, 0))] if len(rows) == 2 else []
        widths = [self.width / 2, self.width / 2]
        return KeepTogether([table(rows, widths, header=False, extra=extra), Spacer(1, 2 * mm)])

    def single_column(self, pack_id: str, numbers: Sequence[str]) -> Flowable:
        flow = self.side(pack_id, numbers) or [cell("—")]
        return table([[flow]], [self.width], header=False)
