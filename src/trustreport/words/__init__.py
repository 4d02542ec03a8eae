"""Every word the package puts before a reader, in each language: one catalogue per layer, beside this file.

    frame.yml       the site's and the PDF's frame: navigation, search, the build line, the Lua filter's and the
                    Typst template's words, the box that closes each chapter
    numbers.yml     numbers, dates and periods in words (the formatter, trustreport.numbers)
    charts.yml      the chart kinds' legends, tooltips and axes; captions, source lines and alt text
    chapters.yml    sentences and tables more than one chapter states: scorecard, comparisons, galas, sales,
                    tactics, the what-if, complaint records, source lines
    data.yml        the data's vocabularies: what a figure counts, its scope, sector and kind of period
    pages.yml       the generated pages: References, the what-changed page
    dictionary.yml  the data dictionary (its English column meanings are the schemas' own descriptions)

A chapter's own words stay beside its notebook (notebooks/<chapter>.text.yml, trustreport.chapter.text).

Each catalogue is a set of sections, each a set of entries, each entry a text per language:

    scorecard:
      measure:
        en: "Measure"
        zh: "指标"

`of(layer, section, lang)` gives one section in one language. An entry without that language is an error naming
the file, the entry and the language: there is no fallback to another language.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import UserError
from ..files import CatalogueLoader
from ..languages import check

FOLDER = Path(__file__).parent
LAYERS = ("frame", "numbers", "charts", "chapters", "data", "pages", "dictionary")
# Sections whose English is written elsewhere, in the code's own words: the data dictionary's English is the schemas'
# docstrings and column descriptions (data/schemas.py), so these hold every other language.
ENGLISH_IN_SCHEMAS = {("dictionary", "tables"), ("dictionary", "columns")}


def path(layer: str) -> Path:
    return FOLDER / f"{layer}.yml"


@cache
def catalogue(layer: str) -> dict[str, dict[str, Any]]:
    """A layer's whole catalogue: section -> entry -> language -> text."""
    if layer not in LAYERS:
        raise ValueError(f"no word catalogue '{layer}' (catalogues: {', '.join(LAYERS)})")
    try:
        return yaml.load(path(layer).read_text(encoding="utf-8"), Loader=CatalogueLoader) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise UserError(f"{shown(layer)}: not a readable word catalogue ({exc})") from None


def shown(layer: str) -> str:
    return f"src/trustreport/words/{layer}.yml"


@cache
def of(layer: str, section: str, lang: str) -> dict[str, Any]:
    """A section of a catalogue in `lang`: entry -> text (a text, a list of lines, or null where a catalogue says
    "nothing" in that language). Not to be changed: the same dict is handed to every caller."""
    check(lang)
    entries = catalogue(layer).get(section)
    if entries is None:
        raise UserError(f"{shown(layer)}: no section '{section}'")
    missing = [key for key, texts in entries.items() if lang not in texts]
    if missing:
        raise UserError(f"{shown(layer)}: {section}.{missing[0]} has no {lang} text: add it beside the others")
    return {key: texts[lang] for key, texts in entries.items()}


def word(layer: str, section: str, key: str, lang: str) -> Any:
    """One entry of a section in `lang`."""
    return of(layer, section, lang)[key]


def language_name(lang: str) -> str:
    """A language as it names itself (English, 中文), for messages that name an edition's language."""
    return word("frame", "site", "language_name", lang)
