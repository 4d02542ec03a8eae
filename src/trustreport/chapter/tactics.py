"""Tactics against outcomes: what Kuaishou did each year, what else happened, and what was measured, on one time
axis."""

from __future__ import annotations

import re
from datetime import date

import polars as pl

from .. import escape, words
from ..data.comparability import whole_year
from ..data.periods import parse_period
from ..errors import UserError
from ..languages import twin_column
from ..numbers import as_recorded, period_text, punctuated
from .each import in_each_language
from .figures import Figures
from .scorecard import Measure, series

KINDS = ("interpersonal", "institutional")
# The outcome measures drawn under the tactics: series published for more than one year (scorecard.series keeps
# each one comparable), by their name in each language.
OUTCOMES = [
    Measure("repurchase", "platform_gmv", "repurchase_rate", ("rate",)),
    # the livestream-selling series only: the all-sector appeals count the same way, and would otherwise be drawn
    Measure("appeals", "complaints", "appeals", ("count",), labels=("直播带货诉求",)),
    Measure("bans", "governance", "ban_actions", ("actions",)),
    Measure("gmv", "platform_gmv", "sales", ("gmv",), "快手"),
]


def outcome_name(m: Measure, lang: str = "en") -> str:
    """An outcome measure's name as the chart's row titles give it, in the language (words/chapters.yml)."""
    return words.word("chapters", "outcomes", m.key, lang)


def _day(text: str) -> tuple[date, str]:
    """A date as the tables write it, and how precise it is: a day, or only a month (drawn at its first day).
    The tables' date column takes any period, so anything else (a year, a quarter, a range) is refused here."""
    start, _ = parse_period(text)
    if start is None or not re.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?", text):
        raise UserError(f"date {text!r}: a tactic or event is dated by a day (2021-06-16) or a month (2021-06)")
    return start, "day" if len(text) == 10 else "month"


def _what(r: dict, table: str, key: str, lang: str) -> str:
    """What a tactic or event did, in the language: `what`, or its twin in another language (`what_zh`), which must
    not be empty."""
    column = twin_column("what", lang)
    if not r.get(column):
        name = words.language_name(lang)
        raise UserError(
            f"{table}, {r[key]}: {column} is empty, so the {name} edition cannot state what it did: add its {name} text"
        )
    return r[column]


def _mark(r: dict, lane: str, name: str, table: str, key: str, lang: str) -> dict:
    day, precision = _day(r["date"])
    return {
        "day": day,
        "lane": lane,
        "label_zh": r["label_zh"],
        "date": as_recorded(r["date"], lang),
        "what": _what(r, table, key, lang),
        "precision": precision,
        "source_id": r["source_id"],
        "name": punctuated(r[name], lang),
    }


@in_each_language
def marks(figures: Figures, tactics: pl.DataFrame, events: pl.DataFrame) -> pl.DataFrame:
    """Tactics and events as points on the time axis, in date order: `name`, `what` and `date` in the figures'
    language (2021-06-15 / 2021年6月15日), `lane` the kind (interpersonal | institutional | event) in every language."""
    lang = figures.lang
    said = words.of("chapters", "tactics", lang)
    rows = [
        _mark(r, r["trust_kind"], said["tactic_name"], "tactics.csv", "tactic_id", lang)
        for r in tactics.iter_rows(named=True)
    ]
    rows += [
        _mark(r, "event", said["event_name"], "events.csv", "event_id", lang) for r in events.iter_rows(named=True)
    ]
    return pl.DataFrame(rows).sort("day")


def _shown(frame: pl.DataFrame, column: str, lang: str) -> dict[str, str]:
    """Each row's name (`column`, in the language, as it punctuates) by its Chinese label (label_zh)."""
    return {k: punctuated(v, lang) for k, v in zip(frame["label_zh"], frame[column], strict=True)}


@in_each_language
def names(figures: Figures, tactics: pl.DataFrame, events: pl.DataFrame) -> dict[str, str]:
    """Each tactic's and event's name in the figures' language, by its Chinese label (label_zh)."""
    said = words.of("chapters", "tactics", figures.lang)
    return {
        **_shown(tactics, said["tactic_name"], figures.lang),
        **_shown(events, said["event_name"], figures.lang),
    }


def in_year(tactics: pl.DataFrame, year: int) -> dict[str, list[str]]:
    """The year's tactics by kind of trust, in date order."""
    frame = tactics.filter(pl.col("date").str.slice(0, 4) == str(year)).sort("date")
    return {kind: frame.filter(pl.col("trust_kind") == kind)["label_zh"].to_list() for kind in KINDS}


@in_each_language
def mix_table(figures: Figures, tactics: pl.DataFrame, years: list[int]) -> str:
    """A Markdown table: for each year, how many tactics of each kind were recorded, and which, in the figures'
    language."""
    said = words.of("chapters", "tactics", figures.lang)
    # The dashes give pandoc the columns' relative widths: the year narrow, the two kinds of trust half the rest each.
    lines = [
        f"| {said['year']} | {said['interpersonal']} | {said['institutional']} |",
        "|" + "-" * 10 + "|" + "-" * 45 + "|" + "-" * 45 + "|",
    ]
    shown = _shown(tactics, said["tactic_name"], figures.lang)
    for year in years:
        mix = {kind: [shown[n] for n in names] for kind, names in in_year(tactics, year).items()}
        cells = []
        for kind in KINDS:
            names = mix[kind]
            count = figures.count(len(names), f"{kind} tactics in {year}")
            cells.append(
                said["names"].format(count=count, names=said["separator"].join(escape.markdown(n) for n in names))
                if names
                else said["no_names"].format(count=count)
            )
        lines.append(f"| {said['row_year'].format(year=year)} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


@in_each_language
def outcome_points(figures: Figures) -> pl.DataFrame:
    """The outcome measures' yearly series (figures for whole years, one series per measure, comparable by
    construction), each point at the middle of the year it covers, with the year's first and last day for a band;
    the measure's name, the value's label and the period in the edition's language."""
    rows = []
    for order, m in enumerate(OUTCOMES):
        yearly = [group for first, group in series(figures, m) if whole_year(first) and first["status"] != "derived"]
        yearly += [group for first, group in series(figures, m) if whole_year(first) and first["status"] == "derived"]
        points: dict[str, dict] = {}
        for group in yearly:
            for r in sorted(group, key=lambda r: r["status"] != "reported"):  # a reported figure before its check
                points.setdefault(r["period"], r)
        if len(points) < 2:  # one point is no series
            continue
        chosen = list(points.values())
        figures.compared([r["figure_id"] for r in chosen], f"the outcome series '{outcome_name(m)}'")
        in_scale = figures.in_scale([r["figure_id"] for r in chosen])  # the series in one number style
        for r in chosen:
            start, end = r["period_start"], r["period_end"]
            rows.append(
                {
                    "order": order,
                    "measure": outcome_name(m, figures.lang),
                    "day": start + (end - start) / 2,
                    "start": start,
                    "end": end,
                    "value_base": r["value_base"],
                    "label": figures.label(r["figure_id"], in_scale=in_scale),
                    "status": r["status"],
                    "period": period_text(start, end, figures.lang),
                    "source_id": r["source_id"],
                    "figure_id": r["figure_id"],
                }
            )
    schema = {
        "order": pl.Int64,
        "measure": pl.String,
        "day": pl.Date,
        "start": pl.Date,
        "end": pl.Date,
        "value_base": pl.Float64,
        "label": pl.String,
        "status": pl.String,
        "period": pl.String,
        "source_id": pl.String,
        "figure_id": pl.String,
    }
    # the measures in OUTCOMES' order, the same in every language (not sorted by their names)
    return pl.DataFrame(rows, schema=schema).sort("order", "day").drop("order")


def exact_day(text: str) -> date | None:
    """The day a tactic began, when the record gives the day (not only the month)."""
    day, precision = _day(text)
    return day if precision == "day" else None
