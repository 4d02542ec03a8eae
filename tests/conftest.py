"""Shared fixtures: the project root, the CLI as a user runs it, and one build of the default edition."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import yaml

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_EDITION = str(yaml.safe_load((ROOT / "trustreport.yml").read_text(encoding="utf-8"))["default_edition"])


def run(args: list[str], *, env: dict | None = None, cwd: Path = ROOT, timeout: int = 600) -> subprocess.CompletedProcess:
    """Run a command the way a user would and capture what they would see."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(args, cwd=cwd, env=full_env, capture_output=True, text=True, timeout=timeout)


def cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """`trustreport ...` from the project's environment."""
    return run([sys.executable, "-m", "trustreport", *args], env=env)


@pytest.fixture(scope="session")
def built() -> Path:
    """build/<default edition>, made by the README's `make report`."""
    result = run(["make", "report"])
    assert result.returncode == 0, result.stdout + result.stderr
    return ROOT / "build" / DEFAULT_EDITION


def assert_user_error(result: subprocess.CompletedProcess, code: int, *fragments: str) -> None:
    """A clear message: the expected exit code, every fragment in stderr, no traceback."""
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    for fragment in fragments:
        assert fragment in result.stderr, f"{fragment!r} not in: {result.stderr}"
