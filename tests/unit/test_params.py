"""Edition parameters (trustreport.params), in process on files made here (fast enough for `make mutate`): the
schema's values, and what a person sees when they are wrong: each problem names the file that set the value, the line
or key, the value and the rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from trustreport import project
from trustreport.errors import InvalidInput, Problem, UsageError
from trustreport.params import edition_file, editions, load_edition

GOOD = 'edition: "scratch"\nfocus_year: 2021\nbaseline_year: 2020\n'
BASE = (
    "title: 'T'\n"
    "what_if: {uv: 1.0, minutes_per_uv: 1.0, orders_per_minute: 1.0, order_value_rmb: 1.0, purchases_per_buyer: 1.0}\n"
)


@pytest.fixture
def own_project(tmp_path, monkeypatch):
    """A project of our own: trustreport.yml, params/base.yml, an empty data folder; the toolkit pointed at it."""
    home = tmp_path / "proj"
    (home / "params").mkdir(parents=True)
    (home / "data" / "raw").mkdir(parents=True)
    (home / "trustreport.yml").write_text('default_edition: "main"\n', encoding="utf-8")
    (home / "params" / "base.yml").write_text(BASE, encoding="utf-8")
    monkeypatch.setenv("TRUSTREPORT_ROOT", str(home))
    project.root.cache_clear()
    project.settings.cache_clear()
    yield home
    monkeypatch.delenv("TRUSTREPORT_ROOT")
    project.root.cache_clear()
    project.settings.cache_clear()


def edition(home: Path, name: str, text: str) -> Path:
    path = home / "params" / f"{name}.yml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(name_or_path: str, **overrides) -> list[Problem]:
    with pytest.raises(InvalidInput) as caught:
        load_edition(name_or_path, overrides or None)
    return caught.value.problems


def test_a_good_edition_merges_base_file_and_overrides(own_project):
    edition(own_project, "main", GOOD.replace("scratch", "main"))
    loaded = load_edition("main", {"focus_year": 2022})
    assert (loaded.edition, loaded.title, loaded.focus_year, loaded.baseline_year, loaded.data_dir) == (
        "main",
        "T",
        2022,
        2020,
        "data/raw",
    )
    assert loaded.as_dict()["what_if"] == {
        "uv": 1.0,
        "minutes_per_uv": 1.0,
        "orders_per_minute": 1.0,
        "order_value_rmb": 1.0,
        "purchases_per_buyer": 1.0,
    }
    assert loaded.records_path() is None
    assert editions() == ["main"]  # base.yml is not an edition


def test_each_problem_names_the_file_that_set_the_value(own_project):
    (own_project / "params" / "base.yml").write_text(BASE.replace("{uv: 1.0", "{uv: -1.0"), encoding="utf-8")
    edition(own_project, "main", GOOD.replace("scratch", "main").replace("focus_year: 2021", 'focus_year: "2021"'))
    found = problems("main", baseline_year=1990)
    assert sorted((p.file, p.key, p.value, p.rule) for p in found) == [
        ("params/base.yml", "what_if.uv", -1.0, "Input should be greater than 0"),
        ("params/main.yml", "focus_year", "2021", "Input should be a valid integer"),
        ("the notebook's parameters", "baseline_year", 1990, "Input should be greater than or equal to 2019"),
    ]


def test_a_rule_over_several_keys_is_reported_against_the_edition_file(own_project):
    edition(own_project, "main", GOOD.replace("scratch", "main").replace("baseline_year: 2020", "baseline_year: 2021"))
    [found] = problems("main")
    assert (found.file, found.key, found.value, found.rule) == (
        "params/main.yml",
        None,
        None,
        "baseline_year (2021) must be earlier than focus_year (2021)",
    )


def test_a_language_there_is_no_report_in_is_reported_at_its_own_key(own_project):
    """`lang: fr` was blamed on base.yml's title and subtitle ("has no text in fr"), never on the key that set it."""
    (own_project / "params" / "base.yml").write_text(
        BASE.replace("title: 'T'", "title: {en: T, zh: 题}\nsubtitle: {en: S, zh: 副}"), encoding="utf-8"
    )
    edition(own_project, "main", GOOD.replace("scratch", "main") + "lang: fr\n")
    [found] = problems("main")
    assert (found.file, found.key, found.value) == ("params/main.yml", "lang", "fr")
    assert "use one of en, zh" in found.rule


def test_every_unknown_key_is_named_with_the_allowed_ones(own_project):
    edition(own_project, "main", GOOD.replace("scratch", "main") + "focus_yaer: 2021\ntitel: x\n")
    found = problems("main")
    assert [(p.file, p.key) for p in found] == [("params/main.yml", "focus_yaer"), ("params/main.yml", "titel")]
    assert found[0].rule == (
        "unknown parameter (allowed: allow_synthetic, baseline_year, complaint_records, data_dir, edition, "
        "focus_year, lang, subtitle, title, what_if)"
    )


def test_yaml_errors_give_the_line(own_project):
    edition(own_project, "main", GOOD.replace("scratch", "main") + "title: [unclosed\n")
    [found] = problems("main")
    assert (found.file, found.line) == ("params/main.yml", 5)
    assert found.rule.startswith("YAML does not parse: ") and "expected ',' or ']'" in found.rule
    edition(own_project, "main", GOOD.replace("scratch", "main") + "focus_year: 2022\n")
    [found] = problems("main")
    assert (found.line, found.rule) == (4, "YAML does not parse: key 'focus_year' is given twice")
    edition(own_project, "main", GOOD.replace("scratch", "main") + "title: &a x\nsubtitle: *a\n")
    [found] = problems("main")
    assert (found.line, found.rule) == (
        5,
        "YAML does not parse: anchors and aliases (&name, *name) are not allowed here",
    )


def test_a_character_yaml_refuses_is_reported_with_its_line(own_project):
    edition(own_project, "main", GOOD.replace("scratch", "main") + "title: bell\x07\n")
    [found] = problems("main")
    assert (found.file, found.line, found.rule) == (
        "params/main.yml",
        4,
        "YAML does not parse: unacceptable character #x0007: special characters are not allowed",
    )


def test_a_required_key_missing_everywhere_is_named(own_project):
    edition(own_project, "main", GOOD.replace("scratch", "main").replace("focus_year: 2021\n", ""))
    [found] = problems("main")
    assert (found.file, found.key, found.value, found.rule) == ("params/main.yml", "focus_year", None, "Field required")


def test_an_edition_needs_no_base_file(own_project):
    (own_project / "params" / "base.yml").unlink()
    edition(own_project, "main", GOOD.replace("scratch", "main") + BASE)
    assert load_edition("main").title == "T"


def test_a_data_folder_may_not_lead_outside_the_project(own_project, tmp_path):
    (tmp_path / "outside").mkdir()
    (own_project / "data" / "link").symlink_to(tmp_path / "outside")
    (own_project / "params" / "base.yml").write_text(BASE + "data_dir: data/link\n", encoding="utf-8")
    edition(own_project, "main", GOOD.replace("scratch", "main"))
    [found] = problems("main")
    assert (found.file, found.key, found.value, found.rule) == (
        "params/base.yml",
        "data_dir",
        "data/link",
        "leads outside the project (through a symbolic link)",
    )
    (own_project / "params" / "base.yml").write_text(BASE, encoding="utf-8")  # data_dir not set: the default, data/raw
    (own_project / "data" / "raw").rmdir()
    (own_project / "data" / "raw").symlink_to(tmp_path / "outside")
    [found] = problems("main")
    assert (found.file, found.key, found.value) == ("params/main.yml", "data_dir", "data/raw")


def test_python_tags_are_refused_and_nothing_runs(own_project, tmp_path):
    marker = tmp_path / "ran"
    edition(
        own_project,
        "main",
        GOOD.replace("scratch", "main") + f"title: !!python/object/apply:os.system ['touch {marker}']\n",
    )
    [found] = problems("main")
    assert (
        found.line == 4
        and "could not determine a constructor for the tag 'tag:yaml.org,2002:python/object/apply:os.system'"
        in found.rule
    )
    assert not marker.exists()


def test_a_byte_order_mark_is_fine_and_a_file_at_the_size_limit_is_read(own_project):
    text = GOOD.replace("scratch", "main")
    edition(own_project, "main", "")
    (own_project / "params" / "main.yml").write_bytes(b"\xef\xbb\xbf" + text.encode())
    assert load_edition("main").edition == "main"
    padded = text + "#" * (100_000 - len(text) - 1) + "\n"
    edition(own_project, "main", padded)
    assert load_edition("main").focus_year == 2021  # exactly 100,000 bytes: still an edition file
    edition(own_project, "main", padded + "\n")
    [found] = problems("main")
    assert (found.file, found.rule) == ("params/main.yml", "is 100,001 bytes: an edition file is a few hundred")


def test_an_edition_name_set_in_the_base_file_is_reported_there(own_project):
    (own_project / "params" / "base.yml").write_text(BASE + "edition: shared\n", encoding="utf-8")
    edition(own_project, "main", "focus_year: 2021\nbaseline_year: 2020\n")
    [found] = problems("main")
    assert (found.file, found.key, found.value) == ("params/base.yml", "edition", "shared")


def test_an_edition_file_named_without_a_folder_is_a_path(own_project, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("mine.yml", "mine.yaml"):
        (tmp_path / name).write_text(GOOD, encoding="utf-8")
        assert edition_file(name) == Path(name)
        assert load_edition(name).edition == "scratch"  # a file's edition is not its file name
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "mine").write_text(GOOD, encoding="utf-8")
    assert load_edition("sub/mine").edition == "scratch"


def test_an_edition_must_call_itself_by_its_file_name(own_project, tmp_path):
    edition(own_project, "main", GOOD)  # says "scratch"
    [found] = problems("main")
    assert (found.file, found.key, found.value) == ("params/main.yml", "edition", "scratch")
    assert found.rule == "must be the file's own name, 'main' (it names the edition's build folder)"
    elsewhere = tmp_path / "elsewhere.yaml"
    elsewhere.write_text(GOOD.replace("scratch", "main"), encoding="utf-8")
    [found] = problems(str(elsewhere))  # a file outside params/ taking the name of params/main.yml
    assert (found.key, found.value) == ("edition", "main")
    assert found.rule == "is the name of params/main.yml; this edition's build would overwrite that edition's"
    elsewhere.write_text(GOOD, encoding="utf-8")
    assert load_edition(str(elsewhere)).edition == "scratch"  # any other name is its own
    assert (
        load_edition(str(own_project / "params" / "main.yml"), {"edition": "main"}).edition == "main"
    )  # the file itself, by path


def test_the_default_edition_never_takes_synthetic_data_and_records_must_exist(own_project):
    edition(own_project, "main", GOOD.replace("scratch", "main") + "allow_synthetic: true\n")
    [found] = problems("main")
    assert (found.file, found.key, found.value, found.rule) == (
        "params/main.yml",
        "allow_synthetic",
        True,
        "the default edition (main) never takes synthetic data",
    )
    edition(
        own_project,
        "other",
        GOOD.replace("scratch", "other") + "allow_synthetic: true\ncomplaint_records: data/none.parquet\n",
    )
    [found] = problems("other")
    assert (found.file, found.key, found.value) == ("params/other.yml", "complaint_records", "data/none.parquet")
    assert found.rule.startswith("file does not exist")
    (own_project / "data" / "none.parquet").write_bytes(b"")
    loaded = load_edition("other")
    assert loaded.allow_synthetic and loaded.records_path() == own_project / "data" / "none.parquet"


def test_each_key_reports_the_layer_that_set_it(own_project):
    (own_project / "params" / "base.yml").write_text(BASE + "complaint_records: data/none.parquet\n", encoding="utf-8")
    edition(own_project, "main", GOOD.replace("scratch", "main"))
    [found] = problems("main")
    assert (found.file, found.key) == ("params/base.yml", "complaint_records")
    [found] = problems("main", allow_synthetic=True, complaint_records=None)
    assert (found.file, found.key) == ("the notebook's parameters", "allow_synthetic")


def test_editions_are_named_or_given_as_paths(own_project, tmp_path):
    edition(own_project, "main", GOOD.replace("scratch", "main"))
    edition(own_project, "other", GOOD.replace("scratch", "other"))
    assert edition_file("main") == own_project / "params" / "main.yml"
    for missing in ("base", "nosuch"):
        with pytest.raises(UsageError) as caught:
            edition_file(missing)
        assert (
            str(caught.value) == f"no edition '{missing}': params/{missing}.yml does not exist (editions: main, other)"
        )
    (own_project / "params" / "other.yml").unlink()
    for path in (tmp_path / "x.yml", tmp_path / "x.yaml", tmp_path / "sub" / "x"):
        with pytest.raises(UsageError, match="no such params file"):
            edition_file(str(path))
    (tmp_path / "x.yaml").write_text(GOOD, encoding="utf-8")
    assert edition_file(str(tmp_path / "x.yaml")) == tmp_path / "x.yaml"
    (own_project / "params" / "main.yml").unlink()
    with pytest.raises(UsageError, match=r"\(editions: none\)$"):
        edition_file("main")


# ---- the edition schema, against values written out here ----------------------------------------------------------


def write_edition(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "e.yml"
    path.write_text(text, encoding="utf-8")
    return path


ORACLE = 'edition: "oracle"\nfocus_year: 2021\nbaseline_year: 2020\n'


def test_an_edition_gets_the_base_values_and_overrides_them(tmp_path):
    edition = load_edition(str(write_edition(tmp_path, ORACLE + "subtitle: mine\n")))
    assert (edition.edition, edition.focus_year, edition.baseline_year) == ("oracle", 2021, 2020)
    assert (
        edition.title == "E-commerce trust and Kuaishou's 616"
        and edition.subtitle == "mine"
        and edition.data_dir == "data/raw"
    )
    assert edition.what_if.uv == 100_000_000 and edition.allow_synthetic is False and edition.complaint_records is None


@pytest.mark.parametrize(
    "extra, key",
    [
        ("focus_yaer: 2021\n", "focus_yaer"),
        ('focus_year: "2021"\n', "focus_year"),
        ("baseline_year: 2022\n", None),
        ("data_dir: /etc\n", "data_dir"),
        ("data_dir: data/../..\n", "data_dir"),
        ("complaint_records: /x.parquet\n", "complaint_records"),
        ("title: ''\n", "title"),
        ("allow_synthetic: 1\n", "allow_synthetic"),
    ],
)
def test_an_edition_is_refused_naming_the_key(tmp_path, extra, key):
    text = ORACLE.replace("focus_year: 2021\n", "") + extra if extra.startswith("focus_year") else ORACLE + extra
    with pytest.raises(InvalidInput) as caught:
        load_edition(str(write_edition(tmp_path, text)))
    if key:
        assert any(p.key == key or (p.key or "").startswith(key) for p in caught.value.problems), [
            str(p) for p in caught.value.problems
        ]


def test_the_safe_loader_refuses_python_tags(tmp_path):
    marker = tmp_path / "ran"
    with pytest.raises(InvalidInput, match="YAML does not parse"):
        load_edition(
            str(
                write_edition(
                    tmp_path,
                    f'edition: !!python/object/apply:os.system ["touch {marker}"]\nfocus_year: 2021\nbaseline_year: '
                    "2020\n",
                )
            )
        )
    assert not marker.exists()


def test_an_unknown_edition_is_a_usage_error():
    with pytest.raises(UsageError, match="no edition 'nope'"):
        load_edition("nope")
