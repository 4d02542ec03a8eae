"""The edition's complaint records as a chapter states them: the aggregate, its section of prose and its source
line, in the edition's language (words/chapters.yml `records`); the counting is records/analysis.py's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl

from .. import escape, numbers, words
from ..records import analysis


@dataclass(frozen=True)
class Records:
    """An aggregate made by `trustreport ingest-complaints`, with its metadata, for a chapter in `lang`."""

    table: pl.DataFrame
    meta: dict
    lang: str

    @property
    def synthetic(self) -> bool:
        return bool(self.meta.get("synthetic"))

    def monthly_by_platform(self) -> pl.DataFrame:
        return analysis.monthly_by_platform(self.table)

    def source(self) -> str:
        """The records as a chart's source line names them (file names are data: escaped for Markdown)."""
        said = words.of("chapters", "records", self.lang)
        inputs = escape.markdown(said["input_sep"].join(self.meta.get("inputs", [])))
        return said["source"].format(inputs=inputs) + (said["source_synthetic"] if self.synthetic else "")

    def describe(self) -> str:
        """The records' section of the complaints chapter, every number from the aggregate."""
        said = words.of("chapters", "records", self.lang)
        counted = analysis.summary(self.table)
        rate = counted.resolved / counted.status_known if counted.status_known else None
        return said["describe"].format(
            label=said["synthetic"] if self.synthetic else "",
            # numbers as the language writes them (Chinese ungrouped: 12345, English 12,345)
            total=numbers.plain(counted.complaints, 0, self.lang),
            repeated=numbers.plain(self.meta.get("duplicate_ids", 0), 0, self.lang),
            files=len(self.meta.get("inputs", [])),
            first=self._month(counted.first_month),
            last=self._month(counted.last_month),
            busiest=self._month(counted.busiest_month),
            busiest_count=numbers.plain(counted.busiest_count, 0, self.lang),
            rate=said["no_rate"] if rate is None else f"{numbers.plain(rate * 100, 1, self.lang)}%",
        )

    def _month(self, day: date) -> str:
        """A month as the records give it (2021-06), or in words where the language writes dates so (2021年6月)."""
        return numbers.as_recorded(f"{day:%Y-%m}", self.lang)
