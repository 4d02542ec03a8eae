"""Hostile input gets nowhere: text from data, parameters and file names reaches every output as text.

An edition is built from data and a records file whose words are attacks on each format the report writes (HTML,
Markdown with Quarto's shortcodes, math and citations, Typst, Vega specs and tooltips, CSV for spreadsheets); every
page is then opened in Chromium, which must run none of it."""

from __future__ import annotations

import contextlib
import csv
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from browsing import ALL_CHARTS_LIVE, serving, settle, tab
from conftest import ENGINES, ROOT, cli, need_engine, pdftotext, relative, render_by_each_engine, scratch_edition

# Payloads pandoc would take as valid raw HTML if they were not escaped (unquoted attributes, no '=' inside).
SCRIPT = "<script>alert(1)</script>"
ATTACKS = {
    # file, text to find, hostile replacement: each reaches pages through a different path
    "sources.csv": [
        ("A New Online Ecosystem", SCRIPT),  # a source title, in every source line that cites it
        ("Beijing Review", "[click me](javascript:alert(2))"),  # a publisher as a Markdown link
        # addresses, which become links: one that runs script, one that would end its attribute
        (
            "https://aventura.group/2021/06/25/behind-the-figures-of-this-years-618-shopping-festival/",
            "javascript:alert(7)",
        ),
        (
            "http://m.cncms.com/yunying/dianshang/20220303/030311272.html",
            '"https://x.example/a\'b""><script>alert(8)</script>"',
        ),
    ],
    "gala.csv": [(",快手一千零一夜,2020,", ",<svg onload=alert(3)>,2020,")],  # a gala's name, in the prose
    "tactics.csv": [
        (",匹诺曹行动,匹诺曹", ",<img src=x onerror=alert(4)> {{< include /etc/passwd >}} @fig-x $x^2$,匹诺曹")
    ],
    "events.csv": [("first livestream after the ban", "</script><script>alert(5)</script>")],  # an event, in chart data
    "complaints.csv": [(",售后服务,share,", ",=HYPERLINK(1+1)|cmd,share,")],  # a label, in a chart's CSV
}
TITLE = "<b>bold</b> {{< include /etc/passwd >}} $x$"
SUBTITLE = (
    "<img src=x onerror=alert(9)> [link](javascript:alert(10)) {{< include /etc/passwd >}}"  # also a page's description
)
RECORDS_NAME = "<img src=x onerror=alert(6)>.csv"


def _hostile_edition(out: Path) -> None:
    """The hostile edition's chapters run once, then rendered by each engine into out/<engine>/."""
    aggregate = ROOT / "build" / "tests" / "hostile" / "records.parquet"
    params = scratch_edition(
        "hostile",
        ATTACKS,
        f'title: "{TITLE}"\nsubtitle: "{SUBTITLE}"\ncomplaint_records: "{relative(aggregate)}"\n',
    )
    records = aggregate.parent / "records" / RECORDS_NAME
    records.parent.mkdir()
    records.write_text(
        "id,created_at,platform,category\na1,2021-06-16,快手,质量\na2,2021-07-02,=cmd|' /C calc'!A0,质量\n",
        encoding="utf-8",
    )
    assert cli("ingest-complaints", str(records), "--out", str(aggregate)).returncode == 0
    render_by_each_engine(params, out)


@pytest.fixture(scope="module", params=ENGINES)
def hostile(request, shared) -> Path:
    """The hostile edition as one engine renders it: a folder holding site/ and the PDF."""
    need_engine(request.param)
    return shared.get("hostile", _hostile_edition) / request.param


class Elements(HTMLParser):
    """Every element of a page as a browser builds it: tag, attributes, and the text of scripts."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self.bold: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)
        if self.tags and self.tags[-1][0] == "b":
            self.bold.append(data)


def test_no_hostile_markup_survives_in_the_pages(hostile):
    pages = sorted((hostile / "site").glob("*.html"))
    assert len(pages) >= 6
    for page in pages:
        html = page.read_text(encoding="utf-8")
        parsed = Elements()
        parsed.feed(html)
        assert not [s for s in parsed.scripts if "alert(" in s and not s.lstrip().startswith("{")], (
            page.name
        )  # only as JSON data
        for tag, attrs in parsed.tags:
            handlers = {k: v for k, v in attrs.items() if k.startswith("on")}
            assert not any("alert(" in (v or "") for v in handlers.values()), (page.name, tag, handlers)
            assert not (attrs.get("href") or "").strip().lower().startswith("javascript:"), (page.name, tag, attrs)
        assert "root:x:0:" not in html, page.name  # Quarto's include shortcode was not obeyed
        assert "bold" not in parsed.bold, page.name  # the edition's title <b>bold</b> is text, not markup
    complaints = (hostile / "site" / "10_complaints.html").read_text(encoding="utf-8")
    assert "onerror=alert(6)" in complaints  # the records file's name is there, as text
    tactics = (hostile / "site" / "40_trust_tactics.html").read_text(encoding="utf-8")
    assert "@fig-x" in tactics  # a citation key, shown as typed


def test_no_hostile_script_runs_in_a_browser(hostile, browser):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    dialogs: list[str] = []
    with serving(hostile / "site") as address, tab(browser) as page:  # one tab, going from page to page
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for page_file in sorted((hostile / "site").glob("*.html")):
            dialogs.clear()  # this page's
            page.goto(f"{address}/{page_file.name}")
            settle(page)
            # the charts turn live (their scripts run with the hostile data), however long that takes here; a chart
            # left static runs nothing either, and what follows checks that nothing ran
            with contextlib.suppress(PlaywrightTimeout):
                page.wait_for_function(ALL_CHARTS_LIVE, timeout=15_000)
            for figure in page.locator("figure.tr-chart svg").all()[:3]:  # tooltips show data on hover
                figure.hover()
            assert not dialogs, (page_file.name, dialogs)


def test_downloaded_csvs_hold_no_formula(hostile):
    cells = []
    for path in sorted((hostile / "site" / "data").glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as handle:
            cells += [cell for row in csv.reader(handle) for cell in row]
    assert any("HYPERLINK" in c for c in cells) and any("cmd|" in c for c in cells)  # the attacks are there, as text
    for cell in cells:
        if re.fullmatch(r"-?\d+(\.\d+)?(e[+-]?\d+)?", cell):
            continue  # a number, negative or not, is a number
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_the_pdf_prints_the_hostile_text_as_text(hostile):
    pdf = next(hostile.glob("*.pdf"))
    text = " ".join(pdftotext(pdf).split())
    assert "<b>bold</b>" in text  # the edition's title, printed as the characters it is
    assert "<script>alert(1)</script>" in text  # the source title, in a source line
