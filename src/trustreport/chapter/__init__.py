"""The chapter stage: what a notebook calls. `start(globals())` sets a chapter up; figures, numbers and sentences
turn the tables into prose whose every number is ledgered."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .context import Context
    from .each import Each


def start(namespace: dict) -> Context | Each:
    """Set a chapter up from its notebook's globals (chapter/context.py). Imported when called, so that the stages
    that only read a chapter's declarations or text (plan, staging) do not import the charts and their Altair."""
    from .context import start as start_chapter

    return start_chapter(namespace)


def Markdown(text: str | Each) -> Any:  # named as IPython names it, which the notebooks imported before
    """IPython's Markdown output, of text in the chapter's language, or in each language of a run for several."""
    from IPython.display import Markdown as markdown

    from .each import in_each_language

    return in_each_language(markdown)(text)


__all__ = ["Markdown", "start"]
