"""A chart's values in the scale its axis reads: the formatter's one rule (numbers.axis_scale) applied to a frame."""

from __future__ import annotations

from typing import cast

import polars as pl

from .. import numbers


def scaled(
    frame: pl.DataFrame, name: str, base: str, lang: str = "en", measure: str = "", column: str = "value_base"
) -> tuple[pl.DataFrame, str, str]:
    """The frame with `column` (base units) in the scale an axis reads, as a column whose name carries the unit
    (gmv_rmb_billion, appeals_thousands; gmv_亿元), that column's name, and the unit for the axis title ("RMB
    billion", "亿元"). `measure`: the measure word of the values' reported unit (件 for 万件), where the language
    writes one."""
    divisor, word = numbers.axis_scale(cast(float, frame[column].abs().max() or 0), lang)  # a numeric column's largest
    unit = numbers.axis_unit(base, word, lang, measure)
    out = numbers.axis_column(name, base, word, unit, lang)
    return frame.with_columns((pl.col(column) / divisor).alias(out)), out, unit
