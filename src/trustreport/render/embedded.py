"""The embedded engine: pandoc (from pypandoc-binary) for the HTML pages and Typst markup, typst for the PDF.

It renders the same staged project as Quarto, for machines without Quarto.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from importlib import resources
from pathlib import Path
from string import Template

from .. import __version__, escape, files, numbers, words
from ..chapters import Chapter, chapters
from ..errors import UserError
from ..languages import tag, writes_chinese
from ..project import pdf_name, user_cache
from .frame import cover, filter_metadata, nav_label, show_appendices, translations, word
from .outputs import BuildInfo, Outputs, build_meta


def lua_filters(staged: Path) -> list[str]:
    """pandoc arguments for the Lua filters Quarto applies (listed in the staged _quarto.yml)."""
    config = files.load_yaml((staged / "_quarto.yml").read_text(encoding="utf-8"))
    return [arg for f in config.get("filters", []) for arg in ("--lua-filter", str(staged / f))]


# pandoc's output is made only from its input, its arguments, the filters' code and pandoc's version, so each
# conversion is kept in the user's cache under a key of those (files.kept_text): an assembly converts again only the
# pages whose Markdown changed (an incremental build, the other engine's pages, a copy of the project).
CONVERSIONS_KEPT = 2000


def pandoc(markdown: str, to: str, filters: list[str], lang: str = "en") -> str:
    """One pandoc run, with the same Lua filters as Quarto and the document's language as Quarto gives it."""
    import pypandoc

    metadata = {"lang": tag(lang), **filter_metadata(lang)}
    flags = [
        f"--metadata={key}={str(value).lower() if isinstance(value, bool) else value}"
        for key, value in metadata.items()
    ]
    args = [*filters, "--wrap=none", *flags]

    def convert() -> str:
        # verify_format=False: pypandoc's check of the two format names runs pandoc twice more (its lists of
        # formats), uncached, for every conversion; the names here are fixed, and pandoc itself refuses an unknown one
        return pypandoc.convert_text(markdown, to=to, format="markdown", extra_args=args, verify_format=False)

    code = [Path(arg).read_text(encoding="utf-8") for arg in filters[1::2]]  # each --lua-filter's file
    key = json.dumps([markdown, to, args[len(filters) :], code, pypandoc.get_pandoc_version()])
    name = f"{hashlib.sha256(key.encode()).hexdigest()[:32]}.{to}"
    return files.kept_text(user_cache() / "pandoc", name, convert, CONVERSIONS_KEPT)


def chapter_markdown(staged: Path, chapter: Chapter) -> tuple[str, str]:
    """A chapter as pandoc Markdown, and its title: a page's front matter or a notebook's first heading."""
    path = staged / chapter.file
    if not chapter.is_notebook:
        text = path.read_text(encoding="utf-8")
        meta: dict = {}
        if text.startswith("---"):
            _, front, text = text.split("---", 2)
            meta = files.load_yaml(front) or {}
        title = str(meta.get("title", chapter.stem))
        return f"# {title}\n\n{text.strip()}\n", title
    # read as the JSON it is: an executed chapter is written by this package, in nbformat 4, and nbformat itself (its
    # schema checks import jsonschema and its format checkers) took a fifth of an assembly's imports
    parts = notebook_blocks(json.loads(path.read_text(encoding="utf-8")))
    markdown = "\n\n".join(parts) + "\n"
    heading = re.search(r"^# (.+)$", markdown, re.M)
    return markdown, heading.group(1).strip() if heading else chapter.stem


def notebook_blocks(nb) -> list[str]:
    """What a reader sees of an executed notebook: its prose and its outputs, no code, no parameters.

    Outputs are taken as Quarto takes them: Markdown (which carries charts as raw HTML and Typst blocks) before
    HTML; streams are logs, not content."""
    blocks: list[str] = []
    for cell in nb["cells"]:
        tags = set(cell.get("metadata", {}).get("tags", []))
        if tags & {"parameters", "injected-parameters", "remove-cell"}:
            continue
        if cell["cell_type"] == "markdown":
            blocks.append(_text(cell["source"]))
            continue
        if cell["cell_type"] != "code":
            continue
        for output in cell.get("outputs", []):
            if output["output_type"] == "error":
                raise UserError(f"an executed chapter holds an error: {output['ename']}: {output['evalue']}")
            if output["output_type"] not in ("display_data", "execute_result"):
                continue
            data = output.get("data", {})
            if "text/markdown" in data:
                blocks.append(_text(data["text/markdown"]))
            elif "text/html" in data:
                blocks.append(f"```{{=html}}\n{_text(data['text/html'])}\n```")
    return blocks


def _text(value: str | list[str]) -> str:
    """A notebook's multi-line string, which the file may hold as a list of lines."""
    return "".join(value) if isinstance(value, list) else value


def write_search_index(site: Path, bodies: list[tuple[str, str, str]]) -> None:
    """assets/search-index.js: each page's sections (heading, anchor, text without charts) for site search."""
    sections = []
    for page, title, body in bodies:
        body = re.sub(r"<figure.*?</figure>|<script.*?</script>|<svg.*?</svg>", " ", body, flags=re.S)
        parts = re.split(r"(<h[12][^>]*>.*?</h[12]>)", body, flags=re.S)
        heading, anchor = title, ""
        for part in parts:
            match = re.match(r"<h[12]([^>]*)>(.*?)</h[12]>", part, flags=re.S)
            if match:  # a result opens at its section: the heading's id is the URL's anchor
                found = re.search(r'\bid="([^"]*)"', match.group(1))
                anchor = html.unescape(found.group(1)) if found else anchor
                heading = html.unescape(re.sub(r"<[^>]+>", "", match.group(2))).strip()
                continue
            text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", part)).split())
            if text:
                sections.append(
                    {
                        "url": page + (f"#{anchor}" if anchor else ""),
                        "heading": heading if heading == title else f"{title} › {heading}",
                        "text": text,
                    }
                )
    (site / "assets" / "search-index.js").write_text(
        "window.TR_SEARCH = " + json.dumps(sections, ensure_ascii=False) + ";\n", encoding="utf-8"
    )


def search_box(lang: str) -> str:
    label = html.escape(word(lang, "search"))
    return (
        f'<div class="tr-search" role="search"><input id="tr-search" type="search" placeholder="{label}" '
        f'aria-label="{label}"><ul id="tr-search-results"></ul></div>\n'
    )


def language_links(edition: str, lang: str, page: str) -> tuple[str, str]:
    """The switch to the same page in each other language (in the top bar), and the other languages' PDFs."""
    others = translations(edition, lang)
    if not others:
        return "", ""
    links = " ".join(
        f'<a href="{html.escape(o["prefix"] + page)}" hreflang="{o["lang"]}" '
        f'lang="{o["lang"]}">{html.escape(o["read"])}</a>'
        for o in others
    )
    pdfs = "".join(
        f'<a href="{html.escape(o["pdf"])}" hreflang="{o["lang"]}" lang="{o["lang"]}">{html.escape(o["pdf_label"])}</a>'
        for o in others
    )
    return f'<nav class="tr-lang" aria-label="{html.escape(word(lang, "languages"))}">{links}</nav>\n', pdfs


PAGE_SCRIPTS = "\n".join(
    f'<script src="assets/{name}"></script>'
    for name in (
        "vega-embed.js",
        "charts.js",
        "versions.js",
        "search-index.js",
        "search.js",
        "menu.js",
        "hit.js",
        "nobr.js",
    )
)


def typst_frame(staged: Path, meta: dict, info: BuildInfo, notice: str | None = None) -> str:
    """The book frame Quarto uses too (report/_extensions/trustbook), opened the way its typst-show.typ opens it."""
    template = (staged / "_extensions" / "trustbook" / "typst-template.typ").read_text(encoding="utf-8")
    pdf = words.of("frame", "pdf", info.lang)
    lines = cover(staged, info.years, info.lang)
    on_cover = "".join(f"{key}: {escape.typst_string(text)}, " for key, text in lines.items() if text)
    return (
        f"{template}\n"
        f"#show: doc => trustbook(title: {escape.typst_string(numbers.title_bound(meta['title']))}, subtitle: "
        f"{escape.typst_string(meta.get('subtitle', ''))}, "
        f"build: {escape.typst_string(info.line('embedded'))}, edition: {escape.typst_string(info.edition)}, lang: "
        f"{escape.typst_string(info.lang)}, cjk: {'true' if writes_chinese(info.lang) else 'false'}, words: "
        f"(contents: {escape.typst_string(pdf['contents'])}, edition: {escape.typst_string(pdf['edition'])}, "
        f"imprint: {escape.typst_string(pdf['imprint'])}), {on_cover}"
        f"notice: {escape.typst_string(notice) if notice else 'none'}, doc)\n\n"
    )


def render(staged: Path, work: Path, info: BuildInfo) -> Outputs:
    meta = {"title": info.title, "subtitle": info.subtitle}  # as the edition wrote them; escaped below for each format
    chapter_list = chapters()
    pages = [
        (c, markdown, nav_label(c.stem, info.lang) or title)
        for c, (markdown, title) in ((c, chapter_markdown(staged, c)) for c in chapter_list)
    ]
    filters = lua_filters(staged)
    site = work / "site"
    site.mkdir(parents=True)
    for sub in ("assets", "data", "figures"):
        if (staged / sub).is_dir():
            shutil.copytree(staged / sub, site / sub)
    pdf_file = pdf_name(info.edition)
    page_template = Template(
        resources.files("trustreport.render").joinpath("templates/page.html").read_text(encoding="utf-8")
    )
    # the version and its date, and the way to the build line (once, on the References page, and in every head)
    link = html.escape(word(info.lang, "footer_link"))
    footer = f'{html.escape(info.footer())} · <a href="references.html#built">{link}</a>'
    current = ' aria-current="page"'
    config = files.load_yaml((staged / "_quarto.yml").read_text(encoding="utf-8"))
    notice_html = (
        f'<div class="tr-notice" role="note">{html.escape(config["notice"])}</div>' if config.get("notice") else ""
    )
    # The PDF (pandoc to Typst, then typst) is made while pandoc turns the pages into HTML: both wait on other
    # processes or on typst's own code, so on two cores assembly takes about the longer of the two.
    # imported here, before the threads: threads importing one package at the same moment can be handed it half made
    import pypandoc  # noqa: F401
    import typst  # noqa: F401

    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        pdf_job = pool.submit(_make_pdf, staged, site, pages, filters, meta, info, config.get("notice"))
        page_bodies = list(pool.map(lambda page: pandoc(page[1], "html5", filters, info.lang), pages))
        pdf = pdf_job.result()
    bodies: list[tuple[str, str, str]] = []
    mark = escape.html if writes_chinese(info.lang) else escape.html_text  # pages not in Chinese mark Chinese runs
    for i, ((chapter, _, title), body_html) in enumerate(zip(pages, page_bodies, strict=True)):
        nav = "\n".join(
            f'<li><a href="{c.page}"{current if c == chapter else ""}>{mark(t)}</a></li>' for c, _, t in pages
        )
        prev_link = f'<a href="{pages[i - 1][0].page}">← {mark(pages[i - 1][2])}</a>' if i > 0 else "<span></span>"
        next_link = (
            f'<a href="{pages[i + 1][0].page}">{mark(pages[i + 1][2])} →</a>' if i + 1 < len(pages) else "<span></span>"
        )
        bodies.append((chapter.page, title, body_html))
        languages, other_pdfs = language_links(info.edition, info.lang, chapter.page)
        (site / chapter.page).write_text(
            page_template.substitute(
                lang=tag(info.lang),
                skip_label=html.escape(word(info.lang, "skip")),
                chapters_label=html.escape(word(info.lang, "chapters")),
                pdf_label=html.escape(word(info.lang, "pdf")),
                menu_label=html.escape(word(info.lang, "menu")),
                pager_label=html.escape(word(info.lang, "pager")),
                languages=languages,
                other_pdfs=other_pdfs,
                version=__version__,
                page_title=html.escape(title),
                book_title=html.escape(numbers.curled(meta["title"])),
                brand=mark(numbers.curled(meta["title"])),
                subtitle=html.escape(numbers.curled(meta.get("subtitle", ""))),
                nav=nav,
                pdf_name=pdf_file,
                body=body_html,
                pager=prev_link + next_link,
                footer=footer,
                build_meta=build_meta(info),
                search=search_box(info.lang),
                scripts=PAGE_SCRIPTS,
                notice=notice_html,
            ),
            encoding="utf-8",
        )

    write_search_index(site, bodies)
    return Outputs(site=site, pdf=pdf, engine="embedded")


def _make_pdf(
    staged: Path, site: Path, pages: list, filters: list[str], meta: dict, info: BuildInfo, notice: str | None
) -> Path:
    """The whole book as one Typst document in the trustbook frame, compiled into the site folder."""
    appendices = {
        str(entry)
        for entry in files.load_yaml((staged / "_quarto.yml").read_text(encoding="utf-8"))["book"].get("appendices")
        or []
    }
    parts: list[str] = []
    for chapter, markdown, _ in pages:
        if chapter.file in appendices and not any("trust-appendices" in part for part in parts):
            parts.append(f"```{{=typst}}\n{show_appendices(info.lang)}\n```")
        parts.append(markdown)
    body = pandoc("\n\n".join(parts), "typst", filters, info.lang)
    typ = staged / "trustreport.typ"
    typ.write_text(typst_frame(staged, meta, info, notice) + body, encoding="utf-8")
    import typst

    pdf = site / pdf_name(info.edition)
    try:
        # the staged fonts only, not the machine's: where Noto Sans CJK is installed (Chromium's Debian package brings
        # it), typst took its bold from there rather than the staged one, so the PDF depended on the machine; and the
        # scan of the system's fonts was a fifth of the compile (0.74 -> 0.53 s, the Chinese PDF)
        typst.compile(
            str(typ),
            output=str(pdf),
            font_paths=[str(staged / "fonts")],
            ignore_system_fonts=True,
            timestamp=info.built_at(),
        )
    except typst.TypstError as exc:
        raise UserError(f"typst could not make the PDF from {typ}: {exc}") from None
    return pdf
