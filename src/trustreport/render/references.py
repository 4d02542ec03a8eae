"""The References page: every source the edition's data cites, and how to cite the report itself.

The page is written in the edition's language. Publishers and titles are names and stay as the sources give them;
a source's note is read from `note` in English and from its Chinese twin `note_zh` in Chinese, which a source with
a note must have (no fallback to English).
"""

from __future__ import annotations

import polars as pl

from .. import escape, numbers, words
from ..chapter.sources import linked_title, publisher, stance_text
from ..errors import UserError
from ..languages import twin_column
from ..params import Edition
from ..project import release


def cited_sources(tables: dict[str, pl.DataFrame]) -> pl.DataFrame:
    """The rows of sources.csv that some row of another table names in its source_id, by publisher and date."""
    used = {
        sid
        for name, frame in tables.items()
        if name != "sources" and "source_id" in frame.columns
        for sid in frame["source_id"].drop_nulls()
    }
    sources = tables["sources"]
    if "original_id" in sources.columns:  # a translation is listed beside its Chinese original, not on its own
        originals = dict(sources.filter(pl.col("original_id").is_not_null()).select("id", "original_id").iter_rows())
        used = {originals.get(sid, sid) for sid in used}
    # By publisher, a copy whose publisher is unknown, "(copy)", among the c's: parentheses do not count.
    key = pl.col("publisher").str.replace_all(r"[()（）]", "").str.strip_chars().str.to_lowercase()
    return sources.filter(pl.col("id").is_in(sorted(used))).sort(key, "published", "id")


def note(row: dict, lang: str = "en") -> str | None:
    """The note on what the copy is, in the language: `note`, or its twin in another language (`note_zh`), which a
    noted source must have."""
    column = twin_column("note", lang)
    if column == "note" or not row.get("note"):
        return row.get("note") or None
    if not row.get(column):
        raise UserError(
            f"sources.csv: source '{row['id']}' has a note but no {column} (its note in "
            f"{words.language_name(lang)}, which that edition's References page needs): {row['note']!r}"
        )
    return row[column]


def entry(row: dict, lang: str = "en", translations: tuple[dict, ...] = ()) -> str:
    """One reference in Markdown: publisher, title (linked), date, then the note on what the copy is, then the
    English translations of it the figures were read in."""
    page = words.of("pages", "references", lang)
    published = escape.markdown(numbers.as_recorded(row["published"], lang))
    parts = [
        page["entry"].format(
            publisher=escape.markdown(publisher(row, lang)), title=linked_title(row, lang), published=published
        )
    ]
    if escape.web_address(row["address"]) is None and row.get("address"):
        # the address cell's words (an English note such as "no address kept"), where the language shows them
        parts.append(page["no_address"].format(address=escape.markdown(row["address"])))
    parts.append(numbers.sentence(stance_text(row, lang), lang))
    text = note(row, lang)
    if text:  # a sentence, as the others of the entry are
        parts.append(f"*{escape.markdown(numbers.sentence(text, lang))}*")
    for translation in translations:
        parts.append(
            page["translation"].format(
                publisher=escape.markdown(publisher(translation, lang)),
                title=linked_title(translation, lang),
                published=escape.markdown(numbers.as_recorded(translation["published"], lang)),
            )
        )
    joined = page["between"].join(parts)
    return joined + f" []{{#src-{row['id']}}}" if _id_ok(row["id"]) else joined


def _id_ok(source_id: str) -> bool:
    return bool(source_id) and source_id.isascii() and all(ch.isalnum() or ch in "-_." for ch in source_id)


def citation(edition: Edition) -> str:
    """The report as a reader cites it, with its version and edition, in the edition's language."""
    version, date = release()["version"], release()["date"]
    page = words.of("pages", "references", edition.lang)
    subtitle = page["subtitle"].format(subtitle=escape.markdown(edition.subtitle)) if edition.subtitle else ""
    return page["citation"].format(
        year=date[:4],
        title=escape.markdown(edition.title),
        subtitle=subtitle,
        version=escape.markdown(version),
        edition=escape.markdown(edition.edition),
        date=escape.markdown(numbers.as_recorded(date, edition.lang)),
    )


def page(edition: Edition, tables: dict[str, pl.DataFrame], build_line: str | None = None) -> str:
    """The References page in the edition's language (edition.lang); with `build_line`, the one place a reader finds
    how the report was built (every page's footer links to it)."""
    lang = edition.lang
    page = words.of("pages", "references", lang)
    sources = cited_sources(tables)
    lines = ["---", f'title: "{page["title"]}"', "---", "", page["intro"].format(n=sources.height), ""]
    translations: dict[str, list[dict]] = {}
    for row in tables["sources"].iter_rows(named=True):
        if row.get("original_id"):
            translations.setdefault(row["original_id"], []).append(row)
    lines += [f"- {entry(row, lang, tuple(translations.get(row['id'], ())))}" for row in sources.iter_rows(named=True)]
    lines += ["", page["cite"], "", "::: {.tr-cite}", citation(edition), ":::", ""]
    if build_line is not None:  # the site's; the PDF has its imprint page
        lines += ["::: {.tr-web}", "", page["built"], "", page["built_intro"], ""]
        lines += ["::: {.tr-built-details}", escape.markdown(build_line), ":::", "", ":::", ""]
    return "\n".join(lines)
