"""The chapter stage: what a notebook calls. `start(globals())` sets a chapter up; figures, numbers and sentences
turn the tables into prose whose every number is ledgered."""

from .context import start

__all__ = ["start"]
