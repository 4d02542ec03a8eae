"""Turning a staged report into an HTML site and a PDF: Quarto when it is there, else the embedded engine.

Both engines read the same staged folder (see stage.py) and the same chapter list.
The embedded engine is pandoc (from pypandoc-binary) for HTML pages and Typst markup, and typst for the PDF.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from string import Template

import yaml

from . import __version__
from .chapters import Chapter, book, chapters
from .errors import UsageError, UserError

ENGINES = ("quarto", "embedded")


@dataclass(frozen=True)
class Outputs:
    site: Path  # folder with index.html
    pdf: Path
    engine: str


@dataclass(frozen=True)
class BuildInfo:
    """What every page and the PDF say about how they were made."""

    edition: str
    data_fingerprint: str
    built: str  # the build date, in one place
    version: str  # the report's version (report/release.yml)
    commit: str

    def line(self, engine: str) -> str:
        return (
            f"Report {self.version} · edition {self.edition} · commit {self.commit} · data {self.data_fingerprint} · "
            f"built {self.built} · {engine} engine (trustreport {__version__})"
        )


def choose(requested: str | None) -> str:
    """REPORT_ENGINE=quarto|embedded forces one; otherwise Quarto if it is on PATH."""
    if requested:
        if requested not in ENGINES:
            raise UsageError(f"REPORT_ENGINE={requested!r}: use one of {', '.join(ENGINES)}")
        if requested == "quarto" and shutil.which("quarto") is None:
            raise UsageError(
                "REPORT_ENGINE=quarto, but quarto is not on PATH. Install it from conda-forge "
                "(conda env create -f environment.yml) or quarto.org, or use REPORT_ENGINE=embedded."
            )
        return requested
    return "quarto" if shutil.which("quarto") else "embedded"


def render(engine: str, staged: Path, work: Path, info: BuildInfo) -> Outputs:
    if engine == "quarto":
        return render_quarto(staged, work, info)
    return render_embedded(staged, work, info)


# ---- Quarto -----------------------------------------------------------------------------------


def render_quarto(staged: Path, work: Path, info: BuildInfo) -> Outputs:
    # The staged copy of _quarto.yml carries this build's line (version, commit, data, date) as the page footer.
    config_path = staged / "_quarto.yml"
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    config.setdefault("book", {})["page-footer"] = info.line("quarto")
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = subprocess.run(["quarto", "render", str(staged)], capture_output=True, text=True)
    if result.returncode != 0:
        raise UserError(f"quarto render failed:\n{result.stderr[-4000:]}")
    output_dir = staged / (yaml.safe_load((staged / "_quarto.yml").read_text(encoding="utf-8"))["project"].get("output-dir", "_book"))
    shutil.copytree(output_dir, work / "site")
    pdf = work / "site" / f"{book().get('output-file', 'trustreport')}.pdf"
    if not pdf.is_file():
        raise UserError(f"quarto render made no PDF at {pdf.name}")
    return Outputs(site=work / "site", pdf=pdf, engine="quarto")


# ---- embedded: pandoc + typst --------------------------------------------------------------


def lua_filters(staged: Path) -> list[str]:
    """pandoc arguments for the Lua filters Quarto applies (listed in the staged _quarto.yml)."""
    config = yaml.safe_load((staged / "_quarto.yml").read_text(encoding="utf-8"))
    return [arg for f in config.get("filters", []) for arg in ("--lua-filter", str(staged / f))]


def pandoc(markdown: str, to: str, filters: list[str]) -> str:
    """One pandoc run, with the same Lua filters as Quarto."""
    import pypandoc

    return pypandoc.convert_text(markdown, to=to, format="markdown", extra_args=[*filters, "--wrap=none"])


def chapter_markdown(staged: Path, chapter: Chapter) -> tuple[str, str]:
    """A chapter as pandoc Markdown, and its title: a page's front matter or a notebook's first heading."""
    path = staged / chapter.file
    if not chapter.is_notebook:
        text = path.read_text(encoding="utf-8")
        meta: dict = {}
        if text.startswith("---"):
            _, front, text = text.split("---", 2)
            meta = yaml.safe_load(front) or {}
        title = str(meta.get("title", chapter.stem))
        return f"# {title}\n\n{text.strip()}\n", title
    import nbformat  # imported here: it takes about two seconds, which commands that render nothing should not pay

    parts = notebook_blocks(nbformat.read(path, as_version=4))
    markdown = "\n\n".join(parts) + "\n"
    heading = re.search(r"^# (.+)$", markdown, re.M)
    return markdown, heading.group(1).strip() if heading else chapter.stem


def notebook_blocks(nb) -> list[str]:
    """What a reader sees of an executed notebook: its prose and its outputs, no code, no parameters."""
    blocks: list[str] = []
    for cell in nb.cells:
        tags = set(cell.get("metadata", {}).get("tags", []))
        if tags & {"parameters", "injected-parameters", "remove-cell"}:
            continue
        if cell.cell_type == "markdown":
            blocks.append(cell.source)
            continue
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                raise UserError(f"an executed chapter holds an error: {output.ename}: {output.evalue}")
            if output.output_type not in ("display_data", "execute_result"):
                continue  # streams are logs, not report content
            data = output.get("data", {})
            chart = output.get("metadata", {}).get("trustreport", {}).get("chart")
            if chart:
                blocks.append(chart_block(chart, data["text/html"], static="image/svg+xml" in data))
            elif "text/markdown" in data:
                blocks.append(data["text/markdown"])
            elif "text/html" in data:
                blocks.append(f"```{{=html}}\n{data['text/html']}\n```")
    return blocks


def chart_block(name: str, figure_html: str, static: bool = True) -> str:
    """Raw blocks for both formats: the live figure for HTML, its SVG for Typst (unless it is HTML-only)."""
    html_block = f"```{{=html}}\n{figure_html}\n```"
    if not static:
        return html_block
    alt = re.search(r'aria-label="([^"]*)"', figure_html)
    alt_text = html.unescape(alt.group(1)) if alt else name
    typst = f'#figure(image("figures/{name}.svg", width: 100%, alt: {_typst_string(alt_text)}), kind: image, supplement: none)'
    return f"{html_block}\n\n```{{=typst}}\n{typst}\n```"


def _typst_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def write_search_index(site: Path, bodies: list[tuple[str, str, str]]) -> None:
    """assets/search-index.js: each page's sections (heading, anchor, text without charts) for site search."""
    sections = []
    for page, title, body in bodies:
        body = re.sub(r"<figure.*?</figure>|<script.*?</script>|<svg.*?</svg>", " ", body, flags=re.S)
        parts = re.split(r"(<h[12][^>]*>.*?</h[12]>)", body, flags=re.S)
        heading, anchor = title, ""
        for part in parts:
            match = re.match(r"<h[12][^>]*?(?:id=\"([^\"]*)\")?[^>]*>(.*?)</h[12]>", part, flags=re.S)
            if match:
                anchor = match.group(1) or anchor
                heading = html.unescape(re.sub(r"<[^>]+>", "", match.group(2))).strip()
                continue
            text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", part)).split())
            if text:
                sections.append({"url": page + (f"#{anchor}" if anchor else ""), "heading": heading if heading == title else f"{title} › {heading}", "text": text})
    (site / "assets" / "search-index.js").write_text("window.TR_SEARCH = " + json.dumps(sections, ensure_ascii=False) + ";\n", encoding="utf-8")


def render_embedded(staged: Path, work: Path, info: BuildInfo) -> Outputs:
    meta = book()
    chapter_list = chapters()
    pages = [(c, *chapter_markdown(staged, c)) for c in chapter_list]
    filters = lua_filters(staged)
    site = work / "site"
    site.mkdir(parents=True)
    for sub in ("assets", "data", "figures"):
        if (staged / sub).is_dir():
            shutil.copytree(staged / sub, site / sub)
    pdf_name = f"trustreport-{info.edition}.pdf"
    page_template = Template(resources.files("trustreport").joinpath("templates/page.html").read_text(encoding="utf-8"))
    footer = html.escape(info.line("embedded"))
    current = ' aria-current="page"'
    bodies: list[tuple[str, str, str]] = []
    for i, (chapter, markdown, title) in enumerate(pages):
        nav = "\n".join(
            f'<li><a href="{c.page}"{current if c == chapter else ""}>{html.escape(t)}</a></li>' for c, _, t in pages
        )
        prev_link = f'<a href="{pages[i - 1][0].page}">← {html.escape(pages[i - 1][2])}</a>' if i > 0 else "<span></span>"
        next_link = f'<a href="{pages[i + 1][0].page}">{html.escape(pages[i + 1][2])} →</a>' if i + 1 < len(pages) else "<span></span>"
        body_html = pandoc(markdown, "html5", filters)
        bodies.append((chapter.page, title, body_html))
        (site / chapter.page).write_text(
            page_template.substitute(
                version=__version__,
                page_title=html.escape(title),
                book_title=html.escape(meta["title"]),
                subtitle=html.escape(meta.get("subtitle", "")),
                nav=nav,
                pdf_name=pdf_name,
                body=body_html,
                pager=prev_link + next_link,
                footer=footer,
            ),
            encoding="utf-8",
        )

    write_search_index(site, bodies)

    body = pandoc("\n\n".join(markdown for _, markdown, _ in pages), "typst", filters)
    frame = Template(resources.files("trustreport").joinpath("templates/report.typ").read_text(encoding="utf-8"))
    typ = staged / "trustreport.typ"
    typ.write_text(
        frame.substitute(
            book_title=_typst_string(meta["title"])[1:-1],
            subtitle=_typst_string(meta.get("subtitle", ""))[1:-1],
            edition=info.edition,
            footer_typ="#" + _typst_string(f"report {info.version} · commit {info.commit} · data {info.data_fingerprint}"),
            colophon="#" + _typst_string(info.line("embedded")),
        )
        + body,
        encoding="utf-8",
    )
    import typst

    pdf = site / pdf_name
    try:
        typst.compile(str(typ), output=str(pdf), font_paths=[str(staged / "fonts")])
    except typst.TypstError as exc:
        raise UserError(f"typst could not make the PDF from {typ}: {exc}") from None
    return Outputs(site=site, pdf=pdf, engine="embedded")
