"""Writing both reports for the demo against plain openpyxl and reportlab in the same run.

    python benchmarks/bench_reports.py [ROUNDS]

The baseline writes the same rows (gap register and plan) with plain openpyxl, and the same rows
as one reportlab table (long text as wrapping paragraphs, as any readable report needs) with
one chart image; IMS Desk's reports add styling, the native Excel
chart, five radar charts, the register by section and the appendices. Target: at most 1.5 times
the baseline.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import tempfile
import time
from pathlib import Path

from imsdesk.catalog import load_catalog
from imsdesk.demo import create_demo
from imsdesk.planning import load_library
from imsdesk.services.reporting import ReportRequest, write_reports
from imsdesk.storage import open_database


def baseline(rows: list[list[object]], folder: Path) -> None:
    from xml.sax.saxutils import escape

    from matplotlib.figure import Figure
    from openpyxl import Workbook
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Table

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    workbook.save(folder / "plain.xlsx")
    figure = Figure(figsize=(5, 5))
    axes = figure.add_subplot(projection="polar")
    axes.plot([0, 1, 2, 3, 4, 5, 6, 0], [50, 60, 40, 70, 30, 55, 45, 50])
    png = io.BytesIO()
    figure.savefig(png, format="png", dpi=200)
    png.seek(0)
    doc = SimpleDocTemplate(str(folder / "plain.pdf"), pagesize=A4)
    style = getSampleStyleSheet()["BodyText"]
    style.fontSize, style.leading = 6, 7
    width = doc.width / max(len(r) for r in rows)
    # Long text must wrap to be readable at all: those cells are paragraphs, the rest plain.
    cells = [
        [
            Paragraph(escape(v), style)
            if isinstance(v, str) and len(v) > 12
            else ("" if v is None else str(v))
            for v in row
        ]
        for row in rows
    ]
    doc.build([Image(png, width=300, height=300), Table(cells, colWidths=width, repeatRows=1)])


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        catalog = load_catalog()
        db = open_database(folder / "bench.sqlite3")
        record = create_demo(db, catalog, load_library(), today=dt.date(2026, 3, 10))
        write_reports(db, catalog, record.id, ReportRequest(xlsx=folder / "warm.xlsx"))
        from openpyxl import load_workbook

        book = load_workbook(folder / "warm.xlsx")
        rows = [list(r) for ws in book.worksheets[1:] for r in ws.iter_rows(values_only=True)]
        baseline(rows, folder)  # warm up imports and fonts

        start = time.perf_counter()
        for _ in range(rounds):
            baseline(rows, folder)
        plain = (time.perf_counter() - start) / rounds
        request = ReportRequest(xlsx=folder / "r.xlsx", pdf=folder / "r.pdf")
        start = time.perf_counter()
        for _ in range(rounds):
            write_reports(db, catalog, record.id, request)
        ours = (time.perf_counter() - start) / rounds
        db.close()
    print(f"plain openpyxl + reportlab ({len(rows)} rows, one chart): {plain:.2f} s")
    print(f"IMS Desk workbook + PDF report:                     {ours:.2f} s")
    print(f"ratio: {ours / plain:.2f}  (target: at most 1.5)")


if __name__ == "__main__":
    main()
