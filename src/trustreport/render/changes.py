"""The what-changed page of a published version: figures whose data changed since the previous version (old →
new, with the source), figures added and removed, and the numbers the prose states that changed."""

from __future__ import annotations

import html
import json
from importlib import resources
from pathlib import Path
from string import Template

from ..chapter.numbers import number
from ..data.units import UNITS
from .. import escape
from ..project import pdf_name
from .chapters import book


def diff(old: dict, new: dict) -> dict:
    """Figures changed (value, unit, qualifier or status), added and removed between two figures.json."""
    keys = ("value", "unit", "qualifier", "status", "period")
    changed = [fid for fid in sorted(set(old) & set(new)) if any(old[fid].get(k) != new[fid].get(k) for k in keys)]
    return {"changed": changed, "added": sorted(set(new) - set(old)), "removed": sorted(set(old) - set(new))}


def ledger_changes(old: dict, new: dict) -> list[tuple[str, str, str, str]]:
    """Headline numbers (phrases the prose states) whose text changed: (chapter, figure, old, new)."""
    def phrases(ledger: dict) -> dict:
        return {(chapter, e["kind"], e["figure_id"] or e.get("key") or e.get("about") or "", e.get("of") or e.get("column") or ""): e["text"]
                for chapter, entries in ledger.items() for e in entries}

    before, after = phrases(old), phrases(new)
    return [(k[0], k[2], before[k], after[k]) for k in sorted(set(before) & set(after)) if before[k] != after[k]]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _show(row: dict) -> str:
    qualifier = f"{row['qualifier']} " if row.get("qualifier") else ""
    return f"{qualifier}{number(row['value_base'], UNITS[row['unit']].base)} ({row['value']:g} {row['unit']}, {row['status']})"


def changes_page(new_dir: Path, old_dir: Path | None, version: str, previous: str | None, manifest: dict) -> str:
    new_figures = json.loads((new_dir / "figures.json").read_text(encoding="utf-8"))
    body = [f"<h1>What changed in version {html.escape(version)}</h1>"]
    if old_dir is None:
        body.append(f"<p>The first published version: {len(new_figures)} figures, each with its source.</p>")
    else:
        old_figures = json.loads((old_dir / "figures.json").read_text(encoding="utf-8"))
        d = diff(old_figures, new_figures)
        body.append(f"<p>Compared with version <a href=\"../{html.escape(previous)}/index.html\">{html.escape(previous)}</a>: "
                    f"{_count(len(d['changed']), 'figure')} changed, {len(d['added'])} added, {len(d['removed'])} removed.</p>")
        body.append("<h2>Figures whose data changed</h2>")
        if d["changed"]:
            body.append("<table><thead><tr><th>figure</th><th>what</th><th>before</th><th>now</th><th>source</th></tr></thead><tbody>")
            for fid in d["changed"]:
                o, n = old_figures[fid], new_figures[fid]
                body.append(f"<tr><td><code>{html.escape(fid)}</code></td><td>{html.escape(n['metric'])} ({html.escape(n['period'])})</td>"
                            f"<td>{html.escape(_show(o))}</td><td>{html.escape(_show(n))}</td><td>{html.escape(n['source_id'])}</td></tr>")
            body.append("</tbody></table>")
        else:
            body.append("<p>None.</p>")
        for kind, ids, figures in (("added", d["added"], new_figures), ("removed", d["removed"], old_figures)):
            body.append(f"<h2>Figures {kind}</h2>")
            body.append("<ul>" + "".join(f"<li><code>{html.escape(fid)}</code>: {html.escape(figures[fid]['metric'])} ({html.escape(figures[fid]['period'])}), "
                                         f"{html.escape(_show(figures[fid]))}, source {html.escape(figures[fid]['source_id'])}</li>" for fid in ids) + "</ul>"
                        if ids else "<p>None.</p>")
        old_ledger = json.loads((old_dir / "ledger.json").read_text(encoding="utf-8"))
        new_ledger = json.loads((new_dir / "ledger.json").read_text(encoding="utf-8"))
        changes = ledger_changes(old_ledger, new_ledger)
        body.append("<h2>Headline numbers that changed</h2>")
        body.append("<table><thead><tr><th>chapter</th><th>figure</th><th>before</th><th>now</th></tr></thead><tbody>"
                    + "".join(f"<tr><td>{html.escape(c)}</td><td><code>{html.escape(f)}</code></td><td>{html.escape(a)}</td><td>{html.escape(b)}</td></tr>"
                              for c, f, a, b in changes) + "</tbody></table>" if changes else "<p>None.</p>")
    template = Template(resources.files("trustreport.render").joinpath("templates/page.html").read_text(encoding="utf-8"))
    return template.substitute(
        version=html.escape(manifest["tools"]["trustreport"]), page_title="What changed", book_title=html.escape(book()["title"]),
        brand=escape.html_text(book()["title"]),
        subtitle=f"Version {html.escape(version)}, {html.escape(manifest['release_date'])}",
        nav='<li><a href="index.html">← Back to the report</a></li>', pdf_name=pdf_name(manifest['edition']),
        body="\n".join(body), pager="", footer=html.escape(f"Report {version} · commit {manifest['git_commit']} · data {manifest['data_fingerprint']}"),
        search="", scripts='<script src="assets/versions.js"></script>', notice="",  # a page of its own: no search index, no charts
    )
