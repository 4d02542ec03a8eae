"""The one chart theme: fonts that carry Chinese, the Okabe-Ito palette, quiet axes."""

from __future__ import annotations

import altair as alt

FONT = "Noto Sans SC"  # has the Chinese glyphs; shipped to the site as a subset web font
# Okabe-Ito's hues (distinguishable with the common forms of colour blindness), darkened where needed so every
# mark stands at 3:1 or more against white (WCAG 1.4.11): orange, pink, sky blue and vermilion are deeper than
# the originals, and the yellow, which no darkening keeps yellow, is left out.
PALETTE = ["#0072B2", "#B86E00", "#008060", "#B55D91", "#4A90C2", "#C25400", "#000000"]
KUAISHOU = "#C25400"  # the accent: Kuaishou wherever it is drawn beside its peers (4.6:1, so also as text)
PEER = "#7b8794"  # peers, in grey (3.6:1 against white)
INK = "#1f2933"
MUTED = "#52606d"


@alt.theme.register("trustreport", enable=True)
def theme() -> alt.theme.ThemeConfig:
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
                "gridColor": "#e4e7eb",
                "domainColor": "#7b8794",
                "tickColor": "#7b8794",
            },
            "legend": {"labelFontSize": 12, "titleFontSize": 12, "titleFontWeight": "normal", "orient": "bottom"},
            "bar": {"color": PALETTE[0]},
            "text": {"fontSize": 12, "color": INK},
        }
    }
