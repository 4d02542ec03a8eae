"""The one list of chapters, read from the Quarto project (report/_quarto.yml `book.chapters`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from ..chapter.declared import Declared, declared
from ..errors import UserError
from ..project import build_dir, notebooks_dir, report_dir

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
    config = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
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
