"""Running chapter notebooks for an edition (papermill), each all or nothing, into build/<edition>/chapters/.

Several chapters run in turn in one kernel (`run_chapters`): a kernel's start and its imports of polars and altair
are most of a chapter's time. An edition's languages share the run (`run_editions`): a chapter runs once for all of
them, its words made in each (chapter/each.py), and each language's executed notebook is split from that run. Each
run starts from an empty namespace, counts its cells from 1, and each language's notebook is the same file a run in
that language alone, in a kernel of its own, would give.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from pathlib import Path
from queue import Empty, Queue
from typing import IO, Any

from .. import files
from ..chapter.each import split
from ..chapter.text import in_language
from ..chapters import Chapter
from ..errors import UserError
from ..ledger import absent_from_outputs
from ..params import Edition
from ..project import root, shown_path
from ..startup import KERNEL_LINE, absent_while_importing

# Per-run timings and paths papermill and the kernel record; without them two runs of the same inputs write the same
# file.
_TIMINGS = ("start_time", "end_time", "duration", "exception", "input_path", "output_path")


# Run in the shared kernel before each chapter: an empty namespace (imported modules stay: that is the saving),
# the project folder as working directory, and cell numbers from 1 again. What outlives the reset (the modules, the
# tables read once) is then frozen out of the garbage collector's view: each reset's collection, and those Python
# starts while charts are built, walked every object of Altair's schema classes again, 0.8 s of a two-language
# build's kernel time.
_FRESH_START = """\
get_ipython().run_line_magic("reset", "-f")
import gc as _gc
_gc.freeze()
del _gc
import os as _os
_os.chdir({cwd!r})
del _os
get_ipython().execution_count = 1
"""
# Run in each kernel once it has started, while the tables are still being checked (its core would otherwise sit
# idle): the imports the chapters make and the chart renderer's start, which its first chapter would pay (about a
# second; nothing to start where the machine keeps its drawings: bundle.warm_up). No chapter's output depends on it;
# what fails here fails again in the chapter's own run, which reports it.
_WARM_UP = """\
try:
    import trustreport.chapter.comparisons, trustreport.chapter.context, trustreport.chapter.narrative
    import trustreport.chapter.scorecard, trustreport.chapter.tactics
    from trustreport.charts import bundle as _bundle
    _bundle.warm_up()
    del _bundle
except Exception:
    pass
"""
# The kernel talks to papermill over loopback only: its TCP-encryption notice is noise here. Its input history is
# kept nowhere: it would write to ~/.ipython, and cell numbers starting again would clash in it. It skips the
# import work the build does not use (startup.py).
_KERNEL_ARGS = [
    "--IPKernelApp.log_level=CRITICAL",
    "--HistoryManager.enabled=False",
    f"--IPKernelApp.exec_lines={KERNEL_LINE}",
]


def run_languages(
    plans: list[tuple[str, list[str]]], kernels: int = 1, first: Callable[[], None] | None = None
) -> list[Path]:
    """Run the named chapters of an edition in several languages, (edition, chapter names) each: a chapter asked for
    in more than one runs once for all of them (`run_editions`), after `first`, which runs while the kernels
    start. The executed notebooks, in order. (This module imports little: the command that runs chapters starts its
    kernels without waiting for the charts' and renderers' imports.)"""
    from ..chapters import chapter
    from ..params import load_edition

    return run_editions(
        [(edition_arg, load_edition(edition_arg), [chapter(stem) for stem in stems]) for edition_arg, stems in plans],
        kernels,
        first,
    )


def run_chapters(chapters: list[Chapter], edition: Edition, edition_arg: str, kernels: int = 1) -> list[Path]:
    """Execute chapters of one edition in up to `kernels` kernels at once (`run_editions`)."""
    return run_editions([(edition_arg, edition, chapters)], kernels)


def run_editions(
    plans: list[tuple[str, Edition, list[Chapter]]], kernels: int = 1, first: Callable[[], None] | None = None
) -> list[Path]:
    """Execute the chapters of several editions, (edition as the user named it, the edition, its chapters), in up to
    `kernels` kernels at once. The editions are one edition in each of its languages: a chapter runs once for all of
    them (`run_chapter`), so a second language costs no kernel start, no imports, no table reads and no second
    run of the chapter's code. `first` (the tables stage) runs while the kernels start, and no chapter starts before
    it is done; if it fails, none does. A failure stops every kernel after its current chapter; the chapters already
    finished are kept, and the first failure is raised. The executed notebooks, in the order given."""
    runs: dict[str, list[tuple[Chapter, Edition, str]]] = {}
    for edition_arg, edition, chapters in plans:
        for c in chapters:
            runs.setdefault(c.stem, []).append((c, edition, edition_arg))
    if not runs:
        return []
    # The longest notebooks first (their size a rough measure of their work): the last chapter to start is a short one.
    queue: Queue[list[tuple[Chapter, Edition, str]]] = Queue()
    for unit in sorted(runs.values(), key=lambda unit: -unit[0][0].source.stat().st_size):
        queue.put(unit)
    kernels = max(1, min(kernels, len(runs)))
    _import_kernel_modules()
    stop, ready = threading.Event(), threading.Event()
    if first is None and kernels == 1:
        _import_runner_modules()
        ready.set()
        _run_in_one_kernel(queue, stop, ready)
    else:
        with ThreadPoolExecutor(max_workers=kernels) as pool:
            started = [pool.submit(_run_in_one_kernel, queue, stop, ready) for _ in range(kernels)]
            try:
                _import_runner_modules()  # while the kernels start
                if first is not None:
                    first()
            except BaseException:
                stop.set()  # the kernels started for nothing: each shuts down before running a chapter
                raise
            finally:
                ready.set()
            failures = [exc for run in started if (exc := run.exception()) is not None]
        if failures:
            raise failures[0]
    return [c.executed(edition.edition) for _, edition, chapters in plans for c in chapters]


def _import_kernel_modules() -> None:
    """Import what the kernels' threads use, once, in the calling thread. Two threads importing jupyter_client at the
    same moment can meet inside its import cycle (jupyter_client/__init__ -> manager -> ... -> jupyter_client), and
    Python then hands one of them the half-made module: "cannot import name 'AsyncKernelManager' from partially
    initialized module 'jupyter_client.manager'", a build failing at random (seen on a fresh clone, 2026-12-04)."""
    # and what starting a kernel imports when first asked: IPython (for the kernel specs' folders), psutil
    import ipykernel.kernelspec  # noqa: F401
    import IPython.paths  # noqa: F401
    import jupyter_client.asynchronous  # the kernels' clients (km.client())
    import jupyter_client.localinterfaces
    import jupyter_client.manager  # noqa: F401
    import jupyter_core.utils  # noqa: F401
    import psutil  # type: ignore[import-untyped]  # noqa: F401


def _import_runner_modules() -> None:
    """Import what runs the chapters (papermill, nbclient: 0.3 s) in the calling thread, while the kernels start: the
    kernels' threads import nothing once `_import_kernel_modules` is done (a test holds them to it), and need these
    only once `ready` is set."""
    # two codecs papermill's run looks up (a codec lookup imports its module)
    import encodings.unicode_escape
    import encodings.utf_8_sig  # noqa: F401

    import nbclient.exceptions  # noqa: F401

    # papermill's file handlers import pyarrow.fs for hdfs:// paths, two thirds of papermill's import (0.22 of 0.33
    # s, measured): a chapter is a local file, so papermill's HDFS handler is left saying pyarrow is missing
    with absent_while_importing("pyarrow.fs"):
        import papermill  # noqa: F401

    from . import papermill_engine  # noqa: F401  (registers the engine the chapters run with)


def _run_in_one_kernel(
    queue: Queue[list[tuple[Chapter, Edition, str]]], stop: threading.Event, ready: threading.Event
) -> None:
    """Start a kernel and, once `ready` is set, run chapters from the queue in it, each chapter for every edition it
    is asked for, until the queue is empty or another kernel (or what had to come first) failed."""
    try:
        first = queue.get_nowait()
    except Empty:
        return
    # a kernel that cannot start is reported with its first chapter and those still waiting, which the build then
    # does not run either (another kernel stops after its current chapter)
    waiting = [unit[0][0].stem for unit in list(queue.queue)]
    from jupyter_core.utils import run_sync  # imported already, by _import_kernel_modules

    with _kernel([first[0][0].stem, *waiting]) as (km, kc, kernel_log):
        if not ready.is_set():  # something runs first (the tables stage): the kernel warms up meanwhile
            with suppress(TimeoutError):
                run_sync(kc.execute_interactive)(_WARM_UP, silent=True, store_history=False, timeout=_START_TIMEOUT_S)
        ready.wait()
        unit: list[tuple[Chapter, Edition, str]] | None = first
        while unit is not None and not stop.is_set():
            c = unit[0][0]
            try:
                reply = run_sync(kc.execute_interactive)(
                    _FRESH_START.format(cwd=str(root())), silent=True, store_history=False, timeout=_START_TIMEOUT_S
                )
                if reply["content"]["status"] != "ok":
                    raise UserError(f"the kernel running the chapters could not be reset before chapter {c.stem}")
                run_chapter(c, [(edition, edition_arg) for _, edition, edition_arg in unit], km=km, kc=kc)
            except BaseException as exc:
                stop.set()
                if _kernel_died(exc):
                    raise UserError(
                        f"chapter {c.stem}: the Python kernel running it stopped ({exc})" + _last_words(kernel_log)
                    ) from None
                raise
            try:
                unit = queue.get_nowait()
            except Empty:
                unit = None


# What a chapter that works in one language but not in a run for several is told: Python or a library was handed
# words in each language (chapter/each.py) where it takes one text, as `"".join(words)` or `pl.DataFrame(rows)` do.
EACH_HINT = (
    "  (the chapter ran for several languages at once, and its words are made in each: join them with "
    "ch.join(separator, parts), make a table of them with ch.frame(rows), show them with Markdown from "
    "trustreport.chapter; docs/architecture.md)\n"
)
# A kernel that has not answered within this many seconds of its start is taken as failed (papermill's own default).
_START_TIMEOUT_S = 60
# A kernel that fails to start is started once more before the chapters it was to run are reported as failed.
_START_ATTEMPTS = 2


@contextmanager
def _kernel(stems: list[str]) -> Iterator[tuple[Any, Any, IO[bytes]]]:
    """A started kernel, its manager and a client of ours (asynchronous, as nbclient drives it: every chapter in the
    kernel runs on it), and the file the kernel's own stderr goes to (what it says if it fails); shut down on
    leaving."""
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_core.utils import run_sync

    with tempfile.TemporaryFile() as kernel_log:
        failure = ""
        for _attempt in range(_START_ATTEMPTS):
            km = AsyncKernelManager(kernel_name="python3")
            kc = None
            try:
                run_sync(km.start_kernel)(cwd=str(root()), extra_arguments=_KERNEL_ARGS, stderr=kernel_log)
                # The manager's own client, which asks the manager whether the kernel's process lives. A client
                # without a manager judges by the heartbeat instead, and a kernel still importing on a busy machine
                # misses its first one-second heartbeat: that was read as "Kernel died before replying to
                # kernel_info" of a kernel that was alive.
                kc = km.client()
                kc.allow_stdin = False  # a chapter asking for input fails; it does not wait for an answer
                kc.start_channels()
                run_sync(kc.wait_for_ready)(timeout=_START_TIMEOUT_S)
                break
            except (RuntimeError, TimeoutError) as exc:
                failure = str(exc)
                _shut_down(km, kc)
        else:
            raise UserError(
                f"chapter {', '.join(stems)}: the Python kernel to run "
                f"{'it' if len(stems) == 1 else 'them'} did not start ({_START_ATTEMPTS} tries): {failure}"
                + _last_words(kernel_log)
            )
        try:
            yield km, kc, kernel_log
        finally:
            _shut_down(km, kc)


def _shut_down(km: Any, kc: Any) -> None:
    from jupyter_core.utils import run_sync

    if kc is not None:
        kc.stop_channels()
    if km.has_kernel:
        run_sync(km.shutdown_kernel)(now=True)


def _kernel_died(exc: BaseException) -> bool:
    from nbclient.exceptions import DeadKernelError

    return isinstance(exc, DeadKernelError)


def _last_words(kernel_log: IO[bytes], lines: int = 15) -> str:
    """The end of what the kernel wrote to its stderr, for the message; nothing when it wrote nothing."""
    kernel_log.flush()
    kernel_log.seek(0)
    said = kernel_log.read().decode("utf-8", errors="replace").strip().splitlines()[-lines:]
    return "".join(f"\n  kernel: {line}" for line in said) if said else "\n  (the kernel wrote nothing to its stderr)"


def run_chapter(chapter: Chapter, editions: list[tuple[Edition, str]], km: Any, kc: Any) -> list[Path]:
    """Execute one chapter once for an edition in each of its languages, (the edition, as the user named it: a name
    or a params file, which the chapter's set-up reads and checks again), in `km`'s kernel through `kc`, its client
    (started and ready). Each language's executed notebook is written as a run in that language alone writes it
    (chapter/each.py); the old ones stay until the new are whole. The executed notebooks, in the order given."""
    import papermill as pm

    from .papermill_engine import NAME as ENGINE

    outs = [chapter.executed(edition.edition) for edition, _ in editions]  # files.replacing makes their folders
    failed = outs[0].with_name(f"{outs[0].stem}.failed.ipynb")
    logging.getLogger("papermill").setLevel(logging.ERROR)  # not "unknown parameter PAPERMILL_INPUT_PATH"
    inputs = {"PAPERMILL_INPUT_PATH": shown_path(chapter.source)}
    run: dict[str, Any] = {"edition": editions[0][1], **inputs}
    if len(editions) > 1:
        run["editions"] = [edition_arg for _, edition_arg in editions]
    with files.replacing(outs[0], fault="chapter.write") as partial:
        try:
            pm.execute_notebook(
                str(chapter.source),
                str(partial),
                parameters=run,
                kernel_name="python3",
                cwd=str(root()),
                progress_bar=False,
                log_output=False,
                # written once, when the run ends (or fails), not after every cell: a chapter's charts make the
                # notebook a few megabytes, and papermill's two saves a cell were a fifth of a build's time
                request_save_on_cell_execute=False,
                engine_name=ENGINE,
                km=km,
                kc=kc,
            )
        except pm.PapermillExecutionError as exc:
            os.replace(partial, failed)  # kept for the reader, under its own name
            raise UserError(
                f"chapter {chapter.stem} failed in cell {exc.exec_count}: {exc.ename}: {exc.evalue}\n"
                + (EACH_HINT if len(editions) > 1 and "Each" in f"{exc.ename} {exc.evalue}" else "")
                + f"  the executed notebook, with the error, is at {shown_path(failed)}"
            ) from None
        executed = json.loads(partial.read_text(encoding="utf-8"))
        # each language but the first beside its own, then the first in place of the run's file
        for (edition, edition_arg), out in reversed(list(zip(editions, outs, strict=True))):
            nb, absent = in_one_language(executed, edition.lang, {"edition": edition_arg, **inputs})
            text = json.dumps(nb, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
            if out == outs[0]:
                partial.write_text(text, encoding="utf-8")
            else:
                files.write_text(out, text)
            if absent:
                # not an error (a user's own data may leave a figure out), but never silent: a mistyped id reads
                # the same
                print(
                    f"note: chapter {chapter.stem} ({edition.edition}) names figures its edition's data does not "
                    f'hold, stated as "not reported": {", ".join(absent)}',
                    file=sys.stderr,
                )
    failed.unlink(missing_ok=True)
    return outs


def in_one_language(executed: dict, lang: str, parameters: dict[str, Any]) -> tuple[dict, list[str]]:
    """An executed notebook as a run in `lang` with `parameters` alone writes it: its outputs and Markdown cells in
    `lang` (`each.split`, `text.in_language`), the parameters that run is given, and without the run's timestamps and
    random ids, so the same inputs give the same file. The figure ids the chapter named that its data does not hold
    (`ledger.absent_from_outputs`)."""
    from papermill.translators import translate_parameters

    nb = split(executed, lang)
    nb["cells"] = [cell for cell in nb["cells"] if in_language(cell, lang)]
    nb.setdefault("metadata", {}).setdefault("papermill", {})["parameters"] = parameters
    for meta in [nb["metadata"]["papermill"]] + [c.get("metadata", {}).get("papermill", {}) for c in nb["cells"]]:
        for key in _TIMINGS:
            meta.pop(key, None)
    for cell in nb["cells"]:
        cell.get("metadata", {}).pop("execution", None)
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            cell["id"] = "injected-parameters"  # papermill gives it a random id
            cell["source"] = translate_parameters("python3", "python", parameters, "Parameters").splitlines(True)
    return nb, absent_from_outputs(nb)
