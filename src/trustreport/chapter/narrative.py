"""Sentences more than one chapter states, built from the data for any pair of years.

Each returns Markdown whose every number comes from `Figures` (and so is ledgered); where a figure is missing
the sentence says none was found in the sources searched, or says what is on record instead.
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from .. import escape, words
from ..data.comparability import change_on
from .each import in_each_language
from .figures import Figures

GALA_MEASURES = [
    "viewers",
    "interactions",
    "peak_viewers",
    "trending_topics",
    "star_acts",
    "star_performers",
    "benefits",
    "giveaways",
]


@in_each_language
def gala_ids(figures: Figures, year: int) -> dict[str, str | None]:
    return {m: figures.find("gala", year=year, measure=m) for m in GALA_MEASURES}


@in_each_language
def gala_sentence(figures: Figures, year: int) -> str:
    ids = gala_ids(figures, year)
    said = words.of("chapters", "gala", figures.lang)
    rows = [figures.row(f) for f in ids.values() if f]
    gala = next((row["gala"] for row in rows if row is not None), None)
    if gala is None:
        return said["none"].format(year=year)
    # a gala's name as the data gives it (Chinese), with what it means where the catalogue knows it
    gloss = words.of("chapters", "gala_names", figures.lang).get(gala)
    name = escape.markdown(gala)
    named = (
        said["named_glossed"].format(name=name, gloss=gloss, year=year)
        if gloss
        else said["named"].format(name=name, year=year)
    )
    if ids["viewers"]:
        return said["outcome"].format(
            gala=named,
            **{m: figures.text(ids[m]) for m in ("viewers", "interactions", "peak_viewers", "trending_topics")},
        )
    return said["announced"].format(
        gala=named,
        benefits=figures.text(ids["benefits"]),
        star_performers=figures.text(ids["star_performers"]),
    )


@in_each_language
def gala_grid(figures: Figures, years: list[int]) -> pl.DataFrame:
    """One row per gala measure and year, for the comparison chart, of the measures with a figure in either year (a
    measure of another year's gala only is not this chart's); a missing figure keeps its row, valueless."""
    named = words.of("chapters", "gala_measures", figures.lang)
    found = {m: [figures.find("gala", year=y, measure=m) for y in years] for m in GALA_MEASURES}
    cells = [(named[m], y, fid) for m, ids in found.items() if any(ids) for y, fid in zip(years, ids, strict=True)]
    grid = _grid(figures, cells)
    # a year with no gala on record has nothing to find: its cells say so, not "none found" (the 2020 edition's 2019)
    no_gala = [y for y in years if figures.find("gala", year=y) is None]
    return grid.with_columns(
        pl.when(pl.col("year").is_in(no_gala))
        .then(pl.lit(words.word("chapters", "narrative", "no_gala", figures.lang)))
        .otherwise(pl.col("label"))
        .alias("label")
    )


@in_each_language
def series_grid(
    figures: Figures, series: dict[str, list[str | None]], years: list[int], missing: str = "not_found"
) -> pl.DataFrame:
    """One row per series and year, for a chart that compares each series' years: `series` maps a row's name to
    its figure for each year (None where none was found). Each series is refused unless its figures are one series
    (Figures.compared); a missing figure keeps its row, valueless, labelled `missing` (a word of words/chapters.yml
    `narrative`)."""
    for name, ids in series.items():
        figures.compared(ids, f"the chart row '{name}'")
    cells = [(name, y, fid) for name, ids in series.items() for y, fid in zip(years, ids, strict=True)]
    return _grid(figures, cells, missing)


@in_each_language
def in_both_years(grid: pl.DataFrame) -> list[str]:
    """The rows of a chart's grid (series_grid, gala_grid) with a figure for every year it shows."""
    valued = grid.group_by("metric", maintain_order=True).agg(pl.col("value_base").is_not_null().all().alias("all"))
    return valued.filter(pl.col("all"))["metric"].to_list()


@in_each_language
def risen(grid: pl.DataFrame, baseline: int, focus: int) -> list[str]:
    """The rows of a chart's grid whose figure for `focus` is above the one for `baseline` (rows with both only)."""
    wide = grid.pivot(on="year", index="metric", values="value_base")
    return wide.filter(pl.col(str(focus)) > pl.col(str(baseline)))["metric"].to_list()


@in_each_language
def rise_title(say: Callable[..., str], key: str, grid: pl.DataFrame, baseline: int, focus: int) -> str:
    """A comparison chart's title that counts what rose: the chapter's text `key` (rose of compared), `key`-all
    (every one rose) or `key`-none (no row found for both years), said by `say` (Context.t)."""
    rose, compared = len(risen(grid, baseline, focus)), len(in_both_years(grid))
    if compared == 0:
        return say(f"{key}-none", baseline=baseline, focus=focus)
    if rose == compared:
        return say(f"{key}-all", baseline=baseline, focus=focus, compared=compared)
    return say(key, baseline=baseline, focus=focus, rose=rose, compared=compared)


@in_each_language
def both_years_title(say: Callable[..., str], key: str, grid: pl.DataFrame, baseline: int, focus: int) -> str:
    """A comparison chart's title that counts the rows found for both years: the chapter's text `key`; `key`-one when
    only one of the years has any figure (the other's is never called missing from a comparison it has no part in);
    else `key`-none when no row has both; said by `say` (Context.t)."""
    both, rows = len(in_both_years(grid)), grid["metric"].n_unique()
    found = set(grid.filter(pl.col("value_base").is_not_null())["year"].to_list())
    if len(found) == 1:
        (shown,) = found
        return say(f"{key}-one", shown=shown, missing=focus if shown == baseline else baseline, measures=rows)
    if both == 0:
        return say(f"{key}-none", baseline=baseline, focus=focus, measures=rows)
    return say(key, baseline=baseline, focus=focus, both=both, measures=rows)


GRID = {
    "metric": pl.String,
    "year": pl.Int64,
    "value_base": pl.Float64,
    "label": pl.String,
    "status": pl.String,
    "source_id": pl.String,
    "figure_id": pl.String,
}


def _grid(figures: Figures, cells: list[tuple[str, int, str | None]], missing: str = "not_found") -> pl.DataFrame:
    """A chart's grid of (row name, year, figure) cells: each figure's value, label, status and source; a missing
    figure valueless, labelled as `missing` says ("none found", "not published")."""
    not_found = words.word("chapters", "narrative", missing, figures.lang)
    rows = []
    in_scale = {  # each row of the grid a series, in one number style
        name: figures.in_scale([f for n, _, f in cells if n == name]) for name in dict.fromkeys(n for n, _, _ in cells)
    }
    for name, year, fid in cells:
        row = figures.row(fid) if fid else None
        rows.append(
            {
                "metric": name,
                "year": year,
                "value_base": row["value_base"] if row else None,
                "label": figures.label(fid, in_scale=in_scale[name]) if row else not_found,
                "status": row["status"] if row else "not found",
                "source_id": row["source_id"] if row else None,
                "figure_id": fid,
            }
        )
    return pl.DataFrame(rows, schema=GRID)


@in_each_language
def festival_sentence(figures: Figures, year: int) -> str:
    said = words.of("chapters", "festival", figures.lang)
    # the article's own figure first: it gives no date, so a day another source dates is said apart, as that source's
    day = figures.find("festival_gmv", year=year, event="快手616", covers="day", source_id="seed") or figures.find(
        "festival_gmv", year=year, event="快手616", covers="day"
    )
    if day is None:
        return said["none"].format(year=year)
    dated = figures.find("festival_gmv", year=year, event="快手616", covers="day", period_kind="day")
    dated_text = (
        said["dated"].format(when=figures.when(dated), other=figures.text(dated)) if dated and dated != day else ""
    )
    session = figures.find("festival_gmv", year=year, event="快手616", covers="session")
    item = figures.find("festival_gmv", year=year, event="快手616", covers="item")
    return said["day"].format(
        year=year,
        day=figures.text(day),
        dated=dated_text,
        session=figures.text(session),
        item=figures.text(item),
    )


@in_each_language
def gmv_sentence(figures: Figures, baseline: int, focus: int) -> str:
    """Kuaishou's whole-year e-commerce GMV in the two years and the growth its source states; a year without a total
    says none was found in the sources searched."""
    said = words.of("chapters", "gmv", figures.lang)
    before = figures.find("platform_gmv", year=baseline, whole_year=True, measure="gmv", label_zh="电商GMV")
    after = figures.find("platform_gmv", year=focus, whole_year=True, measure="gmv", label_zh="电商GMV")
    growth = figures.find("platform_gmv", year=focus, whole_year=True, measure="growth")
    if growth and not change_on(figures.figure(growth), baseline):
        growth = None  # a change on another year than the baseline is not this sentence's
    places = {"baseline": baseline, "focus": focus}
    if after is None:
        if before is None:
            return str(said["neither"]).format(**places)
        return str(said["baseline_only"]).format(before=figures.text(before), **places)
    if before is None:
        text = said["focus_only"].format(after=figures.text(after), **places)
        if growth:
            return text + said["growth_without_baseline"].format(growth=figures.growth(growth), **places)
        return text + said["no_baseline"].format(**places)
    text = said["years"].format(before=figures.text(before), after=figures.text(after), **places)
    return text + (said["growth"].format(growth=figures.growth(growth), **places) if growth else said["end"])
