"""What changed between an edition's two years, in the measures that can be compared: the summary's lead.

Each series names the figures of one thing counted one way (`Series`); for two years it gives the figure of each
year, when both are whole-year figures of the series, and the change: the one the source published when there is
one, else the change between the two figures (derived). `Figures.compared` refuses any pair that does not count
the same thing over the same scope and kind of period, so nothing here can set unlike figures side by side.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from .. import numbers, words
from ..data.comparability import change_on, whole_year
from .each import in_each_language
from .figures import Figures


@dataclass(frozen=True)
class Series:
    """The figures of `table` that match every column value in `equals`, one per year."""

    key: str  # its name's key in words/chapters.yml `series`
    table: str
    equals: dict = field(default_factory=dict)
    # a count of complaints by the market regulators or the consumers' associations, the counts the headline reads;
    # a complaint site's count (电诉宝), however wide, is not one of them, and the summary names it apart
    official: bool = False
    # the same thing counted on a basis the sources do not reconcile with this series' (the 12315 platform's 2020
    # release): a year with no figure of the series but one of these says so, never "none found"
    other_basis: dict = field(default_factory=dict)

    def name(self, lang: str) -> str:
        return words.word("chapters", "series", self.key, lang)


SERIES = [
    Series("appeals", "complaints", {"counts": "appeals", "scope": "all_channels", "sector": "all_sectors"}, True),
    Series(
        "complaints", "complaints", {"counts": "complaints", "scope": "all_channels", "sector": "all_sectors"}, True
    ),
    # reports of wrongdoing (举报) counted alone: part of the appeals above, and the one of the regulators' full-year
    # totals that fell in 2021, so a headline over the others can never read as "every count rose"
    Series("reports", "complaints", {"counts": "reports", "scope": "all_channels", "sector": "all_sectors"}, True),
    Series(
        "online",
        "complaints",
        # the 2021 release's own count, whose stated growth is the only comparison: its 2020 counterpart was counted
        # on a narrower basis (the 2020 release), so the two are never one series
        {
            "counts": "complaints_and_reports",
            "sector": "online_shopping",
            "channel": "全国12315平台 (2021年发布的口径)",
        },
        True,
        {
            "counts": "complaints_and_reports",
            "sector": "online_shopping",
            "channel": "全国12315平台 (2020年发布的口径)",
        },
    ),
    Series("cca", "complaints", {"counts": "complaints", "channel": "中国消费者协会", "measure": "count"}, True),
    Series(
        "live_selling",
        "complaints",
        {"counts": "appeals", "sector": "livestream_selling", "scope": "all_channels"},
        True,
    ),
    # the 12315 platform's own: the only 2020 change on 2019 (+357.74%), which is never the all-channel count's
    Series(
        "live_selling_12315",
        "complaints",
        {"counts": "appeals", "sector": "livestream_selling", "scope": "platform_12315"},
        True,
    ),
    Series("beijing", "complaints", {"counts": "complaints", "channel": "北京市消协 96315"}),
    Series("dsb", "complaints", {"counts": "complaints", "channel": "电诉宝"}),
    Series("gmv", "platform_gmv", {"counts": "sales", "platform": "快手", "label_zh": "电商GMV"}),
    Series("retail", "platform_gmv", {"counts": "sales", "scope": "official_statistics"}),
    Series("report_rate", "governance", {"counts": "selling_report_rate"}),
    Series("jd_618", "festival_gmv", {"counts": "sales", "platform": "京东", "event": "618"}),
    Series("gala", "gala", {"counts": "viewers"}),
    Series("festival_day", "festival_gmv", {"counts": "sales", "event": "快手616", "covers": "day"}),
]


@dataclass(frozen=True)
class Change:
    """A series over two years: the figure of each (None when not found) and the published change, if any."""

    series: Series
    before: str | None
    after: str | None
    growth: str | None  # a growth figure of the later year stated against the earlier one
    # for a year with no figure of the series, its figure on another basis (Series.other_basis), where there is one
    elsewhere: dict[int, str] = field(default_factory=dict)

    @property
    def comparable(self) -> bool:
        return self.growth is not None or (self.before is not None and self.after is not None)


def _of_year(figures: Figures, s: Series, year: int, equals: dict | None = None) -> str | None:
    """The series' figure for the whole year (or for the festival day or gala of that year); with `equals`, the
    figure that matches those values instead of the series' own."""
    equals = s.equals if equals is None else equals
    for fid in figures.ids(s.table):
        row = figures.figure(fid)
        if row["measure"] in ("growth", "change", "share") or any(row.get(k) != v for k, v in equals.items()):
            continue
        if (
            row["period_kind"] in ("year", "day", "event")
            and row["period_end"].year == year
            and row["status"] != "derived"
        ):
            return fid
    for fid in figures.ids(s.table):  # a derived figure only where no reported one exists
        row = figures.figure(fid)
        if row["measure"] in ("growth", "change", "share") or any(row.get(k) != v for k, v in equals.items()):
            continue
        if whole_year(row) and row["period_end"].year == year:
            return fid
    return None


def _growth(figures: Figures, s: Series, before: int, after: int) -> str | None:
    for fid in figures.ids(s.table):
        row = figures.figure(fid)
        # a growth figure carries its own label (电商GMV同比增长) and measure (growth, not count): it is matched on
        # what it counts, not on those
        if row["measure"] not in ("growth", "change") or any(
            row.get(k) != v for k, v in s.equals.items() if k not in ("label_zh", "measure")
        ):
            continue
        if whole_year(row) and row["period_end"].year == after and change_on(row, before):
            return fid
    return None


@in_each_language
def changes(figures: Figures, before: int, after: int) -> list[Change]:
    """Every series with a figure in either year, in the order of SERIES."""
    found = []
    for s in SERIES:
        if s.table not in figures.tables:
            continue
        a, b = _of_year(figures, s, before), _of_year(figures, s, after)
        if a is None and b is None and _growth(figures, s, before, after) is None:
            continue
        if a and b:
            figures.compared([a, b], f"'{s.name('en')}' in {before} and {after}")
        elsewhere = {
            year: other
            for year, fid in ((before, a), (after, b))
            if fid is None and s.other_basis and (other := _of_year(figures, s, year, s.other_basis))
        }
        found.append(Change(s, a, b, _growth(figures, s, before, after), elsewhere))
    return found


def _stances(figures: Figures, change: Change) -> list[str]:
    """Who stands behind a change's figures (sources.csv `stance`), each once, in the order of its figures."""
    ids = [f for f in (change.before, change.after, change.growth) if f]
    return list(dict.fromkeys(figures.stance(figures.figure(f)["source_id"]) for f in ids))


def _who(figures: Figures, change: Change) -> str:
    """Who stands behind the series' figures: 'Kuaishou itself', 'a regulator', ...; a peer's own figures are 'the
    company itself'."""
    kinds = _stances(figures, change)
    stances = words.of("chapters", "stances", figures.lang)
    peer = change.series.key == "jd_618"
    return stances["cell_separator"].join(stances["other_company" if k == "company" and peer else k] for k in kinds)


@in_each_language
def table(figures: Figures, before: int, after: int) -> str:
    """The comparable series first, then the others: a Markdown table of the two years and the change."""
    said = words.of("chapters", "comparisons", figures.lang)
    found = changes(figures, before, after)
    found.sort(key=lambda c: not c.comparable)
    widths = ["-" * 26, "-" * 11, "-" * 11, "-" * 11, "-" * 11]  # pandoc's relative column widths
    lines = [said["header"].format(before=before, after=after), "|" + "|".join(widths) + "|"]
    for c in found:
        in_scale = figures.in_scale([c.before, c.after])  # a row is a series: one number style
        # a missing year reads as it does in the summary's chart, whether or not the source published the change
        cells = [_label(figures, c, year, fid, in_scale) for year, fid in ((before, c.before), (after, c.after))]
        if c.growth:
            change = figures.growth(c.growth)
        elif c.comparable:
            change = figures.change(c.before, c.after)
        else:
            change = said["none"]
        lines.append(f"| {c.series.name(figures.lang)} | {_who(figures, c)} | {cells[0]} | {cells[1]} | {change} |")
    # in a .tr-cards block: on a phone each row reads as a card, so the change (the last column) is never off-screen
    return "::: {.tr-cards}\n" + "\n".join(lines) + "\n:::\n"


def _change_text(figures: Figures, change: Change) -> str:
    """A comparable change as a verb phrase ('rose 78.4%'): the one its source published, else the one worked out
    from its two figures (marked derived)."""
    if change.growth:
        return figures.growth(change.growth, verb=True)
    return figures.change(change.before, change.after, verb=True)


def _rose(figures: Figures, change: Change) -> bool:
    if change.growth:
        return figures.figure(change.growth)["value_base"] > 0
    # comparable without a published change: both figures are there
    return figures.figure(str(change.after))["value_base"] > figures.figure(str(change.before))["value_base"]


def _counted(official: list[Change]) -> str:
    """What the official counts count, in the catalogue's words: complaints, and appeals or reports if any counts
    them (an appeal, 诉求, is a complaint, report or enquiry)."""
    counts = {c.series.equals.get("counts") for c in official}
    if "appeals" in counts:
        return "counted_appeals"
    return "counted_reports" if "complaints_and_reports" in counts else "counted_complaints"


@in_each_language
def headline(figures: Figures, before: int, after: int) -> str:
    """The summary's headline: what the regulators' and consumers' associations' full-year complaint counts that can
    be compared did between the two years, saying how many there are and who counted them (a single one is named),
    then Kuaishou's sales."""
    said = words.of("chapters", "comparisons", figures.lang)
    found = changes(figures, before, after)
    official = [c for c in found if c.series.official and c.comparable]
    if len(official) == 1:
        (only,) = official
        subject = words.word("chapters", "series_subject", only.series.key, figures.lang)
        text = said["one"].format(
            after=after, before=before, measure=subject, change=_change_text(figures, only), who=said["who_one"]
        )
    else:
        # who counted them: one kind of counter is named alone, never as both
        kinds = {s for c in official for s in _stances(figures, c)}
        who = said.get(f"who_{kinds.pop()}", said["who_both"]) if len(kinds) == 1 else said["who_both"]
        up = [c for c in official if _rose(figures, c)]
        down = [c for c in official if c not in up]
        n = figures.count(len(official), f"comparable official complaint counts, {before} and {after}")
        values = {"before": before, "after": after, "n": n, "who": who, "counted": said[_counted(official)]}
        if not official:
            text = said["no_count"].format(**values)
        elif not down or not up:
            text = said["up" if up else "down"].format(**values)
        elif len(official) > 2 and min(len(up), len(down)) == 1:
            # all but one went one way: that one is named, with its change, in the same sentence
            (odd,) = up if len(up) == 1 else down
            most = figures.count(
                len(official) - 1, f"comparable official complaint counts that {'fell' if len(up) == 1 else 'rose'}"
            )
            subject = words.word("chapters", "series_subject", odd.series.key, figures.lang)
            text = said["mostly_down" if len(up) == 1 else "mostly_up"].format(
                **values, most=most, measure=subject, change=_change_text(figures, odd)
            )
        else:
            text = said["mixed"].format(
                **values,
                up=figures.count(len(up), "comparable official complaint counts that rose"),
                down=figures.count(len(down), "comparable official complaint counts that fell"),
            )
    gmv = next((c for c in found if c.series.key == "gmv" and c.comparable), None)
    if gmv is not None:
        # the caveat in the same sentence: whose count it is, when it is the company's own
        own = _stances(figures, gmv) == ["company"]
        text += said["gmv_own" if own else "gmv"].format(growth=_change_text(figures, gmv))
    return text


def _label(figures: Figures, change: Change, year: int, figure_id: str | None, in_scale: float) -> str:
    """A year's cell: its figure; else, where a figure on another basis exists, that it does (the figure itself is
    never set beside the other year's); else "none found"."""
    said = words.of("chapters", "comparisons", figures.lang)
    if figure_id:
        return figures.text(figure_id, in_scale=in_scale)
    if year in change.elsewhere:
        return said["other_basis"]
    return said["not_found"]


def _state(figures: Figures, change: Change, year: int, figure_id: str | None) -> str:
    """What a cell of the summary's grid holds: reported, derived, estimate, announced (a promise made before the
    event), other basis (a figure of another basis, not comparable) or not found."""
    if figure_id is None:
        return "other basis" if year in change.elsewhere else "not found"
    row = figures.figure(figure_id)
    return "announced" if row.get("announced") == "announced" else str(row["status"])


@in_each_language
def grid(figures: Figures, before: int, after: int) -> pl.DataFrame:
    """The summary's chart data: one row per series and year, comparable series first, each cell's state and the
    figure as the prose writes it (or "not found")."""
    found = sorted(changes(figures, before, after), key=lambda c: not c.comparable)
    said = words.of("chapters", "comparisons", figures.lang)
    rows = []
    for c in found:
        in_scale = figures.in_scale([c.before, c.after])  # a series' two years in one number style
        for year, fid in ((before, c.before), (after, c.after)):
            label = _label(figures, c, year, fid, in_scale)
            shown = fid or c.elsewhere.get(year)
            if year == after and c.growth and not (c.before and c.after):
                # comparable by the change its source published: the cell shows it, or the chart could not say why;
                # where it holds no figure of its own, the change's source is the cell's
                label = said["grid_change"].format(label=label, change=figures.growth(c.growth), before=before)
                shown = shown or c.growth
            rows.append(
                {
                    "measure": c.series.name(figures.lang),
                    "year": str(year),
                    "state": _state(figures, c, year, fid),
                    "label": label,
                    "source_id": figures.figure(shown)["source_id"] if shown else None,
                    "figure_id": shown,
                    "comparable": c.comparable,
                }
            )
    return pl.DataFrame(
        rows,
        schema={
            "measure": pl.String,
            "year": pl.String,
            "state": pl.String,
            "label": pl.String,
            "source_id": pl.String,
            "figure_id": pl.String,
            "comparable": pl.Boolean,
        },
    )


@in_each_language
def grid_title(figures: Figures, frame: pl.DataFrame, before: int, after: int) -> str:
    """The grid's title: how many of its measures can be compared between the two years."""
    said = words.of("chapters", "comparisons", figures.lang)
    by_measure = dict(zip(frame["measure"], frame["comparable"], strict=True))
    comparable = figures.count(sum(by_measure.values()), "comparable measures")
    total = figures.count(len(by_measure), "measures in the summary grid")
    return said["grid_title"].format(comparable=comparable, total=total, before=before, after=after)


@in_each_language
def grid_alt(figures: Figures, frame: pl.DataFrame, title: str) -> str:
    """What a screen reader speaks for the grid: its title, then each measure's figure and state in each year."""
    said = words.of("chapters", "comparisons", figures.lang)
    states = words.of("charts", "status_grid", figures.lang)
    rows = []
    for measure in dict.fromkeys(frame["measure"]):
        cells = [
            # a figure's label says "derived" and a missing one "none found" already; the other states are named
            said[
                "grid_cell" if r["state"] in ("reported", "derived", "not found", "other basis") else "grid_cell_state"
            ].format(year=r["year"], label=r["label"], state=states[r["state"].replace(" ", "_")])
            for r in frame.filter(pl.col("measure") == measure).iter_rows(named=True)
        ]
        rows.append(said["grid_row"].format(measure=measure, cells=said["grid_separator"].join(cells)))
    return numbers.sentences([numbers.sentence(part, figures.lang) for part in [title, *rows]], figures.lang)
