"""The trust scorecard: Kuaishou-specific trust measures × years, comparable by construction.

A measure is picked from the tables by what its figures count (`counts`, data/comparability.py), its table's
`measure` values and its platform, not by figure id, so an edition with more data fills more cells. A measure's
figures are split into series: figures stand in one row only when they count the same thing over the same scope
and the same kind of period, so a row never sets a running total beside a year's value, orders beside users, or
one study's panel beside another's. A running total or a level at a date has its own "as of" cell, never a year's.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import numbers, words
from ..data.comparability import AS_OF, change_on, differences, whole_year
from .each import in_each_language
from .figures import Figures

YEARS = list(range(2019, 2025))
NOT_FOUND = "not found"  # a cell's status (status_of), in every language


@dataclass(frozen=True)
class Measure:
    """A Kuaishou-specific measure of trust: the figures of `table` that count `counts` as one of `measures`."""

    key: str  # its names' key in words/chapters.yml (`measures`, `measures_short`)
    table: str
    counts: str
    measures: tuple[str, ...]
    platform: str | None = None  # the figures must be about this platform (complaint sites count several)
    labels: tuple[str, ...] = ()  # when given, only figures with one of these labels (label_zh)

    def name(self, lang: str) -> str:
        return words.word("chapters", "measures", self.key, lang)

    def short(self, lang: str) -> str:
        """The measure inside a sentence: 'repurchase rate' / '复购率'."""
        return words.word("chapters", "measures_short", self.key, lang)

    def caveat(self, lang: str) -> str | None:
        """What a sentence giving the measure's values must also say ('a rate no source defines'), if anything."""
        return words.of("chapters", "measures_caveat", lang).get(self.key)


MEASURES = [
    Measure("repurchase", "platform_gmv", "repurchase_rate", ("rate",)),
    Measure("repurchase_rise", "platform_gmv", "repurchase_rate", ("growth",)),
    Measure("willingness", "platform_gmv", "order_willingness", ("growth",)),
    Measure("report_rate", "governance", "selling_report_rate", ("change",)),
    Measure("user_report_rate", "governance", "user_report_rate", ("change",)),
    Measure("posts_share", "complaints", "rights_posts", ("share",), "快手", ("直播维权舆情占比", "直播维权声量占比")),
    Measure("site_complaints", "complaints", "complaints", ("count",), "快手"),
    Measure("site_resolution", "complaints", "complaints", ("share",), "快手"),
    Measure("bans", "governance", "ban_actions", ("actions",)),
    Measure("penalties", "governance", "penalty_actions", ("penalties",)),
    Measure("campaign_penalties", "governance", "campaign_penalty_actions", ("penalties",)),
    Measure("listing_interceptions", "governance", "listing_interceptions", ("actions",)),
    Measure("counterfeit_interceptions", "governance", "counterfeit_interceptions", ("actions",)),
    Measure("orders_covered", "governance", "orders", ("count",)),
    Measure("users_covered", "governance", "users", ("people",)),
    Measure("money_paid_out", "governance", "money_paid_out", ("amount",), "快手电商"),
    Measure("money_spent", "governance", "money_spent", ("amount",)),
]


def _words(figures: Figures) -> dict:
    return words.of("chapters", "scorecard", figures.lang)


@in_each_language
def figures_of(figures: Figures, m: Measure) -> list[dict]:
    """The measure's figures, in file order."""
    rows = []
    for fid in figures.ids(m.table):
        row = figures.figure(fid)
        if row["counts"] != m.counts or row["measure"] not in m.measures:
            continue
        if m.platform and row.get("platform") != m.platform:
            continue
        if m.labels and row["label_zh"] not in m.labels:
            continue
        rows.append(row)
    return rows


@in_each_language
def series(figures: Figures, m: Measure) -> list[tuple[dict, list[dict]]]:
    """The measure's figures split into series: each figure joins the first series whose figures it may stand
    beside (data/comparability.py) and that carries its label, else starts one."""
    groups: list[list[dict]] = []
    for row in figures_of(figures, m):
        home = next((g for g in groups if not differences(g[0], row) and g[0]["label_zh"] == row["label_zh"]), None)
        if home is None:
            groups.append([row])
        else:
            home.append(row)
    return [(g[0], g) for g in groups]


def year_of(row: dict) -> int:
    return row["period_end"].year


def _stance(figures: Figures, rows: list[dict]) -> str:
    """Who stands behind a series' figures, in words: 'Kuaishou itself', or each kind of source once."""
    stances = words.of("chapters", "stances", figures.lang)
    kinds = dict.fromkeys(figures.stance(r["source_id"]) for r in rows)
    return stances["cell_separator"].join(stances[k] for k in kinds)


def _year_cell(figures: Figures, found: list[dict], in_scale: float = 0) -> str:
    said = _words(figures)
    if not found:
        return said["not_found"]
    first = found[0]
    growth = first["measure"] in ("growth", "change")
    text = figures.growth(first["figure_id"]) if growth else figures.text(first["figure_id"], in_scale=in_scale)
    if not whole_year(first):
        text += said["period"].format(period=figures.when(first["figure_id"]))
    if len(found) > 1:
        text += said["more"].format(more=len(found) - 1)
    return text


def _as_of_cell(figures: Figures, rows: list[dict]) -> str:
    """A series of running totals shows its latest (a total can only rise: earlier ones add nothing); levels at
    dates are listed, each with its date."""
    said = _words(figures)
    shown = rows[-1:] if rows[0]["period_kind"] == "cumulative" else rows
    values = figures.texts([r["figure_id"] for r in shown])
    return said["cell_separator"].join(
        said["as_of_cell"].format(value=value, period=figures.when(r["figure_id"]))
        for r, value in zip(shown, values, strict=True)
    )


@in_each_language
def rows(figures: Figures, years: list[int] = YEARS, as_of: bool = True) -> list[tuple[str, str, list[str], str]]:
    """The scorecard's rows: (name, who says so, a cell per year, the as-of cell). A measure with no figure in
    any year shown, nor any running total, still has its row, every cell "not found". Without `as_of`, running
    totals and levels at a date are left out, and so is any row with no figure in the years shown."""
    said = _words(figures)
    out = []
    for m in MEASURES:
        found = series(figures, m)
        if not found:
            out.append((m.name(figures.lang), "", [said["not_found"]] * len(years), ""))
            continue
        notes = _series_notes(figures, [first for first, _ in found], m.short("zh"))
        for (first, group), note in zip(found, notes, strict=True):
            figures.compared([r["figure_id"] for r in group], f"the scorecard's row '{m.name('en')}'")
            name = m.name(figures.lang)
            if note:
                name = numbers.with_note(name, note, figures.lang)
            if first["period_kind"] in AS_OF:
                if not as_of:
                    continue
                cells, level = [said["no_year"]] * len(years), _as_of_cell(figures, group)
            else:
                # a row is a series: its years in one number style
                in_scale = figures.in_scale([r["figure_id"] for r in group if year_of(r) in years])
                cells = [_year_cell(figures, [r for r in group if year_of(r) == y], in_scale) for y in years]
                level = ""
            if all(c in (said["not_found"], said["no_year"]) for c in cells) and not level:
                continue
            out.append((name, _stance(figures, group), cells, level))
    return out


def _series_notes(figures: Figures, firsts: list[dict], term: str) -> list[str]:
    """What tells each of a measure's series from the others (none when it has one): the kind of period, and when
    two share it, the body that counted or the series' own label; also the label of a series whose source names it
    otherwise than the measure's Chinese term (`term`)."""
    if len(firsts) < 2:
        return [""]
    kinds = words.of("chapters", "series_periods", figures.lang)
    labels = words.of("data", "series_labels", figures.lang)  # the source's label, with English beside it in English
    notes = []
    for first in firsts:
        note = kinds[first["period_kind"]]
        shared = sum(f["period_kind"] == first["period_kind"] for f in firsts) > 1
        # a series whose source names it apart ("平均月复购率", an average of monthly rates: not a rate over its
        # half-year, nor the measure's plain 复购率) carries that name too, when the catalogue knows it
        named = first["table"] != "complaints" and first["label_zh"] in labels and first["label_zh"] != term
        if shared or named:
            who = first["channel"].split(" (")[0] if first["table"] == "complaints" else first["label_zh"]
            note += _words(figures)["note_separator"] + labels.get(who, who)
        notes.append(note)
    return notes


@in_each_language
def table(figures: Figures, years: list[int] = YEARS, as_of: bool = True, cards: bool = False) -> str:
    """The scorecard as a Markdown table: a series per row, a year per column, then (with `as_of`) the running
    totals or levels at a date, and who stands behind the figures. `cards`: on a phone each row reads as a card, its
    cells named (a table of few columns, as the summary's); the full scorecard scrolls sideways instead."""
    said = _words(figures)
    found = rows(figures, years, as_of)
    with_as_of = any(level for *_, level in found)
    header = [said["measure"]] + [said["year"].format(year=y) for y in years]
    header += [said["as_of"]] if with_as_of else []
    header += [said["who"]]
    # The dashes give pandoc the columns' relative widths: the measure's name gets the most room. (The PDF's page is
    # narrow: wider, its year cells would break a period such as "(January to June 2023)" over three lines. The
    # site's measure column keeps more room by its stylesheet.)
    widths = ["-" * 12] + ["------"] * len(years) + (["-" * 8] if with_as_of else []) + ["-" * 6]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(widths) + "|"]
    for name, who, cells, level in found:
        lines.append("| " + " | ".join([name, *cells, *([level] if with_as_of else []), who]) + " |")
    markdown = "\n".join(lines) + "\n"
    return "::: {.tr-cards}\n" + markdown + ":::\n" if cards else markdown


@in_each_language
def comparison(figures: Figures, m: Measure, before: int, after: int) -> tuple[str | None, str] | None:
    """The figures that let `before` and `after` be compared on this measure, or None: (before, after) ids of one
    series with a value in both years, or (None, change) for a change figure of `after` stated against `before`."""
    for first, group in series(figures, m):
        if first["period_kind"] in AS_OF:
            continue
        for row in group:
            if year_of(row) == after and row["measure"] in ("change", "growth") and change_on(row, before):
                return None, row["figure_id"]
        if m.measures[0] in ("change", "growth"):
            continue
        earlier = [r for r in group if year_of(r) == before]
        later = [r for r in group if year_of(r) == after]
        if earlier and later:
            figures.compared([earlier[0]["figure_id"], later[0]["figure_id"]], f"'{m.name('en')}' in two years")
            return earlier[0]["figure_id"], later[0]["figure_id"]
    return None


@in_each_language
def status_of(figures: Figures, fid: str | None) -> str:
    if fid is None:
        return NOT_FOUND
    row = figures.figure(fid)
    return "announced" if row.get("announced") == "announced" else row["status"]


@in_each_language
def comparable(figures: Figures, before: int, after: int) -> list[tuple[Measure, tuple[str | None, str]]]:
    """The measures that can be compared between two years, each with the figures that allow it."""
    found = [(m, comparison(figures, m, before, after)) for m in MEASURES]
    return [(m, ids) for m, ids in found if ids]


@in_each_language
def comparable_sentence(figures: Figures, before: int, after: int) -> str:
    """How many measures the record lets a reader compare across the two years, and which."""
    said = _words(figures)
    pairs = comparable(figures, before, after)
    count = said["count"].format(
        count=figures.count(len(pairs), f"measures comparable between {before} and {after}"),
        total=figures.count(len(MEASURES), "scorecard measures"),
    )
    if not pairs:
        return said["none"].format(count=count, before=before, after=after)

    def values(pair: tuple[str | None, str]) -> str:
        first, second = pair
        if first is None:
            return said["change"].format(change=figures.growth(second), before=before)
        first_text, second_text = figures.pair(first, second)
        return said["pair"].format(first=first_text, second=second_text, before=before, after=after)

    def item(measure: Measure, ids: tuple[str | None, str]) -> str:
        caveat = measure.caveat(figures.lang)
        template = said["item_caveat" if caveat else "item"]
        return template.format(name=measure.short(figures.lang), values=values(ids), caveat=caveat)

    which = said["separator"].join(item(m, ids) for m, ids in pairs)
    return said["some"].format(count=count, before=before, after=after, which=which)


@in_each_language
def own_word_sentence(figures: Figures) -> str:
    """How many of the measures rest only on Kuaishou's own statements (every source of their figures)."""
    found = [[r for _, g in series(figures, m) for r in g] for m in MEASURES]
    with_figures = [rows for rows in found if rows]
    own = [rows for rows in with_figures if all(figures.stance(r["source_id"]) == "company" for r in rows)]
    return _words(figures)["own"].format(
        count=figures.count(len(own), "scorecard measures resting only on Kuaishou's statements"),
        total=figures.count(len(with_figures), "scorecard measures with a published figure"),
    )
