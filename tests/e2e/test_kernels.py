"""Kernels that start every time: a kernel slow to start is waited for, one that cannot start is tried twice and
reported as one message naming the chapter and what the kernel said."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DEFAULT_EDITION, ROOT, assert_user_error, copy_project

# Stand-ins for ipykernel's launcher (`python -m ipykernel_launcher`, the command of the python3 kernel), found first
# on PYTHONPATH by the kernel's process only: the chapters' own process never imports it.
SLOW_LAUNCHER = """\
import sys, time
time.sleep(3)  # a kernel still importing on a busy machine: no heartbeat for its first seconds
if sys.path[0] == "":
    del sys.path[0]
from ipykernel import kernelapp
kernelapp.launch_new_instance()
"""
BROKEN_LAUNCHER = """\
import os, sys
with open(os.environ["KERNEL_STARTS"], "a") as starts:
    starts.write("start\\n")
print("ImportError: libzmq.so.5: cannot open shared object file (a broken install, as the test makes it)",
      file=sys.stderr)
sys.exit(1)
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """The project's files with validated tables (what `run-chapter` reads), sharing the project's .venv."""
    copy = copy_project(tmp_path_factory.mktemp("kernels") / "project")
    result = trustreport(copy, "tables", DEFAULT_EDITION)
    assert result.returncode == 0, result.stderr
    return copy


def trustreport(
    project: Path, *args: str, launcher: str | None = None, env: dict | None = None
) -> subprocess.CompletedProcess:
    """`trustreport ...` in the project copy; with `launcher`, kernels start through that stand-in."""
    path = [str(ROOT / "src")]
    if launcher is not None:
        fake = project.parent / "launcher"
        fake.mkdir(exist_ok=True)
        (fake / "ipykernel_launcher.py").write_text(launcher, encoding="utf-8")
        path.insert(0, str(fake))
    plain = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "TRUSTREPORT_FAULT")}
    return subprocess.run(
        [sys.executable, "-m", "trustreport", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
        env={**plain, "TRUSTREPORT_ROOT": str(project), "PYTHONPATH": os.pathsep.join(path), **(env or {})},
    )


def test_a_kernel_slow_to_start_is_waited_for_not_declared_dead(project):
    """On a busy machine a kernel can take seconds to answer its first heartbeat; that is a slow start, not a death
    (it was read as "Kernel died before replying to kernel_info", failing `make test` at random)."""
    chapters = project / "build" / DEFAULT_EDITION / "chapters"
    result = trustreport(
        project, "run-chapter", DEFAULT_EDITION, "00_summary", "20_gala", "--kernels", "2", launcher=SLOW_LAUNCHER
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert (chapters / "00_summary.ipynb").is_file() and (chapters / "20_gala.ipynb").is_file()


def test_a_kernel_that_cannot_start_is_tried_twice_then_named_with_its_own_error(project, tmp_path):
    starts = tmp_path / "starts.txt"
    chapters = project / "build" / DEFAULT_EDITION / "chapters"
    before = {p.name: p.read_bytes() for p in chapters.glob("*.ipynb")}
    result = trustreport(
        project,
        "run-chapter",
        DEFAULT_EDITION,
        "30_festival_gmv",
        launcher=BROKEN_LAUNCHER,
        env={"KERNEL_STARTS": str(starts)},
    )
    assert_user_error(
        result,
        1,
        "chapter 30_festival_gmv",
        "the Python kernel to run it did not start (2 tries)",
        "libzmq.so.5: cannot open shared object file",
    )
    assert starts.read_text(encoding="utf-8").count("start") == 2  # one retry, no more
    assert {p.name: p.read_bytes() for p in chapters.glob("*.ipynb")} == before  # nothing written, nothing half-written
    assert not list(chapters.glob(".*.partial.ipynb"))


def test_a_kernel_that_cannot_start_names_every_chapter_it_leaves_unrun(project, tmp_path):
    """With one kernel for two chapters, its failure to start names both, not only the first it took."""
    result = trustreport(
        project,
        "run-chapter",
        DEFAULT_EDITION,
        "20_gala",
        "30_festival_gmv",
        "--kernels",
        "1",
        launcher=BROKEN_LAUNCHER,
        env={"KERNEL_STARTS": str(tmp_path / "starts.txt")},
    )
    assert_user_error(result, 1, "the Python kernel to run them did not start (2 tries)")
    named = result.stderr.split(": the Python kernel")[0]
    assert "20_gala" in named and "30_festival_gmv" in named, result.stderr


# A sitecustomize for the chapters' own process: it notes every module imported by a thread other than the main one,
# and writes the list when the process ends.
THREAD_IMPORTS = """\
import atexit, os, sys, threading
class _Noting:  # asked first for every module being imported, by the thread importing it; finds nothing itself
    found = set()
    def find_spec(self, name, path=None, target=None):
        if threading.current_thread() is not threading.main_thread():
            self.found.add(name)
        return None
sys.meta_path.insert(0, _Noting())
# a module that is not installed (papermill tries black) is never half made: only those imported count
def _write():
    with open(os.environ["THREAD_IMPORTS"], "w") as out:
        out.write("\\n".join(sorted(_Noting.found & sys.modules.keys())))
atexit.register(_write)
"""


def test_the_kernels_threads_import_nothing_of_their_own(project, tmp_path):
    """Two threads importing one package at the same moment can be handed it half made ("cannot import name … from
    partially initialized module"): a build failing at random. So whatever starting a kernel and running a chapter
    imports is imported before the kernels' threads start: in a run of two chapters in two kernels, no module is
    first imported by those threads."""
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(THREAD_IMPORTS, encoding="utf-8")
    found = tmp_path / "thread-imports.txt"
    result = trustreport(
        project,
        "run-chapter",
        DEFAULT_EDITION,
        "20_gala",
        "30_festival_gmv",
        "--kernels",
        "2",
        env={"THREAD_IMPORTS": str(found), "PYTHONPATH": os.pathsep.join([str(hook), str(ROOT / "src")])},
    )
    assert result.returncode == 0, result.stderr
    assert found.read_text(encoding="utf-8") == ""
