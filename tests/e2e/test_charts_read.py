"""The charts as a reader meets them: in the page's language, titled by what they show, years drawn inside their
year, a missing figure marked "not published", and the tactics timeline readable on a phone (issue 25, items 3-4)."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from browsing import serving, tab
from conftest import DEFAULT_EDITION, ROOT, parsed_html, pdftotext

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


@pytest.fixture(scope="module")
def sites(built) -> dict[str, Path]:
    """Each language's site of the default edition, as `make report` built it."""
    return {"en": built / "site", "zh": ROOT / "build" / f"{DEFAULT_EDITION}-zh" / "site"}


def spec(site: Path, name: str) -> dict:
    return json.loads((site / "data" / f"{name}.vl.json").read_text(encoding="utf-8"))


def datasets(node) -> list[list[dict]]:
    """Every list of rows in a spec, at any depth (a narrow layout's too)."""
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "datasets" and isinstance(value, dict):
                found += list(value.values())
            elif key == "values" and isinstance(value, list):
                found.append(value)
            else:
                found += datasets(value)
    elif isinstance(node, list):
        for item in node:
            found += datasets(item)
    return found


def shown_words(node, rows: list[dict]) -> list[str]:
    """What a chart writes: its axis, legend and tooltip titles, and the values of the fields it writes as
    labels (a bar's name, a row's header, a text mark), from every view of the spec."""
    said: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("datasets", "data", "usermeta"):
                continue
            if key == "title" and isinstance(value, str):
                said.append(value)
            elif key in ("x", "y", "row", "text", "color", "fill") and isinstance(value, dict):
                if value.get("type") in ("nominal", "ordinal") and value.get("field"):
                    said += [str(r[value["field"]]) for r in rows if r.get(value["field"]) is not None]
                said += shown_words(value, rows)
            else:
                said += shown_words(value, rows)
    elif isinstance(node, list):
        for item in node:
            said += shown_words(item, rows)
    return said


def untranslated(texts: list[str]) -> list[str]:
    """Texts with Chinese in them and no English beside it (a name may stay Chinese with its translation)."""
    return sorted({t for t in texts if CJK.search(t) and not LATIN_WORD.search(t)})


# Charts whose labels are names from the tables: the tactics' names are the tactics table's own English column.
NAMED_FROM_TABLES = {"tactics-and-outcomes"}


def test_english_charts_write_english(sites):
    en = sites["en"]
    for path in sorted((en / "data").glob("*.vl.json")):
        name = path.name.removesuffix(".vl.json")
        if name in NAMED_FROM_TABLES:
            continue
        chart = spec(en, name)
        rows = [r for values in datasets(chart) for r in values if isinstance(r, dict)]
        assert not untranslated(shown_words(chart, rows)), name
    said = {
        n: " ".join(shown_words(spec(en, n), [r for v in datasets(spec(en, n)) for r in v]))
        for n in (
            "complaints-by-nature-2020",
            "rights-posts-by-platform-2021",
            "gala-comparison",
            "peer-618",
            "livestream-complaints-by-platform-2023",
        )
    }
    assert (
        "after-sales service" in said["complaints-by-nature-2020"] and "Share (%)" in said["complaints-by-nature-2020"]
    )
    assert (
        "Douyin (抖音)" in said["rights-posts-by-platform-2021"]
        and "Taobao (淘宝)" in said["rights-posts-by-platform-2021"]
    )
    assert "viewers" in said["gala-comparison"] and "总互动量" not in said["gala-comparison"]
    assert "Tmall (天猫)" in said["peer-618"] and "JD (京东)" in said["peer-618"]
    assert "Complaints" in said["livestream-complaints-by-platform-2023"]
    # the outcome measures under the timeline, in English
    timeline = spec(en, "tactics-and-outcomes")
    measures = {r["measure"] for values in datasets(timeline) for r in values if "measure" in r}
    assert "Repurchase rate" in measures and not untranslated(sorted(measures))


def test_chinese_charts_write_chinese(sites):
    zh = sites["zh"]
    said = " ".join(
        shown_words(spec(zh, "rights-posts-by-platform-2021"), datasets(spec(zh, "rights-posts-by-platform-2021"))[0])
    )
    assert "抖音" in said and "Douyin" not in said
    nature = spec(zh, "complaints-by-nature-2020")
    assert "售后服务" in " ".join(shown_words(nature, datasets(nature)[0]))


def tooltip_fields(node) -> list[tuple[str, str]]:
    """Every (field, title) a tooltip of the spec shows, from every view (a narrow layout's too)."""
    found: list[tuple[str, str]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "tooltip" and isinstance(value, list):
                found += [
                    (t["field"], t.get("title", t["field"])) for t in value if isinstance(t, dict) and "field" in t
                ]
            elif key not in ("datasets", "data"):
                found += tooltip_fields(value)
    elif isinstance(node, list):
        for item in node:
            found += tooltip_fields(item)
    return found


# What a Chinese chart's tooltip may say a figure is (words/numbers.yml `statuses`, the grid's states): never the
# tables' English words (状态：not found, 状态：derived).
CHINESE_STATUSES = {"公布", "推算", "估计", "未公布", "未找到", "由公布数字推算", "事前宣布", "口径不同，不可比"}


def test_chinese_tooltips_name_statuses_and_years_in_chinese(sites):
    """A figure's status and year, as its tooltip shows them on hover: 推算 and 2020年 on the Chinese site, as its
    legends and labels say them."""
    wrong: dict[str, set] = {}
    for path in sorted((sites["zh"] / "data").glob("*.vl.json")):
        chart = json.loads(path.read_text(encoding="utf-8"))
        rows = [r for values in datasets(chart) for r in values if isinstance(r, dict)]
        for field, title in set(tooltip_fields(chart)):
            shown = {str(r[field]) for r in rows if r.get(field) is not None}
            if title in ("状态", "数据状态") or field in ("status", "state_name"):
                bad = shown - CHINESE_STATUSES
            elif title in ("年份", "年"):
                bad = {v for v in shown if re.fullmatch(r"\d{4}", v)}
            else:
                continue
            if bad:
                wrong.setdefault(path.name.removesuffix(".vl.json"), set()).update(f"{title}: {v}" for v in bad)
    assert not wrong, wrong


SCALE_WORDS = ("thousand", "million", "billion")


def test_an_axis_reads_in_the_scale_its_labels_are_written_in(sites):
    """The livestream-selling appeals chart read "Appeals (诉求), thousands" on its axis (0 to 200) and 220,900 on its
    bar: a reader took the bar for 220.9 million. An axis scaled to a word, and the figures written on its marks,
    use the same one."""
    wrong = {}
    for path in sorted((sites["en"] / "data").glob("*.vl.json")):
        chart = json.loads(path.read_text(encoding="utf-8"))
        rows = [r for values in datasets(chart) for r in values if isinstance(r, dict)]
        axis_words = {w for t in shown_words(chart, []) for w in SCALE_WORDS if re.search(rf", {w}s?$", t)}
        labels = {str(r["label"]) for r in rows if re.match(r"^(RMB )?[\d,.]+", str(r.get("label", "")))}
        for word in axis_words:
            unscaled = sorted(label for label in labels if word not in label)
            if unscaled:
                wrong[path.name] = (word, unscaled)
    assert not wrong, wrong


# Columns the chart kinds compute only to draw (a label in lines, a mark's place, the year bands).
# A column named as the code names it (label_lines, x_mark, appeals_万件, value_base), not in a reader's words
CODE_NAME = re.compile(r"^[a-z]+(_\S+)?$")


def test_a_charts_downloadable_data_holds_its_figures_not_its_drawing(sites):
    """The CSV under each chart: its figures and their sources, not the columns the chart computed to draw them
    (a name broken into lines, cells of Python lists such as ['JD tie-up begins'], a mark's x in pixels) nor rows
    holding nothing but a year band's edges."""
    import csv

    for lang in ("en", "zh"):
        for path in sorted((sites[lang] / "data").glob("*.csv")):
            if path.name == "gmv-what-if.csv":  # the calculator's figures are the ones its reader sets
                continue
            with path.open(encoding="utf-8") as handle:
                rows = list(csv.DictReader(handle))
            assert rows, path.name
            # a column computed to draw (label_lines, x_mark, a value scaled for the axis) has no reader's name
            code_named = [column for column in rows[0] if CODE_NAME.match(column)]
            assert not code_named, (lang, path.name, code_named)
            odd = [v for row in rows for v in row.values() if v and ("\n" in v or v.startswith("['"))]
            assert not odd, (lang, path.name, odd[:3])
            bare = [row for row in rows if sum(1 for v in row.values() if v) < 2]
            assert not bare, (lang, path.name, bare[:3])


# Each download's header row, as a reader of each language opens it: the figures' own columns, in the page's words
# (the axis's scaled copy of a value is the drawing's, not a figure of the data)
HEADERS = {
    "gala-comparison.csv": {
        "en": "Figure ID,As shown,Measure,Source,Source ID,Status,Value (base units),Year",
        "zh": "数字编号,图中写法,指标,来源,来源编号,状态,数值（基本单位）,年份",
    },
    "livestream-appeals-2020-2022.csv": {
        "en": "Figure ID,As shown,Name in Chinese,Period,Source,Source ID,Status,Value (base units)",
        "zh": "数字编号,图中写法,中文名称,时期,来源,来源编号,状态,数值（基本单位）",
    },
    "complaints-by-nature-2020.csv": {  # the kinds named in the page's language, a column of their own
        "en": "Kind,Period,Source,Source ID,Status,Value (base units)",
        "zh": "类别,时期,来源,来源编号,状态,数值（基本单位）",
    },
    "summary-grid.csv": {
        "en": "Comparable across the two years,Figure ID,As shown,Measure,Source,Source ID,Status,Year",
        "zh": "两年可比,数字编号,图中写法,指标,来源,来源编号,状态,年份",
    },
}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_charts_download_is_headed_in_the_pages_language(sites, lang):
    """A chart's CSV as a reader opens it: its header in the page's language (no code names such as value_base or
    label_zh, no English on the Chinese site), yes or no in words (not Python's True), a day as a date."""
    for name, headers in HEADERS.items():
        lines = (sites[lang] / "data" / name).read_text(encoding="utf-8").splitlines()
        assert lines[0] == headers[lang], (name, lines[0])
    grid = (sites[lang] / "data" / "summary-grid.csv").read_text(encoding="utf-8").splitlines()
    assert grid[1].startswith("yes," if lang == "en" else "是,") and "True" not in "".join(grid), grid[1]
    for path in sorted((sites[lang] / "data").glob("*.csv")):
        header = path.read_text(encoding="utf-8").splitlines()[0]
        latin = re.findall(r"[A-Za-z]+", header)
        if lang == "zh":
            assert set(latin) <= {"GMV"}, (path.name, header)
        assert "T00:00:00" not in path.read_text(encoding="utf-8"), path.name


def test_the_tactics_table_names_tactics_in_english_on_the_english_site(sites):
    page = (sites["en"] / "40_trust_tactics.html").read_text(encoding="utf-8")
    table = page.split('id="what-each-year-tried"', 1)[1].split("</table>", 1)[0]
    cells = [html.unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", table, re.S)]
    assert "block banned sellers from reopening" in " ".join(cells)
    assert "历史违规用户开新店识别拦截系统" not in " ".join(cells)


def page_titles(site: Path) -> list[str]:
    titles = []
    for page in sorted(site.glob("*.html")):
        text = page.read_text(encoding="utf-8")
        titles += [
            html.unescape(re.sub(r"<[^>]+>", "", t)) for t in re.findall(r'class="tr-chart-title">(.*?)</span>', text)
        ]
    return titles


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_chart_titles_state_a_finding_not_a_question(sites, lang):
    site = sites[lang] if lang == "en" else sites[lang]
    titles = page_titles(site) + (page_titles(site / "zh") if (site / "zh").is_dir() else [])
    assert len(titles) >= 10
    assert [t for t in titles if t.rstrip().endswith(("?", "？"))] == []


FINDING_TITLES = {  # the three charts whose titles were labels ("…, 2020 and 2021", "what was published", the formula)
    "en": [
        "National counts from the regulators and consumers' associations: all 3 with a figure for both years rose "
        "from 2020 to 2021",
        "Kuaishou's galas of 2020 and 2021: none of the 8 measures has a figure found for both shows",
        "Kuaishou's e-commerce head set GMV out as five factors multiplied: GMV = UV × content time",
    ],
    "zh": [
        "市场监管部门和消协的全国数字：两年都有数字的3项，从2020年到2021年全部上升",
        "2020年与2021年的快手晚会：8项指标中，没有一项两场都找到数字",
        "快手电商负责人笑古把GMV拆成五个因子相乘：GMV = UV × 内容消费时长",
    ],
}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_chart_titles_state_what_the_data_show(sites, lang):
    """A title says what its chart shows, counted from the data: how many national counts rose, how many gala
    measures can be set side by side, whose formula the what-if draws (not "…, 2020 and 2021")."""
    titles = [t.translate(str.maketrans("’", "'")) for t in page_titles(sites[lang])]
    for expected in FINDING_TITLES[lang]:
        assert any(t.startswith(expected) for t in titles), (expected, titles)


def test_tmall_2021_reads_none_found_never_zero_nor_not_published(sites):
    """No source searched gives Tmall's 2021 618 total, and none says it was not published: the chart's row and the
    title say "none found" in the sources searched, never zero and never "not published"."""
    for lang, word, unsupported in (("en", "none found", "not published"), ("zh", "未找到", "未公布")):
        chart = spec(sites[lang], "peer-618")
        rows = [r for values in datasets(chart) for r in values]
        tmall = [r for r in rows if r.get("year") == 2021 and "天猫" in str(r.get("metric"))]
        assert tmall and tmall[0]["value_base"] is None and tmall[0]["label"] == word, (lang, tmall)
        drawing = (sites[lang] / "figures" / "peer-618.svg").read_text(encoding="utf-8")
        assert word in drawing and unsupported not in drawing, lang
        page = (sites[lang] / "30_festival_gmv.html").read_text(encoding="utf-8")
        figure = " ".join(parsed_html(page).select_one("#fig-peer-618").get_text("").split())
        said = {
            "en": "no 2021 total from Tmall (天猫) in the sources searched",
            "zh": "检索过的来源中没有天猫2021年的总额",
        }[lang]
        assert said in figure and unsupported not in figure, (lang, figure)


def test_the_timeline_draws_each_year_inside_its_band(sites):
    for lang in ("en", "zh"):
        chart = spec(sites[lang], "tactics-and-outcomes")
        points = [r for values in datasets(chart) for r in values if "measure" in r and "day" in r]
        assert points
        for r in points:  # a whole year's figure at its year's middle, not on the next year's line
            assert r["day"][:4] == r["period"][:4] if lang == "en" else r["day"][:4] in r["period"], r
            assert r["day"][5:7] in ("06", "07"), r
        # the years are named at their middles, between the bands' edges
        axes = [a for a in re.findall(r'"values": \[([^\]]*)\]', json.dumps(chart)) if "-07-02" in a]
        assert axes and all(re.fullmatch(r'"\d{4}-07-02"', v.strip()) for v in axes[0].split(","))
        bands = [r for values in datasets(chart) for r in values if "band_start" in r]
        assert {r["band_start"][5:10] for r in bands} == {"01-01"}


def test_the_timeline_rows_come_in_the_same_order_in_both_languages(sites):
    def order(lang: str) -> list[str]:
        chart = spec(sites[lang], "tactics-and-outcomes")
        rows = []
        for view in chart["vconcat"][1:]:
            name = view.get("data", {}).get("name") or view["layer"][-1]["data"]["name"]
            values = chart["datasets"][name]
            rows.append(values[0]["figure_id"].rsplit("-", 1)[0])
        return rows

    assert order("en") == order("zh") and len(order("en")) == 4


def test_rows_on_scales_of_their_own_are_framed_apart(sites):
    for name in ("gala-comparison", "national-complaints-two-years"):
        chart = spec(sites["en"], name)
        assert chart["resolve"]["scale"]["x"] == "independent"
        assert chart["config"]["view"]["stroke"], name  # each row a small chart of its own, in a frame
    assert spec(sites["en"], "peer-618")["resolve"]["scale"]["x"] == "shared"  # the two platforms on one scale


def drawn_marks(site: Path, name: str, kind: str) -> int:
    """How many marks of a kind ("rect": bars, "symbol": points and squares) a chart's drawing shows, its legend,
    its axes and its unseen marks (opacity 0) left out."""
    svg = parsed_html((site / "figures" / f"{name}.svg").read_text(encoding="utf-8"))
    groups = [g for g in svg.find_all("g") if {f"mark-{kind}", "role-mark"} <= set(g.get("class") or [])]
    return sum(1 for g in groups for path in g.find_all("path", recursive=False) if path.get("opacity") != "0")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_figure_alone_on_a_scale_of_its_own_is_marked_not_drawn_as_a_bar(sites, lang):
    """Figure 2.1 gives each measure its own scale, and no measure has a figure for both galas: a bar alone on its
    scale would have a length that means nothing, so each of the eight figures is a square beside its number. Where
    rows share one scale (the 618 chart), bars are drawn and compared."""
    site = sites[lang]
    rows = datasets(spec(site, "gala-comparison"))[0]
    found = [r for r in rows if r["value_base"] is not None]
    assert len({r["metric"] for r in found}) == len(found) == 8  # one figure a measure
    assert drawn_marks(site, "gala-comparison", "rect") == 0
    assert drawn_marks(site, "gala-comparison", "symbol") == 8
    assert drawn_marks(site, "peer-618", "rect") >= 3


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_on_a_phone_every_tactic_is_named_in_full(sites, lang, browser):
    site = sites[lang]
    names = [
        r["name"]
        for values in datasets(spec(site, "tactics-and-outcomes"))
        for r in values
        if "lane" in r and "name" in r
    ]
    assert len(names) >= 20
    # the session's one Chromium (tests/conftest.py): a second is refused
    with serving(site) as address, tab(browser, 390) as page:
        page.goto(f"{address}/40_trust_tactics.html")
        page.wait_for_function("document.querySelector('#fig-tactics-and-outcomes.tr-live') !== null", timeout=15000)
        figure = page.locator("#fig-tactics-and-outcomes")
        texts = figure.locator("svg text").all_text_contents()
        box = figure.bounding_box()
        svg_box = figure.locator("svg").first.bounding_box()
    drawn = "".join("".join(texts).split())  # a long name may take two lines
    assert [n for n in names if "".join(n.split()) not in drawn] == []  # every name whole, none cut to "小店…"
    assert svg_box["width"] <= box["width"] + 1  # and the drawing fits the phone's column


def timeline_notes(site: Path) -> tuple[str, list[str]]:
    """The source line under figure 4.1 (its HTML) and the names it lists, as a reader reads them."""
    page = (site / "40_trust_tactics.html").read_text(encoding="utf-8")
    line = page.split('id="fig-tactics-and-outcomes"', 1)[1].split("</figure>", 1)[1].split("</div>", 1)[0]
    return line, [" ".join(a.get_text().split()) for a in parsed_html(line).find_all("a")]


def test_the_timeline_cites_its_sources_as_numbered_notes_its_marks_name_leading_to_the_references(sites):
    """The sources under figure 4.1 are numbered notes (1., 2., …), each linked to its entry on the References page,
    and a mark's tooltip names its source as its note does, number included ("3. 新京报, 2021-03-15"), so a reader
    goes from a mark to its note and on to the source."""
    for lang in ("en", "zh"):
        line, names = timeline_notes(sites[lang])
        targets = re.findall(r'href="references\.html#(src-[^"]+)"', line)
        assert len(targets) >= 15 and len(names) == len(targets), lang
        text = " ".join(parsed_html(line).get_text(" ").split())
        numbered = re.findall(r"(?:^|[;；:：]\s*)(\d+)\. ", text)
        assert [int(n) for n in numbered] == list(range(1, len(targets) + 1)), (lang, text[:300])
        spec = json.loads((sites[lang] / "data" / "tactics-and-outcomes.vl.json").read_text(encoding="utf-8"))
        tooltips = {row["source"] for rows in spec["datasets"].values() for row in rows if row.get("source")}
        # the page curls an apostrophe; a chart's words keep the typewriter's (bundle.spec_of)
        notes = {f"{n}. {name}".replace("\u2019", "'") for n, name in enumerate(names, 1)}
        assert tooltips <= notes and len(tooltips) >= 15, (lang, sorted(tooltips - notes)[:3])
        references = (sites[lang] / "references.html").read_text(encoding="utf-8")
        assert [t for t in targets if f'id="{t}"' not in references] == [], lang


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_timeline_has_a_pdf_page_of_its_own(sites, lang):

    build = sites[lang].parent
    pdf = next(build.glob("trustreport-*.pdf"))
    pages = pdftotext(pdf).split("\f")
    caption = "Figure 4.1" if lang == "en" else "图 4.1"
    holding = [p for p in pages if caption in p]
    assert len(holding) == 1, lang
    page = holding[0]
    before = "Above, each tactic and event" if lang == "en" else "上半部分，每项措施和事件"
    assert before not in page  # the prose before it is on the page before: the chart has the page to itself
    squeezed = "".join(page.split())
    _, names = timeline_notes(sites[lang])
    last = "".join(names[-1].split())
    assert last in squeezed, (lang, last)  # its source notes end on its page, above the footer


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_chart_is_valid_vega_lite(sites, lang):
    """The build does not validate its charts against Vega-Lite's schema (that was a third of a chart's time): this
    test does, on every spec the site ships, as the reader's browser gets it."""
    from altair.utils.schemapi import validate_jsonschema
    from altair.vegalite.v6.schema.core import load_schema

    schema = load_schema()
    specs = sorted((sites[lang] / "data").glob("*.vl.json"))
    assert len(specs) >= 12, specs
    for path in specs:
        validate_jsonschema(json.loads(path.read_text(encoding="utf-8")), schema, rootschema=schema)


# Axis labels a reader would not write: "+0" for no change, "40.00" on an axis of whole numbers, "500 m" for millions.
ODD_TICK = re.compile(r"^(?:\+0|[+−-]?[\d,]+\.0+|[\d.,]+ m)$")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_axis_labels_are_written_as_a_reader_writes_numbers(sites, lang):
    figures = sites[lang].parent / "report" / "figures"
    odd = {}
    for svg in sorted(figures.glob("*.svg")):
        texts = [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg.read_text(encoding="utf-8"))]
        found = [t for t in texts if ODD_TICK.match(t.strip())]
        if found:
            odd[svg.stem] = found[:6]
    assert len(list(figures.glob("*.svg"))) >= 10 and odd == {}, odd


def test_english_chart_captions_set_apostrophes_as_the_prose_does(sites):
    """A caption is written from the chart's spec, not by pandoc: its apostrophes are curled as the prose's are
    ("JD’s own 618 total", "consumers’ associations"), never left straight."""
    captions = []
    for page in sorted(sites["en"].glob("*.html")):
        soup = parsed_html(page.read_text(encoding="utf-8"))
        captions += [c.get_text("") for c in soup.select(".tr-chart-title, .tr-chart-subtitle")]
    assert len(captions) >= 10
    assert any("’" in c for c in captions), captions[:5]
    assert [c for c in captions if "'" in c] == []


# a year the charts draw (2019 to 2024; a Chinese value axis's 2000 is a number, not a year)
YEAR_TEXT = re.compile(r">(20[12]\d)(年?)</text>")


def test_every_chart_names_a_year_the_same_way_in_its_language(sites):
    """A year on a chart's axis, legend or row is '2020' on the English site and '2020年' on the Chinese one, on every
    chart alike (the Chinese gala and 618 charts said '2020' beside '2020年' on the GMV chart)."""
    for lang, suffix in (("en", ""), ("zh", "年")):
        seen = {}
        for drawing in sorted((sites[lang] / "figures").glob("*.svg")):
            years = YEAR_TEXT.findall(drawing.read_text(encoding="utf-8"))
            if years:
                seen[drawing.stem] = sorted({year + unit for year, unit in years})
        assert len(seen) >= 5, (lang, seen)
        wrong = {stem: names for stem, names in seen.items() if any(name != name[:4] + suffix for name in names)}
        assert not wrong, (lang, wrong)


# Figure 4.1's outcome rows in the default edition (2019 to 2024): the years each measure has no published figure.
YEARS_WITHOUT_A_FIGURE = {
    "repurchase rate": [2021, 2022, 2023, 2024],  # 45% in 2019, 65% in 2020
    "livestream-selling appeals": [2019, 2023, 2024],  # 36,760, 102,700 (derived) and 220,900 (2020-2022)
    "ban actions": [2019, 2020, 2023, 2024],  # 210,000 in 2021, more than 276,000 in 2022
    "e-commerce GMV": [2019],  # RMB 381.2 billion in 2020 to RMB 1.39 trillion in 2024
}


@pytest.mark.parametrize(("lang", "word"), [("en", "none found"), ("zh", "未找到")])
@pytest.mark.parametrize("width", [1280, 390])
def test_the_timeline_says_which_years_have_no_figure(sites, lang, word, width, browser):
    """A year with no published figure was an empty band under the timeline, read as a gap in the drawing: each says
    "none found", on the desktop's bands and in the phone's list."""
    with serving(sites[lang]) as address, tab(browser, width, height=900) as page:
        page.goto(f"{address}/40_trust_tactics.html")
        page.wait_for_function("document.querySelector('#fig-tactics-and-outcomes.tr-live') !== null", timeout=15000)
        texts = page.locator("#fig-tactics-and-outcomes svg text").all_text_contents()
    expected = sum(len(years) for years in YEARS_WITHOUT_A_FIGURE.values())
    assert [t.strip() for t in texts].count(word) == expected, (lang, width, texts.count(word))
