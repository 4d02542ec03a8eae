"""The chapter stage: what a notebook calls. `start(globals())` sets a chapter up; figures, numbers and sentences
turn the tables into prose whose every number is ledgered."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .context import Context


def start(namespace: dict) -> Context:
    """Set a chapter up from its notebook's globals (chapter/context.py). Imported when called, so that the stages
    that only read a chapter's declarations or text (plan, staging) do not import the charts and their Altair."""
    from .context import start as start_chapter

    return start_chapter(namespace)


__all__ = ["start"]
