"""Each kind of broken questionnaire file gets the expected ``FILE:LINE: message``."""

from __future__ import annotations

from pathlib import Path

import pytest

from imsdesk.catalog import PackError, load_pack, validate_files
from imsdesk.paths import questionnaires_dir

DATA = Path(__file__).resolve().parents[1] / "data" / "packs"
MINI = (DATA / "mini-pack.yaml").read_text("utf-8")
CROSSWALK = (questionnaires_dir() / "crosswalk.yaml").read_text("utf-8")


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the n-th line containing ``needle``."""
    hits = [i + 1 for i, line in enumerate(text.splitlines()) if needle in line]
    return hits[occurrence - 1]


def edit(old: str, new: str, text: str = MINI) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


SCALE_5 = (
    "  - level: 5\n    name: Optimised\n    description: Improved year on year from the data.\n"
)

# (name, file content, [(needle in the broken text whose line is expected, message), ...])
CASES = [
    (
        "yaml syntax error",
        edit('  - number: "2"\n', '  - number: "2\n'),
        [(None, "YAML syntax error: found unexpected end of stream (while scanning a quoted "
                "scalar, which starts on line {start})")],
    ),
    (
        "duplicate question id",
        edit("id: waste-2-a", "id: waste-1.1-a"),
        [("id: waste-1.1-a#2", "question waste-1.1-a: the id is already used in clause 1.1")],
    ),
    (
        "clause outside the pack's clause list",
        edit('number: "1.1"', 'number: "3.1"'),
        [
            ('number: "1"', "clause 1 has no questions"),
            ('number: "3.1"', "clause 3.1: its parent clause 3 is not in the pack"),
            ('number: "2"', "clause 2 comes after 3.1; keep clause order"),
        ],
    ),
    (
        "missing text",
        edit("        text: Can you show the waste transfer notes for the last twelve months?\n", ""),
        [("id: waste-2-a", "question waste-2-a: the field 'text' is missing")],
    ),
    (
        "empty text",
        edit("text: Are waste containers labelled and kept in a bunded, covered area?", 'text: "  "'),
        [('text: "  "', "question waste-1.1-a: text: must not be empty")],
    ),
    (
        "negative weight",
        edit("weight: 2", "weight: -1"),
        [("weight: -1", "question waste-1.1-a: weight: -1 is out of range; it must be greater than 0")],
    ),
    (
        "incomplete scale",
        edit(SCALE_5, ""),
        [("scale:", "the scale is incomplete: level 5 missing")],
    ),
    (
        "clause number without quotes",
        edit('number: "2"', "number: 2"),
        [("number: 2", 'the clause number 2 must be in quotes, e.g. "2"')],
    ),
    (
        "misspelt field",
        edit("guidance: Sample", "guidence: Sample"),
        [
            ("id: waste-2-a", "question waste-2-a: the field 'guidance' is missing"),
            ("guidence:", "question waste-2-a: unknown field 'guidence' (check the spelling; "
                          "allowed: action, basis, conditional, documented_information, "
                          "evidence, guidance, id, levels, na_allowed, proves, serves, text, topic, "
                          "weight)"),
        ],
    ),
    (
        "duplicate key",
        edit("        weight: 2\n", "        weight: 2\n        weight: 3\n"),
        [("weight: 3", "the key 'weight' appears twice here")],
    ),
    (
        "leaf clause without questions",
        edit("  - number: \"2\"\n    title: Records\n",
             "  - number: \"2\"\n    title: Records\n  - number: \"3\"\n    title: Extra\n"),
        [('number: "2"', "clause 2 has no questions")],
    ),
    (
        "unknown theme",
        edit("serves: segregation", "serves: recycling"),
        [("serves: recycling", "question waste-1.1-a: serves unknown theme 'recycling' "
                               "(themes: segregation)")],
    ),
    (
        "untitled clause without a description",
        edit("title: Records", 'title: ""'),
        [('title: ""', "clause 2 has no title; give a description of your own instead")],
    ),
    (
        "not applicable in an EMS",
        edit("system: other", "system: ems").replace(
            "        weight: 2\n", "        weight: 2\n        na_allowed: true\n"
        ),
        [("na_allowed: true", "question waste-1.1-a: an EMS has no exclusions; na_allowed must "
                              "be false")],
    ),
    (
        "not applicable outside the clauses ISO 9001 allows",
        edit("standard: Acme waste checklist", "standard: ISO 9001",
             edit("system: other", "system: qms",
                  edit('number: "1"', 'number: "8"',
                       edit('number: "1.1"', 'number: "8.1"',
                            edit('number: "2"', 'number: "9"'))))).replace(
            "        weight: 2\n", "        weight: 2\n        na_allowed: true\n"
        ).replace(
            "        documented_information: retain\n",
            "        documented_information: retain\n        na_allowed: true\n",
        ),
        [("na_allowed: true#2", "question waste-2-a: ISO 9001 allows a requirement to be declared "
                                "not applicable only in clauses 7.1.5 and 8; na_allowed must be "
                                "false in clause 9")],
    ),
    (
        "not applicable in an ISO 14001 pack of another system",
        edit("standard: Acme waste checklist", "standard: ISO 14001").replace(
            "        weight: 2\n", "        weight: 2\n        na_allowed: true\n"
        ),
        [("na_allowed: true", "question waste-1.1-a: ISO 14001 has no exclusions; na_allowed must "
                              "be false")],
    ),
    (
        "invalid documented information",
        edit("documented_information: retain", "documented_information: keep"),
        [("documented_information: keep", "question waste-2-a: documented_information: 'keep' is "
                                          "not one of 'maintain', 'retain', 'none'")],
    ),
    (
        "valid YAML that is not a pack",
        "shopping:\n  - milk\n  - eggs\n",
        [("shopping:", 'not a questionnaire pack (it has no "format: imsdesk-questionnaire")')],
    ),
    (
        "crosswalk to a missing clause",
        edit('      - qms: ["4.1"]', '      - qms: ["4.9"]', CROSSWALK),
        [
            ('qms: ["4.9"]', "qms clause 4.9 is not in iso9001-2015"),
            ("sections:", "qms clauses of iso9001-2015 not placed in any row: 4.1"),
        ],
    ),
    (
        "crosswalk to a missing pack",
        edit("qms: iso9001-2015", "qms: iso9001-2008", CROSSWALK),
        [("qms: iso9001-2008", "qms: there is no questionnaire pack 'iso9001-2008'")],
    ),
]  # fmt: skip


def expected_line(text: str, needle: str) -> int:
    if "#" in needle:
        needle, occurrence = needle.rsplit("#", 1)
        return line_of(text, needle, int(occurrence))
    return line_of(text, needle)


@pytest.mark.parametrize(("content", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_broken_file_gives_file_line_message(tmp_path: Path, content: str, expected):
    path = tmp_path / "broken.yaml"
    path.write_text(content, "utf-8")
    wanted = []
    for needle, message in expected:
        if needle is None:  # a syntax error reported where the parser gave up
            last = len(content.splitlines()) + 1
            start = line_of(content, 'number: "2')
            wanted.append(f"{path}:{last}: {message.format(start=start)}")
        else:
            wanted.append(f"{path}:{expected_line(content, needle)}: {message}")
    assert [str(p) for p in validate_files([path])] == wanted


def test_at_least_ten_kinds_are_covered():
    assert len(CASES) + 4 >= 10  # plus binary, non-UTF-8, empty and missing files below


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "this is a binary file, not a YAML questionnaire"),
        ("title: Müller\n".encode("latin-1"), "not UTF-8 text (byte 8); save the file as UTF-8"),
        (b"", "the file is empty"),
        (b"# only a comment\n", "the file is empty"),
    ],
    ids=["binary", "not utf-8", "empty", "only comments"],
)
def test_unreadable_files_get_one_message_naming_the_file(tmp_path: Path, raw: bytes, message):
    path = tmp_path / "odd.yaml"
    path.write_bytes(raw)
    [problem] = validate_files([path])
    assert problem.file == str(path)
    assert problem.message == message


def test_missing_file(tmp_path: Path):
    [problem] = validate_files([tmp_path / "nope.yaml"])
    assert str(problem) == f"{tmp_path / 'nope.yaml'}: no such file"


def test_load_pack_raises_with_every_problem(tmp_path: Path):
    path = tmp_path / "two.yaml"
    path.write_text(edit("weight: 2", "weight: 0").replace("serves: segregation", "serves: x"))
    with pytest.raises(PackError) as info:
        load_pack(path)
    assert len(info.value.problems) == 1  # schema errors first; content checks once they pass
    assert "weight: 0 is out of range" in str(info.value)


def test_the_valid_example_passes():
    assert validate_files([DATA / "mini-pack.yaml"]) == []
