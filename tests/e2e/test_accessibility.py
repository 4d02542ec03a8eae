"""Every page passes axe-core's WCAG 2.1 AA rules: both engines, both languages, at a desktop's and a phone's width,
and in dark mode, where every chart is drawn on a dark panel with words that keep their contrast."""

from __future__ import annotations

from pathlib import Path

import pytest

from browsing import LUMINANCE, serving
from conftest import ENGINES, rendering

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# (viewport width, colour scheme): the desktop in both schemes, the phone in the light one
MODES = [(1280, "light"), (1280, "dark"), (390, "light")]


@pytest.fixture(scope="module", params=ENGINES)
def sites(request, shared, built, zh_built) -> dict[str, Path]:
    """Each language's site, rendered by one engine (the renderings the other site tests read)."""
    return {lang: rendering(shared, build, request.param) / "site" for lang, build in (("en", built), ("zh", zh_built))}


# In dark mode, what axe does not read: each live chart drawn on a dark panel, every word of it at 4.5:1 or more
# against that panel (WCAG 1.4.3). 'rule: chart, text' for each failure.
DARK_CHARTS = r"""() => {
    __LUMINANCE__
    const found = [];
    document.querySelectorAll('figure.tr-chart').forEach(fig => {
        const panel = rgb(getComputedStyle(fig.querySelector('.tr-chart-view')).backgroundColor);
        if (panel.length < 3 || lum(panel) > 0.1) { found.push(`chart-panel-not-dark: ${fig.id}`); return; }
        fig.querySelectorAll('.tr-chart-view svg text').forEach(t => {
            if (!t.textContent.trim()) return;
            const a = lum(rgb(getComputedStyle(t).fill)), b = lum(panel);
            const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
            const text = t.textContent.trim().slice(0, 30);
            if (ratio < 4.5) found.push(`chart-text-contrast: ${fig.id}, "${text}" ${ratio.toFixed(2)}`);
        });
    });
    return found;
}""".replace("__LUMINANCE__", LUMINANCE)

# In dark mode, the page's frame: no field or box of the navigation left light (a white search field on a dark sidebar),
# every button's icon seen at 3:1, and the link to the page being read marked apart from the others, as it is in
# light mode. 'rule: element' each.
DARK_FRAME = r"""() => {
    __LUMINANCE__
    const found = [];
    const shown = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    document.querySelectorAll('input, form, .aa-Form, button').forEach(el => {
        if (!shown(el) || el.closest('figure.tr-chart')) return;
        const bg = rgb(getComputedStyle(el).backgroundColor);
        if (bg.length >= 3 && (bg.length < 4 || bg[3] > 0) && lum(bg) > 0.3)
            found.push(`light-box-on-dark-page: ${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`);
    });
    // a control's icon or label at 3:1 against what it sits on (WCAG 1.4.11): Quarto's phone-bar icons were near black
    const behind = el => {
        for (let e = el; e; e = e.parentElement) {
            const bg = rgb(getComputedStyle(e).backgroundColor);
            if (bg.length >= 3 && (bg.length < 4 || bg[3] > 0)) return bg;
        }
        return rgb(getComputedStyle(document.body).backgroundColor);
    };
    document.querySelectorAll('button').forEach(el => {
        if (!shown(el) || el.closest('figure.tr-chart')) return;
        const a = lum(rgb(getComputedStyle(el).color)), b = lum(behind(el));
        if ((Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) < 3)
            found.push(`control-contrast: button.${[...el.classList].join('.')}`);
    });
    const current = [...document.querySelectorAll('[aria-current="page"], .sidebar-link.active')].find(shown);
    if (current) {
        const look = a => [a, ...a.querySelectorAll('*')]
            .map(e => getComputedStyle(e).color + ' ' + getComputedStyle(e).backgroundColor).join();
        const others = [...current.closest('nav, #quarto-sidebar').querySelectorAll('a[href]')]
            .filter(a => a !== current && shown(a));
        const alike = others.filter(a => look(a) === look(current)).map(a => a.textContent.trim());
        if (alike.length) found.push(`current-page-not-marked: ${current.textContent.trim()} looks like ${alike[0]}`);
    }
    return found;
}""".replace("__LUMINANCE__", LUMINANCE)


def violations(browser, site: Path, width: int, scheme: str) -> dict[str, list[str]]:
    """Each page's WCAG 2.1 AA violations as axe-core reports them, 'rule: element' per failing node; in dark mode
    also the charts' (DARK_CHARTS) and the frame's (DARK_FRAME)."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    found = {}
    with serving(site) as address:
        for page_file in sorted(site.glob("*.html")):
            page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
            try:
                page.goto(f"{address}/{page_file.name}")
                if page.locator("figure.tr-chart").count():  # the live charts replace the static drawings
                    page.wait_for_function(
                        "document.querySelectorAll('figure.tr-chart:not(.tr-live)').length === 0", timeout=15000
                    )
                # violations only: axe then keeps one node of each passing rule, not all (a third of its time here)
                options = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}
                result = axe.run(page, options=options)
                nodes = [f"{v['id']}: {n['target']}" for v in result.response["violations"] for n in v["nodes"]]
                if scheme == "dark":
                    nodes += page.evaluate(DARK_CHARTS) + page.evaluate(DARK_FRAME)
                if nodes:
                    found[page_file.name] = nodes
            finally:
                page.close()
    return found


@pytest.mark.parametrize("width, scheme", MODES, ids=[f"{w}-{s}" for w, s in MODES])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_page_has_a_wcag_21_aa_violation(browser, sites, lang, width, scheme):
    found = violations(browser, sites[lang], width, scheme)
    assert not found, f"{lang} at {width} px ({scheme}): " + "; ".join(f"{p}: {v[:5]}" for p, v in found.items())


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_frame_holds_its_contrast_in_dark_mode_on_a_phone(browser, sites, lang):
    """What the phone's top bar shows in dark mode (the contents and search buttons) is seen at 3:1, as on the desktop
    (DARK_FRAME, without axe: axe's dark-mode pass runs at the desktop's width)."""
    found = found_on_each_page(browser, sites[lang], DARK_FRAME, 390, scheme="dark")
    assert not found, f"{lang} at 390 px (dark): {found}"


def broken_across_lines(pattern: str, skip: str = "") -> str:
    """A page function listing every match of the JS regex `pattern` in the page's text (outside charts, scripts and
    `skip`) whose line breaks inside it: its characters' boxes sit on more than one line (more than half a line apart:
    digits and ideographs come from two fonts, whose boxes differ by a pixel or two)."""
    return r"""() => {
    const broken = [];
    const walker = document.createTreeWalker(document.querySelector('main') || document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement.closest('svg, script, style, .vega-bindings__SKIP__')) continue;
        for (const m of node.data.matchAll(__PATTERN__)) {
            if (m[0].length < 2) continue;
            const range = document.createRange();
            range.setStart(node, m.index);
            range.setEnd(node, m.index + m[0].length);
            const tops = [...range.getClientRects()].filter(r => r.width > 0).map(r => r.top);
            const line = parseFloat(getComputedStyle(node.parentElement).fontSize);
            const around = node.data.slice(Math.max(0, m.index - 12), m.index + m[0].length + 6);
            if (tops.length && Math.max(...tops) - Math.min(...tops) > line / 2) broken.push(m[0] + ' in: ' + around);
        }
    }
    return broken;
}""".replace("__SKIP__", skip).replace("__PATTERN__", pattern)


# Every run of digits (with its thousands commas and decimal point) and the unit after it (2021年, 27.6万人次, 200个).
BROKEN_NUMBERS = broken_across_lines(r"/\d(?:[\d,.]*\d)?[万亿年月日天件人次项元个条倍小时家位场款名分秒%％]*/g")
# Every amount in English text (RMB 381.2 billion, 8 million, RMB 10,000), Chinese runs aside.
BROKEN_AMOUNTS = broken_across_lines(
    r"/(?:RMB )?\d(?:[\d,.]*\d)? (?:million|billion|trillion)|RMB \d(?:[\d,.]*\d)?/g", ', [lang|="zh"]'
)


def found_on_each_page(browser, site: Path, script: str, width: int, scheme: str = "light") -> dict[str, list[str]]:
    """What `script` (a page function returning a list) finds on each page of `site` at `width` px in the colour
    `scheme`: its first five findings, for each page where it finds any."""
    found = {}
    with serving(site) as address:
        for page_file in sorted(site.glob("*.html")):
            page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
            try:
                page.goto(f"{address}/{page_file.name}")
                findings = page.evaluate(script)
                if findings:
                    found[page_file.name] = findings[:5]
            finally:
                page.close()
    return found


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_number_breaks_across_lines_in_chinese_text_on_a_phone(browser, sites, lang):
    """Chinese lines may break between any two characters, but never inside a number (超过6,24|4万次) nor between a
    number and its unit (2021|年, 200|个): on a Chinese page, and in the Chinese titles an English page quotes
    (“…总额增长12.5|%”)."""
    found = found_on_each_page(browser, sites[lang], BROKEN_NUMBERS, 390)
    assert not found, found


# A Chinese table cell holding one word (快手自己, 独立第三方, 累计或某一时点; the first column, a row's long name,
# aside) set on more than one line, and a short word in brackets ((半年), (推算)) broken inside, anywhere in a table.
BROKEN_CELL_WORDS = r"""() => {
    const broken = [];
    const lines = range => {
        const tops = [...range.getClientRects()].filter(r => r.width > 0).map(r => r.top);
        return tops.length ? Math.max(...tops) - Math.min(...tops) : 0;
    };
    document.querySelectorAll('main td, main th').forEach(cell => {
        const line = parseFloat(getComputedStyle(cell).fontSize) / 2;
        const text = cell.textContent.trim();
        if (cell.cellIndex > 0 && /^[\u4e00-\u9fff]{2,8}$/.test(text)) {
            const range = document.createRange();
            range.selectNodeContents(cell);
            if (lines(range) > line) broken.push('cell: ' + text);
        }
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const m of node.data.matchAll(/（[\u4e00-\u9fff]{1,4}）/g)) {
                const range = document.createRange();
                range.setStart(node, m.index);
                range.setEnd(node, m.index + m[0].length);
                if (lines(range) > line) broken.push('bracket: ' + m[0] + ' in: ' + text.slice(0, 20));
            }
        }
    });
    return broken;
}"""


def test_no_word_of_a_chinese_table_cell_breaks_across_lines_on_a_phone(browser, sites):
    """A cell of one word (快手自己, 独立第三方) was set a character or two a line (快手自/己), and a bracketed word
    broken inside (复购率（半/年）): the table scrolls sideways instead."""
    found = found_on_each_page(browser, sites["zh"], BROKEN_CELL_WORDS, 390)
    assert not found, found


# A chapter's name in the previous/next links (晚会：触达与互动) broken inside a word: each part between its colons
# must stand on one line (触达与互/动 did).
BROKEN_PAGER_WORDS = r"""() => {
    const broken = [];
    document.querySelectorAll('.nav-page-text, .tr-pager a').forEach(link => {
        const walker = document.createTreeWalker(link, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const m of node.data.matchAll(/[^：:\s]+/g)) {
                const range = document.createRange();
                range.setStart(node, m.index);
                range.setEnd(node, m.index + m[0].length);
                const tops = [...range.getClientRects()].filter(r => r.width > 0).map(r => r.top);
                if (tops.length && Math.max(...tops) - Math.min(...tops) > 4) broken.push(m[0]);
            }
        }
    });
    return broken;
}"""


def test_no_chapter_name_breaks_inside_a_word_in_the_chinese_page_links_on_a_phone(browser, sites):
    found = found_on_each_page(browser, sites["zh"], BROKEN_PAGER_WORDS, 390)
    assert not found, found


# Text nodes with Chinese characters whose element the browser sets slanted (italic or oblique): Chinese faces have
# no italic, so the browser shears the glyphs, which a Chinese reader takes for a rendering fault.
SLANTED_CHINESE = r"""() => {
    const slanted = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent.trim();
        if (!/[\u4e00-\u9fff]/.test(text) || !node.parentElement) continue;
        const style = getComputedStyle(node.parentElement);
        if (style.fontStyle !== 'normal' && style.display !== 'none') slanted.push(text.slice(0, 30));
    }
    return slanted;
}"""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_chinese_text_is_set_in_italic(browser, sites, lang):
    """On a Chinese page, and where an English page quotes a Chinese title in italics (壹覽商業, 新京报)."""
    found = found_on_each_page(browser, sites[lang], SLANTED_CHINESE, 1280)
    assert not found, found


def test_no_amount_breaks_across_lines_in_english_text_on_a_phone(browser, sites):
    """An amount stays whole with its currency and scale: "RMB / 10,000", "23.81 / million" broke at a line's end."""
    found = found_on_each_page(browser, sites["en"], BROKEN_AMOUNTS, 390)
    assert not found, found
