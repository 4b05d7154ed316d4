"""An assessment's questionnaire packs as pinned, against the packs installed now.

The policy when a pack changes (see docs/questionnaire-format.md, "Editing a pack"): an assessment
pins each pack by id, edition and content hash, and the stored assessment is never changed by a
new pack file. It is read against the installed pack of the same id: questions still in the pack
keep their answers, answers to questions that left the pack are kept in the database but not
counted, and every view says that the pack changed. A pack that is not installed at all makes the
assessment read-only until it is installed again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from imsdesk.catalog import Catalog, Pack, Question
from imsdesk.errors import InvalidInput
from imsdesk.services.records import PackRef


@dataclass(frozen=True)
class Scope:
    packs: tuple[Pack, ...]  # installed packs of the assessment, in its order
    missing: tuple[PackRef, ...] = ()  # pinned but not installed
    changed: tuple[PackRef, ...] = ()  # installed content differs from the pinned content

    @property
    def complete(self) -> bool:
        return not self.missing

    def questions(self) -> list[Question]:
        return [q for pack in self.packs for q in pack.questions]

    def question_ids(self) -> set[str]:
        return {q.id for q in self.questions()}

    def pack_of(self, question_id: str) -> Pack | None:
        return next((p for p in self.packs if p.has_question(question_id)), None)

    def warnings(self) -> list[str]:
        notes = [
            f"The questionnaire {ref.pack_id} ({ref.edition}) is not installed; "
            f"install its file to work on this assessment."
            for ref in self.missing
        ]
        for ref in self.changed:
            pack = next(p for p in self.packs if p.id == ref.pack_id)
            notes.append(
                f"The questionnaire {ref.pack_id} changed since this assessment started "
                f"(pinned edition {ref.edition}, installed {pack.edition} from {pack.source}); "
                f"answers to questions no longer in it are kept but not counted."
            )
        return notes


def scope_of(packs: Sequence[PackRef], catalog: Catalog) -> Scope:
    found, missing, changed = [], [], []
    for ref in packs:
        pack = catalog.pack(ref.pack_id)
        if pack is None:
            missing.append(ref)
            continue
        found.append(pack)
        if pack.edition != ref.edition or pack.content_hash != ref.content_hash:
            changed.append(ref)
    return Scope(tuple(found), tuple(missing), tuple(changed))


def pack_refs(catalog: Catalog, pack_ids: Iterable[str]) -> list[PackRef]:
    """Pins for a new assessment's scope; refuses unknown packs and packs that share ids."""
    refs: list[PackRef] = []
    owners: dict[str, str] = {}
    for pack_id in pack_ids:
        pack = catalog.pack(pack_id)
        if pack is None:
            known = ", ".join(p.id for p in catalog.packs) or "none"
            raise InvalidInput(f"There is no questionnaire {pack_id!r} (installed: {known}).")
        clash = [q.id for q in pack.questions if q.id in owners]
        if clash:
            raise InvalidInput(
                f"The questionnaires {owners[clash[0]]} and {pack.id} use the same question ids "
                f"({', '.join(clash[:3])}); they cannot be assessed together."
            )
        owners.update({q.id: pack.id for q in pack.questions})
        refs.append(PackRef(pack.id, pack.edition, pack.content_hash))
    return refs
