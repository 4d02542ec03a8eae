"""startup.py: the import work the build's own processes leave out, and only that."""

from __future__ import annotations

import subprocess
import sys

from trustreport.startup import absent_while_importing

# What the chapter runner imports (papermill among it), then whether pyarrow came with it, then pyarrow.fs imported.
RUNNER_THEN_PYARROW = """
import sys
from trustreport.pipeline.execute import _import_runner_modules
_import_runner_modules()
print("pyarrow" in sys.modules, "papermill" in sys.modules)
import pyarrow.fs
print(pyarrow.fs.LocalFileSystem.__name__)
"""


def test_the_chapter_runner_imports_papermill_without_pyarrow_and_leaves_pyarrow_importable():
    result = subprocess.run([sys.executable, "-c", RUNNER_THEN_PYARROW], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == ["False True", "LocalFileSystem"]


def test_a_module_is_absent_inside_the_block_only_and_one_already_imported_is_left_alone():
    name = "trustreport_no_such_module_for_this_test"
    with absent_while_importing(name, "json"):
        assert sys.modules[name] is None  # an import of it raises ImportError
        assert sys.modules["json"] is not None  # imported before: untouched
        try:
            __import__(name)
        except ImportError:
            pass
        else:
            raise AssertionError("the module was importable inside the block")
    assert name not in sys.modules and sys.modules["json"] is not None
