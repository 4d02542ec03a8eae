"""Publishing a built edition as a version of the static site: site/v/<version>/, site/latest/, versions.json.

A published version is immutable: publishing it again with different content (a different
`content_fingerprint` in its manifest) fails unless forced. Every step builds beside the live site and then
moves into place, so an interrupted publish leaves the previous site serving.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from .. import faults, files
from ..errors import UserError
from ..languages import languages, project_languages
from ..project import build_dir, locked, root
from ..render.frame import translations
from .changes import changes_page

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


def _fingerprint(folder: Path) -> str | None:
    """The content of a site: its own and each other language's (zh/), so a changed translation is a change."""
    try:
        parts = [files.read_json(folder / "manifest.json").get("content_fingerprint")]
        for lang in sorted(p.name for p in folder.iterdir() if p.name in languages() and p.is_dir()):
            parts.append(f"{lang}:{files.read_json(folder / lang / 'manifest.json').get('content_fingerprint')}")
    except (OSError, ValueError):
        return None
    return " ".join(map(str, parts))


def _missing_translations(built: Path, edition: str) -> list[str]:
    """The languages this edition is built in whose site is not beside this one (build/<edition>/site/zh)."""
    lang = files.read_json(built / "manifest.json").get("parameters", {}).get("lang", "en")
    return [
        t["lang"]
        for t in translations(edition, lang)
        if not (built / t["prefix"].rstrip("/") / "manifest.json").is_file()
    ]


def publish(
    edition: str, site: Path | None = None, version: str | None = None, force: bool = False, build: Path | None = None
) -> str:
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
    missing = _missing_translations(built, edition) if build is None else []  # a folder given is published as it is
    if missing:
        raise UserError(
            f"edition {edition} has not been built in {', '.join(missing)} (build/{edition}-{missing[0]}): "
            f"run `make report EDITION={edition}`, which builds every language, first"
        )
    manifest = files.read_json(manifest_path)
    manifest["content_fingerprint"] = _fingerprint(built)  # the site's whole content, every language's
    version = version or manifest["report_version"]
    version_key(version)  # a version number, never a path
    target = site / "v" / version
    published = _fingerprint(target)  # None when the version is not (whole) on disk
    if published not in (None, manifest["content_fingerprint"]) and not force:
        raise UserError(
            f"version {version} is already published with different content (its inputs changed since). "
            f"Bump the version in report/release.yml, or pass FORCE=1 (make) / --force to replace it."
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
        files.write_json(partial / "version.json", {"version": version})  # which version a copy is
        old = site / "v" / previous_version if previous_version else None
        first, *others = project_languages()
        published_in = [first] + [lang for lang in others if (partial / lang).is_dir()]
        files.write_text(
            partial / "changes.html",
            changes_page(partial, old, version, previous_version, manifest, first, published_in[1:]),
        )
        for lang in published_in[1:]:  # each other language's what-changed page, in its folder
            lang_manifest = files.read_json(partial / lang / "manifest.json")
            files.write_text(
                partial / lang / "changes.html",
                changes_page(
                    partial / lang,
                    old / lang if old else None,
                    version,
                    previous_version,
                    lang_manifest,
                    lang,
                    [o for o in published_in if o != lang],
                ),
            )
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
    return repaired + f"published version {version} (edition {manifest['edition']}) to {target}; latest is {latest}"


def _redirect() -> str:
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>trustreport</title>'
        '<meta http-equiv="refresh" content="0; url=latest/index.html"><link rel="icon" href="data:,"></head>'
        '<body><p><a href="latest/index.html">The latest version of the report</a></p></body></html>\n'
    )
