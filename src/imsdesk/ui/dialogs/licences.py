"""Name, version and licence of every library the app ships with, read from their metadata.

Plain Python (no Qt) so it can be tested alone. The frozen build copies the packages' dist-info
folders (imsdesk.spec), so this works there too; a library whose metadata is missing is listed
as "licence not recorded" rather than failing.
"""

from __future__ import annotations

import importlib.metadata as metadata
import re
from dataclasses import dataclass

# The runtime dependencies in pyproject.toml (a test keeps the two in step); their own
# dependencies are found through the metadata.
RUNTIME = (
    "PySide6-Essentials",
    "SQLAlchemy",
    "alembic",
    "matplotlib",
    "openpyxl",
    "reportlab",
    "jsonschema",
    "PyYAML",
    "platformdirs",
)
NOT_RECORDED = "licence not recorded"
OWN_LICENCE = "Proprietary"  # pyproject.toml's license; used when imsdesk's metadata is absent
SHORT = 60  # longer License fields are the whole licence text, not its name

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


@dataclass(frozen=True)
class Licence:
    name: str
    version: str  # "" when the metadata is missing
    licence: str


def canonical(name: str) -> str:
    """PEP 503 normalised name, so "PyYAML", "pyyaml" and "py_yaml" are one library."""
    return re.sub(r"[-_.]+", "-", name).lower()


def licence_of(meta: metadata.PackageMetadata) -> str:
    """The licence's name: License-Expression, a short License, the classifiers, or a short
    first line of a License that holds the whole text."""
    expression = (meta.get("License-Expression") or "").strip()
    if expression:
        return expression
    text = (meta.get("License") or "").strip()
    if text and "\n" not in text and len(text) <= SHORT:
        return text
    classifiers = [
        c.split("::")[-1].strip()
        for c in meta.get_all("Classifier") or []
        if c.startswith("License ::")
    ]
    if classifiers:
        return ", ".join(dict.fromkeys(classifiers))
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if first and len(first) <= SHORT and any(ch.isalpha() for ch in first):
        return first
    return NOT_RECORDED


def _requirements(dist: metadata.Distribution) -> list[str]:
    """The names of the libraries ``dist`` needs at run time on this Python (no extras)."""
    names = []
    for line in dist.requires or []:
        requirement, _, marker = line.partition(";")
        if marker and not _marker_holds(marker.strip()):
            continue
        match = _NAME.match(requirement.strip())
        if match:
            names.append(match.group())
    return names


def _marker_holds(marker: str) -> bool:
    if "extra" in marker:
        return False  # optional features are not bundled
    try:
        from packaging.markers import InvalidMarker, Marker
    except ImportError:  # packaging comes with matplotlib; without it, keep what is installed
        return True
    try:
        return Marker(marker).evaluate()
    except InvalidMarker:
        return True


def bundled_licences(roots: tuple[str, ...] = RUNTIME) -> list[Licence]:
    """``roots`` and everything they depend on, sorted by name. A root without metadata is
    listed as not recorded; a dependency that is not installed is not bundled, so left out."""
    found: dict[str, Licence] = {}
    queue = [(name, True) for name in roots]
    while queue:
        name, is_root = queue.pop(0)
        key = canonical(name)
        if key in found:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            if is_root:
                found[key] = Licence(name, "", NOT_RECORDED)
            continue
        meta = dist.metadata  # None on newer Pythons when the METADATA file is missing
        if meta is None:
            found[key] = Licence(name, "", NOT_RECORDED)
            continue
        found[key] = Licence(meta.get("Name") or name, meta.get("Version") or "", licence_of(meta))
        queue.extend((requirement, False) for requirement in _requirements(dist))
    return sorted(found.values(), key=lambda lib: lib.name.lower())


def own_licence() -> str:
    try:
        meta = metadata.metadata("imsdesk")
    except metadata.PackageNotFoundError:
        return OWN_LICENCE
    found = licence_of(meta) if meta is not None else NOT_RECORDED
    return OWN_LICENCE if found == NOT_RECORDED else found
