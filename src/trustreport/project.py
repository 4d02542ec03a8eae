"""The project folder trustreport works on, and where things live in it.

A project is a folder holding `trustreport.yml` (its marker and project-wide settings), `data/`, `params/`,
`notebooks/` and `report/`. It is found from $TRUSTREPORT_ROOT, else by walking up from the working directory,
so the installed package can build any project folder, not only the one it came in.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from . import files
from .errors import UsageError

MARKER = "trustreport.yml"


@cache
def root() -> Path:
    """The project folder: $TRUSTREPORT_ROOT, else the nearest folder upwards from here holding trustreport.yml."""
    env = os.environ.get("TRUSTREPORT_ROOT")
    if env:
        folder = Path(env).resolve()
        if not (folder / MARKER).is_file():
            raise UsageError(f"TRUSTREPORT_ROOT={env}: no {MARKER} there, so it is not a trustreport project")
        return folder
    here = Path.cwd().resolve()
    found = find(here)
    if found is None:
        raise UsageError(
            f"no {MARKER} in {here} or any folder above it: run trustreport inside a project, or set TRUSTREPORT_ROOT"
        )
    return found


def find(start: Path) -> Path | None:
    """The nearest folder from `start` upwards that holds trustreport.yml."""
    for folder in (start, *start.parents):
        if (folder / MARKER).is_file():
            return folder
    return None


@cache
def settings() -> dict:
    """trustreport.yml: the project-wide settings."""
    return files.load_yaml((root() / MARKER).read_text(encoding="utf-8")) or {}


def default_edition() -> str:
    """The edition `make report` builds and publishes when none is named."""
    return str(settings()["default_edition"])


def params_dir() -> Path:
    return root() / "params"


def notebooks_dir() -> Path:
    return root() / "notebooks"


def report_dir() -> Path:
    """The Quarto project: chapter list, styles, scripts."""
    return root() / "report"


def build_dir(edition: str) -> Path:
    return root() / "build" / edition


def pdf_name(edition: str) -> str:
    """The PDF's file name, the same for both engines, on the site and in build/<edition>/."""
    return f"trustreport-{edition}.pdf"


def release() -> dict[str, str]:
    """The report's version and release date, from report/release.yml."""
    data = files.load_yaml((report_dir() / "release.yml").read_text(encoding="utf-8"))
    return {"version": str(data["version"]), "date": str(data["date"])}


def shown_path(path: Path | str) -> str:
    """A path as the user would type it: relative to the project where it lies inside it."""
    try:
        return str(Path(path).resolve().relative_to(root()))
    except (ValueError, UsageError):
        return str(path)


def user_cache() -> Path:
    """Where files made only from their inputs (font cuts, the Vega script) are kept for the user, not the project:
    a clean build, or another copy of the project, finds them made already. Each file's name holds its inputs'
    key, so nothing stale is ever read."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "trustreport"


@cache
def font_dir() -> Path:
    """Folder holding Noto Sans SC and Noto Serif SC (OFL), installed from PyPI."""
    import pylopdf_fonts_zh_cn

    return Path(pylopdf_fonts_zh_cn.__file__).parent


def cjk_variable_font() -> Path:
    """Noto Sans CJK's variable font collection (OFL; every weight of its SC face), installed from PyPI: the PDF's
    bold Chinese is cut from it (PyPI has no static bold Simplified Chinese face)."""
    import manimgx_fonts_cjk

    return Path(manimgx_fonts_cjk.__file__).parent / "NotoSansCJK-VF.otf.ttc"


@contextmanager
def locked(path: Path, what: str):
    """Hold an exclusive lock on `path` (created if need be) for the duration: one build of an edition, one publish
    of a site at a time. The Makefile takes the same lock with flock(1)."""
    import fcntl
    import sys

    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"Waiting for another {what} to finish...", file=sys.stderr)
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield
