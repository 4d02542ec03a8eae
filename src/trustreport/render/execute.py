"""Running a chapter notebook for an edition (papermill), all or nothing, into build/<edition>/chapters/."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from .. import faults
from ..errors import UserError
from ..params import Edition
from ..project import root, shown_path
from .chapters import Chapter

# Per-run timings and paths papermill and the kernel record; without them two runs of the same inputs write the same file.
_TIMINGS = ("start_time", "end_time", "duration", "exception", "input_path", "output_path")


def run_chapter(chapter: Chapter, edition: Edition, edition_arg: str) -> Path:
    """Execute one chapter; the old output stays until the new one is whole. `edition_arg` is the edition as the
    user named it (a name, or a params file), which the chapter's own set-up call reads and checks again."""
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
            # The kernel talks to papermill over loopback only; its TCP-encryption notice is noise here.
            extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
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
    without_timings(partial)
    faults.point("chapter.write")
    os.replace(partial, out)
    failed.unlink(missing_ok=True)
    return out


def without_timings(path: Path) -> None:
    """Drop the run's timestamps and random ids from an executed notebook, so the same inputs give the same file."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for meta in [nb.get("metadata", {}).get("papermill", {})] + [c.get("metadata", {}).get("papermill", {}) for c in nb["cells"]]:
        for key in _TIMINGS:
            meta.pop(key, None)
    for cell in nb["cells"]:
        cell.get("metadata", {}).pop("execution", None)
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            cell["id"] = "injected-parameters"  # papermill gives it a random id
    path.write_text(json.dumps(nb, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
