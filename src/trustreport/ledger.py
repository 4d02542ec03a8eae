"""The ledger: every number a chapter's prose states, with what it was made from, so that the tests can make each
phrase again from the data and the what-changed page can set a version's phrases beside the previous one's.

This module writes and reads every ledger entry. Its way through the build:
  - the chapter's phrases (chapter/figures.py) are ledgered as they are handed out (`Ledger`);
  - `ch.end()` carries the chapter's entries out of its notebook in an output's metadata (`output_metadata`);
  - staging reads them from the executed notebook (`from_outputs`) into build/<edition>/ledger/<chapter>.json;
  - assembly gathers every chapter's into the site's ledger.json (`write_site`), which the next version's
    what-changed page reads (`read_site`, `phrase_key`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal, TypedDict, cast

from . import files

META_KEY = "trustreport"  # the output metadata key holding a chapter's ledger


class FigureEntry(TypedDict):
    kind: Literal["figure"]
    figure_id: str | None
    decimals: int
    in_scale: float  # the smallest scale its series writes, 0 for none (numbers.series_scaled)
    text: str


class ChangeEntry(TypedDict):  # the change from `of` to `figure_id`, worked out from the two
    kind: Literal["change"]
    figure_id: str | None
    of: str | None
    verb: bool
    text: str


class PerUnitEntry(TypedDict):  # how `figure_id` per unit of `of` changed
    kind: Literal["per_unit"]
    figure_id: str
    of: str
    verb: bool
    text: str


class GrowthEntry(TypedDict):
    kind: Literal["growth"]
    figure_id: str | None
    verb: bool
    text: str


class RatioEntry(TypedDict):
    kind: Literal["ratio"]
    figure_id: str
    of: str
    digits: int
    text: str


class PeriodEntry(TypedDict):
    kind: Literal["period"]
    figure_id: str | None
    text: str


class CountEntry(TypedDict):  # a number the chapter counted from the data (measures, tactics)
    kind: Literal["count"]
    figure_id: None
    about: str
    text: str


class FactEntry(TypedDict):  # a text cell stated as it is written (a tactic's date)
    kind: Literal["fact"]
    figure_id: None
    table: str
    key: str
    column: str
    text: str


Entry = FigureEntry | ChangeEntry | PerUnitEntry | GrowthEntry | RatioEntry | PeriodEntry | CountEntry | FactEntry


class Ledger:
    """A chapter's entries, in the order its phrases were handed out; each method adds one and gives its text back."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []

    def append(self, entry: Entry) -> None:
        self.entries.append(entry)

    def figure(self, figure_id: str | None, decimals: int, text: str, in_scale: float = 0) -> str:
        self.append(FigureEntry(kind="figure", figure_id=figure_id, decimals=decimals, in_scale=in_scale, text=text))
        return text

    def change(self, after: str | None, before: str | None, verb: bool, text: str) -> str:
        self.append(ChangeEntry(kind="change", figure_id=after, of=before, verb=verb, text=text))
        return text

    def per_unit(self, numerator: str, denominator: str, verb: bool, text: str) -> str:
        self.append(PerUnitEntry(kind="per_unit", figure_id=numerator, of=denominator, verb=verb, text=text))
        return text

    def growth(self, figure_id: str | None, verb: bool, text: str) -> str:
        self.append(GrowthEntry(kind="growth", figure_id=figure_id, verb=verb, text=text))
        return text

    def ratio(self, numerator: str, denominator: str, digits: int, text: str) -> str:
        self.append(RatioEntry(kind="ratio", figure_id=numerator, of=denominator, digits=digits, text=text))
        return text

    def period(self, figure_id: str | None, text: str) -> str:
        self.append(PeriodEntry(kind="period", figure_id=figure_id, text=text))
        return text

    def counted(self, about: str, text: str) -> str:
        self.append(CountEntry(kind="count", figure_id=None, about=about, text=text))
        return text

    def fact(self, table: str, key: str, column: str, text: str) -> str:
        self.append(FactEntry(kind="fact", figure_id=None, table=table, key=key, column=column, text=text))
        return text


def output_metadata(
    chapter: str, inputs: dict[str, str], entries: list[Entry], absent: list[str] | None = None
) -> dict[str, Any]:
    """The metadata of the output that carries a chapter's ledger out of its notebook, and the figure ids it named
    that the edition's data does not hold (`absent`, stated as "not reported")."""
    return {
        META_KEY: {
            "chapter": chapter,
            "inputs": dict(sorted(inputs.items())),
            "ledger": list(entries),
            "absent": list(absent or []),
        }
    }


def absent_from_outputs(notebook: dict) -> list[str]:
    """The figure ids an executed chapter named that its edition's data does not hold (`output_metadata`)."""
    carried = _carried(notebook)
    return [] if carried is None else list(carried.get("absent", []))


def _carried(notebook: dict) -> dict[str, Any] | None:
    """What an executed chapter's closing output carries (`output_metadata`): the last, should there be several."""
    found = None
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            meta = output.get("metadata", {}).get(META_KEY, {})
            if "ledger" in meta:
                found = meta
    return found


def from_outputs(notebook: dict) -> list[Entry] | None:
    """The ledger an executed notebook's outputs carry, or None."""
    carried = _carried(notebook)
    return None if carried is None else cast(list[Entry], carried["ledger"])


def write(path: Path, entries: list[Entry]) -> None:
    """A chapter's ledger file, build/<edition>/ledger/<chapter>.json (rewritten only when it changes)."""
    files.write_text_if_changed(path, json.dumps(entries, ensure_ascii=False, indent=1) + "\n")


def read(path: Path) -> list[Entry]:
    return cast(list[Entry], json.loads(path.read_text(encoding="utf-8")))


def write_site(path: Path, chapters: dict[str, list[Entry]]) -> None:
    """Every chapter's ledger in one file, the site's ledger.json."""
    files.write_text(path, json.dumps(chapters, ensure_ascii=False, indent=1, sort_keys=True) + "\n")


def read_site(path: Path) -> dict[str, list[Entry]]:
    return cast(dict[str, list[Entry]], json.loads(path.read_text(encoding="utf-8")))


def phrase_key(chapter: str, entry: Entry) -> tuple[str, str, str, str]:
    """What a stated number is, whatever its text: the same key in two versions is the same phrase, restated."""
    raw = cast(dict[str, Any], entry)
    subject = raw["figure_id"] or raw.get("key") or raw.get("about") or ""
    return chapter, raw["kind"], subject, raw.get("of") or raw.get("column") or ""
