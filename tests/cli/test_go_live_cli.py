"""Recording when the management system went live, headless; it travels in exchange files."""

from __future__ import annotations

import json


def test_go_live_from_the_command_line_and_in_the_verdict(cli, tmp_path):
    run = cli("--db", "g.db", "new", "--organisation", "Acme", "--date", "2026-06-01",
              "--go-live", "2026-05-01")  # fmt: skip
    assert run.code == 0, run.stderr
    assessment = run.stdout.strip().splitlines()[-1]
    card = json.loads(cli("--db", "g.db", "score", assessment, "--json").stdout)
    reasons = " ".join(card["overall"]["reasons"])
    assert "at least 3 months of operation since go-live on 2026-05-01" in reasons

    changed = cli("--db", "g.db", "go-live", assessment, "2025-11-03")
    assert changed.code == 0 and "2025-11-03" in changed.stderr
    card = json.loads(cli("--db", "g.db", "score", assessment, "--json").stdout)
    assert "go-live" not in " ".join(card["overall"]["reasons"])

    exported = tmp_path / "a.json"
    assert cli("--db", "g.db", "export", assessment, "-o", str(exported)).code == 0
    assert json.loads(exported.read_text())["assessment"]["go_live"] == "2025-11-03"
    assert cli("--db", "other.db", "import", str(exported)).code == 0
    again = json.loads(cli("--db", "other.db", "score", assessment, "--json").stdout)
    assert "go-live" not in " ".join(again["overall"]["reasons"])

    cleared = cli("--db", "g.db", "go-live", assessment, "none")
    assert cleared.code == 0 and "not recorded" in cleared.stderr


def test_a_bad_go_live_date_is_one_clear_line(cli):
    run = cli("--db", "g.db", "new", "--organisation", "Acme")
    assessment = run.stdout.strip().splitlines()[-1]
    bad = cli("--db", "g.db", "go-live", assessment, "last spring")
    assert bad.code == 1
    assert "'last spring' is not a date; use YYYY-MM-DD or none." in bad.stderr
    assert "Traceback" not in bad.stderr
