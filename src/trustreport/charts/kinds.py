"""The kinds of chart the chapters draw, each a function from a table to an Altair chart in the report's theme.

To add a chart type, add a function here; `Context.chart()` (or `bundle.show()`) takes any Altair chart.
"""

from __future__ import annotations

import altair as alt

from .theme import PALETTE

STATUS_ORDER = ["reported", "derived", "estimate"]


def status_fill(statuses: list[str], color: str = PALETTE[0]) -> alt.Fill:
    """Reported figures solid; derived and estimated ones hollow (white inside the outline), with a legend."""
    present = [s for s in STATUS_ORDER if s in statuses]
    return alt.Fill(
        "status:N",
        scale=alt.Scale(domain=present, range=[color if s == "reported" else "white" for s in present]),
        legend=alt.Legend(title="status", orient="bottom", symbolStrokeColor=color, symbolStrokeWidth=1.5),
    )


def bar_chart(frame, *, label: str, value: str, title: str, subtitle: str, value_title: str, value_format: str = ",.0f", axis_format: str = ",.0f"):
    """Horizontal bars, largest first, each labelled; reported bars solid, derived or estimated hollow."""
    frame = frame.select(label, value, "status", "source_id", "period").sort(value, descending=True)
    statuses = list(set(frame["status"]))
    base = alt.Chart(frame).encode(
        y=alt.Y(f"{label}:N", sort=None, title=None, axis=alt.Axis(labelLimit=220)),
        x=alt.X(f"{value}:Q", title=value_title, axis=alt.Axis(format=axis_format, grid=True, tickCount=5)),
        tooltip=[
            alt.Tooltip(f"{label}:N", title="项目"),
            alt.Tooltip(f"{value}:Q", title=value_title, format=value_format),
            alt.Tooltip("period:N", title="period"),
            alt.Tooltip("status:N", title="status"),
            alt.Tooltip("source_id:N", title="source"),
        ],
    )
    bars = base.mark_bar(stroke=PALETTE[0], strokeWidth=1.5, height={"band": 0.7}).encode(fill=status_fill(statuses))
    labels = base.mark_text(align="left", dx=4).encode(text=alt.Text(f"{value}:Q", format=value_format))
    height = max(80, 34 * frame.height)
    return (bars + labels).properties(title=alt.Title(title, subtitle=subtitle), width=520, height=height)


def line_chart(frame, *, x: str, y: str, color: str, title: str, subtitle: str, y_title: str):
    """A monthly series per group, with tooltips; for complaint records."""
    return (
        alt.Chart(frame)
        .mark_line(point=alt.OverlayMarkDef(size=18), strokeWidth=1.8)
        .encode(
            x=alt.X(f"{x}:T", title=None, axis=alt.Axis(format="%Y-%m", labelAngle=0, tickCount=8)),
            y=alt.Y(f"{y}:Q", title=y_title, axis=alt.Axis(format=",.0f")),
            color=alt.Color(f"{color}:N", title=None, legend=alt.Legend(orient="bottom")),
            tooltip=[alt.Tooltip(f"{x}:T", format="%Y-%m"), alt.Tooltip(f"{color}:N"), alt.Tooltip(f"{y}:Q", format=",.0f")],
        )
        .properties(title=alt.Title(title, subtitle=subtitle), width=520, height=260)
    )


def year_bars(frame, *, x: str, y: str, title: str, subtitle: str, y_title: str, y_format: str = ",.0f", label: str | None = None):
    """Vertical bars by period, status drawn (derived hollow), each bar labelled with `label` (a text column)."""
    statuses = list(set(frame["status"]))
    base = alt.Chart(frame).encode(
        x=alt.X(f"{x}:O", title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y(f"{y}:Q", title=y_title, axis=alt.Axis(format=y_format, tickCount=5)),
        tooltip=[alt.Tooltip(f"{x}:O", title="period"), alt.Tooltip(f"{label or y}:N" if label else f"{y}:Q", title=y_title),
                 alt.Tooltip("status:N"), alt.Tooltip("source_id:N", title="source")],
    )
    bars = base.mark_bar(stroke=PALETTE[0], strokeWidth=1.5, width={"band": 0.6}).encode(fill=status_fill(statuses))
    text = base.mark_text(dy=-7, fontSize=11).encode(text=alt.Text(f"{label}:N") if label else alt.Text(f"{y}:Q", format=y_format))
    return (bars + text).properties(title=alt.Title(title, subtitle=subtitle), width=520, height=260)


def compare_years(frame, *, metric: str, year: str, value: str, label: str, title: str, subtitle: str):
    """One row of bars per metric, one bar per year, each metric on its own scale; a missing figure is
    written out ("not reported") where its bar would be, never drawn as zero."""
    years = sorted(set(frame[year]))
    colors = alt.Scale(domain=[str(y) for y in years], range=[PALETTE[4], PALETTE[0]][-len(years):] if len(years) <= 2 else PALETTE)
    base = alt.Chart(frame).transform_calculate(year_label=f"toString(datum.{year})").encode(
        y=alt.Y("year_label:N", title=None, axis=alt.Axis(labelFontSize=11)),
        tooltip=[alt.Tooltip(f"{metric}:N", title="指标"), alt.Tooltip("year_label:N", title="year"),
                 alt.Tooltip(f"{label}:N", title="value"), alt.Tooltip("status:N"), alt.Tooltip("source_id:N", title="source")],
    )
    bars = base.transform_filter(f"isValid(datum.{value})").mark_bar(height={"band": 0.7}, strokeWidth=1.5).encode(
        x=alt.X(f"{value}:Q", title=None, axis=None),
        color=alt.Color("year_label:N", scale=colors, legend=alt.Legend(title=None, orient="bottom")),
    )
    text = base.mark_text(align="left", dx=4, fontSize=11).encode(
        x=alt.X("label_x:Q", title=None, axis=None), text=alt.Text(f"{label}:N"),
    ).transform_calculate(label_x=f"isValid(datum.{value}) ? datum.{value} : 0")
    return (
        alt.layer(bars, text, data=frame)
        .properties(width=420, height=alt.Step(18))
        .facet(row=alt.Row(f"{metric}:N", title=None, header=alt.Header(labelAngle=0, labelAlign="left", labelFontSize=12), sort=list(dict.fromkeys(frame[metric]))))
        .resolve_scale(x="independent")
        .properties(title=alt.Title(title, subtitle=subtitle))
    )


def timeline(frame, *, title: str, subtitle: str):
    """Tactics on a time axis, one lane per kind of trust; labels alternate above and below their point."""
    kinds = {"interpersonal": "人际信任 interpersonal", "institutional": "制度信任 institutional"}
    base = alt.Chart(frame).transform_calculate(
        kind_label="datum.trust_kind == 'interpersonal' ? '%s' : '%s'" % (kinds["interpersonal"], kinds["institutional"])
    ).encode(
        x=alt.X("start:T", title=None, axis=alt.Axis(format="%Y-%m", tickCount=8, labelAngle=0),
                scale=alt.Scale(padding=45)),  # room for the first and last labels
        y=alt.Y("kind_label:N", title=None, sort=list(kinds.values()), axis=alt.Axis(labelLimit=200)),
        color=alt.Color("trust_kind:N", scale=alt.Scale(domain=list(kinds), range=[PALETTE[1], PALETTE[0]]), legend=None),
        tooltip=[alt.Tooltip("date:N"), alt.Tooltip("label_zh:N", title="tactic"), alt.Tooltip("what:N"), alt.Tooltip("source_id:N", title="source")],
    )
    points = base.mark_point(filled=True, size=90)
    labels = base.mark_text(fontSize=11, align="center").encode(yOffset=alt.YOffset("label_offset:Q", scale=None), text="label_zh:N")
    return (points + labels).properties(title=alt.Title(title, subtitle=subtitle), width=560, height=200)


def what_if(factors: list[dict], *, title: str, subtitle: str):
    """The GMV formula as a live calculator: a slider per factor, the product redrawn as they move.

    `factors`: dicts with name, label, base, min, max, step. Interactive only: the PDF carries a table instead.
    """
    import polars as pl

    params = [
        alt.param(name=f["name"], value=f["base"], bind=alt.binding_range(min=f["min"], max=f["max"], step=f["step"], name=f["label"] + " "))
        for f in factors
    ]
    product = " * ".join(f["name"] for f in factors)
    base_product = 1.0
    for f in factors:
        base_product *= f["base"]
    rows = pl.DataFrame({"scenario": ["基准 base", "调整后 what-if"]})
    chart = (
        alt.Chart(rows)
        .add_params(*params)
        .transform_calculate(gmv_rmb=f"datum.scenario == '基准 base' ? {base_product!r} : {product}")
        .transform_calculate(gmv_yi="datum.gmv_rmb / 1e8", label="format(datum.gmv_rmb / 1e8, ',.2f') + ' 亿元'")
        .encode(y=alt.Y("scenario:N", title=None, sort=None), x=alt.X("gmv_yi:Q", title="GMV (亿元)", scale=alt.Scale(domainMin=0)))
    )
    bars = chart.mark_bar(height={"band": 0.6}).encode(color=alt.Color("scenario:N", scale=alt.Scale(range=[PALETTE[4], PALETTE[0]]), legend=None))
    text = chart.mark_text(align="left", dx=4, fontSize=13).encode(text="label:N")
    return (bars + text).properties(title=alt.Title(title, subtitle=subtitle), width=480, height=110)
