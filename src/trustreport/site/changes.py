"""The what-changed page of a published version: figures whose data changed since the previous version (old →
new, with the source), figures added and removed, and the numbers the prose states that changed."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from string import Template

from .. import escape, ledger, numbers, words
from ..chapters import book, chapters
from ..languages import folder_of, twin_column, writes_chinese
from ..languages import tag as language_tag
from ..project import pdf_name
from ..render.frame import nav_label, script_words_element, word


def diff(old: dict, new: dict) -> dict:
    """Figures changed (value, unit, qualifier or status), added and removed between two figures.json."""
    keys = ("value", "unit", "qualifier", "status", "period")
    changed = [fid for fid in sorted(set(old) & set(new)) if any(old[fid].get(k) != new[fid].get(k) for k in keys)]
    return {"changed": changed, "added": sorted(set(new) - set(old)), "removed": sorted(set(old) - set(new))}


def ledger_changes(old: dict, new: dict) -> list[tuple[str, str, str, str]]:
    """Headline numbers (phrases the prose states) whose text changed: (chapter, figure, old, new)."""

    def phrases(chapters: dict[str, list[ledger.Entry]]) -> dict[tuple[str, str, str, str], str]:
        return {ledger.phrase_key(chapter, e): e["text"] for chapter, entries in chapters.items() for e in entries}

    before, after = phrases(old), phrases(new)
    return [(k[0], k[2], before[k], after[k]) for k in sorted(set(before) & set(after)) if before[k] != after[k]]


def _count(n: int, words: dict) -> str:
    return words["figure_one" if n == 1 else "figure_many"].format(n=n)


def _show(row: dict, lang: str = "en", decimals: int = 2) -> str:
    """A figure of figures.json as the page shows it, through the formatter, once: '超过2.19万件（推算）'."""
    return words.word("pages", "changes", "shown", lang).format(
        number=numbers.figure(row["value_base"], row["unit"], row.get("qualifier"), decimals, lang=lang),
        status=words.word("numbers", "statuses", row["status"], lang),
    )


def _before_and_now(old: dict, new: dict, lang: str) -> tuple[str, str]:
    """A changed figure's two values; written with more decimals where two decimals would show the change as none."""
    before, now = _show(old, lang), _show(new, lang)
    return (_show(old, lang, 6), _show(new, lang, 6)) if before == now else (before, now)


def _what(row: dict, lang: str) -> str:
    """What a figure counts, in the page's language (its metric; its Chinese label, label_zh, on a Chinese page), and
    its period as the language writes dates."""
    what = row.get(twin_column("metric", lang)) or row.get(twin_column("label", lang)) or row["metric"]
    period = numbers.as_recorded(row["period"], lang)
    return html.escape(numbers.punctuated(what, lang)) + html.escape(
        words.word("pages", "changes", "period", lang).format(period=period)
    )


def _source(row: dict, anchors: str) -> str:
    """Who published a figure (as the References page names them; a version before names were kept: its source id),
    linked to its entry there when the version's References page has one."""
    name = html.escape(row.get("source") or row["source_id"])
    anchor = f"src-{row['source_id']}"
    return f'<a href="references.html#{html.escape(anchor)}">{name}</a>' if f'id="{anchor}"' in anchors else name


def _chapter_link(site: Path, stem: str, lang: str) -> str:
    """A link to a chapter's page (the summary's is index.html) named as the navigation names it: by its name there
    (Summary), else by its page's first heading; by its file's name only where neither is known."""
    known = {c.stem: c.page for c in chapters()}
    if stem not in known:
        return html.escape(stem)
    name, page = nav_label(stem, lang) or stem, site / known[stem]
    if name == stem and page.is_file():
        heading = re.search(r"<h1\b[^>]*>(.*?)</h1>", page.read_text(encoding="utf-8"), flags=re.S)
        if heading:
            name = " ".join(html.unescape(re.sub(r"<[^>]+>", "", heading.group(1))).split()) or stem
    return f'<a href="{html.escape(known[stem])}">{html.escape(name)}</a>'


def _header(cells) -> str:
    return "<table><thead><tr>" + "".join(f"<th>{html.escape(c)}</th>" for c in cells) + "</tr></thead><tbody>"


def language_switch(lang: str, others: list[str]) -> str:
    """The link to this page in each other language: the site's language at the version's root, others in <lang>/."""
    if not others:
        return ""
    links = " ".join(
        f'<a href="{"../" if folder_of(lang) else ""}{folder_of(o)}changes.html" '
        f'hreflang="{o}" lang="{o}">{html.escape(word(o, "read_in"))}</a>'
        for o in others
    )
    return f'<nav class="tr-lang" aria-label="{html.escape(word(lang, "languages"))}">{links}</nav>\n'


def changes_page(
    new_dir: Path,
    old_dir: Path | None,
    version: str,
    previous: str | None,
    manifest: dict,
    lang: str = "en",
    others: Sequence[str] = (),
    at: str = "",
    previous_at: str = "",
) -> str:
    """The page for one language: `new_dir`/`old_dir` are that language's folders of the two versions (figures.json
    and ledger.json); `others`, the languages the version is published in besides this one; `at` and
    `previous_at`, where the edition sits in each version ('' at its root, 'editions/2020/')."""
    w = words.of("pages", "changes", lang)
    new_figures = json.loads((new_dir / "figures.json").read_text(encoding="utf-8"))
    body = [f"<h1>{html.escape(w['heading'].format(version=version))}</h1>"]
    if old_dir is None or not (old_dir / "figures.json").is_file():
        body.append(f"<p>{html.escape(w['first'].format(n=len(new_figures)))}</p>")
    else:
        old_figures = json.loads((old_dir / "figures.json").read_text(encoding="utf-8"))
        d = diff(old_figures, new_figures)
        references = new_dir / "references.html"  # a source links to its entry there, where it has one
        anchors = references.read_text(encoding="utf-8") if references.is_file() else ""
        assert previous is not None  # old_dir is the previous version's folder
        down = folder_of(lang)  # this language's folder in a version, "" for the site's language
        up = "../" * (at.count("/") + (1 if down else 0))  # from this page's folder up to the version's
        link = (
            f'<a href="{up}../{html.escape(previous)}/{html.escape(previous_at)}{down}index.html">'
            f"{html.escape(previous)}</a>"
        )
        body.append(
            "<p>"
            + html.escape(w["compared"])
            .replace("{link}", link)
            .format(changed=html.escape(_count(len(d["changed"]), w)), added=len(d["added"]), removed=len(d["removed"]))
            + "</p>"
        )
        body.append(f"<h2>{html.escape(w['changed_heading'])}</h2>")
        if d["changed"]:
            body.append(_header(w["columns"]))
            for fid in d["changed"]:
                before, now = _before_and_now(old_figures[fid], new_figures[fid], lang)
                body.append(
                    f'<tr data-figure="{html.escape(fid)}"><td>{_what(new_figures[fid], lang)}</td>'
                    f"<td>{html.escape(before)}</td><td>{html.escape(now)}</td>"
                    f"<td>{_source(new_figures[fid], anchors)}</td></tr>"
                )
            body.append("</tbody></table>")
        else:
            body.append(f"<p>{html.escape(w['none'])}</p>")
        for heading, ids, figures in (
            (w["added_heading"], d["added"], new_figures),
            (w["removed_heading"], d["removed"], old_figures),
        ):
            body.append(f"<h2>{html.escape(heading)}</h2>")
            body.append(
                "<ul>"
                + "".join(
                    f'<li data-figure="{html.escape(fid)}">'
                    + w["listed"].format(
                        what=_what(figures[fid], lang),
                        value=html.escape(_show(figures[fid], lang)),
                        source=_source(figures[fid], anchors),
                    )
                    + "</li>"
                    for fid in ids
                )
                + "</ul>"
                if ids
                else f"<p>{html.escape(w['none'])}</p>"
            )
        if (old_dir / "ledger.json").is_file():
            old_ledger = ledger.read_site(old_dir / "ledger.json")
            new_ledger = ledger.read_site(new_dir / "ledger.json")
            changes = ledger_changes(old_ledger, new_ledger)
            links = {c: _chapter_link(new_dir, c, lang) for c in {c for c, *_ in changes}}  # each page read once
            body.append(f"<h2>{html.escape(w['ledger_heading'])}</h2>")
            body.append(
                _header(w["ledger_columns"])
                + "".join(
                    f'<tr data-figure="{html.escape(f)}"><td>{links[c]}</td>'
                    f"<td>{_what(new_figures[f], lang) if f in new_figures else html.escape(f)}</td>"
                    f"<td>{html.escape(a)}</td><td>{html.escape(b)}</td></tr>"
                    for c, f, a, b in changes
                )
                + "</tbody></table>"
                if changes
                else f"<p>{html.escape(w['none'])}</p>"
            )
    released = numbers.as_recorded(manifest["release_date"], lang)
    # the edition's title, in this page's language, as the report's pages set it (Kuaishou’s)
    title = numbers.curled(manifest.get("parameters", {}).get("title") or book()["title"])
    mark = escape.html if writes_chinese(lang) else escape.html_text  # a Chinese page is Chinese already
    template = Template(
        resources.files("trustreport.render").joinpath("templates/page.html").read_text(encoding="utf-8")
    )
    return template.substitute(
        lang=language_tag(lang),
        skip_label=html.escape(word(lang, "skip")),
        chapters_label=html.escape(word(lang, "chapters")),
        pdf_label=html.escape(word(lang, "pdf")),
        menu_label=html.escape(word(lang, "menu")),
        pager_label=html.escape(word(lang, "pager")),
        languages=language_switch(lang, list(others)),
        other_pdfs="",
        version=html.escape(manifest["tools"]["trustreport"]),
        page_title=html.escape(w["title"]),
        book_title=html.escape(title),
        brand=mark(title),
        subtitle=html.escape(w["subtitle"].format(version=version, date=released)),
        nav=f'<li><a href="index.html">{html.escape(w["back"])}</a></li>',
        pdf_name=pdf_name(manifest["edition"]),
        body="\n".join([*body, script_words_element(lang)]),
        pager="",
        # as every page of the report: the version and its date, the build details one link away
        footer=html.escape(
            word(lang, "footer").format(
                version=version, date=numbers.date_text(manifest["release_date"], lang)
            )
        )
        + f' · <a href="references.html#built">{html.escape(word(lang, "footer_link"))}</a>',
        build_meta='<meta name="trustreport-build" content="{}">'.format(
            html.escape(
                w["footer"].format(version=version, commit=manifest["git_commit"], data=manifest["data_fingerprint"])
            )
        ),
        search="",
        # charts.js makes a table wider than a phone's screen reachable from the keyboard and says it scrolls, as on
        # every page of the report (the page has no chart for it to draw)
        scripts='<script src="assets/versions.js"></script>\n<script src="assets/menu.js"></script>\n'
        '<script src="assets/charts.js"></script>',
        notice="",  # a page of its own: no search index, no charts
    )
