"""The PDF's building blocks: a Unicode font, styles, page templates, "page X of Y", and helpers
that put user text into paragraphs literally (escaped, never read as markup)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Table, TableStyle

from imsdesk.reports.data import printable
from imsdesk.reports.style import BAND_FILL, HEADER_FILL, QMS_COLOUR

PAPERS = {"a4": A4, "letter": LETTER}
FONT = "DejaVuSans"
MARGIN = 18 * mm


@functools.cache
def register_fonts() -> None:
    """DejaVu Sans (shipped with matplotlib) covers Latin, Greek, Cyrillic, ≥ and CO₂."""
    import matplotlib

    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    faces = {
        FONT: "DejaVuSans.ttf",
        f"{FONT}-Bold": "DejaVuSans-Bold.ttf",
        f"{FONT}-Oblique": "DejaVuSans-Oblique.ttf",
        f"{FONT}-BoldOblique": "DejaVuSans-BoldOblique.ttf",
    }
    for name, file in faces.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    pdfmetrics.registerFontFamily(
        FONT,
        normal=FONT,
        bold=f"{FONT}-Bold",
        italic=f"{FONT}-Oblique",
        boldItalic=f"{FONT}-BoldOblique",
    )


@functools.cache
def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    blue = colors.HexColor(QMS_COLOUR)
    base = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=13, spaceAfter=4)
    return {
        "body": base,
        "small": ParagraphStyle("small", base, fontSize=8, leading=10, spaceAfter=2),
        "cell": ParagraphStyle("cell", base, fontSize=7.8, leading=9.6, spaceAfter=0),
        "cell-bold": ParagraphStyle(
            "cell-bold", base, fontSize=7.8, leading=9.6, spaceAfter=0, fontName=f"{FONT}-Bold"
        ),
        "cell-head": ParagraphStyle(
            "cell-head",
            base,
            fontSize=7.8,
            leading=9.6,
            spaceAfter=0,
            fontName=f"{FONT}-Bold",
            textColor=colors.white,
        ),
        "note": ParagraphStyle(
            "note",
            base,
            fontSize=8,
            leading=10.4,
            textColor=colors.HexColor("#555555"),
            fontName=f"{FONT}-Oblique",
        ),
        "h1": ParagraphStyle(
            "h1",
            base,
            fontName=f"{FONT}-Bold",
            fontSize=16,
            leading=20,
            textColor=blue,
            spaceBefore=6,
            spaceAfter=8,
        ),
        "h2": ParagraphStyle(
            "h2",
            base,
            fontName=f"{FONT}-Bold",
            fontSize=12,
            leading=15,
            textColor=blue,
            spaceBefore=10,
            spaceAfter=4,
        ),
        "h3": ParagraphStyle(
            "h3",
            base,
            fontName=f"{FONT}-Bold",
            fontSize=10,
            leading=13,
            spaceBefore=6,
            spaceAfter=3,
        ),
        "cover-title": ParagraphStyle(
            "cover-title",
            base,
            fontName=f"{FONT}-Bold",
            fontSize=24,
            leading=30,
            textColor=blue,
            spaceAfter=14,
        ),
        "cover-org": ParagraphStyle(
            "cover-org", base, fontName=f"{FONT}-Bold", fontSize=18, leading=23, spaceAfter=6
        ),
        "cover": ParagraphStyle("cover", base, fontSize=11, leading=15),
        "bullet": ParagraphStyle("bullet", base, leftIndent=12, bulletIndent=2, spaceAfter=2),
        "right": ParagraphStyle("right", base, alignment=TA_RIGHT),
    }


def esc(value: object) -> str:
    """User (or pack) text for a Paragraph: escaped markup, kept line breaks."""
    return escape(printable(str(value))).replace("\n", "<br/>")


def para(
    value: object, style: str = "body", markup: bool = False, bullet: str | None = None
) -> Paragraph:
    """A paragraph of literal text; ``markup=True`` only for text IMS Desk itself builds."""
    return Paragraph(str(value) if markup else esc(value), styles()[style], bulletText=bullet)


def cell(value: object, style: str = "cell") -> Paragraph:
    return para("" if value is None else value, style)


def short(value: object) -> str:
    """A short value (number, date, status) drawn as plain text: no wrapping to work out."""
    return "" if value is None else printable(str(value))


def whole(value: float | None) -> str:
    """A score or priority as a whole number, or a dash where there is none."""
    return "—" if value is None else f"{value:.0f}"


def clip(value: str, limit: int) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


def table(
    rows: list[list[Any]],
    widths: list[float],
    header: bool = True,
    extra: list[tuple] | None = None,
) -> Table:
    """A table that may split across pages, rows included, with a repeated header row."""
    result = Table(rows, colWidths=widths, repeatRows=1 if header else 0, splitInRow=1)
    commands: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), 7.8),
        ("LEADING", (0, 0), (-1, -1), 9.6),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#bfbfbf")),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(HEADER_FILL)))
    commands += extra or []
    result.setStyle(TableStyle(commands))
    return result


def band_style(row: int) -> tuple:
    return ("BACKGROUND", (0, row), (-1, row), colors.HexColor(BAND_FILL))


def fit(text: str, font: str, size: float, width: float) -> str:
    """One line of literal text cut (with an ellipsis) to fit ``width`` points."""
    text = " ".join(printable(text).split())
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


FOOTER_Y = 10 * mm  # the footer's baseline; with the consultant's line, the lower one's
NOTE_Y = 13.2 * mm  # the consultant's line above it, level with the page number
FOOTER_GREY, NOTE_GREY = "#666666", "#404040"


class NumberedCanvas(Canvas):
    """Draws "page X of Y" once the total is known (pages are kept until save)."""

    def __init__(self, *args: Any, page_y: float = FOOTER_Y, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []
        self._page_y = page_y

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            if self._pageNumber > 1:
                self.setFont(FONT, 7.5)
                self.setFillColor(colors.HexColor(FOOTER_GREY))
                width = self._pagesize[0]
                self.drawRightString(
                    width - MARGIN, self._page_y, f"page {self._pageNumber} of {total}"
                )
            super().showPage()
        super().save()


class ReportDocument(BaseDocTemplate):
    """A cover page without header or footer, then body pages with both.

    The footer holds "Prepared with IMS Desk on DATE" and the page number; with a
    ``footer_note`` (the consultant's own line, drawn as plain text, never markup) that line
    comes first, level with the page number, and the IMS Desk line sits smaller beneath it.
    """

    def __init__(
        self,
        target: Any,
        paper: str,
        header_left: str,
        header_right: str,
        footer_left: str,
        footer_note: str = "",
        **kwargs: Any,
    ) -> None:
        size = PAPERS[paper]
        super().__init__(
            target,
            pagesize=size,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN + 4 * mm,
            bottomMargin=MARGIN,
            **kwargs,
        )
        self.header_left, self.header_right, self.footer_left = (
            header_left,
            header_right,
            footer_left,
        )
        self.footer_note = " ".join(printable(footer_note).split())
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body")
        self.addPageTemplates(
            [
                PageTemplate("cover", frames=[frame]),
                PageTemplate("body", frames=[frame], onPage=self._decorate),
            ]
        )

    def canvas_maker(self) -> Callable[..., Canvas]:
        """The canvas class for ``build``: the page number goes where the footer puts it."""
        return functools.partial(NumberedCanvas, page_y=NOTE_Y if self.footer_note else FOOTER_Y)

    def _decorate(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        width, height = self.pagesize
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(colors.HexColor(FOOTER_GREY))
        canvas.drawString(MARGIN, height - MARGIN + 2 * mm, clip(printable(self.header_left), 90))
        canvas.drawRightString(width - MARGIN, height - MARGIN + 2 * mm, self.header_right)
        canvas.setStrokeColor(colors.HexColor("#bfbfbf"))
        canvas.line(MARGIN, height - MARGIN, width - MARGIN, height - MARGIN)
        if self.footer_note:
            # Room up to the page number ("page 999 of 999") on the same line.
            room = width - 2 * MARGIN - pdfmetrics.stringWidth("page 999 of 999", FONT, 7.5)
            canvas.setFillColor(colors.HexColor(NOTE_GREY))
            canvas.drawString(MARGIN, NOTE_Y, fit(self.footer_note, FONT, 7.5, room - 6 * mm))
            canvas.setFont(FONT, 6.5)
            canvas.setFillColor(colors.HexColor(FOOTER_GREY))
        canvas.drawString(MARGIN, FOOTER_Y, self.footer_left)
        canvas.restoreState()
