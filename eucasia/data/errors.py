"""Problems found in the data package, each located by file, line and column."""

from __future__ import annotations

from dataclasses import dataclass

MAX_ERRORS_SHOWN = 25


@dataclass(frozen=True)
class Problem:
    """One defect in one cell (or row, or file) of the data package."""

    path: str
    line: int | None
    column: str | None
    message: str
    #: For a mistake in the descriptor: where in its JSON, e.g. `resources[3].schema.fields[2]`.
    at: str | None = None

    def __str__(self) -> str:
        where = self.path
        if self.at is not None:
            where += f", {self.at}"
        if self.line is not None:
            where += f", line {self.line}"
        if self.column is not None:
            where += f", column '{self.column}'"
        return f"{where}: {self.message}"


class DataValidationError(ValueError):
    """Raised when the data package does not match its descriptor; lists every problem."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        shown = "\n  ".join(str(p) for p in problems[:MAX_ERRORS_SHOWN])
        more = len(problems) - MAX_ERRORS_SHOWN
        tail = f"\n  … and {more} more" if more > 0 else ""
        super().__init__(f"{len(problems)} problem(s) in the data package:\n  {shown}{tail}")
