"""The one list of chapters, read from the Quarto project (report/_quarto.yml `book.chapters`), and what each
chapter declares it needs in its notebook's metadata, readable without running it:

    "trustreport": {"reads": ["gala", "festival_gmv"], "params": ["what_if"], "languages": ["en", "zh"]}

`reads` names raw tables (data/raw/<name>.csv; sources.csv is read by every chapter, since every figure cites
it); `params` names the edition parameters it uses beyond those every chapter does (params.EVERY_CHAPTER).
The build reruns a chapter when one of these changes, and the chapter can use nothing else. `languages` names
the languages its text is written in (default: en); an edition in another language refuses to run it, rather
than mix languages.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from . import files
from .data.table_files import TABLE_FILES
from .errors import UserError
from .languages import languages as known_languages
from .params import EVERY_CHAPTER, Edition
from .project import build_dir, notebooks_dir, report_dir, shown_path

# ---- what a chapter declares ---------------------------------------------------------------------------------------

ALWAYS_READ = ("sources",)


@dataclass(frozen=True)
class Declared:
    reads: tuple[str, ...]  # table names, sources included
    params: tuple[str, ...]  # edition parameters, those every chapter uses included
    languages: tuple[str, ...] = ("en",)  # the languages its text is written in
    release: bool = False  # it states the report's version or date (report/release.yml)


def declared(notebook: Path) -> Declared:
    """A notebook's declarations, checked against the tables and parameters that exist."""
    try:
        meta = json.loads(notebook.read_text(encoding="utf-8")).get("metadata", {}).get("trustreport", {})
    except (OSError, ValueError) as exc:
        raise UserError(f"{shown_path(notebook)}: not a readable notebook ({exc})") from None
    reads, params = list(meta.get("reads", [])), list(meta.get("params", []))
    languages = meta.get("languages", ["en"])
    unknown = [t for t in reads if t not in TABLE_FILES] + [p for p in params if p not in Edition.model_fields]
    if unknown:
        raise UserError(
            f"{shown_path(notebook)}: metadata trustreport declares {', '.join(map(repr, unknown))}, which is neither "
            f"a table ({', '.join(TABLE_FILES)}) nor an edition parameter ({', '.join(Edition.model_fields)})"
        )
    if not isinstance(languages, list) or not languages or any(lang not in known_languages() for lang in languages):
        raise UserError(
            f"{shown_path(notebook)}: metadata trustreport.languages is {languages!r}: a list of languages from "
            f"{', '.join(known_languages())}"
        )
    return Declared(
        reads=tuple(dict.fromkeys([*ALWAYS_READ, *reads])),
        params=tuple(dict.fromkeys([*EVERY_CHAPTER, *params])),
        languages=tuple(languages),
        release=meta.get("release") is True,
    )


def check_language(chapters: dict[str, Declared], lang: str) -> None:
    """Refuse an edition language some chapters are not written in: a report never mixes its languages."""
    missing = [stem for stem, wanted in chapters.items() if lang not in wanted.languages]
    if missing:
        raise UserError(
            f"lang: {lang}: {'chapter' if len(missing) == 1 else 'chapters'} {', '.join(missing)} "
            f"{'is' if len(missing) == 1 else 'are'} not written in {lang} yet (each notebook's metadata "
            "trustreport.languages names the languages its text is in)"
        )


# ---- the chapter list ----------------------------------------------------------------------------------------------

# Quarto makes a book's home page from its first chapter, which must be named index. The summary notebook is
# numbered like the other chapters in notebooks/ and is staged under that name.
NOTEBOOK_FOR = {"index.ipynb": "00_summary.ipynb"}


@dataclass(frozen=True)
class Chapter:
    """One entry of `book.chapters`: a page written in report/ or a notebook in notebooks/."""

    file: str  # as listed in _quarto.yml, and as staged for rendering

    @property
    def notebook(self) -> str:
        return NOTEBOOK_FOR.get(self.file, self.file)

    @property
    def stem(self) -> str:
        """The chapter's name: its notebook's (00_summary), or its page's (data-dictionary)."""
        return Path(self.notebook).stem

    @property
    def is_notebook(self) -> bool:
        return self.file.endswith(".ipynb")

    @property
    def source(self) -> Path:
        return notebooks_dir() / self.notebook if self.is_notebook else report_dir() / self.file

    def executed(self, edition: str) -> Path:
        """Where papermill writes this chapter for an edition."""
        return build_dir(edition) / "chapters" / self.notebook

    @property
    def page(self) -> str:
        return f"{Path(self.file).stem}.html"

    def declared(self) -> Declared:
        """The tables and parameters the chapter's notebook declares it uses."""
        return declared(self.source)


@cache
def book() -> dict:
    path = report_dir() / "_quarto.yml"
    config = files.load_yaml(path.read_text(encoding="utf-8")) or {}
    book = config.get("book") or {}
    if not book.get("chapters"):
        raise UserError(f"{path}: book.chapters is empty: the report has no chapters")
    return book


def chapters() -> list[Chapter]:
    """The chapters, then the appendices, in reading order."""
    return [Chapter(str(entry)) for entry in [*book()["chapters"], *(book().get("appendices") or [])]]


def notebook_chapters() -> list[Chapter]:
    return [c for c in chapters() if c.is_notebook]


def chapter(stem: str) -> Chapter:
    for c in chapters():
        if c.stem == stem:
            return c
    raise UserError(f"no chapter '{stem}' in report/_quarto.yml (chapters: {', '.join(c.stem for c in chapters())})")
