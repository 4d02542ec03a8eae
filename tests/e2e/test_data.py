"""The raw tables: what is shipped validates, and reads the same whatever its encoding.

(Bad inputs: bad_inputs/cases.yml.)"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, assert_user_error, cli, relative, run, scratch_in_project
from trustreport.data.tables import load_all, load_table
from trustreport.data.units import to_base

RAW = ROOT / "data" / "raw"


@pytest.fixture
def data(tmp_path) -> Path:
    """A scratch copy of the shipped tables to break."""
    target = tmp_path / "raw"
    shutil.copytree(RAW, target)
    return target


def test_make_validate_passes_on_the_shipped_data():
    result = run(["make", "validate"])
    assert result.returncode == 0, result.stderr
    for table in (
        "sources.csv",
        "complaints.csv",
        "gala.csv",
        "festival_gmv.csv",
        "platform_gmv.csv",
        "governance.csv",
        "tactics.csv",
    ):
        assert f"valid: {table}" in result.stdout


def test_every_figure_row_has_a_source_and_a_status():
    tables = load_all(RAW)
    known = set(tables["sources"]["id"])
    for name, frame in tables.items():
        if name == "sources":
            continue
        assert frame["status"].is_in(["reported", "derived", "estimate"]).all(), name
        assert frame["source_id"].is_in(sorted(known)).all(), name


def test_gbk_bom_and_windows_line_endings_read_the_same(data):
    reference = load_table("complaints", RAW, None)
    path = data / "complaints.csv"
    text = path.read_text(encoding="utf-8").replace("\n", "\r\n")
    path.write_bytes(text.encode("gbk"))
    assert cli("validate", "--data", str(data)).returncode == 0
    assert load_table("complaints", data, None).drop("source_line").equals(reference.drop("source_line"))
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert load_table("complaints", data, None).drop("source_line").equals(reference.drop("source_line"))


def test_values_are_normalised_to_base_units():
    complaints = load_table("complaints", RAW, None)
    row = complaints.filter(complaints["figure_id"] == "c-12315-live-2020q3").row(0, named=True)
    assert (row["value"], row["unit"], row["complaints_count"]) == (2.19, "万件", 21_900)
    gmv = load_table("platform_gmv", RAW, None)
    by_id = {r["figure_id"]: r for r in gmv.iter_rows(named=True)}
    assert by_id["ks-gmv-2024"]["gmv_rmb"] == 1.39e12
    assert by_id["ks-gmv-2021q1"]["gmv_rmb"] == 118_559_400_000
    assert by_id["ks-gmv-2021-yoy"]["gmv_rmb"] is None and by_id["ks-gmv-2021-yoy"]["growth_pct"] == 78.4
    assert to_base(5588, "万元") == 55_880_000


def test_every_derived_figure_says_how_it_was_made():
    for name, frame in load_all(RAW).items():
        if "status" in frame.columns and "derivation" in frame.columns:
            derived = frame.filter(status="derived")
            assert derived["derivation"].is_not_null().all(), name


def test_data_dictionary_covers_every_column():
    from trustreport.data.schemas import TABLES
    from trustreport.render.dictionary import markdown

    text = markdown()
    for schema, file in TABLES.values():
        assert f"`{file}`" in text
        for column in schema.column_names():
            if column != "source_line":
                assert f"`{column}`" in text, f"{file}: {column}"
    assert "`complaints_count`" in text and "`gmv_rmb`" in text


def test_the_report_carries_the_data_dictionary(built):
    page = (built / "site" / "data-dictionary.html").read_text(encoding="utf-8")
    assert "festival_gmv.csv" in page and "gmv_rmb" in page


# ---- what each figure counts, its scope and kind of period: `validate` refuses a row without them ----------------


@pytest.mark.parametrize(
    "column, value, message",
    [
        ("counts", "", "column 'counts': must not be empty"),
        ("counts", "complaint", "column 'counts': value 'complaint': not one of the allowed values"),
        ("scope", "nationwide", "column 'scope': value 'nationwide': not one of the allowed values"),
        ("period_kind", "half_year", "column 'period': value '2020-01/2020-09'"),
    ],
)
def test_validation_refuses_a_row_without_what_it_counts_its_scope_or_period_kind(column, value, message):
    data = scratch_in_project(f"comparability-{column}-{value or 'empty'}")
    shutil.copytree(ROOT / "data" / "raw", data, dirs_exist_ok=True)
    path = data / "complaints.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = lines[1].split(",")
    cells[header.index(column)] = value
    lines[1] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cli("validate", "--data", relative(data))
    assert_user_error(result, 1, f"{relative(data)}/complaints.csv, row 2", message)
    if column == "period_kind":
        assert "does not have the form of a period of kind 'half_year' (2021-H1)" in result.stderr


def test_validation_refuses_a_table_without_the_comparability_columns():
    data = scratch_in_project("comparability-missing-column")
    shutil.copytree(ROOT / "data" / "raw", data, dirs_exist_ok=True)
    path = data / "governance.csv"
    lines = [line.split(",") for line in path.read_text(encoding="utf-8").splitlines()]
    at = lines[0].index("sector")
    # every row has a plain cell at that position (no quoted commas before it in this table's first columns)
    path.write_text("\n".join(",".join(cells[:at] + cells[at + 1 :]) for cells in lines) + "\n", encoding="utf-8")
    result = cli("validate", "--data", relative(data))
    assert_user_error(result, 1, f"{relative(data)}/governance.csv, row 1, column 'sector': missing column")
