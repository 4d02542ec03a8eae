"""What a chapter declares it needs, in its notebook's metadata, readable without running it:

    "trustreport": {"reads": ["gala", "festival_gmv"], "params": ["what_if"], "languages": ["en"]}

`reads` names raw tables (data/raw/<name>.csv; sources.csv is read by every chapter, since every figure cites
it); `params` names the edition parameters it uses beyond those every chapter does (params.EVERY_CHAPTER).
The build reruns a chapter when one of these changes, and the chapter can use nothing else. `languages` names
the languages its text is written in (default: en); an edition in another language refuses to run it, rather
than mix languages.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..data.schemas import TABLES
from ..errors import UserError
from ..params import EVERY_CHAPTER, LANGS, Edition
from ..project import shown_path

ALWAYS_READ = ("sources",)


@dataclass(frozen=True)
class Declared:
    reads: tuple[str, ...]  # table names, sources included
    params: tuple[str, ...]  # edition parameters, those every chapter uses included
    languages: tuple[str, ...] = ("en",)  # the languages its text is written in


def declared(notebook: Path) -> Declared:
    """A notebook's declarations, checked against the tables and parameters that exist."""
    try:
        meta = json.loads(notebook.read_text(encoding="utf-8")).get("metadata", {}).get("trustreport", {})
    except (OSError, ValueError) as exc:
        raise UserError(f"{shown_path(notebook)}: not a readable notebook ({exc})") from None
    reads, params = list(meta.get("reads", [])), list(meta.get("params", []))
    languages = meta.get("languages", ["en"])
    unknown = [t for t in reads if t not in TABLES] + [p for p in params if p not in Edition.model_fields]
    if unknown:
        raise UserError(
            f"{shown_path(notebook)}: metadata trustreport declares {', '.join(map(repr, unknown))}, which is neither "
            f"a table ({', '.join(TABLES)}) nor an edition parameter ({', '.join(Edition.model_fields)})"
        )
    if not isinstance(languages, list) or not languages or any(lang not in LANGS for lang in languages):
        raise UserError(
            f"{shown_path(notebook)}: metadata trustreport.languages is {languages!r}: a list of languages from "
            f"{', '.join(LANGS)}"
        )
    return Declared(
        reads=tuple(dict.fromkeys([*ALWAYS_READ, *reads])),
        params=tuple(dict.fromkeys([*EVERY_CHAPTER, *params])),
        languages=tuple(languages),
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
