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

import hashlib
import json
import math
import re
from contextlib import suppress
from dataclasses import dataclass
from functools import cache

from .. import escape, files, fonts, numbers, words
from ..languages import writes_chinese
from ..project import font_dir, user_cache
from .theme import DARK

VEGA_LITE_VERSION = "6.4"  # what vl-convert renders and bundles; matches Altair 6.3's schema
SPEC_MIME = "application/vnd.vegalite.v6+json"
SVG_MIME = "image/svg+xml"
META_KEY = "trustreport"
# The usermeta key naming the columns a chart kind adds to its data only to draw it (a label broken into lines, a
# mark's place, the year bands, a year as the axis writes it): the chart's downloadable data leaves them out
# (`ChartBundle.data_rows`), so a reader's CSV holds the figures, not the drawing.
DRAWING_ONLY = "drawing_only"


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

    def data_rows(self) -> list[dict]:
        """What a reader downloads as the chart's data: its rows without the columns its kind computed only to draw
        it (usermeta `drawing_only`), and without the rows left holding nothing (the timeline's year bands)."""
        drawing = set(self.spec.get("usermeta", {}).get(DRAWING_ONLY, []))
        kept = ({k: v for k, v in row.items() if k not in drawing} for row in self.rows())
        return [row for row in kept if any(v not in (None, "") for v in row.values())]


# ---- writing (in the notebook) --------------------------------------------------------------------


CHART_FONT_FILE = "NotoSansSC-Regular.otf"  # the theme's font (theme.FONT)


@cache
def _fonts_registered() -> bool:
    import vl_convert as vlc

    # vl-convert carries only Liberation Sans: without Noto Sans SC, Chinese labels render as boxes. It reads the
    # font's whole face for every label it measures, and Noto Sans SC has 31,000 glyphs (8 MB): drawing took three
    # times as long as it does with a cut of it. So a cut is registered first and measures: every character of the
    # face but the ideographs, and the ideographs the project's words and data use (the same glyphs, features and
    # metrics, so the same widths). Any other ideograph (a user's data) measures a full em, as in the whole face,
    # registered after.
    with suppress(OSError):  # no cache to keep the cut in (a read-only home): the whole face alone, as before
        cut = fonts.cut(font_dir() / CHART_FONT_FILE, fonts.project_characters(), "chart-font", all_but_ideographs=True)
        vlc.register_font_directory(str(cut.parent))
    vlc.register_font_directory(str(font_dir()))
    return True


def spec_of(chart) -> dict:
    """The Vega-Lite spec of an Altair chart, without the `$schema` URL (pages name no other host). (Its words keep
    the typewriter's apostrophe: the charts' face, Noto Sans SC, draws a curled one full width, "Kuaishou’ s".)"""
    spec = chart.to_dict(validate=False)
    spec.pop("$schema", None)
    return spec


# Vega names each title it draws for screen readers, in English ("Title text '快手电商GMV'"), whatever `aria` says:
# the figure's own alt text says it in the page's language, so the drawing's title is hidden as its marks are.
VEGA_TITLE_LABEL = re.compile(r'role="graphics-symbol" aria-roledescription="title" aria-label="Title text [^"]*"')


# A chart's drawing is made only from its spec, the renderer and the face it measures with (a cut of the face measures
# as the whole does: tests/unit/test_fonts.py), so each drawing is kept in the user's cache under a key of those, as
# the font cuts are: a chapter run again, or a copy of the project, draws only the charts that changed. Drawing was a
# fifth of a clean build's CPU (24 charts, 2.8 CPU-s of 15, measured 2026-12-06).
DRAWINGS_KEPT = 2000  # each 10-300 kB
# Part of every drawing's key: change it when the drawing changes for a reason the key does not hold (another font
# registered, an option given to the renderer), so no drawing made the old way is read back.
DRAWING_RECIPE = 1


def svg_of(spec: dict) -> str:
    """The chart's static drawing (SVG), its title's English label for screen readers hidden."""
    import vl_convert as vlc

    def draw() -> str:
        _fonts_registered()
        return vlc.vegalite_to_svg(spec, vl_version=VEGA_LITE_VERSION)

    renderer = vlc.__version__  # type: ignore[attr-defined]  # (the compiled module sets it; the stub lacks it)
    key = json.dumps([spec, VEGA_LITE_VERSION, renderer, _faces(), DRAWING_RECIPE], sort_keys=True)
    name = f"{hashlib.sha256(key.encode()).hexdigest()[:32]}.svg"
    svg = files.kept_text(user_cache() / "drawings", name, draw, DRAWINGS_KEPT)
    return VEGA_TITLE_LABEL.sub('aria-hidden="true"', svg)


@cache
def _faces() -> list[tuple[str, int]]:
    """The faces the renderer may measure with (those `_fonts_registered` registers are cut from them), by name and
    size."""
    return sorted((p.name, p.stat().st_size) for p in font_dir().iterdir() if p.suffix in (".otf", ".ttf", ".ttc"))


def warm_up() -> None:
    """Start what a chapter's first chart starts (the renderer, its fonts) by drawing a chart of nothing: once a
    machine keeps drawings, that one is kept too and nothing starts (a chart not kept starts the renderer itself)."""
    svg_of({"mark": "point"})


def _text(value) -> str:
    """A title's text (Vega-Lite may hold it in lines), its apostrophes set as a typesetter sets them: the prose
    around it is curled by pandoc (Kuaishou’s), a caption written from the spec is not."""
    text = " ".join(str(v) for v in value) if isinstance(value, list) else str(value or "")
    return numbers.curled(text)


def _row_lists(node):
    """Every list of data rows in a spec: inline `values` and named `datasets`, at any depth."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("values",) and isinstance(value, list):
                yield value
            elif key == "datasets" and isinstance(value, dict):
                yield from value.values()
            else:
                yield from _row_lists(value)
    elif isinstance(node, list):
        for item in node:
            yield from _row_lists(item)


def _tooltips_show_source_names(node) -> None:
    """Every encoding of `source_id` (tooltips) made to show the `source` name instead, in place."""
    if isinstance(node, dict):
        if node.get("field") == "source_id":
            node["field"] = "source"
        for value in node.values():
            _tooltips_show_source_names(value)
    elif isinstance(node, list):
        for item in node:
            _tooltips_show_source_names(item)


def name_sources(spec: dict, names: dict[str, str], no_source: str = "") -> dict:
    """The spec with each plotted row's source named ("工人日报, 2020-10") beside its id, and tooltips showing the
    name: a reader hovering a bar sees who published the figure, not an internal id. A row with no source (a figure
    none found) says `no_source`, not "undefined"."""
    spec = json.loads(json.dumps(spec))
    for values in _row_lists(spec):
        for row in values:
            if isinstance(row, dict) and row.get("source_id") in names:
                row["source"] = names[row["source_id"]]
            elif isinstance(row, dict) and "source_id" in row and row["source_id"] is None:
                row["source"] = no_source
    _tooltips_show_source_names(spec)
    return spec


def split_title(spec: dict) -> tuple[str, str, dict]:
    """The chart's title and subtitle, and its spec without them: the page shows them as the figure's caption, in
    text that wraps on a phone and that a screen reader and search find, not inside the drawing."""
    title = spec.get("title")
    if not title:
        return "", "", spec
    rest = {k: v for k, v in spec.items() if k != "title"}
    if isinstance(title, dict):
        return _text(title.get("text")), _text(title.get("subtitle")), rest
    return _text(title), "", rest


def _words(lang: str) -> dict:
    """A chart's frame in the language: caption, source line, links, alt text (words/charts.yml `figure`)."""
    return words.of("charts", "figure", lang)


ALT_ROWS = 30  # rows read out per view; a longer table is summarised with "and N more"


def clean_number(value: object) -> object:
    """A number as its source wrote it: 14.2, not 14.200000000000001 (float noise from unit conversion); a whole
    number without ".0". The data files and the alt text both write numbers this way."""
    if isinstance(value, float) and math.isfinite(value):  # NaN and infinity stay as they are
        value = float(f"{value:.12g}")
        return int(value) if value.is_integer() and abs(value) < 1e15 else value
    return value


def _views(
    node: dict,
    datasets: dict,
    data: list | None,
    encoding: dict,
    title: str = "",
    root: bool = True,
    facet: str | None = None,
):
    """Every drawn view of a spec with what it inherits: (mark type, encoding, rows, the title of the view it is
    part of, if any)."""
    own = node.get("data") or {}
    if "values" in own:
        data = own["values"]
    elif own.get("name") in datasets:
        data = datasets[own["name"]]
    encoding = {**encoding, **(node.get("encoding") or {})}
    if node.get("title") and not root:  # a part's own title (the chart's is the caption)
        title = _text(node["title"].get("text") if isinstance(node["title"], dict) else node["title"])
    if "mark" in node:
        mark = node["mark"]["type"] if isinstance(node["mark"], dict) else node["mark"]
        yield mark, encoding, data or [], title, facet
    for key in ("layer", "vconcat", "hconcat", "concat"):
        for child in node.get(key, []):
            yield from _views(child, datasets, data, encoding, title, False, facet)
    if isinstance(node.get("spec"), dict):  # a facet: each panel's rows carry the facet field
        spread = node.get("facet") or {}
        field = spread.get("field") or next(
            (spread[k].get("field") for k in ("row", "column") if isinstance(spread.get(k), dict)), None
        )
        yield from _views(node["spec"], datasets, data, encoding, title, False, field or facet)


def _field(channel: dict | None) -> str | None:
    if not isinstance(channel, dict) or "aggregate" in channel or "field" not in channel:
        return None
    return channel["field"]


def _describe(mark: str, encoding: dict, rows: list[dict], facet: str | None = None, lang: str = "en") -> str | None:
    """One view as a sentence: what it draws and every row's label and value (up to ALT_ROWS)."""
    kinds = {c: encoding.get(c, {}).get("type") for c in ("x", "y")}
    value_channel = next((c for c in ("x", "y") if kinds[c] == "quantitative" and _field(encoding.get(c))), None)
    label_channel = next((c for c in ("y", "x") if c != value_channel and _field(encoding.get(c))), None)
    if not (value_channel and label_channel and rows):
        return None
    value, label = _field(encoding[value_channel]), _field(encoding[label_channel])
    series = next(
        (
            _field(encoding.get(c))
            for c in ("color", "fill", "stroke", "shape")
            if _field(encoding.get(c)) not in (None, label, value) and _field(encoding.get(c)) in rows[0]
        ),
        None,
    )
    wanted = [f for f in (label, value, series) if f]
    rows = [r for r in rows if all(f in r for f in wanted) and r[value] is not None]
    if not rows:
        return None
    value_title = encoding[value_channel].get("title")
    # other numbers the tooltip shows (a sensitivity's "factors moved"), so each item says what it stands for
    tooltip = encoding.get("tooltip")
    tips = tooltip if isinstance(tooltip, list) else []
    extra = [
        (t.get("title") or t["field"], t["field"])
        for t in tips
        if isinstance(t, dict)
        and t.get("type") == "quantitative"
        and t.get("field") not in (None, value)
        and t["field"] in rows[0]
    ]
    items = []
    said = _words(lang)
    # a row's own words where it has them: its period's name for a position in time (a year is drawn at mid-year:
    # its position is no date of the data), and the label the chart writes for its value (unit, scale, qualifier)
    period = kinds[label_channel] == "temporal" and all(isinstance(r.get("period"), str) for r in rows)
    written = "label" not in (label, series) and all(isinstance(r.get("label"), str) and r["label"] for r in rows)
    for row in rows[:ALT_ROWS]:
        if period:
            name = row["period"]
        else:
            name = str(row[label])[:10] if kinds[label_channel] == "temporal" else str(row[label])
        if facet and facet in row:
            name = f"{row[facet]} {name}"
        if series:
            name += said["bracket"].format(text=row[series])
        name += "".join(
            said["bracket"].format(text=f"{_text(title)} {clean_number(row[field])}") for title, field in extra
        )
        items.append(f"{name}{said['colon']}{row['label'] if written else clean_number(row[value])}")
    more = said["more"].format(n=len(rows) - ALT_ROWS) if len(rows) > ALT_ROWS else ""
    drawn = words.of("charts", "marks", lang).get(mark, mark)
    what = said["of"].format(drawn=drawn, title=_text(value_title)) if value_title else drawn
    return (
        said["in_all"].format(what=what[0].upper() + what[1:], n=len(rows))
        + said["sep"].join(items)
        + more
        + said["end"]
    )


def data_sentences(spec: dict, lang: str = "en") -> str:
    """Each view's data as sentences, read from the rows the chart plots and the fields its axes encode (text
    labels and rules add nothing a listener lacks; a line and its dots are read once)."""
    sentences, seen = [], set()
    for mark, encoding, rows, view_title, facet in _views(spec, spec.get("datasets", {}), None, {}):
        if mark in ("text", "rule"):
            continue
        sentence = _describe(mark, encoding, rows, facet, lang)
        said = sentence.split(_words(lang)["tail"], 1)[-1] if sentence else None  # the rows read out
        if sentence and (view_title, said) not in seen:
            seen.add((view_title, said))
            sentences.append(
                f"{view_title}{_words(lang)['colon']}{sentence[0].lower()}{sentence[1:]}" if view_title else sentence
            )
    return numbers.sentences(sentences, lang)


def alt_text(spec: dict, lang: str = "en") -> str:
    """What a screen reader speaks for a chart: its title and subtitle, then its data (`data_sentences`)."""
    title = spec.get("title", "")
    space = numbers.sentences(["", ""], lang)  # what stands between two sentences
    if isinstance(title, dict):
        title = _sentence(_text(title.get("text")), lang) + space + _text(title.get("subtitle"))
    lead = _text(title).strip() or _words(lang)["chart"]
    sentences = data_sentences(spec, lang)
    return _sentence(lead, lang) + space + sentences if sentences else lead


def _sentence(text: str, lang: str = "en") -> str:
    """Text ending as a sentence does: a full stop added unless it ends with its own (？ ? 。 ! .)."""
    return text if not text or text[-1] in "？?。！!." else text + _words(lang)["end"]


def caption_html(number: str | None, title: str, subtitle: str, lang: str = "en") -> str:
    label = f'<span class="tr-fig-label">{_words(lang)["figure"]} {escape.html(number)}</span> ' if number else ""
    text = (
        escape.html if writes_chinese(lang) else escape.html_text
    )  # a Chinese page is Chinese already: no runs to mark
    sub = f'<span class="tr-chart-subtitle">{text(subtitle)}</span>' if subtitle else ""
    return (
        f'<figcaption class="tr-chart-caption">{label}<span class="tr-chart-title">{text(title)}</span>{sub}'
        "</figcaption>\n"
    )


_DARK_JSON = json.dumps({light.lower(): dark for light, dark in DARK.items()}, sort_keys=True)


def chart_html(
    name: str,
    spec: dict,
    svg: str,
    alt: str,
    number: str | None = None,
    title: str = "",
    subtitle: str = "",
    lang: str = "en",
) -> str:
    """The site's form of a chart: its caption, then the static SVG, replaced by a live view where JavaScript runs
    (in the theme's dark colours, `data-dark`, on a dark page)."""
    spec_json = json.dumps(spec, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")  # no </script> inside
    caption = caption_html(number, title, subtitle, lang) if (number or title) else ""
    return (
        f'<figure class="tr-chart" id="fig-{name}" data-name="{name}" data-dark="{escape.html(_DARK_JSON)}">\n'
        f"{caption}"
        f'<div class="tr-chart-view" role="img" aria-label="{escape.html(alt)}">{svg}</div>\n'
        f'<script type="application/json" class="tr-chart-spec">{spec_json}</script>\n'
        f'<p class="tr-chart-links"><a href="data/{name}.csv" download>{_words(lang)["data"]}</a> · '
        f'<a href="data/{name}.vl.json">{_words(lang)["spec"]}</a></p>\n'
        "</figure>"
    )


def chart_typst(
    name: str,
    alt: str,
    number: str | None = None,
    title: str = "",
    subtitle: str = "",
    lang: str = "en",
    interactive: bool = False,
    svg: str = "",
    full_page: bool = False,
) -> str:
    """The PDF's form: the SVG under its caption (number, title, subtitle), labelled so prose can link to it; a
    chart that only works on the site (`interactive`) as its caption and what it shows, in words; a full-page chart
    as tall as the page leaves room for (its caption and source notes below it)."""
    parts = []
    if number:
        parts.append(f"#strong({escape.typst_string(_words(lang)['figure'] + ' ' + number)}) ")
    if title:
        parts.append(f"#{escape.typst_string(title)}")
    if subtitle and not interactive:  # an interactive chart's subtitle tells a visitor of the site what to do
        parts.append(f"#linebreak()#text(size: 0.85em, fill: luma(80), {escape.typst_string(subtitle)})")
    caption = f", caption: figure.caption(position: top)[{''.join(parts)}]" if parts else ""
    if interactive:  # numbered and described where it stands, so the PDF's figures keep the site's numbers
        note = escape.typst_string(_words(lang)["interactive"] + alt)
        box = f"block(width: 100%, inset: 8pt, stroke: 0.5pt + luma(190), radius: 2pt, text(size: 9pt, {note}))"
        return f"#figure({box}{caption}, kind: image, supplement: none, numbering: none) <fig-{name}>"
    # a full-page chart leaves the page a quarter for its caption, its source lines and some slack: drawn at 83% of
    # the page, with a three-line Chinese source line it only just fitted, and Typst dropped the lines of text that
    # should have filled the page before it (the 2021 Chinese PDF lost most of a list item before figure 2.1)
    size = 'width: 100%, height: 76%, fit: "contain"' if full_page else f"width: {_pdf_width(svg)}"
    return (
        f'#figure(image("figures/{name}.svg", {size}, alt: {escape.typst_string(alt)}){caption}, '
        f"kind: image, supplement: none, numbering: none) <fig-{name}>"
    )


# The PDF's text block is 465 pt wide and 703 pt tall; a chart is drawn at most that wide and at most 460 pt tall, so
# that with its caption and a long source line it fits on one page with room to spare. (A chart that only just fitted
# a page lost the text beside it: Typst dropped the lines that should have filled the page before it.) Nor is it
# drawn larger than 0.75 pt a pixel, the web's own measure (a 12 px label is set at 9 pt): a narrow chart stretched
# to the text's width set its labels at twice the size of a wide one's.
PDF_WIDTH_PT, PDF_HEIGHT_PT, PDF_PT_PER_PX = 465, 460, 0.75


def _pdf_width(svg: str) -> str:
    """A chart's width in the PDF: the text's width, or less where the chart is tall for its width or narrow."""
    found = re.search(r'viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"', svg) or re.search(
        r'width="([\d.]+)"[^>]*height="([\d.]+)"', svg
    )
    if not found or not float(found.group(1)) or not float(found.group(2)):
        return "100%"
    width, height = float(found.group(1)), float(found.group(2))
    drawn = min(PDF_WIDTH_PT, PDF_HEIGHT_PT * width / height, PDF_PT_PER_PX * width)
    return "100%" if drawn >= PDF_WIDTH_PT else f"{drawn:.0f}pt"


def source_note(sources: list[str], lang: str = "en") -> str:
    """The line under a chart: a fenced div both Quarto and the embedded engine style as a note."""
    said = _words(lang)
    label = said["source"] if len(sources) == 1 else said["sources"]
    return f"::: {{.tr-source}}\n{label}{said['colon']}{said['sep'].join(sources)}{said['end']}\n:::\n"


def markdown(
    name: str,
    spec: dict,
    svg: str,
    alt: str,
    sources: list[str],
    html_only: bool,
    number: str | None = None,
    title: str = "",
    subtitle: str = "",
    lang: str = "en",
    full_page: bool = False,
) -> str:
    """The chart as both engines put it on the page: raw HTML and raw Typst, then the source line, in one block the
    PDF keeps on one page (a figure never parts from its caption or its source); a full-page chart on a page of its
    own."""
    parts = [f"```{{=html}}\n{chart_html(name, spec, svg, alt, number, title, subtitle, lang)}\n```"]
    typst = chart_typst(name, alt, number, title, subtitle, lang, html_only, svg, full_page and not html_only)
    parts.append(f"```{{=typst}}\n{typst}\n```")
    parts.append(source_note(sources, lang))
    # every chart floats to where it fits (report.lua); a full-page one takes a page, the text going on around it
    return ":::: {.tr-figure}\n" + "\n\n".join(parts) + "\n::::\n"


def bundle(
    chart,
    *,
    name: str,
    sources: list[str],
    alt: str | None = None,
    html_only: bool = False,
    number: str | None = None,
    source_names: dict[str, str] | None = None,
    lang: str = "en",
    full_page: bool = False,
) -> tuple[dict, dict]:
    """The output's data (MIME type -> content) and metadata for one chart."""
    if not (name and all(ch.isalnum() or ch == "-" for ch in name) and name.isascii()):
        raise ValueError(f"chart name {name!r}: use letters, digits and '-' (it names files and an HTML id)")
    whole = name_sources(spec_of(chart), source_names or {}, words.word("charts", "tooltips", "no_source", lang))
    title, subtitle, spec = split_title(whole)
    svg = svg_of(spec)
    # alt text written for the chart (a timeline's events) still carries the data the chart plots
    alt = (
        numbers.sentences(list(filter(None, [_sentence(alt, lang), data_sentences(whole, lang)])), lang)
        if alt
        else alt_text(whole, lang)
    )
    data = {
        SPEC_MIME: spec,
        "text/markdown": markdown(name, spec, svg, alt, sources, html_only, number, title, subtitle, lang, full_page),
        "text/plain": f"chart {name}",
    }
    if not html_only:
        data[SVG_MIME] = svg
    return data, {
        META_KEY: {
            "chart": name,
            "alt": alt,
            "sources": list(sources),
            "number": number,
            "title": title,
            "subtitle": subtitle,
        }
    }


def show(
    chart,
    *,
    name: str,
    sources: list[str],
    alt: str | None = None,
    html_only: bool = False,
    number: str | None = None,
    source_names: dict[str, str] | None = None,
    lang: str = "en",
    full_page: bool = False,
) -> None:
    """Display a chart as one output for both engines and both formats.

    `name` names its files (data/<name>.csv, figures/<name>.svg); `sources` are the source lines of the plotted
    rows (`Figures.cite`); `alt` overrides the alt text built from the data; `html_only` leaves the chart out of
    the PDF (an interactive calculator, which the PDF replaces with something static).
    """
    from IPython.display import display

    data, metadata = bundle(
        chart,
        name=name,
        sources=sources,
        alt=alt,
        html_only=html_only,
        number=number,
        source_names=source_names,
        lang=lang,
        full_page=full_page,
    )
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
