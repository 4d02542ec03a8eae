"""Where things live: the project root, the build tree, the fonts."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path


@cache
def project_root() -> Path:
    """The repository root: $TRUSTREPORT_ROOT, else the folder above src/ (editable install)."""
    env = os.environ.get("TRUSTREPORT_ROOT")
    if env:
        return Path(env).resolve()
    return Path(__file__).resolve().parents[2]


def params_dir() -> Path:
    return project_root() / "params"


def notebooks_dir() -> Path:
    return project_root() / "notebooks"


def report_dir() -> Path:
    """The Quarto project: chapter list, index page, styles."""
    return project_root() / "report"


def build_dir(edition: str) -> Path:
    return project_root() / "build" / edition


@cache
def font_dir() -> Path:
    """Folder holding Noto Sans SC and Noto Serif SC (OFL), installed from PyPI."""
    import pylopdf_fonts_zh_cn

    return Path(pylopdf_fonts_zh_cn.__file__).parent


def sans_font() -> Path:
    return font_dir() / "NotoSansSC-Regular.otf"
