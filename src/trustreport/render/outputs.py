"""What an engine makes and what every page and the PDF say about how they were made: the one hand-off between
assembly and the engines."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .. import __version__, escape, numbers
from .frame import engine_name, word


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
    years: tuple[int, int] = (0, 0)  # the two years the edition compares, baseline first (the PDF's cover)
    released: str = ""  # the release date (report/release.yml), as recorded: every page's footer

    def built_at(self) -> datetime:
        """The moment the PDF is dated by: the build date's midnight (UTC), not the clock, so that two builds of one
        day make the same file."""
        return datetime.fromisoformat(self.built).replace(tzinfo=UTC)

    def footer(self) -> str:
        """Every page's footer, as plain text: the report's version and release date (the build line is on the
        References page, under `#built`, which the footer links to: `footer_link`)."""
        return word(self.lang, "footer").format(
            version=self.version,
            date=numbers.date_text(self.released, self.lang),
        )

    def line(self, engine: str) -> str:
        return word(self.lang, "build_line").format(
            version=self.version,
            edition=self.edition,
            commit=self.commit,
            data=self.data_fingerprint,
            built=self.built,
            engine=engine_name(engine, self.lang),
            trustreport=__version__,
        )


def build_meta(info: BuildInfo) -> str:
    """Which build a page is from, in its head (`<meta name="trustreport-build">`), for tools and tests, without
    showing a reader the hashes: the version, edition, commit and data fingerprint, in one fixed form (not the
    reader's language). The build date is left to the References page, so a page states it at most once."""
    line = f"Report {info.version} · edition {info.edition} · commit {info.commit} · data {info.data_fingerprint}"
    return f'<meta name="trustreport-build" content="{escape.html(line)}">'
