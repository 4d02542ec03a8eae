"""Periods as the tables write them (2020, 2020-06, 2020-Q1, 2020-H1, 2020-06-16, A/B, ../B) and their bounds."""

from __future__ import annotations

import re
from datetime import date

_PART = r"\d{4}(?:-(?:(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?|Q[1-4]|H[12]))?"
PERIOD_REGEX = rf"^(?:{_PART}|{_PART}/{_PART}|\.\./{_PART})$"
_PART_GROUPS = re.compile(r"^(\d{4})(?:-(?:(\d{2})(?:-(\d{2}))?|Q([1-4])|H([12])))?$")


def _month_end(year: int, month: int) -> date:
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def _part_bounds(text: str) -> tuple[date, date]:
    m = _PART_GROUPS.match(text)
    if not m:
        raise ValueError(text)
    year = int(m[1])
    if m[3]:
        day = date(year, int(m[2]), int(m[3]))  # raises for 2021-02-30
        return day, day
    if m[2]:
        return date(year, int(m[2]), 1), _month_end(year, int(m[2]))
    if m[4]:
        q = int(m[4])
        return date(year, 3 * q - 2, 1), _month_end(year, 3 * q)
    if m[5]:
        h = int(m[5])
        return date(year, 6 * h - 5, 1), _month_end(year, 6 * h)
    return date(year, 1, 1), date(year, 12, 31)


def parse_period(text: str) -> tuple[date | None, date]:
    """'2020', '2020-11', '2020-Q1', '2020-H1', '2020-10-30', 'A/B', or '../B' (start not reported)."""
    if "/" in text:
        first, last = text.split("/", 1)
        end = _part_bounds(last)[1]
        start = None if first == ".." else _part_bounds(first)[0]
        if start is not None and start > end:
            raise ValueError(f"{text}: starts after it ends")
        return start, end
    return _part_bounds(text)


PERIOD_HELP = "use 2020, 2020-06, 2020-06-16, 2020-Q1, 2020-H1, A/B or ../B"
