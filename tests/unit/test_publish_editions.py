"""Every edition published: the default edition at the front of each version, every other in editions/<edition>/,
each in both languages, the demonstration only when asked; an edition not built is refused by name, before anything
is written. (Built sites are stood in for by small folders; tests/test_editions_site.py opens real ones.)"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import ROOT, assert_user_error, cli, run
from trustreport.errors import UserError


def fake_edition(folder: Path, edition: str, gmv: float, years: tuple[int, int], synthetic: bool = False) -> Path:
    """A stand-in for build/<edition>/: the English site with its Chinese one in zh/, one figure each."""
    for lang, where in (("en", folder / "site"), ("zh", folder / "site" / "zh")):
        where.mkdir(parents=True, exist_ok=True)
        (where / "index.html").write_text(f"<p>{edition} {lang} front</p>", encoding="utf-8")
        (where / "20_gala.html").write_text(f"<p>{edition} {lang} {gmv}</p>", encoding="utf-8")
        manifest = {
            "report_version": "1.0.0",
            "release_date": "2026-11-25",
            "edition": edition if lang == "en" else f"{edition}-zh",
            "git_commit": "abc1234",
            "data_fingerprint": "f" * 12,
            "content_fingerprint": f"{edition}-{lang}-{gmv}",
            "tools": {"trustreport": "0.1.0"},
            "parameters": {
                "lang": lang,
                "focus_year": years[0],
                "baseline_year": years[1],
                "allow_synthetic": synthetic,
            },
        }
        (where / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
        figure = {
            "table": "gala",
            "label_zh": "观看",
            "metric": "viewers",
            "period": "2020",
            "value": gmv,
            "unit": "万人",
            "qualifier": None,
            "status": "reported",
            "source_id": "seed",
            "value_base": gmv * 1e4,
        }
        (where / "figures.json").write_text(json.dumps({"f-1": figure}), encoding="utf-8")
        (where / "ledger.json").write_text(json.dumps({}), encoding="utf-8")
    return folder


def two_editions(tmp_path: Path, gmv_2020: float = 100) -> dict[str, Path]:
    return {
        "2021": fake_edition(tmp_path / f"b2021-{gmv_2020}", "2021", 9008, (2021, 2020)),
        "2020": fake_edition(tmp_path / f"b2020-{gmv_2020}", "2020", gmv_2020, (2020, 2019)),
    }


def test_every_edition_is_published_in_both_languages_with_the_default_at_the_front(tmp_path):
    from trustreport.site.publish import publish

    site = tmp_path / "site"
    said = publish(["2021", "2020"], site=site, version="1.0.0", builds=two_editions(tmp_path))
    assert "edition 2021 at its root, 2020 in" in said
    version = site / "v" / "1.0.0"
    assert (version / "index.html").read_text(encoding="utf-8") == "<p>2021 en front</p>"
    assert (version / "zh" / "index.html").read_text(encoding="utf-8") == "<p>2021 zh front</p>"
    assert (version / "editions" / "2020" / "20_gala.html").read_text(encoding="utf-8") == "<p>2020 en 100</p>"
    assert (version / "editions" / "2020" / "zh" / "20_gala.html").read_text(encoding="utf-8") == "<p>2020 zh 100</p>"
    assert (site / "latest" / "editions" / "2020" / "zh" / "index.html").is_file()
    assert "url=latest/index.html" in (site / "index.html").read_text(encoding="utf-8")  # the front: 2021
    index = json.loads((site / "versions.json").read_text(encoding="utf-8"))
    assert index["versions"][0]["edition"] == "2021" and index["versions"][0]["editions"] == ["2021", "2020"]
    for folder in ("", "zh/", "editions/2020/", "editions/2020/zh/"):
        assert (version / folder / "changes.html").is_file(), folder


def test_the_edition_switcher_index_names_each_edition_by_its_years_in_each_language(tmp_path):
    from trustreport.site.publish import publish

    site = tmp_path / "site"
    builds = {**two_editions(tmp_path), "demo": fake_edition(tmp_path / "bdemo", "demo", 1, (2021, 2020), True)}
    publish(["2021", "2020", "demo"], site=site, version="1.0.0", builds=builds)
    index = json.loads((site / "v" / "1.0.0" / "editions.json").read_text(encoding="utf-8"))
    assert index["front"] == "2021"
    assert [(e["edition"], e["path"]) for e in index["editions"]] == [
        ("2021", ""),
        ("2020", "editions/2020/"),
        ("demo", "editions/demo/"),
    ]
    assert [e["label"]["en"] for e in index["editions"]] == [
        "2021 against 2020",
        "2020 against 2019",
        "2021 against 2020, demonstration (synthetic records)",
    ]
    assert [e["label"]["zh"] for e in index["editions"]] == [
        "2021年对比2020年",
        "2020年对比2019年",
        "2021年对比2020年（演示版，合成记录）",
    ]
    assert index["editions"][1]["pages"]["zh"] == ["20_gala.html", "changes.html", "index.html"]
    words = {lang["folder"]: lang["words"] for lang in index["languages"]}
    assert (words[""]["edition"], words["zh/"]["edition"]) == ("Edition", "版次")
    assert (words[""]["version"], words["zh/"]["version"]) == ("Version", "版本")


def test_an_edition_not_built_is_refused_by_name_and_nothing_is_written(tmp_path):
    from trustreport.site.publish import publish

    site = tmp_path / "site"
    builds = {**two_editions(tmp_path), "2020": tmp_path / "never-built"}
    with pytest.raises(UserError) as refused:
        publish(["2021", "2020"], site=site, version="1.0.0", builds=builds)
    message = str(refused.value)
    assert message.startswith("edition 2020 has not been built (")
    assert f"{tmp_path / 'never-built' / 'site' / 'manifest.json'} is missing" in message
    assert "`make report EDITION=2020`" in message and "`make publish` builds every edition it publishes" in message
    assert not site.exists()  # nothing half-published
    with pytest.raises(UserError, match=r"'\.\./x' is not an edition name"):
        publish(["2021", "../x"], site=site, version="1.0.0", builds=two_editions(tmp_path))


def test_the_command_names_the_edition_it_cannot_publish(tmp_path):
    site = tmp_path / "site"
    result = cli("publish", "2021", "not-built-anywhere", "--site", str(site), "--version", "1.0.0")
    assert_user_error(
        result,
        1,
        "edition not-built-anywhere has not been built (build/not-built-anywhere/site/manifest.json is missing)",
        "make report EDITION=not-built-anywhere",
    )
    assert not site.exists()


def test_a_version_holds_every_edition_so_a_change_in_any_is_a_change(tmp_path):
    from trustreport.site.publish import publish

    site = tmp_path / "site"
    publish(["2021", "2020"], site=site, version="1.0.0", builds=two_editions(tmp_path))
    assert "nothing to do" in publish(["2021", "2020"], site=site, version="1.0.0", builds=two_editions(tmp_path))
    with pytest.raises(UserError, match="already published with different content"):
        publish(["2021", "2020"], site=site, version="1.0.0", builds=two_editions(tmp_path, gmv_2020=200))
    assert "nothing to do" in publish(["2020", "2021"], site=site, version="1.0.0", builds=two_editions(tmp_path))
    with pytest.raises(UserError, match="already published with different content"):
        publish(["2021"], site=site, version="1.0.0", builds=two_editions(tmp_path))  # an edition left out
    publish(["2021", "2020"], site=site, version="1.0.0", builds=two_editions(tmp_path, gmv_2020=200), force=True)
    assert (site / "latest" / "editions" / "2020" / "20_gala.html").read_text(encoding="utf-8") == "<p>2020 en 200</p>"


def test_each_editions_what_changed_compares_it_with_itself_in_the_previous_version(tmp_path):
    from trustreport.site.publish import publish

    site = tmp_path / "site"
    publish(["2021", "2020"], site=site, version="1.0.0", builds=two_editions(tmp_path))
    publish(["2021", "2020"], site=site, version="1.1.0", builds=two_editions(tmp_path, gmv_2020=200))
    for page, changed in (
        ("editions/2020/changes.html", "1 figure changed"),
        ("editions/2020/zh/changes.html", "1个数字有改动"),
        ("changes.html", "0 figures changed"),
    ):
        path = site / "v" / "1.1.0" / page
        text = path.read_text(encoding="utf-8")
        assert changed in text, page
        previous = re.search(r'href="([^"]*1\.0\.0/[^"]*)"', text)
        assert previous, page
        target = (path.parent / previous.group(1)).resolve()
        assert target == (site / "v" / "1.0.0" / page.replace("changes.html", "index.html")).resolve(), page
        assert target.is_file()


def test_make_publish_publishes_the_demo_only_when_asked():
    """The default edition first, the project's other editions after it, the demonstration only with DEMO=1. (An
    edition a user adds to params/, as docs/complaint-records.md says, is published too: it may follow 2020.)"""
    from trustreport.params import published_editions

    published, with_demo = published_editions(), published_editions(demo=True)
    assert published[:2] == ["2021", "2020"] and "demo" not in published
    assert with_demo[0] == "2021" and sorted(with_demo) == sorted([*published, "demo"])
    show = ["make", "--no-print-directory", "-s", "--eval", "show-publish: ; @echo $(PUBLISH_EDITIONS)", "show-publish"]
    assert run(show).stdout.split() == published
    assert run([*show, "DEMO=1"]).stdout.split() == [*published, "demo"]
    project = (ROOT / "build" / "project.mk").read_text(encoding="utf-8")
    assert f"PUBLISHED_EDITIONS := {' '.join(published)}\n" in project and "DEMO_EDITIONS := demo\n" in project
