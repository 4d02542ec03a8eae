"""Complaint records at scale: ingest of the user's own exports, and synthetic records for tests."""

from __future__ import annotations

import errno
import json
import shutil
import subprocess
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from conftest import DEFAULT_EDITION, ROOT, assert_user_error, cli, relative, scratch_in_project
from trustreport.errors import InvalidInput
from trustreport.records.ingest import ingest as ingest_in_process
from trustreport.records.store import read as read_aggregate

HEADER = "id,created_at,platform,category,status,amount,title\n"
ROWS = [
    "a1,2021-06-16 20:15:00,快手,商品质量,已完成,120.5,收到的货和图片不符",
    "a2,2021/6/17 09:00,快手,赠品未兑现,处理中,,赠品没有收到",
    "a3,2021年6月18日,抖音,食品变质,resolved,30,零食过期",
    "a1,2021-06-16 20:15:00,快手,商品质量,已完成,120.5,收到的货和图片不符",
    "a4,2021-07-01,京东,退换货,,88,退货被拒",
]


def write(path: Path, rows: list[str], header: str = HEADER, encoding: str = "utf-8", newline: str = "\n") -> Path:
    path.write_bytes((header + newline.join(rows) + newline).replace("\n", newline).encode(encoding))
    return path


def ingest(*args: str):
    return cli("ingest-complaints", *args)


def test_ingest_counts_drops_repeats_and_reports_them(tmp_path):
    src = write(tmp_path / "export.csv", ROWS)
    out = tmp_path / "agg.parquet"
    result = ingest(str(src), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert (
        "read 5 rows" in result.stdout
        and "dropped 1 repeated id(s)" in result.stdout
        and "kept 4 complaints" in result.stdout
    )
    table, meta = read_aggregate(out)
    june_ks = table.filter((pl.col("platform") == "快手") & (pl.col("month") == pl.date(2021, 6, 1)))
    assert june_ks["complaints_count"].sum() == 2
    assert table["complaints_count"].sum() == 4 and meta["duplicate_ids"] == 1 and meta["synthetic"] is False
    jd = table.filter(pl.col("platform") == "京东").row(0, named=True)
    assert jd["status_known_count"] == 0 and jd["resolution_rate"] is None  # no status: rate not reported, not 0
    quality = table.filter(pl.col("category") == "商品质量").row(0, named=True)
    assert quality["resolution_rate"] == 1.0 and quality["amount_rmb"] == 120.5


def test_chinese_headers_in_another_order_gbk_and_crlf(tmp_path):
    english = ingest(str(write(tmp_path / "en.csv", ROWS)), "--out", str(tmp_path / "en.parquet"))
    assert english.returncode == 0
    header = "标题,投诉时间,投诉编号,投诉对象,问题类型,涉诉金额,投诉进度\n"
    reordered = []
    for row in ROWS:
        i, t, p, c, s, a, title = row.split(",")
        reordered.append(",".join([title, t, i, p, c, a, s]))
    src = write(tmp_path / "导出.csv", reordered, header=header, encoding="gbk", newline="\r\n")
    result = ingest(str(src), "--out", str(tmp_path / "zh.parquet"))
    assert result.returncode == 0, result.stderr
    assert read_aggregate(tmp_path / "zh.parquet")[0].equals(read_aggregate(tmp_path / "en.parquet")[0])


def test_many_files_by_glob_equal_one_file(tmp_path):
    (tmp_path / "parts").mkdir()
    write(tmp_path / "parts" / "p1.csv", ROWS[:2])
    write(tmp_path / "parts" / "p2.csv", ROWS[2:])
    assert ingest(str(tmp_path / "parts" / "*.csv"), "--out", str(tmp_path / "glob.parquet")).returncode == 0
    assert ingest(str(write(tmp_path / "all.csv", ROWS)), "--out", str(tmp_path / "one.parquet")).returncode == 0
    assert read_aggregate(tmp_path / "glob.parquet")[0].equals(read_aggregate(tmp_path / "one.parquet")[0])


def test_parquet_input_equals_csv_input(tmp_path):
    csv = write(tmp_path / "e.csv", ROWS)
    pl.read_csv(csv, infer_schema=False).write_parquet(tmp_path / "e.parquet")
    assert ingest(str(csv), "--out", str(tmp_path / "a.parquet")).returncode == 0
    assert ingest(str(tmp_path / "e.parquet"), "--out", str(tmp_path / "b.parquet")).returncode == 0
    assert read_aggregate(tmp_path / "a.parquet")[0].equals(read_aggregate(tmp_path / "b.parquet")[0])


def test_bad_rows_are_located_and_nothing_is_written(tmp_path):
    rows = ROWS + [
        "a5,yesterday,快手,商品质量,已完成,1,x",
        ",2021-06-01,快手,质量,已完成,1,x",
        "a7,2021-06-01,快手,质量,lost,1,x",
        "a8,2021-06-01,快手,质量,已完成,-3,x",
    ]
    src = write(tmp_path / "dirty.csv", rows)
    out = tmp_path / "agg.parquet"
    out.write_bytes(b"previous")
    result = ingest(str(src), "--out", str(out))
    assert_user_error(
        result,
        1,
        "dirty.csv, row 7, column 'created_at': value 'yesterday': not a date",
        "dirty.csv, row 8, column 'id'",
        "dirty.csv, row 9, column 'status': value 'lost': unknown status",
        "dirty.csv, row 10, column 'amount': value '-3'",
        "4 of 9 rows are invalid",
    )
    assert out.read_bytes() == b"previous"
    assert not list(tmp_path.glob(".*partial")) and not list(tmp_path.glob(".ingest-*"))
    skipped = ingest(str(src), "--out", str(out), "--skip-invalid")
    assert skipped.returncode == 0 and "4 invalid row(s)" in skipped.stdout and "kept 4 complaints" in skipped.stdout


@pytest.fixture(params=["no blocks left", "no inodes left"])
def full_disk(request, tmp_path):
    """A folder on a small filesystem (tmpfs) that is already full, of data or of files: nothing more can be written
    there, not even an empty file or folder when no inode is left."""
    folder = tmp_path / "full"
    folder.mkdir()
    size = "size=64k" if request.param == "no blocks left" else "nr_inodes=2"  # the root folder and the filler
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", size, "tmpfs", str(folder)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"a full disk needs a small filesystem to fill, and mounting one needs root: {mounted.stderr!r}")
    try:
        with open(folder / "filler", "wb", buffering=0) as filler, pytest.raises(OSError) as full:
            if request.param == "no inodes left":
                (folder / "one-more").mkdir()
            while True:
                filler.write(bytes(4096))
        assert full.value.errno == errno.ENOSPC
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_ingest_to_a_full_disk_says_so_once_and_leaves_nothing_behind(tmp_path, full_disk):
    out = full_disk / "agg.parquet"
    result = ingest(str(write(tmp_path / "export.csv", ROWS)), "--out", str(out))
    assert_user_error(result, 1, f"could not write {out}: No space left on device")
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert [p.name for p in full_disk.iterdir()] == ["filler"]  # no aggregate, no .partial, no temporary folder


SHORT_HEADER = "id,created_at,platform,category,status,amount\n"


def refused(src: Path) -> list[tuple]:
    """(row, column, value) of each problem a refused ingest reports, in order."""
    with pytest.raises(InvalidInput) as caught:
        ingest_in_process([str(src)], src.parent / "refused.parquet")
    assert not (src.parent / "refused.parquet").exists()
    return [(p.row, p.column, p.value) for p in caught.value.problems]


def test_a_day_is_read_the_same_whichever_way_it_is_written(tmp_path):
    # (created_at, the month it counts in, or None when the row is refused for its date)
    days = [
        ("2022-05-09 04:36:15", date(2022, 5, 1)),
        ("2022-05-09", date(2022, 5, 1)),
        ("2022-05-31 25:99:99", date(2022, 5, 1)),  # only the day is read; what follows it is not checked
        ("2022-05-091", date(2022, 5, 1)),  # a day is two digits at most: the third is what follows
        ("2022/5/9 04:36", date(2022, 5, 1)),
        ("2022年5月9日", date(2022, 5, 1)),
        ("  2022-05-09", date(2022, 5, 1)),
        ("2022-5-9", date(2022, 5, 1)),
        ("2022-02-30 10:00:00", None),  # no such day
        ("2022-13-01", None),
        ("2022-05- 9", None),
        ("-022-05-09", None),
        ("+2022-05-0", None),
        ("22-05-09", None),
        ("２０２２-05-09", None),  # full-width digits
        ("2022-05-0\u0669", None),  # an Arabic-Indic digit
        ("20220509", None),
    ]
    # each row in a category of its own, named by its line in the file, to see which rows are kept
    src = write(
        tmp_path / "r.csv",
        header=SHORT_HEADER,
        rows=[f"r{n},{day},快手,line{n + 2},," for n, (day, _) in enumerate(days)],
    )
    quoted = [(row, value) for row, column, value in refused(src) if column == "created_at" and row]
    assert quoted == [
        (10, "2022-02-30 10:00:00"),
        (11, "2022-13-01"),
        (12, "2022-05- 9"),
        (13, "-022-05-09"),
        (14, "+2022-05-0"),
    ]
    ingest_in_process([str(src)], tmp_path / "agg.parquet", skip_invalid=True)
    kept = read_aggregate(tmp_path / "agg.parquet")[0].select("category", "month").sort("category").rows()
    assert kept == [(f"line{n}", date(2022, 5, 1)) for n in range(2, 10)]


def test_amounts_and_statuses_are_read_however_they_are_written(tmp_path):
    rows = [
        "a,2022-05-09,快手,质量,已完成,12.5",
        'b,2022-05-09,快手,质量, 已完成 ," 1,000.25 "',
        "c,2022-05-09,快手,质量,RESOLVED,+3",
        "d,2022-05-09,快手,质量,处理中,1e2",
        "e,2022-05-09,快手,质量,\u3000Pending,.5",
        "f,2022-05-09,快手,质量, , ",  # a blank status and amount: none given
        "g,2022-05-09,快手,质量,lost,1",
        "h,2022-05-09,快手,质量,已完成,1_000",
        "i,2022-05-09,快手,质量,已完成,-0.01",
    ]
    src = write(tmp_path / "r.csv", header=SHORT_HEADER, rows=rows)
    assert [(row, column, value) for row, column, value in refused(src) if row] == [
        (8, "status", "lost"),
        (9, "amount", "1_000"),
        (10, "amount", "-0.01"),
    ]
    ingest_in_process([str(src)], tmp_path / "agg.parquet", skip_invalid=True)
    table = read_aggregate(tmp_path / "agg.parquet")[0]
    assert table.select("complaints_count", "status_known_count", "resolved_count", "amount_rmb").rows() == [
        (6, 5, 3, 1116.25)
    ]


def test_a_byte_in_no_encoding_deep_in_a_column_not_counted_is_still_found(tmp_path):
    """The reader checks the whole file as it reads, the title too, though no count uses it."""
    rows = [f"a{n},2021-06-16 20:15:00,快手,商品质量,已完成,1,投诉#{n}" for n in range(20_000)]
    src = tmp_path / "export.csv"
    src.write_bytes(
        write(tmp_path / "head.csv", rows).read_bytes() + "z,2021-06-16,快手,质量,,,投诉".encode() + b"\xff\n"
    )
    assert_user_error(ingest(str(src), "--out", str(tmp_path / "a.parquet")), 1, "export.csv: not text in UTF-8 or GBK")
    assert not (tmp_path / "a.parquet").exists()


def test_missing_required_column_names_it_and_its_aliases(tmp_path):
    src = write(
        tmp_path / "e.csv",
        [",".join(r.split(",")[:2] + r.split(",")[3:]) for r in ROWS],
        header="id,created_at,category,status,amount,title\n",
    )
    assert_user_error(
        ingest(str(src), "--out", str(tmp_path / "a.parquet")),
        1,
        "e.csv, row 1, column 'platform': missing column",
        "投诉对象",
    )


def test_empty_and_header_only_files(tmp_path):
    (tmp_path / "empty.csv").write_bytes(b"")
    assert_user_error(
        ingest(str(tmp_path / "empty.csv"), "--out", str(tmp_path / "a.parquet")), 1, "empty.csv: file is empty"
    )
    write(tmp_path / "header.csv", [])
    (tmp_path / "header.csv").write_text(HEADER, encoding="utf-8")
    assert_user_error(
        ingest(str(tmp_path / "header.csv"), "--out", str(tmp_path / "a.parquet")), 1, "has a header but no data rows"
    )


def test_usage_errors_exit_2(tmp_path):
    assert_user_error(ingest(str(tmp_path / "none-*.csv"), "--out", str(tmp_path / "a.parquet")), 2, "matches no file")
    src = write(tmp_path / "e.csv", ROWS)
    assert_user_error(ingest(str(src), "--out", str(tmp_path / "a.csv")), 2, "written as .parquet")
    assert_user_error(cli("synth-complaints", "--rows", "0", "--out", str(tmp_path / "s.csv")), 2, "--rows")


def test_synthetic_records_are_deterministic_and_labelled(tmp_path):
    a, b, c = tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / "c.csv"
    for path, seed in ((a, "5"), (b, "5"), (c, "6")):
        assert cli("synth-complaints", "--rows", "20000", "--seed", seed, "--out", str(path)).returncode == 0
    assert a.read_bytes() == b.read_bytes() != c.read_bytes()
    frame = pl.read_csv(a, infer_schema=False)
    assert frame["id"].str.starts_with("SYN-").all() and frame["title"].str.starts_with("[synthetic]").all()
    assert json.loads(Path(f"{a}.meta.json").read_text(encoding="utf-8"))["synthetic"] is True
    pq = tmp_path / "a.parquet"
    assert cli("synth-complaints", "--rows", "20000", "--seed", "5", "--out", str(pq)).returncode == 0
    assert json.loads(pl.read_parquet_metadata(pq)["trustreport"])["synthetic"] is True
    assert pl.read_parquet(pq).equals(frame.with_columns(pl.col("amount")))


def test_dirty_synthetic_records_have_the_faults_asked_for(tmp_path):
    path = tmp_path / "d.csv"
    assert (
        cli("synth-complaints", "--rows", "50000", "--seed", "1", "--dirty", "0.02", "--out", str(path)).returncode == 0
    )
    result = ingest(str(path), "--out", str(tmp_path / "a.parquet"), "--skip-invalid")
    assert result.returncode == 0 and "invalid row(s)" in result.stdout and "repeated id(s)" in result.stdout
    assert "dropped 0 repeated" not in result.stdout


def test_one_million_synthetic_rows(tmp_path):
    path = tmp_path / "m.parquet"
    assert cli("synth-complaints", "--rows", "1000000", "--seed", "11", "--out", str(path)).returncode == 0
    result = ingest(str(path), "--out", str(tmp_path / "agg.parquet"))
    assert result.returncode == 0, result.stderr
    assert "read 1,000,000 rows" in result.stdout and "[synthetic data]" in result.stdout
    table, meta = read_aggregate(tmp_path / "agg.parquet")
    assert table["complaints_count"].sum() == 1_000_000 and meta["synthetic"] is True
    by_month = table.group_by(pl.col("month").dt.month()).agg(pl.col("complaints_count").sum()).sort("month")
    june, may = by_month.filter(month=6)["complaints_count"][0], by_month.filter(month=5)["complaints_count"][0]
    assert june > may * 1.2  # the festival peak is there


def test_synthetic_aggregate_cannot_enter_an_edition_unless_allowed(tmp_path):
    records = tmp_path / "s.csv"
    assert cli("synth-complaints", "--rows", "5000", "--seed", "2", "--out", str(records)).returncode == 0
    agg = scratch_in_project("synthetic-records") / "s.parquet"
    assert ingest(str(records), "--out", str(agg)).returncode == 0
    params = tmp_path / "e.yml"
    params.write_text(
        f'edition: "synthtest"\nfocus_year: 2021\nbaseline_year: 2020\ncomplaint_records: "{relative(agg)}"\n',
        encoding="utf-8",
    )
    assert (
        cli("check-params", str(params)).returncode == 0
    )  # what the file holds is checked with the data, not the parameters
    assert_user_error(cli("tables", str(params)), 1, "e.yml, key 'complaint_records'", "synthetic")
    allowed = tmp_path / "allowed.yml"
    allowed.write_text(
        params.read_text(encoding="utf-8").replace("synthtest", "synthok") + "allow_synthetic: true\n", encoding="utf-8"
    )
    try:
        assert cli("tables", str(allowed)).returncode == 0
    finally:
        shutil.rmtree(ROOT / "build" / "synthok", ignore_errors=True)
        shutil.rmtree(ROOT / "build" / "synthtest", ignore_errors=True)
    default = tmp_path / "2021.yml"
    default.write_text(
        f'edition: "{DEFAULT_EDITION}"\nfocus_year: 2021\nbaseline_year: 2020\nallow_synthetic: true\n',
        encoding="utf-8",
    )
    assert_user_error(cli("check-params", str(default)), 1, "key 'allow_synthetic'", "default edition")


def test_an_edition_reads_complaint_records_into_the_complaints_chapter(tmp_path):
    """A user's own export, ingested, named by an edition: the chapter gains its records section."""
    src = write(tmp_path / "export.csv", ROWS)
    agg = scratch_in_project("own-records") / "mine.parquet"
    assert ingest(str(src), "--out", str(agg)).returncode == 0
    params = tmp_path / "mine.yml"
    params.write_text(
        f'edition: "records-test"\nfocus_year: 2021\nbaseline_year: 2020\ncomplaint_records: "{relative(agg)}"\n',
        encoding="utf-8",
    )
    out = ROOT / "build" / "records-test"
    try:
        result = cli("build", str(params), "--engine", "embedded")
        assert result.returncode == 0, result.stderr
        page = (out / "site" / "10_complaints.html").read_text(encoding="utf-8")
        assert "Complaint records" in page and "reads 4 complaint records" in page
        assert 'id="fig-complaint-records-by-month"' in page
        assert "Synthetic" not in page
        # the chart names the platforms in the page's language, as the other platform charts do, and counts a few
        # complaints a month on whole numbers (its axis read "0 1 1 2 2" at halves)
        data = (out / "site" / "data" / "complaint-records-by-month.csv").read_text(encoding="utf-8")
        assert "Kuaishou (快手)" in data and "Douyin (抖音)" in data and ",快手," not in data, data
        spec = json.loads((out / "site" / "data" / "complaint-records-by-month.vl.json").read_text(encoding="utf-8"))
        assert spec["encoding"]["y"]["axis"]["tickMinStep"] == 1, spec["encoding"]["y"]
    finally:
        shutil.rmtree(out, ignore_errors=True)
