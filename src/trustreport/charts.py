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


def show(chart: alt.TopLevelMixin, *, name: str, sources: list[str]) -> None:
    """Display a chart as one bundle for both formats, then its source line.

    `name` names its files (data/<name>.csv, figures/<name>.svg); `sources` are the source lines
    of the plotted rows, from `prose.source_line`.
    """
    spec = spec_of(chart)
    svg = svg_of(spec)
    bundle = {"text/html": figure_html(name, spec, svg, alt_text(spec)), "image/svg+xml": svg}
    display(bundle, raw=True, metadata={"trustreport": {"chart": name}})
    display(Markdown(source_note(sources)))


def source_note(sources: list[str]) -> str:
    """The line under a chart: a fenced div both Quarto and the embedded engine style as a note."""
    label = "Source" if len(sources) == 1 else "Sources"
    return f"::: {{.tr-source}}\n{label}: {'; '.join(sources)}.\n:::\n"


STATUS_ORDER = ["reported", "derived", "estimate"]


def bar_chart(frame, *, label: str, value: str, title: str, subtitle: str, value_title: str, value_format: str = ",.0f", axis_format: str = ",.0f"):
    """Horizontal bars, largest first, each labelled; reported bars solid, derived or estimated hollow."""
    frame = frame.select(label, value, "status", "source_id", "period").sort(value, descending=True)
    statuses = [s for s in STATUS_ORDER if s in set(frame["status"])]
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
    bars = base.mark_bar(stroke=PALETTE[0], strokeWidth=1.5, height={"band": 0.7}).encode(
        fill=alt.Fill(
            "status:N",
            scale=alt.Scale(domain=statuses, range=[PALETTE[0] if s == "reported" else "white" for s in statuses]),
            legend=alt.Legend(title="status", orient="bottom"),
        )
    )
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
