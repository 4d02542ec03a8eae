"""An event study on complaint records: did Kuaishou's complaints move, against other platforms', around a tactic?

For a dated tactic, take the months before it and the months after it (the tactic's own month left out, as it is
part before and part after). In each month, the gap between Kuaishou's complaints and all other platforms'
together is measured in logs; the estimate is how much that gap changed from before to after (a difference in
differences), reported as a percentage. Its range is the estimate ± 1.96 standard errors of the monthly gaps.
Anything else that moved Kuaishou's complaints alone in those months shows up in the estimate too: it measures a
change around the date, not what caused it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import polars as pl

TREATED = "快手"
WINDOW_MONTHS = 6
MIN_MONTHS = 3  # fewer months on either side and the gap's spread cannot be estimated


@dataclass(frozen=True)
class Estimate:
    """One tactic's difference in differences, in percent of Kuaishou's complaints."""

    label: str
    day: date
    months_before: int
    months_after: int
    change_pct: float  # exp(difference in log gaps) - 1, as a percentage
    low_pct: float
    high_pct: float
    treated_before: float  # Kuaishou's mean monthly complaints before and after
    treated_after: float

    @property
    def excludes_zero(self) -> bool:
        return self.low_pct > 0 or self.high_pct < 0


def monthly(table: pl.DataFrame, treated: str = TREATED) -> pl.DataFrame:
    """Complaints per month: Kuaishou's, and all other platforms' together."""
    return (
        table.group_by("month")
        .agg(
            treated_count=pl.col("complaints_count").filter(pl.col("platform") == treated).sum(),
            others_count=pl.col("complaints_count").filter(pl.col("platform") != treated).sum(),
        )
        .sort("month")
    )


def _month_index(d: date) -> int:
    return d.year * 12 + d.month - 1


def estimate(series: pl.DataFrame, label: str, day: date, window: int = WINDOW_MONTHS) -> Estimate | None:
    """The difference in differences around `day`, or None when the records do not cover enough months on both
    sides (or a month has no complaint on one side, where a log gap does not exist)."""
    event = _month_index(day)
    rows = [(_month_index(m), t, o) for m, t, o in series.select("month", "treated_count", "others_count").iter_rows()]
    before = [(t, o) for i, t, o in rows if event - window <= i < event]
    after = [(t, o) for i, t, o in rows if event < i <= event + window]
    if len(before) < MIN_MONTHS or len(after) < MIN_MONTHS or any(t <= 0 or o <= 0 for t, o in before + after):
        return None
    gap_before = [math.log(t / o) for t, o in before]
    gap_after = [math.log(t / o) for t, o in after]
    diff = _mean(gap_after) - _mean(gap_before)
    se = math.sqrt(_var(gap_before) / len(gap_before) + _var(gap_after) / len(gap_after))
    pct = lambda x: (math.exp(x) - 1) * 100  # noqa: E731
    return Estimate(
        label=label,
        day=day,
        months_before=len(before),
        months_after=len(after),
        change_pct=pct(diff),
        low_pct=pct(diff - 1.96 * se),
        high_pct=pct(diff + 1.96 * se),
        treated_before=_mean([t for t, _ in before]),
        treated_after=_mean([t for t, _ in after]),
    )


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)


def _var(values: list[float]) -> float:
    m = _mean(values)
    return sum((v - m) ** 2 for v in values) / (len(values) - 1)
