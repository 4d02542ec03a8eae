"""The one chart theme, and how a chart leaves a notebook: interactive for the site, SVG for the PDF.

`show()` displays one MIME bundle per chart: `text/html` (a static SVG that the site's script turns
into a live Vega view, plus the spec) and `image/svg+xml` (what Typst puts in the PDF). One papermill
run therefore serves both engines and both formats.
"""

from __future__ import annotations

import html
import json
from functools import cache

import altair as alt
import vl_convert as vlc
from IPython.display import Markdown, display

from .paths import font_dir

FONT = "Noto Sans SC"  # has the Chinese glyphs; shipped to the site as a subset web font
VEGA_LITE_VERSION = "6.4"  # what vl-convert renders and bundles; matches Altair 6.3's schema
# Okabe-Ito: distinguishable with the common forms of colour blindness.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
INK = "#1f2933"
MUTED = "#52606d"


@alt.theme.register("trustreport", enable=True)
def theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "font": FONT,
            "background": "white",
            "view": {"stroke": None, "continuousWidth": 560, "continuousHeight": 300},
            "range": {"category": PALETTE},
            "title": {"anchor": "start", "fontSize": 15, "fontWeight": "normal", "color": INK, "subtitleColor": MUTED, "subtitleFontSize": 12, "offset": 12},
            "axis": {"labelFontSize": 12, "titleFontSize": 12, "labelColor": MUTED, "titleColor": MUTED, "titleFontWeight": "normal", "gridColor": "#e4e7eb", "domainColor": "#9aa5b1", "tickColor": "#9aa5b1"},
            "legend": {"labelFontSize": 12, "titleFontSize": 12, "titleFontWeight": "normal", "orient": "bottom"},
            "bar": {"color": PALETTE[0]},
            "text": {"fontSize": 12, "color": INK},
        }
    }


@cache
def _fonts_registered() -> bool:
    # vl-convert carries only Liberation Sans: without this, Chinese labels render as boxes.
    vlc.register_font_directory(str(font_dir()))
    return True


def spec_of(chart: alt.TopLevelMixin) -> dict:
    """The Vega-Lite spec, without the `$schema` URL (pages name no other host)."""
    spec = chart.to_dict()
    spec.pop("$schema", None)
    return spec


def svg_of(spec: dict) -> str:
    _fonts_registered()
    return vlc.vegalite_to_svg(spec, vl_version=VEGA_LITE_VERSION)


def alt_text(spec: dict) -> str:
    """A sentence a screen reader can speak, built from the chart's own data and encodings."""
    title = spec.get("title", "")
    if isinstance(title, dict):
        title = " ".join(filter(None, [str(title.get("text", "")), str(title.get("subtitle", ""))]))
    enc = spec.get("encoding", {})
    label_field = next((enc[c]["field"] for c in ("y", "x") if enc.get(c, {}).get("type") in ("nominal", "ordinal")), None)
    value_field = next((enc[c]["field"] for c in ("x", "y") if enc.get(c, {}).get("type") == "quantitative"), None)
    rows = spec.get("data", {}).get("values", [])
    if not (label_field and value_field and rows):
        return str(title) or "Chart"
    parts = [f"{r[label_field]}: {_plain_number(r[value_field])}" for r in rows]
    return f"{title}. Bar chart, {len(rows)} bars: " + "; ".join(parts) + "."


def _plain_number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def figure_html(name: str, spec: dict, svg: str, alt: str) -> str:
    """The site's form of a chart: static SVG first, replaced by a live view where JavaScript runs."""
    spec_json = json.dumps(spec, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
    return (
        f'<figure class="tr-chart" id="fig-{name}" data-name="{name}">\n'
        f'<div class="tr-chart-view" role="img" aria-label="{html.escape(alt)}">{svg}</div>\n'
        f'<script type="application/json" class="tr-chart-spec">{spec_json}</script>\n'
        f'<figcaption class="tr-chart-links"><a href="data/{name}.csv" download>数据 (CSV)</a> · '
        f'<a href="data/{name}.vl.json">Vega-Lite spec</a></figcaption>\n'
        "</figure>"
    )


def show(chart: alt.TopLevelMixin, *, name: str, sources: list[str], alt: str | None = None, html_only: bool = False) -> None:
    """Display a chart as one bundle for both formats, then its source line.

    `name` names its files (data/<name>.csv, figures/<name>.svg); `sources` are the source lines of the plotted
    rows (`Figures.cite`); `alt` overrides the alt text built from the data; `html_only` leaves the chart out of
    the PDF (an interactive calculator, which the PDF replaces with a table).
    """
    spec = spec_of(chart)
    svg = svg_of(spec)
    bundle = {"text/html": figure_html(name, spec, svg, alt or alt_text(spec))}
    if not html_only:
        bundle["image/svg+xml"] = svg
    display(bundle, raw=True, metadata={"trustreport": {"chart": name}})
    display(Markdown(source_note(sources)))


def source_note(sources: list[str]) -> str:
    """The line under a chart: a fenced div both Quarto and the embedded engine style as a note."""
    label = "Source" if len(sources) == 1 else "Sources"
    return f"::: {{.tr-source}}\n{label}: {'; '.join(sources)}.\n:::\n"


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
