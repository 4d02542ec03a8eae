"""The rules, checked against values written out here, never against the code that applies them: text
from data reaches each format the report writes as text (trustreport.escape)."""

from __future__ import annotations

import pytest

from trustreport import escape


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
