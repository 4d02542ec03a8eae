"""`make bench`: complaint-record ingest against pandas, DuckDB and a bare polars floor, and the build's own speed.

Writes bench/results.json and bench/results.md. Not part of `make test`: it takes about half an hour (the 30M-row
file is made once, about 3.2 GB).
Build timings run in a temporary copy of the project, so the build/ folder here is left as it was.
Inputs are made once into bench/.data/ (ignored by git): synthetic records with `trustreport synth-complaints`, and
ordinary exports (integer ids, 0.5% repeated ids, Chinese values) with bench/export.py.
pandas and DuckDB apply our rules and must give exactly our aggregate (bench/check_peers.py checks the same on small
clean, dirty and export inputs); the polars floor applies none and is the limit on this machine, not an equal.
The engines run in rounds, each engine once a round, so a busy machine slows them alike; ratios are the medians of
each round's ratio.

    BENCH_RUNS=3      rounds of each input (times are medians)
    BENCH_INGEST=0    reuse the ingest timings in bench/results.json (rerun only what else is asked)
    BENCH_LARGE=0     reuse the 30M-row timings in bench/results.json
    BENCH_BUILD=0     reuse the build timings in bench/results.json (results.md says from when)
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / ".data"
PY = sys.executable
# What each input is, by the name the results use:
# - "csv", "parquet": synthetic records (`synth-complaints --seed 1`): SYN- text ids, no repeats;
# - "csv-repeats": that CSV with its first 30% of rows appended again (a re-export overlapping the first): 1.3× the
#   rows, 23% of them repeated ids, the case where finding the first row of each id does real work;
# - "export-csv", "export-parquet": an ordinary scraped export (bench/export.py): integer ids, times written
#   2022-05-09 04:36:15, Chinese values, 0.5% of rows repeating an earlier row's id, spread through the file.
CASES = [
    (1_000_000, "csv"),
    (1_000_000, "parquet"),
    (1_000_000, "csv-repeats"),
    (10_000_000, "csv"),
    (10_000_000, "parquet"),
    (10_000_000, "csv-repeats"),
    (2_000_000, "export-csv"),
    (2_000_000, "export-parquet"),
    (10_000_000, "export-csv"),
    (10_000_000, "export-parquet"),
]
REPEATED_SHARE = 0.3
ENGINES = ["ours", "pandas", "duckdb", "polars-floor"]
FLOOR = "polars-floor"  # no rules: its aggregate is not expected to equal ours
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
KEYS = ["month", "platform", "category"]
COUNTS = ["complaints_count", "status_known_count", "resolved_count"]


def load_average() -> float:
    """The machine's one-minute load average: other work running beside the bench (2 would fill two cores)."""
    return float(Path("/proc/loadavg").read_text().split()[0])


def machine() -> dict:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    mem_kb = next(
        int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")
    )
    from importlib import metadata

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(mem_kb / 1024 / 1024, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        **{name: metadata.version(name) for name in ("polars", "pandas", "duckdb", "pyarrow")},
    }


def inputs(rows: int, fmt: str) -> Path:
    if fmt == "csv-repeats":
        return with_repeats(inputs(rows, "csv"), int(rows * REPEATED_SHARE))
    if fmt.startswith("export-"):
        path = DATA / f"export-{rows // 1_000_000}m.{fmt.removeprefix('export-')}"
        if not path.is_file():
            subprocess.run([PY, str(ROOT / "bench" / "export.py"), str(rows), str(path)], check=True)
        return path
    path = DATA / f"records-{rows // 1_000_000}m.{fmt}"
    if not path.is_file():
        DATA.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [PY, "-m", "trustreport", "synth-complaints", "--rows", str(rows), "--seed", "1", "--out", str(path)],
            check=True,
        )
    return path


def with_repeats(csv_file: Path, repeated: int) -> Path:
    """The CSV, then its first `repeated` data rows again, streamed (the synthetic rows hold no line breaks)."""
    path = csv_file.with_name(csv_file.stem + "-repeats.csv")
    if not path.is_file():
        with csv_file.open("rb") as src, path.open("wb") as dst:
            shutil.copyfileobj(src, dst)
        with csv_file.open("rb") as src, path.open("ab") as dst:
            src.readline()  # the header
            for _ in range(repeated):
                dst.write(src.readline())
    return path


def run_engine(engine: str, src: Path, out: Path) -> dict:
    result = subprocess.run(
        [PY, str(ROOT / "bench" / "engines.py"), engine, str(src), str(out)], capture_output=True, text=True, cwd=ROOT
    )
    if result.returncode != 0:
        raise SystemExit(f"{engine} failed on {src.name}:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def normalised(path: Path) -> pl.DataFrame:
    frame = pl.read_parquet(path)
    return frame.select(
        pl.col("month").cast(pl.Date),
        pl.col("platform"),
        pl.col("category"),
        *[pl.col(c).cast(pl.Int64) for c in COUNTS],
        pl.col("amount_rmb").round(2),
    ).sort(KEYS)


def ingest_bench() -> list[dict]:
    """Each input through every engine, RUNS rounds of one run each (interleaved, so a busy machine weighs on all
    engines alike), checking each peer's aggregate against ours."""
    results = []
    for rows, fmt in CASES:
        src = inputs(rows, fmt)
        runs = {engine: [] for engine in ENGINES}
        for _ in range(RUNS):
            for engine in ENGINES:
                runs[engine].append(run_engine(engine, src, DATA / f"out-{engine}-{rows}-{fmt}.parquet"))
        reference = normalised(DATA / f"out-ours-{rows}-{fmt}.parquet")
        for engine in ENGINES:
            same = normalised(DATA / f"out-{engine}-{rows}-{fmt}.parquet").equals(reference)
            results.append(
                {
                    "rows": rows,
                    "format": fmt,
                    "engine": engine,
                    "seconds": statistics.median(r["seconds"] for r in runs[engine]),
                    "peak_rss_mb": max(r["peak_rss_mb"] for r in runs[engine]),
                    "runs": runs[engine],
                    "cpu_seconds": statistics.median(r["cpu_seconds"] for r in runs[engine]),
                    # ours' time over this engine's, round by round: the machine's load weighs on both alike
                    "ours_ratio": statistics.median(
                        o["seconds"] / r["seconds"] for o, r in zip(runs["ours"], runs[engine], strict=True)
                    ),
                    "ours_cpu_ratio": statistics.median(
                        o["cpu_seconds"] / r["cpu_seconds"] for o, r in zip(runs["ours"], runs[engine], strict=True)
                    ),
                    "same_aggregate_as_ours": same,
                    "input_mb": round(src.stat().st_size / 1e6),
                }
            )
            r = results[-1]
            print(
                f"{engine:12} {rows:>11,} {fmt:14} {r['seconds']:7.2f} s {r['peak_rss_mb']:7.0f} MB  same={same}"
                + (" (not required: no rules)" if engine == FLOOR else ""),
                flush=True,
            )
            if not same and engine != FLOOR:
                raise SystemExit(f"{engine} gave a different aggregate from ours on {src.name}")
    return results


def make(where: Path, *args: str, jobs: int | None = None, engine: str | None = None) -> tuple[float, str]:
    start = time.perf_counter()
    env = {
        **os.environ,
        "TRUSTREPORT_ROOT": str(where),
        **({"JOBS": str(jobs)} if jobs else {}),
        **({"REPORT_ENGINE": engine} if engine else {}),
    }
    result = subprocess.run(["make", *args], cwd=where, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise SystemExit(f"make {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return time.perf_counter() - start, result.stdout


def build_bench() -> dict:
    """Builds timed in a copy of the project (sharing .venv), so the user's build/ is left alone. Every chart is
    drawn in every run, none read from the drawings a machine keeps (charts/bundle.py): a clean build is timed as on
    a machine that never drew them, and as every run before the drawings were kept."""
    import shutil
    import tempfile

    os.environ["TRUSTREPORT_CACHE"] = "off"

    with tempfile.TemporaryDirectory(prefix="trustreport-bench-") as tmp:
        copy = Path(tmp) / "project"
        # copy2 keeps modification times, so make sees the same up-to-date .venv as the original.
        shutil.copytree(
            ROOT,
            copy,
            ignore=shutil.ignore_patterns(".git", ".venv", "build", "site", ".data"),
            copy_function=shutil.copy2,
        )
        (copy / ".venv").symlink_to(ROOT / ".venv")
        return _time_builds(copy)


def default_edition(where: Path) -> str:
    import yaml

    return str(yaml.safe_load((where / "trustreport.yml").read_text(encoding="utf-8"))["default_edition"])


def render_seconds(where: Path, engine: str) -> float:
    """Median time of assembling the default edition's site and PDF with one engine (chapters already run)."""
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(
            [
                PY,
                "-m",
                "trustreport",
                "assemble",
                default_edition(where),
                "--engine",
                engine,
                "--out",
                str(where / "build" / f"render-{engine}"),
            ],
            cwd=where,
            check=True,
            capture_output=True,
            env={**os.environ, "TRUSTREPORT_ROOT": str(where)},
        )
        times.append(time.perf_counter() - start)
    return statistics.median(times)


# `make report` builds every language (English and 中文); the build targets are about one: the default edition in
# English, as a reader opens it. Both languages are measured once beside it.
ONE_LANGUAGE = "LANGUAGES=en"


def _time_builds(where: Path) -> dict:
    edition = default_edition(where)
    engines = [e for e in ("embedded", "quarto") if e == "embedded" or shutil.which("quarto")]
    clean, both_languages = {}, {}
    for engine in engines:
        times, both_times = [], []
        for _ in range(RUNS):  # one language and both in turn, so the machine's load weighs on both alike
            subprocess.run(["make", "clean"], cwd=where, check=True, capture_output=True)
            times.append(make(where, "report", ONE_LANGUAGE, engine=engine)[0])
            subprocess.run(["make", "clean"], cwd=where, check=True, capture_output=True)
            both_times.append(make(where, "report", engine=engine)[0])
        clean[engine], both_languages[engine] = statistics.median(times), statistics.median(both_times)
    subprocess.run(["make", "clean"], cwd=where, check=True, capture_output=True)
    clean_j1, _ = make(where, "report", ONE_LANGUAGE, jobs=1, engine=engines[-1])
    make(where, "report", engine=engines[-1])  # the other languages, so that nothing is left to do in any
    nothing, nothing_both = [], []
    for _ in range(5):
        seconds, out_nothing = make(where, "report", ONE_LANGUAGE, engine=engines[-1])
        nothing.append(seconds)
        seconds, out_nothing_both = make(where, "report", engine=engines[-1])
        nothing_both.append(seconds)
    (where / "data" / "raw" / "gala.csv").touch()
    touched, out_touched = make(where, "report", ONE_LANGUAGE, engine=engines[-1])
    rerun = [line.split()[2] for line in out_touched.splitlines() if line.startswith("Running chapter")]
    one_chapter = []
    for _ in range(RUNS):  # one chapter's papermill run, in a kernel of its own: the unit issue 15 measures builds in
        start = time.perf_counter()
        subprocess.run(
            [PY, "-m", "trustreport", "run-chapter", edition, "20_gala"],
            cwd=where,
            check=True,
            capture_output=True,
            env={**os.environ, "TRUSTREPORT_ROOT": str(where)},
        )
        one_chapter.append(time.perf_counter() - start)
    # The same chapter run by plain papermill, the way issue 26 timed its unit (7.0 s on its machine): a kernel of
    # its own started by papermill, which saves the notebook after every cell. The two-language targets are judged
    # against it too, beside `run-chapter`, the faster run and so the stricter unit.
    plain_papermill = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(
            [
                str(Path(PY).parent / "papermill"),
                "notebooks/20_gala.ipynb",
                str(where / "build" / "papermill-20_gala.ipynb"),
                "-p",
                "edition",
                edition,
                "--no-progress-bar",
            ],
            cwd=where,
            check=True,
            capture_output=True,
            env={**os.environ, "TRUSTREPORT_ROOT": str(where)},
        )
        plain_papermill.append(time.perf_counter() - start)
    renders = {engine: render_seconds(where, engine) for engine in engines}
    return {
        "render_s": renders,
        "engine": engines[-1],
        "clean_build_s": clean,
        "clean_build_j1_s": clean_j1,
        "clean_build_both_languages_s": both_languages,
        "one_chapter_s": statistics.median(one_chapter),
        "one_chapter_plain_papermill_s": statistics.median(plain_papermill),
        "nothing_changed_s": statistics.median(nothing),
        "nothing_changed_both_languages_s": statistics.median(nothing_both),
        "nothing_changed_says_so": "Nothing changed" in out_nothing and "Nothing changed" in out_nothing_both,
        "touch_gala_csv_s": touched,
        "chapters_rerun_after_touching_gala_csv": rerun,
    }


LARGE_ROWS = 30_000_000  # the memory target's second size: a ~3.2 GB CSV, ours and DuckDB once each


def large_bench() -> list[dict]:
    src = inputs(LARGE_ROWS, "csv")
    results = []
    for engine in ("ours", "duckdb"):
        out = DATA / f"out-{engine}-{LARGE_ROWS}-csv.parquet"
        run = run_engine(engine, src, out)
        results.append(
            {
                "rows": LARGE_ROWS,
                "format": "csv",
                "engine": engine,
                "seconds": run["seconds"],
                "peak_rss_mb": run["peak_rss_mb"],
                "input_mb": round(src.stat().st_size / 1e6),
                "same_aggregate_as_ours": normalised(out).equals(
                    normalised(DATA / f"out-ours-{LARGE_ROWS}-csv.parquet")
                ),
            }
        )
        print(
            f"{engine:12} {LARGE_ROWS:>11,} csv      {run['seconds']:7.2f} s {run['peak_rss_mb']:7.0f} MB", flush=True
        )
    if not results[1]["same_aggregate_as_ours"]:
        raise SystemExit(f"duckdb gave a different aggregate from ours on {src.name}")
    return results


WHY = {
    # Filled in from what a run shows; a miss without an entry says "not yet explained".
    "quarto engine) at most 3×": (
        "Quarto's own render of the site and the PDF (run at once) takes longer than a chapter's whole run: see the "
        "assembly time below; the chapters' part of the build is under 1.5× one chapter's run."
    ),
    "reruns only": "a chapter's metadata (`trustreport.reads`) lists fewer tables than it reads.",
    "both languages (embedded engine)": (
        "each of its two kernels pays what one chapter's run pays (a kernel's start, its first imports, vl-convert's "
        "start), make and the plans about 0.7 s on one core before the first kernel starts, each language's assembly "
        "about 2 s (the two at once, one per core), and the second language's words and charts, built and drawn in "
        "the chapter's one run for both (its computation is done once). What made the build faster made one "
        "chapter's run faster too (2026-12-06: the build 10.0 -> 8.7 s, the run 3.2 -> 2.6 s); see "
        "docs/performance.md."
    ),
    "polars floor's time (1,000,000 rows, csv-repeats)": (
        "almost half its rows carry an id that repeats (600,000 of 1.3 million: the 300,000 appended and the rows "
        "they repeat), and those rows are read and checked a second time, compared by their real id so that no hash "
        "collision can "
        "drop a complaint: 0.40 s of 0.90 s, timed in-process on a quiet machine, against 0.46 s for the first pass "
        "over every row. The floor holds every row in memory instead; at ten million rows that costs it more than our "
        "second read does."
    ),
    "both languages (quarto engine)": (
        "Quarto renders two sites and two PDFs (about a second a page, with or without charts), more than four "
        "chapter runs by itself: see the assembly time below."
    ),
}


def pick(results, engine, rows, fmt):
    return next(r for r in results if r["engine"] == engine and r["rows"] == rows and r["format"] == fmt)


# A one-minute load average at the end of the ingest above this says other work shared the machine (the bench's own
# runs keep one to two of its cores busy).
SHARED_LOAD = 2.5


def _introduction(info: dict) -> list[str]:
    machine = info["machine"]
    load = info.get("load_average", {})
    return [
        "# Benchmarks",
        "",
        f"Run {info['when']} (the ingest {info.get('ingest_when', info['when'])}) on {machine['cpu']}, "
        f"{machine['cores']} cores, {machine['memory_gb']} GB; "
        f"Python {machine['python']}, polars {machine['polars']}, pandas {machine['pandas']}, "
        f"DuckDB {machine['duckdb']}. Median of {RUNS} runs, run in rounds (each engine once a round, so the machine's "
        "load weighs on all alike); a ratio is the median of the rounds' ratios. Peak memory is the process's maximum "
        "RSS."
        + (
            f" The machine was shared while the ingest ran: one-minute load average {load['start']:.1f} at the start "
            f"and {load['end']:.1f} at the end (2.0 fills both cores), so times are longer than on an idle machine and "
            "the ratios are the figures to read."
            if load and load["end"] > SHARED_LOAD
            else f" Nothing else ran beside the ingest: one-minute load average {load['start']:.1f} at the start and "
            f"{load['end']:.1f} at the end (the bench's own runs keep one to two cores busy)."
            if load
            else ""
        ),
        "",
        "Inputs: synthetic records (`trustreport synth-complaints --seed 1`, `SYN-` text ids, no repeats) as `csv` and "
        "`parquet`; `csv-repeats`, that CSV with its first 30% of rows appended again (a re-export overlapping the "
        "first): 1.3× the rows named, 23% of them repeats; and an ordinary scraped export (`bench/export.py`: "
        "integer ids, times written 2022-05-09 04:36:15, Chinese platform, category and status values, titles like "
        "投诉#228338, 0.5% of rows repeating an earlier row's id, spread through the file) as `export-csv` and "
        "`export-parquet` (the types polars gives that CSV: integer id, float amount).",
        "",
        "pandas and DuckDB, each written as someone who knows it would write it (`bench/engines.py`), apply our "
        "rules: drop invalid rows, keep the first row of each id, count by month × platform × category; their "
        "aggregates are checked equal to ours (here, and on clean, dirty and export inputs by "
        "`bench/check_peers.py`). The polars floor is the bare job in polars with no rules (read, one row per id, "
        "group, count and sum): the limit on this machine, not an equal, so its aggregate is not compared.",
    ]


def _ingest_tables(results: list[dict], large: list[dict], large_when: str = "") -> list[str]:
    lines = [
        "",
        "## Complaint-record ingest",
        "",
        "| rows | input | engine | time (s) | peak memory (MB) | aggregate |",
        "|---:|---|---|---:|---:|---|",
    ]
    for r in results + large:
        verdict = {"ours": "", FLOOR: "not compared (no rules)"}.get(
            r["engine"], "equal to ours" if r["same_aggregate_as_ours"] else "**differs**"
        )
        verdict += (f" (one run, {large_when})" if large_when else " (one run)") if r in large else ""
        lines.append(
            f"| {r['rows']:,} | {r['format']} ({r['input_mb']} MB) | {r['engine']} | {r['seconds']:.2f} "
            f"| {r['peak_rss_mb']:.0f} | {verdict} |"
        )
    lines += [
        "",
        "Our time as a multiple of each peer's (below 1: ours is faster), the median of the rounds' ratios; beside "
        "it, the same for the CPU time of all threads (user and system), which other work on the machine moves less:",
        "",
        "| rows | input | ours ÷ DuckDB | ours ÷ polars floor | ours ÷ pandas | CPU: ours ÷ DuckDB "
        "| CPU: ours ÷ floor |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    for rows, fmt in CASES:
        d, f, p = (pick(results, e, rows, fmt) for e in ("duckdb", FLOOR, "pandas"))
        lines.append(
            f"| {rows:,} | {fmt} | {d['ours_ratio']:.2f}× | {f['ours_ratio']:.2f}× | {p['ours_ratio']:.2f}× "
            f"| {d['ours_cpu_ratio']:.2f}× | {f['ours_cpu_ratio']:.2f}× |"
        )
    return lines


def _ingest_checks(results: list[dict], large: list[dict]) -> list[tuple[str, str, bool]]:
    """Issue 26's targets for the ingest (time against DuckDB and the polars floor on every input, memory at 10M
    and 30M rows) and issue 15's on how time and memory grow with the rows."""
    checks = []
    for rows, fmt in CASES:
        d, f = (pick(results, e, rows, fmt)["ours_ratio"] for e in ("duckdb", FLOOR))
        checks.append((f"at most 1.0× DuckDB's time ({rows:,} rows, {fmt})", f"{d:.2f}×", d <= 1.0))
        checks.append((f"at most 1.2× the polars floor's time ({rows:,} rows, {fmt})", f"{f:.2f}×", f <= 1.2))
    for fmt in dict.fromkeys(fmt for _, fmt in CASES):
        small, big = sorted(
            (r for r in results if r["engine"] == "ours" and r["format"] == fmt), key=lambda r: r["rows"]
        )
        grown = big["rows"] / small["rows"]
        if big["rows"] == 10_000_000:
            checks.append(
                (
                    f"peak memory at 10M rows at most 1 GB ({fmt})",
                    f"{big['peak_rss_mb']:.0f} MB",
                    big["peak_rss_mb"] <= 1024,
                )
            )
        checks.append(
            (
                f"memory grows less than the rows, {small['rows'] // 1_000_000}M → {big['rows'] // 1_000_000}M ({fmt})",
                f"{big['peak_rss_mb'] / small['peak_rss_mb']:.1f}× for {grown:.0f}× rows",
                big["peak_rss_mb"] / small["peak_rss_mb"] < grown,
            )
        )
        checks.append(
            (
                f"time linear: {big['rows'] // 1_000_000}M at most {1.1 * grown:.1f}× "
                f"{small['rows'] // 1_000_000}M ({fmt})",
                f"{big['seconds'] / small['seconds']:.1f}×",
                big["seconds"] / small["seconds"] <= 1.1 * grown,
            )
        )
    for r in large:
        if r["engine"] == "ours":
            checks.append(
                (
                    f"peak memory at {r['rows'] // 1_000_000}M rows at most 1.5 GB (csv, {r['input_mb']:,} MB)",
                    f"{r['peak_rss_mb']:.0f} MB",
                    r["peak_rss_mb"] <= 1536,
                )
            )
    return checks


# A clean build in both languages against one chapter's run (issue 26): the embedded engine's render is quick, Quarto's
# is not, hence a bound for each.
BOTH_LANGUAGES_BOUND = {"embedded": 3, "quarto": 4}


def _both_languages(build: dict) -> dict[str, float]:
    """The clean builds in both languages, by engine (an older results.json has one, of the last engine)."""
    both = build.get("clean_build_both_languages_s", {})
    return both if isinstance(both, dict) else {build["engine"]: both}


def _build_checks(build: dict) -> list[tuple[str, str, bool]]:
    checks = []
    one = build["one_chapter_s"]
    for engine, seconds in build["clean_build_s"].items():
        checks.append(
            (
                f"clean build ({engine} engine) at most 3× one chapter's run",
                f"{seconds:.1f} s = {seconds / one:.1f}× {one:.1f} s",
                seconds / one <= 3,
            )
        )
    # the two-language builds against each unit: `run-chapter` (the stricter), then a plain papermill run of the same
    # chapter, the unit as issue 26 timed it (when the run measured it)
    units = [("one chapter's run", one)]
    if build.get("one_chapter_plain_papermill_s"):
        units.append(("one chapter's plain papermill run (issue 26's unit)", build["one_chapter_plain_papermill_s"]))
    for unit_name, unit in units:
        for engine, seconds in _both_languages(build).items():
            bound = BOTH_LANGUAGES_BOUND.get(engine, 3)
            checks.append(
                (
                    f"clean build in both languages ({engine} engine) at most {bound}× {unit_name}",
                    f"{seconds:.1f} s = {seconds / unit:.1f}× {unit:.1f} s",
                    seconds / unit <= bound,
                )
            )
    for name, key in (("", "nothing_changed_s"), (" (both languages)", "nothing_changed_both_languages_s")):
        if key in build:
            checks.append((f"rebuild with nothing changed{name} under 0.1 s", f"{build[key]:.3f} s", build[key] < 0.1))
    checks.append(
        (
            "touching one data file reruns only the chapters that read it",
            f"gala.csv → {', '.join(build['chapters_rerun_after_touching_gala_csv'])}",
            set(build["chapters_rerun_after_touching_gala_csv"]) == {"00_summary", "20_gala", "40_trust_tactics"},
        )
    )
    return checks


def _build_rows(build: dict) -> list[tuple[str, float, bool]]:
    """The builds timed, each with its time in seconds and whether it is set against one chapter's run."""
    engine, rerun = build["engine"], build["chapters_rerun_after_touching_gala_csv"]
    return [
        (
            "one chapter's papermill run in a kernel of its own (`trustreport run-chapter <edition> 20_gala`)",
            build["one_chapter_s"],
            True,
        ),
        *(
            [
                (
                    "the same chapter run by plain papermill (`papermill notebooks/20_gala.ipynb …`)",
                    build["one_chapter_plain_papermill_s"],
                    True,
                )
            ]
            if "one_chapter_plain_papermill_s" in build
            else []
        ),
        *[
            (
                f"clean build of the default edition, {name} engine in English (`make report LANGUAGES=en`, "
                "2 kernels on 2 cores)",
                seconds,
                True,
            )
            for name, seconds in build["clean_build_s"].items()
        ],
        *[
            (
                f"clean build in both languages, English and 中文, {name} engine (`make report`: each chapter run "
                "once for both, its words made in each)",
                seconds,
                True,
            )
            for name, seconds in _both_languages(build).items()
        ],
        (
            f"clean build, one kernel (`JOBS=1 make report LANGUAGES=en`, {engine} engine)",
            build["clean_build_j1_s"],
            True,
        ),
        ("nothing changed (`make report LANGUAGES=en`)", build["nothing_changed_s"], False),
        *(
            [("nothing changed (`make report`, both languages)", build["nothing_changed_both_languages_s"], False)]
            if "nothing_changed_both_languages_s" in build
            else []
        ),
        (
            f"after touching `data/raw/gala.csv` ({len(rerun)} of 5 chapters rerun, {engine} engine)",
            build["touch_gala_csv_s"],
            False,
        ),
        *[
            (f"assembly alone (stage + render site and PDF), {name} engine", seconds, False)
            for name, seconds in build.get("render_s", {}).items()
        ],
    ]


def report(results: list[dict], large: list[dict], build: dict, info: dict) -> str:
    lines = _introduction(info) + _ingest_tables(results, large, info.get("large_when", ""))
    lines += [
        "",
        "## Targets",
        "",
        "Issue 26's targets for the ingest (at most DuckDB's time and 1.2× the polars floor's on every input, peak "
        "memory at 10M and 30M rows), issue 15's on how its time and memory grow, and the build's.",
        "",
        "| target | measured | met |",
        "|---|---|---|",
    ]
    checks = _ingest_checks(results, large) + _build_checks(build)
    for name, measured, met in checks:
        lines.append(f"| {name} | {measured} | {'yes' if met else '**no**'} |")
    missed = [name for name, _, met in checks if not met]
    if missed:
        lines += ["", "### Why the misses", ""]
        for name in missed:
            lines.append(f"- *{name}*: " + next((why for key, why in WHY.items() if key in name), "not yet explained."))
    lines += [
        "",
        "## Builds",
        "",
        "A build runs the chapters make finds out of date in shared kernels (one per core, each chapter in turn, "
        "from an empty namespace, once for every language), then assembles the site and the PDF of "
        "each language. Clean builds are medians of "
        f"{RUNS}; nothing-changed of 5."
        + (f" Measured {build['when']} (this run reused them: BENCH_BUILD=0)." if "when" in build else ""),
        "",
        "| build | time (s) | × one chapter's run |",
        "|---|---:|---:|",
        *[
            f"| {name} | {seconds:.{3 if seconds < 1 else 1}f} | "
            + (f"{seconds / build['one_chapter_s']:.1f}×" if against else "")
            + " |"
            for name, seconds, against in _build_rows(build)
        ],
        "",
        *_against_plain_papermill(build),
    ]
    return "\n".join(lines)


def _against_plain_papermill(build: dict) -> list[str]:
    """The two-language builds set against the unit as issue 26 measured it (a plain papermill run), for reference."""
    plain = build.get("one_chapter_plain_papermill_s")
    if plain is None:
        return []
    both = ", ".join(f"{name} {seconds / plain:.1f}×" for name, seconds in _both_languages(build).items())
    return [
        "The same chapter run by plain papermill (`papermill notebooks/20_gala.ipynb out.ipynb -p edition <edition>`, "
        f"how issue 26 timed its unit: 7.0 s on its machine) took {plain:.1f} s here; against it the clean "
        f"two-language builds are: {both}. The targets above are judged against both units: `run-chapter`, the "
        "faster run and so the stricter unit, and plain papermill, the unit as issue 26 timed it.",
        "",
    ]


def main() -> None:
    """Measure what is asked (BENCH_INGEST, BENCH_LARGE, BENCH_BUILD: 0 reuses bench/results.json's figures)."""
    info = {"when": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), "machine": machine()}
    saved = ROOT / "bench" / "results.json"
    previous = json.loads(saved.read_text(encoding="utf-8")) if saved.is_file() else {}

    def reused(part: str) -> bool:
        return os.environ.get(f"BENCH_{part}", "1") == "0" and bool(previous)

    if all(reused(part) for part in ("INGEST", "LARGE", "BUILD")):
        info["when"] = previous["when"]  # nothing measured: the report is written again, the run is the earlier one

    if reused("INGEST"):
        results, info["load_average"] = previous["ingest"], previous.get("load_average", {})
        info["ingest_when"] = previous.get("ingest_when", previous["when"])
        if {(r["rows"], r["format"], r["engine"]) for r in results} != {(n, f, e) for n, f in CASES for e in ENGINES}:
            raise SystemExit(
                "bench/results.json holds other inputs or engines than this bench: run with BENCH_INGEST=1"
            )
    else:
        start = load_average()
        info["ingest_when"] = info["when"]
        results = ingest_bench()
        info["load_average"] = {"start": start, "end": load_average()}
    if reused("LARGE"):  # an earlier run's, saying when it was taken
        large, info["large_when"] = previous.get("large", []), previous.get("large_when", "")
    else:
        large, info["large_when"] = large_bench(), info["when"]
    if reused("BUILD"):  # an earlier run's build timings, saying when they were taken
        build = (
            {"when": previous["build"].get("when", previous["when"]), **previous["build"]} if previous["build"] else {}
        )
    else:
        build = build_bench()
    saved.write_text(
        json.dumps({**info, "ingest": results, "large": large, "build": build}, indent=1) + "\n", encoding="utf-8"
    )
    if build:
        (ROOT / "bench" / "results.md").write_text(report(results, large, build, info), encoding="utf-8")
    print("wrote bench/results.json" + (" and bench/results.md" if build else ""))


if __name__ == "__main__":
    main()
