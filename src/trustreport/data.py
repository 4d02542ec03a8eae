"""Validated, normalised tables for the chapters: base units, status and source on every row."""

from __future__ import annotations

import hashlib
from pathlib import Path

import polars as pl

from . import derivations
from .errors import InvalidInput, Problem
from .schemas import TABLES, FigureTable
from .tables import LINE, parse_period, read_table, shown_path
from .units import to_base

# Stored derived values are rounded to the precision a reader needs (3811.7亿), so a recomputation agrees to
# about 1e-5; a wrong input or formula is off by far more than 0.1%.
DERIVATION_TOLERANCE = 1e-3


def load_sources(data_dir: Path) -> pl.DataFrame:
    schema, file = TABLES["sources"]
    return read_table(schema, Path(data_dir) / file)


def normalise(schema: type[FigureTable], raw: pl.DataFrame) -> pl.DataFrame:
    """Add the figure in base units, in the column its measure names (`complaints_count`), and period bounds."""
    frame = raw.with_columns(pl.col(c).cast(pl.String) for c in raw.columns if isinstance(raw.schema[c], pl.Enum))
    base = [to_base(v, u) for v, u in zip(frame["value"], frame["unit"])]
    periods = [parse_period(p) for p in frame["period"]]
    columns = {
        column: pl.Series([b if m == measure else None for b, m in zip(base, frame["measure"])], dtype=pl.Float64)
        for measure, (_, column) in schema.MEASURES.items()
    }
    return frame.with_columns(
        value_base=pl.Series(base, dtype=pl.Float64),
        period_start=pl.Series([s for s, _ in periods], dtype=pl.Date),
        period_end=pl.Series([e for _, e in periods], dtype=pl.Date),
        **columns,
    )


def load(name: str, data_dir: Path, known_sources: set[str] | None = None) -> pl.DataFrame:
    """One table, checked (source ids against `known_sources`, else sources.csv) and normalised."""
    schema, file = TABLES[name]
    if name == "sources":
        return load_sources(data_dir)
    if known_sources is None:
        known_sources = set(load_sources(data_dir)["id"])
    raw = read_table(schema, Path(data_dir) / file, known_sources=known_sources)
    if issubclass(schema, FigureTable):
        return normalise(schema, raw)
    return raw.with_columns(pl.col(c).cast(pl.String) for c in raw.columns if isinstance(raw.schema[c], pl.Enum))


def _load_unchecked_sources(name: str, data_dir: Path) -> pl.DataFrame:
    schema, file = TABLES[name]
    raw = read_table(schema, Path(data_dir) / file)
    return normalise(schema, raw) if issubclass(schema, FigureTable) else raw


def load_complaints(data_dir: Path) -> pl.DataFrame:
    return load("complaints", data_dir)


def load_all(data_dir: Path) -> dict[str, pl.DataFrame]:
    """Every table in the folder, or every problem in every file at once; derived figures recomputed."""
    data_dir = Path(data_dir)
    problems: list[Problem] = []
    tables: dict[str, pl.DataFrame] = {}
    try:
        tables["sources"] = load_sources(data_dir)
    except InvalidInput as exc:
        problems.extend(exc.problems)
    for name in TABLES:
        if name == "sources":
            continue
        # With sources.csv broken, source ids cannot be checked: its own problems are reported instead.
        known = set(tables["sources"]["id"]) if "sources" in tables else set()
        try:
            tables[name] = load(name, data_dir, known) if known else _load_unchecked_sources(name, data_dir)
        except InvalidInput as exc:
            problems.extend(exc.problems)
    if not problems:
        problems.extend(check_figures(data_dir, tables))
    if problems:
        raise InvalidInput(problems)
    return tables


def check_figures(data_dir: Path, tables: dict[str, pl.DataFrame]) -> list[Problem]:
    """Figure ids unique across tables, and every derived figure equal to its recomputed formula."""
    problems: list[Problem] = []
    values: dict[str, float] = {}
    where: dict[str, str] = {}
    for name, frame in tables.items():
        if "figure_id" not in frame.columns:
            continue
        shown = shown_path(data_dir / TABLES[name][1])
        for fid, line, value in frame.select("figure_id", LINE, "value_base").iter_rows():
            if fid in where:
                problems.append(Problem(shown, f"figure_id already used in {where[fid]}", row=line, column="figure_id", value=fid))
            where[fid] = f"{shown}, row {line}"
            values[fid] = value
    for name, frame in tables.items():
        if "derivation" not in frame.columns:
            continue
        shown = shown_path(data_dir / TABLES[name][1])
        for line, formula, stored in frame.filter(pl.col("derivation").is_not_null()).select(LINE, "derivation", "value_base").iter_rows():
            try:
                computed = derivations.evaluate(formula, values)
            except derivations.FormulaError as exc:
                problems.append(Problem(shown, f"derivation {exc}", row=line, column="derivation", value=formula))
                continue
            if abs(computed - stored) > DERIVATION_TOLERANCE * max(abs(computed), 1e-12):
                problems.append(Problem(shown, f"stored value does not match its derivation, which gives {computed:,.6g} in base units", row=line, column="value", value=stored))
    return problems


def validate(data_dir: Path) -> list[str]:
    """Check every raw table in `data_dir`; what was checked, or InvalidInput with every problem."""
    tables = load_all(data_dir)
    return [f"{TABLES[name][1]}: {frame.height} rows" for name, frame in tables.items()]


def fingerprint(data_dir: Path) -> str:
    """A short hash of every raw table: the same data gives the same fingerprint on any machine."""
    digest = hashlib.sha256()
    for path in sorted(Path(data_dir).glob("*.csv")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]
