"""The References page: every source the edition's data cites, and how to cite the report itself.

The page is written in the edition's language. Publishers and titles are names and stay as the sources give them;
a source's note is read from `note` in English and from its Chinese twin `note_zh` in Chinese, which a source with
a note must have (no fallback to English).
"""

from __future__ import annotations

import polars as pl

from .. import escape
from ..chapter.figures import linked_title, publisher, stance_text
from ..errors import UserError
from ..languages import check
from ..numbers import date_text
from ..params import Edition
from ..project import release

# The page's own words, by language.
WORDS = {
    "en": {
        "title": 'title: "References"',
        "intro": (
            "The {n} sources the figures, tactics and events of this edition come from, by publisher. Where the "
            "original could not be reached, the report cites a copy, and says so: a mirror keeps the original's text "
            "on another site; a translation or an English copy restates it. The notes say what each copy is."
        ),
        "cite": "## Cite this report",
        "cff": "The repository's `CITATION.cff` holds the same, for reference managers.",
    },
    "zh": {
        "title": 'title: "参考来源"',
        "intro": (
            "本版次的数字、信任举措和事件出自以下{n}个来源，按发布者排列。原文无法访问时，本报告改引副本，并注明这一点："
            "镜像在另一个网站上保留原文；译本或英文版则是对原文的转述。每条来源后的注释说明该副本属于哪一种。"
        ),
        "cite": "## 引用本报告",
        "cff": "仓库中的 `CITATION.cff` 以文献管理软件可读取的格式记录了同样的信息。",
        "no_address": "（无网址）",
    },
}


def cited_sources(tables: dict[str, pl.DataFrame]) -> pl.DataFrame:
    """The rows of sources.csv that some row of another table names in its source_id, by publisher and date."""
    used = {
        sid
        for name, frame in tables.items()
        if name != "sources" and "source_id" in frame.columns
        for sid in frame["source_id"].drop_nulls()
    }
    sources = tables["sources"]
    # By publisher, a copy whose publisher is unknown, "(copy)", among the c's: parentheses do not count.
    key = pl.col("publisher").str.replace_all(r"[()（）]", "").str.strip_chars().str.to_lowercase()
    return sources.filter(pl.col("id").is_in(sorted(used))).sort(key, "published", "id")


def note(row: dict, lang: str = "en") -> str | None:
    """The note on what the copy is, in the language: `note`, or in Chinese `note_zh`, which a noted source must
    have."""
    check(lang)
    if lang == "en" or not row.get("note"):
        return row.get("note") or None
    if not row.get("note_zh"):
        raise UserError(
            f"sources.csv: source '{row['id']}' has a note but no note_zh (its note in Chinese, "
            f"which the Chinese edition's References page needs): {row['note']!r}"
        )
    return row["note_zh"]


def entry(row: dict, lang: str = "en") -> str:
    """One reference in Markdown: publisher, title (linked), date, then the note on what the copy is."""
    check(lang)
    title = linked_title(row)
    address = escape.web_address(row["address"])
    published = row["published"] if lang == "en" else date_text(row["published"], lang)
    parts = [f"{escape.markdown(publisher(row, lang))}. {title}. {escape.markdown(published)}."]
    if address is None and row.get("address"):
        # In Chinese the address cell's words (an English note such as "no address kept") are not shown.
        parts.append(f"({escape.markdown(row['address'])})" if lang == "en" else WORDS[lang]["no_address"])
    stance = stance_text(row, lang)
    parts.append(f"{stance[0].upper()}{stance[1:]}." if lang == "en" else f"{stance}。")
    text = note(row, lang)
    if text:
        parts.append(f"*{escape.markdown(text)}*")
    return " ".join(parts) + f" []{{#src-{row['id']}}}" if _id_ok(row["id"]) else " ".join(parts)


def _id_ok(source_id: str) -> bool:
    return bool(source_id) and source_id.isascii() and all(ch.isalnum() or ch in "-_." for ch in source_id)


def citation(edition: Edition) -> str:
    """The report as a reader cites it, with its version and edition, in the edition's language."""
    version, date = release()["version"], release()["date"]
    if edition.lang == "zh":
        subtitle = f"：{escape.markdown(edition.subtitle)}" if edition.subtitle else ""
        return (
            f"trustreport 贡献者（{date[:4]}）。《{escape.markdown(edition.title)}{subtitle}》。"
            f"版本 {escape.markdown(version)}，版次 {escape.markdown(edition.edition)}，发布日期 "
            f"{escape.markdown(date_text(date, 'zh'))}。"
        )
    return (
        f"trustreport contributors ({date[:4]}). *{escape.markdown(edition.title)}: "
        f"{escape.markdown(edition.subtitle)}*. "
        f"Version {escape.markdown(version)}, edition {escape.markdown(edition.edition)}, released "
        f"{escape.markdown(date)}."
    )


def page(edition: Edition, tables: dict[str, pl.DataFrame]) -> str:
    """The References page in the edition's language (edition.lang)."""
    lang = edition.lang
    check(lang)
    words = WORDS[lang]
    sources = cited_sources(tables)
    lines = ["---", words["title"], "---", "", words["intro"].format(n=sources.height), ""]
    lines += [f"- {entry(row, lang)}" for row in sources.iter_rows(named=True)]
    lines += ["", words["cite"], "", "::: {.tr-cite}", citation(edition), ":::", "", words["cff"], ""]
    return "\n".join(lines)
