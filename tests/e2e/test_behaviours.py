"""What a reader and a user would notice, each checked against values written here: the numbers on the pages, the
built-with box and footers, the what-changed page, failing chapters, bad input through make, the command line."""

from __future__ import annotations

import csv
import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import (
    DEFAULT_EDITION,
    ROOT,
    assert_user_error,
    cli,
    edit_notebook,
    make,
    pdftotext,
    run,
    run_chapter_in,
    visible_text,
)

PAGES = {
    "00_summary": "index.html",
    "10_complaints": "10_complaints.html",
    "20_gala": "20_gala.html",
    "30_festival_gmv": "30_festival_gmv.html",
    "40_trust_tactics": "40_trust_tactics.html",
}


# ---- numbers on the pages -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "page, phrase",
    [
        ("10_complaints.html", "Its release for 2020 had counted 2.03 million, on a basis that differs from the 2021"),
        ("index.html", "complaints alone rose 31.5%"),
        ("index.html", "drew 90.08 million viewers"),
        ("index.html", "RMB 381.2 billion in 2020 and RMB 680 billion in 2021"),
        ("10_complaints.html", "alone it had counted 21,900, up 479.6% on a year earlier"),
        ("10_complaints.html", "that is 102,700 (derived) in 2021 and 36,760 (derived) in 2020"),
        ("40_trust_tactics.html", "fines of RMB 900,000 and RMB 2 million"),
        ("30_festival_gmv.html", "has started 6 brands of her own"),
    ],
)
def test_the_pages_state_these_numbers(built, page, phrase):
    assert phrase in visible_text((built / "site" / page).read_text(encoding="utf-8"))


def test_every_ledgered_phrase_is_on_its_page(built):
    ledger = json.loads((built / "site" / "ledger.json").read_text(encoding="utf-8"))
    for chapter, entries in ledger.items():
        text = visible_text((built / "site" / PAGES[chapter]).read_text(encoding="utf-8"))
        for entry in entries:
            assert " ".join(entry["text"].split()) in text, (chapter, entry)


NUMBER = re.compile(r"(?<![\w.])[-−]?\d(?:[\d,]*\d)?(?:\.\d+)?%?")


def test_no_number_on_a_page_is_typed_by_hand(built):
    """Token by token: every number a page shows in its prose, chart labels or alt text is a number the ledger (or
    the chart's own data) holds, a year, or a name (616, 12315, 3C ...)."""
    ledger = json.loads((built / "site" / "ledger.json").read_text(encoding="utf-8"))
    names = {
        "616",
        "618",
        "12315",
        "96315",
        "11",
        "3",
        "1.0",
        "2.0",
        "0",
        "100",
        "10",
        "9",
        "6",
        "4",
        "12",
        "10,000",
    }  # names (festivals, hotlines, 3C), small counts of words, and 万 = 10,000
    for chapter, page in PAGES.items():
        allowed = {t for e in ledger[chapter] for t in NUMBER.findall(e["text"])}
        for data in (built / "site" / "data").glob("*.csv"):
            with data.open(encoding="utf-8") as handle:  # cell by cell: "2020,3812" is two numbers, not one
                allowed |= {t for row in csv.reader(handle) for cell in row for t in NUMBER.findall(cell)}
        allowed |= set(
            NUMBER.findall((ROOT / "data" / "raw" / "sources.csv").read_text(encoding="utf-8"))
        )  # cited titles (36氪)
        html = (built / "site" / page).read_text(encoding="utf-8")
        alts = " ".join(re.findall(r'class="tr-chart-view" role="img" aria-label="([^"]*)"', html))  # our alt text
        main = re.sub(r'<nav class="tr-pager".*|<footer.*', "", html, flags=re.S)  # chrome, not prose
        main = re.sub(r'<div class="tr-built">.*?</div>', " ", main, flags=re.S)  # the build box: versions and hashes
        main = re.sub(
            r"<svg.*?</svg>", " ", main, flags=re.S
        )  # a chart's drawing: axis ticks are Vega's, labels its data
        main = re.sub(
            r'<span class="tr-fig-label">Figure \d+\.\d+</span>|<a href="#fig-[\w-]+" class="tr-fig-ref">Figure '
            r"\d+\.\d+</a>",
            " ",
            main,
        )  # figure numbers
        text = visible_text(re.sub(r"<table.*?</table>", " ", main, flags=re.S)) + " " + alts
        text = re.sub(r"\b(19|20)\d\d(-\d\d){0,2}\b", " ", text)  # years and dates
        for token in NUMBER.findall(text):
            plain = token.replace("−", "-")
            assert plain in allowed or plain.lstrip("-") in allowed or plain in names, (
                f"{page}: {token!r} is not from the data"
            )


# ---- the built-with box and the build line --------------------------------------------------------------------------


def expected_fingerprint(files: list[str]) -> str:
    """The fingerprint as the README defines it: sha256 over '<file name> <sha256 of its bytes>' lines, sorted, its
    first twelve hex digits."""
    lines = sorted(
        f"{name} {hashlib.sha256((ROOT / 'data' / 'raw' / name).read_bytes()).hexdigest()}" for name in files
    )
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()[:12]


def test_the_built_with_box_names_what_the_chapter_read(built):
    html = visible_text((built / "site" / "10_complaints.html").read_text(encoding="utf-8"))
    read = ["complaints.csv", "platform_gmv.csv", "sources.csv"]
    assert f"Built with edition 2021 · read {', '.join(read)} · inputs fingerprint" in html
    assert f"inputs fingerprint {expected_fingerprint(read)}" in html
    assert expected_fingerprint(read) != "0" * 12


def test_every_page_says_its_version_and_the_build_details_are_in_one_place(engine_build, zh_built):
    """A reader sees on every page which version of the report it is and when it was released, with a link to how it
    was built; the commit and data fingerprint are shown once (References, "How this report was built", and the
    PDF's imprint page), not in every footer. Every page still names its build in its head, for tools."""
    tables = [
        "sources.csv",
        "complaints.csv",
        "gala.csv",
        "festival_gmv.csv",
        "platform_gmv.csv",
        "governance.csv",
        "tactics.csv",
        "events.csv",
    ]
    commit = json.loads((engine_build / "site" / "manifest.json").read_text(encoding="utf-8"))["git_commit"]
    assert subprocess.run(["git", "cat-file", "-e", commit], cwd=ROOT).returncode == 0, (
        f"{commit} is not a commit of this project"
    )
    line = f"Report 1.0.0 · edition 2021 · commit {commit} · data {expected_fingerprint(tables)}"
    for page in (engine_build / "site").glob("*.html"):
        html = page.read_text(encoding="utf-8")
        footer = visible_text(re.search(r"<footer.*?</footer>", html, re.S).group(0))
        assert "Report 1.0.0, 5 December 2026" in footer and "How this report was built" in footer, page.name
        assert 'href="references.html#built"' in html, page.name
        assert f'<meta name="trustreport-build" content="{line}' in html, page.name
        shown = visible_text(html)
        assert (commit in shown) == (page.name == "references.html"), page.name
    references = visible_text((engine_build / "site" / "references.html").read_text(encoding="utf-8"))
    assert line in references.split("How this report was built", 1)[1]
    pdf = pdftotext(next(engine_build.glob("trustreport-*.pdf")))
    assert line in " ".join(pdf.split())
    assert "How this report was built" not in pdf  # the PDF says it once, on its imprint page
    chinese = (zh_built / "site" / "index.html").read_text(encoding="utf-8")
    footer = visible_text(re.search(r"<footer.*?</footer>", chinese, re.S).group(0))
    assert "报告1.0.0版，2026年12月5日" in footer and "本报告的构建信息" in footer and commit not in footer


# ---- the what-changed page, the root redirect, replacing a version ---------------------------------------------------


@pytest.fixture(scope="module")
def two_versions(built, clean_project_gala_changed, tmp_path_factory) -> Path:
    """Version 1.0.0 published from the project's build, then 1.1.0 from a copy of the project whose data changed in
    one figure (the 2020 gala's viewers: 90.08 million, then 91 million)."""
    site = tmp_path_factory.mktemp("changes") / "site"
    assert cli("publish", DEFAULT_EDITION, "--site", str(site), "--version", "1.0.0").returncode == 0
    changed = cli(
        "publish",
        DEFAULT_EDITION,
        "--site",
        str(site),
        "--version",
        "1.1.0",
        env={"TRUSTREPORT_ROOT": str(clean_project_gala_changed)},
    )
    assert changed.returncode == 0, changed.stderr
    return site


def test_what_changed_lists_the_changed_figure_and_not_the_unchanged(two_versions):
    page = (two_versions / "v" / "1.1.0" / "changes.html").read_text(encoding="utf-8")
    text = visible_text(page)
    assert "Compared with version 1.0.0 : 1 figure changed, 0 added, 0 removed." in text.replace("1.0.0:", "1.0.0 :")
    assert 'href="../1.0.0/index.html"' in page
    changed = page.split("Figures whose data changed", 1)[1].split("Figures added", 1)[0]
    assert "gala-2020-viewers" in changed and "90.08 million" in changed and "91 million" in changed
    assert "gala-2020-interactions" not in changed and "c-12315-live-2020q3" not in changed  # unchanged: not listed
    headline = visible_text(page.split("Headline numbers that changed", 1)[1])
    # the chapter named as its page names itself (its file's name is no word of the reader's)
    what = "viewers in Kuaishou's official live room (2020-10-30)"  # what the figure counts, not its id
    assert f"The galas: reach and engagement {what} 90.08 million 91 million" in headline
    assert f"Summary {what} 90.08 million 91 million" in headline  # the summary, as the navigation names it
    assert "20_gala" not in headline and "00_summary" not in headline and "gala-2020-viewers" not in text
    assert '<a href="index.html">Summary</a>' in page
    assert brand(page) == "E-commerce trust and Kuaishou's 616"  # the edition's title (visible_text uncurls)
    first = visible_text((two_versions / "v" / "1.0.0" / "changes.html").read_text(encoding="utf-8"))
    assert "The first published version" in first


def brand(page: str) -> str:
    """The name in a page's top bar, as a reader sees it."""
    return visible_text(re.search(r'<a class="tr-brand"[^>]*>(.*?)</a>', page, flags=re.S).group(1))


def test_the_chinese_what_changed_page_is_in_chinese_and_states_each_value_once(two_versions):
    page = (two_versions / "v" / "1.1.0" / "zh" / "changes.html").read_text(encoding="utf-8")
    changed = visible_text(page.split("数据有改动的数字", 1)[1].split("新增的数字", 1)[0])
    # what it counts in Chinese, its date as Chinese writes it, each value once with its status, who published it
    assert "官方直播间观看人数（2020年10月30日） 9008万人（公布） 9100万人（公布）" in changed
    assert "viewers" not in changed and "reported" not in changed and "gala-2020-viewers" not in changed
    assert "9008万人（9008" not in changed and "seed" not in changed
    assert brand(page) == "电商信任与快手616"


def test_the_site_root_leads_to_the_latest_version(two_versions):
    root = (two_versions / "index.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh" content="0; url=latest/index.html"' in root and 'href="latest/index.html"' in root
    assert json.loads((two_versions / "versions.json").read_text(encoding="utf-8"))["latest"] == "1.1.0"


def test_force_replaces_a_published_version(two_versions, built, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(two_versions, site, symlinks=True)  # the module's site stays as the tests above read it
    refused = cli("publish", DEFAULT_EDITION, "--site", str(site), "--version", "1.1.0")
    assert_user_error(refused, 1, "already published with different content", "FORCE=1")
    forced = cli("publish", DEFAULT_EDITION, "--site", str(site), "--version", "1.1.0", "--force")
    assert forced.returncode == 0, forced.stderr
    replaced = json.loads((site / "v" / "1.1.0" / "manifest.json").read_text(encoding="utf-8"))
    ours = json.loads((built / "site" / "manifest.json").read_text(encoding="utf-8"))
    assert replaced["edition"] == DEFAULT_EDITION and replaced["data_fingerprint"] == ours["data_fingerprint"]
    gala = visible_text((site / "v" / "1.1.0" / "20_gala.html").read_text(encoding="utf-8"))
    assert "90.08 million" in gala and "91 million" not in gala  # our build's figure, where the changed one was


# ---- a chapter that fails -------------------------------------------------------------------------------------------


def test_a_failing_chapter_names_itself_keeps_its_notebook_and_leaves_the_last_output(project):
    copy = project
    output = copy / "build" / DEFAULT_EDITION / "chapters" / "20_gala.ipynb"
    before = output.read_bytes()
    edit_notebook(
        copy / "notebooks" / "20_gala.ipynb",
        "years = [p.baseline_year, p.focus_year]",
        "years = [p.baseline_year, p.focus_year]\n1 / 0",
    )
    result = run_chapter_in(copy, "20_gala", find_root=True)
    assert_user_error(result, 1, "chapter 20_gala failed in cell", "ZeroDivisionError", "20_gala.failed.ipynb")
    failed = copy / "build" / DEFAULT_EDITION / "chapters" / "20_gala.failed.ipynb"
    assert failed.is_file() and "ZeroDivisionError" in failed.read_text(encoding="utf-8")
    assert output.read_bytes() == before


# ---- bad input through make ------------------------------------------------------------------------------------------


def snapshot(folder: Path) -> dict:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".locks" not in p.parts
    }


def test_bad_input_through_make_report_and_publish_changes_nothing(project, built_2020):
    copy = project
    # the 2020 edition as the project built it (`make publish` builds every edition), by the copy's engine: nothing
    # of it is left for make to do
    subprocess.run(["cp", "-a", str(built_2020), str(built_2020.with_name("2020-zh")), str(copy / "build")], check=True)
    published = make(copy, "publish")
    assert published.returncode == 0, published.stdout + published.stderr
    build, site = snapshot(copy / "build"), snapshot(copy / "site")
    gala = copy / "data" / "raw" / "gala.csv"
    gala.write_text(gala.read_text(encoding="utf-8").replace(",9008,万人,", ",lots,万人,"), encoding="utf-8")
    for target in ("report", "publish"):
        result = make(copy, target, timeout=600)
        assert result.returncode != 0 and "Traceback" not in result.stderr
        assert "gala.csv, row 2, column 'value': value 'lots': not a number" in result.stderr
        assert "Running chapter" not in result.stdout  # the tables are checked before any chapter is said to run
        assert snapshot(copy / "build") == build and snapshot(copy / "site") == site, target


# ---- the command line ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args, fragment",
    [
        ([], "required: command"),
        (["nosuch"], "invalid choice"),
        (["ingest-complaints", "x.csv"], "--out"),
        (["synth-complaints", "--rows", "many", "--out", "x.csv"], "invalid int value"),
        (["publish", "--version"], "expected one argument"),
    ],
)
def test_usage_errors_exit_2_with_usage(args, fragment):
    result = cli(*args)
    assert (
        result.returncode == 2
        and "usage: trustreport" in result.stderr
        and fragment in result.stderr
        and "Traceback" not in result.stderr
    )


def test_synthetic_records_past_one_million_rows(tmp_path):
    path = tmp_path / "m.parquet"
    assert cli("synth-complaints", "--rows", "1000001", "--seed", "3", "--out", str(path)).returncode == 0
    import polars as pl

    frame = pl.read_parquet(path, columns=["id"])
    assert (
        frame.height == 1_000_001 and frame["id"].n_unique() == 1_000_001 and frame["id"].str.starts_with("SYN-").all()
    )


def test_an_id_repeated_across_files_keeps_the_first_files_row(tmp_path):
    (tmp_path / "a.csv").write_text(
        "id,created_at,platform,category\nx1,2021-06-16,快手,质量\nx2,2021-06-16,快手,质量\n", encoding="utf-8"
    )
    (tmp_path / "b.csv").write_text("id,created_at,platform,category\nx1,2021-07-20,抖音,物流\n", encoding="utf-8")
    result = cli(
        "ingest-complaints", str(tmp_path / "a.csv"), str(tmp_path / "b.csv"), "--out", str(tmp_path / "agg.parquet")
    )
    assert result.returncode == 0 and "dropped 1 repeated id(s)" in result.stdout
    import polars as pl

    table = pl.read_parquet(tmp_path / "agg.parquet")
    assert table.select("platform", "category", "complaints_count").rows() == [("快手", "质量", 2)]


def test_the_engine_is_chosen_by_what_is_installed(tmp_path, monkeypatch):
    from trustreport.render import engines

    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "quarto").write_text("#!/bin/sh\necho 1.9.38\n")
    (fake / "quarto").chmod(0o755)
    monkeypatch.setenv("PATH", str(fake))
    assert engines.choose(None) == "quarto"
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert engines.choose(None) == "embedded"
    assert engines.choose("embedded") == "embedded"


def test_the_default_edition_is_the_one_trustreport_yml_names(built):
    # after the build: `make -n` still runs the recipe lines that call make, and those would build an unbuilt edition
    result = run(["make", "-n", "report"])
    assert f"build/{DEFAULT_EDITION}" in result.stdout or "trustreport plan" in result.stdout
