"""The site as a reader opens it: served over HTTP from a local folder, in headless Chromium (Debian's own, driven by
Playwright), offline. Waits are for what a reader waits for (a page loaded, every chart live), never a fixed time, and
generous: on a busy machine Chromium may take many seconds to start or draw."""

from __future__ import annotations

import functools
import http.server
import shutil
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
# How long a page may take to load, a chart to come alive, Chromium to start: long, since a machine running builds
# beside the tests is slow; a page that never gets there still fails.
PATIENCE_MS = 60_000
# A phone's screen is 390 x 844; a desktop's window 1280 x 900.
HEIGHT = {390: 844, 1280: 900}
# Every chart on a page drawn live (charts.js marks a figure tr-live once Vega has drawn it).
ALL_CHARTS_LIVE = "document.querySelectorAll('figure.tr-chart:not(.tr-live)').length === 0"
# For a page function: rgb() reads a computed colour as numbers, lum() gives its relative luminance (WCAG 2.1).
LUMINANCE = r"""
    const rgb = s => (s.match(/[\d.]+/g) || []).map(Number);
    const lum = c => {
        const linear = v => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
        const [r, g, b] = c.slice(0, 3).map(linear);
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # the test output is for failures, not access logs
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        """A page closed while a file was still on its way (the test had read what it needed) is not an error."""
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


@contextmanager
def serving(folder: Path) -> Iterator[str]:
    """`folder` served over HTTP on a free port of 127.0.0.1: the address to open."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    httpd = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@contextmanager
def chromium() -> Iterator:
    """A headless Chromium, closed on leaving: Debian's headless shell where it is installed (the same Blink without
    the browser's window machinery: a tenth less CPU a page, measured on the sweeps), else Debian's chromium."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium-headless-shell") or shutil.which("chromium") or shutil.which("chromium-browser")
    assert executable, "Debian's chromium-headless-shell or chromium is needed (.ci/run installs them)"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, timeout=PATIENCE_MS * 2)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def tab(browser, width: int = 1280, scheme: str = "light", height: int | None = None) -> Iterator:
    """One tab at `width` px (a phone's or a desktop's height, unless given) in `scheme`, patient as PATIENCE_MS says,
    closed on leaving however the test ends. A test reads its pages in it one after the other, as a reader goes from
    page to page: a new tab a page cost twice the CPU (0.92 against 0.45 CPU-seconds a page, measured)."""
    page = browser.new_page(viewport={"width": width, "height": height or HEIGHT.get(width, 900)}, color_scheme=scheme)
    page.set_default_timeout(PATIENCE_MS)
    try:
        yield page
    finally:
        page.close()


def watch(page) -> tuple[list[str], list[str]]:
    """What goes wrong on `page` from now on (console errors, uncaught exceptions, failed requests) and the addresses it
    asks another host for, each list filled as it happens; `settle` reads the requests still in flight."""
    errors: list[str] = []
    foreign: list[str] = []
    in_flight: dict = {}
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on(
        "request",
        lambda r: (
            foreign.append(r.url)
            if urlparse(r.url).hostname not in ("127.0.0.1", None) and not r.url.startswith("data:")
            else None
        ),
    )
    page.on("request", lambda r: in_flight.__setitem__(id(r), r.url))
    page.on("requestfinished", lambda r: in_flight.pop(id(r), None))
    page.on("requestfailed", lambda r: in_flight.pop(id(r), None))
    page.on("response", lambda r: errors.append(f"HTTP {r.status} for {r.url}") if r.status >= 400 else None)
    _IN_FLIGHT[id(page)] = in_flight
    page.on("close", lambda: _IN_FLIGHT.pop(id(page), None))
    return errors, foreign


# The requests each watched page has in flight (by the page's id), for `settle`.
_IN_FLIGHT: dict[int, dict] = {}


def settle(page) -> None:
    """Wait until `page` has loaded, its fonts are ready and (if `watch`ed) no request of its is in flight: what a
    reader's page has fetched by the time they read it. Not Playwright's "networkidle", which also waits for half a
    second without a request and, when it times out, does not say what it was waiting for; this names the requests
    still open after PATIENCE_MS."""
    page.wait_for_load_state("load")
    page.evaluate("() => document.fonts.ready.then(() => true)")
    in_flight = _IN_FLIGHT.get(id(page), {})
    waited = 0
    while in_flight and waited < PATIENCE_MS:
        page.wait_for_timeout(25)  # lets Playwright deliver the page's events
        waited += 25
    assert not in_flight, f"still loading after {PATIENCE_MS // 1000} s: {sorted(set(in_flight.values()))}"


def open_page(browser, url: str, width: int = 1280):
    """A new page at `url`, loaded, with what went wrong on it and the addresses it asked another host for (`watch`)."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.set_default_timeout(PATIENCE_MS)
    errors, foreign = watch(page)
    page.goto(url)
    settle(page)
    return page, errors, foreign


def search(page, term: str) -> list[str]:
    """Type a term into the site's search box, as a reader would, and return where the results lead."""
    if page.locator("#tr-search").count():  # the embedded engine's search
        page.fill("#tr-search", term)
        page.wait_for_selector("#tr-search-results a")
        return page.locator("#tr-search-results a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    page.locator("#quarto-search input").first.click()  # Quarto's own search
    page.keyboard.type(term)
    page.wait_for_selector(".aa-Panel a.search-result-link")
    return page.locator(".aa-Panel a.search-result-link").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
