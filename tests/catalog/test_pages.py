"""The page layout shared by the wizard, the PDF register and `imsdesk progress`."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from imsdesk.catalog import (
    Catalog,
    Crosswalk,
    HarmonizedPage,
    Pack,
    harmonized_pages,
    load_catalog,
)
from imsdesk.paths import questionnaires_dir

MINI = Path(__file__).resolve().parents[1] / "data" / "packs" / "mini-pack.yaml"
QMS, EMS = "iso9001-2015", "iso14001-2015"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(folders=[(questionnaires_dir(), True), (MINI.parent, False)])


@pytest.fixture(scope="module")
def qms(catalog: Catalog) -> Pack:
    return catalog.pack(QMS)


@pytest.fixture(scope="module")
def ems(catalog: Catalog) -> Pack:
    return catalog.pack(EMS)


@pytest.fixture(scope="module")
def mini(catalog: Catalog) -> Pack:
    return catalog.pack("acme-waste-check")


def assert_complete_and_in_order(pages: tuple[HarmonizedPage, ...], packs: list[Pack]) -> None:
    """Every question of every pack on exactly one page, each pack's in pack order."""
    assert pages and all(page.question_ids for page in pages)
    assert len({page.key for page in pages}) == len(pages)
    for pack in packs:
        on_pages = [q for page in pages if (s := page.side(pack.id)) for q in s.questions]
        assert on_pages == [q.id for q in pack.questions], pack.id
        clauses = [c for page in pages if (s := page.side(pack.id)) for c in s.clauses]
        clauses += [
            c for p in pages for h in p.headings if (s := h.side(pack.id)) for c in s.clauses
        ]
        assert len(clauses) == len(set(clauses))
    every = [q for page in pages for q in page.question_ids]
    assert len(every) == len(set(every)) == sum(len(p.questions) for p in packs)


@pytest.mark.parametrize(
    "scope",
    [[QMS], [EMS], [QMS, EMS], [EMS, QMS], [QMS, EMS, "acme-waste-check"], ["acme-waste-check"]],
)
def test_every_question_is_on_exactly_one_page_in_pack_order(catalog, scope):
    packs = [catalog.pack(i) for i in scope]
    assert_complete_and_in_order(catalog.pages(packs), packs)


def test_the_integrated_layout_pairs_clauses_by_subject(catalog, qms, ems):
    pages = catalog.pages([ems, qms])  # the scope's order does not swap the sides
    by_key = {page.key: page for page in pages}
    first = pages[0]
    assert (first.key, first.number, first.section, first.section_title) == (
        "4.1", "4.1", "4", "Context of the organization",
    )  # fmt: skip
    assert first.title == qms.clause("4.1").title
    assert [s.system for s in first.sides] == ["qms", "ems"]
    assert first.contrast and not first.note
    # The question-less section row is kept as a heading, not a page of its own.
    assert [h.key for h in first.headings] == ["4"] and "4" not in by_key
    assert first.headings[0].contrast

    risk = by_key["6.1.2|6.1.4"]
    assert risk.number == "6.1.2 / 6.1.4"
    assert [(s.pack_id, s.clauses) for s in risk.sides] == [(QMS, ("6.1.2",)), (EMS, ("6.1.4",))]
    assert risk.question_ids == (
        *(q.id for q in qms.clause("6.1.2").questions),
        *(q.id for q in ems.clause("6.1.4").questions),
    )
    # 9.1.2 means different things in the two standards: two one-sided pages, apart.
    assert [s.pack_id for s in by_key["9.1.2|"].sides] == [QMS]
    assert [s.pack_id for s in by_key["|9.1.2"].sides] == [EMS]
    assert by_key["9.1.2|"].note and not by_key["9.1.2|"].contrast
    merged = by_key["4.4"].side(QMS)
    assert merged is not None and merged.clauses == ("4.4", "4.4.1", "4.4.2")
    sections = list(dict.fromkeys(page.section for page in pages))
    assert sections == ["4", "5", "6", "7", "8", "9", "10"]


def test_a_single_standard_gets_its_rows_without_the_comparison(catalog, qms):
    pages = catalog.pages([qms])
    assert all([s.pack_id for s in page.sides] == [QMS] for page in pages)
    assert all(not page.contrast and not page.note for page in pages)
    assert all(not h.contrast for page in pages for h in page.headings)
    assert [p.key for p in pages][:6] == ["4.1", "4.2", "4.3", "4.4", "5.1", "5.1.2|"]
    assert "6.1.2|6.1.4" in {p.key for p in pages}  # the same key as in the integrated layout


def test_crosswalk_for_packs(catalog, qms, ems, mini):
    builtin = catalog.crosswalk_for(QMS, EMS)
    assert builtin is not None
    assert catalog.crosswalk_for_packs([ems, mini, qms]) is builtin
    assert catalog.crosswalk_for_packs([ems]) is builtin
    assert catalog.crosswalk_for_packs([mini]) is None


def test_a_custom_pack_without_crosswalk_gets_a_page_per_two_level_clause(catalog, mini):
    pages = catalog.pages([mini])
    assert [(p.key, p.section, p.section_title, p.number, p.title) for p in pages] == [
        ("acme-waste-check:1.1", "1", "Storage", "1.1", "Waste areas"),
        ("acme-waste-check:2", "2", "Records", "2", "Records"),
    ]
    assert [h.number for h in pages[0].headings] == ["1"]
    assert pages[0].sides[0].system == "other"


def test_the_custom_pack_follows_the_crosswalk_pages_in_scope_order(catalog, qms, ems, mini):
    after = catalog.pages([qms, ems, mini])
    assert [p.key for p in after[-2:]] == ["acme-waste-check:1.1", "acme-waste-check:2"]
    before = catalog.pages([mini, qms, ems])
    assert [p.key for p in before[:2]] == ["acme-waste-check:1.1", "acme-waste-check:2"]


def test_without_a_crosswalk_subclauses_share_their_two_level_page(qms):
    pages = harmonized_pages([qms], None)
    assert_complete_and_in_order(pages, [qms])
    by_number = {p.number: p for p in pages}
    assert by_number["8.5"].sides[0].clauses == tuple(
        c.number for c in qms.clauses if c.number == "8.5" or c.number.startswith("8.5.")
    )
    assert "8" not in by_number  # a heading without questions of its own
    assert by_number["8.1"].headings[0].number == "8"
    assert by_number["8.1"].key == f"{QMS}:8.1"


def without_rows(crosswalk: Crosswalk, *firsts: tuple[str, str]) -> Crosswalk:
    """The crosswalk minus the rows whose first (QMS, EMS) clauses are given ("" for none)."""

    def keep(row) -> bool:
        return ((row.qms[:1] or ("",))[0], (row.ems[:1] or ("",))[0]) not in firsts

    return dataclasses.replace(
        crosswalk,
        sections=tuple(
            dataclasses.replace(s, rows=tuple(r for r in s.rows if keep(r)))
            for s in crosswalk.sections
        ),
        _by_clause={},
    )


def test_clauses_missing_from_the_crosswalk_get_their_own_page_in_place(catalog, qms, ems):
    crosswalk = without_rows(
        catalog.crosswalk_for(QMS, EMS), ("5.1.2", ""), ("", "6.1.3"), ("4.1", "4.1")
    )
    pages = harmonized_pages([qms, ems], crosswalk)
    assert_complete_and_in_order(pages, [qms, ems])
    keys = [p.key for p in pages]
    assert keys[:3] == [f"{QMS}:4.1", f"{EMS}:4.1", "4.2"]  # at the start of section 4
    assert keys[keys.index("5.1") + 1] == f"{QMS}:5.1.2"
    assert keys[keys.index("|6.1.2") + 1] == f"{EMS}:6.1.3"
    added = pages[keys.index(f"{QMS}:5.1.2")]
    assert (added.section_title, added.number, added.title) == (
        "Leadership", "5.1.2", qms.clause("5.1.2").title,
    )  # fmt: skip
