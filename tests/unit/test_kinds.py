"""The chart kinds (charts/kinds.py) give channels to Altair as its channel objects (`_channels`): the Vega-Lite that
comes out is the one Altair gives for the same channels written as shorthands, values and conditions."""

from __future__ import annotations

import altair as alt
import polars as pl

from trustreport.charts.kinds import _channels

FRAME = pl.DataFrame({"year": [2020, 2021], "value": [1.5, 2.5], "label": ["a", "b"], "kind": ["x", "y"]})


def test_channels_given_as_objects_give_the_spec_altair_gives():
    given = {
        "x": "value:Q",
        "y": alt.Y("year:O", title=None),
        "text": "label:N",
        "color": alt.condition("datum.kind == 'x'", alt.value("#000000"), alt.value("#ffffff")),
        "fill": alt.condition("datum.year > 2020", alt.Fill("kind:N", legend=None), alt.value("white")),
        "size": alt.value(40),
        "xOffset": alt.value(3),
        "tooltip": ["year:O", alt.Tooltip("value:Q", title="Value")],
    }
    altair_own = alt.Chart(FRAME).mark_point().encode(**given).to_dict()
    ours = alt.Chart(FRAME).mark_point().encode(**_channels(**given)).to_dict()
    assert ours == altair_own
    assert ours["encoding"]["x"] == {"field": "value", "type": "quantitative"}
    assert ours["encoding"]["size"] == {"value": 40}
    assert ours["encoding"]["tooltip"][0] == {"field": "year", "type": "ordinal"}


def _compound() -> alt.VConcatChart:
    """Layers inside a vertical concatenation, with a selection, a condition and a facet: what the kinds nest."""
    pick = alt.selection_point(fields=["kind"], name="pick")
    base = alt.Chart(FRAME).encode(**_channels(x="value:Q", y=alt.Y("year:O", title=None)))
    dots = base.mark_point().encode(**_channels(color=alt.condition(pick, alt.value("#000000"), alt.value("#cccccc"))))
    labels = base.mark_text(dx=6).encode(**_channels(text="label:N"))
    faceted = alt.layer(base.mark_bar(), data=FRAME).facet(row=alt.Row("kind:N", title=None))
    return alt.vconcat(alt.layer(dots.add_params(pick), labels, width=200), faceted, title="T")


def test_a_copied_chart_is_the_chart_altair_copies():
    """kinds installs schema_copy (a copy that does not rebuild each object): the spec of a compound chart, and of its
    copy, is the one Altair's own copy gives, and a copy shares nothing with its original."""
    from altair.utils import schemapi

    from trustreport.charts import schema_copy

    assert schemapi._deep_copy is schema_copy._deep_copy  # installed on import of the kinds
    ours = _compound()
    copied = ours.copy()
    schemapi._deep_copy = schema_copy._ALTAIRS_OWN
    try:
        altairs = _compound()
        altairs_copied = altairs.copy()
    finally:
        schema_copy.install()
    assert ours.to_dict() == altairs.to_dict()
    assert copied.to_dict() == altairs_copied.to_dict() == altairs.to_dict()
    assert ours.to_dict()["params"][0]["name"] == "pick"
    copied.vconcat[0].layer[1].mark.dx = 20
    copied.title = "changed"
    assert ours.vconcat[0].layer[1].mark.dx == 6
    assert ours.to_dict()["title"] == "T"


def _drawn_texts(chart) -> list[str]:
    """The words a chart draws, as a reader's browser would draw them (Vega, through vl-convert)."""
    import re

    import vl_convert

    return re.findall(r"<text[^>]*>([^<]*)</text>", vl_convert.vegalite_to_svg(chart.to_dict()))


def test_a_charts_numbers_are_grouped_as_its_languages_prose_groups_them():
    """Chinese leaves a number's digits ungrouped (9008, 11844, as the article and the sources write them), English
    groups them (9,008): a chart's value labels and axis write them as the prose beside it does, and the what-if's
    readout and axis too."""
    from trustreport.charts.kinds import bar_chart, what_if

    frame = pl.DataFrame(
        {
            "name": ["a", "b"],
            "value": [9008.0, 11844.0],
            "status": ["reported", "reported"],
            "source_id": ["s", "s"],
            "period": ["2021", "2021"],
        }
    )
    for lang, drawn, never in (
        ("zh", {"9008", "11844", "4000", "10000"}, {"9,008", "4,000", "11,844", "10,000"}),
        ("en", {"9,008", "11,844", "4,000", "10,000"}, {"9008", "4000"}),
    ):
        chart = bar_chart(frame, label="name", value="value", title="T", subtitle="S", value_title="V", lang=lang)
        texts = set(_drawn_texts(chart))
        assert drawn <= texts and not never & texts, (lang, texts)
    # the what-if with its slider at +3,000%: the readout's GMV and change in the prose's style; its axis in one scale,
    # named in its title (never "500 million" beside "1.5 billion")
    factors = [{"name": "f", "label": "F", "base": 3000, "min": -50, "max": 3000, "step": 1}]
    for lang, drawn, never in (
        # the two GMVs a series, in the smaller's scale: never 3812亿元 beside 11.82万亿元
        (
            "zh",
            {"3812亿元", "118172亿元", "较基准增长3000%", "4000", "10000", "GMV（亿元）"},
            {"4000亿", "11.82万亿元"},
        ),
        (
            "en",
            {"RMB 381.2 billion", "RMB 11,817.2 billion", "up 3,000% on the base", "400", "1,000", "GMV (RMB billion)"},
            {"400 billion", "RMB 11.82 trillion"},
        ),
    ):
        texts = set(_drawn_texts(what_if(factors, base_rmb=381.2e9, title="T", subtitle="S", lang=lang)))
        assert drawn <= texts and not never & texts, (lang, texts)


def _formats_of(node, field: str) -> set[str]:
    """Every d3 format a spec writes `field` with (text marks and tooltips)."""
    found: set[str] = set()
    if isinstance(node, dict):
        if node.get("field") == field and "format" in node:
            found.add(node["format"])
        for value in node.values():
            found |= _formats_of(value, field)
    elif isinstance(node, list):
        for item in node:
            found |= _formats_of(item, field)
    return found


def test_the_sensitivity_charts_dots_and_tooltips_write_a_change_alike():
    """Figure 4's ±25% dots were labelled -43.75 and +205.18 and their tooltips said -43.8 and +205.2: one point,
    two values."""
    import polars as pl

    from trustreport.charts import kinds

    frame = pl.DataFrame(
        {"scenario": ["all five", "all five"], "factor_change_pct": [-25, 25], "gmv_change_pct": [-76.27, 205.18]}
    )
    spec = kinds.sensitivity(frame, title="t", subtitle="s").to_dict()
    assert len(_formats_of(spec, "gmv_change_pct")) == 1, _formats_of(spec, "gmv_change_pct")
