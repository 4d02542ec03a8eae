"""Property-based tests of the unit normaliser, period parser and complaint aggregator."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trustreport.data.periods import parse_period
from trustreport.data.units import UNITS, to_base
from trustreport.records import ingest as records

units = st.sampled_from(sorted(UNITS))
values = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False)


@given(values, units)
def test_to_base_multiplies_by_the_units_factor(value, unit):
    assert math.isclose(to_base(value, unit), value * UNITS[unit].factor, rel_tol=1e-9, abs_tol=1e-6)


@given(values, values, units)
def test_to_base_keeps_order(a, b, unit):
    if a < b:
        assert to_base(a, unit) <= to_base(b, unit)


@given(st.floats(min_value=0, max_value=1e6, allow_nan=False))
def test_wan_is_ten_thousand(value):
    assert math.isclose(to_base(value, "万件"), to_base(value * 1e4, "件"), rel_tol=1e-9, abs_tol=1e-6)


@given(st.integers(2000, 2040), st.integers(1, 12), st.integers(2000, 2040), st.integers(1, 12))
def test_periods_have_ordered_bounds(y1, m1, y2, m2):
    text = f"{y1}-{m1:02d}/{y2}-{m2:02d}"
    if (y1, m1) <= (y2, m2):
        start, end = parse_period(text)
        assert start == date(y1, m1, 1) and start <= end and end.month == m2
    else:
        try:
            parse_period(text)
        except ValueError:
            return
        raise AssertionError("a range that ends before it starts was accepted")


record = st.tuples(
    st.dates(min_value=date(2019, 1, 1), max_value=date(2023, 12, 31)),
    st.sampled_from(["快手", "抖音", "淘宝"]),
    st.sampled_from(["商品质量", "退换货"]),
    st.sampled_from(["已完成", "处理中", None]),
    st.one_of(st.none(), st.integers(0, 100_000).map(lambda fen: fen / 100)),
)


def frame(rows, start_id=0) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "id": [f"r{start_id + i}" for i in range(len(rows))],
            "created_at": [r[0].isoformat() for r in rows],
            "platform": [r[1] for r in rows],
            "category": [r[2] for r in rows],
            "status": [r[3] for r in rows],
            "amount": [None if r[4] is None else str(r[4]) for r in rows],
            "title": ["t"] * len(rows),
        },
        schema={c: pl.String for c in records.COLUMNS},
    )


def aggregate(df: pl.DataFrame) -> pl.DataFrame:
    return records.aggregate(records._prepared(df.lazy().with_columns(row=pl.int_range(pl.len())))).collect()


@given(st.lists(record, max_size=40), st.lists(record, max_size=40))
def test_aggregate_of_two_record_sets_is_the_sum_of_their_aggregates(a, b):
    left, right = frame(a), frame(b, start_id=len(a))
    whole = aggregate(pl.concat([left, right]))
    parts = [t for t in (aggregate(left), aggregate(right)) if t.height]
    combined = records.combine(parts) if parts else whole
    assert whole.equals(combined)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(record, min_size=1, max_size=30), st.lists(st.integers(0, 29), max_size=10))
def test_ingest_keeps_the_first_row_of_each_repeated_id(tmp_path_factory, rows, repeats):
    """Whatever repeats, the ingest equals aggregating the first row of each id."""
    df = frame(rows)
    # Each copy repeats an id but differs in platform: keeping a copy instead of the first row would show.
    copies = [{**df.row(i % df.height, named=True), "platform": "拼多多"} for i in repeats]
    with_repeats = pl.concat([df, pl.DataFrame(copies, schema=df.schema)]) if copies else df
    folder = Path(tmp_path_factory.mktemp("ingest"))
    with_repeats.write_csv(folder / "in.csv")
    report = records.ingest([str(folder / "in.csv")], folder / "out.parquet")
    assert report.duplicate_ids == len(copies)
    assert pl.read_parquet(folder / "out.parquet").equals(aggregate(df))
