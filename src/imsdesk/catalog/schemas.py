"""The JSON Schemas of pack and crosswalk files, and validation with FILE:LINE messages."""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

from imsdesk.catalog.problems import Problem
from imsdesk.catalog.yamlsource import Source
from imsdesk.schema_messages import describe


@functools.cache
def schema(name: str) -> dict[str, Any]:
    text = resources.files("imsdesk.catalog").joinpath(f"{name}.schema.json").read_text("utf-8")
    return json.loads(text)


PATTERNS = {
    "^[0-9]+(\\.[0-9]+)*$": 'a clause number such as "8.4.1"',
    "^[0-9]+$": 'a section number such as "8"',
    "^[a-z0-9][a-z0-9._-]{0,79}$": "an id of lower-case letters, digits, dots and hyphens",
    "^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$": "a question id of letters, digits, dots and hyphens",
    "^[a-z0-9][a-z0-9-]*$": "a theme id of lower-case letters, digits and hyphens",
    "^[A-Za-z0-9][A-Za-z0-9 .:/_-]{0,49}$": 'an edition such as "2015"',
}


def schema_problems(source: Source, name: str | dict[str, Any]) -> list[Problem]:
    """Validate against a schema of this package by name, or a schema given as data."""
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(schema(name) if isinstance(name, str) else name)
    problems = []
    for error in sorted(validator.iter_errors(source.data), key=lambda e: _order(source, e)):
        path = tuple(error.absolute_path)
        message = f"{_where(source.data, path)}{_message(error)}"
        problems.append(source.problem(_line_path(error), message))
    return problems


def _line_path(error: Any) -> tuple[Any, ...]:
    """Where to point: at the offending key itself for an unknown field."""
    path = tuple(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = set(error.schema.get("properties", {}))
        extra = sorted(k for k in error.instance if k not in allowed)
        if extra:
            return (*path, extra[0])
    return path


def _order(source: Source, error: Any) -> tuple[int, str]:
    return (source.line(_line_path(error)) or 0, str(list(error.absolute_path)))


def _message(error: Any) -> str:
    path = list(error.absolute_path)
    field = path[-1] if path else None
    if field == "number" and isinstance(error.instance, int | float) and error.validator == "type":
        return f'the clause number {error.instance} must be in quotes, e.g. "{error.instance}"'
    if field == "edition" and isinstance(error.instance, int | float):
        return f'the edition must be in quotes, e.g. "{error.instance}"'
    message = describe(error, PATTERNS)
    return (
        f"{field}: {message}"
        if isinstance(field, str) and error.validator != "required"
        else message
    )


def _where(data: Any, path: tuple[Any, ...]) -> str:
    """Name the question, clause or section a path lies in, e.g. "question 9001-4.1-a: "."""
    label = ""
    node = data
    for index, step in enumerate(path):
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
        container = path[index - 1] if index else None
        if not isinstance(node, dict) or not isinstance(step, int):
            continue
        if container == "questions":
            qid = node.get("id")
            label = f"question {qid}: " if isinstance(qid, str) else label
        elif container in ("clauses", "sections"):
            number = node.get("number")
            kind = "clause" if container == "clauses" else "section"
            label = f"{kind} {number}: " if isinstance(number, str) else ""
    return label
