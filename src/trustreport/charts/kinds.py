"""The kinds of chart the chapters draw, each a function from a table to an Altair chart in the report's theme, its
words (legends, tooltips, axes) in the chart's language, from words/charts.yml.

To add a chart kind: a function here marked `@kind`, taking its frame, keyword options and `lang`, with any words
it writes in words/charts.yml. A chapter draws it as `ch.charts.<name>(frame, ...)` (chapter/charting.py gives it
the chapter's language) and shows it with `ch.chart()`, which takes any Altair chart.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from typing import Any, Literal

import altair as alt

from .. import numbers, words
from ..numbers import as_recorded
from . import schema_copy, theme
from .bundle import DRAWING_ONLY
from .theme import BAND, BAND_LINE, GUIDE, INK, KUAISHOU, MUTED, PALETTE, PEER

theme.register()
schema_copy.install()

STATUS_ORDER = ["reported", "derived", "estimate"]
TIMELINE_WIDTH = 600  # px: the tactics timeline's plot; its static drawing is what the PDF prints, full page
LIST_WIDTH = 330  # px: the narrow (phone) form of the timeline
LIST_STEP = 44  # px: an entry of its list (its date and kind over a name of one line)
LIST_LINE = 14  # px: the line a name on two lines adds to its entry


# Every chart kind, by name: a chapter draws one as ch.charts.<name>(frame, ...), in its own language.
KINDS: dict[str, Callable[..., Any]] = {}
# A change in percent on a chart's marks and in its tooltips alike: signed, to two decimals at most (+205.18, -43.75)
CHANGE_FORMAT = "+.2~f"


def kind(draw: Callable[..., Any]) -> Callable[..., Any]:
    """Mark a function as a chart kind (it takes its frame, keyword options and `lang`, and returns an Altair chart)."""
    KINDS[draw.__name__] = draw
    return draw


def _words(section: str, lang: str) -> dict[str, Any]:
    """A section of the charts' words (words/charts.yml) in the chart's language."""
    return words.of("charts", section, lang)


def _channels(**given: Any) -> dict[str, Any]:
    """Encoding channels as Altair's channel objects, for `encode`. Given a shorthand ("year:N") or a dict
    (`alt.value(8)`, `alt.condition(...)`), Altair finds the channel's class by validating the value against
    Vega-Lite's schema, about 4 ms a channel: that was nearly half of building the charts. The spec is the same."""
    return {name: _channel(name, value) for name, value in given.items()}


def _channel(name: str, value: Any) -> Any:
    if isinstance(value, list):  # tooltips
        return [_channel(name, each) for each in value]
    if isinstance(value, str):
        value = {"shorthand": value}
    if not isinstance(value, dict):
        return value  # a channel object already (or Undefined, which `encode` leaves out)
    kind = name[0].upper() + name[1:]  # strokeDash -> StrokeDash
    return getattr(alt, f"{kind}Value" if "value" in value else kind)(**value)


def _titled(title: str | None) -> dict[str, Any]:
    """A tooltip's title where the catalogue gives one; none (Vega then names the field) where it says null."""
    return {"title": title} if title else {}


def _statuses_in(frame, lang: str):
    """The frame with its `status` column in the language (numbers.yml `statuses`)."""
    import polars as pl

    return frame.with_columns(pl.col("status").replace(words.of("numbers", "statuses", lang)))


def _in_language(frame, lang: str):
    """The frame's own words in the language: its `status` as numbers.yml `statuses` names it and its `period` as
    the language gives periods (as the tables write them in English; 2020年, 2023年1月至6月 in Chinese)."""
    import polars as pl

    if "status" in frame.columns:
        frame = _statuses_in(frame, lang)
    if "period" in frame.columns:
        periods = [None if p is None else as_recorded(p, lang) for p in frame["period"]]
        frame = frame.with_columns(period=pl.Series(periods, dtype=pl.String))
    return frame


def status_fill(statuses: list[str], color: str = PALETTE[0], lang: str = "en") -> alt.Fill:
    """Reported figures solid; derived and estimated ones hollow (white inside the outline), with a legend.
    `statuses` as the tables write them (reported, derived, estimate); the legend names them in `lang`, so the
    chart's `status` column must hold them in `lang` too (`_statuses_in`, `_in_language`)."""
    present = [s for s in STATUS_ORDER if s in statuses]
    names = words.of("numbers", "statuses", lang)
    return alt.Fill(
        "status:N",
        scale=alt.Scale(
            domain=[names[s] for s in present],
            range=[color if s == "reported" else "white" for s in present],
        ),
        # A legend only where it tells bars apart: with one status, the subtitle says what the bars are.
        legend=alt.Legend(
            title=_words("tooltips", lang)["status_legend"],
            orient="bottom",
            symbolStrokeColor=color,
            symbolStrokeWidth=1.5,
        )
        if len(present) > 1
        else None,
    )


def _number_axis(spec: str, lang: str, **properties) -> alt.Axis:
    """A value axis whose labels write numbers as the prose does (`spec`: a d3 format without grouping, ".0f"; the
    digits grouped as the language groups them, numbers.vega_number)."""
    return alt.Axis(labelExpr=numbers.vega_number("datum.value", spec, lang), **properties)


def _with_value_text(chart, value: str, spec: str, lang: str):
    """The chart with `value_text`: `value` written as the prose writes numbers, for its labels and tooltips."""
    return chart.transform_calculate(value_text=numbers.vega_number(f"datum[{numbers.js_string(value)}]", spec, lang))


def _bar_tooltips(label: str, label_title: str, value_title: str, lang: str):
    """A bar's tooltip: what it is, its value (`value_text`, `_with_value_text`), the period, the status and the
    source."""
    shared, tips = _words("chart", lang), _words("tooltips", lang)
    return [
        alt.Tooltip(f"{label}:N", title=label_title),
        alt.Tooltip("value_text:N", title=value_title),
        alt.Tooltip("period:N", title=shared["period"]),
        alt.Tooltip("status:N", title=tips["status"]),
        alt.Tooltip("source_id:N", title=tips["source"]),
    ]


@kind
def bar_chart(
    frame,
    *,
    label: str,
    value: str,
    title: str,
    subtitle: str,
    value_title: str,
    value_format: str = ".0f",
    axis_format: str = ".0f",
    lang: str = "en",
):
    """Horizontal bars, largest first, each labelled; reported bars solid, derived or estimated hollow (formats: d3
    formats without grouping, which the language decides)."""
    frame = frame.select(label, value, "status", "source_id", "period").sort(value, descending=True)
    statuses = list(set(frame["status"]))
    frame = _in_language(frame, lang)
    shared = _words("chart", lang)
    base = _with_value_text(alt.Chart(frame), value, value_format, lang).encode(
        **_channels(
            y=alt.Y(f"{label}:N", sort=None, title=None, axis=alt.Axis(labelLimit=220)),
            x=alt.X(f"{value}:Q", title=value_title, axis=_number_axis(axis_format, lang, grid=True, tickCount=5)),
            tooltip=_bar_tooltips(label, shared["item"], value_title, lang),
        )
    )
    bars = base.mark_bar(stroke=PALETTE[0], strokeWidth=1.5, height={"band": 0.7}).encode(
        **_channels(fill=status_fill(statuses, lang=lang))
    )
    labels = base.mark_text(align="left", dx=4).encode(**_channels(text="value_text:N"))
    height = max(80, 34 * frame.height)
    return (bars + labels).properties(title=alt.Title(title, subtitle=subtitle), width=520, height=height)


@kind
def line_chart(frame, *, x: str, y: str, color: str, title: str, subtitle: str, y_title: str, lang: str = "en"):
    """A monthly series per group, with tooltips; for complaint records."""
    shared = _words("chart", lang)
    named = shared["named_tooltips"]
    return (
        _with_value_text(alt.Chart(frame), y, ".0f", lang)
        .mark_line(point=alt.OverlayMarkDef(size=18), strokeWidth=1.8)
        .encode(
            **_channels(
                x=alt.X(f"{x}:T", title=None, axis=alt.Axis(format="%Y-%m", labelAngle=0, tickCount=8)),
                # counts: ticks on whole numbers (a month of a few complaints labelled "0 1 1 2 2" at halves)
                y=alt.Y(f"{y}:Q", title=y_title, axis=_number_axis(".0f", lang, tickMinStep=1)),
                color=alt.Color(f"{color}:N", title=None, legend=alt.Legend(orient="bottom")),
                tooltip=[
                    alt.Tooltip(f"{x}:T", format=shared["month_format"], **_titled(shared["month"] if named else None)),
                    alt.Tooltip(f"{color}:N", **_titled(shared["platform"] if named else None)),
                    alt.Tooltip("value_text:N", title=y_title if named else alt.Undefined),
                ],
            )
        )
        .properties(title=alt.Title(title, subtitle=subtitle), width=520, height=260)
    )


@kind
def year_bars(
    frame,
    *,
    x: str,
    y: str,
    title: str,
    subtitle: str,
    y_title: str,
    y_format: str = ".0f",
    label: str | None = None,
    lang: str = "en",
):
    """Vertical bars by period, status drawn (derived hollow), each bar labelled with `label` (a text column), else
    with its value (`y_format`: a d3 format without grouping, which the language decides)."""
    import polars as pl

    statuses = list(set(frame["status"]))
    frame = _in_language(frame, lang)
    if label:
        # a label wider than its bar ("RMB 381.2 billion") runs over the next bar, or the value axis, on a phone: its
        # last word goes on a line of its own above the bar ("RMB 381.2" / "billion"); one word stays one line
        frame = frame.with_columns(label_lines=pl.col(label).str.replace(r"^(.*\S) (\S+)$", "$1\n$2"))
    shared, tips = _words("chart", lang), _words("tooltips", lang)
    base = _with_value_text(alt.Chart(frame), y, y_format, lang).encode(
        **_channels(
            # half a step of room at either end: the first and last bars' labels, wider than a bar on a phone, stay
            # inside the frame instead of running over the value axis
            x=alt.X(f"{x}:O", title=None, axis=alt.Axis(labelAngle=0), scale=alt.Scale(paddingOuter=0.5)),
            y=alt.Y(f"{y}:Q", title=y_title, axis=_number_axis(y_format, lang, tickCount=5)),
            tooltip=[
                alt.Tooltip(f"{x}:O", title=shared["period"]),
                alt.Tooltip(f"{label}:N" if label else "value_text:N", title=y_title),
                alt.Tooltip("status:N", **_titled(tips["status_title"])),
                alt.Tooltip("source_id:N", title=tips["source"]),
            ],
        )
    )
    bars = base.mark_bar(stroke=PALETTE[0], strokeWidth=1.5, width={"band": 0.6}).encode(
        **_channels(fill=status_fill(statuses, lang=lang))
    )
    # Vega sets a label's first line at the bar's top and the next below it: a two-line label is raised a line
    line_px = 13
    lifted = line_px if label and frame["label_lines"].str.contains("\n").any() else 0
    text = base.mark_text(dy=-5 - lifted, fontSize=11, lineHeight=line_px, baseline="bottom", lineBreak="\n").encode(
        **_channels(text=alt.Text("label_lines:N" if label else "value_text:N"))
    )
    # a value scaled for the axis (gmv_rmb_billion, appeals_万件) is value_base as drawn: the CSV keeps the figure
    scaled = [y] if y != "value_base" and "value_base" in frame.columns else []
    return (bars + text).properties(
        title=alt.Title(title, subtitle=subtitle),
        width=520,
        height=260,
        usermeta={DRAWING_ONLY: ["label_lines", *scaled]},
    )


@kind
def compare_years(
    frame,
    *,
    metric: str,
    year: str,
    value: str,
    label: str,
    title: str,
    subtitle: str,
    one_scale: bool = False,
    lang: str = "en",
):
    """One row of bars per metric, one bar per year; a missing figure is written out ("not published") where its
    bar would be, never drawn as zero. `one_scale`: every row on one scale, so bars compare across rows (one
    measure, several platforms); otherwise each row is a small chart of its own, framed, on its own scale, and a
    row with a figure for one year only marks it with a square beside its figure instead of a bar: a bar alone on a
    scale of its own has a length that says nothing."""

    tips = _words("tooltips", lang)
    # each year named as the language names a year (2020 / 2020年), as on every chart of the report; the status in
    # the language, as the tooltip shows it
    frame = _statuses_in(frame, lang).with_columns(
        metric_lines=_row_lines(frame[metric], lang),
        year_label=_year_names(frame[year], lang),
    )
    years = sorted(set(frame[year]))
    # the baseline year in grey, the focus year in the accent blue: the eye goes to the year the edition is about
    colors = alt.Scale(
        domain=[_year_name(y, lang) for y in years],
        range=[PEER, PALETTE[0]][-len(years) :] if len(years) <= 2 else PALETTE,
    )
    base = alt.Chart(frame).encode(
        **_channels(
            y=alt.Y("year_label:N", title=None, axis=alt.Axis(labelFontSize=11)),
            tooltip=[
                alt.Tooltip(f"{metric}:N", title=tips["metric"]),
                alt.Tooltip("year_label:N", title=tips["year"]),
                alt.Tooltip(f"{label}:N", title=tips["value"]),
                alt.Tooltip("status:N", **_titled(tips["status_title"])),
                alt.Tooltip("source_id:N", title=tips["source"]),
            ],
        )
    )
    # a derived or estimated figure hollow, its outline in its year's colour, as on every chart of the report
    statuses = words.of("numbers", "statuses", lang)
    hollow = json.dumps([statuses[k] for k in ("derived", "estimate")], ensure_ascii=False)
    status_channels = _channels(
        fill=alt.condition(
            f"indexof({hollow}, datum.status) >= 0",
            alt.value("white"),
            alt.Fill("year_label:N", scale=colors, legend=alt.Legend(title=None, orient="bottom")),
        ),
        stroke=alt.Stroke("year_label:N", scale=colors, legend=None),
    )
    # how many years of its row have a figure: a row of one is marked, not barred, unless all rows share one scale
    counted = base.transform_joinaggregate(shown=f"valid({value})", groupby=[metric])
    barred = "true" if one_scale else "datum.shown > 1"
    bars = (
        counted.transform_filter(f"isValid(datum.{value}) && {barred}")
        .mark_bar(height={"band": 0.7}, strokeWidth=1.5)
        .encode(**_channels(x=alt.X(f"{value}:Q", title=None, axis=None)), **status_channels)
    )
    alone = (
        counted.transform_filter(f"isValid(datum.{value}) && !({barred})")
        .transform_calculate(at="0")
        .mark_square(size=90, strokeWidth=1.5, opacity=1, xOffset=6)
        .encode(**_channels(x=alt.X("at:Q", title=None, axis=None)), **status_channels)
    )
    text = (
        counted.transform_filter(barred)
        .mark_text(align="left", dx=4, fontSize=11)
        .encode(
            **_channels(
                x=alt.X("label_x:Q", title=None, axis=None),
                text=alt.Text(f"{label}:N"),
            )
        )
        .transform_calculate(label_x=f"isValid(datum.{value}) ? datum.{value} : 0")
    )
    # in a row of one, every year's words start after the square's place, so they stand in one column
    text_alone = (
        counted.transform_filter(f"!({barred})")
        .transform_calculate(at="0")
        .mark_text(align="left", dx=16, fontSize=11)
        .encode(**_channels(x=alt.X("at:Q", title=None, axis=None), text=alt.Text(f"{label}:N")))
    )
    # room for the longest bar's label inside the frame ("134 million" ran across its right edge): an unseen mark
    # half as far again as each row's longest bar stretches that row's scale
    room = (
        alt.Chart(frame)
        .transform_filter(f"isValid(datum.{value})")
        .transform_aggregate(longest=f"max({value})")
        .transform_calculate(room_x="datum.longest * 1.5")
        .mark_point(opacity=0, size=0)
        .encode(**_channels(x=alt.X("room_x:Q", title=None, axis=None)))
    )
    cell = alt.layer(bars, alone, text, text_alone, room, data=frame).properties(width=420, height=alt.Step(18))
    return (
        cell.facet(
            row=alt.Row(
                "metric_lines:N",
                title=None,
                header=_row_header(),
                sort=list(dict.fromkeys(frame["metric_lines"])),
            )
        )
        .resolve_scale(x="shared" if one_scale else "independent")
        .properties(title=alt.Title(title, subtitle=subtitle), usermeta={DRAWING_ONLY: ["metric_lines", "year_label"]})
        # rows on scales of their own each framed, a chart apart: their bars' lengths are not to be compared
        .configure_view(stroke=None if one_scale else BAND_LINE)
        .configure_facet(spacing=14 if one_scale else 22)
    )


@kind
def what_if(factors: list[dict], *, base_rmb: float, title: str, subtitle: str, lang: str = "en"):
    """The GMV formula as a live calculator: a slider per factor (its % change on the base), the product redrawn as
    they move, with its change on the base; the axis stays put (up to three times the base) so the bar's length
    is what moves.

    `factors`: dicts with name, label, base, min, max, step (percent). Interactive only: the PDF shows the
    sensitivity chart instead."""
    import polars as pl

    said = _words("what_if", lang)
    params = [
        alt.param(
            name=f["name"],
            value=f["base"],
            bind=alt.binding_range(min=f["min"], max=f["max"], step=f["step"], name=f["label"]),
        )
        for f in factors
    ]
    growth = " * ".join(f"(1 + {f['name']} / 100)" for f in factors)
    rows = pl.DataFrame({"scenario": [said["base"], said["what_if"]]})
    # the two GMVs a series: both in the scale the smaller reaches, never RMB 720 million beside RMB 3.87 billion
    money = said["money"].format(amount=numbers.vega_amount("datum.gmv_rmb", 2, lang, "datum.gmv_smaller"))
    # the axis in one scale, the one its starting span reads in, named in its title: never "500 million" beside
    # "1.5 billion" on one axis
    divisor, word = numbers.axis_scale(base_rmb * 3, lang)
    ticks = numbers.vega_number(f"datum.value / {divisor!r}", "~f", lang)
    axis_title = said["axis"].format(unit=numbers.axis_unit("rmb", word, lang))
    is_base = f"datum.scenario == {numbers.js_string(said['base'])}"
    # the change in words, through the number formatter's words ("up 3,100%"), on a second line below the GMV
    before, after = said["change"].split("{growth}")
    in_words = numbers.growth_expression("(datum.change - 1) * 100", lang)
    change = f"{numbers.js_string(before)} + {in_words} + {numbers.js_string(after)}"
    chart = (
        alt.Chart(rows)
        .add_params(*params)
        .transform_calculate(change=f"{is_base} ? 1 : {growth}")
        .transform_calculate(gmv_rmb=f"{base_rmb!r} * datum.change")
        .transform_joinaggregate(gmv_smaller="min(gmv_rmb)")
        .transform_calculate(money=money, said=f"{is_base} ? '' : {change}")
        .encode(
            **_channels(
                y=alt.Y("scenario:N", title=None, sort=None),
                x=alt.X(
                    "gmv_rmb:Q",
                    title=axis_title,
                    scale=alt.Scale(domain=[0, base_rmb * 3], clamp=True, nice=False),
                    axis=alt.Axis(tickCount=4, labelExpr=ticks),
                ),
            )
        )
    )
    bars = chart.mark_bar(height={"band": 0.42}).encode(
        **_channels(color=alt.Color("scenario:N", scale=alt.Scale(range=[PEER, PALETTE[0]]), legend=None))
    )

    # The readout sits above its bar from the axis start, so it never runs off the plot however long the bar gets,
    # in lines short enough for a phone's plot: the GMV, and above the what-if's bar its change below the GMV.
    def readout(field: str, dy: int, rows: str):
        return (
            chart.transform_filter(rows)
            .mark_text(align="left", baseline="bottom", dy=dy, fontSize=12)
            .encode(**_channels(x=alt.datum(0), text=f"{field}:N"))
        )

    # a bar is 0.42 of its 90 px band, so its top is 19 px above the band's middle: the lowest line stands 3 px clear
    texts = [
        readout("money", -22, is_base),
        readout("money", -37, f"!({is_base})"),
        readout("said", -22, f"!({is_base})"),
    ]
    return alt.layer(bars, *texts).properties(title=alt.Title(title, subtitle=subtitle), width=420, height=180)


@kind
def sensitivity(frame, *, title: str, subtitle: str, lang: str = "en"):
    """GMV's change on its base when factors move by ±10% and ±25%, one factor at a time and together: a dot per
    move, ±25% filled and labelled, ±10% hollow, the span between them drawn, zero marked."""

    said = _words("sensitivity", lang)
    order = list(dict.fromkeys(frame["scenario"]))
    base = alt.Chart(frame).encode(
        **_channels(
            y=alt.Y("scenario:N", sort=order, title=None, axis=alt.Axis(labelLimit=300)),
            tooltip=[
                alt.Tooltip("scenario:N", **_titled(said["scenario"])),
                alt.Tooltip("factor_change_pct:Q", title=said["moved"], format="+d"),
                # as the dots' labels write it (-43.75, +205.18), so a dot and its tooltip say the same
                alt.Tooltip("gmv_change_pct:Q", title=said["change"], format=CHANGE_FORMAT),
            ],
        )
    )
    span = (
        alt.Chart(frame)
        .mark_rule(color=MUTED, strokeWidth=1)
        .encode(
            **_channels(
                y=alt.Y("scenario:N", sort=order), x=alt.X("min(gmv_change_pct):Q"), x2=alt.X2("max(gmv_change_pct):Q")
            )
        )
    )
    moves = ["down 25%", "down 10%", "up 10%", "up 25%"]  # the dots' colour and fill, not shown as words
    dots = (
        base.transform_calculate(
            move="(datum.factor_change_pct > 0 ? 'up ' : 'down ') + abs(datum.factor_change_pct) + '%'",
        )
        .mark_point(size=70, strokeWidth=1.5, filled=True)
        .encode(
            **_channels(
                x=alt.X(
                    "gmv_change_pct:Q",
                    title=said["change"],
                    scale=alt.Scale(padding=20),  # room inside the frame for the labels of the dots at either end
                    # signed, as changes are, but no change is 0, not "+0"
                    axis=alt.Axis(format="+d", tickCount=6, labelExpr="datum.value == 0 ? '0' : datum.label"),
                ),
                stroke=alt.Stroke(
                    "move:N",
                    scale=alt.Scale(domain=moves, range=[KUAISHOU, KUAISHOU, PALETTE[0], PALETTE[0]]),
                    legend=None,
                ),
                fill=alt.Fill(
                    "move:N", scale=alt.Scale(domain=moves, range=[KUAISHOU, "white", "white", PALETTE[0]]), legend=None
                ),
            )
        )
    )
    labels = (
        base.transform_filter("abs(datum.factor_change_pct) == 25")
        .mark_text(dy=-10, fontSize=11, color=MUTED)
        .encode(**_channels(x="gmv_change_pct:Q", text=alt.Text("gmv_change_pct:Q", format=CHANGE_FORMAT)))
    )
    zero = alt.Chart(frame).mark_rule(color=GUIDE, strokeDash=[4, 3]).encode(**_channels(x=alt.datum(0)))
    return (zero + span + dots + labels).properties(
        title=alt.Title(title, subtitle=subtitle), width=440, height=alt.Step(30)
    )


@kind
def platform_bars(
    frame,
    *,
    label: str,
    value: str,
    title: str,
    subtitle: str,
    value_title: str,
    highlight: str = "快手",
    value_format: str = ".0f",
    lang: str = "en",
):
    """Horizontal bars by platform, largest first: the highlighted platform (快手) in the accent colour, its peers
    grey (`value_format`: a d3 format without grouping, which the language decides)."""

    frame = _in_language(frame.sort(value, descending=True), lang)
    shared = _words("chart", lang)
    base = _with_value_text(alt.Chart(frame), value, value_format, lang).encode(
        **_channels(
            y=alt.Y(f"{label}:N", sort=None, title=None),
            # the axis in round numbers (0, 10, 20), whatever precision the labels and tooltips give the values
            x=alt.X(f"{value}:Q", title=value_title, axis=_number_axis("~f", lang, grid=True, tickCount=5)),
            tooltip=_bar_tooltips(label, shared["platform"], value_title, lang),
        )
    )
    color = alt.condition(f"datum['{label}'] == '{highlight}'", alt.value(KUAISHOU), alt.value(PEER))
    bars = base.mark_bar(height={"band": 0.7}).encode(**_channels(color=color))
    labels = base.mark_text(align="left", dx=4).encode(**_channels(text="value_text:N"))
    return (bars + labels).properties(
        title=alt.Title(title, subtitle=subtitle), width=520, height=max(80, 30 * frame.height)
    )


# What the timeline's data holds only to draw it: the year bands, each mark's place and side, its name in lines
TIMELINE_DRAWING = [
    "above", "band_end", "band_start", "day", "lane", "name_lines", "name_right", "precision", "row_label", "shaded",
    "year",
]  # fmt: skip


def _year_bands(first: int, last: int):
    """One band per calendar year from `first` to `last`, every other one shaded, so each year's marks sit inside
    their year (the year's name sits at its middle, not on the gridline where it starts)."""
    import polars as pl

    return pl.DataFrame(
        {
            "year": list(range(first, last + 1)),
            "band_start": [date(y, 1, 1) for y in range(first, last + 1)],
            "band_end": [date(y + 1, 1, 1) for y in range(first, last + 1)],
            "shaded": [(y - first) % 2 == 0 for y in range(first, last + 1)],
        }
    )


def _year_name(year: int | str, lang: str) -> str:
    """A year as the language names it on a chart: 2020 in English, 2020年 in Chinese (numbers.as_recorded)."""
    return as_recorded(str(year), lang)


def _year_names(years, lang: str):
    """A column of years (numbers or text) as the language names them on a chart, as text."""
    import polars as pl

    return pl.Series([_year_name(y, lang) for y in years], dtype=pl.String)


def _year_axis(bands, labels: Literal["top", "bottom"] | None, lang: str) -> alt.Axis:
    """A time axis that names each year at its middle, inside its band (`labels`: top or bottom; None: no names),
    as the language names a year."""
    return alt.Axis(
        values=[str(date(int(y), 7, 2)) for y in bands["year"]],
        format=_year_name(2000, lang).replace("2000", "%Y"),
        labelAngle=0,
        grid=False,
        ticks=False,
        domain=False,
        labels=labels is not None,
        orient=labels or "bottom",
        labelFontSize=12,
        labelPadding=4,
    )


def _bands(bands, x: alt.X):
    """The year bands as a layer, on the view's time axis `x`: every other year's band shaded."""
    band_x = alt.X("band_start:T", title=None, scale=x["scale"], axis=x["axis"])
    # decorative (aria false): the year labels say which year a band is; the shading only guides the eye
    return (
        alt.Chart(bands)
        .mark_rect(color=BAND, aria=False)
        .transform_filter("datum.shaded")
        .encode(**_channels(x=band_x, x2="band_end:T"))
    )


def _text_width(text: str, size: float) -> float:
    """About how wide a line of text is drawn, in px: a Chinese character a full em, anything else about half."""
    return sum(size if "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" else 0.5 * size for ch in text)


def _two_lines(text: str) -> list[str]:
    """A name broken at the space nearest its middle (a Chinese name, without spaces, at its middle)."""
    spaces = [i for i, ch in enumerate(text) if ch == " " and 0 < i < len(text) - 1]
    cut = min(spaces, key=lambda i: abs(i - len(text) / 2)) if spaces else len(text) // 2
    return [text[:cut].rstrip(), text[cut:].lstrip()]


@kind
def tactics_and_outcomes(marks, outcomes, *, start: str, end: str, title: str, subtitle: str, lang: str = "en"):
    """One time axis for what was done and what was measured, in calendar-year bands. Top: one row per tactic or
    event, in date order, its dot coloured by kind of trust (a month-only date at the month's first day, drawn
    hollow). Below: each outcome measure's published figures at the middle of the year they cover, hollow when
    derived or estimated, labelled alternately above and below so neighbours never overlap. On a narrow screen the
    site draws `usermeta.narrow` instead (`_tactics_list`): the tactics as a list, each outcome's years as rows.

    `marks`: day (date), lane (interpersonal | institutional | event), label_zh, date, what, precision (day | month),
    source_id, and optionally `name`, the mark's name in `lang` (label_zh without it). `outcomes`: measure (its name
    in `lang`), day (date), value_base, label, status, period, source_id, in the order the rows are drawn."""
    import polars as pl

    said, tips = _words("timeline", lang), _words("tooltips", lang)
    name = "name" if "name" in marks.columns else "label_zh"
    first, last = date.fromisoformat(start).year, date.fromisoformat(end).year
    last = last - 1 if date.fromisoformat(end) == date(last, 1, 1) else last
    x_scale = alt.Scale(domain=[str(date(first, 1, 1)), str(date(last + 1, 1, 1))])
    bands = _year_bands(first, last)
    # The kind of each mark by colour and by shape (a legend names them), so that neither alone carries it.
    lanes = _words("lanes", lang)
    kinds = [lanes[k] for k in ("interpersonal", "institutional", "event")]
    lane_colors = alt.Scale(domain=kinds, range=[PALETTE[5], PALETTE[0], GUIDE])
    lane_shapes = alt.Scale(domain=kinds, range=["triangle-up", "circle", "square"])
    # One row per tactic or event, in date order.
    marks = marks.with_columns(
        lane_label=marks["lane"].replace_strict(lanes),
        row_label=marks["lane"].replace_strict(lanes) + " · " + marks[name],
    )
    order = [str(x) for x in marks["row_label"]]
    shown = [str(x) for x in marks[name]]
    # Each row's name beside its dot, on the side with room for it: no axis of names beside the plot, so the chart
    # is no wider than its time axis (and its text larger in the PDF, which fits the chart to the page's width).
    span = (date(last + 1, 1, 1) - date(first, 1, 1)).days
    at = [TIMELINE_WIDTH * (d - date(first, 1, 1)).days / span for d in marks["day"]]
    sides, wrapped = [], []
    for text, x in zip(shown, at, strict=True):
        fits_right, fits_left = _text_width(text, 12) <= TIMELINE_WIDTH - x - 14, _text_width(text, 12) <= x - 14
        # where neither side has room, the name takes two lines, on the side with more
        sides.append(fits_right or (not fits_left and TIMELINE_WIDTH - x >= x))
        wrapped.append([text] if fits_right or fits_left else _two_lines(text))
    marks = marks.with_columns(name_right=pl.Series(sides), name_lines=pl.Series(wrapped, dtype=pl.List(pl.String)))
    # a name on two lines has the room of two rows: its second line takes a row of its own, left empty
    rows_drawn = [r for row, lines in zip(order, wrapped, strict=True) for r in (row, f"{row} ·2")[: len(lines)]]
    top_x = alt.X("day:T", title=None, scale=x_scale, axis=_year_axis(bands, "top", lang))
    top = alt.Chart(marks).encode(
        **_channels(
            x=top_x,
            y=alt.Y("row_label:N", title=None, sort=order, axis=None, scale=alt.Scale(domain=rows_drawn)),
            tooltip=[
                alt.Tooltip("date:N", title=said["date"]),
                alt.Tooltip(f"{name}:N", title=said["mark"]),
                alt.Tooltip("what:N", **_titled(said["what"])),
                alt.Tooltip("source_id:N", title=tips["source"]),
            ],
        )
    )
    legend = alt.Legend(title=None, orient="top", direction="horizontal", labelFontSize=12, symbolStrokeWidth=1.5)
    points = top.mark_point(size=80, strokeWidth=1.5, filled=True).encode(
        **_channels(
            fill=alt.condition(
                "datum.precision == 'day'", alt.Fill("lane_label:N", scale=lane_colors, legend=None), alt.value("white")
            ),
            stroke=alt.Stroke("lane_label:N", scale=lane_colors, legend=legend),
            shape=alt.Shape("lane_label:N", scale=lane_shapes, legend=legend),
        )
    )
    sides_drawn: list[tuple[str, Literal["left", "right"], int]] = [
        ("datum.name_right", "left", 9),
        ("!datum.name_right", "right", -9),
    ]
    # a name on two lines: its first beside its dot, its second in the empty row below
    names = [
        top.transform_filter(side)
        .mark_text(align=align, dx=dx, fontSize=12, lineHeight=14, color=INK)
        .encode(**_channels(text=alt.Text(field="name_lines", type="nominal")))
        for side, align, dx in sides_drawn
    ]
    timeline = alt.layer(_bands(bands, top_x), points, *names, width=TIMELINE_WIDTH, height=alt.Step(20))

    outcomes = _statuses_in(outcomes, lang)
    # above, below, above...: a label never meets its neighbour's, a year away
    outcomes = outcomes.with_columns(
        above=(pl.int_range(pl.len()).over("measure") % 2 == 0) if outcomes.height else pl.lit(True)
    )
    reported = words.of("numbers", "statuses", lang)["reported"]
    not_found = _words("status_grid", lang)["not_found"]
    measures = list(dict.fromkeys(outcomes["measure"]))
    rows = []
    for i, measure in enumerate(measures):
        part = outcomes.filter(outcomes["measure"] == measure)
        row_x = alt.X(
            "day:T",
            title=None,
            scale=x_scale,
            axis=_year_axis(bands, "bottom" if i == len(measures) - 1 else None, lang),
        )
        base = alt.Chart(part).encode(
            **_channels(
                x=row_x,
                y=alt.Y(
                    "value_base:Q",
                    title=None,
                    axis=None,
                    scale=alt.Scale(zero=True, padding=16),
                ),
                tooltip=[
                    alt.Tooltip("measure:N", title=said["measure"]),
                    alt.Tooltip("period:N", title=_words("chart", lang)["period"]),
                    alt.Tooltip("label:N", title=tips["value"]),
                    alt.Tooltip("status:N", **_titled(tips["status_title"])),
                    alt.Tooltip("source_id:N", title=tips["source"]),
                ],
            )
        )
        line = base.mark_line(color=MUTED, strokeWidth=1, opacity=0.6)
        dots = base.mark_point(size=70, strokeWidth=1.5, filled=True, stroke=PALETTE[0]).encode(
            **_channels(fill=alt.condition(f"datum.status == '{reported}'", alt.value(PALETTE[0]), alt.value("white")))
        )
        above = base.transform_filter("datum.above").mark_text(dy=-11, baseline="bottom", fontSize=11, color=INK)
        below = base.transform_filter("!datum.above").mark_text(dy=11, baseline="top", fontSize=11, color=INK)
        # a year with no figure says so in its band: left empty, it read as a gap in the drawing, not in the record
        gaps = pl.DataFrame({"day": [date(y, 7, 2) for y in _years_without(part, list(bands["year"]))]})
        missing = (
            alt.Chart(gaps)
            .mark_text(fontSize=11, color=MUTED)
            .encode(**_channels(x=row_x, y=alt.value(28), text=alt.value(not_found)))
        )
        rows.append(
            alt.layer(
                _bands(bands, row_x),
                *([missing] if gaps.height else []),
                line,
                dots,
                above.encode(**_channels(text="label:N")),
                below.encode(**_channels(text="label:N")),
                width=TIMELINE_WIDTH,
                height=56,
                title=alt.Title(measure, fontSize=12, anchor="start", offset=4),
            )
        )
    narrow = _tactics_list(marks, outcomes, lane_colors, lane_shapes, order, list(bands["year"]), lang).to_dict(
        validate=False
    )
    narrow.pop("$schema", None)  # pages name no other host
    # a compound chart's properties given when it is made: Altair copies the whole chart for each one set after
    return alt.vconcat(
        timeline,
        *rows,
        spacing=10,
        title=alt.Title(title, subtitle=subtitle),
        resolve=alt.Resolve(scale=alt.ScaleResolveMap(x="shared", y="independent")),
        usermeta={"narrow": narrow, DRAWING_ONLY: TIMELINE_DRAWING},
    )


def _years_without(part, years: list[int]) -> list[int]:
    """The years of `years` in which an outcome measure's rows (`part`, a `day` each) have no figure."""
    found = {d.year for d in part["day"]}
    return [int(y) for y in years if int(y) not in found]


def _tactics_list(marks, outcomes, lane_colors, lane_shapes, order: list[str], years: list[int], lang: str):
    """The timeline for a narrow screen: each tactic and event a line of its own (its date and kind, then its
    whole name, in date order), then each outcome measure's years as rows, a dot and its value per year."""
    import polars as pl

    said, tips = _words("timeline", lang), _words("tooltips", lang)
    reported = words.of("numbers", "statuses", lang)["reported"]
    name = "name" if "name" in marks.columns else "label_zh"
    # a name too long for a phone's line takes two, and its entry a line's more room, so it never meets the next
    name_lines = [[n] if _text_width(n, 12) <= LIST_WIDTH - 24 else _two_lines(n) for n in marks[name]]
    place = {label: i for i, label in enumerate(order)}
    tops, top = {}, 0
    for i in sorted(range(len(name_lines)), key=lambda i: place[str(marks["row_label"][i])]):
        tops[i] = top
        top += LIST_STEP + LIST_LINE * (len(name_lines[i]) - 1)
    listed = marks.with_columns(
        head=marks["date"] + " · " + marks["lane"].replace_strict(_words("lanes", lang)),
        line=pl.Series(name_lines, dtype=pl.List(pl.String)),
        # the entry's middle, in pixels from the top (the dot's place; its head above, its name below)
        y_px=pl.Series([tops[i] + LIST_STEP / 2 for i in range(len(name_lines))]),
    )
    rows = alt.Chart(listed).encode(
        **_channels(
            y=alt.Y("y_px:Q", scale=None, title=None, axis=None),
            tooltip=[
                alt.Tooltip("date:N", title=said["date"]),
                alt.Tooltip(f"{name}:N", title=said["mark"]),
                alt.Tooltip("what:N", **_titled(said["what"])),
                alt.Tooltip("source_id:N", title=tips["source"]),
            ],
        )
    )
    dots = rows.mark_point(size=70, strokeWidth=1.5, filled=True).encode(
        **_channels(
            x=alt.value(7),
            fill=alt.condition(
                "datum.precision == 'day'", alt.Fill("lane_label:N", scale=lane_colors, legend=None), alt.value("white")
            ),
            stroke=alt.Stroke("lane_label:N", scale=lane_colors, legend=None),
            shape=alt.Shape("lane_label:N", scale=lane_shapes, legend=None),
        )
    )
    heads = rows.mark_text(align="left", baseline="bottom", dy=-6, fontSize=11, color=MUTED).encode(
        **_channels(x=alt.value(20), text="head:N")
    )
    lines = rows.mark_text(align="left", baseline="top", dy=-4, fontSize=12, lineHeight=LIST_LINE, color=INK).encode(
        **_channels(x=alt.value(20), text=alt.Text(field="line", type="nominal"))
    )
    listing = alt.layer(dots, heads, lines, width=LIST_WIDTH, height=top)
    parts: list[alt.LayerChart | alt.FacetChart | alt.VConcatChart] = [listing]
    not_found = _words("status_grid", lang)["not_found"]
    for measure in dict.fromkeys(outcomes["measure"]):
        part = outcomes.filter(outcomes["measure"] == measure)
        # each year of the chart a row, a year with no figure saying so (no dot: there is no value)
        missing = _years_without(part, years)
        gaps = pl.DataFrame(
            {
                "measure": [measure] * len(missing),
                "day": [date(y, 7, 2) for y in missing],
                "period": [_year_name(y, lang) for y in missing],
                "label": [not_found] * len(missing),
                "value_base": [0.0] * len(missing),
                "gap": [True] * len(missing),
            }
        )
        part = pl.concat([part.with_columns(gap=pl.lit(False)), gaps], how="diagonal_relaxed").sort("day")
        # the years in order (a domain of its own: a layer that leaves out the years with no figure would otherwise
        # set the order, and those years would come last)
        periods = alt.Scale(domain=list(part["period"]))
        base = alt.Chart(part).encode(
            **_channels(
                y=alt.Y(
                    "period:N", title=None, scale=periods, axis=alt.Axis(labelFontSize=12, ticks=False, domain=False)
                ),
                tooltip=[
                    alt.Tooltip("period:N", title=_words("chart", lang)["period"]),
                    alt.Tooltip("label:N", title=tips["value"]),
                    alt.Tooltip("status:N", **_titled(tips["status_title"])),
                    alt.Tooltip("source_id:N", title=tips["source"]),
                ],
            )
        )
        value_x = alt.X("value_base:Q", title=None, axis=None, scale=alt.Scale(zero=True, nice=False))
        dots = (
            base.transform_filter("!datum.gap")
            .mark_point(size=60, strokeWidth=1.5, filled=True, stroke=PALETTE[0])
            .encode(
                **_channels(
                    x=value_x,
                    fill=alt.condition(f"datum.status == '{reported}'", alt.value(PALETTE[0]), alt.value("white")),
                )
            )
        )
        stem = (
            base.transform_filter("!datum.gap")
            .transform_calculate(zero="0")
            .mark_rule(color=BAND_LINE, strokeWidth=1, aria=False)  # decorative: the dot and its label carry the value
            .encode(
                **_channels(
                    x=alt.X("zero:Q", title=None, axis=None, scale=alt.Scale(zero=True, nice=False)), x2="value_base:Q"
                )
            )
        )
        text = base.mark_text(align="left", dx=8, fontSize=11).encode(
            **_channels(x=value_x, text="label:N", color=alt.condition("datum.gap", alt.value(MUTED), alt.value(INK)))
        )
        # the measure's name over its rows, on two lines where one is too long for a phone
        named = [measure] if _text_width(measure, 12) <= LIST_WIDTH else _two_lines(measure)
        parts.append(
            alt.vconcat(
                alt.layer(stem, dots, text, width=LIST_WIDTH - 150, height=alt.Step(20)),
                title=alt.Title(named, fontSize=12, anchor="start"),
            )
        )
    return alt.vconcat(
        *parts, spacing=14, resolve=alt.Resolve(scale=alt.ScaleResolveMap(y="independent", x="independent"))
    )


@kind
def estimates(frame, *, title: str, subtitle: str, lang: str = "en"):
    """Event-study estimates: one row per tactic, the estimate as a point and its range as a line, zero marked."""
    said = _words("estimates", lang)
    base = alt.Chart(frame).encode(
        **_channels(
            y=alt.Y("tactic:N", sort=None, title=None, axis=alt.Axis(labelLimit=320)),
            tooltip=[
                alt.Tooltip("tactic:N", **_titled(said["tactic"])),
                alt.Tooltip("date:N", **_titled(said["date"])),
                alt.Tooltip("change_pct:Q", title=said["change"], format="+.1f"),
                alt.Tooltip("low_pct:Q", title=said["low"], format="+.1f"),
                alt.Tooltip("high_pct:Q", title=said["high"], format="+.1f"),
            ],
        )
    )
    ranges = base.mark_rule(strokeWidth=2, color=PALETTE[0]).encode(
        **_channels(x=alt.X("low_pct:Q", title=said["axis"]), x2="high_pct:Q")
    )
    points = base.mark_point(filled=True, size=60, color=PALETTE[0]).encode(**_channels(x="change_pct:Q"))
    labels = base.mark_text(align="left", dx=8, dy=-8, fontSize=11).encode(
        **_channels(x="change_pct:Q", text=alt.Text("change_pct:Q", format="+.0f"))
    )
    zero = alt.Chart(frame).mark_rule(color=GUIDE, strokeDash=[4, 3]).encode(**_channels(x=alt.datum(0)))
    return alt.layer(zero, ranges, points, labels).properties(
        title=alt.Title(title, subtitle=subtitle), width=480, height=max(80, 34 * frame.height)
    )


def _wrapped(text: str, width: int) -> list[str]:
    """Text in lines of at most `width` characters: broken at spaces where it has them, else (Chinese) between
    characters, never inside a run of digits."""
    import textwrap

    if " " in text:
        return textwrap.wrap(text, width) or [text]
    # a name's bracketed part (全渠道, 96315热线) goes whole onto a line of its own where it fits there
    bracket = text.rfind("（")
    if len(text) > width and 0 < bracket <= width and len(text) - bracket <= width:
        return [*_wrapped(text[:bracket], width), text[bracket:]]
    lines, line = [], ""
    for piece in re.findall(r"[0-9][0-9,.]*|.", text):
        if line and len(line) + len(piece) > width and piece not in "）》」』，。、；：！？":
            lines.append(line)
            line = ""
        line += piece
    return [*lines, line] if line else lines


def _row_lines(names, lang: str, lines_per_phone_line: int = 1):
    """Each row's name (a column of `names`) in lines short enough to sit above its row on a phone (or, for a chart
    only a wide screen draws, in lines `lines_per_phone_line` times as long): a facet header does not wrap by itself,
    and a long one would squeeze the chart beside it."""
    import polars as pl

    width = _words("chart", lang)["line_chars"] * lines_per_phone_line
    lines = {m: "\n".join(_wrapped(str(m), width)) for m in dict.fromkeys(names)}
    return pl.Series(names).cast(pl.String).replace_strict(lines)


def _row_header(**extra: Any) -> alt.Header:
    """A facet row's name above its row, whole, in the lines `_row_lines` gave it."""
    return alt.Header(
        labelAngle=0,
        labelAlign="left",
        labelAnchor="start",
        labelOrient="top",
        labelFontSize=12,
        labelLimit=0,  # the whole name: it says what is counted
        labelExpr="split(datum.value, '\\n')",
        **extra,
    )


# The width of one year's column in the summary's grid: its mark and its figure ("2020: 6.93 million (derived)").
GRID_COLUMN_PX = 300
# The states a cell of the summary's grid can be in, in the legend's order; "announced" is a promise made before the
# event, never a measured outcome.
GRID_STATES = ["reported", "derived", "estimate", "announced", "other basis", "not found"]
# a diamond: announced; a cross: a figure counted on another basis, not comparable; a dash: no figure found
GRID_SHAPES = {"announced": "diamond", "other basis": "cross", "not found": "M-1,0L1,0"}


@kind
def status_grid(frame, *, title: str, subtitle: str, lang: str = "en"):
    """Measures by year, as a grid: one row per measure (its name above it), one column per year, a mark that says
    what the cell holds (solid: reported; hollow: derived or estimated; a diamond: announced; a cross: another basis;
    a dash: none found)
    and the figure beside it. `frame`: measure, year, state (GRID_STATES), label, source_id."""
    import polars as pl

    said = _words("status_grid", lang)
    present = [s for s in GRID_STATES if s in set(frame["state"])]
    names = {s: said[s.replace(" ", "_")] for s in present}
    frame = frame.with_columns(
        state_name=pl.col("state").replace_strict(names, default=None),
        measure_lines=_row_lines(frame["measure"], lang),
        measure_wide=_row_lines(frame["measure"], lang, 2),
        cell=pl.format(said["cell"], "year", "label"),
        year_name=_year_names(frame["year"], lang),
    )
    domain = [names[s] for s in present]
    solid = ("reported", "announced")
    tooltip = [
        alt.Tooltip("measure:N", title=said["measure"]),
        alt.Tooltip("year_name:N", title=said["year"]),
        alt.Tooltip("label:N", title=said["value"]),
        alt.Tooltip("state_name:N", title=said["state"]),
        alt.Tooltip("source_id:N", title=said["source"]),
    ]
    fill = alt.Fill(
        "state_name:N",
        scale=alt.Scale(domain=domain, range=[PALETTE[0] if s in solid else "white" for s in present]),
        legend=None,
    )
    stroke = alt.Stroke(
        "state_name:N",
        scale=alt.Scale(
            domain=domain, range=[MUTED if s in ("not found", "other basis") else PALETTE[0] for s in present]
        ),
        legend=None,
    )
    color = alt.condition("datum.state == 'not found'", alt.value(MUTED), alt.value(INK))

    def cells(data, x_mark, x_text, y, legend_columns: int):
        """Each year's mark and its figure, the same in both layouts."""
        shape = alt.Shape(
            "state_name:N",
            scale=alt.Scale(domain=domain, range=[GRID_SHAPES.get(s, "circle") for s in present]),
            legend=alt.Legend(title=None, orient="bottom", columns=legend_columns, labelLimit=320),
        )
        base = (alt.Chart() if data is None else alt.Chart(data)).encode(**_channels(y=y, tooltip=tooltip))
        marks = base.mark_point(size=80, strokeWidth=1.6).encode(
            **_channels(x=x_mark, shape=shape, fill=fill, stroke=stroke)
        )
        return marks, base.mark_text(align="left", fontSize=11).encode(
            **_channels(x=x_text, text="cell:N", color=color)
        )

    def grid(data, x_mark, x_text, y, width: int, height, names: str, spacing: int, legend_columns: int):
        rows = alt.Row(
            f"{names}:N",
            title=None,
            header=_row_header(labelPadding=-6),  # close over its own figures (the row above is 18 px away)
            sort=list(dict.fromkeys(frame[names])),
        )
        layers = alt.layer(*cells(None, x_mark, x_text, y, legend_columns), data=data, width=width, height=height)
        return layers.facet(row=rows, spacing=spacing)

    # Wide: the years side by side under each measure's name (on one line where it fits), a column each: the chart
    # is half as tall, and the PDF, which fits a chart to its page, draws it at a readable size. Narrow (a phone):
    # each year on its own line, its mark then its figure, so nothing can overlap however narrow the column.
    narrow = _grid_list(frame, cells).to_dict(validate=False)
    narrow.pop("$schema", None)  # pages name no other host
    years = sorted(set(frame["year"]))
    column = frame["year"].replace_strict({y: i * GRID_COLUMN_PX for i, y in enumerate(years)}, return_dtype=pl.Int64)
    wide = grid(
        frame.with_columns(x_mark=column + 8, x_text=column + 18),
        alt.X("x_mark:Q", scale=None, axis=None),
        alt.X("x_text:Q", scale=None, axis=None),
        alt.Undefined,
        GRID_COLUMN_PX * len(years),
        17,  # one line: the years side by side
        "measure_wide",
        18,
        2,
    )
    drawing = ["cell", "measure_lines", "measure_wide", "state", "x_mark", "x_text", "year_name"]
    return wide.properties(
        title=alt.Title(title, subtitle=subtitle), usermeta={"narrow": narrow, DRAWING_ONLY: drawing}
    )


# The phone's form of the summary's grid, in px: a line of a measure's name, a year's line, the room between a name
# and its own figures, and between one measure's figures and the next measure's name (more, so a name reads with
# the figures under it).
GRID_NAME_LINE_PX, GRID_YEAR_LINE_PX, GRID_NAME_GAP_PX, GRID_ROW_GAP_PX = 15, 17, 2, 20


def _grid_list(frame, cells):
    """The summary's grid for a narrow screen: each measure's name in as many lines as it takes, then its years one
    a line. Each row is as tall as its own name (a facet gives every row the room of the longest name), so laid out
    here, one line under another. `cells` draws each year's mark and figure as the wide form does."""
    import polars as pl

    names, rows, top = [], [], 0
    for measure in dict.fromkeys(frame["measure_lines"]):
        for line in measure.split("\n"):
            names.append({"line": line, "y": top + GRID_NAME_LINE_PX / 2})
            top += GRID_NAME_LINE_PX
        top += GRID_NAME_GAP_PX
        for row in frame.filter(pl.col("measure_lines") == measure).iter_rows(named=True):
            rows.append({**row, "y": top + GRID_YEAR_LINE_PX / 2})
            top += GRID_YEAR_LINE_PX
        top += GRID_ROW_GAP_PX
    height = top - GRID_ROW_GAP_PX
    y = alt.Y("y:Q", scale=None, axis=None)
    marks, labels = cells(pl.DataFrame(rows), alt.value(8), alt.value(18), y, 1)
    measures = (
        alt.Chart(pl.DataFrame(names), name="tr_grid_names")
        .mark_text(align="left", baseline="middle", fontSize=12, color=INK)
        .encode(**_channels(x=alt.value(0), y=y, text="line:N"))
    )
    return alt.layer(measures, marks, labels, width=600, height=height)
