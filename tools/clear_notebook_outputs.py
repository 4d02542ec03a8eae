"""Chapter notebooks are committed without outputs or execution counts: a build writes its own executed copies.

    python tools/clear_notebook_outputs.py --check notebooks/*.ipynb   # exit 1, naming each notebook that has any
    python tools/clear_notebook_outputs.py notebooks/*.ipynb           # clear them in place

Run by `make check` and the pre-commit hook (nbstripout does the same, but is not installed here). A notebook is
rewritten as the repository keeps them (one-space indent, UTF-8 as is, keys in their order), and only if it changes.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def cleared(notebook: dict) -> dict:
    """The notebook with every code cell's outputs emptied and execution count removed (in place)."""
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
    return notebook


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--check", action="store_true", help="only report notebooks with outputs; change nothing")
    args = parser.parse_args(argv)
    dirty = []
    for path in args.notebooks:
        text = path.read_text(encoding="utf-8")
        clean = json.dumps(cleared(json.loads(text)), indent=1, ensure_ascii=False) + "\n"
        if json.loads(clean) != json.loads(text):
            dirty.append(path)
            if not args.check:
                path.write_text(clean, encoding="utf-8")
    for path in dirty:
        print(f"{path}: {'has' if args.check else 'cleared its'} outputs or execution counts")
    if dirty and args.check:
        print(f"clear them: python tools/clear_notebook_outputs.py {' '.join(map(str, dirty))}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
