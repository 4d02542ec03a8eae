"""The chapter set-up (trustreport.chapter.context), in process: a chapter gets its edition and the tables
and parameters it declared, and nothing else; its notebook is found however it is run; its figures, charts and
ledger."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from trustreport.errors import InvalidInput, UserError


def start(notebook: str, **namespace):
    from trustreport.chapter import start as chapter_start

    return chapter_start({"PAPERMILL_INPUT_PATH": f"notebooks/{notebook}.ipynb", **namespace})


def test_a_chapter_gets_its_edition_and_declared_tables():
    ch = start("20_gala", edition="2021")
    assert ch.chapter == "20_gala"
    assert (ch.params.edition, ch.params.focus_year, ch.params.baseline_year) == ("2021", 2021, 2020)
    assert sorted(ch.figures.tables) == ["events", "festival_gmv", "gala", "sources", "tactics"]
    assert ch.table("gala").height == 9
    assert sorted(ch.inputs) == ["events.csv", "festival_gmv.csv", "gala.csv", "sources.csv", "tactics.csv"]


def test_a_chapter_cannot_use_what_it_did_not_declare():
    ch = start("20_gala", edition="2021")
    with pytest.raises(UserError) as caught:
        ch.table("governance")
    assert str(caught.value) == (
        "chapter 20_gala reads the table 'governance' without declaring it: add it to trustreport.reads in the "
        "notebook's metadata (declared: sources, gala, festival_gmv, tactics, events)"
    )
    with pytest.raises(UserError) as caught:
        _ = ch.params.what_if  # reading it raises
    assert str(caught.value).startswith(
        "chapter 20_gala uses the parameter 'what_if' without declaring it: add it to trustreport.params"
    )
    with pytest.raises(AttributeError, match="^no edition parameter 'no_such_thing'$"):
        _ = ch.params.no_such_thing  # reading it raises
    import copy

    assert copy.deepcopy(ch.params).focus_year == 2021  # IPython and papermill may copy what a chapter holds
    with pytest.raises(AttributeError, match="^_private$"):
        _ = ch.params._private  # reading it raises
    assert ch.records is not None and "complaint_records" not in ch.declared.params


def test_a_run_for_both_languages_has_a_context_in_each_sharing_all_but_words():
    from trustreport.chapter.each import Each

    ch = start("20_gala", edition="2021", editions=["2021", "2021-zh"])
    assert isinstance(ch, Each) and list(ch.by) == ["en", "zh"]
    assert ch.params.focus_year == 2021 and ch.chapter == "20_gala"  # the same in both: one plain value
    assert ch.table("gala") is ch.by["zh"].table("gala")  # the tables read once
    assert ch.figures.find("gala", year=2021, measure="viewers") == ch.by["en"].figures.find(
        "gala", year=2021, measure="viewers"
    )
    assert ch.t("no-source").by == {"en": "no figure published for these years", "zh": "这两年没有公布任何数字"}
    with pytest.raises(UserError, match="editions 2021 and 2020-zh cannot share a chapter's run: they differ in "):
        start("20_gala", edition="2021", editions=["2021", "2020-zh"])
    with pytest.raises(UserError, match="a language comes twice"):
        start("20_gala", edition="2021", editions=["2021", "2021"])


def test_a_chapter_joins_and_tabulates_its_words():
    """What a notebook joins or tabulates through the chapter (`ch.join`, `ch.frame`) is done in each language of a
    run for several; in one language, as Python and polars do it."""
    ch = start("20_gala", edition="2021")
    assert ch.join("\n", ["one", "two"]) == "one\ntwo"
    assert ch.frame([{"tactic": "trust card", "change_pct": 1.5}]).to_dicts() == [
        {"tactic": "trust card", "change_pct": 1.5}
    ]
    both = start("20_gala", edition="2021", editions=["2021", "2021-zh"])
    assert both.join("; ", [both.t("no-source"), "x"]).by == {
        "en": "no figure published for these years; x",
        "zh": "这两年没有公布任何数字; x",
    }


def test_the_edition_may_be_a_number_or_none_and_overrides_are_checked():
    assert start("20_gala", edition=2020).params.edition == "2020"  # papermill -p edition 2020
    assert start("20_gala", edition=None).params.edition == "2021"  # the default, from trustreport.yml
    assert start("20_gala", edition="2021", focus_year=2022).params.focus_year == 2022
    with pytest.raises(InvalidInput, match="focus_year"):
        start("20_gala", edition="2021", focus_year="2022")


def test_the_notebook_is_found_the_way_each_runner_tells_it(monkeypatch, tmp_path):
    import os
    import subprocess
    import sys

    from trustreport import project
    from trustreport.chapter.context import notebook_path

    # plain `papermill in.ipynb out.ipynb`: the kernel's parent process names the notebook, the first .ipynb argument
    parent = subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(60)", b"bad\xff.ipynb", "notebooks/20_gala.ipynb"]
    )
    try:
        monkeypatch.setattr(os, "getppid", lambda: parent.pid)
        import time

        from trustreport.chapter.context import _parent_notebook_arguments

        for _ in range(100):  # until the child has replaced its command line (a loaded machine takes a moment)
            if b".ipynb" in Path(f"/proc/{parent.pid}/cmdline").read_bytes():
                break
            time.sleep(0.05)

        assert _parent_notebook_arguments() == ["bad\ufffd.ipynb"]
    finally:
        parent.kill()
        parent.wait()
    monkeypatch.setattr(os, "getppid", lambda: os.getpid())  # pytest's own command line names no notebook
    monkeypatch.setenv("JPY_SESSION_NAME", "/home/me/notebooks/30_festival_gmv.ipynb")
    assert notebook_path({}) == ROOT / "notebooks" / "30_festival_gmv.ipynb"
    monkeypatch.delenv("JPY_SESSION_NAME")
    assert notebook_path({"__vsc_ipynb_file__": "/x/notebooks/20_gala.ipynb"}).name == "20_gala.ipynb"
    # run from outside the project, the notebook's own folder names the project...
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TRUSTREPORT_ROOT", raising=False)
    project.root.cache_clear()
    try:
        assert (
            notebook_path({"PAPERMILL_INPUT_PATH": str(ROOT / "notebooks" / "20_gala.ipynb")})
            == ROOT / "notebooks" / "20_gala.ipynb"
        )
        assert os.environ["TRUSTREPORT_ROOT"] == str(ROOT)
        del os.environ["TRUSTREPORT_ROOT"]
        project.root.cache_clear()
        with pytest.raises(
            UserError, match="^no trustreport.yml in .* or any folder above it"
        ):  # a notebook in no project at all
            notebook_path({"PAPERMILL_INPUT_PATH": str(tmp_path / "20_gala.ipynb")})
        # ...unless TRUSTREPORT_ROOT names one: then that project's chapter runs
        other = tmp_path / "other"
        (other / "notebooks").mkdir(parents=True)
        (other / "trustreport.yml").write_text('default_edition: "x"\n', encoding="utf-8")
        (other / "notebooks" / "20_gala.ipynb").write_text("{}", encoding="utf-8")
        monkeypatch.setenv("TRUSTREPORT_ROOT", str(other))
        project.root.cache_clear()
        assert (
            notebook_path({"PAPERMILL_INPUT_PATH": str(ROOT / "notebooks" / "20_gala.ipynb")})
            == other / "notebooks" / "20_gala.ipynb"
        )
    finally:
        monkeypatch.delenv("TRUSTREPORT_ROOT", raising=False)
        monkeypatch.chdir(ROOT)
        project.root.cache_clear()


def test_figures_are_numbered_by_chapter_and_the_summary_s_without_a_chapter_number():
    ch = start("20_gala", edition="2021")
    assert [ch.figure_number("a"), ch.figure_number("b"), ch.figure_number("a")] == ["2.1", "2.2", "2.1"]
    assert ch.ref("b") == "[Figure 2.2](#fig-b){.tr-fig-ref}"
    summary = start("00_summary", edition="2021")
    assert summary.figure_number("x") == "1"  # the home page is not a numbered chapter
    summary.chapter = "99_scratch"  # a notebook outside the book's chapter list
    summary.figure_numbers.clear()
    assert summary.figure_number("y") == "1"


def test_a_chart_goes_out_with_its_name_sources_and_alt_text(monkeypatch):
    from trustreport.charts import bundle

    shown = []
    monkeypatch.setattr(
        bundle, "show", lambda chart, source_names, **about: shown.append((chart, about, source_names["seed"]))
    )
    ch = start("20_gala", edition="2021")
    ch.chart("the chart", name="gala", sources=["seed"], alt="text", html_only=True)
    ch.chart("another", name="b", sources=[])  # by default a chart goes to the PDF too, with generated alt text
    assert shown == [
        (
            "the chart",
            {
                "name": "gala",
                "sources": ["seed"],
                "alt": "text",
                "html_only": True,
                "full_page": False,
                "number": "2.1",
                "lang": "en",
            },
            "创业邦 (column by 新熵), 2021-06-14",
        ),
        (
            "another",
            {
                "name": "b",
                "sources": [],
                "alt": None,
                "html_only": False,
                "full_page": False,
                "number": "2.2",
                "lang": "en",
            },
            "创业邦 (column by 新熵), 2021-06-14",
        ),
    ]


def test_a_notebook_that_is_not_a_chapter_is_refused():
    from trustreport.chapter.context import notebook_path

    with pytest.raises(UserError) as caught:
        notebook_path({"PAPERMILL_INPUT_PATH": "notebooks/99_nothing.ipynb"})
    assert str(caught.value) == (
        "cannot tell which chapter this notebook is: open it from notebooks/ in JupyterLab, run it with the papermill "
        "command or `trustreport run-chapter`, or give papermill's Python API the parameter "
        "PAPERMILL_INPUT_PATH='notebooks/<chapter>.ipynb'"
    )
    assert notebook_path({"__session__": "notebooks/30_festival_gmv.ipynb"}).name == "30_festival_gmv.ipynb"


@pytest.fixture
def displayed(monkeypatch) -> list[tuple[dict, dict | None, bool]]:
    """What a chapter displays (IPython's display caught): (data, metadata, raw) per call, in order."""
    shown: list[tuple[dict, dict | None, bool]] = []
    monkeypatch.setattr(
        "IPython.display.display", lambda data, raw=False, metadata=None: shown.append((data, metadata, raw))
    )
    return shown


def test_the_end_of_a_chapter_carries_its_ledger(displayed):
    import re

    ch = start("10_complaints", edition="2021")
    assert ch.figures.text("c-12315-online-2020") == "2.03 million"
    ch.end()
    data, metadata, raw = displayed[-1]
    assert raw is True and data["text/plain"] == "built with 2021"
    assert re.fullmatch(
        r"::: \{\.tr-built\}\n\*\*Built with\*\* edition 2021 · "
        r"read complaints\.csv, platform_gmv\.csv, sources\.csv · "
        r"inputs fingerprint `[0-9a-f]{12}` · trustreport \d+\.\d+\.\d+  \n"
        r"Parameters: `focus_year` 2021, `baseline_year` 2020, `data_dir` `data/raw`, `lang` English, "
        r"`complaint_records` —, `allow_synthetic` no\n:::\n",
        data["text/markdown"],
    ), data["text/markdown"]
    assert metadata["trustreport"]["chapter"] == "10_complaints"
    assert metadata["trustreport"]["ledger"] == [
        {"kind": "figure", "figure_id": "c-12315-online-2020", "decimals": 2, "in_scale": False, "text": "2.03 million"}
    ]
    assert sorted(metadata["trustreport"]["inputs"]) == ["complaints.csv", "platform_gmv.csv", "sources.csv"]


def test_the_chinese_closing_box_names_the_parameters_in_chinese(displayed):
    """A Chinese page shows no English parameter key (focus_year …): each is named in words, the values in Chinese."""
    start("10_complaints", edition="2021-zh").end()
    box = displayed[-1][0]["text/markdown"]
    expected = (
        "参数：对比年份：2021；基准年份：2020；数据文件夹：`data/raw`；语言：中文；投诉记录汇总：—；允许合成数据：否\n"
    )
    assert expected in box, box


@pytest.mark.parametrize(
    "key, value, lang, shown",
    [
        ("allow_synthetic", True, "en", "yes"),
        ("allow_synthetic", True, "zh", "是"),
        ("allow_synthetic", False, "zh", "否"),
        ("complaint_records", "build/demo-records/complaints.parquet", "en", "`build/demo-records/complaints.parquet`"),
        ("title", "E-commerce trust", "en", "E-commerce trust"),  # words, not a path: not set as code
        ("lang", "zh", "zh", "中文"),
        ("focus_year", 2021, "zh", "2021"),
        ("uv", 100000000.0, "en", "100,000,000"),
        ("orders_per_minute", 0.002, "en", "0.002"),
        ("complaint_records", None, "zh", "—"),
    ],
)
def test_the_closing_box_shows_each_kind_of_parameter_value(key, value, lang, shown):
    from trustreport import words
    from trustreport.chapter.context import _value

    names = words.of("frame", "built_with_params", lang)
    assert _value(key, value, names, words.of("frame", "built_with", lang), lang) == shown


def test_the_closing_box_names_the_what_if_factors_in_the_pages_language():
    from trustreport import words
    from trustreport.chapter.context import _value

    names = words.of("frame", "built_with_params", "zh")
    what_if = {"uv": 100000000.0, "order_value_rmb": 100.0}
    said = words.of("frame", "built_with", "zh")
    assert _value("what_if", what_if, names, said, "zh") == "（触达用户数：100000000；客单价（元）：100）"


def test_the_closing_box_of_the_what_if_chapter_names_its_factors(displayed):
    start("40_trust_tactics", edition="2021-zh").end()
    box = displayed[-1][0]["text/markdown"]
    assert "假设推演的基准（触达用户数：100000000；每位用户观看分钟数：30；" in box, box
    # the files it read, as Chinese lists them, and each parameter's name and value with a full-width colon
    assert "读取 complaints.csv、events.csv、" in box and "对比年份：2021；" in box, box
