"""One complaint-record aggregation, four ways: our ingest (polars), pandas, DuckDB and a bare polars floor.

Run as `python bench/engines.py ENGINE INPUT OUTPUT`: it aggregates INPUT (CSV or Parquet) to OUTPUT (Parquet)
and prints one JSON line with the wall time of the work, the CPU time of all its threads (user and system: less
moved than wall time by other work on a shared machine) and the process's peak memory (RSS). Imports happen
before the clock starts.

ours, pandas and duckdb do the same job by the same rules (`trustreport.records.ingest`, `_prepared` and `RULES`),
each written the way someone who knows the tool would write it:

- a row is valid when its id (trimmed) is not empty; created_at gives a day (2021-06-16, 2021-06-16 20:15,
  2021/6/16, 2021年6月16日, 2021-06-16T20:15:00Z: the text is trimmed, / 年 月 . become -, and the first
  YYYY-M-D is read); platform and category (trimmed) are not empty; status is empty or, trimmed and in lower
  case, one of RESOLVED or OPEN; amount is empty or, trimmed and without its commas, a number of 0 or more;
- invalid rows are dropped (ours: skip_invalid=True), then of the rows sharing an id the first in file order
  is kept;
- the kept rows are counted by month × platform × category: complaints_count, status_known_count (status in
  RESOLVED or OPEN), resolved_count, and amount_rmb (the sum, rounded to 2; null when no row has an amount).

`bench/check_peers.py` checks that pandas and duckdb give exactly our aggregate, on clean, dirty and export inputs.

DuckDB's first row of each id could also be written `SELECT DISTINCT ON (id) ... ORDER BY id, row`, the plainer
spelling; DuckDB sorts for it, and on the 2,000,000-row export it took twice as long as `arg_min` (9.8-10.3 s against
5.0-5.4 s, paired runs on a busy machine), so the peer keeps `arg_min`.

polars-floor is not an equal: it is the bare job in polars (read, first row per id, group, count and sum) with no
trimming, no date rule and no validation, the least time polars needs on this machine to read these files and do
the grouping. Its output is not expected to match ours (it counts invalid rows, reads only the YYYY-MM-DD form and
gives a group without amounts 0, not null); it is the limit ours is measured against, not a check of it.

Where the peers and ours can differ, on inputs the benchmark files do not hold (check_peers.py runs each case):
- DuckDB's and pandas' number parsers accept a few spellings polars' does not: '1_000' and a doubled sign such as
  '+-0' (DuckDB), and a space left at an end once the commas are gone ('5 ,', both); ours rejects these amounts;
- ours and DuckDB keep an amount of 'nan' (NaN is not below 0) and the group's total becomes NaN; pandas reads
  'nan' as missing, so there the row is invalid;
- lower-casing 'İ' (U+0130) gives 'i̇' in polars but 'i' in DuckDB and Arrow, so a status like 'PENDİNG' is
  valid there and not in ours;
- ours departs from its own rule in one case: when every amount of a group belongs to repeats that are dropped
  (their first rows are in other groups), ours gives 0.0 (it subtracts the repeats' totals) and the peers null;
- the peers read UTF-8 files with our column names; ours also reads GBK and maps Chinese headers (编号, 投诉时间 ...).
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

from trustreport.records.ingest import OPEN, RESOLVED

COLUMNS = ["id", "created_at", "platform", "category", "status", "amount"]  # title is not needed
# What polars' str.strip_chars() removes: Unicode White_Space. Python's str.strip() and Arrow's utf8_trim_whitespace
# also remove U+001C..U+001F, and DuckDB's trim() removes only spaces, so the peers name the characters.
WHITESPACE = "".join(
    map(
        chr,
        [
            0x9,
            0xA,
            0xB,
            0xC,
            0xD,
            0x20,
            0x85,
            0xA0,
            0x1680,
            *range(0x2000, 0x200B),
            0x2028,
            0x2029,
            0x202F,
            0x205F,
            0x3000,
        ],
    )
)
# ingest._date's pattern, applied after / 年 月 . become -. Its \d is any Unicode digit (Rust's regex, like Python's
# re); DuckDB's RE2 needs \p{Nd} for that. Only ASCII digits then parse as a date.
DATE_FALLBACK = r"^(\d{4}-\d{1,2}-\d{1,2})"
DATE_FALLBACK_RE2 = DATE_FALLBACK.replace(r"\d", r"\p{Nd}")


def ours(src: Path, out: Path) -> None:
    from trustreport.records.ingest import ingest

    ingest([str(src)], out, skip_invalid=True)


def pandas(src: Path, out: Path) -> None:
    import numpy as np
    import pandas as pd

    if src.suffix == ".csv":
        # Arrow's multi-threaded CSV reader, every column as text (Arrow-backed strings, so most .str methods below
        # run in Arrow's compute kernels, not in Python). keep_default_na=False: 'NA', 'null', 'nan' ... stay text,
        # as in polars, which reads only an empty field as missing; an empty field becomes ''.
        df = pd.read_csv(src, usecols=COLUMNS, dtype=str, keep_default_na=False, engine="pyarrow")
    else:
        df = pd.read_parquet(src, columns=COLUMNS)
        df = df.astype(str).where(df.notna(), "")  # any column type as text, missing as ''
    ident = df["id"].str.strip(WHITESPACE)
    platform = df["platform"].str.strip(WHITESPACE)
    category = df["category"].str.strip(WHITESPACE)

    # Dates: nearly every row is written YYYY-MM-DD..., so the first ten characters are parsed with one fixed
    # format, where they are exactly that (a cheap anchored match; pandas' %Y-%m-%d alone also takes '-021-06-16',
    # full-width digits and '2021-06- 6', which the rule does not). The rest (2021/6/16, 2021年6月16日, leading
    # spaces, nonsense) take the rule itself: trim, / 年 月 . to -, the first YYYY-M-D, parsed. The rule's \d is
    # any Unicode digit, as in Python's re, but only ASCII digits parse (in polars and here: isascii()).
    created = df["created_at"]
    head = created.str.slice(0, 10)
    iso = head.str.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
    day = pd.to_datetime(head.where(iso), format="%Y-%m-%d", errors="coerce")
    rest = ~iso & (created != "")
    if rest.any():
        text = (
            created[rest]
            .str.strip(WHITESPACE)
            .str.replace(r"[/年月.]", "-", regex=True)
            .str.extract(DATE_FALLBACK, expand=False)
        )
        day[rest] = pd.to_datetime(text.where(text.str.isascii()), format="%Y-%m-%d", errors="coerce")

    status = df["status"].str.strip(WHITESPACE).str.lower()
    is_resolved, is_open = status.isin(RESOLVED), status.isin(OPEN)
    resolved = np.where(is_resolved, 1.0, np.where(is_open, 0.0, np.nan))  # a float: count() skips unknown statuses

    amount_text = df["amount"].str.strip(WHITESPACE).str.replace(",", "", regex=False)
    amount = pd.to_numeric(amount_text, errors="coerce")

    valid = (
        (ident != "")
        & day.notna()
        & (platform != "")
        & (category != "")
        & ((status == "") | is_resolved | is_open)
        & ((amount_text == "") | (amount >= 0))
    ).to_numpy()
    records = pd.DataFrame(
        {
            "id": ident[valid],
            "month": day[valid].to_numpy().astype("datetime64[M]"),
            "platform": platform[valid],
            "category": category[valid],
            "resolved": resolved[valid],
            "amount_rmb": amount[valid],
        }
    )
    # Filtering keeps file order, so keep="first" keeps the first valid row of each id.
    records = records.drop_duplicates("id", keep="first")
    table = (
        records.groupby(["month", "platform", "category"], sort=False, observed=True)
        .agg(
            complaints_count=("id", "size"),
            status_known_count=("resolved", "count"),
            resolved_count=("resolved", "sum"),
            amount_rmb=("amount_rmb", "sum"),
            amounts=("amount_rmb", "count"),
        )
        .reset_index()
    )
    table["resolved_count"] = table["resolved_count"].astype("int64")
    # sum() of no amounts is 0; the rule says a group without amounts has none (NaN is written as null).
    table["amount_rmb"] = table["amount_rmb"].round(2).where(table["amounts"] > 0)
    table.drop(columns="amounts").to_parquet(out, index=False)


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def duckdb_sql(src: Path) -> tuple[str, str]:
    """The macro the query uses and the query (a SELECT of the aggregate), for duckdb() and for reading."""
    if src.suffix == ".csv":
        # DuckDB's parallel CSV reader with the dialect given (nothing to sniff) and every column as text. The
        # first row of an id needs the file order: DuckDB keeps it through a window with an empty OVER (), so
        # row_number() OVER () numbers the rows as they stand in the file (documented under order preservation).
        rows = (
            f"SELECT row_number() OVER () AS row, {', '.join(COLUMNS)} FROM read_csv({_sql_text(str(src))}, "
            "header = true, delim = ',', quote = '\"', escape = '\"', all_varchar = true)"
        )
    else:
        # Parquet has the row's number in the file as a column of the reader, at no cost to parallel reading.
        rows = (
            f"SELECT file_row_number AS row, {', '.join(COLUMNS)} "
            f"FROM read_parquet({_sql_text(str(src))}, file_row_number = true)"
        )
    # trim(s) removes spaces only, and trim(s, chars) with the 25 whitespace characters costs ten times as much
    # (measured), so strip() calls it only for a value whose first or last character is one of them: few are.
    # (contains() rather than IN: DuckDB turns an IN list of 25 into a join. An empty s gives '' and contains()
    # is true; trim() of '' is ''.)
    ws = _sql_text(WHITESPACE)
    macro = (
        f"CREATE TEMP MACRO strip(s) AS "
        f"CASE WHEN contains({ws}, s[1]) OR contains({ws}, s[-1]) THEN trim(s, {ws}) ELSE s END"
    )
    resolved = ", ".join(map(_sql_text, RESOLVED))
    open_ = ", ".join(map(_sql_text, OPEN))
    query = f"""
      WITH records AS ({rows}),
      parsed AS (
        SELECT row,
          strip(id::VARCHAR) AS id, strip(platform::VARCHAR) AS platform, strip(category::VARCHAR) AS category,
          created_at::VARCHAR AS created_at,
          -- The cheap path: the first ten characters cast to a date. The cast is lenient ('21-06-16', '2021 06 16',
          -- ' 2021-06-1' pass), so it is kept only where the date prints back as those ten characters, which is
          -- exactly a YYYY-MM-DD the rule reads the same way.
          TRY_CAST(left(created_at::VARCHAR, 10) AS DATE) AS head_day,
          lower(strip(status::VARCHAR)) AS status,
          replace(strip(amount::VARCHAR), ',', '') AS amount_text
        FROM records
      ),
      checked AS (
        SELECT row, id, platform, category,
          CASE WHEN head_day::VARCHAR = left(created_at, 10) THEN head_day
               -- Only the rows the cheap path leaves (2021/6/16, 2021年6月16日, 2021-6-16, leading spaces, nonsense)
               -- take the rule itself: trim, / 年 月 . to -, the first YYYY-M-D, parsed. CASE evaluates this
               -- branch for those rows alone.
               ELSE try_strptime(regexp_extract(translate(strip(created_at), '/年月.', '----'),
                                                {_sql_text(DATE_FALLBACK_RE2)}, 1), '%Y-%m-%d')::DATE
          END AS day,
          CASE WHEN status IN ({resolved}) THEN true WHEN status IN ({open_}) THEN false END AS resolved,
          status, amount_text,
          TRY_CAST(amount_text AS DOUBLE) AS amount_rmb
        FROM parsed
      ),
      first_rows AS (
        -- The first valid row of each id: arg_min(..., row) takes the row with the lowest row number (any_value
        -- would keep an arbitrary one), carried as one struct. The rules sit in the aggregate's FILTER rather
        -- than in a WHERE: DuckDB pushes a WHERE below the projection above and so parses every field twice
        -- (at 200,000 rows that took half as long again). An id with no valid row gets NULL and is left out below.
        SELECT arg_min({{'month': date_trunc('month', day)::DATE, 'platform': platform, 'category': category,
                         'resolved': resolved, 'amount_rmb': amount_rmb}}, row)
          FILTER (WHERE id <> '' AND day IS NOT NULL AND platform <> '' AND category <> ''  -- NULL fails <> ''
                    AND (coalesce(status, '') = '' OR resolved IS NOT NULL)
                    AND (coalesce(amount_text, '') = '' OR amount_rmb >= 0)) AS first
        FROM checked GROUP BY id
      )
      SELECT first.month AS month, first.platform AS platform, first.category AS category,
        count(*) AS complaints_count, count(first.resolved) AS status_known_count,
        count(*) FILTER (WHERE first.resolved) AS resolved_count,
        round(sum(first.amount_rmb), 2) AS amount_rmb  -- sum() of no values is NULL, as the rule wants
      FROM first_rows WHERE first IS NOT NULL GROUP BY ALL
    """
    return macro, query


def duckdb(src: Path, out: Path) -> None:
    import duckdb as ddb

    macro, query = duckdb_sql(src)
    con = ddb.connect()
    con.execute(macro)
    con.execute(f"COPY ({query}) TO {_sql_text(str(out))} (FORMAT parquet)")


def polars_floor(src: Path, out: Path) -> None:
    """The bare job, no rules: the limit on this machine, not an equal of ours (its output need not match)."""
    import polars as pl

    # polars' own reader with its defaults (types inferred: amount is read as a number from CSV).
    frame = pl.scan_csv(src) if src.suffix == ".csv" else pl.scan_parquet(src)
    (
        # One row per id, whichever polars finds fastest (keep="any", no order kept): the floor does the least
        # work the job needs, so nothing that does the job can beat it on this machine.
        frame.unique("id", keep="any", maintain_order=False)
        .group_by(
            # One fixed format on the first ten characters; strict=False only so that other forms (null here)
            # do not stop it.
            pl.col("created_at")
            .str.slice(0, 10)
            .str.to_date("%Y-%m-%d", strict=False)
            .dt.truncate("1mo")
            .alias("month"),
            "platform",
            "category",
        )
        .agg(
            pl.len().alias("complaints_count"),
            pl.col("status").is_not_null().sum().alias("status_known_count"),
            pl.col("status").is_in(RESOLVED).sum().alias("resolved_count"),
            # A cast, as Parquet holds amounts as text; strict=False so a stray text does not stop it.
            pl.col("amount").cast(pl.Float64, strict=False).sum().round(2).alias("amount_rmb"),
        )
        .collect(engine="streaming")
        .write_parquet(out)
    )


ENGINES = {"ours": ours, "pandas": pandas, "duckdb": duckdb, "polars-floor": polars_floor}

if __name__ == "__main__":
    engine, src, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    work = ENGINES[engine]
    if engine == "pandas":
        import numpy as _
        import pandas as _  # noqa: F811
    elif engine == "duckdb":
        import duckdb as _
    elif engine == "polars-floor":
        import polars as _  # noqa: F401

    def cpu_seconds() -> float:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime + usage.ru_stime

    start, start_cpu = time.perf_counter(), cpu_seconds()
    work(src, out)
    seconds, cpu = time.perf_counter() - start, cpu_seconds() - start_cpu
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "cpu_seconds": cpu, "peak_rss_mb": peak_rss_mb}))
