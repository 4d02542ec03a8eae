"""The what-changed page states its figures through the one number formatter, in the page's language: qualifier,
number and measure word as the prose states them, the status in that language (never "more than 2.19万 (…,
derived)" on the Chinese page)."""

from __future__ import annotations

import json
from pathlib import Path

from trustreport.site.changes import changes_page

MANIFEST = {
    "report_version": "1.1.0",
    "release_date": "2026-11-25",
    "edition": "e",
    "git_commit": "abc1234",
    "data_fingerprint": "f" * 12,
    "tools": {"trustreport": "0.1.0"},
}


def version(folder: Path, value: float, unit: str, qualifier: str | None, status: str, **more) -> Path:
    """A published language folder holding one figure (and an empty ledger)."""
    folder.mkdir(parents=True)
    figure = {
        "table": "governance",
        "label_zh": "封禁商家和主播 (人次)",
        "metric": "ban actions",
        "period": "2021-06",
        "value": value,
        "unit": unit,
        "qualifier": qualifier,
        "status": status,
        "source_id": "seed",
        "value_base": value * 1e4,
        **more,
    }
    (folder / "figures.json").write_text(json.dumps({"g-1": figure}), encoding="utf-8")
    (folder / "ledger.json").write_text("{}", encoding="utf-8")
    return folder


def pages(tmp_path: Path, **more) -> dict[str, str]:
    old = version(tmp_path / "old", 21, "万人次", None, "reported")
    new = version(tmp_path / "new", 27.6, "万人次", "more than", "derived", **more)
    return {lang: changes_page(new, old, "1.1.0", "1.0.0", MANIFEST, lang) for lang in ("en", "zh")}


def test_the_chinese_page_states_qualifier_measure_word_and_status_in_chinese(tmp_path):
    zh = pages(tmp_path)["zh"]
    assert "超过27.6万人次（推算）" in zh  # the measure word of the reported unit: 人次, not 次
    assert "21万人次（公布）" in zh
    assert "more than" not in zh and "derived" not in zh and "reported" not in zh
    assert "版本1.1.0，2026年11月25日" in zh  # the release date as Chinese writes it


def test_the_english_page_is_as_the_prose_states_figures(tmp_path):
    en = pages(tmp_path)["en"]
    assert "more than 276,000 (derived)" in en
    assert "210,000 (reported)" in en
    assert "Version 1.1.0, 2026-11-25" in en


def test_each_value_is_written_once_in_the_page_language(tmp_path):
    both = pages(tmp_path)
    assert "27.6 万人次" not in both["zh"] and "万人次" not in both["en"]  # not restated as the table records it
    assert "27.6万人次" in both["zh"]
    assert both["zh"].count("27.6") == 1 and both["en"].count("276,000") == 1


def test_the_chinese_page_says_what_a_figure_counts_and_when_in_chinese(tmp_path):
    zh = pages(tmp_path)["zh"]
    assert "封禁商家和主播（人次）（2021年6月）" in zh  # its Chinese label, punctuated; its month as Chinese writes it
    assert "ban actions" not in zh and "2021-06" not in zh
    en = pages(tmp_path / "en")["en"]
    assert "ban actions (2021-06)" in en and "封禁" not in en


def test_figure_ids_are_not_shown_to_readers(tmp_path):
    for page in pages(tmp_path).values():
        assert ">g-1<" not in page and "<code>" not in page
        assert 'data-figure="g-1"' in page  # kept for tools, out of the reader's sight


def test_the_source_is_named_by_its_publisher_and_links_to_its_reference(tmp_path):
    site = pages(tmp_path, source="新京报")
    for page in site.values():
        assert ">新京报<" in page and ">seed<" not in page
        assert "references.html#src-" not in page  # the version has no References page: nothing to link to
    (tmp_path / "linked" / "new").mkdir(parents=True)
    new = version(tmp_path / "linked" / "v2", 27.6, "万人次", "more than", "derived", source="新京报")
    (new / "references.html").write_text('<li>新京报 <span id="src-seed"></span></li>', encoding="utf-8")
    old = version(tmp_path / "linked" / "v1", 21, "万人次", None, "reported")
    page = changes_page(new, old, "1.1.0", "1.0.0", MANIFEST, "zh")
    assert '<a href="references.html#src-seed">新京报</a>' in page


def test_a_change_two_decimals_would_hide_is_shown_with_more(tmp_path):
    old = version(tmp_path / "a", 9008, "万人", None, "reported")
    new = version(tmp_path / "b", 9008.001, "万人", None, "reported")
    en = changes_page(new, old, "1.1.0", "1.0.0", MANIFEST, "en")
    assert "<td>90.08 million (reported)</td><td>90.08001 million (reported)</td>" in en
    zh = changes_page(new, old, "1.1.0", "1.0.0", MANIFEST, "zh")
    assert "<td>9008万人（公布）</td><td>9008.001万人（公布）</td>" in zh


def test_the_page_hands_its_scripts_every_word_they_write_in_its_language(tmp_path):
    """As every report page does (report.lua): a wide table's scroll cue and name, the rest of the scripts' words."""
    zh = pages(tmp_path)["zh"]
    words = zh.split('<div id="tr-words" hidden ', 1)[1].split(">", 1)[0]
    for said in (
        'data-scroll-cue="左右滑动可查看所有列 →"',
        'data-table="表格"',
        'data-reset="重置"',
        'data-no-match="没有找到"',
    ):
        assert said in words


def test_the_page_is_branded_with_the_edition_title_in_its_language(tmp_path):
    old = version(tmp_path / "a", 21, "万人次", None, "reported")
    new = version(tmp_path / "b", 27.6, "万人次", None, "reported")
    en = changes_page(new, old, "1.1.0", "1.0.0", {**MANIFEST, "parameters": {"title": "Kuaishou's trust"}}, "en")
    assert "<title>What changed · Kuaishou’s trust</title>" in en  # curled, as pandoc sets the report's pages
    assert '<a class="tr-brand" href="index.html">Kuaishou’s trust</a>' in en
    assert "电商信任" not in en  # the project's Chinese title is not the English page's name
