"""Sentences the chapters share (chapter/narrative.py), read against the data: a year without a figure says none was
found in the sources searched, never that none was published (Kuaishou published a 2019 GMV, behind its 540% of
2020; the sources on record do not hold it)."""

from __future__ import annotations

import pytest

from conftest import ROOT
from trustreport.chapter import narrative
from trustreport.chapter.figures import Figures
from trustreport.data.tables import load_all


@pytest.fixture(scope="module")
def tables():
    return load_all(ROOT / "data" / "raw")


@pytest.mark.parametrize(
    ("lang", "baseline", "focus", "want"),
    [
        (
            "en",
            2019,
            2020,
            "Kuaishou's e-commerce GMV was RMB 381.2 billion in 2020, up 540% on 2019, a year whose own total was not "
            "found in the sources searched.",
        ),
        ("zh", 2019, 2020, "快手电商GMV：2020年3812亿元，较2019年增长540%（检索过的来源中没有找到2019年本身的总额）。"),
        (
            "en",
            2020,
            2021,
            "Kuaishou's e-commerce GMV was RMB 381.2 billion in 2020 and RMB 680 billion in 2021, up 78.4% on 2020.",
        ),
        ("zh", 2020, 2021, "快手电商GMV：2020年3812亿元，2021年6800亿元，较2020年增长78.4%。"),
        # 2020's growth is on 2019, not on 2018: it is not stated against a baseline of 2018
        ("en", 2018, 2020, "Kuaishou's e-commerce GMV was RMB 381.2 billion in 2020; no total for 2018 was found in"),
        ("zh", 2024, 2025, "快手电商GMV：2024年1.39万亿元；检索过的来源中没有找到2025年的总额。"),
        (
            "en",
            2017,
            2018,
            "No whole-year e-commerce GMV of Kuaishou for 2017 or 2018 was found in the sources searched.",
        ),
    ],
)
def test_the_gmv_sentence_says_a_missing_year_was_not_found(tables, lang, baseline, focus, want):
    said = narrative.gmv_sentence(Figures(tables, lang), baseline, focus)
    assert said.startswith(want), said
    assert "not reported" not in said and "未公布" not in said


@pytest.mark.parametrize(
    ("lang", "years", "labels"),
    [
        # no Kuaishou gala is on record for 2019: there was nothing to find, so its cells never say "none found"
        ("en", [2019, 2020], {2019: {"no gala on record"}, 2020: {"90.08 million", "134 million"}}),
        ("zh", [2019, 2020], {2019: {"没有晚会记录"}, 2020: {"9008万人", "1.34亿次"}}),
        # the 2021 gala was held: what no source gave is "none found"
        ("en", [2020, 2021], {2021: {"none found", "more than 30"}}),
    ],
)
def test_a_year_without_a_gala_says_so_and_a_gala_without_a_figure_says_none_found(tables, lang, years, labels):
    grid = narrative.gala_grid(Figures(tables, lang), years)
    for year, wanted in labels.items():
        found = set(grid.filter(grid["year"] == year)["label"].to_list())
        assert wanted <= found, (year, found)
        if year == 2019:
            assert found == wanted, found
