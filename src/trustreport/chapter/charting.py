"""Charts in a chapter: every chart kind (charts/kinds.py) drawn in the chapter's language, and the rows of figures
a chart draws, in the scale its axis reads.

    charts = ch.charts
    gmv, column, unit = charts.on_axis(charts.rows(gmv_ids), "gmv", "rmb")
    ch.chart(charts.year_bars(gmv, x="period", y=column, ...), name="platform-gmv-by-year", sources=...)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

import polars as pl

from .. import numbers, words
from ..charts import axes, kinds
from ..params import WhatIf
from . import whatif
from .figures import Figures


class Charts:
    """The chart kinds, in the language of the chapter's figures."""

    def __init__(self, figures: Figures):
        self.figures = figures
        self.lang = figures.lang

    def __getattr__(self, kind: str) -> Callable[..., Any]:
        """A chart kind of charts/kinds.py (`@kind`), to be called without a language: it draws in the chapter's."""
        if kind not in kinds.KINDS:
            raise AttributeError(f"no chart kind '{kind}' (kinds: {', '.join(kinds.KINDS)})")
        return partial(kinds.KINDS[kind], lang=self.lang)

    def rows(self, figure_ids: list[str | None], extra: Sequence[str] = ()) -> pl.DataFrame:
        """The rows of the given figures (missing ones skipped) for a chart: value in base units, status, source,
        a `label` as the prose would say it, and any `extra` columns of their table."""
        found = [self.figures.figure(f) for f in figure_ids if f and self.figures.row(f)]
        in_scale = self.figures.in_scale([r["figure_id"] for r in found])  # a chart's labels in one number style
        columns = {
            "figure_id": pl.String,
            "label_zh": pl.String,
            "period": pl.String,
            "value_base": pl.Float64,
            "status": pl.String,
            "source_id": pl.String,
            "label": pl.String,
            **{c: pl.String for c in extra},
        }
        return pl.DataFrame(
            [
                {
                    **{c: r[c] for c in columns if c in r},
                    "label_zh": numbers.punctuated(r["label_zh"], self.lang),  # a label as the page punctuates
                    "label": self.figures.label(r["figure_id"], in_scale=in_scale),
                    **{c: None if r.get(c) is None else str(r[c]) for c in extra},
                }
                for r in found
            ],
            schema=columns,
        )

    def name(self, value: str, section: str = "names") -> str:
        """A name or kind the tables write in Chinese (抖音, 售后服务), as the chapter's language shows it
        (words/data.yml `names`, `complaint_kinds`). A value the catalogue does not know (a user's own data) is
        shown as the data writes it: a report is never refused for a name nobody translated yet."""
        return words.of("data", section, self.lang).get(value, value)

    def named(self, frame: pl.DataFrame, column: str, section: str = "names", into: str | None = None) -> pl.DataFrame:
        """The frame with `column`'s names or kinds in the chapter's language (`name`), in `column` itself or, with
        `into`, in a column of their own beside the tables' (label_zh stays the Chinese the tables write)."""
        named = [self.name(v, section) for v in frame[column]]
        return frame.with_columns(pl.Series(into or column, named, dtype=pl.String))

    def on_axis(self, frame: pl.DataFrame, name: str, base: str) -> tuple[pl.DataFrame, str, str]:
        """The frame's values in the scale its axis reads, in the chapter's language: the frame, the scaled column
        (gmv_rmb_billion / gmv_亿元) and the axis unit (RMB billion / 亿元, with the figures' measure word)."""
        rows = [self.figures.row(f) for f in frame["figure_id"] if f] if "figure_id" in frame.columns else []
        measure = next((numbers.measure_word(row["unit"]) for row in rows if row), "")
        return axes.scaled(frame, name, base, self.lang, measure)

    def what_if(self, base: WhatIf, *, title: str, subtitle: str):
        """The what-if calculator on the edition's base (kinds.what_if): a slider per factor."""
        return kinds.what_if(
            whatif.factors(base, self.lang),
            base_rmb=whatif.gmv(base.model_dump()),
            title=title,
            subtitle=subtitle,
            lang=self.lang,
        )

    def sensitivity(self, base: WhatIf, *, title: str, subtitle: str):
        """GMV's sensitivity to each factor of the edition's base (kinds.sensitivity)."""
        frame = pl.DataFrame(whatif.sensitivity(base, self.lang))
        return kinds.sensitivity(frame, title=title, subtitle=subtitle, lang=self.lang)
