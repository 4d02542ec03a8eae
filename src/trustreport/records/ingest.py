"""Complaint records at scale: one row per complaint, exported or scraped from a complaint site.

`ingest()` reads CSV or Parquet files (any number, globs), checks every row, drops repeated ids, and
aggregates to counts by month × platform × category with the resolution rate where a status says so.
It streams: memory stays bounded however many rows come in (polars' streaming engine). An input is read once; only
when some ids repeat is it read again, and then only the rows with those ids are checked and kept.
"""

from __future__ import annotations

import contextlib
import csv
import glob
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from .. import files
from ..errors import InvalidInput, Problem, UsageError, UserError
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
    mapping: dict[str, str] = {}
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


class _Scratch:
    """A temporary folder beside the output, made only when first needed (for the UTF-8 copy of a GBK file), so a
    UTF-8 or Parquet input writes nothing but the output, and a full disk is met there."""

    def __init__(self, out: Path):
        self.out = out
        self.folder: Path | None = None

    def __enter__(self) -> _Scratch:
        return self

    def __exit__(self, *exc) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)

    def path(self, name: str) -> Path:
        if self.folder is None:
            self.folder = Path(tempfile.mkdtemp(dir=self.out.parent, prefix=".ingest-"))
        return self.folder / name


@contextlib.contextmanager
def _parquet_prefetch(row_groups: int):
    """polars reads ahead ten Parquet row groups by default, and a row group of a million rows (pyarrow's size) takes
    about 100 MB decoded: at ten million rows that alone took the ingest past 1 GB (950-1040 MB; 830 MB with two, 700
    MB with one). Two keep both cores busy. A value the user set is left as it is."""
    name = "POLARS_ROW_GROUP_PREFETCH_SIZE"  # read by polars when a query runs
    if name in os.environ:
        yield
        return
    os.environ[name] = str(row_groups)
    try:
        yield
    finally:
        os.environ.pop(name, None)


def _gbk_to_utf8(path: Path, scratch: _Scratch) -> Path:
    """A CSV file that is not UTF-8, as a UTF-8 copy if it is GBK (polars reads UTF-8 only), in bounded memory."""
    import codecs

    decoder = codecs.getincrementaldecoder("gb18030")()
    try:
        out = scratch.path(path.stem + ".utf8.csv")
        with open(path, "rb") as src, open(out, "wb") as dst:
            while chunk := src.read(1 << 22):
                dst.write(decoder.decode(chunk).encode("utf-8"))
            dst.write(decoder.decode(b"", final=True).encode("utf-8"))
    except UnicodeDecodeError:
        raise InvalidInput([Problem(shown_path(path), "not text in UTF-8 or GBK encoding")]) from None
    except OSError as exc:
        raise UserError(
            f"could not write the UTF-8 copy of {shown_path(path)} beside {shown_path(scratch.out)}: "
            f"{exc.strerror or exc}"
        ) from None
    return out


def _csv_header(path: Path) -> list[str] | None:
    """A CSV file's header row ([] for an empty line), or None when the file does not start as UTF-8 text."""
    try:
        with files.open_csv(path) as handle:
            return next(csv.reader([handle.readline()]))
    except UnicodeDecodeError:
        return None


NESTED = (pl.List, pl.Struct, pl.Array, pl.Object)


@dataclass
class _Input:
    """One input file: its name as shown, the file polars reads (a UTF-8 copy of GBK) and its columns as ours."""

    path: Path
    shown: str
    source: Path
    mapping: dict[str, str]  # the file's column -> ours

    @property
    def is_csv(self) -> bool:
        return self.path.suffix.lower() == ".csv"

    def frame(self) -> pl.LazyFrame:
        """Our seven string columns plus the record's number (for CSV, the line a person would cite, corrected
        later for fields that span lines)."""
        if self.is_csv:
            frame, first_row = pl.scan_csv(self.source, infer_schema=False), 2  # header is line 1
        else:
            frame, first_row = pl.scan_parquet(self.source), 1
        columns = [pl.col(source).cast(pl.String).alias(name) for source, name in self.mapping.items()] + [
            pl.lit(None, dtype=pl.String).alias(c) for c in COLUMNS if c not in self.mapping.values()
        ]
        frame = frame.with_row_index("row", offset=first_row).select(pl.col("row").cast(pl.Int64), *columns)
        return frame.select("row", *COLUMNS)


def _scan(path: Path, scratch: _Scratch, *, not_utf8: bool = False) -> tuple[_Input | None, list[Problem]]:
    """One input file, or the problems that keep it from being read. A CSV file is taken as UTF-8 unless it starts
    otherwise or is known not to be (`not_utf8`): the reader checks the rest as it reads (see `_counted`)."""
    shown = shown_path(path)
    if path.stat().st_size == 0:
        return None, [Problem(shown, "file is empty: expected a header row and data rows")]
    source = path
    if path.suffix.lower() == ".csv":
        header = None if not_utf8 else _csv_header(path)
        if header is None:
            source = _gbk_to_utf8(path, scratch)
            header = _csv_header(source)
        if header is None:  # not even the UTF-8 copy has a header line
            return None, [Problem(shown, "no header line")]
    else:
        try:
            schema = pl.read_parquet_schema(path)
        except Exception as exc:  # a damaged or non-Parquet file
            return None, [Problem(shown, f"not a readable Parquet file ({type(exc).__name__})")]
        header = list(schema)
    mapping = _canonical(header)
    missing = [c for c in REQUIRED if c not in mapping.values()]
    if missing:  # each missing column with every name it is known by (the data dictionary lists them too)
        return None, [
            Problem(shown, f"missing column (named any of: {', '.join(ALIASES[c])})", row=1, column=c) for c in missing
        ]
    if path.suffix.lower() != ".csv":
        nested = [column for column in mapping if isinstance(schema[column], NESTED)]
        if nested:
            return None, [
                Problem(shown, f"holds {schema[c]} values: expected text, numbers or dates", row=1, column=c)
                for c in nested
            ]
    return _Input(path, shown, source, mapping), []


def _date(expr: pl.Expr) -> pl.Expr:
    """The day of a timestamp written 2021-06-16 20:15, 2021/6/16, 2021年6月16日 or 2021-06-16T20:15:00Z."""
    day = expr.str.strip_chars().str.replace_all(r"[/年月.]", "-").str.extract(r"^(\d{4}-\d{1,2}-\d{1,2})")
    return day.str.to_date("%Y-%m-%d", strict=False)


# Most exports write every time alike, 2022-05-09 04:36:15: text that starts with exactly four, two and two ASCII
# digits is read by its first ten characters alone, which is what `_date` gives for it (it trims nothing from the
# front, changes no '-' and extracts those ten characters); the anchored pattern costs less than half of `_date`.
# Only the rows it leaves (other forms, and days that do not exist) go through `_date`. The pattern is needed:
# polars' "%Y-%m-%d" alone also reads '2021-06- 6' and '-021-06-16', which `_date` refuses.
_ISO_DAY = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}"


def _prepared(frame: pl.LazyFrame) -> pl.LazyFrame:
    """Parsed columns and one flag per rule a row can break.

    Each field is parsed the cheap way first (a day by its fixed form, an amount and a status as written); the
    full rule runs only on the values that leave null, which are masked to null everywhere else, so it costs little.
    For each field the result equals the full rule's on every value."""
    created, amount, status = pl.col("created_at"), pl.col("amount"), pl.col("status")
    fast = frame.with_columns(
        id=pl.col("id").str.strip_chars(),
        platform=pl.col("platform").str.strip_chars(),
        category=pl.col("category").str.strip_chars(),
        iso_day=pl.when(created.str.contains(_ISO_DAY))
        .then(created.str.slice(0, 10))
        .str.to_date("%Y-%m-%d", strict=False),
        # polars' number parser takes no spaces and no commas: an amount it reads is one the rule reads alike
        plain_amount=amount.cast(pl.Float64, strict=False),
        # a status written as listed (lower case, no spaces) needs no trimming or lower-casing. (is_in, not
        # replace_strict: that one made polars hold every row in memory)
        status_as_listed=pl.when(status.is_in(RESOLVED)).then(True).when(status.is_in(OPEN)).then(False),
    )
    other_status = pl.when(pl.col("status_as_listed").is_null()).then(status).str.strip_chars().str.to_lowercase()
    amount_text = pl.when(pl.col("plain_amount").is_null()).then(amount).str.strip_chars().str.replace_all(",", "")
    parsed = fast.with_columns(
        day=pl.coalesce("iso_day", _date(pl.when(pl.col("iso_day").is_null()).then(created))),
        amount_rmb=pl.coalesce("plain_amount", amount_text.cast(pl.Float64, strict=False)),
        resolved=pl.coalesce(
            "status_as_listed",
            pl.when(other_status.is_in(RESOLVED)).then(True).when(other_status.is_in(OPEN)).then(False),
        ),
        other_status_blank=other_status == "",
        amount_text_blank=amount_text == "",
    )
    return (
        parsed.with_columns(
            # Each flag is true or false, never null: a null would silently drop a row from both counts and totals.
            bad_id=pl.col("id").is_null() | (pl.col("id") == ""),
            bad_created_at=pl.col("day").is_null(),
            bad_platform=pl.col("platform").is_null() | (pl.col("platform") == ""),
            bad_category=pl.col("category").is_null() | (pl.col("category") == ""),
            # a status as listed is known, so only the others can be blank or unknown
            bad_status=pl.col("resolved").is_null() & ~pl.col("other_status_blank"),
            # "nan" and "inf" parse as floats but are no amount of money: they would turn a group's total into NaN
            bad_amount=(pl.col("amount_rmb").is_null() & ~pl.col("amount_text_blank"))
            | (pl.col("amount_rmb") < 0)
            | pl.col("amount_rmb").is_nan()
            | pl.col("amount_rmb").is_infinite(),
        )
        .with_columns(pl.col(rule).fill_null(False) for rule in RULES)
        .drop("iso_day", "plain_amount", "status_as_listed", "other_status_blank", "amount_text_blank")
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
        for a, s in zip(aggregates, sign, strict=True)
    ]
    summed = pl.concat(signed).group_by(KEYS).agg(pl.col(counts).sum(), pl.col("amounts_count").sum())
    return _finish(summed.with_columns(amount_rmb=pl.when(pl.col("amounts_count") > 0).then(pl.col("amount_rmb"))))


def ingest(patterns: list[str], out: Path, *, skip_invalid: bool = False) -> IngestReport:
    """Read, check, de-duplicate and aggregate complaint records into `out` (Parquet), written whole or not at all.

    One streaming pass reads every row: it groups them all (valid or not) by month × platform × category, counts
    what each rule rejects, and keeps the 64-bit hash of each valid row's id (8 bytes a row, where holding the ids
    themselves takes gigabytes). Sorted, the hashes show which repeat. Only then, and only if some do, are the rows
    with those hashes read again and compared by their real id, so a hash collision cannot drop a complaint. Of
    repeated ids the first valid row read is kept (files in the order given, rows in file order).
    """
    files = expand_inputs(patterns)
    report = IngestReport(inputs=[shown_path(f) for f in files])
    out = Path(out)
    if out.is_dir():
        raise UsageError(f"--out {out}: is a folder; name the aggregate file to write (.parquet)")
    if out.resolve() in [f.resolve() for f in files]:
        raise UsageError(f"--out {out}: is one of the inputs; the records would be replaced by their aggregate")
    out.parent.mkdir(parents=True, exist_ok=True)
    with _Scratch(out) as scratch, _parquet_prefetch(2):
        inputs = _inputs(files, scratch)
        inputs, grouped, hashes = _counted(inputs, scratch)
        counts = _checked(report, grouped, inputs, files, skip_invalid)
        table = grouped.filter(~pl.col("invalid"))
        repeated = _repeated(hashes)
        # the later rows of each repeated id are taken away from the groups that counted them
        table = combine([table, _later_rows(inputs, repeated)], sign=[1, -1]) if repeated.len() else _finish(table)
        report.records_kept = int(table["complaints_count"].sum())
        report.duplicate_ids = report.rows_read - counts["invalid"] - report.records_kept
        report.groups = table.height
        store.write_aggregate(table, out, report.meta())
    return report


def _inputs(files: list[Path], scratch: _Scratch) -> list[_Input]:
    """Every input file, read as far as its header; all their problems together, if any."""
    inputs, problems = [], []
    for path in files:
        scanned, found = _scan(path, scratch)
        problems += found
        if scanned:
            inputs.append(scanned)
    if problems:
        raise InvalidInput(problems)
    return inputs


def _records(inputs: list[_Input]) -> pl.LazyFrame:
    """Every row of every input, parsed and flagged, with the number of its file."""
    frames = [i.frame().with_columns(file_index=pl.lit(n)) for n, i in enumerate(inputs)]
    return _prepared(pl.concat(frames)).with_columns(invalid=_ANY_BAD)


def _first_pass(inputs: list[_Input]) -> tuple[pl.DataFrame, list[pl.Series]]:
    """One read of every row: the groups with their totals and rule counts, and the id hashes of the valid rows.

    The hashes leave the streaming query on the side, a batch at a time as polars computes them (the query itself
    only counts them), so they take 8 bytes a row: a second output of the same query (collect_all) made polars hold
    about 50 bytes a row more while the two outputs drained. Their count and a checksum (the sum of each hash's low
    16 bits) show every hash was handed out once; if not, the hashes are read again the plain way."""
    batches: list[pl.Series] = []

    def keep(hashes: pl.Series) -> pl.Series:
        batches.append(hashes.drop_nulls())
        return hashes

    hashed = pl.when(~pl.col("invalid")).then(pl.col("id").hash())
    grouped = (
        _records(inputs)
        .with_columns(id_hash=hashed.map_batches(keep, return_dtype=pl.UInt64, is_elementwise=True))
        .group_by("invalid", _MONTH, "platform", "category")
        .agg(
            *_totals(),
            pl.col("id").str.starts_with(store.SYNTHETIC_PREFIX).any().alias("synthetic"),
            *[pl.col(r).sum() for r in RULES],
            pl.col("id_hash").count().alias("hashed"),
            (pl.col("id_hash") & 0xFFFF).sum().alias("hashed_checksum"),
        )
        .collect(engine="streaming")
    )
    handed_out = (sum(b.len() for b in batches), sum(int((b & 0xFFFF).sum()) for b in batches))
    if handed_out != (grouped["hashed"].sum(), grouped["hashed_checksum"].sum()):
        hashes = _records(inputs).filter(~pl.col("invalid")).select(pl.col("id").hash()).collect(engine="streaming")
        batches = [hashes.to_series()]
    return grouped, batches


def _counted(inputs: list[_Input], scratch: _Scratch) -> tuple[list[_Input], pl.DataFrame, list[pl.Series]]:
    """The first pass, and the inputs it read. polars' reader checks as it reads that a CSV file is UTF-8 throughout
    (not only the columns read): a file that is not is found when it fails, and read again from a UTF-8 copy if it is
    GBK (a GBK export may begin with pages of plain ASCII)."""
    try:
        return inputs, *_first_pass(inputs)
    except pl.exceptions.PolarsError:
        pass
    again = [
        _scan(i.path, scratch, not_utf8=True) if i.is_csv and i.source == i.path and not _is_utf8(i.path) else (i, [])
        for i in inputs
    ]
    problems = [p for _, found in again for p in found]
    if problems:  # the header read as GBK is not the header read as UTF-8
        raise InvalidInput(problems)
    if all(i is same for i, (same, _) in zip(inputs, again, strict=True)):
        raise InvalidInput(_unreadable(inputs))
    inputs = [i for i, _ in again if i is not None]  # None only with problems, raised above
    try:
        return inputs, *_first_pass(inputs)
    except pl.exceptions.PolarsError:
        raise InvalidInput(_unreadable(inputs)) from None


def _checked(
    report: IngestReport, grouped: pl.DataFrame, inputs: list[_Input], files: list[Path], skip_invalid: bool
) -> dict:
    """What the first pass counted, in the report; refused if there is nothing to count or (unless skipped) a row
    breaks a rule."""
    counts = {rule: int(grouped[rule].sum()) for rule in RULES}
    counts["rows"] = int(grouped["complaints_count"].sum())
    counts["invalid"] = int(grouped.filter("invalid")["complaints_count"].sum())
    report.rows_read, report.invalid_rows = counts["rows"], counts["invalid"]
    report.synthetic = bool(grouped["synthetic"].any()) or any(store.is_synthetic_file(f) for f in files)
    everything = ", ".join(report.inputs)
    if report.rows_read == 0:
        raise InvalidInput([Problem(everything, "has a header but no data rows")])
    if report.invalid_rows and not skip_invalid:
        raise InvalidInput(_examples(_records(inputs), counts, [i.shown for i in inputs], [i.source for i in inputs]))
    if report.invalid_rows == report.rows_read:
        raise InvalidInput(
            [Problem(everything, f"all {report.rows_read:,} rows are invalid: no complaint is left to count")]
        )
    return counts


def _repeated(batches: list[pl.Series]) -> pl.Series:
    """The hashes found more than once. Sorted (polars sorts in parallel), equal hashes sit side by side: this needs a
    sorted copy of the hashes and a flag a row; grouping them in a hash table took seven times as long and 0.7 GB
    more at ten million rows."""
    ordered = pl.concat(batches, rechunk=False).sort().to_numpy()
    batches.clear()
    return pl.Series("id", ordered[1:][ordered[1:] == ordered[:-1]]).unique()


def _later_rows(inputs: list[_Input], repeated: pl.Series) -> pl.DataFrame:
    """The totals of the valid rows that repeat an earlier valid row's id, by group: the inputs read again, only the
    rows whose id hash repeats parsed and checked, and compared by their real id.

    Those rows are held in memory, as few bytes as they can be (platform and category as categories), in the order
    read: the streaming engine keeps it, and a row's place (file, then row, as one number) shows it, so each id's
    first row is the first of it met, without a sort or a table of every row by id."""
    candidates = pl.concat(
        i.frame()
        .with_columns(file_index=pl.lit(n))
        .filter(pl.col("id").str.strip_chars().hash().is_in(repeated.implode()))
        for n, i in enumerate(inputs)
    )
    place = pl.col("file_index").cast(pl.Int64) * (1 << 40) + pl.col("row")
    valid = (
        _prepared(candidates)
        .filter(~_ANY_BAD)
        .select(
            "id",
            _MONTH,
            pl.col("platform", "category").cast(pl.Categorical),
            "resolved",
            "amount_rmb",
            place.alias("place"),
        )
        .collect(engine="streaming")
    )
    if not valid["place"].is_sorted():  # kept in order today; were it not, the first row met would be another
        valid = valid.sort("place")
    later = valid.lazy().filter(~pl.col("id").is_first_distinct())
    return (
        later.group_by(KEYS)
        .agg(_totals())
        .with_columns(pl.col("platform", "category").cast(pl.String))
        .collect(engine="streaming")
    )


def _unreadable(inputs: list[_Input]) -> list[Problem]:
    """Which input polars could not read, found by reading each alone (only after a failure), and why."""
    problems = []
    for i in inputs:
        try:
            if i.is_csv:
                pl.scan_csv(i.source, infer_schema=False).select(pl.len()).collect()
            else:
                pl.scan_parquet(i.source).collect(engine="streaming")
        except Exception as exc:
            kind = "CSV" if i.is_csv else "Parquet (the file is damaged)"
            problems.append(Problem(i.shown, f"not readable as {kind}: {str(exc).splitlines()[0][:200]}"))
    return problems or [Problem(", ".join(i.shown for i in inputs), "the records could not be read")]


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
    for rule, sample in zip(broken, samples, strict=True):
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
            f"{counts['invalid']:,} of {counts['rows']:,} rows are invalid; "
            "fix them, or pass --skip-invalid to leave them out",
        )
    )
    return problems
