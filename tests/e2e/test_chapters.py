"""The chapters as a reader meets them: both editions, every number traceable, every chart in both forms."""

from __future__ import annotations

import csv
import html as html_module
import json
import re
from pathlib import Path

import pytest

from conftest import pdftotext
from trustreport.chapter.figures import Figures
from trustreport.chapters import chapters, notebook_chapters
from trustreport.data.tables import load_all
from trustreport.params import load_edition

EDITIONS = ["2021", "2020"]
# Numbers that are names, not figures: the festivals, the hotline, Double 11, 电商 1.0/2.0.
NAME_NUMBERS = {
    "616",
    "618",
    "12315",
    "96315",
    "11",
    "12",
    "1.0",
    "2.0",
    "3C",
    "100",
}  # 12: 双12, the 12 December festival, as 11 is 双11; 100: 100EC, 网经社's English name


@pytest.fixture(scope="session")
def editions(built, built_2020) -> dict[str, Path]:
    """Both editions as the project's `make report` builds them (one build of 2020 a session, shared with the edition
    switcher's tests: two builds of it by different engines remade each other's site)."""
    return {"2021": built, "2020": built_2020}


def outputs_markdown(nb: dict) -> list[str]:
    return [
        "".join(o["data"]["text/markdown"])
        for c in nb["cells"]
        for o in c.get("outputs", [])
        if "text/markdown" in o.get("data", {})
    ]


def prose_of(markdown: str) -> str:
    """What a reader reads as sentences: without source lines, the built-with box, links and what-if scenarios."""
    markdown = re.sub(r"::: \{[^}]*(tr-source|tr-built|tr-scenarios)[^}]*\}.*?\n:::", "", markdown, flags=re.S)
    markdown = re.sub(r"```\{=(html|typst)\}.*?```", "", markdown, flags=re.S)  # charts: their data is the data
    markdown = re.sub(r"\[[^\]]*\]\([^)]*\)\{\.tr-fig-ref\}", "", markdown)  # "Figure 1.2": a number, not a figure
    markdown = re.sub(r"\]\([^)]*\)", "]", markdown)
    return re.sub(r"\b\d{4}-\d{2}(-\d{2})?\b", "", markdown)  # dates from the tactics table, as recorded


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_chapter_runs_under_the_edition_and_says_what_it_was_built_with(editions, edition):
    for chapter in notebook_chapters():
        nb = json.loads(chapter.executed(edition).read_text(encoding="utf-8"))
        assert not [o for c in nb["cells"] for o in c.get("outputs", []) if o["output_type"] == "error"]
        page = (editions[edition] / "site" / chapter.page).read_text(encoding="utf-8")
        assert f"<strong>Built with</strong> edition {edition}" in page, chapter.page
        assert "injected-parameters" not in page and "papermill" not in page.lower()
        assert "edition = " not in page  # no parameters cell, injected or not, reaches the reader


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_number_the_prose_states_is_recomputed_from_the_data(editions, edition):
    figures = Figures(load_all(load_edition(edition).data_path()))
    for chapter in notebook_chapters():
        ledger = json.loads((editions[edition] / "ledger" / f"{chapter.stem}.json").read_text(encoding="utf-8"))
        assert ledger, f"{chapter.stem} states no figure"
        for entry in ledger:
            assert figures.recompute(entry) == entry["text"], entry
        stated = {e["text"] for e in ledger}
        nb = json.loads(chapter.executed(edition).read_text(encoding="utf-8"))
        numbers_allowed = " ".join(stated)
        texts = [prose_of(m) for m in outputs_markdown(nb)]
        texts += [prose_of("".join(c["source"])) for c in nb["cells"] if c["cell_type"] == "markdown"]
        for text in texts:
            for token in re.findall(r"\d+(?:[,.]\d+)*%?", text):
                if token in NAME_NUMBERS or re.fullmatch(r"(19|20)\d\d", token):
                    continue
                assert token in numbers_allowed, f"{chapter.stem}: '{token}' is stated but not taken from the data"


def test_a_figure_missing_from_the_data_reads_not_reported_never_zero(editions):
    page = (editions["2021"] / "site" / "20_gala.html").read_text(encoding="utf-8")
    assert "no audience figure was found in the sources searched" in page
    spec = json.loads((editions["2021"] / "site" / "data" / "gala-comparison.vl.json").read_text(encoding="utf-8"))
    rows = spec["data"]["values"] if "values" in spec.get("data", {}) else next(iter(spec["datasets"].values()))
    viewers_2021 = [r for r in rows if r["year"] == 2021 and r["metric"] == "viewers"]
    assert viewers_2021 and viewers_2021[0]["value_base"] is None and viewers_2021[0]["label"] == "none found"
    page_2020 = (editions["2020"] / "site" / "30_festival_gmv.html").read_text(encoding="utf-8")
    assert "For the 2019 festival, no sales total from Kuaishou was found in the sources searched." in page_2020
    assert "sales for 2019 are not reported" not in page_2020  # none in the sources searched: never "not reported"


def test_derived_figures_are_drawn_hollow_with_a_legend(editions):
    spec = json.loads(
        (editions["2021"] / "site" / "data" / "livestream-appeals-2020-2022.vl.json").read_text(encoding="utf-8")
    )
    fill = spec["layer"][0]["encoding"]["fill"]
    assert fill["scale"]["domain"] == ["reported", "derived"] and fill["scale"]["range"][1] == "white"
    assert fill["legend"]["title"] == "Status"  # a legend title starts its line


def test_a_derived_figure_is_hollow_in_the_two_year_comparison_too(editions):
    """Figure 1.1 sets each national series' two years side by side; the regulators' 2020 complaint count is derived
    (worked back from 2021's and its growth), so its bar is an outline in its year's colour, as on every chart."""
    svg = (editions["2021"] / "site" / "figures" / "national-complaints-two-years.svg").read_text(encoding="utf-8")
    hollow = re.findall(r'<path d="M[^"]*" fill="white" stroke="(#[0-9a-fA-F]{6})"', svg)
    assert len(hollow) == 1, f"{len(hollow)} hollow bars in figure 1.1 (one figure in it is derived)"


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_chart_is_interactive_in_html_and_static_in_pdf_with_source_alt_and_data(editions, edition):
    out = editions[edition]
    pdf_text = pdftotext(out / f"trustreport-{edition}.pdf")
    total = 0
    for chapter in chapters():
        html = (out / "site" / chapter.page).read_text(encoding="utf-8")
        for name in re.findall(r'<figure\b[^>]*\bid="fig-([^"]+)"', html):
            total += 1
            block = html.split(f'id="fig-{name}"', 1)[1]
            figure, after = block.split("</figure>", 1)
            assert re.search(r'aria-label="[^"]{20,}"', figure), f"{name}: no alt text"
            # the alt text reads out the chart's data: numbers from its data file, not only its title
            alt = html_module.unescape(
                re.search(r'class="tr-chart-view" role="img" aria-label="([^"]*)"', figure).group(1)
            )
            with (out / "site" / "data" / f"{name}.csv").open(encoding="utf-8") as handle:
                cells = [cell.replace(",", "") for row in csv.reader(handle) for cell in row]  # 276,000 is one number
            data_numbers = {n for cell in cells for n in re.findall(r"-?\d+(?:\.\d+)?", cell)}
            data_numbers -= {n for n in data_numbers if re.fullmatch(r"(19|20)\d\d|\d{1,2}", n)}  # years, days, months
            said = data_numbers & set(re.findall(r"-?\d+(?:\.\d+)?", alt.replace(",", "")))
            if name != "gmv-what-if":  # the calculator's numbers are the reader's to choose
                assert len(said) >= min(3, len(data_numbers)), f"{name}: alt text reads out no data: {alt[:200]}"
            assert 'class="tr-chart-spec"' in figure, f"{name}: no spec for the live view"
            assert '<div class="tr-source">' in after.split("<figure", 1)[0], f"{name}: no source line under it"
            assert (out / "site" / "data" / f"{name}.csv").is_file() and (
                out / "site" / "data" / f"{name}.vl.json"
            ).is_file()
            spec = json.loads((out / "site" / "data" / f"{name}.vl.json").read_text(encoding="utf-8"))
            caption = re.search(r'<span class="tr-chart-title">((?:[^<]|<span lang="zh">[^<]*</span>)+)</span>', figure)
            assert caption, f"{name}: no caption outside the chart"
            title = html_module.unescape(re.sub(r"<[^>]+>", "", caption.group(1)))
            if name == "gmv-what-if":  # the calculator is live on the site; the PDF gives its caption and says so
                assert len(spec["params"]) == 5 and all("bind" in p for p in spec["params"])
                flat = "".join(pdf_text.split())
                assert "".join(title.split()[:3]) in flat
                assert "Thisfigureisinteractive" in flat or "此图为交互式图表" in flat
                continue
            assert (out / "report" / "figures" / f"{name}.svg").is_file(), f"{name}: no static form"
            assert "".join(title.split()[:3]) in "".join(pdf_text.split()), (
                f"{name}: not in the PDF"
            )  # CJK lines break anywhere
    assert total >= 9
