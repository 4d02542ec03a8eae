"""Files written whole or not at all (trustreport.files). Every output is written through it: a write that fails
(a full disk) leaves the previous output as it was and no partial behind, and a partial a killed writer left is
cleared by the next."""

from __future__ import annotations

import errno
import os

import pytest

from trustreport import files


def no_space(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_file_whose_writer_fails_stays_as_it_was(tmp_path):
    target = tmp_path / "table.parquet"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(OSError), files.replacing(target) as partial:
        partial.write_text("half", encoding="utf-8")
        no_space()
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["table.parquet"]


def test_a_partial_left_by_a_killed_writer_is_cleared_by_the_next(tmp_path):
    pid = 4194304 + 1  # above the largest pid Linux gives out: a writer that no longer runs
    stale = tmp_path / f".report.{pid}.partial.pdf"
    stale.write_text("half", encoding="utf-8")
    mine = tmp_path / f".report.{os.getpid()}.partial.pdf"  # a live writer's (here: ours) stays until it ends
    with files.replacing(tmp_path / "report.pdf") as partial:
        assert partial == mine and not stale.exists()
        partial.write_text("whole", encoding="utf-8")
    assert (tmp_path / "report.pdf").read_text(encoding="utf-8") == "whole"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf"]


def test_a_folder_whose_building_fails_stays_as_it_was(tmp_path):
    target = tmp_path / "site"
    target.mkdir()
    (target / "index.html").write_text("old", encoding="utf-8")
    with pytest.raises(OSError), files.replacing_folder(target) as work:
        (work / "index.html").write_text("new", encoding="utf-8")
        no_space()
    assert (target / "index.html").read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_staging_on_a_full_disk_leaves_no_report_partial(tmp_path, monkeypatch):
    """The staged report is built in build/<edition>/.report.partial: a disk that fills up while it is copied
    leaves the previous staged report and nothing else."""
    from trustreport.data.tables import load_all
    from trustreport.params import load_edition
    from trustreport.render import stage

    edition = load_edition("2021")
    target = tmp_path / "report"
    target.mkdir()
    (target / "_quarto.yml").write_text("the previous staging\n", encoding="utf-8")
    monkeypatch.setattr(stage, "configure", no_space)  # fails after report/ is copied into the partial
    with pytest.raises(OSError, match="No space left"):
        stage.stage(edition, target, load_all(edition.data_path()), "a build line")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]
    assert (target / "_quarto.yml").read_text(encoding="utf-8") == "the previous staging\n"


def test_files_replace_whole(tmp_path):
    target = tmp_path / "t.txt"
    assert files.write_text_if_changed(target, "a") is True and files.write_text_if_changed(target, "a") is False
    old = tmp_path / "dir"
    old.mkdir()
    (old / "x").write_text("old", encoding="utf-8")
    new = tmp_path / ".dir.partial"
    new.mkdir()
    (new / "x").write_text("new", encoding="utf-8")
    files.swap_in(new, old)
    assert (
        (old / "x").read_text(encoding="utf-8") == "new" and not new.exists() and not (tmp_path / ".dir.old").exists()
    )
    fresh = tmp_path / ".fresh.partial"
    fresh.mkdir()
    files.swap_in(fresh, tmp_path / "fresh")
    assert (tmp_path / "fresh").is_dir()


def test_a_kept_file_is_made_once_and_where_nothing_can_be_kept_made_each_time(tmp_path):
    """files.kept_text, the user's cache of things made only from their inputs (chart drawings, pandoc's pages)."""
    made: list[str] = []

    def make() -> str:
        made.append("made")
        return "<svg/>"

    assert files.kept_text(tmp_path / "kept", "a.svg", make, 10) == "<svg/>"
    assert files.kept_text(tmp_path / "kept", "a.svg", make, 10) == "<svg/>" and made == ["made"]
    (tmp_path / "blocked").write_text("a file where the folder would be", encoding="utf-8")
    for _ in range(2):
        assert files.kept_text(tmp_path / "blocked", "a.svg", make, 10) == "<svg/>"
    assert made == ["made"] * 3
