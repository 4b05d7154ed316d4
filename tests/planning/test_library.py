"""The link library: the shipped templates, suggestions, and broken library files."""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import pytest

from imsdesk.catalog import load_catalog, user_questionnaires_dir, validate_files
from imsdesk.paths import questionnaires_dir
from imsdesk.planning import ObjectiveData, load_library, suggest
from imsdesk.planning.library import build_library_file

LIBRARY = questionnaires_dir() / "objective-links.yaml"


def quality(statement: str, kpi: str = "", category: str = "") -> ObjectiveData:
    return ObjectiveData(uuid.uuid4(), "quality", statement, category=category, kpi=kpi)


def test_shipped_library_loads_and_is_not_a_pack_problem():
    library = load_library()
    assert library.problems == ()
    assert len(library.templates) >= 8
    assert load_catalog().problems == ()


REQUIRED = [
    ("delivery", "transport"),
    ("defects", "landfill"),
    ("defects", "material"),
    ("complaints", "packaging"),
    ("suppliers", "supplier"),
    ("productivity", "energy"),
    ("satisfaction", "environmental information"),
    ("competence", "trained"),
]


@pytest.mark.parametrize(("category", "environmental_word"), REQUIRED)
def test_the_required_pairs_are_covered(category, environmental_word):
    library = load_library()
    found = [
        t
        for t in library.templates
        if t.category == category
        and environmental_word in f"{t.environmental.statement} {t.environmental.kpi}".lower()
    ]
    assert found, (category, environmental_word)


def test_template_clauses_exist_in_the_packs():
    catalog = load_catalog()
    packs = {"qms": catalog.pack("iso9001-2015"), "ems": catalog.pack("iso14001-2015")}
    for template in load_library().templates:
        for side, clause in template.clauses:
            assert packs[side].has_clause(clause), (template.id, side, clause)


@pytest.mark.parametrize(
    ("statement", "kpi", "category", "best"),
    [
        ("Deliver 97% of orders on time and in full", "OTIF", "", "delivery-transport"),
        ("Reduce scrap and rework to 2.5%", "", "defects", "defects-landfill"),
        ("Improve OEE on the press brakes", "OEE", "", "productivity-energy"),
        ("Fewer supplier rejects", "ppm", "suppliers", "suppliers-environmental-criteria"),
        (
            "Raise customer satisfaction",
            "survey score",
            "",
            "satisfaction-environmental-information",
        ),
        ("Complete the training plan", "", "", "competence-environmental-awareness"),
    ],
)
def test_suggestions_rank_the_fitting_template_first(statement, kpi, category, best):
    found = suggest(quality(statement, kpi, category), load_library())
    assert found and found[0].template.id == best


def test_no_suggestion_for_an_unrelated_objective():
    assert suggest(quality("Win the Queen's Award for Enterprise"), load_library()) == []


def test_user_library_adds_templates(tmp_path: Path):
    folder = user_questionnaires_dir()
    folder.mkdir(parents=True)
    text = LIBRARY.read_text("utf-8").replace("id: delivery-transport", "id: my-delivery")
    (folder / "mine.yaml").write_text(text.replace("id: imsdesk-objective-links", "id: mine"))
    library = load_library()
    assert library.template("my-delivery") is not None
    assert library.template("delivery-transport") is not None


def test_broken_library_gives_file_line_messages(tmp_path: Path):
    text = LIBRARY.read_text("utf-8")
    broken = tmp_path / "links.yaml"
    broken.write_text(text.replace("    category: delivery\n", "    category: Delivery!\n", 1))
    from imsdesk.catalog.yamlsource import read_source

    lines = broken.read_text().splitlines()
    line = next(i for i, text in enumerate(lines, 1) if "Delivery!" in text)
    with pytest.raises(Exception) as info:
        build_library_file(read_source(broken), broken)
    assert str(info.value).startswith(f"{broken}:{line}: category: 'Delivery!' is not")
    # The same through validate_files with the planning validator, as `imsdesk validate` does.
    from imsdesk.planning.library import FORMAT

    problems = validate_files([broken], {FORMAT: build_library_file})
    assert [p.line for p in problems] == [line]
    duplicate = tmp_path / "dup.yaml"
    duplicate.write_text(text.replace("id: defects-landfill", "id: delivery-transport"))
    problems = validate_files([duplicate], {FORMAT: build_library_file})
    assert [p.message for p in problems] == ["template 'delivery-transport' appears twice"]
    shutil.rmtree(tmp_path)
