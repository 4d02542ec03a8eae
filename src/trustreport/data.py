"""Validated, normalised tables for the chapters: base units, status and source on every row."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from .errors import InvalidInput
from .schemas import COMPLAINTS, SOURCES
from .tables import parse_period, read_table
from .units import to_base


def load_sources(data_dir: Path) -> pl.DataFrame:
    return read_table(SOURCES, Path(data_dir) / SOURCES.file)


def load_complaints(data_dir: Path) -> pl.DataFrame:
    """Complaint figures with `complaints_count`, `share_pct`, `growth_pct`, `index_score` in base units."""
    data_dir = Path(data_dir)
    sources = load_sources(data_dir)
    raw = read_table(COMPLAINTS, data_dir / COMPLAINTS.file, known_sources=set(sources["id"]))
    base = [to_base(v, u) for v, u in zip(raw["value"], raw["unit"])]
    periods = [parse_period(p) for p in raw["period"]]
    measure = raw["measure"]
    return raw.with_columns(
        period_start=pl.Series([s for s, _ in periods], dtype=pl.Date),
        period_end=pl.Series([e for _, e in periods], dtype=pl.Date),
        complaints_count=pl.Series([b if m == "count" else None for b, m in zip(base, measure)], dtype=pl.Float64),
        share_pct=pl.Series([b if m == "share" else None for b, m in zip(base, measure)], dtype=pl.Float64),
        growth_pct=pl.Series([b if m == "growth" else None for b, m in zip(base, measure)], dtype=pl.Float64),
        index_score=pl.Series([b if m == "index" else None for b, m in zip(base, measure)], dtype=pl.Float64),
    ).join(sources.select(source_id="id", source_title="title", source_publisher="publisher"), on="source_id", how="left")


def validate(data_dir: Path) -> list[str]:
    """Check every raw table in `data_dir`; return what was checked, raise with all problems."""
    problems = []
    checked = []
    for loader, spec in ((load_sources, SOURCES), (load_complaints, COMPLAINTS)):
        try:
            frame = loader(data_dir)
            checked.append(f"{spec.file}: {frame.height} rows")
        except InvalidInput as exc:
            problems.extend(exc.problems)
    if problems:
        # sources.csv problems surface once even though complaints.csv reads it too.
        unique = list(dict.fromkeys(problems))
        raise InvalidInput(unique)
    return checked


def fingerprint(data_dir: Path) -> str:
    """A short hash of every raw table: the same data gives the same fingerprint on any machine."""
    import hashlib

    digest = hashlib.sha256()
    for path in sorted(Path(data_dir).glob("*.csv")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]
