"""Finding the planning data files (link library, plan topics) among the questionnaire files.

The folders also hold the packs, whose YAML takes a second or more to parse: a file is parsed
only when its text declares the wanted format, and a parsed file is kept until it changes (the
plan is brought up to date often, the files rarely change).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from imsdesk.catalog.catalog import default_folders
from imsdesk.catalog.problems import PackError, Problem
from imsdesk.catalog.yamlsource import Source, read_source

T = TypeVar("T")
MAX_BYTES = 5 * 1024 * 1024  # a data file is a few kilobytes; anything larger is not one


def data_files(extra: Sequence[Path], fmt: str) -> list[Path]:
    """The regular files in the questionnaire folders whose text declares ``format: fmt``, in
    loading order (built-in first), each once."""
    pattern = re.compile(rf"^format:\s*[\"']?{re.escape(fmt)}[\"']?\s*(#.*)?$", re.MULTILINE)
    seen: set[Path] = set()
    found = []
    for folder, _builtin in default_folders(extra):
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.y*ml")):
            try:
                key = path.resolve()
                if key in seen or not path.is_file() or path.stat().st_size > MAX_BYTES:
                    continue
                seen.add(key)
                text = path.read_text("utf-8", errors="replace")
            except OSError:
                continue
            if pattern.search(text):
                found.append(path)
    return found


def parsed(path: Path, build: Callable[[Source, Path], T]) -> tuple[T | None, tuple[Problem, ...]]:
    """``build`` applied to the file, or its problems; kept until the file changes."""
    try:
        stat = path.stat()
    except OSError as exc:
        return None, (Problem(str(path), None, f"cannot read it ({exc.strerror})"),)
    return _parsed(str(path), stat.st_mtime_ns, stat.st_size, build)


@functools.lru_cache(maxsize=16)
def _parsed(
    path: str, _mtime: int, _size: int, build: Callable[[Source, Path], T]
) -> tuple[T | None, tuple[Problem, ...]]:
    try:
        return build(read_source(Path(path)), Path(path)), ()
    except PackError as exc:
        return None, tuple(exc.problems)
