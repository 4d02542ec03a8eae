"""The kinds of chart the chapters draw, each a function from a table to an Altair chart in the report's theme.

To add a chart type, add a function here; `Context.chart()` (or `bundle.show()`) takes any Altair chart.
"""

from __future__ import annotations

from typing import Any

import altair as alt

from ..languages import check
from .theme import KUAISHOU, MUTED, PALETTE, PEER

STATUS_ORDER = ["reported", "derived", "estimate"]
# A figure's status as each language names it (the tables' `status` column is in English; numbers.MARK_IN marks
# figures in prose the same way): the legend and tooltips of bar_chart, year_bars and platform_bars.
STATUS_NAMES = {
    "en": {
        "reported": "reported",
        "derived": "derived",
        "estimate": "estimate",
        "not reported": "not reported",
        "not found": "not found",
    },
    "zh": {"reported": "公布", "derived": "推算", "estimate": "估计", "not reported": "未公布", "not found": "未找到"},
}
# The other words those charts and line_chart write themselves; "status" and "source" are TOOLTIP_TITLES'.
CHART_WORDS: dict[str, dict[str, Any]] = {
    "en": {"item": "项目", "period": "period", "platform": "平台 platform", "month": None, "month_format": "%Y-%m"},
    "zh": {"item": "项目", "period": "时期", "platform": "平台", "month": "月份", "month_format": "%Y年%-m月"},
}


def _statuses_in(frame, lang: str):
    """The frame with its `status` column in the language (English: as the tables write it)."""
    if lang == "en":
        return frame
    import polars as pl

    return frame.with_columns(pl.col("status").replace(STATUS_NAMES[lang]))


def _in_language(frame, lang: str):
    """The frame's own words in the language: its `status` as STATUS_NAMES names it and its `period` as the
    language writes periods (2020年, 2023年1月至6月, 2019年12月31日). English: as the tables write them."""
    if lang == "en":
        return frame
    import polars as pl

    from ..data.periods import parse_period
    from ..numbers import period_text

    def period(text: str | None) -> str | None:
        if text is None:
            return None
        try:
            return period_text(*parse_period(text), lang)
        except (ValueError, TypeError):
            return text  # not a period as the tables write them: as it is

    words: dict[str, pl.Expr | pl.Series] = {}
    if "status" in frame.columns:
        words["status"] = pl.col("status").replace(STATUS_NAMES[lang])
    if "period" in frame.columns:
        words["period"] = pl.Series([period(p) for p in frame["period"]], dtype=pl.String)
    return frame.with_columns(**words)


def status_fill(statuses: list[str], color: str = PALETTE[0], lang: str = "en") -> alt.Fill:
    """Reported figures solid; derived and estimated ones hollow (white inside the outline), with a legend.
    `statuses` as the tables write them (reported, derived, estimate); the legend names them in `lang`, so the
    chart's `status` column must hold them in `lang` too (`_statuses_in`, `_in_language`)."""
    check(lang)
    present = [s for s in STATUS_ORDER if s in statuses]
    return alt.Fill(
        "status:N",
        scale=alt.Scale(
            domain=[STATUS_NAMES[lang][s] for s in present],
            range=[color if s == "reported" else "white" for s in present],
        ),
        # A legend only where it tells bars apart: with one status, the subtitle says what the bars are.
        legend=alt.Legend(
            title=TOOLTIP_TITLES[lang]["status"], orient="bottom", symbolStrokeColor=color, symbolStrokeWidth=1.5
        )
        if len(present) > 1
        else None,
    )


def bar_chart(
    frame,
    *,
    label: str,
    value: str,
    title: str,
    subtitle: str,
    value_title: str,
    value_format: str = ",.0f",
    axis_format: str = ",.0f",
    lang: str = "en",
):
    """Horizontal bars, largest first, each labelled; reported bars solid, derived or estimated hollow."""
    check(lang)
    frame = frame.select(label, value, "status", "source_id", "period").sort(value, descending=True)
    statuses = list(set(frame["status"]))
    frame = _in_language(frame, lang)
    words, tips = CHART_WORDS[lang], TOOLTIP_TITLES[lang]
    base = alt.Chart(frame).encode(
        y=alt.Y(f"{label}:N", sort=None, title=None, axis=alt.Axis(labelLimit=220)),
        x=alt.X(f"{value}:Q", title=value_title, axis=alt.Axis(format=axis_format, grid=True, tickCount=5)),
        tooltip=[
            alt.Tooltip(f"{label}:N", title=words["item"]),
            alt.Tooltip(f"{value}:Q", title=value_title, format=value_format),
            alt.Tooltip("period:N", title=words["period"]),
            alt.Tooltip("status:N", title=tips["status"]),
            alt.Tooltip("source_id:N", title=tips["source"]),
        ],
    )
    bars = base.mark_bar(stroke=PALETTE[0], strokeWidth=1.5, height={"band": 0.7}).encode(
        fill=status_fill(statuses, lang=lang)
    )
    labels = base.mark_text(align="left", dx=4).encode(text=alt.Text(f"{value}:Q", format=value_format))
    height = max(80, 34 * frame.height)
    return (bars + labels).properties(title=alt.Title(title, subtitle=subtitle), width=520, height=height)


def line_chart(frame, *, x: str, y: str, color: str, title: str, subtitle: str, y_title: str, lang: str = "en"):
    """A monthly series per group, with tooltips; for complaint records."""
    check(lang)
    words = CHART_WORDS[lang]
    named = lang != "en"  # English tooltips name the columns themselves
    return (
        alt.Chart(frame)
        .mark_line(point=alt.OverlayMarkDef(size=18), strokeWidth=1.8)
        .encode(
            x=alt.X(f"{x}:T", title=None, axis=alt.Axis(format="%Y-%m", labelAngle=0, tickCount=8)),
            y=alt.Y(f"{y}:Q", title=y_title, axis=alt.Axis(format=",.0f")),
            color=alt.Color(f"{color}:N", title=None, legend=alt.Legend(orient="bottom")),
            tooltip=[
                alt.Tooltip(f"{x}:T", format=words["month_format"], **({"title": words["month"]} if named else {})),
                alt.Tooltip(f"{color}:N", **({"title": words["platform"]} if named else {})),
                alt.Tooltip(f"{y}:Q", format=",.0f", title=y_title if named else alt.Undefined),
            ],
        )
        .properties(title=alt.Title(title, subtitle=subtitle), width=520, height=260)
    )


def year_bars(
    frame,
    *,
    x: str,
    y: str,
    title: str,
    subtitle: str,
    y_title: str,
    y_format: str = ",.0f",
    label: str | None = None,
    lang: str = "en",
):
    """Vertical bars by period, status drawn (derived hollow), each bar labelled with `label` (a text column)."""
    check(lang)
    statuses = list(set(frame["status"]))
    frame = _in_language(frame, lang)
    words, tips = CHART_WORDS[lang], TOOLTIP_TITLES[lang]
    base = alt.Chart(frame).encode(
        x=alt.X(f"{x}:O", title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y(f"{y}:Q", title=y_title, axis=alt.Axis(format=y_format, tickCount=5)),
        tooltip=[
            alt.Tooltip(f"{x}:O", title=words["period"]),
            alt.Tooltip(f"{label or y}:N" if label else f"{y}:Q", title=y_title),
            alt.Tooltip("status:N", **({"title": tips["status"]} if lang != "en" else {})),
            alt.Tooltip("source_id:N", title=tips["source"]),
        ],
    )
    bars = base.mark_bar(stroke=PALETTE[0], strokeWidth=1.5, width={"band": 0.6}).encode(
        fill=status_fill(statuses, lang=lang)
    )
    text = base.mark_text(dy=-7, fontSize=11).encode(
        text=alt.Text(f"{label}:N") if label else alt.Text(f"{y}:Q", format=y_format)
    )
    return (bars + text).properties(title=alt.Title(title, subtitle=subtitle), width=520, height=260)


TOOLTIP_TITLES: dict[str, dict[str, Any]] = {
    "en": {"metric": "指标", "year": "year", "value": "value", "status": "status", "source": "source"},
    "zh": {"metric": "指标", "year": "年份", "value": "数值", "status": "状态", "source": "来源"},
}


def compare_years(
    frame, *, metric: str, year: str, value: str, label: str, title: str, subtitle: str, lang: str = "en"
):
    """One row of bars per metric, one bar per year, each metric on its own scale; a missing figure is
    written out ("not reported") where its bar would be, never drawn as zero."""
    years = sorted(set(frame[year]))
    # the baseline year in grey, the focus year in the accent blue: the eye goes to the year the edition is about
    colors = alt.Scale(
        domain=[str(y) for y in years], range=[PEER, PALETTE[0]][-len(years) :] if len(years) <= 2 else PALETTE
    )
    base = (
        alt.Chart(frame)
        .transform_calculate(year_label=f"toString(datum.{year})")
        .encode(
            y=alt.Y("year_label:N", title=None, axis=alt.Axis(labelFontSize=11)),
            tooltip=[
                alt.Tooltip(f"{metric}:N", title=TOOLTIP_TITLES[lang]["metric"]),
                alt.Tooltip("year_label:N", title=TOOLTIP_TITLES[lang]["year"]),
                alt.Tooltip(f"{label}:N", title=TOOLTIP_TITLES[lang]["value"]),
                alt.Tooltip("status:N", **({"title": TOOLTIP_TITLES[lang]["status"]} if lang != "en" else {})),
                alt.Tooltip("source_id:N", title=TOOLTIP_TITLES[lang]["source"]),
            ],
        )
    )
    bars = (
        base.transform_filter(f"isValid(datum.{value})")
        .mark_bar(height={"band": 0.7}, strokeWidth=1.5)
        .encode(
            x=alt.X(f"{value}:Q", title=None, axis=None),
            color=alt.Color("year_label:N", scale=colors, legend=alt.Legend(title=None, orient="bottom")),
        )
    )
    text = (
        base.mark_text(align="left", dx=4, fontSize=11)
        .encode(
            x=alt.X("label_x:Q", title=None, axis=None),
            text=alt.Text(f"{label}:N"),
        )
        .transform_calculate(label_x=f"isValid(datum.{value}) ? datum.{value} : 0")
    )
    return (
        alt.layer(bars, text, data=frame)
        .properties(width=420, height=alt.Step(18))
        .facet(
            row=alt.Row(
                f"{metric}:N",
                title=None,
                # each row named above its bars, so a long name takes no width from them on a phone
                header=alt.Header(
                    labelAngle=0, labelAlign="left", labelAnchor="start", labelOrient="top", labelFontSize=12
                ),
                sort=list(dict.fromkeys(frame[metric])),
            )
        )
        .resolve_scale(x="independent")
        .properties(title=alt.Title(title, subtitle=subtitle))
    )


# The words the what-if calculator writes itself, in each language: its two bars, the readouts of GMV (a Vega
# expression over datum.gmv_rmb), its axis and the change against the base (English as the site test reads it).
WHAT_IF_WORDS: dict[str, dict[str, Any]] = {
    "en": {
        "base": "基准 base",
        "what_if": "调整后 what-if",
        "axis": "GMV (RMB)",
        "money": (
            "(datum.gmv_rmb >= 1e9 ? 'RMB ' + format(datum.gmv_rmb / 1e9, ',.2f') + ' billion' "
            ": 'RMB ' + format(datum.gmv_rmb / 1e6, ',.3~r') + ' million')"
        ),
        "change": "' · ' + format((datum.change - 1) * 100, '+.1f') + '% against base'",
        "ticks": (
            "datum.value == 0 ? '0' : datum.value >= 1e9 ? format(datum.value / 1e9, ',.1f') + ' bn' : "
            "format(datum.value / 1e6, ',.0f') + ' m'"
        ),
    },
    "zh": {
        "base": "基准",
        "what_if": "调整后",
        "axis": "GMV（元）",
        "money": (
            "(datum.gmv_rmb >= 1e8 ? format(datum.gmv_rmb / 1e8, ',.2f') + '亿元' "
            ": format(datum.gmv_rmb / 1e4, ',.3~r') + '万元')"
        ),
        "change": "'，较基准' + format((datum.change - 1) * 100, '+.1f') + '%'",
        "ticks": (
            "datum.value == 0 ? '0' : datum.value >= 1e8 ? format(datum.value / 1e8, ',.1f') + '亿' : "
            "format(datum.value / 1e4, ',.0f') + '万'"
        ),
    },
}


def what_if(factors: list[dict], *, base_rmb: float, title: str, subtitle: str, lang: str = "en"):
    """The GMV formula as a live calculator: a slider per factor (its % change on the base), the product redrawn as
    they move, with its change on the base; the axis stays put (up to three times the base) so the bar's length
    is what moves.

    `factors`: dicts with name, label, base, min, max, step (percent). Interactive only: the PDF shows the
    sensitivity chart instead."""
    import polars as pl

    check(lang)
    words = WHAT_IF_WORDS[lang]
    params = [
        alt.param(
            name=f["name"],
            value=f["base"],
            bind=alt.binding_range(min=f["min"], max=f["max"], step=f["step"], name=f["label"]),
        )
        for f in factors
    ]
    growth = " * ".join(f"(1 + {f['name']} / 100)" for f in factors)
    rows = pl.DataFrame({"scenario": [words["base"], words["what_if"]]})
    money = words["money"]
    is_base = f"datum.scenario == '{words['base']}'"
    chart = (
        alt.Chart(rows)
        .add_params(*params)
        .transform_calculate(change=f"{is_base} ? 1 : {growth}")
        .transform_calculate(gmv_rmb=f"{base_rmb!r} * datum.change")
        .transform_calculate(label=f"{is_base} ? {money} : {money} + {words['change']}")
        .encode(
            y=alt.Y("scenario:N", title=None, sort=None),
            x=alt.X(
                "gmv_rmb:Q",
                title=words["axis"],
                scale=alt.Scale(domain=[0, base_rmb * 3], clamp=True, nice=False),
                axis=alt.Axis(tickCount=4, labelExpr=words["ticks"]),
            ),
        )
    )
    bars = chart.mark_bar(height={"band": 0.42}).encode(
        color=alt.Color("scenario:N", scale=alt.Scale(range=[PEER, PALETTE[0]]), legend=None)
    )
    # The readout sits above its bar from the axis start, so it never runs off the plot however long the bar gets.
    text = chart.mark_text(align="left", baseline="bottom", dy=-15, fontSize=12).encode(x=alt.datum(0), text="label:N")
    return (bars + text).properties(title=alt.Title(title, subtitle=subtitle), width=420, height=140)


# The sensitivity chart's own words: tooltip and axis titles (None: the field's name, as the English chart had it).
SENSITIVITY_WORDS: dict[str, dict[str, Any]] = {
    "en": {"scenario": None, "moved": "factors moved (%)", "change": "GMV change on base (%)"},
    "zh": {"scenario": "情景", "moved": "因子变动（%）", "change": "GMV较基准的变化（%）"},
}


def sensitivity(frame, *, title: str, subtitle: str, lang: str = "en"):
    """GMV's change on its base when factors move by ±10% and ±25%, one factor at a time and together: a dot per
    move, ±25% filled and labelled, ±10% hollow, the span between them drawn, zero marked."""

    check(lang)
    words = SENSITIVITY_WORDS[lang]
    order = list(dict.fromkeys(frame["scenario"]))
    base = alt.Chart(frame).encode(
        y=alt.Y("scenario:N", sort=order, title=None, axis=alt.Axis(labelLimit=300)),
        tooltip=[
            alt.Tooltip("scenario:N", **({"title": words["scenario"]} if words["scenario"] else {})),
            alt.Tooltip("factor_change_pct:Q", title=words["moved"], format="+d"),
            alt.Tooltip("gmv_change_pct:Q", title=words["change"], format="+.1f"),
        ],
    )
    span = (
        alt.Chart(frame)
        .mark_rule(color=MUTED, strokeWidth=1)
        .encode(y=alt.Y("scenario:N", sort=order), x=alt.X("min(gmv_change_pct):Q"), x2=alt.X2("max(gmv_change_pct):Q"))
    )
    moves = ["down 25%", "down 10%", "up 10%", "up 25%"]  # the dots' colour and fill, not shown as words
    dots = (
        base.transform_calculate(
            move="(datum.factor_change_pct > 0 ? 'up ' : 'down ') + abs(datum.factor_change_pct) + '%'",
        )
        .mark_point(size=70, strokeWidth=1.5, filled=True)
        .encode(
            x=alt.X("gmv_change_pct:Q", title=words["change"], axis=alt.Axis(format="+d", tickCount=6)),
            stroke=alt.Stroke(
                "move:N", scale=alt.Scale(domain=moves, range=[KUAISHOU, KUAISHOU, PALETTE[0], PALETTE[0]]), legend=None
            ),
            fill=alt.Fill(
                "move:N", scale=alt.Scale(domain=moves, range=[KUAISHOU, "white", "white", PALETTE[0]]), legend=None
            ),
        )
    )
    labels = (
        base.transform_filter("abs(datum.factor_change_pct) == 25")
        .mark_text(dy=-10, fontSize=10, color=MUTED)
        .encode(x="gmv_change_pct:Q", text=alt.Text("gmv_change_pct:Q", format="+.3~f"))
    )
    zero = alt.Chart(frame).mark_rule(color="#3e4c59", strokeDash=[4, 3]).encode(x=alt.datum(0))
    return (zero + span + dots + labels).properties(
        title=alt.Title(title, subtitle=subtitle), width=440, height=alt.Step(30)
    )


def platform_bars(
    frame,
    *,
    label: str,
    value: str,
    title: str,
    subtitle: str,
    value_title: str,
    highlight: str = "快手",
    value_format: str = ",.0f",
    lang: str = "en",
):
    """Horizontal bars by platform, largest first: the highlighted platform (快手) in the accent colour, its peers
    grey."""

    check(lang)
    frame = _in_language(frame.sort(value, descending=True), lang)
    words, tips = CHART_WORDS[lang], TOOLTIP_TITLES[lang]
    base = alt.Chart(frame).encode(
        y=alt.Y(f"{label}:N", sort=None, title=None),
        x=alt.X(f"{value}:Q", title=value_title, axis=alt.Axis(format=value_format, grid=True, tickCount=5)),
        tooltip=[
            alt.Tooltip(f"{label}:N", title=words["platform"]),
            alt.Tooltip(f"{value}:Q", title=value_title, format=value_format),
            alt.Tooltip("period:N", title=words["period"]),
            alt.Tooltip("status:N", title=tips["status"]),
            alt.Tooltip("source_id:N", title=tips["source"]),
        ],
    )
    color = alt.condition(f"datum['{label}'] == '{highlight}'", alt.value(KUAISHOU), alt.value(PEER))
    bars = base.mark_bar(height={"band": 0.7}).encode(color=color)
    labels = base.mark_text(align="left", dx=4).encode(text=alt.Text(f"{value}:Q", format=value_format))
    return (bars + labels).properties(
        title=alt.Title(title, subtitle=subtitle), width=520, height=max(80, 30 * frame.height)
    )


LANES = {
    "interpersonal": "人际信任 interpersonal",
    "institutional": "制度信任 institutional",
    "event": "事件 events",
}  # colour domain only
# The kind written before each row of the timeline, and the timeline's tooltip titles, in each language.
SHORT_LANES = {
    "en": {"interpersonal": "interpersonal", "institutional": "institutional", "event": "event"},
    "zh": {"interpersonal": "人际", "institutional": "制度", "event": "事件"},
}
TIMELINE_WORDS: dict[str, dict[str, Any]] = {
    "en": {"date": "date", "mark": "tactic or event", "what": None, "measure": "measure", "label_limit": 300},
    "zh": {"date": "日期", "mark": "措施或事件", "what": "内容", "measure": "指标", "label_limit": 250},
}


def tactics_and_outcomes(marks, outcomes, *, start: str, end: str, title: str, subtitle: str, lang: str = "en"):
    """One time axis for what was done and what was measured. Top: one row per tactic or event, in date order, its
    dot coloured by kind of trust (a month-only date at the month's first day, drawn hollow). Below: each outcome
    measure's published figures at the end of the period they cover, hollow when derived or estimated, with the
    tactics' dates as rules.

    `marks`: day (date), lane (interpersonal | institutional | event), label_zh, date, what, precision (day | month),
    source_id, and optionally `name`, the mark's name in `lang` (label_zh without it). `outcomes`: measure (its name
    in `lang`), day (date), value_base, label, status, period, source_id."""

    check(lang)
    words, tips = TIMELINE_WORDS[lang], TOOLTIP_TITLES[lang]
    name = "name" if "name" in marks.columns else "label_zh"
    x_scale = alt.Scale(domain=[start, end])
    x_axis = alt.Axis(format="%Y", tickCount="year", labelAngle=0, grid=True, gridColor="#eef1f4")
    lane_colors = alt.Scale(domain=list(LANES.values()), range=[PALETTE[5], PALETTE[0], "#3e4c59"])
    # One row per tactic or event, in date order, its kind written before it (the colour repeats it).
    marks = marks.with_columns(
        lane_label=marks["lane"].replace_strict(LANES),
        row_label=marks["lane"].replace_strict(SHORT_LANES[lang]) + " · " + marks[name],
    )
    order = [str(x) for x in marks["row_label"]]
    top = alt.Chart(marks).encode(
        x=alt.X("day:T", title=None, scale=x_scale, axis=x_axis),
        y=alt.Y(
            "row_label:N", title=None, sort=order, axis=alt.Axis(labelLimit=words["label_limit"], labelFontSize=10)
        ),
        tooltip=[
            alt.Tooltip("date:N", title=words["date"]),
            alt.Tooltip(f"{name}:N", title=words["mark"]),
            alt.Tooltip("what:N", **({"title": words["what"]} if words["what"] else {})),
            alt.Tooltip("source_id:N", title=tips["source"]),
        ],
    )
    points = top.mark_point(size=70, strokeWidth=1.5, filled=True, shape="circle").encode(
        fill=alt.condition(
            "datum.precision == 'day'", alt.Fill("lane_label:N", scale=lane_colors, legend=None), alt.value("white")
        ),
        stroke=alt.Stroke("lane_label:N", scale=lane_colors, legend=None),
    )
    timeline = points.properties(width=560, height=15 * marks.height)

    rules = (
        alt.Chart(marks)
        .transform_filter("datum.lane != 'event'")
        .mark_rule(color=PEER, strokeDash=[2, 4], strokeWidth=0.8)
        .encode(x=alt.X("day:T", scale=x_scale))
    )
    outcomes = _statuses_in(outcomes, lang)
    reported = STATUS_NAMES[lang]["reported"]
    rows = []
    for measure in dict.fromkeys(outcomes["measure"]):
        part = outcomes.filter(outcomes["measure"] == measure)
        base = alt.Chart(part).encode(
            x=alt.X(
                "day:T",
                title=None,
                scale=x_scale,
                axis=alt.Axis(format="%Y", tickCount="year", labels=False, ticks=False, domain=False),
            ),
            y=alt.Y(
                "value_base:Q",
                title=None,
                axis=alt.Axis(labels=False, ticks=False, grid=False, domain=False),
                scale=alt.Scale(zero=True),
            ),
            tooltip=[
                alt.Tooltip("measure:N", title=words["measure"]),
                alt.Tooltip("period:N", title=CHART_WORDS[lang]["period"]),
                alt.Tooltip("label:N", title=tips["value"]),
                alt.Tooltip("status:N", **({"title": tips["status"]} if lang != "en" else {})),
                alt.Tooltip("source_id:N", title=tips["source"]),
            ],
        )
        line = base.mark_line(color=MUTED, strokeWidth=1, opacity=0.6)
        dots = base.mark_point(size=60, strokeWidth=1.5, filled=True, stroke=PALETTE[0]).encode(
            fill=alt.condition(f"datum.status == '{reported}'", alt.value(PALETTE[0]), alt.value("white"))
        )
        text = base.mark_text(dy=-9, fontSize=10, color=MUTED).encode(text="label:N")
        rows.append(
            (rules + line + dots + text).properties(
                width=560, height=55, title=alt.Title(measure, fontSize=11, anchor="start", offset=2)
            )
        )
    return alt.vconcat(timeline, *rows, spacing=6, title=alt.Title(title, subtitle=subtitle)).resolve_scale(
        x="shared", y="independent"
    )


# The event-study chart's own words: tooltip and axis titles (None: the field's name, as the English chart had it).
ESTIMATE_WORDS: dict[str, dict[str, Any]] = {
    "en": {
        "tactic": None,
        "date": None,
        "change": "change (%)",
        "low": "low (%)",
        "high": "high (%)",
        "axis": "Change in Kuaishou's complaints against other platforms (%)",
    },
    "zh": {
        "tactic": "措施",
        "date": "日期",
        "change": "变化（%）",
        "low": "下限（%）",
        "high": "上限（%）",
        "axis": "快手投诉相对其他平台的变化（%）",
    },
}


def estimates(frame, *, title: str, subtitle: str, lang: str = "en"):
    """Event-study estimates: one row per tactic, the estimate as a point and its range as a line, zero marked."""
    check(lang)
    words = ESTIMATE_WORDS[lang]
    titled = lambda key: {"title": words[key]} if words[key] else {}  # noqa: E731
    base = alt.Chart(frame).encode(
        y=alt.Y("tactic:N", sort=None, title=None, axis=alt.Axis(labelLimit=320)),
        tooltip=[
            alt.Tooltip("tactic:N", **titled("tactic")),
            alt.Tooltip("date:N", **titled("date")),
            alt.Tooltip("change_pct:Q", title=words["change"], format="+.1f"),
            alt.Tooltip("low_pct:Q", title=words["low"], format="+.1f"),
            alt.Tooltip("high_pct:Q", title=words["high"], format="+.1f"),
        ],
    )
    ranges = base.mark_rule(strokeWidth=2, color=PALETTE[0]).encode(
        x=alt.X("low_pct:Q", title=words["axis"]), x2="high_pct:Q"
    )
    points = base.mark_point(filled=True, size=60, color=PALETTE[0]).encode(x="change_pct:Q")
    labels = base.mark_text(align="left", dx=8, dy=-8, fontSize=10).encode(
        x="change_pct:Q", text=alt.Text("change_pct:Q", format="+.0f")
    )
    zero = alt.Chart(frame).mark_rule(color="#3e4c59", strokeDash=[4, 3]).encode(x=alt.datum(0))
    return (zero + ranges + points + labels).properties(
        title=alt.Title(title, subtitle=subtitle), width=480, height=max(80, 34 * frame.height)
    )
