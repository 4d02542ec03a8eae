"""Sentences more than one chapter states, built from the data for any pair of years.

Each returns Markdown whose every number comes from `Figures` (and so is ledgered); where a figure is missing
the sentence says "not reported" or says what is on record instead.
"""

from __future__ import annotations

from .. import escape
from .figures import Figures

# A figure no source searched has given: "none found", which says no more than the search supports.
NOT_FOUND_IN = {"en": "none found", "zh": "未找到"}

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
GALA_LABELS = {
    "viewers": "观看人数",
    "interactions": "总互动量",
    "peak_viewers": "同时在线峰值",
    "trending_topics": "全网热搜",
    "star_acts": "明星表演 (组)",
    "star_performers": "明星 (预告)",
    "benefits": "福利 (预告)",
    "giveaways": "奖品 (预告)",
}


def gala_ids(figures: Figures, year: int) -> dict[str, str | None]:
    return {m: figures.find("gala", year=year, measure=m) for m in GALA_MEASURES}


# The sentences below in each language the report is written in: {places} are filled with figures.
GALA_SENTENCES = {
    "en": {
        "none": "No Kuaishou gala is on record for {year}.",
        "outcome": (
            "{name} ({year}) drew {viewers} viewers to Kuaishou's official live room and {interactions} "
            "interactions, with {peak_viewers} watching at its peak and {trending_topics} trending topics across "
            "the web."
        ),
        "announced": "For {name} ({year}) no audience figure was found in the sources searched: no count of viewers, "
        "interactions or peak viewers. What is on record was announced before the show: 福利 (benefits) given as "
        "{benefits}, with no unit, and {star_performers} star performers.",
    },
    "zh": {
        "none": "{year}年没有快手晚会的记录。",
        "outcome": "{name}（{year}年）官方直播间观看人数{viewers}，总互动量{interactions}，同时在线峰值{peak_viewers}，"
        "登上全网热搜{trending_topics}。",
        "announced": (
            "{name}（{year}年）的观众人数，在检索过的来源中没有找到：观看、互动和峰值数字都没有。"
            "有记录的都是晚会前宣布的：{benefits}福利（宣布时未说明单位），明星{star_performers}。"
        ),
    },
}


def sentences(parts: list[str], lang: str) -> str:
    """Sentences one after another: a space between English ones, none between Chinese ones."""
    return ("" if lang == "zh" else " ").join(parts)


def gala_sentence(figures: Figures, year: int) -> str:
    ids = gala_ids(figures, year)
    words = GALA_SENTENCES[figures.lang]
    rows = [figures.row(f) for f in ids.values() if f]
    name = next((escape.markdown(row["gala"]) for row in rows if row is not None), None)
    if name is None:
        return words["none"].format(year=year)
    if ids["viewers"]:
        return words["outcome"].format(
            name=name,
            year=year,
            **{m: figures.text(ids[m]) for m in ("viewers", "interactions", "peak_viewers", "trending_topics")},
        )
    return words["announced"].format(
        name=name,
        year=year,
        benefits=figures.text(ids["benefits"]),
        star_performers=figures.text(ids["star_performers"]),
    )


def gala_grid(figures: Figures, years: list[int]):
    """One row per gala measure and year, for the comparison chart; missing figures keep their row, valueless."""
    import polars as pl

    rows = []
    for m in GALA_MEASURES:
        for y in years:
            fid = figures.find("gala", year=y, measure=m)
            row = figures.row(fid) if fid else None
            rows.append(
                {
                    "metric": GALA_LABELS[m],
                    "year": y,
                    "value_base": row["value_base"] if row else None,
                    "label": figures.label(fid) if row else NOT_FOUND_IN[figures.lang],
                    "status": row["status"] if row else "not found",
                    "source_id": row["source_id"] if row else None,
                    "figure_id": fid,
                }
            )
    return pl.DataFrame(
        rows,
        schema={
            "metric": pl.String,
            "year": pl.Int64,
            "value_base": pl.Float64,
            "label": pl.String,
            "status": pl.String,
            "source_id": pl.String,
            "figure_id": pl.String,
        },
    )


def series_grid(figures: Figures, series: dict[str, list[str | None]], years: list[int]):
    """One row per series and year, for a chart that compares each series' years: `series` maps a row's name to
    its figure for each year (None where none was found). Each series is refused unless its figures are one series
    (Figures.compared); a missing figure keeps its row, valueless."""
    import polars as pl

    rows = []
    for name, ids in series.items():
        figures.compared(ids, f"the chart row '{name}'")
        for year, fid in zip(years, ids, strict=True):
            row = figures.row(fid) if fid else None
            rows.append(
                {
                    "metric": name,
                    "year": year,
                    "value_base": row["value_base"] if row else None,
                    "label": figures.label(fid) if row else NOT_FOUND_IN[figures.lang],
                    "status": row["status"] if row else "not found",
                    "source_id": row["source_id"] if row else None,
                    "figure_id": fid,
                }
            )
    schema = {
        "metric": pl.String,
        "year": pl.Int64,
        "value_base": pl.Float64,
        "label": pl.String,
        "status": pl.String,
        "source_id": pl.String,
        "figure_id": pl.String,
    }
    return pl.DataFrame(rows, schema=schema)


FESTIVAL_SENTENCES = {
    "en": {
        "none": "For the {year} festival Kuaishou published no sales total: 616 sales for {year} are {not_reported}.",
        "day": "On {when} the festival took {day} in actual sales in a single day, led by high-value 3C goods (phones, "
        "digital appliances) from JD's supply chain. The host 华少 opened it by selling {session} in four hours of "
        "livestreaming; in his live room a single item, a Midea (美的) inverter air conditioner, sold {item}. The "
        "article gives no day for either.",
    },
    "zh": {
        "none": "{year}年的购物节，快手没有公布销售总额：{year}年616的销售额{not_reported}。",
        "day": "{when}，快手616一天之内实际销售额{day}，以京东供应链的高客单价3C商品（手机、数码家电）为主。"
        "品质好物发现官华少用4个小时卖出{session}，打响了购物节的第一枪；在华少的直播间，核心单品美的变频冷暖空调成交{item}。"
        "文章没有说明这两项发生在哪一天。",
    },
}
GMV_SENTENCES = {
    "en": {
        "years": "Kuaishou's e-commerce GMV was {before} in {baseline} and {after} in {focus}",
        "growth": ", growth of {growth}.",
        "end": ".",
    },
    "zh": {
        "years": "快手电商GMV：{baseline}年{before}，{focus}年{after}",
        "growth": "，同比增长{growth}。",
        "end": "。",
    },
}


def festival_sentence(figures: Figures, year: int) -> str:
    words = FESTIVAL_SENTENCES[figures.lang]
    day = figures.find("festival_gmv", year=year, event="快手616", covers="day")
    if day is None:
        return words["none"].format(year=year, not_reported=figures.not_reported)
    session = figures.find("festival_gmv", year=year, event="快手616", covers="session")
    item = figures.find("festival_gmv", year=year, event="快手616", covers="item")
    return words["day"].format(
        when=figures.when(day), day=figures.text(day), session=figures.text(session), item=figures.text(item)
    )


def gmv_sentence(figures: Figures, baseline: int, focus: int) -> str:
    words = GMV_SENTENCES[figures.lang]
    before = figures.find("platform_gmv", year=baseline, whole_year=True, measure="gmv", label_zh="电商GMV")
    after = figures.find("platform_gmv", year=focus, whole_year=True, measure="gmv", label_zh="电商GMV")
    growth = figures.find("platform_gmv", year=focus, whole_year=True, measure="growth")
    text = words["years"].format(before=figures.text(before), baseline=baseline, after=figures.text(after), focus=focus)
    return text + (words["growth"].format(growth=figures.text(growth)) if growth else words["end"])


# An axis in the 中文 edition reads in 亿 or 万, as Chinese writes money and counts (14.2亿元, not 1,420 million).
AXIS_SCALES_ZH = ((1e8, 1e8, "亿"), (1e5, 1e4, "万"))
AXIS_UNITS_ZH = {"rmb": "元", "people": "人", "times": "次", "hours": "小时"}


def scaled(figures: Figures, frame, name: str, base: str):
    """`frame`'s base-unit values in the scale its axis reads, in the edition's language: frame, column, unit.
    English as `Figures.scaled` gives them (sales_rmb_million, "RMB million"); 中文 in 亿 or 万 with the measure
    word (a column 成交额_亿元, the unit "亿元"), `name` being the column's name in the edition's language."""
    if figures.lang == "en":
        return figures.scaled(frame, name, base)
    import polars as pl

    largest = frame["value_base"].abs().max() or 0
    divisor, word = next(((d, w) for threshold, d, w in AXIS_SCALES_ZH if largest >= threshold), (1.0, ""))
    unit = word + AXIS_UNITS_ZH.get(base, "")
    column = f"{name}_{unit}" if unit else name
    return frame.with_columns((pl.col("value_base") / divisor).alias(column)), column, unit
