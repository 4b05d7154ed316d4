"""The use cases of IMS Desk, for the CLI and the app.

Each function opens one short transaction and returns frozen records (``records.py``), never
live ORM objects.
"""

from __future__ import annotations

from imsdesk.services.answers import AnswerInput, save_answer, save_answers
from imsdesk.services.assessments import (
    create_assessment,
    delete_assessment,
    list_assessments,
    load_assessment,
    rename_assessment,
    resolve_assessment_id,
    set_clause_target,
    set_status,
    set_target,
    update_assessment,
)
from imsdesk.services.cycles import next_cycle
from imsdesk.services.organisations import (
    create_organisation,
    create_site,
    delete_organisation,
    delete_site,
    get_organisation,
    list_organisations,
    list_sites,
    rename_organisation,
    rename_site,
)
from imsdesk.services.overview import (
    AssessmentSummary,
    Overview,
    load_overview,
    load_summary,
    overview,
)
from imsdesk.services.records import (
    AnswerRecord,
    AssessmentDetail,
    AssessmentRecord,
    OrganisationRecord,
    PackRef,
    SiteRecord,
)
from imsdesk.services.scope import Scope, pack_refs, scope_of
from imsdesk.services.scoring import ScoredAssessment, score, score_detail
from imsdesk.services.start import NewAssessment, start_assessment
from imsdesk.services.summaries import refresh_summaries

__all__ = [
    "AnswerInput",
    "AnswerRecord",
    "AssessmentDetail",
    "AssessmentRecord",
    "AssessmentSummary",
    "NewAssessment",
    "OrganisationRecord",
    "Overview",
    "PackRef",
    "Scope",
    "ScoredAssessment",
    "SiteRecord",
    "create_assessment",
    "create_organisation",
    "create_site",
    "delete_assessment",
    "delete_organisation",
    "delete_site",
    "get_organisation",
    "list_assessments",
    "list_organisations",
    "list_sites",
    "load_assessment",
    "load_overview",
    "load_summary",
    "next_cycle",
    "overview",
    "pack_refs",
    "refresh_summaries",
    "rename_assessment",
    "rename_organisation",
    "rename_site",
    "resolve_assessment_id",
    "save_answer",
    "save_answers",
    "scope_of",
    "score",
    "score_detail",
    "set_clause_target",
    "set_status",
    "set_target",
    "start_assessment",
    "update_assessment",
]
