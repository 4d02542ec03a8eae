"""One chapter run for several languages (chapter/each.py): words in each language, everything else once."""

from __future__ import annotations

import polars as pl
import pytest

from trustreport.chapter.each import MIME, Each, collapse, in_each_language, once, split, together
from trustreport.errors import UserError


def test_a_value_the_same_in_every_language_is_one_plain_value():
    assert collapse({"en": 2021, "zh": 2021}) == 2021
    assert collapse({"en": ["c-1", None], "zh": ["c-1", None]}) == ["c-1", None]
    frame = collapse({"en": pl.DataFrame({"a": [1, None]}), "zh": pl.DataFrame({"a": [1, None]})})
    assert isinstance(frame, pl.DataFrame) and frame["a"].to_list() == [1, None]
    words = collapse({"en": "rose", "zh": "上升"})
    assert isinstance(words, Each) and words.by == {"en": "rose", "zh": "上升"}


def test_what_is_made_of_words_is_made_in_each_language():
    said = Each({"en": "{n} shows", "zh": "{n}场晚会"})
    assert said.format(n=2).by == {"en": "2 shows", "zh": "2场晚会"}
    assert (said + "!").by == {"en": "{n} shows!", "zh": "{n}场晚会!"}
    assert ("> " + said).by == {"en": "> {n} shows", "zh": "> {n}场晚会"}
    assert (Each({"en": 1, "zh": 2}) + 0.5).by == {"en": 1.5, "zh": 2.5}  # as Python adds an int and a float
    separator = Each({"en": ", ", "zh": "、"})
    assert separator.join(Each({"en": w, "zh": z}) for w, z in [("a", "甲"), ("b", "乙")]).by == {
        "en": "a, b",
        "zh": "甲、乙",
    }
    rows = Each({"en": [{"id": "x", "name": "Douyin"}], "zh": [{"id": "x", "name": "抖音"}]})
    (row,) = rows
    assert row["id"] == "x"  # the same in both: plain
    assert row["name"].by == {"en": "Douyin", "zh": "抖音"}
    names = {Each({"en": "JD", "zh": "京东"}): 1}
    assert names[Each({"en": "JD", "zh": "京东"})] == 1


def test_a_computation_that_differs_between_languages_or_a_value_made_one_text_is_an_error():
    with pytest.raises(UserError, match="a condition that differs between languages"):
        bool(Each({"en": "x", "zh": ""}))
    with pytest.raises(UserError, match="a length that differs between languages"):
        list(Each({"en": [1, 2], "zh": [1]}))
    with pytest.raises(UserError, match="differ in number between languages"):
        for _ in Each({"en": iter([1, 2]), "zh": iter([1])}):
            pass
    with pytest.raises(TypeError, match="made into one text"):
        str(Each({"en": "rose", "zh": "上升"}))
    with pytest.raises(TypeError, match="made into one text"):
        f"{Each({'en': 'rose', 'zh': '上升'})}"


def test_a_function_that_makes_words_is_called_in_each_language_only_when_given_words():
    calls = []

    @in_each_language
    def sentence(figures, year):
        calls.append(figures)
        return f"{figures['word']} {year}"

    assert sentence({"word": "in"}, 2021) == "in 2021" and calls == [{"word": "in"}]
    both = sentence(Each({"en": {"word": "in"}, "zh": {"word": "于"}}), 2021)
    assert both.by == {"en": "in 2021", "zh": "于 2021"}


def test_a_lookup_runs_once_for_all_languages():
    class Rows:
        asked = 0

        @once
        def find(self, key):
            Rows.asked += 1
            return key.upper()

    rows = Each({"en": Rows(), "zh": Rows()})
    assert rows.find("c-1") == "C-1" and Rows.asked == 1
    assert rows.find(Each({"en": "a", "zh": "b"})).by == {"en": "A", "zh": "B"}  # given words: in each


def test_an_output_in_each_language_splits_into_each_languages_notebook():
    data, metadata = together(
        {
            "en": ({"text/markdown": "Rose.\nFell.", "text/plain": "<Markdown>"}, {"ledger": "en"}),
            "zh": ({"text/markdown": "上升。\n下降。", "text/plain": "<Markdown>"}, {"ledger": "zh"}),
        }
    )
    assert data["text/markdown"] == "Rose.\nFell." and metadata == {"ledger": "en"}  # the notebook shows the first
    nb = {
        "cells": [
            {"cell_type": "code", "outputs": [{"output_type": "display_data", "data": data, "metadata": metadata}]},
            {"cell_type": "code", "outputs": [{"output_type": "stream", "text": "plain"}]},
        ]
    }
    chinese, english = split(nb, "zh"), split(nb, "en")
    assert chinese["cells"][0]["outputs"][0]["data"] == {
        "text/markdown": ["上升。\n", "下降。"],
        "text/plain": ["<Markdown>"],
    }
    assert chinese["cells"][0]["outputs"][0]["metadata"] == {"ledger": "zh"}
    assert english["cells"][0]["outputs"][0]["data"] == {"text/markdown": "Rose.\nFell.", "text/plain": "<Markdown>"}
    assert MIME in nb["cells"][0]["outputs"][0]["data"]  # the run's own notebook is left as it was
    assert chinese["cells"][1] == english["cells"][1] == nb["cells"][1]
