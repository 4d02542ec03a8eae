"""The rules, checked against values written out here, never against the code that applies them: units
and their factors (trustreport.data.units)."""

from __future__ import annotations

import math

import pytest

from trustreport.data.units import UNITS, to_base

FACTORS = {
    "件": (1, "count"),
    "万件": (10_000, "count"),
    "个": (1, "count"),
    "条": (1, "count"),
    "组": (1, "count"),
    "位": (1, "count"),
    "万": (10_000, "count"),
    "亿": (100_000_000, "count"),  # "10亿福利": a number announced with no unit
    "万单": (10_000, "count"),  # orders: "nearly 5 billion orders" is 近50亿单
    "次": (1, "times"),
    "万次": (10_000, "times"),
    "亿次": (100_000_000, "times"),
    "人次": (1, "times"),
    "万人次": (10_000, "times"),
    "人": (1, "people"),
    "万人": (10_000, "people"),
    "万小时": (10_000, "hours"),
    "元": (1, "rmb"),
    "万元": (10_000, "rmb"),
    "百万元": (1_000_000, "rmb"),
    "亿元": (100_000_000, "rmb"),
    "万亿元": (1_000_000_000_000, "rmb"),
    "billion RMB": (1_000_000_000, "rmb"),
    "%": (1, "pct"),
    "index": (1, "index"),
}


def test_every_unit_has_the_factor_and_base_it_should():
    assert set(UNITS) == set(FACTORS)
    for unit, (factor, base) in FACTORS.items():
        assert (UNITS[unit].factor, UNITS[unit].base) == (factor, base), unit


@pytest.mark.parametrize(
    "value, unit, expected",
    [
        (9008, "万人", 90_080_000),
        (2.19, "万件", 21_900),
        (1.34, "亿次", 134_000_000),
        (3811.7, "亿元", 381_170_000_000),
        (1.39, "万亿元", 1_390_000_000_000),
        (118559.4, "百万元", 118_559_400_000),
        (1.4, "billion RMB", 1_400_000_000),
        (5588, "万元", 55_880_000),
        (21, "万人次", 210_000),
        (-8.96, "%", -8.96),
        (0.144, "index", 0.144),
        (982249, "件", 982_249),
        (10, "亿", 1_000_000_000),
    ],
)
def test_to_base_against_written_out_values(value, unit, expected):
    assert to_base(value, unit) == expected


@pytest.mark.parametrize("value, shown", [(math.nan, "nan"), (math.inf, "inf"), (-math.inf, "-inf")])
def test_to_base_refuses_what_is_not_a_number(value, shown):
    with pytest.raises(ValueError) as caught:
        to_base(value, "万件")
    assert str(caught.value) == f"{shown} 万件: not a finite number"
