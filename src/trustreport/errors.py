"""Errors a user can act on: printed as one clear message each, never as a traceback."""

from __future__ import annotations

from dataclasses import dataclass


class UserError(Exception):
    """A problem with the user's input; the CLI prints it and exits with `exit_code`."""

    exit_code = 1


class UsageError(UserError):
    """The command was called wrongly (unknown edition, missing argument)."""

    exit_code = 2


@dataclass(frozen=True)
class Problem:
    """One broken rule, located as a person would find it in the file."""

    file: str
    rule: str
    row: int | None = None  # in a table: the line number a text editor shows
    column: str | None = None
    value: object = None
    key: str | None = None  # in a params file
    line: int | None = None  # in a params file

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.line is not None:
            where += f", line {self.line}"
        if self.column is not None:
            where += f", column '{self.column}'"
        if self.key is not None:
            where += f", key '{self.key}'"
        shown = "" if self.value is None else f": value {self.value!r}"
        return f"{where}{shown}: {self.rule}"


class InvalidInput(UserError):
    """Every problem found in one or more input files, reported together."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
