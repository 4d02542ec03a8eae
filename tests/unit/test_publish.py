"""Publishing (trustreport.site.publish), in process on builds faked here: versions and what changed between
them, replacing only when forced, named fault points, repairs after an interruption, a damaged index of versions
named and rebuilt."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trustreport.errors import UserError


def fake_build(folder: Path, edition: str, value: float, fingerprint: str) -> Path:
    """The smallest build publish accepts: a site with its manifest, figures and ledger."""
    site = folder / "site"
    site.mkdir(parents=True)
    (site / "index.html").write_text(f"<p>{value}</p>", encoding="utf-8")
    (site / "manifest.json").write_text(
        json.dumps(
            {
                "report_version": "1.0.0",
                "release_date": "2026-11-25",
                "edition": edition,
                "git_commit": "abc1234",
                "data_fingerprint": "f" * 12,
                "content_fingerprint": fingerprint,
                "tools": {"trustreport": "0.1.0"},
            }
        ),
        encoding="utf-8",
    )
    figure = {
        "table": "gala",
        "label_zh": "观看",
        "metric": "viewers",
        "period": "2020",
        "value": value,
        "unit": "万人",
        "qualifier": None,
        "status": "reported",
        "source_id": "seed",
        "value_base": value * 1e4,
    }
    (site / "figures.json").write_text(
        json.dumps({"f-1": figure, "f-2": {**figure, "value": 1, "value_base": 1e4}}), encoding="utf-8"
    )
    (site / "ledger.json").write_text(
        json.dumps({"20_gala": [{"kind": "figure", "figure_id": "f-1", "text": f"{value}"}]}), encoding="utf-8"
    )
    return folder


def test_publish_two_versions_with_what_changed(tmp_path):
    from trustreport.site.publish import publish

    site = tmp_path / "site"
    first = publish("e", site=site, version="1.0.0", build=fake_build(tmp_path / "b1", "e", 9008, "one"))
    assert "published version 1.0.0" in first and "latest is 1.0.0" in first
    second = publish("e", site=site, version="1.1.0", build=fake_build(tmp_path / "b2", "e", 9100, "two"))
    assert "latest is 1.1.0" in second
    index = json.loads((site / "versions.json").read_text(encoding="utf-8"))
    assert [v["version"] for v in index["versions"]] == ["1.1.0", "1.0.0"] and index["latest"] == "1.1.0"
    assert (site / "latest" / "index.html").read_text(encoding="utf-8") == "<p>9100</p>"
    changes = (site / "v" / "1.1.0" / "changes.html").read_text(encoding="utf-8")
    assert "1 figure changed, 0 added, 0 removed" in changes and "90.08 million" in changes and "91 million" in changes
    assert 'data-figure="f-2"' not in changes  # unchanged
    assert "20_gala" in changes and 'href="../1.0.0/index.html"' in changes
    assert "The first published version: 2 figures" in (site / "v" / "1.0.0" / "changes.html").read_text(
        encoding="utf-8"
    )
    assert "url=latest/index.html" in (site / "index.html").read_text(encoding="utf-8")


def test_publish_refuses_to_replace_unless_forced_and_repeats_as_a_no_op(tmp_path):
    from trustreport.site.publish import publish

    site = tmp_path / "site"
    publish("e", site=site, version="1.0.0", build=fake_build(tmp_path / "b1", "e", 1, "one"))
    assert "nothing to do" in publish("e", site=site, version="1.0.0", build=tmp_path / "b1")
    with pytest.raises(UserError, match="already published with different content"):
        publish("e", site=site, version="1.0.0", build=fake_build(tmp_path / "b2", "e", 2, "two"))
    publish("e", site=site, version="1.0.0", build=tmp_path / "b2", force=True)
    assert (site / "v" / "1.0.0" / "index.html").read_text(encoding="utf-8") == "<p>2</p>"
    with pytest.raises(UserError, match="not a version number"):
        publish("e", site=site, version="../x", build=tmp_path / "b2")
    with pytest.raises(UserError, match="has not been built"):
        publish("nothing-built", site=site, version="2.0.0", build=tmp_path / "none")


def test_publish_passes_its_named_fault_points_in_order(tmp_path, monkeypatch):
    from trustreport import faults
    from trustreport.site.publish import publish

    reached = []
    monkeypatch.setattr(faults, "point", reached.append)
    publish("e", site=tmp_path / "site", version="1.0.0", build=fake_build(tmp_path / "b1", "e", 1, "one"))
    assert reached == ["publish.swap", "publish.version-done", "publish.latest-swap", "publish.latest-done"]


def test_the_version_index_mirrors_whole_versions_on_disk(tmp_path):
    from trustreport.site.publish import publish, published_versions

    site = tmp_path / "deep" / "er" / "site"  # made with its parents
    publish("e", site=site, version="1.0.0", build=fake_build(tmp_path / "b1", "e", 1, "one"))
    for name, manifest in ((".1.1.0.partial", "{}"), ("3.0.0", None), ("notes", "{}"), ("0.5.0", "{broken")):
        (site / "v" / name).mkdir()
        if manifest is not None:
            (site / "v" / name / "manifest.json").write_text(manifest, encoding="utf-8")
    entry = {
        "version": "1.0.0",
        "date": "2026-11-25",
        "edition": "e",
        "editions": ["e"],
        "commit": "abc1234",
        "path": "v/1.0.0/",
    }
    assert published_versions(site) == [entry]
    assert sorted(p.name for p in site.iterdir()) == ["index.html", "latest", "v", "versions.json"]  # nothing else
    assert published_versions(tmp_path / "nothing") == []
    assert json.loads((site / "versions.json").read_text(encoding="utf-8")) == {"latest": "1.0.0", "versions": [entry]}
    assert json.loads((site / "v" / "1.0.0" / "version.json").read_text(encoding="utf-8")) == {"version": "1.0.0"}
    assert json.loads((site / "latest" / "version.json").read_text(encoding="utf-8")) == {"version": "1.0.0"}
    redirect = (site / "index.html").read_text(encoding="utf-8")
    assert redirect.startswith("<!doctype html>\n") and '<html lang="en">' in redirect
    assert (
        '<meta http-equiv="refresh" content="0; url=latest/index.html">' in redirect
        and '<a href="latest/index.html">' in redirect
    )


def test_publish_repairs_what_an_interruption_left(tmp_path):
    from trustreport.site.publish import publish

    site = tmp_path / "site"
    publish("e", site=site, version="1.0.0", build=fake_build(tmp_path / "b1", "e", 1, "one"))
    leftovers = [site / ".latest.partial", site / "v" / ".1.1.0.partial", site / "v" / ".1.0.0.old"]
    for folder in leftovers:
        folder.mkdir()
    (site / "latest" / "index.html").unlink()
    assert "nothing to do" in publish("e", site=site, version="1.0.0", build=tmp_path / "b1")
    assert (site / "latest" / "index.html").read_text(encoding="utf-8") == "<p>1</p>"
    assert not any(folder.exists() for folder in leftovers)
    served = (site / "latest" / "index.html").stat().st_ino
    assert "nothing to do" in publish("e", site=site, version="1.0.0", build=tmp_path / "b1")
    assert (site / "latest" / "index.html").stat().st_ino == served  # a no-op touches nothing
    (site / "latest" / "version.json").write_text(
        '{"version": "0.9.0"}', encoding="utf-8"
    )  # latest/ serving another version
    publish("e", site=site, version="1.0.0", build=tmp_path / "b1")
    assert json.loads((site / "latest" / "version.json").read_text(encoding="utf-8")) == {"version": "1.0.0"}
    (site / "v" / "1.0.0" / "manifest.json").unlink()  # a version folder that is not whole is copied again, not refused
    assert "published version 1.0.0" in publish("e", site=site, version="1.0.0", build=tmp_path / "b1")


@pytest.mark.parametrize(
    "point", ["publish.swap", "publish.version-done", "publish.latest-swap", "publish.latest-done"]
)
def test_a_publish_stopped_at_any_point_is_finished_by_the_next(tmp_path, monkeypatch, point):
    from trustreport import faults
    from trustreport.site.publish import publish

    site = tmp_path / "site"
    publish("e", site=site, version="1.0.0", build=fake_build(tmp_path / "b1", "e", 1, "one"))

    def stop(name):
        if name == point:
            raise KeyboardInterrupt(name)

    monkeypatch.setattr(faults, "point", stop)
    with pytest.raises(KeyboardInterrupt):
        publish("e", site=site, version="1.1.0", build=fake_build(tmp_path / "b2", "e", 2, "two"))
    assert (site / "latest" / "index.html").read_text(encoding="utf-8") in (
        "<p>1</p>",
        "<p>2</p>",
    )  # the site kept serving
    monkeypatch.undo()
    publish("e", site=site, version="1.1.0", build=tmp_path / "b2")
    assert sorted(p.name for p in site.iterdir()) == ["index.html", "latest", "v", "versions.json"]
    assert sorted(p.name for p in (site / "v").iterdir()) == ["1.0.0", "1.1.0"]
    assert (site / "latest" / "index.html").read_text(encoding="utf-8") == "<p>2</p>"
    assert json.loads((site / "versions.json").read_text(encoding="utf-8"))["latest"] == "1.1.0"


def test_a_second_publish_waits_for_the_first(tmp_path, capsys):
    import threading
    import time

    from trustreport.project import locked
    from trustreport.site.publish import publish

    site = tmp_path / "site"
    build = fake_build(tmp_path / "b1", "e", 1, "one")
    with locked(tmp_path / ".site.publish.lock", "test"):
        waiting = threading.Thread(
            target=publish, args=("e",), kwargs={"site": site, "version": "1.0.0", "build": build}
        )
        waiting.start()
        deadline = time.monotonic() + 10
        while "Waiting for another publish to this site to finish..." not in capsys.readouterr().err:
            assert time.monotonic() < deadline, "the second publish did not say it waits"
            time.sleep(0.05)
        assert waiting.is_alive() and not site.exists()
    waiting.join(10)
    assert (site / "latest" / "index.html").is_file()


def test_a_bad_version_is_refused_before_anything_is_read(tmp_path):
    from trustreport.site.publish import publish

    with pytest.raises(UserError, match="version '../x': not a version number"):
        publish("e", site=tmp_path / "site", version="../x", build=tmp_path / "never-built")
    assert not (tmp_path / "site").exists()


def test_republishing_a_version_keeps_latest_and_compares_with_the_one_before(tmp_path):
    from trustreport.site.publish import publish

    site = tmp_path / "site"
    publish("e", site=site, version="1.0.0", build=fake_build(tmp_path / "b1", "e", 1, "one"))
    publish("e", site=site, version="1.1.0", build=fake_build(tmp_path / "b2", "e", 2, "two"))
    publish("e", site=site, version="1.0.0", build=fake_build(tmp_path / "b3", "e", 3, "three"), force=True)
    assert (site / "latest" / "index.html").read_text(
        encoding="utf-8"
    ) == "<p>2</p>"  # an older version replaced: latest stays
    publish("e", site=site, version="1.1.0", build=fake_build(tmp_path / "b4", "e", 4, "four"), force=True)
    assert (site / "latest" / "index.html").read_text(
        encoding="utf-8"
    ) == "<p>4</p>"  # the latest replaced: latest follows
    assert 'href="../1.0.0/index.html"' in (site / "v" / "1.1.0" / "changes.html").read_text(encoding="utf-8")


def test_publish_reads_the_editions_own_build_by_default(tmp_path, monkeypatch):
    from trustreport import project
    from trustreport.site.publish import publish

    home = tmp_path / "proj"
    (home / "build").mkdir(parents=True)
    (home / "trustreport.yml").write_text('default_edition: "e"\n', encoding="utf-8")
    fake_build(home / "build" / "e", "e", 5, "five")
    monkeypatch.setenv("TRUSTREPORT_ROOT", str(home))
    project.root.cache_clear()
    try:
        assert "published version 1.0.0 (edition e)" in publish("e")  # the version its manifest names
        assert (home / "site" / "latest" / "index.html").read_text(encoding="utf-8") == "<p>5</p>"
    finally:
        monkeypatch.delenv("TRUSTREPORT_ROOT")
        project.root.cache_clear()


@pytest.mark.parametrize(
    "versions, newest",
    [
        (["1.0.0", "1.10.0", "1.9.0"], "1.10.0"),
        (["2.0.0-rc.1", "2.0.0"], "2.0.0"),
        (["v1.2.0", "1.3"], "1.3"),
        (["1.0.0-rc.2", "1.0.0-rc.10"], "1.0.0-rc.10"),
        (["1.0.0-alpha", "1.0.0-1"], "1.0.0-alpha"),
        (["1.0.0-rc.1", "1.0.0-rc"], "1.0.0-rc.1"),
    ],
)
def test_versions_sort_as_semantic_versions(versions, newest):
    from trustreport.site.publish import version_key

    assert max(versions, key=version_key) == newest
    assert version_key("1.2") == version_key("1.2.0") == version_key("v1.2.0")


# ---- a damaged site/versions.json: said, and rebuilt from the versions published in site/v/ ----------------------


def bare_build(folder: Path) -> Path:
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
    from trustreport.site.publish import publish

    site, build = tmp_path / "site", bare_build(tmp_path / "b")
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
    from trustreport.site.publish import publish

    site, build = tmp_path / "site", bare_build(tmp_path / "b")
    publish("e", site=site, version="1.0.0", build=build)
    assert "damaged" not in publish("e", site=site, version="1.0.0", build=build)
