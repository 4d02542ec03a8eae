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

import yaml

from . import __version__
from .chapters import notebook_chapters
from .params import Edition, edition_file
from .paths import params_dir, project_root, report_dir

PACKAGES = ["polars", "altair", "vl-convert-python", "papermill", "pypandoc-binary", "typst", "dataframely", "pydantic"]


def release() -> dict:
    """The report's version and release date, from report/release.yml."""
    data = yaml.safe_load((report_dir() / "release.yml").read_text(encoding="utf-8"))
    return {"version": str(data["version"]), "date": str(data["date"])}


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def git(*args: str) -> str:
    try:
        result = subprocess.run(["git", *args], cwd=project_root(), capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    return result.stdout.strip() if result.returncode == 0 else "unknown"


def input_files(edition: Edition) -> list[Path]:
    """Every file the build read: data, parameters, chapters, the Quarto project, the package's own code."""
    root = project_root()
    files = sorted(edition.data_path().glob("*.csv"))
    files += [params_dir() / "base.yml", edition_file(edition.edition) if (params_dir() / f"{edition.edition}.yml").is_file() else None]
    files += [c.source for c in notebook_chapters()]
    files += sorted(p for p in report_dir().rglob("*") if p.is_file() and "_book" not in p.parts and ".quarto" not in p.parts)
    files += sorted((root / "src" / "trustreport").rglob("*.py")) + sorted((root / "src" / "trustreport" / "templates").glob("*"))
    if edition.records_path():
        files.append(edition.records_path())
    return [f for f in files if f is not None]


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(project_root()))
    except ValueError:
        return str(path)


def tool_versions(engine: str) -> dict:
    import pypandoc

    versions = {"python": platform.python_version(), "trustreport": __version__, "pandoc": pypandoc.get_pandoc_version()}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    if engine == "quarto":
        try:
            versions["quarto"] = subprocess.run(["quarto", "--version"], capture_output=True, text=True, timeout=60).stdout.strip()
        except OSError:
            versions["quarto"] = "unknown"
    return versions


def make(edition: Edition, engine: str, built: str, data_fingerprint: str) -> dict:
    inputs = {_shown(p): sha256(p) for p in input_files(edition)}
    lock = project_root() / "requirements.lock"
    rel = release()
    content = hashlib.sha256(
        json.dumps([rel["version"], edition.notebook_parameters(), inputs, sha256(lock) if lock.is_file() else None], sort_keys=True).encode()
    ).hexdigest()
    return {
        "report_version": rel["version"],
        "release_date": rel["date"],
        "built": built,
        "git_describe": git("describe", "--always", "--dirty", "--tags"),
        "git_commit": git("rev-parse", "--short", "HEAD"),
        "edition": edition.edition,
        "parameters": edition.notebook_parameters(),
        "data_fingerprint": data_fingerprint,
        "inputs_sha256": inputs,
        "lock_sha256": sha256(lock) if lock.is_file() else None,
        "engine": engine,
        "tools": tool_versions(engine),
        "content_fingerprint": content,
    }


def write(manifest: dict, path: Path) -> None:
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
