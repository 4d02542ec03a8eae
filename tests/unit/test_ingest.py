"""Ingest of complaint records (trustreport.records.ingest), in process on tiny inputs made here: counted by
month, platform and category; every bad row refused and located; the exports of complaint sites read."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from trustreport.errors import InvalidInput, UsageError
from trustreport.records import store
from trustreport.records.ingest import ingest

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
            "missing column (named any of: platform, 平台, 投诉对象, 被投诉方, 商家平台)",
        ),
        (
            "partial.csv",
            1,
            "category",
            None,
            "missing column (named any of: category, 问题类型, 投诉问题, 投诉类型, 类别, 分类)",
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
