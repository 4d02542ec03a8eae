"""Every page of a site opened once at each width and colour scheme the tests read it at, and every read-only
question the browser tests ask of a page asked on that one visit: axe-core's WCAG 2.1 AA rules and the page functions
below. The answers are kept for the test session in the shared folder (`Shared.get`), so neither test process asks
them again; each test asserts its own part of them. A page opened again for each question cost more than the
questions did: the accessibility, phone and language tests took 575 test-seconds before, 361 after (2026-12-05).

A question here reads the page and changes nothing (no click, no scroll), so the order they are asked in cannot
change an answer; axe-core is asked last. A test that works the page (a menu, a slider, a search) opens its own."""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path
from typing import Any

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from browsing import ALL_CHARTS_LIVE, LUMINANCE, axe_violations, serving, settle, tab, watch

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Where axe-core runs: the desktop in both schemes, the phone in the light one (the dark phone's frame is read by
# DARK_FRAME alone).
AXE_MODES = [(1280, "light"), (1280, "dark"), (390, "light")]
# The page only a published site has (the renderings' pages are checked by axe-core there, once).
PUBLISHED_ONLY = {"changes.html"}

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
# Every date as the tables write it (2021-06-16, 2020-01, 2021/6/16), in either language: a narrow column of the data
# dictionary broke 2021-06-|16.
BROKEN_DATES = broken_across_lines(r"/\d{4}-\d{2}(?:-\d{2})?|\d{4}\/\d{1,2}\/\d{1,2}/g")
# Every amount in English text (RMB 381.2 billion, 8 million, RMB 10,000), Chinese runs aside.
BROKEN_AMOUNTS = broken_across_lines(
    r"/(?:RMB )?\d(?:[\d,.]*\d)? (?:million|billion|trillion)|RMB \d(?:[\d,.]*\d)?/g", ', [lang|="zh"]'
)


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


# The chapter's name in Quarto's top bar on a phone: how many lines it takes, and where it ends against its bar.
TOP_BAR_NAME = """() => {
    const item = document.querySelector('.quarto-secondary-nav .breadcrumb-item');
    if (!item || !item.offsetParent) return null;
    const box = item.getBoundingClientRect(), bar = item.closest('.quarto-page-breadcrumbs').getBoundingClientRect();
    const line = parseFloat(getComputedStyle(item).lineHeight) || parseFloat(getComputedStyle(item).fontSize) * 1.5;
    return {lines: Math.round(box.height / line), right: box.right, bar_right: bar.right};
}"""


# Each short run of Chinese (a name: 抖音, 江苏卫视, 电诉宝) in the text of an English page, with the number of lines it
# is set on: a name split across two lines (抖|音) reads as two words.
SPLIT_NAMES = """() => [...document.querySelectorAll('main [lang="zh"], #quarto-document-content [lang="zh"]')]
    .filter(s => s.closest('p, li, td') && s.textContent.trim().length <= 6)
    .map(s => {
        const r = document.createRange(); r.selectNodeContents(s);
        const tops = new Set([...r.getClientRects()].filter(x => x.width > 1).map(x => Math.round(x.top)));
        return {name: s.textContent, lines: tops.size};
    })"""


# Every word a live chart draws that Vega cut short to fit (it ends the words with "…"), and every word it draws more
# than once on top of itself (which reads as bold and blurred), by figure.
CUT_WORDS = """() => [...document.querySelectorAll('figure.tr-chart')].flatMap(f => {
    const texts = [...f.querySelectorAll('.tr-chart-live svg text')].filter(t => t.textContent.trim());
    const at = t => {
        const r = t.getBoundingClientRect();
        return [t.textContent, Math.round(r.left), Math.round(r.top)].join('|');
    };
    const seen = new Set();
    return texts.flatMap(t => {
        const key = at(t), twice = seen.has(key);
        seen.add(key);
        return t.textContent.includes('…') ? [f.id + ': cut: ' + t.textContent]
            : twice ? [f.id + ': drawn twice: ' + t.textContent] : [];
    });
})"""


# The smallest distance, on a phone, between a row's name in figure 1 (the summary grid) and the figures of the row
# above it, and the name and figure it is between.
NAME_GAP = """() => {
    const svg = document.querySelector('#fig-summary-grid .tr-chart-live svg');
    const texts = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim())
        .map(t => ({text: t.textContent.slice(0, 24), box: t.getBoundingClientRect(),
                    name: !!t.closest('.role-title-text, .tr_grid_names_marks')}));
    // each name's first line: the text nearest above it (side by side) is not a name (the boxes of a name's own
    // lines, set close, may overlap by a few pixels)
    const gaps = [];
    for (const name of texts.filter(t => t.name)) {
        let nearest = null;
        for (const above of texts) {
            if (above === name) continue;
            const across = Math.min(name.box.right, above.box.right) - Math.max(name.box.left, above.box.left);
            const gap = name.box.top - above.box.bottom;
            if (across > 0 && gap > -8 && (!nearest || gap < nearest[0])) nearest = [gap, above];
        }
        if (nearest && !nearest[1].name) gaps.push([nearest[0], [name.text, nearest[1].text]]);
    }
    if (!gaps.length) return [1e9, null, 0, null];
    gaps.sort((a, b) => a[0] - b[0]);
    return [gaps[0][0], gaps[0][1], gaps[gaps.length - 1][0], gaps[gaps.length - 1][1]];
}"""


# A chart's texts that overlap one of its bars (its texts against its bars' boxes, on the screen), and those that
# cross its value axis: [bars, texts, texts on a bar, texts across the axis].
TEXTS_ON_BARS = """fig => {
    const svg = document.querySelector(fig + ' .tr-chart-live svg');
    const bars = [...svg.querySelectorAll('.mark-rect.role-mark path')].map(b => b.getBoundingClientRect());
    const texts = [...svg.querySelectorAll('.mark-text.role-mark text')].filter(t => t.textContent.trim());
    const on = texts.filter(t => { const r = t.getBoundingClientRect();
        return bars.some(b => Math.min(r.right, b.right) > Math.max(r.left, b.left)
                          && Math.min(r.bottom, b.bottom) - Math.max(r.top, b.top) > 0); });
    const axis = [...svg.querySelectorAll('.role-axis-domain line, .role-axis-domain path')]
        .map(d => d.getBoundingClientRect()).filter(b => b.height > b.width);
    const axisRight = axis.length ? Math.max(...axis.map(b => b.right)) : -Infinity;
    const across = texts.filter(t => t.getBoundingClientRect().left < axisRight);
    return [bars.length, texts.length, on.map(t => t.textContent), across.map(t => t.textContent)];
}"""


# In figure 4.1's list (a phone's layout), how far each entry's name (one line or two) ends above the next entry's
# date and kind, in px. An entry's date line is told by its date (2021-06 or 2021年6月), its name by starting where
# the date does; the boxes are the text's own, as Vega laid it out (nothing reflows SVG text).
GAPS_BELOW_NAMES = """() => {
    const boxes = [...document.querySelectorAll('#fig-tactics-and-outcomes svg text')]
        .filter(t => t.textContent.trim())
        .map(t => ({text: t.textContent.trim(), box: t.getBoundingClientRect()}));
    const heads = boxes.filter(b => /^\\d{4}(-\\d{2}|年)/.test(b.text));
    if (!heads.length) return [];
    const left = heads[0].box.left;
    const names = boxes.filter(b => !heads.includes(b) && Math.abs(b.box.left - left) < 2);
    const gaps = [];
    for (const n of names) {
        const below = heads.filter(h => h.box.top > n.box.top).sort((a, b) => a.box.top - b.box.top)[0];
        if (below) gaps.push({name: n.text.slice(0, 40), next: below.text, gap: below.box.top - n.box.bottom});
    }
    return gaps;
}"""


# The widths of the scorecard's header cells (the first table of nine columns or more), in px.
SCORECARD_HEADER_WIDTHS = """() => {
    const t = [...document.querySelectorAll('table')].find(t => t.querySelectorAll('thead th').length >= 9);
    return t ? [...t.querySelectorAll('thead th')].map(th => th.getBoundingClientRect().width) : [];
}"""


# Figure 1's figures that a mark covers: each year's text against every mark drawn (a year's mark sat on the end of
# the year before's words, "…(not comparable)" under the 2021 dot), and the number of texts and marks compared.
GRID_COVERED = """() => {
    const svg = document.querySelector('#fig-summary-grid .tr-chart-live svg');
    if (!svg) return null;
    const marks = [...svg.querySelectorAll('.mark-symbol path')].map(m => m.getBoundingClientRect());
    const texts = [...svg.querySelectorAll('.mark-text text')].filter(t => t.textContent.trim());
    const covered = texts.filter(t => { const r = t.getBoundingClientRect();
        return marks.some(m => Math.min(r.right, m.right) - Math.max(r.left, m.left) > 1
                            && Math.min(r.bottom, m.bottom) - Math.max(r.top, m.top) > 1); });
    return [texts.length, marks.length, covered.map(t => t.textContent)];
}"""


# Each pair of words figure 4.1 draws (its tactics' names, its outcomes' values) whose boxes meet: side by side and
# less than a pixel apart, one above the other.
TOUCHING_WORDS = """() => {
    const boxes = [...document.querySelectorAll('#fig-tactics-and-outcomes .tr-chart-live svg .mark-text text')]
        .filter(t => t.textContent.trim())
        .map(t => ({text: t.textContent.trim().slice(0, 30), box: t.getBoundingClientRect()}));
    const touching = [];
    boxes.forEach((a, i) => boxes.slice(i + 1).forEach(b => {
        const across = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left);
        const apart = Math.max(a.box.top, b.box.top) - Math.min(a.box.bottom, b.box.bottom);
        if (across > 0 && apart < 1) touching.push([a.text, b.text]);
    }));
    return [boxes.length, touching];
}"""


# The scorecard (the first table of nine columns or more) at 1280 px: whether all of it is on the screen, and whether
# it or a box around it scrolls sideways (hiding columns behind a scroll).
SCORECARD_WHOLE = """() => {
    const t = [...document.querySelectorAll('table')].find(t => t.querySelectorAll('thead th').length >= 9);
    if (!t) return null;
    const scrolls = [];
    for (let el = t; el && el !== document.body; el = el.parentElement) {
        const style = getComputedStyle(el);
        if (['auto', 'scroll', 'hidden'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1)
            scrolls.push(el.tagName + '.' + el.className);
    }
    const last = [...t.querySelectorAll('thead th')].pop().getBoundingClientRect();
    return {right: last.right, scrolls: scrolls, cue: document.querySelectorAll('.tr-scroll-cue').length};
}"""


# The summary's tables on a phone: the cells that lie outside the screen (of any of its tables), and the name the first
# table's first row's last cell (its change) is shown with.
CHANGES_ON_A_PHONE = """() => {
    const table = document.querySelector('.tr-cards table');
    if (!table) return null;
    const width = document.documentElement.clientWidth;
    // every table of the summary (what changed; Kuaishou's trust measures), not only the first
    const off = [...document.querySelectorAll('main table td')]
        .filter(td => td.getBoundingClientRect().right > width + 1)
        .map(td => td.textContent.trim().slice(0, 30));
    const last = table.querySelector('tbody tr').lastElementChild;
    return {off, rows: table.querySelectorAll('tbody tr').length,
            named: getComputedStyle(last, '::before').content, change: last.textContent.trim()};
}"""


def where_found(selector: str, question: str) -> str:
    """`question` asked only of a page that has `selector` (null elsewhere): for a question about one figure."""
    return f"() => document.querySelector({json.dumps(selector)}) ? ({question})() : null"


# The front page's subtitle (Quarto's, or the embedded engine's tagline) and how many times the page shows it.
SUBTITLE_SHOWN = """() => {
    const el = document.querySelector('.subtitle, .tr-tagline');
    if (!el) return null;
    const subtitle = el.innerText.trim();
    return {subtitle, times: subtitle ? document.body.innerText.split(subtitle).length - 1 : 0};
}"""

# The page's title: where the top of its first heading sits on the first screen (None if there is none).
TITLE_TOP = """() => {
    const h1 = document.querySelector('main h1');
    return h1 ? h1.getBoundingClientRect().y : null;
}"""

# The summary's headline (the heading its standfirst follows): its height and font size in px (None elsewhere).
HEADLINE_BOX = """() => {
    const h1 = [...document.querySelectorAll('main h1')].find(h => h.nextElementSibling?.matches('.tr-standfirst'));
    return h1 ? {height: h1.getBoundingClientRect().height, font: parseFloat(getComputedStyle(h1).fontSize)} : null;
}"""

# Every label a screen reader reads or a tooltip shows: aria-label, title and alt, as the page stands.
LABELS = """() => [...document.querySelectorAll('[aria-label], [title], [alt]')]
    .flatMap(e => ['aria-label', 'title', 'alt'].map(a => e.getAttribute(a)).filter(Boolean))"""

# The questions asked of every page in every mode, by name; then those asked only in dark mode.
# The captions' and headings' last lines (their text's boxes, a heading's link mark left out) that hold little more
# than one character: [{text, lines, last (px), font (px)}] for each caption or heading of more than one line whose
# last line is under one and a half characters wide: a word, or a Chinese character, alone ("…逐年增 / 长").
LONE_LAST_LINES = """() => [...document.querySelectorAll('.tr-chart-title, main h1, main h2, main h3')].flatMap(el => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const boxes = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent.trim() || node.parentElement.closest('.anchorjs-link, .tr-anchor')) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        boxes.push(...[...range.getClientRects()].filter(r => r.width > 0));
    }
    if (!boxes.length) return [];
    const font = parseFloat(getComputedStyle(el).fontSize);
    const rows = [...new Set(boxes.map(b => Math.round(b.bottom / (font / 2))))].sort((a, b) => a - b);
    const last = boxes.filter(b => Math.round(b.bottom / (font / 2)) === rows[rows.length - 1]);
    const width = Math.max(...last.map(b => b.right)) - Math.min(...last.map(b => b.left));
    return rows.length > 1 && width < 1.5 * font
        ? [{text: el.textContent.trim().slice(0, 40), lines: rows.length, last: Math.round(width), font: font}] : [];
})
"""


# On a phone a row's name is written above its bar (charts.js, labelsAbove): each name whose box, descenders
# included, reaches a bar ('figure: name').
ROW_NAMES_ON_BARS = """() => [...document.querySelectorAll('figure.tr-chart .tr-chart-live svg')].flatMap(svg => {
    const bars = [...svg.querySelectorAll('.mark-rect.role-mark path')]
        .map(b => b.getBoundingClientRect()).filter(b => b.height > 0 && b.width > 0);
    return [...svg.querySelectorAll('.tr_row_names_marks text')].filter(t => t.textContent.trim()).flatMap(t => {
        const r = t.getBoundingClientRect();
        const touched = bars.some(b => Math.min(r.right, b.right) > Math.max(r.left, b.left)
                                    && b.top < r.bottom + 1 && b.bottom > r.top);
        return touched ? [`${svg.closest('figure').id}: ${t.textContent.trim()}`] : [];
    });
})"""

# On a phone, each row's name above its row against the chart's guide lines (figure 4.3's dashed zero line, drawn
# by Vega as a rule mark down the chart): the names a line runs through, by figure; and how many names were read.
LINES_THROUGH_NAMES = """() => [...document.querySelectorAll('figure.tr-chart .tr-chart-live svg')].flatMap(svg => {
    const lines = [...svg.querySelectorAll('.mark-rule.role-mark line')]
        .map(l => l.getBoundingClientRect()).filter(r => r.height > 0);
    return [...svg.querySelectorAll('.tr_row_names_marks text')].filter(t => t.textContent.trim()).map(t => {
        const r = t.getBoundingClientRect();
        const crossed = lines.some(l => l.left >= r.left && l.right <= r.right && l.top < r.bottom && l.bottom > r.top);
        return {figure: svg.closest('figure').id, name: t.textContent.trim(), crossed};
    });
})"""

QUESTIONS = {
    "title_top": TITLE_TOP,
    "top_bar_name": TOP_BAR_NAME,
    "labels": LABELS,
    "split_names": SPLIT_NAMES,
    "cut_words": CUT_WORDS,
    "broken_numbers": BROKEN_NUMBERS,
    "broken_amounts": BROKEN_AMOUNTS,
    "broken_dates": BROKEN_DATES,
    "broken_cell_words": BROKEN_CELL_WORDS,
    "broken_pager_words": BROKEN_PAGER_WORDS,
    "slanted_chinese": SLANTED_CHINESE,
    "subtitle_shown": SUBTITLE_SHOWN,
    "headline_box": HEADLINE_BOX,
    "name_gap": where_found("#fig-summary-grid .tr-chart-live svg", NAME_GAP),
    "grid_covered": where_found("#fig-summary-grid .tr-chart-live svg", GRID_COVERED),
    "figure_3_1_labels": where_found(
        "#fig-platform-gmv-by-year .tr-chart-live svg", f"() => ({TEXTS_ON_BARS})('#fig-platform-gmv-by-year')"
    ),
    "gaps_below_names": GAPS_BELOW_NAMES,
    "touching_words": TOUCHING_WORDS,
    "scorecard_header_widths": SCORECARD_HEADER_WIDTHS,
    "scorecard_whole": SCORECARD_WHOLE,
    "changes_on_a_phone": CHANGES_ON_A_PHONE,
    "lone_last_lines": LONE_LAST_LINES,
    "row_names_on_bars": ROW_NAMES_ON_BARS,
    "lines_through_names": LINES_THROUGH_NAMES,
}
DARK_QUESTIONS = {"dark_charts": DARK_CHARTS, "dark_frame": DARK_FRAME}


# On a published site (served from its root, the pages inside a version's folder), what the site tests read as well:
# each chart's marks drawn, the version switcher's entries, whether the first link to the PDF fetches, how wide the
# page is, and each chart's width against its column's.
CHARTS_DRAWN = """() => [...document.querySelectorAll('figure.tr-chart')]
    .map(f => f.querySelectorAll('svg.marks path, svg.marks text').length)"""
VERSION_OPTIONS = """() => [...document.querySelectorAll('.tr-versions select option')].map(o => o.innerText)"""
PDF_LINK_FETCHES = """async () => {
    const link = document.querySelector('a[href$=".pdf"]');
    return link ? (await fetch(link.href)).ok : null;
}"""
PAGE_WIDTH = "() => document.documentElement.scrollWidth"
CHART_WIDTHS = """() => [...document.querySelectorAll('figure.tr-chart')].map(f => {
    const svg = f.querySelector('svg');
    return {column: f.clientWidth, drawn: svg ? svg.getBoundingClientRect().width : 0};
})"""
# Every live chart drawn to its column's width, neither wider nor much narrower (what CHART_WIDTHS checks).
FITTED = """() => [...document.querySelectorAll('figure.tr-chart')].every(f => {
    const svg = f.querySelector('svg');
    if (!svg) return false;
    const drawn = svg.getBoundingClientRect().width, column = f.clientWidth;
    return drawn <= column + 1 && drawn >= 0.85 * Math.min(column, 700);
})"""
# Every chart text element's size on screen: its font size times the scale its drawing is shown at.
SMALL_TEXT = """() => [...document.querySelectorAll('figure.tr-chart svg text')].flatMap(t => {
    const m = t.getScreenCTM();
    if (!m || !t.textContent.trim() || t.getBoundingClientRect().width === 0) return [];
    const px = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
    return px < 9 ? [px.toFixed(1) + ' px: ' + t.textContent] : [];
})"""
PUBLISHED_QUESTIONS = {
    "charts_drawn": CHARTS_DRAWN,
    "version_options": VERSION_OPTIONS,
    "pdf_link_fetches": PDF_LINK_FETCHES,
    "page_width": PAGE_WIDTH,
    "chart_widths": CHART_WIDTHS,
    "small_text": SMALL_TEXT,
}


def _ask_every_page(
    browser, root: Path, under: str, width: int, scheme: str, only: tuple[str, ...] = ()
) -> dict[str, dict[str, Any]]:
    """Each page of root/under opened at `width` px in `scheme`, its charts live, and every question asked of it: page
    name -> question -> answer ("axe": 'rule: element' per node of each violation; "errors": what went wrong on the
    page, console errors and failed requests; "foreign": the addresses it asked another host for)."""
    answers = {}
    published = bool(under)
    # One tab reads every page, going from one to the next as a reader does; each is still a new document, loaded
    # and settled.
    with serving(root) as address, tab(browser, width, scheme) as page:
        errors, foreign = watch(page)
        for page_file in sorted((root / under).glob("*.html")):
            if only and page_file.name not in only:
                continue
            errors.clear()  # what went wrong on this page only
            foreign.clear()
            page.goto(f"{address}/{under}{page_file.name}")
            if page.locator("figure.tr-chart").count():  # the live charts replace the static drawings
                page.wait_for_function(ALL_CHARTS_LIVE)
                if published:
                    # a chart is refitted once it has measured itself: however long that takes here, wait for it
                    # (a chart that is never fitted is reported by CHART_WIDTHS)
                    with contextlib.suppress(PlaywrightTimeout):
                        page.wait_for_function(FITTED, timeout=15_000)
            if published:
                page.wait_for_selector(".tr-versions select", state="attached")  # in the menu on a phone
            settle(page)  # its fonts ready, nothing more to fetch: the lines as a reader sees them
            asked = {
                **QUESTIONS,
                **(DARK_QUESTIONS if scheme == "dark" else {}),
                **(PUBLISHED_QUESTIONS if published else {}),
            }
            found = {name: page.evaluate(question) for name, question in asked.items()}
            if (width, scheme) in AXE_MODES and (not published or page_file.name in PUBLISHED_ONLY):
                # violations only: axe then keeps one node of each passing rule, not all (a third of its time)
                options = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}
                violations = axe_violations(page, options)
                found["axe"] = [f"{v['id']}: {n['target']}" for v in violations for n in v["nodes"]]
            answers[page_file.name] = {**found, "errors": list(errors), "foreign": list(foreign)}
    return answers


def swept(
    shared, browser, site: Path, width: int, scheme: str = "light", under: str = "", only: tuple[str, ...] = ()
) -> dict[str, dict[str, Any]]:
    """The answers for every page of `site` at `width` px in `scheme`, asked once a session whichever test asks
    first (`browser` is called only then: it returns the process's Chromium). With `under` (a version's folder,
    "latest/"), `site` is a published site, served from its root, and its pages are those of that folder, each
    read once it has settled (its charts fitted, nothing more to fetch, the version switcher there). With `only`,
    just those pages (by file name)."""
    key = hashlib.sha256(f"{site.resolve()}|{under}|{','.join(sorted(only))}".encode()).hexdigest()[:16]

    def ask(out: Path) -> None:
        out.mkdir(parents=True)
        answers = _ask_every_page(browser(), site, under, width, scheme, tuple(only))
        (out / "answers.json").write_text(json.dumps(answers, ensure_ascii=False), encoding="utf-8")

    folder = shared.get(f"sweep-{key}-{width}-{scheme}", ask)
    return json.loads((folder / "answers.json").read_text(encoding="utf-8"))


def findings(answers: dict[str, dict[str, Any]], question: str) -> dict[str, list]:
    """What `question` found on each page where it found anything: its first five findings."""
    return {page: found[question][:5] for page, found in answers.items() if found[question]}
