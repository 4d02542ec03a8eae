"""An ordinary export of complaints, as a user brings one scraped from a complaint site: the bench's second input.

Where `trustreport synth-complaints` writes `SYN-` text ids and no repeats, an export has plain integer ids, times
written `2022-05-09 04:36:15`, Chinese platform, category and status values (淘宝, 虚假宣传, 处理中), titles like
`投诉#228338`, a tenth of the amounts missing, and 0.5% of its rows repeating the id of an earlier row (a complaint
scraped again, its status and amount as they were then), spread through the file.

    python bench/export.py ROWS OUT.csv|OUT.parquet

The same rows and seed give the same file. The Parquet file holds the same rows with the types polars gives the CSV
by default (integer id, float amount, text for the rest). Both are marked synthetic (a sidecar for CSV, metadata for
Parquet), so their aggregate cannot enter an edition.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import numpy as np
import polars as pl

from trustreport.records import store

PLATFORMS = ["抖音", "淘宝", "快手", "拼多多", "京东", "微信", "美团", "小红书"]
CATEGORIES = [
    "商品质量",
    "虚假宣传",
    "退换货",
    "发货物流",
    "售后服务",
    "赠品未兑现",
    "食品变质",
    "价格欺诈",
    "客服态度",
]
STATUSES = ["已完成", "处理中", "已回复", "待处理"]
REPEATED_SHARE = 0.005
FIRST_ID = 100_000
FIRST_SECOND = 1_546_300_800  # 2019-01-01 00:00:00
SPAN_SECONDS = 5 * 365 * 86_400  # to the end of 2023
CHUNK_ROWS = 1_000_000  # made and written a chunk at a time: memory stays flat for any size


def chunk(seed: int, index: int, rows: int) -> pl.DataFrame:
    """Rows index * CHUNK_ROWS onwards. Row n has id FIRST_ID + n, unless it repeats: then a uniformly drawn earlier
    row's id."""
    rng = np.random.default_rng([seed, index])
    position = np.arange(index * CHUNK_ROWS, index * CHUNK_ROWS + rows, dtype=np.int64)
    ids = FIRST_ID + position
    repeats = (rng.random(rows) < REPEATED_SHARE) & (position > 0)
    ids[repeats] = FIRST_ID + (rng.random(repeats.sum()) * position[repeats]).astype(np.int64)
    amounts = np.round(rng.lognormal(5.0, 1.1, rows), 2)
    return pl.DataFrame(
        {
            "id": ids,
            "created_at": FIRST_SECOND + rng.integers(0, SPAN_SECONDS, rows),
            "platform": rng.choice(PLATFORMS, rows),
            "category": rng.choice(CATEGORIES, rows),
            "status": rng.choice(STATUSES, rows),
            "amount": pl.Series(amounts).scatter(np.flatnonzero(rng.random(rows) < 0.1), None),
        }
    ).with_columns(
        created_at=pl.from_epoch("created_at", time_unit="s").dt.strftime("%Y-%m-%d %H:%M:%S"),
        title=pl.format("投诉#{}", "id"),
    )


def write_export(rows: int, out: Path, seed: int = 1) -> Path:
    """Write `rows` rows to `out` (.csv or .parquet), whole or not at all."""
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(f".{out.name}.partial")
    meta = store.records_meta(True, generator="bench/export.py", rows=rows, seed=seed)
    chunks = [(index, min(CHUNK_ROWS, rows - index * CHUNK_ROWS)) for index in range(-(-rows // CHUNK_ROWS))]
    if out.suffix == ".csv":
        with open(partial, "wb") as handle:
            for index, size in chunks:
                chunk(seed, index, size).write_csv(handle, include_header=index == 0)
        store.mark_csv(out, meta)
    else:
        import pyarrow.parquet as pq

        writer = None
        for index, size in chunks:
            table = chunk(seed, index, size).to_arrow()
            if writer is None:
                schema = table.schema.with_metadata({store.META_KEY: json.dumps(meta, ensure_ascii=False)})
                writer = pq.ParquetWriter(partial, schema)
            writer.write_table(table.cast(writer.schema))
        writer.close()
    os.replace(partial, out)
    return out


if __name__ == "__main__":
    print(write_export(int(sys.argv[1]), Path(sys.argv[2])))
