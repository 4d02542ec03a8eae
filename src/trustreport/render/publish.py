"""Publishing a built edition as a version of the static site: site/v/<version>/, site/latest/, versions.json.

A published version is immutable: publishing it again with different content (a different
`content_fingerprint` in its manifest) fails unless forced. Every step builds beside the live site and then
moves into place, so an interrupted publish leaves the previous site serving.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from importlib import resources
from pathlib import Path
from string import Template

from .. import faults, files
from ..chapter.numbers import number
from ..data.units import UNITS
from ..errors import UserError
from ..project import build_dir, locked, pdf_name, root
from .chapters import book

INDEX = "versions.json"


def site_root() -> Path:
    return root() / "site"


VERSION = re.compile(r"^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?$")


def version_key(version: str) -> tuple:
    """Order versions as semantic versioning does: 1.2.0 < 1.10.0; 2.0.0-rc.1 < 2.0.0; 'v2.0.0' = '2.0.0'."""
    match = VERSION.match(version)
    if not match:
        raise UserError(f"version {version!r}: not a version number (use 1.2.0, or 1.2.0-rc.1)")
    numbers = tuple(int(part or 0) for part in match.groups()[:3])
    pre = match.group(4)
    return (*numbers, 1 if pre is None else 0, tuple((0, int(x)) if x.isdigit() else (1, x) for x in (pre or "").split(".")))


def published_versions(site: Path) -> list[dict]:
    """Every version whole on disk (site/v/<version>/manifest.json), newest first: the truth versions.json mirrors."""
    entries = []
    for folder in sorted((site / "v").glob("*")) if (site / "v").is_dir() else []:
        manifest_path = folder / "manifest.json"
        if folder.name.startswith(".") or not manifest_path.is_file() or not VERSION.match(folder.name):
            continue
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        entries.append({"version": folder.name, "date": manifest.get("release_date"), "edition": manifest.get("edition"),
                        "commit": manifest.get("git_commit"), "path": f"v/{folder.name}/"})
    return sorted(entries, key=lambda v: version_key(v["version"]), reverse=True)


def _served_version(folder: Path) -> str | None:
    """The version a folder is a copy of (latest/ copies one of v/)."""
    try:
        return json.loads((folder / "version.json").read_text(encoding="utf-8")).get("version")
    except (OSError, ValueError, AttributeError):
        return None


def _fingerprint(folder: Path) -> str | None:
    try:
        return json.loads((folder / "manifest.json").read_text(encoding="utf-8")).get("content_fingerprint")
    except (OSError, ValueError):
        return None


def publish(edition: str, site: Path | None = None, version: str | None = None, force: bool = False, build: Path | None = None) -> str:
    """Put build/<edition>/site (or `build`/site) under site/v/<version>/, refresh site/latest/ and versions.json;
    say what happened. Run again after an interruption, it finishes what the interrupted run left undone."""
    site = Path(site) if site else site_root()
    if version is not None:
        version_key(version)  # a version number, never a path: checked before anything is read or written
    with locked(site.parent / f".{site.name}.publish.lock", "publish to this site"):  # beside the site, not in it
        return _publish(edition, site, version, force, build)


def _publish(edition: str, site: Path, version: str | None, force: bool, build: Path | None) -> str:
    built = (Path(build) if build else build_dir(edition)) / "site"
    manifest_path = built / "manifest.json"
    if not manifest_path.is_file():
        raise UserError(f"edition {edition} has not been built: run `make report EDITION={edition}` first")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    version = version or manifest["report_version"]
    version_key(version)  # a version number, never a path
    target = site / "v" / version
    copy = True
    if target.exists() and _fingerprint(target) is not None:
        if _fingerprint(target) == manifest["content_fingerprint"] and not force:
            copy = False
        elif not force:
            raise UserError(
                f"version {version} is already published with different content (its inputs changed since). "
                f"Bump the version in report/release.yml, or pass FORCE=1 (make) / --force to replace it."
            )
    site.mkdir(parents=True, exist_ok=True)
    (site / "v").mkdir(exist_ok=True)
    for leftover in [*site.glob(".latest.*"), *(site / "v").glob(".*.partial"), *(site / "v").glob(".*.old")]:
        shutil.rmtree(leftover, ignore_errors=True)  # what an interrupted publish left beside the site
    if copy:
        earlier = [v["version"] for v in published_versions(site) if version_key(v["version"]) < version_key(version)]
        previous_version = earlier[0] if earlier else None
        partial = site / "v" / f".{version}.partial"
        shutil.rmtree(partial, ignore_errors=True)
        shutil.copytree(built, partial)
        (partial / "version.json").write_text(json.dumps({"version": version}) + "\n", encoding="utf-8")  # which version a copy is
        (partial / "changes.html").write_text(changes_page(partial, site / "v" / previous_version if previous_version else None, version, previous_version, manifest), encoding="utf-8")
        files.swap_in(partial, target, fault="publish.swap")
        faults.point("publish.version-done")

    versions = published_versions(site)
    latest = versions[0]["version"]
    if _served_version(site / "latest") != latest or not (site / "latest" / "index.html").is_file() or copy and latest == version:
        latest_partial = site / ".latest.partial"
        shutil.rmtree(latest_partial, ignore_errors=True)
        shutil.copytree(site / "v" / latest, latest_partial)
        files.swap_in(latest_partial, site / "latest", fault="publish.latest-swap")
        faults.point("publish.latest-done")
    files.write_text(site / INDEX, json.dumps({"latest": latest, "versions": versions}, ensure_ascii=False, indent=1) + "\n")
    files.write_text(site / "index.html", _redirect())
    if not copy:
        return f"version {version} is already published with this content; nothing to do (versions.json and latest/ checked)"
    return f"published version {version} (edition {manifest['edition']}) to {target}; latest is {latest}"


def _redirect() -> str:
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>trustreport</title>'
        '<meta http-equiv="refresh" content="0; url=latest/index.html"><link rel="icon" href="data:,"></head>'
        '<body><p><a href="latest/index.html">The latest version of the report</a></p></body></html>\n'
    )


# ---- what changed --------------------------------------------------------------------------------------


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
        subtitle=f"Version {html.escape(version)}, {html.escape(manifest['release_date'])}",
        nav='<li><a href="index.html">← Back to the report</a></li>', pdf_name=pdf_name(manifest['edition']),
        body="\n".join(body), pager="", footer=html.escape(f"Report {version} · commit {manifest['git_commit']} · data {manifest['data_fingerprint']}"),
        search="", scripts='<script src="assets/versions.js"></script>', notice="",  # a page of its own: no search index, no charts
    )
