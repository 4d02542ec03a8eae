"""Fuzzing the readers: any input ends in a result or a clear error, never a traceback. And odd inputs."""

from __future__ import annotations

import math
import re
import shutil
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, cli
from trustreport.data.csvread import read_table
from trustreport.data.schemas import TABLES
from trustreport.data.units import UNITS, to_base
from trustreport.errors import UserError
from trustreport.records import ingest as records

FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
header = ",".join(c for c in TABLES["complaints"][0].column_names() if c != "source_line")
cells = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        ["", "2.19", "-1", "万件", "%", "2020-01/2020-09", "reported", "seed", "count", "NaN", "inf", '"', ",", "\r\n"]
    ),
)


@FUZZ
@given(st.binary(max_size=400))
def test_any_bytes_as_a_table_end_in_a_result_or_a_clear_error(tmp_path_factory, raw):
    path = Path(tmp_path_factory.mktemp("fuzz")) / "complaints.csv"
    path.write_bytes(raw)
    try:
        read_table(TABLES["complaints"][0], path, known_sources={"seed"})
    except UserError as exc:
        assert str(exc)


@FUZZ
@given(st.lists(st.lists(cells, min_size=13, max_size=14), max_size=6))
def test_any_rows_under_a_real_header_end_in_a_result_or_a_clear_error(tmp_path_factory, rows):
    path = Path(tmp_path_factory.mktemp("fuzz")) / "complaints.csv"
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    path.write_text(header + "\n" + buffer.getvalue(), encoding="utf-8")
    try:
        frame = read_table(TABLES["complaints"][0], path, known_sources={"seed"})
        assert frame.height == len([r for r in rows if any(c.strip() for c in r)])
    except UserError as exc:
        assert all(p.rule for p in exc.problems)


@FUZZ
@given(st.floats(allow_nan=True, allow_infinity=True), st.sampled_from(sorted(UNITS)))
def test_the_normaliser_gives_the_product_or_refuses(value, unit):
    """NaN, infinities and overflow are among the inputs: each is refused; every other float is multiplied."""
    product = value * UNITS[unit].factor
    if math.isfinite(product):
        assert math.isclose(to_base(value, unit), product, rel_tol=1e-11, abs_tol=1e-300)
    else:
        with pytest.raises(ValueError):
            to_base(value, unit)


@FUZZ
@given(
    st.lists(
        st.lists(
            st.one_of(st.text(max_size=8), st.sampled_from(["2021-06-16", "已完成", "-1", "", "快手"])),
            min_size=4,
            max_size=4,
        ),
        min_size=1,
        max_size=8,
    )
)
def test_any_complaint_records_end_in_an_aggregate_or_a_clear_error(tmp_path_factory, rows):
    folder = Path(tmp_path_factory.mktemp("fuzz"))
    pl.DataFrame(rows, schema=["id", "created_at", "platform", "category"], orient="row").write_csv(folder / "r.csv")
    try:
        report = records.ingest([str(folder / "r.csv")], folder / "a.parquet")
    except UserError as exc:
        assert str(exc)
        return
    # Counted here, independently: the distinct ids of the rows the rules keep.
    valid = [
        r
        for r in rows
        if r[0].strip() and r[2].strip() and r[3].strip() and re.match(r"^\s*\d{4}[-/年.]\d{1,2}[-/月.]\d{1,2}", r[1])
    ]
    assert report.records_kept == len({r[0].strip() for r in valid})
    assert report.duplicate_ids == len(valid) - len({r[0].strip() for r in valid})


def test_a_one_row_records_file(tmp_path):
    (tmp_path / "r.csv").write_text("id,created_at,platform,category\na1,2021-06-16,快手,质量\n", encoding="utf-8")
    result = cli("ingest-complaints", str(tmp_path / "r.csv"), "--out", str(tmp_path / "a.parquet"))
    assert result.returncode == 0 and "kept 1 complaints in 1 " in result.stdout


def test_ten_thousand_categories(tmp_path):
    rows = [f"id{i},2021-06-{1 + i % 28:02d},快手,类别{i}" for i in range(10_000)]
    (tmp_path / "r.csv").write_text("id,created_at,platform,category\n" + "\n".join(rows) + "\n", encoding="utf-8")
    result = cli("ingest-complaints", str(tmp_path / "r.csv"), "--out", str(tmp_path / "a.parquet"))
    assert result.returncode == 0, result.stderr
    assert pl.read_parquet(tmp_path / "a.parquet")["category"].n_unique() == 10_000


def test_a_table_of_one_row(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "raw", data)
    lines = (data / "gala.csv").read_text(encoding="utf-8").splitlines()
    (data / "gala.csv").write_text("\n".join(lines[:2]) + "\n", encoding="utf-8")
    assert cli("validate", "--data", str(data)).returncode == 0
