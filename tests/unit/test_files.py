"""Files written whole or not at all (trustreport.files)."""

from __future__ import annotations


def test_files_replace_whole(tmp_path):
    from trustreport import files

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
