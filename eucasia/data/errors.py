"""Problems found in the data package, each located by file, line and column, and typed.

Each problem carries a machine-readable `code`, named as Frictionless names its error types
where one fits (`type-error`, `constraint-error`, `primary-key`, `foreign-key`, `blank-row`,
`extra-cell`, `missing-cell`, `unique-error`, `incorrect-label`, `encoding-error`, `format-error`,
`source-error`, `table-dimensions`, `row-constraint`, `package-error`, `resource-error`,
`schema-error`) and in the same style where the book checks more than Table Schema does
(`character-error`, `whitespace-error`, `id-encoding`, `cross-table-constraint`,
`path-error`). Tools and tests can then act on the kind of problem and its place without
reading the message, which is written for people and may be reworded.
"""

from __future__ import annotations

from dataclasses import KW_ONLY, dataclass

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
    _: KW_ONLY
    #: The kind of problem, machine-readable (see the module docstring): `type-error`, ...
    code: str

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unknown problem code {self.code!r}; known: {sorted(CODES)}")

    def __str__(self) -> str:
        where = self.path
        if self.at is not None:
            where += f", {self.at}"
        if self.line is not None:
            where += f", line {self.line}"
        if self.column is not None:
            where += f", column '{self.column}'"
        return f"{where}: {self.message}"


CODES = frozenset(
    {
        "type-error", "constraint-error", "primary-key", "foreign-key", "blank-row",
        "extra-cell", "missing-cell", "incorrect-label", "encoding-error", "format-error",
        "source-error", "table-dimensions", "row-constraint", "package-error",
        "resource-error", "schema-error", "character-error", "whitespace-error",
        "id-encoding", "cross-table-constraint", "path-error", "unique-error",
    }
)  # fmt: skip


def descriptor_error_code(at: str) -> str:
    """The code of a mistake at JSON path `at` of the descriptor: in a table's schema, in a
    table's entry, or in the package itself.

    >>> descriptor_error_code("resources[2].schema.fields[1].constraints.minimum")
    'schema-error'
    >>> descriptor_error_code("resources[2].path")
    'resource-error'
    """
    if ".schema" in at:
        return "schema-error"
    return "resource-error" if at.startswith("resources[") else "package-error"


class DataValidationError(ValueError):
    """Raised when the data package does not match its descriptor; lists every problem."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        shown = "\n  ".join(str(p) for p in problems[:MAX_ERRORS_SHOWN])
        more = len(problems) - MAX_ERRORS_SHOWN
        tail = f"\n  … and {more} more" if more > 0 else ""
        super().__init__(f"{len(problems)} problem(s) in the data package:\n  {shown}{tail}")
