"""Validated, normalised tables: base units, status and source on every row.

`load_all(data_dir)` reads and checks every raw table, and every derived figure across them. The store keeps the
result per edition in build/<edition>/tables/<name>.parquet, each with the sha256 of the raw file it came from:
`refresh(edition)` (the tables stage) rewrites only the tables whose raw file changed (so make reruns only the
chapters that read them); `load(edition, names)` reads exactly the tables a chapter or assembly asks for, with their
raw files' digests, and writes nothing.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import NamedTuple

import polars as pl

from .. import files
from ..errors import InvalidInput, Problem
from ..project import build_dir, release, shown_path
from . import derivations
from .csvread import LINE, read_table
from .periods import parse_period
from .schemas import TABLES, FigureTable
from .units import UNITS, to_base

# Stored derived values are rounded to the precision a reader needs (3811.7亿), so a recomputation agrees to
# about 1e-5; a wrong input or formula is off by far more than 0.1%.
DERIVATION_TOLERANCE = 1e-3
STORE_KEY = "trustreport"  # Parquet metadata key holding the raw file's name and sha256


def normalise(schema: type[FigureTable], raw: pl.DataFrame) -> pl.DataFrame:
    """Add the figure in base units, in the column its measure names (`complaints_count`), and period bounds."""
    frame = _plain_strings(raw)
    base = [to_base(v, u) for v, u in zip(frame["value"], frame["unit"], strict=True)]
    periods = [parse_period(p) for p in frame["period"]]
    columns = {
        column: pl.Series(
            [b if m == measure else None for b, m in zip(base, frame["measure"], strict=True)], dtype=pl.Float64
        )
        for measure, (_, column) in schema.MEASURES.items()
    }
    return frame.with_columns(
        value_base=pl.Series(base, dtype=pl.Float64),
        period_start=pl.Series([s for s, _ in periods], dtype=pl.Date),
        period_end=pl.Series([e for _, e in periods], dtype=pl.Date),
        **columns,
    )


def _plain_strings(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns(pl.col(c).cast(pl.String) for c in frame.columns if isinstance(frame.schema[c], pl.Enum))


def load_table(name: str, data_dir: Path, known_sources: set[str] | None) -> pl.DataFrame:
    """One table, checked (source ids against `known_sources` unless None) and normalised."""
    schema, file = TABLES[name]
    raw = read_table(schema, Path(data_dir) / file, known_sources=known_sources)
    return normalise(schema, raw) if issubclass(schema, FigureTable) else _plain_strings(raw)


def load_all(data_dir: Path) -> dict[str, pl.DataFrame]:
    """Every table in the folder, or every problem in every file at once; derived figures recomputed."""
    data_dir = Path(data_dir)
    problems: list[Problem] = []
    tables: dict[str, pl.DataFrame] = {}
    known: set[str] | None = None
    for name in TABLES:  # sources first: the others cite it
        try:
            tables[name] = load_table(name, data_dir, known)
        except InvalidInput as exc:
            problems.extend(exc.problems)
        if name == "sources":
            # With sources.csv broken, source ids cannot be checked: its own problems are reported instead.
            known = set(tables["sources"]["id"]) if "sources" in tables else None
    if not problems:
        problems.extend(check_figures(data_dir, tables))
        problems.extend(check_read_before_release(data_dir, tables["sources"]))
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
                problems.append(
                    Problem(shown, f"figure_id already used in {where[fid]}", row=line, column="figure_id", value=fid)
                )
            where[fid] = f"{shown}, row {line}"
            values[fid] = value
    for name, frame in tables.items():
        if "derivation" not in frame.columns:
            continue
        shown = shown_path(data_dir / TABLES[name][1])
        for line, formula, stored, written, unit in (
            frame.filter(pl.col("derivation").is_not_null())
            .select(LINE, "derivation", "value_base", "value", "unit")
            .iter_rows()
        ):
            try:
                computed = derivations.evaluate(formula, values)
            except derivations.FormulaError as exc:
                problems.append(Problem(shown, f"derivation {exc}", row=line, column="derivation", value=formula))
                continue
            if abs(computed - stored) > DERIVATION_TOLERANCE * max(abs(computed), 1e-12):
                # said in the cell's own unit, as the file writes it: 800 万件 against 692.78, not 8e6 against 6.9e6
                factor = UNITS[unit].factor
                problems.append(
                    Problem(
                        shown,
                        f"the value does not match its derivation, which gives "
                        f"{f'{computed / factor:.4f}'.rstrip('0').rstrip('.')} {unit}",
                        row=line,
                        column="value",
                        value=f"{written:.10g}",
                    )
                )
    return problems


def check_read_before_release(data_dir: Path, sources: pl.DataFrame) -> list[Problem]:
    """Every source was read on or before the report's release date (report/release.yml): a report dated before
    the day its sources were read claims to have been published before it could have been written."""
    released = release()["date"]
    shown = shown_path(data_dir / TABLES["sources"][1])
    return [
        Problem(
            shown,
            f"read after the report's release date ({released}, report/release.yml): date the release on or after "
            "the day its last source was read",
            row=line,
            column="accessed",
            value=accessed,
        )
        for line, accessed in sources.select(LINE, "accessed").iter_rows()
        if accessed and str(accessed) > released
    ]


def validate(data_dir: Path) -> list[str]:
    """Check every raw table in `data_dir`; what was checked, or InvalidInput with every problem."""
    tables = load_all(data_dir)
    return [f"{TABLES[name][1]}: {frame.height} rows" for name, frame in tables.items()]


# ---- fingerprints ---------------------------------------------------------------------------------


def file_digest(path: Path) -> str:
    """sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def raw_digests(data_dir: Path) -> dict[str, str]:
    """Each table's raw file digest, by table name (a missing file has none)."""
    return {
        name: file_digest(Path(data_dir) / file)
        for name, (_, file) in TABLES.items()
        if (Path(data_dir) / file).is_file()
    }


def fingerprint(digests: dict[str, str]) -> str:
    """A short hash of named inputs' digests: the same inputs give the same fingerprint on any machine."""
    text = "\n".join(f"{name} {digest}" for name, digest in sorted(digests.items()))
    return hashlib.sha256(text.encode()).hexdigest()[:12]


# ---- the store ------------------------------------------------------------------------------------


def store_dir(edition: str) -> Path:
    return build_dir(edition) / "tables"


def _stored_digest(path: Path) -> str | None:
    try:
        return json.loads(pl.read_parquet_metadata(path).get(STORE_KEY, "{}")).get("sha256")
    except Exception:  # missing or damaged: rebuilt from the raw file
        return None


def refresh(edition: str, data_dir: Path) -> list[str]:
    """Bring build/<edition>/tables up to date with the raw files; the names of the tables rewritten.

    Every table is validated together whenever any changed (derived figures reach across tables), but only the
    changed ones are written, so the others keep their modification time.
    """
    folder = store_dir(edition)
    digests = raw_digests(data_dir)
    stale = [
        name
        for name in TABLES
        if digests.get(name) is None or _stored_digest(folder / f"{name}.parquet") != digests[name]
    ]
    if not stale:
        return []
    tables = load_all(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    for name in stale:
        meta = json.dumps({"file": TABLES[name][1], "sha256": digests[name]})
        with files.replacing(folder / f"{name}.parquet") as partial:
            tables[name].write_parquet(partial, metadata={STORE_KEY: meta})
    return stale


class Snapshot(NamedTuple):
    """Tables as one read of the data gave them, with the sha256 of the raw file each came from, by table name."""

    tables: dict[str, pl.DataFrame]
    digests: dict[str, str]


def load(edition: str, data_dir: Path, names: list[str]) -> Snapshot:
    """The named tables and each one's raw digest, read once. From the edition's store when it holds every table as
    the raw files now are; otherwise every table is read and checked from the raw files (derived figures reach
    across tables), in memory: only the tables stage (`refresh`) writes the store."""
    digests = raw_digests(data_dir)
    # The same raw files give the same tables: a kernel running a chapter for each language of an edition reads them
    # for the first only (polars frames are never changed in place, so the runs can share them).
    key = (str(Path(data_dir).resolve()), tuple(names), tuple(sorted(digests.items())))
    if key in _read:
        return Snapshot(dict(_read[key].tables), dict(_read[key].digests))
    folder = store_dir(edition)
    if all(
        digests.get(name) is not None and _stored_digest(folder / f"{name}.parquet") == digests[name] for name in TABLES
    ):
        tables = {name: pl.read_parquet(folder / f"{name}.parquet") for name in names}
    else:
        every = load_all(data_dir)
        tables = {name: every[name] for name in names}
    _read.clear()  # the last read only: a long-lived process does not keep every version of the data
    _read[key] = Snapshot(tables, {name: digests[name] for name in names if name in digests})
    return Snapshot(dict(tables), dict(_read[key].digests))


_read: dict[tuple, Snapshot] = {}
