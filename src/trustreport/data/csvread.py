"""Reading a raw table as published (CSV, UTF-8 or GBK) and checking it against its schema.

Every problem is reported with its file, row (the line number a text editor shows, header = 1), column, value
and the rule it breaks, all problems of a file at once. Only a table with no problem is returned.

The row-level rules live in dataframely schemas (schemas.py). dataframely was chosen over pandera's polars
backend because it is polars-native with no pandas underneath, its rules are plain polars expressions, and
`FailureInfo.details()` says for every failing row which rule failed: exactly what a message that points a
person at a row and a rule needs.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import dataframely as dy
import polars as pl

from ..errors import InvalidInput, Problem
from ..project import shown_path
from .periods import PERIOD_HELP, PERIOD_REGEX, parse_period

LINE = "source_line"  # the line each row starts on in its file; travels with the row for messages


def decode(raw: bytes, shown: str) -> str:
    """UTF-8 (with or without BOM) or GBK/GB18030, the encodings Chinese CSV files come in."""
    first: UnicodeDecodeError | None = None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError as exc:
            first = first or exc
    # where UTF-8 first fails: the row (line) and the bytes there, so the cell can be found and fixed
    at = first.start if first else 0
    line = raw.count(b"\n", 0, at) + 1
    found = raw[at : at + 4].hex(" ")
    raise InvalidInput(
        [
            Problem(
                shown,
                f"not text in UTF-8 or GBK encoding (the first bytes that are neither, in hex: {found})",
                row=line,
            )
        ]
    )


# ---- reading ------------------------------------------------------------------------------------


def read_rows(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header and (line number, cells) of each data row; blank lines skipped."""
    shown = shown_path(path)
    if not path.is_file():
        raise InvalidInput([Problem(shown, "file does not exist")])
    text = decode(path.read_bytes(), shown)
    if not text.strip():
        raise InvalidInput([Problem(shown, "file is empty: expected a header row and data rows")])
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    line = 1
    try:
        for cells in reader:
            if header is None:
                header = [c.strip() for c in cells]
            elif any(c.strip() for c in cells):
                rows.append((line, cells))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise InvalidInput([Problem(shown, f"not readable as CSV: {exc}", row=line)]) from None
    return header or [], rows


def _rule_text(schema: type[dy.Schema], rule: str) -> tuple[str | None, str]:
    """The column a failed dataframely rule points at, and the rule in words."""
    if "|" in rule:
        column, kind = rule.split("|", 1)
        col = schema.columns()[column]
        if kind == "nullability":
            return column, "must not be empty"
        if kind == "regex" and column in ("period", "published", "accessed", "date"):
            return column, f"not a date or period ({PERIOD_HELP})"
        if kind == "regex":
            return column, f"does not have the expected form ({col.description})"
        if kind == "dtype" and isinstance(col, dy.Enum):
            return column, f"not one of the allowed values ({', '.join(map(str, col.categories))})"
        if kind == "dtype" and isinstance(col, (dy.Float64, dy.Int64)):
            return column, "not a number"
        if kind in ("nan", "inf"):
            return column, "must be a finite number (not NaN or infinity)"
        return column, f"breaks the {kind} rule"
    column, text = getattr(schema, "RULE_TEXT", {}).get(rule, (None, rule.replace("_", " ")))
    return column, text


def _rule_message(schema: type[dy.Schema], rule: str, row: dict) -> tuple[str | None, str]:
    column, text = _rule_text(schema, rule)
    return column, text(schema, row) if callable(text) else text


def check_frame(
    schema: type[dy.Schema], frame: pl.DataFrame, shown: str, key: str
) -> tuple[pl.DataFrame, list[Problem]]:
    """Validate string columns against a dataframely schema; the typed valid rows and a problem per failure."""
    good, failure = schema.filter(frame, cast=True)
    problems: list[Problem] = []
    if failure.counts():
        details = failure.details()
        rules = [c for c in details.columns if c not in frame.columns]
        for row in details.iter_rows(named=True):
            for rule in rules:
                if row[rule] != "invalid":
                    continue
                if rule == "primary_key":
                    continue  # reported for every row, valid or not, by _duplicate_problems
                column, text = _rule_message(schema, rule, row)
                problems.append(
                    Problem(shown, text, row=row[LINE], column=column, value=row.get(column) if column else None)
                )
    problems += _duplicate_problems(frame, shown, key)
    problems.sort(key=lambda p: (p.row or 0, p.column or ""))
    return good, problems


def _duplicate_problems(frame: pl.DataFrame, shown: str, key: str) -> list[Problem]:
    """Each repeat of a key, pointing at the row that used it first."""
    problems = []
    first_line: dict = {}
    for line, value in frame.select(LINE, key).iter_rows():
        if value is None:
            continue
        if value in first_line:
            problems.append(
                Problem(
                    shown,
                    f"duplicate {key}: already used on row {first_line[value]}",
                    row=line,
                    column=key,
                    value=value,
                )
            )
        else:
            first_line[value] = line
    return problems


def _calendar_problems(frame: pl.DataFrame, shown: str) -> list[Problem]:
    """Dates of the right form that are not in the calendar (2021-02-30), or ranges that end before they start."""
    problems = []
    for column in ("period", "published", "accessed", "date"):
        if column not in frame.columns:
            continue
        for line, text in frame.select(LINE, column).drop_nulls().iter_rows():
            if not re.match(PERIOD_REGEX, text):
                continue  # the form itself is reported by the schema's regex rule
            try:
                parse_period(text)
            except ValueError:
                problems.append(
                    Problem(
                        shown,
                        f"not a real date, or a range that ends before it starts ({PERIOD_HELP})",
                        row=line,
                        column=column,
                        value=text,
                    )
                )
    return problems


def _header_problems(header: list[str], expected: list[str], shown: str) -> list[Problem]:
    """Missing, unexpected and repeated columns in a table's header row."""
    missing = [c for c in expected if c not in header]
    extra = [c for c in header if c not in expected]
    problems = [Problem(shown, f"missing column (expected: {', '.join(expected)})", row=1, column=c) for c in missing]
    problems += [Problem(shown, f"unexpected column (expected: {', '.join(expected)})", row=1, column=c) for c in extra]
    for name in dict.fromkeys(c for c in header if header.count(c) > 1):
        problems.append(Problem(shown, "the column name appears twice in the header", row=1, column=name))
    return problems


def _cells_by_column(
    rows: list[tuple[int, list[str]]], header: list[str], expected: list[str], shown: str
) -> tuple[dict[str, list], list[Problem]]:
    """The rows' stripped cells column by column (empty: None), with each row's line number; rows of the wrong
    length are left out and cells holding control characters emptied, each reported."""
    problems: list[Problem] = []
    position = {name: header.index(name) for name in expected}
    columns: dict[str, list] = {LINE: [], **{name: [] for name in expected}}
    for line, cells in rows:
        if len(cells) != len(header):
            rule = f"has {len(cells)} fields, the header has {len(header)}"
            spans = sum(cell.count("\n") for cell in cells)
            if spans:  # a quote opened and never closed takes the lines after it into one field
                rule += f': a quoted field runs on over {spans + 1} lines (a quote " left open?)'
            problems.append(Problem(shown, rule, row=line))
            continue
        columns[LINE].append(line)
        for name in expected:
            text = cells[position[name]].strip()
            bad = next((ch for ch in text if ord(ch) < 0x20 or ord(ch) == 0x7F), None)
            if bad is not None:  # a NUL or other control character: no table means one, and typesetting chokes on it
                problems.append(
                    Problem(
                        shown, f"contains a control character (U+{ord(bad):04X})", row=line, column=name, value=text
                    )
                )
                text = ""
            columns[name].append(text or None)
    return columns, problems


def _unknown_sources(frame: pl.DataFrame, known_sources: set[str], shown: str) -> list[Problem]:
    """Rows whose source_id is not an id in sources.csv."""
    unknown = frame.filter(pl.col("source_id").is_not_null() & ~pl.col("source_id").is_in(sorted(known_sources)))
    return [
        Problem(shown, "unknown source_id: not an id in sources.csv", row=line, column="source_id", value=sid)
        for line, sid in unknown.select(LINE, "source_id").iter_rows()
    ]


def _unknown_originals(frame: pl.DataFrame, shown: str) -> list[Problem]:
    """Sources whose original_id is not another id of the same file (a translation cited as a missing original)."""
    ids = frame["id"].drop_nulls().to_list()
    unknown = frame.filter(
        pl.col("original_id").is_not_null()
        & (~pl.col("original_id").is_in(ids) | (pl.col("original_id") == pl.col("id")))
    )
    return [
        Problem(shown, "original_id names no other source in sources.csv", row=line, column="original_id", value=oid)
        for line, oid in unknown.select(LINE, "original_id").iter_rows()
    ]


def read_table(schema: type[dy.Schema], path: Path, known_sources: set[str] | None = None) -> pl.DataFrame:
    """Read one raw table and check it; raise InvalidInput listing every problem found."""
    shown = shown_path(path)
    header, rows = read_rows(path)
    expected = [c for c in schema.column_names() if c != LINE]
    problems = _header_problems(header, expected, shown)
    if problems:
        raise InvalidInput(problems)
    if not rows:
        raise InvalidInput([Problem(shown, "has a header but no data rows")])

    columns, problems = _cells_by_column(rows, header, expected, shown)
    frame = pl.DataFrame(columns, schema={LINE: pl.Int64, **{name: pl.String for name in expected}})
    key = next((n for n, c in schema.columns().items() if c.primary_key), expected[0])
    good, found = check_frame(schema, frame, shown, key)
    problems += found
    # Checks dataframely cannot express run on every row as read, so a row with several problems shows all.
    problems += _calendar_problems(frame, shown)
    if "original_id" in frame.columns:
        problems += _unknown_originals(frame, shown)
    if known_sources is not None and "source_id" in frame.columns:
        problems += _unknown_sources(frame, known_sources, shown)
    if problems:
        problems.sort(key=lambda p: (p.row or 0, p.column or ""))
        raise InvalidInput(problems)
    return good.sort(LINE)
