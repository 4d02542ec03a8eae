"""Shared fixtures: the project root, the command line as a user runs it, copies of the project, and the builds the
tests read, each made once per test session.

The tests run in one process or, as `make test` runs them, in several (pytest-xdist). A build that several tests
read is made once per session whichever process asks first (`Shared.get`): the others wait for it, and no two ever
build into the same folder at once. A test that changes a build works on its own copy of it (`cp -a`: a copy of a
build is a build, modification times and all), so no test depends on what another left behind.
"""

from __future__ import annotations

import copy
import fcntl
import functools
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_EDITION = str(yaml.safe_load((ROOT / "trustreport.yml").read_text(encoding="utf-8"))["default_edition"])
ZH_EDITION = f"{DEFAULT_EDITION}-zh"
# The report's pages as a reader opens them (chapters, then appendices); a published version adds changes.html.
PAGES = [
    "index.html",
    "10_complaints.html",
    "20_gala.html",
    "30_festival_gmv.html",
    "40_trust_tactics.html",
    "references.html",
    "data-dictionary.html",
]
PUBLISHED_PAGES = [*PAGES, "changes.html"]

# A property holds or it does not: no example fails for taking more than Hypothesis's default 200 ms on a busy machine
# (that made `make check` fail at random with "Unreliable test timings").
settings.register_profile("trustreport", deadline=None)
settings.load_profile("trustreport")


def run(
    args: list[str], *, env: dict | None = None, cwd: Path = ROOT, timeout: int = 600
) -> subprocess.CompletedProcess:
    """Run a command the way a user would and capture what they would see. The package is imported from this
    tree's src/ (the same code as the editable install; under `make mutate`, the mutated copy)."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), **(env or {})}
    return subprocess.run(args, cwd=cwd, env=full_env, capture_output=True, text=True, timeout=timeout)


def cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """`trustreport ...` from the project's environment."""
    return run([sys.executable, "-m", "trustreport", *args], env=env)


# Both engines are checked on the default edition. Without Quarto on PATH the Quarto half is skipped and says so;
# CI sets TRUSTREPORT_REQUIRE_QUARTO=1, where a missing Quarto fails instead.
ENGINES = ["embedded", "quarto"]
REQUIRE_QUARTO = os.environ.get("TRUSTREPORT_REQUIRE_QUARTO") == "1"


def run_chapter_in(project: Path, stem: str, *, find_root: bool = False) -> subprocess.CompletedProcess:
    """`trustreport run-chapter <default edition> <stem>` in a project copy: told where the project is through
    TRUSTREPORT_ROOT, or (`find_root`) left to find it from its working directory, as a user's shell would."""
    env = {k: v for k, v in os.environ.items() if k != "TRUSTREPORT_ROOT"}
    if not find_root:
        env["TRUSTREPORT_ROOT"] = str(project)
    return subprocess.run(
        [sys.executable, "-m", "trustreport", "run-chapter", DEFAULT_EDITION, stem],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def need_engine(engine: str) -> None:
    if engine == "quarto" and shutil.which("quarto") is None:
        if REQUIRE_QUARTO:
            pytest.fail(
                "TRUSTREPORT_REQUIRE_QUARTO=1 but quarto is not on PATH: install it with "
                "../shared/tools/quarto/install.sh"
            )
        pytest.skip("quarto is not on PATH: the Quarto half of the tests was not run (install it to run it)")


def engine_of(build: Path) -> str:
    return json.loads((build / "site" / "manifest.json").read_text(encoding="utf-8"))["engine"]


def scratch_in_project(name: str) -> Path:
    """A fresh folder inside the project (build/tests/<name>): editions may read data only from inside the project."""
    folder = ROOT / "build" / "tests" / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def relative(path: Path) -> str:
    return str(path.relative_to(ROOT))


def scratch_edition(name: str, edits: dict[str, list[tuple[str, str]]], extra: str = "") -> Path:
    """An edition `name` of its own: a copy of data/raw in build/tests/<name>/data with `edits` made to its tables
    (file: [(text, its replacement)], each text found and replaced once) and `extra` lines of parameters. Returns its
    edition file, build/tests/<name>/<name>.yml."""
    scratch = scratch_in_project(name)
    data = scratch / "data"
    shutil.copytree(ROOT / "data" / "raw", data)
    for table, changes in edits.items():
        text = (data / table).read_text(encoding="utf-8")
        for old, new in changes:
            assert old in text, (table, old)
            text = text.replace(old, new, 1)
        (data / table).write_text(text, encoding="utf-8")
    params = scratch / f"{name}.yml"
    params.write_text(
        f'edition: "{name}"\nfocus_year: 2021\nbaseline_year: 2020\ndata_dir: "{relative(data)}"\n{extra}',
        encoding="utf-8",
    )
    return params


def render_by_each_engine(params: Path, out: Path) -> None:
    """The edition `params` names built once (its chapters run by the embedded engine's build), then rendered by each
    engine into out/<engine>/ (Quarto only when it is on PATH). Its own build folder is removed after."""
    edition = yaml.safe_load(params.read_text(encoding="utf-8"))["edition"]
    out.mkdir()
    try:
        result = cli("build", str(params), "--engine", "embedded")
        assert result.returncode == 0, result.stderr
        shutil.copytree(ROOT / "build" / edition, out / "embedded", symlinks=True)
        if shutil.which("quarto"):
            result = cli("assemble", str(params), "--engine", "quarto", "--out", str(out / "quarto"))
            assert result.returncode == 0, result.stderr
    finally:
        shutil.rmtree(ROOT / "build" / edition, ignore_errors=True)


def assert_user_error(result: subprocess.CompletedProcess, code: int, *fragments: str) -> None:
    """A clear message: the expected exit code, every fragment in stderr, no traceback."""
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    for fragment in fragments:
        assert fragment in result.stderr, f"{fragment!r} not in: {result.stderr}"


def pdftotext(pdf: Path, *options: str) -> str:
    """The text poppler's pdftotext reads from `pdf` with `options` ("-raw", "-f", "3"...), read once per test process
    for the file as it stands: the tests read the same few PDFs about three hundred times a run."""
    stat = pdf.stat()
    return _pdftotext(str(pdf.resolve()), options, (stat.st_size, stat.st_mtime_ns))


@functools.cache
def _pdftotext(pdf: str, options: tuple[str, ...], _as_it_stands: tuple[int, int]) -> str:
    return subprocess.run(["pdftotext", *options, pdf, "-"], capture_output=True, text=True, check=True).stdout


def edit_notebook(path: Path, old: str, new: str) -> None:
    """Replace `old` by `new` in the first cell of a notebook that holds it, as an author would in JupyterLab."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        text = "".join(cell["source"])
        if old in text:
            cell["source"] = text.replace(old, new, 1).splitlines(keepends=True)
            break
    else:
        raise AssertionError(f"{old!r} not in {path.name}")
    path.write_text(json.dumps(nb, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def replace_in(path: Path, old: str, new: str) -> None:
    """Replace `old` (which must be there) by `new` in a text file."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


# ---- copies of the project ------------------------------------------------------------------------------------------

# What a copy of the project leaves out: what the project built, its caches and its environment (shared, see below).
NOT_COPIED = {".venv", "build", "site", "mutants", ".pytest_cache", ".hypothesis", ".mypy_cache", ".ruff_cache"}

# The one build date of every build in a project copy, so their pages compare byte for byte: 2020-01-01.
COPY_EPOCH = "1577836800"
COPY_DATE = "2020-01-01"
# How make is run in a project copy: that date, and the embedded engine (the Quarto half is checked on the project's
# own build, the sites and the hostile edition: each copy need not render with Quarto again).
COPY_ENV = {"SOURCE_DATE_EPOCH": COPY_EPOCH, "REPORT_ENGINE": "embedded"}


def copy_project(dest: Path, builds: tuple[Path, ...] = ()) -> Path:
    """The project's own files at `dest` (modification times kept), sharing the project's .venv; with `builds`, those
    build folders of the project too, as they are (`cp -a`)."""

    def ignored(folder: str, names: list[str]) -> set[str]:
        at_top = Path(folder) == ROOT
        return {n for n in names if n == "__pycache__" or (at_top and n in NOT_COPIED | {".git"})} | (
            {".data"} if Path(folder) == ROOT / "bench" else set()
        )

    shutil.copytree(ROOT, dest, ignore=ignored, symlinks=True)
    if (ROOT / ".git").is_dir():  # the build line names the commit: a copy is of the same one
        _link_tree(ROOT / ".git", dest / ".git")
    (dest / ".venv").symlink_to(ROOT / ".venv")
    if builds:
        (dest / "build").mkdir()
        subprocess.run(["cp", "-a", *map(str, builds), str(dest / "build")], check=True)
    return dest


def _link_tree(source: Path, dest: Path) -> None:
    """`source` at `dest` as hard links where the filesystem allows (else copies): for a repository's .git. What a
    build asks of git (rev-parse, describe --dirty) writes at most the index, and git replaces a file whole (a lock
    file renamed over it), never in place: neither repository sees the other's change. About a hundred project
    copies a run each copied the ~500 files of .git: linked, a copy takes a quarter to a third of the CPU it took
    (0.06-0.24 against 0.28-0.65 CPU-seconds, alternating runs, measured 2026-12-06)."""

    def link_or_copy(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:  # another filesystem (a /tmp of its own), or links not allowed
            shutil.copy2(src, dst)

    shutil.copytree(source, dest, symlinks=True, copy_function=link_or_copy)


def copy_built(project: Path, dest: Path) -> Path:
    """A copy of a project copy and everything it built, as it is (`cp -a`): make finds it as up to date as the
    original, so a test changes one thing and sees what an incremental build does."""
    subprocess.run(["cp", "-a", str(project), str(dest)], check=True)
    return dest


def make(where: Path, *args: str, env: dict | None = None, timeout: int = 900) -> subprocess.CompletedProcess:
    """`make ...` in a project copy, as its user would type it there (on the copies' date and engine)."""
    plain = {k: v for k, v in os.environ.items() if k not in ("TRUSTREPORT_ROOT", "TRUSTREPORT_FAULT")}
    return subprocess.run(
        ["make", *args],
        cwd=where,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**plain, **COPY_ENV, **(env or {})},
    )


# ---- builds made once per session ------------------------------------------------------------------------------------


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class Shared:
    """A folder every test process of this session sees, and the builds in it, each made once."""

    def __init__(self, folder: Path):
        self.folder = folder

    def get(self, name: str, make_it: Callable[[Path], object]) -> Path:
        """The folder `name`, made by `make_it(folder)` unless this session made it already. Whoever asks first
        makes it; the others wait. A build that failed is reported to every test that needs it, not made again."""
        out = self.folder / name
        made, failed = self.folder / f"{name}.made", self.folder / f"{name}.failed"
        with _locked(self.folder / f"{name}.lock"):
            if failed.exists():
                pytest.fail(f"{name} could not be made:\n{failed.read_text(encoding='utf-8')}", pytrace=False)
            if not made.exists():
                shutil.rmtree(out, ignore_errors=True)
                try:
                    make_it(out)
                except BaseException as exc:
                    failed.write_text(str(exc) or type(exc).__name__, encoding="utf-8")
                    raise
                made.touch()
        return out


@pytest.fixture(scope="session")
def shared(tmp_path_factory) -> Shared:
    """With pytest-xdist each process has its own temporary folder inside the session's: that one is shared."""
    base = tmp_path_factory.getbasetemp()
    return Shared(base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base)


def _make_report_here(_: Path) -> None:
    result = run(["make", "report"])
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="session")
def built(shared) -> Path:
    """build/<default edition> (and its Chinese edition beside it), made by the README's `make report` (with Quarto
    when it is on PATH). Tests only read it: a test that changes a build changes a copy."""
    shared.get("built", _make_report_here)
    return ROOT / "build" / DEFAULT_EDITION


@pytest.fixture(scope="session")
def built_2020(shared, built) -> Path:
    """build/2020 (and build/2020-zh), made by `make report EDITION=2020` in the project, once a session, by the
    embedded engine: the tests that want it rendered by Quarto ask `rendering` for that, and those that copy it into
    a project copy (which builds with the embedded engine) then find nothing left to assemble."""

    def make_2020(_: Path) -> None:
        result = run(["make", "report", "EDITION=2020"], env={"REPORT_ENGINE": "embedded"}, timeout=3600)
        assert result.returncode == 0, result.stdout + result.stderr

    shared.get("built-2020", make_2020)
    return ROOT / "build" / "2020"


@pytest.fixture(scope="session")
def zh_built(built) -> Path:
    """build/<default edition>-zh, made by the same `make report` as the English edition."""
    return ROOT / "build" / ZH_EDITION


def rendering(shared: Shared, build: Path, engine: str) -> Path:
    """`build` as `engine` renders it: the build itself, or its chapters assembled once more by the other engine into
    a folder of its own (holding site/ and the PDF)."""
    need_engine(engine)
    if engine_of(build) == engine:
        return build

    def assemble(out: Path) -> None:
        result = cli("assemble", build.name, "--engine", engine, "--out", str(out))
        assert result.returncode == 0, result.stderr

    return shared.get(f"{build.name}-by-{engine}", assemble)


def renderings(shared: Shared, builds: list[Path], engine: str) -> list[Path]:
    """Each of `builds` as `engine` renders it (`rendering`), those not made yet assembled at once, a process each: a
    render is one core's work, and a test waiting for two in turn would leave the other core idle."""
    with ThreadPoolExecutor(max_workers=len(builds)) as pool:
        return list(pool.map(lambda build: rendering(shared, build, engine), builds))


@pytest.fixture(scope="session", params=ENGINES)
def engine_build(request, shared, built) -> Path:
    """The default edition rendered by one engine: a folder holding site/ and the PDF (the same chapters)."""
    return rendering(shared, built, request.param)


def _clean_build(
    shared: Shared, name: str, change: Callable[[Path], None] | None = None, env: dict | None = None
) -> Path:
    def build(project: Path) -> None:
        copy_project(project)
        if change is not None:
            change(project)
        result = make(project, "report", env=env)
        assert result.returncode == 0, result.stdout + result.stderr

    return shared.get(name, build)


def gala_viewers_to_91_million(project: Path) -> None:
    """The one change to the data several tests make: the 2020 gala's viewers, 90.08 million, become 91 million."""
    replace_in(project / "data" / "raw" / "gala.csv", ",2020-10-30,9008,万人,", ",2020-10-30,9100,万人,")


@pytest.fixture(scope="session")
def clean_project(shared) -> Path:
    """A copy of the project built from clean by `make report` (both languages, embedded engine, COPY_DATE), every
    chart drawn anew rather than read from the drawings the machine keeps: the second of the two clean builds
    test_reliability compares. Read it, or `copy_built` it to change it."""
    return _clean_build(shared, "clean-project", env={"TRUSTREPORT_CACHE": "off"})


@pytest.fixture(scope="session")
def clean_project_gala_changed(shared) -> Path:
    """The same, built from clean after `gala_viewers_to_91_million`."""
    return _clean_build(shared, "clean-project-gala-changed", gala_viewers_to_91_million)


@pytest.fixture
def project(clean_project, tmp_path) -> Path:
    """A built copy of the project of this test's own, to change and rebuild (sharing the project's .venv)."""
    return copy_built(clean_project, tmp_path / "project")


@pytest.fixture(scope="session", params=ENGINES)
def sites(request, shared, built, zh_built) -> dict[str, Path]:
    """Each language's site of the default edition, rendered by one engine (the build itself, or its chapters
    assembled by the other engine)."""
    en, zh = renderings(shared, [built, zh_built], request.param)
    return {"en": en / "site", "zh": zh / "site"}


@pytest.fixture
def sweep(request, shared) -> Callable[..., dict]:
    """`sweep(site, width, scheme="light", under="", only=())`: every page of `site` (of site/under, a published site's
    version folder; with `only`, those pages of it) opened once a session at that width and scheme, and what each
    read-only question of tests/sweeps.py found on it (page -> question -> answer)."""
    from sweeps import swept

    def browser():
        return request.getfixturevalue("browser")

    return lambda site, width, scheme="light", under="", only=(): swept(
        shared, browser, site, width, scheme, under, only
    )


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for every browser test in this process (Playwright's sync API allows one at a time)."""
    from browsing import chromium

    with chromium() as browser:
        yield browser


DEMO_RECORDS = ROOT / "build" / "demo-records" / "complaints.parquet"


@pytest.fixture(scope="session")
def demo_records(shared) -> Path:
    """The demonstration edition's synthetic complaint records, as `make demo` makes them (params/demo.yml names
    them): made here, so no test depends on another having run `make demo` first."""

    def make_records(_: Path) -> None:
        result = run(["make", relative(DEMO_RECORDS)])
        assert result.returncode == 0, result.stdout + result.stderr

    shared.get("demo-records", make_records)
    return DEMO_RECORDS


# ---- which tests are slow, and the order they run in -----------------------------------------------------------------

# `make test` runs the tests in two processes (pytest-xdist, --dist worksteal): the first process takes the first half
# of the order below, the second the other half, and one that runs out of work takes it from the end of the other's.
# Each half starts with the tests of one long build (the project's own `make report`; the clean builds of project
# copies), so the two start at once; the tests that build nothing come last, to be taken by whichever is free (the
# editions' site, which renders the 2020 edition with Quarto, half a minute on both cores, ended a run with one process
# idle: it is in the first half). The order only decides what runs when: every test makes or waits for what it needs,
# so any order, any subset, and one process (plain `pytest`) give the same results.
FIRST_HALF = [
    "e2e/test_article_facts.py",
    "e2e/test_contrast.py",
    "e2e/test_build.py",
    "e2e/test_languages.py",
    "e2e/test_engines.py",
    "e2e/test_hostile.py",
    "e2e/test_site.py",
    "e2e/test_editions_site.py",
    "e2e/test_accessibility.py",
    "e2e/test_behaviours.py",
    "e2e/test_data.py",
]
SECOND_HALF = [
    "e2e/test_reliability.py",
    "e2e/test_chapter_units.py",
    "e2e/test_kernels.py",
    "e2e/test_chapters.py",
    "e2e/test_comparison.py",
    "e2e/test_params.py",
    "e2e/test_records.py",
    "e2e/test_bad_inputs.py",
    "e2e/test_fuzz.py",
]


def pytest_collection_modifyitems(config, items):
    """Mark as slow every test that needs a build (all builds go through `shared`); order the tests as said above."""
    for item in items:
        if "shared" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)

    def module(item) -> str:
        return Path(str(item.fspath)).relative_to(Path(__file__).parent).as_posix()

    first = [i for i in items if module(i) in FIRST_HALF]
    second = [i for i in items if module(i) in SECOND_HALF]
    rest = [i for i in items if module(i) not in FIRST_HALF and module(i) not in SECOND_HALF]
    # the first half starts with what reads the project's own build, the second with what does not wait for it
    first.sort(key=lambda i: ("built" not in i.fixturenames, FIRST_HALF.index(module(i))))  # stable sorts: a
    second.sort(key=lambda i: ("built" in i.fixturenames, SECOND_HALF.index(module(i))))  # module keeps its order
    # the tests that build nothing fill the first half up to half of all, the rest end the second
    fill = max(0, min(len(rest), len(items) // 2 - len(first)))
    items[:] = first + rest[:fill] + second + rest[fill:]


def visible_text(html: str) -> str:
    """A page's text as a reader sees it: no scripts, no markup, entities decoded."""
    import html as html_lib

    html = re.sub(r"<script.*?</script>|<style.*?</style>", " ", html, flags=re.S)
    text = html_lib.unescape(re.sub(r"<[^>]+>", " ", html)).replace("\u2060", "")
    return " ".join(text.translate(str.maketrans("‘’“”", "''\"\"")).split())  # pandoc may curl quotes


@functools.lru_cache(maxsize=64)
def _parse(html: str):
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser")


def parsed_html(html: str):
    """`html` parsed as BeautifulSoup's "html.parser" parses it, a tree of the caller's own to change: each text is
    parsed once a process and copied (a copy takes a third of a parse; the same pages are read by many tests)."""
    return copy.copy(_parse(html))
