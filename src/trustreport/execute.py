"""Running a chapter notebook with an edition's parameters (papermill), all or nothing."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import papermill as pm

from .chapters import Chapter
from .errors import UserError
from .params import Edition
from .paths import project_root


def run_chapter(chapter: Chapter, edition: Edition) -> Path:
    """Execute one chapter into build/<edition>/chapters/; the old output stays until the new one is whole."""
    out = chapter.executed(edition.edition)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(f".{out.stem}.partial.ipynb")
    failed = out.with_name(f"{out.stem}.failed.ipynb")
    logging.getLogger("papermill").setLevel(logging.WARNING)
    try:
        pm.execute_notebook(
            str(chapter.source),
            str(partial),
            parameters=edition.notebook_parameters(),
            kernel_name="python3",
            cwd=str(project_root()),
            progress_bar=False,
            log_output=False,
            # The kernel talks to papermill over loopback only; its TCP-encryption notice is noise here.
            extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
        )
    except pm.PapermillExecutionError as exc:
        os.replace(partial, failed)
        raise UserError(
            f"chapter {chapter.stem} failed in cell {exc.exec_count}: {exc.ename}: {exc.evalue}\n"
            f"  the executed notebook, with the error, is at {failed.relative_to(project_root())}"
        ) from None
    os.replace(partial, out)
    failed.unlink(missing_ok=True)
    return out
