"""The trust scorecard: Kuaishou-specific trust measures × years, every cell a published figure or "not found".

A measure is picked from the tables by what its figures are (table, measure, platform, words in the metric),
not by figure id, so an edition with more data fills more cells. Two years can be compared on a measure when
the same series (one label, one kind of unit) was published for both as whole years, or when a figure of the
later year is itself the change on the earlier one (a report rate "−8.96% on 2020").
"""

from __future__ import annotations

from dataclasses import dataclass

from .figures import Figures

YEARS = list(range(2019, 2025))
NOT_FOUND = "not found"


@dataclass(frozen=True)
class Measure:
    label: str
    label_zh: str
    table: str
    measures: tuple[str, ...]  # the table's `measure` values that count
    metric_has: tuple[str, ...] = ()  # any of these words in the metric
    platform: str | None = None


MEASURES = [
    Measure("Repurchase rate", "复购率", "platform_gmv", ("rate",), ("repurchase",)),
    Measure("Live-room report rate, change", "直播间举报率", "governance", ("change",), ("report rate",)),
    Measure("Share of livestream rights-protection posts", "维权舆情占比", "complaints", ("share",), ("share of livestream rights-protection posts",), "快手"),
    Measure("Complaints on a complaint site (消费保)", "第三方投诉量", "complaints", ("count",), ("complaints",), "快手"),
    Measure("Complaint resolution rate (消费保)", "投诉解决率", "complaints", ("share",), ("resolution",), "快手"),
    Measure("Ban actions on anchors and merchants", "封禁 (人次)", "governance", ("actions",), ("ban actions",)),
    Measure("Counterfeit interceptions", "假货拦截", "governance", ("actions",), ("counterfeit",)),
    Measure("Guarantees: orders or users covered", "保障覆盖", "governance", ("count", "people"), ("orders covered by guarantees", "users covered")),
    Measure("Guarantees: money paid or spent", "保障支付", "governance", ("amount",), ("fund", "consumer service")),
]


@dataclass(frozen=True)
class Cell:
    figure_ids: tuple[str, ...]  # every figure of the measure for the year, the one shown first

    @property
    def shown(self) -> str | None:
        return self.figure_ids[0] if self.figure_ids else None


def figures_of(figures: Figures, m: Measure) -> list[dict]:
    rows = []
    for fid in figures.ids(m.table):
        row = figures.row(fid)
        if row["measure"] not in m.measures or (m.platform and row.get("platform") != m.platform):
            continue
        if m.metric_has and not any(word in row["metric"].lower() for word in m.metric_has):
            continue
        rows.append(row)
    return rows


def _year_of(row: dict) -> int:
    return row["period_end"].year


def whole_year(row: dict) -> bool:
    start, end = row["period_start"], row["period_end"]
    return start is not None and (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year


def cells(figures: Figures, m: Measure, years: list[int] = YEARS) -> dict[int, Cell]:
    """For each year, the measure's figures whose period ends in it: whole-year figures first."""
    rows = figures_of(figures, m)
    out = {}
    for year in years:
        found = sorted((r for r in rows if _year_of(r) == year), key=lambda r: (not whole_year(r), r["source_line"]))
        out[year] = Cell(tuple(r["figure_id"] for r in found))
    return out


def comparison(figures: Figures, m: Measure, before: int, after: int) -> tuple[str | None, str] | None:
    """The figures that let `before` and `after` be compared on this measure, or None: (before, after) ids of the
    same series (label and base unit) as whole-year figures in both years, or (None, change) for a change figure of
    `after` that states its base year `before`."""
    rows = figures_of(figures, m)
    for row in rows:
        if _year_of(row) == after and row["base"] == "pct" and row["measure"] in ("change", "growth") and str(before) in row["metric"]:
            return None, row["figure_id"]
    earlier = {(r["label_zh"], r["base"]): r["figure_id"] for r in rows if _year_of(r) == before and whole_year(r)}
    for row in rows:
        if _year_of(row) == after and whole_year(row) and (row["label_zh"], row["base"]) in earlier:
            return earlier[(row["label_zh"], row["base"])], row["figure_id"]
    return None


def status_of(figures: Figures, fid: str | None) -> str:
    if fid is None:
        return NOT_FOUND
    row = figures.row(fid)
    return "announced" if row.get("announced") == "announced" else row["status"]


def table(figures: Figures, years: list[int] = YEARS) -> str:
    """The scorecard as a Markdown table: a measure per row, a year per column; each cell the first figure
    for that year (with its period when it is not the whole year, its status when not reported), the number of
    further figures, or "not found"."""
    # The dashes give pandoc the columns' relative widths: the measure's name gets about a quarter of the line
    # (a third for two years), each year an equal share of the rest.
    lines = ["| measure | " + " | ".join(str(y) for y in years) + " |", "|" + "-" * (2 * len(years) + 3) + "|" + "------|" * len(years)]
    for m in MEASURES:
        row_cells = []
        for year, cell in cells(figures, m, years).items():
            if cell.shown is None:
                row_cells.append(NOT_FOUND)
                continue
            fid = cell.shown
            text = figures.text(fid)
            if not whole_year(figures.row(fid)):
                text += f" ({figures.when(fid)})"
            if len(cell.figure_ids) > 1:
                text += f" +{len(cell.figure_ids) - 1}"
            row_cells.append(text)
        lines.append(f"| {m.label} ({m.label_zh}) | " + " | ".join(row_cells) + " |")
    return "\n".join(lines) + "\n"


def comparable(figures: Figures, before: int, after: int) -> list[tuple[Measure, tuple[str | None, str]]]:
    """The measures that can be compared between two years, each with the figures that allow it."""
    found = [(m, comparison(figures, m, before, after)) for m in MEASURES]
    return [(m, ids) for m, ids in found if ids]


def comparable_sentence(figures: Figures, before: int, after: int) -> str:
    """How many measures the record lets a reader compare across the two years, and which."""
    pairs = comparable(figures, before, after)
    count = f"{figures.count(len(pairs), f'measures comparable between {before} and {after}')} of the {figures.count(len(MEASURES), 'scorecard measures')} measures"
    if not pairs:
        return f"{count} can be compared between {before} and {after}: no series was published for both years."

    def values(pair: tuple[str | None, str]) -> str:
        first, second = pair
        if first is None:
            return f"{figures.text(second)} on {before}"
        return f"{figures.text(first)} in {before}, {figures.text(second)} in {after}"

    which = "; ".join(f"{m.label.lower()} ({values(ids)})" for m, ids in pairs)
    return f"{count} can be compared between {before} and {after}: {which}."
