"""Staging: the Quarto project with the executed chapters and everything the pages need, in one folder.

build/<edition>/report/ is what either engine renders: report/ as written, the executed notebooks,
each chart's data, spec and SVG, the fonts and the offline Vega bundle.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import polars as pl

from . import charts, dictionary
from .chapters import chapters
from .errors import UserError
from .params import Edition
from .paths import build_dir, font_dir, project_root, report_dir

FONT_FILES = ("NotoSansSC-Regular.otf", "NotoSerifSC-Regular.otf")
WEB_FONT = Path("assets/fonts/noto-sans-sc-subset.woff2")
_SPEC = re.compile(r'<script type="application/json" class="tr-chart-spec">(.*?)</script>', re.S)


def stage(edition: Edition) -> Path:
    """Assemble build/<edition>/report from report/ and the executed chapters; replace it whole."""
    target = build_dir(edition.edition) / "report"
    work = target.with_name(".report.partial")
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(report_dir(), work, ignore=shutil.ignore_patterns("_book", ".quarto", "*.partial"))

    for chapter in chapters():
        if not chapter.is_notebook:
            continue
        executed = chapter.executed(edition.edition)
        if not executed.is_file():
            raise UserError(f"chapter {chapter.stem} has not been run for edition {edition.edition}: run `make report EDITION={edition.edition}`")
        shutil.copy2(executed, work / chapter.file)
        extract_charts(work / chapter.file, work)

    (work / "data-dictionary.qmd").write_text(dictionary.page(), encoding="utf-8")
    (work / "fonts").mkdir(exist_ok=True)
    for name in FONT_FILES:
        (work / "fonts" / name).symlink_to(font_dir() / name)
    (work / "assets" / "vega-embed.js").write_text(vega_bundle(), encoding="utf-8")
    subset_web_font(work, work / WEB_FONT)

    shutil.rmtree(target, ignore_errors=True)
    work.rename(target)
    return target


def extract_charts(notebook: Path, out: Path) -> list[str]:
    """Write each chart's data (CSV), Vega-Lite spec and SVG beside the pages, named after the chart."""
    import nbformat

    nb = nbformat.read(notebook, as_version=4)
    names = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            name = output.get("metadata", {}).get("trustreport", {}).get("chart")
            if not name:
                continue
            spec = json.loads(_SPEC.search(output["data"]["text/html"]).group(1))
            (out / "data").mkdir(exist_ok=True)
            (out / "figures").mkdir(exist_ok=True)
            (out / "data" / f"{name}.vl.json").write_text(json.dumps(spec, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
            pl.DataFrame(chart_rows(spec)).write_csv(out / "data" / f"{name}.csv")
            if "image/svg+xml" in output["data"]:
                (out / "figures" / f"{name}.svg").write_text(output["data"]["image/svg+xml"], encoding="utf-8")
            names.append(name)
    return names


def chart_rows(spec: dict) -> list[dict]:
    """The rows a chart plots, wherever Altair put them (inline values or a named dataset)."""
    data = spec.get("data", {})
    if "values" in data:
        return data["values"]
    return spec.get("datasets", {}).get(data.get("name"), [])


def vega_bundle() -> str:
    """vega, vega-lite and vega-embed in one file, made offline by vl-convert; cached across builds."""
    import vl_convert as vlc

    cache = project_root() / "build" / ".cache" / f"vega-embed-{charts.VEGA_LITE_VERSION}-{vlc.__version__}.js"
    if not cache.is_file():
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(vlc.javascript_bundle(vl_version=charts.VEGA_LITE_VERSION), encoding="utf-8")
    return cache.read_text(encoding="utf-8")


def _text_of(folder: Path) -> str:
    parts = []
    for path in sorted(folder.rglob("*")):
        if path.suffix in (".qmd", ".ipynb", ".yml", ".json", ".svg", ".csv") and path.is_file():
            parts.append(path.read_text(encoding="utf-8", errors="ignore"))
    return "".join(parts)


def subset_web_font(folder: Path, out: Path) -> None:
    """A woff2 of Noto Sans SC holding just the characters the pages use (tens of kB, not 8 MB)."""
    from fontTools import subset

    text = _text_of(folder)
    wanted = "".join(sorted({ch for ch in text if ord(ch) > 0x7F} | {chr(c) for c in range(0x20, 0x7F)}))
    key = hashlib.sha256(wanted.encode()).hexdigest()[:16]
    cache = project_root() / "build" / ".cache" / f"noto-sans-sc-{key}.woff2"
    if not cache.is_file():
        cache.parent.mkdir(parents=True, exist_ok=True)
        options = subset.Options()
        options.flavor = "woff2"
        options.layout_features = ["*"]
        font = subset.load_font(str(font_dir() / FONT_FILES[0]), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=wanted)
        subsetter.subset(font)
        partial = cache.with_suffix(".partial")
        subset.save_font(font, str(partial), options)
        partial.rename(cache)
    out.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(cache, out)
