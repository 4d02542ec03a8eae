"""Units as sources report them (万件, 亿元, %) and their factors to base units."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Unit:
    """A reported unit: the factor that turns a reported value into `base` units."""

    factor: float
    base: str  # 'count', 'rmb', 'pct', 'index', 'people', 'times', 'hours'


UNITS: dict[str, Unit] = {
    "件": Unit(1, "count"),
    "万件": Unit(1e4, "count"),
    "个": Unit(1, "count"),
    "条": Unit(1, "count"),
    "组": Unit(1, "count"),
    "位": Unit(1, "count"),
    "万": Unit(1e4, "count"),
    "亿": Unit(1e8, "count"),  # as a source gives it with no unit ("10亿福利": of what, it does not say)
    "万单": Unit(1e4, "count"),  # orders
    "次": Unit(1, "times"),
    "万次": Unit(1e4, "times"),
    "亿次": Unit(1e8, "times"),
    "人次": Unit(1, "times"),  # person-times: actions counted per person, a person may be counted twice
    "万人次": Unit(1e4, "times"),
    "人": Unit(1, "people"),
    "万人": Unit(1e4, "people"),
    "万小时": Unit(1e4, "hours"),
    "元": Unit(1, "rmb"),
    "万元": Unit(1e4, "rmb"),
    "百万元": Unit(1e6, "rmb"),
    "亿元": Unit(1e8, "rmb"),
    "万亿元": Unit(1e12, "rmb"),
    "billion RMB": Unit(1e9, "rmb"),
    "%": Unit(1, "pct"),
    "index": Unit(1, "index"),
}


def to_base(value: float, unit: str) -> float:
    """A reported value in base units: 2.19 万件 is 21,900 complaints. Not a finite number: ValueError."""
    result = value * UNITS[unit].factor
    if not math.isfinite(result):
        raise ValueError(f"{value!r} {unit}: not a finite number")
    # Twelve significant digits remove float noise such as 2.19 * 1e4 = 21900.000000000004; sources give a
    # few digits at most, so the reported figure itself is kept exactly.
    return float(f"{result:.12g}")
