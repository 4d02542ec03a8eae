"""The Quarto engine: `quarto render` of the staged book project, to HTML and to a Typst PDF in our book frame.

Quarto renders the executed notebooks as they are (it executes nothing). Charts reach it as `text/markdown`
outputs (see charts/bundle.py), so no page gets RequireJS or jQuery from a CDN; the PDF uses the trustbook
format (report/_extensions/trustbook), the frame the embedded engine uses too.
"""

from __future__ import annotations

import html
import os
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import yaml

from .. import escape, files, words
from ..errors import UserError
from ..project import pdf_name
from .frame import cover, filter_metadata, translations, word
from .outputs import BuildInfo, Outputs, build_meta


def configure(staged: Path, info: BuildInfo) -> Path:
    """The staged _quarto.yml gets this build's line (page footer, PDF colophon) and edition; the output folder."""
    config_path = staged / "_quarto.yml"
    config = files.load_yaml(config_path.read_text(encoding="utf-8"))
    # every page's footer: the version and its date, and the way to the build line (once, on the References page);
    # the line itself in every page's head, for tools, not readers
    footer = (
        f"{escape.markdown(info.footer())} · [{escape.markdown(word(info.lang, 'footer_link'))}](references.html#built)"
    )
    config.setdefault("book", {})["page-footer"] = footer
    html_format = config["format"]["html"]
    html_format["include-in-header"] = [
        *_as_list(html_format.get("include-in-header")),
        {"text": build_meta(info)},
    ]
    config["build-line"] = info.line("quarto")
    config["edition"] = info.edition
    # The language: Quarto's own words (search, navigation, "Appendices") and <html lang>; the PDF's line breaking.
    config["lang"] = info.lang
    config["format"]["html"]["lang"] = info.lang
    config.update(filter_metadata(info.lang))  # the Lua filters' and the PDF frame's words
    # the PDF's cover (typst-show.typ): read as Markdown, so escaped for it
    config.update({f"tr-cover-{k}": escape.markdown(v) for k, v in cover(staged, info.years, info.lang).items() if v})
    others = translations(info.edition, info.lang)
    if others:  # read by filters/report.lua: the switch to the same page in each other language
        config["tr-translations"] = others
        config["tr-languages-label"] = word(info.lang, "languages")
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return staged / config["project"].get("output-dir", "_book")


def _as_list(value) -> list:
    return [] if value is None else value if isinstance(value, list) else [value]


def _project_copies(staged: Path, work: Path, formats: list[str], output_dir: Path) -> list[Path]:
    """One project folder per format: the staged one for the first, fresh copies of it for the others; each
    without a previous output folder."""
    projects = [staged] + [work / f"project-{name}" for name in formats[1:]]
    for project in projects:
        if project != staged:
            shutil.rmtree(project, ignore_errors=True)
            shutil.copytree(staged, project, ignore=shutil.ignore_patterns("_book", ".quarto"))
        shutil.rmtree(project / output_dir.name, ignore_errors=True)
    return projects


def _render_all(formats: list[str], projects: list[Path], dated: datetime) -> None:
    """`quarto render --to <format>` in each project at once; raise with Quarto's own words if one fails. A run
    still going when another step fails is killed. Typst, which Quarto runs for the PDF, is told the moment to date
    the PDF by in SOURCE_DATE_EPOCH (the reproducible-builds convention its command line reads), as the embedded
    engine tells it: the clock would make each build's PDF a different file."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(int(dated.timestamp()))}
    runs: list[subprocess.Popen[str]] = []
    try:
        for name, project in zip(formats, projects, strict=True):
            runs.append(
                subprocess.Popen(
                    ["quarto", "render", str(project), "--to", name],
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                    env=env,
                )
            )
        errors = [run.communicate(timeout=1800)[1] for run in runs]
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise UserError(f"quarto render could not run: {exc}") from None
    finally:
        for run in runs:
            if run.poll() is None:
                run.kill()
                run.wait()
    for name, run, stderr in zip(formats, runs, errors, strict=True):
        if run.returncode != 0:
            raise UserError(f"quarto render --to {name} failed:\n{stderr[-4000:]}")


def render(staged: Path, work: Path, info: BuildInfo) -> Outputs:
    """Each format (the site, the PDF) rendered at once, in its own copy of the staged project: two `quarto render`
    runs in one project would write the same _book/ and .quarto/ folders."""
    output_dir = configure(staged, info)
    formats = list(files.load_yaml((staged / "_quarto.yml").read_text(encoding="utf-8"))["format"])
    projects = _project_copies(staged, work, formats, output_dir)
    _render_all(formats, projects, info.built_at())
    site = work / "site"
    shutil.copytree(output_dir, site)
    for project in projects[1:]:  # the other formats' outputs join the site (the PDF beside the pages)
        shutil.copytree(project / output_dir.name, site, dirs_exist_ok=True)
        shutil.rmtree(project)
    pdf = site / pdf_name(info.edition)
    if not pdf.is_file():
        raise UserError(f"quarto render made no PDF named {pdf.name}")
    name_trails(site, info.lang)
    return Outputs(site=site, pdf=pdf, engine="quarto")


def name_trails(site: Path, lang: str) -> None:
    """Quarto names the trail above a page's heading "breadcrumb" in every language; charts.js renames it in the
    page's language, and so does this, for a reader whose browser runs no script."""
    said = html.escape(words.word("frame", "filter", "breadcrumb", lang), quote=True)
    for page in site.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        if 'aria-label="breadcrumb"' in text:
            files.write_text(page, text.replace('aria-label="breadcrumb"', f'aria-label="{said}"'))
