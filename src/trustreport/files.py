"""Writing files and folders whole or not at all: the one way outputs replace what was there.

Each helper writes beside its target and then moves the result into place, so a reader (or a web server) sees
the old content or the new, never a half; if anything fails, the partial is removed and the old stays.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
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


class _OneValueAKey:
    """A key given twice in one mapping is refused (YAML would keep the last one silently)."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)  # type: ignore[attr-defined]
            if key in seen:
                raise yaml.constructor.ConstructorError(None, None, f"key '{key}' is given twice", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep)  # type: ignore[misc]


class StrictLoader(_OneValueAKey, yaml.SafeLoader):
    """The safe loader, stricter, for YAML a user writes (an edition's parameters): anchors and aliases are refused (a
    few lines of them can expand to gigabytes) and so is a key given twice in one mapping."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(
                None, None, "anchors and aliases (&name, *name) are not allowed here", self.peek_event().start_mark
            )
        return super().compose_node(parent, index)


# libyaml's parser where PyYAML has it (its wheels do): the same safe loading, about ten times as fast as the
# pure-Python parser. The word catalogues and chapter texts, read by every build process, took 0.2 s of each.
_FAST_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class CatalogueLoader(_OneValueAKey, _FAST_SAFE_LOADER):  # type: ignore[misc, valid-type]
    """The safe loader, fast, for the project's own word catalogues and chapter texts: a key given twice (a
    translator's slip) is refused. Anchors pass: these files are the project's, reviewed as its code is."""


def load_yaml(text: str):
    """A YAML document of the project's own (trustreport.yml, the Quarto project), loaded safely."""
    return yaml.load(text, Loader=_FAST_SAFE_LOADER)


def write_json(path: Path, value) -> None:
    """Replace a JSON file in one step; Chinese text stays readable in it."""
    write_text(path, json.dumps(value, ensure_ascii=False, indent=1) + "\n")


@contextmanager
def replacing(path: Path, fault: str | None = None) -> Iterator[Path]:
    """A path beside `path` to write the new file to (with any writer: text, Parquet, papermill); when the block
    ends it replaces `path` in one step, and if the block raises it is removed and `path` stays as it was.
    `fault` names the point, before the move, where a test may stop the process."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_partials(path)
    partial = path.with_name(f".{path.stem}.{os.getpid()}.partial{path.suffix}")
    try:
        yield partial
        if fault:
            faults.point(fault)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def _remove_stale_partials(path: Path) -> None:
    """The partials of `path` that processes killed while writing left behind (a live writer's stays)."""
    head, tail = f".{path.stem}.", f".partial{path.suffix}"
    for stale in path.parent.glob(f"{head}*{tail}"):
        pid = stale.name[len(head) : -len(tail)]
        if pid.isdigit() and not _alive(int(pid)):
            stale.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # a process of another user's
        return True
    return True


@contextmanager
def replacing_folder(target: Path, fault: str = "swap") -> Iterator[Path]:
    """An empty folder beside `target` to build the new one in; when the block ends it is swapped in whole for
    `target` (`swap_in`), and if the block raises (a full disk, a failed step) it is removed with all it holds."""
    target = Path(target)
    partial = target.with_name(f".{target.name}.partial")
    shutil.rmtree(partial, ignore_errors=True)  # left by a run that was killed
    partial.mkdir(parents=True)
    try:
        yield partial
        swap_in(partial, target, fault)
    finally:
        shutil.rmtree(partial, ignore_errors=True)  # gone after a swap, but for the old content swap_in removes


def write_text(path: Path, text: str) -> None:
    """Replace a file's text in one step."""
    with replacing(path) as partial:
        partial.write_text(text, encoding="utf-8")


def copy(source: Path, target: Path) -> None:
    """Replace `target` by a copy of the file `source`, in one step."""
    with replacing(target) as partial:
        shutil.copy2(source, partial)


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


def kept_text(folder: Path, name: str, make: Callable[[], str], keep: int) -> str:
    """What `make()` returns, for something made only from its inputs and kept as folder/name (`name` a key of those
    inputs, so nothing stale is read): read back while it is there, else made and written whole (another process may
    be reading it). Beyond `keep` files, the folder forgets those used longest ago. With TRUSTREPORT_CACHE=off every
    one is made again and nothing is kept; where nothing can be kept (a read-only home), each is made as asked."""
    if os.environ.get("TRUSTREPORT_CACHE", "on") == "off":
        return make()
    path = Path(folder) / name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        pass  # not kept (yet): made below, outside this handler, so a failure of `make` is its own
    else:
        with suppress(OSError):
            os.utime(path)  # used now: among the last to be forgotten
        return text
    text = make()
    with suppress(OSError):
        write_text(path, text)
        _forget_oldest(path.parent, path.suffix, keep)
    return text


def _forget_oldest(folder: Path, suffix: str, keep: int) -> None:
    kept = list(folder.glob(f"*{suffix}"))
    if len(kept) > keep:
        for path in sorted(kept, key=lambda path: path.stat().st_mtime)[: len(kept) - keep * 3 // 4]:
            path.unlink(missing_ok=True)
