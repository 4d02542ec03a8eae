"""Figures in sentences: every number the prose states is looked up, formatted and cited here.

A figure that is not in the data reads "not reported", never zero and never a guess. Each phrase handed out is
kept in a ledger that leaves the chapter with its output (build/<edition>/ledger/<chapter>.json), so a test can
recompute every number a chapter states. A chapter's Figures hold only the tables it declared.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

import polars as pl

from .. import escape, numbers
from ..data.comparability import NotComparable, require_comparable
from ..data.schemas import TABLES, FigureTable
from ..data.units import UNITS
from ..errors import UserError
from ..numbers import axis_column, axis_scale, axis_unit, period_text, status_mark


class Figures:
    """Every figure of every table, by id, with its sources; each phrase handed out is ledgered."""

    def __init__(self, tables: dict[str, pl.DataFrame], lang: str = "en"):
        self.tables = tables
        self.lang = lang  # the edition's language: every phrase handed out is in it
        self.not_reported = numbers.not_reported(lang)
        self.sources = tables["sources"]
        self._rows: dict[str, dict] = {}
        for name, frame in tables.items():
            schema = TABLES[name][0]
            if issubclass(schema, FigureTable):
                for row in frame.iter_rows(named=True):
                    self._rows[row["figure_id"]] = {**row, "table": name, "base": UNITS[row["unit"]].base}
        self.ledger: list[dict] = []
        self._stance = dict(zip(self.sources["id"], self.sources["stance"], strict=True))

    def ids(self, table: str) -> list[str]:
        """The figure ids of a declared table, in file order."""
        self._declared(table)
        return [fid for fid, row in self._rows.items() if row["table"] == table]

    def _declared(self, table: str) -> None:
        if table not in self.tables:
            raise UserError(
                f"table '{table}' is not among the tables this chapter declared ({', '.join(self.tables)}): "
                "add it to the notebook's metadata, trustreport.reads"
            )

    def fact(self, table: str, key: str, column: str) -> str:
        """A text cell of a declared table (a tactic's date, an event's description) as Markdown-safe text; the
        ledger keeps it as written, so the numbers inside it are known to come from the data. In the 中文 edition
        a column with a Chinese twin (`what` → `what_zh`) is read from the twin, which must not be empty."""
        column = self._in_language(table, key, column)
        text = self._fact_text(table, key, column)
        self.ledger.append(
            {"kind": "fact", "figure_id": None, "table": table, "key": key, "column": column, "text": text}
        )
        return escape.markdown(text)

    def _fact_text(self, table: str, key: str, column: str) -> str:
        text = self._cell(table, key, column)
        dated = column in ("date", "published")
        return numbers.date_text(text, self.lang) if dated else text  # dates as the language writes them

    def _in_language(self, table: str, key: str, column: str) -> str:
        twin = f"{column}_zh"
        if self.lang != "zh" or twin not in self.tables.get(table, pl.DataFrame()).columns:
            return column
        if not self._cell(table, key, twin):
            raise UserError(
                f"{TABLES[table][1]}, {key}: {twin} is empty, so the 中文 edition cannot state its {column}: "
                f"add its Chinese text"
            )
        return twin

    def _cell(self, table: str, key: str, column: str) -> str:
        self._declared(table)
        frame = self.tables[table]
        id_column = frame.columns[1]  # after source_line: the table's id
        rows = frame.filter(frame[id_column] == key)
        return "" if rows.is_empty() or rows[column][0] is None else str(rows[column][0])

    def count(self, n: int, about: str) -> str:
        """A number the chapter counted from the data (measures, tactics): ledgered with what it counts."""
        self.ledger.append({"kind": "count", "figure_id": None, "about": about, "text": f"{n:,}"})
        return f"{n:,}"

    def row(self, figure_id: str) -> dict | None:
        return self._rows.get(figure_id)

    def figure(self, figure_id: str) -> dict:
        """The row of a figure known to be in the data (one of `ids`); KeyError for any other."""
        return self._rows[figure_id]

    def value(self, figure_id: str | None) -> float | None:
        """The figure in base units, or None when it is not in the data."""
        row = self.row(figure_id) if figure_id else None
        return None if row is None else row["value_base"]

    def text(self, figure_id: str | None, decimals: int = 2) -> str:
        """The figure as a phrase: qualifier, number in base units, and its status if not reported."""
        row = self.row(figure_id) if figure_id else None
        phrase = (
            self.not_reported if row is None else self._number(row, decimals) + status_mark(row["status"], self.lang)
        )
        self.ledger.append({"kind": "figure", "figure_id": figure_id, "decimals": decimals, "text": phrase})
        return phrase

    def compared(self, figure_ids: list[str | None], how: str) -> list[str | None]:
        """The figures, once every one present is known to count the same thing as the first, over the same scope
        and kind of period; otherwise a build error naming the two that differ and how (data/comparability.py).
        Every comparison the report states goes through here: a change, a ratio, a series, a scorecard row."""
        present = [f for f in figure_ids if f and f in self._rows]
        for other in present[1:]:
            require_comparable(self._rows[present[0]], self._rows[other], how)
        return figure_ids

    def pair(self, before: str | None, after: str | None, decimals: int = 2) -> tuple[str, str]:
        """Two figures of one series as phrases, for "from X in 2020 to Y in 2021": refused unless comparable."""
        self.compared([before, after], "a change from one to the other")
        return self.text(before, decimals), self.text(after, decimals)

    def change(self, before: str | None, after: str | None, verb: bool = False) -> str:
        """The change from one figure of a series to a later one, in percent: a derived phrase ('up 78.4%
        (derived)', with `verb` 'rose 78.4% (derived)'); refused unless the two are comparable, "not reported"
        if either is missing. The figures' qualifiers carry over ("more than" 27.6万 against 21万: more than +31%)."""
        self.compared([before, after], "a change from one to the other")
        a, b = self.row(before) if before else None, self.row(after) if after else None
        if a is None or b is None or not a["value_base"]:
            phrase = self.not_reported
        else:
            pct = (b["value_base"] - a["value_base"]) / abs(a["value_base"]) * 100
            qualifier = numbers.change_qualifier(a["qualifier"], b["qualifier"])
            phrase = numbers.growth(pct, self.lang, verb, qualifier) + status_mark("derived", self.lang)
        self.ledger.append({"kind": "change", "figure_id": after, "of": before, "verb": verb, "text": phrase})
        return phrase

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
            phrase = numbers.growth(pct, self.lang, verb, qualifier) + status_mark("derived", self.lang)
        self.ledger.append(
            {"kind": "per_unit", "figure_id": numerator, "of": denominator, "verb": verb, "text": phrase}
        )
        return phrase

    def growth(self, figure_id: str | None, verb: bool = False) -> str:
        """A growth or change figure as words, not a signed number: 'down 21.84%' / '下降21.84%' (with `verb`,
        'fell 21.84%'); its qualifier and status mark as `text` gives them."""
        row = self.row(figure_id) if figure_id else None
        if row is None:
            phrase = self.not_reported
        else:
            if row["base"] != "pct" or row["measure"] not in ("growth", "change"):
                raise ValueError(f"{figure_id} is not a growth or change figure")
            words = numbers.growth(row["value_base"], self.lang, verb, row["qualifier"])
            phrase = words + status_mark(row["status"], self.lang)
        self.ledger.append({"kind": "growth", "figure_id": figure_id, "verb": verb, "text": phrase})
        return phrase

    def ratio(self, numerator: str, denominator: str, digits: int = 1) -> str:
        """How many times one figure is another: '9.3'; not reported if either is missing; refused unless the two
        count the same thing over the same scope and kind of period."""
        self.compared([numerator, denominator], "a ratio")
        a, b = self.value(numerator), self.value(denominator)
        phrase = self.not_reported if a is None or b in (None, 0) else f"{a / b:.{digits}f}"
        self.ledger.append(
            {"kind": "ratio", "figure_id": numerator, "of": denominator, "digits": digits, "text": phrase}
        )
        return phrase

    def when(self, figure_id: str | None) -> str:
        """The period a figure covers, in words."""
        row = self.row(figure_id) if figure_id else None
        phrase = self.not_reported if row is None else period_text(row["period_start"], row["period_end"], self.lang)
        self.ledger.append({"kind": "period", "figure_id": figure_id, "text": phrase})
        return phrase

    def find(self, table: str, year: int | None = None, whole_year: bool = False, **equals) -> str | None:
        """The first figure (in file order) of `table` matching every column value given, and covering `year`: the
        figure's period lies in that year (or is the whole year, with `whole_year`), or its `year` column says so."""
        self._declared(table)
        for fid, row in self._rows.items():
            if row["table"] != table or any(row.get(k) != v for k, v in equals.items()):
                continue
            if year is not None:
                if "year" in row and row["year"] is not None:
                    if row["year"] != year:
                        continue
                elif whole_year:
                    if row["period"] != str(year):
                        continue
                elif row["period_start"] is None or not (row["period_start"].year == row["period_end"].year == year):
                    continue
            return fid
        return None

    def label(self, figure_id: str | None) -> str:
        """A figure as a chart labels it (qualifier and number, no status mark); "not reported" when missing."""
        row = self.row(figure_id) if figure_id else None
        if row is None:
            return self.not_reported
        return self._number(row)

    def _number(self, row: dict, decimals: int = 2) -> str:
        """A figure's qualifier and number, in the edition's language."""
        return numbers.figure(row["value_base"], row["unit"], row["qualifier"], decimals, self.lang)

    def frame(self, figure_ids: list[str | None], extra: Sequence[str] = ()) -> pl.DataFrame:
        """The rows of the given figures (missing ones skipped) for a chart: value in base units, status, source,
        a `label` as the prose would say it, and any `extra` columns of their table."""
        rows = [self._rows[f] for f in figure_ids if f and f in self._rows]
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
                    "label": self.label(r["figure_id"]),
                    **{c: None if r.get(c) is None else str(r[c]) for c in extra},
                }
                for r in rows
            ],
            schema=columns,
        )

    def stance(self, source_id: str) -> str:
        """Who stands behind a source's figures (sources.csv `stance`): company, regulator, consumers_association,
        third_party or press."""
        return self._stance[source_id]

    def source_ids(self, figure_ids) -> list[str]:
        return list(dict.fromkeys(self._rows[f]["source_id"] for f in figure_ids if f and f in self._rows))

    def cite(self, figure_ids) -> list[str]:
        """Source lines for the given figures, each source once, in order of first use."""
        return [source_line(self.sources, sid, self.lang) for sid in self.source_ids(figure_ids)]

    def source_names(self) -> dict[str, str]:
        """Each source's short name, as a tooltip shows it: publisher and date."""
        separator = "，" if self.lang == "zh" else ", "
        return {
            r["id"]: f"{publisher(r, self.lang)}{separator}{published(r, self.lang)}"
            for r in self.sources.iter_rows(named=True)
        }

    def cite_sources(self, source_ids) -> list[str]:
        """Source lines for source ids (tactics and other rows that are not figures), each once."""
        return [source_line(self.sources, sid, self.lang) for sid in dict.fromkeys(source_ids)]

    def published(self) -> dict[str, dict]:
        """Every figure as the site publishes it in figures.json (and the next version compares against)."""
        keep = (
            "table",
            "label_zh",
            "metric",
            "period",
            "value",
            "unit",
            "qualifier",
            "status",
            "source_id",
            "value_base",
        )
        return {fid: {k: row[k] for k in keep} for fid, row in sorted(self._rows.items())}

    def recompute(self, entry: dict) -> str:
        """A ledger entry's phrase, made again from the data (what the tests compare against)."""
        if entry["kind"] == "figure":
            return self.text(entry["figure_id"], entry["decimals"])
        if entry["kind"] == "ratio":
            return self.ratio(entry["figure_id"], entry["of"], entry["digits"])
        if entry["kind"] == "change":
            return self.change(entry["of"], entry["figure_id"], entry["verb"])
        if entry["kind"] == "growth":
            return self.growth(entry["figure_id"], entry["verb"])
        if entry["kind"] == "per_unit":
            return self.per_unit_growth(entry["figure_id"], entry["of"], entry["verb"])
        if entry["kind"] == "count":
            return entry["text"]  # counted by the chapter's code: the tests check such counts against expected values
        if entry["kind"] == "fact":
            return self._fact_text(entry["table"], entry["key"], entry["column"])
        return self.when(entry["figure_id"])

    def scaled(self, frame: pl.DataFrame, name: str, base: str) -> tuple[pl.DataFrame, str, str]:
        """`frame`'s base-unit values in the scale its axis reads (see `scaled`): frame, column, unit."""
        return scaled(frame, name, base)


def scaled(frame: pl.DataFrame, name: str, base: str, column: str = "value_base") -> tuple[pl.DataFrame, str, str]:
    """The frame with `column` (base units) in the scale an axis reads, as a column whose name carries the unit
    (gmv_rmb_billion, appeals_thousands), that column's name, and the unit for the axis title ("RMB billion")."""
    divisor, word = axis_scale(cast(float, frame[column].abs().max() or 0))  # a numeric column's largest
    unit = axis_unit(base, word)
    out = axis_column(name, base, word, unit)
    return frame.with_columns((pl.col(column) / divisor).alias(out)), out, unit


# Who stands behind a source's figures (sources.csv `stance`), as a source line says it.
STANCE_IN = {
    "en": {
        "company": "the company's own figures",
        "regulator": "a regulator's figures",
        "government": "government statistics",
        "consumers_association": "a consumers' association's figures",
        "third_party": "an independent third party's figures",
        "press": "the press's own reporting",
    },
    "zh": {
        "company": "企业自己的数字",
        "regulator": "监管部门的数字",
        "government": "政府统计数字",
        "consumers_association": "消费者协会的数字",
        "third_party": "独立第三方的数字",
        "press": "媒体自己的报道",
    },
}


def stance_text(row: dict, lang: str = "en") -> str:
    """Who stands behind a source's figures, in words: "the company's own figures" / "企业自己的数字"."""
    return STANCE_IN[lang][row["stance"]]


def source_line(sources: pl.DataFrame, source_id: str, lang: str = "en") -> str:
    """A source as the report cites it, in Markdown, its title linked to its address: every part of it is data,
    so every part is escaped (and only an http(s) address becomes a link). The 中文 edition cites the publisher
    as `publisher_zh` gives it and writes the date the Chinese way; the title stays as published."""
    row = sources.filter(pl.col("id") == source_id).row(0, named=True)
    separator = "，" if lang == "zh" else ", "
    line = separator.join(
        [escape.markdown(publisher(row, lang)), linked_title(row), escape.markdown(published(row, lang))]
    )
    return line + (f"（{stance_text(row, lang)}）" if lang == "zh" else f" ({stance_text(row, lang)})")


def published(row: dict, lang: str = "en") -> str:
    """A source's date: as recorded (2021-06-14) in English, 2021年6月14日 in Chinese."""
    return row["published"] if lang == "en" else numbers.date_text(row["published"], lang)


def publisher(row: dict, lang: str = "en") -> str:
    """A source's publisher as the edition's language cites it."""
    return (row.get("publisher_zh") or row["publisher"]) if lang == "zh" else row["publisher"]


def linked_title(source: dict) -> str:
    """A source's title in quotes, as Markdown, linked to its address when that is an http(s) address."""
    return escape.markdown_link(f"“{escape.markdown(source['title'])}”", source["address"])
