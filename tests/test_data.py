"""The raw tables: every bad input a user can make gets one clear message per problem, through the CLI."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, assert_user_error, cli, run
from trustreport.data import load, load_all
from trustreport.units import to_base

RAW = ROOT / "data" / "raw"


@pytest.fixture
def data(tmp_path) -> Path:
    """A scratch copy of the shipped tables to break."""
    target = tmp_path / "raw"
    shutil.copytree(RAW, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, fragment: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if fragment in line:
            return number
    raise AssertionError(fragment)


def test_make_validate_passes_on_the_shipped_data():
    result = run(["make", "validate"])
    assert result.returncode == 0, result.stderr
    for table in ("sources.csv", "complaints.csv", "gala.csv", "festival_gmv.csv", "platform_gmv.csv", "governance.csv", "tactics.csv"):
        assert f"valid: {table}" in result.stdout


def test_every_figure_row_has_a_source_and_a_status():
    tables = load_all(RAW)
    known = set(tables["sources"]["id"])
    for name, frame in tables.items():
        if name == "sources":
            continue
        assert frame["status"].is_in(["reported", "derived", "estimate"]).all(), name
        assert frame["source_id"].is_in(sorted(known)).all(), name


def test_missing_column(data):
    path = data / "gala.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",announced,", ",", 1), encoding="utf-8")
    assert_user_error(cli("validate", "--data", str(data)), 1, "gala.csv, row 1, column 'announced': missing column")


def test_extra_column(data):
    path = data / "tactics.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([lines[0] + ",remark"] + [l + "," for l in lines[1:]]) + "\n", encoding="utf-8")
    assert_user_error(cli("validate", "--data", str(data)), 1, "tactics.csv, row 1, column 'remark': unexpected column")


def test_wrong_type(data):
    path = data / "complaints.csv"
    edit(path, "2020-01/2020-09,2.19,万件", "2020-01/2020-09,2.19x,万件")
    row = line_of(path, "2.19x")
    assert_user_error(cli("validate", "--data", str(data)), 1, f"complaints.csv, row {row}, column 'value': value '2.19x': not a number")


def test_negative_count(data):
    path = data / "complaints.csv"
    edit(path, ",982249,件,", ",-982249,件,")
    row = line_of(path, "-982249")
    assert_user_error(cli("validate", "--data", str(data)), 1, f"row {row}, column 'value'", "a count cannot be negative")


def test_share_outside_0_to_100(data):
    path = data / "complaints.csv"
    edit(path, ",28.37,%,", ",128.37,%,")
    row = line_of(path, "128.37")
    assert_user_error(cli("validate", "--data", str(data)), 1, f"row {row}, column 'value': value '128.37'", "between 0 and 100")


def test_duplicate_key(data):
    path = data / "gala.csv"
    edit(path, "gala-2020-peak,", "gala-2020-viewers,")
    first, repeat = line_of(path, "gala-2020-viewers,"), line_of(path, "同时在线人数峰值")
    assert_user_error(cli("validate", "--data", str(data)), 1, f"gala.csv, row {repeat}, column 'figure_id'", f"duplicate figure_id: already used on row {first}")


def test_unknown_source_id(data):
    path = data / "governance.csv"
    edit(path, "reported,shadafang-2020-12,", "reported,no-such-source,")
    row = line_of(path, "no-such-source")
    assert_user_error(cli("validate", "--data", str(data)), 1, f"governance.csv, row {row}, column 'source_id': value 'no-such-source': unknown source_id")


def test_unknown_unit(data):
    path = data / "platform_gmv.csv"
    edit(path, ",2023,11844,亿元,", ",2023,11844,亿美元,")
    row = line_of(path, "亿美元")
    assert_user_error(cli("validate", "--data", str(data)), 1, f"row {row}, column 'unit': value '亿美元': not one of the allowed values")


def test_unit_that_does_not_fit_the_measure(data):
    path = data / "complaints.csv"
    edit(path, ",2026,件,", ",2026,亿元,")
    assert_user_error(cli("validate", "--data", str(data)), 1, "unit does not fit measure 'count' (use one of: 件, 万件")


@pytest.mark.parametrize("bad", ["2020-13", "June 2020", "2021-02-30", "2021-06/2020-01"])
def test_date_that_does_not_parse(data, bad):
    path = data / "tactics.csv"
    edit(path, "gala-2021,2021-06-15,", f"gala-2021,{bad},")
    row = line_of(path, f"gala-2021,{bad}")
    assert_user_error(cli("validate", "--data", str(data)), 1, f"tactics.csv, row {row}, column 'date': value '{bad}'", "2020-06-16")


def test_empty_file(data):
    (data / "gala.csv").write_bytes(b"")
    assert_user_error(cli("validate", "--data", str(data)), 1, "gala.csv: file is empty")


def test_header_only_file(data):
    path = data / "gala.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    assert_user_error(cli("validate", "--data", str(data)), 1, "gala.csv: has a header but no data rows")


def test_all_problems_of_a_file_at_once(data):
    path = data / "complaints.csv"
    edit(path, ",28.37,%,", ",128.37,%,")
    edit(path, ",982249,件,", ",-982249,件,")
    edit(path, "reported,jaelee-2023,", "guessed,jaelee-2023,")
    result = cli("validate", "--data", str(data))
    assert_user_error(result, 1, "128.37", "-982249", "'guessed'")
    assert "invalid input (3 problems)" in result.stderr


def test_problems_in_several_files_are_all_reported(data):
    edit(data / "complaints.csv", ",28.37,%,", ",128.37,%,")
    edit(data / "gala.csv", ",9008,万人,", ",lots,万人,")
    assert_user_error(cli("validate", "--data", str(data)), 1, "complaints.csv", "gala.csv")


def test_missing_data_folder_is_a_usage_error(tmp_path):
    assert_user_error(cli("validate", "--data", str(tmp_path / "nope")), 2, "no such folder")


def test_gbk_bom_and_windows_line_endings_read_the_same(data):
    reference = load("complaints", RAW)
    path = data / "complaints.csv"
    text = path.read_text(encoding="utf-8").replace("\n", "\r\n")
    path.write_bytes(text.encode("gbk"))
    assert cli("validate", "--data", str(data)).returncode == 0
    assert load("complaints", data).drop("source_line").equals(reference.drop("source_line"))
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert load("complaints", data).drop("source_line").equals(reference.drop("source_line"))


def test_values_are_normalised_to_base_units():
    complaints = load("complaints", RAW)
    row = complaints.filter(complaints["figure_id"] == "c-12315-live-2020q3").row(0, named=True)
    assert (row["value"], row["unit"], row["complaints_count"]) == (2.19, "万件", 21_900)
    gmv = load("platform_gmv", RAW)
    by_id = {r["figure_id"]: r for r in gmv.iter_rows(named=True)}
    assert by_id["ks-gmv-2024"]["gmv_rmb"] == 1.39e12
    assert by_id["ks-gmv-2021q1"]["gmv_rmb"] == 118_559_400_000
    assert by_id["ks-gmv-2021-yoy"]["gmv_rmb"] is None and by_id["ks-gmv-2021-yoy"]["growth_pct"] == 78.4
    assert to_base(5588, "万元") == 55_880_000


def test_a_derived_figure_is_recomputed_and_a_wrong_one_is_caught(data):
    derived = load("platform_gmv", RAW).filter(status="derived")
    assert derived.height >= 1 and derived["derivation"].is_not_null().all()
    edit(data / "platform_gmv.csv", ",2021,6800,亿元,", ",2021,6900,亿元,")
    row = line_of(data / "platform_gmv.csv", "ks-gmv-2020,")
    assert_user_error(cli("validate", "--data", str(data)), 1, f"platform_gmv.csv, row {row}, column 'value'", "does not match its derivation")


def test_a_derived_figure_must_say_how(data):
    edit(data / "platform_gmv.csv", ",{ks-gmv-2021} / (1 + {ks-gmv-2021-yoy} / 100),", ",,")
    assert_user_error(cli("validate", "--data", str(data)), 1, "column 'derivation'", "a derived figure must say how it was made")


def test_a_derivation_is_never_run_as_code(data, tmp_path):
    marker = tmp_path / "ran"
    edit(data / "platform_gmv.csv", "{ks-gmv-2021} / (1 + {ks-gmv-2021-yoy} / 100)", f"__import__('pathlib').Path('{marker}').touch()")
    assert_user_error(cli("validate", "--data", str(data)), 1, "derivation may hold only numbers")
    assert not marker.exists()


def test_data_dictionary_covers_every_column():
    from trustreport.dictionary import markdown
    from trustreport.schemas import TABLES

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
