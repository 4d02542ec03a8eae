"""In-process tests of the chapter set-up, the records store and ingest, and publishing, on tiny inputs made here:
fast enough to run for every mutant `make mutate` makes."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from conftest import ROOT
from trustreport.errors import InvalidInput, UsageError, UserError
from trustreport.records import store
from trustreport.records.ingest import ingest

# ---- the chapter set-up ----------------------------------------------------------------------------------------------


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


def test_the_end_of_a_chapter_carries_its_ledger(monkeypatch):
    import re

    shown = []
    monkeypatch.setattr(
        "IPython.display.display", lambda data, raw=False, metadata=None: shown.append((data, metadata, raw))
    )
    ch = start("10_complaints", edition="2021")
    assert ch.figures.text("c-12315-online-2020") == "2.03 million"
    ch.end()
    data, metadata, raw = shown[-1]
    assert raw is True and data["text/plain"] == "built with 2021"
    assert re.fullmatch(
        r"::: \{\.tr-built\}\n\*\*Built with\*\* edition 2021 · "
        r"read complaints\.csv, platform_gmv\.csv, sources\.csv · "
        r"inputs fingerprint `[0-9a-f]{12}` · trustreport \d+\.\d+\.\d+  \n"
        r"Parameters: `focus_year` 2021, `baseline_year` 2020, `data_dir` data/raw, `lang` en, "
        r"`complaint_records` —, `allow_synthetic` False\n:::\n",
        data["text/markdown"],
    ), data["text/markdown"]
    assert metadata["trustreport"]["chapter"] == "10_complaints"
    assert metadata["trustreport"]["ledger"] == [
        {"kind": "figure", "figure_id": "c-12315-online-2020", "decimals": 2, "text": "2.03 million"}
    ]
    assert sorted(metadata["trustreport"]["inputs"]) == ["complaints.csv", "platform_gmv.csv", "sources.csv"]


# ---- records: ingest and store ---------------------------------------------------------------------------------------

HEADER = "id,created_at,platform,category,status,amount\n"


def write(path: Path, rows: list[str], header: str = HEADER) -> Path:
    path.write_text(header + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def test_ingest_counts_by_month_platform_and_category(tmp_path):
    src = write(
        tmp_path / "r.csv",
        [
            "a,2021-06-16,快手,质量,已完成,10.5",
            "b,2021/6/30,快手,质量,处理中,",
            "c,2021年7月1日,抖音,物流,,3",
            "a,2021-08-01,抖音,物流,已完成,1",
        ],
    )
    report = ingest([str(src)], tmp_path / "agg.parquet")
    assert (report.rows_read, report.invalid_rows, report.duplicate_ids, report.records_kept, report.groups) == (
        4,
        0,
        1,
        3,
        2,
    )
    table, meta = store.read(tmp_path / "agg.parquet")
    assert table.select(
        "month", "platform", "category", "complaints_count", "status_known_count", "resolved_count", "amount_rmb"
    ).rows() == [(date(2021, 6, 1), "快手", "质量", 2, 2, 1, 10.5), (date(2021, 7, 1), "抖音", "物流", 1, 0, 0, 3.0)]
    assert table["resolution_rate"].to_list() == [0.5, None]
    assert meta["synthetic"] is False and meta["records_kept"] == 3 and meta["duplicate_ids"] == 1


def test_ingest_refuses_each_kind_of_bad_row_and_skips_them_when_asked(tmp_path):
    rows = [
        "ok,2021-06-16,快手,质量,已完成,1",
        ",2021-06-16,快手,质量,,",
        "d,someday,快手,质量,,",
        "p,2021-06-16,,质量,,",
        "q,2021-06-16,快手,,,",
        "s,2021-06-16,快手,质量,lost,",
        "m,2021-06-16,快手,质量,,-2",
        "n,2021-06-16,快手,质量,,abc",
    ]
    src = write(tmp_path / "r.csv", rows)
    with pytest.raises(InvalidInput) as caught:
        ingest([str(src)], tmp_path / "agg.parquet")
    found = {(p.row, p.column) for p in caught.value.problems if p.row}
    assert found == {
        (3, "id"),
        (4, "created_at"),
        (5, "platform"),
        (6, "category"),
        (7, "status"),
        (8, "amount"),
        (9, "amount"),
    }
    assert not (tmp_path / "agg.parquet").exists()
    report = ingest([str(src)], tmp_path / "agg.parquet", skip_invalid=True)
    assert (report.rows_read, report.invalid_rows, report.records_kept) == (8, 7, 1)


def test_a_group_whose_only_amounts_were_on_dropped_repeats_has_no_total(tmp_path):
    # b's repeat (dropped: its first row is in another group) is the only row of 快手/质量 with an amount
    src = write(
        tmp_path / "r.csv", ["a,2021-06-01,快手,质量,,", "b,2021-06-02,快手,价格,,10", "b,2021-06-03,快手,质量,,5"]
    )
    ingest([str(src)], tmp_path / "agg.parquet")
    table, _ = store.read(tmp_path / "agg.parquet")
    assert table.select("category", "complaints_count", "amount_rmb").sort("category").rows() == [
        ("价格", 1, 10.0),
        ("质量", 1, None),
    ]


def test_a_dropped_repeat_takes_only_its_own_amount_away(tmp_path):
    # 快手/质量 keeps a (5) and c (7); b's repeat there (3) is dropped, its first row is in 快手/价格
    src = write(
        tmp_path / "r.csv",
        [
            "a,2021-06-01,快手,质量,,5",
            "b,2021-06-02,快手,价格,,1",
            "c,2021-06-02,快手,质量,,7",
            "b,2021-06-03,快手,质量,,3",
        ],
    )
    ingest([str(src)], tmp_path / "agg.parquet")
    table, _ = store.read(tmp_path / "agg.parquet")
    assert table.select("category", "complaints_count", "amount_rmb").sort("category").rows() == [
        ("价格", 1, 1.0),
        ("质量", 2, 12.0),
    ]


def test_nan_and_infinity_are_no_amount_of_money(tmp_path):
    src = write(
        tmp_path / "r.csv",
        ["a,2021-06-01,快手,质量,,nan", "b,2021-06-02,快手,质量,,inf", "c,2021-06-02,快手,质量,,-Infinity"],
    )
    with pytest.raises(InvalidInput) as caught:
        ingest([str(src)], tmp_path / "agg.parquet")
    assert {(p.row, p.column, p.value) for p in caught.value.problems if p.row} == {
        (2, "amount", "nan"),
        (3, "amount", "inf"),
        (4, "amount", "-Infinity"),
    }


def test_synthetic_records_are_marked_and_checked(tmp_path):
    src = write(tmp_path / "r.csv", ["SYN-1,2021-06-16,快手,质量,,"])
    report = ingest([str(src)], tmp_path / "agg.parquet")
    assert report.synthetic and report.summary().endswith("[synthetic data]")
    with pytest.raises(InvalidInput, match="holds synthetic records"):
        store.check(tmp_path / "agg.parquet", allow_synthetic=False, named_in="e.yml")
    store.check(tmp_path / "agg.parquet", allow_synthetic=True, named_in="e.yml")  # allowed: no error
    real = write(tmp_path / "real.csv", ["x1,2021-06-16,快手,质量,,"])
    ingest([str(real)], tmp_path / "real.parquet")
    store.check(tmp_path / "real.parquet", allow_synthetic=False, named_in="e.yml")
    assert store.read_meta(tmp_path / "real.parquet")["synthetic"] is False
    with pytest.raises(InvalidInput, match="not an aggregate"):
        store.check(src, allow_synthetic=True, named_in="e.yml")


def test_a_synthetic_csv_says_so_beside_it(tmp_path):
    path = write(tmp_path / "s.csv", ["x,2021-06-16,快手,质量,,"])
    assert store.is_synthetic_file(path) is False
    store.mark_csv(path, store.records_meta(True, rows=1))
    assert store.is_synthetic_file(path) is True
    (tmp_path / "s.csv.meta.json").write_text("not json", encoding="utf-8")
    assert store.is_synthetic_file(path) is False


def problems_of(*paths: Path, **options) -> list[tuple]:
    """What a refused ingest reports: (file, row, column, value, rule) for each problem; it leaves its output as it
    was."""
    out = paths[0].parent / "agg.parquet"
    before = out.read_bytes() if out.exists() else None
    with pytest.raises(InvalidInput) as caught:
        ingest([str(p) for p in paths], out, **options)
    assert (out.read_bytes() if out.exists() else None) == before, "a refused ingest changed its output"
    return [(Path(p.file).name, p.row, p.column, p.value, p.rule) for p in caught.value.problems]


def test_each_bad_row_is_located_by_file_line_column_and_value(tmp_path):
    first = write(tmp_path / "first.csv", [",2021-06-16,快手,质量,,", "a,2021-06-16,快手,质量,,"])
    # a quoted title spanning two lines: the bad row after it is on line 4 of the file, not line 3
    second = tmp_path / "second.csv"
    second.write_text(
        'id,created_at,platform,category,title,amount\nb,2021-06-16,快手,质量,"two\nlines",1\nc,2021-13-45,抖音,物流,x,-1\n',
        encoding="utf-8",
    )
    assert problems_of(first, second) == [
        ("first.csv", 2, "id", "", "must not be empty"),
        (
            "second.csv",
            4,
            "created_at",
            "2021-13-45",
            "not a date (use 2021-06-16, 2021/6/16 or 2021年6月16日, a time may follow)",
        ),
        ("second.csv", 4, "amount", "-1", "not an amount of money (a number, 0 or more)"),
        (
            "(all inputs)",
            None,
            None,
            None,
            "2 of 4 rows are invalid; fix them, or pass --skip-invalid to leave them out",
        ),
    ]


def test_five_examples_per_rule_and_the_rest_counted(tmp_path):
    src = write(tmp_path / "r.csv", [f"id{n},2021-06-16,,质量,," for n in range(7)] + ["ok,2021-06-16,快手,质量,,"])
    found = problems_of(src)
    assert [row for _, row, *_ in found[:5]] == [2, 3, 4, 5, 6]
    assert found[5:] == [
        ("(all inputs)", None, "platform", None, "2 more rows break this rule (must not be empty)"),
        (
            "(all inputs)",
            None,
            None,
            None,
            "7 of 8 rows are invalid; fix them, or pass --skip-invalid to leave them out",
        ),
    ]


def test_parquet_records_are_located_by_row(tmp_path):
    import polars as pl

    src = tmp_path / "r.parquet"
    pl.DataFrame(
        {
            "\ufeffid": ["a", "b"],
            "created_at": ["2021-06-16", "2021-06-16"],
            "platform": ["快手", "快手"],
            "category": ["质量", "质量"],
            "status": ["已完成", "失踪"],
        }
    ).write_parquet(src)
    assert problems_of(src)[0][:4] == ("r.parquet", 2, "status", "失踪")
    report = ingest(
        [str(src)], tmp_path / "agg.parquet", skip_invalid=True
    )  # a BOM kept in a column name is still `id`
    assert (report.rows_read, report.invalid_rows, report.records_kept) == (2, 1, 1)
    pl.DataFrame(
        {"id": ["a"], "created_at": ["2021-06-16"], "platform": ["快手"], "category": [["质量"]]}
    ).write_parquet(src)
    assert problems_of(src) == [
        ("r.parquet", 1, "category", None, "holds List(String) values: expected text, numbers or dates")
    ]


def test_headers_from_complaint_sites_map_to_ours(tmp_path):
    src = write(
        tmp_path / "r.csv",
        [
            '007,2021年6月5日 20:15,快手 ,质量,已完成,"1,200.50",x,note',
            "7,2021/6/30,快手,质量,,0,y,z",
            " 007,2021.6.5,快手,质量,,,,",
        ],
        header="投诉单号,投诉时间,Platform,问题 类型,处理状态,涉诉金额,标题,备注\n",
    )
    report = ingest([str(src)], tmp_path / "agg.parquet")
    assert (report.rows_read, report.duplicate_ids, report.records_kept) == (
        3,
        1,
        2,
    )  # "007" and "7" are two ids; " 007" repeats "007"
    table, _ = store.read(tmp_path / "agg.parquet")
    assert table.select("month", "platform", "complaints_count", "amount_rmb").rows() == [
        (date(2021, 6, 1), "快手", 2, 1200.5)
    ]
    both = write(
        tmp_path / "both.csv", ["a,2021-06-16,2020-01-01,快手,质量"], header="id,时间,日期,platform,category\n"
    )
    ingest([str(both)], tmp_path / "agg.parquet")
    assert store.read(tmp_path / "agg.parquet")[0]["month"].to_list() == [
        date(2021, 6, 1)
    ]  # the first column named a date wins


def test_blank_fields_are_missing_values(tmp_path):
    src = write(
        tmp_path / "r.csv",
        [
            "a,2021-06-16,快手,质量, , ",
            "b,2021-06-16,快手,质量 ,,",
            " ,2021-06-16,快手,质量,,",
            "c,2021-06-16, ,质量,,",
            "d,2021-06-16,快手, ,,",
        ],
    )
    assert [(row, column) for _, row, column, *_ in problems_of(src)[:3]] == [
        (4, "id"),
        (5, "platform"),
        (6, "category"),
    ]
    ingest([str(src)], tmp_path / "agg.parquet", skip_invalid=True)  # a blank status or amount is no status, no amount
    assert store.read(tmp_path / "agg.parquet")[0].select(
        "category", "complaints_count", "status_known_count", "amount_rmb"
    ).rows() == [("质量", 2, 0, None)]


def test_ids_are_text_and_the_first_of_a_repeated_id_wins_across_files(tmp_path):
    numeric = write(tmp_path / "n.csv", ["007,2021-06-16,快手,质量,,", "7,2021-06-16,快手,质量,,"])
    assert ingest([str(numeric)], tmp_path / "agg.parquet").records_kept == 2  # "007" is not "7"
    first = write(tmp_path / "first.csv", ["x,2021-06-16,快手,质量,,", "a,2021-06-16,快手,质量,,"])
    second = write(tmp_path / "second.csv", ["a,2021-05-16,抖音,物流,,"])
    report = ingest([str(first), str(second)], tmp_path / "agg.parquet")
    assert (report.duplicate_ids, report.records_kept) == (1, 2)
    assert store.read(tmp_path / "agg.parquet")[0].select("month", "platform", "complaints_count").rows() == [
        (date(2021, 6, 1), "快手", 2)
    ]
    report = ingest([str(second), str(first)], tmp_path / "agg.parquet")  # the other order: the other row is kept
    assert store.read(tmp_path / "agg.parquet")[0].select("month", "platform", "complaints_count").rows() == [
        (date(2021, 5, 1), "抖音", 1),
        (date(2021, 6, 1), "快手", 1),
    ]


def test_only_known_headers_are_read(tmp_path):
    src = write(
        tmp_path / "r.csv",
        ["same,a,2021-06-16,快手,质量", "same,b,2021-06-16,快手,质量"],
        header="Xid,id,created_at,platform,category\n",
    )
    ingest([str(src)], tmp_path / "agg.parquet")
    assert store.read_meta(tmp_path / "agg.parquet")["records_kept"] == 2  # ids a and b; the column Xid is not ours
    bom_only = tmp_path / "bom.csv"
    bom_only.write_bytes(b"\xef\xbb\xbf")
    assert [column for _, _, column, *_ in problems_of(bom_only)] == ["id", "created_at", "platform", "category"]


def test_files_that_are_not_records_are_refused(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    assert problems_of(empty) == [("empty.csv", None, None, None, "file is empty: expected a header row and data rows")]
    blank = tmp_path / "blank.csv"
    blank.write_text("\nid,created_at\n", encoding="utf-8")
    assert [(row, column) for _, row, column, *_ in problems_of(blank)] == [
        (1, "id"),
        (1, "created_at"),
        (1, "platform"),
        (1, "category"),
    ]
    partial = write(tmp_path / "partial.csv", ["a,2021-06-16"], header="id,created_at\n")
    assert problems_of(partial, empty) == [
        (
            "partial.csv",
            1,
            "platform",
            None,
            "missing column (platform: one of platform, 平台, 投诉对象, 被投诉方; category: one of category, 问题类型, "
            "投诉问题, 投诉类型)",
        ),
        (
            "partial.csv",
            1,
            "category",
            None,
            "missing column (platform: one of platform, 平台, 投诉对象, 被投诉方; category: one of category, 问题类型, "
            "投诉问题, 投诉类型)",
        ),
        ("empty.csv", None, None, None, "file is empty: expected a header row and data rows"),
    ]
    cut = tmp_path / "cut.csv"
    cut.write_bytes(
        HEADER.encode() + "a,2021-06-16,快手,质量,,坏".encode()[:-2]
    )  # a download cut off inside a character
    assert problems_of(cut) == [("cut.csv", None, None, None, "not text in UTF-8 or GBK encoding")]


def test_gbk_exports_are_read_however_long_their_ascii_start(tmp_path):
    src = tmp_path / "gbk.csv"
    ascii_rows = "".join(
        f"n{n},2021-05-01,shop,misc,,\n" for n in range(1 << 16)
    )  # over a megabyte before the first GBK byte
    src.write_bytes((HEADER + ascii_rows + "g1,2021-06-16,快手,质量,已完成,\n").encode("gbk"))
    report = ingest([str(src)], tmp_path / "agg.parquet")
    assert report.records_kept == (1 << 16) + 1
    table, _ = store.read(tmp_path / "agg.parquet")
    assert table.filter(platform="快手").select("category", "resolved_count").rows() == [("质量", 1)]


def test_amounts_round_to_the_fen_and_rates_need_a_known_status(tmp_path):
    src = write(
        tmp_path / "r.csv",
        [
            "a,2021-06-16,快手,质量,已完成,1.234",
            "b,2021-06-17,快手,质量,,0",
            "c,2021-06-16,抖音,质量,处理中,",
            "d,2021-06-16,京东,质量,,",
        ],
    )
    report = ingest([str(src)], tmp_path / "new" / "folder" / "agg.parquet")
    table, meta = store.read(tmp_path / "new" / "folder" / "agg.parquet")
    assert table.select("platform", "resolution_rate", "amount_rmb").rows() == [
        ("京东", None, None),
        ("快手", 1.0, 1.23),
        ("抖音", 0.0, None),
    ]
    assert (
        report.summary() == "read 4 rows from 1 file(s); dropped 0 repeated id(s); "
        "kept 4 complaints in 3 month × platform × category groups"
    )
    assert (meta["kind"], meta["inputs"], meta["rows_read"], meta["invalid_rows"], meta["duplicate_ids"]) == (
        "complaint-aggregate",
        [str(src)],
        4,
        0,
        0,
    )
    assert meta["made"].endswith("+00:00")


def test_skipping_invalid_rows_counts_them_apart_from_repeats(tmp_path):
    src = write(
        tmp_path / "r.csv",
        ["a,2021-06-16,快手,质量,,", "a,2021-06-17,快手,质量,,", "b,bad,快手,质量,,", "c,2021-06-16,快手,质量,,x"],
    )
    report = ingest([str(src)], tmp_path / "agg.parquet", skip_invalid=True)
    assert (report.rows_read, report.invalid_rows, report.duplicate_ids, report.records_kept) == (4, 2, 1, 1)
    assert report.summary() == (
        "read 4 rows from 1 file(s); dropped 1 repeated id(s) and 2 invalid row(s); "
        "kept 1 complaints in 1 month × platform × category groups"
    )
    only_bad = write(tmp_path / "bad.csv", ["x,never,快手,质量,,"])
    assert problems_of(only_bad, skip_invalid=True) == [
        ("bad.csv", None, None, None, "all 1 rows are invalid: no complaint is left to count")
    ]
    header_only, other = write(tmp_path / "h.csv", []), write(tmp_path / "i.csv", [])
    with pytest.raises(InvalidInput) as caught:  # several inputs: the problem names them all
        ingest([str(header_only), str(other)], tmp_path / "agg.parquet")
    assert str(caught.value) == f"{header_only}, {other}: has a header but no data rows"
    with pytest.raises(InvalidInput) as caught:
        ingest([str(only_bad), str(other)], tmp_path / "agg.parquet", skip_invalid=True)
    assert str(caught.value) == f"{only_bad}, {other}: all 1 rows are invalid: no complaint is left to count"


def test_aggregates_add_up(tmp_path):
    import polars as pl

    from trustreport.records.ingest import combine

    a = pl.DataFrame(
        {
            "month": [date(2021, 6, 1)],
            "platform": ["快手"],
            "category": ["质量"],
            "complaints_count": [3],
            "status_known_count": [2],
            "resolved_count": [1],
            "amount_rmb": [1.5],
        }
    )
    assert combine([a, a]).select(
        "complaints_count", "status_known_count", "resolved_count", "resolution_rate", "amount_rmb"
    ).rows() == [(6, 4, 2, 0.5, 3.0)]
    assert combine([a, a], sign=[1, 1])["complaints_count"].dtype == pl.Int64  # counts stay whole numbers
    assert combine([a, a], sign=[1, -1]).height == 0


def test_an_aggregate_is_checked_before_use(tmp_path):
    import polars as pl

    plain = tmp_path / "plain.parquet"
    pl.DataFrame({"x": [1]}).write_parquet(plain)
    with pytest.raises(InvalidInput) as caught:
        store.read_meta(plain)
    assert str(caught.value) == f"{plain}: not a complaint aggregate made by `trustreport ingest-complaints`"
    with pytest.raises(InvalidInput) as caught:
        store.check(plain, allow_synthetic=True, named_in="params/e.yml")
    assert (
        str(caught.value) == f"params/e.yml, key 'complaint_records': value '{plain}': "
        "not an aggregate made by `trustreport ingest-complaints`"
    )
    synthetic = write(tmp_path / "s.csv", ["SYN-1,2021-06-16,快手,质量,,"])
    ingest([str(synthetic)], tmp_path / "agg.parquet")
    with pytest.raises(InvalidInput) as caught:
        store.check(tmp_path / "agg.parquet", allow_synthetic=False, named_in="params/e.yml")
    assert str(caught.value) == (
        f"params/e.yml, key 'complaint_records': value '{tmp_path / 'agg.parquet'}': holds synthetic records "
        "(for tests and benchmarks); only an edition with allow_synthetic: true takes them"
    )
    for name in ("records.parquet", "records.PQ"):
        records = tmp_path / name
        pl.DataFrame({"id": ["x"]}).write_parquet(
            records, metadata={"trustreport": json.dumps(store.records_meta(True, rows=1))}
        )
        assert store.is_synthetic_file(records) is True
    assert store.is_synthetic_file(plain) is False
    assert store.records_meta(False, rows=2) == {"kind": "complaint-records", "synthetic": False, "rows": 2}
    store.mark_csv(synthetic, store.records_meta(True, rows=1))
    assert (tmp_path / "s.csv.meta.json").read_text(
        encoding="utf-8"
    ) == '{\n "kind": "complaint-records",\n "synthetic": true,\n "rows": 1\n}\n'


def test_inputs_are_named_and_found(tmp_path):
    from trustreport.records.ingest import expand_inputs

    a, b = write(tmp_path / "a.csv", []), write(tmp_path / "b.csv", [])
    (tmp_path / "c.txt").write_text("x", encoding="utf-8")
    assert expand_inputs([str(tmp_path / "*.csv"), str(a)]) == [a, b]
    (tmp_path / "deep" / "er").mkdir(parents=True)
    nested, pq = write(tmp_path / "deep" / "er" / "n.csv", []), tmp_path / "deep" / "r.pq"
    pq.write_bytes(b"")
    assert expand_inputs([str(tmp_path / "**" / "*.csv"), str(pq)]) == [a, b, nested, pq]
    with pytest.raises(UsageError, match="X.csv: no such file"):
        expand_inputs([str(tmp_path / "X.csv")])
    with pytest.raises(UsageError, match="matches no file"):
        expand_inputs([str(tmp_path / "*.parquet")])
    with pytest.raises(UsageError, match="not a .csv or .parquet"):
        expand_inputs([str(tmp_path / "c.txt")])
    with pytest.raises(UsageError, match="no such file"):
        expand_inputs([str(tmp_path / "none.csv")])


# ---- publishing ------------------------------------------------------------------------------------------------------


def fake_build(folder: Path, edition: str, value: float, fingerprint: str) -> Path:
    """The smallest build publish accepts: a site with its manifest, figures and ledger."""
    site = folder / "site"
    site.mkdir(parents=True)
    (site / "index.html").write_text(f"<p>{value}</p>", encoding="utf-8")
    (site / "manifest.json").write_text(
        json.dumps(
            {
                "report_version": "1.0.0",
                "release_date": "2026-11-25",
                "edition": edition,
                "git_commit": "abc1234",
                "data_fingerprint": "f" * 12,
                "content_fingerprint": fingerprint,
                "tools": {"trustreport": "0.1.0"},
            }
        ),
        encoding="utf-8",
    )
    figure = {
        "table": "gala",
        "label_zh": "观看",
        "metric": "viewers",
        "period": "2020",
        "value": value,
        "unit": "万人",
        "qualifier": None,
        "status": "reported",
        "source_id": "seed",
        "value_base": value * 1e4,
    }
    (site / "figures.json").write_text(
        json.dumps({"f-1": figure, "f-2": {**figure, "value": 1, "value_base": 1e4}}), encoding="utf-8"
    )
    (site / "ledger.json").write_text(
        json.dumps({"20_gala": [{"kind": "figure", "figure_id": "f-1", "text": f"{value}"}]}), encoding="utf-8"
    )
    return folder


def test_publish_two_versions_with_what_changed(tmp_path):
    from trustreport.site.publish import publish

    site = tmp_path / "site"
    first = publish("e", site=site, version="1.0.0", build=fake_build(tmp_path / "b1", "e", 9008, "one"))
    assert "published version 1.0.0" in first and "latest is 1.0.0" in first
    second = publish("e", site=site, version="1.1.0", build=fake_build(tmp_path / "b2", "e", 9100, "two"))
    assert "latest is 1.1.0" in second
    index = json.loads((site / "versions.json").read_text(encoding="utf-8"))
    assert [v["version"] for v in index["versions"]] == ["1.1.0", "1.0.0"] and index["latest"] == "1.1.0"
    assert (site / "latest" / "index.html").read_text(encoding="utf-8") == "<p>9100</p>"
    changes = (site / "v" / "1.1.0" / "changes.html").read_text(encoding="utf-8")
    assert "1 figure changed, 0 added, 0 removed" in changes and "90.08 million" in changes and "91 million" in changes
    assert "<code>f-2</code>" not in changes  # unchanged
    assert "20_gala" in changes and 'href="../1.0.0/index.html"' in changes
    assert "The first published version: 2 figures" in (site / "v" / "1.0.0" / "changes.html").read_text(
        encoding="utf-8"
    )
    assert "url=latest/index.html" in (site / "index.html").read_text(encoding="utf-8")


def test_publish_refuses_to_replace_unless_forced_and_repeats_as_a_no_op(tmp_path):
    from trustreport.site.publish import publish

    site = tmp_path / "site"
    publish("e", site=site, version="1.0.0", build=fake_build(tmp_path / "b1", "e", 1, "one"))
    assert "nothing to do" in publish("e", site=site, version="1.0.0", build=tmp_path / "b1")
    with pytest.raises(UserError, match="already published with different content"):
        publish("e", site=site, version="1.0.0", build=fake_build(tmp_path / "b2", "e", 2, "two"))
    publish("e", site=site, version="1.0.0", build=tmp_path / "b2", force=True)
    assert (site / "v" / "1.0.0" / "index.html").read_text(encoding="utf-8") == "<p>2</p>"
    with pytest.raises(UserError, match="not a version number"):
        publish("e", site=site, version="../x", build=tmp_path / "b2")
    with pytest.raises(UserError, match="has not been built"):
        publish("nothing-built", site=site, version="2.0.0", build=tmp_path / "none")


def test_publish_passes_its_named_fault_points_in_order(tmp_path, monkeypatch):
    from trustreport import faults
    from trustreport.site.publish import publish

    reached = []
    monkeypatch.setattr(faults, "point", reached.append)
    publish("e", site=tmp_path / "site", version="1.0.0", build=fake_build(tmp_path / "b1", "e", 1, "one"))
    assert reached == ["publish.swap", "publish.version-done", "publish.latest-swap", "publish.latest-done"]


def test_the_version_index_mirrors_whole_versions_on_disk(tmp_path):
    from trustreport.site.publish import publish, published_versions

    site = tmp_path / "deep" / "er" / "site"  # made with its parents
    publish("e", site=site, version="1.0.0", build=fake_build(tmp_path / "b1", "e", 1, "one"))
    for name, manifest in ((".1.1.0.partial", "{}"), ("3.0.0", None), ("notes", "{}"), ("0.5.0", "{broken")):
        (site / "v" / name).mkdir()
        if manifest is not None:
            (site / "v" / name / "manifest.json").write_text(manifest, encoding="utf-8")
    entry = {
        "version": "1.0.0",
        "date": "2026-11-25",
        "edition": "e",
        "editions": ["e"],
        "commit": "abc1234",
        "path": "v/1.0.0/",
    }
    assert published_versions(site) == [entry]
    assert sorted(p.name for p in site.iterdir()) == ["index.html", "latest", "v", "versions.json"]  # nothing else
    assert published_versions(tmp_path / "nothing") == []
    assert json.loads((site / "versions.json").read_text(encoding="utf-8")) == {"latest": "1.0.0", "versions": [entry]}
    assert json.loads((site / "v" / "1.0.0" / "version.json").read_text(encoding="utf-8")) == {"version": "1.0.0"}
    assert json.loads((site / "latest" / "version.json").read_text(encoding="utf-8")) == {"version": "1.0.0"}
    redirect = (site / "index.html").read_text(encoding="utf-8")
    assert redirect.startswith("<!doctype html>\n") and '<html lang="en">' in redirect
    assert (
        '<meta http-equiv="refresh" content="0; url=latest/index.html">' in redirect
        and '<a href="latest/index.html">' in redirect
    )


def test_publish_repairs_what_an_interruption_left(tmp_path):
    from trustreport.site.publish import publish

    site = tmp_path / "site"
    publish("e", site=site, version="1.0.0", build=fake_build(tmp_path / "b1", "e", 1, "one"))
    leftovers = [site / ".latest.partial", site / "v" / ".1.1.0.partial", site / "v" / ".1.0.0.old"]
    for folder in leftovers:
        folder.mkdir()
    (site / "latest" / "index.html").unlink()
    assert "nothing to do" in publish("e", site=site, version="1.0.0", build=tmp_path / "b1")
    assert (site / "latest" / "index.html").read_text(encoding="utf-8") == "<p>1</p>"
    assert not any(folder.exists() for folder in leftovers)
    served = (site / "latest" / "index.html").stat().st_ino
    assert "nothing to do" in publish("e", site=site, version="1.0.0", build=tmp_path / "b1")
    assert (site / "latest" / "index.html").stat().st_ino == served  # a no-op touches nothing
    (site / "latest" / "version.json").write_text(
        '{"version": "0.9.0"}', encoding="utf-8"
    )  # latest/ serving another version
    publish("e", site=site, version="1.0.0", build=tmp_path / "b1")
    assert json.loads((site / "latest" / "version.json").read_text(encoding="utf-8")) == {"version": "1.0.0"}
    (site / "v" / "1.0.0" / "manifest.json").unlink()  # a version folder that is not whole is copied again, not refused
    assert "published version 1.0.0" in publish("e", site=site, version="1.0.0", build=tmp_path / "b1")


@pytest.mark.parametrize(
    "point", ["publish.swap", "publish.version-done", "publish.latest-swap", "publish.latest-done"]
)
def test_a_publish_stopped_at_any_point_is_finished_by_the_next(tmp_path, monkeypatch, point):
    from trustreport import faults
    from trustreport.site.publish import publish

    site = tmp_path / "site"
    publish("e", site=site, version="1.0.0", build=fake_build(tmp_path / "b1", "e", 1, "one"))

    def stop(name):
        if name == point:
            raise KeyboardInterrupt(name)

    monkeypatch.setattr(faults, "point", stop)
    with pytest.raises(KeyboardInterrupt):
        publish("e", site=site, version="1.1.0", build=fake_build(tmp_path / "b2", "e", 2, "two"))
    assert (site / "latest" / "index.html").read_text(encoding="utf-8") in (
        "<p>1</p>",
        "<p>2</p>",
    )  # the site kept serving
    monkeypatch.undo()
    publish("e", site=site, version="1.1.0", build=tmp_path / "b2")
    assert sorted(p.name for p in site.iterdir()) == ["index.html", "latest", "v", "versions.json"]
    assert sorted(p.name for p in (site / "v").iterdir()) == ["1.0.0", "1.1.0"]
    assert (site / "latest" / "index.html").read_text(encoding="utf-8") == "<p>2</p>"
    assert json.loads((site / "versions.json").read_text(encoding="utf-8"))["latest"] == "1.1.0"


def test_a_second_publish_waits_for_the_first(tmp_path, capsys):
    import threading
    import time

    from trustreport.project import locked
    from trustreport.site.publish import publish

    site = tmp_path / "site"
    build = fake_build(tmp_path / "b1", "e", 1, "one")
    with locked(tmp_path / ".site.publish.lock", "test"):
        waiting = threading.Thread(
            target=publish, args=("e",), kwargs={"site": site, "version": "1.0.0", "build": build}
        )
        waiting.start()
        deadline = time.monotonic() + 10
        while "Waiting for another publish to this site to finish..." not in capsys.readouterr().err:
            assert time.monotonic() < deadline, "the second publish did not say it waits"
            time.sleep(0.05)
        assert waiting.is_alive() and not site.exists()
    waiting.join(10)
    assert (site / "latest" / "index.html").is_file()


def test_a_bad_version_is_refused_before_anything_is_read(tmp_path):
    from trustreport.site.publish import publish

    with pytest.raises(UserError, match="version '../x': not a version number"):
        publish("e", site=tmp_path / "site", version="../x", build=tmp_path / "never-built")
    assert not (tmp_path / "site").exists()


def test_republishing_a_version_keeps_latest_and_compares_with_the_one_before(tmp_path):
    from trustreport.site.publish import publish

    site = tmp_path / "site"
    publish("e", site=site, version="1.0.0", build=fake_build(tmp_path / "b1", "e", 1, "one"))
    publish("e", site=site, version="1.1.0", build=fake_build(tmp_path / "b2", "e", 2, "two"))
    publish("e", site=site, version="1.0.0", build=fake_build(tmp_path / "b3", "e", 3, "three"), force=True)
    assert (site / "latest" / "index.html").read_text(
        encoding="utf-8"
    ) == "<p>2</p>"  # an older version replaced: latest stays
    publish("e", site=site, version="1.1.0", build=fake_build(tmp_path / "b4", "e", 4, "four"), force=True)
    assert (site / "latest" / "index.html").read_text(
        encoding="utf-8"
    ) == "<p>4</p>"  # the latest replaced: latest follows
    assert 'href="../1.0.0/index.html"' in (site / "v" / "1.1.0" / "changes.html").read_text(encoding="utf-8")


def test_publish_reads_the_editions_own_build_by_default(tmp_path, monkeypatch):
    from trustreport import project
    from trustreport.site.publish import publish

    home = tmp_path / "proj"
    (home / "build").mkdir(parents=True)
    (home / "trustreport.yml").write_text('default_edition: "e"\n', encoding="utf-8")
    fake_build(home / "build" / "e", "e", 5, "five")
    monkeypatch.setenv("TRUSTREPORT_ROOT", str(home))
    project.root.cache_clear()
    try:
        assert "published version 1.0.0 (edition e)" in publish("e")  # the version its manifest names
        assert (home / "site" / "latest" / "index.html").read_text(encoding="utf-8") == "<p>5</p>"
    finally:
        monkeypatch.delenv("TRUSTREPORT_ROOT")
        project.root.cache_clear()


@pytest.mark.parametrize(
    "versions, newest",
    [
        (["1.0.0", "1.10.0", "1.9.0"], "1.10.0"),
        (["2.0.0-rc.1", "2.0.0"], "2.0.0"),
        (["v1.2.0", "1.3"], "1.3"),
        (["1.0.0-rc.2", "1.0.0-rc.10"], "1.0.0-rc.10"),
        (["1.0.0-alpha", "1.0.0-1"], "1.0.0-alpha"),
        (["1.0.0-rc.1", "1.0.0-rc"], "1.0.0-rc.1"),
    ],
)
def test_versions_sort_as_semantic_versions(versions, newest):
    from trustreport.site.publish import version_key

    assert max(versions, key=version_key) == newest
    assert version_key("1.2") == version_key("1.2.0") == version_key("v1.2.0")


def test_files_replace_whole(tmp_path):
    from trustreport import files

    target = tmp_path / "t.txt"
    assert files.write_text_if_changed(target, "a") is True and files.write_text_if_changed(target, "a") is False
    old = tmp_path / "dir"
    old.mkdir()
    (old / "x").write_text("old", encoding="utf-8")
    new = tmp_path / ".dir.partial"
    new.mkdir()
    (new / "x").write_text("new", encoding="utf-8")
    files.swap_in(new, old)
    assert (
        (old / "x").read_text(encoding="utf-8") == "new" and not new.exists() and not (tmp_path / ".dir.old").exists()
    )
    fresh = tmp_path / ".fresh.partial"
    fresh.mkdir()
    files.swap_in(fresh, tmp_path / "fresh")
    assert (tmp_path / "fresh").is_dir()


def test_project_settings():
    from trustreport import project

    assert project.default_edition() == "2021" and project.pdf_name("2020") == "trustreport-2020.pdf"
    assert project.find(ROOT / "notebooks") == ROOT and project.find(Path("/")) is None
    assert project.shown_path(ROOT / "data" / "raw") == "data/raw" and project.shown_path("/etc") == "/etc"
