"""The one number formatter, in both languages: 万/亿 in Chinese, million/billion in English, dates, qualifiers,
growth. Expected values are written as each language writes them, not computed."""

from __future__ import annotations

from datetime import date

import pytest

from trustreport.data.periods import parse_period
from trustreport.numbers import (
    axis_column,
    axis_scale,
    axis_unit,
    date_text,
    day_text,
    growth,
    number,
    period_text,
    punctuated,
    qualified,
    title_bound,
    title_text,
)


@pytest.mark.parametrize(
    "value, base, measure, english, chinese",
    [
        # the figures as the sources give them
        (90_080_000, "people", "", "90.08 million", "9008万人"),
        (134_000_000, "times", "", "134 million", "1.34亿次"),
        (38_117_000_000, "rmb", "", "RMB 38.12 billion", "381.17亿元"),
        (21_900, "count", "件", "21,900", "2.19万件"),
        (19_098, "count", "个", "19,098", "19098个"),  # Chinese: ungrouped, as the article writes it
        (5_000, "count", "件", "5,000", "5000件"),
        (100, "rmb", "", "RMB 100", "100元"),
        # 万 ↔ 亿 and million ↔ billion: rounding that reaches the next scale moves up to it
        (9_999, "count", "件", "9,999", "9999件"),
        (10_000, "count", "件", "10,000", "1万件"),
        (9_999.999, "count", "件", "10,000", "1万件"),
        (99_990_000, "count", "件", "99.99 million", "9999万件"),
        (99_995_000, "count", "件", "100 million", "9999.5万件"),
        (99_999_999, "count", "件", "100 million", "1亿件"),
        (100_000_000, "people", "", "100 million", "1亿人"),
        (999_999_999, "count", "个", "1 billion", "10亿个"),
        (999_999_999_999, "rmb", "", "RMB 1 trillion", "1万亿元"),
        (1_390_000_000_000, "rmb", "", "RMB 1.39 trillion", "1.39万亿元"),
        # a half is rounded up, as the decimal the data writes, not the binary fraction a float holds: Syntun's
        # 3180.75亿 for 2019's 618 is RMB 318.075 billion, once written 318.07 beside the Chinese page's 3180.75亿
        (318_075_000_000, "rmb", "", "RMB 318.08 billion", "3180.75亿元"),
        (2_675_000, "count", "件", "2.68 million", "267.5万件"),
        (1_005, "pct", "", "1,005%", "1005%"),
        # negative values keep their sign and scale
        (-2_500_000, "count", "个", "-2.5 million", "-250万个"),
        (-8.96, "pct", "", "-8.96%", "-8.96%"),
        (479.6, "pct", "", "479.6%", "479.6%"),
        (0, "count", "件", "0", "0件"),
    ],
)
def test_a_number_as_each_language_writes_it(value, base, measure, english, chinese):
    assert number(value, base, lang="en", measure=measure) == english
    assert number(value, base, lang="zh", measure=measure) == chinese


@pytest.mark.parametrize(
    "qualifier, english, chinese",
    [
        ("more than", "more than 200", "超过200"),
        ("about", "about 200", "约200"),
        ("nearly", "nearly 200", "近200"),
        (None, "200", "200"),
    ],
)
def test_qualifiers_in_each_language(qualifier, english, chinese):
    assert qualified(qualifier, "200", "en") == english
    assert qualified(qualifier, "200", "zh") == chinese


@pytest.mark.parametrize(
    "pct, english, chinese",
    [
        (479.6, "up 479.6%", "增长479.6%"),
        (-8.96, "down 8.96%", "下降8.96%"),
        (0.001, "unchanged", "持平"),
        (-0.5, "down 0.5%", "下降0.5%"),
    ],
)
def test_growth_says_its_direction(pct, english, chinese):
    assert (growth(pct, "en"), growth(pct, "zh")) == (english, chinese)


@pytest.mark.parametrize(
    "pct, english, chinese",
    [
        (479.6, "rose 479.6%", "增长479.6%"),
        (0.5, "rose 0.5%", "增长0.5%"),
        (-21.84, "fell 21.84%", "下降21.84%"),
        (0.004, "did not change", "持平"),
        (12.3456, "rose 12.35%", "增长12.35%"),  # two decimals at most
    ],
)
def test_growth_as_a_verb(pct, english, chinese):
    assert (growth(pct, "en", verb=True), growth(pct, "zh", verb=True)) == (english, chinese)


def test_growth_keeps_its_qualifier_after_the_direction():
    assert growth(0.5, "en") == "up 0.5%"
    assert growth(31.4, "en", qualifier="more than") == "up more than 31.4%"
    assert growth(31.4, "zh", qualifier="more than") == "增长超过31.4%"
    assert growth(-3.5, "en", verb=True, qualifier="nearly") == "fell nearly 3.5%"


@pytest.mark.parametrize(
    "start, end, english, chinese",
    [
        (date(2021, 6, 15), date(2021, 6, 15), "15 June 2021", "2021年6月15日"),
        (date(2020, 1, 1), date(2020, 12, 31), "2020", "2020年"),
        (date(2020, 6, 1), date(2020, 6, 30), "June 2020", "2020年6月"),
        (date(2020, 1, 1), date(2020, 9, 30), "January to September 2020", "2020年1月至9月"),
        (date(2020, 11, 1), date(2021, 1, 31), "November 2020 to January 2021", "2020年11月至2021年1月"),
        (None, date(2020, 9, 30), "up to September 2020", "截至2020年9月"),
        (date(2021, 6, 1), date(2021, 6, 18), "2021-06-01 to 2021-06-18", "2021年6月1日至2021年6月18日"),
    ],
)
def test_periods_in_each_language(start, end, english, chinese):
    assert (period_text(start, end, "en"), period_text(start, end, "zh")) == (english, chinese)


def test_a_day_in_each_language():
    assert (day_text(date(2021, 6, 15), "en"), day_text(date(2021, 6, 15), "zh")) == ("15 June 2021", "2021年6月15日")


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="'fr'"):
        number(1, lang="fr")


def test_dates_from_the_tables_read_as_each_language_writes_them():
    from trustreport.numbers import date_text

    assert date_text("2021-06-15", "en") == "15 June 2021"
    assert date_text("2021-06-15", "zh") == "2021年6月15日"
    assert date_text("2020-11", "en") == "November 2020"
    assert date_text("2020-11", "zh") == "2020年11月"
    assert date_text("2019", "zh") == "2019年"
    assert date_text("2019", "en") == "2019"
    assert date_text("around 6.16", "zh") == "around 6.16"


def test_a_chinese_count_below_a_million_is_never_rounded_by_wan():
    from trustreport.numbers import number

    assert number(521_976, "count", lang="zh", measure="件") == "521976件"  # not 52.2万件: the same value as English
    assert number(31_899, "count", lang="zh", measure="件") == "31899件"
    assert number(21_900, "count", lang="zh", measure="件") == "2.19万件"  # exact in 万: written so
    assert number(100_000, "people", lang="zh") == "10万人"
    assert number(3_150_000, "people", lang="zh") == "315万人"


@pytest.mark.parametrize(
    "value, base, expected",
    [
        (2_030_000, "count", "2.03 million"),
        (90_080_000, "people", "90.08 million"),
        (134_000_000, "times", "134 million"),
        (680_000_000_000, "rmb", "RMB 680 billion"),
        (1_390_000_000_000, "rmb", "RMB 1.39 trillion"),
        (381_200_000_000, "rmb", "RMB 381.2 billion"),
        (21_900, "count", "21,900"),
        (999_999, "count", "999,999"),
        (1_000_000, "count", "1 million"),
        (1_000_000_000, "count", "1 billion"),
        (55_880_000, "rmb", "RMB 55.88 million"),
        (100_000_000, "rmb", "RMB 100 million"),
        (900_000, "rmb", "RMB 900,000"),
        (479.6, "pct", "479.6%"),
        (-8.96, "pct", "-8.96%"),
        (10.07, "pct", "10.07%"),
        (0.144, "index", "0.144"),
        (3.5, "pct", "3.5%"),
        (2690.4, "count", "2,690.4"),
        (0, "count", "0"),
        (-21_900, "count", "-21,900"),
        (-2_500_000, "count", "-2.5 million"),
        (12.3456, "pct", "12.35%"),
        (1.23456, "index", "1.235"),
        (12.345, "count", "12.35"),
        (7.0, "count", "7"),
        (123_456.0, "rmb", "RMB 123,456"),
        (1e12, "count", "1 trillion"),
        (999_999_999_999, "count", "1 trillion"),
        (999_999_999, "count", "1 billion"),
        (999_999.999, "count", "1 million"),
        (1_234_567, "count", "1.23 million"),
    ],
)
def test_numbers_in_words(value, base, expected):
    assert number(value, base) == expected


def test_numbers_with_fewer_decimals():
    assert (number(100_000_000, decimals=0), number(1_500_000, decimals=1), number(12.5, decimals=0)) == (
        "100 million",
        "1.5 million",
        "12.5",
    )


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2020", "2020"),
        ("2020-06", "June 2020"),
        ("2020-06-16", "16 June 2020"),
        ("2020-01/2020-09", "January to September 2020"),
        ("2020-11/2021-01", "November 2020 to January 2021"),
        ("2021-H1", "January to June 2021"),
        ("2021-Q4", "October to December 2021"),
        ("../2024-04", "up to April 2024"),
        ("2021-10-20/2021-11-20", "2021-10-20 to 2021-11-20"),
        ("2021-06-01/2021-06-18", "2021-06-01 to 2021-06-18"),
        ("2021-05-18/2021-06-30", "2021-05-18 to 2021-06-30"),
    ],
)
def test_periods_in_words(text, expected):
    assert period_text(*parse_period(text)) == expected


@pytest.mark.parametrize(
    "largest, expected",
    [
        (9_999, (1.0, "")),
        # in full below ten million, as the labels beside it write such numbers (220,900, never 220.9 thousand)
        (10_000, (1.0, "")),
        (-10_000, (1.0, "")),
        (9_999_999, (1.0, "")),
        (10_000_000, (1e6, "million")),
        (1.42e9, (1e6, "million")),
        (9.99e9, (1e6, "million")),
        (1e10, (1e9, "billion")),
        (1.39e12, (1e9, "billion")),
        (0, (1.0, "")),
    ],
)
def test_an_axis_reads_in_one_scale_chosen_from_its_largest_value(largest, expected):
    assert axis_scale(largest) == expected


@pytest.mark.parametrize(
    "base, word, expected",
    [
        ("rmb", "billion", "RMB billion"),
        ("rmb", "", "RMB"),
        ("count", "thousand", "thousands"),
        ("count", "", "number"),
        ("people", "million", "people, millions"),
        ("people", "", "people"),
    ],
)
def test_an_axis_title_names_its_unit(base, word, expected):
    assert axis_unit(base, word) == expected


@pytest.mark.parametrize(
    "recorded, english, chinese",
    [
        ("2021-01", "January 2021", "2021年1月"),
        ("2021-12", "December 2021", "2021年12月"),
        ("2021", "2021", "2021年"),
        ("2021-06-15", "15 June 2021", "2021年6月15日"),
        ("2021-13", "2021-13", "2021-13"),  # not a month: as written
        ("2021-06-15-1", "2021-06-15-1", "2021-06-15-1"),
        ("20x1-06", "20x1-06", "20x1-06"),
        ("21-06", "21-06", "21-06"),
    ],
)
def test_a_date_as_a_table_writes_it_reads_in_words(recorded, english, chinese):
    assert (date_text(recorded, "en"), date_text(recorded, "zh")) == (english, chinese)


@pytest.mark.parametrize(
    "base, word, measure, chinese",
    [
        ("rmb", "亿", "", "亿元"),
        ("people", "万", "", "万人"),
        ("times", "万", "", "万次"),
        ("count", "万", "", "万"),
        ("count", "万", "件", "万件"),  # the figure's own measure word first
        ("rmb", "", "", "元"),
    ],
)
def test_a_chinese_axis_names_its_unit_with_its_measure_word(base, word, measure, chinese):
    assert axis_unit(base, word, "zh", measure=measure) == chinese


@pytest.mark.parametrize(
    "name, base, word, lang, column",
    [
        ("gmv", "rmb", "亿", "zh", "gmv_亿元"),
        ("appeals", "count", "万", "zh", "appeals_万"),
        ("viewers", "people", "", "zh", "viewers_人"),
        ("appeals", "count", "", "zh", "appeals"),  # no unit: no trailing underscore
        ("gmv", "rmb", "billion", "en", "gmv_rmb_billion"),
        ("appeals", "count", "", "en", "appeals"),
    ],
)
def test_a_scaled_column_carries_its_unit_in_its_name(name, base, word, lang, column):
    assert axis_column(name, base, word, axis_unit(base, word, lang), lang) == column


def test_a_series_that_writes_wan_writes_each_of_its_counts_in_wan():
    """One number style a series: beside 10.27万件 and 22.09万件, 36760件 reads 3.68万件 (rounded as the others
    are: never 98.2249万件); a series with no number in 万 stays whole; English, and numbers below 1万, as they were."""
    from trustreport.numbers import number, series_scaled

    appeals = [(36_760, "count"), (102_700, "count"), (220_900, "count")]
    wan = series_scaled(appeals, lang="zh")
    assert wan == 10_000  # the series writes 万
    assert number(36_760, "count", lang="zh", measure="件", in_scale=wan) == "3.68万件"
    assert number(982_249, "count", lang="zh", measure="件", in_scale=wan) == "98.22万件"
    assert number(102_700, "count", lang="zh", measure="件", in_scale=wan) == "10.27万件"
    assert number(5_000, "count", lang="zh", measure="件", in_scale=wan) == "5000件"  # below 1万: whole
    assert number(36_760, "count", lang="en", in_scale=1e6) == "36,760"
    assert series_scaled([(982_249, "count"), (36_760, "count")], lang="zh") == 0  # both whole: left whole
    assert series_scaled([(982_249, "count"), (8.96, "pct")], lang="zh") == 0
    assert series_scaled([(36_760, "count"), (1_044_900, "count")], lang="en") == 1e6  # 1.04 million
    # English: a number from a tenth of the scale is written in it too, never 982,249 beside 1.04 million
    assert number(982_249, "count", lang="en", in_scale=1e6) == "0.98 million"
    assert number(99_999, "count", lang="en", in_scale=1e6) == "99,999"  # below a tenth: whole, never 0.1 million
    assert number(36_760, "count", lang="zh", measure="件") == "36760件"  # alone, as before


def test_a_quotation_inside_a_chinese_title_gets_chinese_quotation_marks():
    assert title_text('2021年"双11"美妆服饰行业投诉骤增', "zh") == "《2021年“双11”美妆服饰行业投诉骤增》"
    assert title_text('快手推"匹诺曹行动"', "zh") == "《快手推“匹诺曹行动”》"
    said = title_text('去年网购投诉数量上升，"直播带货"诉求同比增357.74%', "en")
    assert said == "“去年网购投诉数量上升，‘直播带货’诉求同比增357.74%”"


def test_a_title_inside_a_chinese_title_is_marked_one_level_in():
    """A Chinese typesetter nests title marks 《…〈…〉…》, never 《…《…》…》."""
    said = title_text("快手电商发布《2020消费者安心购物指南》全面打造消费体验", "zh")
    assert said == "《快手电商发布〈2020消费者安心购物指南〉全面打造消费体验》"
    assert title_text("快手发布《2022快手电商信任建设报告》", "en") == "“快手发布《2022快手电商信任建设报告》”"


def test_a_linked_title_keeps_its_title_marks_outside_the_link():
    """A link's underline under the empty half of a full-width 《 read as a space inside the link (《 电商…)."""
    from trustreport.chapter.sources import linked_title

    source = {"title": "电商信任危机下,快手的答案是什么?", "address": "https://www.cyzone.cn/"}
    assert linked_title(source, "zh") == "《[电商信任危机下，快手的答案是什么？](<https://www.cyzone.cn/>)》"
    assert linked_title(source, "en") == "“[电商信任危机下，快手的答案是什么？](<https://www.cyzone.cn/>)”"
    assert linked_title({"title": "618 2021", "address": ""}, "en") == "“618 2021”"


@pytest.mark.parametrize(
    "text, chinese",
    [
        ("明星 (预告)", "明星（预告）"),
        ("数据 (CSV)", "数据（CSV）"),
        ("维权舆情: 虚假宣传", "维权舆情：虚假宣传"),
        ("直播电商行业投诉数据 (消费保， 2023年上半年)", "直播电商行业投诉数据（消费保，2023年上半年）"),
        ("电商信任危机下,快手的答案是什么?", "电商信任危机下，快手的答案是什么？"),
        ("UV (x 3)", "UV (x 3)"),  # nothing Chinese beside it: left as it is
    ],
)
def test_chinese_text_gets_full_width_brackets_and_marks_and_english_keeps_its_own(text, chinese):
    assert punctuated(text, "zh") == chinese
    assert punctuated(text, "en") == text


@pytest.mark.parametrize(
    "title, expected",
    [
        ("E-commerce trust and Kuaishou’s 616", "E-commerce trust and Kuaishou’s\u00a0616"),
        ("电商信任与快手616", "电商信任与快手616"),  # no spaces: breaks as Chinese does
        ("Trust", "Trust"),
    ],
)
def test_a_title_never_leaves_its_last_word_alone(title, expected):
    assert title_bound(title) == expected


def test_a_note_after_a_bracketed_chinese_name_goes_inside_the_bracket():
    """Chinese typesetting: 处罚（次或人次；数月）, never two brackets side by side; English appends the note."""
    from trustreport.numbers import with_note

    assert with_note("对商家和主播的处罚（次或人次）", "数月", "zh") == "对商家和主播的处罚（次或人次；数月）"
    assert with_note("复购率", "半年", "zh") == "复购率（半年）"
    assert with_note("Penalties (times)", "over a run of months", "en") == "Penalties (times), over a run of months"


def test_a_series_is_written_in_the_smallest_scale_any_of_its_numbers_takes():
    """One number style a series: Kuaishou's GMV reads 9012亿元 beside 11844亿元 (never beside 1.18万亿元), and
    RMB 901.2 billion beside RMB 1,184.4 billion; a number alone keeps its own scale."""
    from trustreport.numbers import number, series_scaled

    gmv = [(381.2e9, "rmb"), (901.2e9, "rmb"), (1184.4e9, "rmb"), (1390e9, "rmb")]
    for lang, want in (
        ("zh", ["3812亿元", "9012亿元", "11844亿元", "13900亿元"]),
        ("en", ["RMB 381.2 billion", "RMB 901.2 billion", "RMB 1,184.4 billion", "RMB 1,390 billion"]),
    ):
        scale = series_scaled(gmv, lang=lang)
        assert [number(v, "rmb", lang=lang, in_scale=scale) for v, _ in gmv] == want, lang
    assert number(1184.4e9, "rmb", lang="zh") == "1.18万亿元"
    assert series_scaled([(8.96, "pct")], lang="zh") == 0


def test_a_number_in_a_series_is_never_written_finer_than_it_was_reported():
    """Kuaishou's 2024 GMV was reported as 1.39万亿元: beside 11844亿元 it reads 约13900亿元 ("about RMB 1,390
    billion"), one number style for the series that claims no precision the source gave; a figure with its own
    qualifier keeps it; a figure alone keeps the unit it was reported in."""
    from trustreport.numbers import figure

    assert figure(1.39e12, "万亿元", None, lang="zh", in_scale=1e8) == "约13900亿元"
    assert figure(1.39e12, "万亿元", None, lang="en", in_scale=1e9) == "about RMB 1,390 billion"
    assert figure(1.39e12, "万亿元", "more than", lang="zh", in_scale=1e8) == "超过13900亿元"
    assert figure(1.39e12, "万亿元", None, lang="zh") == "1.39万亿元"
    assert figure(1.1844e12, "亿元", None, lang="zh", in_scale=1e8) == "11844亿元"
    assert figure(9.012e11, "亿元", None, lang="zh", in_scale=1e8) == "9012亿元"
    # the 2020 gala's 1.34亿次 interactions beside figures in millions: as many digits as reported, no "about"
    assert figure(1.34e8, "亿次", None, lang="en", in_scale=1e6) == "134 million"
    assert figure(1.34e8, "亿次", None, lang="zh", in_scale=1e4) == "约13400万次"
