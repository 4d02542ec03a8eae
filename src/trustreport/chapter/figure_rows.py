"""The figures of a chapter's declared tables, by id: what each figure is, and which figures can stand together.

A figure is one published fact of the data: a row of a figure table (complaints.csv, gala.csv, ...) with its id,
value, unit, period, status and source. This module only looks them up; `Figures` (figures.py) states them in
words. A chapter's figures hold only the tables it declared.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import polars as pl

from ..data import derivations
from ..data.comparability import require_comparable, whole_year
from ..data.schemas import TABLES, FigureTable
from ..data.units import UNITS
from ..errors import UserError
from .each import once

# The columns of figures.json, what the site publishes of each figure (and the next version compares against).
PUBLISHED = ("table", "label_zh", "metric", "period", "value", "unit", "qualifier", "status", "source_id", "value_base")


class FigureRows:
    """Every figure of the declared tables, by id (each row with its table and base unit), and the sources."""

    def __init__(self, tables: dict[str, pl.DataFrame], table_of: Callable[[str], str | None] | None = None):
        """`table_of`: which of the edition's other tables holds a figure id, asked only of an id the declared tables
        do not hold (a chapter naming a figure of a table it did not declare is an error)."""
        self.tables = tables
        self._table_of = table_of
        # the figure ids asked for that the edition's data does not hold, stated as "not reported" (a figure a user's
        # own data leaves out, or a mistyped id): the build names them (ledger.output_metadata)
        self.absent: dict[str, None] = {}
        self.sources = tables["sources"]
        self._rows: dict[str, dict[str, Any]] = {}
        for name, frame in tables.items():
            if issubclass(TABLES[name][0], FigureTable):
                for row in frame.iter_rows(named=True):
                    self._rows[row["figure_id"]] = {**row, "table": name, "base": UNITS[row["unit"]].base}
        self._stance = dict(zip(self.sources["id"], self.sources["stance"], strict=True))

    def _declared(self, table: str) -> None:
        if table not in self.tables:
            raise UserError(
                f"table '{table}' is not among the tables this chapter declared ({', '.join(self.tables)}): "
                "add it to the notebook's metadata, trustreport.reads"
            )

    @once
    def ids(self, table: str) -> list[str]:
        """The figure ids of a declared table, in file order."""
        self._declared(table)
        return [fid for fid, row in self._rows.items() if row["table"] == table]

    @once
    def row(self, figure_id: str) -> dict | None:
        """A figure's row; None for an id the data does not hold (noted in `absent`). An id of a table the chapter
        did not declare is an error, never "not reported"."""
        row = self._rows.get(figure_id)
        if row is None and figure_id:
            table = self._table_of(figure_id) if self._table_of else None
            if table is not None:
                raise UserError(
                    f"the figure '{figure_id}' is in the table '{table}', which this chapter did not declare "
                    f"({', '.join(self.tables)}): add it to the notebook's metadata, trustreport.reads"
                )
            self.absent[figure_id] = None
        return row

    @once
    def figure(self, figure_id: str) -> dict:
        """The row of a figure known to be in the data (one of `ids`); KeyError for any other."""
        return self._rows[figure_id]

    @once
    def value(self, figure_id: str | None) -> float | None:
        """The figure in base units, or None when it is not in the data."""
        row = self.row(figure_id) if figure_id else None
        return None if row is None else row["value_base"]

    @once
    def exact(self, figure_id: str) -> float:
        """A figure in base units as its formula gives it, unrounded (derived from derived figures all the way down):
        what a change between two figures is computed from, so that rounding the stored values changes nothing. A
        figure whose formula refers to a figure outside the declared tables keeps its stored value."""
        row = self._rows[figure_id]
        formula: str = row.get("derivation") or ""
        refs = derivations.references(formula)
        if not refs or any(ref not in self._rows for ref in refs):
            return row["value_base"]
        return derivations.evaluate(formula, {ref: self.exact(ref) for ref in refs})

    @once
    def find(self, table: str, year: int | None = None, whole_year: bool = False, **equals) -> str | None:
        """The first figure (in file order) of `table` matching every column value given, and covering `year`: the
        figure's period lies in that year (with `whole_year`, it is that year's whole), or its `year` column says so."""
        self._declared(table)
        for fid, row in self._rows.items():
            if row["table"] != table or any(row.get(k) != v for k, v in equals.items()):
                continue
            if year is not None and not _covers(row, year, whole_year):
                continue
            return fid
        return None

    @once
    def compared(self, figure_ids: list[str | None], how: str) -> list[str | None]:
        """The figures, once every one present is known to count the same thing as the first, over the same scope
        and kind of period; otherwise a build error naming the two that differ and how (data/comparability.py).
        Every comparison the report states goes through here: a change, a ratio, a series, a scorecard row."""
        present = [f for f in figure_ids if f and f in self._rows]
        for other in present[1:]:
            require_comparable(self._rows[present[0]], self._rows[other], how)
        return figure_ids

    @once
    def cell(self, table: str, key: str, column: str) -> str:
        """A text cell of a declared table, by the row's id (its first column after source_line); "" when empty."""
        self._declared(table)
        frame = self.tables[table]
        id_column = frame.columns[1]  # after source_line: the table's id
        rows = frame.filter(frame[id_column] == key)
        return "" if rows.is_empty() or rows[column][0] is None else str(rows[column][0])

    @once
    def stance(self, source_id: str) -> str:
        """Who stands behind a source's figures (sources.csv `stance`): company, regulator, consumers_association,
        third_party or press."""
        return self._stance[source_id]

    @once
    def source_ids(self, figure_ids) -> list[str]:
        """The sources of the given figures, each once, in order of first use."""
        return list(dict.fromkeys(self._rows[f]["source_id"] for f in figure_ids if f and f in self._rows))

    @once
    def published(self) -> dict[str, dict]:
        """Every figure as the site publishes it in figures.json."""
        return {fid: {k: row[k] for k in PUBLISHED} for fid, row in sorted(self._rows.items())}


def _covers(row: dict, year: int, whole: bool) -> bool:
    """Whether a figure covers `year`: its `year` column says so, or its period lies in that year (is that year's
    whole, with `whole`)."""
    if "year" in row and row["year"] is not None:
        return row["year"] == year
    if whole:
        return whole_year(row) and row["period_end"].year == year
    return row["period_start"] is not None and row["period_start"].year == row["period_end"].year == year
