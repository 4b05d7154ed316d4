"""Plain-language messages for JSON Schema validation errors (exchange files and packs)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

NOT_BLANK = "\\S"


def describe(error: Any, patterns: Mapping[str, str] | None = None) -> str:
    """One short sentence for a ``jsonschema.ValidationError``.

    ``patterns`` maps a schema pattern to what it stands for (e.g. "a UUID").
    """
    value = error.instance
    kind = error.validator
    if kind == "required":
        missing = [f for f in error.validator_value if isinstance(value, dict) and f not in value]
        return f"the field {missing[0]!r} is missing" if missing else error.message
    if kind == "additionalProperties" and isinstance(value, dict):
        allowed = set(error.schema.get("properties", {}))
        extra = sorted(k for k in value if k not in allowed)
        names = ", ".join(repr(k) for k in extra)
        return f"unknown field {names} (check the spelling; allowed: {', '.join(sorted(allowed))})"
    if kind == "type":
        expected = error.validator_value
        kinds = expected if isinstance(expected, list) else [expected]
        return f"expected {' or '.join(map(article, kinds))}, found {what_is(value)}"
    if kind == "pattern":
        if error.validator_value == NOT_BLANK:
            return "must not be empty"
        meaning = (patterns or {}).get(error.validator_value, "the expected form")
        return f"{value!r} is not {meaning}"
    if kind == "minLength" and error.validator_value == 1:
        return "must not be empty"
    if kind == "maxLength":
        return f"is too long ({len(value)} characters; at most {error.validator_value})"
    if kind == "minItems":
        return "must not be empty" if error.validator_value == 1 else error.message
    if kind in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        bounds = {
            "minimum": "at least",
            "exclusiveMinimum": "greater than",
            "maximum": "at most",
            "exclusiveMaximum": "less than",
        }
        return f"{value!r} is out of range; it must be {bounds[kind]} {error.validator_value}"
    if kind == "const":
        return f"expected {error.validator_value!r}, found {value!r}"
    if kind == "enum":
        return f"{value!r} is not one of {', '.join(map(repr, error.validator_value))}"
    if kind == "uniqueItems":
        return "lists the same item twice"
    return error.message


def article(kind: str) -> str:
    names = {
        "integer": "a whole number",
        "object": "an object",
        "array": "a list",
        "null": "null",
        "number": "a number",
        "boolean": "true or false",
        "string": "a string",
    }
    return names.get(kind, f"a {kind}")


def what_is(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {value[:40]!r}"
    return "a list" if isinstance(value, list) else "an object"
