"""Complaint records at scale: one row per complaint, exported or scraped from a complaint site.

`ingest()` reads CSV or Parquet files (any number, globs), checks every row, drops repeated ids, and
aggregates to counts by month × platform × category with the resolution rate where a status says so.
It streams: memory stays bounded however many rows come in (polars' streaming engine).
"""

from __future__ import annotations

import glob
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from .. import files
from ..errors import InvalidInput, Problem, UsageError
from ..project import shown_path
from . import store

COLUMNS = ["id", "created_at", "platform", "category", "status", "amount", "title"]
REQUIRED = ["id", "created_at", "platform", "category"]
# Headers seen in exports from Chinese complaint sites, mapped to ours. Matching ignores case and spaces.
ALIASES = {
    "id": ["id", "complaint_id", "编号", "投诉编号", "投诉单号", "单号"],
    "created_at": ["created_at", "created", "date", "time", "投诉时间", "创建时间", "发布时间", "时间", "日期"],
    "platform": ["platform", "平台", "投诉对象", "被投诉方", "商家平台"],
    "category": ["category", "问题类型", "投诉问题", "投诉类型", "类别", "分类"],
    "status": ["status", "状态", "处理状态", "投诉状态", "投诉进度"],
    "amount": ["amount", "amount_rmb", "金额", "涉诉金额", "涉及金额"],
    "title": ["title", "标题", "投诉标题"],
}
RESOLVED = ["resolved", "closed", "done", "已完成", "已解决", "完成", "已处理"]
OPEN = ["open", "unresolved", "pending", "in_progress", "处理中", "已回复", "待处理", "未解决", "待回复", "已受理"]
EXAMPLES = 5  # rows quoted per broken rule; the rest are counted


@dataclass
class IngestReport:
    """What an ingest read, kept, dropped and made; also stored in the output's metadata."""

    inputs: list[str]
    rows_read: int = 0
    invalid_rows: int = 0
    duplicate_ids: int = 0
    records_kept: int = 0
    groups: int = 0
    synthetic: bool = False
    problems: list[Problem] = field(default_factory=list)

    def meta(self) -> dict:
        """What the aggregate's metadata records about its making."""
        return {
            "synthetic": self.synthetic,
            "inputs": self.inputs,
            "rows_read": self.rows_read,
            "invalid_rows": self.invalid_rows,
            "duplicate_ids": self.duplicate_ids,
            "records_kept": self.records_kept,
        }

    def summary(self) -> str:
        text = (
            f"read {self.rows_read:,} rows from {len(self.inputs)} file(s); "
            f"dropped {self.duplicate_ids:,} repeated id(s)"
            + (f" and {self.invalid_rows:,} invalid row(s)" if self.invalid_rows else "")
            + f"; kept {self.records_kept:,} complaints in {self.groups:,} month × platform × category groups"
        )
        return text + (" [synthetic data]" if self.synthetic else "")


def expand_inputs(patterns: list[str]) -> list[Path]:
    """Files named or matched by globs, each once, in a stable order."""
    files: list[Path] = []
    for pattern in patterns:
        matches = sorted(glob.glob(pattern, recursive=True)) if any(ch in pattern for ch in "*?[") else [pattern]
        if not matches:
            raise UsageError(f"{pattern}: matches no file")
        for match in matches:
            path = Path(match)
            if not path.is_file():
                raise UsageError(f"{match}: no such file")
            if path.suffix.lower() not in (".csv", ".parquet", ".pq"):
                raise UsageError(f"{match}: not a .csv or .parquet file")
            if path not in files:
                files.append(path)
    return files


def _canonical(header: list[str]) -> dict[str, str]:
    """Map a file's header to our column names; unknown columns are ignored."""
    lookup = {alias.lower(): name for name, aliases in ALIASES.items() for alias in aliases}
    mapping = {}
    for column in header:
        name = lookup.get(column.strip().lstrip("\ufeff").lower().replace(" ", ""))
        if name and name not in mapping.values():
            mapping[column] = name
    return mapping


def _is_utf8(path: Path) -> bool:
    """Whether the whole file is UTF-8, read through in chunks (a GBK file may begin with pages of plain ASCII)."""
    import codecs

    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(1 << 22):
                decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _utf8_copy(path: Path, workdir: Path) -> Path:
    """A GBK file transcoded to UTF-8 in bounded memory (polars reads UTF-8 only); UTF-8 files as they are."""
    if _is_utf8(path):
        return path
    import codecs

    out = workdir / (path.stem + ".utf8.csv")
    decoder = codecs.getincrementaldecoder("gb18030")()
    try:
        with open(path, "rb") as src, open(out, "wb") as dst:
            while chunk := src.read(1 << 22):
                dst.write(decoder.decode(chunk).encode("utf-8"))
            dst.write(decoder.decode(b"", final=True).encode("utf-8"))
    except UnicodeDecodeError:
        raise InvalidInput([Problem(shown_path(path), "not text in UTF-8 or GBK encoding")]) from None
    return out


NESTED = (pl.List, pl.Struct, pl.Array, pl.Object)


def _scan(path: Path, workdir: Path) -> tuple[pl.LazyFrame, list[Problem], Path]:
    """One input as a LazyFrame of our seven string columns plus the record's number (for CSV, the line a person
    would cite, corrected later for fields that span lines), and the file polars reads (a UTF-8 copy of GBK)."""
    shown = shown_path(path)
    if path.stat().st_size == 0:
        return pl.LazyFrame(), [Problem(shown, "file is empty: expected a header row and data rows")], path
    readable = path
    if path.suffix.lower() == ".csv":
        readable = _utf8_copy(path, workdir)
        with files.open_csv(readable) as handle:
            import csv

            header = next(csv.reader([handle.readline()]))  # one row, [] for an empty line
        frame = pl.scan_csv(readable, infer_schema=False)
        first_row = 2  # header is line 1
    else:
        try:
            schema = pl.read_parquet_schema(path)
        except Exception as exc:  # a damaged or non-Parquet file
            return pl.LazyFrame(), [Problem(shown, f"not a readable Parquet file ({type(exc).__name__})")], path
        header = list(schema)
        frame = pl.scan_parquet(path)
        first_row = 1
    mapping = _canonical(header)
    missing = [c for c in REQUIRED if c not in mapping.values()]
    if missing:
        hint = "; ".join(f"{c}: one of {', '.join(ALIASES[c][:4])}" for c in missing)
        return pl.LazyFrame(), [Problem(shown, f"missing column ({hint})", row=1, column=c) for c in missing], path
    if path.suffix.lower() != ".csv":
        nested = [source for source in mapping if isinstance(schema[source], NESTED)]
        if nested:
            return (
                pl.LazyFrame(),
                [
                    Problem(shown, f"holds {schema[c]} values: expected text, numbers or dates", row=1, column=c)
                    for c in nested
                ],
                path,
            )
    columns = [pl.col(source).cast(pl.String).alias(name) for source, name in mapping.items()] + [
        pl.lit(None, dtype=pl.String).alias(c) for c in COLUMNS if c not in mapping.values()
    ]
    frame = frame.with_row_index("row", offset=first_row).select(pl.col("row").cast(pl.Int64), *columns)
    return frame.select("row", *COLUMNS), [], readable


def _date(expr: pl.Expr) -> pl.Expr:
    """The day of a timestamp written 2021-06-16 20:15, 2021/6/16, 2021年6月16日 or 2021-06-16T20:15:00Z."""
    day = expr.str.strip_chars().str.replace_all(r"[/年月.]", "-").str.extract(r"^(\d{4}-\d{1,2}-\d{1,2})")
    return day.str.to_date("%Y-%m-%d", strict=False)


def _prepared(frame: pl.LazyFrame) -> pl.LazyFrame:
    """Parsed columns and one flag per rule a row can break."""
    status = pl.col("status").str.strip_chars().str.to_lowercase()
    amount_text = pl.col("amount").str.strip_chars().str.replace_all(",", "")
    return (
        frame.with_columns(
            id=pl.col("id").str.strip_chars(),
            platform=pl.col("platform").str.strip_chars(),
            category=pl.col("category").str.strip_chars(),
            day=_date(pl.col("created_at")),
            amount_rmb=amount_text.cast(pl.Float64, strict=False),
            resolved=pl.when(status.is_in(RESOLVED)).then(True).when(status.is_in(OPEN)).then(False).otherwise(None),
        )
        .with_columns(
            # Each flag is true or false, never null: a null would silently drop a row from both counts and totals.
            bad_id=pl.col("id").is_null() | (pl.col("id") == ""),
            bad_created_at=pl.col("day").is_null(),
            bad_platform=pl.col("platform").is_null() | (pl.col("platform") == ""),
            bad_category=pl.col("category").is_null() | (pl.col("category") == ""),
            bad_status=pl.col("status").is_not_null()
            & (pl.col("status").str.strip_chars() != "")
            & pl.col("resolved").is_null(),
            # "nan" and "inf" parse as floats but are no amount of money: they would turn a group's total into NaN
            bad_amount=(amount_text.is_not_null() & (amount_text != "") & pl.col("amount_rmb").is_null())
            | (pl.col("amount_rmb") < 0)
            | pl.col("amount_rmb").is_nan()
            | pl.col("amount_rmb").is_infinite(),
        )
        .with_columns(pl.col(rule).fill_null(False) for rule in RULES)
    )


RULES = {
    "bad_id": ("id", "must not be empty"),
    "bad_created_at": ("created_at", "not a date (use 2021-06-16, 2021/6/16 or 2021年6月16日, a time may follow)"),
    "bad_platform": ("platform", "must not be empty"),
    "bad_category": ("category", "must not be empty"),
    "bad_status": ("status", f"unknown status (resolved: {', '.join(RESOLVED)}; open: {', '.join(OPEN)})"),
    "bad_amount": ("amount", "not an amount of money (a number, 0 or more)"),
}
_ANY_BAD = pl.any_horizontal(*RULES)


# A group where no record states an amount has no total amount (null), not a total of zero.
_SUM_OF_AMOUNTS = pl.when(pl.col("amount_rmb").count() > 0).then(pl.col("amount_rmb").sum()).alias("amount_rmb")


def _totals() -> list[pl.Expr]:
    """What each month × platform × category group holds; adding two groups' totals gives their union's."""
    return [
        pl.len().cast(pl.Int64).alias("complaints_count"),
        pl.col("resolved").is_not_null().sum().cast(pl.Int64).alias("status_known_count"),
        pl.col("resolved").fill_null(False).sum().cast(pl.Int64).alias("resolved_count"),
        _SUM_OF_AMOUNTS,
        # kept until the table is finished, so totals taken away from each other know whether any amount is left
        pl.col("amount_rmb").count().cast(pl.Int64).alias("amounts_count"),
    ]


KEYS = ["month", "platform", "category"]
_MONTH = pl.col("day").dt.truncate("1mo").alias("month")


def _finish(table: pl.DataFrame | pl.LazyFrame):
    """Rates from counts, amounts to the fen, rows in a stable order."""
    known = pl.col("status_known_count")
    return (
        table.filter(pl.col("complaints_count") > 0)
        .with_columns(
            amount_rmb=pl.col("amount_rmb").round(2),
            resolution_rate=pl.when(known > 0).then(pl.col("resolved_count") / known).otherwise(None),
        )
        .select(*KEYS, "complaints_count", "status_known_count", "resolved_count", "resolution_rate", "amount_rmb")
        .sort(KEYS)
    )


def _grouped(records: pl.LazyFrame) -> pl.LazyFrame:
    return records.group_by(_MONTH, "platform", "category").agg(_totals())


def aggregate(records: pl.LazyFrame) -> pl.LazyFrame:
    """Valid, de-duplicated records to counts by month × platform × category."""
    return _finish(_grouped(records))


def combine(aggregates: list[pl.DataFrame], sign: list[int] | None = None) -> pl.DataFrame:
    """Aggregates added up (or, with sign -1, taken away): for disjoint record sets, the aggregate of their union.
    A group whose amounts all came from records taken away has no total amount (null), not a total of zero."""
    sign = sign or [1] * len(aggregates)
    counts = ["complaints_count", "status_known_count", "resolved_count", "amount_rmb"]

    def amounts(a: pl.DataFrame) -> pl.Expr:  # a finished aggregate no longer says how many amounts it summed
        return (
            pl.col("amounts_count")
            if "amounts_count" in a.columns
            else pl.col("amount_rmb").is_not_null().cast(pl.Int64)
        )

    signed = [
        a.select(*KEYS, *[pl.col(c) * s for c in counts], (amounts(a) * s).alias("amounts_count"))
        for a, s in zip(aggregates, sign)
    ]
    summed = pl.concat(signed).group_by(KEYS).agg(pl.col(counts).sum(), pl.col("amounts_count").sum())
    return _finish(summed.with_columns(amount_rmb=pl.when(pl.col("amounts_count") > 0).then(pl.col("amount_rmb"))))


def ingest(patterns: list[str], out: Path, *, skip_invalid: bool = False) -> IngestReport:
    """Read, check, de-duplicate and aggregate complaint records into `out` (Parquet), written whole or not at all.

    Two streaming passes bound memory: one groups every row (valid or not) by month × platform × category and
    counts what each rule rejects; one finds ids that repeat, by their 64-bit hash (a few hundred MB for ten
    million ids, where holding the ids themselves takes gigabytes). Only valid rows whose hash repeats are then
    read again, with the columns the totals need, and compared by their real id, so a hash collision cannot drop a
    complaint. Of repeated ids the first row read is kept (files in the order given, rows in file order).
    """
    files = expand_inputs(patterns)
    report = IngestReport(inputs=[shown_path(f) for f in files])
    out = Path(out)
    if out.is_dir():
        raise UsageError(f"--out {out}: is a folder; name the aggregate file to write (.parquet)")
    if out.resolve() in [f.resolve() for f in files]:
        raise UsageError(f"--out {out}: is one of the inputs; the records would be replaced by their aggregate")
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=".ingest-") as tmp:
        frames, readable, sources = [], [], []
        for path in files:
            frame, problems, source = _scan(path, Path(tmp))
            report.problems += problems
            if not problems:
                frames.append(frame.with_columns(file_index=pl.lit(len(frames))))
                readable.append(report.inputs[files.index(path)])
                sources.append(source)
        if report.problems:
            raise InvalidInput(report.problems)
        records = _prepared(pl.concat(frames)).with_columns(invalid=_ANY_BAD)
        try:
            grouped = (
                records.group_by("invalid", _MONTH, "platform", "category")
                .agg(
                    *_totals(),
                    pl.col("id").str.starts_with(store.SYNTHETIC_PREFIX).any().alias("synthetic"),
                    *[pl.col(r).sum() for r in RULES],
                )
                .collect(engine="streaming")
            )
        except pl.exceptions.PolarsError:
            raise InvalidInput(_unreadable(files, sources, readable)) from None
        counts = {rule: int(grouped[rule].sum()) for rule in RULES}
        counts["rows"] = int(grouped["complaints_count"].sum())
        counts["invalid"] = int(grouped.filter("invalid")["complaints_count"].sum())
        report.rows_read, report.invalid_rows = counts["rows"], counts["invalid"]
        report.synthetic = bool(grouped["synthetic"].any()) or any(store.is_synthetic_file(f) for f in files)
        if report.rows_read == 0:
            raise InvalidInput([Problem(", ".join(report.inputs), "has a header but no data rows")])
        if report.invalid_rows and not skip_invalid:
            raise InvalidInput(_examples(records, counts, readable, sources))
        if report.invalid_rows == report.rows_read:
            raise InvalidInput(
                [
                    Problem(
                        ", ".join(report.inputs),
                        f"all {report.rows_read:,} rows are invalid: no complaint is left to count",
                    )
                ]
            )

        valid = records.filter(~pl.col("invalid"))
        table = grouped.filter(~pl.col("invalid"))
        # The second pass reads only the id column: every id's hash, valid row or not. A hash that repeats only
        # makes its rows candidates; the exact comparison below looks at valid rows and real ids alone.
        repeated = (
            pl.concat(frames)
            .select(h=pl.col("id").str.strip_chars().hash())
            .group_by("h")
            .agg(n=pl.len())
            .filter(pl.col("n") > 1)
            .select("h")
            .collect(engine="streaming")
        )
        if repeated.height:
            # A row's place in the input (file, then row), as one number: each id's first row has the smallest.
            # Only the columns the totals need are kept, and no sort: the later rows of an id are those whose place
            # is not its id's smallest.
            place = pl.col("file_index").cast(pl.Int64) * (1 << 40) + pl.col("row")
            extra = (
                valid.select(
                    "id",
                    "day",
                    "platform",
                    "category",
                    "resolved",
                    "amount_rmb",
                    place.alias("place"),
                    h=pl.col("id").hash(),
                )
                .join(repeated.lazy(), on="h", how="semi")
                .filter(pl.col("place") != pl.col("place").min().over("id"))
            )
            table = combine([table, _grouped(extra).collect(engine="streaming")], sign=[1, -1])
        else:
            table = _finish(table)
        report.records_kept = int(table["complaints_count"].sum())
        report.duplicate_ids = report.rows_read - report.invalid_rows - report.records_kept
        report.groups = table.height
        store.write_aggregate(table, out, report.meta())
    return report


def _unreadable(files: list[Path], sources: list[Path], shown: list[str]) -> list[Problem]:
    """Which input polars could not read, found by reading each alone (only after a failure), and why."""
    problems = []
    for path, source, name in zip(files, sources, shown):
        try:
            if path.suffix.lower() == ".csv":
                pl.scan_csv(source, infer_schema=False).select(pl.len()).collect()
            else:
                pl.scan_parquet(source).collect(engine="streaming")
        except Exception as exc:
            kind = "CSV" if path.suffix.lower() == ".csv" else "Parquet (the file is damaged)"
            problems.append(Problem(name, f"not readable as {kind}: {str(exc).splitlines()[0][:200]}"))
    return problems or [Problem(", ".join(shown), "the records could not be read")]


def _csv_lines(path: Path, records: set[int]) -> dict[int, int]:
    """For CSV records numbered as if one per line (header = line 1), the line each really starts on: a quoted
    field may span lines."""
    import csv

    lines: dict[int, int] = {}
    first_line = 1  # of the record read next
    with files.open_csv(path) as handle:
        reader = csv.reader(handle)
        for index, _ in enumerate(reader, start=1):  # the header is record 1, so data records are numbered from 2
            if index in records:
                lines[index] = first_line
            if len(lines) == len(records):
                break
            first_line = reader.line_num + 1  # of the next record
    return lines


def _examples(records: pl.LazyFrame, counts: dict, files: list[str], sources: list[Path]) -> list[Problem]:
    """The first rows breaking each rule, located; the rest counted."""
    problems: list[Problem] = []
    broken = [rule for rule in RULES if counts[rule]]
    samples = pl.collect_all(
        [records.filter(pl.col(rule)).select("file_index", "row", RULES[rule][0]).head(EXAMPLES) for rule in broken],
        engine="streaming",
    )
    lines = {}
    for index, source in enumerate(sources):
        wanted = {row for sample in samples for f, row, _ in sample.iter_rows() if f == index}
        if wanted and source.suffix.lower() == ".csv":
            lines[index] = _csv_lines(source, wanted)
    for rule, sample in zip(broken, samples):
        column, text = RULES[rule]
        for file_index, row, value in sample.iter_rows():
            row = lines.get(file_index, {}).get(row, row)
            problems.append(
                Problem(files[file_index], text, row=row, column=column, value=value if value is not None else "")
            )
        if counts[rule] > sample.height:
            problems.append(
                Problem(
                    "(all inputs)",
                    f"{counts[rule] - sample.height:,} more rows break this rule ({text})",
                    column=column,
                )
            )
    problems.append(
        Problem(
            "(all inputs)",
            f"{counts['invalid']:,} of {counts['rows']:,} rows are invalid; fix them, or pass --skip-invalid to leave them out",
        )
    )
    return problems
