"""What the chapters say about an aggregate of complaint records."""

from __future__ import annotations

import polars as pl

from .. import escape


def monthly_by_platform(table: pl.DataFrame) -> pl.DataFrame:
    """Complaints and resolution rate per month and platform, for the chapter's chart."""
    return (
        table.group_by("month", "platform")
        .agg(pl.col("complaints_count", "status_known_count", "resolved_count").sum())
        .with_columns(resolution_rate=pl.when(pl.col("status_known_count") > 0).then(pl.col("resolved_count") / pl.col("status_known_count")))
        .sort("month", "platform")
    )


def source_of(meta: dict) -> str:
    """The records as a chart's source line names them (file names are data: escaped for Markdown)."""
    return f"complaint records in {escape.markdown(', '.join(meta.get('inputs', [])))}" + (" (synthetic)" if meta.get("synthetic") else "")


def describe(table: pl.DataFrame, meta: dict) -> str:
    """The records' section of the complaints chapter, every number from the aggregate."""
    monthly = table.group_by("month").agg(pl.col("complaints_count").sum()).sort("month")
    busiest = monthly.sort("complaints_count", descending=True).row(0, named=True)
    known = int(table["status_known_count"].sum())
    rate = f"{int(table['resolved_count'].sum()) / known:.1%}" if known else "not reported (no status in the records)"
    label = "**Synthetic test data, not real complaints.** " if meta.get("synthetic") else ""
    return (
        f"## Complaint records\n\n{label}The edition reads {int(table['complaints_count'].sum()):,} complaint records "
        f"({meta.get('duplicate_ids', 0):,} repeated ids dropped) from {len(meta.get('inputs', []))} file(s), "
        f"filed between {monthly['month'][0]:%Y-%m} and {monthly['month'][-1]:%Y-%m}. The busiest month was "
        f"{busiest['month']:%Y-%m} with {busiest['complaints_count']:,} complaints. Of the complaints whose status "
        f"is known, {rate} were resolved.\n"
    )
