"""Both engines give a reader the same report: the same pages, figures, numbers and PDF contents."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from conftest import DEFAULT_EDITION, copy_project, engine_of, make, need_engine, parsed_html, pdftotext, rendering
from e2e.test_article_facts import PdfText, _squeezed

FIGURE = re.compile(r'<figure\b[^>]*\bid="fig-([^"]+)"')
STRAIGHT_QUOTES = str.maketrans("‘’“”", "''\"\"")


@pytest.fixture(scope="module")
def both(shared, built) -> dict[str, Path]:
    """The default edition rendered by each engine from the same executed chapters."""
    return {engine: rendering(shared, built, engine) for engine in ("embedded", "quarto")}


def pages(build: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted((build / "site").glob("*.html"))}


def raw_text(build: Path) -> str:
    pdf = build / "site" / f"trustreport-{DEFAULT_EDITION}.pdf"
    assert pdf.is_file() and (build / pdf.name).is_file(), "the PDF has the same name in both engines"
    text = pdftotext(pdf, "-raw")  # in the order typeset
    return " ".join(text.replace("\u2212", "-").split())  # Typst sets a leading hyphen as a minus sign


def test_the_same_pages_with_the_same_figures(both):
    embedded, quarto = pages(both["embedded"]), pages(both["quarto"])
    assert sorted(embedded) == sorted(quarto)
    for name in embedded:
        assert FIGURE.findall(embedded[name]) == FIGURE.findall(quarto[name]), name
    assert sum(len(FIGURE.findall(html)) for html in embedded.values()) >= 9


def test_the_same_chart_data_ledger_and_figures(both):
    data = {engine: sorted(p.name for p in (build / "site" / "data").iterdir()) for engine, build in both.items()}
    assert data["embedded"] == data["quarto"] and data["embedded"]
    for rel in ["ledger.json", "figures.json", *(f"data/{name}" for name in data["embedded"])]:
        assert (both["embedded"] / "site" / rel).read_bytes() == (both["quarto"] / "site" / rel).read_bytes(), rel


def test_both_pdfs_hold_every_chapter_and_every_number_the_prose_states(both):
    ledger = json.loads((both["embedded"] / "site" / "ledger.json").read_text(encoding="utf-8"))
    headings = [re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S) for html in pages(both["embedded"]).values()]
    titles = [re.sub(r"<[^>]+>", "", h.group(1)).strip() for h in headings if h]
    assert len(titles) >= 6
    phrases = {entry["text"] for entries in ledger.values() for entry in entries}
    for engine, build in both.items():
        text = raw_text(build)
        for title in titles:
            assert title.split(" · ")[-1] in text, f"{engine} PDF lacks the chapter {title!r}"
        # Typst spaces Chinese from Latin, curls quotes, and lines break anywhere; a phrase may run from the foot of
        # one page on to the next, past the running head and the footer (read as a reader follows it)
        followed = PdfText(build / "site" / f"trustreport-{DEFAULT_EDITION}.pdf")
        followed.pages = [page.translate(STRAIGHT_QUOTES) for page in followed.pages]
        for phrase in phrases:
            assert _squeezed(phrase).translate(STRAIGHT_QUOTES) in followed, f"{engine} PDF lacks {phrase!r}"
        assert "Data dictionary" in text and "Appendix A" in text


# The site's prose, sentence by sentence: paragraphs and list items of the page, not inside a chart, a table, the
# navigation or a built-with box (the PDF has its own forms of those).
NOT_PROSE = "figure, table, nav, footer, aside, figcaption, .tr-built, .callout, .tr-figure, .cell-output"
SENTENCE_END = re.compile(r"(?<=[。；！？])|(?<=[.;!?])\s")


def prose_sentences(html: str) -> list[str]:
    soup = parsed_html(html)
    main = soup.select_one("main") or soup.body
    for web_only in main.select(".tr-web"):  # words for a site visitor, which the PDF leaves out by design
        web_only.decompose()
    skipped = {id(el) for el in main.select(NOT_PROSE)}
    found = []
    for el in main.select("p, li"):
        if id(el) in skipped or any(id(parent) in skipped for parent in el.parents):
            continue
        found += [s for s in SENTENCE_END.split(el.get_text("")) if len(_squeezed(s)) >= 12]
    return found


def in_reading_order(pages: list[str], phrase: str) -> bool:
    """Whether `phrase` is in the PDF as a reader follows it: on one page, or begun on one and ended on one of the
    next three (past the running heads and the charts that stand between: at the foot or top of a page, or a page
    of their own; a line may sit alone below a full-page chart). A line lost in between leaves no way through."""
    if any(phrase in page for page in pages):  # most sentences: whole on one page
        return True
    return any(_followed(phrase, pages, i, i + 3) for i in range(len(pages)))


def _followed(rest: str, pages: list[str], i: int, last: int) -> bool:
    """Whether `rest` begins on page `i` and, read on in the pages after it, ends by page `last`."""
    if rest in pages[i]:
        return True
    cut = _longest_beginning_in(rest, pages[i])
    return bool(cut) and any(_followed(rest[cut:], pages, j, last) for j in range(i + 1, min(last, len(pages) - 1) + 1))


def _longest_beginning_in(text: str, page: str) -> int:
    """How many characters of `text`, short of all of them, begin a string found in `page` (0: not even one). Found
    beginnings are followed only by found beginnings (a found string's beginnings are found), so halving finds it."""
    found, missing = 0, len(text)
    while missing - found > 1:
        middle = (found + missing) // 2
        found, missing = (middle, missing) if text[:middle] in page else (found, middle)
    return found


@pytest.mark.parametrize("engine", ["embedded", "quarto"])
def test_every_sentence_of_the_site_is_whole_in_the_pdf(shared, built, zh_built, engine):
    """No line of the prose is lost on the way to the PDF: a chart that floated to a page it only just fitted once
    took the first lines of the Chinese summary's second finding with it."""
    for build in (built, zh_built):
        rendered = rendering(shared, build, engine)
        pdf_pages = [page.translate(STRAIGHT_QUOTES) for page in PdfText(next((rendered / "site").glob("*.pdf"))).pages]
        sentences = [s for html in pages(rendered).values() for s in prose_sentences(html)]
        assert len(sentences) > 100, build.name
        lost = [s for s in sentences if not in_reading_order(pdf_pages, _squeezed(s).translate(STRAIGHT_QUOTES))]
        assert not lost, f"{engine} {build.name} PDF lacks {len(lost)} sentences of the site: {lost[:3]}"


# Words that speak to a visitor of the site, which a PDF's reader cannot act on (issue 25: "each chart's data can be
# downloaded beside it", "On the site, each slider ...", an interactive figure "on the report's website" with no
# address).
# (Searched in text without spaces, as a PDF's lines give it.)
SITE_VISITOR_WORDS = re.compile(
    r"downloadedbeside|eachslider|slidermoves|moveaslider|onthereport'swebsite|图旁下载|每个滑块|拖动滑块|见本报告网站"
)


@pytest.mark.parametrize("engine", ["embedded", "quarto"])
def test_the_pdfs_address_a_reader_of_paper_not_a_visitor_of_the_site(shared, built, zh_built, engine):
    for build in (built, zh_built):
        rendered = rendering(shared, build, engine)
        text = _squeezed(" ".join(PdfText(next((rendered / "site").glob("*.pdf"))).pages))
        found = [text[max(0, m.start() - 40) : m.end() + 20] for m in SITE_VISITOR_WORDS.finditer(text)]
        assert not found, f"{engine} {build.name}: {found[:3]}"
        site_text = _squeezed(" ".join(pages(rendered).values()))
        assert SITE_VISITOR_WORDS.search(site_text), f"{engine} {build.name}: the site lost its own words"


def stray_closing_quotes(text: str) -> list[str]:
    """Each ” with no “ open before it (a quotation whose opening mark was set as a closing one: ”双11”)."""
    open_marks, stray = 0, []
    for i, ch in enumerate(text):
        if ch == "\u201c":
            open_marks += 1
        elif ch == "\u201d":
            if open_marks:
                open_marks -= 1
            else:
                stray.append(text[max(0, i - 15) : i + 10])
    return stray


@pytest.mark.parametrize("engine", ["embedded", "quarto"])
def test_the_pdfs_set_apostrophes_and_quotation_marks_as_written(shared, built, zh_built, engine):
    """Typst's guess at straight marks set 2021’s as 2021′s (a prime) and a quotation inside a Chinese title as ”双11”;
    a title given as text kept a straight apostrophe (Kuaishou's on the cover and every running head)."""
    for build in (built, zh_built):
        pdf = next((rendering(shared, build, engine) / "site").glob("trustreport-*.pdf"))
        text = pdftotext(pdf)
        assert not re.findall(r"\d\u2032[a-z]", text), f"{engine} {build.name}: a prime for an apostrophe"
        assert not stray_closing_quotes(text), f"{engine} {build.name}: {stray_closing_quotes(text)[:3]}"
        assert "Kuaishou's 616\n" not in text and "Kuaishou's 616 festival ·" not in text, f"{engine} {build.name}"


@pytest.mark.parametrize("engine", ["embedded", "quarto"])
def test_every_pdf_page_is_numbered_with_its_place(shared, built, zh_built, engine):
    """From page 3 on, the number in each page's footer is the page's place in the file: the Chinese PDF's numbers
    once skipped from 19 to 21 (and its contents gave the appendices' pages wrong), where Typst's layout never
    settled (a chart flipping between floating and staying in place from one layout pass to the next)."""
    for build in (built, zh_built):
        pdf = next((rendering(shared, build, engine) / "site").glob("trustreport-*.pdf"))
        pages = pdftotext(pdf, "-layout").split("\f")[:-1]
        assert len(pages) >= 20, f"{engine} {build.name}"
        misnumbered = []
        for place, page in enumerate(pages, start=1):
            lines = [line.strip() for line in page.splitlines() if line.strip()]
            if place >= 3 and not (lines and lines[-1].split()[-1] == str(place)):
                misnumbered.append((place, lines[-1][-30:] if lines else ""))
        assert misnumbered == [], f"{engine} {build.name}: {misnumbered[:5]}"


@pytest.mark.parametrize("engine", ["embedded", "quarto"])
def test_the_chinese_pdf_sets_nothing_in_italic(shared, zh_built, engine):
    """Chinese is never set in italic: a source's note on the References page was emphasised, and its Latin words and
    digits slanted alone inside upright Chinese (把98.43%误排为“9843%”)."""
    pdf = next((rendering(shared, zh_built, engine) / "site").glob("trustreport-*.pdf"))
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "NotoSerifSC" in fonts and not re.search(r"italic|oblique", fonts, re.IGNORECASE), (engine, fonts)


@pytest.mark.parametrize("engine", ["embedded", "quarto"])
def test_the_cover_title_never_leaves_a_word_alone_on_a_line(shared, built, engine):
    """The English title broke as "E-commerce trust and Kuaishou’s / 616": a last line of one word (a runt) reads as
    a stray; its last two words go together."""
    pdf = next((rendering(shared, built, engine) / "site").glob("trustreport-*.pdf"))
    cover = pdftotext(pdf, "-l", "1")
    lines = [line.strip() for line in cover.splitlines() if line.strip()]
    first = next(i for i, line in enumerate(lines) if line.startswith("E-commerce"))
    last = next(i for i, line in enumerate(lines) if line.startswith("Consumer trust"))
    title = lines[first:last]
    assert title and all(len(line.split()) >= 2 for line in title), (engine, title)


@pytest.mark.parametrize("engine", ["embedded", "quarto"])
def test_the_summarys_headline_is_set_ragged_whole_words_and_no_word_alone(shared, built, engine):
    """The summary's headline, a sentence set as its heading, was justified like a paragraph: its words spread,
    "asso- / ciations" hyphenated, and "count" alone on its last line. A heading is set ragged, no word broken, its
    last two words together."""
    pdf = next((rendering(shared, built, engine) / "site").glob("trustreport-*.pdf"))
    text = pdftotext(pdf, "-f", "3", "-l", "4")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    first = next(i for i, line in enumerate(lines) if line.startswith("In 2021, 5 of 6 comparable national"))
    last = next(i for i, line in enumerate(lines) if line.startswith("Kuaishou’s 616 shopping festival and"))
    headline = lines[first:last]
    assert len(headline) >= 2, (engine, headline)
    assert not [line for line in headline if line.endswith(("-", "\u00ad"))], (engine, headline)
    assert len(headline[-1].split()) >= 2, (engine, headline)


# A bracketed word broken across two lines: "增长179.53%（推" above "算）".
BROKEN_BRACKET = re.compile(r"（([\u4e00-\u9fff]+)\n([\u4e00-\u9fff]+)）")


@pytest.mark.parametrize("engine", ["embedded", "quarto"])
def test_the_chinese_pdf_never_breaks_a_short_bracketed_word(shared, zh_built, engine):
    """A status or a unit in brackets, （推算）, （人次）, （全渠道）, is set whole: a table's narrow cell broke it
    after its first character (推 / 算), which reads as two words."""
    pdf = next((rendering(shared, zh_built, engine) / "site").glob("trustreport-*.pdf"))
    text = pdftotext(pdf, "-raw")
    text = "\n".join(line.strip() for line in text.splitlines())
    broken = [f"（{a}/{b}）" for a, b in BROKEN_BRACKET.findall(text) if len(a + b) <= 4]
    assert broken == [], engine


def test_both_pdfs_say_how_they_were_built_and_embed_the_chinese_fonts(both):
    for engine, build in both.items():
        manifest = json.loads((build / "site" / "manifest.json").read_text(encoding="utf-8"))
        text = raw_text(build)
        assert f"commit {manifest['git_commit']}" in text and f"data {manifest['data_fingerprint']}" in text, engine
        assert f"{engine} engine" in text
        fonts = subprocess.run(
            ["pdffonts", str(build / f"trustreport-{DEFAULT_EDITION}.pdf")], capture_output=True, text=True, check=True
        ).stdout
        assert re.search(r"NotoSerifSC\S* .* yes", fonts) and re.search(r"NotoSansSC\S* .* yes", fonts), (engine, fonts)
        images = subprocess.run(
            ["pdfimages", "-list", str(build / f"trustreport-{DEFAULT_EDITION}.pdf")], capture_output=True, text=True
        ).stdout
        assert images.count("\n") <= 3, f"{engine}: charts should be vector drawings, not raster images"


def test_neither_pdf_has_a_blank_page(both):
    for engine, build in both.items():
        pdf = build / f"trustreport-{DEFAULT_EDITION}.pdf"
        count = int(
            re.search(
                r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
            ).group(1)
        )
        pages = pdftotext(pdf).split("\f")[:-1]  # pdftotext ends each page with a form feed
        assert len(pages) == count, engine
        for number, page in enumerate(pages, start=1):
            assert page.strip(), f"{engine}: page {number} of {count} is blank"


def test_a_different_engine_remakes_the_site_and_pdf(built, zh_built, tmp_path):
    """An incremental build equals a clean one: after Quarto is installed (or REPORT_ENGINE names the other engine),
    `make report` does not answer "Nothing changed" with the other engine's pages; it assembles again."""
    need_engine("quarto")
    project = copy_project(tmp_path / "project", builds=(built, zh_built))  # the project as built, to switch
    copy = project / "build" / DEFAULT_EDITION
    before = engine_of(copy)
    other = "embedded" if before == "quarto" else "quarto"
    switched = make(project, "report", env={"REPORT_ENGINE": other})
    assert switched.returncode == 0, switched.stdout + switched.stderr
    assert "Nothing changed" not in switched.stdout and "Assembling" in switched.stdout, switched.stdout
    assert engine_of(copy) == other
    again = make(project, "report", env={"REPORT_ENGINE": other})
    assert "Nothing changed" in again.stdout, again.stdout  # the same engine twice: nothing to do


@pytest.mark.parametrize("engine", ["embedded", "quarto"])
def test_the_pdfs_contents_and_footers_speak_to_readers(shared, built, zh_built, engine):
    """The contents list the summary by its name (Summary / 摘要), not by its headline sentence, as the site's menu
    does; each page's footer says what the report compares, as the cover does, not the edition's id (版次 2021-zh),
    which the imprint page gives once."""
    for build, summary, compared, edition_id in (
        (built, "Summary", "2021 against 2020", "Edition2021"),
        (zh_built, "摘要", "2021年对比2020年", "版次2021-zh"),
    ):
        pdf = next((rendering(shared, build, engine) / "site").glob("trustreport-*.pdf"))

        def page(number: int, pdf: Path = pdf) -> str:
            return pdftotext(pdf, "-f", str(number), "-l", str(number), "-raw")

        contents = [line for line in page(2).splitlines() if line.strip()]  # the contents, above the imprint
        entries = [line for line in contents if re.search(r"\d\s*$", line)]
        assert entries and entries[0].startswith(summary) and len(entries[0].split(" ")[0]) <= len(summary) + 2, (
            engine,
            entries[:2],
        )
        body = page(8)
        assert compared in body and edition_id not in re.sub(r"\s+", "", body), (engine, body[-200:])


def test_english_pages_curl_their_apostrophes_in_prose_and_frame(both):
    """Kuaishou’s, not Kuaishou's: pandoc and Quarto curl the prose, but the embedded engine's title bar kept the
    typewriter's straight apostrophe. (Charts keep it: their face, which carries Chinese, draws a curled one full
    width.)"""
    for engine, build in both.items():
        for name, html in pages(build).items():
            soup = parsed_html(html)
            for tag in soup(["script", "style", "code", "pre", "head", "svg"]):
                tag.decompose()
            straight = re.findall(r"\S*\w'\w\S*", soup.get_text(" "))
            assert not straight, (engine, name, straight[:5])


@pytest.mark.parametrize("engine", ["embedded", "quarto"])
def test_a_data_dictionary_heading_is_never_left_at_the_foot_of_a_pdf_page(shared, built, zh_built, engine):
    """A table's heading and the lines introducing it go over the page with the table (festival_gmv.csv and "The
    shared figure columns, and:" stood at the foot of a page, their table overleaf)."""
    for build, header in ((built, "column type meaning"), (zh_built, "列 类型 含义")):
        pdf = next((rendering(shared, build, engine) / "site").glob("trustreport-*.pdf"))
        text = pdftotext(pdf, "-raw")
        stranded = []
        for number, page in enumerate(text.split("\f"), start=1):
            lines = page.splitlines()
            for i, line in enumerate(lines):
                if re.fullmatch(r"[a-z_]+\.csv", line.strip()) and not any(
                    later.startswith(header) for later in lines[i + 1 : i + 8]
                ):
                    stranded.append((number, line.strip()))
        assert not stranded, (engine, build.name, stranded)


def _apostrophe_words(pdf: Path) -> dict[str, float]:
    """Each English word with an apostrophe in a PDF (year’s, Xinba’s) and its narrowest width for its height."""
    xml = pdftotext(pdf, "-bbox")
    widths: dict[str, float] = {}
    for x0, y0, x1, y1, word in re.findall(
        r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([A-Za-z]+’[a-z]+)<', xml
    ):
        ratio = (float(x1) - float(x0)) / (float(y1) - float(y0))
        widths[word] = min(ratio, widths.get(word, ratio))
    return widths


@pytest.mark.parametrize("engine", ["embedded", "quarto"])
def test_an_english_word_is_set_as_tightly_in_the_chinese_pdf_as_in_the_english_one(shared, built, zh_built, engine):
    """An English title cited in the Chinese PDF (this year’s 618, Xinba’s scandal) took its apostrophe from the Chinese
    face, full width, and read "year’ s"; set in the Latin face, the word is as wide as in the English PDF."""
    english = _apostrophe_words(next((rendering(shared, built, engine) / "site").glob("trustreport-*.pdf")))
    chinese = _apostrophe_words(next((rendering(shared, zh_built, engine) / "site").glob("trustreport-*.pdf")))
    both = sorted(set(english) & set(chinese))
    assert len(both) >= 3, (engine, both)
    wide = [(w, round(chinese[w] / english[w], 2)) for w in both if chinese[w] > english[w] * 1.08]
    assert wide == [], (engine, wide)
