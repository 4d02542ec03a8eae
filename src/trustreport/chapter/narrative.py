"""Sentences more than one chapter states, built from the data for any pair of years.

Each returns Markdown whose every number comes from `Figures` (and so is ledgered); where a figure is missing
the sentence says "not reported" or says what is on record instead.
"""

from __future__ import annotations

from .. import escape
from .figures import Figures
from .numbers import NOT_REPORTED

GALA_MEASURES = ["viewers", "interactions", "peak_viewers", "trending_topics", "star_acts", "star_performers", "giveaways"]
GALA_LABELS = {
    "viewers": "观看人数", "interactions": "总互动量", "peak_viewers": "同时在线峰值", "trending_topics": "全网热搜",
    "star_acts": "明星表演 (组)", "star_performers": "明星 (预告)", "giveaways": "福利 (预告)",
}


def gala_ids(figures: Figures, year: int) -> dict[str, str | None]:
    return {m: figures.find("gala", year=year, measure=m) for m in GALA_MEASURES}


def gala_sentence(figures: Figures, year: int) -> str:
    ids = gala_ids(figures, year)
    name = next((escape.markdown(figures.row(f)["gala"]) for f in ids.values() if f), None)
    if name is None:
        return f"No Kuaishou gala is on record for {year}."
    if ids["viewers"]:
        return (
            f"{name} ({year}) drew {figures.text(ids['viewers'])} viewers to Kuaishou's official live room and "
            f"{figures.text(ids['interactions'])} interactions, with {figures.text(ids['peak_viewers'])} watching at its "
            f"peak and {figures.text(ids['trending_topics'])} trending topics across the web."
        )
    return (
        f"For {name} ({year}) the audience was {NOT_REPORTED}: no viewer, interaction or peak figure has been published. "
        f"What is on record was announced before the show: {figures.text(ids['giveaways'])} in giveaways and "
        f"{figures.text(ids['star_performers'])} star performers."
    )


def gala_grid(figures: Figures, years: list[int]):
    """One row per gala measure and year, for the comparison chart; missing figures keep their row, valueless."""
    import polars as pl

    rows = []
    for m in GALA_MEASURES:
        for y in years:
            fid = figures.find("gala", year=y, measure=m)
            row = figures.row(fid) if fid else None
            rows.append({
                "metric": GALA_LABELS[m], "year": y, "value_base": row["value_base"] if row else None,
                "label": figures.label(fid) if row else "未公布 not reported",
                "status": row["status"] if row else "not reported", "source_id": row["source_id"] if row else None, "figure_id": fid,
            })
    return pl.DataFrame(rows, schema={"metric": pl.String, "year": pl.Int64, "value_base": pl.Float64, "label": pl.String,
                                      "status": pl.String, "source_id": pl.String, "figure_id": pl.String})


def festival_sentence(figures: Figures, year: int) -> str:
    day = figures.find("festival_gmv", year=year, event="快手616", scope="day")
    if day is None:
        return f"For the {year} festival Kuaishou published no sales total: 616 sales for {year} are {NOT_REPORTED}."
    session = figures.find("festival_gmv", year=year, event="快手616", scope="session")
    item = figures.find("festival_gmv", year=year, event="快手616", scope="item")
    return (
        f"On {figures.when(day)} the festival took {figures.text(day)} in actual sales in a single day, led by high-value "
        f"3C goods (phones, digital appliances) from JD's supply chain. One host, 华少, sold {figures.text(session)} in a "
        f"four-hour session; {figures.text(item)} of that was a single item, a Midea inverter air conditioner."
    )


def gmv_sentence(figures: Figures, baseline: int, focus: int) -> str:
    before = figures.find("platform_gmv", year=baseline, whole_year=True, measure="gmv", label_zh="电商GMV")
    after = figures.find("platform_gmv", year=focus, whole_year=True, measure="gmv", label_zh="电商GMV")
    growth = figures.find("platform_gmv", year=focus, whole_year=True, measure="growth")
    text = f"Kuaishou's e-commerce GMV was {figures.text(before)} in {baseline} and {figures.text(after)} in {focus}"
    return text + (f", growth of {figures.text(growth)}." if growth else ".")
