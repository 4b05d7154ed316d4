"""Ids as people type them: a full UUID or a unique prefix of at least four characters."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from imsdesk.errors import InvalidInput, NotFound
from imsdesk.storage import Database

ID_PREFIX_MIN = 4


def resolve_id(db: Database, model: type, text: str, what: str) -> uuid.UUID:
    wanted = text.strip().lower()
    try:
        return uuid.UUID(wanted)
    except ValueError:
        pass
    if len(wanted) < ID_PREFIX_MIN:
        article = "an" if what[0] in "aeiou" else "a"
        raise InvalidInput(f"{text!r} is not {article} {what} id (give at least 4 characters).")
    with db.read() as session:
        ids = session.scalars(select(model.id)).all()
    matches = [i for i in ids if str(i).startswith(wanted)]
    if not matches:
        raise NotFound(f"There is no {what} with the id {text}.")
    if len(matches) > 1:
        raise InvalidInput(f"{text!r} matches {len(matches)} {what}s; give more characters.")
    return matches[0]
