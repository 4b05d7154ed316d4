"""The example in docs/questionnaire-format.md validates, and is the test suite's mini pack."""

from __future__ import annotations

import re
from pathlib import Path

from imsdesk.catalog import validate_files

ROOT = Path(__file__).resolve().parents[2]


def test_docs_example_validates(tmp_path: Path):
    text = (ROOT / "docs" / "questionnaire-format.md").read_text("utf-8")
    example = re.search(r"## A small example.*?```yaml\n(.*?)```", text, re.S).group(1)
    path = tmp_path / "example.yaml"
    path.write_text(example, "utf-8")
    assert validate_files([path]) == []
    assert example == (ROOT / "tests" / "data" / "packs" / "mini-pack.yaml").read_text("utf-8")
