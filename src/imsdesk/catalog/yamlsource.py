"""Reading YAML while keeping line numbers, so every message can say FILE:LINE.

The file is composed into PyYAML's node tree (with the C parser when available) and turned into
plain data plus a map from each value's path (e.g. ``("clauses", 3, "questions", 0, "text")``)
to its line. Duplicate keys, which plain YAML loading silently drops, are reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from imsdesk.catalog.problems import PackError, Problem

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
PathKey = tuple[str | int, ...]
MAX_BYTES = 5 * 1024 * 1024


@dataclass
class Source:
    """A YAML document as data, with the line of every value."""

    file: str
    data: Any
    lines: dict[PathKey, int] = field(default_factory=dict)
    raw: bytes = b""

    def line(self, path: PathKey) -> int | None:
        """The line of ``path``, or of its nearest ancestor that has one."""
        key = tuple(path)
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return self.lines.get((), None)

    def problem(self, path: PathKey, message: str) -> Problem:
        return Problem(self.file, self.line(path), message)


def read_source(path: Path, name: str | None = None) -> Source:
    """Read a YAML file; raise PackError naming the file for anything that is not YAML text."""
    label = name or str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PackError([Problem(label, None, f"cannot read the file ({exc.strerror})")]) from exc
    return parse_source(raw, label)


def parse_source(raw: bytes, label: str) -> Source:
    def fail(message: str, line: int | None = None) -> PackError:
        return PackError([Problem(label, line, message)])

    if len(raw) > MAX_BYTES:
        raise fail(
            f"the file is larger than {MAX_BYTES // 1024 // 1024} MB; is it a questionnaire?"
        )
    if b"\x00" in raw[:8192]:
        raise fail("this is a binary file, not a YAML questionnaire")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise fail(f"not UTF-8 text (byte {exc.start}); save the file as UTF-8", line) from exc
    try:
        node = yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or "syntax error"
        if exc.context and exc.context_mark and exc.context_mark is not mark:
            what += f" ({exc.context}, which starts on line {exc.context_mark.line + 1})"
        raise fail(f"YAML syntax error: {what}", line) from exc
    except yaml.YAMLError as exc:
        raise fail(f"YAML syntax error: {exc}") from exc
    if node is None:
        raise fail("the file is empty")
    source = Source(label, None, raw=raw)
    problems: list[Problem] = []
    source.data = _convert(node, (), source, problems)
    if problems:
        raise PackError(problems)
    return source


def _convert(node: yaml.Node, path: PathKey, source: Source, problems: list[Problem]) -> Any:
    # A fresh constructor per document: PyYAML's keeps every node it has built.
    return _Converter(source, problems).convert(node, path)


class _Converter:
    def __init__(self, source: Source, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems
        self.constructor = yaml.SafeLoader("")

    def convert(self, node: yaml.Node, path: PathKey) -> Any:
        self.source.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, (*path, i)) for i, item in enumerate(node.value)]
        return self.constructor.construct_object(node)

    def _mapping(self, node: yaml.MappingNode, path: PathKey) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            key = (
                self.constructor.construct_object(key_node)
                if isinstance(key_node, yaml.ScalarNode)
                else None
            )
            if key is None or isinstance(key, list | dict):
                self.problems.append(Problem(self.source.file, line, "a key here is not a name"))
                continue
            key = str(key)
            if key in result:
                self.problems.append(
                    Problem(self.source.file, line, f"the key {key!r} appears twice here")
                )
                continue
            child = (*path, key)
            self.source.lines[child] = line
            result[key] = self.convert(value_node, child)
        return result
