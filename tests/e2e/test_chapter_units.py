"""Chapters as units: declared inputs enforced, a notebook runnable as it is, incremental builds equal to clean ones."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import (
    DEFAULT_EDITION,
    ROOT,
    ZH_EDITION,
    assert_user_error,
    copy_project,
    edit_notebook,
    gala_viewers_to_91_million,
    make,
    replace_in,
    run,
    run_chapter_in,
)


def make_ok(where: Path, *args: str) -> subprocess.CompletedProcess:
    result = make(where, *args)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def outputs(build: Path) -> dict[str, bytes]:
    """What a build gives a reader and the tests: executed chapters, ledgers, pages, chart data, the PDF (its bytes:
    dated by the build date, not the clock, two builds of one day are the same file) and its text."""
    files = {}
    for pattern in (
        "chapters/*.ipynb",
        "ledger/*.json",
        "site/*.html",
        "site/data/*",
        "site/figures.json",
        "site/ledger.json",
    ):
        for path in sorted(build.glob(pattern)):
            files[str(path.relative_to(build))] = path.read_bytes()
    pdf = next(build.glob("*.pdf"))
    files["pdf"] = pdf.read_bytes()
    files["pdf text"] = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True).stdout
    return files


def ran(result: subprocess.CompletedProcess) -> list[str]:
    """The chapters a build ran: each printed once, for both of the default edition's languages (make report runs a
    chapter for English and 中文 in one go), and no other."""
    runs = [line.split(maxsplit=2)[2] for line in result.stdout.splitlines() if line.startswith("Running chapter")]
    stems = [run.split(" ", 1)[0] for run in runs]
    assert runs == [f"{stem} ({DEFAULT_EDITION}, {ZH_EDITION})" for stem in stems], runs
    assert len(set(stems)) == len(stems), runs
    return sorted(stems)


def test_an_incremental_build_equals_a_clean_build(project, clean_project_gala_changed):
    """A clean build changed one way and built again equals a clean build of the changed project, byte for byte."""
    gala_viewers_to_91_million(project)
    result = make_ok(project, "report")
    assert ran(result) == ["00_summary", "20_gala", "40_trust_tactics"]  # the chapters that read gala.csv, and no other
    incremental = outputs(project / "build" / DEFAULT_EDITION)
    assert "91 million" in incremental["site/20_gala.html"].decode()
    clean = outputs(clean_project_gala_changed / "build" / DEFAULT_EDITION)  # `make report` in a fresh copy
    assert sorted(incremental) == sorted(clean)
    for name in clean:
        assert incremental[name] == clean[name], f"{name} differs between the incremental and the clean build"
    make_ok(project, "clean")  # and `make clean` leaves what a fresh copy has: no build, no site
    assert not (project / "build").exists() and not (project / "site").exists()


# A stand-in for ipykernel's launcher (the python3 kernel's command), found first on PYTHONPATH by the kernels only:
# it counts each kernel's start, then starts the kernel.
COUNTING_LAUNCHER = """\
import os, sys
with open(os.environ["KERNEL_STARTS"], "a") as starts:
    starts.write("start\\n")
if sys.path[0] == "":
    del sys.path[0]
from ipykernel import kernelapp
kernelapp.launch_new_instance()
"""
# One sentence of chapter 20_gala's 中文 words (its chart's title), reworded.
GALA_TITLE_ZH = ("没有一项两场都找到数字", "没有一项两场晚会都有数字")


def test_one_run_of_each_chapter_serves_both_languages(project, tmp_path):
    """A clean build in both languages runs each chapter once for English and 中文 together: one line of progress a
    chapter, one kernel a core (not one a core and a language). Editing one chapter's 中文 words reruns that chapter
    in 中文 only, and the incremental build equals a clean one of the edited project, each language's pages in its
    own."""
    clean = copy_project(tmp_path / "clean")
    replace_in(clean / "notebooks" / "20_gala.text.yml", *GALA_TITLE_ZH)
    launcher = tmp_path / "launcher"
    launcher.mkdir()
    (launcher / "ipykernel_launcher.py").write_text(COUNTING_LAUNCHER, encoding="utf-8")
    starts = tmp_path / "kernel-starts.txt"
    result = make(clean, "report", env={"PYTHONPATH": str(launcher), "KERNEL_STARTS": str(starts), "JOBS": "2"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert ran(result) == ["00_summary", "10_complaints", "20_gala", "30_festival_gmv", "40_trust_tactics"]
    assert starts.read_text(encoding="utf-8").count("start") == 2

    replace_in(project / "notebooks" / "20_gala.text.yml", *GALA_TITLE_ZH)
    rebuilt = make_ok(project, "report").stdout.splitlines()
    # the English run reads none of the words changed: the chapter runs again in 中文 only
    assert [line for line in rebuilt if line.startswith("Running chapter")] == [
        f"Running chapter 20_gala ({ZH_EDITION})"
    ]
    for edition in (DEFAULT_EDITION, ZH_EDITION):
        incremental, fresh = outputs(project / "build" / edition), outputs(clean / "build" / edition)
        assert sorted(incremental) == sorted(fresh), edition
        for name in fresh:
            assert incremental[name] == fresh[name], f"{edition}: {name} differs"
    chinese = (clean / "build" / ZH_EDITION / "site" / "20_gala.html").read_text(encoding="utf-8")
    english = (clean / "build" / DEFAULT_EDITION / "site" / "20_gala.html").read_text(encoding="utf-8")
    assert '<html lang="zh-Hans">' in chinese and "没有一项两场晚会都有数字" in chinese
    assert "has a figure found for both shows" not in chinese
    assert '<html lang="en">' in english and "has a figure found for both shows" in english
    assert "两场晚会都有数字" not in english


def test_a_chapter_run_for_both_languages_computes_once(tmp_path):
    """Run for English and 中文 together, a chapter's code runs once: a cell that counts its runs ran once, and each
    language's executed notebook holds its own language's words, charts and ledger, and no other's."""
    where = copy_project(tmp_path / "project")
    edit_notebook(
        where / "notebooks" / "20_gala.ipynb",
        "years = [p.baseline_year, p.focus_year]\n",
        'import os\nopen(os.environ["CELL_RUNS"], "a").write("ran\\n")\nyears = [p.baseline_year, p.focus_year]\n',
    )
    runs = tmp_path / "runs.txt"
    env = {**os.environ, "TRUSTREPORT_ROOT": str(where), "CELL_RUNS": str(runs)}
    args = ["run-chapter", DEFAULT_EDITION, "20_gala", "--also", ZH_EDITION, "20_gala"]
    result = subprocess.run(
        [sys.executable, "-m", "trustreport", *args], cwd=where, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert runs.read_text(encoding="utf-8") == "ran\n"
    english, chinese = (
        (where / "build" / edition / "chapters" / "20_gala.ipynb").read_text(encoding="utf-8")
        for edition in (DEFAULT_EDITION, ZH_EDITION)
    )
    assert "两场晚会" in chinese and "两场晚会" not in english  # the chart's title and the prose
    assert "both shows" in english and "both shows" not in chinese
    assert "vnd.trustreport" not in english + chinese  # no language's output is left inside another's
    assert f'edition = \\"{ZH_EDITION}\\"' in chinese and f'edition = \\"{DEFAULT_EDITION}\\"' in english


def test_a_chapter_joining_words_as_one_text_is_told_how_to_join_them_in_each_language(tmp_path):
    """A sentence joined with Python's own `" ".join`, which works where the notebook runs in one language (JupyterLab),
    stops a run for both: the build says which chapter and cell, and how to join words in each language."""
    where = copy_project(tmp_path / "project")
    edit_notebook(
        where / "notebooks" / "20_gala.ipynb",
        "Markdown(ch.sentences([narrative.gala_sentence(figures, year) for year in years]))",
        'Markdown(" ".join([narrative.gala_sentence(figures, year) for year in years]))',
    )
    env = {**os.environ, "TRUSTREPORT_ROOT": str(where)}
    both = subprocess.run(
        [
            sys.executable,
            "-m",
            "trustreport",
            "run-chapter",
            DEFAULT_EDITION,
            "20_gala",
            "--also",
            ZH_EDITION,
            "20_gala",
        ],
        cwd=where,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert_user_error(both, 1, "chapter 20_gala failed in cell", "ch.join(separator, parts)")


def test_every_page_states_one_data_fingerprint(clean_project):
    site = clean_project / "build" / DEFAULT_EDITION / "site"
    manifest = json.loads((site / "manifest.json").read_text(encoding="utf-8"))
    for page in site.glob("*.html"):
        html = page.read_text(encoding="utf-8")
        if page.name != "data-dictionary.html":
            assert f"data {manifest['data_fingerprint']}" in html, page.name


def test_editing_one_notebook_reruns_that_chapter_only(project):
    edit_notebook(
        project / "notebooks" / "30_festival_gmv.ipynb", "## The festival day", "## The festival day, in figures"
    )
    result = make_ok(project, "report")
    assert ran(result) == ["30_festival_gmv"]
    assert "The festival day, in figures" in (
        project / "build" / DEFAULT_EDITION / "site" / "30_festival_gmv.html"
    ).read_text(encoding="utf-8")
    assert "Nothing changed" in make_ok(project, "report").stdout


def test_changing_a_parameter_reruns_the_chapters_that_use_it(project):
    base = project / "params" / "base.yml"
    base.write_text(
        base.read_text(encoding="utf-8").replace("minutes_per_uv: 30 ", "minutes_per_uv: 40 "), encoding="utf-8"
    )
    assert ran(make_ok(project, "report")) == ["40_trust_tactics"]  # only that chapter declares what_if
    titled = base.read_text(encoding="utf-8").replace('\n  en: "E-commerce trust', '\n  en: "Trust · E-commerce trust')
    assert titled != base.read_text(encoding="utf-8")  # the edit took: the title changed
    base.write_text(titled, encoding="utf-8")
    result = make_ok(project, "report")
    assert ran(result) == [] and "Assembling" in result.stdout  # the title is the book's, not a chapter's


def test_a_chapter_asking_for_a_table_it_did_not_declare_fails_naming_it(project):
    notebook = project / "notebooks" / "20_gala.ipynb"
    edit_notebook(
        notebook,
        "years = [p.baseline_year, p.focus_year]",
        "years = [p.baseline_year, p.focus_year]\nch.table('governance')",
    )
    result = run_chapter_in(project, "20_gala")
    assert_user_error(
        result, 1, "chapter 20_gala failed", "reads the table 'governance' without declaring it", "20_gala.failed.ipynb"
    )
    edit_notebook(notebook, "\nch.table('governance')", "\np.what_if")
    result = run_chapter_in(project, "20_gala")
    assert_user_error(result, 1, "uses the parameter 'what_if' without declaring it")
    # a figure of a table it did not declare stops it too (it once read "not reported"); one the data does not hold
    # is "not reported", and the build names it
    edit_notebook(notebook, "\np.what_if", "\nfigures.text('gov-2021-report-rate')")
    result = run_chapter_in(project, "20_gala")
    assert_user_error(result, 1, "the figure 'gov-2021-report-rate' is in the table 'governance', which this chapter")
    edit_notebook(notebook, "\nfigures.text('gov-2021-report-rate')", "\nfigures.text('gala-2021-viewerz')")
    result = run_chapter_in(project, "20_gala")
    assert result.returncode == 0, result.stderr
    assert "note: chapter 20_gala (2021) names figures its edition's data does not hold" in result.stderr
    assert '"not reported": gala-2021-viewerz' in result.stderr


def test_chapters_sharing_a_kernel_each_start_afresh_and_a_failure_names_its_chapter_and_cell(project):
    """`make report` runs the out-of-date chapters in turn in one kernel: a chapter must not see another's variables,
    its executed notebook must be the one a kernel of its own gives, and a failure names the chapter and cell."""
    env = {**os.environ, "TRUSTREPORT_ROOT": str(project)}
    chapters = project / "build" / DEFAULT_EDITION / "chapters"

    def run_chapters(*stems: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "trustreport", "run-chapter", DEFAULT_EDITION, *stems, "--kernels", "1"],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )

    alone = run_chapters("20_gala")
    assert alone.returncode == 0, alone.stderr
    gala_alone = (chapters / "20_gala.ipynb").read_bytes()
    shared = run_chapters("10_complaints", "20_gala")
    assert shared.returncode == 0, shared.stderr
    assert (chapters / "20_gala.ipynb").read_bytes() == gala_alone  # cells numbered from 1, no output from the other
    assert next(c for c in json.loads(gala_alone)["cells"] if c["cell_type"] == "code")["execution_count"] == 1

    edit_notebook(
        project / "notebooks" / "10_complaints.ipynb",
        "ch = start(globals())",
        "ch = start(globals())\nleft_behind = 616",
    )
    edit_notebook(
        project / "notebooks" / "20_gala.ipynb",
        "years = [p.baseline_year, p.focus_year]",
        "years = [p.baseline_year, p.focus_year]\nleft_behind",
    )
    (chapters / "10_complaints.ipynb").unlink()
    failed = run_chapters("10_complaints", "20_gala")
    assert_user_error(failed, 1, "chapter 20_gala failed in cell", "NameError", "left_behind", "20_gala.failed.ipynb")
    assert "left_behind = 616" in (chapters / "10_complaints.ipynb").read_text(encoding="utf-8")  # the one before kept


def test_a_notebook_runs_with_plain_papermill_from_anywhere(tmp_path):
    """As a user runs one chapter by hand: the edition as a number, from another folder."""
    out = tmp_path / "gala.ipynb"
    papermill = Path(sys.executable).with_name("papermill")
    result = run(
        [str(papermill), str(ROOT / "notebooks" / "20_gala.ipynb"), str(out), "-p", "edition", "2020"], cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr[-2000:]
    text = out.read_text(encoding="utf-8")
    assert (
        "**Built with** edition 2020" in text
        and "快手一千零一夜 (Kuaishou Thousand and One Nights, 2020) drew 90.08 million viewers" in text
    )
    helped = run([str(papermill), "--help-notebook", str(ROOT / "notebooks" / "20_gala.ipynb")])
    assert "edition: Optional[str] (default None)" in helped.stdout


def test_the_toolkit_builds_a_project_folder_it_was_not_installed_from(tmp_path):
    """trustreport finds its project from the working directory (trustreport.yml), not from where it is installed."""
    project = copy_project(tmp_path / "project")
    env = {k: v for k, v in os.environ.items() if k != "TRUSTREPORT_ROOT"}
    result = subprocess.run(
        [sys.executable, "-m", "trustreport", "validate"],
        cwd=project / "notebooks",
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0 and "valid: gala.csv: 9 rows" in result.stdout
    (project / "data" / "raw" / "gala.csv").write_text("not,a,table\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "trustreport", "validate"], cwd=project, env=env, capture_output=True, text=True
    )
    assert_user_error(result, 1, "data/raw/gala.csv")  # the copy's data, not the installed project's
    nowhere = subprocess.run(
        [sys.executable, "-m", "trustreport", "validate"], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert_user_error(nowhere, 2, "no trustreport.yml")
