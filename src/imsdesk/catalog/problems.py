"""Problems found in questionnaire files, each pointing at a file and a line."""

from __future__ import annotations

from dataclasses import dataclass

from imsdesk.errors import UserError


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        return (
            f"{self.file}:{self.line}: {self.message}"
            if self.line
            else f"{self.file}: {self.message}"
        )


class PackError(UserError):
    """A questionnaire file that cannot be used; ``problems`` lists every reason."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
