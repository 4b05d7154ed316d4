"""Questionnaire packs and crosswalks: loading, validating, and the frozen model."""

from __future__ import annotations

from imsdesk.catalog.catalog import (
    Catalog,
    load_catalog,
    user_questionnaires_dir,
    validate_files,
)
from imsdesk.catalog.model import (
    Clause,
    Crosswalk,
    CrosswalkRow,
    CrosswalkSection,
    IntroBlock,
    Pack,
    Question,
    ScaleLevel,
    Theme,
    clause_key,
)
from imsdesk.catalog.packs import load_pack
from imsdesk.catalog.pages import HarmonizedPage, PageSide, harmonized_pages
from imsdesk.catalog.problems import PackError, Problem

__all__ = [
    "Catalog",
    "Clause",
    "Crosswalk",
    "CrosswalkRow",
    "CrosswalkSection",
    "HarmonizedPage",
    "IntroBlock",
    "Pack",
    "PackError",
    "PageSide",
    "Problem",
    "Question",
    "ScaleLevel",
    "Theme",
    "clause_key",
    "harmonized_pages",
    "load_catalog",
    "load_pack",
    "user_questionnaires_dir",
    "validate_files",
]
