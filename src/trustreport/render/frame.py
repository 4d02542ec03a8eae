"""The report's frame in the edition's language: its words (words/frame.yml) and its links to the same pages in the
other languages the edition is built in (languages.py says where each language's edition and pages are)."""

from __future__ import annotations

from .. import words
from ..languages import base_edition, edition_in, folder_of, project_languages, site_language
from ..project import params_dir, pdf_name


def word(lang: str, key: str) -> str:
    """A word of the site's frame (words/frame.yml, `site`) in `lang`."""
    return words.word("frame", "site", key, lang)


def engine_name(engine: str, lang: str) -> str:
    """An engine as the build line names it: "embedded" / "内置引擎"."""
    return words.word("frame", "engines", engine, lang)


def translations(edition: str, lang: str) -> list[dict[str, str]]:
    """The other languages of an edition, each with the way from one of this edition's pages to the same page in
    that language (prefix + page name), its name in its own language, and its PDF."""
    base = base_edition(edition, lang)
    if not (params_dir() / f"{base}.yml").is_file():
        return []  # an edition read from a file elsewhere has no other language (its name has no edition file)
    up = "" if lang == site_language() else "../"
    out = []
    for other in project_languages():
        if other == lang:
            continue
        prefix = up + folder_of(other)
        out.append(
            {
                "lang": other,
                "prefix": prefix,
                "name": word(other, "language_name"),
                "read": word(other, "read_in"),
                "pdf": prefix + pdf_name(edition_in(base, other)),
                "pdf_label": word(other, "pdf_in"),
            }
        )
    return out
