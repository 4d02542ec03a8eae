"""Interrupted builds and publishes, and determinism: a report people cite must never be half-built or drift."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from conftest import (
    COPY_DATE,
    COPY_ENV,
    COPY_EPOCH,
    DEFAULT_EDITION,
    ENGINES,
    cli,
    engine_of,
    make,
    pdftotext,
    rendering,
)


def chart_files(site: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((site / "data").glob("*"))}


@pytest.fixture(scope="session", params=ENGINES)
def other_clean_build(request, shared, built, clean_project) -> tuple[Path, Path]:
    """The default edition built twice from clean, one engine rendering both: the project's own build (built today)
    and the build of a copy of the project (built on COPY_DATE), each as a folder holding site/ and the PDF."""
    engine = request.param
    ours = rendering(shared, built, engine)
    theirs = clean_project / "build" / DEFAULT_EDITION
    if engine_of(theirs) != engine:

        def assemble(out: Path) -> None:
            result = cli(
                "assemble",
                DEFAULT_EDITION,
                "--engine",
                engine,
                "--out",
                str(out),
                env={"TRUSTREPORT_ROOT": str(clean_project), "SOURCE_DATE_EPOCH": COPY_EPOCH},
            )
            assert result.returncode == 0, result.stderr

        theirs = shared.get(f"clean-project-by-{engine}", assemble)
    return ours, theirs


def test_two_clean_builds_give_the_same_report(other_clean_build):
    built, clean_copy_build = other_clean_build
    a, b = built / "site", clean_copy_build / "site"
    assert chart_files(a) == chart_files(b), "figure data or Vega-Lite specs differ"
    # the build date is the one difference: "built <date>" (the release date, a different date, stays)
    first = " ".join(pdftotext(built / f"trustreport-{DEFAULT_EDITION}.pdf").split())
    second = " ".join(pdftotext(clean_copy_build / f"trustreport-{DEFAULT_EDITION}.pdf").split())
    assert second.count(f"built {COPY_DATE}") == 1, "the PDF states its build date once"
    assert _stamps_as_placeholders(first, a) == _stamps_as_placeholders(second, b)
    for page in sorted(a.glob("*.html")):
        html_a, html_b = page.read_text(encoding="utf-8"), (b / page.name).read_text(encoding="utf-8")
        # the build date is stated once, with the other build details on the References page, and nowhere else
        expected = 1 if page.name == "references.html" else 0
        assert html_b.count(f"built {COPY_DATE}") == expected, f"{page.name}: the build date should appear {expected}×"
        assert _stamps_as_placeholders(html_a, a) == _stamps_as_placeholders(html_b, b), page.name


def _stamps_as_placeholders(text: str, site: Path) -> str:
    """`text` of `site` with its build date and the commit it was built at as placeholders. The project's own build may
    be older than the copy's by commits that changed nothing it reads (`make report` then has nothing to do): the same
    report, stamped with the commit it was built at."""
    manifest = json.loads((site / "manifest.json").read_text(encoding="utf-8"))
    return text.replace(f"built {manifest['built']}", "built DATE").replace(
        f"commit {manifest['git_commit']}", "commit COMMIT"
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(
    "point, stops",
    [
        ("chapter.write", "Running chapter"),  # a chapter's executed notebook is whole in its partial, not yet in place
        ("assemble.swap", "Assembling"),  # the new site is exchanged for the old, the old not yet removed
    ],
)
def test_a_build_killed_at_a_named_point_is_finished_by_the_next_one(built, project, point, stops):
    clean_copy_build = project / "build" / DEFAULT_EDITION
    site_before = snapshot(clean_copy_build / "site")
    chapters_before = {k: v for k, v in snapshot(clean_copy_build / "chapters").items() if "partial" not in k}
    (project / "notebooks" / "30_festival_gmv.ipynb").touch()  # one chapter to run again
    killed = make(project, "report", env={"TRUSTREPORT_FAULT": point, "JOBS": "1"})
    assert killed.returncode != 0 and stops in killed.stdout, (
        killed.stdout + killed.stderr
    )  # the interruption happened there
    assert (clean_copy_build / "site" / "index.html").is_file(), "the previous site stopped serving"
    if point == "chapter.write":
        assert list((clean_copy_build / "chapters").glob(".*.partial.ipynb")), (
            "the kill landed before the chapter was written"
        )
        after = {k: v for k, v in snapshot(clean_copy_build / "chapters").items() if "partial" not in k}
        assert after == chapters_before  # the previous chapter outputs, untouched
        assert snapshot(clean_copy_build / "site") == site_before  # nothing half-assembled
    result = make(project, "report")
    assert result.returncode == 0, result.stderr
    assert chart_files(clean_copy_build / "site") == chart_files(built / "site")
    assert not list((clean_copy_build / "chapters").glob(".*partial*")), "a partial notebook was left behind"
    assert not list(clean_copy_build.glob(".*.old")) and not list(clean_copy_build.glob(".assemble.partial"))


@pytest.mark.parametrize(
    "point", ["publish.swap", "publish.version-done", "publish.latest-swap", "publish.latest-done"]
)
def test_a_publish_killed_at_a_named_point_leaves_the_site_serving_and_is_repaired(built, tmp_path, point):
    site = tmp_path / "site"
    assert cli("publish", DEFAULT_EDITION, "--site", str(site), "--version", "1.0.0").returncode == 0
    killed = cli(
        "publish", DEFAULT_EDITION, "--site", str(site), "--version", "1.0.1", env={"TRUSTREPORT_FAULT": point}
    )
    assert killed.returncode == -9, (killed.returncode, killed.stderr)  # stopped at the point, as a kill would
    assert (site / "latest" / "index.html").is_file(), "latest/ stopped serving"
    assert (site / "v" / "1.0.0" / "index.html").is_file(), "the published version was damaged"
    serving = json.loads((site / "latest" / "version.json").read_text(encoding="utf-8"))["version"]
    index = json.loads((site / "versions.json").read_text(encoding="utf-8"))
    assert index["latest"] == "1.0.0" and serving in ("1.0.0", "1.0.1")  # the index is written last
    result = cli("publish", DEFAULT_EDITION, "--site", str(site), "--version", "1.0.1")
    assert result.returncode == 0, result.stderr
    index = json.loads((site / "versions.json").read_text(encoding="utf-8"))
    assert index["latest"] == "1.0.1" and [v["version"] for v in index["versions"]] == ["1.0.1", "1.0.0"]
    assert json.loads((site / "latest" / "version.json").read_text(encoding="utf-8"))["version"] == "1.0.1"
    assert not [p for p in site.glob(".*")] and not list((site / "v").glob(".*"))  # no partial or old folder left


def test_publish_orders_versions_and_survives_a_damaged_index(built, tmp_path):
    site = tmp_path / "site"
    for version in ("1.0.0", "v2.0.0", "1.10.0"):
        result = cli("publish", DEFAULT_EDITION, "--site", str(site), "--version", version)
        assert result.returncode == 0, result.stderr
    index = json.loads((site / "versions.json").read_text(encoding="utf-8"))
    assert [v["version"] for v in index["versions"]] == ["v2.0.0", "1.10.0", "1.0.0"] and index["latest"] == "v2.0.0"
    (site / "versions.json").write_text('{"latest": "1.0', encoding="utf-8")  # cut off mid-write
    result = cli("publish", DEFAULT_EDITION, "--site", str(site), "--version", "1.0.0")
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert (
        json.loads((site / "versions.json").read_text(encoding="utf-8"))["latest"] == "v2.0.0"
    )  # rebuilt from the versions on disk


def test_two_builds_of_one_edition_at_once_take_turns(project):
    clean_copy_build = project / "build" / DEFAULT_EDITION
    (project / "notebooks" / "30_festival_gmv.ipynb").touch()  # one chapter to run again
    env = {**os.environ, **COPY_ENV, "TRUSTREPORT_ROOT": str(project)}
    first, second = (
        subprocess.Popen(
            ["make", "report"], cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    )
    outs = [p.communicate(timeout=900) for p in (first, second)]
    assert first.returncode == 0 and second.returncode == 0, outs
    assert not any("Traceback" in out + err for out, err in outs)
    assert any("Waiting for another build of edition" in out + err for out, err in outs)
    assert not list((clean_copy_build).rglob("*.partial*"))
