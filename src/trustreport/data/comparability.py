"""What a figure counts, over what scope and what kind of period: the three things two figures must share before
the report sets them side by side (a change, a ratio, "rose" or "fell", a series line, a scorecard row).

Every figure row states them (`counts`, `scope` and `sector`, `period_kind`); validation refuses a row without
them, or whose period does not have the form its kind says. `differences` names what keeps two figures apart, and
`require_comparable` turns any difference into a build error naming both figure ids.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..errors import UserError

# What one unit of a figure is: for a count, what was counted; for a share, what it is a share of; for a growth
# or change, what grew. The values here, their words in words/data.yml (as for the scopes, sectors and kinds below).
COUNTS = (
    "complaints",
    "complaints_and_reports",
    "appeals",
    "reports",
    "rights_posts",
    "survey_answers",
    "complaint_index",
    "ban_actions",
    "penalty_actions",
    "campaign_penalty_actions",
    "accounts",
    "violations",
    "live_rooms",
    "live_sessions",
    "anchors",
    "merchants",
    "brands",
    "police_cases",
    "listing_interceptions",
    "counterfeit_interceptions",
    "store_interceptions",
    "brushing_interceptions",
    "rules",
    "participants",
    "orders",
    "users",
    "money_spent",
    "money_paid_out",
    "money_involved",
    "fines",
    "sales",
    "repurchase_rate",
    "selling_report_rate",
    "user_report_rate",
    "order_willingness",
    "viewers",
    "peak_viewers",
    "interactions",
    "views",
    "trending_topics",
    "star_acts",
    "star_performers",
    "giveaways",
    "livestream_hours",
    "own_brands",
)

# Which channel counted, or whose count it is.
SCOPES = (
    "all_channels",
    "platform_12315",
    "association",
    "complaint_site",
    "posts_study",
    "survey",
    "platform_own",
    "market_estimate",
    "official_statistics",
    "press",
    "regulator_case",
    "seller_own",
)

# Which part of the economy the figure covers.
SECTORS = (
    "all_sectors",
    "online_shopping",
    "ecommerce",
    "livestreaming",
    "livestream_selling",
    "festival",
    "gala",
)

# The kind of period, with the forms of `period` each allows (data/periods.py): a figure for a year is only ever
# compared with a figure for a year; a running total ("cumulative") or a level at a date ("as of") never stands in
# a year's place.
_YEAR, _HALF, _QUARTER = r"\d{4}", r"\d{4}-H[12]", r"\d{4}-Q[1-4]"
_MONTH, _DAY = r"\d{4}-\d{2}", r"\d{4}-\d{2}-\d{2}"
_POINT = rf"(?:{_DAY}|{_MONTH}|{_YEAR})"
PERIOD_KINDS: dict[str, str] = {
    "year": rf"{_YEAR}",
    "half_year": rf"{_HALF}",
    "quarter": rf"{_QUARTER}",
    "month": rf"{_MONTH}",
    "months": rf"{_MONTH}/{_MONTH}|{_DAY}/{_MONTH}",
    "days": rf"{_DAY}/{_DAY}",
    "day": rf"{_DAY}",
    "event": rf"\.\./{_POINT}|{_POINT}",
    "cumulative": rf"\.\./{_POINT}|{_POINT}/{_POINT}|{_POINT}",
    "as_of": rf"\.\./{_POINT}|{_POINT}",
}
PERIOD_KIND_FORMS = {kind: f"^(?:{form})$" for kind, form in PERIOD_KINDS.items()}
# Period kinds whose figure may stand in a year's column, labelled with its period when not the whole year.
IN_A_YEAR = ("year", "half_year", "quarter", "month", "months", "days", "day", "event")
# A running total or a level at a date: its own "as of" cell, never a year's value, never a trend.
AS_OF = ("cumulative", "as_of")

# The columns two figures must share, and the word for each in a refusal.
KEY_COLUMNS = ("measure", "counts", "scope", "sector", "period_kind")
# Per table, the column naming who counted, which must match too (two complaint sites count different complaints).
COUNTED_BY = {"complaints": "channel"}


def period_kind_fits(kind: str, period: str) -> bool:
    """Whether `period` has a form `kind` allows: 2021 is a year, 2021-H1 a half-year, ../2024-04 a running total."""
    form = PERIOD_KIND_FORMS.get(kind)
    return form is not None and re.match(form, period) is not None


def _span(row: Mapping) -> tuple | None:
    """A period's place within its year (month and day of its start and end) and its length in years, so that
    January–September 2020 and January–September 2021 match and January–September and April–November do not."""
    start, end = row.get("period_start"), row.get("period_end")
    if start is None or end is None:
        return None
    return (start.month, start.day, end.month, end.day, end.year - start.year)


def differences(a: Mapping, b: Mapping) -> list[str]:
    """What keeps two figures from standing side by side, in words naming both values; empty when they may."""
    found = []
    for column in KEY_COLUMNS:
        if a.get(column) != b.get(column):
            found.append(f"{column}: {a.get(column)} against {b.get(column)}")
    counted_by = COUNTED_BY.get(a.get("table", ""))
    if counted_by and a.get("table") == b.get("table") and a.get(counted_by) != b.get(counted_by):
        found.append(f"counted by: {a.get(counted_by)} against {b.get(counted_by)}")
    if a.get("base") != b.get("base"):
        found.append(f"unit: {a.get('base')} against {b.get('base')}")
    if a.get("period_kind") == b.get("period_kind"):
        found += _period_differences(a, b)
    return found


def _period_differences(a: Mapping, b: Mapping) -> list[str]:
    """Two periods of the same kind that still differ: running totals, or windows in different parts of the year."""
    kind = a.get("period_kind")
    if kind == "cumulative":
        return ["period: both are running totals, and a total can only rise, so two of them show no trend"]
    if kind in ("year", "event", "as_of") or _span(a) == _span(b):
        return []
    return [f"period: {a.get('period')} against {b.get('period')} (not the same part of the year)"]


class NotComparable(UserError):
    """Two figures set side by side that count different things, over different scopes or kinds of period."""


def require_comparable(a: Mapping, b: Mapping, how: str) -> None:
    """Refuse, as a build error naming both figures, to set `a` beside `b` (`how`: "a change", "a series", ...)."""
    found = differences(a, b)
    if found:
        raise NotComparable(
            f"{a.get('figure_id')} and {b.get('figure_id')} cannot be set side by side as {how}: "
            + "; ".join(found)
            + " (data/comparability.py: two figures compared must count the same thing, over the same scope and "
            "the same kind of period)"
        )


def whole_year(row: Mapping) -> bool:
    """Whether a figure is a calendar year's, as its row states (`period_kind`): the one test of "a whole year"."""
    return row.get("period_kind") == "year"


def change_on(row: Mapping, year: int) -> bool:
    """Whether a change or growth figure is stated against `year`, as its row's metric says ("…: change on 2019"):
    the one test of what a published change compares with."""
    return f"on {year}" in str(row.get("metric", ""))
