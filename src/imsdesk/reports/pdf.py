"""The PDF report a consultant hands to the client.

Cover; executive summary (verdict, reasons, key figures, top gaps); what the assessment covers
(QMS and EMS); radar charts; scores per clause; the gap register by harmonized section with QMS
and EMS side by side where clauses pair; objectives, links and actions; appendices with the
scoring method, every note and piece of evidence in full, and the copyright notices.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    Image,
    NextPageTemplate,
    PageBreak,
    Spacer,
)

from imsdesk.fileio import atomic_output
from imsdesk.reports.charts import figure_jpeg, radar_figure
from imsdesk.reports.data import Progress, ReportData, no_progress
from imsdesk.reports.pdf_layout import (
    FONT,
    ReportDocument,
    band_style,
    cell,
    clip,
    esc,
    para,
    short,
    table,
    whole,
)
from imsdesk.reports.pdf_plan import PlanSection
from imsdesk.reports.pdf_register import RegisterSection
from imsdesk.reports.style import FINDING_COLOURS
from imsdesk.scoring import rules
from imsdesk.scoring.radar import clauses_radar, sections_radar, themes_radar

TOP_GAPS = 10


def write_pdf(
    data: ReportData,
    target: Path | BinaryIO,
    *,
    paper: str = "a4",
    logo: bytes | None = None,
    footer: str = "",
    progress: Progress = no_progress,
) -> None:
    """Write the PDF to a path (atomically) or into an open binary file; ``footer`` is the
    consultant's line on every body page, as plain text."""
    if isinstance(target, Path):
        with atomic_output(target) as handle:
            _write(data, handle, paper, logo, footer, progress)
    else:
        _write(data, target, paper, logo, footer, progress)


def _write(
    data: ReportData,
    handle: BinaryIO,
    paper: str,
    logo: bytes | None,
    footer: str,
    progress: Progress,
) -> None:
    detail = data.scored.detail
    title = " / ".join(f"{p.standard}:{p.edition}" for p in data.packs) + " gap analysis"
    doc = ReportDocument(
        handle,
        paper,
        header_left=f"{detail.organisation.name} — {detail.assessment.title}",
        header_right=title,
        footer_left=f"Prepared with IMS Desk on {data.created.isoformat()}",
        footer_note=footer,
        title=f"{title}: {detail.organisation.name}",
        author=detail.assessment.assessor or "IMS Desk",
        creator="IMS Desk",
    )
    story = Story(data, doc.width, progress)
    flowables = story.build(title, logo)
    doc.setProgressCallBack(LayoutProgress(progress, len(flowables)))
    doc.build(flowables, canvasmaker=doc.canvas_maker())
    progress(1.0, "PDF written")


class LayoutProgress:
    """reportlab's layout callbacks as progress: laying out pages is the longest step, so it
    is also where a cancel must be noticed."""

    def __init__(self, progress: Progress, total: int) -> None:
        self.progress = progress
        self.total = max(1, total)
        self.shown = 0.0

    def __call__(self, kind: str, value: int) -> None:
        if kind == "SIZE_EST":
            self.total = max(1, value)
        elif kind == "PROGRESS":
            share = min(1.0, value / self.total)
            if share >= self.shown + 0.02:  # the count can step back when a table splits
                self.shown = share
                self.progress(0.8 + 0.18 * share, "PDF: laying out pages")


class Story:
    """Builds the flowables, section by section."""

    def __init__(self, data: ReportData, width: float, progress: Progress) -> None:
        self.data = data
        self.width = width
        self.progress = progress
        self.card = data.scored.card
        self.chart_fraction = 0.0  # where the current step started, for progress in the charts

    def build(self, title: str, logo: bytes | None) -> list[Flowable]:
        parts: list[Flowable] = []
        steps = [
            ("Cover", lambda: self.cover(title, logo)),
            ("Executive summary", self.summary),
            ("About the assessment", self.about),
            ("Charts", self.charts),
            ("Scores per clause", self.clause_scores),
            ("Gap register", self.register),
            ("Action plan", self.plan),
            ("Appendices", self.appendices),
        ]
        for index, (name, step) in enumerate(steps):
            self.chart_fraction = 0.05 + 0.7 * index / len(steps)
            self.progress(self.chart_fraction, f"PDF: {name.lower()}")
            parts += step()
        self.progress(0.8, "PDF: laying out pages")
        return parts

    # Cover and summary ----------------------------------------------------------------------

    def cover(self, title: str, logo: bytes | None) -> list[Flowable]:
        detail = self.data.scored.detail
        record = detail.assessment
        parts: list[Flowable] = []
        if logo:
            image = Image(io.BytesIO(logo))
            scale = min(60 * mm / image.imageWidth, 30 * mm / image.imageHeight, 1.0 * mm)
            image.drawWidth, image.drawHeight = image.imageWidth * scale, image.imageHeight * scale
            image.hAlign = "LEFT"
            parts += [image, Spacer(1, 14 * mm)]
        else:
            parts.append(Spacer(1, 30 * mm))
        parts += [
            para(title, "cover-title"),
            para(detail.organisation.name, "cover-org"),
        ]
        lines = [
            ("Site", detail.site.name if detail.site else "—"),
            ("Assessment", record.title),
            ("Date", record.date.isoformat()),
            ("Assessor", record.assessor or "—"),
            ("Target maturity", f"{record.target_maturity} of 5"),
        ]
        if detail.organisation.address:
            lines.insert(1, ("Address", detail.organisation.address))
        rows = [[cell(label, "cell-bold"), cell(value)] for label, value in lines]
        parts += [Spacer(1, 8 * mm), table(rows, [40 * mm, self.width - 40 * mm], header=False)]
        verdict = self.card.verdict
        parts += [
            Spacer(1, 16 * mm),
            self.verdict_box(verdict.text, verdict.level),
            Spacer(1, 30 * mm),
            para(
                "This report compares the organisation's management system with the "
                "requirements of the standards named above, question by question, and proposes "
                "the actions that close the gaps. It is a self-assessment aid, not a "
                "certification audit.",
                "small",
            ),
            NextPageTemplate("body"),
            PageBreak(),
        ]
        return parts

    def verdict_box(self, text: str, level: str) -> Flowable:
        colour = {"not-ready": "#f4b6b6", "stage-1": "#fff2b3", "stage-2": "#cfe8cf"}[level]
        box = table(
            [[para(f"<b>{esc(text)}</b>", "body", markup=True)]],
            [self.width],
            header=False,
            extra=[
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(colour)),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
            ],
        )
        return box

    def summary(self) -> list[Flowable]:
        card = self.card
        parts: list[Flowable] = [para("Executive summary", "h1")]
        parts.append(self.verdict_box(card.verdict.text, card.verdict.level))
        parts.append(Spacer(1, 4 * mm))
        for standard in card.standards:
            parts.append(
                para(f"{standard.standard}:{standard.edition} — {standard.verdict.text}", "h3")
            )
            parts += [bullet(reason) for reason in standard.verdict.reasons]
        head = [
            "",
            "Score",
            "Complete",
            "Likely major",
            "Likely minor",
            "Opportunity",
            "Conforming",
        ]
        rows: list[list[Any]] = [[cell(h, "cell-head") for h in head]]
        for s in card.standards:
            rows.append(
                [
                    cell(f"{s.standard}:{s.edition}", "cell-bold"),
                    short(whole(s.score)),
                    short(f"{s.completion:.0f}%"),
                ]
                + [short(s.clause_findings.get(f, 0)) for f in rules.FINDINGS]
            )
        rows.append(
            [
                cell("Integrated", "cell-bold"),
                short(whole(card.score)),
                short(f"{card.completion:.0f}%"),
            ]
            + [
                short(sum(s.clause_findings.get(f, 0) for s in card.standards))
                for f in rules.FINDINGS
            ]
        )
        parts += [
            Spacer(1, 3 * mm),
            para("Key figures", "h2"),
            table(rows, [self.width * w for w in (0.22, 0.1, 0.12, 0.14, 0.14, 0.14, 0.14)]),
        ]
        parts.append(
            para(
                "Scores are weighted means of maturity (0-5) shown as 0-100; the integrated score "
                "is the mean of the standards' scores. Findings are counted per clause, as the "
                "verdict counts them (the worst finding of each lowest-level clause); the gap "
                "register lists them per question.",
                "small",
            )
        )
        gaps = card.gaps[:TOP_GAPS]
        if gaps:
            rows = [
                [
                    cell(h, "cell-head")
                    for h in (
                        "#",
                        "Standard",
                        "Clause",
                        "Question",
                        "Now",
                        "Target",
                        "Finding",
                        "Priority",
                    )
                ]
            ]
            for rank, g in enumerate(gaps, start=1):
                question = self.data.question(g)
                rows.append(
                    [
                        short(rank),
                        short(g.standard),
                        short(g.clause),
                        cell(clip(question.text, 110)),
                        short(g.maturity),
                        short(g.target),
                        short(g.finding),
                        short(f"{g.priority:g}"),
                    ]
                )
            widths = [0.04, 0.1, 0.08, 0.42, 0.06, 0.08, 0.12, 0.1]
            parts += [
                para(f"The {len(gaps)} most urgent gaps", "h2"),
                table(
                    rows, [self.width * w for w in widths], extra=_finding_colours(rows, column=6)
                ),
            ]
        parts.append(PageBreak())
        return parts

    def about(self) -> list[Flowable]:
        crosswalk = self.data.crosswalk
        if crosswalk is None or not crosswalk.introduction:
            return []
        parts: list[Flowable] = [para("Quality and environment: what this assessment covers", "h1")]
        for block in crosswalk.introduction:
            parts.append(para(block.heading, "h3"))
            parts.append(para(block.text))
            parts += [bullet(b, bold_head=True) for b in block.bullets]
        parts.append(PageBreak())
        return parts

    # Charts and scores ----------------------------------------------------------------------

    def chart(self, radar: Any, size_mm: float) -> Image:
        self.progress(self.chart_fraction, "PDF: charts")  # each takes a while: a cancel point
        jpeg = figure_jpeg(radar_figure(radar, self.data.systems))
        return Image(io.BytesIO(jpeg), width=size_mm * mm, height=size_mm * mm)

    def charts(self) -> list[Flowable]:
        card = self.card
        half = (self.width / mm - 6) / 2
        parts: list[Flowable] = [
            para("Maturity at a glance", "h1"),
            para(
                "Each axis runs from maturity 0 at the centre to 5 at the rim; the dashed line "
                "is the target. Harmonized sections group the same clauses in both standards."
            ),
            self.chart(sections_radar(card), min(130, self.width / mm)),
        ]
        per_standard = [self.chart(clauses_radar(card, s.pack_id), half) for s in card.standards]
        themed = [r for r in (themes_radar(card, s.pack_id) for s in card.standards) if r]
        parts += [PageBreak(), para("By clause and by principle", "h1")]
        parts += _side_by_side(per_standard, self.width)
        parts += _side_by_side([self.chart(r, half) for r in themed], self.width)
        parts.append(PageBreak())
        return parts

    def clause_scores(self) -> list[Flowable]:
        parts: list[Flowable] = [para("Scores per clause", "h1")]
        for standard in self.card.standards:
            clauses = [c for c in self.card.clauses if c.pack_id == standard.pack_id]
            rows: list[list[Any]] = [
                [cell(h, "cell-head") for h in ("Clause", "Title", "Score", "Complete", "Finding")]
            ]
            bands = []
            for c in clauses:
                indent = "  " * c.depth
                style = "cell-bold" if c.depth == 0 else "cell"
                rows.append(
                    [
                        short(indent + c.number),
                        cell(c.title, style),
                        short(whole(c.score)),
                        short(f"{c.completion:.0f}%"),
                        short(
                            c.finding + (" (systemic)" if c.systemic else "") if c.finding else "—"
                        ),
                    ]
                )
                if c.depth == 0:
                    bands.append(band_style(len(rows) - 1))
                    bands.append(
                        ("FONTNAME", (0, len(rows) - 1), (0, len(rows) - 1), f"{FONT}-Bold")
                    )
            parts.append(para(f"{standard.standard}:{standard.edition}", "h2"))
            parts.append(
                table(
                    rows,
                    [self.width * w for w in (0.12, 0.52, 0.09, 0.09, 0.18)],
                    extra=bands + _finding_colours(rows, column=4),
                )
            )
        parts.append(PageBreak())
        return parts

    def register(self) -> list[Flowable]:
        return RegisterSection(self.data, self.width).flowables()

    def plan(self) -> list[Flowable]:
        return PlanSection(self.data, self.width).flowables()

    # Appendices -----------------------------------------------------------------------------

    def appendices(self) -> list[Flowable]:
        parts: list[Flowable] = [para("Appendix A — How the scores are worked out", "h1")]
        for text in METHOD:
            parts.append(para(text))
        parts += [PageBreak(), para("Appendix B — Notes and evidence in full", "h1")]
        written = 0
        for result in self.card.questions:
            answer = self.data.answer(result.question_id)
            if not answer or not (
                answer.notes.strip()
                or answer.evidence.strip()
                or answer.justification.strip()
                or result.overridden
            ):
                continue
            written += 1
            parts.append(
                para(
                    f"<b>{esc(result.standard)} {esc(result.clause)} — "
                    f"{esc(result.question_id)}</b>",
                    "small",
                    markup=True,
                )
            )
            for label, value in (
                ("Not applicable because", answer.justification if answer.not_applicable else ""),
                ("Does not arise because", answer.justification if answer.does_not_arise else ""),
                (
                    f"The assessor's finding is {result.finding} (computed: "
                    f"{result.computed_finding}) because",
                    result.override_reason if result.overridden else "",
                ),
                ("Notes", answer.notes),
                ("Evidence", answer.evidence),
            ):
                if value.strip():
                    parts.append(para(f"<i>{label}:</i> {esc(value)}", "small", markup=True))
        if not written:
            parts.append(para("No notes or evidence were recorded.", "note"))
        parts += [PageBreak(), para("Appendix C — The standards and this report", "h1")]
        for pack in self.data.packs:
            parts += [para(pack.title, "h3"), para(pack.copyright, "small")]
        parts.append(
            para(
                "IMS Desk's questions, guidance and recommended actions are written in its own "
                "words. Findings are likely findings from a self-assessment; only a certification "
                "body's audit can raise nonconformities.",
                "small",
            )
        )
        return parts


METHOD = (
    "Each question is answered with a maturity level from 0 (not in place) to 5 (optimised); "
    "declared not applicable where the standard allows an exclusion of the whole requirement "
    "and the scope justifies it; or, for a requirement that applies only when a situation "
    "arises (customer property, early release...), recorded as not arising, with the reason. A "
    "question's score is its maturity divided by 5. Clause, section, standard and integrated "
    "scores are weighted means of the answered questions beneath them, shown from 0 to 100; "
    "the two standards weigh the same in the integrated score. Excused and unanswered "
    "questions are left out, and completion counts the questions answered or validly excused.",
    "Level 3 (implemented) is conformity, whatever the target. Below it an answer is a likely "
    "nonconformity: a likely major where a core requirement is absent (level 0), where "
    "mandatory documented information does not exist (level 0-1), or where every question of "
    "a clause sits at 0-1; otherwise a likely minor. From level 3 up to the target maturity (the "
    "client's ambition, settable per clause) it is an opportunity for improvement; at or above "
    "the target, conforming. Questions that reflect only a note in the standard are never more "
    "than an opportunity for improvement. Where the assessor judged a finding differently, "
    "their finding counts, and the register shows it with the computed one and the reason.",
    "Each gap has a priority of 10 × weight × levels to climb × 2 for a likely major (1 for a "
    "minor) × 1.5 where documented information is required. Ready for a Stage 1 audit: every "
    "question answered, the documented system and the mandatory documented information in "
    "place, and an internal audit and a management review carried out at least once. Ready for "
    "Stage 2: also no likely major, at least three months of records since go-live, a full "
    "internal audit and, for ISO 14001, compliance evaluated and in order. Likely minors do "
    "not prevent Stage 2; each needs a corrective-action plan.",
)


def bullet(text: str, bold_head: bool = False) -> Flowable:
    """A bulleted line; with ``bold_head``, the words before the first colon are bold."""
    head, colon, rest = text.partition(": ")
    if bold_head and colon and len(head) < 80:
        return para(f"<b>{esc(head)}:</b> {esc(rest)}", "bullet", markup=True, bullet="•")
    return para(text, "bullet", bullet="•")


def _finding_colours(rows: list[list[Any]], column: int) -> list[tuple]:
    commands = []
    for index, row in enumerate(rows[1:], start=1):
        value = row[column]
        text = value if isinstance(value, str) else getattr(value, "text", "")
        for finding, colour in FINDING_COLOURS.items():
            if text.startswith(finding):
                commands.append(
                    ("BACKGROUND", (column, index), (column, index), colors.HexColor(colour))
                )
    return commands


def _side_by_side(images: list[Image], width: float) -> list[Flowable]:
    parts: list[Flowable] = []
    for start in range(0, len(images), 2):
        pair = images[start : start + 2]
        parts.append(
            table(
                [pair],
                [width / 2] * len(pair),
                header=False,
                extra=[("LINEBELOW", (0, 0), (-1, -1), 0, colors.white)],
            )
        )
    return parts
