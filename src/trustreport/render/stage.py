"""Staging: the Quarto project with the executed chapters and everything the pages need, in one folder.

build/<edition>/report/ is what either engine renders: report/ as written, the executed notebooks,
each chart's data, spec and SVG, the fonts and the offline Vega bundle.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path

import polars as pl
import yaml

from .. import escape, files, fonts, ledger, words
from ..chapter.text import in_language
from ..chapters import Chapter, chapters
from ..charts import bundle
from ..errors import UserError
from ..fonts import TYPOGRAPHY
from ..languages import languages
from ..params import Edition
from ..project import build_dir, cjk_variable_font, font_dir, pdf_name, report_dir, user_cache
from ..records import store
from . import dictionary, references
from .frame import nav_label, word

FONT_FILES = ("NotoSansSC-Regular.otf", "NotoSerifSC-Regular.otf")
WEB_FONT = Path("assets/fonts/noto-sans-sc-subset.woff2")
BOLD_FONT = (
    "NotoSansCJKsc-Bold.otf"  # the PDF's bold Chinese (bold words, headings): made at staging, see bold_cjk_font
)


def stage(edition: Edition, target: Path, tables: dict[str, pl.DataFrame], build_line: str) -> Path:
    """Assemble `target` (build/<edition>/report) from report/, the executed chapters and the edition's `tables`
    (every one, for the References, which also give `build_line`); replace it whole."""
    with files.replacing_folder(target) as work:
        _stage_in(work, edition, tables, build_line)
    return target


def _stage_in(work: Path, edition: Edition, tables: dict[str, pl.DataFrame], build_line: str) -> None:
    shutil.copytree(
        report_dir(), work, ignore=shutil.ignore_patterns("_book", ".quarto", "*.partial"), dirs_exist_ok=True
    )
    configure(work / "_quarto.yml", edition)

    for chapter in chapters():
        if not chapter.is_notebook:
            continue
        executed = chapter.executed(edition.edition)
        if not executed.is_file():
            raise UserError(
                f"chapter {chapter.stem} has not been run for edition {edition.edition}: run `make report "
                f"EDITION={edition.edition}`"
            )
        copy_for_rendering(executed, work / chapter.file, edition.lang)
        extract(work / chapter.file, work, build_dir(edition.edition) / "ledger" / f"{chapter.stem}.json", edition.lang)

    (work / "data-dictionary.qmd").write_text(dictionary.page(edition.lang), encoding="utf-8")
    (work / "references.qmd").write_text(references.page(edition, tables, build_line), encoding="utf-8")
    (work / "fonts").mkdir(exist_ok=True)
    for name in FONT_FILES:
        (work / "fonts" / name).symlink_to(font_dir() / name)
    (work / "assets" / "vega-embed.js").write_text(vega_bundle(), encoding="utf-8")
    shown = [work, edition.data_path(), Path(__file__).parent / "templates"]
    # read once: both fonts hold the same characters. Besides the staged pages, every word of the project's catalogues
    # (the frame's footer, "Quarto引擎"; the scripts' scroll cue, "左右滑动…") and the engine's own words for the page
    # (Quarto's search panel: "隐藏其它匹配结果"), which reach a page after staging
    wanted = "".join(sorted(set(_wanted(shown)) | set(fonts.project_characters()) | set(_engine_words(edition.lang))))
    subset_web_font(wanted, work / WEB_FONT)
    bold_cjk_font(wanted, work / "fonts" / BOLD_FONT)


def uses_synthetic_data(edition: Edition) -> bool:
    records = edition.records_path()
    if not records:
        return False
    return bool(store.read_meta(records).get("synthetic"))


def _nav_entry(entry, lang: str):
    """A book.chapters entry, with the chapter's navigation label where words/frame.yml `nav` gives one."""
    if not isinstance(entry, str):
        return entry
    label = nav_label(Chapter(entry).stem, lang)
    return {"href": entry, "text": escape.markdown(label)} if label else entry


def configure(config_path: Path, edition: Edition) -> None:
    """The staged _quarto.yml carries the edition's title, the PDF's name and, for an edition built on synthetic
    records, the notice every page and the PDF show (`notice`, read by both engines)."""
    config = files.load_yaml(config_path.read_text(encoding="utf-8"))
    book = config.setdefault("book", {})
    # Quarto reads metadata as Markdown: the edition's words are escaped for it (the embedded engine takes them as
    # they are, from the edition, and escapes them for HTML and Typst itself).
    book["title"] = escape.markdown(edition.title)
    book["subtitle"] = escape.markdown(edition.subtitle)
    book["description"] = escape.markdown(edition.subtitle)  # social previews: Quarto reads it as Markdown too
    book["output-file"] = Path(pdf_name(edition.edition)).stem
    # the PDF's link in the edition's language (Quarto's own `downloads` link says "Download PDF" on every page)
    pdf_link = {"icon": "file-pdf", "href": pdf_name(edition.edition), "text": word(edition.lang, "pdf")}
    book.setdefault("sidebar", {})["tools"] = [pdf_link]
    # a chapter whose heading is not its name (the summary's states the finding) is named in the navigation
    book["chapters"] = [_nav_entry(entry, edition.lang) for entry in book.get("chapters", [])]
    skip = config_path.parent / "assets" / "skip.html"  # Quarto's pages' skip link, in the edition's language
    skip.write_text(
        skip.read_text(encoding="utf-8").replace(">Skip to the text<", f">{escape.html(word(edition.lang, 'skip'))}<"),
        encoding="utf-8",
    )
    if uses_synthetic_data(edition):
        notice = words.word("frame", "notice", "synthetic", edition.lang)
        config["notice"] = notice
        banner = config_path.parent / "assets" / "notice.html"
        banner.write_text(f'<div class="tr-notice" role="note">{escape.html(notice)}</div>\n', encoding="utf-8")
        config["format"]["html"]["include-before-body"].append("assets/notice.html")
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


def copy_for_rendering(executed: Path, out: Path, lang: str = "en") -> None:
    """An executed chapter as the engines read it: in the edition's language only (a chapter written in two
    languages holds both), and without papermill's cell records, which Quarto would otherwise write into every
    cell's HTML as attributes."""
    nb = json.loads(executed.read_text(encoding="utf-8"))
    nb["cells"] = [cell for cell in nb["cells"] if in_language(cell, lang)]
    for cell in nb["cells"]:
        for key in ("papermill", "execution"):
            cell.get("metadata", {}).pop(key, None)
    # read by the engines only: written compact, which Python's JSON encoder does in C (indented, in Python)
    out.write_text(json.dumps(nb, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")


def extract(notebook: Path, out: Path, ledger_path: Path, lang: str) -> list[str]:
    """Write each chart's data (CSV, headed in `lang`, the edition's), Vega-Lite spec and SVG beside the pages, and
    the chapter's ledger."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    names = []
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            chart = bundle.read(output)
            if chart is None:
                continue
            (out / "data").mkdir(exist_ok=True)
            (out / "figures").mkdir(exist_ok=True)
            (out / "data" / f"{chart.name}.vl.json").write_text(
                json.dumps(chart.spec, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8"
            )
            write_rows(chart.data_rows(), out / "data" / f"{chart.name}.csv", lang)
            if chart.svg is not None:
                (out / "figures" / f"{chart.name}.svg").write_text(chart.svg, encoding="utf-8")
            names.append(chart.name)
    entries = ledger.from_outputs(nb)
    if entries is None:
        raise UserError(f"{notebook.name}: the chapter does not end with `ch.end()`, so its numbers were not ledgered")
    ledger.write(ledger_path, entries)
    return names


def write_rows(rows: list[dict], path: Path, lang: str) -> None:
    """A chart's rows as the CSV readers download, columns in order of first appearance, each headed in `lang`
    (words/charts.yml `data_columns`); yes-or-no cells in words, a date without a time of day; no cell a spreadsheet
    would run as a formula. A column the catalogue does not name stops the build, naming the chart."""
    columns = list(dict.fromkeys(key for row in rows for key in row))
    headers = words.of("charts", "data_columns", lang)
    unnamed = [column for column in columns if column not in headers]
    if unnamed:
        raise UserError(
            f"chart {path.stem}: its data has {'a column' if len(unnamed) == 1 else 'columns'} "
            f"{', '.join(repr(c) for c in unnamed)} that {words.shown('charts')} `data_columns` does not name "
            "(the header a reader's download gives it, in each language)"
        )
    yes_no = words.of("charts", "data_values", lang)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow([headers[column] for column in columns])
        writer.writerows([escape.csv_cell(_cell(row.get(column), yes_no)) for column in columns] for row in rows)


# Altair writes a date as a timestamp at midnight (2021-06-16T00:00:00): the day is what the data says
_MIDNIGHT = re.compile(r"^(\d{4}-\d{2}-\d{2})T00:00:00$")


def _cell(value: object, yes_no: dict[str, str]) -> object:
    """One value as a reader's CSV holds it (`write_rows`)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return yes_no["is_true" if value else "is_false"]
    if isinstance(value, str):
        return _MIDNIGHT.sub(r"\1", value)
    return bundle.clean_number(value)


def vega_bundle() -> str:
    """vega, vega-lite and vega-embed in one file, made offline by vl-convert; cached across builds."""
    import vl_convert as vlc

    # vl_convert's stub lacks __version__ (the compiled module sets it) and makes javascript_bundle's snippet
    # required (optional at run time, as its own docstring says)
    version = vlc.__version__  # type: ignore[attr-defined]
    cache = user_cache() / f"vega-embed-{bundle.VEGA_LITE_VERSION}-{version}.js"
    if not cache.is_file():
        script = vlc.javascript_bundle(vl_version=bundle.VEGA_LITE_VERSION)  # type: ignore[call-arg]
        files.write_text(cache, script)  # whole: another build may be reading the cache
    return cache.read_text(encoding="utf-8")


def _text_of(folders: list[Path]) -> str:
    """Every character a page can show: the staged chapters, charts and data, the site's scripts and templates."""
    frame = [text for lang in languages() for text in words.of("frame", "site", lang).values()]
    parts = [TYPOGRAPHY, *frame]  # the frame's own words
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if (
                path.suffix in (".qmd", ".ipynb", ".yml", ".json", ".svg", ".csv", ".js", ".html", ".css", ".lua")
                and path.is_file()
                and path.name != "vega-embed.js"
            ):  # Vega's own code shows no text
                parts.append(path.read_text(encoding="utf-8", errors="ignore"))
    return "".join(parts)


def _engine_words(lang: str) -> str:
    """Quarto's own words for its pages in `lang` (its language file), where Quarto is installed; else nothing."""
    quarto = shutil.which("quarto")
    if quarto is None:
        return ""
    # Quarto says where its share folder is: the `quarto` on PATH may be a wrapper script (conda's, a user's)
    try:
        said = subprocess.run([quarto, "--paths"], capture_output=True, text=True, timeout=60).stdout.splitlines()
    except (OSError, subprocess.TimeoutExpired):
        said = []
    share = Path(said[1]) if len(said) > 1 else Path(quarto).resolve().parent.parent / "share"
    language = share / "language" / f"_language-{lang}.yml"
    return language.read_text(encoding="utf-8", errors="ignore") if language.is_file() else ""


def _wanted(folders: list[Path]) -> str:
    """The characters the pages can show, sorted."""
    text = _text_of(folders)
    # the distinct characters first (a set of the text is built in C): the text is some 1.5 million characters
    return "".join(sorted({ch for ch in set(text) if ord(ch) > 0x7F} | {chr(c) for c in range(0x20, 0x7F)}))


def bold_cjk_font(wanted: str, out: Path) -> None:
    """Noto Sans CJK SC Bold holding the characters the report can use, for the PDF's bold words and headings: the
    bold instance of Noto Sans CJK's variable SC face, cut to those characters first (instancing the whole face
    takes minutes, the cut one seconds); cached across builds and copies of the project."""
    key = hashlib.sha256(wanted.encode()).hexdigest()[:16]  # names the set of characters in the cache
    font = cjk_variable_font()
    cache = user_cache() / f"noto-sans-cjk-sc-bold-{font.stat().st_size}-{key}.otf"
    if not cache.is_file():
        # imported only to make it: fontTools takes a third of a second to import, which a build that finds the
        # font cached (every build after the first) need not pay
        from fontTools import subset
        from fontTools.ttLib import TTCollection
        from fontTools.varLib import instancer

        collection = TTCollection(str(font), lazy=True)
        face = next(f for f in collection.fonts if f["name"].getDebugName(1) == "Noto Sans CJK SC")
        options = subset.Options()
        options.layout_features = ["*"]
        options.name_IDs = ["*"]
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=wanted)
        subsetter.subset(face)
        bold = instancer.instantiateVariableFont(face, {"wght": 700})
        names = {
            1: "Noto Sans CJK SC",
            2: "Bold",
            3: f"NotoSansCJKsc-Bold;trustreport-{key}",
            4: "Noto Sans CJK SC Bold",
            6: "NotoSansCJKsc-Bold",
        }
        table = bold["name"]
        for name_id in (1, 2, 3, 4, 6, 16, 17, 25):  # the variable face's names (Thin, its instances), every platform
            table.removeNames(nameID=name_id)
        for name_id, text in names.items():
            table.setName(text, name_id, 3, 1, 0x409)
        bold["OS/2"].usWeightClass = 700
        bold["OS/2"].fsSelection = (bold["OS/2"].fsSelection | 0b100000) & ~0b1000000  # bold, not regular
        bold["head"].macStyle |= 1
        cache.parent.mkdir(parents=True, exist_ok=True)
        with files.replacing(cache) as partial:
            bold.save(str(partial))
    out.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(cache, out)


def subset_web_font(wanted: str, out: Path) -> None:
    """A woff2 of Noto Sans SC holding just the characters the pages can use (a few hundred kB, not 8 MB)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(fonts.cut(font_dir() / FONT_FILES[0], wanted, "noto-sans-sc-web", flavor="woff2"), out)
