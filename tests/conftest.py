"""Shared fixtures: the project root, the CLI as a user runs it, and one build of the default edition."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_EDITION = str(yaml.safe_load((ROOT / "trustreport.yml").read_text(encoding="utf-8"))["default_edition"])

# A property holds or it does not: no example fails for taking more than Hypothesis's default 200 ms on a busy machine
# (that made `make check` fail at random with "Unreliable test timings").
settings.register_profile("trustreport", deadline=None)
settings.load_profile("trustreport")


def run(
    args: list[str], *, env: dict | None = None, cwd: Path = ROOT, timeout: int = 600
) -> subprocess.CompletedProcess:
    """Run a command the way a user would and capture what they would see. The package is imported from this
    tree's src/ (the same code as the editable install; under `make mutate`, the mutated copy)."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), **(env or {})}
    return subprocess.run(args, cwd=cwd, env=full_env, capture_output=True, text=True, timeout=timeout)


def cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """`trustreport ...` from the project's environment."""
    return run([sys.executable, "-m", "trustreport", *args], env=env)


# Both engines are checked on the default edition. Without Quarto on PATH the Quarto half is skipped and says so;
# CI sets TRUSTREPORT_REQUIRE_QUARTO=1, where a missing Quarto fails instead.
ENGINES = ["embedded", "quarto"]
REQUIRE_QUARTO = os.environ.get("TRUSTREPORT_REQUIRE_QUARTO") == "1"


def need_engine(engine: str) -> None:
    if engine == "quarto" and shutil.which("quarto") is None:
        if REQUIRE_QUARTO:
            pytest.fail(
                "TRUSTREPORT_REQUIRE_QUARTO=1 but quarto is not on PATH: install it with "
                "../shared/tools/quarto/install.sh"
            )
        pytest.skip("quarto is not on PATH: the Quarto half of the tests was not run (install it to run it)")


@pytest.fixture(scope="session")
def built() -> Path:
    """build/<default edition>, made by the README's `make report` (with Quarto when it is on PATH)."""
    result = run(["make", "report"])
    assert result.returncode == 0, result.stdout + result.stderr
    return ROOT / "build" / DEFAULT_EDITION


def engine_of(build: Path) -> str:
    return json.loads((build / "site" / "manifest.json").read_text(encoding="utf-8"))["engine"]


@pytest.fixture(scope="session", params=ENGINES)
def engine_build(request, built, tmp_path_factory) -> Path:
    """The default edition rendered by one engine: a folder holding site/ and the PDF (the same chapters)."""
    engine = request.param
    need_engine(engine)
    if engine_of(built) == engine:
        return built
    out = tmp_path_factory.mktemp(f"build-{engine}")
    result = cli("assemble", DEFAULT_EDITION, "--engine", engine, "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


def scratch_in_project(name: str) -> Path:
    """A fresh folder inside the project (build/tests/<name>): editions may read data only from inside the project."""
    folder = ROOT / "build" / "tests" / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def relative(path: Path) -> str:
    return str(path.relative_to(ROOT))


def assert_user_error(result: subprocess.CompletedProcess, code: int, *fragments: str) -> None:
    """A clear message: the expected exit code, every fragment in stderr, no traceback."""
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    for fragment in fragments:
        assert fragment in result.stderr, f"{fragment!r} not in: {result.stderr}"
