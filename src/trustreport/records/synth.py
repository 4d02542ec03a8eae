"""Synthetic complaint records, for tests and benchmarks only: deterministic, realistic, and labelled.

Every id starts with SYN-, every title with [synthetic], and the file says so in its metadata (Parquet) or in a
sidecar <file>.meta.json (CSV). An ingest of such records is marked synthetic and no edition accepts it unless
the edition sets allow_synthetic, which the default edition may not.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import polars as pl

from .. import files
from ..errors import UsageError
from . import store

CHUNK_ROWS = 1_000_000  # generated and written a chunk at a time: memory stays flat for any --rows
PLATFORMS = {"抖音": 0.36, "淘宝": 0.2, "快手": 0.16, "拼多多": 0.13, "京东": 0.1, "微信": 0.05}
CATEGORIES = {
    "商品质量": 0.24,
    "虚假宣传": 0.2,
    "退换货": 0.18,
    "发货物流": 0.14,
    "售后服务": 0.13,
    "赠品未兑现": 0.06,
    "食品变质": 0.05,
}
STATUSES = {"已完成": 0.52, "处理中": 0.27, "已回复": 0.21}
FIRST_DAY, LAST_DAY = date(2019, 1, 1), date(2023, 12, 31)


def _day_weights() -> tuple[np.ndarray, np.ndarray]:
    """Every day of the records (as ordinals) and its share of the complaints: they grow about 35% a year and peak
    after the 618/616 festivals and Double 11."""
    days = np.arange(FIRST_DAY.toordinal(), LAST_DAY.toordinal() + 1)
    weights = np.empty(days.size)
    for i, ordinal in enumerate(days):
        d = date.fromordinal(int(ordinal))
        w = 1.35 ** (d.year - FIRST_DAY.year)
        if d.month == 6 and 14 <= d.day <= 25:
            w *= 3.0
        elif d.month == 11 and 10 <= d.day <= 20:
            w *= 3.5
        weights[i] = w
    return days, weights / weights.sum()


@dataclass(frozen=True)
class Effect:
    """A known change planted in synthetic records, for testing the event study: from `day` on, `platform` loses
    this fraction of its complaints (-0.3: three in ten never happen)."""

    platform: str
    day: date
    change: float

    @classmethod
    def parse(cls, text: str) -> Effect:
        """'快手:2021-06-01:-0.3'."""
        try:
            platform, day, change = text.rsplit(":", 2)
            effect = cls(platform, date.fromisoformat(day), float(change))
        except ValueError:
            raise UsageError(
                f"--effect {text!r}: write PLATFORM:YYYY-MM-DD:CHANGE, e.g. 快手:2021-06-01:-0.3"
            ) from None
        if effect.platform not in PLATFORMS or not -1 < effect.change < 0:
            raise UsageError(
                f"--effect {text!r}: the platform is one of {', '.join(PLATFORMS)} "
                "and the change between -1 and 0 (a drop)"
            )
        return effect


def _chunk(
    seed: int, index: int, rows: int, days: np.ndarray, weights: np.ndarray, dirty: float, effect: Effect | None = None
) -> pl.DataFrame:
    rng = np.random.default_rng([seed, index])
    start = index * CHUNK_ROWS
    ordinals = rng.choice(days, size=rows, p=weights)
    seconds = rng.integers(0, 86_400, size=rows)
    epoch = date(1970, 1, 1).toordinal()
    timestamps = (ordinals - epoch) * 86_400 + seconds
    platform = rng.choice(list(PLATFORMS), size=rows, p=list(PLATFORMS.values()))
    category = rng.choice(list(CATEGORIES), size=rows, p=list(CATEGORIES.values()))
    status = rng.choice(list(STATUSES), size=rows, p=list(STATUSES.values()))
    amount = np.round(rng.lognormal(mean=5.0, sigma=1.1, size=rows), 2)
    keep = np.ones(rows, dtype=bool)
    if effect is not None:  # the planted effect: some of the platform's complaints after the day never happen
        keep = ~(
            (platform == effect.platform) & (ordinals >= effect.day.toordinal()) & (rng.random(rows) < -effect.change)
        )
    frame = (
        pl.DataFrame(
            {
                "n": np.arange(start, start + rows, dtype=np.int64),
                "ts": timestamps.astype(np.int64),
                "platform": platform,
                "category": category,
                "status": status,
                "amount": amount,
                "amount_missing": rng.random(rows) < 0.1,
            }
        )
        .filter(pl.Series(keep))
        .select(
            id=pl.format(f"{store.SYNTHETIC_PREFIX}{seed}-{{}}", pl.col("n").cast(pl.String).str.zfill(10)),
            created_at=pl.from_epoch("ts", time_unit="s").dt.strftime("%Y-%m-%d %H:%M:%S"),
            platform=pl.col("platform"),
            category=pl.col("category"),
            status=pl.col("status"),
            amount=pl.when(pl.col("amount_missing")).then(None).otherwise(pl.col("amount").cast(pl.String)),
            title=pl.format("[synthetic] {}：{}", pl.col("platform"), pl.col("category")),
        )
    )
    if dirty > 0:
        frame = _make_dirty(frame, rng, dirty)
    return frame


def _make_dirty(frame: pl.DataFrame, rng: np.random.Generator, fraction: float) -> pl.DataFrame:
    """Break a fraction of rows the ways real exports break: bad dates, empty ids, odd statuses, repeats."""
    n = frame.height
    kind = np.where(rng.random(n) < fraction, rng.integers(0, 5, size=n), -1)
    repeat_of = np.maximum(np.arange(n) - 1, 0)
    ids = frame["id"].to_numpy().copy()
    ids[kind == 4] = ids[repeat_of[kind == 4]]  # a row exported twice
    return frame.with_columns(
        id=pl.when(pl.Series(kind == 0)).then(pl.lit("")).otherwise(pl.Series(ids)),
        created_at=pl.when(pl.Series(kind == 1)).then(pl.lit("昨天")).otherwise(pl.col("created_at")),
        status=pl.when(pl.Series(kind == 2)).then(pl.lit("无法识别")).otherwise(pl.col("status")),
        amount=pl.when(pl.Series(kind == 3)).then(pl.lit("-12.5")).otherwise(pl.col("amount")),
    )


def synthesize(rows: int, seed: int, out: Path, dirty: float = 0.0, effect: Effect | None = None) -> Path:
    """Write `rows` synthetic records to `out` (.csv or .parquet), the same file for the same rows and seed (fewer
    rows when an `effect` removes some)."""
    if rows < 1:
        raise UsageError("--rows must be at least 1")
    if not 0 <= dirty < 1:
        raise UsageError("--dirty is a fraction of rows, from 0 up to (not including) 1")
    out = Path(out)
    kind = out.suffix.lower()
    if kind not in (".csv", ".parquet"):
        raise UsageError(f"{out}: write .csv or .parquet")
    out.parent.mkdir(parents=True, exist_ok=True)
    days, weights = _day_weights()
    meta = store.records_meta(
        True,
        generator="trustreport synth-complaints",
        rows=rows,
        seed=seed,
        dirty=dirty,
        **(
            {"effect": {"platform": effect.platform, "day": effect.day.isoformat(), "change": effect.change}}
            if effect
            else {}
        ),
    )
    chunks = range((rows + CHUNK_ROWS - 1) // CHUNK_ROWS)
    with files.replacing(out) as partial:
        _write(partial, kind, rows, seed, chunks, days, weights, dirty, effect, meta)
        if kind == ".csv":
            store.mark_csv(out, meta)  # the mark first: a synthetic file is never in place unmarked
    return out


def _write(
    partial: Path,
    kind: str,
    rows: int,
    seed: int,
    chunks: range,
    days: np.ndarray,
    weights: np.ndarray,
    dirty: float,
    effect: Effect | None,
    meta: dict,
) -> None:
    """The records, chunk by chunk, into `partial` as CSV or Parquet (with their metadata)."""
    if kind == ".csv":
        with open(partial, "wb") as handle:
            for index in chunks:
                size = min(CHUNK_ROWS, rows - index * CHUNK_ROWS)
                _chunk(seed, index, size, days, weights, dirty, effect).write_csv(handle, include_header=index == 0)
    else:
        import pyarrow.parquet as pq

        writer = None
        for index in chunks:
            size = min(CHUNK_ROWS, rows - index * CHUNK_ROWS)
            table = _chunk(seed, index, size, days, weights, dirty, effect).to_arrow()
            if writer is None:
                schema = table.schema.with_metadata({store.META_KEY: json.dumps(meta, ensure_ascii=False)})
                writer = pq.ParquetWriter(partial, schema)
            writer.write_table(table.cast(writer.schema))
        assert writer is not None  # rows >= 1, so there was a chunk
        writer.close()
