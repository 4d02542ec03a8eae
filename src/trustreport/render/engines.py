"""Turning a staged report into an HTML site and a PDF: Quarto when it is there, else the embedded engine.

Both engines read the same staged folder (stage.py) and the same chapter list; each lives in its own module
(quarto.py, embedded.py) with a `render(staged, work, info)` that returns its Outputs (outputs.py). To add an
engine: such a module and its line in ENGINES; to add an output format to both, see docs/architecture.md.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from ..errors import UsageError
from . import embedded, quarto
from .outputs import BuildInfo, Outputs

# Each engine's render(staged, work, info), by the name REPORT_ENGINE and the build line give it.
ENGINES: dict[str, Callable[[Path, Path, BuildInfo], Outputs]] = {"quarto": quarto.render, "embedded": embedded.render}


def choose(requested: str | None) -> str:
    """REPORT_ENGINE=quarto|embedded forces one; otherwise Quarto if it is on PATH."""
    if requested:
        if requested not in ENGINES:
            raise UsageError(f"REPORT_ENGINE={requested!r}: use one of {', '.join(ENGINES)}")
        if requested == "quarto" and shutil.which("quarto") is None:
            raise UsageError(
                "REPORT_ENGINE=quarto, but quarto is not on PATH. Install it from conda-forge "
                "(conda env create -f environment.yml) or quarto.org, or use REPORT_ENGINE=embedded."
            )
        return requested
    return "quarto" if shutil.which("quarto") else "embedded"


def render(engine: str, staged: Path, work: Path, info: BuildInfo) -> Outputs:
    return ENGINES[engine](staged, work, info)
