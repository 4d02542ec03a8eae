"""Do the benchmark's peers give exactly our aggregate? Exits 1 if one does not.

    PYTHONPATH=src .venv/bin/python bench/check_peers.py

Runs every engine of bench/engines.py (each in its own process, as `make bench` does) on:
- 200,000 synthetic records, clean and with 2% dirty rows (`synth-complaints --rows 200000 --seed 1 [--dirty 0.02]`:
  empty ids, unreadable dates, unknown statuses, negative amounts, repeated ids whose rows differ), CSV and Parquet;
- 200,000 rows of an ordinary export (bench/export.py: integer ids, 0.5% of rows repeating an earlier row's id with
  other values), CSV and Parquet (integer id and float amount columns there);
- a small hand-written file, CSV and Parquet, with every date form the rules read, whitespace (also U+3000 and
  NBSP), statuses in other cases, amounts with thousands separators, the inputs a lenient parser would wrongly
  accept ('21-06-16', '2021 06 16', '-021-06-16', '2021-06- 6'), 'NA' and 'null' as values, a quoted line break,
  repeated ids whose first row is invalid or in another group, and a group with no amounts.

Our aggregate is `ingest(..., skip_invalid=True)`; pandas and duckdb must equal it after `run.normalised()` (the
comparison `make bench` makes). polars-floor is run and timed but not required to match: it applies no rules.
Inputs are made once in bench/.data/check/ (ignored by git). Times printed are single rough runs, not benchmarks.

Last, the known differences (KNOWN) are run and reported, not failed: inputs the benchmark files do not hold, where
a peer's parser and polars' disagree, or where ours departs from its own rule.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import DATA, KEYS, PY, normalised, run_engine

ROWS = 200_000
CHECK = DATA / "check"
ENGINES = ["ours", "pandas", "duckdb", "polars-floor"]
MUST_MATCH = {"pandas", "duckdb"}

# (id, created_at, platform, category, status, amount, title); None is a missing value (an empty CSV field).
EDGE_ROWS = [
    ("E01", "2021-06-16", "抖音", "商品质量", "已完成", "12.50", "plain"),
    ("E02", "2021-06-16 20:15", "抖音", "商品质量", "RESOLVED", "1,234.56", "time, upper case, thousands"),
    ("E03", "2021/6/16", "淘宝", "退换货", " Open ", "", "slashes, one-digit month"),
    ("E04", "2021年6月16日", "淘宝", "退换货", "处理中", "0", "Chinese date"),
    ("E05", "2021-06-16T20:15:00Z", "京东", "发货物流", "", "  7 ", "ISO with zone"),
    ("E06", "  2021-07-01", " 京东 ", "发货物流\u3000", "pending", "1,000", "whitespace around"),
    ("E07", "\u30002021.7.2", "京东", "发货物流", "In_Progress", "3.25", "ideographic space, dots"),
    ("E08", "2021-6-3 08:00", "京东", "发货物流", "\u00a0done\u00a0", "1,2,3", "one digit, NBSP status"),
    ("E09", "2021/06/16 08:00:00", "快手", "虚假宣传", "已回复", "5.", "slashes with time"),
    ("E10", "2021年06月16日 10:00", "快手", "虚假宣传", "CLOSED", ".5", "Chinese with time"),
    ("E11", "2021-06-161", "快手", "虚假宣传", "已解决", "+5", "day followed by a digit"),
    ("E12", "2021-6-1x", "快手", "虚假宣传", None, None, "junk after a short date"),
    ("E13", "2021-06-16日", "快手", "虚假宣传", "Unresolved", "1e3", "day mark after a dash date"),
    ("E14", "2020-2-29", "微信", "退换货", "待处理", ",", "leap day; a comma alone is no amount"),
    ("E15", "2021/6/16日", "微信", "退换货", "已受理", "-0", "minus zero"),
    ("B01", "昨天", "微信", "退换货", "已完成", "1", "bad date"),
    ("B02", "2021-02-30", "微信", "退换货", "已完成", "1", "no such day"),
    ("B03", "21-06-16", "微信", "退换货", "已完成", "1", "two-digit year"),
    ("B04", "2021 06 16", "微信", "退换货", "已完成", "1", "spaces as separators"),
    ("B05", "-021-06-16", "微信", "退换货", "已完成", "1", "signed year"),
    ("B06", "2021-06- 6", "微信", "退换货", "已完成", "1", "space in the day"),
    ("B07", "２０２１-06-16", "微信", "退换货", "已完成", "1", "full-width digits"),
    ("B19", "2021-06-1\u0663", "微信", "退换货", "已完成", "1", "an Arabic-Indic digit in the day"),
    ("B20", "2021年6月1٣日", "微信", "退换货", "已完成", "1", "the same in a Chinese date"),
    ("B08", "20210616", "微信", "退换货", "已完成", "1", "no separators"),
    ("B09", None, "微信", "退换货", "已完成", "1", "no date"),
    ("", "2021-06-16", "微信", "退换货", "已完成", "1", "empty id"),
    ("  ", "2021-06-16", "微信", "退换货", "已完成", "1", "blank id"),
    (None, "2021-06-16", "微信", "退换货", "已完成", "1", "missing id"),
    ("B10", "2021-06-16", "", "退换货", "已完成", "1", "empty platform"),
    ("B11", "2021-06-16", "\u3000", "退换货", "已完成", "1", "blank platform"),
    ("B12", "2021-06-16", "微信", None, "已完成", "1", "missing category"),
    ("B13", "2021-06-16", "微信", "退换货", "无法识别", "1", "unknown status"),
    ("B14", "2021-06-16", "微信", "退换货", "null", "1", "'null' is text, an unknown status"),
    ("B15", "2021-06-16", "微信", "退换货", "已完成", "-12.5", "negative amount"),
    ("B16", "2021-06-16", "微信", "退换货", "已完成", "abc", "not a number"),
    ("B17", "2021-06-16", "微信", "退换货", "已完成", "1.2.3", "not a number"),
    ("B18", "2021-06-16", "微信", "退换货", "已完成", "NA", "'NA' is text, not a number"),
    ("NA", "2021-05-05", "微信", "食品变质", "open", None, "'NA' is an id; a group with no amount"),
    ("D1", "坏日期", "拼多多", "售后服务", "已完成", "100", "repeat: first row invalid"),
    ("D1", "2021-08-08", "拼多多", "售后服务", "已完成", "200", "repeat: first valid row, kept"),
    ("D1", "2021-09-09", "拼多多", "商品质量", "处理中", "300", "repeat: later, dropped"),
    ("D2", "2021-08-08", "拼多多", "赠品未兑现", "已完成", "40", "repeat: first, kept"),
    ("D2", "2021-08-09", "拼多多", "赠品未兑现", "处理中", None, "repeat: same group, dropped"),
    (" D3", "2021-10-10", "淘宝", "商品质量", "已完成", "5", "repeat after trimming: first, kept"),
    ("D3\u3000", "2021-11-11", "淘宝", "商品质量", "已完成", "6", "repeat after trimming: dropped"),
    ("E16", "2021-10-10", "淘宝", "商品质量", "已完成", "7", 'a quoted "line\nbreak", and a comma'),
]
EDGE_COLUMNS = ["id", "created_at", "platform", "category", "status", "amount", "title"]

# Each case is one file: a valid row in another month (so something is always kept) and the rows of the case.
ANCHOR = ("K0", "2021-03-03", "抖音", "商品质量", "已完成", "1", "anchor")
KNOWN = {
    "repeat-takes-the-only-amount": (
        "X has no amount; Y's first row is in February and its repeat, dropped, in January with the group's only "
        "amount: January has no total (null). Ours once gave 0.0 here (5 - 5); fixed, and kept as a check",
        [
            ("X", "2021-01-05", "抖音", "商品质量", "已完成", None, ""),
            ("Y", "2021-02-05", "抖音", "商品质量", "已完成", "3", ""),
            ("Y", "2021-01-06", "抖音", "商品质量", "已完成", "5", ""),
        ],
    ),
    "amount-nan": (
        "amount 'nan': ours refuses it (no amount of money) and pandas reads it as missing, so the row is "
        "invalid; DuckDB keeps it (NaN is not below 0) and the total becomes NaN",
        [("X", "2021-01-05", "抖音", "商品质量", "已完成", "nan", "")],
    ),
    "amount-underscore": (
        "amount '1_000': DuckDB's cast reads digit separators, polars' does not",
        [("X", "2021-01-05", "抖音", "商品质量", "已完成", "1_000", "")],
    ),
    "amount-space-before-comma": (
        "amount '5 ,': without its comma '5 ', which DuckDB's and pandas' parsers read and polars' does not",
        [("X", "2021-01-05", "抖音", "商品质量", "已完成", "5 ,", "")],
    ),
    "status-dotted-capital-i": (
        "status 'PENDİNG': lower-cased 'pendi̇ng' by polars (unknown), 'pending' by DuckDB and Arrow",
        [("X", "2021-01-05", "抖音", "商品质量", "PENDİNG", "1", "")],
    ),
}


def synthetic(dirty: float, fmt: str) -> Path:
    path = CHECK / f"{'dirty' if dirty else 'clean'}-{ROWS // 1000}k.{fmt}"
    if not path.is_file():
        CHECK.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                PY,
                "-m",
                "trustreport",
                "synth-complaints",
                "--rows",
                str(ROWS),
                "--seed",
                "1",
                "--out",
                str(path),
                *(["--dirty", str(dirty)] if dirty else []),
            ],
            check=True,
        )
    return path


def export(fmt: str) -> Path:
    path = CHECK / f"export-{ROWS // 1000}k.{fmt}"
    if not path.is_file():
        subprocess.run([PY, str(Path(__file__).parent / "export.py"), str(ROWS), str(path)], check=True)
    return path


def edge_cases(fmt: str) -> Path:
    path = CHECK / f"edge-cases.{fmt}"
    frame = pl.DataFrame(EDGE_ROWS, schema={c: pl.String for c in EDGE_COLUMNS}, orient="row")
    CHECK.mkdir(parents=True, exist_ok=True)
    frame.write_csv(path) if fmt == "csv" else frame.write_parquet(path)
    return path


def differences(table: pl.DataFrame, reference: pl.DataFrame) -> pl.DataFrame:
    """Rows of either aggregate that the other lacks, marked by side."""
    both = reference.join(table, on=KEYS, how="full", suffix="_peer", coalesce=True, nulls_equal=True)
    columns = [c for c in reference.columns if c not in KEYS]
    differ = pl.any_horizontal(pl.col(c).ne_missing(pl.col(f"{c}_peer")) for c in columns)
    return both.filter(differ)


def known_differences() -> None:
    """Run each KNOWN case through ours and the peers (in this process) and say which peers differ from ours."""
    import engines

    print("Known differences (reported, not failed):")
    for name, (why, rows) in KNOWN.items():
        src = CHECK / f"known-{name}.csv"
        pl.DataFrame([ANCHOR, *rows], schema={c: pl.String for c in EDGE_COLUMNS}, orient="row").write_csv(src)
        tables = {}
        for engine in ["ours", *sorted(MUST_MATCH)]:
            out = CHECK / f"out-known-{name}-{engine}.parquet"
            engines.ENGINES[engine](src, out)
            tables[engine] = normalised(out)
        differ = [e for e in sorted(MUST_MATCH) if not tables[e].equals(tables["ours"])]
        print(f"  {name}: {'differs: ' + ', '.join(differ) if differ else 'no difference now'}. {why}.")


def main() -> int:
    inputs = [
        *[synthetic(dirty, fmt) for dirty in (0.0, 0.02) for fmt in ("csv", "parquet")],
        *[export(fmt) for fmt in ("csv", "parquet")],
        *[edge_cases(fmt) for fmt in ("csv", "parquet")],
    ]
    failures = []
    for src in inputs:
        outputs = {engine: CHECK / f"out-{src.stem}-{src.suffix[1:]}-{engine}.parquet" for engine in ENGINES}
        timing = {engine: run_engine(engine, src, out) for engine, out in outputs.items()}
        meta = json.loads(pl.read_parquet_metadata(outputs["ours"])["trustreport"])
        reference = normalised(outputs["ours"])
        print(
            f"{src.name}: {meta['rows_read']:,} rows, {meta['invalid_rows']:,} invalid, "
            f"{meta['duplicate_ids']:,} repeated ids, {meta['records_kept']:,} kept in {reference.height:,} groups"
        )
        for engine in ENGINES:
            table = normalised(outputs[engine])
            same = table.equals(reference)
            verdict = (
                "same as ours"
                if same
                else ("differs (no rules: expected)" if engine not in MUST_MATCH else "DIFFERENT")
            )
            print(
                f"  {engine:13} {timing[engine]['seconds']:6.2f} s {timing[engine]['peak_rss_mb']:6.0f} MB  {verdict}"
            )
            if engine in MUST_MATCH and not same:
                failures.append(f"{engine} on {src.name}")
                with pl.Config(tbl_rows=20, tbl_cols=20, tbl_width_chars=200):
                    print(differences(table, reference).head(20))
    known_differences()
    if failures:
        print("MISMATCH: " + "; ".join(failures))
        return 1
    print("pandas and duckdb give exactly our aggregate on every input above.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
