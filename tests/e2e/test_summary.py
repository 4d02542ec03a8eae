"""The summary leads (issue 25.2): its heading states the finding, a standfirst names the two years and the report's
date, the comparable measures come first, and one chart sets each measure's two years side by side with what each
cell holds. Read as a reader reads it, on both engines' sites, in both languages, and in the PDFs."""

from __future__ import annotations

import re
import subprocess
from datetime import date

import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, parsed_html, pdftotext

RELEASE = date.fromisoformat(str(yaml.safe_load((ROOT / "report" / "release.yml").read_text())["date"]))

# What a reader must find, written out here: the 2021 edition's finding, years and date in each language.
EXPECTED = {
    "en": {
        "heading": [
            "In 2021, 5 of 6 comparable national full-year counts of complaints and appeals",
            "rose; reports of wrongdoing fell 25.6%; Kuaishou",
            "GMV rose 78.4%, by its own count",
        ],
        "standfirst": ["2021 against 2020", f"Published {RELEASE.day} {RELEASE:%B} {RELEASE.year}"],
        "nav": "Summary",
        "grid": "11 of the 13 headline measures of complaints, sales and galas can be compared between 2020 and 2021",
        "legend": ["reported", "derived from reported figures", "none found"],
        "first_row": "Appeals (诉求) to market regulators, all channels",
        "first_cells": "2020: 21.3 million; 2021: 23.81 million",
    },
    "zh": {
        "heading": [
            "2021年",
            "全国市场监管部门和消协受理的投诉与诉求",
            "可以比较的6项全年统计中有5项上升",
            "全国市场监管部门受理的举报下降25.6%",
            "快手电商GMV（商品交易总额）增长78.4%（快手自己的统计）",
        ],
        "standfirst": ["2021年对比2020年", f"{RELEASE.year}年{RELEASE.month}月{RELEASE.day}日发布"],
        "nav": "摘要",
        "grid": "投诉、销售与晚会的13项主要指标中，11项可以在2020年与2021年之间比较",
        "legend": ["公布", "由公布数字推算", "未找到"],
        "first_row": "全国市场监管部门受理的诉求",
        "first_cells": "2020年：2130.32万件；2021年：2381.2万件",
    },
}


def _chapter_heading(soup: BeautifulSoup):
    """The summary's own heading: the first h1 in the text (Quarto's title block above it names the book)."""
    return next(h for h in soup.find_all("h1") if "title" not in (h.get("class") or []))


def test_the_summary_leads_with_its_finding(sites):
    for lang, site in sites.items():
        soup = parsed_html((site / "index.html").read_text(encoding="utf-8"))
        want = EXPECTED[lang]
        heading = " ".join(_chapter_heading(soup).get_text(" ").split())
        for part in want["heading"]:
            assert part in heading, (lang, heading)
        assert heading not in ("Summary", "摘要", "摘要 · Summary"), heading
        standfirst = soup.select_one(".tr-standfirst")
        assert standfirst is not None, lang
        text = " ".join(standfirst.get_text(" ").split())
        for part in want["standfirst"]:
            assert part in text.replace(" 年", "年"), (lang, text)
        # the navigation still names the page, briefly
        labels = [" ".join(a.get_text(" ").split()) for a in soup.select("nav a, #quarto-sidebar a")]
        assert want["nav"] in labels, (lang, labels)


def test_the_summary_chart_shows_each_measure_by_year_and_what_each_cell_holds(sites):
    for lang, site in sites.items():
        soup = parsed_html((site / "index.html").read_text(encoding="utf-8"))
        want = EXPECTED[lang]
        text = " ".join(soup.get_text(" ").split())
        # the chart comes first, before the table of changes and the findings
        assert want["grid"] in text, lang
        figure = soup.select_one("#fig-summary-grid")
        assert figure is not None and want["grid"] in figure.get_text(" "), lang
        assert text.index(want["grid"]) < text.index(want["first_row"]), lang
        # its alt text reads every cell: the first measure with both years' figures
        spoken = figure.select_one("[role=img]")["aria-label"]
        first = {"en": "2020: 21.3 million; 2021: 23.81 million", "zh": "2020年：2130.32万件；2021年：2381.2万件"}[lang]
        assert want["first_row"] in spoken and first in spoken, (lang, spoken[:300])
        # the legend says what a mark means, and a missing figure is "not published", never drawn as a value
        svg = (site / "figures" / "summary-grid.svg").read_text(encoding="utf-8")
        for name in want["legend"]:
            assert f">{name}<" in svg, (lang, name)


def test_the_summary_table_and_its_chart_say_the_same_of_every_year(sites):
    """A year with no figure reads the same in the table of changes as in figure 1 (not a dash in one and "none
    found" in the other), and the chart's key names no mark that none of its cells draws."""
    year_label = {"en": "{year}: ", "zh": "{year}年："}
    for lang, site in sites.items():
        soup = parsed_html((site / "index.html").read_text(encoding="utf-8"))
        figure = soup.select_one("#fig-summary-grid")
        spoken = figure.select_one("[role=img]")["aria-label"]
        table = next(t for t in soup.find_all("table") if t.find_previous(["h2"]) is not None)
        rows = [[" ".join(c.get_text(" ").split()) for c in r.find_all("td")] for r in table.find_all("tr")]
        rows = [r for r in rows if len(r) == 5]
        assert len(rows) >= 10, (lang, rows)
        years = ("2020", "2021")
        for name, _who, first, second, _change in rows:
            said = ("; " if lang == "en" else "；").join(
                year_label[lang].format(year=y) + cell for y, cell in zip(years, (first, second), strict=True)
            )
            assert said in spoken, (lang, name, said)
        key = " ".join(figure.get_text(" ").split())
        assert "diamond" not in key and "菱形" not in key, (lang, key[:400])


def test_the_pdf_summary_opens_with_the_finding(sites):
    for lang, site in sites.items():
        pdf = next(site.glob("trustreport-*.pdf"))
        text = pdftotext(pdf)
        flat = re.sub(r"\s+", "", text)
        for part in [*EXPECTED[lang]["heading"], EXPECTED[lang]["grid"]]:
            assert re.sub(r"\s+", "", part) in flat, (lang, part)


COVER = {
    "en": {
        "title": "E-commerce trust and Kuaishou's 616",
        "compared": "Kuaishou's 616 festival · 2021 against 2020",
        "published": f"Published {RELEASE.day} {RELEASE:%B} {RELEASE.year}",
        "imprint": "About this PDF",
    },
    "zh": {
        "title": "电商信任与快手616",
        "compared": "快手616购物节·2021年对比2020年",
        "published": f"{RELEASE.year}年{RELEASE.month}月{RELEASE.day}日发布",
        "imprint": "关于本PDF",
    },
}


def _page(pdf, n: int) -> str:
    text = pdftotext(pdf, "-f", str(n), "-l", str(n))
    return " ".join(text.replace("’", "'").split())


def test_the_pdf_cover_names_the_years_the_finding_and_the_date_and_the_build_is_on_the_imprint(sites):
    for lang, site in sites.items():
        pdf = next(site.glob("trustreport-*.pdf"))
        cover, imprint = _page(pdf, 1), _page(pdf, 2)
        flat = re.sub(r"\s+", "", cover)
        for key in ("title", "compared", "published"):
            assert re.sub(r"\s+", "", COVER[lang][key]) in flat, (lang, key, cover)
        for part in EXPECTED[lang]["heading"]:
            assert re.sub(r"\s+", "", part) in flat, (lang, part, cover)
        # the English cover is in English: no Chinese title on it
        if lang == "en":
            assert not re.search(r"[\u4e00-\u9fff]", cover), cover
        # build details belong on the imprint, not on the cover
        assert "commit" not in cover and "提交" not in cover, cover
        assert COVER[lang]["imprint"] in imprint and ("commit" in imprint or "提交" in imprint), imprint


def test_the_pdf_numbers_its_figures_as_the_site_does_and_leaves_none_out(sites):
    """Every figure of the site is in the PDF under the same number (an interactive one as its caption and what it
    shows), so the numbers run without a gap."""
    for lang, site in sites.items():
        label = {"en": "Figure", "zh": "图"}[lang]
        pattern = rf"{label} ?(\d+(?:\.\d+)?)"
        on_site = set()
        for page in site.glob("*.html"):
            soup = parsed_html(page.read_text(encoding="utf-8"))
            on_site |= {m for cap in soup.select("figcaption") for m in re.findall(pattern, cap.get_text(" "))}
        pdf = next(site.glob("trustreport-*.pdf"))
        text = pdftotext(pdf)
        in_pdf = set(re.findall(rf"^{pattern}", text, re.M))
        assert in_pdf == on_site, (lang, sorted(on_site ^ in_pdf))
        for chapter in {n.split(".")[0] for n in in_pdf if "." in n}:
            numbers = sorted(int(n.split(".")[1]) for n in in_pdf if n.startswith(f"{chapter}."))
            assert numbers == list(range(1, len(numbers) + 1)), (lang, chapter, numbers)


def _running_head(pdf, n: int) -> str:
    """What is printed in page n's top margin (the top 2.3 cm): the running head."""
    text = pdftotext(pdf, "-layout", "-f", str(n), "-l", str(n), "-x", "0", "-y", "0", "-W", "600", "-H", "65")
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def test_the_pdf_running_heads_name_the_summary_by_its_short_name(sites):
    for lang, site in sites.items():
        pdf = next(site.glob("trustreport-*.pdf"))
        count = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        pages = int(re.search(r"^Pages:\s+(\d+)", count, re.M).group(1))
        heads = [_running_head(pdf, n) for n in range(3, pages + 1)]  # the cover and imprint have none
        assert heads and all(heads), (lang, heads)
        # the summary's pages are headed by its name in the navigation, not by its headline over two lines
        assert any(head.endswith(EXPECTED[lang]["nav"]) for head in heads), (lang, heads[:4])
        for head in heads:
            assert len(head.splitlines()) == 1, (lang, head)
            assert not any(
                re.sub(r"\s+", "", part) in re.sub(r"\s+", "", head) for part in EXPECTED[lang]["heading"][1:]
            )


def _chapter_starts(pdf, headings: list[str]) -> list[list[float]]:
    """For each page, where a chapter's heading line stands in the text area (points from the top): a line that
    begins as one of `headings` (the site's page titles) begins."""
    xml = pdftotext(pdf, "-bbox-layout")
    starts = []
    for page in xml.split("<page ")[1:]:
        found = []
        for top, words in re.findall(r'<line xMin="[^"]*" yMin="([^"]*)"[^>]*>(.*?)</line>', page, re.S):
            line = re.sub(r"\s+", "", "".join(re.findall(r">([^<]*)</word>", words)))
            if HEAD_BOTTOM < float(top) < TEXT_BOTTOM and any(line.startswith(h) for h in headings):
                found.append(float(top))
        starts.append(found)
    return starts


def test_a_pdf_page_is_headed_by_the_chapter_it_opens_in(sites):
    """A chapter that starts low on a page does not give its name to a page that is mostly the chapter before:
    the running head names the chapter the page opens in (a chapter starting in the page's top third names it)."""
    checked = 0
    for lang, site in sites.items():
        pdf = next(site.glob("trustreport-*.pdf"))
        headings = []
        for page in sorted(site.glob("*.html")):
            h1 = parsed_html(page.read_text(encoding="utf-8")).find("h1")
            if h1 is not None:
                headings.append(re.sub(r"\s+", "", h1.get_text())[:8])
        starts = _chapter_starts(pdf, headings)
        contents = {n for n, found in enumerate(starts, 1) if len(found) >= 3}  # the table of contents lists them all
        for n in range(4, len(starts) + 1):
            here, before = starts[n - 1], starts[n - 2]
            if n - 1 in contents or n in contents or before or not here or min(here) < A4_POINTS / 3:
                continue
            checked += 1
            assert _running_head(pdf, n) == _running_head(pdf, n - 1), (lang, n, _running_head(pdf, n))
    assert checked, "no page where a chapter starts low: the test checks nothing"


def test_both_pdfs_embed_a_bold_chinese_face_for_bold_words_and_headings(sites):
    for lang, site in sites.items():
        pdf = next(site.glob("trustreport-*.pdf"))
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        embedded = [line.split()[0].split("+")[-1] for line in fonts.splitlines()[2:] if " yes " in line]
        # bold Chinese is set in a bold face (a regular one would lose the emphasis)
        assert any(name.startswith("NotoSansCJKsc-Bold") for name in embedded), (lang, embedded)


A4_POINTS, TEXT_TOP, TEXT_BOTTOM = 842, 2.5 / 29.7 * 842, (29.7 - 2.4) / 29.7 * 842  # the text area between margins
HEAD_BOTTOM = 55  # the running head ends above this (points from the top)


def _lowest_ink(pdf) -> dict[int, float]:
    """Each page's lowest word in its text area, in points from the top (its running head and footer aside)."""
    xhtml = pdftotext(pdf, "-bbox")
    lowest = {}
    for n, page in enumerate(xhtml.split("<page ")[1:], 1):
        bottoms = [float(y) for y in re.findall(r'yMax="([\d.]+)"', page)]
        inside = [y for y in bottoms if TEXT_TOP < y < TEXT_BOTTOM]
        lowest[n] = max(inside, default=TEXT_TOP)
    return lowest


def _body_pages(pdf) -> tuple[int, int]:
    """The page the first chapter starts on and the page the first appendix starts on, as the contents (page 2,
    above the imprint) lists them."""
    contents = _page(pdf, 2)
    starts = [int(n) for n in re.findall(r"\.\s*\u2060?(\d+)(?=\s|$)", contents)]
    appendix = re.search(r"(?:Appendix A|附录A)[^\d]*\u2060?(\d+)(?=\s|$)", contents)
    assert starts and appendix, contents
    return starts[0], int(appendix.group(1))


def test_no_page_of_the_pdf_is_more_than_a_third_empty_before_the_appendices(sites):
    for lang, site in sites.items():
        pdf = next(site.glob("trustreport-*.pdf"))
        first_chapter, first_appendix = _body_pages(pdf)
        lowest = _lowest_ink(pdf)
        empty = {}
        # every page from the first chapter's to the one before the appendices, chapter ends included: the chapters
        # follow on, and so does the first appendix (a chapter ending in a chart that waited for room left a page
        # two-thirds empty before it)
        for n in range(first_chapter, first_appendix):
            share = (TEXT_BOTTOM - lowest[n]) / (TEXT_BOTTOM - TEXT_TOP)
            if share > 1 / 3:
                empty[n] = f"{share:.0%}"
        assert empty == {}, (lang, empty)


def _chapter_of_each_caption(pdf, first: int, last: int) -> list[tuple[int, str, int]]:
    """(page, figure number, chapters begun so far) for each chart caption from page `first` to `last`, read in the
    order the text runs: a level-one heading is set large (18 pt and more), a caption starts at the left margin with
    "Figure" or 图 and its number."""
    xhtml = pdftotext(pdf, "-bbox", "-f", str(first), "-l", str(last))
    word = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
    found, headings, last_heading_line = [], 0, None
    for n, page in enumerate(xhtml.split("<page ")[1:], first):
        words = [(float(x0), float(x1), float(y0), float(y1), w) for x0, y0, x1, y1, w in word.findall(page)]
        body = [w for w in words if HEAD_BOTTOM < w[2] < TEXT_BOTTOM]  # a chart floated to the top sits above TEXT_TOP
        # the left margin: where the running head starts (a chart's labels may start left of the text)
        margin = min((w[0] for w in words if w[2] < HEAD_BOTTOM), default=0)
        for i, (x, x1, y0, y1, text) in enumerate(body):
            # a heading's words are 18 pt and more, and its longer words wider than tall (an axis title set on its
            # side is taller than wide); a heading of several lines (26 pt apart) is one heading
            if y1 - y0 >= 18 and x1 - x >= y1 - y0:
                if last_heading_line is None or last_heading_line[0] != n or not -5 < y0 - last_heading_line[1] < 40:
                    headings += 1
                last_heading_line = (n, y0)
            following = body[i + 1][4] if i + 1 < len(body) else ""
            if text in ("Figure", "图") and abs(x - margin) < 1.5 and re.fullmatch(r"\d+(\.\d+)?", following):
                found.append((n, following, headings))
    return found


def test_no_chart_of_the_pdf_lands_in_the_next_chapter(sites):
    """A chart floats to the top of a page when it does not fit: it must still come before the next chapter's heading
    (Figure 3.2 sat under the heading of chapter 4 at the top of its page)."""
    for lang, site in sites.items():
        pdf = next(site.glob("trustreport-*.pdf"))
        first_chapter, first_appendix = _body_pages(pdf)
        captions = _chapter_of_each_caption(pdf, first_chapter, first_appendix)
        assert len(captions) >= 10, (lang, captions)
        # the summary is the first chapter (its figures are numbered 1, 2 …), chapter k's figures k.1, k.2 …
        misplaced = [
            (page, number, chapters)
            for page, number, chapters in captions
            if ("." in number and int(number.split(".")[0]) + 1 != chapters) or ("." not in number and chapters != 1)
        ]
        assert misplaced == [], (lang, "(page, figure, chapters begun by then)", misplaced)


def test_a_charts_source_line_in_the_pdf_starts_at_the_margin_as_its_caption_does(sites):
    """A source line under a chart is a note, not a paragraph of the text: it starts at the left margin, as the
    chart's caption does, in Chinese too (where every paragraph of the text is indented two characters)."""
    for lang, site in sites.items():
        pdf = next(site.glob("trustreport-*.pdf"))
        xml = pdftotext(pdf, "-bbox-layout")
        starts: dict[str, list[float]] = {"caption": [], "source": []}
        for left, words in re.findall(r'<line xMin="([\d.]+)"[^>]*>(.*?)</line>', xml, re.S):
            line = " ".join(re.findall(r">([^<]*)</word>", words))
            if re.match(r"(Figure|图)\s*\d+(\.\d+)?\s", line + " "):
                starts["caption"].append(float(left))
            elif re.match(r"(Sources?|来源)[:：]", line):
                starts["source"].append(float(left))
        assert len(starts["caption"]) >= 8 and len(starts["source"]) >= 8, (lang, starts)
        margin = min(starts["caption"])
        indented = [round(x - margin, 1) for x in starts["source"] if x > margin + 2]
        assert indented == [], (lang, indented)
