"""Citing the sources: a chart's source line, a tooltip's short name for a source, a reference's parts.

Every part of a source line is data (publisher, title, address, date), so every part is escaped, and only an
http(s) address becomes a link. In another language than the tables' the publisher is cited as its twin column
gives it (`publisher_zh`, when there is one) and the date as the language writes dates; the title stays as
published.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import polars as pl

from .. import escape, numbers, words
from ..languages import twin_column


@dataclass(frozen=True)
class Notes:
    """A chart's numbered source notes (Markdown, for its source line) and, by source id, the name with its number
    that the chart's tooltips show."""

    lines: list[str]
    names: dict[str, str]


class Sources:
    """The sources a chapter cites, in the edition's language."""

    def __init__(self, sources: pl.DataFrame, lang: str):
        self.sources, self.lang = sources, lang

    def row(self, source_id: str) -> dict:
        return self.sources.filter(pl.col("id") == source_id).row(0, named=True)

    def cited_id(self, source_id: str) -> str:
        """The source a figure is cited as: a translation's Chinese original (`original_id`), else itself."""
        return self.row(source_id).get("original_id") or source_id

    def line(self, source_id: str) -> str:
        """A source as the report cites it, in Markdown, its title linked to its address; a translation as its
        Chinese original with the translation beside it."""
        read = self.row(source_id)
        row = self.row(self.cited_id(source_id))
        text = words.word("chapters", "sources", "line", self.lang).format(
            publisher=escape.markdown(publisher(row, self.lang)),
            title=linked_title(row, self.lang),
            published=escape.markdown(published(row, self.lang)),
            stance=stance_text(row, self.lang),
        )
        if row["id"] != read["id"]:
            text += words.word("chapters", "sources", "translation", self.lang).format(
                publisher=escape.markdown(publisher(read, self.lang)), title=linked_title(read, self.lang)
            )
        return text

    def cite(self, source_ids) -> list[str]:
        """Source lines for source ids (a chart's figures' `FigureRows.source_ids`, tactics' sources), each once."""
        return list(dict.fromkeys(self.line(sid) for sid in source_ids))

    def notes(self, source_ids) -> Notes:
        """A chart's many sources as numbered short notes ("3. 新京报, 2021-03-15"), each linked to its entry in full
        on the References page, so the line under the chart stays short; and the names the chart's tooltips give
        them, the same, number included (for `Context.chart`'s `source_names`), so a reader goes from a mark to its
        note."""
        template = words.word("chapters", "sources", "note", self.lang)
        names = self.names()
        numbered = {
            sid: template.format(n=n, name=names[sid])
            for n, sid in enumerate(dict.fromkeys(self.cited_id(s) for s in source_ids), 1)
        }
        lines = []
        for n, sid in enumerate(numbered, 1):
            name = escape.markdown(names[sid])
            linked = (
                f"[{name}](references.html#src-{sid})" if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", sid) else name
            )
            lines.append(template.format(n=n, name=linked))
        tooltips = {sid: numbered[self.cited_id(sid)] for sid in names if self.cited_id(sid) in numbered}
        return Notes(lines=lines, names=tooltips)

    def names(self) -> dict[str, str]:
        """Each source's short name, as a tooltip shows it: the publisher and date of the source it is cited as (a
        translation's Chinese original), so a mark's tooltip and the chart's source notes name it alike."""
        template = words.word("chapters", "sources", "name", self.lang)
        rows = {r["id"]: r for r in self.sources.iter_rows(named=True)}  # one pass: row() filters the table each call
        cited = {sid: rows[r.get("original_id") or sid] for sid, r in rows.items()}  # as cited_id, for every source
        return {
            sid: template.format(publisher=publisher(row, self.lang), published=published(row, self.lang))
            for sid, row in cited.items()
        }


def stance_text(row: dict, lang: str = "en") -> str:
    """Who stands behind a source's figures, in words: "the company's own figures" / "企业自己的数字"."""
    return words.word("chapters", "sources", row["stance"], lang)


def published(row: dict, lang: str = "en") -> str:
    """A source's date: as recorded (2021-06-14) in English, 2021年6月14日 in Chinese."""
    return numbers.as_recorded(row["published"], lang)


def publisher(row: dict, lang: str = "en") -> str:
    """A source's publisher as the edition's language cites it: its twin column when that is filled."""
    return row.get(twin_column("publisher", lang)) or row["publisher"]


def linked_title(source: dict, lang: str = "en") -> str:
    """A source's title quoted as the language quotes titles, as Markdown, linked to its address when that is an
    http(s) address."""
    # the title marks stay outside the link: a link's underline under the empty half of a full-width 《 reads as a space
    opening, closing = numbers.title_marks(lang)
    inside = escape.markdown_link(escape.markdown(numbers.title_inside(source["title"], lang)), source["address"])
    linked = escape.markdown(opening) + inside
    linked += escape.markdown(closing)
    meaning = source.get(f"title_{lang}")  # title_zh, title_en: what a title in another language says
    if not meaning:
        return linked
    # a title in another language than the page's, cited as published, then what it says in the page's language
    said = words.word("numbers", "numbers", "title_meaning", lang)
    return linked + said.format(meaning=escape.markdown(meaning))
