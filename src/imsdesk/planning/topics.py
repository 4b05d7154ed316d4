"""Plan topics: what piece of work each question's remedy belongs to, its phase, its owner role.

Data (``questionnaires/plan-topics.yaml``, format ``imsdesk-plan-topics``), validated like the
packs with FILE:LINE messages. The packs tag each question with a topic id (``topic:``); the plan
merges the QMS and EMS gaps of a shared topic into one action, orders and dates actions by phase
(a prerequisite is never due after what depends on it), and names the owner role. A question
without a known topic keeps its own action, in the phase of its harmonized section.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from imsdesk.catalog.problems import PackError, Problem
from imsdesk.catalog.schemas import schema_problems
from imsdesk.catalog.yamlsource import Source
from imsdesk.planning.datafiles import data_files, parsed

FORMAT = "imsdesk-plan-topics"
# Without a topic: the phase of the question's harmonized section (4 context ... 10 improvement).
SECTION_PHASE = {"4": 1, "5": 3, "6": 2, "7": 3, "8": 4, "9": 4, "10": 7}
DEFAULT_OWNER = "Management system lead"


@dataclass(frozen=True)
class Topic:
    id: str
    name: str
    phase: int
    owner: str
    owners: tuple[tuple[str, str], ...] = ()  # (system, role) where a system's role differs
    shared: bool = False  # one process can serve both systems: merge their gaps

    def owner_for(self, systems: Sequence[str]) -> str:
        """The owner role for work on ``systems`` (one system's own role, else the common one)."""
        roles = dict(self.owners)
        if len(systems) == 1 and systems[0] in roles:
            return roles[systems[0]]
        return self.owner


@dataclass(frozen=True)
class Topics:
    phases: tuple[tuple[int, str], ...]  # (number, name) in order
    topics: tuple[Topic, ...]
    problems: tuple[Problem, ...] = ()

    @classmethod
    def empty(cls) -> Topics:
        return cls(((1, "Phase 1"),), ())

    def get(self, topic_id: str | None) -> Topic | None:
        return self._by_id.get(topic_id or "")

    @functools.cached_property
    def _by_id(self) -> dict[str, Topic]:
        return {t.id: t for t in self.topics}

    def phase_name(self, number: int) -> str:
        return dict(self.phases).get(number, f"Phase {number}")

    def phase_of(self, topic_id: str | None, clause: str) -> int:
        topic = self.get(topic_id)
        if topic is not None:
            return topic.phase
        return SECTION_PHASE.get(clause.split(".")[0], max(n for n, _ in self.phases))


@functools.cache
def _schema() -> dict:
    text = resources.files("imsdesk.planning").joinpath("plan-topics.schema.json")
    return json.loads(text.read_text("utf-8"))


def build_topics_file(source: Source, path: Path | None = None) -> Topics:
    data = source.data
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise PackError([source.problem((), f'not a topics file (it has no "format: {FORMAT}")')])
    problems = schema_problems(source, _schema())
    if problems:
        raise PackError(problems)
    phases = {p["phase"] for p in data["phases"]}
    seen: set[str] = set()
    for index, topic in enumerate(data["topics"]):
        if topic["id"] in seen:
            problems.append(
                source.problem(("topics", index, "id"), f"topic {topic['id']!r} appears twice")
            )
        seen.add(topic["id"])
        if topic["phase"] not in phases:
            problems.append(
                source.problem(
                    ("topics", index, "phase"),
                    f"topic {topic['id']!r}: phase {topic['phase']} is not among the phases",
                )
            )
    if problems:
        raise PackError(problems)
    return Topics(
        phases=tuple(sorted((p["phase"], p["name"].strip()) for p in data["phases"])),
        topics=tuple(
            Topic(
                id=t["id"],
                name=t["name"].strip(),
                phase=t["phase"],
                owner=t["owner"].strip(),
                owners=tuple(sorted((k, v.strip()) for k, v in t.get("owners", {}).items())),
                shared=bool(t.get("shared", False)),
            )
            for t in data["topics"]
        ),
    )


def load_topics(extra: Sequence[Path] = ()) -> Topics:
    """The first valid topics file in the questionnaire folders (the built-in one first); a
    bad file becomes a problem and the next one is used."""
    problems: list[Problem] = []
    for path in data_files(extra, FORMAT):
        found, wrong = parsed(path, build_topics_file)
        problems.extend(wrong)
        if found is not None:
            return Topics(found.phases, found.topics, tuple(problems))
    return Topics(Topics.empty().phases, (), tuple(problems))
