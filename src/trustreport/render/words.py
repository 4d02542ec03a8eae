"""The words of the report's frame in each language (navigation, search, downloads, the build line, the language
switch), and where each language's edition and site are.

The first language in trustreport.yml `languages` is the site's: its pages are at the site's root, each other
language's in a folder named after it (zh/), and every page links to the same page in the other languages.
The edition of another language is the same edition file with `lang` set, named `<edition>-<lang>`
(trustreport.params.language_variant).
"""

from __future__ import annotations

from ..project import params_dir, pdf_name, project_languages

CHROME = {
    "en": {
        "skip": "Skip to the text",
        "search": "Search the report",
        "chapters": "Chapters",
        "pdf": "Download the PDF",
        "pager": "Previous and next chapter",
        "language_name": "English",
        "read_in": "Read in English",
        "pdf_in": "English PDF",
        "languages": "Languages",
        "build_line": (
            "Report {version} · edition {edition} · commit {commit} · data {data} · built {built} · {engine} "
            "engine (trustreport {trustreport})"
        ),
    },
    "zh": {
        "skip": "跳到正文",
        "search": "搜索本报告",
        "chapters": "章节",
        "pdf": "下载PDF",
        "pager": "上一章与下一章",
        "language_name": "中文",
        "read_in": "阅读中文版",
        "pdf_in": "中文版PDF",
        "languages": "语言",
        "build_line": (
            "报告 {version} · 版次 {edition} · 提交 {commit} · 数据 {data} · 构建于 {built} · "
            "{engine}（trustreport {trustreport}）"
        ),
    },
}
# The engines as the build line names them in each language (English: "quarto engine", "embedded engine").
ENGINE_NAMES = {"zh": {"quarto": "Quarto引擎", "embedded": "内置引擎"}}


# A language as a page's <html lang> and pandoc's translations name it: Quarto writes zh-Hans for zh, and so do we.
LANGUAGE_TAGS = {"zh": "zh-Hans"}


def language_tag(lang: str) -> str:
    return LANGUAGE_TAGS.get(lang, lang)


def word(lang: str, key: str) -> str:
    return CHROME[lang][key]


def base_edition(edition: str, lang: str) -> str:
    """'2021' for '2021-zh': the edition as the site's first language names it."""
    suffix = f"-{lang}"
    return edition[: -len(suffix)] if edition.endswith(suffix) and lang != site_language() else edition


def site_language() -> str:
    return project_languages()[0]


def edition_in(base: str, lang: str) -> str:
    """The edition of `base` written in `lang`: '2021' (the site's language) or '2021-zh'."""
    return base if lang == site_language() else f"{base}-{lang}"


def folder_of(lang: str) -> str:
    """Where a language's pages sit in the site: the root for the site's language, else '<lang>/'."""
    return "" if lang == site_language() else f"{lang}/"


def translations(edition: str, lang: str) -> list[dict[str, str]]:
    """The other languages of an edition, each with the way from one of this edition's pages to the same page in
    that language (prefix + page name), its name in its own language, and its PDF."""
    base = base_edition(edition, lang)
    if not (params_dir() / f"{base}.yml").is_file():
        return []  # an edition read from a file elsewhere has no other language (its name has no edition file)
    up = "" if lang == site_language() else "../"
    out = []
    for other in project_languages():
        if other == lang:
            continue
        prefix = up + folder_of(other)
        out.append(
            {
                "lang": other,
                "prefix": prefix,
                "name": word(other, "language_name"),
                "read": word(other, "read_in"),
                "pdf": prefix + pdf_name(edition_in(base, other)),
                "pdf_label": word(other, "pdf_in"),
            }
        )
    return out
