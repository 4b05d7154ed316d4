"""The headless CLI through a real subprocess: exit codes, output and messages."""

from __future__ import annotations

import json
from pathlib import Path

from imsdesk import __version__, exchange, services
from imsdesk.storage import open_database
from tests.exchange.test_bad_files import ASSESSMENT_ID, VALID


def one_clear_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    assert lines[0].startswith("imsdesk: error: ")
    return lines[0]


def test_version(cli):
    run = cli("--version")
    assert run.code == 0
    assert run.stdout.strip() == f"IMS Desk {__version__}"


def test_usage_errors_exit_2(cli):
    assert cli("frobnicate").code == 2
    assert cli("assessments", "--no-such-option").code == 2
    assert cli("export", "abcd").code == 2  # -o is required


def test_assessments_json_on_a_new_database_from_the_environment(cli, tmp_path: Path):
    run = cli("assessments", "--json", env={"IMSDESK_DB": "try.db"})
    assert run.code == 0, run.stderr
    assert json.loads(run.stdout) == []
    assert (tmp_path / "try.db").is_file()


def test_default_database_is_in_the_user_data_folder(cli, isolated_user_folders: Path):
    run = cli("assessments")
    assert run.code == 0, run.stderr
    expected = isolated_user_folders / "xdg_data_home" / "imsdesk" / "imsdesk.sqlite3"
    assert expected.is_file()
    assert str(expected) in run.stdout


def test_assessments_lists_fields(cli, tmp_path: Path, db, assessment):
    services.save_answer(db, assessment.id, services.AnswerInput("9001-4.1-a", maturity=3))
    db.close()
    run = cli("--db", "test.sqlite3", "assessments", "--json")
    assert run.code == 0, run.stderr
    [row] = json.loads(run.stdout)
    assert row["id"] == str(assessment.id)
    assert row["organisation"] == "Acme Widgets Ltd"
    assert row["site"] == "Leeds plant"
    assert row["title"] == "Gap analysis 2026"
    assert row["date"] == "2026-03-02"
    assert row["status"] == "draft"
    assert row["answered"] == 1
    assert "progress" in row and "score" in row
    # The option also works after the command, and the table form names the assessment.
    table = cli("assessments", "--db", "test.sqlite3")
    assert table.code == 0
    assert "Gap analysis 2026" in table.stdout and str(assessment.id)[:8] in table.stdout


def test_export_import_round_trip_and_idempotence(cli, tmp_path: Path):
    source = tmp_path / "hand.json"
    source.write_text(json.dumps(VALID), "utf-8")
    first = cli("--db", "a.db", "import", "hand.json")
    assert first.code == 0, first.stderr
    assert first.stdout.strip().splitlines()[-1] == ASSESSMENT_ID
    assert "2 answers added, 0 updated, 0 kept" in first.stderr

    exported = cli("--db", "a.db", "export", ASSESSMENT_ID[:8], "-o", "out.json")
    assert exported.code == 0, exported.stderr
    written = json.loads((tmp_path / "out.json").read_text("utf-8"))
    for key in ("organisation", "site"):
        assert written[key] == VALID[key]
    # The fields a version-1 file may leave out are written with their defaults.
    assert written["assessment"] == VALID["assessment"] | {"predecessor_id": None, "go_live": None}
    assert sorted(written["answers"], key=lambda a: a["question_id"]) == [
        a | {"carried_over": False, "does_not_arise": False, "override": None}
        for a in VALID["answers"]
    ]

    into_b = cli("--db", "b.db", "import", "out.json")
    assert into_b.code == 0 and into_b.stdout.strip() == ASSESSMENT_ID
    again = cli("--db", "b.db", "import", "out.json")
    assert again.code == 0
    assert "0 answers added, 0 updated, 2 kept" in again.stderr
    listing = json.loads(cli("--db", "b.db", "assessments", "--json").stdout)
    assert [row["id"] for row in listing] == [ASSESSMENT_ID]


def test_bad_import_file_exits_1_with_one_line(cli, tmp_path: Path):
    (tmp_path / "bad.json").write_text('{"format": "imsdesk-assessment", "version": 1}', "utf-8")
    run = cli("--db", "a.db", "import", "bad.json")
    assert run.code == 1
    line = one_clear_line(run.stderr)
    assert "bad.json: $: the field 'organisation' is missing" in line
    assert run.stdout == ""


def test_missing_import_file(cli):
    run = cli("--db", "a.db", "import", "nowhere.json")
    assert run.code == 1
    assert "nowhere.json: no such file." in one_clear_line(run.stderr)


def test_unknown_assessment_id(cli):
    run = cli("--db", "a.db", "export", "0000000000", "-o", "x.json")
    assert run.code == 1
    assert "There is no assessment with the id 0000000000." in one_clear_line(run.stderr)


def test_unwritable_export_target(cli, tmp_path: Path, db, assessment):
    db.close()
    run = cli("--db", "test.sqlite3", "export", str(assessment.id), "-o", "missing/dir/x.json")
    assert run.code == 1
    assert "does not exist" in one_clear_line(run.stderr)
    assert not (tmp_path / "missing").exists()


def test_foreign_database_exits_1_untouched(cli, tmp_path: Path):
    path = tmp_path / "notes.db"
    path.write_text("not a database")
    run = cli("--db", "notes.db", "assessments")
    assert run.code == 1
    assert "is not an IMS Desk database" in one_clear_line(run.stderr)
    assert path.read_text() == "not a database"


def test_import_into_a_fresh_database_then_export_from_python(tmp_path: Path, cli):
    """The CLI and the library agree on the file."""
    (tmp_path / "hand.json").write_text(json.dumps(VALID), "utf-8")
    assert cli("--db", "c.db", "import", "hand.json").code == 0
    db = open_database(tmp_path / "c.db")
    try:
        document = exchange.export_document(db, ASSESSMENT_ID)
    finally:
        db.close()
    assert document["organisation"] == VALID["organisation"]


def test_import_rejects_answers_to_unknown_questions(cli, tmp_path: Path):
    document = json.loads(json.dumps(VALID))
    document["answers"][1]["question_id"] = "9001-4.1-zz"
    document["answers"].append(dict(document["answers"][0], question_id="14001-6.1.2-a"))
    (tmp_path / "odd.json").write_text(json.dumps(document), "utf-8")
    run = cli("--db", "a.db", "import", "odd.json")
    assert run.code == 1
    line = one_clear_line(run.stderr)
    assert "$.answers[1] 9001-4.1-zz; $.answers[2] 14001-6.1.2-a" in line
    assert "Nothing was imported" in line
    assert json.loads(cli("--db", "a.db", "assessments", "--json").stdout) == []


def test_import_needs_the_questionnaires_installed(cli, tmp_path: Path):
    document = json.loads(json.dumps(VALID))
    document["assessment"]["packs"] = [
        {"id": "acme-waste-check", "edition": "2026", "content_hash": "x"}
    ]
    (tmp_path / "custom.json").write_text(json.dumps(document), "utf-8")
    run = cli("--db", "a.db", "import", "custom.json")
    assert run.code == 1
    assert "not installed here: acme-waste-check (2026)" in one_clear_line(run.stderr)
    # With the pack installed the pins are honoured, and its question ids are checked.
    packs = tmp_path / "packs"
    packs.mkdir()
    (packs / "mini.yaml").write_text(
        (Path(__file__).resolve().parents[1] / "data" / "packs" / "mini-pack.yaml").read_text()
    )
    run = cli("--db", "a.db", "--questionnaires", "packs", "import", "custom.json")
    assert run.code == 1
    assert "9001-4.1-a" in one_clear_line(run.stderr)
