"""The trust scorecard: Kuaishou-specific trust measures × years, comparable by construction.

A measure is picked from the tables by what its figures count (`counts`, data/comparability.py), its table's
`measure` values and its platform, not by figure id, so an edition with more data fills more cells. A measure's
figures are split into series: figures stand in one row only when they count the same thing over the same scope
and the same kind of period, so a row never sets a running total beside a year's value, orders beside users, or
one study's panel beside another's. A running total or a level at a date has its own "as of" cell, never a year's.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..data.comparability import AS_OF, differences
from .figures import Figures

YEARS = list(range(2019, 2025))
NOT_FOUND = "not found"  # a cell's status (status_of), in every language

# The words of the scorecard and its sentences, in each language the report is written in.
WORDS = {
    "en": {
        "not_found": NOT_FOUND,
        "no_year": "—",
        "measure": "Measure",
        "who": "Who says so",
        "as_of": "Running total or level at a date",
        "year": "{year}",
        "period": " ({period})",
        "more": " (+{more} more)",
        "as_of_cell": "{value} ({period})",
        "cell_separator": "; ",
        "count": "{count} of the {total} measures",
        "none": "{count} can be compared between {before} and {after}: no series was published for both years.",
        "some": "{count} can be compared between {before} and {after}: {which}.",
        "item": "{name} ({values})",
        "separator": "; ",
        "change": "{change} on {before}",
        "pair": "{first} in {before}, {second} in {after}",
        "own": "Of the {total} measures, {count} rest only on Kuaishou's own statements.",
        "series_note": " ({note})",
    },
    "zh": {
        "not_found": "未找到",
        "no_year": "—",
        "measure": "指标",
        "who": "出处",
        "as_of": "累计或某一时点",
        "year": "{year}年",
        "period": "（{period}）",
        "more": "（另有{more}项）",
        "as_of_cell": "{value}（{period}）",
        "cell_separator": "；",
        "count": "{total}项指标中有{count}项",
        "none": "{count}可以在{before}年与{after}年之间比较：没有哪一个系列在这两年都有公布。",
        "some": "{count}可以在{before}年与{after}年之间比较：{which}。",
        "item": "{name}（{values}）",
        "separator": "；",
        "change": "较{before}年{change}",
        "pair": "{before}年{first}，{after}年{second}",
        "own": "{total}项指标中，有{count}项只有快手自己的说法。",
        "series_note": "（{note}）",
    },
}
# Who stands behind a source's figures (sources.csv `stance`), as the scorecard names it.
STANCE_WORDS = {
    "en": {
        "company": "Kuaishou itself",
        "other_company": "the company itself",
        "regulator": "a regulator",
        "consumers_association": "a consumers' association",
        "third_party": "an independent third party",
        "press": "the press",
        "government": "government statistics",
        "cell_separator": "; ",
    },
    "zh": {
        "company": "快手自己",
        "other_company": "企业自己",
        "regulator": "监管部门",
        "consumers_association": "消费者协会",
        "third_party": "独立第三方",
        "press": "媒体",
        "government": "政府统计",
        "cell_separator": "；",
    },
}


@dataclass(frozen=True)
class Measure:
    """A Kuaishou-specific measure of trust: the figures of `table` that count `counts` as one of `measures`."""

    key: str  # its name's key in NAMES
    table: str
    counts: str
    measures: tuple[str, ...]
    platform: str | None = None  # the figures must be about this platform (complaint sites count several)
    labels: tuple[str, ...] = ()  # when given, only figures with one of these labels (label_zh)

    def name(self, lang: str) -> str:
        return NAMES[self.key][lang]

    def short(self, lang: str) -> str:
        """The measure inside a sentence: 'repurchase rate' / '复购率'."""
        return NAMES[self.key].get(f"{lang}_short", NAMES[self.key][lang])


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
    Measure("listing_interceptions", "governance", "listing_interceptions", ("actions",)),
    Measure("counterfeit_interceptions", "governance", "counterfeit_interceptions", ("actions",)),
    Measure("orders_covered", "governance", "orders", ("count",)),
    Measure("users_covered", "governance", "users", ("people",)),
    Measure("money_paid_out", "governance", "money_paid_out", ("amount",), "快手电商"),
    Measure("money_spent", "governance", "money_spent", ("amount",)),
]
NAMES = {
    "repurchase": {"en": "Repurchase rate (复购率)", "zh": "复购率", "en_short": "repurchase rate"},
    "repurchase_rise": {
        "en": "Repurchase rate: rise reported for a group",
        "zh": "部分人群复购率的提升",
        "en_short": "rise in a group's repurchase rate",
    },
    "willingness": {
        "en": "Willingness to order: rise reported",
        "zh": "下单意愿的提升",
        "en_short": "rise in willingness to order",
    },
    "report_rate": {
        "en": "Report rate for livestream selling: change on the year before",
        "zh": "直播带货举报率较上年的变化",
        "en_short": "report rate for livestream selling",
        "zh_short": "直播带货举报率",
    },
    "user_report_rate": {
        "en": "Users' report rate for livestream selling: change (base year not stated)",
        "zh": "直播带货的用户举报率变化（未说明基期）",
        "en_short": "users' report rate for livestream selling",
    },
    "posts_share": {
        "en": "Kuaishou's share of livestream rights-protection posts (维权舆情)",
        "zh": "快手在直播维权舆情中的占比",
        "en_short": "Kuaishou's share of rights-protection posts",
    },
    "site_complaints": {
        "en": "Complaints about Kuaishou on a complaint site (消费保)",
        "zh": "投诉平台（消费保）上针对快手的投诉",
        "en_short": "complaints about Kuaishou on 消费保",
        "zh_short": "消费保上针对快手的投诉",
    },
    "site_resolution": {
        "en": "Share of those complaints resolved (消费保)",
        "zh": "这些投诉的解决率（消费保）",
        "en_short": "share of complaints resolved on 消费保",
        "zh_short": "消费保投诉解决率",
    },
    "bans": {
        "en": "Ban actions against anchors and merchants (人次)",
        "zh": "对主播和商家的封禁（人次）",
        "en_short": "ban actions",
        "zh_short": "对主播和商家的封禁",
    },
    "penalties": {
        "en": "Penalties on merchants and anchors (次 or 人次)",
        "zh": "对商家和主播的处罚（次或人次）",
        "en_short": "penalties",
        "zh_short": "对商家和主播的处罚",
    },
    "listing_interceptions": {
        "en": "Attempts to publish suspect listings intercepted (次)",
        "zh": "拦截疑似假冒伪劣商品发布（次）",
        "en_short": "intercepted attempts to publish suspect listings",
    },
    "counterfeit_interceptions": {
        "en": "Counterfeit interceptions, as reported (次, undefined)",
        "zh": "假货拦截（次，未说明口径）",
        "en_short": "counterfeit interceptions",
    },
    "orders_covered": {"en": "Orders covered by guarantees", "zh": "纳入保障的订单", "en_short": "orders covered"},
    "users_covered": {
        "en": "Users covered by return-shipping compensation",
        "zh": "退货补运费保障的用户",
        "en_short": "users covered by return-shipping compensation",
    },
    "money_paid_out": {
        "en": "Money paid out to buyers by the trust fund",
        "zh": "信任保护基金向消费者支付的金额",
        "en_short": "money paid out by the trust fund",
    },
    "money_spent": {
        "en": "Money spent on consumer service (all of it, beside a team of nearly three thousand)",
        "zh": "在消费者服务上投入的资金（全部投入，另有近三千人的团队）",
        "en_short": "money spent on consumer service",
    },
}


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


def whole_year(row: dict) -> bool:
    return row["period_kind"] == "year"


def _stance(figures: Figures, rows: list[dict]) -> str:
    """Who stands behind a series' figures, in words: 'Kuaishou itself', or each kind of source once."""
    words = STANCE_WORDS[figures.lang]
    kinds = dict.fromkeys(figures.stance(r["source_id"]) for r in rows)
    return WORDS[figures.lang]["cell_separator"].join(words[k] for k in kinds)


def _year_cell(figures: Figures, found: list[dict]) -> str:
    words = WORDS[figures.lang]
    if not found:
        return words["not_found"]
    first = found[0]
    growth = first["measure"] in ("growth", "change")
    text = figures.growth(first["figure_id"]) if growth else figures.text(first["figure_id"])
    if not whole_year(first):
        text += words["period"].format(period=figures.when(first["figure_id"]))
    if len(found) > 1:
        text += words["more"].format(more=len(found) - 1)
    return text


def _as_of_cell(figures: Figures, rows: list[dict]) -> str:
    """A series of running totals shows its latest (a total can only rise: earlier ones add nothing); levels at
    dates are listed, each with its date."""
    words = WORDS[figures.lang]
    shown = rows[-1:] if rows[0]["period_kind"] == "cumulative" else rows
    return words["cell_separator"].join(
        words["as_of_cell"].format(value=figures.text(r["figure_id"]), period=figures.when(r["figure_id"]))
        for r in shown
    )


def rows(figures: Figures, years: list[int] = YEARS, as_of: bool = True) -> list[tuple[str, str, list[str], str]]:
    """The scorecard's rows: (name, who says so, a cell per year, the as-of cell). A measure with no figure in
    any year shown, nor any running total, still has its row, every cell "not found". Without `as_of`, running
    totals and levels at a date are left out, and so is any row with no figure in the years shown."""
    words = WORDS[figures.lang]
    out = []
    for m in MEASURES:
        found = series(figures, m)
        if not found:
            out.append((m.name(figures.lang), "", [words["not_found"]] * len(years), ""))
            continue
        notes = _series_notes(figures, [first for first, _ in found])
        for (first, group), note in zip(found, notes, strict=True):
            figures.compared([r["figure_id"] for r in group], f"the scorecard's row '{m.name('en')}'")
            name = m.name(figures.lang)
            if note:
                name += words["series_note"].format(note=note)
            if first["period_kind"] in AS_OF:
                if not as_of:
                    continue
                cells, level = [words["no_year"]] * len(years), _as_of_cell(figures, group)
            else:
                cells = [_year_cell(figures, [r for r in group if year_of(r) == y]) for y in years]
                level = ""
            if all(c in (words["not_found"], words["no_year"]) for c in cells) and not level:
                continue
            out.append((name, _stance(figures, group), cells, level))
    return out


def _series_notes(figures: Figures, firsts: list[dict]) -> list[str]:
    """What tells each of a measure's series from the others (none when it has one): the kind of period, and when
    two share it, the body that counted or the series' own label."""
    from ..data.comparability import PERIOD_KINDS

    if len(firsts) < 2:
        return [""]
    notes = []
    for first in firsts:
        note = PERIOD_KINDS[first["period_kind"]][0][figures.lang]
        if sum(f["period_kind"] == first["period_kind"] for f in firsts) > 1:
            who = first["channel"].split(" (")[0] if first["table"] == "complaints" else first["label_zh"]
            note += ("，" if figures.lang == "zh" else ", ") + who
        notes.append(note)
    return notes


def table(figures: Figures, years: list[int] = YEARS, as_of: bool = True) -> str:
    """The scorecard as a Markdown table: a series per row, a year per column, then (with `as_of`) the running
    totals or levels at a date, and who stands behind the figures."""
    words = WORDS[figures.lang]
    found = rows(figures, years, as_of)
    with_as_of = any(level for *_, level in found)
    header = [words["measure"]] + [words["year"].format(year=y) for y in years]
    header += [words["as_of"]] if with_as_of else []
    header += [words["who"]]
    # The dashes give pandoc the columns' relative widths: the measure's name gets the most room.
    widths = ["-" * 12] + ["------"] * len(years) + (["-" * 8] if with_as_of else []) + ["-" * 6]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(widths) + "|"]
    for name, who, cells, level in found:
        lines.append("| " + " | ".join([name, *cells, *([level] if with_as_of else []), who]) + " |")
    return "\n".join(lines) + "\n"


def comparison(figures: Figures, m: Measure, before: int, after: int) -> tuple[str | None, str] | None:
    """The figures that let `before` and `after` be compared on this measure, or None: (before, after) ids of one
    series with a value in both years, or (None, change) for a change figure of `after` stated against `before`."""
    for first, group in series(figures, m):
        if first["period_kind"] in AS_OF:
            continue
        for row in group:
            if year_of(row) == after and row["measure"] in ("change", "growth") and f"on {before}" in row["metric"]:
                return None, row["figure_id"]
        if m.measures[0] in ("change", "growth"):
            continue
        earlier = [r for r in group if year_of(r) == before]
        later = [r for r in group if year_of(r) == after]
        if earlier and later:
            figures.compared([earlier[0]["figure_id"], later[0]["figure_id"]], f"'{m.name('en')}' in two years")
            return earlier[0]["figure_id"], later[0]["figure_id"]
    return None


def status_of(figures: Figures, fid: str | None) -> str:
    if fid is None:
        return NOT_FOUND
    row = figures.figure(fid)
    return "announced" if row.get("announced") == "announced" else row["status"]


def comparable(figures: Figures, before: int, after: int) -> list[tuple[Measure, tuple[str | None, str]]]:
    """The measures that can be compared between two years, each with the figures that allow it."""
    found = [(m, comparison(figures, m, before, after)) for m in MEASURES]
    return [(m, ids) for m, ids in found if ids]


def comparable_sentence(figures: Figures, before: int, after: int) -> str:
    """How many measures the record lets a reader compare across the two years, and which."""
    words = WORDS[figures.lang]
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
            return words["change"].format(change=figures.growth(second), before=before)
        first_text, second_text = figures.pair(first, second)
        return words["pair"].format(first=first_text, second=second_text, before=before, after=after)

    which = words["separator"].join(
        words["item"].format(name=m.short(figures.lang), values=values(ids)) for m, ids in pairs
    )
    return words["some"].format(count=count, before=before, after=after, which=which)


def own_word_sentence(figures: Figures) -> str:
    """How many of the measures rest only on Kuaishou's own statements (every source of their figures)."""
    found = [[r for _, g in series(figures, m) for r in g] for m in MEASURES]
    with_figures = [rows for rows in found if rows]
    own = [rows for rows in with_figures if all(figures.stance(r["source_id"]) == "company" for r in rows)]
    return WORDS[figures.lang]["own"].format(
        count=figures.count(len(own), "scorecard measures resting only on Kuaishou's statements"),
        total=figures.count(len(with_figures), "scorecard measures with a published figure"),
    )
