"""The two generated appendix pages in Chinese: the data dictionary (数据字典) and the References (参考来源).

Every word a reader of the 中文 edition sees is Chinese; column names, file names and allowed values are identifiers
and stay as they are. A column or a source note without its Chinese text is an error naming it, never English."""

from __future__ import annotations

import re

import dataframely as dy
import polars as pl
import pytest

from conftest import ROOT
from trustreport.data.schemas import Gala
from trustreport.errors import UserError
from trustreport.render import dictionary, references

# Three or more English words in a row (spaces, hyphens or ASCII punctuation between them): English left in a page.
ENGLISH_RUN = re.compile(r"[A-Za-z]+(?:[ \-',;:.()]+[A-Za-z]+){2,}")


def english_runs(text: str) -> list[str]:
    """The English phrases of a page once code spans (identifiers, file names) and web addresses are removed."""
    body = text.split("---\n", 2)[2]  # the front matter aside (checked on its own)
    found = []
    for line in body.splitlines():
        line = re.sub(r"`[^`]*`", " ", line)
        line = re.sub(r"https?://\S+", " ", line)
        found += ENGLISH_RUN.findall(line)
    return found


# ---- the data dictionary -------------------------------------------------------------------------------------


def test_the_chinese_dictionary_has_a_chinese_title_and_chinese_meanings():
    page = dictionary.page("zh")
    assert page.startswith('---\ntitle: "数据字典"\n---\n\n')
    # two columns, as a Chinese reader finds them: name (an identifier), type, meaning, allowed values
    assert "| `gala` | 文本 | 晚会名称：快手一千零一夜、616真心夜 |  |" in page
    assert (
        "| `announced` | 限定取值 | `outcome`（活动结束后统计的结果）或 `announced`（活动前宣布的承诺） "
        "| outcome、announced |"
    ) in page
    assert "| `accessed` | 日期或时期，可为空 | 查阅日期（有记录时） |  |" in page
    # a table's description, the measures' base units, the records section
    assert "## `gala.csv`\n\n快手电视晚会的覆盖面与互动数字，包括事后公布的结果和事前宣布的承诺。\n" in page
    assert "| `giveaways` | `giveaways_rmb` | 元（人民币） | 元、万元、百万元、亿元、万亿元、billion RMB |" in page
    assert "## 投诉记录（自备文件）" in page and "| `amount`（可选） |" in page
    # the English page is as it was
    english = dictionary.page()
    assert english.startswith('---\ntitle: "Data dictionary"\n---\n\n')
    assert "| `gala` | text | the gala: 快手一千零一夜, 616真心夜 |  |" in english
    assert dictionary.page("en") == english and dictionary.markdown() == dictionary.markdown("en")


def test_the_chinese_dictionary_holds_no_english_sentence():
    page = dictionary.page("zh")
    assert english_runs(page) == []
    # the check finds what it looks for: the English page is full of it
    assert "every figure table has" in " ".join(english_runs(dictionary.page("en")))
    # every column of every table is listed, in both languages
    for schema, file in dictionary.TABLES.values():
        for column in schema.column_names():
            if column != "source_line":
                assert f"| `{column}` |" in page, f"{file}: {column}"


def test_a_column_without_chinese_text_is_an_error_naming_it(monkeypatch):
    class GalaWithShare(Gala):
        """Reach and engagement of Kuaishou's televised galas, as reported or announced."""

        audience_share = dy.Float64(nullable=True, description="share of the TV audience, %")

    monkeypatch.setitem(dictionary.TABLES, "gala", (GalaWithShare, "gala.csv"))
    assert "| `audience_share` | number, optional | share of the TV audience, % |" in dictionary.page()
    with pytest.raises(UserError, match=r"column 'audience_share' of gala\.csv.*words/dictionary\.yml"):
        dictionary.page("zh")


def test_a_table_without_a_chinese_description_is_an_error_naming_it(monkeypatch):
    monkeypatch.delitem(dictionary.TABLE_TEXTS, "events.csv")
    with pytest.raises(UserError, match=r"table events\.csv"):
        dictionary.page("zh")


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="fr"):
        dictionary.page("fr")


# ---- the References page ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tables():
    from trustreport.data.tables import load_all

    return load_all(ROOT / "data" / "raw")


def edition(lang: str):
    from trustreport.params import load_edition

    return load_edition("2021" if lang == "en" else "2021-zh")


def test_the_chinese_references_page(tables):
    page = references.page(edition("zh"), tables)
    assert page.startswith('---\ntitle: "参考来源"\n---\n\n本版次的数字、信任举措和事件出自以下')
    assert "## 引用本报告" in page and "Cite this report" not in page
    assert re.search(r"版本 1\\?\.\d+\.\d+，版次 2021-zh，发布日期 \d{4}年\d{1,2}月\d{1,2}日。", page)
    assert "CITATION.cff" not in page  # a file of the repository is for its developers, not the report's readers
    # a note in Chinese (from note_zh), a date as Chinese writes it; the publisher and title as the source gives them
    entry = next(line for line in page.splitlines() if "{#src-technode-2019-06-19}" in line)
    assert entry.startswith("- TechNode，《[Lower-tier cities, upgraded goods power JD's 618 shopping promotion](<")
    # who stands behind it, then the note, each a sentence
    assert "，2019年6月19日。企业自己的数字。*文中数字注明“据公司称”。*" in entry
    seed = next(line for line in page.splitlines() if "{#src-seed}" in line)
    # the article the report starts from links to its publisher, and no file name of ours is shown
    # a Chinese title in 《》 with its punctuation full-width (the source writes 电商信任危机下,快手的答案是什么?)
    assert "《[电商信任危机下，快手的答案是什么？](<https://www.cyzone.cn/>)》" in seed
    assert "(<https://www.cyzone.cn/>)" in seed and "no address kept" not in seed and ".txt" not in seed
    # the English page keeps its English
    english = references.page(edition("en"), tables)
    assert "## Cite this report" in english
    assert "2019-06-19. The company's own figures. *Its figures are given 'according to the company'.*" in english
    # what a reader reads of a source says what it is, never how the project read it
    for text in (page, english):
        research = ("spam", "mirror with", "low-quality", "stored copy", "stored excerpt", "typo", "垃圾广告", "镜像，")
        for note in research:
            assert note not in text, note


def test_every_source_note_has_its_chinese_twin(tables):
    sources = tables["sources"]
    assert "note_zh" in sources.columns
    noted = sources.filter(pl.col("note").is_not_null())
    assert noted.height > 20 and noted["note_zh"].is_not_null().all()
    assert sources.filter(pl.col("note").is_null())["note_zh"].is_null().all()  # nothing to translate, nothing said


def test_a_source_note_without_chinese_is_an_error_naming_the_source(tables):
    broken = dict(tables)
    broken["sources"] = tables["sources"].with_columns(
        note_zh=pl.when(pl.col("id") == "technode-2019-06-19").then(None).otherwise(pl.col("note_zh"))
    )
    with pytest.raises(UserError, match=r"source 'technode-2019-06-19' has a note but no note_zh"):
        references.page(edition("zh"), broken)
    assert "according to the company" in references.page(edition("en"), broken)  # English needs no Chinese twin


# ---- every source a reader can follow ----------------------------------------------------------------------------

# A publisher a reader cannot follow: a bare "(copy)" / "（转载）" or a "(machine translation)" with no name before it.
NAMELESS = re.compile(r"^\s*[(（]")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_reference_and_source_line_names_a_publisher(tables, lang):
    from trustreport.chapter.sources import Sources

    page = references.page(edition(lang), tables)
    entries = [line[2:] for line in page.splitlines() if line.startswith("- ")]
    assert len(entries) > 50
    for entry in entries:
        assert not NAMELESS.match(entry), entry
        assert not entry.startswith(("(copy", "（转载", "(machine", "（机器翻译", "（中文")), entry
        # a reprint names its publisher and says "read in a reprint" in the note, not "(copy)" beside the name
        assert "(copy)" not in entry and "（转载）" not in entry, entry
    sources = Sources(tables["sources"], lang)
    for sid in tables["sources"]["id"]:
        line = sources.line(sid)
        assert not NAMELESS.match(line), line
    # a mirror that names no publisher is cited by its host, never as a bare copy
    entry = next(e for e in entries if "{#src-muslem-2020-12-24}" in e)
    assert entry.startswith("muslem.net.cn")
    # one the stored pages name: 三言财经 reported 中新网's report (the mirror at shadafang.com names it)
    entry = next(e for e in entries if "{#src-shadafang-2020-12}" in e)
    assert entry.startswith("三言财经")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_translation_is_cited_as_its_chinese_original_with_the_translation_beside_it(tables, lang):
    from trustreport.chapter.sources import Sources

    sources = Sources(tables["sources"], lang)
    # the chart's source line for a figure read in China News Service's English report of 24 October 2020
    line = sources.line("tellerreport-2020-10-24")
    assert line.startswith("经济日报"), line
    assert "投诉暴涨" in line and "The soaring complaint should set rules" in line
    assert line.index("投诉暴涨") < line.index("The soaring complaint")  # the original first, the translation beside
    page = references.page(edition(lang), tables)
    entries = [line for line in page.splitlines() if line.startswith("- ")]
    assert not any("{#src-tellerreport-2020-10-24}" in e for e in entries)  # not listed on its own
    original = next(e for e in entries if "{#src-jjrb-2020-10-24}" in e)
    assert "tellerreport.com/business/2020-10-24" in original  # the translation linked beside the original
    label = {"en": "English translation", "zh": "英文译文"}[lang]
    assert label in original and label in line


def test_a_chinese_reference_is_punctuated_as_chinese(tables):
    """On the Chinese References page an entry reads 新华社，《标题》，2021年3月15日。 with full-width punctuation, as
    the sentences after it do, not with the half-width '. ' of an English list."""
    page = references.page(edition("zh"), tables)
    entries = [line for line in page.splitlines() if line.startswith("- ")]
    assert len(entries) > 50
    for entry in entries:
        assert "》. " not in entry and "). " not in entry, entry
    jjrb = next(e for e in entries if "{#src-jjrb-2020-10-24}" in e)
    assert "，《[投诉暴涨 该给直播带货立规矩了](" in jjrb and "，2020年10月24日。" in jjrb, jjrb


def entries(lang: str, tables) -> list[str]:
    """The References page's entries, a Markdown list item each, in the language's edition."""
    return [line for line in references.page(edition(lang), tables).splitlines() if line.startswith("- ")]


def test_a_title_in_english_says_what_it_means_on_the_chinese_references_page(tables):
    """A source whose title is in English is cited by that title, as published, and on the Chinese page followed by
    what it says in Chinese; the English page, and a Chinese title, have no such gloss."""
    zh = entries(lang="zh", tables=tables)
    en = entries(lang="en", tables=tables)
    china_daily = next(e for e in zh if "{#src-chinadaily-2024-03-16}" in e)
    assert "《[Regulators beef up consumer protection](" in china_daily, china_daily
    assert ">)》（意为“监管部门加强消费者保护”），2024年3月16日。" in china_daily, china_daily
    jjrb = next(e for e in zh if "{#src-jjrb-2020-10-24}" in e)
    assert "《[投诉暴涨 该给直播带货立规矩了](<" in jjrb and "意为" not in jjrb.split("英文译文")[0], jjrb
    assert not any("意为" in e or "监管部门加强" in e for e in en)
    # every English title the Chinese page cites says what it means, but a translation shown beside its original
    english_titles = [e for e in zh if re.search(r"《\[[^\u4e00-\u9fff\]]+\]", e.split("英文译文")[0])]
    assert len(english_titles) > 20
    assert [e[:80] for e in english_titles if "意为“" not in e] == []


def test_a_title_in_chinese_says_what_it_means_on_the_english_pages(tables):
    """On the English pages a Chinese title is cited as published, in Chinese punctuation (a copy's half-width marks
    set full-width), then what it says in English; the Chinese page has no such gloss."""
    en = entries(lang="en", tables=tables)
    zh = entries(lang="zh", tables=tables)
    seed = next(e for e in en if "{#src-seed}" in e)
    assert "“[电商信任危机下，快手的答案是什么？](<https://www.cyzone.cn/>)”" in seed, seed
    assert "\\[In e-commerce's crisis of trust, what is Kuaishou's answer?\\]" in seed, seed
    xjb = next(e for e in en if "{#src-xjb-2021-03-15}" in e)
    assert xjb.startswith("- 新京报 (The Beijing News)"), xjb
    assert "\\[Online-shopping complaints rose last year; livestream-selling appeals up 357.74% on the year\\]" in xjb
    assert "“[去年网购投诉数量上升，‘直播带货’诉求同比增357.74%](<" in xjb, xjb  # a quotation inside: ‘…’ in English
    assert not any("Online-shopping complaints rose last year" in e for e in zh)
    assert next(e for e in zh if "{#src-xjb-2021-03-15}" in e).startswith("- 新京报，")
    # every Chinese title the English page cites says what it means in English
    chinese_titles = [
        e for e in en if re.search(r"“\[[^\]]*[\u4e00-\u9fff][^\]]*\]", e.split("English translation")[0])
    ]
    assert len(chinese_titles) > 30
    assert [e[:80] for e in chinese_titles if not re.search(r"\]\(<[^>]*>\)” \\\[[A-Z]", e)] == []
