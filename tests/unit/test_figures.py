"""The rules, checked against values written out here, never against the code that applies them: figures
as the prose states them, found by what they are, scaled for a chart (trustreport.chapter.figures)."""

from __future__ import annotations

import pytest

from conftest import ROOT
from trustreport.chapter.figures import Figures
from trustreport.data.tables import load_all
from trustreport.errors import UserError
from trustreport.numbers import NOT_REPORTED


@pytest.fixture(scope="module")
def figures() -> Figures:
    return Figures(load_all(ROOT / "data" / "raw"))


@pytest.mark.parametrize(
    "figure_id, phrase",
    [
        ("gala-2020-viewers", "90.08 million"),
        ("c-12315-online-2020", "2.03 million"),
        ("ks-gmv-2021", "RMB 680 billion"),
        ("gov-2021-intercepted", "more than 62.44 million"),
        ("c-samr-live-2021", "102,700 (derived)"),
        ("c-12315-live-2020q3", "21,900"),
        ("p-all-618-2021", "RMB 578.5 billion (estimate)"),
        ("gala-2020-hotsearch", "more than 200"),
        (None, NOT_REPORTED),
        ("no-such-figure", NOT_REPORTED),
    ],
)
def test_figures_as_the_prose_states_them(figures, figure_id, phrase):
    assert figures.text(figure_id) == phrase


def test_a_figure_the_data_does_not_hold_reads_not_reported_and_is_noted_one_of_an_undeclared_table_is_an_error(
    figures,
):
    """A user's own data may leave a figure out: "not reported", and the id noted for the build to name (a mistyped
    id reads the same). A figure of a table the chapter did not declare is never "not reported": the build stops."""
    tables = figures.tables
    declared = Figures(
        {"sources": tables["sources"], "gala": tables["gala"]},
        "en",
        table_of=lambda fid: next((t for t in ("complaints", "gala") if fid in set(tables[t]["figure_id"])), None),
    )
    assert declared.text("gala-2020-viewers") == "90.08 million"
    assert declared.text("c-blackcat-cum-2012") == NOT_REPORTED
    assert declared.label("gala-2021-typo") == NOT_REPORTED
    assert list(declared.absent) == ["c-blackcat-cum-2012", "gala-2021-typo"]
    with pytest.raises(
        UserError, match="'c-blackcat-cum-2021' is in the table 'complaints', which this chapter did not"
    ):
        declared.text("c-blackcat-cum-2021")


def test_a_ratio_and_its_absence(figures):
    assert figures.ratio("c-xfb-douyin-2023", "c-xfb-kuaishou-2023") == "9.3"  # 31,899 / 3,419
    assert figures.ratio("c-xfb-douyin-2023", "no-such-figure") == NOT_REPORTED


def test_a_change_between_derived_figures_comes_from_the_published_figures_not_the_rounded_ones(figures):
    # 2022's 22.09万 livestream-selling 诉求 were up 115% on 2021 and 501% on 2020, so 2021 was 2.7953 times 2020
    # (6.01 / 2.15): up 179.53%. The stored, rounded derived counts (10.27万 and 3.676万) would give 179.38%.
    assert figures.change("c-samr-live-2020", "c-samr-live-2021") == "up 179.53% (derived)"


def test_find_picks_by_what_a_figure_is(figures):
    assert figures.find("gala", year=2020, measure="viewers") == "gala-2020-viewers"
    assert figures.find("gala", year=2021, measure="viewers") is None
    assert figures.find("platform_gmv", year=2021, whole_year=True, measure="gmv", label_zh="电商GMV") == "ks-gmv-2021"
    with pytest.raises(Exception, match="not among the tables this chapter declared"):
        Figures({"sources": figures.tables["sources"], "gala": figures.tables["gala"]}).find("complaints")


def test_a_scaled_column_names_its_unit_and_holds_the_scaled_values():
    import polars as pl

    from trustreport.charts.axes import scaled

    frame, column, unit = scaled(pl.DataFrame({"value_base": [1.42e9, 5.588e7]}), "sales", "rmb")
    assert (column, unit) == ("sales_rmb_million", "RMB million") and frame[column].to_list() == pytest.approx(
        [1420.0, 55.88]
    )
    frame, column, unit = scaled(pl.DataFrame({"value_base": [36_760.0, 220_900.0]}), "appeals", "count")
    assert (column, unit) == ("appeals", "number") and frame[column].to_list() == pytest.approx([36_760, 220_900])
    frame, column, unit = scaled(pl.DataFrame({"value_base": [45.0, 70.0]}), "rate", "pct")
    assert (column, unit) == ("rate", "number") and frame[column].to_list() == [45.0, 70.0]


def test_a_grid_counts_the_rows_found_for_both_years_and_those_that_rose():
    """What a comparison chart's title counts: rows with a figure for both years, and of those the ones higher in the
    later year (a row missing a year counts in neither)."""
    import polars as pl

    from trustreport.chapter.narrative import in_both_years, risen

    grid = pl.DataFrame(
        {
            "metric": ["up", "up", "missing", "missing", "down", "down", "flat", "flat"],
            "year": [2020, 2021] * 4,
            "value_base": [1.0, 2.0, None, 3.0, 5.0, 4.0, 7.0, 7.0],
        }
    )
    assert in_both_years(grid) == ["up", "down", "flat"]
    assert risen(grid, 2020, 2021) == ["up"]


def test_a_comparison_title_says_all_some_or_none():
    import polars as pl

    from trustreport.chapter.narrative import both_years_title, rise_title

    def say(key, **values):
        return f"{key} {sorted(values.items())}"

    def grid(values):
        return pl.DataFrame({"metric": ["a", "a", "b", "b"], "year": [2020, 2021] * 2, "value_base": values})

    some = grid([1.0, 2.0, 5.0, 4.0])
    assert (
        rise_title(say, "t", some, 2020, 2021)
        == "t [('baseline', 2020), ('compared', 2), ('focus', 2021), ('rose', 1)]"
    )
    assert rise_title(say, "t", grid([1.0, 2.0, 4.0, 5.0]), 2020, 2021).startswith("t-all [('baseline', 2020), ('compa")
    assert rise_title(say, "t", grid([None, 2.0, 4.0, None]), 2020, 2021).startswith("t-none")
    assert both_years_title(say, "g", grid([None, 2.0, 4.0, 5.0]), 2020, 2021) == (
        "g [('baseline', 2020), ('both', 1), ('focus', 2021), ('measures', 2)]"
    )
    assert both_years_title(say, "g", grid([None, 2.0, 4.0, None]), 2020, 2021).startswith("g-none")
    # one year without any figure (no gala on record that year): the title says so, never "none found for both"
    assert both_years_title(say, "g", grid([None, 2.0, None, 5.0]), 2020, 2021) == (
        "g-one [('measures', 2), ('missing', 2020), ('shown', 2021)]"
    )
