"""The bad-input corpus (tests/e2e/bad_inputs/cases.yml), each case run through the CLI as a user would."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, assert_user_error, cli, copy_project

CASES = yaml.safe_load((Path(__file__).parent / "bad_inputs" / "cases.yml").read_text(encoding="utf-8"))


def snapshot(folder: Path) -> dict:
    """Every file under a folder with its size and modification time: 'as it was' means equal snapshots."""
    if not folder.exists():
        return {}
    return {
        str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()
    }


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 30
    assert len({case["name"] for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_bad_input(case, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "raw", data)
    for name, old, new in ([case["replace"]] if "replace" in case else []) + case.get("also", []):
        text = (data / name).read_text(encoding="utf-8")
        assert old in text, f"the case no longer applies: {old!r} not in {name}"
        (data / name).write_text(text.replace(old, new, 1), encoding="utf-8")
    for name, text in case.get("write", {}).items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(bytes.fromhex(text[4:]) if text.startswith("hex:") else text.encode("utf-8"))
    for name, columns in case.get("parquet", {}).items():
        import polars as pl

        pl.DataFrame(columns).write_parquet(tmp_path / name)
    project = copy_project(tmp_path / "project")  # its own project: other tests build beside this one in ours
    before = snapshot(project / "build"), snapshot(project / "site")
    if "make" in case:  # make itself, as a user types it
        env = {k: v for k, v in os.environ.items() if k != "TRUSTREPORT_ROOT"}
        result = subprocess.run(
            ["make", *case["make"]], cwd=project, env=env, capture_output=True, text=True, timeout=600
        )
    else:
        args = [a.replace("{data}", str(data)).replace("{tmp}", str(tmp_path)) for a in case["run"]]
        result = cli(*args, env={"TRUSTREPORT_ROOT": str(project)})
    assert_user_error(result, case.get("exit", 1), *case["expect"])
    assert (snapshot(project / "build"), snapshot(project / "site")) == before, (
        "a failed command changed build/ or site/"
    )
    assert not (project / "pwned").exists() and not (ROOT / "pwned").exists()
