"""A publish that finds site/versions.json damaged says so, and rebuilds it from the versions published in site/v/."""

from __future__ import annotations

import json
from pathlib import Path

from trustreport.site.publish import publish


def built(folder: Path) -> Path:
    """The smallest build publish accepts: a site with its manifest, figures and ledger."""
    site = folder / "site"
    site.mkdir(parents=True)
    (site / "index.html").write_text("<p>report</p>", encoding="utf-8")
    manifest = {
        "report_version": "1.0.0",
        "release_date": "2026-11-25",
        "edition": "e",
        "git_commit": "abc1234",
        "data_fingerprint": "f" * 12,
        "content_fingerprint": "one",
        "tools": {"trustreport": "0.1.0"},
    }
    (site / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (site / "figures.json").write_text("{}", encoding="utf-8")
    (site / "ledger.json").write_text("{}", encoding="utf-8")
    return folder


def test_a_damaged_index_is_named_and_rebuilt_from_the_published_versions(tmp_path):
    site, build = tmp_path / "site", built(tmp_path / "b")
    publish("e", site=site, version="1.0.0", build=build)
    for damage, said in (
        ('{"latest": "1.0', "it cannot be read as JSON"),
        ('["1.0.0"]', "it is not an index of versions"),
    ):
        (site / "versions.json").write_text(damage, encoding="utf-8")
        message = publish("e", site=site, version="1.0.0", build=build)
        assert message.startswith(f"{site / 'versions.json'} was damaged: {said}")
        assert "rebuilt from the 1 version(s) published in" in message
        index = json.loads((site / "versions.json").read_text(encoding="utf-8"))
        assert index["latest"] == "1.0.0" and [v["version"] for v in index["versions"]] == ["1.0.0"]


def test_a_sound_index_is_not_reported(tmp_path):
    site, build = tmp_path / "site", built(tmp_path / "b")
    publish("e", site=site, version="1.0.0", build=build)
    assert "damaged" not in publish("e", site=site, version="1.0.0", build=build)
