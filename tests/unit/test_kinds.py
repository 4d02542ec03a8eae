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
