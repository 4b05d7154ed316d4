"""Everything the wizard needs about one assessment, read in one go on a worker thread."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from imsdesk.catalog import Catalog, Crosswalk, HarmonizedPage, Pack, Question
from imsdesk.catalog.model import parent_number
from imsdesk.errors import InvalidInput
from imsdesk.services import AssessmentDetail, Scope, load_assessment, scope_of
from imsdesk.storage import Database


@dataclass(frozen=True)
class WizardData:
    detail: AssessmentDetail
    scope: Scope
    pages: tuple[HarmonizedPage, ...]
    crosswalk: Crosswalk | None

    @property
    def assessment_id(self) -> uuid.UUID:
        return self.detail.assessment.id

    @property
    def packs(self) -> tuple[Pack, ...]:
        return self.scope.packs

    def pack(self, pack_id: str) -> Pack:
        return next(p for p in self.scope.packs if p.id == pack_id)

    def question(self, question_id: str) -> Question:
        pack = self.scope.pack_of(question_id)
        assert pack is not None
        return pack.question(question_id)

    def target_for(self, question: Question) -> int:
        """The target maturity of a question: the most specific clause target, else the
        assessment's."""
        pack = self.scope.pack_of(question.id)
        targets = {(t.pack_id, t.clause): t.target for t in self.detail.clause_targets}
        number: str | None = question.clause
        while number is not None and pack is not None:
            if (pack.id, number) in targets:
                return targets[(pack.id, number)]
            number = parent_number(number)
        return self.detail.assessment.target_maturity

    def question_ids(self) -> list[str]:
        return [q for page in self.pages for q in page.question_ids]


def load_wizard_data(db: Database, catalog: Catalog, assessment_id: uuid.UUID) -> WizardData:
    detail = load_assessment(db, assessment_id)
    scope = scope_of(detail.assessment.packs, catalog)
    if not scope.complete:
        raise InvalidInput(scope.warnings()[0])
    crosswalk = catalog.crosswalk_for_packs(scope.packs)
    return WizardData(detail, scope, catalog.pages(scope.packs), crosswalk)
