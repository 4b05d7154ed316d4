"""`imsdesk questionnaires`, `imsdesk validate` and the --questionnaires option."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"


def tsv(name: str) -> list[tuple[str, str]]:
    with (DATA / name).open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))[1:]
    return [(n, "" if t == "[untitled]" else t) for n, t in rows]


def test_questionnaires_json_lists_both_packs_with_every_clause(cli):
    run = cli("questionnaires", "--json")
    assert run.code == 0, run.stderr
    assert run.stderr == ""
    packs = {p["id"]: p for p in json.loads(run.stdout)}
    assert list(packs) == ["iso9001-2015", "iso14001-2015"]
    for pack_id, name, count in [
        ("iso9001-2015", "iso9001-2015-clauses.tsv", 263),
        ("iso14001-2015", "iso14001-2015-clauses.tsv", 155),
    ]:
        pack = packs[pack_id]
        assert pack["questions"] == count
        assert pack["edition"] == "2015"
        assert Path(pack["source"]).name == f"{pack_id}.yaml"
        assert [(c["number"], c["title"]) for c in pack["clauses"]] == tsv(name)
        top = {c["number"]: c["questions"] for c in pack["clauses"] if "." not in c["number"]}
        assert sum(top.values()) == count


def test_questionnaires_table(cli):
    run = cli("questionnaires")
    assert run.code == 0
    assert "iso9001-2015" in run.stdout and "263" in run.stdout


def test_extra_folder_and_bad_pack_warning(cli, tmp_path: Path):
    folder = tmp_path / "packs"
    folder.mkdir()
    shutil.copy(DATA / "packs" / "mini-pack.yaml", folder / "mini.yaml")
    (folder / "broken.yaml").write_text("format: imsdesk-questionnaire\n", "utf-8")
    run = cli("--questionnaires", "packs", "questionnaires", "--json")
    assert run.code == 0
    assert [p["id"] for p in json.loads(run.stdout)] == [
        "iso9001-2015",
        "iso14001-2015",
        "acme-waste-check",
    ]
    warnings = run.stderr.strip().splitlines()
    assert warnings and all(w.startswith("imsdesk: warning: ") for w in warnings)
    assert "broken.yaml:1: the field 'format_version' is missing" in warnings[0]
    assert "Traceback" not in run.stderr


def test_validate_accepts_the_shipped_packs(cli):
    from imsdesk.paths import questionnaires_dir

    files = sorted(str(p) for p in questionnaires_dir().glob("*.yaml"))
    run = cli("validate", *files)
    assert run.code == 0, run.stdout
    assert run.stdout == ""
    assert (
        run.stderr.count(": valid") == len(files) == 5
    )  # two packs, crosswalk, link library, topics


def test_validate_rejects_with_one_line_per_problem(cli, tmp_path: Path):
    good = DATA / "packs" / "mini-pack.yaml"
    bad = tmp_path / "bad.yaml"
    bad.write_text(good.read_text().replace("weight: 2", "weight: -2"), "utf-8")
    (tmp_path / "bin.yaml").write_bytes(b"\x00\x01\x02")
    run = cli("validate", str(good), "bad.yaml", "bin.yaml", "missing.yaml")
    assert run.code == 1
    assert run.stdout.splitlines() == [
        "bad.yaml:47: question waste-1.1-a: weight: -2 is out of range; it must be greater than 0",
        "bin.yaml: this is a binary file, not a YAML questionnaire",
        "missing.yaml: no such file",
    ]
    assert "Traceback" not in run.stderr


def test_validate_needs_a_file(cli):
    assert cli("validate").code == 2
