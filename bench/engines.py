"""One complaint-record aggregation, three ways: our ingest (polars), pandas and DuckDB.

Run as `python bench/engines.py ENGINE INPUT OUTPUT`: it aggregates INPUT (CSV or Parquet) to OUTPUT (Parquet)
and prints one JSON line with the wall time of the work and the process's peak memory (RSS). Each engine does
the same thing: parse the day, map statuses, drop invalid rows, keep one row per id, and count by
month × platform × category. Imports happen before the clock starts.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

from trustreport.records.ingest import OPEN, RESOLVED


def ours(src: Path, out: Path) -> None:
    from trustreport.records.ingest import ingest

    ingest([str(src)], out, skip_invalid=True)


def pandas(src: Path, out: Path) -> None:
    import pandas as pd

    if src.suffix == ".csv":
        df = pd.read_csv(src, dtype=str, keep_default_na=False)
    else:
        df = pd.read_parquet(src).fillna("")
    df["id"] = df["id"].str.strip()
    day_text = df["created_at"].str.strip().str.replace(r"[/年月.]", "-", regex=True).str.replace("日", "").str.extract(r"^(\d{4}-\d{1,2}-\d{1,2})")[0]
    df["day"] = pd.to_datetime(day_text, format="%Y-%m-%d", errors="coerce")
    status = df["status"].str.strip().str.lower()
    df["resolved"] = pd.Series(pd.NA, index=df.index, dtype="boolean")
    df.loc[status.isin(RESOLVED), "resolved"] = True
    df.loc[status.isin(OPEN), "resolved"] = False
    amount_text = df["amount"].str.strip().str.replace(",", "")
    df["amount_rmb"] = pd.to_numeric(amount_text, errors="coerce")
    bad = (
        (df["id"] == "") | df["day"].isna() | (df["platform"].str.strip() == "") | (df["category"].str.strip() == "")
        | ((status != "") & df["resolved"].isna()) | ((amount_text != "") & df["amount_rmb"].isna()) | (df["amount_rmb"] < 0)
    )
    valid = df[~bad].drop_duplicates("id", keep="first")
    valid = valid.assign(month=valid["day"].dt.to_period("M").dt.to_timestamp(), platform=valid["platform"].str.strip(), category=valid["category"].str.strip())
    table = valid.groupby(["month", "platform", "category"], as_index=False).agg(
        complaints_count=("id", "size"), status_known_count=("resolved", "count"),
        resolved_count=("resolved", lambda s: int(s.fillna(False).sum())), amount_rmb=("amount_rmb", "sum"),
    )
    table["amount_rmb"] = table["amount_rmb"].round(2)
    table.to_parquet(out, index=False)


def duckdb(src: Path, out: Path) -> None:
    import duckdb as ddb

    reader = f"read_csv('{src}', all_varchar = true, header = true)" if src.suffix == ".csv" else f"read_parquet('{src}')"
    resolved = ", ".join(f"'{s}'" for s in RESOLVED)
    open_ = ", ".join(f"'{s}'" for s in OPEN)
    ddb.sql(f"""
    COPY (
      WITH prepared AS (
        SELECT trim(id) AS id, trim(platform) AS platform, trim(category) AS category,
          TRY_CAST(try_strptime(regexp_extract(replace(regexp_replace(trim(created_at), '[/年月.]', '-', 'g'), '日', ''),
                   '^(\\d{{4}}-\\d{{1,2}}-\\d{{1,2}})', 1), '%Y-%m-%d') AS DATE) AS day,
          lower(trim(status)) AS status_text,
          replace(trim(amount), ',', '') AS amount_text,
          TRY_CAST(replace(trim(amount), ',', '') AS DOUBLE) AS amount_rmb
        FROM {reader}
      ), flagged AS (
        SELECT *, CASE WHEN status_text IN ({resolved}) THEN true WHEN status_text IN ({open_}) THEN false END AS resolved
        FROM prepared
      ), valid AS (
        SELECT * FROM flagged
        WHERE coalesce(id, '') <> '' AND day IS NOT NULL AND coalesce(platform, '') <> '' AND coalesce(category, '') <> ''
          AND NOT (coalesce(status_text, '') <> '' AND resolved IS NULL)
          AND NOT (coalesce(amount_text, '') <> '' AND amount_rmb IS NULL) AND coalesce(amount_rmb, 0) >= 0
      ), one_per_id AS (
        SELECT id, any_value(day) AS day, any_value(platform) AS platform, any_value(category) AS category,
               any_value(resolved) AS resolved, any_value(amount_rmb) AS amount_rmb
        FROM valid GROUP BY id
      )
      SELECT date_trunc('month', day)::DATE AS month, platform, category, count(*) AS complaints_count,
             count(resolved) AS status_known_count, count(*) FILTER (WHERE resolved) AS resolved_count,
             round(sum(amount_rmb), 2) AS amount_rmb
      FROM one_per_id GROUP BY ALL ORDER BY ALL
    ) TO '{out}' (FORMAT parquet)
    """)


if __name__ == "__main__":
    engine, src, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    work = {"ours": ours, "pandas": pandas, "duckdb": duckdb}[engine]
    if engine == "pandas":
        import pandas as _  # noqa: F401  (imports are not timed)
    elif engine == "duckdb":
        import duckdb as _  # noqa: F401,F811  (imports are not timed)
    start = time.perf_counter()
    work(src, out)
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
