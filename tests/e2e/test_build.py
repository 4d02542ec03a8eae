"""The walking skeleton end to end: raw data to an executed chapter, an HTML site and a PDF."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from conftest import DEFAULT_EDITION, ENGINES, ROOT, assert_user_error, cli, pdftotext, rendering, run, scratch_edition

CHAPTER = "10_complaints"
# in the English PDF: names stay in Chinese beside their translation; a complaint kind is translated
CHINESE_TERMS = ["匹诺曹", "抖音", "快手", "消费保"]  # Chinese names an English page keeps


def executed(built: Path) -> dict:
    return json.loads((built / "chapters" / f"{CHAPTER}.ipynb").read_text(encoding="utf-8"))


def test_chapter_ran_with_the_editions_parameters(built):
    nb = executed(built)
    injected = [c for c in nb["cells"] if "injected-parameters" in c["metadata"].get("tags", [])]
    assert len(injected) == 1
    params = json.loads((built / "params.json").read_text(encoding="utf-8"))
    assert params["edition"] == DEFAULT_EDITION
    assert f'edition = "{DEFAULT_EDITION}"' in "".join(injected[0]["source"])
    errors = [o for c in nb["cells"] for o in c.get("outputs", []) if o["output_type"] == "error"]
    assert errors == []


def page(built: Path, name: str) -> str:
    return (built / "site" / name).read_text(encoding="utf-8")


FIGURE = re.compile(r'<figure\b[^>]*\bid="fig-([^"]+)"')


def test_site_pages_hold_the_charts_with_their_data(engine_build):
    built = engine_build
    html = page(built, f"{CHAPTER}.html")
    figures = FIGURE.findall(html)
    assert len(figures) == 5
    for name in figures:
        block = html.split(f'id="fig-{name}"', 1)[1].split("</figure>", 1)[0]
        assert "<svg" in block and "<path" in block, f"{name}: no drawn marks"
        assert 'aria-label="' in block
        rows = (built / "site" / "data" / f"{name}.csv").read_text(encoding="utf-8").splitlines()
        assert len(rows) >= 3, f"{name}: chart data not downloadable"
        spec = json.loads((built / "site" / "data" / f"{name}.vl.json").read_text(encoding="utf-8"))
        assert spec.get("layer") or spec.get("spec", {}).get("layer"), f"{name}: no drawing in its spec"  # or faceted
    assert "Source:" in html  # every chart names its source
    for link in re.findall(r'href="([^"#]+\.html)"', html):
        if not link.startswith(("http://", "https://")):  # a source's own address is linked, not served here
            assert (built / "site" / link).is_file(), f"broken link {link}"


def test_no_page_loads_anything_from_another_host(engine_build):
    built = engine_build
    loaders = re.compile(
        r"""(?:<script[^>]+src|<img[^>]+src|<link[^>]+href|<iframe[^>]+src|<source[^>]+src)\s*=\s*["']((?:https?:)?//[^"']+)"""
        r"""|url\(\s*["']?((?:https?:)?//[^)"']+)|@import\s+["']((?:https?:)?//[^"']+)""",
        re.I,
    )
    checked = 0
    for path in (built / "site").rglob("*"):
        if path.suffix in (".html", ".css"):
            found = loaders.findall(path.read_text(encoding="utf-8"))
            assert not found, f"{path.name} loads from another host: {found}"
            checked += 1
    assert checked >= 3
    assert (built / "site" / "assets" / "vega-embed.js").stat().st_size > 100_000  # Vega ships with the site


def test_site_carries_a_cjk_web_font_with_every_glyph_its_pages_use(engine_build):
    """Every character beyond ASCII on any page (text, chart labels, tooltips' data) is in the site's own font."""
    import html as html_lib

    from fontTools.ttLib import TTFont

    built = engine_build
    font = built / "site" / "assets" / "fonts" / "noto-sans-sc-subset.woff2"
    cmap = TTFont(font).getBestCmap()
    used = set()
    for page in (built / "site").glob("*.html"):
        text = re.sub(r"<script.*?</script>|<style.*?</style>", " ", page.read_text(encoding="utf-8"), flags=re.S)
        used |= set(html_lib.unescape(re.sub(r"<[^>]+>", " ", text)))
    for data in (built / "site" / "data").glob("*.csv"):
        used |= set(data.read_text(encoding="utf-8"))
    wanted = {ch for ch in used if ord(ch) > 0x7F and not ch.isspace() and ch not in "\u2060\ufeff"}
    missing = sorted(ch for ch in wanted if ord(ch) not in cmap and ord(ch) < 0xE000)
    assert not missing, f"not in the web font: {''.join(missing)}"
    assert {"‘", "’", "←", "→", "，", "。"} <= {
        chr(c) for c in cmap
    }  # typography the pages may show whatever the data says
    assert font.stat().st_size < 500_000


@pytest.mark.parametrize("engine", ENGINES)
def test_the_chinese_site_font_has_every_character_its_pages_and_scripts_write(shared, zh_built, engine):
    """The Chinese site draws every character from its own font, also the words that reach a page after its prose:
    the footer (Quarto引擎), the words the scripts write (the scroll cue, 左右滑动…: #tr-words' data attributes) and
    the engine's own (Quarto's search panel, 隐藏其它匹配结果). Without them a reader with no Chinese system font saw
    "Quarto引" and "滑动可查看所有列"."""
    import html as html_lib

    from fontTools.ttLib import TTFont

    site = rendering(shared, zh_built, engine) / "site"
    cmap = TTFont(site / "assets" / "fonts" / "noto-sans-sc-subset.woff2").getBestCmap()
    used = set()
    for page in site.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        words = " ".join(re.findall(r'data-[a-z-]+="([^"]*)"', text))  # what the scripts write, as the page gives it
        text = re.sub(r"<script.*?</script>|<style.*?</style>", " ", text, flags=re.S)
        used |= set(html_lib.unescape(re.sub(r"<[^>]+>", " ", text) + words))
    missing = sorted(ch for ch in used if ord(ch) > 0x2E7F and ord(ch) < 0xE000 and ord(ch) not in cmap)
    assert not missing, f"{engine}: not in the web font: {''.join(missing)}"
    if engine == "quarto":
        assert all(ord(ch) in cmap for ch in "隐藏其它匹配结果"), engine  # Quarto's search panel, in its own words


def test_pdf_has_the_chinese_text_and_an_embedded_cjk_font(engine_build):
    built = engine_build
    pdf = built / f"trustreport-{DEFAULT_EDITION}.pdf"
    text = pdftotext(pdf)
    for term in CHINESE_TERMS + ["The trust deficit", "21,900", "after-sales service"]:
        assert term in text, f"{term} not in the PDF text"
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    cjk = [line for line in fonts.splitlines() if re.search(r"Noto(Sans|Serif)(CJK)?SC", line)]
    assert cjk and all(" yes " in line for line in cjk), fonts


def test_chart_images_draw_chinese_with_the_cjk_font(engine_build):
    built = engine_build
    svgs = sorted((built / "report" / "figures").glob("*.svg"))
    assert len(svgs) >= 8
    for svg in svgs:  # every chart names the CJK face; the English edition's draw Chinese names (快手, 抖音) with it
        assert 'font-family="Noto Sans SC"' in svg.read_text(encoding="utf-8")
    for name in ("livestream-complaints-by-platform-2023", "rights-posts-by-platform-2021", "peer-618"):
        text = (built / "report" / "figures" / f"{name}.svg").read_text(encoding="utf-8")
        assert re.search(r"[\u4e00-\u9fff]", text), name  # the platforms' own names beside their translation
    chinese = sorted((ROOT / "build" / f"{DEFAULT_EDITION}-zh" / "report" / "figures").glob("*.svg"))
    assert len(chinese) == len(svgs)
    for svg in chinese:  # the 中文 edition's charts are Chinese throughout
        text = svg.read_text(encoding="utf-8")
        assert 'font-family="Noto Sans SC"' in text and re.search(r"[\u4e00-\u9fff]", text), svg.name


# Counts the page's live drawings (vega-embed's global, wrapped as the page's script defines it) and the drawings a
# reader is shown (live drawings put in the page in sight).
COUNT_DRAWINGS = """window.trDrawings = 0;
window.trShown = 0;
Object.defineProperty(window, "vegaEmbed", {configurable: true, set(embed) {
    const counted = function () {
        window.trDrawings += 1;
        return embed.apply(this, arguments);
    };
    Object.defineProperty(window, "vegaEmbed",
        {value: Object.assign(counted, embed), writable: true, configurable: true});
}});
new MutationObserver(records => records.forEach(r => r.addedNodes.forEach(node => {
    if (node.nodeType === 1 && node.classList.contains("tr-chart-live") && node.style.visibility !== "hidden")
        window.trShown += 1;
}))).observe(document, {childList: true, subtree: true});"""


@pytest.mark.parametrize("width", [1280, 390])
def test_charts_come_alive_in_a_real_browser_each_shown_once_fitted_to_its_column(engine_build, browser, width):
    """Headless Chromium, offline, the page opened as a file (no server): the static SVG is replaced by a live Vega
    view drawn to the width of its column, in one step a reader sees. On a desktop each chart is drawn once, sized
    from its static drawing; where a drawing has to be measured and made again (a phone's layout), the one measured
    is never shown."""
    from browsing import ALL_CHARTS_LIVE, HEIGHT, settle
    from sweeps import FITTED

    page = browser.new_page(viewport={"width": width, "height": HEIGHT[width]})  # its own: the counters stay with it
    try:
        page.add_init_script(COUNT_DRAWINGS)
        page.goto((engine_build / "site" / f"{CHAPTER}.html").as_uri())
        with contextlib.suppress(PlaywrightTimeout):  # counted below, whatever the wait found
            page.wait_for_function(ALL_CHARTS_LIVE, timeout=20_000)
        assert page.locator("figure.tr-chart.tr-live").count() == 5
        settle(page)
        page.wait_for_timeout(300)  # a drawing made again would have started by now
        assert page.evaluate(FITTED)
        drawn, shown = page.evaluate("() => [window.trDrawings, window.trShown]")
        assert shown == 5, f"{shown} drawings shown for 5 charts ({drawn} made)"
        if width >= 1280:
            assert drawn == 5, f"{drawn} drawings made for 5 charts"
    finally:
        page.close()


def test_second_make_report_does_no_work_and_says_so(built):
    outputs = [
        built / "site" / "index.html",
        built / f"trustreport-{DEFAULT_EDITION}.pdf",
        built / "chapters" / f"{CHAPTER}.ipynb",
    ]
    before = [p.stat().st_mtime_ns for p in outputs]
    result = run(["make", "report"])
    assert result.returncode == 0
    assert "Nothing changed" in result.stdout
    assert [p.stat().st_mtime_ns for p in outputs] == before


def test_prose_numbers_come_from_the_data(tmp_path):
    """Change a figure in a copy of the data: the chapter's sentence changes with it."""
    params = scratch_edition("probe", {"complaints.csv": [("2020-01/2020-09,2.19,万件", "2020-01/2020-09,3.5,万件")]})
    out = tmp_path / "out.ipynb"
    import papermill as pm

    try:
        pm.execute_notebook(
            str(ROOT / "notebooks" / f"{CHAPTER}.ipynb"),
            str(out),
            parameters={"edition": str(params), "PAPERMILL_INPUT_PATH": f"notebooks/{CHAPTER}.ipynb"},
            kernel_name="python3",
            cwd=str(ROOT),
            progress_bar=False,
        )
    finally:
        shutil.rmtree(ROOT / "build" / "probe", ignore_errors=True)  # the probe edition's table store
    text = out.read_text(encoding="utf-8")
    assert "alone it had counted 35,000" in text
    assert "alone it had counted 21,900" not in text


def test_forcing_quarto_when_it_is_missing_is_a_clear_error(built, tmp_path):
    result = run(
        [sys.executable, "-m", "trustreport", "assemble", DEFAULT_EDITION],
        env={"PATH": str(tmp_path), "REPORT_ENGINE": "quarto"},
    )  # a PATH with no quarto on it
    assert_user_error(result, 2, "quarto is not on PATH", "REPORT_ENGINE=embedded")


def test_an_unknown_engine_is_a_usage_error(built):
    assert_user_error(cli("assemble", DEFAULT_EDITION, env={"REPORT_ENGINE": "latex"}), 2, "latex")


def test_the_citation_file_names_the_released_version():
    """CITATION.cff (read by GitHub and reference managers) agrees with report/release.yml."""
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    release = yaml.safe_load((ROOT / "report" / "release.yml").read_text(encoding="utf-8"))
    assert (citation["cff-version"], citation["version"], str(citation["date-released"])) == (
        "1.2.0",
        release["version"],
        str(release["date"]),
    )
    assert citation["title"].startswith("电商信任与快手616") and citation["authors"]


def test_make_lab_starts_jupyterlab_with_the_project_kernel_and_passes_options_through():
    """As root too (Jupyter refuses root without --allow-root, which `make lab` adds there), with the user's own
    options in LAB_ARGS; the server lists the project's kernel "trustreport", which every chapter names."""
    import socket
    import threading
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    lab = subprocess.Popen(
        ["make", "lab", f"LAB_ARGS=--no-browser --port {port} --ServerApp.token=secret-token"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    said: list[str] = []  # what the server prints: the address it serves on is read there, not assumed
    threading.Thread(target=lambda: said.extend(lab.stdout), daemon=True).start()
    try:
        specs = None
        deadline = time.monotonic() + 180  # a busy machine may take long to start JupyterLab
        while specs is None and time.monotonic() < deadline:
            # the port asked for, unless another process took it since it was found free (then Jupyter says which)
            serving = re.findall(r"http://(?:127\.0\.0\.1|localhost):(\d+)/", "".join(said))
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{serving[0] if serving else port}/api/kernelspecs?token=secret-token", timeout=5
                ) as answer:
                    specs = json.load(answer)
            except OSError:
                assert lab.poll() is None, "".join(said)
                time.sleep(0.5)
        assert specs, "JupyterLab did not answer: " + "".join(said)
        assert specs["kernelspecs"]["trustreport"]["spec"]["display_name"] == "Python (trustreport)"
    finally:
        os.killpg(lab.pid, signal.SIGTERM)
        lab.wait(timeout=30)
    for notebook in sorted((ROOT / "notebooks").glob("*.ipynb")):
        assert json.loads(notebook.read_text(encoding="utf-8"))["metadata"]["kernelspec"]["name"] == "trustreport", (
            notebook.name
        )
