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


def version(folder: Path, value: float, unit: str, qualifier: str | None, status: str) -> Path:
    """A published language folder holding one figure (and an empty ledger)."""
    folder.mkdir(parents=True)
    figure = {
        "table": "governance",
        "label_zh": "封禁商家和主播 (人次)",
        "metric": "ban actions",
        "period": "2021",
        "value": value,
        "unit": unit,
        "qualifier": qualifier,
        "status": status,
        "source_id": "seed",
        "value_base": value * 1e4,
    }
    (folder / "figures.json").write_text(json.dumps({"g-1": figure}), encoding="utf-8")
    (folder / "ledger.json").write_text("{}", encoding="utf-8")
    return folder


def pages(tmp_path: Path) -> dict[str, str]:
    old = version(tmp_path / "old", 21, "万人次", None, "reported")
    new = version(tmp_path / "new", 27.6, "万人次", "more than", "derived")
    return {lang: changes_page(new, old, "1.1.0", "1.0.0", MANIFEST, lang) for lang in ("en", "zh")}


def test_the_chinese_page_states_qualifier_measure_word_and_status_in_chinese(tmp_path):
    zh = pages(tmp_path)["zh"]
    assert "超过27.6万人次（27.6 万人次，推算）" in zh  # the measure word of the reported unit: 人次, not 次
    assert "21万人次（21 万人次，公布）" in zh
    assert "more than" not in zh and "derived" not in zh and "reported" not in zh
    assert "版本1.1.0，2026年11月25日" in zh  # the release date as Chinese writes it


def test_the_english_page_is_as_the_prose_states_figures(tmp_path):
    en = pages(tmp_path)["en"]
    assert "more than 276,000 (27.6 万人次, derived)" in en
    assert "210,000 (21 万人次, reported)" in en
    assert "Version 1.1.0, 2026-11-25" in en
