"""Figures in sentences: every number the prose states is looked up, formatted and cited here.

A figure that is not in the data reads "not reported", never zero and never a guess.
"""

from __future__ import annotations

import polars as pl

NOT_REPORTED = "not reported"
_MARK = {"reported": "", "derived": " (derived)", "estimate": " (estimate)"}


def number(value: float, decimals: int = 0) -> str:
    """21900 -> '21,900'; 1467200 -> '1.47 million' when decimals are asked for large values."""
    if abs(value) >= 1e8 and decimals:
        return f"{value / 1e8:,.{decimals}f} hundred million"
    if abs(value) >= 1e6 and decimals:
        return f"{value / 1e6:,.{decimals}f} million"
    return f"{value:,.{decimals}f}"


def percent(value: float) -> str:
    """Reported precision, trailing zeros dropped: 479.60 -> '479.6%'."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{text}%"


class Figures:
    """Look-ups into one validated table, with sources for citation."""

    def __init__(self, table: pl.DataFrame, sources: pl.DataFrame):
        self.table = table
        self.sources = sources
        self._rows = {row["figure_id"]: row for row in table.iter_rows(named=True)}

    def row(self, figure_id: str) -> dict | None:
        return self._rows.get(figure_id)

    def value(self, figure_id: str, column: str) -> float | None:
        row = self.row(figure_id)
        return None if row is None else row[column]

    def text(self, figure_id: str, column: str, decimals: int = 0) -> str:
        """The figure as a phrase: qualifier, number in base units, and its status if not reported."""
        row = self.row(figure_id)
        if row is None or row[column] is None:
            return NOT_REPORTED
        value = row[column]
        shown = percent(value) if column.endswith("_pct") else number(value, decimals)
        qualifier = f"{row['qualifier']} " if row.get("qualifier") else ""
        return f"{qualifier}{shown}{_MARK[row['status']]}"

    def source_ids(self, figure_ids) -> list[str]:
        return list(dict.fromkeys(self._rows[f]["source_id"] for f in figure_ids if f in self._rows))

    def cite(self, figure_ids) -> list[str]:
        """Source lines for the given figures, each source once, in order of first use."""
        return [source_line(self.sources, sid) for sid in self.source_ids(figure_ids)]


def source_line(sources: pl.DataFrame, source_id: str) -> str:
    row = sources.filter(pl.col("id") == source_id).row(0, named=True)
    return f"{row['publisher']}, “{row['title']}”, {row['published']}"
