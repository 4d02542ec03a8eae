"""What the English pages call each tactic and event (chapter/tactics.py): a name in Chinese keeps its Chinese and
has its English beside it, so a reader of the English site can read every label of the timeline and the table."""

from __future__ import annotations

import re

from conftest import ROOT
from trustreport.chapter import tactics
from trustreport.chapter.figures import Figures
from trustreport.data.tables import load_all

CHINESE = re.compile(r"[\u4e00-\u9fff]")
ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")


def test_every_tactic_and_event_named_in_chinese_has_its_english_beside_it():
    tables = load_all(ROOT / "data" / "raw")
    named = tactics.names(Figures(tables, "en"), tables["tactics"], tables["events"])
    chinese = {key: name for key, name in named.items() if CHINESE.search(name)}
    assert len(chinese) >= 5  # the galas, 匹诺曹, 小店信任卡, 信任购 ... keep their Chinese names
    assert {key: name for key, name in chinese.items() if not ENGLISH_WORD.search(name)} == {}
    assert "小店信任卡 (shop trust card)" in named.values()
    assert "616真心夜 (616 Sincerity Night) gala" in named.values()


def test_each_outcome_row_of_figure_4_1_plots_the_series_its_name_says():
    """The appeals row is named for livestream selling: it plots that series (derived 2020 and 2021 hollow), not the
    all-sector appeals, which are a thousand times larger and count every complaint to a regulator."""
    tables = load_all(ROOT / "data" / "raw")
    for lang, name in (("en", "Livestream-selling appeals"), ("zh", "直播带货诉求")):
        points = tactics.outcome_points(Figures(tables, lang))
        appeals = points.filter(points["measure"].str.contains(name, literal=True))
        assert appeals["period"].to_list() == (
            ["2020", "2021", "2022"] if lang == "en" else ["2020年", "2021年", "2022年"]
        )
        assert appeals["value_base"].to_list() == [36_760, 102_700, 220_900]
        assert appeals["status"].to_list()[:2] != ["reported", "reported"]


def test_the_tactics_follow_the_chapters_own_coding_rule():
    """Chapter 4 codes a report of a year's results as no tactic, and names the enforcement it does not count: the
    tactics table holds no report, and what the rule sets aside is not among the tactics (the 2022 trust report and
    the PK-gang crackdown were both)."""
    import json

    tables = load_all(ROOT / "data" / "raw")
    names = tables["tactics"]["tactic"].to_list() + tables["tactics"]["label_zh"].to_list()
    assert not [n for n in names if "report" in n.lower() or "报告" in n]
    notebook = json.loads((ROOT / "notebooks" / "40_trust_tactics.ipynb").read_text(encoding="utf-8"))
    rules = ["".join(c["source"]) for c in notebook["cells"] if "not counted as a tactic" in "".join(c["source"])]
    rules += ["".join(c["source"]) for c in notebook["cells"] if "不算作措施" in "".join(c["source"])]
    assert len(rules) == 2
    assert tables["tactics"].filter(tables["tactics"]["label_zh"].str.contains("PK")).height == 1  # a tactic
    for rule in rules:
        assert "PK" not in rule, rule[:80]  # so the rule does not set it aside


def test_a_year_without_a_tactic_of_a_kind_reads_as_a_count_in_the_tables_language():
    """The 2020 edition's table of tactics by year: 2019 has no tactic of interpersonal trust. Its cell reads "0" in
    English and "0项" in Chinese, as the cells beside it read "1: …" and "1项：…" (a bare 0 among 项 read as a slip)."""
    tables = load_all(ROOT / "data" / "raw")
    for lang, empty, full in (("en", "| 0 |", "1: "), ("zh", "| 0项 |", "1项：")):
        table = tactics.mix_table(Figures(tables, lang), tables["tactics"], [2019])
        assert empty in table and full in table, (lang, table)
