"""The summary's headline says what the comparable complaint counts of the regulators and consumers' associations
did, and no more: how many there are, who counted them, one named when it is the only one (issue 23: the 2020
edition's headline once claimed "every full-year total" rose with one count comparable). Expected wordings written
here from the data's figures."""

from __future__ import annotations

import polars as pl
import pytest

from conftest import ROOT
from trustreport.chapter import comparisons
from trustreport.chapter.figures import Figures
from trustreport.data.tables import load_all


@pytest.fixture(scope="module")
def tables() -> dict[str, pl.DataFrame]:
    return load_all(ROOT / "data" / "raw")


@pytest.mark.parametrize(
    ("lang", "before", "after", "want"),
    [
        (
            "en",
            2019,
            2020,
            "In 2020, livestream-selling appeals on the 12315 platform rose 357.74% on 2019, the only national "
            "full-year count of the market regulators or consumers' associations comparable with 2019; Kuaishou's "
            "e-commerce GMV rose 540%, by its own count",
        ),
        (
            "zh",
            2019,
            2020,
            "2020年，全国12315平台受理的直播带货诉求比2019年增长357.74%，是全国市场监管部门和消协的全年统计中"
            "唯一可与2019年比较的一项；快手电商GMV（商品交易总额）增长540%（快手自己的统计）",
        ),
        (
            "en",
            2020,
            2021,
            # reports of wrongdoing, counted alone, fell: the one exception is named, never left out of "all"
            "In 2021, 5 of 6 comparable national full-year counts of complaints and appeals to market regulators and "
            "consumers' associations rose; reports of wrongdoing fell 25.6%; "
            "Kuaishou's e-commerce GMV rose 78.4%, by its own count",
        ),
        (
            "zh",
            2020,
            2021,
            "2021年，全国市场监管部门和消协受理的投诉与诉求，可以比较的6项全年统计中有5项上升；"
            "全国市场监管部门受理的举报下降25.6%；快手电商GMV（商品交易总额）增长78.4%（快手自己的统计）",
        ),
        # 2022 against 2021: only the regulators' counts can be compared, and the headline names only them
        (
            "en",
            2021,
            2022,
            "In 2022, all 3 national full-year counts of complaints and appeals to market regulators comparable",
        ),
        ("zh", 2021, 2022, "2022年，全国市场监管部门受理的投诉与诉求，可与2021年比较的3项全年统计全部上升"),
        ("en", 2022, 2023, "No complaint count of the regulators or consumers' associations can be set against"),
    ],
)
def test_the_headline_states_how_many_counts_and_whose(tables, lang, before, after, want):
    assert comparisons.headline(Figures(tables, lang), before, after).startswith(want)


def test_a_published_change_is_never_set_beside_a_count_of_another_scope(tables):
    """新京报's +357.74% on 2019 is the 12315 platform's livestream-selling 诉求; the all-channel count of 2020 (36,760,
    worked back from a 2022 release) is another scope: the summary shows them as two series, the change never in the
    all-channel row."""
    table = comparisons.table(Figures(tables), 2019, 2020)
    (all_channels,) = [line for line in table.splitlines() if line.startswith("| Livestream-selling appeals (诉求) to")]
    (platform,) = [line for line in table.splitlines() if "appeals (诉求) on the 12315 platform" in line]
    assert all_channels.split(" | ")[2:] == ["none found", "36,760 (derived)", "— |"], all_channels
    assert platform.split(" | ")[2:] == ["none found", "none found", "up 357.74% |"], platform


def _with(tables: dict[str, pl.DataFrame], values: dict[str, float]) -> dict[str, pl.DataFrame]:
    """The tables with these complaint figures set to these values."""
    complaints = tables["complaints"]
    for figure_id, value in values.items():
        this = pl.col("figure_id") == figure_id
        complaints = complaints.with_columns(
            [pl.when(this).then(pl.lit(value)).otherwise(pl.col(c)).alias(c) for c in ("value", "value_base")]
        )
    return {**tables, "complaints": complaints}


def test_counts_that_moved_both_ways_are_said_to_and_all_falling_is_said_as_falling(tables):
    mixed = Figures(_with(tables, {"c-cca-2021-yoy": -6.37}), "en")  # with reports, two of the six fell
    assert comparisons.headline(mixed, 2020, 2021).startswith(
        "In 2021, of the 6 national full-year counts of complaints and appeals to market regulators and consumers' "
        "associations comparable with 2020, 4 rose and 2 fell;"
    )
    changes = ("c-samr-all-2021-yoy", "c-samr-complaints-2021-yoy", "c-12315-online-2021-yoy", "c-cca-2021-yoy")
    # the livestream-selling count has no published change: its 2021 figure (derived, 102,700) set below 2020's
    fell = Figures(_with(tables, {**{fid: -5.0 for fid in changes}, "c-samr-live-2021": 30000.0}), "zh")
    assert comparisons.headline(fell, 2020, 2021).startswith(
        "2021年，全国市场监管部门和消协受理的投诉与诉求，可与2020年比较的6项全年统计全部下降"
    )
    # all but one fell: the one that rose is named with its change
    rose = Figures(
        _with(tables, {**{fid: -5.0 for fid in changes}, "c-samr-live-2021": 30000.0, "c-samr-reports-2021-yoy": 25.6}),
        "en",
    )
    assert comparisons.headline(rose, 2020, 2021).startswith(
        "In 2021, 5 of 6 comparable national full-year counts of complaints and appeals to market regulators and "
        "consumers' associations fell; reports of wrongdoing rose 25.6%;"
    )


@pytest.mark.parametrize(
    ("before", "after", "measure", "source"),
    [
        (
            2020,
            2021,
            "Kuaishou's report rate for livestream selling",
            "tencent-2022-03-06",
        ),  # down 8.96%, no level published
        (2019, 2020, "Livestream-selling appeals (诉求) on the 12315 platform", "xjb-2021-03-15"),  # up 357.74%
    ],
)
def test_a_grid_cell_holding_only_a_published_change_names_the_changes_source(tables, before, after, measure, source):
    """The summary grid's cell "2021: none found (down 8.96% on 2020)" showed the change and, on hover, no source
    ("source: undefined"): the change was published, and its source is the cell's."""
    grid = comparisons.grid(Figures(tables, "en"), before, after)
    cell = grid.filter(pl.col("measure").str.starts_with(measure) & (pl.col("year") == str(after)))
    assert cell.height == 1, grid["measure"].unique().to_list()
    assert cell["source_id"].item() == source, cell.to_dicts()
