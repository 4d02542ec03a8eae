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
