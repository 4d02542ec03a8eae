"""Running chapter notebooks for an edition (papermill), each all or nothing, into build/<edition>/chapters/.

Several chapters run in turn in one kernel (`run_chapters`): a kernel's start and its imports of polars and altair
are most of a chapter's time. Each chapter still starts from an empty namespace, counts its cells from 1 and is
written as its own executed notebook, the same file a kernel of its own would give.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .. import faults
from ..errors import UserError
from ..params import Edition
from ..project import root, shown_path
from .chapters import Chapter

# Per-run timings and paths papermill and the kernel record; without them two runs of the same inputs write the same file.
_TIMINGS = ("start_time", "end_time", "duration", "exception", "input_path", "output_path")


# Run in the shared kernel before each chapter: an empty namespace (imported modules stay: that is the saving),
# the project folder as working directory, and cell numbers from 1 again.
_FRESH_START = """\
get_ipython().run_line_magic("reset", "-f")
import os as _os
_os.chdir({cwd!r})
del _os
get_ipython().execution_count = 1
"""
# The kernel talks to papermill over loopback only: its TCP-encryption notice is noise here. Its input history is
# kept nowhere: it would write to ~/.ipython, and cell numbers starting again would clash in it.
_KERNEL_ARGS = ["--IPKernelApp.log_level=CRITICAL", "--HistoryManager.enabled=False"]


def run_chapters(chapters: list[Chapter], edition: Edition, edition_arg: str, kernels: int = 1) -> list[Path]:
    """Execute chapters in up to `kernels` kernels at once, each running its share in turn. A failure stops every
    kernel after its current chapter; the chapters already finished are kept, and the first failure is raised."""
    if len(chapters) < 2:
        return [run_chapter(c, edition, edition_arg) for c in chapters]
    kernels = max(1, min(kernels, len(chapters)))
    shares = [chapters[i::kernels] for i in range(kernels)]
    stop = threading.Event()
    if kernels == 1:
        _run_in_one_kernel(shares[0], edition, edition_arg, stop)
    else:
        with ThreadPoolExecutor(max_workers=kernels) as pool:
            runs = [pool.submit(_run_in_one_kernel, share, edition, edition_arg, stop) for share in shares]
            failures = [run.exception() for run in runs if run.exception() is not None]
        if failures:
            raise failures[0]
    return [c.executed(edition.edition) for c in chapters]


def _run_in_one_kernel(chapters: list[Chapter], edition: Edition, edition_arg: str, stop: threading.Event) -> None:
    from jupyter_client.blocking import BlockingKernelClient
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_core.utils import run_sync

    km = AsyncKernelManager(kernel_name="python3")
    run_sync(km.start_kernel)(cwd=str(root()), extra_arguments=_KERNEL_ARGS)
    kc = BlockingKernelClient()  # ours, for the resets; papermill opens its own client for each chapter
    kc.load_connection_info(km.get_connection_info())
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
        for c in chapters:
            if stop.is_set():
                return
            reply = kc.execute_interactive(_FRESH_START.format(cwd=str(root())), silent=True, store_history=False, timeout=60)
            if reply["content"]["status"] != "ok":
                raise UserError(f"the kernel running the chapters could not be reset before chapter {c.stem}")
            run_chapter(c, edition, edition_arg, km=km)
    except BaseException:
        stop.set()
        raise
    finally:
        kc.stop_channels()
        run_sync(km.shutdown_kernel)(now=True)


def run_chapter(chapter: Chapter, edition: Edition, edition_arg: str, km=None) -> Path:
    """Execute one chapter, in a kernel of its own or in `km`'s; the old output stays until the new one is whole.
    `edition_arg` is the edition as the user named it (a name, or a params file), which the chapter's own set-up
    call reads and checks again."""
    import papermill as pm

    out = chapter.executed(edition.edition)
    out.parent.mkdir(parents=True, exist_ok=True)
    for stale in out.parent.glob(f".{out.stem}.*.partial.ipynb"):  # left by a run that was killed
        stale.unlink(missing_ok=True)
    partial = out.with_name(f".{out.stem}.{os.getpid()}.partial.ipynb")
    failed = out.with_name(f"{out.stem}.failed.ipynb")
    logging.getLogger("papermill").setLevel(logging.ERROR)  # not "unknown parameter PAPERMILL_INPUT_PATH"
    try:
        pm.execute_notebook(
            str(chapter.source),
            str(partial),
            parameters={"edition": edition_arg, "PAPERMILL_INPUT_PATH": shown_path(chapter.source)},
            kernel_name="python3",
            cwd=str(root()),
            progress_bar=False,
            log_output=False,
            extra_arguments=_KERNEL_ARGS,
            **({"km": km} if km is not None else {}),
        )
    except pm.PapermillExecutionError as exc:
        os.replace(partial, failed)
        raise UserError(
            f"chapter {chapter.stem} failed in cell {exc.exec_count}: {exc.ename}: {exc.evalue}\n"
            f"  the executed notebook, with the error, is at {shown_path(failed)}"
        ) from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    without_timings(partial, edition.lang)
    faults.point("chapter.write")
    os.replace(partial, out)
    failed.unlink(missing_ok=True)
    return out


def without_timings(path: Path, lang: str | None = None) -> None:
    """Drop the run's timestamps and random ids from an executed notebook, so the same inputs give the same file;
    and the text of other languages than the edition's, so the executed chapter reads in one language."""
    from ..chapter.text import in_language

    nb = json.loads(path.read_text(encoding="utf-8"))
    if lang is not None:
        nb["cells"] = [cell for cell in nb["cells"] if in_language(cell, lang)]
    for meta in [nb.get("metadata", {}).get("papermill", {})] + [c.get("metadata", {}).get("papermill", {}) for c in nb["cells"]]:
        for key in _TIMINGS:
            meta.pop(key, None)
    for cell in nb["cells"]:
        cell.get("metadata", {}).pop("execution", None)
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            cell["id"] = "injected-parameters"  # papermill gives it a random id
    path.write_text(json.dumps(nb, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
