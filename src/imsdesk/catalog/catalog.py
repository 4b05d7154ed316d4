"""The catalog: every questionnaire pack and crosswalk IMS Desk can use right now.

Built-in packs come from the package's ``questionnaires`` folder; users add their own in
``<data folder>/questionnaires`` or with ``--questionnaires DIR``. Every file goes through the same
validator. A bad file never stops the others from loading: it is listed in ``problems``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from imsdesk.catalog.crosswalks import FORMAT as CROSSWALK_FORMAT
from imsdesk.catalog.crosswalks import build_crosswalk
from imsdesk.catalog.model import Crosswalk, Pack
from imsdesk.catalog.packs import build_pack
from imsdesk.catalog.pages import HarmonizedPage, harmonized_pages
from imsdesk.catalog.problems import PackError, Problem
from imsdesk.catalog.yamlsource import Source, read_source
from imsdesk.paths import questionnaires_dir, user_data_dir

SUFFIXES = (".yaml", ".yml")
# Data files that live beside the packs but are read by other parts of IMS Desk.
# imsdesk.planning reads these: the link library and the plan topics
OTHER_FORMATS = {"imsdesk-objective-links", "imsdesk-plan-topics"}


@dataclass(frozen=True)
class Catalog:
    packs: tuple[Pack, ...]
    crosswalks: tuple[Crosswalk, ...] = ()
    problems: tuple[Problem, ...] = ()
    folders: tuple[Path, ...] = ()

    def pack(self, pack_id: str) -> Pack | None:
        return next((p for p in self.packs if p.id == pack_id), None)

    def crosswalk_for(self, qms_id: str, ems_id: str) -> Crosswalk | None:
        return next((c for c in self.crosswalks if c.qms == qms_id and c.ems == ems_id), None)

    def crosswalk_for_packs(self, packs: Sequence[Pack]) -> Crosswalk | None:
        """The crosswalk pairing two of these packs, else one covering one of them (a
        single-standard scope is laid out by its side of the crosswalk)."""
        ids = {p.id for p in packs}
        return next((c for c in self.crosswalks if {c.qms, c.ems} <= ids), None) or next(
            (c for c in self.crosswalks if c.qms in ids or c.ems in ids), None
        )

    def pages(self, packs: Sequence[Pack]) -> tuple[HarmonizedPage, ...]:
        """The scope's clauses as pages (see ``catalog/pages.py``)."""
        return harmonized_pages(packs, self.crosswalk_for_packs(packs))


def user_questionnaires_dir() -> Path:
    return user_data_dir() / "questionnaires"


def default_folders(extra: Sequence[Path] = ()) -> list[tuple[Path, bool]]:
    """(folder, built-in?) in loading order: built-in, the user's, then any given."""
    return [(questionnaires_dir(), True), (user_questionnaires_dir(), False)] + [
        (Path(folder), False) for folder in extra
    ]


def load_catalog(
    extra: Sequence[Path] = (), *, folders: Sequence[tuple[Path, bool]] | None = None
) -> Catalog:
    """Load every pack and crosswalk; problems are collected, never raised."""
    chosen = list(folders) if folders is not None else default_folders(extra)
    problems: list[Problem] = []
    sources: list[tuple[Source, Path, bool]] = []
    for folder, builtin in chosen:
        if not folder.exists():
            if not builtin and folder != user_questionnaires_dir():
                problems.append(Problem(str(folder), None, "no such folder"))
            continue
        for path in _yaml_files(folder):
            try:
                sources.append((read_source(path), path, builtin))
            except PackError as exc:
                problems.extend(exc.problems)
    return build_catalog(sources, problems, tuple(folder for folder, _ in chosen))


def build_catalog(
    sources: Iterable[tuple[Source, Path, bool]],
    problems: list[Problem] | None = None,
    folders: tuple[Path, ...] = (),
) -> Catalog:
    problems = list(problems or [])
    packs: dict[str, Pack] = {}
    crosswalk_sources: list[tuple[Source, Path, bool]] = []
    for source, path, builtin in sources:
        kind = source.data.get("format") if isinstance(source.data, dict) else None
        if kind == CROSSWALK_FORMAT:
            crosswalk_sources.append((source, path, builtin))
            continue
        if kind in OTHER_FORMATS:
            continue
        try:
            pack = build_pack(source, builtin=builtin, path=path)
        except PackError as exc:
            problems.extend(exc.problems)
            continue
        if pack.id in packs:
            problems.append(
                source.problem(
                    ("id",),
                    f"the pack id {pack.id!r} is already used by {packs[pack.id].source}; "
                    f"this file is ignored (give it another id)",
                )
            )
            continue
        packs[pack.id] = pack
    crosswalks: list[Crosswalk] = []
    for source, path, builtin in crosswalk_sources:
        try:
            crosswalks.append(build_crosswalk(source, packs, builtin=builtin, path=path))
        except PackError as exc:
            problems.extend(exc.problems)
    return Catalog(tuple(packs.values()), tuple(crosswalks), tuple(problems), folders)


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES and p.is_file())


def validate_files(
    paths: Sequence[Path],
    others: Mapping[str, Callable[[Source, Path], object]] | None = None,
) -> list[Problem]:
    """Check files as ``imsdesk validate`` does, reporting in the order the files were given.

    Crosswalks are checked against the packs given and the built-in ones. ``others`` maps the
    format of other data files (e.g. the link library) to a function that raises PackError.
    """
    others = others or {}
    found: dict[int, list[Problem]] = {i: [] for i in range(len(paths))}
    packs: dict[str, Pack] = {}
    crosswalks: list[tuple[int, Source, Path]] = []
    for index, path in enumerate(paths):
        if not path.exists():
            found[index].append(Problem(str(path), None, "no such file"))
            continue
        if path.is_dir():
            found[index].append(Problem(str(path), None, "is a folder; give the pack files"))
            continue
        try:
            source = read_source(path)
        except PackError as exc:
            found[index].extend(exc.problems)
            continue
        kind = source.data.get("format") if isinstance(source.data, dict) else None
        if kind == CROSSWALK_FORMAT:
            crosswalks.append((index, source, path))
        elif kind in others:
            try:
                others[kind](source, path)
            except PackError as exc:
                found[index].extend(exc.problems)
        elif kind not in OTHER_FORMATS:
            try:
                pack = build_pack(source, path=path)
                packs.setdefault(pack.id, pack)
            except PackError as exc:
                found[index].extend(exc.problems)
    if crosswalks:
        builtin = load_catalog(folders=[(questionnaires_dir(), True)])
        known = {p.id: p for p in builtin.packs} | packs
        for index, source, path in crosswalks:
            try:
                build_crosswalk(source, known, path=path)
            except PackError as exc:
                found[index].extend(exc.problems)
    return [problem for index in range(len(paths)) for problem in found[index]]
