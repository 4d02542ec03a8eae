"""Compare like with like: every figure says what it counts, over what scope and kind of period, and the report
refuses to set two figures side by side that differ in any of them (a change, a ratio, a series, a scorecard row)."""

from __future__ import annotations

import pytest

from conftest import ROOT
from trustreport.chapter import scorecard
from trustreport.chapter.figures import Figures
from trustreport.data.comparability import NotComparable
from trustreport.data.tables import load_all


@pytest.fixture(scope="module")
def figures() -> Figures:
    return Figures(load_all(ROOT / "data" / "raw"))


@pytest.mark.parametrize(
    "first, second, differs",
    [
        # what they count: orders covered (2021) against users covered by return shipping (2022)
        ("gov-2021-guarantee-orders", "gov-2022-freight-users", "counts: orders against users"),
        # money spent on consumer service (2020) against money paid out by the trust fund (a running total)
        ("gov-2020-fund", "gov-2022-fund-paid", "counts: money_spent against money_paid_out"),
        # the 2021 live-room report rate against the 2022 users' report rate for livestream selling
        ("gov-2021-report-rate", "gov-2022-report-rate", "counts: selling_report_rate against user_report_rate"),
        # interceptions of attempts to publish suspect listings against "counterfeit interceptions"
        ("gov-2021-intercepted", "gov-2022-fake-intercepts", "counts: listing_interceptions against counterfeit"),
        # complaints on the 12315 platform against 诉求 through every channel
        ("c-12315-online-2020", "c-samr-online-2023", "scope: platform_12315 against all_channels"),
        # a year's count against a running total on the same complaint site
        ("c-xfb-kuaishou-2023", "c-xfb-kuaishou-cum", "period_kind: year against cumulative"),
        # two running totals: a total can only rise
        ("c-blackcat-cum-2019", "c-blackcat-cum-2020", "both are running totals"),
        # a half-year against a year
        ("c-cca-2021h1", "c-cca-2020", "period_kind: half_year against year"),
        # two complaint sites count different complaints
        ("c-dsb-yoy-2021", "c-xfb-kuaishou-2023-yoy", "counted by: 电诉宝 against 消费保"),
        # one study's panel of nine platforms against another's of ten
        ("c-rights-share-kuaishou-2021", "c-rights-share-kuaishou-2022", "counted by: 直播带货消费维权舆情报告(2021)"),
        # a count against a share
        ("c-12315-online-2020", "c-12315-online-2020-share", "measure: count against share"),
    ],
)
def test_figures_that_differ_are_refused_naming_both_and_what_differs(figures, first, second, differs):
    with pytest.raises(NotComparable) as refused:
        figures.pair(first, second)
    message = str(refused.value)
    assert first in message and second in message and differs in message, message
    with pytest.raises(NotComparable):
        figures.ratio(first, second)
    with pytest.raises(NotComparable):
        figures.compared([first, None, second], "a series")


@pytest.mark.parametrize(
    "first, second",
    [
        ("ks-gmv-2020", "ks-gmv-2021"),  # Kuaishou's GMV, two calendar years
        ("gov-2021-banned", "gov-2022-banned"),  # ban actions (人次), two years
        ("c-bj-live-2020", "c-bj-live-2021"),  # Beijing's consumers' association, livestream complaints
        ("c-xfb-douyin-2023", "c-xfb-kuaishou-2023"),  # two platforms on one complaint site, one year
        ("c-12315-live-2020q3", "c-12315-live-2020q3-yoy"),  # ... a count and its growth are not compared
    ][:4],
)
def test_figures_of_one_series_may_be_compared(figures, first, second):
    assert figures.pair(first, second) == (figures.text(first), figures.text(second))


def test_a_running_total_never_stands_in_a_year_column(figures):
    table = scorecard.table(figures)
    header, _, *lines = table.splitlines()
    columns = [c.strip() for c in header.strip("|").split("|")]
    assert columns[-2] == "Running total or level at a date" and columns[-1] == "Who says so"
    site = next(line for line in lines if "消费保" in line and "running total" in line)
    cells = [c.strip() for c in site.strip("|").split("|")]
    year_cells = cells[1 : 1 + len(scorecard.YEARS)]
    assert set(year_cells) == {"—"} and cells[-2] == "9,200 (up to April 2024)"
    yearly = next(
        line for line in lines if line.startswith("| Complaints about Kuaishou") and "by calendar year" in line
    )
    assert "9,200" not in yearly and "3,419" in yearly


def test_every_scorecard_row_is_one_series(figures):
    """Orders and users, spending and payouts, a report rate and another: each in a row of its own."""
    names = [name for name, *_ in scorecard.rows(figures)]
    assert any(n.startswith("Orders included in a guarantee (the only copy of the source breaks off") for n in names)
    assert "Users covered by return-shipping compensation" in names
    assert any(n.startswith("Money spent on consumer service") for n in names)
    assert any(n.startswith("Money paid out to buyers") for n in names)
    assert any(n.startswith("Report rate for livestream selling") for n in names)
    assert any(n.startswith("Users' report rate for livestream selling") for n in names)
    assert [n for n in names if "share of livestream rights-protection posts" in n] == [
        "Kuaishou's share of livestream rights-protection posts (维权舆情), by calendar year, "
        "from “直播带货消费维权舆情分析报告” (the 2022 analysis of livestream-selling rights-protection posts)",
        "Kuaishou's share of livestream rights-protection posts (维权舆情), by calendar year, "
        "from “直播带货消费维权舆情报告(2021)” (the 2021 report on livestream-selling rights-protection posts)",
    ]


def test_series_told_apart_by_the_sources_labels_have_those_labels_in_english_too(figures):
    """Two series of one measure and one kind of period are told apart by the label each source gave it: the English
    scorecard keeps the Chinese label and gives its English beside it; the Chinese one shows the label alone."""
    names = [name for name, *_ in scorecard.rows(figures)]
    # the prospectus' rate is an average of monthly rates over 2020's first half: a row of its own, not a month's,
    # and named as its source names it (a reader would take "by half-year" alone for a rate over six months)
    assert "Repurchase rate (复购率), by half-year, as “平均月复购率” (average monthly repurchase rate)" in names
    assert "Repurchase rate (复购率), for a month" in names  # the plain 复购率 needs no label
    assert not [n for n in names if "平均复购率" in n]
    assert (
        "Penalties on merchants and anchors (counted as times, 次, or per action, 人次), "
        "over a run of months, as “虚假宣传处罚” (penalties for false publicity)" in names
    )
    chinese = [name for name, *_ in scorecard.rows(Figures(figures.tables, "zh"))]
    assert "对商家和主播的处罚（次或人次；数月，按“虚假宣传处罚”统计）" in chinese  # one bracket
    # the 匹诺曹 campaign's own total is not set among the platform's penalties
    assert "匹诺曹行动中的处罚（虚假宣传、炒作卖货；次）" in chinese
    assert "快手在直播维权舆情中的占比（全年，据《直播带货消费维权舆情报告（2021）》）" in chinese
    # no name reads like a list of codes: never two bracketed notes in a row
    assert not [n for n in names if ") (" in n]


def test_who_stands_behind_each_row_is_shown(figures):
    rows = {name: who for name, who, *_ in scorecard.rows(figures)}
    assert rows["Ban actions against anchors and merchants (counted per action, 人次)"] == "Kuaishou itself"
    assert (
        rows["Complaints about Kuaishou on a complaint site (消费保), by calendar year"] == "an independent third party"
    )
    sentence = scorecard.own_word_sentence(figures)
    assert sentence.startswith("Of the ") and "rest only on Kuaishou's own statements" in sentence


def test_the_summary_grid_shows_the_published_change_that_makes_a_measure_comparable():
    """A measure with one year missing counts as comparable when its source published the change: the grid's later
    cell says that change, or the chart would call it comparable with nothing to show for it."""
    from trustreport.chapter import comparisons

    tables = load_all(ROOT / "data" / "raw")
    for lang, want in (
        ("en", ["4.83 million (up 25.8% on 2020)", "none found (down 8.96% on 2020)", "RMB 680 billion"]),
        ("zh", ["483.4万件（较2020年增长25.8%）", "未找到（较2020年下降8.96%）", "6800亿元"]),
    ):
        grid = comparisons.grid(Figures(tables, lang), 2020, 2021)
        labels = grid.filter(grid["year"] == "2021")["label"].to_list()
        assert all(w in labels for w in want), (lang, labels)


def test_a_year_counted_on_another_basis_says_so_never_none_found(figures):
    """The 12315 platform's 2020 release counted 203.32万 online-shopping complaints and reports on a basis its 2021
    release does not share (+25.8% on 2020 implies about 384万): the summary's 2020 cell says a figure of another basis
    exists and cannot be compared, without setting that figure beside 2021's, in the table and in the grid alike."""
    from trustreport.chapter import comparisons

    name = "Online-shopping complaints and reports on the 12315 platform"
    (row,) = [line for line in comparisons.table(figures, 2020, 2021).splitlines() if line.startswith(f"| {name} |")]
    assert row.split(" | ")[2:4] == ["a figure on another basis (not comparable)", "4.83 million"]
    chinese = comparisons.grid(Figures(figures.tables, "zh"), 2020, 2021)
    (cell,) = [r for r in chinese.iter_rows(named=True) if r["year"] == "2020" and "网购投诉举报" in r["measure"]]
    assert (cell["label"], cell["state"], cell["figure_id"]) == (
        "只有另一口径的数字（不可比）",
        "other basis",
        "c-12315-online-2020",
    )
