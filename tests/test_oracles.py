"""The rules, checked against values written out here, never against the code that applies them: units and their
factors, numbers and periods in words, derivations, the edition schema, escaping. Fast: nothing is built."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import pytest

from conftest import ROOT
from trustreport import escape
from trustreport.chapter.figures import Figures
from trustreport.data import derivations
from trustreport.data.periods import parse_period
from trustreport.data.tables import fingerprint, load_all
from trustreport.data.units import UNITS, to_base
from trustreport.errors import InvalidInput, UsageError
from trustreport.numbers import NOT_REPORTED, axis_scale, axis_unit, number, period_text
from trustreport.params import load_edition

# ---- units -------------------------------------------------------------------------------------------------------

FACTORS = {
    "件": (1, "count"),
    "万件": (10_000, "count"),
    "个": (1, "count"),
    "条": (1, "count"),
    "组": (1, "count"),
    "位": (1, "count"),
    "万": (10_000, "count"),
    "亿": (100_000_000, "count"),  # "10亿福利": a number announced with no unit
    "次": (1, "times"),
    "万次": (10_000, "times"),
    "亿次": (100_000_000, "times"),
    "人次": (1, "times"),
    "万人次": (10_000, "times"),
    "人": (1, "people"),
    "万人": (10_000, "people"),
    "万小时": (10_000, "hours"),
    "元": (1, "rmb"),
    "万元": (10_000, "rmb"),
    "百万元": (1_000_000, "rmb"),
    "亿元": (100_000_000, "rmb"),
    "万亿元": (1_000_000_000_000, "rmb"),
    "billion RMB": (1_000_000_000, "rmb"),
    "%": (1, "pct"),
    "index": (1, "index"),
}


def test_every_unit_has_the_factor_and_base_it_should():
    assert set(UNITS) == set(FACTORS)
    for unit, (factor, base) in FACTORS.items():
        assert (UNITS[unit].factor, UNITS[unit].base) == (factor, base), unit


@pytest.mark.parametrize(
    "value, unit, expected",
    [
        (9008, "万人", 90_080_000),
        (2.19, "万件", 21_900),
        (1.34, "亿次", 134_000_000),
        (3811.7, "亿元", 381_170_000_000),
        (1.39, "万亿元", 1_390_000_000_000),
        (118559.4, "百万元", 118_559_400_000),
        (1.4, "billion RMB", 1_400_000_000),
        (5588, "万元", 55_880_000),
        (21, "万人次", 210_000),
        (-8.96, "%", -8.96),
        (0.144, "index", 0.144),
        (982249, "件", 982_249),
        (10, "亿", 1_000_000_000),
    ],
)
def test_to_base_against_written_out_values(value, unit, expected):
    assert to_base(value, unit) == expected


@pytest.mark.parametrize("value, shown", [(math.nan, "nan"), (math.inf, "inf"), (-math.inf, "-inf")])
def test_to_base_refuses_what_is_not_a_number(value, shown):
    with pytest.raises(ValueError) as caught:
        to_base(value, "万件")
    assert str(caught.value) == f"{shown} 万件: not a finite number"


# ---- numbers and periods in words -----------------------------------------------------------------------------------


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
    "text, bounds",
    [
        ("2020-Q1", (date(2020, 1, 1), date(2020, 3, 31))),
        ("2020-H2", (date(2020, 7, 1), date(2020, 12, 31))),
        ("2024-02", (date(2024, 2, 1), date(2024, 2, 29))),
        ("2023-02", (date(2023, 2, 1), date(2023, 2, 28))),
        ("../2024-04", (None, date(2024, 4, 30))),
        ("2020", (date(2020, 1, 1), date(2020, 12, 31))),
    ],
)
def test_period_bounds(text, bounds):
    assert parse_period(text) == bounds


@pytest.mark.parametrize("text", ["2021-02-30", "2021-06/2020-01", "2020-13", "June 2020", "2020-Q5"])
def test_periods_that_are_not(text):
    with pytest.raises(ValueError):
        parse_period(text)


@pytest.fixture(scope="module")
def figures() -> Figures:
    return Figures(load_all(ROOT / "data" / "raw"))


@pytest.mark.parametrize(
    "figure_id, phrase",
    [
        ("gala-2020-viewers", "90.08 million"),
        ("c-12315-online-2020", "2.03 million"),
        ("ks-gmv-2021", "RMB 680 billion"),
        ("gov-2021-intercepted", "more than 62.44 million"),
        ("c-samr-live-2021", "102,700 (derived)"),
        ("c-12315-live-2020q3", "21,900"),
        ("p-all-618-2021", "RMB 578.5 billion (estimate)"),
        ("gala-2020-hotsearch", "more than 200"),
        (None, NOT_REPORTED),
        ("no-such-figure", NOT_REPORTED),
    ],
)
def test_figures_as_the_prose_states_them(figures, figure_id, phrase):
    assert figures.text(figure_id) == phrase


def test_a_ratio_and_its_absence(figures):
    assert figures.ratio("c-xfb-douyin-2023", "c-xfb-kuaishou-2023") == "9.3"  # 31,899 / 3,419
    assert figures.ratio("c-xfb-douyin-2023", "no-such-figure") == NOT_REPORTED


def test_find_picks_by_what_a_figure_is(figures):
    assert figures.find("gala", year=2020, measure="viewers") == "gala-2020-viewers"
    assert figures.find("gala", year=2021, measure="viewers") is None
    assert figures.find("platform_gmv", year=2021, whole_year=True, measure="gmv", label_zh="电商GMV") == "ks-gmv-2021"
    with pytest.raises(Exception, match="not among the tables this chapter declared"):
        Figures({"sources": figures.tables["sources"], "gala": figures.tables["gala"]}).find("complaints")


# ---- derivations -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "formula, expected",
    [
        ("{a} / (1 + {b} / 100)", 6800e8 / 1.784),
        ("{a} - {b}", 6800e8 - 78.4),
        ("-{b} * 2", -156.8),
        ("({a} + {a}) / 2", 6800e8),
        ("3 * 4 - 2", 10),
    ],
)
def test_derivations_compute(formula, expected):
    assert derivations.evaluate(formula, {"a": 6800e8, "b": 78.4}) == pytest.approx(expected, rel=1e-12)


ONLY = "may hold only numbers, + - * /, parentheses and {figure_id}s"


@pytest.mark.parametrize(
    "formula, message",
    [
        ("{a} / 0", "divides by zero"),
        ("{c} + 1", "refers to {c}, which is not a figure in the data"),
        ("__import__('os')", ONLY),
        ("{a} ** 2", ONLY),
        ("{a} +", "is not arithmetic over {figure_id}s"),
        ("1" * 31, "holds a number of more than 30 digits"),
        ("1 + " * 200 + "1", "is 801 characters long: a derivation is a short formula (at most 400)"),
    ],
)
def test_derivations_refuse(formula, message):
    with pytest.raises(derivations.FormulaError) as caught:
        derivations.evaluate(formula, {"a": 1.0})
    assert str(caught.value) == message


def test_derivations_at_their_limits():
    assert derivations.evaluate("1+" * 199 + "1 ", {}) == 200  # 400 characters
    assert derivations.evaluate("1" * 30, {}) == float("1" * 30)  # 30 digits


def test_fingerprint_is_sha256_of_named_digests():
    import hashlib

    digests = {"gala": "ab" * 32, "sources": "cd" * 32}
    expected = hashlib.sha256(f"gala {'ab' * 32}\nsources {'cd' * 32}".encode()).hexdigest()[:12]
    assert fingerprint(digests) == expected == fingerprint(dict(reversed(list(digests.items()))))


# ---- the edition schema ---------------------------------------------------------------------------------------------


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "e.yml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD = 'edition: "oracle"\nfocus_year: 2021\nbaseline_year: 2020\n'


def test_an_edition_gets_the_base_values_and_overrides_them(tmp_path):
    edition = load_edition(str(write(tmp_path, GOOD + "subtitle: mine\n")))
    assert (edition.edition, edition.focus_year, edition.baseline_year) == ("oracle", 2021, 2020)
    assert (
        edition.title == "E-commerce trust and Kuaishou's 616"
        and edition.subtitle == "mine"
        and edition.data_dir == "data/raw"
    )
    assert edition.what_if.uv == 100_000_000 and edition.allow_synthetic is False and edition.complaint_records is None


@pytest.mark.parametrize(
    "extra, key",
    [
        ("focus_yaer: 2021\n", "focus_yaer"),
        ('focus_year: "2021"\n', "focus_year"),
        ("baseline_year: 2022\n", None),
        ("data_dir: /etc\n", "data_dir"),
        ("data_dir: data/../..\n", "data_dir"),
        ("complaint_records: /x.parquet\n", "complaint_records"),
        ("title: ''\n", "title"),
        ("allow_synthetic: 1\n", "allow_synthetic"),
    ],
)
def test_an_edition_is_refused_naming_the_key(tmp_path, extra, key):
    text = GOOD.replace("focus_year: 2021\n", "") + extra if extra.startswith("focus_year") else GOOD + extra
    with pytest.raises(InvalidInput) as caught:
        load_edition(str(write(tmp_path, text)))
    if key:
        assert any(p.key == key or (p.key or "").startswith(key) for p in caught.value.problems), [
            str(p) for p in caught.value.problems
        ]


def test_the_safe_loader_refuses_python_tags(tmp_path):
    marker = tmp_path / "ran"
    with pytest.raises(InvalidInput, match="YAML does not parse"):
        load_edition(
            str(
                write(
                    tmp_path,
                    f'edition: !!python/object/apply:os.system ["touch {marker}"]\nfocus_year: 2021\nbaseline_year: '
                    "2020\n",
                )
            )
        )
    assert not marker.exists()


def test_an_unknown_edition_is_a_usage_error():
    with pytest.raises(UsageError, match="no edition 'nope'"):
        load_edition("nope")


# ---- escaping -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("<b>x</b>", "\\<b\\>x\\</b\\>"),
        ("[a](javascript:x)", "\\[a\\](javascript\\:x)"),
        ("$x$ @fig", "\\$x\\$ \\@fig"),
        ("a\nb", "a b"),
        ("# h", "\\# h"),
        ("1. x", "1\\. x"),
        ("- x", "\\- x"),
        ("*x*_y_", "\\*x\\*\\_y\\_"),
        ("a\x00b", "ab"),
        ("{{< x >}}", "\\{\u2060\\{\\< x \\>\\}\u2060\\}"),
    ],
)
def test_markdown_escaping(text, expected):
    assert escape.markdown(text) == expected


@pytest.mark.parametrize(
    "value, expected",
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-x", "'-x"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("快手", "快手"),
        (-8.96, -8.96),
        (3, 3),
    ],
)
def test_csv_cells_never_formulas(value, expected):
    assert escape.csv_cell(value) == expected


def test_typst_and_html_escaping():
    assert escape.typst_string('a"b\\c\n\x01') == '"a\\"b\\\\c\\n\\u{1}"'
    assert escape.html('<a href="x">&\'') == "&lt;a href=&quot;x&quot;&gt;&amp;&#x27;"


@pytest.mark.parametrize(
    "path, ok",
    [
        ("data/raw", True),
        ("data/记录/x.parquet", True),
        ("$(shell x)", False),
        ("a b", False),
        ("a;b", False),
        ("a#b", False),
        ("a:b", False),
        ("-rf", False),
        ("a%b", False),
    ],
)
def test_make_paths(path, ok):
    if ok:
        assert escape.make_path(path) == path
    else:
        with pytest.raises(ValueError):
            escape.make_path(path)


@pytest.mark.parametrize(
    "largest, expected",
    [
        (9_999, (1.0, "")),
        (10_000, (1e3, "thousand")),
        (-10_000, (1e3, "thousand")),
        (9_999_999, (1e3, "thousand")),
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


def test_a_scaled_column_names_its_unit_and_holds_the_scaled_values():
    import polars as pl

    from trustreport.charts.axes import scaled

    frame, column, unit = scaled(pl.DataFrame({"value_base": [1.42e9, 5.588e7]}), "sales", "rmb")
    assert (column, unit) == ("sales_rmb_million", "RMB million") and frame[column].to_list() == pytest.approx(
        [1420.0, 55.88]
    )
    frame, column, unit = scaled(pl.DataFrame({"value_base": [36_760.0, 220_900.0]}), "appeals", "count")
    assert (column, unit) == ("appeals_thousands", "thousands") and frame[column].to_list() == pytest.approx(
        [36.76, 220.9]
    )
    frame, column, unit = scaled(pl.DataFrame({"value_base": [45.0, 70.0]}), "rate", "pct")
    assert (column, unit) == ("rate", "number") and frame[column].to_list() == [45.0, 70.0]


def test_chinese_runs_are_marked_and_the_rest_escaped():
    assert escape.html_text("快手 一千零一夜 <b>") == '<span lang="zh">快手 一千零一夜</span> &lt;b&gt;'
    assert escape.html_text("在2020—2022年增长了多少？ ok") == '<span lang="zh">在2020—2022年增长了多少？</span> ok'
    assert escape.html_text("plain & simple") == "plain &amp; simple"


def test_only_web_addresses_become_links():
    assert escape.web_address("javascript:alert(1)") is None and escape.web_address(" JavaScript:alert(1)") is None
    assert escape.web_address("data:text/html,<script>") is None and escape.web_address("(no address kept)") is None
    assert escape.web_address('https://a.example/x"><s>') == "https://a.example/x%22%3E%3Cs%3E"
    assert escape.web_address("https://a.example/x y") is None  # a space: not an address as written
    assert escape.markdown_link("t", "javascript:x") == "t"
    assert escape.markdown_link("t", "https://a.example/(1)") == "[t](<https://a.example/%281%29>)"
