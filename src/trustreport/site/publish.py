"""Publishing the built editions as a version of the static site: site/v/<version>/ (the default edition at its
root, every other in editions/<edition>/, each with its other languages), site/latest/, versions.json.

A published version is immutable: publishing it again with different content (a different
`content_fingerprint` in its manifest) fails unless forced. Every step builds beside the live site and then
moves into place, so an interrupted publish leaves the previous site serving.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .. import faults, files, words
from ..errors import UserError
from ..languages import folder_of, languages, project_languages
from ..params import EDITION_NAME
from ..project import build_dir, default_edition, locked, root, shown_path
from ..render.frame import translations
from .changes import changes_page

INDEX = "versions.json"
EDITIONS = "editions"  # the folder of a version holding every edition but the front
EDITIONS_INDEX = "editions.json"  # a version's editions, for the edition switcher


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
    return (
        *numbers,
        1 if pre is None else 0,
        tuple((0, int(x)) if x.isdigit() else (1, x) for x in (pre or "").split(".")),
    )


def published_versions(site: Path) -> list[dict]:
    """Every version whole on disk (site/v/<version>/manifest.json), newest first: the truth versions.json mirrors."""
    entries = []
    for folder in sorted((site / "v").glob("*")):  # none when there is no v/ yet
        manifest_path = folder / "manifest.json"
        if not VERSION.match(folder.name) or not manifest_path.is_file():  # also skips .<version>.partial and .old
            continue
        try:
            manifest = files.read_json(manifest_path)
        except (OSError, ValueError):
            continue
        entries.append(
            {
                "version": folder.name,
                "date": manifest.get("release_date"),
                "edition": manifest.get("edition"),
                "editions": _version_editions(folder),
                "commit": manifest.get("git_commit"),
                "path": f"v/{folder.name}/",
            }
        )
    return sorted(entries, key=lambda v: version_key(v["version"]), reverse=True)


def index_damage(site: Path) -> str | None:
    """What is wrong with the site's versions.json, if anything: unreadable, or not an index of versions. (One that
    lags the folders on disk is what an interrupted publish leaves, and is not damage.)"""
    path = site / INDEX
    if not path.exists():
        return None
    try:
        index = files.read_json(path)
    except (OSError, ValueError) as exc:
        return f"it cannot be read as JSON ({exc})"
    versions = index.get("versions") if isinstance(index, dict) else None
    if not isinstance(versions, list) or not all(isinstance(v, dict) and "version" in v for v in versions):
        return "it is not an index of versions (a `versions` list, each with its `version`)"
    return None


def _served_version(folder: Path) -> str | None:
    """The version a folder is a copy of (latest/ copies one of v/)."""
    try:
        return files.read_json(folder / "version.json").get("version")
    except (OSError, ValueError, AttributeError):
        return None


def _site_fingerprint(folder: Path) -> str | None:
    """The content of one edition's site: its own and each other language's (zh/), so a changed translation is a
    change."""
    try:
        parts = [files.read_json(folder / "manifest.json").get("content_fingerprint")]
        for lang in sorted(p.name for p in folder.iterdir() if p.name in languages() and p.is_dir()):
            parts.append(f"{lang}:{files.read_json(folder / lang / 'manifest.json').get('content_fingerprint')}")
    except (OSError, ValueError):
        return None
    return " ".join(map(str, parts))


def _fingerprint(folder: Path, others: Mapping[str, Path] | None = None) -> str | None:
    """The content of a version: the front edition's site, then each other edition's (`others`, or for a published
    version those in its editions/), so a change in any edition or language is a change."""
    if others is None:
        others = {p.name: p for p in (folder / EDITIONS).glob("*") if p.is_dir()}
    parts = [_site_fingerprint(folder)] + [f"{name}={_site_fingerprint(others[name])}" for name in sorted(others)]
    return None if any(part is None or part.endswith("=None") for part in parts) else " ".join(map(str, parts))


def edition_path(front: str, edition: str) -> str:
    """Where an edition sits in a published version: the front (the default edition) at its root, so addresses
    published before stay valid, and every other edition in editions/<edition>/, each with its zh/ beside it."""
    return "" if edition == front else f"{EDITIONS}/{edition}/"


def _missing_translations(built: Path, edition: str) -> list[str]:
    """The languages this edition is built in whose site is not beside this one (build/<edition>/site/zh)."""
    lang = files.read_json(built / "manifest.json").get("parameters", {}).get("lang", "en")
    return [
        t["lang"]
        for t in translations(edition, lang)
        if not (built / t["prefix"].rstrip("/") / "manifest.json").is_file()
    ]


def _built_sites(editions: Sequence[str], builds: Mapping[str, Path]) -> dict[str, Path]:
    """Each edition's built site, the front first; every edition not built, or not in each language, named at once
    (an edition given a folder is published as it is)."""
    problems, sites = [], {}
    for edition in editions:
        if not EDITION_NAME.match(edition):
            problems.append(f"{edition!r} is not an edition name (params/<edition>.yml: a-z, 0-9, '_' and '-')")
            continue
        built = (Path(builds[edition]) if edition in builds else build_dir(edition)) / "site"
        if not (built / "manifest.json").is_file():
            problems.append(
                f"edition {edition} has not been built ({shown_path(built / 'manifest.json')} is missing): "
                f"run `make report EDITION={edition}` first"
            )
            continue
        missing = [] if edition in builds else _missing_translations(built, edition)
        if missing:
            problems.append(
                f"edition {edition} has not been built in {', '.join(missing)} "
                f"({shown_path(build_dir(f'{edition}-{missing[0]}') / 'site' / 'manifest.json')} is missing): "
                f"run `make report EDITION={edition}`, which builds every language, first"
            )
            continue
        sites[edition] = built
    if problems:
        raise UserError("\n".join(problems) + ("\n(`make publish` builds every edition it publishes)" if len(editions) > 1 else ""))
    versions = {e: files.read_json(site / "manifest.json").get("report_version") for e, site in sites.items()}
    if len(set(versions.values())) > 1:
        raise UserError(
            "the editions were built as different versions of the report ("
            + ", ".join(f"edition {e}: {v}" for e, v in versions.items())
            + "): build them again (`make publish` does) so one version holds them all"
        )
    return sites


def _edition_label(manifest: dict, lang: str) -> str:
    """An edition as its switcher names it: by the years it compares, a demonstration said to be one."""
    parameters = manifest.get("parameters", {})
    key = "demonstration" if parameters.get("allow_synthetic") else "years"
    return words.word("frame", "switchers", key, lang).format(
        after=parameters.get("focus_year"), before=parameters.get("baseline_year")
    )


def _editions_index(version_dir: Path, front: str, editions: Sequence[str], published_in: Sequence[str]) -> dict:
    """editions.json of a version: every edition with its place, its name in each language and the pages it has in
    each; the switchers' words in each language (the page finds its language by its folder)."""
    entries: list[dict[str, Any]] = []
    for edition in editions:
        folder = version_dir / edition_path(front, edition)
        manifest = files.read_json(folder / "manifest.json")
        entries.append(
            {
                "edition": edition,
                "path": edition_path(front, edition),
                "label": {lang: _edition_label(manifest, lang) for lang in published_in},
                "pages": {
                    lang: sorted(p.name for p in (folder / folder_of(lang)).glob("*.html")) for lang in published_in
                },
            }
        )
    for lang in published_in:  # two editions comparing the same years are told apart by their names
        labels: list[str] = [e["label"][lang] for e in entries]
        for entry in entries:
            if labels.count(entry["label"][lang]) > 1:
                entry["label"][lang] += f" · {entry['edition']}"
    return {
        "front": front,
        "editions": entries,
        "languages": [
            {"lang": lang, "folder": folder_of(lang), "words": words.of("frame", "switchers", lang)}
            for lang in published_in
        ],
    }


def _edition_in(version_dir: Path, edition: str) -> str | None:
    """Where a published version holds an edition (its path from the version's root), if it does."""
    try:
        front = files.read_json(version_dir / "manifest.json").get("edition")
    except (OSError, ValueError, AttributeError):
        return None
    path = edition_path(str(front), edition)
    return path if (version_dir / path / "manifest.json").is_file() else None


def _version_editions(folder: Path) -> list[str]:
    """The editions a published version holds, its front first (a version published before editions: its one)."""
    try:
        return [e["edition"] for e in files.read_json(folder / EDITIONS_INDEX)["editions"]]
    except (OSError, ValueError, KeyError, TypeError):
        try:
            return [str(files.read_json(folder / "manifest.json").get("edition"))]
        except (OSError, ValueError, AttributeError):
            return []


def publish(
    editions: str | Sequence[str],
    site: Path | None = None,
    version: str | None = None,
    force: bool = False,
    build: Path | None = None,
    builds: Mapping[str, Path] | None = None,
) -> str:
    """Put the editions' built sites (build/<edition>/site, or `build` for the first and `builds` for others) under
    site/v/<version>/, the default edition (else the first) at its root and the others in editions/<edition>/; refresh site/latest/ and
    versions.json; say what happened. Run again after an interruption, it finishes what the interrupted run left
    undone."""
    names = [editions] if isinstance(editions, str) else list(dict.fromkeys(editions))
    names.sort(key=lambda name: name != default_edition())  # the default edition, when published, is the front
    if not names:
        raise UserError("no edition to publish")
    given = dict(builds or {})
    if build is not None:
        given[names[0]] = build
    site = Path(site) if site else site_root()
    if version is not None:
        version_key(version)  # a version number, never a path: checked before anything is read or written
    with locked(site.parent / f".{site.name}.publish.lock", "publish to this site"):  # beside the site, not in it
        return _publish(names, site, version, force, given)


def _publish(editions: list[str], site: Path, version: str | None, force: bool, builds: Mapping[str, Path]) -> str:
    sites = _built_sites(editions, builds)  # every edition checked before anything is written
    front, *others = editions
    built = sites[front]
    manifest = files.read_json(built / "manifest.json")
    other_sites = {e: sites[e] for e in others}
    manifest["content_fingerprint"] = _fingerprint(built, other_sites)  # every edition's, every language's
    version = version or manifest["report_version"]
    version_key(version)  # a version number, never a path
    target = site / "v" / version
    published = _fingerprint(target)  # None when the version is not (whole) on disk
    if published not in (None, manifest["content_fingerprint"]) and not force:
        raise UserError(
            f"version {version} is already published with different content (its inputs, or the editions it "
            f"holds, changed since). Bump the version in report/release.yml, or pass FORCE=1 (make) / --force to "
            f"replace it."
        )
    copy = force or published != manifest["content_fingerprint"]
    site.mkdir(exist_ok=True)  # its parent holds the lock, so exists
    damage = index_damage(site)
    for leftover in [*site.glob(".latest.*"), *(site / "v").glob(".*.partial"), *(site / "v").glob(".*.old")]:
        shutil.rmtree(leftover)  # what an interrupted publish left beside the site
    if copy:
        earlier = [v["version"] for v in published_versions(site) if version_key(v["version"]) < version_key(version)]
        previous_version = earlier[0] if earlier else None
        partial = site / "v" / f".{version}.partial"
        shutil.copytree(built, partial)  # makes v/ the first time
        for edition, edition_site in other_sites.items():
            shutil.copytree(edition_site, partial / edition_path(front, edition))
        files.write_json(partial / "version.json", {"version": version})  # which version a copy is
        old = site / "v" / previous_version if previous_version else None
        first, *other_languages = project_languages()
        published_in = [first] + [lang for lang in other_languages if (built / lang).is_dir()]
        for edition in editions:
            _write_changes(partial, old, front, edition, version, previous_version, published_in)
        files.write_json(partial / EDITIONS_INDEX, _editions_index(partial, front, editions, published_in))
        files.swap_in(partial, target, fault="publish.swap")
        faults.point("publish.version-done")

    versions = published_versions(site)
    latest = versions[0]["version"]
    if (
        _served_version(site / "latest") != latest
        or not (site / "latest" / "index.html").is_file()
        or copy
        and latest == version
    ):
        latest_partial = site / ".latest.partial"
        shutil.copytree(site / "v" / latest, latest_partial)
        files.swap_in(latest_partial, site / "latest", fault="publish.latest-swap")
        faults.point("publish.latest-done")
    files.write_json(site / INDEX, {"latest": latest, "versions": versions})
    files.write_text(site / "index.html", _redirect())
    repaired = (
        f"{site / INDEX} was damaged: {damage}; rebuilt from the {len(versions)} version(s) published in {site / 'v'}\n"
        if damage
        else ""
    )
    if not copy:
        return repaired + (
            f"version {version} is already published with this content; nothing to do "
            "(versions.json and latest/ checked)"
        )
    held = f"edition {front}" + (
        f" at its root, {', '.join(others)} in {target / EDITIONS}" if others else ""
    )
    return repaired + f"published version {version} ({held}) to {target}; latest is {latest}"


def _write_changes(
    partial: Path,
    old: Path | None,
    front: str,
    edition: str,
    version: str,
    previous_version: str | None,
    published_in: Sequence[str],
) -> None:
    """The what-changed page of one edition in each language, against the same edition in the previous version
    (the first published version of it when the previous one did not hold it)."""
    here = edition_path(front, edition)
    there = _edition_in(old, edition) if old else None
    if there is None and old is not None and edition == front:
        there = ""  # a version's front is compared with the previous version's front, whatever its edition's name
    for lang in published_in:
        folder = partial / here / folder_of(lang)
        if not (folder / "manifest.json").is_file():
            continue
        files.write_text(
            folder / "changes.html",
            changes_page(
                folder,
                old / there / folder_of(lang) if old is not None and there is not None else None,
                version,
                previous_version if there is not None else None,
                files.read_json(folder / "manifest.json"),
                lang,
                [o for o in published_in if o != lang],
                at=here,
                previous_at=there or "",
            ),
        )


def _redirect() -> str:
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>trustreport</title>'
        '<meta http-equiv="refresh" content="0; url=latest/index.html"><link rel="icon" href="data:,"></head>'
        '<body><p><a href="latest/index.html">The latest version of the report</a></p></body></html>\n'
    )
