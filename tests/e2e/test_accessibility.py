"""Every page passes axe-core's WCAG 2.1 AA rules: both engines, both languages, at a desktop's and a phone's width,
and in dark mode, where every chart is drawn on a dark panel with words that keep their contrast. Chinese lines break
as a Chinese typesetter breaks them. Each page is opened once for all of these (tests/sweeps.py)."""

from __future__ import annotations

import pytest

from conftest import PAGES
from sweeps import AXE_MODES, findings


@pytest.mark.parametrize("width, scheme", AXE_MODES, ids=[f"{w}-{s}" for w, s in AXE_MODES])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_page_has_a_wcag_21_aa_violation(sweep, sites, lang, width, scheme):
    """axe-core's violations on each page; in dark mode also the charts' (DARK_CHARTS) and the frame's (DARK_FRAME)."""
    answers = sweep(sites[lang], width, scheme)
    found = {}
    for page, answer in answers.items():
        nodes = answer["axe"] + (answer["dark_charts"] + answer["dark_frame"] if scheme == "dark" else [])
        if nodes:
            found[page] = nodes
    assert sorted(answers) == sorted(PAGES)
    assert not found, f"{lang} at {width} px ({scheme}): " + "; ".join(f"{p}: {v[:5]}" for p, v in found.items())


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_frame_holds_its_contrast_in_dark_mode_on_a_phone(sweep, sites, lang):
    """What the phone's top bar shows in dark mode (the contents and search buttons) is seen at 3:1, as on the desktop
    (DARK_FRAME, without axe: axe's dark-mode pass runs at the desktop's width)."""
    found = findings(sweep(sites[lang], 390, "dark"), "dark_frame")
    assert not found, f"{lang} at 390 px (dark): {found}"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_number_breaks_across_lines_in_chinese_text_on_a_phone(sweep, sites, lang):
    """Chinese lines may break between any two characters, but never inside a number (超过6,24|4万次) nor between a
    number and its unit (2021|年, 200|个): on a Chinese page, and in the Chinese titles an English page quotes
    (“…总额增长12.5|%”)."""
    found = findings(sweep(sites[lang], 390), "broken_numbers")
    assert not found, found


def test_no_word_of_a_chinese_table_cell_breaks_across_lines_on_a_phone(sweep, sites):
    """A cell of one word (快手自己, 独立第三方) was set a character or two a line (快手自/己), and a bracketed word
    broken inside (复购率（半/年）): the table scrolls sideways instead."""
    found = findings(sweep(sites["zh"], 390), "broken_cell_words")
    assert not found, found


def test_no_chapter_name_breaks_inside_a_word_in_the_chinese_page_links_on_a_phone(sweep, sites):
    found = findings(sweep(sites["zh"], 390), "broken_pager_words")
    assert not found, found


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_chinese_text_is_set_in_italic(sweep, sites, lang):
    """On a Chinese page, and where an English page quotes a Chinese title in italics (壹覽商業, 新京报)."""
    found = findings(sweep(sites[lang], 1280), "slanted_chinese")
    assert not found, found


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", [390, 1280])
def test_no_date_breaks_across_lines(sweep, sites, lang, width):
    """A date as the tables write it stays whole on its line: the data dictionary's narrow columns broke 2021-06-|16
    and 2020-|01 (BROKEN_DATES)."""
    found = findings(sweep(sites[lang], width), "broken_dates")
    assert not found, found


def test_no_amount_breaks_across_lines_in_english_text_on_a_phone(sweep, sites):
    """An amount stays whole with its currency and scale: "RMB / 10,000", "23.81 / million" broke at a line's end."""
    found = findings(sweep(sites["en"], 390), "broken_amounts")
    assert not found, found
