"""The report's frame in the edition's language: its words (words/frame.yml) and its links to the same pages in the
other languages the edition is built in (languages.py says where each language's edition and pages are)."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from .. import escape, numbers, words
from ..chapters import chapters
from ..languages import base_edition, edition_in, folder_of, project_languages, site_language, writes_chinese
from ..project import params_dir, pdf_name, release


def word(lang: str, key: str) -> str:
    """A word of the site's frame (words/frame.yml, `site`) in `lang`."""
    return words.word("frame", "site", key, lang)


def nav_label(stem: str, lang: str) -> str | None:
    """A chapter's name in the navigation where it is not its heading (words/frame.yml `nav`), else None."""
    return words.of("frame", "nav", lang).get(stem)


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


# The words the site's scripts (report/assets/*.js) write, which every page hands them in its #tr-words element:
# report.lua writes it on the report's pages (it reads this list from the metadata), script_words_element elsewhere.
SCRIPT_WORDS = ("scroll_cue", "table", "reset", "no_match", "breadcrumb", "search", "anchor")


def _said(lang: str) -> dict[str, str]:
    # the filters' and the PDF frame's words, and the site's name for its search, which the scripts give Quarto's box
    return {**words.of("frame", "filter", lang), **words.of("frame", "pdf", lang), "search": word(lang, "search")}


def script_words_element(lang: str) -> str:
    """The hidden element holding the scripts' words in `lang` (data-<key>), for a page the Lua filter does not
    write (the what-changed page), as report.lua writes it on every other."""
    said = _said(lang)
    data = " ".join(f'data-{key.replace("_", "-")}="{html.escape(said[key])}"' for key in SCRIPT_WORDS)
    return f'<div id="tr-words" hidden {data}></div>'


def filter_metadata(lang: str) -> dict[str, str | bool]:
    """What the Lua filters (report/filters/report.lua, trustbook.lua) and the PDF frame read from a document's
    metadata: their words in `lang` (tr-word-<key>), which of them the site's scripts read (tr-script-words) and
    whether its pages are written in Chinese."""
    return {
        **{f"tr-word-{key}": text for key, text in _said(lang).items()},
        "tr-script-words": " ".join(SCRIPT_WORDS),
        "tr-mark-chinese": not writes_chinese(lang),
        "tr-cjk": writes_chinese(lang),
    }


def cover(staged: Path, years: tuple[int, int], lang: str) -> dict[str, str]:
    """The PDF cover's lines beside the title, in `lang`: the years compared, the report's finding (the summary's
    heading, as its executed chapter states it) and the release date."""
    said = words.of("frame", "pdf", lang)
    before, after = years
    return {
        "compared": said["compared"].format(before=before, after=after),
        "finding": _finding(staged / chapters()[0].file),
        "published": said["published"].format(date=numbers.date_text(release()["date"], lang)),
    }


def _finding(summary: Path) -> str:
    """The summary's heading: the first level-one heading among its Markdown outputs ("" when it has none)."""
    try:
        cells = json.loads(summary.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError):
        return ""
    for cell in cells:
        for output in cell.get("outputs", []):
            text = output.get("data", {}).get("text/markdown", "")
            text = "".join(text) if isinstance(text, list) else text
            found = re.search(r"^# (.+)$", text, re.M)
            if found:
                return found.group(1).strip()
    return ""


def show_appendices(lang: str) -> str:
    """The Typst line that starts the PDF's appendices, labelled "Appendix A:" as `lang` labels them."""
    before, after = words.word("frame", "pdf", "appendix", lang).split("{letter}")
    return f"#show: trust-appendices.with(before: {escape.typst_string(before)}, after: {escape.typst_string(after)})"
