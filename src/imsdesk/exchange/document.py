"""The assessment exchange file: reading, validating and writing it.

Reading checks, in this order, so the first message is the most useful one: the file exists and
is of a sane size, it is UTF-8 JSON, it is an IMS Desk assessment file, its version is one this
code reads, and it matches the JSON Schema of its version (``assessment-v2.schema.json``; version 1
files, written before answers could say "does not arise" or carry an override, still import).
Errors name the JSON path of the offending value, e.g. ``$.answers[3].maturity``.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

from imsdesk.errors import ExchangeFileError
from imsdesk.fileio import write_atomically
from imsdesk.schema_messages import describe

FORMAT = "imsdesk-assessment"
VERSION = 2  # written; every version in SCHEMA_FILES is read
MAX_BYTES = 50 * 1024 * 1024
SCHEMA_FILES = {1: "assessment-v1.schema.json", 2: "assessment-v2.schema.json"}
MAX_REPORTED_ERRORS = 5


@functools.cache
def schema(version: int = VERSION) -> dict[str, Any]:
    name = SCHEMA_FILES[version]
    text = resources.files("imsdesk.exchange").joinpath(name).read_text("utf-8")
    return json.loads(text)


def json_path(parts: Any) -> str:
    path = "$"
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def read_document(path: Path) -> dict[str, Any]:
    """Read and fully validate an exchange file; raise ExchangeFileError with a clear message."""
    path = Path(path)
    if not path.exists():
        raise ExchangeFileError(f"{path}: no such file.")
    if not path.is_file():
        raise ExchangeFileError(f"{path}: not a file.")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ExchangeFileError(
            f"{path}: the file is {size / 1024 / 1024:.0f} MB; assessment files are at most "
            f"{MAX_BYTES // 1024 // 1024} MB. Is this the right file?"
        )
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ExchangeFileError(f"{path}: cannot read it ({exc.strerror}).") from exc
    return parse_document(raw, str(path))


def parse_document(raw: bytes, name: str) -> dict[str, Any]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ExchangeFileError(
            f"{name}: not a text file in UTF-8 (byte {exc.start}); it is not an IMS Desk "
            f"assessment file."
        ) from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ExchangeFileError(
            f"{name}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})."
        ) from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ExchangeFileError(
            f'{name}: not an IMS Desk assessment file (it has no "format": "{FORMAT}").'
        )
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise ExchangeFileError(f"{name}: $.version: the format version must be a whole number.")
    if version > VERSION:
        raise ExchangeFileError(
            f"{name}: written by a newer IMS Desk (format version {version}); this version "
            f"reads version {VERSION}. Update IMS Desk to import it."
        )
    if version not in SCHEMA_FILES:
        raise ExchangeFileError(f"{name}: format version {version} is not supported.")
    _validate(data, name, version)
    return data


def _validate(data: dict[str, Any], name: str, version: int) -> None:
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(schema(version))
    errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    problems = [f"{json_path(e.absolute_path)}: {_describe(e)}" for e in errors]
    problems += _check_values(data)
    if problems:
        shown = problems[:MAX_REPORTED_ERRORS]
        more = len(problems) - len(shown)
        tail = f" (and {more} more)" if more else ""
        raise ExchangeFileError(f"{name}: " + "; ".join(shown) + tail)


def _describe(error: Any) -> str:
    """A plain-language version of a jsonschema error."""
    path = error.absolute_path
    if path and path[-1] == "maturity" and error.validator in ("minimum", "maximum"):
        return f"maturity {error.instance} is out of range; use 0 to 5 or null"
    if error.validator == "oneOf" and path and path[-1] == "site":
        return "the site must be null or an object with id, name, address and timestamps"
    definitions = schema()["$defs"]
    return describe(
        error,
        {
            definitions["timestamp"]["pattern"]: "a valid timestamp (e.g. 2026-03-01T09:30:00Z)",
            definitions["date"]["pattern"]: "a valid date (YYYY-MM-DD)",
            definitions["uuid"]["pattern"]: "a valid UUID",
        },
    )


def _check_values(data: dict[str, Any]) -> list[str]:
    """What the schema cannot say: real dates and times, no answer given twice, no answer both
    not applicable and not arising."""
    problems: list[str] = []
    for path, value in _timestamps(data):
        well_formed = re.fullmatch(schema()["$defs"]["timestamp"]["pattern"], value)
        if well_formed and parse_timestamp(value) is None:
            problems.append(f"{path}: {value!r} is not a real date and time")
    for path, date in _dates(data):
        if re.fullmatch(schema()["$defs"]["date"]["pattern"], date):
            try:
                dt.date.fromisoformat(date)
            except ValueError:
                problems.append(f"{path}: {date!r} is not a real date")
    seen: dict[str, int] = {}
    for index, answer in enumerate(_answers(data)):
        if isinstance(answer, dict) and isinstance(answer.get("question_id"), str):
            qid = answer["question_id"]
            if qid in seen:
                problems.append(
                    f"$.answers[{index}].question_id: {qid!r} is answered twice "
                    f"(also at $.answers[{seen[qid]}])"
                )
            seen.setdefault(qid, index)
        both = isinstance(answer, dict) and answer.get("not_applicable") is True
        if both and answer.get("does_not_arise") is True:
            problems.append(
                f"$.answers[{index}]: an answer is either not applicable or does not arise, "
                f"not both"
            )
    return problems


def _dates(data: dict[str, Any]) -> list[tuple[str, str]]:
    found = []
    assessment = data.get("assessment")
    if isinstance(assessment, dict) and isinstance(assessment.get("date"), str):
        found.append(("$.assessment.date", assessment["date"]))
    for section in ("objectives", "actions"):
        items = data.get(section)
        for index, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict) and isinstance(item.get("due"), str):
                found.append((f"$.{section}[{index}].due", item["due"]))
    return found


def _answers(data: dict[str, Any]) -> list[Any]:
    answers = data.get("answers")
    return answers if isinstance(answers, list) else []


def _timestamps(data: dict[str, Any]) -> list[tuple[str, str]]:
    found = []
    for section in ("organisation", "site", "assessment"):
        record = data.get(section)
        if isinstance(record, dict):
            for key in ("created_at", "updated_at"):
                if isinstance(record.get(key), str):
                    found.append((f"$.{section}.{key}", record[key]))
    for section in ("answers", "clause_targets", "objectives", "links", "actions"):
        items = data.get(section)
        for index, item in enumerate(items if isinstance(items, list) else []):
            for key in ("created_at", "updated_at"):
                if isinstance(item, dict) and isinstance(item.get(key), str):
                    found.append((f"$.{section}[{index}].{key}", item[key]))
    return found


def parse_timestamp(value: str) -> dt.datetime | None:
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else None


def timestamp(text: str) -> dt.datetime:
    """A timestamp of a validated document (``read_document`` has checked every one)."""
    parsed = parse_timestamp(text)
    if parsed is None:
        raise ExchangeFileError(f"{text!r} is not a timestamp.")
    return parsed


def format_timestamp(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def write_document(path: Path, document: dict[str, Any]) -> None:
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    write_atomically(Path(path), text.encode("utf-8"))
