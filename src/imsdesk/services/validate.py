"""Checks on what users type, shared by the services (the app shows the same messages)."""

from __future__ import annotations

import datetime as dt
import uuid

from imsdesk.errors import InvalidInput
from imsdesk.storage.models import ASSESSMENT_STATUSES, MATURITY_MAX, MATURITY_MIN

NAME_MAX = 200
TITLE_MAX = 300


def required_text(value: str, what: str, limit: int = NAME_MAX) -> str:
    cleaned = " ".join(value.split())
    if not cleaned:
        raise InvalidInput(f"The {what} cannot be empty.")
    if len(cleaned) > limit:
        raise InvalidInput(f"The {what} is too long ({len(cleaned)} characters; at most {limit}).")
    return cleaned


def optional_text(value: str, what: str, limit: int = NAME_MAX) -> str:
    """A short text that may be empty (an assessor's name): spaces tidied, length checked."""
    cleaned = " ".join(value.split())
    if len(cleaned) > limit:
        raise InvalidInput(f"The {what} is too long ({len(cleaned)} characters; at most {limit}).")
    return cleaned


def date(value: object, what: str) -> dt.date:
    # A datetime is a date too, but would be stored with its time on some databases.
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise InvalidInput(f"The {what} must be a date (YYYY-MM-DD), not {value!r}.")
    return value


def maturity(value: int | None) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput(f"A maturity level is a whole number, not {value!r}.")
    if not MATURITY_MIN <= value <= MATURITY_MAX:
        raise InvalidInput(
            f"Maturity {value} is out of range; use {MATURITY_MIN} to {MATURITY_MAX}."
        )
    return value


def target_maturity(value: int) -> int:
    checked = maturity(value)
    if checked is None:
        raise InvalidInput("The target maturity must be set.")
    return checked


def status(value: str) -> str:
    if value not in ASSESSMENT_STATUSES:
        raise InvalidInput(
            f"Unknown status {value!r}; use one of {', '.join(ASSESSMENT_STATUSES)}."
        )
    return value


def as_uuid(value: uuid.UUID | str, what: str) -> uuid.UUID:
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(value.strip())
    except ValueError as exc:
        raise InvalidInput(f"{value!r} is not a valid {what} id.") from exc
