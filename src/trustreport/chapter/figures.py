"""Figures in sentences: every number the prose states, in the edition's language, each phrase ledgered.

A figure that is not in the data reads "not reported", never zero and never a guess. Each phrase handed out is
kept in the chapter's ledger (trustreport/ledger.py), which leaves the chapter with its output, so a test can
make every number a chapter states again from the data. Looking figures up is `FigureRows`' job (figure_rows.py),
which these phrases build on.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any, cast

import polars as pl

from .. import escape, numbers, words
from ..data.comparability import NotComparable
from ..data.schemas import TABLES
from ..data.units import UNITS
from ..errors import UserError
from ..languages import twin_column
from ..ledger import Entry, Ledger
from .figure_rows import FigureRows

DATED = ("date", "published")  # the text columns holding a date, stated as the language writes dates


class Figures(FigureRows):
    """The declared tables' figures (looked up as `FigureRows` does) and every phrase made of them, in `lang`."""

    def __init__(
        self, tables: dict[str, pl.DataFrame], lang: str = "en", table_of: Callable[[str], str | None] | None = None
    ):
        super().__init__(tables, table_of)
        self.lang = lang  # the edition's language: every phrase handed out is in it
        self.not_reported = numbers.not_reported(lang)
        self.ledger = Ledger()

    def in_language(self, lang: str) -> Figures:
        """The same figures stated in another language, with a ledger of their own: a chapter run in several
        languages looks its figures up once (the rows and the ids found absent are shared)."""
        other = copy.copy(self)
        other.lang, other.not_reported, other.ledger = lang, numbers.not_reported(lang), Ledger()
        return other

    def text(self, figure_id: str | None, decimals: int = 2, in_scale: float = 0) -> str:
        """The figure as a phrase: qualifier, number in base units, and its status if not reported (`in_scale`: as a
        figure of a series that writes scale words, `Figures.in_scale`)."""
        row = self.row(figure_id) if figure_id else None
        phrase = (
            self.not_reported if row is None else self.label(figure_id, decimals, in_scale) + self._mark(row["status"])
        )
        return self.ledger.figure(figure_id, decimals, phrase, in_scale)

    def label(self, figure_id: str | None, decimals: int = 2, in_scale: float = 0) -> str:
        """A figure as a chart labels it (qualifier and number, no status mark); "not reported" when missing."""
        row = self.row(figure_id) if figure_id else None
        if row is None:
            return self.not_reported
        return numbers.figure(row["value_base"], row["unit"], row["qualifier"], decimals, self.lang, in_scale)

    def in_scale(self, figure_ids, decimals: int = 2) -> float:
        """The scale word figures shown together (a series' years, a chart's labels, a sentence) are each written in,
        or 0 for none: one number style, never 36760件 beside 10.27万件 (numbers.series_scaled)."""
        rows = [self.row(f) for f in figure_ids if f]
        return numbers.series_scaled(
            [(r["value_base"], UNITS[r["unit"]].base) for r in rows if r is not None], decimals, self.lang
        )

    def texts(self, figure_ids: list[str | None], decimals: int = 2) -> list[str]:
        """Figures stated together, as phrases in one number style (`text`, `in_scale`)."""
        together = self.in_scale(figure_ids, decimals)
        return [self.text(f, decimals, together) for f in figure_ids]

    def _mark(self, status: str) -> str:
        return numbers.status_mark(status, self.lang)

    def pair(self, before: str | None, after: str | None, decimals: int = 2) -> tuple[str, str]:
        """Two figures of one series as phrases, for "from X in 2020 to Y in 2021": refused unless comparable."""
        self.compared([before, after], "a change from one to the other")
        first, second = self.texts([before, after], decimals)
        return first, second

    def change(self, before: str | None, after: str | None, verb: bool = False) -> str:
        """The change from one figure of a series to a later one, in percent: a derived phrase ('up 78.4%
        (derived)', with `verb` 'rose 78.4% (derived)'); refused unless the two are comparable, "not reported"
        if either is missing. The figures' qualifiers carry over ("more than" 27.6万 against 21万: more than +31%)."""
        self.compared([before, after], "a change from one to the other")
        a, b = self.row(before) if before else None, self.row(after) if after else None
        if a is None or b is None or not a["value_base"]:
            phrase = self.not_reported
        else:
            before_value, after_value = self.exact(a["figure_id"]), self.exact(b["figure_id"])
            pct = (after_value - before_value) / abs(before_value) * 100
            qualifier = numbers.change_qualifier(a["qualifier"], b["qualifier"])
            phrase = numbers.growth(pct, self.lang, verb, qualifier) + self._mark("derived")
        return self.ledger.change(after, before, verb, phrase)

    def per_unit_growth(self, numerator: str, denominator: str, verb: bool = False) -> str:
        """How a count per unit of something else changed, from the growth of each over the same period: complaints
        per yuan of sales from complaints' growth and sales' growth ((1 + a) / (1 + b) - 1, a derived phrase).
        Refused unless both are growth figures of one period, kind of period and sector."""
        a, b = self.row(numerator), self.row(denominator)
        if a is None or b is None:
            phrase = self.not_reported
        else:
            for key in ("measure", "period", "period_kind", "sector"):
                if a[key] != b[key] or a["measure"] not in ("growth", "change"):
                    raise NotComparable(
                        f"{numerator} per unit of {denominator}: both must be growth figures of one period, kind of "
                        f"period and sector ({key}: {a[key]} against {b[key]})"
                    )
            pct = ((1 + a["value_base"] / 100) / (1 + b["value_base"] / 100) - 1) * 100
            qualifier = "about" if a["qualifier"] or b["qualifier"] else None
            phrase = numbers.growth(pct, self.lang, verb, qualifier) + self._mark("derived")
        return self.ledger.per_unit(numerator, denominator, verb, phrase)

    def growth(self, figure_id: str | None, verb: bool = False) -> str:
        """A growth or change figure as words, not a signed number: 'down 21.84%' / '下降21.84%' (with `verb`,
        'fell 21.84%'); its qualifier and status mark as `text` gives them."""
        row = self.row(figure_id) if figure_id else None
        if row is None:
            phrase = self.not_reported
        else:
            if row["base"] != "pct" or row["measure"] not in ("growth", "change"):
                raise ValueError(f"{figure_id} is not a growth or change figure")
            phrase = numbers.growth(row["value_base"], self.lang, verb, row["qualifier"]) + self._mark(row["status"])
        return self.ledger.growth(figure_id, verb, phrase)

    def ratio(self, numerator: str, denominator: str, digits: int = 1) -> str:
        """How many times one figure is another: '9.3'; not reported if either is missing; refused unless the two
        count the same thing over the same scope and kind of period."""
        self.compared([numerator, denominator], "a ratio")
        a, b = self.value(numerator), self.value(denominator)
        phrase = self.not_reported if a is None or b in (None, 0) else f"{a / b:.{digits}f}"
        return self.ledger.ratio(numerator, denominator, digits, phrase)

    def when(self, figure_id: str | None) -> str:
        """The period a figure covers, in words."""
        row = self.row(figure_id) if figure_id else None
        phrase = (
            self.not_reported if row is None else numbers.period_text(row["period_start"], row["period_end"], self.lang)
        )
        return self.ledger.period(figure_id, phrase)

    def count(self, n: int, about: str) -> str:
        """A number the chapter counted from the data (measures, tactics): ledgered with what it counts."""
        return self.ledger.counted(about, f"{n:,}")

    def fact(self, table: str, key: str, column: str) -> str:
        """A text cell of a declared table (a tactic's date, an event's description) as Markdown-safe text; the
        ledger keeps it as written, so the numbers inside it are known to come from the data. In another language
        than the tables' a column with a twin in it (`what` → `what_zh`) is read from the twin, which must not be
        empty."""
        column = self._in_language(table, key, column)
        return escape.markdown(self.ledger.fact(table, key, column, self._fact_text(table, key, column)))

    def _fact_text(self, table: str, key: str, column: str) -> str:
        text = self.cell(table, key, column)
        return numbers.date_text(text, self.lang) if column in DATED else text

    def _in_language(self, table: str, key: str, column: str) -> str:
        twin = twin_column(column, self.lang)
        if twin == column or twin not in self.tables.get(table, pl.DataFrame()).columns:
            return column
        if not self.cell(table, key, twin):
            name = words.language_name(self.lang)
            raise UserError(
                f"{TABLES[table][1]}, {key}: {twin} is empty, so the {name} edition cannot state its {column}: "
                f"add its {name} text"
            )
        return twin

    def recompute(self, entry: Entry | dict) -> str:
        """A ledger entry's phrase, made again from the data (what the tests compare against)."""
        e = cast(dict[str, Any], entry)
        kind = e["kind"]
        if kind == "figure":
            return self.text(e["figure_id"], e["decimals"], e.get("in_scale", False))
        if kind == "ratio":
            return self.ratio(e["figure_id"], e["of"], e["digits"])
        if kind == "change":
            return self.change(e["of"], e["figure_id"], e["verb"])
        if kind == "growth":
            return self.growth(e["figure_id"], e["verb"])
        if kind == "per_unit":
            return self.per_unit_growth(e["figure_id"], e["of"], e["verb"])
        if kind == "count":
            return e["text"]  # counted by the chapter's code: the tests check such counts against expected values
        if kind == "fact":
            return self._fact_text(e["table"], e["key"], e["column"])
        return self.when(e["figure_id"])
