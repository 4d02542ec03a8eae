"""The report in 中文 and in English from one source: `make report` builds both, every page leads to the same page in
the other language, the numbers agree, neither language leaks into the other, both PDFs carry their fonts, and
`publish` puts both under one version."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
from datetime import date
from pathlib import Path

import pytest

from browsing import open_page, search, serving
from conftest import (
    DEFAULT_EDITION,
    ENGINES,
    PAGES,
    ROOT,
    ZH_EDITION,
    assert_user_error,
    cli,
    copy_project,
    parsed_html,
    pdftotext,
    rendering,
)


def page_lang(html: str) -> str:
    return re.search(r"<html[^>]*\blang=\"([^\"]+)\"", html).group(1)


def reader_text(html: str, page: str) -> str:
    """What a reader reads on a page, less code, the references list (names and titles as published), the
    navigation and the build line. Source lines stay: their titles are quoted (“…”), which the checks set aside."""
    soup = parsed_html(html)
    for tag in soup(["script", "style", "code", "pre", "noscript"]):
        tag.decompose()
    for tag in soup.select("#quarto-sidebar, nav, .tr-foot, .nav-footer, .tr-built-details, .tr-lang, .tr-chart-links"):
        tag.decompose()
    if page == "references.html":
        for tag in soup.select("li, .tr-cite"):
            tag.decompose()
    return " ".join(soup.get_text(" ").split())


def test_make_report_builds_the_edition_in_sites(built, zh_built):
    for build, lang, pdf in (
        (built, "en", f"trustreport-{DEFAULT_EDITION}.pdf"),
        (zh_built, "zh", f"trustreport-{ZH_EDITION}.pdf"),
    ):
        assert (build / pdf).is_file() and (build / "site" / pdf).is_file()
        for page in PAGES:
            assert page_lang((build / "site" / page).read_text(encoding="utf-8")).startswith(lang), (build, page)
    # the Chinese edition is the same edition file in another language, not a second copy of the parameters
    params = json.loads((zh_built / "params.json").read_text(encoding="utf-8"))
    assert params["lang"] == "zh" and params["focus_year"] == 2021 and params["baseline_year"] == 2020
    assert not (ROOT / "params" / f"{ZH_EDITION}.yml").exists()


def test_every_page_leads_to_the_same_page_and_the_pdf_in_the_other_language(built):
    site = built / "site"  # the Chinese site sits in zh/, as it will when published
    for lang, folder in (("en", site), ("zh", site / "zh")):
        other = "zh" if lang == "en" else "en"
        for page in PAGES:
            soup = parsed_html((folder / page).read_text(encoding="utf-8"))
            links = soup.select(f'a[hreflang="{other}"]')
            assert links, f"{lang}/{page}: no link to the {other} page"
            # resolved as a browser resolves a link, by its address (zh/ is a link to the Chinese build here)
            targets = {Path(os.path.normpath(folder / a["href"])) for a in links}
            assert Path(os.path.normpath(folder / ("zh/" if lang == "en" else "../") / page)) in targets, (
                lang,
                page,
                targets,
            )
            for target in targets:
                assert target.is_file(), f"{lang}/{page} links to {target}, which is not there"
                if target.suffix == ".html":
                    assert page_lang(target.read_text(encoding="utf-8")).startswith(other)
            assert any(t.suffix == ".pdf" for t in targets), f"{lang}/{page}: no link to the {other} PDF"


# ---- the same numbers in both languages ----------------------------------------------------------------------------

SCALES = {"trillion": 1e12, "billion": 1e9, "million": 1e6, "万亿": 1e12, "亿": 1e8, "万": 1e4}
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def value_of(text: str):
    """A ledger phrase as a value, read the way a reader reads it in either language."""
    text = text.strip()
    if text in ("not reported", "未公布", "none found", "未找到"):
        return None  # a figure nobody published, or none found, in either language
    change = _change_of(text)
    if change is not None:
        return change
    for up_to in ("up to ", "截至"):
        if text.startswith(up_to):
            return ("up to", value_of(text.removeprefix(up_to)))
    for between in (" to ", "至", "–"):
        if between in text:
            return _period_of(text, between)
    when = _calendar_value_of(text)
    return when if when is not None else _amount_of(text)


def _change_of(text: str):
    """A change in words ("up 11.8%", "fell 21.84%", "下降8.96%", "持平") as a signed percentage; None otherwise."""
    if text in ("unchanged", "did not change", "持平"):
        return ("%", 0.0)
    for word, sign in (("up ", 1), ("rose ", 1), ("增长", 1), ("down ", -1), ("fell ", -1), ("下降", -1)):
        if text.startswith(word) and not text.startswith("up to "):
            size = value_of(text.removeprefix(word))
            return ("%", sign * size[1]) if isinstance(size, tuple) and size[0] == "%" else size
    return None


def _period_of(text: str, between: str):
    """A period: the first part takes the year of the second where it has none."""
    first, last = (part.strip() for part in text.split(between, 1))
    end = value_of(last)
    if isinstance(end, tuple) and first in MONTHS:
        return ((end[0], MONTHS.index(first) + 1), end)
    if (
        isinstance(end, tuple)
        and (m := re.fullmatch(r"(\d{1,2})月", last)) is None
        and re.fullmatch(r"\d{4}年\d{1,2}月", first)
    ):
        return (value_of(first), end)
    if (m := re.fullmatch(r"(\d{1,2})月", last)) and (start := value_of(first)) and isinstance(start, tuple):
        return (start, (start[0], int(m[1])))
    return (value_of(first), end)


def _calendar_value_of(text: str):
    """A day, a month (year, month) or a year; None for anything else."""
    if m := re.fullmatch(r"(\d{1,2}) (\w+) (\d{4})", text):
        return date(int(m[3]), MONTHS.index(m[2]) + 1, int(m[1]))
    if m := re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})日", text):
        return date(int(m[1]), int(m[2]), int(m[3]))
    if (m := re.fullmatch(r"(\w+) (\d{4})", text)) and m[1] in MONTHS:
        return (int(m[2]), MONTHS.index(m[1]) + 1)
    if m := re.fullmatch(r"(\d{4})年(\d{1,2})月", text):
        return (int(m[1]), int(m[2]))
    if m := re.fullmatch(r"(\d{4})年?", text):
        return int(m[1])
    return None


def _amount_of(text: str):
    """A number (scaled: billion, 亿, ...) or a percentage ("%", value); the text itself if it is neither."""
    for qualifier in ("more than ", "less than ", "about ", "nearly ", "超过", "不到", "约", "近"):
        text = text.removeprefix(qualifier)
    text = re.sub(r"^RMB ", "", text)
    text = re.sub(r"\s*[（(](estimate|derived|估计|推算)[）)]$", "", text)
    m = re.fullmatch(r"([+-−]?[\d,]*\.?\d+)\s*(trillion|billion|million|万亿|亿|万)?\s*([^\d\s]*)", text)
    if not m:
        return text  # not a number: compared as it is only where both languages write it alike
    value = float(m[1].replace(",", "").replace("−", "-")) * SCALES.get(m[2] or "", 1)
    return ("%", value) if m[3] == "%" else value


def ledgers(build: Path) -> dict[tuple, list[str]]:
    entries: dict[tuple, list[str]] = {}
    for path in sorted((build / "ledger").glob("*.json")):
        for e in json.loads(path.read_text(encoding="utf-8")):
            if e["kind"] == "fact" and not e["column"].startswith("date"):
                continue  # a tactic's or event's description: words, not a number
            key = (path.stem, e["kind"], e.get("figure_id"), e.get("key"), e.get("about"), e.get("of"))
            entries.setdefault(key, []).append(e["text"])
    return entries


def same(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) <= 0.006 * max(abs(a), abs(b))  # each is rounded to its scale's two decimals
    if isinstance(a, tuple) and isinstance(b, tuple) and a[0] == b[0] == "%":
        return abs(a[1] - b[1]) < 1e-9
    return a == b


def test_the_value_reader_reads_sites():
    assert value_of("90.08 million") == 90_080_000 and value_of("9008万人") == 90_080_000
    assert value_of("RMB 381.2 billion") == 381_200_000_000 and value_of("3812亿元") == 381_200_000_000
    assert value_of("more than 276,000") == 276_000 and value_of("超过27.6万次") == 276_000
    assert value_of("23 December 2020") == value_of("2020年12月23日") == date(2020, 12, 23)
    assert value_of("2021") == value_of("2021年") == 2021
    assert value_of("-7.04%") == ("%", -7.04)
    assert value_of("not reported") is value_of("未公布") is None and value_of("0") == 0
    assert value_of("November 2020 to January 2021") == value_of("2020年11月至2021年1月") == ((2020, 11), (2021, 1))
    assert value_of("January to September 2020") == value_of("2020年1月至9月") == ((2020, 1), (2020, 9))
    assert not same(value_of("90.08 million"), value_of("9080万人"))


def test_every_ledger_number_is_stated_in_sites_with_the_same_value(built, zh_built):
    english, chinese = ledgers(built), ledgers(zh_built)
    assert set(english) == set(chinese), (
        f"numbers only in English: {sorted(set(english) - set(chinese), key=str)[:5]}; only in 中文: "
        f"{sorted(set(chinese) - set(english), key=str)[:5]}"
    )
    assert len(english) > 100
    for key in english:
        for en_text, zh_text in zip(english[key], chinese[key], strict=True):
            assert same(value_of(en_text), value_of(zh_text)), f"{key}: {en_text!r} in English, {zh_text!r} in 中文"


def test_every_ledger_number_appears_on_its_chinese_page(zh_built):
    site = zh_built / "site"
    for path in sorted((zh_built / "ledger").glob("*.json")):
        page = "index.html" if path.stem == "00_summary" else f"{path.stem}.html"
        soup = parsed_html((site / page).read_text(encoding="utf-8"))
        # the page's text and its charts' alt text (a chart's numbers are read out there)
        text = " ".join(
            (soup.get_text(" ") + " ".join(tag["aria-label"] for tag in soup.select("[aria-label]"))).split()
        )
        for e in json.loads(path.read_text(encoding="utf-8")):
            assert " ".join(e["text"].split()) in text, f"{page}: {e['text']!r} is ledgered but not on the page"


# ---- neither language leaks into the other -------------------------------------------------------------------------

ENGLISH_RUN = re.compile(r"[A-Za-z][A-Za-z'’-]*(?:[ ,;:]+[A-Za-z][A-Za-z'’-]*){3,}")  # four English words in a row
# a Chinese sentence: Chinese text running through a Chinese comma, stop or semicolon
CHINESE_SENTENCE = re.compile(r"[\u3400-\u9fff][^A-Za-z]{0,40}?[，。；！？][^A-Za-z\s]*[\u3400-\u9fff]")
# English that a Chinese page quotes: a source's own title in quotation marks, names of tools
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|《[^》]*》")  # and a Chinese title in its book-title marks: a name


def test_a_chinese_page_has_no_english_sentence(sites):
    site = sites["zh"]
    for page in PAGES:
        text = QUOTED.sub(" ", reader_text((site / page).read_text(encoding="utf-8"), page))
        runs = ENGLISH_RUN.findall(text)
        assert not runs, f"zh/{page}: English in the Chinese edition: {runs[:5]}"


# A whole number of 1万 or more (36760件) and a number in 万 or 亿 (10.27万件) in one sentence or one table row.
# Chinese writes it ungrouped (36760件); the hotlines' numbers (12315平台, 96315热线) are names, not counts.
_WHOLE_WAN = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d{5,})(?![\d.,万亿]|平台|热线)")
_IN_WAN = re.compile(r"\d(?:\.\d+)?[万亿]")


def test_a_chinese_sentence_or_table_row_writes_its_numbers_one_way(sites):
    """Chinese typesetting (issue 25): one number style a sentence and a series. A series whose years reach 万 writes
    each year in 万 (3.68万件 beside 10.27万件, never 36760件 beside 10.27万件), in prose, tables and chart labels,
    and a number in 万 or 亿 as a Chinese editor writes one: at most two decimals (98.22万件, never 98.2249万件)."""
    site = sites["zh"]
    mixed = []
    for page in PAGES:
        soup = parsed_html((site / page).read_text(encoding="utf-8"))
        for tag in soup(["script", "style"]):
            tag.decompose()
        rows = [" ".join(tr.get_text(" ").split()) for tr in soup.select("tr")]
        for tr in soup.select("tr"):
            tr.decompose()
        units = rows + re.split(r"[。；\n]", soup.get_text("\n"))
        for unit in units:
            whole = [w for w in _WHOLE_WAN.findall(unit) if int(w.replace(",", "")) >= 10_000]
            if whole and _IN_WAN.search(unit):
                mixed.append(f"{page}: {unit.strip()[:120]}")
            mixed += [f"{page}: {n}" for n in re.findall(r"\d+\.\d{3,}[万亿]", unit)]
    assert mixed == [], mixed


# A half-width bracket or mark beside Chinese, as a Chinese typesetter never sets one: "明星 (预告)", "(消费保， 2023",
# "维权舆情: 虚假宣传" (a bracket's content may be Latin: 数据 (CSV) is as wrong as 明星 (预告)).
HALF_WIDTH_BY_CHINESE = re.compile(r"[\u3400-\u9fff]\s?[(,:;?!]|[\u3400-\u9fff]\)|\(\s?[\u3400-\u9fff]|，\s")


def test_a_chinese_page_sets_brackets_and_marks_full_width_in_text_and_chart_descriptions(sites):
    """Chinese typesetting (issue 25): full-width punctuation on Chinese pages, in the prose, tables, source titles,
    chart labels and the descriptions a screen reader reads; code and addresses aside."""
    site = sites["zh"]
    found = []
    for page in PAGES:
        soup = parsed_html((site / page).read_text(encoding="utf-8"))
        for tag in soup(["script", "style", "code", "pre", "noscript"]):
            tag.decompose()
        described = [tag.get(a, "") for tag in soup.find_all(True) for a in ("aria-label", "alt", "title")]
        for text in [soup.get_text(""), *described]:
            found += [
                f"{page}: …{text[max(0, m.start() - 12) : m.end() + 12]}…" for m in HALF_WIDTH_BY_CHINESE.finditer(text)
            ]
    assert found == [], found[:10]


def test_an_english_page_has_no_untranslated_chinese_sentence(sites):
    site = sites["en"]
    for page in PAGES:
        text = QUOTED.sub(" ", reader_text((site / page).read_text(encoding="utf-8"), page))
        found = CHINESE_SENTENCE.findall(text)
        assert not found, f"{page}: Chinese sentences in the English edition: {found[:5]}"


# Words a program writes where a value is missing, which a reader takes for a fault ("次, undefined" in a row's name).
PROGRAM_WORDS = re.compile(r"\b(?:undefined|NaN|null)\b")
# A Chinese measure word alone in brackets on an English page, untranslated: "(次)", "(人次)".
BARE_MEASURE_WORD = re.compile(r"[(（](?:次|件|人次|个|人)[)）]")


# What only a developer of the project acts on: its commands and files (a page's build details box aside).
DEVELOPER_WORDS = re.compile(r"trustreport ingest|make (?:validate|demo|report)|schemas\.py|CITATION\.cff|params/")


def test_no_page_shows_a_program_word_a_developer_instruction_or_a_bare_chinese_measure_word(sites):
    for lang, site in sites.items():
        for page in PAGES:
            html = (site / page).read_text(encoding="utf-8")
            soup = parsed_html(html)
            for tag in soup.select("script, style, .tr-built, .tr-built-details, footer, .nav-footer, .tr-foot"):
                tag.decompose()
            instructions = DEVELOPER_WORDS.findall(soup.get_text(" "))
            assert not instructions, f"{lang} {page}: {instructions[:5]}"
            text = reader_text(html, page)
            assert not PROGRAM_WORDS.findall(text), f"{lang} {page}: {PROGRAM_WORDS.findall(text)[:5]}"
            if lang == "en":
                assert not BARE_MEASURE_WORD.findall(text), f"{page}: {BARE_MEASURE_WORD.findall(text)[:5]}"


def test_the_frame_speaks_the_page_language(sites):
    zh = (sites["zh"] / "20_gala.html").read_text(encoding="utf-8")
    en = (sites["en"] / "20_gala.html").read_text(encoding="utf-8")
    assert "跳到正文" in zh and "Skip to the text" not in zh
    assert "阅读中文版" in en and "Read in English" in zh
    assert "本章是如何构建的" in zh and "How this chapter was built" in en
    # the gala chart's missing 2021 audience: "none found" (no source searched gave it) in each language
    assert "未找到" in zh and "none found" in en and "none found" not in reader_text(zh, "20_gala.html")


# ---- the PDFs ------------------------------------------------------------------------------------------------------


def pdf_fonts(pdf: Path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    return [line.split() for line in out]


def test_both_pdfs_embed_their_fonts_and_extract_cleanly(built, zh_built):
    for pdf, lang in (
        (built / f"trustreport-{DEFAULT_EDITION}.pdf", "en"),
        (zh_built / f"trustreport-{ZH_EDITION}.pdf", "zh"),
    ):
        fonts = pdf_fonts(pdf)
        assert fonts and all(row[-5] == "yes" for row in fonts), f"{pdf.name}: a font is not embedded: {fonts}"
        text = pdftotext(pdf, "-layout")
        assert "\ufffd" not in text
        if lang == "zh":
            assert any("NotoSerifSC" in row[0] for row in fonts)
            for words in ("目录", "晚会", "未找到", "9008万人", "附录", "数据字典"):
                assert words in text, f"{pdf.name}: {words!r} does not extract"
        else:
            for words in ("Contents", "none found", "90.08 million", "Data dictionary"):
                assert words in text, f"{pdf.name}: {words!r} does not extract"
            assert "目录" not in text


def test_the_english_pdf_never_breaks_a_chinese_name_across_lines(built):
    """A Chinese name of up to four ideographs in English text ("Hua Shao (华少)", 维权舆情, 人次) is one word: never
    华 at a line's end and 少 at the next one's start."""
    text = pdftotext(built / f"trustreport-{DEFAULT_EDITION}.pdf")
    # the text, not the data dictionary's tables (Appendix B), whose cells of units (人, 万人) read a cell a line
    pages = text.split("\f")
    prose = next((n for n in range(2, len(pages)) if "Appendix B" in pages[n]), len(pages))
    assert prose < len(pages) - 1, "no Appendix B after the contents"
    lines = "\f".join(pages[:prose]).splitlines()
    broken = []
    for this, following in zip(lines, lines[1:], strict=False):
        end = re.search(r"(?:^|[^\u4e00-\u9fff])([\u4e00-\u9fff]{1,3})$", this)
        start = re.match(r"([\u4e00-\u9fff]{1,3})(?:[^\u4e00-\u9fff]|$)", following)
        if end and start and len(end.group(1) + start.group(1)) <= 4:
            broken.append(f"{this[-30:]} / {following[:30]}")
    assert broken == [], broken[:5]


# ---- published together -------------------------------------------------------------------------------------------


def test_publish_puts_sites_under_one_version(built, zh_built, tmp_path):
    site = tmp_path / "site"
    result = cli("publish", DEFAULT_EDITION, "--site", str(site), "--version", "3.0.0")
    assert result.returncode == 0, result.stderr
    version = site / "v" / "3.0.0"
    for page in PAGES:
        assert page_lang((version / page).read_text(encoding="utf-8")) == "en"
        assert page_lang((version / "zh" / page).read_text(encoding="utf-8")).startswith("zh")
    assert not (version / "zh").is_symlink()  # a copy: the published site does not reach into build/
    assert (version / f"trustreport-{DEFAULT_EDITION}.pdf").is_file() and (
        version / "zh" / f"trustreport-{ZH_EDITION}.pdf"
    ).is_file()
    assert "版本3.0.0的改动" in (version / "zh" / "changes.html").read_text(encoding="utf-8")
    assert "What changed in version 3.0.0" in (version / "changes.html").read_text(encoding="utf-8")
    for folder, other, target in (
        (version, "zh", version / "zh" / "changes.html"),
        (version / "zh", "en", version / "changes.html"),
    ):
        switch = parsed_html((folder / "changes.html").read_text(encoding="utf-8")).select(f'a[hreflang="{other}"]')
        assert [Path(os.path.normpath(folder / a["href"])) for a in switch] == [
            target
        ]  # what changed, in the other language


def test_publish_refuses_an_edition_whose_other_language_was_not_built(built, zh_built, tmp_path):
    project = copy_project(tmp_path / "project", builds=(built, zh_built))
    (project / "build" / ZH_EDITION / "site").rename(project / "build" / ZH_EDITION / "site.aside")
    result = cli(
        "publish",
        DEFAULT_EDITION,
        "--site",
        str(tmp_path / "site"),
        "--version",
        "3.0.0",
        env={"TRUSTREPORT_ROOT": str(project)},
    )
    assert_user_error(result, 1, "zh", ZH_EDITION, "make report")
    assert not (tmp_path / "site" / "v").exists()


# ---- a translation that is missing fails the build -----------------------------------------------------------------


def test_a_missing_translation_stops_the_chinese_build_naming_file_key_and_language(tmp_path):
    project = copy_project(tmp_path / "project")
    catalogue = project / "notebooks" / "20_gala.text.yml"
    text = catalogue.read_text(encoding="utf-8")
    start = text.index("chart-subtitle:")
    zh_line = text.index("  zh:", start)
    catalogue.write_text(text[:zh_line] + text[text.index("\n", zh_line) + 1 :], encoding="utf-8")
    result = cli("run-chapter", ZH_EDITION, "20_gala", env={"TRUSTREPORT_ROOT": str(project)})
    assert_user_error(result, 1, "notebooks/20_gala.text.yml", "chart-subtitle", "zh")


# ---- search in both languages ---------------------------------------------------------------------------------------


def test_search_finds_chinese_words_on_the_chinese_site(sites, browser):
    """Typed into the Chinese site's search box as a reader would: a Chinese term leads to its chapter."""
    with serving(sites["zh"]) as address:
        for term, chapter in (("匹诺曹", "40_trust_tactics.html"), ("真心主播", "20_gala.html")):
            with open_page(browser, f"{address}/index.html") as (page, _, _):
                targets = search(page, term)
                assert any(t.lstrip("./").startswith(chapter) for t in targets), (term, targets)


# A Chinese number's unit (the units report/filters/report.lua keeps with their number in the PDF).
UNIT_FIRST = re.compile(r"^[万亿年月日天件人次项元个条倍小时家位场款名分秒%％]")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("engine", ENGINES)
def test_no_line_of_the_pdf_breaks_between_a_number_and_its_chinese_unit(shared, built, zh_built, engine, lang):
    """In running text (a line of twenty characters or more: a narrow table cell may hold fewer than a number and its
    unit), no line ends in a number whose unit starts the next: 521,976|件, 2021|年, 2022年3月|4日; in the Chinese PDF,
    and in the Chinese titles the English PDF quotes ("…较2020年增长5|倍")."""
    build = {"en": built, "zh": zh_built}[lang]
    pdf = next((rendering(shared, build, engine) / "site").glob("trustreport-*.pdf"))
    lines = pdftotext(pdf).splitlines()
    broken = [
        f"{a[-10:]}|{b[:4]}"
        for a, b in zip(lines, lines[1:], strict=False)
        if len(a) >= 20 and a[-1:].isdigit() and UNIT_FIRST.match(b)
    ]
    assert not broken, f"{engine}: {broken[:6]}"


# A run of Chinese text (ideographs and full-width marks, nothing else) that holds a mark between two ideographs
# (信任：一条): each character is a full em wide, so the run is as many ems wide as it has characters.
MARKS = "，、；：。！？"
PDF_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def narrow_runs(shared, zh_built, engine: str, marks: str, inside: str) -> tuple[int, list[str]]:
    """The runs of Chinese text in the Chinese PDF (ideographs and `marks`, nothing else) holding a mark of `inside`
    between two ideographs, none at either end nor two side by side (those close up by design): how many there are,
    and those narrower than an em a character (the box's height is the font's em)."""
    pdf = next((rendering(shared, zh_built, engine) / "site").glob("trustreport-*.pdf"))
    xml = pdftotext(pdf, "-bbox")
    run, mid = re.compile(f"[\u4e00-\u9fff{marks}]+"), re.compile(f"[\u4e00-\u9fff][{inside}][\u4e00-\u9fff]")
    narrow, read = [], 0
    for match in PDF_WORD.finditer(xml):
        x0, y0, x1, y1 = map(float, match.groups()[:4])
        text = html.unescape(match.group(5))
        if not run.fullmatch(text) or not mid.search(text) or re.search(f"[{marks}]{{2}}", text):
            continue
        if text[0] in marks or text[-1] in marks:  # a mark at a line's end may close up
            continue
        read += 1
        if x1 - x0 < (len(text) - 0.4) * (y1 - y0):
            narrow.append(text[:20])
    return read, narrow


@pytest.mark.parametrize("engine", ENGINES)
def test_the_chinese_pdf_never_squeezes_a_full_width_mark_in_mid_line(shared, zh_built, engine):
    """Justifying a line, Typst narrowed ，：； between two ideographs to half width ("信任: 一条是"), which a Chinese
    reader takes for Latin punctuation; a mark stays a full em wide."""
    read, squeezed = narrow_runs(shared, zh_built, engine, MARKS, MARKS)
    assert read >= 20, f"{engine}: read {read} runs of Chinese text with a mark inside"
    assert not squeezed, f"{engine}: {squeezed[:6]}"


@pytest.mark.parametrize("engine", ENGINES)
def test_the_chinese_pdf_sets_quotation_marks_full_width(shared, zh_built, engine):
    """Chinese quotation marks are the Chinese face's, a full em wide (标明“推算”的); the Latin face's narrow ones
    crowded the characters beside them."""
    read, narrow = narrow_runs(shared, zh_built, engine, "“”‘’" + MARKS, "“”")
    assert read >= 2, f"{engine}: read {read} runs of Chinese text with a quotation mark inside"
    assert not narrow, f"{engine}: {narrow[:6]}"


NUMBER_AND_UNIT = re.compile(r"\d[\d,.]*[万亿年月日天件人次项元个条倍小时家位场款名分秒%％]+")


@pytest.mark.parametrize("engine", ENGINES)
def test_the_chinese_pdfs_scorecard_keeps_each_number_with_its_unit(shared, zh_built, engine):
    """The scorecard's nine columns leave a year's cell about four characters: 27.6万人次 broke as 27.6万人 / 次."""
    site = rendering(shared, zh_built, engine) / "site"
    soup = parsed_html((site / "40_trust_tactics.html").read_text(encoding="utf-8"))
    table = next(t for t in soup.find_all("table") if len(t.find_all("th")) >= 9)
    wanted = {m for td in table.find_all("td") for m in NUMBER_AND_UNIT.findall(td.get_text(""))}
    pdf = next(site.glob("trustreport-*.pdf"))
    xml = pdftotext(pdf, "-bbox")
    words = [html.unescape(m.group(5)) for m in PDF_WORD.finditer(xml)]
    assert len(wanted) >= 10, wanted
    broken = sorted(w for w in wanted if not any(w in word for word in words))
    assert not broken, f"{engine}: {broken}"


CLOSING_FIRST = re.compile(r"^[，。、；：！？）》」』]")


@pytest.mark.parametrize("engine", ENGINES)
def test_no_line_of_the_chinese_pdf_opens_with_a_closing_mark(shared, zh_built, engine):
    """A Chinese line never starts with ，。：；） and their kind, not even after a number kept whole with its unit
    ("2800万小时 / ：这与…")."""
    pdf = next((rendering(shared, zh_built, engine) / "site").glob("trustreport-*.pdf"))
    # read by position (pdftotext's plain text puts a mark set tight against a bracket on a line of its own)
    xml = pdftotext(pdf, "-bbox")
    opened = []
    for page in xml.split("<page ")[1:]:
        words = [  # each word's left edge, the middle of its height (fonts of one line differ in height), its text
            (float(x), (float(top) + float(bottom)) / 2, html.unescape(w))
            for x, top, bottom, w in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</word>', page
            )
        ]
        for x, y, word in words:
            if CLOSING_FIRST.match(word) and not any(abs(y2 - y) < 4 and x2 < x for x2, y2, _ in words):
                opened.append(word[:8])
    assert not opened, f"{engine}: {opened[:6]}"
    # and what keeps the mark there stays out of the text a reader searches and copies
    text = pdftotext(pdf, "-l", "1")
    assert "2021年，全国市场监管部门和消协" in text, (engine, text[:300])


def test_a_figure_no_source_gave_reads_the_same_in_every_table_and_chart(sites):
    """One phrase for one meaning (issue 25): a figure no source searched gave is "none found" (未找到) in the summary's
    table, the scorecard, the gala chart and the summary grid's legend, never "not found" in one place and "not
    published (none found)" in another."""
    for lang, site in sites.items():
        cells, specs = [], ""
        for page in PAGES:
            soup = parsed_html((site / page).read_text(encoding="utf-8"))
            cells += [" ".join(td.get_text(" ").split()) for td in soup.select("td")]
        for spec in (site / "data").glob("*.vl.json"):
            specs += spec.read_text(encoding="utf-8")
        said = {"en": "none found", "zh": "未找到"}[lang]
        assert said in cells, lang
        others = {"en": ["not found", "not published (none found)"], "zh": ["未公布（未找到）"]}[lang]
        assert not [c for c in cells if c in others], lang
        # the charts' words for it (the summary grid's legend, the gala chart's labels); "not found" is also the
        # grid's own name for the state, in its data, which no reader sees
        legend_words = {"en": "not published (none found)", "zh": "未公布（未找到）"}[lang]
        assert said in specs and legend_words not in specs, lang


# A bracket inside a bracket in running English: "(RMB 457.3 billion (estimate))", a citation's "(the press's own
# reporting)" inside the brackets that hold the citation. (A quoted title may hold brackets of its own.)
NESTED_BRACKETS = re.compile(r"\([^()]*\([^()]*\)[^()]*\)")


def test_english_prose_never_nests_brackets(sites):
    site, nested = sites["en"], []
    for page in PAGES:
        soup = parsed_html((site / page).read_text(encoding="utf-8"))
        for tag in soup(["script", "style", "code", "table", "figure"]):
            tag.decompose()
        for block in soup.select("main p, main li, #quarto-document-content p, #quarto-document-content li"):
            text = QUOTED.sub("“”", " ".join(block.get_text(" ").split()))
            nested += [f"{page}: {m.group(0)[:100]}" for m in NESTED_BRACKETS.finditer(text)]
    assert nested == [], nested[:5]


# What a screen reader or a tooltip says on a Chinese page: no English word of its own (names of formats, of charts'
# libraries and Latin names from the sources aside)
LATIN_NAMES = {"PDF", "CSV", "GMV", "Vega", "Lite", "Vega-Lite", "UV", "PK"}  # PK: 打PK, as Chinese writes it


def english_words(label: str) -> list[str]:
    """The English words of a label, the Latin names a Chinese page keeps aside."""
    return [w for w in re.findall(r"[A-Za-z][A-Za-z-]+", label) if w not in LATIN_NAMES]


def test_a_chinese_pages_labels_and_tooltips_speak_chinese(sweep, sites):
    """The PDF link's tooltip, Quarto's "breadcrumb" trail and every other label a screen reader reads, as the page
    stands in a reader's browser at 390 px (where the trail shows): LABELS."""
    english = []
    answers = sweep(sites["zh"], 390)
    assert sorted(answers) == sorted(PAGES)
    for name, found in answers.items():
        for label in found["labels"]:
            words = english_words(label)
            if words and not re.search(r"[\u3400-\u9fff]", label):
                english.append(f"{name}: {label[:80]}")
    assert sorted(set(english)) == [], sorted(set(english))


def test_a_chinese_pages_labels_speak_chinese_before_any_script_runs(sites):
    """As the server sends it (a reader whose browser runs no script): no label a screen reader reads has an English
    word in it, not Quarto's "breadcrumb", not Vega's "Title text '…'" on a chart's drawing."""
    english = []
    for page in PAGES:
        soup = parsed_html((sites["zh"] / page).read_text(encoding="utf-8"))
        for tag in soup.select("[aria-label], [title], [alt]"):
            for label in (tag.get(a) for a in ("aria-label", "title", "alt") if tag.get(a)):
                words = english_words(label)
                if words:
                    english.append(f"{page}: {words[:3]} in {label[:60]}")
    assert sorted(set(english)) == [], sorted(set(english))[:8]


def test_a_chinese_page_never_sets_two_brackets_side_by_side(sites):
    """Chinese typesetting: 直播带货举报率（较2020年下降8.96%；没有来源说明其算法）, never …举报率（…）（较2020年…）,
    in prose, tables and chart labels alike."""
    site, found = sites["zh"], []
    for page in PAGES:
        soup = parsed_html((site / page).read_text(encoding="utf-8"))
        for tag in soup(["script", "style", "code", "pre"]):
            tag.decompose()
        found += [f"{page}: {m.group(0)}" for m in re.finditer(r".{0,20}）（.{0,20}", soup.get_text(""))]
    assert found == [], found[:5]


def test_the_table_of_contents_names_each_section_without_its_link_mark(sites):
    """A section's entry in the page's table of contents is its heading's words, never its permalink's "#"."""
    marked = []
    for lang, site in sites.items():
        for page in PAGES:
            soup = parsed_html((site / page).read_text(encoding="utf-8"))
            marked += [f"{lang}/{page}: {a.get_text()}" for a in soup.select("#TOC a") if "#" in a.get_text()]
    assert marked == [], marked[:5]
