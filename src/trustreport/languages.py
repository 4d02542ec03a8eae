"""The languages a report can be written in: the list, the check, the tag, and where each language's edition and
pages are.

The list is words/languages.yml: a language is added there, then in every catalogue (src/trustreport/words/) and
every chapter's notebooks/<chapter>.text.yml. The project builds its editions in the languages trustreport.yml
names (`languages`), the first being the site's: its pages at the site's root, each other language's in a folder
named after it (zh/). An edition in another language is the same edition file with `lang` set, named
`<edition>-<lang>` (2021-zh).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from . import files
from .errors import UserError
from .project import root, settings

LANGUAGES_FILE = Path(__file__).parent / "words" / "languages.yml"


@cache
def _languages() -> dict[str, dict]:
    return files.load_yaml(LANGUAGES_FILE.read_text(encoding="utf-8"))


def languages() -> tuple[str, ...]:
    """Every language a report can be written in, as editions, notebooks and catalogues name it: en, zh."""
    return tuple(_languages())


def check(lang: str) -> str:
    """`lang` itself if a report can be written in it; otherwise ValueError naming it and the languages there are."""
    if lang not in _languages():
        raise ValueError(f"language {lang!r}: use one of {', '.join(languages())}")
    return lang


def tag(lang: str) -> str:
    """The language as a page's <html lang> and pandoc name it (Quarto writes zh-Hans for zh, and so do we)."""
    return str(_languages()[check(lang)]["tag"])


def writes_chinese(lang: str) -> bool:
    """Whether the language's pages are written in Chinese script: elsewhere a run of Chinese is marked as such."""
    return bool(_languages()[check(lang)]["chinese"])


def project_languages() -> list[str]:
    """The languages `make report` builds every edition in (trustreport.yml `languages`), the site's first."""
    named = [str(lang) for lang in settings().get("languages", ["en"])]
    unknown = [lang for lang in named if lang not in _languages()]
    if unknown or not named:
        raise UserError(
            f"{root() / 'trustreport.yml'}: languages {named}: use languages from {', '.join(languages())} "
            f"(src/trustreport/words/languages.yml lists them)"
        )
    return named


def site_language() -> str:
    """The language of the site's root pages: the first of the project's."""
    return project_languages()[0]


def edition_in(base: str, lang: str) -> str:
    """The edition of `base` written in `lang`: '2021' (the site's language) or '2021-zh'."""
    return base if lang == site_language() else f"{base}-{check(lang)}"


def base_edition(edition: str, lang: str) -> str:
    """'2021' for '2021-zh': the edition as the site's language names it."""
    suffix = f"-{lang}"
    return edition[: -len(suffix)] if edition.endswith(suffix) and lang != site_language() else edition


def split_edition(name: str) -> tuple[str, str] | None:
    """('2021', 'zh') for a name of the form '<edition>-<lang>', whatever files exist; None for any other name."""
    stem, _, lang = name.rpartition("-")
    return (stem, lang) if stem and lang in _languages() else None


def folder_of(lang: str) -> str:
    """Where a language's pages sit in the site: the root for the site's language, else '<lang>/'."""
    return "" if lang == site_language() else f"{check(lang)}/"


# The tables' text columns (a tactic's `what`, a source's `note`) are written in English; a column's text in another
# language is its twin, named after the language (`what_zh`).
TABLES_LANGUAGE = "en"


def twin_column(column: str, lang: str) -> str:
    """The column holding a table's text `column` in `lang`: `what` itself in English, `what_zh` in Chinese."""
    return column if check(lang) == TABLES_LANGUAGE else f"{column}_{lang}"
