"""Reading the report on a phone and finding things in it (issue 25.8), on both engines' sites and in both languages:
the title on the first screen behind a menu button, wide tables that keep their first column and say they scroll,
search results that open at their section with the words marked, and a what-if bar that is never cut off."""

from __future__ import annotations

import contextlib
import re
from contextlib import contextmanager
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from browsing import HEIGHT, LUMINANCE, PATIENCE_MS, serving, settle, tab
from conftest import PAGES
from sweeps import TEXTS_ON_BARS

PHONE = {"width": 390, "height": HEIGHT[390]}


@contextmanager
def opened(browser, url: str, viewport=PHONE, scheme: str = "light"):
    with tab(browser, viewport["width"], scheme, height=viewport["height"]) as page:
        page.goto(url)
        yield page


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_title_is_on_a_phones_first_screen_on_every_page(sweep, sites, lang):
    below, wrapped = {}, {}
    answers = sweep(sites[lang], 390)
    assert sorted(answers) == sorted(PAGES)
    for name, found in answers.items():
        if found["title_top"] is None or found["title_top"] > HEIGHT[390] / 2:
            below[name] = found["title_top"] and round(found["title_top"])
        # Quarto's top bar names the chapter on one line, inside the bar (a long name wrapped to two lines, the first
        # clipped by the bar's top edge: "两种信任 · Two kinds of / trust, compared"): TOP_BAR_NAME
        bar = found["top_bar_name"]
        if bar and (bar["lines"] > 1 or bar["right"] > bar["bar_right"] + 1):
            wrapped[name] = bar
    # the title in the top half of the first screen, so the text starts on it too (it started at 609 px of 844)
    assert below == {}, f"the page's title starts below the middle of the first screen (422 px) at: {below}"
    assert wrapped == {}, f"the top bar's chapter name wraps or runs out of the bar at: {wrapped}"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_front_page_shows_its_subtitle_once(sweep, sites, lang):
    """Quarto printed the book's description (the subtitle again, set for social previews) under the subtitle."""
    found = sweep(sites[lang], 390)["index.html"]["subtitle_shown"]  # Quarto's subtitle, the embedded's tagline
    assert found and found["subtitle"], found
    assert found["times"] == 1, f"the subtitle {found['subtitle']!r} shows {found['times']} times"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_summarys_headline_takes_at_most_a_third_of_a_phones_first_screen(sweep, sites, lang):
    """The headline states the finding in a sentence of some forty words: at the desktop's size it filled a phone's
    first screen (ten lines, 350 px of 844, on Quarto's page), pushing the standfirst and the figures below it."""
    found = sweep(sites[lang], 390)["index.html"]["headline_box"]
    assert found, "the summary has no headline followed by its standfirst"
    assert found["height"] <= HEIGHT[390] / 3, (
        f"the headline is {found['height']:.0f} px tall ({found['font']} px type)"
    )


CHAPTER_LINK = 'a[href*="10_complaints.html"]'
# Nothing on the page moving: no CSS transition or animation running, and no Bootstrap collapse (Quarto's menu)
# between its states: its transition can end a moment before Bootstrap takes it as ended, and a click in that moment
# is dropped (seen on a fresh clone, Quarto's Chinese page).
STILL = "() => document.getAnimations().every(a => a.playState !== 'running') && !document.querySelector('.collapsing')"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_menu_button_opens_and_closes_the_navigation_on_a_phone(browser, sites, lang):
    with serving(sites[lang]) as root, opened(browser, f"{root}/20_gala.html") as page:
        settle(page)
        menu = page.locator("button[aria-expanded][aria-controls]:visible").first
        assert menu.count() == 1, "no visible button with aria-expanded on a phone"
        navigation = page.locator("#" + menu.get_attribute("aria-controls"))
        link = navigation.locator(CHAPTER_LINK).first
        assert menu.get_attribute("aria-expanded") == "false"
        assert not link.is_visible(), "the chapter links show before the menu is opened"
        # reached and opened from the keyboard, with its focus shown
        for _ in range(12):
            page.keyboard.press("Tab")
            if menu.evaluate("b => b === document.activeElement"):
                break
        assert menu.evaluate("b => b === document.activeElement"), "Tab never reaches the menu button"
        ring = menu.evaluate("b => { const s = getComputedStyle(b); return [s.outlineStyle, s.boxShadow]; }")
        assert ring[0] != "none" or ring[1] != "none", f"no visible focus on the menu button: {ring}"
        page.keyboard.press("Enter")  # the menu opens (and later closes) as it slides: waited for, up to PATIENCE_MS
        expect(menu, "Enter does not open the menu").to_have_attribute("aria-expanded", "true", timeout=PATIENCE_MS)
        expect(link, "the chapter links stay hidden with the menu open").to_be_visible(timeout=PATIENCE_MS)
        page.wait_for_function(STILL)  # opened: a click while it slides is not taken (Bootstrap's collapse)
        menu.click()
        expect(menu, "a click does not close the menu").to_have_attribute("aria-expanded", "false", timeout=PATIENCE_MS)
        expect(link, "the chapter links still show with the menu closed").to_be_hidden(timeout=PATIENCE_MS)


# The scrolling box around the page's first table wider than a phone (the table itself, or the block Quarto wraps it
# in), how far it scrolls, and where its first and second column are before and after it is scrolled to its end.
SCROLL_TABLE = r"""async () => {
    const table = [...document.querySelectorAll('main table')].find(t => {
        for (let el = t; el && el.tagName !== 'MAIN'; el = el.parentElement)
            if (el.scrollWidth > el.clientWidth + 40) return true;
        return false;
    });
    if (!table) return null;
    let box = table;
    while (box.scrollWidth <= box.clientWidth + 1) box = box.parentElement;
    box.scrollIntoView({block: 'center'});
    const row = table.querySelector('tbody tr') || table.querySelector('tr');
    const where = () => [...row.children].slice(0, 2).map(c => Math.round(c.getBoundingClientRect().left));
    const before = where();
    box.scrollLeft = box.scrollWidth;
    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
    const after = where();
    // the text just above the scrolling box, if it is visible
    const above = box.previousElementSibling;
    const shown = above && above.getBoundingClientRect().height > 0 && getComputedStyle(above).visibility !== 'hidden';
    return {scrolled: box.scrollLeft, before, after, cue: shown ? above.textContent : ''};
}"""


WIDE_TABLES = ["40_trust_tactics.html", "data-dictionary.html"]


@pytest.mark.parametrize("lang, says", [("en", "sideways"), ("zh", "滑动")])
def test_a_wide_table_keeps_its_first_column_and_says_it_scrolls(browser, sites, lang, says):
    found = None
    with serving(sites[lang]) as root:
        for name in WIDE_TABLES:  # "What each year tried" (5 columns), the data dictionary's tables
            with opened(browser, f"{root}/{name}") as page:
                settle(page)  # laid out in its fonts, which set the table's width
                found = page.evaluate(SCROLL_TABLE)
            if found:
                break
    assert found, f"no table on {WIDE_TABLES} scrolls sideways at 390 px: the test needs a wide table"
    assert found["scrolled"] > 20, found
    assert abs(found["after"][0] - found["before"][0]) <= 1, f"the first column scrolled away: {found}"
    assert found["after"][1] < found["before"][1] - 20, f"the other columns did not scroll: {found}"
    assert says in found["cue"], f"no visible line above the table says it scrolls sideways: {found}"


# The section "How many complaints" of chapter 10 is where 12315 (the regulator's complaint line) is first named.
SECTION = {"en": "How many complaints", "zh": "投诉有多少"}


# The words marked on the first screen, and the page no longer scrolling (the same place for three looks, 0.1 s apart):
# where the jump to the result ends, not a moment on its way there.
MARKED_AND_STILL = """words => {
    const seen = [...document.querySelectorAll('main mark')].some(m => {
        const r = m.getBoundingClientRect();
        return m.textContent === words && r.top >= 0 && r.bottom <= innerHeight;
    });
    const still = window.trLastY === scrollY ? (window.trStill || 0) + 1 : 0;
    window.trLastY = scrollY;
    window.trStill = still;
    return seen && still >= 3;
}"""


def search(page, words: str) -> None:
    """Types the words into the site's search, as a reader does on a phone: the embedded engine's box (behind the
    menu) or Quarto's search button."""
    own = page.locator("#tr-search")
    if own.count():
        if not own.is_visible():
            page.locator("button.tr-menu").click()
        own.fill(words)
    else:
        page.locator(".quarto-search-button:visible, .aa-DetachedSearchButton:visible").first.click()
        page.wait_for_function("() => document.activeElement && document.activeElement.matches('input.aa-Input')")
        page.keyboard.type(words)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_search_result_opens_at_its_section_with_the_words_marked(browser, sites, lang):
    with serving(sites[lang]) as root, opened(browser, f"{root}/index.html") as page:
        settle(page)
        search(page, "12315")
        page.locator(f"#tr-search-results {CHAPTER_LINK}, .aa-Panel {CHAPTER_LINK}").first.click()
        page.wait_for_load_state()
        with contextlib.suppress(PlaywrightTimeout):  # what it found is asserted below, whatever the wait found
            page.wait_for_function(MARKED_AND_STILL, arg="12315", polling=100, timeout=15_000)
        anchor = unquote(urlsplit(page.url).fragment)
        assert anchor, f"the result opened the page without its section's anchor: {page.url}"
        heading = page.evaluate(
            "id => { const el = document.getElementById(id); const h = el && (el.matches('h1, h2, h3') ? el : "
            "el.querySelector('h1, h2, h3')); return h ? h.textContent : null; }",
            anchor,
        )
        assert heading and SECTION[lang] in heading, f"the anchor #{anchor} names {heading!r}, not {SECTION[lang]!r}"
        marks = page.evaluate(
            "() => [...document.querySelectorAll('main mark')].map(m => { const r = m.getBoundingClientRect(); "
            "return {text: m.textContent, top: r.top, bottom: r.bottom, "
            "background: getComputedStyle(m).backgroundColor}; })"
        )
        in_view = [m for m in marks if m["text"] == "12315" and m["top"] >= 0 and m["bottom"] <= PHONE["height"]]
        assert in_view, f"no marked 12315 on the first screen after the jump: {marks[:4]}"
        assert in_view[0]["background"] not in ("rgba(0, 0, 0, 0)", "transparent")


WHAT_IF = "#fig-gmv-what-if"
# Each slider's % change: two factors doubled make four times the base (+300%), all five 32 times (+3,100%).
SETTINGS = {"+300%": [100, 100, 0, 0, 0], "+3,100%": [100, 100, 100, 100, 100]}
BAR_WIDTHS = """fig => [...document.querySelectorAll(fig + ' .tr-chart-live svg .mark-rect path')]
    .map(p => p.getBoundingClientRect().width)"""
SET_SLIDERS = """values => document.querySelectorAll('.vega-bind input[type=range]').forEach((input, i) => {
    input.value = values[i]; input.dispatchEvent(new Event('input', {bubbles: true})); })"""


# The what-if's chart as it is drawn: its bars' outlines and every word it writes.
DRAWING = """fig => {
    const svg = document.querySelector(fig + ' .tr-chart-live svg');
    return svg ? [...svg.querySelectorAll('path, text')].map(e => e.getAttribute('d') || e.textContent).join('|') : '';
}"""
# The drawing unlike `before` and unchanged for two frames in a row: made anew after the sliders moved, and finished.
REDRAWN = f"""([fig, before]) => {{
    const now = ({DRAWING})(fig);
    const done = now !== before && window.trWhatIfDrawn === now;
    window.trWhatIfDrawn = now;
    return done;
}}"""


def set_sliders(page, values: list[int]) -> None:
    """Move the what-if's sliders to `values`, as a reader drags them, and wait until its chart is drawn anew."""
    before = page.evaluate(DRAWING, WHAT_IF)
    page.evaluate(SET_SLIDERS, values)
    page.wait_for_function(REDRAWN, arg=[WHAT_IF, before], polling="raf")


def live_what_if(page) -> None:
    page.wait_for_function("document.querySelectorAll('figure.tr-chart:not(.tr-live)').length === 0", timeout=15000)


@pytest.mark.parametrize("width", [390, 1280])
def test_the_what_if_bar_is_never_cut_off_at_the_end_of_its_axis(browser, sites, width):
    times = {}
    viewport = {"width": width, "height": 844}
    with serving(sites["en"]) as root, opened(browser, f"{root}/40_trust_tactics.html", viewport) as page:
        live_what_if(page)
        for name, values in SETTINGS.items():
            set_sliders(page, values)
            base, what_if = page.evaluate(BAR_WIDTHS, WHAT_IF)
            times[name] = round(what_if / base, 1)
    # the what-if bar against the base bar: 4 and 32 times as long, as the numbers are
    assert 3.6 <= times["+300%"] <= 4.4, times
    assert 27 <= times["+3,100%"] <= 37, times


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_figure_1s_rows_stand_apart_on_a_phone_and_no_further(sweep, sites, lang):
    """Each measure's name stands clear of the figures of the measure above (a name of two lines never grows up into
    them), and no further from them than a line or two: a short name's row is not given the room of the longest."""
    found = sweep(sites[lang], 390)["index.html"]["name_gap"]
    assert found is not None, "no live figure 1 on the summary page"
    least, between, most, widest = found
    assert between is not None, "found no row names in figure 1"
    assert least >= 20, (least, between)
    assert most <= 32, (most, widest)


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_mark_of_figure_1_covers_a_figure(sweep, sites, lang, width):
    """Each year's figure reads whole: the next year's mark never sits on the end of its words."""
    found = sweep(sites[lang], width)["index.html"]["grid_covered"]
    assert found is not None, "no live figure 1 on the summary page"
    texts, marks, covered = found
    assert texts >= 20 and marks >= 20, found  # the figures and marks were found
    assert covered == [], covered


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_what_ifs_readout_stands_clear_of_its_bars(browser, sites, lang, width):
    """The GMV and its change are written above each bar, never across its top edge."""
    viewport = {"width": width, "height": 844}
    with serving(sites[lang]) as root, opened(browser, f"{root}/40_trust_tactics.html", viewport) as page:
        live_what_if(page)
        set_sliders(page, SETTINGS["+300%"])
        bars, texts, on, _ = page.evaluate(TEXTS_ON_BARS, WHAT_IF)
    assert bars == 2 and texts == 3, (bars, texts)
    assert on == [], on


# Every word the what-if's chart writes (its readouts and its bars' names), where it stands on the screen.
CHART_WORDS = """fig => [...document.querySelectorAll(
        fig + ' .tr-chart-live svg .mark-text text, ' + fig + ' .tr-chart-live svg .role-axis-label text')]
    .map(t => { const r = t.getBoundingClientRect(); return {text: t.textContent, left: r.left, right: r.right}; })"""
READS = {
    "en": ["up 3,100% on the base", "base", "what-if"],
    "zh": ["较基准增长3100%", "基准", "调整后"],
}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_what_ifs_readout_fits_a_phone_in_the_pages_language(browser, sites, lang):
    with serving(sites[lang]) as root, opened(browser, f"{root}/40_trust_tactics.html") as page:
        live_what_if(page)
        set_sliders(page, SETTINGS["+3,100%"])
        found = page.evaluate(CHART_WORDS, WHAT_IF)
    said = " | ".join(f["text"] for f in found)
    for words in READS[lang]:
        assert words in said, said
    # written as the report writes numbers, in words: never "+3100"; in English, grouped (3,100)
    assert "+3" not in said and (lang != "en" or "3100" not in said), said
    other = r"[\u4e00-\u9fff]" if lang == "en" else r"\b(?:base|what-if|against)\b"
    assert not re.search(other, said), said
    cut = [f for f in found if f["text"].strip() and (f["left"] < 0 or f["right"] > PHONE["width"])]
    assert cut == [], cut


# The contrast of every word of the what-if (slider names, values, the reset button, the chart's own text) on what is
# behind it, in dark mode.
CONTRASTS = r"""fig => {
    __LUMINANCE__
    const behind = el => { for (; el; el = el.parentElement) { const c = rgb(getComputedStyle(el).backgroundColor);
        if (c.length === 3 || c[3] > 0) return c; } return [255, 255, 255]; };
    const out = [];
    const root = document.querySelector(fig);
    root.querySelectorAll('.vega-bind-name, .tr-bind-value, button, svg text').forEach(el => {
        if (!el.textContent.trim()) return;
        const style = getComputedStyle(el);
        const ink = rgb(el.tagName === 'text' ? style.fill : style.color);
        const [a, b] = [lum(ink), lum(behind(el.tagName === 'text' ? el.closest('svg') : el))];
        out.push({text: el.textContent.trim().slice(0, 30), ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)});
    });
    return out;
}""".replace("__LUMINANCE__", LUMINANCE)


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_what_ifs_words_are_readable_in_dark_mode(browser, sites, lang, width):
    viewport = {"width": width, "height": 844}
    with serving(sites[lang]) as root, opened(browser, f"{root}/40_trust_tactics.html", viewport, "dark") as page:
        live_what_if(page)
        found = page.evaluate(CONTRASTS, WHAT_IF)
    assert len(found) > 10, found
    faint = [f for f in found if f["ratio"] < 4.5]
    assert faint == [], faint


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_figure_4_1s_entries_never_touch_on_a_phone(sweep, sites, lang):
    """On a phone the timeline is a list, an entry's date and kind over its name; a name on two lines gets the room
    of a line more, so it never runs into the next entry's date."""
    gaps = sweep(sites[lang], 390)["40_trust_tactics.html"]["gaps_below_names"]
    assert len(gaps) >= 20, f"found {len(gaps)} entries in figure 4.1 on a phone: the test needs its list"
    tight = [g for g in gaps if g["gap"] < 6]
    assert tight == [], tight


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_scorecards_measure_column_keeps_room_on_a_wide_screen(sweep, sites, lang):
    """At 1280 px the scorecard's first column, the measure's name (the longest words of a row), is about ten
    characters wide: left to the browser it got a sixth of the table and its rows ran to ten lines."""
    widths = sweep(sites[lang], 1280)["40_trust_tactics.html"]["scorecard_header_widths"]
    assert len(widths) >= 9, "no scorecard (a table of nine columns or more) on 40_trust_tactics.html"
    assert widths[0] >= 135, f"the measure column is {widths[0]:.0f} px wide at 1280 px"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_caption_or_heading_ends_on_a_character_alone_on_a_phone(sweep, sites, lang):
    """A chart's title or a heading that wraps on a phone never leaves one word, or one Chinese character, alone on
    its last line ("快手电商GMV在有公布的年份里逐年增 / 长") (LONE_LAST_LINES)."""
    answers = sweep(sites[lang], 390)
    lone = [(page, found) for page, answer in answers.items() for found in answer["lone_last_lines"]]
    assert lone == [], lone[:5]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_rows_name_above_its_bar_on_a_phone_stands_clear_of_the_bar(sweep, sites, lang):
    """On a phone each row's name moves above its bar: its letters, descenders included, do not touch the bar ("quality"
    and "false publicity" sat on their bars in figure 1.3) (ROW_NAMES_ON_BARS)."""
    answers = sweep(sites[lang], 390)
    touching = [(page, found) for page, answer in answers.items() for found in answer["row_names_on_bars"]]
    assert touching == [], touching[:8]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_guide_line_runs_through_a_rows_name_on_a_phone(sweep, sites, lang):
    """On a phone each row's name stands above its row, and a line drawn down the chart (figure 4.3's dashed zero line)
    stops short of it instead of running through its words (LINES_THROUGH_NAMES)."""
    answers = sweep(sites[lang], 390)
    names = [n for answer in answers.values() for n in answer["lines_through_names"]]
    crossed = [f"{n['figure']}: {n['name']}" for n in names if n["crossed"]]
    assert any(n["figure"] == "fig-gmv-sensitivity" for n in names) and crossed == [], crossed


@pytest.mark.parametrize("width", [390, 1280])
def test_a_chinese_name_on_an_english_page_is_never_split_across_lines(sweep, sites, width):
    """Each short run of Chinese (a name: 抖音, 江苏卫视, 电诉宝) in the text of an English page stands on one line: a
    name split across two lines (抖|音) reads as two words (SPLIT_NAMES)."""
    answers = sweep(sites["en"], width)
    assert sorted(answers) == sorted(PAGES)
    names = [(page, n) for page, found in answers.items() for n in found["split_names"]]
    split = [f"{page}: {n['name']}" for page, n in names if n["lines"] > 1]
    assert len(names) > 50 and split == [], split[:10]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_chart_cuts_a_name_short_on_a_phone(sweep, sites, lang):
    """On a phone a chart's row names are written in full (above their rows where there is no room beside them),
    never cut to "内容消费时长 · …", and each once (CUT_WORDS)."""
    answers = sweep(sites[lang], 390)
    assert sorted(answers) == sorted(PAGES)
    cut = {page: found["cut_words"] for page, found in answers.items() if found["cut_words"]}
    assert cut == {}, cut


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_figure_4_1s_words_never_touch_on_a_wide_screen(sweep, sites, lang):
    """At 1280 px a tactic's name that takes two lines has the room of two rows: it never runs into the names above
    and below it."""
    drawn, touching = sweep(sites[lang], 1280)["40_trust_tactics.html"]["touching_words"]
    assert drawn >= 30, f"found {drawn} words in figure 4.1: the test needs its names and values"
    assert touching == [], touching


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_scorecard_is_whole_on_a_wide_screen(sweep, sites, lang):
    """At 1280 px every column of the scorecard is on the screen: it takes the room beside the text column where it
    needs it (on Quarto's pages, the table of contents' column), instead of scrolling sideways inside itself."""
    found = sweep(sites[lang], 1280)["40_trust_tactics.html"]["scorecard_whole"]
    assert found is not None, "no scorecard (a table of nine columns or more) on 40_trust_tactics.html"
    assert found["scrolls"] == [] and found["cue"] == 0 and found["right"] <= 1280, found


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_figure_3_1s_value_labels_stand_clear_of_the_bars_and_the_axis(sweep, sites, lang, width):
    """'RMB 381.2 billion' is wider than its bar on a phone: it ran over the next bar and across the value axis."""
    found = sweep(sites[lang], width)["30_festival_gmv.html"]["figure_3_1_labels"]
    assert found is not None, "no live figure 3.1 on 30_festival_gmv.html"
    _, drawn, on, across = found
    assert drawn >= 5, f"found {drawn} labels in figure 3.1"
    assert (on, across) == ([], []), (on, across)


@pytest.mark.parametrize("lang, named", [("en", "Change"), ("zh", "变化")])
def test_the_summarys_changes_are_on_a_phones_screen_each_named(sweep, sites, lang, named):
    """The table of what changed between the years ends in the change itself: on a phone it scrolled off the screen,
    behind the measure, who counted and the two years. Each row reads as a card, each cell named by its column."""
    found = sweep(sites[lang], 390)["index.html"]["changes_on_a_phone"]
    assert found and found["rows"] >= 10, found
    assert found["off"] == [], found
    assert named in found["named"] and found["change"], found
