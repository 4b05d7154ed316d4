"""The PDF's gap register: by harmonized section, the QMS and EMS clauses that address the same
subject side by side, with how the two views differ, and the questions below target.

It walks the app's pages (``imsdesk.catalog.pages``), so the register reads like the wizard."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer

from imsdesk.catalog import HarmonizedPage
from imsdesk.reports.data import ReportData, register_reason
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
                "view and the environment-driven view differ. Listed are the likely "
                "nonconformities, the findings the assessor judged differently from the computed "
                "ones, the situations that did not arise (with the reason), and unanswered "
                "answers and answers to put right; the workbook lists every question."
            ),
        ]
        shown = None
        for page in self.data.pages:
            if (page.section, page.section_title) != shown:
                shown = (page.section, page.section_title)
                parts.append(CondPageBreak(40 * mm))
                parts.append(para(f"{page.section} {page.section_title}".rstrip(), "h2"))
            # Headings (e.g. 6.2 / 6.2) have no questions of their own but a roll-up score.
            parts += [self.page(heading) for heading in page.headings]
            parts.append(self.page(page))
        parts.append(PageBreak())
        return parts

    def page(self, page: HarmonizedPage) -> Flowable:
        crosswalk = self.data.crosswalk  # set when the scope pairs a QMS with an EMS pack
        columns = (crosswalk.qms, crosswalk.ems) if crosswalk else ()
        if columns and all(s.pack_id in columns for s in page.sides):
            return self.paired(page, columns)
        flow = [f for side in page.sides for f in self.side(side.pack_id, side.clauses)]
        return table([[flow or [cell("—")]]], [self.width], header=False)

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
                or r.overridden
                or r.status in (rules.UNANSWERED, rules.INVALID, rules.DOES_NOT_ARISE)
            )
        ]

    def question_line(self, result: QuestionResult) -> Flowable:
        question = self.data.question(result)
        answer = self.data.answer(result.question_id)
        if result.status == rules.ANSWERED:
            state = f"{result.finding}: maturity {result.maturity}, target {result.target}"
            if result.overridden:
                state = f"{result.finding} by the assessor's judgement: maturity {result.maturity}"
        else:
            state = result.status
        text = f"• {esc(result.question_id)} ({esc(state)}): {esc(clip(question.text, 200))}"
        reason = register_reason(result, answer)
        if reason:
            text += f"<br/><i>{esc(clip(reason, NOTE_SNIPPET))}</i>"
        if answer and answer.notes.strip():
            text += f"<br/><i>Note: {esc(clip(answer.notes, NOTE_SNIPPET))}</i>"
        return para(text, "cell", markup=True)

    def paired(self, page: HarmonizedPage, columns: tuple[str, str]) -> Flowable:
        """One shared subject: the QMS clauses beside the EMS clauses."""
        cells = []
        for pack_id in columns:
            side = page.side(pack_id)
            if side is None:
                standard = self.data.pack(pack_id).standard
                cells.append([cell(f"— (no counterpart in {standard})")])
            else:
                cells.append(self.side(pack_id, side.clauses) or [cell("")])
        rows: list[list[Any]] = []
        if page.contrast:
            label = f"<b>How the views differ:</b> {esc(page.contrast)}"
            rows.append([para(label, "note", markup=True), ""])
        elif page.note:
            rows.append([para(page.note, "note"), ""])
        rows.append(cells)
        extra = [("SPAN", (0, 0), (1, 0))] if len(rows) == 2 else []
        widths = [self.width / 2, self.width / 2]
        return KeepTogether([table(rows, widths, header=False, extra=extra), Spacer(1, 2 * mm)])
