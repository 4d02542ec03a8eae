"""How a chart leaves its notebook and is read back at staging: the one hand-off between chapter and render.

`show()` displays one output per chart holding
  - `application/vnd.vegalite.v6+json`: the Vega-Lite spec, under its standard MIME type (data inline);
  - `image/svg+xml`: the static drawing (what the PDF shows and what JupyterLab displays);
  - `text/markdown`: what both engines put on the page: a raw HTML figure (the SVG, turned into a live Vega view
    by the site's script) and a raw Typst figure pointing at figures/<name>.svg, then the source line;
  - metadata `trustreport.chart`: the chart's name, alt text and sources.
Quarto and the embedded engine both take the `text/markdown` form (Quarto prefers it to an image, and it holds no
`text/html`, which would make Quarto load RequireJS and jQuery from a CDN). `read()` gives the rest back to the
stage, which writes each chart's spec, SVG and data beside the pages.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from .. import escape
from ..project import font_dir

VEGA_LITE_VERSION = "6.4"  # what vl-convert renders and bundles; matches Altair 6.3's schema
SPEC_MIME = "application/vnd.vegalite.v6+json"
SVG_MIME = "image/svg+xml"
META_KEY = "trustreport"


@dataclass(frozen=True)
class ChartBundle:
    """A chart as it left its notebook."""

    name: str
    spec: dict
    svg: str | None  # None for an HTML-only chart (the what-if calculator)
    alt: str
    sources: list[str]

    def rows(self) -> list[dict]:
        """The rows the chart plots, wherever Altair put them: inline values, the chart's named dataset, or (for a
        chart of several views) every dataset, one after the other."""
        data = self.spec.get("data", {})
        if "values" in data:
            return data["values"]
        datasets = self.spec.get("datasets", {})
        if data.get("name") in datasets:
            return datasets[data["name"]]
        return [row for rows in datasets.values() for row in rows]


# ---- writing (in the notebook) --------------------------------------------------------------------


@cache
def _fonts_registered() -> bool:
    import vl_convert as vlc

    # vl-convert carries only Liberation Sans: without this, Chinese labels render as boxes.
    vlc.register_font_directory(str(font_dir()))
    return True


def spec_of(chart) -> dict:
    """The Vega-Lite spec of an Altair chart, without the `$schema` URL (pages name no other host)."""
    spec = chart.to_dict()
    spec.pop("$schema", None)
    return spec


def svg_of(spec: dict) -> str:
    import vl_convert as vlc

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
    spec_json = json.dumps(spec, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")  # no </script> inside
    return (
        f'<figure class="tr-chart" id="fig-{name}" data-name="{name}">\n'
        f'<div class="tr-chart-view" role="img" aria-label="{escape.html(alt)}">{svg}</div>\n'
        f'<script type="application/json" class="tr-chart-spec">{spec_json}</script>\n'
        f'<figcaption class="tr-chart-links"><a href="data/{name}.csv" download>数据 (CSV)</a> · '
        f'<a href="data/{name}.vl.json">Vega-Lite spec</a></figcaption>\n'
        "</figure>"
    )


def figure_typst(name: str, alt: str) -> str:
    return f'#figure(image("figures/{name}.svg", width: 100%, alt: {escape.typst_string(alt)}), kind: image, supplement: none)'


def source_note(sources: list[str]) -> str:
    """The line under a chart: a fenced div both Quarto and the embedded engine style as a note."""
    label = "Source" if len(sources) == 1 else "Sources"
    return f"::: {{.tr-source}}\n{label}: {'; '.join(sources)}.\n:::\n"


def markdown(name: str, spec: dict, svg: str, alt: str, sources: list[str], html_only: bool) -> str:
    """The chart as both engines put it on the page: raw HTML and raw Typst, then the source line."""
    parts = [f"```{{=html}}\n{figure_html(name, spec, svg, alt)}\n```"]
    if not html_only:
        parts.append(f"```{{=typst}}\n{figure_typst(name, alt)}\n```")
    parts.append(source_note(sources))
    return "\n\n".join(parts)


def bundle(chart, *, name: str, sources: list[str], alt: str | None = None, html_only: bool = False) -> tuple[dict, dict]:
    """The output's data (MIME type -> content) and metadata for one chart."""
    if not (name and all(ch.isalnum() or ch == "-" for ch in name) and name.isascii()):
        raise ValueError(f"chart name {name!r}: use letters, digits and '-' (it names files and an HTML id)")
    spec = spec_of(chart)
    svg = svg_of(spec)
    alt = alt or alt_text(spec)
    data = {SPEC_MIME: spec, "text/markdown": markdown(name, spec, svg, alt, sources, html_only), "text/plain": f"chart {name}"}
    if not html_only:
        data[SVG_MIME] = svg
    return data, {META_KEY: {"chart": name, "alt": alt, "sources": list(sources)}}


def show(chart, *, name: str, sources: list[str], alt: str | None = None, html_only: bool = False) -> None:
    """Display a chart as one output for both engines and both formats.

    `name` names its files (data/<name>.csv, figures/<name>.svg); `sources` are the source lines of the plotted
    rows (`Figures.cite`); `alt` overrides the alt text built from the data; `html_only` leaves the chart out of
    the PDF (an interactive calculator, which the PDF replaces with something static).
    """
    from IPython.display import display

    data, metadata = bundle(chart, name=name, sources=sources, alt=alt, html_only=html_only)
    display(data, raw=True, metadata=metadata)


# ---- reading (at staging) -------------------------------------------------------------------------


def read(output: dict) -> ChartBundle | None:
    """The chart an executed notebook's output holds, or None if it holds no chart."""
    meta = (output.get("metadata") or {}).get(META_KEY) or {}
    name = meta.get("chart")
    if not name:
        return None
    data = output.get("data", {})
    spec = data[SPEC_MIME]
    svg = data.get(SVG_MIME)
    if isinstance(svg, list):  # nbformat may store text as a list of lines
        svg = "".join(svg)
    return ChartBundle(name=name, spec=spec, svg=svg, alt=meta.get("alt", ""), sources=list(meta.get("sources", [])))
