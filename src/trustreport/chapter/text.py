"""A chapter's words in each language it is written in, kept where a translator can work with them.

Two places, both beside the notebook:
  - its Markdown cells: a chapter written in more than one language gives every Markdown cell a language and a
    key in its metadata, {"trustreport": {"lang": "zh", "text": "intro"}}; each language has the same keys, in the
    same order, and the build keeps the edition's language only (render/stage.py);
  - the sentences its code builds around numbers: notebooks/<chapter>.text.yml, one entry per key, a template
    per language with {named} places the chapter fills (`ch.t("gala-drew", viewers=...)`).

A missing translation is an error naming the file, the key and the language: never a silent fallback.
"""

from __future__ import annotations

import hashlib
import json
import string
from functools import cache
from pathlib import Path

import yaml

from .. import files
from ..errors import UserError
from ..project import notebooks_dir, shown_path


def catalogue_path(chapter: str) -> Path:
    return notebooks_dir() / f"{chapter}.text.yml"


@cache
def _catalogue(path: Path, modified: float) -> dict[str, dict[str, str]]:
    try:
        entries = yaml.load(path.read_text(encoding="utf-8"), Loader=files.CatalogueLoader) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise UserError(f"{shown_path(path)}: not a readable text catalogue ({exc})") from None
    if not isinstance(entries, dict) or not all(
        isinstance(v, dict) and all(isinstance(t, str) for t in v.values()) for v in entries.values()
    ):
        raise UserError(
            f"{shown_path(path)}: a text catalogue maps each key to a template per language (en: ..., zh: ...)"
        )
    return entries


def catalogue(chapter: str) -> dict[str, dict[str, str]]:
    """The chapter's catalogue (empty when it has none)."""
    path = catalogue_path(chapter)
    return _catalogue(path, path.stat().st_mtime) if path.is_file() else {}


def words_digest(chapter: str, lang: str) -> str:
    """A digest of the chapter's catalogue in one language: all that its run in that language reads of it."""
    entries = {key: entry.get(lang) for key, entry in catalogue(chapter).items()}
    return hashlib.sha256(json.dumps(entries, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def _places(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def say(chapter: str, lang: str, key: str, values: dict[str, object]) -> str:
    """The catalogue's template for `key` in `lang`, filled with `values` (already Markdown-safe text)."""
    path = catalogue_path(chapter)
    entry = catalogue(chapter).get(key)
    if entry is None:
        raise UserError(f"{shown_path(path)}: no text '{key}' (chapter {chapter} asks for it)")
    template = entry.get(lang)
    if template is None:
        raise UserError(f"{shown_path(path)}: text '{key}' has no {lang} translation")
    missing, unused = _places(template) - set(values), set(values) - _places(template)
    if missing or unused:
        raise UserError(
            f"{shown_path(path)}: text '{key}' ({lang}) "
            + "; ".join(
                part
                for part in (
                    f"has places the chapter does not fill: {', '.join(sorted(missing))}" if missing else "",
                    f"leaves out {', '.join(sorted(unused))}" if unused else "",
                )
                if part
            )
        )
    return template.format_map(values)


def check(chapter: str, notebook: Path, languages: tuple[str, ...]) -> None:
    """Every word of the chapter is there in each of its languages: the catalogue's every key, with the same
    places, and the Markdown cells' keys, in the same order. Checked before the chapter runs."""
    path = catalogue_path(chapter)
    for key, entry in catalogue(chapter).items():
        for lang in languages:
            if lang not in entry:
                raise UserError(f"{shown_path(path)}: text '{key}' has no {lang} translation")
        if len({frozenset(_places(entry[lang])) for lang in languages}) > 1:
            raise UserError(f"{shown_path(path)}: text '{key}' has different {{places}} in {' and '.join(languages)}")
    if len(languages) < 2:
        return
    cells = [c for c in json.loads(notebook.read_text(encoding="utf-8"))["cells"] if c["cell_type"] == "markdown"]
    keys: dict[str, list[str]] = {lang: [] for lang in languages}
    for index, cell in enumerate(cells, start=1):
        meta = cell.get("metadata", {}).get("trustreport", {})
        if meta.get("lang") not in languages or not meta.get("text"):
            raise UserError(
                f"{shown_path(notebook)}: Markdown cell {index} has no language and key in its metadata "
                f"(trustreport.lang: one of {', '.join(languages)}; trustreport.text: its key)"
            )
        keys[meta["lang"]].append(meta["text"])
    first = languages[0]
    for lang in languages[1:]:
        if keys[lang] != keys[first]:
            lacking = [k for k in keys[first] if k not in keys[lang]] or [k for k in keys[lang] if k not in keys[first]]
            raise UserError(
                f"{shown_path(notebook)}: its Markdown cells in {lang} do not match those in {first}"
                + (f": '{lacking[0]}' is missing from one of them" if lacking else ": the same keys in another order")
            )


def in_language(cell: dict, lang: str) -> bool:
    """Whether a cell belongs in the `lang` edition: code cells and cells given no language always do."""
    cell_lang = cell.get("metadata", {}).get("trustreport", {}).get("lang")
    return cell_lang is None or cell_lang == lang
