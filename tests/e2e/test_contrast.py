"""Colour contrast as WCAG 2.1 defines it: text at least 4.5:1 against its background, the marks of a chart (bars,
dots, lines a reader must see) at least 3:1. Computed here from the relative luminance formula, for the chart
theme, the site's stylesheet and every colour the built charts draw with."""

from __future__ import annotations

import json
import re

import pytest

from conftest import ROOT


def luminance(colour: str) -> float:
    red, green, blue = (int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4))
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (red, green, blue)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_formula_against_known_ratios():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the grey famously just short of 4.5
    assert contrast("#E69F00", "#ffffff") == pytest.approx(2.25, abs=0.01)  # Okabe-Ito orange: too light for marks


def test_the_chart_theme_meets_the_ratios():
    from trustreport.charts import theme

    for colour in [*theme.PALETTE, theme.KUAISHOU, theme.PEER]:
        assert contrast(colour, "#ffffff") >= 3.0, f"{colour}: a chart mark needs 3:1 against white"
    for colour in (theme.INK, theme.MUTED):
        assert contrast(colour, "#ffffff") >= 4.5, f"{colour}: chart text needs 4.5:1 against white"
    axis = theme.theme()["config"]["axis"]
    assert contrast(axis["domainColor"], "#ffffff") >= 3.0 and contrast(axis["labelColor"], "#ffffff") >= 4.5


def test_the_dark_twins_meet_the_ratios_on_the_dark_panel():
    """On a dark page the site draws each chart in the theme's dark twins, on a dark panel: the same ratios hold."""
    from trustreport.charts import theme

    assert luminance(theme.DARK_PANEL) < 0.02 and theme.DARK["white"] == theme.DARK_PANEL
    for colour in [*theme.PALETTE, theme.KUAISHOU, theme.PEER]:
        assert contrast(theme.DARK[colour], theme.DARK_PANEL) >= 3.0, f"{colour}'s twin {theme.DARK[colour]}"
    for colour in (theme.INK, theme.MUTED, theme.GUIDE, theme.KUAISHOU):
        assert contrast(theme.DARK[colour], theme.DARK_PANEL) >= 4.5, f"{colour}'s twin {theme.DARK[colour]}: text"


def test_the_stylesheet_text_meets_the_ratio():
    css = (ROOT / "report" / "assets" / "report.css").read_text(encoding="utf-8")
    light = dict(
        re.findall(r"--([a-z]+):\s*(#[0-9a-fA-F]{6})", re.search(r":root \{(.*?)\}", css, flags=re.S).group(1))
    )
    dark = dict(
        re.findall(
            r"--([a-z]+):\s*(#[0-9a-fA-F]{6})",
            re.search(r"prefers-color-scheme: dark\) \{\s*:root \{(.*?)\}", css, flags=re.S).group(1),
        )
    )
    for var, backgrounds in ((light, ("#ffffff", "#f5f7f9")), (dark, ("#1b2026", "#232a32"))):  # page, header, boxes
        for name in ("ink", "muted", "accent"):
            for background in (var["paper"], *backgrounds):
                assert contrast(var[name], background) >= 4.5, f"--{name} {var[name]} on {background}"
    notice = re.search(r"\.tr-notice \{ background: (#[0-9a-f]{6}); color: (#[0-9a-f]{6})", css)
    assert contrast(notice.group(2), notice.group(1)) >= 4.5


MARK_KEYS = {"color", "fill", "stroke"}


def colours_drawn(node, found: set[str]) -> set[str]:
    """Every literal colour a Vega-Lite spec gives a mark (not gridlines or the background)."""
    if isinstance(node, dict):
        mark = node.get("mark")
        if isinstance(mark, dict) and mark.get("aria") is False:
            return found  # a decorative mark (year bands, a guide line): WCAG 1.4.11 asks nothing of it
        for key, value in node.items():
            if key in MARK_KEYS and isinstance(value, str) and value.startswith("#"):
                found.add(value)
            elif key == "range" and isinstance(value, list):
                found.update(v for v in value if isinstance(v, str) and v.startswith("#"))
            elif key == "value" and isinstance(value, str) and re.fullmatch(r"#[0-9a-fA-F]{6}", value):
                found.add(value)
            elif key not in ("config", "data", "datasets"):
                colours_drawn(value, found)
    elif isinstance(node, list):
        for item in node:
            colours_drawn(item, found)
    return found


def test_every_colour_the_built_charts_draw_with_meets_the_ratio(built):
    specs = sorted((built / "site" / "data").glob("*.vl.json"))
    assert specs
    from trustreport.charts import theme

    dark = {light.lower(): twin for light, twin in theme.DARK.items()}
    for path in specs:
        for colour in colours_drawn(json.loads(path.read_text(encoding="utf-8")), set()):
            # on a dark page every colour is drawn as its twin: none is left light (a white fill becomes the panel)
            assert colour.lower() in dark, f"{path.name}: {colour} has no dark twin"
            if colour.lower() in ("#ffffff", "#fff"):
                continue  # white fill: a hollow mark, drawn by its outline
            assert contrast(colour, "#ffffff") >= 3.0, f"{path.name}: {colour} against white"
            assert contrast(dark[colour.lower()], theme.DARK_PANEL) >= 3.0, f"{path.name}: {colour}'s twin"
