"""The project's settings and where it is found (trustreport.project)."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT


def test_project_settings():
    from trustreport import project

    assert project.default_edition() == "2021" and project.pdf_name("2020") == "trustreport-2020.pdf"
    assert project.find(ROOT / "notebooks") == ROOT and project.find(Path("/")) is None
    assert project.shown_path(ROOT / "data" / "raw") == "data/raw" and project.shown_path("/etc") == "/etc"
