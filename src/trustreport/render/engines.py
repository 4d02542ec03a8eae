"""Turning a staged report into an HTML site and a PDF: Quarto when it is there, else the embedded engine.

Both engines read the same staged folder (stage.py) and the same chapter list; each lives in its own module
(quarto.py, embedded.py). To add an output format, add a module with a `render(staged, work, info)`.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from ..errors import UsageError

ENGINES = ("quarto", "embedded")


@dataclass(frozen=True)
class Outputs:
    site: Path  # folder with index.html
    pdf: Path
    engine: str


@dataclass(frozen=True)
class BuildInfo:
    """What every page and the PDF say about how they were made."""

    edition: str
    data_fingerprint: str
    built: str  # the build date, in one place
    version: str  # the report's version (report/release.yml)
    commit: str
    title: str = ""  # the edition's title and subtitle, as written (each engine escapes them for its formats)
    subtitle: str = ""
    lang: str = "en"  # the edition's language: the frame's words, <html lang>, the PDF's hyphenation and line breaking

    def line(self, engine: str) -> str:
        from .frame import engine_name, word

        return word(self.lang, "build_line").format(
            version=self.version,
            edition=self.edition,
            commit=self.commit,
            data=self.data_fingerprint,
            built=self.built,
            engine=engine_name(engine, self.lang),
            trustreport=__version__,
        )


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
    if engine == "quarto":
        from . import quarto

        return quarto.render(staged, work, info)
    from . import embedded

    return embedded.render(staged, work, info)
