"""The complaint-record store: the aggregate `ingest-complaints` writes, its metadata, and the marks that say a
record file is synthetic. Every other module reads and writes these through here.

An aggregate is a Parquet file of counts by month × platform × category whose metadata (key `trustreport`) says
what it was made from: input files, rows read, invalid and repeated rows dropped, and whether it is synthetic.
"""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from pathlib import Path

import polars as pl

from .. import files
from ..errors import InvalidInput, Problem, UserError
from ..project import shown_path

META_KEY = "trustreport"
SYNTHETIC_PREFIX = "SYN-"  # ids of synthetic records start with it
AGGREGATE = "complaint-aggregate"
RECORDS = "complaint-records"


def write_aggregate(table: pl.DataFrame, out: Path, made_from: dict) -> None:
    """Write an aggregate whole or not at all, its metadata saying what it was made from."""
    meta = {"kind": AGGREGATE, **made_from, "made": datetime.now(UTC).isoformat(timespec="seconds")}
    # Made in memory (an aggregate is small), then written by Python: a full or read-only disk is then an OSError
    # with the system's words, where polars writing the file itself raises its own error with them inside.
    parquet = io.BytesIO()
    table.write_parquet(parquet, metadata={META_KEY: json.dumps(meta)})
    try:
        with files.replacing(out) as partial:
            partial.write_bytes(parquet.getbuffer())
    except OSError as exc:
        raise UserError(f"could not write {shown_path(out)}: {exc.strerror or exc}") from None


def _parquet_meta(path: Path) -> dict:
    try:
        return json.loads(pl.read_parquet_metadata(path)[META_KEY])
    except Exception:  # not Parquet, damaged, or without our metadata
        return {}


def read_meta(path: Path) -> dict:
    """What an aggregate's metadata says (inputs, counts, synthetic or not); refuses any other file."""
    meta = _parquet_meta(path)
    if meta.get("kind") != AGGREGATE:
        raise InvalidInput(
            [Problem(shown_path(path), "not a complaint aggregate made by `trustreport ingest-complaints`")]
        )
    return meta


def read(path: Path) -> tuple[pl.DataFrame, dict]:
    """An aggregate and its metadata."""
    meta = read_meta(path)
    return pl.read_parquet(path), meta


def check(path: Path, allow_synthetic: bool, named_in: str) -> None:
    """An edition's aggregate must be one, and real data unless the edition allows synthetic records."""
    try:
        meta = read_meta(path)
    except InvalidInput:
        raise InvalidInput(
            [
                Problem(
                    named_in,
                    "not an aggregate made by `trustreport ingest-complaints`",
                    key="complaint_records",
                    value=shown_path(path),
                )
            ]
        ) from None
    if meta.get("synthetic") and not allow_synthetic:
        raise InvalidInput(
            [
                Problem(
                    named_in,
                    "holds synthetic records (for tests and benchmarks); "
                    "only an edition with allow_synthetic: true takes them",
                    key="complaint_records",
                    value=shown_path(path),
                )
            ]
        )


def records_meta(synthetic: bool, **about) -> dict:
    """The metadata a file of records carries (synth-complaints marks its output synthetic with it)."""
    return {"kind": RECORDS, "synthetic": synthetic, **about}


def mark_csv(path: Path, meta: dict) -> None:
    """CSV cannot hold metadata: it goes in a sidecar <file>.meta.json."""
    files.write_json(Path(f"{path}.meta.json"), meta)


def is_synthetic_file(path: Path) -> bool:
    """Synthetic record files say so: in Parquet metadata, or in a sidecar <file>.meta.json for CSV."""
    sidecar = Path(f"{path}.meta.json")
    if sidecar.is_file():
        try:
            return bool(files.read_json(sidecar).get("synthetic"))
        except (ValueError, UnicodeDecodeError):
            return False
    if path.suffix.lower() in (".parquet", ".pq"):
        return bool(_parquet_meta(path).get("synthetic"))
    return False
