"""new, answer, next-cycle, finalise, reopen and delete through a real subprocess."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from imsdesk import services
from imsdesk.storage import open_database
from tests.cli.test_cli import one_clear_line

DB = ("--db", "cli.sqlite3")


def listing(cli) -> list[dict]:
    run = cli(*DB, "assessments", "--json")
    assert run.code == 0, run.stderr
    return json.loads(run.stdout)


def created_id(run) -> str:
    assert run.code == 0, run.stderr
    return run.stdout.strip().splitlines()[-1]


@pytest.fixture
def started(cli) -> str:
    run = cli(*DB, "new", "--organisation", "Handmade Ltd", "--site", "Workshop",
              "--date", "2026-03-02", "--assessor", "P. Consultant")  # fmt: skip
    assert run.stderr.strip() == (
        "Started 'Gap analysis 2026' of Handmade Ltd (Workshop) on 2026-03-02: "
        "iso9001-2015 + iso14001-2015."
    )
    return created_id(run)


def stored_answer(tmp_path: Path, assessment_id: str, question_id: str):
    with open_database(tmp_path / DB[1]) as db:
        return services.load_assessment(db, assessment_id).answer_for(question_id)


def test_new_creates_the_organisation_and_site_once(cli, started):
    [row] = listing(cli)
    assert row["id"] == started
    assert (row["organisation"], row["site"], row["title"], row["date"]) == (
        "Handmade Ltd", "Workshop", "Gap analysis 2026", "2026-03-02",
    )  # fmt: skip
    assert (row["assessor"], row["status"], row["questions"], row["answered"]) == (
        "P. Consultant", "draft", 418, 0,
    )  # fmt: skip
    again = created_id(
        cli(*DB, "new", "--organisation", "handmade ltd", "--site", "workshop",
            "--scope", "ems", "--title", "EMS check", "--target", "4")
    )  # fmt: skip
    rows = {r["id"]: r for r in listing(cli)}
    assert rows[again]["organisation_id"] == rows[started]["organisation_id"]
    assert rows[again]["site"] == "Workshop"
    assert [p["id"] for p in rows[again]["packs"]] == ["iso14001-2015"]
    assert rows[again]["title"] == "EMS check"


def test_new_refuses_bad_input(cli):
    run = cli(*DB, "new", "--organisation", "Acme", "--target", "9")
    assert run.code == 1
    assert one_clear_line(run.stderr) == "imsdesk: error: Maturity 9 is out of range; use 0 to 5."
    run = cli(*DB, "new", "--organisation", " ")
    assert "The organisation name cannot be empty." in one_clear_line(run.stderr)
    run = cli(*DB, "new", "--organisation", "Acme", "--date", "2026-02-30")
    assert run.code == 2 and "'2026-02-30' is not a date; use YYYY-MM-DD" in run.stderr
    run = cli(*DB, "new", "--organisation", "Acme", "--scope", "iso")
    assert run.code == 2
    assert listing(cli) == []


def test_answer_then_the_listing_shows_progress_and_score(cli, started):
    run = cli(*DB, "answer", started[:8], "9001-4.1-a", "3", "--note", "Board minutes seen")
    assert run.code == 0, run.stderr
    assert run.stderr.strip() == "Saved 9001-4.1-a: maturity 3."
    [row] = listing(cli)
    assert (row["answered"], row["questions"], row["progress"]) == (1, 418, 0.2)
    assert row["score"] == 60.0
    assert row["verdict"].startswith("Not ready")


def test_answer_keeps_what_is_not_given(cli, tmp_path, started):
    assert cli(*DB, "answer", started, "9001-8.3.1-a", "2", "--note", "n1").code == 0
    assert cli(*DB, "answer", started, "9001-8.3.1-a", "-", "--evidence", "e1").code == 0
    answer = stored_answer(tmp_path, started, "9001-8.3.1-a")
    assert (answer.maturity, answer.notes, answer.evidence) == (2, "n1", "e1")

    run = cli(*DB, "answer", started, "9001-8.3.1-a", "-", "--na", "We build to print only")
    assert run.stderr.strip() == "Saved 9001-8.3.1-a: not applicable (We build to print only)."
    answer = stored_answer(tmp_path, started, "9001-8.3.1-a")
    assert (answer.maturity, answer.not_applicable, answer.notes) == (None, True, "n1")

    assert cli(*DB, "answer", started, "9001-8.3.1-a", "4").code == 0  # a level clears N/A
    answer = stored_answer(tmp_path, started, "9001-8.3.1-a")
    assert (answer.maturity, answer.not_applicable, answer.evidence) == (4, False, "e1")


ANSWER_ERRORS = [
        (("9001-99.9-z", "3"), "9001-99.9-z is not a question of 'Gap analysis 2026' of Handmade "
                               "Ltd (Workshop), which uses the questionnaires iso9001-2015, "
                               "iso14001-2015; 'imsdesk questionnaires' lists them."),
        (("9001-4.1-a", "6"), "'6' is not a maturity level; use 0 to 5, or - to keep the stored one."),
        (("9001-4.1-a", "high"), "'high' is not a maturity level; use 0 to 5, or - to keep the stored one."),
        (("9001-4.1-a", "-", "--na", "Not our business"),
         "9001-4.1-a cannot be marked not applicable: ISO 9001 requires it of every organisation; "
         "give a LEVEL 0-5 instead."),
        (("9001-8.3.1-a", "-", "--na", "  "),
         "--na needs a justification of a few words: say why 9001-8.3.1-a does not apply to "
         "Handmade Ltd."),
        (("9001-8.3.1-a", "-", "--na", "x"),
         "--na needs a justification of a few words: say why 9001-8.3.1-a does not apply to "
         "Handmade Ltd."),
        (("9001-4.1-a", "-", "--does-not-arise", "Nothing happened this year"),
         "9001-4.1-a applies whether or not a particular situation arises; give a LEVEL 0-5 "
         "instead."),
        (("9001-8.5.3-c", "-", "--does-not-arise", "none"),
         "--does-not-arise needs a reason of a few words: say why the situation has not come up "
         "at Handmade Ltd."),
        (("9001-8.5.3-c", "2", "--does-not-arise", "No customer property this year"),
         "A situation that does not arise has no maturity and is not an exclusion; give - as "
         "LEVEL and no --na with --does-not-arise."),
        (("9001-4.1-a", "2", "--override", "minor"),
         "--override needs --reason with a few words an auditor would accept, e.g. --reason "
         "\"records exist but are kept by the customer\"."),
        (("9001-4.1-a", "-", "--override", "minor", "--reason", "The board discusses it monthly"),
         "9001-4.1-a has no maturity to judge; answer it with a LEVEL before you override its "
         "finding."),
        (("9001-4.2-c", "1", "--override", "major", "--reason", "A customer asked for carbon data"),
         "9001-4.2-c reflects a NOTE in the standard, not a requirement: it cannot be a "
         "nonconformity; override to opportunity or conforming."),
        (("9001-8.3.1-a", "2", "--na", "Build to print"),
         "A question marked not applicable has no maturity; give - as LEVEL with --na."),
]  # fmt: skip


def test_does_not_arise_and_an_override_are_saved_and_scored(cli, started, tmp_path):
    """A conditional requirement whose situation has not come up is complete without a finding;
    an assessor's override replaces the computed finding and says so."""
    reason = "No customer property was lost or damaged in 2026"
    run = cli(*DB, "answer", started, "9001-8.5.3-c", "-", "--does-not-arise", reason)
    assert run.code == 0, run.stderr
    assert run.stderr.strip() == f"Saved 9001-8.5.3-c: does not arise ({reason})."
    why = "Board minutes show the context is reviewed, only the register lags"
    run = cli(*DB, "answer", started, "9001-4.1-a", "0", "--override", "minor", "--reason", why)
    assert run.code == 0, run.stderr
    assert "finding set by the assessor to likely minor" in run.stderr
    score = json.loads(cli(*DB, "score", started, "--json").stdout)
    questions = {q["id"]: q for q in score["questions"]}
    assert questions["9001-8.5.3-c"]["status"] == "does not arise"
    assert questions["9001-8.5.3-c"]["finding"] is None
    judged = questions["9001-4.1-a"]
    assert judged["finding"] == "likely minor"
    assert judged["override"] == {"computed": "likely major", "reason": why}
    assert cli(*DB, "answer", started, "9001-4.1-a", "-", "--clear-override").code == 0
    score = json.loads(cli(*DB, "score", started, "--json").stdout)
    again = next(q for q in score["questions"] if q["id"] == "9001-4.1-a")
    assert (again["finding"], again["override"]) == ("likely major", None)


def test_answer_errors_are_one_clear_line(cli, started):
    for arguments, message in ANSWER_ERRORS:
        run = cli(*DB, "answer", started, *arguments)
        assert run.code == 1
        assert one_clear_line(run.stderr) == f"imsdesk: error: {message}"
    assert listing(cli)[0]["answered"] == 0


def test_a_final_assessment_refuses_answers_until_reopened(cli, started):
    run = cli(*DB, "finalise", started[:8])
    assert run.code == 0 and "is final: its answers are locked" in run.stderr
    assert listing(cli)[0]["status"] == "final"
    run = cli(*DB, "answer", started[:8], "9001-4.1-a", "3")
    assert run.code == 1
    assert one_clear_line(run.stderr) == (
        f"imsdesk: error: 'Gap analysis 2026' of Handmade Ltd (Workshop) is final; reopen it with "
        f"'imsdesk reopen {started[:8]}' to change its answers."
    )
    assert cli(*DB, "reopen", started[:8]).code == 0
    assert listing(cli)[0]["status"] == "draft"
    assert cli(*DB, "answer", started[:8], "9001-4.1-a", "3").code == 0


def test_next_cycle_prints_the_new_id_last(cli, tmp_path, started):
    assert cli(*DB, "answer", started, "9001-4.1-a", "3").code == 0
    run = cli(*DB, "next-cycle", started[:8], "--date", "2027-03-01")
    new = created_id(run)
    assert "Started 'Gap analysis 2027' of Handmade Ltd (Workshop) on 2027-03-01" in run.stderr
    rows = {r["id"]: r for r in listing(cli)}
    assert rows[new]["predecessor_id"] == started
    assert rows[started]["predecessor_id"] is None
    assert (rows[new]["answered"], rows[new]["status"]) == (1, "draft")
    assert stored_answer(tmp_path, new, "9001-4.1-a").carried_over is True
    titled = created_id(cli(*DB, "next-cycle", new, "--title", "Surveillance 2028"))
    assert {r["id"]: r for r in listing(cli)}[titled]["title"] == "Surveillance 2028"


def test_unknown_assessment_ids(cli):
    for command in (("answer", "abcdef12", "9001-4.1-a", "3"), ("finalise", "abcdef12"),
                    ("reopen", "abcdef12"), ("next-cycle", "abcdef12"),
                    ("delete", "abcdef12", "--yes")):  # fmt: skip
        run = cli(*DB, *command)
        assert run.code == 1
        assert one_clear_line(run.stderr) == (
            "imsdesk: error: There is no assessment with the id abcdef12."
        )


def _delete(tmp_path: Path, assessment_id: str, stdin) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "imsdesk", *DB, "delete", assessment_id],
        cwd=tmp_path, stdin=stdin, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_delete_without_yes_refuses_when_it_cannot_ask(cli, tmp_path, started):
    run = _delete(tmp_path, started, subprocess.DEVNULL)
    assert run.returncode == 1
    assert one_clear_line(run.stderr) == (
        "imsdesk: error: Deleting 'Gap analysis 2026' of Handmade Ltd (Workshop) cannot be undone "
        "here; add --yes to delete it without being asked."
    )
    assert len(listing(cli)) == 1
    run = cli(*DB, "delete", started[:8], "--yes")
    assert run.code == 0
    assert run.stderr.strip() == "Deleted 'Gap analysis 2026' of Handmade Ltd (Workshop)."
    assert listing(cli) == []


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_delete_asks_at_a_terminal(cli, tmp_path, started):
    assert cli(*DB, "answer", started, "9001-4.1-a", "3").code == 0
    for reply, deleted in (("n\n", False), ("\n", False), ("y\n", True)):
        controller, terminal = pty.openpty()
        try:
            os.write(
                controller, reply.encode()
            )  # typed ahead; the terminal keeps it for the prompt
            run = _delete(tmp_path, started, terminal)
        finally:
            os.close(terminal)
            os.close(controller)
        assert "Delete 'Gap analysis 2026' of Handmade Ltd with 1 answers? [y/N]" in run.stderr
        assert run.returncode == (0 if deleted else 1)
        assert ("Nothing was deleted." in run.stderr) is not deleted
    assert listing(cli) == []
