"""The References page: every source the edition's data cites, and how to cite the report itself."""

from __future__ import annotations

import polars as pl

from .. import escape
from ..chapter.figures import linked_title
from ..params import Edition
from .manifest import release


def cited_sources(tables: dict[str, pl.DataFrame]) -> pl.DataFrame:
    """The rows of sources.csv that some row of another table names in its source_id, by publisher and date."""
    used = {sid for name, frame in tables.items() if name != "sources" and "source_id" in frame.columns for sid in frame["source_id"].drop_nulls()}
    sources = tables["sources"]
    # By publisher, a copy whose publisher is unknown, "(copy)", among the c's: parentheses do not count.
    key = pl.col("publisher").str.replace_all(r"[()（）]", "").str.strip_chars().str.to_lowercase()
    return sources.filter(pl.col("id").is_in(sorted(used))).sort(key, "published", "id")


def entry(row: dict) -> str:
    """One reference in Markdown: publisher, title (linked), date, then the note on what the copy is."""
    title = linked_title(row)
    address = escape.web_address(row["address"])
    parts = [f"{escape.markdown(row['publisher'])}. {title}. {escape.markdown(row['published'])}."]
    if address is None and row.get("address"):
        parts.append(f"({escape.markdown(row['address'])})")
    if row.get("note"):
        parts.append(f"*{escape.markdown(row['note'])}*")
    return " ".join(parts) + f" []{{#src-{row['id']}}}" if _id_ok(row["id"]) else " ".join(parts)


def _id_ok(source_id: str) -> bool:
    return bool(source_id) and source_id.isascii() and all(ch.isalnum() or ch in "-_." for ch in source_id)


def citation(edition: Edition) -> str:
    """The report as a reader cites it, with its version and edition."""
    version, date = release()["version"], release()["date"]
    return (f"trustreport contributors ({date[:4]}). *{escape.markdown(edition.title)}: {escape.markdown(edition.subtitle)}*. "
            f"Version {escape.markdown(version)}, edition {escape.markdown(edition.edition)}, released {escape.markdown(date)}.")


def page(edition: Edition, tables: dict[str, pl.DataFrame]) -> str:
    sources = cited_sources(tables)
    lines = [
        "---",
        'title: "参考来源 · References"',
        "---",
        "",
        f"The {sources.height} sources the figures, tactics and events of this edition come from, by publisher. Where the "
        "original could not be reached, the report cites a copy, and says so: a mirror keeps the original's text on "
        "another site; a translation or an English copy restates it. The notes say what each copy is.",
        "",
    ]
    lines += [f"- {entry(row)}" for row in sources.iter_rows(named=True)]
    lines += ["", "## Cite this report", "", "::: {.tr-cite}", citation(edition), ":::", "",
              "The repository's `CITATION.cff` holds the same, for reference managers.", ""]
    return "\n".join(lines)
