"""Loading the catalog: built-in and user packs side by side, bad files reported, pins checked."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from imsdesk import services
from imsdesk.catalog import load_catalog, load_pack, user_questionnaires_dir
from imsdesk.errors import InvalidInput
from imsdesk.services import AnswerInput, PackRef

MINI = Path(__file__).resolve().parents[1] / "data" / "packs" / "mini-pack.yaml"


def test_builtin_packs_load_without_problems():
    catalog = load_catalog()
    assert {p.id for p in catalog.packs} == {"iso9001-2015", "iso14001-2015"}
    assert all(p.builtin for p in catalog.packs)
    assert catalog.problems == ()
    assert catalog.crosswalk_for("iso9001-2015", "iso14001-2015") is not None


def test_user_folder_packs_load_beside_the_builtin_ones():
    folder = user_questionnaires_dir()
    folder.mkdir(parents=True)
    shutil.copy(MINI, folder / "waste.yaml")
    catalog = load_catalog()
    pack = catalog.pack("acme-waste-check")
    assert pack is not None and not pack.builtin
    assert pack.source == str(folder / "waste.yaml")
    assert len(catalog.packs) == 3


def test_extra_folder_and_a_bad_file_beside_a_good_one(tmp_path: Path):
    shutil.copy(MINI, tmp_path / "good.yaml")
    (tmp_path / "bad.yaml").write_text("format: imsdesk-questionnaire\nid: [oops\n")
    (tmp_path / "notes.txt").write_text("ignored: not a .yaml file")
    catalog = load_catalog([tmp_path])
    assert catalog.pack("acme-waste-check") is not None
    assert catalog.pack("iso9001-2015") is not None
    [problem] = catalog.problems
    assert problem.file == str(tmp_path / "bad.yaml")
    assert problem.line is not None and "YAML syntax error" in problem.message


def test_a_missing_extra_folder_is_reported(tmp_path: Path):
    catalog = load_catalog([tmp_path / "nowhere"])
    assert [str(p) for p in catalog.problems] == [f"{tmp_path / 'nowhere'}: no such folder"]
    assert len(catalog.packs) == 2


def test_a_pack_reusing_a_builtin_id_is_ignored(tmp_path: Path):
    text = MINI.read_text().replace("id: acme-waste-check", "id: iso9001-2015")
    (tmp_path / "clash.yaml").write_text(text)
    catalog = load_catalog([tmp_path])
    assert catalog.pack("iso9001-2015").builtin
    [problem] = catalog.problems
    assert "already used by" in problem.message and problem.line == 4


def test_content_hash_ignores_layout_but_not_content(tmp_path: Path):
    original = load_pack(MINI)
    relaid = tmp_path / "relaid.yaml"
    relaid.write_text("# a new comment\n" + MINI.read_text().replace("weight: 2", "weight:   2"))
    assert load_pack(relaid).content_hash == original.content_hash
    changed = tmp_path / "changed.yaml"
    changed.write_text(MINI.read_text().replace("weight: 2", "weight: 3"))
    assert load_pack(changed).content_hash != original.content_hash


def test_scope_reports_changed_and_missing_packs(tmp_path: Path):
    catalog = load_catalog()
    qms = catalog.pack("iso9001-2015")
    pinned = [
        PackRef(qms.id, qms.edition, "sha256:older"),
        PackRef("custom-pack", "1", "sha256:x"),
    ]
    scope = services.scope_of(pinned, catalog)
    assert [p.id for p in scope.packs] == ["iso9001-2015"]
    assert [r.pack_id for r in scope.changed] == ["iso9001-2015"]
    assert [r.pack_id for r in scope.missing] == ["custom-pack"]
    warnings = scope.warnings()
    assert "custom-pack (1) is not installed" in warnings[0]
    assert "iso9001-2015 changed since this assessment started" in warnings[1]


def test_pack_refs_pin_content_and_refuse_clashes(tmp_path: Path):
    catalog = load_catalog()
    refs = services.pack_refs(catalog, ["iso9001-2015", "iso14001-2015"])
    assert [r.content_hash for r in refs] == [
        catalog.pack("iso9001-2015").content_hash,
        catalog.pack("iso14001-2015").content_hash,
    ]
    with pytest.raises(InvalidInput, match="There is no questionnaire 'iso45001-2018'"):
        services.pack_refs(catalog, ["iso45001-2018"])
    clone = MINI.read_text().replace("id: acme-waste-check", "id: acme-waste-copy")
    (tmp_path / "copy.yaml").write_text(clone)
    shutil.copy(MINI, tmp_path / "waste.yaml")
    both = load_catalog([tmp_path])
    with pytest.raises(InvalidInput, match="use the same question ids"):
        services.pack_refs(both, ["acme-waste-check", "acme-waste-copy"])


def test_saving_checks_the_question_against_the_catalog(db):
    catalog = load_catalog()
    org = services.create_organisation(db, "Acme")
    assessment = services.create_assessment(
        db,
        org.id,
        title="T",
        date=dt.date(2026, 1, 1),
        packs=services.pack_refs(catalog, ["iso9001-2015"]),
    )
    services.save_answer(db, assessment.id, AnswerInput("9001-4.1-a", maturity=2), catalog)
    with pytest.raises(
        InvalidInput, match=re.escape("14001-4.1-a is not a question of this assessment")
    ):
        services.save_answer(db, assessment.id, AnswerInput("14001-4.1-a", maturity=2), catalog)
    with pytest.raises(InvalidInput, match=re.escape("9001-4.1-z")):
        services.save_answers(
            db,
            assessment.id,
            [AnswerInput("9001-4.2-a", maturity=1), AnswerInput("9001-4.1-z", maturity=1)],
            catalog,
        )
    # All or nothing: the valid answer of the refused batch was not saved.
    assert [a.question_id for a in services.load_assessment(db, assessment.id).answers] == [
        "9001-4.1-a"
    ]


def test_progress_counts_only_questions_of_the_packs(db):
    catalog = load_catalog()
    org = services.create_organisation(db, "Acme")
    assessment = services.create_assessment(
        db,
        org.id,
        title="T",
        date=dt.date(2026, 1, 1),
        packs=services.pack_refs(catalog, ["iso14001-2015"]),
    )
    ids = [q.id for q in catalog.pack("iso14001-2015").questions]
    half = len(ids) // 2
    services.save_answers(db, assessment.id, [AnswerInput(q, maturity=3) for q in ids[:half]])
    services.save_answer(db, assessment.id, AnswerInput("not-in-pack", maturity=3))
    [summary] = services.overview(db, catalog).assessments
    assert (summary.answered, summary.total) == (half, len(ids))
    assert summary.progress == round(100 * half / len(ids), 1)
