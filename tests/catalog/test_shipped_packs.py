"""The built-in ISO 9001 and ISO 14001 packs and the crosswalk: complete, correct, our own words."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from imsdesk.catalog import Catalog, Pack, load_catalog
from imsdesk.paths import questionnaires_dir

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    loaded = load_catalog(folders=[(questionnaires_dir(), True)])
    assert loaded.problems == ()
    return loaded


@pytest.fixture(scope="module")
def qms(catalog: Catalog) -> Pack:
    return catalog.pack("iso9001-2015")


@pytest.fixture(scope="module")
def ems(catalog: Catalog) -> Pack:
    return catalog.pack("iso14001-2015")


def clause_list(name: str) -> list[tuple[str, str]]:
    with (DATA / name).open(encoding="utf-8") as handle:
        reader = csv.reader(handle, delimiter="\t")
        next(reader)
        return [(number, title) for number, title in reader]


PACKS = [("qms", "iso9001-2015-clauses.tsv"), ("ems", "iso14001-2015-clauses.tsv")]


@pytest.mark.parametrize(("side", "tsv"), PACKS)
def test_every_clause_is_present_with_its_exact_title(side, tsv, request):
    pack: Pack = request.getfixturevalue(side)
    expected = clause_list(tsv)
    assert [c.number for c in pack.clauses] == [number for number, _ in expected]
    for (number, title), clause in zip(expected, pack.clauses, strict=True):
        if title == "[untitled]":
            assert clause.title == "", number
            assert 3 <= len(clause.description.split()) <= 10, number
        else:
            assert clause.title == title, number
            assert clause.description == "", number


def test_the_sixteen_untitled_iso9001_subclauses(qms: Pack):
    untitled = [c.number for c in qms.clauses if not c.title]
    assert untitled == [
        "4.4.1", "4.4.2", "6.1.1", "6.1.2", "6.2.1", "6.2.2", "7.5.3.1", "7.5.3.2",
        "8.2.3.1", "8.2.3.2", "8.7.1", "8.7.2", "9.2.1", "9.2.2", "10.2.1", "10.2.2",
    ]  # fmt: skip
    # Shown with our description in brackets, never as if it were ISO's title.
    assert qms.clause("8.7.1").label.startswith("[")


@pytest.mark.parametrize(("side", "low", "high"), [("qms", 230, 290), ("ems", 130, 175)])
def test_every_leaf_clause_is_asked_and_the_size_is_sane(side, low, high, request):
    pack: Pack = request.getfixturevalue(side)
    numbers = [c.number for c in pack.clauses]
    leaves = [c for c in pack.clauses if not any(n.startswith(c.number + ".") for n in numbers)]
    assert all(c.questions for c in leaves)
    assert all(not c.questions for c in pack.clauses if c not in leaves)
    assert low <= len(pack.questions) <= high


@pytest.mark.parametrize(("side", "prefix"), [("qms", "9001"), ("ems", "14001")])
def test_every_question_is_complete(side, prefix, request):
    pack: Pack = request.getfixturevalue(side)
    for q in pack.questions:
        assert re.fullmatch(rf"{prefix}-{re.escape(q.clause)}-[a-z]", q.id), q.id
        assert q.text.endswith("?"), q.id
        assert len(q.guidance.split()) >= 20, q.id
        assert 1 <= len(q.evidence) <= 6 and all(e.strip() for e in q.evidence), q.id
        assert len(q.action.split()) >= 6, q.id
        assert q.weight in (0.5, 1, 2), q.id
        assert q.documented_information in ("maintain", "retain", "none"), q.id
        if q.serves is not None:
            assert pack.theme(q.serves) is not None, q.id
    letters = [q.id for q in pack.questions]
    assert len(letters) == len(set(letters))


def test_iso9001_not_applicable_only_where_4_3_allows(qms: Pack):
    allowed = {q.id for q in qms.questions if q.na_allowed}
    assert {q.id for q in qms.questions if q.clause.startswith("8.3.")} <= allowed
    for qid in allowed:
        clause = qms.question(qid).clause
        assert clause.startswith("8.3.") or clause in ("8.5.3", "8.5.5", "7.1.5.2", "8.5.1"), qid
    # In 8.5.1 only the validation of special processes.
    in_851 = [qid for qid in allowed if qms.question(qid).clause == "8.5.1"]
    assert len(in_851) == 1
    special = qms.question(in_851[0])
    assert "validat" in special.guidance.lower()
    assert not any(q.na_allowed for q in qms.questions if q.section in "45691" and q.section != "8")


def test_iso14001_never_allows_not_applicable(ems: Pack):
    assert not any(q.na_allowed for q in ems.questions)


MANDATORY = {
    "iso9001-2015": {
        "maintain": {"4.3", "4.4.2", "5.2.2", "6.2.1", "8.1", "8.5.1"},
        "retain": {
            "4.4.2", "7.1.5.1", "7.1.5.2", "7.2", "8.1", "8.2.3.2", "8.3.2", "8.3.3", "8.3.4",
            "8.3.5", "8.3.6", "8.4.1", "8.5.2", "8.5.3", "8.5.6", "8.6", "8.7.2", "9.1.1",
            "9.2.2", "9.3.3", "10.2.2",
        },
    },
    "iso14001-2015": {
        "maintain": {"4.3", "5.2", "6.1.1", "6.1.2", "6.1.3", "8.1", "8.2"},
        "retain": {"6.2.1", "7.2", "7.4.1", "9.1.1", "9.1.2", "9.2.2", "9.3", "10.2"},
    },
}  # fmt: skip


@pytest.mark.parametrize("side", ["qms", "ems"])
def test_mandatory_documented_information_matches_the_domain_notes(side, request):
    pack: Pack = request.getfixturevalue(side)
    for kind in ("maintain", "retain"):
        marked = {q.clause for q in pack.questions if q.documented_information == kind}
        assert marked == MANDATORY[pack.id][kind], kind


@pytest.mark.parametrize("side", ["qms", "ems"])
def test_climate_change_amendment_is_asked(side, request):
    pack: Pack = request.getfixturevalue(side)
    for clause in ("4.1", "4.2"):
        assert any("climate" in q.text.lower() for q in pack.questions_under(clause)), clause
    assert "2024" in " ".join(pack.amendments)


def all_text(pack: Pack) -> list[str]:
    texts = [pack.copyright, *(level.description for level in pack.scale)]
    for q in pack.questions:
        texts += [q.text, q.guidance, q.action, *q.evidence]
    return texts


@pytest.mark.parametrize("side", ["qms", "ems"])
def test_own_words_and_correct_claims(side, request):
    pack: Pack = request.getfixturevalue(side)
    for text in all_text(pack):
        assert not re.search(r"\bshall\b", text, re.IGNORECASE), text
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            if "quality manual" in sentence.lower():
                assert re.search(r"\b(not|no longer)\b", sentence), sentence
    assert "ISO" in pack.copyright and "buy" in pack.copyright.lower()


@pytest.mark.parametrize("side", ["qms", "ems"])
def test_scale_is_complete(side, request):
    pack: Pack = request.getfixturevalue(side)
    assert [level.level for level in pack.scale] == [0, 1, 2, 3, 4, 5]
    assert [level.name for level in pack.scale] == [
        "Not in place", "Initial", "Planned and documented", "Implemented",
        "Measured and effective", "Optimised",
    ]  # fmt: skip


def test_themes_are_the_principles_and_the_aims(qms: Pack, ems: Pack):
    assert [t.name for t in qms.themes] == [
        "Customer focus", "Leadership", "Engagement of people", "Process approach",
        "Improvement", "Evidence-based decision making", "Relationship management",
    ]  # fmt: skip
    assert len(ems.themes) == 6
    for pack in (qms, ems):
        used = {q.serves for q in pack.questions if q.serves}
        assert used == {t.id for t in pack.themes}, pack.id


def test_crosswalk_pairs_by_subject(catalog: Catalog):
    crosswalk = catalog.crosswalk_for("iso9001-2015", "iso14001-2015")
    assert crosswalk is not None
    assert [s.number for s in crosswalk.sections] == ["4", "5", "6", "7", "8", "9", "10"]
    # Same number, different subject: never in one row.
    for number in ("8.2", "9.1.2", "6.1.2"):
        assert crosswalk.row_for("qms", number) is not crosswalk.row_for("ems", number), number
    assert crosswalk.row_for("ems", "8.2").kind == "ems-only"
    assert crosswalk.row_for("qms", "9.1.2").kind == "qms-only"
    # The QMS paragraph on planning actions pairs with the EMS's "Planning action".
    assert crosswalk.row_for("qms", "6.1.2") is crosswalk.row_for("ems", "6.1.4")
    for same in ("4.1", "4.2", "4.3", "5.3", "7.2", "7.3", "8.1", "9.1.1", "10.3"):
        assert crosswalk.row_for("qms", same) is crosswalk.row_for("ems", same), same
    for section in crosswalk.sections:
        for row in section.rows:
            if row.kind == "paired":
                assert len(row.contrast.split()) >= 12
            else:
                assert row.note


def test_introduction_is_correct(catalog: Catalog):
    crosswalk = catalog.crosswalk_for("iso9001-2015", "iso14001-2015")
    text = " ".join(f"{b.heading} {b.text} {' '.join(b.bullets)}" for b in crosswalk.introduction)
    for principle in (
        "Customer focus", "Leadership", "Engagement of people", "Process approach",
        "Improvement", "Evidence-based decision making", "Relationship management",
    ):  # fmt: skip
        assert principle in text
    for aim in ("pollution", "compliance obligations", "environmental performance", "life cycle"):
        assert aim in text.lower().replace("life-cycle", "life cycle")
    assert "does not require a quality manual" in text
    assert "climate" in text.lower()


# What the scoring needs from the packs: notes, proof of audits and reviews, conditions.
NOTE_ONLY = {"9001-4.2-c", "9001-7.1.4-b", "14001-4.2-c"}
PROVES = {
    "iso9001-2015": {
        "audit": {"9001-9.2.1-a", "9001-9.2.2-h"},
        "review": {"9001-9.3.1-a", "9001-9.3.3-c"},
        "exclusions": {"9001-4.3-b"},
    },
    "iso14001-2015": {
        "audit": {"14001-9.2.1-a", "14001-9.2.2-e"},
        "review": {"14001-9.3-a", "14001-9.3-e"},
        "compliance": {"14001-9.1.2-b", "14001-9.1.2-c", "14001-9.1.2-e"},
    },
}


@pytest.mark.parametrize("side", ["qms", "ems"])
def test_note_only_questions_are_the_notes_of_the_standard(side, request):
    pack: Pack = request.getfixturevalue(side)
    notes = {q.id for q in pack.questions if q.note_only}
    prefix = pack.id.removeprefix("iso").split("-")[0] + "-"
    assert notes == {qid for qid in NOTE_ONLY if qid.startswith(prefix)}
    assert {q.basis for q in pack.questions} == {"requirement", "note"}
    # The 2024 climate sentence of 4.2 is a note; the one of 4.1 is a requirement.
    assert all(q.note_only for q in pack.questions_under("4.2") if "climate" in q.text.lower())
    assert not any(q.note_only for q in pack.questions_under("4.1"))
    for qid in notes:
        assert "note" in pack.question(qid).guidance.lower(), qid
        assert not pack.question(qid).mandatory_documented_information, qid


@pytest.mark.parametrize("side", ["qms", "ems"])
def test_proof_of_audit_review_and_compliance(side, request):
    pack: Pack = request.getfixturevalue(side)
    marked: dict[str, set[str]] = {}
    for q in pack.questions:
        if q.proves:
            marked.setdefault(q.proves, set()).add(q.id)
    assert marked == PROVES[pack.id]
    where = {"audit": "9.2", "review": "9.3", "compliance": "9.1.2", "exclusions": "4.3"}
    for q in pack.questions:
        if q.proves:
            assert q.clause == where[q.proves] or q.clause.startswith(where[q.proves] + ".")
            assert not q.conditional and not q.note_only and not q.na_allowed, q.id
    # Each proof has a question that it happened and a record of it.
    for proves, ids in PROVES[pack.id].items():
        if proves == "exclusions":  # one question: where the scope states and justifies them
            continue
        kinds = {pack.question(qid).documented_information for qid in ids}
        assert kinds == {"none", "retain"}, proves


@pytest.mark.parametrize("side", ["qms", "ems"])
def test_questions_with_their_own_levels_describe_conformity(side, request):
    """Yes/no requirements have no natural 0-5 scale: the pack says what 1, 3 and 5 look like
    for them, and always what conformity (level 3) looks like."""
    pack: Pack = request.getfixturevalue(side)
    described = [q for q in pack.questions if q.levels]
    assert len(described) >= 30
    for q in described:
        levels = [x.level for x in q.levels]
        assert {1, 3, 5} <= set(levels) and levels == sorted(set(levels)), q.id
        assert all(len(x.description.split()) >= 4 for x in q.levels), q.id
        assert (q.level_description(3) and not q.level_description(2)) or 2 in levels, q.id


@pytest.mark.parametrize("side", ["qms", "ems"])
def test_conditional_questions_say_when_they_arise(side, request):
    pack: Pack = request.getfixturevalue(side)
    conditional = [q for q in pack.questions if q.conditional]
    assert conditional
    for q in conditional:
        assert "arise" in q.guidance, q.id
        assert q.section == "8" or q.clause in ("7.1.5.2", "9.3"), q.id
        assert not q.note_only, q.id
    if pack.id == "iso14001-2015":
        # Emergency arrangements are tested whether or not an emergency ever happened.
        assert not pack.question("14001-8.2-d").conditional
        assert {q.id for q in conditional} == {"14001-8.2-c", "14001-8.2-h", "14001-9.3-f"}


def test_iso9001_conditional_requirements(qms: Pack):
    for clause in ("8.2.4", "8.5.3", "8.5.6", "8.7.1", "8.7.2"):
        assert all(q.conditional for q in qms.questions_under(clause)), clause
    for qid in ("9001-8.2.1-e", "9001-8.5.2-c", "9001-8.6-b", "9001-8.6-d"):
        assert qms.question(qid).conditional, qid
    assert not qms.question("9001-8.6-a").conditional


def test_emergencies_are_asked_once_where_each_belongs(ems: Pack):
    def asks(pattern: str) -> list[str]:
        return [q.id for q in ems.questions if re.search(pattern, q.text, re.I)]

    # Identified under 6.1.1; reflected in the aspects under 6.1.2; prepared for under 8.2.
    assert asks(r"which potential emergenc") == ["14001-6.1.1-c"]
    assert [q.id for q in ems.questions_under("6.1.2") if "emergenc" in q.text.lower()] == [
        "14001-6.1.2-e"
    ]
    assert not any("emergenc" in q.text.lower() for q in ems.questions_under("6.1.4"))
    assert "6.1.1" in ems.question("14001-8.2-b").text
    with pytest.raises(KeyError):
        ems.question("14001-8.2-a")  # removed: it asked 6.1.1-c again


def test_ems_management_review_outputs_are_asked(ems: Pack):
    text = " ".join(q.text.lower() for q in ems.questions_under("9.3"))
    for output in ("objective is not being achieved", "business processes", "strategic direction"):
        assert output in text, output


@pytest.mark.parametrize("side", ["qms", "ems"])
def test_stage_1_expects_audits_and_reviews_planned_and_performed(side, request):
    pack: Pack = request.getfixturevalue(side)
    for q in pack.questions:
        for text in (q.text, q.guidance, q.action):
            assert not re.search(r"before (the )?stage 1", text, re.I), q.id
    for qid in PROVES[pack.id]["audit"] | PROVES[pack.id]["review"]:
        guidance = pack.question(qid).guidance
        if pack.question(qid).documented_information == "none":
            assert "Stage 1" in guidance and "Stage 2" in guidance, qid


def test_a_young_ems_is_not_asked_for_multi_year_trends(ems: Pack):
    guidance = ems.question("14001-10.3-a").guidance.lower()
    assert "baseline" in guidance and "go-live" in guidance
