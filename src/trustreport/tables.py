"""Reading raw tables as published and checking them row by row.

Every problem is reported with its file, row (the line number a text editor shows), column, value
and the rule it breaks, all problems of a file at once. Only a table with no problem is returned.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable

import polars as pl

from .errors import InvalidInput, Problem
from .paths import project_root

STATUSES = ("reported", "derived", "estimate")


@dataclass(frozen=True)
class Column:
    """One column of a raw table: its type, whether it may be empty, what it means."""

    name: str
    meaning: str
    kind: str = "text"  # text | number | period | date
    required: bool = True
    allowed: tuple[str, ...] | None = None


# A row check sees the row's parsed values and returns (column, rule) for each rule broken.
RowCheck = Callable[[dict], list[tuple[str, str]]]


@dataclass(frozen=True)
class TableSpec:
    name: str
    file: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    checks: tuple[RowCheck, ...] = field(default=())

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def shown_path(path: Path) -> str:
    """A path as the user would type it: relative to the project where possible."""
    try:
        return str(path.resolve().relative_to(project_root()))
    except ValueError:
        return str(path)


def decode(raw: bytes, shown: str) -> str:
    """UTF-8 (with or without BOM) or GBK/GB18030, the encodings Chinese CSV files come in."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InvalidInput([Problem(shown, "not text in UTF-8 or GBK encoding")])


_PERIOD_PART = re.compile(r"^(\d{4})(?:-(?:(\d{2})(?:-(\d{2}))?|Q([1-4])|H([12])))?$")


def _part_bounds(text: str) -> tuple[date, date]:
    m = _PERIOD_PART.match(text)
    if not m:
        raise ValueError(text)
    year = int(m[1])
    if m[3]:
        d = date(year, int(m[2]), int(m[3]))
        return d, d
    if m[2]:
        month = int(m[2])
        start = date(year, month, 1)
        return start, _month_end(year, month)
    if m[4]:
        q = int(m[4])
        return date(year, 3 * q - 2, 1), _month_end(year, 3 * q)
    if m[5]:
        h = int(m[5])
        return date(year, 6 * h - 5, 1), _month_end(year, 6 * h)
    return date(year, 1, 1), date(year, 12, 31)


def _month_end(year: int, month: int) -> date:
    if month == 12:
        return date(year, 12, 31)
    return date(year, month + 1, 1).fromordinal(date(year, month + 1, 1).toordinal() - 1)


def parse_period(text: str) -> tuple[date | None, date]:
    """'2020', '2020-11', '2020-Q1', '2020-H1', '2020-10-30', 'A/B', or '../B' (open start)."""
    if "/" in text:
        first, last = text.split("/", 1)
        end = _part_bounds(last)[1]
        start = None if first == ".." else _part_bounds(first)[0]
        if start is not None and start > end:
            raise ValueError(text)
        return start, end
    return _part_bounds(text)


def read_rows(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header and (line number, cells) of each data row, with empty lines skipped."""
    shown = shown_path(path)
    if not path.is_file():
        raise InvalidInput([Problem(shown, "file does not exist")])
    text = decode(path.read_bytes(), shown)
    if not text.strip():
        raise InvalidInput([Problem(shown, "file is empty: expected a header row and data rows")])
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    start_line = 1
    for cells in reader:
        if header is None:
            header = [c.strip() for c in cells]
        elif any(c.strip() for c in cells):
            rows.append((start_line, cells))
        start_line = reader.line_num + 1
    return header or [], rows


def read_table(spec: TableSpec, path: Path, known_sources: set[str] | None = None) -> pl.DataFrame:
    """Read and check one raw table; raise InvalidInput listing every problem found."""
    shown = shown_path(path)
    header, rows = read_rows(path)
    problems: list[Problem] = []
    expected = spec.column_names
    missing = [c for c in expected if c not in header]
    extra = [c for c in header if c not in expected]
    for name in missing:
        problems.append(Problem(shown, f"missing column (expected: {', '.join(expected)})", row=1, column=name))
    for name in extra:
        problems.append(Problem(shown, f"unexpected column (expected: {', '.join(expected)})", row=1, column=name))
    if problems:
        raise InvalidInput(problems)
    if not rows:
        raise InvalidInput([Problem(shown, "has a header but no data rows")])

    position = {name: header.index(name) for name in expected}
    records: list[dict] = []
    seen_keys: dict[tuple, int] = {}
    for line, cells in rows:
        if len(cells) != len(header):
            problems.append(Problem(shown, f"has {len(cells)} fields, the header has {len(header)}", row=line))
            continue
        record: dict = {}
        row_ok = True
        for col in spec.columns:
            raw = cells[position[col.name]].strip()
            value, rule = _parse_cell(col, raw)
            if rule:
                problems.append(Problem(shown, rule, row=line, column=col.name, value=raw))
                row_ok = False
            record[col.name] = value
        if not row_ok:
            continue
        if known_sources is not None and "source_id" in record and record["source_id"] not in known_sources:
            problems.append(
                Problem(shown, "unknown source_id: not an id in sources.csv", row=line, column="source_id", value=record["source_id"])
            )
        for check in spec.checks:
            for column, rule in check(record):
                problems.append(Problem(shown, rule, row=line, column=column, value=record.get(column)))
        key = tuple(record[k] for k in spec.key)
        if key in seen_keys:
            problems.append(
                Problem(shown, f"duplicate {'/'.join(spec.key)}: already used on row {seen_keys[key]}", row=line, column=spec.key[0], value=key[0] if len(key) == 1 else key)
            )
        else:
            seen_keys[key] = line
        records.append(record)
    if problems:
        raise InvalidInput(problems)
    return pl.DataFrame(records, schema={c.name: _POLARS_TYPE[c.kind] for c in spec.columns})


_POLARS_TYPE = {"text": pl.String, "number": pl.Float64, "period": pl.String, "date": pl.String}


def _parse_cell(col: Column, raw: str) -> tuple[object, str | None]:
    if raw == "":
        return (None, "must not be empty") if col.required else (None, None)
    if col.allowed is not None and raw not in col.allowed:
        return None, f"not one of the allowed values ({', '.join(repr(a) for a in col.allowed if a)})"
    if col.kind == "number":
        try:
            number = float(raw.replace(",", ""))
        except ValueError:
            return None, "not a number"
        if number != number or number in (float("inf"), float("-inf")):
            return None, "not a finite number"
        return number, None
    if col.kind in ("period", "date"):
        try:
            parse_period(raw)
        except ValueError:
            return None, "not a date or period (use 2020, 2020-06, 2020-06-16, 2020-Q1, 2020-H1, or A/B)"
    return raw, None
