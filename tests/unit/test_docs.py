"""The README and the guides in docs/ are true of the code: every file or folder they name exists, every `make`
target and every `trustreport` command they show is one the Makefile or the command line has."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT
from trustreport.cli import COMMANDS

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
# What a guide may name by a short path: from the project, the package, the raw data or the tests.
PLACES = [ROOT, ROOT / "src" / "trustreport", ROOT / "data" / "raw", ROOT / "tests"]
# Files the build writes, which a guide names by their name alone.
GENERATED = {"plan.mk", "project.mk", "params.json", "figures.json", "ledger.json", "versions.json", "manifest.json"}
GENERATED |= {"index.html", "changes.html", "version.json", "editions.json"}
FILE = re.compile(r"\.(py|yml|yaml|md|csv|ipynb|lua|typ|html|cff|json|lock|toml|css|js|svg|png|txt|mk)$")


def spans(doc: Path) -> list[str]:
    """Every `code span` of a document, fenced blocks' lines included."""
    text = doc.read_text(encoding="utf-8")
    found = re.findall(r"`([^`\n]+)`", re.sub(r"```.*?```", "", text, flags=re.S))
    for block in re.findall(r"```[a-z]*\n(.*?)```", text, flags=re.S):
        found += [line.strip() for line in block.splitlines()]
    return found


def named_paths(doc: Path) -> list[str]:
    paths = []
    for span in spans(doc):
        for word in span.split():
            word = word.strip("(),;:'\"").removeprefix("./")
            generated = word.startswith(("build/", "site/", "mutants/", ".venv/", "../")) or "://" in word
            if generated or any(mark in word for mark in "<>*{}[]=$") or not re.search("[A-Za-z]", word):
                continue
            if "/" in word.strip("/") or FILE.search(word):
                paths.append(word)
    return paths


def commands(doc: Path, program: str) -> list[str]:
    """The first word after `make` or `trustreport` in each command a document shows."""
    pattern = re.compile(rf"(?:^|\s|/)(?:{program}) ([a-z][a-z-]*)")
    return [m.group(1) for span in spans(doc) for m in pattern.finditer(span)]


def exists(path: str, names: set[str]) -> bool:
    """A path from one of PLACES; a file's bare name (in a table of a package's modules) anywhere in the project."""
    if "/" not in path.strip("/"):
        return path in names or path in GENERATED or any((place / path).exists() for place in PLACES)
    return any((place / path).exists() for place in PLACES)


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d.name)
def test_every_path_a_document_names_exists(doc):
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    names = {Path(line).name for line in tracked.splitlines()}
    assert [p for p in named_paths(doc) if not exists(p, names)] == []


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d.name)
def test_every_make_target_a_document_shows_exists(doc):
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, flags=re.M))
    assert [t for t in commands(doc, "make") if t not in targets] == []


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d.name)
def test_every_trustreport_command_a_document_shows_exists(doc):
    assert [c for c in commands(doc, "trustreport") if c not in COMMANDS] == []
