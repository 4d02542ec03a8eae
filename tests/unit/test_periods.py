"""The rules, checked against values written out here, never against the code that applies them: periods
as the tables write them (trustreport.data.periods)."""

from __future__ import annotations

from datetime import date

import pytest

from trustreport.data.periods import parse_period


@pytest.mark.parametrize(
    "text, bounds",
    [
        ("2020-Q1", (date(2020, 1, 1), date(2020, 3, 31))),
        ("2020-H2", (date(2020, 7, 1), date(2020, 12, 31))),
        ("2024-02", (date(2024, 2, 1), date(2024, 2, 29))),
        ("2023-02", (date(2023, 2, 1), date(2023, 2, 28))),
        ("../2024-04", (None, date(2024, 4, 30))),
        ("2020", (date(2020, 1, 1), date(2020, 12, 31))),
    ],
)
def test_period_bounds(text, bounds):
    assert parse_period(text) == bounds


@pytest.mark.parametrize("text", ["2021-02-30", "2021-06/2020-01", "2020-13", "June 2020", "2020-Q5"])
def test_periods_that_are_not(text):
    with pytest.raises(ValueError):
        parse_period(text)
