"""render/quarto.py: how `quarto render` is run (a stand-in `quarto` on PATH records what it was given)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from trustreport.errors import UserError
from trustreport.render.outputs import BuildInfo
from trustreport.render.quarto import _render_all

# Records its arguments and the date Typst would be given, in the project folder it was asked to render.
STAND_IN = """#!/bin/sh
printf '%s\\n' "$*" > "$2/asked.txt"
printf '%s' "${SOURCE_DATE_EPOCH:-unset}" > "$2/source-date-epoch.txt"
[ -z "$FAIL" ] || { echo "ERROR: it went wrong" >&2; exit 1; }
"""


@pytest.fixture
def stand_in(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "bin"
    folder.mkdir()
    quarto = folder / "quarto"
    quarto.write_text(STAND_IN, encoding="utf-8")
    quarto.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # a user's own, of another day and hour
    return folder


def info(built: str) -> BuildInfo:
    return BuildInfo(edition="2021", data_fingerprint="0" * 12, built=built, version="1.0.0", commit="abc1234")


def test_each_format_is_rendered_and_typst_is_told_the_build_dates_midnight(stand_in, tmp_path):
    """The PDF is dated by its build date, as the embedded engine dates it, not by the clock: Typst (which Quarto
    runs) reads the date from SOURCE_DATE_EPOCH. 2021-06-16 00:00 UTC is 1623801600 seconds after 1970."""
    projects = [tmp_path / "site", tmp_path / "pdf"]
    for project in projects:
        project.mkdir()
    _render_all(["html", "typst"], projects, info("2021-06-16").built_at())
    assert (projects[0] / "asked.txt").read_text(encoding="utf-8") == f"render {projects[0]} --to html\n"
    assert (projects[1] / "asked.txt").read_text(encoding="utf-8") == f"render {projects[1]} --to typst\n"
    for project in projects:
        assert (project / "source-date-epoch.txt").read_text(encoding="utf-8") == "1623801600"


def test_a_failed_render_is_reported_in_quartos_own_words(stand_in, tmp_path, monkeypatch):
    monkeypatch.setenv("FAIL", "1")
    (tmp_path / "pdf").mkdir()
    with pytest.raises(UserError, match="quarto render --to typst failed:\nERROR: it went wrong"):
        _render_all(["typst"], [tmp_path / "pdf"], info("2021-06-16").built_at())
