"""`imsdesk report --footer TEXT`: the consultant's line on the PDF's body pages, as text."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

FOOTER = "Smith <b>Quality</b> & Partners · =1+1"


def test_report_footer_option(cli, tmp_path: Path):
    demo_id = cli("--db", "r.db", "demo").stdout.strip().splitlines()[-1]
    run = cli("--db", "r.db", "report", demo_id, "--pdf", "r.pdf", "--footer", FOOTER)
    assert run.code == 0, run.stderr
    pages = PdfReader(tmp_path / "r.pdf").pages
    assert FOOTER not in pages[0].extract_text().splitlines()  # not on the cover
    for page in (pages[1], pages[-1]):
        lines = page.extract_text().splitlines()
        assert FOOTER in lines
        assert any(line.startswith("Prepared with IMS Desk on ") for line in lines)


def test_the_option_is_in_the_help(cli):
    run = cli("report", "--help")
    assert run.code == 0 and "--footer TEXT" in run.stdout
