"""What a build was made from: the report's version, git state, parameters, every input's hash, tool versions.

build/<edition>/manifest.json is written with every assembly; publishing compares its `content_fingerprint` to
decide whether a version already published has the same content.
"""

from __future__ import annotations

import hashlib
import json
import platform
import subprocess
from importlib import metadata
from pathlib import Path

from .. import __version__
from ..chapters import notebook_chapters
from ..data.schemas import TABLES
from ..data.tables import file_digest as sha256
from ..params import Edition, edition_file
from ..project import params_dir, release, report_dir, root, shown_path

PACKAGES = ["polars", "altair", "vl-convert-python", "papermill", "pypandoc-binary", "typst", "dataframely", "pydantic"]


def git(*args: str) -> str:
    try:
        result = subprocess.run(["git", *args], cwd=root(), capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    return result.stdout.strip() if result.returncode == 0 else "unknown"


def input_files(edition: Edition) -> list[Path]:
    """Every file the build read: data, parameters, chapters, the Quarto project, the package's own code."""
    package = Path(__file__).resolve().parents[1]  # the trustreport package, wherever it is installed
    files = [edition.data_path() / file for _, file in TABLES.values()]
    files.append(params_dir() / "base.yml")
    if (params_dir() / f"{edition.edition}.yml").is_file():
        files.append(edition_file(edition.edition))
    files += [c.source for c in notebook_chapters()]
    files += sorted(
        p for p in report_dir().rglob("*") if p.is_file() and "_book" not in p.parts and ".quarto" not in p.parts
    )
    files += sorted(
        p for p in package.rglob("*") if p.is_file() and p.suffix in (".py", ".yml", ".html", ".typ", ".js", ".css")
    )
    records = edition.records_path()
    if records:
        files.append(records)
    return files


def tool_versions(engine: str) -> dict:
    import pypandoc

    versions = {
        "python": platform.python_version(),
        "trustreport": __version__,
        "pandoc": pypandoc.get_pandoc_version(),
    }
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    if engine == "quarto":
        try:
            versions["quarto"] = subprocess.run(
                ["quarto", "--version"], capture_output=True, text=True, timeout=60
            ).stdout.strip()
        except OSError:
            versions["quarto"] = "unknown"
    return versions


def make(edition: Edition, engine: str, built: str, data_fingerprint: str, table_digests: dict[str, str]) -> dict:
    """The manifest of a build; `table_digests`: the raw tables' digests as assembly read them (not hashed again)."""
    known = {edition.data_path() / TABLES[name][1]: digest for name, digest in table_digests.items()}
    inputs = {shown_path(p): known.get(p) or sha256(p) for p in input_files(edition)}
    lock = root() / "requirements.lock"
    rel = release()
    content = hashlib.sha256(
        json.dumps(
            [rel["version"], edition.as_dict(), inputs, sha256(lock) if lock.is_file() else None], sort_keys=True
        ).encode()
    ).hexdigest()
    return {
        "report_version": rel["version"],
        "release_date": rel["date"],
        "built": built,
        "git_describe": git("describe", "--always", "--dirty", "--tags"),
        "git_commit": git("rev-parse", "--short", "HEAD"),
        "edition": edition.edition,
        "parameters": edition.as_dict(),
        "data_fingerprint": data_fingerprint,
        "inputs_sha256": inputs,
        "lock_sha256": sha256(lock) if lock.is_file() else None,
        "engine": engine,
        "tools": tool_versions(engine),
        "content_fingerprint": content,
    }


def write(manifest: dict, path: Path) -> None:
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
