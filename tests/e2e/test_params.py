"""Edition parameters: one typed schema, checked before any notebook runs."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import yaml

from conftest import ROOT, assert_user_error, cli, run
from trustreport.params import Edition, load_edition


def write_params(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "edition.yml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD = 'edition: "scratch"\nfocus_year: 2021\nbaseline_year: 2020\n'


def test_unknown_key_names_the_file_and_key_and_builds_nothing(tmp_path):
    path = write_params(tmp_path, GOOD + "focus_yaer: 2021\n")
    result = cli("build", str(path), "--engine", "embedded")
    assert_user_error(result, 1, str(path), "key 'focus_yaer'", "unknown parameter")
    assert not (ROOT / "build" / "scratch").exists(), "a notebook ran despite the bad key"


def test_wrong_type_names_the_key(tmp_path):
    path = write_params(tmp_path, GOOD.replace("focus_year: 2021", 'focus_year: "2021"'))
    assert_user_error(cli("check-params", str(path)), 1, "key 'focus_year'", "'2021'", "integer")


def test_years_out_of_order_are_refused(tmp_path):
    path = write_params(tmp_path, GOOD.replace("baseline_year: 2020", "baseline_year: 2022"))
    assert_user_error(cli("check-params", str(path)), 1, "baseline_year (2022) must be earlier than focus_year (2021)")


def test_yaml_that_does_not_parse_gives_its_line(tmp_path):
    path = write_params(tmp_path, GOOD + "title: [unclosed\n")
    assert_user_error(cli("check-params", str(path)), 1, "line 5", "YAML does not parse")


def test_missing_data_folder_is_named(tmp_path):
    path = write_params(tmp_path, GOOD + "data_dir: no/such/folder\n")
    assert_user_error(cli("check-params", str(path)), 1, "key 'data_dir'", "no/such/folder", "folder does not exist")


def test_unknown_edition_is_a_usage_error_listing_the_editions():
    assert_user_error(cli("check-params", "1999"), 2, "no edition '1999'", "2021")


def test_make_report_with_unknown_edition_fails_before_running_anything():
    result = run(["make", "report", "EDITION=nosuch"])
    assert result.returncode != 0
    assert "no edition 'nosuch'" in result.stderr
    assert not (ROOT / "build" / "nosuch").exists()


def test_python_syntax_in_a_value_stays_a_string(tmp_path):
    payload = "__import__('os').system('touch pwned')"
    path = write_params(tmp_path, GOOD + f'title: "{payload}"\n')
    assert load_edition(str(path)).title == payload
    assert not (ROOT / "pwned").exists()


def test_every_edition_is_valid(demo_records):
    for path in sorted((ROOT / "params").glob("*.yml")):
        if path.name != "base.yml":
            assert load_edition(path.stem).edition == path.stem


def test_every_notebook_has_one_parameters_cell_naming_only_the_edition():
    """Adding an edition parameter touches the schema and the chapters that use it, never every notebook."""
    for notebook in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        tagged = [c for c in cells if "parameters" in c.get("metadata", {}).get("tags", [])]
        assert len(tagged) == 1, f"{notebook.name}: needs one cell tagged 'parameters'"
        assigned = [
            node
            for node in ast.parse("".join(tagged[0]["source"])).body
            if isinstance(node, (ast.Assign, ast.AnnAssign))
        ]
        assert [node.target.id for node in assigned] == ["edition"], notebook.name
        assert ast.literal_eval(assigned[0].value) is None, (
            f"{notebook.name}: the default edition is named once, in trustreport.yml"
        )


def test_base_file_keys_are_schema_keys():
    base = yaml.safe_load((ROOT / "params" / "base.yml").read_text(encoding="utf-8"))
    assert set(base) <= set(Edition.model_fields)


def test_an_edition_file_added_or_removed_is_what_make_publishes_next(tmp_path):
    """make's list of editions (build/project.mk) follows params/: an edition file removed left it listed, and
    `make publish` would have tried to build an edition that no longer exists."""
    from conftest import copy_project, make

    project = copy_project(tmp_path / "project")
    show = ["--no-print-directory", "-s", "--eval", "show-publish: ; @echo $(PUBLISH_EDITIONS)", "show-publish"]
    assert make(project, *show).stdout.split() == ["2021", "2020"]
    mine = project / "params" / "mine.yml"
    mine.write_text('edition: "mine"\nfocus_year: 2021\nbaseline_year: 2020\n', encoding="utf-8")
    assert make(project, *show).stdout.split() == ["2021", "2020", "mine"]
    mine.unlink()
    assert make(project, *show).stdout.split() == ["2021", "2020"]
