"""What the chapters count in an aggregate of complaint records (chapter/complaint_records.py states it in words)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl


def monthly_by_platform(table: pl.DataFrame) -> pl.DataFrame:
    """Complaints and resolution rate per month and platform, for the chapter's chart."""
    return (
        table.group_by("month", "platform")
        .agg(pl.col("complaints_count", "status_known_count", "resolved_count").sum())
        .with_columns(
            resolution_rate=pl.when(pl.col("status_known_count") > 0).then(
                pl.col("resolved_count") / pl.col("status_known_count")
            )
        )
        .sort("month", "platform")
    )


@dataclass(frozen=True)
class Summary:
    """What a chapter says about an aggregate: its total, its months, its busiest month, how many were resolved."""

    complaints: int
    first_month: date
    last_month: date
    busiest_month: date
    busiest_count: int
    status_known: int
    resolved: int


def summary(table: pl.DataFrame) -> Summary:
    """The aggregate's totals and months, counted."""
    monthly = table.group_by("month").agg(pl.col("complaints_count").sum()).sort("month")
    busiest = monthly.sort("complaints_count", descending=True).row(0, named=True)
    return Summary(
        complaints=int(table["complaints_count"].sum()),
        first_month=monthly["month"][0],
        last_month=monthly["month"][-1],
        busiest_month=busiest["month"],
        busiest_count=busiest["complaints_count"],
        status_known=int(table["status_known_count"].sum()),
        resolved=int(table["resolved_count"].sum()),
    )
