"""The one chart theme: fonts that carry Chinese, the Okabe-Ito palette, quiet axes."""

from __future__ import annotations

from typing import Any

FONT = "Noto Sans SC"  # has the Chinese glyphs; shipped to the site as a subset web font
# Okabe-Ito's hues (distinguishable with the common forms of colour blindness), darkened where needed so every
# mark stands at 3:1 or more against white (WCAG 1.4.11): orange, pink, sky blue and vermilion are deeper than
# the originals, and the yellow, which no darkening keeps yellow, is left out.
PALETTE = ["#0072B2", "#B86E00", "#008060", "#B55D91", "#4A90C2", "#C25400", "#000000"]
KUAISHOU = "#C25400"  # the accent: Kuaishou wherever it is drawn beside its peers (4.6:1, so also as text)
PEER = "#7b8794"  # peers, in grey (3.6:1 against white)
INK = "#1f2933"
MUTED = "#52606d"
GUIDE = "#3e4c59"  # a guide a reader reads against (a zero line), and the row names set above a phone's bars
GRID = "#e4e7eb"
BAND = "#f0f3f6"  # every other year's band on a time axis
BAND_LINE = "#c8d0d8"  # a hairline: the frame of a chart's panels, the line from a dot to its label

# The charts on a dark page (the reader's system asks for dark: prefers-color-scheme). The site's script draws each
# live chart with every colour of the light theme swapped for its twin here, on a dark panel; the static drawing it
# replaces, and the PDF, keep the light theme. Marks stand at 3:1 or more against the panel and text at 4.5:1, as
# the light theme's do against white: Okabe-Ito's own hues, which are too light for white, are right for dark.
DARK_PANEL = "#1b2026"
DARK = {
    "white": DARK_PANEL,
    "#ffffff": DARK_PANEL,
    PALETTE[0]: "#4f9fe0",
    PALETTE[1]: "#E69F00",
    PALETTE[2]: "#009E73",
    PALETTE[3]: "#CC79A7",
    PALETTE[4]: "#a6d4f2",
    KUAISHOU: "#F0874A",
    PALETTE[6]: "#e4e7eb",
    PEER: "#8d99a6",
    INK: "#e4e7eb",
    MUTED: "#aab4bf",
    GUIDE: "#c5ccd3",
    GRID: "#2f3741",
    BAND: "#222930",
    BAND_LINE: "#3a4450",
}


def register() -> None:
    """Register the theme with Altair and enable it. Called where charts are made (kinds), so that what only reads
    the colours (the assembly, the tables stage) does not import Altair: a third of a second a process."""
    import altair as alt

    alt.theme.register("trustreport", enable=True)(theme)


def theme() -> Any:  # alt.theme.ThemeConfig, a TypedDict of Altair's
    """The theme's Vega-Lite config."""
    return {
        "config": {
            "font": FONT,
            # No generated ARIA descriptions ("X-axis for a discrete scale…", always in English, naming columns):
            # each chart's figure carries its own alt text, in the edition's language (bundle.alt_text).
            "aria": False,
            "background": "white",
            "view": {"stroke": None, "continuousWidth": 560, "continuousHeight": 300},
            "range": {"category": PALETTE},
            "title": {
                "anchor": "start",
                "fontSize": 15,
                "fontWeight": "normal",
                "color": INK,
                "subtitleColor": MUTED,
                "subtitleFontSize": 12,
                "offset": 12,
            },
            "axis": {
                "labelFontSize": 12,
                "titleFontSize": 12,
                "labelColor": MUTED,
                "titleColor": MUTED,
                "titleFontWeight": "normal",
                "gridColor": GRID,
                "domainColor": PEER,
                "tickColor": PEER,
            },
            # every text and mark colour named, none left to Vega's defaults (black, its own blue): the dark twins
            # above replace named colours only
            "legend": {
                "labelFontSize": 12,
                "titleFontSize": 12,
                "titleFontWeight": "normal",
                "orient": "bottom",
                "labelColor": INK,
                "titleColor": INK,
            },
            "header": {"labelColor": INK, "titleColor": INK},
            "mark": {"color": PALETTE[0]},
            "bar": {"color": PALETTE[0]},
            "text": {"fontSize": 12, "color": INK},
        }
    }
