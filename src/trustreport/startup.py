"""Import work the build's own processes (the command line and the kernels it starts) leave out."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

# jsonschema, which altair and nbformat import, imports rfc3987_syntax when it is installed (JupyterLab's
# jupyter-events asks for it) and that compiles 39 grammars at import, about a second in every process, only to check
# the "iri" format of JSON schemas. Nothing the build validates uses that format; marked absent, jsonschema leaves
# the check out. A JupyterLab kernel of the user's own is not touched.
UNUSED_MODULES = ("rfc3987_syntax",)

# The same, as a line a kernel runs when it starts (IPKernelApp.exec_lines).
KERNEL_LINE = f"import sys; [sys.modules.setdefault(name, None) for name in {UNUSED_MODULES!r}]"


def leave_out_unused_imports() -> None:
    """Mark the unused modules absent in this process, unless something already imported them."""
    for name in UNUSED_MODULES:
        # None in sys.modules is the import system's documented "not importable" (typeshed types only modules)
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]


@contextmanager
def absent_while_importing(*names: str) -> Iterator[None]:
    """The modules `names` marked absent for the imports inside the block, and importable again after it: for a
    library that imports an optional module at its own import, for a feature the build never uses."""
    marked = [name for name in names if name not in sys.modules]
    for name in marked:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        for name in marked:
            if sys.modules.get(name, 0) is None:
                del sys.modules[name]
