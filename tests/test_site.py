"""Publishing and the site in a real browser: two versions, the switcher, the what-changed page, live charts."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import DEFAULT_EDITION, ENGINES, ROOT, assert_user_error, cli, engine_of, need_engine, relative, scratch_in_project

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]
PAGES = ["index.html", "10_complaints.html", "20_gala.html", "30_festival_gmv.html", "40_trust_tactics.html", "data-dictionary.html", "changes.html"]


@pytest.fixture(scope="session", params=ENGINES)
def site(request, built, tmp_path_factory) -> Path:
    """Version 1.0.0 from the default edition, then 1.1.0 from a copy of the data with one figure changed, both
    rendered by one engine."""
    engine = request.param
    need_engine(engine)
    root = tmp_path_factory.mktemp(f"published-{engine}")
    site = root / "site"
    first = built
    if engine_of(built) != engine:
        first = root / "first"
        assert cli("assemble", DEFAULT_EDITION, "--engine", engine, "--out", str(first)).returncode == 0
    assert cli("publish", DEFAULT_EDITION, "--site", str(site), "--version", "1.0.0", "--build", str(first)).returncode == 0
    data = scratch_in_project(f"site-{engine}") / "data"
    shutil.copytree(ROOT / "data" / "raw", data)
    csv = data / "complaints.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace("2020-01/2020-09,2.19,万件", "2020-01/2020-09,3.5,万件"), encoding="utf-8")
    params = root / "changed.yml"
    params.write_text(f'edition: "site-test-{engine}"\nfocus_year: 2021\nbaseline_year: 2020\ndata_dir: "{relative(data)}"\n', encoding="utf-8")
    try:
        result = cli("build", str(params), "--engine", engine)
        assert result.returncode == 0, result.stderr
        published = cli("publish", f"site-test-{engine}", "--site", str(site), "--version", "1.1.0")
        assert published.returncode == 0, published.stderr
    finally:
        shutil.rmtree(ROOT / "build" / f"site-test-{engine}", ignore_errors=True)
    return site


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # the test output is for failures, not access logs
        pass


@pytest.fixture(scope="session")
def server(site):
    handler = functools.partial(QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium, "Debian's chromium is needed (.ci/run installs it)"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def open_page(browser, url, width: int = 1280):
    page = browser.new_page(viewport={"width": width, "height": 900})
    errors, foreign = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: foreign.append(r.url) if urlparse(r.url).hostname not in ("127.0.0.1", None) and not r.url.startswith("data:") else None)
    page.on("response", lambda r: errors.append(f"HTTP {r.status} for {r.url}") if r.status >= 400 else None)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page, errors, foreign


def test_versions_index_and_latest(site):
    index = json.loads((site / "versions.json").read_text(encoding="utf-8"))
    assert index["latest"] == "1.1.0" and [v["version"] for v in index["versions"]] == ["1.1.0", "1.0.0"]
    assert (site / "latest" / "index.html").is_file() and (site / "v" / "1.0.0" / "manifest.json").is_file()
    manifest = json.loads((site / "v" / "1.0.0" / "manifest.json").read_text(encoding="utf-8"))
    for key in ("report_version", "git_describe", "parameters", "inputs_sha256", "lock_sha256", "engine", "tools"):
        assert manifest[key], key
    assert "data/raw/complaints.csv" in manifest["inputs_sha256"]


@pytest.mark.parametrize("where", ["latest", "v/1.0.0"])
def test_every_page_loads_offline_without_errors_and_every_chart_draws(browser, server, where):
    for name in PAGES:
        page, errors, foreign = open_page(browser, f"{server}/{where}/{name}")
        try:
            assert not errors, f"{where}/{name}: {errors}"
            assert not foreign, f"{where}/{name} asked another host for {foreign}"
            charts = page.locator("figure.tr-chart")
            if charts.count():
                page.wait_for_function("document.querySelectorAll('figure.tr-chart:not(.tr-live)').length === 0", timeout=15000)
                for i in range(charts.count()):
                    assert charts.nth(i).locator("svg.marks path, svg.marks text").count() > 0, f"{name}: chart {i} drew nothing"
            page.wait_for_selector(".tr-versions select", timeout=10000)
            options = page.locator(".tr-versions select option").all_inner_texts()
            assert len(options) == 2 and any("1.0.0" in o for o in options) and any("1.1.0" in o for o in options)
            pdf_links = page.locator('a[href$=".pdf"]')
            assert pdf_links.count() >= 1, f"{name}: no link to the PDF"
            assert page.request.get(pdf_links.first.evaluate("a => a.href")).ok, f"{name}: the PDF link is broken"
        finally:
            page.close()


def test_the_switcher_moves_between_versions(browser, server):
    page, errors, _ = open_page(browser, f"{server}/latest/20_gala.html")
    page.wait_for_selector(".tr-versions select")
    page.select_option(".tr-versions select", "1.0.0")
    page.wait_for_url(f"{server}/v/1.0.0/20_gala.html")
    assert not errors
    page.close()


def test_moving_a_what_if_slider_changes_the_result(browser, server):
    page, errors, _ = open_page(browser, f"{server}/latest/40_trust_tactics.html")
    page.wait_for_selector("#fig-gmv-what-if.tr-live")
    labels = lambda: page.locator("#fig-gmv-what-if svg text").all_text_contents()  # noqa: E731
    values = lambda: [t for t in labels() if t.endswith(" 亿元")]  # noqa: E731  the two bars' labels
    before = values()
    slider = page.locator("#fig-gmv-what-if input[type=range]").first
    slider.evaluate("el => { el.value = el.max; el.dispatchEvent(new Event('input', {bubbles: true})); }")
    page.wait_for_function("(b) => [...document.querySelectorAll('#fig-gmv-what-if svg text')].map(t => t.textContent).filter(t => t.endsWith(' 亿元')).join() !== b", arg=",".join(before))
    after = values()
    assert before[0] == after[0] and before[1] != after[1], (before, after)  # base stays, what-if moves
    assert not errors
    page.close()


def test_what_changed_lists_the_changed_figure_with_its_source(site):
    page = (site / "v" / "1.1.0" / "changes.html").read_text(encoding="utf-8")
    assert "Compared with version" in page and "1 figure changed" in page
    row = page.split("c-12315-live-2020q3", 1)[1].split("</tr>", 1)[0]
    assert "21,900" in row and "35,000" in row and "workers-daily-2020q3" in row
    assert "Headline numbers that changed" in page and "10_complaints" in page
    first = (site / "v" / "1.0.0" / "changes.html").read_text(encoding="utf-8")
    assert "The first published version" in first


def test_a_published_version_is_immutable(site):
    before = (site / "v" / "1.1.0" / "manifest.json").read_bytes()
    assert_user_error(cli("publish", DEFAULT_EDITION, "--site", str(site), "--version", "1.1.0"), 1, "already published with different content")
    assert (site / "v" / "1.1.0" / "manifest.json").read_bytes() == before
    same = cli("publish", DEFAULT_EDITION, "--site", str(site), "--version", "1.0.0")
    assert same.returncode == 0 and "nothing to do" in same.stdout


def search(page, term: str) -> list[str]:
    """Type a term into the site's search box, as a reader would, and return where the results lead."""
    if page.locator("#tr-search").count():  # the embedded engine's search
        page.fill("#tr-search", term)
        page.wait_for_selector("#tr-search-results a")
        return page.locator("#tr-search-results a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    page.locator("#quarto-search input").first.click()  # Quarto's own search
    page.keyboard.type(term)
    page.wait_for_selector(".aa-Panel a.search-result-link")
    return page.locator(".aa-Panel a.search-result-link").evaluate_all("links => links.map(a => a.getAttribute('href'))")


def test_site_search_finds_chinese_terms(browser, server):
    page, errors, _ = open_page(browser, f"{server}/latest/index.html")
    targets = search(page, "匹诺曹")
    assert any(t.lstrip("./").startswith("40_trust_tactics.html") for t in targets), targets
    assert not errors
    page.close()
