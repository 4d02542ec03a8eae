"""Writing files and folders whole or not at all: the one way outputs replace what was there.

Each helper writes beside its target and then moves the result into place, so a reader (or a web server) sees
the old content or the new, never a half; if anything fails, the partial is removed and the old stays.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import yaml

from . import faults


def read_text(path: Path) -> str:
    """A text file we or a user wrote: UTF-8, with or without a byte-order mark (Windows editors add one)."""
    return Path(path).read_text(encoding="utf-8-sig")


def read_json(path: Path):
    return json.loads(read_text(path))


def open_csv(path: Path):
    """A CSV file opened for the csv module: UTF-8 without its byte-order mark, newlines left to the reader."""
    return open(path, encoding="utf-8-sig", newline="")


class StrictLoader(yaml.SafeLoader):
    """The safe loader, stricter: anchors and aliases are refused (a few lines of them can expand to gigabytes) and
    so is a key given twice in one mapping (YAML would keep the last one silently)."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(
                None, None, "anchors and aliases (&name, *name) are not allowed here", self.peek_event().start_mark
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                raise yaml.constructor.ConstructorError(None, None, f"key '{key}' is given twice", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep)


def write_json(path: Path, value) -> None:
    """Replace a JSON file in one step; Chinese text stays readable in it."""
    write_text(path, json.dumps(value, ensure_ascii=False, indent=1) + "\n")


def write_text(path: Path, text: str) -> None:
    """Replace a file's text in one step."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def write_text_if_changed(path: Path, text: str) -> bool:
    """Write unless the file already holds `text` (its modification time then stays); True if written."""
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    write_text(path, text)
    return True


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one atomic step (Linux renameat2 RENAME_EXCHANGE); False where that is unavailable."""
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def swap_in(partial: Path, target: Path, fault: str = "swap") -> None:
    """Replace the folder (or file) `target` by the finished `partial`. Readers see the old or the new, never
    none: the two are exchanged atomically where the system can, else the old moves aside just before.
    `fault` names the point inside the swap where a test may stop the process."""
    if target.exists() and _exchange(partial, target):
        faults.point(fault)
        shutil.rmtree(partial) if partial.is_dir() else partial.unlink()  # now holds the old content
        return
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    faults.point(fault)
    partial.rename(target)
    shutil.rmtree(old, ignore_errors=True) if old.is_dir() else old.unlink(missing_ok=True)
