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
