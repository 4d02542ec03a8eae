"""Every word a reader sees is in a catalogue, in every language a report can be written in: adding a language means
adding its entry to words/languages.yml and its text beside every other; these tests name any place left without it.
No code outside the catalogues and the formatter decides anything by comparing a language with a literal."""

from __future__ import annotations

import json
import re
import string

import pytest
import yaml

from conftest import ROOT
from trustreport import words
from trustreport.data import comparability
from trustreport.languages import languages

SOURCES = ROOT / "src" / "trustreport"


def entries(layer: str):
    """(section, key, texts by language) of a catalogue; the data dictionary's columns are one level deeper."""
    for section, content in words.catalogue(layer).items():
        for key, texts in content.items():
            if (layer, section) == ("dictionary", "columns"):
                for column, by_language in texts.items():
                    yield section, f"{key}.{column}", by_language
            else:
                yield section, key, texts


def places(text: object) -> set[str]:
    if isinstance(text, list):
        return set().union(*(places(t) for t in text))
    if not isinstance(text, str):
        return set()
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("layer", words.LAYERS)
def test_every_entry_has_a_text_in_every_language(layer):
    wanted = set(languages())
    missing = []
    for section, key, texts in entries(layer):
        expected = wanted - {"en"} if (layer, section) in words.ENGLISH_IN_SCHEMAS else wanted
        if set(texts) != expected:
            missing.append(f"{layer}.yml {section}.{key}: {sorted(texts)}, not {sorted(expected)}")
    assert missing == []


# Where a language leaves out a place the code fills: each language picks which parts of a date it writes and which
# unit words an axis takes; English writes no measure word after a number; Chinese does not show the English words
# of a source's address cell.
PLACES_LEFT_OUT = {
    ("numbers", "dates"),
    ("numbers", "axes"),
    ("numbers", "numbers.money"),
    ("numbers", "numbers.amount"),
}
PLACES_LEFT_OUT |= {("pages", "references.no_address")}


@pytest.mark.parametrize("layer", words.LAYERS)
def test_every_language_of_an_entry_has_the_same_places(layer):
    differ = [
        f"{layer}.yml {section}.{key}"
        for section, key, texts in entries(layer)
        if len({frozenset(places(t)) for t in texts.values()}) > 1
        and not {(layer, section), (layer, f"{section}.{key}")} & PLACES_LEFT_OUT
    ]
    assert differ == []


def test_every_chapter_text_is_in_every_language_its_notebook_declares():
    for catalogue in sorted((ROOT / "notebooks").glob("*.text.yml")):
        notebook = catalogue.with_name(catalogue.name.replace(".text.yml", ".ipynb"))
        declared = json.loads(notebook.read_text(encoding="utf-8"))["metadata"]["trustreport"]["languages"]
        for key, texts in yaml.safe_load(catalogue.read_text(encoding="utf-8")).items():
            assert set(texts) == set(declared), f"{catalogue.name}: {key}"


def test_the_data_vocabularies_have_words_for_every_value_and_no_other():
    data = words.catalogue("data")
    assert list(data["counts"]) == list(comparability.COUNTS)
    assert list(data["scopes"]) == list(comparability.SCOPES)
    assert list(data["sectors"]) == list(comparability.SECTORS)
    assert list(data["period_kinds"]) == list(comparability.PERIOD_KINDS)
    assert list(words.catalogue("chapters")["series_periods"]) == list(comparability.PERIOD_KINDS)


def test_a_missing_text_is_an_error_naming_the_catalogue_entry_and_language(monkeypatch):
    catalogue = words.catalogue("charts")
    monkeypatch.setitem(catalogue, "marks", {**catalogue["marks"], "bar": {"en": "bars"}})
    words.of.cache_clear()
    try:
        with pytest.raises(Exception, match=r"words/charts\.yml: marks\.bar has no zh text"):
            words.of("charts", "marks", "zh")
    finally:
        words.of.cache_clear()


# A language compared with a literal: `lang == "zh"`, `"en" != lang`, `doc_lang == "zh"` (Lua), `if lang == "zh"`
# (Typst).
COMPARED = re.compile(r"""lang\w*\)?\s*[!=~]=\s*["'][a-z]{2}["']|["'][a-z]{2}["']\s*[!=]=\s*\w*lang""")


def test_no_code_compares_a_language_with_a_literal():
    found = []
    for path in [
        *SOURCES.rglob("*.py"),
        *(ROOT / "report").rglob("*.lua"),
        *(ROOT / "report").rglob("*.typ"),
        *(ROOT / "notebooks").glob("*.ipynb"),
    ]:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if COMPARED.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert found == []


def test_a_key_given_twice_in_a_chapters_texts_is_refused_with_its_line(tmp_path):
    """YAML keeps the last of two entries with one key without a word: a translator who adds an entry under a key
    that is already there would see the other text on the page. The build names the key and its line instead."""
    from trustreport.chapter.text import _catalogue
    from trustreport.errors import UserError

    texts = tmp_path / "10_chapter.text.yml"
    texts.write_text('lead:\n  en: "One"\n  zh: "一"\nlead:\n  en: "Two"\n  zh: "二"\n', encoding="utf-8")
    with pytest.raises(UserError) as refused:
        _catalogue(texts, texts.stat().st_mtime)
    assert "key 'lead' is given twice" in str(refused.value) and "line 4" in str(refused.value)
