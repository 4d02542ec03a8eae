"""The one chart theme: fonts that carry Chinese, the Okabe-Ito palette, quiet axes."""

from __future__ import annotations

import altair as alt

FONT = "Noto Sans SC"  # has the Chinese glyphs; shipped to the site as a subset web font
# Okabe-Ito: distinguishable with the common forms of colour blindness.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
KUAISHOU = "#D55E00"  # the accent: Kuaishou wherever it is drawn beside its peers
PEER = "#7b8794"  # peers, in grey (3.6:1 against white)
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
