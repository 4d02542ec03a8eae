"""papermill's nbclient engine, run on a kernel client the caller keeps: one client a kernel, for all its chapters.

nbclient makes a new client for every notebook it runs in a kernel it is given, and waits for the client to be ready:
a kernel_info round trip, then 0.2 s without a message on IOPub. That was 0.2 to 0.3 s a chapter with the kernel
idle (2.5 s over a two-language build's ten chapter runs, measured 2026-12-06). execute.py starts each kernel's client
once, waits for it once, and hands it to every chapter's run through this engine (`kc=`).
"""

from __future__ import annotations

from typing import Any

from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, papermill_engines
from papermill.log import logger
from papermill.utils import merge_kwargs, remove_args

NAME = "trustreport-kept-client"


class KeptClientEngine(NBClientEngine):
    """NBClientEngine, but the notebook runs on the client given as `kc`, started and ready, which it leaves open."""

    @classmethod
    def execute_managed_notebook(
        cls,
        nb_man: Any,
        kernel_name: str,
        log_output: bool = False,
        stdout_file: Any = None,
        stderr_file: Any = None,
        start_timeout: int = 60,
        execution_timeout: int | None = None,
        kc: Any = None,
        **kwargs: Any,
    ) -> Any:
        # papermill's own NBClientEngine.execute_managed_notebook (papermill 2.7), with the client set before the run
        kwargs = remove_args(["input_path"], **kwargs)
        safe_kwargs = remove_args(["timeout", "startup_timeout"], **kwargs)
        client = PapermillNotebookClient(
            nb_man,
            **merge_kwargs(
                safe_kwargs,
                timeout=execution_timeout if execution_timeout else kwargs.get("timeout"),
                startup_timeout=start_timeout,
                kernel_name=kernel_name,
                log=logger,
                log_output=log_output,
                stdout_file=stdout_file,
                stderr_file=stderr_file,
            ),
        )
        if kc is not None:
            kc.allow_stdin = False  # as nbclient sets its own: a cell asking for input fails, it does not wait
            client.kc = kc  # nbclient then makes no client of its own, and (not owning the kernel) closes none
        return client.execute()


papermill_engines.register(NAME, KeptClientEngine)
