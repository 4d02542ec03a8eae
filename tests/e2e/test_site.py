"""Publishing and the site in a real browser: two versions, the switcher, the what-changed page, live charts."""

from __future__ import annotations

import html as html_lib
import json
import re
from pathlib import Path

import pytest

from browsing import open_page, search, serving
from conftest import (
    DEFAULT_EDITION,
    ENGINES,
    PUBLISHED_PAGES,
    ROOT,
    assert_user_error,
    cli,
    parsed_html,
    render_by_each_engine,
    rendering,
    scratch_edition,
    visible_text,
)
from sweeps import AXE_MODES

PAGES = PUBLISHED_PAGES
CHAPTERS = {"10_complaints.html": 1, "20_gala.html": 2, "30_festival_gmv.html": 3, "40_trust_tactics.html": 4}


# The one figure the second published version changes: 21,900 complaints become 35,000.
MORE_COMPLAINTS = {"complaints.csv": [("2020-01/2020-09,2.19,万件", "2020-01/2020-09,3.5,万件")]}


def _changed_edition(out: Path) -> None:
    """An edition built from a copy of the data with one figure changed, rendered by each engine into out/<engine>/
    (the chapters run once, then Quarto renders them again)."""
    render_by_each_engine(scratch_edition("site-test", MORE_COMPLAINTS), out)


@pytest.fixture(scope="session", params=ENGINES)
def site(request, shared, built, tmp_path_factory) -> Path:
    """Version 1.0.0 from the default edition, then 1.1.0 from a copy of the data with one figure changed, both
    rendered by one engine."""
    engine = request.param
    first = rendering(shared, built, engine)
    changed = shared.get("site-test", _changed_edition) / engine
    site = tmp_path_factory.mktemp(f"published-{engine}") / "site"
    published = cli("publish", DEFAULT_EDITION, "--site", str(site), "--version", "1.0.0", "--build", str(first))
    assert published.returncode == 0, published.stderr
    published = cli("publish", "site-test", "--site", str(site), "--version", "1.1.0", "--build", str(changed))
    assert published.returncode == 0, published.stderr
    return site


@pytest.fixture(scope="session")
def server(site):
    with serving(site) as address:
        yield address


def test_versions_index_and_latest(site):
    index = json.loads((site / "versions.json").read_text(encoding="utf-8"))
    assert index["latest"] == "1.1.0" and [v["version"] for v in index["versions"]] == ["1.1.0", "1.0.0"]
    assert (site / "latest" / "index.html").is_file() and (site / "v" / "1.0.0" / "manifest.json").is_file()
    manifest = json.loads((site / "v" / "1.0.0" / "manifest.json").read_text(encoding="utf-8"))
    for key in ("report_version", "git_describe", "parameters", "inputs_sha256", "lock_sha256", "engine", "tools"):
        assert manifest[key], key
    assert "data/raw/complaints.csv" in manifest["inputs_sha256"]


@pytest.mark.parametrize("where", ["latest", "v/1.0.0"])
def test_every_page_loads_offline_without_errors_and_every_chart_draws(sweep, site, where):
    """Each page of a version, read once it has settled (tests/sweeps.py): nothing went wrong, nothing was asked of
    another host, every chart drew marks, the version switcher names both versions, the PDF link fetches."""
    answers = sweep(site, 1280, under=f"{where}/")
    assert sorted(answers) == sorted(PAGES)
    for name, found in answers.items():
        assert not found["errors"], f"{where}/{name}: {found['errors']}"
        assert not found["foreign"], f"{where}/{name} asked another host for {found['foreign']}"
        for i, marks in enumerate(found["charts_drawn"]):
            assert marks > 0, f"{name}: chart {i} drew nothing"
        options = found["version_options"]
        assert len(options) == 2 and any("1.0.0" in o for o in options) and any("1.1.0" in o for o in options)
        assert found["pdf_link_fetches"] is not None, f"{name}: no link to the PDF"
        assert found["pdf_link_fetches"], f"{name}: the PDF link is broken"


@pytest.mark.parametrize("width, scheme", AXE_MODES, ids=[f"{w}-{s}" for w, s in AXE_MODES])
def test_the_what_changed_page_has_no_wcag_21_aa_violation(sweep, site, width, scheme):
    """The one page a published version adds (the others are checked in tests/e2e/test_accessibility.py). In dark mode
    no other test reads the published pages: that visit opens this page alone."""
    only = ("changes.html",) if scheme == "dark" else ()
    found = sweep(site, width, scheme, under="latest/", only=only)["changes.html"]
    nodes = found["axe"] + (found["dark_charts"] + found["dark_frame"] if scheme == "dark" else [])
    assert nodes == [], nodes[:5]


@pytest.mark.parametrize("width", [1280, 390])
def test_every_page_fits_the_screen_and_its_chart_text_stays_readable(sweep, site, width):
    """At a desktop's width and a phone's: no page scrolls sideways, every chart is drawn to its column's width
    (not shrunk), and no chart text is smaller than 9 px."""
    answers = sweep(site, width, under="latest/")
    assert sorted(answers) == sorted(PAGES)
    for name, found in answers.items():
        assert found["page_width"] <= width, f"{name} at {width} px scrolls sideways"
        assert found["small_text"] == [], f"{name} at {width} px"
        for chart in found["chart_widths"]:
            column, drawn = chart["column"], chart["drawn"]
            assert drawn <= column + 1, f"{name} at {width} px: a chart {drawn:.0f} px wide in a {column} px column"
            assert drawn >= 0.85 * min(column, 700), (
                f"{name} at {width} px: a chart {drawn:.0f} px wide leaves its {column} px column empty"
            )
        assert not found["errors"], found["errors"]


def test_every_chart_has_its_number_and_title_as_a_caption(site):
    """Figure <chapter>.<n>, counted from 1 on each chapter page, the title in the page's text, not in the drawing."""
    for name, chapter in CHAPTERS.items():
        html = (site / "latest" / name).read_text(encoding="utf-8")
        figures = re.findall(r'<figure class="tr-chart[" ].*?</figure>', html, flags=re.S)  # Quarto adds class "figure"
        assert figures, name
        for n, figure in enumerate(figures, start=1):
            caption = re.search(
                r'<figcaption class="tr-chart-caption"><span class="tr-fig-label">Figure (\d+)\.(\d+)</span> '
                r'<span class="tr-chart-title">((?:[^<]|<span lang="zh">[^<]*</span>)+)</span>',
                figure,
            )
            assert caption, f"{name}: figure {n} has no numbered caption"
            assert (int(caption.group(1)), int(caption.group(2))) == (chapter, n), (
                f"{name}: figure {n} is numbered {caption.group(1)}.{caption.group(2)}"
            )
            title = html_lib.unescape(re.sub(r"<[^>]+>", "", caption.group(3)))
            drawn = " ".join(
                re.findall(r"<text\b[^>]*>([^<]*)</text>", re.search(r"<svg.*?</svg>", figure, flags=re.S).group(0))
            )
            assert title not in html_lib.unescape(drawn), f"{name}: the title {title!r} is drawn inside the chart too"


def test_sources_are_links_and_the_references_list_every_one_cited(site):
    import csv

    sources = {row["id"]: row for row in csv.DictReader((ROOT / "data" / "raw" / "sources.csv").open(encoding="utf-8"))}
    cited = set()
    for table in (ROOT / "data" / "raw").glob("*.csv"):
        if table.name != "sources.csv":
            cited |= {row["source_id"] for row in csv.DictReader(table.open(encoding="utf-8")) if row.get("source_id")}
    references = (site / "latest" / "references.html").read_text(encoding="utf-8")
    for source_id in sorted(cited):
        row = sources[source_id]
        # a translation is listed beside its Chinese original (original_id), in the original's entry
        listed = row.get("original_id") or source_id
        assert f'id="src-{listed}"' in references, f"references: {source_id} is not listed"
        entry = references.split(f'id="src-{listed}"')[0].rsplit("<li>", 1)[1]
        # as a reader reads it: tags (such as Chinese runs' lang marks) aside, every quotation mark the same (a
        # quotation inside an English title's “…” is set ‘…’, as English nests them)
        # and a Chinese title's punctuation set full-width, with no space beside it, as the original sets it
        marks = str.maketrans("‘’“”'，？：；！（）", '""""",?:;!()')
        straight = html_lib.unescape(re.sub(r"<[^>]+>", "", entry)).translate(marks)
        assert re.sub(r"\s", "", row["title"].translate(marks)) in re.sub(r"\s", "", straight), source_id
        if row["address"].startswith(("http://", "https://")):
            assert re.search(r'<a href="https?://', entry), f"references: {source_id} is not linked"
    assert "Cite this report" in references and "Version 1." in references
    for name in CHAPTERS:
        html = (site / "latest" / name).read_text(encoding="utf-8")
        notes = re.findall(r'<div class="tr-source">.*?</div>', html, flags=re.S)
        # every source line links its sources; only the seed article (创业邦), kept without an address, cannot be
        assert notes and all(re.search(r'<a href="https?://', note) or "创业邦" in note for note in notes), name
        assert not re.search(r'href="(javascript|data):', html, flags=re.I)
        specs = [
            json.loads(html_lib.unescape(m))
            for m in re.findall(
                r'<script type="application/json" class="tr-chart-spec">(.*?)</script>', html, flags=re.S
            )
        ]
        assert '"source_id"' not in json.dumps([tooltip_fields(s) for s in specs]), (
            f"{name}: a tooltip shows a source id"
        )


def tooltip_fields(node) -> list:
    if isinstance(node, dict):
        found = [node["tooltip"]] if "tooltip" in node else []
        return found + [
            f for key, value in node.items() if key not in ("data", "datasets") for f in tooltip_fields(value)
        ]
    if isinstance(node, list):
        return [f for item in node for f in tooltip_fields(item)]
    return []


def test_the_switcher_moves_between_versions(browser, server):
    with open_page(browser, f"{server}/latest/20_gala.html") as (page, errors, _):
        page.wait_for_selector(".tr-versions select")
        page.select_option(".tr-versions select", "1.0.0")
        page.wait_for_url(f"{server}/v/1.0.0/20_gala.html")
        assert not errors


def test_moving_a_what_if_slider_changes_the_result(browser, server):
    with open_page(browser, f"{server}/latest/40_trust_tactics.html") as (page, errors, _):
        page.wait_for_selector("#fig-gmv-what-if.tr-live")
        labels = lambda: page.locator("#fig-gmv-what-if svg text").all_text_contents()  # noqa: E731
        values = lambda: [t for t in labels() if t.startswith("RMB ")]  # noqa: E731  the two bars' readouts
        ticks = lambda: [t for t in labels() if t.endswith((" bn", " m"))]  # noqa: E731  the GMV axis
        change = lambda: [t for t in labels() if t.endswith(" on the base")]  # noqa: E731  the what-if's change, in words
        before, axis_before = values(), ticks()
        assert before == ["RMB 720 million", "RMB 720 million"] and change() == ["unchanged on the base"], labels()
        slider = page.locator("#fig-gmv-what-if input[type=range]").first
        assert slider.get_attribute("step") == "5"
        # both languages name the control a reader moves
        assert "UV, users reached" in page.locator("#fig-gmv-what-if label").first.inner_text()
        slider.evaluate("el => { el.value = 50; el.dispatchEvent(new Event('input', {bubbles: true})); }")
        page.wait_for_function(
            "(b) => [...document.querySelectorAll('#fig-gmv-what-if svg text')].map(t => t.textContent)"
            ".filter(t => t.startsWith('RMB ')).join() !== b",
            arg=",".join(before),
        )
        after = values()
        # the two a series, in the smaller's scale: never RMB 720 million beside RMB 1.08 billion
        assert after == ["RMB 720 million", "RMB 1,080 million"] and change() == ["up 50% on the base"], labels()
        # base stays, what-if moves
        assert ticks() == axis_before  # the axis holds still, so the bar's length is what a reader sees move
        page.get_by_role("button", name="Reset").click()
        page.wait_for_function(
            "() => [...document.querySelectorAll('#fig-gmv-what-if svg text')]"
            ".some(t => t.textContent === 'unchanged on the base')"
        )
        assert values() == before
        assert not errors


def test_what_changed_lists_the_changed_figure_with_its_source(site):
    page = (site / "v" / "1.1.0" / "changes.html").read_text(encoding="utf-8")
    assert "Compared with version" in page and "1 figure changed" in page
    row = page.split('data-figure="c-12315-live-2020q3"', 1)[1].split("</tr>", 1)[0]
    assert "21,900" in row and "35,000" in row
    # what it counts and when, and who published it, linked to its entry on the References page: no codes
    assert "livestream-related complaints and reports (2020-01/2020-09)" in visible_text(row)
    assert '<a href="references.html#src-workers-daily-2020q3">' in row and "Workers&#x27; Daily" in row
    assert "c-12315-live-2020q3" not in visible_text(page) and "workers-daily-2020q3" not in visible_text(page)
    assert "Headline numbers that changed" in page
    # the chapter named as its page names itself, and linked to it: not by its file's name
    assert '<td><a href="10_complaints.html">The trust deficit</a></td>' in page
    assert "<td>10_complaints</td>" not in page
    first = (site / "v" / "1.0.0" / "changes.html").read_text(encoding="utf-8")
    assert "The first published version" in first


def test_a_published_version_is_immutable(site):
    before = (site / "v" / "1.1.0" / "manifest.json").read_bytes()
    assert_user_error(
        cli("publish", DEFAULT_EDITION, "--site", str(site), "--version", "1.1.0"),
        1,
        "already published with different content",
    )
    assert (site / "v" / "1.1.0" / "manifest.json").read_bytes() == before
    same = cli("publish", DEFAULT_EDITION, "--site", str(site), "--version", "1.0.0")
    assert same.returncode == 0 and "nothing to do" in same.stdout


def test_site_search_finds_chinese_terms(browser, server):
    with open_page(browser, f"{server}/latest/index.html") as (page, errors, _):
        targets = search(page, "匹诺曹")
        assert any(t.lstrip("./").startswith("40_trust_tactics.html") for t in targets), targets
        assert not errors


CJK = re.compile(r"[\u3400-\u9fff]+")


def test_chinese_text_is_marked_as_chinese(site):
    """Screen readers switch voice and browsers choose the Chinese font by `lang`: every Chinese run in a chapter's
    text and captions sits inside an element marked lang="zh" (the page itself is English)."""
    for name in CHAPTERS:
        soup = parsed_html((site / "latest" / name).read_text(encoding="utf-8"))
        assert soup.html.get("lang", "").startswith("en"), name
        main = soup.find("main")
        for hidden in main.find_all(["svg", "script", "style"]):
            hidden.decompose()
        unmarked = []
        for text in main.find_all(string=CJK):
            if not any(parent.get("lang", "").startswith("zh") for parent in text.parents if parent.name):
                unmarked.append(str(text).strip()[:30])
        assert len(unmarked) == 0, f"{name}: Chinese outside lang=zh: {unmarked[:5]}"
        assert main.find(attrs={"lang": "zh"}), name


def test_a_keyboard_reader_can_skip_to_the_text_and_link_to_a_section(browser, server):
    with open_page(browser, f"{server}/latest/20_gala.html") as (page, errors, _):
        page.keyboard.press("Tab")  # the first stop on the page
        focused = page.evaluate(
            "() => [document.activeElement.textContent.trim(), document.activeElement.getAttribute('href')]"
        )
        assert focused[0] == "Skip to the text", focused
        # the link's fragment (Quarto writes the whole address)
        target = page.locator("#" + focused[1].rsplit("#", 1)[1])
        assert target.count() == 1 and target.evaluate("el => el.tagName") == "MAIN"
        # every section heading has a permalink a reader can copy (the embedded engine writes it; Quarto's script
        # adds it; the id is on the heading, or on its section in Quarto's pages)
        page.wait_for_function("""() => [...document.querySelectorAll('main h2')].every(h => {
            const id = h.id || h.closest('section[id]')?.id;
            return id && [...h.querySelectorAll('a')].some(a => a.getAttribute('href').endsWith('#' + id)); })""")
        assert page.locator("main h2").count() >= 2
        assert not errors


def test_pages_carry_social_preview_tags(site):
    for name in ("index.html", "20_gala.html"):
        html = (site / "latest" / name).read_text(encoding="utf-8")
        title = re.search(r'<meta property="og:title" content="([^"]+)"', html)
        description = re.search(r'<meta (?:property|name)="og:description" content="([^"]+)"', html)
        assert title and "E-commerce trust and Kuaishou" in title.group(1), name  # the English edition's own title
        assert description and "Consumer trust in Chinese e-commerce" in description.group(1), name
        assert re.search(r'<meta name="twitter:card" content="summary', html), name


def test_dark_mode_follows_the_system_and_print_leaves_out_the_controls(browser, server):
    def luminance(rgb: str) -> float:
        r, g, b = (int(v) for v in re.findall(r"\d+", rgb)[:3])
        return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255

    with open_page(browser, f"{server}/latest/20_gala.html") as (page, errors, _):
        light = page.evaluate(
            "() => [getComputedStyle(document.body).backgroundColor, "
            "getComputedStyle(document.querySelector('main p')).color]"
        )
        page.emulate_media(color_scheme="dark")
        dark = page.evaluate(
            "() => [getComputedStyle(document.body).backgroundColor, "
            "getComputedStyle(document.querySelector('main p')).color]"
        )
        assert luminance(light[0]) > 0.9 and luminance(light[1]) < 0.3, light
        assert luminance(dark[0]) < 0.15 and luminance(dark[1]) > 0.7, dark  # light text on a dark page
        page.emulate_media(media="print", color_scheme="light")
        nav = page.evaluate(
            "() => [...document.querySelectorAll('nav, .tr-chart-links')]"
            ".filter(n => n.offsetParent !== null && !n.closest('main p')).length"
        )
        assert nav == 0, "navigation and data links are left off a printed page"
        assert page.locator("figure.tr-chart svg").first.is_visible()
        assert not errors
