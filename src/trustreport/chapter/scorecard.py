"""The trust scorecard: Kuaishou-specific trust measures × years, every cell a published figure or "not found".

A measure is picked from the tables by what its figures are (table, measure, platform, words in the metric),
not by figure id, so an edition with more data fills more cells. Two years can be compared on a measure when
the same series (one label, one kind of unit) was published for both as whole years, or when a figure of the
later year is itself the change on the earlier one (a report rate "−8.96% on 2020").
"""

from __future__ import annotations

from dataclasses import dataclass

from .figures import Figures
from .numbers import _check

YEARS = list(range(2019, 2025))
NOT_FOUND = "not found"  # the cell's status (status_of), in every language

# The words of the scorecard and its sentence, in each language the report is written in.
WORDS = {
    "en": {
        "not_found": NOT_FOUND,
        "measure": "measure",
        "year": "{year}",
        "period": " ({period})",
        "more": " +{more}",
        "count": "{count} of the {total} measures",
        "none": "{count} can be compared between {before} and {after}: no series was published for both years.",
        "some": "{count} can be compared between {before} and {after}: {which}.",
        "item": "{name} ({values})",
        "separator": "; ",
        "change": "{change} on {before}",
        "pair": "{first} in {before}, {second} in {after}",
    },
    "zh": {
        "not_found": "未找到",
        "measure": "指标",
        "year": "{year}年",
        "period": "（{period}）",
        "more": " +{more}",
        "count": "{total}项指标中有{count}项",
        "none": "{count}可以在{before}年与{after}年之间比较：没有哪一个系列在这两年都有公布。",
        "some": "{count}可以在{before}年与{after}年之间比较：{which}。",
        "item": "{name}（{values}）",
        "separator": "；",
        "change": "较{before}年{change}",
        "pair": "{before}年{first}，{after}年{second}",
    },
}


@dataclass(frozen=True)
class Measure:
    label: str
    label_zh: str
    table: str
    measures: tuple[str, ...]  # the table's `measure` values that count
    metric_has: tuple[str, ...] = ()  # any of these words in the metric
    platform: str | None = None

    def name(self, lang: str = "en") -> str:
        """The measure as the scorecard's row names it: 'Repurchase rate (复购率)' / '复购率'."""
        _check(lang)
        return f"{self.label} ({self.label_zh})" if lang == "en" else NAMES_ZH[self.label]

    def short(self, lang: str = "en") -> str:
        """The measure inside a sentence: 'repurchase rate' / '复购率'."""
        _check(lang)
        return self.label.lower() if lang == "en" else SHORT_ZH.get(self.label, NAMES_ZH[self.label])


MEASURES = [
    Measure("Repurchase rate", "复购率", "platform_gmv", ("rate",), ("repurchase",)),
    Measure("Live-room report rate, change", "直播间举报率", "governance", ("change",), ("report rate",)),
    Measure(
        "Share of livestream rights-protection posts",
        "维权舆情占比",
        "complaints",
        ("share",),
        ("share of livestream rights-protection posts",),
        "快手",
    ),
    Measure(
        "Complaints on a complaint site (消费保)", "第三方投诉量", "complaints", ("count",), ("complaints",), "快手"
    ),
    Measure("Complaint resolution rate (消费保)", "投诉解决率", "complaints", ("share",), ("resolution",), "快手"),
    Measure("Ban actions on anchors and merchants", "封禁 (人次)", "governance", ("actions",), ("ban actions",)),
    Measure("Counterfeit interceptions", "假货拦截", "governance", ("actions",), ("counterfeit",)),
    Measure(
        "Guarantees: orders or users covered",
        "保障覆盖",
        "governance",
        ("count", "people"),
        ("orders covered by guarantees", "users covered"),
    ),
    Measure("Guarantees: money paid or spent", "保障支付", "governance", ("amount",), ("fund", "consumer service")),
]
# Each measure's full name in the 中文 edition (the English one is its label, with label_zh beside it).
NAMES_ZH = {
    "Repurchase rate": "复购率",
    "Live-room report rate, change": "直播间举报率变化",
    "Share of livestream rights-protection posts": "快手在直播维权舆情中的占比",
    "Complaints on a complaint site (消费保)": "投诉平台（消费保）上的投诉量",
    "Complaint resolution rate (消费保)": "投诉解决率（消费保）",
    "Ban actions on anchors and merchants": "封禁主播和商家（人次）",
    "Counterfeit interceptions": "假货拦截",
    "Guarantees: orders or users covered": "保障覆盖的订单或用户",
    "Guarantees: money paid or spent": "保障赔付或投入的资金",
}
# ... and inside a sentence, where the name is followed by its figures in parentheses (no nested parentheses).
SHORT_ZH = {
    "Complaints on a complaint site (消费保)": "消费保上的投诉量",
    "Complaint resolution rate (消费保)": "消费保投诉解决率",
    "Ban actions on anchors and merchants": "对主播和商家的封禁",
}


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
        assert row is not None  # an id Figures listed
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
    return (
        start is not None and (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year
    )


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
        if (
            _year_of(row) == after
            and row["base"] == "pct"
            and row["measure"] in ("change", "growth")
            and str(before) in row["metric"]
        ):
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
    assert row is not None, fid  # the ids given are found ones
    return "announced" if row.get("announced") == "announced" else row["status"]


def _language(figures: Figures, lang: str) -> dict[str, str]:
    """The words in `lang`, which must be the language the figures are written in (no mixing)."""
    _check(lang)
    if lang != figures.lang:
        raise ValueError(f"the scorecard in {lang} with figures in {figures.lang}: pass lang=p.lang")
    return WORDS[lang]


def table(figures: Figures, years: list[int] = YEARS, *, lang: str = "en") -> str:
    """The scorecard as a Markdown table: a measure per row, a year per column; each cell the first figure
    for that year (with its period when it is not the whole year, its status when not reported), the number of
    further figures, or "not found" (未找到)."""
    words = _language(figures, lang)
    # The dashes give pandoc the columns' relative widths: the measure's name gets about a quarter of the line
    # (a third for two years), each year an equal share of the rest.
    lines = [
        f"| {words['measure']} | " + " | ".join(words["year"].format(year=y) for y in years) + " |",
        "|" + "-" * (2 * len(years) + 3) + "|" + "------|" * len(years),
    ]
    for m in MEASURES:
        row_cells = []
        for cell in cells(figures, m, years).values():
            if cell.shown is None:
                row_cells.append(words["not_found"])
                continue
            fid = cell.shown
            text = figures.text(fid)
            row = figures.row(fid)
            assert row is not None  # a found figure
            if not whole_year(row):
                text += words["period"].format(period=figures.when(fid))
            if len(cell.figure_ids) > 1:
                text += words["more"].format(more=len(cell.figure_ids) - 1)
            row_cells.append(text)
        lines.append(f"| {m.name(lang)} | " + " | ".join(row_cells) + " |")
    return "\n".join(lines) + "\n"


def comparable(figures: Figures, before: int, after: int) -> list[tuple[Measure, tuple[str | None, str]]]:
    """The measures that can be compared between two years, each with the figures that allow it."""
    found = [(m, comparison(figures, m, before, after)) for m in MEASURES]
    return [(m, ids) for m, ids in found if ids]


def comparable_sentence(figures: Figures, before: int, after: int, *, lang: str = "en") -> str:
    """How many measures the record lets a reader compare across the two years, and which."""
    words = _language(figures, lang)
    pairs = comparable(figures, before, after)
    count = words["count"].format(
        count=figures.count(len(pairs), f"measures comparable between {before} and {after}"),
        total=figures.count(len(MEASURES), "scorecard measures"),
    )
    if not pairs:
        return words["none"].format(count=count, before=before, after=after)

    def values(pair: tuple[str | None, str]) -> str:
        first, second = pair
        if first is None:
            return words["change"].format(change=figures.text(second), before=before)
        return words["pair"].format(first=figures.text(first), second=figures.text(second), before=before, after=after)

    which = words["separator"].join(words["item"].format(name=m.short(lang), values=values(ids)) for m, ids in pairs)
    return words["some"].format(count=count, before=before, after=after, which=which)
