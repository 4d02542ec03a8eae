"""The package's stages stand in layers, and no module imports from a layer above its own: the chapter list sits
below the chapters, the charts below the chapters that draw them, the engines below the pipeline that drives them.
Every import counts, those inside functions too (where an upward one would hide a cycle), and there is no cycle
between modules."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "src" / "trustreport"

# Lowest first; a module may import from its own layer and those below it. Each layer names modules or packages.
LAYERS = [
    # the base: errors, files, the project folder, languages and their word catalogues, the ledger's entries, what
    # a process leaves out at start, font cuts
    {
        "trustreport",
        "errors",
        "faults",
        "escape",
        "files",
        "project",
        "languages",
        "words",
        "ledger",
        "startup",
        "fonts",
    },
    {"params"},  # the typed edition
    {"data"},  # the raw tables: schemas, units, periods, validation, the store
    {"records"},  # complaint records
    {"numbers"},  # the number formatter
    {"chapters"},  # the chapter list and what each chapter declares
    {"charts"},  # chart kinds, the theme, a chart's bundle
    {"chapter"},  # what a notebook calls
    {"render"},  # staging and the engines
    {"site"},  # publishing, the what-changed page, the manifest
    {"pipeline"},  # plan, execute, build
    {"cli", "__main__"},
]


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(("trustreport", *parts)).removesuffix(".__init__")


def imports(path: Path) -> set[str]:
    """The trustreport modules a file imports, wherever in the file the import stands."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            target = ".".join([*base, *([node.module] if node.module else [])])
            for alias in node.names:  # `from . import numbers` imports a module; `from .x import y` imports x
                candidate = f"{target}.{alias.name}"
                found.add(candidate if is_module(candidate) else target)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return {f for f in found if f == "trustreport" or f.startswith("trustreport.")}


def is_module(name: str) -> bool:
    relative = Path(*name.split(".")[1:]) if "." in name else Path()
    return (PACKAGE / relative).with_suffix(".py").is_file() or (PACKAGE / relative / "__init__.py").is_file()


def layer(name: str) -> int:
    first = name.split(".")[1] if "." in name else "trustreport"
    return next(i for i, members in enumerate(LAYERS) if first in members)


def graph() -> dict[str, set[str]]:
    return {module_name(path): imports(path) for path in sorted(PACKAGE.rglob("*.py"))}


def test_every_module_has_a_layer():
    for name in graph():
        layer(name)  # StopIteration names a module no layer holds


def test_no_module_imports_from_a_layer_above_its_own():
    upward = [
        f"{name} imports {target}"
        for name, targets in graph().items()
        for target in targets
        if layer(target) > layer(name)
    ]
    assert upward == []


def test_no_two_modules_import_each_other_even_through_others():
    edges = graph()
    cycles = []

    def visit(name: str, path: list[str]) -> None:
        for target in sorted(edges.get(name, ())):
            if target in path:
                cycles.append(" -> ".join([*path[path.index(target) :], target]))
            elif target not in done:
                visit(target, [*path, target])
        done.add(name)

    done: set[str] = set()
    for name in sorted(edges):
        if name not in done:
            visit(name, [name])
    assert cycles == []
